"""Tests written to kill mutants that survived in ``appointments.py``: the exact messages of every
kind of violation, the canonical order of the appointments a violation names (an unknown attorney
first, then attorneys by name), the district flag outside the district, and the error for an
element that is not an Appointment.
"""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.facts.ordering import appointment_sort_key
from infopass_rules.planning.limits import (
    ViolationKind,
    check_appointments,
    district_limits,
)

D = dt.date
DAY = D(2020, 1, 6)  # a Monday


def receipt(n: int) -> str:
    return f"MSC14900{n:05d}"


def test_every_kind_of_violation_on_one_day_with_its_exact_message() -> None:
    six = [receipt(n) for n in range(1, 7)]
    ana_mia = ir.Appointment(DAY, "MIA", six, attorney="Ana")
    ana_hia = ir.Appointment(DAY, "HIA", [receipt(7)], attorney="Ana")
    nobody_mia = ir.Appointment(DAY, "MIA", [receipt(1), *(receipt(n) for n in range(8, 13))])
    found = check_appointments([ana_mia, ana_hia, nobody_mia])
    assert [(v.rule_id, v.kind, v.on, v.appointments) for v in found] == [
        ("MIA-LIMIT-CASES", ViolationKind.TOO_MANY_CASES, DAY, (nobody_mia,)),
        ("MIA-LIMIT-CASES", ViolationKind.TOO_MANY_CASES, DAY, (ana_mia,)),
        ("MIA-LIMIT-DAY", ViolationKind.TOO_MANY_APPOINTMENTS, DAY, (ana_hia, ana_mia)),
        (None, ViolationKind.CASE_TWICE_SAME_DAY, DAY, (nobody_mia, ana_mia)),
    ]
    assert [v.message for v in found] == [
        "MIA-LIMIT-CASES: 6 cases presented at one INFOPASS appointment (MIA on 2020-01-06, "
        "attorney unknown); at most 5 are allowed there on that day.",
        "MIA-LIMIT-CASES: 6 cases presented at one INFOPASS appointment (MIA on 2020-01-06, "
        "attorney 'Ana'); at most 5 are allowed there on that day.",
        "MIA-LIMIT-DAY: attorney 'Ana' holds 2 INFOPASS appointments on 2020-01-06 (HIA, MIA); "
        "the district's offices allow at most 1 a day.",
        f"Case {receipt(1)} is presented at 2 appointments on 2020-01-06; no rule forbids it "
        "(so no citation), but it is likely a docketing mistake.",
    ]
    assert [v.citation is None for v in found] == [False, False, False, True]


def test_appointments_of_known_attorneys_are_ordered_by_name_not_by_cases() -> None:
    bea = ir.Appointment(DAY, "MIA", [receipt(1)], attorney="Bea")
    ana = ir.Appointment(DAY, "MIA", [receipt(1), receipt(2)], attorney="Ana")
    nobody = ir.Appointment(DAY, "MIA", [receipt(1), receipt(3)])
    (twice,) = check_appointments([bea, ana, nobody])
    assert twice.kind is ViolationKind.CASE_TWICE_SAME_DAY
    assert twice.appointments == (nobody, ana, bea)
    assert sorted([bea, ana, nobody], key=appointment_sort_key) == [nobody, ana, bea]
    assert appointment_sort_key(nobody) == (DAY, "MIA", False, "", (receipt(1), receipt(3)))
    assert appointment_sort_key(ana) == (DAY, "MIA", True, "Ana", (receipt(1), receipt(2)))


@pytest.mark.parametrize(
    ("office", "on", "expected"),
    [
        ("NYC", DAY, (None, None, False)),
        ("MIA", D(2014, 2, 10), (None, None, True)),
        ("MIA", D(2014, 2, 11), (5, 1, True)),
        ("OKL", DAY, (5, 1, True)),
    ],
)
def test_district_limits_in_and_out_of_the_district(
    office: str, on: dt.date, expected: tuple[int | None, int | None, bool]
) -> None:
    limits = district_limits(office, on)
    assert (limits.max_cases, limits.max_per_day, limits.in_district) == expected
    assert limits.in_district is expected[2]


def test_an_element_that_is_not_an_appointment_is_named_by_its_index() -> None:
    good = ir.Appointment(DAY, "MIA", [receipt(1)])
    with pytest.raises(ir.InvalidValue) as caught:
        check_appointments([good, "x"])
    error = caught.value
    assert error.field == "appointments[1]"
    assert error.problem == "must be an Appointment"
    assert error.value == "x"
    assert error.expected == "infopass_rules.Appointment(on, office, receipt_numbers, attorney)"
    assert str(error) == (
        "appointments[1]: must be an Appointment; got 'x'; expected "
        "infopass_rules.Appointment(on, office, receipt_numbers, attorney)"
    )
