"""herald bench api: its percentiles, and a real run of every UI page's calls on a real
server over a small database. No speed is asserted: timings depend on the machine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from herald.bench.api import PAGES, format_api_report, percentile
from herald.cli.bench import bench_command
from herald.cli.demo import samples_dir
from herald.read.inputs import read_inputs
from tests.api.server import build_database


def test_percentiles_take_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([5.0, 1.0, 3.0], 0.5) == 3.0


def test_the_report_marks_calls_over_the_goal() -> None:
    report = {
        "database": "x.duckdb",
        "events": 100_000,
        "documents": 5,
        "repeat": 3,
        "goal_p95_ms": 300.0,
        "calls": [
            {"page": "events", "call": "/api/events", "params": {}, "p50_ms": 20.0, "p95_ms": 30.0},
            {"page": "actors", "call": "/api/actors", "params": {}, "p50_ms": 250, "p95_ms": 310},
        ],
    }
    table = format_api_report(report)
    assert "100,000 events" in table
    assert table.count("over the goal") == 1
    assert "slowest p95: 310 ms (actors)" in table


@pytest.mark.slow
def test_bench_api_times_every_page_on_a_real_server(tmp_path: Path) -> None:
    db = tmp_path / "samples.duckdb"
    items = read_inputs([str(samples_dir())], "auto", max_bytes=5_000_000)
    build_database(items, db, dt.date(2017, 12, 18))
    report_path = tmp_path / "api.json"
    result = CliRunner().invoke(
        bench_command, ["api", "--db", str(db), "--repeat", "2", "--report", str(report_path)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text())
    pages = {row["page"] for row in report["calls"]}
    assert set(PAGES) | {"event", "story"} == pages
    for row in report["calls"]:
        assert 0 < row["p50_ms"] <= row["p95_ms"]
    assert "slowest p95" in result.output
