"""Properties of the rules after 2019 (PT-INQUIRY and the remedies) over the mixed docket
(``tests/mixed_docket.py``: offices in and out of the Miami District, every issue, histories of
every channel, ``as_of`` 2014-2026), drawn by Hypothesis: what a decision waits for rests on a rule
it cites; the remedies are listed beside the action, never instead of it.

The field finding these guard: on the 20,000-case mixed docket, 2,120 of 6,125 waits named
MIA-ELIGIBLE in decisions at offices outside Miami that did not cite it.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from tests import mixed_docket

#: The district's offices (where MIA-ELIGIBLE may rule a wait).
MIAMI = frozenset({"MIA", "HIA", "KND", "OKL"})
POLICIES = (
    ir.DEFAULT_POLICY,
    ir.Policy(day_count=ir.DayCount.ON_LAST_DAY),
    ir.Policy(ombudsman_window="ANY_CONTACT"),
)


def _decisions(seed: int, n: int) -> list[tuple[ir.Case, ir.Decision]]:
    out = []
    for i, (case, history, as_of) in enumerate(
        mixed_docket.generate(random.Random(seed), n, mixed_docket.CHANNELS)
    ):
        policy = POLICIES[i % len(POLICIES)]
        out.append((case, ir.next_action(case, history, as_of=as_of, policy=policy)))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_every_wait_rests_on_a_rule_the_decision_cites(seed: int) -> None:
    for case, decision in _decisions(seed, 40):
        for wait in decision.waits:
            assert wait.rule_id in decision.rule_ids, (case, wait)
            assert wait.rule_id in decision.why_not_yet() or wait is not decision.waits[0]
        delayed = case.issue is ir.Issue.CASE_DELAY and decision.action is not ir.Action.NONE
        if delayed and case.office not in MIAMI:  # outside a district's ladder: PT-INQUIRY
            assert "PT-INQUIRY" in decision.rule_ids, case
            assert all(w.rule_id != "MIA-ELIGIBLE" for w in decision.waits)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_remedies_are_listed_beside_the_action_never_instead(seed: int) -> None:
    for case, decision in _decisions(seed, 40):
        exhausted = decision.action is ir.Action.EXHAUSTED
        ids = [r.rule_id for r in decision.remedies]
        assert len(ids) == len(set(ids))  # each listed once
        assert set(ids) <= {"OMB-CASE-ASSIST", "CONG-INQUIRY"}
        if exhausted:  # every remedy, open or not
            assert ids == ["OMB-CASE-ASSIST", "CONG-INQUIRY"], case
        for remedy in decision.remedies:
            assert exhausted or remedy.allowed  # before EXHAUSTED, only once open
            # open exactly when its earliest day has come (a remedy with no day is not open)
            assert remedy.allowed == (
                remedy.earliest is not None and remedy.earliest <= decision.as_of
            )
            assert remedy.rule_id in decision.rule_ids
            assert any(e.rule_id == remedy.rule_id for e in decision.trace)
        if decision.action is ir.Action.NONE:
            assert decision.remedies == ()
        if decision.remedies and not exhausted:
            assert case.issue is ir.Issue.CASE_DELAY


def test_the_strategies_draw_the_requests_beyond_uscis() -> None:
    from hypothesis import find

    import infopass_rules.strategies as irs

    for channel in (ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS):
        assert find(irs.inquiries(), lambda i, c=channel: i.channel is c).channel is channel
