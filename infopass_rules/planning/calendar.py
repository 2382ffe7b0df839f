"""Business days for in-person appointments: no weekends, no US federal holidays.

In-person appointments are planned only on business days: no Saturday or Sunday
and no US federal holiday, with the *observed* dates included (a holiday falling on a Saturday is
observed on the Friday before, one falling on a Sunday on the Monday after; Juneteenth counts from
2021). The holiday dates come from the ``holidays`` package (its United States calendar, without
a state), which is imported only when a date is first checked, so ``import
infopass_rules.calendar`` stays cheap.

One-off federal closures. Besides the eleven holidays of 5 U.S.C. 6103, federal offices (USCIS
field offices among them) close on days set by executive order: a Christmas Eve or the day after
Christmas (2014-12-26, 2018-12-24, 2019-12-24, 2020-12-24, 2024-12-24, 2025-12-24, 2025-12-26),
a half-day on 2015-12-24, and national days of mourning (2018-12-05, 2025-01-09). By default
(``closures=True``) these are *not* business days either: a planner must never put an
appointment on a day the office is closed, or closes early, and this errs on the side of not
booking. They come from the ``holidays`` package's ``government`` category, so a closure ordered
after the installed ``holidays`` release is unknown until that package is upgraded. Pass
``closures=False`` for the statutory calendar alone (the table OPM publishes).

Each year's closed days are computed once and cached, so checking a day is a set look-up.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from functools import cache

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v

__all__ = ["business_days", "closed_days", "is_business_day", "next_business_day"]

_SATURDAY = 5
_ONE_DAY = _dt.timedelta(days=1)
# holidays' categories for the United States: "public" holds the statutory federal holidays
# with their observed dates; "government" adds the one-off closures of federal offices.
_STATUTORY = ("public",)
_WITH_CLOSURES = ("public", "government")


def closed_days(year: int, *, closures: bool = True) -> frozenset[_dt.date]:
    """The weekdays and weekend days of ``year`` that are federal holidays (observed) or closures.

    Weekends are not listed (they are never business days anyway) unless a holiday falls on one.

    Args:
        year: the calendar year.
        closures: include one-off federal closures (see the module docstring).

    Returns:
        Every holiday date (actual and observed) that falls in ``year``.

    Raises:
        InvalidValue: ``year`` is not an int between 1 and 9999.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidValue("must be a year", field="year", value=year, expected="an int 1..9999")
    return _closed_days(year, _CLOSURES(closures))


@cache
def _closed_days(year: int, closures: bool) -> frozenset[_dt.date]:
    # Imported here, not at module level: loading holidays' country tables costs tens of
    # milliseconds, and software that only builds facts should not pay for it.
    import holidays

    categories = _WITH_CLOSURES if closures else _STATUTORY
    table = holidays.country_holidays("US", years=year, categories=categories, observed=True)
    # An observed date can fall in the year next to its holiday's (New Year's Day 2022 was
    # observed on 2021-12-31); holidays lists it under the year it falls in, which is the one
    # asked about here, so filtering by year keeps each table exact.
    return frozenset(day for day in table if day.year == year)


_CHECKS = {name: v.a_date(name) for name in ("d", "start", "end")}
_CLOSURES = v.a_bool("closures")
_INCLUSIVE = v.a_bool("inclusive")


def _check(value: object, field: str) -> _dt.date:
    return _CHECKS[field](value)


def is_business_day(d: _dt.date, *, closures: bool = True) -> bool:
    """Whether ``d`` is a business day: a weekday that is not a US federal holiday.

    Args:
        d: the day (a ``datetime.date``; a ``datetime`` is refused, its time would be ignored).
        closures: also treat one-off federal closures (executive orders, national days of
            mourning) as closed; see the module docstring.

    Returns:
        True on Monday to Friday unless the day is a federal holiday, actual or observed (or a
        closure, with ``closures``).

    Raises:
        InvalidValue: ``d`` is not a ``datetime.date``.
    """
    day = _check(d, "d")
    flag = _CLOSURES(closures)
    if day.weekday() >= _SATURDAY:
        return False
    return day not in _closed_days(day.year, flag)


def next_business_day(d: _dt.date, *, inclusive: bool = True, closures: bool = True) -> _dt.date:
    """The first business day on or after ``d`` (after ``d`` when ``inclusive`` is False).

    Args:
        d: the day to start from.
        inclusive: whether ``d`` itself may be the answer.
        closures: as for :func:`is_business_day`.

    Raises:
        InvalidValue: ``d`` is not a ``datetime.date``, or no business day follows it before
            ``datetime.date.max``.
    """
    day = _check(d, "d")
    closures = _CLOSURES(closures)
    try:
        if not _INCLUSIVE(inclusive):
            day += _ONE_DAY
        while not is_business_day(day, closures=closures):
            day += _ONE_DAY
    except OverflowError:
        raise InvalidValue(
            "has no business day after it", field="d", value=d, expected="an earlier date"
        ) from None
    return day


def business_days(start: _dt.date, end: _dt.date, *, closures: bool = True) -> Iterator[_dt.date]:
    """The business days from ``start`` to ``end``, both included, in order.

    Args:
        start: the first day of the range.
        end: the last day of the range (an ``end`` before ``start`` yields nothing).
        closures: as for :func:`is_business_day`.

    Raises:
        InvalidValue: ``start`` or ``end`` is not a ``datetime.date`` (raised at the call, not
            on first iteration).
    """
    first = _check(start, "start")
    last = _check(end, "end")
    return _walk(first, last, _CLOSURES(closures))


def _walk(first: _dt.date, last: _dt.date, closures: bool) -> Iterator[_dt.date]:
    day = first
    while day <= last:
        if is_business_day(day, closures=closures):
            yield day
        if day == last:  # stepping past date.max would overflow
            return
        day += _ONE_DAY
