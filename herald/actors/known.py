"""actors.known: the country of well-known political leaders, which news often leaves out.

News names a head of state without a country when its readers know it: "President Bush
threatened further action against Russia", "Putin offered to negotiate with the president of
Armenia". The paragraph rule (``herald.actors.stage``) then gives such a person the country
the paragraph names most, here Russia for Bush; with no title, no country at all. Coders of
political events have always kept actor dictionaries for this (people, their country and
their offices in time); ``people.csv`` is herald's: heads of state and of government who held
office between 1980 and 2025 (and some foreign and defence ministers, spokespeople, generals,
speakers and leaders of legislatures, party, opposition and armed leaders), each with the
country served (blank for an office of an international body), the years in office and the
office's sector (blank: GOV; IGO for the heads of the UN, NATO, the EU and other
international bodies), listed country by country as far as its authors could, not from any
article. It is not complete.

A person the table names takes its home country unless the text's own words give one
("Turkish President Erdogan") or make the person an international body's ("NATO Secretary
General Jens Stoltenberg"); in office on the publication day, that office's sector when the
text gives none, after every office it gives (or in a text with no date) the elites' (ELI,
PLOVER's former officials: a former president is still a political figure), and no country
during an international office ("Guterres said" in 2020 is the UN's, not Portugal's). A
surname alone ("Putin") is an alias of the table, written only where news uses it alone;
any name or alias the table gives people of two countries is left out. The table also
says whether each is a man or a woman, so that "she" after "Hillary Clinton" and "Benazir
Bhutto" is not read as a man named nearby (``grouping``: a person named in full takes the
table's gender).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import herald.actors.lexicon as lexicon
from herald.data_files import read_rows

if TYPE_CHECKING:  # grouping reads the genders of this table
    from herald.actors.grouping import Draft

# Titles a table name may start with ("King Salman", "Ayatollah Ali Khamenei"): a draft's
# name has its title apart, so the key drops them while two words or more remain ("King
# Hussein" stays whole: "Hussein" alone is many people).
_TITLES = frozenset(
    {"king", "queen", "emperor", "prince", "crown", "sultan", "ayatollah", "mullah"}
)
_INITIAL = re.compile(r"^[a-z]\.?$")
ELITE = "ELI"  # the sector of a person of the table out of office


@dataclass(frozen=True, slots=True)
class Term:
    """Years in an office (``end`` None: still in it), the office's sector, and the country
    served (None for an office of an international body: a UN secretary-general's)."""

    start: int | None
    end: int | None
    sector: str
    country: str | None


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """One person of ``people.csv``: the home country (the first country a row of the person
    gives, if any) and the terms in office."""

    name: str
    country: str | None
    terms: tuple[Term, ...]
    gender: str | None = None  # None for a name the table gives a man and a woman

    def office(self, year: int) -> Term | None:
        """The office held in ``year``, if any (a row with no years is no office: the table
        gives that person's country only)."""
        held = (t for t in self.terms if t.start is not None and t.start <= year <= (t.end or 9999))
        return next(held, None)

    def former(self, year: int) -> bool:
        """Whether every office the table gives ended before ``year``: a former leader.
        Before the first one the person may hold an office the table leaves out (a senator
        who is later a minister)."""
        ends = [t.end for t in self.terms if t.start is not None]
        return bool(ends) and all(end is not None and end < year for end in ends)


def person_key(name: str) -> str:
    """A name as the table keys it: no honorific ("Mr. Putin"), no title before two words
    or more, no initials, no accents, lower case ("George W. Bush" -> "george bush")."""
    plain = unicodedata.normalize("NFKD", lexicon.normalize(name))
    words = "".join(c for c in plain if not unicodedata.combining(c)).casefold().split()
    honorifics = _honorifics()
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    while len(words) > 2 and words[0] in _TITLES:
        words = words[1:]
    named = [w for w in words if not _INITIAL.match(w)]
    return " ".join(named if len(named) >= 2 else words)


@functools.cache
def _honorifics() -> frozenset[str]:
    return frozenset(h.casefold() for h in lexicon.honorifics())


@functools.cache
def known_people() -> dict[str, KnownPerson]:
    """Every name and alias of ``people.csv`` -> its person, names of two countries left out.
    A name of two people of one country ("Bush", "George Bush") has the terms of both."""
    terms: dict[str, list[Term]] = {}
    keys: dict[str, list[str]] = {}
    genders: dict[str, str] = {}
    for row in read_rows("actors/people.csv"):
        name = row["name"]
        terms.setdefault(name, []).append(_term(row))
        genders[name] = row["gender"]
        for form in (name, *lexicon.split_cell(row["aliases"])):
            keys.setdefault(person_key(form), []).append(name)
    home = {
        name: next((t.country for t in held if t.country), None) for name, held in terms.items()
    }
    return {
        key: KnownPerson(
            names[0],
            home[names[0]],
            tuple(t for n in set(names) for t in terms[n]),
            _one({genders[name] for name in names}),
        )
        for key, names in keys.items()
        if len({home[name] for name in names}) == 1
    }


def _one(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _term(row: dict[str, str]) -> Term:
    start, end = row["from"], row["to"]
    return Term(
        int(start) if start else None,
        int(end) if end else None,
        row["sector"] or "GOV",
        row["country"] or None,
    )


def known_person(draft: Draft) -> KnownPerson | None:
    """The person of the table a draft names: a person by any of its names, or a body or
    group the tagger took for one by a full name ("Romano Prodi", tagged ORG)."""
    key = person_key(draft.name)
    if draft.kind != "person" and " " not in key:
        return None
    return known_people().get(key)


def code_known_people(drafts: Sequence[Draft], day: str | None) -> set[int]:
    """Codes every draft the table knows (see the module docstring); the ``id`` of each."""
    year = int(day[:4]) if day else None
    coded = set()
    for draft in drafts:
        person = known_person(draft)
        if person is None:
            continue
        coded.add(id(draft))
        draft.kind = "person"
        term = person.office(year) if year is not None else None
        if draft.sector is None and term is not None:
            draft.sector = term.sector
        elif draft.sector is None and _out_of_office(person, year):
            draft.sector = ELITE
        # "NATO Secretary General Jens Stoltenberg" acts for NATO, not for Norway
        if draft.sector != "IGO":
            draft.country = draft.country or person.country
    return coded


def _out_of_office(person: KnownPerson, year: int | None) -> bool:
    """Whether a person of the table is a political figure out of office: a former one, or
    one of a text with no date (a plain file), whose office in it cannot be told but who
    held one."""
    if year is None:
        return any(term.start is not None for term in person.terms)
    return person.former(year)
