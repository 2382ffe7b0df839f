"""``python -m infopass_rules docket``: the firm's whole docket, decided, from the command line.

::

    python -m infopass_rules docket [CASES [HISTORY]] [--as-of D] [--processing-times PATH]
        [--columns MAP] [--history-columns MAP] [--date-format FMT] [--since PREVIOUS]
        [--format table|markdown|html|csv|json|jsonl] [--output FILE]
        [--plan --attorneys A,B [--attorney-column COLUMN] [--ics FILE]]

Without CASES it decides the bundled example docket (as of its own morning, 2019-02-25, unless
``--as-of`` says otherwise). ``CASES`` may be ``-`` for standard input. The formats are those of
:mod:`~.formats` (``table`` for the terminal, in the order to act on; ``json`` one document, the
``DocketReport`` JSON Schema; ``jsonl`` one row a line, the ``DocketRow`` schema).
``--since PREVIOUS`` compares with a report written before (json, jsonl or csv): each row's
``change`` and the cases gone (:func:`~.compare.compare_reports`). ``--plan`` places the cases
that call for an INFOPASS appointment (``requests_from_decisions``), office by office, with the
attorneys named (``plan_appointments`` from ``--as-of``) and prints the plan; ``--ics`` writes it
(and the days of actions not yet allowed) as an iCalendar file. A progress bar shows on stderr for
a large docket when stderr is a terminal (with the ``tqdm`` extra installed).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any

from infopass_rules.edges.docket.formats import FORMATS
from infopass_rules.edges.docket.model import DocketReport
from infopass_rules.edges.docket.read_options import add_read_options, docket_from_args
from infopass_rules.edges.output import check_outputs, write_file
from infopass_rules.errors import InvalidData, InvalidValue

__all__ = ["PROGRESS_MIN_CASES", "add_docket_command", "run_docket"]

#: The smallest docket for which a progress bar is shown (on a terminal).
PROGRESS_MIN_CASES = 2000


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
    add_read_options(docket)
    docket.add_argument("--format", choices=FORMATS, default="table", help="output format")
    docket.add_argument(
        "--since",
        metavar="PREVIOUS",
        help="a report written before (json, jsonl or csv): tell each case's change",
    )
    docket.add_argument("--output", metavar="FILE", help="write the report here, not stdout")
    docket.add_argument(
        "--plan", action="store_true", help="plan INFOPASS appointments for the cases needing one"
    )
    docket.add_argument("--attorneys", metavar="A,B", help="who may hold appointments (--plan)")
    docket.add_argument(
        "--attorney-column",
        metavar="COLUMN",
        help="the firm's column naming each case's attorney (--plan)",
    )
    docket.add_argument("--ics", metavar="FILE", help="write the plan as an iCalendar file")
    return docket  # type: ignore[no-any-return]


def run_docket(args: argparse.Namespace) -> int:
    """Run ``docket`` with parsed arguments; returns the exit status (0)."""
    from infopass_rules.edges.as_of import command_as_of
    from infopass_rules.edges.docket.deciding import decide_docket
    from infopass_rules.edges.docket.example import EXAMPLE_AS_OF, example_docket

    if (args.attorneys or args.ics or args.attorney_column) and not args.plan:
        raise InvalidValue(
            "need --plan",
            field="--attorneys/--ics/--attorney-column",
            expected="--plan --attorneys A,B",
        )
    attorneys = [a.strip() for a in (args.attorneys or "").split(",") if a.strip()]
    if args.plan and not attorneys:
        raise InvalidValue(
            "is missing", field="--attorneys", expected="--attorneys A,B with --plan"
        )
    inputs = [
        p for p in (args.cases, args.history, args.processing_times, args.since) if p is not None
    ]
    outputs = [(o, p) for o, p in (("--output", args.output), ("--ics", args.ics)) if p]
    check_outputs(outputs, inputs)  # before any work: no input is ever overwritten
    if args.cases is None:
        if args.history is not None:  # pragma: no cover - argparse fills cases first
            raise InvalidValue("needs CASES", field="HISTORY")
        docket = example_docket()
        default_day: _dt.date | None = EXAMPLE_AS_OF
    else:
        cases = standard_input() if args.cases == "-" else args.cases
        docket = docket_from_args(args, cases, args.history)
        default_day = None
    as_of = command_as_of(args.as_of, default_day, "--as-of", doing="deciding")
    times = None
    if args.processing_times is not None:
        from infopass_rules.times.table import load_processing_times

        times = load_processing_times(args.processing_times)
    report = decide_docket(
        docket, as_of=as_of, processing_times=times, progress=_progress(len(docket.cases))
    )
    if args.since is not None:
        from infopass_rules.edges.docket.compare import compare_reports, read_previous

        report = compare_reports(read_previous(args.since), report)
    text = _render(report, args.format)
    if args.plan:
        from infopass_rules.edges.docket.plan_text import plan_text

        plan_words, calendar = plan_text(
            report,
            attorneys,
            want_ics=args.ics is not None,
            attorney_column=args.attorney_column,
        )
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
    """The report in ``format`` (:meth:`DocketReport.render`)."""
    return report.render(format)
