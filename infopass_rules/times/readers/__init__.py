"""Readers of USCIS processing-times data: API answers (JSON), folders of them, the flattened CSV,
and the daily SQLite archive a public scraper publishes (:mod:`.sqlite_archive`).

Each reader returns :class:`~infopass_rules.times.published.PublishedTime` entries, one per
subtype (category) of each snapshot, and raises :class:`~infopass_rules.errors.InvalidData`
naming the file and the JSON path or CSV line of the first thing it cannot read. They import
``published`` and never the table, which imports them only when data is read.

The quirks of the real answers, all handled here:

- the top-level ``range`` can be ``null``: only the subtypes are read;
- ``range`` is ``[upper, lower]``, each ``{unit, value}``; units ``Month(s)`` / ``Week(s)``;
- a suppressed subtype has a ``suppressed`` flag, an empty ``unit`` and ``value`` and an empty
  ``service_request_date``: it is kept, marked suppressed, with no date (the CSV drops the flag;
  there an empty date alone marks it);
- dates are written ``October 09, 2020``;
- Spanish (``*_es``) and other text fields are not read;
- the CSV writes a missing value as ``NA`` and repeats some rows verbatim;
- the archive's table ``processing_time`` has the CSV's columns (its first schema one
  ``range_unit``), NULL for a missing value, and no suppressed column either.

Speed matters (a folder holds hundreds of files, read at start-up): stdlib ``json`` and ``csv``,
no cattrs, and dates parsed through a cached month-name table rather than ``strptime``.
"""

from __future__ import annotations

import datetime as _dt
import os
import re

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.readers.csv_files import read_csv_file
from infopass_rules.times.readers.files import FOLDER_LAYOUT, fetch_date_from_name, path_kind
from infopass_rules.times.readers.folders import read_folder
from infopass_rules.times.readers.json_files import read_json_file
from infopass_rules.times.readers.sqlite_archive import (
    archive_fetch_date,
    is_archive_name,
    read_archive,
)

__all__ = ["read_path"]

_CSV_FETCH_DATE = re.compile(r".*-([0-9]{4}-[0-9]{2}-[0-9]{2})\.csv", re.IGNORECASE)


def read_path(path: str, fetched_on: _dt.date | None) -> list[PublishedTime]:
    """Every entry of a JSON file, a folder of snapshots, a CSV or a SQLite archive (see
    load_processing_times)."""
    kind = path_kind(path, path)
    if kind == "folder" and is_archive_name(path.rstrip("/" + os.sep)):
        raise InvalidData("is a folder", field=path, expected="a SQLite archive (a file)")
    if kind == "folder":
        if fetched_on is not None:
            raise InvalidValue(
                "cannot be given for a folder: its file names give the fetch dates",
                field="fetched_on",
                value=fetched_on,
                expected=f"None, with a folder laid out {FOLDER_LAYOUT}",
            )
        return read_folder(path)
    lowered = path.lower()
    if kind == "missing":
        raise InvalidData(
            "does not exist", field=path, expected="a .json file, a .csv, a .db archive or a folder"
        )
    if lowered.endswith(".json"):
        fetched = fetched_on or fetch_date_from_name(os.path.basename(path)[:-5], path)
        return read_json_file(path, path, fetched, None)
    if lowered.endswith(".csv"):
        if fetched_on is None:
            match = _CSV_FETCH_DATE.fullmatch(os.path.basename(path))
            if match is None:
                raise InvalidData(
                    "has no fetch date in its name",
                    field=path,
                    expected="a name ending in -YYYY-MM-DD.csv, or pass fetched_on=",
                )
            fetched_on = fetch_date_from_name(match[1], path)
        return read_csv_file(path, fetched_on)
    if is_archive_name(path):
        return read_archive(path, fetched_on or archive_fetch_date(path))
    raise InvalidData(
        "is neither a .json file, a .csv file, a SQLite archive (.db) nor a folder",
        field=path,
        expected="a USCIS answer (.json), the flattened CSV, the daily archive (.db, .sqlite, "
        f".sqlite3) or a folder laid out {FOLDER_LAYOUT}",
    )
