"""The package's layers: each sub-package imports only from the layers below it, and no module
imports itself back through another (no import cycle, counting imports inside functions too).

The layers, lowest first: ``facts`` (values) -> ``sources`` (the rule book) -> ``times``
(published processing times) -> ``rules`` -> ``engine`` -> ``planning`` -> ``edges`` (JSON,
iCalendar, command line, reference). ``errors`` and ``_version`` sit below them all;
``strategies`` (Hypothesis strategies over the facts) and the package root above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "infopass_rules"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE
LAYERS = ("facts", "sources", "times", "rules", "engine", "planning", "edges")
#: Modules at the package root and the rank they sit at (-1: below every layer).
ROOT_MODULES = {
    "errors": -1,
    "_version": -1,
    "strategies": len(LAYERS),
    "_hypothesis_hook": len(LAYERS),
    "__main__": len(LAYERS),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _imports(path: Path) -> set[str]:
    """Every module of the package that ``path`` imports, at any depth of its code."""
    here = _module_name(path)
    package = here if _is_package(path) else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            # "from pkg import module" imports the module too.
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _existing(name: str) -> str | None:
    """The module ``name`` refers to (a name imported from a module is not a module)."""
    return name if name in MODULES else None


def _rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package root
        return len(LAYERS) + 1
    top = parts[1]
    if top in LAYERS:
        return LAYERS.index(top)
    return ROOT_MODULES[top]


GRAPH = {
    name: {m for m in map(_existing, _imports(path)) if m is not None and m != name}
    for name, path in MODULES.items()
}


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        _rank(name)  # raises KeyError for a module placed outside the layers


@pytest.mark.parametrize("module", sorted(n for n in MODULES if n != PACKAGE))
def test_imports_only_from_layers_below(module: str) -> None:
    rank = _rank(module)
    upward = sorted(t for t in GRAPH[module] if t != PACKAGE and _rank(t) > rank)
    assert not upward, f"{module} (layer {rank}) imports from layers above it: {upward}"
    # The package root lazily maps names to modules; nothing below it imports the root.
    assert PACKAGE not in GRAPH[module], f"{module} imports the package root"


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_checks_see_a_cycle_and_an_upward_import() -> None:
    # The checks can fail: a made-up graph with a cycle and an upward edge is caught.
    saved = dict(GRAPH)
    try:
        GRAPH["infopass_rules.facts.enums"] = {"infopass_rules.engine.decision"}
        GRAPH["infopass_rules.engine.decision"] = {"infopass_rules.facts.enums"}
        assert _cycle() is not None
        assert _rank("infopass_rules.engine.decision") > _rank("infopass_rules.facts.enums")
    finally:
        GRAPH.clear()
        GRAPH.update(saved)
