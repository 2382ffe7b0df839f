"""Assembling the decision: the last room.

The rules relied on give the citations (each rule's sources, with pinpoints), with the published
processing times an action was dated by; the sources' dates give two warnings: sources dated
after ``as_of`` (LATER_SOURCE) and a newest source older than ``Policy.stale_after_days``
(STALE_SOURCE). An action not yet allowed says what it waits for. The reasoning and the waits are
handed to the :class:`~infopass_rules.engine.decision.Decision` as recorded (plain tuples),
put into words when read.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import TypeVar

from infopass_rules.engine.decision import Decision
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action
from infopass_rules.rules.reasoning import Proposal, Reasoning
from infopass_rules.rules.regimes import Regime
from infopass_rules.rules.remedies import kept_remedies
from infopass_rules.rules.trace import NotedConflict, Wait, WarningKind, kept, kept_waits
from infopass_rules.sources.rulebook import Citation, Rulebook

__all__ = ["assemble"]


def assemble(
    case: Case,
    proposal: Proposal,
    regime: Regime,
    checklist: tuple[str, ...],
    as_of: _dt.date,
    why: Reasoning,
) -> Decision:
    """The immutable decision: ``proposal`` under ``regime``, with its reasoning and sources."""
    if proposal.action not in (Action.NONE, Action.EXHAUSTED):
        why.cite(regime.rule_id)  # the regime says how the action is carried out
    citations, dated = _citations(why.book, tuple(why.cited))
    if proposal.data_citations:
        citations += proposal.data_citations
        dated = _dated(citations)
    _warn_of_source_dates(dated, as_of, why)
    earliest = proposal.earliest
    allowed = earliest is not None and earliest <= as_of
    records = kept(why.records)
    waits = _waits(proposal, regime, as_of) if earliest is not None and not allowed else ()
    return Decision(
        receipt_number=case.receipt_number,
        action=proposal.action,
        step=proposal.step,  # only a ladder INQUIRE carries a step
        level=proposal.level,  # only an ESCALATE carries a level
        earliest=earliest,
        allowed=allowed,
        channels=proposal.channels,
        regime=regime.rule_id,
        citations=citations,
        trace=records,  # one tuple of records: each field puts its own kind into words when read
        notes=records,
        warnings=records,
        conflicts=_shared_conflicts(why.conflicts),
        checklist=checklist,
        as_of=as_of,
        ruleset_version=why.book.version,
        ladder_steps=proposal.ladder_steps,
        waits=kept_waits(waits),
        online_filing=proposal.online_filing,
        booked=proposal.booked,
        remedies=kept_remedies(proposal.remedies),
    )


def _warn_of_source_dates(dated: Dated, as_of: _dt.date, why: Reasoning) -> None:
    """LATER_SOURCE for sources dated after ``as_of``; STALE_SOURCE when the newest source is
    older than the policy's ``stale_after_days``. ``dated``: the cited sources by date (see
    :func:`_dated`)."""
    if not dated:
        return
    later: tuple[str, ...] = ()
    for day, on_or_after in dated:  # newest first: the sources after as_of are the first days'
        if day <= as_of:
            break
        later = on_or_after
    if later:
        why.warn(
            WarningKind.LATER_SOURCE,
            "Sources dated after {} are cited ({}): they describe the procedure as reported "
            "later, the best evidence of it on that date.",
            as_of,
            ", ".join(later),
        )
    newest = dated[0][0]
    age = (as_of - newest).days
    if age > why.policy.stale_after_days:
        why.warn(
            WarningKind.STALE_SOURCE,
            "The newest source this decision rests on is dated {}, {} days before {}: the "
            "procedure may have changed since; check for newer guidance.",
            newest,
            age,
            as_of,
            on=newest,
        )


def _shared_conflicts(conflicts: list[NotedConflict]) -> tuple[NotedConflict, ...]:
    """The conflicts noted, as a tuple shared by every decision noting the same ones: they come
    from the rule book (a few per book), so a decision kept holds no tuple of its own for the
    garbage collector to walk."""
    return _shared(_CONFLICTS, tuple(conflicts)) if conflicts else ()


#: Each tuple of conflicts noted, once.
_CONFLICTS: dict[tuple[NotedConflict, ...], tuple[NotedConflict, ...]] = {}

_T = TypeVar("_T")

#: The most values each memo of shared values below keeps (a few dozen in use with the shipped
#: rule book; rule books of one's own, made again and again, would otherwise add some for ever).
_SHARED_SIZE = 1024


def _shared(memo: dict[_T, _T], value: _T) -> _T:
    """``value``, or the equal value met before: one object for every decision holding it. The
    memo is emptied when a new value finds it holding :data:`_SHARED_SIZE` values."""
    known = memo.get(value)
    if known is not None:
        return known
    if len(memo) >= _SHARED_SIZE:
        memo.clear()
    memo[value] = value
    return value


def _waits(proposal: Proposal, regime: Regime, as_of: _dt.date) -> tuple[Wait, ...]:
    """What the action, not yet allowed, waits for: the rules' own wait, or the day of an
    appointment already booked."""
    earliest = proposal.earliest
    assert earliest is not None
    wait = proposal.wait
    if wait is None or wait.until != earliest:
        wait = Wait(
            regime.rule_id, as_of, None, earliest, f"the appointment is booked for {earliest}"
        )
    return (wait,)


#: The cited sources by date: each day a cited source is dated, newest first, with the IDs of
#: every cited source dated on or after it, sorted (so the sources dated after any day are those
#: of the last of these days after it).
Dated = tuple[tuple[_dt.date, tuple[str, ...]], ...]


@lru_cache(maxsize=1024)  # decisions cite a few hundred sets of rules
def _citations(book: Rulebook, rule_ids: tuple[str, ...]) -> tuple[tuple[Citation, ...], Dated]:
    """The citations of the rules relied on, in order, and their sources by date: the same for
    every decision citing the same rules."""
    citations = book.cite_all(rule_ids)
    dated = _dated(citations)
    # Many sets of rules rest on the same sources: one Dated value each, so a set of rules met
    # for the first time (they keep coming, rarely, over a million decisions) adds little.
    return citations, _shared(_DATED, dated)


#: Each Dated value met, once.
_DATED: dict[Dated, Dated] = {}


def _dated(citations: tuple[Citation, ...]) -> Dated:
    """The cited sources by date (see :data:`Dated`)."""
    days = sorted({c.date for c in citations}, reverse=True)
    return tuple(
        (day, tuple(sorted({c.source_id for c in citations if c.date >= day}))) for day in days
    )
