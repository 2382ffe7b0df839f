"""The project's same-work peers (benchmarks/peers) make the decision the library makes now.

``benchmarks/bench_docket.py`` times the library beside them, and a ratio means something only
if they decide what the library decides: the fused floor must agree with the library on the five
outputs (action, step, level, earliest, allowed) of at least 99.9% of the mixed docket, every
channel drawn, and the zen-engine graph too (where zen-engine is installed: the ``bench``
extra). Each correction of 0.3 to the end of a route, and the requests beyond USCIS, is also
checked on a case made for it, the days before, of and after its boundary among them.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from datetime import date
from functools import cache
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


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("peer", sorted(PEERS))
def test_the_peer_decides_each_correction_as_the_library(peer: str, name: str) -> None:
    case, history, as_of, expected = SCENARIOS[name]
    assert library(case, history, as_of) == expected  # the case shows what it is named for
    assert PEERS[peer](case, history, as_of) == expected
