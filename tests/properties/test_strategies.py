"""The Hypothesis strategies yield only valid values, and histories only about their case."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
from importlib import metadata

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import infopass_rules as ir
from infopass_rules._hypothesis_hook import setup as _hypothesis_setup_hook
from infopass_rules.errors import InfopassRulesError
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Issue
from infopass_rules.facts.history import (
    MAX_HISTORY_ITEMS,
    MAX_RECEIPTS_PER_APPOINTMENT,
    Appointment,
    Inquiry,
)
from infopass_rules.facts.offices import OfficeKind, get_office
from infopass_rules.strategies import (
    CASE_OFFICE_KINDS,
    MAX_DATE,
    MIN_DATE,
    UPCOMING_DAYS,
    appointments,
    cases,
    deadlines,
    histories,
    inquiries,
    offices,
    receipt_numbers,
)

Fact = Case | Inquiry | Appointment | Deadline
D = dt.date
RN = "MSC1490012345"


def rebuilt(value: Fact) -> Fact:
    """The value built again from its fields: the constructor checks every invariant."""
    return attrs.evolve(value)


@settings(max_examples=60)
@given(cases())
def test_cases_are_valid(case: Case) -> None:
    assert rebuilt(case) == case
    assert get_office(case.office).kind in CASE_OFFICE_KINDS
    for later in (case.resolved_on, case.outside_processing_times_on):
        if later is not None:
            assert MIN_DATE <= later <= MAX_DATE
            assert case.received_on is None or later >= case.received_on


@settings(max_examples=40)
@given(cases(min_date=D(2020, 1, 1), max_date=D(2020, 12, 31), received_on=D(2020, 6, 1)))
def test_cases_respect_narrowed_dates_and_pinned_fields(case: Case) -> None:
    assert case.received_on == D(2020, 6, 1)
    for later in (case.resolved_on, case.outside_processing_times_on):
        assert later is None or D(2020, 6, 1) <= later <= D(2020, 12, 31)
    assert all(D(2020, 1, 1) <= d.on <= D(2020, 12, 31) for d in case.deadlines)


@settings(max_examples=20)
@given(cases(office="Miami", issue=st.sampled_from([Issue.DACA, Issue.ADIT_STAMP])))
def test_overrides_take_values_and_strategies(case: Case) -> None:
    assert case.office == "MIA"
    assert case.issue in (Issue.DACA, Issue.ADIT_STAMP)


@settings(max_examples=40)
@given(inquiries(min_date=D(2015, 1, 1), max_date=D(2015, 1, 31)))
def test_inquiries_are_valid(inquiry: Inquiry) -> None:
    assert rebuilt(inquiry) == inquiry
    assert D(2015, 1, 1) <= inquiry.on <= D(2015, 1, 31)


@settings(max_examples=40)
@given(appointments(max_receipts=3))
def test_appointments_are_valid_at_field_offices(appointment: Appointment) -> None:
    assert rebuilt(appointment) == appointment
    assert get_office(appointment.office).kind is OfficeKind.FIELD_OFFICE
    assert 1 <= len(appointment.receipt_numbers) <= 3
    assert len(set(appointment.receipt_numbers)) == len(appointment.receipt_numbers)


@settings(max_examples=30)
@given(appointments(including=RN, max_receipts=1), appointments(including=RN))
def test_appointments_including_a_receipt_number(only: Appointment, some: Appointment) -> None:
    assert only.receipt_numbers == (RN,)
    assert some.receipt_numbers.count(RN) == 1


@settings(max_examples=30)
@given(deadlines(min_date=D(2022, 2, 1), max_date=D(2022, 2, 1)), receipt_numbers())
def test_deadlines_and_receipt_numbers(deadline: Deadline, number: str) -> None:
    assert deadline.on == D(2022, 2, 1)
    assert rebuilt(deadline) == deadline
    assert len(number) == 13
    assert Case(number, "MIA").receipt_number == number


@pytest.mark.parametrize("kinds", [None, [OfficeKind.CENTER], CASE_OFFICE_KINDS])
@settings(max_examples=20)
@given(data=st.data())
def test_offices_of_the_kinds_asked(kinds: list[OfficeKind] | None, data: st.DataObject) -> None:
    code = data.draw(offices(kinds))
    assert kinds is None or get_office(code).kind in kinds


def concerns(case: Case, item: Inquiry | Appointment) -> bool:
    """What the engine checks of a history item (docs/reference/api.md, Facts)."""
    if isinstance(item, Appointment):
        about_case = case.receipt_number in item.receipt_numbers
    else:
        about_case = item.receipt_number in (None, case.receipt_number)
    return about_case and (case.received_on is None or item.on >= case.received_on)


@settings(max_examples=50)
@given(cases().flatmap(lambda case: st.tuples(st.just(case), histories(case))))
def test_histories_only_concern_their_case(
    pair: tuple[Case, tuple[Inquiry | Appointment, ...]],
) -> None:
    case, history = pair
    assert all(isinstance(item, Inquiry | Appointment) for item in history)
    assert all(concerns(case, item) for item in history)
    assert [item.on for item in history] == sorted(item.on for item in history)


AS_OF = D(2021, 3, 1)


@settings(max_examples=50)
@given(
    cases(received_on=st.none() | st.dates(D(2019, 1, 1), D(2021, 6, 1))).flatmap(
        lambda case: st.tuples(st.just(case), histories(case, as_of=AS_OF))
    )
)
def test_histories_as_of_a_date(pair: tuple[Case, tuple[Inquiry | Appointment, ...]]) -> None:
    case, history = pair
    assert all(concerns(case, item) for item in history)
    assert all(item.on <= AS_OF for item in history if isinstance(item, Inquiry))
    upcoming = AS_OF + dt.timedelta(days=UPCOMING_DAYS)
    # Never past the documented bounds, not even for a case received after them.
    assert all(item.on <= upcoming for item in history)
    if case.received_on is not None and case.received_on > AS_OF:
        # Nothing can be asked before the case is received: only appointments to come.
        assert all(isinstance(item, Appointment) for item in history)


def test_from_type_uses_the_strategies() -> None:
    _hypothesis_setup_hook()  # what the entry point runs; registering again is harmless

    @settings(max_examples=20)
    @given(
        st.from_type(Case), st.from_type(Inquiry), st.from_type(Appointment), st.from_type(Deadline)
    )
    def check(case: Case, inquiry: Inquiry, appointment: Appointment, deadline: Deadline) -> None:
        assert isinstance(case, Case)
        assert MIN_DATE <= inquiry.on <= MAX_DATE
        assert get_office(appointment.office).kind is OfficeKind.FIELD_OFFICE
        assert MIN_DATE <= deadline.on <= MAX_DATE

    check()


def test_the_entry_point_names_the_setup_hook() -> None:
    points = [
        p
        for p in metadata.entry_points(group="hypothesis")
        if p.value.startswith("infopass_rules.")
    ]
    if not points:
        pytest.skip("infopass_rules is not installed with its entry points")
    assert [p.load() for p in points] == [_hypothesis_setup_hook]


def test_the_strategies_import_first_in_a_fresh_interpreter() -> None:
    # Importing the strategies imports Hypothesis, which runs the entry point: the hook must not
    # need the half-imported strategies module (it once did: a circular import).
    code = (
        "from infopass_rules import strategies\n"
        "import hypothesis.strategies as st, infopass_rules as ir\n"
        "print(type(st.from_type(ir.Case).example()).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Case"


@pytest.mark.parametrize(
    "build",
    [
        lambda: cases(colour="red"),
        lambda: inquiries(office="MIA"),
        lambda: appointments(channel="MAIL"),
        lambda: cases(min_date=D(2020, 1, 2), max_date=D(2020, 1, 1)),
        lambda: deadlines(min_date=D(2020, 1, 2), max_date=D(2020, 1, 1)),
        lambda: appointments(max_receipts=0),
        lambda: offices(kinds=[]),
        lambda: offices(kinds=OfficeKind.CENTER),
        lambda: offices(kinds=["CENTER"]),
        lambda: deadlines(min_date=dt.datetime(2020, 1, 1, 9)),
        lambda: inquiries(max_date="2020-01-01"),
        lambda: inquiries(on="2020-01-01"),
        lambda: inquiries(channel="CARRIER_PIGEON"),
        lambda: inquiries(note="   "),
        lambda: appointments(max_receipts=True),
        lambda: appointments(max_receipts=2.0),
        lambda: appointments(max_receipts=MAX_RECEIPTS_PER_APPOINTMENT + 1),
        lambda: appointments(including="not a receipt"),
        lambda: appointments(including=RN, receipt_numbers=[RN]),
        lambda: appointments(office="NSC"),
        lambda: appointments(receipt_numbers=[]),
        lambda: cases(receipt_number="MSC12"),
        lambda: cases(office="Atlantis"),
        lambda: cases(deadlines=[D(2020, 1, 1)]),
        lambda: cases(pressing=1),
        lambda: histories("MSC1490012345"),  # type: ignore[arg-type]
        lambda: histories(Case(RN, "MIA"), as_of=dt.datetime(2020, 1, 1, 9)),
        lambda: histories(Case(RN, "MIA"), max_date="2020-01-01"),  # type: ignore[arg-type]
        lambda: histories(Case(RN, "MIA"), max_size=-1),
        lambda: histories(Case(RN, "MIA"), max_size=MAX_HISTORY_ITEMS + 1),
        lambda: histories(Case(RN, "MIA"), max_size=True),
    ],
)
def test_misuse_is_an_invalid_argument(build: object) -> None:
    with pytest.raises(InvalidArgument):
        build()  # type: ignore[operator]


# --- cases() over its documented argument ranges ----------------------------------------------

_ANY_DAY = st.dates(D(1900, 1, 1), D(2199, 12, 31))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), _ANY_DAY, _ANY_DAY, st.none() | _ANY_DAY, st.none() | _ANY_DAY)
def test_cases_with_pinned_dates_are_always_valid(
    data: st.DataObject,
    a: dt.date,
    b: dt.date,
    outside: dt.date | None,
    resolved: dt.date | None,
) -> None:
    """Pinned later dates anywhere, before, inside or after [min_date, max_date]: every case
    drawn is one Case accepts, with the pinned values kept."""
    low, high = min(a, b), max(a, b)
    pinned: dict[str, object] = {}
    if outside is not None:
        pinned["outside_processing_times_on"] = outside
    if resolved is not None:
        pinned["resolved_on"] = resolved
    case = data.draw(cases(min_date=low, max_date=high, **pinned))
    assert attrs.evolve(case) == case  # builds again: every invariant of Case holds
    for name, value in pinned.items():
        assert getattr(case, name) == value
    if case.received_on is not None:
        assert all(d >= case.received_on for d in (outside, resolved) if d is not None)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_cases_with_later_dates_drawn_from_a_strategy_are_valid(data: st.DataObject) -> None:
    case = data.draw(cases(outside_processing_times_on=st.dates(D(2011, 1, 1), D(2012, 1, 1))))
    assert case.outside_processing_times_on is not None
    assert case.received_on is None or case.received_on <= case.outside_processing_times_on


@pytest.mark.parametrize(
    "build",
    [
        lambda: cases(outside_processing_times_on="2020-01-01"),
        lambda: cases(resolved_on=dt.datetime(2020, 1, 1, 9)),
        lambda: cases(received_on=D(2020, 1, 2), outside_processing_times_on=D(2020, 1, 1)),
        lambda: cases(received_on=D(2020, 1, 2), resolved_on=D(2019, 1, 1)),
    ],
)
def test_pinned_dates_case_refuses_are_an_invalid_argument(build: object) -> None:
    with pytest.raises(InvalidArgument):
        build()  # type: ignore[operator]


# --- Every strategy over its documented argument ranges --------------------------------------

#: Any date at all: the strategies take every date from date.min to date.max.
_DATES = st.dates()
#: The dates a decision can be made for (FIRST_DECISION_DATE to LAST_DECISION_DATE).
_DECISION_DAYS = st.dates(D(1900, 1, 1), D(2199, 12, 31))


def _ordered(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    return min(a, b), max(a, b)


@settings(max_examples=80, deadline=None)
@given(st.data(), _DATES, _DATES)
def test_deadlines_and_inquiries_over_any_date_range(
    data: st.DataObject, a: dt.date, b: dt.date
) -> None:
    low, high = _ordered(a, b)
    deadline = data.draw(deadlines(min_date=low, max_date=high))
    inquiry = data.draw(inquiries(min_date=low, max_date=high))
    assert rebuilt(deadline) == deadline
    assert rebuilt(inquiry) == inquiry
    assert low <= deadline.on <= high
    assert low <= inquiry.on <= high


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    _DATES,
    _DATES,
    st.integers(1, MAX_RECEIPTS_PER_APPOINTMENT),
    st.none() | receipt_numbers() | st.sampled_from(["msc 14900-12345", "eac1490012345"]),
)
def test_appointments_over_their_ranges(
    data: st.DataObject, a: dt.date, b: dt.date, max_receipts: int, including: str | None
) -> None:
    low, high = _ordered(a, b)
    appointment = data.draw(
        appointments(min_date=low, max_date=high, max_receipts=max_receipts, including=including)
    )
    assert rebuilt(appointment) == appointment
    assert low <= appointment.on <= high
    assert 1 <= len(appointment.receipt_numbers) <= max_receipts
    assert get_office(appointment.office).kind is OfficeKind.FIELD_OFFICE
    if including is not None:
        assert Case(including, "MIA").receipt_number in appointment.receipt_numbers


@settings(max_examples=20)
@given(st.data(), st.sets(st.sampled_from(OfficeKind)))
def test_offices_of_any_kinds(data: st.DataObject, kinds: set[OfficeKind]) -> None:
    try:
        strategy = offices(kinds)
    except InvalidArgument:
        return  # no office is of those kinds: refused when asked, never at draw time
    assert get_office(data.draw(strategy)).kind in kinds


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    _DATES,
    _DATES,
    st.none() | _DATES,
    _DATES,
    st.integers(0, 12),
)
def test_histories_over_their_ranges_are_decided(
    data: st.DataObject,
    a: dt.date,
    b: dt.date,
    as_of: dt.date | None,
    max_date: dt.date,
    max_size: int,
) -> None:
    """Cases over any date range, looked at on any day (a case received after as_of
    included): the history stays within its documented bounds, and deciding it raises nothing
    but the library's own errors."""
    low, high = _ordered(a, b)
    case = data.draw(cases(min_date=low, max_date=high))
    history = data.draw(histories(case, as_of, max_date=max_date, max_size=max_size))
    assert len(history) <= max_size
    assert all(concerns(case, item) for item in history)
    assert [item.on for item in history] == sorted(item.on for item in history)
    latest_inquiry = as_of if as_of is not None else max_date
    assert all(item.on <= latest_inquiry for item in history if isinstance(item, Inquiry))
    if as_of is None:
        assert all(item.on <= max_date for item in history)
        return
    try:
        upcoming = as_of + dt.timedelta(days=UPCOMING_DAYS)
    except OverflowError:
        upcoming = dt.date.max
    assert all(item.on <= upcoming for item in history)
    if case.received_on is not None and case.received_on > upcoming:
        assert history == ()
    if D(1900, 1, 1) <= as_of <= D(2199, 12, 31):
        # e.g. MissingFact: no outside_processing_times_on and no processing times given
        with contextlib.suppress(InfopassRulesError):
            ir.next_action(case, history, as_of=as_of)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), _DATES, _DATES, _DECISION_DAYS, st.integers(0, 12))
def test_a_case_outside_processing_times_is_always_decided(
    data: st.DataObject, a: dt.date, b: dt.date, as_of: dt.date, max_size: int
) -> None:
    """A valid case with its outside_processing_times_on, and a history of it: the engine
    decides it, whatever the dates, without any error."""
    low, high = _ordered(a, b)
    case = data.draw(
        cases(min_date=low, max_date=high, outside_processing_times_on=st.dates(low, high))
    )
    history = data.draw(histories(case, as_of, max_size=max_size))
    decision = ir.next_action(case, history, as_of=as_of)
    assert decision.receipt_number == case.receipt_number


@pytest.mark.parametrize("received", [D(2021, 3, 2), D(2021, 5, 30), D(2021, 5, 31), D(2030, 1, 1)])
@settings(max_examples=30)
@given(data=st.data())
def test_histories_of_a_case_received_after_as_of(received: dt.date, data: st.DataObject) -> None:
    case = Case(RN, "MIA", received_on=received)
    history = data.draw(histories(case, as_of=AS_OF))
    upcoming = AS_OF + dt.timedelta(days=UPCOMING_DAYS)  # 2021-05-30
    assert all(isinstance(item, Appointment) for item in history)
    assert all(received <= item.on <= upcoming for item in history)
    if received > upcoming:
        assert history == ()


# --- The README's worked example ("Strategies for your tests"), kept working ------------------

README_AS_OF = dt.date(2026, 11, 27)


@settings(deadline=None)  # the first call loads the rule book
@given(cases(office="MIA", outside_processing_times_on=dt.date(2026, 6, 1)))
def test_every_case_is_planned_or_says_why_not(case: ir.Case) -> None:
    decision = ir.next_action(case, [], as_of=README_AS_OF)
    requests = ir.requests_from_decisions([(case, decision)])
    assert len(requests) + len(requests.unplaced) == 1
    plan = ir.plan_appointments(requests, attorneys=["Ana"], office="MIA", start=README_AS_OF)
    assert plan.appointments == ()  # RG-CC: the firm calls, it cannot book
    assert ir.check_appointments(plan.appointments) == ()
