"""parse: sentences and phrases never cross a line break."""

from __future__ import annotations

from herald.parse.edges import subtree_edges
from herald.parse.model import parse
from herald.records import ParsedText

CREDIT_THEN_ARTICLE = (
    "Photo credit line Alastair Grant AP Alastair Grant AP\n\n"
    "Nigerian President Muhammadu Buhari says 21 schoolgirls have been released."
)


def _sentences(parsed: ParsedText) -> list[str]:
    return [parsed.sentence_text(i) for i in range(len(parsed.sentences))]


def test_a_sentence_starts_after_every_line_break() -> None:
    sentences = [s.strip() for s in _sentences(parse(CREDIT_THEN_ARTICLE))]
    assert sentences[-1].startswith("Nigerian President")
    assert not any("\n" in s for s in sentences)


def test_a_lone_capital_letter_after_a_lowercase_word_ends_a_sentence() -> None:
    parsed = parse("The spokesman wrote on X. Militants then attacked a train.")
    assert _sentences(parsed)[-1].startswith("Militants")
    # a middle initial follows a name and stays inside its sentence
    assert len(parse("President George W. Bush met Tony Blair.").sentences) == 1


def test_entities_do_not_take_in_line_breaks() -> None:
    parsed = parse("He met Narendra Modi\n\nAshok Gehlot spoke later in Jaipur.")
    assert all(e.text == e.text.strip() for e in parsed.entities)
    assert all(parsed.text[e.start_char : e.end_char] == e.text for e in parsed.entities)


def test_subtree_edges_skip_whitespace_tokens() -> None:
    # tokens: 0 "Over" <- 1 "200" (root) -> 2 "\n\n" (space, hangs on the root)
    left, right = subtree_edges([1, 1, 1], [False, False, True])
    assert (left[1], right[1]) == (0, 1)
    left, right = subtree_edges([1, 1, 1])
    assert (left[1], right[1]) == (0, 2)


def test_first_conjunct_is_where_coordinated_words_share_their_relation() -> None:
    parsed = parse("Moscow and Beijing denounced the launch and demanded talks.")
    index = {token.text: token.i for token in parsed.tokens}
    assert parsed.first_conjunct(index["Beijing"]) == index["Moscow"]
    assert parsed.first_conjunct(index["demanded"]) == index["denounced"]
    assert parsed.first_conjunct(index["Moscow"]) == index["Moscow"]


def test_verb_lemmas_follow_english_spelling_where_the_rule_lemmatizer_does_not() -> None:
    text = "They staged a protest, waged war and hoped to win; others hopped and opened doors."
    lemmas = {t.text: t.lemma for t in parse(text).tokens if t.pos in ("VERB", "AUX")}
    assert lemmas["staged"] == "stage" and lemmas["waged"] == "wage"
    assert lemmas["hoped"] == "hope"
    assert lemmas["hopped"] == "hop" and lemmas["opened"] == "open"


def test_an_irregular_past_form_tagged_as_a_present_one_has_its_verb_for_lemma() -> None:
    text = "Opposition fighters retook a strategic town from government forces."
    retook = next(t for t in parse(text).tokens if t.text == "retook")
    assert retook.tag == "VBP"  # the tagger's reading: no past form, so no exception applied
    assert retook.lemma == "retake"


def test_a_negation_with_a_typographic_apostrophe_is_not() -> None:
    text = "The prosecutor isn\u2019t saying whether the company broke the law."
    negation = next(t for t in parse(text).tokens if t.text == "n\u2019t")
    assert (negation.lemma, negation.pos) == ("not", "PART")


def test_a_kicker_before_a_colon_is_a_sentence_of_its_own() -> None:
    parsed = parse("Japan: Four killed in air strike")
    assert [s.strip() for s in _sentences(parsed)] == ["Japan:", "Four killed in air strike"]
    # a colon after words that are not all names ends nothing
    assert len(parse("Turmoil in Nigeria: curfew imposed after clashes").sentences) == 1
    # nor one further into the line than a short label
    assert len(parse("The minister told the Reuters news agency: we will win.").sentences) == 1


def test_a_dateline_in_capitals_stays_with_its_sentence() -> None:
    parsed = parse("CHARSADDA: At least 14 persons were injured in grenade attacks.")
    assert len(parsed.sentences) == 1
