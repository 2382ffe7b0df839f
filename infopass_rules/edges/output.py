"""Writing a file: the one writer every output of the library and the command line goes through
(the docket's report, ``--output``, ``--ics``, ``record --output``).

:func:`write_file` writes to a temporary file in the target's own folder and renames it over the
target (``os.replace``, atomic on POSIX and Windows): a write that fails (a full disk, a file-size
limit, an interrupted run) leaves the old file as it was and no partial file behind. It refuses a
target that is one of the run's inputs (``docket cases.csv --output cases.csv``), or a folder, a
FIFO or a device, and names the path in every error. A file that existed keeps its permission
bits; a new one gets the usual ones (``0o666`` less the umask).

:func:`check_outputs` refuses, before any work is done, outputs that are inputs or that are one
file given twice. :func:`csv_cell` is the one neutralisation of spreadsheet formulas for CSV
output (:func:`~infopass_rules.facts.text.spreadsheet_safe`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts.text import spreadsheet_safe
from infopass_rules.times.readers.files import path_text

__all__ = ["check_outputs", "csv_cell", "same_file", "write_file"]


def csv_cell(value: object) -> str:
    """A CSV cell: ``None`` empty, bools ``true``/``false``, text with a formula's first
    character (``= + - @``, tab, CR) behind an apostrophe (OWASP: CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(str(value))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (an existing file by device and inode, else by its
    absolute, resolved path)."""
    first, second = _identity(a), _identity(b)
    if first is not None and second is not None:
        return first == second
    return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(outputs: Iterable[tuple[str, str]], inputs: Iterable[str] = ()) -> None:
    """Refuse an output that is an input, or one file named by two outputs.

    Args:
        outputs: ``(option, path)`` pairs (``("--output", "report.csv")``).
        inputs: the paths the run reads (``-`` for standard input is left out).

    Raises:
        InvalidValue: an output names an input or another output (the error names both).
    """
    seen: list[tuple[str, str]] = []
    readable = [p for p in inputs if p and p != "-"]
    for option, path in outputs:
        for given in readable:
            if same_file(path, given):
                raise InvalidValue(
                    f"is the input {given!r}; writing there would destroy it",
                    field=option,
                    value=path,
                    expected="a path that is none of the inputs",
                )
        for other, earlier in seen:
            if same_file(path, earlier):
                raise InvalidValue(
                    f"is the file {other} writes too",
                    field=option,
                    value=path,
                    expected=f"a path other than {other}'s",
                )
        seen.append((option, path))


def write_file(
    path: object, data: bytes, *, field: str = "output", inputs: Iterable[str] = ()
) -> None:
    """Write ``data`` to ``path`` atomically: to a temporary file beside it, then renamed over it.

    Args:
        path: the file to write (a str or ``os.PathLike`` giving a str).
        data: its whole content.
        field: how errors name the path's argument (``--output``).
        inputs: paths the run reads; ``path`` may be none of them.

    Raises:
        InvalidValue: ``path`` is no path (a bytes path, a path with NUL) or is an input.
        InvalidData: ``path`` is a folder, a FIFO or a device, or cannot be written (its folder
            is missing or read-only, the disk is full); the old file is left as it was.
    """
    target = path_text(path, field)
    check_outputs([(field, target)], inputs)
    label = f"{field} {target}" if field.startswith("-") else target
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, ValueError) as exc:
        raise _cannot(label, exc) from None
    if mode is not None and not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InvalidData(f"is {what}", field=label, expected="a regular file or a new file's path")
    # A symbolic link is written through, as open() would: its target is replaced, not the link.
    resolved = os.path.realpath(target)
    folder, name = os.path.split(resolved)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temporary, flags, 0o666)
    except OSError as exc:
        raise _cannot(label, exc) from None
    try:
        try:
            if mode is not None:
                os.chmod(fd if os.chmod in os.supports_fd else temporary, stat.S_IMODE(mode))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, resolved)
    except BaseException as exc:  # a failed write (or Ctrl-C) leaves the old file whole
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _cannot(label, exc) from None
        raise


def _cannot(label: str, exc: OSError | ValueError) -> InvalidData:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    return InvalidData(
        f"cannot be written ({reason}); nothing changed",
        field=label,
        expected="a writable file in an existing folder",
    )
