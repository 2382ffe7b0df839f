"""infopass_rules: USCIS INFOPASS and Contact Center procedures as a pure rules engine.

Give it the facts (a :class:`Case`, its history of :class:`Inquiry` and :class:`Appointment`
values, and the date you ask on) and :func:`next_action` answers with a :class:`Decision`: the
next allowed action, the earliest date it is allowed, and the citations of the liaison-meeting
minutes and other sources it rests on, with a trace a lawyer can check.

The facts, enums and errors are imported eagerly (they are small); everything else loads on
first use, so ``import infopass_rules`` stays cheap for software that only builds facts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .enums import Action, Channel, Circumstance, Issue, Level, Outcome
from .errors import (
    InfopassRulesError,
    InvalidData,
    InvalidHistory,
    InvalidReceiptNumber,
    InvalidValue,
    MissingFact,
    UnknownOffice,
)
from .model import Appointment, Case, Deadline, Inquiry

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
    from collections.abc import Mapping

    from .appointments import Violation, ViolationKind, check_appointments
    from .calendar import business_days, is_business_day, next_business_day
    from .decision import Decision, NotedConflict, TraceEntry
    from .engine import next_action
    from .export import to_ics
    from .planner import (
        Plan,
        PlannerLimits,
        PlanNote,
        PlanRequest,
        Unplaced,
        plan_appointments,
        requests_from_decisions,
    )
    from .policy import DEFAULT_POLICY, ConflictRule, DayCount, FodAfterThird, Policy, Premature
    from .processing_times import (
        OutsideFinding,
        ProcessingTimes,
        PublishedTime,
        load_processing_times,
    )
    from .registry import Authority, Citation, Rule, Source
    from .serialization import dumps, loads
    from .urgency import FactorKind, Triage, TriageFactor, triage

    SOURCES: Mapping[str, Source]
    RULES: Mapping[str, Rule]
    RULESET_VERSION: str

_LAZY = {
    "Violation": "appointments",
    "ViolationKind": "appointments",
    "check_appointments": "appointments",
    "business_days": "calendar",
    "is_business_day": "calendar",
    "next_business_day": "calendar",
    "Decision": "decision",
    "NotedConflict": "decision",
    "TraceEntry": "decision",
    "next_action": "engine",
    "to_ics": "export",
    "Plan": "planner",
    "PlanNote": "planner",
    "PlannerLimits": "planner",
    "PlanRequest": "planner",
    "Unplaced": "planner",
    "plan_appointments": "planner",
    "requests_from_decisions": "planner",
    "DEFAULT_POLICY": "policy",
    "ConflictRule": "policy",
    "DayCount": "policy",
    "Policy": "policy",
    "FodAfterThird": "policy",
    "Premature": "policy",
    "OutsideFinding": "processing_times",
    "PublishedTime": "processing_times",
    "ProcessingTimes": "processing_times",
    "load_processing_times": "processing_times",
    "Authority": "registry",
    "Citation": "registry",
    "Rule": "registry",
    "Source": "registry",
    "dumps": "serialization",
    "loads": "serialization",
    "FactorKind": "urgency",
    "Triage": "urgency",
    "TriageFactor": "urgency",
    "triage": "urgency",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    elif name in ("SOURCES", "RULES", "RULESET_VERSION"):
        from .registry import load_rulebook

        book = load_rulebook()
        value = {"SOURCES": book.sources, "RULES": book.rules, "RULESET_VERSION": book.version}[
            name
        ]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "SOURCES", "RULES", "RULESET_VERSION"])


__all__ = [
    "DEFAULT_POLICY",
    "RULES",
    "RULESET_VERSION",
    "SOURCES",
    "Action",
    "Appointment",
    "Authority",
    "Case",
    "Channel",
    "Circumstance",
    "Citation",
    "ConflictRule",
    "DayCount",
    "Deadline",
    "Decision",
    "FactorKind",
    "FodAfterThird",
    "InfopassRulesError",
    "Inquiry",
    "InvalidData",
    "InvalidHistory",
    "InvalidReceiptNumber",
    "InvalidValue",
    "Issue",
    "Level",
    "MissingFact",
    "NotedConflict",
    "Outcome",
    "OutsideFinding",
    "Plan",
    "PlanNote",
    "PlanRequest",
    "PlannerLimits",
    "Policy",
    "Premature",
    "ProcessingTimes",
    "PublishedTime",
    "Rule",
    "Source",
    "TraceEntry",
    "Triage",
    "TriageFactor",
    "UnknownOffice",
    "Unplaced",
    "Violation",
    "ViolationKind",
    "__version__",
    "business_days",
    "check_appointments",
    "dumps",
    "is_business_day",
    "load_processing_times",
    "loads",
    "next_action",
    "next_business_day",
    "plan_appointments",
    "requests_from_decisions",
    "to_ics",
    "triage",
]
