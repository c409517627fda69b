"""The column tables of the exported files, ready for the readers analysts use.

``column_types(fmt)`` is a file's columns as DuckDB types, the ``columns=`` argument of
``duckdb.read_csv``; ``pandas_dtypes(fmt)`` the same as pandas dtypes, for
``pd.read_csv(dtype=...)``, with the DATE columns in ``date_columns(fmt)`` for
``parse_dates``. Without them pandas reads a
CAMEO code "040" as the number 40 (it guesses types from the characters, quoted or not);
DuckDB's own guess keeps quoted codes as text::

    import duckdb, pandas as pd
    from herald.store.export.columns import column_types, date_columns, pandas_dtypes

    duckdb.read_csv("events.csv", columns=column_types("csv"))
    pd.read_csv("events.csv", dtype=pandas_dtypes("csv"), parse_dates=date_columns("csv"))
    duckdb.read_csv("gdelt.tsv", sep="\\t", header=False, columns=column_types("gdelt"))
"""

from __future__ import annotations

from herald.errors import UnknownValueError
from herald.store.export.formats import EVENT_COLUMNS, EXPORT_FORMATS
from herald.store.export.gdelt import GDELT_COLUMNS
from herald.store.export.plover import CAMEO_COLUMNS

# DuckDB type -> the pandas dtype that holds it with its nulls (dates go to parse_dates).
_PANDAS = {
    "VARCHAR": "string",
    "INTEGER": "Int32",
    "BIGINT": "Int64",
    "DOUBLE": "float64",
    "BOOLEAN": "boolean",
}


def column_types(fmt: str) -> dict[str, str]:
    """The columns of an export in ``fmt`` (csv, tsv, parquet, jsonl, gdelt, cameo) and
    their DuckDB types as the file holds them (CSV has no lists: they are text there)."""
    if fmt in ("parquet", "jsonl"):
        return dict(EVENT_COLUMNS)
    if fmt in ("csv", "tsv"):
        return {
            name: "VARCHAR" if kind.endswith("[]") else kind for name, kind in EVENT_COLUMNS.items()
        }
    if fmt == "gdelt":
        return dict(GDELT_COLUMNS)
    if fmt == "cameo":
        return dict(CAMEO_COLUMNS)
    tables = tuple(f for f in EXPORT_FORMATS if f != "plover")
    raise UnknownValueError("format", fmt, tables)


def date_columns(fmt: str) -> list[str]:
    """The DATE columns of an export (``parse_dates`` for pandas)."""
    return [name for name, kind in column_types(fmt).items() if kind == "DATE"]


def pandas_dtypes(fmt: str) -> dict[str, str]:
    """The pandas dtypes of the columns of an export that are not dates."""
    return {name: _PANDAS[kind] for name, kind in column_types(fmt).items() if kind in _PANDAS}
