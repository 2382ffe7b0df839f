"""USCIS form numbers: ``"i485"``, ``"I-485"`` and ``" i-485 "`` all name the form ``"I-485"``.

A form number is one or two letters, an optional dash, up to four digits and up to three letters
of suffix (``"I-129CW"``, ``"N-600K"``). It is normalised to upper case with the dash, so a
case's form and the forms of USCIS's processing times (its ``form_name``) meet on one spelling.
"""

from __future__ import annotations

import re

from infopass_rules.errors import InvalidValue

__all__ = ["FORM_EXPECTED", "normalise_form", "optional_form"]

_FORM = re.compile(r"([A-Z]{1,2})-?([0-9]{1,4})([A-Z]{0,3})")
#: What a form field accepts, as an error names it.
FORM_EXPECTED = "a USCIS form number such as 'I-485', 'N-400', 'I-129CW' or 'N-600K'"


def normalise_form(value: object) -> str:
    """``"i485"`` -> ``"I-485"``; anything but a form number raises InvalidValue naming ``form``."""
    if not isinstance(value, str):
        raise InvalidValue("must be a string", field="form", value=value, expected=FORM_EXPECTED)
    # ASCII first: "\u0131485".upper() == "I485" would otherwise pass for an I-485.
    stripped = value.strip()
    match = _FORM.fullmatch(stripped.upper()) if stripped.isascii() else None
    if not match:
        raise InvalidValue(
            "is not a form number", field="form", value=value, expected=FORM_EXPECTED
        )
    prefix, number, suffix = match.groups()
    return f"{prefix}-{number}{suffix}"


def optional_form(value: object) -> str | None:
    """A form number, normalised, or None (a case whose form the firm has not recorded)."""
    return None if value is None else normalise_form(value)
