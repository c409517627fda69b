"""The one filter builder: friendly values in, checked EventFilters out, SQL with bound values."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.errors import UnknownValueError, UsageError
from herald.store.filters import EventFilters, event_filters, modes, vocabularies, where_clause


def test_lists_come_as_sequences_or_comma_separated_text():
    assert event_filters(type="consult, agree").types == ("CONSULT", "AGREE")
    assert event_filters(mode=["aerial", "drone"]).modes == ("aerial", "drone")
    assert event_filters(modality="planned,").modalities == ("planned",)
    assert event_filters(sector="gov").sector == "GOV"
    assert event_filters() == EventFilters()


def test_dates_come_as_dates_or_iso_text():
    assert event_filters(since="2017-12-01").since == dt.date(2017, 12, 1)
    assert event_filters(until=dt.date(2018, 1, 1)).until == dt.date(2018, 1, 1)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        event_filters(since="yesterday")
    with pytest.raises(UsageError, match="after until"):
        event_filters(since="2018-01-02", until="2018-01-01")


def test_values_outside_a_vocabulary_are_refused_with_the_list():
    for name, value in (("type", "FOO"), ("mode", "sideways"), ("modality", "wished")):
        with pytest.raises(UnknownValueError) as refused:
            event_filters(**{name: value})
        assert refused.value.field == name and refused.value.value in str(refused.value)
        assert all(valid in str(refused.value) for valid in refused.value.valid)
    with pytest.raises(UnknownValueError, match="material_conflict"):
        event_filters(quad="conflict")
    with pytest.raises(UsageError, match="between 0 and 1"):
        event_filters(min_confidence=1.5)
    assert "aerial" in modes() and set(vocabularies()) == {"types", "quad", "modes", "modalities"}


def test_user_words_only_travel_as_parameters():
    hostile = "x' OR 1=1 --"
    where, params = where_clause(event_filters(actor=hostile, place=hostile, text=hostile))
    assert hostile not in where and params.count(hostile) == 5  # actor twice, place twice
