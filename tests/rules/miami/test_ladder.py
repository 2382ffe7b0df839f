"""The Miami ladder (MIA-*), rule by rule, at its boundaries: the day before, of and after."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.rules.districts.ladder import climb_ladder
from infopass_rules.rules.districts.miami.ladder import MIAMI
from infopass_rules.rules.eligibility import Eligibility
from infopass_rules.rules.policy import FodAfterThird, Premature
from infopass_rules.rules.reasoning import Reasoning
from tests.helpers import (
    MIAMI_RECEIPT,
    OUTSIDE,
    D,
    decide,
    infopass,
    miami,
    texts,
    three_steps,
    trace,
)

DAY = timedelta(days=1)


SUPERVISOR_FINDING = (
    "MIA-SUPERVISOR",
    "at an INFOPASS appointment not properly resolved, the attorney may ask to speak to a "
    "Supervisor",
)


SUPERVISOR_NOTE = (
    "If the inquiry is not properly resolved at the appointment, ask to speak to a Supervisor."
)


SELF_2015 = (
    "RG-SELF",
    "MIA self-schedules InfoPass appointments online on {} (the source describing it is dated "
    "2017-05-20; self-scheduling was in place before it)",
)


FOD = ir.Level.FIELD_OFFICE_DIRECTOR


NCSC_NOTE = (
    "By phone: call the National Customer Service Center at 1-800-375-5283; the representative "
    "will ask for the name, date of birth and receipt number."
)


TIPS_NOTE = (
    "Be clear and concise; have the receipt number, the filing date and the relevant details "
    "at hand."
)

ALL_COUNTED = frozenset({ir.Channel.INFOPASS, ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST})


def self_regime(on: date) -> tuple[str, str]:
    return (SELF_2015[0], SELF_2015[1].format(on.isoformat()))


LATER_SOURCES_2015 = (
    "Sources dated after {} are cited (contact-center-2019, infopass-guide-2017): they describe "
    "the procedure as reported later, the best evidence of it on that date."
)


class TestMIAEligible:
    """MIA-ELIGIBLE, First inquiry once outside normal processing times: miami-2012-05-22,
    procedures, first bullet."""

    @pytest.mark.parametrize(
        ("as_of", "allowed"),
        [
            (OUTSIDE - DAY, False),
            (OUTSIDE, True),
            (OUTSIDE + DAY, True),
        ],
    )
    def test_first_step_allowed_from_the_day_outside_processing_times(
        self, as_of: date, allowed: bool
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
    def test_ladder_applies_from_its_effective_date(self, as_of: date, ladder: bool) -> None:
        case = miami(outside_processing_times_on=D(2012, 1, 2))
        decision = decide(case, as_of=as_of)
        assert decision.action is ir.Action.INQUIRE
        assert (decision.step == 1) is ladder
        assert ("MIA-ELIGIBLE" in decision.rule_ids) is ladder

    @pytest.mark.parametrize("office", ["MIA", "HIA", "KND", "OKL"])
    def test_every_district_office_follows_the_ladder(self, office: str) -> None:
        case = ir.Case(MIAMI_RECEIPT, office, outside_processing_times_on=OUTSIDE)
        assert decide(case, as_of=OUTSIDE).step == 1

    @pytest.mark.parametrize("office", ["WPB", "ORL", "SAJ", "BOS"])
    def test_offices_outside_the_district_get_no_ladder_step(self, office: str) -> None:
        case = ir.Case(MIAMI_RECEIPT, office, outside_processing_times_on=OUTSIDE)
        decision = decide(case, (infopass(OUTSIDE + DAY),), as_of=OUTSIDE + 2 * DAY)
        assert decision.action is ir.Action.INQUIRE
        assert decision.step is None
        assert decision.earliest == OUTSIDE
        assert not any(r.startswith("MIA-") for r in decision.rule_ids)

    def test_inquiry_before_eligibility_is_premature_and_not_a_step(self) -> None:
        decision = decide(miami(), (infopass(OUTSIDE - DAY),), as_of=OUTSIDE + DAY)
        assert decision.step == 1
        assert decision.earliest == OUTSIDE
        assert any("MIA-ELIGIBLE" in w and "premature" in w for w in texts(decision.warnings))

    def test_premature_booked_appointment_is_flagged(self) -> None:
        booked = ir.Appointment(D(2015, 2, 2), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 1, 20))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert any("rescheduling" in w for w in texts(decision.warnings))

    @pytest.mark.parametrize(
        "policy", [ir.DEFAULT_POLICY, ir.Policy(premature=Premature.RESTARTS_CLOCK)]
    )
    def test_premature_first_inquiry_never_restarts_a_clock(self, policy: ir.Policy) -> None:
        decision = decide(miami(), (infopass(D(2015, 1, 2)),), as_of=D(2015, 1, 3), policy=policy)
        assert (decision.step, decision.earliest, decision.allowed) == (1, OUTSIDE, False)
        assert texts(decision.warnings)[0] == (
            "MIA-ELIGIBLE: the INFOPASS inquiry of 2015-01-02 was premature (step 1 is allowed "
            "once "
            "the case is outside normal processing times); it is not a step"
        )
        assert trace(decision)[1:3] == [
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2015-01-05 (date given on the case)",
            ),
            ("MIA-ELIGIBLE", "premature inquiry of 2015-01-02: not step 1"),
        ]

    def test_inquiry_on_the_day_the_case_is_outside_is_step_1(self) -> None:
        decision = decide(miami(), (infopass(OUTSIDE),), as_of=OUTSIDE)
        assert decision.ladder_steps == (OUTSIDE,)
        assert (decision.step, decision.earliest) == (2, OUTSIDE + timedelta(days=61))
        assert not any("premature" in w for w in texts(decision.warnings))

    def test_first_appointment_is_step_1(self) -> None:
        booked = ir.Appointment(D(2015, 1, 20), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (booked,), as_of=D(2015, 1, 12))
        assert trace(decision)[2] == (
            "MIA-ELIGIBLE",
            "the appointment of 2015-01-20 will be step 1",
        )
        assert decision.notes[0] == "The appointment of 2015-01-20 is ladder step 1 of 3."


class TestMIASecond:
    """MIA-SECOND, Second inquiry after 60 days: miami-2012-05-22, procedures, second bullet
    (60 days)."""

    @pytest.mark.parametrize(
        ("day_count", "second", "third"),
        [
            (ir.DayCount.AFTER_PERIOD, 61, 31),
            (ir.DayCount.ON_LAST_DAY, 60, 30),
        ],
    )
    def test_waits_between_steps(self, day_count: ir.DayCount, second: int, third: int) -> None:
        policy = ir.Policy(day_count=day_count)
        first = D(2015, 1, 10)
        decision = decide(miami(), (infopass(first),), as_of=first, policy=policy)
        assert (decision.step, decision.earliest) == (2, first + timedelta(days=second))
        step2 = first + timedelta(days=second)
        decision = decide(miami(), (infopass(first), infopass(step2)), as_of=step2, policy=policy)
        assert (decision.step, decision.earliest) == (3, step2 + timedelta(days=third))

    @pytest.mark.parametrize(("offset", "counts"), [(60, False), (61, True), (62, True)])
    def test_second_inquiry_counts_only_after_sixty_days(self, offset: int, counts: bool) -> None:
        first = D(2015, 1, 10)
        second = first + timedelta(days=offset)
        decision = decide(miami(), (infopass(first), infopass(second)), as_of=second)
        assert decision.step == (3 if counts else 2)
        premature = [w for w in texts(decision.warnings) if "premature" in w]
        assert bool(premature) is not counts
        if not counts:
            assert premature[0].startswith("MIA-SECOND")
            # IGNORE (default): a premature inquiry does not restart the clock.
            assert decision.earliest == first + timedelta(days=61)

    def test_premature_inquiry_restarts_the_clock_under_that_policy(self) -> None:
        first, early = D(2015, 1, 10), D(2015, 2, 1)
        policy = ir.Policy(premature=Premature.RESTARTS_CLOCK)
        decision = decide(miami(), (infopass(first), infopass(early)), as_of=early, policy=policy)
        assert decision.step == 2
        assert decision.earliest == early + timedelta(days=61)
        default = decide(miami(), (infopass(first), infopass(early)), as_of=early)
        assert default.earliest == first + timedelta(days=61)

    def test_appointment_on_the_day_step_2_is_allowed_will_be_step_2(self) -> None:
        booked = ir.Appointment(D(2015, 3, 12), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 3, 1))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert (decision.earliest, decision.step) == (D(2015, 3, 12), None)
        assert decision.channels == {ir.Channel.INFOPASS}
        assert trace(decision)[4] == ("MIA-SECOND", "the appointment of 2015-03-12 will be step 2")
        assert decision.notes == (
            "The appointment of 2015-03-12 is ladder step 2 of 3.",
            "Attend the appointment of 2015-03-12 at Miami FL.",
            SUPERVISOR_NOTE,
        )
        assert not any("rescheduling" in w for w in texts(decision.warnings))

    def test_appointment_the_day_before_step_2_is_allowed_is_flagged(self) -> None:
        booked = ir.Appointment(D(2015, 3, 11), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 3, 1))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert decision.channels == {ir.Channel.INFOPASS}
        assert trace(decision)[4] == (
            "MIA-SECOND",
            "appointment of 2015-03-11 booked before step 2 is allowed",
        )
        assert texts(decision.warnings)[0] == (
            "MIA-SECOND: the appointment of 2015-03-11 is before step 2 is allowed (from "
            "2015-03-12); it will not count as a step: consider rescheduling it"
        )
        assert decision.notes == (
            "Attend the appointment of 2015-03-11 at Miami FL.",
            SUPERVISOR_NOTE,
        )


class TestMIAThird:
    """MIA-THIRD, Third inquiry after 30 more days; referral to the FOD: miami-2012-05-22,
    procedures, third bullet (30 days; referral to the FOD on the attorney's complaint)."""

    @pytest.mark.parametrize(("offset", "counts"), [(30, False), (31, True), (32, True)])
    def test_third_inquiry_counts_only_after_thirty_more_days(
        self, offset: int, counts: bool
    ) -> None:
        first, second = D(2015, 1, 10), D(2015, 3, 12)
        third = second + timedelta(days=offset)
        decision = decide(
            miami(), (infopass(first), infopass(second), infopass(third)), as_of=third
        )
        if counts:
            assert decision.action is ir.Action.ESCALATE
            assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
            assert decision.earliest == third
        else:
            assert (decision.action, decision.step) == (ir.Action.INQUIRE, 3)
            assert any(w.startswith("MIA-THIRD") for w in texts(decision.warnings))

    def test_cites_the_referral_on_the_attorneys_complaint(self) -> None:
        # The rule book's reading: the 2012 referral to the FOD on the AILA attorney's complaint is
        # MIA-THIRD's passage, cited there (and not under MIA-FOD-LADDER).
        history = three_steps(D(2015, 1, 10))
        decision = decide(miami(), history, as_of=history[-1].on + DAY)
        excerpts = [c.excerpt for c in decision.citations if c.rule_id == "MIA-THIRD"]
        assert any(
            e is not None and "by the AILA attorney submitting a complaint" in e for e in excerpts
        )
        assert {c.source_id for c in decision.citations if c.rule_id == "MIA-THIRD"} == {
            "miami-2012-05-22"
        }

    def test_premature_third_inquiry_restarts_the_clock_under_that_policy(self) -> None:
        history = (infopass(D(2015, 1, 10)), infopass(D(2015, 3, 12)), infopass(D(2015, 3, 20)))
        policy = ir.Policy(premature=Premature.RESTARTS_CLOCK)
        decision = decide(miami(), history, as_of=D(2015, 3, 21), policy=policy)
        assert (decision.step, decision.earliest) == (3, D(2015, 4, 20))
        assert decision.ladder_steps == (D(2015, 1, 10), D(2015, 3, 12))
        assert texts(decision.warnings)[0] == (
            "MIA-THIRD: the INFOPASS inquiry of 2015-03-20 was premature (step 3 is allowed from "
            "2015-04-12); it is not a step"
        )
        assert trace(decision)[6:9] == [
            ("MIA-THIRD", "premature inquiry of 2015-03-20: not step 3"),
            (
                "MIA-THIRD",
                "the wait runs again from 2015-03-20, to 2015-04-20 (a premature inquiry starts "
                "the wait again; Policy.premature RESTARTS_CLOCK)",
            ),
            SUPERVISOR_FINDING,
        ]


class TestMIACount:
    """MIA-COUNT, Every inquiry to USCIS counts as a step: miami-2013-03-14, paragraph after
    the 2012 procedures."""

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
        self, on: date, counts: bool, channel: ir.Channel
    ) -> None:
        case = miami(outside_processing_times_on=D(2013, 1, 2))
        decision = decide(case, (ir.Inquiry(on, channel),), as_of=on)
        assert decision.step == (2 if counts else 1)
        assert ("MIA-COUNT" in decision.rule_ids) is True  # cited either way: it says why

    @pytest.mark.parametrize(
        ("on", "channel", "reason"),
        [
            (D(2012, 5, 21), ir.Channel.INFOPASS, "BEFORE_LADDER"),
            (D(2012, 5, 22), ir.Channel.INFOPASS, None),
            (D(2013, 3, 13), ir.Channel.CONTACT_CENTER, "CHANNEL_NOT_COUNTED"),
            (D(2013, 3, 14), ir.Channel.CONTACT_CENTER, None),
            (D(2013, 3, 14), ir.Channel.MAIL, "LETTER"),
            (D(2012, 5, 21), ir.Channel.MAIL, "LETTER"),
        ],
    )
    def test_the_counting_rule_as_the_engine_and_the_record_read_it(
        self, on: date, channel: ir.Channel, reason: str | None
    ) -> None:
        from infopass_rules.rules.districts.ladder import channel_count
        from infopass_rules.rules.districts.miami.ladder import MIAMI
        from infopass_rules.sources.rulebook import load_rulebook

        found, period, rule_id = channel_count(MIAMI, ir.Inquiry(on, channel), load_rulebook())
        assert (None if found is None else found.name) == reason
        assert rule_id == "MIA-COUNT"
        assert (period is None) is (on < D(2012, 5, 22))

    def test_mail_never_counts(self) -> None:
        decision = decide(
            miami(), (ir.Inquiry(OUTSIDE + DAY, ir.Channel.MAIL),), as_of=D(2016, 1, 1)
        )
        assert decision.step == 1
        assert any(t.rule_id == "MIA-COUNT" and "mail" in t.finding for t in decision.trace)
        # The letter is traced, not cited: the decision is the same without it.
        assert "MIA-COUNT" not in decision.rule_ids
        without = decide(miami(), (), as_of=D(2016, 1, 1))
        assert attrs.evolve(decision, trace=()) == attrs.evolve(without, trace=())

    def test_a_letter_on_the_day_the_case_is_outside_changes_nothing(self) -> None:
        # Found by the mailed-letters property: the letter once added a MIA-COUNT citation.
        day = D(2020, 9, 16)
        case = ir.Case("EAC0000000000", "MIA", received_on=day, outside_processing_times_on=day)
        letter = ir.Inquiry(on=day, channel=ir.Channel.MAIL)
        with_letter, without = decide(case, (letter,), as_of=day), decide(case, (), as_of=day)
        assert attrs.evolve(with_letter, trace=()) == attrs.evolve(without, trace=())
        assert len(with_letter.trace) == len(without.trace) + 1

    def test_appointment_held_before_as_of_counts_as_infopass_inquiry(self) -> None:
        held = ir.Appointment(D(2015, 1, 12), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (held,), as_of=D(2015, 1, 13))
        assert (decision.step, decision.earliest) == (2, D(2015, 1, 12) + timedelta(days=61))

    def test_ladder_trace_with_a_letter_a_premature_call_and_an_e_request_step(self) -> None:
        history = (
            ir.Inquiry(D(2015, 1, 8), ir.Channel.MAIL),
            infopass(D(2015, 1, 10)),
            ir.Inquiry(D(2015, 2, 2), ir.Channel.CONTACT_CENTER),
            ir.Inquiry(D(2015, 3, 12), ir.Channel.E_REQUEST),
        )
        decision = decide(miami(), history, as_of=D(2015, 4, 1))
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 3)
        assert (decision.earliest, decision.allowed) == (D(2015, 4, 12), False)
        assert decision.channels == ALL_COUNTED  # every counted channel, as of the step's day
        assert decision.ladder_steps == (D(2015, 1, 10), D(2015, 3, 12))
        # MIA-COUNT is cited for the e-Request step it counts, not for the letter (traced only).
        assert decision.rule_ids == (
            "RG-SELF",
            "MIA-ELIGIBLE",
            "MIA-SECOND",
            "MIA-COUNT",
            "MIA-THIRD",
            "MIA-SUPERVISOR",
            "CC-BRING",
            "CC-CALL",  # a phone inquiry is among the ways: the number and what is asked
            "CC-TIPS",
        )
        assert trace(decision)[:-2] == [
            self_regime(D(2015, 4, 1)),
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2015-01-05 (date given on the case)",
            ),
            (
                "MIA-COUNT",
                "the letter of 2015-01-08 is not an inquiry: mailed correspondence never counts as "
                "a step",
            ),
            ("MIA-ELIGIBLE", "step 1: INFOPASS inquiry of 2015-01-10, unresolved"),
            (
                "MIA-SECOND",
                "not resolved within 60 days of 2015-01-10: step 2 allowed from 2015-03-12 "
                "(once the whole wait has passed; Policy.day_count AFTER_PERIOD)",
            ),
            ("MIA-SECOND", "premature inquiry of 2015-02-02: not step 2"),
            (
                "MIA-SECOND",
                "step 2: e-Request inquiry of 2015-03-12, unresolved (counted under MIA-COUNT)",
            ),
            (
                "MIA-THIRD",
                "not resolved within 30 days of 2015-03-12: step 3 allowed from 2015-04-12 "
                "(once the whole wait has passed; Policy.day_count AFTER_PERIOD)",
            ),
            SUPERVISOR_FINDING,
        ]
        assert decision.notes == (SUPERVISOR_NOTE, NCSC_NOTE, TIPS_NOTE)
        assert texts(decision.warnings) == (
            "MIA-SECOND: the Contact Center inquiry of 2015-02-02 was premature (step 2 is allowed "
            "from 2015-03-12); it is not a step",
            # CC-CALL (the phone advice) cites aila-19030140 too
            "Sources dated after 2015-04-01 are cited (aila-19030140, contact-center-2019, "
            "infopass-guide-2017): they describe the procedure as reported later, the best "
            "evidence of it on that date.",
        )
        assert decision.checklist
        assert not decision.conflicts

    def test_inquiries_before_the_ladder_and_calls_before_mia_count(self) -> None:
        case = miami(outside_processing_times_on=D(2012, 1, 2))
        history = (infopass(D(2012, 5, 1)), ir.Inquiry(D(2012, 6, 1), ir.Channel.CONTACT_CENTER))
        decision = decide(case, history, as_of=D(2012, 7, 2))
        assert (decision.action, decision.step, decision.earliest) == (
            ir.Action.INQUIRE,
            1,
            D(2012, 1, 2),
        )
        assert decision.channels == {ir.Channel.INFOPASS}  # before 2013-03-14 only INFOPASS counts
        assert decision.ladder_steps == ()
        assert trace(decision)[1:] == [
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2012-01-02 (date given on the case)",
            ),
            ("MIA-ELIGIBLE", "the INFOPASS inquiry of 2012-05-01 predates the ladder: not a step"),
            (
                "MIA-COUNT",
                "the Contact Center inquiry of 2012-06-01 is not a step: before 2013-03-14 only "
                "INFOPASS inquiries counted",
            ),
        ]
        assert decision.rule_ids == ("RG-SELF", "MIA-ELIGIBLE", "MIA-COUNT", "CC-BRING")


class TestMIASupervisor:
    """MIA-SUPERVISOR, Ask for a Supervisor: miami-procedures-2014-06-19, 'Speak to a
    Supervisor!'."""

    @pytest.mark.parametrize(
        ("as_of", "advised"),
        [
            (D(2014, 6, 18), False),
            (D(2014, 6, 19), True),
            (D(2014, 6, 20), True),
        ],
    )
    def test_supervisor_advice_for_in_person_steps_from_2014_06_19(
        self, as_of: date, advised: bool
    ) -> None:
        case = miami(outside_processing_times_on=D(2014, 1, 2))
        decision = decide(case, as_of=as_of)
        assert ir.Channel.INFOPASS in decision.channels
        assert ("MIA-SUPERVISOR" in decision.rule_ids) is advised
        assert any("Supervisor" in n for n in decision.notes) is advised


class TestMIAFodLadder:
    """MIA-FOD-LADDER, The Field Office Director after the three steps: miami-
    procedures-2014-06-19, 'Speak to the Field Office Director!', first sentence."""

    @pytest.mark.parametrize(
        ("first", "fod_ladder"),
        [
            (D(2014, 2, 1), False),  # third step on 2014-05-03, before the 2014-06-19 compilation
            (D(2014, 4, 18), True),  # third step on 2014-07-19
        ],
    )
    def test_fod_after_three_steps(self, first: date, fod_ladder: bool) -> None:
        history = three_steps(first)
        case = miami(outside_processing_times_on=D(2014, 1, 2))
        decision = decide(case, history, as_of=history[-1].on + DAY)
        assert decision.action is ir.Action.ESCALATE
        assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
        assert decision.earliest == history[-1].on
        assert decision.allowed
        assert "MIA-THIRD" in decision.rule_ids
        assert ("MIA-FOD-LADDER" in decision.rule_ids) is fod_ladder

    def test_rests_on_the_2014_procedures_alone(self) -> None:
        # The rule book: MIA-FOD-LADDER rests on miami-procedures-2014-06-19 alone; the 2012
        # referral "by the AILA attorney submitting a complaint" is MIA-THIRD's.
        rule = ir.RULES["MIA-FOD-LADDER"]
        assert {c.source_id for c in rule.citations} == {"miami-procedures-2014-06-19"}
        history = three_steps(D(2015, 1, 10))
        decision = decide(miami(), history, as_of=history[-1].on + DAY)
        assert {c.source_id for c in decision.citations if c.rule_id == "MIA-FOD-LADDER"} == {
            "miami-procedures-2014-06-19"
        }

    def test_fod_after_the_third_wait_under_that_policy(self) -> None:
        history = three_steps(D(2015, 1, 10))
        policy = ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT)
        decision = decide(miami(), history, as_of=history[-1].on, policy=policy)
        assert decision.earliest == history[-1].on + timedelta(days=31)
        assert not decision.allowed

    def test_inquiries_after_a_third_step_made_before_the_fod_rule(self) -> None:
        case = miami(outside_processing_times_on=D(2013, 6, 1))
        history = (
            *three_steps(D(2013, 6, 3)),  # 2013-06-03, 2013-08-03, 2013-09-03
            infopass(D(2013, 9, 10), level=ir.Level.SUPERVISOR),
            infopass(D(2013, 9, 20), level=ir.Level.FIELD_OFFICE_DIRECTOR),
            infopass(D(2013, 9, 25)),
        )
        decision = decide(case, history, as_of=D(2013, 10, 1))
        # The FOD was reached after the third step, the case still unresolved: the route is
        # exhausted from that day, under MIA-THIRD (the FOD rule of 2014 is not yet in force).
        assert decision.action is ir.Action.EXHAUSTED
        assert (decision.level, decision.earliest, decision.allowed) == (None, D(2013, 9, 20), True)
        assert decision.waits == ()
        assert decision.ladder_steps == (D(2013, 6, 3), D(2013, 8, 3), D(2013, 9, 3))
        # Traced but not relied on: the FOD rule of 2014 is no source for a 2013 decision.
        assert "MIA-FOD-LADDER" not in decision.rule_ids
        assert decision.rule_ids == (
            "RG-SELF",
            "MIA-ELIGIBLE",
            "MIA-SECOND",
            "MIA-THIRD",
            "OMB-CASE-ASSIST",
            "CONG-INQUIRY",
        )
        assert trace(decision)[7:-2] == [
            ("MIA-FOD-LADDER", "the inquiry of 2013-09-10 follows the third step"),
            ("MIA-FOD-LADDER", "the inquiry of 2013-09-20 follows the third step"),
            ("MIA-FOD-LADDER", "the inquiry of 2013-09-25 follows the third step"),
            (
                "MIA-THIRD",
                "three steps made, the third on 2013-09-03; the case goes to the Field Office "
                "Director for review on the attorney's complaint",
            ),
            (
                "MIA-THIRD",
                "the Field Office Director was reached on 2013-09-20, at or after the third "
                "step, and the case is still unresolved: the sources set no further step",
            ),
        ]
        assert decision.notes == (
            "Beyond the InfoPass procedures: a case-assistance request to the CIS Ombudsman "
            "(OMB-CASE-ASSIST) or a congressional inquiry (CONG-INQUIRY); see the remedies "
            "listed, each with its earliest date.",
        )
        # On EXHAUSTED every remedy is listed, open or not, each traced under its rule.
        assert [(r.rule_id, r.earliest, r.allowed) for r in decision.remedies] == [
            ("OMB-CASE-ASSIST", None, False),
            ("CONG-INQUIRY", D(2018, 2, 15), False),
        ]
        assert [rule for rule, _ in trace(decision)[-2:]] == ["OMB-CASE-ASSIST", "CONG-INQUIRY"]

    @pytest.mark.parametrize(
        ("policy", "earliest", "timing"),
        [
            (
                ir.DEFAULT_POLICY,
                D(2015, 4, 12),
                "at once, from the third step of 2015-04-12 (as the source allows, at the last "
                "step; Policy.fod_after_third AT_ONCE)",
            ),
            (
                ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT),
                D(2015, 5, 13),
                "from 2015-05-13, once the third step has waited (once the last step has had its "
                "own wait, by the firm's choice; Policy.fod_after_third AFTER_THIRD_WAIT)",
            ),
        ],
    )
    def test_fod_after_the_ladder_says_when(
        self, policy: ir.Policy, earliest: date, timing: str
    ) -> None:
        decision = decide(miami(), three_steps(D(2015, 1, 10)), as_of=D(2015, 4, 20), policy=policy)
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert decision.earliest == earliest
        assert decision.channels == {ir.Channel.INFOPASS}
        assert trace(decision)[7:9] == [
            (
                "MIA-THIRD",
                "three steps made, the third on 2015-04-12; the case goes to the Field Office "
                "Director for review on the attorney's complaint",
            ),
            ("MIA-FOD-LADDER", f"the attorney may ask to speak with the FOD {timing}"),
        ]

    @pytest.mark.parametrize(
        ("third", "fod_ladder"),
        [
            (D(2014, 5, 18), False),  # the wait ends 2014-06-18, before MIA-FOD-LADDER (2014-06-19)
            (D(2014, 5, 19), True),  # the wait ends on 2014-06-19
            (D(2014, 5, 20), True),
        ],
    )
    def test_fod_ladder_rule_applies_when_the_third_wait_ends_on_its_effective_date(
        self, third: date, fod_ladder: bool
    ) -> None:
        second = third - timedelta(days=31)
        history = (infopass(second - timedelta(days=61)), infopass(second), infopass(third))
        policy = ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT)
        case = miami(outside_processing_times_on=D(2014, 1, 2))
        decision = decide(case, history, as_of=third, policy=policy)
        assert decision.ladder_steps == tuple(i.on for i in history)
        assert decision.earliest == third + timedelta(days=31)
        assert ("MIA-FOD-LADDER" in decision.rule_ids) is fod_ladder
        finding = (
            "MIA-FOD-LADDER",
            "the attorney may ask to speak with the FOD from "
            f"{(third + timedelta(31)).isoformat()}, "
            "once the third step has waited (once the last step has had its own wait, by the "
            "firm's choice; Policy.fod_after_third AFTER_THIRD_WAIT)",
        )
        assert (finding in trace(decision)) is fod_ladder

    @pytest.mark.parametrize(
        ("booked_on", "at_appointment"),
        [(D(2015, 5, 12), False), (D(2015, 5, 13), True), (D(2015, 5, 14), True)],
    )
    def test_fod_asked_for_at_an_appointment_on_or_after_the_third_wait(
        self, booked_on: date, at_appointment: bool
    ) -> None:
        booked = ir.Appointment(booked_on, "MIA", (MIAMI_RECEIPT,))
        policy = ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT)
        history = (*three_steps(D(2015, 1, 10)), booked)
        decision = decide(miami(), history, as_of=D(2015, 4, 20), policy=policy)
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert decision.channels == {ir.Channel.INFOPASS}
        note = f"Ask for the Field Office Director at the appointment of {booked_on.isoformat()}."
        assert decision.booked is at_appointment  # nothing to book when it is asked for there
        if at_appointment:
            assert decision.earliest == booked_on
            assert decision.notes == (note, SUPERVISOR_NOTE)
        else:
            assert decision.earliest == D(2015, 5, 13)
            assert decision.notes == (SUPERVISOR_NOTE,)

    @pytest.mark.parametrize("booked", [False, True])
    def test_fod_escalation_under_the_contact_center_is_still_in_person(self, booked: bool) -> None:
        # RG-CC offers the Contact Center for in-person actions (to get the appointment); the
        # escalation itself happens in person, so the checklist is still given.
        case = miami(outside_processing_times_on=D(2020, 1, 2))
        history: tuple[object, ...] = three_steps(D(2020, 1, 6))
        if booked:
            history = (*history, ir.Appointment(D(2020, 4, 20), "MIA", (MIAMI_RECEIPT,)))
        decision = decide(case, history, as_of=D(2020, 4, 8))
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert decision.booked is booked
        assert decision.earliest == (D(2020, 4, 20) if booked else D(2020, 4, 7))
        # Not booked: the Contact Center, to get the appointment; booked: at that appointment.
        expected = {ir.Channel.INFOPASS} if booked else {ir.Channel.CONTACT_CENTER}
        assert decision.channels == expected
        assert decision.checklist
        assert "CC-BRING" in decision.rule_ids
        assert SUPERVISOR_FINDING in trace(decision)

    # Fixed: an escalation at an appointment already booked is in person under any regime.
    def test_fod_asked_for_at_a_booked_appointment_under_the_contact_center_is_in_person(
        self,
    ) -> None:
        case = miami(outside_processing_times_on=D(2020, 1, 2))
        booked = ir.Appointment(D(2020, 4, 20), "MIA", (MIAMI_RECEIPT,))
        decision = decide(case, (*three_steps(D(2020, 1, 6)), booked), as_of=D(2020, 4, 8))
        assert (
            "Ask for the Field Office Director at the appointment of 2020-04-20." in decision.notes
        )
        assert decision.channels == {ir.Channel.INFOPASS}

    @pytest.mark.parametrize(
        ("offset", "action"),
        [(-1, ir.Action.ESCALATE), (0, ir.Action.EXHAUSTED), (1, ir.Action.EXHAUSTED)],
    )
    def test_fod_reached_after_the_last_step_exhausts_the_route(
        self, offset: int, action: ir.Action
    ) -> None:
        history = three_steps(D(2015, 1, 10))  # 2015-01-10, 2015-03-12, 2015-04-12
        fod = infopass(D(2015, 5, 1), level=ir.Level.FIELD_OFFICE_DIRECTOR)
        as_of = fod.on + timedelta(days=offset)
        decision = decide(miami(), (*history, fod), as_of=as_of)
        assert decision.action is action
        assert decision.allowed
        assert decision.waits == ()
        if action is ir.Action.ESCALATE:  # the FOD inquiry had not happened yet
            assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
            return
        assert (decision.level, decision.step, decision.earliest) == (None, None, fod.on)
        assert decision.channels == frozenset()
        assert decision.checklist == ()
        assert "MIA-FOD-LADDER" in decision.rule_ids
        assert trace(decision)[-3] == (
            "MIA-FOD-LADDER",
            "the Field Office Director was reached on 2015-05-01, at or after the third step, "
            "and the case is still unresolved: the sources set no further step",
        )
        assert decision.headline() == (
            "No further step: the encoded procedures are exhausted; since 2015-05-01 "
            f"(on {as_of.isoformat()})"
        )

    def test_the_remedies_beyond_the_route_are_listed_and_cited_under_their_rules(self) -> None:
        history = (*three_steps(D(2015, 1, 10)), infopass(D(2015, 5, 1), level=FOD))
        decision = decide(miami(), history, as_of=D(2015, 6, 1))
        (note,) = [n for n in decision.notes if "Ombudsman" in n]
        assert note.startswith("Beyond the InfoPass procedures")
        assert "congressional inquiry (CONG-INQUIRY)" in note
        assert decision.action is ir.Action.EXHAUSTED  # never replaced by a remedy
        assert {r.rule_id for r in decision.remedies} == {"OMB-CASE-ASSIST", "CONG-INQUIRY"}
        # No liaison source is cited for them: only their own rules' sources.
        for citation in decision.citations:
            if "Ombudsman" in citation.title or "Ombudsman" in (citation.excerpt or ""):
                assert citation.rule_id == "OMB-CASE-ASSIST"

    def test_fod_reached_at_the_third_step_itself(self) -> None:
        first, second, third = three_steps(D(2015, 1, 10))
        third = infopass(third.on, level=FOD)
        decision = decide(miami(), (first, second, third), as_of=third.on)
        assert (decision.action, decision.earliest) == (ir.Action.EXHAUSTED, third.on)
        assert decision.ladder_steps == (first.on, second.on, third.on)

    def test_fod_reached_before_the_last_step_is_not_asked_for_again_until_after_it(self) -> None:
        # A pressing case: the FOD reached at step 1 (MIA-FOD-PRESSING); the ladder goes on and,
        # once its last step is made, the FOD may be asked for again (MIA-FOD-LADDER): the FOD
        # reached before the third step does not end the route.
        first, second, third = three_steps(D(2015, 1, 10))
        history = (
            infopass(first.on, level=ir.Level.SUPERVISOR),
            infopass(first.on + DAY, level=FOD),
        )
        case = miami(pressing=True)
        before = decide(case, history, as_of=second.on - DAY)
        assert (before.action, before.step, before.earliest) == (
            ir.Action.INQUIRE,
            2,
            second.on,
        )
        assert ("MIA-FOD-PRESSING") not in before.rule_ids
        after = decide(case, (*history, second, third), as_of=third.on)
        assert (after.action, after.level, after.earliest) == (ir.Action.ESCALATE, FOD, third.on)
        assert "MIA-FOD-LADDER" in after.rule_ids

    # The audit's case: the FOD reached at step 1 (2015-01-07, pressing), steps 2 and 3 with an
    # Information Officer (2015-03-10, 2015-04-10).
    AUDIT = (
        infopass(D(2015, 1, 7), level=FOD),
        infopass(D(2015, 3, 10), level=ir.Level.INFORMATION_OFFICER),
        infopass(D(2015, 4, 10), level=ir.Level.INFORMATION_OFFICER),
    )

    @pytest.mark.parametrize("as_of", [D(2015, 4, 9), D(2015, 4, 10), D(2015, 4, 11)])
    def test_the_fod_reached_before_the_third_step_never_ends_the_route(self, as_of: D) -> None:
        case = miami(outside_processing_times_on=D(2015, 1, 5), pressing=True)
        decision = decide(case, self.AUDIT, as_of=as_of)
        assert decision.action is not ir.Action.EXHAUSTED
        if as_of < D(2015, 4, 10):  # the third visit is still to come
            assert (decision.action, decision.step) == (ir.Action.INQUIRE, 3)
        else:
            assert (decision.action, decision.level, decision.earliest) == (
                ir.Action.ESCALATE,
                FOD,
                D(2015, 4, 10),
            )
        for line in trace(decision):
            # A trace never states the FOD reached on a day no FOD contact was made.
            assert "Field Office Director was reached on 2015-04-10" not in line[1]
            assert "Field Office Director was reached on 2015-03-10" not in line[1]

    @pytest.mark.parametrize(
        ("reached", "action"),
        [
            (D(2015, 4, 9), ir.Action.ESCALATE),  # the day before the third step: not after it
            (D(2015, 4, 10), ir.Action.EXHAUSTED),  # at the third step
            (D(2015, 4, 11), ir.Action.EXHAUSTED),  # after it
        ],
    )
    def test_the_fod_reached_at_or_after_the_third_step_ends_it(
        self, reached: D, action: ir.Action
    ) -> None:
        history = (*self.AUDIT[1:], infopass(D(2015, 1, 7)), infopass(reached, level=FOD))
        case = miami(outside_processing_times_on=D(2015, 1, 5))
        decision = decide(case, history, as_of=D(2015, 4, 12))
        assert decision.action is action
        if action is ir.Action.EXHAUSTED:
            assert decision.earliest == reached
            assert any(
                f"the Field Office Director was reached on {reached.isoformat()}" in line[1]
                for line in trace(decision)
            )

    def test_a_letter_to_the_fod_does_not_reach_the_fod(self) -> None:
        letter = ir.Inquiry(D(2015, 5, 1), ir.Channel.MAIL, level=FOD)
        decision = decide(miami(), (*three_steps(D(2015, 1, 10)), letter), as_of=D(2015, 5, 2))
        assert (decision.action, decision.level) == (ir.Action.ESCALATE, FOD)

    def test_the_fod_after_the_third_wait_waits_under_mia_third(self) -> None:
        history = three_steps(D(2015, 1, 10))
        policy = ir.Policy(fod_after_third=FodAfterThird.AFTER_THIRD_WAIT)
        decision = decide(miami(), history, as_of=history[-1].on, policy=policy)
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "MIA-THIRD",
            history[-1].on,
            30,
            decision.earliest,
        )
        assert decision.why_not_yet().startswith("Not yet allowed on 2015-04-12: the Field")
        assert "MIA-THIRD (miami-2012-05-22, " in decision.why_not_yet()

    @pytest.mark.parametrize(
        ("first", "rule"), [(D(2013, 6, 3), "MIA-THIRD"), (D(2015, 6, 3), "MIA-FOD-LADDER")]
    )
    def test_the_fod_at_a_booked_appointment_waits_for_its_day(
        self, first: date, rule: str
    ) -> None:
        history = three_steps(first)
        booked = ir.Appointment(history[-1].on + 30 * DAY, "MIA", (MIAMI_RECEIPT,))
        case = miami(outside_processing_times_on=first)
        decision = decide(case, (*history, booked), as_of=booked.on - DAY)
        assert (decision.action, decision.earliest) == (ir.Action.ESCALATE, booked.on)
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            rule,
            history[-1].on,
            None,
            booked.on,
        )
        assert rule in decision.rule_ids
        assert decide(case, (*history, booked), as_of=booked.on).waits == ()


class TestWaitsOnTheLadder:
    """The waits of a ladder step not yet allowed (MIA-ELIGIBLE, MIA-SECOND)."""

    @pytest.mark.parametrize(("offset", "allowed"), [(60, False), (61, True), (62, True)])
    def test_step_2_waits_sixty_days_under_mia_second(self, offset: int, allowed: bool) -> None:
        first = infopass(D(2015, 1, 10))
        decision = decide(miami(), (first,), as_of=first.on + timedelta(days=offset))
        assert (decision.step, decision.allowed) == (2, allowed)
        if allowed:
            assert decision.waits == ()
            assert decision.why_not_yet() == ""
            return
        (wait,) = decision.waits
        assert wait == ir.Wait(
            "MIA-SECOND",
            first.on,
            60,
            D(2015, 3, 12),
            "step 2 waits 60 days without resolution after step 1 of 2015-01-10",
        )
        assert wait.until == decision.earliest
        pin = next(c.pinpoint for c in decision.citations if c.rule_id == "MIA-SECOND")
        assert decision.why_not_yet() == (
            "Not yet allowed on 2015-03-11: step 2 waits 60 days without resolution after step 1 "
            f"of 2015-01-10, under MIA-SECOND (miami-2012-05-22, {pin}); "
            "allowed from 2015-03-12."
        )
        assert decision.why_not_yet() in decision.explain()

    def test_step_1_waits_for_the_case_to_be_outside(self) -> None:
        case = miami(received_on=D(2014, 6, 2))
        decision = decide(case, as_of=OUTSIDE - DAY)
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "MIA-ELIGIBLE",
            D(2014, 6, 2),
            None,
            OUTSIDE,
        )
        assert decide(case, as_of=OUTSIDE).waits == ()

    def test_a_booked_appointment_waits_for_its_day(self) -> None:
        booked = ir.Appointment(D(2015, 2, 3), "MIA", (MIAMI_RECEIPT,))
        decision = decide(miami(), (booked,), as_of=D(2015, 1, 20))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        (wait,) = decision.waits
        assert (wait.rule_id, wait.until) == ("RG-SELF", D(2015, 2, 3))

    def test_under_restarts_clock_the_wait_runs_from_the_premature_inquiry(self) -> None:
        history = (infopass(D(2015, 1, 10)), infopass(D(2015, 2, 1)))  # the second is early
        policy = ir.Policy(premature=Premature.RESTARTS_CLOCK)
        decision = decide(miami(), history, as_of=D(2015, 2, 2), policy=policy)
        (wait,) = decision.waits
        assert wait == ir.Wait(
            "MIA-SECOND",
            D(2015, 2, 1),
            60,
            D(2015, 4, 3),
            "step 2 waits 60 days without resolution after the premature inquiry of 2015-02-01 "
            "(a premature inquiry starts the wait again; Policy.premature RESTARTS_CLOCK)",
        )
        assert wait.until == decision.earliest

    def test_the_director_at_a_booked_appointment_waits_for_its_day(self) -> None:
        third = D(2015, 4, 12)
        history = (
            *three_steps(D(2015, 1, 10)),
            ir.Appointment(D(2015, 5, 20), "MIA", (MIAMI_RECEIPT,)),
        )
        decision = decide(miami(), history, as_of=D(2015, 5, 1))
        assert (decision.action, decision.level) == (ir.Action.ESCALATE, FOD)
        (wait,) = decision.waits
        assert wait.reason == (
            "the Field Office Director is asked for at the appointment booked for 2015-05-20"
        )
        assert (wait.rule_id, wait.since, wait.until) == ("MIA-FOD-LADDER", third, D(2015, 5, 20))


class TestOneVisitADay:
    """A held appointment and the inquiry recorded at it (same day, in person) are one visit on
    the ladder: counted once, its officer the highest recorded (MIA-ELIGIBLE, MIA-SECOND)."""

    @pytest.mark.parametrize("recorded_first", [True, False])
    def test_counted_once_with_the_officer_reached(self, recorded_first: bool) -> None:
        day = D(2015, 1, 10)
        held = ir.Appointment(day, "MIA", (MIAMI_RECEIPT,))
        at_it = infopass(day, level=ir.Level.SUPERVISOR, reference="SR-1", note="seen")
        history = (at_it, held) if recorded_first else (held, at_it)
        decision = decide(miami(), history, as_of=D(2015, 2, 1))
        assert decision.ladder_steps == (day,)
        assert (decision.step, decision.earliest) == (2, D(2015, 3, 12))
        assert decision.warnings_of(ir.WarningKind.PREMATURE) == ()
        steps = [e for e in decision.trace if e.finding.startswith("step 1:")]
        assert len(steps) == 1
        # The officer reached at the visit is kept: a Supervisor is a normal channel tried, so
        # a pressing case may go to the Field Office Director (MIA-FOD-PRESSING).
        pressing = decide(miami(pressing=True), history, as_of=D(2015, 2, 1))
        assert (pressing.action, pressing.level) == (ir.Action.ESCALATE, FOD)

    def test_the_officer_recorded_is_kept_over_a_visit_with_none(self) -> None:
        # The held appointment (no officer recorded) sorts after the inquiry recorded at it
        # here (by outcome): the Information Officer recorded is still the officer reached.
        day = D(2015, 1, 10)
        held = ir.Appointment(day, "MIA", (MIAMI_RECEIPT,))
        at_it = infopass(
            day, outcome=ir.Outcome.SERVICE_REQUEST, level=ir.Level.INFORMATION_OFFICER
        )
        policy = ir.Policy(normal_channel_levels={ir.Level.INFORMATION_OFFICER})
        for history in ((held, at_it), (at_it, held)):
            decision = decide(miami(pressing=True), history, as_of=D(2015, 2, 1), policy=policy)
            assert (decision.action, decision.level) == (ir.Action.ESCALATE, FOD)
            assert decision.ladder_steps == (day,)
        # Two visits of one day with no officer recorded are still one visit.
        noted = infopass(day, note="seen at the window")
        decision = decide(miami(), (held, noted), as_of=D(2015, 2, 1))
        assert decision.ladder_steps == (day,)
        assert decision.warnings_of(ir.WarningKind.PREMATURE) == ()

    def test_two_phone_inquiries_of_one_day_are_two_contacts(self) -> None:
        day = D(2015, 1, 10)
        calls = (
            ir.Inquiry(day, ir.Channel.CONTACT_CENTER, reference="SR-1"),
            ir.Inquiry(day, ir.Channel.CONTACT_CENTER, reference="SR-2"),
        )
        decision = decide(miami(), calls, as_of=D(2015, 2, 1))
        assert decision.ladder_steps == (day,)
        # The second call the same day is early for step 2: warned of, not merged.
        assert len(decision.warnings_of(ir.WarningKind.PREMATURE)) == 1


class TestMIAFodPressing:
    """MIA-FOD-PRESSING, The Field Office Director for a pressing issue: miami-
    procedures-2014-06-19, 'Speak to the Field Office Director!', second sentence."""

    @pytest.mark.parametrize(
        ("as_of", "route"),
        [
            (D(2014, 6, 18), False),
            (D(2014, 6, 19), True),
            (D(2014, 6, 20), True),
        ],
    )
    def test_pressing_issue_goes_to_fod_after_a_supervisor(self, as_of: date, route: bool) -> None:
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

    @pytest.mark.parametrize("level", [ir.Level.SUPERVISOR, ir.Level.SECTION_CHIEF])
    def test_normal_channels_look_at_who_was_reached_not_at_the_ladders_timing(
        self, level: ir.Level
    ) -> None:
        # The rule book's reading: an unresolved inquiry at which a Supervisor or Section Chief was
        # reached counts for the normal channels even when it was premature as a ladder step.
        case = miami(outside_processing_times_on=D(2015, 1, 2), pressing=True)
        premature_step_2 = (infopass(D(2015, 1, 5)), infopass(D(2015, 2, 2), level=level))
        premature_step_1 = (infopass(D(2014, 12, 15), level=level),)
        for history in (premature_step_2, premature_step_1):
            decision = decide(case, history, as_of=D(2015, 2, 10))
            assert any(w.kind is ir.WarningKind.PREMATURE for w in decision.warnings)
            assert (decision.action, decision.level) == (ir.Action.ESCALATE, FOD)
            assert decision.earliest == history[-1].on
            assert "MIA-FOD-PRESSING" in decision.rule_ids
            assert decision.ladder_steps == tuple(i.on for i in history[:-1])  # premature: no step

    def test_pressing_without_normal_channels_exhausted_keeps_the_ladder(self) -> None:
        case = miami(pressing=True)
        decision = decide(
            case,
            (infopass(D(2015, 1, 10), level=ir.Level.INFORMATION_OFFICER),),
            as_of=D(2015, 1, 20),
        )
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)
        assert any("Supervisor or Section Chief" in n for n in decision.notes)
        assert "MIA-FOD-PRESSING" in decision.rule_ids

    def test_not_pressing_keeps_the_ladder_even_after_a_supervisor(self) -> None:
        decision = decide(
            miami(), (infopass(D(2015, 1, 10), level=ir.Level.SECTION_CHIEF),), as_of=D(2015, 1, 20)
        )
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)

    @pytest.mark.parametrize(("deadline_in", "pressing"), [(9, True), (10, True), (11, False)])
    def test_deadline_within_the_pressing_horizon_makes_it_pressing(
        self, deadline_in: int, pressing: bool
    ) -> None:
        as_of = D(2015, 1, 20)
        case = miami(deadlines=(ir.Deadline(as_of + timedelta(days=deadline_in), "travel"),))
        history = (infopass(D(2015, 1, 10), level=ir.Level.SUPERVISOR),)
        policy = ir.Policy(pressing_horizon_days=10)
        decision = decide(case, history, as_of=as_of, policy=policy)
        assert (decision.action is ir.Action.ESCALATE) is pressing
        assert decide(case, history, as_of=as_of).action is ir.Action.INQUIRE  # default: flag only

    def test_pressing_flag_without_normal_channels_exhausted(self) -> None:
        case = miami(pressing=True)
        history = (infopass(D(2015, 1, 10), level=ir.Level.INFORMATION_OFFICER),)
        decision = decide(case, history, as_of=D(2015, 1, 20))
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)
        assert (
            "MIA-FOD-PRESSING",
            "pressing (the firm marks the issue pressing), but no inquiry has yet reached the "
            "Supervisor or Section Chief without resolution: the normal channels are not exhausted",
        ) in trace(decision)
        assert decision.notes == (
            "The issue is pressing: at the next inquiry ask for the Supervisor or Section Chief; "
            "if it "
            "stays unresolved, the Field Office Director may be asked for at once "
            "(MIA-FOD-PRESSING).",
            SUPERVISOR_NOTE,
            NCSC_NOTE,
            TIPS_NOTE,
        )

    @pytest.mark.parametrize(("deadline_in", "pressing"), [(-1, False), (0, True), (1, True)])
    def test_deadline_on_the_day_of_the_decision_is_within_the_pressing_horizon(
        self, deadline_in: int, pressing: bool
    ) -> None:
        as_of = D(2015, 1, 20)
        deadline = ir.Deadline(as_of + timedelta(days=deadline_in), "travel")
        case = miami(deadlines=(deadline,))
        history = (infopass(D(2015, 1, 10), level=ir.Level.SUPERVISOR),)
        decision = decide(case, history, as_of=as_of, policy=ir.Policy(pressing_horizon_days=10))
        if not pressing:
            assert (decision.action, decision.step) == (ir.Action.INQUIRE, 2)
            assert "MIA-FOD-PRESSING" not in decision.rule_ids
            return
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert (decision.earliest, decision.allowed) == (D(2015, 1, 10), True)
        assert trace(decision)[4] == (
            "MIA-FOD-PRESSING",
            f"pressing (the deadline 'travel' of {deadline.on.isoformat()} is within 10 days "
            "(the firm's horizon for a pressing deadline; Policy.pressing_horizon_days)) and "
            "unresolved by the Supervisor on 2015-01-10: the "
            "FOD "
            "may be asked for, pending availability",
        )

    def test_pressing_route_names_the_levels_of_the_policy(self) -> None:
        policy = ir.Policy(normal_channel_levels={ir.Level.INFORMATION_OFFICER})
        case = miami(pressing=True)
        decision = decide(case, (infopass(D(2015, 1, 10)),), as_of=D(2015, 1, 20), policy=policy)
        assert (
            "MIA-FOD-PRESSING",
            "pressing (the firm marks the issue pressing), but no inquiry has yet reached the "
            "Information Officer without resolution: the normal channels are not exhausted",
        ) in trace(decision)

    def test_pressing_escalation_under_the_contact_center_is_in_person(self) -> None:
        case = miami(outside_processing_times_on=D(2020, 1, 2), pressing=True)
        history = (infopass(D(2020, 1, 6), level=ir.Level.SECTION_CHIEF),)
        decision = decide(case, history, as_of=D(2020, 1, 20))
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert decision.earliest == D(2020, 1, 6)
        assert decision.channels == {ir.Channel.CONTACT_CENTER}
        assert decision.checklist
        assert "CC-BRING" in decision.rule_ids
        assert (
            "MIA-FOD-PRESSING",
            "pressing (the firm marks the issue pressing) and unresolved by the Section Chief on "
            "2020-01-06: the FOD may be asked for, pending availability",
        ) in trace(decision)


class TestHistoryAndResolution:
    """What the ladder reads of a history: the inquiries up to the decision, a booked
    appointment, a resolution."""

    def test_inquiries_after_as_of_are_left_out(self) -> None:
        later = infopass(D(2015, 6, 1))
        decision = decide(miami(), (later,), as_of=D(2015, 2, 1))
        assert decision.step == 1
        assert any(t.rule_id is None and "left out" in t.finding for t in decision.trace)

    def test_booked_appointment_is_attended_with_the_checklist(self) -> None:
        booked = ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT, "MSC1490099999"))
        decision = decide(miami(), (infopass(D(2015, 1, 10)), booked), as_of=D(2015, 3, 16))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert decision.earliest == D(2015, 3, 16)
        assert decision.allowed
        assert decision.checklist
        assert "CC-BRING" in decision.rule_ids
        assert any("step 2" in n for n in decision.notes)

    @pytest.mark.parametrize(
        ("resolved_on", "action"),
        [
            (D(2015, 2, 2), ir.Action.INQUIRE),
            (D(2015, 2, 1), ir.Action.NONE),
            (D(2015, 1, 31), ir.Action.NONE),
        ],
    )
    def test_resolved_case_needs_nothing(self, resolved_on: date, action: ir.Action) -> None:
        decision = decide(miami(resolved_on=resolved_on), as_of=D(2015, 2, 1))
        assert decision.action is action
        if action is ir.Action.NONE:
            assert decision.earliest is None
            assert not decision.allowed
            assert any("resolved" in t.finding for t in decision.trace)

    def test_resolved_inquiry_resolves_the_case(self) -> None:
        decision = decide(
            miami(), (infopass(D(2015, 1, 10), outcome=ir.Outcome.RESOLVED),), as_of=D(2015, 1, 10)
        )
        assert decision.action is ir.Action.NONE

    # Kept on climb_ladder and Eligibility directly: they give the ladder an eligibility function
    # whose answer changes from day to day, and pin the exact trace that follows; reaching the same
    # branches through next_action would need a hand-built processing-times table per case, which is
    # not a straightforward rewrite at the same strength.
    def test_a_held_appointment_and_the_inquiry_recorded_at_it_are_one_visit(self) -> None:
        # The demo's Oakland Park case: the appointment of a day and the inquiry recorded at it
        # (the Supervisor reached) are one visit, traced once and counted once.
        held = ir.Appointment(D(2015, 1, 10), "MIA", (MIAMI_RECEIPT,))
        recorded = infopass(D(2015, 1, 10), level=ir.Level.SUPERVISOR)
        for history in ((held, recorded), (recorded, held)):
            decision = decide(miami(), history, as_of=D(2015, 1, 20))
            assert decision.ladder_steps == (D(2015, 1, 10),)
            lines = trace(decision)
            assert len(lines) == len(set(lines))
        pressing = decide(miami(pressing=True), (held, recorded), as_of=D(2015, 1, 20))
        assert (pressing.action, pressing.level) == (ir.Action.ESCALATE, FOD)


class TestInternalsLadder:
    """Step 1 judged by the snapshot of its day, through ``climb_ladder`` itself."""

    @pytest.mark.parametrize(
        ("judged", "day", "premature"),
        [
            (True, D(2020, 1, 1), False),  # the snapshot says outside, whatever outside_on says
            (False, D(2020, 3, 1), True),  # the snapshot says not outside, even after outside_on
            (None, D(2020, 2, 9), True),  # no snapshot that day: judged by outside_on
            (None, D(2020, 2, 10), False),
            (None, D(2020, 2, 11), False),
        ],
    )
    def test_premature_for_step_1_follows_the_snapshot_of_the_day(
        self, judged: bool | None, day: date, premature: bool
    ) -> None:
        asked: list[date] = []

        def outside_at(on: date) -> bool | None:
            asked.append(on)
            return judged

        eligibility = Eligibility(D(2020, 2, 10), "published", outside_at)
        assert eligibility.premature_for_step_1(day) is premature
        assert asked == [day]
        assert Eligibility(D(2020, 2, 10), "given").premature_for_step_1(day) is (
            day < D(2020, 2, 10)
        )

    def test_ladder_judges_step_1_by_the_snapshot_in_force_on_its_day(self) -> None:
        # Outside from 2020-01-10 by the first snapshot; a later one (2020-02-10) no longer shows
        # the case outside, so an inquiry made under it is premature.
        def outside_at(on: date) -> bool | None:
            if on < D(2020, 1, 10):
                return None
            return on < D(2020, 2, 10)

        eligibility = Eligibility(D(2020, 1, 10), "published processing times", outside_at)
        why = Reasoning(ir.DEFAULT_POLICY)
        history = [infopass(D(2020, 1, 9)), infopass(D(2020, 2, 15)), infopass(D(2020, 2, 20))]
        proposal = climb_ladder(MIAMI, miami(), history, None, eligibility, D(2020, 2, 21), why)
        assert proposal.ladder_steps == ()
        assert (proposal.action, proposal.step, proposal.earliest) == (
            ir.Action.INQUIRE,
            1,
            D(2020, 1, 10),
        )
        assert [w for w in texts(why.warnings) if "premature" in w] == [
            f"MIA-ELIGIBLE: the INFOPASS inquiry of {day} was premature (step 1 is allowed once "
            "the "
            "case is outside normal processing times); it is not a step"
            for day in ("2020-01-09", "2020-02-15", "2020-02-20")
        ]
        why = Reasoning(ir.DEFAULT_POLICY)
        proposal = climb_ladder(
            MIAMI, miami(), [infopass(D(2020, 1, 10))], None, eligibility, D(2020, 1, 11), why
        )
        assert proposal.ladder_steps == (D(2020, 1, 10),)


class TestLadderRecords:
    """What the ladder records as data (warnings, waits, trace entries) beside its texts."""

    C = ir.Case(
        "MSC1490012345", "MIA", outside_processing_times_on=D(2015, 1, 5), received_on=D(2014, 6, 1)
    )
    FIRST = ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS)

    def test_an_appointment_booked_before_its_step_is_a_premature_warning(self) -> None:
        booked = ir.Appointment(D(2015, 2, 20), "MIA", ("MSC1490012345",))
        decision = decide(self.C, (self.FIRST, booked), as_of=D(2015, 2, 1))
        (premature,) = decision.warnings_of(ir.WarningKind.PREMATURE)
        assert (premature.rule_id, premature.on) == ("MIA-SECOND", D(2015, 2, 20))

    @pytest.mark.parametrize(
        ("received", "since"),
        [(D(2014, 6, 1), D(2014, 6, 1)), (None, D(2015, 1, 5)), (D(2015, 1, 1), D(2015, 1, 1))],
    )
    def test_step_one_waits_from_receipt_until_outside(
        self, received: date | None, since: date
    ) -> None:
        case = attrs.evolve(self.C, received_on=received)
        (wait,) = decide(case, (), as_of=D(2015, 1, 1)).waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "MIA-ELIGIBLE",
            since,
            None,
            D(2015, 1, 5),
        )
        assert isinstance(wait.reason, str)
        assert wait.reason

    @pytest.mark.parametrize(("as_of", "waits"), [(D(2015, 3, 11), 1), (D(2015, 3, 12), 0)])
    def test_the_wait_ends_on_the_day_the_step_is_allowed(self, as_of: date, waits: int) -> None:
        decision = decide(self.C, (self.FIRST,), as_of=as_of)
        assert (len(decision.waits), decision.allowed) == (waits, not waits)
        assert decision.earliest == D(2015, 3, 12)

    def test_a_premature_step_restarts_the_wait_under_that_policy(self) -> None:
        early = ir.Inquiry(D(2015, 2, 2), ir.Channel.INFOPASS)
        policy = attrs.evolve(ir.DEFAULT_POLICY, premature=Premature.RESTARTS_CLOCK)
        decision = decide(self.C, (self.FIRST, early), as_of=D(2015, 2, 20), policy=policy)
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "MIA-SECOND",
            D(2015, 2, 2),
            60,
            D(2015, 4, 4),
        )
        assert wait.until == decision.earliest

    def test_the_fod_reached_before_the_last_step_is_traced_under_the_pressing_rule(self) -> None:
        fod = ir.Inquiry(D(2015, 3, 20), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR)
        decision = decide(self.C, (self.FIRST, fod), as_of=D(2015, 4, 1))
        assert (
            "MIA-FOD-PRESSING",
            "the Field Office Director was already reached on 2015-03-20: not asked for again; "
            "the ladder goes on",
        ) in trace(decision)
        assert "MIA-FOD-PRESSING" not in decision.rule_ids  # traced, not relied on
        assert decision.level is not ir.Level.FIELD_OFFICE_DIRECTOR  # not asked for again
