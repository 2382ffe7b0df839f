"""Reading a case's history as of a date (the engine's first room): the appointment still to
attend is kept whether or not two inquiries share a day, and the inquiries are put in their
total order, by day alone when no day is shared."""

from __future__ import annotations

import datetime as dt

import infopass_rules as ir
from infopass_rules.engine.history import _in_order, read_history
from infopass_rules.facts.ordering import inquiry_sort_key
from tests.helpers import MIAMI_RECEIPT, D, miami

AS_OF = D(2015, 6, 1)
APPOINTMENT = ir.Appointment(D(2015, 6, 10), "MIA", (MIAMI_RECEIPT,))


def _phone(on: dt.date, **kw: object) -> ir.Inquiry:
    return ir.Inquiry(on, ir.Channel.CONTACT_CENTER, **kw)  # type: ignore[arg-type]


def test_the_appointment_to_attend_is_kept_when_two_inquiries_share_a_day() -> None:
    shared = (
        ir.Inquiry(D(2015, 2, 2), ir.Channel.INFOPASS),
        _phone(D(2015, 2, 2)),
        APPOINTMENT,
    )
    history = read_history(miami(), shared, AS_OF)
    assert history.upcoming == APPOINTMENT
    assert [i.channel for i in history.inquiries] == [
        ir.Channel.CONTACT_CENTER,  # the channels' names in order on a shared day
        ir.Channel.INFOPASS,
    ]
    assert history.repeated == ()
    decision = ir.next_action(miami(), shared, as_of=AS_OF)
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert decision.earliest == D(2015, 6, 10)


def test_the_appointment_to_attend_is_kept_when_an_inquiry_is_repeated() -> None:
    repeated = (_phone(D(2015, 2, 2)), _phone(D(2015, 2, 2)), APPOINTMENT)
    history = read_history(miami(), repeated, AS_OF)
    assert history.upcoming == APPOINTMENT
    assert history.inquiries == (_phone(D(2015, 2, 2)),)
    assert history.repeated == (_phone(D(2015, 2, 2)),)


def test_the_appointment_to_attend_is_kept_when_no_day_is_shared() -> None:
    history = read_history(
        miami(), (_phone(D(2015, 2, 3)), _phone(D(2015, 2, 2)), APPOINTMENT), AS_OF
    )
    assert history.upcoming == APPOINTMENT
    assert [i.on for i in history.inquiries] == [D(2015, 2, 2), D(2015, 2, 3)]
    assert history.repeated == ()


def test_inquiries_of_different_days_are_put_in_order_by_day_and_said_to_share_none() -> None:
    inquiries = [
        _phone(D(2015, 2, 4), note="b"),
        ir.Inquiry(D(2015, 2, 2), ir.Channel.INFOPASS),
        _phone(D(2015, 2, 3), note="a"),
    ]
    assert _in_order(inquiries) is False
    assert [i.on for i in inquiries] == [D(2015, 2, 2), D(2015, 2, 3), D(2015, 2, 4)]


def test_inquiries_of_one_day_are_put_in_their_total_order_and_said_to_share_it() -> None:
    inquiries = [
        _phone(D(2015, 2, 3), note="b"),
        _phone(D(2015, 2, 2)),
        _phone(D(2015, 2, 3), note="a"),
    ]
    assert _in_order(inquiries) is True
    assert inquiries == sorted(inquiries, key=inquiry_sort_key)
    assert [i.note for i in inquiries] == [None, "a", "b"]


def test_no_inquiry_or_one_shares_no_day() -> None:
    assert _in_order([]) is False
    assert _in_order([_phone(D(2015, 2, 2))]) is False
