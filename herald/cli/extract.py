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

from herald.cli.load import load_into
from herald.cli.options import (
    FORMATS,
    format_option,
    output_format,
    output_option,
    parse_date,
    pipeline_options,
)
from herald.cli.output import (
    event_rows,
    open_output,
    plural,
    write_csv,
    write_json_lines,
    write_table,
)
from herald.cli.progress import count_documents, progress_bar
from herald.cluster.plan import DEFAULT_PARTITION_SIZE
from herald.errors import UsageError
from herald.records import Rejected, Result
from herald.settings import Options
from herald.tally import Tally


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
    fmt: str | None,
    out: TextIO,
    db: Path | None = None,
    input_format: str = "auto",
    processes: int | None = None,
    progress: bool = True,
) -> Tally:
    """Read, process, store, and print the records in ``fmt`` (None: print nothing);
    returns what was done."""
    from herald.ingest import ingest
    from herald.read.inputs import read_inputs

    tally = Tally()
    rows: list[dict[str, Any]] = []
    items = read_inputs(
        list(inputs), input_format, stdin=sys.stdin.buffer, max_bytes=options.max_bytes
    )
    total = count_documents(inputs, input_format) if progress else None
    # The store first: a file held by another process fails before the bar is drawn.
    with _open_store(db) as store, progress_bar(total, progress) as bar:
        for ingested in ingest(items, options, store, processes):
            batch = ingested.results
            tally.add(ingested)
            _report_rejections(batch)
            if fmt == "json":
                write_json_lines(batch, out)
                out.flush()
            elif fmt is not None:
                rows.extend(event_rows(batch))
            bar.update(len(batch))
            bar.set_postfix(rejected=tally.rejected, events=tally.events)
    if fmt == "csv":
        write_csv(rows, out)
    elif fmt == "table":
        write_table(rows, out)
    return tally


@dataclass(frozen=True, slots=True)
class DaskRun:
    """``extract --dask``: where to run, and where the records go."""

    scheduler: str
    dataset: Path | None
    partition_size: int

    def extract(
        self,
        inputs: tuple[str, ...],
        options: Options,
        input_format: str,
        db: Path | None,
        quiet: bool,
    ) -> None:
        from herald.cluster.run import run_on_dask

        if self.dataset is None:
            raise UsageError("--dask writes Parquet: name its folder with --dataset DIR")
        if "-" in inputs:
            raise UsageError("--dask reads files and URLs, not standard input")
        started = time.perf_counter()
        tally = Tally()
        written = 0
        done = run_on_dask(
            inputs, options, self.dataset, self.scheduler, input_format, self.partition_size
        )
        with progress_bar(None, not quiet, unit="partition") as bar:
            for partition in done:
                written += not partition.skipped
                tally.documents += partition.documents
                tally.rejected += partition.rejected
                tally.events += partition.events
                bar.update(1)
        if not quiet:
            click.echo(
                f"herald: {written} partitions written to {self.dataset} ({bar.n - written} "
                f"there before): {tally.documents} documents, {tally.events} events, "
                f"{tally.rejected} rejected in {time.perf_counter() - started:.1f}s",
                err=True,
            )
        if db is not None:
            load_into(self.dataset, db, quiet)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Store into this DuckDB file (then records are printed only if -o or --format).",
)
@pipeline_options
# herald 0.1 called --published --date: kept, hidden, so that old scripts run.
@click.option("--date", "old_published", callback=parse_date, hidden=True)
@format_option(
    FORMATS,
    None,
    "json (one object per document), csv or table (one row per event); "
    "default: from -o's extension, else json.",
)
@output_option("Write the records to this file ('-': standard output).")
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "html", "jsonl", "warc", "json"]),
    default="auto",
    show_default=True,
    help="How to read stdin (-) or files with other extensions.",
)
@click.option("--strict", is_flag=True, help="Stop on the first internal error.")
@click.option(
    "--dask",
    "scheduler",
    metavar="ADDRESS|local:N",
    help="Run on a Dask cluster (its scheduler's address, or local:N for N worker processes "
    "here) and write the records to --dataset as Parquet; with --db, load them after.",
)
@click.option(
    "--dataset",
    type=click.Path(file_okay=False, path_type=Path),
    help="The Parquet folder --dask writes; a re-run resumes it.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    help="Documents per Dask task.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def extract(
    inputs: tuple[str, ...],
    db: Path | None,
    published: dt.date | None,
    old_published: dt.date | None,
    fmt: str | None,
    output: Path | None,
    input_format: str,
    processes: int | None,
    max_bytes: int,
    actors: str | None,
    all_events: bool,
    strict: bool,
    scheduler: str | None,
    dataset: Path | None,
    partition_size: int,
    quiet: bool,
) -> None:
    """Find the events in news articles.

    INPUTS are files or folders (searched recursively) of .html/.htm, .txt, .jsonl,
    .warc, news-please .json, and any of these gzipped (.gz); "-" reads standard input.

    Without --db the records go to standard output (JSON lines unless --format or -o's
    extension says otherwise); with --db they are stored, and printed only when -o or
    --format asks for them.

    \b
    Examples:
      herald extract article.txt --published 2017-12-18 --format table
      herald extract pages/ dump.jsonl --db events.duckdb
      curl -s https://example.org/news | herald extract - --input-format html
      herald extract crawl.warc.gz --db events.duckdb -o events.csv
      herald extract news/ --dask local:2 --dataset news.d --db events.duckdb
      herald extract s3://bucket/cc-news/ --dask tcp://10.0.0.5:8786 --dataset /nfs/news.d
    """
    if old_published:
        click.echo("herald: --date is now --published", err=True)
    options = Options(
        date=published or old_published,
        max_bytes=max_bytes,
        strict=strict,
        actors=actors,
        all_events=all_events,
    )
    if scheduler is not None:
        on_dask = DaskRun(scheduler, dataset, partition_size)
        on_dask.extract(inputs, options, input_format, db, quiet)
        return
    asked = fmt is not None or output is not None
    fmt = output_format(output, fmt, "json") if asked or db is None else None
    started = time.perf_counter()
    with open_output(output) as out:
        tally = extract_to(
            inputs, options, fmt, out, db, input_format, processes, progress=not quiet
        )
    elapsed = time.perf_counter() - started
    if not quiet:
        rate = tally.documents / elapsed if elapsed else 0.0
        stored = f", {tally.added} new in {db} ({tally.skipped} already there)" if db else ""
        click.echo(
            f"herald: {plural(tally.documents, 'document')}, {plural(tally.events, 'event')}, "
            f"{tally.rejected} rejected{stored} in {elapsed:.1f}s ({rate:.1f} docs/s)",
            err=True,
        )
    read_any = tally.documents + tally.skipped + tally.rejected - tally.read_failures
    if read_any == 0:
        click.echo("herald: nothing could be read from the inputs", err=True)
        sys.exit(1)
