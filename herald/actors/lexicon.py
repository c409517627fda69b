"""actors.lexicon: herald's own lookup tables (countries, roles, organizations, news media).

Each table is a CSV file with a header in ``herald/data/``; it is read once per process
(``functools.cache``) and exposed as frozen records and small lookup functions. Multi-valued
cells (aliases, demonyms, capitals, generic nouns) are separated by ``|``.

- ``countries.csv``: ``iso3, name, aliases, demonyms, capitals``: every UN member state plus
  Palestine, the Holy See, Taiwan, Kosovo (``XKX``) and Hong Kong.
  ``country_for("Canadian") == "CAN"``, ``country_for("Pyongyang") == "PRK"``.
- ``roles.csv``: ``role, plural, sector, kind, class, descriptor``: titles and agent nouns.
  ``kind`` is the actor kind of the singular noun (the plural is always a group);
  ``class`` marks equivalent offices (``head`` of state/government, ``foreign``,
  ``defense``, ...); ``descriptor`` is ``yes`` for descriptions that are not titles
  ("the top diplomat"), which refer back to a person holding a title of the same class.
- ``organizations.csv``: ``name, aliases, country, sector, type, generic``: international and
  national bodies; ``generic`` lists the common nouns that refer back to it ("the department").
- ``media.csv``: ``name, aliases, country, type``: news outlets and agencies. They are
  sources, never political actors (``is_media``). ``media_name_endings.csv`` (``ending,
  note``) lists the last words that mark an outlet the table lacks ("... Times").
- ``agent_nouns.csv`` (``noun, sector``): nouns of people and bodies that can act but are
  no titles ("residents", "investors"); what is neither a role nor one of these is no agent.
- ``honorifics.csv`` (``honorific, gender``) and ``pronouns.csv`` (``pronoun, gender, case``).

``herald.actors.phrases.match_phrases(parsed)`` finds every surface form of these tables in a
parse in one pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from herald.data_files import read_rows
from herald.records import ActorKind

CountryWord = Literal["name", "demonym", "capital"]


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One country: ISO 3166 alpha-3 code and the words that name it."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoleInfo:
    """A title or agent noun and what it says about whoever holds it."""

    role: str  # lower case singular: "secretary of state"
    plural: str
    sector: str | None
    kind: ActorKind
    role_class: str | None  # "head", "foreign", "defense", ...: equivalent offices
    descriptor: bool  # "the top diplomat": a description, not a title

    @property
    def head_word(self) -> str:
        """The noun that heads the role ("minister" in "foreign minister")."""
        words = self.role.split(" of ")[0].split()
        return words[-1] if words else self.role


@dataclass(frozen=True, slots=True)
class OrganizationInfo:
    """A well-known organization with its short forms and coding."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    type: str
    generics: tuple[str, ...]  # common nouns that refer back to it: "department"


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """A news outlet or agency."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    type: str


def split_cell(cell: str) -> tuple[str, ...]:
    """The values of a multi-valued table cell ("a|b|c")."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def normalize(text: str) -> str:
    """A surface form as tables key it: no leading "the", no possessive, single spaces."""
    text = " ".join(text.replace("\u2019", "'").split())
    text = re.sub(r"^(the|The|THE)\s+", "", text)
    return re.sub(r"'s?$", "", text) if text.endswith(("'s", "s'")) else text


# The sectors of a state's organs: government, armed forces, legislature, judiciary,
# police and intelligence.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# The Arabic article before a family name, which news drops after the first mention
# ("Bashar al-Assad" ... "Assad", "Abdel Fattah el-Sisi" ... "Sisi").
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-", re.IGNORECASE)


def surname_key(name: str) -> str:
    """The key of the last word of a person's name: lower case, no Arabic article."""
    words = name.split()
    return _ARTICLE.sub("", words[-1].lower()) if words else ""


@functools.cache
def countries() -> tuple[CountryInfo, ...]:
    """Every country of countries.csv."""
    return tuple(
        CountryInfo(
            iso3=row["iso3"],
            name=row["name"],
            aliases=split_cell(row["aliases"]),
            demonyms=split_cell(row["demonyms"]),
            capitals=split_cell(row["capitals"]),
        )
        for row in read_rows("actors/countries.csv")
    )


@functools.cache
def country_words() -> dict[str, tuple[str, CountryWord]]:
    """Normalized surface form -> (iso3, what kind of word it is)."""
    table: dict[str, tuple[str, CountryWord]] = {}
    for info in countries():
        for word in (info.name, *info.aliases):
            table[normalize(word)] = (info.iso3, "name")
        for word in info.demonyms:
            table[normalize(word)] = (info.iso3, "demonym")
        for word in info.capitals:
            table[normalize(word)] = (info.iso3, "capital")
    return table


@functools.cache
def _country_words_folded() -> dict[str, tuple[str, CountryWord]]:
    return {key.casefold(): value for key, value in country_words().items()}


def country_word(text: str) -> tuple[str, CountryWord] | None:
    """(iso3, "name"|"demonym"|"capital") for a country name, alias, demonym or capital.

    Case matters for single words ("Chad" is a country, "chad" is not) except in all-caps
    text such as datelines ("OTTAWA").
    """
    key = normalize(text)
    found = country_words().get(key)
    if found is None and (key.isupper() or " " in key):
        found = _country_words_folded().get(key.casefold())
    return found


def country_for(text: str) -> str | None:
    """The ISO 3166 alpha-3 code that ``text`` names, if any ("Canadian" -> "CAN")."""
    found = country_word(text)
    return found[0] if found else None


@functools.cache
def country_by_iso3() -> dict[str, CountryInfo]:
    return {info.iso3: info for info in countries()}


@functools.cache
def roles() -> tuple[RoleInfo, ...]:
    """Every role of roles.csv."""
    return tuple(
        RoleInfo(
            role=row["role"].lower(),
            plural=row["plural"].lower(),
            sector=row["sector"] or None,
            kind=_actor_kind(row["kind"]),
            role_class=row["class"] or None,
            descriptor=row["descriptor"] == "yes",
        )
        for row in read_rows("actors/roles.csv")
    )


def _actor_kind(value: str) -> ActorKind:
    kinds: dict[str, ActorKind] = {
        "person": "person",
        "group": "group",
        "organization": "organization",
        "country": "country",
    }
    return kinds[value]


@functools.cache
def _role_forms() -> dict[str, tuple[RoleInfo, bool]]:
    """Lower-case singular and plural forms -> (role, is_plural)."""
    table: dict[str, tuple[RoleInfo, bool]] = {}
    for info in roles():
        if info.plural:
            table[info.plural] = (info, info.plural != info.role)
        table[info.role] = (info, False)
    return table


def role_for(text: str) -> RoleInfo | None:
    """The role that a title or agent noun names, singular or plural, any case."""
    found = _role_forms().get(" ".join(text.lower().split()))
    return found[0] if found else None


def role_form(text: str) -> tuple[RoleInfo, bool] | None:
    """(role, whether ``text`` is its plural form) for a title or agent noun."""
    return _role_forms().get(" ".join(text.lower().split()))


@functools.cache
def agent_nouns() -> dict[str, str | None]:
    """Nouns that name people or bodies able to act but are no titles (agent_nouns.csv:
    "residents", "investors", "journalists"), each with its usual sector."""
    return {row["noun"]: row["sector"] or None for row in read_rows("actors/agent_nouns.csv")}


@functools.cache
def facility_nouns() -> frozenset[str]:
    """Last words of names of buildings and sites (facility_nouns.csv: "hotel", "mosque",
    "stadium"): a place where something happens, never a party to it, even when the entity
    tagger calls it an organization ("the Qahira Hotel")."""
    return frozenset(row["noun"] for row in read_rows("actors/facility_nouns.csv"))


@functools.cache
def organizations() -> tuple[OrganizationInfo, ...]:
    """Every organization of organizations.csv."""
    return tuple(
        OrganizationInfo(
            name=row["name"],
            aliases=split_cell(row["aliases"]),
            country=row["country"] or None,
            sector=row["sector"] or None,
            type=row["type"],
            generics=split_cell(row["generic"]),
        )
        for row in read_rows("actors/organizations.csv")
    )


@functools.cache
def _organization_forms() -> dict[str, OrganizationInfo]:
    return {
        normalize(form).casefold(): info
        for info in organizations()
        for form in (info.name, *info.aliases)
    }


def organization_for(text: str) -> OrganizationInfo | None:
    """The organization that ``text`` names ("the State Department", "CIA"), if known."""
    return _organization_forms().get(normalize(text).casefold())


@functools.cache
def organization_generics() -> frozenset[str]:
    """Every common noun that can refer back to an organization ("department", "agency")."""
    return frozenset(word.lower() for info in organizations() for word in info.generics)


@functools.cache
def media() -> tuple[MediaInfo, ...]:
    """Every outlet of media.csv."""
    return tuple(
        MediaInfo(
            name=row["name"],
            aliases=split_cell(row["aliases"]),
            country=row["country"] or None,
            type=row["type"],
        )
        for row in read_rows("actors/media.csv")
    )


@functools.cache
def _media_forms() -> dict[str, MediaInfo]:
    return {
        normalize(form).casefold(): info for info in media() for form in (info.name, *info.aliases)
    }


def media_for(name: str) -> MediaInfo | None:
    """The outlet that ``name`` names ("Reuters", "The Globe and Mail"), if known."""
    return _media_forms().get(normalize(name).casefold())


def is_media(name: str) -> bool:
    """Whether ``name`` is a news outlet or agency (a source, never a political actor)."""
    return media_for(name) is not None


@functools.cache
def media_name_endings() -> tuple[str, ...]:
    """Last words that mark an outlet the table does not list ("... Times", "... Post")."""
    return tuple(row["ending"].lower() for row in read_rows("actors/media_name_endings.csv"))


def looks_like_media(name: str) -> bool:
    """A listed outlet, or a name that ends like one ("The Jersey Journal")."""
    if is_media(name):
        return True
    words = normalize(name).lower()
    return " " in words and words.endswith(tuple(" " + end for end in media_name_endings()))


@functools.cache
def honorifics() -> dict[str, str | None]:
    """Honorific ("Mr.") -> "male", "female" or None when it says nothing of gender."""
    return {row["honorific"]: row["gender"] or None for row in read_rows("actors/honorifics.csv")}


@functools.cache
def pronouns() -> dict[str, tuple[str, str]]:
    """Lower-case personal pronoun -> (gender, case)."""
    rows = read_rows("actors/pronouns.csv")
    return {row["pronoun"]: (row["gender"], row["case"]) for row in rows}
