"""How the reasoning checks a record's template as it records it: a template met before with
values that fit is looked up in the kept counts (``TEMPLATE_FIELDS``) and not checked again;
one met for the first time, or with values that do not fit, is checked (and refused when they
do not fit); a template given no values is the text itself, braces and all, and is never
checked. The same for each way of recording: ``fact``, ``find``, ``found``, ``note``, ``warn``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import infopass_rules as ir
from infopass_rules.rules import reasoning
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import FINDING, WarningKind

Record = Callable[[Reasoning, str, tuple[Any, ...]], None]

#: Each way of recording a template with values.
WAYS: dict[str, Record] = {
    "fact": lambda why, text, values: why.fact(text, *values),
    "find": lambda why, text, values: why.find("CC-TRIAGE", text, *values),
    "found": lambda why, text, values: why.found((FINDING, "CC-TRIAGE", text, *values)),
    "note": lambda why, text, values: why.note(text, *values),
    "warn": lambda why, text, values: why.warn(WarningKind.DUPLICATE, text, *values),
}


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    """The templates the reasoning checks, with their values, in order."""
    seen: list[tuple[str, tuple[Any, ...]]] = []
    check = reasoning.check_template

    def spy(template: str, values: tuple[Any, ...]) -> None:
        seen.append((template, tuple(values)))
        check(template, values)

    monkeypatch.setattr(reasoning, "check_template", spy)
    return seen


@pytest.mark.parametrize("way", WAYS)
def test_a_template_met_again_with_values_that_fit_is_not_checked_again(
    way: str, checked: list[tuple[str, tuple[Any, ...]]]
) -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    template = f"{way}: step {{}} of {{}}, met by this test only"
    for values in ((1, 3), (2, 3), (3, 3)):
        WAYS[way](why, template, values)
    assert checked == [(template, (1, 3))]  # the first time only
    assert len(why.records) == 3


@pytest.mark.parametrize("way", WAYS)
def test_a_template_met_again_with_values_that_do_not_fit_is_checked_and_refused(
    way: str, checked: list[tuple[str, tuple[Any, ...]]]
) -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    template = f"{way}: on {{}}, refused by this test only"
    WAYS[way](why, template, ("2020-01-02",))
    with pytest.raises(ValueError, match=r"has 1 fields for 2 values"):
        WAYS[way](why, template, ("2020-01-02", "extra"))
    assert [values for _, values in checked] == [("2020-01-02",), ("2020-01-02", "extra")]
    assert len(why.records) == 1  # the refused record is not kept


@pytest.mark.parametrize("way", WAYS)
def test_a_template_without_values_is_the_text_itself_braces_and_all(
    way: str, checked: list[tuple[str, tuple[Any, ...]]]
) -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    text = f"{way}: a set written {{}} in the text, kept as it is"
    WAYS[way](why, text, ())
    assert checked == []
    assert len(why.records) == 1
    said = [e.finding for e in why.trace] + why.notes + [w.text for w in why.warnings]
    assert said == [text]
