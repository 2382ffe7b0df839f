"""The facts: every validator at its boundary, immutability, hashing and normalisation."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infopass_rules.errors import (
    InfopassRulesError,
    InvalidReceiptNumber,
    InvalidValue,
    UnknownOffice,
)
from infopass_rules.facts.case import MAX_DEADLINES, Case, Deadline
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.strategies import receipt_numbers

D = dt.date
RN = "MSC1490012345"
RN2 = "EAC2190054321"


def case(**changes: object) -> Case:
    fields: dict[str, object] = {"receipt_number": RN, "office": "MIA", **changes}
    return Case(**fields)


# --- receipt numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("msc-14-900-12345 ", RN),
        ("MSC1490012345", RN),
        (" msc 149 001 2345", RN),
        ("MsC\t1490012345\n", RN),
        ("MSC\u00a01490012345", RN),  # a no-break space pasted from a web page is a space
    ],
)
def test_receipt_number_is_normalised(given: str, normal: str) -> None:
    assert case(receipt_number=given).receipt_number == normal


@pytest.mark.parametrize(
    "given",
    [
        "MSC149001234",  # 12 characters
        "MSC14900123456",  # 14 characters
        "MS1490012345X",  # 13 characters, letters in the wrong places
        "MSCA490012345",
        "MSC\u0661\u0664\u0669\u0660\u0660\u0661\u0662\u0663\u0664\u0665",  # Arabic-Indic digits
        "MSC\uff11\uff14\uff19\uff10\uff10\uff11\uff12\uff13\uff14\uff15",  # full-width digits
        "ms\u01311490012345",  # dotless i upper-cases to an ASCII I
        "\u00dfc1490012345",  # sharp s upper-cases to SS
        "MSC\u20131490012345",  # an en dash is not a dash that is ignored
        "",
        "   ",
    ],
)
def test_receipt_number_refused(given: str) -> None:
    with pytest.raises(InvalidReceiptNumber) as info:
        case(receipt_number=given)
    assert info.value.field == "receipt_number"
    assert "3 letters and 10 digits" in str(info.value)


def test_receipt_number_of_13_characters_is_the_boundary() -> None:
    assert len(case(receipt_number="ABC0000000000").receipt_number) == 13


@pytest.mark.parametrize("given", [1490012345, None, b"MSC1490012345", ["MSC1490012345"]])
def test_receipt_number_must_be_a_string(given: object) -> None:
    with pytest.raises(InvalidReceiptNumber, match="must be a string"):
        case(receipt_number=given)


@settings(max_examples=50)
@given(receipt_numbers(), st.data())
def test_any_spelling_of_a_receipt_number_normalises_to_it(
    number: str, data: st.DataObject
) -> None:
    separators = st.sampled_from(["", "", "-", " ", " - "])
    spelled = "".join(
        data.draw(separators) + data.draw(st.sampled_from([c, c.lower()])) for c in number
    )
    assert case(receipt_number=spelled).receipt_number == number


def test_inquiry_receipt_number_is_optional_and_normalised() -> None:
    assert Inquiry(D(2020, 1, 1), Channel.MAIL).receipt_number is None
    assert (
        Inquiry(D(2020, 1, 1), Channel.MAIL, receipt_number="msc-1490012345").receipt_number == RN
    )
    with pytest.raises(InvalidReceiptNumber, match="receipt_number"):
        Inquiry(D(2020, 1, 1), Channel.MAIL, receipt_number="MSC")


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [dt.datetime(2020, 1, 1), "2020-01-01", 20200101])
def test_dates_must_be_dates_not_datetimes_or_strings(bad: object) -> None:
    with pytest.raises(InvalidValue) as info:
        Inquiry(bad, Channel.MAIL)
    assert info.value.field == "on"
    with pytest.raises(InvalidValue, match="received_on"):
        case(received_on=bad)
    with pytest.raises(InvalidValue, match="on"):
        Deadline(bad, "trip")


@pytest.mark.parametrize("name", ["resolved_on", "outside_processing_times_on"])
@pytest.mark.parametrize(("offset", "valid"), [(-1, False), (0, True), (1, True)])
def test_later_dates_are_not_before_received_on(name: str, offset: int, valid: bool) -> None:
    received = D(2020, 3, 1)
    value = received + dt.timedelta(days=offset)
    if valid:
        assert getattr(case(received_on=received, **{name: value}), name) == value
    else:
        with pytest.raises(InvalidValue, match="before received_on") as info:
            case(received_on=received, **{name: value})
        assert info.value.field == name


def test_later_dates_without_received_on_are_not_compared() -> None:
    made = case(resolved_on=D(2001, 1, 1), outside_processing_times_on=D(2000, 1, 1))
    assert made.received_on is None


# --- appointments ---------------------------------------------------------------------------


def test_appointment_needs_a_receipt_number() -> None:
    with pytest.raises(InvalidValue, match="at least one") as info:
        Appointment(D(2020, 1, 1), "MIA", [])
    assert info.value.field == "receipt_numbers"


def test_appointment_with_one_receipt_number() -> None:
    made = Appointment(D(2020, 1, 1), "Miami", ["msc-1490012345"])
    assert made.receipt_numbers == (RN,)
    assert made.office == "MIA"


@pytest.mark.parametrize("repeat", [RN, "msc 149 0012345"])
def test_appointment_refuses_a_repeated_receipt_number(repeat: str) -> None:
    with pytest.raises(InvalidValue, match="repeats") as info:
        Appointment(D(2020, 1, 1), "MIA", [RN, RN2, repeat])
    assert info.value.field == "receipt_numbers[2]"


def test_appointment_names_the_bad_receipt_number_by_index() -> None:
    with pytest.raises(InvalidReceiptNumber) as info:
        Appointment(D(2020, 1, 1), "MIA", [RN, "nope"])
    assert info.value.field == "receipt_numbers[1]"


@pytest.mark.parametrize("bad", ["MSC1490012345", {"MSC1490012345": 1}, 5])
def test_appointment_receipt_numbers_must_be_a_collection(bad: object) -> None:
    with pytest.raises(InvalidValue, match="collection"):
        Appointment(D(2020, 1, 1), "MIA", bad)


@pytest.mark.parametrize("office", ["NSC", "Nebraska Service Center", "FOD"])
def test_appointment_is_at_a_field_office(office: str) -> None:
    with pytest.raises(UnknownOffice, match="field office"):
        Appointment(D(2020, 1, 1), office, [RN])


def test_a_case_may_be_at_a_center() -> None:
    assert case(office="nebraska service center").office == "NSC"


def test_appointment_keeps_the_order_presented() -> None:
    assert Appointment(D(2020, 1, 1), "MIA", [RN2, RN]).receipt_numbers == (RN2, RN)


# --- collections ----------------------------------------------------------------------------


def test_deadlines_are_sorted_and_a_tuple() -> None:
    late, early, same_day = (
        Deadline(D(2021, 5, 1), "b"),
        Deadline(D(2020, 1, 1), "z"),
        Deadline(D(2021, 5, 1), "a"),
    )
    made = case(deadlines=[late, early, same_day])
    assert made.deadlines == (early, same_day, late)
    assert isinstance(made.deadlines, tuple)


def test_deadlines_hold_only_deadlines() -> None:
    with pytest.raises(InvalidValue, match="must be a Deadline") as info:
        case(deadlines=[Deadline(D(2020, 1, 1), "x"), ("2020-01-01", "trip")])
    assert info.value.field == "deadlines[1]"


def test_deadlines_are_bounded() -> None:
    many = [Deadline(D(2020, 1, 1), f"d{i}") for i in range(MAX_DEADLINES)]
    assert len(case(deadlines=many).deadlines) == MAX_DEADLINES
    with pytest.raises(InvalidValue, match="too many"):
        case(deadlines=[*many, Deadline(D(2020, 1, 1), "one more")])


def test_circumstances_become_a_frozenset_and_accept_names() -> None:
    made = case(circumstances=["HEALTH", Circumstance.HEALTH, Circumstance.FINANCIAL])
    assert made.circumstances == frozenset({Circumstance.HEALTH, Circumstance.FINANCIAL})
    assert isinstance(made.circumstances, frozenset)


@pytest.mark.parametrize("bad", ["HEALTH", ["health"], [1]])
def test_circumstances_refuse_strings_and_unknown_members(bad: object) -> None:
    with pytest.raises(InvalidValue, match="circumstances"):
        case(circumstances=bad)


# --- enums, text, bool ----------------------------------------------------------------------


def test_enum_fields_accept_members_and_exact_names() -> None:
    assert case(issue="DACA").issue is Issue.DACA
    made = Inquiry(D(2020, 1, 1), "E_REQUEST", outcome="RESOLVED", level="TIER_2")
    assert (made.channel, made.outcome, made.level) == (
        Channel.E_REQUEST,
        Outcome.RESOLVED,
        Level.TIER_2,
    )


@pytest.mark.parametrize("bad", ["daca", "Daca", "UNKNOWN", 1, None])
def test_enum_fields_refuse_anything_else(bad: object) -> None:
    with pytest.raises(InvalidValue, match="one of CASE_DELAY") as info:
        case(issue=bad)
    assert info.value.field == "issue"


@pytest.mark.parametrize("bad", [1, 0, "true", None])
def test_pressing_is_a_bool(bad: object) -> None:
    with pytest.raises(InvalidValue, match="True or False"):
        case(pressing=bad)


def test_text_is_stripped_non_empty_and_bounded() -> None:
    assert case(category="  160A ").category == "160A"
    assert Deadline(D(2020, 1, 1), "x" * 200).what == "x" * 200
    for bad in ["", "   ", "x" * 201, 5]:
        with pytest.raises(InvalidValue, match="what"):
            Deadline(D(2020, 1, 1), bad)


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("I-485", "I-485"),
        ("i485", "I-485"),
        (" n-400 ", "N-400"),
        ("i-129cw", "I-129CW"),
        ("N600K", "N-600K"),
        ("I-90", "I-90"),
        (None, None),
    ],
)
def test_form_is_normalised(given: str | None, normal: str | None) -> None:
    assert case(form=given).form == normal


@pytest.mark.parametrize("bad", ["485", "I-", "I-12345", "", "\u0131-485", "I 485", 485])
def test_form_refused(bad: object) -> None:
    with pytest.raises(InvalidValue, match="form"):
        case(form=bad)


# --- values ---------------------------------------------------------------------------------


def test_facts_are_frozen_slotted_and_hashable() -> None:
    made = case(deadlines=[Deadline(D(2020, 1, 1), "x")], circumstances=[Circumstance.HEALTH])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.office = "BOS"  # type: ignore[misc]
    assert not hasattr(made, "__dict__")
    same = case(deadlines=(Deadline(D(2020, 1, 1), "x"),), circumstances={Circumstance.HEALTH})
    assert len({made, same}) == 1
    assert hash(Appointment(D(2020, 1, 1), "MIA", [RN])) == hash(
        Appointment(D(2020, 1, 1), "MIA", (RN,))
    )


def test_deadline_order_does_not_change_equality() -> None:
    a, b = Deadline(D(2020, 1, 1), "a"), Deadline(D(2021, 1, 1), "b")
    assert case(deadlines=[a, b]) == case(deadlines=[b, a])
    assert hash(case(deadlines=[a, b])) == hash(case(deadlines=[b, a]))


def test_evolve_validates_again() -> None:
    made = case(received_on=D(2020, 1, 1))
    assert attrs.evolve(made, office="Boston MA").office == "BOS"
    assert attrs.evolve(made, receipt_number="eac-2190054321").receipt_number == RN2
    with pytest.raises(InvalidReceiptNumber):
        attrs.evolve(made, receipt_number="bad")
    with pytest.raises(InvalidValue, match="before received_on"):
        attrs.evolve(made, resolved_on=D(2019, 12, 31))


def test_errors_are_value_errors_naming_field_value_and_expected() -> None:
    with pytest.raises(ValueError, match="office") as info:
        case(office="Nowhere")
    error = info.value
    assert isinstance(error, InfopassRulesError)
    assert (error.field, error.value) == ("office", "Nowhere")
    assert error.expected
    assert "'Nowhere'" in str(error)


def test_trusted_appointment_equals_a_checked_one() -> None:
    from infopass_rules.facts.history import trusted_appointment

    checked = Appointment(
        dt.date(2020, 1, 6), "MIA", ("MSC1490012345", "EAC1490012345"), "A. Reyes"
    )
    trusted = trusted_appointment(checked.on, "MIA", checked.receipt_numbers, "A. Reyes")
    assert trusted == checked
    assert hash(trusted) == hash(checked)
    assert attrs.evolve(trusted, attorney="B. Chen").attorney == "B. Chen"


@pytest.mark.parametrize(("field", "longest"), [("reference", 100), ("note", 2000)])
def test_reference_and_note_are_bounded_text(field: str, longest: int) -> None:
    day = dt.date(2020, 1, 2)
    assert getattr(Inquiry(day, Channel.MAIL, **{field: "x" * longest}), field) == "x" * longest
    for bad in ("x" * (longest + 1), "   ", 5):
        with pytest.raises(InvalidValue) as caught:
            Inquiry(day, Channel.MAIL, **{field: bad})
        assert caught.value.field == field
