from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msht.international.ratings import Rating, per, rate

END = date(2025, 3, 31)
AFTER = date(2025, 4, 1)


@pytest.mark.parametrize(
    ("target", "actual", "as_at", "expected"),
    [
        ("100", "100", AFTER, Rating.MET),
        ("100", "150", AFTER, Rating.MET),
        ("100", "99.99", AFTER, Rating.PARTLY_MET),
        ("100", "75", AFTER, Rating.PARTLY_MET),
        ("100", "74.99", AFTER, Rating.NOT_MET),
        ("100", "0", AFTER, Rating.NOT_MET),
        ("100", None, AFTER, Rating.TOO_EARLY),
        ("100", "100", END, Rating.TOO_EARLY),  # the period's last day: not ended yet
        ("100", None, END, Rating.TOO_EARLY),
    ],
)
def test_rating_rule(target, actual, as_at, expected):
    found = rate(
        target=Decimal(target),
        actual=Decimal(actual) if actual is not None else None,
        period_end=END,
        as_at=as_at,
    )
    assert found == expected


def test_no_target_is_not_rated():
    assert rate(target=None, actual=Decimal(5), period_end=END, as_at=AFTER) is None


def test_value_for_money_zero_and_missing_are_not_available():
    assert per(Decimal(1000), 0) is None
    assert per(None, 10) is None
    assert per(Decimal(0), 10) == Decimal("0.00")
    assert per(Decimal(1000), 3) == Decimal("333.33")
    assert per(Decimal(2000), 3) == Decimal("666.67")


@given(
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_rating_is_monotone_in_the_actual(target, actual):
    order = [Rating.NOT_MET, Rating.PARTLY_MET, Rating.MET]
    low = rate(target=target, actual=actual, period_end=END, as_at=AFTER)
    high = rate(target=target, actual=actual + 1, period_end=END, as_at=AFTER)
    assert order.index(high) >= order.index(low)
