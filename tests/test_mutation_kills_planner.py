"""Tests written to kill mutants that survived in ``planner.py``: hand-worked plans (who is placed
on which day, with which attorney, the reasons for the cases left out and the notes for those
placed late), the exact assumptions for every way a limit is chosen, where the window is cut,
and the exact errors of every validator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

from infopass_rules.errors import InvalidValue, UnknownOffice
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.facts.history import Appointment
from infopass_rules.planning import limits as appointments
from infopass_rules.planning import schedule as planner
from infopass_rules.planning.plan import Plan, PlannerLimits, PlanNote, Unplaced
from infopass_rules.planning.requests import PlanRequest, requests_from_decisions
from infopass_rules.planning.schedule import plan_appointments
from infopass_rules.rules.districts.miami.ladder import MAX_CASES as P_MAX_CASES
from infopass_rules.rules.districts.miami.ladder import OFFICES as P_DISTRICT
from infopass_rules.sources.rulebook import load_rulebook

D = dt.date
MONDAY = D(2024, 3, 11)

FIXED_ASSUMPTIONS = (
    "Business days only: no weekends, no US federal holidays (observed dates included), and no "
    "one-off federal closures (executive orders, national days of mourning).",
    "No case is placed before its earliest date or before the start, {start}.",
    "Cases are placed most urgent first: nearest deadline, then pressing, then earliest allowed "
    "date, then receipt number; a case without a deadline comes after those with one.",
    "Each day, {who} given appointments in alphabetical order, each "
    "appointment filled up to the case limit before the next is opened.",
    "A case whose deadline cannot be met is still placed at its first free slot, with a note.",
)


def receipt(n: int) -> str:
    return f"MSC14900{n:05d}"


def fixed(start: dt.date, attorneys: int) -> tuple[str, ...]:
    who = "the one attorney is" if attorneys == 1 else f"the {attorneys} attorneys are"
    return tuple(a.format(start=start.isoformat(), who=who) for a in FIXED_ASSUMPTIONS)


def layout(plan: Plan) -> list[tuple[dt.date, str | None, tuple[str, ...]]]:
    return [(a.on, a.attorney, a.receipt_numbers) for a in plan.appointments]


# --- Hand-worked plans ------------------------------------------------------------------------


def test_a_week_of_single_case_appointments_most_urgent_first() -> None:
    """Two attorneys, one one-case appointment each a day (caps given at NYC): two cases a day.

    Urgency: r4 (deadline 03-05, long passed), r1 (03-11), r3 (03-12, pressing), r2 (03-12),
    r10 (03-12), then the cases without a deadline: r5 (pressing), r6, r11, r12, r13 (from
    03-11), r9 (from 03-14), r7 (from Saturday 03-16), r8 (from 03-18, after the window).
    """
    requests = [
        PlanRequest(receipt(1), MONDAY, deadline=D(2024, 3, 11)),
        PlanRequest(receipt(2), MONDAY, deadline=D(2024, 3, 12)),
        PlanRequest(receipt(3), MONDAY, deadline=D(2024, 3, 12), pressing=True),
        PlanRequest(receipt(4), D(2024, 3, 1), deadline=D(2024, 3, 5)),
        PlanRequest(receipt(5), MONDAY, pressing=True),
        PlanRequest(receipt(6), MONDAY),
        PlanRequest(receipt(7), D(2024, 3, 16)),
        PlanRequest(receipt(8), D(2024, 3, 18)),
        PlanRequest(receipt(9), D(2024, 3, 14)),
        PlanRequest(receipt(10), MONDAY, deadline=D(2024, 3, 12)),
        PlanRequest(receipt(11), MONDAY),
        PlanRequest(receipt(12), MONDAY),
        PlanRequest(receipt(13), MONDAY),
    ]
    plan = plan_appointments(
        requests,
        attorneys=["Bea", "Ana"],
        office="NYC",
        start=MONDAY,
        horizon_days=6,  # to Sunday 2024-03-17
        limits=PlannerLimits(max_cases=1, max_per_day=1),
    )
    assert layout(plan) == [
        (D(2024, 3, 11), "Ana", (receipt(4),)),
        (D(2024, 3, 11), "Bea", (receipt(1),)),
        (D(2024, 3, 12), "Ana", (receipt(3),)),
        (D(2024, 3, 12), "Bea", (receipt(2),)),
        (D(2024, 3, 13), "Ana", (receipt(10),)),
        (D(2024, 3, 13), "Bea", (receipt(5),)),
        (D(2024, 3, 14), "Ana", (receipt(6),)),
        (D(2024, 3, 14), "Bea", (receipt(11),)),
        (D(2024, 3, 15), "Ana", (receipt(12),)),
        (D(2024, 3, 15), "Bea", (receipt(13),)),
    ]
    assert all(a.office == "NYC" for a in plan.appointments)
    assert plan.unplaced == (
        Unplaced(
            receipt(9),
            "no business-day appointment slot left up to the planning horizon's last day, "
            "2024-03-17: every slot from 2024-03-14 went to more urgent cases",
        ),
        Unplaced(
            receipt(7),
            "no business day between its earliest allowed date, 2024-03-16, and the planning "
            "horizon's last day, 2024-03-17",
        ),
        Unplaced(
            receipt(8),
            "its earliest allowed date, 2024-03-18, is after the planning horizon's last day, "
            "2024-03-17",
        ),
    )
    # r1 and r2 are placed on their deadline day: no note.
    assert plan.notes == (
        PlanNote(
            receipt(4),
            "placed on 2024-03-11, after its deadline 2024-03-05: the deadline passed before its "
            "earliest allowed date, 2024-03-11; it is placed as soon as possible anyway",
        ),
        PlanNote(
            receipt(10),
            "placed on 2024-03-13, after its deadline 2024-03-12: no earlier business-day slot "
            "was free (more urgent cases took them)",
        ),
    )
    assert plan.assumptions == (
        "2024-03-11 to 2024-03-17 at NYC (not a Miami District office then): at most 1 case per "
        "appointment (the cap given; MIA-LIMIT-CASES does not bind outside the district); at "
        "most 1 appointment per attorney per day (the cap given; MIA-LIMIT-DAY does not bind "
        "outside the district).",
        *fixed(MONDAY, 2),
    )


def test_appointments_are_filled_to_the_cap_before_the_next_is_opened() -> None:
    requests = [PlanRequest(receipt(n), MONDAY) for n in range(1, 8)]
    plan = plan_appointments(
        requests,
        attorneys=["Ana"],
        office="NYC",
        start=MONDAY,
        horizon_days=2,
        limits=PlannerLimits(max_cases=3, max_per_day=2),
    )
    assert layout(plan) == [
        (MONDAY, "Ana", (receipt(1), receipt(2), receipt(3))),
        (MONDAY, "Ana", (receipt(4), receipt(5), receipt(6))),
        (D(2024, 3, 12), "Ana", (receipt(7),)),
    ]
    assert plan.unplaced == ()
    assert plan.notes == ()


def test_the_district_limits_bind_at_miami_whatever_looser_caps_are_given() -> None:
    requests = [PlanRequest(receipt(n), MONDAY) for n in range(1, 13)]
    plan = plan_appointments(
        requests,
        attorneys=["Ana", "Bea"],
        office="Miami",
        start=MONDAY,
        horizon_days=0,
        limits=PlannerLimits(max_cases=8, max_per_day=3),
    )
    assert layout(plan) == [
        (MONDAY, "Ana", tuple(receipt(n) for n in range(1, 6))),
        (MONDAY, "Bea", tuple(receipt(n) for n in range(6, 11))),
    ]
    assert [u.receipt_number for u in plan.unplaced] == [receipt(11), receipt(12)]
    assert plan.unplaced[0].reason == (
        "no business-day appointment slot left up to the planning horizon's last day, "
        "2024-03-11: every slot from 2024-03-11 went to more urgent cases"
    )
    assert plan.assumptions[0] == (
        "2024-03-11 to 2024-03-11 at MIA: at most 5 cases per appointment (MIA-LIMIT-CASES, in "
        "force; the looser cap given, 8, yields); at most 1 appointment per attorney per day "
        "(MIA-LIMIT-DAY, in force; the looser cap given, 3, yields)."
    )


def test_a_plan_waits_for_each_release_and_skips_the_weekend_and_holidays() -> None:
    # Friday 2024-05-24; Memorial Day is Monday 2024-05-27.
    requests = [
        PlanRequest(receipt(1), D(2024, 5, 24)),
        PlanRequest(receipt(2), D(2024, 5, 25)),  # a Saturday: first placed on Tuesday
        PlanRequest(receipt(3), D(2024, 5, 29)),
    ]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=D(2024, 5, 24), horizon_days=5
    )
    assert layout(plan) == [
        (D(2024, 5, 24), "Ana", (receipt(1),)),
        (D(2024, 5, 28), "Ana", (receipt(2),)),
        (D(2024, 5, 29), "Ana", (receipt(3),)),
    ]
    assert plan.unplaced == ()


def test_a_case_released_on_the_last_day_of_the_window_is_placed_that_day() -> None:
    requests = [PlanRequest(receipt(1), D(2024, 3, 15))]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=4
    )
    assert layout(plan) == [(D(2024, 3, 15), "Ana", (receipt(1),))]
    late = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=3
    )
    assert late.appointments == ()
    assert late.unplaced == (
        Unplaced(
            receipt(1),
            "its earliest allowed date, 2024-03-15, is after the planning horizon's last day, "
            "2024-03-14",
        ),
    )


def test_a_window_of_weekend_days_only_places_nothing() -> None:
    saturday = D(2024, 3, 16)
    requests = [PlanRequest(receipt(1), saturday)]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=saturday, horizon_days=1
    )
    assert plan.appointments == ()
    assert plan.unplaced == (
        Unplaced(
            receipt(1),
            "no business day between its earliest allowed date, 2024-03-16, and the planning "
            "horizon's last day, 2024-03-17",
        ),
    )


# --- Assumptions: how each limit is chosen, and where the window is cut -------------------------


@pytest.mark.parametrize(
    ("office", "start", "horizon", "limits", "expected"),
    [
        (
            "MIA",
            D(2014, 2, 3),
            14,
            PlannerLimits.DISTRICT,
            (
                "2014-02-03 to 2014-02-10 at MIA: at most 5 cases per appointment "
                "(MIA-LIMIT-CASES is not in force before 2014-02-11; its latest known value is "
                "used, to be safe); at most 1 appointment per attorney per day (MIA-LIMIT-DAY is "
                "not in force before 2014-02-11; its latest known value is used, to be safe).",
                "2014-02-11 to 2014-02-17 at MIA: at most 5 cases per appointment "
                "(MIA-LIMIT-CASES, in force); at most 1 appointment per attorney per day "
                "(MIA-LIMIT-DAY, in force).",
            ),
        ),
        (
            "MIA",
            D(2014, 2, 3),
            14,
            PlannerLimits(max_cases=2, max_per_day=3),
            (
                "2014-02-03 to 2014-02-10 at MIA: at most 2 cases per appointment (the cap "
                "given; MIA-LIMIT-CASES is not in force before 2014-02-11); at most 3 "
                "appointments per attorney per day (the cap given; MIA-LIMIT-DAY is not in "
                "force before 2014-02-11).",
                "2014-02-11 to 2014-02-17 at MIA: at most 2 cases per appointment (the cap "
                "given, tighter than MIA-LIMIT-CASES's 5); at most 1 appointment per attorney "
                "per day (MIA-LIMIT-DAY, in force; the looser cap given, 3, yields).",
            ),
        ),
        (
            "MIA",
            D(2020, 1, 6),
            90,
            PlannerLimits(max_cases=5, max_per_day=1),
            (
                "2020-01-06 to 2020-04-05 at MIA: at most 5 cases per appointment "
                "(MIA-LIMIT-CASES, in force); at most 1 appointment per attorney per day "
                "(MIA-LIMIT-DAY, in force).",
            ),
        ),
        (
            # The district's scope, then the limits, change in the window; NYC is outside it
            # throughout, so the reasons never change and the window is not cut.
            "NYC",
            D(2012, 5, 1),
            1000,
            PlannerLimits(max_cases=1),
            (
                "2012-05-01 to 2015-01-26 at NYC (not a Miami District office then): at most 1 "
                "case per appointment (the cap given; MIA-LIMIT-CASES does not bind outside the "
                "district); at most 1 appointment per attorney per day (MIA-LIMIT-DAY does not "
                "bind outside the district; its latest known value is used, to be safe).",
            ),
        ),
        (
            "MIA",
            D(2012, 5, 21),
            1,
            PlannerLimits(max_per_day=24),
            (
                "2012-05-21 to 2012-05-21 at MIA (not a Miami District office then): at most 5 "
                "cases per appointment (MIA-LIMIT-CASES does not bind outside the district; its "
                "latest known value is used, to be safe); at most 24 appointments per attorney per "
                "day (the cap given; MIA-LIMIT-DAY does not bind outside the district).",
                "2012-05-22 to 2012-05-22 at MIA: at most 5 cases per appointment "
                "(MIA-LIMIT-CASES is not in force before 2014-02-11; its latest known value is "
                "used, to be safe); at most 24 appointments per attorney per day (the cap given; "
                "MIA-LIMIT-DAY is not in force before 2014-02-11).",
            ),
        ),
    ],
)
def test_the_assumptions_say_how_each_limit_was_chosen(
    office: str,
    start: dt.date,
    horizon: int,
    limits: PlannerLimits,
    expected: tuple[str, ...],
) -> None:
    plan = plan_appointments(
        [],
        attorneys=["Bea", "Ana"],
        office=office,
        start=start,
        horizon_days=horizon,
        limits=limits,
    )
    assert plan.assumptions == (*expected, *fixed(start, 2))


@pytest.mark.parametrize(
    ("start", "horizon", "periods"),
    [
        # 2014-02-11 (the limits' first day) on the window's last day: a one-day period.
        (D(2014, 2, 4), 7, ["2014-02-04 to 2014-02-10", "2014-02-11 to 2014-02-11"]),
        (D(2014, 2, 4), 6, ["2014-02-04 to 2014-02-10"]),
        (D(2014, 2, 11), 3, ["2014-02-11 to 2014-02-14"]),
        (D(2014, 2, 10), 1, ["2014-02-10 to 2014-02-10", "2014-02-11 to 2014-02-11"]),
    ],
)
def test_the_window_is_cut_on_the_day_a_limit_comes_into_force(
    start: dt.date, horizon: int, periods: list[str]
) -> None:
    plan = plan_appointments([], attorneys=["Ana"], office="MIA", start=start, horizon_days=horizon)
    assert [a.split(" at ")[0] for a in plan.assumptions[: -len(FIXED_ASSUMPTIONS)]] == periods


def test_a_tighter_cap_in_one_period_and_the_district_limit_in_the_next() -> None:
    """Before 2014-02-11 the firm's cap of 2 appointments a day is used; from then on, 1."""
    requests = [PlanRequest(receipt(n), D(2014, 2, 10)) for n in range(1, 5)]
    plan = plan_appointments(
        requests,
        attorneys=["Ana"],
        office="MIA",
        start=D(2014, 2, 10),
        horizon_days=2,
        limits=PlannerLimits(max_cases=1, max_per_day=2),
    )
    assert layout(plan) == [
        (D(2014, 2, 10), "Ana", (receipt(1),)),
        (D(2014, 2, 10), "Ana", (receipt(2),)),
        (D(2014, 2, 11), "Ana", (receipt(3),)),
        (D(2014, 2, 12), "Ana", (receipt(4),)),
    ]


# --- Validation -----------------------------------------------------------------------------


def _error(call: Callable[[], object]) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        call()
    return caught.value


def _plan(**kwargs: object) -> Callable[[], object]:
    arguments: dict[str, object] = {
        "requests": [],
        "attorneys": ["Ana"],
        "office": "MIA",
        "start": MONDAY,
    }
    arguments.update(kwargs)
    return lambda: plan_appointments(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field", "problem", "value", "expected"),
    [
        (
            _plan(requests=[PlanRequest(receipt(1), MONDAY), "x"]),
            "requests[1]",
            "must be a PlanRequest",
            "x",
            "infopass_rules.PlanRequest(receipt_number, earliest, deadline, pressing)",
        ),
        (
            _plan(
                requests=[
                    PlanRequest(receipt(1), MONDAY),
                    PlanRequest(receipt(2), MONDAY),
                    PlanRequest(receipt(1), D(2024, 3, 12)),
                ]
            ),
            "requests[2]",
            f"repeats requests[0] ({receipt(1)})",
            receipt(1),
            "each case once",
        ),
        (_plan(attorneys=[]), "attorneys", "is empty", [], "one name or more"),
        (
            _plan(attorneys=["Ana", "Bea", " Ana "]),
            "attorneys[2]",
            "repeats attorneys[0] (Ana)",
            "Ana",
            "distinct names",
        ),
        (
            _plan(horizon_days=-1),
            "horizon_days",
            "must be a whole number of days",
            -1,
            "an int from 0 to 36525",
        ),
        (
            _plan(horizon_days=36_526),
            "horizon_days",
            "must be a whole number of days",
            36_526,
            "an int from 0 to 36525",
        ),
        (
            _plan(horizon_days=1.0),
            "horizon_days",
            "must be a whole number of days",
            1.0,
            "an int from 0 to 36525",
        ),
        (
            _plan(start=D(9999, 12, 1), horizon_days=31),
            "horizon_days",
            "reaches past the last representable date",
            31,
            "a shorter horizon or an earlier start",
        ),
        (
            _plan(limits=5),
            "limits",
            "must be a PlannerLimits",
            5,
            "PlannerLimits.DISTRICT or PlannerLimits(max_cases=..., max_per_day=...)",
        ),
        (
            lambda: PlannerLimits(max_cases=1001),
            "max_cases",
            "must be a positive whole number",
            1001,
            "None or an int from 1 to 1000",
        ),
        (
            lambda: PlannerLimits(max_cases=0),
            "max_cases",
            "must be a positive whole number",
            0,
            "None or an int from 1 to 1000",
        ),
        (
            lambda: PlannerLimits(max_per_day=25),
            "max_per_day",
            "must be a positive whole number",
            25,
            "None or an int from 1 to 24",
        ),
        (
            lambda: PlannerLimits(max_per_day=True),
            "max_per_day",
            "must be a positive whole number",
            True,
            "None or an int from 1 to 24",
        ),
        (
            lambda: PlannerLimits(max_per_day="2"),
            "max_per_day",
            "must be a positive whole number",
            "2",
            "None or an int from 1 to 24",
        ),
        (
            lambda: PlanRequest(receipt(1), "2024-03-11"),
            "earliest",
            "must be a datetime.date (not a datetime or a string)",
            "2024-03-11",
            "datetime.date(YYYY, M, D)",
        ),
        (
            lambda: PlanRequest(receipt(1), MONDAY, deadline="2024-03-11"),
            "deadline",
            "must be a datetime.date (not a datetime or a string)",
            "2024-03-11",
            "datetime.date(YYYY, M, D)",
        ),
        (
            lambda: PlanRequest(receipt(1), MONDAY, pressing=1),
            "pressing",
            "must be True or False",
            1,
            "a bool",
        ),
    ],
)
def test_bad_arguments_give_exact_errors(
    call: Callable[[], object], field: str, problem: str, value: object, expected: str
) -> None:
    error = _error(call)
    assert (error.field, error.problem, error.expected) == (field, problem, expected)
    assert error.value == value
    assert type(error.value) is type(value)


def test_a_bad_receipt_number_in_a_request_names_its_field() -> None:
    error = _error(lambda: PlanRequest("MSC12", MONDAY))
    assert error.field == "receipt_number"
    assert PlanRequest(" msc-14900-00001 ", MONDAY).receipt_number == receipt(1)


@pytest.mark.parametrize(
    ("cases", "days", "expected"),
    [
        (1000, 24, (1000, 24)),
        (1, 1, (1, 1)),
        (None, None, (None, None)),
    ],
)
def test_planner_limits_accept_their_bounds(
    cases: int | None, days: int | None, expected: tuple[int | None, int | None]
) -> None:
    limits = PlannerLimits(max_cases=cases, max_per_day=days)
    assert (limits.max_cases, limits.max_per_day) == expected


def test_the_longest_horizon_is_accepted() -> None:
    plan = plan_appointments([], attorneys=["Ana"], office="NYC", start=MONDAY, horizon_days=36_525)
    assert plan.assumptions[0].startswith("2024-03-11 to 2124-03-12 at NYC")


# --- From decisions -------------------------------------------------------------------------


@attrs.frozen
class FakeDecision:
    action: Action
    earliest: object
    channels: object


IN_PERSON = frozenset({Channel.INFOPASS, Channel.CONTACT_CENTER})


def test_requests_take_the_first_deadline_on_or_after_the_earliest_date() -> None:
    deadlines = (
        Deadline(D(2024, 3, 8), "trip"),
        Deadline(MONDAY, "job"),
        Deadline(D(2024, 4, 1), "x"),
    )
    on_the_day = Case(receipt(1), "MIA", deadlines=deadlines)
    after = Case(receipt(2), "MIA", deadlines=(Deadline(D(2024, 3, 10), "trip"),))
    listed = [
        (on_the_day, FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
        (after, FakeDecision(Action.INQUIRE, MONDAY, frozenset({Channel.INFOPASS}))),
        (Case(receipt(3), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, [Channel.INFOPASS])),
    ]
    assert requests_from_decisions(listed) == (
        PlanRequest(receipt(1), MONDAY, deadline=MONDAY),
        PlanRequest(receipt(2), MONDAY),
        PlanRequest(receipt(3), MONDAY),
    )


def _pairs_error(pairs: object) -> InvalidValue:
    return _error(lambda: requests_from_decisions(pairs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pairs", "field", "problem", "value", "expected"),
    [
        (
            "pairs",
            "pairs",
            "must be a collection (tuple, list, set)",
            "pairs",
            "a collection of at most 1000000 items",
        ),
        (
            [(Case(receipt(1), "MIA"),)],
            "pairs[0]",
            "must be a (case, decision) pair",
            (Case(receipt(1), "MIA"),),
            "a tuple (infopass_rules.Case, a decision)",
        ),
        (
            [[Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON), 3]],
            "pairs[0]",
            "must be a (case, decision) pair",
            [Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON), 3],
            "a tuple (infopass_rules.Case, a decision)",
        ),
        (
            [("case", FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON))],
            "pairs[0]",
            "must be a (case, decision) pair",
            ("case", FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
            "a tuple (infopass_rules.Case, a decision)",
        ),
        (
            [(Case(receipt(1), "MIA"), object())],
            "pairs[0][1].earliest",
            "has no earliest date",
            None,
            "a datetime.date or None",
        ),
        (
            [(Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, "2024-03-11", IN_PERSON))],
            "pairs[0][1].earliest",
            "has no earliest date",
            "2024-03-11",
            "a datetime.date or None",
        ),
        (
            [
                (
                    Case(receipt(1), "MIA"),
                    FakeDecision(Action.INQUIRE, dt.datetime(2024, 3, 11), IN_PERSON),
                )
            ],
            "pairs[0][1].earliest",
            "has no earliest date",
            dt.datetime(2024, 3, 11),
            "a datetime.date or None",
        ),
        (
            [(Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, "INFOPASS"))],
            "pairs[0][1].channels",
            "has no channels",
            "INFOPASS",
            "a frozenset of infopass_rules.Channel",
        ),
        (
            [(Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, None))],
            "pairs[0][1].channels",
            "has no channels",
            None,
            "a frozenset of infopass_rules.Channel",
        ),
        (
            [
                (Case(receipt(1), "MIA"), FakeDecision(Action.NONE, None, frozenset())),
                (Case(receipt(2), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                (Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
            ],
            "pairs[2]",
            f"repeats pairs[0] ({receipt(1)})",
            receipt(1),
            "each case once",
        ),
    ],
)
def test_bad_pairs_give_exact_errors(
    pairs: object, field: str, problem: str, value: object, expected: str
) -> None:
    error = _pairs_error(pairs)
    assert (error.field, error.problem, error.expected) == (field, problem, expected)
    assert error.value == value


def test_a_decision_without_earliest_or_infopass_is_skipped() -> None:
    pairs = [
        (Case(receipt(1), "MIA"), FakeDecision(Action.NONE, None, frozenset({Channel.INFOPASS}))),
        (Case(receipt(2), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, frozenset({Channel.MAIL}))),
        (Case(receipt(3), "MIA", pressing=True), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
    ]
    assert requests_from_decisions(pairs) == (PlanRequest(receipt(3), MONDAY, pressing=True),)


def test_a_plan_request_is_exactly_what_it_was_given() -> None:
    request = PlanRequest(receipt(1), MONDAY, deadline=D(2024, 4, 1), pressing=True)
    assert (request.receipt_number, request.earliest, request.deadline, request.pressing) == (
        receipt(1),
        MONDAY,
        D(2024, 4, 1),
        True,
    )
    default = PlanRequest(receipt(2), MONDAY)
    assert (default.deadline, default.pressing) == (None, False)


def test_the_appointments_of_a_plan_are_real_appointments() -> None:
    plan = plan_appointments(
        [PlanRequest(receipt(1), MONDAY)], attorneys=["Ana"], office="Miami", start=MONDAY
    )
    assert plan.appointments == (Appointment(MONDAY, "MIA", [receipt(1)], attorney="Ana"),)


# --- Further boundaries ------------------------------------------------------------------------


def test_a_less_urgent_case_released_first_is_not_held_back_by_a_more_urgent_later_one() -> None:
    wednesday = D(2024, 3, 13)
    requests = [
        PlanRequest(receipt(1), wednesday, deadline=D(2024, 3, 14)),
        PlanRequest(receipt(2), MONDAY),
    ]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=4
    )
    assert layout(plan) == [(MONDAY, "Ana", (receipt(2),)), (wednesday, "Ana", (receipt(1),))]


def test_three_periods_each_end_the_day_before_the_next() -> None:
    plan = plan_appointments(
        [], attorneys=["Ana"], office="MIA", start=D(2012, 5, 21), horizon_days=700
    )
    assert [a.split(" at ")[0] for a in plan.assumptions[: -len(FIXED_ASSUMPTIONS)]] == [
        "2012-05-21 to 2012-05-21",
        "2012-05-22 to 2014-02-10",
        "2014-02-11 to 2014-04-21",
    ]


def _book_with_a_wider_district_from(day: dt.date) -> object:
    """The shipped rule book, with West Palm Beach added to the district from ``day``."""
    book = load_rulebook()
    district = book.parameters[P_DISTRICT]
    wider = attrs.evolve(district.values[-1], start=day, value=[*district.values[-1].value, "WPB"])
    parameters = {
        **book.parameters,
        P_DISTRICT: attrs.evolve(district, values=(*district.values, wider)),
    }
    return attrs.evolve(book, parameters=parameters)


def test_a_change_that_leaves_the_limits_alone_does_not_cut_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The district's scope changes on 2013-01-01 without changing Miami's limits: that period
    merges with the one before it, and the limits' own start (2014-02-11) still cuts."""
    book = _book_with_a_wider_district_from(D(2013, 1, 1))
    monkeypatch.setattr(planner, "load_rulebook", lambda: book)
    monkeypatch.setattr(appointments, "load_rulebook", lambda: book)
    plan = plan_appointments(
        [], attorneys=["Ana"], office="MIA", start=D(2012, 6, 1), horizon_days=700
    )
    assert [a.split(" at ")[0] for a in plan.assumptions[: -len(FIXED_ASSUMPTIONS)]] == [
        "2012-06-01 to 2014-02-10",
        "2014-02-11 to 2014-05-02",
    ]


@pytest.mark.parametrize(("length", "accepted"), [(200, True), (201, False)])
def test_an_attorney_name_is_at_most_200_characters(length: int, accepted: bool) -> None:
    name = "A" * length
    if accepted:
        plan = plan_appointments(
            [PlanRequest(receipt(1), MONDAY)], attorneys=[name], office="MIA", start=MONDAY
        )
        assert plan.appointments[0].attorney == name
    else:
        error = _error(_plan(attorneys=[name]))
        assert error.field == "attorneys[0]"


def test_an_unknown_office_is_named() -> None:
    with pytest.raises(UnknownOffice) as caught:
        plan_appointments([], attorneys=["Ana"], office="Nowhere", start=MONDAY)
    assert caught.value.field == "office"


def test_a_decision_without_channels_is_refused() -> None:
    @attrs.frozen
    class EarliestOnly:
        earliest: dt.date

    error = _pairs_error([(Case(receipt(1), "MIA"), EarliestOnly(MONDAY))])
    assert (error.field, error.problem, error.value) == (
        "pairs[0][1].channels",
        "has no channels",
        None,
    )


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [
        (1, "case per appointment", "1 case per appointment"),
        (5, "case per appointment", "5 cases per appointment"),
        (1, "appointment", "1 appointment"),
        (2, "appointment", "2 appointments"),
    ],
)
def test_a_count_in_words(n: int, unit: str, text: str) -> None:
    assert planner._count(n, unit) == text


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(None, True), (1, True), (7, True), (0, False), (8, False), (True, False), (2.0, False)],
)
def test_an_optional_cap_converter(value: object, accepted: bool) -> None:
    convert = planner._optional_cap("cap", 7)
    if accepted:
        assert convert(value) == value
        return
    error = _error(lambda: convert(value))
    assert (error.field, error.problem, error.value, error.expected) == (
        "cap",
        "must be a positive whole number",
        value,
        "None or an int from 1 to 7",
    )


def test_the_last_representable_day_can_be_planned() -> None:
    last = dt.date.max  # a Friday
    plan = plan_appointments(
        [PlanRequest(receipt(1), last)], attorneys=["Ana"], office="MIA", start=last, horizon_days=0
    )
    assert layout(plan) == [(last, "Ana", (receipt(1),))]
    assert plan.unplaced == ()


def _book_with_an_earlier_case_limit(day: dt.date, cases: int) -> object:
    """The shipped rule book, with MIA-LIMIT-CASES first set to ``cases`` from ``day``."""
    book = load_rulebook()
    limit = book.parameters[P_MAX_CASES]
    earlier = attrs.evolve(limit.values[0], start=day, value=cases)
    parameters = {
        **book.parameters,
        P_MAX_CASES: attrs.evolve(limit, values=(earlier, *limit.values)),
    }
    return attrs.evolve(book, parameters=parameters)


def test_each_period_of_a_three_period_window_uses_its_own_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A case limit of 3 from 2013-01-01, then 5 from 2014-02-11 (with the day limit): the
    window from 2012-12-31 has three periods, and each day is held to its own period's limit."""
    book = _book_with_an_earlier_case_limit(D(2013, 1, 1), 3)
    monkeypatch.setattr(planner, "load_rulebook", lambda: book)
    monkeypatch.setattr(appointments, "load_rulebook", lambda: book)
    early = [PlanRequest(receipt(n), D(2013, 1, 2)) for n in range(1, 5)]
    late = [PlanRequest(receipt(n), D(2014, 2, 11)) for n in range(5, 11)]
    plan = plan_appointments(
        early + late, attorneys=["Ana"], office="MIA", start=D(2012, 12, 31), horizon_days=410
    )
    assert layout(plan) == [
        (D(2013, 1, 2), "Ana", (receipt(1), receipt(2), receipt(3))),
        (D(2013, 1, 3), "Ana", (receipt(4),)),
        (D(2014, 2, 11), "Ana", tuple(receipt(n) for n in range(5, 10))),
        (D(2014, 2, 12), "Ana", (receipt(10),)),
    ]
    assert [a.split(": at most ")[0] for a in plan.assumptions[: -len(FIXED_ASSUMPTIONS)]] == [
        "2012-12-31 to 2012-12-31 at MIA",
        "2013-01-01 to 2014-02-10 at MIA",
        "2014-02-11 to 2014-02-14 at MIA",
    ]


@pytest.mark.parametrize(
    ("attorneys", "who"),
    [(["Ana"], "the one attorney is"), (["Ana", "Ben"], "the 2 attorneys are")],
)
def test_the_attorneys_are_counted_in_words(attorneys: list[str], who: str) -> None:
    plan = plan_appointments([], attorneys=attorneys, office="MIA", start=MONDAY, horizon_days=1)
    assert (
        f"Each day, {who} given appointments in alphabetical order, each appointment filled up "
        "to the case limit before the next is opened." in plan.assumptions
    )
