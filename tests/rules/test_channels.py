"""Shared channel sets: a decision's channels come from one table, equal to a set built anew."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.facts.enums import Channel
from infopass_rules.rules.channels import by_names, shared
from infopass_rules.rules.regimes import CONTACT_CENTER, PILOT, SELF


@given(st.frozensets(st.sampled_from(list(Channel))))
def test_shared_is_equal_and_one_object_per_set(channels: frozenset[Channel]) -> None:
    assert shared(channels) == channels
    assert shared(set(channels)) is shared(frozenset(channels))


def test_by_names_gives_the_shared_set() -> None:
    assert by_names(("INFOPASS", "E_REQUEST")) == {Channel.INFOPASS, Channel.E_REQUEST}
    assert by_names(("INFOPASS", "E_REQUEST")) is shared({Channel.E_REQUEST, Channel.INFOPASS})


@given(st.frozensets(st.sampled_from(list(Channel))))
def test_a_regime_offers_the_shared_set(wanted: frozenset[Channel]) -> None:
    for regime in (SELF, PILOT, CONTACT_CENTER):
        offered = regime.offer(wanted)
        assert offered is shared(offered)
        assert regime.offer(frozenset(wanted)) is offered


def test_decisions_share_their_channel_sets() -> None:
    day = dt.date(2024, 5, 1)
    first, second = (
        ir.next_action(
            ir.Case(receipt, "HAR", outside_processing_times_on=dt.date(2024, 1, 1)), as_of=day
        )
        for receipt in ("MSC0000000001", "MSC0000000002")
    )
    assert first.channels == second.channels
    assert first.channels is second.channels
