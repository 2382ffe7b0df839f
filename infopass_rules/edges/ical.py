"""Calendar export: a plan's appointments and decisions' first allowed days as iCalendar.

:func:`to_ics` writes one all-day event per planned appointment (office, attorney, the cases to
present, what each case is presented for, and the checklist of what to bring, CC-BRING), one per
planned Contact Center call (what the call asks for: an appointment, a case inquiry, the Tier 2
Supervisor) and one all-day event per decision's ``earliest`` date (the day its action is first
allowed, in the decision's own words: "ask for the Tier 2 Supervisor", not an appointment). It
needs the ``icalendar`` package, an optional extra: ``pip install infopass-rules[ical]``; it is
imported only when called.

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
from infopass_rules.facts.enums import Action, Level
from infopass_rules.facts.history import Appointment
from infopass_rules.facts.history import appointments as appointments_of
from infopass_rules.facts.offices import Office, get_office
from infopass_rules.planning.plan import Plan, PlannedCall, Purpose
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
CALL_TIER_2_SUPERVISOR = "Call the USCIS Contact Center ({phone}) and ask for the Tier 2 Supervisor"
CALL_INQUIRY = "Call the USCIS Contact Center ({phone}) to make the case inquiry"

#: What a case is presented for at an appointment, by its purpose.
_AT_APPOINTMENT = {
    Purpose.INQUIRY: "make the case inquiry in person (INQUIRE)",
    Purpose.APPOINTMENT: "the in-person matter the decision calls for (REQUEST_APPOINTMENT)",
    Purpose.FIELD_OFFICE_DIRECTOR: "ask for the Field Office Director (ESCALATE)",
    Purpose.TIER_2_SUPERVISOR: "ask for the Tier 2 Supervisor (ESCALATE)",
}
#: The purposes counted in an appointment's summary ("2 inquiries, 1 FOD").
_COUNTED = {
    Purpose.INQUIRY: ("inquiry", "inquiries"),
    Purpose.APPOINTMENT: ("in-person matter", "in-person matters"),
    Purpose.FIELD_OFFICE_DIRECTOR: (
        "Field Office Director escalation",
        "Field Office Director escalations",
    ),
    Purpose.TIER_2_SUPERVISOR: ("Tier 2 Supervisor escalation", "Tier 2 Supervisor escalations"),
}

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


def _purposes_text(purposes: list[Purpose]) -> str:
    """What an appointment's cases are for, counted: "2 inquiries, 1 in-person matter"; one
    purpose alone in its words when every case has it."""
    counts = {p: purposes.count(p) for p in Purpose if p in purposes}
    if len(counts) == 1 and next(iter(counts)) is Purpose.FIELD_OFFICE_DIRECTOR:
        return "ask for the Field Office Director"
    return ", ".join(
        f"{n} {_COUNTED[p][0] if n == 1 else _COUNTED[p][1]}" for p, n in counts.items()
    )


def _appointment_event(
    a: Appointment, action: str, booked: bool, purposes: dict[str, Purpose] | None = None
) -> _Event:
    office = get_office(a.office)
    who = a.attorney if a.attorney is not None else "attorney not set"
    summary = f"{action}: {office.description} ({office.code}), {_cases(a.receipt_numbers)}, {who}"
    said = [purposes[n] for n in a.receipt_numbers if n in purposes] if purposes else []
    if said:
        summary += f": {_purposes_text(said)}"
    if booked:
        lines = [f"{ATTEND} at the {_place(office)}, {a.on.isoformat()}.", f"Attorney: {who}"]
    else:
        lines = [
            f"Not booked yet: book an INFOPASS appointment online at the {_place(office)} for "
            f"{a.on.isoformat()} (RG-SELF: the firm books its own appointments), then attend it.",
            f"Attorney: {who}",
        ]
    lines.append(f"Cases to present ({len(a.receipt_numbers)}):")
    lines += [
        f"- {number}: {_AT_APPOINTMENT[purposes[number]]}"
        if purposes and number in purposes
        else f"- {number}"
        for number in a.receipt_numbers
    ]
    if purposes and any(purposes.get(n) is Purpose.INQUIRY for n in a.receipt_numbers):
        lines.append(
            "If an inquiry is not properly resolved at the appointment, ask to speak to a "
            "Supervisor."
        )
    lines += _bring(a.on)
    kind = "attend" if booked else "appointment"
    uid = _uid(kind, a.on.isoformat(), a.office, who, *a.receipt_numbers)
    return _Event(a.on, summary, "\n".join(lines), uid, busy=True, location=_place(office))


def _days_text(window: tuple[_dt.date, _dt.date]) -> str:
    """A window of days in words: "2019-03-04" for one day, else "2019-03-04 to 2019-03-06"."""
    first, last = window
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _call_event(c: PlannedCall, phone: str) -> _Event:
    office = get_office(c.office) if c.office is not None else None
    where = f"{office.description} ({office.code})" if office else "the office"
    cases = [
        f"Attorney: {c.attorney}",
        f"Cases ({len(c.receipt_numbers)}):",
        *(f"- {number}" for number in c.receipt_numbers),
        "",
    ]
    if c.callback_window is not None and c.appointment_window is not None:
        action = CALL.format(phone=phone)
        why = {
            Purpose.FIELD_OFFICE_DIRECTOR: ", to ask for the Field Office Director there",
            Purpose.INQUIRY: ", to make the case inquiry in person",
        }.get(c.purpose, "")
        lines = [
            f"{action}{why} at {where} ({c.regime}: the firm cannot book online).",
            *cases,
            f"Ask Tier 1 to refer the request to Tier 2 (CC-APPOINTMENT). Tier 2's call-back is "
            f"expected {c.callback_window[0].isoformat()} to {c.callback_window[1].isoformat()}; "
            f"the appointment is usually set for {_days_text(c.appointment_window)}.",
            "With no call-back in that window, call again and ask for a Tier 2 Supervisor "
            "(CC-SUPERVISOR).",
        ]
        if c.purpose is Purpose.FIELD_OFFICE_DIRECTOR:
            lines.append("At the appointment, ask for the Field Office Director (ESCALATE).")
        action += why
    elif c.purpose is Purpose.TIER_2_SUPERVISOR:
        action = CALL_TIER_2_SUPERVISOR.format(phone=phone)
        lines = [
            f"{action} about the cases of {where} (ESCALATE, CC-SUPERVISOR).",
            *cases,
            "Ask to speak with a Tier 2 Supervisor, who can contact field offices and the National "
            "Benefits Center: Tier 2's call-back did not come within its window, or the Tier 2 "
            "officer reached did not resolve the case. Do not ask for an appointment.",
        ]
    else:
        action = CALL_INQUIRY.format(phone=phone)
        lines = [
            f"{action} about the cases of {where} (INQUIRE; {c.regime}).",
            *cases,
            "Tier 1 asks for the name, date of birth and receipt number (CC-CALL). If Tier 1 "
            "refers the case to Tier 2, record the referral: Tier 2 calls back, and a decision "
            "made then says when to ask for the Tier 2 Supervisor (CC-TIER2, CC-SUPERVISOR).",
        ]
    summary = f"{action}: {where}, {_cases(c.receipt_numbers)}, {c.attorney}"
    # An appointment request keeps the UID it always had; another purpose is a different call.
    kind = "call" if c.purpose is Purpose.APPOINTMENT else f"call {c.purpose.name}"
    uid = _uid(kind, c.on.isoformat(), c.office or "", c.attorney, *c.receipt_numbers)
    location = _place(office) if office else None
    return _Event(c.on, summary, "\n".join(lines), uid, busy=False, location=location)


def _decision_words(decision: object, office: str, on: _dt.date, phone: str) -> str:
    """What a decision says to do, in the calendar's words ("" when no short phrase says it):
    a Tier 2 Supervisor escalation is a call asking for the Supervisor, a Field Office Director
    escalation is asked for at an appointment, an appointment is booked online or asked for on
    a call by the regime in force at the office that day (the decision's own when it says)."""
    action = getattr(decision, "action", None)
    level = getattr(decision, "level", None)
    if action is Action.ESCALATE and level is Level.TIER_2_SUPERVISOR:
        return CALL_TIER_2_SUPERVISOR.format(phone=phone)
    if action is Action.ESCALATE and level is Level.FIELD_OFFICE_DIRECTOR:
        return "Ask for the Field Office Director at an INFOPASS appointment"
    if action is Action.ATTEND_APPOINTMENT:
        return ATTEND
    if action is Action.REQUEST_APPOINTMENT:
        return BOOK if _self_scheduled(decision, office, on) else CALL.format(phone=phone)
    return ""


def _self_scheduled(decision: object, office: str, on: _dt.date) -> bool:
    from infopass_rules.rules.districts.registry import with_districts
    from infopass_rules.rules.regimes import regime_at, regime_named

    named = getattr(decision, "regime", None)
    regime = regime_named(named) if isinstance(named, str) else None
    if regime is None:
        regime, _ = regime_at(office, on, with_districts(load_rulebook()))
    return regime.self_scheduled


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
        what = _decision_words(decision, case.office, earliest, phone)
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
        level = getattr(decision, "level", None)
        if isinstance(level, Level):
            lines.append(f"Ask for: the {level.title}")
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
            Contact Center call, saying what the call asks for (``PlannedCall.purpose``): "Call
            the USCIS Contact Center (1-800-375-5283) to request an INFOPASS appointment", "...
            and ask for the Tier 2 Supervisor", "... to make the case inquiry"; an appointment's
            event says what each case is presented for (``Plan.bookings``).
        decisions: ``(case, decision)`` pairs; one all-day event per decision with an
            ``earliest`` date, on that date (decisions without one are skipped), saying what
            the decision says (a Tier 2 Supervisor escalation is a call asking for the
            Supervisor; an appointment is booked online under RG-SELF, asked for on a call
            under RG-PILOT / RG-CC).
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
        purposes = {b.receipt_number: b.purpose for b in plan.bookings}
        events += [_appointment_event(a, BOOK, False, purposes) for a in plan.appointments]
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
