"""Regimes: how an appointment is obtained at an office on a date (RG-SELF, RG-PILOT, RG-CC).

The regime decides which channels a decision may offer; the district ladder decides when. The
dates and the pilot offices are parameters (``regime.*`` in parameters.toml), not code. One
function per rule: :func:`contact_center_everywhere` (RG-CC), :func:`pilot_office` (RG-PILOT),
:func:`self_scheduling` (RG-SELF); :func:`regime_at` takes the first that applies.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from infopass_rules.facts.enums import Channel
from infopass_rules.rules.channels import shared
from infopass_rules.rules.trace import FINDING, Finding
from infopass_rules.sources.rulebook import Rulebook

__all__ = [
    "Regime",
    "contact_center_everywhere",
    "pilot_office",
    "regime_at",
    "regime_named",
    "self_scheduling",
]

_ALL = frozenset({Channel.INFOPASS, Channel.CONTACT_CENTER, Channel.E_REQUEST, Channel.MAIL})
_NO_SELF_SCHEDULING = frozenset({Channel.CONTACT_CENTER, Channel.E_REQUEST, Channel.MAIL})


@attrs.frozen
class Regime:
    """The regime in force: its rule ID, the channels a decision may offer directly, and how
    appointments are made under it, in words.

    ``self_scheduled`` is False where an in-person appointment can only be had through the
    Contact Center (RG-PILOT, RG-CC): INFOPASS is then reached by calling, not offered directly.
    """

    rule_id: str
    channels: frozenset[Channel]
    self_scheduled: bool
    words: str

    def offer(self, wanted: frozenset[Channel]) -> frozenset[Channel]:
        """The channels of ``wanted`` this regime lets a decision offer. In person under a
        Contact Center regime means calling for an appointment first."""
        offered = wanted & self.channels
        if Channel.INFOPASS in wanted and not self.self_scheduled:
            offered |= {Channel.CONTACT_CENTER}
        return shared(offered)


SELF = Regime("RG-SELF", _ALL, True, "booked online by the attorney")
PILOT = Regime(
    "RG-PILOT", _NO_SELF_SCHEDULING, False, "through the USCIS Contact Center, at a pilot office"
)
CONTACT_CENTER = Regime("RG-CC", _NO_SELF_SCHEDULING, False, "through the USCIS Contact Center")
_BY_RULE = {regime.rule_id: regime for regime in (SELF, PILOT, CONTACT_CENTER)}


def regime_named(rule_id: str) -> Regime | None:
    """The regime of rule ``rule_id`` (``"RG-CC"``), or None for no regime's rule."""
    return _BY_RULE.get(rule_id)


def regime_at(office: str, on: _dt.date, book: Rulebook) -> tuple[Regime, Finding]:
    """The regime at ``office`` on ``on``, and the finding that says why (under its rule).

    RG-CC from ``regime.contact_center_from`` at every office; before that RG-PILOT at the
    offices of ``regime.pilot_offices`` in force on the day; RG-SELF otherwise.
    """
    return (
        contact_center_everywhere(on, book)
        or pilot_office(office, on, book)
        or self_scheduling(office, on, book)
    )


def contact_center_everywhere(on: _dt.date, book: Rulebook) -> tuple[Regime, Finding] | None:
    """RG-CC (``contact-center-2019``): from March 2019 every office schedules through the
    Contact Center."""
    cc_from: _dt.date = book.parameters["regime.contact_center_from"].values[0].value
    if on < cc_from:
        return None
    return CONTACT_CENTER, (
        FINDING,
        "RG-CC",
        "on {} every office schedules through the Contact Center (from {}, a month-precise "
        "date stored as its first day)",
        on,
        cc_from,
    )


def pilot_office(office: str, on: _dt.date, book: Rulebook) -> tuple[Regime, Finding] | None:
    """RG-PILOT (``aila-18020500``): at the pilot offices, appointments through the Contact
    Center."""
    pilot = book.parameters["regime.pilot_offices"].period_at(on)
    if pilot is None or office not in pilot.value:
        return None
    return PILOT, (
        FINDING,
        "RG-PILOT",
        "{} is a pilot office on {} (pilot from {}): appointments through the Contact Center",
        office,
        on,
        pilot.start,
    )


def self_scheduling(office: str, on: _dt.date, book: Rulebook) -> tuple[Regime, Finding]:
    """RG-SELF (``infopass-guide-2017``): appointments booked online by the attorney."""
    vouched: _dt.date = book.parameters["regime.self_scheduling_from"].values[0].value
    finding = "{} self-schedules InfoPass appointments online on {}"
    if on < vouched:
        return SELF, (
            FINDING,
            "RG-SELF",
            finding + " (the source describing it is dated {}; self-scheduling was in place "
            "before it)",
            office,
            on,
            vouched,
        )
    return SELF, (FINDING, "RG-SELF", finding, office, on)
