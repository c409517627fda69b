"""cluster, dataset: a Dask run's records as a folder of Parquet files, one folder a partition.

::

    DATASET/herald-dataset.json          the options and partition size of the run (a resume
                                         must use the same)
    DATASET/part-00000-3f2a9c1e/documents.parquet, actors.parquet, events.parquet, ...
    DATASET/_tmp/                        partitions being written

Each Parquet file holds the rows of one store table (``herald.store.rows``, with the store's
own column types), so ``herald load`` inserts them as ``Store.write`` would and DuckDB can
query them in place: ``read_parquet('DATASET/part-*/events.parquet')``. ``inputs`` pairs
each raw input's fingerprint with its ``doc_id`` (``herald.incremental``), so that a later
``herald extract --db`` over the same files skips them unread.

A partition is written under ``_tmp`` and renamed into place once whole: a partition folder
that exists is complete, and a worker killed mid-write leaves only a ``_tmp`` folder, which
the next attempt ignores. Rows are written batch by batch (row groups), so a partition as big
as a WARC file is never held whole in a worker's memory. The dataset folder is a local or
shared (NFS) path, where a rename is atomic.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from herald.errors import UsageError
from herald.incremental import fingerprint
from herald.records import Extraction, RawDocument, Rejected, Rejection, Result
from herald.settings import Options
from herald.store.database import Store, extraction_rows
from herald.store.rows import Row, rejection_row
from herald.store.schema import TABLES, utc_now

MANIFEST = "herald-dataset.json"
TMP = "_tmp"
# The store's tables a batch fills, and the fingerprints of the inputs read.
DATASET_TABLES = (*TABLES, "inputs")
PARTITION_GLOB = "part-*"


@functools.cache
def table_schemas() -> dict[str, pa.Schema]:
    """The arrow schema of every table, read from a fresh in-memory store."""
    with Store.open(":memory:") as store:
        return {table: store.schema(table) for table in DATASET_TABLES}


def partition_path(dataset: Path, name: str) -> Path:
    return dataset / name


def is_written(dataset: Path, name: str) -> bool:
    return partition_path(dataset, name).is_dir()


def claim(dataset: Path, options: Options, partition_size: int) -> None:
    """Make ``dataset`` ready for a run with ``options``: a new folder records them; an
    existing one must have been started with the same (else its partitions would mix)."""
    dataset.mkdir(parents=True, exist_ok=True)
    manifest = dataset / MANIFEST
    wanted = _run_record(options, partition_size)
    if not manifest.exists():
        manifest.write_text(json.dumps(wanted, indent=2, sort_keys=True) + "\n", "utf-8")
        return
    found = json.loads(manifest.read_text("utf-8"))
    if found != wanted:
        raise UsageError(
            f"{dataset} was written with other options or partition size ({found}); use "
            f"a new folder, or the same ({wanted}) to resume it"
        )


def _run_record(options: Options, partition_size: int) -> dict[str, object]:
    record = dataclasses.asdict(options)
    record["date"] = options.date.isoformat() if options.date else None
    return {"options": record, "partition_size": partition_size}


class PartitionWriter:
    """Writes one partition batch by batch and moves it into place when closed cleanly.

    Only the first copy of each document is kept (as ``Store.write`` keeps it).
    """

    def __init__(self, dataset: Path, name: str) -> None:
        self._final = partition_path(dataset, name)
        self._tmp = dataset / TMP / f"{name}-{uuid.uuid4().hex}"
        self._tmp.mkdir(parents=True)
        self._files = ExitStack()
        schemas = table_schemas()
        self._writers = {
            table: self._files.enter_context(
                pq.ParquetWriter(self._tmp / f"{table}.parquet", schemas[table])
            )
            for table in DATASET_TABLES
        }
        self._doc_ids: set[str] = set()
        self._fingerprints: set[str] = set()

    def write(self, items: list[RawDocument | Rejection], results: list[Result]) -> None:
        """Add one batch: the items read and their results, in the same order."""
        now = utc_now()
        rows: dict[str, list[Row]] = {table: [] for table in DATASET_TABLES}
        for item, result in zip(items, results, strict=True):
            if isinstance(result, Rejected):
                rows["rejections"].append(rejection_row(result, now))
                continue
            if result.doc.doc_id not in self._doc_ids:
                self._doc_ids.add(result.doc.doc_id)
                for table, table_rows in extraction_rows(result, now).items():
                    rows[table].extend(table_rows)
            rows["inputs"].extend(self._input_row(item, result))
        schemas = table_schemas()
        for table, writer in self._writers.items():
            if rows[table]:
                writer.write_table(pa.Table.from_pylist(rows[table], schema=schemas[table]))

    def _input_row(self, item: RawDocument | Rejection, result: Extraction) -> list[Row]:
        """The fingerprint row of a raw input, the first time it is met."""
        if not isinstance(item, RawDocument):
            return []
        key = fingerprint(item)
        if key in self._fingerprints:
            return []
        self._fingerprints.add(key)
        return [{"fingerprint": key, "doc_id": result.doc.doc_id}]

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._files.close()
        if exc_type is None:
            self._move_into_place()
        else:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _move_into_place(self) -> None:
        try:
            self._tmp.rename(self._final)
        except OSError:
            # Another attempt at the same partition (a worker thought lost) was first: its
            # copy holds the same rows.
            if not self._final.is_dir():
                raise
            shutil.rmtree(self._tmp, ignore_errors=True)


def written_partitions(dataset: Path) -> list[Path]:
    """The complete partitions of a dataset, in plan order."""
    if not (dataset / MANIFEST).is_file():
        raise UsageError(f"{dataset} is not a herald dataset (no {MANIFEST})")
    return sorted(path for path in dataset.glob(PARTITION_GLOB) if path.is_dir())


def read_partition(path: Path) -> dict[str, pa.Table]:
    """A partition's rows, by table."""
    return {table: pq.read_table(path / f"{table}.parquet") for table in DATASET_TABLES}


def iter_partitions(dataset: Path) -> Iterator[tuple[str, dict[str, pa.Table]]]:
    for path in written_partitions(dataset):
        yield path.name, read_partition(path)
