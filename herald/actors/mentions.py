"""actors.mentions: the first half of the actors stage, finding candidate mentions.

One pass over the table matches (``herald.actors.lexicon.match_phrases``), the parser's entities and
the tokens yields ``Candidate`` mentions; ``herald.actors.grouping`` then groups them into
actors. The order of the passes and what each finds is described in ``herald.actors.stage``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from herald.actors import lexicon
from herald.records import ParsedText, Token

_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "no", "every", "each"})
_LINKS = frozenset({"of", "for", "'s", "\u2019s"})  # words inside a title: "Minister of X"


@dataclass(slots=True)
class Title:
    """What the words before or beside a name say: roles, country, sector."""

    roles: list[str] = field(default_factory=list)
    role: lexicon.RoleInfo | None = None
    country: str | None = None
    sector: str | None = None  # from an organization or role noun among the modifiers
    private: bool = False  # names a body the tables do not know: "president of Acme Inc."


@dataclass(slots=True)
class Candidate:
    start: int  # token range of the mention
    end: int
    head: int  # token that stands for the mention in the parse
    type: str  # "person", "nominal", "organization", "country", "generic", "pronoun"
    name: str = ""
    title: Title = field(default_factory=Title)
    key: str = ""  # organization name, iso3, role, generic noun, pronoun
    plural: bool = False
    definite: bool = True
    extra: list[tuple[int, int]] = field(default_factory=list)  # apposition spans


class Scan:
    """The parse with its table matches and which tokens are already claimed."""

    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.matches = lexicon.match_phrases(parsed)
        self.match_at: list[lexicon.PhraseMatch | None] = [None] * len(parsed.tokens)
        for match in self.matches:
            for i in range(match.start, match.end):
                self.match_at[i] = match
        self.claimed = [False] * len(parsed.tokens)
        self.in_title = [False] * len(parsed.tokens)

    def claim(self, start: int, end: int, title_end: int | None = None) -> None:
        for i in range(start, end):
            self.claimed[i] = True
        for i in range(start, title_end if title_end is not None else start):
            self.in_title[i] = True

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def text(self, start: int, end: int) -> str:
        return self.parsed.span_text(start, end)


def _read_title(scan: Scan, start: int, end: int) -> Title:
    """Roles, country and sector named by the tokens [start, end)."""
    title = Title()
    i = start
    while i < end:
        match = scan.match_at[i]
        if match is None or match.start < start or match.end > end:
            title.private = title.private or scan.tokens[i].ent_type == "ORG"
            i += 1
            continue
        if match.category == "country" and title.country is None:
            title.country = match.key
        elif match.category == "organization":
            org = lexicon.organization_for(match.key)
            if org is not None:
                title.country = title.country or org.country
                title.sector = title.sector or org.sector
        elif match.category == "role":
            _add_role(scan, title, match, start)
        i = match.end
    return title


def _add_role(scan: Scan, title: Title, match: lexicon.PhraseMatch, start: int) -> None:
    info = lexicon.role_for(match.key)
    if info is None:
        return
    if info.kind != "person":  # an organization or group noun: "government official"
        title.sector = title.sector or info.sector
        return
    first = match.start
    # Qualifiers belong to the title: "Deputy Prime Minister", "former president".
    while (
        first > start
        and scan.match_at[first - 1] is None
        and _qualifier(scan.tokens[first - 1], match)
    ):
        first -= 1
    title.roles.append(scan.text(first, match.end))
    title.role = info


def _qualifier(token: Token, match: lexicon.PhraseMatch) -> bool:
    if token.dep == "amod" and match.start <= token.head < match.end:
        return True
    return token.text[:1].isupper() and token.pos in ("PROPN", "ADJ") and not token.ent_type


def _title_start(scan: Scan, first: int) -> int:
    """First token of the title directly before token ``first`` (a name or honorific)."""
    tokens = scan.tokens
    sent = tokens[first].sent
    i = first - 1
    while i >= 0 and tokens[i].sent == sent and not scan.claimed[i]:
        token = tokens[i]
        match = scan.match_at[i]
        if match is not None and match.category != "media":
            i = match.start - 1
        elif _title_word(token, i):
            i -= 1
        else:
            break
    start = i + 1
    while start < first and tokens[start].text in _LINKS:
        start += 1
    return start


def _title_word(token: Token, i: int) -> bool:
    """A word that may sit inside a title: "of", "former", "Deputy"."""
    if token.text in _LINKS or (token.dep == "amod" and token.head >= i):
        return True
    return (
        token.text[:1].isupper()
        and token.pos in ("PROPN", "ADJ")
        and (token.ent_type in ("", "ORG", "GPE", "NORP"))
    )


def _is_title_token(scan: Scan, i: int) -> bool:
    match = scan.match_at[i]
    return scan.tokens[i].text in lexicon.honorifics() or (
        match is not None and match.category == "role"
    )


def _person_candidates(scan: Scan) -> list[Candidate]:
    found = []
    for entity in scan.parsed.entities:
        if entity.label != "PERSON":
            continue
        start, end = entity.start, entity.end
        while end > start and scan.tokens[end - 1].tag == "POS":
            end -= 1
        while end - start > 1 and _is_title_token(scan, start):
            start += 1  # the tagger put the title inside the name: "Rabbi Jacob Luski"
        if end <= start or not scan.free(start, end) or _known_non_person(scan, start, end):
            continue
        first = (
            start - 1 if start and scan.tokens[start - 1].text in lexicon.honorifics() else start
        )
        title_start = _title_start(scan, first)
        title = _read_title(scan, title_start, first)
        if not (title.roles or title.country or title.sector):
            title_start = first
        candidate = Candidate(
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
        found.append(candidate)
    return found


def _known_non_person(scan: Scan, start: int, end: int) -> bool:
    """The tagger took a known organization or country for a person ("Boko Haram")."""
    match = scan.match_at[start]
    return match is not None and match.start == start and match.end == end


def _apposition(scan: Scan, candidate: Candidate) -> None:
    """Titles in an apposition: "Mike Pompeo, the CIA director," / "the director, Mike Pompeo"."""
    head = scan.tokens[candidate.head]
    sentence = scan.parsed.sentences[head.sent]
    # an apposition follows within a few words: ", the CIA director"
    for token in scan.tokens[candidate.end : min(candidate.end + 8, sentence.end)]:
        if token.dep == "appos" and token.head == head.i:
            _take_apposition(scan, candidate, token.left, _phrase_end(scan, token), token.i)
            return
    governor = scan.tokens[head.head]
    if head.dep == "appos" and governor.i < candidate.start:
        _take_apposition(scan, candidate, governor.left, governor.i + 1, governor.i)


def _phrase_end(scan: Scan, head: Token) -> int:
    """End of the noun phrase of ``head`` with its "of ..." but no clause or comma after it."""
    end = head.i + 1
    while (
        end <= head.right
        and scan.tokens[end].text != ","
        and scan.tokens[end].dep not in ("relcl", "acl", "punct")
    ):
        end += 1
    return end


def _take_apposition(scan: Scan, candidate: Candidate, start: int, end: int, head: int) -> None:
    """Take the title of an apposition whose head is a role noun: not "a friend of President
    X", where the role belongs to somebody else."""
    match = scan.match_at[head]
    if match is None or match.category != "role" or not scan.free(start, end):
        return
    title = _read_title(scan, start, end)
    if title.role is None:
        return
    candidate.title.roles.extend(title.roles)
    candidate.title.role = candidate.title.role or title.role
    candidate.title.country = candidate.title.country or title.country
    candidate.title.sector = candidate.title.sector or title.sector
    candidate.title.private = candidate.title.private or title.private
    candidate.extra.append((start, end))
    scan.claim(start, end, end)


def _nominal_candidates(scan: Scan) -> list[Candidate]:
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
            if not (start - 1 < previous.head < match.end or previous.pos == "DET"):
                break
            if previous.ent_type == "PERSON":
                break
            start -= 1
        first = tokens[start]
        form = lexicon.role_form(scan.text(match.start, match.end))
        plural = bool(form and form[1]) or head.tag in ("NNS", "NNPS")
        indefinite = first.text.lower() in _INDEFINITE or first.pos == "NUM"
        body = start
        while body < match.start and tokens[body].pos in ("DET", "NUM"):
            body += 1  # the name of "three Palestinian protesters" is "Palestinian protesters"
        title = _read_title(scan, start, match.start)
        if title.role is not None:  # a person noun as modifier: "student leader"
            title.sector = title.sector or title.role.sector
        role_title = _read_title(scan, match.start, match.end)
        title.roles, title.role = role_title.roles, role_title.role
        if role_title.role is None:
            title.role = lexicon.role_for(match.key)
        found.append(
            Candidate(
                start=start,
                end=match.end,
                head=head.i,
                type="nominal",
                name=scan.text(body, match.end),
                title=title,
                key=match.key,
                plural=plural,
                definite=not indefinite,
            )
        )
        scan.claim(start, match.end, match.start)
    return found


def _with_article(scan: Scan, start: int, end: int) -> int:
    """Include the "the" of a name in its mention ("the State Department", not "the U.S."
    of "the U.S. approach")."""
    if not start or scan.claimed[start - 1]:
        return start
    article = scan.tokens[start - 1]
    return start - 1 if article.text.lower() == "the" and start <= article.head < end else start


def _table_organizations(scan: Scan) -> list[Candidate]:
    found = []
    for match in scan.matches:
        if match.category != "organization":
            continue
        if scan.free(match.start, match.end):
            start = _with_article(scan, match.start, match.end)
            found.append(
                Candidate(
                    start, match.end, match.end - 1, "organization", name=match.key, key=match.key
                )
            )
            scan.claim(start, match.end)
        elif all(scan.in_title[match.start : match.end]):
            # the body a title names is an actor too: "CIA" in "CIA director Mike Pompeo"
            found.append(
                Candidate(
                    match.start,
                    match.end,
                    match.end - 1,
                    "organization",
                    name=match.key,
                    key=match.key,
                )
            )
    return found


def _entity_organizations(scan: Scan) -> list[Candidate]:
    """ORG entities the tables do not know (after countries: "DPRK" is a country)."""
    found = []
    for entity in scan.parsed.entities:
        if entity.label != "ORG" or not scan.free(entity.start, entity.end):
            continue
        if "/" in entity.text:  # photo credits: "NAME/Agency"
            continue
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
            Candidate(
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


def _generic_organizations(scan: Scan) -> list[Candidate]:
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
                Candidate(token.i - 1, token.i + 1, token.i, "generic", key=token.text.lower())
            )
    return found


def _country_candidates(scan: Scan) -> list[Candidate]:
    found = []
    tokens = scan.tokens
    for match in scan.matches:
        if match.category != "country" or not scan.free(match.start, match.end):
            continue
        last = tokens[match.end - 1]
        if match.word == "demonym":
            continue
        if match.word == "capital" and not _acts(scan, last):
            continue
        start = _with_article(scan, match.start, match.end)
        found.append(Candidate(start, match.end, last.i, "country", key=match.key))
        scan.claim(start, match.end)
    for token in tokens:
        if (
            token.text in ("North", "South")
            and token.i
            and tokens[token.i - 1].text.lower() == "the"
            and (token.i + 1 == len(tokens) or not tokens[token.i + 1].text[:1].isupper())
            and scan.free(token.i - 1, token.i + 1)
        ):
            found.append(Candidate(token.i - 1, token.i + 1, token.i, "generic", key=token.text))
    return found


def _acts(scan: Scan, token: Token) -> bool:
    """A capital stands for its government when it does something ("Washington warned")."""
    governor = scan.tokens[token.head]
    if token.dep in ("nsubj", "nsubjpass") and governor.pos == "VERB":
        return governor.lemma not in ("be", "have")
    return token.dep == "poss"


def _pronoun_candidates(scan: Scan) -> list[Candidate]:
    known = lexicon.pronouns()
    return [
        Candidate(t.i, t.i + 1, t.i, "pronoun", key=t.text.lower())
        for t in scan.tokens
        if t.text.lower() in known and t.pos == "PRON" and not scan.claimed[t.i]
    ]


def find_candidates(parsed: ParsedText) -> tuple[Scan, list[Candidate]]:
    """Every candidate mention of ``parsed`` in text order, with the scan that found them."""
    scan = Scan(parsed)
    for match in scan.matches:
        if match.category == "media":  # outlets are sources, not actors
            scan.claim(match.start, match.end)
    candidates = [
        *_person_candidates(scan),
        *_nominal_candidates(scan),
        *_table_organizations(scan),
        *_country_candidates(scan),
        *_entity_organizations(scan),
        *_generic_organizations(scan),
        *_pronoun_candidates(scan),
    ]
    candidates.sort(key=lambda c: (c.start, c.end))
    return scan, candidates
