"""Arrow tables of rows made in Python, handed to DuckDB for one statement."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa


def with_arrow_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str) -> None:
    """Run ``sql`` with ``table`` registered under ``name``, then drop the name: the rows
    go in or are joined in one statement, never row by row."""
    con.register(name, table)
    try:
        con.execute(sql)
    finally:
        con.unregister(name)


def rows_with_arrow_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    table: pa.Table,
    sql: str,
    params: dict[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """The rows of the query ``sql`` run with ``table`` registered under ``name``."""
    con.register(name, table)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.unregister(name)
