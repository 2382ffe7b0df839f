"""Processing times (MIA-ELIGIBLE's "outside normal processing times") over the real USCIS data.

The real answers live beside the repository, in ``../shared/data`` (read-only). Expected values
are parsed here independently of the loader, with ``json`` and ``datetime.strptime``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pickle
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

from infopass_rules.errors import InvalidData, InvalidValue, MissingFact, UnknownOffice
from infopass_rules.sources.rulebook import Authority
from infopass_rules.times.table import (
    FRACTIONAL_MONTH_DAYS,
    Duration,
    OutsideFinding,
    ProcessingTimes,
    PublishedTime,
    load_processing_times,
)
from tests.helpers import SHARED_DATA

DATA = SHARED_DATA
FOLDER = DATA / "uscis-processing-times"
CSV = DATA / "uscis-processing-times-2024-10-30.csv"
FILES = sorted(FOLDER.glob("*/*/*.json")) if FOLDER.is_dir() else []
MIAMI_DISTRICT = ("MIA", "HIA", "KND", "OKL", "WPB")

pytestmark = pytest.mark.skipif(not FILES, reason=f"real data not found in {FOLDER}")


def _us_date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%B %d, %Y").date() if text else None


@cache
def _published(path: Path) -> list[dict[str, Any]]:
    """The subtypes of one real file, parsed without the library."""
    doc = json.loads(path.read_text("utf-8"))
    return list(doc["data"]["processing_time"]["subtypes"])


def _fetch_date(path: Path) -> dt.date:
    return dt.date.fromisoformat(path.stem)


@pytest.fixture(scope="module")
def table() -> ProcessingTimes:
    return load_processing_times(FOLDER)


# --- every real file ------------------------------------------------------------------------------


def test_the_folder_loads_every_file_and_subtype(table: ProcessingTimes) -> None:
    assert len(table) == sum(len(_published(p)) for p in FILES)
    assert {e.origin for e in table} == {p.relative_to(FOLDER).as_posix() for p in FILES}
    assert set(table.forms()) == {p.parts[-3] for p in FILES}
    assert repr(table) == (
        f"<ProcessingTimes: {len(table)} entries, {len(table.forms())} forms, "
        f"{len(table.offices())} offices, fetched 2022-02-19..2022-05-03>"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(FOLDER).as_posix())
def test_each_file_gives_exactly_the_published_case_inquiry_dates(
    path: Path, table: ProcessingTimes
) -> None:
    alone = {e.category: e for e in load_processing_times(path)}
    form, office = path.parts[-3], path.parts[-2]
    subtypes = _published(path)
    assert len(alone) == len(subtypes)
    for subtype in subtypes:
        category = subtype["form_type"]
        expected = _us_date(subtype["service_request_date"])
        entry = alone[category]
        assert entry.case_inquiry_date == expected
        assert entry.published_on == _us_date(subtype["publication_date"])
        assert entry.fetched_on == _fetch_date(path)
        assert entry.suppressed == (expected is None)
        # The same figure through the folder table, asked on the day the file was fetched.
        in_table = table.case_inquiry_date(form, office, category=category, as_of=entry.fetched_on)
        assert in_table == expected


def test_top_level_null_range_is_read_from_the_subtypes(table: ProcessingTimes) -> None:
    path = FOLDER / "I-129" / "CSC" / "2022-05-03.json"
    assert json.loads(path.read_text("utf-8"))["data"]["processing_time"]["range"] is None
    entries = [e for e in table if e.origin == "I-129/CSC/2022-05-03.json"]
    assert entries
    assert all(e.upper is not None for e in entries)


def _first_subtype(table: ProcessingTimes, form: str, office: str, day: dt.date) -> PublishedTime:
    """The entry of the first subtype listed in the real file of that form, office and day."""
    path = FOLDER / form / office / f"{day.isoformat()}.json"
    entry = table.lookup(form, office, category=_published(path)[0]["form_type"], as_of=day)
    assert entry is not None
    return entry


def test_range_is_upper_then_lower_in_mixed_and_singular_units(table: ProcessingTimes) -> None:
    day = dt.date(2022, 5, 3)
    h1b = _first_subtype(table, "I-129", "CSC", day)
    assert (h1b.upper, h1b.lower) == (Duration(4, "months"), Duration(5, "weeks"))
    assert _first_subtype(table, "I-129", "ESC", day).lower == Duration(1, "months")
    nbc = table.lookup("I-539", "NBC", category="139A-OTH", as_of=day)
    assert nbc is not None
    assert (nbc.upper, nbc.lower) == (Duration(2.5, "months"), Duration(1, "weeks"))


def test_suppressed_subtype_is_kept_without_a_date(table: ProcessingTimes) -> None:
    day = dt.date(2022, 5, 3)
    entry = table.lookup("I-765", "CSC", category="147-C33", as_of=day)
    assert entry is not None
    assert entry.suppressed
    assert (entry.case_inquiry_date, entry.upper, entry.lower) == (None, None, None)
    assert entry.published_on == dt.date(2022, 3, 29)
    assert table.case_inquiry_date("I-765", "CSC", category="147-C33", as_of=day) is None
    received = dt.date(2020, 1, 1)
    assert (
        table.is_outside("I-765", "CSC", category="147-C33", received_on=received, on=day) is None
    )
    finding = table.outside_since(
        "I-765", "CSC", category="147-C33", received_on=received, as_of=day
    )
    assert finding.on is None
    assert finding.entry == entry
    assert "suppressed" in finding.explanation
    assert "suppressed" in entry.citation().pinpoint
    # The other categories of the same answer keep their dates.
    assert table.case_inquiry_date("I-765", "CSC", category="147-C9", as_of=day) is not None


# --- the Miami district's daily series ------------------------------------------------------------


def _series(form: str, office: str) -> list[Path]:
    return sorted((FOLDER / form / office).glob("*.json"))


@pytest.mark.parametrize("office", MIAMI_DISTRICT)
@pytest.mark.parametrize("form", ["N-400", "I-485"])
def test_daily_series_day_by_day(table: ProcessingTimes, form: str, office: str) -> None:
    files = _series(form, office)
    by_date = {_fetch_date(p): p for p in files}
    first, last = min(by_date), max(by_date)
    assert table.snapshot_dates(form, office) == tuple(sorted(by_date))
    gaps = 0
    day = first - dt.timedelta(days=3)
    while day <= last + dt.timedelta(days=3):
        in_force = max((d for d in by_date if d <= day), default=None)
        gaps += day not in by_date and in_force is not None and day <= last
        for subtype in _published(files[0]):
            category = subtype["form_type"]
            entry = table.lookup(form, office, category=category, as_of=day)
            if in_force is None:
                assert entry is None
                assert table.case_inquiry_date(form, office, category=category, as_of=day) is None
                continue
            assert entry is not None
            assert entry.fetched_on == in_force  # a day with no file: the previous snapshot
            wanted = next(s for s in _published(by_date[in_force]) if s["form_type"] == category)
            assert entry.case_inquiry_date == _us_date(wanted["service_request_date"])
        day += dt.timedelta(days=1)
    assert gaps > 0  # the series has days without a file, so the carry-over was exercised


def test_day_before_of_and_after_the_case_inquiry_date(table: ProcessingTimes) -> None:
    on = dt.date(2022, 4, 1)
    cutoff = table.case_inquiry_date("N-400", "MIA", as_of=on)
    assert cutoff is not None
    day = dt.timedelta(days=1)
    assert table.is_outside("N-400", "MIA", received_on=cutoff - day, on=on) is True
    assert table.is_outside("N-400", "MIA", received_on=cutoff, on=on) is False
    assert table.is_outside("N-400", "MIA", received_on=cutoff + day, on=on) is False


def test_outside_since_is_the_first_snapshot_showing_the_case_outside(
    table: ProcessingTimes,
) -> None:
    received = dt.date(2020, 10, 20)
    files = _series("N-400", "MIA")
    # The first snapshot of the unbroken run, up to the last file, that shows the case outside.
    first_outside = None
    for p in files:
        if received < (_us_date(_published(p)[0]["service_request_date"]) or dt.date.min):
            first_outside = first_outside or _fetch_date(p)
        else:
            first_outside = None
    assert first_outside is not None
    finding = table.outside_since("N-400", "MIA", received_on=received, as_of=dt.date(2022, 5, 3))
    assert finding.on == first_outside
    assert finding.estimated is False
    assert finding.entry is not None
    assert finding.entry.fetched_on == first_outside
    assert finding.entry.case_inquiry_date is not None
    assert received < finding.entry.case_inquiry_date
    assert first_outside.isoformat() in finding.explanation


def test_a_backward_move_of_the_published_date_undoes_being_outside(
    table: ProcessingTimes,
) -> None:
    # N-400 at Miami: 2020-11-01 on the 2022-03-14 snapshot, then 2020-10-05 on 2022-03-15.
    before, after = dt.date(2022, 3, 14), dt.date(2022, 3, 15)
    assert table.case_inquiry_date("N-400", "MIA", as_of=before) == dt.date(2020, 11, 1)
    assert table.case_inquiry_date("N-400", "MIA", as_of=after) == dt.date(2020, 10, 5)
    received = dt.date(2020, 10, 20)
    assert table.is_outside("N-400", "MIA", received_on=received, on=after) is False
    assert table.is_outside("N-400", "MIA", received_on=received, on=before) is True
    # Outside by the snapshot of the 14th, not by the one in force on the 15th: not outside now,
    # so the first day outside is estimated again, and the explanation says the date moved back.
    finding = table.outside_since("N-400", "MIA", received_on=received, as_of=after)
    assert finding.estimated
    assert finding.on is not None
    assert finding.on > after
    assert "moved the receipt date for a case inquiry back" in finding.explanation
    assert "2022-03-14" in finding.explanation
    on_the_14th = table.outside_since("N-400", "MIA", received_on=received, as_of=before)
    assert not on_the_14th.estimated
    assert on_the_14th.on is not None
    assert on_the_14th.on <= before


def test_outside_on_the_first_snapshot_says_it_may_have_been_earlier(
    table: ProcessingTimes,
) -> None:
    finding = table.outside_since(
        "I-485",
        "MIA",
        category="I-485 Family",
        received_on=dt.date(2015, 1, 1),
        as_of=dt.date(2022, 5, 3),
    )
    assert finding.on == dt.date(2022, 2, 19)
    assert "earliest snapshot on record" in finding.explanation


def test_a_case_not_yet_outside_gets_an_estimated_date(table: ProcessingTimes) -> None:
    as_of = dt.date(2022, 5, 3)
    received = dt.date(2021, 11, 4)
    entry = table.lookup("N-400", "MIA", as_of=as_of)
    assert entry is not None
    assert entry.upper == Duration(17.5, "months")
    finding = table.outside_since("N-400", "Miami", received_on=received, as_of=as_of)
    # 17 calendar months, then half a month as ceil(0.5 * 31) = 16 days.
    expected = received + relativedelta(months=17) + dt.timedelta(days=16)
    assert FRACTIONAL_MONTH_DAYS == 31
    assert finding == OutsideFinding(expected, True, entry, finding.explanation)
    assert "17.5 months" in finding.explanation


def test_an_estimate_already_past_is_moved_after_as_of() -> None:
    entry = _entry(dt.date(2022, 1, 10), inquiry=dt.date(2021, 1, 1), upper=Duration(1, "weeks"))
    table = ProcessingTimes([entry])
    as_of = dt.date(2022, 1, 20)
    finding = table.outside_since("N-400", "MIA", received_on=dt.date(2021, 6, 1), as_of=as_of)
    assert finding.on == as_of + dt.timedelta(days=1)
    assert finding.estimated


def test_no_snapshot_yet_or_no_data_gives_no_date(table: ProcessingTimes) -> None:
    early = dt.date(2022, 1, 1)
    received = dt.date(2020, 1, 1)
    finding = table.outside_since("N-400", "MIA", received_on=received, as_of=early)
    assert (finding.on, finding.entry) == (None, None)
    assert "2022-02-19" in finding.explanation
    assert table.is_outside("N-400", "MIA", received_on=received, on=early) is None
    # A form/office pair that was never fetched.
    assert table.lookup("N-400", "EFC", as_of=dt.date(2022, 5, 3)) is None
    missing = table.outside_since("N-400", "EFC", received_on=received, as_of=dt.date(2022, 5, 3))
    assert missing.on is None
    assert "No processing times are loaded" in missing.explanation


def test_no_range_published_gives_no_estimate() -> None:
    entry = _entry(dt.date(2024, 10, 30), inquiry=dt.date(2024, 7, 17), upper=None)
    finding = ProcessingTimes([entry]).outside_since(
        "N-400", "MIA", received_on=dt.date(2024, 8, 1), as_of=dt.date(2024, 11, 1)
    )
    assert finding.on is None
    assert "no range" in finding.explanation


# --- keys and categories --------------------------------------------------------------------------


def test_forms_offices_and_categories_are_normalised(table: ProcessingTimes) -> None:
    day = dt.date(2022, 3, 1)
    exact = table.lookup("I-485", "MIA", category="I-485 Family", as_of=day)
    assert exact is not None
    assert table.lookup("i485", "Miami", category=" i-485   FAMILY ", as_of=day) == exact
    assert table.categories("I-485", "MIA") == ("I-485 Employment", "I-485 Family")
    assert table.categories("I-485", "EFC") == ()
    assert "MIA" in table.offices("N-400")
    assert len(table.offices()) >= len(table.offices("N-400"))


def test_category_may_be_omitted_only_when_there_is_one(table: ProcessingTimes) -> None:
    day = dt.date(2022, 3, 1)
    assert table.categories("N-400", "MIA") == ("160A",)
    assert table.lookup("N-400", "MIA", as_of=day) == table.lookup(
        "N-400", "MIA", category="160A", as_of=day
    )
    with pytest.raises(MissingFact, match=r"I-485 Employment.*I-485 Family") as info:
        table.lookup("I-485", "MIA", as_of=day)
    assert info.value.field == "category"
    with pytest.raises(MissingFact, match="'160A'"):
        table.lookup("N-400", "MIA", category="160B", as_of=day)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"form": "I-485", "office": "MSC", "as_of": dt.date(2022, 3, 1)}, UnknownOffice),
        ({"form": "Z", "office": "MIA", "as_of": dt.date(2022, 3, 1)}, InvalidValue),
        ({"form": None, "office": "MIA", "as_of": dt.date(2022, 3, 1)}, MissingFact),
        ({"form": "N-400", "office": "MIA", "as_of": "2022-03-01"}, InvalidValue),
        ({"form": "N-400", "office": "MIA", "as_of": dt.datetime(2022, 3, 1)}, InvalidValue),
        (
            {"form": "N-400", "office": "MIA", "as_of": dt.date(2022, 3, 1), "category": 5},
            InvalidValue,
        ),
    ],
)
def test_bad_questions_raise_typed_errors(
    table: ProcessingTimes, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    asked = dict(kwargs)  # a copy: the parameters are shared by every run of the test
    with pytest.raises(error):
        table.lookup(asked.pop("form"), asked.pop("office"), **asked)


# --- the flattened CSV ----------------------------------------------------------------------------


def test_csv_every_dated_row_matches() -> None:
    table = load_processing_times(CSV)
    fetched = dt.date(2024, 10, 30)
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    checked = 0
    for row in rows:
        entry = table.lookup(
            row["form_name"], row["office_code"], category=row["form_subtype"], as_of=fetched
        )
        assert entry is not None
        assert entry.fetched_on == fetched
        assert entry.published_on == dt.date(2024, 10, 18)
        srd = row["service_request_date"]
        if srd not in ("", "NA"):
            assert entry.case_inquiry_date == _us_date(srd)
            checked += 1
        else:
            assert entry.suppressed
            assert entry.case_inquiry_date is None
    assert checked == sum(r["service_request_date"] not in ("", "NA") for r in rows)
    # One row is repeated verbatim in the file: kept once.
    assert len(table) == len({(r["form_name"], r["office_code"], r["form_subtype"]) for r in rows})


def test_csv_na_and_line_numbers() -> None:
    table = load_processing_times(CSV)
    day = dt.date(2024, 10, 30)
    renewal = table.lookup("I-821D", "NSC", category="149-CAT", as_of=day)
    assert renewal is not None
    assert (renewal.upper, renewal.lower) == (None, None)
    assert renewal.case_inquiry_date == dt.date(2024, 7, 17)
    assert not renewal.suppressed
    assert renewal.origin.startswith(f"{CSV}:line ")
    first = table.lookup("I-102", "CSC", category="142", as_of=day)
    assert first is not None
    assert first.origin == f"{CSV}:line 2"
    assert (first.upper, first.lower) == (Duration(33.5, "months"), Duration(6.5, "months"))


def test_csv_and_json_merge_into_one_bitemporal_table(table: ProcessingTimes) -> None:
    both = table.merge(load_processing_times(CSV))
    assert len(both) == len(table) + len(load_processing_times(CSV))
    assert both.case_inquiry_date("N-400", "MIA", as_of=dt.date(2023, 1, 1)) == dt.date(
        2020, 11, 24
    )
    later = both.lookup("N-400", "MIA", as_of=dt.date(2024, 10, 30))
    assert later is not None
    assert later.fetched_on == dt.date(2024, 10, 30)


def test_csv_fetched_on_overrides_the_file_name() -> None:
    day = dt.date(2024, 11, 2)
    table = load_processing_times(CSV, fetched_on=day)
    assert table.snapshot_dates("N-400", "MIA") == (day,)


# --- single files ---------------------------------------------------------------------------------


def test_single_file_takes_its_fetch_date_from_its_name_or_fetched_on(tmp_path: Path) -> None:
    source = FOLDER / "N-400" / "MIA" / "2022-03-01.json"
    assert [e.fetched_on for e in load_processing_times(str(source))] == [dt.date(2022, 3, 1)]
    renamed = tmp_path / "answer.json"
    shutil.copy(source, renamed)
    with pytest.raises(InvalidData, match="fetched_on"):
        load_processing_times(renamed)
    day = dt.date(2022, 3, 2)
    assert [e.fetched_on for e in load_processing_times(renamed, fetched_on=day)] == [day]
    assert [e.fetched_on for e in load_processing_times(source, fetched_on=day)] == [day]


def test_fetched_on_with_a_folder_or_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="fetched_on"):
        load_processing_times(FOLDER, fetched_on=dt.date(2022, 3, 1))
    with pytest.raises(InvalidValue, match="fetched_on"):
        load_processing_times(CSV, fetched_on="2022-03-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="path"):
        load_processing_times(42)  # type: ignore[arg-type]


# --- values ---------------------------------------------------------------------------------------


def _entry(
    fetched: dt.date,
    *,
    inquiry: dt.date | None,
    upper: Duration | None = None,
    category: str = "160A",
) -> PublishedTime:
    return PublishedTime(
        form="N-400",
        office="MIA",
        category=category,
        fetched_on=fetched,
        published_on=None,
        case_inquiry_date=inquiry,
        upper=upper,
        lower=None,
        suppressed=inquiry is None,
        origin="test",
    )


def test_citation_names_publication_fetch_and_inquiry_dates(table: ProcessingTimes) -> None:
    entry = table.lookup("I-485", "MIA", category="I-485 Family", as_of=dt.date(2022, 3, 1))
    assert entry is not None
    citation = entry.citation()
    assert citation.rule_id == "MIA-ELIGIBLE"
    assert citation.source_id == "uscis-processing-times"
    assert citation.title == "USCIS processing times: I-485 at MIA (I-485 Family)"
    assert citation.date == dt.date(2022, 1, 28)
    assert (citation.issuer, citation.authority) == ("USCIS", Authority.DATA)
    for part in ("2022-01-28", "2022-03-01", "2019-09-16", "receipt date for a case inquiry"):
        assert part in citation.pinpoint
    unpublished = _entry(dt.date(2022, 3, 1), inquiry=dt.date(2020, 1, 1))
    assert unpublished.citation("X").date == dt.date(2022, 3, 1)


def test_values_are_immutable(table: ProcessingTimes) -> None:
    entry = next(iter(table))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        entry.category = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        table._series = {}
    assert hash(entry) == hash(attrs.evolve(entry))


def test_a_table_survives_pickling(table: ProcessingTimes) -> None:
    again = pickle.loads(pickle.dumps(table))
    assert list(again) == list(table)
    day = dt.date(2022, 4, 1)
    assert again.lookup("N-400", "MIA", as_of=day) == table.lookup("N-400", "MIA", as_of=day)


def test_conflicting_figures_for_one_snapshot_are_refused() -> None:
    day = dt.date(2022, 3, 1)
    one = _entry(day, inquiry=dt.date(2020, 1, 1))
    other = attrs.evolve(one, case_inquiry_date=dt.date(2020, 2, 1), origin="elsewhere")
    assert len(ProcessingTimes([one, attrs.evolve(one, origin="copy")])) == 1
    with pytest.raises(InvalidData, match="test and elsewhere"):
        ProcessingTimes([one, other])
    with pytest.raises(InvalidValue, match="PublishedTime"):
        ProcessingTimes(["not an entry"])  # type: ignore[list-item]


def test_published_time_validates_its_fields() -> None:
    with pytest.raises(InvalidValue, match="fetched_on"):
        _entry("2022-03-01", inquiry=None)  # type: ignore[arg-type]
    with pytest.raises(UnknownOffice):
        attrs.evolve(_entry(dt.date(2022, 3, 1), inquiry=None), office="MSC")


@pytest.mark.parametrize(
    ("duration", "start", "expected"),
    [
        (Duration(17.5, "months"), dt.date(2021, 11, 4), dt.date(2023, 4, 20)),
        (Duration(1, "months"), dt.date(2022, 1, 31), dt.date(2022, 2, 28)),  # month end clamps
        (Duration(0.5, "months"), dt.date(2022, 2, 1), dt.date(2022, 2, 17)),  # 16 days
        (Duration(2.3, "months"), dt.date(2022, 1, 1), dt.date(2022, 3, 11)),  # ceil(9.3) = 10
        (Duration(5, "weeks"), dt.date(2022, 1, 1), dt.date(2022, 2, 5)),
        (Duration(1.5, "weeks"), dt.date(2022, 1, 1), dt.date(2022, 1, 12)),  # 10.5 -> 11 days
    ],
)
def test_duration_added_to_a_date(duration: Duration, start: dt.date, expected: dt.date) -> None:
    assert duration.add_to(start) == expected


def test_duration_checks_and_text() -> None:
    assert str(Duration(29.5, "months")) == "29.5 months"
    assert str(Duration(1, "weeks")) == "1 week"
    assert Duration(4, "months").approx_days() > Duration(5, "weeks").approx_days()
    for bad in (
        {"value": -1, "unit": "months"},
        {"value": True, "unit": "months"},
        {"value": float("nan"), "unit": "weeks"},
        {"value": 1, "unit": "days"},
    ):
        with pytest.raises(InvalidValue):
            Duration(**bad)
    with pytest.raises(InvalidValue, match="past the last"):
        Duration(1, "months").add_to(dt.date(9999, 12, 15))


def test_importing_the_module_loads_neither_dateutil_nor_the_parsers() -> None:
    code = (
        "import sys, infopass_rules.times.table; "
        "print(sorted(m for m in ('dateutil', 'cattrs', 'infopass_rules.times.readers') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
