"""Shared test helpers: the shared data folder, date shortcuts, receipt numbers, and builders of
cases, histories and decisions. Test modules import them from here instead of keeping copies."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import infopass_rules as ir

#: The project's shared, read-only folder: ../shared beside the repository root.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
#: The real USCIS data (offices, processing times) in it.
SHARED_DATA = SHARED / "data"
#: A slice of that data kept in the repository (see tests/data/PROVENANCE.md): the tests run on
#: it when the shared folder is absent (a fresh clone), so that none of them skips.
SAMPLE_DATA = Path(__file__).resolve().parent / "data"
#: A made-up second district (offices ATL and MEM from 2016-03-01, a four-step ladder, 3 cases
#: per appointment and 2 appointments a day), registered by the ``peachtree`` fixture.
PEACHTREE = SAMPLE_DATA / "districts" / "peachtree.toml"
#: Whether the full shared data set is there.
FULL_DATA = SHARED_DATA.is_dir()
#: The folder the data files below are in: the shared one, else the sample.
DATA_ROOT = SHARED_DATA if FULL_DATA else SAMPLE_DATA
#: USCIS processing-times answers laid out {FORM}/{OFFICE}/{YYYY-MM-DD}.json.
PT_FOLDER = DATA_ROOT / "uscis-processing-times"
#: The flattened processing-times CSV (fetched 2024-10-30).
PT_CSV = DATA_ROOT / "uscis-processing-times-2024-10-30.csv"
#: The office codes of the processing-times API.
OFFICES_CSV = DATA_ROOT / "uscis-offices.csv"

D = date
ONE_DAY = timedelta(days=1)

#: A Miami District receipt number, and one of an office outside the district.
MIAMI_RECEIPT = "MSC1490012345"
BOSTON_RECEIPT = "EAC1890012345"
#: The day the Miami cases built here fall outside normal processing times.
OUTSIDE = D(2015, 1, 5)


def miami(**kw: object) -> ir.Case:
    """A Miami case outside normal processing times since OUTSIDE (fields in ``kw`` win)."""
    fields: dict[str, object] = {"outside_processing_times_on": OUTSIDE, **kw}
    return ir.Case(MIAMI_RECEIPT, "MIA", **fields)  # type: ignore[arg-type]


def case(office: str = "BOS", **kw: object) -> ir.Case:
    """A case at ``office`` (Boston unless told), with BOSTON_RECEIPT."""
    return ir.Case(BOSTON_RECEIPT, office, **kw)  # type: ignore[arg-type]


def infopass(on: date, **kw: object) -> ir.Inquiry:
    """An InfoPass inquiry on ``on``."""
    return ir.Inquiry(on, ir.Channel.INFOPASS, **kw)  # type: ignore[arg-type]


def three_steps(first: date) -> tuple[ir.Inquiry, ...]:
    """The three InfoPass steps of the Miami ladder, each on the first day it counts."""
    second = first + timedelta(days=61)
    return (infopass(first), infopass(second), infopass(second + timedelta(days=31)))


def decide(
    case: ir.Case,
    history: tuple[object, ...] = (),
    *,
    as_of: date,
    policy: ir.Policy = ir.DEFAULT_POLICY,
) -> ir.Decision:
    """``next_action`` with a history of anything (bad input included)."""
    return ir.next_action(case, history, as_of=as_of, policy=policy)  # type: ignore[arg-type]


def trace(decision: ir.Decision) -> list[tuple[str | None, str]]:
    """The decision's trace as (rule ID, finding) pairs."""
    return [(t.rule_id, t.finding) for t in decision.trace]


def texts(warnings: tuple[ir.Warning, ...] | list[ir.Warning]) -> tuple[str, ...]:
    """The texts of a decision's warnings (``str(w)`` is a warning's text)."""
    return tuple(str(w) for w in warnings)
