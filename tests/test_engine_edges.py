"""Edges of the engine: after the third step, snapshots judged day by day, bad policies, and
conflict resolution on rule books built from other data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.sources.rulebook import Authority, build_rulebook, load_rulebook

D = date
RECEIPT = "MSC1490012345"


def steps(first: date) -> list[ir.Inquiry]:
    second = first + timedelta(days=61)
    return [ir.Inquiry(d, ir.Channel.INFOPASS) for d in (first, second, second + timedelta(31))]


def test_inquiries_after_the_third_step_and_the_fod_reached() -> None:
    case = ir.Case(RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
    history = [
        *steps(D(2015, 1, 10)),
        ir.Inquiry(D(2015, 5, 1), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR),
    ]
    decision = ir.next_action(case, history, as_of=D(2015, 5, 2))
    assert decision.level is ir.Level.FIELD_OFFICE_DIRECTOR
    assert decision.ladder_steps == tuple(i.on for i in history[:3])
    assert any("already reached on 2015-05-01" in n for n in decision.notes)
    assert any("follows the third step" in t.finding for t in decision.trace)


def test_fod_asked_for_at_a_booked_appointment_after_the_third_step() -> None:
    case = ir.Case(RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
    booked = ir.Appointment(D(2015, 5, 20), "MIA", (RECEIPT,))
    decision = ir.next_action(case, [*steps(D(2015, 1, 10)), booked], as_of=D(2015, 5, 2))
    assert decision.action is ir.Action.ESCALATE
    assert decision.earliest == D(2015, 5, 20)
    assert any("at the appointment of 2015-05-20" in n for n in decision.notes)


def test_each_inquiry_is_judged_by_the_snapshot_in_force_on_its_day(shared_data: Path) -> None:
    times = ir.load_processing_times(shared_data / "uscis-processing-times")
    first_file = min(times.snapshot_dates("N-400", "MIA"))
    cutoff = times.case_inquiry_date("N-400", "MIA", as_of=first_file)
    assert cutoff is not None
    case = ir.Case(RECEIPT, "MIA", form="N-400", received_on=cutoff - timedelta(days=1))
    before_data = ir.Inquiry(first_file - timedelta(days=3), ir.Channel.E_REQUEST)
    on_data = ir.Inquiry(first_file + timedelta(days=1), ir.Channel.E_REQUEST)
    decision = ir.next_action(
        case, [before_data, on_data], as_of=first_file + timedelta(days=2), processing_times=times
    )
    # Before the first snapshot the inquiry is judged by the first day outside: premature.
    assert decision.ladder_steps == (on_data.on,)
    assert any("premature" in w for w in decision.warnings)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"urgency_horizon_days": -1}, "urgency_horizon_days"),
    ({"long_pending_days": True}, "long_pending_days"),
    ({"stale_after_days": 3651}, "stale_after_days"),
    ({"pressing_horizon_days": "30"}, "pressing_horizon_days"),
    ({"normal_channel_levels": frozenset()}, "normal_channel_levels"),
    ({"normal_channel_levels": {"BOSS"}}, "normal_channel_levels"),
    ({"day_count": "TOMORROW"}, "day_count"),
])  # fmt: skip
def test_bad_policies_are_typed_errors(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.Policy(**kwargs)
    assert info.value.field == field


def test_policy_accepts_enum_names() -> None:
    policy = ir.Policy(day_count="ON_LAST_DAY", normal_channel_levels=["SUPERVISOR"])
    assert policy.day_count is ir.DayCount.ON_LAST_DAY
    assert policy.normal_channel_levels == {ir.Level.SUPERVISOR}


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"case": "MSC1490012345", "as_of": D(2020, 1, 1)}, "case"),
    ({"as_of": "2020-01-01"}, "as_of"),
    ({"as_of": D(2020, 1, 1), "policy": None}, "policy"),
])  # fmt: skip
def test_triage_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    kwargs.setdefault("case", ir.Case(RECEIPT, "MIA"))
    with pytest.raises(ir.InvalidValue) as info:
        ir.triage(**kwargs)
    assert info.value.field == field


def _documents() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    import tomllib
    from importlib import resources

    files = resources.files("infopass_rules.sources").joinpath("data")
    return tuple(  # type: ignore[return-value]
        tomllib.loads(files.joinpath(name).read_text("utf-8"))
        for name in ("sources.toml", "rules.toml", "parameters.toml")
    )


def test_conflict_between_sources_of_equal_authority_follows_the_later() -> None:
    sources, rules, params = _documents()
    sources["contact-center-2019"]["authority"] = "primary"
    book = build_rulebook(sources, rules, params, digest="test")
    why = Reasoning(ir.DEFAULT_POLICY, book)
    assert why.resolve("contact_center.tier2_callback_days", "?") == (0, 30)
    assert why.resolve("contact_center.tier2_callback_days", "?") == (0, 30)
    (conflict,) = why.conflicts  # recorded once, however often it is met
    assert conflict.followed == "contact-center-2019"
    assert "equal authority" in conflict.reason
    assert book.sources["contact-center-2019"].authority is Authority.PRIMARY


def test_parameter_before_its_first_value_is_used_with_a_warning() -> None:
    why = Reasoning(ir.DEFAULT_POLICY)
    assert why.param("contact_center.checklist", D(2010, 1, 1))
    why.note("once")
    why.note("once")
    assert why.notes == ["once"]
    assert len(why.warnings) == 1
    assert "first documented on 2017-05-20" in why.warnings[0]


@pytest.mark.parametrize(("mutate", "needle"), [
    (lambda s, r, p: r["MIA-SECOND"]["citations"][0].update(source="nope"), "unknown source"),
    (lambda s, r, p: p["miami"]["second_step_wait_days"].update(rule="MIA-FIFTH"), "unknown rule"),
    (lambda s, r, p: s["aila-18020500"].pop("title"), "title"),
    (lambda s, r, p: s["aila-18020500"].update(date="2018-02"), "wrong type"),
    (lambda s, r, p: p["miami"]["counted_channels"]["values"].reverse(), "increasing date"),
    (lambda s, r, p: p["miami"]["second_step_wait_days"].update(readings=[]) or
     p["miami"]["second_step_wait_days"].pop("values"), "exactly one of"),
    (lambda s, r, p: r["conflicts"]["tier2-callback"].update(parameter="x.y"), "unknown parameter"),
    (lambda s, r, p: p["miami"]["second_step_wait_days"]["values"][0].pop("value"), "value"),
])  # fmt: skip
def test_malformed_rule_data_is_rejected(mutate: Any, needle: str) -> None:
    sources, rules, params = _documents()
    mutate(sources, rules, params)
    with pytest.raises(ir.InvalidData, match=needle):
        build_rulebook(sources, rules, params, digest="test")


def test_shipped_rule_book_is_cached() -> None:
    assert load_rulebook() is load_rulebook()


def test_booked_appointment_outside_the_district() -> None:
    case = ir.Case("EAC1490012345", "BOS", outside_processing_times_on=D(2016, 1, 4))
    booked = ir.Appointment(D(2016, 2, 1), "BOS", ("EAC1490012345",))
    decision = ir.next_action(case, [booked], as_of=D(2016, 1, 20))
    assert decision.action is ir.Action.ATTEND_APPOINTMENT
    assert decision.earliest == D(2016, 2, 1)
    assert decision.checklist
    assert "MIA-SUPERVISOR" not in decision.rule_ids  # a Miami District rule


def test_more_inquiries_after_the_third_step_change_nothing() -> None:
    case = ir.Case(RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
    history = steps(D(2015, 1, 10))
    extra = ir.Inquiry(D(2015, 5, 1), ir.Channel.E_REQUEST, level=ir.Level.SUPERVISOR)
    with_extra = ir.next_action(case, [*history, extra], as_of=D(2015, 5, 2))
    without = ir.next_action(case, history, as_of=D(2015, 5, 2))
    assert (with_extra.action, with_extra.level, with_extra.earliest) == (
        without.action,
        without.level,
        without.earliest,
    )
