"""The ``docket --plan`` text and calendar, built on plan_docket: a summary whose figures add up
to the report's counts, each day's calls and bookings saying what each is for, the firm's
attorney column, and the calendar opened with the icalendar parser."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

import infopass_rules as ir
from infopass_rules.edges.docket.plan_text import plan_text

D = dt.date
EXAMPLE_AS_OF = D(2019, 2, 25)
ATTORNEYS = ["J. Alvarez", "R. Chen"]
SUMMARY = re.compile(r"^  ([A-Z_]+) (\d+): (.*)$")


def example() -> ir.DocketReport:
    return ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)


def test_the_summary_counts_each_action_as_the_report_does() -> None:
    report = example()
    text, calendar = plan_text(report, ATTORNEYS, want_ics=False)
    assert calendar is None
    head = text.split("\n  2019-")[0].splitlines()
    assert head[0].startswith("Plan: 8 appointments booked online for 17 cases and ")
    counted: dict[ir.Action, int] = {}
    for line in head[1:]:
        for part in line.strip().split(": ")[0].split(", "):
            name, n = part.split(" ")
            counted[ir.Action[name]] = int(n)
    assert counted == {a: n for a, n in report.counts.items() if n}
    # Planned, line by line, is what the plan holds for those decisions.
    plan = ir.plan_docket(report, attorneys=ATTORNEYS, start=EXAMPLE_AS_OF)
    actions = {c.receipt_number: d.action for c, d in report.pairs()}
    placed = [b.receipt_number for b in plan.bookings]
    placed += [n for c in plan.calls for n in c.receipt_numbers]
    for line in head[1:]:
        found = SUMMARY.match(line)
        if found and " planned" in found[3]:
            action = ir.Action[found[1]]
            planned = int(found[3].split(" planned")[0])
            assert planned == sum(actions[n] is action for n in placed)
    assert (
        "  ESCALATE 5: 5 planned (3 to ask for the Field Office Director at appointments " in text
    )
    assert "2 on calls asking for the Tier 2 Supervisor)" in text


def test_each_day_says_what_each_call_and_case_is_for() -> None:
    text, _ = plan_text(example(), ATTORNEYS, want_ics=False)
    lines = text.splitlines()
    assert (
        "  2019-02-27  SFR  J. Alvarez: call the Contact Center and ask for the Tier 2 "
        "Supervisor: WAC1891000023"
    ) in lines
    assert (
        "  2019-02-25  JAC  R. Chen: call the Contact Center to make the case inquiry: "
        "SRC1891000034"
    ) in lines
    assert any(
        line.startswith(
            "  2019-02-25  HAR  J. Alvarez: call the Contact Center to request an INFOPASS "
            "appointment (call-back 2019-02-26 to 2019-02-27"
        )
        for line in lines
    )
    kendall = lines.index("  2019-02-27  KND  J. Alvarez: book online: MSC1891000004")
    assert lines[kendall + 1] == "      MSC1891000004: ask for the Field Office Director (ESCALATE)"
    # The days are in order; nothing to do and appointments already booked are not listed.
    days = [line[2:12] for line in lines if re.match(r"^  \d{4}-", line)]
    assert days == sorted(days)
    for quiet in ("MSC1791000006", "MSC1891000010", "SRC1891000028"):
        assert quiet not in text.split("\n", 1)[1]
    assert "  not planned: MSC1891000037: the encoded procedures set no further step" in text
    # A step not allowed yet is planned from its day (a Saturday: the call on the Monday after),
    # and the note says why not earlier.
    assert (
        "  2019-03-11  MIA  J. Alvarez: call the Contact Center to make the case inquiry: "
        "MSC1891000002"
    ) in lines
    assert (
        "  note: MSC1891000002: not allowed before 2019-03-09 (MIA-SECOND until 2019-03-09): "
        "planned from then"
    ) in lines


def test_the_calendar_opens_and_every_event_says_its_purpose() -> None:
    report = example()
    _, data = plan_text(report, ATTORNEYS, want_ics=True)
    assert data is not None
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    summaries = [str(e["summary"]) for e in events]
    tier2 = [s for s in summaries if "Tier 2 Supervisor" in s]
    assert len(tier2) == 2
    assert all("request an INFOPASS appointment" not in s for s in tier2)
    assert sum("to make the case inquiry" in s for s in summaries) == 5
    assert sum(s.startswith("Attend the INFOPASS appointment") for s in summaries) == 4
    books = [s for s in summaries if s.startswith("Book an INFOPASS appointment online")]
    assert len(books) == 8
    assert all(re.search(r"\d+ cases?, [^:]+: .+$", s) for s in books)
    # Every day is a business day, and each event's day is the plan's.
    assert all(ir.is_business_day(e.decoded("dtstart")) for e in events)


def hand_docket(attorney: str, column: str = "Attorney") -> ir.DocketReport:
    cases = tuple(
        ir.Case(f"EAC19900{n:05d}", office, outside_processing_times_on=D(2018, 1, 2))
        for n, office in enumerate(("SFR", "LOS"))
    )
    carried = {c.receipt_number: {column: attorney, "Client": "X"} for c in cases}
    docket = ir.Docket(cases, {}, carried=carried, carried_columns=(column, "Client"))
    return ir.decide_docket(docket, as_of=D(2019, 4, 1))


def test_the_firm_s_attorney_column_is_kept_when_that_attorney_is_planned_for() -> None:
    text, _ = plan_text(
        hand_docket("Zoe"), ["Abe", "Zoe"], want_ics=False, attorney_column="Attorney"
    )
    assert "  2019-04-01  SFR  Zoe: call the Contact Center to make the case inquiry" in text
    assert "  2019-04-02  LOS  Zoe: call the Contact Center to make the case inquiry" in text
    assert "note:" not in text
    text, _ = plan_text(hand_docket("Xavier"), ["Abe"], want_ics=False, attorney_column="Attorney")
    assert "is not among the attorneys planned for: the planner assigns one" in text


def test_a_column_the_report_does_not_carry_names_the_option() -> None:
    with pytest.raises(ir.InvalidValue, match="'Attorney', 'Client'") as caught:
        plan_text(hand_docket("Zoe"), ["Abe"], want_ics=False, attorney_column="Lawyer")
    assert caught.value.field == "--attorney-column"


def test_a_fod_asked_for_at_an_appointment_already_booked_is_not_booked_again() -> None:
    case = ir.Case("MSC1890000003", "MIA", outside_processing_times_on=D(2018, 1, 2))
    steps = tuple(
        ir.Inquiry(d, ir.Channel.INFOPASS) for d in (D(2018, 1, 3), D(2018, 3, 6), D(2018, 4, 6))
    )
    booked = ir.Appointment(D(2018, 5, 9), "MIA", (case.receipt_number,), attorney="Ana")
    for as_of in (D(2018, 5, 8), D(2018, 5, 9)):  # the day before the appointment, and its day
        docket = ir.Docket((case,), {case.receipt_number: (*steps, booked)})
        report = ir.decide_docket(docket, as_of=as_of)
        assert report.decisions[0].level is ir.Level.FIELD_OFFICE_DIRECTOR
        plan = ir.plan_docket(report, attorneys=["Ana"], start=as_of)
        assert (plan.appointments, plan.calls) == ((), ())
        (unplaced,) = plan.unplaced
        assert unplaced.reason == (
            "the Field Office Director is asked for at the appointment already booked for "
            "2018-05-09 (ESCALATE): it is not booked again"
        )
        _, data = plan_text(report, ["Ana"], want_ics=True)
        assert data is not None
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert str(event["summary"]).startswith("Ask for the Field Office Director")
        assert event.decoded("dtstart") == D(2018, 5, 9)
