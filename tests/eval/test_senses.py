"""Type accuracy per trigger lemma (herald.eval.senses)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from herald.eval import senses
from herald.parse.model import parse_many
from herald.pipeline import process_batch
from herald.records import RawDocument
from herald.settings import Options


def _events_and_parse(text: str):
    raw = RawDocument(source="t.txt", id="t", content=text.encode(), kind="text")
    (result,) = process_batch([raw], Options(date=dt.date(2024, 3, 4), strict=True))
    (parsed,) = parse_many([result.doc.text])
    return result.events, parsed


def test_a_trigger_is_keyed_by_the_lemmas_of_its_words():
    events, parsed = _events_and_parse("Gunmen killed five soldiers in Kabul on Monday.")
    assert [senses.trigger_lemma(parsed, e) for e in events] == ["kill"]


def test_the_ambiguous_lemmas_are_those_the_lexicon_types_two_ways():
    ambiguous = senses.ambiguous_lemmas()
    assert {"strike", "halt", "expel"} <= ambiguous  # a walkout or a raid; a sanction or a truce
    assert "kill" not in ambiguous and "condemn" not in ambiguous


@pytest.mark.slow
def test_each_text_with_an_event_counts_once_by_sense_and_lemmas_repeat(shared_data: Path):
    report = senses.evaluate("dev", 40, show_progress=False)
    by_sense = sum(report.ratios[s].total for s in ("ambiguous_lemmas", "single_sense_lemmas"))
    assert by_sense + report.counts.get("no_event", 0) == report.records
    assert report.records > 40  # three sets, each limited to 40 texts (ACLED: lossless rows)
    measured = {k: r for k, r in report.ratios.items() if k.startswith("trigger:")}
    assert measured and all(r.total >= senses.MIN_SEEN for r in measured.values())
    assert report.counts["lemmas_measured"] == len(measured) <= report.counts["lemmas_used"]
