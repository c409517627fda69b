"""herald bench: its arithmetic, its memory sampling, its report, and the parse it speeds up.

No test here asserts a speed: timings depend on the machine. They check what the bench
computes from its timings, and that the faster parse gives exactly the same records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from herald.bench.corpus import count_words
from herald.bench.measure import HeraldRun, Measure, process_memory_kib, tree_memory_mib
from herald.bench.report import (
    STAGES,
    build_report,
    format_report,
    rates,
    speed_ratio,
    stage_shares,
)
from herald.cli.bench import bench_command
from herald.data_files import data_path
from herald.parse.edges import subtree_edges

SAMPLES = data_path("samples")


def test_rates_divide_articles_and_words_by_seconds() -> None:
    assert rates(10, 5000, 2.0) == {"articles_per_s": 5.0, "words_per_s": 2500.0}
    assert rates(10, 5000, 0.0) == {"articles_per_s": 0.0, "words_per_s": 0.0}


def test_speed_ratio_is_above_one_when_faster_than_the_baseline() -> None:
    assert speed_ratio(50.0, 100.0) == 2.0
    assert speed_ratio(200.0, 100.0) == 0.5
    assert speed_ratio(0.0, 100.0) == 0.0


def test_stage_shares_cover_every_stage_and_sum_to_one() -> None:
    shares = stage_shares(Counter({"parse": 6.0, "events": 2.0, "store": 2.0}))
    assert list(shares) == list(STAGES)
    assert shares["parse"] == {"seconds": 6.0, "share": 0.6}
    assert shares["clean"]["share"] == 0.0
    assert sum(stage["share"] for stage in shares.values()) == pytest.approx(1.0)
    assert all(stage["share"] == 0.0 for stage in stage_shares(Counter()).values())


def test_count_words_splits_on_whitespace() -> None:
    assert count_words(["one two  three\n", "", "four"]) == 4


def test_tree_rss_includes_child_processes() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        own = process_memory_kib(child.pid)[0]
        for _ in range(100):  # wait until the child has started and has memory
            own = process_memory_kib(child.pid)[0]
            if own:
                break
            subprocess.run(["sleep", "0.05"], check=True)
        assert own > 0
        tree_rss = tree_memory_mib()[0]
        assert tree_rss >= (process_memory_kib(os.getpid())[0] + own) / 1024 * 0.9
    finally:
        child.kill()
        child.wait()


def test_subtree_edges_span_every_descendant() -> None:
    # "The talks in Nairobi ended ." : talks <- The, talks -> in -> Nairobi, ended is the root
    heads = [1, 4, 1, 2, 4, 4]
    left, right = subtree_edges(heads)
    assert left == [0, 0, 2, 3, 0, 5]
    assert right == [0, 3, 3, 3, 5, 5]


def _report_of(runs: dict[str, Measure]) -> dict:
    plain = HeraldRun(runs["herald"], Counter({"parse": 3.0, "events": 1.0}), events=7)
    stored = HeraldRun(runs["herald_store"], Counter({"parse": 3.0, "store": 1.0}), events=7)
    return build_report("tiny", 4, 400, 2, runs["spacy"], plain, stored, "model")


def test_report_arithmetic_and_table() -> None:
    report = _report_of(
        {
            "spacy": Measure(seconds=2.0, cpu_seconds=4.0, peak_rss_mib=500.0),
            "herald": Measure(seconds=1.0, cpu_seconds=8.0, peak_rss_mib=700.0),
            "herald_store": Measure(seconds=4.0, cpu_seconds=8.0, peak_rss_mib=800.0),
        }
    )
    assert report["runs"]["herald"]["articles_per_s"] == 4.0
    assert report["runs"]["herald_store"]["words_per_s"] == 100.0
    assert report["ratios"] == {"herald/spacy": 2.0, "herald_store/spacy": 0.5}
    assert report["cpu_ratios"] == {"herald/spacy": 0.5, "herald_store/spacy": 0.5}
    assert report["stages"]["herald_store"]["store"]["share"] == 0.25
    table = format_report(report)
    assert "herald + DuckDB (c)" in table
    assert "wall 2.00   CPU 0.50" in table


@pytest.mark.slow
def test_bench_command_writes_a_complete_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES / "batch.jsonl", corpus / "batch.jsonl")  # five articles
    report_path = tmp_path / "bench.json"
    result = CliRunner().invoke(
        bench_command,
        ["--corpus", str(corpus), "--processes", "1", "--report", str(report_path)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text())
    assert report["corpus"]["articles"] == 5
    assert report["corpus"]["words"] > 100
    assert set(report["runs"]) == {"spacy", "herald", "herald_store"}
    for run in report["runs"].values():
        assert run["seconds"] > 0
        assert run["peak_rss_mib"] > 0
        assert run["articles_per_s"] == pytest.approx(5 / run["seconds"])
    runs = report["runs"]
    assert report["ratios"]["herald/spacy"] == pytest.approx(
        runs["spacy"]["seconds"] / runs["herald"]["seconds"]
    )
    assert report["stages"]["herald"]["parse"]["seconds"] > 0
    assert report["stages"]["herald"]["store"]["seconds"] == 0
    assert report["stages"]["herald_store"]["store"]["seconds"] > 0
    assert report["events"]["herald"] == report["events"]["herald_store"]
    assert "spaCy nlp.pipe (a)" in result.output


# Sentences that exercise the several-token rules (gonna, let's, ain't, y'all, "there is"),
# whitespace tokens and pronoun case, where the replayed rules could go wrong.
TRICKY = [
    "I ain't gonna let 's see, y'all said there is a deal.  \n\n It was it, you know.",
    "Let's go. Gotta c'mon, they did what they had done; but the talks failed.",
    "The ministers were meeting their counterparts and agreed to better ties in 2024.",
]


@pytest.mark.slow
def test_replayed_rules_give_the_full_pipelines_parse() -> None:
    import spacy

    from herald.parse.model import (
        load_model,
        load_replay,
        to_parsed,
        to_parsed_replayed,
        with_paragraph_breaks,
    )
    from herald.parse.rule_replay import REPLACED_COMPONENTS
    from herald.settings import DEFAULT_MODEL

    rules = load_replay()
    if rules is None:
        pytest.skip("the model has no attribute ruler and rule lemmatizer to replay")
    # a fresh copy: load_replay tunes the cached one
    full = with_paragraph_breaks(spacy.load(DEFAULT_MODEL))
    texts = [*TRICKY, (SAMPLES / "ottawa-visit.txt").read_text(encoding="utf-8")]
    expected = [to_parsed(doc) for doc in full.pipe(texts)]
    nlp = load_model()
    found = [
        to_parsed_replayed(doc, rules) for doc in nlp.pipe(texts, disable=list(REPLACED_COMPONENTS))
    ]
    assert found == expected
