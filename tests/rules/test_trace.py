"""What a decision keeps of its reasoning and waits until they are read: plain values, a text
worked out when read (a deferred text), and the waits made Wait values again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import (
    DEFERRED,
    deferred_slots,
    deferred_text,
    is_recorded,
    recorded,
    recorded_waits,
    render,
    render_values,
    wait_records,
)
from tests.helpers import D

WAITS = st.builds(
    ir.Wait,
    rule_id=st.sampled_from(["MIA-SECOND", "CC-TIER2", "RG-CC"]),
    since=st.dates(),
    days=st.none() | st.integers(0, 3650),
    until=st.dates(),
    reason=st.text(max_size=30),
)


@given(st.lists(WAITS, max_size=3).map(tuple))
def test_waits_kept_as_plain_values_read_back_as_they_were(waits: tuple[ir.Wait, ...]) -> None:
    kept = recorded_waits(waits)
    assert all(type(value) in (int, str, dt.date, type(None)) for value in kept)
    if not waits:
        assert kept == ()
        return
    assert is_recorded(kept)
    assert wait_records(kept) == waits


def shout(word: str, times: int) -> str:
    """A renderer for the tests: ``word`` in capitals, ``times`` times."""
    return " ".join([word.upper()] * times)


def test_a_deferred_text_is_worked_out_when_read_and_counts_as_one_value() -> None:
    deferred = deferred_text(f"{__name__}:shout", "wait", 2)
    assert deferred == (DEFERRED, f"{__name__}:shout", 2, "wait", 2)
    assert render_values(("a", *deferred, D(2020, 1, 2))) == ["a", "WAIT WAIT", D(2020, 1, 2)]
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("CC-TRIAGE", "{} then {}", *deferred, 7)
    why.note("{}!", *deferred)
    assert [e.finding for e in why.trace] == ["WAIT WAIT then 7"]
    assert why.notes == ["WAIT WAIT!"]


def test_a_value_equal_to_the_marker_is_only_a_value() -> None:
    # The marker is recognised by identity: a text that happens to read the same (from a firm's
    # data, say) is left as it is.
    lookalike = "".join([DEFERRED[:1], DEFERRED[1:]])
    assert lookalike == DEFERRED
    assert lookalike is not DEFERRED
    assert render_values((lookalike, "x", 1)) == [lookalike, "x", 1]


def test_reasoning_as_recorded_is_told_from_reasoning_read() -> None:
    assert recorded([]) == ()
    assert not is_recorded(())
    why = Reasoning(ir.DEFAULT_POLICY)
    why.warn(ir.WarningKind.ESTIMATE, "estimated {}", D(2020, 1, 2), rule_id="MIA-ELIGIBLE")
    kept = recorded(why.log)
    assert is_recorded(kept)
    assert all(type(value) in (int, str, dt.date, type(None)) for value in kept)
    (warning,) = why.warnings
    assert (warning.kind, warning.text) == (ir.WarningKind.ESTIMATE, "estimated 2020-01-02")
    assert not is_recorded((warning,))
    assert not is_recorded(tuple(why.trace))


def test_a_template_without_values_is_the_text_itself_braces_and_all() -> None:
    assert render("a {} b", ()) == "a {} b"
    assert render("a {} b {}", (1, D(2020, 1, 2))) == "a 1 b 2020-01-02"


def test_a_deferred_slot_renders_what_was_recorded_when_first_read_and_keeps_it() -> None:
    made: list[tuple[Any, ...]] = []

    def make(values: tuple[Any, ...]) -> tuple[Any, ...]:
        made.append(values)
        return ("read", *values)

    @deferred_slots(items=make)
    @attrs.frozen
    class Box:
        items: tuple[Any, ...] = ()
        size: int = 0

    assert Box.items is Box.__dict__["items"]  # on the class: the slot itself
    box = Box(items=(0, "recorded"), size=3)
    assert made == []  # nothing put into words until read
    assert box.items == ("read", 0, "recorded")
    assert box.items == ("read", 0, "recorded")
    assert made == [(0, "recorded")]  # once, and the result kept
    assert box.size == 3
    assert Box(items=("already", "read")).items == ("already", "read")
    assert Box().items == ()
    assert made == [(0, "recorded")]
    assert box == Box(items=("read", 0, "recorded"), size=3)
