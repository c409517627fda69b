"""``herald bench``: herald's speed and memory against the bare spaCy parse, in one run."""

from __future__ import annotations

import json
from pathlib import Path

import click

from herald.bench.corpus import NEWS_CLUSTER
from herald.bench.report import format_report
from herald.bench.run import bench


@click.command("bench")
@click.option(
    "--corpus",
    default=NEWS_CLUSTER,
    show_default=True,
    help="news_cluster (../shared/data) or a folder of inputs herald reads.",
)
@click.option("--processes", "-j", type=click.IntRange(min=1), help="Worker processes.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="JSON report.")
def bench_command(
    corpus: str, processes: int | None, limit: int | None, report: Path | None
) -> None:
    """Compare herald's speed and memory with the bare spaCy pipeline on one corpus.

    \b
    Examples:
      herald bench --processes 2 --report bench.json
      herald bench --corpus news/ --limit 50
    """
    from herald.pipeline import default_processes

    result = bench(corpus, processes or default_processes(), limit)
    click.echo(format_report(result))
    if report is not None:
        report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
