"""Triage (CC-TRIAGE): the urgency factors of a case at each boundary, and the checks of its
arguments."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as ir_strategies
from infopass_rules.facts.enums import Circumstance
from infopass_rules.rules.triage import FactorKind, TriageFactor, triage
from tests.helpers import (
    MIAMI_RECEIPT,
    D,
    case,
)

CASE = ir.Case("MSC1490012345", "MIA")


AS_OF = D(2020, 1, 6)


LONG_365 = "pending 365 days since receipt (the policy counts 365 days or more as long pending)"


class TestCCTriage:
    """CC-TRIAGE, How the representative weighs urgency: contact-center-2019, third paragraph
    and its three bullets."""

    @pytest.mark.parametrize(("days", "urgent"), [(-1, False), (0, True), (30, True), (31, False)])
    def test_triage_deadline_horizon(self, days: int, urgent: bool) -> None:
        as_of = D(2020, 5, 4)
        c = case(deadlines=(ir.Deadline(as_of + timedelta(days=days), "job start"),))
        result = ir.triage(c, as_of=as_of)
        assert result.urgent is urgent
        assert result.citations[0].rule_id == "CC-TRIAGE"

    def test_triage_factors(self) -> None:
        as_of = D(2020, 5, 4)
        c = case(
            circumstances=frozenset({ir.Circumstance.HEALTH, ir.Circumstance.FINANCIAL}),
            received_on=as_of - timedelta(days=365),
            pressing=True,
        )
        kinds = [f.kind.name for f in ir.triage(c, as_of=as_of).factors]
        assert kinds == ["FINANCIAL", "HEALTH", "LONG_PENDING", "PRESSING"]
        young = case(received_on=as_of - timedelta(days=364))
        assert not ir.triage(young, as_of=as_of).urgent

    def test_triage_is_reported_to_the_contact_center(self) -> None:
        c = case(
            issue=ir.Issue.ADVANCE_PAROLE,
            deadlines=(ir.Deadline(D(2020, 5, 20), "surgery abroad"),),
        )
        decision = ir.next_action(c, as_of=D(2020, 5, 4))
        assert "CC-TRIAGE" in decision.rule_ids
        assert any("urgent handling" in n and "surgery abroad" in n for n in decision.notes)

    @pytest.mark.parametrize(
        ("deadline", "urgent", "detail"),
        [
            (D(2020, 1, 1), True, "'trip' on 2020-01-01, today (within the 30-day horizon)"),
            (D(2020, 1, 31), True, "'trip' on 2020-01-31, in 30 days (within the 30-day horizon)"),
            (D(2020, 2, 1), False, None),
            (D(2019, 12, 31), False, None),
        ],
    )
    def test_triage_deadline_factor_at_its_bounds(
        self, deadline: dt.date, urgent: bool, detail: str | None
    ) -> None:
        case = ir.Case("MSC1490012345", "MIA", deadlines=[ir.Deadline(deadline, "trip")])
        result = ir.triage(case, as_of=D(2020, 1, 1))
        assert result.urgent is urgent
        assert [f.detail for f in result.factors] == ([detail] if detail else [])

    def test_triage_factors_in_order_with_their_text(self) -> None:
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
            (
                "LONG_PENDING",
                "pending 365 days since receipt (the policy counts 365 days or more "
                "as long pending)",
            ),
            ("PRESSING", "the firm marks the issue pressing"),
            ("OUTSIDE_PROCESSING_TIMES", "outside normal processing times since 2019-12-01"),
        ]
        assert result.as_of == D(2020, 1, 1)
        assert {c.rule_id for c in result.citations} == {"CC-TRIAGE"}

    @pytest.mark.parametrize(
        ("received", "factor"),
        [
            (
                D(2019, 1, 1),
                LONG_365,
            ),
            (D(2019, 1, 2), None),
        ],
    )
    def test_triage_long_pending_from_receipt_at_its_bound(
        self, received: dt.date, factor: str | None
    ) -> None:
        case = ir.Case("MSC1490012345", "MIA", received_on=received)
        result = ir.triage(case, as_of=D(2020, 1, 1))
        assert [f.detail for f in result.factors] == ([factor] if factor else [])
        assert result.urgent is (factor is not None)

    def test_triage_outside_processing_times_only_once_reached(self) -> None:
        case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=D(2020, 1, 2))
        assert ir.triage(case, as_of=D(2020, 1, 1)).factors == ()
        on_the_day = ir.triage(case, as_of=D(2020, 1, 2))
        assert [f.kind.name for f in on_the_day.factors] == ["OUTSIDE_PROCESSING_TIMES"]

    def test_outside_processing_times_alone_is_no_reason_for_urgent_handling(self) -> None:
        # The urgency reading: outside normal processing times is a factor to mention
        # ("how long it has been pending"), not by itself a reason to ask for urgent handling.
        c = ir.Case("WAC1990055555", "LOS", outside_processing_times_on=D(2020, 1, 2))
        result = ir.triage(c, as_of=D(2020, 2, 14))
        assert not result.urgent
        assert result.urgency_factors == ()
        decision = ir.next_action(c, as_of=D(2020, 2, 14))
        assert not any("urgent handling" in n for n in decision.notes)
        assert (
            "Tell the representative how long the case has been pending: outside normal "
            "processing times since 2020-01-02."
        ) in decision.notes
        assert "CC-TRIAGE" in decision.rule_ids
        # With an urgency factor of the policy's (here pending past long_pending_days), it is.
        old = attrs.evolve(c, received_on=D(2019, 2, 14))
        decision = ir.next_action(old, as_of=D(2020, 2, 14))
        (urgent,) = [n for n in decision.notes if "urgent handling" in n]
        assert "pending 365 days since receipt" in urgent
        assert "outside normal processing times" not in urgent

    @pytest.mark.parametrize(
        ("changes", "urgent"),
        [
            ({"pressing": True}, True),
            ({"circumstances": {Circumstance.HEALTH}}, True),
            ({"deadlines": [ir.Deadline(D(2020, 2, 13), "trip")]}, False),  # the day before
            ({"deadlines": [ir.Deadline(D(2020, 2, 14), "trip")]}, True),  # as_of itself
            ({"deadlines": [ir.Deadline(D(2020, 3, 15), "trip")]}, True),  # the horizon's end
            ({"deadlines": [ir.Deadline(D(2020, 3, 16), "trip")]}, False),  # the day after it
            ({}, False),
        ],
    )
    def test_a_phone_decision_advises_urgency_exactly_as_triage_finds_it(
        self, changes: dict[str, Any], urgent: bool
    ) -> None:
        as_of = D(2020, 2, 14)  # under RG-CC: the Contact Center triages the call
        c = attrs.evolve(ir.Case("WAC1990055555", "LOS", issue=ir.Issue.DACA), **changes)
        assert ir.triage(c, as_of=as_of).urgent is urgent
        decision = ir.next_action(c, as_of=as_of)
        assert ir.Channel.CONTACT_CENTER in decision.channels
        assert any("urgent handling" in n for n in decision.notes) is urgent
        finding = next(e.finding for e in decision.trace if e.rule_id == "CC-TRIAGE")
        assert finding.startswith("urgency factors") is urgent
        # Nothing to tell the representative (no urgency, no processing-times date): the
        # triage is traced, not cited.
        assert ("CC-TRIAGE" in decision.rule_ids) is urgent

    @pytest.mark.parametrize(
        ("outside", "told"),
        [(D(2020, 2, 13), True), (D(2020, 2, 14), True), (D(2020, 2, 15), False)],
    )
    def test_how_long_pending_is_told_from_the_day_the_case_is_outside(
        self, outside: dt.date, told: bool
    ) -> None:
        c = ir.Case(
            "WAC1990055555", "LOS", issue=ir.Issue.DACA, outside_processing_times_on=outside
        )
        decision = ir.next_action(c, as_of=D(2020, 2, 14))
        note = (
            "Tell the representative how long the case has been pending: outside normal "
            f"processing times since {outside.isoformat()}."
        )
        assert (note in decision.notes) is told
        assert ("CC-TRIAGE" in decision.rule_ids) is told

    def test_every_factor_with_its_exact_detail(self) -> None:
        case = ir.Case(
            MIAMI_RECEIPT,
            "MIA",
            deadlines=(
                ir.Deadline(D(2020, 1, 5), "passed"),
                ir.Deadline(AS_OF, "hearing"),
                ir.Deadline(D(2020, 2, 5), "trip"),  # 30 days: the horizon's last day
                ir.Deadline(D(2020, 2, 6), "job"),  # 31 days: beyond it
            ),
            circumstances=frozenset({Circumstance.HEALTH, Circumstance.EMPLOYMENT}),
            outside_processing_times_on=AS_OF,
            pressing=True,
        )
        result = triage(case, as_of=AS_OF)
        assert result.urgent is True
        assert result.as_of == AS_OF
        assert result.factors == (
            TriageFactor(
                FactorKind.DEADLINE_AT_RISK,
                "'hearing' on 2020-01-06, today (within the 30-day horizon)",
            ),
            TriageFactor(
                FactorKind.DEADLINE_AT_RISK,
                "'trip' on 2020-02-05, in 30 days (within the 30-day horizon)",
            ),
            TriageFactor(FactorKind.EMPLOYMENT, "personal circumstance: employment"),
            TriageFactor(FactorKind.HEALTH, "personal circumstance: health"),
            TriageFactor(FactorKind.PRESSING, "the firm marks the issue pressing"),
            TriageFactor(
                FactorKind.OUTSIDE_PROCESSING_TIMES,
                "outside normal processing times since 2020-01-06",
            ),
        )
        assert [c.rule_id for c in result.citations] == ["CC-TRIAGE"] * len(result.citations)
        assert result.citations

    @pytest.mark.parametrize(
        ("received_on", "outside_on", "expected"),
        [
            (
                D(2019, 1, 6),
                None,
                LONG_365,
            ),
            (D(2019, 1, 7), None, None),
            # outside only from tomorrow: judged by the days pending instead
            (
                D(2019, 1, 6),
                D(2020, 1, 7),
                LONG_365,
            ),
            (D(2019, 6, 1), D(2020, 1, 7), None),
        ],
    )
    def test_long_pending_at_its_boundaries(
        self, received_on: dt.date, outside_on: dt.date | None, expected: str | None
    ) -> None:
        case = ir.Case(
            MIAMI_RECEIPT, "MIA", received_on=received_on, outside_processing_times_on=outside_on
        )
        result = triage(case, as_of=AS_OF)
        wanted = () if expected is None else (TriageFactor(FactorKind.LONG_PENDING, expected),)
        assert result.factors == wanted
        assert result.urgent is (expected is not None)

    @pytest.mark.parametrize(
        ("days", "text"),
        [(0, "today"), (1, "in 1 day"), (2, "in 2 days"), (30, "in 30 days")],
    )
    def test_deadline_distance_in_words(self, days: int, text: str) -> None:
        as_of = D(2020, 1, 6)
        case = ir.Case(
            "MSC1490012345",
            "MIA",
            deadlines=(ir.Deadline(as_of + dt.timedelta(days=days), "trip"),),
        )
        (factor,) = ir.triage(case, as_of=as_of).factors
        on = (as_of + dt.timedelta(days=days)).isoformat()
        assert factor.detail == f"'trip' on {on}, {text} (within the 30-day horizon)"


class TestTriageArguments:
    """``triage`` refuses what is not a case or a policy, naming the value."""

    def test_triage_refuses_what_is_not_a_case_or_a_policy(self) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.triage(None, as_of=D(2020, 1, 1))  # type: ignore[arg-type]
        assert str(info.value) == "case: must be a Case; got None; expected an infopass_rules.Case"
        with pytest.raises(ir.InvalidValue) as info:
            ir.triage(CASE, as_of=D(2020, 1, 1), policy=None)  # type: ignore[arg-type]
        assert str(info.value) == (
            "policy: must be a Policy; got None; expected an infopass_rules.Policy, e.g. "
            "DEFAULT_POLICY"
        )

    def test_a_case_of_the_wrong_type_is_refused_with_its_value(self) -> None:
        with pytest.raises(ir.InvalidValue) as caught:
            triage("MSC1490012345", as_of=AS_OF)  # type: ignore[arg-type]
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "case",
            "must be a Case",
            "MSC1490012345",
            "an infopass_rules.Case",
        )

    def test_a_policy_of_the_wrong_type_is_refused_with_its_value(self) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA")
        with pytest.raises(ir.InvalidValue) as caught:
            triage(case, as_of=AS_OF, policy="strict")  # type: ignore[arg-type]
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "policy",
            "must be a Policy",
            "strict",
            "an infopass_rules.Policy, e.g. DEFAULT_POLICY",
        )

    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"case": "MSC1490012345", "as_of": D(2020, 1, 1)}, "case"),
        ({"as_of": "2020-01-01"}, "as_of"),
        ({"as_of": D(2020, 1, 1), "policy": None}, "policy"),
    ])  # fmt: skip
    def test_triage_bad_arguments(self, kwargs: dict[str, Any], field: str) -> None:
        kwargs.setdefault("case", ir.Case(MIAMI_RECEIPT, "MIA"))
        with pytest.raises(ir.InvalidValue) as info:
            ir.triage(**kwargs)
        assert info.value.field == field


@given(
    case=ir_strategies.cases(
        min_date=D(2018, 1, 1),
        max_date=D(2019, 12, 31),  # received before as_of: a case on that day
        issue=st.just(ir.Issue.DACA),
        resolved_on=st.none(),
        deadlines=st.lists(
            ir_strategies.deadlines(min_date=D(2020, 1, 1), max_date=D(2020, 4, 30)),
            max_size=4,
        ),
        circumstances=st.frozensets(st.sampled_from(Circumstance)),
        pressing=st.booleans(),
    ),
    as_of=st.dates(D(2020, 1, 1), D(2020, 3, 31)),
)
def test_the_urgency_advice_names_exactly_triage_s_urgency_factors(
    case: ir.Case, as_of: dt.date
) -> None:
    # Recorded as plain values and put into words when read: the same words triage gives,
    # every deadline and circumstance in its order.
    found = ir.triage(case, as_of=as_of)
    decision = ir.next_action(case, as_of=as_of)
    assert ir.Channel.CONTACT_CENTER in decision.channels  # a call: the triage is advised
    urgent = [n for n in decision.notes if n.startswith("Ask for urgent handling")]
    if not found.urgent:
        assert urgent == []
        return
    words = "; ".join(f.detail for f in found.urgency_factors)
    event(f"{len(found.urgency_factors)} urgency factors")
    assert urgent == [
        f"Ask for urgent handling (Tier 2 at once, or an urgent appointment): {words}."
    ]
    assert (
        "CC-TRIAGE",
        f"urgency factors to tell the representative: {words}",
    ) in [(e.rule_id, e.finding) for e in decision.trace]
