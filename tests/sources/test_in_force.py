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
    # and, of section 7, the long-standing delay inquiry (PT-INQUIRY, like RG-SELF) and the
    # congressional rules, applied from the day USCIS named, not their letter's month.
    differ = {r.id for r in ir.RULES.values() if r.in_force_from != r.effective}
    assert differ == {"RG-SELF", "RG-PILOT", "CC-BRING", "PT-INQUIRY", "CONG-INQUIRY"}


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


def test_pt_inquiry_applies_from_the_start_of_the_encoded_period() -> None:
    rule = ir.RULES["PT-INQUIRY"]
    assert rule.effective == date(2022, 5, 1) == ir.SOURCES["uscis-processing-times-page"].date
    assert rule.in_force_from == ir.RULES["RG-SELF"].in_force_from == date(2012, 5, 22)
    assert rule.in_force(date(2012, 5, 22))
    assert not rule.in_force(date(2012, 5, 21))


def test_pt_inquiry_before_its_source_says_the_practice_was_in_place_as_rg_self_does() -> None:
    # As RG-SELF: the finding names the source's later date; the parameter (six months) applies
    # from the start, so no STALE_SOURCE warning names it; the source, dated after the decision,
    # is among the LATER_SOURCE warning's sources like every later source.
    case = ir.Case("MSC1490012345", "NYC", outside_processing_times_on=date(2015, 1, 2))
    decision = ir.next_action(case, as_of=date(2015, 2, 1))
    (entry,) = [e for e in decision.trace if e.rule_id == "PT-INQUIRY"]
    assert entry.finding.endswith(
        "(the source describing the practice is dated 2022-05-01; it was in place before)"
    )
    (self_entry,) = [e for e in decision.trace if e.rule_id == "RG-SELF"]
    assert "self-scheduling was in place before it" in self_entry.finding
    assert not decision.warnings_of(ir.WarningKind.STALE_SOURCE)
    (later,) = decision.warnings_of(ir.WarningKind.LATER_SOURCE)
    assert "infopass-guide-2017" in later.text
    assert "uscis-processing-times-page" in later.text
    after = ir.next_action(case, as_of=date(2022, 5, 1))
    (entry,) = [e for e in after.trace if e.rule_id == "PT-INQUIRY"]
    assert "in place before" not in entry.finding


def test_cong_inquiry_applies_from_the_day_uscis_named() -> None:
    rule = ir.RULES["CONG-INQUIRY"]
    assert rule.effective == date(2018, 1, 1)
    assert rule.in_force_from == date(2018, 2, 15)
    assert not rule.in_force(date(2018, 2, 14))
    assert rule.in_force(date(2018, 2, 15))


def test_the_reference_shows_both_dates() -> None:
    text = rules_reference_markdown()
    assert "**Effective:** in force from 2012-05-22 (source dated 2022-05-01)." in text
    assert "**Effective:** in force from 2012-05-22 (source dated 2017-05-20)." in text
    assert "**Effective:** in force from 2018-02-05 (source dated 2018-02-01)." in text
    assert "**Effective:** 2013-03-14." in text
