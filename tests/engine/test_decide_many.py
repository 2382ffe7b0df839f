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
from tests.engine.test_next_action import TABLE
from tests.engine.test_next_action_properties import SETTINGS, scenarios
from tests.helpers import D, infopass, miami, three_steps


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


def _error(error: BaseException) -> tuple[object, ...]:
    assert isinstance(error, ir.InfopassRulesError)
    return (type(error), error.problem, error.field, error.value, error.expected)


def _next_action_error_at(i: int, case: object, history: object) -> tuple[object, ...]:
    with pytest.raises(ir.InfopassRulesError) as info:
        ir.next_action(case, history, as_of=D(2015, 6, 1))  # type: ignore[arg-type]
    return _error(info.value.at(f"pairs[{i}]"))


class TestBadPairs:
    """A bad pair raises what next_action raises for it, every attribute the same but the field,
    prefixed by the pair's index; a pair that is no (case, history) is named by its index."""

    GOOD = (miami(), three_steps(D(2015, 1, 10)))

    @pytest.mark.parametrize(
        ("case", "history"),
        [
            ("not a case", ()),
            (miami(), [1]),
            (miami(), "inquiries"),
            (miami(outside_processing_times_on=None), ()),
            (miami(received_on=D(2015, 1, 1)), [infopass(D(2014, 12, 31))]),
        ],
    )
    def test_the_error_of_next_action_at_the_pair_s_index(
        self, case: object, history: object
    ) -> None:
        with pytest.raises(ir.InfopassRulesError) as info:
            ir.decide_many([self.GOOD, self.GOOD, (case, history)], as_of=D(2015, 6, 1))  # type: ignore[list-item]
        assert _error(info.value) == _next_action_error_at(2, case, history)

    def test_a_case_that_is_no_case(self) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.decide_many([("MSC1490012345", ())], as_of=D(2015, 6, 1))  # type: ignore[list-item]
        assert _error(info.value) == (
            ir.InvalidValue,
            "must be a Case",
            "pairs[0].case",
            "MSC1490012345",
            "an infopass_rules.Case",
        )

    @pytest.mark.parametrize(
        "pair",
        [
            (miami(),),
            (miami(), (), ()),
            [miami()],
            "ab",
            None,
        ],
    )
    def test_no_pair(self, pair: object) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.decide_many([self.GOOD, pair], as_of=D(2015, 6, 1))  # type: ignore[list-item]
        assert _error(info.value) == (
            ir.InvalidValue,
            "is not a (case, history) pair",
            "pairs[1]",
            pair,
            "a (Case, history) tuple",
        )

    def test_a_pair_may_be_a_list(self) -> None:
        case, history = self.GOOD
        assert ir.decide_many([[case, history]], as_of=D(2015, 6, 1)) == (  # type: ignore[list-item]
            ir.next_action(case, history, as_of=D(2015, 6, 1)),
        )

    @pytest.mark.parametrize("pairs", ["pairs", b"pairs", {GOOD[0]: GOOD[1]}, 5, None])
    def test_pairs_that_are_no_collection(self, pairs: object) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.decide_many(pairs, as_of=D(2015, 6, 1))  # type: ignore[arg-type]
        assert _error(info.value) == (
            ir.InvalidValue,
            "must be a collection of (case, history) pairs",
            "pairs",
            pairs,
            "a list or tuple of (Case, history) tuples",
        )

    def test_processing_times_are_checked_as_next_action_checks_them(self) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.decide_many([self.GOOD], as_of=D(2015, 6, 1), processing_times={})  # type: ignore[arg-type]
        with pytest.raises(ir.InvalidValue) as one:
            ir.next_action(*self.GOOD, as_of=D(2015, 6, 1), processing_times={})  # type: ignore[arg-type]
        assert _error(info.value) == _error(one.value)
        assert info.value.field == "processing_times"
        with pytest.raises(ir.InvalidValue) as empty:
            ir.decide_many([], as_of=D(2015, 6, 1), processing_times={})  # type: ignore[arg-type]
        assert empty.value.field == "processing_times"


class TestSharedArguments:
    """The date, policy and processing times of the batch are checked as next_action checks them
    and used for every pair."""

    def test_a_bad_policy_or_date_is_the_error_of_next_action(self) -> None:
        for kwargs in ({"policy": "strict"}, {"policy": None}, {"as_of": "2015-06-01"}):
            arguments: dict[str, object] = {"as_of": D(2015, 6, 1), **kwargs}
            with pytest.raises(ir.InvalidValue) as batch:
                ir.decide_many([], **arguments)  # type: ignore[arg-type]
            with pytest.raises(ir.InvalidValue) as one:
                ir.next_action(miami(), **arguments)  # type: ignore[arg-type]
            assert _error(batch.value) == _error(one.value)
            assert batch.value.value == next(iter(kwargs.values()))

    def test_the_policy_and_processing_times_are_those_of_every_pair(self) -> None:
        lenient = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
        pair = (miami(), (infopass(D(2015, 1, 10)),))
        strict_decision = ir.decide_many([pair], as_of=D(2015, 1, 11))[0]
        both = ir.decide_many([pair, pair], as_of=D(2015, 1, 11), policy=lenient)
        lenient_decision = both[1]
        assert lenient_decision == ir.next_action(*pair, as_of=D(2015, 1, 11), policy=lenient)
        assert lenient_decision.earliest == strict_decision.earliest - dt.timedelta(days=1)
        i485 = ir.Case(
            "MSC2090012345", "MIA", form="I-485", category="Family", received_on=D(2019, 5, 1)
        )
        (decision,) = ir.decide_many([(i485, ())], as_of=D(2020, 3, 1), processing_times=TABLE)
        assert decision == ir.next_action(i485, as_of=D(2020, 3, 1), processing_times=TABLE)
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 1)
