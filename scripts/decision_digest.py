"""Digest of every decision of the generated mixed docket: every field and every text.

Run it at two commits and compare the outputs: the same digests, line for line, mean the same
answers (fields, trace, notes, warnings, waits, citations, conflicts, JSON, both explanations,
headline and why-not-yet).

    python scripts/decision_digest.py --cases 100000 > after.txt

A decision's channels (a set) are compared sorted: a set's ``repr`` lists its members in an
order that depends on the process's string hashing and on how the set was first built.

The mixed docket draws its histories' channels from ``ir.Channel``: 0.3 added the requests beyond
USCIS (``OMBUDSMAN``, ``CONGRESS``), which changes the docket drawn. To compare a 0.3 commit with
an earlier one on the same docket, run the later one with ``--channels-of-0.2`` (the four
channels of 0.2 only).
"""

from __future__ import annotations

import argparse
import hashlib
import pathlib
import random
import sys

import attrs

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import infopass_rules as ir
from tests import mixed_docket


def digest(decision: ir.Decision) -> str:
    """One line for ``decision``: a hash of everything it says but the rule set's version (the
    package version and a hash of the rule book's files, which a change of the files' comments
    or ``implemented_by`` changes too)."""
    fields = [
        (field.name, sorted(value, key=repr) if isinstance(value, frozenset) else value)
        for field in attrs.fields(ir.Decision)
        for value in (getattr(decision, field.name),)
    ]
    parts = [
        repr(fields),
        ir.dumps(decision),
        decision.explain(),
        decision.explain("markdown"),
        decision.headline(),
        decision.why_not_yet(),
    ]
    text = "\x1e".join(parts).replace(decision.ruleset_version, "<rule set>")
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _since_0_3(**settings: object) -> dict[str, object]:
    """The settings of 0.3's readings (``Policy.ombudsman_window``), where the policy has them:
    the same script runs at an earlier commit, where they change nothing the policy has."""
    names = {field.name for field in attrs.fields(ir.Policy)}
    return {name: value for name, value in settings.items() if name in names}


#: The default policy and each other reading, so every named interpretation is compared.
POLICIES = (
    ir.Policy(),
    ir.Policy(day_count=ir.DayCount.ON_LAST_DAY),
    ir.Policy(premature=ir.Premature.RESTARTS_CLOCK),
    ir.Policy(fod_after_third=ir.FodAfterThird.AFTER_THIRD_WAIT),
    ir.Policy(
        conflict_rule=ir.ConflictRule.LONGEST_WAIT,
        pressing_horizon_days=60,
        **_since_0_3(ombudsman_window="ANY_CONTACT"),
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--channels-of-0.2",
        dest="channels_of_0_2",
        action="store_true",
        help="draw histories with the four channels of 0.2 only (the docket of earlier commits)",
    )
    args = parser.parse_args()
    channels = mixed_docket.CHANNELS_OF_0_2 if args.channels_of_0_2 else mixed_docket.CHANNELS
    docket = mixed_docket.generate(random.Random(mixed_docket.SEED), args.cases, channels)
    for i, (case, history, as_of) in enumerate(docket):
        policy = POLICIES[i % len(POLICIES)]
        decision = ir.next_action(case, history, as_of=as_of, policy=policy)
        print(case.receipt_number, digest(decision))


if __name__ == "__main__":
    main()
