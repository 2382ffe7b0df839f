"""A Docket built by hand is checked as one read from files: each converter names the element
at fault, and the quick reading of plain values gives what the thorough one gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.edges.docket.model import LIST_FIELDS, Docket, RowError
from infopass_rules.edges.output import csv_cell
from infopass_rules.errors import InvalidReceiptNumber, InvalidValue

RN = "MSC1490012345"
CASE = ir.Case(RN, "MIA")
INQUIRY = ir.Inquiry(on=dt.date(2024, 1, 2), channel=ir.Channel.MAIL, receipt_number=RN)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"cases": [CASE, "MSC1490012346"]}, "cases[1]"),
        ({"cases": "MSC1490012345"}, "cases"),
        ({"cases": {RN: CASE}}, "cases"),
        ({"cases": [CASE], "errors": [RowError("<cases>", 2, "", "bad"), 3]}, "errors[1]"),
        ({"cases": [CASE], "history": {RN: [INQUIRY, CASE]}}, f"history[{RN!r}][1]"),
        ({"cases": [CASE], "history": {RN: INQUIRY}}, f"history[{RN!r}]"),
        ({"cases": [CASE], "carried": {RN: {"Client": 3}}}, f"carried[{RN!r}]['Client']"),
        ({"cases": [CASE], "carried": {RN: {1: "Ana"}}}, f"carried[{RN!r}][1]"),
        ({"cases": [CASE], "carried": {RN: ["Ana"]}}, f"carried[{RN!r}]"),
        ({"cases": [CASE], "typed": {RN: 5}}, f"typed[{RN!r}]"),
        ({"cases": [CASE], "lines": [0]}, "lines[0]"),
        ({"cases": [CASE], "lines": [True]}, "lines[0]"),
    ],
)
def test_a_wrong_element_is_named(fields: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        Docket(**fields)  # type: ignore[arg-type]
    assert info.value.field == field


def test_a_history_under_a_receipt_number_not_normal_is_normalised_or_refused() -> None:
    docket = Docket([CASE], history={"msc-14-900-12345": [INQUIRY]})
    assert docket.history == {RN: (INQUIRY,)}
    with pytest.raises(InvalidReceiptNumber):
        Docket([CASE], history={"MSC14900123": [INQUIRY]})
    with pytest.raises(InvalidValue, match="names a case already given"):
        Docket([CASE], history={RN: [INQUIRY], "msc1490012345": []})


_TEXT = st.one_of(st.none(), st.text(max_size=5))


@given(st.dictionaries(st.text(max_size=5), _TEXT, max_size=4))
def test_carried_columns_read_the_same_however_given(columns: dict[str, str | None]) -> None:
    # A dict of str (the quick reading) and the same behind a read-only view (the thorough
    # one) give one docket; None is read as "" either way.
    plain = Docket([CASE], carried={RN: dict(columns)})
    viewed = Docket([CASE], carried={RN: types.MappingProxyType(dict(columns))})
    assert plain == viewed
    assert dict(plain.carried[RN]) == {k: "" if t is None else t for k, t in columns.items()}


def test_what_the_docket_holds_cannot_be_changed_through_what_it_was_given() -> None:
    given_columns = {"Client": "Ana"}
    docket = Docket([CASE], carried={RN: given_columns})
    given_columns["Client"] = "Bea"
    assert docket.carried[RN]["Client"] == "Ana"
    with pytest.raises(TypeError):
        docket.carried[RN]["Client"] = "Bea"  # type: ignore[index]


FIRM = Path(__file__).resolve().parents[2] / "examples" / "firm"


def _firm() -> Docket:
    with (FIRM / "columns.toml").open("rb") as f:
        tables = tomllib.load(f)
    return ir.read_docket(
        FIRM / "cases.csv",
        FIRM / "history.csv",
        columns=tables["columns"],
        history_columns=tables["history_columns"],
        date_format="us",
    )


def _example() -> Docket:
    return ir.read_docket(*ir.example_docket_files())


_CASES = """receipt_number,office,form,received_on,client
msc-14-900-12345,MIA,I-485,2017-06-12,Ana
MSC1490012346,Nowhere,I-485,2017-06-12,Bea
MSC1490012347,MIA,I-485,2017-06-12,=cmd
MSC1490012348,MIA,I-485,2017-06-12,
MSC1490012345,MIA,I-485,2017-06-12,Dup
"""
_HISTORY = """receipt_number,kind,on,channel
MSC1490012345,inquiry,2019-01-07,INFOPASS
MSC1490012347,inquiry,not a day,INFOPASS
MSC1490012348,inquiry,2019-01-07,MAIL
MSC1490099999,inquiry,2019-01-07,MAIL
"""


def _with_errors(tmp_path: Path) -> Docket:
    # A typed receipt number, an unknown office, a case blocked by its history, a repeated
    # case and a history row of no case: every list and mapping of the docket holds something.
    (tmp_path / "cases.csv").write_text(_CASES, encoding="utf-8")
    (tmp_path / "history.csv").write_text(_HISTORY, encoding="utf-8")
    return ir.read_docket(tmp_path / "cases.csv", tmp_path / "history.csv")


def _as_json_lines(tmp_path: Path) -> Docket:
    read = _with_errors(tmp_path)
    report = ir.decide_docket(read, as_of=dt.date(2024, 1, 2))
    assert report.rows()  # decided, so the docket is usable as read
    # JSON values of every kind in the carried keys and a typed receipt number: carried as text.
    lines = [
        json.dumps(
            {
                "receipt_number": c.receipt_number.lower(),
                "office": c.office,
                "client": "Ana",
                "count": 5,
                "none": None,
                "list": [1],
            }
        )
        for c in read.cases
    ]
    (tmp_path / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ir.read_docket(tmp_path / "cases.jsonl")


@pytest.mark.parametrize(
    "read_it",
    [
        lambda _: _example(),
        lambda _: _firm(),
        _with_errors,
        _as_json_lines,
    ],
    ids=["example", "firm", "with-errors", "json-lines"],
)
def test_the_reader_s_docket_is_the_one_the_constructor_builds(
    read_it: Callable[[Path], Docket], tmp_path: Path
) -> None:
    # The reader builds its docket without the constructor's checks (Docket._of_reader): the
    # same values given to the constructor make an equal docket, of the same types.
    read = read_it(tmp_path)
    assert all(type(t) is str for m in read.carried.values() for t in (*m, *m.values()))
    assert all(type(t) is str for t in (*read.typed, *read.typed.values()))
    rebuilt = Docket(
        cases=list(read.cases),
        history={k: list(v) for k, v in read.history.items()},
        errors=list(read.errors),
        source=read.source,
        lines=list(read.lines),
        carried={k: dict(v) for k, v in read.carried.items()},
        carried_columns=list(read.carried_columns),
        typed=dict(read.typed),
    )
    assert rebuilt == read
    for name in ("history", "carried", "typed"):
        assert type(getattr(rebuilt, name)) is type(getattr(read, name)) is types.MappingProxyType
    assert all(type(c) is types.MappingProxyType for c in read.carried.values())


def test_a_docket_read_with_errors_holds_each_kind_of_value(tmp_path: Path) -> None:
    read = _with_errors(tmp_path)
    assert read.typed == {"MSC1490012345": "msc-14-900-12345"}
    assert read.carried["MSC1490012347"] == {"client": "=cmd"}
    assert [c.receipt_number for c in read.cases] == ["MSC1490012345", "MSC1490012348"]
    assert read.lines == (2, 5)
    assert {e.line for e in read.errors if e.source == read.source} == {3, 4, 6}
    assert read.history.keys() == {"MSC1490012345", "MSC1490012348"}


def _plain_csv(report: ir.DocketReport) -> str:
    """The report's CSV the plain way: every cell of rows() through csv_cell, a list joined."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in report.columns()])
    for row in report.rows():
        writer.writerow(
            csv_cell("; ".join(value)) if key in LIST_FIELDS else csv_cell(value)
            for key, value in row.items()
        )
    return out.getvalue()


@pytest.mark.parametrize("read_it", [_example, _firm], ids=["example", "firm"])
def test_the_csv_is_each_row_cell_by_cell(read_it: Callable[[], Docket]) -> None:
    report = ir.decide_docket(read_it(), as_of=dt.date(2026, 11, 2))
    assert report.to_csv_text() == _plain_csv(report)


_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from([*"=+-@\t\r,\"'aM1 ;"]), max_size=6),
)


@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=4))
def test_the_csv_of_any_text_carried_is_each_row_cell_by_cell(
    cells: list[tuple[str | None, str | None]],
) -> None:
    # Offices, typed receipt numbers and carried cells are the firm's text: any of them may
    # start as a formula would, or be empty.
    decided = {"outside_processing_times_on": dt.date(2023, 1, 2)}
    cases = [ir.Case(f"MSC14900{i:05d}", "MIA", **decided) for i in range(len(cells))]
    carried = {
        c.receipt_number: {"client": a, "=note": b} for c, (a, b) in zip(cases, cells, strict=True)
    }
    docket = Docket(cases, carried=carried, carried_columns=["client", "=note"])
    report = ir.decide_docket(docket, as_of=dt.date(2024, 1, 2))
    assert report.decisions  # rows of decisions, not only of errors
    assert report.to_csv_text() == _plain_csv(report)
