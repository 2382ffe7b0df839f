"""Invariants of ``next_action``, over generated facts (the project's own strategies)."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as irst

DAY = dt.timedelta(days=1)
COUNTED = (ir.Channel.INFOPASS, ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST)
MIAMI = ("MIA", "HIA", "KND", "OKL")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def scenarios(
    draw: st.DrawFn, *, offices: st.SearchStrategy[str] | None = None, issue: ir.Issue | None = None
) -> tuple[ir.Case, tuple[object, ...], dt.date]:
    """A decidable case (a delayed case always knows when it is outside processing times),
    a history of it, and a date to decide on."""
    overrides: dict[str, object] = {}
    if offices is not None:
        overrides["office"] = offices
    if issue is not None:
        overrides["issue"] = issue
    case = draw(irst.cases(**overrides))
    if case.issue is ir.Issue.CASE_DELAY and case.outside_processing_times_on is None:
        low = case.received_on or irst.MIN_DATE
        outside = draw(st.dates(low, max(low, irst.MAX_DATE)))
        case = attrs.evolve(case, outside_processing_times_on=outside)
    low = case.received_on or irst.MIN_DATE
    as_of = draw(st.dates(low, max(low, irst.MAX_DATE)))
    history = draw(irst.histories(case, as_of))
    return case, history, as_of


def decide(case: ir.Case, history: object, as_of: dt.date, **kw: object) -> ir.Decision:
    return ir.next_action(case, history, as_of=as_of, **kw)  # type: ignore[arg-type]


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_of_the_history_never_matters(scenario: tuple, rnd: object) -> None:
    case, history, as_of = scenario
    shuffled = list(history)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert decide(case, tuple(shuffled), as_of) == decide(case, history, as_of)


def _without_trace(decision: ir.Decision) -> ir.Decision:
    return attrs.evolve(decision, trace=())


@SETTINGS
@given(
    st.one_of(scenarios(), scenarios(offices=st.sampled_from(MIAMI), issue=ir.Issue.CASE_DELAY)),
    st.data(),
)
def test_mailed_letters_never_change_a_decision(scenario: tuple, data: st.DataObject) -> None:
    # The trace may say that a letter was not counted (MIA-COUNT); nothing else may change,
    # citations included. Miami's delayed cases, where letters are judged, are drawn half the time.
    case, history, as_of = scenario
    low = case.received_on or irst.MIN_DATE
    letters = data.draw(
        st.lists(
            irst.inquiries(
                min_date=low,
                max_date=max(low, as_of),
                channel=ir.Channel.MAIL,
                outcome=st.sampled_from([ir.Outcome.UNRESOLVED]),
                receipt_number=st.none(),
            ),
            max_size=3,
        )
    )
    with_letters = decide(case, (*history, *letters), as_of)
    assert _without_trace(with_letters) == _without_trace(decide(case, history, as_of))


@SETTINGS
@given(scenarios())
def test_decision_invariants(scenario: tuple) -> None:
    case, history, as_of = scenario
    decision = decide(case, history, as_of)
    assert decision.as_of == as_of
    assert decision.receipt_number == case.receipt_number
    assert decision.allowed == (decision.earliest is not None and decision.earliest <= as_of)
    assert (decision.earliest is None) == (decision.action is ir.Action.NONE)
    if decision.action is not ir.Action.NONE:
        assert decision.citations, "every decision but NONE cites"
    if decision.action not in (ir.Action.NONE, ir.Action.EXHAUSTED):
        assert decision.channels
    for citation in decision.citations:
        assert citation.rule_id in ir.RULES
        assert citation.source_id in ir.SOURCES
    assert decision.step is None or (
        decision.action is ir.Action.INQUIRE and 1 <= decision.step <= 3
    )
    assert decision.level is None or decision.action is ir.Action.ESCALATE
    # Only filing an application (CC-NOT-INFOPASS) can be done online through myUSCIS.
    assert not decision.online_filing or (
        decision.action is ir.Action.USE_OTHER_SERVICE and case.issue is ir.Issue.FILE_APPLICATION
    )
    if decision.ladder_steps and decision.earliest is not None:
        # The clock runs from the latest inquiry that counted as a step.
        assert decision.earliest >= decision.ladder_steps[-1]
        assert decision.ladder_steps == tuple(sorted(decision.ladder_steps))


@SETTINGS
@given(scenarios())
def test_waits_exactly_when_not_allowed(scenario: tuple) -> None:
    case, history, as_of = scenario
    decision = decide(case, history, as_of)
    if decision.action is ir.Action.NONE:  # nothing to do: nothing to wait for
        assert decision.waits == ()
        assert decision.why_not_yet() == ""
        return
    assert bool(decision.waits) is (not decision.allowed)
    if decision.waits:
        binding = decision.waits[0]
        assert binding.until == decision.earliest
        assert binding.since <= binding.until
        assert binding.rule_id in ir.RULES
        assert binding.rule_id in decision.why_not_yet()
    else:
        assert decision.why_not_yet() == ""


#: Contacts that reach no officer of USCIS: a letter, and the requests beyond USCIS (to the CIS
#: Ombudsman, to Congress), whatever level the firm records on them.
_REACHES_NO_ONE = (ir.Channel.MAIL, ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS)


def _reached(history: tuple[object, ...], as_of: dt.date, level: ir.Level) -> bool:
    return any(
        isinstance(item, ir.Inquiry)
        and item.on <= as_of
        and item.level is level
        and item.channel not in _REACHES_NO_ONE
        for item in history
    )


def _fod_reached_after_the_last_step(
    history: tuple[object, ...], as_of: dt.date, steps: tuple[dt.date, ...]
) -> bool:
    """Whether the FOD was reached at or after the third step of ``steps`` (the Miami ladder)."""
    return len(steps) == 3 and any(
        isinstance(item, ir.Inquiry)
        and steps[-1] <= item.on <= as_of
        and item.level is ir.Level.FIELD_OFFICE_DIRECTOR
        and item.channel not in _REACHES_NO_ONE
        for item in history
    )


def _never_a_step_already_taken(case: ir.Case, history: tuple[object, ...], as_of: dt.date) -> None:
    decision = decide(case, history, as_of)
    escalation = (decision.action, decision.level)
    # The FOD reached before a ladder's last step may be asked for again after it (MIA-FOD-LADDER:
    # a step of its own); reached at or after it, never again.
    if _reached(history, as_of, ir.Level.FIELD_OFFICE_DIRECTOR) and (
        len(decision.ladder_steps) < 3
        or _fod_reached_after_the_last_step(history, as_of, decision.ladder_steps)
    ):
        assert escalation != (ir.Action.ESCALATE, ir.Level.FIELD_OFFICE_DIRECTOR)
    if _reached(history, as_of, ir.Level.TIER_2_SUPERVISOR):
        assert escalation != (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)
    if decision.action is ir.Action.INQUIRE and decision.step is not None:
        # After step n counted, the next inquiry is step n + 1, never a step already made.
        assert decision.step == len(decision.ladder_steps) + 1


@SETTINGS
@given(scenarios())
def test_no_decision_advises_a_step_already_taken(scenario: tuple) -> None:
    _never_a_step_already_taken(*scenario)


@settings(SETTINGS, max_examples=300)
@given(scenarios(offices=st.sampled_from(MIAMI), issue=ir.Issue.CASE_DELAY))
def test_no_ladder_decision_advises_a_step_already_taken(scenario: tuple) -> None:
    _never_a_step_already_taken(*scenario)


@SETTINGS
@given(scenarios())
def test_a_resolved_case_always_gets_none(scenario: tuple) -> None:
    case, history, as_of = scenario
    resolved = attrs.evolve(case, resolved_on=max(case.received_on or as_of, as_of))
    assume(resolved.received_on is None or resolved.received_on <= as_of)
    decision = decide(resolved, history, as_of)
    assert decision.action is ir.Action.NONE
    assert not decision.allowed


@settings(SETTINGS, max_examples=50)
@given(scenarios(offices=st.sampled_from(MIAMI), issue=ir.Issue.CASE_DELAY), st.data())
def test_a_new_unresolved_inquiry_never_makes_the_next_step_earlier(
    scenario: tuple, data: st.DataObject
) -> None:
    # A new inquiry is made after those already in the history (inquiries are recorded as they
    # happen); dated earlier, it could take an existing inquiry's place as a step.
    case, history, as_of = scenario
    before = decide(case, history, as_of)
    assume(before.action is ir.Action.INQUIRE and before.step is not None)
    latest = max((item.on for item in history if item.on <= as_of), default=case.received_on)
    low = max(latest or irst.MIN_DATE, case.received_on or irst.MIN_DATE)
    assume(low <= as_of)
    new = ir.Inquiry(data.draw(st.dates(low, as_of)), data.draw(st.sampled_from(COUNTED)))
    after = decide(case, (*history, new), as_of)
    if after.action is ir.Action.INQUIRE:
        assert after.step is not None
        assert before.earliest is not None
        assert (after.step, after.earliest) >= (before.step, before.earliest)


@SETTINGS
@given(
    st.sampled_from(MIAMI),
    st.dates(dt.date(2013, 3, 14), dt.date(2024, 1, 1)),
    st.lists(st.integers(62, 400), min_size=0, max_size=3),
    st.sampled_from(COUNTED),
)
def test_on_last_day_is_exactly_one_day_before_after_period(
    office: str, outside: dt.date, gaps: list[int], channel: ir.Channel
) -> None:
    # Steps spaced far enough apart that each counts under both day counts.
    case = ir.Case("MSC1490012345", office, outside_processing_times_on=outside)
    history, on = [], outside
    for gap in gaps:
        history.append(ir.Inquiry(on, channel))
        on += dt.timedelta(days=gap)
    as_of = on
    after = decide(case, tuple(history), as_of)
    last_day = decide(
        case, tuple(history), as_of, policy=ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
    )
    assert after.action is last_day.action
    if len(history) in (1, 2):  # a wait of 60 or 30 days is running
        assert after.earliest is not None
        assert last_day.earliest is not None
        assert last_day.earliest == after.earliest - DAY
    else:  # no wait: step 1 from the day outside, or the FOD at once after the third step
        assert last_day.earliest == after.earliest


@SETTINGS
@given(
    st.dates(dt.date(2019, 3, 1), dt.date(2026, 1, 1)),
    st.sampled_from(list(ir.ConflictRule)),
    st.booleans(),
)
def test_tier2_windows_under_both_day_counts(
    referral: dt.date, rule: ir.ConflictRule, appointment: bool
) -> None:
    issue = ir.Issue.DACA if appointment else ir.Issue.CASE_DELAY
    case = ir.Case("EAC1990012345", "BOS", issue=issue, outside_processing_times_on=referral)
    history = (ir.Inquiry(referral, ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),)
    after = decide(case, history, referral, policy=ir.Policy(conflict_rule=rule))
    last = decide(
        case,
        history,
        referral,
        policy=ir.Policy(conflict_rule=rule, day_count=ir.DayCount.ON_LAST_DAY),
    )
    assert after.level is last.level is ir.Level.TIER_2_SUPERVISOR
    assert after.earliest is not None
    assert last.earliest is not None
    assert last.earliest == after.earliest - DAY


@settings(max_examples=200, deadline=None)
@given(
    st.from_type(ir.Case),
    st.lists(st.one_of(st.from_type(ir.Inquiry), st.from_type(ir.Appointment)), max_size=4),
    st.dates(),
    st.sampled_from([None, 0, 30]),
)
def test_nothing_but_library_errors_escape(
    case: ir.Case, history: list[object], as_of: dt.date, horizon: int | None
) -> None:
    policy = ir.Policy(pressing_horizon_days=horizon)
    try:
        decision = decide(case, history, as_of, policy=policy)
    except ir.InfopassRulesError:
        return  # a typed library error is an accepted outcome for generated facts
    assert decision.allowed == (decision.earliest is not None and decision.earliest <= as_of)


@SETTINGS
@given(scenarios())
def test_the_history_s_container_never_changes_the_decision(scenario: tuple) -> None:
    case, history, as_of = scenario
    first = decide(case, list(history), as_of)
    again = decide(case, tuple(history), as_of)
    assert again == first
    assert decide(case, iter(history), as_of) == first


@settings(SETTINGS, max_examples=100)
@given(
    st.dates(dt.date(2014, 7, 1), dt.date(2030, 1, 1)),
    st.integers(0, 400),
    st.integers(0, 400),
    st.sampled_from(COUNTED),
    st.lists(st.tuples(st.integers(0, 400), st.sampled_from(COUNTED)), max_size=3),
)
def test_after_the_fod_is_reached_the_ladder_is_exhausted(
    first: dt.date,
    fod_after: int,
    decided_after: int,
    fod_channel: ir.Channel,
    more: list[tuple[int, ir.Channel]],
) -> None:
    second = first + 61 * DAY
    third = second + 31 * DAY
    fod = ir.Inquiry(third + fod_after * DAY, fod_channel, level=ir.Level.FIELD_OFFICE_DIRECTOR)
    later = [ir.Inquiry(third + n * DAY, channel) for n, channel in more]
    steps = [ir.Inquiry(day, ir.Channel.INFOPASS) for day in (first, second, third)]
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=first)
    as_of = fod.on + decided_after * DAY
    decision = decide(case, (*steps, fod, *later), as_of)
    assert decision.action is ir.Action.EXHAUSTED
    assert (decision.earliest, decision.allowed, decision.waits) == (fod.on, True, ())
    assert decision.ladder_steps == (first, second, third)
    assert "MIA-FOD-LADDER" in decision.rule_ids
