"""``herald stories``: list the stories of a DuckDB file (the main CLI registers it)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from herald.cli.options import FORMATS, parse_date
from herald.cli.output import print_table, write_rows

Row = dict[str, Any]

STORY_TABLE_COLUMNS = ("story", "type", "actors", "recipients", "date", "place", "reports", "sure")


def story_cells(row: Row) -> tuple[str, ...]:
    """The cells of the human table for one ``stories`` row."""
    kind = (row["type"] or "") + (f"/{row['mode']}" if row.get("mode") else "")
    date = row["event_date"].isoformat() if row.get("event_date") else ""
    if row.get("when_value") is None and date:
        date += " (pub.)"
    place = (row.get("where_name") or "") + (
        f" [{row['where_country']}]" if row.get("where_country") else ""
    )
    reports = f"{row['documents']} docs, {row['sources']} sources"
    return (
        str(row["story_id"]),
        kind,
        row.get("actor_names") or "",
        row.get("recipient_names") or "",
        date,
        place,
        reports,
        f"{row['confidence']:.2f}",
    )


def write_story_table(rows: Sequence[Row], out: TextIO) -> None:
    """Stories as a table for people."""
    print_table(out, STORY_TABLE_COLUMNS, (story_cells(row) for row in rows))
    out.write(f"{len(rows)} stories\n")


@click.command("stories")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--type", "type_", help="PLOVER type of the story, e.g. ASSAULT.")
@click.option("--actor", help="Participant name (substring) or ISO 3166 alpha-3 code.")
@click.option("--since", callback=parse_date, help="Stories dated on or after this day.")
@click.option("--until", callback=parse_date, help="Stories dated on or before this day.")
@click.option("--min-sources", type=click.IntRange(min=0), help="At least N publisher domains.")
@click.option("--limit", type=click.IntRange(min=1))
@click.option(
    "--link", "link_first", is_flag=True, help="First link the events that have no story yet."
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def stories_command(
    db: Path,
    type_: str | None,
    actor: str | None,
    since: dt.date | None,
    until: dt.date | None,
    min_sources: int | None,
    limit: int | None,
    link_first: bool,
    fmt: str,
) -> None:
    """List the stories of a DuckDB file: reports of one real event grouped across articles.

    Most sources first. A story's type, participants, date and place are those most of
    its reports give; "sources" counts distinct publisher domains.

    \b
    Examples:
      herald stories --db events.duckdb --min-sources 2
      herald stories --db events.duckdb --type ASSAULT --actor PRK --format csv > s.csv
      herald stories --db old.duckdb --link       link events stored before linking existed
    """
    from herald.link.stories import list_stories
    from herald.store.database import Store

    with Store.open(db) if link_first else Store.open_reader(db) as store:
        if link_first:
            from herald.link.stage import link_new

            summary = link_new(store)
            click.echo(f"herald: linked {summary.events_linked} events", err=True)
        rows = list_stories(store.con, type_, actor, since, until, min_sources, limit)
    write_rows(rows, fmt, sys.stdout, write_story_table)
