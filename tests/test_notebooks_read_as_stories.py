"""The documentation's notebooks read as stories: the set-up (imports, helpers) and the checks
that keep each notebook true (its asserts) run, but are hidden from the page (the myst-nb tag
``remove-cell``); what a reader sees is the code that tells the story and its output. Executing
them (and so the asserts) is the docs job's (``.ci/docs``: nbmake and the sphinx build)."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.ipynb"))


def _code_cells(path: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def _hidden(cell: dict[str, Any]) -> bool:
    return "remove-cell" in cell.get("metadata", {}).get("tags", [])


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_set_up_is_hidden(path: Path) -> None:
    assert _hidden(_code_cells(path)[0]), f"{path.name}: its first code cell (the set-up) shows"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_assert_shows(path: Path) -> None:
    shown = [
        "".join(cell["source"])[:80]
        for cell in _code_cells(path)
        if not _hidden(cell)
        and any(isinstance(n, ast.Assert) for n in ast.walk(ast.parse("".join(cell["source"]))))
    ]
    assert shown == [], f"{path.name}: asserts in cells a reader sees"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_reader_sees_code(path: Path) -> None:
    assert any(not _hidden(cell) for cell in _code_cells(path)[1:])
