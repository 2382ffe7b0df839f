"""Properties of the bitemporal table: an answer as of a date never uses a later snapshot."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes, load_processing_times
from tests.helpers import PT_FOLDER

FOLDER = PT_FOLDER
START = dt.date(2022, 1, 1)

days = st.integers(min_value=0, max_value=400).map(lambda n: START + dt.timedelta(days=n))
# A series: distinct fetch dates, each with the published receipt date for a case inquiry
# (None: suppressed that day), in any order.
series = st.dictionaries(
    days, st.one_of(st.none(), st.integers(-900, 0)), min_size=1, max_size=25
).map(lambda d: {k: None if v is None else k + dt.timedelta(days=v) for k, v in d.items()})


def _table(snapshots: dict[dt.date, dt.date | None]) -> ProcessingTimes:
    return ProcessingTimes(
        PublishedTime(
            form="N-400",
            office="MIA",
            category="160A",
            fetched_on=fetched,
            published_on=None,
            case_inquiry_date=inquiry,
            upper=Duration(17.5, "months"),
            lower=Duration(8, "months"),
            suppressed=inquiry is None,
            origin=f"synthetic {fetched}",
        )
        for fetched, inquiry in snapshots.items()
    )


@given(snapshots=series, as_of=days)
def test_lookup_uses_the_latest_snapshot_not_after_as_of(
    snapshots: dict[dt.date, dt.date | None], as_of: dt.date
) -> None:
    entry = _table(snapshots).lookup("N-400", "MIA", as_of=as_of)
    in_force = max((d for d in snapshots if d <= as_of), default=None)
    if in_force is None:
        assert entry is None
    else:
        assert entry is not None
        assert entry.fetched_on == in_force
        assert entry.case_inquiry_date == snapshots[in_force]


@given(snapshots=series, as_of=days, received=days.map(lambda d: d - dt.timedelta(days=700)))
def test_outside_since_never_looks_past_as_of(
    snapshots: dict[dt.date, dt.date | None], as_of: dt.date, received: dt.date
) -> None:
    table = _table(snapshots)
    finding = table.outside_since("N-400", "MIA", received_on=received, as_of=as_of)
    past = sorted(d for d in snapshots if d <= as_of)
    dated = [d for d in past if snapshots[d] is not None]
    # The unbroken run of snapshots, up to the latest dated one, that show the case outside.
    run: list[dt.date] = []
    for d in reversed(dated):
        inquiry = snapshots[d]
        if inquiry is None or not received < inquiry:
            break
        run.insert(0, d)
    if run:
        assert finding.on == run[0]
        assert not finding.estimated
        assert finding.entry is not None
        assert finding.entry.fetched_on <= as_of
    elif finding.on is not None:
        assert finding.estimated
        assert finding.on > as_of
    else:
        assert not past or snapshots[past[-1]] is None
    if table.is_outside("N-400", "MIA", received_on=received, on=as_of):
        assert finding.on is not None
        assert finding.on <= as_of


@given(snapshots=series, as_of=days, seed=st.randoms(use_true_random=False))
def test_the_order_entries_come_in_does_not_matter(
    snapshots: dict[dt.date, dt.date | None], as_of: dt.date, seed: random.Random
) -> None:
    entries = list(_table(snapshots))
    shuffled = entries[:]
    seed.shuffle(shuffled)
    again = ProcessingTimes(shuffled)
    assert list(again) == entries
    assert again.lookup("N-400", "MIA", as_of=as_of) == _table(snapshots).lookup(
        "N-400", "MIA", as_of=as_of
    )


@pytest.fixture(scope="module")
def real() -> ProcessingTimes:
    if not FOLDER.is_dir():
        pytest.skip(f"real data not found in {FOLDER}")
    return load_processing_times(FOLDER)


@settings(max_examples=200)
@given(
    as_of=st.dates(dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
    office=st.sampled_from(["MIA", "HIA", "KND", "OKL", "WPB"]),
    category=st.sampled_from(["I-485 Employment", "I-485 Family"]),
)
def test_real_series_never_answer_from_the_future(
    real: ProcessingTimes, as_of: dt.date, office: str, category: str
) -> None:
    entry = real.lookup("I-485", office, category=category, as_of=as_of)
    dates = real.snapshot_dates("I-485", office)
    if as_of < dates[0]:
        assert entry is None
    else:
        assert entry is not None
        assert entry.fetched_on <= as_of
        assert not any(entry.fetched_on < d <= as_of for d in dates)
