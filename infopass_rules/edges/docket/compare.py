"""What changed since a previous report: :func:`compare_reports` (``docket --since PREVIOUS``).

A paralegal runs the docket every morning; what they need first is what is new since the last
run. :func:`compare_reports` matches the cases of two reports by receipt number (normalised:
upper case, spaces and dashes dropped, so ``msc 18-910-00001`` is ``MSC1891000001``) and gives
each case of the new report its ``change``:

- ``new``: the previous report had no such case;
- ``now_allowed``: the action is due now (``today`` or ``overdue``) and was not allowed in the
  previous report (whatever else changed: it is the change to act on);
- ``changed``: the action, the ladder step or the level differs (a case that was in error and is
  decided now, or the other way round, has changed too);
- ``same``: none of these.

The cases of the previous report that the new one no longer holds are its ``gone`` (their
receipt numbers as the previous report wrote them). The previous report may be a
:class:`~.model.DocketReport`, its rows, or a file the ``docket`` command wrote: ``--format
json`` (one document, whose ``as_of`` becomes ``since``), ``jsonl`` or ``csv`` (rows only: no
date, so ``since`` stays empty).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from infopass_rules.edges.docket.model import DocketReport
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.times.readers.files import path_text, read_text

__all__ = ["NEEDED", "Previous", "compare_reports", "normal_receipt", "read_previous"]

_NOISE = re.compile(r"[\s\-]+")
_DUE_NOW = frozenset({"today", "overdue"})
#: The columns a previous report must have (in CSV, JSON Lines or the rows of a document).
NEEDED = ("receipt_number", "action", "step", "level", "allowed")
_EXPECTED = (
    "a report the docket command wrote: --format json (one document with its rows), --format "
    "jsonl or --format csv (rows with the columns " + ", ".join(NEEDED) + ")"
)


@attrs.frozen
class Previous:
    """A previous report, as far as a comparison needs it.

    Attributes:
        rows: its rows: ``(receipt number as written, action, step, level, allowed)``, each a
            string or None (``step`` as text, ``allowed`` True, False or None).
        as_of: its date, when it said it (a JSON document, a DocketReport).
        name: what it was (its file's name).
    """

    rows: tuple[tuple[str | None, str | None, str | None, str | None, bool | None], ...]
    as_of: _dt.date | None = None
    name: str | None = None


def normal_receipt(number: object) -> str | None:
    """A receipt number as cases are matched: upper case, spaces and dashes dropped (the
    apostrophe a CSV cell got against formulas dropped too); None for an empty one."""
    if not isinstance(number, str):
        return None
    text = number[1:] if number.startswith("'") else number
    normal = _NOISE.sub("", text).upper()
    return normal or None


def compare_reports(previous: object, report: DocketReport) -> DocketReport:
    """``report`` with each row's ``change`` told against ``previous`` (see the module).

    Args:
        previous: the earlier report: a :class:`~.model.DocketReport`, its rows (mappings with
            at least :data:`NEEDED`), a :class:`Previous`, or the path of a file the
            ``docket`` command wrote (json, jsonl or csv).
        report: today's report.

    Returns:
        A new :class:`~.model.DocketReport`, ``report`` with ``changes`` (one per row),
        ``since`` (the previous report's ``as_of`` when it said it), ``previous`` (its name)
        and ``gone`` (the receipt numbers of its cases this one has no more) filled; the
        decisions, errors and counts unchanged.

    Raises:
        InvalidValue: ``report`` is not a DocketReport, or ``previous`` is none of the above.
        InvalidData: the previous file cannot be read or is not a docket report (the error
            names the file and what is expected).
    """
    v.instance(report, DocketReport, "report", what="a DocketReport", expected="decide_docket(...)")
    before = _previous(previous)
    earlier: dict[str, tuple[Any, ...]] = {}
    for old in before.rows:
        key = normal_receipt(old[0])
        if key is not None:
            earlier.setdefault(key, old)
    rows = report.rows()
    changes: list[str | None] = []
    present: set[str] = set()
    for row in rows:
        key = normal_receipt(row["receipt_number"])
        if key is not None:
            present.add(key)
        changes.append(_change(row, earlier.get(key) if key is not None else None))
    gone = tuple(str(old[0]) for key, old in earlier.items() if key not in present)
    return attrs.evolve(
        report,
        changes=tuple(changes),
        since=before.as_of,
        previous=before.name,
        gone=gone,
    )


def _change(row: Mapping[str, Any], old: tuple[Any, ...] | None) -> str:
    if old is None:
        return "new"
    _, action, step, level, allowed = old
    if row["due"] in _DUE_NOW and allowed is not True:
        return "now_allowed"
    now = (row["action"], None if row["step"] is None else str(row["step"]), row["level"])
    return "changed" if now != (action, step, level) else "same"


def _previous(previous: object) -> Previous:
    if isinstance(previous, Previous):
        return previous
    if isinstance(previous, DocketReport):
        return Previous(_rows(previous.rows(), "previous"), previous.as_of, None)
    if isinstance(previous, str | os.PathLike):
        return read_previous(previous)
    if isinstance(previous, Iterable) and not isinstance(previous, bytes | Mapping):
        return Previous(_rows(list(previous), "previous"))
    raise InvalidValue(
        "is not a report",
        field="previous",
        value=previous,
        expected="a DocketReport, its rows, or the path of a report file (json, jsonl or csv)",
    )


def read_previous(path: str | os.PathLike[str]) -> Previous:
    """Read a report the ``docket`` command wrote (``--format json``, ``jsonl`` or ``csv``),
    telling the format by its content.

    Raises:
        InvalidData: the file cannot be read, or is not such a report (naming the file and what
            is expected).
    """
    name = path_text(path, "--since")
    text = read_text(name, name)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            return Previous(_jsonl(text, name), None, name)
        if isinstance(document, dict) and "rows" in document:
            return Previous(_rows(document["rows"], name), _date(document.get("as_of"), name), name)
        return Previous(_rows([document], name), None, name)
    if stripped.startswith("["):
        raise _not_a_report(name, "it is a JSON array")
    return Previous(_csv(text, name), None, name)


def _jsonl(text: str, name: str) -> tuple[tuple[Any, ...], ...]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError:
            raise _not_a_report(name, f"line {n} is not JSON") from None
    return _rows(rows, name)


def _csv(text: str, name: str) -> tuple[tuple[Any, ...], ...]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _rows(list(reader), name)
    except csv.Error as exc:
        raise _not_a_report(name, f"it is not CSV ({exc})") from None


def _rows(rows: object, name: str) -> tuple[tuple[Any, ...], ...]:
    if not isinstance(rows, list):
        raise _not_a_report(name, '"rows" is not a list')
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise _not_a_report(name, f"row {i + 1} is not an object")
        missing = [k for k in NEEDED if k not in row]
        if missing:
            raise _not_a_report(name, f"row {i + 1} has no {', '.join(missing)}")
        out.append(
            (
                _text(row["receipt_number"]),
                _text(row["action"]),
                _text(row["step"]),
                _text(row["level"]),
                _allowed(row["allowed"]),
            )
        )
    return tuple(out)


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _allowed(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def _date(value: object, name: str) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise _not_a_report(name, f'its "as_of" {value!r} is not a YYYY-MM-DD date') from None


def _not_a_report(name: str, why: str) -> InvalidData:
    return InvalidData(f"is not a docket report: {why}", field=name, expected=_EXPECTED)
