"""A folder of daily snapshots, laid out ``{FORM}/{OFFICE}/{YYYY-MM-DD}.json``.

Each file is read as a USCIS answer fetched on the day its name gives, and checked to be of the
form and office its folders name. Other files (a README) and hidden folders are skipped.
"""

from __future__ import annotations

import os

from infopass_rules.errors import InvalidData
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.readers.files import FOLDER_LAYOUT, fetch_date_from_name
from infopass_rules.times.readers.json_files import read_json_file

__all__ = ["read_folder"]


def read_folder(root: str) -> list[PublishedTime]:
    """Every entry of every snapshot under ``root``."""
    entries: list[PublishedTime] = []
    found = 0
    for form_dir in _subdirs(root):
        for office_dir in _subdirs(os.path.join(root, form_dir)):
            where = os.path.join(root, form_dir, office_dir)
            names = sorted(n for n in os.listdir(where) if n.lower().endswith(".json"))
            for name in names:
                full = os.path.join(where, name)
                if not os.path.isfile(full):
                    continue
                label = f"{form_dir}/{office_dir}/{name}"
                fetched = fetch_date_from_name(name[:-5], label)
                entries.extend(read_json_file(full, label, fetched, (form_dir, office_dir)))
                found += 1
    if not found:
        raise InvalidData(
            "holds no processing-times file", field=root, expected=f"files laid out {FOLDER_LAYOUT}"
        )
    return entries


def _subdirs(path: str) -> list[str]:
    # Hidden folders (.git, .cache) are never snapshots.
    with os.scandir(path) as scan:
        return sorted(e.name for e in scan if e.is_dir() and not e.name.startswith("."))
