"""``python -m infopass_rules record CASE.json``: a case's escalation record, from the command line.

``CASE.json`` is the file ``next`` reads: ``{"case": {...}, "history": [...]}`` in the
:func:`~infopass_rules.edges.json.dumps` format, with an optional ``"as_of"``. The record
(:func:`~infopass_rules.edges.record.escalation_record`) is printed as Markdown (the default) or
as a self-contained HTML page (``--format html``), on standard output or into ``--output FILE``;
``--to fod|ombudsman|congress`` addresses it to the Field Office Director (the default), the CIS
Ombudsman or a member of Congress, with what that recipient's rules ask for.

Bad input raises :class:`~infopass_rules.errors.InfopassRulesError`; the command line
(:func:`infopass_rules.edges.cli.main`) prints it on one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_record_command", "run_record"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def add_record_command(subparsers: Any) -> None:
    """Add the ``record`` command to the command line's sub-commands."""
    record = subparsers.add_parser(
        "record", help="a case's escalation record (its contacts with USCIS, what each counted as)"
    )
    record.add_argument("case_file", metavar="CASE.json", help='{"case": {...}, "history": [...]}')
    record.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help='the date of the record (default: the file\'s "as_of", else today)',
    )
    record.add_argument(
        "--format",
        choices=("markdown", "html"),
        default="markdown",
        help="Markdown (default) or a printable, self-contained HTML page",
    )
    record.add_argument(
        "--to",
        choices=("fod", "ombudsman", "congress"),
        default="fod",
        help="the recipient: the Field Office Director (default), the CIS Ombudsman "
        "(OMB-CASE-ASSIST) or a member of Congress (CONG-INQUIRY)",
    )
    record.add_argument("--output", metavar="FILE", help="write the record here (default: stdout)")


def run_record(args: argparse.Namespace) -> int:
    """Run ``record``: write the escalation record of the case in ``args.case_file``.

    Raises:
        InfopassRulesError: the file or an argument is bad (the caller prints one line, status 2).
    """
    from infopass_rules.edges.as_of import command_as_of
    from infopass_rules.edges.case_file import read_case_file
    from infopass_rules.edges.output import check_outputs, write_file
    from infopass_rules.edges.record import escalation_record
    from infopass_rules.times.readers.files import read_bytes

    if args.output is not None:  # before any work: the case file is never overwritten
        check_outputs([("--output", args.output)], [args.case_file])
    path = Path(args.case_file)
    raw = read_bytes(str(path), str(path))  # a regular file, of bounded size
    case, history, given_as_of = read_case_file(raw, str(path))
    as_of = command_as_of(args.as_of, given_as_of, f"{path}: $.as_of", doing="record")
    record = escalation_record(case, history, as_of=as_of, to=getattr(args, "to", "fod"))
    text = record.to_html() if args.format == "html" else record.to_markdown()
    if args.output is None:
        sys.stdout.write(text)
    else:
        # Atomic, never over the case file, the path named in every error.
        write_file(args.output, text.encode("utf-8"), field="--output", inputs=[args.case_file])
    return 0
