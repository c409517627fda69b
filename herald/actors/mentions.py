"""actors.mentions: the first half of the actors stage, finding candidate mentions.

One pass over the table matches (``herald.actors.phrases.match_phrases``), the parser's entities and
the tokens yields ``MentionCandidate`` mentions (``herald.actors.scan``), their titles read by
``herald.actors.titles``; ``herald.actors.grouping`` then groups them into actors. The order of
the passes and what each finds is described in ``herald.actors.stage``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import herald.actors.lexicon as lexicon
from herald.actors.phrases import PhraseMatch
from herald.actors.scan import MentionCandidate, Scan, Title
from herald.actors.titles import (
    _apposition,
    _is_title_token,
    _province_at,
    _read_title,
    _title_start,
    governed_province,
)
from herald.records import ParsedText, Token

_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "no", "every", "each"})


def _person_candidates(scan: Scan) -> list[MentionCandidate]:
    spans = [(e.start, e.end) for e in scan.parsed.entities if e.label == "PERSON"]
    spans += _titled_names(scan)
    found = []
    for start, end in sorted(spans):
        candidate = _person_at(scan, start, end)
        if candidate is not None:
            found.append(candidate)
    return found


def _titled_names(scan: Scan) -> list[tuple[int, int]]:
    """Names a person's title introduces whatever the tagger labelled them ("adviser Mesut
    Casin" came out a place): a singular person's role noun in lower case (a capitalized one
    may open a name of its own: "an Official Visit") that modifies the proper nouns right
    after it, the tables knowing none of them."""
    spans = []
    tokens = scan.tokens
    for match in scan.matches:
        head = tokens[match.end - 1]
        name_end = head.head + 1
        role = lexicon.role_for(match.key) if match.category == "role" else None
        if (
            role is None
            or role.kind != "person"
            or head.tag != "NN"
            or not head.text.islower()
            or head.dep != "compound"
            or head.head < match.end
            or tokens[head.head].ent_type == "PERSON"
        ):
            continue
        names = tokens[match.end : name_end]
        if all(
            t.pos == "PROPN" and t.text[:1].isupper() and scan.match_at[t.i] is None for t in names
        ):
            spans.append((match.end, name_end))
    return spans


def _person_at(scan: Scan, start: int, end: int) -> MentionCandidate | None:
    """The person named by tokens [start, end) with the title before or beside the name."""
    while end > start and scan.tokens[end - 1].tag == "POS":
        end -= 1
    while end - start > 1 and _is_title_token(scan, start):
        start += 1  # the tagger put the title inside the name: "Rabbi Jacob Luski"
    if end <= start or not scan.free(start, end) or _known_non_person(scan, start, end):
        return None
    first = start - 1 if start and scan.tokens[start - 1].text in lexicon.honorifics() else start
    title_start = _title_start(scan, first)
    title = _read_title(scan, title_start, first)
    if not (title.roles or title.country or title.sector):
        title_start = first
    candidate = MentionCandidate(
        start=title_start,
        end=end,
        head=end - 1,
        type="person",
        name=re.sub(r"['\u2019]s$", "", scan.text(start, end)),
        title=title,
        key=scan.tokens[first].text if first < start else "",
    )
    scan.claim(title_start, end, first)
    _apposition(scan, candidate)
    return candidate


def _repeated_surnames(scan: Scan, persons: list[MentionCandidate]) -> list[MentionCandidate]:
    """A full name's last word told again where the tagger saw no person ("This marks
    Rubio's second visit" after "Secretary of State Marco Rubio"): news names a person in
    full once and by surname after, and the tagger misses some of those. A one-word proper
    noun that is a full name's surname, the tables do not know and no capitalized word
    joins (not "Kate Rubio"), is that person again."""
    surnames = {p.name.split()[-1] for p in persons if len(p.name.split()) > 1}
    found = []
    for token in scan.tokens:
        if (
            token.text in surnames
            and token.pos == "PROPN"
            and token.ent_type not in _PLACE_ENTITIES
            and scan.free(token.i, token.i + 1)
            and scan.match_at[token.i] is None
            and not _capitalized_neighbour(scan, token.i)
        ):
            found.append(MentionCandidate(token.i, token.i + 1, token.i, "person", token.text))
            scan.claim(token.i, token.i + 1)
    return found


# A surname the tagger did not see as a person may carry any label ("Rubio's second visit"
# came out LAW) but a place's: "Jordan" after "Michael Jordan" may be the country.
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _capitalized_neighbour(scan: Scan, index: int) -> bool:
    """A capitalized word beside the token, inside its sentence: the token is part of a
    longer name."""
    sentence = scan.tokens[index].sent
    return any(
        0 <= i < len(scan.tokens)
        and scan.tokens[i].sent == sentence
        and scan.tokens[i].text[:1].isupper()
        and scan.tokens[i].pos == "PROPN"
        for i in (index - 1, index + 1)
    )


def _known_non_person(scan: Scan, start: int, end: int) -> bool:
    """The tagger took a known organization or country for a person ("Boko Haram")."""
    match = scan.match_at[start]
    return match is not None and match.start == start and match.end == end


def _nominal_candidates(scan: Scan) -> list[MentionCandidate]:
    """Noun phrases headed by a role noun: "a senior state department official", "police"."""
    found = []
    tokens = scan.tokens
    for match in scan.matches:
        if match.category != "role" or not scan.free(match.start, match.end):
            continue
        head = tokens[match.end - 1]
        governor = tokens[head.head]
        if (
            head.dep in ("compound", "amod", "nmod")
            and governor.i > head.i
            and (governor.pos in ("NOUN", "PROPN"))
        ):
            continue  # a modifier: "government" in "government official"
        if head.ent_type == "PERSON":
            continue
        start = match.start
        while start > 0 and not scan.claimed[start - 1] and tokens[start - 1].sent == head.sent:
            previous = tokens[start - 1]
            if not (
                start - 1 < previous.head < match.end
                or previous.pos == "DET"
                or previous.tag == "POS"
            ):
                break
            if previous.ent_type == "PERSON":
                break
            start -= 1
        # a possessor is the title's, as before a name ("Afghanistan's Ministry of Foreign
        # Affairs", like "Iran's Foreign Minister Zarif"), but a person's is not: "Trump's
        # spokesman" is not Trump
        while tokens[start].tag == "POS":
            start += 1
        first = tokens[start]
        form = lexicon.role_form(scan.text(match.start, match.end))
        plural = bool(form and form[1]) or head.tag in ("NNS", "NNPS")
        indefinite = first.text.lower() in _INDEFINITE or first.pos == "NUM"
        body = start
        while body < match.start and (
            tokens[body].pos in ("DET", "NUM") or _possessor(tokens, body, match.start)
        ):
            body += 1  # the name of "three Palestinian protesters" is "Palestinian protesters"
        title = _read_title(scan, start, match.start)
        if title.role is not None:  # a person noun as modifier: "student leader"
            title.sector = title.sector or title.role.sector
        role_title = _read_title(scan, match.start, match.end)
        title.roles, title.role = role_title.roles, role_title.role
        title.country = title.country or _country_of(scan, match.end, role_title)
        if role_title.role is None:
            title.role = lexicon.role_for(match.key)
        end = _named_through(scan, match)
        found.append(
            MentionCandidate(
                start=start,
                end=end,
                head=head.i,
                type="nominal",
                name=scan.text(body, end),
                title=title,
                key=match.key,
                plural=plural,
                definite=not indefinite,
            )
        )
        scan.claim(start, end, match.start)
    return found


def _named_through(scan: Scan, match: PhraseMatch) -> int:
    """Where the mention of an organ noun ends: at the end of the name the tagger reads it in
    when that name goes on with "of" ("Afghanistan's Ministry of Foreign Affairs", not
    "Ministry"), else at the noun."""
    after = match.end
    if not _of_at(scan, after):
        return after
    for entity in scan.parsed.entities:
        if entity.label == "ORG" and entity.start <= match.start and after < entity.end:
            return entity.end if scan.free(after, entity.end) else after
    return after


def _of_at(scan: Scan, i: int) -> bool:
    """Whether token ``i`` is an "of" that goes on with a title's name or its country."""
    return i < len(scan.tokens) and scan.tokens[i].text == "of"


def _country_of(scan: Scan, after: int, role: Title) -> str | None:
    """The country an "of" right after a title names: "the Government of Japan", "the
    President of the Republic of Korea"; a governor's of a name that is also a state, that
    state's ("the governor of Georgia", ``governed_province``); else that of a province or
    state when all so named are of one country ("the governor of Texas", "the premier of
    Ontario")."""
    if not _of_at(scan, after) or after + 1 >= len(scan.tokens):
        return None
    i = after + 1
    if scan.tokens[i].text.lower() == "the":
        i += 1
    match = scan.match_at[i] if i < len(scan.tokens) else None
    if match is not None and match.category == "country":
        return governed_province(role, scan.text(match.start, match.end)) or match.key
    province = _province_at(scan, after + 1, len(scan.tokens))
    return province[1] if province is not None else None


def _possessor(tokens: Sequence[Token], index: int, end: int) -> bool:
    """Whether the token is part of a possessor before ``end`` ("Afghanistan", "'s")."""
    return any(t.tag == "POS" for t in tokens[index:end])


def _with_article(scan: Scan, start: int, end: int) -> int:
    """Include the "the" of a name in its mention ("the State Department", not "the U.S."
    of "the U.S. approach")."""
    if not start or scan.claimed[start - 1]:
        return start
    article = scan.tokens[start - 1]
    return start - 1 if article.text.lower() == "the" and start <= article.head < end else start


def _table_organizations(scan: Scan) -> list[MentionCandidate]:
    found = []
    for match in scan.matches:
        if match.category != "organization":
            continue
        if scan.longer_name(match.start, match.end):
            found += _other_name(scan, match)
        elif scan.free(match.start, match.end):
            start = _with_article(scan, match.start, match.end)
            found.append(
                MentionCandidate(
                    start, match.end, match.end - 1, "organization", name=match.key, key=match.key
                )
            )
            scan.claim(start, match.end)
        elif all(scan.in_title[match.start : match.end]):
            # the body a title names is an actor too: "CIA" in "CIA director Mike Pompeo"
            found.append(
                MentionCandidate(
                    match.start,
                    match.end,
                    match.end - 1,
                    "organization",
                    name=match.key,
                    key=match.key,
                )
            )
    return found


def _other_name(scan: Scan, known: PhraseMatch) -> list[MentionCandidate]:
    """The longer name that holds a known one ("Free Democrats"), as an organization of its
    own that the tables do not know."""
    start, end = known.start, known.end
    while scan.longer_name(start, end):
        start -= 1
    if not scan.free(start, end):
        return []
    name = lexicon.normalize(scan.text(start, end))
    first = _with_article(scan, start, end)
    scan.claim(first, end)
    # of the known name's kind ("Free Democrats" are a party), not of its country
    info = lexicon.organization_for(known.key)
    title = Title(sector=info.sector if info is not None else None)
    return [MentionCandidate(first, end, end - 1, "organization", name=name, title=title, key=name)]


_NAME_POS = frozenset({"PROPN", "NOUN", "X"})  # the parts of speech a name is made of


def _entity_organizations(scan: Scan) -> list[MentionCandidate]:
    """ORG entities the tables do not know (after countries: "DPRK" is a country)."""
    found = []
    for entity in scan.parsed.entities:
        if entity.label != "ORG" or not scan.free(entity.start, entity.end):
            continue
        if "/" in entity.text:  # photo credits: "NAME/Agency"
            continue
        if entity.text.split()[-1].lower() in lexicon.facility_nouns():
            continue  # a building or site: where things happen, not who does them
        if not any(token.pos in _NAME_POS for token in scan.tokens[entity.start : entity.end]):
            continue  # a capitalized verb or adjective opening a sentence ("Coordinated")
        title = _read_title(scan, entity.start, entity.end)
        # words before the name say what it is: "Taiwanese company Billions Bunker Group"
        start = _title_start(scan, entity.start)
        before = _read_title(scan, start, entity.start)
        if before.country or before.sector:
            title.country = title.country or before.country
            title.sector = title.sector or before.sector
        else:
            start = entity.start
        name = lexicon.normalize(entity.text)
        found.append(
            MentionCandidate(
                start,
                entity.end,
                entity.end - 1,
                "organization",
                name=name,
                title=title,
                key=name,
            )
        )
        scan.claim(start, entity.end, entity.start)
    return found


def _generic_organizations(scan: Scan) -> list[MentionCandidate]:
    """ "the department", "the agency": resolved later against earlier organizations."""
    found = []
    generics = lexicon.organization_generics()
    for token in scan.tokens:
        if (
            token.pos == "NOUN"
            and token.text.lower() in generics
            and token.i
            and scan.tokens[token.i - 1].text.lower() == "the"
            and scan.free(token.i - 1, token.i + 1)
        ):
            found.append(
                MentionCandidate(
                    token.i - 1, token.i + 1, token.i, "generic", key=token.text.lower()
                )
            )
    return found


def _country_candidates(scan: Scan) -> list[MentionCandidate]:
    found = []
    tokens = scan.tokens
    for match in scan.matches:
        if match.category != "country" or not scan.free(match.start, match.end):
            continue
        if _inside_organization_name(scan, match.start, match.end):
            continue
        last = tokens[match.end - 1]
        if match.word == "demonym":
            continue
        if match.word == "capital" and not _acts(scan, last):
            continue
        start = _with_article(scan, match.start, match.end)
        found.append(MentionCandidate(start, match.end, last.i, "country", key=match.key))
        scan.claim(start, match.end)
    for token in tokens:
        if (
            token.text in ("North", "South")
            and token.i
            and tokens[token.i - 1].text.lower() == "the"
            and (token.i + 1 == len(tokens) or not tokens[token.i + 1].text[:1].isupper())
            and scan.free(token.i - 1, token.i + 1)
        ):
            found.append(
                MentionCandidate(token.i - 1, token.i + 1, token.i, "generic", key=token.text)
            )
    return found


def _inside_organization_name(scan: Scan, start: int, end: int) -> bool:
    """Whether a country's name is a word of an organization's name ("the Sudan Liberation
    Movement", "the Bank of England", "the Iraq Humanitarian Fund"): the tagger's ORG
    entity holds more capitalized words than the country, and is no country itself. Read
    alone, the country would make a rebel movement the state it fights."""
    for entity in scan.parsed.entities:
        if entity.label != "ORG" or not (entity.start <= start and end <= entity.end):
            continue
        rest = [*scan.tokens[entity.start : start], *scan.tokens[end : entity.end]]
        named = [t for t in rest if t.text[:1].isupper() and t.text.lower() != "the"]
        return bool(named) and lexicon.country_for(entity.text) is None
    return False


def _acts(scan: Scan, token: Token) -> bool:
    """A capital stands for its government when it does something ("Washington warned")."""
    governor = scan.tokens[token.head]
    if token.dep in ("nsubj", "nsubjpass") and governor.pos == "VERB":
        return governor.lemma not in ("be", "have")
    return token.dep == "poss"


def _pronoun_candidates(scan: Scan) -> list[MentionCandidate]:
    known = lexicon.pronouns()
    return [
        MentionCandidate(t.i, t.i + 1, t.i, "pronoun", key=t.text.lower())
        for t in scan.tokens
        if t.text.lower() in known and t.pos == "PRON" and not scan.claimed[t.i]
    ]


def find_candidates(parsed: ParsedText) -> tuple[Scan, list[MentionCandidate]]:
    """Every candidate mention of ``parsed`` in text order, with the scan that found them."""
    scan = Scan(parsed)
    for match in scan.matches:
        if match.category == "media":  # outlets are sources, not actors
            scan.claim(match.start, match.end)
    persons = _person_candidates(scan)
    candidates = [
        *persons,
        *_nominal_candidates(scan),
        *_table_organizations(scan),
        *_country_candidates(scan),
        *_repeated_surnames(scan, persons),
        *_entity_organizations(scan),
        *_generic_organizations(scan),
        *_pronoun_candidates(scan),
    ]
    candidates.sort(key=lambda c: (c.start, c.end))
    return scan, candidates
