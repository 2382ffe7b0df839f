"""What every reader shares: reading a file's text, the fetch date in a file's name, the ends
of a processing-time range, and errors located at a file and a JSON path or CSV cell."""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import stat
from typing import Any

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.times.durations import UNIT_NAMES

__all__ = [
    "FOLDER_LAYOUT",
    "MAX_FILE_BYTES",
    "MAX_PATH_CHARS",
    "MAX_RANGE_VALUE",
    "UNIT_EXPECTED",
    "error_at",
    "fetch_date_from_name",
    "folder_entries",
    "path_kind",
    "path_text",
    "range_unit",
    "read_bytes",
    "read_text",
]

#: How a folder of snapshots is laid out.
FOLDER_LAYOUT = "{FORM}/{OFFICE}/{YYYY-MM-DD}.json"
#: The largest processing-time value accepted (months or weeks): a century of months, far above
#: any time USCIS has published, low enough that date arithmetic on it stays within the calendar.
MAX_RANGE_VALUE = 1200
#: What a range's unit accepts, as an error names it.
UNIT_EXPECTED = "Month, Months, Week or Weeks"

#: The largest file any reader (and the command line) reads, in bytes. The flattened CSV of every
#: form and office is about 130 kB and one API answer a few kB: 16 MiB leaves ample room while a
#: hostile or mistaken file (a disk image, a log) is refused before it fills memory.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: The longest path accepted, in characters (Linux's PATH_MAX), at the top and inside a folder.
MAX_PATH_CHARS = 4096

_FETCH_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NO_VALUE: Any = object()


def error_at(
    label: str, where: str, problem: str, value: Any = _NO_VALUE, expected: str = ""
) -> InvalidData:
    """An InvalidData located at ``label: where`` (file and JSON path, or CSV line and column)."""
    field = f"{label}: {where}"
    if value is _NO_VALUE:
        return InvalidData(problem, field=field, expected=expected or None)
    return InvalidData(problem, field=field, value=value, expected=expected or None)


def fetch_date_from_name(stem: str, field: str) -> _dt.date:
    """The fetch date a file's name (``stem``, ``YYYY-MM-DD``) gives; ``field`` names the file."""
    match = _FETCH_DATE.fullmatch(stem)
    if match is None:
        raise InvalidData(
            "has no fetch date in its name",
            field=field,
            expected="a file named YYYY-MM-DD.json (the fetch date), or pass fetched_on=",
        )
    try:
        return _dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InvalidData(
            f"names an impossible fetch date {stem!r}",
            field=field,
            expected="a real date YYYY-MM-DD",
        ) from None


def path_text(path: object, field: str = "path") -> str:
    """``path`` (a str or an ``os.PathLike`` whose ``__fspath__`` gives a str) as a str.

    Raises:
        InvalidValue: ``path`` is not a str or path object, its ``__fspath__`` fails or gives
            anything but a str (bytes included), or it holds a NUL character.
        InvalidData: it is longer than :data:`MAX_PATH_CHARS` characters.
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidValue(
            "must be a path", field=field, value=path, expected="a str or os.PathLike"
        )
    expected = "a str or an os.PathLike whose __fspath__ returns a str"
    try:
        text = os.fspath(path)
    except Exception as exc:  # a hostile __fspath__
        raise InvalidValue(
            f"cannot be read as a path ({type(exc).__name__})",
            field=field,
            value=path,
            expected=expected,
        ) from None
    if not isinstance(text, str):
        raise InvalidValue(
            "is a path object whose __fspath__ does not return a str",
            field=field,
            value=text,
            expected=expected,
        )
    if "\0" in text:
        raise InvalidValue(
            "holds a NUL character", field=field, value=text, expected="a path without NUL"
        )
    check_length(text)
    return text


def check_length(path: str) -> None:
    """Refuse a path longer than :data:`MAX_PATH_CHARS` (the same at the top and in a folder)."""
    if len(path) > MAX_PATH_CHARS:
        raise InvalidData(
            f"is a path of {len(path)} characters, too long",
            field=path[:60] + "...",
            expected=f"at most MAX_PATH_CHARS = {MAX_PATH_CHARS} characters",
        )


def _cannot(exc: OSError, label: str) -> InvalidData:
    """The InvalidData for an OSError met while reaching ``label``."""
    code = exc.errno
    if code == errno.ENOENT:
        problem = "does not exist"
    elif code == errno.ELOOP:
        problem = "is a loop of symbolic links"
    elif code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        problem = "cannot be read (permission denied)"
    elif code == errno.ENAMETOOLONG:
        problem = "is a path too long for the file system"
    else:
        problem = f"cannot be read ({exc.strerror or type(exc).__name__})"
    return InvalidData(problem, field=label, expected="a readable regular file or folder")


def path_kind(path: str, label: str) -> str:
    """``"folder"``, ``"file"`` (a regular file) or ``"missing"``; anything else is refused.

    Raises:
        InvalidData: the path is a FIFO, a device or a socket, a loop of symbolic links, a
            dangling link, or cannot be reached.
    """
    check_length(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise InvalidData(
                "is a symbolic link to nothing", field=label, expected="a link to a file"
            ) from None
        return "missing"
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError):
            raise _cannot(exc, label) from None
        raise InvalidData(f"cannot be read ({exc})", field=label) from None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    raise _not_regular(label)


def _not_regular(label: str) -> InvalidData:
    return InvalidData(
        "is not a regular file (a FIFO, a device or a socket)",
        field=label,
        expected="a regular file",
    )


def read_bytes(path: str, label: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``label`` names it in errors.

    The path is checked with ``os.stat`` before it is opened (a FIFO is never opened, so never
    waited on), opened non-blocking and checked again on the open descriptor (it may have been
    swapped meanwhile); at most ``limit + 1`` bytes are read.

    Raises:
        InvalidData: the path is missing, a folder, not a regular file, unreadable, a loop of
            links, or larger than ``limit`` bytes (:data:`MAX_FILE_BYTES`).
    """
    kind = path_kind(path, label)
    if kind == "missing":
        raise InvalidData(
            "cannot be read (no such file)", field=label, expected="a readable regular file"
        )
    if kind == "folder":
        raise InvalidData("is a folder", field=label, expected="a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _cannot(exc, label) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_regular(label)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _cannot(exc, label) from None
    finally:
        os.close(fd)
    if size > limit:
        raise InvalidData(
            f"is larger than {limit} bytes",
            field=label,
            expected=f"a file of at most MAX_FILE_BYTES = {limit} bytes",
        )
    return b"".join(chunks)


def folder_entries(path: str, label: str, *, hidden: bool = True) -> list[tuple[str, str]]:
    """The ``(name, kind)`` of each entry of a folder, sorted by name; ``kind`` is ``"folder"``,
    ``"file"`` or ``"other"``. A dangling link, a loop of links or an unreadable entry is
    refused, naming it, rather than skipped. With ``hidden=False``, entries whose name starts
    with a dot are left out unexamined.

    Raises:
        InvalidData: the folder or one of its entries cannot be read.
    """
    try:
        with os.scandir(path) as scan:
            names = sorted(e.name for e in scan if hidden or not e.name.startswith("."))
    except OSError as exc:
        raise _cannot(exc, label) from None
    found = []
    for name in names:
        kind = path_kind(os.path.join(path, name), f"{label}/{name}")
        found.append((name, "other" if kind == "missing" else kind))
    return found


def read_text(path: str, label: str) -> str:
    """The UTF-8 text of a file (a byte-order mark is dropped); ``label`` names it in errors."""
    raw = read_bytes(path, label)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(
            f"is not valid UTF-8 (byte {exc.start})", field=label, expected="UTF-8 text"
        ) from exc


def range_unit(unit: str, label: str, where: str) -> Any:
    """The unit of a range end, normalised (``"Months"`` -> ``"months"``)."""
    normal = UNIT_NAMES.get(unit.strip().lower())
    if normal is None:
        problem = "is empty while a value is given" if not unit.strip() else "is not a known unit"
        raise error_at(label, where, problem, unit, UNIT_EXPECTED)
    return normal
