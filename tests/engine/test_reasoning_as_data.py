"""Reasoning as data: a decision's trace, notes and warnings are recorded as templates and
values, and rendered when read, with the same texts and value-based equality."""

from __future__ import annotations

import datetime as dt

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from tests.helpers import miami, three_steps

D = dt.date


def _decide() -> ir.Decision:
    history = (*three_steps(D(2015, 1, 10)), ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS))
    return ir.next_action(miami(), history, as_of=D(2015, 6, 1))


def test_a_rendered_and_an_unrendered_decision_are_equal_and_hash_alike() -> None:
    read, unread = _decide(), _decide()
    assert read.trace  # rendered now
    assert read.warnings
    assert read.notes is not None
    assert read == unread
    assert hash(_decide()) == hash(read)
    assert repr(_decide()) == repr(read)


def test_the_texts_are_rendered_once_and_kept() -> None:
    decision = _decide()
    assert decision.trace is decision.trace
    assert decision.warnings is decision.warnings
    assert decision.notes is decision.notes


def test_a_template_without_values_is_the_text_itself() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("CC-CALL", "braces {kept} as {}")
    why.find("CC-CALL", "{} on {}", "MIA", D(2020, 1, 2))
    why.note("a {} note", 1)
    why.note("a {} note", 1)
    why.warn(ir.WarningKind.ESTIMATE, "{}: twice", "X", rule_id="R", on=D(2020, 1, 1))
    why.warn(ir.WarningKind.STALE_DATA, "X: twice")
    assert [e.finding for e in why.trace] == ["braces {kept} as {}", "MIA on 2020-01-02"]
    assert why.notes == ["a 1 note"]
    assert why.warnings == [ir.Warning(ir.WarningKind.ESTIMATE, "X: twice", "R", D(2020, 1, 1))]


def test_the_deferred_fields_are_descriptors_on_the_class() -> None:
    import infopass_rules as ir

    # Read on the class (as documentation tools and attrs do), a deferred field is its
    # descriptor, not a rendering.
    for name in ("trace", "notes", "warnings"):
        assert hasattr(type(getattr(ir.Decision, name)), "__get__")
