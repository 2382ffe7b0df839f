"""Contact Center triage (CC-TRIAGE): the factors that make a matter urgent.

The representative weighs the nature of the inquiry, the case's status (how long it has been
pending, deadlines at risk) and personal circumstances (health, employment, finances). USCIS
decides urgency case by case; :func:`triage` lists the factors a firm can put to the
representative, and calls the matter urgent when at least one is present.
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.sources.rulebook import Citation, load_rulebook

__all__ = ["FactorKind", "Triage", "TriageFactor", "triage", "triage_advice"]


class FactorKind(enum.Enum):
    """The kinds of triage factor (CC-TRIAGE)."""

    DEADLINE_AT_RISK = "DEADLINE_AT_RISK"
    LONG_PENDING = "LONG_PENDING"
    HEALTH = "HEALTH"
    EMPLOYMENT = "EMPLOYMENT"
    FINANCIAL = "FINANCIAL"
    PRESSING = "PRESSING"


@attrs.frozen
class TriageFactor:
    """One factor in favour of urgent handling, with why it applies."""

    kind: FactorKind
    detail: str


@attrs.frozen
class Triage:
    """The triage of a case on a date: urgent when at least one factor applies."""

    urgent: bool
    factors: tuple[TriageFactor, ...]
    citations: tuple[Citation, ...]
    as_of: _dt.date


_AS_OF = v.decision_date("as_of")


def check_question(case: object, as_of: object, policy: object) -> tuple[Case, _dt.date, Policy]:
    """The three arguments every question about a case takes, checked at the boundary."""
    if not isinstance(case, Case):
        raise InvalidValue(
            "must be a Case", field="case", value=case, expected="an infopass_rules.Case"
        )
    day = _AS_OF(as_of)
    if not isinstance(policy, Policy):
        raise InvalidValue(
            "must be a Policy",
            field="policy",
            value=policy,
            expected="an infopass_rules.Policy, e.g. DEFAULT_POLICY",
        )
    return case, day, policy


def triage(case: Case, *, as_of: _dt.date, policy: Policy = DEFAULT_POLICY) -> Triage:
    """CC-TRIAGE (``contact-center-2019``): the triage factors of ``case`` on ``as_of``.

    Factors: a deadline within ``policy.urgency_horizon_days`` of ``as_of`` (not yet passed);
    each personal circumstance; a case pending long (outside normal processing times by
    ``as_of``, or received at least ``policy.long_pending_days`` before it); the firm's own
    pressing flag.

    Raises:
        InvalidValue: ``case`` is not a Case, ``as_of`` not a date, ``policy`` not a Policy.
    """
    case, as_of, policy = check_question(case, as_of, policy)
    factors: list[TriageFactor] = []
    horizon = as_of + _dt.timedelta(days=policy.urgency_horizon_days)
    for deadline in case.deadlines:
        if as_of <= deadline.on <= horizon:
            days = (deadline.on - as_of).days
            factors.append(
                TriageFactor(
                    FactorKind.DEADLINE_AT_RISK,
                    f"'{deadline.what}' on {deadline.on.isoformat()}, {_in_days(days)} "
                    f"(horizon {policy.urgency_horizon_days})",
                )
            )
    for circumstance in sorted(case.circumstances, key=lambda c: c.name):
        factors.append(
            TriageFactor(
                FactorKind[circumstance.name], f"personal circumstance: {circumstance.name.lower()}"
            )
        )
    outside = case.outside_processing_times_on
    if outside is not None and outside <= as_of:
        factors.append(
            TriageFactor(
                FactorKind.LONG_PENDING,
                f"outside normal processing times since {outside.isoformat()}",
            )
        )
    elif case.received_on is not None:
        pending = (as_of - case.received_on).days
        if pending >= policy.long_pending_days:
            factors.append(
                TriageFactor(
                    FactorKind.LONG_PENDING,
                    f"pending {pending} days since receipt (policy "
                    f"long_pending_days {policy.long_pending_days})",
                )
            )
    if case.pressing:
        factors.append(TriageFactor(FactorKind.PRESSING, "the firm marks the issue pressing"))
    return Triage(
        urgent=bool(factors),
        factors=tuple(factors),
        citations=load_rulebook().cite("CC-TRIAGE"),
        as_of=as_of,
    )


def triage_advice(case: Case, as_of: _dt.date, why: Reasoning) -> None:
    """CC-TRIAGE (``contact-center-2019``): in a decision, the factors to put to the representative
    when calling (worked out in words only when the decision is read)."""
    if _urgent(case, as_of, why.policy):
        factors = _Factors(case, as_of, why.policy)
        why.find("CC-TRIAGE", "urgency factors to tell the representative: {}", factors)
        why.note("Ask for urgent handling (Tier 2 at once, or an urgent appointment): {}.", factors)
    else:
        why.find(
            "CC-TRIAGE", "no urgency factor (deadline, circumstance, long pending)", cite=False
        )


def _urgent(case: Case, as_of: _dt.date, policy: Policy) -> bool:
    """Whether :func:`triage` finds at least one factor (without putting any in words)."""
    if case.pressing or case.circumstances:
        return True
    horizon = as_of + _dt.timedelta(days=policy.urgency_horizon_days)
    if any(as_of <= deadline.on <= horizon for deadline in case.deadlines):
        return True
    outside = case.outside_processing_times_on
    if outside is not None and outside <= as_of:
        return True
    received = case.received_on
    return received is not None and (as_of - received).days >= policy.long_pending_days


class _Factors:
    """The triage factors of a case, in words (``"; "``-joined) when formatted."""

    __slots__ = ("as_of", "case", "policy")

    def __init__(self, case: Case, as_of: _dt.date, policy: Policy) -> None:
        self.case, self.as_of, self.policy = case, as_of, policy

    def __format__(self, spec: str) -> str:
        factors = triage(self.case, as_of=self.as_of, policy=self.policy).factors
        return "; ".join(f.detail for f in factors)


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "in 1 day" if days == 1 else f"in {days} days"
