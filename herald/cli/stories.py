"""``herald stories``: list the stories of a DuckDB file (the main CLI registers it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from herald.cli.options import (
    FORMATS,
    RowLimit,
    database_option,
    filter_options,
    format_option,
    limit_options,
    output_format,
    output_option,
)
from herald.cli.output import open_output, plural, print_table, shorten, write_rows
from herald.store.filters import EventFilters

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
    reports = f"{plural(row['documents'], 'doc')}, {plural(row['sources'], 'source')}"
    return (
        f"{shorten(row.get('title') or row.get('url'), 50)}\n{row['story_id']}".strip(),
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
    out.write(f"{plural(len(rows), 'story')}\n")


@click.command("stories")
@database_option()
@filter_options
@click.option("--min-sources", type=click.IntRange(min=0), help="At least N publisher domains.")
@click.option(
    "--link", "link_first", is_flag=True, help="First link the events that have no story yet."
)
@format_option(FORMATS, None, "json, csv or table (default: from -o's extension, else table).")
@output_option("Write to this file ('-': standard output).")
@limit_options
def stories_command(
    db: Path,
    filters: EventFilters,
    min_sources: int | None,
    link_first: bool,
    fmt: str | None,
    output: Path | None,
    limit: RowLimit,
) -> None:
    """List the stories of a DuckDB file: reports of one real event grouped across articles.

    Most sources first. A story passes the filters when one of its reports does. A story's
    type, participants, date and place are those most of its reports give; "sources" counts
    distinct publisher domains.

    \b
    Examples:
      herald stories --db events.duckdb --min-sources 2
      herald stories --db events.duckdb --type ASSAULT --participant PRK -o stories.csv
      herald stories --db old.duckdb --link       link events stored before linking existed
    """
    from herald.link.stories import list_stories
    from herald.store.database import Store

    fmt = output_format(output, fmt, "table")
    with Store.open(db) if link_first else Store.open_reader(db) as store:
        if link_first:
            from herald.link.stage import link_new

            summary = link_new(store)
            click.echo(f"herald: linked {plural(summary.events_linked, 'event')}", err=True)
        most = limit.rows(fmt)
        rows = list_stories(store.con, filters, min_sources, most)
    with open_output(output) as out:
        write_rows(rows, fmt, out, write_story_table)
    if fmt == "table" and most is not None and len(rows) == most:
        click.echo(f"herald: the first {most} stories: --limit N or --all for more", err=True)
