"""Reading a docket: :func:`read_docket` turns a firm's case list (and its history log), in CSV or
JSON Lines, into a :class:`~.model.Docket`, row by row.

The files are read as a stream (one CSV record or one JSON line at a time), so memory grows with
the cases kept, not with the file. A row that cannot be used never stops the others: it becomes
a :class:`~.model.RowError` naming its file, line and column (one per column at fault: every
problem of a row is told at once), and every case of the input ends up either in
``Docket.cases`` or in ``Docket.errors``.

**Case rows** (one per case): ``receipt_number`` and ``office`` (required), ``issue``, ``form``,
``category``, ``received_on``, ``outside_processing_times_on``, ``deadlines``,
``circumstances``, ``pressing``, ``resolved_on``.

**History rows** (one per inquiry or appointment): ``receipt_number``, ``kind`` (``inquiry`` or
``appointment``, or a word of the table such as ``Call`` or ``Letter``) and ``on`` (required);
for an inquiry ``channel`` (required unless the kind implies it: a letter is by mail),
``outcome``, ``level``, ``reference``, ``note``; for an appointment ``office`` (required) and
``attorney``.

**Columns** (:mod:`.columns`): a header names a field by its name (any case, spaces or dashes
for underscores) or by the firm's mapping (``columns``, ``history_columns``). Any other column
of the case file is the firm's own: carried as typed (``Docket.carried``), never interpreted;
a header that looks like a misspelt field is an error of the file, never silently carried.

**Values**: an empty cell (or a JSON ``null``) is "not given" (the field's default). Dates are
ISO ``YYYY-MM-DD``, and also the firm's ``date_format`` when given (never guessed). Enum and
yes/no values are the member's name or a word of :mod:`.vocabulary`'s table, in any case.
``deadlines`` is a ``;``-separated list of ``DATE:what`` (``2024-05-01:job starts;
2024-06-30:trip abroad``), ``circumstances`` a ``;``-separated list of names (``health;
employment``). In JSON Lines a value may also be a JSON list (for ``deadlines``: strings as
above or ``{"on": ..., "what": ...}`` objects; for ``circumstances``: names) or a JSON bool
(``pressing``). The receipt number is kept as typed too (``Docket.typed``) where it differs.

**Format**: by the file's extension (``.csv``; ``.jsonl``, ``.ndjson``, ``.json``), else by its
content (a first line starting with ``{`` is JSON Lines).

**Lines and encodings** (one reader for CSV and JSON Lines): a line ends at CRLF, LF or a bare CR
(old Mac files), each counted as one line; a UTF-8 byte-order mark is dropped. The file is read
as UTF-8: a row holding bytes that are not UTF-8 (a ``José`` saved as Windows-1252) is an error
of that row, naming its line, and the other rows are read. A quoted CSV cell may run over several
lines (a ``note`` or ``reference``, or the firm's own or a dropped column), at most
:data:`MAX_RECORD_LINES`; a row whose quote is never closed, or closed only so far on that the
row has the wrong number of cells or, in another field, lines that look like rows (holding
commas), is an error of its first line ("an unbalanced quote") and the lines after it are read
again as rows of their own, so one stray quote never swallows the rows below it.

**Speed**: a line without a quote is split on commas (what the CSV reader would make of it);
a quoted one goes through :mod:`csv`. The values of the cells that repeat (offices, dates,
words, forms) are worked out once per distinct text and kept (at most :data:`CACHED` a column),
so a row costs its split, a look-up a cell and the construction of its ``Case`` or history item,
whose own converters remain the one check of each value.
"""

from __future__ import annotations

import csv
import datetime as _dt
import itertools
import json
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import IO, Any

import attrs

from infopass_rules.edges.docket.columns import (
    CARRY,
    CASE_FIELDS,
    HISTORY_FIELDS,
    REQUIRED_CASE,
    REQUIRED_HISTORY,
    Columns,
    Layout,
    misspelling,
)
from infopass_rules.edges.docket.columns import (
    date_format as _date_format,
)
from infopass_rules.edges.docket.columns import (
    mapping as _mapping,
)
from infopass_rules.edges.docket.model import Docket, RowError, collector_paused
from infopass_rules.edges.docket.vocabulary import Vocabulary, vocabulary
from infopass_rules.edges.json import parse_json
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.converted import as_it_is, field_converters, from_converted
from infopass_rules.facts.enums import Channel, Outcome
from infopass_rules.facts.forms import optional_form
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.facts.offices import resolve_office
from infopass_rules.times.readers.files import path_kind, path_text

__all__ = [
    "CACHED",
    "CASE_FIELDS",
    "HISTORY_FIELDS",
    "MAX_RECORD_LINES",
    "DocketFile",
    "read_docket",
]

#: A docket file: a path, or an open text (or binary, UTF-8) file.
DocketFile = str | os.PathLike[str] | IO[str] | IO[bytes]

_INQUIRY_ONLY = ("channel", "outcome", "level", "reference", "note")
_APPOINTMENT_ONLY = ("office", "attorney")
_JSON_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_CSV_SUFFIXES = frozenset({".csv", ".txt"})

#: The most lines one CSV row may run over (a quoted cell holding line breaks); a row running
#: further is taken for an unbalanced quote.
MAX_RECORD_LINES = 100
#: The most distinct texts whose value is kept, per column (offices, dates, words repeat).
CACHED = 10_000
_CHUNK = 1 << 16
#: The fields whose quoted cell may hold lines that look like rows (free text), besides the
#: firm's own and dropped columns; in any other cell, such lines are taken for rows swallowed
#: by an unbalanced quote.
_MULTILINE_FIELDS = frozenset({"note", "reference", None})
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")
# What surrogateescape makes of a byte that is not UTF-8.
_NOT_UTF8 = re.compile(r"[\udc80-\udcff]")
_NOT_UTF8_MESSAGE = "is not UTF-8 text (byte 0x{:02x}); save the file as UTF-8"
_strip_end = operator.methodcaller("rstrip", "\r\n")


def read_docket(
    cases: DocketFile,
    history: DocketFile | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    history_columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    aliases: Mapping[str, Mapping[str, object]] | None = None,
) -> Docket:
    """Read a firm's cases (and their history) from CSV or JSON Lines files.

    Args:
        cases: the case file: a path, or an open file (text, or UTF-8 bytes).
        history: the history file, if any (rows of inquiries and appointments).
        columns: the case file's headers mapped to field names (``{"Receipt #":
            "receipt_number"}``; headers matched trimmed, in any case); ``""`` drops a column,
            ``"carry"`` carries it. Without ``history_columns`` it serves the history file too.
        history_columns: the history file's headers mapped to field names.
        date_format: the firm's dates, as a ``strptime`` format (``"%m/%d/%Y"``) or ``"us"``
            (the same); ISO ``YYYY-MM-DD`` is always read.
        aliases: the firm's own words, ``{field: {word: value}}``
            (:func:`~.vocabulary.vocabulary`), added to the table of :mod:`.vocabulary`.

    Returns:
        The :class:`~.model.Docket`: the cases read (in file order, with their lines), each
        case's history, the firm's own columns (``carried``, ``carried_columns``), the receipt
        numbers as typed (``typed``) and a :class:`~.model.RowError` for each problem of a row
        that could not be used. A case with a history row that could not be read is not decided
        without it: it is an error too (naming that row), so no step already taken is ever
        advised again.

    Raises:
        InvalidData: a file cannot be opened or is not UTF-8 text; a CSV header lacks a
            required column (the error lists every column of the file), repeats one, or has a
            column that looks like a misspelt field (the error names file and line).
        InvalidValue: ``columns``, ``history_columns``, ``date_format`` or ``aliases`` is not
            valid; a header is mapped to a field of the other file; ``cases`` or ``history``
            is neither a path nor a file.
    """
    fmt = _date_format(date_format)
    words = vocabulary(aliases)
    if history_columns is None:  # one mapping for both files, as in 0.2
        case_map = history_map = _mapping(columns, "columns", None)
    else:
        case_map = _mapping(columns, "columns", CASE_FIELDS)
        history_map = _mapping(history_columns, "history_columns", HISTORY_FIELDS)
    values = _Values(words, fmt)
    case_columns = Columns("case", CASE_FIELDS, REQUIRED_CASE, case_map, "columns")
    history_columns_ = Columns(
        "history", HISTORY_FIELDS, REQUIRED_HISTORY, history_map, "history_columns"
    )
    # The reader builds many small objects, none in a reference cycle: the collector, paused,
    # is spared walking the growing docket again and again to free nothing (as for the rows).
    with ExitStack() as stack, _read_errors():
        stack.enter_context(collector_paused())
        case_file = stack.enter_context(_source(cases, "<cases>", case_columns))
        history_file = (
            stack.enter_context(_source(history, "<history>", history_columns_))
            if history is not None
            else None
        )
        reader = _DocketReader(values, case_file.name)
        reader.read_cases(case_file)
        if history_file is not None:
            reader.read_history(history_file)
        docket = reader.docket()
        # The reader's working lists (a list of history items a case...) freed now, before
        # the collector resumes: it would walk each of them once, to free nothing.
        del reader
        return docket


@contextmanager
def _read_errors() -> Iterator[None]:
    """An error reading a file the reader opened (a disk failing mid-file) as InvalidData."""
    try:
        yield
    except OSError as exc:
        raise InvalidData(
            f"cannot be read ({exc.strerror or exc})",
            field=getattr(exc, "filename", None) or "docket file",
            expected="a readable file",
        ) from None


# --- values -----------------------------------------------------------------------------------


class _Blank:
    """The value of an empty cell: not given."""


_BLANK = _Blank()
_WHAT = {
    "issue": "an Issue",
    "circumstances": "a Circumstance",
    "channel": "a Channel",
    "outcome": "an Outcome",
    "level": "a Level",
}
_MISS = object()


@attrs.frozen
class _Bad:
    """The value of a cell that could not be read: its error."""

    error: InfopassRulesError


def _text(value: object, field: str) -> Any:
    if value is None:
        return _BLANK
    if not isinstance(value, str):
        raise InvalidValue("must be text", field=field, value=value, expected="a string")
    return value.strip() or _BLANK


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parts(value: object, field: str) -> list[object]:
    if isinstance(value, list):
        return list(value)
    if not isinstance(value, str):
        raise InvalidValue("must be text", field=field, value=value, expected="a string")
    return [p for p in value.split(";") if p.strip()]


#: The fields whose text is unique to its row (never kept): the rest repeat.
_FREE_TEXT = frozenset({"receipt_number", "reference", "note"})


class _Values:
    """How each field's cell becomes a value: one parser a field, and the values of the cells
    already seen (they repeat: offices, dates, words)."""

    def __init__(self, words: Vocabulary, fmt: str | None) -> None:
        self.words = words
        self.fmt = fmt
        self.case: dict[str, Callable[[object], Any]] = {
            "receipt_number": lambda x: _text(x, "receipt_number"),
            "office": self.office,
            "issue": lambda x: self.member(x, "issue"),
            "form": self.form,
            "category": lambda x: _text(x, "category"),
            "received_on": lambda x: self.date(x, "received_on"),
            "outside_processing_times_on": lambda x: self.date(x, "outside_processing_times_on"),
            "deadlines": self.deadlines,
            "circumstances": self.circumstances,
            "pressing": lambda x: self.yes_no(x, "pressing"),
            "resolved_on": lambda x: self.date(x, "resolved_on"),
        }
        self.history: dict[str, Callable[[object], Any]] = {
            "receipt_number": lambda x: _text(x, "receipt_number"),
            "kind": self.kind,
            "on": lambda x: self.date(x, "on"),
            "channel": lambda x: self.member(x, "channel"),
            "outcome": lambda x: self.member(x, "outcome"),
            "level": lambda x: self.member(x, "level"),
            "reference": lambda x: _text(x, "reference"),
            "note": lambda x: _text(x, "note"),
            "office": self.office,
            "attorney": lambda x: _text(x, "attorney"),
        }
        # Free text is unique to its row: never kept.
        free = _FREE_TEXT
        self.kept: dict[tuple[str, str], dict[Any, Any]] = {
            **{("case", f): {} for f in self.case if f not in free},
            **{("history", f): {} for f in self.history if f not in free},
        }

    def date_text(self, text: str, field: str) -> _dt.date:
        if len(text) == 10 and text[4:5] == "-":
            try:
                return v.iso_date(text, field)
            except InvalidValue:
                if self.fmt is None:
                    raise
        if self.fmt is not None:
            try:
                return _dt.datetime.strptime(text, self.fmt).date()
            except ValueError:
                pass
            raise InvalidValue(
                "is not a date",
                field=field,
                value=text,
                expected=f"YYYY-MM-DD or {self.fmt} (date_format)",
            )
        hint = (
            " (date_format='us' reads MM/DD/YYYY)"
            if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text)
            else ""
        )
        raise InvalidValue(
            "is not a date",
            field=field,
            value=text,
            expected="YYYY-MM-DD; give the firm's format with date_format= (--date-format), "
            f"never guessed{hint}",
        )

    def date(self, value: object, field: str) -> Any:
        text = _text(value, field)
        return text if text is _BLANK else self.date_text(text, field)

    def member(self, value: object, field: str) -> Any:
        text = _text(value, field)
        if text is _BLANK:
            return text
        found = self.words.lookup(field, text)
        if found is None:
            raise InvalidValue(
                f"must be {_WHAT[field]}",
                field=field,
                value=value,
                expected=self.words.accepted(field) + "; add the firm's own with aliases=",
            )
        return found

    def yes_no(self, value: object, field: str) -> Any:
        if isinstance(value, bool):
            return value
        text = _text(value, field)
        if text is _BLANK:
            return text
        found = self.words.lookup(field, text)
        if found is None:
            raise InvalidValue(
                "is not yes or no",
                field=field,
                value=value,
                expected=self.words.accepted(field),
            )
        return found

    def kind(self, value: object) -> Any:
        text = _text(value, "kind")
        if text is _BLANK:
            return text
        found = self.words.lookup("kind", text)
        if found is None:
            raise InvalidValue(
                "is not a kind of history row",
                field="kind",
                value=value,
                expected="inquiry or appointment, or a word for one: "
                + self.words.accepted("kind")
                + "; add the firm's own with aliases=",
            )
        return found

    def office(self, value: object) -> Any:
        text = _text(value, "office")
        return text if text is _BLANK else resolve_office(text)

    def form(self, value: object) -> Any:
        text = _text(value, "form")
        return text if text is _BLANK else optional_form(text)

    def deadline(self, value: object, field: str) -> Deadline:
        if isinstance(value, dict) and set(value) == {"on", "what"}:
            on = value["on"]
            if not isinstance(on, str):
                raise InvalidValue("must be text", field=f"{field}.on", value=on, expected="a date")
            return Deadline(self.date_text(on.strip(), f"{field}.on"), value["what"])
        text = _text(value, field)
        day, colon, what = ("" if text is _BLANK else text).partition(":")
        if not colon:
            raise InvalidValue(
                "is not a deadline", field=field, value=value, expected="YYYY-MM-DD:what"
            )
        return Deadline(self.date_text(day.strip(), field), what)

    def deadlines(self, value: object) -> Any:
        if _is_blank(value):
            return _BLANK
        return tuple(
            self.deadline(p, f"deadlines[{i}]") for i, p in enumerate(_parts(value, "deadlines"))
        )

    def circumstances(self, value: object) -> Any:
        if _is_blank(value):
            return _BLANK
        return frozenset(
            self.member_of("circumstances", p, f"circumstances[{i}]")
            for i, p in enumerate(_parts(value, "circumstances"))
        )

    def member_of(self, field: str, value: object, where: str) -> Any:
        """A member for an element of a list: its error names the element."""
        try:
            found = self.member(value, field)
        except InvalidValue as exc:
            raise InvalidValue(
                exc.problem, field=where, value=exc.value, expected=exc.expected
            ) from None
        if found is _BLANK:
            raise InvalidValue("is empty", field=where, expected=self.words.accepted(field))
        return found


def _converter(cls: type[Any], field: str) -> Callable[[object], object]:
    """The converter of ``cls``'s attribute ``field`` (what its constructor checks the value
    with), to tell each field's problem of a row apart."""
    attribute = attrs.fields_dict(cls)[field]
    convert = attribute.converter
    if isinstance(convert, attrs.Converter):
        inner: Callable[..., object] = convert.converter  # type: ignore[attr-defined]
        if convert.takes_field:  # type: ignore[attr-defined]
            return lambda value: inner(value, attribute)
        return inner
    return convert if callable(convert) else (lambda value: value)


def _each_problem(
    cls: type[Any], given: Mapping[str, object], skip: Iterable[str] = ()
) -> list[tuple[str, InfopassRulesError]]:
    """Each given field whose value ``cls`` refuses, with its error."""
    skipped = set(skip)
    own = attrs.fields_dict(cls)
    found: list[tuple[str, InfopassRulesError]] = []
    for field, value in given.items():
        if field in skipped or field not in own:
            continue
        try:
            _converter(cls, field)(value)
        except InfopassRulesError as exc:
            found.append((field, exc))
    return found


# --- the docket, row by row -------------------------------------------------------------------

_NEVER: dict[str, Any] = {}  # the "kept values" of free text: never filled


def _getter(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at ``indices`` of a row, as a tuple (one C call a row)."""
    if not indices:
        return lambda cells: ()
    if len(indices) == 1:
        i = indices[0]
        return lambda cells: (cells[i],)
    return operator.itemgetter(*indices)


def _as_text(value: object) -> str:
    """A JSON value of the firm's own key, as text (never interpreted)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


_Problem = tuple[str, InfopassRulesError]


class _DocketReader:
    """What has been read so far, and how a row of each file is read."""

    def __init__(self, values: _Values, source: str) -> None:
        self.values = values
        self.source = source
        self.kept: list[Case] = []
        self.lines: list[int] = []
        self.where: dict[str, int] = {}  # receipt number -> index in kept
        self.case_errors: list[RowError] = []
        self.erred: set[str] = set()  # receipt numbers of case rows in error
        self.carried: dict[str, dict[str, str]] = {}
        self.carried_columns: dict[str, None] = {}
        self.typed: dict[str, str] = {}
        self.items: dict[str, list[Inquiry | Appointment]] = {}
        self.history_errors: list[RowError] = []
        self.blocked: dict[str, RowError] = {}  # receipt number -> its first bad history row
        self.case_kept = {f: _keep(values, "case", f) for f in CASE_FIELDS}
        self.history_kept = {f: _keep(values, "history", f) for f in HISTORY_FIELDS}

    # -- cells to values

    def plan(self, file: str, fields: tuple[str, ...]) -> tuple[_Step, ...]:
        """How each of ``fields`` is read: its parser and the values kept (None: free text,
        stripped and left to the constructor's check)."""
        parsers = self.values.case if file == "case" else self.values.history
        kept = self.case_kept if file == "case" else self.history_kept
        return tuple((f, parsers[f], None if kept[f] is _NEVER else kept[f]) for f in fields)

    @staticmethod
    def _parse(
        plan: tuple[_Step, ...], raws: tuple[Any, ...]
    ) -> tuple[dict[str, Any], list[_Problem] | None]:
        """The values of a row's cells, and the problems of those that could not be read."""
        given: dict[str, Any] = {}
        problems: list[_Problem] | None = None
        for (field, parse, cache), raw in zip(plan, raws, strict=True):
            if raw.__class__ is not str:  # a JSON value
                if raw is None:
                    continue
                try:
                    got = parse(raw)
                except InfopassRulesError as exc:
                    got = _Bad(exc)
            elif not raw:
                continue
            elif cache is None:
                raw = raw.strip()
                if raw:
                    given[field] = raw
                continue
            else:
                got = cache.get(raw, _MISS)
                if got is _MISS:
                    try:
                        got = parse(raw)
                    except InfopassRulesError as exc:
                        got = _Bad(exc)
                    if len(cache) < CACHED:
                        cache[raw] = got
            if got is _BLANK:
                continue
            if got.__class__ is _Bad:
                if problems is None:
                    problems = []
                problems.append((field, got.error))
                continue
            given[field] = got
        return given, problems

    def _errors(
        self,
        source: str,
        line: int,
        problems: list[_Problem],
        names: Mapping[str, str],
        who: tuple[str | None, str | None],
        order: tuple[str, ...],
    ) -> list[RowError]:
        """One error per field at fault, in the file's column order."""

        def position(problem: _Problem) -> int:
            field = problem[0]
            return order.index(field) if field in order else len(order)

        out = []
        seen: set[str] = set()
        for field, exc in sorted(problems, key=position):
            if field in seen:
                continue
            seen.add(field)
            out.append(_row_error(source, line, exc, names.get(field, field), who))
        return out

    # -- the case file

    def read_cases(self, src: _Source) -> None:
        if src.json:
            for line, found in _json_rows(src):
                if isinstance(found, RowError):
                    self._case_file_error(found)
                    continue
                fields, raws, names, carried, problems = found
                self.carried_columns.update(dict.fromkeys(carried))
                plan = self.plan("case", fields)
                self.case_row(src.name, line, plan, raws, names, carried or None, problems)
            return
        layout = src.layout
        assert layout is not None
        assert src.cells is not None
        index = [i for i, f in enumerate(layout.fields) if f is not None]
        plan = self.plan("case", tuple(layout.fields[i] or "" for i in index))
        getter = _getter(index)
        carried_names = tuple(layout.headers[i] for i in layout.carried)
        carried_cells = _getter(layout.carried)
        self.carried_columns.update(dict.fromkeys(carried_names))
        names = layout.names
        case_row = self.case_row
        name = src.name
        fast = _Fast(self.values, "case", layout)
        quick = fast.args if fast.order is not None and fast.typed_at is not None else None
        typed_at = fast.typed_at or 0  # (None only where there is no quick way)
        kept, lines, where, typed, own = self.kept, self.lines, self.where, self.typed, self.carried
        for line, cells, text in src.cells.rows(len(layout.headers), _free(layout), _at(layout)):
            if isinstance(cells, RowError):
                self._case_file_error(cells)
                continue
            if not text.isascii() and _NOT_UTF8.search(text):
                self._case_file_error(_not_utf8_row(name, line, cells, layout))
                continue
            own_cells = (
                dict(zip(carried_names, carried_cells(cells), strict=True))
                if carried_names
                else None
            )
            # The quick way: every cell's value known already (or read now) and right, the
            # case new; anything else is read again the thorough way, for each problem.
            arguments = quick(cells) if quick is not None else None
            if arguments is not None:
                try:
                    case = from_converted(Case, arguments)  # each value a case converter's
                except InfopassRulesError:
                    pass
                else:
                    number = case.receipt_number
                    if number not in where:
                        where[number] = len(kept)
                        kept.append(case)
                        lines.append(line)
                        as_typed = cells[typed_at].strip()
                        if as_typed != number:
                            typed[number] = as_typed
                        if own_cells is not None:
                            own[number] = own_cells
                        continue
            case_row(name, line, plan, getter(cells), names, own_cells, None)

    def _case_file_error(self, error: RowError) -> None:
        self.case_errors.append(error)
        number = _receipt_or_none(error.receipt_number)
        if number is not None:
            self.erred.add(number)

    def case_row(
        self,
        source: str,
        line: int,
        plan: tuple[_Step, ...],
        raws: tuple[Any, ...],
        names: Mapping[str, str],
        carried: dict[str, str] | None,
        problems: list[_Problem] | None,
    ) -> None:
        given, found = self._parse(plan, raws)
        if found is None and problems is None and "receipt_number" in given and "office" in given:
            try:
                case = Case(**given)
            except InfopassRulesError as exc:
                problems = _each_problem(Case, given) or [(_base_field(exc), exc)]
            else:
                number = case.receipt_number
                first = self.where.get(number)
                if first is not None:
                    self.case_errors.append(
                        RowError(
                            source,
                            line,
                            names.get("receipt_number", "receipt_number"),
                            f"repeats the case of line {self.lines[first]}; each case once",
                            number,
                            case.office,
                        )
                    )
                    return
                self.where[number] = len(self.kept)
                self.kept.append(case)
                self.lines.append(line)
                typed = given["receipt_number"]
                if typed != number:
                    self.typed[number] = typed
                if carried is not None:
                    self.carried[number] = carried
                return
        else:
            problems = [*(problems or ()), *(found or ())]
            problems += _each_problem(Case, given, skip=_PARSED_CASE)
            problems += _missing(REQUIRED_CASE, given, problems)
        fields = tuple(step[0] for step in plan)
        raw_number = _raw_of("receipt_number", fields, raws)
        who = (_receipt_or_raw(raw_number), _raw(_raw_of("office", fields, raws)))
        self.case_errors.extend(self._errors(source, line, problems, names, who, fields))
        found_number = _receipt_or_none(raw_number)
        if found_number is not None:
            number = found_number
            self.erred.add(number)
            typed = given.get("receipt_number")
            if typed is not None and typed != number and number not in self.typed:
                self.typed[number] = typed
            if carried is not None and number not in self.carried:
                self.carried[number] = carried

    # -- the history file

    def read_history(self, src: _Source) -> None:
        if src.json:
            for line, found in _json_rows(src):
                if isinstance(found, RowError):
                    self._history_file_error(found)
                    continue
                fields, raws, names, _, problems = found
                plan = self.plan("history", fields)
                self.history_row(src.name, line, plan, raws, names, problems)
            return
        layout = src.layout
        assert layout is not None
        assert src.cells is not None
        index = [i for i, f in enumerate(layout.fields) if f is not None]
        plan = self.plan("history", tuple(layout.fields[i] or "" for i in index))
        getter = _getter(index)
        names = layout.names
        history_row = self.history_row
        name = src.name
        fast = _Fast(self.values, "history", layout)
        values = fast.values
        where, items = self.where, self.items
        for line, cells, text in src.cells.rows(len(layout.headers), _free(layout), _at(layout)):
            if isinstance(cells, RowError):
                self._history_file_error(cells)
                continue
            if not text.isascii() and _NOT_UTF8.search(text):
                self._history_file_error(_not_utf8_row(name, line, cells, layout))
                continue
            given = values(cells)
            if given is not None:
                item = _quick_item(given)
                if item is not None:
                    number = (
                        item.receipt_number
                        if isinstance(item, Inquiry)
                        else item.receipt_numbers[0]
                    )
                    if number in where:
                        known = items.get(number)
                        if known is None:
                            items[number] = [item]
                        else:
                            known.append(item)
                        continue
            history_row(name, line, plan, getter(cells), names, None)

    def _history_file_error(self, error: RowError) -> None:
        self.history_errors.append(error)
        number = _receipt_or_none(error.receipt_number)
        if number is not None and number in self.where and number not in self.blocked:
            self.blocked[number] = error

    def history_row(
        self,
        source: str,
        line: int,
        plan: tuple[_Step, ...],
        raws: tuple[Any, ...],
        names: Mapping[str, str],
        problems: list[_Problem] | None,
    ) -> None:
        given, found = self._parse(plan, raws)
        item = self._history_item(
            source, line, plan, raws, names, given, [*(problems or ()), *(found or ())]
        )
        if item is None:
            return
        number = (
            item.receipt_number if isinstance(item, Inquiry) else item.receipt_numbers[0]
        ) or ""
        if number in self.where:
            items = self.items.get(number)
            if items is None:
                self.items[number] = [item]
            else:
                items.append(item)
        elif number not in self.erred:  # a case in error already says why
            self.history_errors.append(
                RowError(
                    source,
                    line,
                    names.get("receipt_number", "receipt_number"),
                    "is not the receipt number of a case of the docket",
                    number,
                )
            )

    def _history_item(
        self,
        source: str,
        line: int,
        plan: tuple[_Step, ...],
        raws: tuple[Any, ...],
        names: Mapping[str, str],
        given: dict[str, Any],
        bad: list[_Problem],
    ) -> Inquiry | Appointment | None:
        """The inquiry or appointment of a history row read the thorough way; None, with an
        error for every problem of the row (one per field), when it cannot be read."""
        fields = tuple(step[0] for step in plan)
        given = dict(given)
        kind_value = given.pop("kind", None)
        number_text = given.pop("receipt_number", None)
        if kind_value is not None:
            kind, implied = kind_value
            bad += _misplaced_fields(kind, given)
            if kind == "inquiry" and implied is not None:
                channel = given.get("channel")
                if channel is None:
                    given["channel"] = implied
                elif channel is not implied:
                    bad.append(_disagreeing(channel, implied, _raw_of("kind", fields, raws)))
            bad += _missing(("channel" if kind == "inquiry" else "office",), given, bad)
        cls: type[Inquiry] | type[Appointment] = (
            Appointment if kind_value is not None and kind_value[0] == "appointment" else Inquiry
        )
        present = {**given, "kind": kind_value, "receipt_number": number_text}
        bad += _missing(REQUIRED_HISTORY, present, bad)
        if number_text is not None:
            bad += _receipt_problem(number_text)
        bad += _each_problem(cls, given, skip=_PARSED_HISTORY)
        if not bad:
            try:
                if cls is Inquiry:
                    return Inquiry(receipt_number=number_text, **given)
                return Appointment(receipt_numbers=(number_text,), **given)
            except InfopassRulesError as exc:  # each value is right alone, not together
                bad = [(_base_field(exc), exc)]
        who = (_receipt_or_raw(_raw_of("receipt_number", fields, raws)), None)
        errors = self._errors(source, line, bad, names, who, fields)
        self.history_errors.extend(errors)
        number = _receipt_or_none(number_text)
        if number is not None and number in self.where and number not in self.blocked:
            self.blocked[number] = errors[0]
        return None

    # -- the docket

    def docket(self) -> Docket:
        case_errors = self.case_errors
        for number, bad in self.blocked.items():
            i = self.where[number]
            case_errors.append(
                RowError(
                    self.source,
                    self.lines[i],
                    "history",
                    f"its history row at {bad.source}:{bad.line} could not be read; the case "
                    "is not decided without it",
                    number,
                    self.kept[i].office,
                )
            )
        case_errors.sort(key=lambda e: e.line)
        blocked = self.blocked
        if blocked:
            keep = [i for i, c in enumerate(self.kept) if c.receipt_number not in blocked]
            final, lines = tuple(self.kept[i] for i in keep), tuple(self.lines[i] for i in keep)
        else:
            final, lines = tuple(self.kept), tuple(self.lines)
        items = self.items
        # Taken as read (Docket._of_reader): every value here was made and checked by this
        # reader; the constructor would check 100,000 of them again.
        return Docket._of_reader(
            cases=final,
            # In the cases' order (where: each kept case's receipt number, in file order).
            history={
                number: tuple(items[number])
                for number in self.where
                if number in items and number not in blocked
            },
            errors=(*case_errors, *self.history_errors),
            source=self.source,
            lines=lines,
            carried=self.carried,
            carried_columns=tuple(self.carried_columns),
            typed=self.typed,
        )


_Step = tuple[str, Callable[[object], Any], "dict[Any, Any] | None"]
_MISSES = itertools.repeat(_MISS)


class _Fast:
    """The quick reading of a CSV row: the values of its cells looked up in one call a row
    (each column's values kept: offices, dates, words repeat), the free text stripped.

    :meth:`values` gives the row's arguments for its constructor, an empty optional cell as
    the field's default (None in the history), or None when a cell is empty where a value is
    required or cannot be read: the thorough reading then tells each problem. It reads no
    value its own way: each value comes from the same parser as the thorough reading's, then
    goes through the converter of the fact's field (a case's, an inquiry's: ``_CONVERTED``),
    once for each text kept, so that the fact is built from values its converters gave
    (:func:`~infopass_rules.facts.converted.from_converted`) without converting them again
    (None, an empty cell, is left as it is).
    """

    def __init__(self, values: _Values, file: str, layout: Layout) -> None:
        parsers = values.case if file == "case" else values.history
        cls = Case if file == "case" else None
        self.defaults: dict[str, Any] = (
            {a.name: a.default for a in attrs.fields(cls)} if cls is not None else {}
        )
        self.required = frozenset(REQUIRED_CASE if file == "case" else REQUIRED_HISTORY)
        cached = [i for i, f in enumerate(layout.fields) if f is not None and f not in _FREE_TEXT]
        self.fields = tuple(layout.fields[i] or "" for i in cached)
        self.parsers = tuple(parsers[f] for f in self.fields)
        converters = _CONVERTED[file]
        self.converters = tuple(converters.get(f, as_it_is) for f in self.fields)
        self.caches: tuple[dict[str, Any], ...] = tuple({} for _ in self.fields)
        self.cells = _getter(cached)
        self.free = tuple(
            (f, i, converters.get(f, as_it_is))
            for i, f in enumerate(layout.fields)
            if f is not None and f in _FREE_TEXT
        )
        # A case's arguments in the order of its attributes (positional: no keywords to match
        # a row): the cells' values, then the free text, then the defaults of the fields the
        # file has no column for (converted, as the cells' values are).
        self.order: Callable[[list[Any]], tuple[Any, ...]] | None = None
        self.typed_at: int | None = None  # the cell of the receipt number (as typed)
        if cls is not None and not any(a.kw_only for a in attrs.fields(cls)):
            names = [*self.fields, *(f for f, _, _ in self.free)]
            absent = [a.name for a in attrs.fields(cls) if a.name not in names]
            self.absent = [converters[name](self.defaults[name]) for name in absent]
            names += absent
            self.order = operator.itemgetter(*(names.index(a.name) for a in attrs.fields(cls)))
            self.typed_at = next((i for f, i, _ in self.free if f == "receipt_number"), None)

    def _read_cells(self, cells: list[str]) -> list[Any] | None:
        """The values of the row's cells (a text met before taken from its column's cache); None
        when one cannot be read (the row is then read the thorough way, naming each field)."""
        raws = self.cells(cells)
        got = [*map(dict.get, self.caches, raws, _MISSES)]
        if _MISS in got:
            for k, value in enumerate(got):
                if value is _MISS:
                    value = self._read(k, raws[k])
                    if value is _MISS:
                        return None
                    got[k] = value
        return got

    def args(self, cells: list[str]) -> tuple[Any, ...] | None:
        """A case's arguments, in the order of its attributes, each converted by the case's
        field (see :meth:`values`)."""
        got = self._read_cells(cells)
        if got is None:
            return None
        for field, i, convert in self.free:
            text = cells[i].strip()
            if not text:
                if field in self.required:
                    return None
                got.append(None)
                continue
            try:
                got.append(convert(text))
            except InfopassRulesError:
                return None
        got += self.absent
        assert self.order is not None
        return self.order(got)

    def values(self, cells: list[str]) -> dict[str, Any] | None:
        """A history row's values by field: the kept ones converted by an inquiry's fields,
        the free text as written, stripped (an item's constructor converts it)."""
        got = self._read_cells(cells)
        if got is None:
            return None
        given = dict(zip(self.fields, got))  # noqa: B905 - one length: the layout's
        for field, i, _ in self.free:
            text = cells[i].strip()
            if text:
                given[field] = text
            elif field in self.required:
                return None
        return given

    def _read(self, k: int, raw: str) -> Any:
        field = self.fields[k]
        try:
            value = self.parsers[k](raw)
            if value is _BLANK:
                if field in self.required:
                    return _MISS
                value = self.defaults.get(field)
            if value is not None:
                value = self.converters[k](value)
        except InfopassRulesError:
            return _MISS
        cache = self.caches[k]
        if len(cache) < CACHED:
            cache[raw] = value
        return value


#: The converters the quick reading puts a file's values through: a case's fields', and an
#: inquiry's for the history (a history row is an inquiry or an appointment: the one field
#: both have, ``on``, converts alike, and an appointment is built by its constructor).
_CONVERTED: dict[str, dict[str, Callable[[object], Any]]] = {
    "case": field_converters(Case),
    "history": field_converters(Inquiry),
}
#: An inquiry's converters of the free text, for the quick reading's inquiries.
_INQUIRY_RECEIPT, _INQUIRY_REFERENCE, _INQUIRY_NOTE = (
    _CONVERTED["history"][f] for f in ("receipt_number", "reference", "note")
)


def _quick_item(given: dict[str, Any]) -> Inquiry | Appointment | None:
    """The item of a history row read the quick way (:class:`_Fast`; empty cells None), when
    it is plainly right; None for the thorough reading to tell what is wrong."""
    kind, implied = given["kind"]
    try:
        if kind == "inquiry":
            if given.get("office") is not None or given.get("attorney") is not None:
                return None
            channel = given.get("channel")
            if implied is not None:
                if channel is None:
                    channel = implied
                elif channel is not implied:
                    return None
            elif channel is None:
                return None
            outcome = given.get("outcome")
            reference, note = given.get("reference"), given.get("note")
            # Every value is an inquiry converter's (the kept ones by _Fast, the free text
            # here; an implied channel, the default outcome and None are their own).
            return from_converted(
                Inquiry,
                (
                    given["on"],
                    channel,
                    Outcome.UNRESOLVED if outcome is None else outcome,
                    given.get("level"),
                    _INQUIRY_RECEIPT(given["receipt_number"]),
                    None if reference is None else _INQUIRY_REFERENCE(reference),
                    None if note is None else _INQUIRY_NOTE(note),
                ),
            )
        office = given.get("office")
        if office is None or any(given.get(f) is not None for f in _INQUIRY_ONLY):
            return None
        return Appointment(
            on=given["on"],
            office=office,
            receipt_numbers=(given["receipt_number"],),
            attorney=given.get("attorney"),
        )
    except InfopassRulesError:
        return None


def _disagreeing(channel: Channel, implied: Channel, kind: object) -> _Problem:
    return (
        "channel",
        InvalidValue(
            f"is {channel.name}, but the row's kind ({kind!r}) is an inquiry by {implied.name}",
            field="channel",
            expected="the two to agree, or one of them left empty",
        ),
    )


def _keep(values: _Values, file: str, field: str) -> dict[Any, Any]:
    kept = values.kept.get((file, field))
    return _NEVER if kept is None else kept


#: The fields whose value the reader works out itself (checked already when given).
_PARSED_CASE = frozenset(
    {
        "office",
        "issue",
        "form",
        "received_on",
        "outside_processing_times_on",
        "deadlines",
        "circumstances",
        "pressing",
        "resolved_on",
    }
)
_PARSED_HISTORY = frozenset({"on", "channel", "outcome", "level", "office"})


def _misplaced_fields(kind: str, given: dict[str, Any]) -> list[_Problem]:
    other = _APPOINTMENT_ONLY if kind == "inquiry" else _INQUIRY_ONLY
    own = _INQUIRY_ONLY if kind == "inquiry" else _APPOINTMENT_ONLY
    found: list[_Problem] = []
    for field in other:
        if field in given:
            value = given.pop(field)
            found.append(
                (
                    field,
                    InvalidValue(
                        f"is not a field of an {kind}",
                        field=field,
                        value=value.name if isinstance(value, Channel) else value,
                        expected=f"an empty cell (fields of an {kind}: "
                        + ", ".join(("on", *own))
                        + ")",
                    ),
                )
            )
    return found


def _missing(
    required: Iterable[str], given: Mapping[str, object], problems: list[_Problem]
) -> list[_Problem]:
    told = {f for f, _ in problems}
    return [
        (f, InvalidValue("is missing", field=f, expected="a value"))
        for f in required
        if given.get(f) is None and f not in told
    ]


def _receipt_problem(text: object) -> list[_Problem]:
    try:
        v.receipt_number(text)
    except InfopassRulesError as exc:
        return [("receipt_number", exc)]
    return []


def _base_field(exc: InfopassRulesError) -> str:
    return (exc.field or "").split(".")[0].split("[")[0]


def _raw_of(field: str, fields: tuple[str, ...], raws: tuple[Any, ...]) -> Any:
    for f, raw in zip(fields, raws, strict=True):
        if f == field:
            return raw
    return None


def _free(layout: Layout) -> frozenset[int]:
    """The columns whose quoted cell may hold lines that look like rows."""
    return frozenset(i for i, f in enumerate(layout.fields) if f in _MULTILINE_FIELDS)


def _at(layout: Layout) -> tuple[int | None, int | None]:
    """The columns of the receipt number and the office, to tell whose row is bad."""
    fields = layout.fields
    return (
        fields.index("receipt_number") if "receipt_number" in fields else None,
        fields.index("office") if "office" in fields else None,
    )


def _not_utf8_row(source: str, line: int, cells: list[str], layout: Layout) -> RowError:
    for i, cell in enumerate(cells):
        message = _not_utf8(cell)
        if message is not None:
            field = layout.fields[i]
            column = layout.names.get(field, "") if field is not None else layout.headers[i]
            break
    else:  # pragma: no cover - the row's text held the byte, so one of its cells does
        column, message = "", _NOT_UTF8_MESSAGE.format(0)
    number = _cell_of(cells, layout, "receipt_number")
    office = _cell_of(cells, layout, "office")
    return RowError(
        source,
        line,
        column,
        message,
        None if number is None or _not_utf8(number) else _receipt_or_raw(number),
        None if office is None or _not_utf8(office) else _raw(office),
    )


def _cell_of(cells: list[str], layout: Layout, field: str) -> str | None:
    column = layout.names.get(field)
    if column is None:
        return None
    i = layout.fields.index(field)
    return cells[i] if i < len(cells) else None


def _row_error(
    source: str,
    line: int,
    exc: InfopassRulesError,
    column: str,
    who: tuple[str | None, str | None],
) -> RowError:
    message = str(exc)
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2 :]
    return RowError(source, line, column, message, *who)


def _raw(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _receipt_or_none(value: object) -> str | None:
    try:
        return v.receipt_number(value)
    except InfopassRulesError:
        return None


def _receipt_or_raw(value: object) -> str | None:
    return _receipt_or_none(value) or _raw(value)


# --- files: their format, header and rows -----------------------------------------------------


class _Source:
    """An open docket file: its name and rows (CSV, with its resolved header, or JSON Lines)."""

    def __init__(
        self,
        name: str,
        columns: Columns,
        *,
        cells: _CsvCells | None = None,
        layout: Layout | None = None,
        lines: Iterator[str] | None = None,
    ) -> None:
        self.name = name
        self.columns = columns
        self.cells = cells
        self.layout = layout
        self.lines = lines
        self.json = lines is not None


@contextmanager
def _source(file: DocketFile, default_name: str, columns: Columns) -> Iterator[_Source]:
    """The file opened, its format told and (for CSV) its header read and resolved."""
    with _opened(file, default_name) as (name, stream, suffix, own):
        lines = _text_lines(stream, name, own)
        first = next(lines, None)
        if first is None:
            yield _Source(name, columns, lines=iter(()))
            return
        first = first.removeprefix("\ufeff")
        chained = itertools.chain([first], lines)
        json_lines = (
            suffix in _JSON_SUFFIXES
            if suffix in _JSON_SUFFIXES | _CSV_SUFFIXES
            else first.lstrip().startswith("{")
        )
        if json_lines:
            yield _Source(name, columns, lines=chained)
            return
        cells = _CsvCells(chained, name)
        layout = columns.layout(cells.header(), name)
        yield _Source(name, columns, cells=cells, layout=layout)


class _TooLong(Exception):
    """A CSV row running over more than MAX_RECORD_LINES lines."""


def _quoted(first: str, rest: Iterator[str], taken: list[str]) -> list[str]:
    """The cells of a CSV record starting with ``first`` (a line holding a quote or a NUL),
    taking from ``rest`` the lines a quoted cell runs over (each added to ``taken``).

    Raises:
        csv.Error: the record is not valid CSV (a quote never closed: at the end of the file).
        _TooLong: its quoted cell runs over more than :data:`MAX_RECORD_LINES` lines.
    """

    def feed() -> Iterator[str]:
        yield first + "\n"
        while True:
            if len(taken) >= MAX_RECORD_LINES:
                raise _TooLong
            line = next(rest, None)
            if line is None:
                return
            taken.append(line)
            yield line + "\n"

    return next(csv.reader(feed(), strict=True), [])


def _holds_rows(cell: str) -> bool:
    """Whether a cell's lines after its first look like rows of their own (they hold commas)."""
    return any("," in line for line in _LINE_END.split(cell)[1:])


class _CsvCells:
    """The records of a CSV file, each with the line it starts on.

    A line without a quote (or a NUL) is one record, split on commas: that is what the CSV
    reader makes of it. A line with one goes through :mod:`csv`, taking the lines its quoted
    cell runs over; when the quote turns out unbalanced, the lines after its first are given
    back, to be read again as rows of their own.
    """

    def __init__(self, lines: Iterator[str], name: str) -> None:
        self._lines = lines
        self._name = name
        self._line = 0

    def header(self) -> list[str]:
        """The header's cells (line 1); an unbalanced quote or bytes not UTF-8 in it are
        errors of the file."""
        first = next(self._lines, None)
        self._line = 1
        if first is None:  # pragma: no cover - the file has a first line
            return []
        taken = [first]
        problem = None
        try:
            head = _quoted(first, self._lines, taken) if first else []
        except (csv.Error, _TooLong) as exc:
            head, problem = [], str(exc) or "an unbalanced quote"
        if len(taken) > 1:
            problem = f"an unbalanced quote: the header runs on to line {len(taken)}"
        if problem is not None:
            raise InvalidData(
                f"is not a valid CSV header ({problem})",
                field=f"{self._name}:1",
                expected="a header of column names on line 1",
            )
        bad_bytes = _not_utf8(first)
        if bad_bytes is not None:
            raise InvalidData(bad_bytes, field=f"{self._name}:1", expected="a UTF-8 header")
        return head

    def rows(
        self, width: int, free: frozenset[int], who: tuple[int | None, int | None]
    ) -> Iterator[tuple[int, list[str] | RowError, str]]:
        """``(line, cells, text)`` for each record that is not blank, its cells a
        :class:`RowError` when it is not one row of ``width`` cells; ``text`` is all the
        record's lines (to look for bytes that are not UTF-8)."""
        name = self._name
        number_at, office_at = who
        lines = self._lines
        n = self._line
        while True:
            again = None
            for line in lines:
                n += 1
                if '"' not in line and "\x00" not in line:
                    if (line[:1] in ", \t" or line[:1].isspace()) and not line.replace(
                        ",", ""
                    ).strip():
                        continue  # a blank line
                    cells = line.split(",")
                    if len(cells) == width:
                        yield n, cells, line
                        continue
                    yield n, self._wrong_width(n, cells, width, number_at, office_at), line
                    continue
                taken = [line]
                try:
                    cells = _quoted(line, lines, taken)
                except (csv.Error, _TooLong) as exc:
                    if isinstance(exc, _TooLong):
                        message = (
                            "has an unbalanced quote (a quoted cell runs over more than "
                            f"{MAX_RECORD_LINES} lines); the lines after it are read as rows"
                        )
                    elif len(taken) > 1:
                        message = (
                            f"is not valid CSV ({exc}): a quote opened on this line is "
                            "unbalanced; the lines after it are read as rows"
                        )
                    else:
                        message = f"is not valid CSV ({exc})"
                    yield n, RowError(name, n, "", message, *_who(line)), line
                    if len(taken) > 1:
                        again = taken[1:]
                        break
                    continue
                if not any(cell.strip() for cell in cells):
                    n += len(taken) - 1
                    continue  # a blank row
                if len(taken) > 1 and (
                    len(cells) != width
                    or any(i not in free and _holds_rows(c) for i, c in enumerate(cells))
                ):
                    message = (
                        f"has an unbalanced quote (a quoted cell runs on to line "
                        f"{n + len(taken) - 1}, giving {len(cells)} cells; the header has "
                        f"{width}); the lines after it are read as rows"
                    )
                    yield n, RowError(name, n, "", message, *_who(line)), line
                    again = taken[1:]
                    break
                start = n
                n += len(taken) - 1
                if len(cells) != width:
                    yield start, self._wrong_width(start, cells, width, number_at, office_at), line
                    continue
                yield start, cells, "\n".join(taken) if len(taken) > 1 else line
            if again is None:
                self._line = n
                return
            lines = itertools.chain(again, lines)

    def _wrong_width(
        self,
        line: int,
        cells: list[str],
        width: int,
        number_at: int | None,
        office_at: int | None,
    ) -> RowError:
        number = cells[number_at] if number_at is not None and number_at < len(cells) else None
        office = cells[office_at] if office_at is not None and office_at < len(cells) else None
        return RowError(
            self._name,
            line,
            "",
            f"has {len(cells)} cells; the header has {width}",
            _receipt_or_raw(number),
            _raw(office),
        )


def _who(line: str) -> tuple[str | None, str | None]:
    """What can be told of the case a bad row is about: a receipt number on its first line."""
    found = _RECEIPT_IN_LINE.search(line)
    return (_receipt_or_none(found.group()) if found else None), None


_FORBIDDEN_KEY = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_RECEIPT_IN_LINE = re.compile(r"\b[A-Za-z]{3}[0-9]{10}\b")


_JsonRow = tuple[
    tuple[str, ...], tuple[Any, ...], dict[str, str], dict[str, str], list[_Problem] | None
]


def _json_rows(src: _Source) -> Iterator[tuple[int, RowError | _JsonRow]]:
    """Each JSON line's fields and values, its firm's own keys (as text) and the problems of
    its keys; or the error of a line that is not a JSON object."""
    name, columns = src.name, src.columns
    assert src.lines is not None
    for n, text in enumerate(src.lines, 1):
        if not text.strip():
            continue
        bad_bytes = _not_utf8(text)
        if bad_bytes is not None:
            yield n, RowError(name, n, "", bad_bytes, *_who(text))
            continue
        try:
            document = parse_json(text)
        except InfopassRulesError as exc:
            yield n, RowError(name, n, "", f"is not a JSON object ({exc})")
            continue
        if not isinstance(document, dict):
            yield n, RowError(name, n, "", "is not a JSON object")
            continue
        fields: list[str] = []
        raws: list[Any] = []
        names: dict[str, str] = {}
        carried: dict[str, str] = {}
        problems: list[_Problem] | None = None
        for key, value in document.items():
            if _FORBIDDEN_KEY.search(key):
                problems = [
                    *(problems or ()),
                    (
                        key,
                        InvalidValue(
                            "is a key holding a control character",
                            field=key,
                            value=key,
                            expected="keys of printable text",
                        ),
                    ),
                ]
                names[key] = key
                continue
            field = columns.field_of(key)
            if field and field != CARRY and field not in columns.fields:
                raise columns.misplaced(key, field, name)
            problem: InvalidValue | None = None
            if field is None:
                guess = misspelling(key, columns.fields)
                if guess is not None:
                    problem = InvalidValue(
                        f"is not a known key (did you mean {guess}?)",
                        field=key,
                        expected=f"a field of the {columns.file} file, or the firm's own key; "
                        f"map it with {columns.option}= to {guess}, to {CARRY!r} or to ''",
                    )
                    names[key] = key
                    field = key
            elif field in names:
                problem = InvalidValue(f"gives the field {field} twice", field=key)
                names.setdefault(key, key)
                field = key
            if problem is not None:
                problems = [*(problems or ()), (key, problem)]
                continue
            if field is None or field == CARRY:
                carried[key] = _as_text(value)
                continue
            if not field:
                continue
            fields.append(field)
            raws.append(value)
            names[field] = key
        yield n, (tuple(fields), tuple(raws), names, carried, problems)


# --- lines: the one reader of line endings and encodings, for CSV and JSON Lines -----------------


def _chunks(read: Callable[[int], object], name: str) -> Iterator[str | bytes]:
    """The file's content, a chunk at a time, all text or all bytes; a file that cannot be read
    (closed, open for writing only, giving neither text nor bytes) is an error naming it."""
    kind: type | None = None
    while True:
        try:
            chunk = read(_CHUNK)
        except UnicodeDecodeError as exc:  # a text file opened with another encoding
            raise InvalidData(
                f"is not UTF-8 text ({exc.reason})",
                field=name,
                expected="a UTF-8 file, or the file opened in binary mode ('rb')",
            ) from None
        except OSError as exc:  # io.UnsupportedOperation: open for writing only
            raise InvalidData(
                f"cannot be read ({exc.strerror or exc})",
                field=name,
                expected="a file open for reading",
            ) from None
        except (ValueError, TypeError, AttributeError) as exc:  # closed, or no real file
            raise InvalidValue(
                f"cannot be read ({exc})", field=name, expected="a file open for reading"
            ) from None
        if isinstance(chunk, bytearray | memoryview):
            chunk = bytes(chunk)
        if not isinstance(chunk, str | bytes) or (kind is not None and type(chunk) is not kind):
            raise InvalidValue(
                "gives neither text nor bytes when read",
                field=name,
                value=type(chunk).__name__,
                expected="a text or binary file open for reading",
            )
        if not chunk:
            return
        kind = type(chunk)
        yield chunk


def _split_lines(chunks: Iterable[Any], pattern: re.Pattern[Any]) -> Iterator[Any]:
    """The lines of ``chunks`` without their endings: CRLF, LF and a bare CR each end one line
    (a CRLF split between two chunks too)."""
    partial: list[Any] = []
    after_cr = False
    for chunk in chunks:
        if after_cr and chunk[:1] in ("\n", b"\n"):
            chunk = chunk[1:]
        pos = 0
        for match in pattern.finditer(chunk):
            partial.append(chunk[pos : match.start()])
            yield chunk[:0].join(partial)
            partial = []
            pos = match.end()
        if pos < len(chunk):
            partial.append(chunk[pos:])
        after_cr = chunk[-1:] in ("\r", b"\r")
    if partial:
        yield partial[0][:0].join(partial)


def _text_lines(stream: IO[Any], name: str, own: bool = False) -> Iterator[str]:
    """Each line of ``stream`` as text, without its ending. Bytes are decoded as UTF-8, a byte
    that is not UTF-8 kept as a lone surrogate (``surrogateescape``) so that the row holding it
    is reported and the others read. A file the reader opened itself (``own``) is already a
    text file doing just that, with universal line ends kept (``newline=""``): its lines are
    split in C (and an error reading it is :func:`read_docket`'s to tell)."""
    if own:
        return map(_strip_end, stream)
    return _stream_lines(stream, name)


def _stream_lines(stream: IO[Any], name: str) -> Iterator[str]:
    chunks = _chunks(stream.read, name)
    first = next(chunks, None)
    if first is None:
        return
    everything = itertools.chain([first], chunks)
    if isinstance(first, str):
        yield from _split_lines(everything, _LINE_END)
        return
    for line in _split_lines(everything, _LINE_END_BYTES):
        yield line.decode("utf-8", "surrogateescape")


def _not_utf8(text: str) -> str | None:
    """The message for text holding a byte that was not UTF-8; None when it is clean."""
    found = _NOT_UTF8.search(text)
    return None if found is None else _NOT_UTF8_MESSAGE.format(ord(found.group()) - 0xDC00)


@contextmanager
def _opened(file: DocketFile, default_name: str) -> Iterator[tuple[str, IO[Any], str, bool]]:
    """The file open: its name, stream, suffix, and whether the reader opened it (as a text
    file in UTF-8 with ``surrogateescape`` and universal line ends, ``newline=""``)."""
    field = default_name.strip("<>")
    if isinstance(file, str | os.PathLike | bytes):
        path = path_text(file, field)
        kind = path_kind(path, path)  # a FIFO or a device is refused, never opened
        if kind != "file":
            raise InvalidData(
                "is a folder" if kind == "folder" else "cannot be read (no such file)",
                field=path,
                expected="a readable regular file",
            )
        try:
            stream = open(  # noqa: SIM115
                path, encoding="utf-8", errors="surrogateescape", newline=""
            )
        except OSError as exc:
            raise InvalidData(f"cannot be read ({exc.strerror})", field=path) from None
        with stream:
            yield path, stream, os.path.splitext(path)[1].lower(), True
        return
    if not callable(getattr(file, "read", None)):
        raise InvalidValue(
            "must be a path or an open file",
            field=field,
            value=file,
            expected="a str or os.PathLike path, or a file open for reading",
        )
    given = getattr(file, "name", None)
    name = given if isinstance(given, str) and given else default_name
    suffix = os.path.splitext(name)[1].lower() if name != default_name else ""
    yield name, file, suffix, False
