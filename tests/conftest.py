"""Shared fixtures: the gold data folder (skipped with a reason where absent) and the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.settings import shared_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: that data is never copied into the repo."""
    root = shared_data_dir()
    if not root.is_dir():
        pytest.skip(f"gold data not found at {root} (set HERALD_DATA to its folder)")
    return root


@pytest.fixture(scope="session")
def demo_article(shared_data: Path) -> str:
    path = shared_data / "demo" / "globe-tillerson-ottawa.txt"
    if not path.is_file():
        pytest.skip(f"demo article not found at {path}")
    return path.read_text(encoding="utf-8")
