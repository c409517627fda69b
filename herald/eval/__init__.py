"""``herald eval``: score herald's stages against the gold sets in the shared data folder.

One scorer per gold set (``herald.eval.<name>``), each with ``evaluate(split, limit,
show_progress) -> Report``; they share ``scoring`` (counts, P/R/F1, span matching, the
report), ``splits`` (the dev/test halves), ``runner`` (batches, progress bar) and
``floors`` (the regression gate). See docs/eval.md.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from herald.eval.scoring import Report
from herald.eval.splits import Split

# name -> module; imported on demand so that one scorer's imports do not slow the others
SCORERS: dict[str, str] = {
    name: f"herald.eval.{module}"
    for name, module in (
        ("plover", "plover"),
        ("conflibert", "conflibert"),
        ("acled", "acled"),
        ("timebank", "timebank"),
        ("timelines", "timelines"),
        ("quotes", "quotes"),
        ("places", "places"),
        ("dates", "dates"),
        ("stories", "stories"),
        ("modality", "modality"),
        ("articles", "articles"),
        ("headlines", "headlines"),
        ("senses", "senses"),
    )
}


def scorer(name: str) -> ModuleType:
    return importlib.import_module(SCORERS[name])


def evaluate(
    name: str, split: Split = "dev", limit: int | None = None, show_progress: bool = True
) -> Report:
    """Run the scorer ``name`` on ``split`` (at most ``limit`` records)."""
    report: Report = scorer(name).evaluate(split, limit, show_progress)
    return report


__all__ = ["SCORERS", "Report", "evaluate", "scorer"]
