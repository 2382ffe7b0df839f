"""Routing a question to the rules that answer it: the second room of a decision.

The issue decides the rules (the regime in force having been found first):

- what is no INFOPASS matter (CC-NOT-INFOPASS: filing an application, a routine question);
- an issue that calls for an in-person appointment (CC-QUALIFYING, CC-APPOINTMENT; a booked
  appointment is attended; under the Contact Center a pending Tier 2 referral is followed up,
  CC-TIER2 and CC-SUPERVISOR, and a Tier 2 Supervisor reached ends the route);
- a delayed case: at an office of a registered district, that district's ladder (the Miami
  District's ``MIA-*``); elsewhere an inquiry once the case is outside normal processing times
  (PT-INQUIRY, which the wait then rests on); a Tier 2 call-back still awaited comes first
  unless the ladder's next step is allowed sooner.

Then the remedies beyond the InfoPass procedures (OMB-CASE-ASSIST, CONG-INQUIRY) are weighed
beside the action, for a delayed case and for a route that has ended (EXHAUSTED): listed once
open, every one on EXHAUSTED (:func:`remedies_for`).

Each returns a :class:`~infopass_rules.rules.reasoning.Proposal`, the action before it becomes a
decision; the rules record their findings in the decision's reasoning as they go.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from infopass_rules.engine.history import History
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Issue
from infopass_rules.rules.channels import INQUIRY_CHANNELS
from infopass_rules.rules.contact_center import (
    ask_tier2_supervisor,
    is_qualifying,
    not_infopass,
    pending_referral,
    request_appointment,
    supervisor_reached,
    tier2_exhausted,
    tier2_followup,
    tier2_reached,
)
from infopass_rules.rules.districts.ladder import climb_ladder
from infopass_rules.rules.districts.registry import district_at, districts
from infopass_rules.rules.eligibility import INQUIRY_RULE, Eligibility, eligibility
from infopass_rules.rules.reasoning import Proposal, Reasoning, attend
from infopass_rules.rules.regimes import Regime, regime_at
from infopass_rules.rules.remedies import (
    CONGRESS_RULE,
    OMBUDSMAN_RULE,
    Remedy,
    congressional_inquiry,
    may_be_open,
    ombudsman_case_assistance,
)
from infopass_rules.rules.trace import Wait

if TYPE_CHECKING:
    from infopass_rules.times.table import ProcessingTimes

__all__ = ["remedies_for", "route"]


def route(
    case: Case,
    history: History,
    regime: Regime,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    why: Reasoning,
) -> tuple[Proposal, Regime]:
    """The action the rules propose for an unresolved case, and the regime it falls under (the
    regime in force on the action's day, when that is after ``as_of``)."""
    proposal = not_infopass(case, regime, as_of, why)
    if proposal is not None:
        return proposal, regime
    if case.issue is not Issue.CASE_DELAY:
        proposal = _appointment_issue(case, history, regime, as_of, why)
        if proposal.action is Action.EXHAUSTED:
            proposal.remedies = remedies_for(case, history, proposal, None, as_of, why)
        return proposal, regime
    proposal, outside = _case_delay(case, history, as_of, processing_times, why)
    proposal.remedies = remedies_for(case, history, proposal, outside.outside_on, as_of, why)
    act_on = proposal.earliest
    if act_on is not None and act_on > as_of:  # on as_of itself, the regime is known
        later_regime, finding = regime_at(case.office, act_on, why.book)
        if later_regime is not regime:  # the action falls under another regime
            why.found(finding)
            regime = later_regime
    if not proposal.booked:  # a booked appointment is attended in person under any regime
        proposal.channels = regime.offer(proposal.channels)
    return proposal, regime


def _appointment_issue(
    case: Case, history: History, regime: Regime, as_of: _dt.date, why: Reasoning
) -> Proposal:
    """An issue that calls for an in-person appointment (proof of status, advance parole, ...)."""
    upcoming = history.upcoming
    if upcoming is not None:
        why.find(
            regime.rule_id, "an appointment is booked for {} at {}", upcoming.on, upcoming.office
        )
        return attend(upcoming.on, upcoming.office, why)
    if not regime.self_scheduled:
        reached = supervisor_reached(history.inquiries)
        if reached is not None:
            return tier2_exhausted(reached, why)
        referral = pending_referral(history.inquiries)
        if referral is not None:
            return tier2_followup(referral, is_qualifying(case.issue, as_of, why), why)
        tier2 = tier2_reached(history.inquiries)
        if tier2 is not None:
            return ask_tier2_supervisor(tier2, why)
    return request_appointment(case, regime, as_of, why)


def _case_delay(
    case: Case,
    history: History,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    why: Reasoning,
) -> tuple[Proposal, Eligibility]:
    """A case outside normal processing times: the ladder of the office's district, if it is in
    a registered district, else an inquiry once outside (PT-INQUIRY); a Tier 2 call-back still
    awaited may come first. With when the case is outside, as found."""
    district = district_at(case.office, as_of, why.book)
    rule_id = district.eligible_rule if district is not None else INQUIRY_RULE
    outside = eligibility(case, as_of, processing_times, why, rule_id)
    if district is not None:
        proposal = climb_ladder(
            district, case, history.inquiries, history.upcoming, outside, as_of, why
        )
    else:
        proposal = _outside_districts(case, history, outside, rule_id, as_of, why)
    # The Contact Center's own route comes first, unless the Tier 2 Supervisor was reached, an
    # appointment is booked, or the district's route has ended (EXHAUSTED).
    on_the_route = not proposal.booked and proposal.action is not Action.EXHAUSTED
    if on_the_route and supervisor_reached(history.inquiries) is None:
        proposal = _contact_center_first(history, proposal, why)
    proposal.data_citations = outside.citations
    return proposal, outside


def _outside_districts(
    case: Case,
    history: History,
    outside: Eligibility,
    rule_id: str,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """PT-INQUIRY: a delayed case at an office of no registered district: an inquiry once it is
    outside normal processing times (no ladder's waits apply); the rule is cited, allowed or
    not, and what the inquiry waits for rests on it."""
    for other in districts():
        why.find(
            other.eligible_rule,
            "{} is not a {} office: the ladder's waits do not apply",
            case.office,
            other.name,
            cite=False,
        )
    _inquiry_finding(outside, rule_id, as_of, why)
    if history.upcoming is not None:
        return attend(history.upcoming.on, history.upcoming.office, why)
    reached = supervisor_reached(history.inquiries)
    if reached is not None:
        return tier2_exhausted(reached, why)
    proposal = Proposal(Action.INQUIRE, outside.outside_on, INQUIRY_CHANNELS)
    if outside.outside_on > as_of:  # what the inquiry waits for, while it waits
        since = case.received_on
        proposal.wait = Wait(
            rule_id,
            since if since is not None and since <= outside.outside_on else outside.outside_on,
            None,
            outside.outside_on,
            f"an inquiry waits until the case is outside normal processing times ({outside.how})",
        )
    return proposal


def _inquiry_finding(outside: Eligibility, rule_id: str, as_of: _dt.date, why: Reasoning) -> None:
    """PT-INQUIRY's finding: from when the inquiry may be made; on a day before the source's own
    date, that the practice it describes was in place before it (as RG-SELF says)."""
    dated = why.book.rules[rule_id].effective
    text = "outside normal processing times from {} ({}): an inquiry may be made from then"
    if as_of < dated:
        why.find(
            rule_id,
            text + " (the source describing the practice is dated {}; it was in place before)",
            outside.outside_on,
            outside.how,
            dated,
        )
    else:
        why.find(rule_id, text, outside.outside_on, outside.how)


def _contact_center_first(history: History, proposal: Proposal, why: Reasoning) -> Proposal:
    """The Contact Center's own route, where the case is on it (the Tier 2 Supervisor not yet
    reached): a Tier 2 call-back still awaited (CC-TIER2), or a Tier 2 officer reached and the
    case unresolved (CC-SUPERVISOR). Escalating to the Tier 2 Supervisor comes first, unless the
    ladder's next step is allowed sooner (the ladder fixes the only other wait)."""
    referral = pending_referral(history.inquiries)
    tier2 = tier2_reached(history.inquiries)
    if referral is not None:
        followup = tier2_followup(referral, False, why)
        where = "A Tier 2 call-back is still awaited"
    elif tier2 is not None:
        followup = ask_tier2_supervisor(tier2, why)
        where = "A Tier 2 officer was reached"
    else:
        return proposal
    assert followup.earliest is not None
    if proposal.step is None or proposal.earliest is None or followup.earliest < proposal.earliest:
        if proposal.step is not None and proposal.earliest is not None:
            why.note("Ladder step {} is allowed from {}.", proposal.step, proposal.earliest)
        followup.ladder_steps = proposal.ladder_steps
        return followup
    why.note(
        "{}; the escalation to the Tier 2 Supervisor is allowed from {}.", where, followup.earliest
    )
    return proposal


def remedies_for(
    case: Case,
    history: History,
    proposal: Proposal,
    outside_on: _dt.date | None,
    as_of: _dt.date,
    why: Reasoning,
) -> tuple[Remedy, ...]:
    """The remedies beyond the InfoPass procedures listed beside ``proposal`` (OMB-CASE-ASSIST,
    CONG-INQUIRY; docs/concepts/remedies.md): each one open on ``as_of``, and on EXHAUSTED every
    one, open or not, with its earliest date. They never replace the action. Each listed remedy is
    traced under its rule and the rule cited; one not listed leaves no trace.

    ``outside_on``: the day a delayed case is outside normal processing times (PT-INQUIRY), or
    None for a case whose issue is no delay.
    """
    everything = proposal.action is Action.EXHAUSTED
    book, policy = why.book, why.policy
    found: list[Remedy] = []
    if everything or may_be_open(OMBUDSMAN_RULE, outside_on, as_of, book):
        found.append(
            ombudsman_case_assistance(
                history.inquiries, history.requests, outside_on, as_of, book, policy
            )
        )
    if everything or may_be_open(CONGRESS_RULE, outside_on, as_of, book):
        found.append(
            congressional_inquiry(
                case.received_on, history.requests, outside_on, as_of, book, policy
            )
        )
    listed = tuple(remedy for remedy in found if everything or remedy.allowed)
    for remedy in listed:
        state = "open" if remedy.allowed else "not open"
        why.find(remedy.rule_id, "{} {} on {}: {}", remedy.name, state, as_of, remedy.reason)
    return listed
