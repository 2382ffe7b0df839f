"""The docket's values: :class:`RowError`, :class:`Docket` (what was read) and
:class:`DocketReport` (what was decided), with the report's rows, CSV and DataFrame.

A docket row is one case of the input (:data:`ROW_FIELDS` are its keys, in order, then the
firm's own columns carried from the case file): what to do about it, by when (``due``), how,
why not yet, and what went wrong reading or deciding it (``error``). Every case of the input
has exactly one row, in the input's order; a case that could not be read or decided has one too,
with its ``error``. Lists (``channels``, ``remedies``, ``warnings``, ``rule_ids``) are lists in
:meth:`DocketReport.rows` and JSON, joined with ``"; "`` in CSV. The report's formats are in
:mod:`~infopass_rules.edges.docket.formats`; the comparison with a previous report
(``change``, ``since``, ``gone``) in :mod:`~infopass_rules.edges.docket.compare`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import gc
import io
import itertools
import os
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, cast

import attrs

from infopass_rules.edges.output import csv_cell, write_file
from infopass_rules.engine.decision import Decision
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.facts.text import FORMULA_STARTS, spreadsheet_safe
from infopass_rules.rules.remedies import Remedy
from infopass_rules.rules.trace import Warning, WarningKind

if TYPE_CHECKING:
    import pandas

__all__ = [
    "CARRIED_PREFIX",
    "CHANGE_VALUES",
    "DUE_VALUES",
    "LIST_FIELDS",
    "NOTICE_KINDS",
    "ROW_FIELDS",
    "Docket",
    "DocketReport",
    "Entry",
    "Row",
    "RowError",
    "due_of",
    "notices_of",
    "remedy_text",
]

#: The keys of a docket row (:meth:`DocketReport.rows`), in column order; the firm's carried
#: columns follow them.
ROW_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "line",
    "office",
    "action",
    "what_to_do",
    "earliest",
    "allowed",
    "due",
    "channels",
    "why_not_yet",
    "step",
    "level",
    "remedies",
    "warnings",
    "rule_ids",
    "error",
    "change",
    "since",
)
#: The row keys whose values are lists (JSON arrays; joined with ``"; "`` in CSV).
LIST_FIELDS: tuple[str, ...] = ("channels", "remedies", "warnings", "rule_ids")
#: What ``due`` says: the action is allowed since an earlier day, allowed from today, waits
#: for a later day, or there is nothing to do (NONE, EXHAUSTED). None on a row in error.
DUE_VALUES: tuple[str, ...] = ("overdue", "today", "waiting", "nothing")
#: What ``change`` says, against a previous report (:func:`~.compare.compare_reports`).
CHANGE_VALUES: tuple[str, ...] = ("new", "now_allowed", "changed", "same")
#: The prefix a carried column gets when its name is a row key's (``action`` -> ``firm:action``).
CARRIED_PREFIX = "firm:"
#: The kinds of warning that are true of the whole report, not of one case: said once, in
#: :attr:`DocketReport.notices` (those that name no rule: about the sources' dates).
NOTICE_KINDS: frozenset[WarningKind] = frozenset(
    {WarningKind.STALE_SOURCE, WarningKind.LATER_SOURCE}
)

#: A docket row: strings, ints, bools, None and lists of strings only (JSON-ready).
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


#: The collections the converters know by their type alone (each a sized iterable, not text).
_COLLECTIONS = frozenset({tuple, list})
#: What a history holds (a tuple: isinstance with a union costs more).
_ITEMS = (Inquiry, Appointment)


def _collection(value: object, field: str) -> list[Any]:
    # A tuple or list (what the reader gives) is known by its type before the abstract checks.
    if type(value) not in _COLLECTIONS and (
        isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable)
    ):
        raise InvalidValue(
            "must be a collection", field=field, value=value, expected="a list or tuple"
        )
    return list(cast("Iterable[Any]", value))


def _all_of(
    value: object,
    kind: type[Any] | tuple[type[Any], ...],
    field: str,
    *,
    message: str,
    expected: str,
) -> list[Any]:
    """The elements of the collection ``value``, each a ``kind``; the field of one that is not
    is put in words (``cases[3]``) only then, not for each of 100,000 that are."""
    elements = _collection(value, field)
    for i, element in enumerate(elements):
        if not isinstance(element, kind):
            raise InvalidValue(message, field=f"{field}[{i}]", value=element, expected=expected)
    return elements


def _cases(value: object) -> tuple[Case, ...]:
    return tuple(
        _all_of(value, Case, "cases", message="must be a Case", expected="infopass_rules.Case(...)")
    )


def _errors(value: object) -> tuple[RowError, ...]:
    return tuple(
        _all_of(value, RowError, "errors", message="must be a RowError", expected="RowError(...)")
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
        field = f"history[{key!r}]"
        number = v.receipt_number(key, field)  # "msc1490012345" as MSC1490012345
        if number in out:
            raise InvalidValue(
                "names a case already given (the same receipt number written otherwise)",
                field=field,
                value=key,
                expected="each receipt number once",
            )
        out[number] = tuple(
            _all_of(
                items,
                _ITEMS,
                field,
                message="is not an inquiry or an appointment",
                expected="an Inquiry or an Appointment",
            )
        )
    return types.MappingProxyType(out)


#: The one type of the keys and values of a mapping of text known at once (see _text_mapping).
_TEXT_ONLY = frozenset({str})


def _text_mapping(value: object, field: str, number: str | None = None) -> dict[str, str]:
    """``value`` as a dict of text (None as ``""``); the field in errors is ``field``, or the
    entry of ``number`` in it (``carried['MSC1490012345']``), put in words only then."""
    if type(value) is dict and _TEXT_ONLY.issuperset(
        {*map(type, value), *map(type, value.values())}
    ):
        return dict(value)  # every key and value a str (as read from a file): nothing to change
    where = field if number is None else f"{field}[{number!r}]"
    if not isinstance(value, Mapping):
        raise InvalidValue(
            "must be a mapping", field=where, value=value, expected="a mapping of str to str"
        )
    out: dict[str, str] = {}
    for key, text in value.items():
        if not isinstance(key, str) or not (text is None or isinstance(text, str)):
            raise InvalidValue(
                "must map text to text",
                field=f"{where}[{key!r}]",
                value=text,
                expected="str keys and str values",
            )
        out[key] = "" if text is None else text
    return out


def _carried(value: object) -> Mapping[str, Mapping[str, str]]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            "must be a mapping",
            field="carried",
            value=value,
            expected="receipt number -> {column: text}",
        )
    out: dict[str, Mapping[str, str]] = {}
    proxy = types.MappingProxyType
    for number, columns in value.items():
        if not isinstance(number, str):
            raise InvalidValue(
                "is not a receipt number",
                field="carried",
                value=number,
                expected="receipt numbers (str) as keys",
            )
        out[number] = proxy(_text_mapping(columns, "carried", number))
    return proxy(out)


def _carried_columns(value: object) -> tuple[str, ...]:
    names = _collection(value, "carried_columns")
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise InvalidValue(
                "is not a column name", field=f"carried_columns[{i}]", value=name, expected="a str"
            )
    if len(set(names)) != len(names):
        raise InvalidValue(
            "names a column twice", field="carried_columns", value=names, expected="each once"
        )
    return tuple(names)


def _typed(value: object) -> Mapping[str, str]:
    return types.MappingProxyType(_text_mapping(value, "typed"))


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
    carried: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict, converter=_carried)
    carried_columns: tuple[str, ...] = attrs.field(default=(), converter=_carried_columns)
    typed: Mapping[str, str] = attrs.field(factory=dict, converter=_typed)

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

    @classmethod
    def _of_reader(
        cls,
        *,
        cases: tuple[Case, ...],
        history: dict[str, tuple[Inquiry | Appointment, ...]],
        errors: tuple[RowError, ...],
        source: str,
        lines: tuple[int, ...],
        carried: dict[str, dict[str, str]],
        carried_columns: tuple[str, ...],
        typed: dict[str, str],
    ) -> Docket:
        """The docket :func:`~.reading.read_docket` has read, taken as it is: internal.

        The converters' checks are of values the reader made itself and holds, so they would
        re-check 100,000 of them (a tenth of a read): the cases and history items it built
        (each checked by its own constructor), the history under the cases' own (normal)
        receipt numbers, line numbers counted from 1, the carried cells and typed receipt
        numbers as the file's text, each carried column named once. What the converters do
        besides checking is done here too: every mapping made read-only. The checks across
        fields (``__attrs_post_init__``) run as for any docket. The dicts given become the
        docket's own: the caller keeps no reference to them.
        ``tests/edges/test_docket_checks.py`` builds each docket read there again with the
        constructor, and finds them equal.
        """
        proxy = types.MappingProxyType
        docket = object.__new__(cls)
        for name, value in (
            ("cases", cases),
            ("history", proxy(history)),
            ("errors", errors),
            ("source", source),
            ("lines", lines),
            ("carried", proxy({number: proxy(own) for number, own in carried.items()})),
            ("carried_columns", carried_columns),
            ("typed", proxy(typed)),
        ):
            object.__setattr__(docket, name, value)
        docket.__attrs_post_init__()
        return docket

    def __len__(self) -> int:
        """The number of cases the input held: those read and those in error (a row with
        several fields in error, one RowError each, counted once)."""
        return len(self.cases) + len({e.line for e in self.errors if e.source == self.source})


@attrs.frozen
class Entry:
    """One case of the input, as the report holds it: one row of :meth:`DocketReport.rows`.

    Attributes:
        line: the line the case starts on in the case file (None for a docket built by hand).
        receipt_number: the case's receipt number, normalised when valid, else as written
            (None when the row had none).
        typed: the receipt number as the file typed it.
        office: the case's office (as written, for a row in error).
        decision: the decision; None when the case could not be read or decided.
        errors: what went wrong with the case: its own row's errors, the engine's refusal and
            the errors of its history rows, in that order.
        carried: the firm's own columns of the case, as text.
    """

    line: int | None
    receipt_number: str | None
    typed: str | None
    office: str | None
    decision: Decision | None
    errors: tuple[RowError, ...] = ()
    carried: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def due(self) -> str | None:
        """``due`` of the row (:func:`due_of`); None for a case in error."""
        return None if self.errors or self.decision is None else due_of(self.decision)


def due_of(decision: Decision) -> str:
    """When the decision's action is due on its ``as_of``.

    - ``"nothing"``: NONE (nothing is needed) and EXHAUSTED (the encoded procedures set no
      further step: what lies beyond them is in the row's ``remedies``);
    - ``"today"``: allowed from ``as_of`` itself (an appointment on its day is due today);
    - ``"overdue"``: allowed since an earlier day, the action not yet recorded as taken;
    - ``"waiting"``: not yet allowed, until ``earliest`` (an appointment booked for a later
      day waits for its day).
    """
    if decision.action in (Action.NONE, Action.EXHAUSTED) or decision.earliest is None:
        return "nothing"
    if not decision.allowed:
        return "waiting"
    return "today" if decision.earliest >= decision.as_of else "overdue"


@attrs.frozen
class DocketReport:
    """The decisions for a docket, as of one date.

    Attributes:
        decisions: one per case decided, in docket order.
        errors: every row that could not be read and every case that could not be decided
            (each also in its case's row, but for the rows of no case:
            :attr:`errors_of_no_case`).
        counts: how many decisions call for each action (every action, zero included).
        as_of: the date decided for.
        ruleset_version: the rule set that decided.
        cases: the cases decided, parallel to ``decisions`` (for planning: :meth:`pairs`).
        entries: every case of the input, decided or in error, in the input's order: the
            rows of :meth:`rows` (None in a report built by hand from decisions and errors: one
            row each, decisions first).
        notices: the warnings true of the whole report (:data:`NOTICE_KINDS`: sources older
            than the policy allows, sources dated after ``as_of``), each once, in the order
            first met; the rows do not repeat them.
        carried_columns: the names of the firm's own columns, in the case file's order.
        changes: each entry's change against a previous report (:data:`CHANGE_VALUES`),
            parallel to ``entries``; empty when not compared.
        since: the previous report's ``as_of``, when it said it.
        previous: what the previous report was (its file's name), when compared.
        gone: the receipt numbers of the previous report's cases that are in this one no more.
    """

    decisions: tuple[Decision, ...]
    errors: tuple[RowError, ...]
    counts: Mapping[Action, int]
    as_of: _dt.date
    ruleset_version: str
    cases: tuple[Case, ...] = ()
    entries: tuple[Entry, ...] | None = None
    notices: tuple[Warning, ...] = ()
    carried_columns: tuple[str, ...] = ()
    changes: tuple[str | None, ...] = ()
    since: _dt.date | None = None
    previous: str | None = None
    gone: tuple[str, ...] = ()

    def pairs(self) -> tuple[tuple[Case, Decision], ...]:
        """``(case, decision)`` pairs, for ``requests_from_decisions`` and ``to_ics``."""
        return tuple(zip(self.cases, self.decisions, strict=True))

    @property
    def carried(self) -> Mapping[str, Mapping[str, str]]:
        """The firm's own columns of each case, by receipt number (as the entries hold them)."""
        return types.MappingProxyType(
            {e.receipt_number: e.carried for e in self._entries() if e.receipt_number is not None}
        )

    @property
    def errors_of_no_case(self) -> tuple[RowError, ...]:
        """The errors that belong to no case of the input (a history row of no case, a row whose
        receipt number could not be read): in :attr:`errors`, in no row."""
        held = {id(e) for entry in self._entries() for e in entry.errors}
        return tuple(e for e in self.errors if id(e) not in held)

    def columns(self) -> tuple[str, ...]:
        """The keys of every row: :data:`ROW_FIELDS`, then the carried columns (one named as a
        row key is prefixed with :data:`CARRIED_PREFIX`)."""
        return (*ROW_FIELDS, *self.carried_keys().values())

    def carried_keys(self) -> dict[str, str]:
        """The key of each carried column in the rows, by the firm's name for it: the name
        itself, or prefixed with :data:`CARRIED_PREFIX` when it is a row key's (ignoring case)."""
        taken = {f.casefold() for f in ROW_FIELDS}
        keys: dict[str, str] = {}
        for name in self.carried_columns:
            key = name
            while key.casefold() in taken:
                key = CARRIED_PREFIX + key
            taken.add(key.casefold())
            keys[name] = key
        return keys

    def _entries(self) -> tuple[Entry, ...]:
        if self.entries is not None:
            return self.entries
        # A report built by hand (decisions and errors only): one entry each.
        offices = {c.receipt_number: c.office for c in self.cases}
        return (
            *(
                Entry(None, d.receipt_number, None, offices.get(d.receipt_number), d)
                for d in self.decisions
            ),
            *(Entry(e.line, e.receipt_number, None, e.office, None, (e,)) for e in self.errors),
        )

    def rows(self) -> list[Row]:
        """Exactly one row per case of the input, in the input's order: see :data:`ROW_FIELDS`
        and :doc:`/concepts/morning-report`."""
        with collector_paused():
            return self._rows()

    def _rows(self) -> list[Row]:
        return list(self._each_row())

    def _each_row(self) -> Iterator[Row]:
        """The rows one by one: each row's values (:meth:`_each_row_values`) under
        :meth:`columns`."""
        # Each values list is as long as the columns (_row_values): zipped in C, row by row.
        return map(dict, map(zip, itertools.repeat(self.columns()), self._each_row_values()))

    def _each_row_values(self) -> Iterator[list[Any]]:
        """Each row's values, in :meth:`columns` order, one row at a time (the CSV writes each
        as it is made: none is kept, so there are never 100,000 rows for the collector to walk
        once it resumes; and the CSV needs no keys)."""
        rows = map(_row_values, self._entries(), itertools.repeat(self.carried_keys()))
        if not self.changes:
            return rows
        return _with_changes(rows, self.changes, self.since)

    def ordered_rows(self) -> list[Row]:
        """:meth:`rows` in the order a person acts on them: what is allowed first, by
        ``earliest`` (the longest overdue first, today's last among them), then what waits
        (the soonest first), then the cases with nothing to do, then those in error; the input's
        order within a tie."""
        return sorted(self.rows(), key=_person_order)

    def render(self, format: str) -> str:
        """The report as text in one of :data:`~.formats.FORMATS` (``"table"``, ``"markdown"``,
        ``"html"``, ``"csv"``, ``"json"``, ``"jsonl"``).

        Raises:
            InvalidValue: ``format`` is not one of them.
        """
        from infopass_rules.edges.docket.formats import render

        return render(self, format)

    def to_json(self) -> str:
        """The report as ONE JSON document: ``{"as_of", "ruleset_version", "counts",
        "notices", "rows", ...}`` (the ``DocketReport`` JSON Schema)."""
        return self.render("json")

    def to_jsonl(self) -> str:
        """The rows as JSON Lines: one row (the ``DocketRow`` JSON Schema) a line."""
        return self.render("jsonl")

    def to_markdown(self) -> str:
        """The report as a Markdown table, in the order a person acts on it."""
        return self.render("markdown")

    def to_html(self) -> str:
        """The report as one self-contained, printable HTML page."""
        return self.render("html")

    def to_table(self) -> str:
        """The report as a plain-text table for a terminal."""
        return self.render("table")

    def to_csv(self, file: str | os.PathLike[str] | IO[str]) -> None:
        """Write :meth:`rows` as CSV (a header, then a row per case; ``None`` as an empty cell,
        bools as ``true``/``false``, lists joined with ``"; "``) to a path or an open text file.

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
        columns = self.columns()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in columns])
        cell, safe, formula = csv_cell, spreadsheet_safe, _FORMULA_FIRST
        with collector_paused():
            # Each cell as csv_cell has it, with no call where the answer is known from the
            # value's class (most of a report's cells; the calls were a third of the write's
            # time): None is the empty cell the csv module writes for it, text not starting as a
            # formula is its own cell, a row's lists (LIST_FIELDS: no other value of a Row is a
            # list; lists of text) are text once joined, which starts as a formula only when
            # its first item does, a bool is one of csv_cell's two cells, and a number not
            # negative (a line, a step) is its digits.
            writer.writerows(
                [
                    value
                    if value is None or (value.__class__ is str and value[:1] not in formula)
                    else (
                        safe("; ".join(value))
                        if value and value[0][:1] in formula
                        else "; ".join(value)
                    )
                    if value.__class__ is list
                    else _BOOL_CELLS[value]
                    if value.__class__ is bool
                    else str(value)
                    if value.__class__ is int and value >= 0
                    else cell(value)
                    for value in values
                ]
                for values in self._each_row_values()
            )

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra:
        ``pip install infopass-rules[pandas]``).

        ``earliest`` and ``since`` are ``datetime64[ns]`` (NaT where empty), so they sort,
        compare and take ``.dt``; ``step`` and ``line`` are ``Int64`` (``<NA>`` where empty);
        ``allowed`` is ``bool`` (False on a row in error, which allows nothing); the list
        columns hold lists.
        """
        try:
            import pandas
        except ImportError:
            raise InvalidValue(
                "needs pandas, which is not installed",
                field="to_dataframe",
                expected="pip install 'infopass-rules[pandas]'",
            ) from None
        frame = pandas.DataFrame(self.rows(), columns=list(self.columns()))
        for column in ("earliest", "since"):
            frame[column] = pandas.to_datetime(frame[column], format="%Y-%m-%d")
        for column in ("step", "line"):
            frame[column] = frame[column].astype("Int64")
        frame["allowed"] = frame["allowed"].fillna(False).astype(bool)
        return frame

    def to_csv_text(self) -> str:
        """:meth:`to_csv` as a string."""
        out = io.StringIO()
        self._write_csv(out)
        return out.getvalue()


#: The first characters of a formula (FORMULA_STARTS), as a set: ``text[:1] in`` it is
#: ``text.startswith(FORMULA_STARTS)``, one lookup where the other tries each.
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
#: csv_cell's two cells of a bool.
_BOOL_CELLS = {True: csv_cell(True), False: csv_cell(False)}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the rows are built, then resume it.

    A report's rows are many small dicts and lists, none in a reference cycle; built beside a
    report's decisions (thousands of objects), they set off collection after collection that
    walks the whole heap and frees nothing: at 20,000 cases the rows took 2.5 times as long with
    the collector running. Only a collector that was running is resumed (a program that turned
    it off keeps it off).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_GROUP = {"overdue": 0, "today": 0, "waiting": 1, "nothing": 2}
_FAR = "9999-12-31"


def _person_order(row: Row) -> tuple[int, str]:
    group = 3 if row["error"] is not None else _GROUP.get(row["due"], 3)
    return (group, row["earliest"] or _FAR) if group < 2 else (group, "")


def remedy_text(remedy: Remedy) -> str:
    """A remedy in a few words, as a row lists it: its name and rule, whether it is open and
    from when (``Congressional inquiry (CONG-INQUIRY): open since 2018-02-15``). Why, and what
    it asks for, is the decision's (``Decision.remedies``, ``explain()``): a row stays short.
    One not open with no day to tell (a contact with USCIS is needed first, or the case is no
    delay) is "not open, no day yet", never "not yet open", which would promise one."""
    day = remedy.earliest.isoformat() if remedy.earliest is not None else None
    if remedy.allowed:
        return f"{remedy.name} ({remedy.rule_id}): open" + (f" since {day}" if day else "")
    if day is None:
        return f"{remedy.name} ({remedy.rule_id}): not open, no day yet"
    return f"{remedy.name} ({remedy.rule_id}): not yet open, from {day}"


#: The names of a set of channels, sorted, by the set (a few sets among all the decisions).
_CHANNEL_NAMES: dict[frozenset[Channel], tuple[str, ...]] = {}


def _channel_names(channels: frozenset[Channel]) -> tuple[str, ...]:
    """``channels``' names in order, sorted once for each set met (a row's own sorting of its
    one to three channels was a tenth of the rows' time)."""
    names = _CHANNEL_NAMES.get(channels)
    if names is None:
        names = _CHANNEL_NAMES[channels] = tuple(sorted(c._name_ for c in channels))
    return names


#: Where a row's values hold its change against a previous report, and that report's date.
_CHANGE_AT, _SINCE_AT = ROW_FIELDS.index("change"), ROW_FIELDS.index("since")


def _with_changes(
    rows: Iterator[list[Any]], changes: tuple[str | None, ...], since: _dt.date | None
) -> Iterator[list[Any]]:
    """``rows``' values with each one's change against a previous report (parallel to them)."""
    said = since.isoformat() if since is not None else None
    for values, change in zip(rows, changes, strict=True):
        values[_CHANGE_AT] = change
        values[_SINCE_AT] = said
        yield values


def _row_values(entry: Entry, carried_keys: Mapping[str, str]) -> list[Any]:
    """The values of ``entry``'s row, in :data:`ROW_FIELDS` order (each line names its field),
    then the firm's own columns, in ``carried_keys``' order (:meth:`DocketReport.columns`).

    A list, not a dict: the CSV writes the values alone, and a list of them is an eighth of the
    cost of the dict (the rows make their dicts from it)."""
    values = _field_values(entry)
    if carried_keys:
        carried = entry.carried
        values += [carried.get(name) for name in carried_keys]
    return values


def _field_values(entry: Entry) -> list[Any]:
    d = entry.decision
    error = "; ".join(str(e) for e in entry.errors) if entry.errors else None
    number = entry.typed or entry.receipt_number
    if d is None:
        return [
            number,  # receipt_number
            entry.line,  # line
            entry.office,  # office
            None,  # action
            None,  # what_to_do
            None,  # earliest
            None,  # allowed
            None,  # due
            [],  # channels
            None,  # why_not_yet
            None,  # step
            None,  # level
            [],  # remedies
            [],  # warnings
            [],  # rule_ids
            error,  # error
            None,  # change
            None,  # since
        ]
    earliest, level, remedies, warnings = d.earliest, d.level, d.remedies, d.warnings
    return [
        number or d.receipt_number,  # receipt_number
        entry.line,  # line
        entry.office,  # office
        d.action._name_,  # action
        d.headline(),  # what_to_do
        earliest.isoformat() if earliest is not None else None,  # earliest
        d.allowed,  # allowed
        None if error is not None else due_of(d),  # due
        list(_channel_names(d.channels)),  # channels
        d.why_not_yet() or None,  # why_not_yet
        d.step,  # step
        level._name_ if level is not None else None,  # level
        [remedy_text(r) for r in remedies] if remedies else [],  # remedies
        [  # warnings
            f"{w.kind._name_}: {w.text}"
            for w in warnings
            if not (w.kind in NOTICE_KINDS and w.rule_id is None)
        ]
        if warnings
        else [],
        list(d.rule_ids),  # rule_ids
        error,  # error
        None,  # change
        None,  # since
    ]


def notices_of(decisions: Iterable[Decision]) -> tuple[Warning, ...]:
    """The warnings of ``decisions`` true of the whole report (:data:`NOTICE_KINDS` naming no
    rule): one per kind, in the order first met.

    Each decision says it of its own sources; the report says it once, of them all: the text of
    one decision when they all say the same, else one text naming every source dated after
    ``as_of`` (LATER_SOURCE), or the range of the newest sources' dates (STALE_SOURCE).
    """
    found: dict[WarningKind, list[tuple[Decision, Warning]]] = {}
    for d in decisions:
        for w in d.warnings:
            if w.kind in NOTICE_KINDS and w.rule_id is None:
                found.setdefault(w.kind, []).append((d, w))
    notices = []
    for kind, said in found.items():
        first = said[0][1]
        if all(w.text == first.text for _, w in said):
            notices.append(first)
            continue
        as_of = said[0][0].as_of
        if kind is WarningKind.LATER_SOURCE:
            later = sorted({c.source_id for d, _ in said for c in d.citations if c.date > as_of})
            text = (
                f"Sources dated after {as_of.isoformat()} are cited ({', '.join(later)}): they "
                "describe the procedure as reported later, the best evidence of it on that date."
            )
            notices.append(Warning(kind, text))
            continue
        days = sorted({w.on for _, w in said if w.on is not None})
        if not days:  # pragma: no cover - a STALE_SOURCE of the sources always has its day
            notices.append(first)
            continue
        oldest, newest = days[0], days[-1]
        text = (
            f"The newest sources the decisions rest on are dated {oldest.isoformat()} to "
            f"{newest.isoformat()}, {(as_of - newest).days} to {(as_of - oldest).days} days "
            f"before {as_of.isoformat()}: the procedure may have changed since; check for "
            "newer guidance."
        )
        notices.append(Warning(kind, text, None, oldest))
    return tuple(notices)
