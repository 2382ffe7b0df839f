"""The functions of the JSON format: :func:`dumps` / :func:`loads` for any value of the package,
:func:`to_jsonable` / :func:`from_jsonable` for data already parsed, and :func:`load_history` /
:func:`dump_history` for a case's history, each item tagged with its ``"kind"``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, get_origin

from infopass_rules.edges.json.converter import converter, translate
from infopass_rules.edges.json.parser import parse_json
from infopass_rules.edges.json.problems import type_name, wrong_type
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts.history import MAX_HISTORY_ITEMS, Appointment, Inquiry

__all__ = ["dump_history", "dumps", "from_jsonable", "load_history", "loads", "to_jsonable"]

T = TypeVar("T")

_HISTORY_KINDS: Mapping[str, type[Inquiry | Appointment]] = {
    "inquiry": Inquiry,
    "appointment": Appointment,
}
#: What a history item's "kind" may be, and how to write a history so tagged from Python: a
#: history dumped item by item with ``dumps`` has no kinds (an Inquiry and an Appointment share
#: their first fields), so the error says where the tagged form comes from.
_KIND_EXPECTED = (
    "'inquiry' or 'appointment' (infopass_rules.edges.json.dump_history writes a history so tagged)"
)


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
    return converter().unstructure(obj)


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
        return converter().structure(data, cls)
    except (InfopassRulesError, cattrs.BaseValidationError) as exc:
        raise translate(exc, path) from None
    except cattrs.StructureHandlerNotFoundError as exc:
        raise InvalidValue(
            "is a type that cannot be read from JSON",
            field="cls",
            value=cls,
            expected="an infopass_rules class",
        ) from exc
    except Exception as exc:  # the contract: bad input never escapes as TypeError or KeyError
        raise InvalidData(f"cannot be read as {type_name(cls)} ({exc})", field=path) from exc


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
            ``kind``, an item that is not a valid inquiry or appointment, or more than
            :data:`~infopass_rules.facts.history.MAX_HISTORY_ITEMS` items.
        InfopassRulesError: a subclass raised by ``Inquiry`` or ``Appointment`` itself.
    """
    if not isinstance(items, list):
        raise wrong_type(items, "a JSON array of inquiries and appointments").at(path)
    if len(items) > MAX_HISTORY_ITEMS:
        raise InvalidData(
            f"has {len(items)} items, too many",
            field=path,
            expected=f"at most MAX_HISTORY_ITEMS = {MAX_HISTORY_ITEMS} inquiries and appointments",
        )
    history: list[Inquiry | Appointment] = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise wrong_type(item, 'a JSON object with a "kind"').at(where)
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
