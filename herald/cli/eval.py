"""``herald eval NAME``: the click command the main CLI registers (``cli.add_command``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from herald.eval import SCORERS, evaluate
from herald.eval.floors import check_floors
from herald.eval.scoring import write_report
from herald.eval.splits import SPLITS, Split


@click.command("eval")
@click.argument("name", type=click.Choice(list(SCORERS)))
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="dev",
    show_default=True,
    help="Half of the gold set: dev (tune here), test (report only) or all.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the figures as JSON to this file.",
)
@click.option(
    "--check-floors",
    "check_floors_",
    is_flag=True,
    help="Exit 1 when a figure falls below its floor in herald/eval/floors.json.",
)
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
def eval_command(
    name: str,
    split: str,
    limit: int | None,
    report_path: Path | None,
    check_floors_: bool,
    progress: bool,
) -> None:
    """Score herald against the gold set NAME and print P/R/F1 per field.

    The gold sets are read from $HERALD_DATA (default ../shared/data beside the checkout);
    each is split into dev and test halves by a hash of the record id (docs/eval.md).

    \b
    Examples:
      herald eval plover                      dev half, table on stdout
      herald eval places --limit 50           a quick look
      herald eval timebank --report tb.json --check-floors
      herald eval senses                      which trigger words are typed right
    """
    report = evaluate(name, cast(Split, split), limit, show_progress=progress)
    click.echo(report.render())
    if report_path is not None:
        write_report(report, report_path)
        click.echo(f"herald eval: report written to {report_path}", err=True)
    if check_floors_:
        failures = check_floors(report)
        for failure in failures:
            click.echo(f"below floor: {failure}", err=True)
        if failures:
            sys.exit(1)
