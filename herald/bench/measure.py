"""herald bench, measuring: wall and CPU time and peak memory of a block, each block run in
a fresh child process.

CPU seconds (the process plus its reaped children, from ``getrusage``) are measured beside
wall time, because wall time is noisy on a shared machine.

Peak memory is sampled from /proc every 50 ms by a small thread, over this process and all
its descendants, two ways: the summed resident set sizes (RSS: pages shared between
processes count once per process, an upper bound) and the summed proportional set sizes
(PSS: a shared page is divided among its sharers, so the sum is what the tree really
holds). herald's workers are forked from a parent that has loaded the model and the
gazetteer, so they share those pages and RSS overstates their memory. A worker that lives
less than the sampling interval can be missed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SAMPLE_SECONDS = 0.05


@dataclass
class Measure:
    """Wall and CPU seconds and peak tree memory of one timed block."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mib: float = 0.0
    peak_pss_mib: float = 0.0


@dataclass
class HeraldRun:
    """What one herald run measured, with the seconds of each stage and the events found."""

    measure: Measure
    stage_seconds: Counter[str] = field(default_factory=Counter)
    events: int = 0


# --------------------------------------------------------------------------- memory


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found.extend(int(child) for child in task.read_text().split())
    return found


def process_memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS falls back to RSS where smaps_rollup is absent."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                values[name] = int(rest.split()[0])
    if "Rss" not in values:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    values["Rss"] = int(line.split()[1])
    rss = values.get("Rss", 0)
    return rss, values.get("Pss", rss)


def tree_memory_mib(root: int | None = None) -> tuple[float, float]:
    """Summed (RSS, PSS) of a process and all its descendants, in MiB (0 without /proc)."""
    pending = [root or os.getpid()]
    rss = pss = 0
    while pending:
        pid = pending.pop()
        own_rss, own_pss = process_memory_kib(pid)
        rss, pss = rss + own_rss, pss + own_pss
        pending.extend(_children(pid))
    return rss / 1024, pss / 1024


class PeakSampler:
    """A thread that keeps the peaks of ``tree_memory_mib`` (RSS and PSS) while it runs."""

    def __init__(self, interval: float = SAMPLE_SECONDS) -> None:
        self.interval = interval
        self.peak = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self._update()
            if self._stop.wait(self.interval):
                return

    def _update(self) -> None:
        rss, pss = tree_memory_mib()
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._update()


# --------------------------------------------------------------------------- time


def cpu_seconds() -> float:
    """User + system CPU of this process and its reaped children so far."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


@contextlib.contextmanager
def measured() -> Iterator[Measure]:
    """A Measure of the block, filled in when the block ends."""
    result = Measure()
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    with PeakSampler() as sampler:
        yield result
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = cpu_seconds() - cpu_before
    result.peak_rss_mib = sampler.peak
    result.peak_pss_mib = sampler.peak_pss


def isolated(work: Callable[..., T], *args: Any) -> T:
    """Run ``work(*args)`` in a fresh child process and return what it returns.

    Each run measures its own process tree from inside the child, so nothing a run loaded
    (a model, the gazetteer) stays resident in a later run's measurement. Where fork is
    missing the run happens in this process.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return work(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def target() -> None:
        send.send(work(*args))

    child = context.Process(target=target)
    child.start()
    result = receive.recv()
    child.join()
    return result
