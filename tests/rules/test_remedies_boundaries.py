"""The remedies beyond the route at their edges: the quick check whether a remedy can be open at
all (``may_be_open``) the day before, of and after the rule's date and the day the case is
outside; a remedy open on exactly those days listed in the decision; the Ombudsman's stretches
the same whatever order the contacts come in; a congressional follow-up waiting the days in
force on the day the previous inquiry closed."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.rules.policy import OmbudsmanWindow
from infopass_rules.rules.remedies import (
    CONGRESS_RULE,
    FOLLOWUP_DAYS,
    OMBUDSMAN_RULE,
    _closed_spans,
    _open_stretches,
    congressional_inquiry,
    may_be_open,
    ombudsman_case_assistance,
)
from infopass_rules.sources.rulebook import Rulebook, ValuePeriod, load_rulebook
from tests.helpers import BOSTON_RECEIPT, D

DAY = timedelta(days=1)
BOOK = load_rulebook()
ANY_CONTACT = ir.Policy(ombudsman_window=OmbudsmanWindow.ANY_CONTACT)
ON_LAST_DAY = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
#: The days each rule is in force from.
OMB_FROM = D(2025, 3, 1)
CONG_FROM = D(2018, 2, 15)
CLOSED = _closed_spans(BOOK.parameters["ombudsman.case_assistance_open"].values)


def call(on: date, channel: ir.Channel = ir.Channel.CONTACT_CENTER) -> ir.Inquiry:
    return ir.Inquiry(on, channel)


def delay(outside: date) -> ir.Case:
    return ir.Case(BOSTON_RECEIPT, "BOS", outside_processing_times_on=outside)


def listed(decision: ir.Decision, rule_id: str) -> ir.Remedy | None:
    found = [r for r in decision.remedies if r.rule_id == rule_id]
    return found[0] if found else None


class TestMayBeOpen:
    """``may_be_open``: the rule in force on the day, and for a delay the case outside by then
    (the Ombudsman's conditions are for a delay only; a congressional inquiry needs no delay)."""

    @pytest.mark.parametrize(
        ("rule_id", "in_force"), [(OMBUDSMAN_RULE, OMB_FROM), (CONGRESS_RULE, CONG_FROM)]
    )
    @pytest.mark.parametrize(("shift", "expected"), [(-1, False), (0, True), (1, True)])
    def test_from_the_rule_s_own_day(
        self, rule_id: str, in_force: date, shift: int, expected: bool
    ) -> None:
        as_of = in_force + shift * DAY
        assert may_be_open(rule_id, D(2015, 1, 5), as_of, BOOK) is expected

    @pytest.mark.parametrize("rule_id", [OMBUDSMAN_RULE, CONGRESS_RULE])
    @pytest.mark.parametrize(("shift", "expected"), [(-1, True), (0, True), (1, False)])
    def test_once_the_delayed_case_is_outside(
        self, rule_id: str, shift: int, expected: bool
    ) -> None:
        as_of = D(2025, 8, 10)
        outside = as_of + shift * DAY  # outside the day before, of, after as_of
        assert may_be_open(rule_id, outside, as_of, BOOK) is expected

    def test_the_ombudsman_never_for_a_case_that_is_not_delayed(self) -> None:
        assert may_be_open(OMBUDSMAN_RULE, None, D(2025, 8, 10), BOOK) is False

    def test_congress_for_a_case_that_is_not_delayed(self) -> None:
        assert may_be_open(CONGRESS_RULE, None, D(2025, 8, 10), BOOK) is True
        assert may_be_open(CONGRESS_RULE, None, CONG_FROM - DAY, BOOK) is False


class TestListedOnTheEdgeDays:
    """A remedy open on the day the case goes outside, or on the rule's first day, is listed
    beside the action that day (the quick check lets it through)."""

    def test_the_ombudsman_on_the_day_the_case_is_outside(self) -> None:
        as_of = D(2025, 8, 10)  # 69 days after the call
        decision = ir.next_action(delay(as_of), [call(D(2025, 6, 2))], as_of=as_of)
        found = listed(decision, OMBUDSMAN_RULE)
        assert found is not None
        assert (found.earliest, found.allowed) == (as_of, True)
        assert "OMB-CASE-ASSIST" in decision.rule_ids

    def test_the_ombudsman_on_the_rule_s_first_day(self) -> None:
        # A call on 2024-12-20: its window runs 2025-02-19 to 2025-03-20, open from 2025-03-01.
        decision = ir.next_action(delay(D(2024, 6, 3)), [call(D(2024, 12, 20))], as_of=OMB_FROM)
        found = listed(decision, OMBUDSMAN_RULE)
        assert found is not None
        assert (found.earliest, found.allowed) == (OMB_FROM, True)
        before = ir.next_action(delay(D(2024, 6, 3)), [call(D(2024, 12, 20))], as_of=OMB_FROM - DAY)
        assert listed(before, OMBUDSMAN_RULE) is None

    def test_congress_on_the_day_the_case_is_outside(self) -> None:
        as_of = D(2024, 2, 1)
        found = listed(ir.next_action(delay(as_of), as_of=as_of), CONGRESS_RULE)
        assert found is not None
        assert (found.earliest, found.allowed) == (as_of, True)
        assert listed(ir.next_action(delay(as_of + DAY), as_of=as_of), CONGRESS_RULE) is None


class TestOmbudsmanStretches:
    """Under ``ANY_CONTACT`` every contact's window counts: the stretches open are the same
    whatever order the contacts are given in, and two contacts of one day are one window."""

    @pytest.mark.parametrize("reverse", [False, True])
    def test_windows_clamped_to_one_first_day_run_to_the_later_end(self, reverse: bool) -> None:
        # The case is outside from 2025-08-25: both windows (2025-08-02..2025-08-31 and
        # 2025-08-20..2025-09-18) open that day; the stretch runs to the later one's end.
        early, late = call(D(2025, 6, 2)), call(D(2025, 6, 20))
        contacts = [late, early] if reverse else [early, late]
        stretches = _open_stretches(
            contacts, 60, 90, D(2025, 8, 25), CLOSED, ir.DayCount.AFTER_PERIOD
        )
        assert stretches == [(D(2025, 8, 25), D(2025, 9, 18), late)]

    @pytest.mark.parametrize("reverse", [False, True])
    def test_windows_cut_on_one_day_run_from_the_earlier_start(self, reverse: bool) -> None:
        # Both windows end on 2025-03-20, the day before the suspension: 2025-03-12..03-20 and
        # 2025-03-17..03-20, one stretch from the earlier start.
        early, late = call(D(2025, 1, 10)), call(D(2025, 1, 15))
        contacts = [late, early] if reverse else [early, late]
        stretches = _open_stretches(contacts, 60, 90, OMB_FROM, CLOSED, ir.DayCount.AFTER_PERIOD)
        assert [(start, end) for start, end, _ in stretches] == [(D(2025, 3, 12), D(2025, 3, 20))]

    def test_two_contacts_of_one_day_are_one_window(self) -> None:
        # A call and an e-Request on one day: the same window, the later one named.
        contacts = (call(D(2025, 6, 2)), call(D(2025, 6, 2), ir.Channel.E_REQUEST))
        found = ombudsman_case_assistance(
            contacts, (), D(2025, 1, 2), D(2025, 8, 10), BOOK, ANY_CONTACT
        )
        assert (found.earliest, found.allowed) == (D(2025, 8, 2), True)
        assert "USCIS was contacted on 2025-06-02 (e-Request), 69 days before" in found.reason
        assert "it lapses after 2025-08-31" in found.reason


class TestOmbudsmanNoneOpen:
    """Why no day is open: the suspension is named when it closed a day of the window, its
    first day included."""

    def test_a_suspension_that_closed_the_window_s_first_day_is_named(self) -> None:
        # Counted on the last day, 2025-03-24's window runs 2025-05-23 to 2025-06-22: its first
        # day is the suspension's last. Lapsed on 2025-07-01.
        found = ombudsman_case_assistance(
            (call(D(2025, 3, 24)),), (), D(2025, 1, 2), D(2025, 7, 1), BOOK, ON_LAST_DAY
        )
        assert (found.earliest, found.allowed) == (None, False)
        assert found.reason.startswith(
            "no day from 60 to 90 days after the latest contact with USCIS, on 2025-03-24 "
            "(Contact Center), is open: the Ombudsman's case assistance was suspended from "
            "2025-03-21 to 2025-05-23; contact USCIS again first"
        )

    def test_a_window_after_the_suspension_lapses(self) -> None:
        # 2025-03-25's window starts on 2025-05-24 under either count: only the lapse is said.
        found = ombudsman_case_assistance(
            (call(D(2025, 3, 25)),), (), D(2025, 1, 2), D(2025, 7, 1), BOOK, ON_LAST_DAY
        )
        assert found.reason.startswith(
            "no day from 60 to 90 days after the latest contact with USCIS, on 2025-03-25 "
            "(Contact Center), is open: that was more than 90 days before 2025-07-01; "
        )


def _followup_book(days_from: date, days: int) -> Rulebook:
    """The rule book with CONG-INQUIRY's follow-up wait changed to ``days`` from ``days_from``."""
    parameter = BOOK.parameters[FOLLOWUP_DAYS]
    changed = ValuePeriod(days_from, days, parameter.values[0].source_id)
    parameter = attrs.evolve(parameter, values=(*parameter.values, changed))
    return attrs.evolve(BOOK, parameters={**BOOK.parameters, FOLLOWUP_DAYS: parameter})


class TestCongressFollowUpWait:
    """CONG-INQUIRY's follow-up waits the days in force on the day the previous inquiry
    closed (``congress.followup_after_closed_days`` is dated)."""

    BOOK_45 = _followup_book(D(2024, 1, 1), 45)

    @pytest.mark.parametrize(
        ("closed", "days"),
        [(D(2023, 12, 31), 30), (D(2024, 1, 1), 45), (D(2024, 1, 2), 45)],
    )
    def test_the_wait_in_force_on_the_day_it_closed(self, closed: date, days: int) -> None:
        previous = (ir.Inquiry(closed, ir.Channel.CONGRESS),)
        found = congressional_inquiry(
            None, previous, None, D(2024, 6, 1), self.BOOK_45, ir.DEFAULT_POLICY
        )
        assert found.earliest == closed + (days + 1) * DAY
        assert f"a follow-up is open {days} days after that" in found.reason

    def test_before_the_first_period_the_first_one_s_wait(self) -> None:
        previous = (ir.Inquiry(D(2018, 1, 2), ir.Channel.CONGRESS),)
        found = congressional_inquiry(
            None, previous, None, D(2018, 6, 1), self.BOOK_45, ir.DEFAULT_POLICY
        )
        assert found.earliest == CONG_FROM
        assert "a follow-up is open 30 days after that" in found.reason
