"""A remedy in a report row's few words (``remedies`` column): open since its day, not yet open
from a day to come, or not open with no day to tell, which must never read as a promise; and the
remedies listed under the terminal table and the Markdown, where rows have no such column."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.edges.docket.formats import REMEDIES_HEADING
from infopass_rules.edges.docket.model import remedy_text

OMB = "CIS Ombudsman case-assistance request"


@pytest.mark.parametrize(
    ("earliest", "allowed", "text"),
    [
        (dt.date(2026, 12, 5), True, f"{OMB} (OMB-CASE-ASSIST): open since 2026-12-05"),
        (dt.date(2027, 1, 4), False, f"{OMB} (OMB-CASE-ASSIST): not yet open, from 2027-01-04"),
        (None, False, f"{OMB} (OMB-CASE-ASSIST): not open, no day yet"),
    ],
)
def test_the_words_of_each_state(earliest: dt.date | None, allowed: bool, text: str) -> None:
    remedy = ir.Remedy("OMB-CASE-ASSIST", OMB, earliest, allowed, "why")
    assert remedy_text(remedy) == text


#: A delayed case at an office of no district, outside normal processing times since 2024.
DELAYED = ir.Case(
    "IOE0912012018",
    "LOS",
    ir.Issue.CASE_DELAY,
    form="I-485",
    received_on=dt.date(2022, 8, 15),
    outside_processing_times_on=dt.date(2024, 1, 2),
)
#: Its route ended: the Tier 2 Supervisor reached on 2026-05-04, the last contact with USCIS.
ENDED = (
    ir.Inquiry(dt.date(2026, 3, 2), ir.Channel.CONTACT_CENTER, level=ir.Level.TIER_2),
    ir.Inquiry(dt.date(2026, 5, 4), ir.Channel.CONTACT_CENTER, level=ir.Level.TIER_2_SUPERVISOR),
)
#: The same case not yet outside normal processing times on AS_OF.
NOT_YET = attrs.evolve(
    DELAYED, receipt_number="IOE0912012019", outside_processing_times_on=dt.date(2027, 1, 4)
)
AS_OF = dt.date(2026, 12, 7)


def test_an_ended_route_whose_ombudsman_window_lapsed_promises_no_day() -> None:
    # EXHAUSTED, the last contact with USCIS over 90 days before: the Ombudsman needs a new
    # contact first, so no day can be told.
    decision = ir.next_action(DELAYED, ENDED, as_of=AS_OF)
    assert decision.action is ir.Action.EXHAUSTED
    ombudsman = decision.remedies[0]
    assert (ombudsman.rule_id, ombudsman.earliest, ombudsman.allowed) == (
        "OMB-CASE-ASSIST",
        None,
        False,
    )
    assert remedy_text(ombudsman).endswith("not open, no day yet")
    assert "contact USCIS again first" in ombudsman.reason


def test_the_table_and_markdown_list_the_remedies_under_the_rows() -> None:
    # An ended route's row says "No further step"; the lines under the table say what is left.
    docket = ir.Docket([DELAYED, NOT_YET], {DELAYED.receipt_number: ENDED})
    report = ir.decide_docket(docket, as_of=AS_OF)
    table = report.render("table").splitlines()
    at = table.index(f"{REMEDIES_HEADING}:")
    assert table[at + 1] == (
        f"  IOE0912012018: {OMB} (OMB-CASE-ASSIST): not open, no day yet; "
        "Congressional inquiry (CONG-INQUIRY): open since 2024-01-02"
    )
    assert table[at + 2] == ""  # the case not yet outside has none open: not listed
    markdown = report.render("markdown").splitlines()
    assert f"{REMEDIES_HEADING}:" in markdown
    assert markdown[markdown.index(f"{REMEDIES_HEADING}:") + 1].startswith("- IOE0912012018: ")


def test_no_remedy_listed_no_heading() -> None:
    report = ir.decide_docket(ir.Docket([NOT_YET]), as_of=AS_OF)
    assert REMEDIES_HEADING not in report.render("table")
    assert REMEDIES_HEADING not in report.render("markdown")
