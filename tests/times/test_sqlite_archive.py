"""The daily SQLite archive of processing times (table ``processing_time`` of the public
repository jzebedee/uscis): read as the CSV and the JSON answers are, every bad file refused
with an InvalidData naming the file and the column, never an ``sqlite3`` error.

No archive is kept in the repository: each test builds its own from the real data (the shared
folder, else the slice in tests/data), with the standard library's ``sqlite3``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.readers import sqlite_archive
from infopass_rules.times.table import load_processing_times
from tests.helpers import PT_CSV, PT_FOLDER

D = dt.date

#: The columns of the published table (v0.1, 2022-03-21, to this day), in its order, with their
#: declared types: jzebedee/uscis, create-processing-time-table.sql.
PUBLISHED_COLUMNS = (
    ("form_name", "TEXT"),
    ("office_code", "TEXT"),
    ("form_note_en", "TEXT"),
    ("form_note_es", "TEXT"),
    ("form_subtype", "TEXT"),
    ("publication_date", "TEXT"),
    ("range_upper", "REAL"),
    ("range_upper_unit", "TEXT"),
    ("range_lower", "REAL"),
    ("range_lower_unit", "TEXT"),
    ("service_request_date", "TEXT"),
    ("subtype_info_en", "TEXT"),
    ("subtype_info_es", "TEXT"),
    ("subtype_note_en", "TEXT"),
    ("subtype_note_es", "TEXT"),
)
#: The same table at its very first commit (2022-03-20): INTEGER ends and one unit.
FIRST_COLUMNS = (
    ("form_name", "TEXT"),
    ("office_code", "TEXT"),
    ("form_note_en", "TEXT"),
    ("form_note_es", "TEXT"),
    ("form_subtype", "TEXT"),
    ("publication_date", "TEXT"),
    ("range_upper", "INTEGER"),
    ("range_lower", "INTEGER"),
    ("range_unit", "TEXT"),
    ("service_request_date", "TEXT"),
    ("subtype_info_en", "TEXT"),
    ("subtype_info_es", "TEXT"),
    ("subtype_note_en", "TEXT"),
    ("subtype_note_es", "TEXT"),
)
KEY = ("form_name", "office_code", "form_subtype")


def create_table(
    path: Path, columns: Sequence[tuple[str, str]] = PUBLISHED_COLUMNS, *, key: bool = True
) -> None:
    """An archive at ``path`` with an empty ``processing_time`` table of those columns (and the
    published primary key, WITHOUT ROWID, when ``key``)."""
    body = ", ".join(f'"{name}" {kind}' for name, kind in columns)
    if key:
        body += ', PRIMARY KEY("form_name","office_code","form_subtype")'
    tail = " WITHOUT ROWID" if key else ""
    with _connected(path) as connection:
        connection.execute(f"CREATE TABLE processing_time({body}){tail}")


class _connected:
    """A connection that commits and closes (sqlite3's own ``with`` only commits)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.commit()
        self.connection.close()


def insert(path: Path, rows: Iterable[dict[str, Any]], *, ignore: bool = False) -> None:
    """Insert ``rows`` (column -> value) into the archive's table."""
    with _connected(path) as connection:
        for row in rows:
            names = ", ".join(f'"{n}"' for n in row)
            marks = ", ".join("?" for _ in row)
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            connection.execute(
                f"{verb} INTO processing_time ({names}) VALUES ({marks})", tuple(row.values())
            )


def csv_records(csv_path: Path = PT_CSV) -> list[dict[str, str]]:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def archive_from_csv(path: Path, csv_path: Path = PT_CSV, *, first: bool = False) -> Path:
    """The archive USCIS's flattened CSV makes, built column for column.

    The CSV's columns are the archive's, by the same names (``form_name``, ``form_subtype``,
    ``office_code``, ``publication_date``, ``form_note_en`` ... ``subtype_info_es``): each cell
    goes, unchanged, into the column of its name, except ``NA``, the CSV's missing value, which
    becomes the archive's NULL. The table has the published schema and primary key, so the one
    record the CSV repeats verbatim is stored once (``INSERT OR IGNORE``; that it is verbatim is
    checked here). With ``first``, the table of the scraper's first commit: ``range_unit``
    takes the CSV's ``range_upper_unit``, as the scraper took it from the upper end, and the
    ``*_unit`` columns of the two ends are left out.
    """
    create_table(path, FIRST_COLUMNS if first else PUBLISHED_COLUMNS)
    names = {name for name, _ in (FIRST_COLUMNS if first else PUBLISHED_COLUMNS)}
    seen: dict[tuple[str, ...], dict[str, str]] = {}
    rows = []
    for record in csv_records(csv_path):
        key = tuple(record[k] for k in KEY)
        assert seen.setdefault(key, record) == record, f"{key} repeated with other cells"
        row: dict[str, Any] = {}
        for column, cell in record.items():
            if column in names:
                row[column] = None if cell == "NA" else cell
        if first:
            unit = record["range_upper_unit"]
            row["range_unit"] = None if unit == "NA" else unit
        rows.append(row)
    insert(path, rows, ignore=True)
    return path


def archive_from_answers(path: Path, answers: Iterable[Path]) -> Path:
    """The archive the scraper's SQL makes of USCIS's JSON answers, flattened in Python.

    One row per subtype, each column read from the answer's path as the scraper reads it
    (``$.data.processing_time.form_name``, the office from the file's folder, as the scraper
    has taken it from the file name since 2023, ``subtype.form_type`` as ``form_subtype``,
    ``range[0].value`` / ``.unit`` as the upper end, ``range[1]`` as the lower,
    ``service_request_date``, ``subtype_info_en`` ...): a JSON null (a ``null`` range) becomes
    NULL, an empty text (a suppressed subtype's value, unit and date) stays an empty text.
    There is no column for the ``suppressed`` flag.
    """
    create_table(path)
    rows = []
    for file in answers:
        answer = json.loads(file.read_text("utf-8"))["data"]["processing_time"]
        for item in answer["subtypes"]:
            ends = item.get("range") or [{}, {}]
            rows.append(
                {
                    "form_name": answer["form_name"],
                    "office_code": file.parent.name,
                    "form_note_en": answer.get("form_note_en"),
                    "form_subtype": item["form_type"],
                    "publication_date": item.get("publication_date"),
                    "range_upper": ends[0].get("value"),
                    "range_upper_unit": ends[0].get("unit"),
                    "range_lower": ends[1].get("value"),
                    "range_lower_unit": ends[1].get("unit"),
                    "service_request_date": item.get("service_request_date"),
                    "subtype_info_en": item.get("subtype_info_en"),
                    "subtype_info_es": item.get("subtype_info_es"),
                    "subtype_note_en": item.get("subtype_note_en"),
                }
            )
    insert(path, rows)
    return path


def _without_origin(table: Iterable[PublishedTime]) -> list[PublishedTime]:
    return sorted(
        (attrs.evolve(e, origin="-") for e in table),
        key=lambda e: (e.form, e.office, e.category, e.fetched_on),
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CSV's archive, named as the scraper names a day's file."""
    return archive_from_csv(tmp_path_factory.mktemp("archive") / "2024-10-30.db")


# --- what it reads ------------------------------------------------------------------------------


def test_the_archive_of_the_csv_reads_as_the_csv(archive: Path) -> None:
    from_archive = load_processing_times(archive)
    from_csv = load_processing_times(PT_CSV)
    # One entry per key: the full CSV repeats one record verbatim, which the archive keeps once.
    keys = {tuple(record[k] for k in KEY) for record in csv_records()}
    assert len(from_archive) == len(from_csv) == len(keys)
    assert _without_origin(from_archive) == _without_origin(from_csv)
    assert {e.fetched_on for e in from_archive} == {D(2024, 10, 30)}
    origins = sorted(e.origin for e in from_archive)
    assert origins[0] == f"{archive}:processing_time row 1"
    assert all(o.startswith(f"{archive}:processing_time row ") for o in origins)


@pytest.mark.parametrize(
    "name", ["131A-FAM", "I-485 Family", "Family-Based adjustment applications", "i-485  family"]
)
def test_a_category_by_any_of_its_names(archive: Path, name: str) -> None:
    table = load_processing_times(archive)
    assert table.categories("I-485", "MIA") == ("131A", "131A-FAM")
    found = table.lookup("I-485", "Miami", category=name, as_of=D(2024, 10, 30))
    assert found == PublishedTime(
        form="I-485",
        office="MIA",
        category="131A-FAM",
        fetched_on=D(2024, 10, 30),
        published_on=D(2024, 10, 18),
        case_inquiry_date=D(2020, 10, 7),
        upper=Duration(49, "months"),
        lower=Duration(26, "months"),
        suppressed=False,
        origin=found.origin if found else "",
        description="Family-Based adjustment applications",
    )
    # Dated by its name: nothing before the day it was fetched.
    assert table.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2024, 10, 29)) is None


def test_exact_figures_of_one_row(archive: Path) -> None:
    table = load_processing_times(archive)
    entry = table.lookup("N-400", "MIA", as_of=D(2025, 1, 1))
    assert entry is not None
    assert (entry.category, entry.case_inquiry_date, entry.upper, entry.lower) == (
        "160A",
        D(2023, 6, 30),
        Duration(16.5, "months"),
        Duration(7.5, "months"),
    )
    # Outside when received the day before the case inquiry date, not on it.
    assert table.is_outside("N-400", "MIA", received_on=D(2023, 6, 29), on=D(2024, 10, 30))
    assert not table.is_outside("N-400", "MIA", received_on=D(2023, 6, 30), on=D(2024, 10, 30))


def test_the_answers_flattened_as_the_scraper_does_read_as_the_answers(tmp_path: Path) -> None:
    day = D(2022, 5, 3)
    files = sorted(PT_FOLDER.glob(f"*/*/{day.isoformat()}.json"))
    assert len(files) >= 10
    path = archive_from_answers(tmp_path / "2022-05-03.db", files)
    from_archive = load_processing_times(path)
    from_answers = [e for e in load_processing_times(PT_FOLDER) if e.fetched_on == day]
    assert _without_origin(from_archive) == _without_origin(from_answers)
    # The suppressed subtypes (empty value, unit and date in the answer) are kept, suppressed.
    suppressed = from_archive.lookup("I-765", "CSC", category="147-C33", as_of=day)
    assert suppressed is not None
    assert (suppressed.suppressed, suppressed.case_inquiry_date, suppressed.upper) == (
        True,
        None,
        None,
    )


def test_the_archive_and_the_json_answers_are_one_table(archive: Path) -> None:
    both = load_processing_times(PT_FOLDER).merge(load_processing_times(archive))
    # The 2022 answers name it I-485 Family, the archive 131A-FAM: one series.
    for name in ("131A-FAM", "I-485 Family"):
        early = both.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2022, 3, 1))
        late = both.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2024, 10, 30))
        assert (early, late) == (D(2019, 9, 16), D(2020, 10, 7))


@pytest.mark.parametrize(
    ("name", "fetched"),
    [
        ("2024-10-30.db", D(2024, 10, 30)),
        ("uscis-2024-10-31.sqlite", D(2024, 10, 31)),
        ("archive_2024-11-01.SQLITE3", D(2024, 11, 1)),
        ("2028-02-29.DB", D(2028, 2, 29)),
    ],
)
def test_the_fetch_date_is_in_the_file_name(
    archive: Path, tmp_path: Path, name: str, fetched: dt.date
) -> None:
    copy = tmp_path / name
    copy.write_bytes(archive.read_bytes())
    assert {e.fetched_on for e in load_processing_times(copy)} == {fetched}
    # fetched_on= wins over the name.
    given = load_processing_times(copy, fetched_on=D(2025, 1, 2))
    assert {e.fetched_on for e in given} == {D(2025, 1, 2)}


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("uscis.db", "has no fetch date in its name"),
        ("2024-10-30-copy.db", "has no fetch date in its name"),
        ("2024-02-30.db", "names an impossible fetch date '2024-02-30'"),
    ],
)
def test_a_name_without_a_date_needs_fetched_on(
    archive: Path, tmp_path: Path, name: str, problem: str
) -> None:
    copy = tmp_path / name
    copy.write_bytes(archive.read_bytes())
    with pytest.raises(InvalidData) as caught:
        load_processing_times(copy)
    assert (caught.value.field, caught.value.problem) == (str(copy), problem)
    assert len(load_processing_times(copy, fetched_on=D(2024, 10, 30))) > 100


def test_the_first_schema_one_unit_for_both_ends(tmp_path: Path) -> None:
    path = archive_from_csv(tmp_path / "2024-10-30.db", first=True)
    first = {(e.form, e.office, e.category): e for e in load_processing_times(path)}
    published = {(e.form, e.office, e.category): e for e in load_processing_times(PT_CSV)}
    assert first.keys() == published.keys()
    mixed = []
    for key, entry in published.items():
        read = first[key]
        assert (read.case_inquiry_date, read.upper, read.published_on) == (
            entry.case_inquiry_date,
            entry.upper,
            entry.published_on,
        )
        if entry.lower is not None and entry.upper is not None:
            assert read.lower == Duration(entry.lower.value, entry.upper.unit)
            if entry.lower.unit != entry.upper.unit:
                mixed.append(key)
    # "1 Month" to "2 Weeks": the lower end is read in months, so the longer end can only grow.
    assert ("I-129", "CSC", "137-H2A") in mixed
    h2a = first[("I-129", "CSC", "137-H2A")]
    assert (h2a.upper, h2a.lower, h2a.longest()) == (
        Duration(1, "months"),
        Duration(2, "months"),
        Duration(2, "months"),
    )


def test_the_first_schema_with_an_end_missing(tmp_path: Path) -> None:
    path = tmp_path / "2022-03-20.db"
    create_table(path, FIRST_COLUMNS)
    row = {
        "form_name": "N-400",
        "office_code": "MIA",
        "form_subtype": "160A",
        "publication_date": "February 28, 2022",
        "range_upper": 14,
        "range_lower": None,
        "range_unit": "Months",
        "service_request_date": "May 01, 2020",
    }
    insert(path, [row])
    entry = next(iter(load_processing_times(path)))
    assert (entry.upper, entry.lower, entry.case_inquiry_date) == (
        Duration(14, "months"),
        None,
        D(2020, 5, 1),
    )


def test_both_unit_schemas_in_one_table_reads_the_split_units(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, (*PUBLISHED_COLUMNS, ("range_unit", "TEXT")))
    insert(path, [_row(range_upper=1, range_lower=2, range_lower_unit="Weeks", range_unit="X")])
    entry = next(iter(load_processing_times(path)))
    assert (entry.upper, entry.lower) == (Duration(1, "months"), Duration(2, "weeks"))


def _row(**changes: Any) -> dict[str, Any]:
    """A valid row of the published table (N-400 at MIA), with ``changes``."""
    row: dict[str, Any] = {
        "form_name": "N-400",
        "office_code": "MIA",
        "form_note_en": None,
        "form_subtype": "160A",
        "publication_date": "October 18, 2024",
        "range_upper": 16.5,
        "range_upper_unit": "Months",
        "range_lower": 7.5,
        "range_lower_unit": "Months",
        "service_request_date": "June 30, 2023",
        "subtype_info_en": "Application for Naturalization",
    }
    row.update(changes)
    return row


def _one(tmp_path: Path, **changes: Any) -> PublishedTime:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row(**changes)])
    entries = list(load_processing_times(path))
    assert len(entries) == 1
    return entries[0]


@pytest.mark.parametrize(
    ("changes", "attribute", "expected"),
    [
        # the missing value: NULL, an empty text, the CSV's NA
        ({"service_request_date": None}, "case_inquiry_date", None),
        ({"service_request_date": ""}, "case_inquiry_date", None),
        ({"service_request_date": "NA"}, "case_inquiry_date", None),
        ({"service_request_date": "2023-06-30"}, "case_inquiry_date", D(2023, 6, 30)),
        ({"publication_date": None}, "published_on", None),
        # the day of the fetch itself (the file's name), the latest date a snapshot may hold
        ({"publication_date": "October 30, 2024"}, "published_on", D(2024, 10, 30)),
        ({"service_request_date": "2024-10-30"}, "case_inquiry_date", D(2024, 10, 30)),
        ({"publication_date": " october 18, 2024 "}, "published_on", D(2024, 10, 18)),
        ({"range_lower": None, "range_lower_unit": None}, "lower", None),
        ({"range_lower": "", "range_lower_unit": ""}, "lower", None),
        ({"range_lower": "NA", "range_lower_unit": "NA"}, "lower", None),
        ({"range_lower": "7.5"}, "lower", Duration(7.5, "months")),  # text, no affinity
        ({"range_lower": 0}, "lower", Duration(0, "months")),
        ({"range_lower": 1200}, "lower", Duration(1200, "months")),
        ({"range_lower_unit": "week"}, "lower", Duration(7.5, "weeks")),
        ({"subtype_info_en": None}, "description", None),
        ({"subtype_info_en": " Application for Naturalization\n"}, "description",
         "Application for Naturalization"),
        ({"form_name": "n400", "office_code": "Miami"}, "office", "MIA"),
        ({"form_subtype": " 160A "}, "category", "160A"),
    ],
)  # fmt: skip
def test_what_a_cell_may_hold(
    tmp_path: Path, changes: dict[str, Any], attribute: str, expected: object
) -> None:
    assert getattr(_one(tmp_path, **changes), attribute) == expected


def test_a_suppressed_row_has_no_date(tmp_path: Path) -> None:
    entry = _one(
        tmp_path,
        range_upper="",
        range_upper_unit="",
        range_lower="",
        range_lower_unit="",
        service_request_date="",
    )
    assert (entry.suppressed, entry.usable, entry.upper, entry.lower) == (True, False, None, None)


# --- what it refuses ----------------------------------------------------------------------------

ROW = "2024-10-30.db:processing_time row 1"


@pytest.mark.parametrize(
    ("changes", "column", "problem", "value"),
    [
        ({"range_upper": -1.0}, "range_upper", "is negative", -1.0),
        # text that looks like a number is stored as a number (the column's REAL affinity)
        ({"range_upper": "-1"}, "range_upper", "is negative", -1.0),
        ({"range_upper": "1e4"}, "range_upper", "is too large to be a processing time", 1e4),
        ({"range_upper": "abc"}, "range_upper", "is not a number", "abc"),
        ({"range_upper": "29.5 months"}, "range_upper", "is not a number", "29.5 months"),
        ({"range_upper": b"\x00\x01"}, "range_upper", "is not a number", "<blob of 2 bytes>"),
        ({"range_upper": float("inf")}, "range_upper", "is not finite", float("inf")),
        ({"range_upper": 1200.5}, "range_upper", "is too large to be a processing time", 1200.5),
        ({"range_upper": 10**15}, "range_upper", "is too large to be a processing time", 10**15),
        ({"range_upper_unit": "Days"}, "range_upper_unit", "is not a known unit", "Days"),
        ({"range_upper_unit": None}, "range_upper_unit", "is missing while its value is given",
         None),
        ({"range_upper": None}, "range_upper", "is missing while its unit is given", None),
        ({"range_upper": ""}, "range_upper", "is missing while its unit is given", ""),
        ({"service_request_date": "February 30, 2021"}, "service_request_date",
         "is not a real date", "February 30, 2021"),
        ({"service_request_date": "2021-02-30"}, "service_request_date", "is not a real date",
         "2021-02-30"),
        ({"service_request_date": "30/06/2023"}, "service_request_date", "is not a date",
         "30/06/2023"),
        # a number in a TEXT column is stored as text (its affinity)
        ({"publication_date": 20241018}, "publication_date", "is not a date", "20241018"),
        ({"publication_date": b"x"}, "publication_date", "is not text", "<blob of 1 bytes>"),
        # a snapshot holds no date after the day it was fetched (its name: 2024-10-30)
        ({"publication_date": "October 31, 2024"}, "publication_date",
         "is after the day the snapshot was fetched", D(2024, 10, 31)),
        ({"service_request_date": "2024-10-31"}, "service_request_date",
         "is after the day the snapshot was fetched", D(2024, 10, 31)),
        ({"form_name": None}, "form_name", "is missing", None),
        ({"form_name": 400}, "form_name", "is not a form number", "400"),
        ({"form_name": b"N-400"}, "form_name", "is not text", "<blob of 5 bytes>"),
        ({"form_name": "Form 400"}, "form_name", "is not a form number", "Form 400"),
        ({"office_code": "ZZZ"}, "office_code", "is not a USCIS office code or name", "ZZZ"),
        ({"office_code": ""}, "office_code", "is missing", None),
        ({"form_subtype": "NA"}, "form_subtype", "is missing", None),
        ({"form_subtype": b"160A"}, "form_subtype", "is not text", "<blob of 4 bytes>"),
        ({"form_subtype": "x" * 101}, "form_subtype", "must be a non-empty string, not too long",
         "x" * 101),
        ({"subtype_info_en": "y" * 501}, "subtype_info_en",
         "must be a non-empty string, not too long", "y" * 501),
    ],
)  # fmt: skip
def test_a_bad_cell_names_the_file_the_row_and_the_column(
    tmp_path: Path, changes: dict[str, Any], column: str, problem: str, value: object
) -> None:
    with pytest.raises(InvalidData) as caught:
        _one(tmp_path, **changes)
    error = caught.value
    assert (error.field, error.problem) == (f"{tmp_path / ROW}: {column}", problem)
    if value is not None:
        assert error.value == value


def test_the_first_schema_names_its_own_unit_column(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, FIRST_COLUMNS)
    row = {k: v for k, v in _row().items() if not k.endswith("_unit")}
    insert(path, [{**row, "range_unit": "Fortnights"}])
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    assert (caught.value.field, caught.value.problem) == (
        f"{tmp_path / ROW}: range_unit",
        "is not a known unit",
    )


def test_an_error_names_the_row_it_is_in(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row(), _row(office_code="HIA"), _row(office_code="KND", range_lower=-2)])
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    assert caught.value.field == f"{path}:processing_time row 3: range_lower"


def test_the_same_category_twice_with_other_figures(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row(), _row(service_request_date="July 01, 2023")])
    with pytest.raises(InvalidData, match="published twice with different figures"):
        load_processing_times(path)
    # The same row twice is one entry (as the CSV's verbatim repeat is).
    path.unlink()
    create_table(path, key=False)
    insert(path, [_row(), _row()])
    assert len(load_processing_times(path)) == 1


def _refused(path: Path | str, problem: str, *, field: str | None = None) -> InvalidData:
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    error = caught.value
    assert (error.field, error.problem) == (field or str(path), problem)
    assert not isinstance(error, sqlite3.Error)
    return error


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    path.write_text("form_name,office_code\nN-400,MIA\n", encoding="utf-8")
    _refused(path, "is not a SQLite database")
    path.write_bytes(b"")
    _refused(path, "is empty")
    path.write_bytes(b"SQLite format 3")  # the header cut short
    _refused(path, "is not a SQLite database")


def test_a_damaged_file(archive: Path, tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    whole = archive.read_bytes()
    path.write_bytes(whole[:100] + b"\xff" * (len(whole) - 100))
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    error = caught.value
    assert error.field == str(path)
    assert error.problem.startswith("cannot be read as a SQLite archive (")
    assert error.expected == "a SQLite archive with a table processing_time"
    path.write_bytes(whole[: len(whole) // 2])  # cut in the middle
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    assert caught.value.field == str(path)
    assert caught.value.problem.startswith("cannot be read as a SQLite archive (")


def test_a_database_without_the_table(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    with _connected(path) as connection:
        connection.execute("CREATE TABLE sqlar(name TEXT, data BLOB)")
        connection.execute("CREATE TABLE forms(name TEXT)")
    error = _refused(path, "has no table processing_time (its tables: 'forms', 'sqlar')")
    assert error.expected == "the daily archive of processing times, with a table processing_time"
    empty = tmp_path / "2024-10-31.db"
    with _connected(empty) as connection:
        connection.execute("PRAGMA user_version = 1")  # a database with no table
    _refused(empty, "has no table processing_time (no table)")


def test_processing_time_as_a_view_is_refused(archive: Path, tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    with _connected(path) as connection:
        connection.execute(f"ATTACH DATABASE '{archive}' AS other")
        connection.execute("CREATE TABLE t AS SELECT * FROM other.processing_time")
        connection.execute("CREATE VIEW processing_time AS SELECT * FROM t")
    _refused(path, "has processing_time as a view, not a table")


@pytest.mark.parametrize(
    ("left_out", "missing"),
    [
        (("service_request_date",), "service_request_date"),
        (("form_name", "form_subtype"), "form_name, form_subtype"),
        (("range_upper_unit", "range_lower_unit"), "range_upper_unit, range_lower_unit"),
        (("range_lower_unit",), "range_lower_unit"),
    ],
)
def test_missing_columns(tmp_path: Path, left_out: tuple[str, ...], missing: str) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, [c for c in PUBLISHED_COLUMNS if c[0] not in left_out], key=False)
    error = _refused(path, f"lacks the column(s) {missing}", field=f"{path}:processing_time")
    assert error.expected is not None
    assert "create-processing-time-table.sql" in error.expected


def test_column_names_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, [(n.upper(), t) for n, t in PUBLISHED_COLUMNS], key=False)
    insert(path, [{k.upper(): v for k, v in _row().items()}])
    assert load_processing_times(path).case_inquiry_date("N-400", "MIA", as_of=D(2024, 11, 1)) == D(
        2023, 6, 30
    )
    path.write_bytes(b"")
    path.unlink()
    create_table(path, key=False)
    insert(path, [_row(range_upper="x")])
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    assert caught.value.field.endswith(": range_upper")  # type: ignore[union-attr]


def test_paths_that_are_not_archives(tmp_path: Path) -> None:
    folder = tmp_path / "2024-10-30.db"
    folder.mkdir()
    _refused(folder, "is a folder")
    _refused(f"{folder}/", "is a folder", field=f"{folder}/")
    missing = tmp_path / "2024-10-31.db"
    _refused(missing, "does not exist")
    fifo = tmp_path / "2024-11-01.db"
    os.mkfifo(fifo)
    _refused(fifo, "is not a regular file (a FIFO, a device or a socket)")
    with pytest.raises(InvalidValue):
        load_processing_times(folder, fetched_on="2024-10-30")  # type: ignore[arg-type]


def test_other_names_are_refused(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "2024-10-30.sqlite2"
    copy.write_bytes(archive.read_bytes())
    error = _refused(
        copy, "is neither a .json file, a .csv file, a SQLite archive (.db) nor a folder"
    )
    assert error.expected is not None
    assert ".db, .sqlite, .sqlite3" in error.expected


def test_a_path_with_uri_characters(archive: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a?b#c%20d&mode=rw"
    folder.mkdir()
    copy = folder / "x?mode=rwc#%41-2024-10-30.db"
    copy.write_bytes(archive.read_bytes())
    assert len(load_processing_times(copy)) == len(load_processing_times(archive))
    assert not (folder / "x").exists()
    assert sorted(p.name for p in folder.iterdir()) == [copy.name]


def test_reading_changes_nothing_and_needs_no_write_access(archive: Path, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    copy = folder / "2024-10-30.db"
    copy.write_bytes(archive.read_bytes())
    before = copy.read_bytes(), copy.stat().st_mtime_ns
    copy.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert len(load_processing_times(copy)) == len(load_processing_times(archive))
        assert sorted(p.name for p in folder.iterdir()) == ["2024-10-30.db"]  # no journal left
    finally:
        folder.chmod(stat.S_IRWXU)
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_a_database_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row()])
    with _connected(path) as connection:
        assert connection.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    assert path.read_bytes()[18:20] == b"\x02\x02"
    assert len(load_processing_times(path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # nothing left beside it
    # A writer still open: the committed rows in its -wal file are read too.
    writer = sqlite3.connect(path)
    try:
        writer.execute(
            "INSERT INTO processing_time (form_name, office_code, form_subtype, "
            "publication_date, range_upper, range_lower, service_request_date) "
            "VALUES ('N-400', 'HIA', '160A', NULL, NULL, NULL, 'May 01, 2023')"
        )
        writer.commit()
        assert (tmp_path / f"{path.name}-wal").exists()
        table = load_processing_times(path)
        assert table.case_inquiry_date("N-400", "HIA", as_of=D(2024, 10, 30)) == D(2023, 5, 1)
    finally:
        writer.close()


# --- bounds -------------------------------------------------------------------------------------


def test_a_file_larger_than_the_limit(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = archive.stat().st_size
    monkeypatch.setattr(sqlite_archive, "MAX_ARCHIVE_BYTES", size - 1)
    error = _refused(archive, f"is larger than {size - 1} bytes")
    assert error.expected == f"an archive of at most MAX_ARCHIVE_BYTES = {size - 1} bytes"
    monkeypatch.setattr(sqlite_archive, "MAX_ARCHIVE_BYTES", size)
    assert len(load_processing_times(archive)) > 100


def test_the_default_limits() -> None:
    assert sqlite_archive.MAX_ARCHIVE_BYTES == 64 * 1024 * 1024
    assert sqlite_archive.MAX_ARCHIVE_ROWS == 200_000
    assert sqlite_archive.MAX_CELL_CHARS == 100_000


def test_more_rows_than_the_limit(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = len(load_processing_times(archive))
    monkeypatch.setattr(sqlite_archive, "MAX_ARCHIVE_ROWS", rows - 1)
    _refused(archive, f"has more than {rows - 1} rows", field=f"{archive}:processing_time")
    monkeypatch.setattr(sqlite_archive, "MAX_ARCHIVE_ROWS", rows)
    assert len(load_processing_times(archive)) == rows


def test_a_cell_longer_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row(subtype_note_en="z" * (sqlite_archive.MAX_CELL_CHARS + 1))])
    # Not a column read, so never handed over: read.
    assert len(load_processing_times(path)) == 1
    path.unlink()
    create_table(path, key=False)
    insert(path, [_row(subtype_info_en="z" * (sqlite_archive.MAX_CELL_CHARS + 1))])
    _refused(path, f"holds a value longer than {sqlite_archive.MAX_CELL_CHARS} characters")


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path, key=False)
    insert(path, [_row()])
    with _connected(path) as connection:
        connection.execute("UPDATE processing_time SET subtype_info_en = CAST(x'ff41' AS TEXT)")
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    assert caught.value.field == str(path)
    assert caught.value.problem.startswith("holds text that is not valid UTF-8 (")
    assert "subtype_info_en" in caught.value.problem


def test_a_query_that_runs_too_long(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_archive, "_STEP", 100)
    monkeypatch.setattr(sqlite_archive, "_MAX_STEPS", 0)
    _refused(archive, "takes too long to read")


# --- loaded only when read ----------------------------------------------------------------------


def test_sqlite3_is_imported_only_when_an_archive_is_read(archive: Path) -> None:
    code = (
        "import sys, infopass_rules as ir\n"
        "ir.load_processing_times(sys.argv[1])\n"
        "before = 'sqlite3' in sys.modules\n"
        "ir.load_processing_times(sys.argv[2])\n"
        "print(before, 'sqlite3' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(PT_CSV), str(archive)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["False", "True"]


def test_the_docket_command_takes_an_archive(archive: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "infopass_rules",
            "docket",
            "--as-of",
            "2024-11-04",
            "--processing-times",
            str(archive),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("receipt_number,")
    bad = archive.parent / "2024-10-31.db"
    bad.write_text("not a database", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "infopass_rules", "docket", "--processing-times", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "is not a SQLite database" in run.stderr
    assert "Traceback" not in run.stderr


def test_an_empty_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-30.db"
    create_table(path)
    error = _refused(path, "holds no rows", field=f"{path}:processing_time")
    assert error.expected == "a day's processing times"
