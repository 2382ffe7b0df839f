"""Tests written to kill mutants that survived in ``contact_center.py``: the exact findings,
notes, warnings and conflicts of the Contact Center rules (CC-NOT-INFOPASS, CC-CALL, CC-TIPS,
CC-QUALIFYING, CC-APPOINTMENT, CC-TIER2, CC-SUPERVISOR), the dates they give, and the boundary of
the CC-TIER2 warning.

Each scenario is built by hand and its expected text written from the rules: a lawyer reads these
strings, so a finding that loses a date, a window or a phone number is a wrong answer.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Action, Channel, Issue, Level, Outcome
from infopass_rules.rules.contact_center import request_appointment
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.regimes import CONTACT_CENTER
from infopass_rules.rules.trace import NotedConflict
from infopass_rules.sources.rulebook import Rulebook, load_rulebook

D = dt.date
RECEIPT = "MSC1490012345"
ONLINE = "I-90, N-336, N-400, N-565, N-600, N-600K, G-28"

CALL_FINDING = (
    "call 1-800-375-5283: an automated system, then a Tier 1 representative "
    "who can open a service request"
)
TIPS_FINDING = "be clear and concise; have the receipt number and filing date at hand"
CALL_NOTE = (
    "Call the Contact Center at 1-800-375-5283; Tier 1 will ask for the name, date of birth "
    "and receipt number."
)
TIPS_NOTE = (
    "Be clear and concise; have the receipt number, the filing date and the relevant details "
    "at hand."
)
SUPERVISOR = (
    "with no call-back by the end of the window, call again from {} and ask for a Tier 2 "
    "Supervisor, who can contact field offices and the National Benefits Center"
)


def findings(decision: ir.Decision, prefix: str = "CC-") -> list[tuple[str, str]]:
    """The (rule, finding) pairs of the trace under rules starting with ``prefix``."""
    return [
        (t.rule_id, t.finding)
        for t in decision.trace
        if t.rule_id is not None and t.rule_id.startswith(prefix)
    ]


@pytest.mark.parametrize(
    ("form", "note"),
    [
        ("N-400", "Form N-400 can be filed online through myUSCIS, or by mail."),
        (
            "I-485",
            "File Form I-485 by mail (it is not among the forms fileable online through "
            f"myUSCIS: {ONLINE}).",
        ),
        (None, f"File by mail, or online through myUSCIS for {ONLINE}."),
    ],
)
def test_filing_an_application_is_no_infopass_matter(form: str | None, note: str) -> None:
    as_of = D(2020, 1, 6)
    case = ir.Case(RECEIPT, "MIA", issue=Issue.FILE_APPLICATION, form=form)
    decision = ir.next_action(case, [], as_of=as_of)
    assert decision.action is Action.USE_OTHER_SERVICE
    assert decision.earliest == as_of
    assert decision.allowed
    assert decision.channels == frozenset({Channel.MAIL})
    assert findings(decision) == [
        ("CC-NOT-INFOPASS", "filing an application is not an InfoPass matter")
    ]
    assert decision.notes == (note,)


def test_a_routine_question_goes_to_the_phone_with_the_call_advice() -> None:
    as_of = D(2020, 1, 6)
    case = ir.Case(RECEIPT, "MIA", issue=Issue.ROUTINE_QUESTION)
    decision = ir.next_action(case, [], as_of=as_of)
    assert decision.action is Action.USE_OTHER_SERVICE
    assert decision.earliest == as_of
    assert decision.allowed
    assert decision.channels == frozenset({Channel.CONTACT_CENTER, Channel.E_REQUEST})
    assert findings(decision) == [
        ("CC-NOT-INFOPASS", "a routine question belongs on the phone or online"),
        ("CC-CALL", CALL_FINDING),
        ("CC-TIPS", TIPS_FINDING),
        ("CC-TRIAGE", "no urgency factor (deadline, circumstance, long pending)"),
    ]
    assert decision.notes == (CALL_NOTE, TIPS_NOTE)


def test_a_self_scheduled_appointment_is_booked_online_at_once() -> None:
    as_of = D(2017, 6, 1)
    decision = ir.next_action(ir.Case(RECEIPT, "MIA", issue=Issue.DACA), [], as_of=as_of)
    assert decision.action is Action.REQUEST_APPOINTMENT
    assert decision.regime == "RG-SELF"
    assert decision.earliest == as_of
    assert decision.allowed
    assert decision.channels == frozenset({Channel.INFOPASS})
    assert decision.notes[0] == (
        "Book the appointment online; it can be cancelled or rescheduled without penalty with "
        "the numbers on the printed confirmation."
    )


def test_an_appointment_asked_of_the_contact_center_names_the_windows_and_dates() -> None:
    as_of = D(2020, 1, 6)
    decision = ir.next_action(ir.Case(RECEIPT, "MIA", issue=Issue.DACA), [], as_of=as_of)
    assert decision.action is Action.REQUEST_APPOINTMENT
    assert decision.earliest == as_of
    assert decision.channels == frozenset({Channel.CONTACT_CENTER})
    assert findings(decision) == [
        ("CC-QUALIFYING", "DACA is an issue the Contact Center names as suited to an appointment"),
        (
            "CC-APPOINTMENT",
            "Tier 1 refers the request to Tier 2, who calls back in 1-2 days and schedules; "
            "the appointment is usually 4-5 days after the call-back",
        ),
        ("CC-CALL", CALL_FINDING),
        ("CC-TIPS", TIPS_FINDING),
        ("CC-TRIAGE", "no urgency factor (deadline, circumstance, long pending)"),
    ]
    # 1 + 4 and 2 + 5 days after the request.
    assert decision.notes == (
        "A request made on 2020-01-06 usually gives an appointment between 2020-01-11 and "
        "2020-01-13.",
        CALL_NOTE,
        TIPS_NOTE,
    )


def _book_naming_only(*issues: str) -> Rulebook:
    """The shipped rule book with CC-QUALIFYING narrowed to ``issues`` (the list is data, so a
    correction to it must reach the finding)."""
    book = load_rulebook()
    parameter = book.parameters["contact_center.qualifying_issues"]
    narrowed = attrs.evolve(
        parameter, values=tuple(attrs.evolve(p, value=list(issues)) for p in parameter.values)
    )
    return attrs.evolve(
        book, parameters={**book.parameters, "contact_center.qualifying_issues": narrowed}
    )


@pytest.mark.parametrize(
    ("issue", "finding"),
    [
        (
            Issue.DACA,
            "DACA is an issue the Contact Center names as suited to an appointment",
        ),
        (
            Issue.PROOF_OF_STATUS,
            "PROOF_OF_STATUS is not among the issues the Contact Center names; an appointment "
            "is at its discretion",
        ),
    ],
)
def test_the_qualifying_finding_follows_the_issue_list(issue: Issue, finding: str) -> None:
    why = Reasoning(ir.Policy(), _book_naming_only("DACA"))
    case = ir.Case(RECEIPT, "MIA", issue=issue)
    proposal = request_appointment(case, CONTACT_CENTER, D(2020, 1, 6), why)
    assert proposal.action is Action.REQUEST_APPOINTMENT
    assert proposal.earliest == D(2020, 1, 6)
    assert (why.trace[0].rule_id, why.trace[0].finding) == ("CC-QUALIFYING", finding)


def test_an_appointment_referral_without_call_back_goes_to_the_tier2_supervisor() -> None:
    case = ir.Case(RECEIPT, "MIA", issue=Issue.DACA)
    referral = ir.Inquiry(D(2020, 1, 2), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
    decision = ir.next_action(case, [referral], as_of=D(2020, 1, 6))
    assert decision.action is Action.ESCALATE
    assert decision.level is Level.TIER_2_SUPERVISOR
    # a call-back within 2 days of 2020-01-02: overdue from the day after 2020-01-04
    assert decision.earliest == D(2020, 1, 5)
    assert decision.channels == frozenset({Channel.CONTACT_CENTER})
    assert findings(decision)[:2] == [
        (
            "CC-APPOINTMENT",
            "Tier 2 referral of 2020-01-02: call-back to schedule expected within 1-2 days",
        ),
        ("CC-SUPERVISOR", SUPERVISOR.format("2020-01-05")),
    ]
    assert decision.conflicts == ()


AILA = ("aila-19030140", "generally within 1-2 hours, so the same day")
TANNER = ("contact-center-2019", "most often within 30 days")


@pytest.mark.parametrize(
    ("policy", "window", "earliest", "followed", "set_aside", "reason"),
    [
        (
            ir.Policy(),
            "the same day",
            D(2020, 1, 3),
            AILA,
            TANNER,
            "primary source over secondary source",
        ),
        (
            ir.Policy(conflict_rule="LONGEST_WAIT"),
            "within 0-30 days",
            D(2020, 2, 2),
            TANNER,
            AILA,
            "policy LONGEST_WAIT: the reading with the longest wait is followed",
        ),
    ],
)
def test_a_case_inquiry_referral_reports_the_tier2_window_and_its_conflict(
    policy: ir.Policy,
    window: str,
    earliest: dt.date,
    followed: tuple[str, str],
    set_aside: tuple[str, str],
    reason: str,
) -> None:
    case = ir.Case(RECEIPT, "NYC", outside_processing_times_on=D(2019, 1, 1))
    referral = ir.Inquiry(D(2020, 1, 2), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
    decision = ir.next_action(case, [referral], as_of=D(2020, 1, 6), policy=policy)
    assert decision.action is Action.ESCALATE
    assert decision.level is Level.TIER_2_SUPERVISOR
    assert decision.earliest == earliest
    assert findings(decision)[:2] == [
        ("CC-TIER2", f"Tier 2 referral of 2020-01-02: call-back expected {window}"),
        ("CC-SUPERVISOR", SUPERVISOR.format(earliest.isoformat())),
    ]
    assert decision.conflicts == (
        NotedConflict(
            rule_id="CC-TIER2",
            question="How soon does a Tier 2 officer call back?",
            followed=followed[0],
            followed_says=followed[1],
            set_aside=set_aside[0],
            set_aside_says=set_aside[1],
            reason=reason,
        ),
    )
    assert not any(w.startswith("CC-TIER2") for w in decision.warnings)


@pytest.mark.parametrize(
    ("referred_on", "warned"),
    [(D(2019, 2, 13), True), (D(2019, 2, 14), False), (D(2019, 2, 15), False)],
)
def test_the_tier2_window_warns_only_for_a_referral_before_its_sources(
    referred_on: dt.date, warned: bool
) -> None:
    case = ir.Case(RECEIPT, "NYC", outside_processing_times_on=D(2019, 1, 1))
    referral = ir.Inquiry(referred_on, Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
    decision = ir.next_action(case, [referral], as_of=D(2019, 2, 20))
    warning = (
        "CC-TIER2: its sources date from 2019-02-14; the call-back window is applied to the "
        f"earlier referral of {referred_on.isoformat()}."
    )
    assert (warning in decision.warnings) is warned
    assert [w for w in decision.warnings if w.startswith("CC-TIER2")] == (
        [warning] if warned else []
    )
    assert decision.earliest == referred_on + dt.timedelta(days=1)
