"""The docket: a firm's whole case list in, today's actions out.

:func:`read_docket` reads the cases (and their history) from CSV or JSON Lines files into a
:class:`Docket`; :func:`decide_docket` decides every case as of one date into a
:class:`DocketReport` (decisions in docket order, one error row per unusable row or undecidable
case, counts by action, one row per case for a person or a spreadsheet); :func:`compare_reports`
tells what changed since a previous report. :func:`example_docket` is a bundled, realistic docket
of 40 cases, decided as of :data:`EXAMPLE_AS_OF`.
"""

from infopass_rules.edges.docket.compare import compare_reports
from infopass_rules.edges.docket.deciding import decide_docket
from infopass_rules.edges.docket.example import (
    EXAMPLE_AS_OF,
    example_docket,
    example_docket_files,
)
from infopass_rules.edges.docket.model import (
    ROW_FIELDS,
    Docket,
    DocketReport,
    Entry,
    Row,
    RowError,
    due_of,
)
from infopass_rules.edges.docket.reading import CASE_FIELDS, HISTORY_FIELDS, read_docket

__all__ = [
    "CASE_FIELDS",
    "EXAMPLE_AS_OF",
    "HISTORY_FIELDS",
    "ROW_FIELDS",
    "Docket",
    "DocketReport",
    "Entry",
    "Row",
    "RowError",
    "compare_reports",
    "decide_docket",
    "due_of",
    "example_docket",
    "example_docket_files",
    "read_docket",
]
