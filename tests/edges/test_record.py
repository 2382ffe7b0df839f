"""The escalation record: every contact with USCIS in date order, what each counted as under which
rule, where the case stands, the sources; rendered as Markdown and as printable HTML, free text
escaped."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

import infopass_rules as ir
from infopass_rules.edges.record import Counted, md_escape
from tests.engine.test_next_action import TABLE, i485
from tests.helpers import MIAMI_RECEIPT, OUTSIDE, D, infopass, miami

DATA = Path(__file__).resolve().parent / "data"
NASTY = "<script>alert(1)</script> | *x*"


def record(case: ir.Case, history: tuple[object, ...], as_of: date) -> ir.Record:
    return ir.escalation_record(case, history, as_of=as_of)  # type: ignore[arg-type]


def counted(rec: ir.Record) -> list[tuple[date, Counted, int | None, str | None]]:
    return [(e.on, e.counted, e.step, e.rule_id) for e in rec.entries]


# --- what each contact counted as -----------------------------------------------------------------


def full_ladder() -> tuple[ir.Case, tuple[object, ...], date]:
    """Three steps (an INFOPASS, a phone call, an appointment held), then the FOD reached."""
    first = OUTSIDE + timedelta(days=1)
    second = first + timedelta(days=61)
    third = second + timedelta(days=31)
    history = (
        infopass(first, level=ir.Level.INFORMATION_OFFICER, reference="IP-1"),
        ir.Inquiry(second, ir.Channel.CONTACT_CENTER, ir.Outcome.SERVICE_REQUEST, reference="SR 7"),
        ir.Appointment(third, "MIA", (MIAMI_RECEIPT,), attorney="A. Reyes"),
        infopass(third + timedelta(days=14), level=ir.Level.FIELD_OFFICE_DIRECTOR,
                 note="The Director said the file is under review."),
    )  # fmt: skip
    return miami(form="I-485", received_on=D(2014, 2, 3)), history, third + timedelta(days=30)


class TestCountedAs:
    @pytest.mark.parametrize("order", ["appointment first", "inquiry first"])
    def test_a_held_appointment_and_the_supervisor_reached_at_it_are_one_counted_visit(
        self, order: str
    ) -> None:
        # The firm records the appointment held on 2017-02-08 and the inquiry made at it (the
        # Supervisor reached, NOTICE-777): one visit, ladder step 1, each row saying so.
        held = ir.Appointment(D(2017, 2, 8), "MIA", (MIAMI_RECEIPT,), attorney="A. Reyes")
        made = infopass(
            D(2017, 2, 8), level=ir.Level.SUPERVISOR, reference="NOTICE-777", note="Wait."
        )
        history = (held, made) if order == "appointment first" else (made, held)
        rec = record(miami(), history, D(2017, 2, 20))
        assert rec.decision.ladder_steps == (D(2017, 2, 8),)
        assert counted(rec) == [
            (D(2017, 2, 8), Counted.STEP, 1, "MIA-ELIGIBLE"),
            (D(2017, 2, 8), Counted.STEP, 1, "MIA-ELIGIBLE"),
        ]
        assert [e.counted_as for e in rec.entries] == [
            "Ladder step 1 (MIA-ELIGIBLE)",
            "Ladder step 1 (MIA-ELIGIBLE) (the same visit)",
        ]
        supervisor = next(e for e in rec.entries if e.level is ir.Level.SUPERVISOR)
        assert (supervisor.reference, supervisor.note) == ("NOTICE-777", "Wait.")

    def test_a_visit_the_day_before_or_after_is_another_visit(self) -> None:
        held = ir.Appointment(D(2017, 2, 8), "MIA", (MIAMI_RECEIPT,))
        for day in (D(2017, 2, 7), D(2017, 2, 9)):
            history = (held, infopass(day, level=ir.Level.SUPERVISOR))
            rec = record(miami(), history, D(2017, 2, 20))
            assert [e.counted for e in rec.entries].count(Counted.STEP) == 1
            assert not any("(the same visit)" in e.counted_as for e in rec.entries)

    def test_a_full_ladder_then_the_fod_reached(self) -> None:
        case, history, as_of = full_ladder()
        rec = record(case, history, as_of)
        assert rec.decision.action is ir.Action.EXHAUSTED
        days = [e.on for e in rec.entries]
        assert days == sorted(days)
        assert counted(rec) == [
            (days[0], Counted.STEP, 1, "MIA-ELIGIBLE"),
            (days[1], Counted.STEP, 2, "MIA-SECOND"),
            (days[2], Counted.STEP, 3, "MIA-THIRD"),
            (days[3], Counted.AFTER_LAST_STEP, None, "MIA-FOD-LADDER"),
        ]
        assert tuple(days[:3]) == rec.decision.ladder_steps
        texts = [e.counted_as for e in rec.entries]
        assert texts[1] == "Ladder step 2 (MIA-SECOND, counted under MIA-COUNT)"
        assert texts[3] == (
            "After the last step (MIA-FOD-LADDER); the Field Office Director was reached"
        )
        held = rec.entries[2]
        assert (held.appointment, held.channel, held.attorney) == (
            True, ir.Channel.INFOPASS, "A. Reyes"
        )  # fmt: skip
        assert held.channel_text == "In person (INFOPASS appointment)"

    def test_a_premature_inquiry_names_its_warning(self) -> None:
        early = OUTSIDE + timedelta(days=30)
        rec = record(
            miami(),
            (infopass(OUTSIDE), ir.Inquiry(early, ir.Channel.CONTACT_CENTER)),
            OUTSIDE + timedelta(days=40),
        )
        assert counted(rec) == [
            (OUTSIDE, Counted.STEP, 1, "MIA-ELIGIBLE"),
            (early, Counted.PREMATURE, None, "MIA-SECOND"),
        ]
        (warning,) = rec.decision.warnings_of(ir.WarningKind.PREMATURE)
        assert (warning.on, warning.rule_id) == (early, "MIA-SECOND")
        assert rec.entries[1].counted_as == "Premature: not a step (MIA-SECOND; PREMATURE warning)"

    def test_a_letter_is_not_a_step(self) -> None:
        letter = ir.Inquiry(OUTSIDE + timedelta(days=2), ir.Channel.MAIL)
        rec = record(miami(), (letter,), OUTSIDE + timedelta(days=3))
        assert counted(rec) == [(letter.on, Counted.MAIL, None, "MIA-COUNT")]
        assert rec.entries[0].counted_as == "Not a step: a letter is not an inquiry (MIA-COUNT)"
        assert rec.entries[0].channel_text == "Letter (mail)"

    def test_a_phone_inquiry_before_mia_count_is_not_a_step(self) -> None:
        case = miami(outside_processing_times_on=D(2012, 9, 3))
        call = ir.Inquiry(D(2013, 1, 7), ir.Channel.CONTACT_CENTER)
        visit = infopass(D(2013, 3, 14))
        rec = record(case, (visit, call), D(2013, 4, 1))
        assert counted(rec) == [
            (call.on, Counted.NOT_COUNTED_CHANNEL, None, "MIA-COUNT"),
            (visit.on, Counted.STEP, 1, "MIA-ELIGIBLE"),
        ]
        assert rec.entries[0].counted_as == (
            "Not a step: before MIA-COUNT only INFOPASS inquiries counted"
        )

    def test_an_inquiry_recorded_twice(self) -> None:
        visit = infopass(OUTSIDE, reference="A1")
        rec = record(miami(), (visit, visit), OUTSIDE + timedelta(days=5))
        assert counted(rec) == [
            (OUTSIDE, Counted.STEP, 1, "MIA-ELIGIBLE"),
            (OUTSIDE, Counted.DUPLICATE, None, None),
        ]
        assert rec.entries[1].counted_as == "Recorded twice: counted once (DUPLICATE)"

    def test_a_resolved_case_is_not_weighed_against_the_ladder(self) -> None:
        rec = record(
            miami(), (infopass(OUTSIDE, outcome=ir.Outcome.RESOLVED),), OUTSIDE + timedelta(days=3)
        )
        assert rec.entries[0].counted is Counted.NOT_ASSESSED
        assert rec.entries[0].counted_as == "Resolved the case"

    def test_outside_the_district_no_ladder_applies(self) -> None:
        case = ir.Case("EAC1890012345", "BOS", outside_processing_times_on=OUTSIDE)
        rec = record(case, (infopass(OUTSIDE),), OUTSIDE + timedelta(days=3))
        assert rec.entries[0].counted is Counted.NOT_ASSESSED
        assert rec.district is None

    def test_later_inquiries_and_appointments_to_attend_are_set_apart(self) -> None:
        case = miami()
        to_attend = ir.Appointment(OUTSIDE + timedelta(days=9), "MIA", (case.receipt_number,))
        later = infopass(OUTSIDE + timedelta(days=20))
        rec = record(case, (later, to_attend), OUTSIDE + timedelta(days=3))
        assert rec.entries == ()
        assert (rec.upcoming, rec.later) == ((to_attend,), (later,))
        text = rec.to_markdown()
        assert f"Appointment still to attend: {to_attend.on.isoformat()} at MIA." in text
        assert f"Left out, dated after {rec.as_of.isoformat()}" in text


class TestTheCase:
    def test_the_case_and_its_own_date_outside(self) -> None:
        case, history, as_of = full_ladder()
        rec = record(case, history, as_of)
        assert rec.office_name == "Miami FL"
        assert (rec.outside_on, rec.outside_citation) == (OUTSIDE, None)
        assert rec.outside_evidence == "the date recorded on the case by the firm"
        assert rec.district == "Miami District"
        assert (rec.as_of, rec.ruleset_version) == (as_of, ir.RULESET_VERSION)

    def test_outside_by_the_published_processing_times_cites_the_snapshot(self) -> None:
        rec = ir.escalation_record(i485(), (), as_of=D(2020, 2, 1), processing_times=TABLE)
        assert rec.outside_on == D(2020, 1, 10)
        assert rec.outside_evidence == "USCIS's published processing times (the snapshot cited)"
        assert rec.outside_citation is not None
        assert rec.outside_citation.source_id == "uscis-processing-times"
        assert "receipt date for a case inquiry 2019-06-01" in rec.to_markdown()

    def test_errors_are_the_engines(self) -> None:
        with pytest.raises(ir.MissingFact):
            ir.escalation_record(ir.Case("MSC1490012345", "MIA"), (), as_of=D(2015, 1, 1))


# --- rendering ------------------------------------------------------------------------------------


class _Table(HTMLParser):
    """The rows of the contacts table (cell texts), and every element met."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.head: list[str] = []
        self._in_contacts = self._in_body = self._in_head = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table" and ("class", "contacts") in attrs:
            self._in_contacts = True
        elif self._in_contacts and tag in ("tbody", "thead"):
            self._in_body, self._in_head = tag == "tbody", tag == "thead"
        elif self._in_contacts and self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_contacts and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_contacts = False
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            (self.rows[-1] if self._in_body else self.head).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def nasty_record() -> ir.Record:
    case, history, as_of = full_ladder()
    letter = ir.Inquiry(
        OUTSIDE + timedelta(days=1), ir.Channel.MAIL, note=NASTY, reference="R|<b>1</b>"
    )
    history = (*history, letter)
    return record(case, history, as_of)


class TestHtml:
    def test_one_row_per_contact_and_free_text_as_text(self) -> None:
        rec = nasty_record()
        parser = _Table()
        parser.feed(rec.to_html())
        assert parser.head == [
            "#", "Date", "Channel", "Officer reached", "Reference", "Outcome", "Note", "Counted as"
        ]  # fmt: skip
        assert len(parser.rows) == len(rec.entries) == 5
        assert [row[1] for row in parser.rows] == [e.on.isoformat() for e in rec.entries]
        letter = next(row for row in parser.rows if row[2] == "Letter (mail)")
        assert (letter[4], letter[6]) == ("R|<b>1</b>", NASTY)  # shown as text
        assert "script" not in parser.tags
        assert "b" not in parser.tags

    def test_self_contained_and_printable(self) -> None:
        page = nasty_record().to_html()
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
        for external in ("<link", "<script", "src=", "@import", "url("):
            assert external not in page
        assert "@page" in page
        assert "break-inside: avoid" in page

    def test_the_sources_with_pinpoints_and_words(self) -> None:
        rec = nasty_record()
        page = rec.to_html()
        for c in rec.decision.citations:
            assert c.pinpoint.replace("'", "&#x27;") in page
        assert ir.SOURCES["miami-procedures-2014-06-19"].citation.replace('"', "&quot;") in page


class TestMarkdown:
    def test_free_text_escaped(self) -> None:
        text = nasty_record().to_markdown()
        assert NASTY not in text
        assert "<script>" not in text
        assert md_escape(NASTY) in text
        assert md_escape(NASTY) == r"\<script\>alert(1)\</script\> \| \*x\*"
        assert md_escape("a\nb_`c`") == r"a<br>b\_\`c\`"

    def test_one_table_row_per_contact(self) -> None:
        rec = nasty_record()
        rows = [line for line in rec.to_markdown().splitlines() if line.startswith("| ")]
        contacts = [r for r in rows if r[2:3].isdigit()]
        assert len(contacts) == len(rec.entries)
        assert all(r.count(" | ") == 7 for r in contacts)  # no separator leaked from a cell

    def test_snapshot(self) -> None:
        case, history, as_of = full_ladder()
        text = record(case, history, as_of).to_markdown()
        text = text.replace(ir.RULESET_VERSION, "RULESET_VERSION")
        expected = (DATA / "record-full-ladder.md").read_text("utf-8")
        assert text == expected


def test_exported_from_the_package_root() -> None:
    assert {"escalation_record", "Record"} <= set(ir.__all__)
    assert ir.Record.__module__ == "infopass_rules.edges.record"


def test_a4_the_history_is_refused_as_next_action_refuses_it() -> None:
    import itertools

    case = miami()
    for history in (None, itertools.repeat(infopass(D(2015, 1, 6))), [1], "inquiries"):
        with pytest.raises(ir.InvalidHistory) as record_error:
            ir.escalation_record(case, history, as_of=D(2015, 2, 1))  # type: ignore[arg-type]
        with pytest.raises(ir.InvalidHistory) as engine_error:
            ir.next_action(case, history, as_of=D(2015, 2, 1))  # type: ignore[arg-type]
        assert str(record_error.value) == str(engine_error.value)


HOSTILE_CATEGORY = "<img src=x onerror=alert(1)>"


def hostile_category_decision() -> ir.Decision:
    """A decision citing a processing-times category read from a file: ``<img onerror>``."""
    from infopass_rules.times.published import PublishedTime
    from infopass_rules.times.table import ProcessingTimes

    entry = PublishedTime(
        form="N-400",
        office="MIA",
        category=HOSTILE_CATEGORY,
        fetched_on=D(2020, 1, 1),
        published_on=D(2019, 12, 1),
        case_inquiry_date=D(2019, 1, 1),
        upper=None,
        lower=None,
        suppressed=False,
        origin="test",
    )
    case = ir.Case(
        MIAMI_RECEIPT, "MIA", form="N-400", category=HOSTILE_CATEGORY, received_on=D(2018, 5, 1)
    )
    return ir.next_action(case, [], as_of=D(2020, 1, 2), processing_times=ProcessingTimes([entry]))


def test_o4_explain_markdown_escapes_what_the_record_escapes() -> None:
    decision = hostile_category_decision()
    assert HOSTILE_CATEGORY in decision.explain("text")  # plain text keeps it as it is
    markdown = decision.explain("markdown")
    assert "<img" not in markdown.replace("\\<img", "")
    assert md_escape(HOSTILE_CATEGORY) in markdown
