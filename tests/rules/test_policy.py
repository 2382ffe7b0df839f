"""The policy: every day-count field at its bounds with the exact error, its defaults from the
parameters, and how a wait is counted."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest

import infopass_rules as ir
from tests.helpers import (
    D,
)

DAY_FIELDS = [
    "urgency_horizon_days",
    "long_pending_days",
    "stale_after_days",
    "pressing_horizon_days",
    "processing_times_stale_after_days",
]


EXPECTED_DAYS = "expected a whole number of days from 0 to 3650"


class TestDayCounts:
    """Every day-count field of a policy, at its bounds, with the exact error."""

    @pytest.mark.parametrize("name", DAY_FIELDS)
    @pytest.mark.parametrize("days", [0, 1, 3649, 3650])
    def test_policy_accepts_every_whole_day_count_in_range(self, name: str, days: int) -> None:
        assert getattr(ir.Policy(**{name: days}), name) == days

    @pytest.mark.parametrize("name", DAY_FIELDS)
    @pytest.mark.parametrize(
        ("days", "shown"),
        [(-1, "-1"), (3651, "3651"), (True, "True"), (30.0, "30.0"), ("30", "'30'")],
    )
    def test_policy_refuses_day_counts_out_of_range(
        self, name: str, days: object, shown: str
    ) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.Policy(**{name: days})
        error = info.value
        assert str(error) == f"{name}: must be a whole number of days; got {shown}; {EXPECTED_DAYS}"
        assert error.field == name
        assert error.value == days
        assert error.expected == "a whole number of days from 0 to 3650"

    @pytest.mark.parametrize(
        ("count", "expected"),
        [(ir.DayCount.AFTER_PERIOD, D(2015, 3, 3)), (ir.DayCount.ON_LAST_DAY, D(2015, 3, 2))],
    )
    def test_day_count_adds_the_wait_and_one_day_after_the_period(
        self, count: ir.DayCount, expected: dt.date
    ) -> None:
        assert count.allowed_from(D(2015, 1, 1), 60) == expected


class TestFields:
    """The other fields of a policy: the levels of the normal channels, enum names, defaults."""

    def test_policy_normal_channel_levels_bounds(self) -> None:
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

    def test_policy_defaults_come_from_the_parameters(self) -> None:
        policy = ir.DEFAULT_POLICY
        assert policy.urgency_horizon_days == 30
        assert policy.long_pending_days == 365
        assert policy.stale_after_days == 1095
        assert policy.pressing_horizon_days is None
        assert policy.day_count is ir.DayCount.AFTER_PERIOD

    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"urgency_horizon_days": -1}, "urgency_horizon_days"),
        ({"long_pending_days": True}, "long_pending_days"),
        ({"stale_after_days": 3651}, "stale_after_days"),
        ({"pressing_horizon_days": "30"}, "pressing_horizon_days"),
        ({"normal_channel_levels": frozenset()}, "normal_channel_levels"),
        ({"normal_channel_levels": {"BOSS"}}, "normal_channel_levels"),
        ({"day_count": "TOMORROW"}, "day_count"),
    ])  # fmt: skip
    def test_bad_policies_are_typed_errors(self, kwargs: dict[str, Any], field: str) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.Policy(**kwargs)
        assert info.value.field == field

    def test_policy_accepts_enum_names(self) -> None:
        policy = ir.Policy(day_count="ON_LAST_DAY", normal_channel_levels=["SUPERVISOR"])
        assert policy.day_count is ir.DayCount.ON_LAST_DAY
        assert policy.normal_channel_levels == {ir.Level.SUPERVISOR}


class TestSettingsInPlainWords:
    """Each policy setting reads as plain words, with its name beside (as a rule ID is beside its
    words), wherever a decision names it."""

    SETTINGS: ClassVar[list[Any]] = [
        m for e in (ir.DayCount, ir.Premature, ir.FodAfterThird, ir.ConflictRule) for m in e
    ]

    @pytest.mark.parametrize("member", SETTINGS, ids=lambda m: m.name)
    def test_words_then_the_setting_name(self, member: Any) -> None:
        field = {
            ir.DayCount: "day_count",
            ir.Premature: "premature",
            ir.FodAfterThird: "fod_after_third",
            ir.ConflictRule: "conflict_rule",
        }[type(member)]
        words, name = member.words.split("; ")
        assert name == f"Policy.{field} {member.name}"
        assert words
        assert member.name not in words
        assert "_" not in words

    def test_the_day_count_reads_in_a_ladder_trace(self) -> None:
        case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=D(2015, 1, 5))
        first = ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS)
        for day_count, allowed in (
            (ir.DayCount.AFTER_PERIOD, D(2015, 3, 12)),
            (ir.DayCount.ON_LAST_DAY, D(2015, 3, 11)),
        ):
            decision = ir.next_action(
                case, [first], as_of=D(2015, 2, 1), policy=ir.Policy(day_count=day_count)
            )
            text = decision.explain()
            assert f"step 2 allowed from {allowed.isoformat()} ({day_count.words})" in text, (
                day_count
            )
            assert "(policy " not in text
