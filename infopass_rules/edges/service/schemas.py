"""The service's schemas: the input documents it reads and the OpenAPI document, both built from
:func:`~infopass_rules.edges.schema.json_schema`, the one source of truth of the JSON format.

:func:`schema` names every schema the service publishes at ``GET /schemas/{name}``: the library's
own (``Case``, ``Inquiry``, ``Appointment``, ``Decision``, ``docket_row``, ``docket_report``,
``Rule``, ``Source``)
as :func:`~infopass_rules.edges.schema.json_schema` gives them, and the inputs the JSON formats had
no schema for until now:

- ``case_file``: ``{"case": ..., "history": [...], "as_of": ...}``, what ``next`` and ``record``
  read and ``POST /decide`` and ``POST /record`` take; each history item is an ``Inquiry`` or an
  ``Appointment`` with its ``"kind"`` (which the ``Inquiry`` schema alone rejects);
- ``docket_request``: ``{"cases": [...], "history": [...]}``, a docket as JSON (each case a row of
  the docket reader, each history row with its receipt number and kind);
- ``plan_request``: a docket request with ``as_of``, ``attorneys``, ``start`` and
  ``horizon_days``;
- ``problem``: the RFC 9457 problem every error answer is.

:func:`openapi_document` assembles the OpenAPI 3.1 document (whose schema dialect is JSON Schema
2020-12, the dialect of ``json_schema``): every ``$defs`` entry is moved to
``components/schemas`` and its references rewritten, nothing else changed.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping
from typing import Any

from infopass_rules.edges.service.limits import MAX_ATTORNEYS, MAX_HORIZON_DAYS
from infopass_rules.errors import InvalidValue

__all__ = ["SCHEMA_NAMES", "openapi_document", "schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_BASE = "https://infopass-rules.invalid/schemas/"
_DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}


def _library(cls_name: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        from infopass_rules.edges.schema import json_schema

        if cls_name in ("docket_row", "docket_report"):
            return json_schema(cls_name)
        return json_schema(_classes()[cls_name])

    return build


def _classes() -> dict[str, type]:
    from infopass_rules.engine.decision import Decision
    from infopass_rules.facts.case import Case
    from infopass_rules.facts.history import Appointment, Inquiry
    from infopass_rules.sources.rulebook import Rule, Source

    return {
        "Case": Case,
        "Inquiry": Inquiry,
        "Appointment": Appointment,
        "Decision": Decision,
        "Rule": Rule,
        "Source": Source,
    }


def _body(full: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A schema's object body (no ``$schema``, ``$id``, ``title``, ``$defs``) and its defs."""
    body = {k: copy.deepcopy(v) for k, v in full.items() if k not in ("$schema", "$id", "$defs")}
    body.pop("title", None)
    return body, copy.deepcopy(dict(full.get("$defs", {})))


def _with_kind(cls_name: str, kind: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of ``cls_name`` as a history item: its ``"kind"`` first, then its fields."""
    body, more = _body(_library(cls_name)())
    defs.update(more)
    body["properties"] = {"kind": {"const": kind}, **body["properties"]}
    body["required"] = ["kind", *body["required"]]
    return body


def _history_items(defs: dict[str, Any]) -> dict[str, Any]:
    from infopass_rules.facts.history import MAX_HISTORY_ITEMS

    defs["HistoryInquiry"] = _with_kind("Inquiry", "inquiry", defs)
    defs["HistoryAppointment"] = _with_kind("Appointment", "appointment", defs)
    return {
        "type": "array",
        "maxItems": MAX_HISTORY_ITEMS,
        "items": {
            "oneOf": [
                {"$ref": "#/$defs/HistoryInquiry"},
                {"$ref": "#/$defs/HistoryAppointment"},
            ]
        },
    }


def _document(
    name: str, title: str, description: str, body: dict[str, Any], defs: dict[str, Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "$schema": _DIALECT,
        "$id": f"{_ID_BASE}{name}.json",
        "title": title,
        "description": description,
        **body,
    }
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


def _case_file() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    case_body, case_defs = _body(_library("Case")())
    defs.update(case_defs)
    defs["Case"] = case_body
    body = {
        "type": "object",
        "properties": {
            "case": {"$ref": "#/$defs/Case"},
            "history": _history_items(defs),
            "as_of": {**_DATE, "description": "the day to decide for (default: today)"},
        },
        "required": ["case"],
        "additionalProperties": False,
    }
    return _document(
        "case_file",
        "CaseFile",
        "One case and its history: what `next` and `record` read and POST /decide and POST "
        '/record take; each history item tagged "kind": "inquiry" or "appointment".',
        body,
        defs,
    )


_CELL: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "maxLength": 10_000},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "null"},
        {"type": "array", "maxItems": 1000},
        {"type": "object", "maxProperties": 100},
    ]
}


def _rows(fields: tuple[str, ...], required: tuple[str, ...], what: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": f"{what}: keys are the docket reader's field names (or the firm's own, "
        "mapped by `columns`); values as in a docket file's cells, or JSON values.",
        "properties": dict.fromkeys(fields, _CELL),
        "required": list(required),
        "additionalProperties": _CELL,
    }


def _docket_request_body(defs: dict[str, Any]) -> dict[str, Any]:
    from infopass_rules.edges.docket.reading import CASE_FIELDS, HISTORY_FIELDS

    defs["CaseRow"] = _rows(CASE_FIELDS, ("receipt_number", "office"), "One case of the docket")
    defs["HistoryRow"] = _rows(
        HISTORY_FIELDS,
        ("receipt_number", "kind", "on"),
        "One inquiry or appointment of a case of the docket",
    )
    columns = {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "maxProperties": 200,
        "description": "the firm's column names mapped to field names",
    }
    return {
        "type": "object",
        "properties": {
            "cases": {"type": "array", "items": {"$ref": "#/$defs/CaseRow"}},
            "history": {"type": "array", "items": {"$ref": "#/$defs/HistoryRow"}},
            "columns": columns,
            "history_columns": columns,
            "date_format": {
                "type": "string",
                "maxLength": 100,
                "description": 'a strptime format ("%m/%d/%Y"), or "us"',
            },
        },
        "required": ["cases"],
        "additionalProperties": False,
    }


def _docket_request() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    body = _docket_request_body(defs)
    return _document(
        "docket_request",
        "DocketRequest",
        "A docket as JSON: its cases and their history, as the docket reader reads them from "
        "JSON Lines (an item's line is its index in its array, from 1).",
        body,
        defs,
    )


def _plan_request() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    body = _docket_request_body(defs)
    body["properties"].update(
        as_of={**_DATE, "description": "the day to decide for (default: today)"},
        attorneys={
            "type": "array",
            "items": {"type": "string", "minLength": 1, "maxLength": 200},
            "minItems": 1,
            "maxItems": MAX_ATTORNEYS,
        },
        start={**_DATE, "description": "the first day to plan (default: as_of)"},
        horizon_days={"type": "integer", "minimum": 1, "maximum": MAX_HORIZON_DAYS},
        attorney_column={"type": "string", "maxLength": 200},
    )
    body["required"] = ["cases", "attorneys"]
    return _document(
        "plan_request",
        "PlanRequest",
        "A docket with whom to plan for: the attorneys, the first day and the horizon.",
        body,
        defs,
    )


def _problem() -> dict[str, Any]:
    detail_members = {
        "detail": {"type": "string"},
        "kind": {"type": "string"},
        "field": {"type": "string"},
        "value": {},
        "expected": {"type": "string"},
    }
    body = {
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            **detail_members,
            "errors": {"type": "array", "items": {"type": "object", "properties": detail_members}},
        },
        "required": ["type", "title", "status", "detail"],
    }
    return _document(
        "problem",
        "Problem",
        "An error (RFC 9457): for bad input, the library error's field, value and expected.",
        body,
        {},
    )


_BUILDERS: Mapping[str, Callable[[], dict[str, Any]]] = {
    "Case": _library("Case"),
    "Inquiry": _library("Inquiry"),
    "Appointment": _library("Appointment"),
    "Decision": _library("Decision"),
    "docket_row": _library("docket_row"),
    "Rule": _library("Rule"),
    "Source": _library("Source"),
    "case_file": _case_file,
    "docket_request": _docket_request,
    "plan_request": _plan_request,
    "docket_report": _library("docket_report"),
    "problem": _problem,
}

#: The names ``GET /schemas/{name}`` answers.
SCHEMA_NAMES: tuple[str, ...] = tuple(_BUILDERS)


@functools.cache
def _built(name: str) -> dict[str, Any]:
    return _BUILDERS[name]()


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) called ``name`` (one of :data:`SCHEMA_NAMES`), a fresh copy.

    Raises:
        InvalidValue: no schema has that name.
    """
    if not isinstance(name, str) or name not in _BUILDERS:
        raise InvalidValue(
            "is not the name of a schema",
            field="name",
            value=name,
            expected="one of " + ", ".join(SCHEMA_NAMES),
        )
    return copy.deepcopy(_built(name))


# --- OpenAPI --------------------------------------------------------------------------------------


def _relocate(node: Any) -> Any:
    """``node`` with every ``#/$defs/X`` reference pointing at ``#/components/schemas/X``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/components/schemas/" + value[len("#/$defs/") :]
            else:
                out[key] = _relocate(value)
        return out
    if isinstance(node, list):
        return [_relocate(v) for v in node]
    return node


def _components() -> dict[str, Any]:
    components: dict[str, Any] = {}
    for name in SCHEMA_NAMES:
        full = _built(name)
        body, defs = _body(full)
        for def_name, def_body in defs.items():
            known = components.get(def_name)
            if known is not None and known != _relocate(def_body):  # pragma: no cover
                raise InvalidValue(
                    "is defined twice, differently", field=f"$defs.{def_name}", expected="one"
                )
            components[def_name] = _relocate(def_body)
        components.setdefault(name, _relocate(body))
    return dict(sorted(components.items()))


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problems(*statuses: int) -> dict[str, Any]:
    from infopass_rules.edges.service.problems import PROBLEM_JSON, PROBLEM_TYPES

    return {
        str(status): {
            "description": PROBLEM_TYPES[status][1],
            "headers": {"X-Ruleset-Version": {"$ref": "#/components/headers/X-Ruleset-Version"}},
            "content": {PROBLEM_JSON: {"schema": _ref("problem")}},
        }
        for status in statuses
    }


def _ok(description: str, content: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "headers": {"X-Ruleset-Version": {"$ref": "#/components/headers/X-Ruleset-Version"}},
            "content": dict(content),
        }
    }


def _query(name: str, description: str, schema_: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema_,
    }


_TEXT = {"schema": {"type": "string"}}
_BINARY_FILE = {"type": "string", "format": "binary"}


def _upload(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema": {
            "type": "object",
            "properties": {
                "cases": _BINARY_FILE,
                "history": _BINARY_FILE,
                "columns": {"type": "string", "description": "A=field,B=field"},
                "history_columns": {"type": "string", "description": "A=field,B=field"},
                "date_format": {"type": "string"},
                "as_of": _DATE,
                **(extra or {}),
            },
            "required": ["cases"],
        }
    }


def openapi_document(*, version: str, ruleset_version: str, max_body_bytes: int) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service: its paths, and as components the schemas of
    :func:`schema`, relocated (``#/$defs/X`` becomes ``#/components/schemas/X``)."""
    bad_body = _problems(400, 413, 415, 422)
    as_of_query = _query("as_of", "the day to decide for (default: today)", _DATE)
    json_body = "application/json"
    decide = {
        "summary": "The next allowed action for one case",
        "operationId": "decide",
        "requestBody": {"required": True, "content": {json_body: {"schema": _ref("case_file")}}},
        "responses": {**_ok("The decision", {json_body: {"schema": _ref("Decision")}}), **bad_body},
    }
    docket = {
        "summary": "Decide a whole docket: the report",
        "operationId": "docket",
        "parameters": [
            as_of_query,
            _query("format", "the report's format", {"enum": ["json", "csv", "html"]}),
        ],
        "requestBody": {
            "required": True,
            "content": {
                json_body: {"schema": _ref("docket_request")},
                "multipart/form-data": _upload(),
            },
        },
        "responses": {
            **_ok(
                "The report",
                {
                    json_body: {"schema": _ref("docket_report")},
                    "text/csv": _TEXT,
                    "text/html": _TEXT,
                },
            ),
            **bad_body,
        },
    }
    record = {
        "summary": "The escalation record of one case",
        "operationId": "record",
        "parameters": [
            _query("format", "the record's format", {"enum": ["html", "markdown"]}),
            _query("to", "its recipient", {"enum": ["fod", "ombudsman", "congress"]}),
        ],
        "requestBody": {"required": True, "content": {json_body: {"schema": _ref("case_file")}}},
        "responses": {
            **_ok("The record", {"text/html": _TEXT, "text/markdown": _TEXT}),
            **bad_body,
        },
    }
    plan = {
        "summary": "Plan the docket's calls and appointments",
        "operationId": "plan",
        "parameters": [_query("format", "the plan's format", {"enum": ["json", "ics"]})],
        "requestBody": {
            "required": True,
            "content": {
                json_body: {"schema": _ref("plan_request")},
                "multipart/form-data": _upload(
                    {
                        "attorneys": {"type": "string", "description": "A,B"},
                        "start": _DATE,
                        "horizon_days": {"type": "integer", "minimum": 1},
                    }
                ),
            },
        },
        "responses": {
            **_ok("The plan", {json_body: {"schema": {"type": "object"}}, "text/calendar": _TEXT}),
            **bad_body,
        },
    }

    def get(
        summary: str,
        op: str,
        content: Mapping[str, Any],
        *more: int,
        parameters: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "summary": summary,
            "operationId": op,
            "responses": {**_ok(summary, content), **_problems(*more)},
        }
        if parameters:
            out["parameters"] = parameters
        return {"get": out}

    def path_param(name: str, schema_: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"name": name, "in": "path", "required": True, "schema": schema_}]

    any_json = {json_body: {"schema": {"type": "object"}}}
    paths = {
        "/decide": {"post": decide},
        "/docket": {"post": docket},
        "/record": {"post": record},
        "/plan": {"post": plan},
        "/rules": get(
            "Every rule of the rule set",
            "rules",
            {json_body: {"schema": {"type": "array", "items": _ref("Rule")}}},
        ),
        "/rules/{rule_id}": get(
            "One rule",
            "rule",
            {json_body: {"schema": _ref("Rule")}},
            404,
            parameters=path_param("rule_id", {"type": "string"}),
        ),
        "/sources": get(
            "Every source the rules rest on",
            "sources",
            {json_body: {"schema": {"type": "array", "items": _ref("Source")}}},
        ),
        "/schemas/{name}": get(
            "A JSON Schema (2020-12)",
            "schema",
            any_json,
            404,
            parameters=path_param("name", {"type": "string"}),
        ),
        "/openapi.json": get("This document", "openapi", any_json),
        "/health": get("Whether the service answers, and with which rule set", "health", any_json),
        "/": get("The docket page", "page", {"text/html": _TEXT}),
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": _DIALECT,
        "info": {
            "title": "infopass_rules",
            "version": version,
            "description": "USCIS INFOPASS and Contact Center procedures: the next allowed "
            f"action for a case, a whole docket, records and plans (rule set "
            f"{ruleset_version}). Stateless; bodies of at most {max_body_bytes} bytes.",
        },
        "paths": paths,
        "components": {
            "schemas": _components(),
            "headers": {
                "X-Ruleset-Version": {
                    "description": "the rule set that answered",
                    "schema": {"type": "string"},
                    "required": True,
                }
            },
        },
    }
