"""The scheduling regimes (RG-*): which office self-schedules, which is a pilot office, and from
when every office goes through the Contact Center."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

import pytest

import infopass_rules as ir
from infopass_rules.facts.enums import Channel
from infopass_rules.rules.regimes import CONTACT_CENTER, PILOT, SELF, regime_at
from infopass_rules.rules.trace import finding_text
from infopass_rules.sources.rulebook import load_rulebook
from tests.helpers import (
    D,
    case,
    decide,
    miami,
)

# The channels of an inquiry to USCIS (a request to the Ombudsman or to Congress is none).
ALL = frozenset(Channel) - {Channel.OMBUDSMAN, Channel.CONGRESS}

# The rows of the tests below that span the three regimes; each rule's class takes its own rows
# (rows(TABLE, rule_id)), so a regime's boundary is read in its class.
#: (office, day, regime of the day) around each regime's first day.
REGIME_DAYS = [
    ("HAR", D(2018, 2, 4), "RG-SELF"),
    ("HAR", D(2018, 2, 5), "RG-PILOT"),
    ("HAR", D(2018, 2, 6), "RG-PILOT"),
    ("BOS", D(2018, 2, 5), "RG-SELF"),
    ("SFR", D(2019, 2, 28), "RG-PILOT"),
    ("BOS", D(2019, 2, 28), "RG-SELF"),
    ("BOS", D(2019, 3, 1), "RG-CC"),
    ("HAR", D(2019, 3, 1), "RG-CC"),
    ("MIA", D(2019, 3, 2), "RG-CC"),
]

#: (office, day, regime, the exact finding) at each boundary.
REGIME_FINDINGS = [
    (
        "MIA",
        D(2019, 3, 1),
        "RG-CC",
        "on 2019-03-01 every office schedules through the Contact "
        "Center (from 2019-03-01, a month-precise date stored as its first day)",
    ),
    (
        "MIA",
        D(2019, 2, 28),
        "RG-SELF",
        "MIA self-schedules InfoPass appointments online on 2019-02-28",
    ),
    (
        "HAR",
        D(2018, 2, 5),
        "RG-PILOT",
        "HAR is a pilot office on 2018-02-05 (pilot from "
        "2018-02-05): appointments through the Contact Center",
    ),
    (
        "HAR",
        D(2018, 2, 4),
        "RG-SELF",
        "HAR self-schedules InfoPass appointments online on 2018-02-04",
    ),
    (
        "MIA",
        D(2017, 5, 20),
        "RG-SELF",
        "MIA self-schedules InfoPass appointments online on 2017-05-20",
    ),
    (
        "MIA",
        D(2017, 5, 19),
        "RG-SELF",
        "MIA self-schedules InfoPass appointments online on "
        "2017-05-19 (the source describing it is dated 2017-05-20; self-scheduling was in "
        "place before it)",
    ),
]

#: (regime, channels wanted, channels offered).
REGIME_CHANNELS = [
    (SELF, {Channel.INFOPASS}, {Channel.INFOPASS}),
    (SELF, {Channel.E_REQUEST, Channel.MAIL}, {Channel.E_REQUEST, Channel.MAIL}),
    (CONTACT_CENTER, {Channel.INFOPASS}, {Channel.CONTACT_CENTER}),
    (CONTACT_CENTER, {Channel.E_REQUEST}, {Channel.E_REQUEST}),
    (
        CONTACT_CENTER,
        {Channel.INFOPASS, Channel.E_REQUEST},
        {Channel.CONTACT_CENTER, Channel.E_REQUEST},
    ),
    (PILOT, {Channel.INFOPASS, Channel.MAIL}, {Channel.CONTACT_CENTER, Channel.MAIL}),
    (PILOT, frozenset(), set()),
]

RULE_OF = {SELF: "RG-SELF", PILOT: "RG-PILOT", CONTACT_CENTER: "RG-CC"}


def rows(table: list[tuple[Any, ...]], rule_id: str) -> list[tuple[Any, ...]]:
    """The rows of ``table`` about ``rule_id`` (named by ID, or by its regime object)."""
    return [
        r for r in table if rule_id in (r[2] if isinstance(r[2], str) else "", RULE_OF.get(r[0]))
    ]


def check_regime_by_office_and_date(office: str, on: date, regime: str) -> None:
    decision = ir.next_action(case(office, issue=ir.Issue.PROOF_OF_STATUS), as_of=on)
    assert decision.regime == regime
    assert regime in decision.rule_ids
    assert decision.action is ir.Action.REQUEST_APPOINTMENT
    if regime == "RG-SELF":
        assert decision.channels == {ir.Channel.INFOPASS}
    else:
        assert decision.channels == {ir.Channel.CONTACT_CENTER}


def check_regime_finding(office: str, on: dt.date, rule_id: str, finding: str) -> None:
    regime, found = regime_at(office, on, load_rulebook())
    text = finding_text(found)
    assert regime.rule_id == found[1] == rule_id
    assert text == finding


def check_regime_offer(regime: object, wanted: set[Channel], offered: set[Channel]) -> None:
    assert regime.offer(frozenset(wanted)) == frozenset(offered)  # type: ignore[attr-defined]


class TestRGSelf:
    """RG-SELF, Self-scheduled InfoPass: infopass-guide-2017, 'Scheduling an InfoPass
    Appointment', first and second paragraphs."""

    @pytest.mark.parametrize(("office", "on", "regime"), rows(REGIME_DAYS, "RG-SELF"))
    def test_regime_by_office_and_date(self, office: str, on: date, regime: str) -> None:
        check_regime_by_office_and_date(office, on, regime)

    @pytest.mark.parametrize(
        ("office", "on", "rule_id", "finding"), rows(REGIME_FINDINGS, "RG-SELF")
    )
    def test_regime_findings_at_each_boundary(
        self, office: str, on: dt.date, rule_id: str, finding: str
    ) -> None:
        check_regime_finding(office, on, rule_id, finding)

    @pytest.mark.parametrize(("regime", "wanted", "offered"), rows(REGIME_CHANNELS, "RG-SELF"))
    def test_regime_offers_exactly_its_channels(
        self, regime: object, wanted: set[Channel], offered: set[Channel]
    ) -> None:
        check_regime_offer(regime, wanted, offered)

    def test_regimes_are_what_the_sources_say(self) -> None:
        assert SELF.self_scheduled is True
        assert SELF.channels == ALL
        assert PILOT.self_scheduled is False
        assert CONTACT_CENTER.self_scheduled is False
        assert Channel.INFOPASS not in CONTACT_CENTER.channels
        assert Channel.INFOPASS not in PILOT.channels


class TestRGPilot:
    """RG-PILOT, InfoPass pilot: appointments through the Contact Center: aila-18020500, SRW
    Lawyers report of AILA Doc. No. 18020500, paragraphs 3 and 5."""

    @pytest.mark.parametrize(("office", "on", "regime"), rows(REGIME_DAYS, "RG-PILOT"))
    def test_regime_by_office_and_date(self, office: str, on: date, regime: str) -> None:
        check_regime_by_office_and_date(office, on, regime)

    @pytest.mark.parametrize(
        ("office", "on", "rule_id", "finding"), rows(REGIME_FINDINGS, "RG-PILOT")
    )
    def test_regime_findings_at_each_boundary(
        self, office: str, on: dt.date, rule_id: str, finding: str
    ) -> None:
        check_regime_finding(office, on, rule_id, finding)

    @pytest.mark.parametrize(("regime", "wanted", "offered"), rows(REGIME_CHANNELS, "RG-PILOT"))
    def test_regime_offers_exactly_its_channels(
        self, regime: object, wanted: set[Channel], offered: set[Channel]
    ) -> None:
        check_regime_offer(regime, wanted, offered)

    @pytest.mark.parametrize("office", ["HAR", "ELP", "JAC", "SAC", "SFR"])
    def test_every_pilot_office(self, office: str) -> None:
        decision = ir.next_action(case(office, issue=ir.Issue.DACA), as_of=D(2018, 6, 1))
        assert decision.regime == "RG-PILOT"
        assert "CC-QUALIFYING" in decision.rule_ids


class TestRGCC:
    """RG-CC, Contact Center scheduling everywhere: contact-center-2019, second paragraph."""

    @pytest.mark.parametrize(("office", "on", "regime"), rows(REGIME_DAYS, "RG-CC"))
    def test_regime_by_office_and_date(self, office: str, on: date, regime: str) -> None:
        check_regime_by_office_and_date(office, on, regime)

    @pytest.mark.parametrize(("office", "on", "rule_id", "finding"), rows(REGIME_FINDINGS, "RG-CC"))
    def test_regime_findings_at_each_boundary(
        self, office: str, on: dt.date, rule_id: str, finding: str
    ) -> None:
        check_regime_finding(office, on, rule_id, finding)

    @pytest.mark.parametrize(("regime", "wanted", "offered"), rows(REGIME_CHANNELS, "RG-CC"))
    def test_regime_offers_exactly_its_channels(
        self, regime: object, wanted: set[Channel], offered: set[Channel]
    ) -> None:
        check_regime_offer(regime, wanted, offered)

    def test_after_2019_the_ladder_runs_through_the_contact_center(self) -> None:
        case = miami(outside_processing_times_on=D(2019, 6, 3))
        decision = decide(case, as_of=D(2019, 6, 3))
        assert (decision.step, decision.regime) == (1, "RG-CC")
        assert ir.Channel.INFOPASS not in decision.channels
        assert ir.Channel.CONTACT_CENTER in decision.channels
        assert "CC-CALL" in decision.rule_ids

    def test_regime_of_the_day_the_step_is_allowed(self) -> None:
        # Decided in February 2019 (self-scheduling), allowed in March (Contact Center).
        case = miami(outside_processing_times_on=D(2019, 3, 4))
        decision = decide(case, as_of=D(2019, 2, 20))
        assert decision.regime == "RG-CC"
        assert {"RG-SELF", "RG-CC"} <= {t.rule_id for t in decision.trace}


class TestChannelsOffered:
    """What each regime lets a decision offer of the channels wanted: in person under a Contact
    Center regime (RG-PILOT, RG-CC) is a call for an appointment first."""

    def test_each_regime_offers_its_own_channels_asked_in_any_order(self) -> None:
        from infopass_rules.rules.regimes import CONTACT_CENTER, PILOT, SELF

        C = ir.Channel
        in_person, mixed, mail = (
            frozenset({C.INFOPASS}),
            frozenset({C.INFOPASS, C.CONTACT_CENTER, C.E_REQUEST}),
            frozenset({C.MAIL}),
        )
        expected = {
            (SELF, in_person): {C.INFOPASS},
            (PILOT, in_person): {C.CONTACT_CENTER},
            (CONTACT_CENTER, in_person): {C.CONTACT_CENTER},
            (SELF, mixed): {C.INFOPASS, C.CONTACT_CENTER, C.E_REQUEST},
            (PILOT, mixed): {C.CONTACT_CENTER, C.E_REQUEST},
            (CONTACT_CENTER, mixed): {C.CONTACT_CENTER, C.E_REQUEST},
            (SELF, mail): {C.MAIL},
            (PILOT, mail): {C.MAIL},
            (CONTACT_CENTER, mail): {C.MAIL},
        }
        # Asked one after the other, in both orders: each answer is the regime's own.
        for pairs in (list(expected), list(reversed(expected))):
            for regime, wanted in pairs:
                assert regime.offer(wanted) == expected[(regime, wanted)], (regime, wanted)
