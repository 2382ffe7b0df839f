"""The project's same-work peers (benchmarks/peers) make the decision the library makes now.

``benchmarks/bench_docket.py`` times the library beside them, and a ratio means something only
if they decide what the library decides: the fused floor must agree with the library on the
outputs (action, step, level, earliest, allowed, and the remedies beyond the route listed) of at
least 99.9% of the mixed docket, every channel drawn, and the zen-engine graph too (where
zen-engine is installed: the ``bench`` extra). Each correction of 0.3 to the end of a route, the
requests beyond USCIS and each remedy's boundaries are also checked on a case made for it, the
days before, of and after a boundary among them.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from datetime import date
from functools import cache
from operator import itemgetter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import infopass_rules as ir
from tests.mixed_docket import CHANNELS, CHANNELS_OF_0_2, SEED, generate

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CASES = 3_000
AT_LEAST = 0.999

C, Inq, Lv = ir.Channel, ir.Inquiry, ir.Level
CC, INFOPASS, MAIL = C.CONTACT_CENTER, C.INFOPASS, C.MAIL
FOD, TIER_1, TIER_2 = Lv.FIELD_OFFICE_DIRECTOR, Lv.TIER_1, Lv.TIER_2


@cache
def bench() -> ModuleType:
    """benchmarks/bench_docket.py, which loads the peers and compares their outputs."""
    spec = importlib.util.spec_from_file_location("bench_docket", BENCHMARKS / "bench_docket.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


@cache
def fused() -> ModuleType:
    return bench().load_fused(BENCHMARKS / "peers")  # type: ignore[no-any-return]


@cache
def zen_evaluate() -> Any:
    zen = pytest.importorskip("zen")
    graph = json.loads((BENCHMARKS / "peers" / "infopass.jdm.json").read_text())
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"infopass": graph}}})
    return engine.evaluate


def library(case: ir.Case, history: tuple[Any, ...], as_of: date) -> tuple[Any, ...]:
    return bench().of_library(ir.next_action(case, history, as_of=as_of))  # type: ignore[no-any-return]


def of_fused(case: ir.Case, history: tuple[Any, ...], as_of: date) -> tuple[Any, ...]:
    return bench().of_fused(fused().decide(case, history, as_of))  # type: ignore[no-any-return]


def of_zen(case: ir.Case, history: tuple[Any, ...], as_of: date) -> tuple[Any, ...]:
    result = zen_evaluate()("infopass", bench().zen_input(case, history, as_of))["result"]
    return bench().of_zen(result)  # type: ignore[no-any-return]


PEERS = {"fused": of_fused, "zen": of_zen}


@pytest.mark.parametrize("channels", [CHANNELS, CHANNELS_OF_0_2], ids=["all", "0.2"])
@pytest.mark.parametrize("peer", sorted(PEERS))
def test_the_peer_agrees_with_the_library_on_the_mixed_docket(
    peer: str, channels: tuple[ir.Channel, ...]
) -> None:
    docket = list(generate(random.Random(SEED), CASES, channels))
    decide = PEERS[peer]
    mine = [library(*item) for item in docket]
    theirs = [decide(*item) for item in docket]
    share, misses = bench().agreement(mine, theirs)
    assert share >= AT_LEAST, f"{peer}: {share:.3%} of {CASES:,} cases; misses {dict(misses)}"
    assert bench().lists_remedies(theirs)  # so the remedies were compared too
    # the docket reaches both remedies, open and not (on EXHAUSTED)
    listed = {(rule, allowed) for outputs in mine for rule, _, allowed in outputs[5]}
    assert listed == {(r, ok) for r in ("OMB-CASE-ASSIST", "CONG-INQUIRY") for ok in (True, False)}
    # the docket reaches the Tier 2 Supervisor's escalations, where most of 0.3's corrections lie
    escalations = sum(m[0] == "ESCALATE" and m[2] == "TIER_2_SUPERVISOR" for m in mine)
    assert escalations >= 20


# The Miami ladder of a delayed case outside normal processing times from 2020-06-01: Contact
# Center inquiries, each unresolved, make step 1 on 2020-06-01, step 2 on 2020-08-01 (61 days on),
# step 3 on 2020-09-01 (31 days on).
MIAMI = ir.Case("MSC2000000001", "MIA", received_on=date(2020, 1, 1),
                outside_processing_times_on=date(2020, 6, 1))  # fmt: skip
PRESSING = ir.Case("MSC2000000004", "MIA", received_on=date(2020, 1, 1),
                   outside_processing_times_on=date(2020, 6, 1), pressing=True)  # fmt: skip
ELSEWHERE = ir.Case("MSC2000000002", "NYC", received_on=date(2020, 1, 1),
                    outside_processing_times_on=date(2020, 6, 1))  # fmt: skip
APPOINTMENT_ISSUE = ir.Case("MSC2000000003", "NYC", issue=ir.Issue.PROOF_OF_STATUS,
                            received_on=date(2020, 1, 1))  # fmt: skip
STEPS = (Inq(date(2020, 6, 1), CC), Inq(date(2020, 8, 1), CC), Inq(date(2020, 9, 1), CC))
LATER = date(2020, 10, 1)

SCENARIOS: dict[str, tuple[ir.Case, tuple[Any, ...], date, tuple[Any, ...]]] = {
    # 1. only the FOD reached on or after the third step ends the route, from that contact's day
    "FOD the day before the third step: asked for again": (
        MIAMI, (*STEPS, Inq(date(2020, 8, 31), INFOPASS, level=FOD)), LATER,
        ("ESCALATE", None, "FIELD_OFFICE_DIRECTOR", "2020-09-01", True),
    ),
    "FOD on the third step's day: EXHAUSTED": (
        MIAMI, (*STEPS, Inq(date(2020, 9, 1), INFOPASS, level=FOD)), LATER,
        ("EXHAUSTED", None, None, "2020-09-01", True),
    ),
    "FOD the day after the third step: EXHAUSTED from it": (
        MIAMI, (*STEPS, Inq(date(2020, 9, 2), INFOPASS, level=FOD)), LATER,
        ("EXHAUSTED", None, None, "2020-09-02", True),
    ),
    "FOD at a visit also recorded with Tier 1, pressing: no FOD again, the ladder goes on": (
        PRESSING, (Inq(date(2020, 6, 1), CC, level=Lv.SUPERVISOR),
                   Inq(date(2020, 8, 1), INFOPASS, level=FOD),
                   Inq(date(2020, 8, 1), INFOPASS, level=TIER_1)), date(2020, 8, 2),
        ("INQUIRE", 3, None, "2020-09-01", False),
    ),
    # 2. a Tier 2 officer reached: the Tier 2 Supervisor, from that contact's day
    "Tier 2 reached, elsewhere: the Supervisor the same day": (
        ELSEWHERE, (Inq(date(2020, 7, 1), CC, level=TIER_2),), date(2020, 7, 1),
        ("ESCALATE", None, "TIER_2_SUPERVISOR", "2020-07-01", True),
    ),
    "Tier 2 reached at step 1: the Supervisor before step 2": (
        MIAMI, (Inq(date(2020, 6, 1), CC, level=TIER_2),), date(2020, 6, 2),
        ("ESCALATE", None, "TIER_2_SUPERVISOR", "2020-06-01", True),
    ),
    "Tier 2 reached, then Tier 1: no Supervisor": (
        ELSEWHERE, (Inq(date(2020, 7, 1), CC, level=TIER_2),
                    Inq(date(2020, 7, 2), CC, level=TIER_1)),
        date(2020, 7, 3), ("INQUIRE", None, None, "2020-06-01", True),
    ),
    "Tier 2 reached, then a letter: the Supervisor still": (
        ELSEWHERE, (Inq(date(2020, 7, 1), CC, level=TIER_2), Inq(date(2020, 7, 2), MAIL)),
        date(2020, 7, 3), ("ESCALATE", None, "TIER_2_SUPERVISOR", "2020-07-01", True),
    ),
    "Tier 2 reached, an appointment issue under the Contact Center": (
        APPOINTMENT_ISSUE, (Inq(date(2021, 3, 1), CC, level=TIER_2),), date(2021, 3, 2),
        ("ESCALATE", None, "TIER_2_SUPERVISOR", "2021-03-01", True),
    ),
    # 3. an ended route stays ended
    "a Tier 2 referral after the route ended: EXHAUSTED still": (
        MIAMI, (*STEPS, Inq(date(2020, 9, 2), INFOPASS, level=FOD),
                Inq(date(2020, 9, 10), CC, outcome=ir.Outcome.TIER_2_REFERRAL)), LATER,
        ("EXHAUSTED", None, None, "2020-09-02", True),
    ),
    # requests beyond USCIS: no inquiry, no officer reached, but a resolution resolves
    "the Ombudsman reached no Tier 2 Supervisor": (
        APPOINTMENT_ISSUE, (Inq(date(2021, 3, 1), C.OMBUDSMAN, level=Lv.TIER_2_SUPERVISOR),),
        date(2021, 3, 2), ("REQUEST_APPOINTMENT", None, None, "2021-03-02", True),
    ),
    "a congressional inquiry is no ladder step": (
        MIAMI, (Inq(date(2020, 6, 1), C.CONGRESS),), LATER,
        ("INQUIRE", 1, None, "2020-06-01", True),
    ),
    "the Ombudsman resolved it": (
        ELSEWHERE, (Inq(date(2020, 7, 1), C.OMBUDSMAN, outcome=ir.Outcome.RESOLVED),), LATER,
        ("NONE", None, None, None, False),
    ),
}  # fmt: skip


# The remedies beyond the route (docs/concepts/remedies.md) at their boundaries. A delayed case at
# an office of no district, outside normal processing times from 2025-01-01: OMB-CASE-ASSIST opens
# 61 days after the latest contact with USCIS (60 days, AFTER_PERIOD) and lapses after the 90th,
# from 2025-03-01, closed from 2025-03-21 to 2025-05-23; CONG-INQUIRY is open from the day the
# case is outside (received 2024-06-01, after 2018-02-15), a follow-up 31 days after the latest
# congressional inquiry. Listed: each one open; on EXHAUSTED both, open or not.
DELAYED = ir.Case("MSC2400000001", "NYC", received_on=date(2024, 6, 1),
                  outside_processing_times_on=date(2025, 1, 1))  # fmt: skip
DELAYED_2017 = ir.Case("MSC1700000001", "NYC", received_on=date(2017, 1, 1),
                       outside_processing_times_on=date(2017, 6, 1))  # fmt: skip
OMB, CONG = "OMB-CASE-ASSIST", "CONG-INQUIRY"
CONG_OPEN = (CONG, "2025-01-01", True)
JUNE_1 = (Inq(date(2025, 6, 1), CC),)  # the window: 2025-08-01 to 2025-08-30
MARCH_15 = (Inq(date(2025, 3, 15), CC),)  # 2025-05-15 to 2025-06-13, closed to 2025-05-23
DECEMBER_15 = (Inq(date(2024, 12, 15), CC),)  # 2025-02-14 to 2025-03-15, open from 2025-03-01
FOLLOW_UP = (Inq(date(2025, 6, 1), C.CONGRESS),)  # a follow-up from 2025-07-02

REMEDY_SCENARIOS: dict[str, tuple[ir.Case, tuple[Any, ...], date, tuple[Any, ...]]] = {
    "Ombudsman: the day before the 61st day": (DELAYED, JUNE_1, date(2025, 7, 31), (CONG_OPEN,)),
    "Ombudsman: the 61st day": (
        DELAYED, JUNE_1, date(2025, 8, 1), ((OMB, "2025-08-01", True), CONG_OPEN)),
    "Ombudsman: the 90th day": (
        DELAYED, JUNE_1, date(2025, 8, 30), ((OMB, "2025-08-01", True), CONG_OPEN)),
    "Ombudsman: lapsed the day after": (DELAYED, JUNE_1, date(2025, 8, 31), (CONG_OPEN,)),
    "Ombudsman: the last day of the suspension": (
        DELAYED, MARCH_15, date(2025, 5, 23), (CONG_OPEN,)),
    "Ombudsman: the day after the suspension": (
        DELAYED, MARCH_15, date(2025, 5, 24), ((OMB, "2025-05-24", True), CONG_OPEN)),
    "Ombudsman: the day before the rule's day": (
        DELAYED, DECEMBER_15, date(2025, 2, 28), (CONG_OPEN,)),
    "Ombudsman: the rule's day": (
        DELAYED, DECEMBER_15, date(2025, 3, 1), ((OMB, "2025-03-01", True), CONG_OPEN)),
    "Congress: a follow-up the day before the 31st day": (
        DELAYED, FOLLOW_UP, date(2025, 7, 1), ()),
    "Congress: a follow-up the 31st day": (
        DELAYED, FOLLOW_UP, date(2025, 7, 2), ((CONG, "2025-07-02", True),)),
    "Congress: the day before the rule's day": (DELAYED_2017, (), date(2018, 2, 14), ()),
    "Congress: the rule's day": (
        DELAYED_2017, (), date(2018, 2, 15), ((CONG, "2018-02-15", True),)),
    "EXHAUSTED: both, open or not": (
        APPOINTMENT_ISSUE, (Inq(date(2021, 3, 1), CC, level=Lv.TIER_2_SUPERVISOR),),
        date(2021, 3, 2), ((OMB, None, False), (CONG, "2020-01-01", True))),
    "EXHAUSTED: a follow-up not yet open": (
        APPOINTMENT_ISSUE, (Inq(date(2021, 3, 1), CC, level=Lv.TIER_2_SUPERVISOR),
                            Inq(date(2021, 3, 1), C.CONGRESS)),
        date(2021, 3, 2), ((OMB, None, False), (CONG, "2021-04-01", False))),
}  # fmt: skip


#: Each scenario, with the part of the outputs it names: the five of a correction, the remedies.
CHECKED: dict[str, tuple[itemgetter[Any], tuple[Any, ...]]] = {
    **{name: (itemgetter(slice(0, 5)), scenario) for name, scenario in SCENARIOS.items()},
    **{name: (itemgetter(5), scenario) for name, scenario in REMEDY_SCENARIOS.items()},
}


@pytest.mark.parametrize("name", sorted(CHECKED))
@pytest.mark.parametrize("peer", sorted(PEERS))
def test_the_peer_decides_each_scenario_as_the_library(peer: str, name: str) -> None:
    part, (case, history, as_of, expected) = CHECKED[name]
    mine = library(case, history, as_of)
    assert part(mine) == expected  # the case shows what it is named for
    assert PEERS[peer](case, history, as_of) == mine  # every output, the remedies included
