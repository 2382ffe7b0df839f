"""The values decisions share: the conflicts a decision notes, one tuple for every decision
noting the same ones (they come from the rule book), and the cited sources by date, one value for
the sets of rules resting on the same sources; both memos bounded."""

from __future__ import annotations

import datetime as dt

import infopass_rules as ir
from infopass_rules.engine import assemble
from infopass_rules.engine.assemble import _shared_conflicts


def _conflict(question: str) -> ir.NotedConflict:
    return ir.NotedConflict(
        "CC-TIER2", question, "a", "says a", "b", "says b", "primary source over secondary"
    )


def test_no_conflict_is_the_empty_tuple_and_keeps_nothing() -> None:
    assert _shared_conflicts([]) == ()
    assert () not in assemble._CONFLICTS


def test_conflicts_met_for_the_first_time_are_kept_and_then_shared() -> None:
    # A question no rule book asks: met here for the first time in the process.
    noted = [_conflict(f"asked once, at {dt.datetime.now().isoformat()}?")]
    first = _shared_conflicts(noted)
    assert type(first) is tuple
    assert first == tuple(noted)
    again = _shared_conflicts(list(noted))
    assert again is first
    other = _shared_conflicts([*noted, _conflict("another question?")])
    assert other == (*noted, _conflict("another question?"))
    assert other is not first


def test_decisions_noting_the_same_conflict_share_its_tuple() -> None:
    def decide(number: str) -> ir.Decision:
        case = ir.Case(
            number,
            "BOS",
            ir.Issue.CASE_DELAY,
            received_on=dt.date(2019, 1, 2),
            outside_processing_times_on=dt.date(2019, 6, 1),
        )
        referral = ir.Inquiry(
            dt.date(2019, 7, 1), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL
        )
        return ir.next_action(case, [referral], as_of=dt.date(2019, 7, 10))

    first, second = decide("EAC1990000001"), decide("EAC1990000002")
    assert first.conflicts
    assert first.conflicts is second.conflicts


def test_the_conflicts_kept_stay_bounded() -> None:
    size = assemble._SHARED_SIZE
    for i in range(size + 5):
        noted = [_conflict(f"question {i} of a book of one's own?")]
        assert _shared_conflicts(noted) == tuple(noted)
        assert len(assemble._CONFLICTS) <= size
    assert len(assemble._CONFLICTS) < size  # emptied once full, then filled again


def test_the_sources_by_date_kept_stay_bounded() -> None:
    size = assemble._SHARED_SIZE
    for i in range(size + 5):
        dated = ((dt.date(2000, 1, 1) + dt.timedelta(days=i), ("a book of one's own",)),)
        assert assemble._shared(assemble._DATED, dated) is dated
        again = ((dated[0][0], dated[0][1]),)  # equal, another object
        assert again is not dated
        assert assemble._shared(assemble._DATED, again) is dated
        assert len(assemble._DATED) <= size
    assert len(assemble._DATED) < size
