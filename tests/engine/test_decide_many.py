"""``decide_many``: a batch of (case, history) pairs decided on one day, the same decisions as
``next_action`` one by one, in the order given; a bad pair raises what ``next_action`` would,
its field prefixed by the pair's index."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as irst
from tests.engine.test_next_action_properties import SETTINGS, scenarios
from tests.helpers import D, miami, three_steps


@SETTINGS
@given(
    st.lists(scenarios(), max_size=8),
    st.dates(irst.MIN_DATE, irst.MAX_DATE),
    st.randoms(use_true_random=False),
)
def test_the_same_decisions_as_one_by_one_in_any_order(
    scenarios_: list[tuple[ir.Case, tuple[object, ...], dt.date]],
    as_of: dt.date,
    rnd: object,
) -> None:
    pairs = [(case, history) for case, history, _ in scenarios_]
    rnd.shuffle(pairs)  # type: ignore[attr-defined]
    expected: list[ir.Decision] = []
    for i, (case, history) in enumerate(pairs):
        try:
            expected.append(ir.next_action(case, history, as_of=as_of))  # type: ignore[arg-type]
        except ir.InfopassRulesError as error:
            _raises_at(error, i, pairs, as_of)
            return
    assert ir.decide_many(pairs, as_of=as_of) == tuple(expected)  # type: ignore[arg-type]
    assert ir.decide_many(iter(pairs), as_of=as_of) == tuple(expected)  # type: ignore[arg-type]


def _raises_at(
    error: ir.InfopassRulesError, i: int, pairs: list[tuple[object, object]], as_of: dt.date
) -> None:
    """decide_many raises what next_action raised for pair ``i``, its field prefixed."""
    with pytest.raises(type(error)) as raised:
        ir.decide_many(pairs, as_of=as_of)  # type: ignore[arg-type]
    expected = error.at(f"pairs[{i}]")
    assert (raised.value.field, raised.value.problem) == (expected.field, expected.problem)


def test_a_bad_pair_is_named_by_its_index() -> None:
    good = (miami(), three_steps(D(2015, 1, 10)))
    with pytest.raises(ir.InvalidValue) as info:
        ir.decide_many([good, ("not a case", ())], as_of=D(2015, 6, 1))  # type: ignore[list-item]
    assert info.value.field == "pairs[1].case"
    with pytest.raises(ir.InvalidHistory) as history_info:
        ir.decide_many([good, (miami(), [1])], as_of=D(2015, 6, 1))  # type: ignore[list-item]
    assert history_info.value.field == "pairs[1].history[0]"
    with pytest.raises(ir.InvalidValue) as pair_info:
        ir.decide_many([good, miami()], as_of=D(2015, 6, 1))  # type: ignore[list-item]
    assert pair_info.value.field == "pairs[1]"


def test_the_shared_arguments_are_checked_once_as_next_action_checks_them() -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.decide_many([], as_of="2015-06-01")  # type: ignore[arg-type]
    assert info.value.field == "as_of"
    with pytest.raises(ir.InvalidValue) as policy_info:
        ir.decide_many([], as_of=D(2015, 6, 1), policy=None)  # type: ignore[arg-type]
    assert policy_info.value.field == "policy"
    with pytest.raises(ir.InvalidValue):
        ir.decide_many("pairs", as_of=D(2015, 6, 1))  # type: ignore[arg-type]
    assert ir.decide_many([], as_of=D(2015, 6, 1)) == ()
