"""The Contact Center rules (CC-*) at their boundaries: what to call about, the Tier 2 call-back and
its conflict, the appointment windows, and what to bring."""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Action, Channel, Issue, Level, Outcome
from infopass_rules.rules.contact_center import request_appointment
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.regimes import CONTACT_CENTER
from infopass_rules.rules.trace import NotedConflict
from infopass_rules.sources.rulebook import Rulebook, load_rulebook
from tests.helpers import (
    BOSTON_RECEIPT,
    MIAMI_RECEIPT,
    D,
    case,
    texts,
)

DAY = timedelta(days=1)


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


AILA = ("aila-19030140", "generally within 1-2 hours, so the same day")


TANNER = ("contact-center-2019", "most often within 30 days")


SCHEDULING_CONFLICT = NotedConflict(
    rule_id="CC-APPOINTMENT",
    question="How soon does Tier 2 call back to schedule an appointment?",
    followed="aila-19030140",
    followed_says="likely within 1-2 days",
    set_aside="contact-center-2019",
    set_aside_says="most often within 30 days",
    reason="primary source over secondary source",
)


class TestCCCall:
    """CC-CALL, Calling the Contact Center: aila-19030140, 'How do I contact USCIS through the
    USCIS Contact Centers', second paragraph."""

    def test_a_routine_question_goes_to_the_phone_with_the_call_advice(self) -> None:
        as_of = D(2020, 1, 6)
        case = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.ROUTINE_QUESTION)
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

    def test_a_routine_question_before_2019_calls_the_national_customer_service_center(
        self,
    ) -> None:
        case = ir.Case("EAC1790012345", "BOS", issue=Issue.ROUTINE_QUESTION)
        decision = ir.next_action(case, [], as_of=D(2017, 6, 1))  # RG-SELF
        assert findings(decision)[1] == (
            "CC-CALL",
            "call the National Customer Service Center at 1-800-375-5283; the representative "
            "asks for the name, date of birth and receipt number",
        )
        assert decision.notes[0] == (
            "By phone: call the National Customer Service Center at 1-800-375-5283; the "
            "representative will ask for the name, date of birth and receipt number."
        )

    @pytest.mark.parametrize(
        ("as_of", "office", "name"),
        [
            (D(2015, 3, 20), "MIA", "National Customer Service Center"),  # RG-SELF, Miami step 2
            (D(2017, 6, 1), "BOS", "National Customer Service Center"),  # RG-SELF elsewhere
            (D(2018, 3, 12), "HAR", "Contact Center"),  # RG-PILOT
            (D(2020, 1, 6), "MIA", "Contact Center"),  # RG-CC
        ],
    )
    def test_the_phone_number_whenever_a_phone_action_is_advised(
        self, as_of: date, office: str, name: str
    ) -> None:
        # The rule book's reading: 1-800-375-5283 is given in miami-2013-03-14 and
        # infopass-guide-2017, so phone advice before 2019 gives it too, with what the
        # representative will ask (name, date of birth, receipt number: CC-CALL).
        receipt = MIAMI_RECEIPT if office == "MIA" else BOSTON_RECEIPT
        c = ir.Case(receipt, office, outside_processing_times_on=D(2015, 1, 2))
        history = [ir.Inquiry(D(2015, 1, 5), Channel.INFOPASS)] if as_of.year == 2015 else []
        decision = ir.next_action(c, history, as_of=as_of)
        assert Channel.CONTACT_CENTER in decision.channels
        (call,) = [n for n in decision.notes if "1-800-375-5283" in n]
        assert name in call
        assert "name, date of birth and receipt number" in call
        assert "CC-CALL" in decision.rule_ids
        sources = {c.source_id for c in decision.citations if c.rule_id == "CC-CALL"}
        assert {"miami-2013-03-14", "infopass-guide-2017"} <= sources

    @pytest.mark.parametrize("offset", [-1, 0, 1])
    def test_the_phone_advice_about_the_day_its_source_first_gives_the_number(
        self, offset: int
    ) -> None:
        # contact_center.phone is first given by miami-2013-03-14: a call advised the day before
        # gives the same number and words, with a warning that the source is applied early.
        as_of = D(2013, 3, 14) + offset * DAY
        c = ir.Case(BOSTON_RECEIPT, "BOS", outside_processing_times_on=D(2013, 1, 2))
        decision = ir.next_action(c, [], as_of=as_of)
        assert decision.notes[:2] == (
            "By phone: call the National Customer Service Center at 1-800-375-5283; the "
            "representative will ask for the name, date of birth and receipt number.",
            TIPS_NOTE,
        )
        assert findings(decision) == [
            (
                "CC-CALL",
                "call the National Customer Service Center at 1-800-375-5283; the representative "
                "asks for the name, date of birth and receipt number",
            ),
            ("CC-TIPS", TIPS_FINDING),
        ]
        early = [w for w in decision.warnings if w.rule_id == "CC-CALL"]
        if offset < 0:
            (warning,) = early
            assert (warning.kind, warning.on, warning.text) == (
                ir.WarningKind.STALE_SOURCE,
                as_of,
                "CC-CALL: the sources describe this only from 2013-03-14 (miami-2013-03-14); "
                "that description is applied to 2013-03-13.",
            )
        else:
            assert early == []

    def test_no_phone_advice_for_an_action_not_by_phone(self) -> None:
        c = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.DACA)
        decision = ir.next_action(c, [], as_of=D(2017, 6, 1))  # booked online
        assert decision.channels == frozenset({Channel.INFOPASS})
        assert not any("1-800-375-5283" in n for n in decision.notes)
        assert "CC-CALL" not in decision.rule_ids


class TestCCTier2:
    """CC-TIER2, Tier 2 call-back: aila-19030140, 'How do I contact USCIS', second paragraph."""

    def test_tier2_call_back_conflict_is_reported_and_resolved_by_authority(self) -> None:
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

    def test_a_referral_before_the_source_waits_for_the_window_with_a_warning(self) -> None:
        # At a pilot office in 2018, before CC-TIER2's source (2019-02-14): the window is applied
        # to the earlier referral, with a warning naming the rule and the referral's day.
        referral = ir.Inquiry(D(2018, 6, 1), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL)
        delayed = ir.Case("EAC1890012345", "HAR", outside_processing_times_on=D(2018, 1, 2))
        decision = ir.next_action(delayed, [referral], as_of=D(2018, 6, 1))
        assert decision.waits == (
            ir.Wait(
                "CC-TIER2",
                D(2018, 6, 1),
                0,
                D(2018, 6, 2),
                "the Tier 2 Supervisor is asked for once the call-back window of 0 days after "
                "the Tier 2 referral of 2018-06-01 has passed",
            ),
        )
        assert decision.warnings_of(ir.WarningKind.LATER_SOURCE)[0] == ir.Warning(
            ir.WarningKind.LATER_SOURCE,
            "CC-TIER2: its sources date from 2019-02-14; the call-back window is applied to the "
            "earlier referral of 2018-06-01.",
            "CC-TIER2",
            D(2018, 6, 1),
        )
        # The same referral for an appointment waits under CC-APPOINTMENT's window instead.
        parole = ir.Case("EAC1890012345", "HAR", issue=ir.Issue.ADVANCE_PAROLE)
        (wait,) = ir.next_action(parole, [referral], as_of=D(2018, 6, 1)).waits
        assert (wait.rule_id, wait.days, wait.until) == ("CC-APPOINTMENT", 2, D(2018, 6, 4))

    def test_miami_ladder_step_wins_when_sooner_than_the_tier2_window(self) -> None:
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
                "followed: the reading with the longest wait; Policy.conflict_rule LONGEST_WAIT",
            ),
        ],
    )
    def test_a_case_inquiry_referral_reports_the_tier2_window_and_its_conflict(
        self,
        policy: ir.Policy,
        window: str,
        earliest: dt.date,
        followed: tuple[str, str],
        set_aside: tuple[str, str],
        reason: str,
    ) -> None:
        case = ir.Case(MIAMI_RECEIPT, "NYC", outside_processing_times_on=D(2019, 1, 1))
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
        assert not any(w.startswith("CC-TIER2") for w in texts(decision.warnings))

    @pytest.mark.parametrize(
        ("referred_on", "warned"),
        [(D(2019, 2, 13), True), (D(2019, 2, 14), False), (D(2019, 2, 15), False)],
    )
    def test_the_tier2_window_warns_only_for_a_referral_before_its_sources(
        self, referred_on: dt.date, warned: bool
    ) -> None:
        case = ir.Case(MIAMI_RECEIPT, "NYC", outside_processing_times_on=D(2019, 1, 1))
        referral = ir.Inquiry(referred_on, Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
        decision = ir.next_action(case, [referral], as_of=D(2019, 2, 20))
        warning = (
            "CC-TIER2: its sources date from 2019-02-14; the call-back window is applied to the "
            f"earlier referral of {referred_on.isoformat()}."
        )
        assert (warning in texts(decision.warnings)) is warned
        assert [w for w in texts(decision.warnings) if w.startswith("CC-TIER2")] == (
            [warning] if warned else []
        )
        assert decision.earliest == referred_on + dt.timedelta(days=1)


class TestCCAppointment:
    """CC-APPOINTMENT, The appointment flow: aila-19030140, 'What is an InfoPass appointment',
    second paragraph."""

    def test_a_self_scheduled_appointment_is_booked_online_at_once(self) -> None:
        as_of = D(2017, 6, 1)
        decision = ir.next_action(ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.DACA), [], as_of=as_of)
        assert decision.action is Action.REQUEST_APPOINTMENT
        assert decision.regime == "RG-SELF"
        assert decision.earliest == as_of
        assert decision.allowed
        assert decision.channels == frozenset({Channel.INFOPASS})
        assert decision.notes[0] == (
            "Book the appointment online; it can be cancelled or rescheduled without penalty with "
            "the numbers on the printed confirmation."
        )

    def test_an_appointment_asked_of_the_contact_center_names_the_windows_and_dates(self) -> None:
        as_of = D(2020, 1, 6)
        decision = ir.next_action(ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.DACA), [], as_of=as_of)
        assert decision.action is Action.REQUEST_APPOINTMENT
        assert decision.earliest == as_of
        assert decision.channels == frozenset({Channel.CONTACT_CENTER})
        assert findings(decision) == [
            (
                "CC-QUALIFYING",
                "DACA is an issue the Contact Center names as suited to an appointment",
            ),
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

    @pytest.mark.parametrize("rule", list(ir.ConflictRule))
    def test_tier2_callback_windows_meet_the_30_days_of_the_secondary_source(
        self, rule: ir.ConflictRule
    ) -> None:
        # The rule book's reading: the scheduling call-back the engine waits for (1-2 days,
        # aila-19030140) meets contact-center-2019's "within 30 days": the conflict is reported
        # in each such decision, under either conflict policy.
        policy = ir.Policy(conflict_rule=rule)
        daca = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.DACA)
        pilot = ir.Case("EAC1890033333", "HAR", issue=Issue.ADVANCE_PAROLE)
        referral = ir.Inquiry(D(2020, 1, 2), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
        decisions = [
            ir.next_action(daca, [], as_of=D(2020, 1, 6), policy=policy),
            ir.next_action(pilot, [], as_of=D(2018, 3, 12), policy=policy),
            ir.next_action(daca, [referral], as_of=D(2020, 1, 6), policy=policy),
        ]
        for decision in decisions:
            (conflict,) = [c for c in decision.conflicts if c.rule_id == "CC-APPOINTMENT"]
            assert {conflict.followed, conflict.set_aside} == {
                "aila-19030140",
                "contact-center-2019",
            }
            assert {"aila-19030140", "contact-center-2019"} <= {
                c.source_id for c in decision.citations if c.rule_id == "CC-APPOINTMENT"
            }
        if rule is ir.ConflictRule.LONGEST_WAIT:  # the 30 days are followed, and waited for
            assert decisions[2].earliest == D(2020, 2, 2)
        else:
            assert decisions[2].earliest == D(2020, 1, 5)


class TestCCSupervisor:
    """CC-SUPERVISOR, The Tier 2 Supervisor: aila-19030140, 'How do I contact USCIS', second
    paragraph, last sentence."""

    # The audit's Orlando case (2020): a Tier 1 call on 06-01 referred to Tier 2, the Tier 2
    # officer reached on 06-02, unresolved; the Tier 2 Supervisor reached on 06-05.
    ORLANDO = (
        ir.Inquiry(
            D(2020, 6, 1), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL, level=Level.TIER_1
        ),
        ir.Inquiry(D(2020, 6, 2), Channel.CONTACT_CENTER, level=Level.TIER_2),
    )
    SUPERVISOR_REACHED = ir.Inquiry(
        D(2020, 6, 5), Channel.CONTACT_CENTER, level=Level.TIER_2_SUPERVISOR
    )

    @pytest.mark.parametrize("issue", [Issue.CASE_DELAY, Issue.ADVANCE_PAROLE])
    @pytest.mark.parametrize("as_of", [D(2020, 6, 2), D(2020, 6, 3), D(2020, 6, 4)])
    def test_tier2_reached_unresolved_escalates_to_the_tier2_supervisor(
        self, as_of: date, issue: Issue
    ) -> None:
        # From the Tier 2 contact to the day before the Supervisor is reached: never Tier 1 again.
        orlando = ir.Case(
            "MSC1490012345", "ORL", issue=issue, outside_processing_times_on=D(2020, 1, 6)
        )
        decision = ir.next_action(orlando, self.ORLANDO, as_of=as_of)
        assert (decision.action, decision.level) == (Action.ESCALATE, Level.TIER_2_SUPERVISOR)
        assert (decision.earliest, decision.allowed) == (D(2020, 6, 2), True)
        assert decision.channels == frozenset({Channel.CONTACT_CENTER})
        assert (
            "CC-SUPERVISOR",
            "the Tier 2 officer was reached on 2020-06-02 and the case is still unresolved: ask "
            "to speak with a Tier 2 Supervisor, who can contact field offices and the National "
            "Benefits Center",
        ) in findings(decision)

    def test_the_day_before_tier2_is_reached_the_call_back_is_awaited(self) -> None:
        orlando = ir.Case("MSC1490012345", "ORL", outside_processing_times_on=D(2020, 1, 6))
        decision = ir.next_action(orlando, self.ORLANDO[:1], as_of=D(2020, 6, 1))
        assert (decision.action, decision.level) == (Action.ESCALATE, Level.TIER_2_SUPERVISOR)
        assert decision.allowed is False  # the call-back window has not passed
        assert not any("Tier 2 officer was reached" in f for _, f in findings(decision))

    @pytest.mark.parametrize("issue", [Issue.CASE_DELAY, Issue.ADVANCE_PAROLE])
    def test_the_tier2_supervisor_reached_unresolved_ends_the_route(self, issue: Issue) -> None:
        orlando = ir.Case(
            "MSC1490012345", "ORL", issue=issue, outside_processing_times_on=D(2020, 1, 6)
        )
        history = (*self.ORLANDO, self.SUPERVISOR_REACHED)
        decision = ir.next_action(orlando, history, as_of=D(2020, 6, 5))
        assert (decision.action, decision.earliest) == (Action.EXHAUSTED, D(2020, 6, 5))

    def test_a_tier2_contact_by_letter_is_no_contact(self) -> None:
        orlando = ir.Case("MSC1490012345", "ORL", outside_processing_times_on=D(2020, 1, 6))
        letter = ir.Inquiry(D(2020, 6, 2), Channel.MAIL, level=Level.TIER_2)
        decision = ir.next_action(orlando, (letter,), as_of=D(2020, 6, 3))
        assert decision.action is Action.INQUIRE

    @pytest.mark.parametrize(("offset", "allowed"), [(2, False), (3, True), (4, True)])
    def test_appointment_call_back_overdue_goes_to_tier2_supervisor(
        self, offset: int, allowed: bool
    ) -> None:
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

    def test_an_appointment_referral_without_call_back_goes_to_the_tier2_supervisor(self) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.DACA)
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
        assert decision.conflicts == (SCHEDULING_CONFLICT,)

    @pytest.mark.parametrize(
        ("offset", "action"),
        [(-1, ir.Action.ESCALATE), (0, ir.Action.EXHAUSTED), (1, ir.Action.EXHAUSTED)],
    )
    def test_the_tier2_supervisor_reached_exhausts_the_route(
        self, offset: int, action: ir.Action
    ) -> None:
        referral = ir.Inquiry(D(2020, 5, 4), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
        reached = ir.Inquiry(
            D(2020, 5, 8),
            Channel.CONTACT_CENTER,
            level=Level.TIER_2_SUPERVISOR,
            reference="SR-123",
            note="The Supervisor emailed the field office.",
        )
        as_of = reached.on + timedelta(days=offset)
        decision = ir.next_action(
            case(issue=Issue.ADVANCE_PAROLE), (referral, reached), as_of=as_of
        )
        assert decision.action is action
        assert decision.allowed
        assert decision.waits == ()
        if action is ir.Action.ESCALATE:
            assert decision.level is Level.TIER_2_SUPERVISOR
            return
        assert (decision.level, decision.earliest) == (None, reached.on)
        assert "CC-SUPERVISOR" in decision.rule_ids
        assert findings(decision)[-1] == (
            "CC-SUPERVISOR",
            "the Tier 2 Supervisor was reached on 2020-05-08 and the case is still unresolved: "
            "the sources set no further step",
        )
        assert any(n.startswith("Beyond the InfoPass procedures") for n in decision.notes)
        # An appointment issue, not a delay: on EXHAUSTED both remedies are listed, the
        # Ombudsman's (encoded for a delay) with no day, the congressional inquiry open.
        assert [(r.rule_id, r.earliest, r.allowed) for r in decision.remedies] == [
            ("OMB-CASE-ASSIST", None, False),
            ("CONG-INQUIRY", D(2018, 2, 15), True),
        ]

    def test_a_delayed_case_outside_the_district_is_exhausted_by_the_tier2_supervisor(
        self,
    ) -> None:
        delayed = case(outside_processing_times_on=D(2020, 1, 6))
        reached = ir.Inquiry(D(2020, 3, 2), Channel.CONTACT_CENTER, level=Level.TIER_2_SUPERVISOR)
        decision = ir.next_action(delayed, (reached,), as_of=D(2020, 3, 3))
        assert (decision.action, decision.earliest) == (ir.Action.EXHAUSTED, reached.on)

    def test_a_district_case_never_asks_for_the_tier2_supervisor_again(self) -> None:
        miami_case = ir.Case(MIAMI_RECEIPT, "MIA", outside_processing_times_on=D(2020, 1, 6))
        history = (
            ir.Inquiry(D(2020, 1, 7), Channel.CONTACT_CENTER, level=Level.TIER_2_SUPERVISOR),
            ir.Inquiry(D(2020, 1, 9), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL),
        )
        decision = ir.next_action(miami_case, history, as_of=D(2020, 2, 1))
        assert decision.level is not Level.TIER_2_SUPERVISOR
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)

    def test_the_call_back_window_is_the_wait(self) -> None:
        referral = ir.Inquiry(D(2020, 5, 4), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
        decision = ir.next_action(
            case(issue=Issue.ADVANCE_PAROLE), (referral,), as_of=D(2020, 5, 6)
        )
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "CC-APPOINTMENT",
            referral.on,
            2,
            decision.earliest,
        )
        assert "under CC-APPOINTMENT (aila-19030140, " in decision.why_not_yet()


class TestCCQualifying:
    """CC-QUALIFYING, Issues that qualify for an appointment: aila-19030140, 'What is an
    InfoPass appointment', third paragraph."""

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
    def test_qualifying_issues_request_an_appointment(self, issue: ir.Issue) -> None:
        as_of = D(2020, 5, 4)
        decision = ir.next_action(case(issue=issue), as_of=as_of)
        assert decision.action is ir.Action.REQUEST_APPOINTMENT
        assert (decision.earliest, decision.allowed) == (as_of, True)
        assert {"CC-QUALIFYING", "CC-APPOINTMENT", "CC-CALL", "CC-TIPS"} <= set(decision.rule_ids)
        # call-back in 1-2 days, appointment 4-5 days after: 2020-05-09 .. 2020-05-11
        assert any("2020-05-09" in n and "2020-05-11" in n for n in decision.notes)
        assert any("1-800-375-5283" in n for n in decision.notes)

    @pytest.mark.parametrize(
        ("issue", "finding"),
        [
            (
                Issue.DACA,
                "DACA is an issue the Contact Center names as suited to an appointment",
            ),
            (
                Issue.PROOF_OF_STATUS,
                "proof of status is not among the issues the Contact Center names; an appointment "
                "is at its discretion",
            ),
        ],
    )
    def test_the_qualifying_finding_follows_the_issue_list(
        self, issue: Issue, finding: str
    ) -> None:
        why = Reasoning(ir.Policy(), _book_naming_only("DACA"))
        case = ir.Case(MIAMI_RECEIPT, "MIA", issue=issue)
        proposal = request_appointment(case, CONTACT_CENTER, D(2020, 1, 6), why)
        assert proposal.action is Action.REQUEST_APPOINTMENT
        assert proposal.earliest == D(2020, 1, 6)
        assert (why.trace[0].rule_id, why.trace[0].finding) == ("CC-QUALIFYING", finding)


class TestCCNotInfopass:
    """CC-NOT-INFOPASS, Not InfoPass matters: infopass-guide-2017, 'Suitability of InfoPass
    Appointments for General Inquiries'."""

    @pytest.mark.parametrize(
        ("form", "online"), [("N-400", True), ("I-90", True), ("I-485", False), (None, None)]
    )
    def test_filing_is_not_an_infopass_matter(self, form: str | None, online: bool | None) -> None:
        decision = ir.next_action(
            case(issue=ir.Issue.FILE_APPLICATION, form=form), as_of=D(2021, 1, 4)
        )
        assert decision.action is ir.Action.USE_OTHER_SERVICE
        assert decision.channels == {ir.Channel.MAIL}
        assert "CC-NOT-INFOPASS" in decision.rule_ids
        note = " ".join(decision.notes)
        how = decision.explain().splitlines()[1]
        assert decision.online_filing is (online is True)
        if online is True:
            assert "can be filed online" in note
            assert how == "  - How: online through a myUSCIS account; by mail"
        else:
            assert how == "  - How: by mail"
        if online is False:
            assert "not among the forms fileable online" in note

    def test_online_filing_is_carried_in_json(self) -> None:
        filing = case(issue=ir.Issue.FILE_APPLICATION, form="N-400")
        decision = ir.next_action(filing, as_of=D(2021, 1, 4))
        data = ir.dumps(decision)
        assert '"online_filing":true' in data
        assert ir.loads(data, ir.Decision) == decision

    @pytest.mark.parametrize(
        ("on", "channels"),
        [
            (D(2018, 1, 2), {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}),
            (D(2020, 1, 2), {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}),
        ],
    )
    def test_routine_questions_go_to_phone_or_online(
        self, on: date, channels: set[ir.Channel]
    ) -> None:
        decision = ir.next_action(case(issue=ir.Issue.ROUTINE_QUESTION), as_of=on)
        assert decision.action is ir.Action.USE_OTHER_SERVICE
        assert decision.channels == channels
        assert {"CC-NOT-INFOPASS", "CC-CALL", "CC-TIPS"} <= set(decision.rule_ids)

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
    def test_filing_an_application_is_no_infopass_matter(self, form: str | None, note: str) -> None:
        as_of = D(2020, 1, 6)
        case = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.FILE_APPLICATION, form=form)
        decision = ir.next_action(case, [], as_of=as_of)
        assert decision.action is Action.USE_OTHER_SERVICE
        assert decision.earliest == as_of
        assert decision.allowed
        assert decision.channels == frozenset({Channel.MAIL})
        assert findings(decision) == [
            ("CC-NOT-INFOPASS", "filing an application is not an InfoPass matter")
        ]
        assert decision.notes == (note,)


class TestCCBring:
    """CC-BRING, What to bring: infopass-guide-2017, 'What Should I Bring to My InfoPass
    Appointment?'."""

    def test_attend_booked_appointment_with_checklist(self) -> None:
        booked = ir.Appointment(D(2021, 6, 15), "ORL", (BOSTON_RECEIPT,))
        decision = ir.next_action(
            case("ORL", issue=ir.Issue.ADIT_STAMP), (booked,), as_of=D(2021, 6, 10)
        )
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert (decision.earliest, decision.allowed) == (D(2021, 6, 15), False)
        assert decision.channels == {ir.Channel.INFOPASS}
        assert any("photo ID" in item for item in decision.checklist)
        assert "CC-BRING" in decision.rule_ids


class TestCCTips:
    """CC-TIPS, Tips for the call: contact-center-2019, paragraph of tips."""

    @pytest.mark.parametrize(("as_of", "tips"), [(D(2019, 2, 28), False), (D(2019, 3, 1), True)])
    def test_the_tips_come_with_a_call_to_the_contact_center(self, as_of: D, tips: bool) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA", issue=Issue.PROOF_OF_STATUS)
        decision = ir.next_action(case, [], as_of=as_of)
        assert (("CC-TIPS", TIPS_FINDING) in findings(decision)) is tips
        assert (TIPS_NOTE in decision.notes) is tips
