"""Tests written to kill mutants that survived in ``calendar.py``: the closures flag carried
through ``business_days``, the error past ``date.max``, the validation of every argument (field
named, value and expectation exact) and the year filter of the holiday table.
"""

from __future__ import annotations

import datetime as dt

import pytest

from infopass_rules.errors import InvalidValue
from infopass_rules.planning.calendar import (
    business_days,
    closed_days,
    is_business_day,
    next_business_day,
)

D = dt.date


@pytest.mark.parametrize(
    ("closures", "expected"),
    [
        # 2019-12-24 (a Tuesday) is a one-off federal closure, 2019-12-25 Christmas Day.
        (True, [D(2019, 12, 23), D(2019, 12, 26), D(2019, 12, 27)]),
        (False, [D(2019, 12, 23), D(2019, 12, 24), D(2019, 12, 26), D(2019, 12, 27)]),
    ],
)
def test_business_days_honour_the_closures_flag(closures: bool, expected: list[dt.date]) -> None:
    assert list(business_days(D(2019, 12, 21), D(2019, 12, 29), closures=closures)) == expected
    assert is_business_day(D(2019, 12, 24), closures=closures) is (not closures)
    assert next_business_day(D(2019, 12, 24), closures=closures) == expected[1]


def test_the_calendar_reaches_date_max_without_overflowing() -> None:
    assert list(business_days(D(9999, 12, 30), dt.date.max)) == [D(9999, 12, 30), dt.date.max]
    assert next_business_day(dt.date.max) == dt.date.max
    with pytest.raises(InvalidValue) as caught:
        next_business_day(dt.date.max, inclusive=False)
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "d",
        "has no business day after it",
        dt.date.max,
        "an earlier date",
    )
    assert str(error) == (
        "d: has no business day after it; got datetime.date(9999, 12, 31); expected an earlier date"
    )


@pytest.mark.parametrize(
    ("call", "field", "value", "problem", "expected"),
    [
        (lambda: closed_days(0), "year", 0, "must be a year", "an int 1..9999"),
        (lambda: closed_days(10_000), "year", 10_000, "must be a year", "an int 1..9999"),
        (lambda: closed_days(True), "year", True, "must be a year", "an int 1..9999"),
        (
            lambda: closed_days(2020, closures=1),
            "closures",
            1,
            "must be True or False",
            "a bool",
        ),
        (
            lambda: is_business_day(D(2020, 1, 6), closures="yes"),
            "closures",
            "yes",
            "must be True or False",
            "a bool",
        ),
        (
            lambda: next_business_day(D(2020, 1, 6), inclusive=0),
            "inclusive",
            0,
            "must be True or False",
            "a bool",
        ),
        (
            lambda: next_business_day(D(2020, 1, 6), closures=None),
            "closures",
            None,
            "must be True or False",
            "a bool",
        ),
        (
            lambda: business_days(D(2020, 1, 6), D(2020, 1, 7), closures=0),
            "closures",
            0,
            "must be True or False",
            "a bool",
        ),
        (
            lambda: is_business_day("2020-01-06"),
            "d",
            "2020-01-06",
            "must be a datetime.date (not a datetime or a string)",
            "datetime.date(YYYY, M, D)",
        ),
        (
            lambda: business_days("2020-01-06", D(2020, 1, 7)),
            "start",
            "2020-01-06",
            "must be a datetime.date (not a datetime or a string)",
            "datetime.date(YYYY, M, D)",
        ),
        (
            lambda: business_days(D(2020, 1, 6), dt.datetime(2020, 1, 7)),
            "end",
            dt.datetime(2020, 1, 7),
            "must be a datetime.date (not a datetime or a string)",
            "datetime.date(YYYY, M, D)",
        ),
    ],
)
def test_bad_arguments_name_their_field(
    call: object, field: str, value: object, problem: str, expected: str
) -> None:
    assert callable(call)
    with pytest.raises(InvalidValue) as caught:
        call()
    error = caught.value
    assert (error.field, error.problem, error.expected) == (field, problem, expected)
    assert error.value == value
    assert type(error.value) is type(value)


@pytest.mark.parametrize("year", [1, 9999])
def test_the_first_and_last_years_are_accepted(year: int) -> None:
    # The holidays package knows no holiday so far back or ahead: the years are still valid.
    assert closed_days(year) == frozenset()


def test_each_year_lists_only_its_own_days_observed_dates_included() -> None:
    # New Year's Day 2022 (a Saturday) is observed on Friday 2021-12-31: a day of 2021.
    assert D(2021, 12, 31) in closed_days(2021)
    assert D(2021, 12, 31) not in closed_days(2022)
    assert not is_business_day(D(2021, 12, 31))
    # Juneteenth 2021 (a Saturday) is observed on Friday 2021-06-18.
    assert D(2021, 6, 18) in closed_days(2021, closures=False)
    for year in (2019, 2021, 2022, 2025):
        assert {day.year for day in closed_days(year)} == {year}
    assert closed_days(2019) - closed_days(2019, closures=False) == {D(2019, 12, 24)}
