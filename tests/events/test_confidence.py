"""Confidence calibration: the fitted table, the isotonic fit and the mapping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from herald.events.confidence import bins, calibrate, fit_bins, reliability


def test_table_is_a_monotone_fit_of_counts() -> None:
    table = bins()
    assert len(table) >= 3
    values = [b.calibrated for b in table]
    assert values == sorted(values)
    for b in table:
        assert b.low <= b.mean_raw <= b.high
        assert 0 <= b.right <= b.events
        assert 0.0 <= b.calibrated <= 1.0
    assert sum(b.events for b in table) >= 100  # fitted on the whole PLOVER dev half


@given(st.floats(0, 1), st.floats(0, 1))
def test_calibration_keeps_the_order_of_raw_scores(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert calibrate(low) <= calibrate(high)
    assert 0 < calibrate(low) < 1


def test_pool_adjacent_violators_merges_a_falling_bin() -> None:
    scored = [(0.65, True)] * 3 + [(0.65, False)] + [(0.72, True)] + [(0.72, False)] * 3
    scored += [(0.95, True)] * 4
    fitted = fit_bins(scored, (0.0, 0.7, 0.8, 1.0))
    assert [b.events for b in fitted] == [4, 4, 4]
    assert fitted[0].calibrated == fitted[1].calibrated == 0.5  # 4 right of 8, pooled
    assert fitted[2].calibrated == 1.0


def test_reliability_counts_per_bin() -> None:
    table = reliability([(0.85, True), (0.82, False), (0.95, True), (0.1, False)])
    by_low = {low: (n, right) for low, _, n, right in table}
    assert by_low[0.8] == (2, 1)
    assert by_low[0.9] == (1, 1)
    assert by_low[0] == (1, 0)
