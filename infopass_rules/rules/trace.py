"""What a decision records of its reasoning: trace entries and noted source conflicts.

The rule modules write these through :class:`~infopass_rules.rules.reasoning.Reasoning`; the
engine hands them on in the :class:`~infopass_rules.engine.decision.Decision`.
"""

from __future__ import annotations

import attrs

__all__ = ["NotedConflict", "TraceEntry"]


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
