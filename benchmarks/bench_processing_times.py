"""Benchmark: loading the real processing-times folder, and look-ups per second.

Run: ``python benchmarks/bench_processing_times.py [FOLDER]`` (default: ``../shared/data``
beside the repository). Prints the median load time of the whole folder over several runs, then
the rate of ``lookup``, ``is_outside`` and ``outside_since`` calls over the Miami series.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from infopass_rules.times.table import ProcessingTimes, load_processing_times

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "uscis-processing-times"
LOAD_RUNS = 7
CALLS = 200_000


def _load(folder: Path) -> tuple[ProcessingTimes, list[float]]:
    times = []
    for _ in range(LOAD_RUNS):
        start = time.perf_counter()
        table = load_processing_times(folder)
        times.append(time.perf_counter() - start)
    return table, times


def _rate(label: str, calls: int, run: Callable[[], None]) -> None:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {calls / elapsed:>12,.0f} calls/s  ({elapsed * 1e6 / calls:.2f} µs each)")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    table, times = _load(folder)
    print(f"{table!r}")
    print(
        f"load {folder.name}/: median {statistics.median(times) * 1000:.1f} ms "
        f"(first {times[0] * 1000:.1f} ms, best {min(times) * 1000:.1f} ms, {LOAD_RUNS} runs)"
    )

    first = dt.date(2022, 2, 1)
    days = [first + dt.timedelta(days=i % 100) for i in range(CALLS)]
    offices = ["MIA", "HIA", "KND", "OKL", "WPB"]
    keys = [(offices[i % 5], days[i]) for i in range(CALLS)]
    received = dt.date(2020, 11, 1)

    def lookups() -> None:
        for office, day in keys:
            table.lookup("I-485", office, category="I-485 Family", as_of=day)

    def lookups_by_name() -> None:
        for _, day in keys:
            table.lookup("i485", "Miami", category="i-485 family", as_of=day)

    def outside() -> None:
        for office, day in keys:
            table.is_outside("N-400", office, received_on=received, on=day)

    def since() -> None:
        for office, day in keys[: CALLS // 10]:
            table.outside_since("N-400", office, received_on=received, as_of=day)

    _rate("lookup (codes)", CALLS, lookups)
    _rate("lookup (names, folded category)", CALLS, lookups_by_name)
    _rate("is_outside", CALLS, outside)
    _rate("outside_since", CALLS // 10, since)


if __name__ == "__main__":
    main()
