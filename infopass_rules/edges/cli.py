"""The command line: ``python -m infopass_rules docket``, ``demo``, ``next``, ``record`` and
``serve``.

``serve [--host 127.0.0.1] [--port 8000]`` runs the HTTP service (the ``serve`` extra): see
:mod:`infopass_rules.edges.service`.

``docket [CASES [HISTORY]]`` decides a whole docket (the bundled example without CASES): see
:mod:`infopass_rules.edges.docket.command`.

``demo`` decides the bundled example docket and prints each decision with its explanation.
``next CASE.json`` decides one case from a JSON file ``{"case": {...}, "history": [...]}`` in the
:func:`~infopass_rules.serialization.dumps` format (each history item tagged ``"kind":
"inquiry"`` or ``"kind": "appointment"``). Bad input prints one line on stderr naming the
problem (control characters in it escaped) and exits with status 2, without a traceback; output
that cannot be written (a closed pipe, a full disk) is one line too, and status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from infopass_rules.edges.docket.command import add_docket_command, run_docket
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue
from infopass_rules.facts.text import terminal_safe

__all__ = ["main"]

EXIT_BAD_INPUT = 2
#: The status when the output could not be written (a closed pipe, a full device).
EXIT_OUTPUT_FAILED = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own errors follow the same one-line, status-2 contract.
        raise InvalidValue(message, field="arguments")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m infopass_rules",
        description="USCIS INFOPASS and Contact Center procedures: the next allowed "
        "action for a case, its earliest date and its sources.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="decide the bundled example docket")
    demo_format = demo.add_mutually_exclusive_group()
    demo_format.add_argument("--json", action="store_true", help="print decisions as JSON lines")
    demo_format.add_argument(
        "--markdown", action="store_true", help="print explanations as Markdown"
    )
    nxt = commands.add_parser("next", help="decide one case from a JSON file")
    nxt.add_argument(
        "case_file", metavar="CASE.json", help='{"case": {...}, "history": [...]} (\'-\': stdin)'
    )
    nxt.add_argument(
        "--processing-times", metavar="PATH", help="USCIS processing times (a file or folder)"
    )
    nxt.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help='the date to decide for (default: the file\'s "as_of", else today)',
    )
    nxt_format = nxt.add_mutually_exclusive_group()
    nxt_format.add_argument("--json", action="store_true", help="print the decision as JSON")
    nxt_format.add_argument(
        "--markdown", action="store_true", help="print the explanation as Markdown"
    )
    add_docket_command(commands)
    from infopass_rules.edges.record_command import add_record_command

    add_record_command(commands)
    from infopass_rules.edges.service.server import add_serve_command

    add_serve_command(commands)
    return parser


def _demo(args: argparse.Namespace) -> int:
    from infopass_rules.edges.demo import DEMO_DOCKET
    from infopass_rules.engine.next_action import next_action

    for n, entry in enumerate(DEMO_DOCKET, 1):
        decision = next_action(entry.case, entry.history, as_of=entry.as_of)
        if args.json:
            from infopass_rules.edges.json import dumps

            print(dumps(decision))
            continue
        rule = "=" * 78
        print(f"{rule}\n{n}. {entry.title}\n{rule}")
        print(decision.explain("markdown" if args.markdown else "text"))
        print()
    return 0


def _next(args: argparse.Namespace) -> int:
    from infopass_rules.edges.as_of import command_as_of
    from infopass_rules.edges.case_file import read_case_file
    from infopass_rules.edges.json import dumps
    from infopass_rules.engine.next_action import next_action
    from infopass_rules.times.readers.files import MAX_FILE_BYTES, read_bytes

    path = Path(args.case_file)
    if args.case_file == "-":
        path = Path("<stdin>")
        from infopass_rules.edges.docket.command import standard_input

        stream = standard_input()
        try:
            raw = stream.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:  # closed underneath, or unreadable
            raise InvalidData(f"cannot be read ({exc})", field="<stdin>") from None
        if len(raw) > MAX_FILE_BYTES:
            raise InvalidData(
                "is too large", field="<stdin>", expected=f"at most {MAX_FILE_BYTES} bytes"
            )
    else:
        raw = read_bytes(str(path), str(path))  # a regular file, of at most MAX_FILE_BYTES
    case, history, given_as_of = read_case_file(raw, str(path))
    as_of = command_as_of(args.as_of, given_as_of, f"{path}: $.as_of", doing="deciding")
    times = None
    if args.processing_times is not None:
        from infopass_rules.times.table import load_processing_times

        times = load_processing_times(args.processing_times)
    decision = next_action(case, history, as_of=as_of, processing_times=times)
    if args.json:
        print(dumps(decision))
    else:
        print(decision.explain("markdown" if args.markdown else "text"))
    return 0


def one_line(text: str) -> str:
    """``text`` with every control character, line separator and lone surrogate escaped as
    ``repr`` writes it, so a file name or argument cannot break the line or drive the terminal."""
    return terminal_safe(text)


def _quiet_stdout() -> None:
    # The Python docs' advice on SIGPIPE: point stdout at devnull, so that the interpreter's
    # last flush at exit does not fail again on the closed pipe or the full device.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is no file (captured, say)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 1 output failed)."""
    try:
        args = _parser().parse_args(argv)
        from infopass_rules.edges.record_command import run_record
        from infopass_rules.edges.service.server import run_serve

        commands = {
            "demo": _demo,
            "next": _next,
            "docket": run_docket,
            "record": run_record,
            "serve": run_serve,
        }
        status = commands[args.command](args)
        sys.stdout.flush()  # a write error (a full disk) shows here, not at exit
        return status
    except InfopassRulesError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        print("error: the output was closed before it was all written", file=sys.stderr)
        return EXIT_OUTPUT_FAILED
    except OSError as exc:  # the output cannot be written: /dev/full, a disk full
        _quiet_stdout()
        reason = one_line(exc.strerror or type(exc).__name__)
        print(f"error: the output cannot be written ({reason})", file=sys.stderr)
        return EXIT_OUTPUT_FAILED
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
