"""Who is who across documents: one identity for the many spellings of one actor.

Within an article the actors stage already groups "Donald Trump", "Mr. Trump" and "he".
Across articles the same person comes back as "Kim Jong Un" and "Kim Jong-un", "Trump" and
"Donald Trump", "Mr. Macron" and "Emmanuel Macron". This module decides, from the distinct
(name, kind, country) *variants* a database holds, which of them are one actor, and says
why (the rule and the names that support it).

Two promises make the identities stable across a growing database:

- the decision for a variant is a function of the SET of variants alone, never of the order
  in which they arrived;
- an identity's id is a hash of its canonical key (kind, country, folded name), never a
  counter: the same database content gives the same ids whatever the order of ingestion.

The rules, tried in this order for each variant:

1. ``country``: a country actor is its ISO3 code ("U.S.", "United States" are USA).
2. ``country_of_name``: a variant without a country whose folded name is known with exactly
   one country (same kind) takes that country. A person's full name ("Donald Trump") is
   one identity whatever the country articles give it: the actors stage sometimes gives
   a person the country of the story, and two people of one full name are rarer.
3. ``surname``: a person named by one word ("Trump", "Mr. Macron") that is the last word of
   exactly one full name of a person with a compatible country (one some article gave
   that full name, or none known on either side) is that person. Two candidates ("Lee"
   among Barbara Lee of USA and Robert Lee of GBR, with no country to choose) leave the
   variant on its own; a surname never crosses countries ("Moon" of GBR is Keith Moon,
   not Moon Jae-in of KOR).
4. ``spelling``: variants whose names fold to the same key (case, diacritics, hyphens,
   dots, leading honorifics and titles, a person's middle initials) are one identity.
5. ``own``: otherwise the variant is an identity of its own.

``is_named`` tells a proper name from what should not be a node of a network (numbers,
punctuation, percentages, bare common nouns such as "officials" or "help").
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from herald.actors.lexicon import (
    agent_nouns,
    country_by_iso3,
    country_for,
    honorifics,
    role_for,
)

# A title may be several words ("Secretary of State"); longer prefixes are not titles.
MAX_TITLE_WORDS = 4
_NOT_WORD = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"^[\d.,]+$")


@dataclass(frozen=True, slots=True)
class Variant:
    """One way the database names an actor: a distinct (name, kind, country)."""

    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    """What a variant resolves to, and why."""

    identity_id: str
    key: str  # kind|country|folded name: what the id hashes
    rule: str  # country, country_of_name, surname, spelling or own
    evidence: tuple[str, ...]  # the other names that support the rule


# ------------------------------------------------------------------------ folding names


def fold(text: str) -> str:
    """Lower case, no diacritics, every run of non-word characters one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold().replace("_", " ")).split())


@functools.cache
def _folded_honorifics() -> frozenset[str]:
    return frozenset(fold(word) for word in honorifics())


def _title_length(words: list[str], raw: list[str]) -> int:
    """How many leading words form a title or an honorific ("president", "mr", "secretary
    of state"), the longest that leaves a capitalised name after it; 0 when none does."""
    for size in range(min(MAX_TITLE_WORDS, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        is_title = prefix in _folded_honorifics() or role_for(prefix) is not None
        if is_title and raw[size][:1].isupper():
            return size
    return 0


# A store re-decides the same names batch after batch (a surname's full names, the
# spellings of a common name): the pure functions of a name below are kept, up to a bound.
NAMES_KEPT = 65_536


@functools.lru_cache(maxsize=NAMES_KEPT)
def name_key(name: str, kind: str) -> str:
    """The folded name that identities compare: no honorific or title in front of a name
    ("Mr. Trump", "President Macron"), and for a person no middle initial ("Donald J.
    Trump" and "Donald Trump" fold alike). A description keeps its words ("executive
    director" is not "director")."""
    raw = [word for word in _NOT_WORD.split(name.replace("_", " ")) if word]
    words = [fold(word) for word in raw]
    while (cut := _title_length(words, raw)) > 0:
        words, raw = words[cut:], raw[cut:]
    if kind == "person" and len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


@functools.lru_cache(maxsize=NAMES_KEPT)
def is_named(name: str, kind: str) -> bool:
    """Whether the name is a proper name, worth a node of its own in a network."""
    if not any(ch.isalpha() for ch in name):
        return False  # "8", "-"
    if "%" in name:
        return False
    words = fold(name).split()
    if any(_NUMBER.match(word) for word in words) or "percent" in words:
        return False  # "63 percent", "2,000 people"
    if kind == "country":
        return True
    if not any(ch.isupper() for ch in name):
        return False  # a bare common noun: "help", "senior state department official"
    if kind in ("person", "group") and not _proper_words(name):
        return False  # a description: "teenage Palestinian girl", "Russian President"
    # "Officials", "Protesters": a common noun at a sentence's start.
    return not (len(words) == 1 and (words[0] in agent_nouns() or role_for(words[0]) is not None))


def _capitalised_runs(name: str) -> list[str]:
    """The runs of consecutive capitalised words ("South Korean" in "South Korean
    authorities"), each run as one phrase."""
    runs: list[list[str]] = [[]]
    for word in _NOT_WORD.split(name):
        if word[:1].isupper():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if run]


def _is_common_phrase(phrase: str, plural: bool) -> bool:
    """A country word ("Palestinian", "South Korean", with ``plural`` also "Nigerians"), a
    title or an honorific, or words each of which is one ("Russian President")."""
    forms = [phrase, phrase[:-1]] if plural and phrase.endswith("s") else [phrase]
    if any(
        country_for(form) is not None
        or role_for(form) is not None
        or fold(form) in _folded_honorifics()
        for form in forms
    ):
        return True
    words = phrase.split()
    return len(words) > 1 and all(_is_common_phrase(word, plural) for word in words)


def _proper_words(name: str) -> list[str]:
    """The capitalised phrases of a name that make it somebody's name: neither a country
    word, a title nor an honorific, nor a sentence's capital on a description's first word
    ("Many people", "Other officials")."""
    words = name.split()
    # A lone plural demonym is a group that acts ("Palestinians"); inside a description
    # it only qualifies ("other abducted Nigerians").
    plural = len(words) > 1
    runs = [run for run in _capitalised_runs(name) if not _is_common_phrase(run, plural)]
    if runs == [words[0]] and len(words) > 1 and words[0] == runs[0]:
        return []
    return runs


def display_preference(variant: Variant) -> int:
    """How fit a variant is to name its identity: 2 for a country's own name ("China",
    not "Beijing"), 1 for a name as plain as its key (no title, no initial), else 0."""
    country = country_by_iso3().get(variant.country or "")
    if variant.kind == "country" and country is not None and variant.name == country.name:
        return 2
    return int(fold(variant.name) == name_key(variant.name, variant.kind))


def identity_id(key: str) -> str:
    return "ac-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _key(kind: str, country: str | None, folded: str) -> str:
    return f"{kind}|{country or ''}|{folded}"


# ------------------------------------------------------------------------ resolving


@dataclass(frozen=True, slots=True)
class _Step:
    """A variant after rules 1-2: its kind, country (perhaps filled) and folded name."""

    kind: str
    country: str | None
    folded: str
    rule: str
    evidence: tuple[str, ...]

    @property
    def key(self) -> str:
        return _key(self.kind, self.country, self.folded)


def resolve(variants: Iterable[Variant]) -> dict[Variant, Identity]:
    """The identity of every variant, decided from the whole set (see the module's rules)."""
    chosen = list(set(variants))
    folded = {v: name_key(v.name, v.kind) for v in chosen}
    steps = _with_spellings(_countries_filled(chosen, folded))
    surnames = _surname_candidates(steps)
    resolved = {}
    for variant in chosen:
        step = steps[variant]
        candidates = surnames.get((step.folded, step.country), {})
        if _is_surname(variant, step) and len(candidates) == 1:
            ((full, names),) = candidates.items()
            step = _Step("person", None, full, "surname", tuple(sorted(names)))
        resolved[variant] = Identity(identity_id(step.key), step.key, step.rule, step.evidence)
    return resolved


def _is_full_name(variant: Variant, folded: str) -> bool:
    return variant.kind == "person" and " " in folded and is_named(variant.name, "person")


def _is_surname(variant: Variant, step: _Step) -> bool:
    return (
        variant.kind == "person"
        and bool(step.folded)
        and " " not in step.folded
        and is_named(variant.name, "person")
    )


def _countries_filled(variants: list[Variant], folded: dict[Variant, str]) -> dict[Variant, _Step]:
    """Rules 1 and 2: country actors by code; a person's full name whatever country the
    articles gave it (the same full name in two countries is far likelier a slip of the
    country than two people); for other names a country taken from the same name
    elsewhere."""
    countries: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for v in variants:
        if v.country:
            countries[(v.kind, folded[v])][v.country].add(v.name)
    steps = {}
    for v in variants:
        known = countries.get((v.kind, folded[v]), {})
        if v.kind == "country" and v.country:
            steps[v] = _Step("country", v.country, "", "country", (v.country,))
        elif _is_full_name(v, folded[v]):
            steps[v] = _Step("person", None, folded[v], "own", ())
        # A description ("the king", "attorney general") is no one in particular.
        elif v.country is None and len(known) == 1 and is_named(v.name, v.kind):
            ((country, names),) = known.items()
            steps[v] = _Step(v.kind, country, folded[v], "country_of_name", tuple(sorted(names)))
        else:
            steps[v] = _Step(v.kind, v.country, folded[v], "own", ())
    return steps


def _surname_candidates(
    steps: dict[Variant, _Step],
) -> dict[tuple[str, str | None], dict[str, set[str]]]:
    """(one-word name, its country) -> {folded full name it may stand for: its spellings}.

    A one-word name without a country may stand for any full name ending with it; one with
    a country only for a full name given that country, or given none, in some article.
    """
    surnames: dict[str, set[str | None]] = defaultdict(set)
    full_names: dict[str, set[str]] = defaultdict(set)
    full_countries: dict[str, set[str | None]] = defaultdict(set)
    for v, step in steps.items():
        if _is_surname(v, step):
            surnames[step.folded].add(step.country)
        elif _is_full_name(v, step.folded):
            full_names[step.folded].add(v.name)
            full_countries[step.folded].add(v.country)
    found: dict[tuple[str, str | None], dict[str, set[str]]] = defaultdict(dict)
    for full, names in full_names.items():
        last = full.split()[-1]
        for country in surnames.get(last, ()):
            given = full_countries[full] - {None}
            if country is None or country in given or not given:
                found[(last, country)][full] = names
    return found


def _with_spellings(steps: dict[Variant, _Step]) -> dict[Variant, _Step]:
    """Rule 4: variants of one key by rules 1-2 (not by surname, which says so itself) are
    one identity, each naming the other spellings."""
    names_by_key: dict[str, set[str]] = defaultdict(set)
    for variant, step in steps.items():
        names_by_key[step.key].add(variant.name)
    spelled = {}
    for variant, step in steps.items():
        others = tuple(sorted(names_by_key[step.key] - {variant.name}))
        if step.rule == "own" and others:
            step = _Step(step.kind, step.country, step.folded, "spelling", others)
        spelled[variant] = step
    return spelled


def affected_keys(variants: Iterable[Variant]) -> set[str]:
    """The folded names whose variants may resolve differently once ``variants`` are in
    the set: their own folded names, and the last word of each person's full name (the
    one-word names that may now have, or have lost, a single full name to stand for). The
    last word of another name ("ministry of defence") changes no decision: only a person's
    full name is a surname's candidate (rule 3), and rules 1, 2 and 4 compare a variant
    with those of its own folded name."""
    keys: set[str] = set()
    for variant in variants:
        folded = name_key(variant.name, variant.kind)
        keys.add(folded)
        if _is_full_name(variant, folded):
            keys.add(folded.split()[-1])
    return keys
