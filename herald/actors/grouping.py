"""actors.grouping: the second half of the actors stage, grouping mentions into actors.

``Grouper.add`` takes the candidates of ``herald.actors.mentions`` in text order and keeps
``Draft`` actors with indexes (full names, surnames, title holders, unnamed role actors,
organizations' generic nouns, recent person mentions for pronouns), so each candidate is
resolved in time independent of the document's length. The rules are listed in
``herald.actors.stage``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import herald.actors.lexicon as lexicon
from herald.actors.known import known_people, person_key
from herald.actors.scan import MentionCandidate, Scan, Title
from herald.records import ActorKind, ParsedText, Token


@dataclass(slots=True)
class Draft:
    kind: ActorKind
    name: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    role_keys: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    last: int = -1  # head token of the latest mention
    named: bool = False


@dataclass(frozen=True, slots=True)
class _PersonMention:
    token: int
    sent: int
    draft: int
    subject: bool
    verb: int


# Sentences back a pronoun looks for its person: two, because a quote split into sentences
# ('"... five. Four were babies," she said.') puts the speaker two sentences back.
PRONOUN_REACH = 2


class Grouper:
    """Turns candidates, in text order, into drafts of actors."""

    def __init__(self, scan: Scan, genders: dict[str, str]) -> None:
        self.scan = scan
        self.tokens = scan.tokens
        self.genders = genders  # surname -> gender, from honorifics anywhere in the text
        self.drafts: list[Draft] = []
        self.by_key: dict[str, int] = {}  # "person:rex tillerson", "org:...", "country:CAN"
        self.by_surname: dict[str, list[int]] = {}
        self.holders: dict[str, list[int]] = {}  # role key / head word / class -> persons
        self.unnamed: dict[str, list[int]] = {}  # role key -> unnamed singular actors
        self.generic: dict[str, list[int]] = {}  # generic noun -> organizations
        self.people: list[_PersonMention] = []

    def add(self, candidate: MentionCandidate) -> None:
        handler = getattr(self, f"_{candidate.type}")
        index = handler(candidate)
        if index is None:
            return
        draft = self.drafts[index]
        draft.spans.append((candidate.start, candidate.end))
        draft.spans.extend(candidate.extra)
        draft.last = candidate.head
        if draft.kind == "person":
            head = self.tokens[candidate.head]
            # the verb is kept for direct subjects only: binding ("Trump praised him")
            subject = head.dep in ("nsubj", "nsubjpass")
            verb = self.scan.parsed.first_conjunct(head.head) if subject else -1
            self.people.append(
                _PersonMention(head.i, head.sent, index, _is_subject(self.tokens, head), verb)
            )

    def _new(self, kind: ActorKind, name: str, key: str | None = None) -> int:
        self.drafts.append(Draft(kind=kind, name=name))
        index = len(self.drafts) - 1
        if key is not None:
            self.by_key[key] = index
        return index

    def _apply_title(self, index: int, title: Title) -> None:
        draft = self.drafts[index]
        for role in title.roles:
            if role.lower() not in draft.role_keys:
                draft.roles.append(role)
                draft.role_keys.add(role.lower())
        if title.role is not None and draft.kind == "person":
            for name in (title.role.role, title.role.head_word, title.role.role_class):
                if name and index not in self.holders.setdefault(name, []):
                    self.holders[name].append(index)
        draft.country = draft.country or title.country
        # the president of a body the tables do not know may head a company; a ministry
        # whose name they do not know ("Costa Rica's Public Safety Ministry") is a ministry
        private = title.private and title.role is not None and title.role.kind == "person"
        role_sector = title.role.sector if title.role and not private else None
        draft.sector = draft.sector or title.sector or role_sector

    # ---- one method per candidate type; each returns the draft index or None

    def _person(self, candidate: MentionCandidate) -> int:
        words = candidate.name.split()
        surname = lexicon.surname_key(candidate.name)
        full = "person:" + " ".join(w.lower() for w in words)
        index = self.by_key.get(full)
        if index is None:
            index = self._same_surname(words, surname)
        if index is None:
            index = self._new("person", candidate.name, full)
            self.by_surname.setdefault(surname, []).append(index)
            if len(words) > 1:
                self.by_key.setdefault("family:" + words[0].lower(), index)
            self.drafts[index].gender = self.genders.get(surname) or _known_gender(words)
            self.drafts[index].named = True
        elif len(words) > len(self.drafts[index].name.split()):
            self.drafts[index].name = candidate.name  # the fullest name is canonical
            self.by_key[full] = index
            self.drafts[index].gender = self.drafts[index].gender or _known_gender(words)
        self._apply_title(index, candidate.title)
        return index

    def _same_surname(self, words: list[str], surname: str) -> int | None:
        for index in reversed(self.by_surname.get(surname, [])):
            known = self.drafts[index].name.split()
            if len(words) == 1 or len(known) == 1 or known[0].lower() == words[0].lower():
                return index
        if len(words) == 1:  # family name first: "Hua" after "Hua Chunying"
            return self.by_key.get("family:" + surname)
        return None

    def _nominal(self, candidate: MentionCandidate) -> int | None:
        role = candidate.title.role
        if role is None:
            return None
        country = candidate.title.country
        if candidate.plural:
            key = f"group:{role.role}:{country}"
            index = self.by_key.get(key)
            if index is None:
                index = self._new("group", candidate.name, key)
            candidate.title.roles = [role.role]  # "officials" holds the role "official"
            self._apply_title(index, candidate.title)
            return index
        if candidate.definite and candidate.name.lower() == role.role and role.kind != "person":
            # "the court" after "the International Court of Justice": the body named before
            earlier = self._latest_of_kind(role.role)
            if earlier is not None:
                return earlier
        index = self._holder(candidate, role) if candidate.definite else None
        if index is not None:
            if not role.descriptor:
                self._apply_title(index, candidate.title)
            return index
        if candidate.definite:
            index = self._latest_unnamed(role.role, country)
        if index is None:
            index = self._new(role.kind, candidate.name)
            self.unnamed.setdefault(role.role, []).append(index)
        elif len(candidate.name) > len(self.drafts[index].name):
            self.drafts[index].name = candidate.name
        self._apply_title(index, candidate.title)
        return index

    def _holder(self, candidate: MentionCandidate, role: lexicon.RoleInfo) -> int | None:
        """The named person a bare title refers to ("the Prime Minister", "the top diplomat")."""
        if role.descriptor:
            holders = self.holders.get(role.role_class or role.role, [])
        elif candidate.end - candidate.start <= 2 and role.role == role.head_word:
            holders = self.holders.get(role.head_word, [])  # "the minister"
        else:
            holders = self.holders.get(role.role, [])
        country = candidate.title.country
        holders = [i for i in holders if country in (None, self.drafts[i].country)]
        if len(holders) == 1:
            return holders[0]
        sent = self.tokens[candidate.head].sent
        recent = [i for i in holders if self.tokens[self.drafts[i].last].sent >= sent - 1]
        return max(recent, key=lambda i: self.drafts[i].last) if recent else None

    def _latest_unnamed(self, role: str, country: str | None) -> int | None:
        for index in reversed(self.unnamed.get(role, [])):
            if country in (None, self.drafts[index].country):
                return index
        return None

    def _spelled_out(self, name: str) -> int | None:
        """The organization an acronym abbreviates ("BLA" after "Baloch Liberation Army")."""
        if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
            return None
        for index, draft in enumerate(self.drafts):
            if draft.kind == "organization" and _initials(draft.name) == name:
                self.by_key["org:" + name.casefold()] = index
                return index
        return None

    def _organization(self, candidate: MentionCandidate) -> int:
        info = lexicon.organization_for(candidate.key)
        words = candidate.name.split()
        if (
            info is None
            and len(words) <= 3
            and lexicon.surname_key(candidate.name) in self.by_surname
        ):
            return self._person(candidate)  # the tagger took a person for a body
        name = info.name if info else candidate.name
        key = "org:" + name.casefold()
        index = self.by_key.get(key)
        if index is None and info is None:
            index = self._spelled_out(name)
        if index is None:
            index = self._new("organization", name, key)
            draft = self.drafts[index]
            if info is not None:
                draft.country, draft.sector = info.country, info.sector
            else:
                draft.sector = sector_of_name(name)
            generics = info.generics if info else (name.split()[-1].lower(),)
            for noun in generics:
                self.generic.setdefault(noun, []).append(index)
        self._apply_title(index, candidate.title)
        return index

    def _country(self, candidate: MentionCandidate) -> int:
        key = "country:" + candidate.key
        index = self.by_key.get(key)
        if index is None:
            info = lexicon.country_by_iso3()[candidate.key]
            index = self._new("country", info.name, key)
            self.drafts[index].country = candidate.key
        return index

    def _generic(self, candidate: MentionCandidate) -> int | None:
        if candidate.key in ("North", "South"):
            found = [
                index
                for key, index in self.by_key.items()
                if key.startswith("country:")
                and self.drafts[index].name.startswith(candidate.key + " ")
            ]
            return found[0] if len(found) == 1 else None
        return self._latest_of_kind(candidate.key)

    def _latest_of_kind(self, noun: str) -> int | None:
        """The organization named last whose kind ``noun`` names ("court", "agency")."""
        found = self.generic.get(noun, [])
        return found[-1] if found else None

    def _pronoun(self, candidate: MentionCandidate) -> int | None:
        gender, case = lexicon.pronouns()[candidate.key]
        token = self.tokens[candidate.head]
        verbs = _binding_verbs(self.scan.parsed, _object_verb(self.scan.parsed, token))
        ranked: list[tuple[int, int]] = []  # (rank, draft), the most recent first
        # "X met Y and talked with him": him is not X, under any of X's names; but
        # "X is going to defend himself": himself is X
        bound = {m.draft for m in self.people if m.verb in verbs and m.sent == token.sent}
        if case == "reflexive":
            bound = set()
        for mention in reversed(self.people):
            if mention.sent < token.sent - PRONOUN_REACH:
                break
            draft = self.drafts[mention.draft]
            if draft.gender not in (None, gender):
                continue
            if mention.draft in bound:
                continue
            rank = min(token.sent - mention.sent, 1) + (0 if mention.subject else 2)
            ranked.append((rank, mention.draft))
        if not ranked:
            return None
        rank, found = min(ranked, key=lambda pair: pair[0])  # the most recent of the best
        # a person's gender is learnt from a pronoun only when no one else was as likely
        # meant ("X spoke. Y agreed. She said ...": she may be X as well as Y)
        if all(other == found or r > rank for r, other in ranked):
            self.drafts[found].gender = self.drafts[found].gender or gender
        return found


def _known_gender(words: list[str]) -> str | None:
    """The gender of a known person named in full ("Hillary Clinton", not "Clinton": a
    surname alone may be a relative's)."""
    person = known_people().get(person_key(" ".join(words))) if len(words) > 1 else None
    return person.gender if person is not None else None


def _object_verb(parsed: ParsedText, pronoun: Token) -> int:
    """The verb a pronoun is the object of, directly or through a preposition ("talked
    with him"), as its first conjunct; -2 when it is no verb's object."""
    if pronoun.dep in ("dobj", "dative"):
        return parsed.first_conjunct(pronoun.head)
    prep = parsed.tokens[pronoun.head]
    if pronoun.dep == "pobj" and prep.dep == "prep" and parsed.tokens[prep.head].pos == "VERB":
        return parsed.first_conjunct(prep.head)
    return -2


def _binding_verbs(parsed: ParsedText, verb: int) -> set[int]:
    """The verb a pronoun is the object of and those whose subject is its subject too: "X
    called Y to congratulate him" (him is not X, who congratulates), "X wants to meet him".
    Not past an object that does it instead: in "X asked Y to help him", him may be X."""
    verbs = {verb}
    while verb >= 0:
        token = parsed.tokens[verb]
        head = parsed.tokens[token.head]
        infinitive = any(c.dep == "aux" and c.text.lower() == "to" for c in parsed.children(verb))
        if token.dep not in ("xcomp", "advcl") or not infinitive or head.i == verb:
            break
        if any(c.dep in ("nsubj", "nsubjpass") for c in parsed.children(verb)):
            break
        if token.dep == "xcomp" and any(c.dep == "dobj" for c in parsed.children(head.i)):
            break  # "asked Y to help him": Y helps
        verb = parsed.first_conjunct(head.i)
        verbs.add(verb)
    return verbs


def _is_subject(tokens: Sequence[Token], head: Token) -> bool:
    subjects = ("nsubj", "nsubjpass")
    if head.dep in subjects:
        return True
    if head.dep == "conj" and tokens[head.head].dep in subjects:
        return True
    return head.dep == "poss" and tokens[head.head].dep in subjects


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def sector_of_name(name: str) -> str | None:
    """The sector an unknown body's own name tells by its head word or phrase: "Baloch
    Liberation Army" MIL, "Rapid Support Forces" MIL, "Autonomous Administration" GOV."""
    words = name.lower().split()
    for size in (3, 2, 1):
        if len(words) >= size:
            role = lexicon.role_for(" ".join(words[-size:]))
            if role is not None and role.sector and role.kind != "person":
                return role.sector
    return None
