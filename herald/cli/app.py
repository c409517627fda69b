"""The ``herald`` command: the group, its commands (one module each) and the exit codes."""

from __future__ import annotations

import sys

import click

from herald.cli.bench import bench_command
from herald.cli.demo import demo
from herald.cli.eval import eval_command
from herald.cli.events import events
from herald.cli.export import export
from herald.cli.extract import extract
from herald.cli.link import link_command
from herald.cli.load import load
from herald.cli.serve import serve_command
from herald.cli.stories import stories_command
from herald.cli.watch import watch
from herald.errors import HeraldError, UsageError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herald")
def cli() -> None:
    """herald: political events from news, with who, what, whom, when, where and who says so.

    \b
    Start with:
      herald demo                                  events of the sample articles
      herald extract article.html --published 2017-12-18 --format table
      herald extract news/ --db events.duckdb      a folder into a DuckDB file
      herald watch inbox/ --db events.duckdb       and the files that land in it
      herald link --db events.duckdb               finish linking its stories
      herald events --db events.duckdb --type CONSULT --actor USA
    """


for command in (
    extract,
    link_command,
    load,
    watch,
    events,
    export,
    demo,
    stories_command,
    serve_command,
    eval_command,
    bench_command,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: user errors become one-line messages and exit code 2."""
    try:
        cli(standalone_mode=True)
    except UsageError as error:
        click.echo(f"herald: {error}", err=True)
        sys.exit(2)
    except HeraldError as error:
        click.echo(f"herald: {error}", err=True)
        sys.exit(1)
