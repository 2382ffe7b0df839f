"""Text made safe for where it is shown: one escaping for Markdown, one for terminals, one for
spreadsheets. Every layer that writes text for a reader uses these (the engine's Markdown
explanation, the escalation record, the docket's Markdown, table and CSV output, the command
line's error line), so each kind of output is escaped the same way everywhere.

- :func:`md_escape`: the characters with a meaning in Markdown (or in the HTML it may carry)
  backslash-escaped, line breaks as ``<br>``: the text stays on its line or in its table cell.
- :func:`terminal_safe`: every control character (ESC and the C1 controls included), line or
  paragraph separator and lone surrogate written as ``repr`` writes it (``\\x1b``): a cell cannot
  move the cursor, clear the screen or break its line.
- :func:`spreadsheet_safe`: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading apostrophe (``'=HYPERLINK(...)``), as OWASP recommends against CSV (formula)
  injection, so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "md_escape", "spreadsheet_safe", "terminal_safe"]

# Characters with a meaning in Markdown (or in the HTML it may carry) inside a line or a table.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!{}])")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# Characters that would break a line or reach the terminal as a command.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The same, a tab left as it is (Markdown shows it as space).
_UNSAFE_IN_MARKDOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def md_escape(text: str) -> str:
    """``text`` safe in a Markdown table cell or line: special characters backslash-escaped,
    line breaks as ``<br>``; control characters but the tab (ESC included) as
    :func:`terminal_safe` writes them.

    >>> md_escape("<script>alert(1)</script> | *x*")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\| \\\\*x\\\\*'
    """
    lines = _NEWLINES.split(text.strip())
    return "<br>".join(_MD_SPECIAL.sub(r"\\\1", _controls(line)) for line in lines)


def _controls(line: str) -> str:
    return _UNSAFE_IN_MARKDOWN.sub(lambda m: repr(m.group())[1:-1], line)


def terminal_safe(text: str) -> str:
    """``text`` with every control character, line separator and lone surrogate escaped as
    ``repr`` writes it, so it cannot break its line or drive the terminal.

    >>> terminal_safe("MIA\\x1b[2J")
    'MIA\\\\x1b[2J'
    """
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading apostrophe when it starts as a formula would (``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return): a spreadsheet shows it as text (OWASP's advice against
    CSV injection).

    >>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")"), spreadsheet_safe("MIA")
    ('\\'=HYPERLINK("http://x")', 'MIA')
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
