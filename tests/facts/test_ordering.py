"""The one canonical order of inquiries and appointments: a missing value sorts first."""

from __future__ import annotations

import datetime as dt

import infopass_rules as ir
from infopass_rules.facts.ordering import appointment_sort_key, inquiry_sort_key

DAY = dt.date(2016, 1, 4)
RN = "MSC1690012345"


def _inquiry(**kw: object) -> ir.Inquiry:
    return ir.Inquiry(on=DAY, channel=ir.Channel.INFOPASS, **kw)  # type: ignore[arg-type]


def test_an_inquiry_without_a_field_comes_before_one_with_it() -> None:
    for field, value in (
        ("level", ir.Level.SUPERVISOR),
        ("receipt_number", RN),
        ("reference", "A"),
        ("note", "A"),
    ):
        bare, given = _inquiry(), _inquiry(**{field: value})
        assert sorted([given, bare], key=inquiry_sort_key) == [bare, given], field
        # An empty-looking value still sorts after a missing one, and the key is total.
        assert inquiry_sort_key(bare) < inquiry_sort_key(given)


def test_inquiries_sort_by_day_channel_outcome_then_the_rest() -> None:
    later = ir.Inquiry(on=DAY + dt.timedelta(days=1), channel=ir.Channel.CONTACT_CENTER)
    phone = ir.Inquiry(on=DAY, channel=ir.Channel.CONTACT_CENTER)
    resolved = _inquiry(outcome=ir.Outcome.RESOLVED)
    plain = _inquiry()
    shuffled = [later, resolved, plain, phone]
    # By name: CONTACT_CENTER before INFOPASS, RESOLVED before UNRESOLVED.
    assert sorted(shuffled, key=inquiry_sort_key) == [phone, resolved, plain, later]


def test_an_appointment_of_an_unknown_attorney_comes_first() -> None:
    known = ir.Appointment(on=DAY, office="MIA", receipt_numbers=(RN,), attorney="A")
    unknown = ir.Appointment(on=DAY, office="MIA", receipt_numbers=(RN,))
    elsewhere = ir.Appointment(on=DAY, office="HIA", receipt_numbers=(RN,), attorney="A")
    ordered = sorted([known, unknown, elsewhere], key=appointment_sort_key)
    assert ordered == [elsewhere, unknown, known]


def test_channels_and_issues_in_words() -> None:
    # The words the explanations use: no enum name reaches a person.
    assert [c.words for c in ir.Channel] == [
        "INFOPASS",
        "Contact Center",
        "e-Request",
        "mail",
        "CIS Ombudsman",  # a request to the Ombudsman, never an inquiry to USCIS
        "congressional",  # "the congressional inquiry of ..."
    ]
    assert ir.Issue.PROOF_OF_STATUS.words == "proof of status"
    assert ir.Issue.DACA.words == "DACA"
    assert ir.Issue.ADIT_STAMP.words == "ADIT stamp"
    assert ir.Issue.ELIS_APPLICATION.words == "ELIS application"
    assert all("_" not in i.words for i in ir.Issue)
