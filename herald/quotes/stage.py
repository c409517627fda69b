"""quotes.stage: speakers of direct and reported speech, Quote records, and who asserts each event.

``herald.quotes.speech`` finds the statements and the words of their speakers; this module resolves
those words to actors. Speakers are the subjects of the cues; pronouns go to the nearest person
subject before them; unnamed speakers ("a senior State Department official", "officials", "a
source familiar with ...") are anonymous, and a later definite description ("the official")
continues the earlier anonymous source of the same kind.

``Quote.text`` is the quoted words without the marks; the pieces of a split or multi-paragraph
quote are joined with a space. ``start``/``end`` run from the first to the last quoted
character. ``attribution_for`` says who asserts an event: the publisher, a named source, an
anonymous source or another news outlet (``herald.actors.lexicon.looks_like_media``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import herald.actors.lexicon as lexicon
import herald.actors.stage as actors_stage
from herald.data_files import read_rows
from herald.quotes.cues import SUBJECTS, Range, Speech, is_according, speech_cues
from herald.quotes.reported import reported_speech
from herald.quotes.speech import find_speech
from herald.records import Actor, ActorRef, Attribution, Document, ParsedText, Quote, Token

__all__ = ["anonymous_nouns", "attribution_for", "find_quotes", "find_speech"]

DEFINITE = frozenset({"the", "that", "this", "these", "those"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# "it" speaks for an organization or a country, "they" also for a group
BODY_PRONOUNS = {"it": ("organization", "country"), "they": ("organization", "country", "group")}


@functools.cache
def anonymous_nouns() -> frozenset[str]:
    """Head nouns of unnamed sources ("official", "source", "spokesperson", ...)."""
    return frozenset(row["noun"] for row in read_rows("quotes/anonymous_sources.csv"))


# --------------------------------------------------------------------------- speakers


def _name_text(parsed: ParsedText, i: int) -> str:
    """A proper name as written: its entity ("The New York Times"), else head and compounds."""
    for entity in parsed.entities:
        if entity.start <= i < entity.end:
            return entity.text
    start = i
    while (
        start > 0
        and parsed.tokens[start - 1].head == i
        and parsed.tokens[start - 1].dep in ("compound", "flat")
    ):
        start -= 1
    return parsed.span_text(start, i + 1)


def _person_like(parsed: ParsedText, token: Token) -> bool:
    if token.ent_type == "PERSON":
        return True
    return token.pos == "PROPN" and any(
        c.dep == "compound" and c.text.endswith(".") for c in parsed.children(token.i)
    )


def _antecedent(parsed: ParsedText, pronoun: int, depth: int = 0) -> int | None:
    """The nearest person subject before a he/she in this or the previous sentence."""
    sentence = parsed.tokens[pronoun].sent
    first = parsed.sentences[max(0, sentence - 1)].start
    for i in range(pronoun - 1, first - 1, -1):
        token = parsed.tokens[i]
        if token.dep not in SUBJECTS:
            continue
        if _person_like(parsed, token):
            return i
        if token.text.lower() in PERSON_PRONOUNS and depth < 3:
            return _antecedent(parsed, i, depth + 1)
    return None


def _body_antecedent(parsed: ParsedText, actors: Sequence[Actor], pronoun: int) -> Actor | None:
    """The nearest subject before "it"/"they" in this or the previous sentence that is an
    organization, country (or, for "they", a group) actor: "The ministry said it ..."."""
    kinds = BODY_PRONOUNS[parsed.tokens[pronoun].text.lower()]
    sentence = parsed.tokens[pronoun].sent
    first = parsed.sentences[max(0, sentence - 1)].start
    for i in range(pronoun - 1, first - 1, -1):
        if parsed.tokens[i].dep not in SUBJECTS:
            continue
        actor = actors_stage.actor_for_token(actors, parsed, i)
        if actor is not None and actor.kind in kinds:
            return actor
    return None


def _fallback_ref(parsed: ParsedText, head: int, text: str) -> ActorRef:
    """A speaker with no actor record: named by the text, typed by its entity label."""
    token = parsed.tokens[head]
    kinds = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
    kind = kinds.get(token.ent_type, "group" if token.tag in ("NNS", "NNPS") else "person")
    name = _name_text(parsed, head) if token.pos == "PROPN" else text
    return ActorRef(actor_id=None, name=name, kind=kind, text=text)  # type: ignore[arg-type]


def _is_anonymous(parsed: ParsedText, head: int) -> bool:
    token = parsed.tokens[head]
    if token.pos != "NOUN" or token.lemma.lower() not in anonymous_nouns():
        return False
    # "spokeswoman, Heather Nauert": a name in apposition makes the speaker named
    return not any(c.dep == "appos" and c.pos == "PROPN" for c in parsed.children(head))


class _AnonymousChain:
    """Unnamed sources seen so far, so that "the official" continues "a senior ... official"."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, frozenset[str], str]] = []

    def description(self, parsed: ParsedText, span: Range, head: int) -> str:
        lemma = parsed.tokens[head].lemma.lower()
        words = parsed.tokens[span[0] : span[1]]
        modifiers = frozenset(
            t.lemma.lower() for t in words if t.i != head and t.pos in ("ADJ", "NOUN", "PROPN")
        )
        text = parsed.span_text(*span)
        if words and words[0].text.lower() in DEFINITE:
            for seen_lemma, seen_modifiers, seen_text in reversed(self.seen):
                if seen_lemma == lemma and modifiers <= seen_modifiers:
                    return seen_text
        self.seen.append((lemma, modifiers, text))
        return text


def _resolve(
    parsed: ParsedText, speech: Speech, actors: Sequence[Actor], chain: _AnonymousChain
) -> tuple[str | None, ActorRef | None, bool]:
    """speaker_text, speaker and anonymous for one statement."""
    if speech.speaker is None or speech.speaker_head is None:
        # "reports that ...", "it was reported that ...": nobody is named as the source
        return None, None, speech.kind == "reported"
    head = speech.speaker_head
    text = parsed.span_text(*speech.speaker)
    actor = actors_stage.actor_for_token(actors, parsed, head)
    token = parsed.tokens[head]
    if token.pos == "PRON":
        if actor is None and token.text.lower() in PERSON_PRONOUNS:
            named = _antecedent(parsed, head)
            if named is None:
                return text, None, False
            actor = actors_stage.actor_for_token(actors, parsed, named)
            if actor is None:
                return text, ActorRef(None, _name_text(parsed, named), "person", text=text), False
        if actor is None and token.text.lower() in BODY_PRONOUNS:
            actor = _body_antecedent(parsed, actors, head)
        return text, actor.ref(text) if actor else None, False
    if _is_anonymous(parsed, head):
        description = chain.description(parsed, speech.speaker, head)
        kind = "group" if token.tag in ("NNS", "NNPS") else "person"
        # only an actor mention over the noun itself: "State Department" in "a State Department
        # official" is the employer, not the source
        actor = actors_stage.actor_at(actors, token.idx, token.end)
        base = actor.ref(text) if actor else ActorRef(None, description, kind, text=text)  # type: ignore[arg-type]
        return (
            text,
            ActorRef(
                base.actor_id, description, base.kind, base.country, base.sector, base.roles, text
            ),
            True,
        )
    return text, actor.ref(text) if actor else _fallback_ref(parsed, head, text), False


def _cue_text(parsed: ParsedText, cue: int | None) -> str | None:
    if cue is None:
        return None
    if is_according(parsed, parsed.tokens[cue]):
        return "according to"
    return parsed.tokens[cue].text


def _to_quotes(
    doc_id: str, parsed: ParsedText, speeches: Sequence[Speech], actors: Sequence[Actor]
) -> tuple[Quote, ...]:
    chain = _AnonymousChain()
    # Speakers are resolved in the order they appear, so that a chain starts at its first mention.
    order = sorted(speeches, key=lambda s: s.speaker[0] if s.speaker else s.start)
    resolved = {id(s): _resolve(parsed, s, actors, chain) for s in order}
    quotes = []
    for n, speech in enumerate(speeches):
        speaker_text, speaker, anonymous = resolved[id(speech)]
        quotes.append(
            Quote(
                quote_id=f"{doc_id}:q{n}",
                doc_id=doc_id,
                text=" ".join(parsed.text[s:e] for s, e in speech.pieces),
                start=speech.start,
                end=speech.end,
                speaker=speaker,
                speaker_text=speaker_text,
                anonymous=anonymous,
                kind=speech.kind,
                cue=_cue_text(parsed, speech.cue),
            )
        )
    return tuple(quotes)


def find_quotes(doc: Document, parsed: ParsedText, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    """Every direct quote and reported statement of the document, with its speaker."""
    return _to_quotes(doc.doc_id, parsed, find_speech(parsed), actors)


# --------------------------------------------------------------------------- attribution


def _cue_lemma(cue: str) -> str:
    word = cue.lower()
    for ending in ("ing", "ed", "es", "s", "d"):
        stem = word.removesuffix(ending)
        if stem != word and (stem, "verb") in speech_cues():
            return stem
    return word


def _speaks_for_outlet(quote: Quote) -> bool:
    speaker = quote.speaker
    if speaker is not None and speaker.sector == "MED":
        return True
    name = speaker.name if speaker is not None else quote.speaker_text
    if not name or quote.anonymous:
        return False
    if lexicon.looks_like_media(name):
        return True
    # "The Globe reported": an organization reporting is an outlet even when we do not list it
    cue = speech_cues().get((_cue_lemma(quote.cue or ""), "verb"))
    return (
        cue is not None
        and cue.outlet_report
        and speaker is not None
        and (speaker.kind == "organization")
    )


def _innermost(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


def attribution_for(
    parsed: ParsedText, token_i: int, quotes: Sequence[Quote], actors: Sequence[Actor]
) -> Attribution:
    """Who asserts what token ``token_i`` (an event trigger) says happened.

    Inside a quote's content or a speech verb's complement it is that statement's speaker:
    another news outlet, an anonymous source (with its description) or a named source;
    everywhere else the publisher. A statement with no speaker in the text counts as an
    anonymous source without a description.
    """
    token = parsed.tokens[token_i]
    quote = _innermost(quotes, token.idx, token.end)
    if quote is None:
        nearby = reported_speech(parsed, [token.sent])
        quote = _innermost(_to_quotes("", parsed, nearby, actors), token.idx, token.end)
    if quote is None:
        return Attribution(kind="publisher")
    speaker = quote.speaker
    name = speaker.name if speaker is not None else quote.speaker_text
    actor_id = speaker.actor_id if speaker is not None else None
    if _speaks_for_outlet(quote):
        return Attribution(kind="outlet", text=name, actor_id=actor_id)
    if quote.anonymous or name is None:
        return Attribution(kind="anonymous_source", text=name, actor_id=actor_id)
    return Attribution(kind="named_source", text=name, actor_id=actor_id)
