"""The command line: the demo, one case from JSON, and bad input (one line, exit status 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.cli import main


def test_demo_prints_every_case_with_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    from infopass_rules.edges.demo import DEMO_DOCKET

    for entry in DEMO_DOCKET:
        assert entry.title in out
        assert entry.case.receipt_number in out
    assert "Sources:" in out
    assert "MIA-FOD-LADDER" in out


def test_demo_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from infopass_rules.edges.demo import DEMO_DOCKET

    assert main(["demo", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    documents = [json.loads(line) for line in lines]
    assert len(documents) == len(DEMO_DOCKET)
    assert all(d["ruleset_version"] == ir.RULESET_VERSION for d in documents)
    assert all("schema_version" in d for d in documents)


def write_case(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


CASE = {
    "case": {"receipt_number": "MSC1490012345", "office": "MIA",
             "outside_processing_times_on": "2015-01-05"},
    "history": [
        {"kind": "inquiry", "on": "2015-01-10", "channel": "INFOPASS"},
        {"kind": "appointment", "on": "2015-03-16", "office": "MIA",
         "receipt_numbers": ["MSC1490012345"]},
    ],
}  # fmt: skip


def test_next_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_case(tmp_path, CASE)
    assert main(["next", str(path), "--as-of", "2015-03-20"]) == 0
    out = capsys.readouterr().out
    assert "ladder step 3 of 3" in out
    assert "from 2015-04-16" in out  # 2015-03-16 + 30 days + 1


def test_next_json_matches_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_case(tmp_path, {**CASE, "as_of": "2015-03-20"})
    assert main(["next", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=date(2015, 1, 5))
    history = (
        ir.Inquiry(date(2015, 1, 10), ir.Channel.INFOPASS),
        ir.Appointment(date(2015, 3, 16), "MIA", ("MSC1490012345",)),
    )
    expected = ir.next_action(case, history, as_of=date(2015, 3, 20))
    assert ir.loads(json.dumps(document), ir.Decision) == expected


@pytest.mark.parametrize(("document", "args", "needle"), [
    ({"case": {"receipt_number": "X", "office": "MIA"}}, ["--as-of", "2020-01-01"],
     "receipt_number"),
    ({"case": {"receipt_number": "MSC1490012345", "office": "Narnia"}},
     ["--as-of", "2020-01-01"], "office"),
    (CASE, ["--as-of", "2020-13-01"], "--as-of"),
    ({"cases": []}, [], '"case"'),
    ({**CASE, "extra": 1}, ["--as-of", "2020-01-01"], "unknown keys"),
    ({"case": CASE["case"], "history": [{"on": "2015-01-10", "channel": "INFOPASS"}]},
     ["--as-of", "2020-01-01"], "kind"),
    ({"case": {"receipt_number": "MSC1490012345", "office": "MIA"}}, ["--as-of", "2020-01-01"],
     "outside_processing_times_on"),
])  # fmt: skip
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: object,
    args: list[str],
    needle: str,
) -> None:
    path = write_case(tmp_path, document)
    assert main(["next", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.strip().splitlines()) == 1
    assert needle in err


def test_unreadable_and_malformed_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", str(tmp_path / "missing.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    assert main(["next", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert "arguments" in capsys.readouterr().err


def test_module_entry_point_has_no_traceback(tmp_path: Path) -> None:
    path = write_case(tmp_path, {"case": {"receipt_number": "nope", "office": "MIA"}})
    run = subprocess.run(
        [sys.executable, "-m", "infopass_rules", "next", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1


def test_error_names_the_file_and_the_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_case(tmp_path, {"case": {**CASE["case"], "received_on": "2020-02-30"}})
    assert main(["next", str(path), "--as-of", "2020-03-01"]) == 2
    assert f"{path}: $.case.received_on" in capsys.readouterr().err
