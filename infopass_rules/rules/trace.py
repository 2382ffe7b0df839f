"""What a decision records of its reasoning, and the values it hands on.

During a decision the rule modules record, through
:class:`~infopass_rules.rules.reasoning.Reasoning`, one typed record per thing they find:

- :class:`Finding`: a rule consulted (or a fact found) and what was found by it;
- :class:`Note`: advice for carrying the action out;
- :class:`Warned`: something to double-check, of a :class:`WarningKind`.

Each record keeps its text as a template and the values it names (``"step {}: ..."``, ``(2,)``):
putting the text into words is most of what reading a decision costs, and most decisions in a
docket are never read in full, so the texts are rendered only when read, by the plain functions
:func:`trace_entries`, :func:`note_texts` and :func:`warning_records`. A record whose template
and values do not match fails where it is recorded (:func:`checked_template`), never later.

The decision hands on :class:`TraceEntry`, :class:`Warning`, :class:`NotedConflict` and
:class:`Wait` values.
"""

from __future__ import annotations

import datetime as _dt
import enum
import string
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

import attrs

__all__ = [
    "Finding",
    "Note",
    "NotedConflict",
    "Record",
    "Recorded",
    "TraceEntry",
    "Wait",
    "Warned",
    "Warning",
    "WarningKind",
    "checked_template",
    "note_texts",
    "render",
    "rendered_when_read",
    "trace_entries",
    "warning_records",
]

_C = TypeVar("_C", bound=type)


class WarningKind(enum.Enum):
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


# -- The records, as made during a decision ---------------------------------------------------


class Finding(NamedTuple):
    """A rule consulted and what was found by it (``rule_id`` None: a finding of fact that rests
    on no rule); its text is ``template`` with ``values``."""

    rule_id: str | None
    template: str
    values: tuple[Any, ...] = ()

    @property
    def text(self) -> str:
        """The finding in words."""
        return render(self.template, self.values)


class Note(NamedTuple):
    """Advice for carrying the action out; its text is ``template`` with ``values``."""

    template: str
    values: tuple[Any, ...] = ()


class Warned(NamedTuple):
    """A warning as recorded: its kind, the rule and day it concerns, its text's template and
    values."""

    kind: WarningKind
    rule_id: str | None
    on: _dt.date | None
    template: str
    values: tuple[Any, ...] = ()


#: One record of a decision's reasoning.
Record = Finding | Note | Warned


class Recorded(NamedTuple):
    """A decision's reasoning as recorded, in order, before it is read (see
    :func:`rendered_when_read`)."""

    records: tuple[Record, ...]

    def when_read(self) -> Any:
        """This reasoning, given to a slot that puts it into words when first read (see
        :func:`rendered_when_read`); typed ``Any`` because the field is typed as the words."""
        return self


def render(template: str, values: tuple[Any, ...]) -> str:
    """A record's text: ``template`` with ``values`` in its ``{}`` fields (as an f-string gives
    them: a date in its ISO form); a template without values is the text itself, braces and
    all."""
    return template.format(*values) if values else template


@lru_cache(maxsize=1024)  # the rule modules' templates: a few hundred literals
def _field_count(template: str) -> int:
    return sum(1 for _, field, _, _ in string.Formatter().parse(template) if field is not None)


def checked_template(template: str, values: tuple[Any, ...]) -> str:
    """``template``, once it is known to name exactly ``values`` (a record whose values do not
    fit its template is refused where it is made, not when it is read).

    Raises:
        ValueError: a template with values has a different number of ``{}`` fields.
    """
    if values and _field_count(template) != len(values):
        raise ValueError(
            f"the template {template!r} has {_field_count(template)} fields for "
            f"{len(values)} values"
        )
    return template


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


# -- Reading the records -----------------------------------------------------------------------


def trace_entries(records: Iterable[Record]) -> tuple[TraceEntry, ...]:
    """The findings among ``records``, in words, in the order found."""
    return tuple(
        TraceEntry(r.rule_id, render(r.template, r.values)) for r in records if type(r) is Finding
    )


def note_texts(records: Iterable[Record]) -> tuple[str, ...]:
    """The notes among ``records``, in words, each text once (the first kept)."""
    return tuple(dict.fromkeys(render(r.template, r.values) for r in records if type(r) is Note))


def warning_records(records: Iterable[Record]) -> tuple[Warning, ...]:
    """The warnings among ``records``, in words, each text once (the first kept)."""
    out: dict[str, Warning] = {}
    for r in records:
        if type(r) is Warned:
            text = render(r.template, r.values)
            if text not in out:
                out[text] = Warning(r.kind, text, r.rule_id, r.on)
    return tuple(out.values())


class _RenderedWhenRead:
    """A slot of a slotted attrs class that may hold a :class:`Recorded`: put into words by
    ``make`` when first read, and the result kept."""

    __slots__ = ("make", "slot")

    def __init__(self, slot: Any, make: Callable[[tuple[Record, ...]], Any]) -> None:
        self.slot = slot
        self.make = make

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, cls)
        if type(value) is Recorded:
            value = self.make(value.records)
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)


def rendered_when_read(**makers: Callable[[tuple[Record, ...]], Any]) -> Callable[[_C], _C]:
    """Let the named slots of a slotted attrs class be given a :class:`Recorded` and put it into
    words (by its maker) when first read; equality, hashing, ``repr`` and serialisation read the
    attributes, so they see the words."""

    def decorate(cls: _C) -> _C:
        for name, make in makers.items():
            setattr(cls, name, _RenderedWhenRead(cls.__dict__[name], make))
        return cls

    return decorate
