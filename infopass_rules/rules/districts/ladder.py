"""A district's ladder for a case outside normal processing times, over its step table.

The algorithm is the Miami District's (``miami-2012-05-22``, ``miami-2013-03-14``,
``miami-procedures-2014-06-19``), generic over a :class:`~.district.District`: the step rules
and waits, the counted channels and the Field Office Director and Supervisor routes are read from
the district's table, and every number from the rule book. One function per rule:

- :func:`channel_count` and :func:`counts_as_step`: the counting rule (MIA-COUNT);
- :func:`step_allowed_from`: when a later step is allowed (MIA-SECOND, MIA-THIRD);
- :func:`climb_ladder`: the steps themselves, read from the history (MIA-ELIGIBLE, MIA-SECOND,
  MIA-THIRD);
- :func:`after_last_step`: the referral after the last step (MIA-THIRD, MIA-FOD-LADDER), and the
  end of the route once the FOD was reached (EXHAUSTED);
- :func:`pressing_route`: the Field Office Director at any step (MIA-FOD-PRESSING);
- :func:`supervisor_advice`: a Supervisor at an in-person appointment (MIA-SUPERVISOR).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, IdentityEnum, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.rules.channels import IN_PERSON, REMEDY_CHANNELS, by_names
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
    "step_allowed_from",
    "supervisor_advice",
    "visit_day",
]

_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _number(n: int) -> str:
    return _NUMBERS[n - 1] if 1 <= n <= len(_NUMBERS) else str(n)


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


class NotAStep(IdentityEnum):
    """Why an inquiry's channel does not make it a ladder step on its day (MIA-COUNT)."""

    #: A letter: mailed correspondence is not an inquiry.
    LETTER = "LETTER"
    #: A request to the CIS Ombudsman or a congressional inquiry: no inquiry to USCIS at all.
    NOT_TO_USCIS = "NOT_TO_USCIS"
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
    if period is not None and inquiry.channel._name_ in period.value:
        return None, period, parameter.rule_id
    if inquiry.channel is Channel.MAIL:
        return NotAStep.LETTER, period, parameter.rule_id
    if inquiry.channel in REMEDY_CHANNELS:
        return NotAStep.NOT_TO_USCIS, period, parameter.rule_id
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
    elif reason is NotAStep.NOT_TO_USCIS:
        why.find(
            count_rule,
            f"the {inquiry.channel.words} request of {day} is no inquiry to USCIS: never a step",
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


def step_allowed_from(
    district: District, step: int, since: _dt.date, why: Reasoning
) -> tuple[int, _dt.date]:
    """MIA-SECOND and MIA-THIRD (``miami-2012-05-22``): step ``step`` (2 or later) of the ladder
    is allowed once the step before it, made on ``since``, has gone without resolution for the
    wait the district's table gives that step (Miami: 60 days before the second, 30 before the
    third, the parameters ``miami.second_step_wait_days`` and ``miami.third_step_wait_days`` in
    force on ``since``), counted by the policy's day count. Returns the days and the first day
    the step is allowed."""
    wait = district.steps[step - 1].wait
    assert wait is not None  # every step after the first has a wait (District checks it)
    days: int = why.param(wait, since)
    return days, why.policy.day_count.allowed_from(since, days)


class _Climb:
    """What the ladder found in a case's history: the steps made, the officers reached, and when
    the next step is allowed."""

    __slots__ = ("clock", "fod_reached", "steps", "tried", "waiting")

    def __init__(self, outside_on: _dt.date, fod_reached: list[Inquiry]) -> None:
        self.steps: list[Inquiry] = []
        #: The counted inquiries that reached an officer of the normal channels (the policy's).
        self.tried: list[tuple[Inquiry, Level]] = []
        #: The inquiries at which the Field Office Director was reached.
        self.fod_reached = fod_reached
        #: The first day the next step is allowed.
        self.clock = outside_on
        #: What the next step waits for: (its rule, the inquiry the wait runs from, the days,
        #: whether that inquiry was premature); None for step 1.
        self.waiting: tuple[str, Inquiry, int, bool] | None = None


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
    why.find(
        district.eligible_rule,
        "outside normal processing times from {} ({})",
        eligibility.outside_on,
        eligibility.how,
    )
    # The Field Office Director reached at any contact (a letter reaches no one), whether or not
    # the contact is a step, and whichever record of a visit the ladder reads.
    fod_reached = [
        inquiry
        for inquiry in inquiries
        if inquiry.level is Level.FIELD_OFFICE_DIRECTOR and inquiry.channel is not Channel.MAIL
    ]
    climb = _Climb(eligibility.outside_on, fod_reached)
    for inquiry in _visits(inquiries):
        _read_inquiry(district, eligibility, climb, inquiry, why)
    proposal = _next_rung(district, case, upcoming, eligibility, climb, as_of, why)
    proposal.ladder_steps = tuple(step.on for step in climb.steps)
    return proposal


def _read_inquiry(
    district: District, eligibility: Eligibility, climb: _Climb, inquiry: Inquiry, why: Reasoning
) -> None:
    """What one inquiry (one visit) of the history was on the ladder: a step, premature, not
    counted, or after the last step; the officer it reached."""
    if not counts_as_step(district, inquiry, why):
        return
    if inquiry.level is not None and inquiry.level in why.policy.normal_channel_levels:
        climb.tried.append((inquiry, inquiry.level))
    last = len(district.steps)
    if len(climb.steps) == last:
        if district.fod_ladder_rule is not None:
            why.find(
                district.fod_ladder_rule,
                "the inquiry of {} follows the {} step",
                inquiry.on,
                _ordinal(last),
                cite=False,
            )
        return
    k = len(climb.steps)
    # Step 1 (MIA-ELIGIBLE) is judged by the case's eligibility (the snapshot of its day, if any);
    # a later step by the day its wait ends.
    if eligibility.premature_for_step_1(inquiry.on) if k == 0 else inquiry.on < climb.clock:
        _premature(district, climb, inquiry, why)
    else:
        _take_step(district, climb, inquiry, why)


def _premature(district: District, climb: _Climb, inquiry: Inquiry, why: Reasoning) -> None:
    """An inquiry made before its step was allowed: no step (warned of); under
    ``Premature.RESTARTS_CLOCK`` the wait runs again from it."""
    k = len(climb.steps)
    rule = district.steps[k].rule_id
    allowed = (
        "once the case is outside normal processing times"
        if k == 0
        else f"from {climb.clock.isoformat()}"
    )
    why.warn(
        WarningKind.PREMATURE,
        "{}: the {} inquiry of {} was premature (step {} is allowed {}); it is not a step",
        rule,
        inquiry.channel.words,
        inquiry.on,
        k + 1,
        allowed,
        rule_id=rule,
        on=inquiry.on,
    )
    why.find(rule, "premature inquiry of {}: not step {}", inquiry.on, k + 1)
    if why.policy.premature is Premature.RESTARTS_CLOCK and k > 0:
        days, climb.clock = step_allowed_from(district, k + 1, inquiry.on, why)
        climb.waiting = (rule, inquiry, days, True)
        why.find(
            rule,
            "the wait runs again from {}, to {} ({})",
            inquiry.on,
            climb.clock,
            Premature.RESTARTS_CLOCK.words,
        )


def _take_step(district: District, climb: _Climb, inquiry: Inquiry, why: Reasoning) -> None:
    """An inquiry made when its step was allowed: that step; the next is allowed after its
    wait."""
    k = len(climb.steps)
    climb.steps.append(inquiry)
    counted_by = ""
    if inquiry.channel is not Channel.INFOPASS:
        count_rule = why.book.parameters[district.counted_channels].rule_id
        counted_by = f" (counted under {count_rule})"
        why.cite(count_rule)
    why.find(
        district.steps[k].rule_id,
        "step {}: {} inquiry of {}, unresolved{}",
        k + 1,
        inquiry.channel.words,
        inquiry.on,
        counted_by,
    )
    if k + 1 < len(district.steps):
        days, climb.clock = step_allowed_from(district, k + 2, inquiry.on, why)
        next_rule = district.steps[k + 1].rule_id
        climb.waiting = (next_rule, inquiry, days, False)
        why.find(
            next_rule,
            "not resolved within {} days of {}: step {} allowed from {} ({})",
            days,
            inquiry.on,
            k + 2,
            climb.clock,
            why.policy.day_count.words,
        )


def _next_rung(
    district: District,
    case: Case,
    upcoming: Appointment | None,
    eligibility: Eligibility,
    climb: _Climb,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """The next action once the history is read: the Field Office Director for a pressing issue,
    the referral after the last step, a booked appointment, or the next step."""
    steps, last = len(climb.steps), len(district.steps)
    proposal = None
    if not climb.fod_reached:
        proposal = pressing_route(district, case, climb.tried, as_of, why)
    elif steps < last and district.fod_pressing_rule is not None:
        why.find(
            district.fod_pressing_rule,
            f"the Field Office Director was already reached on "
            f"{climb.fod_reached[0].on.isoformat()}: not asked for again; the ladder goes on",
            cite=False,
        )
    if proposal is not None:
        return proposal
    if steps == last:
        return after_last_step(district, climb.steps[-1], climb.fod_reached, upcoming, why)
    if upcoming is not None:
        return _attend(district, upcoming, steps + 1, climb.clock, why)
    wanted = _channels_for_step(district, max(climb.clock, as_of), why)
    proposal = Proposal(Action.INQUIRE, climb.clock, wanted, step=steps + 1)
    if climb.clock > as_of:
        proposal.wait = _step_wait(
            district, case, eligibility, steps + 1, climb.clock, climb.waiting
        )
    return proposal


def visit_day(inquiry: Inquiry) -> _dt.date | None:
    """The day of the in-person visit ``inquiry`` is part of, or None (not in person). The
    in-person (INFOPASS) inquiries of one day are one visit: a held appointment and the inquiry
    recorded at it (the officer reached, the outcome) are the same visit, counted once. The
    engine and the escalation record both group by it, so a visit has one answer."""
    return inquiry.on if inquiry.channel is Channel.INFOPASS else None


def _visits(inquiries: Sequence[Inquiry]) -> list[Inquiry]:
    """The inquiries, one per visit (:func:`visit_day`), each visit counted and traced once;
    of a visit, the record of the higher officer reached is kept."""
    out: list[Inquiry] = []
    seen: dict[_dt.date, int] = {}
    for inquiry in inquiries:
        day = visit_day(inquiry)
        if day is None:
            out.append(inquiry)
            continue
        at = seen.get(day)
        if at is None:
            seen[day] = len(out)
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
    reached at or after that step (``fod_reached``: the inquiries at which the FOD was reached)
    and the case is still unresolved, the sources set no further step (EXHAUSTED). The FOD
    reached before the last step (a pressing issue) does not end the route."""
    day = last.on.isoformat()
    count = len(district.steps)
    last_rule = district.steps[-1].rule_id
    earliest, timing, wait = _fod_from(district, last, why)
    why.find(
        last_rule,
        f"{_number(count)} steps made, the {_ordinal(count)} on {day}; the case goes to the "
        "Field Office Director for review on the attorney's complaint",
    )
    # earliest is never before the last step: the rule applies if in force on that day.
    fod_rule = district.fod_ladder_rule
    # Only the FOD reached at or after the last step ends the route; reached before it (a
    # pressing issue, MIA-FOD-PRESSING), the FOD may be asked for again after the last step.
    since_last = [inquiry for inquiry in fod_reached if inquiry.on >= last.on]
    if since_last:
        reached = since_last[0].on
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
    if fod_reached:
        why.fact(
            "the Field Office Director was reached on {}, before the {} step of {}: after it "
            "the FOD may be asked for again",
            fod_reached[0].on,
            _ordinal(count),
            last.on,
        )
    if fod_rule is not None and why.book.rules[fod_rule].in_force(earliest):
        why.find(fod_rule, f"the attorney may ask to speak with the FOD {timing}")
    if upcoming is not None and upcoming.on >= earliest:
        return _fod_at_appointment(district, upcoming, max(earliest, last.on), why)
    proposal = _fod(earliest)
    proposal.wait = wait
    return proposal


def _fod_from(
    district: District, last: Inquiry, why: Reasoning
) -> tuple[_dt.date, str, Wait | None]:
    """When the Field Office Director may be asked for after the last step (made on
    ``last.on``), under the policy's ``fod_after_third``: the day, the timing in words, and what
    it waits for (None when it is at once)."""
    day = last.on.isoformat()
    count = len(district.steps)
    if why.policy.fod_after_third is FodAfterThird.AT_ONCE:
        timing = (
            f"at once, from the {_ordinal(count)} step of {day} ({FodAfterThird.AT_ONCE.words})"
        )
        return last.on, timing, None
    earliest, wait = last.on, None  # a one-step ladder has no wait to repeat
    if count > 1:
        days, earliest = step_allowed_from(district, count, last.on, why)
        wait = Wait(
            district.steps[-1].rule_id,
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
    return earliest, timing, wait


def _fod_at_appointment(
    district: District, upcoming: Appointment, since: _dt.date, why: Reasoning
) -> Proposal:
    """The Field Office Director asked for at an appointment already booked (on or after the day
    the FOD may be asked for)."""
    fod_rule = district.fod_ladder_rule
    why.note(f"Ask for the Field Office Director at the appointment of {upcoming.on.isoformat()}.")
    proposal = _fod(upcoming.on, booked=True)
    proposal.wait = Wait(
        fod_rule
        if fod_rule is not None and why.book.rules[fod_rule].in_force(upcoming.on)
        else district.steps[-1].rule_id,
        min(upcoming.on, since),
        None,
        upcoming.on,
        f"the Field Office Director is asked for at the appointment booked for "
        f"{upcoming.on.isoformat()}",
    )
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
