"""The flow of DESIGN.md as functions: one document in, its records (or a rejection) out.

``process_document`` is the pure per-document function: it needs nothing but the loaded
model, so any runner can map it (a process pool here, Dask workers in ``herald.cluster``).
``process_batch`` does the same for a list of documents but parses them with ``nlp.pipe``,
which is faster; it is ``clean_batch`` then ``finish_batch`` (parse and analyse), so that a
run given the doc_ids of a store (``run(known=...)``) skips the parse of a document it holds.
``run`` maps batches over a process pool with all cores and yields results in input order.

quotes runs before events (DESIGN.md draws it after): an event's attribution and its
"reported" modality are read from the quotes around its trigger.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import multiprocessing
import multiprocessing.pool
import os
import time
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from herald.actors.stage import ActorDictionary, find_actors, load_dictionary
from herald.clean.document import clean
from herald.errors import RejectedError, short_detail
from herald.events.relevance import judge_relevance
from herald.events.stage import find_events
from herald.parse.model import load_model, load_replay, max_length, parse_many
from herald.places.stage import find_places
from herald.quotes.stage import find_quotes
from herald.records import (
    Document,
    Extraction,
    ParsedText,
    RawDocument,
    Rejected,
    Rejection,
    Result,
)
from herald.settings import Options
from herald.time.partial import exact_day
from herald.time.timexes import find_timexes

DEFAULT_BATCH_SIZE = 16

# Seconds spent in each stage by this process, for `herald bench`. Two perf_counter calls per
# stage and document cost microseconds, so the normal path keeps them rather than branching.
STAGE_SECONDS: Counter[str] = Counter()


@contextlib.contextmanager
def timed(stage: str) -> Iterator[None]:
    """Add the time spent in the block to ``STAGE_SECONDS[stage]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS[stage] += time.perf_counter() - started


def publication_date(doc: Document) -> dt.date | None:
    """The document's publication day, when it is known to the day."""
    return exact_day(doc.published.value) if doc.published else None


def analyse(
    doc: Document,
    parsed: ParsedText,
    dictionary: ActorDictionary | None = None,
    all_events: bool = False,
) -> Extraction:
    """Run the analysis stages on a cleaned and parsed document; without ``all_events``,
    only the political events of a political article are kept (events.relevance)."""
    with timed("actors"):
        actors = find_actors(doc, parsed, dictionary=dictionary)
    with timed("dates"):
        timexes = find_timexes(parsed, publication_date(doc))
    with timed("places"):
        places = find_places(parsed, doc.dateline)
    with timed("quotes"):
        quotes = find_quotes(doc, parsed, actors)
    with timed("events"):
        events = find_events(doc, parsed, actors, timexes, places, quotes)
        doc, events = judge_relevance(doc, parsed, actors, events, keep_all=all_events)
    return Extraction(
        doc=doc, actors=actors, events=events, quotes=quotes, timexes=timexes, places=places
    )


@functools.cache
def actor_dictionary(path: str | None) -> ActorDictionary | None:
    """The user's actor dictionary (--actors), read once per process."""
    return load_dictionary(path) if path else None


def reject(raw: RawDocument, stage: str, code: str, detail: str) -> Rejected:
    return Rejected(raw, Rejection(raw.source, raw.id, stage, code, short_detail(detail)))


def _internal(raw: RawDocument, stage: str, error: Exception, options: Options) -> Rejected:
    """A bug met on one document: raise it (strict) or record it and go on (batches)."""
    if options.strict:
        raise error
    return reject(raw, stage, "internal", f"{type(error).__name__}: {error}")


def clean_or_reject(raw: RawDocument, options: Options) -> Document | Rejected:
    try:
        return clean(raw, options)
    except RejectedError as error:
        return reject(raw, error.stage, error.code, error.detail)
    except Exception as error:
        return _internal(raw, "clean", error, options)


def check_length(raw: RawDocument, doc: Document, options: Options) -> Document | Rejected:
    """``doc``, or its rejection when its text is longer than the parser takes.

    --max-bytes (5 MB) lets through texts longer than spaCy's limit (1,000,000 characters),
    on which ``nlp.pipe`` raises for the whole batch: such a text is rejected here instead.
    """
    limit = max_length(options.model)
    if len(doc.text) <= limit:
        return doc
    detail = f"{len(doc.text)} characters after cleaning; the parser takes at most {limit}"
    return reject(raw, "parse", "too_long", detail)


def parse_or_reject(
    raws: Sequence[RawDocument], documents: Sequence[Document], options: Options
) -> list[ParsedText | Rejected]:
    """The parse of each document: one ``nlp.pipe`` pass for all, or, if that fails, one
    document at a time so that only the one that fails is lost (a rejection)."""
    try:
        return list(parse_many([doc.text for doc in documents], options.model))
    except Exception:
        if options.strict:
            raise
    parsed: list[ParsedText | Rejected] = []
    for raw, doc in zip(raws, documents, strict=True):
        try:
            parsed.extend(parse_many([doc.text], options.model))
        except Exception as error:
            parsed.append(_internal(raw, "parse", error, options))
    return parsed


def process_batch(raws: Sequence[RawDocument], options: Options) -> list[Result]:
    """Records or a rejection for each document, in order; one ``nlp.pipe`` pass for all."""
    return finish_batch(raws, clean_batch(raws, options), options)


def clean_batch(raws: Sequence[RawDocument], options: Options) -> list[Document | Rejected]:
    """The cleaned document, or its rejection, of each raw document."""
    with timed("clean"):
        return [clean_or_reject(raw, options) for raw in raws]


def finish_batch(
    raws: Sequence[RawDocument], cleaned: Sequence[Document | Rejected], options: Options
) -> list[Result]:
    """Parse and analyse the cleaned documents of a batch (one ``nlp.pipe`` pass for all);
    rejections pass through in place."""
    with timed("parse"):  # the first call also loads the model
        cleaned = [
            check_length(raw, item, options) if isinstance(item, Document) else item
            for raw, item in zip(raws, cleaned, strict=True)
        ]
        kept = [
            (raw, doc) for raw, doc in zip(raws, cleaned, strict=True) if isinstance(doc, Document)
        ]
        parses = iter(parse_or_reject([raw for raw, _ in kept], [doc for _, doc in kept], options))
    results: list[Result] = []
    for raw, item in zip(raws, cleaned, strict=True):
        if isinstance(item, Rejected):
            results.append(item)
            continue
        parsed = next(parses)
        if isinstance(parsed, Rejected):
            results.append(parsed)
            continue
        try:
            dictionary = actor_dictionary(options.actors)
            results.append(analyse(item, parsed, dictionary, options.all_events))
        except Exception as error:
            results.append(_internal(raw, "analyse", error, options))
    return results


def process_document(raw: RawDocument, options: Options) -> Result:
    """The pure per-document function: a RawDocument in, its records or a rejection out."""
    return process_batch([raw], options)[0]


@dataclass(frozen=True, slots=True)
class Stored:
    """A document the store held before this run, recognised by its ``doc_id`` once cleaned:
    it is not parsed (``herald.incremental``)."""

    raw: RawDocument
    doc_id: str


# The doc_ids stored before the current run (``run(known=...)``): set in the parent before
# the pool forks, so forked workers share it untouched; handed to spawned ones at start.
_known: Container[str] = frozenset()


def _batches(
    items: Iterable[RawDocument | Rejection], size: int
) -> Iterator[list[RawDocument | Rejection]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _process_mixed(batch: list[RawDocument | Rejection], options: Options) -> list[Result | Stored]:
    """Process the documents of a batch; pass read-stage rejections through in place."""
    raws = [item for item in batch if isinstance(item, RawDocument)]
    processed = iter(_process_unstored(raws, options))
    return [
        next(processed) if isinstance(item, RawDocument) else _read_rejection(item)
        for item in batch
    ]


def _process_unstored(raws: list[RawDocument], options: Options) -> list[Result | Stored]:
    """``process_batch``, but a cleaned document whose doc_id is known is not parsed."""
    cleaned = clean_batch(raws, options)
    stored = {
        n for n, item in enumerate(cleaned) if isinstance(item, Document) and item.doc_id in _known
    }
    fresh = [n for n in range(len(raws)) if n not in stored]
    finishing = [raws[n] for n in fresh], [cleaned[n] for n in fresh], options
    finished = iter(finish_batch(*finishing) if fresh else [])
    return [
        Stored(raws[n], item.doc_id)
        if n in stored and isinstance(item, Document)
        else next(finished)
        for n, item in enumerate(cleaned)
    ]


def _read_rejection(rejection: Rejection) -> Rejected:
    raw = RawDocument(source=rejection.source, id=rejection.id, content=b"", kind="text")
    return Rejected(raw, rejection)


def warm(model: str) -> None:
    """Load what every document needs (the model, its rule replay, the gazetteer) now."""
    from herald.places.gazetteer.cache import load_gazetteer

    load_model(model)
    load_replay(model)
    load_gazetteer()


def _worker(
    args: tuple[list[RawDocument | Rejection], Options],
) -> tuple[list[Result | Stored], Counter[str]]:
    """One batch's results and the seconds its stages took in this process."""
    STAGE_SECONDS.clear()
    results = _process_mixed(*args)
    return results, STAGE_SECONDS.copy()


def default_processes() -> int:
    return max(1, os.cpu_count() or 1)


@overload
def run(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    processes: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stage_seconds: Counter[str] | None = None,
    known: None = None,
) -> Iterator[list[Result]]: ...


@overload
def run(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    processes: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stage_seconds: Counter[str] | None = None,
    *,
    known: Container[str],
) -> Iterator[list[Result | Stored]]: ...


def run(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    processes: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stage_seconds: Counter[str] | None = None,
    known: Container[str] | None = None,
) -> Iterator[Sequence[Result | Stored]]:
    """Process everything, yielding one list of results per batch, in input order.

    With more than one process and more than one batch, batches go to a pool of workers
    that each load the model once; the caller (the only DuckDB writer) stores each batch
    as it comes back. ``stage_seconds``, when given, receives the seconds of each stage
    summed over all processes. A document whose doc_id is in ``known`` (the doc_ids of a
    store) is cleaned but not parsed: its result is ``Stored``.
    """
    batches = _run_batches(items, options, processes, batch_size, known or frozenset())
    for results, seconds in batches:
        if stage_seconds is not None:
            stage_seconds.update(seconds)
        yield results


def _run_batches(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    processes: int | None,
    batch_size: int,
    known: Container[str],
) -> Iterator[tuple[list[Result | Stored], Counter[str]]]:
    global _known  # read by _process_unstored, here and in forked workers
    _known = known
    try:
        yield from _map_batches(items, options, processes, batch_size, known)
    finally:
        _known = frozenset()


def _map_batches(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    processes: int | None,
    batch_size: int,
    known: Container[str],
) -> Iterator[tuple[list[Result | Stored], Counter[str]]]:
    batches = _batches(items, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    wanted = processes or default_processes()
    every = itertools.chain([first], [second] if second else [], batches)
    work = ((batch, options) for batch in every)
    if second is None or wanted == 1:
        yield from map(_worker, work)
        return
    with _pool(wanted, options.model, known) as pool:
        yield from pool.imap(_worker, work)


def _pool(processes: int, model: str, known: Container[str]) -> multiprocessing.pool.Pool:
    """Workers that share one loaded model and gazetteer (and the known doc_ids).

    Where fork exists, the parent loads them once and the workers inherit them
    copy-on-write: one load instead of one per worker, and their pages are shared
    (gc.freeze keeps the collector from touching, and so copying, the inherited objects).
    The workers never touch the parent's DuckDB connection, the one thing fork would make
    unsafe to share. Elsewhere each spawned worker loads its own.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        warm(model)
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(processes)
        gc.unfreeze()
        return pool
    return multiprocessing.get_context("spawn").Pool(
        processes, initializer=_start_worker, initargs=(model, known)
    )


def _start_worker(model: str, known: Container[str]) -> None:
    global _known  # this spawned process's copy
    _known = known
    warm(model)
