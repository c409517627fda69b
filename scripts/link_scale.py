"""Linking at scale: seconds and peak memory of `herald link --all` on synthetic stores.

    .venv/bin/python scripts/link_scale.py /tmp/synthetic-10k.duckdb /tmp/synthetic-30k.duckdb

Each store (built by scripts/synthetic_archive.py) is relinked from scratch in a fresh
child process that measures its own process tree (herald.bench.measure): wall and CPU
seconds, peak RSS, then the stories it made, and how they compare with the stories the
generator made (each clone's URL names its true story): B-cubed precision, recall and F1
over documents, a document's story being that of the event it reports first. The figures
go in README ("Scale").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from herald.bench.measure import isolated, measured
from herald.bench.synthetic import true_story
from herald.eval.scoring import b_cubed
from herald.link.stage import relink_all, stories_of_documents
from herald.store.database import Store


def relink(path: Path) -> dict[str, Any]:
    with Store.open(path) as store, measured() as measure:
        summary = relink_all(store)
    with Store.open_reader(path) as store:
        documents, events = store.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)"
        ).fetchone()
        stories, largest, multi = store.con.execute(
            "SELECT count(*), max(documents), count(*) FILTER (WHERE documents > 1) FROM stories"
        ).fetchone()
        truth = {
            doc_id: story
            for doc_id, url in store.con.execute("SELECT doc_id, url FROM documents").fetchall()
            if (story := true_story(url)) is not None
        }
        found = {doc: story for doc, story in stories_of_documents(store).items() if story}
    precision, recall, f1 = b_cubed(truth, found)
    return {
        "store": str(path),
        "documents": documents,
        "events": events,
        "seconds": round(measure.seconds, 1),
        "cpu_seconds": round(measure.cpu_seconds, 1),
        "peak_rss_mib": round(measure.peak_rss_mib),
        "candidate_pairs": summary.candidate_pairs,
        "links": summary.links,
        "weak_links": summary.weak_links,
        "stories": stories,
        "stories_of_several_documents": multi,
        "largest_story_documents": largest,
        "b_cubed": [round(x, 3) if x is not None else None for x in (precision, recall, f1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", type=Path, nargs="+")
    args = parser.parse_args()
    for path in args.stores:
        print(json.dumps(isolated(relink, path)), flush=True)


if __name__ == "__main__":
    main()
