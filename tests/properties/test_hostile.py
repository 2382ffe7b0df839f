"""Hostile files, streams and text: FIFOs, devices, links, huge files and odd paths are refused
with a typed error naming them, never a hang, an OSError or a silent skip."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infopass_rules.edges.cli import main
from infopass_rules.edges.json import dumps, from_jsonable, load_history, loads
from infopass_rules.engine.next_action import next_action
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts.case import MAX_DEADLINES, Case, Deadline
from infopass_rules.facts.enums import Circumstance
from infopass_rules.facts.history import (
    MAX_HISTORY_ITEMS,
    MAX_RECEIPTS_PER_APPOINTMENT,
    Appointment,
)
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.readers import files
from infopass_rules.times.readers.csv_files import CSV_COLUMNS
from infopass_rules.times.table import OutsideFinding, ProcessingTimes, load_processing_times
from tests.edges.test_cli import CASE, write_case
from tests.helpers import MIAMI_RECEIPT, miami
from tests.times.test_readers import FILE, _answer, _write


def _run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infopass_rules", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


# --- 1. one file-opening routine ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.json", "x-2024-10-30.csv"])
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with pytest.raises(InvalidData, match="not a regular file") as info:
        load_processing_times(fifo, fetched_on=None if name.endswith("csv") else _day())
    assert str(fifo) in str(info.value)


def _day() -> Any:
    import datetime

    return datetime.date(2022, 1, 1)


def test_the_cli_refuses_a_fifo_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    run = _run("next", str(fifo), "--as-of", "2024-01-01")
    assert run.returncode == 2
    assert "not a regular file" in run.stderr
    assert run.stderr.count("\n") == 1


def test_a_link_to_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "2022-01-01.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(InvalidData, match="not a regular file"):
        load_processing_times(link)
    assert main(["next", str(link)]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_folder_where_a_file_is_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "case.json"
    folder.mkdir()
    assert main(["next", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err
    assert str(folder) in err
    _write(tmp_path / "root", _answer())
    (tmp_path / "root" / "I-485" / "MIA" / "2022-02-02.json").mkdir()
    with pytest.raises(InvalidData, match="folder inside an office's folder") as info:
        load_processing_times(tmp_path / "root")
    assert "2022-02-02.json" in str(info.value)


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "2022-01-01.json"
    with big.open("wb") as handle:  # sparse: no disk used
        handle.truncate(files.MAX_FILE_BYTES + 1)
    with pytest.raises(InvalidData, match="MAX_FILE_BYTES"):
        load_processing_times(big)
    assert main(["next", str(big)]) == 2
    assert "MAX_FILE_BYTES" in capsys.readouterr().err


def test_at_most_limit_plus_one_bytes_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    real_stat, real_read = os.stat, os.read
    asked: list[int] = []

    def small(p: Any, *a: Any, **k: Any) -> os.stat_result:
        # The file grows after the size check: it looks 1 byte long, then holds 100.
        fields = list(real_stat(p, *a, **k))
        fields[6] = 1
        return os.stat_result(fields)

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "stat", small)
    monkeypatch.setattr(os, "read", read)
    with pytest.raises(InvalidData, match="larger than 10 bytes"):
        files.read_bytes(str(path), "f", limit=10)
    assert sum(asked) <= 11


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(InvalidData, match="loop of symbolic links") as info:
        load_processing_times(a, fetched_on=_day())
    assert str(a) in str(info.value)


def test_unreadable_files_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, who reads everything: the refusal is simulated.
    path = _write(tmp_path, _answer())

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(os, "open", denied)
        with pytest.raises(InvalidData, match="permission denied") as info:
            load_processing_times(path)
        assert str(path) in str(info.value)
    with monkeypatch.context() as m:
        m.setattr(os, "scandir", denied)
        with pytest.raises(InvalidData, match="permission denied") as info:
            load_processing_times(tmp_path)
        assert str(tmp_path) in str(info.value)


class _BytesPath:
    def __fspath__(self) -> Any:
        return b"/tmp/x.json"


class _IntPath:
    def __fspath__(self) -> Any:
        return 42


class _FailingPath:
    def __fspath__(self) -> Any:
        raise RuntimeError("no")


@pytest.mark.parametrize("path", [_BytesPath(), _IntPath(), _FailingPath(), "a\0b.json"])
def test_a_path_object_must_give_a_str(path: Any) -> None:
    with pytest.raises(InvalidValue) as info:
        load_processing_times(path)
    assert info.value.field == "path"


def test_a_json_file_at_the_wrong_depth_is_named(tmp_path: Path) -> None:
    _write(tmp_path, _answer())
    stray = tmp_path / "I-485" / "2022-01-02.json"
    stray.write_text(json.dumps(_answer()))
    with pytest.raises(InvalidData, match="outside an office's folder") as info:
        load_processing_times(tmp_path)
    assert "I-485/2022-01-02.json" in str(info.value)


def test_a_dangling_link_in_a_folder_is_named(tmp_path: Path) -> None:
    _write(tmp_path, _answer())
    (tmp_path / "I-485" / "MIA" / "2022-03-03.json").symlink_to(tmp_path / "gone.json")
    with pytest.raises(InvalidData, match="symbolic link to nothing") as info:
        load_processing_times(tmp_path)
    assert "I-485/MIA/2022-03-03.json" in str(info.value)


def test_hidden_entries_are_not_examined(tmp_path: Path) -> None:
    _write(tmp_path, _answer())
    (tmp_path / ".lock").symlink_to(tmp_path / "gone")
    (tmp_path / "I-485" / "MIA" / ".2022-03-03.json").symlink_to(tmp_path / "gone.json")
    assert len(load_processing_times(tmp_path)) == 2


def test_a_path_too_long_is_refused_alike_at_the_top_and_in_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, _answer())
    inner = tmp_path / FILE
    monkeypatch.setattr(files, "MAX_PATH_CHARS", len(str(inner)) - 1)
    with pytest.raises(InvalidData, match="too long") as top:
        load_processing_times(inner)
    with pytest.raises(InvalidData, match="too long") as folder:
        load_processing_times(tmp_path)
    assert top.value.problem == folder.value.problem
    assert top.value.expected == folder.value.expected


# --- 2. no silent guesses ----------------------------------------------------------------------


def test_a_processing_times_file_repeating_a_key_is_refused(tmp_path: Path) -> None:
    text = json.dumps(_answer()).replace(
        '"form_name": "I-485"', '"form_name": "I-485", "form_name": "I-130"'
    )
    path = _write(tmp_path, text.encode("utf-8"))
    with pytest.raises(InvalidData, match="given twice") as info:
        load_processing_times(path)
    assert info.value.field == f"{path}: $.data.processing_time.form_name"


def test_a_csv_header_repeating_a_column_is_refused(tmp_path: Path) -> None:
    columns = [*CSV_COLUMNS, "range_upper"]
    path = tmp_path / "times-2024-10-30.csv"
    path.write_text(",".join(columns) + "\n", "utf-8")
    with pytest.raises(InvalidData, match="repeats the column") as info:
        load_processing_times(path)
    assert "range_upper" in str(info.value)


@pytest.mark.parametrize(
    "as_of",
    ["2014-W01-1", "20140101", "2014-001", "2014-01-01T00:00", "\uff12\uff10\uff11\uff14-01-01"],
)
def test_the_cli_takes_dates_as_yyyy_mm_dd_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    path = write_case(tmp_path, CASE)
    assert main(["next", str(path), "--as-of", as_of]) == 2
    err = capsys.readouterr().err
    assert "--as-of" in err
    assert "YYYY-MM-DD" in err
    assert main(["next", str(write_case(tmp_path, {**CASE, "as_of": as_of}))]) == 2
    assert "$.as_of" in capsys.readouterr().err


# --- 3. limits before materialising --------------------------------------------------------------


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_a_duration_beyond_any_float_is_invalid_value(value: int) -> None:
    with pytest.raises(InvalidValue, match="finite") as info:
        Duration(value, "months")
    assert info.value.field == "value"


def _endless(field: str) -> Any:
    things = {
        "deadlines": Deadline(date(2020, 1, 1), "hearing"),
        "circumstances": Circumstance.HEALTH,
        "receipt_numbers": MIAMI_RECEIPT,
    }
    return itertools.repeat(things[field])


@pytest.mark.parametrize(
    ("build", "field", "limit"),
    [
        (lambda it: Case(MIAMI_RECEIPT, "MIA", deadlines=it), "deadlines", MAX_DEADLINES),
        (
            lambda it: Case(MIAMI_RECEIPT, "MIA", circumstances=it),
            "circumstances",
            len(Circumstance),
        ),
        (
            lambda it: Appointment(date(2020, 1, 1), "MIA", receipt_numbers=it),
            "receipt_numbers",
            MAX_RECEIPTS_PER_APPOINTMENT,
        ),
    ],
)
def test_an_endless_collection_is_refused_after_limit_plus_one_items(
    build: Any, field: str, limit: int
) -> None:
    counted = 0
    source = _endless(field)

    def counting() -> Any:
        nonlocal counted
        for item in source:
            counted += 1
            yield item

    with pytest.raises(InvalidValue, match="too many") as info:
        build(counting())
    assert info.value.field == field
    assert counted == limit + 1


def test_a_history_over_the_limit_is_refused_by_the_loader_and_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = {"kind": "inquiry", "on": "2015-02-01", "channel": "INFOPASS"}
    too_long = [item] * (MAX_HISTORY_ITEMS + 1)
    with pytest.raises(InvalidData, match="MAX_HISTORY_ITEMS") as info:
        load_history(too_long, path="$.history")
    assert info.value.field == "$.history"
    path = write_case(tmp_path, {**CASE, "history": too_long})
    assert main(["next", str(path), "--as-of", "2015-03-01"]) == 2
    assert "MAX_HISTORY_ITEMS" in capsys.readouterr().err


# --- 4. one text policy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["a\ud800b", "\udfff", "a\x00b", "a\rb", "a\x1b[31mb", "a\x7fb", "\x85x"]
)
@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda t: Deadline(date(2020, 1, 1), t), "what"),
        (lambda t: Case(MIAMI_RECEIPT, "MIA", category=t), "category"),
        (
            lambda t: Appointment(
                date(2020, 1, 1), "MIA", receipt_numbers=[MIAMI_RECEIPT], attorney=t
            ),
            "attorney",
        ),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused(
    build: Any, field: str, bad: str
) -> None:
    with pytest.raises(InvalidValue, match="holds the character U\\+") as info:
        build(bad)
    assert info.value.field == field


def test_tab_and_newline_are_text() -> None:
    assert Deadline(date(2020, 1, 1), "line one\n\tline two").what == "line one\n\tline two"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_every_text_that_constructs_survives_json(text: str) -> None:
    try:
        deadline = Deadline(date(2020, 1, 1), text)
    except InvalidValue:
        return
    assert loads(dumps(deadline), Deadline) == deadline


def test_a_bad_unit_names_the_accepted_units() -> None:
    with pytest.raises(InvalidData) as info:
        from_jsonable({"value": 3, "unit": "days"}, Duration)
    message = str(info.value)
    assert "CattrsError" not in message
    assert "typing.Literal" not in message
    assert "'months', 'weeks'" in message
    assert info.value.field == "$.unit"


# --- 5. the command line's output side --------------------------------------------------------


@pytest.mark.parametrize("name", ["a\nb.json", "a\x1b[31mred.json", "a\u2028b.json", "a\rb.json"])
def test_a_hostile_file_name_is_shown_escaped_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["next", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert "\r" not in err
    assert "\u2028" not in err
    assert repr(name)[1:-1] in err


def test_a_hostile_argument_is_shown_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "case.json", "--as-of", "2020\n\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err


def test_a_closed_pipe_ends_quietly() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "infopass_rules", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # the reader is gone before the first line is written
    err = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=60) != 0
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("error: ")


def test_a_full_device_ends_with_one_line() -> None:
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            [sys.executable, "-m", "infopass_rules", "demo"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1
    assert "cannot be written" in run.stderr


# --- 6. no duck typing ------------------------------------------------------------------------


class _LooksLikeATable:
    outside_since = None


@pytest.mark.parametrize("table", [_LooksLikeATable(), object(), "times.json"])
def test_processing_times_must_be_a_table(table: Any) -> None:
    with pytest.raises(InvalidValue, match="must be a ProcessingTimes") as info:
        next_action(miami(), (), as_of=date(2015, 3, 1), processing_times=table)
    assert info.value.field == "processing_times"


def test_next_action_refuses_an_endless_history_after_limit_plus_one_items() -> None:
    from infopass_rules.errors import InvalidHistory
    from infopass_rules.facts.enums import Channel
    from infopass_rules.facts.history import MAX_HISTORY_ITEMS, Inquiry

    case = Case("MSC1490012345", "MIA", outside_processing_times_on=date(2015, 1, 5))
    letter = Inquiry(on=date(2015, 1, 6), channel=Channel.MAIL)
    drawn = itertools.count()

    def endless() -> Any:
        for _ in drawn:
            yield letter

    with pytest.raises(InvalidHistory, match="MAX_HISTORY_ITEMS") as caught:
        next_action(case, endless(), as_of=date(2015, 2, 1))
    assert caught.value.field == "history"
    assert next(drawn) == MAX_HISTORY_ITEMS + 1  # read one past the limit, no more
    # At the limit itself the history is decided.
    next_action(case, [letter] * MAX_HISTORY_ITEMS, as_of=date(2015, 2, 1))


# --- 7. third round: dates past 2100, snapshots after their fetch, bounded messages, a firm's
# own table -------------------------------------------------------------------------------------

THIRD = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@THIRD
@given(st.integers(2101, 9999))
def test_t1_every_year_past_2100_has_its_federal_holidays(year: int) -> None:
    from infopass_rules.planning.calendar import closed_days, is_business_day

    def observed(day: date) -> date:
        shift = {5: -1, 6: 1}.get(day.weekday(), 0)
        return date.fromordinal(day.toordinal() + shift)

    for month, day in ((1, 1), (6, 19), (7, 4), (11, 11), (12, 25)):
        kept = observed(date(year, month, day))
        if kept.year == year:  # New Year's Day on a Saturday is kept in the year before
            assert not is_business_day(kept), kept
    thursdays = [d for d in range(1, 31) if date(year, 11, d).weekday() == 3]
    assert not is_business_day(date(year, 11, thursdays[3]))  # Thanksgiving Day
    weekdays = [d for d in closed_days(year) if d.weekday() < 5]
    assert 10 <= len(weekdays) <= 12


def test_t1_the_planner_books_no_call_on_christmas_2150() -> None:
    from infopass_rules import PlanRequest, plan_appointments

    christmas = date(2150, 12, 25)  # a Friday
    plan = plan_appointments(
        [PlanRequest(MIAMI_RECEIPT, christmas)],
        attorneys=["Ana"],
        office="MIA",
        start=date(2150, 12, 21),
        horizon_days=14,
    )
    booked = [c.on for c in plan.calls] + [a.on for a in plan.appointments]
    assert booked == [date(2150, 12, 28)]


def _published(fetched: date, **changes: Any) -> PublishedTime:
    fields: dict[str, Any] = {
        "form": "N-400",
        "office": "MIA",
        "category": "N-400",
        "fetched_on": fetched,
        "published_on": None,
        "case_inquiry_date": None,
        "upper": None,
        "lower": None,
        "suppressed": True,
        "origin": "test",
        **changes,
    }
    return PublishedTime(**fields)


@THIRD
@given(
    st.dates(date(1900, 1, 1), date(2199, 12, 31)),
    st.integers(-3650, 3650),
    st.sampled_from(["published_on", "case_inquiry_date"]),
)
def test_p1_no_snapshot_holds_a_date_after_its_fetch(fetched: date, shift: int, field: str) -> None:
    day = date.fromordinal(fetched.toordinal() + shift)
    if shift <= 0:
        assert getattr(_published(fetched, **{field: day}), field) == day
        return
    with pytest.raises(InvalidValue) as caught:
        _published(fetched, **{field: day})
    assert caught.value.field == field
    assert fetched.isoformat() in str(caught.value)


def test_p1_a_csv_row_of_2030_in_a_file_fetched_in_2024_is_refused(tmp_path: Path) -> None:
    header = ",".join(CSV_COLUMNS)
    row = 'N-400,N-400,MIA,"January 02, 2030",8,Months,6,Months,"June 01, 2024"'
    path = tmp_path / "uscis-processing-times-2024-10-30.csv"
    path.write_text(f"{header}\n{row}\n", "utf-8")
    with pytest.raises(InvalidData, match="after the day the snapshot was fetched") as caught:
        load_processing_times(path)
    assert caught.value.field == f"{path}:line 2: published_on"


@THIRD
@given(st.integers(0, 400), st.booleans())
def test_p4_a_category_error_stays_short_however_many_categories(count: int, named: bool) -> None:
    from infopass_rules.errors import MissingFact
    from infopass_rules.facts.validate import LISTED_IN_ERRORS

    table = _many_categories(count)
    if count == 0:
        assert table.lookup("N-400", "MIA", as_of=date(2024, 1, 1)) is None
        return
    if count == 1 and not named:
        assert table.lookup("N-400", "MIA", as_of=date(2024, 1, 1)) is not None
        return
    with pytest.raises(MissingFact) as caught:
        table.lookup("N-400", "MIA", category="nope" if named else None, as_of=date(2024, 1, 1))
    message = str(caught.value)
    assert len(message) < 1_000
    left = count - LISTED_IN_ERRORS
    assert message.endswith(f"... and {left:,} more" if left > 0 else f"'C{count - 1:05d}'")


def _many_categories(count: int) -> ProcessingTimes:
    fetched = date(2023, 12, 1)
    return ProcessingTimes(_published(fetched, category=f"C{i:05d}") for i in range(count))


_ENTRY = _published(date(2020, 1, 10), case_inquiry_date=date(2019, 6, 1), suppressed=False)
_FOUND = ProcessingTimes([_ENTRY]).outside_since(
    "N-400", "MIA", received_on=date(2019, 5, 1), as_of=date(2020, 3, 2)
)
_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=5),
    st.dates(),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(
        OutsideFinding,
        on=st.one_of(st.none(), st.dates(), st.text(max_size=3), st.integers()),
        estimated=st.one_of(st.booleans(), st.none()),
        entry=st.one_of(st.none(), st.just(_ENTRY), st.integers()),
        explanation=st.one_of(st.text(max_size=10), st.none()),
    ),
    st.just(_FOUND),
)


class _FirmTable:
    def __init__(self, outside: object, judged: object) -> None:
        self.outside, self.judged = outside, judged

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.outside

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.judged


@THIRD
@given(_ANYTHING, _ANYTHING)
def test_a_firms_table_returning_anything_is_decided_or_refused(
    outside: object, judged: object
) -> None:
    from infopass_rules.errors import InfopassRulesError
    from infopass_rules.facts.enums import Channel
    from infopass_rules.facts.history import Inquiry

    case = Case(MIAMI_RECEIPT, "MIA", form="N-400", category="N-400", received_on=date(2019, 5, 1))
    history = (Inquiry(date(2020, 1, 20), Channel.INFOPASS),)
    answer: object
    try:
        answer = next_action(
            case,
            history,
            as_of=date(2020, 3, 2),
            processing_times=_FirmTable(outside, judged),  # type: ignore[arg-type]
        )
    except InfopassRulesError as error:
        answer = error
    if isinstance(answer, InfopassRulesError):
        assert answer.field == "processing_times", answer
        assert len(str(answer)) < 2_000
    else:
        assert isinstance(outside, OutsideFinding)
        assert judged is None or isinstance(judged, bool)


# --- 8. third round: docket files, spreadsheet, Markdown and terminal output, writes that lose
# nothing (D1-D6, O1-O4, A2, C2, C5) ------------------------------------------------------------

_CELLS = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=30)
_ENDINGS = st.sampled_from(["\n", "\r", "\r\n"])


def _csv_text(rows: list[tuple[str, str]], ending: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(["receipt_number", "office"])
    writer.writerows(rows)
    return out.getvalue()


@THIRD
@given(st.lists(st.tuples(_CELLS, _CELLS), max_size=8), _ENDINGS, st.integers(0, 8))
def test_d1_d3_d4_every_row_is_a_case_or_an_error(
    rows: list[tuple[str, str]], ending: str, corrupt: int
) -> None:
    import io

    from infopass_rules.edges.docket import read_docket

    rows = [r for r in rows if any(c.strip() for c in r)]  # blank rows are no rows
    raw = _csv_text(rows, ending).encode("utf-8")
    if rows and corrupt < len(rows):  # one row with a byte that is not UTF-8 (D4)
        lines = raw.split(ending.encode())
        lines[corrupt + 1] += b"\xe9"
        raw = ending.encode().join(lines)
    docket = read_docket(io.BytesIO(raw))
    assert len(docket) == len(rows)


@THIRD
@given(st.lists(st.tuples(_CELLS, _CELLS), min_size=1, max_size=6), st.integers(0, 5))
def test_d3_a_stray_quote_swallows_no_row(rows: list[tuple[str, str]], where: int) -> None:
    import io

    from infopass_rules.edges.docket import read_docket

    rows = [(f"MSC18910{i:05d}", "MIA") for i in range(len(rows))]
    lines = _csv_text(rows, "\n").splitlines()
    where = 1 + where % len(rows)
    lines[where] = lines[where].replace(",", ',"', 1)
    docket = read_docket(io.StringIO("\n".join(lines) + "\n"))
    assert len(docket) == len(rows)
    assert [e.line for e in docket.errors] == [where + 1]


_HOSTILE_CELL = st.one_of(
    st.sampled_from(
        [
            '=HYPERLINK("http://x","y")',
            "=cmd|' /C calc'!A0",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "<img src=x onerror=alert(1)>\n# injected",
            "\x1b[2J\x1b[31m",
            "a|b",
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=20),
)


@THIRD
@given(st.lists(st.tuples(_HOSTILE_CELL, _HOSTILE_CELL), min_size=1, max_size=5))
def test_o1_o2_o3_no_cell_reaches_a_spreadsheet_markdown_or_terminal_as_written(
    rows: list[tuple[str, str]],
) -> None:
    import csv
    import io
    import re

    from infopass_rules.edges.docket import decide_docket, read_docket
    from infopass_rules.edges.docket.command import _render

    raw = _csv_text(rows, "\n")
    report = decide_docket(read_docket(io.StringIO(raw)), as_of=date(2019, 2, 25))
    for cell in (c for r in csv.reader(io.StringIO(report.to_csv_text())) for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    markdown = _render(report, "markdown")
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(report.rows())
    assert not re.search(r"(?<!\\)[<>]", "\n".join(table).replace("<br>", ""))  # a line break
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", _render(report, "table").replace("\n", ""))


def test_o4_explain_markdown_escapes_a_processing_times_category() -> None:
    from tests.edges.test_record import HOSTILE_CATEGORY, hostile_category_decision

    markdown = hostile_category_decision().explain("markdown")
    assert HOSTILE_CATEGORY not in markdown


@THIRD
@given(st.sampled_from([lambda it: list(it)[:3], lambda it: [10**6], lambda it: (), iter]))
def test_a2_no_progress_callback_changes_the_report(progress: Any) -> None:
    from infopass_rules.edges.docket import EXAMPLE_AS_OF, decide_docket, example_docket

    docket = example_docket()
    plain = decide_docket(docket, as_of=EXAMPLE_AS_OF)
    assert decide_docket(docket, as_of=EXAMPLE_AS_OF, progress=progress) == plain


def test_c2_c5_outputs_never_destroy_an_input_or_the_old_file(tmp_path: Path) -> None:
    from infopass_rules.edges.docket import example_docket_files

    cases_src, _ = example_docket_files()
    cases = tmp_path / "cases.csv"
    cases.write_bytes(cases_src.read_bytes())
    assert main(["docket", str(cases), "--output", str(cases)]) == 2
    assert cases.read_bytes() == cases_src.read_bytes()
    old = tmp_path / "old.csv"
    old.write_text("old")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
            "from infopass_rules.edges.cli import main; sys.exit(main(sys.argv[1:]))",
            "docket",
            str(cases),
            "--as-of",
            "2019-02-25",
            "--format",
            "csv",
            "--output",
            str(old),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert old.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "old.csv"]
