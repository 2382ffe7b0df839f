"""Invariants under scale: a docket of 100,000 cases decided in one run, then again one by one
in a shuffled order, with the same answers.

The docket is generated with ``random.Random(seed)`` (not Hypothesis: speed, and the same docket
every run): cases at Miami District offices, pilot offices and others, every issue, dates from
2012 to 2024, histories of inquiries and appointments in any order, some resolved. Runs in about
half a minute on one core; no timing is asserted.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import infopass_rules as ir
from infopass_rules.engine import next_action as engine

SEED = 20140211
DOCKET_SIZE = 100_000
OFFICES = ("MIA", "HIA", "KND", "OKL", "HAR", "ELP", "JAC", "SAC", "SFR", "NYC", "LOS", "CHI")
CHANNELS = tuple(ir.Channel)
OUTCOMES = (ir.Outcome.UNRESOLVED,) * 6 + tuple(ir.Outcome)
LEVELS = (None, None, *ir.Level)
FIRST = dt.date(2012, 1, 1)


def day(rng: random.Random, after: dt.date, within: int) -> dt.date:
    return after + dt.timedelta(days=rng.randrange(within))


def generate(rng: random.Random, n: int) -> list[tuple[ir.Case, list[Any], dt.date]]:
    numbers = rng.sample(range(10**10), n)  # distinct receipt numbers
    docket = []
    for number in numbers:
        receipt = f"{rng.choice(('MSC', 'EAC', 'IOE', 'NBC'))}{number:010d}"
        received = day(rng, FIRST, 3650)
        outside = day(rng, received, 900)
        as_of = day(rng, received, 1500)
        case = ir.Case(
            receipt,
            rng.choice(OFFICES),
            issue=rng.choice(tuple(ir.Issue)) if rng.random() < 0.3 else ir.Issue.CASE_DELAY,
            form=rng.choice((None, "I-485", "N-400", "I-130")),
            received_on=received,
            outside_processing_times_on=outside,
            deadlines=[ir.Deadline(day(rng, received, 2000), "travel")] * (rng.random() < 0.2),
            circumstances=rng.sample(list(ir.Circumstance), rng.randrange(2)),
            pressing=rng.random() < 0.1,
            resolved_on=day(rng, received, 2000) if rng.random() < 0.05 else None,
        )
        history: list[Any] = []
        for _ in range(rng.randrange(6)):
            on = day(rng, received, 1600)
            if rng.random() < 0.2:
                others = [f"MSC{rng.randrange(10**10):010d}" for _ in range(rng.randrange(3))]
                listed = sorted({receipt, *others})
                history.append(ir.Appointment(on, rng.choice(OFFICES[:4]), listed, attorney="A"))
            else:
                history.append(
                    ir.Inquiry(
                        on,
                        rng.choice(CHANNELS),
                        outcome=rng.choice(OUTCOMES),
                        level=rng.choice(LEVELS),
                        receipt_number=rng.choice((None, receipt)),
                    )
                )
        docket.append((case, history, as_of))
    return docket


def check(decision: ir.Decision, as_of: dt.date) -> None:
    assert decision.allowed == (decision.earliest is not None and decision.earliest <= as_of)
    assert all(c.rule_id in ir.RULES and c.source_id in ir.SOURCES for c in decision.citations)


def test_a_docket_of_100_000_cases_decides_the_same_in_any_order() -> None:
    rng = random.Random(SEED)
    docket = generate(rng, DOCKET_SIZE)
    engine.clear_cache()

    in_one_run = {}
    for case, history, as_of in docket:
        decision = ir.next_action(case, history, as_of=as_of)
        check(decision, as_of)
        in_one_run[case.receipt_number] = decision
    assert len(in_one_run) == DOCKET_SIZE

    # Again, one by one, in a shuffled order, each history shuffled too, with no memo to lean on.
    engine.clear_cache()
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
    }
    assert set(regimes) == {"RG-SELF", "RG-PILOT", "RG-CC"}
    assert {d.step for d in in_one_run.values()} >= {1, 2, 3}
