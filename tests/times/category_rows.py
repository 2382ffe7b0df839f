"""The category-names table rebuilt from the raw USCIS files, without the library.

``derive_rows`` is how ``infopass_rules/times/categories.csv`` was built, and the tests rebuild
it with it: from the full shared data they must get the shipped rows exactly; from the slice kept
in ``tests/data`` (a fresh clone) every row they get must agree with the shipped one.

The rules (the CSV's header says the same):

1. Every CSV category is a row: its code (``form_subtype``), its description
   (``subtype_info_en``, runs of white space made one space).
2. A JSON ``form_type`` equal to a CSV code of the same form is that row ("same name").
3. Otherwise a JSON ``form_type`` whose description equals, ignoring case and spacing, the
   description of one CSV code of the same form is that code's row ("same description").
4. Otherwise the ``JUDGEMENTS`` below, each with its reason.
5. Otherwise the JSON category is a row of its own, its ``form_type`` being its code; a
   ``form_type`` that is not a code (it starts with the form number, as ``I-485 Family`` does)
   stops the build, for a person to judge.

A category's description is the latest published (the CSV's, else the latest JSON snapshot's);
the other wordings seen are kept in ``other_descriptions``, latest first.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

#: JSON form_type -> (CSV code, reason), where rules 2 and 3 cannot tie them.
JUDGEMENTS: dict[tuple[str, str], tuple[str, str]] = {
    ("I-485", "I-485 All Other"): (
        "131A-HRIFA",
        "judgement: I-485's residual category; the JSON's name says All Other and its "
        "description names HRIFA first, the CSV's code names HRIFA and its description is "
        "'All other applications'",
    ),
}

COLUMNS = (
    "form",
    "code",
    "form_type",
    "description",
    "other_descriptions",
    "seen_in",
    "joined_by",
)


@dataclass
class _Row:
    form_type: str = ""
    descriptions: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    joined_by: str = ""

    def describe(self, text: str) -> None:
        if text not in self.descriptions:
            self.descriptions.append(text)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return _clean(text).casefold()


def derive_rows(folder: Path, csv_path: Path) -> list[dict[str, str]]:
    """The table's rows, sorted by form and code, from a folder of JSON answers and the CSV."""
    rows: dict[tuple[str, str], _Row] = {}
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            row = rows.setdefault((record["form_name"], record["form_subtype"]), _Row())
            row.seen.add("csv")
            if record["subtype_info_en"] not in ("", "NA"):
                row.describe(_clean(record["subtype_info_en"]))
    # (form, form_type) -> {description: the latest day it was fetched}
    answers: dict[tuple[str, str], dict[str, str]] = {}
    for file in sorted(folder.glob("*/*/*.json")):
        answer = json.loads(file.read_text(encoding="utf-8"))["data"]["processing_time"]
        for item in answer["subtypes"]:
            described = answers.setdefault((answer["form_name"], item["form_type"]), {})
            text = item.get("subtype_info_en")
            if isinstance(text, str) and text.strip() not in ("", "NA"):
                described[_clean(text)] = max(described.get(_clean(text), ""), file.stem)
    for (form, form_type), described in sorted(answers.items()):
        latest_first = sorted(described, key=lambda d: (described[d], d), reverse=True)
        code, joined_by = _join(rows, form, form_type, latest_first)
        row = rows.setdefault((form, code), _Row())
        assert row.form_type in ("", form_type), f"{form} {code}: two JSON names"
        row.form_type, row.joined_by = form_type, joined_by
        row.seen.add("json")
        for text in latest_first:
            row.describe(text)
    return [
        {
            "form": form,
            "code": code,
            "form_type": row.form_type,
            "description": row.descriptions[0] if row.descriptions else "",
            "other_descriptions": " | ".join(row.descriptions[1:]),
            "seen_in": " ".join(sorted(row.seen)),
            "joined_by": row.joined_by,
        }
        for (form, code), row in sorted(rows.items())
    ]


def _join(
    rows: dict[tuple[str, str], _Row], form: str, form_type: str, descriptions: list[str]
) -> tuple[str, str]:
    """The code of the row a JSON category joins, and how it was joined."""
    same = rows.get((form, form_type))
    if same is not None and "csv" in same.seen:
        return form_type, "same name"
    wanted = {_fold(d) for d in descriptions}
    matches = sorted(
        code
        for (other, code), row in rows.items()
        if other == form and "csv" in row.seen and wanted & {_fold(d) for d in row.descriptions}
    )
    assert len(matches) <= 1, f"{form} {form_type}: its description names {matches}"
    if matches:
        return matches[0], "same description"
    if (form, form_type) in JUDGEMENTS:
        return JUDGEMENTS[(form, form_type)]
    assert not form_type.upper().startswith(form.upper()), f"{form} {form_type!r}: judge it"
    return form_type, ""


def shipped_rows(text: str) -> list[dict[str, str]]:
    """The rows of the shipped file's text (its ``#`` lines are the provenance note)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def render(rows: list[dict[str, str]]) -> str:
    """The rows as the shipped file writes them, below its provenance note."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
