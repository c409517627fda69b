"""The rows linking reads (herald.store.link_rows): made from each batch as it is written,
they are the rows the stored tables give, and a read by id gives the same rows whichever
way it goes."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import herald
from herald.cli.demo import samples_dir
from herald.link.stage import link_new
from herald.store import link_rows
from herald.store.database import Store

ORDER = "ORDER BY ALL"


@pytest.fixture(scope="module")
def samples() -> list:
    """herald's extractions of the shipped sample articles, each with all its events."""
    texts = sorted(samples_dir().glob("*.txt")) + sorted(samples_dir().glob("*.html"))
    return [
        herald.extract(
            path.read_text(encoding="utf-8"), "2017-12-18", id=path.name, all_events=True
        )
        for path in texts
    ]


def tables(con: duckdb.DuckDBPyConnection) -> tuple[list, list]:
    rows = con.execute(f"SELECT * FROM link_rows {ORDER}").fetchall()
    return rows, con.execute(f"SELECT * FROM link_articles {ORDER}").fetchall()


def test_rows_written_batch_by_batch_are_those_of_the_stored_tables(samples) -> None:
    store = Store.open(":memory:")
    for extraction in samples:  # one batch each
        store.write([extraction])
    written = tables(store.con)
    assert len(written[0]) == sum(len(e.events) for e in samples) > 10
    assert len(written[1]) == len(samples)
    # Made again from the stored tables, as the migration makes them for an older file.
    store.con.execute("DROP TABLE link_rows; DROP TABLE link_articles")
    link_rows.create(store.con)
    assert tables(store.con) == written
    leads = [row for row in written[0] if row[16]]
    assert leads and any(row[17] for row in written[0])  # lead actors; the anchor's title


def test_a_document_written_again_adds_no_link_rows(samples) -> None:
    store = Store.open(":memory:")
    store.write(samples[:1])
    once = tables(store.con)
    store.write(samples[:1])
    assert tables(store.con) == once


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 299), max_size=40),
    st.sampled_from([0, 10, 10_000_000]),
)
def test_a_read_by_id_gives_the_same_rows_through_the_index_or_a_scan(
    numbers: list[int], ratio: int
) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (id VARCHAR PRIMARY KEY, n INTEGER); "
        "INSERT INTO t SELECT 'id' || i, i FROM range(300) r(i)"
    )
    ids = [f"id{n}" for n in numbers] + ["missing"]
    expected = sorted(
        con.execute("SELECT * FROM t WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    )
    old = link_rows.INDEX_RATIO, link_rows.IN_LIST
    # 0: always the index (in lists of 7); huge: always a scan
    link_rows.INDEX_RATIO, link_rows.IN_LIST = ratio, 7
    try:
        read = sorted(link_rows.by_ids(con, "SELECT * FROM t WHERE", "id", ids, 300))
    finally:
        link_rows.INDEX_RATIO, link_rows.IN_LIST = old
    assert read == expected


def test_a_link_run_makes_the_rows_a_file_lacks(samples) -> None:
    # rows put into the file by other means than Store (here: the link rows deleted) are
    # given theirs when linking starts, the same as Store writes
    store = Store.open(":memory:")
    store.write(samples)
    written = tables(store.con)
    doc = samples[0].doc.doc_id
    store.con.execute("DELETE FROM link_rows WHERE doc_id = ?", [doc])
    store.con.execute("DELETE FROM link_articles WHERE doc_id = ?", [doc])
    link_new(store)
    assert tables(store.con) == written
    pending = "SELECT count(*) FROM events WHERE story_id IS NULL"
    assert store.con.execute(pending).fetchone()[0] == 0
