"""cluster, load: a dataset written by a Dask run into the store.

Each partition goes in through ``Store.write_tables``, in one transaction, so a load cut
short is completed by loading again: documents already stored are skipped, as they are by
``Store.write``. Then ``herald.link.stage.link_new`` links the new events into stories, as
after an ingest: the same inputs give the same stored rows as ``herald extract --db``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from herald.cluster.dataset import iter_partitions
from herald.store.database import Store, WriteSummary


@dataclass(frozen=True, slots=True)
class PartitionLoaded:
    name: str
    written: WriteSummary


def load_dataset(dataset: Path, store: Store) -> Iterator[PartitionLoaded]:
    """Store every partition of ``dataset``, yielding each as it is in (link them after)."""
    for name, tables in iter_partitions(dataset):
        yield PartitionLoaded(name, store.write_tables(tables))
