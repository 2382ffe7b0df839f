"""The escalation record addressed to its recipient (``escalation_record(..., to=...)``, CLI
``record --to``): the Field Office Director (the default, today's record), the CIS Ombudsman
(OMB-CASE-ASSIST: past the case inquiry date, the USCIS contact 60 to 90 days before with its
SRMT number) or a member of Congress (CONG-INQUIRY: the privacy release). Requests already made
to the Ombudsman or to Congress are listed as such, never as contacts with USCIS or steps. In
Markdown and in HTML."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.cli import main
from infopass_rules.edges.json import dumps
from infopass_rules.edges.record import Counted
from tests.edges.test_record import _Table, full_ladder

D = date
RECEIPT = "EAC1890012345"
CONTACT = ir.Inquiry(D(2025, 6, 2), ir.Channel.CONTACT_CENTER, reference="SRMT-2025-77")
ASKED = ir.Inquiry(D(2025, 4, 1), ir.Channel.OMBUDSMAN, reference="OMB <1>", note="sent | *x*")
CONGRESS = ir.Inquiry(D(2025, 5, 1), ir.Channel.CONGRESS, reference="Rep. office #9")


def case(**kw: object) -> ir.Case:
    return ir.Case(RECEIPT, "BOS", outside_processing_times_on=D(2025, 1, 2), **kw)  # type: ignore[arg-type]


AS_OF = D(2025, 8, 10)


def record(to: str, history: tuple[object, ...], as_of: date = AS_OF) -> ir.Record:
    return ir.escalation_record(case(), history, as_of=as_of, to=to)  # type: ignore[arg-type]


class TestAddressed:
    def test_the_default_is_today_s_record_for_the_field_office_director(self) -> None:
        c, history, as_of = full_ladder()
        default = ir.escalation_record(c, history, as_of=as_of)  # type: ignore[arg-type]
        fod = ir.escalation_record(c, history, as_of=as_of, to="fod")  # type: ignore[arg-type]
        assert default == fod
        assert (default.to, default.asks, default.remedy, default.requests) == ("fod", (), None, ())
        assert default.title == "Record of contacts with USCIS: MSC1490012345"
        assert default.citations == default.decision.citations

    def test_to_the_ombudsman_what_its_rule_asks_for(self) -> None:
        rec = record("ombudsman", (CONTACT,))
        assert rec.title == f"Record of contacts with USCIS: {RECEIPT}, for the CIS Ombudsman"
        asks = dict(rec.asks)
        assert asks["Past the case's USCIS case inquiry date (PT-INQUIRY)"].startswith(
            "yes: outside normal processing times from 2025-01-02"
        )
        assert asks["Latest contact with USCIS, 60 to 90 days before (OMB-CASE-ASSIST)"] == (
            "2025-06-02 (Contact Center), 69 days before 2025-08-10; reference SRMT-2025-77"
        )
        assert asks["The request (OMB-CASE-ASSIST)"].startswith("open: ")
        assert rec.remedy is not None
        assert (rec.remedy.rule_id, rec.remedy.allowed) == ("OMB-CASE-ASSIST", True)

    def test_to_the_ombudsman_a_contact_without_its_number_is_said(self) -> None:
        bare = ir.Inquiry(D(2025, 6, 2), ir.Channel.E_REQUEST)
        asks = dict(record("ombudsman", (bare,)).asks)
        assert asks["Latest contact with USCIS, 60 to 90 days before (OMB-CASE-ASSIST)"].endswith(
            "no reference recorded: give its service-request (SRMT) number"
        )

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [
            (D(2025, 8, 1), "not open before 2025-08-02: "),  # 60 days: not yet (day count)
            (D(2025, 8, 2), "open: "),
            (D(2025, 8, 31), "open: "),  # 90 days
            (D(2025, 9, 1), "not open: "),  # 91 days: lapsed
        ],
    )
    def test_to_the_ombudsman_the_request_as_it_stands(self, as_of: date, state: str) -> None:
        rec = record("ombudsman", (CONTACT,), as_of)
        assert dict(rec.asks)["The request (OMB-CASE-ASSIST)"].startswith(state)
        # Cited in the record whether or not the decision lists the remedy.
        assert "OMB-CASE-ASSIST" in {c.rule_id for c in rec.citations}
        assert "ombudsman-case-assistance" in dict(rec.source_citations)

    def test_to_the_ombudsman_with_no_contact_with_uscis(self) -> None:
        rec = record("ombudsman", (ir.Inquiry(D(2025, 6, 2), ir.Channel.MAIL),))
        asks = dict(rec.asks)
        assert asks["Latest contact with USCIS, 60 to 90 days before (OMB-CASE-ASSIST)"] == (
            "none recorded (a letter is no contact): contact USCIS first"
        )

    @pytest.mark.parametrize(
        ("outside", "past"),
        [(D(2025, 8, 10), "yes: "), (D(2025, 8, 11), "not yet: ")],
    )
    def test_to_the_ombudsman_past_the_case_inquiry_date(self, outside: date, past: str) -> None:
        c = ir.Case(RECEIPT, "BOS", outside_processing_times_on=outside)
        rec = ir.escalation_record(c, [CONTACT], as_of=D(2025, 8, 10), to="ombudsman")
        assert dict(rec.asks)["Past the case's USCIS case inquiry date (PT-INQUIRY)"].startswith(
            past
        )

    def test_to_congress_the_privacy_release(self) -> None:
        rec = record("congress", (CONTACT,))
        assert rec.title.endswith(", for a member of Congress")
        asks = dict(rec.asks)
        # the privacy release as a checklist, an item each, in the notice's order
        checklist = [(what, how) for what, how in rec.asks if "privacy release" in what]
        assert checklist == [
            (
                "The applicant's privacy release: signature (CONG-INQUIRY)",
                "signed by hand and notarized or under penalty of perjury (no digital signature)",
            ),
            (
                "The applicant's privacy release: recipient (CONG-INQUIRY)",
                "naming that congressional office alone as recipient",
            ),
            (
                "The applicant's privacy release: translation (CONG-INQUIRY)",
                "with a certified translation of any text not in English",
            ),
        ]
        assert asks["The request (CONG-INQUIRY)"].startswith("open: a first congressional inquiry")
        assert "congress-privacy-release-2018" in dict(rec.source_citations)

    def test_to_congress_a_follow_up_after_30_days(self) -> None:
        rec = record("congress", (CONTACT, CONGRESS), D(2025, 5, 31))
        asks = dict(rec.asks)
        assert asks["A follow-up (CONG-INQUIRY)"] == (
            "the previous congressional inquiry is recorded closed on 2025-05-01: a newly "
            "signed release, 30 days after"
        )
        assert asks["The request (CONG-INQUIRY)"].startswith("not open before 2025-06-01: ")

    @pytest.mark.parametrize("to", ["FOD", "court", "", None, 3])
    def test_an_unknown_recipient_is_refused(self, to: object) -> None:
        with pytest.raises(ir.InvalidValue, match="to: is not a recipient") as raised:
            record(to, (CONTACT,))  # type: ignore[arg-type]
        assert raised.value.expected == "'fod', 'ombudsman' or 'congress'"


class TestRequestsListedAsSuch:
    def test_never_contacts_with_uscis_nor_steps(self) -> None:
        rec = record("fod", (CONTACT, ASKED, CONGRESS))
        assert [e.on for e in rec.entries] == [CONTACT.on]  # the contacts with USCIS alone
        assert [(e.on, e.counted, e.rule_id) for e in rec.requests] == [
            (D(2025, 4, 1), Counted.NOT_TO_USCIS, "OMB-CASE-ASSIST"),
            (D(2025, 5, 1), Counted.NOT_TO_USCIS, "CONG-INQUIRY"),
        ]
        assert rec.requests[0].channel_text == "CIS Ombudsman (case-assistance request)"
        assert rec.requests[1].channel_text == "Congress (congressional inquiry)"

    def test_in_a_district_they_are_no_ladder_step(self) -> None:
        miami = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=D(2025, 1, 2))
        rec = ir.escalation_record(miami, [ASKED, CONGRESS], as_of=D(2025, 6, 1))
        assert rec.entries == ()
        assert rec.decision.step == 1
        assert len(rec.requests) == 2

    def test_markdown(self) -> None:
        text = record("ombudsman", (CONTACT, ASKED, CONGRESS)).to_markdown()
        assert text.startswith(
            f"# Record of contacts with USCIS: {RECEIPT}, for the CIS Ombudsman\n"
        )
        assert "## Requests beyond USCIS" in text
        assert r"| 1 | 2025-04-01 | CIS Ombudsman (case-assistance request) | OMB \<1\> |" in text
        assert r"sent \| \*x\*" in text  # free text escaped
        assert "## What the CIS Ombudsman asks for" in text
        assert "- **Latest contact with USCIS, 60 to 90 days before (OMB-CASE-ASSIST)**: " in text
        assert "Remedy beyond the procedures, OMB-CASE-ASSIST" in text
        assert "**OMB-CASE-ASSIST**: CIS Ombudsman case assistance for a delayed case" in text
        contacts = text.split("## Contacts with USCIS")[1].split("## Requests")[0]
        assert "2025-04-01" not in contacts  # never among the contacts with USCIS

    def test_html(self) -> None:
        page = record("congress", (CONTACT, ASKED, CONGRESS)).to_html()
        assert f"<title>Record of contacts with USCIS: {RECEIPT}, for a member of Congress" in page
        assert "<h2>Requests beyond USCIS</h2>" in page
        assert "<h2>What a member of Congress asks for</h2>" in page
        assert "OMB &lt;1&gt;" in page
        assert "<script" not in page
        assert page.count('class="counted-not_to_uscis"') == 2
        table = _Table()
        table.feed(page)
        assert "The applicant&#x27;s privacy release" in page or "privacy release" in page
        assert "<h3>CONG-INQUIRY: A congressional inquiry, with the applicant" in page


def test_the_command_line_addresses_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    data = json.loads(dumps({"case": case(), "history": [CONTACT, ASKED]}))  # type: ignore[arg-type]
    history = [{"kind": "inquiry", **item} for item in data["history"]]
    path.write_text(json.dumps({**data, "history": history, "as_of": "2025-08-10"}), "utf-8")
    assert main(["record", str(path), "--to", "ombudsman"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Record of contacts with USCIS: {RECEIPT}, for the CIS Ombudsman\n")
    assert "## What the CIS Ombudsman asks for" in out
    assert main(["record", str(path), "--to", "congress", "--format", "html"]) == 0
    assert "<h2>What a member of Congress asks for</h2>" in capsys.readouterr().out
    assert main(["record", str(path)]) == 0
    assert "## What " not in capsys.readouterr().out  # the default: the record for the FOD
    assert main(["record", str(path), "--to", "court"]) == 2
    assert "argument --to: invalid choice: 'court'" in capsys.readouterr().err


def test_to_the_ombudsman_for_a_case_that_is_no_delay() -> None:
    # An appointment issue: no day outside processing times, and the encoded conditions are a
    # delay's; the record says both rather than guess.
    c = ir.Case(RECEIPT, "BOS", issue=ir.Issue.PROOF_OF_STATUS)
    rec = ir.escalation_record(c, [CONTACT], as_of=AS_OF, to="ombudsman")
    asks = dict(rec.asks)
    assert asks["Past the case's USCIS case inquiry date (PT-INQUIRY)"] == "not established"
    assert asks["The request (OMB-CASE-ASSIST)"].startswith("not open: ")
    assert "not a delay" in asks["The request (OMB-CASE-ASSIST)"]
