"""The strict cattrs converter of the JSON format, and how its errors become this package's.

cattrs' own hooks coerce (``str(1) == "1"``, ``int("2") == 2``, ``bool("false") is True``); the
format wants each JSON type exactly, so every scalar, collection and attrs class has a hook here.
Detailed validation is on: cattrs collects every problem of a document, noting on each where it
was (an attribute name or an index); :func:`translate` walks that tree in document order into
this package's errors, each at its JSON path. (``cattrs.transform_error`` gives only text, and
``group_exceptions`` reorders the problems, so the first one raised would change.)

cattrs is imported on first use, so ``import infopass_rules`` stays cheap.
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
from typing import TYPE_CHECKING, Any

import attrs

from infopass_rules.edges.json.parser import MAX_INT_DIGITS
from infopass_rules.edges.json.problems import join_path, type_name, wrong_type
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue

if TYPE_CHECKING:
    import cattrs

__all__ = ["SCHEMA_VERSION", "converter", "translate"]

#: The version of the JSON format of a decision (any object with a ``ruleset_version``): 2 since
#: a decision's warnings are records (kind, text, rule_id, on) and it carries its waits.
SCHEMA_VERSION = 2

_SCHEMA_KEY = "schema_version"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_EXPECTED = "a date string 'YYYY-MM-DD'"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def translate(exc: BaseException, path: str) -> InfopassRulesError:
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
                where = join_path(path, note.name)
            elif isinstance(note, IterableValidationNote):
                where = join_path(path, note.index)
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
            yield InvalidData("is not a known key", field=join_path(path, key), expected=known)
    else:
        # A constructor's own TypeError/ValueError (another class's validator, say).
        error = InvalidData(f"is invalid ({type(exc).__name__}: {exc})", field=path)
        error.__cause__ = exc
        yield error


def _known_keys(cls: type) -> list[str]:
    keys = [a.name for a in attrs.fields(cls) if a.init]
    return [_SCHEMA_KEY, *keys] if _versioned(cls) else keys


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
def converter() -> cattrs.Converter:
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
            raise wrong_type(value, "a string")
        if _SURROGATE.search(value):
            raise InvalidData("holds an unpaired surrogate", value=value, expected="valid Unicode")
        return value

    def structure_bool(value: object, _: object) -> bool:
        if not isinstance(value, bool):
            raise wrong_type(value, "true or false")
        return value

    def structure_int(value: object, _: object) -> int:
        if type(value) is not int:
            raise wrong_type(value, "an integer")
        if abs(value) >= 10**MAX_INT_DIGITS:
            raise InvalidData(
                "is too large", value=value, expected=f"at most {MAX_INT_DIGITS} digits"
            )
        return value

    def structure_float(value: object, _: object) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise wrong_type(value, "a number")
        if not math.isfinite(value):
            raise InvalidData("is not finite", value=value, expected="a finite number")
        return float(value)

    def structure_date(value: object, _: object) -> _dt.date:
        if not isinstance(value, str):
            raise wrong_type(value, _DATE_EXPECTED)
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
            raise wrong_type(value, f"one of {names}")
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
    conv.register_structure_hook_factory(_is_literal, _literal_hook)


def _is_literal(tp: object) -> bool:
    return typing.get_origin(tp) is typing.Literal


def _literal_hook(tp: object) -> Callable[[object, object], object]:
    """One of a Literal's values (a duration's unit), named in the error when it is not."""
    accepted = typing.get_args(tp)
    names = ", ".join(repr(a) for a in accepted)

    def structure(value: object, _: object) -> object:
        for option in accepted:
            if type(value) is type(option) and value == option:
                return option
        raise InvalidData(
            "is not one of the accepted values", value=value, expected=f"one of {names}"
        )

    return structure


def _union_hook(conv: cattrs.Converter, tp: object) -> Callable[[object, object], object]:
    members = [m for m in typing.get_args(tp) if m is not type(None)]
    optional = len(members) < len(typing.get_args(tp))
    names = " or ".join(type_name(m) for m in members)

    def structure(value: object, _: object) -> object:
        if value is None:
            if optional:
                return None
            raise wrong_type(value, names)
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
                raise wrong_type(value, "a JSON array")
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
                raise wrong_type(value, "a JSON object")
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
                raise wrong_type(value, f"a JSON object ({cls.__name__})")
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
