"""JSON: round trips, the exact format, and a catalogue of bad documents with their errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infopass_rules.edges.json import (
    MAX_DEPTH,
    MAX_INT_DIGITS,
    SCHEMA_VERSION,
    dump_history,
    dumps,
    from_jsonable,
    load_history,
    loads,
    parse_json,
    to_jsonable,
)
from infopass_rules.errors import (
    InfopassRulesError,
    InvalidData,
    InvalidReceiptNumber,
    InvalidValue,
    UnknownOffice,
)
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Action, Channel, Circumstance, Issue, Level
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.strategies import appointments, cases, deadlines, histories, inquiries

D = dt.date
RN = "MSC1490012345"


@attrs.frozen
class Cited:
    """A citation-like value nested in :class:`Verdict`."""

    rule_id: str
    on: dt.date


@attrs.frozen
class Verdict:
    """A decision-like class (it has a ``ruleset_version``) using every kind of field."""

    action: Action
    step: int | None
    level: Level | None
    allowed: bool
    channels: frozenset[Channel]
    citations: tuple[Cited, ...]
    counts: Mapping[str, int]
    score: float
    item: Inquiry | Appointment
    as_of: dt.date
    ruleset_version: str
    derived: int = attrs.field(init=False, default=0)


VERDICT = Verdict(
    action=Action.INQUIRE,
    step=2,
    level=None,
    allowed=True,
    channels=frozenset({Channel.MAIL, Channel.E_REQUEST}),
    citations=(Cited("MIA-SECOND", D(2019, 5, 1)),),
    counts={"b": 1, "a b": 2},
    score=0.5,
    item=Appointment(D(2021, 1, 4), "MIA", [RN]),
    as_of=D(2021, 1, 1),
    ruleset_version="0.1.0+abc",
)

CASE = Case(
    receipt_number=RN,
    office="MIA",
    issue=Issue.PROOF_OF_STATUS,
    form="I-485",
    category="Family",
    received_on=D(2020, 1, 2),
    outside_processing_times_on=D(2021, 6, 1),
    deadlines=(Deadline(D(2021, 9, 1), "viaje a Bogotá"), Deadline(D(2021, 8, 1), "job")),
    circumstances=frozenset({Circumstance.HEALTH, Circumstance.EMPLOYMENT}),
    pressing=True,
    resolved_on=None,
)


# --- the format -----------------------------------------------------------------------------


def test_case_format_is_field_order_iso_dates_enum_names_sorted_sets() -> None:
    text = dumps(CASE)
    assert text == (
        '{"receipt_number":"MSC1490012345","office":"MIA","issue":"PROOF_OF_STATUS",'
        '"form":"I-485","category":"Family","received_on":"2020-01-02",'
        '"outside_processing_times_on":"2021-06-01",'
        '"deadlines":[{"on":"2021-08-01","what":"job"},'
        '{"on":"2021-09-01","what":"viaje a Bogotá"}],'
        '"circumstances":["EMPLOYMENT","HEALTH"],"pressing":true,"resolved_on":null}'
    )
    assert list(json.loads(text)) == [a.name for a in attrs.fields(Case)]


def test_decision_like_format_carries_schema_version_first() -> None:
    data = to_jsonable(VERDICT)
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["channels"] == ["E_REQUEST", "MAIL"]
    assert data["counts"] == {"a b": 2, "b": 1}
    assert list(data["counts"]) == ["a b", "b"]  # mapping keys sorted: stable text
    assert "derived" not in data  # init=False fields are derived, not data
    assert data["ruleset_version"] == "0.1.0+abc"


def test_set_order_does_not_change_the_text() -> None:
    one = attrs.evolve(CASE, circumstances=[Circumstance.HEALTH, Circumstance.FINANCIAL])
    other = attrs.evolve(CASE, circumstances=[Circumstance.FINANCIAL, Circumstance.HEALTH])
    assert dumps(one) == dumps(other)


@pytest.mark.parametrize(
    "value",
    [
        CASE,
        VERDICT,
        CASE.deadlines[0],
        Inquiry(D(2020, 1, 1), Channel.INFOPASS, level=Level.TIER_2),
    ],
)
def test_round_trip_examples(value: Any) -> None:
    text = dumps(value)
    assert loads(text, type(value)) == value
    assert loads(text.encode("utf-8"), type(value)) == value
    assert dumps(loads(text, type(value))) == text


def test_generic_type_forms_round_trip() -> None:
    text = dumps(CASE.deadlines)
    assert text.startswith("[")
    assert loads(text, tuple[Deadline, ...]) == CASE.deadlines


@settings(max_examples=60)
@given(st.one_of(cases(), inquiries(), appointments(), deadlines()))
def test_round_trip_every_strategy(value: Any) -> None:
    text = dumps(value)
    assert loads(text, type(value)) == value
    assert dumps(loads(text, type(value))) == text


@settings(max_examples=40)
@given(cases().flatmap(lambda case: histories(case)))
def test_history_round_trip(history: tuple[Inquiry | Appointment, ...]) -> None:
    dumped = dump_history(history)
    assert all(next(iter(item)) == "kind" for item in dumped)
    assert load_history(parse_json(json.dumps(dumped))) == history


def test_real_decisions_round_trip() -> None:
    decision_module = pytest.importorskip("infopass_rules.engine.decision")
    demo = pytest.importorskip("infopass_rules.edges.demo")
    engine = pytest.importorskip("infopass_rules.engine.next_action")
    for entry in demo.DEMO_DOCKET:
        decision = engine.next_action(entry.case, entry.history, as_of=entry.as_of)
        text = dumps(decision)
        assert json.loads(text)["schema_version"] == SCHEMA_VERSION
        assert loads(text, decision_module.Decision) == decision


def test_a_decision_carries_warnings_and_waits_as_objects() -> None:
    import infopass_rules as ir

    early = Inquiry(dt.date(2015, 1, 10), Channel.INFOPASS, reference="A-1", note="Come back.")
    history = (early, early, Inquiry(dt.date(2015, 2, 1), Channel.INFOPASS))
    case = Case(RN, "MIA", outside_processing_times_on=dt.date(2015, 1, 5))
    decision = ir.next_action(case, history, as_of=dt.date(2015, 2, 2))
    assert decision.waits
    assert decision.warnings
    data = json.loads(dumps(decision))
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["warnings"][0] == {
        "kind": "DUPLICATE",
        "text": decision.warnings[0].text,
        "rule_id": None,
        "on": "2015-01-10",
    }
    assert data["waits"] == [
        {
            "rule_id": "MIA-SECOND",
            "since": "2015-01-10",
            "days": 60,
            "until": "2015-03-12",
            "reason": decision.waits[0].reason,
        }
    ]
    assert loads(dumps(decision), ir.Decision) == decision


def test_an_inquiry_carries_its_reference_and_note() -> None:
    inquiry = Inquiry(
        dt.date(2020, 1, 2), Channel.CONTACT_CENTER, reference=" SR-1 ", note="Wait 30 days."
    )
    assert (inquiry.reference, inquiry.note) == ("SR-1", "Wait 30 days.")
    data = to_jsonable(inquiry)
    assert (data["reference"], data["note"]) == ("SR-1", "Wait 30 days.")
    assert loads(dumps(inquiry), Inquiry) == inquiry
    # Written before the fields existed: still read, both None.
    assert loads('{"on": "2020-01-02", "channel": "MAIL"}', Inquiry).reference is None


# --- the catalogue of bad documents ---------------------------------------------------------

CASE_DOC: dict[str, Any] = {"receipt_number": RN, "office": "MIA"}
APPOINTMENT_DOC: dict[str, Any] = {"on": "2021-01-04", "office": "MIA", "receipt_numbers": [RN]}
VERDICT_DOC: dict[str, Any] = to_jsonable(VERDICT)
DROP = object()


def doc(base: dict[str, Any], **changes: Any) -> str:
    """``base`` as JSON text, with keys changed, added, or dropped (``DROP``)."""
    merged = {**base, **changes}
    return json.dumps({k: v for k, v in merged.items() if v is not DROP})


def raw(more: str) -> str:
    """A case document with ``more`` spliced in as text: what ``json.dumps`` would not write."""
    return '{"receipt_number": "MSC1490012345", "office": "MIA", ' + more + "}"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# (id, class, document, exact error class, JSON path or None, fragment of the message)
BAD: list[tuple[str, type, str | bytes, type[InfopassRulesError], str | None, str]] = [
    ("truncated", Case, '{"receipt_number": ', InvalidData, None, "line 1 column"),
    ("empty", Case, "", InvalidData, None, "not valid JSON"),
    ("trailing comma", Case, '{"office": "MIA",}', InvalidData, None, "not valid JSON"),
    ("not UTF-8", Case, b'{"office": "\xff"}', InvalidData, None, "not valid UTF-8"),
    ("UTF-8 BOM", Case, "\ufeff" + doc(CASE_DOC), InvalidData, None, "not valid JSON"),
    ("array for a class", Case, "[]", InvalidData, "$", "is an array"),
    ("null document", Case, "null", InvalidData, "$", "is null"),
    ("unknown key", Case, doc(CASE_DOC, colour="red"), InvalidData, "$.colour", "not a known"),
    ("missing key", Case, doc(CASE_DOC, office=DROP), InvalidData, "$.office", "is missing"),
    ("repeated key", Case, raw('"office": "BOS"'), InvalidData, "$.office", "twice"),
    (
        "string for a bool",
        Case,
        doc(CASE_DOC, pressing="true"),
        InvalidData,
        "$.pressing",
        "a string",
    ),
    ("1 for True", Case, doc(CASE_DOC, pressing=1), InvalidData, "$.pressing", "a number"),
    ("null for a bool", Case, doc(CASE_DOC, pressing=None), InvalidData, "$.pressing", "is null"),
    ("null for an enum", Case, doc(CASE_DOC, issue=None), InvalidData, "$.issue", "is null"),
    (
        "enum by value-like lower case",
        Case,
        doc(CASE_DOC, issue="case_delay"),
        InvalidData,
        "$.issue",
        "CASE_DELAY",
    ),
    ("enum as a number", Case, doc(CASE_DOC, issue=0), InvalidData, "$.issue", "a number"),
    (
        "datetime for a date",
        Case,
        doc(CASE_DOC, received_on="2020-01-01T00:00"),
        InvalidData,
        "$.received_on",
        "not a date",
    ),
    (
        "impossible date",
        Case,
        doc(CASE_DOC, received_on="2021-02-30"),
        InvalidData,
        "$.received_on",
        "calendar",
    ),
    (
        "short date",
        Case,
        doc(CASE_DOC, received_on="2021-2-3"),
        InvalidData,
        "$.received_on",
        "YYYY-MM-DD",
    ),
    (
        "compact date",
        Case,
        doc(CASE_DOC, received_on="20210203"),
        InvalidData,
        "$.received_on",
        "not a date",
    ),
    (
        "number for a date",
        Case,
        doc(CASE_DOC, received_on=20210203),
        InvalidData,
        "$.received_on",
        "a number",
    ),
    (
        "string for a set",
        Case,
        doc(CASE_DOC, circumstances="HEALTH"),
        InvalidData,
        "$.circumstances",
        "array",
    ),
    (
        "unknown set member",
        Case,
        doc(CASE_DOC, circumstances=["HEALTH", "WEALTH"]),
        InvalidData,
        "$.circumstances[1]",
        "Circumstance",
    ),
    (
        "object for a tuple",
        Case,
        doc(CASE_DOC, deadlines={}),
        InvalidData,
        "$.deadlines",
        "an object",
    ),
    (
        "nested missing key",
        Case,
        doc(CASE_DOC, deadlines=[{"on": "2021-01-01"}]),
        InvalidData,
        "$.deadlines[0].what",
        "missing",
    ),
    (
        "nested bad date",
        Case,
        doc(
            CASE_DOC,
            deadlines=[{"on": "2021-01-01", "what": "a"}, {"on": "2021-13-01", "what": "b"}],
        ),
        InvalidData,
        "$.deadlines[1].on",
        "calendar",
    ),
    (
        "nested unknown key",
        Case,
        doc(CASE_DOC, deadlines=[{"on": "2021-01-01", "what": "a", "when": 1}]),
        InvalidData,
        "$.deadlines[0].when",
        "not a known",
    ),
    (
        "model error in a nested class",
        Case,
        doc(CASE_DOC, deadlines=[{"on": "2021-01-01", "what": "  "}]),
        InvalidValue,
        "$.deadlines[0].what",
        "non-empty",
    ),
    (
        "bad receipt number",
        Case,
        doc(CASE_DOC, receipt_number="MSC123"),
        InvalidReceiptNumber,
        "$.receipt_number",
        "3 letters and 10 digits",
    ),
    (
        "number for a receipt number",
        Case,
        doc(CASE_DOC, receipt_number=1490012345),
        InvalidData,
        "$.receipt_number",
        "a string",
    ),
    (
        "unknown office",
        Case,
        doc(CASE_DOC, office="Atlantis"),
        UnknownOffice,
        "$.office",
        "Atlantis",
    ),
    (
        "ambiguous office",
        Case,
        doc(CASE_DOC, office="Portland"),
        UnknownOffice,
        "$.office",
        "POO (Portland OR)",
    ),
    (
        "resolved before received",
        Case,
        doc(CASE_DOC, received_on="2021-01-02", resolved_on="2021-01-01"),
        InvalidValue,
        "$.resolved_on",
        "before received_on",
    ),
    (
        "unpaired surrogate",
        Case,
        '{"receipt_number": "\\ud800", "office": "MIA"}',
        InvalidData,
        "$.receipt_number",
        "surrogate",
    ),
    ("huge integer", Case, raw('"pressing": 1' + "0" * 30), InvalidData, "$.pressing", "too large"),
    ("NaN", Case, raw('"pressing": NaN'), InvalidData, "$.pressing", "not a JSON number"),
    ("Infinity", Case, raw('"pressing": 1e999'), InvalidData, "$.pressing", "too large"),
    ("too deep", Case, nested(MAX_DEPTH + 1), InvalidData, None, f"more than {MAX_DEPTH} deep"),
    (
        "string for a tuple of str",
        Appointment,
        doc(APPOINTMENT_DOC, receipt_numbers=RN),
        InvalidData,
        "$.receipt_numbers",
        "a string",
    ),
    (
        "no receipt numbers",
        Appointment,
        doc(APPOINTMENT_DOC, receipt_numbers=[]),
        InvalidValue,
        "$.receipt_numbers",
        "at least one",
    ),
    (
        "repeated receipt number",
        Appointment,
        doc(APPOINTMENT_DOC, receipt_numbers=[RN, "msc-1490012345"]),
        InvalidValue,
        "$.receipt_numbers[1]",
        "repeats",
    ),
    (
        "bad receipt number by index",
        Appointment,
        doc(APPOINTMENT_DOC, receipt_numbers=[RN, "x"]),
        InvalidReceiptNumber,
        "$.receipt_numbers[1]",
        "receipt number",
    ),
    (
        "appointment at a center",
        Appointment,
        doc(APPOINTMENT_DOC, office="NSC"),
        UnknownOffice,
        "$.office",
        "field office",
    ),
    ("missing on", Inquiry, '{"channel": "MAIL"}', InvalidData, "$.on", "missing"),
    (
        "schema version missing",
        Verdict,
        doc(VERDICT_DOC, schema_version=DROP),
        InvalidData,
        "$.schema_version",
        "missing",
    ),
    (
        "schema version unknown",
        Verdict,
        doc(VERDICT_DOC, schema_version=1),  # the format before warnings were records
        InvalidData,
        "$.schema_version",
        "schema version",
    ),
    (
        "schema version as a bool",
        Verdict,
        doc(VERDICT_DOC, schema_version=True),
        InvalidData,
        "$.schema_version",
        "schema version",
    ),
    ("True for an int", Verdict, doc(VERDICT_DOC, step=True), InvalidData, "$.step", "a boolean"),
    ('"2" for an int', Verdict, doc(VERDICT_DOC, step="2"), InvalidData, "$.step", "a string"),
    ("float for an int", Verdict, doc(VERDICT_DOC, step=2.0), InvalidData, "$.step", "an integer"),
    (
        "bool for a float",
        Verdict,
        doc(VERDICT_DOC, score=False),
        InvalidData,
        "$.score",
        "a boolean",
    ),
    (
        "derived field given",
        Verdict,
        doc(VERDICT_DOC, derived=1),
        InvalidData,
        "$.derived",
        "not a known",
    ),
    (
        "bad mapping value",
        Verdict,
        doc(VERDICT_DOC, counts={"a b": "x"}),
        InvalidData,
        '$.counts["a b"]',
        "an integer",
    ),
    (
        "array for a mapping",
        Verdict,
        doc(VERDICT_DOC, counts=[]),
        InvalidData,
        "$.counts",
        "an array",
    ),
    (
        "union matches nothing",
        Verdict,
        doc(VERDICT_DOC, item={"on": "2021-01-01"}),
        InvalidData,
        "$.item",
        "Inquiry or Appointment",
    ),
    (
        "deep model error",
        Verdict,
        doc(VERDICT_DOC, item={**APPOINTMENT_DOC, "receipt_numbers": ["x"]}),
        InvalidData,
        "$.item",
        "none of the types",
    ),
    (
        "citation bad date",
        Verdict,
        doc(VERDICT_DOC, citations=[{"rule_id": "X", "on": "yesterday"}]),
        InvalidData,
        "$.citations[0].on",
        "not a date",
    ),
]


@pytest.mark.parametrize(
    ("cls", "text", "error", "path", "fragment"),
    [pytest.param(*row[1:], id=row[0]) for row in BAD],
)
def test_bad_document(
    cls: type, text: str | bytes, error: type[InfopassRulesError], path: str | None, fragment: str
) -> None:
    with pytest.raises(InfopassRulesError) as info:
        loads(text, cls)
    assert type(info.value) is error
    assert info.value.field == path
    message = str(info.value)
    assert fragment in message
    if path is not None:
        assert message.startswith(f"{path}: ")


def test_catalogue_is_large() -> None:
    assert len(BAD) >= 25


def test_every_problem_of_a_document_is_kept() -> None:
    text = doc(CASE_DOC, receipt_number=5, pressing="no", colour="red")
    with pytest.raises(InvalidData) as info:
        loads(text, Case)
    error = info.value
    assert error.field == "$.receipt_number"  # the first, in field order
    assert [e.field for e in error.errors] == ["$.receipt_number", "$.pressing", "$.colour"]
    assert "and 2 more" in str(error)
    assert "$.pressing" in str(error)


def test_boundaries_of_the_guards() -> None:
    assert parse_json(nested(MAX_DEPTH)) == parse_json(nested(MAX_DEPTH))
    # Brackets and escaped quotes inside strings are not nesting.
    assert parse_json(json.dumps(["[" * 100 + '\\"{' * 100])) == ["[" * 100 + '\\"{' * 100]
    largest = int("9" * MAX_INT_DIGITS)
    assert parse_json(f"[{largest}, -{largest}]") == [largest, -largest]
    with pytest.raises(InvalidData, match=r"\$\[1\]: is a number of 19 digits"):
        parse_json(f"[0, -{largest}9]")
    with pytest.raises(InvalidData, match=r"\$\.a\.b: is not a JSON number"):
        parse_json('{"a": {"b": -Infinity}}')
    with pytest.raises(InvalidData, match="too large"):
        from_jsonable({**VERDICT_DOC, "step": 10**MAX_INT_DIGITS}, Verdict)


@pytest.mark.parametrize("text", [None, 5, ["{}"]])
def test_text_must_be_text(text: object) -> None:
    with pytest.raises(InvalidValue, match="text"):
        loads(text, Case)  # type: ignore[arg-type]


def test_cls_that_cannot_be_read() -> None:
    with pytest.raises(InvalidValue) as info:
        loads("{}", object)
    assert info.value.field == "cls"


@pytest.mark.parametrize("value", [object(), dt.datetime(2020, 1, 1), float("nan")])
def test_dumps_refuses_what_json_cannot_carry(value: object) -> None:
    with pytest.raises(InvalidValue):
        dumps(value)


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
JSON_VALUES = st.recursive(
    JSON_SCALARS | st.sampled_from(["2020-01-01", RN, "MIA", "HEALTH", "MAIL"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150)
@given(
    st.sampled_from([Case, Inquiry, Appointment, Verdict]).flatmap(
        lambda cls: st.tuples(
            st.just(cls),
            st.dictionaries(
                st.sampled_from([a.name for a in attrs.fields(cls)] + ["kind"]), JSON_VALUES
            ),
        )
    )
)
def test_any_json_gives_a_value_or_a_library_error(pair: tuple[type, dict[str, Any]]) -> None:
    cls, data = pair
    try:
        value: object = from_jsonable(data, cls)
    except InfopassRulesError as error:
        field = error.field
    else:
        assert isinstance(value, cls)
        return
    assert field is not None
    assert field.startswith("$")


# --- histories ------------------------------------------------------------------------------


def test_history_is_tagged_by_kind() -> None:
    inquiry = Inquiry(D(2020, 1, 1), Channel.CONTACT_CENTER, receipt_number=RN)
    appointment = Appointment(D(2020, 2, 1), "MIA", [RN])
    dumped = dump_history([inquiry, appointment])
    assert [item["kind"] for item in dumped] == ["inquiry", "appointment"]
    assert load_history(dumped, path="$.history") == (inquiry, appointment)


@pytest.mark.parametrize(
    ("items", "error", "path", "fragment"),
    [
        ({}, InvalidData, "$.history", "an object"),
        ([[]], InvalidData, "$.history[0]", "an array"),
        ([{"on": "2020-01-01", "channel": "MAIL"}], InvalidData, "$.history[0].kind", "missing"),
        (
            [{"on": "2020-01-01", "channel": "MAIL"}],
            InvalidData,
            "$.history[0].kind",
            "dump_history",
        ),
        ([{"kind": "call"}], InvalidData, "$.history[0].kind", "'inquiry' or 'appointment'"),
        ([{"kind": None}], InvalidData, "$.history[0].kind", "not a kind"),
        (
            [{"kind": "inquiry", "on": "2020-01-01", "channel": "MAIL"}, {"kind": "inquiry"}],
            InvalidData,
            "$.history[1].on",
            "missing",
        ),
        (
            [{"kind": "appointment", **APPOINTMENT_DOC, "office": "XYZ"}],
            UnknownOffice,
            "$.history[0].office",
            "XYZ",
        ),
    ],
)
def test_bad_history(
    items: object, error: type[InfopassRulesError], path: str, fragment: str
) -> None:
    with pytest.raises(InfopassRulesError) as info:
        load_history(items, path="$.history")
    assert type(info.value) is error
    assert info.value.field == path
    assert fragment in str(info.value)


def test_dump_history_refuses_other_items() -> None:
    with pytest.raises(InvalidValue) as info:
        dump_history([CASE])  # type: ignore[list-item]
    assert info.value.field == "history[0]"


# --- import cost ----------------------------------------------------------------------------


def test_importing_the_package_imports_neither_cattrs_nor_hypothesis() -> None:
    code = (
        "import sys, infopass_rules, infopass_rules.edges.json; "
        "print(sorted(m for m in ('cattrs', 'hypothesis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- collections of every declared kind -----------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        (tuple[int, str], '[1, "a"]', (1, "a")),
        (list[int], "[1, 2]", [1, 2]),
        (set[str], '["b", "a", "b"]', {"a", "b"}),
        (frozenset[int], "[]", frozenset()),
        (dict[str, int], '{"a": 1}', {"a": 1}),
        (dict[Channel, bool], '{"MAIL": true}', {Channel.MAIL: True}),
    ],
)
def test_declared_collections(declared: Any, text: str, expected: object) -> None:
    value = loads(text, declared)
    assert value == expected
    assert type(value) is type(expected)
    assert loads(dumps(value), declared) == value


@pytest.mark.parametrize(
    ("declared", "text", "path", "fragment"),
    [
        (tuple[int, str], "[1]", "$", "has 1 items"),
        (tuple[int, str], "[1, 2]", "$[1]", "a number"),
        (list[int], '{"0": 1}', "$", "an object"),
        (dict[Channel, bool], '{"PHONE": true}', "$.PHONE", "not a name of Channel"),
    ],
)
def test_declared_collections_refused(declared: Any, text: str, path: str, fragment: str) -> None:
    with pytest.raises(InvalidData) as info:
        loads(text, declared)
    assert info.value.field == path
    assert fragment in str(info.value)
