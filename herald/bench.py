"""herald bench: how fast herald runs, against the bare spaCy pipeline, in one run.

Three runs over the same corpus, one after the other in this process tree:

- ``herald``: herald end to end without storage (``herald.pipeline.run``);
- ``herald_store``: the same into a fresh DuckDB file (``herald.store.Store``);
- ``spacy``: the bare full spaCy pipeline, ``nlp.pipe(texts, n_process=N)``, on the texts
  herald parses (the cleaned texts, so both parse exactly the same words).

Each run happens in a fresh child process of the bench, which measures its own process
tree, so nothing one run loaded stays resident in the next. Each run's time includes
loading the model (and, for herald, the gazetteer). Speed ratios are herald's articles/s
over spaCy's: at least 1.0 means herald is at least as fast as the bare parse. CPU
seconds (the run's process plus its reaped children, from ``getrusage``) are reported too,
because wall time is noisy on a shared machine.

Peak memory is sampled from /proc every 50 ms by a small thread, over this process and all
its descendants, two ways: the summed resident set sizes (RSS: pages shared between
processes count once per process, an upper bound) and the summed proportional set sizes
(PSS: a shared page is divided among its sharers, so the sum is what the tree really
holds). herald's workers are forked from a parent that has loaded the model and the
gazetteer, so they share those pages and RSS overstates their memory. A worker that lives
less than the sampling interval can be missed.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import platform
import resource
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from herald.records import Document, RawDocument, Rejection
from herald.settings import Options, shared_data_dir

T = TypeVar("T")

NEWS_CLUSTER = "news_cluster"
STAGES = ("clean", "parse", "actors", "dates", "places", "quotes", "events", "store")
SAMPLE_SECONDS = 0.05
RUN_LABELS = {
    "spacy": "spaCy nlp.pipe (a)",
    "herald": "herald (b)",
    "herald_store": "herald + DuckDB (c)",
}


# --------------------------------------------------------------------------- corpus


def news_cluster_dir() -> Path:
    return shared_data_dir() / "news_cluster" / "data"


def read_news_cluster(folder: Path) -> list[RawDocument]:
    """The news_cluster articles (news-please JSON) as text documents, in file-name order."""
    documents = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        published = record.get("date_publish")
        documents.append(
            RawDocument(
                source=str(path),
                id=path.stem,
                content=record.get("text") or "",
                kind="text",
                url=record.get("url"),
                title=record.get("title"),
                published=published[:10] if published else None,
            )
        )
    return documents


def read_folder(folder: str) -> list[RawDocument | Rejection]:
    from herald.reading import read_inputs

    return list(read_inputs([folder]))


def load_corpus(corpus: str, limit: int | None) -> list[RawDocument | Rejection]:
    """The bench corpus: news_cluster (from the shared data) or any folder herald reads."""
    if corpus == NEWS_CLUSTER:
        folder = news_cluster_dir()
        if not folder.is_dir():
            raise click.UsageError(f"news_cluster not found at {folder} (set HERALD_DATA)")
        items: list[RawDocument | Rejection] = list(read_news_cluster(folder))
    else:
        items = read_folder(corpus)
    return items[:limit] if limit else items


def parsed_texts(items: Sequence[RawDocument | Rejection], options: Options) -> list[str]:
    """The texts herald would parse: each readable document, cleaned."""
    from herald.pipeline import clean_or_reject

    texts = []
    for item in items:
        if isinstance(item, RawDocument):
            cleaned = clean_or_reject(item, options)
            if isinstance(cleaned, Document):
                texts.append(cleaned.text)
    return texts


def count_words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


# --------------------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found.extend(int(child) for child in task.read_text().split())
    return found


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS falls back to RSS where smaps_rollup is absent."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                values[name] = int(rest.split()[0])
    if "Rss" not in values:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    values["Rss"] = int(line.split()[1])
    rss = values.get("Rss", 0)
    return rss, values.get("Pss", rss)


def _rss_kib(pid: int) -> int:
    return _memory_kib(pid)[0]


def tree_memory_mib(root: int | None = None) -> tuple[float, float]:
    """Summed (RSS, PSS) of a process and all its descendants, in MiB (0 without /proc)."""
    pending = [root or os.getpid()]
    rss = pss = 0
    while pending:
        pid = pending.pop()
        own_rss, own_pss = _memory_kib(pid)
        rss, pss = rss + own_rss, pss + own_pss
        pending.extend(_children(pid))
    return rss / 1024, pss / 1024


def tree_rss_mib(root: int | None = None) -> float:
    """Summed VmRSS of a process and all its descendants, in MiB (0 without /proc)."""
    return tree_memory_mib(root)[0]


class PeakSampler:
    """A thread that keeps the peak of ``tree_rss_mib`` while it runs."""

    def __init__(self, interval: float = SAMPLE_SECONDS) -> None:
        self.interval = interval
        self.peak = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self._update()
            if self._stop.wait(self.interval):
                return

    def _update(self) -> None:
        rss, pss = tree_memory_mib()
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._update()


def cpu_seconds() -> float:
    """User + system CPU of this process and its reaped children so far."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


@dataclass
class Measure:
    """Wall and CPU seconds and peak tree memory of one timed block."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mib: float = 0.0
    peak_pss_mib: float = 0.0


@contextlib.contextmanager
def measured() -> Iterator[Measure]:
    result = Measure()
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    with PeakSampler() as sampler:
        yield result
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = cpu_seconds() - cpu_before
    result.peak_rss_mib = sampler.peak
    result.peak_pss_mib = sampler.peak_pss


# --------------------------------------------------------------------------- the runs


def run_spacy(texts: Sequence[str], model: str, processes: int, batch_size: int) -> Measure:
    """(a) The bare full pipeline: load it and ``nlp.pipe`` every text."""
    import spacy

    with measured() as measure:
        nlp = spacy.load(os.environ.get("HERALD_MODEL", model))
        for _doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
            pass
    return measure


def isolated(work: Callable[..., T], *args: Any) -> T:
    """Run ``work(*args)`` in a fresh child process and return what it returns.

    Each run measures its own process tree from inside the child, so nothing a run loaded
    (a model, the gazetteer) stays resident in a later run's measurement. Where fork is
    missing the run happens in this process.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return work(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def target() -> None:
        send.send(work(*args))

    child = context.Process(target=target)
    child.start()
    result = receive.recv()
    child.join()
    return result


@dataclass
class HeraldRun:
    measure: Measure
    stage_seconds: Counter[str] = field(default_factory=Counter)
    events: int = 0


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
    if folder is None:
        yield None
        return
    from herald.store import Store

    with Store.open(folder / "bench.duckdb") as store:
        yield store


# --------------------------------------------------------------------------- the report


def rates(articles: int, words: int, seconds: float) -> dict[str, float]:
    """Articles and words per second (0 for a run that took no time)."""
    if seconds <= 0:
        return {"articles_per_s": 0.0, "words_per_s": 0.0}
    return {"articles_per_s": articles / seconds, "words_per_s": words / seconds}


def speed_ratio(seconds: float, baseline_seconds: float) -> float:
    """How many times faster than the baseline over the same corpus (>= 1.0: not slower)."""
    return baseline_seconds / seconds if seconds > 0 else 0.0


def stage_shares(seconds: Counter[str]) -> dict[str, dict[str, float]]:
    """Seconds and share of the staged total for each stage, in pipeline order."""
    total = sum(seconds.values())
    return {
        stage: {
            "seconds": seconds.get(stage, 0.0),
            "share": seconds.get(stage, 0.0) / total if total > 0 else 0.0,
        }
        for stage in STAGES
    }


def run_entry(measure: Measure, articles: int, words: int) -> dict[str, float]:
    return {
        "seconds": measure.seconds,
        "cpu_seconds": measure.cpu_seconds,
        **rates(articles, words, measure.seconds),
        "peak_rss_mib": measure.peak_rss_mib,
        "peak_pss_mib": measure.peak_pss_mib,
    }


def machine() -> dict[str, Any]:
    import spacy

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "load_average": os.getloadavg(),
    }


def build_report(
    corpus: str,
    articles: int,
    words: int,
    processes: int,
    spacy_run: Measure,
    herald_run: HeraldRun,
    store_run: HeraldRun,
    model: str,
) -> dict[str, Any]:
    """The JSON report: corpus, runs, ratios (wall and CPU) and stage shares."""
    runs = {
        "spacy": run_entry(spacy_run, articles, words),
        "herald": run_entry(herald_run.measure, articles, words),
        "herald_store": run_entry(store_run.measure, articles, words),
    }
    return {
        "corpus": {"name": corpus, "articles": articles, "words": words},
        "processes": processes,
        "model": model,
        "machine": machine(),
        "runs": runs,
        "events": {"herald": herald_run.events, "herald_store": store_run.events},
        "ratios": {
            "herald/spacy": speed_ratio(herald_run.measure.seconds, spacy_run.seconds),
            "herald_store/spacy": speed_ratio(store_run.measure.seconds, spacy_run.seconds),
        },
        "cpu_ratios": {
            "herald/spacy": speed_ratio(herald_run.measure.cpu_seconds, spacy_run.cpu_seconds),
            "herald_store/spacy": speed_ratio(store_run.measure.cpu_seconds, spacy_run.cpu_seconds),
        },
        "stages": {
            "herald": stage_shares(herald_run.stage_seconds),
            "herald_store": stage_shares(store_run.stage_seconds),
        },
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    corpus = report["corpus"]
    lines = [
        f"corpus {corpus['name']}: {corpus['articles']} articles, {corpus['words']} words; "
        f"{report['processes']} processes; {report['machine']['cpus']} CPUs",
        f"{'run':<22}{'articles/s':>11}{'words/s':>10}{'peak RSS MiB':>14}"
        f"{'peak PSS MiB':>14}{'wall s':>9}{'CPU s':>9}",
    ]
    for key, label in RUN_LABELS.items():
        run = report["runs"][key]
        lines.append(
            f"{label:<22}{run['articles_per_s']:>11.2f}{run['words_per_s']:>10.0f}"
            f"{run['peak_rss_mib']:>14.0f}{run.get('peak_pss_mib', 0.0):>14.0f}"
            f"{run['seconds']:>9.1f}{run['cpu_seconds']:>9.1f}"
        )
    for key, value in report["ratios"].items():
        cpu = report["cpu_ratios"][key]
        lines.append(f"speed ratio {key:<20} wall {value:.2f}   CPU {cpu:.2f}")
    lines.append(f"{'stage':<10}{'herald s':>10}{'share':>8}{'+DuckDB s':>11}{'share':>8}")
    plain, stored = report["stages"]["herald"], report["stages"]["herald_store"]
    for stage in STAGES:
        lines.append(
            f"{stage:<10}{plain[stage]['seconds']:>10.1f}{plain[stage]['share']:>8.1%}"
            f"{stored[stage]['seconds']:>11.1f}{stored[stage]['share']:>8.1%}"
        )
    return "\n".join(lines)


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


@click.command("bench")
@click.option(
    "--corpus",
    default=NEWS_CLUSTER,
    show_default=True,
    help="news_cluster (../shared/data) or a folder of inputs herald reads.",
)
@click.option("--processes", "-j", type=click.IntRange(min=1), help="Worker processes.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="JSON report.")
def bench_command(
    corpus: str, processes: int | None, limit: int | None, report: Path | None
) -> None:
    """Compare herald's speed and memory with the bare spaCy pipeline on one corpus.

    \b
    Examples:
      herald bench --processes 2 --report bench.json
      herald bench --corpus news/ --limit 50
    """
    from herald.pipeline import default_processes

    result = bench(corpus, processes or default_processes(), limit)
    click.echo(format_report(result))
    if report is not None:
        report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
