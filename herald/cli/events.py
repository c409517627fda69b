"""``herald events``: list the events stored in a DuckDB file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from herald.cli.options import FORMATS, parse_date
from herald.cli.output import write_rows, write_table


@click.command("events")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")
@click.option("--actor", help="Actor name (substring) or ISO 3166 alpha-3 country code.")
@click.option("--since", callback=parse_date, help="Events on or after this date.")
@click.option("--until", callback=parse_date, help="Events on or before this date.")
@click.option("--modality", help="asserted, planned, reported, negated, hypothetical, historical.")
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--per-story", is_flag=True, help="One row per story instead of per report.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def events(
    db: Path,
    type_: str | None,
    actor: str | None,
    since: dt.date | None,
    until: dt.date | None,
    modality: str | None,
    limit: int | None,
    per_story: bool,
    fmt: str,
) -> None:
    """List the events stored in a DuckDB file.

    \b
    Examples:
      herald events --db events.duckdb --type CONSULT --actor USA
      herald events --db events.duckdb --since 2017-12-01 --format csv > december.csv
    """
    from herald.store.database import Store

    with Store.open_reader(db) as store:
        rows = store.events(
            type=type_, actor=actor, since=since, until=until, modality=modality, limit=limit
        )
    if per_story:
        from herald.link.stories import one_row_per_story

        rows = one_row_per_story(rows)
    write_rows(rows, fmt, sys.stdout, write_table)
