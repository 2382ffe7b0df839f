"""What every reader shares: reading a file's text, the fetch date in a file's name, the ends
of a processing-time range, and errors located at a file and a JSON path or CSV cell."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from infopass_rules.errors import InvalidData
from infopass_rules.times.durations import UNIT_NAMES

__all__ = [
    "FOLDER_LAYOUT",
    "MAX_RANGE_VALUE",
    "UNIT_EXPECTED",
    "error_at",
    "fetch_date_from_name",
    "range_unit",
    "read_text",
]

#: How a folder of snapshots is laid out.
FOLDER_LAYOUT = "{FORM}/{OFFICE}/{YYYY-MM-DD}.json"
#: The largest processing-time value accepted (months or weeks): a century of months, far above
#: any time USCIS has published, low enough that date arithmetic on it stays within the calendar.
MAX_RANGE_VALUE = 1200
#: What a range's unit accepts, as an error names it.
UNIT_EXPECTED = "Month, Months, Week or Weeks"

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


def read_text(path: str, label: str) -> str:
    """The UTF-8 text of a file (a byte-order mark is dropped); ``label`` names it in errors."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise InvalidData(f"cannot be read ({exc.strerror})", field=label) from exc
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
