"""What a decision's reasoning keeps besides its texts: the rules cited (an ordered set, in the
order first relied on), findings made as values and recorded as made, a proposal before it is
decided, and the proposal to attend an appointment already booked."""

from __future__ import annotations

import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Action
from infopass_rules.rules.channels import IN_PERSON
from infopass_rules.rules.reasoning import Proposal, Reasoning, attend
from infopass_rules.rules.regimes import regime_at
from infopass_rules.rules.trace import FINDING, TraceEntry
from tests.helpers import D


def test_the_rules_cited_are_an_ordered_set_in_the_order_first_relied_on() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("MIA-SECOND", "step {}: allowed", 2)
    why.find("MIA-COUNT", "consulted, not relied on", cite=False)
    why.fact("a finding of fact cites no rule")
    _, finding = regime_at("MIA", D(2020, 1, 2), why.book)  # RG-CC, made as a value
    why.found(finding)
    why.cite("CC-BRING")
    why.find("MIA-SECOND", "cited again: still once, in its first place")
    why.cite("RG-CC")
    assert why.cited == dict.fromkeys(["MIA-SECOND", "RG-CC", "CC-BRING"])
    assert list(why.cited.values()) == [None, None, None]


def test_a_finding_made_as_a_value_without_values_is_its_text_braces_and_all() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.found((FINDING, "RG-SELF", "braces {kept} as {}"))
    why.found((FINDING, None, "a fact with {} braces"))
    assert why.trace == [
        TraceEntry("RG-SELF", "braces {kept} as {}"),
        TraceEntry(None, "a fact with {} braces"),
    ]
    assert why.cited == {"RG-SELF": None}


def test_a_finding_made_as_a_value_whose_values_do_not_fit_is_refused() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    with pytest.raises(ValueError, match="has 2 fields for 1 values"):
        why.found((FINDING, "RG-SELF", "{} and {}", 1))
    assert why.records == []
    assert why.cited == {}


def test_a_proposal_is_made_with_nothing_but_its_action_day_and_channels() -> None:
    proposal = Proposal(Action.INQUIRE, D(2020, 1, 2), IN_PERSON)
    assert proposal.action is Action.INQUIRE
    assert proposal.earliest == D(2020, 1, 2)
    assert proposal.channels is IN_PERSON
    assert proposal.step is None
    assert proposal.level is None
    assert proposal.in_person is False
    assert proposal.booked is False
    assert proposal.ladder_steps == ()
    assert proposal.wait is None
    assert proposal.online_filing is False
    assert proposal.data_citations == ()


def test_attending_a_booked_appointment_is_in_person_on_its_day_with_a_note() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    proposal = attend(D(2020, 3, 2), "MIA", why)
    assert proposal.action is Action.ATTEND_APPOINTMENT
    assert proposal.earliest == D(2020, 3, 2)
    assert proposal.channels is IN_PERSON
    assert proposal.in_person is True
    assert proposal.booked is True
    assert proposal.step is None
    assert why.notes == ["Attend the appointment of 2020-03-02 at Miami FL."]
    assert why.trace == []
    assert why.cited == {}
