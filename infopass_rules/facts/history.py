"""A case's history: the inquiries made about it and the INFOPASS appointments it was shown at.

``Inquiry`` and ``Appointment`` are frozen, slotted, hashable attrs classes, validated when
built. The Miami ladder (MIA-*) and the Contact Center rules (CC-*) read them; the per-attorney
limits of MIA-LIMIT-* count the receipt numbers of each appointment.
"""

# No ``from __future__ import annotations``: the enum converters (v.MEMBER, v.OPTIONAL_MEMBER)
# read the enum from each field's declared type, so the annotations must be evaluated.

import datetime as _dt

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.enums import Channel, Level, Outcome
from infopass_rules.facts.offices import OfficeKind, resolve_office

__all__ = [
    "MAX_HISTORY_ITEMS",
    "MAX_RECEIPTS_PER_APPOINTMENT",
    "Appointment",
    "Inquiry",
    "appointments",
    "trusted_appointment",
]

#: The most cases one appointment presents: far above any real docket, low enough that a runaway
#: input fails fast with a clear error instead of exhausting memory.
MAX_RECEIPTS_PER_APPOINTMENT = 1000
#: The most inquiries and appointments one case's history holds when read from JSON (and so
#: from the command line): decades of weekly contact is under 2,000; a longer history is refused
#: before any item is converted.
MAX_HISTORY_ITEMS = 10_000

_FIELD_OFFICE = frozenset({OfficeKind.FIELD_OFFICE})


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
        reference: the number USCIS gave it, if any (a service-request number, an e-Request
            confirmation, an appointment notice number), at most 100 characters.
        note: what the officer said, in the firm's words, at most 2000 characters.
    """

    on: _dt.date = attrs.field(converter=v.DATE)
    channel: Channel = attrs.field(converter=v.MEMBER)
    outcome: Outcome = attrs.field(default=Outcome.UNRESOLVED, converter=v.MEMBER)
    level: Level | None = attrs.field(default=None, converter=v.OPTIONAL_MEMBER)
    receipt_number: str | None = attrs.field(default=None, converter=v.OPTIONAL_RECEIPT_NUMBER)
    reference: str | None = attrs.field(
        default=None, converter=v.OPTIONAL_TEXT, metadata=v.max_length(100)
    )
    note: str | None = attrs.field(
        default=None, converter=v.OPTIONAL_TEXT, metadata=v.max_length(2000)
    )


def _field_office(value: object) -> str:
    # INFOPASS appointments are held at field offices, never at a service center.
    return resolve_office(value, field="office", kinds=_FIELD_OFFICE)


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

    on: _dt.date = attrs.field(converter=v.DATE)
    office: str = attrs.field(converter=_field_office)
    receipt_numbers: tuple[str, ...] = attrs.field(converter=_receipts)
    attorney: str | None = attrs.field(
        default=None, converter=v.OPTIONAL_TEXT, metadata=v.max_length(200)
    )


def appointments(value: object, field: str, *, max_items: int) -> list[Appointment]:
    """The appointments of a collection given as ``field`` (the planner's and the limits'
    inputs, the calendar's): each element must be an :class:`Appointment`, named by its index
    when it is not."""
    return v.instances(
        value,
        Appointment,
        field,
        max_items=max_items,
        what="an Appointment",
        expected="infopass_rules.Appointment(on, office, receipt_numbers, attorney)",
    )


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
