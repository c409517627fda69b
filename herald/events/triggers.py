"""events.triggers: the words of a sentence that name a PLOVER event, as ``TriggerCandidate``s.

Every verb, noun or adjective whose lemma is in the lexicon
(``herald/data/events/plover_triggers.csv``) is a trigger; hyphenated words are looked up whole
("co-host", "cease-fire"). When a lemma has several entries, one whose ``requires`` word is
present ("hunger strike", "missile test", "call for") beats one without; then the higher weight.
A speech verb whose complement says someone "must"/"should" act is a REQUEST (``MUST_REQUEST``);
a verb of judging with a damning word is an ACCUSE (``VERDICT_ACCUSE``), or a REJECT when
what it damns is someone's allegation (``VERDICT_REJECT``); a speech verb telling that someone
did wrong is an ACCUSE too (``CHARGE_ACCUSE``), one telling that someone has a right a
SUPPORT (``RIGHT_SUPPORT``); a verb that sends or holds someone in custody
is a COERCE (``CUSTODY_COERCE``, ``CUSTODY_HELD``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import herald.actors.lexicon as lexicon
from herald.data_files import read_rows
from herald.events.participants import (
    POLITICAL_SECTORS,
    THING_NAMES,
    counted,
    is_agent,
    is_count,
    phrase_sector,
    political_roles,
    what_is_named,
)
from herald.events.plover import (
    TriggerEntry,
    context_words,
    cues,
    deed_types,
    plover_types,
    trigger_lexicon,
)
from herald.events.roles import (
    Roles,
    antecedent,
    characterized_subjects,
    comes_under,
    enacts,
    met_with,
    proposers,
    put_under,
    reported_copulas,
)
from herald.events.syntax import SentenceView, free_relative

_POS_GROUP = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "PROPN": "NOUN"}
# Verbs of assault that words can do too ("attacked the report"): ``frames`` types them.
ASSAIL = frozenset({"attack", "assail", "clash", "pound"})
# A ``requires`` value: what the trigger frees is someone held or their craft ("released
# three hostages", "freed the tanker"), not a made or told thing ("released a video", "its
# tax returns").
HELD = "obj:held"
# A ``requires`` value: what the trigger fights is a party or its craft ("fought the
# rebels"), not a danger or an ill ("fighting climate change", "the war on drugs").
OPPONENT = "obj:opponent"
# A ``requires`` value: a noun that is voiced by someone, not a state of affairs.
VOICED = "by:voiced"
# A ``requires`` value: a warning of what someone will do to someone, not of a danger.
OF_ACTION = "obj:action"
# A ``requires`` value: a warning that advises private people about their own doings.
ADVICE = "obj:advice"
# A ``requires`` value: a warning of what a party is doing, not of what it will do.
OF_DOING = "obj:doing"
# A ``requires`` value: what is left is an accord, talks or an international body.
COMPACT = "obj:compact"
# A ``requires`` value: what is regretted is named, not an infinitive ("regret to say").
REGRETTED = "obj:regretted"
# A ``requires`` value: what is regretted is another party's deed.
OTHERS_DEED = "obj:others"
# A ``requires`` value: a verb told as a deed, not a participle that says what a noun is
# ("militants backed by Ankara", "the Russian-backed rebels"), nor done to someone's words
# (cue kind ``allegation``: "cites records to back its claims" substantiates them), nor a
# step back ("backing away from the issue", "backed off").
ENDORSED = "as:endorsed"
# A ``requires`` value: words that ask someone, not a mood something puts one in ("was
# encouraged by the progress in the talks").
ASKING = "as:asking"
# A ``requires`` value: a verb whose direct object is armed forces or their craft (cue kind
# ``armed``), sent to no party: "sent warships near the island", "troops to the border", not
# "troops to Ukraine" (an aid) nor "a letter".
ARMED_OBJECT = "obj:armed"
# A ``requires`` value: a verb whose direct object is a party ("received the Saudi foreign
# minister", not "received a letter").
PARTY_OBJECT = "obj:party"
# A ``requires`` value: a meeting of parties, not one where the press is told something ("said
# at a news conference", "a press conference in Chelsea"), unless held with another party
# ("a news conference with French Minister Florence Parly").
NOT_BRIEFING = "not:briefing"
# A ``requires`` value: what is refused is no comment ("refused to release the prisoners",
# "declined to attend"), not a word to the press ("declined to comment", "refused to say
# whether", "declined comment"): CAMEO files declining comment under public statements,
# no rejection of anyone.
NOT_COMMENT = "not:comment"
_BRIEFED = frozenset({"news", "press", "media"})
# A ``requires`` value: a talk held by telephone ("spoke by phone", "talked over the phone").
PHONED = "by:phone"
# A ``requires`` value: a talk held with someone named ("spoke to Trump on Tuesday"), not
# with the press, an outlet or a crowd ("spoke to reporters", "spoke to Reuters").
TO_NAMED = "to:named"
# A ``requires`` value: a meeting, not a reception ("the plan was met with criticism") nor
# what is fulfilled ("met the deadline"), nor ships met at sea ("met North Korean vessels").
MEETING = "obj:meeting"
# A ``requires`` value: a verb telling someone to do something ("told the council to draft a
# ban"), not one that tells a thing ("told reporters"). An order by one who has the power
# ("ordered newspapers to suspend publication") is the deed it orders, not a request.
TO_DO = "obj:to-do"
# A ``requires`` value: a verb with no object, direct or clausal ("protesters demonstrated",
# not "demonstrated that it could reach Guam", "rallied support").
NO_OBJECT = "obj:none"
# A ``requires`` value: a verb with no direct object ("workers struck for pay", not "struck
# a military airport"); a clause may follow ("struck to demand higher pay").
INTRANSITIVE = "obj:intransitive"
# A ``requires`` value: a verb with a clause of its own subject for its object ("claimed
# the attackers were in touch with Kabul", not "claimed responsibility", "claim to lead").
CLAUSE = "obj:clause"
# A ``requires`` value: a verb with an object, direct, passive, clausal, "with" or the noun
# its clause describes ("charged him", "was charged with", "charged that", "the arms they
# seized"), not one that stands alone ("clinics charge less") or with a particle's object
# ("seized on the scandal").
SOME_OBJECT = "obj:some"
# A ``requires`` value: a verb with a direct or passive object ("returned the artifacts",
# "the remains were returned"), not one that only goes somewhere ("returned with his family").
DIRECT_OBJECT = "obj:direct"
# A ``requires`` value: a word with a to-infinitive complement ("declined to attend the
# talks"), not one that stands alone ("declined sharply").
INFINITIVE = "obj:infinitive"
# A ``requires`` value: a to-infinitive complement that names a deed of its own ("ready to
# help", "willing to negotiate"), not any doing ("ready to answer questions", "willing to
# walk").
DEED_INFINITIVE = "obj:deed-infinitive"
# A ``requires`` value: what a verb of giving gives is aid ("provided assistance", not
# "provided details").
AID_GIVEN = "obj:aid"
# A ``requires`` value: help given to someone ("help Brits in Nice", "sent troops to help the
# country patrol its borders"), not a hand in a deed that helps no one named ("his
# determination helped polarize the debate", "helped shape the act"), which gives no aid.
SOMEONE_HELPED = "obj:helped"
# A ``requires`` value: a verb whose object is a bargain ("struck a deal").
BARGAIN = "obj:bargain"
# A ``requires`` value: a test that is no medical result ("tested positive for the virus",
# "tested negative": not a weapons test).
NO_RESULT = "obj:no-result"
# A ``requires`` value: a verb whose object, direct or passive, is people or a party,
# counted too ("rounded up dozens of protesters"; "rounded up a sampling of the ways" took
# no one).
PEOPLE_OBJECT = "obj:people"
# A ``requires`` value: a verb in the active voice ("the minister flew to Kabul"; "the
# girls were flown to Maiduguri" were carried there, and visited no one).
ACTIVE = "obj:active"
# A ``requires`` value: a verb whose subject is armed forces ("troops arrived in the town":
# a deployment, not a visit).
BY_FORCE = "by:force"
# A ``requires`` value: a verb whose subject or agent is a crowd of protest (cue kind
# ``protester``): "protesters gathered outside the embassy" is a demonstration, "leaders
# gathered in Brussels" is not.
BY_PROTESTERS = "by:protesters"
# A ``requires`` value: a verb whose subject or agent is the police (cue kind ``police``):
# "police caught the fugitives" is an arrest, "forces captured the town" is not.
BY_POLICE = "by:police"
# A ``requires`` value: a verb done by a weapon or armed forces, as subject or agent ("a
# missile hit the base", "the warship was hit by a missile"), not "the storm hit the coast".
BY_WEAPON = "by:weapon"
# A ``requires`` value: a verb whose object names envoys or missions sent abroad (cue kind
# ``envoy``: diplomats, peacekeepers, inspectors, aid agencies): "expelled two US Embassy
# staff members" reduces relations, "expelled the BBC correspondent" deports a person.
ENVOYS = "obj:envoy"
# A ``requires`` value: a noun whose of-phrase says it is fought with words ("a war of
# words between Pyongyang and Washington"): a quarrel, not a war.
OF_WORDS = "of:words"
# A ``requires`` value: a verb whose "with" phrase names a party ("stands with Ukraine", not
# "stood with his arms crossed").
WITH_PARTY = "with:party"
# A ``requires`` value: what is hosted is a party or a meeting of parties ("hosted the Saudi
# crown prince", "France hosted the talks", "the summit hosted by Japan"), not an occasion
# ("hosted the tournament", "host events in two counties", "a party hosted by his son").
GUEST = "obj:guest"
# A ``requires`` value: a commitment to something or of means ("committed to a ceasefire",
# "committed $5 million", "commit more troops"), not a deed done ("commits suicide",
# "committed an act of cowardice", "committed war crimes").
PLEDGED = "obj:pledged"
# A ``requires`` value: what is accepted is something put to a party, a bargain or a
# proposal ("accepted the invitation", "accepted Washington's request", "accepted the
# deal", "accepted a formula"), people ("accepted Syrian refugees", "will never accept North
# Korea as a nuclear state"), or nothing named ("Iran accepted"), not whatever is taken
# ("accepted $2 billion in funding", "has accepted himself").
PROPOSAL = "obj:proposal"
# A ``requires`` value: what is mobilized is armed forces or men to arm (cue kinds ``armed``
# and ``mustered``), or nothing named ("Russia mobilized 300,000 reservists", "Armenia
# mobilized"), not voters, support or resources ("trying to mobilize black voters").
MUSTERED = "obj:mustered"
# A ``requires`` value: what is welcomed is no date nor occasion ("to welcome the New Year",
# "welcomed 2018") nor guests (cue kind ``guest``: "welcomed several hundred guests" hosts
# them), whom or what a party can back ("welcomed the decision", "welcomed Xi").
NO_OCCASION = "not:occasion"
# A ``requires`` value: where someone arrives is no organization ("arrived in Congress in
# 1993" took a seat, visited no one; "arrived in Washington" still may).
NOT_IN_BODY = "not:in-body"
# A ``requires`` value: what is invaded, if named, is land (a country, a people's land or a
# word of territory, cue kind ``territory``: "the invasion of Ukraine", "of the island"),
# not a building or a thing ("an attempted invasion of the theater", "invasion of privacy").
OF_TERRITORY = "of:territory"
# A ``requires`` value: what is broken up is a gathering, a ring or protesters (cue kinds
# ``crowd``, ``mob``, ``protester`` and ``gathering``): "police broke up the protest",
# "broke up a terrorist cell", not "break up the big banks".
GATHERED = "obj:gathered"
# A ``requires`` value: what is offered is a proposal, a bargain, aid, forces or a step
# towards a settlement (cue kind ``offered``: talks, concessions, an amnesty), or a deed of the
# offerer ("offered to mediate"), not advice, insights, an excuse, benefits or a platform:
# CAMEO's offers are intents to cooperate.
OFFERED = "obj:offered"
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "myself"})
_WORDS = frozenset({"word", "rhetoric", "insult"})
# A ``requires`` value: the sentence names a weapon or tactic of crowd control ("tear gas",
# "water cannon", "rubber bullets": cue kind ``crowd_weapon``), which PLOVER asks for before
# it codes crowd control as an ASSAULT rather than a restriction.
CROWD_WEAPON = "with:crowd-weapon"
# A ``requires`` value: a verb whose object is force itself ("use force", not "used the
# force of law").
FORCE_USED = "obj:force"
# A ``requires`` value: a verb done with economic penalties ("retaliated with tariffs").
PENALTY = "obj:penalty"
# A ``requires`` value: a verb that sends projectiles at someone ("launched 120 drones at
# Ukraine", "fired rockets into Israel"), not one that tests them.
AIMED = "obj:aimed"
# A ``requires`` value: a noun owned by an organisation ("the FBI probe", "the Senate's
# inquiry"), not by a country or nobody ("China's lunar probe").
BODY_OWNED = "by:organisation"
# The lexicon entry of a "X said Y must/should do Z" request, whose trigger is the speech verb.
MUST_REQUEST = TriggerEntry("say", "VERB", "REQUEST", None, (), (), "topic", frozenset(), 0.6)
# The entry of a damning verdict, "X called Y reckless", "described Y as a betrayal": an
# ACCUSE by X of Y whose trigger is the verb of judging.
VERDICT_ACCUSE = TriggerEntry("call", "VERB", "ACCUSE", None, (), (), "recipient", frozenset(), 0.6)
# The same verdict on someone's words ("called the allegations baseless") denies them.
VERDICT_REJECT = TriggerEntry("call", "VERB", "REJECT", None, (), (), "recipient", frozenset(), 0.6)
# A verdict of praise ("called the agreement historic") endorses what it praises.
VERDICT_SUPPORT = TriggerEntry(
    "call", "VERB", "SUPPORT", None, (), (), "recipient", frozenset(), 0.6
)
# The entry of a charge told as a fact, "X said Y violated the truce": an ACCUSE by X of Y
# whose trigger is the speech verb.
CHARGE_ACCUSE = TriggerEntry("say", "VERB", "ACCUSE", "allege", (), (), "topic", frozenset(), 0.6)
# The entry of a right granted in words, "X said Y has the right to defend itself": a SUPPORT
# by X of Y whose trigger is the speech verb.
RIGHT_SUPPORT = TriggerEntry("say", "VERB", "SUPPORT", None, (), (), "topic", frozenset(), 0.6)
# The entry of a reprisal promised in words, "X said any attack would be met with force": a
# THREATEN by X whose trigger is the speech verb.
REPRISAL_THREATEN = TriggerEntry("say", "VERB", "THREATEN", None, (), (), "topic", frozenset(), 0.6)
# The entry of a person or group sent or held where the state keeps people ("ordered him back
# to prison", "was taken into custody"): a COERCE whose trigger is the verb that moves them.
CUSTODY_COERCE = TriggerEntry(
    "send", "VERB", "COERCE", "arrest", ("legal",), (), "recipient", frozenset(), 0.6
)
# The entry of someone who stays in custody ("Uyghurs who remain in Thailand's custody"): a
# COERCE whose subject is held, by the custody's owner if the text names one.
CUSTODY_HELD = TriggerEntry(
    "remain", "VERB", "COERCE", "arrest", ("legal",), (), "recipient", frozenset(), 0.55
)
_JUDGING = frozenset({"call", "describe", "label", "brand", "term", "dub", "characterize",
                      "characterise", "deem"})  # fmt: skip


@dataclass(slots=True)
class TriggerCandidate:
    """A trigger of one sentence on its way to becoming an Event."""

    unit: tuple[int, ...]  # the trigger's tokens ("co", "-", "host")
    entry: TriggerEntry
    type: str
    mode: str | None
    roles: Roles | None = None
    framed_by: TriggerCandidate | None = None
    framed: list[TriggerCandidate] = field(default_factory=list)
    depth: int = 0  # subordinate clauses between the trigger and the main clause

    @property
    def head(self) -> int:
        return self.unit[-1]


def find_triggers(view: SentenceView, contexts: tuple[str, ...]) -> list[TriggerCandidate]:
    """The lexicon triggers of the sentence in text order, then its must/should requests.
    ``contexts``: the sentence's PLOVER contexts (some entries require one)."""
    found = [c for i in range(view.start, view.end) if (c := _trigger_at(view, i, contexts))]
    found += _must_requests(view, {c.head for c in found})
    found += _told_stances(view, {c.head for c in found})
    found += _custody(view, {c.head for c in found})
    return found + _verdicts(view, {c.head for c in found})


def _ends_hyphenated(view: SentenceView, i: int) -> bool:
    """Token ``i`` ends a hyphenated word, no space around the hyphen ("co-host", "sit-in")."""
    return (
        i - 2 >= view.start
        and view.tok(i - 1).text == "-"
        and not view.tok(i - 2).whitespace
        and not view.tok(i - 1).whitespace
    )


def _lookup_keys(view: SentenceView, i: int) -> list[str]:
    """Lexicon keys of token ``i``, a hyphenated whole first ("co-host", "cohost", "host")."""
    token = view.tok(i)
    lemma = token.lemma.lower()
    if not _ends_hyphenated(view, i):
        return [lemma]
    prefix = view.tok(i - 2).text.lower()
    return [f"{prefix}-{lemma}", f"{prefix}{lemma}", lemma]


def _trigger_at(view: SentenceView, i: int, contexts: tuple[str, ...]) -> TriggerCandidate | None:
    token = view.tok(i)
    group = _POS_GROUP.get(token.pos)
    if group is None and token.pos in ("ADP", "ADV", "PART") and _ends_hyphenated(view, i):
        group = "NOUN"  # "held a sit-in": the tagger reads the "in" of the word as a particle
    if group is None or (_modifies(view, i) and group != "ADJ"):
        return None
    if token.pos == "PROPN" and token.ent_type:
        return None
    if group == "VERB" and (_made_thing_acts(view, i) or _enacts(view, i)):
        return None
    lexicon = trigger_lexicon()
    for key in _lookup_keys(view, i):
        entries = lexicon.get((key, group), ())
        best = _best_entry(view, i, entries, contexts)
        if best is not None:
            if _no_deed(view, i, best):
                return None
            hyphened = "-" in key or (key != token.lemma.lower() and _ends_hyphenated(view, i))
            unit = (i - 2, i - 1, i) if hyphened else (i,)
            return TriggerCandidate(unit, best, best.type, best.mode)
    return None


def _modifies(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` only modifies a noun ("protest leaders", "a military parade"), not
    when that noun frames the deed it names ("a mediation effort", cue kind ``frame``)."""
    token = view.tok(i)
    head = view.head(i)
    framed = head is not None and view.tok(head).lemma.lower() in cues("frame")
    if token.dep == "amod":
        # a noun the parser hung as an adjective on a frame: "a looting spree"
        return not (framed and token.pos == "NOUN")
    return token.dep == "compound" and not framed


def _best_entry(
    view: SentenceView, i: int, entries: Sequence[TriggerEntry], contexts: tuple[str, ...]
) -> TriggerEntry | None:
    ranked = []
    for entry in entries:
        if not entry.requires:
            ranked.append((0, entry.weight, entry))
        elif _requirement_met(view, i, entry.requires, contexts):
            ranked.append((1, entry.weight, entry))
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


_OTHER_PREDICATES = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "parataxis"})


def _requirement_met(
    view: SentenceView, i: int, requires: tuple[str, ...], contexts: tuple[str, ...]
) -> bool:
    """Whether one of the entry's alternatives holds: a required word that is a syntactic
    neighbour of token ``i`` (or a preposition of it with its object, "to death"), a
    context of the sentence ("ctx:NAME"), a syntactic need (``_SYNTACTIC_NEEDS``), or
    several of these joined by "&", all of which must hold (a labour strike,
    "ctx:economic&obj:intransitive": workers strike, forces that "struck a military
    airport" dealt a blow whatever trade the sentence also tells)."""
    # A preposition of time is no required word: "fired a missile ... on Friday" is not
    # "fired on" someone.
    # Nor is another predicate hung on it: "traded threats after forces shot down two
    # planes" is no exchange of shots.
    # Nor is a phrase put before a verb: "On a channel created Thursday, called the Caliphate,
    # ..." is no "called on"; a verb's particle follows it.
    verb = view.tok(i).pos == "VERB"
    children = [
        c
        for c in view.children(i)
        if not _time_phrase(view, c)
        and view.tok(c).dep not in _OTHER_PREDICATES
        and not (verb and c < i and view.tok(c).dep == "prep")
    ]
    near = {view.tok(c).lemma.lower() for c in children}
    near |= {view.tok(c).text.lower() for c in children}
    # a phrase of preposition and object is one required word: "hacked ... to death"
    near |= {
        f"{view.tok(c).lemma.lower()} {view.tok(o).lemma.lower()}"
        for c in children
        if view.tok(c).dep == "prep"
        for o in view.children(c, "pobj")
    }
    # a part of a thing is that thing: "suspended part of a military aid program"
    near |= {
        view.tok(n).lemma.lower()
        for c in children
        if view.tok(c).dep == "dobj" and is_count(view, c)
        for n in counted(view, c)
    }
    # "fired what appeared to be a ballistic missile": a free relative is its predicate noun
    near |= {view.tok(n).lemma.lower() for n in named_by_free_relative(view, i)}
    # "called for the government to lift the ban": the parser hangs "for" on the clause
    for clause in view.children(i, "advcl", "ccomp", "xcomp"):
        near |= {view.tok(m).lemma.lower() for m in view.children(clause, "mark")}
    head = view.head(i)
    # a verb inside a preposition's object has no particle in it: "for what he called a
    # meeting" is no "called for"
    if head is not None and not (view.tok(i).pos == "VERB" and view.tok(i).dep == "pcomp"):
        near.add(view.tok(head).lemma.lower())
        if view.tok(head).pos == "ADP" and view.head(head) is not None:
            near.add(view.tok(view.head(head)).lemma.lower())  # type: ignore[arg-type]
    if i - 2 >= view.start and view.tok(i - 1).text == "-":
        near.add(view.tok(i - 2).lemma.lower())
    return any(
        all(_need_met(view, i, need, contexts, near) for need in alternative.split("&"))
        for alternative in requires
    )


def named_by_free_relative(view: SentenceView, i: int) -> list[int]:
    """The predicate nouns of a free relative that is verb ``i``'s object ("fired what
    appeared to be a missile", "launched what it said was a rocket"): what the verb acts
    on, named through "what"."""
    clause = free_relative(view, i)
    if clause is None:
        return []
    return [t for t in view.subtree(clause) if view.tok(t).dep == "attr"]


def _need_met(
    view: SentenceView, i: int, need: str, contexts: tuple[str, ...], near: set[str]
) -> bool:
    if need in _SYNTACTIC_NEEDS:
        return _SYNTACTIC_NEEDS[need](view, i)
    if need.startswith("ctx:"):
        return need[4:] in contexts
    return need in near


def _gives_aid(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` gives is aid (event_cues.csv, kind ``aid``: help, arms,
    money): its object, passive subject, "with" object or the noun it describes holds an aid
    word ("provided technical assistance", "supplied Kyiv with weapons", "aid was
    delivered", "money provided by"), not details, cargo or powers: PLOVER's AID is material
    help, and "provide", "deliver", "grant" give anything."""
    things = _acted_on(view, i, "with", ("pobj", "pcomp"), ("acl",))
    aid = cues("aid")
    # the noun a giving describes is read without the giving ("a translation provided by
    # the SITE Intelligence Group" gives no intelligence)
    described = view.head(i) if view.tok(i).dep == "acl" else None
    # an abstraction given is no aid whatever it is of ("give them a sense of security")
    given = [t for t in things if view.tok(t).lemma.lower() not in cues("abstraction")]
    return any(
        view.tok(t).lemma.lower() in aid
        for thing in given
        for t in view.subtree(thing)
        if thing != described or t not in view.subtree(i)
    )


def _object_kinds(
    view: SentenceView, i: int, kinds: tuple[str, ...] = ("bargain", "manner")
) -> set[str]:
    """The cue kinds (event_cues.csv), of ``kinds``, of verb ``i``'s direct objects:
    "bargain" for "struck a deal", "manner" for "struck a conciliatory note", "fulfilled"
    for "met the deadline"."""
    return {
        kind
        for o in view.children(i, "dobj")
        for kind in kinds
        if view.tok(o).lemma.lower() in cues(kind)
    }


def _subjects_counted(view: SentenceView, i: int) -> list[int]:
    """Verb ``i``'s subjects, and for a count ("hundreds of soldiers") what it counts."""
    subjects = view.children(i, "nsubj")
    return subjects + [
        o
        for s in subjects
        for p in view.children(s, "prep")
        if view.tok(p).lemma.lower() == "of"
        for o in view.children(p, "pobj")
    ]


_AT_TARGET = frozenset({"at", "into", "on", "against", "toward", "towards"})


def _aimed(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` sends projectiles (cue kind ``projectile``) at a target it names."""
    sent = any(
        view.tok(t).lemma.lower() in cues("projectile")
        for o in view.children(i, "dobj")
        for t in view.subtree(o)
    )
    # a target is a party or a named place ("at Ukraine", "into Israel"), not "the sea"
    # or "Sunday"
    return sent and any(
        view.tok(t).ent_type in ("GPE", "ORG", "NORP", "PERSON", "FAC") or is_agent(view, t)
        for p in view.children(i, "prep")
        if view.tok(p).lemma.lower() in _AT_TARGET
        for t in view.children(p, "pobj")
        if view.tok(t).ent_type not in ("DATE", "TIME")
    )


def _body_owned(view: SentenceView, i: int) -> bool:
    """Whether noun ``i`` has an organisation for its owner or modifier ("FBI probe")."""
    return any(view.tok(c).ent_type == "ORG" for c in view.children(i, "compound", "poss"))


def _made_thing_acts(view: SentenceView, i: int) -> bool:
    """A verb whose subject is a made thing tells what it shows, not a deed: "the footage
    captures the launch", "the report attacks the policy" (artefact_nouns.csv); one whose
    subject is an amount tells how it changed: "the population continues to decline",
    "prices hit a record" (cue kind ``quantity``)."""
    verb: int | None = i
    # "continues to decline": the subject of the verb the trigger completes
    while verb is not None and not view.children(verb, "nsubj") and view.tok(verb).dep == "xcomp":
        verb = view.head(verb)
    if verb is None:
        return False
    subjects = {view.tok(s).lemma.lower() for s in view.children(verb, "nsubj")}
    return bool(subjects & (artefact_nouns() | cues("quantity")))


def _enacts(view: SentenceView, i: int) -> bool:
    """Signing, passing or adopting a law, an order or a resolution enacts it: no support
    of anyone (what the instrument does is the deed: ``roles._makers``). So does signing
    anything "into law" ("it was signed into law in 1935")."""
    return any(enacts(view, i, made) for made in _acted_upon(view, i)) or any(
        view.tok(o).lemma.lower() in cues("instrument") for o in view.prep_objects(i, "into")
    )


def _circumstance(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """An event noun named as a standing state of affairs, not as something done now:
    "flouting international sanctions", "a ship under U.S. sanctions", "despite the ban"
    (cue kind ``circumstance``). The deed told, if any, is the flouting. Not what one comes
    under ("came under attack") or is put under ("put him under house arrest"), nor a threat
    a deed went ahead despite, which was made all the same ("testing the system despite
    threats of Washington sanctions": else the sanctions threatened would be told as
    imposed)."""
    head = view.head(i)
    if entry.pos != "NOUN" or head is None or view.tok(i).dep not in ("dobj", "pobj"):
        return False
    word = view.tok(head).lemma.lower()
    if entry.type == "THREATEN" and word == "despite":
        return False
    return word in cues("circumstance") and not comes_under(view, i) and not put_under(view, i)


# Prepositions that name what talk is about: "disagreed over aid", "talks on a ceasefire".
_ABOUT = frozenset({"over", "about", "on", "regarding", "concerning", "surrounding"})
# How far up a topic word may govern the trigger: "discuss upgrading ties" is one step,
# "disagreed over aid" two (through the preposition).
_TOPIC_STEPS = 3
# The conflict score at and below which a type is force done to people (COERCE, ASSAULT).
_FORCE = -7


def _topic_of_talk(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """An act named as what people talk, negotiate or disagree about, not as something
    done: "the leaders disagreed over U.S. aid", "to discuss upgrading defense ties",
    "talks on a ceasefire" (cue kind ``topic``). The talk is the event. A deed of force
    stays an event even as a topic: "the council discussed the attack" tells of an attack."""
    if plover_types()[entry.type].score <= _FORCE:
        return False
    node = i
    for _ in range(_TOPIC_STEPS):
        head = view.head(node)
        if head is None:
            return False
        dep, governor = view.tok(node).dep, view.tok(head)
        if dep == "pobj" and governor.lemma.lower() in _ABOUT:
            node = head
            continue
        if dep not in ("prep", "dobj", "xcomp", "pcomp", "conj"):
            return False
        if governor.lemma.lower() in cues("topic"):
            return True
        node = head
    return False


def _no_deed(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Uses of an event word that tell no event: a standing state of affairs, a topic of
    talk, the press asking for comment, agreeing with a view."""
    return (
        _circumstance(view, i, entry)
        or _topic_of_talk(view, i, entry)
        or _compound_adjective(view, i)
        or _asks_for_comment(view, i, entry)
        or _asks_a_question(view, i, entry)
        or _shares_a_view(view, i, entry)
        or _thing_travels(view, i, entry)
        or _force_of_nature(view, i, entry)
        or _no_blow(view, i, entry)
        or _leaves_care(view, i, entry)
        or _measured_opinion(view, i, entry)
        or _tests_people(view, i, entry)
        or _characterized_as(view, i, entry)
        or _thing_lends_a_hand(view, i, entry)
        or _deed_speaks(view, i, entry)
    )


# Nouns of a number of events: "a spate of shootings", "a wave of protests".
_RUNS = frozenset({"spate", "wave", "series", "string", "rash", "surge", "round", "flurry"})


def _deed_speaks(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Words whose subject is an event, not a party, are no one's: "the recent spate of
    shootings demands that all Americans listen", "the attacks call for a response". Only
    parties, what they say or print, and crowds ask, accuse, promise or refuse. A noun with
    a subject is read so too: the tagger makes "demands" a noun where it is the verb."""
    if not plover_types()[entry.type].quad.startswith("verbal"):
        return False
    heads = []
    for subject in view.children(i, "nsubj"):
        runs = view.prep_objects(subject, "of") if view.tok(subject).lemma.lower() in _RUNS else []
        heads.append(runs[0] if runs else subject)
    return bool(heads) and all(_voiceless_event(view, head) for head in heads)


def _voiceless_event(view: SentenceView, i: int) -> bool:
    """An event noun that stands for no one ("the shootings demand" is no one's demand);
    not one that names a group ("the delegation met") nor a protest, which speaks for its
    crowd ("the protests demanded the mayor's resignation")."""
    if not is_event_noun(view, i) or is_agent(view, i):
        return False
    return all(e.type != "PROTEST" for e in _noun_entries(view, i))


# Types of what only a party can lend: support and aid (a promise is often an assembly's:
# "the APEC forum has agreed to set up a center").
_LENT = frozenset({"SUPPORT", "AID"})


def _thing_lends_a_hand(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Support or help lent by a thing is no party's: "information that appeared to support
    his claim", "attacks that helped Republicans take control of the House". A party, a
    pronoun that may stand for one, or a batch of a party ("the first deployment of NATO
    troops arrived") does (``is_agent``); a passive's helper is its agent, not read here."""
    if entry.type not in _LENT or entry.pos != "VERB" or view.children(i, "nsubjpass", "auxpass"):
        return False
    doer = _doer(view, i)
    if doer is None or view.tok(doer).pos == "PRON":
        return False
    return not any(is_agent(view, d) for d in (doer, *view.prep_objects(doer, "of")))


def _doer(view: SentenceView, i: int) -> int | None:
    """Verb ``i``'s subject: the noun a relative clause describes for its relative pronoun
    ("attacks that helped"), the subject of the verb an infinitive or a conjunct hangs on
    ("appeared to support", "proved a safe space and offered")."""
    subjects = view.children(i, "nsubj")
    if subjects:
        return _antecedent_of_relative(view, subjects[0])
    head = view.head(i)
    shared = view.tok(i).dep in ("xcomp", "conj")
    return _doer(view, head) if head is not None and shared else None


def _characterized_as(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """An event noun that says what something is taken for: "try to paint this as a
    personal attack on their boss", "denounced the raid as an act of aggression", "was seen
    as a threat" (a verb of cue kind ``characterize``). It names no deed of its own: the
    thing characterized, if an event, is told by its own words."""
    if entry.pos != "NOUN" or view.tok(i).dep != "pobj":
        return False
    preposition = view.head(i)
    if preposition is None or view.tok(preposition).lemma.lower() != "as":
        return False
    verb = view.head(preposition)
    return verb is not None and view.tok(verb).lemma.lower() in cues("characterize")


def _offence_committed(view: SentenceView, verb: int) -> bool:
    """ "committed war crimes", "commits fraud": "commit" with an offence for its object."""
    return view.tok(verb).lemma.lower() == "commit" and any(
        view.tok(o).lemma.lower() in cues("offence") for o in view.children(verb, "dobj")
    )


def _compound_adjective(view: SentenceView, i: int) -> bool:
    """An "-ing" word hyphened to a noun it governs is an adjective of quality: "injuries
    not thought to be life-threatening", "a record-breaking crowd". (A past participle so
    made keeps its doer: "Russian-backed rebels" are backed by Russia.)"""
    token = view.tok(i)
    if not (token.pos == "ADJ" or token.tag == "VBG") or not token.text.lower().endswith("ing"):
        return False
    if i - 2 < view.start or view.tok(i - 1).text != "-":
        return False
    before = view.tok(i - 2)
    return before.pos == "NOUN" and before.head == i


_TEST_RESULTS = frozenset({"positive", "negative"})


def _tests_people(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """A weapons test tests a weapon: "tested positive for the virus", "authorities are
    testing all residents", "appears to be testing a new American president" test people."""
    if entry.mode != "weapons" or view.tok(i).pos != "VERB":
        return False
    if any(view.tok(c).lemma.lower() in _TEST_RESULTS for c in view.children(i)):
        return True
    # people, not a weapon's name ("tested the Sarmat"): names are left to the weapons
    tested = [n for t in view.children(i, "dobj") for n in what_is_named(view, t)]
    return any(view.tok(n).pos == "NOUN" and is_agent(view, n) for n in tested)


def _measured_opinion(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Support that a poll measures is no one's act of support: "Clinton was supported by 42
    percent of those responding", "Trump has 5 percent support of the black vote", "a
    tracking poll of Americans' support for the candidates": the sentence names a poll (cue
    kind ``poll``), or the support's own phrase a share."""
    if entry.type != "SUPPORT":
        return False
    if any(view.tok(t).lemma.lower() in cues("poll") for t in range(view.start, view.end)):
        return True
    head = view.head(i)
    near = [i] if head is None else [i, *view.children(head)]
    return any(view.tok(t).lemma.lower() in _SHARES for n in near for t in _phrase(view, n))


_SHARES = frozenset({"percent", "%"})


def _leaves_care(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Released from hospital: patients go home, no captive is freed (cue kind ``care``)."""
    return entry.type == "RETREAT" and any(
        view.tok(o).lemma.lower() in cues("care") for o in view.prep_objects(i, "from")
    )


def _no_blow(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Striking a deal or a conciliatory note deals no blow (cue kinds ``bargain``, an
    agreement of its own, and ``manner``), nor does a blow at no body: "destroys credibility
    and faith", "capture the ambiguity", "beat the odds", "fight poverty" (``_no_body``),
    "captured photos" (artefact_nouns.csv). A blow whose object the entry itself requires
    is one whatever its kind: "violated the ceasefire" is fighting."""
    if entry.type != "ASSAULT" or _object_required(view, i, entry):
        return False
    targets = _blow_targets(view, i)
    if _object_kinds(view, i) or _recorded(view, i, targets):
        return True
    lemmas = [_PLURAL_READINGS.get(view.tok(t).text.lower(), view.tok(t).lemma.lower())
              for t in targets]  # fmt: skip
    # nor a blow at a made thing of words or pictures ("satellites captured photos"), but
    # an attack on one is an attack in words, an ACCUSE (``frames``: "attacked the report")
    in_words = view.tok(i).lemma.lower() in ASSAIL
    # nor at a sum of money ("looted millions of dollars from investors" is a fraud)
    money = [view.tok(t).ent_type == "MONEY" for t in targets]
    return bool(lemmas) and all(
        _no_body(t) or (t in artefact_nouns() and not in_words) or paid
        for t, paid in zip(lemmas, money, strict=True)
    )


# Plurals of two nouns that the lemmatizer always reads as the abstract one: a blow falls on
# military "bases" (base), not on "bases" of an argument (basis), which are not struck.
_PLURAL_READINGS = {"bases": "base"}


def _object_required(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Whether verb ``i``'s direct object is a word its lexicon entry requires."""
    return any(view.tok(o).lemma.lower() in entry.requires for o in view.children(i, "dobj"))


_RECORDING_MEDIA = frozenset({"camera", "tape", "film", "video", "screen"})


def _recorded(view: SentenceView, i: int, targets: list[int]) -> bool:
    """A sight caught "on video" or "on camera" is recorded, not captured or shot ("the
    streak of light was captured on video"), unless people are among the ``targets`` it
    strikes ("the hostages were shot on camera")."""
    on_media = any(
        view.tok(o).lemma.lower() in _RECORDING_MEDIA for o in view.prep_objects(i, "on")
    )
    return on_media and not any(is_agent(view, t) for t in targets)


def _blow_targets(view: SentenceView, i: int) -> list[int]:
    """What verb ``i`` strikes: its objects, passive subject or "against" object, those its
    conjunct shares ("kill and sacrifice animals"), and for a count what it counts
    ("millions of dogs are killed"); what a noun strikes is its "of" object ("the killing
    of a gorilla")."""
    targets = _acted_upon(view, i)
    targets += view.prep_objects(i, "against", "down")  # "strikes down the law"
    if view.tok(i).pos == "NOUN":
        targets += view.prep_objects(i, "of")
    if not targets:  # "kill and ritually sacrifice animals": the parser joins the object
        targets = [c for c in view.children(i, "conj") if view.tok(c).pos == "NOUN"]
        targets += [o for c in view.children(i, "conj") for o in view.children(c, "dobj")]
    return [n for t in targets for n in what_is_named(view, t)]


def _no_body(lemma: str) -> bool:
    """A target no blow at which is political violence: an abstraction, a hazard, an animal
    ("millions of dogs are killed for their meat", "the zoo killed the gorilla")."""
    return any(lemma in cues(kind) for kind in ("abstraction", "hazard", "animal"))


def _force_of_nature(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """An earthquake that strikes, floods that destroy homes, a virus that kills: harm done
    by no one is no attack or coercion (cue kind ``hazard``), whatever it costs. So is the
    toll of an accident (cue kind ``mishap``): "a plane crash killed 12", "killed in a
    collision", "crashed in a wooded area, killing all aboard", "injured when the ferry
    capsized", and a ship or a bus that strikes something."""
    if entry.type not in ("ASSAULT", "COERCE") or view.tok(i).pos != "VERB":
        return False
    verbs = [i]
    head = view.head(i)
    if view.tok(i).dep == "conj" and head is not None and not view.children(i, "nsubj"):
        verbs.append(head)  # "floods destroyed homes and killed 12 people"
    doers = [_antecedent_of_relative(view, d) for v in verbs for d in view.children(v, "nsubj")]
    doers += view.agents(i)
    causes = doers + view.prep_objects(i, "in", "during", "after")  # "in a crash"
    if any(_no_ones_doing(view.tok(c).lemma.lower()) for c in causes):
        return True
    if craft_strikes_a_thing(view, i, doers):
        return True
    return any(_accident_clause(view, c) for c in _clauses_around(view, i)) or _toll_of_a_crash(
        view, i
    )


_BLOWS = frozenset({"strike", "hit"})


def craft_strikes_a_thing(view: SentenceView, i: int, doers: Sequence[int]) -> bool:
    """Whether verb ``i`` tells a craft of no force striking a thing, a collision: "a tourist
    ship struck a highway bridge"; not "jets struck the bridge" (a craft acting for its
    force is an agent), "a truck hit the crowd", nor a vehicle that hit a mine someone laid
    ("hit improvised explosive devices"). ``doers``: the verb's subjects."""
    struck = view.children(i, "dobj")
    return (
        view.tok(i).lemma.lower() in _BLOWS
        and any(_civil_craft(view, d) for d in doers)
        and not any(is_agent(view, o) or _ordnance(view, o) for o in struck)
    )


# Charges laid for a vehicle to strike.
_MINES = frozenset({"mine", "landmine", "ied"})


def _ordnance(view: SentenceView, i: int) -> bool:
    """A mine, or a device or charge its words call explosive."""
    words = {view.tok(i).lemma.lower()}
    words |= {view.tok(m).lemma.lower() for m in view.children(i, "amod", "compound")}
    return bool(words & (_MINES | cues("explosive") | cues("projectile")))


def _no_ones_doing(lemma: str) -> bool:
    """A hazard, a mishap, or an installation that blows up or burns ("a boiler exploded",
    "a chemical leak killed ten", "the plant exploded": cue kind ``installation``)."""
    return any(lemma in cues(kind) for kind in ("hazard", "mishap", "installation"))


def _clauses_around(view: SentenceView, i: int) -> list[int]:
    """The clauses that tell how a deed came about: one hung on it ("injured when the ferry
    capsized") or on a verb coordinated after it ("were killed and two injured when the
    plant exploded": the clause is both verbs'), or the one it hangs on as a participle
    ("crashed, killing all aboard")."""
    clauses = [c for verb in view.verbs_after(i) for c in view.children(verb, "advcl")]
    head = view.head(i)
    if head is not None and _participle_clause(view, i):
        clauses.append(head)
    return clauses


def _participle_clause(view: SentenceView, i: int) -> bool:
    """Token ``i`` heads a participle hung on the clause before it ("..., killing all aboard")."""
    return view.tok(i).dep == "advcl" and view.tok(i).tag == "VBG"


def _antecedent_of_relative(view: SentenceView, subject: int) -> int:
    """The noun a relative pronoun stands for ("the virus, which has killed 1.4 million"),
    else the subject itself."""
    verb = view.head(subject)
    if view.tok(subject).tag not in ("WDT", "WP") or verb is None or view.tok(verb).dep != "relcl":
        return subject
    noun = view.head(verb)
    return subject if noun is None else noun


def _civil_craft(view: SentenceView, i: int) -> bool:
    """A ship, a bus or a plane that acts for no force (cue kind ``conveyance``)."""
    return view.tok(i).lemma.lower() in cues("conveyance") and not is_agent(view, i)


def _toll_of_a_crash(view: SentenceView, i: int) -> bool:
    """A participle with no doer of its own after a clause that tells a craft crashing
    ("investigators are looking into what caused an aircraft to crash ..., killing 12"):
    the crash's toll, whoever the sentence's subject."""
    head = view.head(i)
    if head is None or not _participle_clause(view, i):
        return False
    return any(
        _accident_clause(view, verb) and _craft_subject(view, verb)
        for verb in range(view.tok(head).left, i)
        if view.tok(verb).pos == "VERB"
    )


def _craft_subject(view: SentenceView, verb: int) -> bool:
    """Whether what does the verb is a craft or a cargo (cue kind ``conveyance``): "an
    aircraft crashed", "the ship arrived"."""
    return any(
        view.tok(s).lemma.lower() in cues("conveyance") for s in view.children(verb, "nsubj")
    )


def _accident_clause(view: SentenceView, verb: int) -> bool:
    """A clause that tells an accident: its verb is one ("crashed", "capsized") and what
    crashed is no weapon (a drone that "crashed into a building" was sent)."""
    lemma = view.tok(verb).lemma.lower()
    caught_fire = lemma == "catch" and any(
        view.tok(o).lemma.lower() == "fire" for o in view.children(verb, "dobj")
    )
    # "killed when a chemical plant exploded", "as the boiler exploded": what blew up
    blew_up = any(
        view.tok(s).lemma.lower() in cues("installation") for s in view.children(verb, "nsubj")
    )
    if lemma not in cues("mishap") and not caught_fire and not blew_up:
        return False
    return not any(
        view.tok(s).lemma.lower() in cues("projectile") for s in view.children(verb, "nsubj")
    )


def _thing_travels(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """A ship, a train or a batch of vaccines that arrives or travels pays no visit: a visit
    is made by people (cue kind ``conveyance``: what travels or is carried)."""
    return entry.mode == "visit" and view.tok(i).pos == "VERB" and _craft_subject(view, i)


def _shares_a_view(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Agreeing with what someone thinks or says is an opinion, not an agreement: "said she
    agreed with officials' concerns", and '"the danger has not passed," agreed Sayim' (the
    quote before the verb is what is said). Agreeing with a party ("agreed with Kyiv") or
    to something stays an AGREE (cue kind ``opinion``)."""
    if entry.type != "AGREE" or view.tok(i).pos != "VERB":
        return False
    clauses = view.children(i, "ccomp")
    if any(c < i for c in clauses):
        return True
    # "agreed that North Korea poses a grave threat": a clause that states how things are,
    # with no modal to commit anyone ("agreed that talks would resume" commits them)
    agreeing = view.tok(i).lemma.lower() in _AGREEING
    if agreeing and any(not _modal(view, c) for c in clauses):
        return True
    if agreeing and _agrees_with_a_person(view, i):
        return True
    return any(view.tok(o).lemma.lower() in cues("opinion") for o in view.prep_objects(i))


# Verbs of agreeing, whose that-clause can state a view ("agreed that the threat grows").
_AGREEING = frozenset({"agree", "concur"})


def _agrees_with_a_person(view: SentenceView, i: int) -> bool:
    """Agreeing with a person, or a person agreeing with no one named, and to nothing:
    "Anderson largely agreed with McLenny", "The spokesman agreed." (a view shared; "agreed
    with Kyiv to resume talks", "Iran agreed to the deal" and "Ukraine agreed." agree to
    something)."""
    if view.children(i, "xcomp", "ccomp", "dobj") or view.prep_objects(i, "to", "on", "upon"):
        return False
    partners = view.prep_objects(i, "with") or view.children(i, "nsubj")
    return bool(partners) and all(_a_person(view, p) for p in partners)


def _a_person(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` names one person: a name, or a title of one ("the spokesman")."""
    token = view.tok(i)
    if token.ent_type:
        return token.ent_type == "PERSON"
    role = lexicon.role_for(token.text)
    return token.pos == "NOUN" and role is not None and role.kind == "person"


def _modal(view: SentenceView, verb: int) -> bool:
    """Whether a clause's verb has a modal ("would resume", "will be released", "should
    continue") or is an infinitive or a command ("agreed to talks", "agreed: release them")."""
    token = view.tok(verb)
    if token.tag in ("VB", "TO") or view.to_infinitive(verb):
        return True
    return any(view.tok(a).tag == "MD" for a in view.children(verb, "aux", "auxpass"))


_QUESTION_MARKS = frozenset({"whether", "if"})
_QUESTION_WORDS = frozenset(
    {"what", "which", "who", "whom", "whose", "how", "why", "when", "where"}
)
_QUESTIONING = frozenset({"ask", "press", "question", "query"})
_QUESTION_TOPICS = frozenset({"about", "on", "over", "regarding"})


def _asks_a_question(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """Asking a question demands nothing: "Asked about the failures, Peskov said ...",
    "asked whether China would investigate", "pressed on how sure he was", "was asked
    why", "when asked in August". What someone is asked to do ("asked the council to
    blacklist ten ships") or for ("asked for help") stays a request."""
    if entry.type != "REQUEST" or view.tok(i).lemma.lower() not in _QUESTIONING:
        return False
    if view.children(i, "xcomp") or view.prep_objects(i, "for"):
        return False
    if not view.children(i, "dobj", "ccomp") and _after_a_question(view):
        return True  # '"Why would anyone vote for him?" Graham asked.'
    if any(view.tok(c).text.lower() in _QUESTION_WORDS for c in view.children(i) if c > i):
        return True  # "Duffey was asked why"
    if view.tok(i).tag == "VBN" and not view.children(i, "dobj", "ccomp", "dative", "nsubj"):
        return True  # "was asked in August", "when asked": asked nothing to do or to get
    if any(
        view.tok(p).lemma.lower() in _QUESTION_TOPICS
        and view.children(p, "pobj", "pcomp")
        and not _time_phrase(view, p)  # "asked on Thursday"
        for p in view.children(i, "prep")
    ):
        return True  # "asked about the failures", "pressed on how sure he was"
    return any(
        view.tok(view.tok(c).left).text.lower() in _QUESTION_WORDS
        or any(view.tok(m).text.lower() in _QUESTION_MARKS for m in view.children(c, "mark"))
        for c in view.children(i, "ccomp")
    )


_CLOSING_QUOTES = "\"'\u201d\u2019 \n"


def _after_a_question(view: SentenceView) -> bool:
    """Whether the sentence follows a quoted question: the parser often cuts the quote from
    the words that attribute it, leaving "Graham asked." a sentence of its own."""
    before = view.parsed.text[: view.tok(view.start).idx].rstrip(_CLOSING_QUOTES)
    return before.endswith("?")


def _asks_for_comment(view: SentenceView, i: int, entry: TriggerEntry) -> bool:
    """The press asking for comment ("an email requesting comment", "did not respond to a
    request for comment", "asked the embassy for an interview"): how news is gathered, not
    a political request, whoever the asker (cue kind ``press``)."""
    if entry.type != "REQUEST":
        return False
    wanted = [*view.children(i, "dobj"), *view.prep_objects(i)]
    return any(view.tok(w).lemma.lower() in cues("press") for w in wanted)


def _warns_of_action(view: SentenceView, i: int) -> bool:
    """Whether a warning threatens: it is addressed to someone ("warned its residents"), or
    what it warns of is an act of the speaker's side ("police will no longer tolerate
    rallies", "it would execute the hostages": a pronoun is taken for the speaker) or
    something done to someone ("terrorists will not be spared"). A warning of a danger ("the
    launch will cause a spike in tensions", "countries could become targets") threatens
    nobody, nor does advice ("warned against hospital care"), even to someone: "warned
    residents they could face flooding" (what is faced is a hazard or an abstraction), "warned
    people about getting together" (``_advises_the_public``: a REQUEST)."""
    if _faces_a_danger(view, i) or _advises_the_public(view, i):
        return False
    if view.children(i, "dobj", "dative") or _of_reprisal(view, i):
        return True
    for clause in view.children(i, "ccomp"):
        if not _ahead(view, clause):
            continue  # "warning that the administration is brushing aside workers" accuses
        if view.tok(clause).lemma.lower() in cues("befall"):
            continue  # "warned that the bloc could fall apart": what befalls, no act
        if view.children(clause, "nsubjpass"):
            return True
        for subject in view.children(clause, "nsubj"):
            if view.tok(subject).tag == "PRP" or _political(phrase_sector(view, subject)):
                return True
    return False


def _warns_of_doing(view: SentenceView, i: int) -> bool:
    """Whether a warning tells what a party is doing or has done, not what it will do:
    "warning that the administration is brushing aside the interests of workers" finds
    fault with it, an ACCUSE."""
    return any(
        not _ahead(view, clause) and _political(phrase_sector(view, subject))
        for clause in view.children(i, "ccomp")
        for subject in view.children(clause, "nsubj")
    )


def _leaves_a_compact(view: SentenceView, i: int) -> bool:
    """Whether what trigger ``i`` leaves is an accord, talks or an international body
    ("withdrew from the Paris agreement", "pulled out of the nuclear deal", "quit the bloc",
    "left the World Health Organization"; cue kinds ``bargain`` and ``compact``): PLOVER's
    SANCTION withdraw, a party withdrawing itself, where RETREAT withdraws forces from
    ground."""
    left = view.prep_objects(i, "from") + view.children(i, "dobj")
    left += [o for p in view.children(i, "prep") if view.tok(p).lemma.lower() == "out"
             for o in view.prep_objects(p, "of")]  # fmt: skip
    return any(_compact(view, o) for o in left)


def _compact(view: SentenceView, noun: int) -> bool:
    """An accord, talks or a body of states, by its head or a noun before it ("the regional
    bloc ECOWAS"), or a body of states the tables know by name."""
    words = {view.tok(noun).lemma.lower()}
    words |= {view.tok(c).lemma.lower() for c in view.children(noun, "compound")}
    if words & (cues("bargain") | cues("compact")):
        return True
    body = lexicon.organization_for(view.np_text(noun))  # the phrase without "the"
    return body is not None and body.sector == "IGO"


def _regretted(view: SentenceView, i: int) -> list[int]:
    """What verb ``i`` regrets: its object, its clause or what it is "for" ("regretted the
    raid", "regrets that the talks failed"); nothing for "regret to say", nor a loss, whose
    regret is condolence ("regrets the deaths of 12 passengers", "that two pilots died")."""
    if view.children(i, "xcomp"):
        return []
    things = view.children(i, "dobj", "ccomp") + view.prep_objects(i, "for", "over")
    losses = _LOSSES | cues("perish") | cues("casualty")
    return [t for t in things if view.tok(t).lemma.lower() not in losses]


# Nouns of what was lost or suffered.
_LOSSES = frozenset({"death", "loss", "injury", "casualty", "passing", "suffering"})


def _regrets_anothers_deed(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` regrets is another party's deed, a reproach (PLOVER's
    ACCUSE): "the court regrets the decision of Kenya not to take part", "regretted
    Russia's move", "regrets that Kenya stayed away". Regret for one's own deed concedes."""
    subjects = {view.tok(s).lemma.lower() for s in view.children(i, "nsubj")}
    for thing in _regretted(view, i):
        if view.tok(thing).dep == "ccomp":
            doers = view.children(thing, "nsubj", "nsubjpass")
        else:
            doers = proposers(view, [thing])  # "Russia's move", "the decision of Kenya"
        if any(
            view.tok(d).pos != "PRON"
            and is_agent(view, d)
            and view.tok(d).lemma.lower() not in subjects
            for d in doers
        ):
            return True
    return False


def _ahead(view: SentenceView, clause: int) -> bool:
    """Whether a clause tells what is yet to come: a modal or an infinitive ("will not be
    spared", "would execute"), or one the clause leads to ("is going to strike", "is ready
    to respond", "it was time to annihilate"); a threat is of what will be done, not of
    what is being done (``_warns_of_doing``: an accusation)."""
    led = view.children(clause, "xcomp")
    led += [
        x
        for a in view.children(clause, "acomp", "attr")
        for x in view.children(a, "xcomp", "acl", "relcl")
    ]
    return _modal(view, clause) or any(_modal(view, x) for x in led)


def _meets_parties(view: SentenceView, i: int) -> bool:
    """Whether a conference is a meeting of parties (``NOT_BRIEFING``)."""
    if view.has_preposition(i, "with"):
        return True  # "a news conference with French Minister Florence Parly"
    modifiers = view.children(i, "compound", "amod")
    return not any(view.tok(m).lemma.lower() in _BRIEFED for m in modifiers)


def _hosts_guests(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` hosts is a party or a meeting (``GUEST``): its object, passive
    subject or the noun it describes ("the talks hosted by Qatar"), or whom an occasion is
    hosted for ("hosting a private dinner for Netanyahu")."""
    hosted = _acted_upon(view, i)
    head = view.head(i)
    if head is not None and view.tok(i).dep == "acl":
        hosted.append(head)
    hosted += [g for h in (i, *hosted) for g in view.prep_objects(h, "for")]
    return any(
        (is_agent(view, t) and not is_count(view, t)) or _names_meeting(view, t) for t in hosted
    )


def _names_meeting(view: SentenceView, noun: int) -> bool:
    """Whether ``noun`` is a word the lexicon knows for a meeting (a CONSULT noun: "talks",
    "summit", "delegation")."""
    return "CONSULT" in (deed_types(view.tok(noun).lemma.lower()) or ())


def _accepts_a_proposal(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` accepts is a proposal or bargain (cue kinds ``proposal`` and
    ``bargain``), people or a party, one taken as something ("accept North Korea as a
    nuclear state"), or nothing named (``PROPOSAL``)."""
    objects = _acted_upon(view, i)
    if not objects or view.prep_objects(i, "as"):
        return True
    return _of_kinds(view, objects, ("proposal", "bargain")) or any(
        is_agent(view, o) and view.tok(o).lemma.lower() not in _REFLEXIVES for o in objects
    )


def _acted_upon(view: SentenceView, i: int) -> list[int]:
    """Verb ``i``'s direct objects and passive subjects: what it acts on, in either voice."""
    return view.children(i, "dobj", "nsubjpass")


def _of_kinds(view: SentenceView, tokens: Sequence[int], kinds: Sequence[str]) -> bool:
    """Whether one of ``tokens`` is a word of one of the cue ``kinds`` (event_cues.csv)."""
    return any(view.tok(t).lemma.lower() in cues(kind) for t in tokens for kind in kinds)


def _offers_cooperation(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` offers is a proposal, a bargain, aid, forces or a step towards
    a settlement, or nothing is named (``OFFERED``): "offered talks", "offered to mediate",
    "offered an armored regiment", not "offered some pointed advice"."""
    objects = _acted_upon(view, i)
    kinds = ("proposal", "bargain", "aid", "armed", "mustered", "offered")
    return not objects or _of_kinds(view, objects, kinds)


def _breaks_up_a_gathering(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` breaks up is a gathering, a ring or protesters
    (``GATHERED``); a company is an agent too, and breaking it up no coercion."""
    return _of_kinds(view, _acted_upon(view, i), ("crowd", "mob", "protester", "gathering"))


def _invades_land(view: SentenceView, i: int) -> bool:
    """Whether what noun ``i`` invades, if its of-phrase names anything, is land
    (``OF_TERRITORY``)."""
    invaded = view.prep_objects(i, "of")
    return not invaded or any(
        view.tok(o).ent_type in _LANDS or view.tok(o).lemma.lower() in cues("territory")
        for o in invaded
    )


# Entities that name land: countries and towns, regions, peoples ("the invasion of Iraq").
_LANDS = frozenset({"GPE", "LOC", "NORP"})


def _musters_forces(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` mobilizes is armed forces or men to arm, or nothing named
    (``MUSTERED``); a number stands for what it counts ("mobilized 300,000 reservists")."""
    objects = _acted_upon(view, i)
    objects += [n for o in objects if is_count(view, o) for n in counted(view, o)]
    return not objects or _of_kinds(view, objects, ("armed", "mustered"))


def _commits_means(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` commits its subject or means (``PLEDGED``): no direct object ("is
    committed to the talks"), or one that is the subject itself, money, forces or aid."""
    objects = view.children(i, "dobj")
    means = _REFLEXIVES | cues("armed") | cues("aid")
    return not objects or any(
        view.tok(o).lemma.lower() in means
        or view.tok(o).ent_type in ("MONEY", "QUANTITY", "CARDINAL")
        for o in objects
    )


def _sends_forces(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` sends armed forces to no party (``ARMED_OBJECT``)."""
    if not any(view.tok(o).lemma.lower() in cues("armed") for o in view.children(i, "dobj")):
        return False
    return not any(is_agent(view, o) for o in view.prep_objects(i, "to"))


def _endorses(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` backs someone or something (``ENDORSED``)."""
    if view.tok(i).dep in ("acl", "amod"):
        return False
    if any(view.tok(o).lemma.lower() in cues("allegation") for o in view.children(i, "dobj")):
        return False
    return not any(
        view.tok(c).lemma.lower() in _STEPS_BACK for c in view.children(i, "prt", "advmod")
    )


_PHONES = frozenset({"phone", "telephone", "video", "videoconference", "videolink"})
# What turns backing into stepping back: "backing away from the issue", "backed off".
_STEPS_BACK = frozenset({"away", "off"})


def _of_reprisal(view: SentenceView, i: int) -> bool:
    """Whether a warning is of a reprisal (cue kind ``reprisal``): "warned of countermeasures
    if the sale goes ahead", "warned of a strong response"."""
    return any(view.tok(o).lemma.lower() in cues("reprisal") for o in view.prep_objects(i, "of"))


def _advises_the_public(view: SentenceView, i: int) -> bool:
    """Whether a warning advises private people about, against or to do something ("warning
    people about getting together with family", "warned citizens against travelling to the
    region", "warned residents to stay indoors"): no coercion, whoever warns. Warned so, a
    state, a party or protesters are threatened ("police warned protesters against
    gathering", "warned the rebels to lay down their arms")."""
    addressees = view.children(i, "dobj", "dative")
    doings = [
        c
        for p in view.children(i, "prep")
        if view.tok(p).lemma.lower() in ("about", "against")
        for c in view.children(p, "pcomp", "pobj")
        if view.tok(c).tag == "VBG"
    ] + [c for c in view.children(i, "xcomp") if view.to_infinitive(c)]
    return bool(addressees and doings) and all(
        phrase_sector(view, a) == "CVL" and view.tok(a).lemma.lower() not in political_roles()
        for a in addressees
    )


def _faces_a_danger(view: SentenceView, i: int) -> bool:
    """Whether the warning's clause says someone will face or suffer a danger, not an act
    ("could face flooding", "may face discrimination"; not "would face a crushing
    response")."""
    return any(
        view.tok(clause).lemma.lower() in cues("undergo")
        and any(_no_body(view.tok(o).lemma.lower()) for o in view.children(clause, "dobj"))
        for clause in view.children(i, "ccomp")
    )


def _political(sector: str | None) -> bool:
    return sector is not None and sector in POLITICAL_SECTORS


def _told_to_do(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` has someone for its object and a to-infinitive after it."""
    return bool(view.children(i, "dobj")) and any(
        view.tok(c).pos == "VERB" and view.to_infinitive(c) for c in view.children(i, "xcomp")
    )


def _clause_object(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` has a clause of its own subject after it for its object, a subject
    other than the verb's own: "claimed the attackers were in touch with Kabul", not
    "Pyongyang claims it needs the weapons" nor "he claims he is going to change it", which
    tell of the claimant itself. A clause before it is another sentence the parser ran in
    ("X is in a struggle — two men claim to lead it")."""
    return any(
        c > i and s and not _same_referent(view, _claimant(view, i), s[0])
        for c in view.children(i, "ccomp")
        for s in [view.children(c, "nsubj", "nsubjpass")]
    )


def _claimant(view: SentenceView, i: int) -> int | None:
    """The subject of verb ``i``, or of the verb a participle of it hangs on ("Reid mocked
    Romney, claiming that ...")."""
    for verb in (i, view.head(i)):
        if verb is None:
            return None
        found = view.children(verb, "nsubj")
        if found:
            return found[0]
        if view.tok(verb).dep not in ("advcl", "xcomp", "conj"):
            return None
    return None


# Which pronoun refers back to a subject of each kind.
_PRONOUN_OF = {"PERSON": {"he", "she", "i", "we"}, "GPE": {"it", "we"}, "ORG": {"it", "they", "we"}}


def _same_referent(view: SentenceView, subject: int | None, pronoun: int) -> bool:
    """Whether ``pronoun`` (a clause's subject) refers back to ``subject`` by its form: the
    same pronoun, or one that fits the subject's entity type ("Pyongyang ... it")."""
    word = view.tok(pronoun).text.lower()
    if subject is None or view.tok(pronoun).tag != "PRP":
        return False
    own = view.tok(subject)
    if own.tag == "PRP":
        return own.text.lower() == word
    if own.ent_type:
        return word in _PRONOUN_OF.get(own.ent_type, set())
    # a common noun: "the candidate claims he ...", "officials claimed they ..."
    if own.tag in ("NNS", "NNPS"):
        return word in ("they", "we")
    return word in ("he", "she") and is_agent(view, subject)


def _voiced(view: SentenceView, i: int) -> bool:
    """Whether noun ``i`` is something someone voices: it has an owner ("Pyongyang's
    threats"), a "by" agent, a measure someone imposes for its "of" ("threats of sanctions"),
    a to-infinitive ("a threat to strike"), or a light or speech
    verb governs it ("issued a threat", "repeated the threat"). "The China threat", "faces
    an increasing threat", "the threat posed by terrorist groups" name a danger instead, and
    so does an owner's arms ("North Korea's nuclear threat", `_arms_posed`)."""
    if view.children(i, "poss"):
        return not _arms_posed(view, i)
    if any(view.tok(p).lemma.lower() == "by" for p in view.children(i, "prep")):
        return True
    if any(_imposed_measure(view.tok(o).lemma.lower()) for o in view.prep_objects(i, "of")):
        return True  # "threats of sanctions", "the threat of tariffs": someone would impose
    for clause in view.children(i, "acl"):
        if any(view.tok(a).tag == "TO" for a in view.children(clause, "aux")):
            return True
    governor = view.head(i)
    if governor is None or view.tok(i).dep not in ("dobj", "nsubjpass"):
        return False
    lemma = view.tok(governor).lemma.lower()
    return lemma in cues("light") or lemma in cues("speech")


def _arms_posed(view: SentenceView, i: int) -> bool:
    """Whether a threat with an owner names the danger of the owner's arms ("to deal with
    North Korea's nuclear threat", "Iran's missile threat"): a modifier evokes arms (a
    military, nuclear or terrorist context of plover_contexts.csv) and nothing says whom it
    is made against ("Pyongyang's nuclear threats against Guam" is one made)."""
    if view.prep_objects(i, *_THREATENED_PREPS):
        return False
    modifiers = (view.tok(m).lemma.lower() for m in view.children(i, "amod", "compound"))
    return any(set(context_words().get(word, ())) & _ARMS_CONTEXTS for word in modifiers)


_THREATENED_PREPS = ("against", "to", "toward", "towards")
_ARMS_CONTEXTS = frozenset({"military", "cbrn", "terrorism"})


def _imposed_measure(lemma: str) -> bool:
    """Whether a noun names a measure someone imposes (a SANCTION or COERCE noun of the
    lexicon: sanctions, tariffs, an embargo, a blockade)."""
    return any(e.type in MEASURE_TYPES for e in trigger_lexicon().get((lemma, "NOUN"), ()))


# Measures one side imposes on another, which it can lift or threaten.
MEASURE_TYPES = frozenset({"SANCTION", "COERCE"})


def _time_phrase(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` is a preposition whose objects are all dates or times."""
    if view.tok(i).dep != "prep":
        return False
    objects = view.children(i, "pobj")
    return bool(objects) and all(view.tok(o).ent_type in ("DATE", "TIME") for o in objects)


def _frees_the_held(view: SentenceView, i: int) -> bool:
    """Whether what the trigger frees, if it names anything, is someone who can be held:
    a party ("released three hostages", "freed Zamora", "released him"), or a craft ("the
    ships were freed"). Not a made or told thing ("released a video", "the release of
    figures", "pictures released by the agency", "released his tax returns"): a list of
    those (artefact_nouns.csv) never ends, while who can be held is what ``is_agent``
    already knows."""
    objects = _acted_on(view, i, "of", ("pobj",), ("acl", "relcl"))
    if view.tok(i).pos == "NOUN":  # "the hostage release", "the smartphone release"
        objects += view.children(i, "compound")
    return not objects or any(_can_be_held(view, o) for o in objects)


def _fought_with_words(view: SentenceView, i: int) -> bool:
    return any(view.tok(o).lemma.lower() in _WORDS for o in _acted_on(view, i, "of", ("pobj",), ()))


def _fights_a_party(view: SentenceView, i: int) -> bool:
    """Whether what the trigger fights, if it names anything, is one who could be held (a
    party or its craft): "fought the rebels", "the war against Islamic State", not "fighting
    corruption", "the war on poverty", nor a war of words nor a fight to do something."""
    # "has fought to push through reforms": striving for something, with no foe
    if _fought_with_words(view, i) or any(view.to_infinitive(c) for c in view.children(i, "xcomp")):
        return False
    objects = [
        *_acted_on(view, i, "against", ("pobj",), ()),
        *_acted_on(view, i, "on", ("pobj",), ()),
    ]
    return not objects or any(_can_be_held(view, o) for o in objects)


# Entities that are times or occasions, what a greeting welcomes ("the New Year").
_OCCASIONS = frozenset({"DATE", "TIME", "EVENT"})


def _can_be_held(view: SentenceView, i: int) -> bool:
    token = view.tok(i)
    if token.ent_type in THING_NAMES:
        return False
    if token.pos == "PRON":
        return token.text.lower() != "it"
    if is_count(view, i) and not counted(view, i):
        return True  # "the 21 were freed": a bare number freed counts people named before
    return is_agent(view, i) or token.lemma.lower() in cues("conveyance")


def _acted_on(
    view: SentenceView,
    i: int,
    preposition: str,
    objects: tuple[str, ...],
    describes: tuple[str, ...],
) -> list[int]:
    """What token ``i`` acts on: its direct object and passive subject, the ``objects`` of
    its ``preposition`` ("the release of figures", "supplied Kyiv with weapons"), and the
    noun it describes when it hangs on one as a ``describes`` clause ("a photo released by
    the agency")."""
    found = _acted_upon(view, i)
    found += [
        o
        for p in view.children(i, "prep")
        if view.tok(p).text.lower() == preposition
        for o in view.children(p, *objects)
    ]
    head = view.head(i)
    if head is not None and view.tok(i).dep in describes:
        found.append(head)
    elif describes and (noun := _set_off_noun(view, i)) is not None:
        found.append(noun)
    return found


def _set_off_noun(view: SentenceView, i: int) -> int | None:
    """The noun a past participle with no subject of its own follows after a comma ("in an
    email, released as part of the dump"): the parser hangs it on the main verb, though it
    describes that noun as "a photo released by the agency" does."""
    token = view.tok(i)
    if token.tag != "VBN" or token.dep != "advcl" or i - 2 < view.start:
        return None
    if view.children(i, "nsubj", "nsubjpass", "aux", "auxpass"):
        return None
    noun = i - 2
    if view.tok(i - 1).text != "," or view.tok(noun).pos not in ("NOUN", "PROPN"):
        return None
    return noun


@functools.cache
def artefact_nouns() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_rows("events/artefact_nouns.csv"))


def _verdicts(view: SentenceView, taken: set[int]) -> list[TriggerCandidate]:
    """An ACCUSE: a verb of judging whose object or predicate holds a damning word
    (verdict_words.csv): "called the launch a reckless act", "described the plan as a
    betrayal", "called the sanctions unacceptable"; or a speech verb reporting such a
    predicate ("said the launch was a reckless breach"). Damning an allegation ("called
    the allegations baseless", cue kind ``allegation``) is denying it: a REJECT. A word of
    praise (cue kind ``praise``) endorses: "called the agreement historic", "said the
    election was free and fair" are SUPPORTs. A verdict denied judges nothing ("did not
    call it illegal", "said the vote was not fair")."""
    found = []
    for i in range(view.start, view.end):
        if i in taken or view.tok(i).pos != "VERB":
            continue
        lemma = view.tok(i).lemma.lower()
        if lemma in _JUDGING:
            heads = view.children(i, "dobj", "oprd", "ccomp", "xcomp", "prep", "advmod", "acomp")
            subjects: list[int] = []
        elif lemma in cues("speech"):
            heads = _characterized(view, i)
            subjects = characterized_subjects(view, i)
        else:
            continue
        if view.children(i, "neg"):
            continue  # "did not call the vote illegal" judges nothing
        judged = [t for h in heads for t in _phrase(view, h)]
        # a damning phrase denied damns nothing: "this is reality, not a threat", "there is
        # no single point of failure"
        denied = {d for t in judged if _denied_word(view, t) for d in view.subtree(t)}
        words = {view.tok(t).lemma.lower() for t in judged if t not in denied}
        if words & verdict_words():
            about = {view.tok(t).lemma.lower() for t in [*judged, *subjects]}
            entry = VERDICT_REJECT if about & cues("allegation") else VERDICT_ACCUSE
        elif any(
            view.tok(t).lemma.lower() in cues("praise")
            for h in heads
            for t in _phrase(view, h, core=True)
        ):
            entry = VERDICT_SUPPORT
        else:
            continue
        found.append(TriggerCandidate((i,), entry, entry.type, None))
    return found


def _denied_word(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` is denied by its own "not" or "no" ("not a threat", "no failure")."""
    return bool(view.children(i, "neg")) or any(
        view.tok(d).lemma.lower() == "no" for d in view.children(i, "det")
    )


def _characterized(view: SentenceView, speech: int) -> list[int]:
    """What a speaker says something is: the predicates of a copula it reports ("said the
    launch was another reckless breach of UN resolutions"), unnegated. Not a state of
    affairs (cue kind ``state``: "told reporters the situation is catastrophic" blames no
    one)."""
    return [
        c
        for clause in reported_copulas(view, speech)
        if not view.children(clause, "neg")
        and not any(
            view.tok(s).lemma.lower() in cues("state") for s in view.children(clause, "nsubj")
        )
        for c in view.children(clause, "attr", "acomp")
    ]


def _phrase(view: SentenceView, i: int, *, core: bool = False) -> list[int]:
    """Token ``i`` and its dependents, without the clauses that hang from them ("emergency
    meetings, during which both said they could not accept provocations", "should be aware
    that this is not a threat", "was ready to defend itself from the threat"). The ``core``
    of a phrase also leaves out its prepositional phrases (but "as"): the words that say
    what it is, whose praise is praise of it ("a historic deal", "free and fair"), not of
    something it mentions ("the model for fair trade", "with significant breakthroughs")."""
    clauses = ("relcl", "acl", "advcl", "ccomp", "xcomp")
    left_out = (*clauses, "prep") if core else clauses
    found = [i]
    for child in view.children(i):
        token = view.tok(child)
        if token.dep not in left_out or (core and token.lemma.lower() == "as"):
            found += _phrase(view, child, core=core)
    return found


@functools.cache
def verdict_words() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_rows("events/verdict_words.csv"))


def _must_requests(view: SentenceView, taken: set[int]) -> list[TriggerCandidate]:
    """A REQUEST: "X said Y must/should do Z": by X of Y (the speech verb is the trigger),
    when Y is someone who can be asked: "immunity deals should not be a requirement", "we
    should throw monkey wrenches into the works" and "you must liberate yourself" (anyone)
    ask nothing of anyone."""
    return [
        TriggerCandidate((i,), MUST_REQUEST, "REQUEST", None)
        for i in range(view.start, view.end)
        if i not in taken
        and view.tok(i).lemma.lower() in cues("speech")
        and _asks_something(view, i)
    ]


def _asks_something(view: SentenceView, speech: int) -> bool:
    """Whether a must/should complement of a speech verb asks something of someone: of its
    subject, or of whoever can do it ("military intervention must be avoided")."""
    for comp in _obligations(view, speech):
        passive = view.children(comp, "nsubjpass")
        # "the ban must be lifted" is asked of whoever can; "you must be liberated" of no one
        if any(view.tok(p).pos != "PRON" or _can_be_asked(view, p) for p in passive):
            return True
        subjects = [c for s in view.children(comp, "nsubj", "expl") for c in view.with_conjuncts(s)]
        if any(_can_be_asked(view, p) and not _speaker_again(view, speech, p) for p in subjects):
            return True
    return False


def _speaker_again(view: SentenceView, speech: int, subject: int) -> bool:
    """ "She contended that she should not have to sacrifice her privacy": "he" or "she"
    after one speaker is the speaker, who asks nothing of anyone in saying what they
    should do."""
    # "agreed, but also contended that she ...": a conjunct shares the first one's subject
    said = view.children(speech, "nsubj") or view.children(
        view.parsed.first_conjunct(speech), "nsubj"
    )
    speakers = [view.tok(s).tag for s in said]
    return (
        view.tok(subject).text.lower() in ("he", "she")
        and bool(speakers)
        and speakers[-1] in ("NN", "NNP", "PRP")
        and not {"NNS", "NNPS", "CC"} & set(speakers)
        # "Smith and Jones said he must resign": the parser hangs the second speaker on
        # the first as a conjunct; two speakers, so "he" is someone else
        and not any(view.children(s, "conj") for s in said)
    )


_ASKED_PRONOUNS = frozenset({"he", "she", "they", "it"})  # someone named before


def _can_be_asked(view: SentenceView, i: int) -> bool:
    token = view.tok(i)
    if token.tag == "EX":
        return True  # "there should be proper research": asked of whoever can see to it
    if token.pos == "PRON":
        return token.text.lower() in _ASKED_PRONOUNS
    return is_agent(view, i)


def _told_stances(view: SentenceView, taken: set[int]) -> list[TriggerCandidate]:
    """A speech verb whose complement tells, unnegated, a stance (``STANCE_ENTRIES``): that
    someone did wrong (``_does_wrong``), an ACCUSE: "the U.S. said Iran is defying the
    Council", "Kyiv said Russian forces had committed war crimes"; that someone has a right
    (``_has_right``), a SUPPORT: "Washington said Israel had the right to defend itself";
    that a deed will meet a reprisal (``_meets_reprisal``), a THREATEN: "Iran said any attack
    would be met with a crushing response". Saying so is the stance; the speaker takes it
    towards the complement's subject (``stance_parties``), which an accusation or a
    support must name."""
    found = []
    for i in range(view.start, view.end):
        if i in taken or view.tok(i).lemma.lower() not in cues("speech"):
            continue
        entry = next((e for e in STANCE_ENTRIES if _takes_stance(view, i, e)), None)
        if entry is not None:
            found.append(TriggerCandidate((i,), entry, entry.type, entry.mode))
    return found


def _takes_stance(view: SentenceView, speech: int, entry: TriggerEntry) -> bool:
    if STANCE_ENTRIES[entry].names_party:
        return bool(stance_parties(view, speech, entry))
    return bool(_stance_clauses(view, speech, entry))


def _has_right(view: SentenceView, verb: int) -> bool:
    """Whether a told clause grants its subject a right ("had the right to defend itself")."""
    return view.tok(verb).lemma.lower() == "have" and any(
        view.tok(o).lemma.lower() == "right" for o in view.children(verb, "dobj")
    )


def _meets_reprisal(view: SentenceView, verb: int) -> bool:
    """Whether a told clause says a deed will be met with a reprisal (cue kind ``reprisal``):
    "any incursion would be met with force"."""
    return any(view.tok(o).lemma.lower() in cues("reprisal") for o in met_with(view, verb))


def _stance_clauses(view: SentenceView, speech: int, entry: TriggerEntry) -> list[int]:
    """The unnegated complements of a speech verb that tell the stance of ``entry``."""
    holds = STANCE_ENTRIES[entry].holds
    return [
        verb
        for comp in view.children(speech, "ccomp")
        for verb in view.with_conjuncts(comp)
        if holds(view, verb) and not view.children(verb, "neg")
    ]


def stance_parties(view: SentenceView, speech: int, entry: TriggerEntry) -> list[int]:
    """Subjects of the complements of a speech verb that tell the stance of ``entry``, but
    the speaker's own "I" or "we" (a confession is no accusation)."""
    return [
        c
        for verb in _stance_clauses(view, speech, entry)
        for s in view.children(verb, "nsubj")
        for c in view.with_conjuncts(antecedent(view, speech, s))
        if view.tok(c).text.lower() not in _FIRST_PERSON
    ]


_FIRST_PERSON = frozenset({"i", "we"})
# What one is when one did wrong: "said the opposition was responsible for the violence".
_CULPABLE = frozenset({"responsible", "guilty", "complicit", "culpable"})


# Verbs whose subject is the doer of their infinitive: "was trying to destabilise the region".
_ATTEMPTING = frozenset({"try", "seek", "attempt", "plot", "scheme", "aim", "continue", "keep"})
# What a verb's object makes of its subject: the one to blame ("bore responsibility for the
# crisis") or a danger ("posed a threat to regional stability").
_BLAME_OBJECTS = {
    "bear": frozenset({"responsibility", "blame"}),
    "carry": frozenset({"responsibility", "blame"}),
    "pose": frozenset({"threat", "danger", "risk", "menace"}),
}


def _does_wrong(view: SentenceView, verb: int) -> bool:
    """Whether a told clause says its subject did wrong: a verb of wrongdoing
    (wrongdoing_verbs.csv), also as what the subject tries to do ("was trying to
    destabilise the region"); harm a party or its deeds do (``_HARMING``); committing an
    offence ("had committed war crimes", cue kind ``offence``); being to blame ("was
    responsible for the violence", "was behind the attack", "bore responsibility for the
    crisis"); being a danger ("posed a threat")."""
    lemma = view.tok(verb).lemma.lower()
    if lemma in wrongdoing_verbs() or _offence_committed(view, verb):
        return True
    if lemma in _ATTEMPTING:
        return any(_does_wrong(view, x) for x in view.children(verb, "xcomp"))
    if lemma in _HARMING:
        return any(_party_or_its_deed(view, s) for s in view.children(verb, "nsubj"))
    if lemma in _BLAME_OBJECTS:
        # "posed no threat" blames no one
        objects = {
            view.tok(o).lemma.lower()
            for o in view.children(verb, "dobj")
            if not any(view.tok(d).lemma.lower() == "no" for d in view.children(o, "det"))
        }
        return bool(objects & _BLAME_OBJECTS[lemma])
    if lemma in _AMOUNTING and _names_an_offence(view, verb):
        return True  # "Israel's actions amounted to genocide", "the strike was a war crime"
    return lemma == "be" and (
        any(view.tok(a).lemma.lower() in _CULPABLE for a in view.children(verb, "acomp"))
        or any(view.tok(p).text.lower() == "behind" for p in view.children(verb, "prep"))
    )


# Verbs of harm, a wrong when a party or its deeds do it: "said the North's actions damaged
# peace and stability", "Pyongyang was endangering regional security"; not "the storm
# damaged homes" nor "the tariffs harmed exports".
_HARMING = frozenset({"damage", "harm", "jeopardize", "jeopardise", "endanger"})


def _party_or_its_deed(view: SentenceView, noun: int) -> bool:
    return is_agent(view, noun) or any(is_agent(view, p) for p in view.children(noun, "poss"))


# Verbs that say what a deed is: "amounted to genocide", "constitutes a war crime".
_AMOUNTING = frozenset({"be", "amount", "constitute"})


def _names_an_offence(view: SentenceView, verb: int) -> bool:
    """Whether the verb's complement is an offence (cue kind ``offence``): its attribute or
    object, or the object of its "to"."""
    named = view.children(verb, "attr", "dobj") + view.prep_objects(verb, "to")
    return any(view.tok(n).lemma.lower() in cues("offence") for n in named)


@functools.cache
def wrongdoing_verbs() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_rows("events/wrongdoing_verbs.csv"))


@dataclass(frozen=True, slots=True)
class Stance:
    """What a told clause must say of its subject for a speech verb to take a stance, and
    whether that subject must be a party: an accusation or a support is of someone, a
    threat of reprisal may name no one ("any attack would be met with force")."""

    holds: Callable[[SentenceView, int], bool]
    names_party: bool = True


# The stances a speech verb takes, by the entry each gives its event.
STANCE_ENTRIES: dict[TriggerEntry, Stance] = {
    CHARGE_ACCUSE: Stance(_does_wrong),
    RIGHT_SUPPORT: Stance(_has_right),
    REPRISAL_THREATEN: Stance(_meets_reprisal, names_party=False),
}


def _custody(view: SentenceView, taken: set[int]) -> list[TriggerCandidate]:
    """A COERCE: a verb that sends, takes or holds someone to or in a place of custody (cue
    kind ``custody``: prison, jail, custody, detention; "ordered Zamora back to prison", "was
    taken into custody", "remanded in custody"), or whose subject stays there (cue kind
    ``staying``: "who remain in Thailand's custody", "languishes in jail"; the subject is
    held). "died in prison" tells no detention."""
    found = []
    for i in range(view.start, view.end):
        if i in taken or view.tok(i).pos not in ("VERB", "AUX"):
            continue
        held = _acted_upon(view, i)
        if any(view.tok(h).lemma.lower() in artefact_nouns() for h in held):
            continue
        if not any(_bare_custody(view, prep) for prep in _destinations(view, i)):
            continue
        if held:
            found.append(TriggerCandidate((i,), CUSTODY_COERCE, "COERCE", "arrest"))
        elif view.tok(i).lemma.lower() in cues("staying") and view.children(i, "nsubj"):
            found.append(TriggerCandidate((i,), CUSTODY_HELD, "COERCE", "arrest"))
    return found


def custody_keepers(view: SentenceView, verb: int) -> list[int]:
    """Who holds someone in custody, when the text says whose custody it is ("remain in
    Thailand's custody")."""
    return [
        owner
        for prep in _destinations(view, verb)
        for o in view.children(prep, "pobj")
        for owner in view.children(o, "poss")
    ]


_CUSTODY_PREPS = frozenset({"to", "into", "in"})


def _destinations(view: SentenceView, verb: int) -> list[int]:
    """The verb's prepositions of place, and those of its "back" ("ordered him back to
    prison": the parser hangs "to prison" on "back")."""
    heads = [verb] + [
        a for a in view.children(verb, "advmod") if view.tok(a).text.lower() == "back"
    ]
    return [
        prep
        for head in heads
        for prep in view.children(head, "prep")
        if view.tok(prep).lemma.lower() in _CUSTODY_PREPS
    ]


def _bare_custody(view: SentenceView, prep: int) -> bool:
    """A place of custody named bare, as the idiom names it ("to prison", "into custody",
    "in jail"): "sent to the prison" may deliver a parcel."""
    return any(
        view.tok(o).lemma.lower() in cues("custody") and not view.children(o, "det")
        for o in view.children(prep, "pobj")
    )


def obliged_parties(view: SentenceView, speech: int) -> list[int]:
    """Subjects of the must/should complement of a speech verb: who is asked to act."""
    return [
        c
        for comp in _obligations(view, speech)
        for s in view.children(comp, "nsubj")
        for c in view.with_conjuncts(s)
    ]


def _obligations(view: SentenceView, speech: int) -> list[int]:
    """The complements of a speech verb that say what must or should be done (an
    obligation auxiliary: "said Libya must hand over the bombers"), not how someone should
    be, know or feel ("women should feel safe everywhere", "they should be aware that this
    is no threat", "voters shouldn't lose their right": a state, cue kind ``stative``, or a
    copula with its adjective), which asks no deed of anyone."""
    return [
        comp
        for comp in view.children(speech, "ccomp")
        if view.has_auxiliary([comp], cues("obligation")) and not _tells_a_state(view, comp)
    ]


def _tells_a_state(view: SentenceView, verb: int) -> bool:
    """A verb of state, or a copula with an adjective of state (cue kind ``stative``: "should
    be aware"; "must be ready to mediate", "must be clear and united in condemning" ask a
    deed)."""
    stative = cues("stative")
    if view.tok(verb).lemma.lower() in stative:
        return True
    adjectives = view.children(verb, "acomp")
    return view.tok(verb).lemma.lower() == "be" and any(
        view.tok(a).lemma.lower() in stative for a in adjectives
    )


def subordination(view: SentenceView, i: int) -> int:
    """How many adverbial, relative or purpose clauses the trigger sits in ("staged
    demonstrations to demand reforms": the demand is the purpose, the protest the event), at
    most two. Complements of speech verbs do not count: reported events are main events."""
    depth = 0
    current: int | None = i
    while current is not None:
        if view.tok(current).dep in ("advcl", "relcl", "acl"):
            depth += 1
        current = view.head(current)
    return min(depth, 2)


def is_event_noun(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` is a common noun the lexicon knows as a trigger."""
    token = view.tok(i)
    if token.pos not in ("NOUN", "PROPN") or token.ent_type:
        return False
    return bool(_noun_entries(view, i))


def _noun_entries(view: SentenceView, i: int) -> list[TriggerEntry]:
    """The lexicon's noun entries for token ``i`` (a hyphenated whole first)."""
    return [e for key in _lookup_keys(view, i) for e in trigger_lexicon().get((key, "NOUN"), ())]


def is_visit_word(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` has a lexicon entry of mode "visit" ("visit", "travel", "tour")."""
    keys = _lookup_keys(view, i)
    group = _POS_GROUP.get(view.tok(i).pos, "")
    return any(e.mode == "visit" for key in keys for e in trigger_lexicon().get((key, group), ()))


def _sends_off_envoys(view: SentenceView, i: int) -> bool:
    """Whether what verb ``i`` acts on names envoys or missions (cue kind ``envoy``):
    "expelled two US Embassy staff members", "diplomats expelled by the US" (the noun the
    verb describes, without the verb's own words)."""
    own = set(view.subtree(i))
    return any(
        view.tok(t).lemma.lower() in cues("envoy")
        for o in _acted_on(view, i, "of", ("pobj",), ("acl",))
        for t in view.subtree(o)
        if o in own or t not in own
    )


def _helps_someone(view: SentenceView, i: int) -> bool:
    """Whether verb ``i`` helps a party: with no clause after it, or one whose doer, or the
    verb's own object, is an agent ("help them transition", "helped Machado get citizenship"),
    or one that gives aid itself ("arrived to help deliver aid")."""
    clauses = view.children(i, "ccomp", "xcomp")
    if not clauses:
        return True
    helped = view.children(i, "dobj") + [s for c in clauses for s in view.children(c, "nsubj")]
    # a personal pronoun stands for whoever it refers to ("help them transition")
    return any(is_agent(view, h) or view.tok(h).tag == "PRP" for h in helped) or any(
        _gives_aid(view, c) for c in clauses
    )


# The ``requires`` values that are tests of the trigger's syntax, not words near it.
_SYNTACTIC_NEEDS = {
    HELD: _frees_the_held,
    OPPONENT: _fights_a_party,
    VOICED: _voiced,
    OF_ACTION: _warns_of_action,
    ADVICE: _advises_the_public,
    OF_DOING: _warns_of_doing,
    COMPACT: _leaves_a_compact,
    REGRETTED: lambda view, i: bool(_regretted(view, i)),
    OTHERS_DEED: _regrets_anothers_deed,
    CLAUSE: _clause_object,
    TO_DO: _told_to_do,
    NO_OBJECT: lambda view, i: not view.children(i, "dobj", "ccomp", "xcomp"),
    SOMEONE_HELPED: _helps_someone,
    INTRANSITIVE: lambda view, i: not view.children(i, "dobj"),
    SOME_OBJECT: lambda view, i: bool(
        view.children(i, "dobj", "nsubjpass", "ccomp")
        or any(view.tok(p).lemma.lower() == "with" for p in view.children(i, "prep"))
        # "the firearms troops seized", "weapons seized by police"
        or view.tok(i).dep in ("relcl", "acl")
        # "seized and inspected a vessel": the object the verbs share
        or any(view.children(c, "dobj") for c in view.children(i, "conj"))
    ),
    DIRECT_OBJECT: lambda view, i: bool(_acted_upon(view, i)),
    INFINITIVE: lambda view, i: any(view.to_infinitive(c) for c in view.children(i, "xcomp")),
    DEED_INFINITIVE: lambda view, i: any(
        view.to_infinitive(c) and (view.tok(c).lemma.lower(), "VERB") in trigger_lexicon()
        for c in view.children(i, "xcomp")
    ),
    AID_GIVEN: _gives_aid,
    BODY_OWNED: _body_owned,
    BARGAIN: lambda view, i: "bargain" in _object_kinds(view, i),
    FORCE_USED: lambda view, i: any(
        view.tok(o).lemma.lower() in ("force", "violence") and not view.children(o, "prep")
        for o in view.children(i, "dobj")
    ),
    PENALTY: lambda view, i: any(
        view.tok(o).lemma.lower() in cues("penalty")
        for o in _acted_on(view, i, "with", ("pobj",), ())
    ),
    AIMED: _aimed,
    BY_FORCE: lambda view, i: any(
        view.tok(s).lemma.lower() in cues("armed") for s in _subjects_counted(view, i)
    ),
    CROWD_WEAPON: lambda view, i: _names_crowd_weapon(view),
    BY_WEAPON: lambda view, i: _done_by(view, i, "projectile", "armed"),
    BY_PROTESTERS: lambda view, i: _done_by(view, i, "protester"),
    BY_POLICE: lambda view, i: _done_by(view, i, "police"),
    ENVOYS: _sends_off_envoys,
    OF_WORDS: lambda view, i: _fought_with_words(view, i),
    MEETING: lambda view, i: (
        not met_with(view, i) and not _object_kinds(view, i, ("fulfilled", "conveyance"))
    ),
    ACTIVE: lambda view, i: not view.children(i, "auxpass", "nsubjpass"),
    PEOPLE_OBJECT: lambda view, i: any(is_agent(view, o) for o in _acted_upon(view, i)),
    NO_RESULT: lambda view, i: (
        not (i + 1 < view.end and view.tok(i + 1).lemma.lower() in ("positive", "negative"))
    ),
    ARMED_OBJECT: _sends_forces,
    PARTY_OBJECT: lambda view, i: any(
        is_agent(view, o) and not is_count(view, o) for o in view.children(i, "dobj")
    ),
    NOT_BRIEFING: _meets_parties,
    NOT_COMMENT: lambda view, i: (
        not any(
            view.tok(c).lemma.lower() in cues("comment") for c in view.children(i, "xcomp", "dobj")
        )
    ),
    ASKING: lambda view, i: (
        not view.children(i, "auxpass", "nsubjpass")
        or any(is_agent(view, a) for a in view.agents(i))
    ),
    PHONED: lambda view, i: any(
        view.tok(o).lemma.lower() in _PHONES
        for o in view.prep_objects(i, "by", "over", "on", "via")
    ),
    TO_NAMED: lambda view, i: any(
        view.tok(o).pos == "PROPN" and not lexicon.is_media(view.np_text(o))
        for o in view.prep_objects(i, "to")
    ),
    ENDORSED: _endorses,
    WITH_PARTY: lambda view, i: any(is_agent(view, o) for o in view.prep_objects(i, "with")),
    GUEST: _hosts_guests,
    PLEDGED: _commits_means,
    PROPOSAL: _accepts_a_proposal,
    MUSTERED: _musters_forces,
    NOT_IN_BODY: lambda view, i: (
        not any(view.tok(o).ent_type == "ORG" for o in view.prep_objects(i, "in"))
    ),
    OF_TERRITORY: _invades_land,
    GATHERED: _breaks_up_a_gathering,
    OFFERED: _offers_cooperation,
    NO_OCCASION: lambda view, i: (
        not any(
            view.tok(o).ent_type in _OCCASIONS or view.tok(o).lemma.lower() in cues("guest")
            for o in view.children(i, "dobj")
        )
    ),
}


def _done_by(view: SentenceView, i: int, *kinds: str) -> bool:
    """Whether verb ``i``'s subject, what its subject counts ("hundreds of protesters") or
    its passive agent ("caught by police") is a word of one of the cue ``kinds``."""
    doers = _subjects_counted(view, i) + view.agents(i)
    return any(view.tok(s).lemma.lower() in cues(kind) for s in doers for kind in kinds)


def _names_crowd_weapon(view: SentenceView) -> bool:
    """Whether the sentence names a weapon or tactic of crowd control (two-word names read as
    a word and the word after it: "tear gas", "water cannons", "rubber bullets")."""
    words = [view.tok(i).lemma.lower() for i in range(view.start, view.end)]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return bool((set(words) | pairs) & cues("crowd_weapon"))
