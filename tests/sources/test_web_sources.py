"""The sources after 2019 are public web pages: each is registered with its address, the passages
read on it (a words file shipped with the package) and one sentence of them, found there verbatim.

The loader's checks on these fields (seed or words, not both; a words file under ``pages/``; an
address; an excerpt of one sentence) are tested here too.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.sources.rulebook import (
    MAX_EXCERPT_CHARS,
    build_rulebook,
    load_rulebook,
    read_words,
)

BOOK = load_rulebook()
WEB = sorted(sid for sid, s in BOOK.sources.items() if s.words is not None)
#: The sources after 2019 (docs/concepts/sources-after-2019.md), found and checked on their pages.
SECTION_7 = {
    "uscis-processing-times-page",
    "ombudsman-case-assistance",
    "ombudsman-web-alerts",
    "ombudsman-faq",
    "ombudsman-suspension-2025-public-citizen",
    "ombudsman-suspension-2025-visaverge",
    "congress-privacy-release-2018",
}
#: Pages whose stored copy is at an http address: the address is given as read.
HTTP_AS_READ = {"congress-privacy-release-2018"}


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_section_7_sources_are_registered_as_web_pages() -> None:
    assert set(WEB) >= SECTION_7


@pytest.mark.parametrize("source_id", WEB)
def test_every_words_file_exists_in_the_package(source_id: str) -> None:
    source = BOOK.sources[source_id]
    assert source.words is not None
    path = resources.files("infopass_rules.sources").joinpath(f"data/{source.words}")
    assert path.is_file(), f"{source_id}: {source.words} is not in the package"
    assert read_words(source).strip()


@pytest.mark.parametrize("source_id", WEB)
def test_every_excerpt_is_verbatim_in_the_words_read(source_id: str) -> None:
    source = BOOK.sources[source_id]
    assert source.excerpt, f"{source_id} has no excerpt"
    assert len(_normalised(source.excerpt)) <= MAX_EXCERPT_CHARS
    assert _normalised(source.excerpt) in _normalised(read_words(source)), (
        f"{source_id}: the excerpt {source.excerpt!r} is not in {source.words}"
    )


@pytest.mark.parametrize("source_id", WEB)
def test_every_address_is_https(source_id: str) -> None:
    url = BOOK.sources[source_id].url
    assert url is not None
    if source_id in HTTP_AS_READ:
        assert url.startswith("http://"), f"{source_id} is no longer an exception"
    else:
        assert url.startswith("https://"), f"{source_id}: {url} is not an https address"


@pytest.mark.parametrize("source_id", WEB)
def test_a_web_source_has_words_not_a_seed_and_cites_its_address(source_id: str) -> None:
    source = BOOK.sources[source_id]
    assert source.seed is None
    assert source.url is not None
    assert source.url in source.citation


@pytest.mark.parametrize("source_id", sorted(SECTION_7))
def test_an_undated_page_says_why_its_date(source_id: str) -> None:
    source = BOOK.sources[source_id]
    assert source.date_note, f"{source_id}: the page shows no day; date_note says why this date"


def test_the_words_stay_a_few_passages() -> None:
    for source_id in WEB:
        assert len(read_words(BOOK.sources[source_id])) < 2_500, source_id


def test_a_source_with_no_words_file_has_none_to_read() -> None:
    with pytest.raises(InvalidValue, match="has no words file"):
        read_words(BOOK.sources["miami-2012-05-22"])


def test_a_year_is_cited_as_a_year() -> None:
    import attrs

    source = attrs.evolve(BOOK.sources["ombudsman-faq"], date_cited=None)
    assert source.cited_date == "2021"


# --- the loader's checks ------------------------------------------------------------------------


def _docs() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    data = resources.files("infopass_rules.sources").joinpath("data")
    return tuple(  # type: ignore[return-value]
        tomllib.loads(data.joinpath(name).read_text("utf-8"))
        for name in ("sources.toml", "rules.toml", "parameters.toml")
    )


def _build_with(source_id: str, **changes: Any) -> None:
    sources, rules, params = _docs()
    table = sources[source_id]
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    build_rulebook(sources, rules, params, digest="test")


def test_the_shipped_sources_load_unchanged() -> None:
    _build_with("ombudsman-faq")


@pytest.mark.parametrize(
    ("source_id", "changes", "message"),
    [
        ("ombudsman-faq", {"seed": "000_0300ca9baebc7848.txt"}, "has both seed and words"),
        ("ombudsman-faq", {"words": "../sources.toml"}, "is not a file of the source's words"),
        ("ombudsman-faq", {"words": "pages/FAQ.html"}, "is not a file of the source's words"),
        ("ombudsman-faq", {"url": None}, r"ombudsman-faq\.url: is missing"),
        ("ombudsman-faq", {"url": "www.dhs.gov/faq"}, "is not a web address"),
        ("ombudsman-faq", {"url": "https://www.dhs.gov/a page"}, "is not a web address"),
        ("ombudsman-faq", {"url": 7}, "has the wrong type"),
        ("ombudsman-faq", {"date_precision": "week"}, "is not a precision of a date"),
        ("ombudsman-faq", {"date_note": 2021}, "has the wrong type"),
        ("ombudsman-faq", {"excerpt": "One sentence. And another."}, "more than one sentence"),
        ("ombudsman-faq", {"excerpt": "x" * (MAX_EXCERPT_CHARS + 1)}, "characters long"),
        ("ombudsman-faq", {"excerpt": "  "}, "is blank"),
    ],
)
def test_the_loader_refuses_a_bad_web_source(
    source_id: str, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        _build_with(source_id, **changes)
