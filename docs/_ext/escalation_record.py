"""Sphinx extension: the escalation-record page, generated from a demo case at build time.

``reference/escalation-record.md`` holds a ``{{ RECORD }}`` placeholder; when Sphinx reads the
page, it is replaced by the Markdown record of one case of the bundled demo docket
(:func:`infopass_rules.escalation_record`), and the same record's HTML page is written beside
the built site as ``escalation-record-example.html``, which the page links to and embeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import infopass_rules as ir
from infopass_rules.edges.demo import DEMO_DOCKET

DOCNAME = "reference/escalation-record"
PLACEHOLDER = "{{ RECORD }}"
HTML_NAME = "escalation-record-example.html"
#: The demo case shown: the Field Office Director reached after the three steps.
RECEIPT = "MSC1590033333"


def example() -> ir.Record:
    entry = next(e for e in DEMO_DOCKET if e.case.receipt_number == RECEIPT)
    return ir.escalation_record(entry.case, entry.history, as_of=entry.as_of)


def _source_read(app: Any, docname: str, source: list[str]) -> None:
    if docname == DOCNAME:
        # The record's headings sit one level down, under the page's own title.
        text = "\n".join(
            "#" + line if line.startswith("#") else line
            for line in example().to_markdown().splitlines()
        )
        source[0] = source[0].replace(PLACEHOLDER, text)


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        Path(app.outdir, HTML_NAME).write_text(example().to_html(), "utf-8")


def _always_outdated(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]):
    return [DOCNAME] if DOCNAME in env.found_docs else []


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_outdated)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
