"""Benchmark: what ``import infopass_rules`` adds to a bare interpreter's start-up.

Runs fresh interpreters and prints the median wall time of ``python -c pass``, ``import attrs``
and ``import infopass_rules``, and the difference (target: at most 60 ms over a bare
interpreter). Not a test: figures vary by machine.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_ms(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    bare = median_ms("pass")
    attrs = median_ms("import attrs")
    ours = median_ms("import infopass_rules")
    print(f"bare interpreter:       {bare:7.1f} ms")
    print(f"import attrs:           {attrs:7.1f} ms (+{attrs - bare:.1f})")
    print(f"import infopass_rules:  {ours:7.1f} ms (+{ours - bare:.1f}; target +60)")


if __name__ == "__main__":
    main()
