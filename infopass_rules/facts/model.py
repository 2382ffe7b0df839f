"""The facts: immutable, validated values the rules engine reads.

``Case``, ``Inquiry``, ``Appointment`` and ``Deadline`` are frozen, slotted, hashable attrs
classes. They are validated when built, so a fact that exists is a valid fact; change one with
``attrs.evolve``, which validates again. Collections inside facts are tuples or frozensets
(lists and sets given to a constructor are converted), so facts can be hashed and shared.
"""

from __future__ import annotations

import datetime as _dt
import re

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.offices import OfficeKind, resolve_office

__all__ = ["Appointment", "Case", "Deadline", "Inquiry"]

#: Upper bounds on collections inside one fact: far above any real docket, low enough that a
#: runaway input fails fast with a clear error instead of exhausting memory.
MAX_DEADLINES = 100
MAX_RECEIPTS_PER_APPOINTMENT = 1000

_FORM = re.compile(r"([A-Z]{1,2})-?([0-9]{1,4})([A-Z]{0,3})")
_FORM_EXPECTED = "a USCIS form number such as 'I-485', 'N-400', 'I-129CW' or 'N-600K'"
_FIELD_OFFICE = frozenset({OfficeKind.FIELD_OFFICE})


# Named converters (the attrs mypy plugin needs named functions), one per field.
_ON_CHECK = v.a_date("on")


def _on(value: object) -> _dt.date:
    return _ON_CHECK(value)


_WHAT_CHECK = v.text("what", max_length=200)


def _what(value: object) -> str:
    return _WHAT_CHECK(value)


_ISSUE_CHECK = v.member(Issue, "issue")


def _issue(value: object) -> Issue:
    return _ISSUE_CHECK(value)


_CATEGORY_CHECK = v.optional_text("category", max_length=100)


def _category(value: object) -> str | None:
    return _CATEGORY_CHECK(value)


_RECEIVED_ON_CHECK = v.optional_date("received_on")


def _received_on(value: object) -> _dt.date | None:
    return _RECEIVED_ON_CHECK(value)


_OUTSIDE_ON_CHECK = v.optional_date("outside_processing_times_on")


def _outside_on(value: object) -> _dt.date | None:
    return _OUTSIDE_ON_CHECK(value)


_PRESSING_CHECK = v.a_bool("pressing")


def _pressing(value: object) -> bool:
    return _PRESSING_CHECK(value)


_RESOLVED_ON_CHECK = v.optional_date("resolved_on")


def _resolved_on(value: object) -> _dt.date | None:
    return _RESOLVED_ON_CHECK(value)


_CHANNEL_CHECK = v.member(Channel, "channel")


def _channel(value: object) -> Channel:
    return _CHANNEL_CHECK(value)


_OUTCOME_CHECK = v.member(Outcome, "outcome")


def _outcome(value: object) -> Outcome:
    return _OUTCOME_CHECK(value)


_LEVEL_CHECK = v.optional_member(Level, "level")


def _level(value: object) -> Level | None:
    return _LEVEL_CHECK(value)


_ATTORNEY_CHECK = v.optional_text("attorney", max_length=200)


def _attorney(value: object) -> str | None:
    return _ATTORNEY_CHECK(value)


def _form(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValue("must be a string", field="form", value=value, expected=_FORM_EXPECTED)
    # ASCII first: "\u0131485".upper() == "I485" would otherwise pass for an I-485.
    stripped = value.strip()
    match = _FORM.fullmatch(stripped.upper()) if stripped.isascii() else None
    if not match:
        raise InvalidValue(
            "is not a form number", field="form", value=value, expected=_FORM_EXPECTED
        )
    prefix, number, suffix = match.groups()
    return f"{prefix}-{number}{suffix}"


def _case_office(value: object) -> str:
    return resolve_office(value, field="office")


def _appointment_office(value: object) -> str:
    # INFOPASS appointments are held at field offices, never at a service center.
    return resolve_office(value, field="office", kinds=_FIELD_OFFICE)


def _case_receipt(value: object) -> str:
    return v.receipt_number(value, "receipt_number")


def _optional_receipt(value: object) -> str | None:
    return None if value is None else v.receipt_number(value, "receipt_number")


@attrs.frozen
class Deadline:
    """A date by which something must happen for the client (a trip, a job start, a hearing).

    Deadlines feed Contact Center triage (CC-TRIAGE) and the planner's urgency order.
    """

    on: _dt.date = attrs.field(converter=_on)
    what: str = attrs.field(converter=_what)


def _deadlines(value: object) -> tuple[Deadline, ...]:
    elements = v.items(value, "deadlines", max_items=MAX_DEADLINES)
    for i, element in enumerate(elements):
        if not isinstance(element, Deadline):
            raise InvalidValue(
                "must be a Deadline",
                field=f"deadlines[{i}]",
                value=element,
                expected="infopass_rules.Deadline(on=date, what=str)",
            )
    # Order carries no meaning; a canonical order makes equal dockets compare and hash equal.
    return tuple(sorted(elements, key=lambda d: (d.on, d.what)))


def _circumstances(value: object) -> frozenset[Circumstance]:
    elements = v.items(value, "circumstances", max_items=len(Circumstance))
    convert = v.member(Circumstance, "circumstances")
    return frozenset(convert(e) for e in elements)


@attrs.frozen
class Case:
    """A client's USCIS case, as the firm knows it on the day it asks.

    Args:
        receipt_number: 3 letters + 10 digits; spaces and dashes are dropped and letters
            upper-cased (``"msc-14-900-12345 "`` -> ``"MSC1490012345"``).
        office: the field office (or center) handling the case: its USCIS code (``"MIA"``),
            description (``"Miami FL"``) or city (``"Miami"``); stored as the code.
        issue: what the client needs (default: the case is delayed).
        form: the form number (``"I-485"``), normalised (``"i485"`` -> ``"I-485"``).
        category: the processing-times subtype (``"160A"``, ``"I-485 Family"``).
        received_on: the receipt date of the case.
        outside_processing_times_on: the first day the case is outside normal processing times
            (MIA-ELIGIBLE), when the firm knows it; otherwise the engine computes it from
            processing times.
        deadlines: dated deadlines of the client (triage, planning).
        circumstances: health, employment or financial circumstances (triage).
        pressing: the firm's judgement that an issue is pressing (MIA-FOD-PRESSING).
        resolved_on: the day the case was resolved, if it was.
    """

    receipt_number: str = attrs.field(converter=_case_receipt)
    office: str = attrs.field(converter=_case_office)
    issue: Issue = attrs.field(default=Issue.CASE_DELAY, converter=_issue)
    form: str | None = attrs.field(default=None, converter=_form)
    category: str | None = attrs.field(default=None, converter=_category)
    received_on: _dt.date | None = attrs.field(default=None, converter=_received_on)
    outside_processing_times_on: _dt.date | None = attrs.field(default=None, converter=_outside_on)
    deadlines: tuple[Deadline, ...] = attrs.field(default=(), converter=_deadlines)
    circumstances: frozenset[Circumstance] = attrs.field(
        default=frozenset(), converter=_circumstances
    )
    pressing: bool = attrs.field(default=False, converter=_pressing)
    resolved_on: _dt.date | None = attrs.field(default=None, converter=_resolved_on)

    def __attrs_post_init__(self) -> None:
        received = self.received_on
        if received is None:
            return
        for name in ("outside_processing_times_on", "resolved_on"):
            value = getattr(self, name)
            if value is not None and value < received:
                raise InvalidValue(
                    f"is before received_on ({received.isoformat()})",
                    field=name,
                    value=value,
                    expected=f"a date on or after {received.isoformat()}",
                )


@attrs.frozen
class Inquiry:
    """One inquiry made to USCIS about a case.

    Args:
        on: the day it was made.
        channel: INFOPASS (in person), CONTACT_CENTER (phone), E_REQUEST (online) or MAIL.
        outcome: what it achieved (default UNRESOLVED).
        level: the highest officer reached, if known.
        receipt_number: the case it was about, when the firm records it; a history checks it
            against the case it is given with.
    """

    on: _dt.date = attrs.field(converter=_on)
    channel: Channel = attrs.field(converter=_channel)
    outcome: Outcome = attrs.field(default=Outcome.UNRESOLVED, converter=_outcome)
    level: Level | None = attrs.field(default=None, converter=_level)
    receipt_number: str | None = attrs.field(default=None, converter=_optional_receipt)


def _receipts(value: object) -> tuple[str, ...]:
    elements = v.items(value, "receipt_numbers", max_items=MAX_RECEIPTS_PER_APPOINTMENT)
    if not elements:
        raise InvalidValue(
            "is empty", field="receipt_numbers", value=(), expected="at least one receipt number"
        )
    numbers = v.each("receipt_numbers", v.receipt_number, elements)
    seen: set[str] = set()
    for i, number in enumerate(numbers):
        if number in seen:
            raise InvalidValue(
                "repeats a receipt number",
                field=f"receipt_numbers[{i}]",
                value=number,
                expected="each case listed once",
            )
        seen.add(number)
    return tuple(numbers)


@attrs.frozen
class Appointment:
    """An INFOPASS appointment at a field office, with the cases an attorney presents at it.

    Args:
        on: the appointment's day.
        office: the field office (normalised like ``Case.office``; service centers are refused).
        receipt_numbers: the cases presented (1 or more, distinct), in the order presented.
        attorney: who holds the appointment (the limits of ``MIA-LIMIT-*`` are per attorney).
    """

    on: _dt.date = attrs.field(converter=_on)
    office: str = attrs.field(converter=_appointment_office)
    receipt_numbers: tuple[str, ...] = attrs.field(converter=_receipts)
    attorney: str | None = attrs.field(default=None, converter=_attorney)


def trusted_appointment(
    on: _dt.date, office: str, receipt_numbers: tuple[str, ...], attorney: str | None
) -> Appointment:
    """An Appointment built from values that are already valid and normal, without checking them
    again: for code of this package that made them from checked facts (the planner builds
    thousands). Anything else must call ``Appointment(...)``."""
    appointment = object.__new__(Appointment)
    object.__setattr__(appointment, "on", on)
    object.__setattr__(appointment, "office", office)
    object.__setattr__(appointment, "receipt_numbers", receipt_numbers)
    object.__setattr__(appointment, "attorney", attorney)
    return appointment
