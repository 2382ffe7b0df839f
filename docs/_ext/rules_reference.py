"""Sphinx extension: the rules reference page, generated from the rule registry at build time.

``reference/rules.md`` in the source tree is a stub; when Sphinx reads it, its text is replaced
by :func:`infopass_rules.edges.reference.rules_reference_markdown`, the same function the tests
call. The page is re-read on every build, so it always shows the rule set the build imports.
"""

from __future__ import annotations

from typing import Any

from infopass_rules.edges.reference import rules_reference_markdown

DOCNAME = "reference/rules"


def _source_read(app: Any, docname: str, source: list[str]) -> None:
    if docname == DOCNAME:
        source[0] = rules_reference_markdown()


def _always_outdated(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]):
    return [DOCNAME] if DOCNAME in env.found_docs else []


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
