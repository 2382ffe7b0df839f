"""Contact Center triage (CC-TRIAGE): the factors that make a matter urgent.

The representative weighs the nature of the inquiry, the case's status (how long it has been
pending, deadlines at risk) and personal circumstances (health, employment, finances). USCIS
decides urgency case by case; :func:`triage` lists the factors a firm can put to the
representative, and calls the matter urgent when at least one of the policy's urgency factors is
present: a deadline within the horizon, a personal circumstance, a case pending past
``Policy.long_pending_days``, or the firm's own pressing flag. Being outside normal processing
times is a factor to mention ("how long it has been pending"), not by itself a reason to ask for
urgent handling (RULES.md section 6).
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any

import attrs

from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy, check_policy
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import deferred_text
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
    if (
        type(case) is Case
        and type(as_of) is _dt.date
        and type(policy) is Policy
        and v.FIRST_DECISION_DATE <= as_of <= v.LAST_DECISION_DATE
    ):
        return case, as_of, policy  # the common case, as the checks below would pass it
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
    factors = _factors(
        as_of,
        policy.urgency_horizon_days,
        policy.long_pending_days,
        case.outside_processing_times_on,
        *_weighed_facts(case),
    )
    return Triage(
        urgent=any(f.kind not in _MENTION_ONLY for f in factors),
        factors=tuple(factors),
        citations=load_rulebook().cite("CC-TRIAGE"),
        as_of=as_of,
    )


def _weighed_facts(case: Case) -> tuple[Any, ...]:
    """The facts of ``case`` that triage weighs, as flat plain values (a decision records them
    so, to put the factors into words when read): the day received, the firm's pressing flag,
    the number of circumstances and their names (in any order), then each deadline's day and
    what."""
    values: tuple[Any, ...] = (case.received_on, case.pressing)
    circumstances = case.circumstances
    if circumstances:  # ``_name_``: the member's name without the ``name`` property's cost
        values += (len(circumstances), *[circumstance._name_ for circumstance in circumstances])
    else:
        values += (0,)
    for deadline in case.deadlines:
        values += (deadline.on, deadline.what)
    return values


def _factors(
    as_of: _dt.date,
    horizon_days: int,
    long_pending_days: int,
    outside: _dt.date | None,
    received_on: _dt.date | None,
    pressing: bool,
    circumstance_count: int,
    *names_then_deadlines: Any,
) -> list[TriageFactor]:
    """The triage factors (see :func:`triage`), from the facts :func:`_weighed_facts` gives."""
    circumstances = sorted(names_then_deadlines[:circumstance_count])
    flat = names_then_deadlines[circumstance_count:]
    deadlines = zip(flat[0::2], flat[1::2], strict=True)  # (day, what) of each deadline
    factors: list[TriageFactor] = []
    horizon = as_of + _dt.timedelta(days=horizon_days)
    for on, what in deadlines:
        if as_of <= on <= horizon:
            days = (on - as_of).days
            factors.append(
                TriageFactor(
                    FactorKind.DEADLINE_AT_RISK,
                    f"'{what}' on {on.isoformat()}, {_in_days(days)} "
                    f"(within the {horizon_days}-day horizon)",
                )
            )
    for name in circumstances:
        factors.append(TriageFactor(FactorKind[name], f"personal circumstance: {name.lower()}"))
    if received_on is not None:
        pending = (as_of - received_on).days
        if pending >= long_pending_days:
            factors.append(
                TriageFactor(
                    FactorKind.LONG_PENDING,
                    f"pending {pending} days since receipt (the policy counts "
                    f"{long_pending_days} days or more as long pending)",
                )
            )
    if pressing:
        factors.append(TriageFactor(FactorKind.PRESSING, "the firm marks the issue pressing"))
    if outside is not None and outside <= as_of:
        factors.append(
            TriageFactor(
                FactorKind.OUTSIDE_PROCESSING_TIMES,
                f"outside normal processing times since {outside.isoformat()}",
            )
        )
    return factors


def urgency_factors_text(
    as_of: _dt.date, horizon_days: int, long_pending_days: int, *facts: Any
) -> str:
    """The urgency factors in words, ``"; "``-joined: the text a decision's triage advice names,
    worked out when the decision is read from the facts :func:`triage_advice` recorded (those
    of :func:`_weighed_facts`)."""
    # Being outside normal processing times is mentioned apart, never as urgency.
    factors = _factors(as_of, horizon_days, long_pending_days, None, *facts)
    return "; ".join(f.detail for f in factors)


_URGENCY_FACTORS = f"{__name__}:{urgency_factors_text.__name__}"


def triage_advice(case: Case, as_of: _dt.date, why: Reasoning) -> None:
    """CC-TRIAGE (``contact-center-2019``): in a decision, the factors to put to the representative
    when calling (worked out in words only when the decision is read). Urgent handling is advised
    only when an urgency factor holds; a case outside normal processing times is told how long it
    has been pending, which is not by itself a reason to ask for urgent handling."""
    outside = case.outside_processing_times_on
    if outside is not None and outside > as_of:
        outside = None
    policy = why.policy
    if _urgent(case, as_of, policy):
        # As plain values, put into words when read (urgency_factors_text).
        factors = deferred_text(
            _URGENCY_FACTORS,
            as_of,
            policy.urgency_horizon_days,
            policy.long_pending_days,
            *_weighed_facts(case),
        )
        why.find("CC-TRIAGE", "urgency factors to tell the representative: {}", *factors)
        why.note(
            "Ask for urgent handling (Tier 2 at once, or an urgent appointment): {}.", *factors
        )
    else:
        why.find(
            "CC-TRIAGE",
            "no urgency factor (deadline, circumstance, long pending)",
            cite=False,  # CC-TRIAGE is cited below when there is something to tell
        )
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


def _urgent(case: Case, as_of: _dt.date, policy: Policy) -> bool:
    """Whether :func:`triage` finds at least one factor (without putting any in words)."""
    if case.pressing or case.circumstances:
        return True
    if case.deadlines:
        horizon = as_of + _dt.timedelta(days=policy.urgency_horizon_days)
        if any(as_of <= deadline.on <= horizon for deadline in case.deadlines):
            return True
    received = case.received_on
    return received is not None and (as_of - received).days >= policy.long_pending_days


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "in 1 day" if days == 1 else f"in {days} days"
