"""The codes that event-data tools expect beside PLOVER's types: GDELT's quad class numbers
and a Goldstein-style score per (type, mode).

The scores are herald's own table, ``herald/data/store/goldstein.csv``: one score from -10
(most conflictual) to +10 (most cooperative) per PLOVER type (the row with an empty mode)
and per mode where the mode says more than the type (an air strike is worse than a
beating, a ceasefire better than a resignation). We wrote them from what the PLOVER types
and modes mean, on the scale Goldstein's CAMEO weights made familiar; the ``why`` column
says the reason of each. docs/exports.md lists them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from herald.data_files import read_rows
from herald.events.plover import plover_types

QUAD_CODES = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}

# The name under which ``code_rows`` is registered for the export queries.
CODES_VIEW = "_herald_event_codes"


@functools.cache
def goldstein_scores() -> dict[tuple[str, str | None], float]:
    """(type, mode or None) -> score; the (type, None) row is the type's own score."""
    return {
        (row["type"], row["mode"] or None): float(row["score"])
        for row in read_rows("store/goldstein.csv")
    }


def goldstein(event_type: str, mode: str | None) -> float | None:
    """The score of a (type, mode): the mode's own when the table has one, else the type's."""
    scores = goldstein_scores()
    return scores.get((event_type, mode), scores.get((event_type, None)))


def code_rows() -> list[dict[str, Any]]:
    """One row per (type, mode) of the PLOVER table, mode "" for the type itself: quad name,
    quad class and score, for the export queries to join on ``(type, coalesce(mode, ''))``."""
    rows = []
    for name, info in plover_types().items():
        for mode in (None, *info.modes):
            rows.append(
                {
                    "type": name,
                    "mode": mode or "",
                    "quad": info.quad,
                    "quad_class": QUAD_CODES.get(info.quad),
                    "goldstein": goldstein(name, mode),
                }
            )
    return rows


@contextmanager
def codes_registered(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``code_rows`` registered as ``CODES_VIEW`` on ``con`` while the block runs."""
    con.register(CODES_VIEW, pa.Table.from_pylist(code_rows()))
    try:
        yield
    finally:
        con.unregister(CODES_VIEW)


def events_passing(where: str) -> str:
    """A WHERE clause keeping the rows of ``events e`` that pass ``where`` (a clause over
    ``events_flat f`` from ``filters.where_clause``), or "" for no filter."""
    if not where:
        return ""
    return f"WHERE e.event_id IN (SELECT f.event_id FROM events_flat f{where})"
