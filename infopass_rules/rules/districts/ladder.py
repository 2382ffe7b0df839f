"""A district's ladder for a case outside normal processing times, over its step table.

The algorithm is the Miami District's (``miami-2012-05-22``, ``miami-2013-03-14``,
``miami-procedures-2014-06-19``), generic over a :class:`~.district.District`: the step rules
and waits, the counted channels and the Field Office Director and Supervisor routes are read from
the district's table, and every number from the rule book. One function per rule:

- :func:`channel_count` and :func:`counts_as_step`: the counting rule (MIA-COUNT);
- :func:`wait_before_step`: the wait before a step (MIA-SECOND, MIA-THIRD);
- :func:`climb_ladder`: the steps themselves (MIA-ELIGIBLE, MIA-SECOND, MIA-THIRD);
- :func:`after_last_step`: the referral after the last step (MIA-THIRD, MIA-FOD-LADDER), and the
  end of the route once the FOD was reached (EXHAUSTED);
- :func:`pressing_route`: the Field Office Director at any step (MIA-FOD-PRESSING);
- :func:`supervisor_advice`: a Supervisor at an in-person appointment (MIA-SUPERVISOR).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Sequence

from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.rules.channels import IN_PERSON, by_names
from infopass_rules.rules.districts.district import District
from infopass_rules.rules.eligibility import Eligibility
from infopass_rules.rules.policy import FodAfterThird, Premature
from infopass_rules.rules.reasoning import Proposal, Reasoning, attend, exhausted
from infopass_rules.rules.trace import Wait, WarningKind
from infopass_rules.sources.rulebook import Rulebook, ValuePeriod

__all__ = [
    "NotAStep",
    "after_last_step",
    "channel_count",
    "climb_ladder",
    "counts_as_step",
    "pressing_route",
    "supervisor_advice",
    "wait_before_step",
]

_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _number(n: int) -> str:
    return _NUMBERS[n - 1] if 1 <= n <= len(_NUMBERS) else str(n)


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


class NotAStep(enum.Enum):
    """Why an inquiry's channel does not make it a ladder step on its day (MIA-COUNT)."""

    #: A letter: mailed correspondence is not an inquiry.
    LETTER = "LETTER"
    #: Before the district's ladder (its counted-channels parameter has no value yet).
    BEFORE_LADDER = "BEFORE_LADDER"
    #: A channel the district did not count on that day (before MIA-COUNT, only INFOPASS).
    CHANNEL_NOT_COUNTED = "CHANNEL_NOT_COUNTED"


def channel_count(
    district: District, inquiry: Inquiry, book: Rulebook
) -> tuple[NotAStep | None, ValuePeriod | None, str]:
    """MIA-COUNT (``miami-2013-03-14``), the counting rule itself: ``(None, ...)`` when the
    inquiry is of a channel that counts as a step on its own date, else why it does not; with
    the district's counted-channels period in force that day (None before the ladder) and the
    counting rule's ID. The engine (:func:`counts_as_step`) and the escalation record both read
    it, so the rule is decided in one place."""
    parameter = book.parameters[district.counted_channels]
    period = parameter.period_at(inquiry.on)
    if period is not None and inquiry.channel.name in period.value:
        return None, period, parameter.rule_id
    if inquiry.channel is Channel.MAIL:
        return NotAStep.LETTER, period, parameter.rule_id
    if period is None:
        return NotAStep.BEFORE_LADDER, None, parameter.rule_id
    return NotAStep.CHANNEL_NOT_COUNTED, period, parameter.rule_id


def counts_as_step(district: District, inquiry: Inquiry, why: Reasoning) -> bool:
    """MIA-COUNT (``miami-2013-03-14``): whether an inquiry is of a channel that counts as a step
    on its own date (the district's counted-channels parameter, :func:`channel_count`); when it
    does not, the trace says why."""
    reason, period, count_rule = channel_count(district, inquiry, why.book)
    if reason is None:
        return True
    day = inquiry.on.isoformat()
    if reason is NotAStep.LETTER:
        # Traced, not cited: the decision does not rest on the letter (it would be the same
        # without it), so a letter never changes the decision's citations either.
        why.find(
            count_rule,
            f"the letter of {day} is not an inquiry: mailed correspondence never counts as a step",
            cite=False,
        )
    elif reason is NotAStep.BEFORE_LADDER:
        why.find(
            district.eligible_rule,
            f"the {inquiry.channel.words} inquiry of {day} predates the ladder: not a step",
            cite=False,
        )
    else:
        assert period is not None  # CHANNEL_NOT_COUNTED comes with the period in force
        counted = " or ".join(period.value)
        effective = why.book.rules[count_rule].effective
        if inquiry.on < effective:
            when = f"before {effective.isoformat()} only {counted} inquiries counted"
        else:  # a district whose counted channels leave some out after the rule took effect
            when = f"on that day only {counted} inquiries count"
        why.find(count_rule, f"the {inquiry.channel.words} inquiry of {day} is not a step: {when}")
    return False


def wait_before_step(district: District, step: int, since: _dt.date, why: Reasoning) -> int:
    """MIA-SECOND / MIA-THIRD (``miami-2012-05-22``): the days without resolution, after the
    step before, that step ``step`` (2 or later) waits for: the district's wait parameter in
    force on ``since``."""
    wait = district.steps[step - 1].wait
    assert wait is not None  # every step after the first has a wait (District checks it)
    days: int = why.param(wait, since)
    return days


def climb_ladder(
    district: District,
    case: Case,
    inquiries: Sequence[Inquiry],
    upcoming: Appointment | None,
    eligibility: Eligibility,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """MIA-ELIGIBLE, MIA-SECOND, MIA-THIRD (``miami-2012-05-22``): the next ladder action for an
    unresolved case at one of ``district``'s offices.

    ``inquiries`` are the case's inquiries on or before ``as_of``, sorted; ``upcoming`` is the
    first appointment on or after ``as_of`` that lists the case.
    """
    policy = why.policy
    steps_in_ladder = len(district.steps)
    why.find(
        district.eligible_rule,
        "outside normal processing times from {} ({})",
        eligibility.outside_on,
        eligibility.how,
    )
    steps: list[Inquiry] = []
    normal_channels_tried: list[tuple[Inquiry, Level]] = []
    fod_reached: list[Inquiry] = []  # the inquiries at which the FOD was reached
    clock = eligibility.outside_on  # first day the next step is allowed
    # What the next step waits for, made into a Wait only if it is proposed: (rule, since, days,
    # the inquiry the wait runs from and whether it was premature), None for step 1.
    waiting: tuple[str, Inquiry, int, bool] | None = None
    for inquiry in _visits(inquiries):
        if inquiry.level is Level.FIELD_OFFICE_DIRECTOR and inquiry.channel is not Channel.MAIL:
            fod_reached.append(inquiry)  # reached, whether or not the inquiry is a step
        if not counts_as_step(district, inquiry, why):
            continue
        day = inquiry.on  # in the findings below, rendered when read
        if inquiry.level is not None and inquiry.level in policy.normal_channel_levels:
            normal_channels_tried.append((inquiry, inquiry.level))
        if len(steps) == steps_in_ladder:
            if district.fod_ladder_rule is not None:
                why.find(
                    district.fod_ladder_rule,
                    "the inquiry of {} follows the {} step",
                    day,
                    _ordinal(steps_in_ladder),
                    cite=False,
                )
            continue
        k = len(steps)
        rule = district.steps[k].rule_id
        premature = eligibility.premature_for_step_1(inquiry.on) if k == 0 else inquiry.on < clock
        if premature:
            allowed = (
                "once the case is outside normal processing times"
                if k == 0
                else f"from {clock.isoformat()}"
            )
            why.warn(
                WarningKind.PREMATURE,
                "{}: the {} inquiry of {} was premature (step {} is allowed {}); it is not a step",
                rule,
                inquiry.channel.words,
                day,
                k + 1,
                allowed,
                rule_id=rule,
                on=day,
            )
            why.find(rule, "premature inquiry of {}: not step {}", day, k + 1)
            if policy.premature is Premature.RESTARTS_CLOCK and k > 0:
                days = wait_before_step(district, k + 1, inquiry.on, why)
                clock = policy.day_count.allowed_from(inquiry.on, days)
                waiting = (rule, inquiry, days, True)
                why.find(
                    rule,
                    "the wait runs again from {}, to {} ({})",
                    day,
                    clock,
                    Premature.RESTARTS_CLOCK.words,
                )
            continue
        steps.append(inquiry)
        counted_by = ""
        if inquiry.channel is not Channel.INFOPASS:
            count_rule = why.book.parameters[district.counted_channels].rule_id
            counted_by = f" (counted under {count_rule})"
            why.cite(count_rule)
        why.find(
            rule,
            "step {}: {} inquiry of {}, unresolved{}",
            k + 1,
            inquiry.channel.words,
            day,
            counted_by,
        )
        if k + 1 < steps_in_ladder:
            days = wait_before_step(district, k + 2, inquiry.on, why)
            clock = policy.day_count.allowed_from(inquiry.on, days)
            next_rule = district.steps[k + 1].rule_id
            waiting = (next_rule, inquiry, days, False)
            why.find(
                next_rule,
                "not resolved within {} days of {}: step {} allowed from {} ({})",
                days,
                day,
                k + 2,
                clock,
                policy.day_count.words,
            )

    proposal = None
    if not fod_reached:
        proposal = pressing_route(district, case, normal_channels_tried, as_of, why)
    elif len(steps) < steps_in_ladder and district.fod_pressing_rule is not None:
        why.find(
            district.fod_pressing_rule,
            f"the Field Office Director was already reached on "
            f"{fod_reached[0].on.isoformat()}: not asked for again; the ladder goes on",
            cite=False,
        )
    if proposal is None and len(steps) == steps_in_ladder:
        proposal = after_last_step(district, steps[-1], fod_reached, upcoming, why)
    elif proposal is None and upcoming is not None:
        proposal = _attend(district, upcoming, len(steps) + 1, clock, why)
    elif proposal is None:
        wanted = _channels_for_step(district, max(clock, as_of), why)
        proposal = Proposal(Action.INQUIRE, clock, wanted, step=len(steps) + 1)
        if clock > as_of:
            proposal.wait = _step_wait(district, case, eligibility, len(steps) + 1, clock, waiting)
    proposal.ladder_steps = tuple(step.on for step in steps)
    return proposal


def _visits(inquiries: Sequence[Inquiry]) -> list[Inquiry]:
    """The inquiries, with the in-person (INFOPASS) inquiries of one day taken as one visit: a
    held appointment and the inquiry recorded at it (the officer reached, the outcome) are the
    same visit, counted and traced once; the record of the higher officer reached is kept."""
    out: list[Inquiry] = []
    seen: dict[_dt.date, int] = {}
    for inquiry in inquiries:
        if inquiry.channel is not Channel.INFOPASS:
            out.append(inquiry)
            continue
        at = seen.get(inquiry.on)
        if at is None:
            seen[inquiry.on] = len(out)
            out.append(inquiry)
        elif _says_more(inquiry, out[at]):
            out[at] = inquiry
    return out


def _says_more(a: Inquiry, b: Inquiry) -> bool:
    """Whether inquiry ``a`` reached a higher officer than ``b``: of a visit, the ladder reads
    its day, its channel and the officer reached, so the record of the higher officer is kept."""
    return _RANK[a.level] > _RANK[b.level]


#: The officers by rank, in the order of the Level enumeration; no officer recorded is lowest.
_RANK: dict[Level | None, int] = {None: -1, **{level: i for i, level in enumerate(Level)}}


def _step_wait(
    district: District,
    case: Case,
    eligibility: Eligibility,
    step: int,
    clock: _dt.date,
    waiting: tuple[str, Inquiry, int, bool] | None,
) -> Wait:
    """What ladder step ``step``, allowed from ``clock``, waits for."""
    if waiting is None:
        received = case.received_on
        return Wait(
            district.eligible_rule,
            received if received is not None and received <= clock else clock,
            None,
            clock,
            f"step 1 waits until the case is outside normal processing times ({eligibility.how})",
        )
    rule, since, days, premature = waiting
    after = (
        f"the premature inquiry of {since.on.isoformat()} ({Premature.RESTARTS_CLOCK.words})"
        if premature
        else f"step {step - 1} of {since.on.isoformat()}"
    )
    return Wait(
        rule,
        since.on,
        days,
        clock,
        f"step {step} waits {days} days without resolution after {after}",
    )


def _channels_for_step(district: District, day: _dt.date, why: Reasoning) -> frozenset[Channel]:
    return by_names(why.param(district.counted_channels, day))


def _attend(
    district: District, upcoming: Appointment, step: int, clock: _dt.date, why: Reasoning
) -> Proposal:
    day = upcoming.on.isoformat()
    rule = district.steps[step - 1].rule_id
    if upcoming.on < clock:
        why.warn(
            WarningKind.PREMATURE,
            f"{rule}: the appointment of {day} is before step {step} is allowed (from "
            f"{clock.isoformat()}); it will not count as a step: consider rescheduling it",
            rule_id=rule,
            on=upcoming.on,
        )
        why.find(rule, f"appointment of {day} booked before step {step} is allowed")
    else:
        why.find(rule, f"the appointment of {day} will be step {step}")
        why.note(f"The appointment of {day} is ladder step {step} of {len(district.steps)}.")
    return attend(upcoming.on, upcoming.office, why)


def after_last_step(
    district: District,
    last: Inquiry,
    fod_reached: list[Inquiry],
    upcoming: Appointment | None,
    why: Reasoning,
) -> Proposal:
    """MIA-THIRD (``miami-2012-05-22``) and MIA-FOD-LADDER (``miami-procedures-2014-06-19``):
    after the last unresolved step, the case goes to the Field Office Director; once the FOD was
    reached (``fod_reached``: the counted inquiries at which the FOD was reached) and the case is
    still unresolved, the sources set no further step (EXHAUSTED)."""
    policy = why.policy
    day = last.on.isoformat()
    count = len(district.steps)
    last_rule = district.steps[-1].rule_id
    wait: Wait | None = None
    if policy.fod_after_third is FodAfterThird.AT_ONCE:
        earliest = last.on
        timing = (
            f"at once, from the {_ordinal(count)} step of {day} ({FodAfterThird.AT_ONCE.words})"
        )
    else:
        earliest = last.on  # a one-step ladder has no wait to repeat
        if count > 1:
            days = wait_before_step(district, count, last.on, why)
            earliest = policy.day_count.allowed_from(last.on, days)
            wait = Wait(
                last_rule,
                last.on,
                days,
                earliest,
                f"the Field Office Director waits {days} days without resolution after the "
                f"{_ordinal(count)} step of {day} ({FodAfterThird.AFTER_THIRD_WAIT.words})",
            )
        timing = (
            f"from {earliest.isoformat()}, once the {_ordinal(count)} step has waited "
            f"({FodAfterThird.AFTER_THIRD_WAIT.words})"
        )
    why.find(
        last_rule,
        f"{_number(count)} steps made, the {_ordinal(count)} on {day}; the case goes to the "
        "Field Office Director for review on the attorney's complaint",
    )
    # earliest is never before the last step: the rule applies if in force on that day.
    fod_rule = district.fod_ladder_rule
    if fod_reached:
        # Exhausted once the FOD was reached and every step made, whichever came last.
        reached = max(fod_reached[0].on, last.on)
        ended_by = (
            fod_rule
            if fod_rule is not None and why.book.rules[fod_rule].in_force(reached)
            else last_rule
        )
        return exhausted(
            ended_by,
            reached,
            f"the Field Office Director was reached on {reached.isoformat()}, at or after the "
            f"{_ordinal(count)} step, and the case is still unresolved: the sources set no "
            "further step",
            why,
        )
    if fod_rule is not None and why.book.rules[fod_rule].in_force(earliest):
        why.find(fod_rule, f"the attorney may ask to speak with the FOD {timing}")
    if upcoming is not None and upcoming.on >= earliest:
        why.note(
            f"Ask for the Field Office Director at the appointment of {upcoming.on.isoformat()}."
        )
        proposal = _fod(upcoming.on, booked=True)
        proposal.wait = Wait(
            fod_rule
            if fod_rule is not None and why.book.rules[fod_rule].in_force(upcoming.on)
            else last_rule,
            min(upcoming.on, max(earliest, last.on)),
            None,
            upcoming.on,
            f"the Field Office Director is asked for at the appointment booked for "
            f"{upcoming.on.isoformat()}",
        )
        return proposal
    proposal = _fod(earliest)
    proposal.wait = wait
    return proposal


def pressing_route(
    district: District,
    case: Case,
    tried: list[tuple[Inquiry, Level]],
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal | None:
    """MIA-FOD-PRESSING (``miami-procedures-2014-06-19``): the Field Office Director at any step,
    for a pressing issue the normal channels failed to resolve."""
    if district.fod_pressing_rule is None:
        return None
    rule = why.book.rules[district.fod_pressing_rule]
    if not rule.in_force(as_of):
        return None
    policy = why.policy
    reason = None
    if case.pressing:
        reason = "the firm marks the issue pressing"
    elif policy.pressing_horizon_days is not None:
        horizon = as_of + _dt.timedelta(days=policy.pressing_horizon_days)
        near = [d for d in case.deadlines if as_of <= d.on <= horizon]
        if near:
            reason = (
                f"the deadline '{near[0].what}' of {near[0].on.isoformat()} is within "
                f"{policy.pressing_horizon_days} days (the firm's horizon for a pressing "
                "deadline; Policy.pressing_horizon_days)"
            )
    if reason is None:
        return None
    unresolved = [(i, level) for i, level in tried if i.outcome is not Outcome.RESOLVED]
    # In the order of the Level enum, which follows the officers' rank.
    officers = " or ".join(x.title for x in Level if x in policy.normal_channel_levels)
    if not unresolved:
        why.find(
            rule.id,
            f"pressing ({reason}), but no inquiry has yet reached the {officers} without "
            "resolution: the normal channels are not exhausted",
        )
        why.note(
            f"The issue is pressing: at the next inquiry ask for the {officers}; if it stays "
            f"unresolved, the Field Office Director may be asked for at once ({rule.id})."
        )
        return None
    first, level = unresolved[0]
    why.find(
        rule.id,
        f"pressing ({reason}) and unresolved by the {level.title} on {first.on.isoformat()}: "
        "the FOD may be asked for, pending availability",
    )
    return _fod(max(first.on, rule.effective))


def supervisor_advice(district: District, day: _dt.date, why: Reasoning) -> None:
    """MIA-SUPERVISOR (``miami-procedures-2014-06-19``): at an INFOPASS appointment of the
    district not properly resolved, the attorney may ask to speak to a Supervisor."""
    rule_id = district.supervisor_rule
    if rule_id is not None and why.book.rules[rule_id].in_force(day):
        why.find(
            rule_id,
            "at an INFOPASS appointment not properly resolved, the "
            "attorney may ask to speak to a Supervisor",
        )
        why.note(
            "If the inquiry is not properly resolved at the appointment, ask to speak to a "
            "Supervisor."
        )


def _fod(earliest: _dt.date, *, booked: bool = False) -> Proposal:
    """Escalation to the Field Office Director, in person (at a booked appointment, if any)."""
    return Proposal(
        Action.ESCALATE,
        earliest,
        IN_PERSON,
        level=Level.FIELD_OFFICE_DIRECTOR,
        in_person=True,
        booked=booked,
    )
