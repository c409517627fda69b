"""places.stage: the place names of a text (``herald.places.mentions``), resolved in an offline
gazetteer.

Resolution reads every distinct name in the light of the others (``herald.places.ranking``:
neighbouring towns, a county and its state, a country and its cities support each other),
with the dateline's place as fixed support. Then, per mention: a "City, State" or "City,
Country" pair restricts the city to the division or country that follows it; a kind word
after the name ("a Washington state farm", "Zaire province") picks that kind; in a list of
states "Washington" is the state.

A name the gazetteer does not know is a place of the kind the word after it gives ("the
Middle Shabelle region", "Deh Yak district") or the kind it is said to be before "of" ("the
village of Nabi Saleh", even where the tagger took it for a person), named by its own text,
with no point or country; without such a word it stays unresolved.

Adjective rule: a name that resolves to a *country* and stands as a premodifier of a
following noun (dependency compound/nmod/amod, head to its right: "U.S. Secretary of
State", "U.S. forces", "the U.S. ambassador") is used like the demonym "American", which
is not a place either, so it is dropped, and it does not support other names' readings. A
possessive ("North Korea's threat"), any other country mention ("in the U.S.") and a city
or state premodifier ("Vancouver police", "Georgia authorities" read as the US state: it
still says where) stay places. A FAC entity is kept only when the gazetteer knows its name
(most are buildings and roads it cannot place). A US legislator's party-and-state tag
("Sen. Ted Cruz, R-Texas", "(D-Calif.)") says whom they represent: no place. A name the
gazetteer does not know that is the surname of a person the text names ("the abuse of
Soltan") is that person, no place.

The few US counties without a point take that of a city of the same state named in the
article, else their state's centre.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from herald.places.gazetteer.cache import load_gazetteer
from herald.places.gazetteer.entries import Context, Entry, distance_km, fits, name_key
from herald.places.gazetteer.lookup import best, country_of_place, dateline_entry, rank
from herald.places.mentions import PlaceMention, find_mentions, is_premodifier, kind_of
from herald.places.ranking import Reading, rank_together
from herald.records import ParsedText, Place

__all__ = ["country_of_place", "distance_km", "find_places"]

# Other names that are states themselves before a name is read as part of a list of states.
STATE_LIST_SIZE = 3
_PAIR_GAP = re.compile(r"^\s*,\s*$")
_DIVISIONS = frozenset({"admin1", "province", "region"})
KIND_WORDS = {
    "state": _DIVISIONS,
    "province": _DIVISIONS,
    "region": _DIVISIONS | {"district"},
    "district": frozenset({"district", "admin2", "province"}),
    "city": frozenset({"city"}),
    "county": frozenset({"admin2", "district"}),
}


# A US legislator's party and state ("Sen. Ted Cruz, R-Texas,", "(D-Calif.)"): whom they
# represent, not where anything happens.
_PARTY_STATE_TAG = re.compile(r"(?:^|[\s(,])[DRI]-$")


def _keep(parsed: ParsedText, mention: PlaceMention, entry: Entry | None) -> bool:
    """Apply the FAC, party-tag, person and adjective rules of the module docstring."""
    if entry is None and mention.entity.label == "FAC":
        return False
    # a name the text calls a village or a town is one, though the tagger took it for a
    # person there or elsewhere ("the village of Nabi Saleh")
    if entry is None and _names_a_person(parsed, mention) and not _kind_named(parsed, mention):
        return False
    if _PARTY_STATE_TAG.search(parsed.text[max(mention.start - 3, 0) : mention.start]):
        return False
    return not (
        entry is not None and entry.feature == "country" and is_premodifier(parsed, mention)
    )


def _names_a_person(parsed: ParsedText, mention: PlaceMention) -> bool:
    """An unknown name that the tagger takes for a person elsewhere in the text, whole or by
    its last word, or that is a later word of a person's name ("Mohamed Soltan ... the abuse
    of Soltan", where it took both for places and one "Soltan" for a person)."""
    last = mention.text.split()[-1]
    return any(
        entity.label == "PERSON"
        and (entity.text in (mention.text, last) or mention.text in entity.text.split()[1:])
        for entity in parsed.entities
    )


def _followed_by(text: str, mention: PlaceMention, following: PlaceMention | None) -> bool:
    return following is not None and bool(_PAIR_GAP.match(text[mention.end : following.start]))


def _place(mention: PlaceMention, entry: Entry | None) -> Place:
    return entry_place(mention.text, mention.start, mention.end, entry)


def entry_place(text: str, start: int, end: int, entry: Entry | None) -> Place:
    """The Place record of a name at ``start:end`` read as gazetteer ``entry`` (or unknown)."""
    if entry is None:
        return Place(text=text, start=start, end=end)
    return Place(
        text=text,
        start=start,
        end=end,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        feature=entry.feature,
    )


def _locate_counties(entries: list[Entry | None]) -> list[Entry | None]:
    """Give counties (no coordinates) those of a city of their state named in the article."""
    cities = {e.admin1_key: e for e in reversed(entries) if e is not None and e.feature == "city"}
    located: list[Entry | None] = []
    for entry in entries:
        if entry is not None and entry.lat is None and entry.admin1_key:
            stand_in = cities.get(entry.admin1_key) or _state_of(entry.admin1_key)
            if stand_in is not None:
                entry = _with_point(entry, stand_in)
        located.append(entry)
    return located


def _state_of(admin1_key: str) -> Entry | None:
    return load_gazetteer().admin1.get(admin1_key)


def _with_point(entry: Entry, stand_in: Entry) -> Entry:
    return replace(entry, lat=stand_in.lat, lon=stand_in.lon)


def _states_named(key: str, guesses: dict[str, Entry | None]) -> int:
    """How many other names of the article are first-level divisions themselves."""
    return sum(
        1 for k, e in guesses.items() if k != key and e is not None and e.feature == "admin1"
    )


def _division_among(name: str, entry: Entry) -> Entry | None:
    """The division of ``entry``'s country called ``name``: in a list of states
    "Washington" is the state, not the capital."""
    return next(
        (e for e in rank(name) if e.feature == "admin1" and e.country == entry.country), None
    )


def _within(container: Entry | None) -> Context:
    """The division or country named right after a city ("Portland, Maine")."""
    if container is not None and container.feature == "admin1" and container.admin1_key:
        return Context(within_admin1=container.admin1_key)
    if container is not None and container.feature == "country":
        return Context(within_country=container.country)
    return Context()


def _pick(readings: list[Reading], within: Context, kinds: frozenset[str] | None) -> Entry | None:
    """The best reading that fits a "City, State" pair and the kind the text names."""
    for wanted in (
        [r.entry for r in readings if fits(r.entry, within) and _of_kind(r.entry, kinds)],
        [r.entry for r in readings if fits(r.entry, within)],
        [r.entry for r in readings],
    ):
        if wanted:
            return wanted[0]
    return None


def _of_kind(entry: Entry, kinds: frozenset[str] | None) -> bool:
    return kinds is None or entry.feature in kinds


def _kinds_named_after(parsed: ParsedText, mention: PlaceMention) -> frozenset[str] | None:
    """The features a lowercase word right after the name asks for ("a Washington state
    farm", "Zaire province"); None when there is no such word."""
    return KIND_WORDS.get(_word_after(parsed, mention) or "")


def _word_after(parsed: ParsedText, mention: PlaceMention) -> str | None:
    tokens = parsed.tokens[mention.entity.start : mention.entity.end + 1]
    after = next((t for t in tokens if t.idx >= mention.end), None)
    if after is None or parsed.text[mention.end : after.idx].strip():
        return None
    return after.text


# The gazetteer does not know every district, region or small town, but the word after a
# name may say what it is: "the Middle Shabelle region", "Deh Yak district". Such a name is
# a place of that kind, named by its own text, with no point or country.
_UNLISTED_KINDS = {
    "region": "province", "province": "province", "state": "province",
    "district": "district", "county": "district",
    "city": "city", "town": "city", "village": "city", "hamlet": "city",
    "governorate": "province", "prefecture": "province", "municipality": "district",
}  # fmt: skip


def _only_adjectives(
    parsed: ParsedText, mentions: list[PlaceMention], first: dict[str, Entry | None]
) -> frozenset[str]:
    """Names that, read alone as countries, only ever premodify a noun ("U.S. forces")."""
    keys = {name_key(m.text) for m in mentions}
    for mention in mentions:
        entry = first.get(name_key(mention.text))
        if entry is None or entry.feature != "country" or not is_premodifier(parsed, mention):
            keys.discard(name_key(mention.text))
    return frozenset(keys)


def _resolve(
    parsed: ParsedText,
    mentions: list[PlaceMention],
    first: dict[str, Entry | None],
    dateline: Entry | None,
) -> list[Entry | None]:
    """Read every name in the light of the others, then apply the "City, State" pairs."""
    gazetteer = load_gazetteer()
    ranked = rank_together(
        {key: gazetteer.candidates(m.text) for m in mentions if (key := name_key(m.text))},
        fixed=[dateline] if dateline else [],
        silent=_only_adjectives(parsed, mentions, first),
    )
    tops = {key: readings[0].entry for key, readings in ranked.items()}
    resolved: list[Entry | None] = []
    for index, mention in enumerate(mentions):
        key = name_key(mention.text)
        readings = ranked.get(key, [])
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        within = Context()
        if following is not None and _followed_by(parsed.text, mention, following):
            within = _within(tops.get(name_key(following.text)))
        kinds = _kinds_named_after(parsed, mention)
        entry = _pick(readings, within, kinds) if first.get(key) else None
        if entry is not None and _states_named(key, tops) >= STATE_LIST_SIZE:
            entry = _division_among(mention.text, entry) or entry
        resolved.append(entry)
    return _locate_counties(resolved)


def _first_guesses(mentions: Iterable[PlaceMention]) -> dict[str, Entry | None]:
    return {name_key(m.text): best(m.text) for m in mentions}


def find_places(parsed: ParsedText, dateline: str | None = None) -> tuple[Place, ...]:
    """Every place name of the text, resolved to coordinates and a country where possible."""
    mentions = find_mentions(parsed)
    first = _first_guesses(mentions)
    # "OTTAWA, Ont." -> "OTTAWA": the first part names the city
    entries = _resolve(parsed, mentions, first, dateline_entry(dateline))
    # Kept or not by what the name turned out to be: "Georgia authorities" read as the US
    # state still says where; read as the country it is an adjective.
    return tuple(
        _place(m, e) if e is not None else _unlisted(parsed, m)
        for m, e in zip(mentions, entries, strict=True)
        if _keep(parsed, m, e)
    )


def _kind_named(parsed: ParsedText, mention: PlaceMention) -> str | None:
    """The kind of place the words around an unknown name say it is, after it ("the Middle
    Shabelle region") or before it ("the village of Nabi Saleh")."""
    first = next((t.i for t in parsed.tokens[mention.entity.start :] if t.idx >= mention.start), 0)
    after = _UNLISTED_KINDS.get(_word_after(parsed, mention) or "")
    return after or _UNLISTED_KINDS.get(kind_of(parsed, first) or "")


def _unlisted(parsed: ParsedText, mention: PlaceMention) -> Place:
    """A name the gazetteer does not know, as a place when the text says what kind it is."""
    kind = _kind_named(parsed, mention)
    place = _place(mention, None)
    return replace(place, name=mention.text, feature=kind) if kind else place
