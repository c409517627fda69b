"""The time stage: resolve() on its own, the word table, and find_timexes() on real parses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.parse.model import parse
from herald.time.patterns import clock_value
from herald.time.timexes import WORDS_TABLE, find_timexes, resolve, time_words

MONDAY = dt.date(2017, 12, 18)  # a Monday in December: year boundaries are one month away
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# text, direction, value, precision, anchor, modifier; all against MONDAY
CASES = [
    ("Dec. 18, 2017", None, "2017-12-18", "day", "absolute", None),
    ("18 December 2017", None, "2017-12-18", "day", "absolute", None),
    ("2017-12-18", None, "2017-12-18", "day", "absolute", None),
    ("12/18/2017", None, "2017-12-18", "day", "absolute", None),
    ("18/12/2017", None, "2017-12-18", "day", "absolute", None),
    ("Tuesday, Dec. 19", "future", "2017-12-19", "day", "relative", None),
    ("Oct. 11", "past", "2017-10-11", "day", "relative", None),
    ("Jan. 3", "future", "2018-01-03", "day", "relative", None),
    ("Jan. 3", None, "2018-01-03", "day", "relative", None),  # nearest occurrence
    ("June 1989", None, "1989-06", "month", "absolute", None),
    ("January", "future", "2018-01", "month", "relative", None),
    ("January", "past", "2017-01", "month", "relative", None),
    ("January", None, "2017-01", "month", "relative", None),
    ("last April", None, "2017-04", "month", "relative", None),
    ("next March", None, "2018-03", "month", "relative", None),
    ("June last year", None, "2016-06", "month", "relative", None),
    ("June 12 last year", None, "2016-06-12", "day", "relative", None),
    ("12 June of next year", None, "2018-06-12", "day", "relative", None),
    ("Tuesday", "future", "2017-12-19", "day", "relative", None),
    ("Monday", "past", "2017-12-18", "day", "relative", None),
    ("Monday", "future", "2017-12-25", "day", "relative", None),
    # holidays kept on one day, with their year written or named
    ("New Year's Eve 2015", "past", "2015-12-31", "day", "absolute", None),
    ("next New Year\u2019s Eve", None, "2017-12-31", "day", "relative", None),
    ("New Years Eve 2016", None, "2016-12-31", "day", "absolute", None),
    ("this Christmas Eve", None, "2017-12-24", "day", "relative", None),
    ("Bastille Day last year", None, "2016-07-14", "day", "relative", None),
    ("last Halloween", None, "2017-10-31", "day", "relative", None),
    ("last Christmas Day", None, "2016-12-25", "day", "relative", None),
    ("Sunday", "past", "2017-12-17", "day", "relative", None),
    ("Tuesday", "past", "2017-12-19", "day", "relative", None),  # stamped a zone behind
    ("last Monday", None, "2017-12-11", "day", "relative", None),
    ("Monday night", "past", "2017-12-18TNI", "day", "relative", None),
    ("today", None, "2017-12-18", "day", "relative", None),
    ("yesterday", None, "2017-12-17", "day", "relative", None),
    ("tomorrow", None, "2017-12-19", "day", "relative", None),
    ("tonight", None, "2017-12-18TNI", "day", "relative", None),
    ("this morning", None, "2017-12-18TMO", "day", "relative", None),
    ("last night", None, "2017-12-17TNI", "day", "relative", None),
    ("last week", None, "2017-W50", "week", "relative", None),
    ("this week", None, "2017-W51", "week", "relative", None),
    ("next week", None, "2017-W52", "week", "relative", None),
    ("last month", None, "2017-11", "month", "relative", None),
    ("next month", None, "2018-01", "month", "relative", None),
    ("earlier this month", None, "2017-12", "month", "relative", None),
    ("last year", None, "2016", "year", "relative", None),
    ("this year", None, "2017", "year", "relative", None),
    ("later this year", None, "2017", "year", "relative", None),
    ("early next year", None, "2018", "year", "relative", "early"),
    ("late last year", None, "2016", "year", "relative", "late"),
    ("the end of 1990", None, "1990", "year", "absolute", "late"),
    ("mid-December", None, "2017-12", "month", "relative", "mid"),
    ("2016", None, "2016", "year", "absolute", None),
    ("fiscal 1989", None, "1989", "year", "absolute", None),
    ("this summer", None, "2017-SU", "season", "relative", None),
    ("last fall", None, "2017-FA", "season", "relative", None),
    ("next spring", None, "2018-SP", "season", "relative", None),
    ("the winter of 1995", None, "1995-WI", "season", "absolute", None),
    ("the first quarter", None, "2017-Q1", "quarter", "relative", None),
    ("the fourth quarter", "future", "2017-Q4", "quarter", "relative", None),
    ("Q3 2018", None, "2018-Q3", "quarter", "absolute", None),
    ("the third quarter of 2016", None, "2016-Q3", "quarter", "absolute", None),
    ("last quarter", None, "2017-Q3", "quarter", "relative", None),
    ("the 1990s", None, "199", "decade", "absolute", None),
    ("the '90s", None, "199", "decade", "relative", None),
    ("the early 1990s", None, "199", "decade", "absolute", "early"),
    ("the 20th century", None, "19", "century", "absolute", None),
    ("three days ago", None, "2017-12-15", "day", "relative", None),
    ("two weeks ago", None, "2017-W49", "week", "relative", None),
    ("five months ago", None, "2017-07", "month", "relative", None),
    ("a year ago", None, "2016", "year", "relative", None),
    ("two days from now", None, "2017-12-20", "day", "relative", None),
    ("9 a.m. Tuesday", "future", "2017-12-19T09:00", "day", "relative", None),
    ("two weeks", None, "P2W", None, "absolute", None),
    ("the past year", None, "P1Y", None, "absolute", None),
    ("four hours", None, "PT4H", None, "absolute", None),
    ("a decade", None, "P10Y", None, "absolute", None),
    ("days earlier", None, None, None, "unresolved", None),
    ("a year earlier", None, None, None, "unresolved", None),
    ("several years", None, "PXY", None, "absolute", None),
    ("the coming months", None, None, None, "unresolved", None),
    ("the following day", None, None, None, "unresolved", None),
]

# The rules after TimeML's conventions: text, value; all against MONDAY, no tense cue.
TIMEML_CASES = [
    ("now", "PRESENT_REF"),  # references: TimeML's three reference values
    ("right now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("these days", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("more recently", "PAST_REF"),
    ("the past", "PAST_REF"),
    ("several years ago", "PAST_REF"),
    ("daily", "P1D"),  # sets: how often
    ("weekly", "P1W"),
    ("hourly", "PT1H"),
    ("every day", "P1D"),
    ("each year", "P1Y"),
    ("every quarter", "P1Q"),
    ("a few days", "PXD"),  # vague amounts
    ("several months", "PXM"),
    ("recent years", "PXY"),
    ("the past few weeks", "PXW"),
    ("2 1/2 years", "P2Y6M"),  # halves in the next smaller unit
    ("5 1/2 hours", "PT5H30M"),
    ("20 more years", "P20Y"),
    ("an additional year", "P1Y"),
    ("the past three years", "P3Y"),
    ("three days later", "P3D"),  # TimeML keeps the length of "later"
    ("Friday morning", "2017-12-15TMO"),  # parts of days, clock times
    ("Wednesday evening", "2017-12-13TEV"),
    ("yesterday afternoon", "2017-12-17TAF"),
    ("10:30 p.m. Sunday", "2017-12-17T22:30"),
    ("noon Friday", "2017-12-15T12:00"),
    ("mid-afternoon yesterday", "2017-12-17TAF"),
    ("the year", "2017"),  # the year, week, month of the publication date
    ("the full year", "2017"),
    ("the week", "2017-WXX"),
    ("the quarter", "2017-Q3"),  # the last quarter ended
    ("the latest quarter", "2017-Q3"),
    ("the year-ago quarter", "2016-Q3"),
    ("the year-earlier period", "2016-Q3"),
    ("the 2015 quarter", "2015-Q3"),
    ("nineteen ninety-seven", "1997"),  # years and decades in words (transcripts)
    ("nineteen oh five", "1905"),
    ("the year two thousand", "2000"),
    ("two thousand and one", "2001"),
    ("the nineties", "199"),
]


@pytest.mark.parametrize(("text", "value"), TIMEML_CASES)
def test_resolve_timeml_conventions(text, value):
    assert resolve(text, MONDAY).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10 p.m.", "22:00"),
        ("10 a.m.", "10:00"),
        ("12 p.m.", "12:00"),
        ("12:15 a.m.", "00:15"),
        ("9:45 a.m. EST", "09:45"),
        ("noon", "12:00"),
        ("mid-morning", "MO"),
        ("midnight", None),
    ],
)
def test_clock_values(text, value):
    assert clock_value(text) == value


@pytest.mark.parametrize(("text", "direction", "value", "precision", "anchor", "modifier"), CASES)
def test_resolve_table(text, direction, value, precision, anchor, modifier):
    got = resolve(text, MONDAY, direction)
    assert (got.text, got.value, got.precision, got.anchor, got.modifier) == (
        text,
        value,
        precision,
        anchor,
        modifier,
    )


@pytest.mark.parametrize(
    ("text", "published", "direction", "value"),
    [
        ("January", dt.date(2018, 1, 2), "past", "2018-01"),
        ("last week", dt.date(2018, 1, 1), None, "2017-W52"),  # ISO year of the week
        ("last week", dt.date(2021, 1, 4), None, "2020-W53"),
        ("Friday", dt.date(2018, 1, 1), "past", "2017-12-29"),
        ("Tuesday", dt.date(2017, 12, 31), "future", "2018-01-02"),
        ("Feb. 29", dt.date(2016, 3, 10), "past", "2016-02-29"),
        ("last winter", dt.date(2018, 1, 15), None, "2016-WI"),
        ("this winter", dt.date(2018, 1, 15), None, "2017-WI"),
        ("the first quarter", dt.date(2018, 2, 1), None, "2018-Q1"),
        ("the fourth quarter", dt.date(2018, 2, 1), None, "2017-Q4"),
        ("the '90s", dt.date(1989, 6, 1), None, "189"),
    ],
)
def test_resolve_across_boundaries(text, published, direction, value):
    assert resolve(text, published, direction).value == value


@pytest.mark.parametrize("text", ["Tuesday", "last year", "January", "Oct. 11"])
def test_relative_expressions_stay_unresolved_without_a_date(text):
    got = resolve(text, None, "future")
    assert (got.value, got.precision, got.anchor, got.text) == (None, None, "unresolved", text)


def test_absolute_expressions_need_no_date():
    got = resolve("Dec. 18, 2017", None)
    assert (got.value, got.anchor) == ("2017-12-18", "absolute")


def test_unknown_text_is_unresolved():
    got = resolve("the day the music died", MONDAY)
    assert (got.value, got.anchor) == (None, "unresolved")


def test_a_holiday_without_its_year_is_no_date() -> None:
    # "New Year's Eve celebrations" two years ago, or the coming one: the text must say
    found = find_timexes(parse("Women were robbed during New Year's Eve celebrations."), MONDAY)
    assert not found
    found = find_timexes(parse("Women were robbed on New Year's Eve 2015 in Cologne."), MONDAY)
    assert [(t.text, t.value) for t in found] == [("New Year's Eve 2015", "2015-12-31")]


def test_impossible_dates_have_no_value():
    assert resolve("Feb. 30, 2017", MONDAY).value is None
    assert resolve("2017-13-01", MONDAY).value is None


dates = st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2099, 12, 24))


@given(published=dates, weekday=st.sampled_from(range(7)))
def test_future_weekday_is_one_to_seven_days_ahead(published, weekday):
    value = resolve(WEEKDAYS[weekday], published, "future").value
    assert value is not None
    day = dt.date.fromisoformat(value)
    assert 1 <= (day - published).days <= 7
    assert day.weekday() == weekday


@given(published=dates, weekday=st.sampled_from(range(7)))
def test_past_weekday_is_the_next_day_or_zero_to_five_days_back(published, weekday):
    value = resolve("on " + WEEKDAYS[weekday], published, "past").value
    assert value is None  # "on" is not part of a time expression: the finder leaves it out
    day = dt.date.fromisoformat(resolve(WEEKDAYS[weekday], published, "past").value or "")
    # the day after the stamp is a story stamped a time zone behind where it happened
    assert -1 <= (published - day).days <= 5
    assert day.weekday() == weekday


@given(day=st.dates(min_value=dt.date(1500, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_iso_dates_round_trip(day):
    got = resolve(day.isoformat(), None)
    assert (got.value, got.precision, got.anchor) == (day.isoformat(), "day", "absolute")


@given(day=st.dates(min_value=dt.date(1500, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_dates_round_trip(day):
    text = f"{day:%B} {day.day}, {day.year}"
    assert resolve(text, None).value == day.isoformat()


@given(published=dates, shift=st.integers(min_value=1, max_value=60))
def test_days_ago_counts_back(published, shift):
    value = resolve(f"{shift} days ago", published).value
    assert value == (published - dt.timedelta(days=shift)).isoformat()


@given(published=dates, month=st.integers(min_value=1, max_value=12))
def test_bare_month_lands_within_a_year_on_the_right_side(published, month):
    name = dt.date(2000, month, 1).strftime("%B")
    past = resolve(name, published, "past").value or ""
    future = resolve(name, published, "future").value or ""
    this_month = f"{published.year}-{published.month:02d}"
    assert past <= this_month <= future
    assert past.endswith(f"-{month:02d}") and future.endswith(f"-{month:02d}")
    assert int(future[:4]) - int(past[:4]) in (0, 1)


# --------------------------------------------------------------------------- the table


def test_word_table_has_every_month_weekday_and_season():
    words = time_words()
    assert WORDS_TABLE.read_text(encoding="utf-8").startswith("word,kind,value\n")
    assert sorted({int(v) for v in words["month"].values()}) == list(range(1, 13))
    assert sorted(int(v) for v in words["weekday"].values()) == list(range(7))
    assert set(words["season"].values()) == {"SP", "SU", "FA", "WI"}
    assert words["month"]["sept."] == "9"
    assert set(words["modifier"].values()) <= {"early", "mid", "late", "approx", "none"}
    assert set(words["reference"].values()) == {"PRESENT_REF", "PAST_REF"}
    assert all(v.startswith("P") for v in words["frequency"].values())
    assert sorted(int(v) for v in words["decade_word"].values()) == list(range(2, 10))


# --------------------------------------------------------------------------- find_timexes


def _timexes(text: str, published: dt.date | None = MONDAY):
    parsed = parse(text)
    found = find_timexes(parsed, published)
    for timex in found:  # offsets always slice the text back
        assert timex.start is not None and timex.end is not None
        assert parsed.text[timex.start : timex.end] == timex.text
    return {t.text: t for t in found}


@pytest.mark.slow
def test_future_verb_sends_the_weekday_ahead():
    found = _timexes("U.S. Secretary of State Rex Tillerson will travel to Ottawa on Tuesday.")
    assert set(found) == {"Tuesday"}
    assert (found["Tuesday"].value, found["Tuesday"].anchor) == ("2017-12-19", "relative")


@pytest.mark.slow
def test_past_verb_sends_the_weekday_back():
    found = _timexes("Mr. Tillerson said on Friday that talks had failed.")
    assert found["Friday"].value == "2017-12-15"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The summit is scheduled for January.", "2018-01"),
        ("The summit was held in January.", "2017-01"),
        ("Ministers plan to meet in January.", "2018-01"),
        ("The leaders are to meet in January.", "2018-01"),
        ("The deal must be signed by January.", "2018-01"),
    ],
)
def test_tense_decides_the_year_of_a_month(sentence, expected):
    assert _timexes(sentence)["January"].value == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a verb of planning that names a deed of its own points back in the past tense
        ("Protesters set fire to cars on Friday.", "2017-12-15"),
        ("A man was set ablaze by a mob on Friday.", "2017-12-15"),
        ("The rebels aimed rockets at the base on Friday.", "2017-12-15"),
        ("The index closed near its record high set on Friday.", "2017-12-15"),
        # and ahead in the present or with an infinitive
        ("The vote is set for Friday.", "2017-12-22"),
        ("The leaders are set to meet on Friday.", "2017-12-22"),
        ("The ministry scheduled talks for Friday.", "2017-12-22"),
        ("Activists planned a protest set for Friday.", "2017-12-22"),
        ("Talks were set for Friday.", "2017-12-22"),
    ],
)
def test_a_plan_verb_points_ahead_unless_it_tells_a_past_deed(sentence, expected):
    assert _timexes(sentence)["Friday"].value == expected


@pytest.mark.slow
def test_several_expressions_in_one_text():
    text = (
        "The talks, first proposed in 2016, resumed last week and will end early next year. "
        "Three days ago the ministers met; they meet again on Dec. 21."
    )
    found = _timexes(text)
    assert found["2016"].value == "2016"
    assert found["last week"].value == "2017-W50"
    assert (found["early next year"].value, found["early next year"].modifier) == ("2018", "early")
    assert found["Three days ago"].value == "2017-12-15"
    assert found["Dec. 21"].value == "2017-12-21"


@pytest.mark.slow
def test_scraped_run_on_dates_are_trimmed():
    found = _timexes("The meeting took place on Oct. 11.YURI GRIPAS/REUTERS")
    assert set(found) == {"Oct. 11"}
    assert found["Oct. 11"].value == "2017-10-11"


@pytest.mark.slow
def test_words_that_only_look_like_dates_are_skipped():
    found = _timexes("Officials may march on the capital. 2000 people came. Prices fall.")
    assert found == {}


@pytest.mark.slow
def test_approximate_and_vague_expressions():
    found = _timexes("He has lived there for nearly five years, and left days after the vote.")
    assert (found["five years"].value, found["five years"].modifier) == ("P5Y", "approx")
    assert (found["days"].value, found["days"].anchor) == (None, "unresolved")


@pytest.mark.slow
def test_without_a_publication_date_relative_values_stay_open():
    found = _timexes("The minister will arrive on Tuesday, Dec. 19, 2017.", published=None)
    assert found["Tuesday, Dec. 19, 2017"].value == "2017-12-19"
    found = _timexes("The minister will arrive on Tuesday.", published=None)
    assert (found["Tuesday"].value, found["Tuesday"].anchor) == (None, "unresolved")


@pytest.mark.slow
def test_demo_article_dates(demo_article):
    found = find_timexes(parse(demo_article), dt.date(2017, 12, 18))
    values = {(t.text, t.value) for t in found}
    for expected in [
        ("Tuesday", "2017-12-19"),  # "will travel to Ottawa on Tuesday"
        ("early next year", "2018"),
        ("January", "2018-01"),  # "will co-host the meeting in Vancouver in January"
        ("last week", "2017-W50"),
        ("last month", "2017-11"),
        ("Monday", "2017-12-18"),  # "Speaking ... on Monday, a senior official said"
        ("last year", "2016"),
        ("weeks", None),  # "weeks after reports": a vague stretch, kept unresolved
    ]:
        assert expected in values
    assert all((t.value is None) == (t.anchor == "unresolved") for t in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Once a quarter is named, "the quarter" is that one and "a year ago" its predecessor.
        (
            "Profit rose in the third quarter. Sales in the quarter were up from a year ago.",
            {"the third quarter": "2017-Q3", "the quarter": "2017-Q3", "a year ago": "2016-Q3"},
        ),
        ("Without quarters, sales rose from a year ago.", {"a year ago": "2016"}),
        ("Net income for the year ended June 30 rose.", {"the year": "P1Y", "June 30": None}),
        ("For the year, sales were flat.", {"the year": "2017"}),
        ("The group has fought for years.", {"years": "PXY"}),
        ("He is now in charge and recently moved.", {"now": "PRESENT_REF", "recently": "PAST_REF"}),
        # "that day", "the same month", "that year": the date the text named last, that fine
        (
            "Protesters marched on March 3, 2016. Police arrested 20 of them the same day.",
            {"March 3, 2016": "2016-03-03", "the same day": "2016-03-03"},
        ),
        (
            "The test came on Sept. 3, 2017, and sanctions followed later that month.",
            {"later that month": "2017-09"},
        ),
        ("The treaty was signed in 1998. That year, trade doubled.", {"That year": "1998"}),
    ],
)
def test_values_that_depend_on_the_context(text, expected):
    found = _timexes(text)
    for span, value in expected.items():
        if value is not None:
            assert found[span].value == value


@pytest.mark.slow
def test_that_day_with_no_date_named_before_stays_open():
    # never the publication day: a year named before is too coarse for "that day"
    found = _timexes("In 2015 the party split. That day, its leader resigned.")
    assert found["That day"].value is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith, 52 years old, will succeed him.",  # an age
        "The airline runs four flights a week.",  # a rate
        "It saves $500 million a year.",
        "Average daily volume was light.",
        "Officials said it would take effect from now on.",  # a start, not the present
    ],
)
def test_words_that_are_not_timexes_here(text):
    found = _timexes(text)
    assert not any(t.value in ("P52Y", "P1W", "P1Y", "P1D", "PRESENT_REF") for t in found.values())
