"""The USCIS Contact Center (``CC-*``): appointments, Tier 2 call-backs, and what is not InfoPass.

Sources: the CIS Ombudsman teleconference of 2019-02-14 (AILA Doc. No. 19030140, primary), the
article on InfoPass after March 2019 (contact-center-2019, secondary) and the 2017 guide
(infopass-guide-2017, secondary). Windows, qualifying issues, online forms and the checklist are
parameters (``contact_center.*``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from functools import lru_cache

from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Issue, Level, Outcome
from infopass_rules.facts.history import Inquiry
from infopass_rules.rules.channels import CONTACT_CENTER_ONLY, IN_PERSON, MAIL_ONLY, shared
from infopass_rules.rules.reasoning import Proposal, Reasoning, exhausted
from infopass_rules.rules.regimes import Regime
from infopass_rules.rules.trace import Wait, WarningKind
from infopass_rules.sources.rulebook import Rulebook

__all__ = [
    "ask_tier2_supervisor",
    "bring_checklist",
    "call_advice",
    "is_qualifying",
    "not_infopass",
    "pending_referral",
    "request_appointment",
    "supervisor_reached",
    "tier2_exhausted",
    "tier2_followup",
    "tier2_reached",
]

_NOT_INFOPASS = frozenset({Issue.ROUTINE_QUESTION, Issue.FILE_APPLICATION})
_BY_PHONE_OR_ONLINE = shared((Channel.CONTACT_CENTER, Channel.E_REQUEST))


def is_qualifying(issue: Issue, on: _dt.date, why: Reasoning) -> bool:
    """CC-QUALIFYING: whether the Contact Center names ``issue`` as suited to an appointment."""
    return issue.name in why.param("contact_center.qualifying_issues", on)


def not_infopass(case: Case, regime: Regime, as_of: _dt.date, why: Reasoning) -> Proposal | None:
    """CC-NOT-INFOPASS: filing an application or a routine question is no INFOPASS matter."""
    if case.issue not in _NOT_INFOPASS:
        return None
    if case.issue is Issue.FILE_APPLICATION:
        online = why.param("contact_center.online_forms", as_of)
        online_filing = case.form is not None and case.form in online
        if online_filing:
            how = f"Form {case.form} can be filed online through myUSCIS, or by mail."
        elif case.form is not None:
            how = (
                f"File Form {case.form} by mail (it is not among the forms fileable online "
                f"through myUSCIS: {', '.join(online)})."
            )
        else:
            how = f"File by mail, or online through myUSCIS for {', '.join(online)}."
        why.find("CC-NOT-INFOPASS", "filing an application is not an InfoPass matter")
        why.note(how)
        proposal = Proposal(Action.USE_OTHER_SERVICE, as_of, MAIL_ONLY)
        proposal.online_filing = online_filing
        return proposal
    why.find("CC-NOT-INFOPASS", "a routine question belongs on the phone or online")
    channels = regime.offer(_BY_PHONE_OR_ONLINE)
    call_advice(as_of, why, contact_center=not regime.self_scheduled)
    return Proposal(Action.USE_OTHER_SERVICE, as_of, channels)


def call_advice(as_of: _dt.date, why: Reasoning, *, contact_center: bool = True) -> None:
    """CC-CALL and CC-TIPS: the number, what the call is like and what to have at hand, given
    once in a decision whenever a phone action is advised. The number (1-800-375-5283) is the
    National Customer Service Center's in miami-2013-03-14 and infopass-guide-2017, the Contact
    Center's (its later name) from 2018; ``contact_center`` is False under self-scheduling
    (RG-SELF), when the line was called the National Customer Service Center."""
    if "CC-CALL" in why.cited:  # already given in this decision
        return
    phone = why.param("contact_center.phone", as_of)
    if contact_center:
        why.find(
            "CC-CALL",
            f"call {phone}: an automated system, then a Tier 1 representative "
            "who can open a service request",
        )
        why.note(
            f"Call the Contact Center at {phone}; Tier 1 will ask for the name, date of birth "
            "and receipt number."
        )
    else:
        why.find(
            "CC-CALL",
            f"call the National Customer Service Center at {phone}; the representative asks for "
            "the name, date of birth and receipt number",
        )
        why.note(
            f"By phone: call the National Customer Service Center at {phone}; the "
            "representative will ask for the name, date of birth and receipt number."
        )
    why.find("CC-TIPS", "be clear and concise; have the receipt number and filing date at hand")
    why.note(
        "Be clear and concise; have the receipt number, the filing date and the relevant "
        "details at hand."
    )


def request_appointment(case: Case, regime: Regime, as_of: _dt.date, why: Reasoning) -> Proposal:
    """An in-person appointment for a qualifying issue: booked online (RG-SELF) or asked of the
    Contact Center (RG-PILOT, RG-CC; CC-QUALIFYING, CC-APPOINTMENT)."""
    if regime.self_scheduled:
        why.note(
            "Book the appointment online; it can be cancelled or rescheduled without "
            "penalty with the numbers on the printed confirmation."
        )
        return Proposal(Action.REQUEST_APPOINTMENT, as_of, IN_PERSON)
    named = is_qualifying(case.issue, as_of, why)
    why.find(
        "CC-QUALIFYING",
        f"{case.issue.words} is an issue the Contact Center names as suited to an appointment"
        if named
        else f"{case.issue.words} is not among the issues the Contact Center names; an "
        "appointment is at its discretion",
    )
    callback = _scheduling_window(why)
    after = why.param("contact_center.appointment_after_callback_days", as_of)
    first = as_of + _dt.timedelta(days=callback[0] + after[0])
    last = as_of + _dt.timedelta(days=callback[1] + after[1])
    why.find(
        "CC-APPOINTMENT",
        "Tier 1 refers the request to Tier 2, who calls back in {}-{} days and schedules; the "
        "appointment is usually {}-{} days after the call-back",
        *callback,
        *after,
    )
    why.note(
        "A request made on {} usually gives an appointment between {} and {}.",
        as_of,
        first,
        last,
    )
    call_advice(as_of, why)
    return Proposal(Action.REQUEST_APPOINTMENT, as_of, CONTACT_CENTER_ONLY)


def bring_checklist(day: _dt.date, why: Reasoning) -> tuple[str, ...]:
    """CC-BRING (``infopass-guide-2017``): what to bring to an in-person appointment on ``day``."""
    checklist = tuple(why.param("contact_center.checklist", day))
    why.cite("CC-BRING")
    return checklist


def pending_referral(inquiries: Sequence[Inquiry]) -> Inquiry | None:
    """The Tier 2 referral still awaiting a call-back: the latest inquiry, if it was one.

    Mailed letters are left aside: a letter is no inquiry (MIA-COUNT) and does not answer or
    replace the call-back.
    """
    for inquiry in reversed(inquiries):  # the latest inquiry that is not a letter
        if inquiry.channel is not Channel.MAIL:
            return inquiry if inquiry.outcome is Outcome.TIER_2_REFERRAL else None
    return None


def tier2_followup(referral: Inquiry, for_appointment: bool, why: Reasoning) -> Proposal:
    """CC-TIER2 / CC-APPOINTMENT, then CC-SUPERVISOR: once the call-back window has passed
    without a call-back, call again and ask for the Tier 2 Supervisor."""
    day = referral.on.isoformat()
    if for_appointment:
        window = _scheduling_window(why)
        why.find(
            "CC-APPOINTMENT",
            f"Tier 2 referral of {day}: call-back to schedule expected {_window_text(window)}",
        )
    else:
        window = _resolved(why, "contact_center.tier2_callback_days")
        cc_tier2 = why.book.rules["CC-TIER2"]
        if not cc_tier2.in_force(referral.on):
            why.warn(
                WarningKind.LATER_SOURCE,
                f"CC-TIER2: its sources date from {cc_tier2.effective.isoformat()}; the "
                f"call-back window is applied to the earlier referral of {day}.",
                rule_id="CC-TIER2",
                on=referral.on,
            )
        why.find(
            "CC-TIER2",
            f"Tier 2 referral of {day}: call-back expected {_window_text(window)}",
        )
    earliest = why.policy.day_count.allowed_from(referral.on, window[1])
    wait = Wait(
        "CC-APPOINTMENT" if for_appointment else "CC-TIER2",
        referral.on,
        window[1],
        earliest,
        f"the Tier 2 Supervisor is asked for once the call-back window of {window[1]} days "
        f"after the Tier 2 referral of {day} has passed",
    )
    why.find(
        "CC-SUPERVISOR",
        f"with no call-back by the end of the window, call again from "
        f"{earliest.isoformat()} and ask for a Tier 2 Supervisor, who can contact field "
        "offices and the National Benefits Center",
    )
    proposal = Proposal(
        Action.ESCALATE,
        earliest,
        CONTACT_CENTER_ONLY,
        level=Level.TIER_2_SUPERVISOR,
    )
    proposal.wait = wait
    return proposal


def tier2_reached(inquiries: Sequence[Inquiry]) -> Inquiry | None:
    """The Tier 2 officer reached and the matter still open: the latest inquiry, if a Tier 2
    officer was reached at it (CC-SUPERVISOR). Mailed letters are left aside (no inquiry)."""
    for inquiry in reversed(inquiries):  # the latest inquiry that is not a letter
        if inquiry.channel is not Channel.MAIL:
            return inquiry if inquiry.level is Level.TIER_2 else None
    return None


def ask_tier2_supervisor(reached: Inquiry, why: Reasoning) -> Proposal:
    """CC-SUPERVISOR (``aila-19030140``): the Tier 2 officer was reached and the matter is still
    unresolved: "If you still need assistance, you can request to speak with a Tier 2
    Supervisor", from that day."""
    why.find(
        "CC-SUPERVISOR",
        "the Tier 2 officer was reached on {} and the case is still unresolved: ask to speak with "
        "a Tier 2 Supervisor, who can contact field offices and the National Benefits Center",
        reached.on,
    )
    return Proposal(Action.ESCALATE, reached.on, CONTACT_CENTER_ONLY, level=Level.TIER_2_SUPERVISOR)


def supervisor_reached(inquiries: Sequence[Inquiry]) -> Inquiry | None:
    """The first inquiry at which the Tier 2 Supervisor was reached (CC-SUPERVISOR), if any.

    The inquiries are of an unresolved case, so the Supervisor did not resolve it.
    """
    for inquiry in inquiries:
        if inquiry.level is Level.TIER_2_SUPERVISOR and inquiry.channel is not Channel.MAIL:
            return inquiry
    return None


def tier2_exhausted(reached: Inquiry, why: Reasoning) -> Proposal:
    """CC-SUPERVISOR: the Tier 2 Supervisor was reached and the case is still unresolved: the
    Contact Center's procedure sets no further step (EXHAUSTED)."""
    return exhausted(
        "CC-SUPERVISOR",
        reached.on,
        f"the Tier 2 Supervisor was reached on {reached.on.isoformat()} and the case is still "
        "unresolved: the sources set no further step",
        why,
    )


def _resolved(why: Reasoning, parameter: str) -> tuple[int, int]:
    """A call-back window whose sources disagree: the reading the policy's conflict rule
    follows, the conflict recorded in the decision (under either conflict rule)."""
    low, high = why.resolve(parameter, _question(why.book, parameter))
    return low, high


@lru_cache(maxsize=64)  # a few conflicted parameters per rule book
def _question(book: Rulebook, parameter: str) -> str:
    """The question the sources disagree on about ``parameter`` (its conflict in the book)."""
    return next(c.question for c in book.conflicts.values() if c.parameter == parameter)


def _scheduling_window(why: Reasoning) -> tuple[int, int]:
    """CC-APPOINTMENT: the window of Tier 2's call-back to schedule an appointment; the "1-2
    days" of aila-19030140 meets contact-center-2019's "within 30 days"; the conflict is
    reported in the decision and in the rules reference (CC-APPOINTMENT)."""
    return _resolved(why, "contact_center.scheduling_callback_days")


def _window_text(window: tuple[int, int]) -> str:
    """A call-back window in words: "the same day" or "within 1-2 days"."""
    low, high = window
    return "the same day" if high == 0 else f"within {low}-{high} days"
