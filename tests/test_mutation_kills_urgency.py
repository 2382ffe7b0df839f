"""Tests written to kill mutants that survived in ``urgency.py``: the exact CC-TRIAGE factors of a
hand-built case at each boundary (deadline horizon, outside normal processing times, days
pending), and the exact errors for a case or a policy of the wrong type.
"""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Circumstance
from infopass_rules.rules.triage import FactorKind, TriageFactor, triage

D = dt.date
AS_OF = D(2020, 1, 6)
RECEIPT = "MSC1490012345"


def test_every_factor_with_its_exact_detail() -> None:
    case = ir.Case(
        RECEIPT,
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
        TriageFactor(FactorKind.DEADLINE_AT_RISK, "'hearing' on 2020-01-06, today (horizon 30)"),
        TriageFactor(FactorKind.DEADLINE_AT_RISK, "'trip' on 2020-02-05, in 30 days (horizon 30)"),
        TriageFactor(FactorKind.EMPLOYMENT, "personal circumstance: employment"),
        TriageFactor(FactorKind.HEALTH, "personal circumstance: health"),
        TriageFactor(FactorKind.LONG_PENDING, "outside normal processing times since 2020-01-06"),
        TriageFactor(FactorKind.PRESSING, "the firm marks the issue pressing"),
    )
    assert [c.rule_id for c in result.citations] == ["CC-TRIAGE"] * len(result.citations)
    assert result.citations


@pytest.mark.parametrize(
    ("received_on", "outside_on", "expected"),
    [
        (D(2019, 1, 6), None, "pending 365 days since receipt (policy long_pending_days 365)"),
        (D(2019, 1, 7), None, None),
        # outside only from tomorrow: judged by the days pending instead
        (
            D(2019, 1, 6),
            D(2020, 1, 7),
            "pending 365 days since receipt (policy long_pending_days 365)",
        ),
        (D(2019, 6, 1), D(2020, 1, 7), None),
    ],
)
def test_long_pending_at_its_boundaries(
    received_on: dt.date, outside_on: dt.date | None, expected: str | None
) -> None:
    case = ir.Case(RECEIPT, "MIA", received_on=received_on, outside_processing_times_on=outside_on)
    result = triage(case, as_of=AS_OF)
    wanted = () if expected is None else (TriageFactor(FactorKind.LONG_PENDING, expected),)
    assert result.factors == wanted
    assert result.urgent is (expected is not None)


def test_a_case_of_the_wrong_type_is_refused_with_its_value() -> None:
    with pytest.raises(ir.InvalidValue) as caught:
        triage("MSC1490012345", as_of=AS_OF)  # type: ignore[arg-type]
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "case",
        "must be a Case",
        "MSC1490012345",
        "an infopass_rules.Case",
    )


def test_a_policy_of_the_wrong_type_is_refused_with_its_value() -> None:
    case = ir.Case(RECEIPT, "MIA")
    with pytest.raises(ir.InvalidValue) as caught:
        triage(case, as_of=AS_OF, policy="strict")  # type: ignore[arg-type]
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "policy",
        "must be a Policy",
        "strict",
        "an infopass_rules.Policy, e.g. DEFAULT_POLICY",
    )


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "in 1 day"), (2, "in 2 days"), (30, "in 30 days")],
)
def test_deadline_distance_in_words(days: int, text: str) -> None:
    as_of = D(2020, 1, 6)
    case = ir.Case(
        "MSC1490012345", "MIA", deadlines=(ir.Deadline(as_of + dt.timedelta(days=days), "trip"),)
    )
    (factor,) = ir.triage(case, as_of=as_of).factors
    on = (as_of + dt.timedelta(days=days)).isoformat()
    assert factor.detail == f"'trip' on {on}, {text} (horizon 30)"
