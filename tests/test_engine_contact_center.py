"""Regimes (RG-*), the Contact Center (CC-*), triage, errors and the rendering of decisions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

import infopass_rules as ir

D = date
DAY = timedelta(days=1)
RECEIPT = "EAC1890012345"


def case(office: str = "BOS", **kw: object) -> ir.Case:
    return ir.Case(RECEIPT, office, **kw)  # type: ignore[arg-type]


# --- RG-SELF, RG-PILOT, RG-CC --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("office", "on", "regime"),
    [
        ("HAR", D(2018, 2, 4), "RG-SELF"),
        ("HAR", D(2018, 2, 5), "RG-PILOT"),
        ("HAR", D(2018, 2, 6), "RG-PILOT"),
        ("BOS", D(2018, 2, 5), "RG-SELF"),
        ("SFR", D(2019, 2, 28), "RG-PILOT"),
        ("BOS", D(2019, 2, 28), "RG-SELF"),
        ("BOS", D(2019, 3, 1), "RG-CC"),
        ("HAR", D(2019, 3, 1), "RG-CC"),
        ("MIA", D(2019, 3, 2), "RG-CC"),
    ],
)
def test_regime_by_office_and_date(office: str, on: date, regime: str) -> None:
    decision = ir.next_action(case(office, issue=ir.Issue.PROOF_OF_STATUS), as_of=on)
    assert decision.regime == regime
    assert regime in decision.rule_ids
    assert decision.action is ir.Action.REQUEST_APPOINTMENT
    if regime == "RG-SELF":
        assert decision.channels == {ir.Channel.INFOPASS}
    else:
        assert decision.channels == {ir.Channel.CONTACT_CENTER}


@pytest.mark.parametrize("office", ["HAR", "ELP", "JAC", "SAC", "SFR"])
def test_every_pilot_office(office: str) -> None:
    decision = ir.next_action(case(office, issue=ir.Issue.DACA), as_of=D(2018, 6, 1))
    assert decision.regime == "RG-PILOT"
    assert "CC-QUALIFYING" in decision.rule_ids


# --- CC-QUALIFYING, CC-APPOINTMENT, CC-CALL, CC-TIPS --------------------------------------------


@pytest.mark.parametrize(
    "issue",
    [
        ir.Issue.PROOF_OF_STATUS,
        ir.Issue.ADVANCE_PAROLE,
        ir.Issue.DACA,
        ir.Issue.PAROLE_IN_PLACE,
        ir.Issue.SATISFACTORY_DEPARTURE,
        ir.Issue.ADIT_STAMP,
        ir.Issue.ELIS_APPLICATION,
    ],
)
def test_qualifying_issues_request_an_appointment(issue: ir.Issue) -> None:
    as_of = D(2020, 5, 4)
    decision = ir.next_action(case(issue=issue), as_of=as_of)
    assert decision.action is ir.Action.REQUEST_APPOINTMENT
    assert (decision.earliest, decision.allowed) == (as_of, True)
    assert {"CC-QUALIFYING", "CC-APPOINTMENT", "CC-CALL", "CC-TIPS"} <= set(decision.rule_ids)
    # call-back in 1-2 days, appointment 4-5 days after: 2020-05-09 .. 2020-05-11
    assert any("2020-05-09" in n and "2020-05-11" in n for n in decision.notes)
    assert any("1-800-375-5283" in n for n in decision.notes)


@pytest.mark.parametrize(("offset", "allowed"), [(2, False), (3, True), (4, True)])
def test_appointment_call_back_overdue_goes_to_tier2_supervisor(offset: int, allowed: bool) -> None:
    referral = D(2020, 5, 4)
    history = (ir.Inquiry(referral, ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),)
    decision = ir.next_action(
        case(issue=ir.Issue.ADVANCE_PAROLE), history, as_of=referral + timedelta(days=offset)
    )
    assert decision.action is ir.Action.ESCALATE
    assert decision.level is ir.Level.TIER_2_SUPERVISOR
    assert decision.earliest == referral + timedelta(days=3)  # window 1-2 days, AFTER_PERIOD
    assert decision.allowed is allowed
    assert {"CC-APPOINTMENT", "CC-SUPERVISOR"} <= set(decision.rule_ids)


# --- CC-TIER2: the conflict ----------------------------------------------------------------------


def test_tier2_call_back_conflict_is_reported_and_resolved_by_authority() -> None:
    referral = D(2020, 5, 4)
    history = (ir.Inquiry(referral, ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),)
    delayed = case(outside_processing_times_on=D(2020, 1, 2))
    decision = ir.next_action(delayed, history, as_of=referral)
    assert decision.action is ir.Action.ESCALATE
    assert decision.level is ir.Level.TIER_2_SUPERVISOR
    assert decision.earliest == referral + DAY  # 1-2 hours: the same day, then AFTER_PERIOD
    (conflict,) = decision.conflicts
    assert (conflict.rule_id, conflict.followed, conflict.set_aside) == (
        "CC-TIER2",
        "aila-19030140",
        "contact-center-2019",
    )
    assert "primary" in conflict.reason

    longest = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)
    decision = ir.next_action(delayed, history, as_of=referral, policy=longest)
    assert decision.earliest == referral + timedelta(days=31)
    assert decision.conflicts[0].followed == "contact-center-2019"
    on_last_day = ir.Policy(
        conflict_rule=ir.ConflictRule.LONGEST_WAIT, day_count=ir.DayCount.ON_LAST_DAY
    )
    decision = ir.next_action(delayed, history, as_of=referral, policy=on_last_day)
    assert decision.earliest == referral + timedelta(days=30)


def test_miami_ladder_step_wins_when_sooner_than_the_tier2_window() -> None:
    miami = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=D(2020, 1, 2))
    history = (
        ir.Inquiry(D(2020, 1, 6), ir.Channel.INFOPASS),
        ir.Inquiry(D(2020, 3, 9), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),
    )
    decision = ir.next_action(miami, history, as_of=D(2020, 3, 9))
    assert decision.action is ir.Action.ESCALATE  # the Tier 2 window ends first
    assert any("step 3" in n for n in decision.notes)
    longest = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)
    decision = ir.next_action(miami, history, as_of=D(2020, 3, 9), policy=longest)
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, 3)  # 31 > 30 days
    assert decision.earliest == D(2020, 4, 9)


# --- CC-NOT-INFOPASS -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "online"), [("N-400", True), ("I-90", True), ("I-485", False), (None, None)]
)
def test_filing_is_not_an_infopass_matter(form: str | None, online: bool | None) -> None:
    decision = ir.next_action(case(issue=ir.Issue.FILE_APPLICATION, form=form), as_of=D(2021, 1, 4))
    assert decision.action is ir.Action.USE_OTHER_SERVICE
    assert decision.channels == {ir.Channel.MAIL}
    assert "CC-NOT-INFOPASS" in decision.rule_ids
    note = " ".join(decision.notes)
    if online is True:
        assert "can be filed online" in note
    elif online is False:
        assert "not among the forms fileable online" in note


@pytest.mark.parametrize(
    ("on", "channels"),
    [
        (D(2018, 1, 2), {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}),
        (D(2020, 1, 2), {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}),
    ],
)
def test_routine_questions_go_to_phone_or_online(on: date, channels: set[ir.Channel]) -> None:
    decision = ir.next_action(case(issue=ir.Issue.ROUTINE_QUESTION), as_of=on)
    assert decision.action is ir.Action.USE_OTHER_SERVICE
    assert decision.channels == channels
    assert {"CC-NOT-INFOPASS", "CC-CALL", "CC-TIPS"} <= set(decision.rule_ids)


# --- CC-BRING ------------------------------------------------------------------------------------


def test_attend_booked_appointment_with_checklist() -> None:
    booked = ir.Appointment(D(2021, 6, 15), "ORL", (RECEIPT,))
    decision = ir.next_action(
        case("ORL", issue=ir.Issue.ADIT_STAMP), (booked,), as_of=D(2021, 6, 10)
    )
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert (decision.earliest, decision.allowed) == (D(2021, 6, 15), False)
    assert decision.channels == {ir.Channel.INFOPASS}
    assert any("photo ID" in item for item in decision.checklist)
    assert "CC-BRING" in decision.rule_ids


# --- CC-TRIAGE -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "urgent"), [(-1, False), (0, True), (30, True), (31, False)])
def test_triage_deadline_horizon(days: int, urgent: bool) -> None:
    as_of = D(2020, 5, 4)
    c = case(deadlines=(ir.Deadline(as_of + timedelta(days=days), "job start"),))
    result = ir.triage(c, as_of=as_of)
    assert result.urgent is urgent
    assert result.citations[0].rule_id == "CC-TRIAGE"


def test_triage_factors() -> None:
    as_of = D(2020, 5, 4)
    c = case(
        circumstances=frozenset({ir.Circumstance.HEALTH, ir.Circumstance.FINANCIAL}),
        received_on=as_of - timedelta(days=365),
        pressing=True,
    )
    kinds = [f.kind.name for f in ir.triage(c, as_of=as_of).factors]
    assert kinds == ["FINANCIAL", "HEALTH", "LONG_PENDING", "PRESSING"]
    young = case(received_on=as_of - timedelta(days=364))
    assert not ir.triage(young, as_of=as_of).urgent


def test_triage_is_reported_to_the_contact_center() -> None:
    c = case(
        issue=ir.Issue.ADVANCE_PAROLE, deadlines=(ir.Deadline(D(2020, 5, 20), "surgery abroad"),)
    )
    decision = ir.next_action(c, as_of=D(2020, 5, 4))
    assert "CC-TRIAGE" in decision.rule_ids
    assert any("urgent handling" in n and "surgery abroad" in n for n in decision.notes)


# --- what the engine cannot know, and bad input --------------------------------------------------


def test_missing_eligibility_is_a_typed_error() -> None:
    with pytest.raises(ir.MissingFact, match="outside_processing_times_on"):
        ir.next_action(case(), as_of=D(2020, 1, 1))


def test_processing_times_need_form_and_receipt_date() -> None:
    class FakeTimes:
        def outside_since(self, *a: object, **k: object) -> None:
            raise AssertionError("not reached")

    with pytest.raises(ir.MissingFact, match=r"case\.form and case\.received_on"):
        ir.next_action(case(), as_of=D(2020, 1, 1), processing_times=FakeTimes())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("history", "field"),
    [
        ((ir.Appointment(D(2020, 1, 2), "BOS", ("EAC1890099999",)),), "history[0]"),
        (
            (ir.Inquiry(D(2020, 1, 2), ir.Channel.INFOPASS, receipt_number="EAC1890099999"),),
            "history[0].receipt_number",
        ),
        ((ir.Inquiry(D(2019, 12, 31), ir.Channel.INFOPASS),), "history[0].on"),
        (("not an inquiry",), "history[0]"),
        ("inquiries", "history"),
    ],
)
def test_history_not_about_the_case_is_invalid(history: object, field: str) -> None:
    c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
    with pytest.raises(ir.InvalidHistory) as info:
        ir.next_action(c, history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"as_of": datetime(2020, 1, 1)}, "as_of"),
        ({"as_of": "2020-01-01"}, "as_of"),
        ({"as_of": D(2020, 1, 1), "policy": "strict"}, "policy"),
        ({"as_of": D(2020, 1, 1), "processing_times": {}}, "processing_times"),
    ],
)
def test_bad_arguments_are_typed_errors(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.next_action(case(outside_processing_times_on=D(2019, 1, 1)), **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_case_must_be_a_case() -> None:
    with pytest.raises(ir.InvalidValue, match="case"):
        ir.next_action({"receipt_number": RECEIPT}, as_of=D(2020, 1, 1))  # type: ignore[arg-type]


# --- the decision itself -------------------------------------------------------------------------


def test_every_citation_resolves_and_decision_renders() -> None:
    from infopass_rules.edges.demo import DEMO_DOCKET

    for entry in DEMO_DOCKET:
        decision = ir.next_action(entry.case, entry.history, as_of=entry.as_of)
        assert decision.ruleset_version == ir.RULESET_VERSION
        for citation in decision.citations:
            assert citation.rule_id in ir.RULES
            assert citation.source_id in ir.SOURCES
            assert citation.title == ir.SOURCES[citation.source_id].title
        for entry_ in decision.trace:
            assert entry_.rule_id is None or entry_.rule_id in ir.RULES
        text = decision.explain()
        markdown = decision.explain("markdown")
        assert decision.receipt_number in text
        assert markdown.startswith("### ")
        for rule_id in decision.rule_ids:
            assert rule_id in text
        if decision.action is not ir.Action.NONE:
            assert decision.citations
            assert "Newest source" in text


def test_demo_docket_covers_every_action() -> None:
    from infopass_rules.edges.demo import DEMO_DOCKET

    actions = {ir.next_action(e.case, e.history, as_of=e.as_of).action for e in DEMO_DOCKET}
    assert actions == set(ir.Action)


def test_stale_sources_are_warned_of() -> None:
    c = case(issue=ir.Issue.PROOF_OF_STATUS)
    assert not any(
        "newest source" in w.lower() for w in ir.next_action(c, as_of=D(2021, 1, 4)).warnings
    )
    stale = ir.next_action(c, as_of=D(2026, 11, 1))
    assert any("The newest source" in w for w in stale.warnings)


def test_explain_rejects_unknown_format() -> None:
    decision = ir.next_action(case(issue=ir.Issue.DACA), as_of=D(2020, 1, 2))
    with pytest.raises(ir.InvalidValue, match="format"):
        decision.explain("html")
