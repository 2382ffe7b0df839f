"""The words firm exports use for the docket's enum and yes/no fields: one table, read by
:func:`~.reading.read_docket` and printed in the docs ("From your case-management export").

Case-management systems do not write ``CONTACT_CENTER``: they write ``PHONE``, ``Call`` or
``NCSC``; an urgent flag is ``Y``, ``X`` or ``1``. :data:`WORDS` lists, for each kind of field,
the words read as each value. A cell is looked up after :func:`fold`: any case, spaces, dashes,
underscores and dots alike, outer spaces dropped (``E-Request``, ``e request`` and ``E_REQUEST``
are one word). A member's own name is always a word for it (``tier 2 referral``), so the table
lists only the others.

History kinds carry a channel: a ``Type`` of ``Letter`` is an inquiry by mail, ``Call`` one to the
Contact Center. When a row has no channel of its own, the kind's channel is the inquiry's; when
it has one that differs, the row is an error (never a guess which to believe).

A word not in the table is an error of its cell naming the words accepted; a firm's own words
are added with ``aliases`` (:func:`vocabulary`), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from infopass_rules.errors import InvalidValue
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome

__all__ = [
    "ALIAS_FIELDS",
    "ENUM_FIELDS",
    "KINDS",
    "WORDS",
    "YES_NO_FIELDS",
    "Vocabulary",
    "fold",
    "table_rows",
    "vocabulary",
]

#: The docket fields read as a member of an enum, with their enum.
ENUM_FIELDS: Mapping[str, type[Any]] = MappingProxyType(
    {
        "issue": Issue,
        "circumstances": Circumstance,
        "channel": Channel,
        "outcome": Outcome,
        "level": Level,
    }
)
#: The docket fields read as yes or no.
YES_NO_FIELDS = frozenset({"pressing"})
#: The kinds of history row (the ``kind`` field).
KINDS = ("inquiry", "appointment")

#: The words of firm exports, by kind of field: ``{kind: {value: (word, ...)}}``. ``channel``,
#: ``outcome`` and ``level`` values are member names; ``yes_no`` values are ``yes`` and ``no``;
#: ``kind`` values are ``inquiry`` or ``appointment``, an inquiry's channel after a colon
#: (``inquiry:MAIL``: a letter). Words are written folded (:func:`fold`); a member's own name
#: is a word for it without being listed.
WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "channel": {
            "CONTACT_CENTER": (
                "phone",
                "call",
                "telephone",
                "contact center",
                "contact centre",
                "ncsc",
                "national customer service center",
            ),
            "INFOPASS": ("in person", "infopass", "info pass", "appointment", "walk in"),
            "E_REQUEST": ("online", "e request", "erequest"),
            "MAIL": ("letter", "mail"),
            # Requests beyond USCIS (docs/concepts/remedies.md): never an inquiry to USCIS.
            "OMBUDSMAN": ("cis ombudsman", "ombudsman", "case assistance"),
            "CONGRESS": ("congress", "congressional", "congressional inquiry"),
        },
        "kind": {
            "inquiry": ("inquiry", "enquiry"),
            "inquiry:CONTACT_CENTER": ("call", "phone call"),
            "inquiry:MAIL": ("letter",),
            "inquiry:E_REQUEST": ("e request", "erequest"),
            "inquiry:OMBUDSMAN": ("ombudsman request", "case assistance request"),
            "inquiry:CONGRESS": ("congressional inquiry",),
            "appointment": ("appointment", "infopass", "info pass", "in person"),
        },
        "outcome": {
            "UNRESOLVED": ("unresolved", "pending", "no resolution"),
            "RESOLVED": ("resolved",),
            "SERVICE_REQUEST": ("service request", "sr", "sr opened"),
            "TIER_2_REFERRAL": ("tier 2 referral", "referred to tier 2", "tier 2"),
        },
        "level": {
            "INFORMATION_OFFICER": ("information officer", "io"),
            "SUPERVISOR": ("supervisor",),
            "SECTION_CHIEF": ("section chief",),
            "FIELD_OFFICE_DIRECTOR": ("field office director", "fod", "director"),
            "TIER_1": ("tier 1", "t1"),
            "TIER_2": ("tier 2", "t2"),
            "TIER_2_SUPERVISOR": ("tier 2 supervisor", "t2 supervisor"),
        },
        "yes_no": {
            "yes": ("yes", "y", "true", "x", "1"),
            "no": ("no", "n", "false", "0"),
        },
    }
)

_FOLD = re.compile(r"[\s\-_.]+")


def fold(word: str) -> str:
    """A word as the table is looked up: lower case, each run of spaces, dashes, underscores
    and dots one space, outer spaces dropped (``" E-Request "`` -> ``"e request"``)."""
    return _FOLD.sub(" ", word.lower()).strip()


def _kind_of(field: str) -> str:
    return "yes_no" if field in YES_NO_FIELDS else field


#: The fields ``aliases`` may extend.
ALIAS_FIELDS: tuple[str, ...] = (*ENUM_FIELDS, "kind", *sorted(YES_NO_FIELDS))


class Vocabulary:
    """The table (and a firm's aliases) as lookups: ``field -> {folded word: value}``.

    Values are enum members for enum fields, bools for yes/no fields, and
    ``(kind, Channel | None)`` for ``kind``.
    """

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self.table = table

    def lookup(self, field: str, word: str) -> Any:
        """The value ``word`` stands for in ``field``; None when it is no word of it."""
        return self.table[field].get(fold(word))

    def accepted(self, field: str, limit: int = 40) -> str:
        """The words accepted for ``field``, for an error message (at most ``limit``)."""
        words = list(self.table[field])
        listed = ", ".join(words[:limit])
        more = f" and {len(words) - limit} more" if len(words) > limit else ""
        return f"one of {listed}{more} (any case)"


def _value(field: str, value: str) -> Any:
    """The value a table entry (or an alias) names, for ``field``."""
    kind = _kind_of(field)
    if kind == "yes_no":
        return {"yes": True, "no": False}[value]
    if kind == "kind":
        name, _, channel = value.partition(":")
        return (name, Channel[channel] if channel else None)
    return ENUM_FIELDS[field][value]


def _base() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for field in ALIAS_FIELDS:
        words: dict[str, Any] = {}
        if field in ENUM_FIELDS:
            for member in ENUM_FIELDS[field]:
                words[fold(member.name)] = member
        for value, listed in WORDS.get(_kind_of(field), {}).items():
            for word in listed:
                words[fold(word)] = _value(field, value)
        table[field] = words
    return table


_BASE = _base()
DEFAULT = Vocabulary(_BASE)


def _alias_value(field: str, word: str, value: object) -> Any:
    """An alias's value: a member (or its name, or a word the table already has), a bool or a
    yes/no word, or for ``kind`` ``inquiry`` / ``appointment`` or a channel (an inquiry by it)."""
    kind = _kind_of(field)
    where = f"aliases[{field!r}][{word!r}]"
    if kind == "yes_no":
        if isinstance(value, bool):
            return value
        found = _BASE[field].get(fold(value)) if isinstance(value, str) else None
        if found is None:
            raise InvalidValue("is not yes or no", field=where, value=value, expected="a bool")
        return found
    if kind == "kind":
        if isinstance(value, Channel):
            return ("inquiry", value)
        if isinstance(value, str):
            folded = fold(value)
            if folded in KINDS:
                return (folded, None)
            channel = _BASE["channel"].get(folded)
            if channel is not None:
                return ("inquiry", channel)
        raise InvalidValue(
            "is not a kind of history row",
            field=where,
            value=value,
            expected="'inquiry', 'appointment', or a channel (an inquiry by it: 'mail')",
        )
    enum_type = ENUM_FIELDS[field]
    if isinstance(value, enum_type):
        return value
    found = _BASE[field].get(fold(value)) if isinstance(value, str) else None
    if found is None:
        raise InvalidValue(
            f"is not a {enum_type.__name__}",
            field=where,
            value=value,
            expected="one of " + ", ".join(m.name for m in enum_type) + " (or a word for one)",
        )
    return found


def vocabulary(aliases: object) -> Vocabulary:
    """The table extended by ``aliases``: ``{field: {word: value}}``.

    ``field`` is one of :data:`ALIAS_FIELDS`; ``word`` is the firm's word (folded like the
    table's); ``value`` is what it stands for: an enum member or its name (or a word the table
    has) for an enum field, a bool (or ``yes`` / ``no``) for ``pressing``, and for ``kind``
    ``inquiry``, ``appointment`` or a channel (``{"kind": {"fax": "mail"}}``: an inquiry by
    mail). An alias may redefine a word of the table (the firm's meaning wins, since it is
    said).

    Raises:
        InvalidValue: ``aliases`` is not such a mapping: naming the entry and what is accepted.
    """
    if aliases is None:
        return DEFAULT
    if not isinstance(aliases, Mapping):
        raise InvalidValue(
            "must be a mapping",
            field="aliases",
            value=aliases,
            expected="{field: {word: value}}, e.g. {'channel': {'fax': 'MAIL'}}",
        )
    table = {field: dict(words) for field, words in _BASE.items()}
    for field, words in aliases.items():
        if field not in table:
            raise InvalidValue(
                "is not a field that takes words",
                field="aliases",
                value=field,
                expected="one of " + ", ".join(ALIAS_FIELDS),
            )
        if not isinstance(words, Mapping):
            raise InvalidValue(
                "must be a mapping",
                field=f"aliases[{field!r}]",
                value=words,
                expected="{word: value}",
            )
        for word, value in words.items():
            if not isinstance(word, str) or not fold(word):
                raise InvalidValue(
                    "is not a word",
                    field=f"aliases[{field!r}]",
                    value=word,
                    expected="a non-empty string",
                )
            table[field][fold(word)] = _alias_value(field, word, value)
    return Vocabulary(table)


def table_rows() -> list[tuple[str, str, str]]:
    """The table as ``(field kind, value, words)`` rows, as the docs print it."""
    rows = []
    for kind, values in WORDS.items():
        for value, words in values.items():
            rows.append((kind, value, ", ".join(words)))
    return rows
