"""Calendar export: events parse back, one per appointment and per dated decision, reproducibly."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

import attrs
import icalendar
import pytest

from infopass_rules.edges.ical import to_ics
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel
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
    start = D(2014, 3, 3)
    plan = plan_appointments(
        [PlanRequest("MSC0000000001", start)], attorneys=["Ana"], office="MIA", start=start
    )
    (event,) = events(to_ics(plan=plan))
    assert "dated after this appointment" in str(event["description"])


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
