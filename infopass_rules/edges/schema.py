"""JSON Schema (draft 2020-12) of the JSON format of :func:`~infopass_rules.edges.json.dumps`.

:func:`json_schema` builds the schema of a class from its attrs fields and their types, the way
:mod:`infopass_rules.edges.json` writes and reads them: an attrs class is an object with its
fields as keys (``additionalProperties: false``; the fields without a default are required, as
:func:`~infopass_rules.edges.json.loads` requires them), a date an ISO ``YYYY-MM-DD`` string, an
enum member its name, a tuple an array, a frozenset an array of distinct items, ``X | None`` X or
``null``, a nested class a ``$ref`` to its ``$defs`` entry; a decision carries
``"schema_version"``. ``json_schema("docket_row")`` is the schema of one row of a docket report
(:meth:`~infopass_rules.edges.docket.model.DocketReport.rows`, a line of ``--format jsonl``),
``json_schema("docket_report")`` that of the whole report as one document (``--format json``).

Firm software in other languages validates what it sends and receives with these schemas; the
documentation ships them as files.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import attrs

from infopass_rules.edges.docket.model import CHANGE_VALUES, DUE_VALUES, ROW_FIELDS
from infopass_rules.edges.json import SCHEMA_VERSION
from infopass_rules.errors import InvalidValue
from infopass_rules.facts.enums import Action, Channel, Level
from infopass_rules.rules.trace import WarningKind

__all__ = ["DIALECT", "DOCKET_REPORT", "DOCKET_ROW", "json_schema"]

#: The JSON Schema dialect of every schema built here.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The name :func:`json_schema` takes for a docket row.
DOCKET_ROW = "docket_row"
#: The name :func:`json_schema` takes for a whole docket report (``docket --format json``).
DOCKET_REPORT = "docket_report"

_ID_BASE = "https://infopass-rules.invalid/schemas/"
_DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
_MAX_LENGTH = "max_length"


def json_schema(cls: type | str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the ``dumps`` format of ``cls``.

    Args:
        cls: an attrs class of the package (``Case``, ``Inquiry``, ``Appointment``,
            ``Decision``...), ``"docket_row"`` for a row of a docket report, or
            ``"docket_report"`` for a whole report as one JSON document.

    Returns:
        A JSON-compatible dict: ``$schema``, ``$id``, ``title``, the class's object schema and
        the ``$defs`` of the classes it holds.

    Raises:
        InvalidValue: ``cls`` is neither an attrs class nor ``"docket_row"`` /
            ``"docket_report"``.
    """
    if cls == DOCKET_ROW:
        return _docket_row()
    if cls == DOCKET_REPORT:
        return _docket_report()
    if not isinstance(cls, type) or not attrs.has(cls):
        raise InvalidValue(
            "has no JSON format",
            field="cls",
            value=cls,
            expected=f"an attrs class of infopass_rules, {DOCKET_ROW!r} or {DOCKET_REPORT!r}",
        )
    defs: dict[str, Any] = {}
    body = _object(cls, defs)
    defs.pop(cls.__name__, None)
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"{_ID_BASE}{cls.__name__}.json",
        "title": cls.__name__,
        **body,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if hasattr(cls, "ruleset_version"):  # a decision: the format's version comes first
        properties["schema_version"] = {"const": SCHEMA_VERSION}
        required.append("schema_version")
    for field in attrs.fields(cls):
        if not field.init:
            continue
        prop = _type(hints[field.name], defs)
        length = field.metadata.get(_MAX_LENGTH)
        if isinstance(length, int):
            prop = _bounded(prop, length)
        properties[field.name] = prop
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    out: dict[str, Any] = {"type": "object"}
    if doc:
        out["description"] = doc[0]
    out.update(properties=properties, required=required, additionalProperties=False)
    return out


def _bounded(prop: dict[str, Any], length: int) -> dict[str, Any]:
    """``prop`` with ``maxLength`` on its string (also inside an ``anyOf``)."""
    if prop.get("type") == "string":
        return {**prop, "maxLength": length}
    if "anyOf" in prop:
        return {**prop, "anyOf": [_bounded(p, length) for p in prop["anyOf"]]}
    return prop


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return {}
    if tp is type(None):
        return {"type": "null"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type(a, defs) for a in args]}
    if isinstance(tp, type):
        if issubclass(tp, bool):
            return {"type": "boolean"}
        if issubclass(tp, enum.Enum):
            return {"enum": [m.name for m in tp]}
        if issubclass(tp, _dt.datetime):  # pragma: no cover - no field of the package is one
            raise InvalidValue("is a datetime", field="cls", value=tp, expected="dates only")
        if issubclass(tp, _dt.date):
            return dict(_DATE)
        if issubclass(tp, str):
            return {"type": "string"}
        if issubclass(tp, int):
            return {"type": "integer"}
        if issubclass(tp, float):
            return {"type": "number"}
        if attrs.has(tp):
            if tp.__name__ not in defs:
                defs[tp.__name__] = {}  # a placeholder first: a class may hold itself
                defs[tp.__name__] = _object(tp, defs)
            return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin in (frozenset, set, AbstractSet):
        return {
            "type": "array",
            "items": _type(args[0] if args else Any, defs),
            "uniqueItems": True,
        }
    if origin in (tuple, list, Sequence):
        if origin is tuple and args and not (len(args) == 2 and args[1] is ...):
            return {
                "type": "array",
                "prefixItems": [_type(a, defs) for a in args],
                "items": False,
                "minItems": len(args),
            }
        return {"type": "array", "items": _type(args[0] if args else Any, defs)}
    if origin in (dict, Mapping):
        value = args[1] if len(args) == 2 else Any
        return {"type": "object", "additionalProperties": _type(value, defs)}
    raise InvalidValue(  # pragma: no cover - every field type of the package is handled above
        "has a type with no JSON form", field="cls", value=tp, expected="a JSON-able type"
    )


_NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}


def _names_or_null(members: type[enum.Enum]) -> dict[str, Any]:
    return {"enum": [*(m.name for m in members), None]}


def _string_list() -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}}


def _docket_row_body() -> dict[str, Any]:
    types_ = {
        "receipt_number": _NULLABLE_STRING,
        "line": {"type": ["integer", "null"], "minimum": 1},
        "office": _NULLABLE_STRING,
        "action": _names_or_null(Action),
        "what_to_do": _NULLABLE_STRING,
        "earliest": {"anyOf": [_DATE, {"type": "null"}]},
        "allowed": {"type": ["boolean", "null"]},
        "due": {"enum": [*DUE_VALUES, None]},
        "channels": {"type": "array", "items": {"enum": [c.name for c in Channel]}},
        "why_not_yet": _NULLABLE_STRING,
        "step": {"type": ["integer", "null"], "minimum": 1},
        "level": _names_or_null(Level),
        "remedies": _string_list(),
        "warnings": _string_list(),
        "rule_ids": _string_list(),
        "error": _NULLABLE_STRING,
        "change": {"enum": [*CHANGE_VALUES, None]},
        "since": {"anyOf": [_DATE, {"type": "null"}]},
    }
    assert tuple(types_) == ROW_FIELDS  # one list of fields: the report's
    return {
        "description": (
            "One case of a docket report: its decision flattened, or its error; the firm's "
            "own columns (text) follow the fixed ones."
        ),
        "type": "object",
        "properties": types_,
        "required": list(ROW_FIELDS),
        # The firm's own columns: any other name, text (or null where the case had none).
        "patternProperties": {f"^(?!(?:{'|'.join(ROW_FIELDS)})$)": _NULLABLE_STRING},
        "additionalProperties": False,
    }


def _docket_row() -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": f"{_ID_BASE}DocketRow.json",
        "title": "DocketRow",
        **_docket_row_body(),
    }


def _docket_report() -> dict[str, Any]:
    error = {
        "type": "object",
        "properties": {
            "source": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "field": {"type": "string"},
            "message": {"type": "string"},
            "receipt_number": _NULLABLE_STRING,
        },
        "required": ["source", "line", "field", "message", "receipt_number"],
        "additionalProperties": False,
    }
    return {
        "$schema": DIALECT,
        "$id": f"{_ID_BASE}DocketReport.json",
        "title": "DocketReport",
        "description": (
            "A docket report as one document (docket --format json): one row per case of the "
            "input, the notices true of the whole report, the counts by action."
        ),
        "type": "object",
        "properties": {
            "as_of": _DATE,
            "ruleset_version": {"type": "string"},
            "counts": {
                "type": "object",
                "properties": {a.name: {"type": "integer", "minimum": 0} for a in Action},
                "required": [a.name for a in Action],
                "additionalProperties": False,
            },
            "notices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"enum": [k.name for k in WarningKind]},
                        "text": {"type": "string"},
                    },
                    "required": ["kind", "text"],
                    "additionalProperties": False,
                },
            },
            "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {"$ref": "#/$defs/DocketRow"}},
            "errors": {"type": "array", "items": error},
            "since": {"anyOf": [_DATE, {"type": "null"}]},
            "gone": _string_list(),
        },
        "required": [
            "as_of",
            "ruleset_version",
            "counts",
            "notices",
            "columns",
            "rows",
            "errors",
            "since",
            "gone",
        ],
        "additionalProperties": False,
        "$defs": {"DocketRow": _docket_row_body()},
    }
