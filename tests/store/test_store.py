"""The DuckDB store: schema migrations, batch transactions, re-runs, crashes and queries."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import herald.store.database as store_module
from herald.errors import UnknownValueError, UsageError
from herald.records import (
    Actor,
    Attribution,
    Document,
    Event,
    Evidence,
    Extraction,
    Mention,
    Place,
    Quote,
    RawDocument,
    Rejected,
    Rejection,
    TimeValue,
)
from herald.store.database import Store
from herald.store.filters import event_filters
from herald.store.schema import MIGRATIONS, TABLES, apply_migrations, migration

EVENTS_PER_DOC = 3


def make_extraction(
    key: str,
    *,
    events: int = EVENTS_PER_DOC,
    when: str | None = "2018-01",
    modality: str = "planned",
    event_type: str = "CONSULT",
) -> Extraction:
    """A small but complete extraction: two actors, ``events`` events, a quote, a timex."""
    doc_id = f"doc-{key}"
    sentence = "Canada and the United States will co-host a meeting in Vancouver."
    doc = Document(
        doc_id=doc_id,
        id=f"{key}.txt",
        source=f"/news/{key}.txt",
        text=f'OTTAWA -- {sentence} "We will meet," Tillerson said.',
        url=f"https://example.org/{key}",
        title=f"Story {key}",
        published=TimeValue("Dec. 18, 2017", "2017-12-18", "day", "absolute"),
        published_how="metadata",
        dateline="OTTAWA",
        captions=("A caption.",),
        credits=("A PHOTOGRAPHER/Agency",),
    )
    canada = Actor(
        f"{doc_id}:a0", doc_id, "Canada", "country", "CAN", "GOV", (), (Mention("Canada", 10, 16),)
    )
    tillerson = Actor(
        f"{doc_id}:a1",
        doc_id,
        "Rex Tillerson",
        "person",
        "USA",
        "GOV",
        ("Secretary of State",),
        (Mention("Tillerson", 86, 95),),
    )
    timex = TimeValue("next month", when, "month", "relative", start=0, end=10) if when else None
    vancouver = Place("Vancouver", 65, 74, "Vancouver", "CAN", "BC", 49.25, -123.12, 6173331)
    event_list = tuple(
        Event(
            event_id=f"{doc_id}:e{n}",
            doc_id=doc_id,
            type=event_type,
            mode="multilateral",
            trigger=Mention("co-host", 44, 51),
            evidence=Evidence(sentence, 10, 10 + len(sentence)),
            actor=(canada.ref(), tillerson.ref("the United States")),
            recipient=(tillerson.ref(),),
            contexts=("diplomatic", "economic"),
            when=timex,
            where=vancouver,
            modality=modality,  # type: ignore[arg-type]
            attribution=Attribution("named_source", "Tillerson", tillerson.actor_id),
            confidence=0.75,
        )
        for n in range(events)
    )
    quote = Quote(f"{doc_id}:q0", doc_id, "We will meet,", 77, 90, tillerson.ref("Tillerson"))
    return Extraction(
        doc=doc,
        actors=(canada, tillerson),
        events=event_list,
        quotes=(quote,),
        timexes=(timex,) if timex else (),
        places=(vancouver,),
    )


def make_rejected(source: str, code: str = "binary") -> Rejected:
    raw = RawDocument(source=source, id=source, content=b"\x00\x01", kind="text")
    return Rejected(raw, Rejection(source, source, "read", code, "not text"))


def make_batch(number: int, size: int = 4) -> list[Extraction | Rejected]:
    """Batch ``number``: ``size`` new documents and one rejection, all keys unique to it."""
    batch: list[Extraction | Rejected] = [make_extraction(f"b{number}-{k}") for k in range(size)]
    batch.append(make_rejected(f"/bad/b{number}.bin"))
    return batch


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        yield opened


# ---------------------------------------------------------------------------- schema


def test_schema_is_created_once_and_migrations_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with Store.open(path) as first:
        assert first.migrations() == [(v, MIGRATIONS[v][0]) for v in sorted(MIGRATIONS)]
        assert set(first.counts()) == set(TABLES)
    with Store.open(path) as second:
        assert apply_migrations(second.con) == []  # nothing left to apply
        rows = second.con.execute("SELECT count(*) FROM schema_migrations").fetchone()
        assert rows == (len(MIGRATIONS),)


def test_a_new_migration_is_applied_to_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    Store.open(path).close()
    version = max(MIGRATIONS) + 1

    @migration(version, "test column")
    def add_column(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE documents ADD COLUMN test_note VARCHAR")

    try:
        with Store.open(path) as upgraded:
            assert upgraded.migrations()[-1] == (version, "test column")
            columns = [row[0] for row in upgraded.con.execute("DESCRIBE documents").fetchall()]
            assert "test_note" in columns
    finally:
        del MIGRATIONS[version]


def test_migration_8_fills_admin1_and_publishers_of_rows_stored_before(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as old:
        old.write([make_extraction("old")])
        # Back to the schema of step 7: no admin1 column, no publisher, no identities.
        old.con.execute(
            "DROP VIEW events_flat; DROP VIEW actor_identities; DROP TABLE actor_variants; "
            "ALTER TABLE event_actors DROP COLUMN identity_id; "
            "ALTER TABLE events DROP COLUMN where_admin1; "
            "UPDATE documents SET publisher = NULL; "
            "DELETE FROM schema_migrations WHERE version IN (8, 9, 10)"
        )
    with Store.open(path) as upgraded:
        admin1 = {row["where_admin1"] for row in upgraded.events(event_filters())}
        documents = upgraded.con.execute("SELECT url, publisher FROM documents").fetchall()
    assert admin1 == {"BC"}  # from the document's places: Vancouver, BC
    assert documents == [("https://example.org/old", "example.org")]


def test_registering_a_version_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        migration(1, "again")(lambda con: None)


def test_read_only_store_reads_but_does_not_migrate(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with Store.open(path) as writer:
        writer.write(make_batch(0))
    with Store.open(path, read_only=True) as reader:
        assert reader.counts()["documents"] == 4
        with pytest.raises(duckdb.Error):
            reader.write(make_batch(1))


# ---------------------------------------------------------------------------- writing


def test_write_stores_every_record_of_an_extraction(store: Store) -> None:
    summary = store.write([make_extraction("x")])
    assert summary.documents_added == 1
    assert summary.events_added == EVENTS_PER_DOC
    assert store.counts() == {
        "documents": 1,
        "actors": 2,
        "events": EVENTS_PER_DOC,
        "event_actors": 3 * EVENTS_PER_DOC,
        "quotes": 1,
        "timexes": 1,
        "places": 1,
        "rejections": 0,
    }


def test_written_values_keep_their_types(store: Store) -> None:
    store.write([make_extraction("x")])
    doc = store.con.execute(
        "SELECT published, published_date, captions, dateline, ingested_at FROM documents"
    ).fetchone()
    assert doc[:4] == ("2017-12-18", dt.date(2017, 12, 18), ["A caption."], "OTTAWA")
    assert isinstance(doc[4], dt.datetime)
    mentions = store.con.execute(
        "SELECT mentions FROM actors WHERE actor_id = 'doc-x:a1'"
    ).fetchone()[0]
    assert json.loads(mentions) == [{"text": "Tillerson", "start": 86, "end": 95}]
    event = store.con.execute(
        'SELECT event_date, contexts, where_lat, "end", attribution_actor_id FROM events '
        "WHERE event_id = 'doc-x:e0'"
    ).fetchone()
    assert event == (dt.date(2018, 1, 1), ["diplomatic", "economic"], 49.25, 75, "doc-x:a1")
    sides = store.con.execute(
        "SELECT role, position, name, text FROM event_actors WHERE event_id = 'doc-x:e0' "
        "ORDER BY role, position"
    ).fetchall()
    assert sides == [
        ("actor", 0, "Canada", "Canada"),
        ("actor", 1, "Rex Tillerson", "the United States"),
        ("recipient", 0, "Rex Tillerson", "Rex Tillerson"),
    ]


def test_rewriting_the_same_batch_adds_nothing(store: Store) -> None:
    batch = make_batch(0)
    first = store.write(batch)
    before = store.counts()
    second = store.write(batch)
    assert (first.documents_added, first.rejections_added) == (4, 1)
    assert (second.documents_added, second.documents_skipped, second.rejections_added) == (
        0,
        4,
        0,
    )
    assert store.counts() == before


def test_a_document_repeated_within_a_batch_is_written_once(store: Store) -> None:
    summary = store.write([make_extraction("x"), make_extraction("x")])
    assert (summary.documents_added, summary.documents_skipped) == (1, 1)
    assert store.counts()["events"] == EVENTS_PER_DOC


def test_rejections_are_unique_by_source_and_code(store: Store) -> None:
    summary = store.write(
        [make_rejected("/a.bin"), make_rejected("/a.bin"), make_rejected("/a.bin", "empty")]
    )
    assert summary.rejections_added == 2
    assert store.write([make_rejected("/a.bin")]).rejections_added == 0
    assert store.counts()["rejections"] == 2


def test_a_duplicate_key_rolls_the_whole_batch_back(store: Store) -> None:
    store.write(make_batch(0))
    before = store.counts()
    broken = make_extraction("broken", events=2)
    same_id = (broken.events[0], broken.events[0])  # forces a primary-key violation
    bad = Extraction(broken.doc, broken.actors, same_id, broken.quotes)
    with pytest.raises(duckdb.ConstraintException):
        store.write([make_extraction("fine"), bad, make_rejected("/new.bin")])
    assert store.counts() == before
    found = store.con.execute(
        "SELECT count(*) FROM documents WHERE doc_id IN ('doc-fine', 'doc-broken')"
    ).fetchone()
    assert found == (0,)
    # The connection is usable again and the good part of the batch can be re-run.
    assert store.write([make_extraction("fine")]).documents_added == 1


def test_an_error_after_some_inserts_rolls_everything_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(make_batch(0))
    before = store.counts()
    real_insert = Store._insert

    def insert_until_quotes(self: Store, table: str, rows: list, **options: bool) -> int:
        if table == "quotes":  # documents, actors and events are already inserted
            raise RuntimeError("disk full")
        return real_insert(self, table, rows, **options)

    monkeypatch.setattr(Store, "_insert", insert_until_quotes)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write(make_batch(1))
    assert store.counts() == before


def test_a_row_builder_failing_midway_stores_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_quote_row = store_module.quote_row
    calls = []

    def quote_row_failing_on_third(quote: Quote) -> dict:
        calls.append(quote)
        if len(calls) == 3:
            raise ValueError("bad quote")
        return real_quote_row(quote)

    monkeypatch.setattr(store_module, "quote_row", quote_row_failing_on_third)
    with pytest.raises(ValueError, match="bad quote"):
        store.write(make_batch(0))
    assert set(store.counts().values()) == {0}


CHILD_WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from test_store import make_batch
from herald.store.database import Store

store = Store.open(sys.argv[1])
number = 0
while True:
    store.write(make_batch(number, size=int(sys.argv[3])))
    number += 1
    print(number, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.011, 0.023, 0.037, 0.053])
def test_a_writer_killed_mid_loop_leaves_whole_batches(tmp_path: Path, delay: float) -> None:
    path, size = tmp_path / "events.duckdb", 40
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_WRITER, str(path), str(Path(__file__).parent), str(size)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        committed = 0
        while committed < 3:  # let a few batches commit, then kill during the next ones
            line = child.stdout.readline()
            assert line, "the writer stopped before committing three batches"
            committed = int(line)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with Store.open(path) as reopened:
        counts = reopened.counts()
    batches, partial = divmod(counts["documents"], size)
    assert partial == 0 and batches >= committed
    assert counts["events"] == batches * size * EVENTS_PER_DOC
    assert counts["event_actors"] == 3 * counts["events"]
    assert counts["quotes"] == counts["timexes"] == counts["places"] == batches * size
    assert counts["rejections"] == batches


# ---------------------------------------------------------------------------- queries


@pytest.fixture
def filled(store: Store) -> Store:
    store.write(
        [
            make_extraction("jan", events=1),
            make_extraction("march", events=1, when="2018-03-15", event_type="ACCUSE"),
            make_extraction("undated", events=1, when=None, modality="asserted"),
        ]
    )
    # A document whose only actor is Chinese, to tell actor filters apart.
    china = make_extraction("china", events=1, when="2017-11-02", modality="negated")
    beijing = Actor("doc-china:a9", "doc-china", "Xi Jinping", "person", "CHN", "GOV")
    event = china.events[0]
    store.write(
        [
            Extraction(
                china.doc,
                (beijing,),
                (
                    Event(
                        event.event_id,
                        event.doc_id,
                        "REJECT",
                        None,
                        event.trigger,
                        event.evidence,
                        actor=(beijing.ref("Xi"),),
                        when=event.when,
                        modality="negated",
                    ),
                ),
            )
        ]
    )
    return store


def events(store: Store, limit: int | None = None, **named) -> list[dict]:
    return store.events(event_filters(**named), limit)


def ids(rows: list[dict]) -> list[str]:
    return [row["event_id"] for row in rows]


def test_events_flat_aggregates_names_and_countries(filled: Store) -> None:
    (row,) = events(filled, type="ACCUSE")
    assert row["actor_names"] == "Canada; Rex Tillerson"
    assert row["actor_countries"] == "CAN; USA"
    assert row["recipient_names"] == "Rex Tillerson"
    assert row["recipient_countries"] == "USA"
    assert row["url"] == "https://example.org/march"
    assert row["event_date"] == dt.date(2018, 3, 15)


def test_events_without_filters_come_in_date_order(filled: Store) -> None:
    assert ids(events(filled)) == ["doc-china:e0", "doc-jan:e0", "doc-march:e0", "doc-undated:e0"]


def test_events_filter_by_type(filled: Store) -> None:
    assert ids(events(filled, type="REJECT")) == ["doc-china:e0"]
    assert ids(events(filled, type="reject")) == ["doc-china:e0"]
    assert events(filled, type="ASSAULT") == []


def test_events_filter_by_actor_name_substring_case_insensitive(filled: Store) -> None:
    assert ids(events(filled, actor="jinping")) == ["doc-china:e0"]
    assert len(events(filled, actor="TILLERSON")) == 3


def test_events_filter_by_actor_iso3_exactly(filled: Store) -> None:
    assert ids(events(filled, actor="CHN")) == ["doc-china:e0"]
    assert len(events(filled, actor="CAN")) == 3
    # A country code in any case, as the web UI's filter reads it (once 0 events here).
    assert ids(events(filled, actor="chn")) == ["doc-china:e0"]


def test_events_filter_by_recipient_side_only(filled: Store) -> None:
    assert events(filled, recipient="CAN") == []
    assert len(events(filled, recipient="USA")) == 3


def test_events_filter_by_date_range(filled: Store) -> None:
    assert ids(events(filled, since="2018-01-01")) == ["doc-jan:e0", "doc-march:e0"]
    assert ids(events(filled, until=dt.date(2018, 1, 31))) == ["doc-china:e0", "doc-jan:e0"]
    assert ids(events(filled, since="2018-03-15", until="2018-03-15")) == ["doc-march:e0"]
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        events(filled, since="last week")


def test_events_filter_by_modality_and_limit(filled: Store) -> None:
    assert ids(events(filled, modality="negated")) == ["doc-china:e0"]
    assert len(events(filled, modality="planned")) == 2
    assert len(events(filled, limit=1)) == 1
    assert ids(events(filled, actor="CAN", modality="planned", since="2018-02-01")) == [
        "doc-march:e0"
    ]


def test_user_words_are_bound_not_spliced_into_sql(filled: Store) -> None:
    hostile = "x' OR 1=1; DROP TABLE events; --"
    assert events(filled, actor=hostile, place=hostile, text=hostile) == []
    assert filled.counts()["events"] == 4


def test_unknown_vocabulary_values_are_refused_with_the_valid_ones(filled: Store) -> None:
    with pytest.raises(UnknownValueError, match="CONSULT") as refused:
        events(filled, type="FOO")
    assert refused.value.field == "type" and "ASSAULT" in refused.value.valid
    with pytest.raises(UnknownValueError, match="planned"):
        events(filled, modality="wished")
    with pytest.raises(UnknownValueError, match="verbal_conflict"):
        events(filled, quad="cooperative")


def test_filters_take_lists_or_comma_separated_text(filled: Store) -> None:
    both = ids(events(filled, type=["REJECT", "ACCUSE"]))
    assert both == ids(events(filled, type="reject, accuse"))
    assert len(both) == 2
    # Three events were made with confidence 0.75, the Chinese one with the default.
    assert len(events(filled, min_confidence=0.75)) == 3
    assert events(filled, min_confidence=1.0) == []
    assert filled.count_events(event_filters(modality="planned")) == 2
