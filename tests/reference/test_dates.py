"""Working days and long dates, worked by hand against the 2024-2026 calendars."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msht.reference.dates import (
    add_working_days,
    is_working_day,
    long_date,
    working_days_between,
)


def test_long_date_reads_as_a_person_writes_it():
    assert long_date(date(2024, 3, 3)) == "3 March 2024"
    assert long_date(None) == ""


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 3, 4), date(2024, 3, 4), 0),  # same day
        (date(2024, 3, 4), date(2024, 3, 5), 1),  # Monday to Tuesday
        (date(2024, 3, 8), date(2024, 3, 11), 1),  # Friday to Monday: the weekend does not count
        # Thursday 28 March 2024 to Tuesday 2 April: Good Friday and Easter Monday are holidays.
        (date(2024, 3, 28), date(2024, 4, 2), 1),
        # Christmas 2026: Thursday 24 to Tuesday 29 December; 25 and 28 (Boxing Day observed) off.
        (date(2026, 12, 24), date(2026, 12, 29), 1),
        # Across a year: Wednesday 31 December 2025 to Friday 2 January 2026; 1 January is off.
        (date(2025, 12, 31), date(2026, 1, 2), 1),
        (date(2024, 3, 5), date(2024, 3, 4), 0),  # backwards
    ],
)
def test_working_days_between_counts_bank_holidays(start, end, expected):
    assert working_days_between(start, end) == expected


def test_add_working_days_skips_weekends_and_bank_holidays():
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)  # over Easter
    assert add_working_days(date(2024, 3, 8), 1) == date(2024, 3, 11)
    assert add_working_days(date(2024, 4, 2), -1) == date(2024, 3, 28)
    assert add_working_days(date(2024, 3, 4), 0) == date(2024, 3, 4)


def test_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2025, 8, 25))  # late summer bank holiday
    assert is_working_day(date(2025, 8, 26))


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 400))
def test_adding_then_counting_gives_the_same_number(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 60))
def test_count_matches_a_day_by_day_walk(start, span):
    end = start + timedelta(days=span)
    walked = sum(1 for n in range(1, span + 1) if is_working_day(start + timedelta(days=n)))
    assert working_days_between(start, end) == walked
