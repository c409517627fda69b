"""Exports of the flat events table: Parquet, CSV and JSON lines read back with their types."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from herald.errors import UsageError
from herald.records import (
    ActorRef,
    Document,
    Event,
    Evidence,
    Extraction,
    Mention,
    Place,
    TimeValue,
)
from herald.store.database import Store
from herald.store.export.codes import goldstein, goldstein_scores
from herald.store.export.columns import column_types, date_columns, pandas_dtypes
from herald.store.export.formats import (
    EVENT_COLUMNS,
    EXPORT_FORMATS,
    SUFFIXES,
    export_events,
    format_of,
)
from herald.store.export.gdelt import GDELT_COLUMNS
from herald.store.export.plover import CAMEO_COLUMNS
from herald.store.filters import event_filters

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "DATE": pa.date32(),
    "DOUBLE": pa.float64(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
}
ARROW_TYPES["BOOLEAN"] = pa.bool_()


def make_extraction(key: str, when: str | None, contexts: tuple[str, ...]) -> Extraction:
    doc_id = f"doc-{key}"
    sentence = 'Ottawa accused Beijing, "loudly", of spying.'
    doc = Document(doc_id, f"{key}.txt", f"/news/{key}.txt", sentence, url=f"https://x/{key}")
    event = Event(
        event_id=f"{doc_id}:e0",
        doc_id=doc_id,
        type="ACCUSE",
        mode="allege",
        trigger=Mention("accused", 7, 14),
        evidence=Evidence(sentence, 0, len(sentence)),
        actor=(ActorRef(None, "Canada", "country", "CAN", "GOV", (), "Ottawa"),),
        recipient=(
            ActorRef(None, "China", "country", "CHN", "GOV", (), "Beijing"),
            ActorRef(None, "Xi Jinping", "person", "CHN", "GOV", (), "Xi"),
        ),
        contexts=contexts,
        when=TimeValue("last week", when, "week", "relative") if when else None,
        where=Place("Ottawa", 0, 6, "Ottawa", "CAN", "ON", 45.42, -75.7, 6094817, "city"),
        confidence=0.6,
    )
    return Extraction(doc, events=(event,))


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        opened.write(
            [
                make_extraction("dated", "2017-W51", ("diplomatic", "intelligence")),
                make_extraction("undated", None, ()),
            ]
        )
        yield opened


def test_parquet_export_has_the_documented_columns_and_types(store: Store, tmp_path: Path):
    path = tmp_path / "events.parquet"
    assert export_events(store, path) == 2
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_COLUMNS)
    for name, kind in EVENT_COLUMNS.items():
        assert table.schema.field(name).type == ARROW_TYPES[kind], name
    first, second = table.to_pylist()
    assert first["event_date"] == dt.date(2017, 12, 18)  # Monday of ISO week 51
    assert first["contexts"] == ["diplomatic", "intelligence"]
    assert first["recipient_names"] == "China; Xi Jinping"
    assert first["recipient_countries"] == "CHN"  # listed once for two Chinese recipients
    assert first["where_geonameid"] == 6094817
    assert second["event_date"] is None and second["contexts"] == []


def test_parquet_types_as_duckdb_reads_them(store: Store, tmp_path: Path):
    path = tmp_path / "events.parquet"
    export_events(store, path)
    described = duckdb.sql("DESCRIBE SELECT * FROM read_parquet(?)", params=[str(path)])
    assert {row[0]: row[1] for row in described.fetchall()} == EVENT_COLUMNS


def test_csv_export_joins_lists_and_writes_iso_dates(store: Store, tmp_path: Path):
    path = tmp_path / "events.csv"
    assert export_events(store, path) == 2
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert rows[0]["contexts"] == "diplomatic;intelligence"
    assert rows[0]["event_date"] == "2017-12-18"
    assert rows[0]["evidence"] == 'Ottawa accused Beijing, "loudly", of spying.'
    assert rows[1]["event_date"] == ""
    read = duckdb.sql("SELECT event_date, confidence FROM read_csv(?)", params=[str(path)])
    assert read.fetchall()[0] == (dt.date(2017, 12, 18), 0.6)


def test_jsonl_export_writes_one_object_per_line(store: Store, tmp_path: Path):
    path = tmp_path / "events.jsonl"
    assert export_events(store, path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    assert list(records[0]) == list(EVENT_COLUMNS)
    assert records[0]["event_date"] == "2017-12-18"
    assert records[0]["contexts"] == ["diplomatic", "intelligence"]
    assert records[0]["where_lat"] == pytest.approx(45.42)
    assert records[1]["when_value"] is None


def test_explicit_format_wins_over_the_extension(store: Store, tmp_path: Path):
    path = tmp_path / "events.out"
    export_events(store, path, fmt="parquet")
    assert pq.read_table(path).num_rows == 2


def test_format_is_read_from_the_extension():
    assert format_of(Path("a.PARQUET")) == "parquet"
    assert format_of(Path("a.csv")) == "csv"
    assert format_of(Path("a.ndjson")) == "jsonl"
    with pytest.raises(UsageError, match="cannot tell the format"):
        format_of(Path("events.xlsx"))


def test_unknown_format_is_refused(store: Store, tmp_path: Path):
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        export_events(store, tmp_path / "events.csv", fmt="xml")  # type: ignore[arg-type]


def test_an_empty_store_exports_an_empty_table(tmp_path: Path):
    path = tmp_path / "empty.parquet"
    with Store.open(":memory:") as empty:
        assert export_events(empty, path) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == list(EVENT_COLUMNS)


def test_a_path_with_a_quote_is_passed_safely(store: Store, tmp_path: Path):
    path = tmp_path / "it's events.csv"
    assert export_events(store, path) == 2
    assert path.is_file()


# ------------------------------------------------------------- plover, gdelt, cameo


@pytest.fixture
def linked(store: Store) -> Store:
    from herald.link.stage import link_new

    link_new(store)
    return store


def test_every_format_is_exported(linked: Store, tmp_path: Path):
    for fmt in EXPORT_FORMATS:
        path = tmp_path / f"events-{fmt}{SUFFIXES[fmt][0]}"
        # cameo: one row per actor-recipient pair; this event has two recipients
        assert export_events(linked, path, fmt) == (4 if fmt == "cameo" else 2), fmt
        assert path.stat().st_size > 0


def test_plover_records_use_the_manual_field_names(linked: Store, tmp_path: Path):
    path = tmp_path / "events.plover"
    export_events(linked, path, "plover")
    first, second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert first["id"] == "doc-dated:e0" and first["date"] == "2017-12-18"
    assert first["event"] == ["ACCUSE"] and first["mode"] == ["allege"]
    assert first["context"] == ["diplomatic", "intelligence"]
    assert first["actor"] == [
        {"code": "CAN", "sector": "GOV", "entity_text": "Ottawa", "identifier_text": "Canada"}
    ]
    assert [r["identifier_text"] for r in first["recipient"]] == ["China", "Xi Jinping"]
    assert first["quad_code"] == 3 and first["event_scale"] == pytest.approx(-3.5)
    assert first["event_loc"]["geonameid"] == 6094817
    assert first["event_loc"]["country_code"] == "CAN"
    assert first["link"] is not None and first["link"].startswith("st-")
    assert first["text_info"] == {"start": 0, "end": len(first["text"])}
    assert first["cite_info"]["url"] == "https://x/dated"
    assert second["date"] is None  # neither an event date nor a publication date


def gdelt_table(path: Path) -> duckdb.DuckDBPyRelation:
    return duckdb.read_csv(str(path), header=False, sep="\t", columns=GDELT_COLUMNS)


def test_gdelt_export_has_the_61_columns_and_reads_back_typed(linked: Store, tmp_path: Path):
    path = tmp_path / "events.gdelt"
    export_events(linked, path, "gdelt")
    assert len(GDELT_COLUMNS) == 61
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert len(first_line.split("\t")) == 61 and not first_line.startswith("GLOBALEVENTID")
    rows = gdelt_table(path).fetchall()
    names = list(GDELT_COLUMNS)
    first = dict(zip(names, rows[0], strict=True))
    assert first["SQLDATE"] == 20171218 and first["Year"] == 2017
    assert first["Actor1Code"] == "CANGOV" and first["Actor1CountryCode"] == "CAN"
    assert first["Actor2Name"] == "CHINA"
    assert first["QuadClass"] == 3 and first["GoldsteinScale"] == pytest.approx(-3.5)
    assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == (2, 2, 1)
    assert first["ActionGeo_FullName"] == "Ottawa" and first["ActionGeo_CountryCode"] == "CAN"
    assert first["ActionGeo_Lat"] == pytest.approx(45.42)
    assert first["ActionGeo_FeatureID"] == "6094817"
    assert first["ActionGeo_Type"] is None  # the place's feature class is not in the store
    assert first["SOURCEURL"] == "https://x/dated"
    assert first["AvgTone"] is None and first["Actor1Geo_FullName"] is None
    assert len({dict(zip(names, row, strict=True))["GLOBALEVENTID"] for row in rows}) == 2


def test_cameo_export_gives_one_row_per_dyad(linked: Store, tmp_path: Path):
    path = tmp_path / "dyads.csv"
    assert export_events(linked, path, "cameo") == 4
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CAMEO_COLUMNS)
    dated = [row for row in rows if row["event_id"] == "doc-dated:e0"]
    assert [(r["source_code"], r["target_name"]) for r in dated] == [
        ("CANGOV", "China"),
        ("CANGOV", "Xi Jinping"),
    ]
    typed = duckdb.sql("DESCRIBE SELECT * FROM read_csv(?)", params=[str(path)]).fetchall()
    kinds = {row[0]: row[1] for row in typed}
    assert kinds["date"] == "DATE" and kinds["quad_class"] == "BIGINT"
    assert kinds["goldstein"] == "DOUBLE" and kinds["cameo"] == "VARCHAR"


def test_gdelt_export_reads_back_with_pyarrow(linked: Store, tmp_path: Path):
    import pyarrow.csv as pacsv

    path = tmp_path / "events.gdelt"
    export_events(linked, path, "gdelt")
    types = {name: ARROW_TYPES[kind] for name, kind in GDELT_COLUMNS.items()}
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=list(GDELT_COLUMNS)),
        parse_options=pacsv.ParseOptions(delimiter="\t"),
        convert_options=pacsv.ConvertOptions(column_types=types),
    )
    assert table.num_rows == 2
    assert table.schema.field("GoldsteinScale").type == pa.float64()


# ------------------------------------------------ codes, dtypes, filters, partitions


@pytest.fixture
def coded(tmp_path: Path) -> Store:
    """A file store whose undated event has a CAMEO code with a leading zero and an evidence
    sentence with line breaks in it."""
    dated = make_extraction("dated", "2017-W51", ("diplomatic",))
    undated = make_extraction("undated", None, ())
    (event,) = undated.events
    broken = "Ottawa accused Beijing\nof spying.\n\n\n"
    event = replace(event, cameo="040", evidence=Evidence(broken, 0, len(broken)))
    with Store.open(tmp_path / "coded.duckdb") as opened:
        opened.write([dated, replace(undated, events=(event,))])
        yield opened


def test_flat_exports_carry_quad_score_actor_codes_and_admin1(coded: Store, tmp_path: Path):
    path = tmp_path / "events.parquet"
    export_events(coded, path)
    first = pq.read_table(path).to_pylist()[0]
    assert (first["quad"], first["quad_class"]) == ("verbal_conflict", 3)
    assert first["goldstein"] == pytest.approx(goldstein("ACCUSE", "allege"))
    assert first["actor_codes"] == "CANGOV" and first["actor_sectors"] == "GOV"
    assert first["recipient_codes"] == "CHNGOV"
    assert first["where_admin1"] == "ON"
    assert (first["where_lat"], first["where_lon"]) == (pytest.approx(45.42), pytest.approx(-75.7))


def test_evidence_is_one_line_in_csv(coded: Store, tmp_path: Path):
    path = tmp_path / "events.csv"
    export_events(coded, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3  # the header and one line per event
    assert "Ottawa accused Beijing of spying." in lines[2]


def test_csv_reads_back_typed_in_pandas_and_duckdb(coded: Store, tmp_path: Path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "events.csv"
    export_events(coded, path)
    frame = pd.read_csv(path, dtype=pandas_dtypes("csv"), parse_dates=date_columns("csv"))
    assert list(frame["cameo"].dropna()) == ["040"]
    assert str(frame["quad_class"].dtype) == "Int32"
    assert str(frame["event_date"].dtype).startswith("datetime64")
    # DuckDB keeps the quoted code as text on its own, and takes the table as is.
    guessed = duckdb.sql(
        "SELECT cameo FROM read_csv(?) WHERE cameo IS NOT NULL", params=[str(path)]
    )
    assert guessed.fetchall() == [("040",)]
    typed = duckdb.read_csv(str(path), columns=column_types("csv"))
    assert dict(zip(typed.columns, map(str, typed.types), strict=True)) == column_types("csv")


def test_gdelt_and_cameo_tables_serve_pandas_and_duckdb(coded: Store, tmp_path: Path):
    pd = pytest.importorskip("pandas")
    gdelt, cameo = tmp_path / "events.tsv", tmp_path / "dyads.csv"
    export_events(coded, gdelt, "gdelt")
    export_events(coded, cameo, "cameo")
    frame = pd.read_csv(
        gdelt, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=pandas_dtypes("gdelt")
    )
    assert "040" in set(frame["EventCode"].dropna()) and "04" in set(frame["EventRootCode"])
    assert str(frame["SQLDATE"].dtype) == "Int32"
    typed = duckdb.read_csv(str(gdelt), sep="\t", header=False, columns=column_types("gdelt"))
    assert [str(kind) for kind in typed.types] == list(GDELT_COLUMNS.values())
    dyads = pd.read_csv(cameo, dtype=pandas_dtypes("cameo"), parse_dates=date_columns("cameo"))
    assert set(dyads["cameo"].dropna()) == {"040"} and set(dyads["root_code"].dropna()) == {"04"}
    assert set(dyads["where_admin1"]) == {"ON"}


def test_every_export_takes_the_event_filters(coded: Store, tmp_path: Path):
    dated_only = event_filters(since="2017-12-01")
    for fmt in EXPORT_FORMATS:
        path = tmp_path / f"filtered-{fmt}{SUFFIXES[fmt][0]}"
        expected = 2 if fmt == "cameo" else 1  # two recipients: two dyads
        assert export_events(coded, path, fmt, dated_only) == expected, fmt
    nothing = event_filters(type="ASSAULT")
    assert export_events(coded, tmp_path / "none.csv", filters=nothing) == 0


def test_parquet_partitioned_by_event_month(coded: Store, tmp_path: Path):
    folder = tmp_path / "by_month"
    assert export_events(coded, folder, partition="month") == 2
    assert (folder / "event_month=2017-12" / "part-0.parquet").is_file()
    assert (folder / "event_month=undated" / "part-0.parquet").is_file()
    months = duckdb.sql(
        "SELECT event_month, count(*) FROM read_parquet(?, hive_partitioning = true) "
        "GROUP BY ALL ORDER BY ALL",
        params=[str(folder / "**" / "*.parquet")],
    ).fetchall()
    assert months == [("2017-12", 1), ("undated", 1)]
    with pytest.raises(UsageError, match="not an empty folder"):
        export_events(coded, folder, partition="month")


def test_the_format_must_fit_the_file_name(coded: Store, tmp_path: Path):
    with pytest.raises(UsageError, match="no cameo file name"):
        export_events(coded, tmp_path / "x.parquet", "cameo")
    assert not (tmp_path / "x.parquet").exists()
    assert format_of(Path("events.tsv")) == "tsv"
    assert export_events(coded, tmp_path / "20171218.export", "gdelt") == 2
    with pytest.raises(UsageError, match="Parquet"):
        export_events(coded, tmp_path / "f", "csv", partition="month")


def test_docs_list_every_column_with_its_type_and_every_score():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text("utf-8")
    for table in (EVENT_COLUMNS, CAMEO_COLUMNS, GDELT_COLUMNS):
        for name, kind in table.items():
            assert f"| `{name}` | {kind} |" in docs, name
    for (event_type, mode), score in goldstein_scores().items():
        assert f"| {event_type} | {mode or '(the type)'} | {score} |" in docs


def test_every_type_and_mode_has_a_score_on_the_goldstein_scale():
    from herald.events.plover import plover_types

    scores = goldstein_scores()
    for name, info in plover_types().items():
        for mode in (None, *info.modes):
            assert (name, mode) in scores, (name, mode)
    assert all(-10 <= score <= 10 for score in scores.values())
    # Conflict scores below cooperation ones, quad by quad.
    assert goldstein("ASSAULT", "aerial") < goldstein("PROTEST", "demo") < goldstein("AID", None)
    assert goldstein("ASSAULT", "not-a-mode") == goldstein("ASSAULT", None)
