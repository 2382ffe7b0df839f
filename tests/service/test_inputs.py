"""The service's pieces on their own: reading requests (inputs), problems, and the ``serve``
command's arguments (the page: test_page.py); with Hypothesis properties for what must hold of
any input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.edges.cli import main
from infopass_rules.edges.service import inputs, problems

# --- inputs --------------------------------------------------------------------------------------


def test_choice_takes_one_known_value_or_the_default() -> None:
    assert inputs.choice([], "format", ("json", "csv"), "json") == "json"
    assert inputs.choice(["csv"], "format", ("json", "csv"), "json") == "csv"
    with pytest.raises(ir.InvalidValue, match="more than once"):
        inputs.choice(["csv", "csv"], "format", ("json", "csv"), "json")
    with pytest.raises(ir.InvalidValue, match="one of json, csv"):
        inputs.choice(["CSV"], "format", ("json", "csv"), "json")


@pytest.mark.parametrize("day", ["2019-02-24", "2019-02-25", "2019-02-26"])
def test_as_of_is_the_day_given(day: str) -> None:
    assert inputs.as_of_or_today([day], "as_of").isoformat() == day
    assert inputs.as_of_or_today([None, "", day], "as_of").isoformat() == day


def test_as_of_given_twice_or_out_of_range_is_refused() -> None:
    with pytest.raises(ir.InvalidValue, match="more than once"):
        inputs.as_of_or_today(["2019-02-25", "2019-02-26"], "as_of")
    with pytest.raises(ir.InvalidValue) as caught:
        inputs.as_of_or_today(["0001-01-01"], "as_of")
    assert caught.value.field == "as_of"


def test_column_map_from_text_and_from_json() -> None:
    assert inputs.column_map("A-Number=receipt_number, Field Office = office,", "columns") == {
        "A-Number": "receipt_number",
        "Field Office": "office",
    }
    assert inputs.column_map({"A": "office"}, "columns") == {"A": "office"}
    with pytest.raises(ir.InvalidValue, match="without '='"):
        inputs.column_map("A-Number", "columns")
    with pytest.raises(ir.InvalidValue, match="non-string"):
        inputs.column_map({"A": 1}, "columns")
    with pytest.raises(ir.InvalidValue, match="not a column mapping"):
        inputs.column_map(["A=office"], "columns")


_NAME = st.text(
    alphabet=st.characters(blacklist_characters=",=", blacklist_categories=("Cs", "Cc", "Zl")),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s)


@given(st.dictionaries(_NAME, _NAME, max_size=8))
def test_column_map_text_reads_back_the_mapping(mapping: dict[str, str]) -> None:
    text = ", ".join(f"{k}={v}" for k, v in mapping.items())
    assert inputs.column_map(text, "columns") == mapping


def test_reader_options_are_checked() -> None:
    assert inputs.reader_options({"columns": "", "date_format": None}) == {}
    assert inputs.reader_options({"date_format": "us"}) == {"date_format": "us"}
    with pytest.raises(ir.InvalidValue, match="date format"):
        inputs.reader_options({"date_format": "%d" * 100})
    with pytest.raises(ir.InvalidValue, match="date format"):
        inputs.reader_options({"date_format": 5})


def test_named_upload_keeps_a_safe_base_name() -> None:
    assert inputs.named_upload(b"", "C:\\exports\\cases.csv", "cases.csv").name == "cases.csv"
    assert inputs.named_upload(b"", "../../etc/x\n.csv", "d").name == "x.csv"
    assert inputs.named_upload(b"", None, "history.csv").name == "history.csv"
    assert inputs.named_upload(b"", "\x00\x01", "cases.csv").name == "cases.csv"


def test_read_case_input_names_each_problem() -> None:
    with pytest.raises(ir.InvalidData) as caught:
        inputs.read_case_input(b'{"case": {}, "as_of": "2019-02-25", "x": 1}')
    assert caught.value.field == "$"
    case, history, as_of = inputs.read_case_input(
        b'{"case": {"receipt_number": "MSC1490012345", "office": "Miami"}}'
    )
    assert case.office == "MIA"
    assert history == ()
    assert as_of is None


# --- problems ------------------------------------------------------------------------------------


_ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)


@given(_ANY_VALUE, st.text(max_size=5000))
def test_a_problem_is_bounded_json_whatever_the_value(value: Any, field: str) -> None:
    error = ir.InvalidValue("is wrong", field=field, value=value, expected="x" * 5000)
    doc = problems.from_library_error(error)
    text = json.dumps(doc, allow_nan=False)
    assert len(text) < 6000
    assert doc["status"] == 422
    assert doc["kind"] == "InvalidValue"


def test_a_problem_lists_every_error_of_its_input() -> None:
    first = ir.InvalidData("bad", field="$.a")
    error = ir.InvalidData("bad", field="$.a")
    error.errors = (first, ir.InvalidData("worse", field="$.b"))
    doc = problems.from_library_error(error)
    assert [e["field"] for e in doc["errors"]] == ["$.a", "$.b"]


# --- serve's arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "65536"],
        ["serve", "--port", "-1"],
        ["serve", "--port", "http"],
        ["serve", "--max-body-bytes", "1023"],
        ["serve", "--max-body-bytes", "10MB"],
    ],
)
def test_serve_refuses_bad_arguments_in_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1


def test_serve_binds_loopback_port_8000_unless_told() -> None:
    from infopass_rules.edges.cli import _parser

    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.max_body_bytes) == ("127.0.0.1", 8000, None)
    args = _parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "0"])
    assert (args.host, args.port) == ("0.0.0.0", 0)


@pytest.mark.parametrize("missing", ["litestar", "icalendar"])
def test_create_app_without_the_serve_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    # icalendar too: without it every page upload and calendar answered 422, request by request;
    # the service refuses to start instead.
    import sys

    from infopass_rules.edges.service import create_app

    monkeypatch.setitem(sys.modules, missing, None)  # as if not installed
    monkeypatch.delitem(sys.modules, "infopass_rules.edges.service.app", raising=False)
    with pytest.raises(ir.InvalidValue, match=r"infopass-rules\[serve\]") as refused:
        create_app()
    assert f"({missing})" in str(refused.value)
