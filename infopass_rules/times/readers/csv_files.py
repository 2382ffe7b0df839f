"""USCIS's flattened processing-times CSV, read into its entries.

One row per category of a form at an office, with the columns of :data:`CSV_COLUMNS`. A missing
value is written ``NA``; there is no suppressed column (an empty date is how suppression shows);
some rows are repeated verbatim. An error names the file, the line and the column.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Callable

from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime, form_from_text, office_from_text
from infopass_rules.times.readers.files import MAX_RANGE_VALUE, error_at, range_unit, read_text
from infopass_rules.times.readers.us_dates import US_DATE_EXPECTED, parse_us_date

__all__ = ["CSV_COLUMNS", "read_csv_file"]

#: The columns the CSV must have (in any order; others are ignored).
#: The optional column of a category's published description.
DESCRIPTION_COLUMN = "subtype_info_en"

CSV_COLUMNS = (
    "form_name",
    "form_subtype",
    "office_code",
    "publication_date",
    "range_upper",
    "range_upper_unit",
    "range_lower",
    "range_lower_unit",
    "service_request_date",
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NA = frozenset({"", "NA"})


def read_csv_file(path: str, fetched_on: _dt.date) -> list[PublishedTime]:
    reader = csv.reader(io.StringIO(read_text(path, path), newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise InvalidData("is empty", field=path, expected="a header line and rows") from None
    except csv.Error as exc:
        raise InvalidData(f"is not valid CSV ({exc})", field=f"{path}:line 1") from None
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:  # which of the two columns holds the value would be a guess
        raise InvalidData(
            f"repeats the column(s) {', '.join(repeated)}",
            field=f"{path}:line 1",
            expected="each column once",
        )
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InvalidData(
            f"lacks the column(s) {', '.join(missing)}",
            field=f"{path}:line 1",
            expected=f"a header with {', '.join(CSV_COLUMNS)}",
        )
    column = {name: header.index(name) for name in CSV_COLUMNS}
    # The category's published description, which joins its names across both formats: read
    # where the file has the column (USCIS's flattened CSV does).
    if DESCRIPTION_COLUMN in header:
        column[DESCRIPTION_COLUMN] = header.index(DESCRIPTION_COLUMN)
    entries = []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted cell can span lines)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InvalidData(f"is not valid CSV ({exc})", field=f"{path}:line {line}") from None
        if not row:
            continue  # a blank line
        if len(row) != len(header):
            raise InvalidData(
                f"has {len(row)} fields",
                field=f"{path}:line {line}",
                expected=f"{len(header)}, as in the header",
            )
        entries.append(_csv_row(row, column, f"{path}:line {line}", fetched_on))
    return entries


def _csv_row(
    row: list[str], column: dict[str, int], origin: str, fetched_on: _dt.date
) -> PublishedTime:
    def cell(name: str) -> str | None:
        text = row[column[name]].strip()
        return None if text in _NA else text

    def required(name: str, normalise: Callable[[str], str]) -> str:
        text = cell(name)
        if text is None:
            raise error_at(origin, name, "is missing", expected="a value (not NA)")
        try:
            return normalise(text)
        except InfopassRulesError as exc:
            raise error_at(origin, name, exc.problem, text, exc.expected or "") from None

    def day(name: str) -> _dt.date | None:
        text = cell(name)
        try:
            return None if text is None else parse_us_date(text)
        except ValueError as exc:
            raise error_at(origin, name, str(exc), text, US_DATE_EXPECTED) from None

    def end(name: str) -> Duration | None:
        value, unit = cell(name), cell(f"{name}_unit")
        if value is None and unit is None:
            return None
        if value is None or unit is None:
            missing = name if value is None else f"{name}_unit"
            raise error_at(origin, missing, "is missing while its pair is given", "NA")
        if not _NUMBER.fullmatch(value):
            problem = "is negative" if _NUMBER.fullmatch(value.lstrip("-")) else "is not a number"
            raise error_at(origin, name, problem, value, "a non-negative number such as 29.5")
        number = float(value)
        if number > MAX_RANGE_VALUE:
            raise error_at(
                origin,
                name,
                "is too large to be a processing time",
                value,
                f"a number of months or weeks up to {MAX_RANGE_VALUE}",
            )
        return Duration(number, range_unit(unit, origin, f"{name}_unit"))

    inquiry = day("service_request_date")
    try:
        return PublishedTime(
            form=required("form_name", form_from_text),
            office=required("office_code", office_from_text),
            category=required("form_subtype", str.strip),
            fetched_on=fetched_on,
            published_on=day("publication_date"),
            case_inquiry_date=inquiry,
            upper=end("range_upper"),
            lower=end("range_lower"),
            # The CSV has no suppressed column: an empty (or NA) date is how suppression shows.
            suppressed=inquiry is None,
            origin=origin,
            description=cell(DESCRIPTION_COLUMN) if DESCRIPTION_COLUMN in column else None,
        )
    except InvalidValue as exc:  # pragma: no cover - every cell was checked above
        raise error_at(origin, str(exc.field), exc.problem, exc.value, exc.expected or "") from None
