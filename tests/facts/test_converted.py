"""A fact built from its converters' values (facts.converted) is the fact its constructor builds.

The docket reader converts each distinct text of a column once, with the field's own converter,
and builds each case and inquiry with ``from_converted``. These tests give the constructor values
in every form it takes (and some it refuses) and compare: the same fact, field by field and
type by type, or the same error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infopass_rules.errors import InfopassRulesError
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.converted import field_converters, from_converted
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry

_DAY = dt.date(2020, 1, 1)

#: Per field, values in each form the constructor takes, and some it refuses.
_FORMS: dict[type[Any], dict[str, list[Any]]] = {
    Case: {
        "receipt_number": ["MSC1490012345", "msc-149-001-2345 ", "EAC 1490012345", "bad", 12],
        "office": ["MIA", "Miami FL", "Miami", "Kendall", "nowhere", None],
        "issue": [Issue.CASE_DELAY, "ADVANCE_PAROLE", "nope"],
        "form": [None, "I-485", "i485", "N400", "X-0", 5],
        "category": [None, " I-485 Family ", "", "x" * 101, "bad\x1b"],
        "received_on": [None, _DAY, "2020-01-01", dt.datetime(2020, 1, 1)],
        "outside_processing_times_on": [None, dt.date(2019, 1, 1), dt.date(2021, 1, 1)],
        "deadlines": [
            (),
            [Deadline(dt.date(2021, 5, 1), "trip")],
            [Deadline(dt.date(2022, 1, 1), "b"), Deadline(dt.date(2021, 1, 1), "a")],
            "x",
        ],
        "circumstances": [frozenset(), ["HEALTH"], [Circumstance.HEALTH, "FINANCIAL"], "HEALTH"],
        "pressing": [False, True, "yes"],
        "resolved_on": [None, dt.date(2019, 6, 1), dt.date(2022, 1, 1)],
    },
    Inquiry: {
        "on": [_DAY, "2020-01-01"],
        "channel": [Channel.INFOPASS, "CONTACT_CENTER", "x"],
        "outcome": [Outcome.UNRESOLVED, "RESOLVED", 3],
        "level": [None, Level.TIER_1, "SUPERVISOR", "boss"],
        "receipt_number": [None, "msc1490012345", "MSC1490012345", "bad"],
        "reference": [None, "SR-1", " SR-2 ", "", "x" * 101],
        "note": [None, " said so ", "\x00"],
    },
    Appointment: {
        "on": [_DAY, "2020-01-01"],
        "office": ["MIA", "Miami FL", "NBC", "nowhere"],
        "receipt_numbers": [
            ("MSC1490012345",),
            ["msc1490012345", "EAC1490012345"],
            (),
            ["MSC1490012345", "MSC1490012345"],
        ],
        "attorney": [None, "A. Reyes", ""],
    },
    Deadline: {
        "on": [_DAY, "2020-01-01"],
        "what": ["trip", " job ", "", 3],
    },
}


def _given(cls: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _FORMS[cls].items()})


def _outcome(build: Any) -> Any:
    """The fact built, with each field's value and type; or the error's class and text."""
    try:
        fact = build()
    except InfopassRulesError as exc:
        return (type(exc), str(exc))
    return fact, [(a.name, type(getattr(fact, a.name))) for a in attrs.fields(type(fact))]


def _converted(cls: type[Any], given: dict[str, Any]) -> Any:
    # In the fields' order, as attrs' __init__ converts them: the first refusal is the same.
    converters = field_converters(cls)
    return from_converted(cls, [converters[a.name](given[a.name]) for a in attrs.fields(cls)])


@pytest.mark.parametrize("cls", list(_FORMS), ids=lambda c: c.__name__)
@given(data=st.data())
def test_a_fact_from_its_converters_values_is_the_constructors(
    cls: type[Any], data: st.DataObject
) -> None:
    given_values = data.draw(_given(cls))
    assert _outcome(lambda: _converted(cls, given_values)) == _outcome(lambda: cls(**given_values))


def test_the_checks_across_fields_run() -> None:
    # Case.__attrs_post_init__: a day outside normal processing times before the receipt.
    with pytest.raises(InfopassRulesError, match="is before received_on"):
        _converted(
            Case,
            {
                **{k: v[0] for k, v in _FORMS[Case].items()},
                "received_on": dt.date(2020, 1, 1),
                "outside_processing_times_on": dt.date(2019, 1, 1),
            },
        )


def test_the_number_of_values_is_checked() -> None:
    with pytest.raises(ValueError, match="not enough values"):
        from_converted(Deadline, [_DAY])
    with pytest.raises(ValueError, match="too many values"):
        from_converted(Deadline, [_DAY, "trip", 3])


def test_a_class_with_a_validator_is_refused() -> None:
    @attrs.frozen
    class Checked:
        n: int = attrs.field(validator=attrs.validators.instance_of(int))

    with pytest.raises(TypeError, match="has a validator"):
        field_converters(Checked)
    with pytest.raises(TypeError, match="has a validator"):
        from_converted(Checked, [1])


def test_a_field_without_a_converter_is_taken_as_it_is() -> None:
    @attrs.frozen
    class Plain:
        n: int

    assert field_converters(Plain)["n"](3) == 3
    assert from_converted(Plain, [3]) == Plain(3)


def test_a_converter_that_takes_no_field_is_called_with_the_value_alone() -> None:
    @attrs.frozen
    class Counted:
        n: int = attrs.field(converter=attrs.Converter(int))  # type: ignore[misc]

    assert field_converters(Counted)["n"]("3") == 3
    assert from_converted(Counted, [3]) == Counted("3")


def test_a_converter_that_reads_the_instance_is_refused() -> None:
    def own(value: object, instance: object) -> object:
        return value

    @attrs.frozen
    class Reading:
        n: int = attrs.field(converter=attrs.Converter(own, takes_self=True))  # type: ignore[misc]

    with pytest.raises(TypeError, match=r"Reading\.n's converter reads the instance"):
        field_converters(Reading)
