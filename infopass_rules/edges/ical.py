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
import re
from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from infopass_rules._version import __version__
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action
from infopass_rules.facts.history import Appointment
from infopass_rules.facts.history import appointments as appointments_of
from infopass_rules.facts.offices import Office, get_office
from infopass_rules.planning.plan import Plan, PlannedCall
from infopass_rules.planning.requests import case_decision_pairs
from infopass_rules.sources.rulebook import load_rulebook

__all__ = ["SupportsDatedDecision", "to_ics"]

_ONE_DAY = _dt.timedelta(days=1)
_CHECKLIST = "contact_center.checklist"
_UID_DOMAIN = "infopass-rules"
_CALENDAR_NAME = v.text("calendar_name", max_length=200)
_PHONE = "contact_center.phone"

BOOK = "Book an INFOPASS appointment online"
CALL = "Call the USCIS Contact Center ({phone}) to request an INFOPASS appointment"
ATTEND = "Attend the INFOPASS appointment"

# RFC 5545 TEXT allows no control character but HTAB; line breaks are escaped (\n) in
# multi-line fields and become spaces in single-line ones.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def _line(text: str) -> str:
    """One line of text: every line break or control character becomes a space."""
    return _CONTROLS.sub(" ", _BREAKS.sub(" ", text)).replace("\t", " ")


def _lines(text: str) -> str:
    """Multi-line text: line breaks normalised to ``\n`` (escaped on output), other control
    characters replaced by spaces."""
    return _CONTROLS.sub(" ", _BREAKS.sub("\n", text))


@attrs.frozen
class _Event:
    day: _dt.date
    summary: str
    description: str
    uid: str
    busy: bool = False
    location: str | None = None


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


def _place(office: Office) -> str:
    return f"USCIS {office.description} Field Office ({office.code})"


def _cases(numbers: tuple[str, ...]) -> str:
    return f"{len(numbers)} case" + ("" if len(numbers) == 1 else "s")


def _bring(day: _dt.date) -> list[str]:
    items, note = _checklist(day)
    lines = ["", "Bring (CC-BRING):"] + [f"- {item}" for item in items]
    return [*lines, note] if note else lines


def _appointment_event(a: Appointment, action: str, booked: bool) -> _Event:
    office = get_office(a.office)
    who = a.attorney if a.attorney is not None else "attorney not set"
    summary = f"{action}: {office.description} ({office.code}), {_cases(a.receipt_numbers)}, {who}"
    if booked:
        lines = [f"{ATTEND} at the {_place(office)}, {a.on.isoformat()}.", f"Attorney: {who}"]
    else:
        lines = [
            f"Not booked yet: book an INFOPASS appointment online at the {_place(office)} for "
            f"{a.on.isoformat()} (RG-SELF: the firm books its own appointments), then attend it.",
            f"Attorney: {who}",
        ]
    lines.append(f"Cases to present ({len(a.receipt_numbers)}):")
    lines += [f"- {number}" for number in a.receipt_numbers]
    lines += _bring(a.on)
    kind = "attend" if booked else "appointment"
    uid = _uid(kind, a.on.isoformat(), a.office, who, *a.receipt_numbers)
    return _Event(a.on, summary, "\n".join(lines), uid, busy=True, location=_place(office))


def _call_event(c: PlannedCall, phone: str) -> _Event:
    office = get_office(c.office) if c.office is not None else None
    where = f"{office.description} ({office.code})" if office else "the office"
    action = CALL.format(phone=phone)
    summary = f"{action}: {where}, {_cases(c.receipt_numbers)}, {c.attorney}"
    lines = [
        f"{action} at {where} ({c.regime}: the firm cannot book online).",
        f"Attorney: {c.attorney}",
        f"Cases ({len(c.receipt_numbers)}):",
        *(f"- {number}" for number in c.receipt_numbers),
        "",
        f"Ask Tier 1 to refer the request to Tier 2 (CC-APPOINTMENT). Tier 2's call-back is "
        f"expected {c.callback_window[0].isoformat()} to {c.callback_window[1].isoformat()}; "
        f"the appointment is usually set for {c.appointment_window[0].isoformat()} to "
        f"{c.appointment_window[1].isoformat()}.",
        "With no call-back in that window, call again and ask for a Tier 2 Supervisor "
        "(CC-SUPERVISOR).",
    ]
    uid = _uid("call", c.on.isoformat(), c.office or "", c.attorney, *c.receipt_numbers)
    location = _place(office) if office else None
    return _Event(c.on, summary, "\n".join(lines), uid, busy=False, location=location)


def _decision_events(decisions: object, phone: str) -> list[_Event]:
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
        office = get_office(case.office)
        where = f"{office.description} ({office.code})"
        what = _DECISION_ACTIONS.get(action, "").format(phone=phone)
        attend = action is Action.ATTEND_APPOINTMENT
        summary = f"{number}: {action.name} allowed from this day, {where}"
        if attend:  # the day of an appointment already booked: it is held that day
            summary = f"{what}: {number}, {where}"
        elif what:
            summary = f"{what}: {number}, {where} (allowed from this day)"
        lines = [
            f"Case {number} ({where}): the appointment booked for this day."
            if attend
            else f"Case {number} ({where}): {action.name} is allowed from this day."
        ]
        step = getattr(decision, "step", None)
        if isinstance(step, int) and not isinstance(step, bool):
            lines.append(f"Ladder step: {step}")
        citations = getattr(decision, "citations", ())
        rule_ids = sorted({str(getattr(c, "rule_id", "")) for c in citations} - {""})
        if rule_ids:
            lines.append("Rules: " + ", ".join(rule_ids))
        uid = _uid("decision", earliest.isoformat(), number, action.name)
        # An appointment to attend takes the attorney's day: busy, at the office.
        place = _place(office) if attend else None
        out.append(_Event(earliest, summary, "\n".join(lines), uid, busy=attend, location=place))
    return out


# The decisions whose action is one of the calendar's three: their event says it.
_DECISION_ACTIONS = {Action.REQUEST_APPOINTMENT: CALL, Action.ATTEND_APPOINTMENT: ATTEND}


def to_ics(
    *,
    plan: Plan | None = None,
    decisions: Iterable[tuple[Case, SupportsDatedDecision]] = (),
    calendar_name: str = "INFOPASS appointments",
    appointments: Iterable[Appointment] = (),
) -> bytes:
    """An iCalendar file (RFC 5545) of what the firm has to do: book, call, attend.

    Args:
        plan: a :class:`~infopass_rules.planning.plan.Plan`: one all-day event per appointment
            to book online ("Book an INFOPASS appointment online", busy, at the office) and per
            Contact Center call ("Call the USCIS Contact Center (1-800-375-5283) to request an
            INFOPASS appointment").
        decisions: ``(case, decision)`` pairs; one all-day event per decision with an
            ``earliest`` date, on that date (decisions without one are skipped).
        calendar_name: the calendar's display name (``X-WR-CALNAME``).
        appointments: appointments already booked (e.g. scheduled by the Contact Center): one
            all-day event each, "Attend the INFOPASS appointment", busy, at the office.

    Returns:
        The calendar as bytes (UTF-8, CRLF line ends), identical for identical input. Every
        text is escaped (RFC 5545); line breaks in a name never start a new line.

    Raises:
        InfopassRulesError: the ``icalendar`` package is not installed.
        InvalidValue: ``plan`` is not a Plan, a decision pair is malformed or repeats a case,
            an appointment is not an ``Appointment``, or ``calendar_name`` is empty.
    """
    if plan is not None and not isinstance(plan, Plan):
        raise InvalidValue(
            "must be a Plan or None", field="plan", value=plan, expected="infopass_rules.Plan"
        )
    name = _CALENDAR_NAME(calendar_name)
    booked = appointments_of(appointments, "appointments", max_items=1_000_000)
    phone = str(load_rulebook().parameters[_PHONE].values[-1].value)
    events: list[_Event] = []
    if plan is not None:
        events += [_appointment_event(a, BOOK, booked=False) for a in plan.appointments]
        events += [_call_event(c, phone) for c in plan.calls]
    events += [_appointment_event(a, ATTEND, booked=True) for a in booked]
    events += _decision_events(decisions, phone)
    events.sort(key=lambda e: (e.day, e.uid))
    icalendar = _icalendar()

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//infopass_rules//infopass-rules {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # A vText explicitly: an X- property is not escaped otherwise.
    calendar.add("x-wr-calname", icalendar.vText(_line(name)))
    # DTSTAMP from the data, not the clock: midnight UTC of the calendar's first day.
    first = events[0].day if events else _dt.date.min
    stamp = _dt.datetime(first.year, first.month, first.day, tzinfo=_dt.UTC)
    for e in events:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        if e.day < _dt.date.max:  # an all-day DATE event without DTEND lasts one day anyway
            event.add("dtend", e.day + _ONE_DAY)
        event.add("summary", icalendar.vText(_line(e.summary)))
        event.add("description", icalendar.vText(_lines(e.description)))
        if e.location is not None:
            event.add("location", icalendar.vText(_line(e.location)))
        event.add("transp", "OPAQUE" if e.busy else "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
