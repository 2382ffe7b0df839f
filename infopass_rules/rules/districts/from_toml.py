"""A district described in one TOML file: its table, and the sources, rules and parameters it adds.

The file has four tables: ``[district]`` (the :class:`~.district.District` table: ``id``,
``name``, ``offices``, ``steps`` as ``[{rule = ...}, {rule = ..., wait = ...}]``,
``counted_channels`` and the optional ``max_cases``, ``max_per_day``, ``supervisor_rule``,
``fod_ladder_rule``, ``fod_pressing_rule``, ``section``), and ``[sources]``, ``[rules]`` and
``[parameters]`` written as in the shipped ``sources.toml``, ``rules.toml`` and
``parameters.toml``. :func:`read_district` returns the district and its rule-book addition,
ready for :func:`~.registry.register_district`; nothing in the engine changes.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping
from typing import Any

from infopass_rules.errors import InvalidData
from infopass_rules.rules.districts.district import District, Step
from infopass_rules.sources.rulebook import Rulebook, build_rulebook
from infopass_rules.times.readers.files import path_text, read_bytes

__all__ = ["read_district"]

_OPTIONAL = ("max_cases", "max_per_day", "supervisor_rule", "fod_ladder_rule", "fod_pressing_rule")


def read_district(path: str | os.PathLike[str]) -> tuple[District, Rulebook]:
    """The district a TOML file describes, and the sources, rules and parameters it brings.

    Raises:
        InvalidValue: ``path`` is not a path.
        InvalidData: the file is missing, not a regular file, too large, or not valid TOML; a
            table or field is missing or of the wrong type; or a rule, source or parameter
            reference does not resolve.
    """
    # The one file-opening routine of every reader: a regular file only, of bounded size.
    name = path_text(path)
    raw = read_bytes(name, name)
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidData(f"is not valid TOML: {exc}", field=name) from exc
    table = _table(doc, "district")
    addition = build_rulebook(
        _table(doc, "sources"),
        _table(doc, "rules"),
        _table(doc, "parameters"),
        digest=hashlib.sha256(raw).hexdigest()[:10],
    )
    steps = []
    for i, step in enumerate(_field(table, "steps", list)):
        if not isinstance(step, Mapping):
            raise InvalidData(
                "has the wrong type", field=f"district.steps[{i}]", value=step, expected="a table"
            )
        wait = step.get("wait")
        steps.append(Step(_field(step, "rule", str, f"district.steps[{i}]"), wait=wait))
    district = District(
        id=_field(table, "id", str),
        name=_field(table, "name", str),
        offices=_field(table, "offices", str),
        steps=tuple(steps),
        counted_channels=_field(table, "counted_channels", str),
        section=table.get("section", "ladder"),
        **{name: table.get(name) for name in _OPTIONAL},
    )
    return district, addition


def _table(doc: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table: Mapping[str, Any] = _field(doc, name, dict, "")
    return table


def _field(table: Mapping[str, Any], key: str, kind: type, where: str = "district") -> Any:
    field = f"{where}.{key}" if where else key
    if key not in table:
        raise InvalidData("is missing", field=field, expected=f"a {kind.__name__}")
    value = table[key]
    if not isinstance(value, kind):
        raise InvalidData(
            "has the wrong type", field=field, value=value, expected=f"a {kind.__name__}"
        )
    return value
