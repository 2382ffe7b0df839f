"""The advice that goes with an action: the third room of a decision.

Whatever the action, how it is carried out brings its own rules:

- in person (at the office: an appointment, the Field Office Director): at an office of a
  district with a Supervisor rule, ask for a Supervisor if the visit does not resolve the inquiry
  (MIA-SUPERVISOR), and what to bring (CC-BRING); under a Contact Center regime the appointment
  is asked for by phone first;
- by phone to the Contact Center: the triage factors to put to the representative (CC-TRIAGE,
  under RG-PILOT and RG-CC), and the number and what the call is like (CC-CALL, CC-TIPS).

Each piece of advice is decided by its rule's function; this room only says which apply.
"""

from __future__ import annotations

import datetime as _dt

from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.rules.contact_center import bring_checklist, call_advice
from infopass_rules.rules.districts.ladder import supervisor_advice
from infopass_rules.rules.districts.registry import district_at
from infopass_rules.rules.reasoning import Proposal, Reasoning
from infopass_rules.rules.regimes import Regime
from infopass_rules.rules.triage import triage_advice

__all__ = ["advise"]

#: The end states: no action, so no advice on carrying one out.
_NO_ACTION = (Action.NONE, Action.EXHAUSTED)


def advise(
    case: Case, proposal: Proposal, regime: Regime, as_of: _dt.date, why: Reasoning
) -> tuple[str, ...]:
    """Record the advice for carrying out ``proposal``; the checklist of what to bring (empty
    unless the action is in person)."""
    if proposal.action in _NO_ACTION:
        return ()
    checklist: tuple[str, ...] = ()
    in_person = proposal.in_person or Channel.INFOPASS in proposal.channels
    if in_person:
        act_on = max(proposal.earliest or as_of, as_of)
        if Channel.INFOPASS not in proposal.channels:
            why.note("The action is in person: the appointment is asked for by phone first.")
        district = district_at(case.office, act_on, why.book)
        if district is not None:
            supervisor_advice(district, act_on, why)
        checklist = bring_checklist(act_on, why)
    if Channel.CONTACT_CENTER in proposal.channels:
        if not regime.self_scheduled:  # triage is the Contact Center's (RG-PILOT, RG-CC)
            triage_advice(case, as_of, why)
        call_advice(as_of, why, contact_center=not regime.self_scheduled)
    return checklist
