"""The reading options of ``docket`` on the command line: ``--columns``, ``--history-columns``
and ``--date-format``, and the docket they read.

``MAP`` is either ``A=field,B=field`` (each header, as the file writes it, ``=`` the field it
holds; ``Client=`` drops a column, ``Notes=carry`` carries it), or the path of a TOML file (one
ending in ``.toml``, or any file that exists) holding a table of ``"header" = "field"``. A TOML
file may also hold both mappings, as tables ``[columns]`` and ``[history_columns]``: given to
``--columns``, its ``[columns]`` table is the case file's and its ``[history_columns]`` table the
history file's (unless ``--history-columns`` is given too). A bad ``MAP`` is an
:class:`~infopass_rules.errors.InvalidValue` naming the option.
"""

from __future__ import annotations

import argparse
import os
from typing import IO, Any

from infopass_rules.edges.docket.model import Docket
from infopass_rules.edges.docket.reading import DocketFile, read_docket
from infopass_rules.errors import InvalidValue

__all__ = ["add_read_options", "docket_from_args", "parse_map"]

_MAP_EXPECTED = (
    "A=field,B=field (a header = the field it holds; '' drops it, 'carry' carries it), or a "
    'TOML file of "header" = "field" (or with [columns] and [history_columns] tables)'
)


def add_read_options(parser: Any) -> None:
    """Add the reading options to ``parser`` (an argparse parser)."""
    parser.add_argument(
        "--columns",
        metavar="MAP",
        help="the case file's headers as fields: 'Receipt #=receipt_number,Field Office=office' "
        "or a TOML file (a table header = field, or [columns] and [history_columns] tables)",
    )
    parser.add_argument(
        "--history-columns",
        metavar="MAP",
        help="the history file's headers as fields (as --columns); without it, --columns "
        "serves both files",
    )
    parser.add_argument(
        "--date-format",
        metavar="FMT",
        help="the firm's dates as a strptime format ('%%m/%%d/%%Y'), or 'us' for it; "
        "YYYY-MM-DD is always read",
    )


def docket_from_args(
    args: argparse.Namespace, cases: DocketFile | IO[bytes], history: DocketFile | None
) -> Docket:
    """The docket read from ``cases`` and ``history`` with the options in ``args``."""
    columns_text = getattr(args, "columns", None)
    history_text = getattr(args, "history_columns", None)
    columns = history_columns = None
    if columns_text is not None:
        columns, from_file = parse_map(columns_text, "--columns")
        if from_file is not None:
            columns, history_columns = from_file
    if history_text is not None:
        history_map, from_file = parse_map(history_text, "--history-columns")
        history_columns = from_file[1] or from_file[0] if from_file is not None else history_map
    try:
        return read_docket(
            cases,
            history,
            columns=columns,
            history_columns=history_columns,
            date_format=getattr(args, "date_format", None),
        )
    except InvalidValue as exc:
        flag = _FLAGS.get((exc.field or "").split("[")[0])
        if flag is None:
            raise
        raise type(exc)(
            exc.problem, field=f"{flag} ({exc.field})", value=exc.value, expected=exc.expected
        ) from None


#: The options' names on the command line, by the keyword an error names.
_FLAGS = {
    "columns": "--columns",
    "history_columns": "--history-columns",
    "date_format": "--date-format",
}


def parse_map(
    text: str, option: str
) -> tuple[dict[str, str] | None, tuple[dict[str, str] | None, dict[str, str] | None] | None]:
    """``MAP`` read: ``(mapping, None)`` for ``A=field,B=field`` or a TOML file of one table,
    ``(None, (columns, history_columns))`` for a TOML file with those tables.

    Raises:
        InvalidValue: naming ``option``: an entry without ``=``, an empty header, a header
            twice, a TOML file that cannot be read or is not such tables of text.
    """
    stripped = text.strip()
    if stripped.lower().endswith(".toml") or (
        "=" not in stripped and stripped and os.path.isfile(stripped)
    ):
        return _toml_map(stripped, option)
    mapping: dict[str, str] = {}
    for entry in stripped.split(","):
        if not entry.strip():
            continue
        header, equals, field = entry.partition("=")
        if not equals or not header.strip():
            raise InvalidValue(
                "is not a column map",
                field=option,
                value=entry,
                expected=_MAP_EXPECTED,
            )
        key = header.strip()
        if key.casefold() in (k.casefold() for k in mapping):
            raise InvalidValue(
                f"names the column {key!r} twice", field=option, value=text, expected=_MAP_EXPECTED
            )
        mapping[key] = field.strip()
    if not mapping:
        raise InvalidValue("is empty", field=option, value=text, expected=_MAP_EXPECTED)
    return mapping, None


def _toml_map(
    path: str, option: str
) -> tuple[dict[str, str] | None, tuple[dict[str, str] | None, dict[str, str] | None] | None]:
    import tomllib  # only for a TOML map

    try:
        with open(path, "rb") as f:
            document = tomllib.load(f)
    except OSError as exc:
        raise InvalidValue(
            f"cannot be read ({exc.strerror or exc})",
            field=option,
            value=path,
            expected=_MAP_EXPECTED,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidValue(
            f"is not TOML ({exc})", field=option, value=path, expected=_MAP_EXPECTED
        ) from None
    tables = {"columns", "history_columns"}
    if document and set(document) <= tables and all(isinstance(t, dict) for t in document.values()):
        return None, (
            _table(document.get("columns"), f"{option} {path} [columns]"),
            _table(document.get("history_columns"), f"{option} {path} [history_columns]"),
        )
    return _table(document, f"{option} {path}"), None


def _table(value: object, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):  # pragma: no cover - TOML gives tables as dicts
        raise InvalidValue("is not a table", field=where, value=value, expected=_MAP_EXPECTED)
    for key, field in value.items():
        if not isinstance(field, str):
            raise InvalidValue(
                f"maps {key!r} to something not text",
                field=where,
                value=field,
                expected=_MAP_EXPECTED,
            )
    return dict(value)
