"""Planner timing: 1k, 10k and 100k cases across 20 attorneys at one district office, on both of
the planner's paths.

Not a test. Run ``python benchmarks/bench_planner.py`` (``--sizes 1000 10000`` for fewer,
``--no-gc`` to time with the garbage collector off, as a measurement of its share). The docket is
planned twice: from 2010-01-04, when Miami is under ``RG-SELF`` (the firm books INFOPASS
appointments online, within MIA-LIMIT-*) for the whole window, and from 2024-01-02, under
``RG-CC`` (the plan holds Contact Center calls). For each size it prints the best of a few runs
and, against the previous size, the ratio of times next to the ratio of n log n, so a
super-linearithmic regression shows as a time ratio well above the n log n ratio.

The n log n ratio is arithmetic; the machine is not: beyond a few thousand objects, every pass
over them slows per object as they outgrow the processor's caches. So beside the planner, the same
run times a **peer**: the least any planner must do, Python's own ``sorted`` of the same requests
by the planner's urgency key (an n log n algorithm in C), then each request's receipt number read
in that order (to emit the plan; a linear pass, but one that visits the objects out of their
memory order, as every plan must). The figure
to read is the last column, the planner's growth over the peer's: about 1 means the planner grows
as an n log n sort of its input does on this machine; a super-linearithmic regression in the
planner shows as a value well above 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import random
import time

from infopass_rules.planning.requests import PlanRequest
from infopass_rules.planning.schedule import _urgency, plan_appointments

#: Where each path starts: the window of the largest docket (2,800 days from 2010-01-04) ends
#: in 2017, before self-scheduling ended at Miami (RG-CC from 2019-03-01).
STARTS = {"RG-SELF": dt.date(2010, 1, 4), "RG-CC": dt.date(2024, 1, 2)}
ATTORNEYS = [f"Attorney {i:02d}" for i in range(20)]
SIZES = (1_000, 10_000, 100_000)


def release_days(n: int, scaled: bool) -> int:
    """The days over which the docket's cases are released: a year, or (``scaled``) about as
    many days as 20 attorneys need to take n cases at 5 a business day, so the load per day is
    the same at every size and the growth measured is the algorithm's."""
    return max(1, n * 7 // 500) if scaled else 365


def docket(n: int, start: dt.date, seed: int = 2024, *, scaled: bool = False) -> list[PlanRequest]:
    """n cases released from ``start`` (over a year, or ``scaled``: see :func:`release_days`),
    half with a deadline, one in five pressing."""
    rng = random.Random(seed)
    days = release_days(n, scaled)
    out = []
    for i in range(n):
        earliest = start + dt.timedelta(days=rng.randrange(days))
        deadline = earliest + dt.timedelta(days=rng.randrange(400)) if rng.random() < 0.5 else None
        out.append(PlanRequest(f"MSC{i:010d}", earliest, deadline, rng.random() < 0.2))
    return out


def horizon_days(n: int) -> int:
    # 20 attorneys x 5 cases a business day under RG-SELF: enough days for every case at every
    # size. (Under RG-CC a call carries fewer cases: the window cannot take them all.)
    return max(400, 2 * n // 100 * 7 // 5)


def best_time(
    n: int, start: dt.date, repeats: int, *, scaled: bool = False
) -> tuple[float, int, int, int]:
    requests = docket(n, start, scaled=scaled)
    best = math.inf
    for _ in range(repeats):
        began = time.perf_counter()
        plan = plan_appointments(
            requests, attorneys=ATTORNEYS, office="MIA", start=start, horizon_days=horizon_days(n)
        )
        best = min(best, time.perf_counter() - began)
    return best, len(plan.appointments), len(plan.calls), len(plan.unplaced)


def peer_time(n: int, start: dt.date, repeats: int, *, scaled: bool = False) -> float:
    """The peer: the same requests sorted by the planner's urgency key, then each one's receipt
    number read in that order (best of runs)."""
    requests = docket(n, start, scaled=scaled)
    best = math.inf
    for _ in range(repeats):
        began = time.perf_counter()
        [r.receipt_number for r in sorted(requests, key=_urgency)]
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-gc", action="store_true", help="time with gc disabled")
    parser.add_argument(
        "--scaled",
        action="store_true",
        help="release the cases over days in proportion to their number (the same load a day)",
    )
    args = parser.parse_args()
    if args.no_gc:
        gc.disable()
    header = ("path", "cases", "seconds", "appointments", "calls", "unplaced", "t ratio")
    print(
        "{:<8} {:>8} {:>9} {:>13} {:>7} {:>9} {:>8} {:>12} {:>11} {:>13}".format(
            *header, "nlogn ratio", "peer ratio", "planner/peer"
        )
    )
    for path, start in STARTS.items():
        previous: tuple[int, float, float] | None = None
        for n in args.sizes:
            repeats = 3 if n < 100_000 else 2
            seconds, appointments, calls, unplaced = best_time(
                n, start, repeats, scaled=args.scaled
            )
            peer = peer_time(n, start, repeats + 2, scaled=args.scaled)
            ratios = ""
            if previous is not None:
                p_n, p_t, p_peer = previous
                nlogn = (n * math.log(n)) / (p_n * math.log(p_n))
                growth, peer_growth = seconds / p_t, peer / p_peer
                ratios = (
                    f"{growth:8.1f} {nlogn:12.1f} {peer_growth:11.1f} {growth / peer_growth:13.2f}"
                )
            print(
                f"{path:<8} {n:>8} {seconds:9.3f} {appointments:>13} {calls:>7} {unplaced:>9} "
                f"{ratios}"
            )
            previous = (n, seconds, peer)


if __name__ == "__main__":
    main()
