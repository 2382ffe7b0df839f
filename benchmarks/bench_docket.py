"""Benchmark: fresh decisions on a generated mixed docket, beside ``rule-engine``'s one predicate.

A docket of ``--cases`` cases (100,000 by default) is generated with a fixed seed before any
timing: offices in and out of the Miami District (MIA, HIA, KND, OKL and others), every issue,
cases received 2013-2026, histories of 0-5 items (inquiries of every channel, outcome and level,
appointments), some cases resolved, some with deadlines, circumstances or marked pressing;
``as_of`` spread over 2014-2026. Every case is decided once per pass, and no decision is served
from a memo (every case is a distinct fact, and ``clear_cache()`` runs before each pass).

Printed, from one run:

- microseconds per fresh decision (the best of ``--passes`` passes, one core), and the same with
  the garbage collector paused during the pass (its share grows with what the process keeps);
- a function that does no work but keep three small objects per case (a decision keeps about
  three that the collector tracks), timed the same way: what the collector costs any per-case
  result kept, with the docket in memory (at 100,000 cases, more than the peer's whole match);
- ``rule-engine`` matching one predicate on a small dict (the peer of
  ``bench_next_action.py``), measured in the same run, and the ratio between the two;
- the peak memory the decisions of the docket take (tracemalloc, the decisions kept), and the
  process's peak resident size;
- with ``--by-kind``: where the time goes, by kind of decision (action, regime, in the Miami
  District or not): each kind's cases timed apart, with its ratio to the peer. The cheapest kind
  (a case resolved or not yet received: the arguments checked, the history read, the regime
  found, a Decision built, no rule to apply) shows what every decision costs before any rule;
- with ``--million``: memory over 1,000,000 fresh decisions (not kept), at checkpoints.

Not a test: figures vary by machine.

    python benchmarks/bench_docket.py                  # 100,000 cases
    python benchmarks/bench_docket.py --cases 10000    # a quick run
    python benchmarks/bench_docket.py --by-kind        # and the cost of each kind of decision
    python benchmarks/bench_docket.py --million        # and memory over 1,000,000 decisions
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import infopass_rules as ir
from infopass_rules.engine import next_action as engine
from infopass_rules.rules.districts.registry import district_at, with_districts
from infopass_rules.sources.rulebook import load_rulebook

# The docket generator is shared with the scale tests (tests/mixed_docket.py): run from the clone.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.mixed_docket import SEED, Docket, generate

REPEATS = 7


def decide_all(docket: Docket) -> list[ir.Decision]:
    next_action = ir.next_action
    return [next_action(case, history, as_of=as_of) for case, history, as_of in docket]


def keep_only(docket: Docket) -> list[list[object]]:
    """No work at all: three small containers kept per case, as a decision keeps about three
    objects the garbage collector tracks (itself, its reasoning, its waits). Timed as the
    decisions are, it shows what the collector costs *any* function that keeps such a result per
    case, with this docket in memory."""
    kept: list[list[object]] = []
    for _, _, as_of in docket:
        box: list[object] = [as_of]
        kept.append([box, (box,)])
    return kept


def time_docket(
    docket: Docket,
    passes: int,
    *,
    collector: bool = True,
    decide: Callable[[Docket], Sequence[object]] = decide_all,
) -> float:
    """Microseconds per fresh decision: the best of ``passes`` passes over the docket (the
    decisions kept, as an application keeps a morning's). With ``collector`` False the garbage
    collector is paused during each pass: the difference is what it costs to walk the objects
    the application holds (the docket's and the decisions kept), not work of the library's."""
    best = float("inf")
    for _ in range(passes):
        engine.clear_cache()
        gc.collect()
        if not collector:
            gc.disable()
        try:
            start = time.perf_counter()
            decide(docket)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    engine.clear_cache()
    return best / len(docket) * 1e6


def rule_engine_cost() -> float | None:
    """Microseconds for ``rule-engine`` to match one predicate on a small dict (best of 7)."""
    try:
        import rule_engine
    except ImportError:
        return None
    rule = rule_engine.Rule("days_since_last_inquiry > 60")
    thing = {"days_since_last_inquiry": 61}
    assert rule.matches(thing)
    number = 20_000
    times = timeit.repeat(lambda: rule.matches(thing), number=number, repeat=REPEATS)
    return min(times) / number * 1e6


def kind_of(decision: ir.Decision, case: ir.Case) -> str:
    """A decision's kind: its action, its regime, and whether the office is in a district."""
    district = district_at(case.office, decision.as_of, with_districts(load_rulebook()))
    where = "elsewhere" if district is None else district.name
    return f"{decision.action.name} {decision.regime} {where}"


def by_kind(docket: Docket, passes: int, peer: float | None) -> None:
    """Each kind of decision's cases timed apart (best of ``passes``, the collector paused, so
    the figures are the work alone): microseconds per decision, the ratio to the peer, and the
    kind's share of the docket's time. A kind timed alone runs warmer than in the mixed docket
    (the same code, over and over), so these figures are lower than the docket's."""
    kinds: dict[str, Docket] = {}
    for item, decision in zip(docket, decide_all(docket), strict=True):
        kinds.setdefault(kind_of(decision, item[0]), []).append(item)
    timed = {kind: time_docket(cases, passes, collector=False) for kind, cases in kinds.items()}
    total = sum(us * len(kinds[kind]) for kind, us in timed.items())
    print(f"\nby kind of decision (each timed apart, the collector paused), {len(kinds)} kinds:")
    print(f"  {'kind':<40} {'cases':>7} {'us':>7} {'ratio':>7} {'share':>6}")
    for kind, us in sorted(timed.items(), key=lambda kv: -kv[1] * len(kinds[kv[0]])):
        ratio = f"{us / peer:6.2f}x" if peer else "    -"
        share = us * len(kinds[kind]) / total
        print(f"  {kind:<40} {len(kinds[kind]):>7,} {us:>7.2f} {ratio:>7} {share:>6.1%}")


def peak_of_docket(docket: Docket) -> tuple[float, float]:
    """(MB traced at the peak while deciding the docket, MB still held by the decisions)."""
    engine.clear_cache()
    gc.collect()
    tracemalloc.start()
    decisions = decide_all(docket)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del decisions
    engine.clear_cache()
    return peak / 1e6, held / 1e6


def rss_mb() -> float:
    """The resident size of this process now, in MB (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:  # not Linux: the peak is what there is
        return peak_rss_mb()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def million(total: int = 1_000_000, chunk: int = 10_000) -> None:
    """Memory over ``total`` fresh decisions, none kept: the cases are generated ``chunk`` at a
    time (not timed), and the memory is reported at checkpoints."""
    rng = random.Random(SEED + 1)
    engine.clear_cache()
    gc.collect()
    print(f"\n{total:,} fresh decisions, none kept (cases generated {chunk:,} at a time):")
    print(f"  {'decisions':>10} {'RSS MB':>8} {'traced MB':>10} {'us/decision':>12}")
    tracemalloc.start()
    baseline = rss_mb()
    done, spent = 0, 0.0
    while done < total:
        docket = list(generate(rng, chunk))
        start = time.perf_counter()
        decide_all(docket)
        spent += time.perf_counter() - start
        done += chunk
        del docket
        if done % (total // 10) == 0:
            current, _ = tracemalloc.get_traced_memory()
            per = spent / done * 1e6
            print(f"  {done:>10,} {rss_mb():>8.1f} {current / 1e6:>10.1f} {per:>12.2f}")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  RSS from {baseline:.1f} MB to {rss_mb():.1f} MB; traced peak {peak / 1e6:.1f} MB "
        "(a chunk of cases and its decisions); the timing here runs under tracemalloc"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the docket")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument(
        "--million", action="store_true", help="also memory over 1,000,000 fresh decisions"
    )
    parser.add_argument(
        "--by-kind", action="store_true", help="also the cost of each kind of decision, timed apart"
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    docket: Docket = list(generate(random.Random(SEED), args.cases))
    built = time.perf_counter() - start
    print(f"docket: {len(docket):,} cases, generated in {built:.1f} s (seed {SEED}, not timed)")
    sample = decide_all(docket)
    actions = Counter(d.action.name for d in sample)
    regimes = Counter(d.regime for d in sample)
    print("  actions: " + ", ".join(f"{a} {n}" for a, n in actions.most_common()))
    print("  regimes: " + ", ".join(f"{r} {n}" for r, n in regimes.most_common()))
    del sample

    ours = time_docket(docket, args.passes)
    paused = time_docket(docket, args.passes, collector=False)
    floor = time_docket(docket, args.passes, decide=keep_only)
    theirs = rule_engine_cost()
    print(f"next_action, fresh, mixed docket:   {ours:8.2f} us/decision")
    print(
        f"  the same, collector paused:       {paused:8.2f} us/decision "
        f"(the collector: {1 - paused / ours:.0%} of the time, walking what is kept)"
    )
    print(
        f"no work, 3 small objects kept:      {floor:8.2f} us/case "
        "(the collector's cost to any result kept per case, with this docket in memory)"
    )
    if theirs is None:
        print("rule-engine not installed (pip install '.[bench]'): no comparison")
    else:
        print(f"rule-engine, one predicate:         {theirs:8.2f} us/match")
        print(f"ratio fresh / rule-engine:          {ours / theirs:8.2f}x (goal <= 1x)")
        print(f"  the same, collector paused:       {paused / theirs:8.2f}x")
        print(f"  no work, 3 objects kept:          {floor / theirs:8.2f}x")
    peak, held = peak_of_docket(docket)
    print(
        f"memory, {len(docket):,} decisions kept: {held:.1f} MB held, {peak:.1f} MB at the "
        f"peak (tracemalloc); process peak RSS {peak_rss_mb():.1f} MB (docket included)"
    )
    if args.by_kind:
        by_kind(docket, args.passes, theirs)
    if args.million:
        del docket
        million()


if __name__ == "__main__":
    main()
