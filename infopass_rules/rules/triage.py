"""Contact Center triage (CC-TRIAGE): the factors that make a matter urgent.

The representative weighs the nature of the inquiry, the case's status (how long it has been
pending, deadlines at risk) and personal circumstances (health, employment, finances). USCIS
decides urgency case by case; :func:`triage` lists the factors a firm can put to the
representative, and calls the matter urgent when at least one of the policy's urgency factors is
present: a deadline within the horizon, a personal circumstance, a case pending past
``Policy.long_pending_days``, or the firm's own pressing flag. Being outside normal processing
times is a factor to mention ("how long it has been pending"), not by itself a reason to ask for
urgent handling (see docs/concepts/contact-center.md).
"""

from __future__ import annotations

import datetime as _dt

import attrs

from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Circumstance, IdentityEnum
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy, check_policy
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.sources.rulebook import Citation, load_rulebook

__all__ = ["FactorKind", "Triage", "TriageFactor", "triage", "triage_advice"]


class FactorKind(IdentityEnum):
    """The kinds of triage factor (CC-TRIAGE)."""

    DEADLINE_AT_RISK = "DEADLINE_AT_RISK"
    LONG_PENDING = "LONG_PENDING"
    HEALTH = "HEALTH"
    EMPLOYMENT = "EMPLOYMENT"
    FINANCIAL = "FINANCIAL"
    PRESSING = "PRESSING"
    #: Outside normal processing times: how long the case has been pending, to mention to the
    #: representative; not by itself a reason to ask for urgent handling.
    OUTSIDE_PROCESSING_TIMES = "OUTSIDE_PROCESSING_TIMES"


#: The factors that are mentioned, never by themselves a reason for urgent handling.
_MENTION_ONLY = frozenset({FactorKind.OUTSIDE_PROCESSING_TIMES})


@attrs.frozen
class TriageFactor:
    """One factor in favour of urgent handling, with why it applies."""

    kind: FactorKind
    detail: str


@attrs.frozen
class Triage:
    """The triage of a case on a date: urgent when at least one urgency factor applies (being
    outside normal processing times is listed among ``factors`` but is no urgency factor)."""

    urgent: bool
    factors: tuple[TriageFactor, ...]
    citations: tuple[Citation, ...]
    as_of: _dt.date

    @property
    def urgency_factors(self) -> tuple[TriageFactor, ...]:
        """The factors that make the matter urgent (every factor but being outside normal
        processing times)."""
        return tuple(f for f in self.factors if f.kind not in _MENTION_ONLY)


_AS_OF = v.decision_date("as_of")


def check_question(case: object, as_of: object, policy: object) -> tuple[Case, _dt.date, Policy]:
    """The three arguments every question about a case takes, checked at the boundary."""
    return check_case(case), _AS_OF(as_of), check_policy(policy)


def check_case(value: object) -> Case:
    """``value`` if it is a :class:`~infopass_rules.facts.case.Case` (the ``case`` argument)."""
    return v.instance(value, Case, "case", what="a Case", expected="an infopass_rules.Case")


def triage(case: Case, *, as_of: _dt.date, policy: Policy = DEFAULT_POLICY) -> Triage:
    """CC-TRIAGE (``contact-center-2019``): the triage factors of ``case`` on ``as_of``.

    Factors: a deadline within ``policy.urgency_horizon_days`` of ``as_of`` (not yet passed);
    each personal circumstance; a case received at least ``policy.long_pending_days`` before
    ``as_of`` (LONG_PENDING); the firm's own pressing flag; and, to mention only, a case outside
    normal processing times by ``as_of`` (OUTSIDE_PROCESSING_TIMES). ``urgent`` when any factor
    but the last applies.

    Raises:
        InvalidValue: ``case`` is not a Case, ``as_of`` not a date, ``policy`` not a Policy.
    """
    case, as_of, policy = check_question(case, as_of, policy)
    urgency = _urgency_factors(case, as_of, policy)
    outside = _outside_since(case, as_of)
    mentioned = () if outside is None else (_outside_factor(outside),)
    return Triage(
        urgent=bool(urgency),
        factors=(*urgency, *mentioned),
        citations=load_rulebook().cite("CC-TRIAGE"),
        as_of=as_of,
    )


#: Each personal circumstance as its factor (the same words for every case), in the order of
#: their names.
_CIRCUMSTANCE_FACTORS = tuple(
    (c, TriageFactor(FactorKind[c.name], f"personal circumstance: {c.name.lower()}"))
    for c in sorted(Circumstance, key=lambda c: c.name)
)
#: The firm's own pressing flag as a factor.
_PRESSING = TriageFactor(FactorKind.PRESSING, "the firm marks the issue pressing")


def _urgency_factors(case: Case, as_of: _dt.date, policy: Policy) -> list[TriageFactor]:
    """The factors of ``case`` on ``as_of`` that make the matter urgent (see :func:`triage`), in
    order: deadlines at risk, personal circumstances (by name), long pending, pressing."""
    factors: list[TriageFactor] = []
    horizon_days = policy.urgency_horizon_days
    for deadline in case.deadlines:
        if 0 <= (deadline.on - as_of).days <= horizon_days:
            factors.append(
                TriageFactor(
                    FactorKind.DEADLINE_AT_RISK,
                    f"'{deadline.what}' on {deadline.on.isoformat()}, "
                    f"{_in_days((deadline.on - as_of).days)} (within the {horizon_days}-day "
                    "horizon)",
                )
            )
    if case.circumstances:
        factors += [f for c, f in _CIRCUMSTANCE_FACTORS if c in case.circumstances]
    if case.received_on is not None:
        pending = (as_of - case.received_on).days
        if pending >= policy.long_pending_days:
            factors.append(
                TriageFactor(
                    FactorKind.LONG_PENDING,
                    f"pending {pending} days since receipt (the policy counts "
                    f"{policy.long_pending_days} days or more as long pending)",
                )
            )
    if case.pressing:
        factors.append(_PRESSING)
    return factors


def _outside_since(case: Case, as_of: _dt.date) -> _dt.date | None:
    """The day ``case`` is outside normal processing times, when it is by ``as_of`` (a factor
    to mention, never by itself a reason for urgent handling); else None."""
    outside = case.outside_processing_times_on
    return outside if outside is not None and outside <= as_of else None


def _outside_factor(outside: _dt.date) -> TriageFactor:
    return TriageFactor(
        FactorKind.OUTSIDE_PROCESSING_TIMES,
        f"outside normal processing times since {outside.isoformat()}",
    )


def triage_advice(case: Case, as_of: _dt.date, why: Reasoning) -> None:
    """CC-TRIAGE (``contact-center-2019``): in a decision, the factors to put to the
    representative when calling. Urgent handling is advised only when an urgency factor holds; a
    case outside normal processing times is told how long it has been pending, which is not by
    itself a reason to ask for urgent handling."""
    urgency = "; ".join([f.detail for f in _urgency_factors(case, as_of, why.policy)])
    if urgency:
        why.find("CC-TRIAGE", "urgency factors to tell the representative: {}", urgency)
        why.note("Ask for urgent handling (Tier 2 at once, or an urgent appointment): {}.", urgency)
    else:
        why.find(
            "CC-TRIAGE",
            "no urgency factor (deadline, circumstance, long pending)",
            cite=False,  # CC-TRIAGE is cited below when there is something to tell
        )
    outside = _outside_since(case, as_of)
    if outside is not None:
        why.find(
            "CC-TRIAGE",
            "how long the case has been pending, to tell the representative: outside normal "
            "processing times since {} (not by itself a reason to ask for urgent handling)",
            outside,
        )
        why.note(
            "Tell the representative how long the case has been pending: outside normal "
            "processing times since {}.",
            outside,
        )


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "in 1 day" if days == 1 else f"in {days} days"
