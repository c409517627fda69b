"""The events of a filtered view as a file (CSV or Parquet): exactly the rows the events
list shows for the same filters (``herald.store.filters``), in the same order, every page.

Columns are typed for the tools analysts load them with: dates are dates, coordinates and
confidence are doubles, and codes stay strings (a Parquet ``cameo`` column is a string,
so "040" is never read as 40). The CSV keeps ISO dates and quotes its strings; DuckDB's
``read_csv`` reads it back with the same types, pandas with ``dtype={"cameo": str}`` (or
read the Parquet file, which carries its types).
"""

from __future__ import annotations

import io
from typing import Literal

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from herald.api.queries import sort_order
from herald.events.plover import plover_types
from herald.link.stories import source_of
from herald.store.filters import EventFilters, where_clause

Format = Literal["csv", "parquet"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}

# (column, its SQL over events_flat f): what a row of the events list holds, flat.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "f.event_id"),
    ("event_date", "f.event_date"),
    ("published_date", "f.published_date"),
    ("type", "f.type"),
    ("mode", "f.mode"),
    ("quad", "{quad}"),
    ("modality", "f.modality"),
    ("actor_names", "f.actor_names"),
    ("actor_countries", "f.actor_countries"),
    ("recipient_names", "f.recipient_names"),
    ("recipient_countries", "f.recipient_countries"),
    ("when_text", "f.when_text"),
    ("when_value", "f.when_value"),
    ("when_precision", "f.when_precision"),
    ("where_name", "f.where_name"),
    ("where_country", "f.where_country"),
    ("where_lat", "f.where_lat"),
    ("where_lon", "f.where_lon"),
    ("attribution_kind", "f.attribution_kind"),
    ("attribution_text", "f.attribution_text"),
    ("trigger", "f.trigger"),
    ("evidence", "trim(f.evidence)"),
    ("confidence", "f.confidence"),
    ("cameo", "f.cameo"),
    ("story_id", "f.story_id"),
    ("doc_id", "f.doc_id"),
    ("title", "f.title"),
    ("publisher", "f.publisher"),
    ("url", "f.url"),
)


def _quad_sql() -> str:
    """The quad class of f.type as SQL: a CASE over herald's own PLOVER table (constants)."""
    cases = " ".join(
        f"WHEN '{name}' THEN '{info.quad}'" for name, info in sorted(plover_types().items())
    )
    return f"CASE f.type {cases} END"


def filtered_table(con: duckdb.DuckDBPyConnection, filters: EventFilters, sort: str) -> pa.Table:
    """Every event the filters keep, in the events list's ``sort`` order, with its source;
    an unknown sort is a 422 (``queries.sort_order``)."""
    order = sort_order(sort)
    where, params = where_clause(filters)
    quad = _quad_sql()
    select = ", ".join(f"{sql.format(quad=quad)} AS {name}" for name, sql in COLUMNS)
    sql = (
        f"SELECT {select} FROM events_flat f{where} "
        f"ORDER BY {order.key} {order.direction}, f.event_id ASC"
    )
    table = con.sql(sql, params=params).to_arrow_table()
    sources = [
        source_of(url, publisher)
        for url, publisher in zip(
            table.column("url").to_pylist(), table.column("publisher").to_pylist(), strict=True
        )
    ]
    return table.append_column("source", pa.array(sources, pa.string()))


def encode(table: pa.Table, kind: Format) -> bytes:
    """The table as CSV (header, strings quoted) or Parquet bytes."""
    sink = io.BytesIO()
    if kind == "csv":
        pa_csv.write_csv(table, sink, pa_csv.WriteOptions(quoting_style="needed"))
    else:
        pq.write_table(table, sink)
    return sink.getvalue()
