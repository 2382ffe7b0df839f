"""The bundled example docket: 40 cases of a firm on Monday 25 February 2019, with their history.

Miami District cases at every rung of the ladder (a first step, a wait, a premature call, a mailed
letter that is no step, the Field Office Director after three steps or on a pressing issue, an
exhausted route, a resolved case, a case not yet received, a booked appointment, a duplicate
e-Request), Contact Center Tier 2 referrals in Los Angeles and San Francisco (one overdue, one
waiting, one exhausted at the Tier 2 Supervisor), a pilot office (Hartford), self-scheduling
offices (Boston, New York), every issue, and every channel in the histories. Decided as of
:data:`EXAMPLE_AS_OF`, its rows cover every :class:`~infopass_rules.facts.enums.Action`.
"""

from __future__ import annotations

import datetime as _dt
from importlib import resources
from pathlib import Path

from infopass_rules.edges.docket.model import Docket
from infopass_rules.edges.docket.reading import read_docket

__all__ = ["EXAMPLE_AS_OF", "example_docket", "example_docket_files"]

#: The morning the example docket is decided on.
EXAMPLE_AS_OF = _dt.date(2019, 2, 25)

_CASES = "example_cases.csv"
_HISTORY = "example_history.csv"


def example_docket_files() -> tuple[Path, Path]:
    """The bundled CSV files: the cases and their history (to read, copy or show)."""
    here = resources.files(__package__)
    return Path(str(here / _CASES)), Path(str(here / _HISTORY))


def example_docket() -> Docket:
    """The bundled example docket, read from its CSV files (decide it as of
    :data:`EXAMPLE_AS_OF`)."""
    cases, history = example_docket_files()
    return read_docket(cases, history)
