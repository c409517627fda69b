"""herald's own tables: the one way to find and read a file of ``herald/data``.

The folder is grouped by the stage that reads each table (``data/actors``, ``data/events``,
``data/places``, ...; docs/architecture.md lists them). Every stage reads its tables through
these three functions, so a table has one path and one reader.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of a table, ``name`` relative to ``herald/data`` ("events/cameo.csv")."""
    return DATA_DIR / name


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def read_rows(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV (or, with ``delimiter="\\t"``, TSV) table as dicts by header."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle, delimiter=delimiter)
        ]
