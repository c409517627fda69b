"""Tests for herald.quotes.stage: direct and reported speech, speakers, and attribution."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.actors.lexicon import looks_like_media
from herald.data_files import data_path
from herald.parse.model import parse
from herald.quotes.cues import speech_cues
from herald.quotes.direct import quoted_parts
from herald.quotes.stage import anonymous_nouns, attribution_for, find_quotes
from herald.records import Actor, Document, Mention, ParsedText, Quote


def quotes_of(text: str, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    doc = Document(doc_id="t", id="t", source="test", text=text)
    return find_quotes(doc, parse(text), actors)


def token_index(parsed: ParsedText, word: str) -> int:
    return next(t.i for t in parsed.tokens if t.text == word)


# --------------------------------------------------------------------------- tables


def test_speech_verbs_table_has_unique_cues_and_known_columns() -> None:
    with data_path("quotes/speech_verbs.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = [(row["cue"], row["pos"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert {row["pos"] for row in rows} <= {"verb", "phrase", "noun"}
    assert {row["object"] for row in rows} <= {"content", "addressee", "none"}
    assert speech_cues()[("report", "verb")].outlet_report
    assert not speech_cues()[("say", "verb")].outlet_report
    assert ("according to", "phrase") in speech_cues()


def test_anonymous_source_table_holds_the_usual_unnamed_sources() -> None:
    nouns = anonymous_nouns()
    assert {"official", "source", "spokesperson", "diplomat"} <= nouns
    assert "president" not in nouns


def test_outlets_come_from_the_one_media_table() -> None:
    assert not data_path("actors/news_outlets.csv").exists()
    assert looks_like_media("Reuters")
    assert looks_like_media("The New York Times")
    assert looks_like_media("the Washington Post")
    assert looks_like_media("Breitbart") and looks_like_media("The Huffington Post")
    assert looks_like_media("The Jersey Journal")  # not listed: ends like a newspaper
    assert not looks_like_media("Justin Trudeau")
    assert not looks_like_media("Post")  # one word is not enough


# --------------------------------------------------------------------------- quote marks


@given(st.text(alphabet=st.sampled_from(list("ab '\"“”\n.,")), max_size=80))
def test_quoted_parts_stay_inside_the_text_in_order(text: str) -> None:
    previous_end = 0
    for group in quoted_parts(text):
        for start, end in group:
            assert previous_end <= start <= end <= len(text)
            previous_end = end


def test_quoted_parts_reads_curly_straight_and_double_apostrophe_marks() -> None:
    text = "He said “one two” and \"three four\" and ''five six''."
    spans = [text[s:e] for group in quoted_parts(text) for s, e in group]
    assert spans == ["one two", "three four", "five six"]


def test_a_paragraph_left_open_continues_in_the_next_that_opens_with_a_mark() -> None:
    text = '"First part goes on.\n\n"Second part ends," she said.\n\nNo quote "here.'
    groups = quoted_parts(text)
    assert [[text[s:e] for s, e in group] for group in groups] == [
        ["First part goes on.", "Second part ends,"]
    ]


# --------------------------------------------------------------------------- direct quotes


def test_a_quote_split_by_its_speech_verb_is_one_quote() -> None:
    text = '"It will include South Korea, Japan and others," the official said, "and more."'
    (quote,) = quotes_of(text)
    assert quote.kind == "direct"
    assert quote.text == "It will include South Korea, Japan and others, and more."
    assert quote.cue == "said"
    assert quote.speaker_text == "the official"
    assert quote.anonymous
    assert text[quote.start : quote.start + 7] == "It will"
    assert text[quote.end - 9 : quote.end] == "and more."


def test_curly_quote_with_named_speaker() -> None:
    (quote,) = quotes_of("“We will not back down on this,” Ms. Freeland said on Monday.")
    assert quote.kind == "direct"
    assert quote.text == "We will not back down on this,"
    assert quote.speaker_text == "Ms. Freeland"
    assert not quote.anonymous
    assert quote.speaker is not None and "Freeland" in quote.speaker.name


def test_single_quoted_words_stay_inside_the_double_quote() -> None:
    text = "\"They called the plan 'a disaster' and walked out,\" the diplomat said."
    (quote,) = quotes_of(text)
    assert quote.text == "They called the plan 'a disaster' and walked out,"
    assert quote.anonymous


def test_multi_paragraph_quote_is_one_quote_with_its_speaker() -> None:
    text = (
        "Ms. Freeland said on Monday: “Canada will host the meeting in January.\n\n"
        "“We expect twenty countries to attend.”\n\nThe talks begin next week."
    )
    (quote,) = quotes_of(text)
    assert quote.kind == "direct"
    assert quote.text.startswith("Canada will host")
    assert quote.text.endswith("to attend.")
    assert quote.speaker_text == "Ms. Freeland"
    assert text[quote.end - 10 : quote.end] == "to attend."


def test_short_fragments_are_scare_quotes_not_quotes() -> None:
    text = (
        'Days after Mr. Tillerson committed to talk to North Korea "without precondition," '
        "he retreated to the old position."
    )
    assert quotes_of(text) == ()


def test_a_short_quote_governed_by_a_speech_verb_counts() -> None:
    quotes = quotes_of('Asked about the plan, Mr. Trudeau said "absolutely not."')
    assert [q.text for q in quotes if q.kind == "direct"] == ["absolutely not."]


def test_a_quote_in_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        '"We are ready for the talks," Ms. Freeland said.\n\n'
        '"Our partners are ready as well. The date is set."'
    )
    first, second = quotes_of(text)
    assert second.kind == "direct"
    assert second.cue == "said"  # no cue of its own: it goes on with the previous quote
    assert second.speaker_text == first.speaker_text == "Ms. Freeland"


# --------------------------------------------------------------------------- reported speech


def test_said_that_is_reported_speech_with_its_content() -> None:
    (quote,) = quotes_of("Justin Trudeau said that Canada will host the meeting in January.")
    assert quote.kind == "reported"
    assert quote.text == "Canada will host the meeting in January"
    assert quote.cue == "said"
    assert quote.speaker_text == "Justin Trudeau"
    assert not quote.anonymous


def test_according_to_reports_the_clause_it_hangs_on() -> None:
    (quote,) = quotes_of("According to diplomats, the talks failed after two days.")
    assert quote.kind == "reported"
    assert quote.cue == "according to"
    assert quote.text == "the talks failed after two days"
    assert quote.speaker_text == "diplomats"
    assert quote.anonymous


def test_officials_say_is_an_anonymous_group() -> None:
    (quote,) = quotes_of("Officials say he will travel to Ottawa on Tuesday.")
    assert quote.speaker_text == "Officials"
    assert quote.anonymous
    assert quote.speaker is not None and quote.speaker.kind == "group"
    assert quote.text == "he will travel to Ottawa on Tuesday"


def test_told_y_that_keeps_the_speaker_not_the_listener() -> None:
    (quote,) = quotes_of("A government official told reporters the meeting grew out of talks.")
    assert quote.speaker_text == "A government official"
    assert quote.text == "the meeting grew out of talks"


def test_the_official_continues_an_earlier_anonymous_source() -> None:
    text = (
        "A senior State Department official said the meeting is set. "
        "The official said it will take place in January."
    )
    first, second = quotes_of(text)
    assert second.speaker_text == "The official"
    assert second.anonymous
    assert second.speaker is not None
    assert second.speaker.name == first.speaker_text == "A senior State Department official"


def test_a_new_indefinite_source_starts_a_new_chain() -> None:
    text = "A senior official said the plan works. Another official said it fails."
    first, second = quotes_of(text)
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.name == "Another official"


def test_he_said_goes_to_the_person_subject_before_it() -> None:
    text = "Mr. Trudeau spoke in Ottawa on Monday. He said Canada would help."
    (quote,) = quotes_of(text)
    assert quote.speaker_text == "He"
    assert quote.speaker is not None and "Trudeau" in quote.speaker.name
    assert not quote.anonymous


# --------------------------------------------------------------------------- attribution


def test_attribution_outlet_named_and_publisher() -> None:
    text = (
        "Reuters reported that Canada will host the meeting. "
        "Mr. Trudeau said Canada could mediate. The ministers met in Ottawa."
    )
    parsed = parse(text)
    doc = Document(doc_id="t", id="t", source="test", text=text)
    quotes = find_quotes(doc, parsed, ())
    outlet = attribution_for(parsed, token_index(parsed, "host"), quotes, ())
    assert (outlet.kind, outlet.text) == ("outlet", "Reuters")
    named = attribution_for(parsed, token_index(parsed, "mediate"), quotes, ())
    assert named.kind == "named_source" and named.text is not None and "Trudeau" in named.text
    assert attribution_for(parsed, token_index(parsed, "met"), quotes, ()).kind == "publisher"
    # the speech verb itself is the publisher's statement
    assert attribution_for(parsed, token_index(parsed, "reported"), quotes, ()).kind == "publisher"


def test_attribution_reads_the_clause_when_no_quotes_are_given() -> None:
    parsed = parse("Diplomats said the talks will resume in March.")
    found = attribution_for(parsed, token_index(parsed, "resume"), (), ())
    assert (found.kind, found.text) == ("anonymous_source", "Diplomats")


# --------------------------------------------------------------------------- demo article


@pytest.fixture(scope="module")
def demo(demo_article: str) -> tuple[Document, ParsedText]:
    text = demo_article[demo_article.index("\nU.S. Secretary of State") + 1 :]
    return Document(doc_id="demo", id="demo", source="demo", text=text), parse(text)


def trudeau_actor(text: str) -> Actor:
    mentions = tuple(
        Mention(word, start, start + len(word))
        for word in ("Prime Minister Justin Trudeau", "Mr. Trudeau")
        for start in _all_starts(text, word)
    )
    return Actor("demo:a1", "demo", "Justin Trudeau", "person", "CAN", "GOV", (), mentions)


def _all_starts(text: str, word: str) -> list[int]:
    starts, at = [], text.find(word)
    while at >= 0:
        starts.append(at)
        at = text.find(word, at + 1)
    return starts


def test_demo_direct_quote_of_the_anonymous_official(demo: tuple[Document, ParsedText]) -> None:
    doc, parsed = demo
    quotes = find_quotes(doc, parsed, ())
    (quote,) = [q for q in quotes if q.text.startswith("It will include South Korea, Japan")]
    assert quote.kind == "direct"
    assert quote.speaker_text == "the official"
    assert quote.anonymous
    assert quote.speaker is not None
    assert quote.speaker.name == "a senior state department official"
    assert doc.text[quote.start : quote.end] == quote.text


def test_demo_reported_speech_of_the_senior_official(demo: tuple[Document, ParsedText]) -> None:
    doc, parsed = demo
    quotes = find_quotes(doc, parsed, ())
    (quote,) = [q for q in quotes if q.text.startswith("the upcoming meeting")]
    assert quote.kind == "reported"
    assert quote.speaker_text == "a senior state department official"
    assert quote.anonymous
    assert quote.cue == "said"
    # the scare quote "without precondition" is no quote
    assert not any("without precondition" in q.text and q.kind == "direct" for q in quotes)


def test_demo_reuters_report_is_an_outlet_attribution(demo: tuple[Document, ParsedText]) -> None:
    doc, parsed = demo
    quotes = find_quotes(doc, parsed, ())
    host = next(t.i for t in parsed.tokens if t.text == "host")
    assert attribution_for(parsed, host, quotes, ()) == attribution_for(parsed, host, (), ())
    found = attribution_for(parsed, host, quotes, ())
    assert (found.kind, found.text) == ("outlet", "Reuters")


def test_demo_trudeau_is_a_named_source(demo: tuple[Document, ParsedText]) -> None:
    doc, parsed = demo
    actor = trudeau_actor(doc.text)
    quotes = find_quotes(doc, parsed, (actor,))
    (quote,) = [q for q in quotes if q.text.startswith("he discussed the possible course")]
    assert quote.speaker_text == "Mr. Trudeau"
    assert quote.speaker is not None and quote.speaker.actor_id == "demo:a1"
    discussed = next(t.i for t in parsed.tokens if t.text == "discussed")
    found = attribution_for(parsed, discussed, quotes, (actor,))
    assert (found.kind, found.text, found.actor_id) == (
        "named_source",
        "Justin Trudeau",
        "demo:a1",
    )


def test_demo_quote_offsets_point_at_the_quoted_words(demo: tuple[Document, ParsedText]) -> None:
    doc, parsed = demo
    for quote in find_quotes(doc, parsed, ()):
        assert quote.quote_id.startswith("demo:q")
        assert doc.text[quote.start : quote.end].startswith(quote.text[:12])


def test_negated_speech_is_no_statement() -> None:
    quotes = quotes_of("The official did not say when the conference will take place.")
    assert quotes == ()


def test_it_speaks_for_the_organization_before_it() -> None:
    text = "The Foreign Ministry held a briefing on Friday. It said the talks would resume."
    parsed = parse(text)
    doc = Document(doc_id="t", id="t", source="test", text=text)
    from herald.actors.stage import find_actors

    actors = find_actors(doc, parsed)
    quotes = find_quotes(doc, parsed, actors)
    (quote,) = [q for q in quotes if q.text.startswith("the talks")]
    assert quote.speaker is not None and quote.speaker.kind == "organization"
