"""parse.subjects: a subject the parser hung on an auxiliary is its verb's."""

from __future__ import annotations

from herald.parse.model import load_model, parse, to_parsed
from herald.parse.subjects import with_subjects_on_verbs
from herald.records import ParsedText, Sentence, Token

QUOTED_ADVERB = "The United States said Iran is “flagrantly” defying the U.N. Security Council."


def _word(parsed: ParsedText, text: str) -> Token:
    return next(t for t in parsed.tokens if t.text == text)


def _first_parse(text: str) -> ParsedText:
    return to_parsed(load_model()(text))


def test_a_subject_on_an_auxiliary_moves_to_its_verb() -> None:
    first = _first_parse(QUOTED_ADVERB)
    assert _word(first, "Iran").head == _word(first, "is").i  # the model's own reading
    parsed = parse(QUOTED_ADVERB)
    iran, verb, aux = _word(parsed, "Iran"), _word(parsed, "defying"), _word(parsed, "is")
    assert (iran.head, iran.dep) == (verb.i, "nsubj")
    # the subtree edges follow: the verb's clause starts at its subject, the auxiliary's
    # subtree is the auxiliary alone
    assert verb.left == iran.i and (aux.left, aux.right) == (aux.i, aux.i)
    assert [(t.text, t.idx) for t in parsed.tokens] == [(t.text, t.idx) for t in first.tokens]


def test_a_parse_with_subjects_on_their_verbs_is_left_as_it_is() -> None:
    first = _first_parse("Iran is defying the council, the envoy said.")
    assert with_subjects_on_verbs(first) is first


def _hand_parse(rows: list[tuple[str, str, str, int]]) -> ParsedText:
    """A one-sentence parse from (text, pos, dep, head) rows, words one space apart."""
    tokens, offset = [], 0
    for i, (text, pos, dep, head) in enumerate(rows):
        tokens.append(
            Token(i, text, offset, text.lower(), pos, pos, dep, head, 0, i, i, "", "O", " ")
        )
        offset += len(text) + 1
    text = " ".join(row[0] for row in rows)
    return ParsedText(text, tuple(tokens), (Sentence(0, len(rows), 0, len(text)),), ())


def test_the_subject_of_a_passive_auxiliary_is_the_passive_subject() -> None:
    parsed = _hand_parse(
        [
            ("leader", "NOUN", "nsubj", 1),  # hung on the auxiliary, as an active subject
            ("is", "AUX", "auxpass", 2),
            ("mentioned", "VERB", "ROOT", 2),
        ]
    )
    leader, verb = with_subjects_on_verbs(parsed).tokens[0], 2
    assert (leader.head, leader.dep) == (verb, "nsubjpass")
