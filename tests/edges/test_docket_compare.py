"""What changed since a previous report: ``compare_reports`` and ``docket --since``: each change
kind (new, now allowed, changed, same), the cases gone, receipt numbers matched however they were
written, a previous report read from json, jsonl and csv, and a file that is no report refused
with its name and what is expected."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.edges.cli import main
from infopass_rules.edges.docket.compare import Previous, read_previous

DAY = dt.timedelta(days=1)
# The step 1 of MSC1891000001 is allowed from 2018-12-03; the appointment of MSC1891000010 is
# on 2019-02-28; MSC1891000002 waits for step 2 until 2019-03-09.
BEFORE, AFTER = dt.date(2018, 12, 2), dt.date(2018, 12, 3)


def docket(*numbers: str) -> ir.Docket:
    example = ir.example_docket()
    cases = [c for c in example.cases if c.receipt_number in numbers]
    return ir.Docket(cases, {n: h for n, h in example.history.items() if n in numbers})


def changes(report: ir.DocketReport) -> dict[str, str | None]:
    return {r["receipt_number"]: r["change"] for r in report.rows()}


def test_each_kind_of_change_and_the_cases_gone() -> None:
    previous = ir.decide_docket(
        docket("MSC1891000001", "MSC1891000004", "MSC1791000006", "MSC1891000002"), as_of=BEFORE
    )
    today = ir.decide_docket(
        docket("MSC1891000001", "MSC1891000004", "MSC1791000006", "MSC1891000008"), as_of=AFTER
    )
    compared = ir.compare_reports(previous, today)
    assert changes(compared) == {
        "MSC1891000001": "now_allowed",  # step 1 waited until today
        "MSC1891000004": "same",  # the FOD escalation, allowed both days
        "MSC1791000006": "same",  # resolved: nothing, both days
        "MSC1891000008": "new",
    }
    assert compared.gone == ("MSC1891000002",)
    assert compared.since == BEFORE
    assert {r["since"] for r in compared.rows()} == {BEFORE.isoformat()}
    # The rest of the report is today's, unchanged.
    assert (compared.decisions, compared.counts) == (today.decisions, today.counts)
    assert changes(today) == dict.fromkeys(changes(today))  # not compared: no change told


def test_changed_is_an_action_step_or_level_that_differs() -> None:
    # MSC1891000001 on the day of step 1 and long after: still step 1, allowed both days.
    numbers = ("MSC1891000001", "MSC1891000002")
    day_of = ir.decide_docket(docket(*numbers), as_of=AFTER)
    later = ir.decide_docket(docket(*numbers), as_of=AFTER + 10 * DAY)
    assert changes(ir.compare_reports(day_of, later))["MSC1891000001"] == "same"
    # Another step before (MSC1891000002 is at step 1 on both days): changed.
    rows = day_of.rows()
    assert (rows[1]["step"], later.rows()[1]["step"]) == (1, 1)
    rows[1] = {**rows[1], "step": 2}
    assert changes(ir.compare_reports(rows, later))["MSC1891000002"] == "changed"
    rows[1] = {**day_of.rows()[1], "level": "FIELD_OFFICE_DIRECTOR"}
    assert changes(ir.compare_reports(rows, later))["MSC1891000002"] == "changed"
    rows[1] = {**day_of.rows()[1], "action": "ESCALATE"}
    assert changes(ir.compare_reports(rows, later))["MSC1891000002"] == "changed"
    # Allowed before too: a change of step is changed, not now_allowed.
    rows[0] = {**day_of.rows()[0], "step": 2, "allowed": True}
    assert changes(ir.compare_reports(rows, later))["MSC1891000001"] == "changed"
    # Not allowed before (or in error): now allowed, whatever else changed.
    rows[0] = {**day_of.rows()[0], "step": 2, "allowed": False}
    assert changes(ir.compare_reports(rows, later))["MSC1891000001"] == "now_allowed"
    rows[0] = {**day_of.rows()[0], "action": None, "allowed": None, "error": "x"}
    assert changes(ir.compare_reports(rows, later))["MSC1891000001"] == "now_allowed"


def test_a_case_in_error_then_decided_has_changed() -> None:
    bad = "receipt_number,office,received_on\nMSC1891000002,Atlantis,2017-09-05\n"
    day = dt.date(2019, 2, 25)
    previous = ir.decide_docket(ir.read_docket(io.StringIO(bad)), as_of=day)
    today = ir.decide_docket(docket("MSC1891000002"), as_of=day)
    assert today.rows()[0]["due"] == "waiting"
    assert changes(ir.compare_reports(previous, today)) == {"MSC1891000002": "changed"}
    assert changes(ir.compare_reports(today, previous)) == {"MSC1891000002": "changed"}
    assert changes(ir.compare_reports(previous, previous)) == {"MSC1891000002": "same"}


def test_receipt_numbers_are_matched_however_written() -> None:
    today = ir.decide_docket(docket("MSC1891000001"), as_of=AFTER)
    row = {**today.rows()[0], "receipt_number": "msc 18-910-00001"}
    compared = ir.compare_reports([row], today)
    assert (changes(compared), compared.gone) == ({"MSC1891000001": "same"}, ())
    # A CSV cell behind its apostrophe is matched too.
    previous = Previous((("'msc1891000001", "INQUIRE", "1", None, True),))
    assert changes(ir.compare_reports(previous, today)) == {"MSC1891000001": "same"}


@pytest.mark.parametrize("format", ["json", "jsonl", "csv"])
def test_since_reads_a_previous_report_in_each_format(
    format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / f"monday.{format}"
    assert (
        main(["docket", "--as-of", "2019-02-18", "--format", format, "--output", str(earlier)]) == 0
    )
    assert main(["docket", "--format", "json", "--since", str(earlier)]) == 0
    document = json.loads(capsys.readouterr().out)
    kinds = {r["receipt_number"]: r["change"] for r in document["rows"]}
    assert len(kinds) == 40
    assert set(kinds.values()) <= {"new", "now_allowed", "changed", "same"}
    assert "new" not in kinds.values()  # the same cases, a week apart
    assert kinds["MSC1891000015"] == "same"
    assert document["gone"] == []
    # Only a json document says its date.
    assert document["since"] == ("2019-02-18" if format == "json" else None)
    assert main(["docket", "--since", str(earlier)]) == 0
    table = capsys.readouterr().out
    assert "Change" in table.splitlines()[0]
    since = "2019-02-18" if format == "json" else str(earlier)
    assert f"Since {since}: " in table


def test_the_same_report_twice_is_all_same(tmp_path: Path) -> None:
    report = ir.decide_docket(ir.example_docket(), as_of=dt.date(2019, 2, 25))
    for format in ("json", "jsonl", "csv"):
        path = tmp_path / f"r.{format}"
        path.write_text(report.render(format), "utf-8")
        compared = ir.compare_reports(path, report)
        assert set(changes(compared).values()) == {"same"}, format
        assert compared.gone == ()
        assert compared.previous == str(path)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[1, 2]", "it is a JSON array"),
        ('{"as_of": "2019-02-25", "rows": 3}', '"rows" is not a list'),
        ('{"as_of": "2019-02-25", "rows": [1]}', "row 1 is not an object"),
        ('{"receipt_number": "MSC1891000001"}', "row 1 has no action, step, level, allowed"),
        ('{"as_of": "monday", "rows": []}', "is not a YYYY-MM-DD date"),
        ('{"action": "NONE"}\nnot json\n', "line 2 is not JSON"),
        ("name,email\nAna,a@x\n", "row 1 has no receipt_number, action"),
    ],
)
def test_a_previous_file_that_is_no_report_is_refused(
    text: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "previous.txt"
    path.write_text(text, "utf-8")
    with pytest.raises(ir.InvalidData) as info:
        read_previous(path)
    message = str(info.value)
    assert str(path) in message
    assert why in message
    assert "--format json" in message
    assert main(["docket", "--since", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert err.count("\n") == 1


def test_compare_reports_checks_its_arguments() -> None:
    report = ir.decide_docket(docket("MSC1891000001"), as_of=AFTER)
    with pytest.raises(ir.InvalidValue, match="report"):
        ir.compare_reports(report, report.rows())  # type: ignore[arg-type]
    with pytest.raises(ir.InvalidValue, match="previous"):
        ir.compare_reports(3, report)
    with pytest.raises(ir.InvalidData, match="row 1 is not an object"):
        ir.compare_reports(["MSC1891000001"], report)


def test_the_since_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "r.json"
    earlier.write_text(
        ir.decide_docket(ir.example_docket(), as_of=dt.date(2019, 2, 25)).render("json"), "utf-8"
    )
    before = earlier.read_bytes()
    assert main(["docket", "--since", str(earlier), "--output", str(earlier)]) == 2
    assert "destroy" in capsys.readouterr().err
    assert earlier.read_bytes() == before


EXAMPLE = ir.example_docket()
NUMBERS = [c.receipt_number for c in EXAMPLE.cases]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.sets(st.sampled_from(NUMBERS)),
    after=st.sets(st.sampled_from(NUMBERS), min_size=1),
    days=st.tuples(
        st.dates(dt.date(2018, 6, 1), dt.date(2019, 6, 1)),
        st.dates(dt.date(2018, 6, 1), dt.date(2019, 6, 1)),
    ),
)
def test_new_gone_and_same_follow_the_cases_and_days(
    before: set[str], after: set[str], days: tuple[dt.date, dt.date]
) -> None:
    first, second = days
    previous = ir.decide_docket(docket(*before), as_of=first)
    today = ir.decide_docket(docket(*after), as_of=second)
    compared = ir.compare_reports(previous, today)
    kinds = changes(compared)
    assert list(kinds) == [r["receipt_number"] for r in today.rows()]  # one per row, in order
    assert {n for n, k in kinds.items() if k == "new"} == after - before
    assert compared.gone == tuple(n for n in NUMBERS if n in before - after)
    old = {r["receipt_number"]: r for r in previous.rows()}
    for row in today.rows():
        number = row["receipt_number"]
        if number not in before:
            continue
        was = old[number]
        kind = kinds[number]
        if row["due"] in ("today", "overdue") and not was["allowed"]:
            assert kind == "now_allowed"
        elif (row["action"], row["step"], row["level"]) != (
            was["action"],
            was["step"],
            was["level"],
        ):
            assert kind == "changed"
        else:
            assert kind == "same"
    # A report against itself: every case the same, none gone.
    assert set(changes(ir.compare_reports(today, today)).values()) == {"same"}
    # The same through each file format.
    for format in ("json", "jsonl", "csv"):
        back = ir.compare_reports(_written(previous, format), today)
        assert changes(back) == kinds, format
        assert back.gone == compared.gone, format


def _written(report: ir.DocketReport, format: str) -> Previous:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"r.{format}"
        path.write_text(report.render(format), "utf-8")
        return read_previous(path)
