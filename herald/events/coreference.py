"""events.coreference: one real event told several times in an article is one record.

News repeats its main event: the lede says "gunmen killed at least five people", the third
paragraph "the attackers killed more than 10 people", the quote "the attack was cowardly".
Coded mention by mention, the one attack becomes three records and every count an analyst
makes is inflated. Two mentions are taken for the same event when nothing tells them apart
and something ties them:

- apart: another type, or another mode unless both name the same target; another
  factuality (a planned, negated or historical mention is not the asserted one); dates of
  their own that do not overlap; places that differ; on either side, parties that share
  none (generic parties, "five people", "the attackers", never tell events apart, nor do a
  state and its organs: "Ankara testing", "Turkish F-16 jets ... to test");
- tied: a named party in common, the same town, the same date of its own, with no named
  party on either mention the same trigger word ("killed ... killed"), a later definite
  noun of the same word with no doer of its own ("launched a missile ... the missile
  launch"), or, for a deed, a later claim of it ("claimed responsibility for the attack").

A second pass runs once events have their places (``merge_placed_tolls``): a deed of force
told without its doer ("seven people were killed") that the place ladder puts in the same
town as an earlier deed of its type is that deed's toll. Before placing, such a mention has
nothing to tie it; the town the story is set in is what ties it.

The first mention (the lede, usually the fullest) stays; what it lacks (actor, recipient,
own date, place, mode) is taken from the mentions merged into it, its confidence is the
highest of them, a source named by a later mention replaces the publisher as who asserts
it, and each of them is kept in ``Event.mentions`` as a ``Telling``: its trigger, its own
modality and its own source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from herald.actors.lexicon import STATE_SECTORS
from herald.clean.language import content_words
from herald.events.plover import plover_types
from herald.events.roles import CLAIMED
from herald.events.when import own_time
from herald.records import ActorRef, Event, Telling, TimeValue
from herald.time.partial import bounds

# Tellings of what happened now: the lede asserts it, a later paragraph reports it through a
# source. A historical mention ("the biggest attack, in 2009, killed 25") is background, and
# another event even when nothing else tells them apart.
_FACTUAL = frozenset({"asserted", "reported"})


def merge_mentions(events: Sequence[Event]) -> list[Event]:
    """The events with later mentions of the same real event merged into the first."""
    return _merged(events, same_event)


def merge_placed_tolls(events: Sequence[Event]) -> list[Event]:
    """Once placed, a deed told without its doer ("seven people were killed") that the
    place ladder sets in the same town as an earlier deed of its type is that deed's toll."""
    return _merged(events, _toll_of)


def _merged(events: Sequence[Event], same: Callable[[Event, Event], bool]) -> list[Event]:
    """Each event merged into the first kept event ``same`` ties it to, else kept."""
    merged: list[Event] = []
    for event in events:
        for index, kept in enumerate(merged):
            if same(kept, event):
                merged[index] = _absorb(kept, event)
                break
        else:
            merged.append(event)
    return merged


def _toll_of(kept: Event, event: Event) -> bool:
    return (
        not event.actor
        and plover_types()[kept.type].quad == "material_conflict"
        and _same_town(kept, event)
        and same_event(kept, event)
    )


def same_event(first: Event, second: Event) -> bool:
    if first.type != second.type or not _same_factuality(first, second):
        return False
    if first.mode and second.mode and first.mode != second.mode and not _same_target(first, second):
        return False
    if not _dates_overlap(first.when, second.when) or not _places_agree(first, second):
        return False
    if _sides_differ(first.actor, second.actor) or _sides_differ(first.recipient, second.recipient):
        return False
    if _statement(first) and not (first.actor and second.actor):
        return False  # a statement is known by its speaker: without one, it may be anyone's
    if _statement(first) and not (_same_matter(first, second) or _elaborates(first, second)):
        return False
    named = [_named(e.actor) | _named(e.recipient) for e in (first, second)]
    unnamed = not (named[0] or named[1])
    return (
        bool(named[0] & named[1])
        or (
            same_word(first.trigger.text, second.trigger.text)
            and (unnamed or _one_country(first.actor, second.actor))
        )
        or _same_town(first, second)
        or (_own(first.when) is not None and _own(first.when) == _own(second.when))
        or _refers_back(first, second)
        or _retold(first, second)
    )


# What a claim of a deed says before naming it: "claimed responsibility for the attack",
# "for the hotel attack", "for Tuesday's bombing".
_CLAIM_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(CLAIMED))}) for (?:the |[\w-]+['\u2019]s )(?:[\w-]+ ){{0,2}}$"
)


def _refers_back(first: Event, second: Event) -> bool:
    """A deed claimed by name and article, with no date of its own ("al-Shabab claimed
    responsibility for the attack") is the deed told before: news claims what it reported.
    (Any definite mention, "condemned the bombing", was tried: it merged other deeds.)"""
    if not plover_types()[first.type].quad.startswith("material") or _own(second.when):
        return False
    before = second.evidence.sentence[: second.trigger.start - second.evidence.start].lower()
    return _CLAIM_BEFORE.search(before) is not None


def _retold(first: Event, second: Event) -> bool:
    """A definite noun of the first mention's word, with no doer nor date of its own,
    retells it: "North Korea launched a missile over Japan ... in response to the missile
    launch", not "the killing of 34 soldiers last week". (Any definite noun, of any word,
    merged other deeds.)"""
    if second.actor or _own(second.when) or not same_word(first.trigger.text, second.trigger.text):
        return False
    at = second.trigger.start - second.evidence.start
    before = second.evidence.sentence[:at].lower().split()[-3:]
    after = second.evidence.sentence[at + len(second.trigger.text) :].lower().split()[:3]
    return "the" in before and not _ANOTHER & {*before, *after}


# Words that set a deed beside one told before: "the arrest of another five people".
_ANOTHER = frozenset({"another", "other", "new", "second", "further", "more", "latest"})


def _same_target(first: Event, second: Event) -> bool:
    """Both name the same target: one attack told by its blast and by its gunmen ("attacked
    the hotel with an explosion, then gunmen stormed it") has two modes and one target."""
    names = [{party.name.lower() for party in e.recipient} for e in (first, second)]
    return bool(names[0] & names[1])


def _statement(event: Event) -> bool:
    """A verbal event other than a meeting or a legal act: something someone says (a demand,
    an accusation, a refusal, a promise). A meeting is known by its parties, place and day
    instead; a charge, an indictment or a lawsuit by whom it charges ("Joseph was charged
    with robbery ... He was also charged with kidnapping")."""
    return (
        event.type != "CONSULT"
        and "legal" not in event.contexts
        and plover_types()[event.type].quad.startswith("verbal")
    )


def _same_matter(first: Event, second: Event) -> bool:
    """Whether two statements speak of the same matter: their sentences share a content
    word besides their parties and triggers. One speaker makes many demands ("demanded an
    end to the hostilities" ... "urged the council to press the warring parties"); one
    demand retold names its matter again ("threatened tariffs" ... "the tariff threat")."""
    if same_word(first.trigger.text, second.trigger.text):
        return True  # "is endorsing Trump" ... "Cruz endorsed him": told again in its own word
    words = [_matter_words(e) for e in (first, second)]
    return any(same_word(a, b) for a in words[0] for b in words[1])


def _elaborates(first: Event, second: Event) -> bool:
    """A statement that names no one, by the named speaker of the statement just told, goes
    on with it: "Turnbull was quick to condemn the launch. 'This is another reckless,
    criminal act,' he said" is one condemnation, told and then quoted."""
    near = 0 <= second.evidence.start - first.evidence.end <= _ELABORATION_CHARS
    return near and not second.recipient and bool(_named(first.actor) & _named(second.actor))


# How far after a statement its speaker's words still go on with it: a sentence or two.
_ELABORATION_CHARS = 400


def _matter_words(event: Event) -> set[str]:
    sentence = event.evidence.sentence
    start = event.trigger.start - event.evidence.start
    sentence = sentence[:start] + sentence[start + len(event.trigger.text) :]
    parties = {w for p in (*event.actor, *event.recipient) for w in content_words(p.text or p.name)}
    return {w for w in content_words(sentence) if w not in parties and len(w) >= STEM}


STEM = 4  # letters two forms of one word share ("launch", "launches", "launched")


def same_word(first: str, second: str) -> bool:
    """The same word in another form ("killed", "killing"; "attack", "attacks")."""
    one, two = first.lower(), second.lower()
    return len(one) >= STEM and len(two) >= STEM and one[:STEM] == two[:STEM]


def _same_town(first: Event, second: Event) -> bool:
    """The same place finer than a country (a country hosts many events)."""
    return (
        first.where is not None
        and second.where is not None
        and first.where.feature != "country"
        and _places_agree(first, second)
    )


def _same_factuality(first: Event, second: Event) -> bool:
    return first.modality == second.modality or {first.modality, second.modality} <= _FACTUAL


def _own(when: TimeValue | None) -> str | None:
    """The value of a date the text gives the event (``events.when.own_time``)."""
    own = own_time(when)
    return own.value if own else None


def _dates_overlap(first: TimeValue | None, second: TimeValue | None) -> bool:
    one, two = bounds(_own(first)), bounds(_own(second))
    if one is None or two is None:
        return True
    return one[0] <= two[1] and two[0] <= one[1]


def _places_agree(first: Event, second: Event) -> bool:
    if first.where is None or second.where is None:
        return True
    return (first.where.name or first.where.text) == (second.where.name or second.where.text)


def _sides_differ(mine: Sequence[ActorRef], theirs: Sequence[ActorRef]) -> bool:
    """Both sides name someone particular and no one in common. A state and its organs
    ("Ankara testing", "Turkish F-16 jets ... to test") may be one side told in other words:
    they do not tell two events apart."""
    one, two = _specific(mine), _specific(theirs)
    return bool(one and two and not one & two) and not _one_country(mine, theirs)


def _one_country(mine: Sequence[ActorRef], theirs: Sequence[ActorRef]) -> bool:
    """Whether the two sides have a state or an organ of one state (government, forces,
    police, courts: not its rebels or its opposition, nor persons, since two persons of one
    country are two people and so may be their two statements)."""

    def codes(side: Sequence[ActorRef]) -> set[str]:
        return {
            p.country
            for p in side
            if p.country
            and p.kind != "person"
            and (p.kind == "country" or p.sector in STATE_SECTORS)
        }

    return bool(codes(mine) & codes(theirs))


def _specific(parties: Sequence[ActorRef]) -> set[str]:
    """Keys of the parties that are someone in particular: a known actor, a person, a place
    or a national group; "five people" or "the attackers" could be anyone of the story, and
    so could an armed group told by a common noun ("gunmen", "militants", "terrorists":
    sectors UAF and REB, no country, no name), which the actors stage follows through the
    article but the story may name later ("militants stormed the hotel ... al-Shabaab said
    it carried out the attack")."""
    return {
        party.actor_id or party.name.lower()
        for party in parties
        if (
            party.actor_id is not None
            or party.kind != "group"
            or party.country is not None
            or _names_one(party)
        )
        and not _unnamed_armed_group(party)
    }


def _unnamed_armed_group(party: ActorRef) -> bool:
    return party.country is None and (
        party.sector == "UAF"
        or (party.sector == "REB" and party.kind == "group" and _common_noun(party.text))
    )


def _common_noun(text: str) -> bool:
    """Words with no name in them: "militants", "the rebels", "Separatists" opening a
    sentence; not "Al-Shabab militants"."""
    words = text.split()
    return len(words) == 1 or not any(word[:1].isupper() for word in words)


def _names_one(party: ActorRef) -> bool:
    """A phrase the actors stage did not resolve whose words hold a name ("The Wall Street
    Journal newspaper"): one in particular. A capital first word may only open a sentence
    ("Separatists said ...")."""
    return any(word[:1].isupper() for word in party.text.split()[1:])


def _other_side(parties: Sequence[ActorRef], opposite: Sequence[ActorRef]) -> tuple[ActorRef, ...]:
    """The parties a later telling gives a side, but those the kept telling has on the other
    side: in a gunfight told as "Joseph was killed" and "he opened fire on a patrol", Joseph
    fires and is killed, and the record is his death, not an attack on himself."""
    taken = _named(opposite)
    return tuple(p for p in parties if p.actor_id is None or p.actor_id not in taken)


def _named(parties: Sequence[ActorRef]) -> set[str]:
    """The parties that name someone in particular: actors the actors stage knows."""
    return {party.actor_id for party in parties if party.actor_id is not None}


def _finer(kept: TimeValue | None, other: TimeValue | None) -> TimeValue | None:
    """The kept mention's date, unless the other gives one of its own that is finer ("in
    January" after "next year")."""
    mine, theirs = bounds(_own(kept)), bounds(_own(other))
    if theirs is None or (mine is not None and mine[1] - mine[0] <= theirs[1] - theirs[0]):
        return kept
    return other


@dataclass(frozen=True, slots=True)
class DatedMention:
    """A trigger with no party of its own that dates its deed ("the Feb. 27 deportations")."""

    type: str
    word: str
    when: TimeValue


def carry_dates(events: Sequence[Event], dated: Sequence[DatedMention]) -> list[Event]:
    """The events, each given the finer date a mention with no party of its own tells of it:
    the first event of the mention's type and word ("deported 40 Uyghurs last month ... the
    Feb. 27 deportations") whose own date holds the mention's. An event the text does not
    date takes none: the mention may be of another deed of its kind."""
    done = list(events)
    for mention in dated:
        for n, event in enumerate(done):
            if (
                event.type == mention.type
                and same_word(event.trigger.text, mention.word)
                and _holds(event.when, mention.when)
            ):
                done[n] = replace(event, when=_finer(event.when, mention.when))
                break
    return done


def _holds(outer: TimeValue | None, inner: TimeValue) -> bool:
    """Whether the event's own date holds the other date, which is finer."""
    wide, narrow = bounds(_own(outer)), bounds(_own(inner))
    if wide is None or narrow is None:
        return False
    return wide[0] <= narrow[0] <= narrow[1] <= wide[1] and narrow != wide


def telling(event: Event) -> Telling:
    """An event mention as one telling of another event."""
    trigger = event.trigger
    return Telling(trigger.text, trigger.start, trigger.end, event.modality, event.attribution)


def _doers(kept: Event, others: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """ "gunmen stormed a hotel ... al-Shabab claimed responsibility for the attack": a
    named doer told later says who the lede's unnamed one was."""
    if _specific(kept.actor) or not any(_named_doer(p) for p in others):
        return kept.actor
    return others


def _named_doer(party: ActorRef) -> bool:
    """A doer the text names: a state, an organization, a nation's people ("Syrian"), or
    words with a name in them ("Al-Shabab militants", "Jamshed Ajmal"); not "a civilian" or
    "the attackers"."""
    return (
        party.kind in ("country", "organization")
        or party.country is not None
        or (party.kind == "person" and party.text[:1].isupper())  # "Hussein"
        or not _common_noun(party.text)
    )


def _absorb(kept: Event, other: Event) -> Event:
    return replace(
        kept,
        actor=_doers(kept, _other_side(other.actor, kept.recipient)),
        recipient=kept.recipient or _other_side(other.recipient, kept.actor),
        when=_finer(kept.when, other.when),
        where=kept.where or other.where,
        mode=kept.mode or other.mode,
        contexts=tuple(dict.fromkeys((*kept.contexts, *other.contexts))),
        confidence=max(kept.confidence, other.confidence),
        mentions=(*kept.mentions, telling(other), *other.mentions),
        # who asserts it: a named source or outlet says more than the publisher alone
        attribution=other.attribution if kept.attribution.kind == "publisher" else kept.attribution,
    )
