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
    found = set(re.findall(r"`((?:RG|MIA|CC|PT|OMB|CONG)-[A-Z0-9-]+)`", text))
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


def test_the_section_7_rules_have_their_own_headings_in_order(text: str) -> None:
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    processing = "## Published processing times: when a delayed case may be inquired about"
    remedies = "## Remedies beyond the InfoPass procedures: the CIS Ombudsman, Congress"
    assert (
        headings.index(processing)
        == headings.index("## Regimes: how an appointment is obtained") + 1
    )
    assert headings.index(remedies) == headings.index("## The Contact Center") + 1
    pt = text.index("### `PT-INQUIRY`")
    assert text.index(processing) < pt < text.index("### `MIA-ELIGIBLE`")
    assert text.index(remedies) < text.index("### `OMB-CASE-ASSIST`")
    assert text.index(remedies) < text.index("### `CONG-INQUIRY`")


def test_a_web_source_shows_its_address_its_date_notes_and_what_was_read(text: str) -> None:
    book = load_rulebook()
    source = book.sources["ombudsman-case-assistance"]
    section = text.split("### `ombudsman-case-assistance`")[1].split("\n### ")[0]
    assert "- **Address:** <https://www.dhs.gov/case-assistance>" in section
    assert "- **Date:** 2025-03 (to the month; stored as 2025-03-01)" in section
    assert f"  (cited as: {source.date_cited})" in section
    assert f"  ({source.date_note})" in section
    assert f'- **Read there:** "{source.excerpt}"' in section
    faq = text.split("### `ombudsman-faq`")[1].split("\n### ")[0]
    assert "- **Date:** 2021 (to the year; stored as 2021-01-01)" in faq


def test_the_in_force_and_source_dates_of_section_7_rules(text: str) -> None:
    assert "**Effective:** in force from 2012-05-22 (source dated 2022-05-01)." in text
    assert "**Effective:** in force from 2018-02-15 (source dated 2018-01-01)." in text
    assert "**Effective:** 2025-03-01." in text


def test_the_suspension_is_shown_as_a_dated_availability(text: str) -> None:
    assert "- `ombudsman.case_assistance_open`:" in text
    assert "| 2025-03-21 | no | `ombudsman-suspension-2025-public-citizen` |" in text
    assert "| 2025-05-24 | yes | `ombudsman-suspension-2025-visaverge` |" in text
