"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import DATA_ROOT, SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real USCIS data (offices, the processing-times CSV): the shared one, else
    the sample kept in tests/data (the processing-times folder is ``tests.helpers.PT_FOLDER``)."""
    return DATA_ROOT


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the real data must be there: a missing folder fails the run instead of skipping
    every test that reads it."""
    if os.environ.get("CI") and not SHARED_DATA.is_dir():
        raise pytest.UsageError(f"CI: the shared data folder {SHARED_DATA} is missing")
