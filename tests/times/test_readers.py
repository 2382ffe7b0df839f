"""The catalogue of malformed processing-times input: each is an InvalidData naming where it is.

Every case writes a small file to ``tmp_path`` and checks that loading it raises
:class:`InvalidData` whose message names the file and the JSON path (or the CSV line and column).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infopass_rules.errors import InvalidData
from infopass_rules.times.table import load_processing_times

FILE = "I-485/MIA/2022-02-19.json"
SUB = "$.data.processing_time.subtypes"


def _answer() -> dict[str, Any]:
    """A valid answer in the shape of the real ones (two subtypes, Spanish text included)."""

    def end(value: float, unit: str = "Months") -> dict[str, Any]:
        return {"unit": unit, "unit_en": unit, "unit_es": "Meses", "value": value}

    def subtype(name: str, inquiry: str) -> dict[str, Any]:
        return {
            "form_type": name,
            "publication_date": "January 28, 2022",
            "range": [end(29.5), end(9)],
            "service_request_date": inquiry,
            "service_request_date_es": "18 de septiembre de 2019",
            "subtype_info_es": "Solicitudes de Modificación Migratoria",
            "subtype_note_en": None,
        }

    return {
        "data": {
            "processing_time": {
                "form_name": "I-485",
                "office_code": "MIA",
                "form_info_es": "Solicitud para Registrar la Residencia Permanente",
                "range": None,
                "subtypes": [
                    subtype("I-485 Employment", "September 18, 2019"),
                    subtype("I-485 Family", "September 06, 2019"),
                ],
            }
        },
        "message": "Query was successful",
    }


def _write(root: Path, content: bytes | dict[str, Any] | list[Any], name: str = FILE) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = content if isinstance(content, bytes) else json.dumps(content).encode("utf-8")
    path.write_bytes(raw)
    return path


def _edit(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    doc = copy.deepcopy(_answer())
    change(doc)
    return doc


def _pt(doc: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = doc["data"]["processing_time"]
    return result


def _sub(doc: dict[str, Any], i: int) -> dict[str, Any]:
    result: dict[str, Any] = _pt(doc)["subtypes"][i]
    return result


def test_the_base_answer_is_valid(tmp_path: Path) -> None:
    _write(tmp_path, _answer())
    table = load_processing_times(tmp_path)
    assert table.categories("I-485", "MIA") == ("I-485 Employment", "I-485 Family")


JSON_CASES: list[tuple[str, bytes | dict[str, Any] | list[Any], str, str]] = [
    ("bad JSON", b'{"data": ', FILE, "is not valid JSON"),
    ("invalid UTF-8", b'{"data": "\xff\xfe"}', FILE, "is not valid UTF-8"),
    ("wrong top-level type", [1, 2], f"{FILE}: $", "must be a JSON object"),
    ("top-level null", b"null", f"{FILE}: $", "must be a JSON object"),
    ("missing data", {"message": "x"}, f"{FILE}: $.data", "is missing"),
    (
        "missing processing_time",
        {"data": {}},
        f"{FILE}: $.data.processing_time",
        "is missing",
    ),
    (
        "processing_time of the wrong type",
        {"data": {"processing_time": "none"}},
        f"{FILE}: $.data.processing_time",
        "wrong type",
    ),
    (
        "missing subtypes",
        _edit(lambda d: _pt(d).pop("subtypes")),
        f"{FILE}: {SUB}",
        "is missing",
    ),
    (
        "empty subtypes",
        _edit(lambda d: _pt(d).update(subtypes=[])),
        f"{FILE}: {SUB}",
        "is empty",
    ),
    (
        "subtype not an object",
        _edit(lambda d: _pt(d)["subtypes"].append("x")),
        f"{FILE}: {SUB}[2]",
        "must be an object",
    ),
    (
        "missing form_type",
        _edit(lambda d: _sub(d, 1).pop("form_type")),
        f"{FILE}: {SUB}[1].form_type",
        "is missing",
    ),
    (
        "empty form_type",
        _edit(lambda d: _sub(d, 1).update(form_type="  ")),
        f"{FILE}: {SUB}[1].form_type",
        "non-empty",
    ),
    (
        "missing service_request_date",
        _edit(lambda d: _sub(d, 0).pop("service_request_date")),
        f"{FILE}: {SUB}[0].service_request_date",
        "is missing",
    ),
    (
        "impossible date",
        _edit(lambda d: _sub(d, 1).update(service_request_date="February 30, 2021")),
        f"{FILE}: {SUB}[1].service_request_date",
        "is not a real date",
    ),
    (
        "ISO date instead of USCIS's format",
        _edit(lambda d: _sub(d, 0).update(publication_date="2022-01-28")),
        f"{FILE}: {SUB}[0].publication_date",
        "is not a date",
    ),
    (
        "Spanish month name",
        _edit(lambda d: _sub(d, 0).update(service_request_date="Septiembre 18, 2019")),
        f"{FILE}: {SUB}[0].service_request_date",
        "is not a date",
    ),
    (
        "date of the wrong type",
        _edit(lambda d: _sub(d, 0).update(service_request_date=20190918)),
        f"{FILE}: {SUB}[0].service_request_date",
        "wrong type",
    ),
    (
        "missing range",
        _edit(lambda d: _sub(d, 0).pop("range")),
        f"{FILE}: {SUB}[0].range",
        "is missing",
    ),
    (
        "range of one end",
        _edit(lambda d: _sub(d, 0)["range"].pop()),
        f"{FILE}: {SUB}[0].range",
        "two ends",
    ),
    (
        "range end not an object",
        _edit(lambda d: _sub(d, 0).update(range=[29.5, 9])),
        f"{FILE}: {SUB}[0].range[0]",
        "must be an object",
    ),
    (
        "missing value",
        _edit(lambda d: _sub(d, 1)["range"][0].pop("value")),
        f"{FILE}: {SUB}[1].range[0].value",
        "is missing",
    ),
    (
        "missing unit",
        _edit(lambda d: _sub(d, 1)["range"][1].pop("unit")),
        f"{FILE}: {SUB}[1].range[1].unit",
        "is missing",
    ),
    (
        "negative value",
        _edit(lambda d: _sub(d, 1)["range"][0].update(value=-3)),
        f"{FILE}: {SUB}[1].range[0].value",
        "negative",
    ),
    (
        "non-numeric value",
        _edit(lambda d: _sub(d, 0)["range"][1].update(value="nine")),
        f"{FILE}: {SUB}[0].range[1].value",
        "is not a number",
    ),
    (
        "boolean value",
        _edit(lambda d: _sub(d, 0)["range"][1].update(value=True)),
        f"{FILE}: {SUB}[0].range[1].value",
        "is not a number",
    ),
    (
        "value without a unit",
        _edit(lambda d: _sub(d, 0)["range"][1].update(unit="")),
        f"{FILE}: {SUB}[0].range[1].unit",
        "is empty while a value is given",
    ),
    (
        "unknown unit",
        _edit(lambda d: _sub(d, 1)["range"][0].update(unit="Days")),
        f"{FILE}: {SUB}[1].range[0].unit",
        "not a known unit",
    ),
    (
        "suppressed flag not a boolean",
        _edit(lambda d: _sub(d, 0).update(suppressed="yes")),
        f"{FILE}: {SUB}[0].suppressed",
        "wrong type",
    ),
    (
        "unknown office",
        _edit(lambda d: _pt(d).update(office_code="MSC")),
        f"{FILE}: $.data.processing_time.office_code",
        "not a USCIS office",
    ),
    (
        "not a form number",
        _edit(lambda d: _pt(d).update(form_name="adjustment")),
        f"{FILE}: $.data.processing_time.form_name",
        "not a form number",
    ),
    (
        "answer filed in another form's folder",
        _edit(lambda d: _pt(d).update(form_name="N-400")),
        f"{FILE}: $.data.processing_time.form_name",
        "does not match the folder",
    ),
    (
        "answer filed in another office's folder",
        _edit(lambda d: _pt(d).update(office_code="HIA")),
        f"{FILE}: $.data.processing_time.office_code",
        "does not match the folder",
    ),
    (
        "one category twice",
        _edit(lambda d: _sub(d, 1).update(form_type="I-485 Employment")),
        f"{FILE}: {SUB}[1].form_type",
        "repeats the category of subtypes[0]",
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "problem"),
    [case[1:] for case in JSON_CASES],
    ids=[case[0] for case in JSON_CASES],
)
def test_malformed_json_names_file_and_path(
    tmp_path: Path, content: bytes | dict[str, Any] | list[Any], where: str, problem: str
) -> None:
    _write(tmp_path, content)
    with pytest.raises(InvalidData) as info:
        load_processing_times(tmp_path)
    message = str(info.value)
    assert where in message
    assert problem in message


def test_a_subtype_with_a_null_range_keeps_its_date(tmp_path: Path) -> None:
    _write(tmp_path, _edit(lambda d: _sub(d, 0).update(range=None)))
    entry = next(iter(load_processing_times(tmp_path)))
    assert (entry.category, entry.upper, entry.lower) == ("I-485 Employment", None, None)
    assert entry.case_inquiry_date is not None
    assert not entry.suppressed


def test_a_folder_not_named_for_a_form_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, _answer(), "adjustments/MIA/2022-02-19.json")
    with pytest.raises(InvalidData, match="does not match the folder it is in"):
        load_processing_times(tmp_path)


def test_nan_value_is_refused(tmp_path: Path) -> None:
    raw = json.dumps(_answer()).replace('"value": 9}', '"value": NaN}', 1).encode()
    assert b"NaN" in raw
    _write(tmp_path, raw)
    with pytest.raises(InvalidData, match=r"subtypes\[0\]\.range\[1\]\.value: is not finite"):
        load_processing_times(tmp_path)


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(InvalidData, match="nested too deeply"):
        load_processing_times(tmp_path)


def test_a_single_file_error_names_the_path_given(tmp_path: Path) -> None:
    doc = _edit(lambda d: _sub(d, 1)["range"][0].update(value=-3))
    path = _write(tmp_path, doc, "2022-02-19.json")
    with pytest.raises(InvalidData) as info:
        load_processing_times(path)
    assert f"{path}: {SUB}[1].range[0].value: is negative" in str(info.value)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("I-485/MIA/2022-02-30.json", "impossible fetch date"),
        ("I-485/MIA/latest.json", "no fetch date"),
    ],
)
def test_bad_snapshot_file_names(tmp_path: Path, name: str, problem: str) -> None:
    _write(tmp_path, _answer(), name)
    with pytest.raises(InvalidData, match=problem) as info:
        load_processing_times(tmp_path)
    assert name in str(info.value)


def test_empty_folder_and_folder_without_snapshots(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="holds no processing-times file") as info:
        load_processing_times(tmp_path)
    assert str(tmp_path) in str(info.value)
    (tmp_path / "README.md").write_text("# notes\n")
    (tmp_path / "I-485" / "MIA").mkdir(parents=True)
    (tmp_path / "I-485" / "MIA" / "notes.txt").write_text("not data\n")
    with pytest.raises(InvalidData, match="holds no processing-times file"):
        load_processing_times(tmp_path)


def test_files_outside_the_layout_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, _answer())
    (tmp_path / "README.md").write_text("# notes\n")
    (tmp_path / "index.json").write_text("not even JSON")
    (tmp_path / ".cache" / "x").mkdir(parents=True)
    (tmp_path / ".cache" / "x" / "2022-01-01.json").write_text("junk")
    assert len(load_processing_times(tmp_path)) == 2


def test_missing_path_and_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="does not exist"):
        load_processing_times(tmp_path / "nowhere.json")
    other = tmp_path / "data.txt"
    other.write_text("x")
    with pytest.raises(InvalidData, match=r"neither a \.json file"):
        load_processing_times(other)


# --- CSV ------------------------------------------------------------------------------------------

HEADER = (
    "form_name,form_subtype,office_code,publication_date,form_note_en,form_note_es,range_upper,"
    "range_upper_unit,range_lower,range_lower_unit,service_request_date,subtype_info_en,"
    "subtype_info_es"
)
ROW_1 = 'N-400,160A,MIA,"October 18, 2024",NA,NA,17.5,Months,8,Months,"November 24, 2022",a,b'
ROW_2 = 'I-485,I-485 Family,MIA,"October 18, 2024",NA,NA,29.5,Months,9,Months,"May 01, 2021",a,b'
CSV_NAME = "uscis-processing-times-2024-10-30.csv"


def _csv(root: Path, *rows: str, header: str = HEADER) -> Path:
    path = root / CSV_NAME
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_the_base_csv_is_valid(tmp_path: Path) -> None:
    table = load_processing_times(_csv(tmp_path, ROW_1, ROW_2))
    assert len(table) == 2


CSV_CASES = [
    ("impossible date", ("May 01, 2021", "February 30, 2021"), "service_request_date: is not a"),
    ("negative value", (",29.5,", ",-29.5,"), "range_upper: is negative"),
    ("non-numeric value", (",29.5,", ",lots,"), "range_upper: is not a number"),
    ("unknown unit", (",9,Months,", ",9,Days,"), "range_lower_unit: is not a known unit"),
    ("value without unit", (",9,Months,", ",9,NA,"), "range_lower_unit: is missing"),
    ("NA form", ("I-485,I-485 Family", "NA,I-485 Family"), "form_name: is missing"),
    ("unknown office", (",MIA,", ",MSC,"), "office_code"),
    ("too few fields", (",a,b", ",a"), "has 12 fields"),
]


@pytest.mark.parametrize(
    ("old_new", "problem"),
    [case[1:] for case in CSV_CASES],
    ids=[case[0] for case in CSV_CASES],
)
def test_malformed_csv_names_file_and_line(
    tmp_path: Path, old_new: tuple[str, str], problem: str
) -> None:
    # ROW_1 spans two physical lines (a quoted note with a line break), so ROW_2 is on line 4.
    row_1 = ROW_1.replace(",NA,NA,", ',"a note\nover two lines",NA,', 1)
    bad = ROW_2.replace(*old_new, 1)
    assert bad != ROW_2
    path = _csv(tmp_path, row_1, bad)
    with pytest.raises(InvalidData) as info:
        load_processing_times(path)
    assert f"{path}:line 4" in str(info.value)
    assert problem in str(info.value)


def test_csv_missing_column_and_empty_file(tmp_path: Path) -> None:
    path = _csv(tmp_path, ROW_1, header=HEADER.replace("service_request_date,", ""))
    with pytest.raises(InvalidData, match=r"line 1.*service_request_date"):
        load_processing_times(path)
    path.write_text("")
    with pytest.raises(InvalidData, match="is empty"):
        load_processing_times(path)


def test_csv_syntax_error_names_its_line(tmp_path: Path) -> None:
    huge = ROW_2.replace(",a,b", "," + "x" * 200_000 + ",b")
    path = _csv(tmp_path, ROW_1, huge)
    with pytest.raises(InvalidData, match=r"line 3: is not valid CSV"):
        load_processing_times(path)


def test_csv_conflicting_rows_name_both_lines(tmp_path: Path) -> None:
    path = _csv(tmp_path, ROW_1, ROW_1.replace("17.5", "18"))
    with pytest.raises(InvalidData, match=r"line 2 and .*line 3"):
        load_processing_times(path)


def test_csv_without_a_date_in_its_name_needs_fetched_on(tmp_path: Path) -> None:
    path = tmp_path / "times.csv"
    path.write_text(HEADER + "\n" + ROW_1 + "\n", encoding="utf-8")
    with pytest.raises(InvalidData, match="fetched_on"):
        load_processing_times(path)
