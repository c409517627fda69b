"""Where a relink spends its CPU: seconds per step of `herald link --all` on a synthetic store.

    .venv/bin/python scripts/link_profile.py /tmp/synthetic-10k.duckdb /tmp/synthetic-30k.duckdb

Each store (built by scripts/synthetic_archive.py) is copied, and the copy relinked from
scratch in a fresh child process whose linking steps (``herald.link.stage`` and the feature
reads of ``herald.link.features``) are wrapped to count their calls and CPU seconds. Steps
nest (a read inside corroboration counts in both). Printed as one JSON line per store, with
microseconds per event; the figures go in README ("Scale", ninth round).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from herald.bench.measure import isolated
from herald.link import features, stage
from herald.store.database import Store

STEPS = {
    stage: (
        "_insert_keys",
        "_candidates",
        "_corroborating_articles",
        "_labels",
        "_apply",
        "refresh_stories",
        "linked",
    ),
    features: ("_read", "_features"),
}


def _timed(function: Callable[..., Any], name: str, seconds: dict, calls: dict) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] += time.process_time() - start
            calls[name] += 1

    return wrapper


def profile(path: Path) -> dict[str, Any]:
    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for module, names in STEPS.items():
        for name in names:
            setattr(module, name, _timed(getattr(module, name), name, seconds, calls))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy(path, copy)
        with Store.open(copy) as store:
            start = time.process_time()
            stage.relink_all(store)
            total = time.process_time() - start
            events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    per_event = {name: round(1e6 * value / events) for name, value in seconds.items()}
    return {
        "store": str(path),
        "events": events,
        "cpu_seconds": round(total, 1),
        "cpu_us_per_event": round(1e6 * total / events),
        "step_seconds": {name: round(value, 1) for name, value in seconds.items()},
        "step_us_per_event": per_event,
        "step_calls": dict(calls),
        "feature_rows_per_event": round(calls["_features"] / events, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", type=Path, nargs="+")
    args = parser.parse_args()
    for path in args.stores:
        print(json.dumps(isolated(profile, path)), flush=True)


if __name__ == "__main__":
    main()
