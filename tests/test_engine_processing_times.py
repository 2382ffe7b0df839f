"""Eligibility from USCIS's published processing times, inside the engine (MIA-ELIGIBLE)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import infopass_rules as ir

DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def times(shared_data: Path) -> ir.ProcessingTimes:
    return ir.load_processing_times(shared_data / "uscis-processing-times")


def n400(received_on: date) -> ir.Case:
    return ir.Case("MSC2190012345", "MIA", form="N-400", received_on=received_on)


def test_received_before_the_case_inquiry_date_is_outside(times: ir.ProcessingTimes) -> None:
    as_of = date(2022, 3, 1)
    cutoff = times.case_inquiry_date("N-400", "MIA", as_of=as_of)
    assert cutoff is not None
    for received, outside in ((cutoff - DAY, True), (cutoff, False), (cutoff + DAY, False)):
        decision = ir.next_action(n400(received), as_of=as_of, processing_times=times)
        assert decision.action is ir.Action.INQUIRE
        assert decision.step == 1
        assert decision.allowed is outside
        data = [c for c in decision.citations if c.source_id == "uscis-processing-times"]
        assert len(data) == 1
        assert "N-400" in data[0].title
        if outside:
            assert not any("estimate" in w for w in decision.warnings)
        else:
            assert decision.earliest is not None
            assert decision.earliest > as_of
            assert any("estimate" in w for w in decision.warnings)


def test_first_snapshot_day_outside_is_the_earliest(times: ir.ProcessingTimes) -> None:
    # Received the day before a later snapshot's case-inquiry date: outside from that snapshot.
    later = date(2022, 4, 20)
    cutoff = times.case_inquiry_date("N-400", "MIA", as_of=later)
    assert cutoff is not None
    decision = ir.next_action(n400(cutoff - DAY), as_of=later, processing_times=times)
    finding = times.outside_since("N-400", "MIA", received_on=cutoff - DAY, as_of=later)
    assert decision.earliest == finding.on
    assert finding.on is not None
    assert finding.on <= later
    assert not finding.estimated


def test_missing_form_or_unknown_office_data(times: ir.ProcessingTimes) -> None:
    with pytest.raises(ir.MissingFact, match=r"case\.form"):
        ir.next_action(
            ir.Case("MSC2190012345", "MIA", received_on=date(2020, 1, 1)),
            as_of=date(2022, 3, 1),
            processing_times=times,
        )
    with pytest.raises(ir.MissingFact, match="no published processing time"):
        ir.next_action(n400(date(2020, 1, 1)), as_of=date(2021, 1, 1), processing_times=times)


def test_case_date_wins_over_processing_times(times: ir.ProcessingTimes) -> None:
    case = ir.Case(
        "MSC2190012345",
        "MIA",
        form="N-400",
        received_on=date(2020, 1, 1),
        outside_processing_times_on=date(2021, 5, 3),
    )
    decision = ir.next_action(case, as_of=date(2022, 3, 1), processing_times=times)
    assert decision.earliest == date(2021, 5, 3)
