"""The regression gate: dev-split figures that must not fall below recorded floors.

``floors.json`` holds, per scorer, the figures that matter as dotted paths into the JSON
report ("ratios.type_accuracy.value", "fields.content.f1", "figures.type_macro_f1") with
their floors, plus the split and --limit they were measured with. Every figure there is
"higher is better". Floors may only rise: when a change improves a figure, raise its floor
in the same commit; lowering one needs a written reason in the commit (see docs/eval.md).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from herald.eval.scoring import Report


def load_floors() -> dict[str, Any]:
    text = resources.files("herald.eval").joinpath("floors.json").read_text(encoding="utf-8")
    floors: dict[str, Any] = json.loads(text)
    return floors


def figure_at(report: dict[str, Any], path: str) -> float | None:
    """The number at a dotted path of a report dict, None when it is absent or empty."""
    value: Any = report
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def check_floors(
    report: Report | dict[str, Any], floors: dict[str, Any] | None = None
) -> list[str]:
    """One message per figure of ``report`` below its floor (or missing); [] when all hold."""
    data = report.to_dict() if isinstance(report, Report) else report
    table = (floors if floors is not None else load_floors()).get(str(data.get("name")), {})
    failures = []
    for path, floor in sorted(table.get("floors", {}).items()):
        value = figure_at(data, path)
        if value is None:
            failures.append(f"{data.get('name')}: {path} is missing (floor {floor})")
        elif value < floor:
            failures.append(f"{data.get('name')}: {path} = {value:.3f} is below its floor {floor}")
    return failures
