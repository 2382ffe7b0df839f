"""What a decision records of its reasoning: trace entries, noted source conflicts, warnings and
waits.

The rule modules write these through :class:`~infopass_rules.rules.reasoning.Reasoning`; the
engine hands them on in the :class:`~infopass_rules.engine.decision.Decision`.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = [
    "NotedConflict",
    "ReasoningLog",
    "TraceEntry",
    "Wait",
    "Warning",
    "WarningKind",
    "deferred_slots",
    "render",
]

_C = TypeVar("_C", bound=type)


def render(template: str, args: tuple[Any, ...]) -> str:
    """A text recorded as a template and its arguments (``str.format`` with ``{}`` fields, the
    same text an f-string gives: a date renders as its ISO form); a template without arguments is
    the text itself, braces and all."""
    return template.format(*args) if args else template


class ReasoningLog(list[Any]):
    """A decision's reasoning as recorded, flat, to be rendered when read (see
    :func:`deferred_slots`; :class:`~infopass_rules.rules.reasoning.Reasoning` writes it)."""

    __slots__ = ()


class _DeferredSlot:
    """A slot that may hold a :class:`ReasoningLog`: rendered by ``make``, and the result
    stored, when first read."""

    __slots__ = ("make", "slot")

    def __init__(self, slot: Any, make: Callable[[ReasoningLog], Any]) -> None:
        self.slot = slot
        self.make = make

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, cls)
        if type(value) is ReasoningLog:
            value = self.make(value)
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)


def deferred_slots(**makers: Callable[[ReasoningLog], Any]) -> Callable[[_C], _C]:
    """Let the named slots of a slotted attrs class hold a :class:`ReasoningLog`, rendered by its
    maker when the attribute is first read (equality, hashing, ``repr`` and serialisation read
    the attributes, so they see the rendered values). Reasoning is recorded as data during a
    decision and its text rendered only when read."""

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
