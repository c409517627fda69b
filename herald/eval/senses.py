"""Score event typing per trigger word: which words herald types well, which senses it confuses.

A set's type accuracy says how often herald is right, not where it goes wrong: "strike" may
be a walkout or an air raid, "expel" a sanction or a deportation, and one such word wrong in
every story costs more than ten words each wrong once. This scorer reads the three sets that
give one PLOVER type per text, each split as its own scorer splits it (so dev stays dev):

- ``plover``: the PLOVER gold sentences, herald's type folded by the manual's conventions
  (``herald.eval.plover.predicted_type``);
- ``acled``: the ACLED snippets whose sub-event type maps to one PLOVER type without loss
  (herald/data/eval/acled_to_plover.csv: a lossy row's gold type is a guess);
- ``headlines``: the NGEC synthetic headlines.

Each text's top event is keyed by the lemma of its trigger ("killed", "kills" -> "kill"). For
every lemma herald used at least ``MIN_SEEN`` times on the split, the report gives the share
of texts it typed right (``trigger:LEMMA``) and, in the notes, the types the gold gave where
it was wrong ("none": the text tells no event PLOVER codes). Lemmas that the trigger lexicon
lists under two or more types (plover_triggers.csv) are the ambiguous ones, whose sense
herald decides from their arguments and context; their accuracy is reported apart from that
of single-sense lemmas (``ambiguous_lemmas``, ``single_sense_lemmas``).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from herald.eval import acled, headlines, plover
from herald.eval.runner import TextItem, analyse_parsed_items, top_event
from herald.eval.scoring import Report
from herald.eval.splits import Split, select
from herald.events.plover import trigger_lexicon
from herald.records import Event, ParsedText

NAME = "senses"
DESCRIPTION = "type accuracy per trigger lemma on the plover, acled and headlines sets"
NO_EVENT = "none"
# A lemma's accuracy is reported once herald used it this often on the split: below, one
# text more or less swings it by a fifth.
MIN_SEEN = 5


@dataclass(frozen=True, slots=True)
class Typed:
    """One text of a set with one gold type, and how herald's type is read for that set."""

    item: TextItem
    gold: str
    read_type: Callable[[Event], str]


def _plover(split: Split, limit: int | None) -> list[Typed]:
    sentences = select(plover.load(), lambda s: s.id, split, limit)
    return [
        Typed(TextItem(s.id, s.text, plover.GOLD_DATE), s.type, plover.predicted_type)
        for s in sentences
    ]


def _acled(split: Split, limit: int | None) -> list[Typed]:
    mapping = acled.acled_mapping()
    snippets = select(acled.load(), lambda s: s.id, split, limit)
    return [
        Typed(TextItem(s.id, s.text), mapping[s.acled_type].plover_type, _own_type)
        for s in snippets
        if not mapping[s.acled_type].lossy
    ]


def _headlines(split: Split, limit: int | None) -> list[Typed]:
    titles = select(headlines.load(), lambda h: h.template, split, limit)
    return [
        Typed(TextItem(h.template, h.text, plover.GOLD_DATE), h.type, _own_type) for h in titles
    ]


def _own_type(event: Event) -> str:
    return event.type


SETS: dict[str, Callable[[Split, int | None], list[Typed]]] = {
    "plover": _plover,
    "acled": _acled,
    "headlines": _headlines,
}


def trigger_lemma(parsed: ParsedText, event: Event) -> str:
    """The lemmas of the tokens of the event's trigger, lower case ("called for" -> "call
    for"); the trigger's own text if no token starts inside it."""
    lemmas = [
        t.lemma.lower() for t in parsed.tokens if event.trigger.start <= t.idx < event.trigger.end
    ]
    return " ".join(lemmas) or event.trigger.text.lower()


@functools.cache
def ambiguous_lemmas() -> frozenset[str]:
    """Lemmas the trigger lexicon lists under two or more PLOVER types."""
    types: dict[str, set[str]] = defaultdict(set)
    for (lemma, _), entries in trigger_lexicon().items():
        types[lemma].update(entry.type for entry in entries)
    return frozenset(lemma for lemma, kinds in types.items() if len(kinds) > 1)


def _typed(texts: list[Typed], show_progress: bool) -> Iterator[tuple[Typed, str | None, str]]:
    """Each text with its top event's trigger lemma (None: no event) and herald's type."""
    analysed = analyse_parsed_items([t.item for t in texts], NAME, show_progress)
    for text, (_, parsed, extraction) in zip(texts, analysed, strict=True):
        event = top_event(extraction.events) if extraction is not None else None
        if event is None:
            yield text, None, NO_EVENT
        else:
            yield text, trigger_lemma(parsed, event), text.read_type(event)


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    texts = [t for load in SETS.values() for t in load(split, limit)]
    report = Report(NAME, split, records=len(texts), limit=limit)
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lemma -> (herald, gold)
    for text, lemma, predicted in _typed(texts, show_progress):
        if lemma is None:
            report.count("no_event")
            continue
        seen[lemma].append((predicted, text.gold))
        sense = "ambiguous_lemmas" if lemma in ambiguous_lemmas() else "single_sense_lemmas"
        report.ratio(sense).add(predicted == text.gold)
    measured = sorted((lemma for lemma in seen if len(seen[lemma]) >= MIN_SEEN), key=_order(seen))
    for lemma in measured:
        for predicted, gold in seen[lemma]:
            report.ratio(f"trigger:{lemma}").add(predicted == gold)
        wrong = Counter(g for p, g in seen[lemma] if p != g)
        if wrong:
            told = ", ".join(f"{gold} {n}" for gold, n in wrong.most_common())
            report.notes.append(f"{lemma} ({_usual(seen[lemma])}): gold said {told}")
    report.counts["lemmas_used"] = len(seen)
    report.counts["lemmas_measured"] = len(measured)
    report.notes.insert(
        0,
        f"per lemma of the top event's trigger, used at least {MIN_SEEN} times; sets: "
        "plover (manual's convention), acled (lossless mapping rows), headlines",
    )
    return report


def _order(seen: dict[str, list[tuple[str, str]]]) -> Callable[[str], tuple[int, str]]:
    """Most texts typed wrong first, then by lemma."""
    return lambda lemma: (-sum(p != g for p, g in seen[lemma]), lemma)


def _usual(pairs: list[tuple[str, str]]) -> str:
    """The type herald gave the lemma most often."""
    return Counter(p for p, _ in pairs).most_common(1)[0][0]
