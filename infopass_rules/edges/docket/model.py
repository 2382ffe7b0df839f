"""The docket's values: :class:`RowError`, :class:`Docket` (what was read) and
:class:`DocketReport` (what was decided), with the report's flat rows, CSV and DataFrame.

A docket row is one case, flattened for a spreadsheet: :data:`ROW_FIELDS` are its keys, in order.
Lists are joined into one cell: ``channels`` and ``rule_ids`` with ``"; "``, ``waits`` and
``warnings`` with ``" | "`` (each wait as ``RULE until YYYY-MM-DD: reason``, each warning as
``KIND: text``). A case that could not be read or decided has a row too, with its ``error`` and
nothing else but what could be read of its receipt number and office.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import types
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs

from infopass_rules.edges.output import csv_cell, write_file
from infopass_rules.engine.decision import Decision
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action
from infopass_rules.facts.history import Appointment, Inquiry

if TYPE_CHECKING:
    import pandas

__all__ = ["ROW_FIELDS", "Docket", "DocketReport", "Row", "RowError"]

#: The keys of a docket row (:meth:`DocketReport.rows`), in column order.
ROW_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "office",
    "action",
    "step",
    "level",
    "earliest",
    "allowed",
    "channels",
    "waits",
    "warnings",
    "rule_ids",
    "error",
)

#: A docket row: strings, ints, bools and None only (JSON-ready).
Row = dict[str, Any]


@attrs.frozen
class RowError:
    """A row of an input file that could not be used, or a case that could not be decided.

    Attributes:
        source: the file (its path or name; ``"<cases>"`` / ``"<history>"`` for an unnamed one).
        line: the line the row starts on (1 is the CSV header; in JSON Lines, the line itself).
        field: the column at fault, in the firm's own name for it; ``""`` for the whole row.
        message: what is wrong and what would be accepted.
        receipt_number: the case the row is about, when it could be read (normalised when
            valid, else as written).
        office: the office of the case, as written, when the row had one.
    """

    source: str
    line: int
    field: str
    message: str
    receipt_number: str | None = None
    office: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def _collection(value: object, field: str) -> list[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValue(
            "must be a collection", field=field, value=value, expected="a list or tuple"
        )
    return list(value)


def _cases(value: object) -> tuple[Case, ...]:
    return tuple(
        v.instance(c, Case, f"cases[{i}]", what="a Case", expected="infopass_rules.Case(...)")
        for i, c in enumerate(_collection(value, "cases"))
    )


def _errors(value: object) -> tuple[RowError, ...]:
    return tuple(
        v.instance(e, RowError, f"errors[{i}]", what="a RowError", expected="RowError(...)")
        for i, e in enumerate(_collection(value, "errors"))
    )


def _lines(value: object) -> tuple[int, ...]:
    lines = _collection(value, "lines")
    for i, line in enumerate(lines):
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            raise InvalidValue(
                "is not a line number", field=f"lines[{i}]", value=line, expected="an int >= 1"
            )
    return tuple(lines)


def _history(value: object) -> Mapping[str, tuple[Inquiry | Appointment, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            "must be a mapping", field="history", value=value, expected="receipt number -> items"
        )
    out: dict[str, tuple[Inquiry | Appointment, ...]] = {}
    for key, items in value.items():
        number = v.receipt_number(key, f"history[{key!r}]")  # "msc1490012345" as MSC1490012345
        if number in out:
            raise InvalidValue(
                "names a case already given (the same receipt number written otherwise)",
                field=f"history[{key!r}]",
                value=key,
                expected="each receipt number once",
            )
        checked = []
        for i, item in enumerate(_collection(items, f"history[{key!r}]")):
            if not isinstance(item, Inquiry | Appointment):
                raise InvalidValue(
                    "is not an inquiry or an appointment",
                    field=f"history[{key!r}][{i}]",
                    value=item,
                    expected="an Inquiry or an Appointment",
                )
            checked.append(item)
        out[number] = tuple(checked)
    return types.MappingProxyType(out)


@attrs.frozen
class Docket:
    """A firm's cases and their histories, as read by :func:`~.reading.read_docket`.

    Attributes:
        cases: the cases read without error, in file order.
        history: each case's inquiries and appointments, by receipt number, in file order.
        errors: the rows that could not be used (each with its file and line), in file order:
            the case file's first, then the history file's.
        source: the case file's name (what ``errors`` name it), when read from a file.
        lines: the line of each case in ``source``, parallel to ``cases`` (empty when the docket
            was built by hand); it keeps decisions and errors in the file's order.
        carried: the firm's own columns of each case (a column that maps to no field: client,
            attorney, matter number), by receipt number, as text, never interpreted; carried to
            the report untouched.
        carried_columns: the names of the carried columns, in the file's order.
        typed: each case's receipt number as the file typed it (``msc 14-900-12345``), by
            receipt number, where it differs from the normalised one.
    """

    cases: tuple[Case, ...] = attrs.field(converter=_cases)
    history: Mapping[str, tuple[Inquiry | Appointment, ...]] = attrs.field(
        factory=dict, converter=_history
    )
    errors: tuple[RowError, ...] = attrs.field(default=(), converter=_errors)
    source: str | None = None
    lines: tuple[int, ...] = attrs.field(default=(), converter=_lines)
    carried: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    carried_columns: tuple[str, ...] = ()
    typed: Mapping[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        # A history under a receipt number no case has would be silently left out.
        numbers = {c.receipt_number for c in self.cases}
        for number in self.history:
            if number not in numbers:
                raise InvalidValue(
                    "is not the receipt number of a case of the docket",
                    field=f"history[{number!r}]",
                    value=number,
                    expected="the receipt number of one of the docket's cases",
                )
        if self.lines and len(self.lines) != len(self.cases):
            raise InvalidValue(
                f"has {len(self.lines)} line numbers for {len(self.cases)} cases",
                field="lines",
                expected="one line number per case, or none",
            )

    def __len__(self) -> int:
        """The number of cases the input held: those read and those in error."""
        return len(self.cases) + sum(1 for e in self.errors if e.source == self.source)


@attrs.frozen
class DocketReport:
    """The decisions for a docket, as of one date.

    Attributes:
        decisions: one per case decided, in docket order.
        errors: every row that could not be read and every case that could not be decided.
        counts: how many decisions call for each action (every action, zero included).
        as_of: the date decided for.
        ruleset_version: the rule set that decided.
        cases: the cases decided, parallel to ``decisions`` (for planning: :meth:`pairs`).
        entries: decisions and errors together in the input's order (a case's error where the
            case was; rows that concern no case last): the order of :meth:`rows`.
    """

    decisions: tuple[Decision, ...]
    errors: tuple[RowError, ...]
    counts: Mapping[Action, int]
    as_of: _dt.date
    ruleset_version: str
    cases: tuple[Case, ...] = ()
    entries: tuple[Decision | RowError, ...] = ()

    def pairs(self) -> tuple[tuple[Case, Decision], ...]:
        """``(case, decision)`` pairs, for ``requests_from_decisions`` and ``to_ics``."""
        return tuple(zip(self.cases, self.decisions, strict=True))

    def rows(self) -> list[Row]:
        """One flat row per case (and per unusable row): see :data:`ROW_FIELDS`."""
        entries = self.entries or (*self.decisions, *self.errors)
        offices = {c.receipt_number: c.office for c in self.cases}
        return [
            _error_row(e)
            if isinstance(e, RowError)
            else _decision_row(e, offices.get(e.receipt_number))
            for e in entries
        ]

    def to_csv(self, file: str | os.PathLike[str] | IO[str]) -> None:
        """Write :meth:`rows` as CSV (a header, then a row per case; ``None`` as an empty cell,
        bools as ``true``/``false``) to a path or an open text file.

        A cell that a spreadsheet would read as a formula (one starting with ``=``, ``+``,
        ``-``, ``@``, a tab or a carriage return, as an office or receipt number copied from a
        bad row may) is written behind an apostrophe, as OWASP recommends against CSV
        injection. A path is written atomically (a temporary file beside it, then renamed):
        a failed write leaves the old file as it was.

        Raises:
            InvalidValue: ``file`` is neither a path nor a text file open for writing (``None``,
                a number, a bytes path, a path with NUL, a binary or closed file).
            InvalidData: the path is a folder or cannot be written; the file cannot be written.
        """
        if isinstance(file, str | os.PathLike | bytes):
            write_file(file, self.to_csv_text().encode("utf-8"), field="file")
            return
        write = getattr(file, "write", None)
        if not callable(write) or isinstance(file, io.BufferedIOBase | io.RawIOBase):
            raise InvalidValue(
                "must be a path or a text file open for writing",
                field="file",
                value=file,
                expected="a str or os.PathLike path, or a text file (open(path, 'w'))",
            )
        text = self.to_csv_text()
        try:
            file.write(text)
        except TypeError:
            raise InvalidValue(
                "is not a text file",
                field="file",
                value=file,
                expected="a text file (open(path, 'w', newline=''))",
            ) from None
        except OSError as exc:  # io.UnsupportedOperation: a file open for reading only
            raise InvalidData(
                f"cannot be written ({exc.strerror or exc})",
                field="file",
                expected="a text file open for writing",
            ) from None
        except ValueError as exc:  # a closed file
            raise InvalidValue(
                f"cannot be written ({exc})",
                field="file",
                value=file,
                expected="a text file open for writing",
            ) from None

    def _write_csv(self, out: IO[str]) -> None:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ROW_FIELDS)
        for row in self.rows():
            writer.writerow([csv_cell(row[k]) for k in ROW_FIELDS])

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (``earliest`` as datetime64; needs the ``pandas``
        extra: ``pip install infopass-rules[pandas]``)."""
        try:
            import pandas
        except ImportError:
            raise InvalidValue(
                "needs pandas, which is not installed",
                field="to_dataframe",
                expected="pip install 'infopass-rules[pandas]'",
            ) from None
        frame = pandas.DataFrame(self.rows(), columns=list(ROW_FIELDS))
        frame["earliest"] = pandas.to_datetime(frame["earliest"], format="%Y-%m-%d")
        return frame

    def to_csv_text(self) -> str:
        """:meth:`to_csv` as a string."""
        out = io.StringIO()
        self._write_csv(out)
        return out.getvalue()


def _decision_row(d: Decision, office: str | None) -> Row:
    return {
        "receipt_number": d.receipt_number,
        "office": office,
        "action": d.action.name,
        "step": d.step,
        "level": d.level.name if d.level is not None else None,
        "earliest": d.earliest.isoformat() if d.earliest is not None else None,
        "allowed": d.allowed,
        "channels": "; ".join(sorted(c.name for c in d.channels)),
        "waits": " | ".join(
            f"{w.rule_id} until {w.until.isoformat()}: {w.reason}" for w in d.waits
        ),
        "warnings": " | ".join(f"{w.kind.name}: {w.text}" for w in d.warnings),
        "rule_ids": "; ".join(d.rule_ids),
        "error": None,
    }


def _error_row(e: RowError) -> Row:
    row: Row = dict.fromkeys(ROW_FIELDS)
    row.update(
        receipt_number=e.receipt_number,
        office=e.office,
        channels="",
        waits="",
        warnings="",
        rule_ids="",
        error=str(e),
    )
    return row
