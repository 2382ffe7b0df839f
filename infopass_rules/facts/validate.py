"""Converters used at the boundary of every fact: each checks one value and names its field.

There is one converter per *kind* of value (a date, an optional date, an enum member, a bool, a
text, a receipt number...). Each is an ``attrs.Converter`` that takes the field, so it learns the
field's name (and, for an enum member, the enum: the field's declared type; for a text, its
``max_length`` metadata) from attrs, and one converter serves every field of its kind::

    on: datetime.date = attrs.field(converter=v.DATE)
    what: str = attrs.field(converter=v.TEXT, metadata=v.max_length(200))

Each raises a typed :class:`~infopass_rules.errors.InfopassRulesError` (never a bare TypeError)
naming the field, the value and what would be accepted. The factories (:func:`a_date`,
:func:`member`, :func:`text`...) build the same checks for a name given by hand, for values
that are not attrs fields (arguments, elements of a collection).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import enum
import functools
import itertools
import re
import typing
from collections.abc import Callable, Iterable, Mapping, Sized
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from infopass_rules.errors import InvalidReceiptNumber, InvalidValue

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_RECEIPT = re.compile(r"[A-Z]{3}[0-9]{10}")
_RECEIPT_NOISE = re.compile(r"[\s\-]+")
RECEIPT_EXPECTED = "3 letters and 10 digits, e.g. 'MSC1490012345' (spaces and dashes are ignored)"

#: The characters no text field takes: control characters other than tab and newline (C0, DEL,
#: C1: a carriage return, an escape sequence, a NUL) and lone surrogates (U+D800-U+DFFF, which
#: UTF-8 cannot encode, so such a text could not be written to JSON and read back).
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
TEXT_CHARACTERS = (
    "printable text (tab and newline allowed; no other control character, no lone surrogate)"
)

#: The longest text a text field takes when its field names no ``max_length``.
DEFAULT_MAX_LENGTH = 500
_MAX_LENGTH = "max_length"


def receipt_number(value: object, field: str = "receipt_number") -> str:
    """Normalise a receipt number: upper case, spaces and dashes dropped; 3 letters + 10 digits.

    The prefix is not limited to the service centres' (field offices issue receipts too), and
    receipt numbers carry no check digit, so nothing more can be checked.
    """
    if value.__class__ is str and _RECEIPT.fullmatch(value):
        return value  # already normal (as a case's is, read again by a history or a docket)
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


# --- the checks, each for a value and the name of its field ----------------------------------


def check_date(value: object, field: str) -> _dt.date:
    """``value`` if it is a ``datetime.date``; a ``datetime.datetime`` is refused."""
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise InvalidValue(
            "must be a datetime.date (not a datetime or a string)",
            field=field,
            value=value,
            expected="datetime.date(YYYY, M, D)",
        )
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(value: object, field: str) -> _dt.date:
    """A day written as text, ``YYYY-MM-DD`` only (as a command line or a CSV cell gives it):
    ``date.fromisoformat`` alone would also take an ISO week (``2014-W01-1``) or the basic
    format (``20140101``)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):  # a day that is not of the calendar: below
            return _dt.date.fromisoformat(value)
    raise InvalidValue("is not a date", field=field, value=value, expected="YYYY-MM-DD")


def check_member(value: object, enum_type: type[E], field: str) -> E:
    """A member of ``enum_type``, given as itself or by its exact name (as JSON carries it)."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str) and value in enum_type.__members__:
        return enum_type[value]
    names = ", ".join(m.name for m in enum_type)
    raise InvalidValue(
        f"must be a {enum_type.__name__}", field=field, value=value, expected=f"one of {names}"
    )


def check_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue("must be True or False", field=field, value=value, expected="a bool")
    return value


def check_text(value: object, field: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """A non-empty string, stripped, at most ``max_length`` characters, of printable text
    (:data:`TEXT_CHARACTERS`)."""
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
    bad = _FORBIDDEN_CHARS.search(value)
    if bad is not None:
        raise InvalidValue(
            f"holds the character U+{ord(bad.group()):04X} at index {bad.start()}",
            field=field,
            value=value,
            expected=TEXT_CHARACTERS,
        )
    return stripped


# --- one converter per kind of value, for attrs fields ---------------------------------------


def max_length(length: int) -> Mapping[str, int]:
    """The metadata of a text field that takes at most ``length`` characters."""
    return {_MAX_LENGTH: length}


_ENUMS: dict[object, type[enum.Enum]] = {}


def _enum_of(declared: object) -> type[enum.Enum]:
    """The enum of a field declared ``SomeEnum`` or ``SomeEnum | None`` (kept once found)."""
    found = _ENUMS.get(declared)
    if found is not None:
        return found
    kinds = [t for t in typing.get_args(declared) if t is not type(None)] or [declared]
    kind = kinds[0]
    if len(kinds) != 1 or not isinstance(kind, type) or not issubclass(kind, enum.Enum):
        # A programming error of this package, met when its first fact is built: the field's
        # type must be evaluated (no ``from __future__ import annotations`` in its module).
        raise TypeError(f"an enum member converter serves an enum field, not {declared!r}")
    _ENUMS[declared] = kind
    return kind


# Each converter returns a value of the field's exact type at once (the check's own first
# test, without a second call): a fact is built by the 100,000 from a docket.


def _date_field(value: object, field: attrs.Attribute[Any]) -> _dt.date:
    if value.__class__ is _dt.date:
        return value
    return check_date(value, field.name)


def _optional_date_field(value: object, field: attrs.Attribute[Any]) -> _dt.date | None:
    if value is None or value.__class__ is _dt.date:
        return value
    return check_date(value, field.name)


def _member_field(value: object, field: attrs.Attribute[Any]) -> enum.Enum:
    kind = _ENUMS.get(field.type)
    if kind is None:
        kind = _enum_of(field.type)
    if value.__class__ is kind:
        return value
    return check_member(value, kind, field.name)


def _optional_member_field(value: object, field: attrs.Attribute[Any]) -> enum.Enum | None:
    return None if value is None else _member_field(value, field)


def _bool_field(value: object, field: attrs.Attribute[Any]) -> bool:
    if value is True or value is False:
        return value
    return check_bool(value, field.name)


def _text_field(value: object, field: attrs.Attribute[Any]) -> str:
    return check_text(value, field.name, field.metadata.get(_MAX_LENGTH, DEFAULT_MAX_LENGTH))


def _optional_text_field(value: object, field: attrs.Attribute[Any]) -> str | None:
    if value is None:
        return None
    return check_text(value, field.name, field.metadata.get(_MAX_LENGTH, DEFAULT_MAX_LENGTH))


def _receipt_field(value: object, field: attrs.Attribute[Any]) -> str:
    return receipt_number(value, field.name)


def _optional_receipt_field(value: object, field: attrs.Attribute[Any]) -> str | None:
    return None if value is None else receipt_number(value, field.name)


if TYPE_CHECKING:
    # mypy's attrs plugin reads a converter only when it is a named function (it does not know
    # attrs.Converter yet, python/mypy#15736): to it, each converter is declared as what it
    # accepts and returns, which gives every __init__ its parameter types.
    def DATE(value: object) -> _dt.date: ...
    def OPTIONAL_DATE(value: object) -> _dt.date | None: ...
    def MEMBER(value: object) -> enum.Enum: ...
    def OPTIONAL_MEMBER(value: object) -> enum.Enum | None: ...
    def BOOL(value: object) -> bool: ...
    def TEXT(value: object) -> str: ...
    def OPTIONAL_TEXT(value: object) -> str | None: ...
    def RECEIPT_NUMBER(value: object) -> str: ...
    def OPTIONAL_RECEIPT_NUMBER(value: object) -> str | None: ...

else:
    #: A ``datetime.date`` (a ``datetime.datetime`` is refused).
    DATE = attrs.Converter(_date_field, takes_field=True)
    #: A ``datetime.date`` or None.
    OPTIONAL_DATE = attrs.Converter(_optional_date_field, takes_field=True)
    #: A member of the field's enum, or its exact name.
    MEMBER = attrs.Converter(_member_field, takes_field=True)
    #: A member of the field's enum, its exact name, or None.
    OPTIONAL_MEMBER = attrs.Converter(_optional_member_field, takes_field=True)
    #: True or False (nothing else, not even 0 or 1).
    BOOL = attrs.Converter(_bool_field, takes_field=True)
    #: A non-empty string, stripped, of at most the field's ``max_length`` characters.
    TEXT = attrs.Converter(_text_field, takes_field=True)
    #: Such a string, or None.
    OPTIONAL_TEXT = attrs.Converter(_optional_text_field, takes_field=True)
    #: A receipt number, normalised (:func:`receipt_number`).
    RECEIPT_NUMBER = attrs.Converter(_receipt_field, takes_field=True)
    #: A receipt number, normalised, or None.
    OPTIONAL_RECEIPT_NUMBER = attrs.Converter(_optional_receipt_field, takes_field=True)


# --- factories: the same checks for a name given by hand -------------------------------------


def a_date(field: str) -> Callable[[object], _dt.date]:
    """A converter accepting a ``datetime.date`` and rejecting a ``datetime.datetime``."""
    return functools.partial(check_date, field=field)


#: The dates a decision may be asked for. The engine adds waits, windows and horizons (up to
#: ten years, see Policy) to ``as_of``; bounding it keeps every such date a real one.
FIRST_DECISION_DATE = _dt.date(1900, 1, 1)
LAST_DECISION_DATE = _dt.date(2199, 12, 31)


def decision_date(field: str) -> Callable[[object], _dt.date]:
    """A converter for the date a decision is made for: a date within the supported span."""

    def checked(value: object) -> _dt.date:
        day = check_date(value, field)
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
    def optional(value: object) -> _dt.date | None:
        return None if value is None else check_date(value, field)

    return optional


def member(enum_type: type[E], field: str) -> Callable[[object], E]:
    """A converter accepting a member of ``enum_type`` (or its exact name, as JSON carries it)."""

    def convert(value: object) -> E:
        return check_member(value, enum_type, field)

    return convert


def optional_member(enum_type: type[E], field: str) -> Callable[[object], E | None]:
    def optional(value: object) -> E | None:
        return None if value is None else check_member(value, enum_type, field)

    return optional


def a_bool(field: str) -> Callable[[object], bool]:
    return functools.partial(check_bool, field=field)


def text(field: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> Callable[[object], str]:
    """A non-empty string, stripped, at most ``max_length`` characters."""
    return functools.partial(check_text, field=field, max_length=max_length)


def optional_text(
    field: str, *, max_length: int = DEFAULT_MAX_LENGTH
) -> Callable[[object], str | None]:
    def optional(value: object) -> str | None:
        return None if value is None else check_text(value, field, max_length)

    return optional


#: The collections :func:`items` knows by their type alone (each iterable, none a str or dict).
_COLLECTIONS = frozenset({tuple, list, set, frozenset})


def items(value: object, field: str, *, max_items: int) -> list[Any]:
    """The elements of a collection given for a tuple or frozenset field (never a str or a dict)."""
    # The usual collections are known by their type first: isinstance(value, Iterable), an
    # abstract class's check, costs more than the rest of a case's empty collection.
    if type(value) not in _COLLECTIONS and (
        isinstance(value, str | bytes | dict) or not isinstance(value, Iterable)
    ):
        raise InvalidValue(
            "must be a collection (tuple, list, set)",
            field=field,
            value=value,
            expected=f"a collection of at most {max_items} items",
        )
    # At most max_items + 1 are read: an endless iterator (itertools.repeat) is refused too.
    elements = list(itertools.islice(cast("Iterable[Any]", value), max_items + 1))
    if len(elements) > max_items:
        count = f"more than {max_items}"
        if isinstance(value, Sized):
            with contextlib.suppress(Exception):  # a hostile __len__: the items read say enough
                count = str(len(value))
        raise InvalidValue(
            f"has {count} items, too many",
            field=field,
            value=type(value).__name__,
            expected=f"at most {max_items} items",
        )
    return elements


#: How many accepted values an error message lists before it counts the rest ("... and 19,990
#: more"): every category of one form at one office in USCIS's data (20 at most) still shows.
LISTED_IN_ERRORS = 20


def one_of(names: Iterable[str], *, limit: int = LISTED_IN_ERRORS) -> str:
    """``"one of a, b, c"`` for an error's ``expected``: at most ``limit`` names, then how many
    were left out (``"one of a, b, ... and 19,990 more"``), so that a table of 20,000 categories
    or rules never makes a message of hundreds of thousands of characters."""
    shown: list[str] = []
    left = 0
    for name in names:
        if len(shown) < limit:
            shown.append(name)
        else:
            left += 1
    more = f", ... and {left:,} more" if left else ""
    return "one of " + ", ".join(shown) + more


def instance(value: object, kind: type[T], field: str, *, what: str, expected: str) -> T:
    """``value`` if it is a ``kind`` (an argument that must be one of the package's values);
    else an InvalidValue "must be ``what``" naming ``field``."""
    if not isinstance(value, kind):
        raise InvalidValue(f"must be {what}", field=field, value=value, expected=expected)
    return value


def instances(
    value: object, kind: type[T], field: str, *, max_items: int, what: str, expected: str
) -> list[T]:
    """The elements of a collection given as ``field`` (see :func:`items`), each a ``kind``; an
    element that is not is named by its index (``field[3]``: "must be ``what``")."""
    elements = items(value, field, max_items=max_items)
    for i, element in enumerate(elements):
        if not isinstance(element, kind):  # the index is put in words only for an error
            raise InvalidValue(
                f"must be {what}", field=f"{field}[{i}]", value=element, expected=expected
            )
    return elements


def each(field: str, convert: Callable[[object, str], T], elements: list[Any]) -> list[T]:
    return [convert(v, f"{field}[{i}]") for i, v in enumerate(elements)]
