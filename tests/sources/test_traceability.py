"""A rule in one place: its source's own words, the function that implements it, its tests.

From each rule ID one can reach, and check:

- the source's words: every rule has a citation with a pinpoint and an excerpt, and each excerpt
  is found verbatim (whitespace aside) in the seed text of its source, when the seeds are beside
  the repository (``../shared/seeds``);
- the code: ``implemented_by`` imports, and names a callable whose docstring (or its module's)
  names the rule ID;
- the tests: a test class named after the rule (see :func:`class_name_for`) exists somewhere
  under ``tests/``.

The loader's own checks (an excerpt required, one sentence at most, not too long; the form of
``implemented_by``) are tested here too.
"""

from __future__ import annotations

import ast
import importlib
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.sources.rulebook import (
    MAX_EXCERPT_CHARS,
    build_rulebook,
    load_rulebook,
    read_words,
)

TESTS = Path(__file__).resolve().parents[1]
#: The source texts the rules quote: ../shared/seeds beside the repository.
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

RULE_IDS = sorted(load_rulebook().rules)


def class_name_for(rule_id: str) -> str:
    """The name of the test class that tests the rule ``rule_id``.

    ``"Test"`` followed by the ID's parts (split on ``-``): the first part upper-case, as it is;
    each later part of two characters or fewer upper-case; every other later part capitalised.

    >>> [class_name_for(r) for r in ("MIA-SECOND", "RG-CC", "MIA-FOD-PRESSING", "CC-TIER2")]
    ['TestMIASecond', 'TestRGCC', 'TestMIAFodPressing', 'TestCCTier2']
    """
    first, *rest = rule_id.split("-")
    parts = [first.upper()] + [p.upper() if len(p) <= 2 else p.capitalize() for p in rest]
    return "Test" + "".join(parts)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _resolve(rule_id: str, target: str) -> tuple[Any, Any]:
    """The module and the object ``target`` ("dotted.module:qualname") names.

    Raises:
        AssertionError: naming the rule, the pointer and why it does not resolve.
    """
    failed = f"{rule_id}: implemented_by = {target!r} does not resolve"
    module_name, _, qualname = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise AssertionError(f"{failed}: module {module_name} does not import ({exc})") from exc
    obj: Any = module
    walked = module_name
    for part in qualname.split("."):
        if not hasattr(obj, part):
            raise AssertionError(f"{failed}: {walked} has no attribute {part!r}")
        obj = getattr(obj, part)
        walked += ("." if walked != module_name else ":") + part
    return module, obj


# --- the source's words ------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_quotes_its_source_with_a_pinpoint(rule_id: str) -> None:
    rule = ir.RULES[rule_id]
    quoted = [c for c in rule.citations if c.excerpt]
    assert quoted, f"{rule_id} has no citation with an excerpt"
    for citation in quoted:
        assert citation.pinpoint.strip(), f"{rule_id}: the excerpt from {citation.source_id}"
        assert citation.excerpt is not None
        assert len(_normalised(citation.excerpt)) <= MAX_EXCERPT_CHARS


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_excerpt_is_verbatim_in_its_seed(rule_id: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed texts are not beside the repository ({SEEDS})")
    book = load_rulebook()
    for citation in book.rules[rule_id].citations:
        if citation.excerpt is None:
            continue
        source = book.sources[citation.source_id]
        if source.words is not None:  # a web page: the words read there, in the package
            assert _normalised(citation.excerpt) in _normalised(read_words(source)), (
                f"{rule_id}: the excerpt {citation.excerpt!r} is not in {source.words} "
                f"({citation.source_id}, {citation.pinpoint})"
            )
            continue
        assert source.seed is not None, f"{rule_id}: {citation.source_id} has no text to quote"
        seed = SEEDS / source.seed
        assert seed.is_file(), f"{rule_id}: {citation.source_id} has no seed file ({seed.name})"
        text = _normalised(seed.read_text("utf-8"))
        assert _normalised(citation.excerpt) in text, (
            f"{rule_id}: the excerpt {citation.excerpt!r} is not in {seed.name} "
            f"({citation.source_id}, {citation.pinpoint})"
        )


# --- the code ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_implemented_by_resolves_to_a_callable(rule_id: str) -> None:
    target = ir.RULES[rule_id].implemented_by
    _, obj = _resolve(rule_id, target)
    assert callable(obj), f"{rule_id}: {target} is a {type(obj).__name__}, not a callable"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_implementing_function_names_its_rule(rule_id: str) -> None:
    target = ir.RULES[rule_id].implemented_by
    module, obj = _resolve(rule_id, target)
    docs = (getattr(obj, "__doc__", None) or "", module.__doc__ or "")
    assert any(rule_id in doc for doc in docs), (
        f"{rule_id}: neither the docstring of {target} nor that of its module names {rule_id}"
    )


def _body_without_docstring(function: ast.FunctionDef) -> list[ast.stmt]:
    body = list(function.body)
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        body = body[1:]
    return body


def _names_of_the_rule(rule_id: str, module: Any, function: ast.FunctionDef) -> list[str]:
    """What in ``function`` names rule ``rule_id``: the rule ID or one of its parameters, written
    out, held by a module constant the function reads, or held by the field of a registered
    district's table the function reads (``district.supervisor_rule``, a step's wait)."""
    from infopass_rules.rules.districts.miami.ladder import MIAMI
    from infopass_rules.rules.districts.registry import districts

    wanted = {rule_id} | {
        p.name for p in load_rulebook().parameters.values() if p.rule_id == rule_id
    }
    code = ast.unparse(function)
    found = [name for name in sorted(wanted) if name in code]
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and getattr(module, node.id, None) in wanted:
            found.append(node.id)
    for district in (MIAMI, *districts()):  # the shipped district, whatever a test registered
        for field in attrs.fields(type(district)):
            value = getattr(district, field.name)
            held = {value} if isinstance(value, str) else set()
            if field.name == "steps":
                held = {x for step in value for x in (step.rule_id, step.wait) if x}
            if held & wanted and f"district.{field.name}" in code:
                found.append(f"district.{field.name}")
        # The table's named rules (the first step's rule: ``district.eligible_rule``).
        if district.eligible_rule in wanted and "district.eligible_rule" in code:
            found.append("district.eligible_rule")
    return found


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_implemented_by_is_the_deciding_logic_not_a_wrapper(rule_id: str) -> None:
    """``implemented_by`` names the function that decides the rule: one whose code names the rule
    or reads its parameters (written out, through a module constant, or through the district's
    table), never one that only hands its arguments on to another function (``return
    other(...)``), so a reviewer following the pointer lands on the logic."""
    import inspect
    import textwrap

    target = ir.RULES[rule_id].implemented_by
    module, obj = _resolve(rule_id, target)
    (function,) = ast.parse(textwrap.dedent(inspect.getsource(obj))).body
    assert isinstance(function, ast.FunctionDef), f"{rule_id}: {target} is not a function"
    body = _body_without_docstring(function)
    only_hands_on = (
        len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Call)
    )
    assert not only_hands_on, f"{rule_id}: {target} only calls another function: a wrapper"
    function.body = body  # the docstring names the rule; the code must too
    assert _names_of_the_rule(rule_id, module, function), (
        f"{rule_id}: the code of {target} names neither the rule nor its parameters"
    )


# --- the tests -----------------------------------------------------------------------------------


def _test_class_names() -> set[str]:
    names = set()
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        names |= {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    return names


@pytest.mark.parametrize(("rule_id", "name"), [
    ("MIA-SECOND", "TestMIASecond"),
    ("RG-CC", "TestRGCC"),
    ("MIA-FOD-PRESSING", "TestMIAFodPressing"),
    ("CC-NOT-INFOPASS", "TestCCNotInfopass"),
    ("CC-TIER2", "TestCCTier2"),
    ("MIA-LIMIT-CASES", "TestMIALimitCases"),
])  # fmt: skip
def test_class_naming_convention(rule_id: str, name: str) -> None:
    assert class_name_for(rule_id) == name


def test_every_rule_has_a_test_class_named_after_it() -> None:
    found = _test_class_names()
    missing = [f"{r} ({class_name_for(r)})" for r in RULE_IDS if class_name_for(r) not in found]
    assert not missing, f"no test class under {TESTS} for: " + ", ".join(missing)


# --- the loader's checks -------------------------------------------------------------------------


def _documents() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    files = resources.files("infopass_rules.sources").joinpath("data")
    sources, rules, params = (
        tomllib.loads(files.joinpath(name).read_text("utf-8"))
        for name in ("sources.toml", "rules.toml", "parameters.toml")
    )
    return sources, rules, params


def _drop_excerpts(rules: dict[str, Any]) -> None:
    for citation in rules["MIA-SECOND"]["citations"]:
        citation.pop("excerpt", None)


def _set_excerpt(text: str) -> Callable[[dict[str, Any]], None]:
    def mutate(rules: dict[str, Any]) -> None:
        rules["MIA-SECOND"]["citations"][0]["excerpt"] = text

    return mutate


def _set_implemented_by(value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(rules: dict[str, Any]) -> None:
        rules["MIA-SECOND"]["implemented_by"] = value

    return mutate


@pytest.mark.parametrize(("mutate", "needle"), [
    (_drop_excerpts, r"rules\.toml:MIA-SECOND: rule MIA-SECOND quotes no words"),
    (lambda r: r["MIA-SECOND"].update(citations=[]), "MIA-SECOND quotes no words"),
    (_set_excerpt("   "), r"MIA-SECOND\.citations\[0\]\.excerpt: is blank"),
    (_set_excerpt("a second may be made. Then a third."), "more than one sentence"),
    (_set_excerpt("may be made! Then"), "more than one sentence"),
    (_set_excerpt("x" * (MAX_EXCERPT_CHARS + 1)), f"at most {MAX_EXCERPT_CHARS} characters"),
    (_set_excerpt(42), r"MIA-SECOND\.citations\[0\]\.excerpt: has the wrong type"),
    (lambda r: r["MIA-SECOND"].pop("implemented_by"), r"MIA-SECOND\.implemented_by: is missing"),
    (_set_implemented_by("infopass_rules.rules.districts.miami.ladder"), "not a function's name"),
    (_set_implemented_by("infopass_rules..ladder:f"), "not a function's name"),
    (_set_implemented_by("mod:f:g"), "not a function's name"),
    (_set_implemented_by(["mod:f"]), "wrong type"),
])  # fmt: skip
def test_the_loader_refuses_a_rule_without_fitting_words_or_pointer(
    mutate: Callable[[dict[str, Any]], Any], needle: str
) -> None:
    sources, rules, params = _documents()
    mutate(rules)
    with pytest.raises(ir.InvalidData, match=needle):
        build_rulebook(sources, rules, params, digest="test")


@pytest.mark.parametrize("excerpt", [
    "one sentence, ending with its full stop.",
    "a part of a sentence",
    "the I-90, N-336 and Form G-28.",
    "x" * MAX_EXCERPT_CHARS,
])  # fmt: skip
def test_the_loader_accepts_one_sentence_or_part_of_one(excerpt: str) -> None:
    sources, rules, params = _documents()
    _set_excerpt(excerpt)(rules)
    book = build_rulebook(sources, rules, params, digest="test")
    assert book.rules["MIA-SECOND"].citations[0].excerpt == excerpt


def test_a_citation_may_go_without_an_excerpt_when_another_has_one() -> None:
    sources, rules, params = _documents()
    rules["CC-TIER2"]["citations"][1].pop("excerpt")
    book = build_rulebook(sources, rules, params, digest="test")
    assert book.rules["CC-TIER2"].citations[1].excerpt is None
    assert book.rules["CC-TIER2"].implemented_by == ir.RULES["CC-TIER2"].implemented_by
