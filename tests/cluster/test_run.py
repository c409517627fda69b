"""cluster, run and load: herald on a Dask LocalCluster gives the rows of the single-machine
path, resumes where a run stopped, and survives a worker killed mid-job."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from herald.cli.demo import samples_dir
from herald.cluster.dataset import TMP, written_partitions
from herald.cluster.load import load_dataset
from herald.cluster.run import PartitionDone, run_on_dask
from herald.errors import UsageError
from herald.ingest import ingest
from herald.link.stage import link_new
from herald.read.inputs import read_inputs
from herald.settings import Options, shared_data_dir
from herald.store.database import Store

pytestmark = pytest.mark.slow

OPTIONS = Options()
WAIT_S = 60  # the longest a test waits for a condition: far above what it takes
# Columns that say when a row was written, which two runs never share.
WRITE_TIMES = {"documents": "ingested_at", "rejections": "rejected_at"}
COMPARED = (
    "documents",
    "actors",
    "events",
    "event_actors",
    "quotes",
    "timexes",
    "places",
    "rejections",
    "stories",
    "link_keys",
    "inputs",
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two single-threaded worker processes, shared by this module's tests."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """The shipped samples, the demo article where present, and inputs that are rejected."""
    folder = tmp_path / "news"
    shutil.copytree(samples_dir(), folder)
    demo = shared_data_dir() / "demo" / "globe-tillerson-ottawa.txt"
    if demo.is_file():
        shutil.copy(demo, folder / "demo.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": "cut\n', encoding="utf-8")
    return folder


def _rows(store: Store, table: str) -> list[tuple[object, ...]]:
    exclude = f" EXCLUDE ({WRITE_TIMES[table]})" if table in WRITE_TIMES else ""
    return store.con.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()


def _single_machine(news: Path) -> Store:
    store = Store.open(":memory:")
    for _ in ingest(read_inputs([str(news)]), OPTIONS, store, processes=1):
        pass
    return store


def _loaded(dataset: Path) -> Store:
    store = Store.open(":memory:")
    for _ in load_dataset(dataset, store):
        pass
    link_new(store)
    return store


def _run(news: Path, dataset: Path, scheduler: str, **options: object) -> list[PartitionDone]:
    return list(run_on_dask([str(news)], OPTIONS, dataset, scheduler, **options))


def test_the_dask_path_stores_the_rows_of_the_single_machine_path(
    cluster: str, news: Path, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset"
    done = _run(news, dataset, cluster, partition_size=2)
    assert len(done) > 2 and not any(partition.skipped for partition in done)
    with _single_machine(news) as single, _loaded(dataset) as dask:
        assert single.counts()["documents"] >= 7 and single.counts()["rejections"] == 2
        for table in COMPARED:
            assert _rows(dask, table) == _rows(single, table), table
        # loading again adds nothing
        counts = dask.counts()
        for _ in load_dataset(dataset, dask):
            pass
        assert dask.counts() == counts


def test_a_rerun_writes_only_the_partitions_missing(
    cluster: str, news: Path, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset"
    first = _run(news, dataset, cluster, partition_size=3)
    lost = written_partitions(dataset)[1]
    shutil.rmtree(lost)  # as if the job had been killed before this one was written
    (dataset / TMP / f"{lost.name}-cut").mkdir()  # and a write cut short
    again = _run(news, dataset, cluster, partition_size=3)
    assert [p.name for p in again if not p.skipped] == [lost.name]
    assert sorted(p.name for p in again) == sorted(p.name for p in first)
    with pytest.raises(UsageError, match="other options"):
        list(run_on_dask([str(news)], Options(all_events=True), dataset, cluster))


def _busy_worker(client: Any) -> str:
    """A worker running a task, waited for (a worker may be between two tasks)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            return busy[0]
        time.sleep(0.05)
    raise AssertionError(f"no worker had a task for {WAIT_S} s")


def test_a_worker_killed_mid_job_loses_and_repeats_nothing(cluster: str, tmp_path: Path) -> None:
    from distributed import Client

    news = tmp_path / "news"
    news.mkdir()
    article = (samples_dir() / "ottawa-visit.txt").read_text(encoding="utf-8")
    for n in range(8):
        (news / f"{n}.txt").write_text(f"Report {n}.\n\n{article}", encoding="utf-8")
    dataset = tmp_path / "dataset"
    done: list[PartitionDone] = []
    killed = None
    with Client(cluster) as client:
        for partition in run_on_dask([str(news)], OPTIONS, dataset, cluster, partition_size=1):
            done.append(partition)
            if killed is None:
                # seven partitions remain for two workers: the one killed holds some
                killed = _busy_worker(client)
                os.kill(client.run(os.getpid, workers=[killed])[killed], signal.SIGKILL)
        # the scheduler saw that worker die (its nanny starts a new one, at a new address)
        client.wait_for_workers(2, timeout=120)
        assert killed not in client.scheduler_info()["workers"]
    assert killed is not None and len(done) == 8
    names = [p.name for p in done]
    assert len(set(names)) == 8 == len(written_partitions(dataset))
    doc_ids = [
        doc_id
        for path in written_partitions(dataset)
        for doc_id in pq.read_table(path / "documents.parquet")["doc_id"].to_pylist()
    ]
    assert len(doc_ids) == len(set(doc_ids)) == 8
    with _loaded(dataset) as store:
        assert store.counts()["documents"] == 8
