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
from infopass_rules.facts.enums import Action, Channel
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
