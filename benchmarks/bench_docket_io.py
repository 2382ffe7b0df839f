"""Docket timing: read, decide and write a docket of 100,000 cases (CSV in, CSV out).

Not a test: figures vary by machine. Run ``python benchmarks/bench_docket_io.py`` (or
``--cases N`` for a smaller docket). It first writes a docket into a temporary folder (not
timed): the bundled example docket's 40 cases and their history, copied again and again from a
fixed seed, each copy with a new receipt number, its dates (and its history's) moved back by up
to a year, and a Miami District case at one of the district's offices, spelt one of the ways the
example spells them. Then it times, one after the other:

- *read*: ``read_docket(cases.csv, history.csv)``;
- *decide*: ``decide_docket(docket, as_of=EXAMPLE_AS_OF)``;
- *write*: ``report.to_csv(report.csv)``;

and prints the seconds of each part and in all, with the process's peak resident memory after
each (``resource.getrusage``: it only grows). A second pass runs each part again under
``tracemalloc`` and prints the peak of the memory Python allocated during it (tracemalloc slows
the parts down, so its pass is not timed; ``--no-tracemalloc`` skips it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import infopass_rules as ir
from infopass_rules.edges.docket import EXAMPLE_AS_OF, example_docket_files

SEED = 2019
#: The Miami District's offices, as the example writes them.
MIAMI = ("Miami", "MIA", "Miami FL", "Hialeah", "HIA", "Kendall", "KND", "Oakland Park", "OKL")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _shifted(text: str, days: int) -> str:
    """``text`` with every ISO date in it moved by ``days``."""
    if not text:
        return text
    delta = dt.timedelta(days=days)
    return _DATE.sub(lambda m: (dt.date.fromisoformat(m.group()) + delta).isoformat(), text)


def write_docket(folder: Path, n: int, seed: int = SEED) -> tuple[Path, Path, int]:
    """Write ``n`` cases (and their history) into ``folder``; returns both paths and the number
    of history rows."""
    example_cases, example_history = example_docket_files()
    with example_cases.open(encoding="utf-8", newline="") as f:
        templates = list(csv.DictReader(f))
    with example_history.open(encoding="utf-8", newline="") as f:
        history_rows = list(csv.DictReader(f))
    case_fields = list(templates[0])
    history_fields = list(history_rows[0])
    history_of: dict[str, list[dict[str, str]]] = {}
    for row in history_rows:
        history_of.setdefault(row["receipt_number"], []).append(row)

    rng = random.Random(seed)
    cases_path, history_path = folder / "cases.csv", folder / "history.csv"
    written = 0
    with (
        cases_path.open("w", encoding="utf-8", newline="") as cases_out,
        history_path.open("w", encoding="utf-8", newline="") as history_out,
    ):
        cases = csv.DictWriter(cases_out, case_fields, lineterminator="\n")
        history = csv.DictWriter(history_out, history_fields, lineterminator="\n")
        cases.writeheader()
        history.writeheader()
        for i in range(n):
            template = rng.choice(templates)
            # The prefix and fiscal year of the template's receipt number, then a serial.
            receipt = f"{template['receipt_number'][:5]}{i:08d}"
            days = -rng.randrange(366)
            row = {k: _shifted(v, days) for k, v in template.items()}
            row["receipt_number"] = receipt
            if row["office"] in MIAMI:
                row["office"] = rng.choice(MIAMI)
            cases.writerow(row)
            for item in history_of.get(template["receipt_number"], ()):
                copy = dict(item, receipt_number=receipt, on=_shifted(item["on"], days))
                history.writerow(copy)
                written += 1
    return cases_path, history_path, written


def _rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began


def _traced(fn: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak / (1024 * 1024)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="docket size (100,000)")
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the (slow) tracemalloc pass"
    )
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")

    with tempfile.TemporaryDirectory(prefix="bench-docket-") as tmp:
        folder = Path(tmp)
        cases_path, history_path, history_rows = write_docket(folder, args.cases)
        out_path = folder / "report.csv"
        size = (cases_path.stat().st_size + history_path.stat().st_size) / (1024 * 1024)
        print(
            f"docket: {args.cases:,} cases, {history_rows:,} history rows ({size:.1f} MiB of CSV),"
            f" decided as of {EXAMPLE_AS_OF}; seed {SEED}"
        )
        print(f"max RSS before reading: {_rss_mib():.0f} MiB")

        docket, t_read = _timed(lambda: ir.read_docket(cases_path, history_path))
        rss_read = _rss_mib()
        report, t_decide = _timed(lambda: ir.decide_docket(docket, as_of=EXAMPLE_AS_OF))
        rss_decide = _rss_mib()
        _, t_write = _timed(lambda: report.to_csv(out_path))
        rss_write = _rss_mib()
        out_size = out_path.stat().st_size / (1024 * 1024)

        # Every row is read; every case is decided or reported (a copy of the example's case
        # without a date outside processing times cannot be decided once its dates move back).
        assert len(docket.cases) == args.cases
        assert docket.errors == ()
        assert len(report.decisions) + len(report.errors) == args.cases
        with out_path.open(encoding="utf-8", newline="") as f:
            assert sum(1 for _ in csv.reader(f)) == 1 + len(report.rows())

        peaks: dict[str, str] = dict.fromkeys(("read", "decide", "write"), "")
        if not args.no_tracemalloc:
            del docket, report
            docket, p_read = _traced(lambda: ir.read_docket(cases_path, history_path))
            report, p_decide = _traced(lambda: ir.decide_docket(docket, as_of=EXAMPLE_AS_OF))
            _, p_write = _traced(lambda: report.to_csv(out_path))
            peaks = {
                part: f"{mib:.0f}"
                for part, mib in (("read", p_read), ("decide", p_decide), ("write", p_write))
            }

    total = t_read + t_decide + t_write
    print()
    header = ("part", "seconds", "cases/s", "tracemalloc peak MiB", "max RSS MiB")
    print("{:8} {:>8} {:>9} {:>21} {:>12}".format(*header))
    for part, seconds, rss in (
        ("read", t_read, rss_read),
        ("decide", t_decide, rss_decide),
        ("write", t_write, rss_write),
    ):
        rate = args.cases / seconds if seconds else float("inf")
        print(f"{part:8} {seconds:8.2f} {rate:9,.0f} {peaks[part]:>21} {rss:12.0f}")
    print(f"{'total':8} {total:8.2f} {args.cases / total:9,.0f}")
    errors = len(report.errors)
    counts = ", ".join(f"{a.name} {n:,}" for a, n in report.counts.items() if n)
    print()
    print(f"{len(report.decisions):,} decided, {errors:,} errors; {counts}")
    print(f"report: {out_size:.1f} MiB of CSV")


if __name__ == "__main__":
    main()
