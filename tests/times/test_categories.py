"""One category, three names, every format: the CSV's code (``131A-FAM``), the JSON answers'
``form_type`` (``I-485 Family``) and the published description ("Family-Based adjustment
applications") name one category in a JSON folder, in the CSV and in their merge (the SQLite
archive: tests/times/test_sqlite_archive.py).

The table of names is ``infopass_rules/times/categories.csv``; it is rebuilt here from the raw
files (``tests/times/category_rows.py``) and must be what the data gives."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import attrs
import pytest

from infopass_rules.errors import InvalidData, MissingFact
from infopass_rules.times import categories
from infopass_rules.times.categories import (
    CategoryNames,
    all_category_names,
    find_category,
    names_of_category,
)
from infopass_rules.times.published import PublishedTime, fold_category
from infopass_rules.times.table import ProcessingTimes, load_processing_times
from tests.helpers import FULL_DATA, PT_CSV, PT_FOLDER
from tests.times.category_rows import COLUMNS, derive_rows, render, shipped_rows

D = dt.date


def _shipped_text() -> str:
    return resources.files("infopass_rules.times").joinpath(categories.DATA_FILE).read_text("utf-8")


@cache
def _tables(folder: Path, csv_path: Path) -> tuple[ProcessingTimes, ProcessingTimes]:
    return load_processing_times(folder), load_processing_times(csv_path)


# --- the table is what the data gives --------------------------------------------------------


def test_the_shipped_table_is_rebuilt_from_the_data() -> None:
    shipped = shipped_rows(_shipped_text())
    derived = derive_rows(PT_FOLDER, PT_CSV)
    if FULL_DATA:
        assert derived == shipped
        assert _shipped_text().endswith(render(derived))  # and written as the builder writes
        return
    # The slice in tests/data: every row it gives is the shipped row of that code, or a part
    # of it (a category the slice has in one format only).
    by_code = {(row["form"], row["code"]): row for row in shipped}
    assert len(derived) >= 60
    for row in derived:
        full = by_code[(row["form"], row["code"])]
        assert row["form_type"] in ("", full["form_type"])
        names = {full["description"], *full["other_descriptions"].split(" | ")}
        assert row["description"] in names


def test_the_file_says_where_it_comes_from() -> None:
    note = [line for line in _shipped_text().splitlines() if line.startswith("#")]
    text = " ".join(line.lstrip("# ") for line in note)
    for needed in (
        "2022-02-19..2022-05-03",
        "ajduberstein/uscis-wait-times",
        "published 2024-10-18, fetched 2024-10-30",
        "coatless-r-n-d/uscis-processing",
        "tests/times/category_rows.py",
        "I-485 All Other = 131A-HRIFA",
    ):
        assert needed in text, needed
    assert shipped_rows(_shipped_text())[0].keys() == set(COLUMNS)


def test_no_name_names_two_categories_of_a_form() -> None:
    owner: dict[tuple[str, str], str] = {}
    for category in all_category_names():
        assert category.names[0] == category.code
        for name in category.names:
            key = (category.form, fold_category(name))
            assert owner.setdefault(key, category.code) == category.code, key
    assert len(all_category_names()) == 146 if FULL_DATA else len(all_category_names()) > 100


def test_the_i485_and_i90_categories() -> None:
    """Where the JSON's form_type is not the code, each row in full."""
    rows = {
        (c.form, c.code): (c.form_type, c.description, c.other_descriptions)
        for c in all_category_names()
        if c.form in ("I-485", "I-90")
    }
    assert rows == {
        ("I-485", "131A"): ("I-485 Employment", "Employment-Based adjustment applications", ()),
        ("I-485", "131A-FAM"): ("I-485 Family", "Family-Based adjustment applications", ()),
        ("I-485", "131A-HRIFA"): (
            "I-485 All Other",
            "All other applications",
            (
                "Under HRIFA, Indochinese Adjustment Act, Legal Immigration and Family Equity "
                "Act, or NACARA",
            ),
        ),
        ("I-485", "131B"): ("I-485 Asylee", "Based on grant of asylum more than 1 year ago", ()),
        ("I-485", "131C"): ("I-485 Refugee", "Based on refugee admission more than 1 year ago", ()),
        ("I-485", "131T"): ("I-485 Tvisa", "Based on an approved T Visa", ()),
        ("I-485", "131U"): ("I-485 Uvisa", "Based on an approved U Visa", ()),
        ("I-90", "140A"): ("I-90 Replacement", "Initial issuance or replacement", ()),
        ("I-90", "140B"): ("I-90 Renewal", "10-year renewal", ()),
    }


# --- the module --------------------------------------------------------------------------------

FAMILY = CategoryNames(
    form="I-485",
    code="131A-FAM",
    form_type="I-485 Family",
    description="Family-Based adjustment applications",
)


@pytest.mark.parametrize(
    "name",
    [
        "131A-FAM",
        "131a-fam",
        " 131A-FAM ",
        "I-485 Family",
        "i-485   FAMILY",
        "Family-Based adjustment applications",
        "FAMILY-BASED ADJUSTMENT APPLICATIONS",
    ],
)
def test_find_a_category_by_any_name(name: str) -> None:
    assert find_category("I-485", name) == FAMILY
    assert FAMILY.names == (
        "131A-FAM",
        "I-485 Family",
        "Family-Based adjustment applications",
    )


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("I-485", "131A-FAMILY"),  # no partial match
        ("I-485", "Family"),
        ("I-130", "131A-FAM"),  # a name of another form's category
        ("N-400", "I-485 Family"),
        ("I-485", ""),
    ],
)
def test_a_name_of_no_category(form: str, name: str) -> None:
    assert find_category(form, name) is None
    assert names_of_category(form, [name]) == ()


def test_the_names_of_a_category() -> None:
    # A code whose form_type is itself, with two wordings of its description.
    h2a = find_category("I-129", "H-2A - Temporary workers")  # the 2022 wording
    assert h2a is not None
    assert h2a.names == (
        "137-H2A",
        "H-2A - Temporary agricultural workers",
        "H-2A - Temporary workers",
    )
    # A category seen in the CSV only has no form_type.
    k = find_category("I-129F", "134A-K")
    assert k is not None
    assert (k.form_type, k.names) == (
        None,
        ("134A-K", "K1/K2/K3/K4 - Fiance(e) or spouse and/or dependent children"),
    )
    assert names_of_category("I-485", ["I-485 Employment", "x", "131a-fam", "131A"]) == (
        "131A",
        "I-485 Employment",
        "Employment-Based adjustment applications",
        "131A-FAM",
        "I-485 Family",
        "Family-Based adjustment applications",
    )


def test_the_file_is_read_on_first_use_only() -> None:
    code = (
        "import sys, infopass_rules as ir\n"
        "from infopass_rules.times import categories\n"
        "before = categories._load.cache_info().currsize\n"
        "ir.load_processing_times(sys.argv[1])\n"
        "print(before, categories._load.cache_info().currsize, 'csv' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(PT_FOLDER)], capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == ["0", "1", "True"]


# --- one category in every format --------------------------------------------------------------

NAMES = ["131A-FAM", "I-485 Family", "Family-Based adjustment applications", "i-485 FAMILY"]


@pytest.mark.parametrize("name", NAMES)
def test_the_json_folder_takes_every_name(name: str) -> None:
    json_table, _ = _tables(PT_FOLDER, PT_CSV)
    assert json_table.categories("I-485", "MIA") == ("I-485 Employment", "I-485 Family")
    day = D(2022, 5, 3)
    assert json_table.case_inquiry_date("I-485", "MIA", category=name, as_of=day) == D(2019, 12, 1)
    # The day of a snapshot, and the first day of the next (March 14 and 15, 2022).
    for as_of, expected in ((D(2022, 3, 14), D(2019, 9, 29)), (D(2022, 3, 15), D(2019, 10, 13))):
        found = json_table.case_inquiry_date("I-485", "MIA", category=name, as_of=as_of)
        assert found == expected
    entry = json_table.lookup("I-485", "MIA", category=name, as_of=day)
    assert entry is not None
    assert entry.category == "I-485 Family"


@pytest.mark.parametrize("name", NAMES)
def test_the_csv_takes_every_name(name: str) -> None:
    _, csv_table = _tables(PT_FOLDER, PT_CSV)
    day = D(2024, 10, 30)
    assert csv_table.case_inquiry_date("I-485", "MIA", category=name, as_of=day) == D(2020, 10, 7)
    assert csv_table.case_inquiry_date("I-485", "MIA", category=name, as_of=day - D.resolution) is (
        None
    )


def test_the_employment_category_in_both_formats() -> None:
    json_table, csv_table = _tables(PT_FOLDER, PT_CSV)
    early, late = D(2022, 3, 1), D(2024, 10, 30)
    for name in ("131A", "I-485 Employment", "Employment-Based Adjustment Applications"):
        assert json_table.case_inquiry_date("I-485", "MIA", category=name, as_of=early) == D(
            2019, 9, 28
        )
        assert csv_table.case_inquiry_date("I-485", "MIA", category=name, as_of=late) == D(
            2020, 9, 21
        )


def test_every_name_of_every_category_in_both_formats() -> None:
    """Over the real data: wherever a form's category is published, every name the table gives
    it finds that very category, in the JSON folder and in the CSV."""
    json_table, csv_table = _tables(PT_FOLDER, PT_CSV)
    checked = 0
    for table in (json_table, csv_table):
        for entry in table:
            category = find_category(entry.form, entry.category)
            assert category is not None, (entry.form, entry.category)
            for name in category.names:
                found = table.lookup(
                    entry.form, entry.office, category=name, as_of=entry.fetched_on
                )
                assert found == entry, (entry.form, entry.office, entry.category, name)
                checked += 1
    assert checked > (4_000 if FULL_DATA else 500)


def test_the_judged_category_is_one_series_when_merged() -> None:
    # I-485 All Other (JSON, 2022) and 131A-HRIFA (CSV, 2024): no description ties them.
    office, late = "NBC", D(2024, 10, 30)
    all_other = attrs.evolve(
        _entry("I-485 All Other", D(2022, 5, 3), D(2021, 1, 5)),
        office=office,
        description="Under HRIFA, Indochinese Adjustment Act, Legal Immigration and Family "
        "Equity Act, or NACARA",
    )
    hrifa = attrs.evolve(
        _entry("131A-HRIFA", late, D(2023, 2, 1)),
        office=office,
        description="All other applications",
    )
    for entries in ([all_other, hrifa], [hrifa, all_other]):
        table = ProcessingTimes(entries)
        assert table.categories("I-485", office) == ("131A-HRIFA",)
        for name in ("I-485 All Other", "131A-HRIFA", "all other applications"):
            assert table.lookup("I-485", office, category=name, as_of=D(2022, 5, 3)) == all_other
            assert table.lookup("I-485", office, category=name, as_of=late) == hrifa


def _entry(category: str, fetched: dt.date, inquiry: dt.date) -> PublishedTime:
    return PublishedTime(
        form="I-485",
        office="MIA",
        category=category,
        fetched_on=fetched,
        published_on=None,
        case_inquiry_date=inquiry,
        upper=None,
        lower=None,
        suppressed=False,
        origin="hand-built",
    )


def test_a_hand_built_table_without_descriptions_takes_every_name() -> None:
    table = ProcessingTimes([_entry("I-485 Family", D(2022, 5, 3), D(2019, 12, 1))])
    assert table.categories("I-485", "MIA") == ("I-485 Family",)
    for name in NAMES:
        assert table.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2022, 5, 3)) == D(
            2019, 12, 1
        )


def test_a_category_the_table_does_not_know_is_matched_by_its_own_name_only() -> None:
    table = ProcessingTimes([_entry("I-485 Diversity", D(2022, 5, 3), D(2019, 12, 1))])
    assert table.case_inquiry_date(
        "I-485", "MIA", category="i-485 diversity", as_of=D(2022, 5, 3)
    ) == D(2019, 12, 1)
    with pytest.raises(MissingFact):
        table.lookup("I-485", "MIA", category="131A-FAM", as_of=D(2022, 5, 3))


def test_two_names_of_one_category_on_one_day_with_other_figures_are_refused() -> None:
    family = _entry("I-485 Family", D(2022, 5, 3), D(2019, 12, 1))
    code = attrs.evolve(family, category="131A-FAM", case_inquiry_date=D(2019, 12, 2))
    with pytest.raises(InvalidData) as caught:
        ProcessingTimes([family, code])
    assert caught.value.problem == (
        "is published twice with different figures (hand-built and hand-built)"
    )


def test_the_error_lists_the_categories_readably() -> None:
    json_table, csv_table = _tables(PT_FOLDER, PT_CSV)
    with pytest.raises(MissingFact) as caught:
        json_table.lookup("I-485", "MIA", category="Family", as_of=D(2022, 5, 3))
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "category",
        "is not a category of I-485 at MIA",
        "Family",
        "one of 'I-485 Employment', 'I-485 Family'",
    )
    with pytest.raises(MissingFact) as caught:
        csv_table.lookup("I-485", "MIA", as_of=D(2024, 10, 30))
    assert caught.value.expected == "one of '131A', '131A-FAM'"
