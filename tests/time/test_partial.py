"""Partial ISO 8601 values: one module gives every stage the same first and last days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.time.partial import bounds, exact_day, first_day, last_day


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2017-12-19", dt.date(2017, 12, 19), dt.date(2017, 12, 19)),
        ("2018-02", dt.date(2018, 2, 1), dt.date(2018, 2, 28)),
        ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
        ("2017-W51", dt.date(2017, 12, 18), dt.date(2017, 12, 24)),
        ("2018-Q1", dt.date(2018, 1, 1), dt.date(2018, 3, 31)),
        ("2017-Q4", dt.date(2017, 10, 1), dt.date(2017, 12, 31)),
        # A season is three months, not its whole year (the modality stage once said 2018).
        ("2018-SU", dt.date(2018, 6, 1), dt.date(2018, 8, 31)),
        ("2018-WI", dt.date(2018, 12, 1), dt.date(2019, 2, 28)),
        ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        # A century is a date too (the modality stage once said nothing).
        ("19", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
        ("2017-12-19T10:00", dt.date(2017, 12, 19), dt.date(2017, 12, 19)),
    ],
)
def test_bounds_of_partial_values(value: str, first: dt.date, last: dt.date) -> None:
    assert bounds(value) == (first, last)
    assert first_day(value) == first
    assert last_day(value) == last


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "2017-13", "2017-W60", "soon", "1"])
def test_no_date_gives_none(value: str | None) -> None:
    assert bounds(value) is None and first_day(value) is None and last_day(value) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_full_date_and_its_month(day: dt.date) -> None:
    assert bounds(day.isoformat()) == (day, day)
    first, last = bounds(day.isoformat()[:7])
    assert first == day.replace(day=1) and first <= day <= last and last.month == day.month


@given(st.text(max_size=12))
def test_bounds_never_raise_and_are_ordered(value: str) -> None:
    found = bounds(value)
    assert found is None or found[0] <= found[1]


def test_exact_day_only_for_one_day() -> None:
    assert exact_day("2017-12-18") == dt.date(2017, 12, 18)
    assert exact_day("2017-12-18T10:00:00Z") == dt.date(2017, 12, 18)
    assert (
        exact_day("2017-12") is None and exact_day("2017-W51") is None and exact_day(None) is None
    )
