"""JSON for every attrs class of the package: :func:`dumps` writes it, :func:`loads` reads it back.

The format:

- an attrs class is a JSON object whose keys are its fields, **in field order** (so the output is
  stable and reads like the class; a field with ``init=False`` is derived and left out);
- a ``date`` is an ISO string ``"YYYY-MM-DD"``; an enum member is its *name* (``"CASE_DELAY"``);
- a tuple or list is an array; a frozenset or set is an array **sorted**, so equal values give
  equal text; a mapping is an object with its keys sorted;
- an object with a ``ruleset_version`` attribute (a decision) carries ``"schema_version": 2``
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

The modules: :mod:`~infopass_rules.edges.json.api` (the functions above),
:mod:`~infopass_rules.edges.json.parser` (the guarded JSON text parser),
:mod:`~infopass_rules.edges.json.converter` (the strict cattrs converter) and
:mod:`~infopass_rules.edges.json.problems` (how an error names its JSON path). cattrs does the
structuring; it is imported on first use, so ``import infopass_rules`` stays cheap.
"""

from infopass_rules.edges.json.api import (
    dump_history,
    dumps,
    from_jsonable,
    load_history,
    loads,
    to_jsonable,
)
from infopass_rules.edges.json.converter import SCHEMA_VERSION
from infopass_rules.edges.json.parser import MAX_DEPTH, MAX_INT_DIGITS, parse_json

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
