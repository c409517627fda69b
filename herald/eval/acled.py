"""Score event types on the CASE 2021 ACLED snippets through herald/data/eval/acled_to_plover.csv.

Record id: the snippet's ``id`` column. ACLED types without a PLOVER counterpart
(disasters, crime, OTHER, ...) map to "none": herald is right there when it finds no event.
The mapping says where it is lossy (docs/eval.md lists those rows); accuracy is also given
on the loss-free rows only, where a miss is herald's and not the mapping's.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from herald.data_files import read_rows
from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, analyse_items, top_event
from herald.eval.scoring import Report, label_counts, macro_f1
from herald.eval.splits import Split, select

NAME = "acled"
DESCRIPTION = "CASE 2021 ACLED sub-event snippets: PLOVER type and mode through a mapping"
NO_EVENT = "none"


@dataclass(frozen=True, slots=True)
class Mapping:
    acled_type: str
    plover_type: str  # NO_EVENT when PLOVER has nothing for it
    plover_mode: str | None
    lossy: bool
    note: str


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    acled_type: str


@functools.cache
def acled_mapping() -> dict[str, Mapping]:
    """ACLED sub-event type -> PLOVER type and mode (herald/data/eval/acled_to_plover.csv)."""
    rows = read_rows("eval/acled_to_plover.csv")
    return {
        row["acled_type"]: Mapping(
            acled_type=row["acled_type"],
            plover_type=row["plover_type"] or NO_EVENT,
            plover_mode=row["plover_mode"] or None,
            lossy=row["lossy"] == "yes",
            note=row["note"],
        )
        for row in rows
    }


def load() -> list[Snippet]:
    path = gold_path(
        "case2021_acled_types", "task2", "test_dataset", "test_set_final_release_with_labels.tsv"
    )
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return [Snippet(row["id"], row["EventSnippet"], row["SubType"]) for row in rows]


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    snippets = list(select(load(), lambda s: s.id, split, limit))
    mapping = acled_mapping()
    report = Report(NAME, split, records=len(snippets), limit=limit)
    pairs = []
    items = [TextItem(s.id, s.text) for s in snippets]
    for snippet, (_, extraction) in zip(
        snippets, analyse_items(items, NAME, show_progress), strict=True
    ):
        if extraction is None:
            report.count("failed")
        event = top_event(extraction.events) if extraction else None
        expected = mapping[snippet.acled_type]
        predicted = event.type if event is not None else NO_EVENT
        right = predicted == expected.plover_type
        report.ratio("type_accuracy").add(right)
        if not expected.lossy:
            report.ratio("type_accuracy_lossless_rows").add(right)
        target = "political" if expected.plover_type != NO_EVENT else "non_political"
        report.ratio(f"type_accuracy_{target}").add(right)
        if expected.plover_mode is not None:
            report.ratio("mode_accuracy").add(
                right and event is not None and event.mode == expected.plover_mode
            )
        pairs.append((expected.plover_type, predicted))
    table = label_counts(pairs)
    for label, counts in table.items():
        report.fields[f"type:{label}"] = counts
    report.figures["type_macro_f1"] = macro_f1(table)
    report.notes.append(
        "gold = ACLED sub-event type mapped by herald/data/eval/acled_to_plover.csv; mode accuracy "
        "counts a row right only when type and mode both match"
    )
    return report
