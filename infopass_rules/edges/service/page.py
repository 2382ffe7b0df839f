"""The docket page: one form to upload a firm's two files, and the report it answers with.

The report is shown through the report's own HTML (:func:`~infopass_rules.edges.docket.formats.
html_parts`, what ``docket --format html`` writes), so the page says what the report says: its
order (what to act on first), its "due" ("overdue since ..."), its words ("What to do", "How":
"phone, e-Request, in person"), its notices once, its style. The page adds what only the service
has: the downloads, each case's record form (an extra last column) and the upload form again.

The form is an ordinary ``multipart/form-data`` POST and the answer is a whole page, so it works
with scripts off, behind any proxy, in any browser a firm has; the report's one script only sorts
the table by a heading, and the page allows it by its hash (:func:`document_headers`), no other.
The CSV and the calendar are ``data:`` links inside the page (the service keeps nothing, so
there is nothing to fetch later), and each case's escalation record is a small form that posts
the case back to ``/record``.

Every text that came from a file or from the library is escaped (:func:`html.escape`, quotes
included) before it is written, and the page forbids frames and foreign resources by its
Content-Security-Policy (:data:`PAGE_HEADERS`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from infopass_rules.errors import InfopassRulesError

if TYPE_CHECKING:
    from infopass_rules.edges.docket.model import Docket, DocketReport

__all__ = [
    "PAGE_HEADERS",
    "document_headers",
    "error_page",
    "report_page",
    "upload_page",
]

#: Headers of every page: no script (but by :func:`document_headers`), no frame, no resource
#: from elsewhere.
PAGE_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def document_headers(text: str) -> dict[str, str]:
    """The headers of a page the library renders (the report's HTML, a record): the page's
    policy, with each inline script it holds allowed by its hash and no other script."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _SCRIPT.findall(text)
    )
    policy = PAGE_HEADERS["Content-Security-Policy"]
    if hashes:
        policy += f"; script-src {hashes}"
    return {**PAGE_HEADERS, "Content-Security-Policy": policy}


# What the service's pages add to the report's stylesheet: the upload form, the buttons, the
# downloads, a problem; printed, only the report is left.
_FORM_STYLE = """
form.upload { display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem;
  align-items: center; max-width: 50rem; }
form.upload .wide { grid-column: 1 / 3; }
label { font-weight: 600; }
.hint { color: #555; font-size: .85rem; font-weight: 400; }
button, .button { font: inherit; padding: .3rem .7rem; border: 1px solid #444; border-radius: 4px;
  background: #f3f3f3; color: #111; text-decoration: none; cursor: pointer; }
.downloads { margin: .8rem 0; }
.downloads .button { margin-right: .5rem; }
td.extra { white-space: nowrap; }
td.extra form { margin: 0; }
.problem { background: #fde2e2; border-left: 4px solid #b00020; padding: .6rem 1rem; }
@media print { form.upload, .downloads, .extra, .again { display: none; } }
"""


def _e(value: object) -> str:
    """Any value as escaped HTML text (None as nothing, lists joined by commas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return html.escape(", ".join(str(v) for v in value), quote=True)
    return html.escape(str(value), quote=True)


def _page(title: str, body: str, *, script: str = "") -> str:
    """A whole page in the report's style (:data:`~.formats.HTML_STYLE`) and the form's."""
    from infopass_rules.edges.docket.formats import HTML_STYLE

    tail = f"<script>{script}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{HTML_STYLE}{_FORM_STYLE}</style>\n</head>\n"
        f"<body>\n{body}{tail}</body>\n</html>\n"
    )


def _upload_form(as_of: str = "") -> str:
    return f"""
<form class="upload" method="post" action="./" enctype="multipart/form-data">
<label for="cases">Cases <span class="hint">(CSV or JSON Lines)</span></label>
<input id="cases" name="cases" type="file" accept=".csv,.txt,.jsonl,.ndjson,.json" required>
<label for="history">History <span class="hint">(inquiries and appointments; optional)</span>
</label>
<input id="history" name="history" type="file" accept=".csv,.txt,.jsonl,.ndjson,.json">
<label for="as_of">Decide as of <span class="hint">(empty: today)</span></label>
<input id="as_of" name="as_of" type="date" value="{_e(as_of)}">
<label for="columns">Case columns <span class="hint">(Your column=field, ...)</span></label>
<input id="columns" name="columns" type="text"
 placeholder="A-Number=receipt_number, Field Office=office">
<label for="history_columns">History columns <span class="hint">(optional)</span></label>
<input id="history_columns" name="history_columns" type="text" placeholder="Date=on, How=channel">
<label for="date_format">Date format <span class="hint">(empty: YYYY-MM-DD)</span></label>
<select id="date_format" name="date_format">
<option value="">YYYY-MM-DD</option><option value="us">MM/DD/YYYY (us)</option>
<option value="%d/%m/%Y">DD/MM/YYYY</option></select>
<label for="attorneys">Attorneys <span class="hint">(A, B: for the calendar; optional)</span>
</label>
<input id="attorneys" name="attorneys" type="text" placeholder="Ana Diaz, Ben Cho">
<div class="wide"><button id="decide" type="submit">Decide the docket</button></div>
</form>"""


def upload_page() -> str:
    """The page as first shown: the upload form and what it does."""
    body = (
        "<h1>Docket: the next allowed action for each case</h1>"
        "<p>Upload the firm's case list and its history of inquiries and appointments. The "
        "service decides every case and keeps nothing: the files are read, decided and "
        "forgotten.</p>" + _upload_form()
    )
    return _page("infopass_rules: docket", body)


def error_page(exc: InfopassRulesError) -> str:
    """The page when the upload could not be read: the problem, then the form again."""
    parts = [f"<p><strong>{_e(exc)}</strong></p>"]
    for e in exc.errors[1:20]:
        parts.append(f"<p>{_e(e)}</p>")
    body = (
        "<h1>The docket could not be read</h1>"
        f'<div class="problem" role="alert">{"".join(parts)}</div>'
        "<h2>Try again</h2>" + _upload_form()
    )
    return _page("infopass_rules: the docket could not be read", body)


def _data_link(data: bytes, media: str, filename: str, label: str, element_id: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="button" id="{element_id}" download="{_e(filename)}" '
        f'href="data:{media};base64,{encoded}">{_e(label)}</a>'
    )


def _record_forms(docket: Docket | None, as_of: str) -> dict[str, str]:
    """Each case's record form, by receipt number: the case and its history as JSON, posted
    back to /record (the service keeps nothing, so the page carries them)."""
    if docket is None:
        return {}
    from infopass_rules.edges.json import dump_history, to_jsonable

    forms = {}
    for case in docket.cases:
        document = {
            "case": to_jsonable(case),
            "history": dump_history(docket.history.get(case.receipt_number, ())),
            "as_of": as_of,
        }
        value = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        forms[case.receipt_number] = (
            '<form method="post" action="record?format=html" target="_blank">'
            f'<input type="hidden" name="case_file" value="{_e(value)}">'
            f'<button type="submit" aria-label="Open the record of {_e(case.receipt_number)}">'
            "Open the record</button></form>"
        )
    return forms


def _normalised(number: object) -> str | None:
    from infopass_rules.facts import validate as v

    try:
        return v.receipt_number(number)
    except InfopassRulesError:
        return None


def report_page(
    report: DocketReport,
    *,
    docket: Docket | None = None,
    calendar: bytes | None = None,
    csv_text: str | None = None,
) -> str:
    """The report as a page: the report's own HTML (its heading, counts and notices, then its
    table in the order to act on, see :meth:`~.model.DocketReport.ordered_rows`), with the
    downloads above the table, each case's record form in a last column, and the upload form
    again below. Served with :func:`document_headers` (the report's sorting script by hash)."""
    from infopass_rules.edges.docket.formats import HTML_SCRIPT, html_parts

    as_of = report.as_of.isoformat()
    forms = _record_forms(docket, as_of)

    def record(row: Mapping[str, object]) -> str:
        if row.get("error") is not None:
            return ""
        return forms.get(_normalised(row.get("receipt_number")) or "", "")

    parts = html_parts(report, extra=("Record", record) if forms else None)
    downloads = []
    if csv_text is not None:
        downloads.append(
            _data_link(
                csv_text.encode("utf-8"),
                "text/csv",
                f"docket-{as_of}.csv",
                "Download CSV",
                "download-csv",
            )
        )
    if calendar is not None:
        downloads.append(
            _data_link(
                calendar,
                "text/calendar",
                f"docket-{as_of}.ics",
                "Download calendar",
                "download-ics",
            )
        )
    body = (
        parts.top
        + (f'<p class="downloads">{" ".join(downloads)}</p>\n' if downloads else "")
        + parts.table
        + parts.bottom
        + '<section class="again"><h2>Another docket</h2>'
        + _upload_form(as_of)
        + "</section>\n"
        + parts.footer
    )
    return _page(f"Docket report as of {as_of}", body, script=HTML_SCRIPT)
