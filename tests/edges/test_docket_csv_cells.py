"""``DocketReport.to_csv`` writes each cell as :func:`~infopass_rules.edges.output.csv_cell` has
it, a row's lists joined with ``"; "`` first: the writer answers from the value's class where it
can (no call a cell), and this pins every such answer to ``csv_cell``'s, formulas included."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infopass_rules.edges.docket.model import DocketReport
from infopass_rules.edges.output import csv_cell
from infopass_rules.facts.text import FORMULA_STARTS

#: Text, often starting as a formula would.
TEXT = st.one_of(
    st.text(max_size=8),
    st.builds(
        lambda start, rest: start + rest, st.sampled_from(FORMULA_STARTS), st.text(max_size=5)
    ),
)
#: Every class of value a row holds: None, text, a list of text, a bool, a number.
VALUES = st.one_of(
    st.none(), TEXT, st.lists(TEXT, max_size=3), st.booleans(), st.integers(-(10**6), 10**6)
)


def _expected(value: Any) -> str:
    return csv_cell("; ".join(value) if isinstance(value, list) else value)


def _written(values: list[Any], monkeypatch: pytest.MonkeyPatch) -> str:
    """``to_csv_text`` of a report of one row holding ``values``."""
    columns = tuple(f"c{i}" for i in range(len(values)))

    def each_row_values(self: DocketReport) -> Iterator[list[Any]]:
        yield list(values)

    monkeypatch.setattr(DocketReport, "columns", lambda self: columns)
    monkeypatch.setattr(DocketReport, "_each_row_values", each_row_values)
    report = object.__new__(DocketReport)  # the two methods above are all the writer reads
    return report.to_csv_text()


def _as_csv_cell(values: list[Any]) -> str:
    """The same row, each cell made by csv_cell, written by the csv module as to_csv writes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"c{i}" for i in range(len(values))])
    writer.writerow([_expected(v) for v in values])
    return out.getvalue()


@given(values=st.lists(VALUES, min_size=1, max_size=6))
def test_every_cell_is_written_as_csv_cell_has_it(values: list[Any]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _written(values, monkeypatch) == _as_csv_cell(values)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (["=SUM(A1)", "MIA"], "'=SUM(A1); MIA"),  # a list whose first item is a formula
        (["MIA", "=SUM(A1)"], "MIA; =SUM(A1)"),  # joined, it starts as its first item does
        (["", "=x"], "; =x"),
        ([], ""),
        (-1, "'-1"),  # a negative number starts as a formula would
        (7, "7"),
        (True, "true"),
        (None, ""),
    ],
)
def test_the_answers_written_from_the_class(
    value: Any, cell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _expected(value) == cell
    assert _written([value], monkeypatch) == _as_csv_cell([value])
