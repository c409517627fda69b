"""places: place names looked up in an offline gazetteer.

Candidates are the parser's GPE, LOC and FAC entities, trimmed of a leading "the" and a
trailing possessive ("North Korea's" -> "North Korea"). A FAC entity is kept only when the
gazetteer knows its name (most are buildings and roads it cannot place).

Adjective rule: a name that resolves to a *country* and stands as a premodifier of a
following noun (dependency compound/nmod/amod, head to its right: "U.S. Secretary of
State", "U.S. forces", "the U.S. ambassador") is used like the demonym "American", which
is not a place either, so it is dropped. A possessive ("North Korea's threat"), any other
country mention ("in the U.S.") and a city or state premodifier ("Vancouver police": it
still says where) stay places.

Resolution, in two passes over the mentions:
1. each distinct name is ranked alone; the countries and first-level divisions of these
   first guesses (and of the dateline) become the article's context;
2. each mention is ranked again with the context made of the *other* names (a name does not
   vote for itself), and "City, State" / "City, Country" pairs restrict the city to the
   division or country that follows it.
US counties have no coordinates in the package: they take those of a city of the same
state named in the article, else their state's centre.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from herald.gazetteer import (
    Context,
    Entry,
    best,
    country_of_place,
    distance_km,
    fits,
    load_gazetteer,
    name_key,
    rank,
)
from herald.place_ranking import Reading, rank_together
from herald.records import Entity, ParsedText, Place

__all__ = ["country_of_place", "distance_km", "find_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"ORG", "NORP", "PERSON"})
# Other names that are states themselves before a name is read as part of a list of states.
STATE_LIST_SIZE = 3
MAJOR_FEATURES = frozenset({"country", "admin1", "province", "region", "continent"})
PREMODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
# A possessive and stray punctuation; never a final "." (it belongs to "U.S.", "D.C.").
_TRAILING = re.compile(r"(?:['\u2019]s?|[\s,;:!?\"()-])+$")
_PAIR_GAP = re.compile(r"^\s*,\s*$")
WIDE_CITY_POPULATION = 100_000
ALL_FEATURES = frozenset(
    {"city", "country", "admin1", "admin2", "province", "district", "region", "continent"}
)
_DIVISIONS = frozenset({"admin1", "province", "region"})
KIND_WORDS = {
    "state": _DIVISIONS,
    "province": _DIVISIONS,
    "region": _DIVISIONS | {"district"},
    "district": frozenset({"district", "admin2", "province"}),
    "city": frozenset({"city"}),
    "county": frozenset({"admin2", "district"}),
}
_OF_GAPS = frozenset({" of ", " of the "})
# "the City of Santa Ana": a municipality's formal name around the name it is known by.
_MUNICIPAL_OF = re.compile(r"^(?:City|Town|Village|Borough|Township|Municipality) of (?:the )?")


@dataclass(frozen=True, slots=True)
class _Mention:
    """A trimmed candidate span and the entity it came from."""

    text: str
    start: int
    end: int
    entity: Entity


def _trim(entity: Entity) -> _Mention | None:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    text, start = entity.text, entity.start_char
    lead = _LEADING.match(text)
    if lead:
        text, start = text[lead.end() :], start + lead.end()
    text = _TRAILING.sub("", text)
    if not text or not text[0].isalnum() or text.lower() in _qualifiers():
        return None  # "the North must earn its way": a direction alone is no place
    return _Mention(text, start, start + len(text), entity)


def _split_pairs(mention: _Mention) -> list[_Mention]:
    """An entity "Portland, Maine" holds two places; split it at commas."""
    if "," not in mention.text:
        return [mention]
    parts = []
    offset = mention.start
    for piece in mention.text.split(","):
        stripped = piece.strip()
        if stripped:
            begin = offset + piece.index(stripped)
            parts.append(_Mention(stripped, begin, begin + len(stripped), mention.entity))
        offset += len(piece) + 1
    return parts


def _is_premodifier(parsed: ParsedText, mention: _Mention) -> bool:
    """True when the mention's last token modifies a noun that follows the mention."""
    last = next(
        (
            t
            for t in reversed(parsed.tokens[mention.entity.start : mention.entity.end])
            if t.idx < mention.end
        ),
        None,
    )
    if last is None:
        return False
    following = mention.entity.end if last.end >= mention.entity.end_char else last.i + 1
    return last.dep in PREMODIFIER_DEPS and last.head >= following


def _place_mentions(parsed: ParsedText) -> list[_Mention]:
    """The trimmed GPE/LOC/FAC entities, "City, State" entities split in two."""
    mentions = []
    for entity in _joined_of(parsed, [e for e in parsed.entities if e.label in PLACE_LABELS]):
        trimmed = _trim(entity)
        if trimmed is not None:
            mentions.extend(_split_pairs(trimmed))
    return mentions


def _joined_of(parsed: ParsedText, entities: list[Entity]) -> list[Entity]:
    """Neighbours the parser split at "of (the)" joined back where the whole is a known name
    ("Democratic Republic" + "Congo")."""
    joined: list[Entity] = []
    for entity in entities:
        last = joined[-1] if joined else None
        if last is not None and parsed.text[last.end_char : entity.start_char] in _OF_GAPS:
            text = parsed.text[last.start_char : entity.end_char]
            if best(_LEADING.sub("", text)) is not None:
                joined[-1] = Entity(
                    start=last.start,
                    end=entity.end,
                    label=last.label,
                    text=text,
                    start_char=last.start_char,
                    end_char=entity.end_char,
                )
                continue
        joined.append(entity)
    return joined


def _is_wide(entry: Entry | None) -> bool:
    """A country, US state, region or big city: what "North Texas", "Northern Iraq" or
    "South Arlington" lie inside (a town called Java is not what "East Java" means)."""
    if entry is None:
        return False
    big_city = entry.feature == "city" and entry.population >= WIDE_CITY_POPULATION
    return big_city or entry.feature in ("country", "admin1", "region")


def _is_major(entry: Entry | None) -> bool:
    """A country, state or region: such a name is a place whatever the parser labelled it."""
    return entry is not None and entry.feature in MAJOR_FEATURES


def _relabelled_mentions(parsed: ParsedText, known: set[str]) -> list[_Mention]:
    """Places the parser gave another label: "DRC" or "NSW" as ORG, "Gainesville" as PERSON.

    A whole ORG or NORP entity counts when its name is a country, state or region, or a
    name the parser labelled a place elsewhere in the same article (``known``); a PERSON
    entity only in the second case (many people are called "Georgia" or "Austin"). An ORG
    that starts with such a name ("Ohio Department of Health") yields that name.
    """
    found = []
    for entity in parsed.entities:
        if entity.label in PLACE_LABELS or entity.label not in RELABEL_LABELS:
            continue
        trimmed = _trim(entity)
        if trimmed is None:
            continue
        key = name_key(trimmed.text)
        if key in known or (entity.label != "PERSON" and _is_major(best(trimmed.text))):
            found.append(trimmed)
        elif entity.label == "ORG":
            prefix = _place_prefix(parsed, entity, known)
            if prefix is not None:
                found.append(prefix)
    return found


def _place_prefix(parsed: ParsedText, entity: Entity, known: set[str]) -> _Mention | None:
    """The longest first one to three tokens of an entity that name a place where the rest
    names something in that place.

    A prefix counts when it is a name the article uses as a place elsewhere (``known``), a
    country, state or region ("Ohio Department of Health"), a county ("Walker County
    Fairgrounds"), or any gazetteer name followed by the word of a local institution,
    facility or landform ("Gainesville Police", "Guernsey County Courthouse", "Catawba
    River"). Not a bare gazetteer name before another name: "Lake Erie" is not the town of
    Lake, "Abu Shok" not Abu.
    """
    first = entity.start + (parsed.tokens[entity.start].text.lower() == "the")
    for end in range(min(entity.end - 1, first + 3), first, -1):
        text = parsed.span_text(first, end)
        if all(word.lower() in _qualifiers() for word in text.split()):
            continue  # "South Ossetia", "South West England": directions are no place
        entry = best(text)
        if entry is None:
            continue
        institution = parsed.tokens[end].text.lower() in _local_institutions()
        if name_key(text) in known or _is_major(entry) or entry.feature == "admin2" or institution:
            return _prefix_mention(parsed, first, entity, text)
    return None


def _prefix_mention(parsed: ParsedText, first: int, entity: Entity, text: str) -> _Mention:
    start = parsed.tokens[first].idx
    return _Mention(text, start, start + len(text), entity)


@functools.cache
def _local_institutions() -> frozenset[str]:
    """Words after a place name that make a name of something in or by that place: bodies,
    facilities, municipalities and landforms (local_institutions.csv)."""
    path = Path(str(resources.files("herald") / "data" / "local_institutions.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["word"] for row in csv.DictReader(handle))


def _mentions(parsed: ParsedText) -> list[_Mention]:
    """Every candidate span, in text order, without overlaps."""
    mentions = [_known_prefix(parsed, _qualified(_unwrapped(m))) for m in _place_mentions(parsed)]
    known = {name_key(m.text) for m in mentions if best(m.text) is not None}
    mentions += _relabelled_mentions(parsed, known)
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _known_prefix(parsed: ParsedText, mention: _Mention) -> _Mention:
    """An unknown whole-entity name cut to its longest known leading part, if any.

    "Guernsey County Jail" is no gazetteer name, but it says the place is Guernsey County.
    """
    entity = mention.entity
    if best(mention.text) is not None or "," in entity.text:
        return mention
    tokens = parsed.tokens[entity.start : entity.end]
    first = next((t.i for t in tokens if t.idx >= mention.start), None)
    if first is None:
        return mention
    inner = Entity(
        start=first,
        end=entity.end,
        label=entity.label,
        text=mention.text,
        start_char=mention.start,
        end_char=entity.end_char,
    )
    return _place_prefix(parsed, inner, set()) or mention


def _unwrapped(mention: _Mention) -> _Mention:
    """ "City of Santa Ana" -> "Santa Ana" when only the name inside is known."""
    wrapper = _MUNICIPAL_OF.match(mention.text)
    if wrapper is None or best(mention.text) or not best(mention.text[wrapper.end() :]):
        return mention
    return _Mention(
        mention.text[wrapper.end() :], mention.start + wrapper.end(), mention.end, mention.entity
    )


def _qualified(mention: _Mention) -> _Mention:
    """ "northern Georgia", "North Texas" -> the state, when only the bare name is known.

    A capitalized qualifier may be part of a name ("Eastern Creek", "South Ossetia"): the
    name is cut only when the whole is unknown and the rest is a known place.
    """
    words = mention.text.split(" ", 1)
    if len(words) != 2 or words[0].lower() not in _qualifiers() or best(mention.text):
        return mention
    if words[0][0].isupper() and not _is_wide(best(words[1])):
        return mention  # "East Java" is no town "Java"; "North Texas" is part of Texas
    offset = len(words[0]) + 1
    return _Mention(words[1], mention.start + offset, mention.end, mention.entity)


@functools.cache
def _qualifiers() -> frozenset[str]:
    """Words that narrow a place without being part of its name (place_qualifiers.csv)."""
    path = Path(str(resources.files("herald") / "data" / "place_qualifiers.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["word"] for row in csv.DictReader(handle))


def _keep(parsed: ParsedText, mention: _Mention, entry: Entry | None) -> bool:
    """Apply the FAC and adjective rules of the module docstring."""
    if mention.entity.label == "FAC" and entry is None:
        return False
    return not (
        entry is not None and entry.feature == "country" and _is_premodifier(parsed, mention)
    )


def _followed_by(text: str, mention: _Mention, following: _Mention | None) -> bool:
    return following is not None and bool(_PAIR_GAP.match(text[mention.end : following.start]))


def _place(mention: _Mention, entry: Entry | None) -> Place:
    if entry is None:
        return Place(text=mention.text, start=mention.start, end=mention.end)
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
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
    return Entry(
        name=entry.name,
        feature=entry.feature,
        country=entry.country,
        lat=stand_in.lat,
        lon=stand_in.lon,
        geonameid=entry.geonameid,
        population=entry.population,
        admin1=entry.admin1,
        admin1_key=entry.admin1_key,
    )


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


def _pick(readings: list[Reading], within: Context, kinds: frozenset[str]) -> Entry | None:
    """The best reading that fits a "City, State" pair and the kind the text names."""
    for wanted in (
        [r.entry for r in readings if fits(r.entry, within) and r.entry.feature in kinds],
        [r.entry for r in readings if fits(r.entry, within)],
        [r.entry for r in readings],
    ):
        if wanted:
            return wanted[0]
    return None


def _kinds_named_after(parsed: ParsedText, mention: _Mention) -> frozenset[str]:
    """The features a lowercase word right after the name asks for ("a Washington state
    farm", "Zaire province"); every feature when there is none."""
    tokens = parsed.tokens[mention.entity.start : mention.entity.end + 1]
    after = next((t for t in tokens if t.idx >= mention.end), None)
    if after is None or parsed.text[mention.end : after.idx].strip():
        return ALL_FEATURES
    return KIND_WORDS.get(after.text, ALL_FEATURES)


def _only_adjectives(
    parsed: ParsedText, mentions: list[_Mention], first: dict[str, Entry | None]
) -> frozenset[str]:
    """Names that, read alone as countries, only ever premodify a noun ("U.S. forces")."""
    keys = {name_key(m.text) for m in mentions}
    for mention in mentions:
        entry = first.get(name_key(mention.text))
        if entry is None or entry.feature != "country" or not _is_premodifier(parsed, mention):
            keys.discard(name_key(mention.text))
    return frozenset(keys)


def _resolve(
    parsed: ParsedText,
    mentions: list[_Mention],
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


def _first_guesses(mentions: Iterable[_Mention]) -> dict[str, Entry | None]:
    return {name_key(m.text): best(m.text) for m in mentions}


def find_places(parsed: ParsedText, dateline: str | None = None) -> tuple[Place, ...]:
    """Every place name of the text, resolved to coordinates and a country where possible."""
    mentions = _mentions(parsed)
    first = _first_guesses(mentions)
    # "OTTAWA, Ont." -> "OTTAWA": the first part names the city
    dateline_entry = best(dateline.split(",")[0]) if dateline else None
    entries = _resolve(parsed, mentions, first, dateline_entry)
    # Kept or not by what the name turned out to be: "Georgia authorities" read as the US
    # state still says where; read as the country it is an adjective.
    return tuple(
        _place(m, e) for m, e in zip(mentions, entries, strict=True) if _keep(parsed, m, e)
    )
