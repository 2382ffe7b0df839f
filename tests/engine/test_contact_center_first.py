"""Routing a delayed case on the Contact Center's own route (CC-SUPERVISOR): a Tier 2 officer
reached, the case still unresolved, makes the Tier 2 Supervisor the next step from that day,
unless the district's ladder allows its next step as soon or sooner; then the ladder's step is
proposed, and a note says from when the escalation is allowed."""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from tests.helpers import D, miami

#: A phone inquiry that reached a Tier 2 officer, before MIA-COUNT (2013-03-14): not a step of
#: the Miami ladder, so the ladder's step 1 stays allowed from the day the case is outside.
REACHED = D(2013, 1, 10)
TIER_2 = ir.Inquiry(REACHED, ir.Channel.CONTACT_CENTER, level=ir.Level.TIER_2)
AS_OF = D(2013, 1, 15)


@pytest.mark.parametrize(
    "outside",
    [REACHED - dt.timedelta(days=1), REACHED],
    ids=["the ladder's step allowed the day before", "the ladder's step allowed that day"],
)
def test_the_ladder_s_step_allowed_as_soon_comes_first_and_the_escalation_is_noted(
    outside: dt.date,
) -> None:
    decision = ir.next_action(miami(outside_processing_times_on=outside), (TIER_2,), as_of=AS_OF)
    assert (decision.action, decision.step, decision.earliest) == (ir.Action.INQUIRE, 1, outside)
    assert decision.notes == (
        "A Tier 2 officer was reached; the escalation to the Tier 2 Supervisor is allowed from "
        "2013-01-10.",
    )


def test_the_escalation_allowed_sooner_than_the_ladder_s_step_comes_first() -> None:
    outside = REACHED + dt.timedelta(days=1)  # the ladder's step allowed the day after
    decision = ir.next_action(miami(outside_processing_times_on=outside), (TIER_2,), as_of=AS_OF)
    assert (decision.action, decision.level, decision.earliest) == (
        ir.Action.ESCALATE,
        ir.Level.TIER_2_SUPERVISOR,
        REACHED,
    )
    assert "Ladder step 1 is allowed from 2013-01-11." in decision.notes
    assert not any(note.startswith("A Tier 2 officer was reached") for note in decision.notes)
