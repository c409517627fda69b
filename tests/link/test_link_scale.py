"""scripts/link_scale.py --statements: every DuckDB statement of a relink timed by kind."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from herald.link import documents, features, run_stories, stories
from herald.link.components import COVERAGES, STORIES, candidates_sql
from herald.store.database import Store
from tests.link.test_link import report

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "link_scale.py"


def link_scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("link_scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would: its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_the_statements_of_a_relink_are_told_apart_by_their_sql() -> None:
    kind = link_scale().statement_kind
    assert kind(candidates_sql(STORIES, groups_given=True)) == "candidate query (events)"
    assert kind(candidates_sql(COVERAGES, groups_given=False)) == "candidate query (documents)"
    stored = run_stories.STORED_SQL
    assert kind(stored) == "candidates' stored stories"
    assert kind(f"{features._ROWS} event_id IN (?)") == "feature read"
    assert kind(f"{features.ARTICLES} doc_id IN (?)") == "articles"
    assert kind(stories._REPORT_SQL) == "story reports"
    assert kind(f"{documents._BATCH_SQL} doc_id IN (?)") == "document batch read"
    assert kind(documents._RUN_ANCHORED_SQL) == "anchored documents (once a run)"
    assert kind(f"{documents._COVERED_SQL} doc_id IN (?)") == "covered mates' coverages"
    assert kind("UPDATE events SET story_id = l.new FROM _herald_labels l") == "story ids written"
    read_back = "SELECT doc_id, min(lo), list(key) FROM coverage_keys WHERE doc_id IN (?)"
    assert kind(f"{read_back} GROUP BY doc_id") == "coverage keys read"
    labels = "SELECT story_id, min(event_id) FROM events GROUP BY story_id"
    assert kind(labels) == "labels: smallest member"
    assert kind("SELECT 42") == "other"


def test_a_relink_is_timed_statement_by_statement(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    with Store.open(path) as store:
        store.write([report(f"m{n}", f"2017-12-{18 + n % 2}") for n in range(4)])
    result = link_scale().statements(path)
    assert result["events"] == 4 and result["links"] > 0
    timed = result["statements"]
    for kind in ("candidate query (events)", "feature read", "story reports", "commit"):
        assert timed[kind]["calls"] >= 1
    # the store itself is left as it was: the copy was relinked
    with Store.open_reader(path) as store:
        assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == 0


def test_a_profile_gives_the_scans_of_stored_tables() -> None:
    profile = {
        "operator": [
            {
                "type": "HASH_JOIN",
                "extra_info": {},
                "children": [
                    {
                        "type": "TABLE_SCAN",
                        "extra_info": {"Table": "store.main.events"},
                        "rows_scanned": 10,
                        "row_groups_scanned": 1,
                        "total_row_groups_to_scan": 2,
                        "timing": 0.5,
                    },
                    {
                        "type": "TABLE_SCAN",
                        "extra_info": {"Table": "store.main.events"},
                        "rows_scanned": 30,
                        "row_groups_scanned": 2,
                        "total_row_groups_to_scan": 2,
                        "timing": 0.25,
                    },
                    {"type": "TABLE_SCAN", "extra_info": {"Function": "PYTHON_ARROW_SCAN"}},
                ],
            }
        ]
    }
    scan = link_scale().table_scans(profile)
    assert list(scan) == ["events"]  # an Arrow table handed in is not stored
    assert (scan["events"].calls, scan["events"].rows, scan["events"].seconds) == (1, 40, 0.75)
    assert (scan["events"].row_groups, scan["events"].row_groups_held) == (3, 4)


def test_a_relink_counts_the_rows_each_statement_scans(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    with Store.open(path) as store:
        store.write([report(f"m{n}", f"2017-12-{18 + n % 2}") for n in range(4)])
    result = link_scale().scans(path)
    events = result["events"]
    assert events == 4 and result["links"] > 0
    # the statements that read or write each event by id found them all
    for kind, table in (
        ("story ids written", "events"),
        ("feature read", "link_rows"),
        ("story reports", "events"),
    ):
        assert result["scans"][kind][table]["rows"] >= events
    assert result["rows_scanned"] == sum(
        scan["rows"] for tables in result["scans"].values() for scan in tables.values()
    )
    with Store.open_reader(path) as store:
        assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
