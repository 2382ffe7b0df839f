"""The docket: read_docket (CSV and JSON Lines, streamed, columns mapped, bad rows kept as errors
with their file and line), decide_docket (every case decided or in error, in docket order), the
report's rows, CSV and DataFrame, and the bundled example docket."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.docket import (
    CASE_FIELDS,
    EXAMPLE_AS_OF,
    HISTORY_FIELDS,
    ROW_FIELDS,
    example_docket_files,
)

AS_OF = date(2019, 2, 25)

CASES_CSV = """\
receipt_number,office,issue,form,received_on,outside_processing_times_on,deadlines,circumstances,pressing
MSC1891000001,Miami,,,2017-06-12,2018-12-03,2019-04-15:job;2019-05-01:trip,health; Employment,yes
MSC1891000002,MIA,case delay,N-400,2017-09-05,2018-10-01,,,no
MSC-18-910-00003,HIA,,,,2018-08-01,,,
"""
HISTORY_CSV = """\
receipt_number,kind,on,channel,outcome,level,reference,note,office,attorney
MSC1891000002,inquiry,2019-01-07,InfoPass,,information officer,,"Said: ""wait"", then
call back",,
MSC1891000003,Inquiry,2018-08-06,INFOPASS,UNRESOLVED,,,,,
MSC1891000003,appointment,2018-10-08,,,,,,Hialeah FL,A. Reyes
"""


def as_jsonl(text: str) -> str:
    rows = csv.DictReader(io.StringIO(text))
    return "".join(json.dumps({k: (v or None) for k, v in row.items()}) + "\n" for row in rows)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_csv_docket_is_read_with_its_values_and_history(tmp_path: Path) -> None:
    docket = ir.read_docket(
        write(tmp_path, "cases.csv", CASES_CSV), write(tmp_path, "history.csv", HISTORY_CSV)
    )
    assert docket.errors == ()
    first, second, third = docket.cases
    assert first.deadlines == (
        ir.Deadline(date(2019, 4, 15), "job"),
        ir.Deadline(date(2019, 5, 1), "trip"),
    )
    assert first.circumstances == {ir.Circumstance.HEALTH, ir.Circumstance.EMPLOYMENT}
    assert first.pressing is True
    assert second.issue is ir.Issue.CASE_DELAY
    assert third.receipt_number == "MSC1891000003"
    assert docket.lines == (2, 3, 4)
    (inquiry,) = docket.history["MSC1891000002"]
    assert inquiry == ir.Inquiry(
        date(2019, 1, 7),
        ir.Channel.INFOPASS,
        level=ir.Level.INFORMATION_OFFICER,
        receipt_number="MSC1891000002",
        note='Said: "wait", then\ncall back',
    )
    assert docket.history["MSC1891000003"][1] == ir.Appointment(
        date(2018, 10, 8), "HIA", ("MSC1891000003",), attorney="A. Reyes"
    )
    assert len(docket) == 3


def test_csv_and_json_lines_give_the_same_report(tmp_path: Path) -> None:
    from_csv = ir.read_docket(
        write(tmp_path, "c.csv", CASES_CSV), write(tmp_path, "h.csv", HISTORY_CSV)
    )
    from_jsonl = ir.read_docket(
        write(tmp_path, "c.jsonl", as_jsonl(CASES_CSV)),
        write(tmp_path, "h.jsonl", as_jsonl(HISTORY_CSV)),
    )
    assert from_jsonl.cases == from_csv.cases
    assert dict(from_jsonl.history) == dict(from_csv.history)
    # The same rows but their line (a CSV file's first row is on line 2, a JSON Lines file's
    # on line 1).
    from_csv_rows = ir.decide_docket(from_csv, as_of=AS_OF).rows()
    from_jsonl_rows = ir.decide_docket(from_jsonl, as_of=AS_OF).rows()
    assert [r.pop("line") - 1 for r in from_csv_rows] == [r.pop("line") for r in from_jsonl_rows]
    assert from_jsonl_rows == from_csv_rows


def test_the_format_of_a_file_object_is_sniffed_from_its_content() -> None:
    by_csv = ir.read_docket(io.StringIO(CASES_CSV), io.StringIO(HISTORY_CSV))
    by_json = ir.read_docket(
        io.StringIO(as_jsonl(CASES_CSV)), io.BytesIO(as_jsonl(HISTORY_CSV).encode())
    )
    assert by_json.cases == by_csv.cases
    assert dict(by_json.history) == dict(by_csv.history)
    assert by_csv.source == "<cases>"


def test_json_lines_takes_json_lists_and_bools() -> None:
    line = {
        "receipt_number": "MSC1891000001",
        "office": "MIA",
        "deadlines": [{"on": "2019-04-15", "what": "job"}, "2019-05-01:trip"],
        "circumstances": ["health"],
        "pressing": True,
    }
    (case,) = ir.read_docket(io.StringIO(json.dumps(line))).cases
    assert [d.what for d in case.deadlines] == ["job", "trip"]
    assert case.circumstances == {ir.Circumstance.HEALTH}
    assert case.pressing


def test_columns_maps_the_firms_names_and_ignores_those_mapped_to_nothing() -> None:
    cases = "A-Number,Client,Office,Received On\nMSC1891000001,Ana,Miami,2017-06-12\n"
    history = "A-Number,Type,Date,How\nMSC1891000001,inquiry,2019-01-07,mail\n"
    columns = {
        "A-Number": "receipt_number",
        "Client": "",
        "Type": "kind",
        "Date": "on",
        "How": "channel",
    }
    docket = ir.read_docket(io.StringIO(cases), io.StringIO(history), columns=columns)
    assert docket.errors == ()
    assert docket.cases[0].office == "MIA"  # "Office" matched office by its name
    assert docket.cases[0].received_on == date(2017, 6, 12)
    assert docket.history["MSC1891000001"][0].channel is ir.Channel.MAIL
    bad = ir.read_docket(
        io.StringIO("A-Number,Office\nXX,Miami\n"), columns={"A-Number": "receipt_number"}
    )
    assert bad.errors[0].field == "A-Number"  # the error names the firm's column


def test_columns_mapping_to_an_unknown_field_is_an_error() -> None:
    with pytest.raises(ir.InvalidValue, match=r"columns\['A'\]: maps to an unknown field"):
        ir.read_docket(io.StringIO(CASES_CSV), columns={"A": "receipt"})


def test_bad_rows_are_errors_with_file_line_and_column(tmp_path: Path) -> None:
    cases = write(
        tmp_path,
        "cases.csv",
        "receipt_number,office,received_on,pressing\n"
        "MSC1891000001,Miami,2017-06-12,no\n"
        "MSC1891000002,Atlantis,2017-06-12,no\n"  # unknown office
        "MSC1891000003,MIA,06/12/2017,no\n"  # not ISO
        "MSC1891000004,MIA,2017-06-12,maybe\n"  # not yes/no
        "\n"
        "MSC1891000001,MIA,,\n"  # a repeat
        "MSC1891000005,MIA\n"  # too few cells
        "MSC1891000006,MIA,2017-06-12,no\n",
    )
    history = write(
        tmp_path,
        "history.csv",
        "receipt_number,kind,on,channel,office\n"
        "MSC1891000006,inquiry,2019-01-07,fax,\n"  # unknown channel: blocks the case
        "MSC1899999999,inquiry,2019-01-07,mail,\n"  # unknown case
        "MSC1891000001,inquiry,2019-01-07,mail,MIA\n",  # an office on an inquiry
    )
    docket = ir.read_docket(cases, history)
    assert docket.cases == ()
    found = [(e.source, e.line, e.field, e.receipt_number) for e in docket.errors]
    assert found == [
        (str(cases), 2, "history", "MSC1891000001"),
        (str(cases), 3, "office", "MSC1891000002"),
        (str(cases), 4, "received_on", "MSC1891000003"),
        (str(cases), 5, "pressing", "MSC1891000004"),
        (str(cases), 7, "receipt_number", "MSC1891000001"),
        (str(cases), 8, "", "MSC1891000005"),
        (str(cases), 9, "history", "MSC1891000006"),
        (str(history), 2, "channel", "MSC1891000006"),
        (str(history), 3, "receipt_number", "MSC1899999999"),
        (str(history), 4, "office", "MSC1891000001"),
    ]
    assert "expected YYYY-MM-DD" in docket.errors[2].message
    assert str(docket.errors[3]).startswith(f"{cases}:5: pressing: is not yes or no")
    report = ir.decide_docket(docket, as_of=AS_OF)
    # One row per case row: a history row's error is told in its case's row (line 9's bad
    # channel, line 2's inquiry with an office); the history row of no case is in no row.
    rows = report.rows()
    assert [(r["line"], r["error"] is not None) for r in rows] == [
        (n, True) for n in (2, 3, 4, 5, 7, 8, 9)
    ]
    assert f"{history}:2: channel:" in rows[-1]["error"]
    assert f"{history}:4: office:" in rows[0]["error"]
    assert f"{history}:4:" not in rows[4]["error"]  # line 7 repeats the case: told once
    assert [(e.line, e.receipt_number) for e in report.errors_of_no_case] == [(3, "MSC1899999999")]
    assert len(report.errors) == 10
    assert len(docket) == 7


def test_a_case_the_engine_refuses_is_an_error_row_and_the_others_are_decided() -> None:
    cases = (
        "receipt_number,office,issue,received_on\n"
        "MSC1891000001,MIA,,2017-06-12\n"
        "MSC1891000002,BOS,file application,\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(cases)), as_of=AS_OF)
    (error,) = report.errors
    assert (error.line, error.receipt_number) == (2, "MSC1891000001")
    assert "outside normal processing times" in error.message
    assert [r["receipt_number"] for r in report.rows()] == ["MSC1891000001", "MSC1891000002"]
    assert report.counts[ir.Action.USE_OTHER_SERVICE] == 1
    assert sum(report.counts.values()) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("receipt_number,offce\n", r"<cases>:1: has unknown columns; got \['offce'\]"),
        ("receipt_number,issue\n", r"<cases>:1: lacks required columns; got \['office'\]"),
        ("receipt_number,office,Office\n", r"<cases>:1: names the field office twice"),
    ],
)
def test_a_bad_header_is_an_error_naming_file_and_line(text: str, problem: str) -> None:
    with pytest.raises(ir.InvalidData, match=problem):
        ir.read_docket(io.StringIO(text))


def test_a_file_that_cannot_be_read_or_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ir.InvalidData, match=r"nowhere\.csv: cannot be read"):
        ir.read_docket(tmp_path / "nowhere.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"receipt_number,office\nMSC1891000001,Mi\xe1mi\n")
    (error,) = ir.read_docket(latin).errors  # D4: the row is the error, not the file
    assert str(error).startswith(f"{latin}:2: office: is not UTF-8 text (byte 0xe1)")
    assert error.receipt_number == "MSC1891000001"
    with pytest.raises(ir.InvalidValue, match="must be a path or an open file"):
        ir.read_docket(42)  # type: ignore[arg-type]


def test_bad_json_lines_are_errors_and_the_others_are_read() -> None:
    text = (
        '{"receipt_number": "MSC1891000001", "office": "MIA"}\n'
        "not json\n"
        "[1, 2]\n"
        '{"receipt_number": "MSC1891000002", "office": "MIA", "recieved_on": "2017-06-12"}\n'
        '{"receipt_number": "MSC1891000003", "office": "MIA", "pressing": 1}\n'
    )
    docket = ir.read_docket(io.StringIO(text))
    assert [c.receipt_number for c in docket.cases] == ["MSC1891000001"]
    assert [(e.line, e.field) for e in docket.errors] == [
        (2, ""),
        (3, ""),
        (4, "recieved_on"),
        (5, "pressing"),
    ]


def test_an_empty_file_is_an_empty_docket() -> None:
    report = ir.decide_docket(ir.read_docket(io.StringIO("")), as_of=AS_OF)
    assert report.rows() == []
    assert report.counts == dict.fromkeys(ir.Action, 0)


def test_decide_docket_checks_its_arguments() -> None:
    with pytest.raises(ir.InvalidValue, match="docket: must be a Docket"):
        ir.decide_docket([], as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(ir.InvalidValue, match="as_of"):
        ir.decide_docket(ir.example_docket(), as_of="2019-02-25")  # type: ignore[arg-type]


def test_the_example_docket_covers_every_action_and_reads_without_error() -> None:
    docket = ir.example_docket()
    assert docket.errors == ()
    assert len(docket.cases) == 40
    report = ir.decide_docket(docket, as_of=EXAMPLE_AS_OF)
    assert report.errors == ()
    assert all(report.counts[a] > 0 for a in ir.Action)
    assert {r["action"] for r in report.rows()} == {a.name for a in ir.Action}
    offices = {c.office for c in docket.cases}
    assert {"MIA", "HIA", "KND", "OKL", "LOS", "HAR"} <= offices
    assert {c.issue for c in docket.cases} == set(ir.Issue)
    channels = {i.channel for h in docket.history.values() for i in h if isinstance(i, ir.Inquiry)}
    # Every channel of an inquiry to USCIS (a CIS Ombudsman or congressional request is no
    # inquiry to USCIS: it is a remedy beside the procedures).
    assert channels == set(ir.Channel) - {ir.Channel.OMBUDSMAN, ir.Channel.CONGRESS}
    kinds = {w.kind for d in report.decisions for w in d.warnings}
    assert {ir.WarningKind.PREMATURE, ir.WarningKind.NOT_YET_RECEIVED} <= kinds
    assert [d.receipt_number for d in report.decisions] == [c.receipt_number for c in docket.cases]
    assert report.as_of == EXAMPLE_AS_OF
    assert report.ruleset_version == ir.RULESET_VERSION


def test_rows_flatten_a_decision() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    rows = {r["receipt_number"]: r for r in report.rows()}
    waiting = rows["MSC1891000002"]
    assert waiting == {
        **waiting,
        "line": 3,
        "office": "MIA",
        "action": "INQUIRE",
        "what_to_do": (
            "Make an inquiry (ladder step 2 of 3); from 2019-03-09 (not yet allowed on 2019-02-25)"
        ),
        "step": 2,
        "level": None,
        "earliest": "2019-03-09",
        "allowed": False,
        "due": "waiting",
        "channels": ["CONTACT_CENTER", "E_REQUEST"],
        "warnings": [],
        "error": None,
        "change": None,
        "since": None,
    }
    assert waiting["why_not_yet"].startswith("Not yet allowed on 2019-02-25: ")
    assert "under MIA-SECOND" in waiting["why_not_yet"]
    assert "MIA-SECOND" in waiting["rule_ids"]
    assert rows["MSC1891000004"]["level"] == "FIELD_OFFICE_DIRECTOR"
    assert all(tuple(r) == ROW_FIELDS for r in rows.values())


def test_to_csv_round_trips_the_rows(tmp_path: Path) -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    path = tmp_path / "out.csv"
    report.to_csv(path)
    with path.open(encoding="utf-8", newline="") as f:
        back = list(csv.DictReader(f))

    def cell(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return "; ".join(value)
        return "" if value is None else str(value)

    expected = [{k: cell(v) for k, v in r.items()} for r in report.rows()]
    assert back == expected
    out = io.StringIO()
    report.to_csv(out)
    assert out.getvalue() == path.read_text("utf-8") == report.to_csv_text()
    with pytest.raises(ir.InvalidData, match="cannot be written"):
        report.to_csv(tmp_path / "no" / "such" / "dir.csv")


def test_to_dataframe() -> None:
    pandas = pytest.importorskip("pandas")
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    frame = report.to_dataframe()
    assert list(frame.columns) == list(ROW_FIELDS)
    assert len(frame) == 40
    assert pandas.api.types.is_datetime64_any_dtype(frame["earliest"])
    assert str(frame["step"].dtype) == "Int64"
    assert frame["allowed"].dtype == bool
    assert frame.loc[1, "earliest"] == pandas.Timestamp("2019-03-09")
    assert frame.loc[1, "channels"] == ["CONTACT_CENTER", "E_REQUEST"]
    assert frame["action"].value_counts()["INQUIRE"] == report.counts[ir.Action.INQUIRE]


def test_the_example_files_are_the_documented_fields() -> None:
    cases, history = example_docket_files()
    assert tuple(cases.read_text("utf-8").splitlines()[0].split(",")) == CASE_FIELDS
    assert tuple(history.read_text("utf-8").splitlines()[0].split(",")) == HISTORY_FIELDS


def test_pairs_feed_the_planner() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    requests = ir.requests_from_decisions(report.pairs())
    assert {r.receipt_number for r in requests} >= {"EAC1891000020", "MSC1891000001"}


# --- hardening, third round (issue 28): D1-D6, A1-A3, O1 ----------------------------------------

_HEADER = "receipt_number,office"
_FIVE = [f"MSC18910000{i:02d},MIA" for i in range(1, 6)]


def _numbers(docket: ir.Docket) -> list[str]:
    return [c.receipt_number for c in docket.cases]


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"])
def test_d1_every_line_ending_ends_one_line(end: str) -> None:
    raw = end.join([_HEADER, *_FIVE]) + end
    for file in (io.BytesIO(raw.encode()), io.StringIO(raw, newline="")):
        docket = ir.read_docket(file)
        assert _numbers(docket) == [row.split(",")[0] for row in _FIVE]
        assert docket.lines == (2, 3, 4, 5, 6)


def test_d1_one_cr_ended_row_loses_nothing_in_csv_and_json_lines() -> None:
    raw = f"{_HEADER}\n{_FIVE[0]}\r{_FIVE[1]}\n{_FIVE[2]}\n"
    assert len(ir.read_docket(io.BytesIO(raw.encode())).cases) == 3
    jsonl = (
        '{"receipt_number": "MSC1891000001", "office": "MIA"}\r'
        '{"receipt_number": "MSC1891000002", "office": "MIA"}\n'
    )
    docket = ir.read_docket(io.BytesIO(jsonl.encode()))
    assert (len(docket.cases), docket.errors) == (2, ())


def test_d1_a_crlf_split_between_two_chunks_is_one_line_end(tmp_path: Path) -> None:
    from infopass_rules.edges.docket import reading

    head = f"{_HEADER},category\r\n"
    padding = "x" * (reading._CHUNK - len(head) - len(_FIVE[0]) - 2)  # the CR ends the chunk
    raw = f"{head}{_FIVE[0]},{padding}\r\n{_FIVE[1]},\r\n"
    assert raw.encode()[reading._CHUNK - 1 : reading._CHUNK + 1] == b"\r\n"
    path = tmp_path / "split.csv"
    path.write_bytes(raw.encode())
    docket = ir.read_docket(path)
    assert sorted([*docket.lines, *(e.line for e in docket.errors)]) == [2, 3]


def test_d2_an_unbalanced_quote_in_the_header_is_an_error_of_the_file() -> None:
    raw = '"receipt_number,office\n' + "\n".join(_FIVE) + "\n"
    with pytest.raises(ir.InvalidData, match=r"<cases>:1: .*unbalanced quote"):
        ir.read_docket(io.StringIO(raw))


def test_d3_an_unbalanced_quote_mid_file_swallows_no_row() -> None:
    rows = list(_FIVE)
    rows[1] = 'MSC1891000002,"oops'
    docket = ir.read_docket(io.StringIO("\n".join([_HEADER, *rows]) + "\n"))
    assert _numbers(docket) == ["MSC1891000001", "MSC1891000003", "MSC1891000004", "MSC1891000005"]
    (error,) = docket.errors
    assert (error.line, error.receipt_number) == (3, "MSC1891000002")
    assert "unbalanced" in error.message
    assert len(docket) == 5  # every row: a case or an error


def test_d3_a_quote_closed_rows_later_is_an_error_and_the_rows_between_are_read() -> None:
    rows = list(_FIVE)
    rows[1] = 'MSC1891000002,"MIA'
    rows[3] = 'MSC1891000004,MIA"'
    docket = ir.read_docket(io.StringIO("\n".join([_HEADER, *rows]) + "\n"))
    assert [e.line for e in docket.errors] == [3, 5]
    assert _numbers(docket) == ["MSC1891000001", "MSC1891000003", "MSC1891000005"]


def test_d3_a_quoted_cell_over_several_lines_is_still_one_row() -> None:
    history = (
        "receipt_number,kind,on,channel,note\n"
        'MSC1891000001,inquiry,2018-01-02,INFOPASS,"first line\nsecond line"\n'
        "MSC1891000001,inquiry,2018-03-02,INFOPASS,\n"
    )
    docket = ir.read_docket(io.StringIO(_HEADER + "\n" + _FIVE[0] + "\n"), io.StringIO(history))
    assert docket.errors == ()
    first, _ = docket.history["MSC1891000001"]
    assert isinstance(first, ir.Inquiry)
    assert first.note == "first line\nsecond line"


def test_d3_a_quote_running_over_max_record_lines_is_bounded() -> None:
    from infopass_rules.edges.docket.reading import MAX_RECORD_LINES

    rows = [f"MSC1891{i:06d},MIA" for i in range(1, MAX_RECORD_LINES * 3)]
    rows[0] = 'MSC1891000001,"MIA'
    docket = ir.read_docket(io.StringIO("\n".join([_HEADER, *rows]) + "\n"))
    assert len(docket) == len(rows)
    assert [e.line for e in docket.errors] == [2]


def test_d4_one_windows_1252_row_is_an_error_of_that_row_alone(tmp_path: Path) -> None:
    raw = (
        f"{_HEADER},category\n".encode()
        + b"MSC1891000001,MIA,\nMSC1891000002,MIA,\nMSC1891000003,MIA,Jos\xe9\n"
        + b"MSC1891000004,MIA,\n"
    )
    path = tmp_path / "cp1252.csv"
    path.write_bytes(raw)
    for file in (path, io.BytesIO(raw)):
        docket = ir.read_docket(file)
        assert _numbers(docket) == ["MSC1891000001", "MSC1891000002", "MSC1891000004"]
        (error,) = docket.errors
        assert (error.line, error.field, error.receipt_number) == (4, "category", "MSC1891000003")
        assert error.message.startswith("is not UTF-8 text (byte 0xe9)")
    jsonl = b'{"receipt_number": "MSC1891000001", "office": "Jos\xe9"}\n'
    (error,) = ir.read_docket(io.BytesIO(jsonl)).errors
    assert (error.line, error.receipt_number) == (1, "MSC1891000001")


def test_d4_a_header_not_in_utf8_is_an_error_of_the_file() -> None:
    with pytest.raises(ir.InvalidData, match=r"<cases>:1: is not UTF-8 text"):
        ir.read_docket(io.BytesIO(b"receipt_number,office,J\xe9\nMSC1891000001,MIA,x\n"))


def test_d5_columns_mapping_to_the_other_files_field() -> None:
    cases = io.StringIO("receipt_number,office,Attorney\nMSC1891000001,MIA,Ann\n")
    with pytest.raises(ir.InvalidValue, match=r"'Attorney' of <cases> .* to attorney, a field of"):
        ir.read_docket(cases, columns={"Attorney": "attorney"})
    jsonl = io.StringIO('{"receipt_number": "MSC1891000001", "office": "MIA", "Attorney": "A"}\n')
    with pytest.raises(ir.InvalidValue, match=r"history_columns="):
        ir.read_docket(jsonl, columns={"Attorney": "attorney"})
    # The same mapping serves the history file, where attorney is a field.
    history = io.StringIO(
        "receipt_number,kind,on,office,Attorney\nMSC1891000001,appointment,2019-01-02,MIA,Ann\n"
    )
    docket = ir.read_docket(
        io.StringIO(f"{_HEADER}\n{_FIVE[0]}\n"), history, columns={"Attorney": "attorney"}
    )
    assert docket.errors == ()


class _ReadsInts:
    def read(self, size: int = -1) -> object:
        return 5


def _closed(tmp_path: Path) -> object:
    file = (tmp_path / "closed.csv").open("w")
    file.close()
    return file


@pytest.mark.parametrize(
    ("make", "error", "field"),
    [
        (lambda p: _closed(p), ir.InvalidValue, "closed.csv"),
        (lambda p: (p / "write-only.csv").open("w"), ir.InvalidData, "write-only.csv"),
        (lambda p: iter([1, 2]), ir.InvalidValue, "cases"),
        (lambda p: _ReadsInts(), ir.InvalidValue, "<cases>"),
        (lambda p: "cases\0.csv", ir.InvalidValue, "cases"),
        (lambda p: b"cases.csv", ir.InvalidValue, "cases"),
        (lambda p: p, ir.InvalidData, "pytest"),
    ],
    ids=["closed", "write-only", "iterator-of-ints", "reads-ints", "nul-path", "bytes", "folder"],
)
def test_d6_unusable_files_and_paths(
    tmp_path: Path, make: Callable[[Path], object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as info:
        ir.read_docket(make(tmp_path))  # type: ignore[arg-type]
    assert field in str(info.value)


def _report() -> ir.DocketReport:
    return ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda p: None, ir.InvalidValue),
        (lambda p: 3, ir.InvalidValue),
        (lambda p: bytes(p / "out.csv"), ir.InvalidValue),
        (lambda p: str(p / "out\0.csv"), ir.InvalidValue),
        (lambda p: p, ir.InvalidData),
        (lambda p: io.BytesIO(), ir.InvalidValue),
        (lambda p: _closed(p), ir.InvalidValue),
        (lambda p: (p / "closed.csv").open(), ir.InvalidData),
        (lambda p: p / "missing" / "out.csv", ir.InvalidData),
    ],
    ids=["none", "int", "bytes", "nul", "folder", "bytesio", "closed", "read-only", "no-folder"],
)
def test_a1_to_csv_refuses_bad_targets(
    tmp_path: Path, make: Callable[[Path], object], error: type[Exception]
) -> None:
    (tmp_path / "closed.csv").write_text("")
    with pytest.raises(error):
        _report().to_csv(make(tmp_path))  # type: ignore[arg-type]


def test_a2_the_progress_callback_cannot_change_the_report() -> None:
    docket = ir.example_docket()
    plain = ir.decide_docket(docket, as_of=EXAMPLE_AS_OF)
    for progress in (
        lambda it: list(it)[:3],
        lambda it: [10**6],
        lambda it: itertools.count(),
        lambda it: itertools.chain(it, it),
        lambda it: (),
    ):
        assert ir.decide_docket(docket, as_of=EXAMPLE_AS_OF, progress=progress) == plain
    for bad in (lambda it: None, 5):
        with pytest.raises(ir.InvalidValue, match="progress"):
            ir.decide_docket(docket, as_of=EXAMPLE_AS_OF, progress=bad)  # type: ignore[arg-type]


def test_a3_a_hand_built_docket_is_checked() -> None:
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=dt.date(2015, 1, 5))
    inquiry = ir.Inquiry(dt.date(2015, 1, 6), ir.Channel.INFOPASS)
    with pytest.raises(ir.InvalidValue, match=r"cases\[0\]: must be a Case"):
        ir.Docket(cases=[1])  # type: ignore[list-item]
    with pytest.raises(ir.InvalidValue, match="cases: must be a collection"):
        ir.Docket(cases=None)  # type: ignore[arg-type]
    with pytest.raises(ir.InvalidValue, match=r"history\['MSC1490099999'\]: is not the receipt"):
        ir.Docket(cases=[case], history={"MSC1490099999": [inquiry]})
    with pytest.raises(ir.InvalidValue, match=r"history\['MSC1490012345'\]\[0\]"):
        ir.Docket(cases=[case], history={"MSC1490012345": ["inquiry"]})  # type: ignore[list-item]
    # A receipt number written otherwise is the case's: its step is never advised again.
    docket = ir.Docket(cases=[case], history={"msc1490012345": [inquiry]})
    report = ir.decide_docket(docket, as_of=dt.date(2015, 2, 1))
    fresh = ir.next_action(case, [inquiry], as_of=dt.date(2015, 2, 1))
    assert report.decisions == (fresh,)


def test_o1_to_csv_neutralises_spreadsheet_formulas(tmp_path: Path) -> None:
    raw = (
        f"{_HEADER}\n"
        'MSC1891000001,"=HYPERLINK(""http://x"",""y"")"\n'
        "=cmd|' /C calc'!A0,MIA\n+1,MIA\n-1,MIA\n@SUM(A1),MIA\n\tx,MIA\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(raw)), as_of=EXAMPLE_AS_OF)
    path = tmp_path / "report.csv"
    report.to_csv(path)
    for text in (path.read_text("utf-8"), report.to_csv_text()):
        rows = list(csv.DictReader(io.StringIO(text)))
        cells = [cell for row in rows for cell in row.values()]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert rows[0]["office"] == '\'=HYPERLINK("http://x","y")'
        assert rows[1]["receipt_number"] == "'=cmd|' /C calc'!A0"
    # rows() (JSON, pandas) keep the value as read.
    assert report.rows()[1]["receipt_number"] == "=cmd|' /C calc'!A0"


def test_c5_to_csv_replaces_the_old_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.csv"
    path.write_text("the old report\n")
    real_write = os.write

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 100:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(ir.InvalidData, match=r"report.csv: cannot be written .*nothing changed"):
        _report().to_csv(path)
    monkeypatch.undo()
    assert path.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # no temporary left
    _report().to_csv(path)
    assert path.read_text("utf-8") == _report().to_csv_text()
