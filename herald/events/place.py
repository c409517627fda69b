"""events.place: the place (``where``) of one event, read from the phrases that govern it.

``herald.events.syntax.governing_item`` finds the nearest place governing the trigger; this
module says which places may govern it. A place does so through a locative preposition on
the path from the place up to the trigger, as a modifier of a noun trigger ("the Vancouver
meeting"), or as the destination of a visit; never as one of the event's participants
("sanctions on Russia" does not happen in Russia) and never from inside a participant or
topic noun phrase ("discuss the crises in Ukraine" does not happen in Ukraine). A name
beside the noun of its kind ("in the capital, Niamey", "in the central town of
Beledweyne") governs as that noun.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import herald.actors.lexicon as lexicon
from herald.actors.person_nouns import is_person_noun
from herald.events.plover import cues, plover_types
from herald.events.roles import unit_head
from herald.events.syntax import SentenceView, Span, governing_item, self_and_heads
from herald.events.triggers import TriggerCandidate, is_event_noun, is_visit_word
from herald.events.where import COARSE
from herald.places.gazetteer.lookup import best
from herald.places.mentions import place_kinds
from herald.records import ParsedText, Place, Token

# Clauses through which a locative phrase still locates the event above them ("when he
# travelled to Havana", "a meeting to be held in Vancouver"); a coordinated or prepositional
# clause ("focused on exerting pressure on X") has its own place.
_LOCATING_CLAUSES = frozenset({"advcl", "acl", "relcl", "xcomp", "ROOT"})


def event_place(
    view: SentenceView,
    candidate: TriggerCandidate,
    places: Sequence[Span[Place]],
    blocked: Sequence[range],
    participants: set[int],
) -> Place | None:
    """The place of the event of ``candidate``: ``places`` are the sentence's places as
    token spans, ``blocked`` subtrees of other events whose places are their own,
    ``participants`` the tokens of the event's actors and recipients."""
    return governing_item(
        view,
        unit_head(view, candidate.unit),
        places,
        blocked,
        ok=lambda span: _place_ok(view, span, participants, candidate),
        unit=candidate.unit,
    )


def _place_ok(
    view: SentenceView, span: Span[Place], participants: set[int], candidate: TriggerCandidate
) -> bool:
    """Whether the place may govern the event (see the module docstring)."""
    inside = range(span.start, span.end)
    heads = [i for i in inside if view.head(i) is None or view.head(i) not in inside]
    unit = candidate.unit
    for i in [_kind_noun(view, head) for head in heads]:
        token = view.tok(i)
        prep = view.head(i)
        governor = view.head(prep) if prep is not None else None
        if _target_town(view, i, span, candidate):
            return True
        if token.dep == "pobj" and prep is not None and governor is not None:
            word = view.tok(prep).lemma.lower()
            visit = word in ("to", "in") and is_visit_word(view, governor)
            located = visit or (_locative_before(word, span.item) and i not in participants)
            if located and _reaches_trigger(view, governor, candidate):
                return True
        named_below_country = span.item.feature not in (None, "country")
        if token.dep in ("compound", "nmod") and prep in unit and named_below_country:
            return True
    return False


# How a town is the target of a deed: its object ("shelled Aleppo"), the subject of its
# passive ("Aleppo was shelled"), or after "on" or "against" ("an attack on Kharkiv").
_TARGET_DEPS = frozenset({"dobj", "nsubjpass"})
_TARGET_PREPOSITIONS = frozenset({"on", "against"})
# Deeds done on the ground of their target; sanctions "on Moscow" are not.
_DEEDS_ON_GROUND = frozenset({"ASSAULT", "COERCE"})


def _target_town(
    view: SentenceView, i: int, span: Span[Place], candidate: TriggerCandidate
) -> bool:
    """Whether the town (or province) at ``i`` is what an attack or a coercion is done to,
    and so where it is done: "shelled Aleppo", "the attack on Kharkiv", "rebels attacked the
    town of Beni". A country so placed is left out: "sanctions on Russia", "Israel struck
    Iran" name a target as often as the ground."""
    if span.item.feature in COARSE:
        return False
    if candidate.type not in _DEEDS_ON_GROUND:
        return False
    head = view.head(i)
    token = view.tok(i)
    if token.dep in _TARGET_DEPS:
        return head in candidate.unit
    if token.dep != "pobj" or head is None:
        return False
    word = view.tok(head).lemma.lower()
    return word in _TARGET_PREPOSITIONS and view.head(head) in candidate.unit


def _kind_noun(view: SentenceView, i: int) -> int:
    """The noun of a kind of place that a name stands by, which takes the name's place in
    the sentence ("met in the capital, Niamey", "in the central town of Beledweyne": the
    capital, the town), else the name's own token."""
    head = view.head(i)
    if head is not None and view.tok(i).dep == "pobj" and view.tok(head).text.lower() == "of":
        head = view.head(head)
    elif view.tok(i).dep != "appos":
        return i
    if head is None or view.tok(head).lemma.lower() not in place_kinds():
        return i
    return head


def _reaches_trigger(view: SentenceView, governor: int, candidate: TriggerCandidate) -> bool:
    """Whether a locative phrase hanging from ``governor`` locates the trigger: the path up
    from it may pass verbs, event nouns and other locative phrases ("at the State Department
    in Washington"), and for material events the direct or prepositional object of the
    trigger ("shelled a village in the north", "airstrikes against IS in Syria"); any other
    noun (a topic, a participant) stops it."""
    unit = set(candidate.unit)
    above = self_and_heads(view, view.head(unit_head(view, candidate.unit)))
    material = plover_types()[candidate.type].quad.startswith("material")
    current: int | None = governor
    for _ in range(12):
        if current is None:
            return False
        if current in unit or current in above:
            return True
        token = view.tok(current)
        parent = view.head(current)
        if (token.pos in ("VERB", "AUX") and token.dep in _LOCATING_CLAUSES) or is_event_noun(
            view, current
        ):
            current = parent
            continue
        if _locative(view, current) or (
            token.dep == "pobj" and parent is not None and _locative(view, parent)
        ):
            current = parent
            continue
        if material and token.dep == "pobj" and parent is not None:
            # "airstrikes against IS in Syria": the target of a deed is where it was done
            return view.head(parent) in unit
        return material and token.dep in ("dobj", "nsubjpass") and parent in unit
    return False


def loose_places(view: SentenceView, places: Sequence[Span[Place]]) -> frozenset[Place]:
    """The place mentions of the sentence of ``view`` that its parse puts in no locative
    position: a subject or an object ("angering Pyongyang", "to discourage Pyongyang from
    pursuing"), after a preposition that makes it a target, a cause or a topic ("sanctions
    against Pyongyang", "blamed on Pyongyang", "sovereignty over Judea"), or a modifier of a
    person or a body ("Senator Lamar Alexander of Tennessee", "his New York doctor"). Nothing
    says such a place is where anything of its sentence happens: ``events.where`` takes no
    event's place from it unless it governs the trigger. A place stands somewhere after a
    locative preposition ("in", "at", "near": cue kind ``locative``), as the destination of
    a visit or a journey ("a visit to Osaka", "drew thousands to Washington": cue kind
    ``destination``), as what a visit goes to, as the subject of a passive or of what
    befalls ("Aleppo was shelled", "California experiences"), or inside a noun that stands
    so ("at the Brussels airport", "in the street of Nice", "in Somalia's Puntland region")
    or that names an event ("the Paris attacks")."""
    return frozenset(span.item for span in places if not _stands_somewhere(view, span))


def _stands_somewhere(view: SentenceView, span: Span[Place]) -> bool:
    inside = range(span.start, span.end)
    heads = [i for i in inside if view.head(i) is None or view.head(i) not in inside]
    return any(_in_locative_position(view, _kind_noun(view, i), span.item) for i in heads)


# Relations by which a name belongs to the noun above it, which stands for it in the clause.
_INSIDE_A_NOUN = frozenset({"compound", "nmod", "amod", "poss", "conj", "appos"})
# How far up the nouns a name is inside are followed ("the Brussels international airport").
_NOUN_DEPTH = 6


def _in_locative_position(view: SentenceView, i: int, place: Place) -> bool:
    for _ in range(_NOUN_DEPTH):
        token, head = view.tok(i), view.head(i)
        if head is None:
            return False
        if token.dep == "pobj" and view.tok(head).lemma.lower() == "of":
            noun = view.head(head)  # "the street of Nice", not "Alexander of Tennessee"
            if noun is None or _denotes_a_person(view.tok(noun)):
                return False
            i = noun
        elif token.dep in _INSIDE_A_NOUN:
            if token.dep not in ("conj", "appos") and is_event_noun(view, head):
                return True
            if _denotes_a_person(view.tok(head)):
                return False  # a place inside a person's phrase says who the person is
            i = head
        elif token.dep == "pobj":
            return _locates(view, head, place) and not _in_a_persons_apposition(view, head)
        elif token.dep == "dobj":
            return is_visit_word(view, head)
        else:
            return token.dep == "nsubjpass" or (
                token.dep == "nsubj" and view.tok(head).lemma.lower() in _befalling()
            )
    return False


def _in_a_persons_apposition(view: SentenceView, preposition: int) -> bool:
    """Whether the phrase the preposition opens belongs, through nouns and their phrases, to
    a description set beside a person ("said Maria Olsen, a senior fellow at a research
    center in Denver"; "an expert at a university in Shanghai"): where someone
    works says who the person is, not where anything of the sentence happens."""
    i = view.head(preposition)
    for _ in range(_NOUN_DEPTH):
        if i is None or view.tok(i).pos not in ("NOUN", "PROPN"):
            return False
        token, head = view.tok(i), view.head(i)
        if token.dep == "appos" and head is not None and _denotes_a_person(view.tok(head)):
            return True
        if token.dep == "pobj" and head is not None:
            i = view.head(head)  # the noun the phrase hangs on: "at the Center" -> "fellow"
        elif token.dep in _INSIDE_A_NOUN:
            i = head
        else:
            return False
    return False


def _locative_before(word: str, place: Place) -> bool:
    """Whether a preposition (lemma ``word``) puts the place after it at a location: a
    locative one (cue kind ``locative``), but a country after "on", or a national capital
    standing for its state, is a target ("pressure on North Korea", "leverage on
    Pyongyang"; an attack on a town is placed there before this, ``_target_town``)."""
    if word not in cues("locative"):
        return False
    if word in ("on", "off") and place.feature == "country":
        return False
    return not (word == "on" and _national_capital(place))


def _national_capital(place: Place) -> bool:
    entry = best(place.name) if place.name else None
    return entry is not None and entry.capital and entry.geonameid == place.geonameid


def _locates(view: SentenceView, preposition: int, place: Place) -> bool:
    """Whether the preposition puts its object at a place: a locative one
    (``_locative_before``), "to" after a visit or a journey, or "from" where missiles or
    rockets are fired."""
    word = view.tok(preposition).lemma.lower()
    if _locative_before(word, place):
        return True
    governor = view.head(preposition)
    if governor is not None and view.tok(governor).dep in ("advmod", "prt"):
        governor = view.head(governor)  # "come back to the Oval Office"
    if word == "from" and governor is not None:
        # "fired three missiles from the town of Hwangju": where a launch happens
        return any(
            view.tok(o).lemma.lower() in cues("projectile")
            for o in view.children(governor, "dobj", "nsubjpass")
        )
    return (
        word == "to"
        and governor is not None
        and (
            is_visit_word(view, governor) or view.tok(governor).lemma.lower() in cues("destination")
        )
    )


def _locative(view: SentenceView, i: int) -> bool:
    return view.tok(i).pos == "ADP" and view.tok(i).lemma.lower() in cues("locative")


def acting_places(parsed: ParsedText, places: Sequence[Span[Place]]) -> frozenset[Place]:
    """The place mentions that stand for a government or say who someone is, not where
    anything happens: the subject of a verb of doing or saying, the agent of a passive, or a
    possessor ("Beijing has proposed", "Kabul pledged", "cut by Pyongyang", "Seoul's spy
    agency"), the home in an organization's name ("the Minnesota Vikings played"), a place
    that describes a person ("the Indiana governor", "a citizen from New Jersey"), or a
    conjunct of one. The sentence of "Moscow denounced the launch" does not happen in
    Moscow. The subject of a passive ("Aleppo was shelled") or of a verb of what befalls a
    place ("California experiences a rise in cases") is still a location."""
    acting: set[Place] = set()
    for span in places:
        heads = [
            i
            for i in range(span.start, span.end)
            if not span.start <= parsed.tokens[i].head < span.end
        ]
        if any(_acts(parsed, parsed.tokens[parsed.first_conjunct(i)]) for i in heads):
            acting.add(span.item)
    return frozenset(acting)


def _acts(parsed: ParsedText, token: Token) -> bool:
    if token.dep == "poss":
        return True
    if token.dep == "pobj" and parsed.tokens[token.head].dep == "agent":
        return True  # "the hotline, cut by Pyongyang in 2016"
    head = parsed.tokens[token.head]
    if _home_of_a_body(parsed, token):
        return True
    if _describes_a_person(parsed, token):
        return True
    return token.dep == "nsubj" and head.lemma.lower() not in _befalling()


# Prepositions that put what follows them at a place: a body named after one ("into Sandy
# Hook Elementary School") is where a deed happens.
_AT = frozenset({"in", "at", "into", "inside", "outside", "near", "on"})


def _home_of_a_body(parsed: ParsedText, token: Token) -> bool:
    """Whether the place mention ``token`` only names the home of an organization that acts
    or is acted on ("the Minnesota Vikings played", "the Ohio Department of Health said"),
    not a site where something happens ("stormed into Sandy Hook Elementary School")."""
    body = token
    while body.dep == "compound" and parsed.tokens[body.head].ent_type == "ORG":
        body = parsed.tokens[body.head]
    if body is token or body.pos != "PROPN":
        return False
    return not (body.dep == "pobj" and parsed.tokens[body.head].lemma.lower() in _AT)


# Prepositions that tie a place to a person as an origin or a post ("a citizen from New
# Jersey", "the ambassador to Seoul").
_PERSONAL_LINKS = frozenset({"from", "to"})


def _describes_a_person(parsed: ParsedText, token: Token) -> bool:
    """Whether the place mention ``token`` says who someone is, not where anything happens:
    "the Indiana governor", "a citizen from New Jersey", "the ambassador to Seoul", "London
    Mayor Sadiq Khan" (a title in capitals)."""
    head = parsed.tokens[token.head]
    if token.dep in ("compound", "amod", "nmod"):
        person = head
    elif token.dep == "pobj" and head.lemma.lower() in _PERSONAL_LINKS:
        person = parsed.tokens[head.head]
    else:
        return False
    return _denotes_a_person(person)


def _denotes_a_person(token: Token) -> bool:
    """Whether ``token`` names or denotes a person: a name the tagger labels PERSON, a title
    ("Mayor"), or a noun made to name people ("the citizen", "his doctor")."""
    if token.ent_type == "PERSON":
        return True
    if token.pos == "PROPN":
        return lexicon.role_for(token.text) is not None
    return token.pos == "NOUN" and (
        is_person_noun(token.lemma) or lexicon.role_for(token.text) is not None
    )


@functools.cache
def _befalling() -> frozenset[str]:
    return cues("befall") | cues("undergo") | cues("staying")


def foreign_places(
    view: SentenceView,
    candidate: TriggerCandidate,
    places: Sequence[Span[Place]],
    blocked: Sequence[range],
) -> frozenset[Place]:
    """The places of the sentence told for another event, no place of this event's sentence
    rung: in "killed six attackers who laid siege to a hotel in Beledweyne and later killed
    50 militants in airstrikes" the airstrikes are not in Beledweyne; in "supported the
    decision, but the attacks in Cologne changed their minds" the support is not in Cologne.
    ``blocked``: the subtrees of the sentence's other events that do not hold the trigger.
    Only an event noun's phrase or a relative clause holds its places apart: verbs in a
    series share theirs as often as not ("being shot, beaten and tortured ... in Cairo",
    which the parser may coordinate with the main verb), and so does a participle on a
    noun ("a device, emplaced by militants, detonated targeting their vehicle in Rada").
    Within the trigger's own clause, a relative clause on one of its nouns ("killed six
    attackers who laid siege to a hotel in Beledweyne"), an event noun that is one of its
    arguments ("Suicide bombings in Surabaya killed 26") and an event it happens at
    ("agreed at their summit in Warsaw") share their places with it."""
    if _restating(view, unit_head(view, candidate.unit)):
        return frozenset()
    root = _clause_root(view, candidate)
    own = _own_clause(view, root)
    return frozenset(
        span.item
        for span in places
        if any(span.start in b and _holds_apart(view, b, root, own) for b in blocked)
    )


def _restating(view: SentenceView, anchor: int) -> bool:
    """Whether a noun trigger is set off beside the clause, restating an event named next to
    it ("the killing of 34 soldiers in Idlib last week, the deadliest strike against the
    army"): it shares that event's places."""
    token = view.tok(anchor)
    return token.pos in ("NOUN", "PROPN") and token.dep in ("appos", "npadvmod")


def _clause_root(view: SentenceView, candidate: TriggerCandidate) -> int:
    """The verb of the trigger's clause (a noun trigger's is that of its verb)."""
    anchor = unit_head(view, candidate.unit)
    verb = anchor if view.tok(anchor).pos in ("VERB", "AUX") else view.verb_ancestor(anchor)
    return verb if verb is not None else anchor


def _own_clause(view: SentenceView, root: int) -> set[int]:
    """The tokens of the clause of ``root``, without the clauses coordinated with it."""
    tokens = set(view.subtree(root))
    for c in view.children(root, "conj"):
        tokens -= set(view.subtree(c))
    return tokens


# The arguments of a verb: an event noun there is the deed the clause tells of ("Suicide
# bombings in Surabaya killed 26 people"), at its place.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos"})


def _holds_apart(view: SentenceView, subtree: range, root: int, own: set[int]) -> bool:
    """Whether another event's subtree keeps its places to itself (``foreign_places``)."""
    top = next(i for i in subtree if view.head(i) is None or view.head(i) not in subtree)
    token = view.tok(top)
    noun = token.pos in ("NOUN", "PROPN")
    if not noun and token.dep != "relcl":
        return False
    if not own.issuperset(subtree):
        return not (noun and _argument_above(view, top, root))
    if token.dep == "relcl":
        return False
    return not (token.dep in _ARGUMENTS or _setting(view, top, root))


def _argument_above(view: SentenceView, noun: int, root: int) -> bool:
    """Whether an event noun is an argument of the verb whose participle or adverbial clause
    the trigger's clause (or a conjunct of it) is: "An airstrike in Idlib destroyed a
    clinic, killing and wounding several people" kills and wounds in Idlib."""
    first = view.parsed.first_conjunct(root)
    above = view.head(first)
    return (
        above is not None
        and view.tok(first).dep in ("advcl", "xcomp")
        and view.head(noun) == above
        and view.tok(noun).dep in _ARGUMENTS
    )


# Prepositions that set an event at another that goes on meanwhile ("at their summit",
# "during a visit to Osaka"), besides the locative ones.
_MEANWHILE = frozenset({"during", "amid"})


def _setting(view: SentenceView, noun: int, root: int) -> bool:
    """Whether an event noun is where or while the clause of ``root`` happens: the object of
    a locative preposition or "during" on that verb or on a word right under it: its
    participle or adverbial clause ("Speaking during a visit to Osaka, May called on
    China"), its subject ("NATO leaders at their summit in Warsaw agreed")."""
    prep = view.head(noun)
    if view.tok(noun).dep != "pobj" or prep is None:
        return False
    word = view.tok(prep).lemma.lower()
    if not (_locative(view, prep) or word in _MEANWHILE):
        return False
    above = view.head(prep)
    return above == root or (above is not None and view.head(above) == root)
