"""The docket page driven in headless Chromium (Debian's, through Playwright), as a person uses
it: upload the bundled example files, read the report (the report's own HTML: in its order to act
on, fitting a 1400 px window), sort it by a heading, download the CSV and the calendar, open a
case's record; with scripts on and with scripts off.

Marked ``browser`` (slow): CI runs them; without chromium outside CI they are skipped, with the
reason (see conftest.py).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.service.conftest import Server, chromium_path, require

pytestmark = pytest.mark.browser

AS_OF = "2019-02-25"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    require("playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _expected_rows() -> list[dict[str, Any]]:
    """The example's rows in the report's order to act on."""
    import infopass_rules as ir

    report = ir.decide_docket(ir.example_docket(), as_of=_dt.date.fromisoformat(AS_OF))
    rows: list[dict[str, Any]] = report.ordered_rows()
    return rows


def _upload(page: Any, server: Server, files: tuple[Path, Path], *, attorneys: str = "") -> None:
    cases, history = files
    page.goto(server.url + "/")
    page.set_input_files("#cases", str(cases))
    page.set_input_files("#history", str(history))
    page.fill("#as_of", AS_OF)
    if attorneys:
        page.fill("#attorneys", attorneys)
    page.click("#decide")
    page.wait_for_selector("#docket")


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
def test_upload_the_example_and_read_the_report(
    browser: Any, server: Server, example_files: tuple[Path, Path], scripts: bool
) -> None:
    context = browser.new_context(java_script_enabled=scripts, accept_downloads=True)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.set_viewport_size({"width": 1400, "height": 1000})
        _upload(page, server, example_files)
        assert page.title() == f"Docket report as of {AS_OF}"
        expected = _expected_rows()
        rows = page.locator("#docket tbody tr")
        assert rows.count() == len(expected)
        # The report's order, as the report gives it, with or without the script.
        shown = page.locator("#docket tbody tr td.number").all_inner_texts()
        assert shown == [r["receipt_number"] or "" for r in expected]
        assert rows.nth(0).locator("td.due").inner_text() == "overdue since 2018-02-12"
        classes = [rows.nth(i).get_attribute("class") for i in range(rows.count())]
        rank = {"overdue": 0, "today": 0, "waiting": 1, "nothing": 2, "error": 3}
        assert [rank[c] for c in classes] == sorted(rank[c] for c in classes)
        # Every column fits in the window: nothing runs off the right edge.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1400, width
        record = page.locator("#docket thead th.extra")
        assert record.inner_text() == "Record"
        assert record.locator("button").count() == 0  # the record column is not sorted
        buttons = page.locator("#docket thead th button")
        if scripts:
            # every heading of the report a button; the page's own column left as text
            assert buttons.count() == page.locator("#docket thead th").count() - 1
            page.locator("#docket thead th button", has_text="Receipt number").click()
            numbers = page.locator("#docket tbody tr td.number").all_inner_texts()
            assert numbers == sorted(numbers)
        else:
            assert buttons.count() == 0
        assert not errors, errors  # no CSP violation, no failed resource
    finally:
        context.close()


def test_download_the_csv_and_the_calendar(
    browser: Any, server: Server, example_files: tuple[Path, Path], tmp_path: Path
) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        _upload(page, server, example_files, attorneys="Ana Diaz, Ben Cho")
        with page.expect_download() as csv_download:
            page.click("#download-csv")
        csv_path = tmp_path / "docket.csv"
        csv_download.value.save_as(csv_path)
        lines = csv_path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("receipt_number")
        assert csv_download.value.suggested_filename == f"docket-{AS_OF}.csv"
        with page.expect_download() as ics_download:
            page.click("#download-ics")
        ics_path = tmp_path / "docket.ics"
        ics_download.value.save_as(ics_path)
        calendar = ics_path.read_text(encoding="utf-8")
        assert calendar.startswith("BEGIN:VCALENDAR")
        assert "Ana Diaz" in calendar
    finally:
        context.close()


def test_open_a_cases_record(
    browser: Any, server: Server, example_files: tuple[Path, Path], tmp_path: Path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        _upload(page, server, example_files)
        row = page.locator("#docket tbody tr", has=page.locator("td.extra button")).first
        number = row.locator("td.number").inner_text()
        with context.expect_page() as opened:
            row.locator("td.extra button").click()
        record = opened.value
        record.wait_for_load_state()
        text = record.locator("body").inner_text()
        assert number in text
        assert AS_OF in text
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        assert (tmp_path / "page.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        context.close()


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
def test_a_long_cell_wraps_inside_the_window(browser: Any, server: Server, scripts: bool) -> None:
    long = "https://example.invalid/" + "x" * 300
    cases = (
        "receipt_number,office,outside_processing_times_on,Client,Notes\n"
        f"MSC1490012345,MIA,2018-12-03,{'Ana ' * 60},{long}\n"
    ).encode()
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(server.url + "/")
        page.set_input_files(
            "#cases", files=[{"name": "c.csv", "mimeType": "text/csv", "buffer": cases}]
        )
        page.fill("#as_of", AS_OF)
        page.click("#decide")
        page.wait_for_selector("#docket")
        assert page.locator("#docket tbody tr td.number").all_inner_texts() == ["MSC1490012345"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 1400
        assert page.locator("#docket tbody td.extra button").is_visible()
    finally:
        context.close()
