"""The cases to plan: :class:`PlanRequest`, and the requests the engine's decisions call for.

:func:`requests_from_decisions` turns ``(case, decision)`` pairs into plan requests for every
decision that calls for an INFOPASS appointment; :func:`case_decision_pairs` checks such pairs
for it and for the calendar export. The requests are what :func:`~.schedule.plan_appointments`
places within the district limits (MIA-LIMIT-CASES, MIA-LIMIT-DAY).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Protocol

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.planning.plan import Unplaced
from infopass_rules.rules.districts.registry import with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy, check_policy
from infopass_rules.rules.regimes import regime_at
from infopass_rules.sources.rulebook import load_rulebook

__all__ = [
    "DecidedRequests",
    "PlanRequest",
    "SupportsInfopassDecision",
    "case_decision_pairs",
    "checked_requests",
    "requests_from_decisions",
]

#: The most requests one plan accepts: far above any firm's docket, low enough that a runaway
#: input fails at once with a clear error.
MAX_REQUESTS = 1_000_000

_MISSING = object()

_EARLIEST_CHECK = v.a_date("earliest")
_DEADLINE_CHECK = v.optional_date("deadline")
_PRESSING_CHECK = v.a_bool("pressing")


def _earliest(value: object) -> _dt.date:
    return _EARLIEST_CHECK(value)


def _deadline(value: object) -> _dt.date | None:
    return _DEADLINE_CHECK(value)


def _pressing(value: object) -> bool:
    return _PRESSING_CHECK(value)


@attrs.frozen
class PlanRequest:
    """A case to place at an appointment.

    Args:
        receipt_number: the case (normalised like ``Case.receipt_number``).
        earliest: the first day the case may be presented (e.g. ``Decision.earliest``).
        deadline: the client's nearest deadline, if any (urgency; a deadline before
            ``earliest`` is accepted and reported in ``Plan.notes``).
        pressing: the firm's judgement that the case is pressing (urgency);
            :func:`requests_from_decisions` sets it as the firm's policy reads "pressing".
    """

    receipt_number: str = attrs.field(converter=v.receipt_number)
    earliest: _dt.date = attrs.field(converter=_earliest)
    deadline: _dt.date | None = attrs.field(default=None, converter=_deadline)
    pressing: bool = attrs.field(default=False, converter=_pressing)


def once(seen: dict[str, int], key: str, field: str, i: int, *, expected: str) -> None:
    """Record that ``field[i]`` holds ``key``; the same key at two indexes is an error."""
    if key in seen:
        raise InvalidValue(
            f"repeats {field}[{seen[key]}] ({key})",
            field=f"{field}[{i}]",
            value=key,
            expected=expected,
        )
    seen[key] = i


def checked_requests(value: object) -> list[PlanRequest]:
    elements = v.instances(
        value,
        PlanRequest,
        "requests",
        max_items=MAX_REQUESTS,
        what="a PlanRequest",
        expected="infopass_rules.PlanRequest(receipt_number, earliest, deadline, pressing)",
    )
    seen: dict[str, int] = {}
    for i, element in enumerate(elements):
        once(seen, element.receipt_number, "requests", i, expected="each case once")
    return elements


def case_decision_pairs(value: object, field: str) -> list[tuple[Case, object, _dt.date | None]]:
    """Check ``(case, decision)`` pairs; each comes back with the decision's ``earliest`` date.

    Shared by :func:`requests_from_decisions` and the calendar export, which both take the
    engine's decisions with their cases.

    Raises:
        InvalidValue: ``value`` is not a collection, an element is not a pair of a ``Case``
            and a decision, a decision's ``earliest`` is neither a date nor None, or a case
            appears twice (the error names the index).
    """
    elements = v.items(value, field, max_items=MAX_REQUESTS)
    out = []
    seen: dict[str, int] = {}
    for i, pair in enumerate(elements):
        where = f"{field}[{i}]"
        if not isinstance(pair, tuple | list) or len(pair) != 2 or not isinstance(pair[0], Case):
            raise InvalidValue(
                "must be a (case, decision) pair",
                field=where,
                value=pair,
                expected="a tuple (infopass_rules.Case, a decision)",
            )
        case, decision = pair
        earliest = getattr(decision, "earliest", _MISSING)
        if earliest is not None and (
            isinstance(earliest, _dt.datetime) or not isinstance(earliest, _dt.date)
        ):
            raise InvalidValue(
                "has no earliest date",
                field=f"{where}[1].earliest",
                value=None if earliest is _MISSING else earliest,
                expected="a datetime.date or None",
            )
        once(seen, case.receipt_number, field, i, expected="each case once")
        out.append((case, decision, earliest))
    return out


class SupportsInfopassDecision(Protocol):
    """What :func:`requests_from_decisions` reads of a decision (``infopass_rules.Decision``)."""

    @property
    def channels(self) -> frozenset[Channel]: ...

    @property
    def earliest(self) -> _dt.date | None: ...


class DecidedRequests(tuple[PlanRequest, ...]):
    """The plan requests of :func:`requests_from_decisions` (a tuple of :class:`PlanRequest`),
    with ``unplaced``: every pair that made no request, and why.

    :func:`~.schedule.plan_appointments` given these requests lists their ``unplaced`` in
    ``Plan.unplaced`` too, so a plan accounts for every case of the decisions.
    """

    unplaced: tuple[Unplaced, ...]

    def __new__(
        cls, requests: Iterable[PlanRequest] = (), unplaced: Iterable[Unplaced] = ()
    ) -> DecidedRequests:
        made = super().__new__(cls, requests)
        made.unplaced = tuple(unplaced)
        return made

    def __repr__(self) -> str:
        return f"DecidedRequests({tuple(self)!r}, unplaced={self.unplaced!r})"


def _names(channels: frozenset[Channel]) -> str:
    return ", ".join(sorted(c.name for c in channels)) or "none"


def _no_request(action: object, channels: frozenset[Channel], office: str, on: _dt.date) -> str:
    """Why a decision with a date makes no plan request ("" when it makes one)."""
    if action is Action.EXHAUSTED:
        return "the encoded procedures set no further step (EXHAUSTED): nothing to book or call for"
    if action is Action.USE_OTHER_SERVICE:
        return (
            f"not an INFOPASS matter (USE_OTHER_SERVICE, channels: {_names(channels)}): "
            "no appointment to book or call for"
        )
    if Channel.INFOPASS in channels:
        return ""
    regime, _ = regime_at(office, on, with_districts(load_rulebook()))
    if Channel.CONTACT_CENTER in channels and not regime.self_scheduled:
        return ""  # under RG-PILOT / RG-CC an appointment is asked for by calling
    return (
        f"its channels ({_names(channels)}) call for no in-person appointment under "
        f"{regime.rule_id} at {office} on {on.isoformat()}: make the inquiry that way"
    )


def _pressing_by_deadline(case: Case, decision: object, i: int, horizon_days: int | None) -> bool:
    """``Policy.pressing_horizon_days``: a deadline of the case from the decision's date to that
    many days after it makes the case pressing, as the engine reads "pressing"
    (MIA-FOD-PRESSING). Never, without a horizon (the default: only the firm's flag)."""
    if horizon_days is None:
        return False
    as_of = getattr(decision, "as_of", None)
    if isinstance(as_of, _dt.datetime) or not isinstance(as_of, _dt.date):
        raise InvalidValue(
            "has no decision date, which Policy.pressing_horizon_days needs",
            field=f"pairs[{i}][1].as_of",
            value=as_of,
            expected="a datetime.date (the decision's as_of)",
        )
    try:
        last = as_of + _dt.timedelta(days=horizon_days)
    except OverflowError:
        last = _dt.date.max
    return any(as_of <= d.on <= last for d in case.deadlines)


def requests_from_decisions(
    pairs: Iterable[tuple[Case, SupportsInfopassDecision]],
    *,
    policy: Policy = DEFAULT_POLICY,
) -> DecidedRequests:
    """The plan requests for the decisions that call for an INFOPASS appointment, and why each
    other decision makes none.

    A decision with an ``earliest`` date makes a request when its ``channels`` include
    ``Channel.INFOPASS`` (booked online under ``RG-SELF``), or include
    ``Channel.CONTACT_CENTER`` where the regime at the case's office on that date is
    ``RG-PILOT`` or ``RG-CC`` (the appointment is asked for by a Contact Center call). Every
    other pair is listed in ``unplaced`` with its reason: nothing to do (no ``earliest``),
    ``EXHAUSTED``, ``USE_OTHER_SERVICE``, or channels that call for no appointment (a phone
    inquiry under ``RG-SELF``, e-Request or mail only).

    Args:
        pairs: ``(case, decision)`` pairs, e.g. ``[(c, next_action(c, h, as_of=d)) ...]``.
        policy: the interpretations the decisions were made under (see
            :class:`~infopass_rules.rules.policy.Policy`): with ``pressing_horizon_days``, a
            case with a deadline from the decision's ``as_of`` to that many days after it is
            pressing, as the engine reads it (MIA-FOD-PRESSING); by default, only a case the
            firm marks pressing is. Give :func:`~.schedule.plan_appointments` the same policy.

    Returns:
        A :class:`DecidedRequests`: one :class:`PlanRequest` per decision taken, in the order
        given (``earliest`` is the decision's, ``deadline`` the case's nearest deadline on or
        after it, ``pressing`` the case's flag, or its deadline within the policy's
        ``pressing_horizon_days``), and ``unplaced`` for the others, in the order given.

    Raises:
        InvalidValue: ``policy`` is not a ``Policy``; an element is not a ``(Case, decision)``
            pair, a decision lacks ``channels`` or ``earliest`` (or, with the policy's
            ``pressing_horizon_days``, ``as_of``), or a case appears twice (the error names
            the index).
    """
    horizon_days = check_policy(policy).pressing_horizon_days
    out: list[PlanRequest] = []
    unplaced: list[Unplaced] = []
    for i, (case, decision, earliest) in enumerate(case_decision_pairs(pairs, "pairs")):
        channels = getattr(decision, "channels", None)
        if isinstance(channels, str) or not isinstance(channels, Iterable):
            raise InvalidValue(
                "has no channels",
                field=f"pairs[{i}][1].channels",
                value=channels,
                expected="a frozenset of infopass_rules.Channel",
            )
        action = getattr(decision, "action", None)
        if earliest is None:
            name = action.name if isinstance(action, Action) else "no action"
            unplaced.append(
                Unplaced(
                    case.receipt_number,
                    f"nothing to plan: the decision ({name}) has no date for a next step "
                    "(nothing is needed, or the case was not yet received)",
                )
            )
            continue
        why = _no_request(action, frozenset(channels), case.office, earliest)
        if why:
            unplaced.append(Unplaced(case.receipt_number, why))
            continue
        deadline = next((d.on for d in case.deadlines if d.on >= earliest), None)
        # The decision's date is checked whenever the policy needs it, flagged case or not.
        pressing = _pressing_by_deadline(case, decision, i, horizon_days) or case.pressing
        out.append(PlanRequest(case.receipt_number, earliest, deadline=deadline, pressing=pressing))
    return DecidedRequests(out, unplaced)
