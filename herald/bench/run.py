"""herald bench: how fast herald runs, against the bare spaCy pipeline, in one run.

Three runs over the same corpus (``bench_corpus``), one after the other in this process tree:

- ``herald``: herald end to end without storage (``herald.pipeline.run``);
- ``herald_store``: the same into a fresh DuckDB file (``herald.store.database.Store``);
- ``spacy``: the bare full spaCy pipeline, ``nlp.pipe(texts, n_process=N)``, on the texts
  herald parses (the cleaned texts, so both parse exactly the same words).

Each run happens in a fresh child process of the bench, which measures its own process
tree (``bench_measure``), so nothing one run loaded stays resident in the next. Each run's
time includes loading the model (and, for herald, the gazetteer). ``bench_report`` turns
the three measures into the JSON report and its table.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from herald.bench.corpus import count_words, load_corpus, parsed_texts
from herald.bench.measure import HeraldRun, Measure, isolated, measured
from herald.bench.report import build_report
from herald.records import RawDocument, Rejection
from herald.settings import Options


def run_spacy(texts: Sequence[str], model: str, processes: int, batch_size: int) -> Measure:
    """(a) The bare full pipeline: load it and ``nlp.pipe`` every text."""
    import spacy

    with measured() as measure:
        nlp = spacy.load(model)
        for _doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
            pass
    return measure


def run_herald(
    items: Sequence[RawDocument | Rejection],
    options: Options,
    processes: int,
    batch_size: int,
    store_dir: Path | None = None,
) -> HeraldRun:
    """(b) herald end to end, or (c) with ``store_dir``, into a fresh DuckDB file there."""
    from herald.pipeline import run
    from herald.records import Extraction

    seconds: Counter[str] = Counter()
    events = 0
    with measured() as measure, _maybe_store(store_dir) as store:
        for batch in run(items, options, processes, batch_size, stage_seconds=seconds):
            events += sum(len(r.events) for r in batch if isinstance(r, Extraction))
            if store is not None:
                started = time.perf_counter()
                store.write(batch)
                seconds["store"] += time.perf_counter() - started
    return HeraldRun(measure, seconds, events)


@contextlib.contextmanager
def _maybe_store(folder: Path | None) -> Iterator[Any]:
    """A fresh DuckDB store in ``folder``, or None for a run without storage."""
    if folder is None:
        yield None
        return
    from herald.store.database import Store

    with Store.open(folder / "bench.duckdb") as store:
        yield store


def bench(
    corpus: str, processes: int, limit: int | None, options: Options | None = None
) -> dict[str, Any]:
    """Run (b), (c) and then (a) on the corpus and return the report."""
    from herald.pipeline import DEFAULT_BATCH_SIZE

    options = options or Options()
    items = load_corpus(corpus, limit)
    texts = parsed_texts(items, options)
    articles, words = len(items), count_words(texts)
    herald_run = isolated(run_herald, items, options, processes, DEFAULT_BATCH_SIZE)
    with tempfile.TemporaryDirectory(prefix="herald-bench-") as folder:
        store_run = isolated(
            run_herald, items, options, processes, DEFAULT_BATCH_SIZE, Path(folder)
        )
    # The same batch size as herald: spaCy's default (1000 texts) would hand a corpus of a
    # few hundred articles to a single worker.
    spacy_run = isolated(run_spacy, texts, options.model, processes, DEFAULT_BATCH_SIZE)
    return build_report(
        corpus, articles, words, processes, spacy_run, herald_run, store_run, options.model
    )
