"""places.mentions: the spans of a text that name places, before any is resolved.

Candidates are the parser's GPE, LOC and FAC entities, trimmed of a leading "the" and a
trailing possessive ("North Korea's" -> "North Korea"), split at commas ("Portland,
Maine"), joined back where the parser cut a name at "of" ("Democratic Republic" + "of the"
+ "Congo"). An unknown name is narrowed to the known name it holds: a municipal wrapper
("City of Santa Ana"), a direction before a wide place ("North Texas", "northern Georgia"),
or a leading name before the word of an institution, facility or landform ("Guernsey County
Courthouse", "Catawba River").

Places the parser gave another label are taken back: an ORG, NORP or PERSON entity whose
whole name the article uses as a place elsewhere, an ORG or NORP that is a country, state or
region ("DRC", "NSW") and no person's name in the article (not a NORP used as an adjective:
"Jewish people"), and the leading place of an ORG
("Ohio Department of Health", "Gainesville Police") unless it is a news outlet ("The New
York Times"). A name with no label is a place after a kind of place ("the city of
Beledweyne", "the capital, Niamey"), or a name the article labels a place elsewhere ("Iraq's
Anbar desert" ... "in Anbar").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import herald.actors.lexicon as lexicon
from herald.data_files import read_rows
from herald.places.gazetteer.entries import Entry, name_key
from herald.places.gazetteer.lookup import best
from herald.records import Entity, ParsedText

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"ORG", "NORP", "PERSON"})
MAJOR_FEATURES = frozenset({"country", "admin1", "province", "region", "continent"})
PREMODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
# A possessive and stray punctuation; never a final "." (it belongs to "U.S.", "D.C.").
_TRAILING = re.compile(r"(?:['\u2019]s?|[\s,;:!?\"()-])+$")
WIDE_CITY_POPULATION = 100_000
# Prepositions after which a name the parser took for a person is a place ("in Gainesville"):
# the locative cues of event_cues.csv without "at", "on", "into", "within", "inside", "off",
# which precede people as often ("looked at Jordan", "a report on Austin").
_LOCATIVE_BEFORE = frozenset({"in", "near", "outside", "across", "throughout", "around"})
_OF_GAPS = frozenset({" of ", " of the "})
_SEAT_PREPOSITIONS = frozenset({"to", "at", "in", "from", "outside", "inside", "into"})
# Kinds of administrative division a name is followed by ("Ghazni province"); not "city",
# "port" or "state", which are as often part of a name ("Kansas City", "Wayne State
# University").
_DIVISIONS = frozenset({"province", "district", "governorate", "prefecture", "county", "region",
                        "municipality"})  # fmt: skip
# Words of a journey: a name after "<journey> to" is where it goes.
_JOURNEYS = frozenset({"travel", "trip", "visit", "journey", "fly", "flight", "head", "return",
                       "tour", "deploy", "sail", "drive", "go", "come", "move"})  # fmt: skip
# "the City of Santa Ana": a municipality's formal name around the name it is known by.
_MUNICIPAL_OF = re.compile(r"^(?:City|Town|Village|Borough|Township|Municipality) of (?:the )?")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A trimmed candidate span and the entity it came from."""

    text: str
    start: int
    end: int
    entity: Entity


def _trim(entity: Entity) -> PlaceMention | None:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    text, start = entity.text, entity.start_char
    lead = _LEADING.match(text)
    if lead:
        text, start = text[lead.end() :], start + lead.end()
    if text.endswith("-"):
        return None  # "al-" of "al-Shabab": a piece of a hyphenated name
    text = _TRAILING.sub("", _without_common_tail(_TRAILING.sub("", text)))
    if not text or not text[0].isalnum() or text.lower() in _qualifiers():
        return None  # "the North must earn its way": a direction alone is no place
    word = lexicon.country_word(text)
    if word is not None and word[1] == "demonym":
        return None  # "the Somali army": a nationality, not the Somali Region
    return PlaceMention(text, start, start + len(text), entity)


def _without_common_tail(text: str) -> str:
    """A capitalized name without the lowercase nouns after it, a common noun it modifies:
    "a Normandy beach" is a beach in Normandy, not the US town of Normandy Beach. A kind of
    place stays ("Ghazni province", "the Sunshine state" are read as wholes elsewhere)."""
    words = text.split(" ")
    while len(words) > 1 and words[-1].isalpha() and words[-1].islower():
        if words[-1] in place_kinds() or not words[0][:1].isupper():
            break
        words.pop()
    return " ".join(words)


def _split_pairs(mention: PlaceMention) -> list[PlaceMention]:
    """An entity "Portland, Maine" holds two places; split it at commas."""
    if "," not in mention.text:
        return [mention]
    parts = []
    offset = mention.start
    for piece in mention.text.split(","):
        stripped = piece.strip()
        if stripped:
            begin = offset + piece.index(stripped)
            parts.append(PlaceMention(stripped, begin, begin + len(stripped), mention.entity))
        offset += len(piece) + 1
    return parts


def is_premodifier(parsed: ParsedText, mention: PlaceMention) -> bool:
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


def _place_mentions(parsed: ParsedText, people: set[str]) -> list[PlaceMention]:
    """The trimmed GPE/LOC/FAC entities, "City, State" entities split in two; not a
    person's surname the parser took for a place ("Terry Strada ... Strada accused": a town
    in Italy), unless it names a country, a state, a region or a large city ("Jordan")."""
    mentions = []
    for entity in _joined_of(parsed, [e for e in parsed.entities if e.label in PLACE_LABELS]):
        trimmed = _trim(entity)
        if trimmed is None:
            continue
        if name_key(trimmed.text) in people and not _is_wide(best(trimmed.text)):
            continue
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


def _is_national_capital(entry: Entry | None) -> bool:
    """A national capital of half a million people or more: "Tbilisi says", "Tbilisi has
    denied" stand for a government even when the parser takes the name for a person's
    (surnames the article gives a person are left out before)."""
    return entry is not None and entry.capital and entry.population >= 500_000


def _relabelled_mentions(
    parsed: ParsedText, known: set[str], people: set[str]
) -> list[PlaceMention]:
    """Places the parser gave another label: "DRC" or "NSW" as ORG, "Gainesville" as PERSON.

    A whole ORG or NORP entity counts when its name is a country, state or region; any of
    the three when the parser labelled the name a place elsewhere in the same article
    (``known``), when its words stand where only a place can ("in Gainesville", "Gainesville
    police", "the city of Aleppo"), or when it is a large city a deed of war is done to ("an
    attack on Kharkiv"); many people are called "Georgia" or "Austin". An ORG that starts
    with such a name ("Ohio Department of Health") yields that name.
    """
    found = []
    for entity in parsed.entities:
        if entity.label in PLACE_LABELS or entity.label not in RELABEL_LABELS:
            continue
        trimmed = _trim(entity)
        if trimmed is None or _adjective_of_a_people(parsed, entity):
            continue
        key = name_key(trimmed.text)
        if key in people and key not in known:
            continue
        entry = best(trimmed.text)
        # "in Gainesville" as PERSON, "the city of Aleppo" as NORP: the words around a name
        # make it a place whatever the label (no people's adjective stands there)
        person_placed = entry is not None and _placed(parsed, entity)
        person_placed = person_placed and not _acronym_of_another(trimmed, entry)
        # "the village of Nabi Saleh" taken for a person: a place the gazetteer lacks, of
        # the kind the text names (kept with that kind and no point, places.stage)
        person_placed = person_placed or (
            entry is None and kind_of(parsed, entity.start) is not None
        )
        seat = _seat_of_power_visited(parsed, entity, trimmed)
        seat = seat or _city_struck(parsed, entity, entry)
        major = _is_major(entry) if entity.label != "PERSON" else _is_national_capital(entry)
        if key in known or person_placed or seat or major:
            found.append(trimmed)
        elif entity.label == "ORG" and not lexicon.looks_like_media(trimmed.text):
            # "The New York Times" names an outlet, not where its story happens
            prefix = _place_prefix(parsed, entity, known)
            if prefix is not None:
                found.append(prefix)
    return found


def _acronym_of_another(mention: PlaceMention, entry: Entry | None) -> bool:
    """Whether a name in capitals ("in NATO") matches a town spelt otherwise (Nato, a town
    in the Philippines): the capitals make it a body's acronym, whatever stands before it."""
    text = mention.text
    return entry is not None and len(text) > 1 and text.isupper() and entry.name != text


# Nouns of a deed of war done to a town: "an attack on Kharkiv", "the shelling of Aleppo",
# "the fall of Kabul".
_STRIKES_ON_TOWNS = frozenset({
    "attack", "strike", "airstrike", "assault", "raid", "offensive", "shelling", "bombardment",
    "bombing", "siege", "capture", "fall", "liberation", "blockade",
})  # fmt: skip
_STRUCK_PREPS = frozenset({"on", "of", "against"})


def _city_struck(parsed: ParsedText, entity: Entity, entry: Entry | None) -> bool:
    """A large city named as the object of a deed of war ("a missile attack on Kharkiv",
    "the siege of Mariupol"), whatever label the parser gave it: a body or a person so named
    is seldom also a city of a hundred thousand people."""
    if entry is None or entry.feature != "city" or entry.population < WIDE_CITY_POPULATION:
        return False
    if entity.start < 2 or parsed.tokens[entity.start - 1].text.lower() not in _STRUCK_PREPS:
        return False
    return parsed.tokens[entity.start - 2].lemma.lower() in _STRIKES_ON_TOWNS


def _adjective_of_a_people(parsed: ParsedText, entity: Entity) -> bool:
    """A NORP entity used as an adjective ("Jewish people", "Kurdish fighters") names a
    people, not the region some gazetteer names after it (the Jewish Autonomous Oblast)."""
    return entity.label == "NORP" and all(
        token.pos == "ADJ" for token in parsed.tokens[entity.start : entity.end]
    )


def _person_names(parsed: ParsedText) -> set[str]:
    """The surnames of the people the article names in full: a surname the parser once
    labelled otherwise is still that person ("Jose Ruben Zamora" ... "Zamora's legal team"
    taken for an ORG is no Spanish province). A lone name labelled PERSON proves nothing:
    the parser takes towns for people ("Beledweyne")."""
    names = set()
    for entity in parsed.entities:
        trimmed = _trim(entity) if entity.label == "PERSON" else None
        if trimmed is not None and len(words := trimmed.text.split()) > 1:
            names.add(name_key(words[-1]))
    return names


def _unlabelled_kind_mentions(parsed: ParsedText) -> list[PlaceMention]:
    """Names the parser gave no label that the text says are places: "the Somali city of
    Beledweyne", "the capital, Niamey" (a kind of place, then "of", a comma or nothing, then
    a run of proper nouns the gazetteer knows; after "of", any run of proper nouns: "the
    town of Kafr Nabl")."""
    found = []
    tokens = parsed.tokens
    for i in range(1, len(tokens)):
        if not _after_a_kind(parsed, i):
            continue
        end = i
        while end < len(tokens) and tokens[end].pos == "PROPN" and not tokens[end].ent_type:
            end += 1
        if end == i:
            continue
        entity = Entity(i, end, "GPE", parsed.span_text(i, end), tokens[i].idx,
                        tokens[end - 1].idx + len(tokens[end - 1].text))  # fmt: skip
        trimmed = _trim(entity)
        if trimmed is not None and (best(trimmed.text) is not None or kind_of(parsed, i)):
            found.append(trimmed)
    return found


def _unlabelled_known_mentions(parsed: ParsedText, known: set[str]) -> list[PlaceMention]:
    """Names the parser gave no label that the article names as a place elsewhere
    (``known``): "killed in an airstrike targeting his location in Iraq's Anbar desert",
    where only a later "Anbar" was labelled. A run of proper nouns, whole."""
    found = []
    tokens = parsed.tokens
    i = 0
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].pos == "PROPN" and not tokens[end].ent_type:
            end += 1
        if end == i:
            i += 1
            continue
        entity = Entity(i, end, "GPE", parsed.span_text(i, end), tokens[i].idx,
                        tokens[end - 1].idx + len(tokens[end - 1].text))  # fmt: skip
        trimmed = _trim(entity)
        if (
            trimmed is not None
            and name_key(trimmed.text) in known
            and not lexicon.looks_like_media(trimmed.text)  # "the Telegraph" reported
        ):
            found.append(trimmed)
        i = end
    return found


def _seat_of_power_visited(parsed: ParsedText, entity: Entity, mention: PlaceMention) -> bool:
    """A seat of power the parser took for its institution, after a preposition of place
    or motion: "a visit to the White House", "talks at the Kremlin" (seats_of_power.csv);
    "the White House said" is the institution speaking."""
    words = [t.text.lower() for t in parsed.tokens[max(entity.start - 2, 0) : entity.start]]
    if words and words[-1] == "the":  # "in the Kremlin", when "the" is not in the name
        words.pop()
    before = words[-1] if words else ""
    return name_key(mention.text) in _seats_of_power() and before in _SEAT_PREPOSITIONS


@functools.cache
def _seats_of_power() -> frozenset[str]:
    return frozenset(name_key(row["name"]) for row in read_rows("places/seats_of_power.csv"))


def _placed(parsed: ParsedText, entity: Entity) -> bool:
    """Whether the words around a name make it a place: a locative preposition before it
    ("in", "near", "outside"), the word of a local institution after it ("police"), a
    kind of place it is named as ("the central town of Beledweyne"), or a journey to it."""
    before = parsed.tokens[entity.start - 1].text.lower() if entity.start > 0 else ""
    after = parsed.tokens[entity.end].text.lower() if entity.end < len(parsed.tokens) else ""
    motion = parsed.tokens[entity.start - 2].lemma.lower() if entity.start > 1 else ""
    return (
        before in _LOCATIVE_BEFORE
        or after in _local_institutions()
        or _after_a_kind(parsed, entity.start)
        or (before == "to" and motion in _JOURNEYS)  # "travel to Mauritius", "a visit to Quetta"
    )


@functools.cache
def _apposed_kinds() -> frozenset[str]:
    """Kinds of place a name may stand in apposition to ("the capital Niamey", "the port
    city, Hodeidah"); not "state", "county", "district", which as often precede a title
    ("state Sen. Smith", "district Judge Moore"). Read once: every token of a text asks."""
    return place_kinds() - {"state", "county", "district", "municipality"}


def _after_a_kind(parsed: ParsedText, i: int) -> bool:
    """Whether token ``i`` begins a name the words before it call a kind of place: "the
    city of Beledweyne", "the Nigerien capital Niamey", "the capital, Niamey"."""
    before = parsed.tokens[i - 1].text.lower() if i > 0 else ""
    if before == "of":
        return kind_of(parsed, i) is not None
    if before == ",":
        before = parsed.tokens[i - 2].text.lower() if i > 1 else ""
    return before in _apposed_kinds()


def kind_of(parsed: ParsedText, i: int) -> str | None:
    """The kind of place a name at token ``i`` is said to be by "<kind> of" before it ("the
    West Bank village of Nabi Saleh": village), else None."""
    if i < 2 or parsed.tokens[i - 1].text.lower() != "of":
        return None
    kind = parsed.tokens[i - 2].text.lower()
    return kind if kind in place_kinds() else None


def _place_prefix(parsed: ParsedText, entity: Entity, known: set[str]) -> PlaceMention | None:
    """The longest first one to three tokens of an entity that name a place where the rest
    names something in that place.

    A prefix counts when it is a name the article uses as a place elsewhere (``known``), a
    country, state or region ("Ohio Department of Health"), a county ("Walker County
    Fairgrounds"), or any gazetteer name followed by the word of a local institution,
    facility or landform ("Gainesville Police", "Guernsey County Courthouse", "Catawba
    River") or by a kind of division ("Ghazni province"). Not a bare gazetteer name before
    another name: "Lake Erie" is not the town of Lake, "Abu Shok" not Abu.
    """
    first = entity.start + (parsed.tokens[entity.start].text.lower() == "the")
    for end in range(min(entity.end - 1, first + 3), first, -1):
        text = parsed.span_text(first, end)
        if all(word.lower() in _qualifiers() for word in text.split()):
            continue  # "South Ossetia", "South West England": directions are no place
        if not parsed.tokens[end - 1].whitespace or not text[:1].isupper():
            continue  # "al-" of "al-Shabab": a piece of one word is no name
        entry = best(text)
        if entry is None:
            continue
        word = parsed.tokens[end].text.lower()
        institution = word in _local_institutions() or word in _DIVISIONS
        if name_key(text) in known or _is_major(entry) or entry.feature == "admin2" or institution:
            return _prefix_mention(parsed, first, entity, text)
    return None


def _prefix_mention(parsed: ParsedText, first: int, entity: Entity, text: str) -> PlaceMention:
    start = parsed.tokens[first].idx
    return PlaceMention(text, start, start + len(text), entity)


@functools.cache
def place_kinds() -> frozenset[str]:
    """Nouns that name what kind of place follows "of" ("town of", "province of")."""
    return frozenset(row["word"] for row in read_rows("places/place_kind_nouns.csv"))


@functools.cache
def _local_institutions() -> frozenset[str]:
    """Words after a place name that make a name of something in or by that place: bodies,
    facilities, municipalities and landforms (local_institutions.csv)."""
    return frozenset(row["word"] for row in read_rows("places/local_institutions.csv"))


def find_mentions(parsed: ParsedText) -> list[PlaceMention]:
    """Every candidate span, in text order, without overlaps."""
    people = _person_names(parsed)
    found = _place_mentions(parsed, people)
    mentions = [_known_prefix(parsed, _qualified(_unwrapped(m))) for m in found]
    known = {name_key(m.text) for m in mentions if best(m.text) is not None}
    mentions += _relabelled_mentions(parsed, known, people)
    mentions += _unlabelled_kind_mentions(parsed)
    mentions += _unlabelled_known_mentions(parsed, known)
    if _cased(parsed):  # "meth", "swan", "n't": in a cased text a place's name has a capital
        mentions = [m for m in mentions if any(char.isupper() for char in m.text)]
    mentions = [m for m in mentions if not _names_a_pathogen(parsed, m)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[PlaceMention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


# Words after a place name that make it the name of a virus or a disease ("the Marburg virus",
# "Lassa fever", "Reston ebolavirus"), named after where it was first found.
_PATHOGENS = frozenset({"virus", "ebolavirus", "fever", "flu", "disease", "syndrome"})


def _names_a_pathogen(parsed: ParsedText, mention: PlaceMention) -> bool:
    after = next((t for t in parsed.tokens[mention.entity.start :] if t.idx >= mention.end), None)
    return after is not None and after.text.lower() in _PATHOGENS


def _cased(parsed: ParsedText) -> bool:
    """Whether the text capitalizes as English does: most of its sentences open with a
    capital (a text typed all in lower case names its places in lower case too)."""
    openers = [parsed.tokens[s.start].text for s in parsed.sentences if s.end > s.start]
    words = [w for w in openers if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 > len(words)


def _known_prefix(parsed: ParsedText, mention: PlaceMention) -> PlaceMention:
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


def _unwrapped(mention: PlaceMention) -> PlaceMention:
    """ "City of Santa Ana" -> "Santa Ana" when only the name inside is known."""
    wrapper = _MUNICIPAL_OF.match(mention.text)
    if wrapper is None or best(mention.text) or not best(mention.text[wrapper.end() :]):
        return mention
    return PlaceMention(
        mention.text[wrapper.end() :], mention.start + wrapper.end(), mention.end, mention.entity
    )


def _qualified(mention: PlaceMention) -> PlaceMention:
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
    return PlaceMention(words[1], mention.start + offset, mention.end, mention.entity)


@functools.cache
def _qualifiers() -> frozenset[str]:
    """Words that narrow a place without being part of its name (place_qualifiers.csv)."""
    return frozenset(row["word"] for row in read_rows("places/place_qualifiers.csv"))
