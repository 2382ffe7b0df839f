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

from infopass_rules._version import __version__
from infopass_rules.errors import (
    InfopassRulesError,
    InvalidData,
    InvalidHistory,
    InvalidReceiptNumber,
    InvalidValue,
    MissingFact,
    UnknownOffice,
)
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Action, Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
    from collections.abc import Mapping

    from infopass_rules.edges.docket import (
        Docket,
        DocketReport,
        RowError,
        compare_reports,
        decide_docket,
        example_docket,
        example_docket_files,
        read_docket,
    )
    from infopass_rules.edges.ical import to_ics
    from infopass_rules.edges.json import dumps, loads
    from infopass_rules.edges.record import Record, escalation_record
    from infopass_rules.edges.schema import json_schema
    from infopass_rules.engine.decision import Decision
    from infopass_rules.engine.next_action import decide_many, next_action
    from infopass_rules.planning.calendar import business_days, is_business_day, next_business_day
    from infopass_rules.planning.docket_plan import plan_docket
    from infopass_rules.planning.limits import Violation, ViolationKind, check_appointments
    from infopass_rules.planning.plan import (
        Plan,
        PlannedBooking,
        PlannedCall,
        PlannerLimits,
        PlanNote,
        Purpose,
        Unplaced,
    )
    from infopass_rules.planning.requests import (
        DecidedRequests,
        PlanRequest,
        requests_from_decisions,
    )
    from infopass_rules.planning.schedule import plan_appointments
    from infopass_rules.rules.policy import (
        DEFAULT_POLICY,
        ConflictRule,
        DayCount,
        FodAfterThird,
        OmbudsmanWindow,
        Policy,
        Premature,
    )
    from infopass_rules.rules.remedies import Remedy
    from infopass_rules.rules.trace import NotedConflict, TraceEntry, Wait, Warning, WarningKind
    from infopass_rules.rules.triage import FactorKind, Triage, TriageFactor, triage
    from infopass_rules.sources.rulebook import Authority, Citation, Rule, Source
    from infopass_rules.times.published import PublishedTime
    from infopass_rules.times.table import OutsideFinding, ProcessingTimes, load_processing_times

    SOURCES: Mapping[str, Source]
    RULES: Mapping[str, Rule]
    RULESET_VERSION: str

_LAZY = {
    "Violation": "planning.limits",
    "ViolationKind": "planning.limits",
    "check_appointments": "planning.limits",
    "business_days": "planning.calendar",
    "is_business_day": "planning.calendar",
    "next_business_day": "planning.calendar",
    "Decision": "engine.decision",
    "NotedConflict": "rules.trace",
    "TraceEntry": "rules.trace",
    "Wait": "rules.trace",
    "Remedy": "rules.remedies",
    "Warning": "rules.trace",
    "WarningKind": "rules.trace",
    "next_action": "engine.next_action",
    "decide_many": "engine.next_action",
    "to_ics": "edges.ical",
    "Docket": "edges.docket",
    "DocketReport": "edges.docket",
    "RowError": "edges.docket",
    "compare_reports": "edges.docket",
    "decide_docket": "edges.docket",
    "example_docket": "edges.docket",
    "example_docket_files": "edges.docket",
    "read_docket": "edges.docket",
    "json_schema": "edges.schema",
    "Plan": "planning.plan",
    "PlanNote": "planning.plan",
    "PlannedCall": "planning.plan",
    "PlannedBooking": "planning.plan",
    "Purpose": "planning.plan",
    "PlannerLimits": "planning.plan",
    "DecidedRequests": "planning.requests",
    "PlanRequest": "planning.requests",
    "Unplaced": "planning.plan",
    "plan_appointments": "planning.schedule",
    "plan_docket": "planning.docket_plan",
    "requests_from_decisions": "planning.requests",
    "DEFAULT_POLICY": "rules.policy",
    "ConflictRule": "rules.policy",
    "DayCount": "rules.policy",
    "Policy": "rules.policy",
    "FodAfterThird": "rules.policy",
    "OmbudsmanWindow": "rules.policy",
    "Premature": "rules.policy",
    "OutsideFinding": "times.table",
    "PublishedTime": "times.published",
    "ProcessingTimes": "times.table",
    "load_processing_times": "times.table",
    "Authority": "sources.rulebook",
    "Citation": "sources.rulebook",
    "Rule": "sources.rulebook",
    "Source": "sources.rulebook",
    "dumps": "edges.json",
    "Record": "edges.record",
    "escalation_record": "edges.record",
    "loads": "edges.json",
    "FactorKind": "rules.triage",
    "Triage": "rules.triage",
    "TriageFactor": "rules.triage",
    "triage": "rules.triage",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    elif name in ("SOURCES", "RULES", "RULESET_VERSION"):
        from infopass_rules.sources.rulebook import load_rulebook

        book = load_rulebook()
        value = {"SOURCES": book.sources, "RULES": book.rules, "RULESET_VERSION": book.version}[
            name
        ]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    """The public names (``__all__``, loaded or not) and the module's dunders: none of the helpers
    this module imports or keeps, and none of the sub-packages loaded so far."""
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*__all__, *dunders})


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
    "DecidedRequests",
    "Decision",
    "Docket",
    "DocketReport",
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
    "OmbudsmanWindow",
    "Outcome",
    "OutsideFinding",
    "Plan",
    "PlanNote",
    "PlanRequest",
    "PlannedBooking",
    "PlannedCall",
    "PlannerLimits",
    "Policy",
    "Premature",
    "ProcessingTimes",
    "PublishedTime",
    "Purpose",
    "Record",
    "Remedy",
    "RowError",
    "Rule",
    "Source",
    "TraceEntry",
    "Triage",
    "TriageFactor",
    "UnknownOffice",
    "Unplaced",
    "Violation",
    "ViolationKind",
    "Wait",
    "Warning",
    "WarningKind",
    "__version__",
    "business_days",
    "check_appointments",
    "compare_reports",
    "decide_docket",
    "decide_many",
    "dumps",
    "escalation_record",
    "example_docket",
    "example_docket_files",
    "is_business_day",
    "json_schema",
    "load_processing_times",
    "loads",
    "next_action",
    "next_business_day",
    "plan_appointments",
    "plan_docket",
    "read_docket",
    "requests_from_decisions",
    "to_ics",
    "triage",
]
