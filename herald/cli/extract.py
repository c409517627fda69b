"""``herald extract``: read inputs, find their events, print them and (with --db) store them."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import click

from herald.cli.options import FORMATS, parse_date
from herald.cli.output import event_rows, write_csv, write_json_lines, write_table
from herald.records import Extraction, Rejected, Result
from herald.settings import DEFAULT_MAX_BYTES, Options


@dataclass
class Tally:
    """What a batch run did, for the progress bar and the summary line."""

    documents: int = 0
    rejected: int = 0
    read_failures: int = 0
    events: int = 0
    added: int = 0

    def count(self, batch: list[Result]) -> None:
        for result in batch:
            if isinstance(result, Extraction):
                self.documents += 1
                self.events += len(result.events)
            else:
                self.rejected += 1
                self.read_failures += result.rejection.stage == "read"


def _report_rejections(batch: list[Result]) -> None:
    for result in batch:
        if isinstance(result, Rejected):
            rejection = result.rejection
            click.echo(
                f"herald: rejected {rejection.source} [{rejection.stage}/{rejection.code}]: "
                f"{rejection.detail}",
                err=True,
            )


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


@contextlib.contextmanager
def _open_store(path: Path | None) -> Iterator[Any]:
    if path is None:
        yield None
        return
    from herald.store.database import Store

    with Store.open(path) as store:
        yield store


@contextlib.contextmanager
def _linking_kept_apart() -> Iterator[None]:
    """A failure of linking, after the documents are stored, is a warning: the documents
    stay and ``herald link`` links them later."""
    from herald.link.stage import LinkError

    try:
        yield
    except LinkError as error:
        click.echo(f"herald: warning: {error}", err=True)


def _bar(progress: bool) -> Any:
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, disable=not progress, desc="herald")


def extract_to(
    inputs: tuple[str, ...],
    options: Options,
    fmt: str,
    out: TextIO,
    db: Path | None = None,
    input_format: str = "auto",
    processes: int | None = None,
    progress: bool = True,
) -> Tally:
    """Read, process, store and print; returns what was done."""
    from herald.ingest import ingest
    from herald.read.inputs import read_inputs

    tally = Tally()
    rows: list[dict[str, Any]] = []
    items = read_inputs(
        list(inputs), input_format, stdin=sys.stdin.buffer, max_bytes=options.max_bytes
    )
    # The store first: a file held by another process fails before the bar is drawn.
    with _open_store(db) as store, _bar(progress) as bar, _linking_kept_apart():
        for ingested in ingest(items, options, store, processes):
            batch = ingested.results
            tally.count(batch)
            tally.added += ingested.added
            _report_rejections(batch)
            if fmt == "json":
                write_json_lines(batch, out)
                out.flush()
            else:
                rows.extend(event_rows(batch))
            bar.update(len(batch))
            bar.set_postfix(rejected=tally.rejected, events=tally.events)
    if fmt == "csv":
        write_csv(rows, out)
    elif fmt == "table":
        write_table(rows, out)
    return tally


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="DuckDB file.")
@click.option("--date", callback=parse_date, help="Publication date (YYYY-MM-DD) where none.")
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "html", "jsonl", "warc"]),
    default="auto",
    show_default=True,
    help="How to read stdin (-) or files with other extensions.",
)
@click.option("--processes", "-j", type=click.IntRange(min=1), help="Worker processes.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES)
@click.option(
    "--actors",
    type=click.Path(exists=True, dir_okay=False),
    help="Your actor dictionary, CSV: name, aliases, country, sector, valid_from, valid_to.",
)
@click.option(
    "--all-events",
    is_flag=True,
    help="Keep events that are not political, and those of non-political articles, with "
    "their relevance scores (dropped by default).",
)
@click.option("--strict", is_flag=True, help="Stop on the first internal error.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def extract(
    inputs: tuple[str, ...],
    db: Path | None,
    date: dt.date | None,
    fmt: str,
    output: Path | None,
    input_format: str,
    processes: int | None,
    max_bytes: int,
    actors: str | None,
    all_events: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Find the events in news articles.

    INPUTS are files or folders (searched recursively) of .html/.htm, .txt, .jsonl,
    .warc and .warc.gz; "-" reads standard input.

    \b
    Examples:
      herald extract article.txt --date 2017-12-18 --format table
      herald extract pages/ dump.jsonl --db events.duckdb
      curl -s https://example.org/news | herald extract - --input-format html
      herald extract crawl.warc.gz --db events.duckdb --format csv -o events.csv
    """
    options = Options(
        date=date, max_bytes=max_bytes, strict=strict, actors=actors, all_events=all_events
    )
    started = time.perf_counter()
    with _open_output(output) as out:
        tally = extract_to(
            inputs, options, fmt, out, db, input_format, processes, progress=not quiet
        )
    elapsed = time.perf_counter() - started
    if not quiet:
        rate = tally.documents / elapsed if elapsed else 0.0
        stored = f", {tally.added} new in {db}" if db else ""
        click.echo(
            f"herald: {tally.documents} documents, {tally.events} events, "
            f"{tally.rejected} rejected{stored} in {elapsed:.1f}s ({rate:.1f} docs/s)",
            err=True,
        )
    read_any = tally.documents + tally.rejected - tally.read_failures
    if read_any == 0:
        click.echo("herald: nothing could be read from the inputs", err=True)
        sys.exit(1)
