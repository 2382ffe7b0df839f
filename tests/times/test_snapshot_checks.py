"""A snapshot's sanity, and errors that stay short however large the table.

P1 (hardening, third round): a snapshot holds nothing dated after the day it was fetched. A
publication date or a receipt date for a case inquiry after the fetch date is refused: an
InvalidValue naming the field for an entry built by hand, an InvalidData naming the file and the
CSV line or JSON path when a file holds it. The real data never does (checked here too).

P4: a table of 20,000 categories at one office once made a "category is needed" message of
349,000 characters; every "one of ..." list in an error now shows at most
:data:`~infopass_rules.facts.validate.LISTED_IN_ERRORS` names and counts the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from infopass_rules.errors import InvalidData, InvalidValue, MissingFact
from infopass_rules.facts.validate import LISTED_IN_ERRORS, one_of
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes, load_processing_times
from tests.helpers import PT_FOLDER

D = dt.date
FETCHED = D(2024, 10, 30)
TESTS_DATA = Path(__file__).parent.parent / "data"
CSV_SAMPLE = TESTS_DATA / "uscis-processing-times-2024-10-30.csv"


def _entry(**changes: Any) -> PublishedTime:
    fields: dict[str, Any] = {
        "form": "I-485",
        "office": "MIA",
        "category": "I-485 Family",
        "fetched_on": FETCHED,
        "published_on": D(2024, 10, 18),
        "case_inquiry_date": D(2023, 4, 1),
        "upper": None,
        "lower": None,
        "suppressed": False,
        "origin": "test",
        **changes,
    }
    return PublishedTime(**fields)


# --- P1: nothing after the fetch date -----------------------------------------------------------


@pytest.mark.parametrize("field", ["published_on", "case_inquiry_date"])
@pytest.mark.parametrize("day", [D(2024, 10, 31), D(2029, 6, 1), D(2030, 1, 1)])
def test_a_date_after_the_fetch_date_is_refused(field: str, day: dt.date) -> None:
    with pytest.raises(InvalidValue) as caught:
        _entry(**{field: day})
    error = caught.value
    assert (error.field, error.problem, error.value) == (
        field,
        "is after the day the snapshot was fetched",
        day,
    )
    assert error.expected == "a date on or before its fetch date 2024-10-30"


@pytest.mark.parametrize("field", ["published_on", "case_inquiry_date"])
def test_a_date_on_the_fetch_date_is_accepted(field: str) -> None:
    assert getattr(_entry(**{field: FETCHED}), field) == FETCHED


def test_no_date_is_no_date_after_the_fetch() -> None:
    entry = _entry(published_on=None, case_inquiry_date=None, suppressed=True)
    assert (entry.published_on, entry.case_inquiry_date) == (None, None)


def test_evolve_checks_the_dates_again() -> None:
    with pytest.raises(InvalidValue, match="published_on"):
        attrs.evolve(_entry(), fetched_on=D(2024, 10, 1))


def test_the_real_data_has_no_date_after_its_fetch() -> None:
    # Publication 1 to 45 days before the fetch, case-inquiry dates 15 days or more: none is
    # refused, and none comes near the check.
    for path in (PT_FOLDER, CSV_SAMPLE):
        table = load_processing_times(path)
        assert len(table) > 100
        for entry in table:
            assert entry.published_on is None or entry.published_on < entry.fetched_on
            assert entry.case_inquiry_date is None or entry.case_inquiry_date < entry.fetched_on


def _csv_with(tmp_path: Path, column: str, text: str) -> Path:
    """The sample's header and first row, then that row again with ``column`` set to ``text``
    (line 3)."""
    with CSV_SAMPLE.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header, row = next(reader), next(reader)
    bad = list(row)
    bad[header.index(column)] = text
    path = tmp_path / "uscis-processing-times-2024-10-30.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, row, bad])
    return path


@pytest.mark.parametrize(
    ("column", "text", "field"),
    [
        ("publication_date", "January 02, 2030", "published_on"),
        ("service_request_date", "March 01, 2029", "case_inquiry_date"),
    ],
)
def test_a_csv_row_dated_after_its_fetch_is_invalid_data_naming_the_line(
    tmp_path: Path, column: str, text: str, field: str
) -> None:
    path = _csv_with(tmp_path, column, text)
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    error = caught.value
    assert error.field == f"{path}:line 3: {field}"
    assert "after the day the snapshot was fetched" in str(error)
    assert "2024-10-30" in str(error)


def test_a_fetch_date_given_before_the_publication_is_refused(tmp_path: Path) -> None:
    # The file's own name says 2024-10-30; a fetched_on= before its publication (2024-10-18)
    # cannot be the day it was fetched.
    with pytest.raises(InvalidData, match="after the day the snapshot was fetched"):
        load_processing_times(CSV_SAMPLE, fetched_on=D(2024, 10, 1))
    assert len(load_processing_times(CSV_SAMPLE, fetched_on=D(2024, 10, 18))) > 100


@pytest.mark.parametrize(
    ("key", "text", "names"),
    [
        # The JSON reader names the subtype's key, or the entry's field where it has no key
        # of its own for it.
        ("publication_date", "January 02, 2030", ("publication_date", "published_on")),
        ("service_request_date", "March 01, 2029", ("service_request_date",)),
    ],
)
def test_a_json_subtype_dated_after_its_fetch_is_invalid_data_naming_the_path(
    tmp_path: Path, key: str, text: str, names: tuple[str, ...]
) -> None:
    source = PT_FOLDER / "I-485" / "MIA" / "2022-05-03.json"
    doc = json.loads(source.read_text("utf-8"))
    doc["data"]["processing_time"]["subtypes"][0][key] = text
    path = tmp_path / "2022-05-03.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InvalidData) as caught:
        load_processing_times(path)
    error = caught.value
    assert error.field in {f"{path}: $.data.processing_time.subtypes[0].{n}" for n in names}
    assert "after the day the snapshot was fetched" in str(error)


# --- P4: bounded lists ---------------------------------------------------------------------------


def _table(count: int) -> ProcessingTimes:
    return ProcessingTimes(
        _entry(category=f"C{i:05d}", origin=f"row {i}", case_inquiry_date=None, suppressed=True)
        for i in range(count)
    )


@pytest.fixture(scope="module")
def huge() -> ProcessingTimes:
    return _table(20_000)


def test_a_needed_category_names_a_bounded_list(huge: ProcessingTimes) -> None:
    with pytest.raises(MissingFact) as caught:
        huge.lookup("I-485", "MIA", as_of=FETCHED)
    message = str(caught.value)
    assert len(message) < 1_000
    assert "published in 20000 categories" in message
    assert message.endswith(", 'C00019', ... and 19,980 more")
    assert caught.value.expected is not None
    assert caught.value.expected.count("'C") == LISTED_IN_ERRORS


def test_an_unknown_category_names_a_bounded_list(huge: ProcessingTimes) -> None:
    with pytest.raises(MissingFact) as caught:
        huge.outside_since(
            "I-485", "MIA", category="nope", received_on=D(2020, 1, 1), as_of=FETCHED
        )
    message = str(caught.value)
    assert len(message) < 1_000
    assert message.endswith("... and 19,980 more")
    assert caught.value.value == "nope"


@pytest.mark.parametrize(
    ("count", "tail"),
    [(2, "'C00000', 'C00001'"), (20, "'C00018', 'C00019'"), (21, "'C00019', ... and 1 more")],
)
def test_a_list_up_to_the_limit_is_whole(count: int, tail: str) -> None:
    with pytest.raises(MissingFact) as caught:
        _table(count).lookup("I-485", "MIA", as_of=FETCHED)
    assert str(caught.value).endswith(tail)
    assert "... and" in str(caught.value) or count <= LISTED_IN_ERRORS


def test_one_of_counts_what_it_leaves_out() -> None:
    assert one_of([]) == "one of "
    assert one_of(["a"]) == "one of a"
    assert one_of(["a", "b", "c"], limit=2) == "one of a, b, ... and 1 more"
    assert one_of((str(i) for i in range(1_000_002)), limit=1) == (
        "one of 0, ... and 1,000,001 more"
    )
    names = [f"n{i}" for i in range(LISTED_IN_ERRORS)]
    assert one_of(names) == "one of " + ", ".join(names)
