"""The docket page without a browser: it is the report's own HTML (its order, its "due", its
words, its notices), with the service's downloads, each case's record form and the upload form
added; every text escaped; the report's one script allowed by its hash and no other.

The page is built by :func:`~infopass_rules.edges.service.page.report_page` directly here (the
endpoints are tested in test_endpoints.py, the page in a browser in test_page_browser.py).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.edges.docket.formats import HTML_SCRIPT, HTML_STYLE, html_parts
from infopass_rules.edges.service import page
from infopass_rules.facts.text import terminal_safe
from tests.edges.test_docket_html import parsed

AS_OF = dt.date(2019, 2, 25)


def _example() -> tuple[ir.Docket, ir.DocketReport]:
    docket = ir.example_docket()
    carried = {c.receipt_number: {"Client": f"Client {i}"} for i, c in enumerate(docket.cases)}
    docket = attrs.evolve(docket, carried=carried, carried_columns=("Client",))
    return docket, ir.decide_docket(docket, as_of=AS_OF)


def _page_of(docket: ir.Docket, report: ir.DocketReport) -> str:
    return page.report_page(report, docket=docket, calendar=b"BEGIN:VCALENDAR", csv_text="a,b\n")


def _forms(text: str) -> list[dict[str, Any]]:
    """The case file each record form posts, in the page's order."""
    values = re.findall(r'name="case_file" value="([^"]*)"', text)
    return [json.loads(html.unescape(v)) for v in values]


def test_the_page_is_the_reports_own_html_with_a_record_column() -> None:
    docket, report = _example()
    text = _page_of(docket, report)
    own = parsed(report.render("html"))
    shown = parsed(text)
    # The same table, cell for cell, in the same order, with one more column: "Record".
    assert [cells[:-1] for cells in shown.cells] == own.cells
    assert [cells[-1] for cells in shown.cells] == ["Record"] + ["Open the record"] * 40
    assert [r.get("class") for r in shown.rows] == [r.get("class") for r in own.rows]
    # The report's heading, counts in words and notices, once each.
    parts = html_parts(report)
    assert parts.top in text
    assert text.count('<section class="notices">') == (1 if report.notices else 0)
    assert f"<style>{HTML_STYLE}" in text
    assert text.count("<script>") == 1
    assert f"<script>{HTML_SCRIPT}</script>" in text
    assert "<title>Docket report as of 2019-02-25</title>" in text


def test_the_rows_are_in_the_reports_order() -> None:
    docket, report = _example()
    body = parsed(_page_of(docket, report)).cells[1:]
    numbers = [cells[1] for cells in body]
    assert numbers == [r["receipt_number"] for r in report.ordered_rows()]
    # ... which is the order the terminal's table lists them in.
    table = report.render("table")
    assert numbers == sorted(numbers, key=table.index)
    assert body[0][0] == "overdue since 2018-02-12"
    assert body[-1][0] in ("nothing", "error") or body[-1][0].startswith("waiting until")


def test_the_page_speaks_words_not_codes() -> None:
    docket, report = _example()
    cells = " ".join(c for row in parsed(_page_of(docket, report)).cells for c in row)
    for code in ("CONTACT_CENTER", "E_REQUEST", "FIELD_OFFICE_DIRECTOR", "ESCALATE (", "INQUIRE 3"):
        assert code not in cells
    assert "phone" in cells
    assert "in person" in cells


def test_each_record_form_posts_its_own_case() -> None:
    docket, report = _example()
    text = _page_of(docket, report)
    numbers = [cells[1] for cells in parsed(text).cells[1:]]
    forms = _forms(text)
    assert [f["case"]["receipt_number"] for f in forms] == numbers
    assert {f["as_of"] for f in forms} == {"2019-02-25"}
    from infopass_rules.edges.json import dump_history

    for form in forms:
        number = form["case"]["receipt_number"]
        assert form["history"] == dump_history(docket.history.get(number, ()))


def test_a_row_in_error_has_no_record_form() -> None:
    text = (
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC1891000001,Atlantis,2017-06-12,2018-12-03\n"
        "MSC-189-1000002,MIA,2017-06-12,2018-12-03\n"
    )
    docket = ir.read_docket(io.StringIO(text))
    report = ir.decide_docket(docket, as_of=AS_OF)
    shown = parsed(_page_of(docket, report))
    first, last = shown.cells[1:]
    # The case typed with dashes still finds its form; the row in error has none.
    assert (first[0], first[-1]) == ("overdue since 2018-12-03", "Open the record")
    assert (last[0], last[-1]) == ("error", "")


@pytest.mark.parametrize(
    ("day", "due"),
    [
        ("2018-12-02", "waiting until 2018-12-03"),
        ("2018-12-03", "today"),
        ("2018-12-04", "overdue since 2018-12-03"),
    ],
)
def test_due_is_the_reports_the_day_before_of_and_after(day: str, due: str) -> None:
    case = ir.Case(
        receipt_number="MSC1490012345",
        office="MIA",
        received_on=dt.date(2017, 6, 12),
        outside_processing_times_on=dt.date(2018, 12, 3),
    )
    docket = ir.Docket([case])
    report = ir.decide_docket(docket, as_of=dt.date.fromisoformat(day))
    (row,) = parsed(_page_of(docket, report)).cells[1:]
    assert row[0] == due


def test_without_the_docket_there_is_no_record_column() -> None:
    _, report = _example()
    text = page.report_page(report)
    assert parsed(text).cells == parsed(report.render("html")).cells
    assert 'class="downloads"' not in text


def test_the_pages_policy_allows_the_reports_script_only() -> None:
    docket, report = _example()
    text = _page_of(docket, report)
    policy = page.document_headers(text)["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert policy.count("'sha256-") == 1
    assert "script-src 'sha256-" in policy
    assert "unsafe-inline'; script" not in policy


def test_the_page_module_orders_nothing_itself() -> None:
    for name in ("sort_rows", "_bucket", "_due", "_COLUMNS"):
        assert not hasattr(page, name)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_any_text_of_a_file_is_shown_as_written_and_adds_no_markup(client: str) -> None:
    case = ir.example_docket().cases[0]
    docket = attrs.evolve(
        ir.Docket([case]),
        carried={case.receipt_number: {"Client": client}},
        carried_columns=("Client",),
    )
    text = _page_of(docket, ir.decide_docket(docket, as_of=AS_OF))
    shown = parsed(text)
    (row,) = shown.cells[1:]
    assert row[3] == terminal_safe(client)
    assert [t for t, _ in shown.tags].count("script") == 1
    assert [t for t, _ in shown.tags].count("form") == 2  # the record, the upload
    assert not [a for _, attrs_ in shown.tags for a in attrs_ if a.startswith("on")]


# --- the upload form and a problem ---------------------------------------------------------------


def test_the_upload_page_has_no_script_and_the_reports_style() -> None:
    text = page.upload_page()
    assert "<script" not in text
    assert HTML_STYLE in text
    assert 'enctype="multipart/form-data"' in text


def test_the_error_page_says_every_problem_escaped() -> None:
    error = ir.InvalidData("<b>bad</b>", field="cases.csv:1")
    error.errors = (error, ir.InvalidData("<i>worse</i>", field="cases.csv:2"))
    text = page.error_page(error)
    assert "&lt;b&gt;bad&lt;/b&gt;" in text
    assert "&lt;i&gt;worse&lt;/i&gt;" in text
    assert "<b>bad" not in text
    assert page._e(True) == "yes"
    assert page._e(["a", "<b>"]) == "a, &lt;b&gt;"
