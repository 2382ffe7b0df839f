"""Each source carries what a lawyer cites (title, issuer, date, the AILA document number where
there is one), formatted on one line by ``Source.citation``; the seed file name is no citation."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.edges.reference import rules_reference_markdown


def test_the_aila_document_numbers_of_the_seeds() -> None:
    assert ir.SOURCES["aila-18020500"].aila_doc == "AILA Doc. No. 18020500"
    assert ir.SOURCES["aila-19030140"].aila_doc == "AILA Doc. No. 19030140"
    others = set(ir.SOURCES) - {"aila-18020500", "aila-19030140"}
    assert all(ir.SOURCES[s].aila_doc is None for s in others)


@pytest.mark.parametrize("source_id", sorted(ir.SOURCES))
def test_every_citation_is_one_line_with_title_issuer_and_date(source_id: str) -> None:
    source = ir.SOURCES[source_id]
    line = source.citation
    assert "\n" not in line
    assert line.startswith(f'"{source.title}", ')
    assert source.issuer in line
    assert source.cited_date in line
    if source.seed:
        assert source.seed not in line
    if source.url:
        assert line.endswith(source.url) or f", {source.url};" in line
    if source.aila_doc:
        assert source.aila_doc in line


def test_dates_as_a_citation_gives_them() -> None:
    assert ir.SOURCES["miami-2012-05-22"].cited_date == "May 22, 2012"
    assert ir.SOURCES["aila-18020500"].cited_date == "February 2018"  # dated to the month
    assert ir.SOURCES["contact-center-2019"].cited_date == "undated (after March 2019)"


def test_a_liaison_meeting_is_cited_as_compiled_in_the_procedures() -> None:
    compiled = ir.SOURCES["miami-procedures-2014-06-19"]
    line = ir.SOURCES["miami-2013-03-14"].citation
    assert line.endswith(f"; as compiled in {compiled.citation}")


def test_the_aila_number_is_added_when_the_title_lacks_it() -> None:
    source = attrs.evolve(
        ir.SOURCES["aila-18020500"], title="Reports of the InfoPass pilot", date=date(2018, 2, 1)
    )
    assert source.citation.startswith(
        '"Reports of the InfoPass pilot", American Immigration Lawyers Association, '
        "February 2018, AILA Doc. No. 18020500; as reported by SRW Lawyers"
    )


def test_the_reference_shows_citations_not_seed_files() -> None:
    text = rules_reference_markdown()
    for source in ir.SOURCES.values():
        assert f"- **Citation:** {source.citation}" in text
        assert not source.seed or source.seed not in text
