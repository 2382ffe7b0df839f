"""Docket report writing: ``report.to_csv`` beside ``csv.DictWriter`` writing the same rows.

Not a test: figures vary by machine. Run ``python benchmarks/bench_docket_write.py`` (or
``--cases N`` for a smaller docket). It writes the docket of ``bench_docket_io`` (the bundled
example's 40 cases copied from a fixed seed, 100,000 cases by default), reads and decides it (not
timed), then times each of these in turn, in ``--repeat`` rounds (5; the best run of each kept;
taking turns, the parts share any drift of the machine's speed):

- *rows*: ``report.rows()``, the rows alone (what to do, due, why not yet, the lists);
- *to_csv*: ``report.to_csv(path)``: the rows built, lists joined with ``"; "``, every cell
  neutralised against formulas, written atomically (a temporary file, fsync, rename);
- *DictWriter*: ``csv.DictWriter(f, columns).writerows(rows)`` on rows built beforehand (the
  lists joined, ``None`` empty, bools as ``true``/``false``), to a plain ``open()`` file: the
  floor of writing those rows as CSV in Python;
- *rows + DictWriter*: the same, the rows built and neutralised inside the timing: the file
  ``to_csv`` writes, written the plain way (but atomically).

Every part runs with the garbage collector paused, as ``rows()`` and ``to_csv`` pause it: the
figures compare the work, not the collections a large heap sets off.

Times are CPU seconds (``time.process_time``): the machine may be shared, and what is compared
is the ratio of two times taken in the same run.

It prints the seconds of each and the ratios of ``to_csv`` to both, and checks that the two
files hold the same cells (the DictWriter's neutralised the same way). It fails if ``to_csv``
takes more than ``--bound`` (2.0) times *DictWriter*: the whole report, its rows built from the
decisions, beside the least Python does to write those same cells handed to it ready. *rows()*
says how much of that is the rows themselves: each is a decision's sentences (its headline, why
not yet, its remedies) built from the decision's records, where the DictWriter is handed
strings.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_docket_io import write_docket

import infopass_rules as ir
from infopass_rules.edges.docket import EXAMPLE_AS_OF
from infopass_rules.edges.docket.model import LIST_FIELDS, collector_paused
from infopass_rules.edges.output import csv_cell


def _interleaved(parts: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Each part's best time over ``repeat`` rounds, the parts taking turns within a round: a
    machine whose speed drifts slows every part alike, where a block of runs of one part then a
    block of the next would put the drift into their ratios."""
    best = dict.fromkeys(parts, float("inf"))
    for _ in range(repeat):
        for name, fn in parts.items():
            gc.collect()
            start = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - start)
    return best


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as CSV cells, as ``to_csv`` writes them (lists joined, formulas neutralised)."""
    lists = frozenset(LIST_FIELDS)
    return [
        {k: csv_cell("; ".join(v)) if k in lists else csv_cell(v) for k, v in row.items()}
        for row in rows
    ]


def _dict_writer(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with collector_paused(), path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        f.flush()
        os.fsync(f.fileno())


def _both(path: Path, columns: tuple[str, ...], report: ir.DocketReport) -> None:
    with collector_paused():
        rows = _plain(report.rows())
    _dict_writer(path, columns, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="docket size (100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the parts (best kept)")
    parser.add_argument(
        "--bound", type=float, default=2.0, help="to_csv / DictWriter at most (2.0)"
    )
    args = parser.parse_args(argv)
    if args.cases < 1 or args.repeat < 1:
        parser.error("--cases and --repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="bench-docket-write-") as tmp:
        folder = Path(tmp)
        cases_path, history_path, _ = write_docket(folder, args.cases)
        report = ir.decide_docket(ir.read_docket(cases_path, history_path), as_of=EXAMPLE_AS_OF)
        columns = report.columns()
        ours, theirs = folder / "to_csv.csv", folder / "dictwriter.csv"

        rows = report.rows()
        assert len(rows) == args.cases  # one row per case
        plain = _plain(rows)
        del rows
        best = _interleaved(
            {
                "rows": report.rows,
                "to_csv": lambda: report.to_csv(ours),
                "DictWriter": lambda: _dict_writer(theirs, columns, plain),
                "both": lambda: _both(theirs, columns, report),
            },
            args.repeat,
        )
        t_rows, t_ours, t_theirs, t_both = (
            best["rows"],
            best["to_csv"],
            best["DictWriter"],
            best["both"],
        )
        with (
            ours.open(encoding="utf-8", newline="") as a,
            theirs.open(encoding="utf-8", newline="") as b,
        ):
            assert list(csv.reader(a)) == list(csv.reader(b))  # the same cells
        size = ours.stat().st_size / (1024 * 1024)

    ratio, ratio_both = t_ours / t_theirs, t_ours / t_both
    print(
        f"docket: {args.cases:,} cases decided as of {EXAMPLE_AS_OF}, {len(columns)} columns, "
        f"{size:.1f} MiB of CSV; best of {args.repeat} interleaved rounds"
    )
    print()
    print(f"{'part':22} {'seconds':>8} {'rows/s':>10}")
    for part, seconds in (
        ("rows()", t_rows),
        ("to_csv", t_ours),
        ("DictWriter", t_theirs),
        ("rows() + DictWriter", t_both),
    ):
        print(f"{part:22} {seconds:8.2f} {args.cases / seconds:10,.0f}")
    print()
    print(f"to_csv / DictWriter (cells built beforehand): {ratio:.2f}x (bound {args.bound}x)")
    print(f"to_csv / rows() + DictWriter:                 {ratio_both:.2f}x")
    print(f"rows() / DictWriter:                          {t_rows / t_theirs:.2f}x")
    return 0 if ratio <= args.bound else 1


if __name__ == "__main__":
    raise SystemExit(main())
