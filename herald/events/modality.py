"""Modality of an event mention: asserted, planned, hypothetical, negated, reported, historical.

A pure function of the parse around the trigger, the event's governing time expression,
the publication date and the attribution. Cue words come from ``herald/data/events/event_cues.csv``.

Precedence when several cues meet (one value per event): negated > hypothetical > planned >
historical by its own date > reported > historical as backstory > asserted. Why: "will not
meet" is first of all not a meeting; a "could" or "if" makes a plan uncertain; a plan
reported by another outlet is still a plan (the attribution field keeps who said it); a
recent event reported by someone else is "reported" because its truth rests on that source,
but one the text dates more than a month back is background whoever tells it ("told jurors
he was arrested in July 2022"): the analyst filtering out history wants it gone.

Reported, beyond another outlet or an anonymous source: a hedge on the event ("reportedly",
"the alleged attack"); the complement of a doubting verb ("alleged", "suggested"); the
complement of a plain claim verb ("said", "told") when it tells of a past act of someone
other than the speaker. Hypothetical also covers capability ("capable of striking"), generic
infinitives ("it is irresponsible to blame"), the consequence of an "if"/"unless" clause
and questions ("Should Taiwan upgrade its forces?": an interviewer asks, nobody acts).
"""

from __future__ import annotations

import datetime as dt
import itertools

from herald.events.plover import cues, plover_types, trigger_lexicon
from herald.events.syntax import SentenceView, scheme_of
from herald.events.when import own_time
from herald.records import Attribution, Modality, ParsedText, TimeValue
from herald.time.partial import Bounds, bounds

HISTORICAL_DAYS = 30  # older than this before publication counts as historical

# Links climbed from the trigger to the verbs whose auxiliaries and meaning scope over it.
_NOUN_UP = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "conj",
                      "pcomp", "appos", "npadvmod", "oprd", "acomp"})  # fmt: skip
_VERB_UP = frozenset({"xcomp", "conj", "auxpass", "aux", "pcomp"})
_CONDITIONS = frozenset({"if", "unless"})
_TIME_CLAUSE_MARKS = frozenset({"before", "after", "until", "till", "when", "once", "as"})
# "would" in what someone said: the tense of "will" moved back by the past speech verb.
_FUTURE_IN_PAST = frozenset({"would", "'d"})
# Links climbed from a clause to the clause that embeds it, looking for a speech verb.
_CLAUSE_UP = frozenset({"ccomp", "advcl", "xcomp", "acomp", "conj"})


def modality_of(
    parsed: ParsedText,
    trigger: int,
    *,
    when: TimeValue | None = None,
    published: TimeValue | None = None,
    attribution: Attribution | None = None,
    view: SentenceView | None = None,
    threat: bool = False,
) -> Modality:
    """The modality of the event whose trigger is token ``trigger``; ``threat``: the trigger
    threatens, and a condition hung on a threat made is its terms ("warned Washington of
    consequences if it imposed sanctions" is a threat made, on a condition), not a doubt that
    it was made."""
    view = view or SentenceView.of(parsed, parsed.tokens[trigger].sent)
    chain = scope_chain(view, trigger)
    words = _cue_words(view, trigger, chain)
    odds = _odds_given(view, chain)
    if (
        _negation_cues(view, trigger, chain)
        or _has_negative_argument(view, trigger)
        or _avoided(view, trigger)
        or _instead(view, chain)
        or odds == "negated"
    ):
        return "negated"
    doubts = words & cues("hypothetical")
    # a threat to come ("if Russia invades, NATO will threaten sanctions") is on a condition
    made_threat = threat and not words & cues("planned")
    future_in_past = bool(doubts) and doubts <= _FUTURE_IN_PAST and _reported_future(view, chain)
    hypothetical = (
        (doubts and not future_in_past)
        or odds == "hypothetical"
        or _has_condition(view, _terms_held(view, chain) if made_threat else chain)
        or in_condition(view, trigger)
        or _asks(view)
        or _inverted(view, chain)
        or _can_do(view, trigger)
        or _commanded(view, trigger)
        or _obliged(view, chain)
        or _deliberated(view, chain)
        or _wished(view, chain)
        or _foreseen(view, chain)
    )
    if (
        hypothetical
        or _is_generic_infinitive(view, chain)
        or _power_to_act(view, chain)
        or _names_any(view, chain)
    ):
        return "hypothetical"
    planned = future_in_past or _is_planned(view, chain, words)
    later = is_after(when, published) and not _told_past_on_next_day(view, chain, when, published)
    if planned or later or _in_time_clause_of_plan(view, chain):
        return "planned"
    if _long_before(when, published):
        return "historical"  # dated long ago: background, whoever tells it
    if attribution is not None and attribution.kind in ("outlet", "anonymous_source"):
        return "reported"
    if _has_reported_cue(view, chain) or _third_party_claim(view, chain) or _imputed(view, chain):
        return "reported"
    if _is_backstory(view, chain, when, attribution):
        return "historical"
    return "asserted"


# A negation with these says someone will not cooperate (a refusal), not that nothing happened.
_REFUSING = frozenset({"will", "wo", "shall", "no longer", "no more", "refuse", "decline"})


def is_refusal(view: SentenceView, trigger: int) -> bool:
    """ "will not send troops", "will no longer recognize", "refused to release the
    prisoners", "declined to attend the talks", "said it would not negotiate", "is not going
    to attend": a negated commitment, which the PLOVER manual codes as REJECT (the refusal)
    rather than as a negated cooperation."""
    chain = scope_chain(view, trigger)
    words = _cue_words(view, trigger, chain)
    # "said it would not negotiate with terrorists": "will" moved back by the speech verb
    # (what is refused is the trigger's own deed, not one its subject names: "said praise
    # from Putin would not affect his policy")
    reported = (
        bool(words & _FUTURE_IN_PAST)
        and _reported_future(view, chain)
        and not any(view.tok(i).dep in ("nsubj", "nsubjpass") for i in chain)
    )
    refusing = bool(words & _REFUSING) or reported or _going_to(view, trigger, chain)
    return bool(_negation_cues(view, trigger, chain)) and refusing


def _going_to(view: SentenceView, trigger: int, chain: list[int]) -> bool:
    """The trigger is what someone "is going to" do, a future like "will" ("is not going
    to attend the summit"), not a journey ("did not go to the summit")."""
    return any(
        i != trigger and view.tok(i).lemma.lower() == "go" and view.tok(i).tag == "VBG"
        for i in chain
    )


def _negation_cues(view: SentenceView, trigger: int, chain: list[int]) -> set[str]:
    """The negation words within the negation's reach of the trigger's chain; none when
    two cancel out ("will not hesitate to use force": it will)."""
    if any(
        view.tok(i).lemma.lower() in cues("negated") and view.children(i, "neg")
        for i in chain[1:]
        if view.tok(i).pos == "VERB"
    ):
        return set()
    return _cue_words(view, trigger, negation_scope(view, chain)) & cues("negated")


def scope_chain(view: SentenceView, trigger: int) -> list[int]:
    """The trigger and the words above it in its clause: the verb a noun trigger depends on,
    the verbs an infinitive depends on ("plans to meet"), the first conjunct of shared
    auxiliaries ("will meet ... and iron out")."""
    chain = [trigger]
    current = trigger
    while True:
        token = view.tok(current)
        head = view.head(current)
        if head is None:
            break
        is_verb = token.pos in ("VERB", "AUX")
        purpose = is_verb and token.dep == "advcl" and view.to_infinitive(current)
        if is_verb and token.dep not in _VERB_UP and not purpose:
            break
        if not is_verb and token.dep not in _NOUN_UP:
            break
        if is_verb and token.dep == "conj" and view.children(current, "aux", "nsubj"):
            break  # the conjunct has its own subject or auxiliary
        chain.append(head)
        current = head
    return chain


def _odds_given(view: SentenceView, chain: list[int]) -> Modality | None:
    """What the odds a clause is given make of it (cue kind ``likelihood``): none at all,
    negated ("there is no chance Clinton will withdraw", "no way Russia will pull out"); some,
    hypothetical ("little chance that the army will withdraw", "the possibility that talks
    resume"). A clause that evidence is denied for (cue kind ``evidence``) is negated too:
    "there was no sign that the rebels had kidnapped them"."""
    top = chain[-1]
    noun = view.head(top)
    if noun is None or view.tok(top).dep not in ("relcl", "acl"):
        return None
    lemma = view.tok(noun).lemma.lower()
    given = {view.tok(c).lemma.lower() for c in view.children(noun, "det", "nummod", "amod")}
    if "no" in given and (lemma in cues("likelihood") or lemma == "way"):
        return "negated"  # "no way": a way is only a likelihood when there is none
    if lemma in cues("evidence") and _denied(view, noun, given):
        return "negated"
    return "hypothetical" if lemma in cues("likelihood") else None


def _denied(view: SentenceView, noun: int, given: set[str]) -> bool:
    """Whether the evidence ``noun`` names is said not to exist: "no sign that the attacker
    had pledged allegiance", "there had not been any indication that", "did not find
    evidence that", "without proof that" (then what it would show did not happen, as far as
    the text tells)."""
    if "no" in given:
        return True
    head = view.head(noun)
    if head is None:
        return False
    governor = view.tok(head)
    if governor.lemma.lower() == "without":
        return True
    return view.tok(noun).dep in ("attr", "dobj", "nsubj") and bool(view.children(head, "neg"))


def tells_capability(view: SentenceView, trigger: int) -> bool:
    """ "capable of striking": what a weapon or a force can do, said of it, not vowed."""
    chain = scope_chain(view, trigger)
    return "capable" in _cue_words(view, trigger, chain)


def announces_decision(view: SentenceView, trigger: int) -> bool:
    """ "announced that it would cease military aid", "decided to expel the envoys": a
    decision made known (cue kind ``decision``), not a threat of what may come."""
    top = scope_chain(view, trigger)[-1]
    saying = view.head(top)
    return (
        saying is not None
        and view.tok(top).dep in ("ccomp", "xcomp")
        and view.tok(saying).lemma.lower() in cues("decision")
    )


def negation_scope(view: SentenceView, chain: list[int]) -> list[int]:
    """The part of the chain a negation reaches: not past a definite noun that is the object
    of a preposition of a full verb ("did not respond to the request": a definite noun
    presupposes the request was made), but through light verbs ("did not hold talks"),
    direct objects and bare nouns ("did not agree to talks"), nor past a definite object of a
    verb of judging ("has never condemned Russia's invasion": the invasion took place)."""
    for k, i in enumerate(chain[:-1]):
        if view.tok(i).dep == "dobj" and _is_definite(view, i) and _judges(view, chain[k + 1]):
            return chain[: k + 1]
    for k, i in enumerate(chain[:-2]):
        if view.tok(i).dep != "pobj" or view.tok(chain[k + 1]).dep != "prep":
            continue
        if not _is_definite(view, i):
            continue
        governor = view.tok(chain[k + 2])
        if governor.pos in ("VERB", "AUX") and governor.lemma.lower() not in cues("light"):
            return chain[: k + 1]
    return chain


def _judges(view: SentenceView, verb: int) -> bool:
    """Whether ``verb`` is a trigger of a factive type (ACCUSE, SUPPORT: "condemn", "praise"):
    what it judges happened whether or not the judging did."""
    token = view.tok(verb)
    if token.pos != "VERB":
        return False
    entries = trigger_lexicon().get((token.lemma.lower(), "VERB"), ())
    return any(plover_types()[e.type].embeds == "factive" for e in entries)


def _is_definite(view: SentenceView, noun: int) -> bool:
    """A noun with "the", "this", "that" or a possessor ("the AP's request")."""
    for c in view.children(noun, "det", "poss"):
        if view.tok(c).dep == "poss" or view.tok(c).lemma.lower() in ("the", "this", "that"):
            return True
    return False


def _cue_words(view: SentenceView, trigger: int, chain: list[int]) -> set[str]:
    """Lower-case cue candidates: auxiliaries, negations, markers, determiners and predicate
    adjectives of the chain ("dialogue ... was impossible"), and the lemmas of the governing
    words (not the trigger: "refuse" as a trigger is a REJECT event, not a negation of
    itself)."""
    words: set[str] = set()
    for i in chain:
        for c in view.children(i, "aux", "auxpass", "neg", "mark", "advmod", "det", "amod",
                               "preconj", "acomp"):  # fmt: skip
            words.add(view.tok(c).text.lower())
            words.add(view.tok(c).lemma.lower())
            # "no longer", "no more": the negation hangs on the adverb
            if any(view.tok(n).text.lower() == "no" for n in view.children(c, "neg", "advmod")):
                words.add(f"no {view.tok(c).text.lower()}")
        if i != trigger:
            words.add(view.tok(i).lemma.lower())
        if view.tok(i).dep == "pobj":
            prep = view.head(i)
            if prep is not None:
                words.add(view.tok(prep).text.lower())
    return words


def _obliged(view: SentenceView, chain: list[int]) -> bool:
    """ "China must stop intimidating Taiwan", "the sanctions should be lifted": what
    someone is bound to do is a demand or a judgement, not a deed done (a speech verb over
    it makes the demand the event: ``triggers.MUST_REQUEST``). Only an obligation
    auxiliary: "needs to provide support" is a plan."""
    return view.has_auxiliary(chain, cues("obligation"))


# How a deed hangs on a verb that weighs it: as what is weighed, not as who weighs.
_WEIGHED_DEPS = frozenset({"dobj", "xcomp", "ccomp", "pcomp", "prep"})


def _deliberated(view: SentenceView, chain: list[int]) -> bool:
    """ "Japan is considering sending aid", "the EU weighs new sanctions": an option
    weighed is no deed yet, nor a plan (cue kind ``deliberate``). Only what is weighed: "the
    bombing is considered an act of terror" happened."""
    deliberate = cues("deliberate")
    return any(
        view.tok(verb).lemma.lower() in deliberate and view.tok(inner).dep in _WEIGHED_DEPS
        for inner, verb in itertools.pairwise(chain)
    )


def wished(view: SentenceView, trigger: int) -> bool:
    """ "voiced hope that the new government will help Turkey", "said they hoped more
    countries would make commitments": what someone wishes that others do is no deed, nor a
    plan of theirs, nor a threat (cue kind ``desire``, with a clause of its own for what is
    wished). A wish to do something oneself stays a plan ("hopes to meet":
    ``_is_infinitival_plan``); a party of the wished clause is no deed wished ("hopes Neu's
    arrest serves as a warning": the arrest was made)."""
    return _wished(view, scope_chain(view, trigger))


def _wished(view: SentenceView, chain: list[int]) -> bool:
    top = chain[-1]
    wisher = view.head(top)
    return (
        wisher is not None
        and view.tok(top).dep in ("ccomp", "acl")
        and bool(view.children(top, "nsubj", "nsubjpass"))
        and not any(view.tok(i).dep in ("nsubj", "nsubjpass") for i in chain)
        and _desires(view, wisher)
    )


# Adjectives that make a deed a forecast: "too likely to kill Muslims", "unlikely to attend".
_FORECASTS = frozenset({"likely", "unlikely"})


def _foreseen(view: SentenceView, chain: list[int]) -> bool:
    """Whether the deed is only forecast by an adjective above it ("is likely to strike");
    the adverb hedges a report instead ("were likely killed", "will likely increase")."""
    return any(
        view.tok(i).pos == "ADJ" and view.tok(i).lemma.lower() in _FORECASTS for i in chain[1:]
    )


def _can_do(view: SentenceView, trigger: int) -> bool:
    """ "it can assist its allies": what someone can do, not what they do. Only "can" on
    the trigger itself, or on the light verb that does a noun trigger ("donations can be
    made", "an arrest can be made"): "a measure that can counter threats" says nothing of
    the threats."""
    token, head = view.tok(trigger), view.head(trigger)
    if token.pos == "NOUN" and head is not None and token.dep in ("dobj", "nsubjpass"):
        return view.tok(head).lemma.lower() in cues("light") and view.has_auxiliary([head], _CAN)
    return token.pos == "VERB" and view.has_auxiliary([trigger], _CAN)


_CAN = frozenset({"can"})


def _in_time_clause_of_plan(view: SentenceView, chain: list[int]) -> bool:
    """ "... are expected to discuss it before the Council meets": a present tense in a time
    clause of a planned event is that plan's future, not a fact."""
    top = chain[-1]
    head = view.head(top)
    token = view.tok(top)
    if head is None or token.dep != "advcl" or token.tag not in ("VBZ", "VBP"):
        return False
    marks = {view.tok(m).text.lower() for m in view.children(top, "mark", "advmod")}
    if not marks & _TIME_CLAUSE_MARKS:
        return False
    above = scope_chain(view, head)
    return _is_planned(view, above, _cue_words(view, head, above))


def _is_planned(view: SentenceView, chain: list[int], words: set[str]) -> bool:
    """A plan word on the chain ("will", "plans", "expected") or an infinitive of a plan."""
    return bool(words & cues("planned")) or _is_infinitival_plan(view, chain)


def _has_negative_argument(view: SentenceView, trigger: int) -> bool:
    """A subject or object that says nobody took part: "no one was detained", "police
    arrested none of them", "nobody was hurt", "neither the nominee nor her campaign
    helped"."""
    negative = cues("negated")
    for arg in view.children(trigger, "nsubj", "nsubjpass", "dobj"):
        token = view.tok(arg)
        if token.lemma.lower() in negative:
            return True
        markers = view.children(arg, "det", "preconj")
        if any(view.tok(d).text.lower() in _NO_ONE_OF for d in markers):
            return True
    return False


# Determiners that leave no party in: "no police officer", "neither side" ("neither Clinton
# nor her allies", where the parser hangs "neither" on the first conjunct).
_NO_ONE_OF = frozenset({"no", "neither"})


def _avoided(view: SentenceView, trigger: int) -> bool:
    """What someone escapes, avoids or averts did not happen: "escaped arrest", "avoided a
    war", nor what someone is kept or forbidden from doing ("prevented police from using
    force", "resolutions ban the North from launching a rocket"). Only the object of the
    verb: in "escaping with the prisoner and killing two officers" the killing happened."""
    head = view.head(trigger)
    if head is None:
        return False
    # the parser hangs the gerund on "from" as either
    if view.tok(trigger).dep in ("pcomp", "pobj") and view.tok(head).lemma.lower() == "from":
        # "to prevent police from using force", "stopped them from leaving"
        head = view.head(head)
        keeping = cues("avoidance") | cues("thwarting") | _FORBIDDING
        return head is not None and view.tok(head).lemma.lower() in keeping
    return view.tok(trigger).dep in ("dobj", "xcomp") and view.tok(head).lemma.lower() in cues(
        "avoidance"
    )


# Verbs that forbid or dissuade a deed: "ban X from doing", "barred him from leaving".
_FORBIDDING = frozenset({"ban", "bar", "prohibit", "forbid", "deter", "discourage", "restrain"})


# "instead of calling for sanctions", "rather than attacking": an alternative not taken
_INSTEAD = frozenset({("instead", "of"), ("rather", "than")})


def _instead(view: SentenceView, chain: list[int]) -> bool:
    """What was done instead of the trigger's deed: "instead of calling for an Asian NATO,
    Japan will ...", "negotiated rather than attacked". The deed did not happen."""
    for i in chain:
        head = view.head(i)
        if head is None:
            continue
        if view.tok(i).dep in ("pcomp", "pobj"):
            preposition = head
        elif view.tok(i).dep == "conj":
            # "negotiated rather than attacked": "than" joins the two verbs
            preposition = next(
                (
                    c
                    for c in view.children(head, "cc")
                    if c < i and view.tok(c).text.lower() == "than"
                ),
                None,
            )
        else:
            continue
        if preposition is not None and any(
            (view.tok(a).text.lower(), view.tok(preposition).text.lower()) in _INSTEAD
            for a in view.children(preposition, "advmod")
        ):
            return True
    return False


def non_specific(view: SentenceView, trigger: int) -> bool:
    """A deed named with "any" is no deed in particular: "opposed any unilateral sanctions",
    "any attack on our soil will be answered". (A negation of "any" is read before this:
    "did not carry out any attacks" is negated.)"""
    return _names_any(view, scope_chain(view, trigger))


def _names_any(view: SentenceView, chain: list[int]) -> bool:
    """Whether a noun of the trigger's chain, or the noun its infinitive tells the aim of,
    has the determiner "any" ("to blunt any new efforts to impose sanctions")."""
    top, head = chain[-1], view.head(chain[-1])
    if head is not None and view.tok(top).dep == "acl" and _to_infinitive(view, top):
        chain = [*chain, head]
    return any(
        view.tok(i).pos in ("NOUN", "PROPN")
        and any(view.tok(d).lemma.lower() == "any" for d in view.children(i, "det"))
        for i in chain
    )


def _is_generic_infinitive(view: SentenceView, chain: list[int]) -> bool:
    """An infinitive under an evaluative copula ("it is irresponsible to blame others")
    names a kind of act, not one that took place."""
    for i in chain:
        head = view.head(i)
        if view.tok(i).dep != "xcomp" or head is None or view.tok(head).lemma != "be":
            continue
        if _to_infinitive(view, i) and view.children(head, "acomp", "attr"):
            return True
    return False


# Nouns of what someone may do: an act infinitive on them is a possibility, not a deed.
_POWERS = frozenset({
    "power", "ability", "capacity", "capability", "means", "right", "authority", "option",
    "freedom", "way",
})  # fmt: skip


def _to_infinitive(view: SentenceView, i: int, deps: tuple[str, ...] = ("aux",)) -> bool:
    """Verb ``i`` is a "to" infinitive: a "to" among its ``deps`` children (auxiliaries)."""
    return any(view.tok(c).tag == "TO" for c in view.children(i, *deps))


def _power_to_act(view: SentenceView, chain: list[int]) -> bool:
    """An infinitive on a noun of power or means ("we have the power to destroy them",
    "Congress' own power to take witnesses into custody", "the right to sue") tells what
    someone may do, not a deed."""
    for i in chain:
        head = view.head(i)
        if view.tok(i).dep != "acl" or head is None:
            continue
        return _to_infinitive(view, i) and view.tok(head).lemma.lower() in _POWERS
    return False


def _terms_held(view: SentenceView, chain: list[int]) -> list[int]:
    """The chain above a threat made, whose conditions are its terms: without the trigger,
    nor the verb a threat noun is the object of ("issued an ultimatum to Damascus ... if the
    Syrian government does not withdraw": the ultimatum was issued, on a condition)."""
    trigger = view.tok(chain[0])
    made_with = trigger.pos == "NOUN" and trigger.dep == "dobj" and len(chain) > 1
    return chain[2:] if made_with else chain[1:]


def _has_condition(view: SentenceView, chain: list[int]) -> bool:
    """The consequence of a condition: "if Russia invades, NATO will respond"."""
    return bool(_condition_clauses(view, chain, cues("hypothetical")))


def _condition_clauses(view: SentenceView, chain: list[int], marks: frozenset[str]) -> list[int]:
    """The adverbial clauses hung on the chain's words that a word of ``marks`` opens."""
    return [
        clause
        for i in chain
        for clause in view.children(i, "advcl")
        if any(view.tok(m).text.lower() in marks for m in view.children(clause, "mark"))
    ]


_POSSIBILITY = frozenset({"can", "could", "may", "might"})


def may_only(view: SentenceView, trigger: int) -> bool:
    """Whether the trigger's clause tells only what can or may be ("can deport him"), or
    asks it ("if they break the rules, how strongly should Mexico retaliate?")."""
    return _asks(view) or view.has_auxiliary(scope_chain(view, trigger), _POSSIBILITY)


def condition_subjects(view: SentenceView, trigger: int) -> list[int] | None:
    """The subjects of the "if" or "unless" clauses the trigger's clause hangs on ("will
    impose sanctions if Turkey buys the missiles": Turkey), or None when it hangs on none."""
    clauses = _condition_clauses(view, scope_chain(view, trigger), _CONDITIONS)
    return [s for c in clauses for s in view.children(c, "nsubj")] if clauses else None


# Where a command stands: the main clause, or a clause quoted or told ("..., he said").
_COMMAND_SLOTS = frozenset({"ROOT", "ccomp", "parataxis"})


def _commanded(view: SentenceView, trigger: int) -> bool:
    """An imperative, what someone bids be done, not a deed: "Smash his head with a rock, or
    slaughter him", "Release the prisoners now, the protesters chanted". A verb in its base
    form with no subject, auxiliary or "to", standing as a clause of its own or the conjunct
    of one."""
    verb = view.parsed.first_conjunct(trigger)
    token = view.tok(verb)
    # a command opens its clause (a noun the tagger took for a verb does not: "the Oval
    # Office clash"); one that opens the sentence is often parsed as a clause of what follows
    heads_clause = all(view.tok(i).pos == "PUNCT" for i in range(token.left, verb)) and (
        verb == view.start or view.tok(verb - 1).pos in ("PUNCT", "CCONJ")
    )
    opens = all(view.tok(i).pos == "PUNCT" for i in range(view.start, verb))
    return (
        token.tag == "VB"
        and heads_clause
        and (token.dep in _COMMAND_SLOTS or (token.dep == "advcl" and opens))
        and not view.children(verb, "nsubj", "nsubjpass", "aux", "auxpass", "mark")
    )


_CLOSING_QUOTES = frozenset({'"', "'", "\u201d", "\u2019", ")"})


def _asks(view: SentenceView) -> bool:
    """Whether the sentence is a question: its last mark, closing quotes aside, is "?"."""
    for i in range(view.end - 1, view.start - 1, -1):
        text = view.tok(i).text
        if text not in _CLOSING_QUOTES:
            return text.endswith("?")
    return False


def _inverted(view: SentenceView, chain: list[int]) -> bool:
    """A clause that opens with its auxiliary before its subject asks or supposes: "Did
    Clinton help the rebels" (a question whose mark was cut off), "Should Russia invade,
    NATO will respond"."""
    first = next((i for i in range(view.start, view.end) if view.tok(i).pos != "PUNCT"), None)
    for verb in chain:
        auxiliaries = view.children(verb, "aux", "auxpass")
        subjects = view.children(verb, "nsubj", "nsubjpass")
        if first in auxiliaries and subjects and first < subjects[0]:
            return True
    return False


def in_condition(view: SentenceView, trigger: int) -> bool:
    """Inside a condition, however deep: "if Kim were to start a war, to attack the United
    States, ..." (the attack hangs on the war's verb, not on "if")."""
    current: int | None = trigger
    while current is not None:
        # the parser hangs some conditions as complements ("able to, even if they were
        # arrested": an xcomp with its "if")
        if view.tok(current).dep in ("advcl", "xcomp") and any(
            view.tok(m).text.lower() in _CONDITIONS for m in view.children(current, "mark")
        ):
            return True
        current = view.head(current)
    return False


def _reported_future(view: SentenceView, chain: list[int]) -> bool:
    """ "The U.S. said it would resume cooperation", "it was announced the Council would
    meet": "would" under a past verb of saying is the reported "will", a plan, not a
    supposition (which "would" is in the narrator's own voice: "that would be a war"). A
    second clause of the same report is reported too ("said that the measure would be
    extended and that more soldiers would be deployed")."""
    top = chain[-1]
    clause = top
    while view.tok(clause).dep == "conj" and (first := view.head(clause)) is not None:
        clause = first
    head = view.head(clause)
    if head is None or view.tok(clause).dep != "ccomp" or view.tok(top).lemma == "be":
        return False  # "said an attack would be madness": a judgement of a supposed act
    verb = view.tok(head)
    if verb.lemma.lower() not in cues("speech") | cues("claim"):
        return False
    return verb.tag == "VBD" or (verb.tag == "VBN" and bool(view.children(head, "aux", "auxpass")))


def _is_backstory(
    view: SentenceView, chain: list[int], when: TimeValue | None, attribution: Attribution | None
) -> bool:
    """The past perfect in the narrator's own voice, with no date of its own, sets an event
    before the story's past: background ("a car she had been warned might be faulty").
    In reported speech it is only the shifted tense of a recent event, so not there. An
    adverb of the past sets it there in anyone's voice ("Tehran has previously called the
    allegations baseless", "has long opposed"), and so does a relative clause that
    introduces a person (``_describes_a_person``)."""
    if own_time(when) is not None:
        return False
    if any(
        view.tok(a).text.lower() in cues("backstory")
        for i in chain
        if view.tok(i).pos in ("VERB", "AUX")
        for a in view.children(i, "advmod")
    ):
        return True
    verb = next((i for i in chain if view.tok(i).pos in ("VERB", "AUX")), None)
    if verb is not None and _describes_a_person(view, verb):
        return True
    if attribution and attribution.kind != "publisher":
        return False
    if verb is None or view.tok(verb).tag != "VBN":
        return False
    auxiliaries = view.children(verb, "aux")
    return any(view.tok(a).lemma == "have" and view.tok(a).tag == "VBD" for a in auxiliaries)


def _describes_a_person(view: SentenceView, verb: int) -> bool:
    """Whether the event's verb is a simple past in a relative clause of a noun set beside a
    name to say who that is ("said Christopher Hill, an American diplomat who led nuclear
    negotiations with North Korea", "John Doe, a former minister who resigned over the
    war"): the person's past, told to introduce them."""
    if view.tok(verb).tag != "VBD" or view.tok(verb).dep != "relcl":
        return False
    noun = view.head(verb)
    return noun is not None and view.tok(noun).dep == "appos"


def _has_reported_cue(view: SentenceView, chain: list[int]) -> bool:
    """A hedge on the event itself: "allegedly", "reportedly", "the alleged attack"."""
    words = cues("reported")
    for i in chain:
        for c in view.children(i, "advmod", "amod"):
            if view.tok(c).text.lower() in words or view.tok(c).lemma.lower() in words:
                return True
    return False


def _imputed(view: SentenceView, chain: list[int]) -> bool:
    """The event is the deed an accusation imputes ("accused Israel of attacking its
    embassy", "charged him with murdering"): the accuser's word, not the writer's."""
    for clause in chain:
        prep = view.head(clause)
        if view.tok(clause).dep != "pcomp" or prep is None:
            continue
        verb = view.head(prep)
        return verb is not None and view.tok(verb).lemma.lower() in cues("imputing")
    return False


def _third_party_claim(view: SentenceView, chain: list[int]) -> bool:
    """The event's clause is what someone claims: a doubting verb ("alleged", "suggested")
    whoever speaks, or a plain speech verb ("said", "told") whose speaker is not the event's
    own actor ("Freed said a manager apologized", but not "Trudeau said he met Castro":
    one's own account of one's own act is the act, stated)."""
    speech = _claim_verb(view, chain[-1])
    if speech is None:
        return False
    if view.tok(speech).lemma.lower() in cues("reported"):
        return True
    if not _tells_of_a_past_act(view, chain):
        return False  # "China opposes ...", Hua said: a stance stated, not an act claimed
    return not _same_party(view, _subject(view, speech), _agent(view, chain))


def _tells_of_a_past_act(view: SentenceView, chain: list[int]) -> bool:
    """The clause verb is past or perfect and not a copula: "a manager apologized", "the
    girls have been released", not "the launch was a threat" or "China opposes"."""
    if any(view.tok(i).dep == "attr" for i in chain):
        return False  # a characterization ("the launch was a threat") is the speaker's own
    verb = _finite_verb(view, chain)
    if verb is None:
        return False
    forms = [verb, *view.children(verb, "aux", "auxpass")]
    past = any(view.tok(i).tag == "VBD" for i in forms)
    perfect = any(view.tok(i).lemma == "have" for i in forms[1:])
    return past or perfect


def _claim_verb(view: SentenceView, top: int) -> int | None:
    """The speech verb whose complement holds clause ``top``: its head by ``ccomp`` or a
    parenthetical ("she alleged,"), climbing only through clause links, not into relative
    clauses or noun phrases (their content is background, not the claim)."""
    claim_words = cues("claim") | cues("reported")
    current = top
    while True:
        for c in view.children(current, "parataxis"):
            if view.tok(c).lemma.lower() in claim_words and view.children(c, "nsubj"):
                return None if _line_break_between(view, top, c) else c
        head = view.head(current)
        if head is None or view.tok(current).dep not in _CLAUSE_UP:
            return None
        if view.tok(current).dep == "ccomp" and view.tok(head).lemma.lower() in claim_words:
            return None if _line_break_between(view, top, head) else head
        current = head


def _line_break_between(view: SentenceView, a: int, b: int) -> bool:
    """A line break between two words of one "sentence" means the parser ran a headline or
    caption into the text; a claim found across it is not to be trusted."""
    low, high = min(a, b), max(a, b)
    return any(view.tok(i).pos == "SPACE" for i in range(low, high))


def _finite_verb(view: SentenceView, chain: list[int]) -> int | None:
    """The verb that carries the tense of the trigger's clause: "was" for "was able to talk"."""
    verb = next((i for i in chain if view.tok(i).pos in ("VERB", "AUX")), None)
    while verb is not None and view.tok(verb).dep in ("xcomp", "acomp"):
        head = view.head(verb)
        if head is None:
            break
        verb = head
    return verb


def _subject(view: SentenceView, verb: int) -> int | None:
    subjects = view.children(verb, "nsubj", "nsubjpass")
    return subjects[0] if subjects else None


def _agent(view: SentenceView, chain: list[int]) -> int | None:
    """Who does the event: the active subject or the "by" agent of the nearest clause."""
    for i in chain:
        subjects = view.children(i, "nsubj")
        if subjects:
            return subjects[0]
        for by in view.children(i, "agent"):
            objects = view.children(by, "pobj")
            if objects:
                return objects[0]
        if view.children(i, "nsubjpass"):
            return None
    return None


def _same_party(view: SentenceView, speaker: int | None, agent: int | None) -> bool:
    """Whether the speaker reports their own act. A personal pronoun in reported speech is
    taken to point back to the speaker ("Trudeau said he met Castro")."""
    if speaker is None or agent is None:
        return False
    if view.tok(agent).tag in ("PRP",):
        return True
    speaker_text = view.np_text(speaker).lower()
    agent_text = view.np_text(agent).lower()
    return agent_text in speaker_text or speaker_text in agent_text


def _is_infinitival_plan(view: SentenceView, chain: list[int]) -> bool:
    """An infinitive that names a future event: "a meeting to be held", "he is to visit",
    a headline's "Japan to lift curfew"."""
    trigger = chain[0]
    if scheme_of(view, trigger) is not None:
        return True  # "a plot to kill the president": what is plotted has not happened
    candidates = [*chain, *view.children(trigger, "acl", "relcl")]
    for i in candidates:
        token = view.tok(i)
        if not _to_infinitive(view, i, ("aux", "auxpass")):
            continue
        if token.dep in ("acl", "relcl", "ROOT"):
            return True  # a root infinitive is a headline's future: "UK to send troops"
        head = view.head(i)
        if token.dep == "xcomp" and head is not None and view.tok(head).lemma == "be":
            return True
        if token.dep == "xcomp" and head is not None and _desires(view, head):
            return True  # "hopes to resolve it during talks", "seeks to meet"
    return False


def _desires(view: SentenceView, verb: int) -> bool:
    """A verb of wishing ("hope", "seek", "want"): what it wants done is a plan when it is an
    infinitive ("seeks to meet"), not what it names otherwise ("seeks damages for being
    shot"). Its text is read too: the lemmatizer takes "hopes" for a form of "hop"."""
    token = view.tok(verb)
    return bool({token.lemma.lower(), token.text.lower()} & cues("desire"))


def _told_past_on_next_day(
    view: SentenceView, chain: list[int], when: TimeValue | None, published: TimeValue | None
) -> bool:
    """A deed told in the past tense on the day after the publication day ("fired a missile
    early on Tuesday" in a story stamped on Monday evening, UTC, in Tokyo's Tuesday) has
    happened: the stamp is a time zone behind, not the deed ahead."""
    dated = _dated(when, published)
    if dated is None:
        return False
    _, event, now = dated
    if event[0] != event[1] or event[0] != now[1] + dt.timedelta(days=1):
        return False
    verb = next((i for i in chain if view.tok(i).pos in ("VERB", "AUX")), None)
    if verb is None:
        return False
    # the simple past, or a perfect ("have confirmed another missile test", "has been
    # conducting exercises")
    perfect = any(view.tok(a).lemma == "have" for a in view.children(verb, "aux"))
    return view.tok(verb).tag == "VBD" or perfect


def _dated(
    when: TimeValue | None, published: TimeValue | None
) -> tuple[TimeValue, Bounds, Bounds] | None:
    """The date the text gives the event, its first and last days and the publication
    day's, when both are known."""
    own = own_time(when)
    if own is None or published is None:
        return None
    event, now = bounds(own.value), bounds(published.value)
    return (own, event, now) if event and now else None


def is_after(when: TimeValue | None, published: TimeValue | None) -> bool:
    """Whether the date the text gives the event lies wholly after the publication day."""
    dated = _dated(when, published)
    return dated is not None and dated[1][0] > dated[2][1]


def _long_before(when: TimeValue | None, published: TimeValue | None) -> bool:
    dated = _dated(when, published)
    if dated is None:
        return False
    own, event, now = dated
    # the middle of a month it names: "in March" told in mid-April is a month back; a year
    # ("this year", told in December) may have ended yesterday, and so may a bound
    # ("before November": only its end is sure)
    month = (event[1] - event[0]).days <= _MONTH_DAYS and own.modifier is None
    point = event[0] + (event[1] - event[0]) / 2 if month else event[1]
    return point < now[0] - dt.timedelta(days=HISTORICAL_DAYS)


_MONTH_DAYS = 31
