"""The engine's answer: a :class:`Decision`, and how to read it as a person.

A decision says what to do next (``action``, with ``step`` and ``level`` where they apply), from
when (``earliest``, and whether that is already so on ``as_of``: ``allowed``), how
(``channels``), why (``citations`` and a ``trace`` of every rule consulted), and what to watch
for (``notes``, ``warnings``, ``conflicts``, ``checklist``); an action not yet allowed says what
it waits for (``waits``, :meth:`Decision.why_not_yet`). :meth:`Decision.explain` renders it as
plain text or Markdown, for a lawyer to check against the sources.

End states: ``Action.NONE`` means nothing is needed (the case is resolved, or it was not yet
received on ``as_of``: a NOT_YET_RECEIVED warning says so); ``Action.EXHAUSTED`` means the
encoded procedures set no further step (the Field Office Director or the Tier 2 Supervisor was
reached and the case is still unresolved).
"""

from __future__ import annotations

import datetime as _dt

import attrs

from infopass_rules.facts.enums import Action, Channel, Level
from infopass_rules.facts.text import md_escape
from infopass_rules.rules.districts.registry import districts
from infopass_rules.rules.regimes import regime_named
from infopass_rules.rules.remedies import Remedy, remedy_records
from infopass_rules.rules.trace import (
    NotedConflict,
    TraceEntry,
    Wait,
    Warning,
    WarningKind,
    note_texts,
    rendered_when_read,
    trace_entries,
    wait_records,
    warning_records,
)
from infopass_rules.sources.rulebook import Citation

__all__ = [
    "Decision",
    "NotedConflict",
    "Remedy",
    "TraceEntry",
    "Wait",
    "Warning",
    "WarningKind",
]


_ACTION_TEXT = {
    Action.INQUIRE: "Make an inquiry",
    Action.REQUEST_APPOINTMENT: "Request an in-person appointment",
    Action.ATTEND_APPOINTMENT: "Attend the appointment",
    Action.ESCALATE: "Escalate",
    Action.USE_OTHER_SERVICE: "Use another service (not an INFOPASS matter)",
    Action.EXHAUSTED: "No further step: the encoded procedures are exhausted",
    Action.NONE: "Nothing to do",
}

_CHANNEL_TEXT = {
    Channel.INFOPASS: "in person (INFOPASS)",
    Channel.CONTACT_CENTER: "by phone to the USCIS Contact Center",
    Channel.E_REQUEST: "online by e-Request",
    Channel.MAIL: "by mail",
}
_CHANNEL_TEXT_SELF = {
    **_CHANNEL_TEXT,
    Channel.CONTACT_CENTER: "by phone to the National Customer Service Center",
}


# The reasoning is recorded as typed records during the decision and put into words when read.
@rendered_when_read(
    trace=trace_entries,
    notes=note_texts,
    warnings=warning_records,
    waits=wait_records,
    remedies=remedy_records,
)
@attrs.frozen
class Decision:
    """The next allowed action for a case, as of a date, with the sources it rests on.

    Attributes:
        receipt_number: the case decided.
        action: what to do next.
        step: for INQUIRE under a district's ladder, the step (1, 2 or 3 in Miami); otherwise
            None.
        level: for ESCALATE, whom to ask for (FIELD_OFFICE_DIRECTOR, TIER_2_SUPERVISOR).
        earliest: the first day the action is allowed (None only for NONE); for EXHAUSTED, the
            day the route ended.
        allowed: whether the action is allowed on ``as_of`` (``earliest <= as_of``; False for
            NONE, which has no day).
        channels: how the action may be carried out.
        regime: the rule ID of the scheduling regime in force (RG-SELF, RG-PILOT, RG-CC).
        citations: every source the decision rests on, by rule.
        trace: one entry per rule consulted, in the order consulted.
        notes: advice for carrying the action out.
        warnings: premature inquiries, stale sources, estimates used, repeated inquiries, a case
            not yet received: :class:`Warning` records (``str(w)`` is the text).
        conflicts: source conflicts met, with the source followed and the one set aside.
        checklist: what to bring, for in-person actions.
        as_of: the date the decision was made for.
        ruleset_version: the rule set that made it.
        ladder_steps: under a district's ladder, the dates of the inquiries that counted as steps
            (premature inquiries and those after the last step are not among them).
        waits: what an action not yet allowed waits for: non-empty exactly when ``allowed`` is
            False and there is an action (every action but NONE); the first is the binding
            wait, whose ``until`` is ``earliest``.
        online_filing: for USE_OTHER_SERVICE on filing an application, whether the form can be
            filed online through a myUSCIS account as well as by mail (CC-NOT-INFOPASS: the
            forms the infopass-guide-2017 names as fileable online); False otherwise.
        booked: whether the action is taken at an appointment already booked for the case
            (ATTEND_APPOINTMENT, or the Field Office Director asked for at it): nothing is to be
            booked or requested for it.
        remedies: the remedies beyond the InfoPass procedures open to the case (a CIS
            Ombudsman case-assistance request, a congressional inquiry): listed once open, and
            every one, open or not, on EXHAUSTED; they never replace ``action``.
    """

    receipt_number: str
    action: Action
    step: int | None
    level: Level | None
    earliest: _dt.date | None
    allowed: bool
    channels: frozenset[Channel]
    regime: str
    citations: tuple[Citation, ...]
    trace: tuple[TraceEntry, ...]
    notes: tuple[str, ...]
    warnings: tuple[Warning, ...]
    conflicts: tuple[NotedConflict, ...]
    checklist: tuple[str, ...]
    as_of: _dt.date
    ruleset_version: str
    ladder_steps: tuple[_dt.date, ...] = ()
    waits: tuple[Wait, ...] = ()
    online_filing: bool = False
    booked: bool = False
    remedies: tuple[Remedy, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The IDs of the rules cited, in citation order, without repeats."""
        return _rule_ids(self.citations)

    def warnings_of(self, kind: WarningKind) -> tuple[Warning, ...]:
        """The warnings of one kind, in order."""
        return tuple(w for w in self.warnings if w.kind is kind)

    def why_not_yet(self) -> str:
        """Why the action is not yet allowed, in one sentence naming the rule and its source;
        ``""`` when nothing waits (the action is allowed, or there is none)."""
        if self.allowed or not self.waits:
            return ""
        wait = self.waits[0]
        source = next((c for c in self.citations if c.rule_id == wait.rule_id), None)
        where = f" ({source.source_id}, {source.pinpoint})" if source is not None else ""
        return (
            f"Not yet allowed on {self.as_of.isoformat()}: {wait.reason}, under "
            f"{wait.rule_id}{where}; allowed from {wait.until.isoformat()}."
        )

    def headline(self) -> str:
        """One line: what to do and from when."""
        action, earliest, as_of = self.action, self.earliest, self.as_of
        if action is Action.ATTEND_APPOINTMENT and earliest is not None:
            # An appointment simply in the future is not "not yet allowed": it is on its day.
            days = (earliest - as_of).days
            when = "today" if days == 0 else f"in {days} days" if days > 1 else "tomorrow"
            if days < 0:
                when = f"{-days} days ago"
            return (
                f"Attend the appointment of {earliest.isoformat()} ({when}, on {as_of.isoformat()})"
            )
        what = _ACTION_TEXT[action]
        if self.step is not None:
            what += f" (ladder step {self.step}{_of_steps(self.rule_ids)})"
        if self.level is not None:
            what += f": ask for the {self.level.title}"
        if earliest is None:
            return what
        if action is Action.EXHAUSTED:
            return f"{what}; since {earliest.isoformat()} (on {as_of.isoformat()})"
        when = "allowed now" if self.allowed else "not yet allowed"
        return f"{what}; from {earliest.isoformat()} ({when} on {as_of.isoformat()})"

    def explain(self, format: str = "text") -> str:
        """The decision for a person: what to do, from when, why, and each source.

        Args:
            format: ``"text"`` (plain text) or ``"markdown"``.
        """
        if format not in ("text", "markdown"):
            from infopass_rules.errors import InvalidValue

            raise InvalidValue(
                "is not a known format",
                field="format",
                value=format,
                expected="'text' or 'markdown'",
            )
        md = format == "markdown"
        out: list[str] = []

        def heading(text: str) -> None:
            out.append(f"\n**{text}**" if md else f"\n{text}:")

        def item(text: str) -> None:
            # Markdown: the text escaped (md_escape), so a category or note read from a file
            # shows as written and never as markup.
            out.append(f"- {md_escape(text)}" if md else f"  - {text}")

        title = f"{self.receipt_number}: {self.headline()}"
        out.append(f"### {md_escape(title)}" if md else title)
        if self.channels:
            # Before the Contact Center scheduled appointments (RG-SELF), the phone line was
            # the National Customer Service Center's (miami-2013-03-14, infopass-guide-2017).
            regime = regime_named(self.regime)
            texts = _CHANNEL_TEXT_SELF if regime and regime.self_scheduled else _CHANNEL_TEXT
            ways = [texts[c] for c in sorted(self.channels, key=lambda c: c.name)]
            if self.online_filing:  # CC-NOT-INFOPASS: the form is fileable online too
                ways.insert(0, "online through a myUSCIS account")
            item("How: " + "; ".join(ways))
        item(f"How appointments are made: {_regime_text(self.regime)}")
        if self.waits and self.action is not Action.ATTEND_APPOINTMENT:
            item(self.why_not_yet())
        for label, lines in (
            ("Notes", self.notes),
            ("Warnings", tuple(w.text for w in self.warnings)),
            ("Bring", self.checklist),
        ):
            if lines:
                heading(label)
                for line in lines:
                    item(line)
        if self.remedies:
            heading("Remedies beyond the InfoPass procedures")
            for remedy in self.remedies:
                item(_remedy_text(remedy, self.as_of))
        if self.conflicts:
            heading("Conflicting sources")
            for noted in self.conflicts:
                item(
                    f"{noted.rule_id}: {noted.question} Followed {noted.followed} "
                    f"({noted.followed_says}); set aside {noted.set_aside} "
                    f"({noted.set_aside_says}): {noted.reason}"
                )
        heading("Why")
        for entry in self.trace:
            item(f"{entry.rule_id}: {entry.finding}" if entry.rule_id else entry.finding)
        if self.citations:
            heading("Sources")
            for c in self.citations:
                line = (
                    f"{c.rule_id}: {c.title}, {c.date.isoformat()} ({c.authority.value}; "
                    f"{_age(c.date, self.as_of)}), {c.pinpoint}"
                )
                if c.excerpt:
                    line += f': "{c.excerpt}"'
                item(line)
            newest = max(c.date for c in self.citations)
            item(f"Newest source: {newest.isoformat()} ({_age(newest, self.as_of)}).")
        out.append(
            f"\n_Rule set {self.ruleset_version}_" if md else f"\nRule set {self.ruleset_version}"
        )
        return "\n".join(out)


#: The rule IDs of each citations tuple met, by the tuple's identity. Decisions citing the same
#: rules share one citations tuple (the engine's citation cache), so a report's rows, which each
#: list ``rule_ids``, find each set once. Each tuple is kept beside its IDs, so its ``id`` cannot
#: be reused while stored; the memo is emptied when it reaches its size.
_RULE_IDS: dict[int, tuple[tuple[Citation, ...], tuple[str, ...]]] = {}
_RULE_IDS_SIZE = 4096


def _rule_ids(citations: tuple[Citation, ...]) -> tuple[str, ...]:
    """The IDs of the rules of ``citations``, in order, without repeats."""
    known = _RULE_IDS.get(id(citations))
    if known is not None and known[0] is citations:
        return known[1]
    ids = tuple(dict.fromkeys(c.rule_id for c in citations))
    if len(_RULE_IDS) >= _RULE_IDS_SIZE:
        _RULE_IDS.clear()
    _RULE_IDS[id(citations)] = (citations, ids)
    return ids


def _remedy_text(remedy: Remedy, as_of: _dt.date) -> str:
    """A remedy in one line: its rule, what it is, whether it is open and from when, and why."""
    if remedy.allowed:
        state = "open"
    elif remedy.earliest is not None and remedy.earliest > as_of:
        state = f"not open before {remedy.earliest.isoformat()}"
    else:
        state = "not open"
    return f"{remedy.rule_id}: {remedy.name}, {state}: {remedy.reason}"


def _of_steps(rule_ids: tuple[str, ...]) -> str:
    """ " of N" for the ladder of the registered district whose step rules the decision cites."""
    for district in districts():
        for step in district.steps:
            if step.rule_id in rule_ids:
                return f" of {len(district.steps)}"
    return ""


def _regime_text(rule_id: str) -> str:
    """How appointments are made under the regime of ``rule_id``, in words, the rule ID beside."""
    regime = regime_named(rule_id)
    return f"{regime.words} ({rule_id})" if regime is not None else rule_id


def _age(dated: _dt.date, as_of: _dt.date) -> str:
    days = (as_of - dated).days
    if days < 0:
        return f"dated {-days} days after {as_of.isoformat()}"
    return f"{days / 365.25:.1f} years old on {as_of.isoformat()}"
