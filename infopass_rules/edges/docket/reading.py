"""Reading a docket: :func:`read_docket` turns a firm's case list (and its history log), in CSV or
JSON Lines, into a :class:`~.model.Docket`, row by row.

The files are read as a stream (a CSV reader or one JSON line at a time), so memory grows with the
cases kept, not with the file. A row that cannot be used never stops the others: it becomes a
:class:`~.model.RowError` naming its file, line and column, and every case of the input ends up
either in ``Docket.cases`` or in ``Docket.errors``.

**Case rows** (one per case): ``receipt_number`` and ``office`` (required), ``issue``, ``form``,
``category``, ``received_on``, ``outside_processing_times_on``, ``deadlines``,
``circumstances``, ``pressing``, ``resolved_on``.

**History rows** (one per inquiry or appointment): ``receipt_number``, ``kind`` (``inquiry`` or
``appointment``) and ``on`` (required); for an inquiry ``channel`` (required), ``outcome``,
``level``, ``reference``, ``note``; for an appointment ``office`` (required) and ``attorney``.

**Values**: an empty cell (or a JSON ``null``) is "not given" (the field's default). Dates are
ISO ``YYYY-MM-DD`` only. Enum values are the member's name, in any case, with spaces or dashes
for underscores (``Contact Center``, ``tier-2-referral``). ``deadlines`` is a ``;``-separated list
of ``YYYY-MM-DD:what`` (``2024-05-01:job starts; 2024-06-30:trip abroad``), ``circumstances`` a
``;``-separated list of names (``health; employment``), ``pressing`` one of ``yes``, ``no``,
``true``, ``false`` (any case). In JSON Lines a value may also be a JSON list (for ``deadlines``:
strings as above or ``{"on": ..., "what": ...}`` objects; for ``circumstances``: names) or a
JSON bool (``pressing``).

**Columns**: a header (or key) is matched to a field by its name, ignoring case and taking spaces
and dashes for underscores (``Receipt Number``); ``columns`` maps the firm's own names to field
names, and maps a column to ``""`` to ignore it. An unknown column is an error of the file (so a
misspelt ``recieved_on`` is never silently ignored).

**Format**: by the file's extension (``.csv``; ``.jsonl``, ``.ndjson``, ``.json``), else by its
content (a first line starting with ``{`` is JSON Lines).

**Lines and encodings** (one reader for CSV and JSON Lines): a line ends at CRLF, LF or a bare CR
(old Mac files), each counted as one line; a UTF-8 byte-order mark is dropped. The file is read
as UTF-8 line by line: a row holding bytes that are not UTF-8 (a ``José`` saved as Windows-1252)
is an error of that row, naming its line, and the other rows are read. A quoted CSV cell may run
over several lines (a ``note`` or ``reference``, or a column mapped to ``""``), at most
:data:`MAX_RECORD_LINES`; a row whose quote is never closed, or closed only so far on that the
row has the wrong number of cells or, in another field, lines that look like rows (holding
commas), is an error of its first line ("an unbalanced quote") and the lines after it are read
again as rows of their own, so one stray quote never swallows the rows below it.
"""

from __future__ import annotations

import csv
import datetime as _dt
import enum
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any, TypeVar

from infopass_rules.edges.docket.model import Docket, RowError
from infopass_rules.edges.json import parse_json
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.times.readers.files import path_kind, path_text

__all__ = ["CASE_FIELDS", "HISTORY_FIELDS", "MAX_RECORD_LINES", "DocketFile", "read_docket"]

E = TypeVar("E", bound=enum.Enum)

#: A docket file: a path, or an open text (or binary, UTF-8) file.
DocketFile = str | os.PathLike[str] | IO[str] | IO[bytes]

#: The fields of a case row, in the order a written docket uses.
CASE_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "office",
    "issue",
    "form",
    "category",
    "received_on",
    "outside_processing_times_on",
    "deadlines",
    "circumstances",
    "pressing",
    "resolved_on",
)
#: The fields of a history row.
HISTORY_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "kind",
    "on",
    "channel",
    "outcome",
    "level",
    "reference",
    "note",
    "office",
    "attorney",
)
_REQUIRED_CASE = ("receipt_number", "office")
_REQUIRED_HISTORY = ("receipt_number", "kind", "on")
_INQUIRY_ONLY = ("channel", "outcome", "level", "reference", "note")
_APPOINTMENT_ONLY = ("office", "attorney")
_JSON_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_BOOLS = {"yes": True, "true": True, "no": False, "false": False}
_BOOL_EXPECTED = "yes, no, true or false"

#: The most lines one CSV row may run over (a quoted cell holding line breaks); a row running
#: further is taken for an unbalanced quote.
MAX_RECORD_LINES = 100
_CHUNK = 1 << 16
#: The fields whose quoted cell may hold lines that look like rows (free text), besides ignored
#: columns; in any other cell, such lines are taken for rows swallowed by an unbalanced quote.
_MULTILINE_FIELDS = frozenset({"note", "reference", None})
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")
# What surrogateescape makes of a byte that is not UTF-8.
_NOT_UTF8 = re.compile(r"[\udc80-\udcff]")
_NOT_UTF8_MESSAGE = "is not UTF-8 text (byte 0x{:02x}); save the file as UTF-8"

#: A record of a file: its field names (after ``columns``) and raw values.
Record = dict[str, Any]


def read_docket(
    cases: DocketFile,
    history: DocketFile | None = None,
    *,
    columns: Mapping[str, str] | None = None,
) -> Docket:
    """Read a firm's cases (and their history) from CSV or JSON Lines files.

    Args:
        cases: the case file: a path, or an open file (text, or UTF-8 bytes).
        history: the history file, if any (rows of inquiries and appointments).
        columns: the firm's column names mapped to field names (``{"A#": "receipt_number"}``);
            a column mapped to ``""`` is ignored. One mapping serves both files.

    Returns:
        The :class:`~.model.Docket`: the cases read (in file order, with their lines), each
        case's history, and a :class:`~.model.RowError` for every row that could not be used.
        A case with a history row that could not be read is not decided without it: it is an
        error too (naming that row), so no step already taken is ever advised again.

    Raises:
        InvalidData: a file cannot be opened or is not UTF-8 text; a CSV header names an
            unknown column, repeats one or lacks a required one (the error names the file and
            line).
        InvalidValue: ``columns`` maps to an unknown field; ``cases`` or ``history`` is neither
            a path nor a file.
    """
    mapping = _columns(columns)
    kept: list[Case] = []
    lines: list[int] = []
    where: dict[str, int] = {}  # receipt number -> index in kept
    case_errors: list[RowError] = []
    erred: set[str] = set()  # receipt numbers of case rows in error
    with _records(cases, "<cases>", CASE_FIELDS, _REQUIRED_CASE, mapping) as (source, rows):
        for line, row, names in rows:
            if isinstance(row, RowError):
                case_errors.append(row)
                continue
            try:
                case = _case(row)
            except InfopassRulesError as exc:
                case_errors.append(_row_error(source, line, exc, row, names))
                number = _receipt_or_none(row.get("receipt_number"))
                if number is not None:
                    erred.add(number)
                continue
            first = where.get(case.receipt_number)
            if first is not None:
                case_errors.append(
                    RowError(
                        source,
                        line,
                        names.get("receipt_number", "receipt_number"),
                        f"repeats the case of line {lines[first]}; each case once",
                        case.receipt_number,
                        case.office,
                    )
                )
                continue
            where[case.receipt_number] = len(kept)
            kept.append(case)
            lines.append(line)

    items: dict[str, list[Inquiry | Appointment]] = {}
    history_errors: list[RowError] = []
    blocked: dict[str, RowError] = {}  # receipt number -> the first bad history row
    if history is not None:
        with _records(history, "<history>", HISTORY_FIELDS, _REQUIRED_HISTORY, mapping) as (
            hsource,
            hrows,
        ):
            for line, row, names in hrows:
                if isinstance(row, RowError):
                    history_errors.append(row)
                    number = row.receipt_number
                else:
                    number = _receipt_or_none(row.get("receipt_number"))
                    try:
                        number, item = _history_item(row)
                    except InfopassRulesError as exc:
                        error = _row_error(hsource, line, exc, row, names)
                        history_errors.append(error)
                    else:
                        if number in where:
                            items.setdefault(number, []).append(item)
                            continue
                        if number in erred:
                            continue  # the case is in error already, and says why
                        error = RowError(
                            hsource,
                            line,
                            names.get("receipt_number", "receipt_number"),
                            "is not the receipt number of a case of the docket",
                            number,
                        )
                        history_errors.append(error)
                        continue
                if number is not None and number in where and number not in blocked:
                    blocked[number] = history_errors[-1]

    for number, bad in blocked.items():
        i = where[number]
        case_errors.append(
            RowError(
                source,
                lines[i],
                "history",
                f"its history row at {bad.source}:{bad.line} could not be read; the case is "
                "not decided without it",
                number,
                kept[i].office,
            )
        )
    case_errors.sort(key=lambda e: e.line)
    keep = [i for i, c in enumerate(kept) if c.receipt_number not in blocked]
    final = tuple(kept[i] for i in keep)
    return Docket(
        cases=final,
        history={
            c.receipt_number: tuple(items[c.receipt_number])
            for c in final
            if c.receipt_number in items
        },
        errors=(*case_errors, *history_errors),
        source=source,
        lines=tuple(lines[i] for i in keep),
    )


# --- files and records ------------------------------------------------------------------------


def _columns(columns: object) -> dict[str, str]:
    if columns is None:
        return {}
    known = set(CASE_FIELDS) | set(HISTORY_FIELDS)
    if not isinstance(columns, Mapping):
        raise InvalidValue(
            "must be a mapping", field="columns", value=columns, expected="{column: field name}"
        )
    out: dict[str, str] = {}
    for key, value in columns.items():
        if not isinstance(key, str) or not isinstance(value, str) or (value and value not in known):
            raise InvalidValue(
                "maps to an unknown field",
                field=f"columns[{key!r}]",
                value=value,
                expected="one of " + ", ".join(sorted(known)) + ", or '' to ignore the column",
            )
        out[key.strip()] = value
    return out


def _normal_name(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


class _Header:
    """How a file's column (or key) names map to fields."""

    def __init__(self, fields: tuple[str, ...], mapping: dict[str, str]) -> None:
        self.fields = fields
        self.mapping = mapping

    def field_of(self, name: str) -> str | None:
        """The field ``name`` stands for; None to ignore it. Raises KeyError if unknown."""
        stripped = name.strip()
        if stripped in self.mapping:
            return self.mapping[stripped] or None
        normal = _normal_name(stripped)
        if normal in self.fields:
            return normal
        raise KeyError(name)

    def expected(self) -> str:
        return "columns among " + ", ".join(self.fields) + " (or map yours with columns=...)"

    def misplaced(self, field: str) -> str:
        """What is wrong with a column that ``columns`` maps to a field of the other file."""
        return f"is mapped by columns= to {field}, which is not a field of this file"


_Rows = Iterator[tuple[int, Record | RowError, dict[str, str]]]


@contextmanager
def _records(
    file: DocketFile,
    default_name: str,
    fields: tuple[str, ...],
    required: tuple[str, ...],
    mapping: dict[str, str],
) -> Iterator[tuple[str, _Rows]]:
    """The file's name and its records: ``(line, record or error, field -> column name)``."""
    header = _Header(fields, mapping)
    with _opened(file, default_name) as (name, stream, suffix):
        lines = _text_lines(stream, name)
        first = next(lines, None)
        if first is None:
            yield name, iter(())
            return
        first = first.removeprefix("\ufeff")
        chained = itertools.chain([first], lines)
        json_lines = (
            suffix in _JSON_SUFFIXES
            if suffix in _JSON_SUFFIXES | _CSV_SUFFIXES
            else first.lstrip().startswith("{")
        )
        if json_lines:
            yield name, _json_records(chained, name, header)
        else:
            yield name, _csv_records(chained, name, header, required)


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


def _text_lines(stream: IO[Any], name: str) -> Iterator[str]:
    """Each line of ``stream`` as text, without its ending. Bytes are decoded as UTF-8 line by
    line, a byte that is not UTF-8 kept as a lone surrogate (``surrogateescape``) so that the row
    holding it is reported and the others read."""
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


class _TooLong(Exception):
    """A CSV row running over more than MAX_RECORD_LINES lines."""


class _Feed:
    """The lines given to the CSV reader, each ended by a line feed, numbered; those of a row
    found bad can be given back, to be read again as rows of their own."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._back: list[tuple[int, str]] = []
        self._count = 0
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= MAX_RECORD_LINES:
            raise _TooLong
        if self._back:
            number, text = self._back.pop()
        else:
            text = next(self._lines) + "\n"
            self._count += 1
            number = self._count
        self.taken.append((number, text))
        return text

    def start(self) -> None:
        """A new row begins."""
        self.taken = []

    def give_back_all_but_first(self) -> None:
        """The lines of the current row after its first, to be read again."""
        self._back.extend(reversed(self.taken[1:]))
        self.taken = self.taken[:1]


@contextmanager
def _opened(file: DocketFile, default_name: str) -> Iterator[tuple[str, IO[Any], str]]:
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
            stream = open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            raise InvalidData(f"cannot be read ({exc.strerror})", field=path) from None
        with stream:
            yield path, stream, os.path.splitext(path)[1].lower()
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
    yield name, file, suffix


def _csv_records(
    lines: Iterator[str], name: str, header: _Header, required: tuple[str, ...]
) -> _Rows:
    feed = _Feed(lines)
    reader = csv.reader(feed, strict=True)
    try:
        head = next(reader)
        problem = None
    except (csv.Error, _TooLong) as exc:
        head, problem = [], str(exc) or "an unbalanced quote"
    if len(feed.taken) > 1:
        problem = f"an unbalanced quote: the header runs on to line {feed.taken[-1][0]}"
    if problem is not None:
        raise InvalidData(
            f"is not a valid CSV header ({problem})",
            field=f"{name}:1",
            expected="a header of column names on line 1",
        )
    bad_bytes = _not_utf8(feed.taken[0][1]) if feed.taken else None
    if bad_bytes is not None:
        raise InvalidData(bad_bytes, field=f"{name}:1", expected="a UTF-8 header")
    columns: list[str | None] = []
    names: dict[str, str] = {}
    unknown: list[str] = []
    misplaced: list[str] = []
    for column in head:
        try:
            field = header.field_of(column)
        except KeyError:
            unknown.append(column)
            continue
        if field is not None and field not in header.fields:
            misplaced.append(f"{column} -> {field}")
            continue
        if field is not None and field in names:
            raise InvalidData(
                f"names the field {field} twice ({names[field]!r} and {column!r})",
                field=f"{name}:1",
                expected="each field in one column",
            )
        if field is not None:
            names[field] = column
        columns.append(field)
    if unknown or misplaced:
        raise InvalidData(
            "has unknown columns"
            if unknown
            else "has columns that columns= maps to fields of the other file",
            field=f"{name}:1",
            value=unknown + misplaced,
            expected=header.expected(),
        )
    missing = [f for f in required if f not in names]
    if missing:
        raise InvalidData(
            "lacks required columns", field=f"{name}:1", value=missing, expected=header.expected()
        )
    while True:
        feed.start()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _TooLong) as exc:
            if not feed.taken:  # pragma: no cover - the reader always takes a line first
                return
            start = feed.taken[0][0]
            if isinstance(exc, _TooLong):
                message = (
                    f"has an unbalanced quote (a quoted cell runs over more than "
                    f"{MAX_RECORD_LINES} lines); the lines after it are read as rows"
                )
            elif len(feed.taken) > 1:
                message = (
                    f"is not valid CSV ({exc}): a quote opened on this line is unbalanced; "
                    "the lines after it are read as rows"
                )
            else:
                message = f"is not valid CSV ({exc})"
            feed.give_back_all_but_first()
            yield start, RowError(name, start, "", message, *_who(feed.taken[0][1])), names
            continue
        start = feed.taken[0][0]
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        record: Record = {f: c for f, c in zip(columns, cells, strict=False) if f is not None}
        swallowed = len(feed.taken) > 1 and any(
            f not in _MULTILINE_FIELDS and _holds_rows(c)
            for f, c in zip(columns, cells, strict=False)
        )
        if len(cells) != len(columns) or swallowed:
            if len(feed.taken) > 1:  # a quote that swallowed the lines after its own
                end = feed.taken[-1][0]
                message = (
                    f"has an unbalanced quote (a quoted cell runs on to line {end}, giving "
                    f"{len(cells)} cells; the header has {len(columns)}); the lines after it "
                    "are read as rows"
                )
                feed.give_back_all_but_first()
                who = _who(feed.taken[0][1])
            else:
                message = f"has {len(cells)} cells; the header has {len(columns)}"
                who = (
                    _receipt_or_raw(record.get("receipt_number")),
                    _raw(record.get("office")),
                )
            yield start, RowError(name, start, "", message, *who), names
            continue
        bad = next(((f, c) for f, c in zip(columns, cells, strict=True) if _not_utf8(c)), None)
        if bad is not None:
            field, cell = bad
            yield (
                start,
                RowError(
                    name,
                    start,
                    names.get(field, "") if field is not None else "",
                    _not_utf8(cell) or "",
                    *_who_of(record),
                ),
                names,
            )
            continue
        yield start, record, names


def _holds_rows(cell: str) -> bool:
    """Whether a cell's lines after its first look like rows of their own (they hold commas)."""
    return any("," in line for line in _LINE_END.split(cell)[1:])


def _who_of(record: Record) -> tuple[str | None, str | None]:
    """The receipt number and office of a row, where they are readable UTF-8."""
    number, office = record.get("receipt_number"), record.get("office")
    return (
        None if isinstance(number, str) and _not_utf8(number) else _receipt_or_raw(number),
        None if isinstance(office, str) and _not_utf8(office) else _raw(office),
    )


def _who(line: str) -> tuple[str | None, str | None]:
    """What can be told of the case a bad row is about: a receipt number on its first line."""
    found = _RECEIPT_IN_LINE.search(line)
    return (_receipt_or_none(found.group()) if found else None), None


_RECEIPT_IN_LINE = re.compile(r"\b[A-Za-z]{3}[0-9]{10}\b")


def _json_records(lines: Iterator[str], name: str, header: _Header) -> _Rows:
    names: dict[str, str] = {}
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        bad_bytes = _not_utf8(text)
        if bad_bytes is not None:
            yield n, RowError(name, n, "", bad_bytes, *_who(text)), names
            continue
        try:
            document = parse_json(text)
        except InfopassRulesError as exc:
            yield n, RowError(name, n, "", f"is not a JSON object ({exc})"), names
            continue
        if not isinstance(document, dict):
            yield n, RowError(name, n, "", "is not a JSON object"), names
            continue
        record: Record = {}
        row_names: dict[str, str] = {}
        problem: RowError | None = None
        for key, value in document.items():
            try:
                field = header.field_of(key)
            except KeyError:
                problem = RowError(
                    name, n, key, f"is not a known key; expected {header.expected()}"
                )
                break
            if field is None:
                continue
            if field not in header.fields:
                problem = RowError(name, n, key, header.misplaced(field))
                break
            if field in record:
                problem = RowError(name, n, key, f"gives the field {field} twice")
                break
            record[field] = value
            row_names[field] = key
        if problem is not None:
            yield (
                n,
                RowError(
                    problem.source,
                    problem.line,
                    problem.field,
                    problem.message,
                    _receipt_or_raw(record.get("receipt_number")),
                    _raw(record.get("office")),
                ),
                row_names,
            )
            continue
        yield n, record, row_names


# --- values -----------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _raw(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _receipt_or_none(value: object) -> str | None:
    try:
        return v.receipt_number(value)
    except InfopassRulesError:
        return None


def _receipt_or_raw(value: object) -> str | None:
    return _receipt_or_none(value) or _raw(value)


def _row_error(
    source: str, line: int, exc: InfopassRulesError, row: Record, names: Mapping[str, str]
) -> RowError:
    field = (exc.field or "").split(".")[0].split("[")[0]
    column = names.get(field, field)
    message = str(exc)
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2 :]
    return RowError(
        source,
        line,
        column,
        message,
        _receipt_or_raw(row.get("receipt_number")),
        _raw(row.get("office")),
    )


def _missing(field: str) -> InvalidValue:
    return InvalidValue("is missing", field=field, expected="a value")


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue("must be text", field=field, value=value, expected="a string")
    return value.strip()


def _date(value: object, field: str) -> _dt.date:
    return v.iso_date(_text(value, field), field)


def _member(value: object, enum_type: type[E], field: str) -> E:
    text = _text(value, field)
    return v.check_member(re.sub(r"[\s\-]+", "_", text).upper(), enum_type, field)


def _bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    flag = _BOOLS.get(_text(value, field).lower())
    if flag is None:
        raise InvalidValue("is not yes or no", field=field, value=value, expected=_BOOL_EXPECTED)
    return flag


def _parts(value: object, field: str) -> list[object]:
    if isinstance(value, list):
        return list(value)
    return [p for p in _text(value, field).split(";") if p.strip()]


def _deadline(value: object, field: str) -> Deadline:
    if isinstance(value, dict) and set(value) == {"on", "what"}:
        return Deadline(_date(value["on"], f"{field}.on"), _text(value["what"], f"{field}.what"))
    text = _text(value, field)
    day, colon, what = text.partition(":")
    if not colon:
        raise InvalidValue(
            "is not a deadline", field=field, value=value, expected="YYYY-MM-DD:what"
        )
    return Deadline(_date(day, field), what)


def _deadlines(value: object, field: str) -> tuple[Deadline, ...]:
    return tuple(_deadline(p, f"{field}[{i}]") for i, p in enumerate(_parts(value, field)))


def _circumstances(value: object, field: str) -> frozenset[Circumstance]:
    return frozenset(
        _member(p, Circumstance, f"{field}[{i}]") for i, p in enumerate(_parts(value, field))
    )


_CASE_VALUES: Mapping[str, Callable[[object, str], object]] = {
    "receipt_number": _text,
    "office": _text,
    "issue": lambda x, f: _member(x, Issue, f),
    "form": _text,
    "category": _text,
    "received_on": _date,
    "outside_processing_times_on": _date,
    "deadlines": _deadlines,
    "circumstances": _circumstances,
    "pressing": _bool,
    "resolved_on": _date,
}


def _case(row: Record) -> Case:
    for field in _REQUIRED_CASE:
        if _blank(row.get(field)):
            raise _missing(field)
    given = {f: _CASE_VALUES[f](value, f) for f, value in row.items() if not _blank(value)}
    return Case(**given)


_HISTORY_VALUES: Mapping[str, Callable[[object, str], object]] = {
    "on": _date,
    "channel": lambda x, f: _member(x, Channel, f),
    "outcome": lambda x, f: _member(x, Outcome, f),
    "level": lambda x, f: _member(x, Level, f),
    "reference": _text,
    "note": _text,
    "office": _text,
    "attorney": _text,
}


def _history_item(row: Record) -> tuple[str, Inquiry | Appointment]:
    for field in _REQUIRED_HISTORY:
        if _blank(row.get(field)):
            raise _missing(field)
    number = v.receipt_number(_text(row["receipt_number"], "receipt_number"))
    kind = _text(row["kind"], "kind").lower()
    if kind not in ("inquiry", "appointment"):
        raise InvalidValue(
            "is not a kind of history row",
            field="kind",
            value=row["kind"],
            expected="inquiry or appointment",
        )
    given = {
        f: _HISTORY_VALUES[f](value, f)
        for f, value in row.items()
        if f not in ("receipt_number", "kind") and not _blank(value)
    }
    other = _APPOINTMENT_ONLY if kind == "inquiry" else _INQUIRY_ONLY
    for field in other:
        if field in given:
            raise InvalidValue(
                f"is not a field of an {kind}",
                field=field,
                value=row[field],
                expected=f"an empty cell (fields of an {kind}: "
                + ", ".join(("on", *(_INQUIRY_ONLY if kind == "inquiry" else _APPOINTMENT_ONLY)))
                + ")",
            )
    if kind == "inquiry":
        if "channel" not in given:
            raise _missing("channel")
        return number, Inquiry(receipt_number=number, **given)
    if "office" not in given:
        raise _missing("office")
    return number, Appointment(receipt_numbers=(number,), **given)
