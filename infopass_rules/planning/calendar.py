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

Years past the ``holidays`` package's own calendar. The package computes the United States
holidays up to a last year (2100 in its current releases) and returns nothing after it, which
would make every weekday of 2101 a business day, Christmas included. For every later year this
module computes the statutory holidays itself, by the rule of 5 U.S.C. 6103(a) as in force since
2021 (New Year's Day, Birthday of Martin Luther King, Jr., Washington's Birthday, Memorial Day,
Juneteenth, Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day, Christmas
Day) with the same observed dates (:func:`statutory_holidays`), a rule the tests check against
the package for every year from 2021 to its last. So the calendar answers for every date
``datetime.date`` can hold, 0001-01-01 to 9999-12-31, the same range the planner accepts (a
decision's own dates, 1900-01-01 to 2199-12-31 plus its waits, fall well inside it): holidays
past the package's last year are the holidays of today's law, and one-off closures are known
only as far as the installed package lists them. Before 1777 the United States kept no federal
holiday, and none is listed. The calendar ends with the holidays of 9999: New Year's Day of the
year 10000 (a Saturday, which ``datetime.date`` cannot hold) is not counted, so 9999-12-31 is a
business day.

Each year's closed days are computed once and cached, so checking a day is a set look-up.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from functools import cache

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v

__all__ = [
    "business_days",
    "closed_days",
    "is_business_day",
    "next_business_day",
    "statutory_holidays",
]

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
    _check_year(year)
    return _closed_days(year, _CLOSURES(closures))


def _check_year(year: object) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidValue("must be a year", field="year", value=year, expected="an int 1..9999")


@cache
def _closed_days(year: int, closures: bool) -> frozenset[_dt.date]:
    # Imported here, not at module level: loading holidays' country tables costs tens of
    # milliseconds, and software that only builds facts should not pay for it.
    import holidays

    if year > _package_last_year():
        return statutory_holidays(year)
    categories = _WITH_CLOSURES if closures else _STATUTORY
    table = holidays.country_holidays("US", years=year, categories=categories, observed=True)
    # An observed date can fall in the year next to its holiday's (New Year's Day 2022 was
    # observed on 2021-12-31); holidays lists it under the year it falls in, which is the one
    # asked about here, so filtering by year keeps each table exact.
    return frozenset(day for day in table if day.year == year)


@cache
def _package_last_year() -> int:
    """The last year the ``holidays`` package computes United States holidays for."""
    import holidays

    end = getattr(holidays.country_holidays("US"), "end_year", None)
    # A release without the attribute, or one claiming every year, computes the next year's
    # New Year's Day even for 9999 and fails there: past 2100 the rule here answers.
    if isinstance(end, int) and not isinstance(end, bool) and end < 9999:
        return end
    return _LAST_YEAR_OF_OLD_RELEASES


# The year the holidays package's United States calendar ended with before it said so itself.
_LAST_YEAR_OF_OLD_RELEASES = 2100
_MONDAY, _THURSDAY, _FRIDAY, _SUNDAY = 0, 3, 4, 6
# 5 U.S.C. 6103(a): the holidays on a fixed day of the year (month, day).
_FIXED_HOLIDAYS = ((1, 1), (6, 19), (7, 4), (11, 11), (12, 25))
# ... and those on a weekday of a month: (month, weekday, which one; -1 for the last).
_WEEKDAY_HOLIDAYS = (
    (1, _MONDAY, 3),  # Birthday of Martin Luther King, Jr.
    (2, _MONDAY, 3),  # Washington's Birthday
    (5, _MONDAY, -1),  # Memorial Day
    (9, _MONDAY, 1),  # Labor Day
    (10, _MONDAY, 2),  # Columbus Day
    (11, _THURSDAY, 4),  # Thanksgiving Day
)


def statutory_holidays(year: int) -> frozenset[_dt.date]:
    """The federal holidays of ``year`` by the rule of 5 U.S.C. 6103 as in force since 2021.

    The eleven holidays of 6103(a), each on its day and, when that day is a Saturday, on the
    Friday before or, when a Sunday, on the Monday after (the day federal employees observe it).
    New Year's Day of the next year falling on a Saturday is observed on 31 December of this one;
    New Year's Day of this year on a Saturday is observed in the year before, so not listed; that
    of the year 10000, past ``datetime.date``, is not counted in 9999. This is how
    :func:`closed_days` goes on past the last year the ``holidays`` package computes; for earlier
    years the package's tables, which follow the law's history (Juneteenth only from 2021,
    Martin Luther King, Jr. Day from 1986), answer instead.

    Args:
        year: the calendar year.

    Returns:
        The holiday dates, actual and observed, that fall in ``year``.

    Raises:
        InvalidValue: ``year`` is not an int between 1 and 9999.
    """
    _check_year(year)
    days: set[_dt.date] = set()
    for month, day_of_month in _FIXED_HOLIDAYS:
        days.add(_dt.date(year, month, day_of_month))
        days.add(_observed(_dt.date(year, month, day_of_month)))
    for month, weekday, which in _WEEKDAY_HOLIDAYS:
        days.add(_weekday_of(year, month, weekday, which))
    # Next year's New Year's Day on a Saturday: observed on 31 December. The year 10000 is not
    # in the calendar (``datetime.date`` cannot hold it), so neither is its New Year's Day.
    if year < _dt.MAXYEAR and _dt.date(year, 12, 31).weekday() == _FRIDAY:
        days.add(_dt.date(year, 12, 31))
    return frozenset(day for day in days if day.year == year)


def _observed(day: _dt.date) -> _dt.date:
    """The day a holiday falling on ``day`` is observed (5 U.S.C. 6103(b), E.O. 11582)."""
    if day.weekday() == _SATURDAY:
        return day - _ONE_DAY  # never 0001-01-01, a Monday
    if day.weekday() == _SUNDAY:
        return day + _ONE_DAY
    return day


def _weekday_of(year: int, month: int, weekday: int, which: int) -> _dt.date:
    """The ``which``-th ``weekday`` of the month (``which`` -1: the last)."""
    if which > 0:
        first = _dt.date(year, month, 1)
        return first + _dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1))
    last = _dt.date(year, month + 1, 1) - _ONE_DAY  # never December: Memorial Day is in May
    return last - _dt.timedelta(days=(last.weekday() - weekday) % 7)


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
