"""events.roles: who does what to whom, as the actor and recipient tokens of one trigger.

Rules, verbs: the subject (and its conjuncts) is the actor; in the passive the "by" agent is
the actor and the passive subject the recipient; the direct object is the recipient unless
the lexicon says it is a topic ("discuss the plan") or the actor (hosting: the guest acts);
prepositional objects after the type's prepositions are recipients ("meet with X",
"sanctions on X"); "between X and Y" makes X and Y actors. An infinitive, coordinated or
adverbial verb without a subject takes the subject of the verb it depends on ("agreed to
meet"). Nouns: possessor and actor-like modifiers ("U.S. sanctions") are actors, "by X" is
the actor, and a light verb ("hold talks", "impose sanctions") lends its subject and its
prepositional objects. Who these tokens are (``ActorRef``, country, sector) is
``herald.events.participants``' job.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import herald.actors.lexicon as lexicon
from herald.actors.person_nouns import is_person_noun
from herald.events.participants import counted, is_agent, is_count
from herald.events.plover import TriggerEntry, cues, deed_types, plover_types, trigger_lexicon
from herald.events.syntax import SentenceView, scheme_of

_QUANTIFIERS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number",
                          "some", "many", "most", "all", "members", "member", "score", "ten",
                          "handful", "crowd", "batch", "patch", "contingent"})  # fmt: skip
_TOPICAL = frozenset({"on", "about", "over"})
# Verbal reactions whose object is someone's plan or deed: its owner is the recipient.
_PROPOSER_TYPES = frozenset({"REJECT", "SUPPORT", "ACCUSE", "AGREE", "REQUEST"})
# Verbal reactions that judge a deed: condemned, rejected, welcomed (the deed's doer is the
# recipient, events.recipients).
JUDGING_TYPES = frozenset({"REJECT", "SUPPORT", "ACCUSE"})
# Deeds done to a thing reach its named owner ("froze the newspaper's assets").
_OWNED_TARGET_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "AID", "CONCEDE"})
# Types whose purpose clause names whom they are aimed at ("marched to demand X's ...").
_AIMED_TYPES = frozenset({"PROTEST"})
# Types whose that-clause names the party acted upon: "demanded that X leave" (asked),
# "alleged that X cheated" (accused).
_CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST", "ACCUSE"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
# What a burden or harm falls on: "sanctions on Iran", "pressure against Kyiv".
BURDEN_PREPS = frozenset({"on", "against"})
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "ccomp", "acomp"})
# Names of times, amounts and happenings ("the New Year's Eve assaults"): never a party.
_NOT_PARTICIPANT_ENTS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "EVENT"}
)
_ACTORLIKE_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_NOMINAL = frozenset({"NOUN", "PROPN"})


@dataclass(slots=True)
class Roles:
    """Token heads of the participants of one trigger."""

    actors: list[int]
    recipients: list[int]
    # "verb"; "light" (noun object of a light verb: "hold talks"); "governed" (object of
    # another verb: "witnessed clashes"); or "noun"
    path: str


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
        if view.tok(head).tag == "VBG":
            recipients += _perished_in(view, head, entry)  # "killed in shelling by the army"
        actors = [side for doer in actors for side in _wielders(view, doer)]
        path = "verb"
    else:
        actors, recipients, path = _noun_roles(view, unit[-1], entry, preps, cities, events)
    actors = _clean(view, actors, events)
    if entry.type == "COERCE":
        recipients = [p for r in recipients for p in _repressed(view, r, events)]
    # "conceded to the demands of the drivers", "rejected Pakistan's claims": a deed or
    # statement is no party, but whose it is, is
    owners = [p for r in recipients for p in _deed_owner(view, r, events, actors)]
    recipients = _clean(view, owners, events)
    if plover_types()[entry.type].quad.startswith("material"):
        recipients = _clean(view, [p for r in recipients for p in _whose_thing(view, r)], events)
    recipients = [r for r in recipients if r not in actors and not _addressee(view, head, r, entry)]
    owners_of = _owner_finder(entry.type)
    if owners_of is not None and path == "verb" and not any(actorlike(view, r) for r in recipients):
        # "welcomed Tuesday's announcement by Ukraine", "rejected Pakistan's assertions":
        # whose the thing is, when its owner is named, is the party
        things = _expand(view, _kids(view, unit, "dobj", "oprd"))  # "called X's claims false"
        named = [r for r in _clean(view, owners_of(view, things), events) if r not in actors]
        # a pronoun owner of a party that can act gives way to it ("asked its allies"); a
        # named one is the party ("summoned Germany's charge d'affaires")
        acting = any(is_agent(view, r) for r in recipients)
        if not (acting and all(view.tok(r).pos == "PRON" for r in named)):
            recipients = named or recipients
    if not recipients and entry.type in JUDGING_TYPES and path == "verb":
        recipients = _judged(view, unit, entry, preps, events, actors)
    if not recipients and entry.type == "THREATEN" and path == "verb":
        recipients = [r for r in _clean(view, _threatened(view, unit), events) if r not in actors]
    if not recipients and entry.type in _AIMED_TYPES:
        owners = [head]
        if path in ("light", "governed"):
            owners.append(view.head(unit[-1]) or head)
        aims = _aim_recipients(view, owners)
        recipients = [r for r in _clean(view, aims, events) if r not in actors]
    return Roles(actors, recipients, path)


def _repressed(view: SentenceView, i: int, events: set[int]) -> list[int]:
    """Who a coercion of a deed falls on: its doers, when named ("a crackdown on protests by
    students", "banned the opposition's rallies"); else the deed, as any party."""
    if i not in events or _said(view, i):
        return [i]
    return [p for p in proposers(view, [i]) if actorlike(view, p)] or [i]


def _deed_owner(view: SentenceView, i: int, events: set[int], actors: list[int]) -> list[int]:
    """A participant that names a statement stands for whose that statement is, if named
    ("conceded to the demands of the drivers"), unless it is the actor's own ("insisted on
    its demands"). A deed stays as it is: "called for his release" is made of whoever holds
    him (``frames``), and the deed, no party, is dropped."""
    if i not in events or not _said(view, i):
        return [i]  # a deed is no party either, and whose it is may be its victim's
    owners = proposers(view, [i]) + view.prep_objects(i, "of")
    return [p for p in owners if actorlike(view, p) and not _own_pronoun(view, p, actors)]


def _said(view: SentenceView, noun: int) -> bool:
    """Whether a noun names only things said (a demand, a claim), whose "of" phrase is who
    says it; a deed's ("the release of the journalist") is whom it is done to."""
    entries = trigger_lexicon().get((view.tok(noun).lemma.lower(), "NOUN"), ())
    return bool(entries) and all(plover_types()[e.type].quad.startswith("verbal") for e in entries)


def _own_pronoun(view: SentenceView, pronoun: int, actors: list[int]) -> bool:
    """A possessive pronoun that agrees with the first actor: "its" or "their" with a
    body, "his" or "her" with a person."""
    word = view.tok(pronoun).text.lower()
    if view.tok(pronoun).pos != "PRON" or not actors:
        return False
    person = view.tok(actors[0]).ent_type == "PERSON" or is_person_noun(view.tok(actors[0]).lemma)
    return word in (_PERSON_POSSESSIVES if person else _BODY_POSSESSIVES)


_PERSON_POSSESSIVES = frozenset({"his", "her"})
_BODY_POSSESSIVES = frozenset({"its", "their"})


def _addressee(view: SentenceView, head: int, party: int, entry: TriggerEntry) -> bool:
    """Whom a speaker tells a judgement ("Abe told reporters", "said to the council") is no
    party to it: the judged is what the words are about ("North Korea's reckless action")."""
    if entry.type not in JUDGING_TYPES or view.tok(head).lemma.lower() not in cues("speech"):
        return False
    told = view.tok(head).lemma.lower() == "tell" and view.tok(party).dep == "dobj"
    to = view.head(party)
    return told or (to is not None and view.tok(to).text.lower() == "to" and view.head(to) == head)


def _judged(
    view: SentenceView,
    unit: Sequence[int],
    entry: TriggerEntry,
    preps: frozenset[str],
    events: set[int],
    actors: list[int],
) -> list[int]:
    """The recipient of a judgement with no party for object: the party behind what a
    speaker says is such ("said the launch by North Korea was a reckless breach"); else a
    judged allegation or deed no words say whose ("Beijing denies the allegations",
    "Germany condemned the shelling", "said the launch was reckless"), kept as the
    recipient until events.recipients finds whose the article told it was."""
    objects = _kids(view, unit, "dobj")
    if objects:
        judged = objects  # their parties were looked for with the other objects
    else:
        judged = characterized_subjects(view, unit_head(view, unit))
        named = _clean(view, _party_objects(view, judged, preps), events)
        parties = [r for r in named if r not in actors and actorlike(view, r)]
        if parties:
            return parties
    return [
        o
        for o in judged
        if (entry.type == "REJECT" and _unowned_allegation(view, o))
        or (_names_deed(view, o, events) and _bare(view, o))
    ]


def _names_deed(view: SentenceView, noun: int, events: set[int]) -> bool:
    """A noun that names a deed: a trigger of the sentence, a trigger word of the lexicon
    ("the launch"), or a word for any deed ("the move")."""
    return noun in events or deed_types(view.tok(noun).lemma.lower()) is not None


def _threatened(view: SentenceView, unit: Sequence[int]) -> list[int]:
    """Whom a warning's that-clause says will suffer: its passive subject ("warning that
    terrorists will not be spared"), or the party its verb or that verb's object acts on
    ("warned that it will exert maximum pressure on Iran", "would punish Tehran")."""
    found: list[int] = []
    clauses = _kids(view, unit, "ccomp")
    # "it will continue to exert ...": the verbs an infinitive chain goes on to
    clauses += [x for c in clauses for x in view.children(c, "xcomp")]
    for clause in clauses:
        objects = view.children(clause, "dobj")
        found += view.children(clause, "nsubjpass") + objects
        found += view.prep_objects(clause, *BURDEN_PREPS)
        found += [p for o in objects for p in view.prep_objects(o, *BURDEN_PREPS)]
    return _expand(view, [party for party in found if actorlike(view, party)])


def characterized_subjects(view: SentenceView, speech: int) -> list[int]:
    """What a speaker says is such: the subject of the copula it reports ("said the
    accusations were groundless")."""
    return [s for clause in reported_copulas(view, speech) for s in view.children(clause, "nsubj")]


def reported_copulas(view: SentenceView, speech: int) -> list[int]:
    """The copulas ("be") a speech verb reports: "said the launch was a breach"."""
    return [c for c in view.children(speech, "ccomp") if view.tok(c).lemma.lower() == "be"]


def actorlike(view: SentenceView, i: int) -> bool:
    """Whether a noun names a party (a name, a country word, a role such as "government",
    a noun made to name people: "developers") rather than a thing or a deed ("reforms",
    "decision")."""
    token = view.tok(i)
    if token.ent_type in _ACTORLIKE_ENTS or token.pos == "PRON":
        return True
    if token.pos == "NOUN" and is_person_noun(token.lemma):
        return True
    return bool(lexicon.role_for(token.text) or lexicon.role_for(token.lemma)
                or lexicon.country_for(token.text))  # fmt: skip


def purpose_like(view: SentenceView, clause: int) -> bool:
    """A relative clause states an aim only as an infinitive ("a strike to protest ...");
    other clause links (advcl, xcomp, acl) are taken as they come."""
    if view.tok(clause).dep != "relcl":
        return True
    return view.to_infinitive(clause)


def _aim_recipients(view: SentenceView, owners: Sequence[int]) -> list[int]:
    """Whom a protest is aimed at, read from its purpose or manner clause: "staged
    demonstrations to demand reforms by Suharto's government", "began a hunger strike to
    protest against Sweden's decision", "marched, demanding that the president resign"."""
    for clause in _kids(view, owners, "advcl", "xcomp", "acl", "relcl"):
        if view.tok(clause).pos not in ("VERB", "AUX") or not purpose_like(view, clause):
            continue
        targets = _expand(view, view.children(clause, "dobj"))
        targets += _prep_objects(view, [clause], frozenset({"against", "for"}))
        # "to demand reforms by/from the government": whom the demand is made of
        asked = _prep_objects(view, [clause], frozenset({"by", "from"}))
        found = [t for t in [*targets, *asked] if actorlike(view, t)]
        found += proposers(view, targets) + _clause_subjects(view, [clause])
        if found:
            return found
    return []


# Nouns of what a party chose to do, whose "of" names the party: "the decision of Kenya"
# (not "the deaths of civilians", who suffered them).
_CHOICES = frozenset({"decision", "move", "choice", "refusal", "step", "action", "policy"})


def proposers(view: SentenceView, nouns: Sequence[int]) -> list[int]:
    """Whose plan, proposal or deed an object is: "rejected an Indian proposal", "X's
    offer", "calls by Belarus's rulers", "an appeal from the president", "the decision of
    Kenya"."""
    found: list[int] = []
    for noun in nouns:
        found += view.children(noun, "poss")
        if view.tok(noun).lemma.lower() in _CHOICES:
            found += _prep_objects(view, [noun], frozenset({"of"}))
        found += _named_modifiers(view, noun)
        found += _prep_objects(view, [noun], frozenset({"by", "from"}))
        found += _misplaced_doer(view, noun)  # "denied charges by the Chamber"
        # "the threats made by the United States", "the attack carried out by Hamas"
        found += _participle_agents(view, noun)
    return found


def _unowned_allegation(view: SentenceView, noun: int) -> bool:
    """An allegation with no word of whose or what it is ("the allegations", "all the
    baseless accusations"; not "claims that their ventures deprive the Baloch")."""
    return view.tok(noun).lemma.lower() in cues("allegation") and _bare(view, noun)


def _bare(view: SentenceView, noun: int) -> bool:
    """A noun with no word of whose or what it is: only determiners and modifiers."""
    return not proposers(view, [noun]) and all(
        view.tok(c).dep in _BARE_NOUN_DEPS for c in view.children(noun)
    )


_BARE_NOUN_DEPS = frozenset({"det", "predet", "amod", "compound", "punct"})


def _named_modifiers(view: SentenceView, noun: int) -> list[int]:
    """The names that modify a noun ("Israeli airstrikes", "Hamas attacks"): whose it is.
    A participle or an adjective the tagger took for a name ("Coordinated airstrikes") is
    none; a nationality is an adjective that names ("Israeli")."""
    return [
        c
        for c in view.children(noun, "amod", "compound", "nmod")
        if view.tok(c).ent_type in _ACTORLIKE_ENTS
        and view.tok(c).pos != "VERB"
        and (view.tok(c).pos != "ADJ" or view.tok(c).ent_type == "NORP")
    ]


def _participle_agents(view: SentenceView, noun: int) -> list[int]:
    """Who does what a participle describing a noun tells: "the attack carried out by
    Hamas", "a missile fired by Houthi rebels"."""
    return [a for made in view.children(noun, "acl") for a in view.agents(made)]


def _wielders(view: SentenceView, doer: int) -> list[int]:
    """A weapon that does a deed stands for the side it is of, when its phrase says which:
    its national word ("a Russian missile hit a school") or who fired it ("a missile fired
    by Houthi rebels hit a ship"). Any other doer stands for itself."""
    if view.tok(doer).lemma.lower() not in cues("projectile"):
        return [doer]
    return _named_modifiers(view, doer) + _participle_agents(view, doer) or [doer]


def _whose_thing(view: SentenceView, i: int) -> list[int]:
    """A thing a deed falls on stands for the party its phrase says it is of: "a ban on
    imports from Europe", "seized Iran's tankers" fall on Europe and Iran. A thing with no
    such phrase is kept as it is, and so is one a national word qualifies ("Syrian army
    positions": the words give it its country, and two such things are two targets). Only
    for deeds: what words judge or back is their topic ("Syria's new constitution is
    facing criticism" judges the constitution)."""
    if view.tok(i).pos != "NOUN" or actorlike(view, i) or is_agent(view, i):
        return [i]
    parties = _owners(view, [i]) + view.prep_objects(i, "from", "of")
    return _expand(view, [p for p in parties if actorlike(view, p)]) or [i]


def _owner_finder(
    event_type: str,
) -> Callable[[SentenceView, Sequence[int]], list[int]] | None:
    """How an event of the type finds whose the thing it is done to is, if it looks."""
    if event_type in _PROPOSER_TYPES:
        return proposers
    return _owners if event_type in _OWNED_TARGET_TYPES else None


def _owners(view: SentenceView, nouns: Sequence[int]) -> list[int]:
    """Who, by name, owns a thing a deed is done to ("froze the newspaper's assets"). Not a
    pronoun ("to destroy its neighbour") nor a modifier ("Syrian army positions" are
    positions, already Syrian by their words)."""
    return [p for noun in nouns for p in view.children(noun, "poss") if view.tok(p).pos != "PRON"]


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
        # "lifted a travel ban imposed on Chadian citizens": whom the burden was laid on
        burdens = [a for a in view.children(current, "acl") if view.tok(a).tag == "VBN"]
        found += _prep_objects(view, burdens, BURDEN_PREPS)
    return found


def _clause_subjects(view: SentenceView, owners: Sequence[int]) -> list[int]:
    """Subjects of a that-clause under a request ("demanded that the US cancel"): who is
    asked to act."""
    clauses = _kids(view, owners, "ccomp", "acl")
    subjects = [s for c in clauses for s in view.children(c, "nsubj", "nsubjpass")]
    return _expand(view, [s for s in subjects if view.tok(s).tag not in _RELATIVE])


def _subject(view: SentenceView, unit: Sequence[int], head: int) -> tuple[list[int], list[int]]:
    """(active subjects or agents, passive subjects) of a verb, inherited if it has none."""
    agents = [o for i in unit for o in view.agents(i)]
    auxes = _kids(view, unit, "aux", "auxpass")
    if not agents and _kids(view, unit, "auxpass"):
        agents = _coordinated_agents(view, head)
    subjects = _kids(view, unit, "nsubj", "csubj") + agents
    passive = _kids(view, unit, "nsubjpass")
    if not subjects and view.tok(head).dep == "ROOT" and view.to_infinitive(head):
        # a headline's "UK to send troops": the parser may leave its subject unlabelled
        subjects = [
            d for d in view.children(head, "dep") if d < head and view.tok(d).pos in _NOMINAL
        ]
    # "the rebels who attacked", "Porras, who was sanctioned": the noun described
    subjects = [antecedent(view, head, s) for s in subjects]
    passive = [antecedent(view, head, s) for s in passive]
    if agents and not passive and _bare_participle(view, head, auxes):
        # "X was shot and killed by police": the agent hangs on the last participle, which
        # befalls the subject of the first
        passive = _first_undergoer(view, head)
    if not passive and _describes_undergoer(view, head, auxes):
        # a headline's "Four killed in air strike", "Six arrested by police": the noun a
        # past participle describes undergoes it (a "by" agent, if any, does it)
        passive = [antecedent(view, head, view.head(head))]
    elif not subjects and not passive and (scheme := scheme_of(view, head)) is not None:
        # "foiled Iran's plot to kill her": whose the plot is; who hatched it ("rebels
        # launched a bid to seize the capital"), never who foiled it
        subjects = view.children(scheme, "poss") or _schemers(view, scheme)
    elif not subjects and not passive:
        subjects = _gerund_doers(view, head) or _inherited_subject(view, head)
        if subjects and _bare_participle(view, head, auxes):
            # "..., killed in a joint operation", "were arrested and charged": a past
            # participle without its own auxiliary tells what befell its subject; in
            # "X was targeted by Y, accused of ..." Y still acts and X undergoes
            undergoing = _undergoing(view, head)
            if undergoing:
                passive = undergoing
            else:
                subjects, passive = [], subjects
        elif _kids(view, unit, "auxpass"):
            # "seeking damages for being shot": a passive with no subject of its own
            # befalls the one it inherits, or the one told it will ("ordered Russians to be
            # evacuated")
            subjects, passive = [], _told(view, head) or subjects
    return _expand(view, subjects), _expand(view, passive)


def _gerund_doers(view: SentenceView, head: int) -> list[int]:
    """The doers a gerund names as a noun would ("killed in shelling by government forces",
    "the looting by soldiers"): its own "by" phrase, when that names someone who can act
    ("by shelling the town" is a means, and a "by" under the gerund naming no agent, "by
    night", says how or when)."""
    if view.tok(head).tag != "VBG":
        return []
    return [party for party in view.prep_objects(head, "by") if is_agent(view, party)]


def _coordinated_agents(view: SentenceView, head: int) -> list[int]:
    """The agent of a bare participle coordinated after a passive verb: the parser hangs
    "by police" on "killed" in "was shot and killed by police", and both are done by it."""
    return [
        agent
        for verb in view.children(head, "conj")
        if view.tok(verb).tag == "VBN" and not _own_subject(view, verb)
        for agent in view.agents(verb)
    ]


def _misread_past(view: SentenceView, verb: int) -> bool:
    """A past participle describing a noun that has an object and no agent of its own: a
    past tense the tagger misread, its noun the subject ("A gunman killed 50 people")."""
    return bool(view.children(verb, "dobj")) and not view.children(verb, "agent")


def _first_undergoer(view: SentenceView, head: int) -> list[int]:
    """The passive subject of the passive verb a bare participle is coordinated with."""
    parent = view.head(head)
    if view.tok(head).dep != "conj" or parent is None or not view.children(parent, "auxpass"):
        return []
    return [antecedent(view, parent, s) for s in view.children(parent, "nsubjpass")]


def _told(view: SentenceView, head: int) -> list[int]:
    """The object of the verb an infinitive complements: who is ordered, asked or allowed."""
    parent = view.head(head)
    if view.tok(head).dep != "xcomp" or parent is None:
        return []
    return view.children(parent, "dobj")


def antecedent(view: SentenceView, verb: int, subject: int) -> int:
    """What the subject of ``verb`` stands for: when ``verb`` heads a relative clause, its
    relative pronoun stands for the noun the clause describes ("ships that authorities say
    are violating sanctions": the ships); any other subject stands for itself."""
    described = view.head(verb)
    relative = view.tok(subject).tag in _RELATIVE and view.tok(verb).dep == "relcl"
    return described if relative and described is not None else subject


def _undergoing(view: SentenceView, head: int) -> list[int]:
    """The passive subject of the clause a bare participle hangs on, when that clause has
    an agent ("Macron was targeted by protesters, accused of ...": Macron)."""
    parent = view.head(head)
    if parent is None or not view.children(parent, "agent"):
        return []
    return view.children(parent, "nsubjpass")


def _describes_undergoer(view: SentenceView, head: int, auxes: list[int]) -> bool:
    """A past participle with no auxiliary that describes the noun a verbless sentence is
    built on: a headline's passive ("Four killed in air strike", "Six indicted by grand
    jury"). Within a sentence that has a verb of its own, what such a participle describes
    is left as before: taken everywhere it cost duplicates, stories and PLOVER triples
    (README, "Measured quality")."""
    noun = view.head(head)
    return (
        view.tok(head).tag == "VBN"
        and view.tok(head).dep == "acl"
        and not auxes
        and not view.children(head, "dobj")  # "Gunman killed 50": a past tense misread
        and noun is not None
        and _sentence_built_on(view, noun)
        and not any(view.tok(i).tag in _FINITE for i in range(view.start, view.end))
    )


def _sentence_built_on(view: SentenceView, noun: int) -> bool:
    """The root, or what a counting root counts ("Dozens of captives released")."""
    if view.tok(noun).dep == "ROOT":
        return True
    of = view.head(noun)
    count = view.head(of) if of is not None else None
    return (
        count is not None
        and view.tok(count).dep == "ROOT"
        and is_count(view, count)
        and noun in counted(view, count)
    )


# Tags of finite verbs: a sentence with one is no headline's telegraphic passive.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _bare_participle(view: SentenceView, head: int, auxes: list[int]) -> bool:
    """A past participle with no auxiliary of its own, outside a perfect ("has attacked and
    killed" stays active)."""
    if view.tok(head).tag != "VBN" or auxes or view.tok(head).dep not in ("advcl", "conj"):
        return False
    parent = view.head(head)
    if parent is None or view.tok(head).dep != "conj":
        return True
    perfect = any(view.tok(a).lemma.lower() == "have" for a in view.children(parent, "aux"))
    return not perfect or bool(view.children(parent, "auxpass"))


def _inherited_subject(view: SentenceView, head: int) -> list[int]:
    current = head
    for _ in range(4):
        dep = view.tok(current).dep
        parent = view.head(current)
        if parent is None or dep not in _INHERIT:
            return []
        if dep in ("relcl", "acl"):
            # "the rebels who attacked", "students marching": the modified noun acts;
            # a past participle ("a rally staged by students") leaves the noun undergoing,
            # unless it has an object: "A gunman killed 50 people" is a past tense misread.
            if view.tok(current).tag == "VBN" and not _misread_past(view, current):
                return []
            return _makers(view, parent) or [parent]
        if view.tok(parent).pos == "ADP":
            faulted = _blamed_for(view, current, parent)
            if faulted:
                return faulted
            parent = view.head(parent) or parent
        found = view.children(parent, "nsubj", "agent")
        if found:
            agent = [o for f in found if view.tok(f).dep == "agent" for o in view.children(f)]
            return agent or [f for f in found if view.tok(f).dep == "nsubj"]
        if dep == "xcomp" and view.tok(parent).lemma.lower() in cues("raising"):
            # "one Briton is known to be injured", "the rebels are believed to have attacked",
            # "he was ordered to leave": what is known of, or asked of, the passive's subject
            # is its deed ("was summoned to protest" is the summoner's purpose)
            raised = view.children(parent, "nsubjpass")
            if raised:
                return raised
        current = parent
    return []


def _makers(view: SentenceView, noun: int) -> list[int]:
    """Who makes an instrument that acts ("Parliament passed a law banning the party",
    "Trump signed an order imposing sanctions", "a decree ... was issued by the junta"):
    the subject of the verb that passes, signs or issues it, or its "by" agent."""
    verb = view.head(noun)
    if verb is None or not enacts(view, verb, noun):
        return []
    if view.tok(noun).dep == "dobj":
        return view.children(verb, "nsubj")
    if view.tok(noun).dep == "nsubjpass":
        return [o for by in view.children(verb, "agent") for o in view.children(by, "pobj")]
    return []


def enacts(view: SentenceView, verb: int, noun: int) -> bool:
    """Whether the verb passes, signs, adopts or issues the noun as a law, an order, a decree
    or a resolution (cue kinds ``enact`` and ``instrument``)."""
    return view.tok(verb).lemma.lower() in cues("enact") and view.tok(noun).lemma.lower() in cues(
        "instrument"
    )


def _blamed_for(view: SentenceView, gerund: int, preposition: int) -> list[int]:
    """Who a verb of judging, punishing or pressing says does the deed: "criticized the
    officer for shooting Crutcher", "accused Israel of attacking Gaza", "was arrested for
    threatening the mayor", "pressured Ukraine into investigating": its object, when a party,
    not its subject. Not what is sought for a deed done to someone ("seeking damages for
    being shot")."""
    verb = view.head(preposition)
    if (
        verb is None
        or view.tok(gerund).dep != "pcomp"
        or not _blaming_preposition(view, preposition, verb)
        or view.children(gerund, "auxpass")
    ):
        return []
    blamed = view.children(verb, "dobj") or view.children(verb, "nsubjpass")
    # a pronoun is whoever it stands for ("accused him of attacking"), never the accuser
    return [p for p in blamed if is_agent(view, p) or view.tok(p).pos == "PRON"]


def _blamed_on(view: SentenceView, verb: int | None) -> list[int]:
    """Who a verb that lays a deed at someone's door names (cue kind ``blame_on``): "Israel
    blamed the attack on Hezbollah" accuses Hezbollah, and says Hezbollah attacked. The
    parser hangs the "on" phrase from the verb or from the deed."""
    if verb is None or view.tok(verb).lemma.lower() not in cues("blame_on"):
        return []
    holders = [verb, *view.children(verb, "dobj")]
    return [p for h in holders for p in view.prep_objects(h, "on") if actorlike(view, p)]


def _blaming_preposition(view: SentenceView, preposition: int, verb: int) -> bool:
    """ "for", "of", "into" after a verb that judges or presses; "with" only after one that
    charges ("charged him with murdering"): "helped the police with arresting" is help."""
    word = view.tok(preposition).lemma.lower()
    if word == "with":
        return view.tok(verb).lemma.lower() in cues("imputing")
    return word in ("for", "of", "into")


def _verb_roles(
    view: SentenceView, unit: Sequence[int], head: int, entry: TriggerEntry, preps: frozenset[str]
) -> tuple[list[int], list[int]]:
    subjects, passive = _subject(view, unit, head)
    objects = _expand(view, _kids(view, unit, "dobj", "dative")) or _shared_object(view, head)
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
        elif passive and not actors and _moves_forces(entry):
            # "2,000 Russian soldiers were deployed", "police were deployed across the
            # capital": with no one named moving them, the forces moved act for their side
            actors = [p for p in passive if _forces(view, p)]
        elif passive and not actors and _held_commitment(view, head, entry):
            # "Vietnam is committed to opening up its economy": a stance its subject holds
            actors = [p for p in passive if actorlike(view, p)]
        if not recipients and entry.type in _CLAUSE_RECIPIENT_TYPES:
            recipients += _clause_subjects(view, unit)
        recipients += _provided_with(view, unit, objects)
    elif entry.object == "actor" and objects:
        actors, recipients = objects, subjects + recipients
    else:
        if not objects and actors and not passive and _reduced_passive(view, head):
            # "Cop, civilian injured as terrorists open fire", "Five protesters detained
            # after clashes": who underwent it, whoever the "by" phrase names did it
            actors, passive = _expand(view, view.agents(head)), actors
        if not objects and actors:
            objects = _helped_to_do(view, head, asked=entry.type == "REQUEST")
        recipients = passive + _party_objects(view, objects, preps) + recipients
    return actors, recipients + _blamed_on(view, head)


def _held_commitment(view: SentenceView, verb: int, entry: TriggerEntry) -> bool:
    """A promise in the passive with no one named making it and a deed to do ("is
    committed to opening up", "is pledged to defend"): its subject holds it. "Aid was
    pledged to Ukraine" names what is promised, no deed."""
    return (
        entry.type == "AGREE"
        and not view.agents(verb)
        and any(
            view.tok(p).lemma.lower() == "to" and view.children(p, "pcomp")
            for p in view.children(verb, "prep")
        )
    )


def _schemers(view: SentenceView, scheme: int) -> list[int]:
    """The subject of the verb that governs a scheme, unless that verb thwarts it (cue kind
    ``thwarting``: foiled, uncovered, disrupted)."""
    verb = view.head(scheme)
    if verb is None or view.tok(verb).lemma.lower() in cues("thwarting"):
        return []
    return [antecedent(view, verb, s) for s in view.children(verb, "nsubj")]


def _reduced_passive(view: SentenceView, verb: int) -> bool:
    """A past form with a subject but no object and no auxiliary that tells a passive: of a
    deed only ever done to someone (cue kind ``undergone``: kill, injure, arrest, detain
    ...), a headline's passive with its "were" left out, which the tagger reads as a past
    tense; of any deed, a past participle after "with" or "without" ("with more than 600 women
    attacked in Cologne", "without the capital shelled"), which English builds only on what
    undergoes it (its doer would take "-ing": "with rebels attacking")."""
    token = view.tok(verb)
    # a past participle, which the tagger may read as a past tense
    if token.tag not in ("VBD", "VBN"):
        return False
    if view.children(verb, "aux", "auxpass", "dobj", "ccomp", "xcomp"):
        return False
    return token.lemma.lower() in cues("undergone") or _after_with(view, verb)


def _after_with(view: SentenceView, verb: int) -> bool:
    """Whether "with" or "without" opens the participle's clause: the parser hangs the
    clause on it as a preposition (pcomp) or hangs it on the clause as its marker."""
    opening = [view.head(verb)] if view.tok(verb).dep == "pcomp" else view.children(verb, "mark")
    return any(w is not None and view.tok(w).lemma.lower() in _WITH for w in opening)


_WITH = frozenset({"with", "without"})


def _provided_with(view: SentenceView, unit: Sequence[int], objects: list[int]) -> list[int]:
    """The party a thing is given to when it is the object and the thing comes "with":
    "provided Egypt with military assistance", "supplied the army with weapons"."""
    if not any(view.tok(p).lemma.lower() == "with" for p in _kids(view, unit, "prep")):
        return []
    return [o for o in objects if actorlike(view, o)]


def _shared_object(view: SentenceView, head: int) -> list[int]:
    """The object of the next coordinated verb, for an active verb with none and no clause
    of its own: "police arrested and charged three men", "soldiers beat and detained
    dozens" (the parser hangs the one object on the last verb). Only when the next verb
    shares the subject: "police arrived and protesters burned tyres" shares nothing."""
    if _kids(view, [head], "dobj", "ccomp", "xcomp", "nsubjpass", "auxpass"):
        return []
    for verb in view.children(head, "conj"):
        if verb > head and view.tok(verb).pos == "VERB" and not _own_subject(view, verb):
            return _expand(view, view.children(verb, "dobj"))
    return []


def _own_subject(view: SentenceView, verb: int) -> bool:
    """Whether a verb has a subject or passive auxiliary of its own."""
    return bool(view.children(verb, "nsubj", "nsubjpass", "csubj", "auxpass", "expl"))


def _helped_to_do(view: SentenceView, verb: int, asked: bool = False) -> list[int]:
    """The subject of a bare infinitive clause, for a verb whose object is its recipient:
    "the United States helped Ukraine build its air defences" (the parser makes the helped
    party the clause's subject, not the verb's object); for a request (``asked``), of a
    "to" infinitive too: "implored lawmakers to act" is parsed as "implored [lawmakers to
    act]" where "urged lawmakers to act" has its object. Only when the verb has a doer: "a
    plane used to help troops communicate" helps no one in particular."""
    return [
        s
        for clause in view.children(verb, "ccomp")
        if view.tok(clause).tag == "VB"
        and (
            _bare_infinitive(view, clause)
            or (asked and view.to_infinitive(clause) and not view.children(clause, "mark"))
        )
        for s in view.children(clause, "nsubj")
    ]


def _bare_infinitive(view: SentenceView, clause: int) -> bool:
    return not view.children(clause, "aux", "mark")


def _moves_forces(entry: TriggerEntry) -> bool:
    """A deployment of forces: a mobilisation, or peacekeepers sent."""
    return entry.type == "MOBILIZE" or "peacekeeping" in entry.contexts


def _forces(view: SentenceView, i: int) -> bool:
    """Armed forces or police (cue kinds ``armed`` and ``police``): "soldiers", "troops"."""
    lemma = view.tok(i).lemma.lower()
    return lemma in cues("armed") or lemma in cues("police")


_NEWSMEN = frozenset({"journalist", "reporter", "press", "media", "correspondent"})
# Prepositions that set a clause at a meeting: "during a visit to Quetta", "after talks with
# Putin", "at a meeting with Scholz", "on a visit to China".
# ("before the meeting" is none: who leaves before it need not be at it)
_OCCASION_PREPS = frozenset({"during", "after", "at", "following", "in", "on"})


def _present_at(view: SentenceView, noun: int, entry: TriggerEntry) -> list[int]:
    """Who was at a meeting that sets the scene of a clause: that clause's subject ("During a
    visit to Quetta, Sharif told media ...", "After talks with Putin, Erdogan said ..."). Only
    for meetings: the subject of "after the attack, police arrested five" did not attack;
    only a visit somewhere ("told Starmer during the visit": the host speaks); and not a talk
    with the press ("in a conversation with journalists")."""
    if entry.mode == "visit" and not _prep_objects(view, [noun], frozenset({"to"})):
        return []
    met = _prep_objects(view, [noun], frozenset({"with"}))
    if any(view.tok(m).lemma.lower() in _NEWSMEN for m in met):
        return []
    verb = _occasion_verb(view, noun)
    if verb is None:
        return []
    return [s for s in _subject(view, [verb], verb)[0] if s != noun]


def _occasion_verb(view: SentenceView, noun: int) -> int | None:
    """The verb of the clause a meeting sets the scene of ("told" in "told Trump in a phone
    call"), through one of ``_OCCASION_PREPS``."""
    prep = view.head(noun)
    if view.tok(noun).dep != "pobj" or prep is None:
        return None
    verb = view.head(prep)
    if view.tok(prep).lemma.lower() not in _OCCASION_PREPS or verb is None:
        return None
    return verb if view.tok(verb).pos in ("VERB", "AUX") else None


def _told_at(view: SentenceView, noun: int) -> list[int]:
    """Whom the subject present at a meeting told something there: the other side of the
    call or the talks ("Sheinbaum told Trump in a phone call that ...", "assured Kyiv's
    envoy during the talks"), but the press ("told reporters in an interview")."""
    verb = _occasion_verb(view, noun)
    if verb is None or view.tok(verb).lemma.lower() not in _TELLING:
        return []
    told = view.children(verb, "dobj", "dative")
    return [t for t in told if view.tok(t).lemma.lower() not in _NEWSMEN and actorlike(view, t)]


# Verbs whose object is whom the subject speaks to.
_TELLING = frozenset({"tell", "assure", "inform", "brief", "urge", "warn", "ask", "remind"})


def _party_objects(view: SentenceView, objects: list[int], preps: frozenset[str]) -> list[int]:
    """Objects as recipients, except that an object naming a deed or thing gives way to the
    party its phrase names ("threatened further action against Russia", "allow the delivery
    of grain to Afghanistan")."""
    found: list[int] = []
    for o in objects:
        if actorlike(view, o):
            found.append(o)
            continue
        if view.tok(o).lemma.lower() == "control" and view.prep_objects(o, "of"):
            # "seized control of the airport": what is seized is the airport
            found += _expand(view, view.prep_objects(o, "of"))
            continue
        phrase = _object_phrase_preps(view, [o], preps)
        behind = _party_behind(view, o) or _misplaced_doer(view, o)
        found += [p for p in phrase if actorlike(view, p)] or behind or [o]
    return found


def _misplaced_doer(view: SentenceView, thing: int) -> list[int]:
    """The doer of a judged deed whose "by" phrase the parser hung on the judging verb: an
    active verb with an object takes no agent, so in "Russia condemned the launch by North
    Korea" the by-phrase is the launch's."""
    verb = view.head(thing)
    if verb is None or view.tok(thing).dep != "dobj" or view.children(verb, "auxpass"):
        return []
    return _expand(
        view, [party for party in view.prep_objects(verb, "by") if is_agent(view, party)]
    )


# Phrases whose object says what a thing is about: "the report on Iran's enrichment".
_ABOUT_PREPS = frozenset({"on", "about", "over", "into", "regarding"})


def _party_behind(view: SentenceView, thing: int, depth: int = 2) -> list[int]:
    """The party a judged or welcomed thing comes from, when it names one: its doer ("the
    launch by North Korea"), the subject of the news it reports ("the announcement that
    Ukraine had agreed"), where goods come from ("imports from Europe"), or, through what it
    is about, the owner of that ("the report on Iran's enrichment"). An analyst codes the
    condemnation of a launch against the launcher, not against the launch. Never the
    victim of a deed ("the killing of a journalist") nor its owner, which may be either."""
    # a passive agent is a "by" phrase too; in text order, as the phrases come
    origins = view.prep_objects(thing, "from")
    doers = sorted([*view.prep_objects(thing, "by"), *origins, *view.agents(thing)])
    # where a thing comes from may be a region ("imports from Europe"), as a doer may not
    regions = {o for o in origins if view.tok(o).ent_type == "LOC"}
    found = [party for party in doers if actorlike(view, party) or party in regions]
    found += [
        subject
        for clause in view.children(thing, "acl", "ccomp")
        if view.children(clause, "mark")
        for subject in view.children(clause, "nsubj")
        if actorlike(view, subject)
    ]
    if found or depth == 0:
        return _expand(view, found)
    for topic in view.prep_objects(thing, *_ABOUT_PREPS):
        owners = [o for o in view.children(topic, "poss") if actorlike(view, o)]
        found += owners or _party_behind(view, topic, depth - 1)
    return _expand(view, found)


def _noun_roles(
    view: SentenceView,
    noun: int,
    entry: TriggerEntry,
    preps: frozenset[str],
    cities: frozenset[int],
    events: set[int],
) -> tuple[list[int], list[int], str]:
    # "Saturday's meeting", "last week's attack": a date owns no deed
    owners = [o for o in view.children(noun, "poss") if view.tok(o).ent_type not in _WHEN_ENTS]
    # "the Vancouver conference" is where; "Washington sanctions" who imposes them
    modifiers = [
        c for c in _named_modifiers(view, noun) if c not in cities or entry.type == "SANCTION"
    ]
    # "criticism from legal experts", "aid from Washington": who it comes from acts
    actors = _prep_objects(view, [noun], frozenset({"by", "between"}) | ({"from"} - preps))
    actors += _claimants(view, noun)
    actors += _between_where_it_happens(view, noun)
    actors += _participle_agents(view, noun)
    seat = _frame_holding(view, noun)
    # "a bombing campaign against Serbia": the frame's phrases are the deed's
    recipients = _prep_objects(view, sorted({noun, seat}), preps) + _struck_by(view, noun)
    if plover_types()[entry.type].quad.startswith("material"):
        # a deed's target; what words or talks are "aimed at" is their goal
        recipients += _participle_targets(view, noun)
    culprits = _blamed_on(view, view.head(seat)) if view.tok(seat).dep == "dobj" else []
    actors += culprits
    recipients = [r for r in recipients if r not in culprits]
    coming = comes_under(view, noun)  # "the convoy came under attack": the convoy suffers it
    if coming is not None:
        recipients += view.children(coming, "nsubj")
    recipients += _perished_in(view, noun, entry)
    # "talks on North Korea": a topical phrase names a party only when it is a named one
    topical = _prep_objects(view, [noun], _TOPICAL - preps)
    recipients += [t for t in topical if view.tok(t).ent_type in _ACTORLIKE_ENTS]
    of_objects = _prep_objects(view, [noun], frozenset({"of"}))
    if entry.object == "undergoer":
        # "the prisoner's release": the owner undergoes it; "Egypt's release of a citizen":
        # with an of-object to undergo it, the owner does it
        recipients += of_objects if of_objects else owners
        actors += modifiers + (owners if of_objects else [])
    elif entry.object == "giver" and not owners:
        # "the endorsement of Senator Cruz", "received the endorsement of LeBron James": with
        # no owner to give it ("his endorsement of Clinton"), the of-phrase is the giver
        recipients = [r for r in recipients if r not in of_objects]
        actors += of_objects + modifiers
    else:
        actors += owners + modifiers
        # "the withdrawal of some forces from Panama": the party hangs from the of-object;
        # "a war of words between Pyongyang and Washington": so do the sides
        recipients += _object_phrase_preps(view, of_objects, preps - {"of", "between"})
        actors += _object_phrase_preps(view, of_objects, frozenset({"between"}) - preps)
    wielder = _wielded_by(view, noun, entry)
    if wielder is not None and wielder not in events and not actors:
        actors = _subject(view, [wielder], wielder)[0]
        recipients += view.children(wielder, "dobj")
        return _expand(view, actors), _expand(view, recipients), "governed"
    path = "noun"
    # "went on strike", "went on a looting spree": "go" lends its subject
    on_verb = _joining_verb(view, seat) or _light_verb_misread(view, seat)
    governor = on_verb or view.head(seat)
    governing = view.tok(governor).lemma.lower() if governor is not None else ""
    if (
        governor is not None
        and (on_verb is not None or view.tok(seat).dep in ("dobj", "nsubjpass"))
        and (on_verb is not None or view.tok(governor).pos == "VERB")
        and governor not in events
        and _lends_subject(governing, entry)
        and not met_with(view, governor)  # "any attack would be met with force"
        # "called the attack a barbarous act", "deemed the raid a crime": a verb with an
        # object predicate judges the deed, its subject does not do it
        and not view.children(governor, "oprd")
    ):
        # "hold talks", "staged demonstrations": the verb's subject is the noun's actor; the
        # subject of a verb of undergoing is its recipient ("the constitution faces
        # criticism", "drew condemnation", cue kind ``undergo``); the subject of a verb that
        # tells, looks on at or stops a deed is neither ("described the massacre",
        # "investigated the killing", "prevented an attack", cue kind ``onlooker``); the
        # subject of a verb that causes it is its target ("the ruling sparked protests",
        # cue kind ``cause``)
        path = "light" if governing in cues("light") else "governed"
        subjects, _ = _subject(view, [governor], governor)
        if governing in cues("undergo") or governing in cues("cause"):
            recipients += subjects
            actors = actors or _prep_objects(view, [governor], frozenset({"from"}))
        elif not actors:
            actors = subjects
        # the deed is not its own recipient: "went on a looting spree" falls on no spree
        recipients += [
            r for r in _prep_objects(view, [governor], preps | {"with"}) if r not in (noun, seat)
        ]
        recipients += _datives(view, [governor])
        if put_under(view, seat):
            # who is put under arrest, or was
            recipients += view.children(governor, "dobj", "nsubjpass")
    if not recipients and entry.type in _CLAUSE_RECIPIENT_TYPES:
        recipients += _clause_subjects(view, [noun])
    if not actors and entry.type == "CONSULT":
        actors = _present_at(view, seat, entry)
        if actors and not recipients:
            recipients += _told_at(view, seat)
    if not actors and entry.type in _MANNER_TYPES:
        actors = _manner_doers(view, noun, events)
    if not actors and _moves_forces(entry):
        # "the buildup of Russian troops": the forces moved are the side that moves them,
        # when no one else is named ("Russia's build-up", "Ghana announced the deployment")
        actors = [o for o in of_objects if _forces(view, o)]
    return _expand(view, actors), _expand(view, recipients), path


_ANNOUNCED_BY_ANYONE = frozenset({"ASSAULT", "CONSULT"})
# Deeds that can be the manner of another verb's action ("marched in protest").
_MANNER_TYPES = frozenset({"PROTEST", "SUPPORT"})


def _manner_doers(view: SentenceView, noun: int, events: set[int]) -> list[int]:
    """Who does a deed named as the manner of another verb, "in" and the bare noun: that
    verb's subject ("hundreds of people massed outside the consulate in protest of the
    raids", "shops closed in protest", "mosques broadcast prayers in support of
    Palestinians"). A verb that is an event of its own keeps its own parties."""
    held = _held_by_preposition(view, noun)
    if held is None or held[0] != "in" or view.children(noun, "det", "poss"):
        return []
    # the parser may hang the phrase on the verb's object ("walked out of classes in
    # protest"); a noun that is no object is no verb's ("participation in strikes waned")
    verb: int | None = held[1]
    while verb is not None and (
        view.tok(verb).pos == "ADP" or view.tok(verb).dep in ("pobj", "dobj")
    ):
        verb = view.head(verb)
    if verb is None or verb in events or view.tok(verb).pos not in ("VERB", "AUX"):
        return []
    return _subject(view, [verb], verb)[0]


def _lends_subject(verb: str, entry: TriggerEntry) -> bool:
    """Whether the subject of ``verb`` does the deed its object noun names. A verb that
    proclaims a decision does it ("announced a ceasefire", "unveiled sanctions", "announced
    the deployment of troops", cue kind ``proclaim``) unless the deed is violence, which is
    reported more often than claimed ("the army announced the killing of ten soldiers"), or
    a meeting, which one side or a spokesman announces for all ("announced the summit")."""
    if verb in cues("light"):
        return True
    if verb in cues("proclaim"):
        return entry.type not in _ANNOUNCED_BY_ANYONE
    return verb not in _no_lenders()


@functools.cache
def _no_lenders() -> frozenset[str]:
    """Verbs whose subject does not do the deed their object names: who speaks of it, looks
    on at it, or escapes or stops it ("escaped arrest", "foiled a bombing")."""
    return cues("speech") | cues("onlooker") | cues("avoidance")


_WHEN_ENTS = frozenset({"DATE", "TIME"})


def _held_by_preposition(view: SentenceView, noun: int) -> tuple[str, int] | None:
    """For the object of a preposition: the preposition's lemma and the word it hangs on."""
    preposition = view.head(noun)
    if view.tok(noun).dep != "pobj" or preposition is None:
        return None
    holder = view.head(preposition)
    return None if holder is None else (view.tok(preposition).lemma.lower(), holder)


def _frame_holding(view: SentenceView, noun: int) -> int:
    """The noun that only frames the deed, when there is one (cue kind ``frame``): the deed
    is its "of" phrase ("declared a state of emergency", "carried out a wave of arrests") or
    its modifier ("launched a mediation effort", "began a bombing campaign"); or the sum the
    deed is counted in ("announced $33 million in assistance"). The verb that governs the
    frame governs the deed."""
    if view.tok(noun).dep == "pobj":
        held = _held_by_preposition(view, noun)
        if held is not None and held[0] in ("in", "of") and _is_amount(view, held[1]):
            return held[1]  # "announced $33 million in assistance", "20 tons of aid"
        if held is None or held[0] != "of":
            return noun
        frame: int | None = held[1]
    elif view.tok(noun).dep in ("compound", "amod"):  # "a looting spree" hangs as amod
        frame = view.head(noun)
    else:
        return noun
    return frame if frame is not None and view.tok(frame).lemma.lower() in cues("frame") else noun


_AMOUNT_ENTS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})


def _is_amount(view: SentenceView, i: int) -> bool:
    """Token ``i`` is a sum or a count ("$33 million", "20 tons")."""
    return view.tok(i).ent_type in _AMOUNT_ENTS or bool(view.children(i, "nummod"))


# Deeds that are the instrument of another verb's action ("pounded the town with airstrikes").
_INSTRUMENT_TYPES = frozenset({"ASSAULT", "SANCTION", "COERCE"})


def _wielded_by(view: SentenceView, noun: int, entry: TriggerEntry) -> int | None:
    """The active verb a deed of force is the instrument of: "warplanes pounded the
    positions with airstrikes", "slapped Moscow with sanctions": the verb's subject does the
    deed and its object takes it. Without an object the deed is no instrument:
    "sympathized with the attack"."""
    held = _held_by_preposition(view, noun)
    if entry.type not in _INSTRUMENT_TYPES or held is None or held[0] != "with":
        return None
    verb = held[1]
    if view.tok(verb).pos != "VERB" or not view.children(verb, "nsubj"):
        return None
    return verb if view.children(verb, "dobj") else None


_ON_VERBS = frozenset({"go", "be", "remain", "stay", "put", "place"})
# Verbs whose subject takes part in the deed their "in" phrase names ("took part in",
# "participated in the march").
_IN_VERBS = frozenset({"participate", "engage", "join"})
# Verbs whose subject subjects their object to the deed their "under" phrase names.
_UNDER_VERBS = frozenset({"put", "place", "keep"})


# Words between a deed noun and the verb of dying it caused: "died in the attack", "died as
# a result of the torture", "died due to torture", "died from the shelling".
_CAUSE_LINKS = frozenset({"in", "from", "during", "of", "to", "after", "result", "due", "as"})
_CAUSE_STEPS = 4
# How a cause hangs on the verb it causes: its subject or a phrase ("killed in ..."), not a
# verb joined to it ("were killed and hundreds were injured") or a clause.
_CAUSE_DEPS = frozenset({"nsubj", "csubj", "prep", "agent"})
# Who was killed "a week after the attack" may have died in another: a count of the dead
# is the deed's toll only when the deed is its cause or its time ("killed in the attack").
TOLL_CAUSE_LINKS = _CAUSE_LINKS - {"after"}


def _perished_in(view: SentenceView, noun: int, entry: TriggerEntry) -> list[int]:
    """Who died or was hurt by a deed of violence ("five soldiers died in the attack", "the
    prisoner died as a result of torture", "two soldiers were killed in shelling by the
    army"): its victims (cue kinds ``perish`` and ``casualty``: the passive of a verb that
    counts the dead or hurt)."""
    verb = caused_verb(view, noun) if entry.type == "ASSAULT" else None
    if verb is None:
        return []
    lemma = view.tok(verb).lemma.lower()
    if lemma in cues("casualty") and caused_verb(view, noun, TOLL_CAUSE_LINKS) == verb:
        return view.children(verb, "nsubjpass")
    return view.children(verb, "nsubj") if lemma in cues("perish") else []


def caused_verb(view: SentenceView, noun: int, links: frozenset[str] = _CAUSE_LINKS) -> int | None:
    """The verb the deed ``noun`` is the cause of, as its subject or in a phrase of cause
    ("the bombing killed", "died in the attack", "killed as a result of shelling"), if any."""
    current = noun
    for _ in range(_CAUSE_STEPS):
        head = view.head(current)
        if head is None:
            return None
        if view.tok(head).pos in ("VERB", "AUX"):
            return head if view.tok(current).dep in _CAUSE_DEPS else None
        if view.tok(head).lemma.lower() not in links:
            return None
        current = head
    return None


def met_with(view: SentenceView, i: int) -> list[int]:
    """What a deed "is met with" (a passive "meet" with a "with" phrase): how it is received
    ("the plan was met with criticism"), not a meeting."""
    if view.tok(i).lemma.lower() != "meet" or not view.children(i, "nsubjpass", "auxpass"):
        return []
    return view.prep_objects(i, "with")


def comes_under(view: SentenceView, i: int) -> int | None:
    """The verb "come" when noun ``i`` is what its subject comes under ("the convoy came
    under attack", "came under fire"): a deed suffered now, not a standing state."""
    verb = _held_under(view, i)
    return verb if verb is not None and view.tok(verb).lemma.lower() == "come" else None


def _held_under(view: SentenceView, noun: int) -> int | None:
    """The word a noun's "under" phrase hangs on ("came under attack", "put him under
    arrest"), or None."""
    held = _held_by_preposition(view, noun)
    return held[1] if held is not None and held[0] == "under" else None


def _joining_verb(view: SentenceView, noun: int) -> int | None:
    """The verb whose subject does the deed named by its phrase: "went on strike", "are on
    hunger strike", "participated in a march", "took to the streets", and a coming together
    for the deed or in it ("gathered for a vigil", "massed in protest", cue kind
    ``assemble``)."""
    held = _held_by_preposition(view, noun)
    if held is None:
        return None
    word, verb = held
    lemma = view.tok(verb).lemma.lower()
    if word == "under" and lemma in _UNDER_VERBS:
        # "put the opposition leader under house arrest", "was placed under house arrest":
        # see put_under
        return verb if view.children(verb, "nsubj", "nsubjpass") else None
    if not view.children(verb, "nsubj"):
        return None
    if word == "on":
        return verb if lemma in _ON_VERBS else None
    if word == "in" and lemma in _IN_VERBS:
        return verb
    if word == "to" and lemma == "take":
        return verb  # "took to the streets"
    return verb if word in ("for", "in") and lemma in cues("assemble") else None


def _light_verb_misread(view: SentenceView, noun: int) -> int | None:
    """The light verb whose object the parser made the subject of a clause after it:
    "conducted the military drills encircling Taiwan" is read as "conducted [the drills
    encircle Taiwan]", with a gerund for that clause's verb and no object for "conducted"."""
    clause = view.head(noun)
    if view.tok(noun).dep != "nsubj" or clause is None or view.tok(clause).tag != "VBG":
        return None
    verb = view.head(clause)
    if view.tok(clause).dep != "ccomp" or verb is None or view.children(verb, "dobj"):
        return None
    return verb if view.tok(verb).lemma.lower() in cues("light") else None


def put_under(view: SentenceView, noun: int) -> bool:
    """Whether the deed noun is what someone is put or kept under: "put the opposition
    leader under house arrest", "was placed under house arrest" (the putting does it), not
    "a ship under U.S. sanctions"."""
    verb = _held_under(view, noun)
    return (
        verb is not None
        and view.tok(verb).lemma.lower() in _UNDER_VERBS
        and bool(view.children(verb, "dobj", "nsubjpass"))
    )


def _struck_by(view: SentenceView, noun: int) -> list[int]:
    """What a deed strikes when it is the subject of a verb of force: "an airstrike hit a
    school", "the blast destroyed three houses" (a verb the lexicon knows as an ASSAULT, or
    "hit", which has no entry of its own: a deed that hits something strikes it, while
    people "hit a record")."""
    verb = view.head(noun)
    if view.tok(noun).dep != "nsubj" or verb is None or view.tok(verb).pos != "VERB":
        return []
    lemma = view.tok(verb).lemma.lower()
    entries = trigger_lexicon().get((lemma, "VERB"), ())
    # an entry that needs a particular reading ("take control", "set fire") is not enough
    if lemma != "hit" and not any(e.type == "ASSAULT" and not e.requires for e in entries):
        return []
    return view.children(verb, "dobj")


def _participle_targets(view: SentenceView, noun: int) -> list[int]:
    """What a participle on a deed names as its target (cue kind ``targeting``): "drills
    encircling Taiwan", "sanctions targeting Iran's oil sector", "strikes aimed at the
    power grid"."""
    return [
        target
        for verb in view.children(noun, "acl")
        if view.tok(verb).lemma.lower() in cues("targeting")
        for target in view.children(verb, "dobj") + view.prep_objects(verb, "at", "against")
    ]


def _between_where_it_happens(view: SentenceView, noun: int) -> list[int]:
    """The parties a deed happens between when the verb of its happening holds them:
    "clashes broke out between police and protesters", "talks began between the two
    sides"."""
    verb = view.head(noun)
    if view.tok(noun).dep != "nsubj" or verb is None or view.tok(verb).pos != "VERB":
        return []
    return _prep_objects(view, [verb], frozenset({"between"}))


def _claimants(view: SentenceView, noun: int) -> list[int]:
    """Who claims the deed: "al-Shabab claimed responsibility for the attack" names the
    attacker (conflict data codes the claimant); "took credit for the bombing" too."""
    preposition = view.head(noun)
    if preposition is None or view.tok(preposition).lemma.lower() != "for":
        return []
    holder = view.head(preposition)
    if holder is None or view.tok(holder).lemma.lower() not in CLAIMED:
        return []
    verb = view.head(holder)
    if verb is None or view.tok(verb).lemma.lower() not in _CLAIMING:
        return []
    return _subject(view, [verb], verb)[0]


# What is claimed for a deed; ``coreference`` reads it too, to tie a claim to the deed.
CLAIMED = frozenset({"responsibility", "credit"})
_CLAIMING = frozenset({"claim", "take", "accept"})


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


def _in_order_to(view: SentenceView, i: int) -> bool:
    """The "order" of the fixed phrase "in order to" / "in order that", a purpose, no party."""
    head = view.head(i)
    return (
        view.tok(i).lemma.lower() == "order"
        and head is not None
        and view.tok(head).lemma.lower() == "in"
    )


def _grounds(view: SentenceView, i: int) -> bool:
    """The grounds a deed is done on, no party to it: "seized two ships on suspicion of
    violating sanctions", "held on charges of fraud"."""
    prep = view.head(i)
    lemma = view.tok(i).lemma.lower()
    return (
        view.tok(i).dep == "pobj"
        and prep is not None
        and view.tok(prep).lemma.lower() in _GROUNDS_PREPS
        and (lemma == "suspicion" or lemma in cues("allegation"))
    )


_GROUNDS_PREPS = frozenset({"on", "over"})


def _clean(view: SentenceView, tokens: list[int], events: set[int]) -> list[int]:
    """Keep nominal participants once, in text order."""
    kept: list[int] = []
    for i in map(lambda t: _of_group(view, t), tokens):
        token = view.tok(i)
        if i in kept or i in events or token.ent_type in _NOT_PARTICIPANT_ENTS:
            continue
        if _in_order_to(view, i) or _grounds(view, i):
            continue
        if token.pos in ("NOUN", "PROPN", "PRON", "NUM") or token.ent_type in _ACTORLIKE_ENTS:
            kept.append(i)
    return sorted(kept)
