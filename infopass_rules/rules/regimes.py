"""Regimes: how an appointment is obtained at an office on a date (RG-SELF, RG-PILOT, RG-CC).

The regime decides which channels a decision may offer; the district ladder decides when. The
dates and the pilot offices are parameters (``regime.*`` in parameters.toml), not code. One
function per rule: :func:`contact_center_everywhere` (RG-CC), :func:`pilot_office` (RG-PILOT),
:func:`self_scheduling` (RG-SELF); :func:`regime_at` takes the first that applies.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from infopass_rules.facts.enums import Channel
from infopass_rules.rules.channels import shared
from infopass_rules.rules.lookup import first_value, period_at
from infopass_rules.rules.trace import render
from infopass_rules.sources.rulebook import Rulebook

__all__ = [
    "Regime",
    "contact_center_everywhere",
    "pilot_office",
    "regime_at",
    "regime_record",
    "self_scheduling",
]

_ALL = frozenset({Channel.INFOPASS, Channel.CONTACT_CENTER, Channel.E_REQUEST, Channel.MAIL})
_NO_SELF_SCHEDULING = frozenset({Channel.CONTACT_CENTER, Channel.E_REQUEST, Channel.MAIL})


@attrs.frozen
class Regime:
    """The regime in force: its rule ID and the channels a decision may offer directly.

    ``self_scheduled`` is False where an in-person appointment can only be had through the
    Contact Center (RG-PILOT, RG-CC): INFOPASS is then reached by calling, not offered directly.
    """

    rule_id: str
    channels: frozenset[Channel]
    self_scheduled: bool

    def offer(self, wanted: frozenset[Channel]) -> frozenset[Channel]:
        """The channels of ``wanted`` this regime lets a decision offer. In person under a
        Contact Center regime means calling for an appointment first."""
        key = (self.channels, self.self_scheduled, wanted)
        offered = _OFFERED.get(key)
        if offered is None:
            offered = wanted & self.channels
            if Channel.INFOPASS in wanted and not self.self_scheduled:
                offered |= {Channel.CONTACT_CENTER}
            # At most one entry per (regime's channels, self-scheduled, wanted): a few dozen.
            offered = _OFFERED.setdefault(key, shared(offered))
        return offered


#: What each regime offers of each set of channels wanted, shared (see :mod:`.channels`).
_OFFERED: dict[tuple[frozenset[Channel], bool, frozenset[Channel]], frozenset[Channel]] = {}


SELF = Regime("RG-SELF", _ALL, True)
PILOT = Regime("RG-PILOT", _NO_SELF_SCHEDULING, False)
CONTACT_CENTER = Regime("RG-CC", _NO_SELF_SCHEDULING, False)


#: A regime and its finding as a template with its values (rendered when read).
_Record = tuple[Regime, str, tuple[Any, ...]]


def regime_at(office: str, on: _dt.date, book: Rulebook) -> tuple[Regime, str]:
    """The regime at ``office`` on ``on``, and the finding that says why.

    RG-CC from ``regime.contact_center_from`` at every office; before that RG-PILOT at the
    offices of ``regime.pilot_offices`` in force on the day; RG-SELF otherwise.
    """
    regime, template, args = regime_record(office, on, book)
    return regime, render(template, args)


def regime_record(office: str, on: _dt.date, book: Rulebook) -> _Record:
    """:func:`regime_at` with its finding as a template and its values, rendered when read:
    the first of RG-CC, RG-PILOT and RG-SELF that applies."""
    return (
        contact_center_everywhere(on, book)
        or pilot_office(office, on, book)
        or self_scheduling(office, on, book)
    )


_CC_FINDING = (
    "on {} every office schedules through the Contact Center (from {}, a month-precise date "
    "stored as its first day)"
)
_PILOT_FINDING = (
    "{} is a pilot office on {} (pilot from {}): appointments through the Contact Center"
)
_SELF_FINDING = "{} self-schedules InfoPass appointments online on {}"
_SELF_BEFORE = " (the source describing it is dated {}; self-scheduling was in place before it)"


def contact_center_everywhere(on: _dt.date, book: Rulebook) -> _Record | None:
    """RG-CC (``contact-center-2019``): from March 2019 every office schedules through the
    Contact Center."""
    cc_from: _dt.date = first_value(book, "regime.contact_center_from")  # type: ignore[assignment]
    if on < cc_from:
        return None
    return CONTACT_CENTER, _CC_FINDING, (on, cc_from)


def pilot_office(office: str, on: _dt.date, book: Rulebook) -> _Record | None:
    """RG-PILOT (``aila-18020500``): at the pilot offices, appointments through the Contact
    Center."""
    pilot = period_at(book, "regime.pilot_offices", on)
    if pilot is None or office not in pilot.value:
        return None
    return PILOT, _PILOT_FINDING, (office, on, pilot.start)


def self_scheduling(office: str, on: _dt.date, book: Rulebook) -> _Record:
    """RG-SELF (``infopass-guide-2017``): appointments booked online by the attorney."""
    vouched: _dt.date = first_value(book, "regime.self_scheduling_from")  # type: ignore[assignment]
    if on < vouched:
        return SELF, _SELF_FINDING + _SELF_BEFORE, (office, on, vouched)
    return SELF, _SELF_FINDING, (office, on)
