"""Score event typing on headlines: POLECAT's synthetic headlines (NGEC), 375 templated
titles each labelled with one PLOVER type and mode, written by another team for another coder.

The set measures what the other sets do not: a genre (title case, no articles, present
tense for the past: "Kenya Leader Criticizes Brazil's Response to Crisis") and a wording
that herald's rules were not written on. Each template's placeholders ({country_1},
{country_2}, {country_3}, {city}) are filled with real names chosen by a hash of the
template, so every run reads the same titles; the record id of the dev/test split is the
template. The predicted type is herald's highest-confidence event as herald types it (the
headlines are labelled by what they tell, a promise to concede is CONCEDE, not folded by
the manual's planned-cooperation convention); "none" when herald finds no event.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass

from herald.eval.gold import gold_path
from herald.eval.plover import GOLD_DATE, NO_EVENT
from herald.eval.runner import TextItem, analyse_items, top_event
from herald.eval.scoring import Report, label_counts, macro_f1
from herald.eval.splits import Split, select

NAME = "headlines"
DESCRIPTION = "POLECAT's synthetic headlines (NGEC): the type of a headline's top event"

# Names put in the templates' slots: states of every region and large cities.
_COUNTRIES = (
    "Kenya", "Brazil", "India", "Japan", "Nigeria", "Canada", "Egypt", "Mexico", "Poland",
    "Indonesia", "Chile", "Vietnam",
)  # fmt: skip
_CITIES = ("Lagos", "Mumbai", "Cairo", "Nairobi", "Lima", "Manila", "Karachi", "Bogota")


@dataclass(frozen=True, slots=True)
class Headline:
    template: str
    text: str
    type: str
    mode: str | None


def fill(template: str) -> str:
    """The template with real, distinct names in its slots, chosen by a hash of it."""
    seed = int(hashlib.sha256(template.encode("utf-8")).hexdigest(), 16)
    first = seed % len(_COUNTRIES)
    countries = [_COUNTRIES[(first + step) % len(_COUNTRIES)] for step in (0, 5, 7)]
    text = template.replace("{city}", _CITIES[seed % len(_CITIES)])
    for number, country in enumerate(countries, start=1):
        text = text.replace(f"{{country_{number}}}", country)
    return text


def load() -> list[Headline]:
    path = gold_path("ngec", "synthetic_headlines.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Headline(row["title"], fill(row["title"].strip()), row["event"], row["mode"] or None)
        for row in rows
    ]


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    headlines = list(select(load(), lambda h: h.template, split, limit))
    report = Report(NAME, split, records=len(headlines), limit=limit)
    items = [TextItem(str(n), h.text, GOLD_DATE) for n, h in enumerate(headlines)]
    pairs = []
    for headline, (_, extraction) in zip(
        headlines, analyse_items(items, NAME, show_progress), strict=True
    ):
        event = top_event(extraction.events) if extraction is not None else None
        predicted = event.type if event is not None else NO_EVENT
        pairs.append((headline.type, predicted))
        report.ratio("type_accuracy").add(predicted == headline.type)
        report.ratio("found").add(event is not None)
        if event is not None:
            report.ratio("type_accuracy_found").add(predicted == headline.type)
        if headline.mode and event is not None and predicted == headline.type:
            report.ratio("mode_accuracy").add((event.mode or "").lower() == headline.mode.lower())
    types = label_counts(pairs)
    for label, counts in types.items():
        report.fields[f"type:{label}"] = counts
    report.figures["type_macro_f1"] = macro_f1(types, skip=[NO_EVENT])
    report.notes.append(
        "templates filled with real names by a hash of the template; type = herald's "
        "highest-confidence event, unfolded; found = herald finds any event in the headline"
    )
    return report
