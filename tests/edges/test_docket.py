"""The docket: read_docket (CSV and JSON Lines, streamed, columns mapped, bad rows kept as errors
with their file and line), decide_docket (every case decided or in error, in docket order), the
report's rows, CSV and DataFrame, and the bundled example docket."""

from __future__ import annotations

import csv
import io
import json
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
    assert (
        ir.decide_docket(from_jsonl, as_of=AS_OF).rows()
        == ir.decide_docket(from_csv, as_of=AS_OF).rows()
    )


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
    assert [r["error"] is not None for r in report.rows()] == [True] * 10
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
        '{"receipt_number": "MSC1891000002", "office": "MIA", "client": "Ana"}\n'
        '{"receipt_number": "MSC1891000003", "office": "MIA", "pressing": 1}\n'
    )
    docket = ir.read_docket(io.StringIO(text))
    assert [c.receipt_number for c in docket.cases] == ["MSC1891000001"]
    assert [(e.line, e.field) for e in docket.errors] == [
        (2, ""),
        (3, ""),
        (4, "client"),
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
    assert channels == set(ir.Channel)
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
        "office": "MIA",
        "action": "INQUIRE",
        "step": 2,
        "level": None,
        "earliest": "2019-03-09",
        "allowed": False,
        "channels": "CONTACT_CENTER; E_REQUEST",
        "error": None,
    }
    assert waiting["waits"].startswith("MIA-SECOND until 2019-03-09: ")
    assert "MIA-SECOND" in waiting["rule_ids"].split("; ")
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
    assert frame["action"].value_counts()["INQUIRE"] == report.counts[ir.Action.INQUIRE]


def test_the_example_files_are_the_documented_fields() -> None:
    cases, history = example_docket_files()
    assert tuple(cases.read_text("utf-8").splitlines()[0].split(",")) == CASE_FIELDS
    assert tuple(history.read_text("utf-8").splitlines()[0].split(",")) == HISTORY_FIELDS


def test_pairs_feed_the_planner() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    requests = ir.requests_from_decisions(report.pairs())
    assert {r.receipt_number for r in requests} >= {"EAC1891000020", "MSC1891000001"}
