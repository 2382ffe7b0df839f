"""MIA-LIMIT-CASES and MIA-LIMIT-DAY at their boundaries, by office scope and effective date;
the violations, their messages and their order; the checks of the arguments."""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.errors import InvalidValue
from infopass_rules.facts.history import Appointment
from infopass_rules.facts.ordering import appointment_sort_key
from infopass_rules.planning.limits import (
    Violation,
    ViolationKind,
    check_appointments,
    district_limits,
)
from infopass_rules.sources.rulebook import load_rulebook

D = dt.date


EFFECTIVE = D(2014, 2, 11)  # miami-2014-02-11, the limits' first day


DAY = D(2024, 3, 12)


def cases(n: int, first: int = 0) -> tuple[str, ...]:
    return tuple(f"MSC{i:010d}" for i in range(first, first + n))


def appt(
    n: int, *, on: dt.date = DAY, office: str = "MIA", attorney: str | None = "Ana", first: int = 0
) -> Appointment:
    return Appointment(on=on, office=office, receipt_numbers=cases(n, first), attorney=attorney)


MONDAY = D(2020, 1, 6)  # a Monday


def receipt(n: int) -> str:
    return f"MSC14900{n:05d}"


class TestMIALimitCases:
    """MIA-LIMIT-CASES, At most 5 cases per appointment: miami-2014-02-11, paragraph on
    appointment limits."""

    def test_five_cases_is_the_most_allowed(self) -> None:
        assert check_appointments([appt(5)]) == ()

    def test_six_cases_break_mia_limit_cases(self) -> None:
        a = appt(6)
        (found,) = check_appointments([a])
        assert found.rule_id == "MIA-LIMIT-CASES"
        assert found.kind is ViolationKind.TOO_MANY_CASES
        assert found.appointments == (a,)
        assert found.on == DAY
        assert found.citation is not None
        assert found.citation.source_id == "miami-2014-02-11"
        assert found.citations == load_rulebook().cite("MIA-LIMIT-CASES")
        assert "6 cases" in found.message
        assert "at most 5" in found.message


class TestMIALimitDay:
    """MIA-LIMIT-DAY, At most one appointment per day: miami-2014-02-11, paragraph on
    appointment limits."""

    def test_two_attorneys_on_one_day_is_fine(self) -> None:
        assert check_appointments([appt(5, attorney="Ana"), appt(5, attorney="Ben", first=5)]) == ()

    def test_one_attorney_two_appointments_a_day_breaks_mia_limit_day(self) -> None:
        first, second = appt(2, office="MIA"), appt(2, office="HIA", first=2)
        (found,) = check_appointments([second, first])
        assert found.rule_id == "MIA-LIMIT-DAY"
        assert found.kind is ViolationKind.TOO_MANY_APPOINTMENTS
        assert set(found.appointments) == {first, second}
        assert found.citation is not None
        assert found.citation.rule_id == "MIA-LIMIT-DAY"
        assert "'Ana'" in found.message

    def test_same_attorney_on_consecutive_days_is_fine(self) -> None:
        assert check_appointments([appt(5), appt(5, on=DAY + dt.timedelta(days=1), first=5)]) == ()

    def test_out_of_district_appointment_does_not_count_toward_the_day_limit(self) -> None:
        assert check_appointments([appt(5, office="MIA"), appt(5, office="ORL", first=5)]) == ()

    def test_unknown_attorneys_are_never_counted_together(self) -> None:
        unknown = [appt(1, attorney=None, first=i) for i in range(3)]
        assert check_appointments(unknown) == ()
        # ... but each appointment is still held to the case limit.
        (found,) = check_appointments([appt(6, attorney=None)])
        assert found.kind is ViolationKind.TOO_MANY_CASES
        assert "attorney unknown" in found.message

    def test_appointments_of_known_attorneys_are_ordered_by_name_not_by_cases(self) -> None:
        bea = ir.Appointment(MONDAY, "MIA", [receipt(1)], attorney="Bea")
        ana = ir.Appointment(MONDAY, "MIA", [receipt(1), receipt(2)], attorney="Ana")
        nobody = ir.Appointment(MONDAY, "MIA", [receipt(1), receipt(3)])
        (twice,) = check_appointments([bea, ana, nobody])
        assert twice.kind is ViolationKind.CASE_TWICE_SAME_DAY
        assert twice.appointments == (nobody, ana, bea)
        assert sorted([bea, ana, nobody], key=appointment_sort_key) == [nobody, ana, bea]
        assert appointment_sort_key(nobody) == (MONDAY, "MIA", False, "", (receipt(1), receipt(3)))
        assert appointment_sort_key(ana) == (MONDAY, "MIA", True, "Ana", (receipt(1), receipt(2)))

    def test_the_day_rule_binds_only_in_a_district_with_a_day_limit(self) -> None:
        from infopass_rules.planning.limits import DistrictLimits, day_limit_violation

        held = [appt(1, office="ORL"), appt(1, office="ORL", first=1)]
        book = load_rulebook()
        outside = DistrictLimits(max_cases=None, max_per_day=None, in_district=False)
        assert day_limit_violation("Ana", held, outside, book) is None
        inside = district_limits("MIA", DAY)
        found = day_limit_violation("Ana", [appt(1), appt(1, first=1)], inside, book)
        assert found is not None
        assert found.on == DAY


class TestLimitsInForce:
    """Both limits: from their dated parameters, from their first day, in the district only."""

    def test_limits_come_from_the_dated_parameters(self) -> None:
        params = load_rulebook().parameters
        limits = district_limits("MIA", DAY)
        assert limits.max_cases == params["miami.max_cases_per_appointment"].at(DAY)
        assert limits.max_per_day == params["miami.max_appointments_per_day"].at(DAY)
        assert limits.in_district

    def test_the_day_before_the_effective_date_is_not_held_to_the_limits(self) -> None:
        before = EFFECTIVE - dt.timedelta(days=1)
        assert district_limits("MIA", before).max_cases is None
        assert check_appointments([appt(6, on=before), appt(1, on=before, first=6)]) == ()

    def test_the_effective_date_itself_is_held_to_the_limits(self) -> None:
        found = check_appointments([appt(6, on=EFFECTIVE), appt(1, on=EFFECTIVE, first=6)])
        assert [v.rule_id for v in found] == ["MIA-LIMIT-CASES", "MIA-LIMIT-DAY"]

    @pytest.mark.parametrize("office", ["ORL", "WPB", "Orlando", "West Palm Beach FL"])
    def test_offices_outside_the_district_are_not_held_to_the_limits(self, office: str) -> None:
        assert not district_limits(Appointment(DAY, office, cases(1)).office, DAY).in_district
        assert check_appointments([appt(9, office=office), appt(1, office=office, first=9)]) == ()

    @pytest.mark.parametrize("office", ["MIA", "HIA", "KND", "OKL"])
    def test_every_district_office_is_held_to_the_limits(self, office: str) -> None:
        (found,) = check_appointments([appt(6, office=office)])
        assert found.rule_id == "MIA-LIMIT-CASES"

    @pytest.mark.parametrize(
        ("office", "on", "expected"),
        [
            ("NYC", MONDAY, (None, None, False)),
            ("MIA", D(2014, 2, 10), (None, None, True)),
            ("MIA", D(2014, 2, 11), (5, 1, True)),
            ("OKL", MONDAY, (5, 1, True)),
        ],
    )
    def test_district_limits_in_and_out_of_the_district(
        self, office: str, on: dt.date, expected: tuple[int | None, int | None, bool]
    ) -> None:
        limits = district_limits(office, on)
        assert (limits.max_cases, limits.max_per_day, limits.in_district) == expected
        assert limits.in_district is expected[2]


class TestViolations:
    """Every violation, with its exact message, in a fixed order."""

    def test_a_case_twice_on_one_day_is_flagged_without_a_rule(self) -> None:
        a = appt(1, attorney="Ana")
        b = appt(1, attorney="Ben", office="ORL")
        (found,) = check_appointments([a, b])
        assert found.kind is ViolationKind.CASE_TWICE_SAME_DAY
        assert found.rule_id is None
        assert found.citations == ()
        assert found.citation is None
        assert "no rule" in found.message
        assert "MSC0000000000" in found.message

    def test_every_violation_is_reported_in_a_fixed_order(self) -> None:
        later = DAY + dt.timedelta(days=7)
        docket = [
            appt(7, on=later, attorney="Cy", first=100),
            appt(6, attorney="Ana"),
            appt(1, attorney="Ana", first=6),
            appt(1, attorney="Ben", first=0),
        ]
        found = check_appointments(docket)
        assert [(v.on, v.kind) for v in found] == [
            (DAY, ViolationKind.TOO_MANY_CASES),
            (DAY, ViolationKind.TOO_MANY_APPOINTMENTS),
            (DAY, ViolationKind.CASE_TWICE_SAME_DAY),
            (later, ViolationKind.TOO_MANY_CASES),
        ]
        assert check_appointments(reversed(docket)) == found
        assert all(isinstance(v, Violation) for v in found)

    def test_an_empty_list_has_no_violations(self) -> None:
        assert check_appointments([]) == ()

    def test_every_kind_of_violation_on_one_day_with_its_exact_message(self) -> None:
        six = [receipt(n) for n in range(1, 7)]
        ana_mia = ir.Appointment(MONDAY, "MIA", six, attorney="Ana")
        ana_hia = ir.Appointment(MONDAY, "HIA", [receipt(7)], attorney="Ana")
        nobody_mia = ir.Appointment(
            MONDAY, "MIA", [receipt(1), *(receipt(n) for n in range(8, 13))]
        )
        found = check_appointments([ana_mia, ana_hia, nobody_mia])
        assert [(v.rule_id, v.kind, v.on, v.appointments) for v in found] == [
            ("MIA-LIMIT-CASES", ViolationKind.TOO_MANY_CASES, MONDAY, (nobody_mia,)),
            ("MIA-LIMIT-CASES", ViolationKind.TOO_MANY_CASES, MONDAY, (ana_mia,)),
            ("MIA-LIMIT-DAY", ViolationKind.TOO_MANY_APPOINTMENTS, MONDAY, (ana_hia, ana_mia)),
            (None, ViolationKind.CASE_TWICE_SAME_DAY, MONDAY, (nobody_mia, ana_mia)),
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


class TestArguments:
    """What is not a collection of appointments is refused, an element named by its index."""

    @pytest.mark.parametrize("bad", ["MIA", 5, None, {"a": 1}])
    def test_not_a_collection_is_refused(self, bad: object) -> None:
        with pytest.raises(InvalidValue) as info:
            check_appointments(bad)  # type: ignore[arg-type]
        assert info.value.field == "appointments"

    def test_a_bad_element_is_named_by_its_index(self) -> None:
        with pytest.raises(InvalidValue) as info:
            check_appointments([appt(1), "not an appointment"])  # type: ignore[list-item]
        assert info.value.field == "appointments[1]"

    def test_an_element_that_is_not_an_appointment_is_named_by_its_index(self) -> None:
        good = ir.Appointment(MONDAY, "MIA", [receipt(1)])
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
