"""parse.verbless: a headline whose verb the parser took for a noun is parsed again."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.parse.model import known_verbs, load_model, parse, reparse, to_parsed
from herald.parse.verbless import ReparsedToken, with_verbs_found
from herald.records import ParsedText, Token


def _word(parsed: ParsedText, text: str) -> Token:
    return next(t for t in parsed.tokens if t.text == text)


def _first_parse(text: str) -> ParsedText:
    """The parse as the model gives it, before any repair."""
    return to_parsed(load_model()(text))


@pytest.mark.parametrize(
    ("headline", "verb", "subject", "obj"),
    [
        ("India denounces actions by Mexico", "denounces", "India", "actions"),
        # "force" is a verb too, but "air force" is singular: the verb in -s is "bombs"
        ("Kenya air force bombs training camp, no survivors", "bombs", "force", "camp"),
        ("Hundreds rally in capital over recent election violence", "rally", "Hundreds", None),
        ("Nigeria government rejects request to delay elections", "rejects", "government", None),
        # the parser gave the noun a subject already: no agreement to check
        ("Kenya, Canada, sign Ceasefire over border dispute", "sign", "Kenya", "Ceasefire"),
    ],
)
def test_a_headline_verb_read_as_a_noun_heads_its_clause(
    headline: str, verb: str, subject: str, obj: str | None
) -> None:
    assert _word(_first_parse(headline), verb).pos != "VERB"  # the model's own reading
    parsed = parse(headline)
    word = _word(parsed, verb)
    assert word.pos == "VERB" and word.dep == "ROOT"
    assert _word(parsed, subject).head == word.i and _word(parsed, subject).dep == "nsubj"
    if obj is not None:
        assert _word(parsed, obj).head == word.i and _word(parsed, obj).dep == "dobj"


def test_the_repaired_parse_keeps_the_text_offsets_and_entities() -> None:
    headline = "India denounces actions by Mexico"
    first, parsed = _first_parse(headline), parse(headline)
    assert parsed.text == headline
    assert [(t.text, t.idx, t.ent_type) for t in parsed.tokens] == [
        (t.text, t.idx, t.ent_type) for t in first.tokens
    ]
    assert parsed.entities == first.entities
    # the inserted "will" is nowhere: no token has it, none hangs on a missing token
    assert all(0 <= t.head < len(parsed.tokens) for t in parsed.tokens)
    assert _word(parsed, "denounces").lemma == "denounce"


def test_a_sentence_with_a_verb_is_not_parsed_again() -> None:
    text = "The air force bombed a training camp on Monday."
    calls: list[str] = []

    def counting(sentence: str) -> list[ReparsedToken]:
        calls.append(sentence)
        return reparse(sentence)

    assert with_verbs_found(_first_parse(text), counting, known_verbs()) == _first_parse(text)
    assert calls == []


_NOUNS = ["India", "Kenya", "rebels", "police", "army", "Hundreds", "government", "Mexico"]
_WORDS = ["bombs", "rally", "talks", "rejects", "strikes", "force", "march", "calls",
          "camp", "in", "over", "capital", "protest", "deal", "by", "and"]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(_NOUNS),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
)
def test_any_repair_keeps_every_token_and_a_tree(subject: str, words: list[str]) -> None:
    text = " ".join([subject, *words])
    first, parsed = _first_parse(text), parse(text)
    assert [(t.text, t.idx) for t in parsed.tokens] == [(t.text, t.idx) for t in first.tokens]
    for sentence in parsed.sentences:
        own = range(sentence.start, sentence.end)
        roots = [i for i in own if parsed.tokens[i].head == i]
        assert len(roots) == 1
        assert all(parsed.tokens[i].head in own for i in own)
        for i in own:  # every head chain reaches the root without a cycle
            node, steps = i, 0
            while parsed.tokens[node].head != node and steps <= len(own):
                node, steps = parsed.tokens[node].head, steps + 1
            assert node == roots[0]
