"""Write the JSON Schemas of the dumps format into docs/schemas/ (one file a class).

Run after changing a class of the format: ``python scripts/write_schemas.py``;
tests/edges/test_schema.py checks that the files are what ``json_schema`` builds.
"""

from __future__ import annotations

import json
from pathlib import Path

import infopass_rules as ir
from infopass_rules.edges.schema import DOCKET_REPORT, DOCKET_ROW

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"
CLASSES: dict[str, object] = {
    "Case": ir.Case,
    "Inquiry": ir.Inquiry,
    "Appointment": ir.Appointment,
    "Decision": ir.Decision,
    "DocketRow": DOCKET_ROW,
    "DocketReport": DOCKET_REPORT,
}


def main() -> None:
    SCHEMAS.mkdir(exist_ok=True)
    for name, cls in CLASSES.items():
        text = json.dumps(ir.json_schema(cls), indent=2, ensure_ascii=False) + "\n"  # type: ignore[arg-type]
        (SCHEMAS / f"{name}.json").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
