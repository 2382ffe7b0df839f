"""What a decision records of its reasoning: typed records (a finding, a note, a warning), each
put into words when read; a record whose template and values disagree is refused where it is
made; what a decision keeps until read leaves the garbage collector nothing to track."""

from __future__ import annotations

import gc
import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.remedies import kept_remedies, remedy_records
from infopass_rules.rules.trace import (
    FINDING,
    NOTE,
    WARNING,
    Finding,
    check_template,
    finding_text,
    is_kept,
    kept_waits,
    note_texts,
    render,
    rendered_when_read,
    trace_entries,
    wait_records,
    warning_records,
)
from tests.helpers import D
from tests.mixed_docket import CHANNELS, SEED, generate


def test_each_kind_of_reasoning_is_a_record_of_its_own_shape() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("MIA-SECOND", "step {} of {}", 2, D(2015, 1, 10))
    why.fact("resolved on {}", D(2015, 2, 1))
    why.note("a {} note", 1)
    why.warn(ir.WarningKind.ESTIMATE, "estimated {}", D(2020, 1, 2), rule_id="MIA-ELIGIBLE")
    why.found((FINDING, None, "a fact of {}", D(2015, 3, 1)))
    why.found((FINDING, "RG-CC", "made as a value"))
    assert why.records == [
        (FINDING, "MIA-SECOND", "step {} of {}", 2, D(2015, 1, 10)),
        (FINDING, None, "resolved on {}", D(2015, 2, 1)),
        (NOTE, "a {} note", 1),
        (WARNING, "ESTIMATE", "MIA-ELIGIBLE", None, "estimated {}", D(2020, 1, 2)),
        (FINDING, None, "a fact of {}", D(2015, 3, 1)),
        (FINDING, "RG-CC", "made as a value"),
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
        lambda: why.found((FINDING, "RG-CC", template, *values)),
    ):
        with pytest.raises(ValueError, match="fields for"):
            record()
    assert why.records == []  # nothing half-recorded
    with pytest.raises(ValueError, match="has 2 fields for 1 values"):
        check_template("step {} of {}", (2,))


def test_a_template_without_values_is_the_text_itself_braces_and_all() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    why.find("CC-CALL", "braces {kept} as {}")
    assert [e.finding for e in why.trace] == ["braces {kept} as {}"]
    assert render("a {} b", ()) == "a {} b"
    assert render("a {} b {}", (1, D(2020, 1, 2))) == "a 1 b 2020-01-02"


def test_records_are_read_in_order_each_field_its_own_kind_notes_and_warnings_once() -> None:
    records = (
        (FINDING, "CC-CALL", "call {}", "1-800"),
        (NOTE, "n {}", 1),
        (WARNING, "DUPLICATE", None, D(2020, 1, 1), "twice {}", "x"),
        (FINDING, None, "a fact"),
        (NOTE, "n {}", 1),
        (WARNING, "DUPLICATE", "R", None, "twice x"),
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
    finding: Finding = (FINDING, "RG-CC", template, *words)
    assert finding_text(finding) == (" / ".join(words) if words else template)


WAITS = st.builds(
    ir.Wait,
    rule_id=st.sampled_from(["MIA-SECOND", "CC-TIER2", "RG-CC"]),
    since=st.dates(),
    days=st.none() | st.integers(0, 3650),
    until=st.dates(),
    reason=st.text(max_size=30),
)


@given(st.lists(WAITS, max_size=3).map(tuple))
def test_waits_kept_as_plain_tuples_read_back_as_they_were(waits: tuple[ir.Wait, ...]) -> None:
    kept = kept_waits(waits)
    assert is_kept(kept) == bool(waits)
    assert wait_records(kept) == waits


REMEDIES = st.builds(
    ir.Remedy,
    rule_id=st.sampled_from(["OMB-CASE-ASSIST", "CONG-INQUIRY"]),
    name=st.text(max_size=20),
    earliest=st.none() | st.dates(),
    allowed=st.booleans(),
    reason=st.text(max_size=30),
)


@given(st.lists(REMEDIES, max_size=3).map(tuple))
def test_remedies_kept_as_plain_tuples_read_back_as_they_were(
    remedies: tuple[ir.Remedy, ...],
) -> None:
    kept = kept_remedies(remedies)
    assert is_kept(kept) == bool(remedies)
    assert all(type(fields) is tuple for fields in kept)
    assert remedy_records(kept) == remedies


def test_a_field_rendered_when_read_renders_once_and_keeps_the_values() -> None:
    made: list[tuple[Any, ...]] = []

    def make(records: tuple[Any, ...]) -> tuple[str, ...]:
        made.append(records)
        return note_texts(records)

    @rendered_when_read(items=make)
    @attrs.frozen
    class Box:
        items: tuple[str, ...] = ()
        size: int = 0

    assert Box.items is Box.__dict__["items"]  # on the class: the descriptor itself
    records = ((NOTE, "a {}", 1),)
    box = Box(items=records, size=3)
    assert made == []  # nothing put into words until read
    assert box.items == ("a 1",)
    assert box.items == ("a 1",)
    assert made == [records]  # once, and the result kept
    assert box == Box(items=("a 1",), size=3)
    assert Box(items=("already", "words")).items == ("already", "words")
    assert Box().items == ()


FIELD_VALUES = st.one_of(
    st.just(()),
    st.lists(st.tuples(st.text(max_size=3)), min_size=1, max_size=3).map(tuple),  # kept
    st.lists(st.text(max_size=3), min_size=1, max_size=3).map(tuple),  # values
    st.tuples(st.tuples(), st.text(max_size=3)),  # an empty record first: kept
    st.tuples(st.text(max_size=3), st.tuples()),  # a value first: values
)


@given(FIELD_VALUES)
def test_a_field_is_made_values_exactly_when_is_kept_says_it_is_kept(
    value: tuple[Any, ...],
) -> None:
    """The descriptor makes values exactly when :func:`is_kept` says the field holds them kept."""
    made: list[tuple[Any, ...]] = []

    def make(kept: tuple[Any, ...]) -> tuple[str, ...]:
        made.append(kept)
        return ("made",)

    @rendered_when_read(items=make)
    @attrs.frozen
    class Box:
        items: tuple[Any, ...] = ()

    read = Box(items=value).items
    assert (made == [value]) == is_kept(value)
    assert read == (("made",) if is_kept(value) else value)


def _as_kept(decision: ir.Decision, name: str) -> object:
    """Field ``name`` of ``decision`` as the decision holds it, without reading it."""
    descriptor = type(decision).__dict__[name]
    return descriptor.slot.__get__(decision, type(decision))


def test_what_a_decision_keeps_until_read_is_left_untracked_by_the_collector() -> None:
    """A decision keeps its records, waits and remedies as plain tuples of plain values until
    they are read: once the garbage collector has looked at them (a tuple of records, then the
    records, may take it two looks) it tracks none of them, and the conflicts it notes are a
    tuple shared by the decisions noting the same ones, so decisions kept by the thousand leave
    it one object each to walk; read, they are what they always were."""
    docket = list(generate(random.Random(SEED), 2_000, CHANNELS))
    decisions = [ir.next_action(case, history, as_of=as_of) for case, history, as_of in docket]
    gc.collect()
    gc.collect()
    names = ("trace", "waits", "remedies")
    kept = [_as_kept(d, name) for d in decisions for name in names]
    assert all(is_kept(value) for value in kept if value)
    assert any(kept[1::3])  # some decisions wait
    assert any(kept[2::3])  # some list remedies
    assert [value for value in kept if gc.is_tracked(value)] == []
    waiting = next(d for d in decisions if d.waits)
    assert all(type(wait) is ir.Wait for wait in waiting.waits)
    assert waiting.why_not_yet().startswith("Not yet allowed on ")
    listing = next(d for d in decisions if d.remedies)
    assert all(type(remedy) is ir.Remedy for remedy in listing.remedies)
    noted = [d.conflicts for d in decisions if d.conflicts]
    assert noted
    assert len({id(c) for c in noted}) == len(set(noted))  # one tuple per set of conflicts
