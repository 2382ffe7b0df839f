"""The thresholds and waits live in data (parameters.toml), where mutants cannot reach them: so
every value the rules depend on is pinned here, with its first date and its source. (Those that
tests/test_registry.py already pins are not repeated.)"""

from __future__ import annotations

from datetime import date

import pytest

from infopass_rules.sources.rulebook import load_rulebook


@pytest.mark.parametrize(
    ("name", "first", "value", "source"),
    [
        ("miami.district_offices", date(2012, 5, 22), ("MIA", "HIA", "KND", "OKL"), "miami-2012-05-22"),  # noqa: E501
        ("miami.second_step_wait_days", date(2012, 5, 22), 60, "miami-2012-05-22"),
        ("miami.third_step_wait_days", date(2012, 5, 22), 30, "miami-2012-05-22"),
        ("miami.max_cases_per_appointment", date(2014, 2, 11), 5, "miami-2014-02-11"),
        ("miami.max_appointments_per_day", date(2014, 2, 11), 1, "miami-2014-02-11"),
        ("regime.self_scheduling_from", date(2017, 5, 20), date(2017, 5, 20), "infopass-guide-2017"),  # noqa: E501
        ("regime.pilot_offices", date(2018, 2, 5), ("HAR", "ELP", "JAC", "SAC", "SFR"), "aila-18020500"),  # noqa: E501
        ("regime.contact_center_from", date(2019, 3, 1), date(2019, 3, 1), "contact-center-2019"),
        ("contact_center.phone", date(2013, 3, 14), "1-800-375-5283", "miami-2013-03-14"),
        ("contact_center.appointment_callback_days", date(2018, 2, 5), (1, 2), "aila-19030140"),
        ("contact_center.appointment_after_callback_days", date(2018, 2, 5), (4, 5), "aila-19030140"),  # noqa: E501
        (
            "contact_center.qualifying_issues",
            date(2018, 2, 5),
            ("PROOF_OF_STATUS", "ADVANCE_PAROLE", "DACA", "PAROLE_IN_PLACE",
             "SATISFACTORY_DEPARTURE", "ADIT_STAMP", "ELIS_APPLICATION"),
            "aila-19030140",
        ),
        (
            "contact_center.online_forms",
            date(2019, 2, 14),
            ("I-90", "N-336", "N-400", "N-565", "N-600", "N-600K", "G-28"),
            "aila-19030140",
        ),
    ],
)  # fmt: skip
def test_first_value_of_each_parameter(name: str, first: date, value: object, source: str) -> None:
    parameter = load_rulebook().parameters[name]
    head = parameter.values[0]
    assert head.start == first
    assert parameter.at(first) == value
    assert head.source_id == source
    assert parameter.at(date(2030, 1, 1)) == parameter.values[-1].value


def test_tier2_callback_windows_are_both_kept_with_their_sources() -> None:
    readings = load_rulebook().parameters["contact_center.tier2_callback_days"].readings
    assert [(r.start, tuple(r.value), r.source_id) for r in readings] == [
        (date(2019, 2, 14), (0, 0), "aila-19030140"),
        (date(2019, 3, 1), (0, 30), "contact-center-2019"),
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [("policy.urgency_horizon_days", 30), ("policy.long_pending_days", 365)],
)
def test_policy_defaults_in_the_data(name: str, value: int) -> None:
    assert load_rulebook().parameters[name].values[-1].value == value


def test_the_checklist_names_what_to_bring() -> None:
    checklist = " ".join(
        load_rulebook().parameters["contact_center.checklist"].at(date(2020, 1, 1))
    )
    for thing in ("appointment notice", "photo", "receipt notice", "original"):
        assert thing in checklist.lower()
