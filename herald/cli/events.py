"""``herald events``: list the events stored in a DuckDB file."""

from __future__ import annotations

from pathlib import Path

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
from herald.cli.output import open_output, write_rows, write_table
from herald.store.filters import EventFilters


@click.command("events")
@database_option()
@filter_options
@click.option("--per-story", is_flag=True, help="One row per story instead of per report.")
@format_option(FORMATS, None, "json, csv or table (default: from -o's extension, else table).")
@output_option("Write to this file ('-': standard output).")
@limit_options
def events(
    db: Path,
    filters: EventFilters,
    per_story: bool,
    fmt: str | None,
    output: Path | None,
    limit: RowLimit,
) -> None:
    """List the events stored in a DuckDB file (the filters of the web UI and its API).

    \b
    Examples:
      herald events --db events.duckdb --type CONSULT --actor USA
      herald events --db events.duckdb --quad material_conflict --place SYR --all
      herald events --db events.duckdb --since 2017-12-01 -o december.csv
    """
    from herald.store.database import Store

    fmt = output_format(output, fmt, "table")
    most = limit.rows(fmt)
    with Store.open_reader(db) as store:
        rows = store.events(filters, most)
        # Counted only when the limit cut the list, and only for rows that are events
        # (with --per-story they are stories).
        cut = fmt == "table" and not per_story and most is not None and len(rows) == most
        total = store.count_events(filters) if cut else None
    if per_story:
        from herald.link.stories import one_row_per_story

        rows = one_row_per_story(rows)
    with open_output(output) as out:
        write_rows(rows, fmt, out, lambda rows, out: write_table(rows, out, total))
