"""Reading a history that holds a request beyond USCIS (to the CIS Ombudsman, to Congress):
the request is kept apart from the inquiries, and everything else the history says is read as
it is without one: the appointment still to attend, the inquiries after ``as_of``, an inquiry
recorded twice."""

from __future__ import annotations

import infopass_rules as ir
from infopass_rules.engine.history import read_history
from tests.helpers import MIAMI_RECEIPT, D, infopass, miami

AS_OF = D(2015, 6, 1)
APPOINTMENT = ir.Appointment(D(2015, 6, 10), "MIA", (MIAMI_RECEIPT,))
TO_CONGRESS = ir.Inquiry(D(2015, 3, 2), ir.Channel.CONGRESS, reference="C-1")
TO_OMBUDSMAN = ir.Inquiry(D(2015, 3, 3), ir.Channel.OMBUDSMAN)
LATER = infopass(D(2015, 6, 20))


def test_the_appointment_to_attend_is_kept_beside_a_request() -> None:
    history = read_history(miami(), (TO_CONGRESS, APPOINTMENT, LATER), AS_OF)
    assert history.upcoming == APPOINTMENT
    assert history.requests == (TO_CONGRESS,)
    assert history.inquiries == ()
    assert history.later == (LATER,)
    decision = ir.next_action(miami(), (TO_CONGRESS, APPOINTMENT), as_of=AS_OF)
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert decision.earliest == APPOINTMENT.on


def test_the_appointment_to_attend_is_kept_when_an_inquiry_is_repeated_beside_requests() -> None:
    visit = infopass(D(2015, 2, 2))
    items = (visit, visit, TO_OMBUDSMAN, TO_CONGRESS, APPOINTMENT)
    history = read_history(miami(), items, AS_OF)
    assert history.upcoming == APPOINTMENT
    assert history.inquiries == (visit,)
    assert history.repeated == (visit,)
    assert history.requests == (TO_CONGRESS, TO_OMBUDSMAN)
    decision = ir.next_action(miami(), items, as_of=AS_OF)
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
