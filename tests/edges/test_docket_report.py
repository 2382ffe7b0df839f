"""The docket report a person acts on: one row per case of the input (a Hypothesis property over
generated dockets with bad rows mixed in), ``due`` on the day before, of and after ``earliest``,
the order to act on, the notices said once, each format (json one document valid against its
schema, jsonl, csv with formulas neutralised, the terminal table with no control character),
the firm's carried columns, and the DataFrame's types."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules import strategies as irs
from infopass_rules.edges.docket import CASE_FIELDS, EXAMPLE_AS_OF, HISTORY_FIELDS, ROW_FIELDS
from infopass_rules.edges.docket.formats import FORMATS
from infopass_rules.edges.docket.model import DUE_VALUES, Entry, due_of
from infopass_rules.edges.schema import DOCKET_REPORT, DOCKET_ROW

AS_OF = EXAMPLE_AS_OF
DAY = dt.timedelta(days=1)


def example_case(number: str) -> tuple[ir.Case, tuple[ir.Inquiry | ir.Appointment, ...]]:
    docket = ir.example_docket()
    case = next(c for c in docket.cases if c.receipt_number == number)
    return case, docket.history.get(number, ())


def one_case_report(number: str, as_of: dt.date) -> ir.DocketReport:
    case, history = example_case(number)
    docket = ir.Docket([case], {number: history} if history else {})
    return ir.decide_docket(docket, as_of=as_of)


def with_client(
    docket: ir.Docket, columns: tuple[str, ...], values: dict[str, dict[str, str]]
) -> ir.Docket:
    return attrs.evolve(docket, carried=values, carried_columns=columns)


# --- due ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shift", "due", "allowed"),
    [(-1, "waiting", False), (0, "today", True), (1, "overdue", True)],
    ids=["day-before", "day-of", "day-after"],
)
def test_due_on_the_day_before_of_and_after_earliest(shift: int, due: str, allowed: bool) -> None:
    # MSC1891000001 left normal processing times on 2018-12-03: step 1 is allowed from then.
    earliest = dt.date(2018, 12, 3)
    (row,) = one_case_report("MSC1891000001", earliest + shift * DAY).rows()
    assert (row["action"], row["earliest"]) == ("INQUIRE", "2018-12-03")
    assert (row["due"], row["allowed"]) == (due, allowed)
    assert bool(row["why_not_yet"]) is (due == "waiting")


@pytest.mark.parametrize(
    ("as_of", "due"),
    [(dt.date(2019, 2, 27), "waiting"), (dt.date(2019, 2, 28), "today")],
    ids=["day-before", "day-of"],
)
def test_an_appointment_on_its_day_is_due_today(as_of: dt.date, due: str) -> None:
    (row,) = one_case_report("MSC1891000010", as_of).rows()
    assert (row["action"], row["earliest"], row["due"]) == (
        "ATTEND_APPOINTMENT",
        "2019-02-28",
        due,
    )
    # The day after, the appointment is behind: the case moves on, nothing is overdue about it.
    (after,) = one_case_report("MSC1891000010", dt.date(2019, 3, 1)).rows()
    assert after["action"] != "ATTEND_APPOINTMENT"


def test_none_and_exhausted_are_due_nothing() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    due = {r["action"]: set() for r in report.rows()}
    for r in report.rows():
        due[r["action"]].add(r["due"])
    assert due["NONE"] == {"nothing"}
    assert due["EXHAUSTED"] == {"nothing"}  # allowed is true, yet no step is left to take
    assert all(r["allowed"] for r in report.rows() if r["action"] == "EXHAUSTED")
    assert {d for a, days in due.items() for d in days} == set(DUE_VALUES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=irs.cases(), as_of=st.dates(dt.date(2014, 1, 1), dt.date(2026, 12, 31)))
def test_due_agrees_with_the_decision(case: ir.Case, as_of: dt.date) -> None:
    try:
        decision = ir.next_action(case, (), as_of=as_of)
    except ir.InfopassRulesError:
        return
    due = due_of(decision)
    if decision.action in (ir.Action.NONE, ir.Action.EXHAUSTED):
        assert due == "nothing"
    elif not decision.allowed:
        assert due == "waiting"
        assert decision.earliest is not None
        assert decision.earliest > as_of
    else:
        assert decision.earliest is not None
        assert due == ("today" if decision.earliest == as_of else "overdue")


# --- order --------------------------------------------------------------------------------------


def test_the_order_to_act_on() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    rows = report.ordered_rows()
    assert len(rows) == len(report.rows()) == 40
    groups = [{"overdue": 0, "today": 0, "waiting": 1, "nothing": 2}[r["due"]] for r in rows]
    assert groups == sorted(groups)
    allowed = [r for r in rows if r["due"] in ("overdue", "today")]
    assert [r["earliest"] for r in allowed] == sorted(r["earliest"] for r in allowed)
    # The longest overdue first, today's last among what is allowed.
    assert allowed[0]["receipt_number"] == "MSC1891000018"
    assert {r["due"] for r in allowed[-12:]} == {"today"}
    waiting = [r for r in rows if r["due"] == "waiting"]
    assert [r["earliest"] for r in waiting] == sorted(r["earliest"] for r in waiting)
    assert waiting[0]["receipt_number"] == "SRC1891000035"  # tomorrow's appointment
    # A tie keeps the input's order.
    today = [r["line"] for r in rows if r["due"] == "today"]
    assert today == sorted(today)


def test_errors_come_last_in_the_table_and_the_page() -> None:
    text = (
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC1891000001,Atlantis,2017-06-12,2018-12-03\n"
        "MSC1891000002,MIA,2017-06-12,2018-12-03\n"
        "MSC1891000003,MIA,2017-06-12,2019-06-03\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(text)), as_of=AS_OF)
    assert [r["line"] for r in report.rows()] == [2, 3, 4]
    assert [r["due"] for r in report.rows()] == [None, "overdue", "waiting"]
    assert [r["line"] for r in report.ordered_rows()] == [3, 4, 2]
    table = report.render("table").splitlines()
    assert table[2].startswith("overdue since 2018-12-03")
    assert table[4].startswith("error ")
    assert "Fix the input: <cases>:2: office:" in table[4]
    page = report.render("html")
    assert page.index('data-order="0"') < page.index('<tr class="error"')


# --- one row per case ---------------------------------------------------------------------------


def case_row(case: ir.Case) -> dict[str, str]:
    def day(d: dt.date | None) -> str:
        return d.isoformat() if d else ""

    return {
        "receipt_number": case.receipt_number,
        "office": case.office,
        "issue": case.issue.name,
        "form": case.form or "",
        "category": "",
        "received_on": day(case.received_on),
        "outside_processing_times_on": day(case.outside_processing_times_on),
        "deadlines": "",
        "circumstances": ";".join(sorted(c.name for c in case.circumstances)),
        "pressing": "yes" if case.pressing else "no",
        "resolved_on": day(case.resolved_on),
    }


def history_row(number: str, inquiry: ir.Inquiry) -> dict[str, str]:
    return {
        **dict.fromkeys(HISTORY_FIELDS, ""),
        "receipt_number": number,
        "kind": "inquiry",
        "on": inquiry.on.isoformat(),
        "channel": inquiry.channel.name,
        "outcome": inquiry.outcome.name,
    }


def to_csv(fields: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=10)
GOOD = irs.cases(deadlines=st.just(()), category=st.none()).map(case_row)
# A good row spoilt in one field (an unknown office, a date that is no date, a bad yes/no).
SPOILT = st.tuples(GOOD, st.sampled_from(["office", "received_on", "pressing"]), TEXT).map(
    lambda t: {**t[0], t[1]: "Atlantis" if t[1] == "office" else t[2] + "?"}
)
BAD = st.fixed_dictionaries(dict.fromkeys(CASE_FIELDS, TEXT))


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    rows=st.lists(st.one_of(GOOD, GOOD, SPOILT, BAD), max_size=10),
    data=st.data(),
)
def test_exactly_one_row_per_case_of_the_input(
    rows: list[dict[str, str]], data: st.DataObject
) -> None:
    history: list[dict[str, str]] = []
    numbers = [r["receipt_number"] for r in rows]
    for number in data.draw(st.lists(st.sampled_from(numbers), max_size=4)) if numbers else []:
        inquiry = data.draw(irs.inquiries(max_date=AS_OF))
        history.append(history_row(number, inquiry))
        if data.draw(st.booleans()):  # a bad history row of that case
            history.append({**history_row(number, inquiry), "channel": "fax"})
    history.append(history_row("MSC1899999999", ir.Inquiry(AS_OF, ir.Channel.MAIL)))
    history = data.draw(st.permutations(history))
    docket = ir.read_docket(
        io.StringIO(to_csv(CASE_FIELDS, rows)), io.StringIO(to_csv(HISTORY_FIELDS, history))
    )
    report = ir.decide_docket(docket, as_of=AS_OF)
    out = report.rows()

    # One row per case row of the file (a row of empty cells is no row), in the file's order.
    case_lines = [n + 2 for n, r in enumerate(rows) if any(v.strip() for v in r.values())]
    assert [r["line"] for r in out] == case_lines
    assert len(report.ordered_rows()) == len(out)
    # Every error is told once: in its case's row, or among the errors of no case.
    told = Counter(str(e) for r in out if r["error"] for e in report.errors if str(e) in r["error"])
    loose = report.errors_of_no_case
    for error in report.errors:
        assert (error in loose) != (told[str(error)] >= 1)
    assert any(e.receipt_number == "MSC1899999999" for e in loose)
    # A row has a decision or an error, and is due only when decided without error.
    for r in out:
        assert (r["action"] is not None) or (r["error"] is not None)
        assert (r["due"] is None) == (r["error"] is not None)
    # The formats hold the same rows.
    assert len(json.loads(report.render("json"))["rows"]) == len(out)
    assert len(report.render("jsonl").splitlines()) == len(out)
    assert len(list(csv.reader(io.StringIO(report.render("csv"))))) == 1 + len(out)
    table = report.render("markdown").splitlines()
    assert len([line for line in table if line.startswith("| ")]) == 1 + len(out)
    assert report.render("html").count("<tr class=") == len(out)


def test_a_case_with_a_bad_history_row_is_one_row_telling_both() -> None:
    cases = "receipt_number,office,received_on\nMSC1891000001,MIA,2017-06-12\n"
    history = (
        "receipt_number,kind,on,channel\n"
        "MSC1891000001,inquiry,2018-12-10,fax\n"
        "MSC1891000009,inquiry,2018-12-10,mail\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(cases), io.StringIO(history)), as_of=AS_OF)
    (row,) = report.rows()
    assert (row["line"], row["action"], row["due"]) == (2, None, None)
    assert "<cases>:2: history: its history row at <history>:2" in row["error"]
    assert "<history>:2: channel:" in row["error"]
    (loose,) = report.errors_of_no_case
    assert (loose.line, loose.receipt_number) == (3, "MSC1891000009")
    assert "<history>:3" in report.render("table")
    assert json.loads(report.render("json"))["errors"][0]["line"] == 3


# --- notices ------------------------------------------------------------------------------------


def test_notices_are_said_once_not_on_every_row() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    (notice,) = report.notices
    assert notice.kind is ir.WarningKind.LATER_SOURCE
    assert notice.text.startswith("Sources dated after 2019-02-25 are cited (")
    # Every source after as_of that any decision cites is named, once.
    cited = {c.source_id for d in report.decisions for c in d.citations if c.date > report.as_of}
    named = notice.text.split("(", 1)[1].split(")", 1)[0].split(", ")
    assert sorted(named) == sorted(cited)
    assert not any("LATER_SOURCE" in w for r in report.rows() for w in r["warnings"])
    # The case's own warnings stay on its row.
    kinds = Counter(w.split(":")[0] for r in report.rows() for w in r["warnings"])
    assert kinds == Counter({"DUPLICATE": 1, "PREMATURE": 1, "NOT_YET_RECEIVED": 1})
    for format in ("table", "markdown", "html"):
        assert report.render(format).count("Sources dated after 2019-02-25") == 1, format
    assert json.loads(report.render("json"))["notices"] == [
        {"kind": "LATER_SOURCE", "text": notice.text}
    ]


def test_stale_sources_are_one_notice() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=dt.date(2026, 11, 1))
    stale = [n for n in report.notices if n.kind is ir.WarningKind.STALE_SOURCE]
    assert len(stale) == 1
    assert "check for newer guidance" in stale[0].text
    assert not any("STALE_SOURCE" in w for r in report.rows() for w in r["warnings"])
    # On the policy's limit, no notice; the day after, one.
    case, history = example_case("MSC1891000001")
    docket = ir.Docket([case], {case.receipt_number: history} if history else {})
    decision = ir.decide_docket(docket, as_of=dt.date(2026, 11, 1)).decisions[0]
    newest = max(c.date for c in decision.citations)
    limit = ir.DEFAULT_POLICY.stale_after_days
    for day, stale_notices in ((newest + limit * DAY, 0), (newest + (limit + 1) * DAY, 1)):
        notices = ir.decide_docket(docket, as_of=day).notices
        assert len([n for n in notices if n.kind is ir.WarningKind.STALE_SOURCE]) == stale_notices


# --- formats ------------------------------------------------------------------------------------


def test_json_is_one_document_valid_against_its_schema() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    document = json.loads(report.render("json"))
    check = jsonschema.Draft202012Validator(
        ir.json_schema(DOCKET_REPORT), format_checker=jsonschema.FormatChecker()
    )
    check.validate(document)
    assert list(document)[:5] == ["as_of", "ruleset_version", "counts", "notices", "columns"]
    assert document["counts"] == {a.name: n for a, n in report.counts.items()}
    assert document["rows"] == report.rows()
    row_check = jsonschema.Draft202012Validator(ir.json_schema(DOCKET_ROW))
    for line in report.render("jsonl").splitlines():
        row_check.validate(json.loads(line))
    with pytest.raises(jsonschema.ValidationError):
        check.validate({**document, "rows": [{**document["rows"][0], "due": "soon"}]})
    with pytest.raises(jsonschema.ValidationError):
        row_check.validate({**document["rows"][0], "client": 3})  # a carried column is text
    row_check.validate({**document["rows"][0], "client": "Ana Diaz"})


HOSTILE = '=HYPERLINK("http://x")\x1b[2J\x9b31m\u2028'


def hostile_report() -> ir.DocketReport:
    docket = ir.Docket([example_case("MSC1891000001")[0], example_case("MSC1891000002")[0]])
    docket = with_client(
        docket,
        ("client", "=matter", "action", "Due"),
        {
            "MSC1891000001": {"client": HOSTILE, "=matter": "-12", "action": "@sum", "Due": "x"},
            "MSC1891000002": {"client": '<b>Ana</b> & "Bo"', "=matter": "+7"},
        },
    )
    return ir.decide_docket(docket, as_of=AS_OF)


def test_carried_columns_follow_the_row_keys_and_never_overwrite_them() -> None:
    report = hostile_report()
    assert report.columns() == (
        *ROW_FIELDS,
        "client",
        "=matter",
        "firm:action",
        "firm:Due",
    )
    first, second = report.rows()
    assert first["action"] == "INQUIRE"
    assert (first["firm:action"], first["firm:Due"], first["client"]) == ("@sum", "x", HOSTILE)
    assert (second["firm:action"], second["=matter"]) == (None, "+7")  # no cell: None
    # The table shows the firm's text as written, under the firm's heading.
    docket = with_client(
        ir.Docket([example_case("MSC1891000001")[0]]),
        ("matter_no",),
        {"MSC1891000001": {"matter_no": "M_2019_07"}},
    )
    table = ir.decide_docket(docket, as_of=AS_OF).render("table")
    assert table.split()[4:5] == ["matter_no"]
    assert " M_2019_07 " in table


def test_every_row_has_the_columns_in_order_carried_and_compared_too() -> None:
    # The rows are made from each row's values zipped with columns(): a values list of another
    # length would drop or shift a key, here with carried columns and a comparison both.
    report = hostile_report()
    compared = ir.compare_reports(report, report)
    for each in (report, compared):
        rows = each.rows()
        assert [list(row) for row in rows] == [list(each.columns())] * len(rows)
        assert all(len(v) == len(each.columns()) for v in each._each_row_values())
    assert {row["change"] for row in compared.rows()} == {"same"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("carried", ["client"]),
        ("carried", {1: {"client": "x"}}),
        ("carried", {"MSC1891000001": {"client": 3}}),
        ("carried", {"MSC1891000001": "client"}),
        ("carried_columns", "client"),
        ("carried_columns", ("client", 2)),
        ("carried_columns", ("client", "client")),
        ("typed", {"MSC1891000001": 5}),
        ("typed", "msc 18"),
    ],
)
def test_a_docket_checks_its_carried_columns(field: str, value: object) -> None:
    case = example_case("MSC1891000001")[0]
    with pytest.raises(ir.InvalidValue) as info:
        ir.Docket([case], **{field: value})
    assert (info.value.field or "").startswith(field)


def test_spreadsheet_formats_neutralise_formulas() -> None:
    report = hostile_report()
    cells = [c for row in csv.reader(io.StringIO(report.render("csv"))) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    header, first, _ = list(csv.reader(io.StringIO(report.render("csv"))))
    assert header[-4:] == ["client", "'=matter", "firm:action", "firm:Due"]
    assert first[-4:] == ["'" + HOSTILE, "'-12", "'@sum", "x"]
    # Lists joined with "; " in CSV.
    assert first[ROW_FIELDS.index("channels")] == "CONTACT_CENTER; E_REQUEST; INFOPASS"


def test_the_table_and_json_send_no_control_character_raw() -> None:
    report = hostile_report()
    table = report.render("table")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", table)
    assert "\\x1b[2J\\x9b31m\\u2028" in table
    for format in ("json", "jsonl"):
        text = report.render(format)
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", text), format
        assert "\\u001b[2J\\u009b31m\\u2028" in text
    assert json.loads(report.render("json"))["rows"][0]["client"] == HOSTILE
    markdown = report.render("markdown")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", markdown)
    assert "\\<b\\>Ana\\</b\\>" in markdown


def test_render_refuses_an_unknown_format() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    with pytest.raises(ir.InvalidValue, match="format") as info:
        report.render("xlsx")
    assert "table | markdown | html | csv | json | jsonl" in str(info.value)
    assert set(FORMATS) == {"table", "markdown", "html", "csv", "json", "jsonl"}
    assert report.to_json() == report.render("json")
    assert report.to_jsonl() == report.render("jsonl")


def test_the_summary_counts_each_case_once_in_words() -> None:
    text = (
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC1891000001,Atlantis,2017-06-12,2018-12-03\n"
        "MSC1891000002,MIA,2017-06-12,2018-12-03\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(text)), as_of=AS_OF)
    lines = report.render("table").splitlines()
    assert "2 cases as of 2019-02-25" in lines[-2]
    assert lines[-2].endswith(": 1 to inquire; 1 in error.")
    assert lines[-1] == "Due: 1 overdue."


# --- the DataFrame ------------------------------------------------------------------------------


def test_to_dataframe_types() -> None:
    pandas = pytest.importorskip("pandas")
    text = (
        "receipt_number,office,received_on,outside_processing_times_on\n"
        "MSC1891000001,Atlantis,2017-06-12,2018-12-03\n"
        "MSC1891000002,MIA,2017-06-12,2018-12-03\n"
    )
    report = ir.decide_docket(ir.read_docket(io.StringIO(text)), as_of=AS_OF)
    frame = report.to_dataframe()
    assert list(frame.columns) == list(report.columns())
    assert str(frame["step"].dtype) == "Int64"
    assert str(frame["line"].dtype) == "Int64"
    assert frame["allowed"].dtype == bool
    assert pandas.api.types.is_datetime64_any_dtype(frame["earliest"])
    assert pandas.api.types.is_datetime64_any_dtype(frame["since"])
    assert frame["allowed"].tolist() == [False, True]  # the row in error allows nothing
    assert pandas.isna(frame.loc[0, "step"])
    assert frame.loc[1, "step"] == 1
    assert frame.loc[1, "earliest"] == pandas.Timestamp("2018-12-03")
    assert frame.loc[1, "rule_ids"][:2] == ["RG-SELF", "MIA-ELIGIBLE"]


# --- a report built by hand ---------------------------------------------------------------------


def test_a_report_built_by_hand_has_a_row_per_decision_and_error() -> None:
    decided = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    error = ir.RowError("x.csv", 5, "office", "unknown", "MSC1891000099", "Atlantis")
    report = ir.DocketReport(
        decided.decisions[:2], (error,), decided.counts, AS_OF, decided.ruleset_version
    )
    rows = report.rows()
    assert [r["receipt_number"] for r in rows] == [
        "MSC1891000001",
        "MSC1891000002",
        "MSC1891000099",
    ]
    assert rows[2]["error"] == "x.csv:5: office: unknown"
    assert report.errors_of_no_case == ()


def test_entries_hold_what_the_rows_show() -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=AS_OF)
    entry: Any = report.entries[1]
    assert isinstance(entry, Entry)
    assert (entry.line, entry.receipt_number, entry.due) == (3, "MSC1891000002", "waiting")


def test_a_row_with_several_fields_in_error_is_one_case_and_one_row() -> None:
    docket = ir.Docket(
        [example_case("MSC1891000001")[0]],
        errors=[
            ir.RowError("f.csv", 3, "office", "unknown", "MSC1891000002", "Atlantis"),
            ir.RowError("f.csv", 3, "received_on", "not a date", "MSC1891000002", "Atlantis"),
            ir.RowError("f.csv", 4, "office", "unknown", "MSC1891000003", "Nowhere"),
        ],
        source="f.csv",
        lines=[2],
    )
    assert len(docket) == 3
    rows = ir.decide_docket(docket, as_of=AS_OF).rows()
    assert [r["line"] for r in rows] == [2, 3, 4]
    assert rows[1]["error"] == "f.csv:3: office: unknown; f.csv:3: received_on: not a date"
