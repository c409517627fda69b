"""events.participants: who the participant tokens of an event are, as ``ActorRef``s.

A participant is the actors stage's actor that covers its token or noun phrase; a pronoun
the actors stage left unresolved takes a same-sentence antecedent (a guess, which lowers the
event's confidence) or is dropped; any other nominal participant becomes an ``ActorRef``
without ``actor_id`` (kind from its entity type, else "group"). A missing country is read
from the participant's own words ("Palestinian prisoners", "opposition groups in
Zimbabwe", "Palestinians") or, for a place the gazetteer knows, from that place; a missing
sector of a participant the actors stage did not return from its head noun ("soldiers").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import replace

import herald.actors.lexicon as lexicon
import herald.actors.stage as actors_module
from herald.actors.person_nouns import is_person_noun
from herald.data_files import read_rows
from herald.events.plover import cues
from herald.events.syntax import SentenceView, Span
from herald.records import Actor, ActorKind, ActorRef, ParsedText, Place, Quote

# Sectors of political actors (docs/actors.md): government, military, police, judiciary,
# legislature, parties, opposition, rebels, unidentified armed groups, spies, IGOs, and the
# elites: leaders out of office (herald.actors.known).
POLITICAL_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "SPY", "IGO", "ELI"}
)


@functools.cache
def political_roles() -> frozenset[str]:
    """Roles that make their holder political whatever the sector (political_roles.csv):
    protesters, activists, dissidents."""
    return frozenset(row["role"] for row in read_rows("events/political_roles.csv"))


# Prepositions after which a place says where a participant is or comes from.
_ORIGIN_PREPS = frozenset({"in", "from", "of", "throughout"})
_KIND_BY_ENT: dict[str, ActorKind] = {
    "GPE": "country",
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
}
# Entity labels of names of things, not of anyone who acts or can be held: an occasion, a
# law, a work, a product, a day, a sum ("Kill Bill Volume One was released in 2003").
THING_NAMES = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "DATE", "MONEY"})
# Heads that count (a number of) something: the party is what they count.
_QUANTITIES = frozenset({"half", "dozen", "dozens", "hundred", "hundreds", "thousand",
                         "thousands", "million", "millions", "majority", "number", "many",
                         "most", "some", "all", "rest", "scores", "several", "few", "part",
                         "portion"})  # fmt: skip
# Class nouns that, made definite, take up a named actor of that kind again.
_CLASS_NOUNS: dict[str, ActorKind] = {
    "country": "country", "nation": "country", "kingdom": "country", "republic": "country",
    "state": "country", "regime": "country",
    "group": "organization", "organization": "organization", "organisation": "organization",
    "movement": "organization", "militia": "organization", "agency": "organization",
    "alliance": "organization", "coalition": "organization", "bloc": "organization",
}  # fmt: skip
_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person",
             "his": "person", "it": "thing", "its": "thing", "they": "any", "them": "any",
             "their": "any", "we": "speaker", "our": "speaker", "us": "speaker",
             "i": "speaker", "me": "speaker", "my": "speaker"}  # fmt: skip


def participant_refs(
    view: SentenceView,
    actors: Sequence[Actor],
    tokens: list[int],
    places: Sequence[Span[Place]] = (),
    agents: bool = False,
) -> tuple[tuple[ActorRef, ...], bool]:
    """(ActorRefs of the participants at ``tokens``, each actor once, whether any came from a
    pronoun guess). ``places``: the document's places as token spans. With ``agents`` (the
    acting side), only participants that can act (``is_agent``); a recipient may be a thing
    ("attacked the embassy")."""
    refs: list[ActorRef] = []
    guessed = False
    for i in tokens:
        parts, guess = _pair_taken_up(view, actors, i), True
        if not parts:
            ref, guess = actor_ref(view, actors, i, agents)
            if ref is not None and ref.country is None:
                ref = _with_place_country(ref, i, places)
            parts = _by_country(view, i, ref) if ref is not None else []
        for part in parts:
            key = (part.actor_id or part.name, part.country)
            if all(key != (r.actor_id or r.name, r.country) for r in refs):
                refs.append(part)
                guessed = guessed or guess
    return tuple(refs), guessed


def quoted_speaker(
    view: SentenceView, tokens: Sequence[int], quotes: Sequence[Quote]
) -> tuple[ActorRef, ...]:
    """The speaker of the quote an "I" at ``tokens`` stands in, when the quotes stage knows
    who speaks: 'Trump said, "We have been ripped off. No, I am not going to bend"' and
    '"We are strong," Trump said. "I will not attend"' name their speaker in another
    sentence than the pronoun's, where ``_antecedent`` does not look. Not "we": in a quote
    it is as often everyone ("we need to support our first responders", "help us talk to
    each other") as the speaker's side."""
    for i in tokens:
        token = view.tok(i)
        if token.text.lower() != "i":
            continue
        for quote in quotes:
            if quote.speaker is not None and quote.start <= token.idx < quote.end:
                return (quote.speaker,)
    return ()


def _pair_taken_up(view: SentenceView, actors: Sequence[Actor], i: int) -> list[ActorRef]:
    """ "Both countries", "the two presidents": the two actors of that kind named in the
    nearest sentence that names any ("Ankara sought to repair relations with Israel. Both
    countries withdrew their ambassadors"; persons by their office: "Putin met Erdogan ...
    the two presidents"), looking back two sentences; none when it names one or three
    ("China supplies North Korea with oil and Russia ... both countries": which two?). Not "the two
    countries of the region", nor "both Korean leaders", which say whom they mean."""
    token = view.tok(i)
    if token.tag != "NNS" or view.has_preposition(i, "of") or view.children(i, "amod", "compound"):
        return []
    words = {view.tok(c).text.lower() for c in view.children(i, "det", "predet", "nummod")}
    if "both" not in words and not ("two" in words and words & {"the", "these", "those"}):
        return []
    office = lexicon.role_for(token.text)
    if _CLASS_NOUNS.get(token.lemma.lower()) == "country":
        named = [a for a in actors if a.kind == "country"]
    elif office is not None and office.kind == "person":
        named = [a for a in actors if a.kind == "person" and _holds_office(a, office)]
    else:
        return []
    sentences = view.parsed.sentences
    for back in range(_PAIR_SENTENCES + 1):
        if token.sent - back < 0:
            break
        sentence = sentences[token.sent - back]
        end = min(sentence.end_char, token.idx)
        there = {
            actor.actor_id: actor
            for actor in named
            if any(sentence.start_char <= m.start and m.end <= end for m in actor.mentions)
        }
        if there:
            # the nearest sentence naming any: two are the pair; one or three, no pair
            if len(there) != 2:
                return []
            phrase = view.parsed.span_text(*view.np_span(i))
            return [actor.ref(phrase) for actor in there.values()]
    return []


# How far back a pair is taken up ("both countries"): its sentence or the two before it.
_PAIR_SENTENCES = 2


def _holds_office(actor: Actor, office: lexicon.RoleInfo) -> bool:
    """Whether one of the actor's titles is the office or one of its class ("President"
    and "Prime Minister" are both heads of government for "the two leaders")."""
    for title in actor.roles:
        held = lexicon.role_for(title)
        if held is not None and (
            held.role == office.role or (office.role_class and held.role_class == office.role_class)
        ):
            return True
    return False


def _by_country(view: SentenceView, i: int, ref: ActorRef) -> list[ActorRef]:
    """A party of several nations is one party per nation: "Hungarian and Romanian
    officials", "U.S. and South Korean troops" (PLOVER codes each side's country); any
    other party is itself."""
    countries = coordinated_countries(view, i) if ref.kind != "person" else []
    return [replace(ref, country=code) for code in countries] or [ref]


def coordinated_countries(view: SentenceView, i: int) -> list[str]:
    """The countries of the coordinated national words before head ``i`` ("Hungarian and
    Romanian officials"), in text order, when there are two or more; else none. Without a
    coordination, two countries are one party's ("U.S.-backed Syrian forces")."""
    start, _ = view.np_span(i)
    if not any(view.tok(t).dep == "cc" for t in range(start, i)):
        return []
    distinct = list(dict.fromkeys(_modifier_countries(view, i)))
    return distinct if len(distinct) > 1 else []


def _with_place_country(ref: ActorRef, i: int, places: Sequence[Span[Place]]) -> ActorRef:
    """A participant that is a place the gazetteer knows ("a curfew in Abidjan") belongs to
    that place's country."""
    for span in places:
        if span.start <= i < span.end and span.item.country:
            return replace(ref, country=span.item.country)
    return ref


_TIMES = frozenset({"DATE", "TIME"})  # entity labels of times, which never act


def actor_ref(
    view: SentenceView, actors: Sequence[Actor], i: int, agents: bool = False
) -> tuple[ActorRef | None, bool]:
    """(ActorRef of the participant at token ``i``, whether a guess resolved a pronoun)."""
    token = view.tok(i)
    span = view.np_span(i)
    text = view.parsed.span_text(*span)
    found = _lookup_actor(actors, view.parsed, i, _past_possessor(view, i, span))
    if found is not None and agents and found.name.lower() in cues("hazard"):
        return None, False  # "COVID-19 ... is fueling demands": a disease acts for no one
    if found is not None:
        return _with_own_codes(view, actors, i, found.ref(text)), False
    if token.ent_type in _TIMES:
        return None, False  # a time the parser took for a party ("this past weekend ...")
    if token.pos == "PRON":
        antecedent = _antecedent(view, i)
        if antecedent is None:
            return None, False
        ref, _ = actor_ref(view, actors, antecedent)
        return ref, True
    named = _definite_antecedent(view, actors, i)
    if named is not None:
        return _with_own_codes(view, actors, i, named.ref(text)), True
    if agents and not is_agent(view, i):
        return None, False
    kind = _KIND_BY_ENT.get(token.ent_type, "group")
    ref = ActorRef(actor_id=None, name=text, kind=kind, text=text)
    return _with_own_codes(view, actors, i, ref), False


def _past_possessor(view: SentenceView, i: int, span: tuple[int, int]) -> tuple[int, int]:
    """The phrase of the participant at ``i`` to look its actor up by: without a possessive
    pronoun before a noun of people ("his counterpart", "her cousin", "its allies" are others
    than whom the pronoun stands for); with it before a body, a state or a thing ("her
    office", "his country", "his government" stand for their owner's side)."""
    first = view.tok(span[0])
    if span[0] == i or first.dep != "poss" or first.pos != "PRON" or not is_agent(view, i):
        return span
    lemma = view.tok(i).lemma.lower()
    role = lexicon.role_for(lemma)
    body = lemma in _CLASS_NOUNS or lemma in lexicon.organization_generics()
    if body or (role is not None and role.kind != "person"):
        return span  # "his country", "its government": the owner's side
    return (span[0] + 1, span[1])


def _definite_antecedent(view: SentenceView, actors: Sequence[Actor], i: int) -> Actor | None:
    """The named actor that "the group", "the country" or "the agency" takes up again: the
    last actor of that kind the article named before it ("Al-Shabab claimed the attack. The
    group frequently conducts bombings"). Not "a group", nor "the group of protesters",
    which say who they are."""
    token = view.tok(i)
    kind = _CLASS_NOUNS.get(token.lemma.lower())
    definite = any(view.tok(d).text.lower() in ("the", "this") for d in view.children(i, "det"))
    described = view.has_preposition(i, "of")
    if kind is None or token.pos != "NOUN" or not definite or described:
        return None
    before = [
        (mention.end, actor)
        for actor in actors
        if actor.kind == kind
        for mention in actor.mentions
        if mention.end <= token.idx
    ]
    return max(before, key=lambda pair: pair[0])[1] if before else None


def is_count(view: SentenceView, i: int) -> bool:
    """A number or a word of quantity ("two", "dozens", "millions", "most")."""
    token = view.tok(i)
    return token.pos == "NUM" or token.lemma.lower() in _QUANTITIES


def counted(view: SentenceView, i: int) -> list[int]:
    """What the count at ``i`` counts: its "of" objects ("millions of dogs")."""
    return [
        noun
        for of in view.children(i, "prep")
        if view.tok(of).lemma.lower() == "of"
        for noun in view.children(of, "pobj")
    ]


def what_is_named(view: SentenceView, i: int) -> list[int]:
    """What the noun at ``i`` names: for a count, what it counts ("millions of dogs"),
    else the noun itself."""
    return (is_count(view, i) and counted(view, i)) or [i]


def is_agent(view: SentenceView, i: int) -> bool:
    """Whether the participant at ``i`` can act: a named person, organization, nationality or
    state, or a head noun that is a role, a human or collective noun or a military craft
    acting for its force (agent_nouns.csv), a noun made to name people (``is_person_noun``:
    "sellers"), an organization or a country. "Towers", "a video", "more time", "a
    statement" or "two" do not act."""
    token = view.tok(i)
    if token.lemma.lower() in cues("hazard"):
        return False  # "COVID-19 demands ...": a disease named like a party acts for no one
    if token.ent_type in THING_NAMES:
        return False  # "hosting the Olympics", "the Patriot Act demands"
    if token.ent_type in _KIND_BY_ENT or token.pos == "PROPN":
        return True  # a name, even one the entity tagger missed
    if is_count(view, i):
        # "dozens of protesters", "two of the soldiers": the people counted are the party
        return any(is_agent(view, noun) for noun in counted(view, i))
    if token.pos == "NOUN" and is_person_noun(token.lemma):
        return True  # "sellers", "organizers", "nominees": people named by what they do
    return any(
        lexicon.role_for(form) is not None
        or form.lower() in lexicon.agent_nouns()
        or lexicon.country_for(form) is not None
        or lexicon.organization_for(form) is not None
        for form in _head_forms(view, i)
    )


def _lookup_actor(
    actors: Sequence[Actor], parsed: ParsedText, i: int, span: tuple[int, int]
) -> Actor | None:
    """The actors stage's actor for token ``i``, else for its noun phrase ``span``."""
    found = actors_module.actor_for_token(actors, parsed, i)
    if found is None and span[1] > span[0]:
        first, last = parsed.tokens[span[0]], parsed.tokens[span[1] - 1]
        found = actors_module.actor_at(actors, first.idx, last.end)
    return found


def _with_own_codes(view: SentenceView, actors: Sequence[Actor], i: int, ref: ActorRef) -> ActorRef:
    """``ref`` with a missing country (and, for a participant the actors stage did not
    return, a missing sector) read from the participant's own words."""
    country = ref.country or phrase_country(view, actors, i)
    sector = ref.sector or (phrase_sector(view, i) if ref.actor_id is None else None)
    if country == ref.country and sector == ref.sector:
        return ref
    return replace(ref, country=country, sector=sector)


def phrase_country(view: SentenceView, actors: Sequence[Actor], i: int) -> str | None:
    """The country a participant's noun phrase names: a national modifier ("Palestinian
    prisoners"), else where it is or comes from ("opposition groups in Zimbabwe",
    "ethnic Albanians in Serbia"), else its head when that is a demonym ("Palestinians")."""
    found = _modifier_country(view, i)
    if found is not None:
        return found
    # one who speaks or works "for" a body is of its country ("a spokeswoman for China's
    # Foreign Ministry"); aid or support "for" a country is not
    office = lexicon.role_for(view.tok(i).lemma)
    preps = _ORIGIN_PREPS | ({"for"} if office is not None and office.kind == "person" else set())
    for prep in view.children(i, "prep"):
        if view.tok(prep).lemma.lower() not in preps:
            continue
        for place in view.children(prep, "pobj"):
            actor = _lookup_actor(actors, view.parsed, place, view.np_span(place))
            found = (actor.country if actor else None) or _word_country(view.np_text(place), False)
            found = found or _modifier_country(view, place)
            if found is not None:
                return found
    token = view.tok(i)
    plural = token.tag in ("NNS", "NNPS")
    return _word_country(view.np_text(i), plural) or _word_country(token.text, plural)


def _word_country(text: str, plural: bool) -> str | None:
    found = lexicon.country_for(text)
    if found is None and plural and text.endswith("s"):
        found = lexicon.country_for(text[:-1])  # "Palestinians", "Serbs"
    return found


def _modifier_country(view: SentenceView, i: int) -> str | None:
    """The first country word (or two- or three-word name) in the noun phrase before its
    head: "Iraqi Kurds", "Sierra Leonean refugees", "Romania's new government"."""
    return next(_modifier_countries(view, i), None)


def _modifier_countries(view: SentenceView, i: int) -> Iterator[str]:
    """The country words (or two- or three-word names, the longest first) in the noun
    phrase before its head, in text order, none overlapping another."""
    start, _ = view.np_span(i)
    words = [view.tok(t).text for t in range(start, i)]
    first = 0
    while first < len(words):
        size, code = next(
            (
                (n, c)
                for n in (3, 2, 1)
                if first + n <= len(words)
                and (c := lexicon.country_for(" ".join(words[first : first + n])))
            ),
            (1, None),
        )
        if code is not None:
            yield code
        first += size


def is_outlet(view: SentenceView, i: int) -> bool:
    """Whether the noun phrase at ``i`` names a news outlet of media.csv ("VOA", "The Wall
    Street Journal"), by its whole phrase or its head word."""
    return (
        lexicon.media_for(view.np_text(i)) is not None
        or lexicon.media_for(view.tok(i).text) is not None
    )


def phrase_sector(view: SentenceView, i: int) -> str | None:
    """The sector a participant's head noun names ("soldiers" MIL, "security forces" COP);
    a news outlet ("VOA", "Reuters": the actors stage returns none) is the media's."""
    if is_outlet(view, i):
        return "MED"
    for form in _head_forms(view, i):
        role = lexicon.role_for(form)
        if role is not None and role.sector:
            return role.sector
    return lexicon.agent_nouns().get(view.tok(i).lemma.lower())


def _head_forms(view: SentenceView, i: int) -> list[str]:
    """A participant's head noun as the tables may list it: with the compound just before
    it ("security forces"), alone, and as its lemma."""
    head = view.tok(i)
    compounds = [view.tok(c).text for c in view.children(i, "compound") if c == i - 1]
    return [" ".join([*compounds, head.text]), head.text, head.lemma]


def _antecedent(view: SentenceView, pronoun: int) -> int | None:
    """A same-sentence antecedent for a pronoun the actors stage did not resolve: the
    speaker of the speech verb whose complement holds it ("X said it had ...", "I urge
    them to ...", the envoy said), else, but never for "I" or "we", the nearest earlier
    subject that agrees in person/thing. A possessive takes the subject of its own clause
    first: "the administration unveiled its ban, the AP reports" is the administration's."""
    own = _clause_subject(view, pronoun)
    if own is not None:
        return own
    current = view.head(pronoun)
    while current is not None:
        if view.tok(current).dep == "ccomp":
            speech = view.head(current)
            if speech is not None and view.tok(speech).lemma.lower() in cues("speech"):
                for s in view.children(speech, "nsubj"):
                    if _agrees(view, pronoun, s, spoken=True):
                        return s
            break
        current = view.head(current)
    if _PERSONAL.get(view.tok(pronoun).text.lower()) == "speaker":
        return None  # "I", "we": only the speaker of the words they stand in
    for i in range(pronoun - 1, view.start - 1, -1):
        if view.tok(i).dep == "nsubj" and _agrees(view, pronoun, i):
            return i
    return None


def _clause_subject(view: SentenceView, pronoun: int) -> int | None:
    """For a possessive pronoun, the subject before it of the clause it is in, when that
    subject agrees with it."""
    if view.tok(pronoun).dep != "poss":
        return None
    clause = view.verb_ancestor(pronoun)
    if clause is None:
        return None
    subjects = [s for s in view.children(clause, "nsubj") if s < pronoun]
    return next((s for s in subjects if _agrees(view, pronoun, s)), None)


def _agrees(view: SentenceView, pronoun: int, candidate: int, spoken: bool = False) -> bool:
    """Whether ``candidate`` may be what the pronoun stands for (a person for "he", a
    country, organization or group for "it", anything but a singular thing for "they").
    ``spoken``: the candidate says the words the pronoun stands in, where "they" may be the
    side a person speaks for ("the chairman said they will not end the strike")."""
    wanted = _PERSONAL.get(view.tok(pronoun).text.lower())
    token = view.tok(candidate)
    if wanted is None or token.pos == "PRON":
        return False
    if wanted == "speaker":  # "I urge them ...", the envoy said: whoever speaks
        return True
    if wanted == "person":
        return token.ent_type == "PERSON"
    if wanted == "thing":
        return token.ent_type in ("GPE", "ORG", "NORP") or _names_a_body(view, candidate)
    # "they": people, a party or one who speaks for one ("the chairman said they will not
    # end the strike"), never a thing ("they met North Korean vessels, the report said" is
    # not the report's meeting), nor, outside the words one says, one named person ("the
    # vice president met the freed girls and welcomed their release")
    alone = not view.children(candidate, "conj")  # "Xi and Obama sealed their agreement"
    if not spoken and alone and token.ent_type == "PERSON" and token.tag == "NNP":
        return False
    return token.tag != "NN" or is_agent(view, candidate)


def _names_a_body(view: SentenceView, i: int) -> bool:
    """A singular common noun for an organization ("the army says it ...", "the ministry
    said it ..."): a body that "it" can stand for."""
    token = view.tok(i)
    # the parser tags a body noun after a possessor's name as a proper one ("Kenya's
    # foreign ministry said it ...")
    if token.tag not in ("NN", "NNP"):
        return False
    lemma = token.lemma.lower()
    role = lexicon.role_for(lemma)
    return lemma in lexicon.organization_generics() or (
        role is not None and role.kind == "organization"
    )
