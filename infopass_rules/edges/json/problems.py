"""How a JSON error names its place and its value: JSON paths and the kinds of JSON values."""

from __future__ import annotations

from infopass_rules.errors import InvalidData
from infopass_rules.facts.json_keys import join_path

__all__ = ["join_path", "json_kind", "type_name", "wrong_type"]


def json_kind(value: object) -> str:
    """What JSON calls the value: ``"null"``, ``"a boolean"``, ``"an array"``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def wrong_type(value: object, expected: str) -> InvalidData:
    """An InvalidData for a value of the wrong JSON kind (its place is added by the caller)."""
    return InvalidData(f"is {json_kind(value)}", value=value, expected=expected)


def type_name(tp: object) -> str:
    """A class's name (a typing construct's repr)."""
    return getattr(tp, "__name__", None) or repr(tp)
