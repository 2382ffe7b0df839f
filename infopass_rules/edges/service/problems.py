"""Problem details (RFC 9457): every error the service answers is one ``application/problem+json``
document, built here from the library's own error or from an HTTP condition.

A library error (:class:`~infopass_rules.errors.InfopassRulesError`) is status 422 and carries
its ``field``, ``value`` and ``expected`` as extension members, so a firm's software can point at
the bad field as the command line's one-line error does; when one input had several problems
(``error.errors``) they are all listed under ``errors``. The ``value`` is the JSON value itself
when it is a short string, a number, a bool or null, and Python's ``repr`` of it, shortened,
otherwise: a problem never echoes back a megabyte of input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from infopass_rules.errors import InfopassRulesError, shorten

__all__ = [
    "PROBLEM_JSON",
    "PROBLEM_TYPES",
    "Problem",
    "from_library_error",
    "problem",
]

#: The media type of every error answer.
PROBLEM_JSON = "application/problem+json"

_TYPE_BASE = "https://infopass-rules.invalid/problems/"
_MAX_TEXT = 200

#: status -> (type slug, title): one stable type URI per kind of problem.
PROBLEM_TYPES: Mapping[int, tuple[str, str]] = {
    400: ("bad-request", "The request is malformed"),
    404: ("not-found", "No such resource"),
    405: ("method-not-allowed", "The method is not allowed here"),
    413: ("too-large", "The request body is too large"),
    415: ("unsupported-media-type", "The request body is of an unsupported media type"),
    422: ("invalid-input", "The input is not valid"),
    500: ("internal-error", "The service failed"),
    503: ("unavailable", "Not available"),
}

#: A problem document: JSON-ready.
Problem = dict[str, Any]


def _json_value(value: object) -> object:
    """``value`` as JSON can carry it, bounded: short scalars as they are, the rest as a repr."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) < 10**15:
        return value
    if isinstance(value, float) and value == value and abs(value) < 1e300:
        return value
    if isinstance(value, str) and len(value) <= _MAX_TEXT:
        try:
            json.dumps(value)  # a lone surrogate cannot be encoded
        except (TypeError, ValueError):  # pragma: no cover - json.dumps escapes surrogates
            return shorten(value, _MAX_TEXT)
        return value
    return shorten(value, _MAX_TEXT)


def problem(status: int, detail: str, **members: object) -> Problem:
    """A problem document of ``status`` with its ``type`` and ``title``, ``detail`` and any
    extension ``members`` (``None`` values left out)."""
    slug, title = PROBLEM_TYPES.get(status, ("error", "Error"))
    doc: Problem = {
        "type": _TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail[:2000],
    }
    doc.update({k: v for k, v in members.items() if v is not None})
    return doc


def _error_members(exc: InfopassRulesError) -> dict[str, object]:
    members: dict[str, object] = {"kind": type(exc).__name__}
    if exc.field is not None:
        members["field"] = exc.field[:_MAX_TEXT]
    members["value"] = _json_value(exc.value)
    if exc.expected is not None:
        members["expected"] = exc.expected[: _MAX_TEXT * 5]
    return members


def from_library_error(exc: InfopassRulesError, *, status: int = 422) -> Problem:
    """The problem of a library error: ``detail`` its message, with ``kind`` (the error's class),
    ``field``, ``value``, ``expected`` and, when it had several, ``errors`` (each with the same
    members and its own ``detail``)."""
    doc = problem(status, str(exc), **_error_members(exc))
    if len(exc.errors) > 1:
        doc["errors"] = [{"detail": str(e)[:2000], **_error_members(e)} for e in exc.errors[:100]]
    return doc
