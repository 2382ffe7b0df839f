"""Reading a case's history as of a date: the first room of a decision.

Every item is checked to concern the case (an inquiry about another case, an appointment that
does not list it, an item dated before the case's receipt is refused with a typed error naming
the item), then put in order and as of ``as_of``: inquiries after ``as_of`` had not happened yet
(left out, and said so); an appointment held before ``as_of`` was an in-person INFOPASS inquiry;
one on or after it is still to attend. The same inquiry recorded twice is counted once. The
order of the history never changes the answer: the inquiries are put in a total order.

Requests beyond USCIS (``Channel.OMBUDSMAN``, ``Channel.CONGRESS``: docs/concepts/remedies.md) are
kept apart, in ``History.requests``: they are no inquiry to USCIS, so no rule of the procedures
(a ladder step, the Contact Center's route, the "normal channels") ever reads them. One that
resolved the case still resolves it: it is kept among the inquiries too, where the check for a
resolved case reads it (and a resolved case needs nothing, so nothing else does).
"""

from __future__ import annotations

import datetime as _dt
from itertools import islice, pairwise
from operator import attrgetter
from typing import NamedTuple

from infopass_rules.errors import InvalidHistory
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Channel, Outcome
from infopass_rules.facts.history import MAX_HISTORY_ITEMS, Appointment, Inquiry
from infopass_rules.facts.ordering import appointment_sort_key, inquiry_sort_key
from infopass_rules.rules.channels import REMEDY_CHANNELS

__all__ = ["History", "history_items", "read_history", "resolved_on"]


class History(NamedTuple):
    """A case's history as of a date."""

    #: The inquiries on or before ``as_of``, in order, each once (held appointments among them).
    inquiries: tuple[Inquiry, ...]
    #: The first appointment on or after ``as_of`` that lists the case, if any.
    upcoming: Appointment | None
    #: The inquiries after ``as_of``: left out.
    later: tuple[Inquiry, ...]
    #: The inquiries on or before ``as_of`` recorded more than once (each once).
    repeated: tuple[Inquiry, ...]
    #: The requests beyond USCIS on or before ``as_of`` (to the CIS Ombudsman, to Congress), in
    #: order, each once: never among ``inquiries`` unless one resolved the case.
    requests: tuple[Inquiry, ...] = ()


def history_items(history: object) -> tuple[object, ...]:
    """The items of ``history``, a collection of at most ``MAX_HISTORY_ITEMS`` (an endless or
    huge history is refused after reading one item past the limit, never consumed whole).

    Raises:
        InvalidHistory: ``history`` is no collection, or has too many items.
    """
    try:
        if isinstance(history, (str, bytes, dict)):
            raise TypeError  # iterable, but not a collection of items
        items = tuple(islice(iter(history), MAX_HISTORY_ITEMS + 1))  # type: ignore[call-overload]
    except TypeError:
        raise InvalidHistory(
            "must be a collection of Inquiry and Appointment values",
            field="history",
            value=history,
            expected="a tuple or list of Inquiry / Appointment",
        ) from None
    if len(items) > MAX_HISTORY_ITEMS:
        raise InvalidHistory(
            "has too many items",
            field="history",
            expected=f"at most MAX_HISTORY_ITEMS = {MAX_HISTORY_ITEMS} inquiries and appointments",
        )
    return items


def read_history(case: Case, items: tuple[object, ...], as_of: _dt.date) -> History:
    """The case's history as of ``as_of`` (see the module's docstring).

    Raises:
        InvalidHistory: an item that is no Inquiry or Appointment, concerns another case, or is
            dated before the case's receipt; its field is ``history[i]``.
    """
    past: list[Inquiry] = []
    later: list[Inquiry] = []
    to_attend: list[Appointment] = []
    for i, value in enumerate(items):
        item = _checked_item(case, i, value)
        if isinstance(item, Inquiry):
            (past if item.on <= as_of else later).append(item)
        elif item.on < as_of:  # an appointment held: an in-person INFOPASS inquiry
            past.append(Inquiry(item.on, Channel.INFOPASS))
        else:
            to_attend.append(item)
    shared_day = _in_order(past)
    if later:
        _in_order(later)
    upcoming = min(to_attend, key=appointment_sort_key) if to_attend else None
    once: tuple[Inquiry, ...]
    repeated: tuple[Inquiry, ...] = ()
    if not shared_day:  # no two inquiries of one day: none is repeated
        once = tuple(past)
    else:
        once, repeated = _once(past)
    for item in once:
        if item.channel in REMEDY_CHANNELS:
            return _apart(once, upcoming, tuple(later), repeated)
    return History(once, upcoming, tuple(later), repeated)


def _apart(
    once: tuple[Inquiry, ...],
    upcoming: Appointment | None,
    later: tuple[Inquiry, ...],
    repeated: tuple[Inquiry, ...],
) -> History:
    """The history with the requests beyond USCIS kept apart from the inquiries to USCIS (one
    that resolved the case is kept among the inquiries too: it resolves the case)."""
    inquiries = tuple(
        i for i in once if i.channel not in REMEDY_CHANNELS or i.outcome is Outcome.RESOLVED
    )
    requests = tuple(i for i in once if i.channel in REMEDY_CHANNELS)
    return History(inquiries, upcoming, later, repeated, requests)


def _in_order(inquiries: list[Inquiry]) -> bool:
    """Put ``inquiries`` in their total order (:func:`inquiry_sort_key`: the day first, then every
    field), and say whether two of them share a day. Sorted by day alone first: when no day is
    shared that is already the total order, and the full key is needed only when one is."""
    inquiries.sort(key=_ON)
    for a, b in pairwise(inquiries):
        if a.on == b.on:
            inquiries.sort(key=inquiry_sort_key)
            return True
    return False


_ON = attrgetter("on")


def _checked_item(case: Case, i: int, item: object) -> Inquiry | Appointment:
    """History item ``i``, once it is known to be an inquiry or appointment about ``case``, dated
    on or after its receipt (else InvalidHistory)."""
    if isinstance(item, Inquiry):
        number = item.receipt_number
        if number is not None and number != case.receipt_number:
            raise InvalidHistory(
                "is an inquiry about another case",
                field=f"history[{i}].receipt_number",
                value=number,
                expected=f"None or {case.receipt_number}",
            )
    elif isinstance(item, Appointment):
        if case.receipt_number not in item.receipt_numbers:
            raise InvalidHistory(
                "is an appointment that does not list the case",
                field=f"history[{i}]",
                value=item.receipt_numbers,
                expected=f"an appointment listing {case.receipt_number}",
            )
    else:
        raise InvalidHistory(
            "is not an Inquiry or an Appointment",
            field=f"history[{i}]",
            value=item,
            expected="infopass_rules.Inquiry or infopass_rules.Appointment",
        )
    received = case.received_on
    if received is not None and item.on < received:
        raise InvalidHistory(
            f"is dated before the case was received ({received.isoformat()})",
            field=f"history[{i}].on",
            value=item.on,
            expected=f"a date on or after {received.isoformat()}",
        )
    return item


def _once(inquiries: list[Inquiry]) -> tuple[tuple[Inquiry, ...], tuple[Inquiry, ...]]:
    """The inquiries each once (the same inquiry recorded with and without its receipt number is
    one inquiry), and those that were repeated, each once. Letters are left as they are: a letter
    is no inquiry (MIA-COUNT) and changes no decision. ``inquiries`` are in order."""
    seen: set[tuple[object, ...]] = set()
    once: list[Inquiry] = []
    repeated: dict[tuple[object, ...], Inquiry] = {}
    for item in inquiries:
        key = (item.on, item.channel, item.outcome, item.level, item.reference, item.note)
        if item.channel is Channel.MAIL:
            once.append(item)
        elif key in seen:
            repeated.setdefault(key, item)
        else:
            seen.add(key)
            once.append(item)
    return tuple(once), tuple(repeated.values())


def resolved_on(case: Case, inquiries: tuple[Inquiry, ...], as_of: _dt.date) -> _dt.date | None:
    """The first day the case is known resolved on or before ``as_of`` (by its own
    ``resolved_on`` or by an inquiry that resolved it), or None. ``inquiries`` are on or before
    ``as_of``, in order."""
    resolved = case.resolved_on
    if resolved is not None and resolved > as_of:
        resolved = None
    for inquiry in inquiries:
        if inquiry.outcome is Outcome.RESOLVED:  # the first resolving inquiry is the earliest
            return inquiry.on if resolved is None or inquiry.on < resolved else resolved
    return resolved
