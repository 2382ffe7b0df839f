"""The shape the code keeps so that a rule can be reviewed: short functions in the rules and the
engine, every import visible to the layer test, no text marked by a hidden character.

- No function in ``infopass_rules/rules/`` or ``infopass_rules/engine/`` is over 80 lines (the
  longest rule function once was 131, with its logic out of sight of its rule).
- No module imports another by a name held in a string (``import_module``, ``__import__``), which
  would hide a dependency from ``tests/test_layers.py``; the one exception is the package's own
  lazy loading of its top-level names (``infopass_rules/__init__.py``, PEP 562), whose targets
  the layer test reads.
- No text is marked with a NUL character for later treatment (a record is a typed value, put into
  words by plain functions when read).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "infopass_rules"
MOST_LINES = 80
LAZY_LOADER = PACKAGE / "__init__.py"


def _modules(*folders: str) -> list[Path]:
    roots = [PACKAGE / folder for folder in folders] if folders else [PACKAGE]
    return sorted(path for root in roots for path in root.rglob("*.py"))


def _source(path: Path) -> tuple[str, str]:
    return str(path.relative_to(PACKAGE.parent)), path.read_text("utf-8")


def _long_functions(where: str, source: str) -> list[str]:
    return [
        f"{where}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MOST_LINES
    ]


def _string_imports(where: str, source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name in ("import_module", "__import__"):
                found.append(f"{where}:{node.lineno} {name}")
    return found


def _nul_marked_texts(where: str, source: str) -> list[str]:
    return [
        f"{where}:{node.lineno} {node.value[:30]!r}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("\x00")
        and len(node.value) > 1  # a marker leads a text; a NUL alone is a character looked for
    ]


def test_no_function_in_the_rules_or_the_engine_is_over_80_lines() -> None:
    modules = _modules("rules", "engine")
    assert len(modules) > 10
    assert [f for path in modules for f in _long_functions(*_source(path))] == []


def test_no_module_imports_by_a_name_in_a_string_but_the_package_s_lazy_names() -> None:
    found = [f for p in _modules() if p != LAZY_LOADER for f in _string_imports(*_source(p))]
    assert found == []
    assert _string_imports(*_source(LAZY_LOADER))  # the exception is there, and only there


def test_no_text_is_marked_with_a_nul_character() -> None:
    assert [f for path in _modules() for f in _nul_marked_texts(*_source(path))] == []


@pytest.mark.parametrize(
    ("source", "check", "expected"),
    [
        ("def f():\n" + "    x = 1\n" * 80 + "    return x\n", _long_functions, 1),
        ("def f():\n" + "    x = 1\n" * 78 + "    return x\n", _long_functions, 0),
        ("from importlib import import_module\nm = import_module('os')\n", _string_imports, 1),
        ("import importlib\nm = importlib.import_module('os')\n", _string_imports, 1),
        ("m = __import__('os')\n", _string_imports, 1),
        ("import os\n", _string_imports, 0),
        ("T = '\\x00deferred text'\n", _nul_marked_texts, 1),
        ("R = r'[\\x00-\\x1f]'\n", _nul_marked_texts, 0),
    ],
)
def test_the_checks_see_what_they_look_for(
    source: str, check: Callable[[str, str], list[str]], expected: int
) -> None:
    """Each check finds a made-up offence (an 81-line function, an import by a string, a marked
    text) and passes the same code without it (80 lines, a plain import, a pattern)."""
    assert len(check("made_up.py", source)) == expected
