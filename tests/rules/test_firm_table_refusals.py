"""A firm's own processing-times table that answers otherwise than ProcessingTimes is refused
with an InvalidValue that says, word for word, what would have been accepted."""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.rules.eligibility import Eligibility, eligibility
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes

D = dt.date
AS_OF = D(2020, 3, 2)
CASE = ir.Case("MSC1990012345", "MIA", form="I-485", category="Family", received_on=D(2019, 5, 1))
TABLE = ProcessingTimes(
    [
        PublishedTime(
            form="I-485",
            office="MIA",
            category="Family",
            fetched_on=D(2020, 1, 10),
            published_on=D(2020, 1, 8),
            case_inquiry_date=D(2019, 6, 1),
            upper=Duration(10, "months"),
            lower=None,
            suppressed=False,
            origin="test MIA 2020-01-10",
        )
    ]
)
FINDING = TABLE.outside_since(
    "I-485", "MIA", category="Family", received_on=D(2019, 5, 1), as_of=AS_OF
)


class _FirmTable:
    """A firm's own table: outside_since and is_outside return what they are given."""

    def __init__(self, finding: object, judged: object) -> None:
        self.finding = finding
        self.judged = judged

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.finding

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.judged


def _eligibility(table: object) -> Eligibility:
    return eligibility(CASE, AS_OF, table, Reasoning(ir.DEFAULT_POLICY))  # type: ignore[arg-type]


def test_an_outside_since_answer_that_is_no_finding_says_what_a_finding_holds() -> None:
    with pytest.raises(ir.InvalidValue) as caught:
        _eligibility(_FirmTable(FINDING.on, True))
    error = caught.value
    assert error.problem == "outside_since must return an OutsideFinding"
    assert error.field == "processing_times"
    assert error.expected == (
        "a table whose outside_since returns an OutsideFinding (on: a date or None, "
        "estimated: a bool, entry: a PublishedTime or None, explanation: a str), as "
        "ProcessingTimes does"
    )


def test_an_is_outside_answer_that_is_no_truth_value_says_what_is_accepted() -> None:
    judged = _eligibility(_FirmTable(FINDING, "yes"))
    assert judged.outside_at is not None
    with pytest.raises(ir.InvalidValue) as caught:
        judged.outside_at(D(2020, 1, 20))  # an inquiry's day, judged by the table's is_outside
    error = caught.value
    assert error.problem == "is_outside must return True, False or None"
    assert error.field == "processing_times"
    assert error.value == "yes"
    assert error.expected == (
        "a table whose is_outside returns True, False or None, as ProcessingTimes does"
    )
    assert str(error).endswith(
        "expected a table whose is_outside returns True, False or None, as ProcessingTimes does"
    )


@pytest.mark.parametrize("judged", [True, False, None])
def test_an_is_outside_answer_of_true_false_or_none_is_taken_as_given(judged: object) -> None:
    found = _eligibility(_FirmTable(FINDING, judged))
    assert found.outside_at is not None
    assert found.outside_at(D(2020, 1, 20)) is judged
