"""The planner: never breaks a limit, never early, most urgent first, deterministic."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infopass_rules.errors import InvalidReceiptNumber, InvalidValue, UnknownOffice
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.facts.model import Case, Deadline
from infopass_rules.planning.calendar import is_business_day
from infopass_rules.planning.limits import check_appointments
from infopass_rules.planning.schedule import (
    Plan,
    PlannerLimits,
    PlanRequest,
    plan_appointments,
    requests_from_decisions,
)

D = dt.date
MONDAY = D(2024, 3, 11)


def receipt(i: int) -> str:
    return f"MSC{i:010d}"


def urgency(r: PlanRequest) -> tuple[bool, dt.date, bool, dt.date, str]:
    return (
        r.deadline is None,
        r.deadline or dt.date.max,
        not r.pressing,
        r.earliest,
        r.receipt_number,
    )


# --- Property tests over random dockets ------------------------------------------------------


@st.composite
def dockets(draw: st.DrawFn) -> dict[str, object]:
    start = draw(st.dates(D(2013, 11, 1), D(2026, 6, 30)))
    size = draw(st.integers(0, 500))
    offsets = st.integers(-10, 70)
    requests = []
    for i in range(size):
        earliest = start + dt.timedelta(days=draw(offsets))
        deadline = draw(st.none() | offsets.map(lambda n: start + dt.timedelta(days=n)))
        requests.append(PlanRequest(receipt(i), earliest, deadline, draw(st.booleans())))
    return {
        "requests": requests,
        "attorneys": draw(st.lists(st.sampled_from("ABCDEF"), min_size=1, max_size=4, unique=True)),
        "office": draw(st.sampled_from(["MIA", "HIA", "ORL", "WPB"])),
        "start": start,
        "horizon_days": draw(st.integers(0, 60)),
        "limits": draw(
            st.sampled_from(
                [
                    PlannerLimits.DISTRICT,
                    PlannerLimits(max_cases=3),
                    PlannerLimits(max_cases=8, max_per_day=2),
                ]
            )
        ),
    }


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(dockets())
def test_plan_obeys_every_rule(docket: dict[str, object]) -> None:
    plan = plan_appointments(**docket)  # type: ignore[arg-type]
    requests: list[PlanRequest] = docket["requests"]  # type: ignore[assignment]
    by_number = {r.receipt_number: r for r in requests}
    start: dt.date = docket["start"]  # type: ignore[assignment]
    end = start + dt.timedelta(days=docket["horizon_days"])  # type: ignore[arg-type]

    # Never a violation of MIA-LIMIT-CASES, MIA-LIMIT-DAY, nor a case twice a day.
    assert check_appointments(plan.appointments) == ()

    # Every case placed exactly once, or explained.
    placed = [n for a in plan.appointments for n in a.receipt_numbers]
    unplaced = [u.receipt_number for u in plan.unplaced]
    assert len(placed) == len(set(placed))
    assert sorted(placed + unplaced) == sorted(by_number)
    assert all(u.reason for u in plan.unplaced)

    day_of: dict[str, dt.date] = {}
    for a in plan.appointments:
        assert is_business_day(a.on)
        assert start <= a.on <= end
        assert a.attorney in docket["attorneys"]  # type: ignore[operator]
        for n in a.receipt_numbers:
            assert a.on >= by_number[n].earliest
            day_of[n] = a.on

    # Urgency: on each planning day, the cases placed are the most urgent of those allowed
    # that day and not placed earlier; so a more urgent case never waits behind a less urgent.
    for day in sorted(set(day_of.values())):
        available = [
            r
            for r in requests
            if max(r.earliest, start) <= day and day_of.get(r.receipt_number, dt.date.max) >= day
        ]
        available.sort(key=urgency)
        taken = {n for n, d in day_of.items() if d == day}
        assert {r.receipt_number for r in available[: len(taken)]} == taken


@PROPERTY
@given(dockets(), st.randoms(use_true_random=False))
def test_same_docket_in_any_order_gives_the_same_plan(
    docket: dict[str, object], rng: random.Random
) -> None:
    plan = plan_appointments(**docket)  # type: ignore[arg-type]
    shuffled = dict(docket)
    shuffled["requests"] = rng.sample(docket["requests"], k=len(docket["requests"]))  # type: ignore[arg-type]
    shuffled["attorneys"] = list(reversed(docket["attorneys"]))  # type: ignore[call-overload]
    assert plan_appointments(**shuffled) == plan  # type: ignore[arg-type]


# --- Examples ---------------------------------------------------------------------------------


def test_appointments_are_filled_before_the_next_is_opened() -> None:
    requests = [PlanRequest(receipt(i), MONDAY) for i in range(12)]
    plan = plan_appointments(requests, attorneys=["Cy", "Ana", "Ben"], office="MIA", start=MONDAY)
    assert [(a.on, a.attorney, len(a.receipt_numbers)) for a in plan.appointments] == [
        (MONDAY, "Ana", 5),
        (MONDAY, "Ben", 5),
        (MONDAY, "Cy", 2),
    ]
    assert plan.unplaced == ()


def test_one_attorney_gets_one_appointment_a_day_in_the_district() -> None:
    requests = [PlanRequest(receipt(i), MONDAY) for i in range(11)]
    plan = plan_appointments(requests, attorneys=["Ana"], office="Miami", start=MONDAY)
    assert [a.on for a in plan.appointments] == [
        MONDAY,
        MONDAY + dt.timedelta(1),
        MONDAY + dt.timedelta(2),
    ]


def test_most_urgent_first() -> None:
    requests = [
        PlanRequest(receipt(1), MONDAY),
        PlanRequest(receipt(2), MONDAY, pressing=True),
        PlanRequest(receipt(3), MONDAY, deadline=D(2024, 6, 1)),
        PlanRequest(receipt(4), MONDAY, deadline=D(2024, 4, 1)),
        PlanRequest(receipt(5), MONDAY - dt.timedelta(days=30)),
        PlanRequest(receipt(6), MONDAY, deadline=D(2024, 4, 1), pressing=True),
    ]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, limits=PlannerLimits(max_cases=1)
    )
    order = [a.receipt_numbers[0] for a in plan.appointments]
    assert order == [receipt(6), receipt(4), receipt(3), receipt(2), receipt(5), receipt(1)]


def test_skips_weekends_and_holidays() -> None:
    # 2025-12-24 and -26 are closures, -25 Christmas: from Wednesday the 24th, the next is the 29th.
    requests = [PlanRequest(receipt(0), D(2025, 12, 24))]
    plan = plan_appointments(requests, attorneys=["Ana"], office="MIA", start=D(2025, 12, 20))
    assert plan.appointments[0].on == D(2025, 12, 29)


def test_limits_outside_the_district_default_to_the_latest_known() -> None:
    requests = [PlanRequest(receipt(i), MONDAY) for i in range(6)]
    plan = plan_appointments(requests, attorneys=["Ana"], office="ORL", start=MONDAY)
    assert [len(a.receipt_numbers) for a in plan.appointments] == [5, 1]
    assert "not a Miami District office" in plan.assumptions[0]
    assert "latest known value" in plan.assumptions[0]


def test_limits_before_the_effective_date_default_to_the_latest_known() -> None:
    start = D(2014, 2, 3)
    requests = [PlanRequest(receipt(i), start) for i in range(6)]
    plan = plan_appointments(requests, attorneys=["Ana"], office="MIA", start=start)
    assert [len(a.receipt_numbers) for a in plan.appointments] == [5, 1]
    assert plan.assumptions[0].startswith("2014-02-03 to 2014-02-10 at MIA")
    assert "not in force before 2014-02-11" in plan.assumptions[0]
    assert plan.assumptions[1].startswith("2014-02-11 to 2014-05-04 at MIA")
    assert "in force)" in plan.assumptions[1]


def test_a_looser_cap_never_loosens_the_law_but_binds_where_the_law_does_not() -> None:
    requests = [PlanRequest(receipt(i), MONDAY) for i in range(12)]
    loose = PlannerLimits(max_cases=6, max_per_day=2)
    inside = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, limits=loose
    )
    assert [(a.on, len(a.receipt_numbers)) for a in inside.appointments][:2] == [
        (MONDAY, 5),
        (MONDAY + dt.timedelta(1), 5),
    ]
    outside = plan_appointments(
        requests, attorneys=["Ana"], office="ORL", start=MONDAY, limits=loose
    )
    assert [(a.on, len(a.receipt_numbers)) for a in outside.appointments] == [
        (MONDAY, 6),
        (MONDAY, 6),
    ]
    tight = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, limits=PlannerLimits(max_cases=4)
    )
    assert max(len(a.receipt_numbers) for a in tight.appointments) == 4


def test_unplaced_cases_say_why() -> None:
    saturday = D(2024, 3, 9)
    late = PlanRequest(receipt(1), saturday + dt.timedelta(days=30))
    weekend = PlanRequest(receipt(2), saturday)
    plan = plan_appointments(
        [late, weekend], attorneys=["Ana"], office="MIA", start=saturday, horizon_days=1
    )
    reasons = {u.receipt_number: u.reason for u in plan.unplaced}
    assert "after the planning horizon's last day, 2024-03-10" in reasons[receipt(1)]
    assert "no business day between" in reasons[receipt(2)]

    crowd = [PlanRequest(receipt(i), MONDAY) for i in range(7)]
    plan = plan_appointments(crowd, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=0)
    assert [u.receipt_number for u in plan.unplaced] == [receipt(5), receipt(6)]
    assert all("no business-day appointment slot left" in u.reason for u in plan.unplaced)


def test_a_deadline_that_cannot_be_met_is_placed_asap_with_a_note() -> None:
    passed = PlanRequest(receipt(1), MONDAY, deadline=MONDAY - dt.timedelta(days=3))
    plan = plan_appointments([passed], attorneys=["Ana"], office="MIA", start=MONDAY)
    assert plan.appointments[0].on == MONDAY
    (note,) = plan.notes
    assert note.receipt_number == receipt(1)
    assert "deadline passed before its earliest allowed date" in note.note

    crowd = [PlanRequest(receipt(i), MONDAY, deadline=MONDAY) for i in range(6)]
    plan = plan_appointments(crowd, attorneys=["Ana"], office="MIA", start=MONDAY)
    assert [n.receipt_number for n in plan.notes] == [receipt(5)]
    assert "no earlier business-day slot was free" in plan.notes[0].note


def test_an_empty_docket_gives_an_empty_plan_with_its_assumptions() -> None:
    plan = plan_appointments([], attorneys=["Ana"], office="MIA", start=MONDAY)
    assert plan.appointments == ()
    assert plan.unplaced == ()
    assert any("Business days only" in a for a in plan.assumptions)


def test_plan_is_plain_attrs_data() -> None:
    plan = plan_appointments(
        [PlanRequest(receipt(0), MONDAY)], attorneys=["Ana"], office="MIA", start=MONDAY
    )
    assert isinstance(plan, Plan)
    assert attrs.asdict(plan)["appointments"][0]["receipt_numbers"] == (receipt(0),)


# --- Validation ------------------------------------------------------------------------------


def test_request_fields_are_validated() -> None:
    assert PlanRequest("msc-00-000-00001", MONDAY).receipt_number == receipt(1)
    with pytest.raises(InvalidReceiptNumber):
        PlanRequest("nope", MONDAY)
    with pytest.raises(InvalidValue, match="earliest"):
        PlanRequest(receipt(1), dt.datetime(2024, 3, 11, 9))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="deadline"):
        PlanRequest(receipt(1), MONDAY, deadline="2024-04-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="pressing"):
        PlanRequest(receipt(1), MONDAY, pressing=1)  # type: ignore[arg-type]


def test_duplicate_requests_are_refused() -> None:
    with pytest.raises(InvalidValue, match=r"repeats requests\[0\]") as info:
        plan_appointments(
            [PlanRequest(receipt(1), MONDAY), PlanRequest(receipt(1), MONDAY + dt.timedelta(1))],
            attorneys=["Ana"],
            office="MIA",
            start=MONDAY,
        )
    assert info.value.field == "requests[1]"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"requests": [receipt(1)]}, "requests[0]"),
        ({"requests": "MSC0000000001"}, "requests"),
        ({"attorneys": []}, "attorneys"),
        ({"attorneys": "Ana"}, "attorneys"),
        ({"attorneys": ["Ana", " Ana "]}, "attorneys[1]"),
        ({"attorneys": ["Ana", ""]}, "attorneys[1]"),
        ({"start": "2024-03-11"}, "start"),
        ({"horizon_days": -1}, "horizon_days"),
        ({"horizon_days": True}, "horizon_days"),
        ({"horizon_days": 10**6}, "horizon_days"),
        ({"start": D(9999, 12, 1), "horizon_days": 90}, "horizon_days"),
        ({"limits": 5}, "limits"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {
        "requests": [],
        "attorneys": ["Ana"],
        "office": "MIA",
        "start": MONDAY,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        plan_appointments(**arguments)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize("office", ["Nowhere", "NBC"])
def test_office_must_be_a_field_office(office: str) -> None:
    with pytest.raises(UnknownOffice):
        plan_appointments([], attorneys=["Ana"], office=office, start=MONDAY)


@pytest.mark.parametrize("bad", [0, -1, 1001, True, 2.5])
def test_planner_limits_are_validated(bad: object) -> None:
    with pytest.raises(InvalidValue, match="max_cases"):
        PlannerLimits(max_cases=bad)  # type: ignore[arg-type]


# --- From decisions --------------------------------------------------------------------------


@attrs.frozen
class FakeDecision:
    action: Action
    earliest: dt.date | None
    channels: frozenset[Channel]


IN_PERSON = frozenset({Channel.INFOPASS, Channel.CONTACT_CENTER})


def test_requests_from_decisions() -> None:
    deadlines = (Deadline(D(2024, 3, 1), "trip"), Deadline(D(2024, 5, 1), "job"))
    urgent = Case(receipt(1), "MIA", deadlines=deadlines, pressing=True)
    calm = Case(receipt(2), "MIA")
    by_phone = Case(receipt(3), "MIA")
    done = Case(receipt(4), "MIA")
    pairs = [
        (urgent, FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
        (calm, FakeDecision(Action.ESCALATE, MONDAY, IN_PERSON)),
        (by_phone, FakeDecision(Action.INQUIRE, MONDAY, frozenset({Channel.CONTACT_CENTER}))),
        (done, FakeDecision(Action.NONE, None, frozenset())),
    ]
    assert requests_from_decisions(pairs) == (
        PlanRequest(receipt(1), MONDAY, deadline=D(2024, 5, 1), pressing=True),
        PlanRequest(receipt(2), MONDAY),
    )


@pytest.mark.parametrize(
    ("pairs", "field"),
    [
        ([("case", FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON))], "pairs[0]"),
        ([(Case(receipt(1), "MIA"), object())], "pairs[0][1].earliest"),
        (
            [(Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, "INFOPASS"))],
            "pairs[0][1].channels",
        ),  # type: ignore[arg-type]
        (
            [(Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, "x", IN_PERSON))],
            "pairs[0][1].earliest",
        ),  # type: ignore[arg-type]
        (
            [
                (Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                (Case(receipt(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
            ],
            "pairs[1]",
        ),
    ],
)
def test_requests_from_decisions_validates(pairs: list[object], field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        requests_from_decisions(pairs)  # type: ignore[arg-type]
    assert info.value.field == field
