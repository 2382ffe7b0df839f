"""MIA-ELIGIBLE with a firm's own processing-times table: what its methods return is checked.

The engine takes, besides a ProcessingTimes, any object with a callable ``outside_since`` (a
firm's own table). What that method returns, and what ``is_outside`` returns when the table has
one, is checked where the rule reads it: anything but what ProcessingTimes returns is an
InvalidValue naming ``processing_times``, never an AttributeError from inside the rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.rules.eligibility import eligibility
from infopass_rules.rules.policy import DEFAULT_POLICY
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import OutsideFinding, ProcessingTimes

D = dt.date
FETCHED = D(2020, 1, 10)
ENTRY = PublishedTime(
    form="I-485",
    office="MIA",
    category="Family",
    fetched_on=FETCHED,
    published_on=D(2020, 1, 8),
    case_inquiry_date=D(2019, 6, 1),
    upper=Duration(10, "months"),
    lower=None,
    suppressed=False,
    origin="test MIA 2020-01-10",
)
TABLE = ProcessingTimes([ENTRY])
CASE = ir.Case("MSC1990012345", "MIA", form="I-485", category="Family", received_on=D(2019, 5, 1))
AS_OF = D(2020, 3, 2)
FINDING = TABLE.outside_since(
    "I-485", "MIA", category="Family", received_on=D(2019, 5, 1), as_of=AS_OF
)


class _OutsideSinceOnly:
    """A firm's own table: outside_since returns what it is given, and nothing else."""

    def __init__(self, returns: object) -> None:
        self.returns = returns

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.returns


class _AlsoIsOutside(_OutsideSinceOnly):
    """A firm's own table with an is_outside that returns what it is given."""

    def __init__(self, returns: object, judged: object) -> None:
        super().__init__(returns)
        self.judged = judged

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.judged


def _decide(table: object, history: tuple[Any, ...] = ()) -> ir.Decision:
    return ir.next_action(CASE, history, as_of=AS_OF, processing_times=table)  # type: ignore[arg-type]


def test_the_finding_of_a_real_table_is_what_the_firms_tables_return() -> None:
    assert isinstance(FINDING, OutsideFinding)
    assert FINDING.on == FETCHED
    assert FINDING.entry is ENTRY


@pytest.mark.parametrize(
    "returned",
    [
        pytest.param(None, id="none"),
        pytest.param(FETCHED, id="a-date"),
        pytest.param({"on": FETCHED, "entry": ENTRY}, id="a-dict"),
        pytest.param(attrs.evolve(FINDING, on="2020-01-10"), id="on-a-string"),
        pytest.param(attrs.evolve(FINDING, on=dt.datetime(2020, 1, 10)), id="on-a-datetime"),
        pytest.param(attrs.evolve(FINDING, entry=object()), id="entry-not-published"),
        pytest.param(attrs.evolve(FINDING, estimated=None), id="estimated-none"),
        pytest.param(attrs.evolve(FINDING, explanation=None), id="explanation-none"),
    ],
)
def test_outside_since_must_return_an_outside_finding(returned: object) -> None:
    with pytest.raises(ir.InvalidValue) as caught:
        _decide(_OutsideSinceOnly(returned))
    error = caught.value
    assert error.field == "processing_times"
    assert error.problem == "outside_since must return an OutsideFinding"
    assert error.value is returned
    assert error.expected is not None
    assert "OutsideFinding" in error.expected
    assert str(error).startswith("processing_times: outside_since must return an OutsideFinding")


def test_the_rule_itself_refuses_what_is_no_finding() -> None:
    why = Reasoning(DEFAULT_POLICY)
    with pytest.raises(ir.InvalidValue, match="outside_since must return"):
        eligibility(CASE, AS_OF, _OutsideSinceOnly(None), why)  # type: ignore[arg-type]


def test_a_finding_like_the_tables_is_decided_like_the_table() -> None:
    firm = _decide(_AlsoIsOutside(FINDING, True))
    assert firm.action is ir.Action.INQUIRE
    assert (firm.earliest, firm.step) == (_decide(TABLE).earliest, _decide(TABLE).step)


@pytest.mark.parametrize("judged", ["yes", 1, FETCHED])
def test_is_outside_must_return_true_false_or_none(judged: object) -> None:
    inquiry = ir.Inquiry(D(2020, 1, 20), ir.Channel.INFOPASS)
    with pytest.raises(ir.InvalidValue) as caught:
        _decide(_AlsoIsOutside(FINDING, judged), (inquiry,))
    error = caught.value
    assert (error.field, error.problem, error.value) == (
        "processing_times",
        "is_outside must return True, False or None",
        judged,
    )


def test_without_is_outside_an_inquiry_is_judged_by_the_findings_date() -> None:
    # Outside from 2020-01-10: an inquiry on 2020-01-05 is premature, one on 2020-01-20 counts,
    # as they are with the real table (whose is_outside says the same of those days).
    for day, counted in ((D(2020, 1, 5), False), (D(2020, 1, 20), True)):
        inquiry = ir.Inquiry(day, ir.Channel.INFOPASS)
        firm = _decide(_OutsideSinceOnly(FINDING), (inquiry,))
        real = _decide(TABLE, (inquiry,))
        assert (firm.action, firm.step, firm.earliest) == (real.action, real.step, real.earliest)
        assert (firm.step == 2) is counted
