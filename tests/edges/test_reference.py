"""The generated rules reference covers the whole rule registry.

The documentation renders ``rules_reference_markdown()`` at build time (``docs/_ext``); these
tests call the same function, so they need no Sphinx.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from infopass_rules.edges.reference import rule_anchor, rules_reference_markdown
from infopass_rules.sources.rulebook import load_rulebook


@pytest.fixture(scope="module")
def text() -> str:
    return rules_reference_markdown()


def test_every_rule_has_its_own_section(text: str) -> None:
    book = load_rulebook()
    for rule_id, rule in book.rules.items():
        assert f"({rule_anchor(rule_id)})=\n### `{rule_id}`: {rule.title}" in text
        assert rule.says in text


def test_every_rule_id_appears(text: str) -> None:
    found = set(re.findall(r"`((?:RG|MIA|CC)-[A-Z0-9-]+)`", text))
    assert set(load_rulebook().rules) <= found


def test_every_source_parameter_and_conflict_appears(text: str) -> None:
    book = load_rulebook()
    for source in book.sources.values():
        assert f"### `{source.id}`" in text
        assert source.title in text
    for name in book.parameters:
        assert f"`{name}`" in text
    for conflict in book.conflicts.values():
        assert f"### `{conflict.id}`" in text
        assert conflict.question in text


def test_pinpoints_and_excerpts_appear(text: str) -> None:
    for rule in load_rulebook().rules.values():
        for cite in rule.citations:
            assert cite.pinpoint in text
            if cite.excerpt:
                assert f'"{cite.excerpt}"' in text


def test_ages_come_from_the_sources_not_a_clock(text: str) -> None:
    book = load_rulebook()
    newest = max(s.date for s in book.sources.values())
    assert f"as of {newest.isoformat()}" in text
    assert rules_reference_markdown() == text  # deterministic
    later = rules_reference_markdown(as_of=newest + dt.timedelta(days=365))
    assert f"as of {(newest + dt.timedelta(days=365)).isoformat()}" in later


def test_the_default_conflict_resolution_is_the_engines(text: str) -> None:
    row = next(line for line in text.splitlines() if "`AUTHORITY_THEN_LATER` (default)" in line)
    assert row.startswith("| `AUTHORITY_THEN_LATER` (default) | `aila-19030140`")


def test_every_rule_shows_its_sources_words_and_its_function(text: str) -> None:
    book = load_rulebook()
    for rule_id, rule in book.rules.items():
        start = text.index(f"### `{rule_id}`:")
        section = text[start : text.index("**Newest source:**", start)]
        for cite in rule.citations:
            if cite.excerpt:
                quote = f'> "{cite.excerpt}"\n>\n> — [`{cite.source_id}`]'
                assert quote in section, rule_id
                assert f"(#source-{cite.source_id}), {cite.pinpoint}\n" in section, rule_id
        assert f"Implemented by `{rule.implemented_by}`." in section, rule_id


def test_the_sources_words_come_before_the_rules_details(text: str) -> None:
    start = text.index("### `MIA-SECOND`:")
    section = text[start : text.index("### `MIA-THIRD`:")]
    order = [
        section.index("If the case is not resolved within 60 days"),  # our words
        section.index('> "If the case is not resolved within (60) sixty'),  # the source's
        section.index("Implemented by `"),
        section.index("**Effective:**"),
        section.index("**Sources**"),
    ]
    assert order == sorted(order)
