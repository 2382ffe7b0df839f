"""The planner: never breaks a limit, never early, most urgent first, deterministic. Hand-worked
plans, limit periods, and exact errors."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.engine.next_action import next_action
from infopass_rules.errors import InvalidReceiptNumber, InvalidValue, UnknownOffice
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.facts.history import Appointment
from infopass_rules.planning import limits as appointments
from infopass_rules.planning import schedule as planner
from infopass_rules.planning.calendar import is_business_day, next_business_day
from infopass_rules.planning.limits import check_appointments
from infopass_rules.planning.plan import Plan, PlannedCall, PlannerLimits, PlanNote, Unplaced
from infopass_rules.planning.requests import PlanRequest, requests_from_decisions
from infopass_rules.planning.schedule import plan_appointments
from infopass_rules.rules.districts.district import District
from infopass_rules.rules.districts.miami.ladder import MAX_CASES as P_MAX_CASES
from infopass_rules.rules.districts.miami.ladder import OFFICES as P_DISTRICT
from infopass_rules.rules.districts.registry import with_districts
from infopass_rules.rules.regimes import regime_at
from infopass_rules.sources.rulebook import ValuePeriod, load_rulebook

D = dt.date


MONDAY = D(2016, 3, 14)


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
        "office": draw(st.sampled_from(["MIA", "HIA", "ORL", "WPB", "SFR"])),
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


@attrs.frozen
class FakeDecision:
    action: Action
    earliest: dt.date | None
    channels: frozenset[Channel]


IN_PERSON = frozenset({Channel.INFOPASS, Channel.CONTACT_CENTER})


FIXED_ASSUMPTIONS = (
    "Business days only: no weekends, no US federal holidays (observed dates included), and no "
    "one-off federal closures (executive orders, national days of mourning).",
    "No case is placed before its earliest date or before the start, {start}.",
    "Cases are placed most urgent first: nearest deadline, then pressing, then earliest allowed "
    "date, then receipt number; a case without a deadline comes after those with one.",
    "Each day, {who} given appointments (or calls) in alphabetical order, each filled up to its "
    "case limit before the next is opened.",
    "A case whose deadline cannot be met is still placed at its first free slot, with a note.",
)


def receipt_no(n: int) -> str:
    return f"MSC14900{n:05d}"


def fixed(start: dt.date, attorneys: int) -> tuple[str, ...]:
    who = "the one attorney is" if attorneys == 1 else f"the {attorneys} attorneys are"
    return tuple(a.format(start=start.isoformat(), who=who) for a in FIXED_ASSUMPTIONS)


def placed_items(plan: Plan) -> list[Appointment | PlannedCall]:
    return [*plan.appointments, *plan.calls]


def limit_periods(plan: Plan) -> list[str]:
    """The limit periods' assumptions (before the fixed ones and the regimes')."""
    return list(plan.assumptions[: -len(FIXED_ASSUMPTIONS) - len(plan.regimes)])


def layout(plan: Plan) -> list[tuple[dt.date, str | None, tuple[str, ...]]]:
    return [(a.on, a.attorney, a.receipt_numbers) for a in plan.appointments]


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


@attrs.frozen
class LooseDecision:
    action: Action
    earliest: object
    channels: object


def _pairs_error(pairs: object) -> InvalidValue:
    return _error(lambda: requests_from_decisions(pairs))  # type: ignore[arg-type]


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


_CALLBACK = "contact_center.scheduling_callback_days"
_AFTER_CALLBACK = "contact_center.appointment_after_callback_days"


def _book_with_dated_call_windows() -> object:
    """The shipped rule book, with the call-back window dated instead of read from rival sources
    (1-2 days from 2018-02-05, then 2-3 days from 2019-03-01 as a library default with no
    source), and the appointment window first in force from 2018-06-01 (4-5 days), then 6-8 days
    from 2019-03-01."""
    book = load_rulebook()
    callback = attrs.evolve(
        book.parameters[_CALLBACK],
        readings=(),
        values=(
            ValuePeriod(D(2018, 2, 5), [1, 2], "aila-19030140"),
            ValuePeriod(D(2019, 3, 1), [2, 3], None, basis="library default"),
        ),
    )
    after = attrs.evolve(
        book.parameters[_AFTER_CALLBACK],
        values=(
            ValuePeriod(D(2018, 6, 1), [4, 5], "aila-19030140"),
            ValuePeriod(D(2019, 3, 1), [6, 8], "contact-center-2019"),
        ),
    )
    parameters = {**book.parameters, _CALLBACK: callback, _AFTER_CALLBACK: after}
    return attrs.evolve(book, parameters=parameters)


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

    # Every case placed exactly once (at an appointment or a call), or explained.
    placed = [n for a in (*plan.appointments, *plan.calls) for n in a.receipt_numbers]
    unplaced = [u.receipt_number for u in plan.unplaced]
    assert len(placed) == len(set(placed))
    assert sorted(placed + unplaced) == sorted(by_number)
    assert all(u.reason for u in plan.unplaced)

    # Each day under the regime in force: appointments only where the firm books online.
    book = with_districts(load_rulebook())
    office: str = docket["office"]  # type: ignore[assignment]
    for a in plan.appointments:
        assert regime_at(office, a.on, book)[0].self_scheduled
    for c in plan.calls:
        assert not regime_at(office, c.on, book)[0].self_scheduled
        # The call-back in calendar days; the appointment's ends each on a business day.
        assert c.callback_window == (c.on + dt.timedelta(days=1), c.on + dt.timedelta(days=2))
        assert c.appointment_window == (
            next_business_day(c.on + dt.timedelta(days=5)),
            next_business_day(c.on + dt.timedelta(days=7)),
        )
        assert all(is_business_day(d) for d in c.appointment_window)
    assert set(plan.regimes) >= {
        regime_at(office, x.on, book)[0].rule_id for x in placed_items(plan)
    }

    day_of: dict[str, dt.date] = {}
    for a in placed_items(plan):
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
        PlanRequest(receipt(3), MONDAY, deadline=D(2016, 6, 4)),
        PlanRequest(receipt(4), MONDAY, deadline=D(2016, 4, 4)),
        PlanRequest(receipt(5), MONDAY - dt.timedelta(days=30)),
        PlanRequest(receipt(6), MONDAY, deadline=D(2016, 4, 4), pressing=True),
    ]
    plan = plan_appointments(
        requests, attorneys=["Ana"], office="MIA", start=MONDAY, limits=PlannerLimits(max_cases=1)
    )
    order = [a.receipt_numbers[0] for a in plan.appointments]
    assert order == [receipt(6), receipt(4), receipt(3), receipt(2), receipt(5), receipt(1)]


def test_skips_weekends_and_holidays() -> None:
    # Christmas 2016 is a Sunday, observed on Monday the 26th: from Saturday the 24th, the next
    # business day is Tuesday the 27th (under RG-SELF, when the firm books online).
    requests = [PlanRequest(receipt(0), D(2016, 12, 24))]
    plan = plan_appointments(requests, attorneys=["Ana"], office="MIA", start=D(2016, 12, 23))
    assert plan.appointments[0].on == D(2016, 12, 27)


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
    saturday = D(2016, 3, 12)
    late = PlanRequest(receipt(1), saturday + dt.timedelta(days=30))
    weekend = PlanRequest(receipt(2), saturday)
    plan = plan_appointments(
        [late, weekend], attorneys=["Ana"], office="MIA", start=saturday, horizon_days=1
    )
    reasons = {u.receipt_number: u.reason for u in plan.unplaced}
    assert "after the planning horizon's last day, 2016-03-13" in reasons[receipt(1)]
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


def test_request_fields_are_validated() -> None:
    assert PlanRequest("msc-00-000-00001", MONDAY).receipt_number == receipt(1)
    with pytest.raises(InvalidReceiptNumber):
        PlanRequest("nope", MONDAY)
    with pytest.raises(InvalidValue, match="earliest"):
        PlanRequest(receipt(1), dt.datetime(2016, 3, 14, 9))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="deadline"):
        PlanRequest(receipt(1), MONDAY, deadline="2016-04-04")  # type: ignore[arg-type]
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
        ({"start": "2016-03-14"}, "start"),
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


def test_requests_from_decisions() -> None:
    deadlines = (Deadline(D(2016, 3, 4), "trip"), Deadline(D(2016, 5, 4), "job"))
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
    made = requests_from_decisions(pairs)
    assert made == (
        PlanRequest(receipt(1), MONDAY, deadline=D(2016, 5, 4), pressing=True),
        PlanRequest(receipt(2), MONDAY),
    )
    # Nothing dropped silently: a phone inquiry under RG-SELF, and nothing to do, say why.
    assert made.unplaced == (
        Unplaced(
            receipt(3),
            "its channels (CONTACT_CENTER) call for no in-person appointment under RG-SELF at "
            "MIA on 2016-03-14: make the inquiry that way",
        ),
        Unplaced(
            receipt(4),
            "nothing to plan: the decision (NONE) has no date for a next step (nothing is "
            "needed, or the case was not yet received)",
        ),
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


class TestHandWorkedPlans:
    """Who is placed on which day, with which attorney; the cases left out and why."""

    def test_a_week_of_single_case_appointments_most_urgent_first(self) -> None:
        """Two attorneys, one one-case appointment each a day (caps given at NYC): two cases a day.

        Urgency: r4 (deadline 03-08, long passed), r1 (03-14), r3 (03-15, pressing), r2 (03-15),
        r10 (03-15), then the cases without a deadline: r5 (pressing), r6, r11, r12, r13 (from
        03-14), r9 (from 03-17), r7 (from Saturday 03-19), r8 (from 03-21, after the window).
        """
        requests = [
            PlanRequest(receipt_no(1), MONDAY, deadline=D(2016, 3, 14)),
            PlanRequest(receipt_no(2), MONDAY, deadline=D(2016, 3, 15)),
            PlanRequest(receipt_no(3), MONDAY, deadline=D(2016, 3, 15), pressing=True),
            PlanRequest(receipt_no(4), D(2016, 3, 4), deadline=D(2016, 3, 8)),
            PlanRequest(receipt_no(5), MONDAY, pressing=True),
            PlanRequest(receipt_no(6), MONDAY),
            PlanRequest(receipt_no(7), D(2016, 3, 19)),
            PlanRequest(receipt_no(8), D(2016, 3, 21)),
            PlanRequest(receipt_no(9), D(2016, 3, 17)),
            PlanRequest(receipt_no(10), MONDAY, deadline=D(2016, 3, 15)),
            PlanRequest(receipt_no(11), MONDAY),
            PlanRequest(receipt_no(12), MONDAY),
            PlanRequest(receipt_no(13), MONDAY),
        ]
        plan = plan_appointments(
            requests,
            attorneys=["Bea", "Ana"],
            office="NYC",
            start=MONDAY,
            horizon_days=6,  # to Sunday 2016-03-20
            limits=PlannerLimits(max_cases=1, max_per_day=1),
        )
        assert layout(plan) == [
            (D(2016, 3, 14), "Ana", (receipt_no(4),)),
            (D(2016, 3, 14), "Bea", (receipt_no(1),)),
            (D(2016, 3, 15), "Ana", (receipt_no(3),)),
            (D(2016, 3, 15), "Bea", (receipt_no(2),)),
            (D(2016, 3, 16), "Ana", (receipt_no(10),)),
            (D(2016, 3, 16), "Bea", (receipt_no(5),)),
            (D(2016, 3, 17), "Ana", (receipt_no(6),)),
            (D(2016, 3, 17), "Bea", (receipt_no(11),)),
            (D(2016, 3, 18), "Ana", (receipt_no(12),)),
            (D(2016, 3, 18), "Bea", (receipt_no(13),)),
        ]
        assert all(a.office == "NYC" for a in plan.appointments)
        assert plan.unplaced == (
            Unplaced(
                receipt_no(9),
                "no business-day appointment slot left up to the planning horizon's last day, "
                "2016-03-20: every slot from 2016-03-17 went to more urgent cases",
            ),
            Unplaced(
                receipt_no(7),
                "no business day between its earliest allowed date, 2016-03-19, and the planning "
                "horizon's last day, 2016-03-20",
            ),
            Unplaced(
                receipt_no(8),
                "its earliest allowed date, 2016-03-21, is after the planning horizon's last day, "
                "2016-03-20",
            ),
        )
        # r1 and r2 are placed on their deadline day: no note.
        assert plan.notes == (
            PlanNote(
                receipt_no(4),
                "placed on 2016-03-14, after its deadline 2016-03-08: the deadline passed before "
                "its "
                "earliest allowed date, 2016-03-14; it is placed as soon as possible anyway",
            ),
            PlanNote(
                receipt_no(10),
                "placed on 2016-03-16, after its deadline 2016-03-15: no earlier business-day slot "
                "was free (more urgent cases took them)",
            ),
        )
        assert plan.assumptions[:-1] == (
            "2016-03-14 to 2016-03-20 at NYC (not a Miami District office then): at most 1 case "
            "per "
            "appointment (the cap given; MIA-LIMIT-CASES does not bind outside the district); at "
            "most 1 appointment per attorney per day (the cap given; MIA-LIMIT-DAY does not bind "
            "outside the district).",
            *fixed(MONDAY, 2),
        )

    def test_appointments_are_filled_to_the_cap_before_the_next_is_opened(self) -> None:
        requests = [PlanRequest(receipt_no(n), MONDAY) for n in range(1, 8)]
        plan = plan_appointments(
            requests,
            attorneys=["Ana"],
            office="NYC",
            start=MONDAY,
            horizon_days=2,
            limits=PlannerLimits(max_cases=3, max_per_day=2),
        )
        assert layout(plan) == [
            (MONDAY, "Ana", (receipt_no(1), receipt_no(2), receipt_no(3))),
            (MONDAY, "Ana", (receipt_no(4), receipt_no(5), receipt_no(6))),
            (D(2016, 3, 15), "Ana", (receipt_no(7),)),
        ]
        assert plan.unplaced == ()
        assert plan.notes == ()

    def test_the_district_limits_bind_at_miami_whatever_looser_caps_are_given(self) -> None:
        requests = [PlanRequest(receipt_no(n), MONDAY) for n in range(1, 13)]
        plan = plan_appointments(
            requests,
            attorneys=["Ana", "Bea"],
            office="Miami",
            start=MONDAY,
            horizon_days=0,
            limits=PlannerLimits(max_cases=8, max_per_day=3),
        )
        assert layout(plan) == [
            (MONDAY, "Ana", tuple(receipt_no(n) for n in range(1, 6))),
            (MONDAY, "Bea", tuple(receipt_no(n) for n in range(6, 11))),
        ]
        assert [u.receipt_number for u in plan.unplaced] == [receipt_no(11), receipt_no(12)]
        assert plan.unplaced[0].reason == (
            "no business-day appointment slot left up to the planning horizon's last day, "
            "2016-03-14: every slot from 2016-03-14 went to more urgent cases"
        )
        assert plan.assumptions[0] == (
            "2016-03-14 to 2016-03-14 at MIA: at most 5 cases per appointment (MIA-LIMIT-CASES, in "
            "force; the looser cap given, 8, yields); at most 1 appointment per attorney per day "
            "(MIA-LIMIT-DAY, in force; the looser cap given, 3, yields)."
        )

    def test_a_plan_waits_for_each_release_and_skips_the_weekend_and_holidays(self) -> None:
        # Friday 2016-05-27; Memorial Day is Monday 2016-05-30.
        requests = [
            PlanRequest(receipt_no(1), D(2016, 5, 27)),
            PlanRequest(receipt_no(2), D(2016, 5, 28)),  # a Saturday: first placed on Tuesday
            PlanRequest(receipt_no(3), D(2016, 6, 1)),
        ]
        plan = plan_appointments(
            requests, attorneys=["Ana"], office="MIA", start=D(2016, 5, 27), horizon_days=5
        )
        assert layout(plan) == [
            (D(2016, 5, 27), "Ana", (receipt_no(1),)),
            (D(2016, 5, 31), "Ana", (receipt_no(2),)),
            (D(2016, 6, 1), "Ana", (receipt_no(3),)),
        ]
        assert plan.unplaced == ()

    def test_a_case_released_on_the_last_day_of_the_window_is_placed_that_day(self) -> None:
        requests = [PlanRequest(receipt_no(1), D(2016, 3, 18))]
        plan = plan_appointments(
            requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=4
        )
        assert layout(plan) == [(D(2016, 3, 18), "Ana", (receipt_no(1),))]
        late = plan_appointments(
            requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=3
        )
        assert late.appointments == ()
        assert late.unplaced == (
            Unplaced(
                receipt_no(1),
                "its earliest allowed date, 2016-03-18, is after the planning horizon's last day, "
                "2016-03-17",
            ),
        )

    def test_a_window_of_weekend_days_only_places_nothing(self) -> None:
        saturday = D(2016, 3, 19)
        requests = [PlanRequest(receipt_no(1), saturday)]
        plan = plan_appointments(
            requests, attorneys=["Ana"], office="MIA", start=saturday, horizon_days=1
        )
        assert plan.appointments == ()
        assert plan.unplaced == (
            Unplaced(
                receipt_no(1),
                "no business day between its earliest allowed date, 2016-03-19, and the planning "
                "horizon's last day, 2016-03-20",
            ),
        )

    def test_a_less_urgent_case_released_first_is_not_held_back_by_a_more_urgent_later_one(
        self,
    ) -> None:
        wednesday = D(2016, 3, 16)
        requests = [
            PlanRequest(receipt_no(1), wednesday, deadline=D(2016, 3, 17)),
            PlanRequest(receipt_no(2), MONDAY),
        ]
        plan = plan_appointments(
            requests, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=4
        )
        assert layout(plan) == [
            (MONDAY, "Ana", (receipt_no(2),)),
            (wednesday, "Ana", (receipt_no(1),)),
        ]

    def test_the_last_representable_day_can_be_planned(self) -> None:
        last = dt.date.max  # a Friday
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), last)],
            attorneys=["Ana"],
            office="MIA",
            start=last,
            horizon_days=0,
        )
        # Under RG-CC: a call, whose windows stop at the last representable day.
        assert layout(plan) == []
        assert plan.calls == (
            PlannedCall(last, "Ana", (receipt_no(1),), (last, last), (last, last), "MIA", "RG-CC"),
        )
        assert plan.unplaced == ()

    def test_the_notes_are_in_receipt_number_order_whatever_the_days(self) -> None:
        """r2 (deadline 03-10) is more urgent and placed first, on Monday; r1 (deadline Monday)
        waits for Tuesday. Both land late: the notes list r1 first, though it was placed later."""
        requests = [
            PlanRequest(receipt_no(1), MONDAY, deadline=MONDAY),
            PlanRequest(receipt_no(2), MONDAY, deadline=D(2016, 3, 10)),
        ]
        plan = plan_appointments(
            requests,
            attorneys=["Ana"],
            office="MIA",
            start=MONDAY,
            horizon_days=1,
            limits=PlannerLimits(max_cases=1),
        )
        assert layout(plan) == [
            (MONDAY, "Ana", (receipt_no(2),)),
            (D(2016, 3, 15), "Ana", (receipt_no(1),)),
        ]
        assert plan.notes == (
            PlanNote(
                receipt_no(1),
                "placed on 2016-03-15, after its deadline 2016-03-14: no earlier business-day slot "
                "was free (more urgent cases took them)",
            ),
            PlanNote(
                receipt_no(2),
                "placed on 2016-03-14, after its deadline 2016-03-10: the deadline passed before "
                "its earliest allowed date, 2016-03-14; it is placed as soon as possible anyway",
            ),
        )

    def test_the_cases_released_on_one_day_share_one_reason(self) -> None:
        """However many cases released on a day are left out, the plan holds one reason text
        for them (a large docket does not hold one copy per case)."""
        crowd = [PlanRequest(receipt_no(n), MONDAY) for n in range(1, 9)]
        plan = plan_appointments(
            crowd, attorneys=["Ana"], office="MIA", start=MONDAY, horizon_days=0
        )
        first, *others = plan.unplaced
        assert [u.receipt_number for u in plan.unplaced] == [receipt_no(n) for n in (6, 7, 8)]
        assert first.reason == (
            "no business-day appointment slot left up to the planning horizon's last day, "
            "2016-03-14: every slot from 2016-03-14 went to more urgent cases"
        )
        assert all(u.reason is first.reason for u in others)


class TestLimitPeriods:
    """The assumptions say how each limit was chosen; the window is cut where a limit
    changes."""

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
                    "used, to be safe); at most 1 appointment per attorney per day "
                    "(MIA-LIMIT-DAY is "
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
                D(2016, 1, 4),
                90,
                PlannerLimits(max_cases=5, max_per_day=1),
                (
                    "2016-01-04 to 2016-04-03 at MIA: at most 5 cases per appointment "
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
                    "case per appointment (the cap given; MIA-LIMIT-CASES does not bind outside "
                    "the "
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
                    "cases per appointment (MIA-LIMIT-CASES does not bind outside the district; "
                    "its "
                    "latest known value is used, to be safe); at most 24 appointments per "
                    "attorney per "
                    "day (the cap given; MIA-LIMIT-DAY does not bind outside the district).",
                    "2012-05-22 to 2012-05-22 at MIA: at most 5 cases per appointment "
                    "(MIA-LIMIT-CASES is not in force before 2014-02-11; its latest known value is "
                    "used, to be safe); at most 24 appointments per attorney per day (the cap "
                    "given; "
                    "MIA-LIMIT-DAY is not in force before 2014-02-11).",
                ),
            ),
        ],
    )
    def test_the_assumptions_say_how_each_limit_was_chosen(
        self,
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
        assert plan.regimes == ("RG-SELF",)
        assert plan.assumptions[:-1] == (*expected, *fixed(start, 2))
        assert plan.assumptions[-1].startswith(f"{start.isoformat()} to ")
        assert " RG-SELF: INFOPASS appointments booked online by the firm (" in plan.assumptions[-1]

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
        self, start: dt.date, horizon: int, periods: list[str]
    ) -> None:
        plan = plan_appointments(
            [], attorneys=["Ana"], office="MIA", start=start, horizon_days=horizon
        )
        assert [a.split(" at ")[0] for a in limit_periods(plan)] == periods

    def test_a_tighter_cap_in_one_period_and_the_district_limit_in_the_next(self) -> None:
        """Before 2014-02-11 the firm's cap of 2 appointments a day is used; from then on, 1."""
        requests = [PlanRequest(receipt_no(n), D(2014, 2, 10)) for n in range(1, 5)]
        plan = plan_appointments(
            requests,
            attorneys=["Ana"],
            office="MIA",
            start=D(2014, 2, 10),
            horizon_days=2,
            limits=PlannerLimits(max_cases=1, max_per_day=2),
        )
        assert layout(plan) == [
            (D(2014, 2, 10), "Ana", (receipt_no(1),)),
            (D(2014, 2, 10), "Ana", (receipt_no(2),)),
            (D(2014, 2, 11), "Ana", (receipt_no(3),)),
            (D(2014, 2, 12), "Ana", (receipt_no(4),)),
        ]

    def test_three_periods_each_end_the_day_before_the_next(self) -> None:
        plan = plan_appointments(
            [], attorneys=["Ana"], office="MIA", start=D(2012, 5, 21), horizon_days=700
        )
        assert [a.split(" at ")[0] for a in limit_periods(plan)] == [
            "2012-05-21 to 2012-05-21",
            "2012-05-22 to 2014-02-10",
            "2014-02-11 to 2014-04-21",
        ]

    def test_a_change_that_leaves_the_limits_alone_does_not_cut_the_window(
        self,
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
        assert [a.split(" at ")[0] for a in limit_periods(plan)] == [
            "2012-06-01 to 2014-02-10",
            "2014-02-11 to 2014-05-02",
        ]

    def test_each_period_of_a_three_period_window_uses_its_own_limits(
        self,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A case limit of 3 from 2013-01-01, then 5 from 2014-02-11 (with the day limit): the
        window from 2012-12-31 has three periods, and each day is held to its own period's limit."""
        book = _book_with_an_earlier_case_limit(D(2013, 1, 1), 3)
        monkeypatch.setattr(planner, "load_rulebook", lambda: book)
        monkeypatch.setattr(appointments, "load_rulebook", lambda: book)
        early = [PlanRequest(receipt_no(n), D(2013, 1, 2)) for n in range(1, 5)]
        late = [PlanRequest(receipt_no(n), D(2014, 2, 11)) for n in range(5, 11)]
        plan = plan_appointments(
            early + late, attorneys=["Ana"], office="MIA", start=D(2012, 12, 31), horizon_days=410
        )
        assert layout(plan) == [
            (D(2013, 1, 2), "Ana", (receipt_no(1), receipt_no(2), receipt_no(3))),
            (D(2013, 1, 3), "Ana", (receipt_no(4),)),
            (D(2014, 2, 11), "Ana", tuple(receipt_no(n) for n in range(5, 10))),
            (D(2014, 2, 12), "Ana", (receipt_no(10),)),
        ]
        assert [a.split(": at most ")[0] for a in limit_periods(plan)] == [
            "2012-12-31 to 2012-12-31 at MIA",
            "2013-01-01 to 2014-02-10 at MIA",
            "2014-02-11 to 2014-02-14 at MIA",
        ]

    @pytest.mark.parametrize(
        ("office", "sizes", "periods"),
        [
            (
                # Outside both districts: the tightest latest value of either district's limit.
                "NYC",
                [3],
                [
                    "2016-02-26 to 2016-03-01 at NYC (not a Miami District or Peachtree District "
                    "office then): at most 3 cases per appointment (PT-LIMIT-CASES does not bind "
                    "outside the district; its latest known value is used, to be safe); at most 1 "
                    "appointment per attorney per day (MIA-LIMIT-DAY does not bind outside the "
                    "district; its latest known value is used, to be safe).",
                ],
            ),
            (
                # Atlanta joins the Peachtree District on 2016-03-01: its own limits from then.
                "ATL",
                [3, 3],
                [
                    "2016-02-26 to 2016-02-29 at ATL (not a Miami District or Peachtree District "
                    "office then): at most 3 cases per appointment (PT-LIMIT-CASES does not bind "
                    "outside the district; its latest known value is used, to be safe); at most 1 "
                    "appointment per attorney per day (MIA-LIMIT-DAY does not bind outside the "
                    "district; its latest known value is used, to be safe).",
                    "2016-03-01 to 2016-03-01 at ATL: at most 3 cases per appointment "
                    "(PT-LIMIT-CASES, in force); at most 2 appointments per attorney per day "
                    "(PT-LIMIT-DAY, in force).",
                ],
            ),
            (
                "MIA",
                [5],
                [
                    "2016-02-26 to 2016-03-01 at MIA: at most 5 cases per appointment "
                    "(MIA-LIMIT-CASES, in force); at most 1 appointment per attorney per day "
                    "(MIA-LIMIT-DAY, in force).",
                ],
            ),
        ],
    )
    def test_with_a_second_district_each_office_is_held_to_its_own_district_s_limits(
        self, peachtree: District, office: str, sizes: list[int], periods: list[str]
    ) -> None:
        """Beside Miami, the Peachtree District (3 cases, 2 appointments a day from 2016-03-01):
        each office follows the district it belongs to that day, and an office in neither
        follows the tightest latest value of each limit (3 cases, Peachtree's; 1 a day, Miami's)."""
        requests = [PlanRequest(receipt_no(n), D(2016, 3, 1)) for n in range(1, 8)]
        plan = plan_appointments(
            requests, attorneys=["Ana"], office=office, start=D(2016, 2, 26), horizon_days=4
        )
        assert [(a.on, len(a.receipt_numbers)) for a in plan.appointments] == [
            (D(2016, 3, 1), size) for size in sizes
        ]
        assert limit_periods(plan) == periods
        assert check_appointments(plan.appointments) == ()


class TestRequestsFromDecisions:
    """Requests built from decisions: the deadline taken, what is skipped or refused."""

    @pytest.mark.parametrize(
        ("office", "decision", "reason"),
        [
            (
                "MIA",
                LooseDecision(Action.NONE, None, frozenset()),
                "nothing to plan: the decision (NONE) has no date for a next step (nothing is "
                "needed, or the case was not yet received)",
            ),
            (
                "MIA",
                LooseDecision(Action.EXHAUSTED, MONDAY, frozenset()),
                "the encoded procedures set no further step (EXHAUSTED): nothing to book or call "
                "for",
            ),
            (
                "MIA",
                LooseDecision(
                    Action.USE_OTHER_SERVICE,
                    MONDAY,
                    frozenset({Channel.E_REQUEST, Channel.CONTACT_CENTER}),
                ),
                "not an INFOPASS matter (USE_OTHER_SERVICE, channels: CONTACT_CENTER, E_REQUEST): "
                "no appointment to book or call for",
            ),
            (
                "BOS",
                LooseDecision(Action.INQUIRE, D(2016, 3, 7), frozenset()),
                "its channels (none) call for no in-person appointment under RG-SELF at BOS on "
                "2016-03-07: make the inquiry that way",
            ),
        ],
    )
    def test_each_pair_without_a_request_says_why(
        self, office: str, decision: LooseDecision, reason: str
    ) -> None:
        made = requests_from_decisions([(Case(receipt_no(1), office), decision)])
        assert made == ()
        assert made.unplaced == (Unplaced(receipt_no(1), reason),)

    def test_the_requests_and_the_pairs_without_one_in_their_repr(self) -> None:
        made = requests_from_decisions(
            [
                (Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                (Case(receipt_no(2), "MIA"), LooseDecision(Action.NONE, None, frozenset())),
            ]
        )
        assert repr(made) == (
            f"DecidedRequests(({PlanRequest(receipt_no(1), MONDAY)!r},), "
            f"unplaced={made.unplaced!r})"
        )

    def test_a_decision_with_no_action_is_named_so(self) -> None:
        @attrs.frozen
        class Bare:  # what requests_from_decisions needs of a decision, and no action
            earliest: object
            channels: object

        made = requests_from_decisions([(Case(receipt_no(1), "MIA"), Bare(None, frozenset()))])
        assert made.unplaced[0].reason.startswith("nothing to plan: the decision (no action) ")

    def test_a_phone_request_at_a_pilot_office_is_an_appointment_asked_for(self) -> None:
        # At a pilot office on 2018-06-04 (RG-PILOT), a Contact Center call asks for the
        # appointment: a request, not an unplaced pair.
        call = LooseDecision(
            Action.REQUEST_APPOINTMENT, D(2018, 6, 4), frozenset({Channel.CONTACT_CENTER})
        )
        made = requests_from_decisions([(Case(receipt_no(1), "HAR"), call)])
        assert made == (PlanRequest(receipt_no(1), D(2018, 6, 4)),)
        assert made.unplaced == ()

    def test_requests_take_the_first_deadline_on_or_after_the_earliest_date(self) -> None:
        deadlines = (
            Deadline(D(2016, 3, 11), "trip"),
            Deadline(MONDAY, "job"),
            Deadline(D(2016, 4, 4), "x"),
        )
        on_the_day = Case(receipt_no(1), "MIA", deadlines=deadlines)
        after = Case(receipt_no(2), "MIA", deadlines=(Deadline(D(2016, 3, 13), "trip"),))
        listed = [
            (on_the_day, LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
            (after, LooseDecision(Action.INQUIRE, MONDAY, frozenset({Channel.INFOPASS}))),
            (Case(receipt_no(3), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, [Channel.INFOPASS])),
        ]
        assert requests_from_decisions(listed) == (
            PlanRequest(receipt_no(1), MONDAY, deadline=MONDAY),
            PlanRequest(receipt_no(2), MONDAY),
            PlanRequest(receipt_no(3), MONDAY),
        )

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
                [(Case(receipt_no(1), "MIA"),)],
                "pairs[0]",
                "must be a (case, decision) pair",
                (Case(receipt_no(1), "MIA"),),
                "a tuple (infopass_rules.Case, a decision)",
            ),
            (
                [[Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON), 3]],
                "pairs[0]",
                "must be a (case, decision) pair",
                [Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON), 3],
                "a tuple (infopass_rules.Case, a decision)",
            ),
            (
                [("case", LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON))],
                "pairs[0]",
                "must be a (case, decision) pair",
                ("case", LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                "a tuple (infopass_rules.Case, a decision)",
            ),
            (
                [(Case(receipt_no(1), "MIA"), object())],
                "pairs[0][1].earliest",
                "has no earliest date",
                None,
                "a datetime.date or None",
            ),
            (
                [
                    (
                        Case(receipt_no(1), "MIA"),
                        LooseDecision(Action.INQUIRE, "2016-03-14", IN_PERSON),
                    )
                ],
                "pairs[0][1].earliest",
                "has no earliest date",
                "2016-03-14",
                "a datetime.date or None",
            ),
            (
                [
                    (
                        Case(receipt_no(1), "MIA"),
                        LooseDecision(Action.INQUIRE, dt.datetime(2024, 3, 11), IN_PERSON),
                    )
                ],
                "pairs[0][1].earliest",
                "has no earliest date",
                dt.datetime(2024, 3, 11),
                "a datetime.date or None",
            ),
            (
                [(Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, "INFOPASS"))],
                "pairs[0][1].channels",
                "has no channels",
                "INFOPASS",
                "a frozenset of infopass_rules.Channel",
            ),
            (
                [(Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, None))],
                "pairs[0][1].channels",
                "has no channels",
                None,
                "a frozenset of infopass_rules.Channel",
            ),
            (
                [
                    (Case(receipt_no(1), "MIA"), LooseDecision(Action.NONE, None, frozenset())),
                    (Case(receipt_no(2), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                    (Case(receipt_no(1), "MIA"), LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
                ],
                "pairs[2]",
                f"repeats pairs[0] ({receipt_no(1)})",
                receipt_no(1),
                "each case once",
            ),
        ],
    )
    def test_bad_pairs_give_exact_errors(
        self, pairs: object, field: str, problem: str, value: object, expected: str
    ) -> None:
        error = _pairs_error(pairs)
        assert (error.field, error.problem, error.expected) == (field, problem, expected)
        assert error.value == value

    def test_a_decision_without_earliest_or_infopass_is_skipped(self) -> None:
        pairs = [
            (
                Case(receipt_no(1), "MIA"),
                LooseDecision(Action.NONE, None, frozenset({Channel.INFOPASS})),
            ),
            (
                Case(receipt_no(2), "MIA"),
                LooseDecision(Action.INQUIRE, MONDAY, frozenset({Channel.MAIL})),
            ),
            (
                Case(receipt_no(3), "MIA", pressing=True),
                LooseDecision(Action.INQUIRE, MONDAY, IN_PERSON),
            ),
        ]
        made = requests_from_decisions(pairs)
        assert made == (PlanRequest(receipt_no(3), MONDAY, pressing=True),)
        assert [u.receipt_number for u in made.unplaced] == [receipt_no(1), receipt_no(2)]
        assert "(MAIL) call for no in-person appointment" in made.unplaced[1].reason

    def test_a_decision_without_channels_is_refused(self) -> None:
        @attrs.frozen
        class EarliestOnly:
            earliest: dt.date

        error = _pairs_error([(Case(receipt_no(1), "MIA"), EarliestOnly(MONDAY))])
        assert (error.field, error.problem, error.value) == (
            "pairs[0][1].channels",
            "has no channels",
            None,
        )


class TestExactErrors:
    """Every validator's exact error, and the bounds it accepts."""

    @pytest.mark.parametrize(
        ("call", "field", "problem", "value", "expected"),
        [
            (
                _plan(requests=[PlanRequest(receipt_no(1), MONDAY), "x"]),
                "requests[1]",
                "must be a PlanRequest",
                "x",
                "infopass_rules.PlanRequest(receipt_number, earliest, deadline, pressing)",
            ),
            (
                _plan(
                    requests=[
                        PlanRequest(receipt_no(1), MONDAY),
                        PlanRequest(receipt_no(2), MONDAY),
                        PlanRequest(receipt_no(1), D(2016, 3, 15)),
                    ]
                ),
                "requests[2]",
                f"repeats requests[0] ({receipt_no(1)})",
                receipt_no(1),
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
                _plan(busy="MSC1490000001"),
                "busy",
                "must be a collection (tuple, list, set)",
                "MSC1490000001",
                "a collection of at most 1000000 items",
            ),
            (
                _plan(busy=[Appointment(MONDAY, "MIA", [receipt_no(1)], attorney="Ana"), "x"]),
                "busy[1]",
                "must be an Appointment",
                "x",
                "infopass_rules.Appointment(on, office, receipt_numbers, attorney)",
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
                lambda: PlanRequest(receipt_no(1), "2016-03-14"),
                "earliest",
                "must be a datetime.date (not a datetime or a string)",
                "2016-03-14",
                "datetime.date(YYYY, M, D)",
            ),
            (
                lambda: PlanRequest(receipt_no(1), MONDAY, deadline="2016-03-14"),
                "deadline",
                "must be a datetime.date (not a datetime or a string)",
                "2016-03-14",
                "datetime.date(YYYY, M, D)",
            ),
            (
                lambda: PlanRequest(receipt_no(1), MONDAY, pressing=1),
                "pressing",
                "must be True or False",
                1,
                "a bool",
            ),
        ],
    )
    def test_bad_arguments_give_exact_errors(
        self, call: Callable[[], object], field: str, problem: str, value: object, expected: str
    ) -> None:
        error = _error(call)
        assert (error.field, error.problem, error.expected) == (field, problem, expected)
        assert error.value == value
        assert type(error.value) is type(value)

    def test_a_bad_receipt_number_in_a_request_names_its_field(self) -> None:
        error = _error(lambda: PlanRequest("MSC12", MONDAY))
        assert error.field == "receipt_number"
        assert PlanRequest(" msc-14900-00001 ", MONDAY).receipt_number == receipt_no(1)

    @pytest.mark.parametrize(
        ("cases", "days", "expected"),
        [
            (1000, 24, (1000, 24)),
            (1, 1, (1, 1)),
            (None, None, (None, None)),
        ],
    )
    def test_planner_limits_accept_their_bounds(
        self, cases: int | None, days: int | None, expected: tuple[int | None, int | None]
    ) -> None:
        limits = PlannerLimits(max_cases=cases, max_per_day=days)
        assert (limits.max_cases, limits.max_per_day) == expected

    def test_the_longest_horizon_is_accepted(self) -> None:
        plan = plan_appointments(
            [], attorneys=["Ana"], office="NYC", start=MONDAY, horizon_days=36_525
        )
        assert plan.assumptions[0].startswith("2016-03-14 to 2019-02-28 at NYC")
        assert plan.regimes == ("RG-SELF", "RG-CC")
        assert plan.assumptions[-1].startswith("2019-03-01 to 2116-03-15 RG-CC: no self-scheduling")

    def test_a_plan_request_is_exactly_what_it_was_given(self) -> None:
        request = PlanRequest(receipt_no(1), MONDAY, deadline=D(2016, 4, 4), pressing=True)
        assert (request.receipt_number, request.earliest, request.deadline, request.pressing) == (
            receipt_no(1),
            MONDAY,
            D(2016, 4, 4),
            True,
        )
        default = PlanRequest(receipt_no(2), MONDAY)
        assert (default.deadline, default.pressing) == (None, False)

    def test_the_appointments_of_a_plan_are_real_appointments(self) -> None:
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), MONDAY)], attorneys=["Ana"], office="Miami", start=MONDAY
        )
        assert plan.appointments == (Appointment(MONDAY, "MIA", [receipt_no(1)], attorney="Ana"),)

    @pytest.mark.parametrize(("length", "accepted"), [(200, True), (201, False)])
    def test_an_attorney_name_is_at_most_200_characters(self, length: int, accepted: bool) -> None:
        name = "A" * length
        if accepted:
            plan = plan_appointments(
                [PlanRequest(receipt_no(1), MONDAY)], attorneys=[name], office="MIA", start=MONDAY
            )
            assert plan.appointments[0].attorney == name
        else:
            error = _error(_plan(attorneys=[name]))
            assert error.field == "attorneys[0]"

    def test_an_unknown_office_is_named(self) -> None:
        with pytest.raises(UnknownOffice) as caught:
            plan_appointments([], attorneys=["Ana"], office="Nowhere", start=MONDAY)
        assert caught.value.field == "office"

    @pytest.mark.parametrize(
        ("attorneys", "who"),
        [(["Ana"], "the one attorney is"), (["Ana", "Ben"], "the 2 attorneys are")],
    )
    def test_the_attorneys_are_counted_in_words(self, attorneys: list[str], who: str) -> None:
        plan = plan_appointments(
            [], attorneys=attorneys, office="MIA", start=MONDAY, horizon_days=1
        )
        assert (
            f"Each day, {who} given appointments (or calls) in alphabetical order, each filled up "
            "to its case limit before the next is opened." in plan.assumptions
        )


# Kept on the private helpers _count and _optional_cap: each row pins one branch (singular and
# plural; each refused kind of cap) with its exact text; through plan_appointments the same text
# is buried in whole assumption sentences, so a rewrite would not be straightforward.
class TestInternalsSchedule:
    """The count in words and the cap converter, called directly."""

    @pytest.mark.parametrize(
        ("n", "unit", "text"),
        [
            (1, "case per appointment", "1 case per appointment"),
            (5, "case per appointment", "5 cases per appointment"),
            (1, "appointment", "1 appointment"),
            (2, "appointment", "2 appointments"),
        ],
    )
    def test_a_count_in_words(self, n: int, unit: str, text: str) -> None:
        assert planner._count(n, unit) == text

    @pytest.mark.parametrize(
        ("value", "accepted"),
        [(None, True), (1, True), (7, True), (0, False), (8, False), (True, False), (2.0, False)],
    )
    def test_an_optional_cap_converter(self, value: object, accepted: bool) -> None:
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


class TestRegimes:
    """Each day is planned under the regime in force at the office: appointments the firm books
    under RG-SELF, Contact Center calls under RG-PILOT and RG-CC (docs/concepts/regimes.md)."""

    @staticmethod
    def docket(n: int, earliest: dt.date) -> list[PlanRequest]:
        return [PlanRequest(receipt_no(i), earliest) for i in range(1, n + 1)]

    def test_before_march_2019_the_firm_books_appointments(self) -> None:
        start = D(2019, 2, 20)  # a Wednesday
        plan = plan_appointments(
            self.docket(10, start), attorneys=["Ana"], office="MIA", start=start, horizon_days=6
        )
        assert plan.regimes == ("RG-SELF",)
        assert plan.calls == ()
        assert [(a.on, len(a.receipt_numbers)) for a in plan.appointments] == [
            (D(2019, 2, 20), 5),
            (D(2019, 2, 21), 5),
        ]

    def test_from_march_2019_the_plan_holds_contact_center_calls(self) -> None:
        start = D(2019, 3, 4)  # a Monday
        plan = plan_appointments(
            self.docket(3, start), attorneys=["Ben", "Ana"], office="MIA", start=start
        )
        assert plan.regimes == ("RG-CC",)
        assert plan.appointments == ()
        assert plan.calls == (
            # 2019-03-09 (a Saturday) to 03-11 in calendar days: from Monday 03-11.
            PlannedCall(
                D(2019, 3, 4),
                "Ana",
                (receipt_no(1),),
                (D(2019, 3, 5), D(2019, 3, 6)),
                (D(2019, 3, 11), D(2019, 3, 11)),
                "MIA",
                "RG-CC",
            ),
            PlannedCall(
                D(2019, 3, 4),
                "Ben",
                (receipt_no(2),),
                (D(2019, 3, 5), D(2019, 3, 6)),
                (D(2019, 3, 11), D(2019, 3, 11)),
                "MIA",
                "RG-CC",
            ),
            # 2019-03-10 (a Sunday) to 03-12 in calendar days: from Monday 03-11.
            PlannedCall(
                D(2019, 3, 5),
                "Ana",
                (receipt_no(3),),
                (D(2019, 3, 6), D(2019, 3, 7)),
                (D(2019, 3, 11), D(2019, 3, 12)),
                "MIA",
                "RG-CC",
            ),
        )
        assert any("the library's own assumption" in a for a in plan.assumptions)
        assert any("(CC-APPOINTMENT, aila-19030140)" in a for a in plan.assumptions)

    def test_a_window_across_march_2019_gets_both_each_on_its_side(self) -> None:
        start = D(2019, 2, 20)
        plan = plan_appointments(
            self.docket(60, start),
            attorneys=["Ana", "Ben"],
            office="MIA",
            start=start,
            horizon_days=30,
        )
        assert plan.regimes == ("RG-SELF", "RG-CC")
        assert all(a.on < D(2019, 3, 1) for a in plan.appointments)
        assert all(c.on >= D(2019, 3, 1) for c in plan.calls)
        # Feb 20-22, 25-28: 7 business days x 2 attorneys x 5 cases = 70 >= 60: all booked.
        assert sum(len(a.receipt_numbers) for a in plan.appointments) == 60
        assert check_appointments(plan.appointments) == ()
        later = plan_appointments(
            self.docket(60, D(2019, 2, 27)),
            attorneys=["Ana", "Ben"],
            office="MIA",
            start=start,
            horizon_days=30,
        )
        # Feb 27-28 books 20 cases; from March 1 the others are called for, 2 a business day.
        assert all(a.on < D(2019, 3, 1) for a in later.appointments)
        assert all(c.on >= D(2019, 3, 1) for c in later.calls)
        assert sum(len(a.receipt_numbers) for a in later.appointments) == 20
        assert len(later.calls) == 2 * 16  # 16 business days from March 1 to March 22
        assert len(later.unplaced) == 8
        assert later.assumptions[-2:] == (
            "2019-02-20 to 2019-02-28 RG-SELF: INFOPASS appointments booked online by the firm "
            "(MIA self-schedules InfoPass appointments online on 2019-02-20).",
            "2019-03-01 to 2019-03-22 RG-CC: no self-scheduling: Contact Center calls to request "
            "INFOPASS appointments (on 2019-03-01 every office schedules through the Contact "
            "Center (from 2019-03-01, a month-precise date stored as its first day)).",
        )

    def test_a_pilot_office_calls_from_february_2018(self) -> None:
        start = D(2018, 1, 29)
        plan = plan_appointments(
            self.docket(40, start),
            attorneys=["Ana"],
            office="San Francisco",
            start=start,
            horizon_days=14,
        )
        assert plan.regimes == ("RG-SELF", "RG-PILOT")
        assert {a.on for a in plan.appointments} <= {D(2018, 1, d) for d in range(29, 32)} | {
            D(2018, 2, 1),
            D(2018, 2, 2),
        }
        assert next(c.on for c in plan.calls) == D(2018, 2, 5)
        assert {c.regime for c in plan.calls} == {"RG-PILOT"}
        # Miami was no pilot office: it still books then.
        miami = plan_appointments(
            self.docket(20, start),
            attorneys=["Ana"],
            office="MIA",
            start=start,
            horizon_days=14,
        )
        assert (miami.regimes, miami.calls) == (("RG-SELF",), ())

    def test_the_call_caps_are_the_firms_to_change(self) -> None:
        start = D(2019, 3, 4)
        plan = plan_appointments(
            self.docket(7, start),
            attorneys=["Ana"],
            office="MIA",
            start=start,
            horizon_days=0,
            limits=PlannerLimits(calls_per_day=2, cases_per_call=3),
        )
        assert [c.receipt_numbers for c in plan.calls] == [
            tuple(receipt_no(n) for n in (1, 2, 3)),
            tuple(receipt_no(n) for n in (4, 5, 6)),
        ]
        assert plan.unplaced[0].receipt_number == receipt_no(7)
        assert "no business-day" in plan.unplaced[0].reason
        assert any(
            "at most 2 calls per attorney per business day, 3 cases per call" in a
            for a in plan.assumptions
        )

    @pytest.mark.parametrize(("field", "most"), [("calls_per_day", 24), ("cases_per_call", 1000)])
    @pytest.mark.parametrize("bad", [None, 0, -1, True, 2.5, "2", "most+1"])
    def test_the_call_caps_are_validated(self, field: str, most: int, bad: object) -> None:
        if bad == "most+1":
            bad = most + 1
        with pytest.raises(InvalidValue) as caught:
            PlannerLimits(**{field: bad})  # type: ignore[arg-type]
        error = caught.value
        assert (error.field, error.value, error.expected) == (
            field,
            bad,
            f"an int from 1 to {most}",
        )
        assert str(error) == (
            f"{field}: must be a positive whole number; got {bad!r}; expected an int from 1 to "
            f"{most}"
        )

    @pytest.mark.parametrize(("field", "most"), [("calls_per_day", 24), ("cases_per_call", 1000)])
    @pytest.mark.parametrize("good", [1, 2, "most-1", "most"])
    def test_the_call_caps_accept_one_to_their_most(
        self, field: str, most: int, good: object
    ) -> None:
        value = {"most": most, "most-1": most - 1}.get(good, good)  # type: ignore[call-overload]
        assert getattr(PlannerLimits(**{field: value}), field) == value

    def test_a_miami_docket_in_2026_is_called_for_not_dropped(self) -> None:
        """The issue's case: Miami decisions in 2026 offer {E_REQUEST, CONTACT_CENTER}."""
        as_of = D(2026, 11, 27)
        cases = [
            Case(
                f"MSC26900{n:05d}",
                "MIA",
                received_on=D(2025, 1, 2),
                outside_processing_times_on=D(2026, 6, 1),
            )
            for n in range(60)
        ]
        pairs = [(c, next_action(c, [], as_of=as_of)) for c in cases]
        assert {d.channels for _, d in pairs} == {
            frozenset({Channel.E_REQUEST, Channel.CONTACT_CENTER})
        }
        requests = requests_from_decisions(pairs)
        assert len(requests) == 60
        assert requests.unplaced == ()
        plan = plan_appointments(requests, attorneys=["Ana", "Ben"], office="MIA", start=as_of)
        assert plan.regimes == ("RG-CC",)
        assert plan.appointments == ()
        assert sorted(n for c in plan.calls for n in c.receipt_numbers) == sorted(
            c.receipt_number for c in cases
        )

    def test_the_pairs_that_make_no_request_are_in_the_plan(self) -> None:
        pairs = [
            (Case(receipt_no(1), "MIA"), FakeDecision(Action.INQUIRE, MONDAY, IN_PERSON)),
            (Case(receipt_no(2), "MIA"), FakeDecision(Action.NONE, None, frozenset())),
            (
                Case(receipt_no(3), "MIA"),
                FakeDecision(Action.EXHAUSTED, MONDAY, frozenset({Channel.INFOPASS})),
            ),
            (
                Case(receipt_no(4), "MIA"),
                FakeDecision(Action.USE_OTHER_SERVICE, MONDAY, frozenset({Channel.E_REQUEST})),
            ),
        ]
        plan = plan_appointments(
            requests_from_decisions(pairs), attorneys=["Ana"], office="MIA", start=MONDAY
        )
        assert [a.receipt_numbers for a in plan.appointments] == [(receipt_no(1),)]
        assert [u.receipt_number for u in plan.unplaced] == [
            receipt_no(2),
            receipt_no(3),
            receipt_no(4),
        ]
        assert "EXHAUSTED" in plan.unplaced[1].reason
        assert "USE_OTHER_SERVICE" in plan.unplaced[2].reason

    @pytest.mark.parametrize(
        ("office", "start", "horizon", "spans", "placed"),
        [
            # RG-CC from 2019-03-01 (a Friday), on the window's last day: a one-day span.
            (
                "MIA",
                D(2019, 2, 25),
                4,
                ["2019-02-25 to 2019-02-28 RG-SELF", "2019-03-01 to 2019-03-01 RG-CC"],
                (D(2019, 3, 1), "RG-CC"),
            ),
            (
                "MIA",
                D(2019, 2, 25),
                3,
                ["2019-02-25 to 2019-02-28 RG-SELF"],
                (D(2019, 2, 28), None),
            ),
            # RG-PILOT at San Francisco from 2018-02-05 (a Monday), on the window's last day.
            (
                "SFR",
                D(2018, 2, 1),
                4,
                ["2018-02-01 to 2018-02-04 RG-SELF", "2018-02-05 to 2018-02-05 RG-PILOT"],
                (D(2018, 2, 5), "RG-PILOT"),
            ),
            ("SFR", D(2018, 2, 1), 3, ["2018-02-01 to 2018-02-04 RG-SELF"], (D(2018, 2, 2), None)),
        ],
    )
    def test_the_window_is_cut_on_the_day_a_regime_comes_into_force(
        self,
        office: str,
        start: dt.date,
        horizon: int,
        spans: list[str],
        placed: tuple[dt.date, str | None],
    ) -> None:
        """A case released on the window's last business day is called for when a Contact
        Center regime starts that day (``placed`` names the call's regime), and booked (None)
        when the window ends the day before."""
        day = placed[0]
        plan = plan_appointments(
            self.docket(1, day), attorneys=["Ana"], office=office, start=start, horizon_days=horizon
        )
        assert [a.split(":")[0] for a in plan.assumptions[-len(plan.regimes) :]] == spans
        assert plan.regimes == tuple(span.split()[-1] for span in spans)
        assert [(a.on, None) for a in plan.appointments] + [
            (c.on, c.regime) for c in plan.calls
        ] == [placed]

    def test_a_pilot_office_window_gets_all_three_regimes_each_on_its_days(self) -> None:
        """San Francisco from 2018-02-01 to 2019-03-04: RG-SELF, then RG-PILOT from 2018-02-05,
        then RG-CC from 2019-03-01; a case released in each is booked, then called for twice."""
        start = D(2018, 2, 1)
        requests = [
            PlanRequest(receipt_no(1), D(2018, 2, 2)),
            PlanRequest(receipt_no(2), D(2018, 2, 6)),
            PlanRequest(receipt_no(3), D(2019, 3, 4)),
        ]
        plan = plan_appointments(
            requests,
            attorneys=["Ana"],
            office="San Francisco",
            start=start,
            horizon_days=(D(2019, 3, 4) - start).days,
        )
        assert plan.regimes == ("RG-SELF", "RG-PILOT", "RG-CC")
        assert plan.appointments == (
            Appointment(D(2018, 2, 2), "SFR", [receipt_no(1)], attorney="Ana"),
        )
        assert plan.calls == (
            PlannedCall(
                D(2018, 2, 6),
                "Ana",
                (receipt_no(2),),
                (D(2018, 2, 7), D(2018, 2, 8)),
                (D(2018, 2, 12), D(2018, 2, 13)),  # from Sunday 02-11 to Monday 02-12
                "SFR",
                "RG-PILOT",
            ),
            PlannedCall(
                D(2019, 3, 4),
                "Ana",
                (receipt_no(3),),
                (D(2019, 3, 5), D(2019, 3, 6)),
                (D(2019, 3, 11), D(2019, 3, 11)),  # from Saturday 03-09 to Monday 03-11
                "SFR",
                "RG-CC",
            ),
        )
        assert plan.unplaced == ()
        assert [a.split(":")[0] for a in plan.assumptions[-3:]] == [
            "2018-02-01 to 2018-02-04 RG-SELF",
            "2018-02-05 to 2019-02-28 RG-PILOT",
            "2019-03-01 to 2019-03-04 RG-CC",
        ]

    @pytest.mark.parametrize(
        ("limits", "caps"),
        [
            (PlannerLimits.DISTRICT, "1 call per attorney per business day, 1 case per call"),
            (
                PlannerLimits(calls_per_day=2, cases_per_call=3),
                "2 calls per attorney per business day, 3 cases per call",
            ),
        ],
    )
    def test_the_contact_center_assumptions_word_for_word(
        self, limits: PlannerLimits, caps: str
    ) -> None:
        """Under RG-CC the assumptions open with the call caps (the library's, or the firm's)
        and the call-back and appointment windows of CC-APPOINTMENT, with their source."""
        start = D(2019, 3, 4)
        plan = plan_appointments(
            [], attorneys=["Ana"], office="MIA", start=start, horizon_days=0, limits=limits
        )
        assert plan.assumptions[:2] == (
            "Contact Center calls (the library's own assumption; no source sets them): at most "
            f"{caps} (Tier 1 identifies each case by name, date of birth and receipt number, "
            "CC-CALL; Tier 2 confirms case by case that it suits InfoPass); change them with "
            "PlannerLimits(calls_per_day=..., cases_per_call=...).",
            "After each call, Tier 2's call-back is expected 1-2 days later and the appointment "
            "4-5 days after the call-back (CC-APPOINTMENT, aila-19030140), "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day.",
        )
        assert plan.assumptions[2:] == (
            *fixed(start, 1),
            "2019-03-04 to 2019-03-04 RG-CC: no self-scheduling: Contact Center calls to request "
            "INFOPASS appointments (on 2019-03-04 every office schedules through the Contact "
            "Center (from 2019-03-01, a month-precise date stored as its first day)).",
        )

    @pytest.mark.parametrize(
        ("office", "day", "callback", "appointment", "windows", "before_first"),
        [
            # The call-back window of 2019-03-01 (a library default, no source): the assumption
            # cites the appointment window's source instead.
            (
                "MIA",
                D(2019, 3, 4),
                (D(2019, 3, 6), D(2019, 3, 7)),
                (D(2019, 3, 12), D(2019, 3, 15)),
                "2-3 days later and the appointment 6-8 days after the call-back (CC-APPOINTMENT, "
                "contact-center-2019)",
                (),
            ),
            # Before the appointment window's first date (2018-06-01), its first value, and the
            # plan says so.
            (
                "SFR",
                D(2018, 2, 5),
                (D(2018, 2, 6), D(2018, 2, 7)),
                (D(2018, 2, 12), D(2018, 2, 12)),  # from Saturday 02-10 to Monday 02-12
                "1-2 days later and the appointment 4-5 days after the call-back (CC-APPOINTMENT, "
                "aila-19030140)",
                (
                    "CC-APPOINTMENT: the sources describe the appointment window after the "
                    "call-back (contact_center.appointment_after_callback_days) only from "
                    "2018-06-01 (aila-19030140); that description is applied to the calls on "
                    "2018-02-05.",
                ),
            ),
        ],
        ids=["RG-CC at Miami", "RG-PILOT at San Francisco"],
    )
    def test_dated_call_windows_are_those_in_force_on_the_call_s_day(
        self,
        monkeypatch: pytest.MonkeyPatch,
        office: str,
        day: dt.date,
        callback: tuple[dt.date, dt.date],
        appointment: tuple[dt.date, dt.date],
        windows: str,
        before_first: tuple[str, ...],
    ) -> None:
        """With dated (not rival) call-back and appointment windows, a call takes the ones in
        force on its day, or a window's first value before it is in force (said in the plan)."""
        book = _book_with_dated_call_windows()
        monkeypatch.setattr(planner, "load_rulebook", lambda: book)
        monkeypatch.setattr(appointments, "load_rulebook", lambda: book)
        plan = plan_appointments(
            self.docket(1, day), attorneys=["Ana"], office=office, start=day, horizon_days=0
        )
        assert [(c.on, c.callback_window, c.appointment_window) for c in plan.calls] == [
            (day, callback, appointment)
        ]
        assert plan.assumptions[1] == (
            f"After each call, Tier 2's call-back is expected {windows}, "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day."
        )
        assert plan.assumptions[2 : 2 + len(before_first)] == before_first
        assert plan.assumptions[2 + len(before_first)] == fixed(day, 1)[0]


_CHANNEL_SETS = st.frozensets(st.sampled_from(list(Channel)))


@st.composite
def decided_pairs(draw: st.DrawFn) -> list[tuple[Case, FakeDecision]]:
    start = draw(st.dates(D(2017, 6, 1), D(2020, 6, 1)))
    offices = st.sampled_from(["MIA", "SFR", "ORL"])
    pairs = []
    for i in range(draw(st.integers(0, 60))):
        action = draw(st.sampled_from(list(Action)))
        earliest = draw(st.none() | st.integers(0, 40).map(lambda n: start + dt.timedelta(n)))
        pairs.append(
            (
                Case(receipt_no(i), draw(offices)),
                FakeDecision(action, earliest, draw(_CHANNEL_SETS)),
            )
        )
    return pairs


@PROPERTY
@given(
    decided_pairs(),
    st.sampled_from(["MIA", "SFR", "ORL"]),
    st.dates(D(2017, 6, 1), D(2020, 6, 1)),
    st.integers(0, 60),
    st.lists(st.sampled_from("ABC"), min_size=1, max_size=3, unique=True),
)
def test_every_receipt_number_is_accounted_for_exactly_once(
    pairs: list[tuple[Case, FakeDecision]],
    office: str,
    start: dt.date,
    horizon: int,
    attorneys: list[str],
) -> None:
    requests = requests_from_decisions(pairs)
    made = [r.receipt_number for r in requests] + [u.receipt_number for u in requests.unplaced]
    assert sorted(made) == sorted(c.receipt_number for c, _ in pairs)
    plan = plan_appointments(
        requests, attorneys=attorneys, office=office, start=start, horizon_days=horizon
    )
    placed = [n for item in placed_items(plan) for n in item.receipt_numbers]
    accounted = placed + [u.receipt_number for u in plan.unplaced]
    assert sorted(accounted) == sorted(c.receipt_number for c, _ in pairs)
    assert len(accounted) == len(set(accounted))
    assert all(u.reason for u in plan.unplaced)
    assert check_appointments(plan.appointments) == ()


class TestBusyAttorneys:
    """Appointments the attorneys already hold (``busy``) take their days."""

    def test_an_attorney_busy_elsewhere_is_not_given_that_day(self) -> None:
        day = D(2016, 3, 7)  # a Monday under RG-SELF
        elsewhere = ir.Appointment(day, "HIA", ("MSC1690099999",), attorney="A")
        requests = [ir.PlanRequest(f"MSC16900{n:05d}", day) for n in range(3)]
        plan = ir.plan_appointments(
            requests,
            attorneys=["A", "B"],
            office="MIA",
            start=day,
            horizon_days=3,
            busy=[elsewhere],
        )
        on_the_day = [a for a in plan.appointments if a.on == day]
        assert [a.attorney for a in on_the_day] == ["B"]
        # Together with the appointment held elsewhere, the plan keeps MIA-LIMIT-DAY.
        assert ir.check_appointments([*plan.appointments, elsewhere]) == ()
        # Without it, A (first by name) takes the day's cases.
        free = ir.plan_appointments(
            requests, attorneys=["A", "B"], office="MIA", start=day, horizon_days=3
        )
        assert [a.attorney for a in free.appointments if a.on == day] == ["A"]

    def test_an_appointment_of_no_named_attorney_takes_no_one_s_day(self) -> None:
        day = D(2016, 3, 7)
        unnamed = ir.Appointment(day, "HIA", ("MSC1690099999",))
        requests = [ir.PlanRequest("MSC1690000001", day)]
        plan = ir.plan_appointments(
            requests, attorneys=["A"], office="MIA", start=day, busy=[unnamed]
        )
        assert [(a.on, a.attorney) for a in plan.appointments] == [(day, "A")]

    def test_busy_holds_appointments_only(self) -> None:
        with pytest.raises(ir.InvalidValue) as caught:
            ir.plan_appointments([], attorneys=["A"], office="MIA", start=D(2016, 3, 7), busy=["x"])
        assert (caught.value.field, caught.value.problem) == ("busy[0]", "must be an Appointment")

    def test_each_appointment_held_that_day_takes_one_of_the_day_s(self) -> None:
        """Three appointments a day at New York (the cap given): Ana already holds two on
        Monday, so the plan gives her one more that day, and three on Tuesday."""
        held = [
            ir.Appointment(MONDAY, "HIA", ("MSC1690099998",), attorney="Ana"),
            ir.Appointment(MONDAY, "MIA", ("MSC1690099999",), attorney="Ana"),
        ]
        plan = plan_appointments(
            [PlanRequest(receipt_no(n), MONDAY) for n in range(1, 6)],
            attorneys=["Ana"],
            office="NYC",
            start=MONDAY,
            horizon_days=1,
            limits=PlannerLimits(max_cases=1, max_per_day=3),
            busy=held,
        )
        assert layout(plan) == [
            (MONDAY, "Ana", (receipt_no(1),)),
            (D(2016, 3, 15), "Ana", (receipt_no(2),)),
            (D(2016, 3, 15), "Ana", (receipt_no(3),)),
            (D(2016, 3, 15), "Ana", (receipt_no(4),)),
        ]
        assert [u.receipt_number for u in plan.unplaced] == [receipt_no(5)]

    @pytest.mark.parametrize(
        ("office", "day", "regime"),
        [("MIA", D(2019, 3, 4), "RG-CC"), ("SFR", D(2018, 2, 5), "RG-PILOT")],
    )
    def test_appointments_held_take_no_call_from_the_day(
        self, office: str, day: dt.date, regime: str
    ) -> None:
        """Under a Contact Center regime the plan holds calls, not appointments: an appointment
        Ana already holds that day leaves her day's call free."""
        held = ir.Appointment(day, office, ("MSC1690099999",), attorney="Ana")
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), day)],
            attorneys=["Ana"],
            office=office,
            start=day,
            horizon_days=0,
            busy=[held],
        )
        assert [(c.on, c.attorney, c.receipt_numbers, c.regime) for c in plan.calls] == [
            (day, "Ana", (receipt_no(1),), regime)
        ]
        assert plan.unplaced == ()


# --- The caller's policy, and windows applied before their first date -------------------------

_LONGEST_WAIT = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)


def _book_with_call_windows_from(
    after: dt.date | None = None, callback: dt.date | None = None
) -> object:
    """The shipped rule book, with the appointment window (6-8 days, aila-19030140) first in
    force from ``after``, and the call-back window (2-3 days, a library default with no source)
    dated from ``callback`` instead of read from rival sources; each left as shipped when None."""
    book = load_rulebook()
    parameters = dict(book.parameters)
    if after is not None:
        parameters[_AFTER_CALLBACK] = attrs.evolve(
            book.parameters[_AFTER_CALLBACK],
            values=(ValuePeriod(after, [6, 8], "aila-19030140"),),
        )
    if callback is not None:
        parameters[_CALLBACK] = attrs.evolve(
            book.parameters[_CALLBACK],
            readings=(),
            values=(ValuePeriod(callback, [2, 3], None, basis="library default"),),
        )
    return attrs.evolve(book, parameters=parameters)


def _use_book(monkeypatch: pytest.MonkeyPatch, book: object) -> None:
    monkeypatch.setattr(planner, "load_rulebook", lambda: book)
    monkeypatch.setattr(appointments, "load_rulebook", lambda: book)


def _said_before_first_values(plan: Plan) -> list[str]:
    """The assumptions that say a window was applied before its first date."""
    return [a for a in plan.assumptions if "the sources describe" in a]


class TestCallWindowsBeforeTheirFirstDate:
    """A call on a day before a window's first dated value takes that first value, as a decision
    does (``Reasoning.param``), and the plan says so in its assumptions (no silent guess): the
    rule, the value's first date and source, and the days it was applied to."""

    FIRST = D(2018, 6, 6)  # a Wednesday; San Francisco is a pilot office then (RG-PILOT)

    @pytest.mark.parametrize(
        ("day", "appointment", "said"),
        [
            (
                D(2018, 6, 5),
                (D(2018, 6, 12), D(2018, 6, 15)),
                [
                    "CC-APPOINTMENT: the sources describe the appointment window after the "
                    "call-back (contact_center.appointment_after_callback_days) only from "
                    "2018-06-06 (aila-19030140); that description is applied to the calls on "
                    "2018-06-05."
                ],
            ),
            # The last days, Saturday 06-16 and Sunday 06-17, move to Monday 06-18.
            (D(2018, 6, 6), (D(2018, 6, 13), D(2018, 6, 18)), []),
            (D(2018, 6, 7), (D(2018, 6, 14), D(2018, 6, 18)), []),
        ],
        ids=["the day before", "the day of", "the day after"],
    )
    def test_the_first_date_s_boundaries(
        self,
        monkeypatch: pytest.MonkeyPatch,
        day: dt.date,
        appointment: tuple[dt.date, dt.date],
        said: list[str],
    ) -> None:
        _use_book(monkeypatch, _book_with_call_windows_from(after=self.FIRST))
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), day)],
            attorneys=["Ana"],
            office="SFR",
            start=day,
            horizon_days=0,
        )
        # The same windows on each side: the first value, 6-8 days after the call-back (each end
        # of the appointment window then on a business day).
        assert plan.calls == (
            PlannedCall(
                day,
                "Ana",
                (receipt_no(1),),
                (day + dt.timedelta(days=1), day + dt.timedelta(days=2)),
                appointment,
                "SFR",
                "RG-PILOT",
            ),
        )
        assert plan.assumptions[1] == (
            "After each call, Tier 2's call-back is expected 1-2 days later and the appointment "
            "6-8 days after the call-back (CC-APPOINTMENT, aila-19030140), "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day."
        )
        assert list(plan.assumptions[2 : 2 + len(said)]) == said
        assert plan.assumptions[2 + len(said)] == fixed(day, 1)[0]

    def test_a_window_across_the_first_date_names_the_days_before_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _use_book(monkeypatch, _book_with_call_windows_from(after=self.FIRST))
        start = D(2018, 6, 1)  # a Friday
        plan = plan_appointments(
            [PlanRequest(receipt_no(n), start) for n in range(1, 6)],
            attorneys=["Ana"],
            office="SFR",
            start=start,
            horizon_days=7,
        )
        assert [(c.on, c.callback_window, c.appointment_window) for c in plan.calls] == [
            (D(2018, 6, 1), (D(2018, 6, 2), D(2018, 6, 3)), (D(2018, 6, 8), D(2018, 6, 11))),
            (D(2018, 6, 4), (D(2018, 6, 5), D(2018, 6, 6)), (D(2018, 6, 11), D(2018, 6, 14))),
            (D(2018, 6, 5), (D(2018, 6, 6), D(2018, 6, 7)), (D(2018, 6, 12), D(2018, 6, 15))),
            # The last days, Saturday 06-16 and Sunday 06-17, move to Monday 06-18.
            (D(2018, 6, 6), (D(2018, 6, 7), D(2018, 6, 8)), (D(2018, 6, 13), D(2018, 6, 18))),
            (D(2018, 6, 7), (D(2018, 6, 8), D(2018, 6, 9)), (D(2018, 6, 14), D(2018, 6, 18))),
        ]
        assert _said_before_first_values(plan) == [
            "CC-APPOINTMENT: the sources describe the appointment window after the call-back "
            "(contact_center.appointment_after_callback_days) only from 2018-06-06 "
            "(aila-19030140); that description is applied to the calls from 2018-06-01 to "
            "2018-06-05."
        ]

    def test_only_the_days_of_calls_count_and_each_window_is_named(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """San Francisco self-schedules until 2018-02-04 and calls from 2018-02-05 (RG-PILOT):
        windows first dated 2018-02-07 are applied to the calls of 2018-02-05 and 02-06 only;
        Miami, which books throughout, holds no call and says nothing of the windows."""
        _use_book(
            monkeypatch,
            _book_with_call_windows_from(after=D(2018, 2, 7), callback=D(2018, 2, 7)),
        )
        start = D(2018, 2, 1)
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), D(2018, 2, 5))],
            attorneys=["Ana"],
            office="SFR",
            start=start,
            horizon_days=9,
        )
        assert plan.regimes == ("RG-SELF", "RG-PILOT")
        assert [(c.on, c.callback_window, c.appointment_window) for c in plan.calls] == [
            (D(2018, 2, 5), (D(2018, 2, 7), D(2018, 2, 8)), (D(2018, 2, 13), D(2018, 2, 16)))
        ]
        assert plan.assumptions[2:5] == (
            "After each call, Tier 2's call-back is expected 2-3 days later and the appointment "
            "6-8 days after the call-back (CC-APPOINTMENT, aila-19030140), "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day.",
            "CC-APPOINTMENT: the sources describe Tier 2's call-back window "
            "(contact_center.scheduling_callback_days) only from 2018-02-07 (no source: library "
            "default); that description is applied to the calls from 2018-02-05 to 2018-02-06.",
            "CC-APPOINTMENT: the sources describe the appointment window after the call-back "
            "(contact_center.appointment_after_callback_days) only from 2018-02-07 "
            "(aila-19030140); that description is applied to the calls from 2018-02-05 to "
            "2018-02-06.",
        )
        miami = plan_appointments(
            [PlanRequest(receipt_no(1), D(2018, 2, 5))],
            attorneys=["Ana"],
            office="MIA",
            start=start,
            horizon_days=9,
        )
        assert (miami.regimes, miami.calls) == (("RG-SELF",), ())
        assert not any("Tier 2" in a for a in miami.assumptions)

    @pytest.mark.parametrize(("office", "start"), [("SFR", D(2018, 2, 5)), ("MIA", D(2019, 3, 1))])
    def test_the_shipped_windows_are_in_force_on_every_call(
        self, office: str, start: dt.date
    ) -> None:
        """The shipped windows are dated from the pilot's first day (2018-02-05): no call is
        ever before them, so a plan on the shipped rule book has nothing to say of them."""
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), start)],
            attorneys=["Ana"],
            office=office,
            start=start,
            horizon_days=30,
        )
        assert [c.on for c in plan.calls] == [start]
        assert _said_before_first_values(plan) == []


class TestPolicy:
    """``policy=``, as for the engine: its conflict rule picks the call-back window where the
    sources disagree (CC-APPOINTMENT); checked at the boundary."""

    DAY = D(2019, 3, 4)  # a Monday under RG-CC

    def plan(self, policy: ir.Policy | None, day: dt.date = DAY, office: str = "MIA") -> Plan:
        extra = {} if policy is None else {"policy": policy}
        return plan_appointments(
            [PlanRequest(receipt_no(1), day)],
            attorneys=["Ana"],
            office=office,
            start=day,
            horizon_days=0,
            **extra,  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(
        "policy",
        [None, ir.DEFAULT_POLICY, ir.Policy(conflict_rule=ir.ConflictRule.AUTHORITY_THEN_LATER)],
        ids=["no policy", "DEFAULT_POLICY", "AUTHORITY_THEN_LATER"],
    )
    def test_the_default_conflict_rule_follows_the_primary_source(
        self, policy: ir.Policy | None
    ) -> None:
        plan = self.plan(policy)
        # 2019-03-09 (a Saturday) to 03-11 in calendar days: from Monday 03-11.
        assert [(c.callback_window, c.appointment_window) for c in plan.calls] == [
            ((D(2019, 3, 5), D(2019, 3, 6)), (D(2019, 3, 11), D(2019, 3, 11)))
        ]
        assert plan.assumptions[1] == (
            "After each call, Tier 2's call-back is expected 1-2 days later and the appointment "
            "4-5 days after the call-back (CC-APPOINTMENT, aila-19030140), "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day."
        )
        assert plan == self.plan(None)

    def test_longest_wait_follows_the_longest_reading_and_says_so(self) -> None:
        plan = self.plan(_LONGEST_WAIT)
        # contact-center-2019's "within 30 days": 0-30 days, then 4-5 days (aila-19030140).
        assert [(c.callback_window, c.appointment_window) for c in plan.calls] == [
            ((D(2019, 3, 4), D(2019, 4, 3)), (D(2019, 3, 8), D(2019, 4, 8)))
        ]
        assert plan.assumptions[1] == (
            "After each call, Tier 2's call-back is expected 0-30 days later (the sources "
            "disagree: the reading with the longest wait; Policy.conflict_rule LONGEST_WAIT) and "
            "the appointment 4-5 days after the call-back (CC-APPOINTMENT, contact-center-2019 "
            "for the call-back, aila-19030140 for the appointment), "
            "calendar days, each end of the appointment window then moved to the first business "
            "day on or after it; the Contact Center, not the firm, sets the appointment's day."
        )
        assert plan.assumptions[2:] == self.plan(None).assumptions[2:]

    @pytest.mark.parametrize(
        ("policy", "noted", "planned"),
        [
            # Saturday 2019-03-09 to Monday 03-11 in calendar days: from Monday 03-11.
            (
                ir.DEFAULT_POLICY,
                (D(2019, 3, 9), D(2019, 3, 11)),
                (D(2019, 3, 11), D(2019, 3, 11)),
            ),
            # Friday 2019-03-08 to Monday 04-08: business days already, unchanged.
            (_LONGEST_WAIT, (D(2019, 3, 8), D(2019, 4, 8)), (D(2019, 3, 8), D(2019, 4, 8))),
        ],
        ids=["default", "LONGEST_WAIT"],
    )
    def test_the_appointment_window_is_the_engine_s(
        self,
        policy: ir.Policy,
        noted: tuple[dt.date, dt.date],
        planned: tuple[dt.date, dt.date],
    ) -> None:
        """Under one policy, a call on a day gives the appointment window the engine's decision
        on that day notes for a request for an appointment (CC-APPOINTMENT), in calendar days,
        with each end moved to the first business day on or after it."""
        case = Case(receipt_no(1), "MIA", issue=ir.Issue.PROOF_OF_STATUS)
        decision = next_action(case, [], as_of=self.DAY, policy=policy)
        assert decision.action is Action.REQUEST_APPOINTMENT
        first, last = noted
        assert (
            f"A request made on 2019-03-04 usually gives an appointment between "
            f"{first.isoformat()} and {last.isoformat()}." in decision.notes
        )
        assert (next_business_day(first), next_business_day(last)) == planned
        assert self.plan(policy).calls[0].appointment_window == planned

    @pytest.mark.parametrize(
        ("office", "day"), [("MIA", MONDAY), ("SFR", D(2018, 2, 5))], ids=["RG-SELF", "RG-PILOT"]
    )
    def test_the_conflict_rule_changes_no_booked_day_and_no_pilot_call_s_day(
        self, office: str, day: dt.date
    ) -> None:
        plan, default = self.plan(_LONGEST_WAIT, day, office), self.plan(None, day, office)
        assert [a.on for a in plan.appointments] == [a.on for a in default.appointments]
        assert [c.on for c in plan.calls] == [c.on for c in default.calls]
        if office == "MIA":  # no call, nothing the sources disagree on: the same plan
            assert plan == default

    def test_the_other_fields_change_no_plan(self) -> None:
        """The planner counts no wait and reads no history: only the conflict rule enters."""
        other = ir.Policy(
            day_count=ir.DayCount.ON_LAST_DAY,
            premature=ir.Premature.RESTARTS_CLOCK,
            fod_after_third=ir.FodAfterThird.AFTER_THIRD_WAIT,
            urgency_horizon_days=1,
            long_pending_days=1,
            pressing_horizon_days=30,
            stale_after_days=1,
            processing_times_stale_after_days=1,
        )
        for day in (MONDAY, self.DAY):
            assert self.plan(other, day) == self.plan(None, day)

    @pytest.mark.parametrize(
        "bad",
        [None, "LONGEST_WAIT", ir.ConflictRule.LONGEST_WAIT, {"conflict_rule": "LONGEST_WAIT"}],
    )
    def test_a_policy_that_is_no_policy_is_refused(self, bad: object) -> None:
        for call in (
            _plan(policy=bad),
            lambda: requests_from_decisions([], policy=bad),  # type: ignore[arg-type]
        ):
            error = _error(call)
            assert (error.field, error.problem, error.value, error.expected) == (
                "policy",
                "must be a Policy",
                bad,
                "an infopass_rules.Policy, e.g. DEFAULT_POLICY",
            )
            assert str(error) == (
                f"policy: must be a Policy; got {bad!r}; expected an infopass_rules.Policy, "
                "e.g. DEFAULT_POLICY"
            )


class TestAppointmentWindowOnBusinessDays:
    """A call's appointment window (CC-APPOINTMENT: 4-5 days after Tier 2's call-back of 1-2
    days, counted in calendar days) has each end moved to the first business day on or after
    it: never a Saturday, a Sunday, a federal holiday or a federal closure. The call-back window
    stays in calendar days (Tier 2 calls back, any day). Miami under RG-CC, the default policy."""

    @staticmethod
    def call(day: dt.date) -> PlannedCall:
        plan = plan_appointments(
            [PlanRequest(receipt_no(1), day)],
            attorneys=["Ana"],
            office="MIA",
            start=day,
            horizon_days=0,
        )
        (call,) = plan.calls
        assert call.on == day
        return call

    def test_a_window_that_would_start_on_a_saturday_starts_on_monday(self) -> None:
        """The audit's case: a call on Monday 2019-03-04 has its call-back on 03-05 to 03-06 and,
        in calendar days, its appointment on Saturday 03-09 to Monday 03-11; the window is
        Monday 03-11 to Monday 03-11."""
        call = self.call(D(2019, 3, 4))
        assert D(2019, 3, 9).weekday() == 5  # a Saturday
        assert call.callback_window == (D(2019, 3, 5), D(2019, 3, 6))
        assert call.appointment_window == (D(2019, 3, 11), D(2019, 3, 11))

    def test_a_window_that_would_start_on_a_sunday_starts_on_monday(self) -> None:
        call = self.call(D(2019, 3, 5))  # Sunday 03-10 to Tuesday 03-12 in calendar days
        assert call.appointment_window == (D(2019, 3, 11), D(2019, 3, 12))

    @pytest.mark.parametrize(
        ("day", "callback", "appointment"),
        [
            # Tuesday 07-02 to Independence Day (Thursday 07-04): to Friday 07-05.
            (D(2019, 6, 27), (D(2019, 6, 28), D(2019, 6, 29)), (D(2019, 7, 2), D(2019, 7, 5))),
            # Tuesday 11-26 to Thanksgiving (Thursday 11-28): to Friday 11-29.
            (
                D(2019, 11, 21),
                (D(2019, 11, 22), D(2019, 11, 23)),
                (D(2019, 11, 26), D(2019, 11, 29)),
            ),
            # Monday 12-23 to Christmas (Wednesday 12-25): to Thursday 12-26.
            (
                D(2019, 12, 18),
                (D(2019, 12, 19), D(2019, 12, 20)),
                (D(2019, 12, 23), D(2019, 12, 26)),
            ),
        ],
        ids=["Independence Day", "Thanksgiving", "Christmas"],
    )
    def test_a_window_that_would_end_on_a_federal_holiday_ends_the_day_after(
        self,
        day: dt.date,
        callback: tuple[dt.date, dt.date],
        appointment: tuple[dt.date, dt.date],
    ) -> None:
        call = self.call(day)
        assert not is_business_day(call.callback_window[1] + dt.timedelta(days=5))
        assert (call.callback_window, call.appointment_window) == (callback, appointment)

    @pytest.mark.parametrize(
        ("day", "appointment"),
        [
            # Memorial Day (Monday 05-27) to Wednesday 05-29: from Tuesday 05-28.
            (D(2019, 5, 22), (D(2019, 5, 28), D(2019, 5, 29))),
            # Saturday 08-31 to Labor Day (Monday 09-02): both ends to Tuesday 09-03.
            (D(2019, 8, 26), (D(2019, 9, 3), D(2019, 9, 3))),
            # The closure of Tuesday 2019-12-24 (an executive order) to Thursday 12-26: from 12-26.
            (D(2019, 12, 19), (D(2019, 12, 26), D(2019, 12, 26))),
        ],
        ids=["a holiday", "a weekend then a holiday", "a federal closure"],
    )
    def test_a_window_that_would_start_on_a_closed_day_starts_on_the_next_open_one(
        self, day: dt.date, appointment: tuple[dt.date, dt.date]
    ) -> None:
        assert self.call(day).appointment_window == appointment

    @pytest.mark.parametrize(
        ("day", "callback", "appointment"),
        [
            # Wednesday 03-06 to Friday 03-08.
            (D(2019, 3, 1), (D(2019, 3, 2), D(2019, 3, 3)), (D(2019, 3, 6), D(2019, 3, 8))),
            # Monday 03-11 to Wednesday 03-13.
            (D(2019, 3, 6), (D(2019, 3, 7), D(2019, 3, 8)), (D(2019, 3, 11), D(2019, 3, 13))),
            # Wednesday 03-13 to Friday 03-15.
            (D(2019, 3, 8), (D(2019, 3, 9), D(2019, 3, 10)), (D(2019, 3, 13), D(2019, 3, 15))),
        ],
        ids=["Friday", "Wednesday", "Friday, a call-back over the weekend"],
    )
    def test_a_window_already_on_business_days_is_unchanged(
        self,
        day: dt.date,
        callback: tuple[dt.date, dt.date],
        appointment: tuple[dt.date, dt.date],
    ) -> None:
        """Calendar days, as the sources count them: 1-2 days to the call-back, 4-5 more to the
        appointment."""
        call = self.call(day)
        assert call.callback_window == callback
        assert call.appointment_window == (
            callback[0] + dt.timedelta(days=4),
            callback[1] + dt.timedelta(days=5),
        )
        assert call.appointment_window == appointment

    def test_the_call_back_window_stays_in_calendar_days(self) -> None:
        """Tier 2 calls back on any day: a call on Friday 2019-03-08 expects its call-back on
        Saturday 03-09 to Sunday 03-10, not moved to Monday."""
        call = self.call(D(2019, 3, 8))
        assert call.callback_window == (D(2019, 3, 9), D(2019, 3, 10))
        assert not any(is_business_day(d) for d in call.callback_window)


@attrs.frozen
class DatedDecision:
    action: Action
    earliest: dt.date | None
    channels: frozenset[Channel]
    as_of: object


class TestRequestsUnderPolicy:
    """``requests_from_decisions(..., policy=)``: with ``Policy.pressing_horizon_days``, a
    deadline from the decision's date to that many days after it makes a case pressing, as the
    engine reads "pressing" (MIA-FOD-PRESSING); by default only the firm's flag does."""

    AS_OF = MONDAY
    HORIZON = ir.Policy(pressing_horizon_days=14)

    def pair(
        self, n: int, deadline: dt.date | None, flagged: bool = False, as_of: object = AS_OF
    ) -> tuple[Case, DatedDecision]:
        deadlines = [] if deadline is None else [Deadline(deadline, "trip")]
        case = Case(receipt_no(n), "MIA", deadlines=deadlines, pressing=flagged)
        return case, DatedDecision(Action.INQUIRE, self.AS_OF, IN_PERSON, as_of)

    @pytest.mark.parametrize(
        ("deadline", "flagged", "under_horizon", "by_default"),
        [
            (D(2016, 3, 13), False, False, False),  # the day before the decision's
            (D(2016, 3, 14), False, True, False),  # the decision's day
            (D(2016, 3, 27), False, True, False),  # the day before the horizon's last
            (D(2016, 3, 28), False, True, False),  # the horizon's last day (14 days after)
            (D(2016, 3, 29), False, False, False),  # the day after it
            (None, False, False, False),
            (None, True, True, True),
            (D(2016, 3, 29), True, True, True),
        ],
    )
    def test_a_deadline_within_the_horizon_makes_a_case_pressing(
        self, deadline: dt.date | None, flagged: bool, under_horizon: bool, by_default: bool
    ) -> None:
        pairs = [self.pair(1, deadline, flagged)]
        assert [r.pressing for r in requests_from_decisions(pairs, policy=self.HORIZON)] == [
            under_horizon
        ]
        assert [r.pressing for r in requests_from_decisions(pairs)] == [by_default]

    def test_the_plan_follows_the_policy_s_pressing(self) -> None:
        """Two cases with the same deadline, the second flagged: by default the flagged one is
        placed first; under a 14-day horizon both are pressing, and the receipt number decides."""
        deadline = D(2016, 3, 24)
        pairs = [self.pair(1, deadline), self.pair(2, deadline, flagged=True)]
        placed = {}
        for name, policy in (("default", ir.DEFAULT_POLICY), ("horizon", self.HORIZON)):
            plan = plan_appointments(
                requests_from_decisions(pairs, policy=policy),
                attorneys=["Ana"],
                office="MIA",
                start=self.AS_OF,
                horizon_days=1,
                limits=PlannerLimits(max_cases=1),
                policy=policy,
            )
            placed[name] = layout(plan)
        assert placed == {
            "default": [
                (D(2016, 3, 14), "Ana", (receipt_no(2),)),
                (D(2016, 3, 15), "Ana", (receipt_no(1),)),
            ],
            "horizon": [
                (D(2016, 3, 14), "Ana", (receipt_no(1),)),
                (D(2016, 3, 15), "Ana", (receipt_no(2),)),
            ],
        }

    @pytest.mark.parametrize("flagged", [False, True])
    @pytest.mark.parametrize("as_of", [None, "2016-03-14", dt.datetime(2016, 3, 14)])
    def test_the_horizon_needs_the_decision_s_date(self, as_of: object, flagged: bool) -> None:
        pairs = [self.pair(1, None), self.pair(2, D(2016, 3, 20), flagged, as_of=as_of)]
        error = _error(lambda: requests_from_decisions(pairs, policy=self.HORIZON))
        assert (error.field, error.problem, error.value, error.expected) == (
            "pairs[1][1].as_of",
            "has no decision date, which Policy.pressing_horizon_days needs",
            as_of,
            "a datetime.date (the decision's as_of)",
        )
        # Without a horizon the decision's date is not read.
        assert [r.pressing for r in requests_from_decisions(pairs)] == [False, flagged]
