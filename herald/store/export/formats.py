"""Export herald's events for other tools: ``herald export -o FILE --format FORMAT``.

``EXPORT_FORMATS``: ``parquet``, ``csv``, ``tsv``, ``jsonl`` (the flat events table below),
``plover`` (PLOVER JSON records, ``herald.store.export.plover``), ``gdelt`` (a GDELT 2.0 event
table, ``herald.store.export.gdelt``) and ``cameo`` (dyadic rows, ``herald.store.export.plover``).
docs/exports.md documents every column and its type; ``herald.store.export.columns`` gives
each table as DuckDB ``read_csv(columns=...)`` types and as pandas dtypes.

The flat formats: one row per event, columns in the order of ``EVENT_COLUMNS`` (columns
are only ever added at the end, so scripts that read them by position keep working), rows
ordered by event date (undated events last), then document and position in the text.
Parquet keeps the types below; CSV and TSV write a header, dates as ``YYYY-MM-DD``, empty
fields for nulls, the ``contexts`` list joined with ``;`` and the code columns quoted;
JSON lines write one object per line with dates as ``"YYYY-MM-DD"`` strings, lists as arrays
and nulls as ``null``. The evidence sentence and the title have every run of white space
(line breaks included) as one space, so that one event is one line of a CSV file.

Every export takes the filters of ``herald events`` (``herald.store.filters``); Parquet may be
written as a Hive-partitioned folder, one sub-folder per event month.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from herald.errors import UnknownValueError, UsageError
from herald.store.database import Store
from herald.store.export.codes import CODES_VIEW, codes_registered
from herald.store.export.gdelt import gdelt_select
from herald.store.export.plover import cameo_select, write_plover
from herald.store.filters import EventFilters, where_clause

ExportFormat = Literal["parquet", "csv", "tsv", "jsonl", "plover", "gdelt", "cameo"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    "parquet",
    "csv",
    "tsv",
    "jsonl",
    "plover",
    "gdelt",
    "cameo",
)
PARTITIONS = ("month",)

# The file names each format may be written to. GDELT names its tab-separated files .CSV.
SUFFIXES: dict[ExportFormat, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "plover": (".jsonl", ".ndjson", ".json"),
    "gdelt": (".tsv", ".csv", ".txt"),
    "cameo": (".csv",),
}
# What an extension means when no format is given: the flat table.
_FLAT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "tsv", "jsonl")

# Every flat column and its DuckDB (and Parquet) type: ``duckdb.read_parquet`` gives these;
# ``columns.column_types`` gives the CSV ones. What each holds: docs/exports.md.
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",
    "doc_id": "VARCHAR",
    "type": "VARCHAR",
    "mode": "VARCHAR",
    "contexts": "VARCHAR[]",
    "actor_names": "VARCHAR",
    "actor_countries": "VARCHAR",
    "recipient_names": "VARCHAR",
    "recipient_countries": "VARCHAR",
    "event_date": "DATE",
    "when_text": "VARCHAR",
    "when_value": "VARCHAR",
    "when_precision": "VARCHAR",
    "when_anchor": "VARCHAR",
    "when_modifier": "VARCHAR",
    "where_name": "VARCHAR",
    "where_country": "VARCHAR",
    "where_lat": "DOUBLE",
    "where_lon": "DOUBLE",
    "where_geonameid": "BIGINT",
    "modality": "VARCHAR",
    "attribution_kind": "VARCHAR",
    "attribution_text": "VARCHAR",
    "trigger": "VARCHAR",
    "evidence": "VARCHAR",
    "evidence_start": "INTEGER",
    "evidence_end": "INTEGER",
    "confidence": "DOUBLE",
    "cameo": "VARCHAR",
    "story_id": "VARCHAR",
    "url": "VARCHAR",
    "title": "VARCHAR",
    "publisher": "VARCHAR",
    "published": "VARCHAR",
    "quad": "VARCHAR",
    "quad_class": "INTEGER",
    "goldstein": "DOUBLE",
    "actor_codes": "VARCHAR",
    "actor_sectors": "VARCHAR",
    "recipient_codes": "VARCHAR",
    "recipient_sectors": "VARCHAR",
    "where_admin1": "VARCHAR",
    "where_basis": "VARCHAR",
    "relevance": "DOUBLE",
    "document_relevance": "DOUBLE",
    "lead": "BOOLEAN",
}

# Columns of codes that look like numbers ("040"): quoted in CSV so that readers keep them text.
CODE_COLUMNS = ("cameo", "actor_codes", "recipient_codes")

# Expressions of the flat columns that are not the view's own (``f`` is events_flat).
_FLAT_EXPRESSIONS: dict[str, str] = {
    "evidence": "trim(regexp_replace(f.evidence, '\\s+', ' ', 'g'))",
    "title": "trim(regexp_replace(f.title, '\\s+', ' ', 'g'))",
    "quad": "ct.quad",
    "quad_class": "ct.quad_class",
    "goldstein": "coalesce(c.goldstein, ct.goldstein)",
    **{
        f"{side}_{what}": f"p.{side}_{what}"
        for side in ("actor", "recipient")
        for what in ("codes", "sectors")
    },
}

# Participants' codes and sectors per event, in one pass over event_actors.
_PARTICIPANT_CODES = """
    SELECT event_id,
        string_agg(DISTINCT nullif(concat(country, sector), ''), '; '
            ORDER BY nullif(concat(country, sector), '')) FILTER (role = 'actor') AS actor_codes,
        string_agg(DISTINCT sector, '; ' ORDER BY sector) FILTER (role = 'actor')
            AS actor_sectors,
        string_agg(DISTINCT nullif(concat(country, sector), ''), '; '
            ORDER BY nullif(concat(country, sector), ''))
            FILTER (role = 'recipient') AS recipient_codes,
        string_agg(DISTINCT sector, '; ' ORDER BY sector) FILTER (role = 'recipient')
            AS recipient_sectors
    FROM event_actors GROUP BY event_id
"""

# The COPY options of each format: constants of ours, never user input.
_COPY_OPTIONS: dict[ExportFormat, str] = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d', FORCE_QUOTE ({codes})",
    "tsv": "FORMAT csv, HEADER true, DELIMITER '\t', DATEFORMAT '%Y-%m-%d', FORCE_QUOTE ({codes})",
    "jsonl": "FORMAT json",  # newline-delimited: one object per line
    # GDELT's own files: tab-separated, no header line, columns in GDELT's order.
    "gdelt": "FORMAT csv, HEADER false, DELIMITER '\t'",
    "cameo": "FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d', FORCE_QUOTE (cameo, root_code, "
    "source_code, target_code)",
}
_PARTITION_OPTIONS = "PARTITION_BY (event_month), FILENAME_PATTERN 'part-{i}'"


def format_of(path: Path) -> ExportFormat:
    """The flat export format a file name asks for, from its extension."""
    suffix = path.suffix.lower()
    for fmt in _FLAT_FORMATS:
        if suffix in SUFFIXES[fmt]:
            return fmt
    known = ", ".join(sorted({s for fmt in _FLAT_FORMATS for s in SUFFIXES[fmt]}))
    raise UsageError(f"cannot tell the format of {path.name!r}: name it {known}, or give --format")


def checked_format(path: Path, fmt: str | None, partition: str | None = None) -> ExportFormat:
    """The format to write ``path`` in: ``fmt``, else the extension's. An extension that
    names another format (``events.parquet`` as ``cameo``) is a usage error; one that names
    none (``20171218.export``) is the user's choice. A partitioned export is a folder of
    Parquet files, named as you like."""
    if partition is not None:
        if partition not in PARTITIONS:
            raise UnknownValueError("partition", partition, PARTITIONS)
        if fmt not in (None, "parquet"):
            raise UsageError(f"--partition writes Parquet files, not {fmt}")
        return "parquet"
    if fmt is None:
        return format_of(path)
    if fmt not in EXPORT_FORMATS:
        raise UnknownValueError("format", fmt, EXPORT_FORMATS)
    suffix = path.suffix.lower()
    claimed = any(suffix in names for names in SUFFIXES.values())
    if claimed and suffix not in SUFFIXES[fmt]:  # type: ignore[index]
        names = ", ".join(SUFFIXES[fmt])  # type: ignore[index]
        raise UsageError(f"{path.name!r} is no {fmt} file name: {fmt} files end in {names}")
    return fmt  # type: ignore[return-value]


def export_events(
    store: Store,
    path: Path,
    fmt: str | None = None,
    filters: EventFilters | None = None,
    partition: str | None = None,
) -> int:
    """Write the events of ``store`` that pass ``filters`` to ``path`` in ``fmt`` (default:
    from the extension); with ``partition="month"``, a folder of Parquet files, one
    sub-folder ``event_month=YYYY-MM`` (or ``undated``) per month.

    Returns the number of rows (records) written: events, or actor-recipient pairs for
    ``cameo``.
    """
    fmt = checked_format(path, fmt, partition)
    where, params = where_clause(filters or EventFilters())
    if partition is not None:
        _check_empty_folder(path)
    with codes_registered(store.con):
        if fmt == "plover":
            return write_plover(store.con, path, where, params)
        select = {"gdelt": gdelt_select, "cameo": cameo_select}.get(fmt)
        query = select(where) if select else flat_select(where, fmt, partition is not None)
        options = _COPY_OPTIONS[fmt].format(codes=", ".join(CODE_COLUMNS))
        if partition is not None:
            options += ", " + _PARTITION_OPTIONS
        row = store.con.execute(f"COPY ({query}) TO ? ({options})", [*params, str(path)])
        found = row.fetchone()
    return int(found[0]) if found else 0


def flat_select(where: str, fmt: str = "parquet", by_month: bool = False) -> str:
    """The SELECT of the flat table under ``where`` (from ``filters.where_clause``; needs
    ``CODES_VIEW`` registered); ``by_month`` adds the ``event_month`` partition column."""
    lists_as_text = fmt in ("csv", "tsv")  # CSV has no lists: one plain value per field
    columns = [
        f"{_flat_expression(name, kind, lists_as_text)} AS {name}"
        for name, kind in EVENT_COLUMNS.items()
    ]
    if by_month:
        columns.append("coalesce(strftime(f.event_date, '%Y-%m'), 'undated') AS event_month")
    return f"""
    SELECT {", ".join(columns)}
    FROM events_flat f
    LEFT JOIN ({_PARTICIPANT_CODES}) p ON p.event_id = f.event_id
    LEFT JOIN {CODES_VIEW} c ON c.type = f.type AND c.mode = coalesce(f.mode, '')
    LEFT JOIN {CODES_VIEW} ct ON ct.type = f.type AND ct.mode = ''
    {where}
    ORDER BY f.event_date NULLS LAST, f.doc_id, f.evidence_start, f.event_id
    """


def _flat_expression(name: str, kind: str, lists_as_text: bool) -> str:
    """A column's value, cast to its documented type (or, for a list in CSV, joined)."""
    expression = _FLAT_EXPRESSIONS.get(name, f"f.{name}")
    if lists_as_text and kind.endswith("[]"):
        return f"array_to_string({expression}, ';')"
    return f"CAST({expression} AS {kind})"


def _check_empty_folder(path: Path) -> None:
    # DuckDB would write beside (or, told to overwrite, delete) what is there.
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"{path} exists and is not an empty folder: name a new folder")
