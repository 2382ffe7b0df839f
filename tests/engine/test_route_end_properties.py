"""The route told right to its end, over random Miami histories with the Field Office Director,
Supervisors and the Contact Center's tiers reached at every step: no decision advises again a
step already taken, none ends a route early, and every date a trace states as the day an officer
was reached is the day of a contact with that officer."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import infopass_rules as ir

FOD = ir.Level.FIELD_OFFICE_DIRECTOR
OUTSIDE = dt.date(2015, 1, 5)
#: Gaps between contacts: the same day, a day, and either side of the 30- and 60-day waits.
GAPS = (0, 1, 29, 30, 31, 59, 60, 61, 62, 90)
LEVELS = (None, None, ir.Level.SUPERVISOR, ir.Level.SECTION_CHIEF, FOD, FOD, ir.Level.TIER_2,
          ir.Level.TIER_2_SUPERVISOR)  # fmt: skip
CHANNELS = (ir.Channel.INFOPASS, ir.Channel.INFOPASS, ir.Channel.CONTACT_CENTER, ir.Channel.MAIL)
RECEIPT = "MSC1490012345"


@st.composite
def miami_routes(draw: st.DrawFn) -> tuple[ir.Case, tuple[object, ...], dt.date]:
    """A delayed Miami case and a history of up to seven contacts, officers of every level
    reached at any of them (an appointment held among them), and a day to decide on."""
    case = ir.Case(
        RECEIPT,
        draw(st.sampled_from(("MIA", "HIA", "KND", "OKL"))),
        outside_processing_times_on=OUTSIDE,
        pressing=draw(st.booleans()),
    )
    day = OUTSIDE + dt.timedelta(days=draw(st.integers(0, 3)))
    history: list[object] = []
    for _ in range(draw(st.integers(0, 7))):
        day += dt.timedelta(days=draw(st.sampled_from(GAPS)))
        if draw(st.integers(0, 5)) == 0:
            history.append(ir.Appointment(day, "MIA", (RECEIPT,)))
            continue
        history.append(
            ir.Inquiry(
                day,
                draw(st.sampled_from(CHANNELS)),
                outcome=draw(
                    st.sampled_from((ir.Outcome.UNRESOLVED,) * 4 + (ir.Outcome.TIER_2_REFERRAL,))
                ),
                level=draw(st.sampled_from(LEVELS)),
            )
        )
    as_of = day + dt.timedelta(days=draw(st.sampled_from((0, 1, 30, 61, 120))))
    return case, tuple(history), as_of


def _reached_on(history: tuple[object, ...], as_of: dt.date, level: ir.Level) -> list[dt.date]:
    """The days a contact (no letter) reached an officer of ``level``, on or before ``as_of``."""
    return sorted(
        item.on
        for item in history
        if isinstance(item, ir.Inquiry)
        and item.on <= as_of
        and item.level is level
        and item.channel is not ir.Channel.MAIL
    )


@settings(max_examples=600, deadline=None)
@given(miami_routes())
def test_the_route_is_told_right_to_its_end(route: tuple[ir.Case, tuple[object, ...], dt.date]):
    case, history, as_of = route
    decision = ir.next_action(case, history, as_of=as_of)
    fod_days = _reached_on(history, as_of, FOD)
    supervisor_days = _reached_on(history, as_of, ir.Level.TIER_2_SUPERVISOR)
    steps = decision.ladder_steps
    fod_after_last = len(steps) == 3 and any(day >= steps[-1] for day in fod_days)
    escalation = (decision.action, decision.level)

    # Never a step already taken.
    if decision.action is ir.Action.INQUIRE and decision.step is not None:
        assert decision.step == len(steps) + 1
    if fod_days and (len(steps) < 3 or fod_after_last):
        assert escalation != (ir.Action.ESCALATE, FOD)
    if supervisor_days:
        assert escalation != (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)

    # Never a route ended early, and ended once it has ended.
    if decision.action is ir.Action.EXHAUSTED:
        assert fod_after_last or supervisor_days
        assert decision.earliest in (*fod_days, *supervisor_days)
    if fod_after_last:
        assert decision.action in (ir.Action.EXHAUSTED, ir.Action.NONE)

    # Every day a trace states an officer was reached on is the day of a contact with them.
    stated = {
        "Field Office Director": FOD,
        "Tier 2 Supervisor": ir.Level.TIER_2_SUPERVISOR,
        "Tier 2 officer": ir.Level.TIER_2,
    }
    for entry in decision.trace:
        for who, day in re.findall(r"the (.+?) was reached on (\d{4}-\d{2}-\d{2})", entry.finding):
            assert who in stated, entry.finding
            assert dt.date.fromisoformat(day) in _reached_on(history, as_of, stated[who])
