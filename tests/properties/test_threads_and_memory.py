"""The engine under load: the same docket decided from 8 threads at once gives the answers it
gives one by one, deciding many fresh cases keeps no memory per case, a decision makes no
reference cycle (what it leaves is freed at once, without the garbage collector), and what a
decision keeps of its reasoning and waits is left untracked by the collector."""

from __future__ import annotations

import gc
import random
import threading
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import infopass_rules as ir
from infopass_rules.edges.demo import DEMO_DOCKET
from tests.mixed_docket import CHANNELS, SEED, generate

THREADS = 8


def _docket() -> list[tuple[ir.Case, tuple[ir.Inquiry | ir.Appointment, ...], date]]:
    """The demo docket, each case asked on several days, and fresh Miami cases with histories."""
    docket = [
        (entry.case, tuple(entry.history), entry.as_of + timedelta(days=shift))
        for entry in DEMO_DOCKET
        for shift in (0, 1, 30, 61, 400)
    ]
    for i in range(300):
        outside = date(2015, 1, 5) + timedelta(days=i % 40)
        case = ir.Case(f"MSC15{i:08d}", "MIA", outside_processing_times_on=outside)
        history = tuple(
            ir.Inquiry(outside + timedelta(days=10 + 61 * k), ir.Channel.INFOPASS)
            for k in range(i % 4)
        )
        docket.append((case, history, outside + timedelta(days=30 + 7 * (i % 50))))
    return docket


def _decide(item: tuple[ir.Case, tuple[ir.Inquiry | ir.Appointment, ...], date]) -> ir.Decision:
    case, history, as_of = item
    return ir.next_action(case, history, as_of=as_of)


def test_eight_threads_give_the_one_by_one_answers() -> None:
    docket = _docket()
    expected = [_decide(item) for item in docket]
    start = threading.Barrier(THREADS)

    def one_thread(offset: int) -> list[ir.Decision]:
        start.wait()
        # Each thread walks the docket from a different place, so they meet on the same cases.
        order = docket[offset:] + docket[:offset]
        answers = [_decide(item) for item in order]
        return answers[len(docket) - offset :] + answers[: len(docket) - offset]

    step = len(docket) // THREADS
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(one_thread, [k * step for k in range(THREADS)]))
    for answers in results:
        assert answers == expected


def _decide_fresh(first: int, count: int) -> None:
    for i in range(first, first + count):
        case = ir.Case(f"MSC19{i:08d}", "MIA", outside_processing_times_on=date(2015, 1, 5))
        history = (ir.Inquiry(date(2015, 2, 1), ir.Channel.INFOPASS),) if i % 2 else ()
        ir.next_action(case, history, as_of=date(2015, 3, 1) + timedelta(days=i % 90))


def test_deciding_fresh_cases_keeps_no_memory_per_case() -> None:
    tracemalloc.start()
    try:
        # Twice the memo's size: it is full from here on, of entries made while traced, and
        # the first-use caches (interned values, dict growth) are settled.
        _decide_fresh(0, 10_000)
        gc.collect()
        settled, _ = tracemalloc.get_traced_memory()
        _decide_fresh(10_000, 10_000)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 10,000 more decisions: any per-case retention (an unbounded memo keeps ~2 kB a case) would
    # show as megabytes; the memo's replaced entries leave the total where it was.
    assert after - settled < 64 * 1024


def test_deciding_explaining_and_writing_make_no_reference_cycle() -> None:
    """Fresh cases of every kind, decided one by one and in a batch, explained and written as
    JSON: nothing is left for the garbage collector (its collection finds no unreachable object).
    The first docket settles first-use work (lazy imports, caches); the second is all fresh."""

    def work(seed: int) -> None:
        docket = list(generate(random.Random(seed), 2_000, CHANNELS))
        decisions = [ir.next_action(case, history, as_of=as_of) for case, history, as_of in docket]
        batch = ir.decide_many(
            [(case, history) for case, history, _ in docket], as_of=date(2026, 11, 26)
        )
        for decision in (*decisions[:300], *batch[:300]):
            decision.explain()
            ir.dumps(decision)
            decision.why_not_yet()

    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        work(SEED)
        gc.collect()  # first-use work may leave cycles (module loading, for one)
        work(SEED + 7)
        left = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert left == 0
