"""Arrow tables of rows made in Python, handed to DuckDB for one statement."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa


def with_arrow_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    table: pa.Table,
    sql: str,
    params: dict[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """Run ``sql`` with ``table`` registered under ``name``, then drop the name: the rows
    go in or are joined in one statement, never row by row. Returns the statement's rows."""
    con.register(name, table)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.unregister(name)
