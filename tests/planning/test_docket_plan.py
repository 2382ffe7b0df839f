"""ir.plan_docket: a docket planned across offices, each call and booking saying its purpose.

The field's two reports are reproduced: one attorney given a Contact Center call for each of
twelve offices on one day (the limit is one call a day), and a summary calling inquiries
"cases that need an appointment" while the report counts REQUEST_APPOINTMENT 0.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.planning.docket_plan import carried_columns, carried_value, plan_docket
from infopass_rules.planning.plan import PlannedCall, Purpose
from tests import mixed_docket

D = dt.date
Item = ir.Inquiry | ir.Appointment

#: Twelve offices outside the Miami District (no district limit binds there).
TWELVE = ("SFR", "LOS", "NYC", "CHI", "HOU", "ATL", "BOS", "SEA", "HAR", "ELP", "JAC", "SAC")


def receipt(n: int, prefix: str = "EAC") -> str:
    return f"{prefix}19900{n:05d}"


def report_of(
    cases: Sequence[ir.Case],
    as_of: dt.date,
    history: Mapping[str, tuple[Item, ...]] | None = None,
) -> Any:
    return ir.decide_docket(ir.Docket(tuple(cases), history or {}), as_of=as_of)


def delay(n: int, office: str, prefix: str = "EAC") -> ir.Case:
    """A delayed case, outside processing times from 2018-01-02: an inquiry is due."""
    return ir.Case(
        receipt(n, prefix),
        office,
        received_on=D(2017, 1, 2),
        outside_processing_times_on=D(2018, 1, 2),
    )


@attrs.frozen
class Carrying:
    """A report with the firm's carried columns (``report.carried``), as the docket reader
    passes them on: receipt number -> column -> text."""

    report: Any
    carried: Mapping[str, Mapping[str, str]]

    @property
    def as_of(self) -> dt.date:
        return self.report.as_of  # type: ignore[no-any-return]

    def pairs(self) -> Any:
        return self.report.pairs()


def calls_by(plan: ir.Plan) -> Counter[tuple[str, dt.date]]:
    return Counter((c.attorney, c.on) for c in plan.calls)


# --- The field's reports ----------------------------------------------------------------------


def test_one_attorney_is_never_given_more_calls_a_day_than_the_limit_across_offices() -> None:
    # 12 delayed cases at 12 offices, all under RG-CC: planned office by office, one attorney
    # got 12 calls on 2026-12-07; across offices, one call a business day.
    report = report_of([delay(i, office) for i, office in enumerate(TWELVE)], D(2026, 12, 7))
    plan = plan_docket(report, attorneys=["J. Alvarez"], start=D(2026, 12, 7))
    assert len(plan.calls) == 12
    assert max(calls_by(plan).values()) == 1
    days = [c.on for c in plan.calls]
    assert days == sorted(set(days))
    assert days[0] == D(2026, 12, 7)
    assert all(ir.is_business_day(d) for d in days)
    # Two attorneys: two calls a day, one each.
    plan = plan_docket(report, attorneys=["R. Chen", "J. Alvarez"], start=D(2026, 12, 7))
    assert max(calls_by(plan).values()) == 1
    assert Counter(c.on for c in plan.calls)[D(2026, 12, 7)] == 2


def test_inquiries_are_counted_as_inquiries_not_appointment_requests() -> None:
    from infopass_rules.edges.docket.plan_text import plan_text

    cases = [delay(i, TWELVE[i % 12]) for i in range(24)]
    report = report_of(cases, D(2026, 12, 7))
    assert report.counts[ir.Action.REQUEST_APPOINTMENT] == 0
    assert report.counts[ir.Action.INQUIRE] == 24
    plan = plan_docket(report, attorneys=["J. Alvarez", "R. Chen"], start=D(2026, 12, 7))
    assert {c.purpose for c in plan.calls} == {Purpose.INQUIRY}
    assert not any(c.requests_appointment for c in plan.calls)
    text, _ = plan_text(report, ["J. Alvarez", "R. Chen"], want_ics=False)
    summary = text.split("\n  2026-")[0]
    assert "need an appointment" not in summary
    assert "REQUEST_APPOINTMENT" not in summary
    assert "INQUIRE 24: 24 planned (24 on calls making the inquiry)" in summary
    assert "request an INFOPASS appointment" not in text


# --- Each purpose -----------------------------------------------------------------------------

REFERRAL = D(2019, 4, 1)  # a Monday; Tier 2's call-back to schedule: 1-2 days (CC-APPOINTMENT)
AFTER_WINDOW = D(2019, 4, 4)  # the Tier 2 Supervisor may be asked for from here (AFTER_PERIOD)


def awaiting_tier2(as_of: dt.date) -> Any:
    case = ir.Case(receipt(1, "WAC"), "SFR", issue=ir.Issue.PROOF_OF_STATUS)
    referral = ir.Inquiry(REFERRAL, ir.Channel.CONTACT_CENTER, outcome=ir.Outcome.TIER_2_REFERRAL)
    return report_of([case], as_of, {case.receipt_number: (referral,)})


@pytest.mark.parametrize(
    ("as_of", "called_on"),
    [
        (AFTER_WINDOW - dt.timedelta(days=1), AFTER_WINDOW),  # the call-back is still awaited
        (AFTER_WINDOW, AFTER_WINDOW),
        (AFTER_WINDOW + dt.timedelta(days=1), AFTER_WINDOW + dt.timedelta(days=1)),
    ],
    ids=["day-before", "day-of", "day-after"],
)
def test_no_call_while_tier2_s_call_back_is_awaited_then_one_asking_for_the_supervisor(
    as_of: dt.date, called_on: dt.date
) -> None:
    report = awaiting_tier2(as_of)
    (decision,) = report.decisions
    assert (decision.action, decision.level, decision.earliest) == (
        ir.Action.ESCALATE,
        ir.Level.TIER_2_SUPERVISOR,
        AFTER_WINDOW,
    )
    assert decision.allowed is (as_of >= AFTER_WINDOW)
    plan = plan_docket(report, attorneys=["Ana"], start=as_of)
    (call,) = plan.calls
    assert (call.on, call.purpose) == (called_on, Purpose.TIER_2_SUPERVISOR)
    assert call.callback_window is None
    assert call.appointment_window is None
    assert not call.requests_appointment
    assert plan.appointments == ()
    awaited = [n.note for n in plan.notes if "call-back is awaited" in n.note]
    assert bool(awaited) is (as_of < AFTER_WINDOW)


def test_from_the_referral_day_no_call_is_planned_before_the_window_has_passed() -> None:
    report = awaiting_tier2(REFERRAL + dt.timedelta(days=1))
    plan = plan_docket(report, attorneys=["Ana"], start=REFERRAL + dt.timedelta(days=1))
    assert [c.on for c in plan.calls] == [AFTER_WINDOW]
    (note,) = plan.notes
    assert note.note.startswith(f"no call before {AFTER_WINDOW.isoformat()} (CC-APPOINTMENT until")


def fod_case() -> tuple[ir.Case, dict[str, tuple[Item, ...]]]:
    case = ir.Case(
        "MSC1890000003", "MIA", received_on=D(2017, 1, 2), outside_processing_times_on=D(2018, 1, 2)
    )
    steps = (D(2018, 1, 3), D(2018, 3, 6), D(2018, 4, 6))
    return case, {case.receipt_number: tuple(ir.Inquiry(d, ir.Channel.INFOPASS) for d in steps)}


def test_the_field_office_director_is_asked_for_at_an_appointment_booked_online() -> None:
    case, history = fod_case()
    report = report_of([case], D(2018, 5, 1), history)
    assert report.decisions[0].level is ir.Level.FIELD_OFFICE_DIRECTOR
    plan = plan_docket(report, attorneys=["Ana"], start=D(2018, 5, 1))
    assert plan.calls == ()
    (booking,) = plan.bookings
    assert (booking.purpose, booking.on, booking.office) == (
        Purpose.FIELD_OFFICE_DIRECTOR,
        D(2018, 5, 1),
        "MIA",
    )
    assert plan.purpose_of(case.receipt_number) is Purpose.FIELD_OFFICE_DIRECTOR


def test_under_the_contact_center_the_fod_appointment_is_asked_for_on_a_call() -> None:
    case, history = fod_case()
    report = report_of([case], D(2019, 5, 1), history)
    plan = plan_docket(report, attorneys=["Ana"], start=D(2019, 5, 1))
    assert plan.appointments == ()
    (call,) = plan.calls
    assert (call.purpose, call.requests_appointment, call.regime) == (
        Purpose.FIELD_OFFICE_DIRECTOR,
        True,
        "RG-CC",
    )
    assert call.appointment_window is not None
    assert all(ir.is_business_day(d) for d in call.appointment_window)


@pytest.mark.parametrize(
    ("as_of", "booked", "regime"),
    [(D(2018, 5, 1), True, "RG-SELF"), (D(2019, 5, 1), False, "RG-CC")],
    ids=["self-scheduling", "contact-center"],
)
def test_an_appointment_is_booked_or_requested_by_the_regime(
    as_of: dt.date, booked: bool, regime: str
) -> None:
    case = ir.Case(receipt(7, "MSC"), "MIA", issue=ir.Issue.PROOF_OF_STATUS)
    report = report_of([case], as_of)
    assert report.decisions[0].action is ir.Action.REQUEST_APPOINTMENT
    plan = plan_docket(report, attorneys=["Ana"], start=as_of)
    assert plan.purpose_of(case.receipt_number) is Purpose.APPOINTMENT
    assert bool(plan.appointments) is booked
    if not booked:
        (call,) = plan.calls
        assert call.requests_appointment
        assert call.regime == regime
        assert call.purpose is Purpose.APPOINTMENT


def test_an_inquiry_is_made_in_person_where_the_firm_books_else_by_phone() -> None:
    # RG-SELF in Miami until 2019-02-28, RG-CC from March 1: the same decision, planned on
    # either side, is an appointment booked online, then a call making the inquiry.
    cases = [delay(i, "MIA", "MSC") for i in range(3)]
    report = report_of(cases, D(2019, 2, 27))
    plan = plan_docket(
        report, attorneys=["Ana"], start=D(2019, 2, 27), limits=ir.PlannerLimits(max_cases=1)
    )
    assert [(b.on, b.purpose) for b in plan.bookings] == [
        (D(2019, 2, 27), Purpose.INQUIRY),
        (D(2019, 2, 28), Purpose.INQUIRY),
    ]
    (call,) = plan.calls
    assert (call.on, call.purpose, call.requests_appointment) == (
        D(2019, 3, 1),
        Purpose.INQUIRY,
        False,
    )


def test_an_appointment_already_booked_is_not_booked_again_and_takes_its_attorney_s_day() -> None:
    attend = ir.Case(receipt(1, "MSC"), "MIA", issue=ir.Issue.ADIT_STAMP)
    booked = ir.Appointment(D(2018, 5, 2), "MIA", (attend.receipt_number,), attorney="Bo")
    other = ir.Case(receipt(2, "MSC"), "MIA", issue=ir.Issue.PROOF_OF_STATUS)
    report = report_of([attend, other], D(2018, 5, 1), {attend.receipt_number: (booked,)})
    assert report.decisions[0].action is ir.Action.ATTEND_APPOINTMENT
    carried = {attend.receipt_number: {"Attorney": "Bo"}, other.receipt_number: {"Attorney": "Bo"}}
    plan = plan_docket(
        Carrying(report, carried), attorneys=["Bo"], start=D(2018, 5, 2), attorney_column="Attorney"
    )
    assert attend.receipt_number not in {b.receipt_number for b in plan.bookings}
    assert any(u.receipt_number == attend.receipt_number for u in plan.unplaced)
    # MIA-LIMIT-DAY: Bo holds the appointment to attend on May 2, so the other goes on May 3.
    assert [(a.on, a.attorney) for a in plan.appointments] == [(D(2018, 5, 3), "Bo")]


def test_nothing_to_do_exhausted_and_other_services_are_accounted_for() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=D(2019, 2, 25))
    plan = plan_docket(report, attorneys=["J. Alvarez", "R. Chen"], start=report.as_of)
    placed = [b.receipt_number for b in plan.bookings] + [
        n for c in plan.calls for n in c.receipt_numbers
    ]
    unplaced = [u.receipt_number for u in plan.unplaced]
    assert sorted(placed + unplaced) == sorted(c.receipt_number for c in report.cases)
    assert len(set(placed)) == len(placed)
    # Planned by purpose, counted as the report counts the decisions' actions.
    planned = Counter(Purpose(p).action for p in map(plan.purpose_of, placed) if p is not None)
    for action, n in planned.items():
        assert n <= report.counts[action]
    actions = {c.receipt_number: d.action for c, d in report.pairs()}
    for number in unplaced:
        assert actions[number] in (
            ir.Action.NONE,
            ir.Action.EXHAUSTED,
            ir.Action.USE_OTHER_SERVICE,
            ir.Action.ATTEND_APPOINTMENT,
        )


# --- The case's own attorney ------------------------------------------------------------------


def two_calls() -> tuple[Any, list[str]]:
    cases = [delay(i, office) for i, office in enumerate(("SFR", "LOS"))]
    return report_of(cases, D(2019, 4, 1)), [c.receipt_number for c in cases]


def test_a_case_s_own_attorney_is_kept_and_the_case_waits_for_that_attorney() -> None:
    report, (first, second) = two_calls()
    carried = {first: {"Attorney": "Zoe"}, second: {"Attorney": " Zoe "}}
    plan = plan_docket(
        Carrying(report, carried),
        attorneys=["Abe", "Zoe"],
        start=D(2019, 4, 1),
        attorney_column="attorney",
    )
    assert [(c.attorney, c.on) for c in plan.calls] == [
        ("Zoe", D(2019, 4, 1)),
        ("Zoe", D(2019, 4, 2)),
    ]
    assert plan.notes == ()
    # Without the column, the first attorney in alphabetical order calls, and the next one too.
    plan = plan_docket(report, attorneys=["Zoe", "Abe"], start=D(2019, 4, 1))
    assert sorted((c.attorney, c.on) for c in plan.calls) == [
        ("Abe", D(2019, 4, 1)),
        ("Zoe", D(2019, 4, 1)),
    ]


def test_an_attorney_not_among_those_planned_for_is_replaced_with_a_note() -> None:
    report, (first, second) = two_calls()
    carried = {first: {"Attorney": "Xavier"}, second: {"Attorney": ""}}
    plan = plan_docket(
        Carrying(report, carried),
        attorneys=["Abe"],
        start=D(2019, 4, 1),
        attorney_column="Attorney",
    )
    assert {c.attorney for c in plan.calls} == {"Abe"}
    notes = {n.receipt_number: n.note for n in plan.notes}
    assert notes[first] == (
        "its attorney, Xavier (Attorney), is not among the attorneys planned for: the planner "
        "assigns one"
    )
    assert notes[second] == "it names no attorney in Attorney: the planner assigns one"


def test_the_carried_columns_are_read_from_the_report() -> None:
    report, (first, _) = two_calls()
    carried = Carrying(report, {first: {"Client": "Ana", "Attorney": "Zoe "}})
    assert carried_columns(carried) == ("Client", "Attorney")
    assert carried_value(carried, first, "Attorney") == "Zoe"
    assert carried_value(carried, "EAC0000000000", "Attorney") is None
    assert carried_columns(report) in ((), tuple(getattr(report, "carried_columns", ())))


# --- Validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attorneys": []}, "attorneys"),
        ({"attorneys": ["A", "A"]}, "attorneys[1]"),
        ({"attorneys": [3]}, "attorneys[0]"),
        ({"attorneys": "Ana"}, "attorneys"),
        ({"start": "2019-04-01"}, "start"),
        ({"start": dt.datetime(2019, 4, 1)}, "start"),
        ({"horizon_days": -1}, "horizon_days"),
        ({"horizon_days": True}, "horizon_days"),
        ({"limits": {"calls_per_day": 2}}, "limits"),
        ({"busy": [object()]}, "busy[0]"),
        ({"attorney_column": "Attorney"}, "attorney_column"),
        ({"attorney_column": 7}, "attorney_column"),
        ({"report": "report.csv"}, "report"),
    ],
)
def test_bad_arguments_are_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    report, _ = two_calls()
    arguments: dict[str, Any] = {"attorneys": ["Ana"], "start": D(2019, 4, 1), **change}
    given_report = arguments.pop("report", report)
    with pytest.raises(ir.InvalidValue) as caught:
        plan_docket(given_report, **arguments)
    assert caught.value.field == field


def test_an_unknown_attorney_column_lists_the_columns_carried() -> None:
    report, (first, _) = two_calls()
    with pytest.raises(ir.InvalidValue, match="'Client'") as caught:
        plan_docket(
            Carrying(report, {first: {"Client": "Ana"}}),
            attorneys=["Ana"],
            start=D(2019, 4, 1),
            attorney_column="Attorney",
        )
    assert caught.value.field == "attorney_column"


# --- Busy days, determinism, business days ----------------------------------------------------


def test_calls_and_appointments_already_held_take_their_attorney_s_day() -> None:
    report, _ = two_calls()
    held = PlannedCall(D(2019, 4, 1), "Ana", (receipt(9),), None, None, "SFR", "RG-CC")
    plan = plan_docket(report, attorneys=["Ana"], start=D(2019, 4, 1), busy=[held])
    assert [c.on for c in plan.calls] == [D(2019, 4, 2), D(2019, 4, 3)]


def test_the_same_report_gives_the_same_plan_whatever_the_order_of_attorneys_or_cases() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=D(2019, 2, 25))
    names = ["J. Alvarez", "R. Chen", "M. Okafor"]
    first = plan_docket(report, attorneys=names, start=report.as_of)
    assert plan_docket(report, attorneys=names[::-1], start=report.as_of) == first
    reversed_report = report_of(report.cases[::-1], report.as_of, ir.example_docket().history)
    assert plan_docket(reversed_report, attorneys=names, start=report.as_of) == first


def test_two_calls_a_day_at_one_office_are_two_calls() -> None:
    # With two calls a day, one attorney's two calls about two cases of one office, for one
    # purpose, are both kept (the second does not replace the first).
    cases = [delay(i, "LOS") for i in range(3)]
    report = report_of(cases, D(2019, 4, 1))
    limits = ir.PlannerLimits(calls_per_day=2)
    plan = plan_docket(report, attorneys=["Ana"], start=D(2019, 4, 1), limits=limits)
    assert [(c.on, c.receipt_numbers) for c in plan.calls] == [
        (D(2019, 4, 1), (cases[0].receipt_number,)),
        (D(2019, 4, 1), (cases[1].receipt_number,)),
        (D(2019, 4, 2), (cases[2].receipt_number,)),
    ]
    # With two cases a call, the first call is filled before another is made.
    limits = ir.PlannerLimits(calls_per_day=2, cases_per_call=2)
    plan = plan_docket(report, attorneys=["Ana"], start=D(2019, 4, 1), limits=limits)
    assert [len(c.receipt_numbers) for c in plan.calls] == [2, 1]
    assert {c.on for c in plan.calls} == {D(2019, 4, 1)}


def test_a_window_starting_on_a_weekend_plans_from_the_next_business_day() -> None:
    report, _ = two_calls()
    plan = plan_docket(report, attorneys=["Ana"], start=D(2019, 4, 6))  # a Saturday
    assert [c.on for c in plan.calls] == [D(2019, 4, 8), D(2019, 4, 9)]


def test_a_decision_after_the_horizon_is_not_planned_and_says_why() -> None:
    report = awaiting_tier2(REFERRAL + dt.timedelta(days=1))
    plan = plan_docket(
        report, attorneys=["Ana"], start=REFERRAL + dt.timedelta(days=1), horizon_days=1
    )
    assert plan.calls == ()
    (unplaced,) = plan.unplaced
    assert "after the planning horizon's last day, 2019-04-03" in unplaced.reason


# --- The invariants, over generated dockets ---------------------------------------------------

AS_OF = st.dates(D(2016, 1, 1), D(2026, 6, 30))


@st.composite
def dockets(draw: st.DrawFn) -> tuple[Any, dt.date]:
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(1, 40))
    as_of = draw(AS_OF)
    cases, history = [], {}
    for case, items, _ in mixed_docket.generate(random.Random(seed), n, mixed_docket.CHANNELS):
        cases.append(case)
        if items:
            history[case.receipt_number] = items
    return report_of(cases, as_of, history), as_of


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docket=dockets(),
    attorneys=st.integers(1, 3),
    calls_per_day=st.integers(1, 3),
    cases_per_call=st.integers(1, 3),
    max_per_day=st.sampled_from([None, 1, 2]),
    max_cases=st.sampled_from([None, 1, 3]),
    offset=st.integers(-10, 40),
)
def test_no_attorney_is_ever_over_a_day_s_limits_across_offices(
    docket: tuple[Any, dt.date],
    attorneys: int,
    calls_per_day: int,
    cases_per_call: int,
    max_per_day: int | None,
    max_cases: int | None,
    offset: int,
) -> None:
    report, as_of = docket
    limits = ir.PlannerLimits(
        max_cases=max_cases,
        max_per_day=max_per_day,
        calls_per_day=calls_per_day,
        cases_per_call=cases_per_call,
    )
    names = ["Ana", "Bo", "Cy"][:attorneys]
    start = as_of + dt.timedelta(days=offset)
    plan = plan_docket(report, attorneys=names, start=start, horizon_days=60, limits=limits)
    end = start + dt.timedelta(days=60)
    # Calls: at most calls_per_day an attorney a day, all offices together.
    assert max(calls_by(plan).values(), default=0) <= calls_per_day
    assert all(len(c.receipt_numbers) <= cases_per_call for c in plan.calls)
    # Appointments: the day's limit counting every office (1, the district's and the latest
    # known value elsewhere, unless the firm's own cap is given where no district binds).
    per_day = Counter((a.attorney, a.on) for a in plan.appointments)
    assert max(per_day.values(), default=0) <= (max_per_day or 1)
    assert ir.check_appointments(plan.appointments) == ()
    assert all(len(a.receipt_numbers) <= (max_cases or 5) for a in plan.appointments)
    # Business days within the window, never before a decision's day.
    earliest = {c.receipt_number: d.earliest for c, d in report.pairs()}
    placed: list[tuple[str, dt.date]] = [(b.receipt_number, b.on) for b in plan.bookings]
    placed += [(n, c.on) for c in plan.calls for n in c.receipt_numbers]
    for number, day in placed:
        assert ir.is_business_day(day)
        assert start <= day <= end
        found = earliest[number]
        assert found is not None
        assert day >= found
    for c in plan.calls:
        if c.appointment_window is not None:
            assert all(ir.is_business_day(d) for d in c.appointment_window)
    # Every case once: placed, or not placed with its reason.
    numbers = [n for n, _ in placed] + [u.receipt_number for u in plan.unplaced]
    assert sorted(numbers) == sorted(earliest)
    # Each purpose carries out its decision.
    decisions = {c.receipt_number: d for c, d in report.pairs()}
    for number, _ in placed:
        purpose = plan.purpose_of(number)
        assert purpose is not None
        decision = decisions[number]
        assert decision.action is purpose.action
        if purpose is Purpose.TIER_2_SUPERVISOR:
            assert decision.level is ir.Level.TIER_2_SUPERVISOR
        if purpose is Purpose.FIELD_OFFICE_DIRECTOR:
            assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
    for b in plan.bookings:
        assert b.purpose is not Purpose.TIER_2_SUPERVISOR
    # The same input gives the same plan, whatever the order of the attorneys.
    again = plan_docket(report, attorneys=names[::-1], start=start, horizon_days=60, limits=limits)
    assert again == plan


def test_the_property_s_dockets_reach_every_purpose() -> None:
    # The generated dockets are not all of one kind: over a few seeds, every purpose is planned.
    seen: set[Purpose] = set()
    for seed, as_of in itertools.product(range(4), (D(2018, 6, 1), D(2020, 6, 1))):
        cases, history = [], {}
        for case, items, _ in mixed_docket.generate(random.Random(seed), 60, mixed_docket.CHANNELS):
            cases.append(case)
            if items:
                history[case.receipt_number] = items
        plan = plan_docket(report_of(cases, as_of, history), attorneys=["Ana", "Bo"], start=as_of)
        seen |= {b.purpose for b in plan.bookings} | {c.purpose for c in plan.calls}
    assert seen == set(Purpose)


def test_a_docket_plan_reads_back_from_its_json() -> None:
    # The service answers a plan as JSON: purposes by name, windows null where a call asks
    # for no appointment.
    import json

    report = ir.decide_docket(ir.example_docket(), as_of=D(2019, 2, 25))
    plan = plan_docket(report, attorneys=["J. Alvarez", "R. Chen"], start=report.as_of)
    text = ir.dumps(plan)
    assert ir.loads(text, ir.Plan) == plan
    calls = json.loads(text)["calls"]
    tier2 = [c for c in calls if c["purpose"] == "TIER_2_SUPERVISOR"]
    assert len(tier2) == 2
    assert all(c["callback_window"] is None for c in tier2)
    assert {b["purpose"] for b in json.loads(text)["bookings"]} == {
        "INQUIRY",
        "APPOINTMENT",
        "FIELD_OFFICE_DIRECTOR",
    }
