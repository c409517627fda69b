"""scripts/link_scale.py --statements: every DuckDB statement of a relink timed by kind."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from herald.link import documents, features, stories
from herald.link.components import _CANDIDATES_SQL, COVERAGES, STORIES, Grouping
from herald.store.database import Store
from tests.link.test_link import report

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "link_scale.py"


def link_scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("link_scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def candidates_sql(grouping: Grouping) -> str:
    return _CANDIDATES_SQL.format(
        member=grouping.member, keys=grouping.keys, table=grouping.table, group=grouping.group
    )


def test_the_statements_of_a_relink_are_told_apart_by_their_sql() -> None:
    kind = link_scale().statement_kind
    assert kind(candidates_sql(STORIES)) == "candidate query (events)"
    assert kind(candidates_sql(COVERAGES)) == "candidate query (documents)"
    assert kind(features.rows_sql(features._BY_IDS)) == "feature read"
    assert kind(stories._REPORT_SQL) == "story reports"
    assert kind(documents._BATCH_SQL) == "document batch read"
    assert kind("UPDATE events SET story_id = l.new FROM _herald_labels l") == "story ids written"
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
