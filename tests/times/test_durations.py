"""Durations: in words, in days for comparison, added to dates (whole months, the fraction of a
month, weeks, float noise), and the exact errors for a bad value, a bad unit and a result past
``date.max``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from infopass_rules.errors import InvalidValue
from infopass_rules.times.durations import AVERAGE_MONTH_DAYS, FRACTIONAL_MONTH_DAYS, Duration

D = dt.date


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration(1, "months"), "1 month"),
        (Duration(1.0, "weeks"), "1 week"),
        (Duration(2, "months"), "2 months"),
        (Duration(29.5, "months"), "29.5 months"),
        (Duration(0, "weeks"), "0 weeks"),
        (Duration(0.5, "weeks"), "0.5 weeks"),
    ],
)
def test_a_duration_in_words(duration: Duration, text: str) -> None:
    assert str(duration) == text


@pytest.mark.parametrize(
    ("duration", "days"),
    [
        (Duration(2, "months"), 60.87375),
        (Duration(3, "weeks"), 21.0),
        (Duration(1.5, "weeks"), 10.5),
        (Duration(0, "months"), 0.0),
    ],
)
def test_approximate_days_for_comparisons(duration: Duration, days: float) -> None:
    assert duration.approx_days() == pytest.approx(days, abs=1e-12)


def test_the_constants_are_the_documented_ones() -> None:
    assert FRACTIONAL_MONTH_DAYS == 31
    assert AVERAGE_MONTH_DAYS == 365.2425 / 12


@pytest.mark.parametrize(
    ("duration", "start", "end"),
    [
        # whole calendar months: 31 January + 1 month is the last day of February
        (Duration(1, "months"), D(2020, 1, 31), D(2020, 2, 29)),
        (Duration(1, "months"), D(2021, 1, 31), D(2021, 2, 28)),
        (Duration(12, "months"), D(2020, 2, 29), D(2021, 2, 28)),
        # half a month is ceil(15.5) = 16 days, after the whole months
        (Duration(29.5, "months"), D(2020, 1, 15), D(2022, 7, 1)),
        (Duration(0.5, "months"), D(2020, 1, 1), D(2020, 1, 17)),
        # 0.1 month is ceil(3.1) = 4 days
        (Duration(1.1, "months"), D(2020, 1, 1), D(2020, 2, 5)),
        # (2 + 9/31 - 2) * 31 is 9.000000000000005 in floating point: 9 days, not 10
        (Duration(2 + 9 / 31, "months"), D(2020, 1, 1), D(2020, 3, 10)),
        (Duration(0, "months"), D(2020, 1, 1), D(2020, 1, 1)),
        # weeks: seven days each, a fractional day rounded up
        (Duration(2, "weeks"), D(2020, 1, 1), D(2020, 1, 15)),
        (Duration(1.5, "weeks"), D(2020, 1, 1), D(2020, 1, 12)),
        (Duration(0.1, "weeks"), D(2020, 1, 1), D(2020, 1, 2)),
        (Duration(5 / 7, "weeks"), D(2020, 1, 1), D(2020, 1, 6)),
    ],
)
def test_adding_a_duration_to_a_date(duration: Duration, start: dt.date, end: dt.date) -> None:
    assert duration.add_to(start) == end


@pytest.mark.parametrize(
    ("duration", "start", "words"),
    [
        (Duration(1, "months"), D(9999, 12, 15), "1 month"),
        (Duration(0.5, "months"), D(9999, 12, 20), "0.5 months"),
        (Duration(1, "weeks"), D(9999, 12, 30), "1 week"),
    ],
)
def test_a_date_past_date_max_is_refused(duration: Duration, start: dt.date, words: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        duration.add_to(start)
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "start",
        f"{words} after this date is past the last representable date",
        start,
        "a date early enough to add the duration to",
    )
    assert isinstance(error.__cause__, OverflowError | ValueError)


def test_the_last_representable_results_are_accepted() -> None:
    assert Duration(1, "weeks").add_to(D(9999, 12, 24)) == dt.date.max
    assert Duration(1, "months").add_to(D(9999, 11, 30)) == D(9999, 12, 30)


@pytest.mark.parametrize(
    ("kwargs", "field", "problem", "value", "expected"),
    [
        ({"value": "5"}, "value", "must be a number", "5", "a non-negative number"),
        ({"value": True}, "value", "must be a number", True, "a non-negative number"),
        ({"value": None}, "value", "must be a number", None, "a non-negative number"),
        (
            {"value": -0.5},
            "value",
            "must be finite and not negative",
            -0.5,
            "a non-negative number",
        ),
        (
            {"value": float("inf")},
            "value",
            "must be finite and not negative",
            float("inf"),
            "a non-negative number",
        ),
        ({"unit": "Months"}, "unit", "is not a duration unit", "Months", "'months' or 'weeks'"),
        ({"unit": "days"}, "unit", "is not a duration unit", "days", "'months' or 'weeks'"),
        ({"unit": None}, "unit", "is not a duration unit", None, "'months' or 'weeks'"),
    ],
)
def test_bad_values_and_units_give_exact_errors(
    kwargs: dict[str, object], field: str, problem: str, value: object, expected: str
) -> None:
    arguments: dict[str, object] = {"value": 1, "unit": "months", **kwargs}
    with pytest.raises(InvalidValue) as caught:
        Duration(**arguments)  # type: ignore[arg-type]
    error = caught.value
    assert (error.field, error.problem, error.expected) == (field, problem, expected)
    assert error.value == value
    assert type(error.value) is type(value)


def test_nan_is_refused_as_not_finite() -> None:
    with pytest.raises(InvalidValue) as caught:
        Duration(float("nan"), "weeks")
    assert caught.value.problem == "must be finite and not negative"
    assert caught.value.field == "value"


def test_the_value_becomes_a_float_and_the_unit_stays() -> None:
    duration = Duration(3, "weeks")
    assert (duration.value, duration.unit) == (3.0, "weeks")
    assert type(duration.value) is float
    assert Duration(0, "months").value == 0.0
