"""The Contact Center's call windows in a plan, read from the rule book as a decision reads
them: the appointment window's rival readings followed by the caller's conflict rule, and a
window applied before its first dated value said in the plan, each stretch of days named, with
its source (or that none gives it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.planning import limits as appointments
from infopass_rules.planning import schedule as planner
from infopass_rules.planning.requests import PlanRequest
from infopass_rules.planning.schedule import plan_appointments
from infopass_rules.sources.rulebook import Reading, Rulebook, ValuePeriod, load_rulebook

D = dt.date
CALLBACK = "contact_center.scheduling_callback_days"
AFTER_CALLBACK = "contact_center.appointment_after_callback_days"
LONGEST_WAIT = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)
RECEIPT = "EAC1990000001"


UseBook = Callable[[Rulebook], None]


def _book(name: str, **fields: object) -> Rulebook:
    """The shipped rule book with some fields of parameter ``name`` changed."""
    book = load_rulebook()
    parameters = dict(book.parameters)
    parameters[name] = attrs.evolve(parameters[name], **fields)
    return attrs.evolve(book, parameters=parameters)


@pytest.fixture
def use_book(monkeypatch: pytest.MonkeyPatch) -> UseBook:
    """Plan with a rule book of the test's own (the planner's and the limits' look-up)."""

    def use(book: Rulebook) -> None:
        monkeypatch.setattr(planner, "load_rulebook", lambda: book)
        monkeypatch.setattr(appointments, "load_rulebook", lambda: book)

    return use


def _said_before_first_values(plan: ir.Plan) -> list[str]:
    return [a for a in plan.assumptions if "the sources describe" in a]


# The appointment window read from two rival sources: 4-5 days (aila-19030140, primary) or
# 10-20 days (contact-center-2019, secondary).
RIVAL_AFTER = (
    Reading(D(2018, 2, 5), [4, 5], "aila-19030140"),
    Reading(D(2019, 3, 1), [10, 20], "contact-center-2019"),
)


@pytest.mark.parametrize(
    ("policy", "after", "appointment_window"),
    [
        # A call on Monday 2019-03-04, the call-back 1-2 days later, then 4-5 days: Saturday
        # 03-09 moves to Monday 03-11.
        (ir.DEFAULT_POLICY, (4, 5), (D(2019, 3, 11), D(2019, 3, 11))),
        # The longest waits: the call-back 0-30 days later, then 10-20 days.
        (LONGEST_WAIT, (10, 20), (D(2019, 3, 14), D(2019, 4, 23))),
    ],
    ids=["authority-then-later", "longest-wait"],
)
def test_the_appointment_window_s_rival_readings_follow_the_caller_s_conflict_rule(
    use_book: UseBook,
    policy: ir.Policy,
    after: tuple[int, int],
    appointment_window: tuple[dt.date, dt.date],
) -> None:
    use_book(_book(AFTER_CALLBACK, values=(), readings=RIVAL_AFTER))
    day = D(2019, 3, 4)
    plan = plan_appointments(
        [PlanRequest(RECEIPT, day)],
        attorneys=["Ana"],
        office="BOS",
        start=day,
        horizon_days=0,
        policy=policy,
    )
    assert [c.appointment_window for c in plan.calls] == [appointment_window]
    said = [a for a in plan.assumptions if a.startswith("After each call")]
    assert len(said) == 1
    assert f"the appointment {after[0]}-{after[1]} days after the call-back" in said[0]
    assert _said_before_first_values(plan) == []  # rival readings are not dated values


def test_a_window_applied_before_its_first_date_names_each_stretch_of_days(
    use_book: UseBook,
) -> None:
    """San Francisco calls under RG-PILOT to 2019-02-28, then under RG-CC: an appointment window
    first dated 2019-03-05 is applied to both stretches before that day, each named."""
    use_book(_book(AFTER_CALLBACK, values=(ValuePeriod(D(2019, 3, 5), [6, 8], "aila-19030140"),)))
    start = D(2019, 2, 25)  # a Monday
    plan = plan_appointments(
        [PlanRequest(RECEIPT, start)],
        attorneys=["Ana"],
        office="SFR",
        start=start,
        horizon_days=10,
    )
    assert plan.regimes == ("RG-PILOT", "RG-CC")
    assert _said_before_first_values(plan) == [
        "CC-APPOINTMENT: the sources describe the appointment window after the call-back "
        "(contact_center.appointment_after_callback_days) only from 2019-03-05 "
        "(aila-19030140); that description is applied to the calls from 2019-02-25 to "
        "2019-02-28, from 2019-03-01 to 2019-03-04."
    ]


@pytest.mark.parametrize(
    ("basis", "source"),
    [(None, "no source"), ("library default", "no source: library default")],
)
def test_a_window_no_source_gives_says_so_and_on_what_basis(
    use_book: UseBook, basis: str | None, source: str
) -> None:
    first = ValuePeriod(D(2018, 2, 7), [2, 3], None, basis=basis)
    use_book(_book(CALLBACK, readings=(), values=(first,)))
    plan = plan_appointments(
        [PlanRequest(RECEIPT, D(2018, 2, 6))],
        attorneys=["Ana"],
        office="SFR",
        start=D(2018, 2, 6),
        horizon_days=0,
    )
    assert _said_before_first_values(plan) == [
        "CC-APPOINTMENT: the sources describe Tier 2's call-back window "
        f"(contact_center.scheduling_callback_days) only from 2018-02-07 ({source}); that "
        "description is applied to the calls on 2018-02-06."
    ]
