"""The options every command shares, defined once so that the same thing has the same flag
everywhere (a test compares the ``--help`` of every command): ``--db``, ``-o/--output``,
``--format``, ``--limit``/``--all``, the event filters, the date parameter and the options of a
run of the pipeline (``pipeline_options``)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from herald.errors import UsageError
from herald.settings import DEFAULT_MAX_BYTES, default_database
from herald.store.filters import MODALITIES, event_filters, quads

FORMATS = click.Choice(["json", "csv", "table"])

# Terminal tables stop here unless --limit or --all says otherwise: 8,000 rows scroll away.
DEFAULT_TABLE_ROWS = 50

Command = Callable[..., Any]


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option value as a date, or a usage error that says the format."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from error


# The file names that say a format of FORMATS (a table is for people, never a file type).
_FORMAT_OF_SUFFIX = {".csv": "csv", ".jsonl": "json", ".ndjson": "json", ".json": "json"}


def output_format(output: Path | None, fmt: str | None, default: str) -> str:
    """The format to write: ``--format``, else the one ``-o``'s extension names, else
    ``default``; a format that contradicts the extension is a usage error."""
    named = _FORMAT_OF_SUFFIX.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and named is not None and fmt != named:
        raise UsageError(f"--format {fmt} does not fit {output.name!r}, a {named} file name")
    return fmt or named or default


def database_option(*, must_exist: bool = True) -> Callable[[Command], Command]:
    """``--db FILE``, by default $HERALD_DB; required (a reading command needs a file)."""

    def database(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
        path = value or default_database()
        if path is None:
            raise click.MissingParameter(ctx=ctx, param=param, message="or set HERALD_DB")
        if must_exist and not path.is_file():
            raise click.BadParameter(f"{path} does not exist", ctx=ctx, param=param)
        return path

    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=database,
        help="DuckDB file (default: $HERALD_DB).",
    )


def output_option(help: str) -> Callable[[Command], Command]:
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        help=help,
    )


def format_option(
    choice: click.Choice, default: str | None, help: str
) -> Callable[[Command], Command]:
    return click.option(
        "--format", "fmt", type=choice, default=default, show_default=default is not None, help=help
    )


@dataclass(frozen=True, slots=True)
class RowLimit:
    """``--limit N`` / ``--all`` as given: a terminal table stops at ``DEFAULT_TABLE_ROWS``
    unless told otherwise; a file or a pipe gets every row unless ``--limit`` says."""

    given: int | None = None
    every: bool = False

    def rows(self, fmt: str) -> int | None:
        if self.given is not None or self.every or fmt != "table":
            return self.given
        return DEFAULT_TABLE_ROWS


def limit_options(command: Command) -> Command:
    """``--limit N`` and ``--all``, passed on as one ``limit`` (a ``RowLimit``)."""

    @functools.wraps(command)
    def with_limit(*args: Any, limit: int | None, every: bool, **kwargs: Any) -> Any:
        if every and limit is not None:
            raise click.UsageError("give --limit or --all, not both")
        return command(*args, limit=RowLimit(limit, every), **kwargs)

    with_limit = click.option(
        "--all", "every", is_flag=True, help="Every row (tables stop at the limit otherwise)."
    )(with_limit)
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        help=f"At most N rows (tables: {DEFAULT_TABLE_ROWS} unless --all).",
    )(with_limit)


# (flag, keyword of filters.event_filters, click options, help)
_FILTERS: tuple[tuple[str, str, dict[str, Any], str], ...] = (
    ("--type", "type", {"metavar": "TYPES"}, "PLOVER types, comma-separated (CONSULT,AGREE)."),
    ("--quad", "quad", {"type": click.Choice(quads())}, "Quad class."),
    ("--mode", "mode", {"metavar": "MODES"}, "PLOVER modes, comma-separated (visit, aerial)."),
    (
        "--modality",
        "modality",
        {"metavar": "MODALITIES"},
        f"Modalities, comma-separated: {', '.join(MODALITIES)}.",
    ),
    ("--actor", "actor", {"metavar": "WHO"}, "Actor side: name contains, or ISO3 code."),
    ("--recipient", "recipient", {"metavar": "WHO"}, "Recipient side: name or ISO3 code."),
    ("--participant", "participant", {"metavar": "WHO"}, "Either side: name or ISO3 code."),
    ("--sector", "sector", {}, "A participant's sector: GOV, MIL, REB, ..."),
    ("--place", "place", {}, "Place name contains, or the place's ISO3 code."),
    ("--text", "text", {"metavar": "WORDS"}, "Words in the evidence sentence."),
    (
        "--min-confidence",
        "min_confidence",
        {"type": click.FloatRange(0, 1)},
        "Confidence at least this (0..1).",
    ),
    (
        "--since",
        "since",
        {"callback": parse_date, "metavar": "DATE"},
        "Event date on or after (YYYY-MM-DD).",
    ),
    (
        "--until",
        "until",
        {"callback": parse_date, "metavar": "DATE"},
        "Event date on or before (YYYY-MM-DD).",
    ),
    ("--story", "story_id", {"metavar": "ID"}, "One story's events (its story_id)."),
    ("--doc", "doc_id", {"metavar": "ID"}, "One document's events (its doc_id)."),
)


def filter_options(command: Command) -> Command:
    """The event filters of the API as flags, handed to the command as one checked
    ``filters`` (``herald.store.filters.event_filters``): an unknown type, mode or
    modality is a usage error that lists the valid values."""

    @functools.wraps(command)
    def with_filters(*args: Any, **kwargs: Any) -> Any:
        named = {keyword: kwargs.pop(keyword) for _, keyword, _, _ in _FILTERS}
        return command(*args, filters=event_filters(**named), **kwargs)

    for flag, keyword, extra, help in reversed(_FILTERS):
        with_filters = click.option(flag, keyword, help=help, **extra)(with_filters)
    return with_filters


# The options of a run of the pipeline, the same for `herald extract` and `herald watch`.
_PIPELINE_OPTIONS = (
    click.option(
        "--published",
        callback=parse_date,
        metavar="DATE",
        help="Publication date (YYYY-MM-DD) of the documents that state none.",
    ),
    click.option("--processes", "-j", type=click.IntRange(min=1), help="Worker processes."),
    click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Reject a document (a file, a JSONL line, a WARC record) larger than this, in bytes.",
    ),
    click.option(
        "--actors",
        type=click.Path(exists=True, dir_okay=False),
        help="Your actor dictionary, CSV: name, aliases, country, sector, valid_from, valid_to.",
    ),
    click.option(
        "--all-events",
        is_flag=True,
        help="Keep events that are not political, those of non-political articles, and "
        "hypothetical and negated events, with their relevance and modality (dropped by "
        "default).",
    ),
)


def pipeline_options(command: Command) -> Command:
    """``--published``, ``-j/--processes``, ``--max-bytes``, ``--actors``, ``--all-events``:
    how the documents are read and analysed, whichever command runs the pipeline."""
    for option in reversed(_PIPELINE_OPTIONS):
        command = option(command)
    return command
