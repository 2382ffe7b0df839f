"""The working notes of one decision: the rules consulted, what was found, what to warn of.

Internal. The rule modules (regimes, ladder, Contact Center) write into a :class:`Reasoning`;
the engine turns it into an immutable :class:`~infopass_rules.engine.decision.Decision`. Every
finding is recorded with the rule ID it rests on, so the citations follow from the trace and a
decision cannot state something without its source. What is recorded are the typed records of
:mod:`.trace` (a :data:`~.trace.Finding`, :data:`~.trace.Note` or :data:`~.trace.Warned` each),
put into words when read.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any

from infopass_rules.facts.enums import Action, Channel, Level
from infopass_rules.rules.channels import IN_PERSON, NO_CHANNEL
from infopass_rules.rules.policy import ConflictRule, Policy
from infopass_rules.rules.remedies import Remedy
from infopass_rules.rules.trace import (
    FINDING,
    NOTE,
    TEMPLATE_FIELDS,
    WARNING,
    Finding,
    NotedConflict,
    Record,
    TraceEntry,
    Wait,
    Warning,
    WarningKind,
    check_template,
    note_texts,
    trace_entries,
    warning_records,
)
from infopass_rules.sources.rulebook import (
    Authority,
    Citation,
    Parameter,
    Reading,
    Rulebook,
    load_rulebook,
)


class Reasoning:
    """Accumulates the records, cited rules and conflicts of one decision.

    Each finding, note and warning is recorded as its rule, a template and the values it names
    (``why.find("MIA-SECOND", "step {}: ...", 2)``), put into words only when read (``trace``,
    ``notes``, ``warnings`` here, or the decision's). A template without values is the text
    itself. Notes and warnings are kept once per text, the first kept.
    """

    __slots__ = ("book", "cited", "conflicts", "policy", "records")

    def __init__(self, policy: Policy, book: Rulebook | None = None) -> None:
        self.book = book if book is not None else load_rulebook()
        self.policy = policy
        self.records: list[Record] = []  # findings, notes and warnings, in the order made
        self.cited: dict[str, None] = {}  # ordered set of rule IDs
        self.conflicts: list[NotedConflict] = []

    @property
    def trace(self) -> list[TraceEntry]:
        """The findings so far, in words."""
        return list(trace_entries(tuple(self.records)))

    @property
    def notes(self) -> list[str]:
        """The notes so far, in words, each once."""
        return list(note_texts(tuple(self.records)))

    @property
    def warnings(self) -> list[Warning]:
        """The warnings so far, in words, each text once."""
        return list(warning_records(tuple(self.records)))

    def fact(self, finding: str, *values: Any) -> None:
        """Record a finding of fact that rests on no rule."""
        if values and TEMPLATE_FIELDS.get(finding) != len(values):
            check_template(finding, values)
        self.records.append((FINDING, None, finding, *values))

    def find(self, rule_id: str, finding: str, *values: Any, cite: bool = True) -> None:
        """Record a finding under a rule; cite the rule unless ``cite`` is False (a rule consulted
        that did not apply is traced but not relied on)."""
        if values and TEMPLATE_FIELDS.get(finding) != len(values):
            check_template(finding, values)
        self.records.append((FINDING, rule_id, finding, *values))
        if cite:
            self.cited[rule_id] = None

    def found(self, finding: Finding) -> None:
        """Record a finding a rule module made as a value, citing its rule (a finding of fact
        cites none)."""
        if len(finding) > 3 and TEMPLATE_FIELDS.get(finding[2]) != len(finding) - 3:
            check_template(finding[2], finding[3:])
        self.records.append(finding)
        if finding[1] is not None:
            self.cited[finding[1]] = None

    def cite(self, rule_id: str) -> None:
        self.cited[rule_id] = None

    def note(self, text: str, *values: Any) -> None:
        """Record a note (once: the same text is not repeated)."""
        if values and TEMPLATE_FIELDS.get(text) != len(values):
            check_template(text, values)
        self.records.append((NOTE, text, *values))

    def warn(
        self,
        kind: WarningKind,
        text: str,
        *values: Any,
        rule_id: str | None = None,
        on: _dt.date | None = None,
    ) -> None:
        """Record a warning (once: the same text is not repeated)."""
        if values and TEMPLATE_FIELDS.get(text) != len(values):
            check_template(text, values)
        self.records.append((WARNING, kind._value_, rule_id, on, text, *values))

    def param(self, name: str, on: _dt.date) -> Any:
        """A parameter's value in force on ``on`` (or its first value, with a warning, when ``on``
        is before it: the sources are then the best evidence there is)."""
        parameter = self.book.parameters[name]
        period = parameter.period_at(on)
        if period is None:
            first = parameter.values[0]
            self.warn(
                WarningKind.STALE_SOURCE,
                "{}: the sources describe this only from {} ({}); that description is applied "
                "to {}.",
                parameter.rule_id,
                first.start,
                first.source_id,
                on,
                rule_id=parameter.rule_id,
                on=on,
            )
            return first.value
        return period.value

    def resolve(self, name: str, question: str) -> Any:
        """The value of a parameter whose sources disagree, chosen by the policy's conflict rule,
        and the conflict recorded in the decision."""
        value, conflict = _resolved(self.book, name, question, self.policy.conflict_rule)
        if conflict not in self.conflicts:
            self.conflicts.append(conflict)
        self.cite(conflict.rule_id)
        return value


@lru_cache(maxsize=64)  # a few conflicted parameters, per rule book and conflict rule
def _resolved(
    book: Rulebook, name: str, question: str, rule: ConflictRule
) -> tuple[Any, NotedConflict]:
    """The reading of conflicted parameter ``name`` that ``rule`` follows, and the conflict as
    a decision notes it: the same for every decision (it depends on the book alone)."""
    parameter = book.parameters[name]
    followed, set_aside, reason = pick_reading(book, parameter, rule)
    conflict = NotedConflict(
        rule_id=parameter.rule_id,
        question=question,
        followed=followed.source_id,
        followed_says=followed.note or str(followed.value),
        set_aside=set_aside.source_id,
        set_aside_says=set_aside.note or str(set_aside.value),
        reason=reason,
    )
    return followed.value, conflict


_RANK = {Authority.PRIMARY: 2, Authority.DATA: 1, Authority.SECONDARY: 0}


def pick_reading(
    book: Rulebook, parameter: Parameter, rule: ConflictRule
) -> tuple[Reading, Reading, str]:
    """The reading of a conflicted parameter the conflict rule follows, the one it sets aside,
    and why."""
    readings = list(parameter.readings)
    if rule is ConflictRule.LONGEST_WAIT:
        readings.sort(key=lambda r: (max(r.value), r.start), reverse=True)
        reason = f"followed: {ConflictRule.LONGEST_WAIT.words}"
    else:
        readings.sort(
            key=lambda r: (
                _RANK[book.sources[r.source_id].authority],
                book.sources[r.source_id].date,
            ),
            reverse=True,
        )
        a, b = (book.sources[r.source_id] for r in readings[:2])
        if a.authority is not b.authority:
            reason = f"{a.authority.value} source over {b.authority.value} source"
        else:
            reason = "sources of equal authority: the later one is followed"
    return readings[0], readings[1], reason


class Proposal:
    """What a rule module proposes as the next action (internal, before it becomes a Decision)."""

    __slots__ = (
        "action",
        "booked",
        "channels",
        "data_citations",
        "earliest",
        "in_person",
        "ladder_steps",
        "level",
        "online_filing",
        "remedies",
        "step",
        "wait",
    )

    def __init__(
        self,
        action: Action,
        earliest: _dt.date | None,
        channels: frozenset[Channel],
        *,
        step: int | None = None,
        level: Level | None = None,
        in_person: bool = False,
        booked: bool = False,
    ) -> None:
        self.action = action
        self.earliest = earliest
        self.channels = channels
        self.step = step
        self.level = level
        self.in_person = in_person
        # At an appointment already booked: it is attended in person whatever the regime.
        self.booked = booked
        self.ladder_steps: tuple[_dt.date, ...] = ()
        # What the action waits for, when ``earliest`` may be after ``as_of`` (its ``until`` is
        # ``earliest``); the engine keeps it only when the action is not yet allowed.
        self.wait: Wait | None = None
        # Filing an application whose form can be filed online (CC-NOT-INFOPASS).
        self.online_filing = False
        # The published processing times the action was dated by (PT-INQUIRY), cited too.
        self.data_citations: tuple[Citation, ...] = ()
        # The remedies beyond the InfoPass procedures listed beside the action (section 7).
        self.remedies: tuple[Remedy, ...] = ()


def _office_name(code: str) -> str:
    """An office's name ("Miami FL"): the code is a checked fact's, so the registry knows it."""
    from infopass_rules.facts.offices import get_office

    return get_office(code).description


#: The remedies beyond the route: listed in the decision's remedies, each under its own rule.
OUTSIDE_SOURCES_NOTE = (
    "Beyond the InfoPass procedures: a case-assistance request to the CIS Ombudsman "
    "(OMB-CASE-ASSIST) or a congressional inquiry (CONG-INQUIRY); see the remedies listed, "
    "each with its earliest date."
)


def exhausted(rule_id: str, on: _dt.date, finding: str, why: Reasoning) -> Proposal:
    """The route ended under ``rule_id`` on ``on`` with the case unresolved: no further step."""
    why.find(rule_id, finding)
    why.note(OUTSIDE_SOURCES_NOTE)
    return Proposal(Action.EXHAUSTED, on, NO_CHANNEL)


def attend(appointment_day: _dt.date, office: str, why: Reasoning) -> Proposal:
    """Attend an appointment already booked for the case (in person, with the checklist); a note
    names the appointment's day and office."""
    why.note("Attend the appointment of {} at {}.", appointment_day, _office_name(office))
    return Proposal(
        Action.ATTEND_APPOINTMENT,
        appointment_day,
        IN_PERSON,
        in_person=True,
        booked=True,
    )
