"""The bundled registry of USCIS office codes.

Built from the office list of USCIS's processing-times API (100 codes, fetched 2024-10-30), kept in
``data/offices.csv`` with each office's kind: a *field office* (where INFOPASS appointments are
held), a *center* (service centers, the National Benefits Center, the forms and investor offices)
or an *aggregate* (``FOD`` "All Field Offices", ``SCD`` "All Service Centers").

An office may be named as firms write it: by its code in any case (``"mia"``), by USCIS's
description (``"Miami FL"``, ``"Miami, FL"``) or, for a field office, by its city alone
(``"Miami"``), and by either of those with "Field Office" after it or "USCIS" before it
(``"Miami Field Office"``, ``"USCIS Miami"``, ``"USCIS Miami Field Office"``, ``"Miami FO"``).
A city two field offices share (``"Portland"``) is ambiguous: the error lists both, and the
description (``"Portland OR"``) names one. Anything else raises
:class:`~infopass_rules.errors.UnknownOffice` naming the closest matches.

Receipt-number prefixes (MSC, EAC, ...) are not office codes and are not accepted here.
"""

from __future__ import annotations

import re
from functools import cache

import attrs

from infopass_rules.errors import UnknownOffice, shorten
from infopass_rules.facts.enums import IdentityEnum

__all__ = ["Office", "OfficeKind", "all_offices", "get_office", "resolve_office"]


class OfficeKind(IdentityEnum):
    """What an office code stands for."""

    FIELD_OFFICE = "field_office"
    CENTER = "center"
    AGGREGATE = "aggregate"


@attrs.frozen
class Office:
    """One USCIS office of the registry."""

    code: str
    description: str
    kind: OfficeKind
    city: str | None
    state: str | None


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    # "Miami, FL" / "miami  fl" / "MIAMI-FL" all fold to "miami fl".
    return _NON_ALNUM.sub(" ", text.lower()).strip()


#: The words firms put around a field office's name: "USCIS Miami Field Office".
_BEFORE = ("uscis ",)
_AFTER = (" field office", " fo", " office")


def _bare(key: str) -> str:
    """A folded name without the words around an office's name ("uscis miami field office"
    -> "miami"); the name itself when it has none."""
    for prefix in _BEFORE:
        key = key.removeprefix(prefix)
    for suffix in _AFTER:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@cache
def _registry() -> tuple[dict[str, Office], dict[str, tuple[str, ...]]]:
    """(code -> Office, folded name -> codes). Read once, on first use."""
    import csv  # imported on first use, to keep `import infopass_rules` cheap
    from importlib import resources

    text = resources.files(__package__).joinpath("offices.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    by_code: dict[str, Office] = {}
    names: dict[str, set[str]] = {}
    for row in csv.DictReader(lines):
        office = Office(
            code=row["code"],
            description=row["description"],
            kind=OfficeKind(row["kind"]),
            city=row["city"] or None,
            state=row["state"] or None,
        )
        by_code[office.code] = office
        for name in (office.description, office.city):
            if name:
                names.setdefault(_key(name), set()).add(office.code)
    return by_code, {k: tuple(sorted(v)) for k, v in names.items()}


def all_offices() -> tuple[Office, ...]:
    """Every office of the registry, sorted by code."""
    by_code, _ = _registry()
    return tuple(by_code[c] for c in sorted(by_code))


def get_office(code: str) -> Office:
    """The :class:`Office` for a code already resolved by :func:`resolve_office` (a checked
    fact's office is its code: found at once; any other spelling is resolved first)."""
    by_code = _registry()[0]
    office = by_code.get(code) if isinstance(code, str) else None
    return office if office is not None else by_code[resolve_office(code)]


def resolve_office(
    value: object, *, field: str = "office", kinds: frozenset[OfficeKind] | None = None
) -> str:
    """Normalise an office code, description or city to its USCIS code.

    Args:
        value: ``"MIA"``, ``"mia"``, ``"Miami FL"``, ``"Miami, FL"`` or ``"Miami"``.
        field: the name used in error messages.
        kinds: when given, only offices of these kinds are accepted.

    Raises:
        UnknownOffice: not a string, not in the registry, ambiguous, or of a kind not accepted.
    """
    if not isinstance(value, str):
        raise UnknownOffice(
            "must be a string", field=field, value=value, expected="a USCIS office code or name"
        )
    by_code, names = _registry()
    stripped = value.strip()
    code = stripped.upper()
    # Only ASCII can spell a code: "m\u0131a".upper() == "MIA" must not silently be Miami.
    if stripped.isascii() and code in by_code:
        codes: tuple[str, ...] = (code,)
    else:
        key = _key(value)
        codes = names.get(key, ())
        bare = _bare(key)
        if not codes and bare != key:
            # "USCIS MIA", "Miami Field Office": a field office's code, description or city.
            found = (bare.upper(),) if bare.upper() in by_code else names.get(bare, ())
            codes = tuple(c for c in found if by_code[c].kind is OfficeKind.FIELD_OFFICE)
    if len(codes) > 1:
        options = ", ".join(f"{c} ({by_code[c].description})" for c in codes)
        raise UnknownOffice("is ambiguous", field=field, value=value, expected=f"one of {options}")
    if not codes:
        raise UnknownOffice(
            "is not a USCIS office code or name",
            field=field,
            value=value,
            expected=_suggestions(value, by_code, names),
        )
    office = by_code[codes[0]]
    if kinds is not None and office.kind not in kinds:
        wanted = " or ".join(sorted(k.value.replace("_", " ") for k in kinds))
        raise UnknownOffice(
            f"is a {office.kind.value.replace('_', ' ')} ({office.description})",
            field=field,
            value=value,
            expected=f"a {wanted}",
        )
    return office.code


def _suggestions(value: str, by_code: dict[str, Office], names: dict[str, tuple[str, ...]]) -> str:
    import difflib  # only on the error path

    key = _key(value)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    close_codes = difflib.get_close_matches(value.strip().upper(), list(by_code), n=3, cutoff=0.6)
    found: list[str] = []
    for name in close:
        found.extend(names[name])
    found.extend(close_codes)
    unique = list(dict.fromkeys(found))[:4]
    if unique:
        listed = ", ".join(f"{c} ({by_code[c].description})" for c in unique)
        return f"a USCIS office code or name, such as {listed}"
    return (
        "a USCIS office code (e.g. 'MIA'), its description ('Miami FL') or its city ('Miami'); "
        f"see infopass_rules.offices.all_offices() ({len(by_code)} offices); "
        f"receipt-number prefixes such as {shorten(value[:3].upper())} are not office codes"
    )
