"""``herald export``: the events of a DuckDB file in the formats of other tools."""

from __future__ import annotations

from pathlib import Path

import click

from herald.cli.options import database_option, filter_options
from herald.cli.output import plural
from herald.store.export.formats import EXPORT_FORMATS, PARTITIONS
from herald.store.filters import EventFilters


@click.command("export")
@database_option()
@filter_options
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (a folder with --partition).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="Default: from -o's extension (.parquet, .csv, .tsv, .jsonl).",
)
@click.option(
    "--partition",
    type=click.Choice(PARTITIONS),
    help="Parquet in a folder, one sub-folder per event month: event_month=YYYY-MM.",
)
# The names of herald 0.1, kept so that old scripts run: --to is -o, --as is --format.
@click.option("--to", "old_output", type=click.Path(path_type=Path), hidden=True)
@click.option("--as", "old_format", type=click.Choice(EXPORT_FORMATS), hidden=True)
def export(
    db: Path,
    filters: EventFilters,
    output: Path | None,
    fmt: str | None,
    partition: str | None,
    old_output: Path | None,
    old_format: str | None,
) -> None:
    """Export the events of a DuckDB file (those that pass the filters, if any).

    Formats: parquet, csv, tsv, jsonl (one row per event), plover (PLOVER/POLECAT JSON
    lines), gdelt (GDELT 2.0 event columns, tab-separated), cameo (one row per
    actor-recipient pair). The format must fit the file name (.parquet, .csv, ...).
    Columns and types, and how to read them back with pandas and DuckDB: docs/exports.md.

    \b
    Examples:
      herald export --db events.duckdb -o events.parquet
      herald export --db events.duckdb -o events.tsv --format gdelt
      herald export --db events.duckdb -o conflict.csv --quad material_conflict
      herald export --db events.duckdb -o by_month --partition month
    """
    from herald.store.database import Store
    from herald.store.export.formats import export_events

    if old_output or old_format:
        click.echo("herald: --to and --as are now -o and --format", err=True)
    target = output or old_output
    if target is None:
        raise click.UsageError("Missing option '-o' / '--output'.")
    with Store.open_reader(db) as store:
        count = export_events(store, target, fmt or old_format, filters, partition)
    click.echo(f"herald: exported {plural(count, 'row')} to {target}", err=True)
