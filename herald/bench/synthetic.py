"""A synthetic archive: a herald store of N documents cloned from real extractions.

To measure what grows with the archive (linking, the API's queries) without crawling a
year of news, ``build_synthetic_store`` clones herald's own extractions of real articles
(the news_cluster set in the shared data, extracted once by ``seed_extractions`` and
cached) into as many documents as asked. Each clone is a report of a *story*:

- story ``s`` retells seed article ``s % len(seeds)``; the first round keeps its names and
  dates, every later round moves it in time (up to ``SPREAD_DAYS`` either way) and swaps
  its named people, organisations, countries and places for others of the seeds (the same
  swap for the whole story; a person takes the first name of one seed person and the
  surname of another), so that rounds make different stories, not copies;
- or, with a ``Span``, every story is published on a day drawn evenly from the span,
  whatever its seed's date: one density from the first day to the last (the seeds'
  dates spread over five years, so moving each story around its own seed's date made
  a longer archive denser where its stories overlapped, docs/scale-log.md);
- a story has 1 to 5 reports (``REPORTS_PER_STORY``): true repeats of one event by other
  outlets, days apart (``JITTER_DAYS``), each from its own domain.

Generic actors ("police") are kept, as in real news. The text and evidence sentences stay
the seed's: the numbers, not the prose, are what a benchmark reads. Clones get fresh ids
(``make_doc_id`` of the seed id, the story and the report), so a store holds no duplicate.
Documents are written ``batch_documents`` at a time through ``Store.write``, into a DuckDB
whose cache is capped (``BUILD_MEMORY``), so memory stays flat whatever N: story by story
(the reports of a story together, the stories in no order of time), or in order of
publication (``in_order``), as a real archive arrives. Nothing built here belongs in the
repository.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from herald.clean.document import make_doc_id
from herald.records import Actor, ActorRef, Event, Extraction, Place, Quote, TimeValue
from herald.settings import Options, cache_dir
from herald.store.database import Store
from herald.time.partial import first_day

# How far in time (days, either way) a later round moves its story, by default: every
# archive then spans about two years, so a bigger one is denser (more stories a day).
# ``spread_days`` proportional to the documents keeps the density of a growing archive,
# which adds days rather than stories per day (``scripts/synthetic_archive.py --per-day``).
SPREAD_DAYS = 365
# Where a ``Span`` starts (any day: what a benchmark reads is the density, not the dates).
SPAN_START = dt.date(2015, 1, 1)
# How far apart (days) the reports of one story are published.
JITTER_DAYS = 2
# Reports per story and how often each count is drawn: most stories are told once.
REPORTS_PER_STORY = ((1, 0.5), (2, 0.25), (3, 0.15), (5, 0.1))
# Outlets the reports are spread over (their domains are synthetic).
OUTLETS = 400
# DuckDB's own cache may grow to most of the machine's memory by default: a build writing
# 100,000 documents reached 1.3 GB resident without this cap.
BUILD_MEMORY = "512MB"
NAMED_KINDS = frozenset({"person", "organization", "country"})
SEED_FILE = "synthetic-seed-news_cluster.pickle"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named participant as the swap hands it out."""

    name: str
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Variant:
    """What makes one clone: its story, its report number, how it moves and renames."""

    story: int
    report: int
    round: int  # 0: the seed's own names and dates
    shift_days: int
    outlet: int


@dataclass(frozen=True, slots=True)
class Span:
    """Stories published on days drawn evenly from ``days`` days from ``start``, each
    moved there from its seed's publication day (``seed_days``, by seed index)."""

    start: dt.date
    days: int
    seed_days: tuple[dt.date | None, ...]

    @classmethod
    def of(cls, seeds: Sequence[Extraction], days: int, start: dt.date = SPAN_START) -> Span:
        return cls(start, max(days, 1), tuple(_published_day(seed) for seed in seeds))

    def shift(self, seed: int, rng: random.Random) -> int:
        """Days from seed ``seed``'s publication to a day drawn in the span (0: undated)."""
        day = self.seed_days[seed]
        drawn = self.start + dt.timedelta(days=rng.randrange(self.days))
        return (drawn - day).days if day is not None else 0


@dataclass(frozen=True, slots=True)
class Pools:
    """The named participants and places of all seeds, for the swaps."""

    entities: dict[str, tuple[Entity, ...]]  # by kind
    places: tuple[Place, ...]

    @classmethod
    def of(cls, seeds: Sequence[Extraction]) -> Pools:
        entities: dict[str, set[Entity]] = {kind: set() for kind in NAMED_KINDS}
        places: dict[int, Place] = {}
        for extraction in seeds:
            for actor in extraction.actors:
                if actor.kind in NAMED_KINDS:
                    entities[actor.kind].add(
                        Entity(actor.name, actor.kind, actor.country, actor.sector)
                    )
            for place in extraction.places:
                if place.geonameid is not None:
                    places[place.geonameid] = place
        return cls(
            {kind: tuple(sorted(found, key=repr)) for kind, found in entities.items()},
            tuple(places[key] for key in sorted(places)),
        )


# ------------------------------------------------------------------------------ seeds


def seed_extractions(cache: Path | None = None, show_progress: bool = False) -> list[Extraction]:
    """herald's extractions of the news_cluster articles: run once, then read from the cache."""
    path = (cache or cache_dir()) / SEED_FILE
    if path.exists():
        with path.open("rb") as stream:
            return list(pickle.load(stream))  # our own cache file, written below
    extractions = _extract_news_cluster(show_progress)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("wb") as stream:
        pickle.dump(extractions, stream)
    partial.replace(path)
    return extractions


def _extract_news_cluster(show_progress: bool) -> list[Extraction]:
    from herald.bench.corpus import news_cluster_dir, read_news_cluster
    from herald.pipeline import run

    folder = news_cluster_dir()
    if not folder.is_dir():
        raise FileNotFoundError(f"news_cluster not found at {folder} (set HERALD_DATA)")
    found: list[Extraction] = []
    for batch in run(read_news_cluster(folder), Options(), processes=1):
        found.extend(r for r in batch if isinstance(r, Extraction) and r.events)
        if show_progress:
            print(f"seed: {len(found)} articles with events", flush=True)
    return found


# ----------------------------------------------------------------------------- clones


def variants(
    seeds: int,
    documents: int,
    seed: int,
    spread_days: int = SPREAD_DAYS,
    span: Span | None = None,
) -> Iterator[tuple[int, Variant]]:
    """(seed index, variant) for each of ``documents`` clones, reproducible from ``seed``;
    a later round moves its story up to ``spread_days`` either way, or, with a ``span``,
    every story (the first round keeping its names) moves into the span."""
    rng = random.Random(seed)
    counts, weights = zip(*REPORTS_PER_STORY, strict=True)
    made = story = 0
    while made < documents:
        round_ = story // seeds
        if span is not None:
            shift = span.shift(story % seeds, rng)
        else:
            shift = rng.randint(-spread_days, spread_days) if round_ else 0
        reports = min(rng.choices(counts, weights)[0], documents - made)
        for report in range(reports):
            jitter = rng.randint(0, JITTER_DAYS) if report else 0
            variant = Variant(story, report, round_, shift + jitter, rng.randrange(OUTLETS))
            yield story % seeds, variant
        made += reports
        story += 1


def clone(extraction: Extraction, variant: Variant, pools: Pools) -> Extraction:
    """One report of a story: the seed's records with new ids, dates, names and places."""
    doc = extraction.doc
    doc_id = make_doc_id(f"{doc.doc_id} {variant.story} {variant.report}")

    def new_id(old: str | None) -> str | None:
        return None if old is None else doc_id + old[len(doc.doc_id) :]

    actors = {a.actor_id: _swap_actor(a, variant, pools, doc_id, new_id) for a in extraction.actors}

    def ref(old: ActorRef) -> ActorRef:
        found = actors.get(old.actor_id or "")
        if found:
            return found.ref(old.text)
        other = _swap(old.name, old.kind, variant, pools)  # named in the event alone
        return (
            replace(old, name=other.name, country=other.country, sector=other.sector)
            if other
            else old
        )

    def move(value: TimeValue | None) -> TimeValue | None:
        return _shift(value, variant.shift_days)

    def place(value: Place | None) -> Place | None:
        return _swap_place(value, variant, pools)

    new_doc = replace(
        doc,
        doc_id=doc_id,
        id=f"synthetic-{variant.story}-{variant.report}",
        source="synthetic",
        url=f"https://outlet{variant.outlet}.example/{variant.story}/{variant.report}",
        publisher=None,
        published=move(doc.published),
    )
    return Extraction(
        doc=new_doc,
        actors=tuple(actors.values()),
        events=tuple(_clone_event(e, doc_id, new_id, ref, move, place) for e in extraction.events),
        quotes=tuple(_clone_quote(q, doc_id, new_id, ref) for q in extraction.quotes),
        timexes=tuple(t for t in (move(t) for t in extraction.timexes) if t is not None),
        places=tuple(p for p in (place(p) for p in extraction.places) if p is not None),
    )


def _clone_event(
    event: Event,
    doc_id: str,
    new_id: Callable[[str | None], str | None],
    ref: Callable[[ActorRef], ActorRef],
    move: Callable[[TimeValue | None], TimeValue | None],
    place: Callable[[Place | None], Place | None],
) -> Event:
    return replace(
        event,
        event_id=new_id(event.event_id),
        doc_id=doc_id,
        actor=tuple(ref(r) for r in event.actor),
        recipient=tuple(ref(r) for r in event.recipient),
        when=move(event.when),
        where=place(event.where),
        attribution=replace(event.attribution, actor_id=new_id(event.attribution.actor_id)),
        story_id=None,
    )


def _clone_quote(
    quote: Quote,
    doc_id: str,
    new_id: Callable[[str | None], str | None],
    ref: Callable[[ActorRef], ActorRef],
) -> Quote:
    speaker = ref(quote.speaker) if quote.speaker else None
    return replace(quote, quote_id=new_id(quote.quote_id), doc_id=doc_id, speaker=speaker)


def _pick(pool: Sequence[object], key: str, variant: Variant) -> int:
    """A stable index into ``pool`` for ``key`` in this story's round."""
    return zlib.crc32(f"{variant.round}|{variant.story}|{key}".encode()) % len(pool)


def _swap_actor(
    actor: Actor,
    variant: Variant,
    pools: Pools,
    doc_id: str,
    new_id: Callable[[str | None], str | None],
) -> Actor:
    moved = replace(actor, actor_id=new_id(actor.actor_id), doc_id=doc_id)
    other = _swap(actor.name, actor.kind, variant, pools)
    if other is None:
        return moved
    return replace(moved, name=other.name, country=other.country, sector=other.sector)


def _swap(name: str, kind: str, variant: Variant, pools: Pools) -> Entity | None:
    """Who stands for a named participant in this story (None: it stays as it is)."""
    pool = pools.entities.get(kind, ())
    if variant.round == 0 or not pool:
        return None
    other = pool[_pick(pool, name, variant)]
    if kind != "person":
        return other
    # A person's first name from one seed person and the rest from another: a few hundred
    # seed people give tens of thousands of names, as an archive of that size has, instead
    # of the same few hundred in every story (which chained unrelated stories together).
    first = pool[_pick(pool, f"first name of {name}", variant)].name.split()[0]
    rest = other.name.split()[1:] or [other.name]
    return replace(other, name=" ".join([first, *rest]))


def _swap_place(place: Place | None, variant: Variant, pools: Pools) -> Place | None:
    if place is None or variant.round == 0 or place.geonameid is None or not pools.places:
        return place
    other = pools.places[_pick(pools.places, str(place.geonameid), variant)]
    fields = ("name", "country", "admin1", "lat", "lon", "geonameid", "feature")
    return replace(place, **{name: getattr(other, name) for name in fields})


def _shift(value: TimeValue | None, days: int) -> TimeValue | None:
    """The same date moved by ``days``, at its precision (day, month, year; others kept)."""
    if value is None or not days or not value.value or value.precision not in PRECISIONS:
        return value
    start = first_day(value.value)
    if start is None:
        return value
    moved = (start + dt.timedelta(days=days)).isoformat()
    return replace(value, value=moved[: PRECISIONS[value.precision]])


# How many characters of an ISO date each precision keeps.
PRECISIONS = {"day": 10, "month": 7, "year": 4}


def true_story(url: str | None) -> str | None:
    """The story a clone reports, read back from its URL (``clone`` writes
    ``https://outletN.example/STORY/REPORT``); None for a document that is no clone."""
    parts = (url or "").split("/")
    if len(parts) != 5 or not parts[2].endswith(".example") or not parts[3].isdigit():
        return None
    return parts[3]


# ------------------------------------------------------------------------------ store


def build_synthetic_store(
    path: Path,
    documents: int,
    seed: int = 0,
    seeds: Sequence[Extraction] | None = None,
    batch_documents: int = 500,
    progress: Callable[[int], None] | None = None,
    spread_days: int = SPREAD_DAYS,
    span_days: int | None = None,
    in_order: bool = False,
) -> int:
    """Write ``documents`` synthetic documents into the store at ``path``; return how many
    it gained (a document already there is skipped, so the same call twice adds nothing).

    ``seeds``: the extractions to clone (default: ``seed_extractions()``). The events are
    left unlinked (pending), for ``herald link`` to link. ``progress`` is called with the
    number of documents of each batch written; ``spread_days`` how far (either way) a later
    round of a story moves in time, unless ``span_days`` is given: every story is then
    published on a day drawn evenly from that many days (``Span``). ``in_order`` writes
    the documents in order of publication instead of story by story.
    """
    originals = list(seeds if seeds is not None else seed_extractions())
    if not originals:
        raise ValueError("no seed extraction to clone")
    pools = Pools.of(originals)
    span = Span.of(originals, span_days) if span_days is not None else None
    made: Iterable[tuple[int, Variant]] = variants(
        len(originals), documents, seed, spread_days, span
    )
    if in_order:
        made = sorted(made, key=lambda item: _publication(originals[item[0]], item[1]))
    added = 0
    batch: list[Extraction] = []
    with Store.open(path) as store:
        store.con.execute(f"SET memory_limit = '{BUILD_MEMORY}'")
        for index, variant in made:
            batch.append(clone(originals[index], variant, pools))
            if len(batch) >= batch_documents:
                added += _write(store, batch, progress)
        added += _write(store, batch, progress)
    return added


def _published_day(extraction: Extraction) -> dt.date | None:
    published = extraction.doc.published
    return first_day(published.value) if published is not None and published.value else None


def _publication(extraction: Extraction, variant: Variant) -> tuple[dt.date, int, int]:
    """When a clone is published (undated ones first), then its story and report."""
    day = _published_day(extraction)
    moved = dt.date.min if day is None else day + dt.timedelta(days=variant.shift_days)
    return moved, variant.story, variant.report


def _write(store: Store, batch: list[Extraction], progress: Callable[[int], None] | None) -> int:
    """Write and empty the batch."""
    if not batch:
        return 0
    added = store.write(batch).documents_added
    if progress is not None:
        progress(len(batch))
    batch.clear()
    return added
