"""``herald demo``: the sample articles that ship with herald, through the whole pipeline."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from herald.cli.extract import extract_to
from herald.data_files import data_path
from herald.settings import Options


def samples_dir() -> Path:
    """The sample articles that ship inside the package."""
    return data_path("samples")


@click.command("demo")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="Also store them.")
def demo(db: Path | None) -> None:
    """Run herald on the sample articles that ship with it and print their events.

    The text sample has no publication date in it; the demo gives 2017-12-18.
    """
    options = Options(date=dt.date(2017, 12, 18))
    click.echo(f"herald demo: sample articles in {samples_dir()}", err=True)
    extract_to((str(samples_dir()),), options, "table", sys.stdout, db, progress=False)
