"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from infopass_rules.rules.districts.district import District
from tests.helpers import DATA_ROOT, PEACHTREE, SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real USCIS data (offices, the processing-times CSV): the shared one, else
    the sample kept in tests/data (the processing-times folder is ``tests.helpers.PT_FOLDER``)."""
    return DATA_ROOT


@pytest.fixture
def peachtree() -> Iterator[District]:
    """The made-up Peachtree District (tests/data/districts/peachtree.toml) registered beside
    Miami for one test, and Miami alone again after it."""
    from infopass_rules.rules.districts.from_toml import read_district
    from infopass_rules.rules.districts.miami.ladder import MIAMI
    from infopass_rules.rules.districts.registry import districts, register_district

    district, rules = read_district(PEACHTREE)
    with register_district(district, rules) as registered:
        yield registered
    assert districts() == (MIAMI,)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the real data must be there: a missing folder fails the run instead of skipping
    every test that reads it."""
    if os.environ.get("CI") and not SHARED_DATA.is_dir():
        raise pytest.UsageError(f"CI: the shared data folder {SHARED_DATA} is missing")
