"""The Miami District ladder for a case outside normal processing times (``MIA-*``).

Source: the Miami District's answers at AILA liaison meetings of 2012-05-22 (the three steps and
their waits), 2013-03-14 (which inquiries count) and 2014-02-11 (appointment limits, see
``appointments``), compiled with the Supervisor and Field Office Director advice on 2014-06-19.
The waits, counted channels and district offices are parameters (``miami.*``); each function
below names the rule it applies.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence

import attrs

from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.rules.policy import FodAfterThird, Premature
from infopass_rules.rules.reasoning import Proposal, Reasoning, attend

__all__ = ["Eligibility", "in_district", "miami_ladder"]

# The rule that allows steps 1, 2 and 3; the parameters holding the waits before steps 2 and 3.
_STEP_RULES = ("MIA-ELIGIBLE", "MIA-SECOND", "MIA-THIRD")
_WAIT_BEFORE_STEP = {2: "miami.second_step_wait_days", 3: "miami.third_step_wait_days"}


@attrs.frozen
class Eligibility:
    """When the case is outside normal processing times, and how that is known.

    ``outside_on``: the first day it is (MIA-ELIGIBLE); ``how``: how that is known (the case's
    own date, published processing times, or an estimate from them); ``outside_at``: for
    published data, whether the case was outside by the snapshot in force on a given day (None:
    no snapshot then).
    """

    outside_on: _dt.date
    how: str
    outside_at: Callable[[_dt.date], bool | None] | None = None

    def premature_for_step_1(self, day: _dt.date) -> bool:
        if self.outside_at is not None:
            judged = self.outside_at(day)
            if judged is not None:
                return not judged  # judged by the snapshot in force on that day
        return day < self.outside_on


def in_district(office: str, on: _dt.date, why: Reasoning) -> bool:
    """Whether the ladder applies to ``office`` on ``on`` (``miami.district_offices``)."""
    scope = why.book.parameters["miami.district_offices"].period_at(on)
    return scope is not None and office in scope.value


def _counted(inquiry: Inquiry, why: Reasoning) -> bool:
    """MIA-COUNT: whether an inquiry is of a channel that counts as a step on its own date."""
    period = why.book.parameters["miami.counted_channels"].period_at(inquiry.on)
    if period is not None and inquiry.channel.name in period.value:
        return True
    day = inquiry.on.isoformat()
    if inquiry.channel is Channel.MAIL:
        why.find(
            "MIA-COUNT",
            f"the letter of {day} is not an inquiry: mailed correspondence never counts as a step",
        )
    elif period is None:
        why.find(
            "MIA-ELIGIBLE",
            f"the {inquiry.channel.name} inquiry of {day} predates the ladder: not a step",
            cite=False,
        )
    else:
        why.find(
            "MIA-COUNT",
            f"the {inquiry.channel.name} inquiry of {day} is not a step: before "
            f"{why.book.rules['MIA-COUNT'].effective.isoformat()} only INFOPASS inquiries "
            "counted",
        )
    return False


def miami_ladder(
    case: Case,
    inquiries: Sequence[Inquiry],
    upcoming: Appointment | None,
    eligibility: Eligibility,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """The next ladder action for an unresolved case at a Miami District office.

    ``inquiries`` are the case's inquiries on or before ``as_of``, sorted; ``upcoming`` is the
    first appointment on or after ``as_of`` that lists the case.
    """
    policy = why.policy
    why.find(
        "MIA-ELIGIBLE",
        f"outside normal processing times from "
        f"{eligibility.outside_on.isoformat()} ({eligibility.how})",
    )
    steps: list[Inquiry] = []
    normal_channels_tried: list[tuple[Inquiry, Level]] = []
    fod_reached: list[Inquiry] = []
    clock = eligibility.outside_on  # first day the next step is allowed
    for inquiry in inquiries:
        if not _counted(inquiry, why):
            continue
        day = inquiry.on.isoformat()
        if inquiry.level is not None and inquiry.level in policy.normal_channel_levels:
            normal_channels_tried.append((inquiry, inquiry.level))
        if len(steps) == 3:
            if inquiry.level is Level.FIELD_OFFICE_DIRECTOR:
                fod_reached.append(inquiry)
            why.find("MIA-FOD-LADDER", f"the inquiry of {day} follows the third step", cite=False)
            continue
        k = len(steps)
        premature = eligibility.premature_for_step_1(inquiry.on) if k == 0 else inquiry.on < clock
        if premature:
            rule = _STEP_RULES[k]
            allowed = (
                "once the case is outside normal processing times"
                if k == 0
                else f"from {clock.isoformat()}"
            )
            why.warn(
                f"{rule}: the {inquiry.channel.name} inquiry of {day} was premature (step "
                f"{k + 1} is allowed {allowed}); it is not a step"
            )
            why.find(rule, f"premature inquiry of {day}: not step {k + 1}")
            if policy.premature is Premature.RESTARTS_CLOCK and k > 0:
                clock = policy.day_count.allowed_from(
                    inquiry.on, why.param(_WAIT_BEFORE_STEP[k + 1], inquiry.on)
                )
                why.find(
                    rule,
                    f"policy RESTARTS_CLOCK: the wait runs again from {day}, "
                    f"to {clock.isoformat()}",
                )
            continue
        steps.append(inquiry)
        counted_by = "" if inquiry.channel is Channel.INFOPASS else " (counted under MIA-COUNT)"
        if counted_by:
            why.cite("MIA-COUNT")
        why.find(
            _STEP_RULES[k],
            f"step {k + 1}: {inquiry.channel.name} inquiry of {day}, unresolved{counted_by}",
        )
        if k < 2:
            wait = why.param(_WAIT_BEFORE_STEP[k + 2], inquiry.on)
            clock = policy.day_count.allowed_from(inquiry.on, wait)
            why.find(
                _STEP_RULES[k + 1],
                f"not resolved within {wait} days of {day}: step {k + 2} "
                f"allowed from {clock.isoformat()} (policy {policy.day_count.name})",
            )

    proposal = _pressing_route(case, normal_channels_tried, as_of, why)
    if proposal is None and len(steps) == 3:
        proposal = _fod_after_ladder(steps[2], fod_reached, upcoming, why)
    elif proposal is None and upcoming is not None:
        proposal = _attend(upcoming, len(steps) + 1, clock, why)
    elif proposal is None:
        wanted = _channels_for_step(max(clock, as_of), why)
        proposal = Proposal(Action.INQUIRE, clock, wanted, step=len(steps) + 1)
    proposal.ladder_steps = tuple(step.on for step in steps)
    return proposal


def _channels_for_step(day: _dt.date, why: Reasoning) -> frozenset[Channel]:
    return frozenset(Channel[name] for name in why.param("miami.counted_channels", day))


def _attend(upcoming: Appointment, step: int, clock: _dt.date, why: Reasoning) -> Proposal:
    day = upcoming.on.isoformat()
    rule = _STEP_RULES[step - 1]
    if upcoming.on < clock:
        why.warn(
            f"{rule}: the appointment of {day} is before step {step} is allowed (from "
            f"{clock.isoformat()}); it will not count as a step: consider rescheduling it"
        )
        why.find(rule, f"appointment of {day} booked before step {step} is allowed")
    else:
        why.find(rule, f"the appointment of {day} will be step {step}")
        why.note(f"The appointment of {day} is ladder step {step} of 3.")
    return attend(upcoming.on)


def _fod_after_ladder(
    third: Inquiry, fod_reached: list[Inquiry], upcoming: Appointment | None, why: Reasoning
) -> Proposal:
    """MIA-FOD-LADDER (2014) / MIA-THIRD (2012): after three unresolved steps, the FOD."""
    policy = why.policy
    day = third.on.isoformat()
    if policy.fod_after_third is FodAfterThird.AT_ONCE:
        earliest = third.on
        timing = f"at once, from the third step of {day} (policy AT_ONCE)"
    else:
        earliest = policy.day_count.allowed_from(
            third.on, why.param(_WAIT_BEFORE_STEP[3], third.on)
        )
        timing = (
            f"from {earliest.isoformat()}, once the third step has waited (policy AFTER_THIRD_WAIT)"
        )
    why.find(
        "MIA-THIRD",
        f"three steps made, the third on {day}; the case goes to the Field "
        "Office Director for review on the attorney's complaint",
    )
    # earliest is never before the third step: the rule applies if in force on that day.
    if why.book.rules["MIA-FOD-LADDER"].in_force(earliest):
        why.find("MIA-FOD-LADDER", f"the attorney may ask to speak with the FOD {timing}")
    if fod_reached:
        why.note(
            f"The Field Office Director was already reached on {fod_reached[-1].on.isoformat()};"
            " the sources set no further step after the FOD."
        )
    if upcoming is not None and upcoming.on >= earliest:
        why.note(
            f"Ask for the Field Office Director at the appointment of {upcoming.on.isoformat()}."
        )
        return _fod(upcoming.on, booked=True)
    return _fod(earliest)


def _pressing_route(
    case: Case, tried: list[tuple[Inquiry, Level]], as_of: _dt.date, why: Reasoning
) -> Proposal | None:
    """MIA-FOD-PRESSING: the FOD at any step, for a pressing issue the normal channels failed."""
    rule = why.book.rules["MIA-FOD-PRESSING"]
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
                f"{policy.pressing_horizon_days} days (policy pressing_horizon_days)"
            )
    if reason is None:
        return None
    unresolved = [(i, level) for i, level in tried if i.outcome is not Outcome.RESOLVED]
    # In the order of the Level enum, which follows the officers' rank.
    officers = " or ".join(level_text(x) for x in Level if x in policy.normal_channel_levels)
    if not unresolved:
        why.find(
            "MIA-FOD-PRESSING",
            f"pressing ({reason}), but no inquiry has yet reached the {officers} without "
            "resolution: the normal channels are not exhausted",
        )
        why.note(
            f"The issue is pressing: at the next inquiry ask for the {officers}; if it stays "
            "unresolved, the Field Office Director may be asked for at once (MIA-FOD-PRESSING)."
        )
        return None
    first, level = unresolved[0]
    why.find(
        "MIA-FOD-PRESSING",
        f"pressing ({reason}) and unresolved by the {level_text(level)} on {first.on.isoformat()}: "
        "the FOD may be asked for, pending availability",
    )
    return _fod(max(first.on, rule.effective))


def _fod(earliest: _dt.date, *, booked: bool = False) -> Proposal:
    """Escalation to the Field Office Director, in person (at a booked appointment, if any)."""
    return Proposal(
        Action.ESCALATE,
        earliest,
        frozenset({Channel.INFOPASS}),
        level=Level.FIELD_OFFICE_DIRECTOR,
        in_person=True,
        booked=booked,
    )


def level_text(level: Level) -> str:
    """An officer's title as a person writes it: ``SECTION_CHIEF`` -> "Section Chief"."""
    return level.name.replace("_", " ").title()
