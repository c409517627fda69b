"""Who does what to whom: actor and recipient tokens of one trigger, and their ActorRefs.

Rules, verbs: the subject (and its conjuncts) is the actor; in the passive the "by" agent is
the actor and the passive subject the recipient; the direct object is the recipient unless
the lexicon says it is a topic ("discuss the plan") or the actor (hosting: the guest acts);
prepositional objects after the type's prepositions are recipients ("meet with X",
"sanctions on X"); "between X and Y" makes X and Y actors. An infinitive, coordinated or
adverbial verb without a subject takes the subject of the verb it depends on ("agreed to
meet"). Nouns: possessor and actor-like modifiers ("U.S. sanctions") are actors, "by X" is
the actor, and a light verb ("hold talks", "impose sanctions") lends its subject and its
prepositional objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from herald import actors as actors_module
from herald.event_syntax import SentenceView
from herald.plover import TriggerEntry, cues, plover_types
from herald.records import Actor, ActorKind, ActorRef, ParsedText

_QUANTIFIERS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number",
                          "some", "many", "most", "all", "members", "member"})  # fmt: skip
_TOPICAL = frozenset({"on", "about", "over"})
# Verbal reactions whose object is someone's plan or deed: its owner is the recipient.
_PROPOSER_TYPES = frozenset({"REJECT", "SUPPORT", "ACCUSE", "AGREE"})
# Types whose that-clause names the party acted upon: "demanded that X leave" (asked),
# "alleged that X cheated" (accused).
_CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST", "ACCUSE"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "ccomp", "acomp"})
_NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_ACTORLIKE_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_KIND_BY_ENT: dict[str, ActorKind] = {
    "GPE": "country",
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
}
_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person",
             "his": "person", "it": "thing", "its": "thing", "they": "any", "them": "any",
             "their": "any", "we": "any", "our": "any"}  # fmt: skip


@dataclass(slots=True)
class Roles:
    """Token heads of the participants of one trigger."""

    actors: list[int]
    recipients: list[int]
    path: str  # "verb", "light" (noun object of a light verb) or "noun"


def find_roles(
    view: SentenceView,
    unit: Sequence[int],
    entry: TriggerEntry,
    events: set[int],
    cities: frozenset[int] = frozenset(),
) -> Roles:
    """Actor and recipient heads of the trigger made of tokens ``unit`` (last = head word).

    ``events`` holds the head tokens of all triggers of the sentence: an event noun is
    never a participant ("called for sanctions" has no recipient "sanctions"). ``cities``
    holds tokens of places below country level: "the Vancouver conference" names where,
    not who.
    """
    head = unit_head(view, unit)
    preps = entry.preps or plover_types()[entry.type].recipient_preps
    if view.tok(unit[-1]).pos in ("VERB", "AUX", "ADJ"):
        actors, recipients = _verb_roles(view, unit, head, entry, preps)
        path = "verb"
    else:
        actors, recipients, path = _noun_roles(view, unit[-1], entry, preps, cities, events)
    actors = _clean(view, actors, events)
    recipients = [r for r in _clean(view, recipients, events) if r not in actors]
    if not recipients and entry.type in _PROPOSER_TYPES and path == "verb":
        owners = _expand(view, _kids(view, unit, "dobj"))
        recipients = [r for r in _clean(view, _proposers(view, owners), events) if r not in actors]
    return Roles(actors, recipients, path)


def _proposers(view: SentenceView, nouns: Sequence[int]) -> list[int]:
    """Whose plan, proposal or deed an object is: "rejected an Indian proposal", "X's
    offer", "calls by Belarus's rulers", "an appeal from the president"."""
    found: list[int] = []
    for noun in nouns:
        found += view.children(noun, "poss")
        found += [
            c
            for c in view.children(noun, "amod", "compound", "nmod")
            if view.tok(c).ent_type in _ACTORLIKE_ENTS
        ]
        found += _prep_objects(view, [noun], frozenset({"by", "from"}))
    return found


def unit_head(view: SentenceView, unit: Sequence[int]) -> int:
    """The unit's token that attaches it to the rest of the tree ("co" in "co - host")."""
    for i in unit:
        head = view.head(i)
        if head is None or head not in unit:
            return i
    return unit[-1]


def _kids(view: SentenceView, unit: Sequence[int], *deps: str) -> list[int]:
    return [c for i in unit for c in view.children(i, *deps) if c not in unit]


def _expand(view: SentenceView, heads: list[int]) -> list[int]:
    return [c for h in heads for c in view.with_conjuncts(h)]


def _prep_objects(view: SentenceView, owners: Sequence[int], preps: frozenset[str]) -> list[int]:
    found = []
    # the parser labels "give weapons to Taiwan"'s "to" as a dative: a preposition all the same
    for prep in _kids(view, owners, "prep", "dative"):
        if view.tok(prep).pos == "ADP" and view.tok(prep).lemma.lower() in preps:
            found += _expand(view, view.children(prep, "pobj"))
    return found


def _datives(view: SentenceView, owners: Sequence[int]) -> list[int]:
    """Indirect objects without a preposition ("give Tanzania a grant")."""
    return _expand(view, [d for d in _kids(view, owners, "dative") if view.tok(d).pos != "ADP"])


def _object_phrase_preps(
    view: SentenceView, objects: Sequence[int], preps: frozenset[str]
) -> list[int]:
    """Recipient phrases hanging from a topic object ("provide aid for Romania", "offered
    concessions to X"): prepositions reached from the object through nouns and other
    prepositions only, never through a clause."""
    found: list[int] = []
    todo = list(objects)
    seen: set[int] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for child in view.children(current, "prep", "pobj", "dative"):
            token = view.tok(child)
            if token.pos == "ADP" and token.lemma.lower() in preps:
                found += _expand(view, view.children(child, "pobj"))
            elif token.pos in ("ADP", "NOUN", "NUM", "PROPN"):
                todo.append(child)
    return found


def _clause_subjects(view: SentenceView, owners: Sequence[int]) -> list[int]:
    """Subjects of a that-clause under a request ("demanded that the US cancel"): who is
    asked to act."""
    clauses = _kids(view, owners, "ccomp", "acl")
    subjects = [s for c in clauses for s in view.children(c, "nsubj", "nsubjpass")]
    return _expand(view, [s for s in subjects if view.tok(s).tag not in _RELATIVE])


def _subject(view: SentenceView, unit: Sequence[int], head: int) -> tuple[list[int], list[int]]:
    """(active subjects or agents, passive subjects) of a verb, inherited if it has none."""
    agents = [o for a in _kids(view, unit, "agent") for o in view.children(a, "pobj")]
    auxes = _kids(view, unit, "aux", "auxpass")
    # a small parser sometimes hangs the subject on the auxiliary ("will co-host")
    subjects = _kids(view, [*unit, *auxes], "nsubj", "csubj") + agents
    passive = _kids(view, unit, "nsubjpass")
    relcl_head = view.head(head) if view.tok(head).dep == "relcl" else None
    subjects = [relcl_head if view.tok(s).tag in _RELATIVE and relcl_head else s for s in subjects]
    if not subjects and not passive:
        subjects = _inherited_subject(view, head)
    return _expand(view, subjects), _expand(view, passive)


def _inherited_subject(view: SentenceView, head: int) -> list[int]:
    current = head
    for _ in range(4):
        dep = view.tok(current).dep
        parent = view.head(current)
        if parent is None or dep not in _INHERIT:
            return []
        if dep in ("relcl", "acl"):
            # "the rebels who attacked", "students marching": the modified noun acts;
            # a past participle ("a rally staged by students") leaves the noun undergoing.
            return [] if view.tok(current).tag == "VBN" else [parent]
        if view.tok(parent).pos == "ADP":
            parent = view.head(parent) or parent
        found = view.children(parent, "nsubj", "agent")
        if found:
            agent = [o for f in found if view.tok(f).dep == "agent" for o in view.children(f)]
            return agent or [f for f in found if view.tok(f).dep == "nsubj"]
        current = parent
    return []


def _verb_roles(
    view: SentenceView, unit: Sequence[int], head: int, entry: TriggerEntry, preps: frozenset[str]
) -> tuple[list[int], list[int]]:
    subjects, passive = _subject(view, unit, head)
    objects = _expand(view, _kids(view, unit, "dobj", "dative"))
    between = _prep_objects(view, unit, frozenset({"between"}))
    recipients = _prep_objects(view, unit, preps)
    actors = subjects + between
    if entry.object == "topic":
        # "discussed the plan with X", "provide aid for Romania": the recipient's phrase
        # may hang from the topic noun; a dative is the recipient ("offered Iran talks").
        recipients += _object_phrase_preps(view, objects, preps) + _datives(view, unit)
        for t in (t for o in objects for t in view.subtree(o)):
            if view.tok(t).dep == "prep" and view.tok(t).lemma.lower() in preps & {"with"}:
                recipients += _expand(view, view.children(t, "pobj"))
        if passive and view.tok(unit[-1]).pos != "VERB":
            recipients += passive
        if not recipients and entry.type in _CLAUSE_RECIPIENT_TYPES:
            recipients += _clause_subjects(view, unit)
    elif entry.object == "actor" and objects:
        actors, recipients = objects, subjects + recipients
    else:
        recipients = passive + objects + recipients
    return actors, recipients


def _noun_roles(
    view: SentenceView,
    noun: int,
    entry: TriggerEntry,
    preps: frozenset[str],
    cities: frozenset[int],
    events: set[int],
) -> tuple[list[int], list[int], str]:
    owners = view.children(noun, "poss")
    modifiers = [
        c
        for c in view.children(noun, "compound", "amod", "nmod")
        if view.tok(c).ent_type in _ACTORLIKE_ENTS and c not in cities
    ]
    actors = _prep_objects(view, [noun], frozenset({"by", "between"}))
    for acl in view.children(noun, "acl"):
        actors += [o for a in view.children(acl, "agent") for o in view.children(a, "pobj")]
    recipients = _prep_objects(view, [noun], preps)
    # "talks on North Korea": a topical phrase names a party only when it is a named one
    topical = _prep_objects(view, [noun], _TOPICAL - preps)
    recipients += [t for t in topical if view.tok(t).ent_type in _ACTORLIKE_ENTS]
    if entry.object == "undergoer":
        recipients += owners + _prep_objects(view, [noun], frozenset({"of"}))
        actors += modifiers
    else:
        actors += owners + modifiers
    path = "noun"
    governor = view.head(noun)
    if (
        governor is not None
        and view.tok(noun).dep in ("dobj", "nsubjpass")
        and view.tok(governor).pos == "VERB"
        and governor not in events
        and (
            view.tok(governor).lemma.lower() in cues("light")
            or view.tok(governor).lemma.lower() not in cues("speech")
        )
    ):
        # "hold talks", "staged demonstrations": the verb's subject is the noun's actor
        path = "light" if view.tok(governor).lemma.lower() in cues("light") else "governed"
        subjects, _ = _subject(view, [governor], governor)
        if not actors:
            actors = subjects
        recipients += _prep_objects(view, [governor], preps | {"with"})
        recipients += _datives(view, [governor])
    if not recipients and entry.type in _CLAUSE_RECIPIENT_TYPES:
        recipients += _clause_subjects(view, [noun])
    return _expand(view, actors), _expand(view, recipients), path


def _of_group(view: SentenceView, i: int) -> int:
    """ "Thousands of students", "a group of soldiers": the members are the participant."""
    token = view.tok(i)
    if token.ent_type == "CARDINAL" or token.lemma.lower() in _QUANTIFIERS:
        for prep in view.children(i, "prep"):
            if view.tok(prep).lemma.lower() == "of":
                objects = view.children(prep, "pobj")
                if objects:
                    return objects[0]
    return i


def _clean(view: SentenceView, tokens: list[int], events: set[int]) -> list[int]:
    """Keep nominal participants once, in text order."""
    kept: list[int] = []
    for i in map(lambda t: _of_group(view, t), tokens):
        token = view.tok(i)
        if i in kept or i in events or token.ent_type in _NOT_PARTICIPANT_ENTS:
            continue
        if token.pos in ("NOUN", "PROPN", "PRON", "NUM") or token.ent_type in _ACTORLIKE_ENTS:
            kept.append(i)
    return sorted(kept)


# --------------------------------------------------------------------------- ActorRefs


def lookup_actor(
    actors: Sequence[Actor], parsed: ParsedText, i: int, span: tuple[int, int]
) -> Actor | None:
    """The actors stage's actor for token ``i`` (or for its noun phrase ``span``)."""
    by_token = getattr(actors_module, "actor_for_token", None)
    if by_token is not None:
        found = by_token(actors, parsed, i)
        if found is not None:
            return found  # type: ignore[no-any-return]
    at = getattr(actors_module, "actor_at", _overlapping)
    token = parsed.tokens[i]
    found = at(actors, token.idx, token.end)
    if found is None and span[1] > span[0]:
        first, last = parsed.tokens[span[0]], parsed.tokens[span[1] - 1]
        found = at(actors, first.idx, last.end)
    return found  # type: ignore[no-any-return]


def _overlapping(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end): used while the actors module
    offers no lookup of its own."""
    for actor in actors:
        if any(m.start < end and start < m.end for m in actor.mentions):
            return actor
    return None


def actor_ref(view: SentenceView, actors: Sequence[Actor], i: int) -> tuple[ActorRef | None, bool]:
    """(ActorRef of the participant at token ``i``, whether a guess resolved a pronoun)."""
    token = view.tok(i)
    span = view.np_span(i)
    text = view.parsed.span_text(*span)
    found = lookup_actor(actors, view.parsed, i, span)
    if found is not None:
        return found.ref(text), False
    if token.pos == "PRON":
        antecedent = _antecedent(view, i)
        if antecedent is None:
            return None, False
        ref, _ = actor_ref(view, actors, antecedent)
        return ref, True
    kind = _KIND_BY_ENT.get(token.ent_type, "group")
    return ActorRef(actor_id=None, name=text, kind=kind, text=text), False


def _compatible(view: SentenceView, pronoun: int, candidate: int) -> bool:
    wanted = _PERSONAL.get(view.tok(pronoun).text.lower())
    token = view.tok(candidate)
    if wanted is None or token.pos == "PRON":
        return False
    if wanted == "person":
        return token.ent_type == "PERSON"
    if wanted == "thing":
        return token.ent_type in ("GPE", "ORG", "NORP")
    return True


def _antecedent(view: SentenceView, pronoun: int) -> int | None:
    """A same-sentence antecedent for a pronoun the actors stage did not resolve: the
    speaker of the speech verb whose complement holds it ("X said it had ..."), else the
    nearest earlier subject that agrees in person/thing."""
    current = view.head(pronoun)
    while current is not None:
        if view.tok(current).dep == "ccomp":
            speech = view.head(current)
            if speech is not None and view.tok(speech).lemma.lower() in cues("speech"):
                for s in view.children(speech, "nsubj"):
                    if _compatible(view, pronoun, s):
                        return s
            break
        current = view.head(current)
    for i in range(pronoun - 1, view.start - 1, -1):
        if view.tok(i).dep == "nsubj" and _compatible(view, pronoun, i):
            return i
    return None
