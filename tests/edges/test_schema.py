"""The JSON Schemas of the dumps format: valid 2020-12 schemas, which accept what dumps writes
(generated facts, real decisions, docket rows) and reject unknown keys and wrong types; the
files shipped in the docs are the schemas json_schema builds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as irs
from infopass_rules.edges.schema import DOCKET_REPORT, DOCKET_ROW

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"
CLASSES: dict[str, Any] = {
    "Case": ir.Case,
    "Inquiry": ir.Inquiry,
    "Appointment": ir.Appointment,
    "Decision": ir.Decision,
    "DocketRow": DOCKET_ROW,
    "DocketReport": DOCKET_REPORT,
}


def validator(cls: Any) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        ir.json_schema(cls), format_checker=jsonschema.FormatChecker()
    )


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_schema_is_a_valid_2020_12_schema(name: str) -> None:
    schema = ir.json_schema(CLASSES[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    for sub in schema.get("$defs", {}).values():
        assert sub["additionalProperties"] is False


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_shipped_schema_files_are_the_built_schemas(name: str) -> None:
    shipped = json.loads((SCHEMAS / f"{name}.json").read_text("utf-8"))
    assert shipped == ir.json_schema(CLASSES[name])


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        irs.cases(),
        irs.inquiries(),
        irs.appointments(),
    )
)
def test_dumps_of_generated_facts_is_valid(fact: object) -> None:
    validator(type(fact)).validate(json.loads(ir.dumps(fact)))


@settings(max_examples=40, deadline=None)
@given(irs.cases(), st.dates(date(2012, 1, 1), date(2024, 12, 31)), st.data())
def test_dumps_of_real_decisions_is_valid(case: ir.Case, as_of: date, data: Any) -> None:
    history = data.draw(irs.histories(case, as_of=as_of))
    try:
        decision = ir.next_action(case, history, as_of=as_of)
    except ir.InfopassRulesError:
        return  # a fact the engine lacks (no processing times): no decision to check
    validator(ir.Decision).validate(json.loads(ir.dumps(decision)))


def test_rows_of_the_example_docket_are_valid() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=date(2019, 2, 25))
    check = validator(DOCKET_ROW)
    for row in report.rows():
        check.validate(row)
    check.validate({**report.rows()[0], "action": None, "error": "x.csv:2: office: unknown"})


def test_an_unknown_key_or_a_wrong_type_is_rejected() -> None:
    case = json.loads(ir.dumps(ir.Case("MSC1490012345", "MIA")))
    check = validator(ir.Case)
    check.validate(case)
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        check.validate({**case, "client": "X"})
    with pytest.raises(jsonschema.ValidationError):
        check.validate({**case, "pressing": "yes"})
    with pytest.raises(jsonschema.ValidationError):
        check.validate({**case, "received_on": "2019-02-30x"})
    with pytest.raises(jsonschema.ValidationError):
        check.validate({**case, "issue": "DELAY"})
    with pytest.raises(jsonschema.ValidationError, match="required"):
        check.validate({"office": "MIA"})
    inquiry = json.loads(ir.dumps(ir.Inquiry(date(2019, 1, 7), ir.Channel.MAIL, note="n")))
    with pytest.raises(jsonschema.ValidationError):
        validator(ir.Inquiry).validate({**inquiry, "note": "x" * 2001})
    row_check = validator(DOCKET_ROW)
    row = ir.decide_docket(ir.example_docket(), as_of=date(2019, 2, 25)).rows()[0]
    with pytest.raises(jsonschema.ValidationError):
        row_check.validate({**row, "extra": 1})
    with pytest.raises(jsonschema.ValidationError):
        row_check.validate({**row, "step": "1"})


def test_a_decision_requires_its_schema_version() -> None:
    schema = ir.json_schema(ir.Decision)
    assert schema["properties"]["schema_version"] == {"const": 2}
    assert "schema_version" in schema["required"]


@pytest.mark.parametrize("bad", [int, "row", None, date])
def test_json_schema_of_what_has_no_format_is_an_error(bad: object) -> None:
    with pytest.raises(ir.InvalidValue, match="has no JSON format"):
        ir.json_schema(bad)  # type: ignore[arg-type]
