"""Converters used at the boundary of every fact: each checks one value and names its field.

attrs converters receive only the value, so each factory here closes over the field's name and
returns a converter that raises a typed :class:`~infopass_rules.errors.InfopassRulesError`
(never a bare TypeError) naming that field, the value and what would be accepted.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from infopass_rules.errors import InvalidReceiptNumber, InvalidValue

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_RECEIPT = re.compile(r"[A-Z]{3}[0-9]{10}")
_RECEIPT_NOISE = re.compile(r"[\s\-]+")
RECEIPT_EXPECTED = "3 letters and 10 digits, e.g. 'MSC1490012345' (spaces and dashes are ignored)"


def receipt_number(value: object, field: str = "receipt_number") -> str:
    """Normalise a receipt number: upper case, spaces and dashes dropped; 3 letters + 10 digits.

    The prefix is not limited to the service centres' (field offices issue receipts too), and
    receipt numbers carry no check digit, so nothing more can be checked.
    """
    if not isinstance(value, str):
        raise InvalidReceiptNumber(
            "must be a string", field=field, value=value, expected=RECEIPT_EXPECTED
        )
    compact = _RECEIPT_NOISE.sub("", value)
    # ASCII is checked before upper-casing: a dotless i upper-cases to "I" and "ß" to "SS", so a
    # check after it would turn a wrong receipt number into a plausible one.
    normal = compact.upper()
    if not compact.isascii() or not _RECEIPT.fullmatch(normal):
        raise InvalidReceiptNumber(
            "is not a receipt number", field=field, value=value, expected=RECEIPT_EXPECTED
        )
    return normal


def a_date(field: str) -> Callable[[object], _dt.date]:
    """A converter accepting a ``datetime.date`` and rejecting a ``datetime.datetime``."""

    def convert(value: object) -> _dt.date:
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            raise InvalidValue(
                "must be a datetime.date (not a datetime or a string)",
                field=field,
                value=value,
                expected="datetime.date(YYYY, M, D)",
            )
        return value

    return convert


#: The dates a decision may be asked for. The engine adds waits, windows and horizons (up to
#: ten years, see Policy) to ``as_of``; bounding it keeps every such date a real one.
FIRST_DECISION_DATE = _dt.date(1900, 1, 1)
LAST_DECISION_DATE = _dt.date(2199, 12, 31)


def decision_date(field: str) -> Callable[[object], _dt.date]:
    """A converter for the date a decision is made for: a date within the supported span."""
    convert = a_date(field)

    def checked(value: object) -> _dt.date:
        day = convert(value)
        if not FIRST_DECISION_DATE <= day <= LAST_DECISION_DATE:
            raise InvalidValue(
                "is outside the dates a decision can be made for",
                field=field,
                value=day,
                expected=f"a date from {FIRST_DECISION_DATE.isoformat()} to "
                f"{LAST_DECISION_DATE.isoformat()}",
            )
        return day

    return checked


def optional_date(field: str) -> Callable[[object], _dt.date | None]:
    convert = a_date(field)

    def optional(value: object) -> _dt.date | None:
        return None if value is None else convert(value)

    return optional


def member(enum_type: type[E], field: str) -> Callable[[object], E]:
    """A converter accepting a member of ``enum_type`` (or its exact name, as JSON carries it)."""
    names = ", ".join(m.name for m in enum_type)

    def convert(value: object) -> E:
        if isinstance(value, enum_type):
            return value
        if isinstance(value, str) and value in enum_type.__members__:
            return enum_type[value]
        raise InvalidValue(
            f"must be a {enum_type.__name__}", field=field, value=value, expected=f"one of {names}"
        )

    return convert


def optional_member(enum_type: type[E], field: str) -> Callable[[object], E | None]:
    convert = member(enum_type, field)

    def optional(value: object) -> E | None:
        return None if value is None else convert(value)

    return optional


def a_bool(field: str) -> Callable[[object], bool]:
    def convert(value: object) -> bool:
        if not isinstance(value, bool):
            raise InvalidValue("must be True or False", field=field, value=value, expected="a bool")
        return value

    return convert


def text(field: str, *, max_length: int = 500) -> Callable[[object], str]:
    """A non-empty string, stripped, at most ``max_length`` characters."""

    def convert(value: object) -> str:
        if not isinstance(value, str):
            raise InvalidValue(
                "must be a string",
                field=field,
                value=value,
                expected=f"a non-empty string of at most {max_length} characters",
            )
        stripped = value.strip()
        if not stripped or len(stripped) > max_length:
            raise InvalidValue(
                "must be a non-empty string, not too long",
                field=field,
                value=value,
                expected=f"a non-empty string of at most {max_length} characters",
            )
        return stripped

    return convert


def optional_text(field: str, *, max_length: int = 500) -> Callable[[object], str | None]:
    convert = text(field, max_length=max_length)

    def optional(value: object) -> str | None:
        return None if value is None else convert(value)

    return optional


def items(value: object, field: str, *, max_items: int) -> list[Any]:
    """The elements of a collection given for a tuple or frozenset field (never a str or a dict)."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise InvalidValue(
            "must be a collection (tuple, list, set)",
            field=field,
            value=value,
            expected=f"a collection of at most {max_items} items",
        )
    elements = list(value)
    if len(elements) > max_items:
        raise InvalidValue(
            f"has {len(elements)} items, too many",
            field=field,
            value=type(value).__name__,
            expected=f"at most {max_items} items",
        )
    return elements


def each(field: str, convert: Callable[[object, str], T], elements: list[Any]) -> list[T]:
    return [convert(v, f"{field}[{i}]") for i, v in enumerate(elements)]
