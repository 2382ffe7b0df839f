"""Offices as firms write them: the code, USCIS's description, the city, "<city> Field Office",
"USCIS <city>" (and both); an ambiguous name lists its candidates; the words around a name
never make an office of something that is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infopass_rules.errors import UnknownOffice
from infopass_rules.facts.offices import OfficeKind, all_offices, resolve_office

FIELD_OFFICES = [o for o in all_offices() if o.kind is OfficeKind.FIELD_OFFICE]
_CITIES = [o.city for o in FIELD_OFFICES if o.city]
UNAMBIGUOUS = [o for o in FIELD_OFFICES if o.city and _CITIES.count(o.city) == 1]


@pytest.mark.parametrize(
    "name",
    [
        "MIA",
        "mia",
        "Miami FL",
        "Miami, FL",
        "Miami",
        "Miami Field Office",
        "miami field office",
        "USCIS Miami",
        "USCIS Miami Field Office",
        "USCIS Miami, FL Field Office",
        "Miami FO",
        "Miami Office",
        "USCIS MIA",
        "MIA Field Office",
    ],
)
def test_miami_as_firms_write_it(name: str) -> None:
    assert resolve_office(name) == "MIA"


@given(
    st.sampled_from(UNAMBIGUOUS),
    st.sampled_from(["{} Field Office", "USCIS {}", "USCIS {} Field Office"]),
)
def test_every_unambiguous_field_office_by_its_city_with_the_words_around_it(
    office: object, pattern: str
) -> None:
    assert resolve_office(pattern.format(office.city)) == office.code  # type: ignore[attr-defined]
    assert resolve_office(pattern.format(office.description)) == office.code  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["Portland Field Office", "USCIS Portland", "portland fo"])
def test_an_ambiguous_name_lists_the_candidates(name: str) -> None:
    with pytest.raises(UnknownOffice, match="is ambiguous") as info:
        resolve_office(name)
    assert "POM (Portland ME)" in str(info.value)
    assert "POO (Portland OR)" in str(info.value)
    assert resolve_office("Portland OR Field Office") == "POO"


@pytest.mark.parametrize(
    "name",
    [
        'MIA"',  # punctuation around a code is no office: a broken quote, not a name
        "(MIA)",
        "Miami Field",
        "Field Office",
        "USCIS",
        "USCIS Atlantis",
        "Atlantis Field Office",
        "National Benefits Center Field Office",  # a center is no field office
        "USCIS NBC",
        "MSC Field Office",  # a receipt-number prefix
    ],
)
def test_the_words_around_a_name_make_no_office_of_what_is_not_one(name: str) -> None:
    with pytest.raises(UnknownOffice):
        resolve_office(name)


def test_centers_keep_their_own_names() -> None:
    assert resolve_office("National Benefits Center") == "NBC"
    assert resolve_office("NBC") == "NBC"
