"""What a decision records of its reasoning: typed records (a finding, a note, a warning), each
put into words when read; a record whose template and values disagree is refused where it is
made."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import (
    Finding,
    Note,
    Recorded,
    Warned,
    checked_template,
    note_texts,
    render,
    rendered_when_read,
    trace_entries,
    warning_records,
)
from tests.helpers import D


def test_each_kind_of_reasoning_is_a_record_of_its_own_type() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("MIA-SECOND", "step {} of {}", 2, D(2015, 1, 10))
    why.fact("resolved on {}", D(2015, 2, 1))
    why.note("a {} note", 1)
    why.warn(ir.WarningKind.ESTIMATE, "estimated {}", D(2020, 1, 2), rule_id="MIA-ELIGIBLE")
    why.found(Finding(None, "a fact of {}", (D(2015, 3, 1),)))
    why.found(Finding("RG-CC", "made as a value"))
    assert why.records == [
        Finding("MIA-SECOND", "step {} of {}", (2, D(2015, 1, 10))),
        Finding(None, "resolved on {}", (D(2015, 2, 1),)),
        Note("a {} note", (1,)),
        Warned(ir.WarningKind.ESTIMATE, "MIA-ELIGIBLE", None, "estimated {}", (D(2020, 1, 2),)),
        Finding(None, "a fact of {}", (D(2015, 3, 1),)),
        Finding("RG-CC", "made as a value"),
    ]
    assert list(why.cited) == ["MIA-SECOND", "RG-CC"]  # the rules found by, not the facts


@pytest.mark.parametrize(
    ("template", "values"),
    [("step {} of {}", (2,)), ("step {}", (2, 3)), ("no field", (1,))],
)
def test_a_record_whose_values_do_not_fit_its_template_fails_where_it_is_made(
    template: str, values: tuple[Any, ...]
) -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    for record in (
        lambda: why.find("MIA-SECOND", template, *values),
        lambda: why.fact(template, *values),
        lambda: why.note(template, *values),
        lambda: why.warn(ir.WarningKind.ESTIMATE, template, *values),
        lambda: why.found(Finding("RG-CC", template, values)),
    ):
        with pytest.raises(ValueError, match="fields for"):
            record()
    assert why.records == []  # nothing half-recorded


def test_a_template_without_values_is_the_text_itself_braces_and_all() -> None:
    assert checked_template("a {} b", ()) == "a {} b"
    assert render("a {} b", ()) == "a {} b"
    assert render("a {} b {}", (1, D(2020, 1, 2))) == "a 1 b 2020-01-02"


def test_records_are_read_in_order_each_note_and_warning_text_once() -> None:
    records = (
        Finding("CC-CALL", "call {}", ("1-800",)),
        Note("n {}", (1,)),
        Warned(ir.WarningKind.DUPLICATE, None, D(2020, 1, 1), "twice {}", ("x",)),
        Finding(None, "a fact"),
        Note("n {}", (1,)),
        Warned(ir.WarningKind.DUPLICATE, "R", None, "twice x"),
    )
    assert trace_entries(records) == (
        ir.TraceEntry("CC-CALL", "call 1-800"),
        ir.TraceEntry(None, "a fact"),
    )
    assert note_texts(records) == ("n 1",)
    assert warning_records(records) == (
        ir.Warning(ir.WarningKind.DUPLICATE, "twice x", None, D(2020, 1, 1)),
    )


@given(st.lists(st.text(max_size=8), max_size=4))
def test_a_finding_reads_its_values_into_its_template(words: list[str]) -> None:
    template = " / ".join("{}" for _ in words)
    finding = Finding("RG-CC", template, tuple(words))
    assert finding.text == (" / ".join(words) if words else template)


def test_a_slot_rendered_when_read_renders_once_and_keeps_the_words() -> None:
    made: list[tuple[Any, ...]] = []

    def make(records: tuple[Any, ...]) -> tuple[str, ...]:
        made.append(records)
        return tuple(render(r.template, r.values) for r in records)

    @rendered_when_read(items=make)
    @attrs.frozen
    class Box:
        items: tuple[str, ...] = ()
        size: int = 0

    assert Box.items is Box.__dict__["items"]  # on the class: the descriptor itself
    recorded = Recorded((Note("a {}", (1,)),))
    box = Box(items=recorded.when_read(), size=3)
    assert made == []  # nothing put into words until read
    assert box.items == ("a 1",)
    assert box.items == ("a 1",)
    assert made == [recorded.records]  # once, and the result kept
    assert box == Box(items=("a 1",), size=3)
    assert Box(items=("already", "words")).items == ("already", "words")
    assert Box().items == ()
