"""How a docket file's columns are told: each header is a field (by its name or by the firm's
mapping), the firm's own column (carried, never interpreted), or an error of the file.

**Matching.** A header (or JSON key) names a field when, trimmed, its name is the field's in any
case with spaces or dashes for underscores (``Receipt Number``); ``columns`` / ``history_columns``
map the firm's headers (trimmed, any case) to field names. A header mapped to ``""`` is
dropped (read, neither interpreted nor carried); one mapped to ``"carry"`` is carried even if
its name is close to a field's.

**The firm's own columns.** Any other header is the firm's (client, attorney, matter number):
carried as typed. One exception, so that a misspelt field is never silently carried instead of
read: a header that looks like a field of its file (:func:`misspelling`) is an error suggesting
the field (``recieved_on``: "did you mean received_on?"). Map it to the field, to ``"carry"`` or
to ``""``. A history file's own columns are read and left aside (a report's row is a case's).

**Mappings.** A mapping is ``{header: field}``. With ``history_columns`` given, ``columns`` is
the case file's alone and each names only its file's fields (an entry naming the other file's
field is an :class:`~infopass_rules.errors.InvalidValue` at once). Without it, ``columns`` serves
both files (as in 0.2): an entry applies where its header is found, and a header of one file
mapped to a field of the other is an ``InvalidValue`` naming both, raised before any row is read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from infopass_rules.errors import InvalidData, InvalidValue

__all__ = [
    "CARRY",
    "CASE_FIELDS",
    "DATE_FORMATS",
    "HISTORY_FIELDS",
    "Columns",
    "Layout",
    "date_format",
    "mapping",
    "misspelling",
]

#: The fields of a case row, in the order a written docket uses.
CASE_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "office",
    "issue",
    "form",
    "category",
    "received_on",
    "outside_processing_times_on",
    "deadlines",
    "circumstances",
    "pressing",
    "resolved_on",
)
#: The fields of a history row.
HISTORY_FIELDS: tuple[str, ...] = (
    "receipt_number",
    "kind",
    "on",
    "channel",
    "outcome",
    "level",
    "reference",
    "note",
    "office",
    "attorney",
)
REQUIRED_CASE = ("receipt_number", "office")
REQUIRED_HISTORY = ("receipt_number", "kind", "on")

#: The target that carries a column as the firm's own whatever its name.
CARRY = "carry"
#: Named date formats: ``us`` is ``%m/%d/%Y`` (``03/15/2021``, ``3/5/2021``).
DATE_FORMATS = {"us": "%m/%d/%Y"}

_SPACES = re.compile(r"[\s\-]+")
#: What no column name holds: control characters (an escape sequence, a NUL, a line break) and
#: lone surrogates; a carried column's name is written into reports as it is.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The most names listed in a message that is not the required-column error.
LISTED = 20


def normal_name(name: str) -> str:
    """A header as a field name: trimmed, lower case, spaces and dashes as underscores."""
    return _SPACES.sub("_", name.strip().lower())


def _key(name: str) -> str:
    return name.strip().casefold()


def _distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (an adjacent swap is one edit),
    or ``limit + 1`` once it is over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def misspelling(header: str, fields: tuple[str, ...]) -> str | None:
    """The field ``header`` looks like a misspelling of, if any.

    Its normal name (and that name without its punctuation) is within one edit (a letter wrong,
    missing or extra, or two swapped) of a field name of 4 to 9 letters, two of a longer one
    (``recieved_on``, ``offce``); or, without its punctuation, it is the field's name
    (``Office:``, ``Form #``) or, at 6 letters or more, the start of it (``Received``,
    ``Receipt #``, ``Outside Processing Times``). Names of fewer than 4 letters (``on``) are
    never suggested: one edit makes another word of them (``no``, ``in``).
    """
    name = normal_name(header)
    bare = re.sub(r"[^a-z0-9_]", "", name).strip("_")
    for field in fields:
        limit = 0 if len(field) < 4 else 1 if len(field) < 10 else 2
        if limit and any(0 < _distance(n, field, limit) <= limit for n in {name, bare}):
            return field
        if bare == field and name != field:  # "Office:" or "office?"
            return field
        if len(bare) >= 6 and field.startswith(bare):  # "Received", "Outside Processing Times"
            return field
    return None


def mapping(value: object, option: str, fields: tuple[str, ...] | None) -> dict[str, str]:
    """A ``columns`` / ``history_columns`` mapping checked: ``{folded header: field}``.

    ``fields`` are the fields its file has (None: either file's, for a shared ``columns``).
    """
    if value is None:
        return {}
    known = CASE_FIELDS + tuple(f for f in HISTORY_FIELDS if f not in CASE_FIELDS)
    if not isinstance(value, Mapping):
        raise InvalidValue(
            "must be a mapping", field=option, value=value, expected="{column: field name}"
        )
    out: dict[str, str] = {}
    for key, target in value.items():
        where = f"{option}[{key!r}]"
        if not isinstance(key, str) or not key.strip():
            raise InvalidValue(
                "is not a column name", field=option, value=key, expected="a non-empty string"
            )
        field = normal_name(target) if isinstance(target, str) else None
        if field is None or (field and field != CARRY and field not in known):
            raise InvalidValue(
                "maps to an unknown field",
                field=where,
                value=target,
                expected="one of " + ", ".join(known) + f", {CARRY!r} to carry the column as "
                "the firm's own, or '' to drop it",
            )
        if fields is not None and field and field != CARRY and field not in fields:
            other = "history" if field in HISTORY_FIELDS else "case"
            own = "history" if other == "case" else "case"
            fix = "columns=" if other == "case" else "history_columns="
            raise InvalidValue(
                f"maps to {field}, a field of the {other} file, not of the {own} file",
                field=where,
                value=target,
                expected=f"a field of the {own} file ({', '.join(fields)}); map the {other} "
                f"file's columns with {fix} ({_flag(fix)})",
            )
        folded = _key(key)
        if folded in out and out[folded] != field:
            raise InvalidValue(
                "names a column already mapped (columns are matched trimmed, in any case)",
                field=where,
                value=target,
                expected=f"one entry per column (it is mapped to {out[folded]!r} already)",
            )
        out[folded] = field
    return out


def _flag(option: str) -> str:
    return "--" + option.rstrip("=").replace("_", "-")


def date_format(value: object) -> str | None:
    """A ``date_format`` checked: a ``strptime`` format naming a day, a month and a year, or
    a name of :data:`DATE_FORMATS`; None for ISO dates only."""
    if value is None:
        return None
    expected = (
        "a strptime format with a day, a month and a year, such as '%m/%d/%Y', or "
        + ", ".join(repr(k) for k in DATE_FORMATS)
        + " for "
        + ", ".join(DATE_FORMATS.values())
    )
    if not isinstance(value, str):
        raise InvalidValue("must be a string", field="date_format", value=value, expected=expected)
    fmt = DATE_FORMATS.get(value.strip().lower(), value)
    directives = set(re.findall(r"%(.)", fmt.replace("%%", "")))
    has_day = bool(directives & {"d", "j"})
    has_month = bool(directives & {"m", "b", "B"}) or "j" in directives
    has_year = bool(directives & {"Y", "y"})
    if not (has_day and has_month and has_year) or directives & {"H", "M", "S", "I", "p", "f"}:
        raise InvalidValue(
            "is not a date format (a day, a month and a year, no time of day)",
            field="date_format",
            value=value,
            expected=expected,
        )
    import datetime as _dt

    try:
        _dt.date(2021, 3, 15).strftime(fmt)
        _dt.datetime.strptime(_dt.date(2021, 3, 15).strftime(fmt), fmt)
    except ValueError as exc:
        raise InvalidValue(
            f"is not a strptime format ({exc})",
            field="date_format",
            value=value,
            expected=expected,
        ) from None
    return fmt


class Layout:
    """A file's header resolved: which column is which field, which are carried."""

    def __init__(
        self,
        headers: list[str],
        fields: list[str | None],
        carried: list[int],
    ) -> None:
        self.headers = headers
        #: Per column, its field; None for a dropped or carried column.
        self.fields = fields
        #: The indices of the carried columns, in file order.
        self.carried = carried
        #: field -> the firm's name of its column.
        self.names = {f: h for h, f in zip(headers, fields, strict=True) if f is not None}


class Columns:
    """How one file's headers map to fields: the fields of the file, the firm's mapping (and,
    for a shared mapping, the other file's fields it may name)."""

    def __init__(
        self,
        file: str,
        fields: tuple[str, ...],
        required: tuple[str, ...],
        mapping: dict[str, str],
        option: str,
    ) -> None:
        self.file = file  # "case" or "history"
        self.fields = fields
        self.required = required
        self.mapping = mapping
        self.option = option  # "columns" or "history_columns"

    def field_of(self, header: str) -> str | None:
        """The field ``header`` names; ``""`` when dropped, :data:`CARRY` when carried,
        None when it is no field (carried unless it looks like a misspelling)."""
        mapped = self.mapping.get(_key(header))
        if mapped is not None:
            return mapped
        normal = normal_name(header)
        return normal if normal in self.fields else None

    def misplaced(self, header: str, field: str, source: str) -> InvalidValue:
        """The error of a header mapped to a field of the other file."""
        other = "history" if self.file == "case" else "case"
        fix = "history_columns=" if other == "history" else "columns="
        return InvalidValue(
            f"maps the column {header.strip()!r} of {source} (the {self.file} file) to "
            f"{field}, a field of the {other} file",
            field=f"columns[{header.strip()!r}]",
            value=field,
            expected=f"a field of the {self.file} file ({', '.join(self.fields)}), '' to drop "
            f"the column, or no entry to carry it as the firm's own; for the {other} file's "
            f"columns use {fix} ({_flag(fix)})",
        )

    def layout(self, headers: list[str], source: str) -> Layout:
        """The header of a CSV file resolved, or an error of the file (its line 1)."""
        fields: list[str | None] = []
        carried: list[int] = []
        names: dict[str, str] = {}
        suspects: list[tuple[str, str]] = []
        for i, header in enumerate(headers):
            bad = _FORBIDDEN.search(header)
            if bad is not None:
                raise InvalidData(
                    f"has a column name holding the character U+{ord(bad.group()):04X}",
                    field=f"{source}:1",
                    value=header,
                    expected="column names of printable text",
                )
            field = self.field_of(header)
            if field and field != CARRY and field not in self.fields:
                raise self.misplaced(header, field, source)
            if field is None:
                guess = misspelling(header, self.fields)
                if guess is not None:
                    suspects.append((header, guess))
                    fields.append(None)
                    continue
            if field is None or field == CARRY:
                carried.append(i)
                fields.append(None)
                continue
            if not field:
                fields.append(None)
                continue
            if field in names:
                raise InvalidData(
                    f"names the field {field} twice ({names[field]!r} and {header!r})",
                    field=f"{source}:1",
                    expected="each field in one column",
                )
            names[field] = header
            fields.append(field)
        missing = [f for f in self.required if f not in names]
        if suspects:
            # A required field missing is said too, with every column of the file.
            lacking = (
                f"; it has no column for {', '.join(missing)} (required); the file's columns "
                "are " + ", ".join(repr(h) for h in headers)
                if missing
                else ""
            )
            raise InvalidData(
                "has unknown columns",
                field=f"{source}:1",
                value=[header for header, _ in suspects],
                expected=f"each a field of the {self.file} file or the firm's own; these look "
                "like misspelt fields: "
                + _listed([f"{h!r} (did you mean {f}?)" for h, f in suspects])
                + f"; map each with {self.option}= ({_flag(self.option)}) to its field, to "
                f"{CARRY!r} to carry it, or to '' to drop it{lacking}",
            )
        counts = Counter(_key(h) for h in headers)
        repeated = sorted({_key(headers[i]) for i in carried if counts[_key(headers[i])] > 1})
        if repeated:
            raise InvalidData(
                "repeats the column(s) " + _listed([repr(r) for r in repeated]),
                field=f"{source}:1",
                expected="each column named once (columns are matched trimmed, in any case)",
            )
        if missing:
            example = missing[0]
            raise InvalidData(
                "lacks required columns",
                field=f"{source}:1",
                value=missing,
                expected="a column for each; the file's columns are "
                + ", ".join(repr(h) for h in headers)
                + f"; name the firm's column of each with {self.option}= "
                f"({{'<column>': {example!r}}}; {_flag(self.option)} '<column>={example}')",
            )
        return Layout(list(headers), fields, carried)


def _listed(names: list[str]) -> str:
    if len(names) <= LISTED:
        return ", ".join(names)
    return ", ".join(names[:LISTED]) + f" and {len(names) - LISTED} more"
