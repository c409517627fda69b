"""``herald export``: the events of a DuckDB file in the formats of other tools."""

from __future__ import annotations

from pathlib import Path

import click

from herald.store.export.formats import EXPORT_FORMATS


@click.command("export")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--to", "target", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--as", "fmt", type=click.Choice(list(EXPORT_FORMATS)), help="Default: from --to's extension."
)
def export(db: Path, target: Path, fmt: str | None) -> None:
    """Export the events of a DuckDB file.

    Formats: parquet, csv, jsonl (one row per event), plover (PLOVER/POLECAT JSON lines),
    gdelt (GDELT 2.0 event columns, tab-separated), cameo (one row per actor-recipient pair).
    Columns and types: docs/exports.md.

    \b
    Examples:
      herald export --db events.duckdb --to events.parquet
      herald export --db events.duckdb --to events.tsv --as gdelt
    """
    from herald.store.database import Store
    from herald.store.export.formats import export_events

    with Store.open_reader(db) as store:
        count = export_events(store, target, fmt)  # type: ignore[arg-type]
    click.echo(f"herald: exported {count} events to {target}", err=True)
