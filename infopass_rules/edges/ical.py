"""Calendar export: a plan's appointments and decisions' first allowed days as iCalendar.

:func:`to_ics` writes one all-day event per planned appointment (office, attorney, the cases to
present and the checklist of what to bring, CC-BRING) and one all-day event per decision's
``earliest`` date (the day its action is first allowed). It needs the ``icalendar`` package, an
optional extra: ``pip install infopass-rules[ical]``; it is imported only when called.

The output is reproducible: the same data gives the same bytes. Event UIDs are a hash of the
event's content, and DTSTAMP (which RFC 5545 requires) is midnight UTC of the earliest date in
the calendar rather than the time of the export: no clock is read.

A plan's JSON needs nothing here: :class:`~infopass_rules.planning.plan.Plan` and its parts are
plain attrs classes of dates, strings, enums and tuples, which the serialisation module handles.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable
from typing import Any, Protocol

from infopass_rules._version import __version__
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action
from infopass_rules.facts.history import Appointment
from infopass_rules.facts.offices import get_office
from infopass_rules.planning.plan import Plan
from infopass_rules.planning.requests import case_decision_pairs
from infopass_rules.sources.rulebook import load_rulebook

__all__ = ["SupportsDatedDecision", "to_ics"]

_ONE_DAY = _dt.timedelta(days=1)
_CHECKLIST = "contact_center.checklist"
_UID_DOMAIN = "infopass-rules"
_CALENDAR_NAME = v.text("calendar_name", max_length=200)


class SupportsDatedDecision(Protocol):
    """What :func:`to_ics` reads of a decision (``infopass_rules.Decision``)."""

    @property
    def action(self) -> Action: ...

    @property
    def earliest(self) -> _dt.date | None: ...


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError as exc:
        raise InfopassRulesError(
            "calendar export needs the optional icalendar package; install it with "
            "'pip install infopass-rules[ical]'",
            field="icalendar",
        ) from exc
    return icalendar


def _uid(*parts: str) -> str:
    # A hash of the content: the same appointment or decision always gets the same UID, so a
    # calendar re-imported after a re-plan updates events instead of duplicating them.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{_UID_DOMAIN}"


def _checklist(day: _dt.date) -> tuple[tuple[str, ...], str | None]:
    """The checklist for an appointment on ``day`` and a note when its source postdates it."""
    parameter = load_rulebook().parameters[_CHECKLIST]
    period = parameter.period_at(day)
    if period is not None:
        return tuple(period.value), None
    # Before its first source the checklist is still the best advice there is; say so.
    first = parameter.values[0]
    note = f"(checklist from {first.source_id}, dated after this appointment)"
    return tuple(first.value), note


def _appointment_event(a: Appointment) -> tuple[_dt.date, str, str, str]:
    office = get_office(a.office)
    who = a.attorney if a.attorney is not None else "attorney not set"
    summary = f"INFOPASS appointment at {office.code} ({office.description}) - {who}"
    items, note = _checklist(a.on)
    lines = [f"Cases to present ({len(a.receipt_numbers)}):"]
    lines += [f"- {number}" for number in a.receipt_numbers]
    lines += ["", "Bring (CC-BRING):"] + [f"- {item}" for item in items]
    if note:
        lines.append(note)
    uid = _uid("appointment", a.on.isoformat(), a.office, who, *a.receipt_numbers)
    return a.on, summary, "\n".join(lines), uid


def _decision_events(decisions: object) -> list[tuple[_dt.date, str, str, str]]:
    out = []
    for i, (case, decision, earliest) in enumerate(case_decision_pairs(decisions, "decisions")):
        action = getattr(decision, "action", None)
        if not isinstance(action, Action):
            raise InvalidValue(
                "has no action",
                field=f"decisions[{i}][1].action",
                value=action,
                expected="an infopass_rules.Action",
            )
        number = case.receipt_number
        if earliest is None:  # nothing to do (Action.NONE): no day to mark
            continue
        summary = f"{number}: {action.name} allowed from this day"
        lines = [f"Case {number} ({case.office}): {action.name} is allowed from this day."]
        step = getattr(decision, "step", None)
        if isinstance(step, int) and not isinstance(step, bool):
            lines.append(f"Ladder step: {step}")
        citations = getattr(decision, "citations", ())
        rule_ids = sorted({str(getattr(c, "rule_id", "")) for c in citations} - {""})
        if rule_ids:
            lines.append("Rules: " + ", ".join(rule_ids))
        uid = _uid("decision", earliest.isoformat(), number, action.name)
        out.append((earliest, summary, "\n".join(lines), uid))
    return out


def to_ics(
    *,
    plan: Plan | None = None,
    decisions: Iterable[tuple[Case, SupportsDatedDecision]] = (),
    calendar_name: str = "INFOPASS appointments",
) -> bytes:
    """An iCalendar file (RFC 5545) of a plan's appointments and decisions' first allowed days.

    Args:
        plan: a :class:`~infopass_rules.planning.plan.Plan`; one all-day event per appointment.
        decisions: ``(case, decision)`` pairs; one all-day event per decision with an
            ``earliest`` date, on that date (decisions without one are skipped).
        calendar_name: the calendar's display name (``X-WR-CALNAME``).

    Returns:
        The calendar as bytes (UTF-8, CRLF line ends), identical for identical input.

    Raises:
        InfopassRulesError: the ``icalendar`` package is not installed.
        InvalidValue: ``plan`` is not a Plan, a decision pair is malformed or repeats a case,
            or ``calendar_name`` is empty.
    """
    if plan is not None and not isinstance(plan, Plan):
        raise InvalidValue(
            "must be a Plan or None", field="plan", value=plan, expected="infopass_rules.Plan"
        )
    name = _CALENDAR_NAME(calendar_name)
    events = [_appointment_event(a) for a in plan.appointments] if plan is not None else []
    events += _decision_events(decisions)
    events.sort(key=lambda e: (e[0], e[3]))
    icalendar = _icalendar()

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//infopass_rules//infopass-rules {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # DTSTAMP from the data, not the clock: midnight UTC of the calendar's first day.
    first = events[0][0] if events else _dt.date.min
    stamp = _dt.datetime(first.year, first.month, first.day, tzinfo=_dt.UTC)
    for day, summary, description, uid in events:
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        if day < _dt.date.max:  # an all-day DATE event without DTEND lasts one day anyway
            event.add("dtend", day + _ONE_DAY)
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
