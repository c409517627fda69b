"""The regression gate: every scorer with floors, on its dev split, must stay at or above them.

This is what keeps measured quality from sliding back: herald/eval/floors.json records the
dev-split figures that matter, and floors only rise (docs/eval.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.eval import evaluate
from herald.eval.floors import check_floors, load_floors

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

GATED = sorted(name for name in load_floors() if not name.startswith("_"))


@pytest.mark.parametrize("name", GATED)
def test_dev_figures_stay_at_or_above_their_floors(shared_data: Path, name: str):
    entry = load_floors()[name]
    report = evaluate(name, split=entry["split"], limit=entry["limit"], show_progress=False)
    assert check_floors(report) == []
