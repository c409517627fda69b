"""Build a synthetic herald store of N documents (herald.bench.synthetic), unlinked.

    .venv/bin/python scripts/synthetic_archive.py /tmp/synthetic-100k.duckdb --documents 100000

The first run extracts the news_cluster articles once (HERALD_DATA must point at the
shared data) and caches them; the store is never part of the repository.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tqdm import tqdm

from herald.bench.synthetic import build_synthetic_store, seed_extractions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seeds = seed_extractions(show_progress=True)
    started = time.perf_counter()
    with tqdm(total=args.documents, unit="doc", desc="synthetic") as bar:
        added = build_synthetic_store(
            args.path, args.documents, args.seed, seeds, progress=bar.update
        )
    print(f"{added} documents added to {args.path} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
