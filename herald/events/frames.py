"""events.frames: triggers that frame other triggers, and protests that absorb their aims.

A verbal trigger whose complement holds another trigger frames it. For irrealis frames (AGREE,
CONCEDE, CONSULT, REQUEST, REJECT, THREATEN) the framed trigger is only promised, discussed,
asked, refused or threatened: it is not an event of its own but gives the frame its mode
("called for talks" = REQUEST meet) and, if the frame has none, its recipient. "discuss the
meeting" is therefore one CONSULT event. Factive frames (ACCUSE, SUPPORT: "condemned the
attack") keep both events. A demand or protest voiced in a protest's purpose clause is what
the protest is for: the protest absorbs it as well. So does a sanction that stops something
absorb the aid or cooperation it stops ("ceased military aid to Ukraine" is one SANCTION).
"""

from __future__ import annotations

import functools

import herald.actors.lexicon as lexicon
from herald.actors.lexicon import STATE_SECTORS
from herald.data_files import read_rows
from herald.events.modes import phrases_of
from herald.events.participants import is_outlet, phrase_sector
from herald.events.plover import cues, frame_mode, mode_cues, plover_types, trigger_lexicon
from herald.events.roles import BURDEN_PREPS, actorlike, purpose_like, unit_head
from herald.events.syntax import SentenceView
from herald.events.triggers import ASSAIL, MEASURE_TYPES, TriggerCandidate, artefact_nouns

_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "attr", "oprd", "acomp", "acl"})
_CONTENT_PREPS = frozenset({"for", "to", "of", "on", "about", "over", "against"})
_CONSULT_CONTENT_PREPS = frozenset({"about", "on", "over", "regarding"})
# Prepositions of content by framing type, where they differ from ``_CONTENT_PREPS``. A
# threat's harm may follow "with": "threatened the bloc with tariffs on cars" threatens the
# tariffs, which are no event of their own (the threat takes their mode).
_CONTENT_PREPS_OF = {"CONSULT": _CONSULT_CONTENT_PREPS, "THREATEN": _CONTENT_PREPS | {"with"}}
_TIME_ENTS = frozenset({"DATE", "TIME"})
# The deeds that absorb the aims stated in their purpose clause, and those aims (see
# attach_aims): a protest what it demands or protests, a gift of aid the support or help
# it is given for.
_AIMS_OF = {
    "PROTEST": frozenset({"REQUEST", "PROTEST", "ACCUSE"}),
    "AID": frozenset({"SUPPORT", "AID"}),
    "MOBILIZE": frozenset({"SUPPORT", "AID"}),
}
# Deeds that are aid when done to support or help someone: troops sent to support a
# government are military aid (CAMEO 072), not a show of force.
_AID_WHEN_AIMED = frozenset({"AID", "MOBILIZE"})
# Types that give way, and the measures they can lift ("lifted the curfew", "eased sanctions").
_YIELDING = frozenset({"CONCEDE", "RETREAT"})
_OPPOSING = frozenset({"oppose", "opposed", "opposition"})


def apply_frames(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """Link each trigger to the narrowest framing trigger whose complement holds it; an
    irrealis frame then takes mode and recipient from the first trigger it frames."""
    _type_oppositions(view, found)
    _type_retribution(view, found)
    _type_verbal_attacks(view, found)
    _type_state_obstructions(view, found)
    _type_signed_accords(view, found)
    _type_riots(view, found)
    framing = [c for c in found if plover_types()[c.type].embeds in ("irrealis", "factive")]
    zones = {id(c): _content_zone(view, c) for c in framing}
    for inner in found:
        holders = [f for f in framing if f is not inner and inner.head in zones[id(f)]]
        if not holders:
            continue
        frame = min(holders, key=lambda f: len(zones[id(f)]))
        inner.framed_by = frame
        frame.framed.append(inner)
    for frame in framing:
        if frame.framed and plover_types()[frame.type].embeds == "irrealis":
            _take_from_content(view, frame, frame.framed[0])
        elif frame.type == "THREATEN" and frame.roles is not None and not frame.roles.recipients:
            frame.roles.recipients = _threatened(view, zones[id(frame)], frame.roles.actors)
        elif frame.framed and frame.type == "ACCUSE":
            _accuse_the_doer(frame, frame.framed[0])


def _accuse_the_doer(frame: TriggerCandidate, content: TriggerCandidate) -> None:
    """An accusation that names no one accuses the doer of the deed it tells: "warned that
    the administration is brushing aside the workers" accuses the administration."""
    if frame.roles is None or content.roles is None or frame.roles.recipients:
        return
    frame.roles.recipients = [a for a in content.roles.actors if a not in frame.roles.actors]


# What an accord signed or ratified can be about, typed by its words: aid, cooperation, a
# ceasefire. Signing any other accord stays the endorsement the lexicon gives the verb.
_ACCORD_KINDS = frozenset({"AID", "COOPERATE", "RETREAT"})


def _type_signed_accords(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """Signing or ratifying an accord whose words name aid, cooperation or a ceasefire is
    that deed agreed on: "signed a billion dollar aid package" (AID), "ratified a
    cooperation agreement" (COOPERATE), "signed a ceasefire" (RETREAT)."""
    for candidate in found:
        signing = view.tok(candidate.head).lemma.lower() in cues("signing")
        if candidate.type != "SUPPORT" or view.tok(candidate.head).pos != "VERB" or not signing:
            continue
        for accord in view.children(candidate.head, "dobj"):
            kind = _accord_kind(view, accord)
            if kind is not None:
                candidate.type, candidate.mode = kind
                break


def _accord_kind(view: SentenceView, accord: int) -> tuple[str, str | None] | None:
    """The deed an accord's head noun or its noun modifiers name, of ``_ACCORD_KINDS``."""
    words = [accord, *view.children(accord, "compound", "amod")]
    for word in words:
        for entry in trigger_lexicon().get((view.tok(word).lemma.lower(), "NOUN"), ()):
            if entry.type in _ACCORD_KINDS and not entry.requires:
                return entry.type, entry.mode
    return None


def _threatened(view: SentenceView, zone: set[int], actors: list[int]) -> list[int]:
    """Whom a threat whose harm is no event of the lexicon is aimed at: the named party its
    complement's act falls on ("warned it will keep up maximum pressure on Iran", "warned
    that it would hunt down the militants"), not the reprisal itself ("would be met with
    force")."""
    return [
        i
        for i in sorted(zone)
        if i not in actors
        and actorlike(view, i)
        and view.tok(i).lemma.lower() not in cues("reprisal")
        and view.tok(i).pos != "PRON"
        and (view.tok(i).dep == "dobj" or _burdened(view, i))
    ]


def _burdened(view: SentenceView, i: int) -> bool:
    """Token ``i`` is the object of a preposition a burden falls through ("on Iran")."""
    prep = view.head(i)
    return (
        view.tok(i).dep == "pobj"
        and prep is not None
        and view.tok(prep).lemma.lower() in BURDEN_PREPS
    )


def _type_oppositions(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """What is opposed decides the event: a deed of force ("opposes ballistic missile
    launches", "opposed the sanctions") is disapproved of, an ACCUSE that keeps the deed as
    its own event; a proposal, demand or plan ("opposes the bill") is rejected, a REJECT."""
    for candidate in found:
        if candidate.type != "REJECT" or candidate.entry.lemma not in _OPPOSING:
            continue
        zone = _content_zone(view, candidate)
        deeds = [c for c in found if c is not candidate and c.head in zone]
        if any(plover_types()[c.type].quad == "material_conflict" for c in deeds) or _arms(
            view, zone
        ):
            candidate.type, candidate.mode = "ACCUSE", None


def _type_state_obstructions(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """Blocking is a protest by the people who block a road, but blocking a bill, a law,
    an order or a lawsuit rejects it, whoever does it, a REJECT ("the Senate blocked the
    bill", "Republicans sued to block the governor's order"), as does a legislature or a
    court blocking anything; a state that blocks anything else restricts, a COERCE ("Iran
    blocked the use of Telegram", "the government blocked access to the site")."""
    for candidate in found:
        if candidate.type != "PROTEST" or candidate.mode != "obstruct" or candidate.roles is None:
            continue
        organs = [_state_organ(view, actor) for actor in candidate.roles.actors]
        blocked = view.children(candidate.head, "dobj", "nsubjpass")
        measure = any(view.tok(b).lemma.lower() in cues("abstraction") for b in blocked)
        if not measure and not any(organs):
            continue
        if measure or all(organ in _DECIDING for organ in organs):
            candidate.type, candidate.mode = "REJECT", None
        else:
            candidate.type, candidate.mode = "COERCE", "restrict"


_DECIDING = frozenset({"LEG", "JUD"})  # what a legislature or a court blocks it rejects


def _state_organ(view: SentenceView, i: int) -> str | None:
    """The sector of a country ("Iran": GOV) or of an organ of a state ("the government",
    "the Senate", "police"), else None."""
    if view.tok(i).ent_type == "GPE":
        return "GOV"
    sector = phrase_sector(view, i)
    if sector is None:
        body = lexicon.organization_for(view.parsed.span_text(*view.np_span(i)))
        sector = body.sector if body is not None else None
    return sector if sector in STATE_SECTORS else None


def _type_verbal_attacks(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """An attack in words is an ACCUSE: on a news outlet, a made thing or an idea ("attacked
    The Wall Street Journal", "attacked the report", "attacks on his policy"), said to be
    in words ("personal attacks", "attacked him in tweets"), for what its target does or says
    ("attacked the newspaper for refusing to support his plans"), as what it calls the target
    ("pounding Trump as a con artist"), or between named persons
    ("the clash between Trump and Zelenskyy")."""
    for candidate in found:
        if candidate.type != "ASSAULT" or view.tok(candidate.head).lemma.lower() not in ASSAIL:
            continue
        # "attacks on his policy": a noun's target is its "on" or "against" phrase
        objects = view.children(candidate.head, "dobj") + view.prep_objects(
            candidate.head, "on", "against", "upon"
        )
        verbal = (
            any(_said_or_printed(view, o) or _abstract(view, o) for o in objects)
            or _in_words(view, candidate.head)
            or any(
                (view.tok(p).lemma.lower() == "for" and view.children(p, "pcomp"))
                # "pounding Trump as a con artist": a judgement of what the target is
                or view.tok(p).lemma.lower() == "as"
                for p in view.children(candidate.head, "prep")
            )
            or _between_persons(view, candidate)
        )
        if verbal:
            candidate.type, candidate.mode = "ACCUSE", "disapprove"


# Words before an attack that say it is made in words ("personal attacks", "a media attack").
_VERBAL_MODIFIERS = frozenset({
    "verbal", "personal", "rhetorical", "media", "information", "propaganda", "smear",
})  # fmt: skip
# Prepositions that set an attack in a speech, a post or an ad ("attacked Machado in tweets",
# "attacked him on Twitter", "during the debate").
_IN_WORDS = frozenset({"in", "on", "during", "via"})


def _in_words(view: SentenceView, attack: int) -> bool:
    """Whether the attack is said to be made in words: by a modifier ("personal attacks",
    "an information attack") or by the utterance it is made in ("attacked Machado in
    early-morning tweets", "attacked him in a speech", "on Twitter")."""
    modifiers = view.children(attack, "amod", "compound")
    if any(view.tok(m).text.lower() in _VERBAL_MODIFIERS for m in modifiers):
        return True
    # a noun's "on" phrase is its target ("an attack on a news conference")
    preps = _IN_WORDS if view.tok(attack).pos == "VERB" else _IN_WORDS - {"on"}
    media = view.prep_objects(attack, *preps)
    media += [o for m in media for o in view.prep_objects(m, "of")]  # "a series of tweets"
    return any(view.tok(o).lemma.lower() in _spoken() or is_outlet(view, o) for o in media)


@functools.cache
def _spoken() -> frozenset[str]:
    """What words are said in: utterances (cue kind ``utterance``), posts, debates, ads."""
    return cues("utterance") | {"twitter", "debate", "ad", "op-ed", "column"}


def _between_persons(view: SentenceView, candidate: TriggerCandidate) -> bool:
    """A clash between named persons on both sides ("the Oval Office clash between Trump
    and Zelenskyy") is a quarrel: armies, police and crowds clash in arms, named people
    in words."""
    roles = candidate.roles
    if roles is None:
        return False
    kinds = [view.tok(t).ent_type for t in (*roles.actors, *roles.recipients)]
    # a country beside them is the leaders' own ("the clash between U.S. President Trump ...")
    return kinds.count("PERSON") >= 2 and all(k in ("PERSON", "GPE") for k in kinds)


def _abstract(view: SentenceView, noun: int) -> bool:
    """An idea, a law or a policy (cue kind ``abstraction``): "attacks on his policy", "an
    attack on the rule of law" are made in words. The lemmatizer makes military "bases" a
    "basis", which is left out."""
    return view.tok(noun).lemma.lower() in _ideas()


@functools.cache
def _ideas() -> frozenset[str]:
    return cues("abstraction") - {"basis"}


def _said_or_printed(view: SentenceView, noun: int) -> bool:
    """A news outlet or a made thing (a report, a statement): nothing a weapon attacks."""
    return view.tok(noun).lemma.lower() in artefact_nouns() or is_outlet(view, noun)


def _type_riots(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """Force used by protesters, rioters or a mob is a violent protest, PLOVER's PROTEST
    riot (CAMEO 145): "protesters threw rocks at the police", "set ablaze by an angry mob".
    Force used on them, or by armed men beside them, stays an ASSAULT; but a clash is fought
    by both sides, and one with protesters is their violent protest whichever side the
    sentence names first ("police clashed with hundreds of protesters"), as ACLED codes a
    violent demonstration: the protesters act, the side they clash with is its recipient."""
    rioting = cues("protester") | cues("mob")
    for candidate in found:
        if candidate.type != "ASSAULT" or candidate.roles is None or not candidate.roles.actors:
            continue
        roles = candidate.roles
        if all(view.tok(a).lemma.lower() in rioting for a in roles.actors):
            candidate.type, candidate.mode = "PROTEST", "riot"
        elif view.tok(candidate.head).lemma.lower() in _MUTUAL_FIGHTS:
            sides = roles.actors + roles.recipients
            protesters = [p for p in sides if view.tok(p).lemma.lower() in rioting]
            if protesters:
                candidate.type, candidate.mode = "PROTEST", "riot"
                roles.actors = protesters
                roles.recipients = [p for p in sides if p not in protesters]


# Fights that both sides fight.
_MUTUAL_FIGHTS = frozenset({"clash", "scuffle", "brawl", "skirmish"})


def _type_retribution(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """A promise of retribution is a threat: "vowed to punish", "vowed an ironclad
    response", "pledged revenge" (retribution_words.csv) are THREATENs, not AGREEs."""
    for candidate in found:
        if candidate.type != "AGREE":
            continue
        zone = _content_zone(view, candidate)
        if any(view.tok(t).lemma.lower() in retribution_words() for t in zone):
            candidate.type, candidate.mode = "THREATEN", None


@functools.cache
def retribution_words() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_rows("events/retribution_words.csv"))


def _arms(view: SentenceView, zone: set[int]) -> bool:
    """Whether a phrase names weapons of war ("opposed North Korea's use of ballistic
    missiles"): the mode cues of an assault (plover_mode_cues.csv) name them."""
    return any(
        cue.type == "ASSAULT"
        for phrase in phrases_of(view, sorted(zone))
        for cue in mode_cues().get(phrase, ())
    )


def _content_zone(view: SentenceView, candidate: TriggerCandidate) -> set[int]:
    """Tokens of the complement of a framing trigger (what is promised, asked, discussed)."""
    zone: set[int] = set()
    owners = list(candidate.unit)
    if candidate.roles is not None and candidate.roles.path == "light":
        governor = view.head(candidate.head)
        if governor is not None:
            owners.append(governor)
    preps = _CONTENT_PREPS_OF.get(candidate.type, _CONTENT_PREPS)
    deps = {"dobj"} if candidate.type == "CONSULT" else _CONTENT_DEPS
    if plover_types()[candidate.type].embeds == "irrealis":
        # what is promised, asked or lifted can be the passive's subject: "a ceasefire was
        # agreed", "sanctions on Iran were lifted"; what is praised or condemned keeps its
        # own events ("the killings should be recognized as intolerable")
        deps = deps | {"nsubjpass"}
    for owner in owners:
        for child in view.children(owner):
            dep = view.tok(child).dep
            if child in candidate.unit:
                continue
            # "to stop" hung as an adverbial clause ("committed ... to stop all attacks"):
            # after a framing verb it is what is promised or asked, as an xcomp would be
            infinitive = (
                dep == "advcl" and candidate.type != "CONSULT" and view.to_infinitive(child)
            )
            if dep in deps or infinitive or (dep == "prep" and _content_prep(view, child, preps)):
                zone |= _without_side_clauses(view, child)
    for clause in _detached_content(view, candidate):
        zone |= _without_side_clauses(view, clause)
    return zone


def _detached_content(view: SentenceView, candidate: TriggerCandidate) -> list[int]:
    """The "that" clause of a demand, promise or threat named by a noun that the parser hung
    on the verb whose object the noun is, when a word came between them: "renewed its demand
    yesterday that Russia withdraw its troops"."""
    noun = candidate.head
    verb = view.head(noun)
    if view.tok(noun).pos != "NOUN" or view.tok(noun).dep != "dobj" or verb is None:
        return []
    if plover_types()[candidate.type].embeds != "irrealis":
        # a charge or praise keeps its events: "denied charges by the Government that the
        # party had acted recklessly in refusing" is no charge of refusing
        return []
    return [
        clause
        for clause in view.children(verb, "ccomp", "advcl")
        if clause > noun
        and any(view.tok(m).lemma.lower() == "that" for m in view.children(clause, "mark"))
    ]


# Subordinators of a clause that tells something else going on (a time, a cause, a
# contrast), not part of what is asked, promised or warned: "warned that it will keep up the
# pressure, as Tehran rejected its offer". "if" stays: a condition belongs to the threat.
_SIDE_MARKS = frozenset(
    {"as", "while", "when", "whereas", "after", "before", "because", "since", "although", "though"}
)


def _without_side_clauses(view: SentenceView, top: int) -> set[int]:
    """The subtree of ``top`` without the adverbial clauses, with subjects of their own, that
    a side subordinator opens."""
    tokens = set(view.subtree(top))
    for i in list(tokens):
        if (
            view.tok(i).dep == "advcl"
            and view.children(i, "nsubj", "nsubjpass")
            and any(view.tok(m).lemma.lower() in _SIDE_MARKS for m in view.children(i, "mark"))
        ):
            tokens -= set(view.subtree(i))
    return tokens


def _content_prep(view: SentenceView, prep: int, preps: frozenset[str]) -> bool:
    """A preposition that introduces content ("talks on trade"), not a time ("on Monday")."""
    if view.tok(prep).lemma.lower() not in preps:
        return False
    return not any(view.tok(o).ent_type in _TIME_ENTS for o in view.children(prep, "pobj"))


def _take_from_content(
    view: SentenceView, frame: TriggerCandidate, content: TriggerCandidate
) -> None:
    """Mode (and for lifting sanctions, type) and a missing recipient from the framed
    event."""
    if frame.entry.mode is None:
        changed = frame_mode(frame.type, content.type, content.mode)
        if changed is not None:
            frame.type, frame.mode = changed
    if _accedes(view, frame, content):
        frame.type, frame.mode = "CONCEDE", None
    if frame.type == "CONCEDE" and _undoes(frame, content) and "military" in content.entry.contexts:
        # lifting a blockade is a military de-escalation, which has material consequences
        # at once: a RETREAT (CAMEO 087), not a promise
        frame.type = "RETREAT"
    if _vows_harm(view, frame, content):
        frame.type, frame.mode = frame_mode("THREATEN", content.type, content.mode) or (
            "THREATEN",
            None,
        )
    if frame.roles is None or content.roles is None:
        return
    if frame.type == "THREATEN" and not frame.roles.actors and content.type in MEASURE_TYPES:
        # "the threat of U.S. sanctions": who would impose the measure threatens it (a
        # warning of a missile launch is no threat by who launches it)
        frame.roles.actors = list(content.roles.actors)
    if frame.roles.recipients:
        return
    if frame.type == "CONSULT":
        return  # the parties to a talk are not those of its topic
    if _undoes(frame, content):
        # "Saudi Arabia lifted its blockade of Yemen", "UN sanctions on Iran were lifted":
        # who lifts a measure lifts it from whom it fell on, and is who imposed it when the
        # text names nobody else
        frame.roles.recipients = [
            r for r in content.roles.recipients if r not in frame.roles.actors
        ]
        if not frame.roles.actors:
            frame.roles.actors = list(content.roles.actors)
        return
    # a pronoun among the content's actors ("insisted on its demands") is the frame's actor
    others = [
        a for a in content.roles.actors if a not in frame.roles.actors and view.tok(a).pos != "PRON"
    ]
    if frame.type == "REQUEST" and content.mode == "release":
        # a demand for a captive's release is made of whoever holds them, not of the captive
        frame.roles.recipients = others
        return
    frame.roles.recipients = others or [
        r for r in content.roles.recipients if r not in frame.roles.actors
    ]


# Deeds of force that a commitment to do them makes a threat.
_HARMS = frozenset({"ASSAULT", "COERCE", "SANCTION"})


# Verbs that keep a deed going: a vow to keep it up vows the deed.
_KEPT_UP = frozenset({"continue", "keep", "resume"})


def _vows_harm(view: SentenceView, frame: TriggerCandidate, content: TriggerCandidate) -> bool:
    """A commitment whose own complement verb or object is a deed of force ("Hamas vowed to
    attack Israel", "promised to impose sanctions", "promised arrests"): PLOVER's AGREE is
    an intent to cooperate; an intent to harm is a THREATEN. Only the complement's verb
    itself (or a light verb's object): "pledged to stop the fighting" does not vow the
    fighting."""
    if frame.type != "AGREE" or content.type not in _HARMS:
        return False
    if view.tok(content.head).dep == "dobj" and view.head(content.head) == frame.head:
        return True  # the harm itself is what is vowed: "promised arrests", "vowed strikes"
    verb = content.head
    if content.roles is not None and content.roles.path == "light":
        verb = view.head(content.head) or verb  # "promised to impose sanctions"
    # "vowed to continue fighting": what is kept up is what is vowed
    while view.tok(verb).dep == "xcomp" and view.tok(view.head(verb)).lemma.lower() in _KEPT_UP:
        verb = view.head(verb)
    return view.tok(verb).dep == "xcomp" and view.head(verb) == frame.head


def _accedes(view: SentenceView, frame: TriggerCandidate, content: TriggerCandidate) -> bool:
    """Agreeing to what another side demands is giving in to it, PLOVER's CONCEDE (CAMEO 08,
    yield): "accepted the protesters' demands", "agreed to all demands". A demand for talks
    or help agreed to is an agreement to meet or help, and a frame whose content is its own
    asking ("agreed to call for a meeting") asks jointly: both stay AGREE."""
    return (
        frame.type == "AGREE"
        and content.type == "REQUEST"
        and view.tok(content.head).pos == "NOUN"
        and not any(asked.type in _MEETING_OR_HELP for asked in content.framed)
    )


_MEETING_OR_HELP = frozenset({"CONSULT", "AGREE", "AID", "COOPERATE", "SUPPORT"})


def _undoes(frame: TriggerCandidate, content: TriggerCandidate) -> bool:
    """A concession or retreat whose content is a measure of force or restriction: it
    lifts that measure."""
    return frame.entry.type in _YIELDING and content.type in MEASURE_TYPES


def attach_aims(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """A demand or protest voiced in the purpose or manner clause of a protest ("staged
    demonstrations to demand reforms", "blocked roads, demanding that ...") is what the
    protest is for, not an event of its own: the protest absorbs it. So does aid given to
    support or help someone ("provided $1.7 billion in assistance to support Syrian
    refugees", "donated equipment to help Kenya fight the epidemic"): one AID, to those it
    supports when it names no one else; and forces sent to support someone are aid ("send
    troops to Libya to support its government")."""
    for holder in found:
        if holder.type not in _AIMS_OF or holder.roles is None:
            continue
        verb = holder.head if holder.roles.path == "verb" else view.head(holder.head)
        if verb is None:
            continue
        for aim in found:
            if aim is not holder and aim.framed_by is None and _aim_of(view, holder, aim, verb):
                aim.framed_by = holder
                holder.framed.append(aim)
                if holder.type in _AID_WHEN_AIMED:
                    holder.type, holder.mode = "AID", None
                if holder.type == "AID" and not holder.roles.recipients and aim.roles is not None:
                    holder.roles.recipients = list(aim.roles.recipients)


def _aim_of(view: SentenceView, holder: TriggerCandidate, aim: TriggerCandidate, verb: int) -> bool:
    """Whether ``aim`` is what ``holder`` is done for: a type the holder absorbs, told in a
    purpose or manner clause of the holder's verb or noun (for aid, a to-infinitive)."""
    anchor = unit_head(view, aim.unit)
    return (
        aim.type in _AIMS_OF[holder.type]
        and view.tok(anchor).dep in ("advcl", "xcomp", "acl", "relcl")
        and purpose_like(view, anchor)
        and view.head(anchor) in (verb, holder.head)
        and (holder.type not in _AID_WHEN_AIMED or view.to_infinitive(anchor))
    )


def attach_stopped(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """The aid, cooperation or talks that a discontinuing or withdrawing sanction stops
    ("ceased military aid", "froze cooperation with Niger", "suspended intelligence
    sharing", "ended the talks") are what it stops, not events of their own: the sanction
    absorbs them."""
    for stopper in found:
        if stopper.type != "SANCTION" or stopper.mode not in _STOPPING or stopper.roles is None:
            continue
        stopped = {t for o in view.children(stopper.head, "dobj") for t in view.subtree(o)}
        for inner in found:
            if inner.framed_by is None and inner.head in stopped and _cooperative(inner):
                inner.framed_by = stopper
                stopper.framed.append(inner)


_STOPPING = frozenset({"discontinue", "withdraw"})


def _cooperative(candidate: TriggerCandidate) -> bool:
    return plover_types()[candidate.type].quad.endswith("cooperation")


def absorbed(candidate: TriggerCandidate) -> bool:
    """Whether the trigger lives on only inside its frame (irrealis), protest (aim) or the
    sanction that stops it."""
    frame = candidate.framed_by
    if frame is None:
        return False
    # a concession that what it lifts made a retreat ("lifted the sanctions") still holds
    # what it lifts
    return (
        plover_types()[frame.type].embeds == "irrealis"
        or _undoes(frame, candidate)
        or frame.type in _AIMS_OF
        or frame.type == "SANCTION"
    )
