"""Invariants under scale: a docket of 100,000 cases decided in one run, then again one by one
in a shuffled order, with the same answers.

The docket is the benchmark's, generated with ``random.Random(SEED)`` (not Hypothesis: speed,
and the same docket every run; see :mod:`tests.mixed_docket`): cases at Miami District offices,
pilot offices and others, every issue, dates from 2013 to 2026, histories of inquiries and
appointments in any order, some resolved, a few asked about before they were received. Runs in
about half a minute on one core; no timing is asserted.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import infopass_rules as ir
from tests.mixed_docket import CHANNELS, SEED, generate

DOCKET_SIZE = 100_000


def check(decision: ir.Decision, as_of: dt.date) -> None:
    assert decision.allowed == (decision.earliest is not None and decision.earliest <= as_of)
    assert all(c.rule_id in ir.RULES and c.source_id in ir.SOURCES for c in decision.citations)


def test_a_docket_of_100_000_cases_decides_the_same_in_any_order() -> None:
    rng = random.Random(SEED)
    docket = [
        (case, list(history), as_of)
        for case, history, as_of in generate(rng, DOCKET_SIZE, CHANNELS)
    ]

    in_one_run = {}
    for case, history, as_of in docket:
        decision = ir.next_action(case, history, as_of=as_of)
        check(decision, as_of)
        in_one_run[case.receipt_number] = decision
    assert len(in_one_run) == DOCKET_SIZE

    # Again, one by one, in a shuffled order, each history shuffled too, with no memo to lean on.
    rng.shuffle(docket)
    one_by_one = {}
    for case, history, as_of in docket:
        rng.shuffle(history)
        one_by_one[case.receipt_number] = ir.next_action(case, tuple(history), as_of=as_of)
    assert one_by_one == in_one_run

    # The docket is varied enough to mean something: every action and every regime is met.
    actions = Counter(d.action for d in in_one_run.values())
    regimes = Counter(d.regime for d in in_one_run.values())
    assert set(actions) >= {
        ir.Action.INQUIRE,
        ir.Action.ESCALATE,
        ir.Action.NONE,
        ir.Action.REQUEST_APPOINTMENT,
        ir.Action.ATTEND_APPOINTMENT,
        ir.Action.USE_OTHER_SERVICE,
        ir.Action.EXHAUSTED,
    }
    assert set(regimes) == {"RG-SELF", "RG-PILOT", "RG-CC"}
    assert {d.step for d in in_one_run.values()} >= {1, 2, 3}
