"""When two event reports describe the same real event: the features and the link relation.

``link_score(a, b)`` is a pure function of the two events (with their own articles), never
of the rest of the database, so no corpus statistics such as IDF: that is what makes the
stories of ``herald.link.stage`` independent of the order in which documents arrive. It is
symmetric, and it is None when a hard rule forbids the link:

- keys: the named things an event is about (``EventFeatures.keys``): its named participants
  (a person, an organisation, a country; a group such as "police" or "officials" names
  nobody and is no key), the town it is placed in, and its article's ``leads`` (the three
  most mentioned people and organisations of the article, a key of all its events). Two
  events must share a person or an organisation that both name, or two keys of any kind:
  one country, one town or one lead actor alone chained unrelated stories together;
- participants: when both events name participants, one must be the same;
- type: the same PLOVER type, the same quad class (weaker), or the same family
  (cooperation, conflict; weaker still);
- dates: the two date windows overlap. A date read off the text spans its precision ("in
  March" is the whole month) plus a day of slack for time zones; a date that is only the
  publication day (nothing in the sentence dates the event) is weak evidence and spans the
  two weeks before publication, when the event most likely took place;
- places: unknown on either side, the same place, or nested (a city within its country);
  two different countries, or two cities far apart, forbid the link. Only a place read off
  the event's own sentence may forbid; the article's place is only a key.

Otherwise the score adds weighted agreements (type, participants, dates, places, and the
word overlap of the two evidence sentences) and ``linked`` compares it with ``THRESHOLD``.

Two articles' anchors (the event each reports first) are also linked when the articles tell
one news item in their headlines (``same_headline``: titles and ledes in like words, days
apart at most, a key in common, lead actors not all different), whatever the events'
types: herald's readings of two ledes of one story often differ in type or party, and on
the dev half of news_cluster that link raised story B-cubed F1 from 0.646 to 0.689.

A link between events of two different articles joins their stories only when the two
articles corroborate it (``corroborated``): their headlines tell one story, or more than one
of their events link, on each side (or every event of a side, when it has only one), or at
least half of one article's events link to the other. A lone link between two long
articles is what chained unrelated reports into one story in a dense archive (one
organisation, one town or one lead actor in common, week after week): it stays a weak link
and joins nothing. The test reads the two articles alone, like ``link_score``, so the
stories stay independent of the order in which documents arrive; and it only ever adds
links as documents arrive, never takes one back.
The keys, prefixed by the type family, are also the blocking keys (``blocking_keys``): two
events that can link share one and their windows overlap, so the linker only compares such
candidates. The thresholds were tuned on the dev half of news_cluster (``herald eval
stories``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from herald.clean.language import content_words as content_words  # read by link.features
from herald.events.plover import plover_types
from herald.places.gazetteer.entries import distance_km
from herald.time.partial import first_day, last_day

# Days before publication an undated event may have happened ("publication" anchor).
PUBLICATION_LOOKBACK_DAYS = 14
# How far "before"/"after" a date an event may lie when the text gives no other bound.
RELATION_REACH_DAYS = 31
# Slack around a date read off the text: outlets in other time zones shift "Tuesday".
DATE_SLACK_DAYS = 1
# Two places in one country farther apart than this are different places.
SAME_PLACE_KM = 50.0
# Coarse places contain finer ones of the same country.
COARSE_FEATURES = frozenset({"country", "admin1", "province", "region", "continent"})

# Two types of one family (cooperation, conflict) but of different quad classes.
FAMILY_AGREEMENT = 0.25

WEIGHTS = {"type": 0.3, "actors": 0.3, "date": 0.15, "place": 0.1, "text": 0.15}
THRESHOLD = 0.25

# Two articles corroborate a link between them when SUPPORT_EVENTS of the events of each
# (all of them, for a side with fewer) link to the other article, or when SUPPORT_SHARE of
# one article's events do.
SUPPORT_EVENTS = 2
SUPPORT_SHARE = 0.5

# Two articles tell one story in their headlines (``same_headline``) when they came out
# within HEADLINE_DAYS of each other and the content words of their titles and ledes overlap
# by HEADLINE_OVERLAP (Jaccard); the blocking keys of anchors carry HEADLINE_PREFIX.
HEADLINE_DAYS = 3
HEADLINE_OVERLAP = 0.1
HEADLINE_PREFIX = "lede"

NO_DATE_LO = dt.date(1, 1, 1)
NO_DATE_HI = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class Participant:
    """One actor or recipient as the linker compares them."""

    name: str  # folded: lower case, single spaces
    kind: str
    country: str | None
    sector: str | None

    def identities(self) -> frozenset[str]:
        """What names it across articles: a person's or organisation's name, a country.

        A group ("police", "officials", "protesters") names nobody: it has no identity, so
        it never makes two reports candidates, whatever its country.
        """
        if not self.name:
            return frozenset()
        if self.kind == "person":
            return frozenset({f"P:{self.name}"})
        if self.kind == "organization":
            return frozenset({f"O:{self.name}"})
        if self.kind == "country" and self.country:
            return frozenset({f"C:{self.country}"})
        return frozenset()


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    name: str | None
    country: str | None
    feature: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """Everything about one stored event that the link relation reads."""

    event_id: str
    doc_id: str
    type: str
    participants: tuple[Participant, ...]
    lo: dt.date  # the date window, inclusive
    hi: dt.date
    dated: bool  # the window comes from a date in the text, not from publication
    place: PlaceInfo | None  # read off the event's own sentence: may forbid a link
    words: frozenset[str]
    # The named town or region the event is placed in, whatever the evidence (its sentence,
    # the dateline, the article's main place): a key to share, never a reason to part.
    setting: str | None = None
    # The article's most mentioned people and organisations: what its story is about, a
    # key shared by all its events (an event's own participants are often a pronoun or a
    # group, and its story's protagonist only in the next sentence).
    leads: frozenset[str] = frozenset()
    # The content words of the article's title and of this event's sentence when the event
    # is its article's anchor (its first lead event, else its first event), else empty: what
    # the article is about, compared with other articles' (``same_headline``).
    headline: frozenset[str] = frozenset()
    published: dt.date | None = None  # its article's publication day
    # Derived once from the fields above (``actor_keys``, ``named_keys``, ``keys``,
    # ``type_class``): the linker reads them millions of times, once per pair scored.
    actor_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    named_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    type_class: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The named participants (people, organisations, countries).
        actor_keys = frozenset(key for p in self.participants for key in p.identities())
        # With the named place and the article's lead actors: what two reports must share.
        place = {f"L:{self.setting}"} if self.setting else set()
        object.__setattr__(self, "actor_keys", actor_keys)
        # The people and organisations among them: one alone is specific enough to link.
        named = frozenset(key for key in actor_keys if not key.startswith("C:"))
        object.__setattr__(self, "named_keys", named)
        object.__setattr__(self, "keys", actor_keys | place | self.leads)
        object.__setattr__(self, "type_class", _type_class(self.type))

    @property
    def quad(self) -> str:
        return self.type_class[0]

    @property
    def family(self) -> str:
        """Cooperation or conflict: the widest class two linked reports may differ within."""
        return self.type_class[1]


@cache
def _type_class(type_: str) -> tuple[str, str]:
    """(quad class, family) of a PLOVER type: read for every pair scored, so looked up once."""
    info = plover_types().get(type_)
    quad = info.quad if info else type_
    return quad, quad.rpartition("_")[2]


# ------------------------------------------------------------------------------- features


def fold_name(name: str) -> str:
    return " ".join(name.lower().split())


def date_window(
    when_value: str | None,
    when_precision: str | None,
    when_anchor: str | None,
    published: dt.date | None,
    when_modifier: str | None = None,
) -> tuple[dt.date, dt.date, bool]:
    """(first day, last day, read off the text?) of the days an event may have happened on.

    A relation to the date ("before November", "after the vote") opens the window by
    RELATION_REACH_DAYS on that side.
    """
    if when_anchor in ("absolute", "relative"):
        start, end = first_day(when_value), last_day(when_value)
        if start is not None and end is not None:
            slack = dt.timedelta(days=DATE_SLACK_DAYS)
            reach = dt.timedelta(days=RELATION_REACH_DAYS)
            if when_modifier in ("before", "on_or_before"):
                start -= reach
            elif when_modifier in ("after", "on_or_after"):
                end += reach
            return max(start - slack, NO_DATE_LO), min(end + slack, NO_DATE_HI), True
    if published is not None:
        lookback = dt.timedelta(days=PUBLICATION_LOOKBACK_DAYS)
        return published - lookback, published + dt.timedelta(days=DATE_SLACK_DAYS), False
    return NO_DATE_LO, NO_DATE_HI, False


def blocking_keys(features: EventFeatures) -> list[str]:
    """The index keys of an event: its type family with each named key, sorted; an
    article's anchor also has each key alone, so that two anchors of one story meet
    whatever type each article's reading gave its lead event."""
    keys = [f"{features.family}|{key}" for key in features.keys]
    if features.headline:
        keys += [f"{HEADLINE_PREFIX}|{key}" for key in features.keys]
    return sorted(keys)


# --------------------------------------------------------------------------- the relation


def _type_agreement(a: EventFeatures, b: EventFeatures) -> float | None:
    if a.type == b.type:
        return 1.0
    if a.quad == b.quad:
        return 0.5
    return FAMILY_AGREEMENT if a.family == b.family else None


def _sectors_agree(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first == second


def _same_participant(a: Participant, b: Participant) -> bool:
    if a.kind == "person" and b.kind == "person" and a.name and a.name == b.name:
        return True
    if a.country and a.country == b.country:
        return _sectors_agree(a.sector, b.sector)
    return (
        not a.country
        and not b.country
        and a.kind == b.kind == "organization"
        and (a.name == b.name)
    )


def _actor_agreement(a: EventFeatures, b: EventFeatures) -> float:
    """The larger of the two shares of participants that the other event also names."""
    if not a.participants or not b.participants:
        return 0.0
    return max(
        _named_share(a.participants, b.participants), _named_share(b.participants, a.participants)
    )


def _specific(a: EventFeatures, b: EventFeatures) -> bool:
    """Enough in common to tell one event from another: a person or an organisation that
    both events name, or two keys of any kind. One key alone of the wider kinds chained
    unrelated stories together: a country ("United States"), the town an article is
    placed in ("Washington"), one of the article's lead actors ("Donald Trump")."""
    return len(a.keys & b.keys) >= 2 or not a.named_keys.isdisjoint(b.named_keys)


def _named_apart(a: EventFeatures, b: EventFeatures) -> bool:
    """Both name participants, and none of them the same: two different events."""
    first, second = a.actor_keys, b.actor_keys
    return bool(first) and bool(second) and first.isdisjoint(second)


def _named_share(side: tuple[Participant, ...], other: tuple[Participant, ...]) -> float:
    matched = sum(1 for p in side if any(_same_participant(p, q) for q in other))
    return matched / len(side)


def _date_agreement(a: EventFeatures, b: EventFeatures) -> float | None:
    if a.lo > b.hi or b.lo > a.hi:
        return None
    return 1.0 if a.dated and b.dated else 0.5


def _place_agreement(a: EventFeatures, b: EventFeatures) -> float | None:
    first, second = a.place, b.place
    if first is None or second is None or not first.country or not second.country:
        return 0.5  # no place on one side: neither for nor against
    if first.country != second.country:
        return None
    if first.name and first.name == second.name:
        return 1.0
    if first.feature in COARSE_FEATURES or second.feature in COARSE_FEATURES:
        return 0.75  # nested: a city within its country or province
    if None in (first.feature, second.feature, first.lat, first.lon, second.lat, second.lon):
        return 0.5  # how fine the places are is unknown: do not judge
    near = distance_km(first.lat, first.lon, second.lat, second.lon) <= SAME_PLACE_KM  # type: ignore[arg-type]
    return 0.75 if near else None


def _text_agreement(a: EventFeatures, b: EventFeatures) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


def link_score(a: EventFeatures, b: EventFeatures) -> float | None:
    """How strongly two events look like reports of one event; None when they cannot be.

    They must have enough named keys in common (``_specific``): agreeing on a generic
    group ("police") or on nothing named never links.
    """
    if not _specific(a, b) or _named_apart(a, b):
        return None
    # The vetoes first, the cheapest first: most candidate pairs fail one of them, and the
    # linker scores millions of pairs.
    date = _date_agreement(a, b)
    type_ = _type_agreement(a, b) if date is not None else None
    place = _place_agreement(a, b) if type_ is not None else None
    if place is None:
        return None
    parts = {
        "type": type_,
        "actors": _actor_agreement(a, b),
        "date": date,
        "place": place,
        "text": _text_agreement(a, b),
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())  # type: ignore[operator]


def same_headline(a: EventFeatures, b: EventFeatures) -> bool:
    """Are two articles' anchors the lead of one story told twice? Their articles came out
    within ``HEADLINE_DAYS`` of each other, the anchors share a key, their articles' lead
    actors are not all different, and the content words of the titles and ledes overlap by
    ``HEADLINE_OVERLAP`` (Jaccard). Two reports of one news item often read it differently
    (the same launch as a show of force by one outlet, a test by another; its actors a
    pronoun in one lede and a name in the other), so the events alone miss the link that
    their headlines make plain; the shared key and the lead actors keep two different
    stories told in like words (a fire here, a fire there) apart."""
    if not a.headline or not b.headline or a.doc_id == b.doc_id:
        return False
    if a.published is None or b.published is None:
        return False
    if abs((a.published - b.published).days) > HEADLINE_DAYS or a.keys.isdisjoint(b.keys):
        return False
    if a.leads and b.leads and a.leads.isdisjoint(b.leads):
        return False  # the people and organisations each article is about are others
    shared = len(a.headline & b.headline)
    return shared >= HEADLINE_OVERLAP * (len(a.headline) + len(b.headline) - shared)


def linked(a: EventFeatures, b: EventFeatures) -> bool:
    """The link relation: symmetric, and a function of the two events alone."""
    if a.event_id == b.event_id:
        return False
    score = link_score(a, b)
    if score is not None and score >= THRESHOLD:
        return True
    return same_headline(a, b) and _place_agreement(a, b) is not None


def corroborated(first: Sequence[EventFeatures], second: Sequence[EventFeatures]) -> bool:
    """Do two articles (all the events of each) agree enough for their links to count?

    Each side must have ``SUPPORT_EVENTS`` events linked to the other (a side with fewer
    events: all of them), or one side ``SUPPORT_SHARE`` of its events so linked. A dense
    story of many reports passes easily; a chain of articles that each share one event with
    the next (one organisation or town in common, weeks apart) does not. Symmetric, and a
    function of the two articles alone. Every pair may be scored: the cost is the product of
    two articles' event counts, never of the archive.
    """
    if not first or not second:
        return False
    if any(same_headline(a, b) for a in first if a.headline for b in second if b.headline):
        return True
    # Most articles tested share one key and one linked event, and fail: a bound read in
    # one pass over each article tells most of them without scoring every pair.
    if not _supported(
        _could_link(first, second), len(first), _could_link(second, first), len(second)
    ):
        return False
    left: set[str] = set()
    right: set[str] = set()
    for a in first:
        for b in second:
            if linked(a, b):
                left.add(a.event_id)
                right.add(b.event_id)
        if _supported(len(left), len(first), len(right), len(second)):
            return True
    return False


def _could_link(side: Sequence[EventFeatures], other: Sequence[EventFeatures]) -> int:
    """How many events of ``side`` pass, against ``other`` taken as a whole, the tests that
    ``linked`` makes against each of its events: two of its keys or one of its people or
    organisations (``_specific``), its type family, its span of dates. An upper bound of
    the events of ``side`` that link to ``other``."""
    keys = frozenset().union(*(b.keys for b in other))
    named = frozenset().union(*(b.named_keys for b in other))
    families = {b.family for b in other}
    lo, hi = min(b.lo for b in other), max(b.hi for b in other)
    return sum(
        1
        for a in side
        if a.family in families
        and a.lo <= hi
        and lo <= a.hi
        and (len(a.keys & keys) >= 2 or not a.named_keys.isdisjoint(named))
    )


def _supported(left: int, left_events: int, right: int, right_events: int) -> bool:
    if not left:
        return False
    both = left >= min(SUPPORT_EVENTS, left_events) and right >= min(SUPPORT_EVENTS, right_events)
    share = max(left / left_events, right / right_events) >= SUPPORT_SHARE
    return both or share


@lru_cache(maxsize=1 << 16)
def _participant(name: str, kind: str, country: str | None, sector: str | None) -> Participant:
    """One object for each participant that recurs across the events of a run (the same
    few thousand actors, each named in many events)."""
    return Participant(fold_name(name), kind, country or None, sector or None)


def participants_of(
    rows: Iterable[tuple[str, str, str | None, str | None]],
) -> tuple[Participant, ...]:
    """Participants from (name, kind, country, sector) rows, deduplicated, in a fixed order."""
    unique = {_participant(name, kind, country, sector) for name, kind, country, sector in rows}
    return tuple(sorted(unique, key=lambda p: (p.name, p.kind, p.country or "", p.sector or "")))
