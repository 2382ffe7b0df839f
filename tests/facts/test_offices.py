"""The office registry against USCIS's own list of the 100 processing-times office codes."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from infopass_rules.errors import UnknownOffice
from infopass_rules.facts.offices import OfficeKind, all_offices, get_office, resolve_office
from tests.helpers import OFFICES_CSV

FIELD = frozenset({OfficeKind.FIELD_OFFICE})


@pytest.fixture(scope="module")
def uscis_offices(shared_data: Path) -> dict[str, str]:
    """code -> description, as USCIS publishes them."""
    with (OFFICES_CSV).open(encoding="utf-8", newline="") as f:
        return {row["office_code"]: row["office_description"] for row in csv.DictReader(f)}


def test_registry_is_uscis_list(uscis_offices: dict[str, str]) -> None:
    assert len(uscis_offices) == 100
    assert {o.code: o.description for o in all_offices()} == uscis_offices


def test_every_code_resolves_to_itself_in_any_case(uscis_offices: dict[str, str]) -> None:
    for code in uscis_offices:
        assert resolve_office(code) == code
        assert resolve_office(code.lower()) == code
        assert resolve_office(f"  {code.title()} ") == code


def test_every_description_resolves(uscis_offices: dict[str, str]) -> None:
    for code, description in uscis_offices.items():
        assert resolve_office(description) == code
        assert resolve_office(description.upper()) == code
        # "Miami FL" is also written "Miami, FL".
        assert resolve_office(description.replace(" ", ", ", 1)) == code


def test_every_unambiguous_field_office_city_resolves() -> None:
    field_offices = [o for o in all_offices() if o.kind is OfficeKind.FIELD_OFFICE]
    cities = Counter(o.city for o in field_offices)
    assert cities["Portland"] == 2
    resolved = 0
    for office in field_offices:
        assert office.city
        assert office.state
        if cities[office.city] == 1:
            assert resolve_office(office.city, kinds=FIELD) == office.code
            resolved += 1
    assert resolved == len(field_offices) - 2


def test_ambiguous_city_names_both_offices() -> None:
    with pytest.raises(UnknownOffice, match="ambiguous") as info:
        resolve_office("Portland")
    message = str(info.value)
    assert "POM (Portland ME)" in message
    assert "POO (Portland OR)" in message
    assert resolve_office("portland, or") == "POO"


@pytest.mark.parametrize(
    ("typo", "suggested"), [("Miamy", "MIA"), ("Bostn MA", "BOS"), ("MIAX", "MIA")]
)
def test_unknown_name_suggests_close_matches(typo: str, suggested: str) -> None:
    with pytest.raises(UnknownOffice, match="not a USCIS office") as info:
        resolve_office(typo)
    assert info.value.expected is not None
    assert suggested in info.value.expected


@pytest.mark.parametrize("prefix", ["MSC", "EAC", "WAC", "LIN", "SRC", "IOE"])
def test_receipt_number_prefixes_are_not_office_codes(prefix: str) -> None:
    with pytest.raises(UnknownOffice) as info:
        resolve_office(prefix)
    assert info.value.field == "office"
    assert info.value.value == prefix


def test_two_receipt_prefixes_are_also_center_codes() -> None:
    # NBC and YSC stand both for a receipt prefix and for a center in USCIS's office list.
    assert get_office("nbc").description == "National Benefits Center"
    assert get_office("YSC").kind is OfficeKind.CENTER


def test_kinds() -> None:
    kinds = Counter(o.kind for o in all_offices())
    assert kinds[OfficeKind.AGGREGATE] == 2
    assert {o.code for o in all_offices() if o.kind is OfficeKind.AGGREGATE} == {"FOD", "SCD"}
    assert kinds[OfficeKind.CENTER] == 8
    assert kinds[OfficeKind.FIELD_OFFICE] == 90
    assert all(o.city is None for o in all_offices() if o.kind is not OfficeKind.FIELD_OFFICE)


@pytest.mark.parametrize("code", ["NSC", "FOD", "All Service Centers"])
def test_kinds_filter_names_the_kind_found_and_wanted(code: str) -> None:
    with pytest.raises(UnknownOffice, match="expected a field office") as info:
        resolve_office(code, field="appointment.office", kinds=FIELD)
    assert info.value.field == "appointment.office"


def test_codes_are_ascii_only() -> None:
    with pytest.raises(UnknownOffice):
        resolve_office("m\u0131a")  # a dotless i upper-cases to the I of MIA


@pytest.mark.parametrize("bad", [None, 1, b"MIA", ["MIA"]])
def test_office_must_be_a_string(bad: object) -> None:
    with pytest.raises(UnknownOffice, match="must be a string"):
        resolve_office(bad)


@pytest.mark.parametrize("bad", ["", "   ", "Springfield"])
def test_unknown_office(bad: str) -> None:
    with pytest.raises(UnknownOffice, match="not a USCIS office code or name"):
        resolve_office(bad)


def test_get_office() -> None:
    office = get_office("Oakland Park FL")
    assert (office.code, office.city, office.state) == ("OKL", "Oakland Park", "FL")
