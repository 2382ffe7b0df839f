"""Remedies beyond the InfoPass procedures (docs/concepts/remedies.md): what a firm may do once the
encoded USCIS route is run, or beside it: a CIS Ombudsman case-assistance request
(``OMB-CASE-ASSIST``) and a congressional inquiry (``CONG-INQUIRY``).

A :class:`Remedy` never replaces a decision's ``action``: it is listed beside it, in
:attr:`~infopass_rules.engine.decision.Decision.remedies`, with the earliest day it is open and
why; its rule is cited in the decision.
"""

from __future__ import annotations

import datetime as _dt
from operator import attrgetter

import attrs

from infopass_rules.facts.enums import Channel
from infopass_rules.facts.history import Inquiry
from infopass_rules.rules.channels import REMEDY_CHANNELS, USCIS_CONTACT_CHANNELS
from infopass_rules.rules.policy import DayCount, OmbudsmanWindow, Policy
from infopass_rules.rules.trace import Kept
from infopass_rules.sources.rulebook import Rulebook, ValuePeriod

__all__ = [
    "CONGRESS_RULE",
    "OMBUDSMAN_RULE",
    "Remedy",
    "congressional_inquiry",
    "kept_remedies",
    "may_be_open",
    "ombudsman_case_assistance",
    "remedy_records",
]


@attrs.frozen
class Remedy:
    """A remedy beyond the InfoPass procedures, as it stands for one case on ``as_of``.

    Attributes:
        rule_id: the rule that sets its conditions (``OMB-CASE-ASSIST``, ``CONG-INQUIRY``).
        name: what it is, in words (``"CIS Ombudsman case-assistance request"``).
        earliest: the first day it is open to the case; None when no day can be told yet.
        allowed: whether it is open on ``as_of``.
        reason: why it is open, or what it waits for, in one sentence.
    """

    rule_id: str
    name: str
    earliest: _dt.date | None
    allowed: bool
    reason: str


def kept_remedies(remedies: tuple[Remedy, ...]) -> Kept:
    """``remedies`` as a decision keeps them until read, as it keeps its waits: each one's fields
    in a plain tuple, which the garbage collector stops walking (a Remedy it walks in every
    decision kept)."""
    return tuple(map(_REMEDY_FIELDS, remedies))


#: A remedy's fields in a plain tuple, in the order :class:`Remedy` takes them (read from the
#: class).
_REMEDY_FIELDS = attrgetter(*(field.name for field in attrs.fields(Remedy)))


def remedy_records(kept: Kept) -> tuple[Remedy, ...]:
    """The remedies as kept, made Remedy values again."""
    return tuple(Remedy(*fields) for fields in kept)


#: OMB-CASE-ASSIST (``ombudsman-case-assistance``): the CIS Ombudsman's case assistance.
OMBUDSMAN_RULE = "OMB-CASE-ASSIST"
#: CONG-INQUIRY (``congress-privacy-release-2018``): a congressional inquiry.
CONGRESS_RULE = "CONG-INQUIRY"
#: OMB-CASE-ASSIST's days after the latest contact with USCIS: [at least, at most].
CONTACT_WINDOW = "ombudsman.contact_window_days"
#: OMB-CASE-ASSIST's dated availability (the 2025 suspension).
CASE_ASSISTANCE_OPEN = "ombudsman.case_assistance_open"
#: CONG-INQUIRY's days after the previous congressional inquiry closed before a follow-up.
FOLLOWUP_DAYS = "congress.followup_after_closed_days"

OMBUDSMAN_NAME = "CIS Ombudsman case-assistance request"
CONGRESS_NAME = "Congressional inquiry"

#: What CONG-INQUIRY asks of the applicant's privacy release, item by item, as (what, in words):
#: the checklist of the record addressed to a member of Congress (the quoted notice's bullets).
PRIVACY_RELEASE_CHECKLIST: tuple[tuple[str, str], ...] = (
    (
        "signature",
        "signed by hand and notarized or under penalty of perjury (no digital signature)",
    ),
    ("recipient", "naming that congressional office alone as recipient"),
    ("translation", "with a certified translation of any text not in English"),
)
#: The same, in one phrase (a remedy's reason).
PRIVACY_RELEASE = "the applicant's privacy release, " + ", ".join(
    words for _, words in PRIVACY_RELEASE_CHECKLIST
)

_ONE_DAY = _dt.timedelta(days=1)


def may_be_open(rule_id: str, outside_on: _dt.date | None, as_of: _dt.date, book: Rulebook) -> bool:
    """Whether the remedy of ``rule_id`` can be open on ``as_of`` at all: its rule in force, and
    for a delay the case outside normal processing times (a condition of both remedies, checked
    in full by each rule's function). False lets a decision that lists only open remedies skip
    writing out one that cannot be listed."""
    if as_of < book.rules[rule_id].in_force_from:
        return False
    if rule_id == OMBUDSMAN_RULE:
        return outside_on is not None and outside_on <= as_of
    return outside_on is None or outside_on <= as_of


def ombudsman_case_assistance(
    inquiries: tuple[Inquiry, ...],
    requests: tuple[Inquiry, ...],
    outside_on: _dt.date | None,
    as_of: _dt.date,
    book: Rulebook,
    policy: Policy,
) -> Remedy:
    """OMB-CASE-ASSIST (``ombudsman-case-assistance``): a CIS Ombudsman case-assistance request
    about a delay is open once the case is outside normal processing times (PT-INQUIRY,
    ``outside_on``) and USCIS was contacted (an inquiry by any channel but mail; a held
    appointment is an INFOPASS inquiry) at least 60 and at most 90 days before
    (``ombudsman.contact_window_days``; the first day counted by ``Policy.day_count``, the
    contact chosen by ``Policy.ombudsman_window``); it lapses after the 90th day; it is closed
    on the days ``ombudsman.case_assistance_open`` says it was (the 2025 suspension), and before
    the rule's own date. A request to the Ombudsman or to Congress is no contact with USCIS.
    """
    if outside_on is None:
        return _ombudsman_not_open(
            "the Ombudsman's conditions encoded here are for a delayed case (PT-INQUIRY); this "
            "case's issue is not a delay"
        )
    contacts = [i for i in inquiries if i.channel in USCIS_CONTACT_CHANNELS]
    if not contacts:
        return _ombudsman_not_open(
            "contact USCIS first (an inquiry in person, by phone or online, not by mail): the "
            "Ombudsman takes the request from 60 to 90 days after that contact"
        )
    in_force = book.rules[OMBUDSMAN_RULE].in_force_from
    least, most = book.parameters[CONTACT_WINDOW].values[-1].value
    if policy.ombudsman_window is OmbudsmanWindow.LATEST_CONTACT:
        contacts = contacts[-1:]
    closed = _closed_spans(book.parameters[CASE_ASSISTANCE_OPEN].values)
    stretches = _open_stretches(
        contacts, least, most, max(in_force, outside_on), closed, policy.day_count
    )
    latest = contacts[-1]
    made = [r.on for r in requests if r.channel is Channel.OMBUDSMAN]
    already = f"; a request was already made on {made[-1].isoformat()}" if made else ""
    for start, end, contact in stretches:
        if start <= as_of <= end:
            return Remedy(
                OMBUDSMAN_RULE,
                OMBUDSMAN_NAME,
                start,
                True,
                f"the case is outside normal processing times (from "
                f"{outside_on.isoformat()}) and USCIS was contacted {_contact(contact)}, "
                f"{(as_of - contact.on).days} days before; it lapses after {end.isoformat()} "
                f"(then contact USCIS again first); give the Ombudsman that contact's "
                f"service-request (SRMT) number as proof{already}",
            )
        if start > as_of:
            return Remedy(
                OMBUDSMAN_RULE,
                OMBUDSMAN_NAME,
                start,
                False,
                f"it opens on {start.isoformat()} and lapses after {end.isoformat()}: "
                f"{_opens_because(start, contact, outside_on, in_force, closed)}{already}",
            )
    none_open = _none_open(
        latest, least, most, outside_on, in_force, closed, as_of, policy.day_count
    )
    return _ombudsman_not_open(
        f"{none_open}; contact USCIS again first (an inquiry in person, by phone or online, not "
        f"by mail): the request opens once USCIS has had {least} days after that contact{already}"
    )


def _ombudsman_not_open(reason: str) -> Remedy:
    """OMB-CASE-ASSIST with no day open to tell: not open, for ``reason``."""
    return Remedy(OMBUDSMAN_RULE, OMBUDSMAN_NAME, None, False, reason)


def _open_stretches(
    contacts: list[Inquiry],
    least: int,
    most: int,
    not_before: _dt.date,
    closed: tuple[tuple[_dt.date, _dt.date], ...],
    day_count: DayCount,
) -> list[tuple[_dt.date, _dt.date, Inquiry]]:
    """The days a request is open after each contact (from its ``least``-th day, counted by
    ``day_count``, to its ``most``-th, none before ``not_before`` and none ``closed``), touching
    stretches merged, in order, each with the contact it runs to."""
    stretches: list[tuple[_dt.date, _dt.date, Inquiry]] = []
    for contact in contacts:
        start = max(day_count.allowed_from(contact.on, least), not_before)
        end = contact.on + _dt.timedelta(days=most)
        stretches += [(a, b, contact) for a, b in _open_pieces(start, end, closed)]
    stretches.sort(key=lambda s: s[0])
    return _merged(stretches)


def _none_open(
    latest: Inquiry,
    least: int,
    most: int,
    outside_on: _dt.date,
    in_force: _dt.date,
    closed: tuple[tuple[_dt.date, _dt.date], ...],
    as_of: _dt.date,
    day_count: DayCount,
) -> str:
    """Why no day from ``least`` to ``most`` days after the latest contact is open, in words (the
    window's first day counted by ``day_count``, as the stretches' are)."""
    start = day_count.allowed_from(latest.on, least)
    end = latest.on + _dt.timedelta(days=most)
    why = [f"the rule encoded here applies from {in_force.isoformat()}"] if end < in_force else []
    why += [  # a suspension that closed days of the window
        f"the Ombudsman's case assistance was suspended from {first.isoformat()} to "
        f"{last.isoformat()}"
        for first, last in closed
        if first <= end and last >= start
    ]
    if outside_on > end:
        why.append(f"the case is outside normal processing times only from {outside_on}")
    if not why:
        why.append(f"that was more than {most} days before {as_of.isoformat()}")
    return (
        f"no day from {least} to {most} days after the latest contact with USCIS, "
        f"{_contact(latest)}, is open: {'; '.join(why)}"
    )


def congressional_inquiry(
    received_on: _dt.date | None,
    requests: tuple[Inquiry, ...],
    outside_on: _dt.date | None,
    as_of: _dt.date,
    book: Rulebook,
    policy: Policy,
) -> Remedy:
    """CONG-INQUIRY (``congress-privacy-release-2018``): from the rule's day (2018-02-15) a
    congressional inquiry needs the applicant's privacy release (signed by hand, notarized or
    under penalty of perjury, naming that congressional office alone); a follow-up needs a newly
    signed release and is open once the previous inquiry has been closed for 30 days
    (``congress.followup_after_closed_days``, counted from the latest ``Channel.CONGRESS`` item
    of the history, the day the firm records it closed, by ``Policy.day_count``).

    About a delay (``outside_on`` given), the congressional office's inquiry is a delay inquiry
    like any other: it is open once the case is outside normal processing times (PT-INQUIRY:
    outside a district's ladder, a delay inquiry rests on USCIS's own published Case Inquiry
    Date)."""
    in_force = book.rules[CONGRESS_RULE].in_force_from
    previous = [r for r in requests if r.channel is Channel.CONGRESS]
    if not previous:
        earliest = in_force if received_on is None else max(received_on, in_force)
        delay = ""
        if outside_on is not None:
            earliest = max(earliest, outside_on)
            delay = (
                f" (about the delay: the case is outside normal processing times from "
                f"{outside_on.isoformat()}, PT-INQUIRY)"
            )
        return Remedy(
            CONGRESS_RULE,
            CONGRESS_NAME,
            earliest,
            earliest <= as_of,
            f"a first congressional inquiry, through the applicant's member of Congress, "
            f"{_from_when(earliest, as_of)}{delay}: it needs {PRIVACY_RELEASE}",
        )
    latest = previous[-1]
    parameter = book.parameters[FOLLOWUP_DAYS]
    period = parameter.period_at(latest.on)
    days: int = (period if period is not None else parameter.values[0]).value
    earliest = max(policy.day_count.allowed_from(latest.on, days), in_force)
    if outside_on is not None:
        earliest = max(earliest, outside_on)
    return Remedy(
        CONGRESS_RULE,
        CONGRESS_NAME,
        earliest,
        earliest <= as_of,
        f"a follow-up: the previous congressional inquiry is recorded {_contact(latest)}, the "
        f"day it closed; a follow-up is open {days} days after that "
        f"({policy.day_count.words}), {_from_when(earliest, as_of)}, and needs a newly "
        f"signed release: {PRIVACY_RELEASE}",
    )


def _contact(inquiry: Inquiry) -> str:
    """An item of the history in words: "on 2025-04-01 (Contact Center, reference SR-1)"; a
    request beyond USCIS without its channel ("on 2025-03-01 (reference C-1)")."""
    said = [] if inquiry.channel in REMEDY_CHANNELS else [inquiry.channel.words]
    if inquiry.reference:
        said.append(f"reference {inquiry.reference}")
    return f"on {inquiry.on.isoformat()}" + (f" ({', '.join(said)})" if said else "")


def _from_when(day: _dt.date, as_of: _dt.date) -> str:
    return f"open from {day.isoformat()}" if day > as_of else f"open since {day.isoformat()}"


def _closed_spans(values: tuple[ValuePeriod, ...]) -> tuple[tuple[_dt.date, _dt.date], ...]:
    """The spans (first and last day) a dated yes/no availability says no; an open-ended one
    runs to the last date there is."""
    spans = []
    for i, period in enumerate(values):
        if period.value is False:
            last = values[i + 1].start - _ONE_DAY if i + 1 < len(values) else _dt.date.max
            spans.append((period.start, last))
    return tuple(spans)


def _open_pieces(
    start: _dt.date, end: _dt.date, closed: tuple[tuple[_dt.date, _dt.date], ...]
) -> list[tuple[_dt.date, _dt.date]]:
    """The days from ``start`` to ``end`` (both in) outside the ``closed`` spans, as spans."""
    pieces = [(start, end)] if start <= end else []
    for first, last in closed:
        kept = []
        for a, b in pieces:
            if a < first:
                kept.append((a, min(b, first - _ONE_DAY)))
            if b > last:
                kept.append((max(a, last + _ONE_DAY), b))
        pieces = kept
    return pieces


def _merged(
    stretches: list[tuple[_dt.date, _dt.date, Inquiry]],
) -> list[tuple[_dt.date, _dt.date, Inquiry]]:
    """Overlapping or touching stretches as one, in order (the latest contact's kept: the one
    the stretch runs to). The contacts are in the history's order, by day, as
    ``History.inquiries`` are."""
    out: list[tuple[_dt.date, _dt.date, Inquiry]] = []
    for start, end, contact in stretches:
        if out and start <= out[-1][1] + _ONE_DAY:
            first, last, kept = out[-1]
            out[-1] = (first, end, contact) if end >= last else (first, last, kept)
        else:
            out.append((start, end, contact))
    return out


def _opens_because(
    start: _dt.date,
    contact: Inquiry,
    outside_on: _dt.date,
    in_force: _dt.date,
    closed: tuple[tuple[_dt.date, _dt.date], ...],
) -> str:
    """Why a request not yet open opens on ``start``, in words."""
    for first, last in closed:
        if start == last + _ONE_DAY:
            return (
                f"the Ombudsman's case assistance was suspended from {first.isoformat()} to "
                f"{last.isoformat()}"
            )
    if start == outside_on:
        return f"the case is outside normal processing times from {outside_on.isoformat()}"
    if start == in_force:
        return f"the Ombudsman's 60/90-day rule encoded here applies from {in_force.isoformat()}"
    return f"USCIS is given at least 60 days after the contact {_contact(contact)}"
