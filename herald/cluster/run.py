"""cluster, run: map the partitions of a plan over a Dask cluster, each into the dataset.

``process_partition`` is the task: it reads its pieces where it runs, maps
``herald.pipeline`` over them in batches (one ``nlp.pipe`` pass a batch) and writes the rows
with a ``PartitionWriter``. A worker loads the model once, on its first task, and keeps it
(``herald.parse.model.load_model`` is cached per process), so start workers with one thread
each: threads of one process would share one model and one GIL.

The driver plans, skips the partitions already in the dataset and submits the rest. When a
worker dies, the scheduler gives its tasks to the others; a partition it was writing was never
moved into place, so it is written once, by the attempt that finishes. ``local:N`` starts a
LocalCluster of N single-threaded worker processes on this machine.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fsspec

from herald.cluster.dataset import PartitionWriter, claim, is_written
from herald.cluster.plan import DEFAULT_PARTITION_SIZE, Partition, Piece, plan_partitions
from herald.errors import HeraldError, UsageError
from herald.pipeline import run
from herald.read.inputs import InputFormat, read_source
from herald.read.items import DEFAULT_MAX_ARCHIVE_BYTES, Limits
from herald.records import RawDocument, Rejection
from herald.settings import Options
from herald.tally import Tally

LOCAL_PREFIX = "local:"


@dataclass(frozen=True, slots=True)
class PartitionDone:
    """One partition of a run: written now (with its counts) or found written before."""

    name: str
    documents: int = 0
    rejected: int = 0
    events: int = 0
    skipped: bool = False  # written by an earlier run


def run_on_dask(
    inputs: Sequence[str],
    options: Options,
    dataset: Path,
    scheduler: str,
    input_format: InputFormat = "auto",
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> Iterator[PartitionDone]:
    """Process ``inputs`` on the cluster at ``scheduler`` (an address, or ``local:N``) into
    ``dataset``, yielding each partition as it is done (those done before come first)."""
    workers = local_workers(scheduler)  # a bad local:N fails before anything is written
    claim(dataset, options, partition_size)
    plan = plan_partitions(inputs, input_format, partition_size)
    todo = []
    for partition in plan:
        if is_written(dataset, partition.name):
            yield PartitionDone(partition.name, skipped=True)
        else:
            todo.append(partition)
    if not todo:
        return
    with connect(scheduler, workers) as client:
        from distributed import as_completed

        futures = client.map(process_partition, todo, options=options, dataset=dataset, pure=False)
        names = {
            future.key: partition.name for future, partition in zip(futures, todo, strict=True)
        }
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as error:  # the task's own error, or a worker lost too often
                raise HeraldError(
                    f"partition {names[future.key]} failed ({type(error).__name__}: {error}); "
                    "the partitions done are kept: run the same command again to resume"
                ) from error


@contextlib.contextmanager
def connect(scheduler: str, workers: int | None) -> Iterator[Any]:
    """A Dask client on the scheduler at ``scheduler``, or on a LocalCluster of ``workers``
    processes."""
    from distributed import Client, LocalCluster

    if workers is None:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def local_workers(scheduler: str) -> int | None:
    """N for ``local:N``; None for a scheduler's address."""
    if not scheduler.startswith(LOCAL_PREFIX):
        return None
    count = scheduler.removeprefix(LOCAL_PREFIX)
    if not count.isdigit() or int(count) < 1:
        raise UsageError(f"--dask {scheduler!r}: write local:N with N worker processes, N >= 1")
    return int(count)


def process_partition(partition: Partition, options: Options, dataset: Path) -> PartitionDone:
    """The task: read, process and write one partition (nothing if it is written already,
    as when a lost worker's task is run again after its first attempt finished)."""
    if is_written(dataset, partition.name):
        return PartitionDone(partition.name, skipped=True)
    tally = Tally()
    # Items are read as the pipeline asks for them (a WARC partition is never held whole)
    # and kept until their batch's results are written beside them.
    pulled: deque[RawDocument | Rejection] = deque()

    def read() -> Iterator[RawDocument | Rejection]:
        for item in itertools.chain(partition.rejections, read_pieces(partition.pieces, options)):
            pulled.append(item)
            yield item

    with PartitionWriter(dataset, partition.name) as writer:
        for batch in run(read(), options, processes=1):
            writer.write([pulled.popleft() for _ in batch], batch)
            tally.count(batch)
    return PartitionDone(partition.name, tally.documents, tally.rejected, tally.events)


def read_pieces(pieces: Sequence[Piece], options: Options) -> Iterator[RawDocument | Rejection]:
    """The documents of the pieces, each opened with fsspec where this worker runs."""
    limits = Limits(options.max_bytes, DEFAULT_MAX_ARCHIVE_BYTES)
    for piece in pieces:
        opener = fsspec.open(piece.url, "rb")
        yield from read_source(
            opener.open, piece.url, piece.input_format, limits, piece.start, piece.lines
        )
