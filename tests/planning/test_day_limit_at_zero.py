"""MIA-LIMIT-DAY at its lowest: a district whose day limit is zero (no appointment allowed that
day) finds one appointment over it, dated that day; at a limit of one, one appointment is
within it and two are over it."""

from __future__ import annotations

import pytest

import infopass_rules as ir
from infopass_rules.planning.limits import DistrictLimits, day_limit_violation
from infopass_rules.rules.districts.miami.ladder import MIAMI
from infopass_rules.rules.districts.registry import with_districts
from infopass_rules.sources.rulebook import load_rulebook
from tests.helpers import D

DAY = D(2016, 3, 14)


def _held(n: int) -> list[ir.Appointment]:
    return [ir.Appointment(DAY, "MIA", (f"MSC16900{i:05d}",), attorney="Ana") for i in range(n)]


@pytest.mark.parametrize(
    ("limit", "held", "over"),
    [(0, 1, True), (1, 1, False), (1, 2, True)],
    ids=["zero-one", "one-one", "one-two"],
)
def test_the_day_limit_counts_the_appointments_held_that_day(
    limit: int, held: int, over: bool
) -> None:
    limits = DistrictLimits(max_cases=5, max_per_day=limit, in_district=True, district=MIAMI)
    appointments = _held(held)
    found = day_limit_violation("Ana", appointments, limits, with_districts(load_rulebook()))
    if not over:
        assert found is None
        return
    assert found is not None
    assert (found.rule_id, found.on, found.appointments) == (
        "MIA-LIMIT-DAY",
        DAY,
        tuple(appointments),
    )
    assert found.message == (
        f"MIA-LIMIT-DAY: attorney 'Ana' holds {held} INFOPASS appointments on 2016-03-14 "
        f"({', '.join(['MIA'] * held)}); the district's offices allow at most {limit} a day."
    )
