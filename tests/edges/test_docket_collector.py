"""The docket's batch steps pause Python's garbage collector while they run and resume it after:
only a collector that was running is resumed, so a program that turned it off keeps it off; the
report is the same either way."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator

import pytest

import infopass_rules as ir
from infopass_rules.edges.docket import EXAMPLE_AS_OF


def _docket() -> ir.Docket:
    return ir.read_docket(*ir.example_docket_files())


@pytest.fixture
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_deciding_a_docket_pauses_the_collector_and_resumes_it(collector_restored: None) -> None:
    seen: list[bool] = []

    def watching(indexes: Iterable[int]) -> Iterator[int]:
        for i in indexes:
            seen.append(gc.isenabled())
            yield i

    gc.enable()
    report = ir.decide_docket(_docket(), as_of=EXAMPLE_AS_OF, progress=watching)
    assert gc.isenabled()
    assert len(seen) == len(report.entries or ())
    assert not any(seen)  # paused while each case was decided
    assert report == ir.decide_docket(_docket(), as_of=EXAMPLE_AS_OF)


def test_a_collector_turned_off_stays_off(collector_restored: None) -> None:
    gc.disable()
    ir.decide_docket(_docket(), as_of=EXAMPLE_AS_OF)
    assert not gc.isenabled()


def test_the_collector_is_resumed_when_deciding_fails(collector_restored: None) -> None:
    def failing(indexes: Iterable[int]) -> Iterator[int]:
        yield from indexes
        raise RuntimeError("the progress bar broke")

    gc.enable()
    with pytest.raises(RuntimeError, match="progress bar broke"):
        ir.decide_docket(_docket(), as_of=EXAMPLE_AS_OF, progress=failing)
    assert gc.isenabled()
