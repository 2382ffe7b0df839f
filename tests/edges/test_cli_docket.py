"""The command line's docket: the bundled example, each format, a file and stdin, --output,
--plan with --ics, and bad input (one line, exit status 2); next's --processing-times and stdin;
--json and --markdown exclusive."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.cli import main
from infopass_rules.edges.docket import EXAMPLE_AS_OF, ROW_FIELDS, example_docket_files


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_docket_without_cases_decides_the_bundled_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["docket"], capsys)
    assert (status, err) == (0, "")
    assert "40 cases as of 2019-02-25" in out
    assert "13 to inquire, 9 to request an appointment, 4 to attend an appointment" in out
    assert "Due: 15 overdue, 12 today, 7 waiting, 6 nothing." in out
    # What to do, in words, in the order to act on: the longest overdue first.
    table = out.splitlines()
    assert table[0].split() == ["Due", "Receipt", "number", "Office", "What", "to", "do", "How"]
    cells = [c.strip() for c in re.split(r"  +", table[2])]
    assert cells == [
        "overdue since 2018-02-12",
        "MSC1891000018",
        "HIA",
        "Escalate: ask for the Field Office Director",
        "in person",
    ]
    assert re.search(r"waiting until 2019-03-09 +MSC1891000002 +MIA +Make an inquiry \(ladder", out)
    # The notice about later sources is said once, not on every row.
    assert out.count("Sources dated after 2019-02-25 are cited") == 1


def test_docket_formats(capsys: pytest.CaptureFixture[str]) -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    _, out, _ = run(["docket", "--format", "csv"], capsys)
    assert out == report.to_csv_text()
    _, out, _ = run(["docket", "--format", "json"], capsys)
    document = json.loads(out)  # one document
    assert document["rows"] == report.rows()
    assert (document["as_of"], document["counts"]["INQUIRE"]) == ("2019-02-25", 13)
    _, out, _ = run(["docket", "--format", "jsonl"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == report.rows()
    _, out, _ = run(["docket", "--format", "markdown"], capsys)
    lines = out.splitlines()
    assert lines[0] == "| Due | Receipt number | Office | What to do | How |"
    assert len([line for line in lines if line.startswith("| ")]) == 41
    _, out, _ = run(["docket", "--format", "html"], capsys)
    assert out.startswith("<!DOCTYPE html>")
    assert out.count("<tr class=") == 40


def test_docket_from_files_and_stdin_with_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases, history = example_docket_files()
    target = tmp_path / "out.csv"
    args = ["--as-of", "2019-02-25", "--format", "csv", "--output", str(target)]
    status, out, _ = run(["docket", str(cases), str(history), *args], capsys)
    assert (status, out) == (0, "")
    back = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert len(back) == 40
    assert tuple(back[0]) == ROW_FIELDS
    monkeypatch.setattr(sys, "stdin", io.StringIO(cases.read_text("utf-8")))
    status, out, _ = run(["docket", "-", "--as-of", "2019-02-25", "--format", "jsonl"], capsys)
    assert status == 0
    assert len(out.splitlines()) == 40


def test_docket_plan_and_ics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    icalendar = pytest.importorskip("icalendar")
    ics = tmp_path / "plan.ics"
    status, out, _ = run(
        ["docket", "--plan", "--attorneys", "A. Reyes,B. Chen", "--ics", str(ics)], capsys
    )
    assert status == 0
    assert "Plan: " in out
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    summaries = [str(e.get("summary")) for e in events]
    assert any(
        s.startswith("Book an INFOPASS appointment online: Miami FL (MIA)") for s in summaries
    )
    assert any(s.startswith("Call the USCIS Contact Center (1-800-375-5283)") for s in summaries)
    # The booked appointment of MSC1891000010 is not booked again; its day is on the calendar,
    # busy, at the office.
    attend = [
        e
        for e in events
        if str(e.get("summary")).startswith(
            "Attend the INFOPASS appointment: MSC1891000010, Miami FL (MIA)"
        )
    ]
    assert len(attend) == 1
    assert (str(attend[0].get("transp")), str(attend[0].get("location"))) == (
        "OPAQUE",
        "USCIS Miami FL Field Office (MIA)",
    )
    assert "MSC1891000010" not in out.split("Plan: ")[1]
    status, out, err = run(["docket", "--plan", "--attorneys", "A", "--format", "json"], capsys)
    assert status == 0
    assert "Plan: " in err
    assert len(json.loads(out)["rows"]) == 40


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["docket", "nowhere.csv"], "nowhere.csv: cannot be read"),
        (["docket", "--plan"], "--attorneys: is missing"),
        (["docket", "--ics", "x.ics"], "need --plan"),
        (["docket", "--attorney-column", "attorney"], "need --plan"),
        (["docket", "--since", "nowhere.json"], "nowhere.json: cannot be read"),
        (["docket", "--as-of", "2019-2-25"], "--as-of: is not a date"),
        (["docket", "--format", "xml"], "invalid choice"),
        (["next", "x.json", "--json", "--markdown"], "not allowed with argument"),
        (["demo", "--json", "--markdown"], "not allowed with argument"),
    ],
)
def test_bad_docket_input_is_one_line_and_status_2(
    argv: list[str], problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert problem in err


def test_a_bad_header_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cases.csv"
    bad.write_text("receipt_number,offce\n", "utf-8")
    status, _, err = run(["docket", str(bad), "--as-of", "2019-02-25"], capsys)
    assert status == 2
    assert f"{bad}:1: has unknown columns" in err
    assert err.count("\n") == 1


def test_next_reads_stdin_and_takes_processing_times(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = ir.Case("MSC1891000001", "MIA", outside_processing_times_on=EXAMPLE_AS_OF)
    document = json.dumps({"case": json.loads(ir.dumps(case)), "as_of": "2019-02-25"})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document.encode())))
    status, out, _ = run(["next", "-", "--json"], capsys)
    assert status == 0
    assert json.loads(out)["action"] == "INQUIRE"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document.encode())))
    status, _, err = run(["next", "-", "--processing-times", "nowhere.json"], capsys)
    assert status == 2
    assert "nowhere.json" in err


def test_the_docket_command_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "infopass_rules", "docket", "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 41


def test_docket_plan_keeps_each_attorney_to_one_appointment_a_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The offices are planned one after another, each knowing the appointments already given:
    # no attorney is at two offices on one day, and MIA-LIMIT-DAY holds across the district.
    import re
    from collections import Counter

    import infopass_rules as ir

    status, out, _ = run(["docket", "--plan", "--attorneys", "A. Reyes,B. Chen"], capsys)
    assert status == 0
    booked = re.findall(r"^  (\d{4}-\d{2}-\d{2})  ([A-Z]{3})  (.+?): book online: (.+)$", out, re.M)
    assert booked
    per_day = Counter((day, attorney) for day, _, attorney, _ in booked)
    assert max(per_day.values()) == 1
    appointments = [
        ir.Appointment(
            on=dt.date.fromisoformat(day),
            office=office,
            receipt_numbers=tuple(cases.split(", ")),
            attorney=attorney,
        )
        for day, office, attorney, cases in booked
    ]
    assert ir.check_appointments(appointments) == ()
    assert re.search(r"^  2019-03-\d\d  [A-Z]{3}  .+: call the Contact Center", out, re.M)


@pytest.mark.parametrize("as_of", ["2014-W01-1", "20140101", "2014-02-30", "2014-1-01"])
def test_every_command_takes_its_day_as_yyyy_mm_dd_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    # One reading of a day for docket, next and record (an ISO week is ten characters too).
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"case": {"receipt_number": "MSC1490012345", "office": "MIA"}}))
    for command in (["docket"], ["next", str(case)], ["record", str(case)]):
        assert main([*command, "--as-of", as_of]) == 2, command
        err = capsys.readouterr().err
        assert "--as-of" in err
        assert "YYYY-MM-DD" in err


@pytest.mark.parametrize(
    ("text", "day"),
    [("2014-01-01", dt.date(2014, 1, 1)), ("2024-02-29", dt.date(2024, 2, 29))],
)
def test_a_day_as_text(text: str, day: dt.date) -> None:
    from infopass_rules.facts.validate import iso_date

    assert iso_date(text, "--as-of") == day
    with pytest.raises(ir.InvalidValue) as caught:
        iso_date(text.replace("-", ""), "--as-of")
    assert (caught.value.field, caught.value.expected) == ("--as-of", "YYYY-MM-DD")


# --- hardening, third round (issue 28): O1-O3, C1, C2, C5 ----------------------------------------

EVIL = (
    "receipt_number,office\n"
    'MSC1891000001,"=HYPERLINK(""http://x"",""y"")"\n'
    "=cmd|' /C calc'!A0,MIA\n"
    'MSC1891000002,"<img src=x onerror=alert(1)>\n# injected"\n'
    "MSC1891000003,\x1b[2J\x1b[31m\n"
)


def _evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.csv"
    path.write_text(EVIL, "utf-8")
    return path


def test_o1_format_csv_neutralises_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["docket", str(_evil(tmp_path)), "--format", "csv"], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["receipt_number"][:2] for r in rows] == ["MS", "'=", "MS", "MS"]
    assert rows[2]["office"] == "<img src=x onerror=alert(1)>\n# injected"  # as read, in quotes
    assert rows[0]["office"].startswith("'=HYPERLINK")


def test_o2_format_markdown_escapes_every_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["docket", str(_evil(tmp_path)), "--format", "markdown"], capsys)
    assert status == 0
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 4  # the header, the rule, one line per row: no line break escapes
    assert not re.search(r"(?<!\\)<img", out)  # every < escaped
    assert "\\<img src=x onerror=alert(1)\\><br>\\# injected" in out
    assert not [line for line in out.splitlines() if line.startswith("#")]
    assert "\x1b" not in out


def test_o3_format_table_sends_no_escape_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["docket", str(_evil(tmp_path))], capsys)
    assert status == 0
    assert "\x1b" not in out
    assert "\\x1b[2J\\x1b[31m" in out
    assert all(line.isprintable() for line in out.splitlines())


def test_c1_docket_and_next_with_stdin_closed() -> None:
    for command in (["docket", "-"], ["next", "-"]):
        done = subprocess.run(
            [sys.executable, "-m", "infopass_rules", *command],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=lambda: __import__("os").close(0),
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [
            "error: <stdin>: is closed; expected the file on standard input ('-')"
        ]


@pytest.mark.parametrize(
    "extra",
    [
        ["--output", "{cases}"],
        ["--output", "{history}"],
        ["--plan", "--attorneys", "A", "--ics", "{cases}"],
        ["--plan", "--attorneys", "A", "--ics", "{out}", "--output", "{out}"],
    ],
    ids=["output-cases", "output-history", "ics-cases", "ics-and-output"],
)
def test_c2_an_output_never_overwrites_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    cases_src, history_src = example_docket_files()
    cases, history = tmp_path / "cases.csv", tmp_path / "history.csv"
    cases.write_bytes(cases_src.read_bytes())
    history.write_bytes(history_src.read_bytes())
    names = {"cases": str(cases), "history": str(history), "out": str(tmp_path / "out.txt")}
    argv = ["docket", str(cases), str(history), *(a.format(**names) for a in extra)]
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert cases.read_bytes() == cases_src.read_bytes()
    assert history.read_bytes() == history_src.read_bytes()
    assert not (tmp_path / "out.txt").exists()


def test_c5_a_failed_output_leaves_the_old_report(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("the old report\n")
    cases, history = example_docket_files()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
            "from infopass_rules.edges.cli import main; sys.exit(main(sys.argv[1:]))",
            "docket",
            str(cases),
            str(history),
            "--format",
            "csv",
            "--output",
            str(old),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: --output {old}: cannot be written (File too large)")
    assert old.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]
