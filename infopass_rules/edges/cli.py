"""The command line: ``python -m infopass_rules demo`` and ``python -m infopass_rules next``.

``demo`` decides the bundled example docket and prints each decision with its explanation.
``next CASE.json`` decides one case from a JSON file ``{"case": {...}, "history": [...]}`` in the
:func:`~infopass_rules.serialization.dumps` format (each history item tagged ``"kind":
"inquiry"`` or ``"kind": "appointment"``). Bad input prints one line on stderr naming the
problem and exits with status 2, without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue

__all__ = ["main"]

EXIT_BAD_INPUT = 2


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
    demo.add_argument("--json", action="store_true", help="print decisions as JSON lines")
    demo.add_argument("--markdown", action="store_true", help="print explanations as Markdown")
    nxt = commands.add_parser("next", help="decide one case from a JSON file")
    nxt.add_argument("case_file", metavar="CASE.json", help='{"case": {...}, "history": [...]}')
    nxt.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help='the date to decide for (default: the file\'s "as_of", else today)',
    )
    nxt.add_argument("--json", action="store_true", help="print the decision as JSON")
    nxt.add_argument("--markdown", action="store_true", help="print the explanation as Markdown")
    return parser


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(text: str, field: str) -> _dt.date:
    # Only YYYY-MM-DD: date.fromisoformat also takes 2014-W01-1 (an ISO week) and 20140101.
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(
            "is not a date", field=field, value=text, expected="YYYY-MM-DD"
        ) from None


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
    from infopass_rules.edges.json import dumps, from_jsonable, load_history, parse_json
    from infopass_rules.engine.next_action import next_action
    from infopass_rules.facts.case import Case
    from infopass_rules.times.readers.files import read_bytes

    path = Path(args.case_file)
    raw = read_bytes(str(path), str(path))  # a regular file, of at most MAX_FILE_BYTES
    try:
        document = parse_json(raw)  # guarded: depth, huge numbers, repeated keys
    except InfopassRulesError as exc:
        raise exc.at(str(path)) from None
    if not isinstance(document, dict) or "case" not in document:
        raise InvalidData(
            'must be a JSON object with a "case" key',
            field=f"{path}: $",
            expected='{"case": {...}, "history": [...], "as_of": "YYYY-MM-DD"}',
        )
    unknown = sorted(set(document) - {"case", "history", "as_of"})
    if unknown:
        raise InvalidData(
            "has unknown keys",
            field=f"{path}: $",
            value=unknown,
            expected='only "case", "history" and "as_of"',
        )
    try:
        case = from_jsonable(document["case"], Case, path="$.case")
        history = load_history(document.get("history", []), path="$.history")
    except InfopassRulesError as exc:
        raise exc.at(str(path)) from None
    if args.as_of is not None:
        as_of = _date(args.as_of, "--as-of")
    elif "as_of" in document:
        as_of = _date(str(document["as_of"]), f"{path}: $.as_of")
    else:
        as_of = _dt.date.today()  # the shell's date; the engine itself never reads a clock
        print(
            f"(deciding as of today, {as_of.isoformat()}; pass --as-of to choose)", file=sys.stderr
        )
    decision = next_action(case, history, as_of=as_of)
    if args.json:
        print(dumps(decision))
    else:
        print(decision.explain("markdown" if args.markdown else "text"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    try:
        args = _parser().parse_args(argv)
        return _demo(args) if args.command == "demo" else _next(args)
    except InfopassRulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
