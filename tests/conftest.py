"""Shared fixtures: the gold data folder (skipped with a reason where absent) and the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from herald.settings import shared_data_dir

# `make test` must give the same verdict on every machine and every run: property tests draw
# their examples from a fixed seed there. `make fuzz` runs the same properties with a random
# search and many more examples (HYPOTHESIS_PROFILE=search).
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("search", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


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
