"""The rule set as data: every rule of the spec, every reference resolving, dated parameters.

The thresholds and waits live in data (parameters.toml), where mutants cannot reach them:
TestParameters pins every value the rules depend on, with its first date and its source."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

import infopass_rules as ir
from infopass_rules.sources.rulebook import Authority, build_rulebook, load_rulebook
from tests.helpers import SHARED

#: The product's shared, read-only specification: ../shared/spec beside the repository.
SPEC = SHARED / "spec"


# Every rule ID of the spec, with its effective date where the spec gives one.
SPEC_RULES = {
    "RG-SELF", "RG-PILOT", "RG-CC",
    "MIA-ELIGIBLE", "MIA-SECOND", "MIA-THIRD", "MIA-COUNT", "MIA-LIMIT-CASES", "MIA-LIMIT-DAY",
    "MIA-SUPERVISOR", "MIA-FOD-LADDER", "MIA-FOD-PRESSING",
    "CC-CALL", "CC-TRIAGE", "CC-TIER2", "CC-APPOINTMENT", "CC-SUPERVISOR", "CC-QUALIFYING",
    "CC-NOT-INFOPASS", "CC-BRING", "CC-TIPS",
    "PT-INQUIRY", "OMB-CASE-ASSIST", "CONG-INQUIRY",
}  # fmt: skip


SPEC_EFFECTIVE = {
    "MIA-ELIGIBLE": date(2012, 5, 22), "MIA-SECOND": date(2012, 5, 22),
    "MIA-THIRD": date(2012, 5, 22), "MIA-COUNT": date(2013, 3, 14),
    "MIA-LIMIT-CASES": date(2014, 2, 11), "MIA-LIMIT-DAY": date(2014, 2, 11),
    "MIA-SUPERVISOR": date(2014, 6, 19), "MIA-FOD-LADDER": date(2014, 6, 19),
    "MIA-FOD-PRESSING": date(2014, 6, 19), "RG-CC": date(2019, 3, 1),
    # Section 7: each rule's source's date (month-precise pages stored as the month's first day).
    "PT-INQUIRY": date(2022, 5, 1), "OMB-CASE-ASSIST": date(2025, 3, 1),
    "CONG-INQUIRY": date(2018, 1, 1),
}  # fmt: skip


def _documents() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    import tomllib
    from importlib import resources

    files = resources.files("infopass_rules.sources").joinpath("data")
    return tuple(  # type: ignore[return-value]
        tomllib.loads(files.joinpath(name).read_text("utf-8"))
        for name in ("sources.toml", "rules.toml", "parameters.toml")
    )


def test_registry_holds_exactly_the_spec_rules() -> None:
    assert set(ir.RULES) == SPEC_RULES


@pytest.mark.skipif(not SPEC.is_dir(), reason="the shared spec is not beside the project")
def test_every_rule_id_in_the_spec_is_registered() -> None:
    spec = "\n".join(page.read_text("utf-8") for page in sorted(SPEC.glob("*.md")))
    ids = set(re.findall(r"`((?:RG|MIA|CC|PT|OMB|CONG)-[A-Z0-9-]+)`", spec))
    assert ids - {"MIA-LIMIT-"} <= set(ir.RULES) | {"MIA-LIMIT-*"}


@pytest.mark.parametrize(("rule_id", "effective"), sorted(SPEC_EFFECTIVE.items()))
def test_effective_dates_match_the_spec(rule_id: str, effective: date) -> None:
    assert ir.RULES[rule_id].effective == effective


def test_every_rule_cites_a_registered_source_with_a_pinpoint() -> None:
    for rule in ir.RULES.values():
        assert rule.citations, rule.id
        for citation in rule.citations:
            assert citation.source_id in ir.SOURCES
            assert citation.pinpoint.strip()
            # an excerpt is at most one sentence of the source
            assert citation.excerpt is None or citation.excerpt.count(". ") == 0


def test_sources_match_the_citation_registry() -> None:
    expected = {
        "miami-2012-05-22": (date(2012, 5, 22), Authority.PRIMARY),
        "miami-2013-03-14": (date(2013, 3, 14), Authority.PRIMARY),
        "miami-2014-02-11": (date(2014, 2, 11), Authority.PRIMARY),
        "miami-procedures-2014-06-19": (date(2014, 6, 19), Authority.SECONDARY),
        "aila-18020500": (date(2018, 2, 1), Authority.PRIMARY),
        "aila-19030140": (date(2019, 2, 14), Authority.PRIMARY),
        "contact-center-2019": (date(2019, 3, 1), Authority.SECONDARY),
        "infopass-guide-2017": (date(2017, 5, 20), Authority.SECONDARY),
    }
    for source_id, (when, authority) in expected.items():
        source = ir.SOURCES[source_id]
        assert (source.date, source.authority) == (when, authority)
    assert ir.SOURCES["aila-18020500"].date_precision == "month"
    assert ir.SOURCES["contact-center-2019"].date_precision == "month"


@pytest.mark.parametrize(("name", "on", "value"), [
    ("miami.second_step_wait_days", date(2012, 5, 22), 60),
    ("miami.third_step_wait_days", date(2012, 5, 22), 30),
    ("miami.max_cases_per_appointment", date(2014, 2, 11), 5),
    ("miami.max_appointments_per_day", date(2014, 2, 11), 1),
    ("miami.district_offices", date(2020, 1, 1), ("MIA", "HIA", "KND", "OKL")),
    ("miami.counted_channels", date(2013, 3, 13), ("INFOPASS",)),
    ("miami.counted_channels", date(2013, 3, 14), ("INFOPASS", "CONTACT_CENTER", "E_REQUEST")),
    ("regime.pilot_offices", date(2018, 2, 5), ("HAR", "ELP", "JAC", "SAC", "SFR")),
    ("regime.contact_center_from", date(2019, 3, 1), date(2019, 3, 1)),
    ("contact_center.appointment_after_callback_days", date(2019, 3, 1), (4, 5)),
    ("policy.urgency_horizon_days", date(2019, 3, 1), 30),
])  # fmt: skip
def test_dated_parameters(name: str, on: date, value: object) -> None:
    assert load_rulebook().parameters[name].at(on) == value


@pytest.mark.parametrize("name", ["miami.max_cases_per_appointment", "regime.pilot_offices"])
def test_parameters_have_no_value_before_their_first_date(name: str) -> None:
    parameter = load_rulebook().parameters[name]
    day_before = parameter.values[0].start.replace(day=parameter.values[0].start.day - 1)
    assert parameter.period_at(day_before) is None
    with pytest.raises(ir.InvalidValue, match=name):
        parameter.at(day_before)


def test_every_parameter_names_a_rule_and_its_sources() -> None:
    book = load_rulebook()
    for parameter in book.parameters.values():
        assert parameter.rule_id in book.rules
        for reading in parameter.readings:
            assert reading.source_id in book.sources
        for period in parameter.values:
            if period.source_id is None:  # a library default, never a rule's own number
                assert period.basis
                assert parameter.name.startswith("policy.")
            else:
                assert period.source_id in book.sources


def test_the_tier2_conflicts_are_declared() -> None:
    # CC-TIER2's call-back and CC-APPOINTMENT's scheduling call-back both meet the 30 days of
    # contact-center-2019 (sources/data/rules.toml: [conflicts.tier2-callback] and
    # [conflicts.scheduling-callback]; docs/concepts/contact-center.md).
    book = load_rulebook()
    assert {c.rule_id for c in book.conflicts.values()} == {"CC-TIER2", "CC-APPOINTMENT"}
    for conflict in book.conflicts.values():
        readings = book.parameters[conflict.parameter].readings
        assert {r.source_id for r in readings} == {"aila-19030140", "contact-center-2019"}
        with pytest.raises(ir.InvalidValue, match="rival readings"):
            book.parameters[conflict.parameter].at(date(2020, 1, 1))


def test_ruleset_version_is_package_version_and_data_hash() -> None:
    assert re.fullmatch(rf"{re.escape(ir.__version__)}\+[0-9a-f]{{10}}", ir.RULESET_VERSION)


def test_citing_an_unknown_rule_is_a_typed_error() -> None:
    with pytest.raises(ir.InvalidValue, match="MIA-FOURTH"):
        load_rulebook().cite("MIA-FOURTH")


class TestParameters:
    """The first value of each parameter, the policy defaults and the checklist, as in the data."""

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
            ("regime.contact_center_from", date(2019, 3, 1), date(2019, 3, 1), "contact-center-2019"),  # noqa: E501
            ("contact_center.phone", date(2013, 3, 14), "1-800-375-5283", "miami-2013-03-14"),
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
    def test_first_value_of_each_parameter(
        self, name: str, first: date, value: object, source: str
    ) -> None:
        parameter = load_rulebook().parameters[name]
        head = parameter.values[0]
        assert head.start == first
        assert parameter.at(first) == value
        assert head.source_id == source
        assert parameter.at(date(2030, 1, 1)) == parameter.values[-1].value

    def test_tier2_callback_windows_are_both_kept_with_their_sources(self) -> None:
        readings = load_rulebook().parameters["contact_center.tier2_callback_days"].readings
        assert [(r.start, tuple(r.value), r.source_id) for r in readings] == [
            (date(2019, 2, 14), (0, 0), "aila-19030140"),
            (date(2019, 3, 1), (0, 30), "contact-center-2019"),
        ]

    @pytest.mark.parametrize(
        ("name", "value"),
        [("policy.urgency_horizon_days", 30), ("policy.long_pending_days", 365)],
    )
    def test_policy_defaults_in_the_data(self, name: str, value: int) -> None:
        assert load_rulebook().parameters[name].values[-1].value == value

    def test_the_checklist_names_what_to_bring(self) -> None:
        checklist = " ".join(
            load_rulebook().parameters["contact_center.checklist"].at(date(2020, 1, 1))
        )
        for thing in ("appointment notice", "photo", "receipt notice", "original"):
            assert thing in checklist.lower()


class TestRuleData:
    """Rule data from elsewhere: malformed data is refused; the shipped book is cached."""

    @pytest.mark.parametrize(("mutate", "needle"), [
        (lambda s, r, p: r["MIA-SECOND"]["citations"][0].update(source="nope"), "unknown source"),
        (lambda s, r, p: p["miami"]["second_step_wait_days"].update(rule="MIA-FIFTH"), "unknown rule"),  # noqa: E501
        (lambda s, r, p: s["aila-18020500"].pop("title"), "title"),
        (lambda s, r, p: s["aila-18020500"].update(date="2018-02"), "wrong type"),
        (lambda s, r, p: p["miami"]["counted_channels"]["values"].reverse(), "increasing date"),
        (lambda s, r, p: p["miami"]["second_step_wait_days"].update(readings=[]) or
         p["miami"]["second_step_wait_days"].pop("values"), "exactly one of"),
        (lambda s, r, p: r["conflicts"]["tier2-callback"].update(parameter="x.y"), "unknown parameter"),  # noqa: E501
        (lambda s, r, p: p["miami"]["second_step_wait_days"]["values"][0].pop("value"), "value"),
    ])  # fmt: skip
    def test_malformed_rule_data_is_rejected(self, mutate: Any, needle: str) -> None:
        sources, rules, params = _documents()
        mutate(sources, rules, params)
        with pytest.raises(ir.InvalidData, match=needle):
            build_rulebook(sources, rules, params, digest="test")

    def test_shipped_rule_book_is_cached(self) -> None:
        assert load_rulebook() is load_rulebook()


def test_the_scheduling_call_back_is_one_parameter_with_both_readings() -> None:
    # The 1-2 days of aila-19030140 (what the planner's call-back window follows) and the
    # "within 30 days" of contact-center-2019, kept once, as rival readings.
    from infopass_rules.rules.policy import DEFAULT_POLICY
    from infopass_rules.rules.reasoning import pick_reading

    parameter = load_rulebook().parameters["contact_center.scheduling_callback_days"]
    assert [(r.start, tuple(r.value), r.source_id) for r in parameter.readings] == [
        (date(2018, 2, 5), (1, 2), "aila-19030140"),
        (date(2019, 3, 1), (0, 30), "contact-center-2019"),
    ]
    followed, _, _ = pick_reading(load_rulebook(), parameter, DEFAULT_POLICY.conflict_rule)
    assert (tuple(followed.value), followed.source_id) == ((1, 2), "aila-19030140")
    assert "contact_center.appointment_callback_days" not in load_rulebook().parameters
