"""Calendar export: events parse back, one per appointment and per dated decision, reproducibly."""

from __future__ import annotations

import builtins
import datetime as dt
import re
import subprocess
import sys
import textwrap
from typing import Any

import attrs
import icalendar
import pytest

from infopass_rules.edges.ical import to_ics
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Level
from infopass_rules.facts.history import Appointment
from infopass_rules.planning.plan import Plan
from infopass_rules.planning.requests import PlanRequest
from infopass_rules.planning.schedule import plan_appointments
from infopass_rules.sources.rulebook import load_rulebook

D = dt.date
MONDAY = D(2017, 6, 5)  # under RG-SELF: the firm books its appointments online


@attrs.frozen
class FakeDecision:
    action: Action
    earliest: dt.date | None
    channels: frozenset[Channel] = frozenset({Channel.INFOPASS})
    step: int | None = None


def a_plan(n: int = 7) -> Plan:
    requests = [PlanRequest(f"MSC{i:010d}", MONDAY) for i in range(n)]
    return plan_appointments(requests, attorneys=["Ana Ruiz"], office="MIA", start=MONDAY)


def events(data: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_one_all_day_event_per_appointment_and_dated_decision() -> None:
    plan = a_plan(7)
    decisions = [
        (Case("MSC0000000001", "MIA"), FakeDecision(Action.INQUIRE, D(2017, 6, 27), step=2)),
        (Case("MSC0000000002", "MIA"), FakeDecision(Action.NONE, None)),
    ]
    data = to_ics(plan=plan, decisions=decisions, calendar_name="Firm docket")
    found = events(data)
    assert len(found) == len(plan.appointments) + 1 == 3
    first = found[0]
    assert first.decoded("dtstart") == MONDAY
    assert first.decoded("dtend") == MONDAY + dt.timedelta(days=1)
    assert "MIA" in str(first["summary"])
    assert "Ana Ruiz" in str(first["summary"])
    description = str(first["description"])
    assert "MSC0000000004" in description
    for item in load_rulebook().parameters["contact_center.checklist"].at(MONDAY):
        assert item in description
    last = found[-1]
    assert last.decoded("dtstart") == D(2017, 6, 27)
    assert "INQUIRE" in str(last["summary"])
    assert "MSC0000000001" in str(last["summary"])
    assert "Ladder step: 2" in str(last["description"])
    assert icalendar.Calendar.from_ical(data)["x-wr-calname"] == "Firm docket"


def test_output_is_reproducible_with_content_uids_and_a_data_dtstamp() -> None:
    plan = a_plan(12)
    first, second = to_ics(plan=plan), to_ics(plan=a_plan(12))
    assert first == second
    found = events(first)
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)
    assert {e.decoded("dtstamp") for e in found} == {dt.datetime(2017, 6, 5, tzinfo=dt.UTC)}


def test_an_appointment_before_the_checklists_source_says_so() -> None:
    # The checklist is a long-standing practice the 2017 guide describes (CC-BRING is in force
    # from 2012-05-22): an appointment of 2014 has it without a note, one before 2012-05-22 not.
    for start, noted in ((D(2014, 3, 3), False), (D(2012, 5, 21), True)):
        plan = plan_appointments(
            [PlanRequest("MSC0000000001", start)], attorneys=["Ana"], office="MIA", start=start
        )
        (event,) = events(to_ics(plan=plan))
        assert ("dated after this appointment" in str(event["description"])) is noted


def test_an_empty_calendar_is_still_valid() -> None:
    data = to_ics()
    assert events(data) == []
    assert b"BEGIN:VCALENDAR" in data


def test_bad_input_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        to_ics(plan="plan")  # type: ignore[arg-type]
    assert info.value.field == "plan"
    with pytest.raises(InvalidValue) as info:
        to_ics(decisions=[(Case("MSC0000000001", "MIA"), object())])  # type: ignore[list-item]
    assert info.value.field == "decisions[0][1].earliest"
    no_action = (Case("MSC0000000001", "MIA"), FakeDecision("INQUIRE", MONDAY))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue) as info:
        to_ics(decisions=[no_action])
    assert info.value.field == "decisions[0][1].action"
    twice = (Case("MSC0000000001", "MIA"), FakeDecision(Action.INQUIRE, MONDAY))
    with pytest.raises(InvalidValue) as info:
        to_ics(decisions=[twice, twice])
    assert info.value.field == "decisions[1]"
    with pytest.raises(InvalidValue):
        to_ics(calendar_name="  ")


def test_missing_icalendar_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_icalendar(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "icalendar":
            raise ImportError("No module named 'icalendar'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_icalendar)
    with pytest.raises(InfopassRulesError, match=r"pip install infopass-rules\[ical\]"):
        to_ics(plan=a_plan(1))


# --- Events that say what to do; text that cannot inject a line -------------------------------

BOOK = "Book an INFOPASS appointment online"
CALL = "Call the USCIS Contact Center (1-800-375-5283) to request an INFOPASS appointment"
ATTEND = "Attend the INFOPASS appointment"


def across_march_2019(attorney: str = "Ana Ruiz") -> Plan:
    """Miami, 12 cases from Wednesday 2019-02-27: booked online on Feb 27-28 (RG-SELF), then
    Contact Center calls from March 1 (RG-CC)."""
    start = D(2019, 2, 27)
    requests = [PlanRequest(f"MSC19900{n:05d}", start) for n in range(12)]
    return plan_appointments(
        requests, attorneys=[attorney], office="MIA", start=start, horizon_days=5
    )


def test_each_event_says_what_to_do_where_for_which_cases_and_who() -> None:
    plan = across_march_2019()
    assert plan.regimes == ("RG-SELF", "RG-CC")
    booked = Appointment(D(2019, 3, 8), "MIA", ("MSC1990000010",), attorney="Ana Ruiz")
    found = events(to_ics(plan=plan, appointments=[booked]))
    assert len(found) == len(plan.appointments) + len(plan.calls) + 1 == 2 + 2 + 1
    by_kind: dict[str, list[Any]] = {BOOK: [], CALL: [], ATTEND: []}
    for event in found:
        summary = str(event["summary"])
        kind = next(k for k in by_kind if summary.startswith(k + ":"))
        by_kind[kind].append(event)
        assert "Miami FL (MIA)" in summary
        assert "Ana Ruiz" in summary
    assert [e.decoded("dtstart") for e in by_kind[BOOK]] == [D(2019, 2, 27), D(2019, 2, 28)]
    assert [e.decoded("dtstart") for e in by_kind[CALL]] == [D(2019, 3, 1), D(2019, 3, 4)]
    for event in by_kind[BOOK] + by_kind[ATTEND]:
        assert str(event["transp"]) == "OPAQUE"  # busy: the attorney is at the office
        assert str(event["location"]) == "USCIS Miami FL Field Office (MIA)"
        assert "Bring (CC-BRING):" in str(event["description"])
    assert "5 cases" in str(by_kind[BOOK][0]["summary"])
    call = by_kind[CALL][0]
    assert str(call["transp"]) == "TRANSPARENT"
    assert "1 case," in str(call["summary"])
    description = str(call["description"])
    assert "2019-03-02 to 2019-03-03" in description  # the call-back window
    assert "2019-03-06 to 2019-03-08" in description  # the appointment window
    assert "CC-SUPERVISOR" in description
    assert "MSC1990000010" in description
    assert by_kind[ATTEND][0].decoded("dtstart") == D(2019, 3, 8)


def test_decisions_to_call_or_attend_say_so() -> None:
    decisions = [
        (Case("MSC1990000001", "MIA"), FakeDecision(Action.REQUEST_APPOINTMENT, D(2019, 4, 1))),
        (Case("MSC1990000002", "SFR"), FakeDecision(Action.ATTEND_APPOINTMENT, D(2019, 4, 2))),
    ]
    first, second = events(to_ics(decisions=decisions))
    assert str(first["summary"]) == f"{CALL}: MSC1990000001, Miami FL (MIA) (allowed from this day)"
    assert str(second["summary"]).startswith(f"{ATTEND}: MSC1990000002, San Francisco CA (SFR)")


# A name the text policy lets through (newlines and a line separator are text; a carriage return
# or other control characters are refused when the name is first given) that would break an
# unescaped calendar.
PAYLOAD = "Ana\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:x;y,z\\w\u2028"
FLAT = "Ana END:VEVENT BEGIN:VEVENT SUMMARY:x;y,z\\w"


def _unfolded(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF, nothing else breaks
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def check_no_injection(data: bytes, expected_events: int) -> list[Any]:
    lines = _unfolded(data)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == expected_events
    allowed = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "UID", "DTSTAMP"}
    allowed |= {"DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "TRANSP", ""}
    for line in lines:
        name = re.split(r"[:;]", line, maxsplit=1)[0]
        assert name in allowed, line
    found = events(data)
    assert len(found) == expected_events
    return found


def test_no_line_can_be_injected_through_a_name() -> None:
    plan = across_march_2019(attorney=PAYLOAD)
    booked = Appointment(D(2019, 3, 8), "MIA", ("MSC1990000010",), attorney=PAYLOAD)
    data = to_ics(plan=plan, appointments=[booked], calendar_name="Firm " + PAYLOAD)
    found = check_no_injection(data, 5)
    # icalendar reads an X- property back raw: compare it escaped (RFC 5545 3.3.11).
    escaped = FLAT.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    assert str(icalendar.Calendar.from_ical(data)["x-wr-calname"]) == "Firm " + escaped
    for event in found:
        assert str(event["summary"]).endswith(", " + FLAT)
        description = str(event["description"])
        assert "\r" not in description
        assert "Attorney: Ana\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:x;y,z\\w\n" in description
    # The escaping itself, in the raw text: backslash, semicolon and comma escaped.
    raw = "".join(_unfolded(data))
    assert "SUMMARY:x\\;y\\,z\\\\w" in raw


def test_no_line_can_be_injected_under_python_optimised() -> None:
    """Under ``python -O`` icalendar's own assertion against raw line breaks is gone."""
    script = textwrap.dedent(
        f"""
        import datetime as dt
        import infopass_rules as ir
        payload = {PAYLOAD!r}
        start = dt.date(2019, 2, 27)
        requests = [ir.PlanRequest(f"MSC19900{{n:05d}}", start) for n in range(12)]
        plan = ir.plan_appointments(
            requests, attorneys=[payload], office="MIA", start=start, horizon_days=5
        )
        import sys
        sys.stdout.buffer.write(ir.to_ics(plan=plan, calendar_name=payload))
        """
    )
    done = subprocess.run(
        [sys.executable, "-O", "-c", script], capture_output=True, check=True, timeout=120
    )
    check_no_injection(done.stdout, 4)


# --- Events that say what the decision says (plan_docket's purposes) --------------------------

TIER_2_SUPERVISOR = (
    "Call the USCIS Contact Center (1-800-375-5283) and ask for the Tier 2 Supervisor"
)
INQUIRY_CALL = "Call the USCIS Contact Center (1-800-375-5283) to make the case inquiry"


@attrs.frozen
class LevelDecision:
    action: Action
    earliest: dt.date | None
    level: Level | None = None
    channels: frozenset[Channel] = frozenset({Channel.CONTACT_CENTER})


def purposes_plan() -> tuple[Plan, dict[str, str]]:
    """The example docket planned with plan_docket: every purpose, with the receipt numbers of
    a Tier 2 Supervisor call, an inquiry call and an appointment request."""
    import infopass_rules as ir

    report = ir.decide_docket(ir.example_docket(), as_of=D(2019, 2, 25))
    plan = ir.plan_docket(report, attorneys=["J. Alvarez", "R. Chen"], start=report.as_of)
    return plan, {
        "tier2": "WAC1891000023",  # SFR: ESCALATE to the Tier 2 Supervisor
        "inquiry": "SRC1891000034",  # JAC (RG-PILOT): INQUIRE by phone
        "request": "EAC1891000021",  # HAR (RG-PILOT): REQUEST_APPOINTMENT
        "fod": "MSC1891000004",  # KND (RG-SELF): ESCALATE to the Field Office Director
    }


def test_each_planned_call_says_what_its_decision_asks_for() -> None:
    plan, numbers = purposes_plan()
    found = {
        number: event
        for event in events(to_ics(plan=plan))
        for number in numbers.values()
        if number in str(event["description"])
    }
    tier2 = found[numbers["tier2"]]
    assert str(tier2["summary"]).startswith(TIER_2_SUPERVISOR + ": San Francisco CA (SFR)")
    described = str(tier2["description"])
    assert "Ask to speak with a Tier 2 Supervisor" in described
    assert "request an INFOPASS appointment" not in described
    assert "refer the request to Tier 2" not in described
    inquiry = found[numbers["inquiry"]]
    assert str(inquiry["summary"]).startswith(INQUIRY_CALL + ": Jacksonville FL (JAC)")
    assert "request an INFOPASS appointment" not in str(inquiry["description"])
    request = found[numbers["request"]]
    assert str(request["summary"]).startswith(CALL + ": Hartford CT (HAR)")
    assert "Ask Tier 1 to refer the request to Tier 2 (CC-APPOINTMENT)" in str(
        request["description"]
    )
    fod = found[numbers["fod"]]
    assert str(fod["summary"]).startswith(BOOK + ": Kendall FL (KND), 1 case, ")
    assert str(fod["summary"]).endswith(": ask for the Field Office Director")
    assert f"- {numbers['fod']}: ask for the Field Office Director (ESCALATE)" in str(
        fod["description"]
    )


def test_an_appointment_s_event_counts_what_its_cases_are_for() -> None:
    plan, _ = purposes_plan()
    (miami,) = [a for a in plan.appointments if a.office == "MIA"]
    (event,) = [
        e for e in events(to_ics(plan=plan)) if str(e["summary"]).startswith(BOOK + ": Miami FL")
    ]
    kinds = {b.purpose for b in plan.bookings if b.receipt_number in miami.receipt_numbers}
    assert len(kinds) == 2  # inquiries and in-person matters at one appointment
    assert str(event["summary"]).endswith(": 3 inquiries, 2 in-person matters")
    assert "ask to speak to a Supervisor" in str(event["description"])


def test_a_fod_appointment_requested_on_a_call_says_the_fod_is_asked_for_there() -> None:
    import infopass_rules as ir

    case = ir.Case("MSC1890000003", "MIA", outside_processing_times_on=D(2018, 1, 2))
    steps = tuple(
        ir.Inquiry(d, Channel.INFOPASS) for d in (D(2018, 1, 3), D(2018, 3, 6), D(2018, 4, 6))
    )
    report = ir.decide_docket(ir.Docket((case,), {case.receipt_number: steps}), as_of=D(2019, 5, 1))
    plan = ir.plan_docket(report, attorneys=["Ana"], start=D(2019, 5, 1))
    (event,) = events(to_ics(plan=plan))
    assert str(event["summary"]).startswith(
        CALL + ", to ask for the Field Office Director there: Miami FL (MIA), 1 case, Ana"
    )
    assert "At the appointment, ask for the Field Office Director" in str(event["description"])


@pytest.mark.parametrize(
    ("decision", "office", "summary"),
    [
        (
            LevelDecision(Action.ESCALATE, D(2019, 4, 4), Level.TIER_2_SUPERVISOR),
            "SFR",
            f"{TIER_2_SUPERVISOR}: MSC1990000001, San Francisco CA (SFR) (allowed from this day)",
        ),
        (
            LevelDecision(Action.ESCALATE, D(2018, 5, 1), Level.FIELD_OFFICE_DIRECTOR),
            "MIA",
            "Ask for the Field Office Director at an INFOPASS appointment: MSC1990000001, "
            "Miami FL (MIA) (allowed from this day)",
        ),
        (
            LevelDecision(Action.REQUEST_APPOINTMENT, D(2018, 5, 1)),
            "MIA",
            f"{BOOK}: MSC1990000001, Miami FL (MIA) (allowed from this day)",
        ),
        (
            LevelDecision(Action.REQUEST_APPOINTMENT, D(2019, 3, 1)),
            "MIA",
            f"{CALL}: MSC1990000001, Miami FL (MIA) (allowed from this day)",
        ),
        (
            LevelDecision(Action.REQUEST_APPOINTMENT, D(2019, 2, 28)),
            "MIA",
            f"{BOOK}: MSC1990000001, Miami FL (MIA) (allowed from this day)",
        ),
    ],
    ids=["tier-2-supervisor", "fod", "book-2018", "call-from-march-2019", "book-last-day"],
)
def test_a_decision_s_own_day_is_said_in_its_words(
    decision: LevelDecision, office: str, summary: str
) -> None:
    (event,) = events(to_ics(decisions=[(Case("MSC1990000001", office), decision)]))
    assert str(event["summary"]) == summary
    if decision.level is not None:
        assert f"Ask for: the {decision.level.title}" in str(event["description"])


def test_the_docket_plan_s_calendar_opens_and_every_event_says_what_to_do(
    tmp_path: Any,
) -> None:
    import infopass_rules as ir
    from infopass_rules.edges.docket.plan_text import plan_text

    report = ir.decide_docket(ir.example_docket(), as_of=D(2019, 2, 25))
    _, data = plan_text(report, ["J. Alvarez", "R. Chen"], want_ics=True)
    assert data is not None
    found = events(data)
    starts = (BOOK + ":", CALL, TIER_2_SUPERVISOR + ":", INQUIRY_CALL + ":", ATTEND + ":")
    assert all(str(e["summary"]).startswith(starts) for e in found)
    assert all(ir.is_business_day(e.decoded("dtstart")) for e in found)
    # Every planned call and booking is there once, and each appointment already booked.
    plan = ir.plan_docket(report, attorneys=["J. Alvarez", "R. Chen"], start=report.as_of)
    attend = report.counts[Action.ATTEND_APPOINTMENT]
    assert len(found) == len(plan.appointments) + len(plan.calls) + attend


def test_an_appointment_window_of_one_day_is_said_as_that_day() -> None:
    plan, numbers = purposes_plan()
    (event,) = [e for e in events(to_ics(plan=plan)) if numbers["request"] in str(e["description"])]
    (call,) = [c for c in plan.calls if numbers["request"] in c.receipt_numbers]
    assert call.appointment_window == (D(2019, 3, 4), D(2019, 3, 4))
    assert "the appointment is usually set for 2019-03-04." in str(event["description"])
