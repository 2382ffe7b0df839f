"""No hidden retention: deciding keeps no argument alive once the caller lets it go.

The engine keeps no memo of decisions, so a processing-times table (about a megabyte for the
real data) given to ``next_action`` or ``decide_many`` is freed with the caller's last
reference, even while the decisions made with it are kept.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest

import infopass_rules as ir
from infopass_rules.engine.next_action import clear_cache
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes

D = dt.date


class _Table(ProcessingTimes):
    __slots__ = ("__weakref__",)  # a table that can be watched for being freed


def _table(n: int) -> _Table:
    fetched = D(2020, 1, 10) + dt.timedelta(days=n)
    return _Table(
        [
            PublishedTime(
                form="I-485",
                office="MIA",
                category="Family",
                fetched_on=fetched,
                published_on=fetched - dt.timedelta(days=2),
                case_inquiry_date=D(2019, 6, 1),
                upper=Duration(10, "months"),
                lower=None,
                suppressed=False,
                origin=f"test table {n}",
            )
        ]
    )


CASE = ir.Case("MSC1990012345", "MIA", form="I-485", category="Family", received_on=D(2019, 5, 1))


def test_fifty_processing_times_tables_are_not_kept_alive() -> None:
    refs = []
    decisions = []
    for n in range(50):
        table = _table(n)
        refs.append(weakref.ref(table))
        decisions.append(
            ir.next_action(CASE, as_of=D(2020, 3, 1) + dt.timedelta(days=n), processing_times=table)
        )
        decisions.append(ir.next_action(CASE, as_of=D(2020, 3, 1), processing_times=table))
        del table
    gc.collect()
    assert [r for r in refs if r() is not None] == []
    assert all(d.action is ir.Action.INQUIRE for d in decisions)  # kept, and read after
    assert all("snapshot" in d.explain() for d in decisions)


def test_clear_cache_is_deprecated_and_does_nothing() -> None:
    with pytest.warns(DeprecationWarning, match="does nothing"):
        assert clear_cache() is None
