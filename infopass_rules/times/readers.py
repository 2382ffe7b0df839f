"""Readers of USCIS processing-times data: API answers (JSON), folders of them, the flattened CSV.

Each reader returns :class:`~infopass_rules.processing_times.PublishedTime` entries, one per
subtype (category) of each snapshot, and raises :class:`~infopass_rules.errors.InvalidData`
naming the file and the JSON path or CSV line of the first thing it cannot read.

The quirks of the real answers, all handled here:

- the top-level ``range`` can be ``null``: only the subtypes are read;
- ``range`` is ``[upper, lower]``, each ``{unit, value}``; units ``Month(s)`` / ``Week(s)``;
- a suppressed subtype has a ``suppressed`` flag, an empty ``unit`` and ``value`` and an empty
  ``service_request_date``: it is kept, marked suppressed, with no date (the CSV drops the flag;
  there an empty date alone marks it);
- dates are written ``October 09, 2020``;
- Spanish (``*_es``) and other text fields are not read;
- the CSV writes a missing value as ``NA`` and repeats some rows verbatim.

Speed matters (a folder holds hundreds of files, read at start-up): stdlib ``json`` and ``csv``,
no cattrs, and dates parsed through a cached month-name table rather than ``strptime``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.times.durations import UNIT_NAMES, Duration
from infopass_rules.times.table import PublishedTime, _form_text, _office_text

__all__ = ["parse_us_date", "read_path"]

_FETCH_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_CSV_FETCH_DATE = re.compile(r".*-([0-9]{4}-[0-9]{2}-[0-9]{2})\.csv", re.IGNORECASE)
_US_DATE = re.compile(r"([A-Za-z]+) ([0-9]{1,2}), ([0-9]{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_US_DATE_EXPECTED = "a date written like 'October 09, 2020', or an empty string"
_LAYOUT = "{FORM}/{OFFICE}/{YYYY-MM-DD}.json"
_PT = "$.data.processing_time"
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NA = frozenset({"", "NA"})
_CSV_COLUMNS = (
    "form_name",
    "form_subtype",
    "office_code",
    "publication_date",
    "range_upper",
    "range_upper_unit",
    "range_lower",
    "range_lower_unit",
    "service_request_date",
)
_UNIT_EXPECTED = "Month, Months, Week or Weeks"


def read_path(path: str, fetched_on: _dt.date | None) -> list[PublishedTime]:
    """Every entry of a JSON file, a folder of snapshots or a CSV (see load_processing_times)."""
    if os.path.isdir(path):
        if fetched_on is not None:
            raise InvalidValue(
                "cannot be given for a folder: its file names give the fetch dates",
                field="fetched_on",
                value=fetched_on,
                expected=f"None, with a folder laid out {_LAYOUT}",
            )
        return _read_folder(path)
    lowered = path.lower()
    if not os.path.exists(path):
        raise InvalidData("does not exist", field=path, expected="a .json file, a .csv or a folder")
    if lowered.endswith(".json"):
        fetched = fetched_on or _date_from_name(path, os.path.basename(path)[:-5], path)
        return _read_json_file(path, path, fetched, None)
    if lowered.endswith(".csv"):
        if fetched_on is None:
            match = _CSV_FETCH_DATE.fullmatch(os.path.basename(path))
            if match is None:
                raise InvalidData(
                    "has no fetch date in its name",
                    field=path,
                    expected="a name ending in -YYYY-MM-DD.csv, or pass fetched_on=",
                )
            fetched_on = _date_from_name(path, match[1], path)
        return _read_csv(path, fetched_on)
    raise InvalidData(
        "is neither a .json file, a .csv file nor a folder",
        field=path,
        expected=f"a USCIS answer (.json), the flattened CSV, or a folder laid out {_LAYOUT}",
    )


# --- small parsers --------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def parse_us_date(text: str) -> _dt.date:
    """``"October 09, 2020"`` -> ``date(2020, 10, 9)`` (USCIS's ``%B %d, %Y``, English months).

    Cached: a folder of snapshots repeats the same few hundred dates thousands of times.

    Raises:
        ValueError: not in that format, or not a real date ("February 30, 2021").
    """
    match = _US_DATE.fullmatch(text.strip())
    month = _MONTHS.get(match[1].lower()) if match else None
    if match is None or month is None:
        raise ValueError("is not a date")
    try:
        return _dt.date(int(match[3]), month, int(match[2]))
    except ValueError:
        raise ValueError("is not a real date") from None


def _date_from_name(path: str, stem: str, field: str) -> _dt.date:
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


def _read_text(path: str, label: str) -> str:
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


# --- JSON -----------------------------------------------------------------------------------------


def _read_folder(root: str) -> list[PublishedTime]:
    entries: list[PublishedTime] = []
    found = 0
    for form_dir in _subdirs(root):
        for office_dir in _subdirs(os.path.join(root, form_dir)):
            where = os.path.join(root, form_dir, office_dir)
            names = sorted(n for n in os.listdir(where) if n.lower().endswith(".json"))
            for name in names:
                full = os.path.join(where, name)
                if not os.path.isfile(full):
                    continue
                label = f"{form_dir}/{office_dir}/{name}"
                fetched = _date_from_name(full, name[:-5], label)
                entries.extend(_read_json_file(full, label, fetched, (form_dir, office_dir)))
                found += 1
    if not found:
        raise InvalidData(
            "holds no processing-times file", field=root, expected=f"files laid out {_LAYOUT}"
        )
    return entries


def _subdirs(path: str) -> list[str]:
    # Hidden folders (.git, .cache) are never snapshots.
    with os.scandir(path) as scan:
        return sorted(e.name for e in scan if e.is_dir() and not e.name.startswith("."))


#: The largest processing-time value accepted (months or weeks): a century of months, far above
#: any time USCIS has published, low enough that date arithmetic on it stays within the calendar.
MAX_RANGE_VALUE = 1200


def _read_json_file(
    path: str, label: str, fetched_on: _dt.date, folder: tuple[str, str] | None
) -> list[PublishedTime]:
    text = _read_text(path, label)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidData(
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            field=label,
            expected="a USCIS processing-times API answer",
        ) from None
    except RecursionError:
        raise InvalidData("is nested too deeply to be a USCIS answer", field=label) from None
    except ValueError as exc:  # an integer literal too long for int() (over 4300 digits)
        raise InvalidData(
            f"is not a USCIS answer ({exc})",
            field=label,
            expected="a USCIS processing-times API answer",
        ) from None
    return _from_answer(doc, label, fetched_on, folder)


_NO_VALUE: Any = object()


def _fail(
    label: str, where: str, problem: str, value: Any = _NO_VALUE, expected: str = ""
) -> InvalidData:
    """An InvalidData located at ``label: where`` (file and JSON path, or CSV line and column)."""
    field = f"{label}: {where}"
    if value is _NO_VALUE:
        return InvalidData(problem, field=field, expected=expected or None)
    return InvalidData(problem, field=field, value=value, expected=expected or None)


def _member(obj: Any, key: str, label: str, where: str, kind: type, expected: str) -> Any:
    """``obj[key]``, checked to be a ``kind`` (``where`` is the JSON path of ``obj``)."""
    if key not in obj:
        raise _fail(label, f"{where}.{key}", "is missing", expected=expected)
    value = obj[key]
    if not isinstance(value, kind):
        raise _fail(label, f"{where}.{key}", "has the wrong type", value, expected)
    return value


def _from_answer(
    doc: Any, label: str, fetched_on: _dt.date, folder: tuple[str, str] | None
) -> list[PublishedTime]:
    if not isinstance(doc, dict):
        raise _fail(label, "$", "must be a JSON object", type(doc).__name__, "{'data': ...}")
    data = _member(doc, "data", label, "$", dict, "an object")
    answer = _member(data, "processing_time", label, "$.data", dict, "an object")
    form = _normalised(answer, "form_name", label, _form_text, "a form number such as 'I-485'")
    office = _normalised(answer, "office_code", label, _office_text, "a USCIS office code")
    if folder is not None:
        _check_folder(folder, form, office, label)
    subtypes = _member(answer, "subtypes", label, _PT, list, "a list of subtypes")
    if not subtypes:
        raise _fail(label, f"{_PT}.subtypes", "is empty", expected="at least one subtype")
    entries: list[PublishedTime] = []
    first: dict[str, int] = {}
    for i, item in enumerate(subtypes):
        entry = _subtype(item, f"{_PT}.subtypes[{i}]", label, form, office, fetched_on)
        earlier = first.setdefault(entry.category, i)
        if earlier != i:
            # One answer lists each category once; a repeat means a broken or spliced file.
            raise _fail(
                label,
                f"{_PT}.subtypes[{i}].form_type",
                f"repeats the category of subtypes[{earlier}]",
                entry.category,
                "each category once per answer",
            )
        entries.append(entry)
    return entries


def _normalised(
    answer: dict[str, Any], key: str, label: str, normalise: Callable[[str], str], expected: str
) -> str:
    raw = _member(answer, key, label, _PT, str, expected)
    try:
        return normalise(raw)
    except InfopassRulesError as exc:
        raise _fail(label, f"{_PT}.{key}", exc.problem, raw, exc.expected or expected) from None


def _check_folder(folder: tuple[str, str], form: str, office: str, label: str) -> None:
    def same(name: str, normalise: Callable[[str], str], value: str) -> bool:
        try:
            return normalise(name) == value
        except InfopassRulesError:
            return False

    for key, name, normalise, value in (
        ("form_name", folder[0], _form_text, form),
        ("office_code", folder[1], _office_text, office),
    ):
        if not same(name, normalise, value):
            raise _fail(
                label,
                f"{_PT}.{key}",
                f"does not match the folder it is in ({name!r})",
                value,
                f"files laid out {_LAYOUT}",
            )


def _subtype(
    item: Any, where: str, label: str, form: str, office: str, fetched_on: _dt.date
) -> PublishedTime:
    if not isinstance(item, dict):
        raise _fail(label, where, "must be an object", type(item).__name__, "a subtype object")
    category = _member(item, "form_type", label, where, str, "the category, e.g. '160A'")
    published = _json_date(item, "publication_date", label, where)
    inquiry = _json_date(item, "service_request_date", label, where)
    flag = item.get("suppressed", False)
    if not isinstance(flag, bool):
        raise _fail(label, f"{where}.suppressed", "has the wrong type", flag, "true or false")
    ends = item.get("range", ...)
    if ends is ...:
        raise _fail(label, f"{where}.range", "is missing", expected="[upper, lower] or null")
    if ends is None:
        upper = lower = None
    elif isinstance(ends, list) and len(ends) == 2:
        upper = _json_end(ends[0], f"{where}.range[0]", label)
        lower = _json_end(ends[1], f"{where}.range[1]", label)
    else:
        raise _fail(label, f"{where}.range", "must be a list of two ends", ends, "[upper, lower]")
    try:
        return PublishedTime(
            form=form,
            office=office,
            category=category,
            fetched_on=fetched_on,
            published_on=published,
            case_inquiry_date=inquiry,
            upper=upper,
            lower=lower,
            # No case-inquiry date means no usable figure, whether or not USCIS set the flag.
            suppressed=flag or inquiry is None,
            origin=label,
        )
    except InfopassRulesError as exc:
        key = _JSON_KEYS.get(str(exc.field), str(exc.field))
        raise _fail(label, f"{where}.{key}", exc.problem, exc.value, exc.expected or "") from None


# The attributes of PublishedTime that come straight from one key of a subtype.
_JSON_KEYS = {"category": "form_type", "case_inquiry_date": "service_request_date"}


def _json_date(item: dict[str, Any], key: str, label: str, where: str) -> _dt.date | None:
    if key not in item:
        raise _fail(label, f"{where}.{key}", "is missing", expected=_US_DATE_EXPECTED)
    value = item[key]
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _fail(label, f"{where}.{key}", "has the wrong type", value, _US_DATE_EXPECTED)
    try:
        return parse_us_date(value)
    except ValueError as exc:
        raise _fail(label, f"{where}.{key}", str(exc), value, _US_DATE_EXPECTED) from None


def _json_end(end: Any, where: str, label: str) -> Duration | None:
    if not isinstance(end, dict):
        raise _fail(label, where, "must be an object", end, "{'unit': ..., 'value': ...}")
    unit = _member(end, "unit", label, where, str, _UNIT_EXPECTED)
    if "value" not in end:
        raise _fail(label, f"{where}.value", "is missing", expected="a non-negative number")
    value = end["value"]
    if unit == "" and value in ("", None):
        return None  # a suppressed subtype's empty end
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(label, f"{where}.value", "is not a number", value, "a non-negative number")
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(label, f"{where}.value", "is not finite", value, "a non-negative number")
    if value < 0:
        raise _fail(label, f"{where}.value", "is negative", value, "a non-negative number")
    if value > MAX_RANGE_VALUE:
        raise _fail(
            label,
            f"{where}.value",
            "is too large to be a processing time",
            value,
            f"a number of months or weeks up to {MAX_RANGE_VALUE}",
        )
    return Duration(value, _unit(unit, label, f"{where}.unit"))


def _unit(unit: str, label: str, where: str) -> Any:
    normal = UNIT_NAMES.get(unit.strip().lower())
    if normal is None:
        problem = "is empty while a value is given" if not unit.strip() else "is not a known unit"
        raise _fail(label, where, problem, unit, _UNIT_EXPECTED)
    return normal


# --- CSV ------------------------------------------------------------------------------------------


def _read_csv(path: str, fetched_on: _dt.date) -> list[PublishedTime]:
    reader = csv.reader(io.StringIO(_read_text(path, path), newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise InvalidData("is empty", field=path, expected="a header line and rows") from None
    except csv.Error as exc:
        raise InvalidData(f"is not valid CSV ({exc})", field=f"{path}:line 1") from None
    missing = [c for c in _CSV_COLUMNS if c not in header]
    if missing:
        raise InvalidData(
            f"lacks the column(s) {', '.join(missing)}",
            field=f"{path}:line 1",
            expected=f"a header with {', '.join(_CSV_COLUMNS)}",
        )
    column = {name: header.index(name) for name in _CSV_COLUMNS}
    entries = []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted cell can span lines)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InvalidData(f"is not valid CSV ({exc})", field=f"{path}:line {line}") from None
        if not row:
            continue  # a blank line
        if len(row) != len(header):
            raise InvalidData(
                f"has {len(row)} fields",
                field=f"{path}:line {line}",
                expected=f"{len(header)}, as in the header",
            )
        entries.append(_csv_row(row, column, f"{path}:line {line}", fetched_on))
    return entries


def _csv_row(
    row: list[str], column: dict[str, int], origin: str, fetched_on: _dt.date
) -> PublishedTime:
    def cell(name: str) -> str | None:
        text = row[column[name]].strip()
        return None if text in _NA else text

    def required(name: str, normalise: Callable[[str], str]) -> str:
        text = cell(name)
        if text is None:
            raise _fail(origin, name, "is missing", expected="a value (not NA)")
        try:
            return normalise(text)
        except InfopassRulesError as exc:
            raise _fail(origin, name, exc.problem, text, exc.expected or "") from None

    def day(name: str) -> _dt.date | None:
        text = cell(name)
        try:
            return None if text is None else parse_us_date(text)
        except ValueError as exc:
            raise _fail(origin, name, str(exc), text, _US_DATE_EXPECTED) from None

    def end(name: str) -> Duration | None:
        value, unit = cell(name), cell(f"{name}_unit")
        if value is None and unit is None:
            return None
        if value is None or unit is None:
            missing = name if value is None else f"{name}_unit"
            raise _fail(origin, missing, "is missing while its pair is given", "NA")
        if not _NUMBER.fullmatch(value):
            problem = "is negative" if _NUMBER.fullmatch(value.lstrip("-")) else "is not a number"
            raise _fail(origin, name, problem, value, "a non-negative number such as 29.5")
        number = float(value)
        if number > MAX_RANGE_VALUE:
            raise _fail(
                origin,
                name,
                "is too large to be a processing time",
                value,
                f"a number of months or weeks up to {MAX_RANGE_VALUE}",
            )
        return Duration(number, _unit(unit, origin, f"{name}_unit"))

    inquiry = day("service_request_date")
    try:
        return PublishedTime(
            form=required("form_name", _form_text),
            office=required("office_code", _office_text),
            category=required("form_subtype", str.strip),
            fetched_on=fetched_on,
            published_on=day("publication_date"),
            case_inquiry_date=inquiry,
            upper=end("range_upper"),
            lower=end("range_lower"),
            # The CSV has no suppressed column: an empty (or NA) date is how suppression shows.
            suppressed=inquiry is None,
            origin=origin,
        )
    except InvalidValue as exc:  # pragma: no cover - every cell was checked above
        raise _fail(origin, str(exc.field), exc.problem, exc.value, exc.expected or "") from None
