"""PT-INQUIRY's wait, as the routing room proposes it (``engine.routing.route``): outside every
district a delay inquiry waits for the day the case is outside normal processing times, and the
proposal carries that wait only while the inquiry waits (the day before that day), as the
ladder's steps do; from that day on the inquiry is allowed and nothing is waited for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import infopass_rules as ir
from infopass_rules.engine.history import read_history
from infopass_rules.engine.routing import route
from infopass_rules.rules.reasoning import Proposal, Reasoning
from infopass_rules.rules.regimes import regime_at
from infopass_rules.rules.trace import Wait
from tests.helpers import BOSTON_RECEIPT, D

DAY = timedelta(days=1)
AS_OF = D(2024, 2, 1)
RECEIVED = D(2023, 1, 1)


def proposed(outside: date, received: date | None = RECEIVED) -> Proposal:
    case = ir.Case(BOSTON_RECEIPT, "BOS", outside_processing_times_on=outside, received_on=received)
    why = Reasoning(ir.DEFAULT_POLICY)
    regime, _ = regime_at(case.office, AS_OF, why.book)
    proposal, _ = route(case, read_history(case, (), AS_OF), regime, AS_OF, None, why)
    assert (proposal.action, proposal.earliest) == (ir.Action.INQUIRE, outside)
    return proposal


def test_the_day_before_the_case_is_outside_the_inquiry_waits_for_it() -> None:
    assert proposed(AS_OF + DAY).wait == Wait(
        "PT-INQUIRY",
        RECEIVED,  # from the case's receipt
        None,
        AS_OF + DAY,
        "an inquiry waits until the case is outside normal processing times "
        "(date given on the case)",
    )


@pytest.mark.parametrize("outside", [AS_OF, AS_OF - DAY], ids=["on the day", "after it"])
def test_once_the_case_is_outside_nothing_is_waited_for(outside: date) -> None:
    assert proposed(outside).wait is None


def test_a_case_with_no_receipt_day_waits_from_the_day_it_is_outside() -> None:
    wait = proposed(AS_OF + DAY, received=None).wait
    assert wait is not None
    assert (wait.since, wait.until) == (AS_OF + DAY, AS_OF + DAY)


def test_the_decision_waits_only_the_day_before() -> None:
    def waits(outside: date) -> tuple[ir.Wait, ...]:
        case = ir.Case(BOSTON_RECEIPT, "BOS", outside_processing_times_on=outside)
        return ir.next_action(case, as_of=AS_OF).waits

    assert [w.rule_id for w in waits(AS_OF + DAY)] == ["PT-INQUIRY"]
    assert waits(AS_OF) == ()
