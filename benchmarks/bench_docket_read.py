"""Docket reading beside its floor: ``read_docket`` over 100,000 cases (and their history) as a
ratio of ``csv.DictReader`` over the same files.

Not a test: figures vary by machine, and the ratio is what is compared (the bound is 4x, the goal
3x; it exits with 1 when a docket's ratio is above ``--bound``, 4.0). Times are CPU seconds
(``time.process_time``), each the best of its runs: the machine may be shared, and the two times
of a ratio are taken in the same run. Run ``python benchmarks/bench_docket_read.py``
(``--cases N`` for a smaller docket, ``--repeat R`` for the rounds each time is the best of, 5
by default; in each round the floor and the reader take turns, so that a drift of the machine's
speed slows both). It first writes two
dockets into a temporary folder (not timed), each copied again and again from a fixed seed with
a new receipt number a copy and its dates moved back by up to a year:

- *firm*: the firm's export of ``examples/firm`` (its own headers, ``MM/DD/YYYY`` dates, words
  such as ``PHONE``, ``Letter``, ``Y``, office names such as ``USCIS Kendall``, four columns of
  its own carried), read with ``examples/firm/columns.toml`` and ``date_format="us"``;
- *plain*: the bundled example docket as ``benchmarks/bench_docket_io.py`` writes it (the
  docket's own field names, ISO dates), read with no option.

For each it times ``csv.DictReader`` reading every row of both files (the floor: the least any
CSV reader in Python does) and ``read_docket(cases, history, ...)``, and prints the seconds, the
ratio, the rows a second and the peak of the memory Python allocated while reading
(``tracemalloc``, in a run of its own, not timed; ``--no-tracemalloc`` skips it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import random
import re
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import infopass_rules as ir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_docket_io import write_docket as write_plain_docket

SEED = 2026
FIRM = Path(__file__).resolve().parents[1] / "examples" / "firm"
_US_DATE = re.compile(r"\b([0-9]{2})/([0-9]{2})/([0-9]{4})\b")


def _shifted(text: str, days: int) -> str:
    """``text`` with every ``MM/DD/YYYY`` date in it moved by ``days``."""
    if not text or "/" not in text:
        return text
    delta = dt.timedelta(days=days)

    def move(m: re.Match[str]) -> str:
        day = dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2))) + delta
        return day.strftime("%m/%d/%Y")

    return _US_DATE.sub(move, text)


def write_firm_docket(folder: Path, n: int, seed: int = SEED) -> tuple[Path, Path, int]:
    """``n`` cases copied from the firm's export (and their history) into ``folder``; returns
    both paths and the number of history rows."""
    with (FIRM / "cases.csv").open(encoding="utf-8", newline="") as f:
        templates = list(csv.DictReader(f))
    with (FIRM / "history.csv").open(encoding="utf-8", newline="") as f:
        history_rows = list(csv.DictReader(f))
    history_of: dict[str, list[dict[str, str]]] = {}
    for row in history_rows:
        history_of.setdefault(row["Receipt #"], []).append(row)
    rng = random.Random(seed)
    cases_path, history_path = folder / "firm-cases.csv", folder / "firm-history.csv"
    written = 0
    with (
        cases_path.open("w", encoding="utf-8", newline="") as cases_out,
        history_path.open("w", encoding="utf-8", newline="") as history_out,
    ):
        cases = csv.DictWriter(cases_out, list(templates[0]), lineterminator="\r\n")
        history = csv.DictWriter(history_out, list(history_rows[0]), lineterminator="\r\n")
        cases.writeheader()
        history.writeheader()
        for i in range(n):
            template = rng.choice(templates)
            typed = template["Receipt #"]
            receipt = f"{typed[:3].upper()}{i:010d}"
            days = -rng.randrange(366)
            row = {k: _shifted(v, days) for k, v in template.items()}
            row["Receipt #"] = receipt
            row["Matter #"] = f"{2020 + i % 7}-{i:06d}"
            cases.writerow(row)
            for item in history_of.get(typed, ()):
                history.writerow(
                    dict(item, **{"Receipt #": receipt, "Date": _shifted(item["Date"], days)})
                )
                written += 1
    return cases_path, history_path, written


def _floor(cases: Path, history: Path) -> int:
    """What csv.DictReader does over both files: every row, as a dict."""
    rows = 0
    for path in (cases, history):
        with path.open(encoding="utf-8", newline="") as f:
            for _ in csv.DictReader(f):
                rows += 1
    return rows


def _interleaved(
    parts: dict[str, Callable[[], Any]], repeat: int
) -> tuple[dict[str, Any], dict[str, float]]:
    """Each part's result and best time over ``repeat`` rounds, the parts taking turns within
    a round (the floor, then the reader, then the floor again...): a machine whose speed drifts
    slows both sides of a ratio alike, where a block of runs of one then a block of the other
    would put the drift into the ratio."""
    best = dict.fromkeys(parts, float("inf"))
    results: dict[str, Any] = {}
    for _ in range(repeat):
        results = {}  # the previous round's results freed: each round starts from the same heap
        for name, fn in parts.items():
            gc.collect()
            began = time.process_time()
            results[name] = fn()
            best[name] = min(best[name], time.process_time() - began)
    return results, best


def _peak(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="docket size (100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds each time is the best of (5)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the memory run")
    parser.add_argument(
        "--bound", type=float, default=4.0, help="read_docket / DictReader at most (4.0)"
    )
    args = parser.parse_args(argv)
    if args.cases < 1 or args.repeat < 1:
        parser.error("--cases and --repeat must be at least 1")
    with (FIRM / "columns.toml").open("rb") as f:
        tables = tomllib.load(f)
    firm_options = {
        "columns": tables["columns"],
        "history_columns": tables["history_columns"],
        "date_format": "us",
    }
    print(f"{args.cases:,} cases a docket; best of {args.repeat} interleaved rounds; seed {SEED}")
    header = (
        "docket",
        "rows",
        "MiB",
        "DictReader s",
        "read_docket s",
        "ratio",
        "rows/s",
        "peak MiB",
    )
    print("{:7} {:>8} {:>5} {:>12} {:>13} {:>6} {:>9} {:>9}".format(*header))
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-docket-read-") as tmp:
        folder = Path(tmp)
        dockets = [
            ("firm", *write_firm_docket(folder, args.cases), firm_options),
            ("plain", *write_plain_docket(folder, args.cases), {}),
        ]
        for name, cases, history, _, options in dockets:
            size = (cases.stat().st_size + history.stat().st_size) / (1024 * 1024)
            results, best = _interleaved(
                {
                    "floor": lambda c=cases, h=history: _floor(c, h),
                    "read_docket": lambda c=cases, h=history, o=options: ir.read_docket(c, h, **o),
                },
                args.repeat,
            )
            rows, floor, docket, took = (
                results["floor"],
                best["floor"],
                results["read_docket"],
                best["read_docket"],
            )
            assert len(docket.cases) == args.cases, (name, len(docket.cases))
            assert docket.errors == (), docket.errors[:3]
            del docket, results
            peak = (
                ""
                if args.no_tracemalloc
                else f"{_peak(lambda c=cases, h=history, o=options: ir.read_docket(c, h, **o)):.0f}"
            )
            print(
                f"{name:7} {rows:8,} {size:5.1f} {floor:12.2f} {took:13.2f} "
                f"{took / floor:5.1f}x {rows / took:9,.0f} {peak:>9}"
            )
            worst = max(worst, took / floor)
    print(f"the highest ratio: {worst:.2f}x (bound {args.bound}x)")
    return 0 if worst <= args.bound else 1


if __name__ == "__main__":
    raise SystemExit(main())
