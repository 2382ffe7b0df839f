"""``python -m infopass_rules record CASE.json``: Markdown or HTML, to stdout or a file; bad
input is one line on stderr and exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infopass_rules.edges.cli import main
from tests.edges.test_cli import CASE, write_case

NOTE = "<script>alert(1)</script> | *x*"
WITH_NOTE = {
    **CASE,
    "history": [
        {"kind": "inquiry", "on": "2015-01-10", "channel": "INFOPASS", "note": NOTE},
        *CASE["history"][1:],  # type: ignore[index]
    ],
}


def test_markdown_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_case(tmp_path, WITH_NOTE)
    assert main(["record", str(path), "--as-of", "2015-03-20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Record of contacts with USCIS: MSC1490012345\n")
    assert "| 1 | 2015-01-10 | In person (INFOPASS) |" in out
    assert "| 2 | 2015-03-16 | In person (INFOPASS appointment) |" in out
    assert "Ladder step 1 (MIA-ELIGIBLE)" in out
    assert r"\<script\>alert(1)\</script\> \| \*x\*" in out


def test_html_into_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_case(tmp_path, {**WITH_NOTE, "as_of": "2015-03-20"})
    target = tmp_path / "record.html"
    assert main(["record", str(path), "--format", "html", "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *x*" in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "case.json"),
        (json.dumps({"history": []}), 'must be a JSON object with a "case" key'),
        (json.dumps({**CASE, "extra": 1}), "has unknown keys"),
        (json.dumps({"case": {"receipt_number": "X", "office": "MIA"}}), "receipt_number"),
    ],
)
def test_a_bad_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "case.json"
    path.write_text(content, "utf-8")
    assert main(["record", str(path), "--as-of", "2015-03-20"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("error: ")
    assert message in line


@pytest.mark.parametrize(
    "argv",
    [
        ["record", "missing.json"],
        ["record", "CASE", "--as-of", "2015-W01-1"],
        ["record", "CASE", "--format", "pdf"],
    ],
)
def test_bad_arguments_are_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    path = write_case(tmp_path, CASE)
    argv = [str(path) if a == "CASE" else str(tmp_path / a) if a.endswith(".json") else a
            for a in argv]  # fmt: skip
    assert main(argv) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_c2_the_output_is_never_the_case_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_case(tmp_path, CASE)
    before = path.read_bytes()
    assert main(["record", str(path), "--as-of", "2015-03-20", "--output", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --output: is the input")
    assert path.read_bytes() == before


def test_c3_an_output_that_cannot_be_written_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_case(tmp_path, CASE)
    for target in (tmp_path, tmp_path / "missing" / "record.md"):
        assert main(["record", str(path), "--as-of", "2015-03-20", "--output", str(target)]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"error: --output {target}: ")


def test_c5_the_record_replaces_the_old_file_atomically(tmp_path: Path) -> None:
    path = write_case(tmp_path, CASE)
    out = tmp_path / "record.md"
    out.write_text("old")
    out.chmod(0o640)
    assert main(["record", str(path), "--as-of", "2015-03-20", "--output", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# Record of contacts with USCIS")
    assert out.stat().st_mode & 0o777 == 0o640  # the old file's permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, "record.md"]
