"""event_time: the date of an event from the clauses that govern it."""

from __future__ import annotations

import csv
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from herald.data_files import data_path
from herald.events.syntax import SentenceView, token_ranges
from herald.events.when import event_time, planned_weekday
from herald.events.when_gaps import shift_value
from herald.events.when_relations import compose, relation_words
from herald.parse.model import parse
from herald.records import TimeValue
from herald.time.timexes import find_timexes

RELATIONS = {"same", "before", "on_or_before", "after", "on_or_after"}


def when_of(text: str, trigger: str, published: str | None = "2017-12-18") -> TimeValue | None:
    """The date event_time gives the first token ``trigger`` of a one-sentence text."""
    parsed = parse(text)
    day = dt.date.fromisoformat(published) if published else None
    points = [t for t in find_timexes(parsed, day) if not (t.value or "").startswith("P")]
    spans = token_ranges(parsed, points, [(t.start, t.end) for t in points])
    view = SentenceView.of(parsed, 0)
    index = next(t.i for t in parsed.tokens if t.text == trigger)
    fallback = TimeValue(published, published, "day", "publication") if published else None
    return event_time(view, index, (index,), spans, [], fallback)


# --------------------------------------------------------------------------- the table


def test_relation_words_table() -> None:
    with data_path("time/time_relation_words.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == {"word", "clause", "time"}
    words = [row["word"] for row in rows]
    assert len(words) == len(set(words))
    for row in rows:
        assert row["word"] == row["word"].strip().lower()
        assert {row["clause"], row["time"]} - {""} <= RELATIONS
    # "after X" sets X earlier than the main event; "after 2012" sets the event later
    assert relation_words()["after"] == ("before", "after")
    assert relation_words()["before"] == ("after", "before")
    assert relation_words()["when"][0] == "same"


def test_compose_relations() -> None:
    assert compose("same", "before") == "before"
    assert compose("on_or_before", "on_or_before") == "on_or_before"
    assert compose("before", "on_or_before") == "before"
    assert compose("after", "on_or_after") == "after"
    assert compose("before", "after") is None
    assert compose(None, "same") is None


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(-400, 400),
)
def test_shift_by_days_goes_back_and_forth(day: dt.date, amount: int) -> None:
    there = shift_value(day.isoformat(), "day", amount, "D")
    assert there == (day + dt.timedelta(days=amount)).isoformat()
    assert shift_value(there, "day", -amount, "D") == day.isoformat()


def test_shift_only_at_a_fitting_precision() -> None:
    assert shift_value("2017-11", "month", -2, "M") == "2017-09"
    assert shift_value("2017-01", "month", -1, "M") == "2016-12"
    assert shift_value("2017", "year", 3, "Y") == "2020"
    assert shift_value("2017-11", "month", -1, "D") is None  # a day off an unknown day
    assert shift_value("2017-W50", "week", 1, "W") is None


# --------------------------------------------------------------------------- the rule


def test_reported_past_perfect_in_an_after_clause_takes_the_main_date_as_before() -> None:
    text = (
        "Mr. Tillerson and Ms. Freeland announced the meeting in November after North Korea "
        "said it had carried out a missile test that put the U.S. mainland within reach."
    )
    when = when_of(text, "test")
    assert when is not None
    assert (when.value, when.precision, when.modifier) == ("2017-11", "month", "before")
    assert when.anchor != "publication" and when.text == "November"


def test_event_with_its_own_date_keeps_it_plainly() -> None:
    when = when_of("The army attacked the town on Monday.", "attacked")
    assert when is not None and (when.value, when.modifier) == ("2017-12-18", None)


def test_speech_date_by_tense_of_the_complement() -> None:
    had = when_of("China Eastern stated on Thursday that it had signed a contract.", "signed")
    assert had is not None and (had.value, had.modifier) == ("2017-12-14", "before")
    will = when_of("The ministry said on Thursday that it will hold talks.", "hold")
    assert will is not None and (will.value, will.modifier) == ("2017-12-14", "after")
    state = when_of("The official said on Thursday that talks were going well.", "going")
    assert state is not None and (state.value, state.modifier) == ("2017-12-14", None)


def test_other_modals_in_the_complement_give_no_inherited_date() -> None:
    when = when_of("The ministry said on Thursday that it could hold talks.", "hold")
    assert when is not None and when.anchor == "publication" and when.modifier is None


def test_a_relative_clause_keeps_the_narrator_time() -> None:
    text = "She hinted last year that she had a story about the mogul, who has been accused."
    when = when_of(text, "accused")
    assert when is not None and when.anchor == "publication" and when.modifier is None


def test_gap_before_the_connective_is_not_the_event_date() -> None:
    text = "Days after Mr. Tillerson committed to talk to North Korea, he retreated last week."
    when = when_of(text, "committed")
    assert when is not None and (when.value, when.modifier) == ("2017-W50", "before")


def test_exact_gap_shifts_the_governing_date() -> None:
    text = "GM's move comes a day after Chrysler released a list of dealerships."
    when = when_of(text, "released", "2009-05-15")
    assert when is not None
    assert (when.value, when.precision, when.modifier) == ("2009-05-14", "day", None)
    later = when_of("The army attacked on Monday, two days after rebels seized the airport.",
                    "seized")  # fmt: skip
    assert later is not None and later.value == "2017-12-16"


def test_undated_report_of_an_earlier_act_is_before_publication() -> None:
    when = when_of("North Korea said it had carried out a missile test.", "test")
    assert when is not None
    assert (when.value, when.anchor, when.modifier) == ("2017-12-18", "publication", "before")


def test_future_main_clause_says_nothing_about_publication() -> None:
    when = when_of("He will resign after the committee had voted.", "voted")
    assert when is not None and when.anchor == "publication" and when.modifier is None


def test_preposition_of_the_date_relates_the_event() -> None:
    when = when_of("GM says it will repay its loans by 2017.", "repay")
    assert when is not None and (when.value, when.modifier) == ("2017", "on_or_before")


def test_nothing_without_a_date_or_publication() -> None:
    assert when_of("North Korea said it had carried out a missile test.", "test", None) is None


def test_a_clause_describing_a_participant_does_not_date_the_event() -> None:
    when = when_of(
        "The rebels said they would free 40 prisoners held since the fighting began in March.",
        "free",
    )
    assert when is not None and (when.value, when.anchor) == ("2017-12-18", "publication")
    when = when_of("Police arrested a man who had fled to Spain in 2014.", "arrested")
    assert when is not None and (when.value, when.anchor) == ("2017-12-18", "publication")


def test_the_date_of_a_statement_dates_what_it_says() -> None:
    text = "In a statement emailed on Friday, the minister described the raid as deplorable."
    when = when_of(text, "described")
    assert when is not None and when.value == "2017-12-15"


def test_a_planned_events_bare_weekday_is_the_next_one() -> None:
    monday = TimeValue("March 10", "2025-03-10", "day", "absolute")
    read_as_past = TimeValue("Tuesday", "2025-03-04", "day", "relative")
    assert planned_weekday(read_as_past, monday).value == "2025-03-11"
    ahead = TimeValue("Tuesday", "2025-03-11", "day", "relative")
    assert planned_weekday(ahead, monday) == ahead
    dated = TimeValue("March 4", "2025-03-04", "day", "absolute")  # a date, not a weekday
    assert planned_weekday(dated, monday) == dated
