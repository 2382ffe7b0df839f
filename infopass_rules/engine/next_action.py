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
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING

from infopass_rules.engine.decision import Decision, new_decision
from infopass_rules.errors import InfopassRulesError, InvalidHistory, InvalidValue
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Issue, Outcome
from infopass_rules.facts.history import MAX_HISTORY_ITEMS, Appointment, Inquiry, held_visit
from infopass_rules.facts.ordering import appointment_sort_key, inquiry_sort_key
from infopass_rules.facts.validate import decision_date
from infopass_rules.rules.channels import INQUIRY_CHANNELS, NO_CHANNEL
from infopass_rules.rules.contact_center import (
    bring_checklist,
    call_advice,
    is_qualifying,
    not_infopass,
    pending_referral,
    request_appointment,
    supervisor_reached,
    tier2_exhausted,
    tier2_followup,
)
from infopass_rules.rules.districts.ladder import climb_ladder, supervisor_advice
from infopass_rules.rules.districts.registry import district_at, districts, with_districts
from infopass_rules.rules.eligibility import ELIGIBLE_RULE, eligibility
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy, check_policy
from infopass_rules.rules.reasoning import Proposal, Reasoning, attend
from infopass_rules.rules.regimes import Regime, regime_record
from infopass_rules.rules.trace import Recorded, Wait, WarningKind, recorded, recorded_waits
from infopass_rules.rules.triage import check_case, check_question, triage_advice
from infopass_rules.sources.rulebook import Citation, Rulebook, load_rulebook

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
    case, as_of, policy = check_question(case, as_of, policy)
    if processing_times is not None:
        _check_arguments_times(processing_times)
    items = _history_items(history)
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
    that depends only on the rule book (parameter indexes, citations by rule) shared.

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
            items = _history_items(history)
            decisions.append(_next_action(case, items, as_of, processing_times, policy, book))
        except InfopassRulesError as error:
            raise error.at(f"pairs[{i}]") from error
    return tuple(decisions)


def clear_cache() -> None:
    """Kept for compatibility: decisions are no longer memoised (a fresh decision costs little,
    and a memo kept its arguments alive, processing-times tables among them), so there is
    nothing to forget."""


def _next_action(
    case: Case,
    history: tuple[object, ...],
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    policy: Policy,
    book: Rulebook,
) -> Decision:
    inquiries, upcoming, later, repeated = _history_as_of(case, history, as_of)
    why = Reasoning(policy, book)
    for item in later:
        why.fact("the inquiry of {} is after {}: left out", item.on, as_of)
    for item in repeated:
        why.warn(
            WarningKind.DUPLICATE,
            "The {} inquiry of {} appears more than once in the history; it is counted once.",
            item.channel.words,
            item.on,
            on=item.on,
        )
        why.fact("the inquiry of {} is recorded more than once: taken once", item.on)
    extra: list[Citation] = []

    regime, finding, values = regime_record(case.office, as_of, why.book)
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
        return _decide(case, Proposal(Action.NONE, None, NO_CHANNEL), regime, as_of, why, extra)
    resolved = _resolved_on(case, inquiries, as_of)
    if resolved is not None:
        why.fact("the case was resolved on {}: nothing more is needed", resolved)
        return _decide(case, Proposal(Action.NONE, None, NO_CHANNEL), regime, as_of, why, extra)
    why.find(regime.rule_id, finding, *values)

    proposal = not_infopass(case, regime, as_of, why)
    if proposal is None and case.issue is not Issue.CASE_DELAY:
        proposal = _appointment_issue(case, inquiries, upcoming, regime, as_of, why)
    if proposal is None:
        proposal = _case_delay(case, inquiries, upcoming, as_of, processing_times, why, extra)
        act_on = proposal.earliest
        if act_on is not None and act_on > as_of:  # on as_of itself, the regime is known
            later_regime, later_finding, later_values = regime_record(case.office, act_on, why.book)
            if later_regime is not regime:  # the action falls under another regime
                why.find(later_regime.rule_id, later_finding, *later_values)
                regime = later_regime
        if not proposal.booked:  # a booked appointment is attended in person under any regime
            proposal.channels = regime.offer(proposal.channels)
    return _decide(case, proposal, regime, as_of, why, extra)


def _history_items(history: object) -> tuple[object, ...]:
    # A tuple or list within the limit, as nearly every history is: taken as it is.
    if type(history) is tuple:
        if len(history) <= MAX_HISTORY_ITEMS:
            return history
    elif type(history) is list and len(history) <= MAX_HISTORY_ITEMS:
        return tuple(history)
    if isinstance(history, str | bytes | dict) or not isinstance(history, Iterable):
        raise InvalidHistory(
            "must be a collection of Inquiry and Appointment values",
            field="history",
            value=history,
            expected="a tuple or list of Inquiry / Appointment",
        )
    # Read at most one item past the limit: an endless or huge history is refused, not consumed.
    items = tuple(islice(history, MAX_HISTORY_ITEMS + 1))
    if len(items) > MAX_HISTORY_ITEMS:
        raise InvalidHistory(
            "has too many items",
            field="history",
            expected=f"at most MAX_HISTORY_ITEMS = {MAX_HISTORY_ITEMS} inquiries and appointments",
        )
    return items


_AS_OF = decision_date("as_of")


def _check_shared(
    as_of: object, policy: object, processing_times: object
) -> tuple[_dt.date, Policy]:
    """The arguments a batch shares, checked as :func:`next_action` checks them."""
    day = _AS_OF(as_of)
    checked = check_policy(policy)
    _check_arguments_times(processing_times)
    return day, checked


def _check_arguments_times(processing_times: object) -> None:
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


def _history_as_of(
    case: Case, history: tuple[object, ...], as_of: _dt.date
) -> tuple[tuple[Inquiry, ...], Appointment | None, tuple[Inquiry, ...], tuple[Inquiry, ...]]:
    """(inquiries on or before as_of, sorted, each once; the first appointment still to attend;
    inquiries after as_of, left out; the inquiries on or before as_of found more than once).
    Every item is checked to concern the case."""
    past: list[Inquiry] = []
    later: list[Inquiry] = []
    to_attend: list[Appointment] = []
    received = case.received_on
    receipt_number = case.receipt_number
    for i, item in enumerate(history):
        if isinstance(item, Inquiry):  # the most common item first
            number = item.receipt_number
            if number is not None and number != receipt_number:
                raise InvalidHistory(
                    "is an inquiry about another case",
                    field=f"history[{i}].receipt_number",
                    value=number,
                    expected=f"None or {receipt_number}",
                )
            on = item.on
            if received is not None and on < received:
                raise _before_receipt(i, on, received)
            if on <= as_of:
                past.append(item)
            else:
                later.append(item)
        elif isinstance(item, Appointment):
            if receipt_number not in item.receipt_numbers:
                raise InvalidHistory(
                    "is an appointment that does not list the case",
                    field=f"history[{i}]",
                    value=item.receipt_numbers,
                    expected=f"an appointment listing {receipt_number}",
                )
            on = item.on
            if received is not None and on < received:
                raise _before_receipt(i, on, received)
            if on < as_of:  # held: an in-person INFOPASS inquiry
                past.append(held_visit(on))
            else:
                to_attend.append(item)
        else:
            raise InvalidHistory(
                "is not an Inquiry or an Appointment",
                field=f"history[{i}]",
                value=item,
                expected="infopass_rules.Inquiry or infopass_rules.Appointment",
            )
    # A total order, so the history's order never matters.
    shared_day = _in_order(past)
    if later:
        _in_order(later)
    upcoming = (
        None
        if not to_attend
        else to_attend[0]
        if len(to_attend) == 1
        else min(to_attend, key=appointment_sort_key)
    )
    if not shared_day:
        return tuple(past), upcoming, tuple(later), ()
    once, repeated = _once(past)
    return once, upcoming, tuple(later), repeated


def _before_receipt(i: int, on: _dt.date, received: _dt.date) -> InvalidHistory:
    return InvalidHistory(
        f"is dated before the case was received ({received.isoformat()})",
        field=f"history[{i}].on",
        value=on,
        expected=f"a date on or after {received.isoformat()}",
    )


_ON = attrgetter("on")


def _in_order(inquiries: list[Inquiry]) -> bool:
    """Sort ``inquiries`` in the canonical order; whether two of them share a day. By day first
    (cheap); by every field only when a day is shared (the same order, as the day comes first)."""
    if len(inquiries) < 2:
        return False
    inquiries.sort(key=_ON)
    previous = None
    for item in inquiries:
        if item.on == previous:
            inquiries.sort(key=inquiry_sort_key)
            return True
        previous = item.on
    return False


def _once(inquiries: list[Inquiry]) -> tuple[tuple[Inquiry, ...], tuple[Inquiry, ...]]:
    """The inquiries each once (the same inquiry recorded with and without its receipt number is
    one inquiry), and those that were repeated, each once. Letters are left as they are: a letter
    is no inquiry (MIA-COUNT) and changes no decision. ``inquiries`` share a day."""
    seen: set[tuple[object, ...]] = set()
    once: list[Inquiry] = []
    repeated: dict[tuple[object, ...], Inquiry] = {}
    for item in inquiries:
        key = (item.on, item.channel, item.outcome, item.level, item.reference, item.note)
        if item.channel is Channel.MAIL:
            once.append(item)
        elif key in seen:
            repeated.setdefault(key, item)
        else:
            seen.add(key)
            once.append(item)
    if not repeated:
        return tuple(inquiries), ()
    return tuple(once), tuple(repeated.values())


def _resolved_on(case: Case, inquiries: tuple[Inquiry, ...], as_of: _dt.date) -> _dt.date | None:
    """The first day the case is known resolved on or before ``as_of`` (the inquiries are on or
    before it, sorted by day), or None."""
    resolved = case.resolved_on
    if resolved is not None and resolved > as_of:
        resolved = None
    for inquiry in inquiries:
        if inquiry.outcome is _RESOLVED:  # the first resolving inquiry is the earliest
            on = inquiry.on
            return on if resolved is None or on < resolved else resolved
    return resolved


_RESOLVED = Outcome.RESOLVED


def _appointment_issue(
    case: Case,
    inquiries: tuple[Inquiry, ...],
    upcoming: Appointment | None,
    regime: Regime,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """An issue that calls for an in-person appointment (proof of status, advance parole, ...)."""
    if upcoming is not None:
        why.find(
            regime.rule_id, "an appointment is booked for {} at {}", upcoming.on, upcoming.office
        )
        return attend(upcoming.on, upcoming.office, why)
    if not regime.self_scheduled:
        reached = supervisor_reached(inquiries)
        if reached is not None:
            return tier2_exhausted(reached, why)
    referral = pending_referral(inquiries)
    if referral is not None and not regime.self_scheduled:
        return tier2_followup(referral, is_qualifying(case.issue, as_of, why), why)
    return request_appointment(case, regime, as_of, why)


def _case_delay(
    case: Case,
    inquiries: tuple[Inquiry, ...],
    upcoming: Appointment | None,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    why: Reasoning,
    extra: list[Citation],
) -> Proposal:
    """A case outside normal processing times (MIA-ELIGIBLE): the ladder of the office's
    district, if it is in a registered district, else an inquiry once outside."""
    district = district_at(case.office, as_of, why.book)
    rule_id = district.eligible_rule if district is not None else ELIGIBLE_RULE
    outside = eligibility(case, as_of, processing_times, why, extra, rule_id)
    referral = pending_referral(inquiries)
    reached = supervisor_reached(inquiries)
    if reached is not None:  # the Tier 2 Supervisor is never asked for again
        referral = None
    if district is not None:
        proposal = climb_ladder(district, case, inquiries, upcoming, outside, as_of, why)
    else:
        for other in districts():
            why.find(
                other.eligible_rule,
                "{} is not a {} office: the ladder's waits do not apply",
                case.office,
                other.name,
                cite=False,
            )
        why.fact(
            "outside normal processing times from {} ({}): an inquiry may be made from then",
            outside.outside_on,
            outside.how,
        )
        if upcoming is not None:
            proposal = attend(upcoming.on, upcoming.office, why)
        elif reached is not None:
            return tier2_exhausted(reached, why)
        else:
            proposal = Proposal(Action.INQUIRE, outside.outside_on, INQUIRY_CHANNELS)
            since = case.received_on
            proposal.wait = Wait(
                rule_id,
                since if since is not None and since <= outside.outside_on else outside.outside_on,
                None,
                outside.outside_on,
                "an inquiry waits until the case is outside normal processing times "
                f"({outside.how})",
            )
    if referral is not None and not proposal.booked:
        # A Tier 2 call-back is still awaited: escalating to the Tier 2 Supervisor comes first,
        # unless the ladder's next step is allowed sooner (the ladder fixes the only other wait).
        followup = tier2_followup(referral, False, why)
        assert followup.earliest is not None
        if (
            proposal.step is None
            or proposal.earliest is None
            or (followup.earliest < proposal.earliest)
        ):
            if proposal.step is not None and proposal.earliest is not None:
                why.note("Ladder step {} is allowed from {}.", proposal.step, proposal.earliest)
            followup.ladder_steps = proposal.ladder_steps
            return followup
        why.note(
            "A Tier 2 call-back is still awaited; the escalation to the Tier 2 Supervisor "
            "is allowed from {}.",
            followup.earliest,
        )
    return proposal


def _decide(
    case: Case,
    proposal: Proposal,
    regime: Regime,
    as_of: _dt.date,
    why: Reasoning,
    extra: list[Citation],
) -> Decision:
    """Turn a proposal and its reasoning into the immutable Decision."""
    checklist: tuple[str, ...] = ()
    if proposal.action not in (Action.NONE, Action.EXHAUSTED):
        act_on = max(proposal.earliest or as_of, as_of)
        # In person: an action at the office (an appointment booked, the Field Office Director,
        # a way that is in person); never a phone- or online-only action.
        in_person = proposal.in_person or Channel.INFOPASS in proposal.channels
        if in_person and Channel.INFOPASS not in proposal.channels:
            why.note("The action is in person: the appointment is asked for by phone first.")
        if in_person:
            district = district_at(case.office, act_on, why.book)
            if district is not None:
                supervisor_advice(district, act_on, why)
            checklist = bring_checklist(act_on, why)
        if Channel.CONTACT_CENTER in proposal.channels:
            # Phone advice (the number, what the representative asks) whenever a phone action
            # is advised; triage is the Contact Center's (RG-PILOT, RG-CC).
            if not regime.self_scheduled:
                triage_advice(case, as_of, why)
            if "CC-CALL" not in why.cited:
                call_advice(as_of, why, contact_center=not regime.self_scheduled)
        why.cite(regime.rule_id)
    cited, later, newest = _citations(why.book, tuple(why.cited), as_of)
    if extra:
        cited += tuple(extra)
        later = tuple(sorted({*later, *(c.source_id for c in extra if c.date > as_of)}))
        newest = max(newest or _dt.date.min, *(c.date for c in extra))
    if later:
        why.warn(
            WarningKind.LATER_SOURCE,
            "Sources dated after {} are cited ({}): they describe the procedure as reported "
            "later, the best evidence of it on that date.",
            as_of,
            ", ".join(later),  # a string: no object for the collector to track
        )
    if newest is not None:
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
    earliest = proposal.earliest
    allowed = earliest is not None and earliest <= as_of
    waits: Recorded = ()  # plain values, made Wait values when read
    if earliest is not None and not allowed:
        wait = proposal.wait
        if wait is None or wait.until != earliest:
            # An appointment already booked: the action waits for its day.
            wait = Wait(
                regime.rule_id, as_of, None, earliest, f"the appointment is booked for {earliest}"
            )
        waits = recorded_waits((wait,))
    # The engine's own values: set directly, not checked again by Decision.__init__.
    return new_decision(
        case.receipt_number,
        proposal.action,
        proposal.step,  # only a ladder INQUIRE carries a step
        proposal.level,  # only an ESCALATE carries a level
        earliest,
        allowed,
        proposal.channels,
        regime.rule_id,
        cited,
        recorded(why.log),  # trace, notes and warnings: rendered when read
        tuple(why.conflicts),
        checklist,
        as_of,
        why.book.version,
        proposal.ladder_steps,
        waits,
        proposal.online_filing,
    )


def _citations(
    book: Rulebook, rule_ids: tuple[str, ...], as_of: _dt.date
) -> tuple[tuple[Citation, ...], tuple[str, ...], _dt.date | None]:
    """The citations of the rules relied on, the sources among them dated after ``as_of``
    (sorted, each once), and the newest source's date (None without citations)."""
    citations, dated = _cited(book, rule_ids)
    later: set[str] = set()
    for day, source_id in dated:  # newest first
        if day <= as_of:
            break
        later.add(source_id)
    return citations, tuple(sorted(later)) if later else (), dated[0][0] if dated else None


@lru_cache(maxsize=1024)  # decisions cite a few hundred sets of rules
def _cited(
    book: Rulebook, rule_ids: tuple[str, ...]
) -> tuple[tuple[Citation, ...], tuple[tuple[_dt.date, str], ...]]:
    """The citations of the rules, and their (date, source ID), newest first."""
    citations = book.cite_all(rule_ids)
    dated = sorted({(c.date, c.source_id) for c in citations}, reverse=True)
    return citations, tuple(dated)
