"""herald bench api: how fast the server answers each page of the web UI on one database.

The server runs as ``herald serve`` does, read-only, in a child process on a free loopback
port; a client asks each API call of each UI page
``repeat`` times in turn, after one warm-up round, and the report gives the median (p50)
and the 95th percentile (p95) of the wall time of each call, in milliseconds. The event
and story pages are timed on the newest event and the biggest story of the file.
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx

LOOPBACK = "127.0.0.1"
# The goal the README states for a 100,000-event database.
GOAL_MS = 300.0

Call = tuple[str, dict[str, Any]]

# What each page of the web UI asks the API (app.js), with the page's default settings.
PAGES: dict[str, list[Call]] = {
    "events": [("/api/stats", {}), ("/api/events", {"sort": "-date", "limit": 50})],
    "events filtered": [
        ("/api/events", {"type": "CONSULT", "participant": "USA", "sort": "-date", "limit": 50})
    ],
    "events by words": [("/api/events", {"q": "minister", "sort": "-confidence"})],
    "stories": [("/api/stories", {"limit": 50})],
    "timeline": [("/api/timeline", {"interval": "month", "by": "quad", "window": "core"})],
    "network": [("/api/network", {"level": "person", "limit": 30})],
    "network countries": [("/api/network", {"level": "country", "limit": 30})],
    "map": [("/api/places", {})],
    "actors": [("/api/actors", {"months": "false"})],
}


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(
    db: Path, *extra: str, log: Path | None = None, timeout: float = 120.0
) -> Iterator[str]:
    """``herald serve`` over ``db`` (with ``extra`` options) in a child process on a loopback
    port, for the block's duration; yields its URL. Its own process: the client's work must
    not share the server's interpreter lock and bias the timings. The API and UI tests run
    their server through it too. Its output goes to ``log`` (else a temporary file: a pipe
    nobody reads would block a chatty server), whose end says why it failed to start."""
    port = _free_port()
    command = [sys.executable, "-m", "herald.api", "--db", str(db), "--host", LOOPBACK]
    with _output_file(log) as sink:
        process = subprocess.Popen(
            [*command, "--port", str(port), *extra], stdout=sink, stderr=sink
        )
        base = f"http://{LOOPBACK}:{port}"
        try:
            _wait_until_up(base, process, sink, timeout)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _output_file(log: Path | None) -> IO[bytes]:
    """The file a server writes its output to: ``log``, else a temporary one."""
    return log.open("w+b") if log else tempfile.TemporaryFile()


def _wait_until_up(
    base: str, process: subprocess.Popen[bytes], output: IO[bytes], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output.seek(0)
            detail = output.read().decode(errors="replace")
            raise RuntimeError(f"herald serve exited with {process.returncode}: {detail[-500:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"herald serve did not answer on {base} within {timeout:.0f}s")


def _detail_pages(client: httpx.Client) -> dict[str, list[Call]]:
    """The event page of the newest event and the story page of the biggest story."""
    pages: dict[str, list[Call]] = {}
    events = client.get("/api/events", params={"limit": 1}).json()["items"]
    if events:
        pages["event"] = [(f"/api/events/{events[0]['event_id']}", {})]
    stories = client.get("/api/stories", params={"limit": 1}).json()["items"]
    if stories:
        pages["story"] = [(f"/api/stories/{stories[0]['story_id']}", {})]
    return pages


def _time(client: httpx.Client, call: Call) -> float:
    path, params = call
    started = time.perf_counter()
    answer = client.get(path, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    answer.raise_for_status()
    return elapsed


def bench_api(db: Path, repeat: int = 20) -> dict[str, Any]:
    """p50 and p95 (ms) of every API call of every UI page on the database at ``db``."""
    with serving(db) as base, httpx.Client(base_url=base, timeout=120) as client:
        stats = client.get("/api/stats").json()
        pages = {**PAGES, **_detail_pages(client)}
        calls = [(page, call) for page, page_calls in pages.items() for call in page_calls]
        for _, call in calls:
            _time(client, call)  # warm-up: the first query of a kind plans and reads
        times: dict[int, list[float]] = {i: [] for i in range(len(calls))}
        for _ in range(repeat):
            for i, (_, call) in enumerate(calls):
                times[i].append(_time(client, call))
    rows = [
        {
            "page": page,
            "call": call[0],
            "params": call[1],
            "p50_ms": round(statistics.median(times[i]), 1),
            "p95_ms": round(percentile(times[i], 0.95), 1),
        }
        for i, (page, call) in enumerate(calls)
    ]
    return {
        "database": str(db),
        "events": stats["counts"]["events"],
        "documents": stats["counts"]["documents"],
        "repeat": repeat,
        "goal_p95_ms": GOAL_MS,
        "calls": rows,
    }


def format_api_report(report: dict[str, Any]) -> str:
    """The report as a table, one line per call, slowest p95 marked against the goal."""
    lines = [
        f"{report['database']}: {report['events']:,} events, {report['documents']:,} "
        f"documents; {report['repeat']} runs of each call after a warm-up",
        f"{'page':<18} {'call':<28} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for row in report["calls"]:
        call = row["call"] if len(row["call"]) <= 28 else row["call"][:25] + "..."
        over = "  over the goal" if row["p95_ms"] > report["goal_p95_ms"] else ""
        lines.append(f"{row['page']:<18} {call:<28} {row['p50_ms']:>8} {row['p95_ms']:>8}{over}")
    worst = max(report["calls"], key=lambda row: row["p95_ms"])
    lines.append(
        f"slowest p95: {worst['p95_ms']} ms ({worst['page']}); goal {report['goal_p95_ms']:.0f} ms"
    )
    return "\n".join(lines)
