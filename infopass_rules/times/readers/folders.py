"""A folder of daily snapshots, laid out ``{FORM}/{OFFICE}/{YYYY-MM-DD}.json``.

Each file is read as a USCIS answer fetched on the day its name gives, and checked to be of the
form and office its folders name. Files that are not ``.json`` (a README), hidden entries and
the files at the top of the folder are skipped; a ``.json`` file at the wrong depth (in a form's
folder, not an office's), a folder inside an office's folder, a dangling link, a loop of links, a
FIFO or a device is refused, naming it, rather than skipped.
"""

from __future__ import annotations

import os

from infopass_rules.errors import InvalidData
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.readers.files import (
    FOLDER_LAYOUT,
    fetch_date_from_name,
    folder_entries,
)
from infopass_rules.times.readers.json_files import read_json_file

__all__ = ["read_folder"]


def read_folder(root: str) -> list[PublishedTime]:
    """Every entry of every snapshot under ``root``."""
    entries: list[PublishedTime] = []
    found = 0
    for form_dir in _subdirs(root, root, None):
        form_path = os.path.join(root, form_dir)
        for office_dir in _subdirs(form_path, form_dir, "an office's folder"):
            where = os.path.join(form_path, office_dir)
            for name, kind in _visible(where, f"{form_dir}/{office_dir}"):
                label = f"{form_dir}/{office_dir}/{name}"
                if kind == "folder":
                    raise _wrong_depth(label, "is a folder inside an office's folder")
                if kind != "file" or not name.lower().endswith(".json"):
                    continue
                fetched = fetch_date_from_name(name[:-5], label)
                full = os.path.join(where, name)
                entries.extend(read_json_file(full, label, fetched, (form_dir, office_dir)))
                found += 1
    if not found:
        raise InvalidData(
            "holds no processing-times file", field=root, expected=f"files laid out {FOLDER_LAYOUT}"
        )
    return entries


def _visible(path: str, label: str) -> list[tuple[str, str]]:
    # Hidden entries (.git, .cache, .DS_Store) are never snapshots.
    return folder_entries(path, label, hidden=False)


def _subdirs(path: str, label: str, json_here: str | None) -> list[str]:
    """The folders in ``path``; a ``.json`` file there is refused when ``json_here`` says where
    it belongs."""
    found = []
    for name, kind in _visible(path, label):
        if kind == "folder":
            found.append(name)
        elif json_here and kind == "file" and name.lower().endswith(".json"):
            raise _wrong_depth(f"{label}/{name}", f"is a snapshot outside {json_here}")
    return found


def _wrong_depth(label: str, problem: str) -> InvalidData:
    return InvalidData(problem, field=label, expected=f"files laid out {FOLDER_LAYOUT}")
