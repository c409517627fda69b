#!/usr/bin/env python3
"""Load a running ``herald serve`` with concurrent readers (and, optionally, extractions).

Starts nothing itself: give it the base URL of a server that is already up. N reader threads
(default 20) each keep one HTTP/1.1 connection and send GET requests, drawn from a fixed mix
of the API's endpoints, back to back for T seconds; M extraction threads (default 0) post an
article to ``POST /api/extract`` back to back at the same time (the server must run with
``--allow-extract`` or ``--writable``). At the end it prints, for reads and for extractions,
the requests per second, the p50/p95/p99 latency and the errors (any answer other than 200,
or a failed connection), by status.

With ``--pid`` (the server's process id, same machine) it also prints the server's resident
memory at the start and its peak (``VmHWM`` in /proc/PID/status, the peak since the process
started: restart the server between runs to measure each alone).

Standard library only. Example (docs/security.md, "Load")::

    python scripts/load_test.py http://127.0.0.1:8750 --clients 20 --seconds 20 \\
        --extract-clients 2 --article ../shared/data/demo/globe-tillerson-ottawa.txt \\
        --pid "$(pgrep -f 'herald serve' | head -1)"
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# (path, query) pairs; "{event_id}" and "{doc_id}" are filled from the server's own data.
READ_MIX: list[tuple[str, dict[str, Any]]] = [
    ("/api/events", {"limit": 50}),
    ("/api/events", {"limit": 50, "sort": "-confidence"}),
    ("/api/events", {"limit": 20, "type": "CONSULT,AGREE", "q": "said"}),
    ("/api/events", {"limit": 20, "actor": "USA"}),
    ("/api/events", {"limit": 100, "since": "2015-01-01", "until": "2019-12-31"}),
    ("/api/events/{event_id}", {}),
    ("/api/events/{event_id}", {}),
    ("/api/documents/{doc_id}", {}),
    ("/api/timeline", {"interval": "month"}),
    ("/api/timeline", {"interval": "week", "by": "type"}),
    ("/api/network", {}),
    ("/api/places", {}),
    ("/api/actors", {"limit": 50}),
    ("/api/actors", {"q": "minister"}),
    ("/api/stories", {"limit": 50}),
    ("/api/stats", {}),
]


@dataclass
class Tally:
    """What one kind of client saw: latencies of the 200 answers and the errors by kind."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
            else:
                self.errors[error] += 1


class Client:
    """One keep-alive HTTP connection, reopened after a failure."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, target: str, body: bytes | None = None) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            self.connection.request(method, target, body=body, headers=headers)
            answer = self.connection.getresponse()
            return answer.status, answer.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise


def timed(client: Client, tally: Tally, method: str, target: str, body: bytes | None) -> None:
    start = time.perf_counter()
    try:
        status, _ = client.request(method, target, body)
        error = None if status == 200 else str(status)
    except Exception as failure:  # a refused or dropped connection, a timeout
        error = type(failure).__name__
    tally.add(time.perf_counter() - start, error)


def reader(
    base: urllib.parse.SplitResult,
    targets: list[str],
    deadline: float,
    tally: Tally,
    seed: int,
    timeout: float,
) -> None:
    client = Client(base.hostname or "127.0.0.1", base.port or 80, timeout)
    pick = random.Random(seed)
    while time.monotonic() < deadline:
        timed(client, tally, "GET", pick.choice(targets), None)


def extractor(
    base: urllib.parse.SplitResult, body: bytes, deadline: float, tally: Tally, timeout: float
) -> None:
    client = Client(base.hostname or "127.0.0.1", base.port or 80, timeout)
    while time.monotonic() < deadline:
        timed(client, tally, "POST", "/api/extract", body)


def read_targets(base: urllib.parse.SplitResult, timeout: float) -> list[str]:
    """The read mix as request targets, with ids taken from the server's first events."""
    client = Client(base.hostname or "127.0.0.1", base.port or 80, timeout)
    status, raw = client.request("GET", "/api/events?limit=100")
    if status != 200:
        sys.exit(f"load_test: GET /api/events answered {status}; is the server up?")
    items = json.loads(raw)["items"]
    if not items:
        sys.exit("load_test: the database has no events to read")
    targets = []
    for i, (path, query) in enumerate(READ_MIX):
        item = items[i % len(items)]
        filled = path.format(
            event_id=urllib.parse.quote(item["event_id"], safe=""),
            doc_id=urllib.parse.quote(item["doc_id"], safe=""),
        )
        targets.append(filled + ("?" + urllib.parse.urlencode(query) if query else ""))
    return targets


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in kB, from /proc/PID/status."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def summary(name: str, tally: Tally, seconds: float) -> dict[str, Any]:
    values = sorted(tally.latencies)
    errors = sum(tally.errors.values())
    return {
        "kind": name,
        "ok": len(values),
        "errors": errors,
        "errors_by_kind": dict(tally.errors),
        "requests_per_s": round((len(values) + errors) / seconds, 1),
        "p50_ms": round(1000 * percentile(values, 0.50), 1),
        "p95_ms": round(1000 * percentile(values, 0.95), 1),
        "p99_ms": round(1000 * percentile(values, 0.99), 1),
        "mean_ms": round(1000 * statistics.fmean(values), 1) if values else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8750 (a running herald serve)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent readers (20)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to run (20)")
    parser.add_argument(
        "--extract-clients", type=int, default=0, help="concurrent POST /api/extract clients (0)"
    )
    parser.add_argument("--article", type=Path, help="text file posted by the extract clients")
    parser.add_argument("--date", default=None, help="publication date sent with the article")
    parser.add_argument("--pid", type=int, help="the server's PID: report its RSS and peak RSS")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    if args.extract_clients and not args.article:
        parser.error("--extract-clients needs --article")

    base = urllib.parse.urlsplit(args.base_url)
    targets = read_targets(base, args.timeout)
    body = b""
    if args.extract_clients:
        text = args.article.read_text(encoding="utf-8")
        body = json.dumps({"text": text, "date": args.date}).encode()
    before = memory_kb(args.pid) if args.pid else {}

    reads, extracts = Tally(), Tally()
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=reader, args=(base, targets, deadline, reads, seed, args.timeout), daemon=True
        )
        for seed in range(args.clients)
    ] + [
        threading.Thread(
            target=extractor, args=(base, body, deadline, extracts, args.timeout), daemon=True
        )
        for _ in range(args.extract_clients)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start  # includes the requests still running at the deadline

    result: dict[str, Any] = {
        "base_url": args.base_url,
        "clients": args.clients,
        "extract_clients": args.extract_clients,
        "seconds": round(elapsed, 1),
        "reads": summary("GET", reads, elapsed),
    }
    if args.extract_clients:
        result["extracts"] = summary("POST /api/extract", extracts, elapsed)
    if args.pid:
        after = memory_kb(args.pid)
        result["server_rss_mb"] = {
            "start": round(before.get("VmRSS", 0) / 1024),
            "end": round(after.get("VmRSS", 0) / 1024),
            "peak": round(after.get("VmHWM", 0) / 1024),
        }

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{args.base_url}: {args.clients} readers, {args.extract_clients} extraction clients, "
        f"{result['seconds']} s"
    )
    for part in ("reads", "extracts"):
        if part in result:
            r = result[part]
            print(
                f"  {r['kind']:<18} {r['requests_per_s']:>8} req/s  p50 {r['p50_ms']} ms  "
                f"p95 {r['p95_ms']} ms  p99 {r['p99_ms']} ms  ok {r['ok']}  "
                f"errors {r['errors']} {r['errors_by_kind'] or ''}"
            )
    if "server_rss_mb" in result:
        m = result["server_rss_mb"]
        print(f"  server RSS: {m['start']} MB at start, {m['end']} MB at end, peak {m['peak']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
