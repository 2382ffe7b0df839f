"""Tests written to kill mutants that survived in ``processing_times.py``: a hand-built table of
snapshots whose every answer is worked out by hand (which snapshot is in force on each day, the
first day a case is outside, each estimate and its boundary, the exact explanations, citations and
errors), and the table's own behaviour (size, order, repr, merge, pickling, immutability).
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from infopass_rules.errors import InvalidData, InvalidValue, MissingFact
from infopass_rules.sources.rulebook import Authority, Citation
from infopass_rules.times import published as processing_times
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import SOURCE_ID, PublishedTime
from infopass_rules.times.table import OutsideFinding, ProcessingTimes, load_processing_times

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
def table() -> ProcessingTimes:
    return ProcessingTimes(ENTRIES)


# --- the table itself ---------------------------------------------------------------------------


def test_what_the_table_holds(table: ProcessingTimes) -> None:
    assert len(table) == 6
    # by form, office, fetch date, then category
    assert list(table) == [EMPLOYMENT_JAN, FAMILY_JAN, FAMILY_FEB, N400_JAN, N400_FEB, N400_MAR]
    assert table.forms() == ("I-485", "N-400")
    assert table.offices() == ("MIA",)
    assert table.offices("n400") == ("MIA",)
    assert table.offices("I-90") == ()
    assert table.categories("I-485", "Miami") == (EMPLOYMENT, FAMILY)
    assert table.categories("I-90", "MIA") == ()
    assert table.snapshot_dates("N-400", "MIA") == (D(2022, 1, 10), D(2022, 2, 10), D(2022, 3, 10))
    assert table.snapshot_dates("I-90", "MIA") == ()
    assert repr(table) == (
        "<ProcessingTimes: 6 entries, 2 forms, 1 offices, fetched 2022-01-10..2022-03-10>"
    )
    assert repr(ProcessingTimes()) == "<ProcessingTimes: 0 entries, 0 forms, 0 offices>"
    assert len(ProcessingTimes()) == 0


def test_the_table_is_immutable_and_pickles(table: ProcessingTimes) -> None:
    with pytest.raises(AttributeError, match=r"^ProcessingTimes is immutable; cannot set '_size'$"):
        table._size = 0  # type: ignore[misc]
    with pytest.raises(
        AttributeError, match=r"^ProcessingTimes is immutable; cannot delete '_series'$"
    ):
        del table._series
    copy = pickle.loads(pickle.dumps(table))
    assert list(copy) == list(table)
    assert len(copy) == 6


def test_merging_tables_keeps_every_entry_once() -> None:
    a = ProcessingTimes([N400_JAN, N400_FEB])
    b = ProcessingTimes([N400_FEB, FAMILY_JAN])
    merged = a.merge(b)
    assert list(merged) == [FAMILY_JAN, N400_JAN, N400_FEB]
    assert len(merged) == 3
    assert list(a.merge()) == [N400_JAN, N400_FEB]


def test_a_repeated_row_with_other_origin_is_kept_once() -> None:
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
    table = ProcessingTimes([N400_JAN, again])
    assert list(table) == [N400_JAN]
    assert len(table) == 1


def test_the_same_category_with_other_figures_is_refused() -> None:
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


def test_categories_that_differ_only_by_case_or_spacing_are_refused() -> None:
    twin = entry("N-400", "n-400  naturalization", D(2022, 2, 10), inquiry=D(2020, 9, 1))
    with pytest.raises(InvalidData) as caught:
        ProcessingTimes([N400_JAN, twin])
    assert caught.value.field == "N-400 at MIA, category 'n-400  naturalization'"
    assert caught.value.problem == (
        "differs from category 'N-400 Naturalization' only by case or spacing"
    )


def test_an_element_that_is_not_an_entry_is_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        ProcessingTimes([N400_JAN, "x"])  # type: ignore[list-item]
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "entries[1]",
        "must be a PublishedTime",
        "x",
        "PublishedTime values, e.g. from load_processing_times()",
    )


# --- entries ------------------------------------------------------------------------------------


def test_an_entry_is_normalised() -> None:
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
    upper: Duration | None, lower: Duration | None, longest: Duration
) -> None:
    e = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), upper=upper, lower=lower)
    assert e.longest() == longest


def test_usable_needs_a_date_and_no_suppression() -> None:
    assert N400_JAN.usable
    assert not N400_MAR.usable
    suppressed_with_date = entry(
        "N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), suppressed=True
    )
    assert not suppressed_with_date.usable


def test_citations_name_the_figure_and_both_dates() -> None:
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
        "no receipt date for a case inquiry (figures suppressed by USCIS); publication date not "
        "given, "
        "fetched 2022-03-10 (N-400/MIA/2022-03-10.json)"
    )
    hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 1, 1), suppressed=True)
    assert hidden.citation("MIA-ELIGIBLE").pinpoint.startswith("no receipt date for a case inquiry")


@pytest.mark.parametrize(
    ("field", "value", "problem", "expected"),
    [
        ("upper", 12, "must be a Duration or None", "Duration(value, 'months' | 'weeks') or None"),
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
    field: str, value: object, problem: str, expected: str
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
def test_category_and_origin_lengths(field: str, value: str) -> None:
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


# --- look-ups as of a date ----------------------------------------------------------------------


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
    table: ProcessingTimes, as_of: dt.date, expected: PublishedTime | None
) -> None:
    assert table.lookup("N-400", "MIA", as_of=as_of) == expected
    assert table.lookup("n400", "Miami", category="n-400 NATURALIZATION", as_of=as_of) == expected


def test_a_category_missing_from_the_snapshot_in_force(table: ProcessingTimes) -> None:
    assert table.lookup("I-485", "MIA", category=EMPLOYMENT, as_of=D(2022, 1, 31)) == EMPLOYMENT_JAN
    assert table.lookup("I-485", "MIA", category=EMPLOYMENT, as_of=D(2022, 2, 10)) is None
    assert table.lookup("I-90", "MIA", as_of=D(2022, 2, 10)) is None
    assert table.lookup("I-90", "MIA", category="x", as_of=D(2022, 2, 10)) is None


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
    table: ProcessingTimes, as_of: dt.date, expected: dt.date | None
) -> None:
    assert table.case_inquiry_date("N-400", "MIA", as_of=as_of) == expected


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
    table: ProcessingTimes, received_on: dt.date, on: dt.date, expected: bool | None
) -> None:
    assert table.is_outside("N-400", "MIA", received_on=received_on, on=on) is expected


def test_a_category_is_needed_when_several_are_published(table: ProcessingTimes) -> None:
    with pytest.raises(MissingFact) as caught:
        table.lookup("I-485", "MIA", as_of=D(2022, 2, 10))
    error = caught.value
    assert (error.field, error.problem, error.expected) == (
        "category",
        "is needed: I-485 at MIA is published in 2 categories",
        "one of 'I-485 Employment', 'I-485 Family'",
    )
    with pytest.raises(MissingFact) as caught:
        table.lookup("I-485", "MIA", category="I-485 Asylum", as_of=D(2022, 2, 10))
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "category",
        "is not a category of I-485 at MIA",
        "I-485 Asylum",
        "one of 'I-485 Employment', 'I-485 Family'",
    )
    with pytest.raises(InvalidValue) as caught:
        table.lookup("I-485", "MIA", category=485, as_of=D(2022, 2, 10))
    error = caught.value
    assert (error.field, error.problem, error.value, error.expected) == (
        "category",
        "must be a string",
        485,
        "e.g. '160A'",
    )


def test_a_form_is_needed(table: ProcessingTimes) -> None:
    with pytest.raises(MissingFact) as caught:
        table.lookup(None, "MIA", as_of=D(2022, 2, 10))
    error = caught.value
    assert (error.field, error.problem, error.expected) == (
        "form",
        "is needed to look up processing times",
        "e.g. 'I-485'",
    )
    with pytest.raises(InvalidValue) as info:
        table.lookup(485, "MIA", as_of=D(2022, 2, 10))
    assert info.value.field == "form"
    with pytest.raises(InvalidValue) as info:
        table.lookup("N-400", 3, as_of=D(2022, 2, 10))
    assert info.value.field == "office"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda t: t.lookup("N-400", "MIA", as_of="2022-02-10"), "as_of"),
        (lambda t: t.is_outside("N-400", "MIA", received_on="x", on=D(2022, 2, 10)), "received_on"),
        (lambda t: t.is_outside("N-400", "MIA", received_on=D(2020, 1, 1), on="x"), "on"),
        (
            lambda t: t.outside_since("N-400", "MIA", received_on="x", as_of=D(2022, 2, 10)),
            "received_on",
        ),
        (lambda t: t.outside_since("N-400", "MIA", received_on=D(2020, 1, 1), as_of="x"), "as_of"),
    ],
)
def test_bad_dates_name_their_argument(table: ProcessingTimes, call: object, field: str) -> None:
    assert callable(call)
    with pytest.raises(InvalidValue) as caught:
        call(table)
    assert caught.value.field == field


# --- outside since ------------------------------------------------------------------------------

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
                "USCIS suppressed the processing times of N-400 at MIA (N-400 Naturalization) in "
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
                "No processing-times snapshot for N-400 at MIA (N-400 Naturalization) was fetched "
                "by 2022-01-09 (the first is of 2022-01-10).",
            ),
        ),
    ],
)
def test_outside_since(
    table: ProcessingTimes, received_on: dt.date, as_of: dt.date, expected: OutsideFinding
) -> None:
    assert table.outside_since("N-400", "MIA", received_on=received_on, as_of=as_of) == expected


def test_outside_since_without_data_to_answer(table: ProcessingTimes) -> None:
    assert table.outside_since(
        "i90", "Miami", received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
    ) == OutsideFinding(None, False, None, "No processing times are loaded for I-90 at MIA.")
    assert table.outside_since(
        "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
    ) == OutsideFinding(
        None,
        False,
        None,
        "The snapshot in force on 2022-02-15 does not publish I-485 at MIA (I-485 Employment).",
    )
    assert table.outside_since(
        "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 1, 20)
    ) == OutsideFinding(
        None,
        False,
        EMPLOYMENT_JAN,
        "Not outside normal processing times on 2022-01-20, and the snapshot fetched 2022-01-10 "
        "publishes no range to estimate from.",
    )
    # The January snapshot does not show the case outside; the February one does.
    employment_feb = entry("I-485", EMPLOYMENT, D(2022, 2, 10), inquiry=D(2021, 7, 1))
    later = ProcessingTimes([FAMILY_JAN, EMPLOYMENT_JAN, employment_feb])
    found = later.outside_since(
        "I-485", "MIA", category=EMPLOYMENT, received_on=D(2021, 6, 1), as_of=D(2022, 2, 15)
    )
    assert (found.on, found.estimated) == (D(2022, 2, 10), False)


def test_a_suppressed_snapshot_before_the_one_showing_the_case_outside_is_skipped() -> None:
    hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 6, 1), suppressed=True)
    table = ProcessingTimes([hidden, N400_FEB])
    found = table.outside_since("N-400", "MIA", received_on=D(2020, 5, 31), as_of=D(2022, 3, 1))
    assert found == OutsideFinding(D(2022, 2, 10), False, N400_FEB, SECOND_KNOWN)


# --- loading ------------------------------------------------------------------------------------


def test_load_refuses_a_non_path_and_a_bad_fetch_date() -> None:
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


def test_an_estimate_names_the_publication_date_of_its_range() -> None:
    renewal = entry(
        "I-90",
        "I-90 Renewal",
        D(2022, 1, 10),
        published_on=D(2022, 1, 3),
        inquiry=D(2021, 1, 1),
        upper=Duration(6, "months"),
    )
    table = ProcessingTimes([renewal])
    # 2021-06-01 + 6 months = 2021-12-01, already passed on 2022-01-15: the day after is given
    assert table.outside_since(
        "I-90", "MIA", received_on=D(2021, 6, 1), as_of=D(2022, 1, 15)
    ) == OutsideFinding(
        D(2022, 1, 16),
        True,
        renewal,
        "Not outside normal processing times on 2022-01-15 (receipt date for a case inquiry "
        "2021-01-01); estimated from the receipt date plus 6 months, the longer end of the range "
        "in the snapshot fetched 2022-01-10 (published 2022-01-03). That estimate has already "
        "passed while the "
        "published date says not yet, so the day after 2022-01-15 is given.",
    )


def test_a_suppressed_snapshot_with_a_date_answers_nothing() -> None:
    hidden = entry("N-400", NATZ, D(2022, 1, 10), inquiry=D(2020, 6, 1), suppressed=True)
    table = ProcessingTimes([hidden])
    assert table.is_outside("N-400", "MIA", received_on=D(2020, 5, 31), on=D(2022, 1, 10)) is None
    assert table.case_inquiry_date("N-400", "MIA", as_of=D(2022, 1, 10)) is None


def test_categories_fold_case_and_runs_of_spaces_only() -> None:
    assert processing_times.fold_category("  I-485   Family ") == "i-485 family"
    assert processing_times.fold_category("160A") == "160a"
    # Categories that differ by more than case and spacing stay apart.
    one = entry("N-400", "A B", D(2022, 1, 10), inquiry=D(2020, 6, 1))
    other = entry("N-400", "AXX XXB", D(2022, 1, 10), inquiry=D(2020, 7, 1))
    table = ProcessingTimes([one, other])
    assert table.categories("N-400", "MIA") == ("A B", "AXX XXB")
    assert table.lookup("N-400", "MIA", category="a  b", as_of=D(2022, 1, 10)) == one


def test_bad_look_up_values_are_shown_as_given(table: ProcessingTimes) -> None:
    with pytest.raises(InvalidValue) as caught:
        table.lookup("N-400", 3, as_of=D(2022, 2, 10))
    assert (caught.value.field, caught.value.value) == ("office", 3)
    with pytest.raises(InvalidValue) as caught:
        table.lookup("N-400", "MIA", as_of="2022-02-10")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("as_of", "2022-02-10")
    with pytest.raises(InvalidValue) as caught:
        table.lookup("N-400", "MIA", as_of=dt.datetime(2022, 2, 10))
    assert (caught.value.field, caught.value.value) == ("as_of", dt.datetime(2022, 2, 10))


def test_an_estimate_without_a_published_case_inquiry_date_says_so() -> None:
    # Not suppressed, but no receipt date for a case inquiry: the range still gives an estimate.
    undated = entry("I-90", "I-90 Renewal", D(2022, 1, 10), upper=Duration(6, "months"))
    table = ProcessingTimes([undated])
    found = table.outside_since("I-90", "MIA", received_on=D(2021, 12, 1), as_of=D(2022, 1, 15))
    assert found == OutsideFinding(
        D(2022, 6, 1),
        True,
        undated,
        "Not outside normal processing times on 2022-01-15 (receipt date for a case inquiry not "
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
    first_inquiry: dt.date, undone: bool
) -> None:
    january = entry("N-400", NATZ, D(2022, 1, 10), inquiry=first_inquiry)
    february = entry(
        "N-400", NATZ, D(2022, 2, 10), inquiry=D(2020, 5, 1), upper=Duration(24, "months")
    )
    table = ProcessingTimes([january, february])
    found = table.outside_since("N-400", "MIA", received_on=D(2020, 6, 1), as_of=D(2022, 2, 15))
    expected = (
        "Not outside normal processing times on 2022-02-15 (receipt date for a case inquiry "
        "2020-05-01); estimated from the receipt date plus 24 months, the longer end of the range "
        "in the snapshot fetched 2022-02-10 (publication date not given)."
    )
    if undone:
        expected += (
            " The case was outside by the snapshot fetched 2022-01-10, but USCIS has since moved "
            "the receipt date for a case inquiry back."
        )
    assert found == OutsideFinding(D(2022, 6, 1), True, february, expected)


def test_a_form_that_is_not_a_string_is_named_with_its_value() -> None:
    with pytest.raises(InvalidValue) as info:
        ProcessingTimes().lookup(5, "MIA", as_of=D(2022, 1, 1))
    assert str(info.value) == (
        "form: must be a string; got 5; expected a USCIS form number such as 'I-485', 'N-400', "
        "'I-129CW' or 'N-600K'"
    )
    assert info.value.value == 5
