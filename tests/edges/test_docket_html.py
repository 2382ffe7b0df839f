"""The docket report as one HTML page: self-contained (no resource fetched), the cases in the order
to act on without any script, every text escaped (a firm's cell cannot add markup, an attribute
or a script), printable (print CSS), and sortable once its script runs (checked in headless
Chromium when it is installed)."""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import infopass_rules as ir

AS_OF = dt.date(2019, 2, 25)
EVIL = '<script>alert(1)</script>" onmouseover="alert(2)&amp;'


class Page(html.parser.HTMLParser):
    """The page's tags, table cells and scripts, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[dict[str, str | None]] = []
        self.cells: list[list[str]] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "tr":
            self.cells.append([])
            self.rows.append(dict(attrs))
        if tag in ("td", "th"):
            self.cells[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        elif "td" in self._in or "th" in self._in:
            self.cells[-1][-1] += data


def parsed(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def report_with_clients() -> ir.DocketReport:
    docket = ir.example_docket()
    carried = {c.receipt_number: {"client": f"Client {i}"} for i, c in enumerate(docket.cases)}
    carried["MSC1891000002"] = {"client": EVIL}
    docket = attrs.evolve(docket, carried=carried, carried_columns=("client",))
    return ir.decide_docket(docket, as_of=AS_OF)


def test_the_page_is_one_self_contained_document() -> None:
    text = report_with_clients().render("html")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = parsed(text)
    tags = [t for t, _ in page.tags]
    assert (tags.count("style"), tags.count("script"), tags.count("table")) == (1, 1, 1)
    # Nothing fetched: no link, image, frame, or src/href attribute.
    assert not {"link", "img", "iframe", "object", "embed"} & set(tags)
    assert not [a for _, attrs_ in page.tags for a in attrs_ if a in ("src", "href")]
    assert not re.search(r"url\(|@import|https?://", text.split("<script>")[0])
    assert "@media print" in text
    assert "<title>Docket report as of 2019-02-25</title>" in text


def test_the_rows_are_in_the_order_to_act_on_without_a_script() -> None:
    report = report_with_clients()
    page = parsed(report.render("html"))
    header, *body = page.cells
    assert header == ["Due", "Receipt number", "Office", "client", "What to do", "How"]
    assert len(body) == 40
    expected = [r["receipt_number"] for r in report.ordered_rows()]
    assert [cells[1] for cells in body] == expected
    assert body[0][0] == "overdue since 2018-02-12"
    classes = [r["class"] for r in page.rows[1:]]
    first_waiting = classes.index("waiting")
    assert set(classes[:first_waiting]) == {"overdue", "today"}
    assert classes[:first_waiting][-1] == "today"  # today's last among what is allowed
    assert [r["data-order"] for r in page.rows[1:]] == [str(i) for i in range(40)]
    # The due cell sorts by its group, then its day: sorting by it gives this order back.
    keys = [a["data-sort"] for t, a in page.tags if t == "td" and a.get("class") == "due"]
    assert keys == sorted(keys, key=lambda k: k.split(" ")[0])


def test_every_text_is_escaped() -> None:
    text = report_with_clients().render("html")
    page = parsed(text)
    # The firm's cell is text in its cell, as written: no tag, no attribute came out of it.
    assert [c for cells in page.cells for c in cells if c == EVIL] == [EVIL]
    assert [t for t, _ in page.tags].count("script") == 1
    assert not [a for _, attrs_ in page.tags for a in attrs_ if a.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)&amp;amp;" in text


def test_control_characters_are_shown_not_sent() -> None:
    docket = ir.Docket([ir.example_docket().cases[0]])
    docket = attrs.evolve(
        docket,
        carried={docket.cases[0].receipt_number: {"c": "a\x00b\x1bc\x85d"}},
        carried_columns=("c",),
    )
    text = ir.decide_docket(docket, as_of=AS_OF).render("html")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert "a\\x00b\\x1bc\\x85d" in text


def test_an_error_a_change_and_the_cases_gone_are_shown() -> None:
    text = (
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC1891000001,Atlantis,2017-06-12,2018-12-03\n"
        "MSC1891000002,MIA,2017-06-12,2018-12-03\n"
    )
    today = ir.decide_docket(ir.read_docket(io.StringIO(text)), as_of=AS_OF)
    previous = [
        {
            "receipt_number": "MSC1891000002",
            "action": "INQUIRE",
            "step": 1,
            "level": None,
            "allowed": False,
        },
        {
            "receipt_number": "MSC1891000077",
            "action": "NONE",
            "step": None,
            "level": None,
            "allowed": False,
        },
    ]
    page_text = ir.compare_reports(previous, today).render("html")
    page = parsed(page_text)
    header, first, last = page.cells
    assert header[-1] == "Change"
    assert (first[0], first[-1]) == ("overdue since 2018-12-03", "now allowed")
    assert last[0] == "error"
    assert last[3].startswith("Fix the input: <cases>:2: office:")
    assert "Gone since the previous report" in page_text
    assert "MSC1891000077" in page_text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no headless Chromium")
def test_the_script_makes_each_heading_a_sort_button(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(report_with_clients().render("html"), "utf-8")
    chromium = shutil.which("chromium")
    assert chromium is not None
    try:
        done = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:  # pragma: no cover - a machine too busy to tell
        pytest.skip("Chromium did not answer in time")
    if done.returncode != 0 or "<table" not in done.stdout:  # pragma: no cover
        pytest.skip(f"Chromium could not run here: {done.stderr[-200:]}")
    buttons = re.findall(
        r'<th scope="col"><button type="button">([^<]*)</button></th>', done.stdout
    )
    assert buttons == ["Due", "Receipt number", "Office", "client", "What to do", "How"]


def test_the_parts_are_the_page_and_an_extra_column_is_added_last_unsorted() -> None:
    from infopass_rules.edges.docket.formats import HTML_SCRIPT, HTML_STYLE, html_parts

    report = report_with_clients()
    text = report.render("html")
    parts = html_parts(report)
    # The page is its parts, in order, between its head and its script: one path for both.
    assert (
        f"<style>{HTML_STYLE}</style>\n</head>\n<body>\n"
        f"{parts.top}{parts.table}{parts.bottom}{parts.footer}"
        f"<script>{HTML_SCRIPT}</script>\n</body>"
    ) in text
    extra = html_parts(report, extra=("<Form>", lambda row: f"<i>{row['action']}</i>"))
    assert (extra.top, extra.bottom, extra.footer) == (parts.top, parts.bottom, parts.footer)
    table = parsed(extra.table)
    assert table.cells[0][-1] == "<Form>"  # the heading is text, escaped
    assert '<th scope="col" class="extra" data-nosort="">&lt;Form&gt;</th>' in extra.table
    assert [cells[:-1] for cells in table.cells] == parsed(parts.table).cells
    rows = report.ordered_rows()
    assert [cells[-1] for cells in table.cells[1:]] == [str(r["action"]) for r in rows]
    assert extra.table.count('<td class="extra"><i>') == len(rows)  # the cell as given


def test_days_and_e_request_are_kept_on_one_line_as_the_same_text() -> None:
    report = report_with_clients()
    text = report.render("html")
    page = parsed(text)
    header, *body = page.cells
    how = header.index("How")
    channels = {"CONTACT_CENTER": "phone", "E_REQUEST": "e-Request", "INFOPASS": "in person"}
    words = [
        ", ".join(channels.get(c, c.lower()) for c in r["channels"]) for r in report.ordered_rows()
    ]
    assert [cells[how] for cells in body] == words  # the words as before, the spans being markup
    assert '<span class="nobr">e-Request</span>' in text
    assert 'open since <span class="nobr">2018-02-15</span>' in text
    # no day in a cell's notes is left where the browser may break it at its hyphens
    notes = re.findall(r'<ul class="more">(.*?)</ul>', text)
    assert notes
    assert not [n for n in notes if re.search(r"(?<!>)\d{4}-\d{2}-\d{2}(?!</span>)", n)]


@pytest.mark.parametrize(("length", "breaks"), [(30, 0), (31, 1), (40, 1), (41, 2)])
def test_a_long_run_without_a_space_may_wrap_and_reads_the_same(length: int, breaks: int) -> None:
    docket = ir.Docket([ir.example_docket().cases[0]])
    value = "&<" + "x" * (length - 2)
    docket = attrs.evolve(
        docket,
        carried={docket.cases[0].receipt_number: {"c": f"{value} Ana"}},
        carried_columns=("c",),
    )
    text = ir.decide_docket(docket, as_of=AS_OF).render("html")
    (cell,) = re.findall(r"<td>(&amp;&lt;x*(?:<wbr>x*)*) Ana</td>", text)
    assert cell.count("<wbr>") == breaks  # one every 20 characters, none in a run of 30
    assert parsed(text).cells[1][3] == f"{value} Ana"


def test_every_channel_has_words_for_a_person() -> None:
    from infopass_rules.edges.docket.formats import CHANNEL_WORDS

    assert set(CHANNEL_WORDS) == {c.name for c in ir.Channel}
    assert not [w for w in CHANNEL_WORDS.values() if "_" in w or w.isupper()]
