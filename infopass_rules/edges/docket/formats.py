"""The docket report's formats: what :meth:`~.model.DocketReport.render` (and ``docket
--format``) writes.

- ``table`` (a terminal) and ``html`` (one self-contained, printable page) are for the person
  who acts on the report: the cases in the order to act on them
  (:meth:`~.model.DocketReport.ordered_rows`: what is allowed first, the longest overdue first
  and today's last among them, then what waits, soonest first, then nothing to do, then the
  cases in error), each as what to do (the decision's headline), when it is due, how (the
  channels in words) and the firm's own columns (the client); then each case's warnings, the
  notices true of the whole report (once), and the counts in words.
- ``markdown``: the same, as a Markdown table (for a memo or an issue).
- ``csv``: every row, every column (:meth:`~.model.DocketReport.to_csv`): lists joined with
  ``"; "``, formula-like cells behind an apostrophe.
- ``json``: ONE document, ``{"as_of", "ruleset_version", "counts", "notices", "rows", ...}``
  (the ``DocketReport`` JSON Schema); ``jsonl``: one row a line (the ``DocketRow`` schema).

Every text is escaped for where it goes: :func:`~infopass_rules.facts.text.terminal_safe` in the
table, :func:`~infopass_rules.facts.text.md_escape` in Markdown, ``html.escape`` (after
``terminal_safe``) in HTML; JSON escapes the C0 controls and, here, the C1 controls, DEL, the
line and paragraph separators and lone surrogates too (``\\u0085``), so a report printed to a
terminal carries no control character raw and is valid UTF-8.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from infopass_rules.errors import InvalidValue
from infopass_rules.facts.enums import Action
from infopass_rules.facts.text import md_escape, terminal_safe
from infopass_rules.rules.trace import WarningKind

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Mapping

    from infopass_rules.rules.trace import Warning

#: A row of the report (:meth:`~.model.DocketReport.rows`).
Row = dict[str, Any]


class RowError(Protocol):
    """What the formats read of a :class:`~.model.RowError`."""

    @property
    def source(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def receipt_number(self) -> str | None: ...


class DocketReport(Protocol):
    """What the formats read of a :class:`~.model.DocketReport` (this module is below the
    model, which renders through it)."""

    @property
    def as_of(self) -> _dt.date: ...
    @property
    def ruleset_version(self) -> str: ...
    @property
    def counts(self) -> Mapping[Action, int]: ...
    @property
    def notices(self) -> tuple[Warning, ...]: ...
    @property
    def changes(self) -> tuple[str | None, ...]: ...
    @property
    def since(self) -> _dt.date | None: ...
    @property
    def previous(self) -> str | None: ...
    @property
    def gone(self) -> tuple[str, ...]: ...
    @property
    def errors_of_no_case(self) -> tuple[RowError, ...]: ...

    def rows(self) -> list[Row]: ...
    def ordered_rows(self) -> list[Row]: ...
    def columns(self) -> tuple[str, ...]: ...
    def carried_keys(self) -> dict[str, str]: ...
    def to_csv_text(self) -> str: ...


__all__ = [
    "ACTION_WORDS",
    "CHANNEL_WORDS",
    "FORMATS",
    "HTML_SCRIPT",
    "HTML_STYLE",
    "ExtraColumn",
    "HtmlParts",
    "html_parts",
    "json_text",
    "render",
    "summary_lines",
]

#: The formats :func:`render` writes.
FORMATS: tuple[str, ...] = ("table", "markdown", "html", "csv", "json", "jsonl")

#: How the counts name each action, in words.
ACTION_WORDS = {
    Action.INQUIRE: "to inquire",
    Action.REQUEST_APPOINTMENT: "to request an appointment",
    Action.ATTEND_APPOINTMENT: "to attend an appointment",
    Action.ESCALATE: "to escalate",
    Action.USE_OTHER_SERVICE: "to use another service",
    Action.EXHAUSTED: "with the procedures exhausted",
    Action.NONE: "with nothing needed",
}
#: The channels as the table and the page name them.
CHANNEL_WORDS = {
    "INFOPASS": "in person",
    "CONTACT_CENTER": "phone",
    "E_REQUEST": "e-Request",
    "MAIL": "mail",
    "OMBUDSMAN": "CIS Ombudsman",
    "CONGRESS": "a member of Congress",
}
_KINDS = frozenset(k.name for k in WarningKind)
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def render(report: DocketReport, format: str) -> str:
    """``report`` as text in ``format`` (one of :data:`FORMATS`).

    Raises:
        InvalidValue: ``format`` is not one of :data:`FORMATS`.
    """
    if format == "csv":
        return report.to_csv_text()
    if format == "json":
        return json_text(_document(report), indent=2) + "\n"
    if format == "jsonl":
        return "".join(json_text(row) + "\n" for row in report.rows())
    if format == "table":
        return _table(report)
    if format == "markdown":
        return _markdown(report)
    if format == "html":
        return _html(report)
    raise InvalidValue(
        "is not a report format", field="format", value=format, expected=" | ".join(FORMATS)
    )


def json_text(value: object, indent: int | None = None) -> str:
    """``value`` as JSON, UTF-8 text kept as written but every control character escaped
    (``\\u001b``, ``\\u0085``): safe on a terminal, valid for any JSON reader."""
    text = json.dumps(
        value,
        ensure_ascii=False,
        indent=indent,
        separators=(",", ": ") if indent is not None else (",", ":"),
    )
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _document(report: DocketReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "ruleset_version": report.ruleset_version,
        "counts": {a.name: report.counts.get(a, 0) for a in Action},
        "notices": [{"kind": w.kind.name, "text": w.text} for w in report.notices],
        "columns": list(report.columns()),
        "rows": report.rows(),
        "errors": [
            {
                "source": e.source,
                "line": e.line,
                "field": e.field,
                "message": e.message,
                "receipt_number": e.receipt_number,
            }
            for e in report.errors_of_no_case
        ],
        "since": report.since.isoformat() if report.since is not None else None,
        "gone": list(report.gone),
    }


# --- what a person reads ----------------------------------------------------------------------


def summary_lines(report: DocketReport, rows: list[Row] | None = None) -> list[str]:
    """The counts in words: the cases by action, by due, by change (when compared), the
    errors; each case counted once."""
    rows = report.rows() if rows is None else rows
    in_error = sum(1 for r in rows if r["error"] is not None)
    by_action = Counter(r["action"] for r in rows if r["error"] is None)
    actions = ", ".join(
        f"{by_action[a.name]} {ACTION_WORDS[a]}" for a in Action if by_action[a.name]
    )
    lines = [
        f"{_cases(len(rows))} as of {report.as_of.isoformat()} (rule set "
        f"{report.ruleset_version}): {actions or 'none decided'}; {in_error} in error."
    ]
    by_due = Counter(r["due"] for r in rows if r["error"] is None)
    due = ", ".join(
        f"{by_due[d]} {d}" for d in ("overdue", "today", "waiting", "nothing") if by_due[d]
    )
    if due:
        lines.append(f"Due: {due}.")
    if report.changes:
        by_change = Counter(r["change"] for r in rows)
        words = ", ".join(
            f"{by_change[c]} {c.replace('_', ' ')}"
            for c in ("new", "now_allowed", "changed", "same")
            if by_change[c]
        )
        against = report.since.isoformat() if report.since else (report.previous or "before")
        lines.append(f"Since {against}: {words or 'no cases'}; {len(report.gone)} gone.")
    loose = report.errors_of_no_case
    if loose:
        lines.append(f"{len(loose)} rows of the input belong to no case (listed above).")
    return lines


def _cases(n: int) -> str:
    return "1 case" if n == 1 else f"{n} cases"


def _due_text(row: Row) -> str:
    if row["error"] is not None:
        return "error"
    due = row["due"]
    if due == "overdue":
        return f"overdue since {row['earliest']}"
    if due == "waiting":
        return f"waiting until {row['earliest']}"
    return str(due)


def _what(row: Row) -> str:
    """What to do, as the person's formats show it: the headline without its "; from D
    (allowed now on D)" tail, which the Due column says already."""
    if row["error"] is not None:
        return f"Fix the input: {row['error']}"
    text = str(row["what_to_do"])
    for tail in ("; from ", "; since "):
        text = text.split(tail, 1)[0]
    return text


def _how(row: Row) -> str:
    return ", ".join(CHANNEL_WORDS.get(c, c) for c in row["channels"])


def _person_columns(report: DocketReport) -> list[tuple[str, str]]:
    """(heading, row key) of the columns a person reads; ``""`` keys are computed cells."""
    columns = [("Due", ""), ("Receipt number", "receipt_number"), ("Office", "office")]
    columns += [(name, key) for name, key in report.carried_keys().items()]
    columns += [("What to do", ""), ("How", "")]
    if report.changes:
        columns.append(("Change", "change"))
    return columns


def _cells(row: Row, columns: list[tuple[str, str]]) -> list[str]:
    cells = []
    for heading, key in columns:
        if key:
            value = row[key]
            text = "" if value is None else str(value)
            cells.append(text.replace("_", " ") if key == "change" else text)
        elif heading == "Due":
            cells.append(_due_text(row))
        elif heading == "What to do":
            cells.append(_what(row))
        else:
            cells.append(_how(row))
    return cells


def _warning_text(warning: str) -> str:
    """A row's warning (``KIND: text``) as a person reads it: the text, its kind's code left
    out."""
    kind, _, text = warning.partition(": ")
    return text if kind in _KINDS else warning


#: The heading of the remedies under the table: each listed once open, on an ended route every
#: one (``Decision.remedies``).
REMEDIES_HEADING = "Beyond the InfoPass procedures (open now; on an ended route, every one)"


def _after_table(report: DocketReport, rows: list[Row]) -> list[str]:
    """The lines under the table: the remedies beyond the InfoPass procedures listed for each
    case (so an ended route's "No further step" is never the last word), each case's own
    warnings, the report's notices, the errors of no case and the cases gone."""
    lines = []
    beyond = [(r["receipt_number"], "; ".join(r["remedies"])) for r in rows if r["remedies"]]
    if beyond:
        lines += ["", f"{REMEDIES_HEADING}:"]
        lines += [f"  {number}: {text}" for number, text in beyond]
    warned = [(r["receipt_number"], _warning_text(w)) for r in rows for w in r["warnings"]]
    if warned:
        lines += ["", "Warnings:"]
        lines += [f"  {number}: {text}" for number, text in warned]
    if report.notices:
        lines += ["", "Notices (true of the whole report):"]
        lines += [f"  {w.text}" for w in report.notices]
    loose = report.errors_of_no_case
    if loose:
        lines += ["", "Rows of no case:"]
        lines += [f"  {e}" for e in loose]
    if report.gone:
        lines += ["", "Gone since the previous report:", "  " + ", ".join(report.gone)]
    return lines


def _table(report: DocketReport) -> str:
    rows = report.ordered_rows()
    columns = _person_columns(report)
    # Every cell as the terminal shows it: an ESC or a line break in a file's cell is written
    # escaped (terminal_safe), never sent to the terminal.
    table = [
        [h for h, _ in columns],
        *([terminal_safe(c) for c in _cells(r, columns)] for r in rows),
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    out = io.StringIO()
    for n, line in enumerate(table):
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")
    for text in _after_table(report, rows):
        out.write(terminal_safe(text) + "\n")
    out.write("\n")
    for text in summary_lines(report, rows):
        out.write(terminal_safe(text) + "\n")
    return out.getvalue()


def _markdown(report: DocketReport) -> str:
    rows = report.ordered_rows()
    columns = _person_columns(report)
    out = io.StringIO()
    out.write("| " + " | ".join(md_escape(h) for h, _ in columns) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(md_escape(c) for c in _cells(row, columns)) + " |\n")
    for line in _after_table(report, rows):
        # A list under each heading: "- item" (a line that is not a table row).
        out.write(f"- {md_escape(line)}\n" if line.startswith("  ") else f"{md_escape(line)}\n")
    out.write("\n")
    for line in summary_lines(report, rows):
        out.write(md_escape(line) + "  \n")
    return out.getvalue()


# --- the page ---------------------------------------------------------------------------------


def _h(text: object) -> str:
    """Text safe in HTML: control characters shown escaped, then ``& < > " '`` as entities."""
    return html.escape(terminal_safe("" if text is None else str(text)), quote=True)


_LONG_RUN = re.compile(r"\S{31,}")


def _hb(text: object) -> str:
    """:func:`_h`, with a break opportunity (``<wbr>``) every 20 characters of a run of more
    than 30 without a space: a long address or code in a firm's cell wraps in its column instead
    of widening the table past the window, while words of ordinary length are never broken (as
    ``overflow-wrap: anywhere`` would, squeezing a short column to "Offi" / "ce")."""
    safe = terminal_safe("" if text is None else str(text))
    out, last = [], 0
    for m in _LONG_RUN.finditer(safe):
        out.append(html.escape(safe[last : m.start()], quote=True))
        run = m.group()
        out.append(
            "<wbr>".join(html.escape(run[i : i + 20], quote=True) for i in range(0, len(run), 20))
        )
        last = m.end()
    out.append(html.escape(safe[last:], quote=True))
    return "".join(out)


#: The report page's stylesheet (screen and print), for a page built of :func:`html_parts`.
HTML_STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem;
  color: #1b1b1b; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.meta { color: #555; margin: 0 0 1rem; }
.summary p { margin: .15rem 0; }
.notices { border-left: 4px solid #b58105; background: #fff8e6; padding: .5rem .9rem;
  margin: 1rem 0; }
.notices ul { margin: .25rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { border-bottom: 1px solid #d8d8d8; padding: .4rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: #f0f2f5; position: sticky; top: 0; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  text-align: left; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.due { white-space: nowrap; font-weight: 600; }
tr.overdue td.due { color: #a4161a; }
tr.today td.due { color: #b35c00; }
tr.waiting td.due { color: #3a5a80; }
tr.nothing td.due { color: #666; font-weight: 400; }
tr.error td { background: #fdecea; }
.nobr { white-space: nowrap; }
td.number { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
.more { color: #555; font-size: .92em; margin: .2rem 0 0; padding-left: 1.1rem; }
.more li { margin: .1rem 0; }
footer { margin-top: 1.5rem; color: #666; font-size: .9em; }
@media print {
  body { margin: 0; font-size: 10pt; color: #000; }
  thead { display: table-header-group; }
  thead th { position: static; background: none; border-bottom: 2px solid #000; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th button { color: #000; }
  th[aria-sort] button::after { content: ""; }
  tr.error td { background: none; }
  .notices { background: none; }
  @page { size: landscape; margin: 12mm; }
}
"""

#: The report page's one script: sorting by a column's header, once scripts run. The page is in
#: the order to act on without it (the server's order), and each row's data-order brings that
#: order back on a tie; a header marked ``data-nosort`` (a page's extra column) stays text.
HTML_SCRIPT = """
(function () {
  var table = document.getElementById("docket");
  if (!table || !table.tHead || !table.tBodies.length) { return; }
  var heads = table.tHead.rows[0].cells;
  function key(row, i) {
    var cell = row.cells[i];
    var k = cell.getAttribute("data-sort");
    return k !== null ? k : cell.textContent.trim().toLowerCase();
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    if (th.hasAttribute("data-nosort")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, i), y = key(b, i);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return (up ? c : -c) || (+a.getAttribute("data-order") - +b.getAttribute("data-order"));
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
"""


class HtmlParts(NamedTuple):
    """The report's page in pieces, each an HTML fragment (every text in it escaped), for a page
    that shows the report among its own content (the service's docket page): ``top`` (the
    heading, the counts in words, the notices), ``table`` (the cases in the order to act on),
    ``bottom`` (the rows of no case, the cases gone) and ``footer``. The page's ``<style>`` is
    :data:`HTML_STYLE` and its one ``<script>`` :data:`HTML_SCRIPT` (it only sorts: without it the
    table is already in the order to act on)."""

    top: str
    table: str
    bottom: str
    footer: str


#: A column a page adds to the report's table: its heading (text, escaped here) and, for each
#: row, the cell's content as HTML (the caller escapes what it puts in it). The column gets
#: ``class="extra"`` and is not made sortable.
ExtraColumn = tuple[str, Callable[[Row], str]]


def html_parts(report: DocketReport, *, extra: ExtraColumn | None = None) -> HtmlParts:
    """The report's HTML as fragments (see :class:`HtmlParts`): what ``render("html")`` writes
    between ``<body>`` and its script, so a page built from them says what the report says, in
    its order and its words. ``extra`` adds a last column (e.g. a form for each case)."""
    rows = report.ordered_rows()
    columns = _person_columns(report)
    day = report.as_of.isoformat()
    out = io.StringIO()
    w = out.write
    w(f"<header><h1>Docket report as of {_h(day)}</h1>\n")
    w(
        f'<p class="meta">{_h(_cases(len(rows)))}, in the order to act on them: what is due '
        "(the longest overdue first), then what waits (the soonest first), then nothing to do, "
        f"then errors. Rule set {_h(report.ruleset_version)}.</p></header>\n"
    )
    w('<section class="summary">')
    for line in summary_lines(report, rows):
        w(f"<p>{_h(line)}</p>")
    w("</section>\n")
    if report.notices:
        w('<section class="notices"><h2>Notices (true of the whole report)</h2><ul>')
        for notice in report.notices:
            w(f"<li>{_h(notice.text)}</li>")
        w("</ul></section>\n")
    top = out.getvalue()
    out = io.StringIO()
    w = out.write
    w('<table id="docket">\n<thead><tr>')
    for heading, _ in columns:
        w(f'<th scope="col">{_h(heading)}</th>')
    if extra is not None:
        w(f'<th scope="col" class="extra" data-nosort="">{_h(extra[0])}</th>')
    w("</tr></thead>\n<tbody>\n")
    group = {"overdue": 0, "today": 1, "waiting": 2, "nothing": 3}
    for order, row in enumerate(rows):
        state = "error" if row["error"] is not None else str(row["due"])
        w(f'<tr class="{state}" data-order="{order}">')
        for (heading, key), cell in zip(columns, _cells(row, columns), strict=True):
            if heading == "Due":
                sort = f"{group.get(state, 4)} {row['earliest'] or ''}"
                w(f'<td class="due" data-sort="{_h(sort)}">{_h(cell)}</td>')
            elif heading == "What to do":
                w(f"<td>{_hb(cell)}{_details(row)}</td>")
            elif key == "receipt_number":
                w(f'<td class="number">{_h(cell)}</td>')
            elif heading == "How":
                w(f"<td>{_unbroken(_h(cell))}</td>")
            else:
                w(f"<td>{_hb(cell)}</td>")
        if extra is not None:
            w(f'<td class="extra">{extra[1](row)}</td>')
        w("</tr>\n")
    w("</tbody>\n</table>\n")
    table = out.getvalue()
    out = io.StringIO()
    w = out.write
    loose = report.errors_of_no_case
    if loose:
        w("<h2>Rows of no case</h2><ul>")
        for e in loose:
            w(f"<li>{_h(e)}</li>")
        w("</ul>\n")
    if report.gone:
        w(f"<h2>Gone since the previous report</h2><p>{_h(', '.join(report.gone))}</p>\n")
    footer = (
        f"<footer>Decided as of {_h(day)} by infopass_rules, rule set "
        f"{_h(report.ruleset_version)}.</footer>\n"
    )
    return HtmlParts(top, table, out.getvalue(), footer)


def _html(report: DocketReport) -> str:
    day = report.as_of.isoformat()
    parts = html_parts(report)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Docket report as of {_h(day)}</title>\n<style>{HTML_STYLE}</style>\n"
        "</head>\n<body>\n"
        f"{parts.top}{parts.table}{parts.bottom}{parts.footer}"
        f"<script>{HTML_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _details(row: Row) -> str:
    """Under the headline: why not yet, the case's warnings and remedies."""
    items = []
    if row["why_not_yet"]:
        items.append(row["why_not_yet"])
    items += [f"Warning: {_warning_text(text)}" for text in row["warnings"]]
    items += [f"Beyond the InfoPass procedures: {text}" for text in row["remedies"]]
    if not items:
        return ""
    return '<ul class="more">' + "".join(f"<li>{_unbroken(_hb(i))}</li>" for i in items) + "</ul>"


# A day and the channels' names of two parts, which a browser would otherwise break when the
# text wraps in its cell ("2018-02-" / "15", "e-" / "Request", "in" / "person").
_UNBROKEN = re.compile(r"\d{4}-\d{2}-\d{2}|e-Request|in person")


def _unbroken(escaped: str) -> str:
    """``escaped`` (HTML already escaped: no entity matches a day or a channel's name) with each
    day, ``e-Request`` and ``in person`` kept on one line."""
    return _UNBROKEN.sub(lambda m: f'<span class="nobr">{m.group()}</span>', escaped)
