"""What a decision records of its reasoning: trace entries, noted source conflicts, warnings and
waits.

The rule modules write these through :class:`~infopass_rules.rules.reasoning.Reasoning`; the
engine hands them on in the :class:`~infopass_rules.engine.decision.Decision`.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import import_module
from typing import Any, TypeVar

import attrs

__all__ = [
    "DEFERRED",
    "NotedConflict",
    "ReasoningLog",
    "Recorded",
    "TraceEntry",
    "Wait",
    "Warning",
    "WarningKind",
    "deferred_slots",
    "deferred_text",
    "is_recorded",
    "recorded",
    "recorded_waits",
    "render",
    "render_values",
    "wait_records",
]

_C = TypeVar("_C", bound=type)


def render(template: str, args: tuple[Any, ...]) -> str:
    """A text recorded as a template and its arguments (``str.format`` with ``{}`` fields, the
    same text an f-string gives: a date renders as its ISO form); a template without arguments is
    the text itself, braces and all."""
    return template.format(*args) if args else template


#: A decision's reasoning while it is recorded, flat, to be rendered when read
#: (:class:`~infopass_rules.rules.reasoning.Reasoning` writes it; see :func:`recorded`). A
#: plain list: the decision keeps it as a tuple.
ReasoningLog = list[Any]


#: A decision's reasoning as recorded, handed to the decision: a tuple of plain values (see
#: :func:`recorded`).
Recorded = tuple[Any, ...]


def recorded(log: ReasoningLog) -> Recorded:
    """The reasoning ``log`` as a decision keeps it until it is read: a tuple of plain values
    (strings, numbers, dates, None). The garbage collector stops tracking such a tuple at its
    first look, so decisions kept in their thousands leave it little to walk. Every entry
    begins with an int tag, so a recorded log is never mistaken for a rendered one (a tuple of
    entries, texts or warnings); an empty log is ``()``, which renders to ``()``."""
    return tuple(log)


def is_recorded(value: object) -> bool:
    """Whether ``value`` is reasoning as recorded (see :func:`recorded`), not yet rendered."""
    return type(value) is tuple and bool(value) and type(value[0]) is int


#: Marks a text worked out only when read, in a log's values (see :func:`deferred_text`).
DEFERRED = "\x00deferred text"


def deferred_text(renderer: str, *values: Any) -> tuple[Any, ...]:
    """A value of a finding, note or warning whose text ``renderer`` (a ``"module:function"``
    name) works out from plain ``values`` when the reasoning is read; spliced into the call
    that records it (``why.find(rule, "... {}", *deferred_text(...))``), so the log stays one flat
    sequence of plain values, which the garbage collector stops tracking at its first look (a
    tuple nested in it could take it several)."""
    return (DEFERRED, renderer, len(values), *values)


def render_values(values: Sequence[Any]) -> list[Any]:
    """A finding's, note's or warning's values ready for its template: each
    :func:`deferred_text` in them put into words (as one value), the others as they are."""
    out: list[Any] = []
    i, end = 0, len(values)
    while i < end:
        value = values[i]
        if value is not DEFERRED:
            out.append(value)
            i += 1
            continue
        name, count = values[i + 1], values[i + 2]
        out.append(_renderer(name)(*values[i + 3 : i + 3 + count]))
        i += 3 + count
    return out


@lru_cache(maxsize=64)  # a renderer or two
def _renderer(name: str) -> Callable[..., str]:
    """The function a :func:`deferred_text` names (``"module:function"``)."""
    module, _, function = name.partition(":")
    found: Callable[..., str] = getattr(import_module(module), function)
    return found


class _DeferredSlot:
    """A slot that may hold reasoning as recorded: rendered by ``make``, and the result stored,
    when first read."""

    __slots__ = ("make", "slot")

    def __init__(self, slot: Any, make: Callable[[Recorded], Any]) -> None:
        self.slot = slot
        self.make = make

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, cls)
        if is_recorded(value):
            value = self.make(value)
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)


def deferred_slots(**makers: Callable[[Recorded], Any]) -> Callable[[_C], _C]:
    """Let the named slots of a slotted attrs class hold reasoning as recorded (see
    :func:`recorded`), rendered by its maker when the attribute is first read (equality,
    hashing, ``repr`` and serialisation read the attributes, so they see the rendered values).
    Reasoning is recorded as data during a decision and its text rendered only when read."""

    def decorate(cls: _C) -> _C:
        for name, make in makers.items():
            setattr(cls, name, _DeferredSlot(cls.__dict__[name], make))
        return cls

    return decorate


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


def recorded_waits(waits: tuple[Wait, ...]) -> Recorded:
    """``waits`` as a decision keeps them until they are read (see :func:`recorded`): their
    number, then each one's fields, flat; ``()`` for none."""
    if not waits:
        return ()
    flat: list[Any] = [len(waits)]
    for wait in waits:
        flat += (wait.rule_id, wait.since, wait.days, wait.until, wait.reason)
    return tuple(flat)


def wait_records(values: Recorded) -> tuple[Wait, ...]:
    """The waits :func:`recorded_waits` recorded, as :class:`Wait` values."""
    return tuple([Wait(*values[1 + 5 * i : 6 + 5 * i]) for i in range(values[0])])
