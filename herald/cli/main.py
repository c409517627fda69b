"""The command line: a thin wrapper per command that parses flags and calls plain functions."""

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
from herald.cli.output import event_rows, write_csv, write_json_lines, write_rows, write_table
from herald.data_files import data_path
from herald.errors import HeraldError, UsageError
from herald.records import Extraction, Rejected, Result
from herald.settings import DEFAULT_MAX_BYTES, Options
from herald.store.export.formats import EXPORT_FORMATS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herald")
def cli() -> None:
    """herald: political events from news, with who, what, whom, when, where and who says so.

    \b
    Start with:
      herald demo                                  events of the sample articles
      herald extract article.html --date 2017-12-18 --format table
      herald extract news/ --db events.duckdb      a folder into a DuckDB file
      herald events --db events.duckdb --type CONSULT --actor USA
    """


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
    from tqdm import tqdm

    from herald.ingest import ingest
    from herald.read.inputs import read_inputs

    tally = Tally()
    rows: list[dict[str, Any]] = []
    items = read_inputs(
        list(inputs), input_format, stdin=sys.stdin.buffer, max_bytes=options.max_bytes
    )
    bar = tqdm(unit="doc", file=sys.stderr, disable=not progress, desc="herald")
    with _open_store(db) as store, bar:
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


@cli.command()
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
    options = Options(date=date, max_bytes=max_bytes, strict=strict, actors=actors)
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


@cli.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")
@click.option("--actor", help="Actor name (substring) or ISO 3166 alpha-3 country code.")
@click.option("--since", callback=parse_date, help="Events on or after this date.")
@click.option("--until", callback=parse_date, help="Events on or before this date.")
@click.option("--modality", help="asserted, planned, reported, negated, hypothetical, historical.")
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--per-story", is_flag=True, help="One row per story instead of per report.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def events(
    db: Path,
    type_: str | None,
    actor: str | None,
    since: dt.date | None,
    until: dt.date | None,
    modality: str | None,
    limit: int | None,
    per_story: bool,
    fmt: str,
) -> None:
    """List the events stored in a DuckDB file.

    \b
    Examples:
      herald events --db events.duckdb --type CONSULT --actor USA
      herald events --db events.duckdb --since 2017-12-01 --format csv > december.csv
    """
    from herald.store.database import Store

    with Store.open(db) as store:
        rows = store.events(
            type=type_, actor=actor, since=since, until=until, modality=modality, limit=limit
        )
    if per_story:
        from herald.link.stories import one_row_per_story

        rows = one_row_per_story(rows)
    write_rows(rows, fmt, sys.stdout, write_table)


@cli.command()
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

    with Store.open(db) as store:
        count = export_events(store, target, fmt)  # type: ignore[arg-type]
    click.echo(f"herald: exported {count} events to {target}", err=True)


def samples_dir() -> Path:
    """The sample articles that ship inside the package."""
    return data_path("samples")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="Also store them.")
def demo(db: Path | None) -> None:
    """Run herald on the sample articles that ship with it and print their events.

    The text sample has no publication date in it; the demo gives 2017-12-18.
    """
    options = Options(date=dt.date(2017, 12, 18))
    click.echo(f"herald demo: sample articles in {samples_dir()}", err=True)
    extract_to((str(samples_dir()),), options, "table", sys.stdout, db, progress=False)


def _register_subcommands() -> None:
    """Commands that live beside the modules they drive."""
    from herald.api.cli import serve_command
    from herald.bench.run import bench_command
    from herald.cli.stories import stories_command
    from herald.eval.cli import eval_command

    cli.add_command(bench_command)
    cli.add_command(eval_command)
    cli.add_command(serve_command)
    cli.add_command(stories_command)


_register_subcommands()


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
