"""A property of the docket: every case row of the input is accounted for exactly once, decided or
in error with its line, whatever bad rows (and bad history rows) are mixed in; and a docket read
from CSV and from JSON Lines gives the same report."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as irs
from infopass_rules.edges.docket import CASE_FIELDS, HISTORY_FIELDS

AS_OF = date(2019, 2, 25)


def case_row(case: ir.Case) -> dict[str, str]:
    def day(d: date | None) -> str:
        return d.isoformat() if d else ""

    return {
        "receipt_number": case.receipt_number,
        "office": case.office,
        "issue": case.issue.name,
        "form": case.form or "",
        "category": case.category or "",
        "received_on": day(case.received_on),
        "outside_processing_times_on": day(case.outside_processing_times_on),
        "deadlines": ";".join(f"{d.on.isoformat()}:{d.what}" for d in case.deadlines),
        "circumstances": ";".join(sorted(c.name for c in case.circumstances)),
        "pressing": "yes" if case.pressing else "no",
        "resolved_on": day(case.resolved_on),
    }


SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
BAD_CASE = st.fixed_dictionaries(dict.fromkeys(CASE_FIELDS, SAFE_TEXT))
BAD_HISTORY = st.fixed_dictionaries(dict.fromkeys(HISTORY_FIELDS, SAFE_TEXT))
# Deadlines and categories drawn with ';' or ':' in their text could not be written as cells.
GOOD_CASE = irs.cases(deadlines=st.just(()), category=st.none()).map(case_row)


def inquiry_row(number: str, inquiry: ir.Inquiry) -> dict[str, str]:
    return {
        "receipt_number": number,
        "kind": "inquiry",
        "on": inquiry.on.isoformat(),
        "channel": inquiry.channel.name,
        "outcome": inquiry.outcome.name,
        "level": inquiry.level.name if inquiry.level else "",
        "reference": "",
        "note": "",
        "office": "",
        "attorney": "",
    }


def to_csv(fields: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.one_of(GOOD_CASE, GOOD_CASE, BAD_CASE), max_size=12),
    st.lists(BAD_HISTORY, max_size=4),
    st.data(),
)
def test_every_case_row_is_decided_or_in_error_exactly_once(
    rows: list[dict[str, str]], bad_history: list[dict[str, str]], data: st.DataObject
) -> None:
    history_rows = list(bad_history)
    for row in rows[:4]:
        if len(row["receipt_number"]) == 13 and row["receipt_number"].isalnum():
            inquiry = data.draw(irs.inquiries(max_date=AS_OF))
            history_rows.append(inquiry_row(row["receipt_number"], inquiry))
    history_rows = data.draw(st.permutations(history_rows))
    cases_text = to_csv(CASE_FIELDS, rows)
    docket = ir.read_docket(
        io.StringIO(cases_text), io.StringIO(to_csv(HISTORY_FIELDS, history_rows))
    )
    report = ir.decide_docket(docket, as_of=AS_OF)

    # Each case row's line (a row's line: 2 for the first; cells never hold a newline here)
    # is once among the cases read or the case file's errors (a row with several fields in
    # error has one error per field, all on its line).
    row_lines = [n + 2 for n in range(len(rows)) if any(v.strip() for v in rows[n].values())]
    error_lines = {e.line for e in docket.errors if e.source == "<cases>"}
    assert not error_lines & set(docket.lines)
    assert Counter([*docket.lines, *error_lines]) == Counter(row_lines)
    # And once in the report: exactly one row per case row of the input, in the input's order,
    # decided or with its error; a history row of no case is an error of the report, no row.
    report_rows = report.rows()
    assert [r["line"] for r in report_rows] == row_lines
    assert len(report.decisions) == sum(1 for r in report_rows if r["error"] is None)
    # Every history row is used or in error: none is dropped silently, but a row of a case
    # already in error (which says why) is not repeated.
    used = sum(len(h) for h in docket.history.values())
    history_errors = len({e.line for e in docket.errors if e.source == "<history>"})
    assert used + history_errors <= len(history_rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(GOOD_CASE, max_size=8))
def test_csv_and_json_lines_read_the_same_docket(rows: list[dict[str, str]]) -> None:
    as_csv = ir.read_docket(io.StringIO(to_csv(CASE_FIELDS, rows)))
    as_jsonl = ir.read_docket(io.StringIO("".join(json.dumps(r) + "\n" for r in rows)))
    assert as_csv.cases == as_jsonl.cases
    from_csv = ir.decide_docket(as_csv, as_of=AS_OF)
    from_jsonl = ir.decide_docket(as_jsonl, as_of=AS_OF)
    assert from_csv.decisions == from_jsonl.decisions
    # The same errors, on the same rows: line n + 1 of the CSV (after its header) is line n.
    assert [
        (e.line, e.field, re.sub(r"line \d+", "a line", e.message)) for e in from_csv.errors
    ] == [
        (e.line + 1, e.field, re.sub(r"line \d+", "a line", e.message)) for e in from_jsonl.errors
    ]
