"""In force vs dated (docs/concepts/regimes.md, "Dates and their precision"): a rule's
``in_force_from`` (when the engine applies it) is kept apart from its source's date
(``effective``), and the rules reference shows both; only RG-SELF, RG-PILOT and CC-BRING (the
checklist, a long-standing practice the 2017 guide describes) differ."""

from __future__ import annotations

from datetime import date, timedelta

import infopass_rules as ir
from infopass_rules.edges.reference import rules_reference_markdown
from infopass_rules.sources.rulebook import load_rulebook

DAY = timedelta(days=1)


def test_only_the_self_scheduling_and_pilot_regimes_and_the_checklist_differ() -> None:
    differ = {r.id for r in ir.RULES.values() if r.in_force_from != r.effective}
    assert differ == {"RG-SELF", "RG-PILOT", "CC-BRING"}


def test_the_checklist_is_a_long_standing_practice_without_a_stale_warning() -> None:
    # Before 2017 the checklist the 2017 guide describes applies as the practice in place
    # before it (like RG-SELF): no STALE_SOURCE warning naming a parameter.
    assert ir.RULES["CC-BRING"].in_force_from == date(2012, 5, 22)
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=date(2015, 1, 2))
    decision = ir.next_action(case, as_of=date(2015, 2, 1))
    assert decision.checklist
    assert not decision.warnings_of(ir.WarningKind.STALE_SOURCE)
    assert all("contact_center" not in w.text for w in decision.warnings)


def test_rg_self_applies_from_the_start_of_the_encoded_period() -> None:
    rule = ir.RULES["RG-SELF"]
    assert rule.effective == date(2017, 5, 20) == ir.SOURCES["infopass-guide-2017"].date
    start = min(r.effective for r in ir.RULES.values())
    assert rule.in_force_from == start == date(2012, 5, 22)
    assert rule.in_force(date(2012, 5, 22))
    assert rule.in_force(date(2015, 1, 5))  # before its source's date
    assert not rule.in_force(date(2012, 5, 22) - DAY)


def test_rg_pilot_applies_from_the_pilot_date_not_the_first_of_the_month() -> None:
    rule = ir.RULES["RG-PILOT"]
    assert rule.effective == date(2018, 2, 1) == ir.SOURCES["aila-18020500"].date
    pilot = load_rulebook().parameters["regime.pilot_offices"].values[0].start
    assert rule.in_force_from == pilot == date(2018, 2, 5)
    assert not rule.in_force(date(2018, 2, 4))
    assert rule.in_force(date(2018, 2, 5))


def test_without_it_a_rule_is_in_force_from_its_sources_date() -> None:
    rule = ir.RULES["MIA-COUNT"]
    assert rule.in_force_from == rule.effective == date(2013, 3, 14)
    assert not rule.in_force(date(2013, 3, 13))
    assert rule.in_force(date(2013, 3, 14))


def test_the_reference_shows_both_dates() -> None:
    text = rules_reference_markdown()
    assert "**Effective:** in force from 2012-05-22 (source dated 2017-05-20)." in text
    assert "**Effective:** in force from 2018-02-05 (source dated 2018-02-01)." in text
    assert "**Effective:** 2013-03-14." in text
