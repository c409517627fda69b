"""actors.stage: the people, organizations, countries and groups of an article.

``find_actors(doc, parsed)`` reads the parse once and returns every actor with all its
mentions, coded with a kind, a country (ISO 3166 alpha-3), a sector and the titles the text
gives it. There is no coreference model: mentions are grouped by rules on the parse.

Mentions, in the order they are claimed (a token belongs to one mention at most):

1. news outlets of ``media.csv`` (they are sources, never actors: nothing is returned);
2. person names (spaCy PERSON) with their honorific ("Mr."), the title before them
   ("U.S. Secretary of State", "CIA director") and an apposition ("Mike Pompeo, the CIA
   director," or "the CIA director, Mike Pompeo");
3. role nouns of ``roles.csv`` heading a noun phrase ("a senior state department official",
   "the Prime Minister", "the top diplomat", "police", "rebels");
4. organizations (``organizations.csv``, spaCy ORG) and generic back-references to them
   ("the department");
5. countries: names and aliases; capitals only as the subject of a verb or a possessor
   ("Washington warned", "Beijing's response"); "the North" / "the South" once a country
   named "North ..." / "South ..." is set up;
6. pronouns he/she/him/her/his/hers/himself/herself.

Grouping: a full name, its surname alone or with an honorific; a title alone ("the Prime
Minister") refers to the only earlier person holding it, and a description ("the top
diplomat") to the only one holding an office of the same class (roles.csv ``class``; when
several do, to the one mentioned in the same or previous sentence); a definite role noun
("the official") otherwise refers to the latest unnamed actor with that role and a compatible
country; plural role nouns are groups, one per (role, country). Pronouns take the latest
compatible person of the same or previous sentence, subjects first.

A person ``people.csv`` knows (a head of state or government, ...: ``herald.actors.known``)
takes the country the table gives when its own words give none, and, in office on the
publication day, that office's sector when its words give none.

A title's own words include a country after "of" ("The Government of Japan", "the President
of France") and a leader the people table knows before an organ ("the Trump
administration"), and a province or a state that the gazetteer knows in one country only
("Florida Rep. Debbie Wasserman Schultz", "the Indiana governor"; not "Punjab Chief
Minister": India and Pakistan have a Punjab). An unnamed role followed by "of" and a body
of known sector is of that body ("leaders of the labor unions" are labour, "a soldier of
the Islamic State" a rebel).
Country of any other person or body with a state sector (GOV, MIL, LEG, JUD, COP, SPY) or a
party's (PTY, OPP) when its own words give none ("Foreign Affairs Minister Chrystia
Freeland", "Prime Minister Justin Trudeau", "the Free Democrats"): the
country named most often in the paragraph of its first mention (country names, demonyms,
capitals, national organizations, leaders the table knows; words inside titles do not
count); when that paragraph has none, in the next paragraph that mentions the actor. A
country that a coordinated person's own title names ("Foreign Affairs Minister X and U.S.
Secretary of State Y") is never chosen: writers qualify one title and not the other because
the two serve different states. On a tie, the home country when it is among the tied ones
(news style leaves the titles of the publisher's own officials unqualified); else the
country inferred for the people coordinated with the actor ("with Mr. Trudeau or Ms.
Freeland"); else the one named most often in all the paragraphs that mention the actor. With
no cue at all, or a tie nothing breaks, the home country: that of a one-city dateline (any
town the gazetteer knows), else of the publisher, else of the outlet signing the photo
credits (``media.csv``), else None. A body
whose name says it serves no single state ("the International Court of Justice", "World
...", "Global ...") is given none.

The stage is split in these modules: ``herald.actors.mentions`` finds candidate mentions
(``herald.actors.scan`` holds their records, ``herald.actors.titles`` reads their titles,
``herald.actors.phrases`` matches the tables), ``herald.actors.grouping`` groups them; this
module codes countries, applies the dictionary and holds the public API (``find_actors``,
``actor_at``, ``actor_for_token``).

User dictionary (``load_dictionary(path)``): a CSV file with the header
``name,aliases,country,sector,valid_from,valid_to`` (an optional ``kind`` column is kept on
each entry); it codes actors the text analysis found, it does not find new ones;
``aliases`` are separated by ``|``; dates are ISO ``YYYY-MM-DD`` and may be blank (open).
An actor whose canonical name or any mention matches a name or alias (case-insensitive,
honorifics and a leading "the" ignored) takes the entry's name, country and sector (blank
cells keep what the text gave). When a name has several entries, the one valid on the
publication date is used; without a known date, the first entry listed.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import herald.actors.lexicon as lexicon
from herald.actors.grouping import Draft, Grouper
from herald.actors.known import code_known_people
from herald.actors.lexicon import STATE_SECTORS
from herald.actors.mentions import find_candidates
from herald.actors.scan import MentionCandidate, Scan
from herald.places.gazetteer.lookup import dateline_entry
from herald.records import Actor, ActorKind, Document, Mention, ParsedText, Token
from herald.time.partial import exact_day

_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Sectors whose bodies belong to one country: the state's organs, and parties and the
# opposition, which contest one state's power ("the ruling party", "Free Democrats").
_NATIONAL_SECTORS = STATE_SECTORS | {"PTY", "OPP"}


# --------------------------------------------------------------------------- dictionary


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    """One row of a user actor dictionary."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    valid_from: str | None
    valid_to: str | None
    kind: ActorKind | None = None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.valid_from or "") <= day <= (self.valid_to or "9999")


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """A user's actors, looked up by any name or alias."""

    entries: tuple[DictionaryEntry, ...]
    by_name: dict[str, tuple[DictionaryEntry, ...]] = field(default_factory=dict)

    def lookup(self, name: str, day: str | None = None) -> DictionaryEntry | None:
        """The entry for ``name`` valid on ``day`` (ISO date), or the first one if unknown."""
        found = self.by_name.get(_dictionary_key(name), ())
        if day is None:
            return found[0] if found else None
        return next((entry for entry in found if entry.valid_on(day)), None)


def _dictionary_key(name: str) -> str:
    words = lexicon.normalize(name).split()
    if words and words[0] in lexicon.honorifics():
        words = words[1:]
    return " ".join(words).casefold()


def load_dictionary(path: str | Path) -> ActorDictionary:
    """Read a user actor dictionary (format in the module docstring)."""
    entries = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cell = {key: (value or "").strip() for key, value in row.items()}
            kind = cell.get("kind") or None
            entries.append(
                DictionaryEntry(
                    name=cell["name"],
                    aliases=tuple(a.strip() for a in cell.get("aliases", "").split("|") if a),
                    country=cell.get("country") or None,
                    sector=cell.get("sector") or None,
                    valid_from=cell.get("valid_from") or None,
                    valid_to=cell.get("valid_to") or None,
                    kind=lexicon._actor_kind(kind) if kind else None,
                )
            )
    by_name: dict[str, list[DictionaryEntry]] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            by_name.setdefault(_dictionary_key(name), []).append(entry)
    return ActorDictionary(tuple(entries), {key: tuple(v) for key, v in by_name.items()})


# --------------------------------------------------------------------------- countries


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(found.end() for found in re.finditer(r"\n\s*", text))]


def _country_cues(scan: Scan, starts: list[int]) -> dict[int, Counter[str]]:
    """Paragraph -> how often each country is named in it (outside titles)."""
    cues: dict[int, Counter[str]] = {}
    for match in scan.matches:
        if scan.in_title[match.start] or _aimed_at(scan, match.start, match.end):
            continue
        country = match.key if match.category == "country" else None
        if match.category == "organization" and not scan.longer_name(match.start, match.end):
            info = lexicon.organization_for(match.key)
            country = info.country if info else None
        if country is not None:
            paragraph = bisect.bisect_right(starts, scan.tokens[match.start].idx) - 1
            cues.setdefault(paragraph, Counter())[country] += 1
    return cues


# Wires and international broadcasters report the whole world: their country says nothing
# of the officials in their stories (a Reuters story does not make soldiers British).
_WORLD_OUTLETS = frozenset({"agency", "broadcaster"})


# Prepositions that make a country what the words are aimed at, not whose people speak:
# "pressure toward North Korea", "sanctions against Russia".
_AIMED_AT = frozenset({"toward", "towards", "against"})


def _aimed_at(scan: Scan, start: int, end: int) -> bool:
    """Whether a country name is the object of a preposition that aims at it, or of a verb
    ("to call out Russia", "sanctioned Iran"): what is done to it says nothing of who does
    it."""
    tokens = scan.tokens
    head = next((t for t in tokens[start:end] if not start <= t.head < end), tokens[start])
    if head.dep == "dobj":
        return tokens[head.head].pos == "VERB"
    return head.dep == "pobj" and tokens[head.head].text.lower() in _AIMED_AT


def _home_country(doc: Document) -> str | None:
    """The country of the dateline, else of the national newspaper, magazine or site that
    publishes it or signs its photo credits ("NAME/The Globe and Mail"), else None."""
    # The gazetteer reads a dateline as the places stage does: any town ("DALLAS"), with its
    # country after a comma ("KYIV, Ukraine"). A story filed from two cities ("TOKYO/SEOUL")
    # has no one home: Seoul's president is not Japanese.
    dateline = dateline_entry(doc.dateline) if doc.dateline and "/" not in doc.dateline else None
    if dateline is not None and dateline.country:
        return dateline.country
    outlets = [doc.publisher] if doc.publisher else []
    outlets += [credit.rsplit("/", 1)[-1] for credit in doc.credits if "/" in credit]
    for name in outlets:
        outlet = lexicon.media_for(name)
        if outlet is not None and outlet.country and outlet.type not in _WORLD_OUTLETS:
            return outlet.country
    return None


def _paragraph_of(scan: Scan, starts: list[int], token: int) -> int:
    return bisect.bisect_right(starts, scan.tokens[token].idx) - 1


def _partners(draft: Draft, drafts: list[Draft], scan: Scan) -> list[tuple[Draft, bool]]:
    """The people named in one list with the actor ("with Mr. Trudeau or Ms. Freeland"), each
    with whether that very mention names a country ("U.S. Secretary of State Y")."""
    heads = {end - 1 for _start, end in draft.spans}
    found = []
    for other in drafts:
        if other is draft or other.kind != "person":
            continue
        for start, end in other.spans:
            token = scan.tokens[end - 1]
            if (token.dep == "conj" and token.head in heads) or any(
                scan.tokens[h].dep == "conj" and scan.tokens[h].head == token.i for h in heads
            ):
                qualified = any(
                    match is not None and match.category == "country"
                    for match in scan.match_at[start:end]
                )
                found.append((other, qualified))
                break
    return found


# Prepositions of a verb that name whom or where its subject acts on, not where it is.
_TARGET_PREPS = frozenset({"to", "against", "on", "into", "toward", "towards", "at"})


def _acted_on(draft: Draft, scan: Scan) -> set[str]:
    """The countries that are the objects of the verbs the actor is the subject of, or of
    their phrases of direction or target ("deported them to China", "attacked Syria",
    "turned against Iran"); not "in" phrases, which say where it acts."""
    found: set[str] = set()
    for _start, end in draft.spans:
        token = scan.tokens[end - 1]
        if token.dep != "nsubj":
            continue
        for child in scan.parsed.children(token.head):
            if child.dep == "dobj":
                objects = [child]
            elif child.dep == "prep" and child.lemma.lower() in _TARGET_PREPS:
                objects = scan.parsed.children(child.i)
            else:
                continue
            # the object itself is the country ("to China"), or the target of the deed the
            # object names ("demanded sanctions on Russia"), not a word elsewhere inside its
            # phrase ("a letter ... under U.S. law")
            objects += [t for o in objects for t in _targets_of(scan, o)]
            found |= {
                match.key
                for o in objects
                if (match := scan.match_at[o.i]) is not None and match.category == "country"
            }
    return found


def _targets_of(scan: Scan, noun: Token) -> list[Token]:
    """The objects of a noun's prepositions of target ("sanctions on Russia", "strikes
    against Iran")."""
    return [
        o
        for p in scan.parsed.children(noun.i)
        if p.dep == "prep" and p.lemma.lower() in _TARGET_PREPS
        for o in scan.parsed.children(p.i)
        if o.dep == "pobj"
    ]


def _ranked(counts: Counter[str], excluded: set[str]) -> list[str]:
    """The countries named most often, all of them on a tie, without the excluded ones."""
    kept = [(country, n) for country, n in counts.most_common() if country not in excluded]
    return [country for country, n in kept if n == kept[0][1]] if kept else []


def _break_tie(tied: list[str], evidence: tuple[Counter[str], ...], home: str | None) -> str | None:
    """The home country when it is among the tied ones, else the first body of evidence
    that prefers one of them."""
    if home in tied:
        return home
    for counts in evidence:
        ranked = sorted(tied, key=lambda country: -counts[country])
        if counts[ranked[0]] > counts[ranked[1]]:
            return ranked[0]
    return None


def _code_by_bodies_led(drafts: Sequence[Draft], parsed: ParsedText) -> None:
    """An unnamed role noun followed by "of" and a body or group of known sector is of that
    body: "leaders of the largest labor unions" are labour, not government (the role's
    default sector), "a soldier of the Islamic State" a rebel; the body's country too, when
    it has one. Only the first mention's words are read: that is where news says whose."""
    owner = {i: d for d in drafts for start, end in d.spans for i in range(start, end)}
    for draft in drafts:
        if draft.named or draft.kind == "country" or not draft.spans:
            continue
        body = _body_after_of(parsed, draft.spans[0], owner)
        if body is None or body.sector is None or body is draft:
            continue
        draft.sector = body.sector
        draft.country = draft.country or body.country


def _body_after_of(
    parsed: ParsedText, span: tuple[int, int], owner: dict[int, Draft]
) -> Draft | None:
    """The body or group a mention's "of" phrase names first ("leaders of the teachers
    union", "leaders of some of the largest labor unions")."""
    start, end = span
    heads = [i for i in range(start, end) if not start <= parsed.tokens[i].head < end]
    for head in heads:
        for of in parsed.children(head):
            if of.i < head or of.text.lower() != "of":
                continue
            named = (owner.get(t.i) for t in parsed.tokens[of.i + 1 : of.right + 1])
            body = next((d for d in named if d is not None), None)
            if body is not None and body.kind in ("organization", "group"):
                return body
    return None


def _infer_countries(drafts: list[Draft], scan: Scan, doc: Document, known: set[int]) -> None:
    """The documented paragraph rule for state actors whose words name no country.
    ``known``: the ids of the drafts the table of leaders coded, each naming its country
    once in each paragraph it is in, as a country name does ("Erdogan's spokesman")."""
    starts = _paragraph_starts(scan.parsed.text)
    cues = _country_cues(scan, starts)
    for draft in drafts:
        if id(draft) in known and draft.country:
            # once a paragraph: "he" and "Mr. Putin" again are one person, not more cues
            for paragraph in {_paragraph_of(scan, starts, start) for start, _ in draft.spans}:
                cues.setdefault(paragraph, Counter())[draft.country] += 1
    home = _home_country(doc)
    titled = {id(draft) for draft in drafts if draft.country}
    ties: list[tuple[Draft, list[str], Counter[str], list[Draft]]] = []
    for draft in drafts:
        if draft.country or draft.sector not in _NATIONAL_SECTORS or draft.kind == "country":
            continue
        if _international(draft.name):
            # "the International Court of Justice", "Western politicians", "Arab diplomats"
            # serve no paragraph's state
            continue
        partners = _partners(draft, drafts, scan)
        # "Minister X and U.S. Secretary Y": a writer qualifies one title and not the
        # other because the two serve different states
        contrast = {p.country for p, qualified in partners if qualified and p.country}
        # "authorities deported 40 others to China": whom or where a party acts on is not
        # the state it serves
        contrast |= _acted_on(draft, scan)
        paragraphs = sorted({_paragraph_of(scan, starts, start) for start, _ in draft.spans})
        everywhere = sum((cues.get(p, Counter()) for p in paragraphs), Counter[str]())
        tied = next(
            (ranked for p in paragraphs if (ranked := _ranked(cues.get(p, Counter()), contrast))),
            [],
        )
        if len(tied) == 1:
            draft.country = tied[0]
        elif tied:
            ties.append((draft, tied, everywhere, [p for p, _ in partners]))
        else:
            draft.country = home
    # ties last, so that the partners' own countries are known by then
    for draft, tied, everywhere, partners in ties:
        supporting = Counter(p.country for p in partners if p.country and id(p) not in titled)
        draft.country = _break_tie(tied, (supporting, everywhere), home) or home


# Words by which a body's or a group's name says it serves no single state.
_INTERNATIONAL = re.compile(
    r"\b(?:international|world|global|united nations|inter-\w+|multinational|regional"
    r"|western|arab|african|european|asian)\b",
    re.I,
)


def _international(name: str) -> bool:
    return bool(_INTERNATIONAL.search(name))


# --------------------------------------------------------------------------- public API


def _genders(candidates: Sequence[MentionCandidate]) -> dict[str, str]:
    """Surname -> gender, read from honorifics ("Ms. Freeland") anywhere in the text."""
    known = lexicon.honorifics()
    found = {}
    for candidate in candidates:
        gender = known.get(candidate.key) if candidate.type == "person" else None
        if gender:
            found[lexicon.surname_key(candidate.name)] = gender
    return found


def _doubtful_person(draft: Draft) -> bool:
    """A one-word PERSON with no title, honorific or pronoun: mostly tagger errors
    ("Rotterdam", "Twitter"), rarely a person named once by surname alone."""
    return (
        draft.kind == "person"
        and draft.named
        and " " not in draft.name
        and not draft.roles
        and draft.gender is None
    )


def _publication_day(doc: Document) -> str | None:
    day = exact_day(doc.published.value) if doc.published else None
    return day.isoformat() if day else None


def _apply_dictionary(
    draft: Draft, texts: list[str], dictionary: ActorDictionary, day: str | None
) -> None:
    for text in (draft.name, *texts):
        entry = dictionary.lookup(text, day)
        if entry is not None:
            draft.name = entry.name
            draft.country = entry.country or draft.country
            draft.sector = entry.sector or draft.sector
            return


def find_actors(
    doc: Document, parsed: ParsedText, *, dictionary: ActorDictionary | None = None
) -> tuple[Actor, ...]:
    """Every actor of the document with its mentions, kind, country, sector and roles."""
    scan, candidates = find_candidates(parsed)
    grouper = Grouper(scan, _genders(candidates))
    for candidate in candidates:
        grouper.add(candidate)
    day = _publication_day(doc)
    known = code_known_people(grouper.drafts, day)
    drafts = [d for d in grouper.drafts if id(d) in known or not _doubtful_person(d)]
    _code_by_bodies_led(drafts, parsed)
    _infer_countries(drafts, scan, doc, known)
    actors = []
    for number, draft in enumerate(drafts, start=1):
        mentions = _mentions(parsed, draft.spans)
        if dictionary is not None:
            _apply_dictionary(draft, [m.text for m in mentions], dictionary, day)
        actors.append(
            Actor(
                actor_id=f"{doc.doc_id}:a{number}",
                doc_id=doc.doc_id,
                name=display_name(draft.name),
                kind=draft.kind,
                country=draft.country,
                sector=draft.sector,
                roles=tuple(draft.roles),
                mentions=mentions,
            )
        )
    return tuple(actors)


def _mentions(parsed: ParsedText, spans: list[tuple[int, int]]) -> tuple[Mention, ...]:
    found = []
    for start, end in sorted({_trimmed(parsed, start, end) for start, end in spans}):
        first, last = parsed.tokens[start], parsed.tokens[end - 1]
        found.append(Mention(parsed.text[first.idx : last.end], first.idx, last.end))
    return tuple(found)


def _trimmed(parsed: ParsedText, start: int, end: int) -> tuple[int, int]:
    """A mention's tokens without the punctuation or possessive ending at either edge: an
    opening quote ('"local authorities'), a dash, the "'s" of a possessor before it."""
    tokens = parsed.tokens
    while end - start > 1 and (tokens[start].pos == "PUNCT" or tokens[start].tag == "POS"):
        start += 1
    while end - start > 1 and tokens[end - 1].pos == "PUNCT":
        end -= 1
    return start, end


# What an actor's name does not begin with: quotes, dashes and other marks a mention's
# tokens may start with, an age's remainder once its number is read as a count
# ("21-year-old student" -> "-year-old student"), a possessive's ending.
_NAME_DEBRIS = re.compile(r"^(?:['\u2019]s\s+|[^\w@#(]+|(?:year|month|week|day)s?-old\s+)+")
_NAME_END = re.compile(r"[\"'\u201c\u201d\u2018\u2019,;:\s-]+$")


def display_name(name: str) -> str:
    """An actor's name without the debris its mention's edges may hold."""
    cleaned = _NAME_END.sub("", _NAME_DEBRIS.sub("", name))
    return cleaned or name


def actor_at(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor one of whose mentions overlaps the characters [start, end), if any.

    Where mentions nest ("CIA" inside "CIA director Mike Pompeo"), the mention that overlaps
    most wins, then the shortest.
    """
    best: tuple[int, int] | None = None
    found = None
    for actor in actors:
        for mention in actor.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap <= 0 and not (mention.start < end and start < mention.end):
                continue
            score = (overlap, -(mention.end - mention.start))
            if best is None or score > best:
                best, found = score, actor
    return found


def actor_for_token(actors: Sequence[Actor], parsed: ParsedText, token_i: int) -> Actor | None:
    """The actor a token stands for: a mention covers it, or covers a name inside its phrase.

    For the subject of a verb or the head of a noun phrase: "Tillerson" in "Mr. Tillerson",
    "official" in "a senior official", or "administration" in "the Trump administration"
    (through its compound or apposition).
    """
    token = parsed.tokens[token_i]
    found = actor_at(actors, token.idx, token.end)
    if found is not None:
        return found
    for child in parsed.children(token_i):
        if child.dep in ("compound", "appos", "flat") and child.ent_type in _ACTOR_ENTITIES:
            found = actor_at(actors, child.idx, child.end)
            if found is not None:
                return found
    return None
