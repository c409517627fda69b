"""``herald bench``: herald's speed and memory against the bare spaCy parse, in one run;
``herald bench api``: how fast the server answers the web UI's pages on a database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from herald.bench.corpus import NEWS_CLUSTER
from herald.bench.report import format_report
from herald.bench.run import bench


@click.group("bench", invoke_without_command=True)
@click.option(
    "--corpus",
    default=NEWS_CLUSTER,
    show_default=True,
    help="news_cluster (../shared/data) or a folder of inputs herald reads.",
)
@click.option("--processes", "-j", type=click.IntRange(min=1), help="Worker processes.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="JSON report.")
@click.pass_context
def bench_command(
    context: click.Context,
    corpus: str,
    processes: int | None,
    limit: int | None,
    report: Path | None,
) -> None:
    """Compare herald's speed and memory with the bare spaCy pipeline on one corpus.

    \b
    Examples:
      herald bench --processes 2 --report bench.json
      herald bench --corpus news/ --limit 50
      herald bench api --db events.duckdb      the web UI's API calls on a database
    """
    if context.invoked_subcommand is not None:
        return
    from herald.pipeline import default_processes

    result = bench(corpus, processes or default_processes(), limit)
    click.echo(format_report(result))
    if report is not None:
        report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


@bench_command.command("api")
@click.option(
    "--db",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The DuckDB file to serve.",
)
@click.option(
    "--repeat", default=20, show_default=True, type=click.IntRange(min=1), help="Runs per call."
)
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="JSON report.")
def api_command(db: Path, repeat: int, report: Path | None) -> None:
    """p50 and p95 of each API call of each web UI page, served from DB (read-only).

    \b
    Example:
      herald bench api --db events.duckdb --repeat 50 --report api.json
    """
    from herald.bench.api import bench_api, format_api_report

    result = bench_api(db, repeat)
    click.echo(format_api_report(result))
    if report is not None:
        report.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
