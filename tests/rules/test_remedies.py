"""Beyond the 2012-2019 sources (docs/concepts/remedies.md): the delay inquiry everywhere
(PT-INQUIRY), the CIS Ombudsman's case assistance (OMB-CASE-ASSIST) and the congressional inquiry
(CONG-INQUIRY), with the requests beyond USCIS recorded in a history (``Channel.OMBUDSMAN``,
``Channel.CONGRESS``). Boundary tests: the day before, of and after each date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import infopass_rules as ir
from infopass_rules.rules.policy import OmbudsmanWindow
from infopass_rules.rules.remedies import congressional_inquiry, ombudsman_case_assistance
from infopass_rules.sources.rulebook import load_rulebook
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes
from tests.helpers import BOSTON_RECEIPT, MIAMI_RECEIPT, D, infopass, three_steps

DAY = timedelta(days=1)
BOOK = load_rulebook()
ON_LAST_DAY = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
ANY_CONTACT = ir.Policy(ombudsman_window=OmbudsmanWindow.ANY_CONTACT)

#: The Case Inquiry Date of the snapshot below, fetched (and in force) from FETCHED.
INQUIRY_DATE = D(2023, 3, 1)
FETCHED = D(2023, 6, 15)


def _snapshot(office: str = "BOS") -> PublishedTime:
    return PublishedTime(
        form="I-485",
        office=office,
        category="Family",
        fetched_on=FETCHED,
        published_on=FETCHED - 2 * DAY,
        case_inquiry_date=INQUIRY_DATE,
        upper=Duration(20, "months"),
        lower=None,
        suppressed=False,
        origin=f"test {office}",
    )


TABLE = ProcessingTimes([_snapshot("BOS"), _snapshot("MIA")])


def i485(office: str = "BOS", received: date = INQUIRY_DATE, **kw: object) -> ir.Case:
    number = MIAMI_RECEIPT if office == "MIA" else BOSTON_RECEIPT
    return ir.Case(number, office, form="I-485", category="Family", received_on=received, **kw)  # type: ignore[arg-type]


OUTSIDE_2025 = D(2025, 1, 2)


def delay(office: str = "BOS", outside: date = OUTSIDE_2025, **kw: object) -> ir.Case:
    number = MIAMI_RECEIPT if office == "MIA" else BOSTON_RECEIPT
    return ir.Case(number, office, outside_processing_times_on=outside, **kw)  # type: ignore[arg-type]


def call(on: date, **kw: object) -> ir.Inquiry:
    return ir.Inquiry(on, ir.Channel.CONTACT_CENTER, **kw)  # type: ignore[arg-type]


def remedy(decision: ir.Decision, rule_id: str) -> ir.Remedy | None:
    found = [r for r in decision.remedies if r.rule_id == rule_id]
    assert len(found) <= 1  # listed once
    return found[0] if found else None


class TestPTInquiry:
    """PT-INQUIRY, A delay inquiry once the case is outside normal processing times:
    uscis-processing-times-page (the Case Inquiry Date), ombudsman-web-alerts (six months)."""

    @pytest.mark.parametrize(
        ("received", "outside"),
        [
            (INQUIRY_DATE - DAY, True),  # before the Case Inquiry Date: outside
            (INQUIRY_DATE, False),  # on it: not yet outside
            (INQUIRY_DATE + DAY, False),
        ],
    )
    def test_outside_once_received_before_the_case_inquiry_date(
        self, received: date, outside: bool
    ) -> None:
        decision = ir.next_action(i485(received=received), as_of=FETCHED, processing_times=TABLE)
        assert decision.action is ir.Action.INQUIRE
        assert decision.allowed is outside
        assert (decision.earliest == FETCHED) is outside
        # Cited, allowed or not; what it waits for rests on it.
        assert "PT-INQUIRY" in decision.rule_ids
        assert "MIA-ELIGIBLE" not in decision.rule_ids
        assert [w.rule_id for w in decision.waits] == ([] if outside else ["PT-INQUIRY"])
        if not outside:  # estimated from the published range: 20 months after receipt
            assert decision.earliest == received.replace(year=received.year + 1, month=11)
            assert decision.warnings_of(ir.WarningKind.ESTIMATE)

    def test_in_a_district_the_eligibility_rule_cites_it_where_a_snapshot_is_used(self) -> None:
        by_table = ir.next_action(
            i485("MIA", INQUIRY_DATE - DAY), as_of=FETCHED, processing_times=TABLE
        )
        assert by_table.step == 1
        assert {"PT-INQUIRY", "MIA-ELIGIBLE"} <= set(by_table.rule_ids)
        assert tuple(r for r in by_table.rule_ids if r in ("PT-INQUIRY", "MIA-ELIGIBLE")) == (
            "PT-INQUIRY",
            "MIA-ELIGIBLE",
        )
        by_case = ir.next_action(delay("MIA", D(2023, 1, 2)), as_of=FETCHED)
        assert "MIA-ELIGIBLE" in by_case.rule_ids
        assert "PT-INQUIRY" not in by_case.rule_ids  # no published time was used

    @pytest.mark.parametrize(
        ("office", "wait_rule"), [("BOS", "PT-INQUIRY"), ("MIA", "MIA-ELIGIBLE")]
    )
    def test_a_case_delay_wait_rests_on_a_rule_the_decision_cites(
        self, office: str, wait_rule: str
    ) -> None:
        decision = ir.next_action(delay(office, D(2016, 1, 4)), as_of=D(2016, 1, 1))
        (wait,) = decision.waits
        assert wait.rule_id == wait_rule
        assert wait.rule_id in decision.rule_ids
        assert "PT-INQUIRY" in decision.why_not_yet() or office == "MIA"

    @pytest.mark.parametrize(
        ("policy", "as_of", "allowed"),
        [
            # received 2023-02-28: six calendar months end on 2023-08-28
            (ir.DEFAULT_POLICY, D(2023, 8, 28), False),  # not yet "more than" six months
            (ir.DEFAULT_POLICY, D(2023, 8, 29), True),
            (ON_LAST_DAY, D(2023, 8, 27), False),
            (ON_LAST_DAY, D(2023, 8, 28), True),
            (ON_LAST_DAY, D(2023, 8, 29), True),
        ],
    )
    def test_a_form_with_no_published_time_after_six_months(
        self, policy: ir.Policy, as_of: date, allowed: bool
    ) -> None:
        case = ir.Case(BOSTON_RECEIPT, "BOS", form="N-400", received_on=D(2023, 2, 28))
        decision = ir.next_action(case, as_of=as_of, processing_times=TABLE, policy=policy)
        assert decision.action is ir.Action.INQUIRE
        assert decision.allowed is allowed
        expected = D(2023, 8, 29) if policy is ir.DEFAULT_POLICY else D(2023, 8, 28)
        assert decision.earliest == expected
        (entry,) = [e for e in decision.trace if e.finding.startswith("N-400 has no published")]
        assert entry.rule_id == "PT-INQUIRY"
        assert "pending more than 6 months from its receipt on 2023-02-28" in entry.finding
        assert any(c.source_id == "ombudsman-web-alerts" for c in decision.citations)

    def test_six_calendar_months_end_on_the_month_s_last_day(self) -> None:
        # 2023-08-31 + 6 months is 2024-02-29 (a leap year): outside from the day after.
        case = ir.Case(BOSTON_RECEIPT, "BOS", form="N-400", received_on=D(2023, 8, 31))
        decision = ir.next_action(case, as_of=D(2024, 2, 29), processing_times=TABLE)
        assert (decision.earliest, decision.allowed) == (D(2024, 3, 1), False)

    def test_a_form_published_elsewhere_is_still_missing_at_the_office(self) -> None:
        # The table lists I-485 (at BOS and MIA): at NYC its time is missing, not unpublished.
        case = ir.Case("EAC1490012345", "NYC", form="I-485", received_on=D(2023, 1, 1))
        with pytest.raises(ir.MissingFact):
            ir.next_action(case, as_of=FETCHED, processing_times=TABLE)

    def test_a_firm_table_that_cannot_list_its_forms_says_nothing_of_six_months(self) -> None:
        class Outside:
            def outside_since(self, *args: object, **kw: object) -> ir.OutsideFinding:
                return ir.OutsideFinding(None, False, None, "nothing")

        case = ir.Case(BOSTON_RECEIPT, "BOS", form="N-400", received_on=D(2023, 2, 28))
        with pytest.raises(ir.MissingFact):
            ir.next_action(case, as_of=FETCHED, processing_times=Outside())  # type: ignore[arg-type]


class TestOMBCaseAssist:
    """OMB-CASE-ASSIST, CIS Ombudsman case assistance for a delayed case: ombudsman-case-assistance
    (60 and 90 days), ombudsman-web-alerts, ombudsman-faq, the 2025 suspension reports."""

    CONTACT = D(2025, 6, 2)  # after the suspension, the rule in force

    @pytest.mark.parametrize(
        ("days", "default", "on_last_day"),
        [
            (59, False, False),
            (60, False, True),
            (61, True, True),
            (90, True, True),
            (91, False, False),
        ],
    )
    def test_open_from_60_to_90_days_after_the_latest_contact(
        self, days: int, default: bool, on_last_day: bool
    ) -> None:
        history = [call(self.CONTACT, reference="SRMT-77")]
        as_of = self.CONTACT + timedelta(days=days)
        for policy, open_ in ((ir.DEFAULT_POLICY, default), (ON_LAST_DAY, on_last_day)):
            decision = ir.next_action(delay(), history, as_of=as_of, policy=policy)
            found = remedy(decision, "OMB-CASE-ASSIST")
            # Listed once open (the action is still the procedures' own).
            assert (found is not None) is open_
            assert decision.action is ir.Action.INQUIRE
            if found is not None:
                assert found.allowed
                assert "OMB-CASE-ASSIST" in decision.rule_ids
                assert "SRMT" in found.reason
                assert "reference SRMT-77" in found.reason

    @pytest.mark.parametrize(
        ("days", "earliest", "allowed"),
        [
            (59, D(2025, 8, 2), False),
            (61, D(2025, 8, 2), True),
            (90, D(2025, 8, 2), True),
            (91, None, False),  # lapsed: contact USCIS again first
        ],
    )
    def test_the_rule_itself_gives_its_earliest_day_and_its_lapse(
        self, days: int, earliest: date | None, allowed: bool
    ) -> None:
        found = ombudsman_case_assistance(
            (call(self.CONTACT),),
            (),
            D(2025, 1, 2),
            self.CONTACT + timedelta(days=days),
            BOOK,
            ir.DEFAULT_POLICY,
        )
        assert (found.earliest, found.allowed) == (earliest, allowed)
        if earliest is None:
            assert "contact USCIS again first" in found.reason

    @pytest.mark.parametrize(
        ("contact", "as_of", "earliest", "allowed"),
        [
            # window 2025-03-12..2025-04-10: open to the day before the suspension's start
            (D(2025, 1, 10), D(2025, 3, 20), D(2025, 3, 12), True),
            (D(2025, 1, 10), D(2025, 3, 21), None, False),  # suspended, and lapsed before it ends
            # window 2025-05-10..2025-06-08: open again the day after the suspension's end
            (D(2025, 3, 10), D(2025, 5, 22), D(2025, 5, 24), False),
            (D(2025, 3, 10), D(2025, 5, 23), D(2025, 5, 24), False),
            (D(2025, 3, 10), D(2025, 5, 24), D(2025, 5, 24), True),
        ],
    )
    def test_closed_during_the_2025_suspension(
        self, contact: date, as_of: date, earliest: date | None, allowed: bool
    ) -> None:
        found = ombudsman_case_assistance(
            (call(contact),), (), D(2024, 1, 2), as_of, BOOK, ir.DEFAULT_POLICY
        )
        assert (found.earliest, found.allowed) == (earliest, allowed)
        if contact == D(2025, 3, 10) and not allowed:
            assert "suspended from 2025-03-21 to 2025-05-23" in found.reason

    def test_the_suspension_is_dated_data_with_its_sources(self) -> None:
        values = BOOK.parameters["ombudsman.case_assistance_open"].values
        assert [(v.start, v.value, v.source_id) for v in values] == [
            (D(2025, 3, 1), True, "ombudsman-case-assistance"),
            (D(2025, 3, 21), False, "ombudsman-suspension-2025-public-citizen"),
            (D(2025, 5, 24), True, "ombudsman-suspension-2025-visaverge"),
        ]

    @pytest.mark.parametrize(
        ("as_of", "earliest", "allowed"),
        [
            (D(2025, 2, 28), D(2025, 3, 1), False),
            (D(2025, 3, 1), D(2025, 3, 1), True),
            (D(2025, 3, 2), D(2025, 3, 1), True),
        ],
    )
    def test_not_before_the_rule_s_own_date(
        self, as_of: date, earliest: date, allowed: bool
    ) -> None:
        found = ombudsman_case_assistance(
            (call(D(2024, 12, 15)),), (), D(2024, 1, 2), as_of, BOOK, ir.DEFAULT_POLICY
        )
        assert (found.earliest, found.allowed) == (earliest, allowed)

    @pytest.mark.parametrize(
        ("outside", "allowed"),
        [(D(2025, 8, 9), True), (D(2025, 8, 10), True), (D(2025, 8, 11), False)],
    )
    def test_only_once_pt_inquiry_holds(self, outside: date, allowed: bool) -> None:
        found = ombudsman_case_assistance(
            (call(self.CONTACT),), (), outside, D(2025, 8, 10), BOOK, ir.DEFAULT_POLICY
        )
        assert found.allowed is allowed
        assert found.earliest == max(outside, D(2025, 8, 2))

    def test_neither_a_letter_nor_a_request_beyond_uscis_is_a_contact_with_uscis(self) -> None:
        others = (
            ir.Inquiry(self.CONTACT, ir.Channel.MAIL),
            ir.Inquiry(self.CONTACT, ir.Channel.OMBUDSMAN),
            ir.Inquiry(self.CONTACT, ir.Channel.CONGRESS),
        )
        decision = ir.next_action(delay(), others, as_of=self.CONTACT + timedelta(days=70))
        assert remedy(decision, "OMB-CASE-ASSIST") is None
        found = ombudsman_case_assistance(
            tuple(others[:1]), (), D(2025, 1, 2), D(2025, 8, 10), BOOK, ir.DEFAULT_POLICY
        )
        assert (found.earliest, found.allowed) == (None, False)
        assert found.reason.startswith("contact USCIS first")

    def test_a_held_appointment_is_a_contact_with_uscis(self) -> None:
        held = ir.Appointment(self.CONTACT, "BOS", (BOSTON_RECEIPT,))
        decision = ir.next_action(delay(), [held], as_of=self.CONTACT + timedelta(days=70))
        found = remedy(decision, "OMB-CASE-ASSIST")
        assert found is not None
        assert found.allowed
        assert "(INFOPASS)" in found.reason

    @pytest.mark.parametrize(
        ("policy", "allowed", "earliest"),
        [
            (ir.DEFAULT_POLICY, False, D(2025, 9, 14)),  # the latest contact restarts the 60 days
            (ANY_CONTACT, True, D(2025, 8, 2)),  # the first contact's window will do
        ],
    )
    def test_the_latest_contact_or_any_contact(
        self, policy: ir.Policy, allowed: bool, earliest: date
    ) -> None:
        contacts = (call(self.CONTACT), call(D(2025, 7, 15)))
        found = ombudsman_case_assistance(contacts, (), D(2025, 1, 2), D(2025, 8, 5), BOOK, policy)
        assert (found.allowed, found.earliest) == (allowed, earliest)

    def test_any_contact_merges_overlapping_windows(self) -> None:
        contacts = (call(D(2025, 6, 2)), call(D(2025, 6, 20)))
        found = ombudsman_case_assistance(
            contacts, (), D(2025, 1, 2), D(2025, 9, 10), BOOK, ANY_CONTACT
        )
        # 2025-08-02..2025-08-31 and 2025-08-20..2025-09-18: one stretch from 2025-08-02
        assert (found.allowed, found.earliest) == (True, D(2025, 8, 2))
        assert "lapses after 2025-09-18" in found.reason

    def test_a_request_already_made_is_said(self) -> None:
        made = ir.Inquiry(D(2025, 8, 5), ir.Channel.OMBUDSMAN, reference="OMB-1")
        found = ombudsman_case_assistance(
            (call(self.CONTACT),), (made,), D(2025, 1, 2), D(2025, 8, 10), BOOK, ir.DEFAULT_POLICY
        )
        assert found.allowed
        assert "a request was already made on 2025-08-05" in found.reason

    def test_not_a_delay_it_is_listed_only_on_exhausted_with_no_day(self) -> None:
        found = ombudsman_case_assistance((), (), None, D(2025, 8, 10), BOOK, ir.DEFAULT_POLICY)
        assert (found.earliest, found.allowed) == (None, False)
        assert "not a delay" in found.reason

    def test_on_exhausted_every_remedy_is_listed_with_its_earliest_date(self) -> None:
        history = (
            *three_steps(D(2025, 5, 26)),
            infopass(D(2025, 9, 1), level=ir.Level.FIELD_OFFICE_DIRECTOR),
        )
        decision = ir.next_action(delay("MIA"), history, as_of=D(2025, 9, 2))
        assert decision.action is ir.Action.EXHAUSTED
        ombudsman = remedy(decision, "OMB-CASE-ASSIST")
        assert ombudsman is not None
        # The FOD's appointment of 2025-09-01 is the latest contact: open from 61 days after.
        assert (ombudsman.earliest, ombudsman.allowed) == (D(2025, 11, 1), False)
        assert [e.rule_id for e in decision.trace][-2:] == ["OMB-CASE-ASSIST", "CONG-INQUIRY"]
        assert {"OMB-CASE-ASSIST", "CONG-INQUIRY"} <= set(decision.rule_ids)
        assert "OMB-CASE-ASSIST: CIS Ombudsman case-assistance request, not open before " in (
            decision.explain()
        )


class TestCONGInquiry:
    """CONG-INQUIRY, A congressional inquiry, with the applicant's privacy release:
    congress-privacy-release-2018."""

    @pytest.mark.parametrize(
        ("as_of", "allowed"),
        [(D(2018, 2, 14), False), (D(2018, 2, 15), True), (D(2018, 2, 16), True)],
    )
    def test_from_february_15_2018(self, as_of: date, allowed: bool) -> None:
        found = congressional_inquiry(None, (), None, as_of, BOOK, ir.DEFAULT_POLICY)
        assert (found.earliest, found.allowed) == (D(2018, 2, 15), allowed)
        assert "privacy release" in found.reason
        assert "notarized or under penalty of perjury" in found.reason
        assert "naming that congressional office alone" in found.reason

    @pytest.mark.parametrize(
        ("days", "default", "on_last_day"),
        [(29, False, False), (30, False, True), (31, True, True)],
    )
    def test_a_follow_up_30_days_after_the_previous_closed(
        self, days: int, default: bool, on_last_day: bool
    ) -> None:
        closed = ir.Inquiry(D(2024, 3, 1), ir.Channel.CONGRESS, reference="CONG-9")
        as_of = closed.on + timedelta(days=days)
        for policy, open_ in ((ir.DEFAULT_POLICY, default), (ON_LAST_DAY, on_last_day)):
            case = delay(outside=D(2023, 1, 2))
            decision = ir.next_action(case, [closed], as_of=as_of, policy=policy)
            found = remedy(decision, "CONG-INQUIRY")
            assert (found is not None) is open_
            direct = congressional_inquiry(None, (closed,), None, as_of, BOOK, policy)
            assert direct.allowed is open_
            assert "newly signed release" in direct.reason
            assert "reference CONG-9" in direct.reason

    @pytest.mark.parametrize(("as_of", "listed"), [(D(2024, 1, 1), False), (D(2024, 1, 2), True)])
    def test_about_a_delay_once_the_case_is_outside(self, as_of: date, listed: bool) -> None:
        decision = ir.next_action(delay(outside=D(2024, 1, 2)), as_of=as_of)
        found = remedy(decision, "CONG-INQUIRY")
        assert (found is not None) is listed
        assert ("CONG-INQUIRY" in decision.rule_ids) is listed
        if found is not None:
            assert (found.earliest, found.allowed) == (D(2024, 1, 2), True)
            assert any(e.rule_id == "CONG-INQUIRY" for e in decision.trace)

    def test_not_listed_beside_an_appointment_issue_until_exhausted(self) -> None:
        case = ir.Case(BOSTON_RECEIPT, "BOS", issue=ir.Issue.PROOF_OF_STATUS)
        assert ir.next_action(case, as_of=D(2024, 1, 2)).remedies == ()

    def test_a_received_case_is_open_from_its_receipt(self) -> None:
        found = congressional_inquiry(
            D(2019, 1, 2), (), None, D(2019, 1, 1), BOOK, ir.DEFAULT_POLICY
        )
        assert (found.earliest, found.allowed) == (D(2019, 1, 2), False)


class TestRequestsBeyondUSCIS:
    """Channel.OMBUDSMAN and Channel.CONGRESS in a history: requests made, never an inquiry to
    USCIS, never a ladder step (MIA-COUNT), never the Contact Center's route."""

    @pytest.mark.parametrize("channel", [ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS])
    def test_never_a_ladder_step(self, channel: ir.Channel) -> None:
        case = delay("MIA", D(2015, 1, 5))
        request = ir.Inquiry(D(2015, 1, 10), channel, level=ir.Level.FIELD_OFFICE_DIRECTOR)
        decision = ir.next_action(case, [request], as_of=D(2015, 2, 1))
        assert (decision.action, decision.step, decision.ladder_steps) == (
            ir.Action.INQUIRE,
            1,
            (),
        )
        assert not decision.warnings_of(ir.WarningKind.PREMATURE)

    @pytest.mark.parametrize("channel", [ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS])
    def test_never_the_contact_center_s_route(self, channel: ir.Channel) -> None:
        case = delay("BOS", D(2020, 1, 2))
        reached = ir.Inquiry(
            D(2020, 3, 9), channel, ir.Outcome.TIER_2_REFERRAL, level=ir.Level.TIER_2_SUPERVISOR
        )
        decision = ir.next_action(case, [reached], as_of=D(2020, 3, 10))
        assert decision.action is ir.Action.INQUIRE
        assert decision.level is None

    def test_never_the_normal_channels_of_a_pressing_issue(self) -> None:
        case = delay("MIA", D(2015, 1, 5), pressing=True)
        asked = ir.Inquiry(D(2015, 1, 10), ir.Channel.OMBUDSMAN, level=ir.Level.SUPERVISOR)
        decision = ir.next_action(case, [asked], as_of=D(2015, 2, 1))
        assert decision.action is ir.Action.INQUIRE

    @pytest.mark.parametrize("channel", [ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS])
    def test_one_that_resolved_the_case_resolves_it(self, channel: ir.Channel) -> None:
        done = ir.Inquiry(D(2020, 3, 9), channel, ir.Outcome.RESOLVED)
        decision = ir.next_action(delay("BOS", D(2020, 1, 2)), [done], as_of=D(2020, 3, 10))
        assert decision.action is ir.Action.NONE
        assert decision.remedies == ()

    def test_a_request_recorded_twice_is_one_request(self) -> None:
        closed = ir.Inquiry(D(2024, 3, 1), ir.Channel.CONGRESS, reference="CONG-9")
        once = ir.next_action(delay(), [closed], as_of=D(2024, 4, 1))
        twice = ir.next_action(delay(), [closed, closed], as_of=D(2024, 4, 1))
        assert once.remedies == twice.remedies
        assert twice.warnings_of(ir.WarningKind.DUPLICATE)

    def test_the_channels_say_what_they_are(self) -> None:
        assert ir.Channel.OMBUDSMAN.words == "CIS Ombudsman"
        assert ir.Channel.CONGRESS.words == "congressional"

    @pytest.mark.parametrize("channel", [ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS])
    def test_the_counting_rule_itself_never_counts_them(self, channel: ir.Channel) -> None:
        # MIA-COUNT, asked directly (the engine keeps these requests apart before the ladder).
        from infopass_rules.rules.districts.ladder import NotAStep, channel_count, counts_as_step
        from infopass_rules.rules.districts.miami.ladder import MIAMI
        from infopass_rules.rules.reasoning import Reasoning

        request = ir.Inquiry(D(2015, 1, 10), channel)
        reason, period, rule = channel_count(MIAMI, request, BOOK)
        assert (reason, rule) == (NotAStep.NOT_TO_USCIS, "MIA-COUNT")
        assert period is not None
        why = Reasoning(ir.DEFAULT_POLICY, BOOK)
        assert not counts_as_step(MIAMI, request, why)
        assert why.trace[-1].rule_id == "MIA-COUNT"
        assert why.trace[-1].finding == (
            f"the {channel.words} request of 2015-01-10 is no inquiry to USCIS: never a step"
        )
        assert "MIA-COUNT" not in why.cited


class TestPTInquiryFinding:
    """PT-INQUIRY's finding outside a district: from when the inquiry may be made, and, on a day
    before its page's date (2022-05-01), that the practice was in place before (as RG-SELF)."""

    @pytest.mark.parametrize(
        ("as_of", "before"),
        [(D(2022, 4, 30), True), (D(2022, 5, 1), False), (D(2022, 5, 2), False)],
    )
    def test_the_day_of_the_page(self, as_of: date, before: bool) -> None:
        decision = ir.next_action(delay(outside=D(2021, 6, 3)), as_of=as_of)
        (entry,) = [e for e in decision.trace if e.rule_id == "PT-INQUIRY"]
        text = (
            "outside normal processing times from 2021-06-03 (date given on the case): an "
            "inquiry may be made from then"
        )
        if before:
            text += (
                " (the source describing the practice is dated 2022-05-01; it was in place before)"
            )
        assert entry.finding == text


class TestRemediesTraced:
    """OMB-CASE-ASSIST and CONG-INQUIRY as a decision traces them: open or not, on the day."""

    def test_on_exhausted_a_remedy_not_open_is_traced_as_such(self) -> None:
        history = (
            *three_steps(D(2015, 1, 10)),
            infopass(D(2015, 5, 1), level=ir.Level.FIELD_OFFICE_DIRECTOR),
        )
        decision = ir.next_action(delay("MIA", D(2015, 1, 5)), history, as_of=D(2015, 6, 1))
        congress = [e.finding for e in decision.trace if e.rule_id == "CONG-INQUIRY"]
        assert congress == [
            "Congressional inquiry not open on 2015-06-01: a first congressional inquiry, "
            "through the applicant's member of Congress, open from 2018-02-15 (about the delay: "
            "the case is outside normal processing times from 2015-01-05, PT-INQUIRY): it needs "
            "the applicant's privacy release, signed by hand and notarized or under penalty of "
            "perjury (no digital signature), naming that congressional office alone as "
            "recipient, with a certified translation of any text not in English"
        ]
        (ombudsman,) = [e.finding for e in decision.trace if e.rule_id == "OMB-CASE-ASSIST"]
        assert ombudsman.startswith(
            "CIS Ombudsman case-assistance request not open on 2015-06-01: "
        )

    def test_open_is_traced_as_open(self) -> None:
        decision = ir.next_action(delay(outside=D(2024, 1, 2)), as_of=D(2024, 2, 1))
        (entry,) = [e.finding for e in decision.trace if e.rule_id == "CONG-INQUIRY"]
        assert entry.startswith("Congressional inquiry open on 2024-02-01: a first congressional")

    def test_a_case_received_after_the_rule_is_open_from_its_receipt(self) -> None:
        # Not a delay: the congressional inquiry is listed on EXHAUSTED, open from the receipt.
        case = ir.Case(
            BOSTON_RECEIPT, "BOS", issue=ir.Issue.PROOF_OF_STATUS, received_on=D(2019, 6, 3)
        )
        reached = ir.Inquiry(
            D(2020, 5, 8), ir.Channel.CONTACT_CENTER, level=ir.Level.TIER_2_SUPERVISOR
        )
        decision = ir.next_action(case, [reached], as_of=D(2020, 5, 9))
        assert decision.action is ir.Action.EXHAUSTED
        found = remedy(decision, "CONG-INQUIRY")
        assert found is not None
        assert (found.earliest, found.allowed) == (D(2019, 6, 3), True)


def omb(
    contacts: tuple[ir.Inquiry, ...],
    outside: date | None,
    as_of: date,
    policy: ir.Policy = ir.DEFAULT_POLICY,
    requests: tuple[ir.Inquiry, ...] = (),
) -> ir.Remedy:
    found = ombudsman_case_assistance(contacts, requests, outside, as_of, BOOK, policy)
    assert (found.rule_id, found.name) == (
        "OMB-CASE-ASSIST",
        "CIS Ombudsman case-assistance request",
    )
    return found


AGAIN = (
    "; contact USCIS again first (an inquiry in person, by phone or online, not by mail): the "
    "request opens once USCIS has had 60 days after that contact"
)


class TestOMBCaseAssistInWords:
    """OMB-CASE-ASSIST's reasons, word for word: what opens the request, or what it waits for."""

    def test_not_a_delay(self) -> None:
        assert omb((), None, D(2025, 8, 10)).reason == (
            "the Ombudsman's conditions encoded here are for a delayed case (PT-INQUIRY); this "
            "case's issue is not a delay"
        )

    def test_no_contact(self) -> None:
        assert omb((), OUTSIDE_2025, D(2025, 8, 10)).reason == (
            "contact USCIS first (an inquiry in person, by phone or online, not by mail): the "
            "Ombudsman takes the request from 60 to 90 days after that contact"
        )

    def test_open(self) -> None:
        found = omb((call(D(2025, 6, 2), reference="SRMT-77"),), OUTSIDE_2025, D(2025, 8, 10))
        assert found.reason == (
            "the case is outside normal processing times (from 2025-01-02) and USCIS was "
            "contacted on 2025-06-02 (Contact Center, reference SRMT-77), 69 days before; it "
            "lapses after 2025-08-31 (then contact USCIS again first); give the Ombudsman that "
            "contact's service-request (SRMT) number as proof"
        )

    @pytest.mark.parametrize(
        ("contact", "outside", "as_of", "because"),
        [
            (D(2025, 6, 2), OUTSIDE_2025, D(2025, 7, 1), "it opens on 2025-08-02 and lapses "
             "after 2025-08-31: USCIS is given at least 60 days after the contact on 2025-06-02 "
             "(Contact Center)"),
            (D(2025, 6, 2), D(2025, 8, 20), D(2025, 8, 10), "it opens on 2025-08-20 and lapses "
             "after 2025-08-31: the case is outside normal processing times from 2025-08-20"),
            (D(2024, 12, 15), D(2024, 1, 2), D(2025, 2, 28), "it opens on 2025-03-01 and lapses "
             "after 2025-03-15: the Ombudsman's 60/90-day rule encoded here applies from "
             "2025-03-01"),
            (D(2025, 3, 10), D(2024, 1, 2), D(2025, 5, 1), "it opens on 2025-05-24 and lapses "
             "after 2025-06-08: the Ombudsman's case assistance was suspended from 2025-03-21 to "
             "2025-05-23"),
        ],
    )  # fmt: skip
    def test_not_yet_open(self, contact: date, outside: date, as_of: date, because: str) -> None:
        assert omb((call(contact),), outside, as_of).reason == because

    def test_a_single_open_day(self) -> None:
        # The case is outside only on the contact's 90th day: that one day is open.
        found = omb((call(D(2025, 6, 2)),), D(2025, 8, 31), D(2025, 8, 31))
        assert (found.earliest, found.allowed) == (D(2025, 8, 31), True)

    @pytest.mark.parametrize(
        ("contact", "outside", "as_of", "why"),
        [
            # the window ended before the rule's day
            (D(2013, 9, 25), D(2013, 6, 1), D(2013, 10, 1), "no day from 60 to 90 days after "
             "the latest contact with USCIS, on 2013-09-25 (INFOPASS), is open: the rule "
             "encoded here applies from 2025-03-01"),
            # lapsed, nothing else in the way
            (D(2025, 4, 1), OUTSIDE_2025, D(2025, 7, 15), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2025-04-01 (INFOPASS), is open: that was more than "
             "90 days before 2025-07-15"),
            # a window that ended on the suspension's first day, its open days passed
            (D(2024, 12, 21), OUTSIDE_2025, D(2025, 3, 25), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2024-12-21 (INFOPASS), is open: the Ombudsman's "
             "case assistance was suspended from 2025-03-21 to 2025-05-23"),
            # the suspension and the case outside only after the window: both said
            (D(2025, 1, 1), D(2025, 4, 5), D(2025, 4, 10), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2025-01-01 (INFOPASS), is open: the Ombudsman's "
             "case assistance was suspended from 2025-03-21 to 2025-05-23; the case is outside "
             "normal processing times only from 2025-04-05"),
            # outside on the window's last day, a day of the suspension: only the suspension
            (D(2025, 1, 1), D(2025, 4, 1), D(2025, 4, 10), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2025-01-01 (INFOPASS), is open: the Ombudsman's "
             "case assistance was suspended from 2025-03-21 to 2025-05-23"),
            # outside after a window that ends on the rule's day: not the rule's day
            (D(2024, 12, 1), D(2025, 3, 5), D(2025, 3, 10), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2024-12-01 (INFOPASS), is open: the case is outside "
             "normal processing times only from 2025-03-05"),
            # a contact on the suspension's last day: its window is after the suspension
            (D(2025, 5, 23), OUTSIDE_2025, D(2025, 9, 1), "no day from 60 to 90 days after the "
             "latest contact with USCIS, on 2025-05-23 (INFOPASS), is open: that was more than "
             "90 days before 2025-09-01"),
        ],
    )  # fmt: skip
    def test_none_open(self, contact: date, outside: date, as_of: date, why: str) -> None:
        found = omb((infopass(contact),), outside, as_of)
        assert (found.earliest, found.allowed) == (None, False)
        assert found.reason == why + AGAIN

    @pytest.mark.parametrize(
        ("policy", "why"),
        [
            # the window's first day counted as its stretches are: 2025-03-24 + 61 = 2025-05-24,
            # the day after the suspension: every day of the window was open, and has passed
            (ir.DEFAULT_POLICY, "that was more than 90 days before 2025-07-01"),
            # read as D + N, the window opens on 2025-05-23, the suspension's last day
            (
                ir.Policy(day_count=ir.DayCount.ON_LAST_DAY),
                "the Ombudsman's case assistance was suspended from 2025-03-21 to 2025-05-23",
            ),
        ],
    )
    def test_why_none_is_open_counts_the_window_s_first_day_by_the_policy(
        self, policy: ir.Policy, why: str
    ) -> None:
        found = omb((call(D(2025, 3, 24)),), OUTSIDE_2025, D(2025, 7, 1), policy)
        assert (found.earliest, found.allowed) == (None, False)
        assert found.reason == (
            "no day from 60 to 90 days after the latest contact with USCIS, on 2025-03-24 "
            f"(Contact Center), is open: {why}" + AGAIN
        )

    def test_a_window_starting_on_the_suspension_s_first_day_is_closed(self) -> None:
        # 2025-01-19 + 61 days = 2025-03-21: every day of the window is suspended.
        found = omb((call(D(2025, 1, 19)),), OUTSIDE_2025, D(2025, 3, 15))
        assert (found.earliest, found.allowed) == (None, False)

    def test_a_window_ending_on_the_suspension_s_last_day_is_closed(self) -> None:
        # 2025-02-22 + 90 days = 2025-05-23, the suspension's last day.
        found = omb((call(D(2025, 2, 22)),), OUTSIDE_2025, D(2025, 3, 1))
        assert (found.earliest, found.allowed) == (None, False)

    def test_touching_windows_are_one_stretch(self) -> None:
        # 2025-06-02's window ends on 2025-08-31, 2025-07-02's starts on 2025-09-01.
        contacts = (call(D(2025, 6, 2)), call(D(2025, 7, 2)))
        found = omb(contacts, OUTSIDE_2025, D(2025, 9, 10), ANY_CONTACT)
        assert (found.earliest, found.allowed) == (D(2025, 8, 2), True)
        assert "contacted on 2025-07-02 (Contact Center), 70 days before" in found.reason

    def test_of_windows_cut_on_one_day_the_latest_contact_is_named(self) -> None:
        # Both windows end on 2025-03-20, the day before the suspension.
        contacts = (call(D(2025, 1, 10)), call(D(2025, 1, 15)))
        found = omb(contacts, OUTSIDE_2025, D(2025, 3, 20), ANY_CONTACT)
        assert (found.earliest, found.allowed) == (D(2025, 3, 12), True)
        assert "contacted on 2025-01-15 (Contact Center), 64 days before" in found.reason

    def test_a_request_already_made_is_said_at_the_end(self) -> None:
        made = (ir.Inquiry(D(2025, 8, 5), ir.Channel.OMBUDSMAN, reference="OMB-1"),)
        found = omb((call(D(2025, 6, 2)),), OUTSIDE_2025, D(2025, 8, 10), requests=made)
        assert found.reason.endswith("number as proof; a request was already made on 2025-08-05")
        assert omb((call(D(2025, 6, 2)),), OUTSIDE_2025, D(2025, 8, 10)).reason.endswith(
            "number as proof"
        )


class TestCONGInquiryInWords:
    """CONG-INQUIRY's reasons, word for word."""

    RELEASE = (
        "the applicant's privacy release, signed by hand and notarized or under penalty of "
        "perjury (no digital signature), naming that congressional office alone as recipient, "
        "with a certified translation of any text not in English"
    )

    def test_a_first_inquiry_not_about_a_delay(self) -> None:
        found = congressional_inquiry(None, (), None, D(2018, 3, 1), BOOK, ir.DEFAULT_POLICY)
        assert (found.rule_id, found.name) == ("CONG-INQUIRY", "Congressional inquiry")
        assert found.reason == (
            "a first congressional inquiry, through the applicant's member of Congress, open "
            f"since 2018-02-15: it needs {self.RELEASE}"
        )

    @pytest.mark.parametrize(
        ("previous", "said"),
        [
            (ir.Inquiry(D(2024, 3, 1), ir.Channel.CONGRESS), "on 2024-03-01"),
            (
                ir.Inquiry(D(2024, 3, 1), ir.Channel.CONGRESS, reference="C-9"),
                "on 2024-03-01 (reference C-9)",
            ),
        ],
    )
    def test_a_follow_up_on_its_first_day(self, previous: ir.Inquiry, said: str) -> None:
        found = congressional_inquiry(
            None, (previous,), D(2023, 1, 2), D(2024, 4, 1), BOOK, ir.DEFAULT_POLICY
        )
        assert (found.rule_id, found.name, found.earliest) == (
            "CONG-INQUIRY",
            "Congressional inquiry",
            D(2024, 4, 1),
        )
        assert found.reason == (
            f"a follow-up: the previous congressional inquiry is recorded {said}, the day it "
            "closed; a follow-up is open 30 days after that (once the whole wait has passed; "
            "Policy.day_count AFTER_PERIOD), open since 2024-04-01, and needs a newly signed "
            f"release: {self.RELEASE}"
        )

    def test_a_follow_up_before_the_rule_s_day(self) -> None:
        early = ir.Inquiry(D(2018, 1, 2), ir.Channel.CONGRESS)
        found = congressional_inquiry(None, (early,), None, D(2018, 2, 1), BOOK, ir.DEFAULT_POLICY)
        assert (found.earliest, found.allowed) == (D(2018, 2, 15), False)
        assert "a follow-up is open 30 days after that" in found.reason


class TestClosedSpans:
    """The dated availability read as closed spans (ombudsman.case_assistance_open)."""

    def test_the_shipped_suspension(self) -> None:
        from infopass_rules.rules.remedies import _closed_spans

        values = BOOK.parameters["ombudsman.case_assistance_open"].values
        assert _closed_spans(values) == ((D(2025, 3, 21), D(2025, 5, 23)),)

    def test_a_closure_with_no_reopening_runs_to_the_last_date(self) -> None:
        from infopass_rules.rules.remedies import _closed_spans
        from infopass_rules.sources.rulebook import ValuePeriod

        values = (
            ValuePeriod(D(2025, 3, 1), True, "ombudsman-case-assistance"),
            ValuePeriod(D(2026, 1, 1), False, "ombudsman-case-assistance"),
        )
        assert _closed_spans(values) == ((D(2026, 1, 1), date.max),)
        assert _closed_spans(values[1:]) == ((D(2026, 1, 1), date.max),)
