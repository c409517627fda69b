"""What every command line shares: the output formats and the date parameter."""

from __future__ import annotations

import datetime as dt

import click

FORMATS = click.Choice(["json", "csv", "table"])


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option value as a date, or a usage error that says the format."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from error
