"""actors.titles: reading the titles of mentions (roles, country, sector) from a scan.

The words before a name ("Deputy Prime Minister", "CIA director") and an apposition beside it
("Mike Pompeo, the CIA director,") give a mention its ``Title``; ``herald.actors.mentions``
calls these readers while it finds candidates.
"""

from __future__ import annotations

import herald.actors.lexicon as lexicon
from herald.actors.known import known_people, person_key
from herald.actors.phrases import PhraseMatch
from herald.actors.scan import MentionCandidate, Scan, Title
from herald.places.gazetteer.lookup import rank
from herald.records import Token

_LINKS = frozenset({"of", "for", "'s", "\u2019s"})  # words inside a title: "Minister of X"


def _read_title(scan: Scan, start: int, end: int) -> Title:
    """Roles, country and sector named by the tokens [start, end)."""
    title = Title()
    named_country: tuple[int, int] | None = None  # where a country's name was read
    i = start
    while i < end:
        match = scan.match_at[i]
        if match is None or match.start < start or match.end > end:
            # a word of a name the tables do not know ("Acme"), not its article ("The
            # Government of Japan" is all one ORG entity); a leader the people table knows
            # names the state ("the Trump administration")
            token = scan.tokens[i]
            leader = known_people().get(person_key(token.text)) if token.pos == "PROPN" else None
            province = _province_at(scan, i, end)
            if leader is not None:
                title.country = title.country or leader.country
            elif province is not None:
                # "Florida Rep.", "Punjab Chief Minister" (Punjab is Indian and Pakistani)
                i, country = province
                title.country = title.country or country
                continue
            else:
                title.private = title.private or (token.ent_type == "ORG" and token.pos != "DET")
            i += 1
            continue
        if match.category == "country" and title.country is None:
            title.country = match.key
            named_country = (match.start, match.end)
        elif match.category == "organization":
            org = lexicon.organization_for(match.key)
            if org is not None:
                # "Liberal Democratic Party": a party, not the American one
                if not scan.longer_name(match.start, match.end):
                    title.country = title.country or org.country
                title.sector = title.sector or org.sector
        elif match.category == "role":
            _add_role(scan, title, match, start)
        i = match.end
    if named_country is not None:
        title.country = governed_province(title, scan.text(*named_country)) or title.country
    return title


def governed_province(title: Title, name: str) -> str | None:
    """The country of the province a governor's title names ("Georgia Gov. Brian Kemp", "the
    governor of Georgia"): a governor governs a state or a province, so a name that is both
    a country and the province of one country names the province. None for other titles."""
    if title.role is None or title.role.role_class != "governor":
        return None
    return _sole(_province_countries(name))


def _province_countries(name: str) -> set[str]:
    """The countries of the provinces or states called ``name``."""
    return {e.country for e in rank(name) if e.feature == "admin1"}


def _sole(countries: set[str]) -> str | None:
    return next(iter(countries)) if len(countries) == 1 else None


def _province_at(scan: Scan, start: int, end: int) -> tuple[int, str | None] | None:
    """A place name (spaCy GPE) that opens at token ``start`` inside a title and names a
    province or a state ("Florida", "North Carolina"): where it ends, and its country when
    all provinces so named are of one. None for any other name."""
    if scan.tokens[start].ent_type != "GPE" or scan.tokens[start].ent_iob != "B":
        return None
    stop = start + 1
    while stop < end and scan.tokens[stop].ent_iob == "I":
        stop += 1
    countries = _province_countries(scan.text(start, stop))
    if not countries:
        return None
    return stop, _sole(countries)


def _add_role(scan: Scan, title: Title, match: PhraseMatch, start: int) -> None:
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


def _qualifier(token: Token, match: PhraseMatch) -> bool:
    if token.dep == "amod" and match.start <= token.head < match.end:
        return True
    return token.text[:1].isupper() and token.pos in ("PROPN", "ADJ") and not token.ent_type


def _title_start(scan: Scan, first: int) -> int:
    """First token of the title directly before token ``first`` (a name or honorific)."""
    tokens = scan.tokens
    sent = tokens[first].sent
    if first > 0 and tokens[first - 1].text in ("of", "for"):
        return first  # "a representative for Thurman": the name is whom the title serves
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


def _apposition(scan: Scan, candidate: MentionCandidate) -> None:
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


def _take_apposition(
    scan: Scan, candidate: MentionCandidate, start: int, end: int, head: int
) -> None:
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
