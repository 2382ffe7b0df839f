"""``Decision.rule_ids``: the IDs of the rules cited, in citation order, each once; found once per
citations tuple (decisions citing the same rules share one) by a memo that stays bounded."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.engine import decision as decision_module
from tests.mixed_docket import SEED, generate


def _decisions(n: int) -> list[ir.Decision]:
    return [ir.next_action(c, h, as_of=a) for c, h, a in generate(random.Random(SEED), n)]


def _plain(decision: ir.Decision) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.rule_id for c in decision.citations))


def test_rule_ids_are_the_cited_rules_in_order_each_once() -> None:
    for decision in _decisions(300):
        assert decision.rule_ids == _plain(decision)


def test_decisions_citing_the_same_rules_share_one_answer() -> None:
    first, second = (
        ir.next_action(
            ir.Case(
                receipt_number,
                "MIA",
                ir.Issue.CASE_DELAY,
                received_on=dt.date(2018, 1, 2),
                outside_processing_times_on=dt.date(2018, 6, 1),
            ),
            as_of=dt.date(2018, 9, 3),
        )
        for receipt_number in ("MSC1890012345", "MSC1890012346")
    )
    assert first.citations is second.citations
    assert first.rule_ids is second.rule_ids


def test_a_decision_built_by_hand_has_its_own_rule_ids() -> None:
    decision = _decisions(1)[0]
    citations = tuple(reversed(decision.citations))
    other = attrs.evolve(decision, citations=citations)
    assert other.rule_ids == tuple(dict.fromkeys(c.rule_id for c in citations))


def test_the_memo_is_emptied_when_full_and_the_answers_stay_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(decision_module, "_RULE_IDS", {})
    monkeypatch.setattr(decision_module, "_RULE_IDS_SIZE", 3)
    decisions = _decisions(200)
    for decision in decisions:
        assert decision.rule_ids == _plain(decision)
        assert len(decision_module._RULE_IDS) <= 3
    assert decision_module._RULE_IDS  # it keeps what it found last


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(_decisions(60)), min_size=1, max_size=40))
def test_in_any_order_each_decision_has_its_own_rule_ids(decisions: list[ir.Decision]) -> None:
    for decision in decisions:
        assert decision.rule_ids == _plain(decision)
