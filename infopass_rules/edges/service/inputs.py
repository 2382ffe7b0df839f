"""What the service reads from a request: query parameters, JSON documents and uploads, each
checked the way the library checks its own input, so that bad input is always an
:class:`~infopass_rules.errors.InfopassRulesError` naming the field (and so a 422 problem).

Nothing here touches the network or a clock but :func:`as_of_or_today` (the service, like the
command line, decides as of today when no day is given).
"""

from __future__ import annotations

import datetime as _dt
import inspect
import io
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from infopass_rules.edges.json import from_jsonable, load_history, parse_json
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.history import Appointment, Inquiry

__all__ = [
    "CaseInput",
    "DocketInput",
    "as_of_or_today",
    "choice",
    "column_map",
    "docket_from_json",
    "named_upload",
    "read_case_input",
    "reader_options",
]

_CASE_FILE_KEYS = ("case", "history", "as_of")
_CASE_FILE_SHAPE = '{"case": {...}, "history": [...], "as_of": "YYYY-MM-DD"}'
_DOCKET_KEYS = ("cases", "history", "columns", "history_columns", "date_format")
_MAX_NAME = 100

#: A case, its history and the day asked for (None: not given).
CaseInput = tuple[Case, tuple[Inquiry | Appointment, ...], _dt.date | None]


def choice(values: Sequence[str], field: str, allowed: Sequence[str], default: str) -> str:
    """The one value of a query parameter among ``allowed`` (``default`` when absent).

    Raises:
        InvalidValue: given twice, or not one of ``allowed``.
    """
    if not values:
        return default
    if len(values) > 1:
        raise InvalidValue(
            "is given more than once", field=field, value=list(values), expected="one value"
        )
    value = values[0]
    if value not in allowed:
        raise InvalidValue(
            "is not a known value",
            field=field,
            value=value,
            expected="one of " + ", ".join(allowed),
        )
    return value


_DECISION_DATE = v.decision_date("as_of")


def a_day(value: object, field: str) -> _dt.date:
    """A ``YYYY-MM-DD`` day within the range the engine decides for."""
    day = v.iso_date(value, field)
    try:
        return _DECISION_DATE(day)
    except InfopassRulesError as exc:
        raise InvalidValue(exc.problem, field=field, value=value, expected=exc.expected) from None


def as_of_or_today(values: Sequence[object], field: str) -> _dt.date:
    """The day given (once) in ``values``, else today (the service's clock: the one place it
    reads one, as the commands do).

    Raises:
        InvalidValue: given twice, or not a ``YYYY-MM-DD`` day in range.
    """
    given = [x for x in values if x is not None and x != ""]
    if len(given) > 1:
        raise InvalidValue(
            "is given more than once", field=field, value=given, expected="one YYYY-MM-DD day"
        )
    if not given:
        return _dt.date.today()
    return a_day(given[0], field)


def read_case_input(raw: bytes | str) -> CaseInput:
    """The case, history and ``as_of`` of a ``case_file`` document (POST /decide, /record).

    Raises:
        InvalidData: not JSON, not an object with a ``"case"``, an unknown key; a case or history
            item that is not valid (its field the JSON path, ``$.history[2].on``).
        InvalidValue: ``as_of`` is not a day.
    """
    document = parse_json(raw)
    if not isinstance(document, dict) or "case" not in document:
        raise InvalidData(
            'must be a JSON object with a "case" key', field="$", expected=_CASE_FILE_SHAPE
        )
    unknown = sorted(set(document) - set(_CASE_FILE_KEYS))
    if unknown:
        raise InvalidData(
            "has unknown keys",
            field="$",
            value=unknown,
            expected='only "case", "history" and "as_of"',
        )
    case = from_jsonable(document["case"], Case, path="$.case")
    history = load_history(document.get("history", []), path="$.history")
    as_of = document.get("as_of")
    return case, history, None if as_of is None else a_day(as_of, "$.as_of")


class _Named(io.BytesIO):
    """Bytes with a file name, so the docket reader names the file in its errors and knows its
    format by its extension."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def named_upload(data: bytes, filename: str | None, default: str) -> io.BytesIO:
    """An uploaded file as the docket reader reads it: its base name (control characters and
    path separators dropped, at most 100 characters), else ``default``."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    name = "".join(c for c in name if c.isprintable())[-_MAX_NAME:].strip()
    return _Named(data, name or default)


def _json_lines(items: object, field: str, name: str) -> io.BytesIO:
    if not isinstance(items, list):
        raise InvalidData(
            f"is not an array ({type(items).__name__})",
            field=field,
            value=items,
            expected="a JSON array of objects",
        )
    text = "".join(
        json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n" for item in items
    )
    return _Named(text.encode("utf-8", "surrogatepass"), name)


def column_map(value: object, field: str) -> dict[str, str]:
    """A column mapping: a JSON object of strings, or ``A=field,B=field`` text (a form field).

    Raises:
        InvalidValue: neither, or a pair without ``=``.
    """
    if isinstance(value, dict):
        for key, target in value.items():
            if not isinstance(target, str):
                raise InvalidValue(
                    "maps a column to a non-string",
                    field=f"{field}.{key}",
                    value=target,
                    expected="a field name",
                )
        return dict(value)
    if not isinstance(value, str):
        raise InvalidValue(
            "is not a column mapping",
            field=field,
            value=value,
            expected='{"Column": "field"} or "Column=field,Other=field"',
        )
    mapping: dict[str, str] = {}
    for pair in value.split(","):
        if not pair.strip():
            continue
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise InvalidValue(
                "has a pair without '='",
                field=field,
                value=pair.strip(),
                expected="Column=field, pairs separated by commas",
            )
        mapping[column.strip()] = target.strip()
    return mapping


def reader_options(given: Mapping[str, object]) -> dict[str, Any]:
    """The docket reader's keyword options among ``given`` (``columns``, ``history_columns``,
    ``date_format``), checked, and only those the reader of this version takes.

    Raises:
        InvalidValue: an option of the wrong type, or one this version's reader does not take.
    """
    from infopass_rules.edges.docket.reading import read_docket

    accepted = inspect.signature(read_docket).parameters
    options: dict[str, Any] = {}
    for name in ("columns", "history_columns", "date_format"):
        value = given.get(name)
        if value is None or value == "":
            continue
        if name not in accepted:
            raise InvalidValue(
                "is not supported by this version's docket reader",
                field=name,
                value=value,
                expected="the docket without it",
            )
        if name == "date_format":
            if not isinstance(value, str) or len(value) > 100:
                raise InvalidValue(
                    "is not a date format",
                    field=name,
                    value=value,
                    expected='a strptime format ("%m/%d/%Y") or "us"',
                )
            options[name] = value
        else:
            mapping = column_map(value, name)
            if mapping:
                options[name] = mapping
    return options


#: A docket to read: the cases file, the history file (or None) and the reader's options.
DocketInput = tuple[io.BytesIO, io.BytesIO | None, dict[str, Any]]


def docket_from_json(
    raw: bytes | str, *, extra: Mapping[str, Callable[[object], object]] | None = None
) -> tuple[DocketInput, dict[str, object]]:
    """A docket request (``{"cases": [...], "history": [...]}``) as the files the docket reader
    reads (JSON Lines named ``cases.jsonl`` and ``history.jsonl``: an item's line is its index in
    its array, from 1), with the reader's options; and the ``extra`` keys (a plan's), each
    checked by its function.

    Raises:
        InvalidData: not JSON, not an object with ``"cases"``, an unknown key, ``cases`` or
            ``history`` not an array.
    """
    document = parse_json(raw)
    allowed = (*_DOCKET_KEYS, *(extra or {}))
    if not isinstance(document, dict) or "cases" not in document:
        raise InvalidData(
            'must be a JSON object with a "cases" key',
            field="$",
            expected='{"cases": [...], "history": [...]}',
        )
    unknown = sorted(set(document) - set(allowed))
    if unknown:
        raise InvalidData(
            "has unknown keys",
            field="$",
            value=unknown,
            expected="only " + ", ".join(f'"{k}"' for k in allowed),
        )
    cases = _json_lines(document["cases"], "$.cases", "cases.jsonl")
    history = None
    if document.get("history") is not None:
        history = _json_lines(document["history"], "$.history", "history.jsonl")
    options = reader_options({k: document.get(k) for k in _DOCKET_KEYS[2:]})
    checked = {key: check(document[key]) for key, check in (extra or {}).items() if key in document}
    return (cases, history, options), checked
