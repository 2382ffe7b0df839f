"""A firm's own case-management export read as it is: its headers mapped (``columns``,
``history_columns``), its own columns carried, its dates (``date_format``), its words (the
vocabulary table, ``aliases``), its office names; misspelt fields and missing ones refused with
messages that name the option to use; every problem of a row at once; the CSV quick path and
the thorough path agree; the bundled firm example in ``examples/firm`` reads without error."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.edges.docket.columns import CASE_FIELDS, misspelling
from infopass_rules.edges.docket.read_options import (
    add_read_options,
    docket_from_args,
    parse_map,
)
from infopass_rules.edges.docket.vocabulary import WORDS, fold, table_rows, vocabulary
from infopass_rules.facts.enums import Channel, Level, Outcome

ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "examples" / "firm"
AS_OF = dt.date(2026, 12, 7)

CASES = (
    "Receipt #,Client,Field Office,Form,Receipt Date,Urgent?,Attorney\n"
    "MSC2390012001,Ana Morales,Miami Field Office,I-485,03/15/2021,N,M. Castillo\n"
)
HISTORY = (
    "Receipt #,Type,Date,Method,Result,Notes\n"
    "MSC2390012001,Letter,10/01/2026,,Pending,Letter to the field office\n"
    "MSC2390012001,Call,10/20/2026,PHONE,Tier 2,Tier 2 to call back\n"
)
COLUMNS = {
    "receipt #": "receipt_number",
    "FIELD OFFICE ": "office",
    "Receipt Date": "received_on",
    "Urgent?": "pressing",
}
HISTORY_COLUMNS = {
    "Receipt #": "receipt_number",
    "Type": "kind",
    "Date": "on",
    "Method": "channel",
    "Result": "outcome",
    "Notes": "note",
}


def read(cases: str, history: str | None = None, **options: Any) -> ir.Docket:
    return ir.read_docket(
        io.StringIO(cases), io.StringIO(history) if history is not None else None, **options
    )


def firm_map() -> dict[str, dict[str, str]]:
    with (FIRM / "columns.toml").open("rb") as f:
        return tomllib.load(f)


# --- the reproductions from the field ---------------------------------------------------------


def test_the_firm_export_reads_with_its_options() -> None:
    docket = read(
        CASES, HISTORY, columns=COLUMNS, history_columns=HISTORY_COLUMNS, date_format="us"
    )
    assert docket.errors == ()
    (case,) = docket.cases
    assert (case.office, case.form, case.received_on, case.pressing) == (
        "MIA",
        "I-485",
        dt.date(2021, 3, 15),
        False,
    )
    letter, call = docket.history["MSC2390012001"]
    assert isinstance(letter, ir.Inquiry)
    assert isinstance(call, ir.Inquiry)
    assert (letter.channel, letter.outcome, letter.note) == (
        Channel.MAIL,  # "Letter" with no Method: an inquiry by mail
        Outcome.UNRESOLVED,  # "Pending"
        "Letter to the field office",
    )
    assert (call.channel, call.outcome) == (Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL)
    assert docket.carried == {"MSC2390012001": {"Client": "Ana Morales", "Attorney": "M. Castillo"}}
    assert docket.carried_columns == ("Client", "Attorney")


def test_extra_columns_are_carried_not_fatal() -> None:
    docket = read("receipt_number,office,Client,Attorney\nMSC2390012001,MIA,Ana,M. C\n")
    assert docket.errors == ()
    assert docket.carried["MSC2390012001"] == {"Client": "Ana", "Attorney": "M. C"}


def test_a_us_date_without_date_format_names_the_option() -> None:
    docket = read(CASES, columns=COLUMNS)
    (error,) = docket.errors
    assert (error.line, error.field) == (2, "Receipt Date")
    assert str(error).startswith("<cases>:2: Receipt Date: is not a date; got '03/15/2021'")
    assert "date_format=" in error.message
    assert "--date-format" in error.message
    assert "date_format='us'" in error.message  # the hint, never the guess


def test_words_of_the_table_need_no_option_and_unknown_ones_name_aliases() -> None:
    docket = read(
        CASES, HISTORY, columns=COLUMNS, history_columns=HISTORY_COLUMNS, date_format="us"
    )
    assert docket.errors == ()  # N, PHONE, Letter, Call, Tier 2, Pending: all in the table
    bad = read(
        CASES.replace(",N,", ",Maybe,"),
        HISTORY.replace("PHONE", "Fax").replace("Letter", "Memo"),
        columns=COLUMNS,
        history_columns=HISTORY_COLUMNS,
        date_format="us",
    )
    messages = {e.field: str(e) for e in bad.errors}
    assert messages["Urgent?"].startswith("<cases>:2: Urgent?: is not yes or no; got 'Maybe'")
    assert "<history>:3: Method: must be a Channel; got 'Fax'" in messages["Method"]
    assert "aliases=" in messages["Method"]
    assert "<history>:2: Type: is not a kind of history row; got 'Memo'" in messages["Type"]


def test_a_header_mapped_to_the_other_files_field_is_an_invalid_value_naming_both(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("receipt_number,office,Attorney\nMSC2390012001,MIA,Ann\n", "utf-8")
    with pytest.raises(ir.InvalidValue) as info:
        ir.read_docket(path, columns={"Attorney": "attorney"})
    message = str(info.value)
    assert info.value.field == "columns['Attorney']"
    assert f"the column 'Attorney' of {path} (the case file) to attorney" in message
    assert "a field of the history file" in message
    assert "history_columns=" in message
    assert "--history-columns" in message


def test_with_history_columns_a_wrong_entry_is_refused_before_any_file_is_opened() -> None:
    with pytest.raises(ir.InvalidValue, match=r"columns\['Attorney'\]: maps to attorney, a field"):
        ir.read_docket("no-such.csv", columns={"Attorney": "attorney"}, history_columns={})
    with pytest.raises(ir.InvalidValue, match=r"history_columns\['Form'\]: maps to form, a field"):
        ir.read_docket("no-such.csv", history_columns={"Form": "form"})


# --- columns ----------------------------------------------------------------------------------


def test_a_missing_required_column_lists_every_column_of_the_file_uncut() -> None:
    headers = [f"Firm column number {i}" for i in range(300)]
    text = ",".join(["Receipt #", *headers]) + "\n"
    with pytest.raises(ir.InvalidData) as info:
        read(text, columns={"Receipt #": "receipt_number"})
    message = str(info.value)
    assert message.startswith("<cases>:1: lacks required columns; got ['office']")
    assert all(repr(h) in message for h in ["Receipt #", *headers])
    assert "columns=" in message
    assert "--columns" in message
    with pytest.raises(ir.InvalidData) as info:
        read(
            "receipt_number,office\nMSC2390012001,MIA\n",
            "Receipt #,Type,When\nMSC2390012001,Call,2026-10-01\n",
            columns={"Receipt #": "receipt_number", "Type": "kind"},
        )
    assert str(info.value).startswith("<history>:1: lacks required columns; got ['on']")
    assert "'Receipt #', 'Type', 'When'" in str(info.value)
    assert "history_columns=" in str(info.value)
    assert "--history-columns" in str(info.value)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("recieved_on", "received_on"),
        ("Recieved On", "received_on"),
        ("offce", "office"),
        ("Office:", "office"),
        ("Reciept Number", "receipt_number"),
        ("Deadline", "deadlines"),
        ("Circumstance", "circumstances"),
        ("Outside Processing Times", "outside_processing_times_on"),
        ("Received", "received_on"),
    ],
)
def test_a_misspelt_field_is_an_error_suggesting_it(header: str, field: str) -> None:
    assert misspelling(header, CASE_FIELDS) == field
    with pytest.raises(ir.InvalidData) as info:
        read(f"receipt_number,office,{header}\n")
    assert f"did you mean {field}?" in str(info.value)


@pytest.mark.parametrize(
    "header", ["Client", "Attorney", "Notes", "Matter #", "Urgent?", "Receipt Date", "Form Type"]
)
def test_the_firms_own_columns_are_not_taken_for_misspellings(header: str) -> None:
    assert misspelling(header, CASE_FIELDS) is None


def test_a_misspelling_is_mapped_carried_or_dropped_when_said() -> None:
    history = "receipt_number,kind,on,channel,Notes\nMSC2390012001,call,2026-10-01,,hello\n"
    cases = "receipt_number,office\nMSC2390012001,MIA\n"
    with pytest.raises(ir.InvalidData, match=r"'Notes' \(did you mean note\?\)"):
        read(cases, history)
    as_note = read(cases, history, history_columns={"Notes": "note"})
    (item,) = as_note.history["MSC2390012001"]
    assert isinstance(item, ir.Inquiry)
    assert item.note == "hello"
    for target in ("carry", ""):  # read, not interpreted (a history file carries nothing)
        docket = read(cases, history, history_columns={"Notes": target})
        (item,) = docket.history["MSC2390012001"]
        assert isinstance(item, ir.Inquiry)
        assert item.note is None
    carried = read(
        "receipt_number,office,Deadline\nMSC2390012001,MIA,soon\n", columns={"deadline": "carry"}
    )
    assert carried.carried["MSC2390012001"] == {"Deadline": "soon"}
    dropped = read(
        "receipt_number,office,Deadline\nMSC2390012001,MIA,soon\n", columns={"deadline": ""}
    )
    assert (dropped.carried, dropped.carried_columns) == ({}, ())


def test_column_keys_are_matched_trimmed_in_any_case_and_checked() -> None:
    docket = read(
        " RECEIPT # ,Field Office\nMSC2390012001,Miami\n",
        columns={"receipt #": "receipt_number", "field office": "office"},
    )
    assert [c.office for c in docket.cases] == ["MIA"]
    with pytest.raises(ir.InvalidValue, match="names a column already mapped"):
        read("", columns={"A": "office", " a ": "receipt_number"})
    with pytest.raises(ir.InvalidValue, match=r"columns\['A'\]: maps to an unknown field"):
        read("", columns={"A": "clientname"})
    with pytest.raises(ir.InvalidValue, match="columns: must be a mapping"):
        read("", columns=["A"])  # type: ignore[arg-type]
    with pytest.raises(ir.InvalidValue, match="is not a column name"):
        read("", columns={"": "office"})


def test_a_repeated_carried_column_is_an_error_of_the_file() -> None:
    with pytest.raises(ir.InvalidData, match=r"repeats the column\(s\) 'client'"):
        read("receipt_number,office,Client,client \nMSC2390012001,MIA,a,b\n")


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("02/28/2023", dt.date(2023, 2, 28)),
        ("03/01/2023", dt.date(2023, 3, 1)),
        ("02/29/2024", dt.date(2024, 2, 29)),
        ("2/9/2024", dt.date(2024, 2, 9)),
        ("2024-02-29", dt.date(2024, 2, 29)),  # ISO is always read
        ("02/29/2023", None),  # not a day of the calendar
        ("13/01/2026", None),  # no month 13: never read as day/month
        ("12/31/99", None),
    ],
)
def test_date_format_us_reads_the_firms_dates_and_no_others(text: str, day: dt.date | None) -> None:
    docket = read(
        f"receipt_number,office,received_on\nMSC2390012001,MIA,{text}\n", date_format="us"
    )
    if day is None:
        (error,) = docket.errors
        assert error.field == "received_on"
        assert "expected YYYY-MM-DD or %m/%d/%Y (date_format)" in error.message
    else:
        assert docket.cases[0].received_on == day


def test_a_strptime_date_format_is_taken_as_given() -> None:
    docket = read(
        "receipt_number,office,received_on\nMSC2390012001,MIA,15.03.2021\n", date_format="%d.%m.%Y"
    )
    assert docket.cases[0].received_on == dt.date(2021, 3, 15)


@pytest.mark.parametrize("bad", [5, b"%m/%d/%Y", "%m/%Y", "%d/%m", "%Y", "%m/%d/%Y %H:%M", "x", ""])
def test_a_date_format_without_day_month_and_year_is_refused(bad: object) -> None:
    with pytest.raises(ir.InvalidValue, match="date_format") as info:
        read("receipt_number,office\n", date_format=bad)  # type: ignore[arg-type]
    assert "'us'" in str(info.value)


# --- words ------------------------------------------------------------------------------------


def _words() -> list[tuple[str, str, str]]:
    return [
        (kind, value, word)
        for kind, values in WORDS.items()
        for value, words in values.items()
        for word in words
    ]


@pytest.mark.parametrize(("kind", "value", "word"), _words())
def test_every_word_of_the_table_reads_as_its_value_in_any_case(
    kind: str, value: str, word: str
) -> None:
    field = "pressing" if kind == "yes_no" else kind
    table = vocabulary(None)
    for written in (word, word.upper(), word.title(), f"  {word.replace(' ', '-')} "):
        found = table.lookup(field, written)
        if kind == "yes_no":
            assert found is (value == "yes")
        elif kind == "kind":
            name, _, channel = value.partition(":")
            assert found == (name, Channel[channel] if channel else None)
        else:
            assert found.name == value


def test_each_word_means_one_thing_per_kind_of_field() -> None:
    for kind, values in WORDS.items():
        seen: dict[str, str] = {}
        for value, words in values.items():
            for word in words:
                assert fold(word) == word, f"{word!r} is not written folded"
                assert seen.setdefault(word, value) == value, f"{kind}: {word!r} twice"


def test_member_names_are_words_too() -> None:
    table = vocabulary(None)
    assert table.lookup("level", "TIER_2_SUPERVISOR") is Level.TIER_2_SUPERVISOR
    assert table.lookup("outcome", "tier-2-referral") is Outcome.TIER_2_REFERRAL
    assert table.lookup("channel", "Contact_Center") is Channel.CONTACT_CENTER


def test_aliases_extend_the_table_and_are_checked() -> None:
    cases = "receipt_number,office\nMSC2390012001,MIA\n"
    history = "receipt_number,kind,on,channel,outcome\nMSC2390012001,Fax,2026-10-01,,Callback\n"
    aliases = {"kind": {"Fax": "mail"}, "outcome": {"callback": "tier 2 referral"}}
    (item,) = read(cases, history, aliases=aliases).history["MSC2390012001"]
    assert isinstance(item, ir.Inquiry)
    assert (item.channel, item.outcome) == (Channel.MAIL, Outcome.TIER_2_REFERRAL)
    assert (
        vocabulary({"pressing": {"urgent": True, "routine": "no"}}).lookup("pressing", "URGENT")
        is True
    )
    for bad, where in [
        ([], "aliases"),
        ({"client": {}}, "aliases"),
        ({"channel": ["fax"]}, "aliases['channel']"),
        ({"channel": {"": "MAIL"}}, "aliases['channel']"),
        ({"channel": {"fax": "pigeon"}}, "aliases['channel']['fax']"),
        ({"pressing": {"urgent": 1}}, "aliases['pressing']['urgent']"),
        ({"kind": {"fax": "note"}}, "aliases['kind']['fax']"),
    ]:
        with pytest.raises(ir.InvalidValue) as info:
            read(cases, aliases=bad)
        assert info.value.field == where


@pytest.mark.parametrize(
    ("kind", "method", "channel"),
    [
        ("Letter", "", Channel.MAIL),
        ("Call", "", Channel.CONTACT_CENTER),
        ("e-Request", "", Channel.E_REQUEST),
        ("Inquiry", "In Person", Channel.INFOPASS),
        ("Call", "Contact Center", Channel.CONTACT_CENTER),
    ],
)
def test_a_kind_implies_its_channel(kind: str, method: str, channel: Channel) -> None:
    cases = "receipt_number,office\nMSC2390012001,MIA\n"
    history = f"receipt_number,kind,on,channel\nMSC2390012001,{kind},2026-10-01,{method}\n"
    (item,) = read(cases, history).history["MSC2390012001"]
    assert isinstance(item, ir.Inquiry)
    assert item.channel is channel


def test_a_kind_and_a_channel_that_disagree_or_no_channel_at_all_are_errors() -> None:
    cases = "receipt_number,office\nMSC2390012001,MIA\n"
    history = (
        "receipt_number,kind,on,channel\n"
        "MSC2390012001,Letter,2026-10-01,PHONE\n"
        "MSC2390012001,Inquiry,2026-10-02,\n"
    )
    docket = read(cases, history)
    first, second = (e for e in docket.errors if e.source == "<history>")
    assert (first.line, first.field) == (2, "channel")
    assert "is CONTACT_CENTER, but the row's kind ('Letter') is an inquiry by MAIL" in first.message
    assert (second.line, second.field, second.message) == (
        3,
        "channel",
        "is missing; expected a value",
    )
    assert docket.cases == ()  # a case whose history cannot be read is not decided without it


# --- rows -------------------------------------------------------------------------------------


def test_every_problem_of_a_row_is_an_error_of_its_own_in_column_order() -> None:
    text = (
        "receipt_number,office,received_on,pressing,issue,Client\n"
        "MSC2390012001,Atlantis,03/15/2021,perhaps,delay-ish,Ana\n"
    )
    docket = read(text)
    assert [(e.line, e.field) for e in docket.errors] == [
        (2, "office"),
        (2, "received_on"),
        (2, "pressing"),
        (2, "issue"),
    ]
    assert {e.receipt_number for e in docket.errors} == {"MSC2390012001"}
    assert docket.carried["MSC2390012001"] == {"Client": "Ana"}  # its columns, for its error row
    bad_receipt = read("receipt_number,office,received_on\nMSC-12,MIA,yesterday\n")
    assert [e.field for e in bad_receipt.errors] == ["receipt_number", "received_on"]
    history = read(
        "receipt_number,office\nMSC2390012001,MIA\n",
        "receipt_number,kind,on,channel,outcome,office\nMSC2390012001,call,someday,,won,MIA\n",
    )
    assert [(e.source, e.field) for e in history.errors] == [
        ("<cases>", "history"),
        ("<history>", "on"),
        ("<history>", "outcome"),
        ("<history>", "office"),
    ]


def test_the_receipt_number_as_typed_and_the_line_are_kept() -> None:
    docket = read("receipt_number,office\n\nmsc-23-900-12001 ,MIA\nMSC2390012002,MIA\n")
    assert [c.receipt_number for c in docket.cases] == ["MSC2390012001", "MSC2390012002"]
    assert docket.typed == {"MSC2390012001": "msc-23-900-12001"}
    assert docket.lines == (3, 4)


def test_json_lines_carry_the_firms_keys_as_text() -> None:
    line = {
        "Receipt #": "MSC2390012001",
        "office": "Miami FL",
        "Client": "Ana",
        "Balance": 12.5,
        "Retainer": True,
        "Tags": ["a", "b"],
        "Empty": None,
    }
    docket = read(json.dumps(line) + "\n", columns={"Receipt #": "receipt_number"})
    assert docket.errors == ()
    assert docket.carried["MSC2390012001"] == {
        "Client": "Ana",
        "Balance": "12.5",
        "Retainer": "true",
        "Tags": '["a", "b"]',
        "Empty": "",
    }
    assert docket.carried_columns == ("Client", "Balance", "Retainer", "Tags", "Empty")


# --- the bundled firm example -----------------------------------------------------------------


def test_the_firm_example_reads_without_error_and_covers_the_ladder_and_tier_2() -> None:
    tables = firm_map()
    docket = ir.read_docket(
        FIRM / "cases.csv",
        FIRM / "history.csv",
        columns=tables["columns"],
        history_columns=tables["history_columns"],
        date_format="us",
    )
    assert docket.errors == ()
    assert len(docket.cases) == 30
    assert docket.carried_columns == ("Matter #", "Client", "Attorney", "Notes")
    report = ir.decide_docket(docket, as_of=AS_OF)
    assert report.errors == ()
    steps = {d.step for d in report.decisions if d.action is ir.Action.INQUIRE}
    assert {1, 2, 3} <= steps
    levels = {d.level for d in report.decisions if d.action is ir.Action.ESCALATE}
    assert levels == {Level.FIELD_OFFICE_DIRECTOR, Level.TIER_2_SUPERVISOR}
    actions = {d.action for d in report.decisions}
    assert actions >= {
        ir.Action.INQUIRE,
        ir.Action.ESCALATE,
        ir.Action.EXHAUSTED,
        ir.Action.ATTEND_APPOINTMENT,
        ir.Action.REQUEST_APPOINTMENT,
        ir.Action.USE_OTHER_SERVICE,
        ir.Action.NONE,
    }
    assert {c.office for c in docket.cases} >= {"MIA", "HIA", "KND", "OKL", "TAM", "LOS", "WPB"}


def test_the_firm_example_needs_its_options_and_says_which() -> None:
    with pytest.raises(ir.InvalidData) as info:
        ir.read_docket(FIRM / "cases.csv")
    message = str(info.value)
    assert "has unknown columns; got ['Receipt #', 'Outside Processing Times']" in message
    assert "'Receipt #' (did you mean receipt_number?)" in message
    assert "--columns" in message
    # The required columns it lacks are said too, with every column of the file.
    assert "it has no column for receipt_number, office (required)" in message
    with (FIRM / "cases.csv").open(encoding="utf-8") as f:
        headers = next(csv.reader(f))
    assert "the file's columns are " + ", ".join(repr(h) for h in headers) in message
    tables = firm_map()
    del tables["columns"]["Field Office"]
    with pytest.raises(ir.InvalidData) as info:
        ir.read_docket(FIRM / "cases.csv", columns=tables["columns"], date_format="us")
    message = str(info.value)
    assert "lacks required columns; got ['office']" in message
    assert "'Matter #', 'Client', 'Receipt #', 'Form', 'Matter Type', 'Field Office'" in message


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_read_options(parser)
    return parser


def test_the_command_line_options_read_the_firm_example() -> None:
    args = _parser().parse_args(["--columns", str(FIRM / "columns.toml"), "--date-format", "us"])
    docket = docket_from_args(args, str(FIRM / "cases.csv"), str(FIRM / "history.csv"))
    assert (len(docket.cases), docket.errors) == (30, ())
    tables = firm_map()
    inline = ",".join(f"{k}={v}" for k, v in tables["columns"].items())
    history = ",".join(f"{k}={v}" for k, v in tables["history_columns"].items())
    args = _parser().parse_args(
        ["--columns", inline, "--history-columns", history, "--date-format", "%m/%d/%Y"]
    )
    again = docket_from_args(args, str(FIRM / "cases.csv"), str(FIRM / "history.csv"))
    assert again.cases == docket.cases
    assert dict(again.history) == dict(docket.history)


def test_parse_map() -> None:
    assert parse_map("Receipt #=receipt_number, Client=,Notes=carry", "--columns") == (
        {"Receipt #": "receipt_number", "Client": "", "Notes": "carry"},
        None,
    )
    for bad, problem in [
        ("Receipt #", "is not a column map"),
        ("=office", "is not a column map"),
        ("a=office,A=form", "names the column 'A' twice"),
        (",", "is empty"),
        ("missing.toml", "cannot be read"),
    ]:
        with pytest.raises(ir.InvalidValue, match=problem) as info:
            parse_map(bad, "--columns")
        assert info.value.field is not None
        assert info.value.field.startswith("--columns")


def test_bad_toml_maps_and_bad_options_name_the_option(tmp_path: Path) -> None:
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("a = \n", "utf-8")
    not_text = tmp_path / "numbers.toml"
    not_text.write_text('"Receipt #" = 5\n', "utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text("receipt_number,office\nMSC2390012001,MIA\n", "utf-8")
    for argv, flag in [
        (["--columns", str(bad_toml)], "--columns"),
        (["--history-columns", str(not_text)], "--history-columns"),
        (["--columns", "A=nofield"], "--columns"),
        (["--date-format", "%H"], "--date-format"),
    ]:
        with pytest.raises(ir.InvalidValue) as info:
            docket_from_args(_parser().parse_args(argv), str(cases), None)
        assert info.value.field is not None
        assert info.value.field.startswith(flag), str(info.value)


# --- the quick path and the thorough path agree; rows are never lost --------------------------


def _jsonl(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return "".join(json.dumps(row) + "\n" for row in csv.DictReader(f))


def test_csv_read_the_quick_way_and_json_lines_read_the_thorough_way_agree() -> None:
    tables = firm_map()
    options: dict[str, Any] = {
        "columns": tables["columns"],
        "history_columns": tables["history_columns"],
        "date_format": "us",
    }
    from_csv = ir.read_docket(FIRM / "cases.csv", FIRM / "history.csv", **options)
    from_json = read(_jsonl(FIRM / "cases.csv"), _jsonl(FIRM / "history.csv"), **options)
    assert from_json.cases == from_csv.cases
    assert dict(from_json.history) == dict(from_csv.history)
    assert dict(from_json.carried) == dict(from_csv.carried)
    assert dict(from_json.typed) == dict(from_csv.typed)


_BASE_COLUMNS = ["receipt_number", "office", "issue", "received_on", "pressing"]
_ROWS = [
    ["MSC2390012001", "Miami", "Case Delay", "03/15/2021", "Y"],
    ["MSC2390012002", "MIA", "advance parole", "2021-03-16", "no"],
    ["MSC2390012003", "Atlantis", "case delay", "03/17/2021", "x"],  # an error
    ["MSC2390012004", "USCIS Kendall", "", "13/40/2021", ""],  # an error
    ["MSC2390012005", "Hialeah Field Office", "PROOF_OF_STATUS", "", "0"],
    ["", "MIA", "", "", ""],  # an error: no receipt number
    ["MSC2390012002", "MIA", "", "", ""],  # a repeat: an error
]


def _case_word(word: str, how: int) -> str:
    return [word, word.upper(), word.lower(), word.title()][how % 4]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(range(len(_BASE_COLUMNS))),
    extra=st.lists(
        st.sampled_from(["Client", "Matter #", "Attorney", "Notes", "Tags"]), unique=True
    ),
    spots=st.lists(st.integers(0, 10), min_size=5, max_size=5),
    cases_of_words=st.lists(st.integers(0, 3), min_size=len(_ROWS), max_size=len(_ROWS)),
    rows=st.lists(st.integers(0, len(_ROWS) - 1), max_size=8),
)
def test_columns_in_any_order_extra_columns_and_words_in_any_case_give_the_same_cases(
    order: list[int],
    extra: list[str],
    spots: list[int],
    cases_of_words: list[int],
    rows: list[int],
) -> None:
    def reference() -> ir.Docket:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_BASE_COLUMNS)
        writer.writerows(_ROWS[r] for r in rows)
        return read(out.getvalue(), date_format="us")

    headers: list[str] = [_BASE_COLUMNS[i] for i in order]
    for name, spot in zip(extra, spots, strict=False):
        headers.insert(spot % (len(headers) + 1), name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for r in rows:
        values = dict(zip(_BASE_COLUMNS, _ROWS[r], strict=True))
        how = cases_of_words[r]
        values["issue"] = _case_word(values["issue"], how)
        values["pressing"] = _case_word(values["pressing"], how)
        writer.writerow([values.get(h, f"{h} of row {r}") for h in headers])
    docket = read(out.getvalue(), date_format="us")
    expected = reference()
    assert docket.cases == expected.cases
    assert docket.lines == expected.lines
    assert docket.carried_columns == tuple(h for h in headers if h in extra)
    # Every row is a case or an error, exactly once (a row may have several errors, on its line).
    error_lines = {e.line for e in docket.errors}
    assert error_lines.isdisjoint(docket.lines)
    assert sorted([*docket.lines, *error_lines]) == list(range(2, 2 + len(rows)))
    assert error_lines == {e.line for e in expected.errors}


def test_the_documented_table_is_the_tables_data() -> None:
    page = (ROOT / "docs" / "concepts" / "firm-export.md").read_text("utf-8")
    documented = re.findall(r"^\| `(\w+)` \| `([\w:]+)` \| (.+?) \|$", page, flags=re.M)
    words = [
        (kind, value, ", ".join(f"`{w}`" for w in ws.split(", ")))
        for kind, value, ws in table_rows()
    ]
    assert [(k, v, w.strip()) for k, v, w in documented] == words


# --- the thorough path's corners --------------------------------------------------------------


def test_values_that_are_right_alone_but_not_together_are_one_error() -> None:
    docket = read(
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC2390012001,MIA,2021-03-15,2021-03-14\n"
    )
    (error,) = docket.errors
    assert (error.field, error.receipt_number) == ("outside_processing_times_on", "MSC2390012001")
    assert "is before received_on (2021-03-15)" in error.message


def test_lists_in_a_cell_name_their_bad_element() -> None:
    docket = read(
        "receipt_number,office,circumstances,deadlines\n"
        "MSC2390012001,MIA,health; wealth,2026-12-01\n"
    )
    assert [(e.field, e.message.split(";")[0]) for e in docket.errors] == [
        ("circumstances", "must be a Circumstance"),
        ("deadlines", "is not a deadline"),
    ]
    ok = read(
        "receipt_number,office,circumstances,deadlines\n"
        "MSC2390012001,MIA,Health;EMPLOYMENT,12/01/2026: trip; 2027-01-02:job\n",
        date_format="us",
    )
    (case,) = ok.cases
    assert {c.name for c in case.circumstances} == {"HEALTH", "EMPLOYMENT"}
    assert [(d.on, d.what) for d in case.deadlines] == [
        (dt.date(2026, 12, 1), "trip"),
        (dt.date(2027, 1, 2), "job"),
    ]


def test_json_lines_corners() -> None:
    rows = [
        {"receipt_number": "MSC2390012001", "office": "MIA", "Office ": "HIA"},  # twice
        {"receipt_number": "MSC2390012002", "office": "MIA", "bad\u001bkey": "x"},
        {
            "receipt_number": "MSC2390012003",
            "office": "MIA",
            "Dropped": "x",
            "deadlines": [{"on": 5, "what": "x"}],
        },
        {
            "receipt_number": "MSC2390012004",
            "office": "MIA",
            "deadlines": [{"on": "2026-12-01", "what": "trip"}],
            "pressing": True,
        },
    ]
    docket = read("".join(json.dumps(r) + "\n" for r in rows), columns={"dropped": ""})
    assert [(e.line, e.field) for e in docket.errors] == [
        (1, "Office "),
        (2, "bad\u001bkey"),
        (3, "deadlines"),
    ]
    (case,) = docket.cases
    assert (case.receipt_number, case.pressing) == ("MSC2390012004", True)
    assert docket.carried == {}  # a dropped key is not carried
    with pytest.raises(ir.InvalidValue, match="a field of the history file"):
        read(json.dumps({**rows[3], "Attorney": "A"}) + "\n", columns={"Attorney": "attorney"})


def test_history_rows_of_each_kind_are_checked_whole() -> None:
    cases = "receipt_number,office\nMSC2390012001,MIA\nMSC2390012002,MIA\n"
    history = (
        "receipt_number,kind,on,channel,outcome,office,attorney\n"
        "MSC2390012001,appointment,2026-12-10,PHONE,resolved,,A. Reyes\n"
        "MSC2390012002,appointment,2026-12-10,,,USCIS Hialeah,A. Reyes\n"
        "MSC2399999999,call,2026-10-01,,,,\n"
    )
    docket = read(cases, history)
    found = [(e.source, e.line, e.field) for e in docket.errors]
    assert found == [
        ("<cases>", 2, "history"),
        ("<history>", 2, "channel"),
        ("<history>", 2, "outcome"),
        ("<history>", 2, "office"),
        ("<history>", 4, "receipt_number"),
    ]
    (appointment,) = docket.history["MSC2390012002"]
    assert appointment == ir.Appointment(
        dt.date(2026, 12, 10), "HIA", ("MSC2390012002",), "A. Reyes"
    )


def test_bad_history_lines_block_their_case_and_the_others_are_read() -> None:
    cases = b"receipt_number,office\nMSC2390012001,MIA\nMSC2390012002,MIA\nMSC2390012003,MIA\n"
    history = (
        b"receipt_number,kind,on,note\n"
        b'MSC2390012001,call,2026-10-01,"never closed\n'
        b"MSC2390012002,call,2026-10-01,Jos\xe9\n"
        b"MSC2390012003,call,2026-10-01,fine\n"
    )
    docket = ir.read_docket(io.BytesIO(cases), io.BytesIO(history))
    assert [c.receipt_number for c in docket.cases] == ["MSC2390012003"]
    assert [(e.source, e.line) for e in docket.errors] == [
        ("<cases>", 2),
        ("<cases>", 3),
        ("<history>", 2),
        ("<history>", 3),
    ]


def test_quoted_rows_read_as_the_csv_module_reads_them() -> None:
    docket = read(
        'receipt_number,office,Client\n"",""," "\n"MSC2390012001","MIA","Ana, ""Ani"""\n'
        '"MSC2390012002",MIA\n'
    )
    assert docket.carried == {"MSC2390012001": {"Client": 'Ana, "Ani"'}}
    (error,) = docket.errors
    assert (error.line, error.message) == (4, "has 2 cells; the header has 3")
    assert error.receipt_number == "MSC2390012002"


def test_requests_beyond_uscis_are_read_in_a_firms_words() -> None:
    # A request to the CIS Ombudsman or a congressional inquiry, by its kind or its channel: never
    # read as an inquiry to USCIS by another channel.
    cases = "receipt_number,office\nMSC2390012001,MIA\n"
    history = (
        "Receipt #,Type,Date,Method\n"
        "MSC2390012001,Ombudsman request,2026-01-10,\n"
        "MSC2390012001,Congressional inquiry,2026-02-01,\n"
        "MSC2390012001,Inquiry,2026-02-02,Case Assistance\n"
        "MSC2390012001,Inquiry,2026-02-03,congress\n"
    )
    docket = ir.read_docket(
        io.StringIO(cases),
        io.StringIO(history),
        history_columns={
            "Receipt #": "receipt_number",
            "Type": "kind",
            "Date": "on",
            "Method": "channel",
        },
    )
    assert docket.errors == ()
    assert [item.channel for item in docket.history["MSC2390012001"]] == [
        ir.Channel.OMBUDSMAN,
        ir.Channel.CONGRESS,
        ir.Channel.OMBUDSMAN,
        ir.Channel.CONGRESS,
    ]
