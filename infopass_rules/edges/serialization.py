"""JSON for every attrs class of the package: :func:`dumps` writes it, :func:`loads` reads it back.

The format:

- an attrs class is a JSON object whose keys are its fields, **in field order** (so the output is
  stable and reads like the class; a field with ``init=False`` is derived and left out);
- a ``date`` is an ISO string ``"YYYY-MM-DD"``; an enum member is its *name* (``"CASE_DELAY"``);
- a tuple or list is an array; a frozenset or set is an array **sorted**, so equal values give
  equal text; a mapping is an object with its keys sorted;
- an object with a ``ruleset_version`` attribute (a decision) carries ``"schema_version": 1``
  first, so a reader can tell the format from the rules that produced it.

:func:`loads` is strict. Malformed JSON, text that is not UTF-8, a document nested deeper than
:data:`MAX_DEPTH` levels, an integer of more than :data:`MAX_INT_DIGITS` digits, NaN or Infinity,
a key given twice, an unknown or missing key, a value of the wrong JSON type (``"true"`` or ``1``
for a bool, ``true`` or ``"2"`` or ``2.0`` for an int, a datetime for a date), an impossible date
and an unknown enum name each raise :class:`~infopass_rules.errors.InvalidData`; an error raised
by the class itself (a bad receipt number, an unknown office, a date before ``received_on``) keeps
its own type. Either way the error's ``field`` is the JSON path of the problem, such as
``$.deadlines[0].on``; when a document has several problems the first is raised and
``error.errors`` holds them all.

cattrs does the structuring; it is imported on first use, so ``import infopass_rules`` stays
cheap.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, get_origin

import attrs

from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts.history import Appointment, Inquiry

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "SCHEMA_VERSION",
    "dump_history",
    "dumps",
    "from_jsonable",
    "load_history",
    "loads",
    "parse_json",
    "to_jsonable",
]

T = TypeVar("T")

#: The version of the JSON format of a decision (any object with a ``ruleset_version``).
SCHEMA_VERSION = 1
#: Arrays and objects nested deeper than this are refused before parsing: no fact is nested
#: half as deep, and the refusal keeps a hostile document from exhausting the stack.
MAX_DEPTH = 64
#: Integers of more digits are refused while parsing: no count or number of days comes close,
#: and Python's int parsing is quadratic in the number of digits.
MAX_INT_DIGITS = 18

_SCHEMA_KEY = "schema_version"
_HISTORY_KINDS: Mapping[str, type[Inquiry | Appointment]] = {
    "inquiry": Inquiry,
    "appointment": Appointment,
}
_KIND_EXPECTED = "'inquiry' or 'appointment'"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_EXPECTED = "a date string 'YYYY-MM-DD'"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_JSON_SPECIAL = re.compile(r'[\[\]{}"\\]')
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --- public functions -----------------------------------------------------------------------


def dumps(obj: object) -> str:
    """Serialise a value of the package (a fact, a decision, a plan...) to compact JSON.

    Args:
        obj: an instance of an attrs class of the package (or a tuple, list or mapping of them).

    Returns:
        One line of JSON, keys in field order, non-ASCII characters kept as they are.

    Raises:
        InvalidValue: ``obj`` holds something JSON cannot carry (a datetime, NaN, an object
            that is not a value of the package).
    """
    data = to_jsonable(obj)
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(
            f"cannot be serialised to JSON ({exc})",
            field="obj",
            value=obj,
            expected="a value of an infopass_rules class",
        ) from exc


def loads(text: str | bytes | bytearray, cls: type[T]) -> T:
    """Read a value of class ``cls`` from JSON written by :func:`dumps` (or by hand), strictly.

    Args:
        text: the JSON document, as text or as UTF-8 bytes.
        cls: the class to build (``Case``, ``Decision``...).

    Returns:
        The value, validated by the class as any constructed value is.

    Raises:
        InvalidData: the text is not JSON, or the JSON does not have the shape of ``cls``; the
            error's ``field`` is the JSON path (``$.deadlines[0].on``) or the line and column.
        InfopassRulesError: a subclass raised by ``cls`` itself (``InvalidReceiptNumber``,
            ``UnknownOffice``, ``InvalidValue``), its field re-rooted at the JSON path.
    """
    return from_jsonable(parse_json(text), cls)


def to_jsonable(obj: object) -> Any:
    """The JSON-compatible form of ``obj`` (dicts, lists, strings, numbers, bools and None).

    Args:
        obj: a value of the package, as for :func:`dumps`.

    Returns:
        What :func:`dumps` would encode: ``json.dumps(to_jsonable(x))`` is valid JSON.

    Raises:
        InvalidValue: ``obj`` holds a datetime where a date belongs.
    """
    return _converter().unstructure(obj)


def from_jsonable(data: object, cls: type[T], *, path: str = "$") -> T:
    """Build a value of class ``cls`` from already-parsed JSON data, strictly (see :func:`loads`).

    Args:
        data: what ``json.loads`` returned (or a part of it).
        cls: the class to build.
        path: the JSON path of ``data`` in its document, used to name the place of an error.

    Returns:
        The value.

    Raises:
        InvalidData: ``data`` does not have the shape of ``cls``.
        InfopassRulesError: a subclass raised by ``cls`` itself, re-rooted at its JSON path.
    """
    if not isinstance(cls, type) and get_origin(cls) is None:  # None or Any: cattrs would
        # hand the data back unchecked
        raise InvalidValue(
            "is not a class", field="cls", value=cls, expected="an infopass_rules class"
        )
    import cattrs

    try:
        return _converter().structure(data, cls)
    except (InfopassRulesError, cattrs.BaseValidationError) as exc:
        raise _translate(exc, path) from None
    except cattrs.StructureHandlerNotFoundError as exc:
        raise InvalidValue(
            "is a type that cannot be read from JSON",
            field="cls",
            value=cls,
            expected="an infopass_rules class",
        ) from exc
    except Exception as exc:  # the contract: bad input never escapes as TypeError or KeyError
        raise InvalidData(f"cannot be read as {_type_name(cls)} ({exc})", field=path) from exc


def load_history(items: object, *, path: str = "$") -> tuple[Inquiry | Appointment, ...]:
    """Read a case's history: a JSON array of objects tagged ``"kind": "inquiry"`` or
    ``"kind": "appointment"``.

    Args:
        items: the parsed array.
        path: its JSON path in the document (``"$.history"`` in a case file).

    Returns:
        The inquiries and appointments, in the order given.

    Raises:
        InvalidData: not an array, an item that is not an object, a missing or unknown
            ``kind``, or an item that is not a valid inquiry or appointment.
        InfopassRulesError: a subclass raised by ``Inquiry`` or ``Appointment`` itself.
    """
    if not isinstance(items, list):
        raise _wrong_type(items, "a JSON array of inquiries and appointments").at(path)
    history: list[Inquiry | Appointment] = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise _wrong_type(item, 'a JSON object with a "kind"').at(where)
        if "kind" not in item:
            raise InvalidData("is missing", field=f"{where}.kind", expected=_KIND_EXPECTED)
        kind = item["kind"]
        cls = _HISTORY_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise InvalidData(
                "is not a kind of history item",
                field=f"{where}.kind",
                value=kind,
                expected=_KIND_EXPECTED,
            )
        fields = {key: value for key, value in item.items() if key != "kind"}
        history.append(from_jsonable(fields, cls, path=where))
    return tuple(history)


def dump_history(history: Iterable[Inquiry | Appointment]) -> list[dict[str, Any]]:
    """The JSON-compatible form of a history, each item tagged with its ``"kind"`` first.

    Args:
        history: inquiries and appointments.

    Returns:
        A list :func:`load_history` reads back to the same items.

    Raises:
        InvalidValue: an item is neither an ``Inquiry`` nor an ``Appointment``.
    """
    kinds = {cls: kind for kind, cls in _HISTORY_KINDS.items()}
    dumped: list[dict[str, Any]] = []
    for i, item in enumerate(history):
        kind = kinds.get(type(item))
        if kind is None:
            raise InvalidValue(
                "is not a history item",
                field=f"history[{i}]",
                value=item,
                expected="an Inquiry or an Appointment",
            )
        dumped.append({"kind": kind, **to_jsonable(item)})
    return dumped


# --- parsing --------------------------------------------------------------------------------


class _Refused:
    """A literal the parser refused, left in the tree so that its JSON path can be named."""

    __slots__ = ("expected", "literal", "problem")

    def __init__(self, problem: str, literal: str, expected: str) -> None:
        self.problem = problem
        self.literal = literal
        self.expected = expected


def parse_json(text: object) -> Any:
    """Parse a JSON document under the guards of :func:`loads`, for readers of other shapes.

    Args:
        text: the document, as text or UTF-8 bytes.

    Returns:
        What ``json.loads`` returns, known to be nested at most :data:`MAX_DEPTH` deep, with
        integers of at most :data:`MAX_INT_DIGITS` digits, finite numbers and no repeated key.

    Raises:
        InvalidData: the text is not UTF-8, not JSON, or breaks one of those guards.
        InvalidValue: ``text`` is neither a str nor bytes.
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidData(
                f"is not valid UTF-8 (byte {exc.start})", expected="UTF-8 encoded JSON"
            ) from None
    if not isinstance(text, str):
        raise InvalidValue(
            "must be JSON text", field="text", value=text, expected="a str or UTF-8 bytes"
        )
    _check_depth(text)

    refused: list[_Refused] = []
    repeated: list[tuple[dict[str, Any], str]] = []

    def refuse(problem: str, literal: str, expected: str) -> _Refused:
        refused.append(_Refused(problem, literal, expected))
        return refused[-1]

    def parse_int(literal: str) -> int | _Refused:
        digits = len(literal.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            return refuse(
                f"is a number of {digits} digits, too large",
                literal,
                f"an integer of at most {MAX_INT_DIGITS} digits",
            )
        return int(literal)

    def parse_float(literal: str) -> float | _Refused:
        number = float(literal)
        if math.isfinite(number):
            return number
        return refuse("is a number too large", literal, "a finite number")

    def parse_constant(literal: str) -> _Refused:
        return refuse("is not a JSON number", literal, "a finite number")

    def object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    repeated.append((obj, key))
                    break
                seen.add(key)
        return obj

    try:
        document = json.loads(
            text,
            parse_int=parse_int,
            parse_float=parse_float,
            parse_constant=parse_constant,
            object_pairs_hook=object_pairs,
        )
    except json.JSONDecodeError as exc:
        raise InvalidData(
            f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if refused:
        first = refused[0]
        raise InvalidData(
            first.problem,
            field=_path_to(document, first, "$"),
            value=first.literal,
            expected=first.expected,
        )
    if repeated:
        obj, key = repeated[0]
        raise InvalidData(
            "is given twice in one object",
            field=_join(_path_to(document, obj, "$") or "$", key),
            expected="each key once",
        )
    return document


def _check_depth(text: str) -> None:
    """Refuse a document nested deeper than MAX_DEPTH, in one linear pass before parsing.

    Only brackets outside strings count; the scan visits the special characters alone.
    """
    depth = 0
    in_string = False
    escaped_at = -1
    for match in _JSON_SPECIAL.finditer(text):
        pos = match.start()
        char = text[pos]
        if pos == escaped_at:
            continue
        if in_string:
            if char == "\\":
                escaped_at = pos + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, pos) + 1
                column = pos - text.rfind("\n", 0, pos)
                raise InvalidData(
                    f"nests arrays and objects more than {MAX_DEPTH} deep "
                    f"(at line {line} column {column})",
                    expected=f"at most {MAX_DEPTH} levels",
                )
        elif char in "]}":
            depth -= 1


def _path_to(node: object, target: object, path: str) -> str | None:
    """The JSON path of ``target`` (found by identity) in a parsed document."""
    if node is target:
        return path
    children: Iterable[tuple[str, object]] = ()
    if isinstance(node, dict):
        children = ((_join(path, k), v) for k, v in node.items())
    elif isinstance(node, list):
        children = ((f"{path}[{i}]", v) for i, v in enumerate(node))
    for child_path, child in children:
        found = _path_to(child, target, child_path)
        if found is not None:
            return found
    return None


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if isinstance(key, str) and _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


# --- errors ---------------------------------------------------------------------------------


def _translate(exc: BaseException, path: str) -> InfopassRulesError:
    """One error for a tree of cattrs validation errors: the first problem, with all of them."""
    problems = list(_problems(exc, path))
    first = problems[0]
    first.errors = tuple(problems)
    if len(problems) > 1:
        shown = "; ".join(f"{p.field}: {p.problem}" for p in problems[1:4])
        more = "; ..." if len(problems) > 4 else ""
        first.args = (f"{first.args[0]} (and {len(problems) - 1} more: {shown}{more})",)
    return first


def _problems(exc: BaseException, path: str) -> Iterator[InfopassRulesError]:
    import cattrs
    from cattrs.errors import (
        AttributeValidationNote,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

    note_types = (AttributeValidationNote, IterableValidationNote)
    if isinstance(exc, cattrs.BaseValidationError):
        for sub in exc.exceptions:
            # cattrs notes on each sub-error where it was: an attribute name or an index.
            notes = getattr(sub, "__notes__", ())
            note = next((n for n in notes if isinstance(n, note_types)), None)
            if isinstance(note, AttributeValidationNote):
                where = _join(path, note.name)
            elif isinstance(note, IterableValidationNote):
                where = _join(path, note.index)
            else:
                where = path
            if isinstance(sub, KeyError) and isinstance(note, AttributeValidationNote):
                # cattrs reads a required field with o[name]: a KeyError is a missing key.
                yield InvalidData("is missing", field=where, expected="this required key")
            else:
                yield from _problems(sub, where)
    elif isinstance(exc, InfopassRulesError):
        yield exc.at(path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(_known_keys(exc.cl))
        for key in sorted(exc.extra_fields):
            yield InvalidData("is not a known key", field=_join(path, key), expected=known)
    else:
        # A constructor's own TypeError/ValueError (another class's validator, say).
        error = InvalidData(f"is invalid ({type(exc).__name__}: {exc})", field=path)
        error.__cause__ = exc
        yield error


def _known_keys(cls: type) -> list[str]:
    keys = [a.name for a in attrs.fields(cls) if a.init]
    return [_SCHEMA_KEY, *keys] if _versioned(cls) else keys


def _json_kind(value: object) -> str:
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


def _wrong_type(value: object, expected: str) -> InvalidData:
    return InvalidData(f"is {_json_kind(value)}", value=value, expected=expected)


def _type_name(tp: object) -> str:
    return getattr(tp, "__name__", None) or repr(tp)


# --- the converter --------------------------------------------------------------------------


def _versioned(cls: type) -> bool:
    # A decision is recognised by what it carries, so the format needs no import of it.
    return hasattr(cls, "ruleset_version")


def _origin(tp: object) -> object:
    return typing.get_origin(tp) or tp


def _is_set(tp: object) -> bool:
    return _origin(tp) in (frozenset, set, AbstractSet)


def _is_array(tp: object) -> bool:
    """A type JSON carries as an array: a tuple, list or sequence, or a set (sorted)."""
    return _is_set(tp) or _origin(tp) in (tuple, list, Sequence)


def _is_mapping(tp: object) -> bool:
    return _origin(tp) in (dict, Mapping)


def _is_union(tp: object) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _element_type(tp: object) -> Any:
    args = typing.get_args(tp)
    return args[0] if args else Any


@cache
def _converter() -> cattrs.Converter:
    """The strict converter, built once on first use."""
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    _register_scalars(conv)
    _register_collections(conv)
    _register_attrs(conv)
    return conv


def _register_scalars(conv: cattrs.Converter) -> None:
    # cattrs' own hooks coerce (str(1) == "1", int("2") == 2, bool("false") is True); the
    # format wants each JSON type exactly.
    def structure_str(value: object, _: object) -> str:
        if not isinstance(value, str):
            raise _wrong_type(value, "a string")
        if _SURROGATE.search(value):
            raise InvalidData("holds an unpaired surrogate", value=value, expected="valid Unicode")
        return value

    def structure_bool(value: object, _: object) -> bool:
        if not isinstance(value, bool):
            raise _wrong_type(value, "true or false")
        return value

    def structure_int(value: object, _: object) -> int:
        if type(value) is not int:
            raise _wrong_type(value, "an integer")
        if abs(value) >= 10**MAX_INT_DIGITS:
            raise InvalidData(
                "is too large", value=value, expected=f"at most {MAX_INT_DIGITS} digits"
            )
        return value

    def structure_float(value: object, _: object) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise _wrong_type(value, "a number")
        if not math.isfinite(value):
            raise InvalidData("is not finite", value=value, expected="a finite number")
        return float(value)

    def structure_date(value: object, _: object) -> _dt.date:
        if not isinstance(value, str):
            raise _wrong_type(value, _DATE_EXPECTED)
        if not _DATE.fullmatch(value):
            raise InvalidData("is not a date", value=value, expected=_DATE_EXPECTED)
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidData(
                "is not a day of the calendar", value=value, expected=_DATE_EXPECTED
            ) from None

    def structure_enum(value: object, enum_type: type[enum.Enum]) -> enum.Enum:
        if isinstance(value, str) and value in enum_type.__members__:
            return enum_type[value]
        names = ", ".join(enum_type.__members__)
        if not isinstance(value, str):
            raise _wrong_type(value, f"one of {names}")
        raise InvalidData(
            f"is not a name of {enum_type.__name__}", value=value, expected=f"one of {names}"
        )

    def unstructure_date(value: _dt.date) -> str:
        if isinstance(value, _dt.datetime):
            raise InvalidValue(
                "is a datetime", value=value, expected="a datetime.date (no time of day)"
            )
        return value.isoformat()

    for tp, hook in (
        (str, structure_str),
        (bool, structure_bool),
        (int, structure_int),
        (float, structure_float),
        (_dt.date, structure_date),
        (enum.Enum, structure_enum),
    ):
        conv.register_structure_hook(tp, hook)
    conv.register_unstructure_hook(_dt.date, unstructure_date)
    conv.register_unstructure_hook(enum.Enum, lambda member: member.name)
    conv.register_structure_hook_factory(_is_union, lambda tp: _union_hook(conv, tp))


def _union_hook(conv: cattrs.Converter, tp: object) -> Callable[[object, object], object]:
    members = [m for m in typing.get_args(tp) if m is not type(None)]
    optional = len(members) < len(typing.get_args(tp))
    names = " or ".join(_type_name(m) for m in members)

    def structure(value: object, _: object) -> object:
        if value is None:
            if optional:
                return None
            raise _wrong_type(value, names)
        if len(members) == 1:  # X | None: X's own error is the precise one
            return conv.structure(value, members[0])
        for member in members:
            try:
                return conv.structure(value, member)
            except Exception:  # the next member may fit; none fitting is reported below
                continue
        raise InvalidData("matches none of the types", value=value, expected=names)

    return structure


def _structure_each(
    conv: cattrs.Converter, tp: object, items: Iterable[tuple[int | str, object, Any]]
) -> list[Any]:
    """``conv.structure(value, type)`` for each ``(index, value, type)`` of a collection.

    Every failure is kept, noted with its index as cattrs notes its own, so the error names
    each failing element's path.
    """
    from cattrs.errors import IterableValidationError, IterableValidationNote

    done: list[Any] = []
    errors: list[Exception] = []
    for index, value, value_type in items:
        try:
            done.append(conv.structure(value, value_type))
        except Exception as exc:
            exc.add_note(IterableValidationNote(f"Structuring {tp!r} @ index {index}", index, tp))
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"While structuring {tp!r}", errors, typing.cast(type, tp))
    return done


#: The Python collection built from a JSON array, by the field's declared collection type
#: (a tuple for tuple and Sequence; an abstract Set is built frozen, as facts are immutable).
_BUILDERS: Mapping[object, Callable[[Iterable[Any]], object]] = {
    list: list,
    set: set,
    frozenset: frozenset,
    AbstractSet: frozenset,
}


def _register_collections(conv: cattrs.Converter) -> None:
    def array_hook(tp: object) -> Callable[[object, object], object]:
        origin, args = _origin(tp), typing.get_args(tp)
        fixed = origin is tuple and args and not (len(args) == 2 and args[1] is ...)
        element = _element_type(tp)
        build = _BUILDERS.get(origin, tuple)

        def structure(value: object, _: object) -> object:
            if not isinstance(value, list):
                raise _wrong_type(value, "a JSON array")
            if fixed and len(value) != len(args):
                raise InvalidData(
                    f"has {len(value)} items", value=value, expected=f"{len(args)} items"
                )
            item_types = args if fixed else [element] * len(value)
            items = ((i, v, t) for i, (v, t) in enumerate(zip(value, item_types, strict=True)))
            return build(_structure_each(conv, tp, items))

        return structure

    def mapping_hook(tp: object) -> Callable[[object, object], object]:
        args = typing.get_args(tp)
        key_type, value_type = args if len(args) == 2 else (str, Any)
        # An abstract Mapping field gets a read-only view: facts are immutable.
        read_only = _origin(tp) is Mapping

        def structure(value: object, _: object) -> object:
            if not isinstance(value, dict):
                raise _wrong_type(value, "a JSON object")
            keys = _structure_each(conv, tp, ((k, k, key_type) for k in value))
            values = _structure_each(conv, tp, ((k, v, value_type) for k, v in value.items()))
            result = dict(zip(keys, values, strict=True))
            return types.MappingProxyType(result) if read_only else result

        return structure

    def unstructure_array(tp: object) -> Callable[[Iterable[object]], list[Any]]:
        element = _element_type(tp)
        given = None if element is Any else element
        if _is_set(tp):  # sorted, so that equal sets give equal text
            return lambda value: sorted(
                (conv.unstructure(v, given) for v in value), key=_canonical_order
            )
        return lambda value: [conv.unstructure(v, given) for v in value]

    def unstructure_mapping(tp: object) -> Callable[[Mapping[Any, Any]], dict[Any, Any]]:
        args = typing.get_args(tp)
        key_type, value_type = (None, None) if len(args) != 2 or Any in args else args
        return lambda value: dict(
            sorted(
                (conv.unstructure(k, key_type), conv.unstructure(v, value_type))
                for k, v in value.items()
            )
        )

    conv.register_structure_hook_factory(_is_array, array_hook)
    conv.register_structure_hook_factory(_is_mapping, mapping_hook)
    conv.register_unstructure_hook_factory(_is_array, unstructure_array)
    conv.register_unstructure_hook_factory(_is_mapping, unstructure_mapping)


def _canonical_order(value: object) -> str:
    # Elements of a set may be of any JSON shape; their JSON text orders them all the same way.
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _register_attrs(conv: cattrs.Converter) -> None:
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

    def structure_hook(cls: type[Any]) -> Callable[[object, object], object]:
        build = make_dict_structure_fn(cls, conv)
        versioned = _versioned(cls)

        def structure(value: object, _: object) -> object:
            if not isinstance(value, dict):
                raise _wrong_type(value, f"a JSON object ({cls.__name__})")
            if versioned:
                value = _check_schema_version(value)
            return build(value, cls)

        return structure

    def unstructure_hook(cls: type[Any]) -> Callable[[object], dict[str, Any]]:
        unstructure = make_dict_unstructure_fn(cls, conv)
        if not _versioned(cls):
            return unstructure
        return lambda obj: {_SCHEMA_KEY: SCHEMA_VERSION, **unstructure(obj)}

    conv.register_structure_hook_factory(attrs.has, structure_hook)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_hook)


def _check_schema_version(value: dict[str, Any]) -> dict[str, Any]:
    """The object without its ``schema_version``, once that is known to be this format's."""
    if _SCHEMA_KEY not in value:
        raise InvalidData("is missing", field=_SCHEMA_KEY, expected=f"{SCHEMA_VERSION}")
    version = value[_SCHEMA_KEY]
    if type(version) is not int or version != SCHEMA_VERSION:
        raise InvalidData(
            "is not a schema version this library reads",
            field=_SCHEMA_KEY,
            value=version,
            expected=f"{SCHEMA_VERSION}",
        )
    return {k: v for k, v in value.items() if k != _SCHEMA_KEY}
