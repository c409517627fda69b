"""``herald watch``: store the news files that arrive in a folder, as they arrive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from herald.cli.options import database_option, pipeline_options
from herald.settings import Options


@click.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@database_option(must_exist=False)
@pipeline_options
@click.option("--quiet", "-q", is_flag=True, help="No line per round.")
def watch(
    folder: Path,
    db: Path,
    published: dt.date | None,
    processes: int | None,
    max_bytes: int,
    actors: str | None,
    all_events: bool,
    quiet: bool,
) -> None:
    """Store what FOLDER holds, then each news file that lands in it, and link the stories.

    Files are read as `herald extract` reads them (.html, .txt, .jsonl, .warc, news-please
    .json, gzipped or not); files already stored are skipped unread. Write big files under
    another name (x.html.part) and rename them when whole. Ctrl-C stops.

    \b
    Examples:
      herald watch inbox/ --db events.duckdb
      news-please ... && herald watch ~/news-please-repo/data --db events.duckdb -j 2
    """
    from herald.store.database import Store
    from herald.watch import watch_folder

    options = Options(date=published, max_bytes=max_bytes, actors=actors, all_events=all_events)
    with Store.open(db) as store:
        if not quiet:
            click.echo(f"herald: watching {folder} (Ctrl-C stops)", err=True)
        try:
            for done in watch_folder(folder, store, options, processes=processes):
                if not quiet:
                    click.echo(
                        f"herald: {len(done.paths)} paths: {done.added} documents added, "
                        f"{done.skipped} already stored, {done.rejected} rejected, "
                        f"{done.events} events",
                        err=True,
                    )
        except KeyboardInterrupt:
            click.echo("herald: stopped watching", err=True)
