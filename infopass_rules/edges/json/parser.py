"""The hardened JSON text parser: every document :func:`~infopass_rules.edges.json.loads` reads
goes through :func:`parse_json` first.

Beyond ``json.loads`` it refuses, naming the JSON path: text that is not UTF-8, a document nested
deeper than :data:`MAX_DEPTH` (checked in one linear scan before parsing, so a hostile document
cannot exhaust the stack), an integer of more than :data:`MAX_INT_DIGITS` digits (Python's int
parsing is quadratic in the digits), NaN, Infinity and numbers too large to be finite, and a key
given twice in one object. Unpaired surrogates are refused later, where a string is structured.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts.json_keys import KeysOnce, path_to

__all__ = ["MAX_DEPTH", "MAX_INT_DIGITS", "parse_json"]

#: Arrays and objects nested deeper than this are refused before parsing: no fact is nested
#: half as deep, and the refusal keeps a hostile document from exhausting the stack.
MAX_DEPTH = 64
#: Integers of more digits are refused while parsing: no count or number of days comes close,
#: and Python's int parsing is quadratic in the number of digits.
MAX_INT_DIGITS = 18

_JSON_SPECIAL = re.compile(r'[\[\]{}"\\]')


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
    keys_once = KeysOnce()

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

    try:
        document = json.loads(
            text,
            parse_int=parse_int,
            parse_float=parse_float,
            parse_constant=parse_constant,
            object_pairs_hook=keys_once,
        )
    except json.JSONDecodeError as exc:
        raise InvalidData(
            f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if refused:
        first = refused[0]
        raise InvalidData(
            first.problem,
            field=path_to(document, first, "$"),
            value=first.literal,
            expected=first.expected,
        )
    repeated = keys_once.repeated_path(document)
    if repeated is not None:
        raise InvalidData("is given twice in one object", field=repeated, expected="each key once")
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
