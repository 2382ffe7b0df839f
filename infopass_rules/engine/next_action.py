"""``next_action``: the pure core, turning facts into a :class:`~infopass_rules.decision.Decision`.

Pure: it reads no clock, file, network or environment; ``as_of`` is always passed in, and the
same facts give the same decision whatever the order of the history. The steps:

1. check the inputs at the boundary (typed errors naming the field);
2. put the history in order and as of ``as_of``: inquiries and appointments after ``as_of`` had
   not happened yet; an appointment before ``as_of`` is an INFOPASS inquiry, one on or after it
   is still to attend;
3. a resolved case needs nothing (NONE);
4. the regime in force (RG-SELF, RG-PILOT, RG-CC) decides the channels;
5. the issue decides the rules: not InfoPass matters (CC-NOT-INFOPASS), appointment issues
   (CC-QUALIFYING, CC-APPOINTMENT), a delayed case (MIA-ELIGIBLE; at an office of a registered
   district, that district's ladder, e.g. the Miami District's ``MIA-*``; elsewhere an inquiry
   once outside normal processing times), a pending Tier 2 call-back (CC-TIER2, CC-SUPERVISOR);
6. the decision gathers citations from the rules relied on, with warnings (premature inquiries,
   estimates, stale sources) and conflicts between sources.

Each step is a room of its own: :mod:`.history` (2), :mod:`.routing` (4 and 5), :mod:`.advice`
(the advice that goes with an action: what to bring, whom to ask for, the call) and
:mod:`.assemble` (6).
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from infopass_rules.engine.advice import advise
from infopass_rules.engine.assemble import assemble
from infopass_rules.engine.decision import Decision
from infopass_rules.engine.history import History, history_items, read_history, resolved_on
from infopass_rules.engine.routing import route
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.facts.validate import decision_date
from infopass_rules.rules.channels import NO_CHANNEL
from infopass_rules.rules.districts.registry import with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy, check_policy
from infopass_rules.rules.reasoning import Proposal, Reasoning
from infopass_rules.rules.regimes import regime_at
from infopass_rules.rules.trace import WarningKind
from infopass_rules.rules.triage import check_case
from infopass_rules.sources.rulebook import Rulebook, load_rulebook

if TYPE_CHECKING:
    from infopass_rules.times.table import ProcessingTimes

__all__ = ["clear_cache", "decide_many", "next_action"]


def next_action(
    case: Case,
    history: Iterable[Inquiry | Appointment] = (),
    *,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Decision:
    """The next allowed action for ``case`` on ``as_of``, its earliest date and its sources.

    Args:
        case: the case.
        history: the inquiries and appointments about the case, in any order. Items dated after
            ``as_of`` are left out (they had not happened yet); appointments before ``as_of``
            count as in-person INFOPASS inquiries; one on or after ``as_of`` is to be attended.
        as_of: the date the decision is for (never read from a clock).
        processing_times: published USCIS processing times, to decide when a delayed case is
            outside normal processing times when the case does not say.
        policy: the interpretations to apply (see :class:`~infopass_rules.policy.Policy`).

    Raises:
        InvalidValue: an argument of the wrong type.
        InvalidHistory: a history item about another case, or dated before the case's receipt.
        MissingFact: a delayed case with neither ``outside_processing_times_on`` nor
            processing times to compute it from.
    """
    case = check_case(case)
    as_of, policy = _check_shared(as_of, policy, processing_times)
    items = history_items(history)
    # The shipped rule book with the registered districts' rules.
    book = with_districts(load_rulebook())
    return _next_action(case, items, as_of, processing_times, policy, book)


def decide_many(
    pairs: Iterable[tuple[Case, Iterable[Inquiry | Appointment]]],
    *,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Decision, ...]:
    """The decisions of many cases on one day: ``next_action(case, history, as_of=as_of, ...)``
    for each ``(case, history)`` of ``pairs``, in order.

    The same decisions as one by one, for less: the date, policy and processing times are
    checked once, the rule book (with the registered districts' rules) found once, and the work
    that depends only on the rule book (the citations of each set of rules) shared.

    Raises:
        InvalidValue: ``as_of``, ``policy`` or ``processing_times`` of the wrong type, ``pairs``
            not a collection, or a pair that is no ``(case, history)`` (its field is
            ``pairs[i]``).
        InvalidHistory, MissingFact, InvalidValue: what :func:`next_action` raises for a pair,
            its field prefixed by the pair's index (``pairs[3].history[0]``).
    """
    as_of, policy = _check_shared(as_of, policy, processing_times)
    if isinstance(pairs, str | bytes | dict) or not isinstance(pairs, Iterable):
        raise InvalidValue(
            "must be a collection of (case, history) pairs",
            field="pairs",
            value=pairs,
            expected="a list or tuple of (Case, history) tuples",
        )
    book = with_districts(load_rulebook())
    decisions: list[Decision] = []
    for i, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidValue(
                "is not a (case, history) pair",
                field=f"pairs[{i}]",
                value=pair,
                expected="a (Case, history) tuple",
            )
        case, history = pair
        try:
            case = check_case(case)
            items = history_items(history)
            decisions.append(_next_action(case, items, as_of, processing_times, policy, book))
        except InfopassRulesError as error:
            raise error.at(f"pairs[{i}]") from error
    return tuple(decisions)


def clear_cache() -> None:
    """Deprecated: does nothing, and will be removed. Decisions are not memoised (a fresh
    decision costs little, and a memo kept its arguments alive), so there is nothing to forget.
    """
    warnings.warn(
        "infopass_rules.engine.next_action.clear_cache() does nothing (decisions are not "
        "memoised) and will be "
        "removed; stop calling it.",
        DeprecationWarning,
        stacklevel=2,
    )


def _next_action(
    case: Case,
    items: tuple[object, ...],
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    policy: Policy,
    book: Rulebook,
) -> Decision:
    history = read_history(case, items, as_of)
    why = Reasoning(policy, book)
    _record_history(history, as_of, why)
    regime, finding = regime_at(case.office, as_of, book)
    if _nothing_to_do(case, history, as_of, why):
        nothing = Proposal(Action.NONE, None, NO_CHANNEL)
        return assemble(case, nothing, regime, (), as_of, why)
    why.found(finding)
    proposal, regime = route(case, history, regime, as_of, processing_times, why)
    checklist = advise(case, proposal, regime, as_of, why)
    return assemble(case, proposal, regime, checklist, as_of, why)


def _record_history(history: History, as_of: _dt.date, why: Reasoning) -> None:
    """What the reading of the history found: inquiries left out as later than ``as_of``, and
    inquiries recorded more than once (counted once, with a warning)."""
    for item in history.later:
        why.fact("the inquiry of {} is after {}: left out", item.on, as_of)
    for item in history.repeated:
        why.warn(
            WarningKind.DUPLICATE,
            "The {} inquiry of {} appears more than once in the history; it is counted once.",
            item.channel.words,
            item.on,
            on=item.on,
        )
        why.fact("the inquiry of {} is recorded more than once: taken once", item.on)


def _nothing_to_do(case: Case, history: History, as_of: _dt.date, why: Reasoning) -> bool:
    """Whether the case needs nothing on ``as_of``: not yet received (warned of) or resolved."""
    received = case.received_on
    if received is not None and received > as_of:
        why.warn(
            WarningKind.NOT_YET_RECEIVED,
            "The case was received on {}, after {}: on that date there was no case to act on.",
            received,
            as_of,
            on=received,
        )
        why.fact("the case was not yet received on {} (received {})", as_of, received)
        return True
    resolved = resolved_on(case, history.inquiries, as_of)
    if resolved is not None:
        why.fact("the case was resolved on {}: nothing more is needed", resolved)
        return True
    return False


_AS_OF = decision_date("as_of")


def _check_shared(
    as_of: object, policy: object, processing_times: object
) -> tuple[_dt.date, Policy]:
    """The arguments every decision of a batch shares, checked at the boundary."""
    day = _AS_OF(as_of)
    checked = check_policy(policy)
    _check_processing_times(processing_times)
    return day, checked


def _check_processing_times(processing_times: object) -> None:
    if processing_times is None:
        return
    from infopass_rules.times.table import ProcessingTimes  # loaded when a question is asked

    # A ProcessingTimes, or a firm's own table with an outside_since method: an object whose
    # outside_since is None (or missing) is refused here rather than failing inside the rules.
    if not (
        isinstance(processing_times, ProcessingTimes)
        or callable(getattr(processing_times, "outside_since", None))
    ):
        raise InvalidValue(
            "must be a ProcessingTimes",
            field="processing_times",
            value=processing_times,
            expected="None or the result of load_processing_times()",
        )
