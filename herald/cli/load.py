"""``herald load``: a Parquet dataset written by ``herald extract --dask`` into a DuckDB file."""

from __future__ import annotations

import time
from pathlib import Path

import click

from herald.cli.options import database_option


def load_into(dataset: Path, db: Path, quiet: bool = False) -> None:
    """Store every partition of ``dataset`` in ``db`` and link the new events into stories."""
    from herald.cluster.load import load_dataset
    from herald.link.stage import link_new
    from herald.store.database import Store

    started = time.perf_counter()
    partitions = added = skipped = events = 0
    with Store.open(db) as store:
        for loaded in load_dataset(dataset, store):
            partitions += 1
            added += loaded.written.documents_added
            skipped += loaded.written.documents_skipped
            events += loaded.written.events_added
        linked = link_new(store)
    if not quiet:
        click.echo(
            f"herald: {partitions} partitions of {dataset}: {added} documents added "
            f"({skipped} already in {db}), {events} events, {linked.events_linked} linked "
            f"into stories, in {time.perf_counter() - started:.1f}s",
            err=True,
        )


@click.command("load")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@database_option(must_exist=False)
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def load(dataset: Path, db: Path, quiet: bool) -> None:
    """Store a dataset written by `herald extract --dask` and link its stories.

    Each partition goes in as one transaction and documents already stored are skipped, so
    loading again (after a load cut short, or a resumed run) adds only what is missing.

    \b
    Examples:
      herald extract news/ --dask local:2 --dataset news.parquet.d
      herald load news.parquet.d --db events.duckdb
      duckdb -c "select type, count(*) from 'news.parquet.d/part-*/events.parquet' group by 1"
    """
    load_into(dataset, db, quiet)
