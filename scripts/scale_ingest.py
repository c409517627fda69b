#!/usr/bin/env python3
"""Measure ingest at scale: the process pool against Dask, and a re-run of a folder.

Runs ``herald`` as a user does, each command in its own process tree, and samples the
resident memory of every process in the tree (psutil, every 0.1 s) to report the peak of
the driver (the ``herald`` process) and of each worker process. Prints one table:

- ``extract -j N --db``: the process pool, stored and linked;
- ``extract --dask local:1`` and ``local:2``: the same inputs on a LocalCluster into a
  Parquet dataset (each worker loads its own model: the start-up is in the time), then
  ``load`` of that dataset into a fresh file;
- the same ``extract -j N --db`` again over the stored folder (inputs skipped unread).

The inputs are any folder herald reads; README "Scale" used ``../shared/data/news_cluster/data``
(342 news-please files). Nothing is written outside a temporary folder. Example::

    python scripts/scale_ingest.py ../shared/data/news_cluster/data --processes 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.1
MIB = 1024 * 1024


@dataclass
class Run:
    name: str
    seconds: float
    driver_peak_mib: float
    worker_peaks_mib: list[float] = field(default_factory=list)


def run_measured(name: str, args: list[str]) -> Run:
    """Run ``herald ARGS``; its wall time and the peak RSS of the driver and each worker."""
    peaks: dict[int, float] = {}
    started = time.perf_counter()
    process = psutil.Popen(
        [sys.executable, "-m", "herald", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for member in tree:
                try:
                    rss = member.memory_info().rss / MIB
                except psutil.Error:
                    continue
                peaks[member.pid] = max(peaks.get(member.pid, 0.0), rss)
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"herald {' '.join(args)} failed:\n{stderr.decode()}")
    driver = peaks.pop(process.pid, 0.0)
    # Helpers (the resource tracker, a nanny's forkserver) stay small; workers hold a model.
    workers = sorted((peak for peak in peaks.values() if peak > 200), reverse=True)
    return Run(name, seconds, driver, workers)


def count_documents(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", "-j", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=32)
    args = parser.parse_args()
    inputs, j = str(args.folder), str(args.processes)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pool_db = work / "pool.duckdb"
        runs = [
            run_measured(
                f"extract -j {j} --db", ["extract", inputs, "-j", j, "--db", str(pool_db), "-q"]
            )
        ]
        documents = count_documents(pool_db)
        for workers in (1, 2):
            dataset = work / f"local{workers}.d"
            runs.append(
                run_measured(
                    f"extract --dask local:{workers}",
                    [
                        "extract",
                        inputs,
                        "--dask",
                        f"local:{workers}",
                        "--dataset",
                        str(dataset),
                        "--partition-size",
                        str(args.partition_size),
                        "-q",
                    ],
                )
            )
        loaded = work / "loaded.duckdb"
        runs.append(
            run_measured(
                "load (local:2 dataset)",
                ["load", str(work / "local2.d"), "--db", str(loaded), "-q"],
            )
        )
        assert count_documents(loaded) == documents, "the Dask path stored other documents"
        runs.append(
            run_measured(
                f"extract -j {j} --db, again",
                ["extract", inputs, "-j", j, "--db", str(pool_db), "-q"],
            )
        )
    print(f"{documents} documents stored from {inputs}")
    print(f"{'run':32} {'wall s':>7} {'docs/s':>7} {'driver MiB':>10}  worker peak MiB")
    for run in runs:
        rate = documents / run.seconds
        workers = ", ".join(f"{peak:.0f}" for peak in run.worker_peaks_mib) or "-"
        print(
            f"{run.name:32} {run.seconds:7.1f} {rate:7.2f} {run.driver_peak_mib:10.0f}  {workers}"
        )
    pool, one, two, again = runs[0], runs[1], runs[2], runs[-1]
    print(
        f"local:2 / pool, throughput: {pool.seconds / two.seconds:.2f}x "
        f"(with the load: {pool.seconds / (two.seconds + runs[3].seconds):.2f}x)"
    )
    print(
        f"per worker, local:1 {documents / one.seconds:.2f} docs/s, local:2 "
        f"{documents / two.seconds / 2:.2f} docs/s (scaling {one.seconds / two.seconds:.2f}x)"
    )
    print(f"re-run: {again.seconds:.1f} s, {again.seconds / pool.seconds:.1%} of the first run")


if __name__ == "__main__":
    main()
