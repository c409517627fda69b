"""The scorers' arithmetic on small hand-made cases whose answers are known."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from herald.cli.eval import eval_command
from herald.data_files import read_text
from herald.errors import DataMissingError
from herald.eval.acled import acled_mapping
from herald.eval.conflibert import SpanSentence, bio_spans, dyad_counts
from herald.eval.floors import check_floors, figure_at, load_floors
from herald.eval.plover import RENAMED, to_gold, triples
from herald.eval.quotes import brat_extent, is_direct
from herald.eval.scoring import (
    Counts,
    Ratio,
    Report,
    b_cubed,
    label_counts,
    macro_f1,
    match_spans,
    median,
    nearest_occurrence,
    pairwise_counts,
    set_counts,
    span_counts,
    within_tolerance,
)
from herald.eval.splits import in_split, select, split_of
from herald.eval.stories import score as score_stories
from herald.eval.timelines import date_agrees, detokenize, gold_date
from herald.eval.timeml import flatten
from herald.events.plover import plover_types

# ------------------------------------------------------------------ counts and PRF


def test_prf_of_known_counts():
    counts = Counts(tp=6, fp=2, fn=4)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_empty_counts_give_none_not_zero():
    assert Counts().precision is None
    assert Counts(fn=3).precision is None
    assert Counts(fn=3).recall == 0.0
    assert Ratio().value is None


def test_a_ratios_interval_is_wilsons_score_interval():
    low, high = Ratio(8, 10).interval
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)  # the textbook example
    assert Ratio(0, 5).interval[0] == 0.0 and Ratio(5, 5).interval[1] == 1.0
    assert Ratio().interval is None


@given(st.integers(0, 500), st.integers(1, 500))
def test_a_ratios_interval_holds_its_value_and_narrows_with_more_items(correct, wrong):
    ratio = Ratio(correct, correct + wrong)
    low, high = ratio.interval
    assert 0.0 <= low <= ratio.value <= high <= 1.0
    low4, high4 = Ratio(correct * 4, (correct + wrong) * 4).interval
    assert high4 - low4 < high - low


def test_counts_add_up():
    total = Counts(1, 2, 3)
    total.add(Counts(4, 5, 6))
    assert (total.tp, total.fp, total.fn) == (5, 7, 9)


def test_set_counts():
    counts = set_counts(["USA", "CAN"], ["USA", "MEX", "USA"])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)


def test_label_counts_and_macro_f1():
    table = label_counts([("A", "A"), ("A", "B"), ("B", "B"), ("C", "none")])
    assert (table["A"].tp, table["A"].fn, table["A"].fp) == (1, 1, 0)
    assert (table["B"].tp, table["B"].fp) == (1, 1)
    assert table["none"].fp == 1 and table["C"].fn == 1
    # A: F1 2/3, B: 2/3, C: 0 -> mean 4/9; "none" never occurs in gold so it does not count
    assert macro_f1(table) == pytest.approx(4 / 9)


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.sampled_from("ABC")), max_size=40))
def test_label_counts_balance(pairs):
    table = label_counts(pairs)
    assert sum(c.tp + c.fn for c in table.values()) == len(pairs)
    assert sum(c.tp + c.fp for c in table.values()) == len(pairs)


# ------------------------------------------------------------------ spans


def test_strict_and_relaxed_span_matching_differ():
    gold = [(0, 10), (20, 30)]
    predicted = [(0, 10), (22, 35)]
    strict = span_counts(gold, predicted, relaxed=False)
    relaxed = span_counts(gold, predicted, relaxed=True)
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 0, 0)


def test_touching_spans_do_not_overlap():
    assert span_counts([(0, 5)], [(5, 9)]).tp == 0


def test_one_prediction_cannot_match_two_gold_spans():
    counts = span_counts([(0, 5), (6, 10)], [(0, 10)])
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


def test_relaxed_matching_pairs_largest_overlaps_first():
    # predicted 0 overlaps both gold spans; the bigger overlap (gold 1) must win so that
    # predicted 1 can still take gold 0
    assert match_spans([(0, 4), (4, 20)], [(3, 20), (0, 3)]) == [(0, 1), (1, 0)]


def test_strict_matching_uses_each_prediction_once():
    assert match_spans([(1, 2), (1, 2)], [(1, 2)], relaxed=False) == [(0, 0)]


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8),
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8),
)
def test_relaxed_never_scores_below_strict(gold, predicted):
    gold_spans = [(s, s + n) for s, n in gold]
    predicted_spans = [(s, s + n) for s, n in predicted]
    strict = span_counts(gold_spans, predicted_spans, relaxed=False)
    relaxed = span_counts(gold_spans, predicted_spans, relaxed=True)
    assert relaxed.tp >= strict.tp
    assert relaxed.tp + relaxed.fn == len(gold_spans)
    assert relaxed.tp + relaxed.fp == len(predicted_spans)


def test_nearest_occurrence_picks_the_closest():
    text = "said x. He said: yes. Much later it was said again."
    assert nearest_occurrence(text, "said", (17, 20)) == (11, 15)
    assert nearest_occurrence(text, "told", (0, 1)) is None
    assert nearest_occurrence(text, "", (0, 1)) is None


# ------------------------------------------------------------------ places


def test_161_km_rule():
    new_york, philadelphia, boston = (40.71, -74.01), (39.95, -75.17), (42.36, -71.06)
    assert within_tolerance(new_york, philadelphia)  # about 130 km apart
    assert not within_tolerance(new_york, boston)  # about 306 km apart


def test_161_km_boundary():
    # one degree of latitude is about 111 km: 1.4 degrees is inside, 1.5 outside
    assert within_tolerance((0.0, 0.0), (1.4, 0.0))
    assert not within_tolerance((0.0, 0.0), (1.5, 0.0))


def test_median():
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([]) is None


# ------------------------------------------------------------------ clusters


def test_b_cubed_on_a_tiny_clustering():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    precision, recall, f1 = b_cubed(gold, predicted)
    # precision: a,b 1; c 1/3; d,e 2/3 -> 11/3 / 5; recall: a,b 2/3; c 1/3; d,e 1 -> 11/3 / 5
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_b_cubed_perfect_and_missing_items():
    gold = {"a": 1, "b": 1, "c": 2}
    assert b_cubed(gold, {"a": 9, "b": 9, "c": 8}) == (1.0, 1.0, 1.0)
    precision, recall, _ = b_cubed(gold, {})  # all singletons
    assert precision == 1.0 and recall == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert b_cubed({}, {}) == (None, None, None)


def test_pairwise_counts():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    counts = pairwise_counts(gold, predicted)
    # gold pairs ab ac bc; predicted pairs ab cd
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 2)


# ------------------------------------------------------------------ splits


def test_split_follows_the_documented_rule():
    import hashlib

    for record_id in ["PLOVER-GSR01-AGREE-0001", "lgl:40450848", "émigré", "3307"]:
        digit = hashlib.sha1(record_id.encode("utf-8")).hexdigest()[0]
        assert split_of(record_id) == ("dev" if digit in "01234567" else "test")


def test_split_is_deterministic_and_all_takes_both():
    ids = [f"record-{i}" for i in range(200)]
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]
    assert all(in_split(i, "all") for i in ids)
    assert all(in_split(i, "dev") != in_split(i, "test") for i in ids)


def test_split_is_roughly_half_and_half():
    dev = sum(split_of(f"doc-{i}") == "dev" for i in range(4000))
    assert 1800 < dev < 2200


def test_select_respects_split_and_limit():
    ids = [f"r{i}" for i in range(100)]
    dev = list(select(ids, str, "dev"))
    assert dev == [i for i in ids if split_of(i) == "dev"]
    assert list(select(ids, str, "dev", limit=3)) == dev[:3]


# ------------------------------------------------------------------ parsers of gold formats


def test_plover_renames_and_codes():
    record = {
        "id": "X-1",
        "event": "DISAPPROVE",
        "text": "t",
        "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOVx"}],
        "target": [
            {"actorText": "UN", "code": "IGO"},
            {"actorText": "Iraqi rebels", "code": "IRQ", "sector": "***"},
        ],
    }
    gold = to_gold(record)
    assert (gold.type, gold.mode) == ("ACCUSE", "disapprove")
    assert gold.actors[0].country is None and gold.actors[0].sector == "GOV"
    assert gold.recipients[0].sector == "IGO" and gold.recipients[1].country == "IRQ"
    assert gold.recipients[1].sector is None
    assert to_gold({**record, "target": ""}).recipients == ()
    assert all(new in plover_types() for new, _ in RENAMED.values())


def test_triples_use_a_dash_for_no_country():
    assert triples({"USA"}, "AID", set()) == {("USA", "AID", "-")}
    assert len(triples({"USA", "CAN"}, "AGREE", {"MEX"})) == 2


def test_bio_spans():
    text, spans = bio_spans(
        [("A", "B-S"), ("car", "I-S"), ("hit", "O"), ("the", "B-T"), ("man", "I-T"), ("x", "I-S")]
    )
    assert text == "A car hit the man x"
    assert spans["S"] == [(0, 5), (18, 19)]  # a stray I- opens a span of its own
    assert [text[s:e] for s, e in spans["T"]] == ["the man"]


def test_brat_extent_and_direct_quotes():
    assert brat_extent("315 448;463 553") == (315, 553)
    text = 'He said "we will win" and that taxes would fall.'
    assert is_direct(text, (8, 21))
    assert is_direct(text, (9, 20))  # the mark just before the span
    assert not is_direct(text, (31, 47))
    nyt = "''It is fine,'' he said. Warren: \u2018You should go.\u2019"
    assert is_direct(nyt, (2, 12))
    assert is_direct(nyt, (33, 47))
    assert not is_direct("Clinton's 'plan' works", (10, 22))


def test_flatten_timeml():
    import xml.etree.ElementTree as ET

    element = ET.fromstring(
        '<TEXT>On <TIMEX3 value="1998-01-08">Thursday</TIMEX3>, <EVENT>rain</EVENT>.</TEXT>'
    )
    text, tags = flatten(element)
    assert text == "On Thursday, rain."
    assert [(t.tag, text[t.start : t.end]) for t in tags] == [
        ("TIMEX3", "Thursday"),
        ("EVENT", "rain"),
    ]


def test_timeline_dates_at_gold_precision():
    assert gold_date("2005-01-XX") == "2005-01"
    assert gold_date("XXXX-XX-XX") is None
    assert gold_date("2008") == "2008"
    assert date_agrees("2005-01", "2005-01-18")
    assert not date_agrees("2005-01-18", "2005-01")  # coarser than the gold
    assert not date_agrees("2005-01", "2005-02-01")
    assert not date_agrees("2005", None)
    assert detokenize("Boeing 's plane , ( big ) .") == "Boeing's plane, (big)."


# ------------------------------------------------------------------ tables and floors


def test_acled_table_is_complete_and_valid():
    types = plover_types()
    text = read_text("eval/acled_to_plover.csv")
    rows = list(csv.DictReader(text.splitlines()))
    assert set(rows[0]) == {"acled_type", "plover_type", "plover_mode", "lossy", "note"}
    assert len(rows) == len(acled_mapping()) == 30
    for row in rows:
        assert row["lossy"] in ("yes", "no") and row["note"]
        if row["plover_type"]:
            assert row["plover_type"] in types
            assert not row["plover_mode"] or row["plover_mode"] in types[row["plover_type"]].modes
        else:
            assert not row["plover_mode"]
    assert acled_mapping()["NATURAL_DISASTER"].plover_type == "none"


def test_check_floors():
    report = Report("plover", "dev")
    report.ratio("type_accuracy").add(True)
    report.ratio("type_accuracy").add(False)
    floors = {"plover": {"floors": {"ratios.type_accuracy.value": 0.6, "fields.x.f1": 0.1}}}
    failures = check_floors(report, floors)
    assert len(failures) == 2
    assert "below its floor 0.6" in failures[0] or "below its floor 0.6" in failures[1]
    assert any("missing" in failure for failure in failures)
    floors["plover"]["floors"] = {"ratios.type_accuracy.value": 0.5}
    assert check_floors(report.to_dict(), floors) == []
    assert check_floors(Report("unknown", "dev"), floors) == []


def test_figure_at():
    data = {"fields": {"content": {"f1": 0.5, "tp": 3}}, "figures": {"m": None}}
    assert figure_at(data, "fields.content.f1") == 0.5
    assert figure_at(data, "figures.m") is None
    assert figure_at(data, "fields.cue.f1") is None


def test_shipped_floors_name_real_scorers_and_paths():
    from herald.eval import SCORERS

    floors = load_floors()
    for name, entry in floors.items():
        if name.startswith("_"):
            continue
        assert name in SCORERS
        assert entry["split"] == "dev"
        for path, floor in entry["floors"].items():
            assert path.split(".")[0] in ("fields", "ratios", "figures")
            assert 0.0 <= floor <= 1.0


def test_report_renders_and_serializes():
    report = Report("demo", "dev", records=2)
    report.field_counts("content").add(Counts(1, 1, 0))
    report.ratio("speaker_accuracy").add(True)
    report.figures["median_error_km"] = None
    report.count("failed")
    table = report.render()
    assert "content" in table and "0.500" in table and "speaker_accuracy" in table
    data = json.loads(json.dumps(report.to_dict()))
    assert data["fields"]["content"]["precision"] == 0.5
    assert data["counts"] == {"failed": 1}


# ------------------------------------------------------------------ the command


def test_eval_without_data_says_where_it_looked(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("HERALD_DATA", str(missing))
    result = CliRunner().invoke(eval_command, ["plover", "--no-progress"])
    assert isinstance(result.exception, DataMissingError)
    assert str(missing) in str(result.exception)
    assert "HERALD_DATA" in str(result.exception)


def test_eval_rejects_unknown_names():
    result = CliRunner().invoke(eval_command, ["nosuchset"])
    assert result.exit_code == 2


def test_resolution_by_id_or_distance():
    from herald.eval.places import Toponym, resolved_right
    from herald.records import Place

    gold = Toponym(0, 6, "Boston", 4930956, 42.36, -71.06)
    same_id = Place("Boston", 0, 6, geonameid=4930956)
    nearby = Place("Boston", 0, 6, lat=42.40, lon=-71.10, geonameid=1)
    far = Place("Boston", 0, 6, lat=52.98, lon=-0.03, geonameid=2653225)  # Boston, England
    unplaced = Place("Boston", 0, 6)
    assert resolved_right(gold, same_id)
    assert resolved_right(gold, nearby)
    assert not resolved_right(gold, far)
    assert not resolved_right(gold, unplaced)


def test_shipped_floors_sit_below_what_was_measured():
    for name, entry in load_floors().items():
        if not name.startswith("_"):
            assert set(entry["floors"]) == set(entry["measured"])
            assert all(entry["floors"][p] <= entry["measured"][p] for p in entry["floors"])


def test_check_floors_option_exits_non_zero_below_a_floor(monkeypatch, tmp_path):
    import herald.cli.eval as eval_cli

    poor = Report("plover", "dev", records=1)
    poor.ratio("type_accuracy").add(False)
    monkeypatch.setattr(eval_cli, "evaluate", lambda *args, **kwargs: poor)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        eval_command, ["plover", "--check-floors", "--report", str(out), "--no-progress"]
    )
    assert result.exit_code == 1
    assert "type_accuracy" in result.output
    assert json.loads(out.read_text())["ratios"]["type_accuracy"]["correct"] == 0
    result = CliRunner().invoke(eval_command, ["plover", "--no-progress"])
    assert result.exit_code == 0  # without the gate a poor figure is only reported


def test_dyad_needs_source_and_target_right_together() -> None:
    both = SpanSentence("s", "a hit b", sources=((0, 1),), targets=((6, 7),))
    right = dyad_counts(both, Counts(tp=1), Counts(tp=1))
    assert (right.tp, right.fp, right.fn) == (1, 0, 0)
    half = dyad_counts(both, Counts(tp=1), Counts(fp=1, fn=1))
    assert (half.tp, half.fp, half.fn) == (0, 1, 1)
    missed = dyad_counts(both, Counts(fn=1), Counts(fn=1))
    assert (missed.tp, missed.fp, missed.fn) == (0, 0, 1)
    no_target = SpanSentence("t", "a spoke", sources=((0, 1),), targets=())
    extra = dyad_counts(no_target, Counts(tp=1), Counts(fp=1))
    assert (extra.tp, extra.fp, extra.fn) == (0, 1, 0)


def test_the_stories_score_reports_the_largest_cluster_on_each_side():
    report = Report("stories", "dev")
    gold = {"a": "g1", "b": "g1", "c": "g2", "d": "g3"}
    # one predicted story chains three articles of two gold stories
    score_stories(report, gold, {"a": "s1", "b": "s1", "c": "s1"})
    assert report.counts["largest_predicted_cluster"] == 3
    assert report.counts["largest_gold_cluster"] == 2
    assert report.figures["b_cubed_precision"] < 1.0
