"""herald bench, the report: rates, speed ratios and stage shares, as JSON and as a table.

Speed ratios are herald's articles/s over spaCy's: at least 1.0 means herald is at least
as fast as the bare parse.
"""

from __future__ import annotations

import os
import platform
from collections import Counter
from typing import Any

from herald.bench.measure import HeraldRun, Measure

STAGES = ("clean", "parse", "actors", "dates", "places", "quotes", "events", "store")
RUN_LABELS = {
    "spacy": "spaCy nlp.pipe (a)",
    "herald": "herald (b)",
    "herald_store": "herald + DuckDB (c)",
}


def rates(articles: int, words: int, seconds: float) -> dict[str, float]:
    """Articles and words per second (0 for a run that took no time)."""
    if seconds <= 0:
        return {"articles_per_s": 0.0, "words_per_s": 0.0}
    return {"articles_per_s": articles / seconds, "words_per_s": words / seconds}


def speed_ratio(seconds: float, baseline_seconds: float) -> float:
    """How many times faster than the baseline over the same corpus (>= 1.0: not slower)."""
    return baseline_seconds / seconds if seconds > 0 else 0.0


def stage_shares(seconds: Counter[str]) -> dict[str, dict[str, float]]:
    """Seconds and share of the staged total for each stage, in pipeline order."""
    total = sum(seconds.values())
    return {
        stage: {
            "seconds": seconds.get(stage, 0.0),
            "share": seconds.get(stage, 0.0) / total if total > 0 else 0.0,
        }
        for stage in STAGES
    }


def run_entry(measure: Measure, articles: int, words: int) -> dict[str, float]:
    """One run's line of the report: its times, rates and peak memory."""
    return {
        "seconds": measure.seconds,
        "cpu_seconds": measure.cpu_seconds,
        **rates(articles, words, measure.seconds),
        "peak_rss_mib": measure.peak_rss_mib,
        "peak_pss_mib": measure.peak_pss_mib,
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import spacy

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "load_average": os.getloadavg(),
    }


def build_report(
    corpus: str,
    articles: int,
    words: int,
    processes: int,
    spacy_run: Measure,
    herald_run: HeraldRun,
    store_run: HeraldRun,
    model: str,
) -> dict[str, Any]:
    """The JSON report: corpus, runs, ratios (wall and CPU) and stage shares."""
    runs = {
        "spacy": run_entry(spacy_run, articles, words),
        "herald": run_entry(herald_run.measure, articles, words),
        "herald_store": run_entry(store_run.measure, articles, words),
    }
    return {
        "corpus": {"name": corpus, "articles": articles, "words": words},
        "processes": processes,
        "model": model,
        "machine": machine(),
        "runs": runs,
        "events": {"herald": herald_run.events, "herald_store": store_run.events},
        "ratios": {
            "herald/spacy": speed_ratio(herald_run.measure.seconds, spacy_run.seconds),
            "herald_store/spacy": speed_ratio(store_run.measure.seconds, spacy_run.seconds),
        },
        "cpu_ratios": {
            "herald/spacy": speed_ratio(herald_run.measure.cpu_seconds, spacy_run.cpu_seconds),
            "herald_store/spacy": speed_ratio(store_run.measure.cpu_seconds, spacy_run.cpu_seconds),
        },
        "stages": {
            "herald": stage_shares(herald_run.stage_seconds),
            "herald_store": stage_shares(store_run.stage_seconds),
        },
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as a plain-text table: runs, speed ratios, then stages."""
    return "\n".join([*_run_lines(report), *_ratio_lines(report), *_stage_lines(report["stages"])])


def _run_lines(report: dict[str, Any]) -> list[str]:
    corpus = report["corpus"]
    lines = [
        f"corpus {corpus['name']}: {corpus['articles']} articles, {corpus['words']} words; "
        f"{report['processes']} processes; {report['machine']['cpus']} CPUs",
        f"{'run':<22}{'articles/s':>11}{'words/s':>10}{'peak RSS MiB':>14}"
        f"{'peak PSS MiB':>14}{'wall s':>9}{'CPU s':>9}",
    ]
    for key, label in RUN_LABELS.items():
        run = report["runs"][key]
        lines.append(
            f"{label:<22}{run['articles_per_s']:>11.2f}{run['words_per_s']:>10.0f}"
            f"{run['peak_rss_mib']:>14.0f}{run.get('peak_pss_mib', 0.0):>14.0f}"
            f"{run['seconds']:>9.1f}{run['cpu_seconds']:>9.1f}"
        )
    return lines


def _ratio_lines(report: dict[str, Any]) -> list[str]:
    return [
        f"speed ratio {key:<20} wall {value:.2f}   CPU {report['cpu_ratios'][key]:.2f}"
        for key, value in report["ratios"].items()
    ]


def _stage_lines(stages: dict[str, Any]) -> list[str]:
    lines = [f"{'stage':<10}{'herald s':>10}{'share':>8}{'+DuckDB s':>11}{'share':>8}"]
    plain, stored = stages["herald"], stages["herald_store"]
    for stage in STAGES:
        lines.append(
            f"{stage:<10}{plain[stage]['seconds']:>10.1f}{plain[stage]['share']:>8.1%}"
            f"{stored[stage]['seconds']:>11.1f}{stored[stage]['share']:>8.1%}"
        )
    return lines
