"""Where the gold sets are, and a clear error when they are not there."""

from __future__ import annotations

from pathlib import Path

from herald.errors import DataMissingError
from herald.settings import shared_data_dir


def gold_path(*parts: str) -> Path:
    """A file or folder of the shared data; DataMissingError says where herald looked."""
    root = shared_data_dir()
    path = root.joinpath(*parts)
    if not path.exists():
        raise DataMissingError(
            f"gold data not found: looked for {path}. The gold sets are not part of herald; "
            "set HERALD_DATA to the folder that holds them (e.g. ../shared/data)."
        )
    return path
