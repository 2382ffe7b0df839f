"""``Policy.pressing_horizon_days`` in the plan requests: a decision that does not say its date
is refused by name, and a horizon that runs past the calendar's last day ends on that day."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.planning.requests import requests_from_decisions

D = dt.date
HORIZON = ir.Policy(pressing_horizon_days=14)
BY_PHONE = frozenset({Channel.CONTACT_CENTER})


@attrs.frozen
class UndatedDecision:
    """A decision of a firm's own that does not say the day it was made for."""

    action: Action
    earliest: dt.date | None
    channels: frozenset[Channel]


@attrs.frozen
class DatedDecision(UndatedDecision):
    as_of: dt.date


def _case(deadline: dt.date | None) -> Case:
    deadlines = [] if deadline is None else [Deadline(deadline, "trip")]
    return Case("MSC1990012345", "MIA", deadlines=deadlines)


def test_a_decision_without_a_date_is_refused_by_name_under_a_horizon() -> None:
    decision = UndatedDecision(Action.INQUIRE, D(2020, 3, 2), BY_PHONE)
    pairs = [(_case(D(2020, 3, 10)), decision)]
    with pytest.raises(ir.InvalidValue) as caught:
        requests_from_decisions(pairs, policy=HORIZON)
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "pairs[0][1].as_of",
        "has no decision date, which Policy.pressing_horizon_days needs",
        None,
        "a datetime.date (the decision's as_of)",
    )
    # Without a horizon the decision's date is not read.
    assert [r.pressing for r in requests_from_decisions(pairs)] == [False]


@pytest.mark.parametrize(
    ("deadline", "pressing"),
    [
        (D(9999, 12, 19), False),  # the day before the decision's
        (D(9999, 12, 20), True),  # the decision's day
        (D(9999, 12, 31), True),  # the calendar's last day, where the horizon ends
        (None, False),
    ],
)
def test_a_horizon_past_the_calendar_s_last_day_ends_on_it(
    deadline: dt.date | None, pressing: bool
) -> None:
    as_of = D(9999, 12, 20)  # 14 days on is past 9999-12-31
    pairs = [(_case(deadline), DatedDecision(Action.INQUIRE, as_of, BY_PHONE, as_of))]
    requests = requests_from_decisions(pairs, policy=HORIZON)
    assert [(r.earliest, r.pressing) for r in requests] == [(as_of, pressing)]
