"""The docket page: one form to upload a firm's two files, and the report it answers with.

Plain HTML, no script: the form is an ordinary ``multipart/form-data`` POST and the answer is a
whole page, so it works with scripts off, behind any proxy, in any browser a firm has. The report
lists what can be done today first (the allowed actions, the longest overdue first), then what
waits (the soonest first), then the cases needing nothing, then the rows in error. The CSV and the
calendar are ``data:`` links inside the page (the service keeps nothing, so there is nothing to
fetch later), and each case's escalation record is a small form that posts the case back to
``/record``.

Every text that came from a file or from the library is escaped (:func:`html.escape`, quotes
included) before it is written, and the page forbids scripts, frames and foreign resources by its
Content-Security-Policy (:data:`PAGE_HEADERS`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from infopass_rules.errors import InfopassRulesError

if TYPE_CHECKING:
    from infopass_rules.edges.docket.model import Docket, DocketReport

__all__ = [
    "PAGE_HEADERS",
    "document_headers",
    "error_page",
    "report_page",
    "sort_rows",
    "upload_page",
]

#: Headers of every page: no script, no frame, no resource from elsewhere.
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


_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:110rem;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem}
form.upload{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;align-items:center;
max-width:50rem}
form.upload .wide{grid-column:1/3}
label{font-weight:600}.hint{color:#555;font-size:.85rem;font-weight:400}
button,.button{font:inherit;padding:.35rem .8rem;border:1px solid #444;border-radius:4px;
background:#f3f3f3;color:#111;text-decoration:none;cursor:pointer}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eee;position:sticky;top:0}
td.due,td.nowrap{white-space:nowrap}td.what,td.why{min-width:15rem}.scroll{overflow-x:auto}
tr.overdue td.due{background:#fde2e2}tr.today td.due{background:#fff4c2}
tr.waiting td.due{background:#e6f0ff}tr.error td{background:#f7e6e6}
.counts span{display:inline-block;margin-right:1rem}
.notice{background:#fff8dc;border-left:4px solid #d4a000;padding:.4rem .8rem}
.problem{background:#fde2e2;border-left:4px solid #b00020;padding:.6rem 1rem}
td form{margin:0}
@media print{form.upload,.downloads,td.record{display:none}}
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


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n"
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


_DUE_ORDER = {"overdue": 0, "today": 0, "waiting": 1, "nothing": 2}


def _bucket(row: Mapping[str, Any]) -> int:
    if row.get("error"):
        return 3
    due = row.get("due")
    if isinstance(due, str) and due in _DUE_ORDER:
        return _DUE_ORDER[due]
    if row.get("action") in (None, "NONE"):
        return 2
    return 0 if row.get("allowed") else 1


def sort_rows(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Today's work first: the allowed actions by ``earliest`` ascending (the longest overdue
    first), then what waits (the soonest first), then nothing to do, then errors; the input's
    order within a tie."""
    return sorted(rows, key=lambda r: (_bucket(r), r.get("earliest") or "9999-12-31"))


def _due(row: Mapping[str, Any], as_of: str) -> str:
    due = row.get("due")
    if isinstance(due, str) and due:
        return due
    if row.get("error"):
        return "error"
    if row.get("action") in (None, "NONE"):
        return "nothing"
    if row.get("allowed"):
        return "today" if row.get("earliest") == as_of else "overdue"
    return "waiting"


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
            f'<button type="submit" aria-label="Record of {_e(case.receipt_number)}">'
            "Record</button></form>"
        )
    return forms


def _normalised(number: object) -> str | None:
    from infopass_rules.facts import validate as v

    try:
        return v.receipt_number(number)
    except InfopassRulesError:
        return None


_COLUMNS = (
    ("receipt_number", "Receipt number"),
    ("office", "Office"),
    ("action", "Action"),
    ("what_to_do", "What to do"),
    ("earliest", "Earliest"),
    ("channels", "Channels"),
    ("why_not_yet", "Why not yet"),
    ("warnings", "Warnings"),
    ("error", "Error"),
)


_ALWAYS = frozenset({"receipt_number", "office", "action", "earliest"})


def report_page(
    report: DocketReport,
    *,
    docket: Docket | None = None,
    calendar: bytes | None = None,
    csv_text: str | None = None,
) -> str:
    """The report as a page: counts, notices, downloads, the table (see :func:`sort_rows`),
    each case's record form, then the upload form again."""
    as_of = report.as_of.isoformat()
    rows = sort_rows(report.rows())
    from infopass_rules.edges.docket.model import ROW_FIELDS

    # The firm's own columns (client, attorney...): the keys a row has beyond the fixed ones.
    carried = tuple(k for k in (rows[0] if rows else {}) if k not in ROW_FIELDS)
    forms = _record_forms(docket, as_of)
    # A column is shown when some row has something in it (an empty Warnings column is noise).
    shown = [
        (key, label)
        for key, label in _COLUMNS
        if key in _ALWAYS or any(r.get(key) not in (None, "", [], ()) for r in rows)
    ]
    head = "".join(f'<th scope="col">{_e(label)}</th>' for _, label in shown)
    head += "".join(f'<th scope="col">{_e(c)}</th>' for c in carried)
    if forms:
        head += '<th scope="col">Record</th>'
    lines = []
    for row in rows:
        due = _due(row, as_of)
        cells = []
        for key, _ in shown:
            value = row.get(key)
            if key == "earliest":
                cells.append(f'<td class="due">{_e(value)} <small>({_e(due)})</small></td>')
            elif key == "action" and row.get("step"):
                cells.append(f'<td class="nowrap">{_e(value)} {_e(row.get("step"))}</td>')
            elif key == "action" and row.get("level"):
                cells.append(f"<td>{_e(value)} ({_e(row.get('level'))})</td>")
            elif key in ("what_to_do", "why_not_yet"):
                kind = "what" if key == "what_to_do" else "why"
                cells.append(f'<td class="{kind}">{_e(value)}</td>')
            elif key in ("receipt_number", "office"):
                cells.append(f'<td class="nowrap">{_e(value)}</td>')
            else:
                cells.append(f"<td>{_e(value)}</td>")
        cells += [f"<td>{_e(row.get(c))}</td>" for c in carried]
        if forms:
            number = _normalised(row.get("receipt_number"))
            form = forms.get(number or "", "") if not row.get("error") else ""
            cells.append(f'<td class="record">{form}</td>')
        lines.append(f'<tr class="{_e(due)}">' + "".join(cells) + "</tr>")
    counts = "".join(
        f"<span>{_e(action.name)}: {n}</span>" for action, n in report.counts.items() if n
    )
    notices = "".join(
        f'<p class="notice">{_e(n)}</p>' for n in getattr(report, "notices", ()) or ()
    )
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
    summary = (
        f"<p>{len(report.decisions)} cases decided as of <strong>{_e(as_of)}</strong> "
        f"(rule set {_e(report.ruleset_version)}); {len(report.errors)} rows in error.</p>"
    )
    body = (
        f"<h1>Docket as of {_e(as_of)}</h1>{summary}"
        f'<p class="counts">{counts}</p>{notices}'
        + (f'<p class="downloads">{" ".join(downloads)}</p>' if downloads else "")
        + f'<div class="scroll"><table id="report"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(lines)
        + "</tbody></table></div>"
        + "<h2>Another docket</h2>"
        + _upload_form(as_of)
    )
    return _page(f"Docket as of {as_of}", body)
