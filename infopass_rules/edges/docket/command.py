"""``python -m infopass_rules docket``: the firm's whole docket, decided, from the command line.

::

    python -m infopass_rules docket [CASES [HISTORY]] [--as-of D] [--processing-times PATH]
        [--format table|csv|json|markdown] [--output FILE] [--plan --attorneys A,B [--ics FILE]]

Without CASES it decides the bundled example docket (as of its own morning, 2019-02-25, unless
``--as-of`` says otherwise). ``CASES`` may be ``-`` for standard input. ``--format json`` writes
JSON Lines, one docket row per line (the ``docket_row`` JSON Schema). ``--plan`` places the cases
that call for an INFOPASS appointment (``requests_from_decisions``), office by office, with the
attorneys named (``plan_appointments`` from ``--as-of``) and prints the plan; ``--ics`` writes it
(and the days of actions not yet allowed) as an iCalendar file. A progress bar shows on stderr for
a large docket when stderr is a terminal (with the ``tqdm`` extra installed).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import json
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any

from infopass_rules.edges.docket.model import ROW_FIELDS, DocketReport
from infopass_rules.edges.output import check_outputs, write_file
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts.text import md_escape, terminal_safe

__all__ = ["PROGRESS_MIN_CASES", "add_docket_command", "run_docket"]

#: The smallest docket for which a progress bar is shown (on a terminal).
PROGRESS_MIN_CASES = 2000
_FORMATS = ("table", "csv", "json", "markdown")
_TABLE = ("receipt_number", "office", "action", "step", "level", "earliest", "allowed")


def add_docket_command(commands: Any) -> argparse.ArgumentParser:
    """Add the ``docket`` subcommand to ``commands`` (an argparse subparsers object)."""
    docket = commands.add_parser(
        "docket", help="decide a whole docket (the bundled example without CASES)"
    )
    docket.add_argument(
        "cases", nargs="?", metavar="CASES", help="cases, CSV or JSON Lines ('-': stdin)"
    )
    docket.add_argument(
        "history",
        nargs="?",
        metavar="HISTORY",
        help="inquiries and appointments, CSV or JSON Lines",
    )
    docket.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to decide for")
    docket.add_argument(
        "--processing-times", metavar="PATH", help="USCIS processing times (a file or folder)"
    )
    docket.add_argument("--format", choices=_FORMATS, default="table", help="output format")
    docket.add_argument("--output", metavar="FILE", help="write the report here, not stdout")
    docket.add_argument(
        "--plan", action="store_true", help="plan INFOPASS appointments for the cases needing one"
    )
    docket.add_argument("--attorneys", metavar="A,B", help="who may hold appointments (--plan)")
    docket.add_argument("--ics", metavar="FILE", help="write the plan as an iCalendar file")
    return docket  # type: ignore[no-any-return]


def run_docket(args: argparse.Namespace) -> int:
    """Run ``docket`` with parsed arguments; returns the exit status (0)."""
    from infopass_rules.edges.as_of import command_as_of
    from infopass_rules.edges.docket.deciding import decide_docket
    from infopass_rules.edges.docket.example import EXAMPLE_AS_OF, example_docket
    from infopass_rules.edges.docket.reading import read_docket

    if (args.attorneys or args.ics) and not args.plan:
        raise InvalidValue(
            "need --plan", field="--attorneys/--ics", expected="--plan --attorneys A,B"
        )
    attorneys = [a.strip() for a in (args.attorneys or "").split(",") if a.strip()]
    if args.plan and not attorneys:
        raise InvalidValue(
            "is missing", field="--attorneys", expected="--attorneys A,B with --plan"
        )
    inputs = [p for p in (args.cases, args.history, args.processing_times) if p is not None]
    outputs = [(o, p) for o, p in (("--output", args.output), ("--ics", args.ics)) if p]
    check_outputs(outputs, inputs)  # before any work: no input is ever overwritten
    if args.cases is None:
        if args.history is not None:  # pragma: no cover - argparse fills cases first
            raise InvalidValue("needs CASES", field="HISTORY")
        docket = example_docket()
        default_day: _dt.date | None = EXAMPLE_AS_OF
    else:
        cases = standard_input() if args.cases == "-" else args.cases
        docket = read_docket(cases, args.history)
        default_day = None
    as_of = command_as_of(args.as_of, default_day, "--as-of", doing="deciding")
    times = None
    if args.processing_times is not None:
        from infopass_rules.times.table import load_processing_times

        times = load_processing_times(args.processing_times)
    report = decide_docket(
        docket, as_of=as_of, processing_times=times, progress=_progress(len(docket.cases))
    )
    text = _render(report, args.format)
    if args.plan:
        from infopass_rules.edges.docket.plan_text import plan_text

        plan_words, calendar = plan_text(report, attorneys, want_ics=args.ics is not None)
        if args.format in ("table", "markdown"):
            text += "\n" + plan_words
        else:
            print(plan_words, file=sys.stderr, end="")
        if args.ics is not None:
            write_file(args.ics, calendar or b"", field="--ics", inputs=inputs)
    if args.output is not None:
        write_file(args.output, text.encode("utf-8"), field="--output", inputs=inputs)
    else:
        sys.stdout.write(text)
    return 0


def _progress(cases: int) -> Callable[[Iterable[int]], Iterable[int]] | None:
    if cases < PROGRESS_MIN_CASES or not sys.stderr.isatty():
        return None
    try:
        import tqdm
    except ImportError:  # an optional extra: no bar without it
        return None

    def bar(indexes: Iterable[int]) -> Iterable[int]:
        wrapped: Iterable[int] = tqdm.tqdm(
            indexes, total=cases, unit="case", file=sys.stderr, leave=False
        )
        return wrapped

    return bar


def standard_input() -> IO[bytes]:
    """Standard input as bytes (the docket reader and ``next -`` decode it themselves).

    Raises:
        InvalidData: standard input is closed (``<&-``) or is no file.
    """
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None or getattr(stream, "closed", False) or not hasattr(stream, "read"):
        raise InvalidData("is closed", field="<stdin>", expected="the file on standard input ('-')")
    return stream  # type: ignore[return-value]


def _render(report: DocketReport, format: str) -> str:
    if format == "csv":
        return report.to_csv_text()
    if format == "json":
        return "".join(
            json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
            for row in report.rows()
        )
    rows = report.rows()
    counts = ", ".join(f"{a.name} {n}" for a, n in report.counts.items() if n)
    summary = (
        f"{len(report.decisions)} cases decided as of {report.as_of.isoformat()} "
        f"(rule set {report.ruleset_version}); {len(report.errors)} errors. {counts}."
    )
    if format == "markdown":
        out = io.StringIO()
        out.write("| " + " | ".join(ROW_FIELDS[:7]) + " | error |\n")
        out.write("|" + "---|" * 8 + "\n")
        for row in rows:
            cells = [md_escape(_cell(row[k])) for k in (*_TABLE, "error")]
            out.write("| " + " | ".join(cells) + " |\n")
        out.write(f"\n{summary}\n")
        return out.getvalue()
    # Every cell as the terminal shows it: an ESC or a line break in a file's cell is written
    # escaped (terminal_safe), never sent to the terminal.
    table = [list(_TABLE), *([terminal_safe(_cell(r[k])) for k in _TABLE] for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(_TABLE))]
    out = io.StringIO()
    for n, line in enumerate(table):
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        if row["error"]:
            out.write(f"error: {terminal_safe(row['error'])}\n")
    out.write(f"\n{summary}\n")
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
