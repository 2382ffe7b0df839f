"""Processing times (MIA-ELIGIBLE's "outside normal processing times") over the real USCIS data.

The real answers live beside the repository, in ``../shared/data`` (read-only). Expected values
are parsed here independently of the loader, with ``json`` and ``datetime.strptime``.

Beside the real data, a hand-built table whose every answer is worked out by hand."""

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
from infopass_rules.sources.rulebook import Authority, Citation
from infopass_rules.times.durations import FRACTIONAL_MONTH_DAYS, Duration
from infopass_rules.times.published import SOURCE_ID, PublishedTime, fold_category
from infopass_rules.times.table import OutsideFinding, ProcessingTimes, load_processing_times
from tests.helpers import DATA_ROOT, PT_CSV, PT_FOLDER

DATA = DATA_ROOT


FOLDER = PT_FOLDER


CSV = PT_CSV


FILES = sorted(FOLDER.glob("*/*/*.json")) if FOLDER.is_dir() else []


MIAMI_DISTRICT = ("MIA", "HIA", "KND", "OKL", "WPB")


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


def _first_subtype(table: ProcessingTimes, form: str, office: str, day: dt.date) -> PublishedTime:
    """The entry of the first subtype listed in the real file of that form, office and day."""
    path = FOLDER / form / office / f"{day.isoformat()}.json"
    entry = table.lookup(form, office, category=_published(path)[0]["form_type"], as_of=day)
    assert entry is not None
    return entry


def _series(form: str, office: str) -> list[Path]:
    return sorted((FOLDER / form / office).glob("*.json"))


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


D = dt.date


NATZ = "N-400 Naturalization"


FAMILY = "I-485 Family"


EMPLOYMENT = "I-485 Employment"


def entry(
    form: str,
    category: str,
    fetched_on: dt.date,
    *,
    published_on: dt.date | None = None,
    inquiry: dt.date | None = None,
    upper: Duration | None = None,
    lower: Duration | None = None,
    suppressed: bool = False,
    office: str = "MIA",
) -> PublishedTime:
    return PublishedTime(
        form=form,
        office=office,
        category=category,
        fetched_on=fetched_on,
        published_on=published_on,
        case_inquiry_date=inquiry,
        upper=upper,
        lower=lower,
        suppressed=suppressed,
        origin=f"{form}/{office}/{fetched_on.isoformat()}.json",
    )


N400_JAN = entry(
    "N-400",
    NATZ,
    D(2022, 1, 10),
    published_on=D(2022, 1, 1),
    inquiry=D(2020, 6, 1),
    upper=Duration(12, "months"),
    lower=Duration(8, "months"),
)


N400_FEB = entry(
    "N-400",
    NATZ,
    D(2022, 2, 10),
    inquiry=D(2020, 9, 1),
    upper=Duration(5, "weeks"),  # the shorter end first, as in one row of USCIS's CSV
    lower=Duration(10.5, "months"),
)


N400_MAR = entry("N-400", NATZ, D(2022, 3, 10), suppressed=True)


FAMILY_JAN = entry(
    "I-485", FAMILY, D(2022, 1, 10), inquiry=D(2021, 1, 1), upper=Duration(20, "months")
)


EMPLOYMENT_JAN = entry("I-485", EMPLOYMENT, D(2022, 1, 10), inquiry=D(2021, 3, 1))


FAMILY_FEB = entry(
    "I-485", FAMILY, D(2022, 2, 10), inquiry=D(2021, 2, 1), upper=Duration(20, "months")
)


ENTRIES = [N400_MAR, FAMILY_FEB, N400_JAN, EMPLOYMENT_JAN, N400_FEB, FAMILY_JAN]


@pytest.fixture(scope="module")
def hand_table() -> ProcessingTimes:
    return ProcessingTimes(ENTRIES)


FIRST_KNOWN = (
    "Outside normal processing times from 2022-01-10: the snapshot fetched that day (published "
    "2022-01-01) gives 2020-06-01 as the receipt date for a case inquiry. It is the earliest "
    "snapshot on record; the case may have been outside earlier."
)


SECOND_KNOWN = (
    "Outside normal processing times from 2022-02-10: the snapshot fetched that day "
    "(publication date not given) gives 2020-09-01 as the receipt date for a case inquiry."
)


def estimated(as_of: str, passed: bool) -> str:
    text = (
        f"Not outside normal processing times on {as_of} (receipt date for a case inquiry "
        "2020-09-01); estimated from the receipt date plus 10.5 months, the longer end of the "
        "range in the snapshot fetched 2022-02-10 (publication date not given)."
    )
    if passed:
        text += (
            " That estimate has already passed while the published date says not yet, so the "
            "day after 2022-02-15 is given."
        )
    return text


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
    assert "suppressed" in entry.citation("MIA-ELIGIBLE").pinpoint
    # The other categories of the same answer keep their dates.
    assert table.case_inquiry_date("I-765", "CSC", category="147-C9", as_of=day) is not None


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


def test_citation_names_publication_fetch_and_inquiry_dates(table: ProcessingTimes) -> None:
    entry = table.lookup("I-485", "MIA", category="I-485 Family", as_of=dt.date(2022, 3, 1))
    assert entry is not None
    citation = entry.citation("MIA-ELIGIBLE")
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


class TestHandBuiltTable:
    """The table's own behaviour: size, order, repr, merge, pickling, immutability, entries."""

    def test_what_the_table_holds(self, hand_table: ProcessingTimes) -> None:
        assert len(hand_table) == 6
        # by form, office, fetch date, then category
        assert list(hand_table) == [
            EMPLOYMENT_JAN,
            FAMILY_JAN,
            FAMILY_FEB,
            N400_JAN,
            N400_FEB,
            N400_MAR,
        ]
        assert hand_table.forms() == ("I-485", "N-400")
        assert hand_table.offices() == ("MIA",)
        assert hand_table.offices("n400") == ("MIA",)
        assert hand_table.offices("I-90") == ()
        assert hand_table.categories("I-485", "Miami") == (EMPLOYMENT, FAMILY)
        assert hand_table.categories("I-90", "MIA") == ()
        assert hand_table.snapshot_dates("N-400", "MIA") == (
            D(2022, 1, 10),
            D(2022, 2, 10),
            D(2022, 3, 10),
        )
        assert hand_table.snapshot_dates("I-90", "MIA") == ()
        assert repr(hand_table) == (
            "<ProcessingTimes: 6 entries, 2 forms, 1 offices, fetched 2022-01-10..2022-03-10>"
        )
        assert repr(ProcessingTimes()) == "<ProcessingTimes: 0 entries, 0 forms, 0 offices>"
        assert len(ProcessingTimes()) == 0

    def test_the_table_is_immutable_and_pickles(self, hand_table: ProcessingTimes) -> None:
        with pytest.raises(
            AttributeError, match=r"^ProcessingTimes is immutable; cannot set '_size'$"
        ):
            hand_table._size = 0  # type: ignore[misc]
        with pytest.raises(
            AttributeError, match=r"^ProcessingTimes is immutable; cannot delete '_series'$"
        ):
            del hand_table._series
        copy = pickle.loads(pickle.dumps(hand_table))
        assert list(copy) == list(hand_table)
        assert len(copy) == 6

    def test_merging_tables_keeps_every_entry_once(self) -> None:
        a = ProcessingTimes([N400_JAN, N400_FEB])
        b = ProcessingTimes([N400_FEB, FAMILY_JAN])
        merged = a.merge(b)
        assert list(merged) == [FAMILY_JAN, N400_JAN, N400_FEB]
        assert len(merged) == 3
        assert list(a.merge()) == [N400_JAN, N400_FEB]

    def test_a_repeated_row_with_other_origin_is_kept_once(self) -> None:
        again = PublishedTime(
            form="N-400",
            office="MIA",
            category=NATZ,
            fetched_on=D(2022, 1, 10),
            published_on=D(2022, 1, 1),
            case_inquiry_date=D(2020, 6, 1),
            upper=Duration(12, "months"),
            lower=Duration(8, "months"),
            suppressed=False,
            origin="processing-times.csv:12",
        )
        hand_table = ProcessingTimes([N400_JAN, again])
        assert list(hand_table) == [N400_JAN]
        assert len(hand_table) == 1

    def test_the_same_category_with_other_figures_is_refused(self) -> None:
        other = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 6, 2))
        with pytest.raises(InvalidData) as caught:
            ProcessingTimes([N400_JAN, other])
        assert caught.value.field == (
            "N-400 at MIA, category 'N-400 Naturalization', fetched 2022-01-10"
        )
        assert caught.value.problem == (
            "is published twice with different figures "
            "(N-400/MIA/2022-01-10.json and N-400/MIA/2022-01-10.json)"
        )

    def test_categories_that_differ_only_by_case_or_spacing_are_refused(self) -> None:
        twin = entry("N-400", "n-400  naturalization", D(2022, 2, 10), inquiry=D(2020, 9, 1))
        with pytest.raises(InvalidData) as caught:
            ProcessingTimes([N400_JAN, twin])
        assert caught.value.field == "N-400 at MIA, category 'n-400  naturalization'"
        assert caught.value.problem == (
            "differs from category 'N-400 Naturalization' only by case or spacing"
        )

    def test_an_element_that_is_not_an_entry_is_named(self) -> None:
        with pytest.raises(InvalidValue) as caught:
            ProcessingTimes([N400_JAN, "x"])  # type: ignore[list-item]
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "entries[1]",
            "must be a PublishedTime",
            "x",
            "PublishedTime values, e.g. from load_processing_times()",
        )

    def test_an_entry_is_normalised(self) -> None:
        e = PublishedTime(
            form="n400",
            office="Miami",
            category=" N-400 Naturalization ",
            fetched_on=D(2022, 1, 10),
            published_on=None,
            case_inquiry_date=None,
            upper=None,
            lower=None,
            suppressed=False,
            origin="x.json",
        )
        assert (e.form, e.office, e.category) == ("N-400", "MIA", NATZ)
        assert not e.usable
        assert e.longest() is None

    @pytest.mark.parametrize(
        ("upper", "lower", "longest"),
        [
            (Duration(4, "weeks"), Duration(1, "months"), Duration(1, "months")),
            (Duration(2, "months"), Duration(8, "weeks"), Duration(2, "months")),
            (None, Duration(3, "weeks"), Duration(3, "weeks")),
            (Duration(3, "weeks"), None, Duration(3, "weeks")),
        ],
    )
    def test_the_longer_end_of_a_range(
        self, upper: Duration | None, lower: Duration | None, longest: Duration
    ) -> None:
        e = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), upper=upper, lower=lower)
        assert e.longest() == longest

    def test_usable_needs_a_date_and_no_suppression(self) -> None:
        assert N400_JAN.usable
        assert not N400_MAR.usable
        suppressed_with_date = entry(
            "N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), suppressed=True
        )
        assert not suppressed_with_date.usable

    def test_citations_name_the_figure_and_both_dates(self) -> None:
        assert N400_JAN.citation("MIA-ELIGIBLE") == Citation(
            rule_id="MIA-ELIGIBLE",
            source_id=SOURCE_ID,
            title="USCIS processing times: N-400 at MIA (N-400 Naturalization)",
            date=D(2022, 1, 1),
            issuer="USCIS",
            authority=Authority.DATA,
            pinpoint="receipt date for a case inquiry 2020-06-01; published 2022-01-01, fetched "
            "2022-01-10 (N-400/MIA/2022-01-10.json)",
        )
        assert SOURCE_ID == "uscis-processing-times"
        suppressed = N400_MAR.citation("MIA-SECOND")
        assert suppressed.rule_id == "MIA-SECOND"
        assert suppressed.date == D(2022, 3, 10)
        assert suppressed.pinpoint == (
            "no receipt date for a case inquiry (figures suppressed by USCIS); publication date "
            "not "
            "given, "
            "fetched 2022-03-10 (N-400/MIA/2022-03-10.json)"
        )
        hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), suppressed=True)
        assert hidden.citation("MIA-ELIGIBLE").pinpoint.startswith(
            "no receipt date for a case inquiry"
        )

    @pytest.mark.parametrize(
        ("field", "value", "problem", "expected"),
        [
            (
                "upper",
                12,
                "must be a Duration or None",
                "Duration(value, 'months' | 'weeks') or None",
            ),
            (
                "lower",
                "5 Weeks",
                "must be a Duration or None",
                "Duration(value, 'months' | 'weeks') or None",
            ),
            ("suppressed", 0, "must be True or False", "a bool"),
            (
                "fetched_on",
                None,
                "must be a datetime.date (not a datetime or a string)",
                "datetime.date(YYYY, M, D)",
            ),
            (
                "published_on",
                "2022-01-01",
                "must be a datetime.date (not a datetime or a string)",
                "datetime.date(YYYY, M, D)",
            ),
            (
                "case_inquiry_date",
                20200601,
                "must be a datetime.date (not a datetime or a string)",
                "datetime.date(YYYY, M, D)",
            ),
        ],
    )
    def test_bad_entry_values_give_exact_errors(
        self, field: str, value: object, problem: str, expected: str
    ) -> None:
        arguments: dict[str, object] = {
            "form": "N-400",
            "office": "MIA",
            "category": NATZ,
            "fetched_on": D(2022, 1, 10),
            "published_on": None,
            "case_inquiry_date": None,
            "upper": None,
            "lower": None,
            "suppressed": False,
            "origin": "x.json",
            field: value,
        }
        with pytest.raises(InvalidValue) as caught:
            PublishedTime(**arguments)  # type: ignore[arg-type]
        error = caught.value
        assert (error.problem, error.expected) == (problem, expected)
        assert error.field == ("upper/lower" if field in ("upper", "lower") else field)
        assert error.value == value

    @pytest.mark.parametrize(
        ("field", "value"),
        [("category", ""), ("category", "x" * 101), ("origin", ""), ("origin", "x" * 1001)],
    )
    def test_category_and_origin_lengths(self, field: str, value: str) -> None:
        arguments: dict[str, object] = {
            "form": "N-400",
            "office": "MIA",
            "category": NATZ,
            "fetched_on": D(2022, 1, 10),
            "published_on": None,
            "case_inquiry_date": None,
            "upper": None,
            "lower": None,
            "suppressed": False,
            "origin": "x.json",
            field: value,
        }
        with pytest.raises(InvalidValue) as caught:
            PublishedTime(**arguments)  # type: ignore[arg-type]
        assert caught.value.field == field
        arguments[field] = value[:100] if field == "category" else value[:1000]
        if arguments[field]:
            assert getattr(PublishedTime(**arguments), field) == arguments[field]  # type: ignore[arg-type]


class TestHandBuiltAnswers:
    """Which snapshot is in force on each day, the first day a case is outside, each
    estimate and its boundary, and the exact errors of a look-up."""

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            (D(2022, 1, 9), None),
            (D(2022, 1, 10), N400_JAN),
            (D(2022, 2, 9), N400_JAN),
            (D(2022, 2, 10), N400_FEB),
            (D(2022, 3, 10), N400_MAR),
            (D(2030, 1, 1), N400_MAR),
        ],
    )
    def test_the_snapshot_in_force_on_each_day(
        self, hand_table: ProcessingTimes, as_of: dt.date, expected: PublishedTime | None
    ) -> None:
        assert hand_table.lookup("N-400", "MIA", as_of=as_of) == expected
        assert (
            hand_table.lookup("n400", "Miami", category="n-400 NATURALIZATION", as_of=as_of)
            == expected
        )

    def test_a_category_missing_from_the_snapshot_in_force(
        self, hand_table: ProcessingTimes
    ) -> None:
        assert (
            hand_table.lookup("I-485", "MIA", category=EMPLOYMENT, as_of=D(2022, 1, 31))
            == EMPLOYMENT_JAN
        )
        assert hand_table.lookup("I-485", "MIA", category=EMPLOYMENT, as_of=D(2022, 2, 10)) is None
        assert hand_table.lookup("I-90", "MIA", as_of=D(2022, 2, 10)) is None
        assert hand_table.lookup("I-90", "MIA", category="x", as_of=D(2022, 2, 10)) is None

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            (D(2022, 1, 9), None),
            (D(2022, 1, 10), D(2020, 6, 1)),
            (D(2022, 2, 10), D(2020, 9, 1)),
            (D(2022, 3, 10), None),  # suppressed
        ],
    )
    def test_the_case_inquiry_date_in_force(
        self, hand_table: ProcessingTimes, as_of: dt.date, expected: dt.date | None
    ) -> None:
        assert hand_table.case_inquiry_date("N-400", "MIA", as_of=as_of) == expected

    @pytest.mark.parametrize(
        ("received_on", "on", "expected"),
        [
            (D(2020, 5, 31), D(2022, 1, 10), True),
            (D(2020, 6, 1), D(2022, 1, 10), False),  # received on the date itself: not before it
            (D(2020, 6, 1), D(2022, 2, 10), True),
            (D(2020, 5, 31), D(2022, 1, 9), None),  # no snapshot yet
            (D(2020, 5, 31), D(2022, 3, 10), None),  # suppressed
        ],
    )
    def test_is_outside_on_a_day(
        self, hand_table: ProcessingTimes, received_on: dt.date, on: dt.date, expected: bool | None
    ) -> None:
        assert hand_table.is_outside("N-400", "MIA", received_on=received_on, on=on) is expected

    def test_a_category_is_needed_when_several_are_published(
        self, hand_table: ProcessingTimes
    ) -> None:
        with pytest.raises(MissingFact) as caught:
            hand_table.lookup("I-485", "MIA", as_of=D(2022, 2, 10))
        error = caught.value
        assert (error.field, error.problem, error.expected) == (
            "category",
            "is needed: I-485 at MIA is published in 2 categories",
            "one of 'I-485 Employment', 'I-485 Family'",
        )
        with pytest.raises(MissingFact) as caught:
            hand_table.lookup("I-485", "MIA", category="I-485 Asylum", as_of=D(2022, 2, 10))
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "category",
            "is not a category of I-485 at MIA",
            "I-485 Asylum",
            "one of 'I-485 Employment', 'I-485 Family'",
        )
        with pytest.raises(InvalidValue) as caught:
            hand_table.lookup("I-485", "MIA", category=485, as_of=D(2022, 2, 10))
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "category",
            "must be a string",
            485,
            "e.g. '160A'",
        )

    def test_a_form_is_needed(self, hand_table: ProcessingTimes) -> None:
        with pytest.raises(MissingFact) as caught:
            hand_table.lookup(None, "MIA", as_of=D(2022, 2, 10))
        error = caught.value
        assert (error.field, error.problem, error.expected) == (
            "form",
            "is needed to look up processing times",
            "e.g. 'I-485'",
        )
        with pytest.raises(InvalidValue) as info:
            hand_table.lookup(485, "MIA", as_of=D(2022, 2, 10))
        assert info.value.field == "form"
        with pytest.raises(InvalidValue) as info:
            hand_table.lookup("N-400", 3, as_of=D(2022, 2, 10))
        assert info.value.field == "office"

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda t: t.lookup("N-400", "MIA", as_of="2022-02-10"), "as_of"),
            (
                lambda t: t.is_outside("N-400", "MIA", received_on="x", on=D(2022, 2, 10)),
                "received_on",
            ),
            (lambda t: t.is_outside("N-400", "MIA", received_on=D(2020, 1, 1), on="x"), "on"),
            (
                lambda t: t.outside_since("N-400", "MIA", received_on="x", as_of=D(2022, 2, 10)),
                "received_on",
            ),
            (
                lambda t: t.outside_since("N-400", "MIA", received_on=D(2020, 1, 1), as_of="x"),
                "as_of",
            ),
        ],
    )
    def test_bad_dates_name_their_argument(
        self, hand_table: ProcessingTimes, call: object, field: str
    ) -> None:
        assert callable(call)
        with pytest.raises(InvalidValue) as caught:
            call(hand_table)
        assert caught.value.field == field

    @pytest.mark.parametrize(
        ("received_on", "as_of", "expected"),
        [
            (
                D(2020, 5, 31),
                D(2022, 3, 15),
                OutsideFinding(D(2022, 1, 10), False, N400_JAN, FIRST_KNOWN),
            ),
            (
                D(2020, 5, 31),
                D(2022, 1, 10),
                OutsideFinding(D(2022, 1, 10), False, N400_JAN, FIRST_KNOWN),
            ),
            # received on the first snapshot's date: outside only from the second
            (
                D(2020, 6, 1),
                D(2022, 3, 15),
                OutsideFinding(D(2022, 2, 10), False, N400_FEB, SECOND_KNOWN),
            ),
            (
                D(2020, 8, 31),
                D(2022, 2, 10),
                OutsideFinding(D(2022, 2, 10), False, N400_FEB, SECOND_KNOWN),
            ),
            # 2021-03-31 + 10 months + ceil(0.5 * 31) days = 2022-02-16, the day after as_of
            (
                D(2021, 3, 31),
                D(2022, 2, 15),
                OutsideFinding(D(2022, 2, 16), True, N400_FEB, estimated("2022-02-15", False)),
            ),
            # 2021-03-30 + 10 months + 16 days = 2022-02-15 = as_of: moved to the day after
            (
                D(2021, 3, 30),
                D(2022, 2, 15),
                OutsideFinding(D(2022, 2, 16), True, N400_FEB, estimated("2022-02-15", True)),
            ),
            (
                D(2021, 1, 1),
                D(2022, 2, 15),
                OutsideFinding(D(2022, 2, 16), True, N400_FEB, estimated("2022-02-15", True)),
            ),
            (
                D(2021, 12, 1),
                D(2022, 2, 15),
                OutsideFinding(D(2022, 10, 17), True, N400_FEB, estimated("2022-02-15", False)),
            ),
            (
                D(2021, 12, 1),
                D(2022, 3, 15),
                OutsideFinding(
                    None,
                    False,
                    N400_MAR,
                    "USCIS suppressed the processing times of N-400 at MIA (N-400 "
                    "Naturalization) in "
                    "the snapshot fetched 2022-03-10; no date can be given.",
                ),
            ),
            (
                D(2020, 5, 31),
                D(2022, 1, 9),
                OutsideFinding(
                    None,
                    False,
                    None,
                    "No processing-times snapshot for N-400 at MIA (N-400 Naturalization) was "
                    "fetched "
                    "by 2022-01-09 (the first is of 2022-01-10).",
                ),
            ),
        ],
    )
    def test_outside_since(
        self,
        hand_table: ProcessingTimes,
        received_on: dt.date,
        as_of: dt.date,
        expected: OutsideFinding,
    ) -> None:
        assert (
            hand_table.outside_since("N-400", "MIA", received_on=received_on, as_of=as_of)
            == expected
        )

    def test_outside_since_without_data_to_answer(self, hand_table: ProcessingTimes) -> None:
        assert hand_table.outside_since(
            "i90", "Miami", received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
        ) == OutsideFinding(None, False, None, "No processing times are loaded for I-90 at MIA.")
        assert hand_table.outside_since(
            "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
        ) == OutsideFinding(
            None,
            False,
            None,
            "The snapshot in force on 2022-02-15 does not publish I-485 at MIA (I-485 Employment).",
        )
        assert hand_table.outside_since(
            "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 1, 20)
        ) == OutsideFinding(
            None,
            False,
            EMPLOYMENT_JAN,
            "Not outside normal processing times on 2022-01-20, and the snapshot fetched "
            "2022-01-10 "
            "publishes no range to estimate from.",
        )
        # The January snapshot does not show the case outside; the February one does.
        employment_feb = entry("I-485", EMPLOYMENT, D(2022, 2, 10), inquiry=D(2021, 7, 1))
        later = ProcessingTimes([FAMILY_JAN, EMPLOYMENT_JAN, employment_feb])
        found = later.outside_since(
            "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
        )
        assert (found.on, found.estimated) == (D(2022, 2, 10), False)

    def test_a_suppressed_snapshot_before_the_one_showing_the_case_outside_is_skipped(self) -> None:
        hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 6, 1), suppressed=True)
        hand_table = ProcessingTimes([hidden, N400_FEB])
        found = hand_table.outside_since(
            "N-400", "MIA", received_on=D(2020, 5, 31), as_of=D(2022, 3, 1)
        )
        assert found == OutsideFinding(D(2022, 2, 10), False, N400_FEB, SECOND_KNOWN)

    def test_load_refuses_a_non_path_and_a_bad_fetch_date(self) -> None:
        with pytest.raises(InvalidValue) as caught:
            load_processing_times(3)  # type: ignore[arg-type]
        error = caught.value
        assert (error.field, error.problem, error.value, error.expected) == (
            "path",
            "must be a path",
            3,
            "a str or os.PathLike",
        )
        with pytest.raises(InvalidValue) as caught:
            load_processing_times("x.json", fetched_on="2022-01-10")  # type: ignore[arg-type]
        assert caught.value.field == "fetched_on"

    def test_an_estimate_names_the_publication_date_of_its_range(self) -> None:
        renewal = entry(
            "I-90",
            "I-90 Renewal",
            D(2022, 1, 10),
            published_on=D(2022, 1, 3),
            inquiry=D(2021, 1, 1),
            upper=Duration(6, "months"),
        )
        hand_table = ProcessingTimes([renewal])
        # 2021-06-01 + 6 months = 2021-12-01, already passed on 2022-01-15: the day after is given
        assert hand_table.outside_since(
            "I-90", "MIA", received_on=D(2021, 6, 1), as_of=D(2022, 1, 15)
        ) == OutsideFinding(
            D(2022, 1, 16),
            True,
            renewal,
            "Not outside normal processing times on 2022-01-15 (receipt date for a case inquiry "
            "2021-01-01); estimated from the receipt date plus 6 months, the longer end of the "
            "range "
            "in the snapshot fetched 2022-01-10 (published 2022-01-03). That estimate has already "
            "passed while the "
            "published date says not yet, so the day after 2022-01-15 is given.",
        )

    def test_a_suppressed_snapshot_with_a_date_answers_nothing(self) -> None:
        hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 6, 1), suppressed=True)
        hand_table = ProcessingTimes([hidden])
        assert (
            hand_table.is_outside("N-400", "MIA", received_on=D(2020, 5, 31), on=D(2022, 1, 10))
            is None
        )
        assert hand_table.case_inquiry_date("N-400", "MIA", as_of=D(2022, 1, 10)) is None

    def test_bad_look_up_values_are_shown_as_given(self, hand_table: ProcessingTimes) -> None:
        with pytest.raises(InvalidValue) as caught:
            hand_table.lookup("N-400", 3, as_of=D(2022, 2, 10))
        assert (caught.value.field, caught.value.value) == ("office", 3)
        with pytest.raises(InvalidValue) as caught:
            hand_table.lookup("N-400", "MIA", as_of="2022-02-10")  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("as_of", "2022-02-10")
        with pytest.raises(InvalidValue) as caught:
            hand_table.lookup("N-400", "MIA", as_of=dt.datetime(2022, 2, 10))
        assert (caught.value.field, caught.value.value) == ("as_of", dt.datetime(2022, 2, 10))

    def test_an_estimate_without_a_published_case_inquiry_date_says_so(self) -> None:
        # Not suppressed, but no receipt date for a case inquiry: the range still gives an estimate.
        undated = entry("I-90", "I-90 Renewal", D(2022, 1, 10), upper=Duration(6, "months"))
        hand_table = ProcessingTimes([undated])
        found = hand_table.outside_since(
            "I-90", "MIA", received_on=D(2021, 12, 1), as_of=D(2022, 1, 15)
        )
        assert found == OutsideFinding(
            D(2022, 6, 1),
            True,
            undated,
            "Not outside normal processing times on 2022-01-15 (receipt date for a case inquiry "
            "not "
            "given); estimated from the receipt date plus 6 months, the longer end of the range in "
            "the snapshot fetched 2022-01-10 (publication date not given).",
        )

    @pytest.mark.parametrize(
        ("first_inquiry", "undone"),
        [
            (D(2020, 6, 2), True),  # outside by January's snapshot, no longer by February's
            (D(2020, 6, 1), False),  # received on January's date itself: never outside
        ],
    )
    def test_an_estimate_says_when_a_date_moved_back_undid_the_case_being_outside(
        self, first_inquiry: dt.date, undone: bool
    ) -> None:
        january = entry("N-400", NATZ, D(2022, 1, 10), inquiry=first_inquiry)
        february = entry(
            "N-400", NATZ, D(2022, 2, 10), inquiry=D(2020, 5, 1), upper=Duration(24, "months")
        )
        hand_table = ProcessingTimes([january, february])
        found = hand_table.outside_since(
            "N-400", "MIA", received_on=D(2020, 6, 1), as_of=D(2022, 2, 15)
        )
        expected = (
            "Not outside normal processing times on 2022-02-15 (receipt date for a case inquiry "
            "2020-05-01); estimated from the receipt date plus 24 months, the longer end of the "
            "range "
            "in the snapshot fetched 2022-02-10 (publication date not given)."
        )
        if undone:
            expected += (
                " The case was outside by the snapshot fetched 2022-01-10, but USCIS has since "
                "moved "
                "the receipt date for a case inquiry back."
            )
        assert found == OutsideFinding(D(2022, 6, 1), True, february, expected)

    def test_a_form_that_is_not_a_string_is_named_with_its_value(self) -> None:
        with pytest.raises(InvalidValue) as info:
            ProcessingTimes().lookup(5, "MIA", as_of=D(2022, 1, 1))
        assert str(info.value) == (
            "form: must be a string; got 5; expected a USCIS form number such as 'I-485', 'N-400', "
            "'I-129CW' or 'N-600K'"
        )
        assert info.value.value == 5


# Kept on the private _fold: the folded text itself is pinned (case and runs of spaces only); a
# look-up folds both sides alike, so the public API would not show every wrong fold. The second
# half of the test already goes through ProcessingTimes.categories.
class TestInternalsTable:
    """How categories are folded, through ``_fold`` itself."""

    def test_categories_fold_case_and_runs_of_spaces_only(self) -> None:
        assert fold_category("  I-485   Family ") == "i-485 family"
        assert fold_category("160A") == "160a"
        # Categories that differ by more than case and spacing stay apart.
        one = entry("N-400", "A B", D(2022, 1, 10), inquiry=D(2020, 6, 1))
        other = entry("N-400", "AXX XXB", D(2022, 1, 10), inquiry=D(2020, 7, 1))
        hand_table = ProcessingTimes([one, other])
        assert hand_table.categories("N-400", "MIA") == ("A B", "AXX XXB")
        assert hand_table.lookup("N-400", "MIA", category="a  b", as_of=D(2022, 1, 10)) == one


# --- A category named three ways, across both formats -----------------------------------------


@cache
def _json_and_csv(data: Path) -> tuple[ProcessingTimes, ProcessingTimes]:
    return (
        load_processing_times(data / "uscis-processing-times"),
        load_processing_times(data / "uscis-processing-times-2024-10-30.csv"),
    )


def _published_descriptions(data: Path) -> dict[tuple[str, str], set[str]]:
    """(form, description) -> the names the raw files give it: JSON form_type, CSV codes."""
    names: dict[tuple[str, str], set[str]] = {}
    for file in sorted((data / "uscis-processing-times").glob("*/*/*.json")):
        answer = json.loads(file.read_text(encoding="utf-8"))["data"]["processing_time"]
        for item in answer["subtypes"]:
            if item.get("subtype_info_en"):
                key = (answer["form_name"], item["subtype_info_en"])
                names.setdefault(key, set()).add(item["form_type"])
    csv_path = data / "uscis-processing-times-2024-10-30.csv"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["subtype_info_en"] not in ("", "NA"):
                key = (row["form_name"], row["subtype_info_en"])
                names.setdefault(key, set()).add(row["form_subtype"])
    return names


@pytest.mark.parametrize(
    "name",
    [
        "131A-FAM",
        "131a-fam",
        "I-485 Family",
        "i-485   FAMILY",
        "Family-Based adjustment applications",
        "FAMILY-BASED ADJUSTMENT APPLICATIONS",
    ],
)
def test_a_category_by_its_csv_code_json_form_type_or_description(
    shared_data: Path, name: str
) -> None:
    json_table, csv_table = _json_and_csv(shared_data)
    both = json_table.merge(csv_table)
    assert both.categories("I-485", "MIA") == ("131A", "131A-FAM")  # the latest names
    # The 2022 JSON snapshots answer before the CSV was fetched, the CSV after.
    assert both.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2022, 3, 1)) == D(
        2019, 9, 16
    )
    assert both.case_inquiry_date("I-485", "MIA", category=name, as_of=D(2024, 11, 1)) == D(
        2020, 10, 7
    )
    found = both.lookup("I-485", "MIA", category=name, as_of=D(2024, 11, 1))
    assert found is not None
    assert found.description == "Family-Based adjustment applications"
    finding = both.outside_since(
        "I-485", "MIA", category=name, received_on=D(2019, 1, 2), as_of=D(2024, 11, 1)
    )
    assert finding is not None
    assert finding.entry.fetched_on < D(2023, 1, 1)  # outside since the 2022 snapshots


def test_each_format_alone_knows_its_names_and_the_description(shared_data: Path) -> None:
    json_table, csv_table = _json_and_csv(shared_data)
    description = "Employment-Based adjustment applications"
    early, late = D(2022, 3, 1), D(2024, 11, 1)
    by_description = json_table.case_inquiry_date("I-485", "MIA", category=description, as_of=early)
    by_name = json_table.case_inquiry_date("I-485", "MIA", category="I-485 Employment", as_of=early)
    assert by_description == by_name == D(2019, 9, 28)
    by_description = csv_table.case_inquiry_date("I-485", "MIA", category=description, as_of=late)
    by_code = csv_table.case_inquiry_date("I-485", "MIA", category="131A", as_of=late)
    assert by_description == by_code == D(2020, 9, 21)
    # Each format alone knows the other's name through the table of category names
    # (tests/times/test_categories.py), which nothing in one format's files could give.
    assert json_table.case_inquiry_date("I-485", "MIA", category="131A", as_of=early) == D(
        2019, 9, 28
    )
    by_form_type = csv_table.case_inquiry_date(
        "I-485", "MIA", category="I-485 Employment", as_of=late
    )
    assert by_form_type == D(2020, 9, 21)


def test_every_published_name_of_a_description_names_one_category(shared_data: Path) -> None:
    """Built from the raw files: every JSON form_type and CSV code given one description is a
    name of the same category of the merged table, at every office that publishes it."""
    json_table, csv_table = _json_and_csv(shared_data)
    both = json_table.merge(csv_table)
    checked = 0
    for (form, description), names in sorted(_published_descriptions(shared_data).items()):
        for office in both.offices(form):
            if not both.categories(form, office):
                continue
            try:
                one = both._find(form, office, description)
            except MissingFact:
                continue  # not published at this office
            assert one is not None
            for name in sorted(names):
                other = both._find(form, office, name)
                assert other is not None
                assert other[1] == one[1], (form, office, name, description)
                checked += 1
    assert checked > 100


def test_a_category_is_named_by_its_latest_snapshot_whatever_the_order() -> None:
    # Two names of one category (one description): the newer name is its name, even when it
    # sorts after the older one, and whatever the order the snapshots come in.
    family = "Family-Based adjustment applications"
    older = attrs.evolve(
        entry("I-485", "AAA", D(2020, 1, 10), inquiry=D(2019, 1, 1)), description=family
    )
    newer = attrs.evolve(
        entry("I-485", "ZZZ", D(2021, 1, 10), inquiry=D(2019, 6, 1)), description=family
    )
    oldest = attrs.evolve(
        entry("I-485", "ZZZ", D(2019, 1, 10), inquiry=D(2018, 1, 1)), description=family
    )
    for entries in ([oldest, older, newer], [newer, older, oldest]):
        table = ProcessingTimes(entries)
        assert table.categories("I-485", "MIA") == ("ZZZ",)
        assert table.case_inquiry_date("I-485", "MIA", category="AAA", as_of=D(2020, 6, 1)) == D(
            2019, 1, 1
        )
