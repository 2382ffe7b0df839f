"""What a decision records of its reasoning, and the values it hands on.

During a decision the rule modules record, through
:class:`~infopass_rules.rules.reasoning.Reasoning`, one typed record per thing they find:

- a :data:`Finding`: a rule consulted (or a fact found) and what was found by it;
- a :data:`Note`: advice for carrying the action out;
- a :data:`Warned`: something to double-check, of a :class:`WarningKind`.

Each record keeps its text as a template and the values it names (``"step {}: ..."``, ``(2,)``):
putting the text into words is most of what reading a decision costs, and most decisions in a
docket are never read in full, so the texts are rendered only when read, by the plain functions
:func:`trace_entries`, :func:`note_texts` and :func:`warning_records`. A record whose template
and values do not match fails where it is recorded (:func:`check_template`), never later.

A decision keeps its records as they were made until they are read (its waits as plain tuples
of their fields, :func:`kept_waits`). The decision hands on :class:`TraceEntry`,
:class:`Warning`, :class:`NotedConflict` and :class:`Wait` values.
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from infopass_rules.facts.enums import IdentityEnum

__all__ = [
    "FINDING",
    "NOTE",
    "TEMPLATE_FIELDS",
    "WARNING",
    "Finding",
    "Note",
    "NotedConflict",
    "Record",
    "TraceEntry",
    "Wait",
    "Warned",
    "Warning",
    "WarningKind",
    "check_template",
    "finding_text",
    "is_kept",
    "kept",
    "kept_waits",
    "note_texts",
    "render",
    "rendered_when_read",
    "trace_entries",
    "wait_records",
    "warning_records",
]

_C = TypeVar("_C", bound=type)


class WarningKind(IdentityEnum):
    """What a :class:`Warning` is about."""

    #: An inquiry (or a booked appointment) before its ladder step was allowed: not a step.
    PREMATURE = "PREMATURE"
    #: The newest source the decision rests on is older than ``Policy.stale_after_days``; or a
    #: parameter is applied on a day before any source fixes it.
    STALE_SOURCE = "STALE_SOURCE"
    #: Sources dated after ``as_of`` are cited (or a rule's window is applied before its sources).
    LATER_SOURCE = "LATER_SOURCE"
    #: A date estimated from a published processing range.
    ESTIMATE = "ESTIMATE"
    #: Processing times fetched long before ``as_of``.
    STALE_DATA = "STALE_DATA"
    #: The case had not been received on ``as_of``.
    NOT_YET_RECEIVED = "NOT_YET_RECEIVED"
    #: The same inquiry appears more than once in the history (counted once).
    DUPLICATE = "DUPLICATE"


#: Each warning kind by its value, as a record keeps it (a plain string: ``WarningKind(value)``
#: is a Python call through the enumeration's machinery, on every warning read).
_WARNING_KINDS = {kind.value: kind for kind in WarningKind}


# -- The records, as made during a decision ---------------------------------------------------
#
# One type per kind of record: a tuple of a fixed shape, led by its kind, holding plain values
# only (strings, numbers, dates, None). A decision keeps its records as they were made, in one
# tuple; the garbage collector stops tracking such tuples at its first look, so decisions kept by
# the thousand leave it about one object each to walk.

#: The kinds of record, the first item of each.
FINDING, NOTE, WARNING = "finding", "note", "warning"

#: A finding: ``(FINDING, rule_id, template, *values)``: the rule it rests on (None: a finding
#: of fact that rests on no rule), the text's template and the values it names.
Finding = tuple[str, str | None, str, *tuple[Any, ...]]
#: A note (advice for carrying the action out): ``(NOTE, template, *values)``.
Note = tuple[str, str, *tuple[Any, ...]]
#: A warning: ``(WARNING, kind, rule_id, on, template, *values)``: its kind (a
#: :class:`WarningKind`'s value), the rule and the day it concerns, the text's template and its
#: values.
Warned = tuple[str, str, str | None, _dt.date | None, str, *tuple[Any, ...]]
#: Any record.
Record = Finding | Note | Warned


def render(template: str, values: tuple[Any, ...]) -> str:
    """A record's text: ``template`` with ``values`` in its ``{}`` fields (as an f-string gives
    them: a date in its ISO form); a template without values is the text itself, braces and
    all."""
    return template.format(*values) if values else template


def _field_count(template: str) -> int:
    return sum(1 for _, field, _, _ in string.Formatter().parse(template) if field is not None)


#: The number of ``{}`` fields of each template met (the rule modules' literals: a few hundred).
#: :class:`~.reasoning.Reasoning` looks a template up here as it records, and calls
#: :func:`check_template` only for a template met for the first time or values that do not fit.
TEMPLATE_FIELDS: dict[str, int] = {}


def check_template(template: str, values: tuple[Any, ...]) -> None:
    """Refuse a record whose values do not fit its template where it is made, not when it is
    read (a template without values is the text itself, and is not checked).

    Raises:
        ValueError: ``template`` has a number of ``{}`` fields other than ``len(values)``.
    """
    count = TEMPLATE_FIELDS.get(template)
    if count is None:  # a template met for the first time
        count = TEMPLATE_FIELDS.setdefault(template, _field_count(template))
    if count != len(values):
        raise ValueError(f"the template {template!r} has {count} fields for {len(values)} values")


def finding_text(finding: Finding) -> str:
    """A finding in words."""
    return render(finding[2], finding[3:])


# -- What a decision hands on ------------------------------------------------------------------


@attrs.frozen
class TraceEntry:
    """One rule consulted, and what the engine found by it.

    ``rule_id`` is None for a finding of fact that rests on no rule (the case was resolved; an
    inquiry dated after ``as_of`` was left out).
    """

    rule_id: str | None
    finding: str


@attrs.frozen
class NotedConflict:
    """Sources that disagree on something the decision used, and which one was followed."""

    rule_id: str
    question: str
    followed: str  # source id
    followed_says: str
    set_aside: str  # source id
    set_aside_says: str
    reason: str


@attrs.frozen
class Warning:  # the contract's name; it shadows the builtin only inside this module
    """Something in a decision to double-check: its kind, its text, the rule and day it concerns.

    ``str(warning)`` is its text.
    """

    kind: WarningKind
    text: str
    rule_id: str | None = None
    on: _dt.date | None = None

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Wait:
    """What an action not yet allowed waits for: under ``rule_id``, from ``since``, ``days``
    (None when the wait is not a count of days, e.g. a booked appointment's day), until
    ``until`` (the first day the wait is over), and why, in words."""

    rule_id: str
    since: _dt.date
    days: int | None
    until: _dt.date
    reason: str


# -- What a decision keeps, and reading it -----------------------------------------------------
#
# A decision keeps its records as they were made, the same tuple in each of its fields ``trace``,
# ``notes`` and ``warnings`` (each reads its own kind), and its waits as each one's fields in a
# plain tuple; reading puts them into words (or makes Wait values again).

#: A field of a decision as kept until read: a tuple of records, or of waits' fields (see
#: :func:`is_kept`); typed ``tuple[Any, ...]`` so that a decision's field, typed as its values,
#: may hold it.
Kept = tuple[Any, ...]


def kept(records: list[Record]) -> Kept:
    """Records as a decision keeps them until read: a tuple of them."""
    return tuple(records)


def kept_waits(waits: tuple[Wait, ...]) -> Kept:
    """``waits`` as a decision keeps them until read: each one's fields in a plain tuple."""
    return tuple(map(_WAIT_FIELDS, waits))


#: A wait's fields in a plain tuple, in the order :class:`Wait` takes them (read from the class).
_WAIT_FIELDS = attrgetter(*(field.name for field in attrs.fields(Wait)))


def is_kept(value: object) -> bool:
    """Whether a decision's field holds its values as kept until read (a non-empty tuple of
    plain tuples), not the values themselves (an empty field is the same either way)."""
    return type(value) is tuple and bool(value) and type(value[0]) is tuple


def trace_entries(records: Kept) -> tuple[TraceEntry, ...]:
    """The findings among ``records``, in words, in the order found."""
    return tuple(TraceEntry(r[1], render(r[2], r[3:])) for r in records if r[0] == FINDING)


def note_texts(records: Kept) -> tuple[str, ...]:
    """The notes among ``records``, in words, each text once (the first kept)."""
    return tuple(dict.fromkeys(render(r[1], r[2:]) for r in records if r[0] == NOTE))


def warning_records(records: Kept) -> tuple[Warning, ...]:
    """The warnings among ``records``, in words, each text once (the first kept)."""
    out: dict[str, Warning] = {}
    for r in records:
        if r[0] == WARNING:
            text = render(r[4], r[5:])
            if text not in out:
                out[text] = Warning(_WARNING_KINDS[r[1]], text, r[2], r[3])
    return tuple(out.values())


def wait_records(kept: Kept) -> tuple[Wait, ...]:
    """The waits as kept, made Wait values again."""
    return tuple(Wait(*fields) for fields in kept)


class _RenderedWhenRead(property):
    """A slot of a slotted attrs class that may hold its values as kept (see :func:`is_kept`):
    made values by ``make`` when first read, and the result stored in the slot.

    A property whose setter is the slot's own ``__set__``: setting the field (as the class's
    ``__init__`` does) costs no Python call; a Python ``__set__`` was about a tenth of making a
    decision, which sets four such fields. ``slot`` and ``make`` are kept for inspection: the
    slot reads what the field holds without putting it into words, ``make`` is how it is."""

    def __init__(self, slot: Any, make: Callable[[Kept], Any]) -> None:
        get_slot, set_slot = slot.__get__, slot.__set__

        def get(obj: object) -> Any:
            value = get_slot(obj)
            if is_kept(value):
                value = make(value)
                set_slot(obj, value)
            return value

        super().__init__(get, set_slot)
        self.slot = slot
        self.make = make


def rendered_when_read(**makers: Callable[[Kept], Any]) -> Callable[[_C], _C]:
    """Let the named slots of a slotted attrs class be given their values as kept (see
    :func:`is_kept`) and make them values (by the slot's maker) when first read; equality,
    hashing, ``repr`` and serialisation read the attributes, so they see the values."""

    def decorate(cls: _C) -> _C:
        for name, make in makers.items():
            setattr(cls, name, _RenderedWhenRead(cls.__dict__[name], make))
        return cls

    return decorate
