"""A client's case and its deadlines: the facts the rules read about the case itself.

``Case`` and ``Deadline`` are frozen, slotted, hashable attrs classes, validated when built, so a
fact that exists is a valid fact; change one with ``attrs.evolve``, which validates again.
Collections inside them are tuples or frozensets (lists and sets given to a constructor are
converted), so facts can be hashed and shared. Deadlines and circumstances feed Contact Center
triage (CC-TRIAGE) and the planner; ``pressing`` is the firm's judgement of MIA-FOD-PRESSING.
"""

# No ``from __future__ import annotations``: the enum converter (v.MEMBER) reads the enum from
# each field's declared type, so the annotations must be evaluated.

import datetime as _dt

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.enums import Circumstance, Issue
from infopass_rules.facts.forms import normalise_form, optional_form
from infopass_rules.facts.offices import resolve_office

__all__ = ["MAX_DEADLINES", "Case", "Deadline"]

#: The most deadlines one case holds: far above any real docket, low enough that a runaway input
#: fails fast with a clear error instead of exhausting memory.
MAX_DEADLINES = 100


@attrs.frozen
class Deadline:
    """A date by which something must happen for the client (a trip, a job start, a hearing).

    Deadlines feed Contact Center triage (CC-TRIAGE) and the planner's urgency order.
    """

    on: _dt.date = attrs.field(converter=v.DATE)
    what: str = attrs.field(converter=v.TEXT, metadata=v.max_length(200))


def _deadlines(value: object) -> tuple[Deadline, ...]:
    if type(value) is tuple and not value:  # the default (most cases): nothing to check or sort
        return ()
    elements = v.instances(
        value,
        Deadline,
        "deadlines",
        max_items=MAX_DEADLINES,
        what="a Deadline",
        expected="infopass_rules.Deadline(on=date, what=str)",
    )
    # Order carries no meaning; a canonical order makes equal dockets compare and hash equal.
    return tuple(sorted(elements, key=lambda d: (d.on, d.what)))


def _circumstances(value: object) -> frozenset[Circumstance]:
    if type(value) is frozenset and not value:  # the default (most cases): nothing to check
        return value  # itself, shared: an empty frozenset made a case would be one more object
    elements = v.items(value, "circumstances", max_items=len(Circumstance))
    return frozenset(v.check_member(e, Circumstance, "circumstances") for e in elements)


#: How many texts each of the caches below keeps at most (a docket names a few offices and forms,
#: each 100,000 times; a file of a million different ones is refused no later, only not kept).
CACHED = 1_000
_OFFICES: dict[str, str] = {}
_FORMS: dict[str, str] = {}


def _office(value: object) -> str:
    # A case may be handled by a field office or a center: any office of the registry. The
    # registry never changes: the code of a text read once is kept (only a text's, hashable).
    if value.__class__ is not str:
        return resolve_office(value, field="office")
    code = _OFFICES.get(value)
    if code is None:
        code = resolve_office(value, field="office")
        if len(_OFFICES) < CACHED:
            _OFFICES[value] = code
    return code


def _form(value: object) -> str | None:
    # The form number read from a text is kept, as an office's code (see _office).
    if value.__class__ is not str:
        return optional_form(value)
    form = _FORMS.get(value)
    if form is None:
        form = normalise_form(value)
        if len(_FORMS) < CACHED:
            _FORMS[value] = form
    return form


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

    receipt_number: str = attrs.field(converter=v.RECEIPT_NUMBER)
    office: str = attrs.field(converter=_office)
    issue: Issue = attrs.field(default=Issue.CASE_DELAY, converter=v.MEMBER)
    form: str | None = attrs.field(default=None, converter=_form)
    category: str | None = attrs.field(
        default=None, converter=v.OPTIONAL_TEXT, metadata=v.max_length(100)
    )
    received_on: _dt.date | None = attrs.field(default=None, converter=v.OPTIONAL_DATE)
    outside_processing_times_on: _dt.date | None = attrs.field(
        default=None, converter=v.OPTIONAL_DATE
    )
    deadlines: tuple[Deadline, ...] = attrs.field(default=(), converter=_deadlines)
    circumstances: frozenset[Circumstance] = attrs.field(
        default=frozenset(), converter=_circumstances
    )
    pressing: bool = attrs.field(default=False, converter=v.BOOL)
    resolved_on: _dt.date | None = attrs.field(default=None, converter=v.OPTIONAL_DATE)

    def __attrs_post_init__(self) -> None:
        received = self.received_on
        if received is None:
            return
        for name, value in (
            ("outside_processing_times_on", self.outside_processing_times_on),
            ("resolved_on", self.resolved_on),
        ):
            if value is not None and value < received:
                raise InvalidValue(
                    f"is before received_on ({received.isoformat()})",
                    field=name,
                    value=value,
                    expected=f"a date on or after {received.isoformat()}",
                )
