"""Benchmark: fresh decisions on a generated mixed docket, beside peers that make the same decision.

A docket of ``--cases`` cases (100,000 by default) is generated with a fixed seed before any
timing: offices in and out of the Miami District (MIA, HIA, KND, OKL and others), every issue,
cases received 2013-2026, histories of 0-5 items (inquiries by every channel, the requests
beyond USCIS of 0.3 included, of every outcome and level; appointments), some cases resolved,
some with deadlines, circumstances or marked pressing;
``as_of`` spread over 2014-2026. Every case is decided once per pass, afresh (the engine keeps no
memo, and every case is a distinct fact).

The peers are the project's own copies of the shared bench's same-work peers, in
``benchmarks/peers/`` (see its README.md): the shared ones encode the decision as 0.2 made it,
these the decision the library makes now (0.2's plus the corrections of 0.3 to a route's end,
the requests beyond USCIS left out of the route, and the remedies beyond it listed as the
library lists them). ``--peers DIR`` loads them from another folder instead
(``fused.py`` and ``infopass.jdm.json`` in DIR or in DIR/peers), e.g. ``--peers
../shared/bench/peers --channels 0.2`` to time beside 0.2's decision, on the docket of 0.2's
channels (those peers know no request beyond USCIS). They are timed in the same process on the
same docket, their passes interleaved with the library's so that drift on a shared machine hits
them alike (the method of ``shared/bench/perf_peers.py``):

- ``zen``: the same decision as a GoRules JDM graph (``infopass.jdm.json``) run by
  ``zen-engine`` (Rust core), one case at a time, the per-case input built from the facts in
  Python (:func:`zen_input`, ``perf_peers.zen_input``'s) and timed with it;
- ``fused``: ``fused.py``, one hand-fused plain-Python function giving the same outputs with no
  validation, citations or trace: the floor of any Python implementation.

The outputs compared are the decision's: action, step, level, earliest, allowed, and the remedies
beyond the route it lists (``Decision.remedies``, docs/concepts/remedies.md: each one's rule,
earliest day and whether it is open). A peer that lists no remedies (the shared bench's: 0.2 had
none) is compared on the first five alone, and said so.

Printed, from one run (after the peers used and the docket's channels):

- microseconds per fresh decision (the best of ``--passes`` passes, one core, the results kept
  as an application keeps a morning's, the garbage collector as normal) for the library, zen and
  the fused floor, and the ratios library/zen (at most 0.55x, goal 0.35x) and library/fused;
- the agreement of each peer with the library on the outputs (action, step, level, earliest,
  allowed, remedies), on every case of the docket (at least 99.9%), and what the misses are;
- the library's figure with the garbage collector paused during the pass, and a function that
  does no work but keep three small objects per case, timed the same way: what the collector
  costs any per-case result kept, with the docket in memory;
- history, not a goal: ``rule-engine`` matching one predicate on a small dict (the project's
  old anchor), and the ratio to it;
- the memory the decisions of the docket take (tracemalloc, the decisions kept), and the
  process's peak resident size;
- with ``--by-kind``: where the time goes, by kind of decision (action, regime, in the Miami
  District or not): each kind's cases timed apart (the collector paused) for the library and
  both peers, with the ratios;
- with ``--million``: memory over 1,000,000 fresh decisions (none kept), at checkpoints, and
  whether it stayed flat;
- last, one JSON line with the figures.

With ``--check`` the exit status is 1 when a bound is missed (the ratio to zen above 0.55x, or
peers that list no remedies, so make less than the same decision; an agreement under 99.9%; or,
with ``--million``, memory that grew). Not a test: figures vary by machine; quote the ratios of
one run, never a time alone.

    python benchmarks/bench_docket.py                  # 100,000 cases
    python benchmarks/bench_docket.py --cases 20000    # a quicker run
    python benchmarks/bench_docket.py --by-kind        # and the cost of each kind of decision
    python benchmarks/bench_docket.py --million        # and memory over 1,000,000 decisions
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import random
import resource
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import infopass_rules as ir

# The docket generator is shared with the scale tests (tests/mixed_docket.py): run from the clone.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.mixed_docket import CHANNELS, CHANNELS_OF_0_2, SEED, Docket, generate

HERE = Path(__file__).resolve().parent
#: The project's same-work peers: the decision the library makes now (see peers/README.md).
PROJECT_PEERS = HERE / "peers"
#: The docket's channels by name: every channel, or 0.2's (no request beyond USCIS), for peers
#: that encode 0.2's decision (the shared bench's).
CHANNEL_SETS = {"all": CHANNELS, "0.2": CHANNELS_OF_0_2}

REPEATS = 7
ZEN_AT_MOST, ZEN_GOAL = 0.55, 0.35  # library / zen-engine, the same decision
AGREEMENT_AT_LEAST = 0.999
MIAMI_DISTRICT = frozenset({"MIA", "HIA", "KND", "OKL"})  # a label for --by-kind only

#: The remedies a decision lists, each (rule ID, earliest as ISO text or None, allowed).
Remedies = tuple[tuple[str, str | None, bool], ...]
#: A decision's outputs: action, step, level, earliest, allowed, and the remedies listed (None for
#: a peer that lists none: one that encodes 0.2's decision).
Outputs = tuple[str, int | None, str | None, str | None, bool, Remedies | None]
Decide = Callable[[Docket], Sequence[Any]]


# --- the same-work peers, loaded from benchmarks/peers (or --peers DIR) ----------------------


@dataclass(frozen=True)
class Peers:
    folder: Path
    zen: Decide
    fused: Decide
    versions: str


EPOCH = 719163  # date(1970, 1, 1).toordinal(): the graph reads days as numbers since 1970-01-01
_Appointment = ir.Appointment


def zen_input(case: ir.Case, history: Sequence[Any], as_of: Any) -> dict[str, Any]:
    """The per-case input the JDM graph reads, built from the facts (dates as day numbers).
    Copied from the shared bench's ``perf_peers.zen_input`` (unchanged but for the annotations),
    so that the peers need no file of the shared bench; timed with zen-engine."""
    items: list[dict[str, Any]] = []
    for item in history:
        if type(item) is _Appointment:
            items.append({"kind": "appointment", "on": item.on.toordinal() - EPOCH})
        else:
            level = item.level
            items.append(
                {
                    "kind": "inquiry",
                    "on": item.on.toordinal() - EPOCH,
                    "channel": item.channel._name_,
                    "outcome": item.outcome._name_,
                    "level": None if level is None else level._name_,
                }
            )
    received, resolved = case.received_on, case.resolved_on
    outside = case.outside_processing_times_on
    return {
        "asOf": as_of.toordinal() - EPOCH,
        "office": case.office,
        "issue": case.issue._name_,
        "received": None if received is None else received.toordinal() - EPOCH,
        "outside": None if outside is None else outside.toordinal() - EPOCH,
        "resolved": None if resolved is None else resolved.toordinal() - EPOCH,
        "pressing": case.pressing,
        "history": items,
    }


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None, path
    assert spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def peer_folder(folder: Path) -> Path:
    """The folder holding the peers (``fused.py`` and ``infopass.jdm.json``): ``folder`` itself,
    or its ``peers`` folder (the shared bench's layout, ``shared/bench/peers``). Exits with a
    one-line message when neither holds them."""
    for place in (folder, folder / "peers"):
        if (place / "fused.py").is_file() and (place / "infopass.jdm.json").is_file():
            return place
    sys.exit(
        f"bench_docket: no same-work peers in {folder}: fused.py and infopass.jdm.json are "
        "looked for there and in its peers/ folder (--peers DIR)"
    )


def load_fused(folder: Path) -> ModuleType:
    """The fused peer's module, ``folder/fused.py``, leaving no ``__pycache__`` beside it."""
    keep = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        return _load("fused_peer", folder / "fused.py")
    finally:
        sys.dont_write_bytecode = keep


def load_peers(folder: Path) -> Peers:
    """The zen-engine peer and the fused floor, from ``folder`` (:func:`peer_folder`). Exits with
    a one-line message when the peers, zen-engine or rule-engine are missing."""
    folder = peer_folder(folder)
    for module, package in (("zen", "zen-engine"), ("rule_engine", "rule-engine")):
        if importlib.util.find_spec(module) is None:
            sys.exit(
                f'bench_docket: {package} is not installed: python -m pip install -e ".[bench]"'
            )
    fused = load_fused(folder)
    graph = json.loads((folder / "infopass.jdm.json").read_text())

    import zen

    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"infopass": graph}}})
    evaluate, decide = engine.evaluate, fused.decide

    def zen_one(docket: Docket) -> list[dict[str, Any]]:
        return [evaluate("infopass", zen_input(c, h, a))["result"] for c, h, a in docket]

    def fused_floor(docket: Docket) -> list[tuple[Any, ...]]:
        return [decide(c, h, a) for c, h, a in docket]

    versions = f"zen-engine {_version('zen-engine')}, rule-engine {_version('rule-engine')}"
    return Peers(folder, zen_one, fused_floor, versions)


# --- what is timed --------------------------------------------------------------------------


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


def race(docket: Docket, runners: dict[str, tuple[Decide, bool]], passes: int) -> dict[str, float]:
    """Microseconds per case for each runner ``(decide, collector)``: the best of ``passes``
    passes over the docket, the runners' passes interleaved (drift hits them alike), each
    result kept while it is made and dropped before the next runner. With ``collector`` False
    the garbage collector is paused during the pass: the difference is what it costs to walk the
    objects the application holds, not work of the runner's."""
    best = dict.fromkeys(runners, float("inf"))
    for _ in range(passes):
        for name, (decide, collector) in runners.items():
            gc.collect()
            if not collector:
                gc.disable()
            try:
                start = time.perf_counter()
                result = decide(docket)
                best[name] = min(best[name], time.perf_counter() - start)
            finally:
                gc.enable()
            del result
    return {name: seconds / len(docket) * 1e6 for name, seconds in best.items()}


# --- agreement on the outputs ---------------------------------------------------------------


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


def of_library(decision: ir.Decision) -> Outputs:
    level = decision.level
    return (
        decision.action.name,
        decision.step,
        None if level is None else level.name,
        _iso(decision.earliest),
        decision.allowed,
        tuple((r.rule_id, _iso(r.earliest), r.allowed) for r in decision.remedies),
    )


def of_zen(result: dict[str, Any]) -> Outputs:
    step = result.get("step")
    listed = result.get("remedies")
    return (
        result["action"],
        None if step is None else int(step),
        result.get("level"),
        result.get("earliest"),
        result["allowed"],
        None if listed is None else tuple((r["rule"], r["earliest"], r["allowed"]) for r in listed),
    )


def of_fused(result: tuple[Any, ...]) -> Outputs:
    action, step, level, earliest, allowed = result[:5]
    listed = result[5] if len(result) > 5 else None
    return (
        action.name,
        step,
        None if level is None else level.name,
        _iso(earliest),
        allowed,
        None if listed is None else tuple((r, _iso(day), ok) for r, day, ok in listed),
    )


def lists_remedies(theirs: list[Outputs]) -> bool:
    """Whether a peer lists the remedies (the project's do; the shared bench's, 0.2's, do not)."""
    return all(outputs[5] is not None for outputs in theirs)


def agreement(mine: list[Outputs], theirs: list[Outputs]) -> tuple[float, Counter[str]]:
    """The share of cases whose outputs agree (the remedies compared where the peer lists them),
    and the misses by (library -> peer) action."""
    misses: Counter[str] = Counter()
    for a, b in zip(mine, theirs, strict=True):
        if a[:5] != b[:5]:
            misses[f"{a[0]} -> {b[0]}" if a[0] != b[0] else f"{a[0]} (same action)"] += 1
        elif b[5] is not None and a[5] != b[5]:
            misses[f"{a[0]} (remedies)"] += 1
    return 1 - sum(misses.values()) / len(mine), misses


# --- history: the old one-predicate anchor --------------------------------------------------


def rule_engine_cost() -> float:
    """Microseconds for ``rule-engine`` to match one predicate on a small dict (best of 7)."""
    import rule_engine

    rule = rule_engine.Rule("days_since_last_inquiry > 60")
    thing = {"days_since_last_inquiry": 61}
    assert rule.matches(thing)
    number = 20_000
    times = timeit.repeat(lambda: rule.matches(thing), number=number, repeat=REPEATS)
    return min(times) / number * 1e6


# --- where the time goes --------------------------------------------------------------------


def kind_of(decision: ir.Decision, case: ir.Case) -> str:
    """A decision's kind: its action, its regime, and whether the office is in the district."""
    where = "Miami" if case.office in MIAMI_DISTRICT else "elsewhere"
    return f"{decision.action.name} {decision.regime} {where}"


def by_kind(docket: Docket, decisions: list[ir.Decision], passes: int, peers: Peers) -> None:
    """Each kind of decision's cases timed apart for the library and both peers (best of
    ``passes``, the collector paused, so the figures are the work alone): microseconds per
    decision, the ratios, and the kind's share of the library's time. A kind timed alone runs
    warmer than in the mixed docket (the same code, over and over), so these figures are lower
    than the docket's."""
    kinds: dict[str, Docket] = {}
    for item, decision in zip(docket, decisions, strict=True):
        kinds.setdefault(kind_of(decision, item[0]), []).append(item)
    decides: dict[str, Decide] = {"library": decide_all, "zen": peers.zen, "fused": peers.fused}
    runners = {name: (decide, False) for name, decide in decides.items()}
    timed = {kind: race(cases, runners, passes) for kind, cases in kinds.items()}
    total = sum(us["library"] * len(kinds[kind]) for kind, us in timed.items())
    print(f"\nby kind of decision (each timed apart, the collector paused), {len(kinds)} kinds:")
    head = f"{'kind':<42} {'cases':>7} {'share':>6} {'library':>8} {'zen':>7} {'fused':>6}"
    print(f"  {head} {'/zen':>6} {'/fused':>7}")
    for kind, us in sorted(timed.items(), key=lambda kv: -kv[1]["library"] * len(kinds[kv[0]])):
        share = us["library"] * len(kinds[kind]) / total
        print(
            f"  {kind:<42} {len(kinds[kind]):>7,} {share:>6.1%} {us['library']:>8.2f} "
            f"{us['zen']:>7.2f} {us['fused']:>6.2f} {us['library'] / us['zen']:>5.2f}x "
            f"{us['library'] / us['fused']:>6.1f}x"
        )


# --- memory ---------------------------------------------------------------------------------


def peak_of_docket(docket: Docket) -> tuple[float, float]:
    """(MB traced at the peak while deciding the docket, MB still held by the decisions)."""
    gc.collect()
    tracemalloc.start()
    decisions = decide_all(docket)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del decisions
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


def million(
    channels: tuple[ir.Channel, ...], total: int = 1_000_000, chunk: int = 10_000
) -> dict[str, float | bool]:
    """Memory over ``total`` fresh decisions, none kept: the cases are generated ``chunk`` at a
    time (not timed), and at checkpoints the resident size and the memory blocks Python holds
    (``sys.getallocatedblocks()``, which costs nothing to keep count of, unlike tracemalloc) are
    reported. Flat: from the first checkpoint (every code path warm, the allocator's arenas in
    use) to the last, the resident size grows by under 2 MB and the blocks held by under 1%."""
    rng = random.Random(SEED + 1)
    gc.collect()
    print(f"\n{total:,} fresh decisions, none kept (cases generated {chunk:,} at a time):")
    print(f"  {'decisions':>10} {'RSS MB':>8} {'blocks held':>12} {'us/decision':>12}")
    start_rss, start_blocks = rss_mb(), sys.getallocatedblocks()
    done, spent = 0, 0.0
    checkpoints: list[tuple[float, int]] = []
    while done < total:
        docket = list(generate(rng, chunk, channels))
        start = time.perf_counter()
        decide_all(docket)
        spent += time.perf_counter() - start
        done += chunk
        del docket
        if done % (total // 10) == 0:
            checkpoints.append((rss_mb(), sys.getallocatedblocks()))
            rss, blocks = checkpoints[-1]
            print(f"  {done:>10,} {rss:>8.1f} {blocks:>12,} {spent / done * 1e6:>12.2f}")
    (rss_first, blocks_first), (rss_last, blocks_last) = checkpoints[0], checkpoints[-1]
    flat = rss_last - rss_first < 2.0 and blocks_last - blocks_first < blocks_first / 100
    print(
        f"  RSS {start_rss:.1f} MB at the start, {rss_first:.1f} MB at the first checkpoint, "
        f"{rss_last:.1f} MB at the end; blocks held {start_blocks:,} at the start, "
        f"{blocks_first:,} -> {blocks_last:,}: " + ("flat" if flat else "NOT flat")
    )
    return {
        "rss_start_mb": round(start_rss, 1),
        "rss_first_mb": round(rss_first, 1),
        "rss_end_mb": round(rss_last, 1),
        "blocks_first": blocks_first,
        "blocks_end": blocks_last,
        "us_per_decision": round(spent / done * 1e6, 2),
        "flat": flat,
    }


# --- the run --------------------------------------------------------------------------------


def verdict(ratio: float) -> str:
    if ratio <= ZEN_GOAL:
        return f"goal met (<= {ZEN_GOAL}x)"
    if ratio <= ZEN_AT_MOST:
        return f"within the bound (<= {ZEN_AT_MOST}x), goal {ZEN_GOAL}x not yet met"
    return f"OVER the bound of {ZEN_AT_MOST}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the docket")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument(
        "--peers",
        type=Path,
        default=PROJECT_PEERS,
        help="the folder of the same-work peers, fused.py and infopass.jdm.json (in it or in its "
        "peers/ folder; default: benchmarks/peers, the decision the library makes now)",
    )
    parser.add_argument(
        "--channels",
        choices=tuple(CHANNEL_SETS),
        default="all",
        help="the docket's inquiry channels: all (default), or 0.2's, for peers that know no "
        "request beyond USCIS (the shared bench's, 0.2's decision)",
    )
    parser.add_argument(
        "--million", action="store_true", help="also memory over 1,000,000 fresh decisions"
    )
    parser.add_argument(
        "--by-kind", action="store_true", help="also the cost of each kind of decision, timed apart"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a bound is missed"
    )
    args = parser.parse_args(argv)
    peers = load_peers(args.peers.resolve())

    whose = (
        "the project's, the decision the library makes now"
        if peers.folder == PROJECT_PEERS
        else "not the project's: they may encode another decision"
    )
    print(f"peers: {peers.folder / 'fused.py'} and {peers.folder / 'infopass.jdm.json'} ({whose})")

    start = time.perf_counter()
    # The project's peers know every channel (a request to the Ombudsman or to Congress is no
    # contact with USCIS, for them as for the library); 0.2's (--channels 0.2) know only 0.2's.
    channels = CHANNEL_SETS[args.channels]
    docket: Docket = list(generate(random.Random(SEED), args.cases, channels))
    built = time.perf_counter() - start
    print(
        f"docket: {len(docket):,} cases, generated in {built:.1f} s (seed {SEED}, not timed), "
        f"channels {args.channels} ({', '.join(c.name for c in channels)}); "
        f"python {sys.version.split()[0]}, infopass_rules {ir.__version__}, {peers.versions}"
    )

    # A first pass of each, untimed (it warms them, zen compiling its graph): the agreement on
    # the outputs, every case.
    decisions = decide_all(docket)
    mine = [of_library(d) for d in decisions]
    of_zen_peer = [of_zen(r) for r in peers.zen(docket)]
    of_fused_peer = [of_fused(r) for r in peers.fused(docket)]
    agree_zen, zen_misses = agreement(mine, of_zen_peer)
    agree_fused, fused_misses = agreement(mine, of_fused_peer)
    remedies_too = {"zen": lists_remedies(of_zen_peer), "fused": lists_remedies(of_fused_peer)}
    listed = sum(bool(outputs[5]) for outputs in mine)
    actions = Counter(d.action.name for d in decisions)
    regimes = Counter(d.regime for d in decisions)
    print("  actions: " + ", ".join(f"{a} {n}" for a, n in actions.most_common()))
    print("  regimes: " + ", ".join(f"{r} {n}" for r, n in regimes.most_common()))
    print(f"  decisions listing remedies beyond the route: {listed:,}")
    del decisions, mine, of_zen_peer, of_fused_peer

    us = race(
        docket,
        {
            "library": (decide_all, True),
            "zen": (peers.zen, True),
            "fused": (peers.fused, True),
            "library, collector paused": (decide_all, False),
            "no work, 3 objects kept": (keep_only, True),
        },
        args.passes,
    )
    ours, zen_us, fused_us = us["library"], us["zen"], us["fused"]
    to_zen, to_fused = ours / zen_us, ours / fused_us
    print(
        f"\nfresh decisions, {len(docket):,} cases, best of {args.passes} interleaved passes "
        "(us per case, one core, results kept):"
    )
    print(f"  infopass_rules next_action:        {ours:8.2f} us")
    print(f"  zen-engine, the same JDM decision: {zen_us:8.2f} us   library/zen   {to_zen:6.2f}x")
    print(
        f"  fused plain Python, the floor:     {fused_us:8.2f} us   library/fused {to_fused:6.2f}x"
    )
    same_decision = remedies_too["zen"] and remedies_too["fused"]
    if same_decision:
        print(f"  ratio to zen-engine: {to_zen:.2f}x, {verdict(to_zen)}")
    else:
        print(
            f"  ratio to zen-engine: {to_zen:.2f}x; these peers list no remedies, so they make "
            "less than the library's decision: the bound is judged beside peers that list them"
        )
    for name, share, misses in (
        ("zen", agree_zen, zen_misses),
        ("fused", agree_fused, fused_misses),
    ):
        ok = "ok" if share >= AGREEMENT_AT_LEAST else f"UNDER {AGREEMENT_AT_LEAST:.1%}"
        detail = (
            "; misses: " + ", ".join(f"{k} {n}" for k, n in misses.most_common()) if misses else ""
        )
        outputs = "action, step, level, earliest, allowed"
        outputs += ", remedies" if remedies_too[name] else "; it lists no remedies"
        print(
            f"  agreement of {name:<5} on ({outputs}): {share:.4%} of {len(docket):,} "
            f"({ok}){detail}"
        )

    paused, floor = us["library, collector paused"], us["no work, 3 objects kept"]
    print(
        f"\nthe collector: the library with it paused {paused:.2f} us/decision "
        f"(it took {1 - paused / ours:.0%} of the time, walking what is kept); a function that "
        f"does no work but keep 3 small objects per case {floor:.2f} us/case"
    )

    theirs = rule_engine_cost()
    print(
        f"history, not a goal: rule-engine matching one predicate on a small dict {theirs:.2f} "
        f"us/match (the old anchor); the library {ours / theirs:.2f}x it"
    )

    peak, held = peak_of_docket(docket)
    print(
        f"memory, {len(docket):,} decisions kept: {held:.1f} MB held, {peak:.1f} MB at the "
        f"peak (tracemalloc); process peak RSS {peak_rss_mb():.1f} MB (docket included)"
    )
    if args.by_kind:
        by_kind(docket, decide_all(docket), args.passes, peers)
    memory: dict[str, float | bool] | None = None
    if args.million:
        del docket
        memory = million(channels)

    missed = (
        not same_decision
        or to_zen > ZEN_AT_MOST
        or min(agree_zen, agree_fused) < AGREEMENT_AT_LEAST
        or (memory is not None and not memory["flat"])
    )
    figures: dict[str, object] = {
        "cases": args.cases,
        "passes": args.passes,
        "peers": str(peers.folder),
        "channels": args.channels,
        "library_us": round(ours, 2),
        "zen_us": round(zen_us, 2),
        "fused_us": round(fused_us, 3),
        "ratio_to_zen": round(to_zen, 3),
        "ratio_to_fused": round(to_fused, 2),
        "agree_zen": round(agree_zen, 5),
        "agree_fused": round(agree_fused, 5),
        "peers_list_remedies": same_decision,
        "library_collector_paused_us": round(paused, 2),
        "keep_only_us": round(floor, 2),
        "rule_engine_us": round(theirs, 3),
        "ratio_to_rule_engine": round(ours / theirs, 2),
        "held_mb": round(held, 1),
        "bounds_met": not missed,
    }
    if memory is not None:
        figures["million"] = memory
    print(json.dumps(figures))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
