"""The one canonical order of appointments and of inquiries.

Decisions, appointment checks, plans and calendars must not depend on the order a firm's history
arrives in, so each sorts by a total order on the facts' own fields. Every module that orders
appointments or inquiries uses these keys, so two views of one history agree on "first".
"""

from __future__ import annotations

import datetime as _dt

from infopass_rules.facts.history import Appointment, Inquiry

__all__ = ["appointment_sort_key", "inquiry_sort_key"]


def appointment_sort_key(a: Appointment) -> tuple[_dt.date, str, bool, str, tuple[str, ...]]:
    """A total, deterministic order of appointments: day, office, attorney, cases.

    Appointments of an unknown attorney come first on their day and office.
    """
    return (a.on, a.office, a.attorney is not None, a.attorney or "", a.receipt_numbers)


def inquiry_sort_key(inquiry: Inquiry) -> tuple[_dt.date, str, str, str, str, str, str]:
    """A total, deterministic order of inquiries: day, channel, outcome, level, case, reference,
    note (the members' names by ``_name_``, the enum's own attribute, without the cost of the
    ``name`` property)."""
    return (
        inquiry.on,
        inquiry.channel._name_,
        inquiry.outcome._name_,
        inquiry.level._name_ if inquiry.level else "",
        inquiry.receipt_number or "",
        inquiry.reference or "",
        inquiry.note or "",
    )
