"""The one writer (``edges/output.py``) and the one escaping of each kind (``facts/text.py``):
atomic writes that never overwrite an input, formulas neutralised, Markdown and terminals safe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.output import check_outputs, csv_cell, write_file
from infopass_rules.edges.record import md_escape as record_md_escape
from infopass_rules.facts.text import md_escape, spreadsheet_safe, terminal_safe


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_o1_a_formula_start_gets_an_apostrophe(start: str) -> None:
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell(f"{start}x") == f"'{start}x"


def test_o1_other_cells_are_left_as_they_are() -> None:
    assert [csv_cell(v) for v in ("MIA", None, True, False, 2, "2019-02-25")] == [
        "MIA",
        "",
        "true",
        "false",
        "2",
        "2019-02-25",
    ]


def test_o2_one_markdown_escaping_shared_by_the_record_and_the_engine() -> None:
    assert record_md_escape is md_escape
    assert md_escape("<img>\n# x | y") == "\\<img\\><br>\\# x \\| y"
    assert "\x1b" not in md_escape("a\x1b[2Jb")


def test_o3_terminal_safe_escapes_every_control_character() -> None:
    assert terminal_safe("MIA\x1b[2J\x9b\u2028\n") == "MIA\\x1b[2J\\x9b\\u2028\\n"


def test_c5_the_write_is_atomic_and_keeps_the_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_file(path, b"first")
    path.chmod(0o600)
    write_file(str(path), b"second")
    assert path.read_bytes() == b"second"
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["out.txt"]


def test_c5_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")

    def fail(fd: int, data: object) -> int:
        raise OSError(27, "File too large")

    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(ir.InvalidData, match=r"--output .*out.txt: cannot be written"):
        write_file(path, b"new", field="--output")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_c2_an_input_is_never_an_output(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("x")
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    for target in (source, link, tmp_path / "." / "cases.csv"):
        with pytest.raises(ir.InvalidValue, match="is the input"):
            write_file(target, b"y", inputs=[str(source)])
    assert source.read_text() == "x"
    with pytest.raises(ir.InvalidValue, match="--output's"):
        check_outputs([("--output", "a.txt"), ("--ics", "./a.txt")])


@pytest.mark.parametrize("path", [None, 3, b"out.txt", "out\0.txt"])
def test_a1_no_path_is_invalid_value(path: object) -> None:
    with pytest.raises(ir.InvalidValue):
        write_file(path, b"")


def test_c5_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_file(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
