"""One answer of USCIS's processing-times API (JSON), read into its entries.

The answer is ``{"data": {"processing_time": {"form_name", "office_code", "subtypes": [...]}}}``;
each subtype gives a category (``form_type``), dates written ``October 09, 2020``, a range
``[upper, lower]`` of ``{unit, value}`` ends (or ``null``) and, when USCIS withheld the figures,
a ``suppressed`` flag. An error names the file and the JSON path of the first problem
(``$.data.processing_time.subtypes[1].range[0].value``).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Callable
from typing import Any

from infopass_rules.errors import InfopassRulesError, InvalidData
from infopass_rules.facts.json_keys import KeysOnce
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime, form_from_text, office_from_text
from infopass_rules.times.readers.files import (
    FOLDER_LAYOUT,
    MAX_RANGE_VALUE,
    UNIT_EXPECTED,
    error_at,
    range_unit,
    read_text,
)
from infopass_rules.times.readers.us_dates import US_DATE_EXPECTED, parse_us_date

__all__ = ["read_json_file"]

_PT = "$.data.processing_time"


def read_json_file(
    path: str, label: str, fetched_on: _dt.date, folder: tuple[str, str] | None
) -> list[PublishedTime]:
    text = read_text(path, label)
    keys_once = KeysOnce()
    try:
        doc = json.loads(text, object_pairs_hook=keys_once)
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
    repeated = keys_once.repeated_path(doc)
    if repeated is not None:  # json.loads would keep the last one, silently
        raise error_at(label, repeated, "is given twice in one object", expected="each key once")
    return _from_answer(doc, label, fetched_on, folder)


def _member(obj: Any, key: str, label: str, where: str, kind: type, expected: str) -> Any:
    """``obj[key]``, checked to be a ``kind`` (``where`` is the JSON path of ``obj``)."""
    if key not in obj:
        raise error_at(label, f"{where}.{key}", "is missing", expected=expected)
    value = obj[key]
    if not isinstance(value, kind):
        raise error_at(label, f"{where}.{key}", "has the wrong type", value, expected)
    return value


def _from_answer(
    doc: Any, label: str, fetched_on: _dt.date, folder: tuple[str, str] | None
) -> list[PublishedTime]:
    if not isinstance(doc, dict):
        raise error_at(label, "$", "must be a JSON object", type(doc).__name__, "{'data': ...}")
    data = _member(doc, "data", label, "$", dict, "an object")
    answer = _member(data, "processing_time", label, "$.data", dict, "an object")
    form = _normalised(answer, "form_name", label, form_from_text, "a form number such as 'I-485'")
    office = _normalised(answer, "office_code", label, office_from_text, "a USCIS office code")
    if folder is not None:
        _check_folder(folder, form, office, label)
    subtypes = _member(answer, "subtypes", label, _PT, list, "a list of subtypes")
    if not subtypes:
        raise error_at(label, f"{_PT}.subtypes", "is empty", expected="at least one subtype")
    entries: list[PublishedTime] = []
    first: dict[str, int] = {}
    for i, item in enumerate(subtypes):
        entry = _subtype(item, f"{_PT}.subtypes[{i}]", label, form, office, fetched_on)
        earlier = first.setdefault(entry.category, i)
        if earlier != i:
            # One answer lists each category once; a repeat means a broken or spliced file.
            raise error_at(
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
        raise error_at(label, f"{_PT}.{key}", exc.problem, raw, exc.expected or expected) from None


def _check_folder(folder: tuple[str, str], form: str, office: str, label: str) -> None:
    def same(name: str, normalise: Callable[[str], str], value: str) -> bool:
        try:
            return normalise(name) == value
        except InfopassRulesError:
            return False

    for key, name, normalise, value in (
        ("form_name", folder[0], form_from_text, form),
        ("office_code", folder[1], office_from_text, office),
    ):
        if not same(name, normalise, value):
            raise error_at(
                label,
                f"{_PT}.{key}",
                f"does not match the folder it is in ({name!r})",
                value,
                f"files laid out {FOLDER_LAYOUT}",
            )


def _description(item: dict[str, Any]) -> str | None:
    """The category's published description (``subtype_info_en``), which joins its names
    across the JSON and CSV formats; None where the answer gives none."""
    text = item.get("subtype_info_en")
    if not isinstance(text, str) or text.strip() in ("", "NA"):
        return None
    return text.strip()


def _subtype(
    item: Any, where: str, label: str, form: str, office: str, fetched_on: _dt.date
) -> PublishedTime:
    if not isinstance(item, dict):
        raise error_at(label, where, "must be an object", type(item).__name__, "a subtype object")
    category = _member(item, "form_type", label, where, str, "the category, e.g. '160A'")
    published = _json_date(item, "publication_date", label, where)
    inquiry = _json_date(item, "service_request_date", label, where)
    flag = item.get("suppressed", False)
    if not isinstance(flag, bool):
        raise error_at(label, f"{where}.suppressed", "has the wrong type", flag, "true or false")
    ends = item.get("range", ...)
    if ends is ...:
        raise error_at(label, f"{where}.range", "is missing", expected="[upper, lower] or null")
    if ends is None:
        upper = lower = None
    elif isinstance(ends, list) and len(ends) == 2:
        upper = _json_end(ends[0], f"{where}.range[0]", label)
        lower = _json_end(ends[1], f"{where}.range[1]", label)
    else:
        raise error_at(
            label, f"{where}.range", "must be a list of two ends", ends, "[upper, lower]"
        )
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
            description=_description(item),
        )
    except InfopassRulesError as exc:
        key = _JSON_KEYS.get(str(exc.field), str(exc.field))
        raise error_at(
            label, f"{where}.{key}", exc.problem, exc.value, exc.expected or ""
        ) from None


# The attributes of PublishedTime that come straight from one key of a subtype.
_JSON_KEYS = {"category": "form_type", "case_inquiry_date": "service_request_date"}


def _json_date(item: dict[str, Any], key: str, label: str, where: str) -> _dt.date | None:
    if key not in item:
        raise error_at(label, f"{where}.{key}", "is missing", expected=US_DATE_EXPECTED)
    value = item[key]
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise error_at(label, f"{where}.{key}", "has the wrong type", value, US_DATE_EXPECTED)
    try:
        return parse_us_date(value)
    except ValueError as exc:
        raise error_at(label, f"{where}.{key}", str(exc), value, US_DATE_EXPECTED) from None


def _json_end(end: Any, where: str, label: str) -> Duration | None:
    if not isinstance(end, dict):
        raise error_at(label, where, "must be an object", end, "{'unit': ..., 'value': ...}")
    unit = _member(end, "unit", label, where, str, UNIT_EXPECTED)
    if "value" not in end:
        raise error_at(label, f"{where}.value", "is missing", expected="a non-negative number")
    value = end["value"]
    if unit == "" and value in ("", None):
        return None  # a suppressed subtype's empty end
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise error_at(label, f"{where}.value", "is not a number", value, "a non-negative number")
    if isinstance(value, float) and not math.isfinite(value):
        raise error_at(label, f"{where}.value", "is not finite", value, "a non-negative number")
    if value < 0:
        raise error_at(label, f"{where}.value", "is negative", value, "a non-negative number")
    if value > MAX_RANGE_VALUE:
        raise error_at(
            label,
            f"{where}.value",
            "is too large to be a processing time",
            value,
            f"a number of months or weeks up to {MAX_RANGE_VALUE}",
        )
    return Duration(value, range_unit(unit, label, f"{where}.unit"))
