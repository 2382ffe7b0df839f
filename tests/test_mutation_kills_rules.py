"""Tests written to kill mutants that survived the rule modules' own tests (regimes, policy,
urgency): exact findings and messages, and every boundary of a validator.

They pin the exact text of findings and errors, because a lawyer reads them: a finding that
loses its date, or an error that loses its field, is a wrong answer even when the action is right.
"""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Channel
from infopass_rules.rules.regimes import CONTACT_CENTER, PILOT, SELF, regime_at
from infopass_rules.sources.rulebook import load_rulebook

D = dt.date
ALL = frozenset(Channel)


@pytest.mark.parametrize(
    ("office", "on", "rule_id", "finding"),
    [
        (
            "MIA",
            D(2019, 3, 1),
            "RG-CC",
            "on 2019-03-01 every office schedules through the Contact "
            "Center (from 2019-03-01, a month-precise date stored as its first day)",
        ),
        (
            "MIA",
            D(2019, 2, 28),
            "RG-SELF",
            "MIA self-schedules InfoPass appointments online on 2019-02-28",
        ),
        (
            "HAR",
            D(2018, 2, 5),
            "RG-PILOT",
            "HAR is a pilot office on 2018-02-05 (pilot from "
            "2018-02-05): appointments through the Contact Center",
        ),
        (
            "HAR",
            D(2018, 2, 4),
            "RG-SELF",
            "HAR self-schedules InfoPass appointments online on 2018-02-04",
        ),
        (
            "MIA",
            D(2017, 5, 20),
            "RG-SELF",
            "MIA self-schedules InfoPass appointments online on 2017-05-20",
        ),
        (
            "MIA",
            D(2017, 5, 19),
            "RG-SELF",
            "MIA self-schedules InfoPass appointments online on "
            "2017-05-19 (the source describing it is dated 2017-05-20; self-scheduling was in "
            "place before it)",
        ),
    ],
)
def test_regime_findings_at_each_boundary(
    office: str, on: dt.date, rule_id: str, finding: str
) -> None:
    regime, text = regime_at(office, on, load_rulebook())
    assert regime.rule_id == rule_id
    assert text == finding


@pytest.mark.parametrize(
    ("regime", "wanted", "offered"),
    [
        (SELF, {Channel.INFOPASS}, {Channel.INFOPASS}),
        (SELF, {Channel.E_REQUEST, Channel.MAIL}, {Channel.E_REQUEST, Channel.MAIL}),
        (CONTACT_CENTER, {Channel.INFOPASS}, {Channel.CONTACT_CENTER}),
        (CONTACT_CENTER, {Channel.E_REQUEST}, {Channel.E_REQUEST}),
        (
            CONTACT_CENTER,
            {Channel.INFOPASS, Channel.E_REQUEST},
            {Channel.CONTACT_CENTER, Channel.E_REQUEST},
        ),
        (PILOT, {Channel.INFOPASS, Channel.MAIL}, {Channel.CONTACT_CENTER, Channel.MAIL}),
        (PILOT, frozenset(), set()),
    ],
)
def test_regime_offers_exactly_its_channels(
    regime: object, wanted: set[Channel], offered: set[Channel]
) -> None:
    assert regime.offer(frozenset(wanted)) == frozenset(offered)  # type: ignore[attr-defined]


def test_regimes_are_what_the_sources_say() -> None:
    assert SELF.self_scheduled is True
    assert SELF.channels == ALL
    assert PILOT.self_scheduled is False
    assert CONTACT_CENTER.self_scheduled is False
    assert Channel.INFOPASS not in CONTACT_CENTER.channels
    assert Channel.INFOPASS not in PILOT.channels


# --- Policy: every day-count field at its bounds, with the exact error -------------------------

DAY_FIELDS = [
    "urgency_horizon_days",
    "long_pending_days",
    "stale_after_days",
    "pressing_horizon_days",
]
EXPECTED_DAYS = "expected a whole number of days from 0 to 3650"


@pytest.mark.parametrize("name", DAY_FIELDS)
@pytest.mark.parametrize("days", [0, 1, 3649, 3650])
def test_policy_accepts_every_whole_day_count_in_range(name: str, days: int) -> None:
    assert getattr(ir.Policy(**{name: days}), name) == days


@pytest.mark.parametrize("name", DAY_FIELDS)
@pytest.mark.parametrize(
    ("days", "shown"), [(-1, "-1"), (3651, "3651"), (True, "True"), (30.0, "30.0"), ("30", "'30'")]
)
def test_policy_refuses_day_counts_out_of_range(name: str, days: object, shown: str) -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.Policy(**{name: days})
    error = info.value
    assert str(error) == f"{name}: must be a whole number of days; got {shown}; {EXPECTED_DAYS}"
    assert error.field == name
    assert error.value == days
    assert error.expected == "a whole number of days from 0 to 3650"


def test_policy_normal_channel_levels_bounds() -> None:
    levels = list(ir.Level)
    assert ir.Policy(normal_channel_levels=levels).normal_channel_levels == frozenset(levels)
    assert ir.Policy(normal_channel_levels=["SUPERVISOR"]).normal_channel_levels == {
        ir.Level.SUPERVISOR
    }
    with pytest.raises(ir.InvalidValue) as info:
        ir.Policy(normal_channel_levels=[])
    assert str(info.value) == (
        "normal_channel_levels: is empty; expected at least one Level, e.g. "
        "{SUPERVISOR, SECTION_CHIEF}"
    )
    with pytest.raises(ir.InvalidValue) as info:
        ir.Policy(normal_channel_levels=[*levels, ir.Level.SUPERVISOR])
    assert str(info.value) == (
        "normal_channel_levels: has 8 items, too many; got 'list'; expected at most 7 items"
    )
    with pytest.raises(ir.InvalidValue) as info:
        ir.Policy(normal_channel_levels=["X"])
    assert str(info.value).startswith("normal_channel_levels: must be a Level; got 'X'; ")


def test_policy_defaults_come_from_the_parameters() -> None:
    policy = ir.DEFAULT_POLICY
    assert policy.urgency_horizon_days == 30
    assert policy.long_pending_days == 365
    assert policy.stale_after_days == 1095
    assert policy.pressing_horizon_days is None
    assert policy.day_count is ir.DayCount.AFTER_PERIOD


@pytest.mark.parametrize(
    ("count", "expected"),
    [(ir.DayCount.AFTER_PERIOD, D(2015, 3, 3)), (ir.DayCount.ON_LAST_DAY, D(2015, 3, 2))],
)
def test_day_count_adds_the_wait_and_one_day_after_the_period(
    count: ir.DayCount, expected: dt.date
) -> None:
    assert count.allowed_from(D(2015, 1, 1), 60) == expected


# --- triage: exact errors and factors at their bounds ------------------------------------------

CASE = ir.Case("MSC1490012345", "MIA")


def test_triage_refuses_what_is_not_a_case_or_a_policy() -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.triage(None, as_of=D(2020, 1, 1))  # type: ignore[arg-type]
    assert str(info.value) == "case: must be a Case; got None; expected an infopass_rules.Case"
    with pytest.raises(ir.InvalidValue) as info:
        ir.triage(CASE, as_of=D(2020, 1, 1), policy=None)  # type: ignore[arg-type]
    assert str(info.value) == (
        "policy: must be a Policy; got None; expected an infopass_rules.Policy, e.g. DEFAULT_POLICY"
    )


@pytest.mark.parametrize(
    ("deadline", "urgent", "detail"),
    [
        (D(2020, 1, 1), True, "'trip' on 2020-01-01, today (horizon 30)"),
        (D(2020, 1, 31), True, "'trip' on 2020-01-31, in 30 days (horizon 30)"),
        (D(2020, 2, 1), False, None),
        (D(2019, 12, 31), False, None),
    ],
)
def test_triage_deadline_factor_at_its_bounds(
    deadline: dt.date, urgent: bool, detail: str | None
) -> None:
    case = ir.Case("MSC1490012345", "MIA", deadlines=[ir.Deadline(deadline, "trip")])
    result = ir.triage(case, as_of=D(2020, 1, 1))
    assert result.urgent is urgent
    assert [f.detail for f in result.factors] == ([detail] if detail else [])


def test_triage_factors_in_order_with_their_text() -> None:
    case = ir.Case(
        "MSC1490012345",
        "MIA",
        received_on=D(2019, 1, 1),
        outside_processing_times_on=D(2019, 12, 1),
        circumstances=["HEALTH", "EMPLOYMENT"],
        pressing=True,
    )
    result = ir.triage(case, as_of=D(2020, 1, 1))
    assert [(f.kind.name, f.detail) for f in result.factors] == [
        ("EMPLOYMENT", "personal circumstance: employment"),
        ("HEALTH", "personal circumstance: health"),
        ("LONG_PENDING", "outside normal processing times since 2019-12-01"),
        ("PRESSING", "the firm marks the issue pressing"),
    ]
    assert result.as_of == D(2020, 1, 1)
    assert {c.rule_id for c in result.citations} == {"CC-TRIAGE"}


@pytest.mark.parametrize(
    ("received", "factor"),
    [
        (D(2019, 1, 1), "pending 365 days since receipt (policy long_pending_days 365)"),
        (D(2019, 1, 2), None),
    ],
)
def test_triage_long_pending_from_receipt_at_its_bound(
    received: dt.date, factor: str | None
) -> None:
    case = ir.Case("MSC1490012345", "MIA", received_on=received)
    result = ir.triage(case, as_of=D(2020, 1, 1))
    assert [f.detail for f in result.factors] == ([factor] if factor else [])
    assert result.urgent is (factor is not None)


def test_triage_outside_processing_times_only_once_reached() -> None:
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=D(2020, 1, 2))
    assert ir.triage(case, as_of=D(2020, 1, 1)).factors == ()
    on_the_day = ir.triage(case, as_of=D(2020, 1, 2))
    assert [f.kind.name for f in on_the_day.factors] == ["LONG_PENDING"]
