"""Linking at scale: seconds and peak memory of `herald link --all` on synthetic stores.

    .venv/bin/python scripts/link_scale.py /tmp/synthetic-10k.duckdb /tmp/synthetic-30k.duckdb

Each store (built by scripts/synthetic_archive.py) is relinked from scratch in a fresh
child process that measures its own process tree (herald.bench.measure): wall and CPU
seconds, peak RSS, the feature rows it read per event (an event read twice counts twice)
and the statements that read them (each scans its tables whatever it reads), then the
stories it made, the density of the archive (``documents_a_day``: how many documents were
published on a document's day, on average over documents: what its events meet), the load
average of the machine before and after (CPU seconds grow with it on a shared machine),
and how its stories compare with the stories the generator made (each
clone's URL names its true story): B-cubed precision, recall and F1 over documents, a
document's story being its coverage (``herald.link.documents``; before the twelfth round,
the story of the event it reports first). The figures go in README ("Scale").

With ``--steps``, each store is copied and the copy relinked with its linking steps
(``herald.link.stage`` and the feature reads of ``herald.link.features``) wrapped to count
their calls and CPU seconds instead: where a relink spends its CPU, in microseconds per
event. Steps nest (a read inside corroboration counts in both). docs/scale-log.md, ninth round.

With ``--statements``, the copy is relinked with every DuckDB statement timed instead (CPU
seconds of the process, fetching the rows included, and the commits), grouped by what the
statement does: calls, seconds, seconds a call and microseconds per event. A statement whose
seconds a call grow with the archive for the same work is one that reads the archive whole
each batch (docs/scale-log.md, fourteenth round).

With ``--scans``, the copy is relinked under DuckDB's profiler instead, and each statement's
scans of stored tables are summed by kind of statement and table: calls, rows scanned,
row groups scanned out of those the table holds, and the scans' operator seconds. Rows
scanned are counted, not timed: a statement whose rows scanned a call grow with the
archive for the same work reads the archive whole each batch, whatever the machine's load
(docs/scale-log.md, fifteenth round).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, astuple, dataclass
from pathlib import Path
from typing import Any

from herald.bench.measure import isolated, measured
from herald.bench.synthetic import true_story
from herald.eval.scoring import b_cubed
from herald.link import features, stage
from herald.link.stage import relink_all, stories_of_documents
from herald.store.database import Store

# Documents published on a document's day, averaged over documents.
DENSITY_SQL = """
    SELECT sum(n * n) / sum(n) FROM (SELECT count(*) AS n FROM documents GROUP BY published_date)
"""


def relink(path: Path) -> dict[str, Any]:
    made = _counted(features, "_features")
    reads = _counted(features, "_read", lambda con, ids, *rest: bool(ids))
    load_before = os.getloadavg()[0]
    with Store.open(path) as store, measured() as measure:
        summary = relink_all(store)
    load_after = os.getloadavg()[0]
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
        density = store.con.execute(DENSITY_SQL).fetchone()[0]
        coverages, largest_coverage = store.con.execute(
            "SELECT count(*), max(n) FROM "
            "(SELECT count(*) AS n FROM documents GROUP BY coverage_id)"
        ).fetchone()
    precision, recall, f1 = b_cubed(truth, found)
    return {
        "store": str(path),
        "documents": documents,
        "events": events,
        "documents_a_day": round(density, 1),
        "load": [round(load_before, 1), round(load_after, 1)],
        "seconds": round(measure.seconds, 1),
        "cpu_seconds": round(measure.cpu_seconds, 1),
        "cpu_us_per_event": round(1e6 * measure.cpu_seconds / events),
        "peak_rss_mib": round(measure.peak_rss_mib),
        "feature_rows_per_event": round(made() / events, 2),
        "feature_reads": reads(),
        "candidate_pairs": summary.candidate_pairs,
        "links": summary.links,
        "weak_links": summary.weak_links,
        "stories": stories,
        "stories_of_several_documents": multi,
        "largest_story_documents": largest,
        "coverage_links": summary.coverage_links,
        "coverages": coverages,
        "largest_coverage_documents": largest_coverage,
        "b_cubed": [round(x, 3) if x is not None else None for x in (precision, recall, f1)],
    }


STEPS = {
    stage: (
        "insert_keys",
        "candidates",
        "_corroborating_articles",
        "labels",
        "apply",
        "refresh_stories",
        "linked",
        "link_documents",
        "merge_by_stories",
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


def _counted(
    module: Any, name: str, counts: Callable[..., bool] = lambda *args: True
) -> Callable[[], int]:
    """Count the calls of ``module.name`` from now on (in this process) for which ``counts``
    is true: returns the count. A feature row made is a row read, so this counts the rows a
    relink reads again; a call of ``_read`` with ids is a read of the link rows (and of their
    articles)."""
    function = getattr(module, name)
    calls = 0

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += counts(*args, **kwargs)
        return function(*args, **kwargs)

    setattr(module, name, counting)
    return lambda: calls


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


# What a statement does, told by words of its SQL (whitespace folded), first match wins.
STATEMENT_KINDS = (
    ("candidate query (events)", ("ranked AS", "link_keys")),
    ("candidate query (documents)", ("ranked AS", "coverage_keys")),
    ("feature read", ("FROM link_rows WHERE",)),
    ("document batch read", ("anchor FROM link_articles WHERE",)),
    ("anchored documents (once a run)", ("e.event_id = a.anchor",)),
    ("covered mates' coverages", ("coverage_id IS NOT NULL AND",)),
    ("story reports", ("SELECT e.story_id, e.event_id",)),
    ("articles", ("FROM link_articles WHERE",)),
    ("story mates (documents)", ("touched AS",)),
    ("coverage keys read", ("FROM coverage_keys WHERE",)),
    ("labels: smallest member", ("min(", "GROUP BY")),
    ("candidates' stored stories", ("SELECT event_id, story_id FROM events WHERE",)),
    ("stale keys deleted", ("DELETE FROM link_keys WHERE",)),
    ("story ids written", ("UPDATE events",)),
    ("coverage ids written", ("UPDATE documents",)),
    ("stories deleted", ("DELETE FROM stories",)),
    ("stories inserted", ("INSERT INTO stories",)),
    ("keys inserted", ("INSERT INTO",)),
    ("next batch numbers", ("FROM _herald_pending WHERE",)),
)


def statement_kind(sql: str) -> str:
    """The kind of a statement (``STATEMENT_KINDS``), else "other"."""
    folded = " ".join(sql.split())
    for kind, words in STATEMENT_KINDS:
        if all(word in folded for word in words):
            return kind
    return "other"


class _Fetched:
    """The rows of a statement, fetched while it was timed."""

    def __init__(self, rows: list[tuple], description: Any) -> None:
        self.rows, self.description = rows, description
        self.taken = 0  # rows given by fetchmany

    def fetchall(self) -> list[tuple]:
        return self.rows

    def fetchmany(self, size: int) -> list[tuple]:
        self.taken += size
        return self.rows[self.taken - size : self.taken]

    def fetchone(self) -> tuple | None:
        return self.rows[0] if self.rows else None


class _TimedConnection:
    """A DuckDB connection whose ``execute`` (rows fetched) and ``commit`` are timed by
    kind; everything else goes to the connection as it is."""

    def __init__(self, con: Any, seconds: dict[str, float], calls: dict[str, int]) -> None:
        self._con, self._seconds, self._calls = con, seconds, calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def _record(self, kind: str, start: float) -> None:
        self._seconds[kind] += time.process_time() - start
        self._calls[kind] += 1

    def execute(self, sql: str, parameters: Any = None) -> _Fetched:
        # DuckDB does much of a statement's work while its rows are fetched: both are timed.
        start = time.process_time()
        cursor = self._con.execute(sql, parameters)
        fetched = _Fetched(cursor.fetchall(), cursor.description)
        self._record(statement_kind(sql), start)
        return fetched

    def commit(self) -> None:
        start = time.process_time()
        self._con.commit()
        self._record("commit", start)


def statements(path: Path) -> dict[str, Any]:
    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy(path, copy)
        with Store.open(copy) as store:
            con, store.con = store.con, _TimedConnection(store.con, seconds, calls)
            start = time.process_time()
            summary = stage.relink_all(store)
            total = time.process_time() - start
            store.con = con
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    kinds = sorted(seconds, key=lambda kind: -seconds[kind])
    return {
        "store": str(path),
        "events": events,
        "cpu_seconds": round(total, 1),
        "cpu_us_per_event": round(1e6 * total / events),
        "candidate_pairs": summary.candidate_pairs,
        "links": summary.links,
        "weak_links": summary.weak_links,
        "coverage_links": summary.coverage_links,
        "statements": {
            kind: {
                "calls": calls[kind],
                "seconds": round(seconds[kind], 2),
                "seconds_a_call": round(seconds[kind] / calls[kind], 4),
                "us_per_event": round(1e6 * seconds[kind] / events, 1),
            }
            for kind in kinds
        },
    }


class _ScannedConnection:
    """A connection profiled by DuckDB: after each statement, its scans of stored tables
    (``Table`` in the profile) are added to ``scans[kind][table]``; everything else goes to
    the connection as it is."""

    def __init__(self, con: Any, profile_file: Path, scans: dict[str, dict[str, Scan]]) -> None:
        self._con, self._file, self._scans = con, profile_file, scans
        con.execute("PRAGMA enable_profiling = 'json'")
        con.execute(f"SET profiling_output = '{profile_file}'")
        con.execute("SET profiling_coverage = 'ALL'")
        con.execute("SET profiling_mode = 'detailed'")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, parameters: Any = None) -> _Fetched:
        self._file.unlink(missing_ok=True)  # a statement not profiled leaves no file
        cursor = self._con.execute(sql, parameters)
        fetched = _Fetched(cursor.fetchall(), cursor.description)
        if self._file.exists():
            by_table = self._scans[statement_kind(sql)]
            for table, scan in table_scans(json.loads(self._file.read_text())).items():
                by_table[table] = by_table.get(table, Scan()) + scan
        return fetched


@dataclass(frozen=True)
class Scan:
    """What the scans of one table cost: statements, rows, row groups read out of those
    the table held, and the scans' operator seconds (DuckDB's profile)."""

    calls: int = 0
    rows: int = 0
    row_groups: int = 0
    row_groups_held: int = 0
    seconds: float = 0.0

    def __add__(self, other: Scan) -> Scan:
        return Scan(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def table_scans(profile: dict[str, Any]) -> dict[str, Scan]:
    """The scans of stored tables in one statement's JSON profile, by table name (a table
    read twice in a statement counts one call, its rows twice)."""
    found: dict[str, Scan] = {}
    pending = list(profile.get("operator", []))
    while pending:
        node = pending.pop()
        pending.extend(node.get("children", []))
        table = node.get("extra_info", {}).get("Table")
        if node.get("type") == "TABLE_SCAN" and table:
            name = table.rsplit(".", 1)[-1]
            scan = Scan(
                0,
                node.get("rows_scanned", 0),
                node.get("row_groups_scanned", 0),
                node.get("total_row_groups_to_scan", 0),
                node.get("timing", 0.0),
            )
            found[name] = found.get(name, Scan(calls=1)) + scan
    return found


def scans(path: Path) -> dict[str, Any]:
    by_kind: dict[str, dict[str, Scan]] = defaultdict(dict)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy(path, copy)
        with Store.open(copy) as store:
            con = store.con
            store.con = _ScannedConnection(con, Path(folder) / "profile.json", by_kind)
            summary = stage.relink_all(store)
            con.execute("PRAGMA disable_profiling")
            store.con = con
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    rows = sum(scan.rows for tables in by_kind.values() for scan in tables.values())
    return {
        "store": str(path),
        "events": events,
        "candidate_pairs": summary.candidate_pairs,
        "links": summary.links,
        "weak_links": summary.weak_links,
        "rows_scanned": rows,
        "rows_scanned_per_event": round(rows / events, 1),
        "scans": {
            kind: {table: asdict(scan) for table, scan in sorted(tables.items())}
            for kind, tables in sorted(by_kind.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", type=Path, nargs="+")
    parser.add_argument("--steps", action="store_true", help="CPU per linking step instead")
    parser.add_argument(
        "--statements", action="store_true", help="CPU per kind of DuckDB statement instead"
    )
    parser.add_argument(
        "--scans", action="store_true", help="rows of stored tables scanned, by statement"
    )
    args = parser.parse_args()
    modes = (("scans", scans), ("statements", statements), ("steps", profile))
    work = next((work for flag, work in modes if getattr(args, flag)), relink)
    for path in args.stores:
        print(json.dumps(isolated(work, path)), flush=True)


if __name__ == "__main__":
    main()
