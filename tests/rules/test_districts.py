"""The district seam: a made-up district registered from test data alone decides cases.

The Peachtree District (``tests/data/districts/peachtree.toml``) is not Miami: offices ATL and
MEM, four steps with waits of 45, 20 and 10 days, three cases and two appointments a day. It is
registered for each test and unregistered after, and nothing in the engine names it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.edges.reference import rules_reference_markdown
from infopass_rules.engine.next_action import next_action
from infopass_rules.planning.limits import (
    check_appointments,
    day_limit_violation,
    district_limits,
)
from infopass_rules.planning.requests import PlanRequest
from infopass_rules.planning.schedule import plan_appointments
from infopass_rules.rules.districts.district import District, Step
from infopass_rules.rules.districts.from_toml import read_district
from infopass_rules.rules.districts.miami.ladder import MIAMI
from infopass_rules.rules.districts.registry import (
    district_at,
    districts,
    register_district,
    with_districts,
)
from infopass_rules.sources.rulebook import load_rulebook
from tests.helpers import PEACHTREE, texts

D = dt.date
RN = "MSC1690012345"
OUTSIDE = D(2016, 4, 4)


def atlanta(**kw: object) -> ir.Case:
    fields: dict[str, object] = {"outside_processing_times_on": OUTSIDE}
    fields.update(kw)
    return ir.Case(RN, "ATL", **fields)  # type: ignore[arg-type]


def infopass(on: dt.date) -> ir.Inquiry:
    return ir.Inquiry(on=on, channel=ir.Channel.INFOPASS)


def test_the_table_read_from_the_file(peachtree: District) -> None:
    assert peachtree.id == "PT"
    assert peachtree.steps == (
        Step("PT-ELIGIBLE"),
        Step("PT-SECOND", wait="peachtree.second_step_wait_days"),
        Step("PT-THIRD", wait="peachtree.third_step_wait_days"),
        Step("PT-FOURTH", wait="peachtree.fourth_step_wait_days"),
    )
    assert peachtree.fod_pressing_rule is None
    assert districts() == (MIAMI, peachtree)
    book = with_districts(load_rulebook())
    assert district_at("ATL", D(2016, 3, 1), book) is peachtree
    assert district_at("ATL", D(2016, 2, 29), book) is None  # before its offices' first date
    assert district_at("MIA", D(2016, 3, 1), book) is MIAMI


def test_outside_the_registry_atlanta_has_no_ladder() -> None:
    decision = next_action(atlanta(), [infopass(D(2016, 4, 5))], as_of=D(2016, 4, 6))
    assert (decision.action, decision.step) == (ir.Action.INQUIRE, None)
    assert "PT-ELIGIBLE" not in decision.rule_ids


def test_step_one_then_the_wait_of_45_days(peachtree: District) -> None:
    first = next_action(atlanta(), as_of=D(2016, 4, 4))
    assert (first.action, first.step, first.earliest, first.allowed) == (
        ir.Action.INQUIRE,
        1,
        OUTSIDE,
        True,
    )
    assert first.headline().startswith("Make an inquiry (ladder step 1 of 4)")
    second = next_action(atlanta(), [infopass(D(2016, 4, 5))], as_of=D(2016, 4, 6))
    assert (second.step, second.earliest, second.allowed) == (2, D(2016, 5, 21), False)
    assert second.ladder_steps == (D(2016, 4, 5),)
    assert (
        "PT-SECOND",
        "not resolved within 45 days of 2016-04-05: step 2 allowed from "
        "2016-05-21 (once the whole wait has passed; Policy.day_count AFTER_PERIOD)",
    ) in [(e.rule_id, e.finding) for e in second.trace]
    assert second.rule_ids[:3] == ("RG-SELF", "PT-ELIGIBLE", "PT-SECOND")
    cited = {(c.rule_id, c.source_id, c.pinpoint) for c in second.citations}
    assert ("PT-SECOND", "peachtree-2016-03-01", "answer 2") in cited
    assert not any(c.rule_id.startswith("MIA-") for c in second.citations)
    lenient = next_action(
        atlanta(),
        [infopass(D(2016, 4, 5))],
        as_of=D(2016, 4, 6),
        policy=ir.Policy(day_count=ir.DayCount.ON_LAST_DAY),
    )
    assert lenient.earliest == D(2016, 5, 20)


def test_the_third_and_fourth_steps_wait_20_then_10_days(peachtree: District) -> None:
    steps = [infopass(D(2016, 4, 5)), infopass(D(2016, 5, 21))]
    third = next_action(atlanta(), steps, as_of=D(2016, 5, 22))
    assert (third.step, third.earliest) == (3, D(2016, 6, 11))
    fourth = next_action(atlanta(), [*steps, infopass(D(2016, 6, 11))], as_of=D(2016, 6, 12))
    assert (fourth.step, fourth.earliest) == (4, D(2016, 6, 22))
    assert "ladder step 4 of 4" in fourth.headline()


def test_a_batch_decides_under_the_district_s_own_rules(peachtree: District) -> None:
    history = [infopass(D(2016, 4, 5))]
    (decision,) = ir.decide_many([(atlanta(), history)], as_of=D(2016, 4, 6))
    assert decision == next_action(atlanta(), history, as_of=D(2016, 4, 6))
    assert (decision.step, decision.earliest) == (2, D(2016, 5, 21))
    assert decision.rule_ids[:3] == ("RG-SELF", "PT-ELIGIBLE", "PT-SECOND")


def test_processing_times_are_cited_under_the_district_s_eligibility_rule(
    peachtree: District,
) -> None:
    from infopass_rules.times.durations import Duration
    from infopass_rules.times.published import PublishedTime
    from infopass_rules.times.table import ProcessingTimes

    snapshot = PublishedTime(
        form="I-485",
        office="ATL",
        category="Family",
        fetched_on=D(2016, 4, 4),
        published_on=D(2016, 4, 4),
        case_inquiry_date=D(2016, 1, 1),
        upper=Duration(10, "months"),
        lower=None,
        suppressed=False,
        origin="test ATL 2016-04-04",
    )
    case = ir.Case(RN, "ATL", form="I-485", category="Family", received_on=D(2015, 5, 1))
    decision = next_action(case, as_of=D(2016, 4, 5), processing_times=ProcessingTimes([snapshot]))
    assert (decision.action, decision.step, decision.earliest) == (ir.Action.INQUIRE, 1, OUTSIDE)
    assert {(c.rule_id, c.source_id) for c in decision.citations} >= {
        ("PT-ELIGIBLE", "uscis-processing-times")
    }
    assert "MIA-ELIGIBLE" not in decision.rule_ids


def test_a_premature_step_warns_under_the_district_s_rule(peachtree: District) -> None:
    decision = next_action(
        atlanta(), [infopass(D(2016, 4, 5)), infopass(D(2016, 5, 1))], as_of=D(2016, 5, 2)
    )
    assert decision.step == 2
    assert texts(decision.warnings)[0] == (
        "PT-SECOND: the INFOPASS inquiry of 2016-05-01 was premature (step 2 is allowed from "
        "2016-05-21); it is not a step"
    )


def test_counted_channels_follow_the_district_s_parameter(peachtree: District) -> None:
    call = ir.Inquiry(on=D(2016, 4, 5), channel=ir.Channel.CONTACT_CENTER)
    decision = next_action(atlanta(), [call], as_of=D(2016, 4, 6))
    assert decision.step == 1  # before 2016-06-01 a call is no step
    assert (
        "PT-COUNT",
        "the Contact Center inquiry of 2016-04-05 is not a step: before 2016-06-01 only INFOPASS "
        "inquiries counted",
    ) in [(e.rule_id, e.finding) for e in decision.trace]
    later = ir.Inquiry(on=D(2016, 6, 2), channel=ir.Channel.CONTACT_CENTER)
    decision = next_action(atlanta(), [later], as_of=D(2016, 6, 3))
    assert (decision.step, decision.earliest) == (2, D(2016, 7, 18))
    assert "PT-COUNT" in decision.rule_ids


@pytest.mark.parametrize(
    ("on", "when", "counted_as"),
    [
        (
            D(2016, 5, 31),
            "before 2016-06-01 only INFOPASS inquiries counted",
            "Not a step: before PT-COUNT only INFOPASS inquiries counted",
        ),
        (
            D(2016, 6, 1),
            "on that day only INFOPASS or CONTACT_CENTER inquiries count",
            "Not a step: under PT-COUNT only INFOPASS or CONTACT_CENTER inquiries counted",
        ),
        (
            D(2016, 6, 2),
            "on that day only INFOPASS or CONTACT_CENTER inquiries count",
            "Not a step: under PT-COUNT only INFOPASS or CONTACT_CENTER inquiries counted",
        ),
    ],
)
def test_a_channel_the_district_never_counts_at_its_rule_s_boundary(
    peachtree: District, on: dt.date, when: str, counted_as: str
) -> None:
    # The engine's trace and the escalation record read the same counting rule (PT-COUNT).
    online = ir.Inquiry(on=on, channel=ir.Channel.E_REQUEST)
    decision = next_action(atlanta(), [online], as_of=on)
    assert decision.step == 1
    finding = f"the e-Request inquiry of {on.isoformat()} is not a step: {when}"
    assert ("PT-COUNT", finding) in [(e.rule_id, e.finding) for e in decision.trace]
    (entry,) = ir.escalation_record(atlanta(), [online], as_of=on).entries
    assert entry.counted_as == counted_as


def test_after_the_fourth_step_the_field_office_director(peachtree: District) -> None:
    days = [D(2016, 4, 5), D(2016, 5, 21), D(2016, 6, 11), D(2016, 6, 22)]
    decision = next_action(atlanta(), [infopass(d) for d in days], as_of=D(2016, 6, 23))
    assert (decision.action, decision.level, decision.earliest) == (
        ir.Action.ESCALATE,
        ir.Level.FIELD_OFFICE_DIRECTOR,
        D(2016, 6, 22),
    )
    findings = [(e.rule_id, e.finding) for e in decision.trace]
    assert (
        "PT-FOURTH",
        "four steps made, the fourth on 2016-06-22; the case goes to the Field Office Director "
        "for review on the attorney's complaint",
    ) in findings
    assert "PT-FOD-LADDER" in decision.rule_ids
    assert "PT-SUPERVISOR" in decision.rule_ids  # in person, at one of the district's offices
    waited = next_action(
        atlanta(),
        [infopass(d) for d in days],
        as_of=D(2016, 6, 23),
        policy=ir.Policy(fod_after_third=ir.FodAfterThird.AFTER_THIRD_WAIT),
    )
    assert waited.earliest == D(2016, 7, 3)  # the fourth step's wait of 10 days, again


def test_no_pressing_route_where_the_district_has_none(peachtree: District) -> None:
    decision = next_action(atlanta(pressing=True), [infopass(D(2016, 4, 5))], as_of=D(2016, 4, 6))
    assert decision.action is ir.Action.INQUIRE
    assert not any("PRESSING" in rule_id for rule_id in decision.rule_ids)


def test_miami_is_unchanged_while_another_district_is_registered(peachtree: District) -> None:
    miami = ir.Case(RN, "MIA", outside_processing_times_on=D(2015, 1, 5))
    decision = next_action(miami, [infopass(D(2015, 1, 6))], as_of=D(2015, 1, 7))
    assert (decision.step, decision.earliest) == (2, D(2015, 3, 8))
    assert decision.headline().startswith("Make an inquiry (ladder step 2 of 3)")


def test_the_district_s_limits(peachtree: District) -> None:
    day = D(2016, 4, 5)
    limits = district_limits("MEM", day)
    assert (limits.max_cases, limits.max_per_day, limits.district) == (3, 2, peachtree)
    numbers = [f"MSC16900{n:05d}" for n in range(1, 5)]
    violations = check_appointments([ir.Appointment(day, "ATL", numbers, "Ana")])
    assert [(v.rule_id, v.citations[0].source_id) for v in violations] == [
        ("PT-LIMIT-CASES", "peachtree-2016-03-01")
    ]
    plan = plan_appointments(
        [PlanRequest(n, day) for n in numbers], attorneys=["Ana"], office="ATL", start=day
    )
    assert [len(a.receipt_numbers) for a in plan.appointments] == [3, 1]
    assert check_appointments(plan.appointments) == ()


def test_the_reference_has_the_district_s_ladder(peachtree: District) -> None:
    text = rules_reference_markdown()
    assert "## The Peachtree District ladder" in text
    assert "### `PT-SECOND`: Second inquiry after 45 days" in text
    assert text.index("## The Miami District ladder") < text.index("## The Peachtree District")


def test_registering_is_undone_and_decisions_follow() -> None:
    history = [infopass(D(2016, 4, 5))]
    before = next_action(atlanta(), history, as_of=D(2016, 4, 6))
    district, rules = read_district(PEACHTREE)
    registration = register_district(district, rules)
    inside = next_action(atlanta(), history, as_of=D(2016, 4, 6))
    registration.undo()
    registration.undo()  # a second undo does nothing
    after = next_action(atlanta(), history, as_of=D(2016, 4, 6))
    assert (before.step, inside.step, after.step) == (None, 2, None)
    assert after == before  # the same facts, the same registry: the same decision
    assert inside.ruleset_version != before.ruleset_version
    assert districts() == (MIAMI,)


def test_a_second_registration_is_refused(peachtree: District) -> None:
    with pytest.raises(ir.InvalidValue) as caught:
        register_district(peachtree)
    assert (caught.value.field, caught.value.value) == ("district.id", "PT")
    with pytest.raises(ir.InvalidValue) as caught:
        register_district(attrs.evolve(peachtree, id="PT2"))
    assert caught.value.value == "ATL"  # an office of two districts


def test_a_district_may_not_redefine_the_shipped_rules() -> None:
    district, rules = read_district(PEACHTREE)
    clashing = attrs.evolve(
        rules, rules={**rules.rules, "MIA-ELIGIBLE": rules.rules["PT-ELIGIBLE"]}
    )
    with pytest.raises(ir.InvalidData) as caught:
        register_district(district, clashing)
    assert caught.value.value == "MIA-ELIGIBLE"
    assert districts() == (MIAMI,)


def test_a_district_naming_rules_the_book_lacks_is_refused() -> None:
    district, _ = read_district(PEACHTREE)
    with pytest.raises(ir.InvalidData) as caught:
        register_district(district)  # without its rules
    assert caught.value.value == "peachtree.district_offices"
    assert districts() == (MIAMI,)


def test_a_ladder_needs_steps_and_waits_in_place() -> None:
    with pytest.raises(ir.InvalidData):
        attrs.evolve(MIAMI, steps=())
    with pytest.raises(ir.InvalidData):
        attrs.evolve(MIAMI, steps=(Step("MIA-ELIGIBLE", wait="miami.second_step_wait_days"),))
    with pytest.raises(ir.InvalidData):
        attrs.evolve(MIAMI, steps=(Step("MIA-ELIGIBLE"), Step("MIA-SECOND")))


class TestALadderWithLessThanMiami:
    """A district may have one step, no Field Office Director rule and no appointment limits."""

    @pytest.fixture
    def one_step(self) -> Iterator[District]:
        district, rules = read_district(PEACHTREE)
        bare = attrs.evolve(
            district,
            steps=(Step("PT-ELIGIBLE"),),
            fod_ladder_rule=None,
            max_cases=None,
            max_per_day=None,
        )
        with register_district(bare, rules) as registered:
            yield registered

    @pytest.mark.parametrize("timing", list(ir.FodAfterThird))
    def test_after_its_only_step_the_fod_at_once(
        self, one_step: District, timing: ir.FodAfterThird
    ) -> None:
        step, later = D(2016, 4, 5), D(2016, 4, 20)
        decision = next_action(
            atlanta(),
            [infopass(step), infopass(later)],
            as_of=D(2016, 5, 1),
            policy=attrs.evolve(ir.DEFAULT_POLICY, fod_after_third=timing),
        )
        # A one-step ladder has no wait to repeat, under either policy.
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        assert decision.earliest == step
        assert "PT-FOD-LADDER" not in decision.rule_ids
        assert (
            any(f"the inquiry of {later.isoformat()} follows" in t.finding for t in decision.trace)
            is False
        )

    def test_no_limits_bind_its_appointments(self, one_step: District) -> None:
        six = tuple(f"MSC16900{n:05d}" for n in range(6))
        day = D(2016, 4, 6)
        held = [
            ir.Appointment(on=day, office="ATL", receipt_numbers=six, attorney="A"),
            ir.Appointment(on=day, office="ATL", receipt_numbers=six[:1], attorney="A"),
        ]
        kinds = {v.kind for v in check_appointments(held)}
        assert ir.ViolationKind.TOO_MANY_CASES not in kinds
        assert ir.ViolationKind.TOO_MANY_APPOINTMENTS not in kinds
        book = with_districts(load_rulebook())
        assert day_limit_violation("A", held, district_limits("ATL", day), book) is None


class TestDistrictFiles:
    """A district's TOML file is checked as it is read: each problem names its field."""

    @pytest.mark.parametrize(
        ("text", "field"),
        [
            (b"[district\n", None),
            (b"\xff", None),
            (PEACHTREE.read_bytes().replace(b'id = "PT"\n', b""), "district.id"),
            (
                PEACHTREE.read_bytes().replace(b'name = "Peachtree District"', b"name = 7"),
                "district.name",
            ),
            (
                PEACHTREE.read_bytes().replace(b'{ rule = "PT-ELIGIBLE" }', b'"PT-ELIGIBLE"'),
                "district.steps[0]",
            ),
        ],
    )
    def test_a_bad_file_is_invalid_data(
        self, tmp_path: Path, text: bytes, field: str | None
    ) -> None:
        path = tmp_path / "district.toml"
        path.write_bytes(text)
        with pytest.raises(ir.InvalidData) as caught:
            read_district(path)
        assert caught.value.field == (field or str(path))


class TestRegistrationChecks:
    """What the registry refuses, and what it passes over."""

    def test_only_a_district_is_registered(self) -> None:
        with pytest.raises(ir.InvalidValue, match="must be a District"):
            register_district("PT")  # type: ignore[arg-type]

    def test_a_district_naming_a_rule_the_book_lacks_is_refused(self) -> None:
        district, rules = read_district(PEACHTREE)
        with pytest.raises(ir.InvalidData, match="names a rule the rule book lacks") as caught:
            register_district(attrs.evolve(district, supervisor_rule="PT-NOPE"), rules)
        assert caught.value.value == "PT-NOPE"
        assert districts() == (MIAMI,)

    def test_a_district_whose_offices_parameter_is_missing_is_refused(self) -> None:
        district, rules = read_district(PEACHTREE)
        with pytest.raises(ir.InvalidData, match="parameter") as caught:
            register_district(attrs.evolve(district, offices="peachtree.nowhere"), rules)
        assert caught.value.value == "peachtree.nowhere"
        assert districts() == (MIAMI,)

    def test_a_book_without_the_district_s_offices_passes_it_over(
        self, peachtree: District
    ) -> None:
        # The shipped book alone lacks Peachtree's parameters: Atlanta is in no district there.
        assert district_at("ATL", D(2016, 3, 1), load_rulebook()) is None
        assert district_at("MIA", D(2016, 3, 1), load_rulebook()) is MIAMI


class TestDistrictTableErrors:
    """The district table's own errors, exactly: message, field, value and what is accepted."""

    def test_no_steps(self) -> None:
        with pytest.raises(ir.InvalidData) as caught:
            attrs.evolve(MIAMI, steps=())
        assert str(caught.value) == "district MIA.steps: has no ladder steps"

    @pytest.mark.parametrize(
        "steps",
        [
            (Step("MIA-ELIGIBLE", wait="miami.second_step_wait_days"),),
            (Step("MIA-ELIGIBLE"), Step("MIA-SECOND")),
            (Step("MIA-ELIGIBLE"), Step("MIA-SECOND", wait="w"), Step("MIA-THIRD")),
        ],
    )
    def test_a_wait_out_of_place(self, steps: tuple[Step, ...]) -> None:
        with pytest.raises(ir.InvalidData) as caught:
            attrs.evolve(MIAMI, steps=steps)
        error = caught.value
        assert (error.field, error.value) == ("district MIA.steps", steps)
        assert error.expected == "no wait before the first step and a wait before every later one"
        assert str(error).startswith("district MIA.steps: has a wrongly placed wait")

    def test_the_first_missing_parameter_is_named(self) -> None:
        book = load_rulebook()
        lacking = attrs.evolve(MIAMI, max_cases="miami.nope", max_per_day="miami.nope_either")
        with pytest.raises(ir.InvalidData) as caught:
            lacking.check_against(book)
        error = caught.value
        assert (error.field, error.value) == ("district MIA", "miami.nope")
        assert error.expected == "a parameter of the rule book"
        assert str(error).startswith("district MIA: names a parameter the rule book lacks")

    def test_the_first_missing_rule_is_named(self) -> None:
        book = load_rulebook()
        lacking = attrs.evolve(MIAMI, supervisor_rule="MIA-NOPE", fod_ladder_rule="MIA-NOPE-2")
        with pytest.raises(ir.InvalidData) as caught:
            lacking.check_against(book)
        error = caught.value
        assert (error.field, error.value) == ("district MIA", "MIA-NOPE")
        assert error.expected == "a rule of the rule book"
        assert str(error).startswith("district MIA: names a rule the rule book lacks")

    def test_miami_names_its_rules_and_parameters_in_order(self) -> None:
        MIAMI.check_against(load_rulebook())  # the shipped district is complete
        assert MIAMI.eligible_rule == "MIA-ELIGIBLE"
        assert MIAMI.rule_ids == (
            "MIA-ELIGIBLE",
            "MIA-SECOND",
            "MIA-THIRD",
            "MIA-SUPERVISOR",
            "MIA-FOD-LADDER",
            "MIA-FOD-PRESSING",
        )
        assert MIAMI.parameters == (
            "miami.district_offices",
            "miami.counted_channels",
            "miami.second_step_wait_days",
            "miami.third_step_wait_days",
            "miami.max_cases_per_appointment",
            "miami.max_appointments_per_day",
        )


class TestWordingOverOtherLadders:
    """Texts that depend on the district's table: counts, ordinals, counted channels."""

    def test_a_channel_the_district_does_not_count_is_named_with_those_it_does(
        self, peachtree: District
    ) -> None:
        on = D(2016, 7, 1)  # after PT-COUNT took effect; the district counts two channels
        decision = next_action(
            atlanta(), [ir.Inquiry(on=on, channel=ir.Channel.E_REQUEST)], as_of=on
        )
        assert (
            "PT-COUNT",
            "the e-Request inquiry of 2016-07-01 is not a step: on that day only INFOPASS or "
            "CONTACT_CENTER inquiries count",
        ) in [(t.rule_id, t.finding) for t in decision.trace]

    def test_a_two_step_ladder_waits_its_last_wait_before_the_fod(self) -> None:
        district, rules = read_district(PEACHTREE)
        two = attrs.evolve(district, steps=district.steps[:2])
        first, second = D(2016, 4, 5), D(2016, 5, 25)  # 50 days apart: past the 45-day wait
        policy = attrs.evolve(ir.DEFAULT_POLICY, fod_after_third=ir.FodAfterThird.AFTER_THIRD_WAIT)
        with register_district(two, rules):
            decision = next_action(
                atlanta(), [infopass(first), infopass(second)], as_of=D(2016, 6, 1), policy=policy
            )
        assert (decision.action, decision.level) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
        )
        # The second step waits the second step's 45 days again: from 2016-07-10 (AFTER_PERIOD).
        assert decision.earliest == second + dt.timedelta(days=46)
        assert (
            "PT-FOD-LADDER",
            "the attorney may ask to speak with the FOD from 2016-07-10, once the second step has "
            "waited (once the last step has had its own wait, by the firm's choice; "
            "Policy.fod_after_third AFTER_THIRD_WAIT)",
        ) in [(t.rule_id, t.finding) for t in decision.trace]
        assert any(t.finding.startswith("two steps made, the second on") for t in decision.trace)

    def test_step_counts_and_ordinals_in_words_past_their_tables(self) -> None:
        # Ladders longer than the tables of words still read: digits past them.
        from infopass_rules.rules.districts.ladder import _number, _ordinal

        assert [_ordinal(n) for n in (0, 1, 8, 9)] == ["0th", "first", "eighth", "9th"]
        assert [_number(n) for n in (0, 1, 10, 11)] == ["0", "one", "ten", "11"]


def _error_parts(error: ir.InfopassRulesError) -> tuple[object, ...]:
    return (
        str(error).split(":", 1)[1].split(";")[0].strip(),
        error.field,
        error.value,
        error.expected,
    )


class TestRegistryErrors:
    """The registry's errors, exactly: message, field, value and what would be accepted."""

    def test_not_a_district(self) -> None:
        with pytest.raises(ir.InvalidValue) as caught:
            register_district("PT")  # type: ignore[arg-type]
        assert _error_parts(caught.value) == ("must be a District", "district", "PT", "a District")

    def test_an_id_already_registered(self, peachtree: District) -> None:
        with pytest.raises(ir.InvalidValue) as caught:
            register_district(peachtree)
        assert _error_parts(caught.value) == (
            "is already registered",
            "district.id",
            "PT",
            "an ID other than MIA, PT",
        )

    def test_an_office_of_another_district(self, peachtree: District) -> None:
        with pytest.raises(ir.InvalidValue) as caught:
            register_district(attrs.evolve(peachtree, id="PT2"))
        assert _error_parts(caught.value) == (
            "is already an office of the Peachtree District",
            "peachtree.district_offices",
            "ATL",
            "offices of no other registered district",
        )

    def test_a_rule_of_the_shipped_book_redefined(self) -> None:
        district, rules = read_district(PEACHTREE)
        clashing = attrs.evolve(
            rules, rules={**rules.rules, "MIA-ELIGIBLE": rules.rules["PT-ELIGIBLE"]}
        )
        with pytest.raises(ir.InvalidData) as caught:
            register_district(district, clashing)
        assert _error_parts(caught.value) == (
            "redefines a rule of the rule book",
            "district rules",
            "MIA-ELIGIBLE",
            "a rule ID of its own",
        )

    def test_a_district_whose_offices_the_book_lacks_is_passed_over_not_the_end(
        self, peachtree: District
    ) -> None:
        # Peachtree's own rule book lacks Miami's offices parameter: Miami, first in the registry,
        # is passed over and the search goes on to Peachtree.
        _, own = read_district(PEACHTREE)
        assert district_at("ATL", D(2016, 3, 1), own) is peachtree


class TestDistrictFilesAreOpenedSafely:
    """A district file is read like every other file: a regular file only, a path as text."""

    def test_a_folder_or_a_missing_file_is_invalid_data(self, tmp_path: Path) -> None:
        for path in (tmp_path, tmp_path / "missing.toml"):
            with pytest.raises(ir.InvalidData):
                read_district(path)

    def test_a_fifo_is_refused_without_waiting(self, tmp_path: Path) -> None:
        fifo = tmp_path / "district.toml"
        os.mkfifo(fifo)
        with pytest.raises(ir.InvalidData):
            read_district(fifo)

    def test_a_path_must_be_text(self) -> None:
        with pytest.raises(ir.InvalidValue):
            read_district(b"district.toml")  # type: ignore[arg-type]
