"""Benchmark: ``next_action`` on a Miami case with a three-inquiry history.

Prints microseconds per decision (best of several repeats, one core), beside the cost of a
generic rule engine (the ``rule-engine`` package) matching a single predicate on the same
machine in the same run, and the ratio between the two. Two figures for ``next_action``:

- *repeated*: the same facts decided again (worked out again: the engine keeps no memo);
- *fresh*: every call on a different date.

Not a test: figures vary by machine.

    python benchmarks/bench_next_action.py
"""

from __future__ import annotations

import datetime as dt
import timeit

import infopass_rules as ir

REPEATS = 7


def best_per_call(fn: object, number: int) -> float:
    times = timeit.repeat(fn, number=number, repeat=REPEATS)  # type: ignore[arg-type]
    return min(times) / number * 1e6


def main() -> None:
    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=dt.date(2015, 1, 5))
    history = (
        ir.Inquiry(dt.date(2015, 1, 10), ir.Channel.INFOPASS),
        ir.Inquiry(dt.date(2015, 3, 12), ir.Channel.E_REQUEST),
        ir.Inquiry(dt.date(2015, 4, 13), ir.Channel.CONTACT_CENTER, level=ir.Level.SUPERVISOR),
    )
    as_of = dt.date(2015, 4, 20)
    decision = ir.next_action(case, history, as_of=as_of)
    print(f"decision: {decision.headline()}")
    ours = best_per_call(lambda: ir.next_action(case, history, as_of=as_of), 2000)
    print(f"next_action, repeated facts:      {ours:8.2f} us/decision")
    days = [as_of + dt.timedelta(days=n) for n in range(10_000)]
    fresh_days = iter(days * REPEATS)

    def fresh() -> None:
        ir.next_action(case, history, as_of=next(fresh_days))

    fresh_cost = best_per_call(fresh, len(days) // 2)
    print(f"next_action, fresh facts:         {fresh_cost:8.2f} us/decision")
    try:
        import rule_engine
    except ImportError:
        print("rule-engine not installed (pip install '.[bench]'): no comparison")
        return
    rule = rule_engine.Rule("days_since_last_inquiry > 60")
    thing = {"days_since_last_inquiry": 61}
    assert rule.matches(thing)
    theirs = best_per_call(lambda: rule.matches(thing), 20000)
    print(f"rule-engine, one predicate:       {theirs:8.2f} us/match")
    print(f"ratio repeated / rule-engine:     {ours / theirs:8.2f}x")
    print(f"ratio fresh / rule-engine:        {fresh_cost / theirs:8.2f}x")


if __name__ == "__main__":
    main()
