"""A title-case headline is parsed in sentence case (herald.parse.casing), its records keep
the text as given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.parse.casing import is_title_line, sentence_case
from herald.parse.model import common_words, parse

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kenya Leader Criticizes Brazil's Response to Crisis",
            "Kenya leader criticizes Brazil's response to crisis",
        ),
        # names the tables know stay, even when they are words too
        ("Trump Threatens New Tariffs on Turkey", "Trump threatens new tariffs on Turkey"),
        (
            "New Zealand Will Withdraw Complaint Against Chad",
            "New Zealand will withdraw complaint against Chad",
        ),
        # a large city the word lists also know
        ("Mayor of Lagos Promises to End Curfew", "Mayor of Lagos promises to end curfew"),
        # running text is left as it is
        (
            "Kenya's president criticized Brazil on Monday.",
            "Kenya's president criticized Brazil on Monday.",
        ),
        ("Two Lines\nOf Title Case Text Here", "Two Lines\nOf Title Case Text Here"),
    ],
)
def test_a_title_case_line_is_lowered_but_its_names(headline: str, expected: str) -> None:
    assert sentence_case(headline, common_words()) == expected


@given(st.text(alphabet=st.sampled_from("AbcDe Fgh'.\n"), max_size=80))
def test_only_the_case_of_letters_changes(text: str) -> None:
    cased = sentence_case(text, frozenset({"abc", "fgh", "de"}))
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()
    if not is_title_line(text):
        assert cased == text


def test_a_headline_parses_to_a_verb_and_keeps_its_own_text() -> None:
    headline = "Kenya Leader Criticizes Brazil's Response to Crisis"
    parsed = parse(headline)
    assert parsed.text == headline
    verb = next(t for t in parsed.tokens if t.text == "Criticizes")
    assert (verb.pos, verb.lemma) == ("VERB", "criticize")
    assert all(headline[t.idx : t.end] == t.text for t in parsed.tokens)
