"""A case that needs nothing on ``as_of`` (resolved, or not yet received) is decided NONE with
nothing to carry out: no channel, no day, nothing to bring, no wait, no citation; and the
deprecated ``clear_cache`` says so, pointing at its caller."""

from __future__ import annotations

import warnings

import pytest

import infopass_rules as ir
from infopass_rules.engine import next_action
from infopass_rules.engine.next_action import clear_cache
from tests.helpers import D, miami

AS_OF = D(2015, 6, 1)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(miami(resolved_on=D(2015, 3, 1)), id="resolved"),
        pytest.param(miami(resolved_on=AS_OF), id="resolved-that-day"),
        pytest.param(
            miami(received_on=D(2015, 6, 2), outside_processing_times_on=D(2016, 1, 4)),
            id="received-the-day-after",
        ),
    ],
)
def test_a_case_that_needs_nothing_has_nothing_to_carry_out(case: ir.Case) -> None:
    decision = ir.next_action(case, (), as_of=AS_OF)
    assert decision.action is ir.Action.NONE
    assert decision.checklist == ()
    assert type(decision.checklist) is tuple
    assert decision.channels == frozenset()
    assert (decision.earliest, decision.allowed, decision.step, decision.level) == (
        None,
        False,
        None,
        None,
    )
    assert decision.waits == ()
    assert decision.citations == ()
    assert decision.notes == ()


def test_clear_cache_warns_of_its_removal_at_its_caller() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert clear_cache() is None
    assert len(caught) == 1
    warning = caught[0]
    assert warning.category is DeprecationWarning
    assert str(warning.message) == (
        "infopass_rules.engine.next_action.clear_cache() does nothing (decisions are not "
        "memoised) and will be "
        "removed; stop calling it."
    )
    # Attributed to the caller's line, not to the library's own.
    assert warning.filename != next_action.__file__


def test_clear_cache_asks_for_its_caller_s_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    """One level up from clear_cache itself: the line that called it."""
    asked: list[tuple[object, object, int]] = []

    def warn(message: object, category: object = None, stacklevel: int = 1) -> None:
        asked.append((message, category, stacklevel))

    monkeypatch.setattr(warnings, "warn", warn)
    clear_cache()
    assert asked == [
        (
            "infopass_rules.engine.next_action.clear_cache() does nothing (decisions are not "
            "memoised) and will be "
            "removed; stop calling it.",
            DeprecationWarning,
            2,
        )
    ]
