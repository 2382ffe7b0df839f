"""Tests written to kill mutants that survived the engine's own tests (``engine.py``): the exact
text of every error ``next_action`` raises, the exact trace, notes and warnings of hand-built
decisions, the order-independence of the history at its ties, and the boundaries of the
"later source" and "stale source" warnings.

Errors are compared whole (``str(error)``), because the message is what a caller's log shows:
it must name the field, the value given and what would have been accepted.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes

D = date
RECEIPT = "EAC1890012345"
MIAMI_RECEIPT = "MSC1490012345"

CC_2020 = (
    "RG-CC",
    "on {} every office schedules through the Contact Center (from 2019-03-01, a month-precise "
    "date stored as its first day)",
)
CALL = (
    "CC-CALL",
    "call 1-800-375-5283: an automated system, then a Tier 1 representative who can open a "
    "service request",
)
TIPS = ("CC-TIPS", "be clear and concise; have the receipt number and filing date at hand")
NO_URGENCY = ("CC-TRIAGE", "no urgency factor (deadline, circumstance, long pending)")
CALL_NOTES = (
    "Call the Contact Center at 1-800-375-5283; Tier 1 will ask for the name, date of birth and "
    "receipt number.",
    "Be clear and concise; have the receipt number, the filing date and the relevant details at "
    "hand.",
)


def case(office: str = "BOS", **kw: object) -> ir.Case:
    return ir.Case(RECEIPT, office, **kw)


def miami(**kw: object) -> ir.Case:
    fields: dict[str, object] = {"outside_processing_times_on": D(2015, 1, 5), **kw}
    return ir.Case(MIAMI_RECEIPT, "MIA", **fields)


def trace(decision: ir.Decision) -> list[tuple[str | None, str]]:
    return [(t.rule_id, t.finding) for t in decision.trace]


def contact_center(on: date) -> tuple[str, str]:
    return (CC_2020[0], CC_2020[1].format(on.isoformat()))


# --- errors: the whole message ------------------------------------------------------------------


def test_history_that_is_no_collection() -> None:
    for history, shown in (("inquiries", "'inquiries'"), (5, "5")):
        with pytest.raises(ir.InvalidHistory) as info:
            ir.next_action(case(), history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
        assert str(info.value) == (
            f"history: must be a collection of Inquiry and Appointment values; got {shown}; "
            "expected a tuple or list of Inquiry / Appointment"
        )
        assert info.value.value == history


@pytest.mark.parametrize(
    ("kwargs", "message", "value"),
    [
        (
            {"case": "MSC1490012345"},
            "case: must be a Case; got 'MSC1490012345'; expected an infopass_rules.Case",
            "MSC1490012345",
        ),
        (
            {"policy": "strict"},
            "policy: must be a Policy; got 'strict'; expected an infopass_rules.Policy, e.g. "
            "DEFAULT_POLICY",
            "strict",
        ),
        (
            {"processing_times": {}},
            "processing_times: must be a ProcessingTimes; got {}; expected None or the result of "
            "load_processing_times()",
            {},
        ),
    ],
)
def test_bad_arguments_name_field_value_and_what_is_expected(
    kwargs: dict[str, object], message: str, value: object
) -> None:
    arguments: dict[str, object] = {"case": case(outside_processing_times_on=D(2020, 1, 2))}
    arguments.update(kwargs)
    with pytest.raises(ir.InvalidValue) as info:
        ir.next_action(as_of=D(2020, 2, 1), **arguments)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.value == value


@pytest.mark.parametrize(
    ("item", "message", "value"),
    [
        (
            ir.Appointment(D(2020, 1, 2), "BOS", ("EAC1890099999",)),
            "history[1]: is an appointment that does not list the case; got ('EAC1890099999',); "
            "expected an appointment listing EAC1890012345",
            ("EAC1890099999",),
        ),
        (
            ir.Inquiry(D(2020, 1, 2), ir.Channel.INFOPASS, receipt_number="EAC1890099999"),
            "history[1].receipt_number: is an inquiry about another case; got 'EAC1890099999'; "
            "expected None or EAC1890012345",
            "EAC1890099999",
        ),
        (
            "an inquiry",
            "history[1]: is not an Inquiry or an Appointment; got 'an inquiry'; expected "
            "infopass_rules.Inquiry or infopass_rules.Appointment",
            "an inquiry",
        ),
        (
            ["unhashable"],
            "history[1]: is not an Inquiry or an Appointment; got ['unhashable']; expected "
            "infopass_rules.Inquiry or infopass_rules.Appointment",
            ["unhashable"],
        ),
        (
            ir.Inquiry(D(2019, 12, 31), ir.Channel.INFOPASS),
            "history[1].on: is dated before the case was received (2020-01-01); got "
            "datetime.date(2019, 12, 31); expected a date on or after 2020-01-01",
            D(2019, 12, 31),
        ),
        (
            ir.Appointment(D(2019, 12, 31), "BOS", (RECEIPT,)),
            "history[1].on: is dated before the case was received (2020-01-01); got "
            "datetime.date(2019, 12, 31); expected a date on or after 2020-01-01",
            D(2019, 12, 31),
        ),
    ],
)
def test_history_items_not_about_the_case(item: object, message: str, value: object) -> None:
    c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
    history = (ir.Inquiry(D(2020, 1, 1), ir.Channel.INFOPASS), item)
    with pytest.raises(ir.InvalidHistory) as info:
        ir.next_action(c, history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.value == value


def test_inquiry_and_appointment_on_the_day_of_receipt_are_accepted() -> None:
    c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
    on_receipt = ir.Inquiry(D(2020, 1, 1), ir.Channel.E_REQUEST)
    decision = ir.next_action(c, (on_receipt,), as_of=D(2020, 2, 1))
    assert decision.action is ir.Action.INQUIRE
    held = ir.Appointment(D(2020, 1, 1), "BOS", (RECEIPT,))
    assert ir.next_action(c, (held,), as_of=D(2020, 2, 1)).action is ir.Action.INQUIRE


def test_delayed_case_with_no_way_to_tell_eligibility() -> None:
    with pytest.raises(ir.MissingFact) as info:
        ir.next_action(case(), as_of=D(2020, 1, 1))
    assert str(info.value) == (
        "case.outside_processing_times_on: cannot tell when the case is outside normal "
        "processing times; expected Case(outside_processing_times_on=date), or next_action(..., "
        "processing_times=load_processing_times(...)) with the case's form, category and "
        "received_on"
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "case.form and case.received_on"),
        ({"form": "I-485"}, "case.received_on"),
        ({"received_on": D(2019, 5, 1)}, "case.form"),
    ],
)
def test_processing_times_need_the_form_and_receipt_date(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(ir.MissingFact) as info:
        ir.next_action(case("MIA", **kwargs), as_of=D(2020, 3, 1), processing_times=TABLE)
    assert str(info.value) == (
        f"{field}: is needed to look the case up in the processing times; expected the case's "
        "form (e.g. 'I-485') and received_on date, or Case(outside_processing_times_on=date)"
    )


# --- processing times: a small table built by hand ----------------------------------------------


def _entry(
    office: str,
    category: str,
    fetched: date,
    inquiry: date | None,
    months: float | None,
) -> PublishedTime:
    return PublishedTime(
        form="I-485",
        office=office,
        category=category,
        fetched_on=fetched,
        published_on=fetched - timedelta(days=2),
        case_inquiry_date=inquiry,
        upper=None if months is None else Duration(months, "months"),
        lower=None,
        suppressed=inquiry is None,
        origin=f"test {office} {fetched.isoformat()}",
    )


# Miami publishes two categories; the Family date moves backwards between the two snapshots
# (outside by the first, no longer by the second). Hialeah's figures are suppressed.
TABLE = ProcessingTimes(
    [
        _entry("MIA", "Family", D(2020, 1, 10), D(2019, 6, 1), 10),
        _entry("MIA", "Employment", D(2020, 1, 10), D(2019, 1, 1), 20),
        _entry("MIA", "Family", D(2020, 2, 10), D(2019, 4, 1), 10),
        _entry("MIA", "Employment", D(2020, 2, 10), D(2019, 1, 1), 20),
        _entry("HIA", "Family", D(2020, 2, 10), None, None),
    ]
)


def i485(office: str = "MIA", category: str = "Family") -> ir.Case:
    return ir.Case(
        "MSC1990012345", office, form="I-485", category=category, received_on=D(2019, 5, 1)
    )


OUTSIDE_SINCE_JANUARY = (
    "Outside normal processing times from 2020-01-10: the snapshot fetched that day (published "
    "2020-01-08) gives 2019-06-01 as the receipt date for a case inquiry. It is the earliest "
    "snapshot on record; the case may have been outside earlier."
)


def test_eligibility_from_the_snapshot_in_force() -> None:
    decision = ir.next_action(i485(), as_of=D(2020, 2, 1), processing_times=TABLE)
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, 1)
    assert (decision.earliest, decision.allowed) == (D(2020, 1, 10), True)
    assert trace(decision)[1:3] == [
        (None, OUTSIDE_SINCE_JANUARY),
        (
            "MIA-ELIGIBLE",
            "outside normal processing times from 2020-01-10 (USCIS's published processing times)",
        ),
    ]
    assert decision.warnings == ()
    data = decision.citations[-1]
    assert (data.rule_id, data.source_id, data.title, data.date) == (
        "MIA-ELIGIBLE",
        "uscis-processing-times",
        "USCIS processing times: I-485 at MIA (Family)",
        D(2020, 1, 8),
    )
    assert decision.rule_ids == ("RG-CC", "MIA-ELIGIBLE", "CC-CALL", "CC-TIPS")


def test_a_date_moved_back_undoes_eligibility_and_inquiries_are_judged_by_their_day() -> None:
    # Outside by the snapshot of 2020-01-10, not by the one of 2020-02-10 (the date moved back).
    late = ir.Inquiry(D(2020, 2, 15), ir.Channel.INFOPASS)
    decision = ir.next_action(i485(), (late,), as_of=D(2020, 3, 1), processing_times=TABLE)
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, 1)
    assert (decision.earliest, decision.allowed) == (D(2020, 3, 2), False)
    assert decision.ladder_steps == ()
    assert trace(decision)[1:4] == [
        (
            None,
            "Not outside normal processing times on 2020-03-01 (receipt date for a case inquiry "
            "2019-04-01); estimated from the receipt date plus 10 months, the longer end of the "
            "range in the snapshot fetched 2020-02-10 (published 2020-02-08). That estimate has "
            "already passed "
            "while the published date says not yet, so the day after 2020-03-01 is given. The "
            "case was outside by the snapshot fetched 2020-01-10, but USCIS has since moved the "
            "receipt date for a case inquiry back.",
        ),
        (
            "MIA-ELIGIBLE",
            "outside normal processing times from 2020-03-02 (estimated from USCIS's published "
            "processing range)",
        ),
        # judged by the snapshot in force on its day (2020-02-10), no longer showing it outside
        ("MIA-ELIGIBLE", "premature inquiry of 2020-02-15: not step 1"),
    ]
    assert decision.warnings == (
        "MIA-ELIGIBLE: estimated: by the published case-inquiry date the case is not yet outside "
        "normal processing times; 2020-03-02 is an estimate from the published processing range.",
        "MIA-ELIGIBLE: the INFOPASS inquiry of 2020-02-15 was premature (step 1 is allowed once "
        "the case is outside normal processing times); it is not a step",
    )
    assert decision.citations[-1].date == D(2020, 2, 8)


def test_inquiry_under_the_first_snapshot_is_step_1() -> None:
    # Made while the case was outside: it stays step 1 after the date moves back.
    early = ir.Inquiry(D(2020, 1, 15), ir.Channel.INFOPASS)
    decision = ir.next_action(i485(), (early,), as_of=D(2020, 3, 1), processing_times=TABLE)
    assert decision.ladder_steps == (D(2020, 1, 15),)
    assert (decision.step, decision.earliest) == (2, D(2020, 3, 16))


def test_an_inquiry_made_when_the_decision_allows_step_1_counts_as_step_1() -> None:
    # Regression: the allowed date and the judgment of an inquiry made on it come from the
    # same snapshot, so following the advice always counts.
    for as_of in (D(2020, 1, 10), D(2020, 2, 9), D(2020, 3, 1)):
        decision = ir.next_action(i485(), as_of=as_of, processing_times=TABLE)
        made = ir.Inquiry(as_of, ir.Channel.CONTACT_CENTER)
        after = ir.next_action(
            i485(), (made,), as_of=as_of + timedelta(days=1), processing_times=TABLE
        )
        assert decision.step == 1
        assert after.ladder_steps == ((as_of,) if decision.allowed else ())
    assert ir.next_action(i485(), as_of=D(2020, 2, 9), processing_times=TABLE).allowed
    assert not ir.next_action(i485(), as_of=D(2020, 3, 1), processing_times=TABLE).allowed


def test_eligibility_estimated_from_the_processing_range() -> None:
    decision = ir.next_action(
        i485(category="employment"), as_of=D(2020, 3, 1), processing_times=TABLE
    )
    assert (decision.step, decision.earliest, decision.allowed) == (1, D(2021, 1, 1), False)
    assert trace(decision)[1:3] == [
        (
            None,
            "Not outside normal processing times on 2020-03-01 (receipt date for a case inquiry "
            "2019-01-01); estimated from the receipt date plus 20 months, the longer end of the "
            "range in the snapshot fetched 2020-02-10 (published 2020-02-08).",
        ),
        (
            "MIA-ELIGIBLE",
            "outside normal processing times from 2021-01-01 (estimated from USCIS's published "
            "processing range)",
        ),
    ]
    assert decision.warnings == (
        "MIA-ELIGIBLE: estimated: by the published case-inquiry date the case is not yet outside "
        "normal processing times; 2021-01-01 is an estimate from the published processing range.",
    )
    assert decision.citations[-1].rule_id == "MIA-ELIGIBLE"
    assert decision.citations[-1].title == "USCIS processing times: I-485 at MIA (Employment)"


@pytest.mark.parametrize(
    ("office", "why"),
    [
        (
            "HIA",
            "USCIS suppressed the processing times of I-485 at HIA (Family) in the snapshot "
            "fetched 2020-02-10; no date can be given",
        ),
        ("BOS", "No processing times are loaded for I-485 at BOS"),
    ],
)
def test_no_published_processing_time(office: str, why: str) -> None:
    with pytest.raises(ir.MissingFact) as info:
        ir.next_action(i485(office), as_of=D(2020, 3, 1), processing_times=TABLE)
    assert str(info.value) == (
        f"processing_times: no published processing time for I-485 at {office} on or before "
        f"2020-03-01 ({why}); expected processing times covering the case's form and office, or "
        "Case(outside_processing_times_on=date)"
    )


class UnhashableTimes:
    """Processing times that cannot be hashed (a firm's own table): decided without the memo."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, table: ProcessingTimes) -> None:
        self.table = table

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.table.outside_since(*args, **kwargs)  # type: ignore[arg-type]

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.table.is_outside(*args, **kwargs)  # type: ignore[arg-type]


def test_unhashable_processing_times_and_a_policy_are_used() -> None:
    step_1 = ir.Inquiry(D(2020, 1, 15), ir.Channel.INFOPASS)
    policy = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
    times = UnhashableTimes(TABLE)
    decision = ir.next_action(
        i485(),
        (step_1,),
        as_of=D(2020, 3, 1),
        processing_times=times,  # type: ignore[arg-type]
        policy=policy,
    )
    assert decision.ladder_steps == (D(2020, 1, 15),)
    assert (decision.step, decision.earliest) == (2, D(2020, 3, 15))  # ON_LAST_DAY: D + 60


# --- the history as of a date, and its order at every tie ---------------------------------------


def test_inquiries_after_as_of_are_left_out_in_date_order() -> None:
    history = (
        ir.Inquiry(D(2015, 6, 1), ir.Channel.INFOPASS),
        ir.Inquiry(D(2015, 3, 1), ir.Channel.MAIL),
    )
    decision = ir.next_action(miami(), history, as_of=D(2015, 2, 1))
    assert trace(decision)[:2] == [
        (None, "the inquiry of 2015-03-01 is after 2015-02-01: left out"),
        (None, "the inquiry of 2015-06-01 is after 2015-02-01: left out"),
    ]
    assert decision.step == 1


def test_the_first_of_several_booked_appointments_is_attended() -> None:
    history = (
        ir.Appointment(D(2015, 3, 20), "MIA", (MIAMI_RECEIPT,)),
        ir.Appointment(D(2015, 3, 16), "HIA", (MIAMI_RECEIPT,)),
        ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT,), attorney="A. Lawyer"),
        ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT,)),
    )
    for order in (history, history[::-1]):
        decision = ir.next_action(miami(), order, as_of=D(2015, 3, 1))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert decision.earliest == D(2015, 3, 16)
        assert decision.channels == {ir.Channel.INFOPASS}


def test_inquiries_that_differ_only_by_the_receipt_number_recorded() -> None:
    same_day = (
        ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, receipt_number=MIAMI_RECEIPT),
        ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS),
    )
    for order in (same_day, same_day[::-1]):
        decision = ir.next_action(miami(), order, as_of=D(2015, 1, 20))
        assert decision.ladder_steps == (D(2015, 1, 10),)


def test_same_day_inquiries_are_ordered_by_level_whatever_the_history_order() -> None:
    history = (
        ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, level=ir.Level.SUPERVISOR),
        ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, level=ir.Level.SECTION_CHIEF),
    )
    for order in (history, history[::-1]):
        decision = ir.next_action(miami(pressing=True), order, as_of=D(2015, 1, 20))
        assert decision.action is ir.Action.ESCALATE
        assert (
            "MIA-FOD-PRESSING",
            "pressing (the firm marks the issue pressing) and unresolved by the Section Chief on "
            "2015-01-10: the FOD may be asked for, pending availability",
        ) in trace(decision)


def test_fod_reached_on_the_day_of_the_third_step() -> None:
    history = (
        ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS),
        ir.Inquiry(D(2015, 3, 12), ir.Channel.INFOPASS),
        ir.Inquiry(D(2015, 4, 12), ir.Channel.INFOPASS),
        ir.Inquiry(D(2015, 4, 12), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR),
    )
    for order in (history, history[::-1]):
        decision = ir.next_action(miami(), order, as_of=D(2015, 4, 20))
        assert decision.ladder_steps == (D(2015, 1, 10), D(2015, 3, 12), D(2015, 4, 12))
        assert decision.notes[0] == (
            "The Field Office Director was already reached on 2015-04-12; the sources set no "
            "further step after the FOD."
        )


def test_resolved_case_needs_nothing_and_says_why() -> None:
    decision = ir.next_action(miami(resolved_on=D(2015, 1, 31)), as_of=D(2015, 2, 1))
    assert decision.action is ir.Action.NONE
    assert (decision.as_of, decision.earliest, decision.allowed) == (D(2015, 2, 1), None, False)
    assert decision.channels == frozenset()
    assert trace(decision) == [
        (None, "the case was resolved on 2015-01-31: nothing more is needed")
    ]
    assert (decision.citations, decision.notes, decision.warnings) == ((), (), ())


# --- outside the Miami District -----------------------------------------------------------------


def test_tier2_call_back_outside_the_district_comes_first() -> None:
    referral = ir.Inquiry(D(2020, 3, 9), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL)
    decision = ir.next_action(
        case(outside_processing_times_on=D(2020, 1, 2)), (referral,), as_of=D(2020, 3, 9)
    )
    assert (decision.action, decision.level) == (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)
    assert (decision.earliest, decision.channels) == (
        D(2020, 3, 10),
        frozenset({ir.Channel.CONTACT_CENTER}),
    )
    assert decision.ladder_steps == ()
    assert trace(decision) == [
        contact_center(D(2020, 3, 9)),
        ("MIA-ELIGIBLE", "BOS is not a Miami District office: the ladder's waits do not apply"),
        (
            None,
            "outside normal processing times from 2020-01-02 (date given on the case): an "
            "inquiry may be made from then",
        ),
        ("CC-TIER2", "Tier 2 referral of 2020-03-09: call-back expected the same day"),
        (
            "CC-SUPERVISOR",
            "with no call-back by the end of the window, call again from 2020-03-10 and ask for "
            "a Tier 2 Supervisor, who can contact field offices and the National Benefits Center",
        ),
        (
            "CC-TRIAGE",
            "urgency factors to tell the representative: outside normal processing times since "
            "2020-01-02",
        ),
        CALL,
        TIPS,
    ]
    # no ladder step outside the district, so no "Ladder step ... is allowed" note
    assert decision.notes == (
        "Ask for urgent handling (Tier 2 at once, or an urgent appointment): outside normal "
        "processing times since 2020-01-02.",
        *CALL_NOTES,
    )
    assert "MIA-ELIGIBLE" not in decision.rule_ids


def test_booked_appointment_outside_the_district_is_attended_in_person() -> None:
    c = case(outside_processing_times_on=D(2016, 1, 4))
    booked = ir.Appointment(D(2016, 2, 1), "BOS", (RECEIPT,))
    decision = ir.next_action(c, (booked,), as_of=D(2016, 1, 20))
    assert (decision.action, decision.earliest) == (ir.Action.ATTEND_APPOINTMENT, D(2016, 2, 1))
    assert decision.channels == {ir.Channel.INFOPASS}
    assert trace(decision) == [
        (
            "RG-SELF",
            "BOS self-schedules InfoPass appointments online on 2016-01-20 (the source "
            "describing it is dated 2017-05-20; self-scheduling was in place before it)",
        ),
        ("MIA-ELIGIBLE", "BOS is not a Miami District office: the ladder's waits do not apply"),
        (
            None,
            "outside normal processing times from 2016-01-04 (date given on the case): an "
            "inquiry may be made from then",
        ),
    ]
    assert decision.warnings[0] == (
        "CC-BRING: no source fixes contact_center.checklist on 2016-02-01; the value first "
        "documented on 2017-05-20 (infopass-guide-2017) is used."
    )
    assert decision.rule_ids == ("RG-SELF", "CC-BRING")


def test_regime_of_the_day_the_inquiry_is_allowed_at_a_pilot_office() -> None:
    decision = ir.next_action(
        case("HAR", outside_processing_times_on=D(2018, 2, 10)), as_of=D(2018, 1, 20)
    )
    assert decision.regime == "RG-PILOT"
    assert decision.channels == {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}
    assert trace(decision) == [
        ("RG-SELF", "HAR self-schedules InfoPass appointments online on 2018-01-20"),
        ("MIA-ELIGIBLE", "HAR is not a Miami District office: the ladder's waits do not apply"),
        (
            None,
            "outside normal processing times from 2018-02-10 (date given on the case): an "
            "inquiry may be made from then",
        ),
        (
            "RG-PILOT",
            "HAR is a pilot office on 2018-02-10 (pilot from 2018-02-05): appointments through "
            "the Contact Center",
        ),
        NO_URGENCY,
        CALL,
        TIPS,
    ]
    assert decision.rule_ids == ("RG-SELF", "RG-PILOT", "CC-CALL", "CC-TIPS")


def test_regime_of_the_day_the_ladder_step_is_allowed() -> None:
    decision = ir.next_action(
        miami(outside_processing_times_on=D(2019, 3, 4)), as_of=D(2019, 2, 20)
    )
    assert decision.regime == "RG-CC"
    assert contact_center(D(2019, 3, 4)) in trace(decision)


# --- a Tier 2 call-back awaited under the Miami ladder ------------------------------------------


def test_tier2_window_ends_before_the_next_ladder_step() -> None:
    history = (
        ir.Inquiry(D(2020, 1, 6), ir.Channel.INFOPASS),
        ir.Inquiry(D(2020, 3, 9), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),
    )
    c = miami(outside_processing_times_on=D(2020, 1, 2))
    decision = ir.next_action(c, history, as_of=D(2020, 3, 9))
    assert (decision.action, decision.level) == (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)
    assert decision.ladder_steps == (D(2020, 1, 6), D(2020, 3, 9))
    assert decision.notes[0] == "Ladder step 3 is allowed from 2020-04-09."

    longest = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)
    decision = ir.next_action(c, history, as_of=D(2020, 3, 9), policy=longest)
    assert (decision.action, decision.step, decision.earliest) == (
        ir.Action.INQUIRE,
        3,
        D(2020, 4, 9),
    )
    assert decision.ladder_steps == (D(2020, 1, 6), D(2020, 3, 9))
    assert decision.notes[0] == (
        "A Tier 2 call-back is still awaited; the escalation to the Tier 2 Supervisor is allowed "
        "from 2020-04-09."
    )


# --- appointments and the Contact Center advice -------------------------------------------------


def test_request_under_the_contact_center_gives_the_call_advice_once() -> None:
    decision = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=D(2020, 5, 4))
    assert trace(decision) == [
        contact_center(D(2020, 5, 4)),
        (
            "CC-QUALIFYING",
            "PROOF_OF_STATUS is an issue the Contact Center names as suited to an appointment",
        ),
        (
            "CC-APPOINTMENT",
            "Tier 1 refers the request to Tier 2, who calls back in 1-2 days and schedules; the "
            "appointment is usually 4-5 days after the call-back",
        ),
        CALL,
        TIPS,
        NO_URGENCY,
    ]
    # the triage found nothing: consulted, traced, not cited
    assert decision.rule_ids == ("RG-CC", "CC-QUALIFYING", "CC-APPOINTMENT", "CC-CALL", "CC-TIPS")
    assert decision.notes == (
        "A request made on 2020-05-04 usually gives an appointment between 2020-05-09 and "
        "2020-05-11.",
        *CALL_NOTES,
    )


def test_filing_by_mail_under_the_contact_center_needs_no_call() -> None:
    c = case(issue=ir.Issue.FILE_APPLICATION, form="I-485")
    decision = ir.next_action(c, as_of=D(2021, 1, 4))
    assert trace(decision) == [
        contact_center(D(2021, 1, 4)),
        ("CC-NOT-INFOPASS", "filing an application is not an InfoPass matter"),
    ]
    assert decision.rule_ids == ("RG-CC", "CC-NOT-INFOPASS")


def test_booked_appointment_for_an_appointment_issue() -> None:
    booked = ir.Appointment(D(2021, 6, 15), "ORL", (RECEIPT,))
    decision = ir.next_action(
        case("ORL", issue=ir.Issue.ADIT_STAMP), (booked,), as_of=D(2021, 6, 10)
    )
    assert trace(decision)[1] == ("RG-CC", "an appointment is booked for 2021-06-15 at ORL")
    assert decision.channels == {ir.Channel.INFOPASS}
    assert decision.checklist


@pytest.mark.parametrize(
    ("policy", "note"),
    [
        (ir.DEFAULT_POLICY, None),
        (
            ir.Policy(urgency_horizon_days=60),
            "Ask for urgent handling (Tier 2 at once, or an urgent appointment): 'trip' on "
            "2020-06-18, in 45 days (horizon 60).",
        ),
    ],
)
def test_triage_uses_the_policy_of_the_decision(policy: ir.Policy, note: str | None) -> None:
    c = case(issue=ir.Issue.ADVANCE_PAROLE, deadlines=(ir.Deadline(D(2020, 6, 18), "trip"),))
    decision = ir.next_action(c, as_of=D(2020, 5, 4), policy=policy)
    if note is None:
        assert NO_URGENCY in trace(decision)
        assert "CC-TRIAGE" not in decision.rule_ids
    else:
        assert note in decision.notes
        assert "CC-TRIAGE" in decision.rule_ids


def test_every_triage_factor_is_told() -> None:
    c = case(issue=ir.Issue.DACA, circumstances=frozenset({ir.Circumstance.HEALTH}), pressing=True)
    decision = ir.next_action(c, as_of=D(2020, 5, 4))
    assert (
        "CC-TRIAGE",
        "urgency factors to tell the representative: personal circumstance: health; the firm "
        "marks the issue pressing",
    ) in trace(decision)
    assert (
        "Ask for urgent handling (Tier 2 at once, or an urgent appointment): personal "
        "circumstance: health; the firm marks the issue pressing."
    ) in decision.notes


# --- sources dated after the decision, and stale sources ----------------------------------------


def test_sources_dated_after_the_decision_but_not_those_of_its_day() -> None:
    decision = ir.next_action(case(issue=ir.Issue.ROUTINE_QUESTION), as_of=D(2017, 5, 20))
    # infopass-guide-2017 is dated 2017-05-20 itself: not "after"
    assert decision.warnings == (
        "Sources dated after 2017-05-20 are cited (aila-19030140, contact-center-2019): they "
        "describe the procedure as reported later, the best evidence of it on that date.",
    )


@pytest.mark.parametrize(("days", "stale"), [(1094, False), (1095, False), (1096, True)])
def test_stale_warning_once_the_newest_source_is_older_than_the_policy_allows(
    days: int, stale: bool
) -> None:
    as_of = D(2019, 3, 1) + timedelta(days=days)  # contact-center-2019 is the newest source
    decision = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=as_of)
    expected = (
        f"The newest source this decision rests on is dated 2019-03-01, {days} days before "
        f"{as_of.isoformat()}: the procedure may have changed since; check for newer guidance."
    )
    assert decision.warnings == ((expected,) if stale else ())


def test_an_inquiry_during_an_earlier_run_outside_still_counts() -> None:
    # Outside in January, not in February (the date moved back), outside again from March: an
    # inquiry made in January was made while the case was outside, and stays step 1.
    table = ir.ProcessingTimes(
        [
            _entry("MIA", "Family", D(2020, 1, 10), D(2019, 6, 1), 10),
            _entry("MIA", "Family", D(2020, 2, 10), D(2019, 4, 1), 10),
            _entry("MIA", "Family", D(2020, 3, 10), D(2019, 7, 1), 10),
        ]
    )
    january = ir.Inquiry(D(2020, 1, 20), ir.Channel.INFOPASS)
    decision = ir.next_action(i485(), (january,), as_of=D(2020, 3, 20), processing_times=table)
    assert decision.ladder_steps == (D(2020, 1, 20),)
    assert (decision.step, decision.earliest) == (2, D(2020, 3, 21))  # 2020-01-20 + 61 days
    # A case's own date has no snapshots: an inquiry before it is premature.
    own = attrs.evolve(i485(), outside_processing_times_on=D(2020, 3, 10))
    assert ir.next_action(own, (january,), as_of=D(2020, 3, 20)).ladder_steps == ()
