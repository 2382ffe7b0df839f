"""What the Miami District's ladder finds and records beside its action: the Field Office
Director reached before the third step (traced, and the route goes on), an inquiry before the
ladder (traced, not relied on), the wait of a step not yet allowed (none on the day it is), and
a climb of the ladder before any inquiry is read."""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.rules.districts.ladder import _Climb, climb_ladder, counts_as_step
from infopass_rules.rules.districts.miami.ladder import MIAMI
from infopass_rules.rules.eligibility import Eligibility
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import TraceEntry, Wait
from tests.helpers import OUTSIDE, D, infopass, miami, three_steps, trace

FOD = ir.Level.FIELD_OFFICE_DIRECTOR


class TestFodReachedBeforeTheThirdStep:
    """MIA-FOD-LADDER: the Field Office Director reached before the third step (a pressing
    issue) does not end the route; the trace says when, and that the FOD may be asked for
    again after the third step."""

    FIRST = D(2015, 1, 10)

    def test_the_trace_names_the_day_reached_and_the_third_step(self) -> None:
        _, second, third = three_steps(self.FIRST)
        history = (infopass(self.FIRST, level=FOD), second, third)
        decision = ir.next_action(miami(), history, as_of=D(2015, 6, 1))
        assert (decision.action, decision.level, decision.earliest) == (
            ir.Action.ESCALATE,
            FOD,
            third.on,
        )
        said = (
            None,
            "the Field Office Director was reached on 2015-01-10, before the third step of "
            "2015-04-12: after it the FOD may be asked for again",
        )
        found = trace(decision)
        at = found.index(said)
        # Said after the third step's finding, before the FOD is offered again.
        assert found[at - 1][1].startswith("three steps made, the third on 2015-04-12")
        assert found[at + 1][0] == "MIA-FOD-LADDER"

    def test_the_first_day_reached_is_named(self) -> None:
        _, second, third = three_steps(self.FIRST)
        history = (
            infopass(self.FIRST, level=FOD),
            infopass(second.on, level=FOD),
            third,
        )
        decision = ir.next_action(miami(), history, as_of=D(2015, 6, 1))
        assert (
            None,
            "the Field Office Director was reached on 2015-01-10, before the third step of "
            "2015-04-12: after it the FOD may be asked for again",
        ) in trace(decision)

    def test_nothing_is_said_when_the_fod_was_never_reached(self) -> None:
        decision = ir.next_action(miami(), three_steps(self.FIRST), as_of=D(2015, 6, 1))
        assert not any("was reached on" in finding for _, finding in trace(decision))


def test_an_inquiry_before_the_ladder_is_traced_and_not_relied_on() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    assert counts_as_step(MIAMI, ir.Inquiry(D(2012, 5, 1), ir.Channel.INFOPASS), why) is False
    assert why.trace == [
        TraceEntry(
            "MIA-ELIGIBLE", "the INFOPASS inquiry of 2012-05-01 predates the ladder: not a step"
        )
    ]
    assert why.cited == {}


@pytest.mark.parametrize(
    ("as_of", "waits"),
    [
        (OUTSIDE - dt.timedelta(days=1), True),  # the day before step 1 is allowed
        (OUTSIDE, False),  # the day it is
        (OUTSIDE + dt.timedelta(days=1), False),  # the day after
    ],
    ids=["the day before", "the day of", "the day after"],
)
def test_a_step_carries_its_wait_only_while_it_is_not_yet_allowed(
    as_of: dt.date, waits: bool
) -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    eligibility = Eligibility(OUTSIDE, "date given on the case")
    case = miami(received_on=D(2014, 1, 6))
    proposal = climb_ladder(MIAMI, case, (), None, eligibility, as_of, why)
    assert (proposal.action, proposal.step, proposal.earliest) == (ir.Action.INQUIRE, 1, OUTSIDE)
    expected = Wait(
        "MIA-ELIGIBLE",
        D(2014, 1, 6),
        None,
        OUTSIDE,
        "step 1 waits until the case is outside normal processing times (date given on the case)",
    )
    assert proposal.wait == (expected if waits else None)


def test_a_climb_starts_with_nothing_found_and_its_clock_on_the_day_the_case_is_outside() -> None:
    climb = _Climb(OUTSIDE, [])
    assert (climb.steps, climb.tried, climb.fod_reached) == ([], [], [])
    assert climb.clock == OUTSIDE
    assert climb.waiting is None
