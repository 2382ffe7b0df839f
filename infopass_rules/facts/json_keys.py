"""The guard against a key given twice in one JSON object, shared by every JSON reader.

``json.loads`` keeps the last of two equal keys, silently: a document saying ``{"value": 1,
"value": 2}`` is ambiguous, and the readers (:func:`~infopass_rules.edges.json.parse_json` and
the processing-times reader) refuse it, naming the key's JSON path. It sits in the lowest layer
so that both use the same check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["KeysOnce", "join_path", "path_to"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def join_path(path: str, key: object) -> str:
    """``path`` extended by an index (``$.a[0]``) or a key (``$.a.b``, ``$.a["not an id"]``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if isinstance(key, str) and _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class KeysOnce:
    """An ``object_pairs_hook`` for ``json.loads`` that notes each object given a key twice.

    After parsing, :meth:`repeated_path` names the first such key by its JSON path.
    """

    __slots__ = ("repeated",)

    def __init__(self) -> None:
        self.repeated: list[tuple[dict[str, Any], str]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.repeated.append((obj, key))
                    break
                seen.add(key)
        return obj

    def repeated_path(self, document: object) -> str | None:
        """The JSON path of the first key given twice, or None when every key came once."""
        if not self.repeated:
            return None
        obj, key = self.repeated[0]
        return join_path(path_to(document, obj, "$") or "$", key)


def path_to(node: object, target: object, path: str) -> str | None:
    """The JSON path of ``target`` (found by identity) in a parsed document."""
    if node is target:
        return path
    children: Iterable[tuple[str, object]] = ()
    if isinstance(node, dict):
        children = ((join_path(path, k), v) for k, v in node.items())
    elif isinstance(node, list):
        children = ((f"{path}[{i}]", v) for i, v in enumerate(node))
    for child_path, child in children:
        found = path_to(child, target, child_path)
        if found is not None:
            return found
    return None
