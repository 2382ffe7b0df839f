"""The daily SQLite archive of USCIS processing times a public scraper publishes, read into its
entries.

The public repository ``jzebedee/uscis`` publishes one SQLite file a day since v0.1
(2022-03-21), named by the day it was built (``2024-10-30.db``). Its table ``processing_time``
holds one row per category of a form at an office: USCIS's answer flattened, as the CSV is
(the repository's ``create-processing-time-table.sql``)::

    form_name, office_code, form_note_en, form_note_es, form_subtype, publication_date,
    range_upper REAL, range_upper_unit, range_lower REAL, range_lower_unit,
    service_request_date, subtype_info_en, subtype_info_es, subtype_note_en, subtype_note_es

``form_subtype`` is the answer's ``form_type`` (a code such as ``160A``, or ``I-485 Family``);
any name of a category finds it (:mod:`infopass_rules.times.categories`). The table's very first
commit (2022-03-20, before the first release) had ``range_upper``, ``range_lower`` and one
``range_unit``, which the scraper took from the upper end; such a file is read too, its one unit
given to both ends. The scraper split it because the two ends can differ ("5 weeks to 4
months"): there a lower end is read in the upper end's unit, which can only lengthen the
range's longer end (:meth:`~infopass_rules.times.published.PublishedTime.longest`), never shorten
it, so an estimate from it is never early.

A missing value is a NULL (or an empty text, or ``NA`` as in the CSV); there is no suppressed
column: an empty ``service_request_date`` is how suppression shows. Dates are written as USCIS
writes them (``October 09, 2020``) or ``YYYY-MM-DD``.

The file is opened read-only (a ``file:...?mode=ro`` URI) with the standard library's
``sqlite3``, imported only when an archive is read. Reading is bounded: a file of more than
:data:`MAX_ARCHIVE_BYTES`, a table of more than :data:`MAX_ARCHIVE_ROWS` rows, a cell longer than
:data:`MAX_CELL_CHARS` characters or a query that runs too long is refused. Every problem is an
:class:`~infopass_rules.errors.InvalidData` naming the file, and the row and column where there
is one (``2024-10-30.db:processing_time row 12: range_upper``), never an ``sqlite3`` error.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
import stat
from collections.abc import Callable
from typing import Any

from infopass_rules.errors import InfopassRulesError, InvalidData, shorten
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime, form_from_text, office_from_text
from infopass_rules.times.readers.files import (
    MAX_RANGE_VALUE,
    error_at,
    fetch_date_from_name,
    path_kind,
    range_unit,
)
from infopass_rules.times.readers.us_dates import parse_us_date

__all__ = [
    "ARCHIVE_COLUMNS",
    "ARCHIVE_SUFFIXES",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_ROWS",
    "MAX_CELL_CHARS",
    "TABLE",
    "archive_fetch_date",
    "is_archive_name",
    "read_archive",
]

#: The table read.
TABLE = "processing_time"
#: The file names read as an archive (compared case-insensitively).
ARCHIVE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: The columns every archive must have; the units are either ``range_upper_unit`` and
#: ``range_lower_unit`` (the published files) or one ``range_unit`` (the first commit).
ARCHIVE_COLUMNS = (
    "form_name",
    "office_code",
    "form_subtype",
    "publication_date",
    "range_upper",
    "range_lower",
    "service_request_date",
)
_SPLIT_UNITS = ("range_upper_unit", "range_lower_unit")
_ONE_UNIT = "range_unit"
#: The category's published description, read where the table has it (it does).
_DESCRIPTION = "subtype_info_en"

#: The largest archive read, in bytes. A day's file of every table the scraper keeps is a few
#: megabytes; 64 MiB leaves ample room while a disk image or a log is refused unread.
MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
#: The most rows read from the table: a day holds a few thousand (every category of every form
#: at every office); more is not a day's archive.
MAX_ARCHIVE_ROWS = 200_000
#: The longest text or blob SQLite may hand back, in characters or bytes (its LIMIT_LENGTH).
MAX_CELL_CHARS = 100_000
# Work allowed to the queries, in SQLite virtual-machine steps, checked every _STEP steps.
_STEP = 10_000
_MAX_STEPS = 2_000_000_000

_HEADER = b"SQLite format 3\x00"
_ARCHIVE_NAME = re.compile(
    r"(?:.*[-_.])?([0-9]{4}-[0-9]{2}-[0-9]{2})\.(?:db|sqlite|sqlite3)", re.IGNORECASE
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MISSING = frozenset({"", "NA"})
_DATE_EXPECTED = "a date written like 'October 09, 2020' or YYYY-MM-DD, or NULL"
_NUMBER_EXPECTED = "a non-negative number such as 29.5, or NULL"
_SCHEMA = "the columns of jzebedee/uscis's create-processing-time-table.sql"


def is_archive_name(path: str) -> bool:
    """Whether ``path`` is named as an archive (``.db``, ``.sqlite``, ``.sqlite3``)."""
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def archive_fetch_date(path: str) -> _dt.date:
    """The day an archive was fetched, from its name (``2024-10-30.db``, ``uscis-2024-10-30.db``).

    Raises:
        InvalidData: the name gives no date, or an impossible one.
    """
    match = _ARCHIVE_NAME.fullmatch(os.path.basename(path))
    if match is None:
        raise InvalidData(
            "has no fetch date in its name",
            field=path,
            expected="a name ending in YYYY-MM-DD.db (as the archive is published), "
            "or pass fetched_on=",
        )
    return fetch_date_from_name(match[1], path)


def read_archive(path: str, fetched_on: _dt.date) -> list[PublishedTime]:
    """Every entry of the archive's ``processing_time`` table, fetched on ``fetched_on``."""
    wal = _check_file(path)
    import sqlite3  # only when an archive is read
    from urllib.parse import quote

    uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
    if wal and not os.path.exists(f"{path}-wal"):
        # A database in WAL mode, closed cleanly: everything is in the file itself. Read as
        # immutable, or SQLite would leave -wal and -shm files beside it.
        uri += "&immutable=1"
    steps = 0

    def budget() -> int:
        nonlocal steps
        steps += _STEP
        return 1 if steps > _MAX_STEPS else 0  # non-zero interrupts the query

    try:
        connection = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, path) from None
    try:
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_CELL_CHARS)
        connection.set_progress_handler(budget, _STEP)
        connection.execute("PRAGMA trusted_schema = OFF")
        columns = _columns(connection, path)
        cursor = connection.execute(
            f"SELECT {', '.join(_quoted(c) for c in columns.values())} FROM {_quoted(TABLE)}"
        )
        entries: list[PublishedTime] = []
        names = tuple(columns)
        reader = _RowReader(columns)
        for number, values in enumerate(cursor, 1):
            if number > MAX_ARCHIVE_ROWS:
                raise InvalidData(
                    f"has more than {MAX_ARCHIVE_ROWS} rows",
                    field=f"{path}:{TABLE}",
                    expected=f"a day's archive, of at most MAX_ARCHIVE_ROWS = {MAX_ARCHIVE_ROWS}",
                )
            row = dict(zip(names, values, strict=True))
            entries.append(reader.entry(row, f"{path}:{TABLE} row {number}", fetched_on))
        if not entries:  # a day the scraper fetched nothing
            raise InvalidData(
                "holds no rows", field=f"{path}:{TABLE}", expected="a day's processing times"
            )
        return entries
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, path, interrupted=steps > _MAX_STEPS) from None
    finally:
        connection.close()


def _check_file(path: str) -> bool:
    """Refuse what is not a regular SQLite file of at most MAX_ARCHIVE_BYTES, before SQLite
    opens it (a FIFO is never opened, so never waited on); whether it is in WAL mode."""
    kind = path_kind(path, path)
    if kind == "missing":
        raise InvalidData("cannot be read (no such file)", field=path, expected="a SQLite archive")
    if kind == "folder":
        raise InvalidData("is a folder", field=path, expected="a SQLite archive (a file)")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InvalidData(
            f"cannot be read ({exc.strerror or type(exc).__name__})",
            field=path,
            expected="a readable SQLite archive",
        ) from None
    try:
        info = os.fstat(fd)
        header = os.read(fd, 20) if stat.S_ISREG(info.st_mode) else b""
    except OSError as exc:
        raise InvalidData(
            f"cannot be read ({exc.strerror or type(exc).__name__})",
            field=path,
            expected="a readable SQLite archive",
        ) from None
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise InvalidData(
            "is not a regular file (a FIFO, a device or a socket)",
            field=path,
            expected="a regular file",
        )
    if info.st_size > MAX_ARCHIVE_BYTES:
        raise InvalidData(
            f"is larger than {MAX_ARCHIVE_BYTES} bytes",
            field=path,
            expected=f"an archive of at most MAX_ARCHIVE_BYTES = {MAX_ARCHIVE_BYTES} bytes",
        )
    if not header.startswith(_HEADER):
        problem = "is empty" if not header else "is not a SQLite database"
        raise InvalidData(problem, field=path, expected=f"a SQLite archive with a table {TABLE}")
    return header[18:20] == b"\x02\x02"  # the file format's write and read versions: WAL


def _sqlite_error(exc: Exception, path: str, *, interrupted: bool = False) -> InvalidData:
    """The InvalidData for an sqlite3 error met while reading ``path``."""
    text = str(exc) or type(exc).__name__
    if interrupted:
        problem = "takes too long to read"
    elif "too big" in text:
        problem = f"holds a value longer than {MAX_CELL_CHARS} characters"
    elif "decode to UTF-8" in text:
        problem = f"holds text that is not valid UTF-8 ({text})"
    else:
        problem = f"cannot be read as a SQLite archive ({text})"
    return InvalidData(problem, field=path, expected=f"a SQLite archive with a table {TABLE}")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(connection: Any, path: str) -> dict[str, str]:
    """The columns read (canonical name -> the table's own spelling), the units' columns
    being ``range_upper_unit`` and ``range_lower_unit`` in either schema."""
    found = connection.execute(
        "SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE", (TABLE,)
    ).fetchall()
    if not found:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 6"
            )
        ]
        listed = ", ".join(shorten(str(t), 40) for t in tables[:5])
        listed += ", ..." if len(tables) > 5 else ""
        raise InvalidData(
            f"has no table {TABLE}" + (f" (its tables: {listed})" if tables else " (no table)"),
            field=path,
            expected=f"the daily archive of processing times, with a table {TABLE}",
        )
    if found[0][0] != "table":
        raise InvalidData(
            f"has {TABLE} as a {found[0][0]}, not a table",
            field=path,
            expected=f"a table {TABLE}",
        )
    spelled = {
        str(name).lower(): str(name)
        for (name,) in connection.execute("SELECT name FROM pragma_table_info(?)", (TABLE,))
    }
    where = f"{path}:{TABLE}"
    missing = [c for c in ARCHIVE_COLUMNS if c not in spelled]
    if all(u in spelled for u in _SPLIT_UNITS):
        units = {u: spelled[u] for u in _SPLIT_UNITS}
    elif _ONE_UNIT in spelled:  # the first commit's one unit, the upper end's
        units = dict.fromkeys(_SPLIT_UNITS, spelled[_ONE_UNIT])
    else:
        missing.extend(u for u in _SPLIT_UNITS if u not in spelled)
        units = {}
    if missing:
        raise InvalidData(
            f"lacks the column(s) {', '.join(missing)}",
            field=where,
            expected=f"{_SCHEMA}: {', '.join(ARCHIVE_COLUMNS)}, "
            "range_upper_unit and range_lower_unit (or the first commit's range_unit)",
        )
    columns = {c: spelled[c] for c in ARCHIVE_COLUMNS} | units
    if _DESCRIPTION in spelled:
        columns[_DESCRIPTION] = spelled[_DESCRIPTION]
    return columns


class _RowReader:
    """Reads the rows of one table, naming each column as the table spells it."""

    def __init__(self, columns: dict[str, str]) -> None:
        self.spelled = columns
        # The first commit's one unit is given to both ends, so either may lack a value alone.
        self.one_unit = columns["range_upper_unit"] == columns["range_lower_unit"]

    def entry(self, row: dict[str, Any], origin: str, fetched_on: _dt.date) -> PublishedTime:
        inquiry = self.day(row, origin, "service_request_date")
        values = {
            "form": self.required(row, origin, "form_name", form_from_text),
            "office": self.required(row, origin, "office_code", office_from_text),
            "category": self.required(row, origin, "form_subtype", str.strip),
            "published_on": self.day(row, origin, "publication_date"),
            "upper": self.end(row, origin, "range_upper"),
            "lower": self.end(row, origin, "range_lower"),
            "description": self.text(row, origin, _DESCRIPTION),
        }
        try:
            return PublishedTime(
                fetched_on=fetched_on,
                case_inquiry_date=inquiry,
                # No suppressed column: an empty date is how suppression shows, as in the CSV.
                suppressed=inquiry is None,
                origin=origin,
                **values,
            )
        except InfopassRulesError as exc:  # a value PublishedTime itself refuses
            column = self.spelled.get(_COLUMNS_OF.get(str(exc.field), ""), str(exc.field))
            raise error_at(origin, column, exc.problem, exc.value, exc.expected or "") from None

    def text(self, row: dict[str, Any], origin: str, name: str) -> str | None:
        value = row.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise error_at(
                origin, self.spelled[name], "is not text", _shown(value), "text, or NULL"
            )
        value = value.strip()
        return None if value in _MISSING else value

    def required(
        self, row: dict[str, Any], origin: str, name: str, normalise: Callable[[str], str]
    ) -> str:
        value = self.text(row, origin, name)
        column = self.spelled[name]
        if value is None:
            raise error_at(origin, column, "is missing", expected="a value (not NULL or empty)")
        try:
            return normalise(value)
        except InfopassRulesError as exc:
            raise error_at(origin, column, exc.problem, value, exc.expected or "") from None

    def day(self, row: dict[str, Any], origin: str, name: str) -> _dt.date | None:
        value = self.text(row, origin, name)
        if value is None:
            return None
        iso = _ISO_DATE.fullmatch(value) is not None
        try:
            return _dt.date.fromisoformat(value) if iso else parse_us_date(value)
        except ValueError as exc:
            problem = "is not a real date" if iso else str(exc)
            raise error_at(origin, self.spelled[name], problem, value, _DATE_EXPECTED) from None

    def end(self, row: dict[str, Any], origin: str, name: str) -> Duration | None:
        unit_name = f"{name}_unit"
        column, unit_column = self.spelled[name], self.spelled[unit_name]
        value = _number(row.get(name), origin, column)
        unit = self.text(row, origin, unit_name)
        if value is None and (unit is None or self.one_unit):
            return None
        if value is None:
            raise error_at(origin, column, "is missing while its unit is given", row.get(name))
        if unit is None:
            raise error_at(
                origin, unit_column, "is missing while its value is given", row.get(unit_name)
            )
        return Duration(value, range_unit(unit, origin, unit_column))


# The attributes of PublishedTime that come straight from one column of the table.
_COLUMNS_OF = {
    "category": "form_subtype",
    "description": _DESCRIPTION,
    "published_on": "publication_date",
    "case_inquiry_date": "service_request_date",
}


def _shown(value: object) -> object:
    """A cell as an error shows it: a blob by its length, never its bytes."""
    return f"<blob of {len(value)} bytes>" if isinstance(value, bytes) else value


def _number(value: object, origin: str, name: str) -> float | None:
    """A range end's value: a number (SQLite REAL or INTEGER, or text such as ``29.5``)."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if stripped in _MISSING:
            return None
        if not _NUMBER.fullmatch(stripped):
            negative = _NUMBER.fullmatch(stripped.lstrip("-"))
            problem = "is negative" if negative else "is not a number"
            raise error_at(origin, name, problem, value, _NUMBER_EXPECTED)
        number = float(stripped)
    elif isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise error_at(origin, name, "is not finite", value, _NUMBER_EXPECTED)
        if number < 0:
            raise error_at(origin, name, "is negative", value, _NUMBER_EXPECTED)
    else:
        raise error_at(origin, name, "is not a number", _shown(value), _NUMBER_EXPECTED)
    if number > MAX_RANGE_VALUE:
        raise error_at(
            origin,
            name,
            "is too large to be a processing time",
            value,
            f"a number of months or weeks up to {MAX_RANGE_VALUE}",
        )
    return number
