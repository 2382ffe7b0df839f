"""The library's errors: one base class, a subclass per kind of bad input.

Every error names the *field* (or JSON path, or file and line) that was wrong, the *value* it
held (shortened when long), and *what would have been accepted*. They are all ``ValueError``
subclasses, so code that already catches ``ValueError`` keeps working; code that wants to tell
them apart catches the subclasses.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "InfopassRulesError",
    "InvalidData",
    "InvalidHistory",
    "InvalidReceiptNumber",
    "InvalidValue",
    "MissingFact",
    "UnknownOffice",
    "shorten",
]

_MAX_REPR = 80
_NO_VALUE: Any = object()


def shorten(value: object, limit: int = _MAX_REPR) -> str:
    """``repr(value)``, cut to ``limit`` characters so a huge input never floods a message."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        text = f"<unrepresentable {type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 13] + "...(" + str(len(text)) + " chars)"
    return text


class InfopassRulesError(ValueError):
    """Base class of every error the library raises on bad input.

    Attributes:
        field: where the bad value was (an attribute name, a JSON path such as
            ``$.history[2].on``, or ``file:line``); ``None`` when the error is not about one field.
        value: the offending value as given (``None`` when there is none to show).
        expected: a short description of what would have been accepted.
        errors: when one input had several problems (a JSON document, say), all of them, this
            one first; empty when the error was raised on its own.
    """

    field: str | None
    value: object
    expected: str | None
    errors: tuple[InfopassRulesError, ...] = ()

    def __init__(
        self,
        problem: str,
        *,
        field: str | None = None,
        value: object = _NO_VALUE,
        expected: str | None = None,
    ) -> None:
        self.problem = problem
        self.field = field
        # Kept so that .at() can tell "got None" (a null given) from "no value to show".
        self._given = value
        self.value = None if value is _NO_VALUE else value
        self.expected = expected
        parts = [f"{field}: {problem}" if field else problem]
        if value is not _NO_VALUE:
            parts.append(f"got {shorten(value)}")
        if expected:
            parts.append(f"expected {expected}")
        super().__init__("; ".join(parts))

    def at(self, prefix: str) -> InfopassRulesError:
        """A copy of this error whose field is prefixed by ``prefix`` (a JSON path or file)."""
        if not self.field:
            field = prefix
        elif self.field.startswith("["):  # an index: "$.history" + "[2]" is "$.history[2]"
            field = f"{prefix}{self.field}"
        elif self.field.startswith("$"):  # a JSON path inside a file: "case.json: $.case"
            field = f"{prefix}: {self.field}"
        else:
            field = f"{prefix}.{self.field}"
        clone = type(self)(self.problem, field=field, value=self._given, expected=self.expected)
        clone.__cause__ = self.__cause__
        return clone


class InvalidValue(InfopassRulesError):
    """A field of a fact or a parameter holds a value of the wrong type or out of range."""


class InvalidReceiptNumber(InvalidValue):
    """A receipt number is not 3 letters followed by 10 digits."""


class UnknownOffice(InvalidValue):
    """An office code or name is not in the bundled office registry, or is of the wrong kind."""


class MissingFact(InfopassRulesError):
    """The engine needs a fact it was not given (it says which, and how to supply it)."""


class InvalidHistory(InfopassRulesError):
    """A history item does not concern the case, or is impossible for it."""


class InvalidData(InfopassRulesError):
    """A JSON document, CSV file or processing-times file is malformed."""
