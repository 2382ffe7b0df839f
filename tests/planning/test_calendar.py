"""Business days against OPM's published federal holiday tables, 2014-2026. Its bounds and the
checks of its arguments."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from infopass_rules.errors import InvalidValue
from infopass_rules.planning.calendar import (
    business_days,
    closed_days,
    is_business_day,
    next_business_day,
    statutory_holidays,
)

D = dt.date


# OPM's federal holiday tables (opm.gov, "Federal Holidays"), the day each holiday is observed
# by federal employees: a Saturday holiday on the Friday before, a Sunday one on the Monday
# after. Juneteenth from 2021. Written out by hand, not computed, so the test checks the data.
OPM_FEDERAL_HOLIDAYS = {
    2014: "01-01 01-20 02-17 05-26 07-04 09-01 10-13 11-11 11-27 12-25",
    2015: "01-01 01-19 02-16 05-25 07-03 09-07 10-12 11-11 11-26 12-25",
    2016: "01-01 01-18 02-15 05-30 07-04 09-05 10-10 11-11 11-24 12-26",
    2017: "01-02 01-16 02-20 05-29 07-04 09-04 10-09 11-10 11-23 12-25",
    2018: "01-01 01-15 02-19 05-28 07-04 09-03 10-08 11-12 11-22 12-25",
    2019: "01-01 01-21 02-18 05-27 07-04 09-02 10-14 11-11 11-28 12-25",
    2020: "01-01 01-20 02-17 05-25 07-03 09-07 10-12 11-11 11-26 12-25",
    # 2021-12-31 is New Year's Day 2022 (a Saturday), observed in 2021; no 2022-01-0x then.
    2021: "01-01 01-18 02-15 05-31 06-18 07-05 09-06 10-11 11-11 11-25 12-24 12-31",
    2022: "01-17 02-21 05-30 06-20 07-04 09-05 10-10 11-11 11-24 12-26",
    2023: "01-02 01-16 02-20 05-29 06-19 07-04 09-04 10-09 11-10 11-23 12-25",
    2024: "01-01 01-15 02-19 05-27 06-19 07-04 09-02 10-14 11-11 11-28 12-25",
    2025: "01-01 01-20 02-17 05-26 06-19 07-04 09-01 10-13 11-11 11-27 12-25",
    2026: "01-01 01-19 02-16 05-25 06-19 07-03 09-07 10-12 11-11 11-26 12-25",
}


# One-off closures of federal offices by executive order or proclamation (days of mourning).
FEDERAL_CLOSURES = {
    D(2014, 12, 26),  # day after Christmas
    D(2015, 12, 24),  # Christmas Eve, closed for the second half of the day
    D(2018, 12, 5),  # national day of mourning, President George H. W. Bush
    D(2018, 12, 24),
    D(2019, 12, 24),
    D(2020, 12, 24),
    D(2024, 12, 24),
    D(2025, 1, 9),  # national day of mourning, President Jimmy Carter
    D(2025, 12, 24),
    D(2025, 12, 26),
}


HOLIDAYS = {
    D(year, int(md[:2]), int(md[3:]))
    for year, days in OPM_FEDERAL_HOLIDAYS.items()
    for md in days.split()
}


def _weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d.weekday() < 5]


def test_the_table_is_as_opm_publishes_it() -> None:
    # Sanity of the hand-written table itself: every observed day is a weekday, 10 or 11 a year.
    assert all(d.weekday() < 5 for d in HOLIDAYS)
    assert {year: len(days.split()) for year, days in OPM_FEDERAL_HOLIDAYS.items()} == {
        **dict.fromkeys(range(2014, 2021), 10),
        2021: 12,
        2022: 10,
        **dict.fromkeys(range(2023, 2027), 11),
    }


def test_statutory_calendar_matches_opm_table_2014_2026() -> None:
    closed = [
        d
        for d in _weekdays(D(2014, 1, 1), D(2026, 12, 31))
        if not is_business_day(d, closures=False)
    ]
    assert set(closed) == HOLIDAYS


def test_default_calendar_adds_one_off_closures() -> None:
    closed = [d for d in _weekdays(D(2014, 1, 1), D(2026, 12, 31)) if not is_business_day(d)]
    assert set(closed) == HOLIDAYS | FEDERAL_CLOSURES


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2015, 7, 3), "Independence Day on a Saturday, observed Friday"),
        (D(2021, 12, 31), "New Year's Day 2022 on a Saturday, observed in 2021"),
        (D(2021, 6, 18), "first Juneteenth, on a Saturday, observed Friday"),
        (D(2022, 12, 26), "Christmas on a Sunday, observed Monday"),
        (D(2023, 1, 2), "New Year's Day on a Sunday, observed Monday"),
    ],
)
def test_observed_dates_are_not_business_days(day: dt.date, why: str) -> None:
    assert not is_business_day(day), why


def test_weekends_and_plain_weekdays() -> None:
    assert not is_business_day(D(2024, 3, 9))  # Saturday
    assert not is_business_day(D(2024, 3, 10))  # Sunday
    assert is_business_day(D(2024, 3, 11))
    # Juneteenth was not a federal holiday before 2021.
    assert is_business_day(D(2020, 6, 19))


def test_next_business_day() -> None:
    assert next_business_day(D(2021, 12, 30)) == D(2021, 12, 30)
    assert next_business_day(D(2021, 12, 30), inclusive=False) == D(2022, 1, 3)
    assert next_business_day(D(2021, 12, 31)) == D(2022, 1, 3)
    assert next_business_day(D(2025, 12, 24)) == D(2025, 12, 29)
    assert next_business_day(D(2025, 12, 24), closures=False) == D(2025, 12, 24)


def test_business_days_range() -> None:
    assert list(business_days(D(2025, 12, 22), D(2025, 12, 31))) == [
        D(2025, 12, 22),
        D(2025, 12, 23),
        D(2025, 12, 29),
        D(2025, 12, 30),
        D(2025, 12, 31),
    ]
    assert list(business_days(D(2024, 1, 5), D(2024, 1, 4))) == []


def test_end_of_the_calendar_is_an_error_not_an_overflow() -> None:
    # 9999-12-31 is a Friday: a business day; nothing follows it.
    assert list(business_days(D(9999, 12, 31), D(9999, 12, 31))) == [D(9999, 12, 31)]
    with pytest.raises(InvalidValue, match="no business day after it"):
        next_business_day(D(9999, 12, 31), inclusive=False)


@pytest.mark.parametrize("bad", [dt.datetime(2024, 1, 2, 9, 0), "2024-01-02", None, 20240102])
def test_bad_dates_are_refused(bad: object) -> None:
    with pytest.raises(InvalidValue, match=r"datetime\.date") as info:
        is_business_day(bad)  # type: ignore[arg-type]
    assert info.value.field == "d"
    with pytest.raises(InvalidValue):
        next_business_day(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue) as info:
        business_days(D(2024, 1, 1), bad)  # type: ignore[arg-type]
    assert info.value.field == "end"


@pytest.mark.parametrize("bad", [0, 10000, True, "2024"])
def test_closed_days_checks_the_year(bad: object) -> None:
    with pytest.raises(InvalidValue):
        closed_days(bad)  # type: ignore[arg-type]


def test_closed_days_lists_the_years_holidays() -> None:
    assert D(2021, 12, 31) in closed_days(2021)
    assert D(2021, 12, 31) not in closed_days(2022)
    assert D(2018, 12, 5) not in closed_days(2018, closures=False)


def test_importing_the_module_does_not_import_holidays() -> None:
    code = (
        "import sys, infopass_rules.planning.calendar as c, datetime as d\n"
        "assert 'holidays' not in sys.modules, 'imported eagerly'\n"
        "c.is_business_day(d.date(2024, 1, 1))\n"
        "assert 'holidays' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


class TestBoundsAndArguments:
    """The closures flag, the end of the calendar at date.max, the first and last
    years, the year filter, and every argument's exact error."""

    @pytest.mark.parametrize(
        ("closures", "expected"),
        [
            # 2019-12-24 (a Tuesday) is a one-off federal closure, 2019-12-25 Christmas Day.
            (True, [D(2019, 12, 23), D(2019, 12, 26), D(2019, 12, 27)]),
            (False, [D(2019, 12, 23), D(2019, 12, 24), D(2019, 12, 26), D(2019, 12, 27)]),
        ],
    )
    def test_business_days_honour_the_closures_flag(
        self, closures: bool, expected: list[dt.date]
    ) -> None:
        assert list(business_days(D(2019, 12, 21), D(2019, 12, 29), closures=closures)) == expected
        assert is_business_day(D(2019, 12, 24), closures=closures) is (not closures)
        assert next_business_day(D(2019, 12, 24), closures=closures) == expected[1]

    def test_the_calendar_reaches_date_max_without_overflowing(self) -> None:
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
            "d: has no business day after it; got datetime.date(9999, 12, 31); expected an "
            "earlier date"
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
        self, call: object, field: str, value: object, problem: str, expected: str
    ) -> None:
        assert callable(call)
        with pytest.raises(InvalidValue) as caught:
            call()
        error = caught.value
        assert (error.field, error.problem, error.expected) == (field, problem, expected)
        assert error.value == value
        assert type(error.value) is type(value)

    def test_the_first_and_last_years_are_accepted(self) -> None:
        # The United States kept no federal holiday in the year 1; the year 9999 has the
        # holidays of 5 U.S.C. 6103 by rule (the holidays package stops at 2100).
        assert closed_days(1) == frozenset()
        assert closed_days(9999) == statutory_holidays(9999)
        assert {D(9999, 1, 1), D(9999, 7, 5), D(9999, 12, 24), D(9999, 12, 25)} <= closed_days(9999)

    def test_each_year_lists_only_its_own_days_observed_dates_included(self) -> None:
        # New Year's Day 2022 (a Saturday) is observed on Friday 2021-12-31: a day of 2021.
        assert D(2021, 12, 31) in closed_days(2021)
        assert D(2021, 12, 31) not in closed_days(2022)
        assert not is_business_day(D(2021, 12, 31))
        # Juneteenth 2021 (a Saturday) is observed on Friday 2021-06-18.
        assert D(2021, 6, 18) in closed_days(2021, closures=False)
        for year in (2019, 2021, 2022, 2025):
            assert {day.year for day in closed_days(year)} == {year}
        assert closed_days(2019) - closed_days(2019, closures=False) == {D(2019, 12, 24)}


# Worked out by hand from the rule, not computed: 2101 (New Year's Day on a Saturday is
# observed in 2100, Juneteenth on a Sunday observed Monday, Christmas on a Sunday observed
# Monday), 2150 (Independence Day on a Saturday observed Friday), 2199 (New Year's Day 2200
# on a Wednesday: no 12-31).
LATER_HOLIDAYS = {
    2101: "01-17 02-21 05-30 06-20 07-04 09-05 10-10 11-11 11-24 12-26",
    2150: "01-01 01-19 02-16 05-25 06-19 07-03 09-07 10-12 11-11 11-26 12-25",
    2199: "01-01 01-21 02-18 05-27 06-19 07-04 09-02 10-14 11-11 11-28 12-25",
}


class TestYearsPastTheHolidaysPackage:
    """T1 (hardening, third round): the holidays package stops at 2100, the calendar does not.

    Past the package's last year the statutory holidays are computed by the rule of 5 U.S.C. 6103;
    the rule is checked against the package for every year both know (Juneteenth's first, 2021,
    to 2100), and the days of 2101 on are checked against dates worked out by hand."""

    def test_christmas_2150_is_not_a_business_day(self) -> None:
        assert D(2150, 12, 25).weekday() == 4  # a Friday
        assert not is_business_day(D(2150, 12, 25))
        assert not is_business_day(D(2150, 12, 25), closures=False)
        assert next_business_day(D(2150, 12, 25)) == D(2150, 12, 28)

    @pytest.mark.parametrize("year", range(2021, 2101))
    def test_the_rule_is_the_packages_calendar_for_every_year_both_know(self, year: int) -> None:
        assert statutory_holidays(year) == closed_days(year, closures=False)

    @pytest.mark.parametrize("year", sorted(LATER_HOLIDAYS))
    def test_the_weekday_holidays_of_later_years_are_as_worked_out_by_hand(self, year: int) -> None:
        expected = {D(year, int(md[:2]), int(md[3:])) for md in LATER_HOLIDAYS[year].split()}
        closed = {d for d in _weekdays(D(year, 1, 1), D(year, 12, 31)) if not is_business_day(d)}
        assert closed == expected

    def test_new_years_day_on_a_saturday_is_observed_in_the_year_before(self) -> None:
        # 2101-01-01 is a Saturday: observed Friday 2100-12-31 (by the package), not in 2101.
        assert D(2100, 12, 31) in closed_days(2100)
        assert {d.year for d in closed_days(2101)} == {2101}
        # 2106-01-01 is a Friday, so 2106-12-31 (a Friday) is New Year's Day 2107 observed.
        assert D(2107, 1, 1).weekday() == 5
        assert D(2106, 12, 31) in closed_days(2106)

    def test_every_year_a_decision_can_reach_has_its_holidays(self) -> None:
        # The engine decides as of 1900-01-01 to 2199-12-31 and adds waits and horizons (up to
        # ten years): every year the planner is handed from a decision has a full calendar.
        from infopass_rules.facts.validate import FIRST_DECISION_DATE, LAST_DECISION_DATE

        for year in range(FIRST_DECISION_DATE.year, LAST_DECISION_DATE.year + 11):
            days = closed_days(year, closures=False)
            assert {D(year, 1, 1), D(year, 7, 4), D(year, 12, 25)} <= days, year
            if year >= 2021:  # the eleven holidays of today's law, at most one on a weekend
                assert sum(d.weekday() < 5 for d in days) >= 10, year

    def test_the_year_9999_ends_with_a_business_day(self) -> None:
        # New Year's Day of the year 10000 would be a Saturday, observed Friday 9999-12-31; that
        # year is past datetime.date and not counted, as the module says.
        assert D(9999, 12, 31) not in statutory_holidays(9999)
        assert is_business_day(dt.date.max)

    @pytest.mark.parametrize("bad", [0, 10_000, True, "2150", 2150.0])
    def test_the_rule_checks_its_year(self, bad: object) -> None:
        with pytest.raises(InvalidValue) as caught:
            statutory_holidays(bad)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.expected) == ("year", "an int 1..9999")


@pytest.mark.parametrize(
    ("end_year", "last"),
    [
        (2100, 2100),
        (2200, 2200),  # a later release reaching further is asked for its years
        (9999, 2100),  # one claiming every year would fail at 9999: the rule answers past 2100
        (None, 2100),  # an old release that does not say: past 2100 the rule answers
        (True, 2100),
    ],
)
def test_the_packages_last_year_is_read_from_the_package(
    monkeypatch: pytest.MonkeyPatch, end_year: object, last: int
) -> None:
    import holidays

    from infopass_rules.planning import calendar

    class Table:
        pass

    table = Table()
    if end_year is not None:
        table.end_year = end_year  # type: ignore[attr-defined]
    monkeypatch.setattr(holidays, "country_holidays", lambda *args, **kwargs: table)
    calendar._package_last_year.cache_clear()
    try:
        assert calendar._package_last_year() == last
    finally:
        monkeypatch.undo()
        calendar._package_last_year.cache_clear()
    assert calendar._package_last_year() == holidays.country_holidays("US").end_year
