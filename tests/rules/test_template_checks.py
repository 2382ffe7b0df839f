"""A record's template is checked against its values where the record is made: the ``{}`` fields
of each template are counted once, the first time the template is met, and the count is kept
for every later record of it."""

from __future__ import annotations

import pytest

from infopass_rules.rules import trace
from infopass_rules.rules.trace import check_template


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates whose fields are counted, in order, from an empty memo."""
    seen: list[str] = []
    count = trace._field_count

    def counting(template: str) -> int:
        seen.append(template)
        return count(template)

    monkeypatch.setattr(trace, "TEMPLATE_FIELDS", {})
    monkeypatch.setattr(trace, "_field_count", counting)
    return seen


def test_a_template_s_fields_are_counted_once_however_often_it_is_met(counted: list[str]) -> None:
    for _ in range(3):
        check_template("step {} of {}", (2, 3))
        check_template("on {}", ("2020-01-02",))
    assert counted == ["step {} of {}", "on {}"]
    assert trace.TEMPLATE_FIELDS == {"step {} of {}": 2, "on {}": 1}


def test_a_template_met_again_with_values_that_do_not_fit_is_refused_by_its_kept_count(
    counted: list[str],
) -> None:
    check_template("step {} of {}", (2, 3))
    with pytest.raises(ValueError, match=r"has 2 fields for 1 values"):
        check_template("step {} of {}", (2,))
    assert counted == ["step {} of {}"]
