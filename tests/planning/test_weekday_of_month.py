"""The weekday holidays of 5 U.S.C. 6103(a) past the holidays package's years are found as "the
n-th weekday of the month" or "the last weekday of the month": the rule itself, for any weekday,
whatever day the month begins or ends on."""

from __future__ import annotations

import datetime as dt

import pytest

from infopass_rules.planning.calendar import _weekday_of, statutory_holidays

D = dt.date
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("year", "month", "weekday", "day"),
    [
        (2024, 5, MON, D(2024, 5, 27)),  # Memorial Day; May 2024 ends on a Friday
        (2021, 5, MON, D(2021, 5, 31)),  # a month ending on the weekday itself
        (2024, 11, THU, D(2024, 11, 28)),  # November 2024 ends on a Saturday
        (2024, 9, SUN, D(2024, 9, 29)),  # September 2024 ends on a Monday, the day after
        (2024, 8, SAT, D(2024, 8, 31)),
        (2024, 6, TUE, D(2024, 6, 25)),  # June 2024 ends on a Sunday
    ],
)
def test_the_last_weekday_of_a_month(year: int, month: int, weekday: int, day: dt.date) -> None:
    assert _weekday_of(year, month, weekday, -1) == day
    assert day.weekday() == weekday
    assert (day + dt.timedelta(days=7)).month != month


@pytest.mark.parametrize(
    ("year", "month", "weekday", "which", "day"),
    [
        (2024, 1, MON, 3, D(2024, 1, 15)),  # Martin Luther King, Jr. Day; January begins Monday
        (2024, 9, MON, 1, D(2024, 9, 2)),  # Labor Day; September begins on a Sunday
        (2024, 11, THU, 4, D(2024, 11, 28)),  # Thanksgiving Day; November begins on a Friday
        (2024, 10, MON, 2, D(2024, 10, 14)),  # Columbus Day; October begins on a Tuesday
    ],
)
def test_the_n_th_weekday_of_a_month(
    year: int, month: int, weekday: int, which: int, day: dt.date
) -> None:
    assert _weekday_of(year, month, weekday, which) == day


def test_memorial_day_past_the_package_s_years_is_the_last_monday_of_may() -> None:
    # May 2150 ends on a Sunday: Memorial Day is Monday the 25th, six days before.
    may = sorted(d for d in statutory_holidays(2150) if d.month == 5)
    assert may == [D(2150, 5, 25)]
