"""Planner timing: 1k, 10k and 100k cases across 20 attorneys at one district office.

Not a test. Run ``python benchmarks/bench_planner.py``. For each size it prints the best of a few
runs and, against the previous size, the ratio of times next to the ratio of n log n, so a
super-linearithmic regression shows as a time ratio well above the n log n ratio.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time

from infopass_rules.planning.requests import PlanRequest
from infopass_rules.planning.schedule import plan_appointments

START = dt.date(2024, 1, 2)
ATTORNEYS = [f"Attorney {i:02d}" for i in range(20)]
SIZES = (1_000, 10_000, 100_000)


def docket(n: int, seed: int = 2024) -> list[PlanRequest]:
    """n cases released over ~a year, half with a deadline, one in five pressing."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        earliest = START + dt.timedelta(days=rng.randrange(365))
        deadline = earliest + dt.timedelta(days=rng.randrange(400)) if rng.random() < 0.5 else None
        out.append(PlanRequest(f"MSC{i:010d}", earliest, deadline, rng.random() < 0.2))
    return out


def best_time(n: int, repeats: int) -> tuple[float, int, int]:
    requests = docket(n)
    # 20 attorneys x 5 cases a business day: enough days for every case at every size.
    horizon = max(400, 2 * n // 100 * 7 // 5)
    best = math.inf
    for _ in range(repeats):
        began = time.perf_counter()
        plan = plan_appointments(
            requests, attorneys=ATTORNEYS, office="MIA", start=START, horizon_days=horizon
        )
        best = min(best, time.perf_counter() - began)
    return best, len(plan.appointments), len(plan.unplaced)


def main() -> None:
    previous: tuple[int, float] | None = None
    header = ("cases", "seconds", "appointments", "unplaced", "t ratio", "nlogn ratio")
    print("{:>8} {:>9} {:>13} {:>9} {:>8} {:>12}".format(*header))
    for n in SIZES:
        seconds, appointments, unplaced = best_time(n, repeats=3 if n < 100_000 else 1)
        ratios = ""
        if previous is not None:
            p_n, p_t = previous
            ratios = f"{seconds / p_t:8.1f} {(n * math.log(n)) / (p_n * math.log(p_n)):12.1f}"
        print(f"{n:>8} {seconds:9.3f} {appointments:>13} {unplaced:>9} {ratios}")
        previous = (n, seconds)


if __name__ == "__main__":
    main()
