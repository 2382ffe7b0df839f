"""The Miami ladder (MIA-*), rule by rule, at its boundaries: the day before, of and after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import infopass_rules as ir
from infopass_rules.rules.policy import FodAfterThird, Premature

D = date
DAY = timedelta(days=1)
RECEIPT = "MSC1490012345"
OUTSIDE = D(2015, 1, 5)


def miami(**kw: object) -> ir.Case:
    fields: dict[str, object] = {"outside_processing_times_on": OUTSIDE, **kw}
    return ir.Case(RECEIPT, "MIA", **fields)  # type: ignore[arg-type]


def infopass(on: date, **kw: object) -> ir.Inquiry:
    return ir.Inquiry(on, ir.Channel.INFOPASS, **kw)  # type: ignore[arg-type]


def decide(
    case: ir.Case,
    history: tuple[object, ...] = (),
    *,
    as_of: date,
    policy: ir.Policy = ir.DEFAULT_POLICY,
) -> ir.Decision:
    return ir.next_action(case, history, as_of=as_of, policy=policy)  # type: ignore[arg-type]


# --- MIA-ELIGIBLE -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "allowed"),
    [
        (OUTSIDE - DAY, False),
        (OUTSIDE, True),
        (OUTSIDE + DAY, True),
    ],
)
def test_first_step_allowed_from_the_day_outside_processing_times(
    as_of: date, allowed: bool
) -> None:
    decision = decide(miami(), as_of=as_of)
    assert decision.action is ir.Action.INQUIRE
    assert decision.step == 1
    assert decision.earliest == OUTSIDE
    assert decision.allowed is allowed
    assert "MIA-ELIGIBLE" in decision.rule_ids


@pytest.mark.parametrize(
    ("as_of", "ladder"),
    [
        (D(2012, 5, 21), False),
        (D(2012, 5, 22), True),
        (D(2012, 5, 23), True),
    ],
)
def test_ladder_applies_from_its_effective_date(as_of: date, ladder: bool) -> None:
    case = miami(outside_processing_times_on=D(2012, 1, 2))
    decision = decide(case, as_of=as_of)
    assert decision.action is ir.Action.INQUIRE
    assert (decision.step == 1) is ladder
    assert ("MIA-ELIGIBLE" in decision.rule_ids) is ladder


@pytest.mark.parametrize("office", ["MIA", "HIA", "KND", "OKL"])
def test_every_district_office_follows_the_ladder(office: str) -> None:
    case = ir.Case(RECEIPT, office, outside_processing_times_on=OUTSIDE)
    assert decide(case, as_of=OUTSIDE).step == 1


@pytest.mark.parametrize("office", ["WPB", "ORL", "SAJ", "BOS"])
def test_offices_outside_the_district_get_no_ladder_step(office: str) -> None:
    case = ir.Case(RECEIPT, office, outside_processing_times_on=OUTSIDE)
    decision = decide(case, (infopass(OUTSIDE + DAY),), as_of=OUTSIDE + 2 * DAY)
    assert decision.action is ir.Action.INQUIRE
    assert decision.step is None
    assert decision.earliest == OUTSIDE
    assert not any(r.startswith("MIA-") for r in decision.rule_ids)


def test_inquiry_before_eligibility_is_premature_and_not_a_step() -> None:
    decision = decide(miami(), (infopass(OUTSIDE - DAY),), as_of=OUTSIDE + DAY)
    assert decision.step == 1
    assert decision.earliest == OUTSIDE
    assert any("MIA-ELIGIBLE" in w and "premature" in w for w in decision.warnings)


# --- MIA-SECOND and MIA-THIRD: the waits, under both day counts ---------------------------------


@pytest.mark.parametrize(
    ("day_count", "second", "third"),
    [
        (ir.DayCount.AFTER_PERIOD, 61, 31),
        (ir.DayCount.ON_LAST_DAY, 60, 30),
    ],
)
def test_waits_between_steps(day_count: ir.DayCount, second: int, third: int) -> None:
    policy = ir.Policy(day_count=day_count)
    first = D(2015, 1, 10)
    decision = decide(miami(), (infopass(first),), as_of=first, policy=policy)
    assert (decision.step, decision.earliest) == (2, first + timedelta(days=second))
    step2 = first + timedelta(days=second)
    decision = decide(miami(), (infopass(first), infopass(step2)), as_of=step2, policy=policy)
    assert (decision.step, decision.earliest) == (3, step2 + timedelta(days=third))


@pytest.mark.parametrize(("offset", "counts"), [(60, False), (61, True), (62, True)])
def test_second_inquiry_counts_only_after_sixty_days(offset: int, counts: bool) -> None:
    first = D(2015, 1, 10)
    second = first + timedelta(days=offset)
    decision = decide(miami(), (infopass(first), infopass(second)), as_of=second)
    assert decision.step == (3 if counts else 2)
    premature = [w for w in decision.warnings if "premature" in w]
    assert bool(premature) is not counts
    if not counts:
        assert premature[0].startswith("MIA-SECOND")
        # IGNORE (default): a premature inquiry does not restart the clock.
        assert decision.earliest == first + timedelta(days=61)


@pytest.mark.parametrize(("offset", "counts"), [(30, False), (31, True), (32, True)])
def test_third_inquiry_counts_only_after_thirty_more_days(offset: int, counts: bool) -> None:
    first, second = D(2015, 1, 10), D(2015, 3, 12)
    third = second + timedelta(days=offset)
    decision = decide(miami(), (infopass(first), infopass(second), infopass(third)), as_of=third)
    if counts:
        assert decision.action is ir.Action.ESCALATE
        assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
        assert decision.earliest == third
    else:
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 3)
        assert any(w.startswith("MIA-THIRD") for w in decision.warnings)


def test_premature_inquiry_restarts_the_clock_under_that_policy() -> None:
    first, early = D(2015, 1, 10), D(2015, 2, 1)
    policy = ir.Policy(premature=Premature.RESTARTS_CLOCK)
    decision = decide(miami(), (infopass(first), infopass(early)), as_of=early, policy=policy)
    assert decision.step == 2
    assert decision.earliest == early + timedelta(days=61)
    default = decide(miami(), (infopass(first), infopass(early)), as_of=early)
    assert default.earliest == first + timedelta(days=61)


# --- MIA-COUNT ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "counts"),
    [
        (D(2013, 3, 13), False),
        (D(2013, 3, 14), True),
        (D(2013, 3, 15), True),
    ],
)
@pytest.mark.parametrize("channel", [ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST])
def test_phone_and_e_request_count_from_2013_03_14(
    on: date, counts: bool, channel: ir.Channel
) -> None:
    case = miami(outside_processing_times_on=D(2013, 1, 2))
    decision = decide(case, (ir.Inquiry(on, channel),), as_of=on)
    assert decision.step == (2 if counts else 1)
    assert ("MIA-COUNT" in decision.rule_ids) is True  # cited either way: it says why


def test_mail_never_counts() -> None:
    decision = decide(miami(), (ir.Inquiry(OUTSIDE + DAY, ir.Channel.MAIL),), as_of=D(2016, 1, 1))
    assert decision.step == 1
    assert any(t.rule_id == "MIA-COUNT" and "mail" in t.finding for t in decision.trace)


def test_appointment_held_before_as_of_counts_as_infopass_inquiry() -> None:
    held = ir.Appointment(D(2015, 1, 12), "MIA", (RECEIPT,))
    decision = decide(miami(), (held,), as_of=D(2015, 1, 13))
    assert (decision.step, decision.earliest) == (2, D(2015, 1, 12) + timedelta(days=61))


# --- MIA-SUPERVISOR ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "advised"),
    [
        (D(2014, 6, 18), False),
        (D(2014, 6, 19), True),
        (D(2014, 6, 20), True),
    ],
)
def test_supervisor_advice_for_in_person_steps_from_2014_06_19(as_of: date, advised: bool) -> None:
    case = miami(outside_processing_times_on=D(2014, 1, 2))
    decision = decide(case, as_of=as_of)
    assert ir.Channel.INFOPASS in decision.channels
    assert ("MIA-SUPERVISOR" in decision.rule_ids) is advised
    assert any("Supervisor" in n for n in decision.notes) is advised


# --- MIA-FOD-LADDER ----------------------------------------------------------------------------


def three_steps(first: date) -> tuple[ir.Inquiry, ...]:
    second = first + timedelta(days=61)
    return (infopass(first), infopass(second), infopass(second + timedelta(days=31)))


@pytest.mark.parametrize(
    ("first", "fod_ladder"),
    [
        (D(2014, 2, 1), False),  # third step on 2014-05-03, before the 2014-06-19 compilation
        (D(2014, 4, 18), True),  # third step on 2014-07-19
    ],
)
def test_fod_after_three_steps(first: date, fod_ladder: bool) -> None:
    history = three_steps(first)
    case = miami(outside_processing_times_on=D(2014, 1, 2))
    decision = decide(case, history, as_of=history[-1].on + DAY)
    assert decision.action is ir.Action.ESCALATE
    assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
    assert decision.earliest == history[-1].on
    assert decision.allowed
    assert "MIA-THIRD" in decision.rule_ids
    assert ("MIA-FOD-LADDER" in decision.rule_ids) is fod_ladder


def test_fod_after_the_third_wait_under_that_policy() -> None:
    history = three_steps(D(2015, 1, 10))
    policy = ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT)
    decision = decide(miami(), history, as_of=history[-1].on, policy=policy)
    assert decision.earliest == history[-1].on + timedelta(days=31)
    assert not decision.allowed


# --- MIA-FOD-PRESSING --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "route"),
    [
        (D(2014, 6, 18), False),
        (D(2014, 6, 19), True),
        (D(2014, 6, 20), True),
    ],
)
def test_pressing_issue_goes_to_fod_after_a_supervisor(as_of: date, route: bool) -> None:
    case = miami(outside_processing_times_on=D(2014, 1, 2), pressing=True)
    history = (infopass(D(2014, 6, 2), level=ir.Level.SUPERVISOR),)
    decision = decide(case, history, as_of=as_of)
    if route:
        assert decision.action is ir.Action.ESCALATE
        assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
        assert decision.earliest == D(2014, 6, 19)
        assert "MIA-FOD-PRESSING" in decision.rule_ids
    else:
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)


def test_pressing_without_normal_channels_exhausted_keeps_the_ladder() -> None:
    case = miami(pressing=True)
    decision = decide(
        case, (infopass(D(2015, 1, 10), level=ir.Level.INFORMATION_OFFICER),), as_of=D(2015, 1, 20)
    )
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)
    assert any("Supervisor or Section Chief" in n for n in decision.notes)
    assert "MIA-FOD-PRESSING" in decision.rule_ids


def test_not_pressing_keeps_the_ladder_even_after_a_supervisor() -> None:
    decision = decide(
        miami(), (infopass(D(2015, 1, 10), level=ir.Level.SECTION_CHIEF),), as_of=D(2015, 1, 20)
    )
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)


@pytest.mark.parametrize(("deadline_in", "pressing"), [(9, True), (10, True), (11, False)])
def test_deadline_within_the_pressing_horizon_makes_it_pressing(
    deadline_in: int, pressing: bool
) -> None:
    as_of = D(2015, 1, 20)
    case = miami(deadlines=(ir.Deadline(as_of + timedelta(days=deadline_in), "travel"),))
    history = (infopass(D(2015, 1, 10), level=ir.Level.SUPERVISOR),)
    policy = ir.Policy(pressing_horizon_days=10)
    decision = decide(case, history, as_of=as_of, policy=policy)
    assert (decision.action is ir.Action.ESCALATE) is pressing
    assert decide(case, history, as_of=as_of).action is ir.Action.INQUIRE  # default: flag only


# --- the history as of a date ------------------------------------------------------------------


def test_inquiries_after_as_of_are_left_out() -> None:
    later = infopass(D(2015, 6, 1))
    decision = decide(miami(), (later,), as_of=D(2015, 2, 1))
    assert decision.step == 1
    assert any(t.rule_id is None and "left out" in t.finding for t in decision.trace)


def test_booked_appointment_is_attended_with_the_checklist() -> None:
    booked = ir.Appointment(D(2015, 3, 16), "MIA", (RECEIPT, "MSC1490099999"))
    decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 3, 16))
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert decision.earliest == D(2015, 3, 16)
    assert decision.allowed
    assert decision.checklist
    assert "CC-BRING" in decision.rule_ids
    assert any("step 2" in n for n in decision.notes)


def test_premature_booked_appointment_is_flagged() -> None:
    booked = ir.Appointment(D(2015, 2, 2), "MIA", (RECEIPT,))
    decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 1, 20))
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert any("rescheduling" in w for w in decision.warnings)


@pytest.mark.parametrize(
    ("resolved_on", "action"),
    [
        (D(2015, 2, 2), ir.Action.INQUIRE),
        (D(2015, 2, 1), ir.Action.NONE),
        (D(2015, 1, 31), ir.Action.NONE),
    ],
)
def test_resolved_case_needs_nothing(resolved_on: date, action: ir.Action) -> None:
    decision = decide(miami(resolved_on=resolved_on), as_of=D(2015, 2, 1))
    assert decision.action is action
    if action is ir.Action.NONE:
        assert decision.earliest is None
        assert not decision.allowed
        assert any("resolved" in t.finding for t in decision.trace)


def test_resolved_inquiry_resolves_the_case() -> None:
    decision = decide(
        miami(), (infopass(D(2015, 1, 10), outcome=ir.Outcome.RESOLVED),), as_of=D(2015, 1, 10)
    )
    assert decision.action is ir.Action.NONE


def test_after_2019_the_ladder_runs_through_the_contact_center() -> None:
    case = miami(outside_processing_times_on=D(2019, 6, 3))
    decision = decide(case, as_of=D(2019, 6, 3))
    assert (decision.step, decision.regime) == (1, "RG-CC")
    assert ir.Channel.INFOPASS not in decision.channels
    assert ir.Channel.CONTACT_CENTER in decision.channels
    assert "CC-CALL" in decision.rule_ids


def test_regime_of_the_day_the_step_is_allowed() -> None:
    # Decided in February 2019 (self-scheduling), allowed in March (Contact Center).
    case = miami(outside_processing_times_on=D(2019, 3, 4))
    decision = decide(case, as_of=D(2019, 2, 20))
    assert decision.regime == "RG-CC"
    assert {"RG-SELF", "RG-CC"} <= {t.rule_id for t in decision.trace}
