"""Build a synthetic herald store of N documents (herald.bench.synthetic), unlinked.

    .venv/bin/python scripts/synthetic_archive.py /tmp/synthetic-100k.duckdb --documents 100000

By default every archive spans about two years, so a bigger one is denser. ``--per-day D``
publishes the stories on days drawn evenly from as many days as give D documents a day (the
density of a growing archive, which adds days rather than stories a day); README "Scale"
measures both. ``--in-order`` writes the documents in order of publication, as a real
archive arrives (by default story by story, the reports of a story together).

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
    parser.add_argument(
        "--per-day", type=float, help="documents a day (default: two years whatever the size)"
    )
    parser.add_argument(
        "--in-order", action="store_true", help="write the documents in order of publication"
    )
    args = parser.parse_args()
    span = round(args.documents / args.per_day) if args.per_day else None
    seeds = seed_extractions(show_progress=True)
    started = time.perf_counter()
    with tqdm(total=args.documents, unit="doc", desc="synthetic") as bar:
        added = build_synthetic_store(
            args.path,
            args.documents,
            args.seed,
            seeds,
            progress=bar.update,
            span_days=span,
            in_order=args.in_order,
        )
    print(f"{added} documents added to {args.path} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
