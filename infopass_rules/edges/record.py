"""The escalation record: a case's contacts with USCIS, what each counted as, and where it stands.

:func:`escalation_record` decides the case (:func:`~infopass_rules.engine.next_action.next_action`)
and sets beside the decision every contact of its history, in date order, each with what it
counted as under which rule: ladder step *n* (MIA-ELIGIBLE, MIA-SECOND, MIA-THIRD), premature,
not a step (a letter, or a phone or e-Request inquiry before MIA-COUNT took effect), after the last
step, recorded twice. It is the document an attorney attaches to a request to the Field Office
Director, a CIS Ombudsman case-assistance request or a congressional inquiry.

What each contact counted as is read from the decision's structured fields, never from its trace
text: ``Decision.ladder_steps`` (the days of the inquiries that counted as steps),
``Decision.warnings`` (PREMATURE and DUPLICATE, each with its rule and day), and the engine's own
counting rule (MIA-COUNT, :func:`~infopass_rules.rules.districts.ladder.channel_count`: the
district's counted channels on the contact's day), so no rule is decided twice.

The record is addressed to its recipient (``to``): the Field Office Director (``"fod"``, the
default: the record of contacts itself), the CIS Ombudsman (``"ombudsman"``: what OMB-CASE-ASSIST
asks for, the case past its case inquiry date and the contact with USCIS 60 to 90 days before
with its service-request (SRMT) number) or a member of Congress (``"congress"``: what
CONG-INQUIRY asks for, the applicant's privacy release, and for a follow-up the previous
inquiry closed 30 days before). Requests already made to the Ombudsman or to Congress
(``Channel.OMBUDSMAN``, ``Channel.CONGRESS``) are listed apart, as such: never contacts with
USCIS, never ladder steps.

The record states facts (the firm's own record of each contact) and rules (their sources, with
pinpoints and the sources' own words); it makes no argument. :meth:`Record.to_markdown` and
:meth:`Record.to_html` render it; every piece of free text (notes, references, attorney names) is
escaped in both.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import attrs

from infopass_rules.engine.decision import Decision
from infopass_rules.engine.history import history_items
from infopass_rules.engine.next_action import next_action
from infopass_rules.errors import InvalidValue
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, IdentityEnum, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.facts.offices import get_office
from infopass_rules.facts.ordering import inquiry_sort_key
from infopass_rules.facts.text import md_escape
from infopass_rules.rules.channels import REMEDY_CHANNELS, USCIS_CONTACT_CHANNELS
from infopass_rules.rules.districts.district import District
from infopass_rules.rules.districts.ladder import NotAStep, channel_count, visit_day
from infopass_rules.rules.districts.registry import district_at, with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy
from infopass_rules.rules.remedies import (
    CONGRESS_RULE,
    OMBUDSMAN_RULE,
    PRIVACY_RELEASE_CHECKLIST,
    Remedy,
    congressional_inquiry,
    ombudsman_case_assistance,
)
from infopass_rules.rules.trace import Warning, WarningKind
from infopass_rules.sources.rulebook import Citation, Rulebook, load_rulebook

if TYPE_CHECKING:
    from infopass_rules.times.table import ProcessingTimes

__all__ = ["RECIPIENTS", "Counted", "Entry", "Record", "escalation_record", "md_escape"]

#: Whom a record may be addressed to (``escalation_record(..., to=...)``), and how it names them.
RECIPIENTS = {
    "fod": "the Field Office Director",
    "ombudsman": "the CIS Ombudsman",
    "congress": "a member of Congress",
}


class Counted(IdentityEnum):
    """What a contact counted as, under the district's ladder."""

    #: A ladder step (``Entry.step``), under the step's rule.
    STEP = "STEP"
    #: Made before its step was allowed: not a step (a PREMATURE warning names it).
    PREMATURE = "PREMATURE"
    #: A letter: mailed correspondence is not an inquiry (MIA-COUNT).
    MAIL = "MAIL"
    #: Of a channel that did not count as a step on its day (a phone or e-Request inquiry before
    #: MIA-COUNT took effect).
    NOT_COUNTED_CHANNEL = "NOT_COUNTED_CHANNEL"
    #: Made before the district's ladder was in force.
    BEFORE_LADDER = "BEFORE_LADDER"
    #: Made after the last step of the ladder.
    AFTER_LAST_STEP = "AFTER_LAST_STEP"
    #: The same inquiry recorded again (a DUPLICATE warning names it): counted once.
    DUPLICATE = "DUPLICATE"
    #: Not weighed against a ladder: no district ladder applies, or the case is resolved or was
    #: not yet received (``Entry.counted_as`` says which).
    NOT_ASSESSED = "NOT_ASSESSED"
    #: A request beyond USCIS (to the CIS Ombudsman, to Congress): no inquiry to USCIS, never a
    #: step (listed in ``Record.requests``).
    NOT_TO_USCIS = "NOT_TO_USCIS"


_CHANNEL_TEXT = {
    Channel.INFOPASS: "In person (INFOPASS)",
    Channel.CONTACT_CENTER: "Phone (USCIS Contact Center)",
    Channel.E_REQUEST: "Online (e-Request)",
    Channel.MAIL: "Letter (mail)",
    Channel.OMBUDSMAN: "CIS Ombudsman (case-assistance request)",
    Channel.CONGRESS: "Congress (congressional inquiry)",
}

_OUTCOME_TEXT = {
    Outcome.UNRESOLVED: "Unresolved",
    Outcome.RESOLVED: "Resolved",
    Outcome.SERVICE_REQUEST: "Service request opened",
    Outcome.TIER_2_REFERRAL: "Referred to Tier 2",
}


@attrs.frozen
class Entry:
    """One contact with USCIS, as recorded by the firm, and what it counted as.

    Attributes:
        on: the day of the contact.
        channel: how it was made (an appointment held is an in-person INFOPASS inquiry).
        outcome: what it achieved, as the firm recorded it.
        level: the highest officer reached, if recorded.
        reference: the number USCIS gave it, if recorded.
        note: what the officer said, in the firm's words, if recorded.
        attorney: for an appointment held, the attorney who held it, if recorded.
        appointment: whether the contact is an INFOPASS appointment of the history.
        counted: what it counted as.
        step: for a ladder step, its number.
        rule_id: the rule it counted (or did not count) under, if any.
        counted_as: what it counted as, in words.
    """

    on: _dt.date
    channel: Channel
    outcome: Outcome
    level: Level | None
    reference: str | None
    note: str | None
    attorney: str | None
    appointment: bool
    counted: Counted
    step: int | None
    rule_id: str | None
    counted_as: str

    @property
    def channel_text(self) -> str:
        """The channel in words (an appointment held says so)."""
        if self.appointment:
            return "In person (INFOPASS appointment)"
        return _CHANNEL_TEXT[self.channel]

    @property
    def outcome_text(self) -> str:
        """The outcome in words."""
        return _OUTCOME_TEXT[self.outcome]


@attrs.frozen
class Record:
    """A case's escalation record, as of a date: build it with :func:`escalation_record`.

    Attributes:
        case: the case.
        decision: the decision on ``as_of`` it ends with.
        entries: every contact with USCIS on or before ``as_of``, in date order.
        upcoming: appointments listing the case on or after ``as_of`` (still to attend).
        later: inquiries dated after ``as_of``, left out (they had not happened yet).
        office_name: the case's office as USCIS names it ("Miami FL").
        outside_on: the first day the case was outside normal processing times, if known.
        outside_evidence: how that is known, in words (the case's own date, or the published
            processing-times snapshot, cited in ``outside_citation``).
        outside_citation: the processing-times snapshot relied on, if any.
        district: the name of the district whose ladder applies, if any.
        as_of: the date the record is made for.
        ruleset_version: the rule set that made the decision.
        source_citations: each source the decision cites, once, as (source id, its full
            citation on one line), in order of first citation.
        rule_titles: each rule the decision cites, as (rule id, its title).
        to: the recipient (``"fod"``, ``"ombudsman"``, ``"congress"``).
        requests: the requests already made beyond USCIS (to the CIS Ombudsman, to Congress) on
            or before ``as_of``, in date order: listed as such, never contacts with USCIS.
        asks: what the recipient's rules ask for, as (what, how this case meets it) lines.
        remedy: for the Ombudsman or Congress, the remedy as it stands on ``as_of``
            (OMB-CASE-ASSIST, CONG-INQUIRY), whether or not the decision lists it.
        citations: the citations the record rests on: the decision's, with the recipient's rule
            (cited even where the decision does not list its remedy).
    """

    case: Case
    decision: Decision
    entries: tuple[Entry, ...]
    upcoming: tuple[Appointment, ...]
    later: tuple[Inquiry, ...]
    office_name: str
    outside_on: _dt.date | None
    outside_evidence: str
    outside_citation: Citation | None
    district: str | None
    as_of: _dt.date
    ruleset_version: str
    source_citations: tuple[tuple[str, str], ...] = ()
    rule_titles: tuple[tuple[str, str], ...] = ()
    to: str = "fod"
    requests: tuple[Entry, ...] = ()
    asks: tuple[tuple[str, str], ...] = ()
    remedy: Remedy | None = None
    citations: tuple[Citation, ...] = ()

    @property
    def title(self) -> str:
        """The record's title, naming its recipient where it is not the Field Office Director."""
        title = f"Record of contacts with USCIS: {self.case.receipt_number}"
        if self.to == "fod":
            return title
        return f"{title}, for {RECIPIENTS[self.to]}"

    def to_markdown(self) -> str:
        """The record as Markdown (GitHub-flavoured tables); free text escaped."""
        return _markdown(self)

    def to_html(self) -> str:
        """The record as one self-contained, printable HTML5 page (inline CSS, no external
        asset; Letter or A4); free text escaped."""
        return _html(self)


def escalation_record(
    case: Case,
    history: Iterable[Inquiry | Appointment] = (),
    *,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None = None,
    policy: Policy = DEFAULT_POLICY,
    to: str = "fod",
) -> Record:
    """The escalation record of ``case`` on ``as_of``: its contacts with USCIS and where it stands,
    addressed to ``to``: ``"fod"`` (the Field Office Director; the default), ``"ombudsman"`` (the
    CIS Ombudsman: OMB-CASE-ASSIST) or ``"congress"`` (a member of Congress: CONG-INQUIRY), with
    what that recipient's rules ask for.

    Takes the arguments of :func:`~infopass_rules.engine.next_action.next_action` and raises as
    it does (the history is checked there); ``to`` anything else is an InvalidValue.

    >>> import datetime as dt, infopass_rules as ir
    >>> case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=dt.date(2015, 1, 5))
    >>> record = ir.escalation_record(
    ...     case, [ir.Inquiry(dt.date(2015, 1, 6), ir.Channel.INFOPASS)], as_of=dt.date(2015, 2, 1)
    ... )
    >>> record.entries[0].counted_as
    'Ladder step 1 (MIA-ELIGIBLE)'
    """
    if not isinstance(to, str) or to not in RECIPIENTS:
        raise InvalidValue(
            "is not a recipient of a record",
            field="to",
            value=to,
            expected="'fod', 'ombudsman' or 'congress'",
        )
    given = history_items(history)  # refused as next_action refuses it: None, endless, huge
    decision = next_action(
        case,
        cast("tuple[Inquiry | Appointment, ...]", given),
        as_of=as_of,
        processing_times=processing_times,
        policy=policy,
    )
    items = cast("tuple[Inquiry | Appointment, ...]", given)  # each item checked by next_action
    book = with_districts(load_rulebook())
    district = district_at(case.office, as_of, book)
    contacts, upcoming, later = _contacts(items, as_of)
    requests = [c for c in contacts if c.inquiry.channel in REMEDY_CHANNELS]
    contacts = [c for c in contacts if c.inquiry.channel not in REMEDY_CHANNELS]
    entries = _classify(case, contacts, decision, district, book)
    outside_on, evidence, cited = _outside(case, decision, as_of, processing_times)
    remedy, asks = _addressed(
        to, case, contacts, requests, decision, outside_on, evidence, as_of, book, policy
    )
    citations = decision.citations
    addressed_rule = {"ombudsman": OMBUDSMAN_RULE, "congress": CONGRESS_RULE}.get(to)
    if addressed_rule is not None and addressed_rule not in decision.rule_ids:
        citations += book.cite(addressed_rule)
    sources = tuple(dict.fromkeys((c.source_id, _full_citation(c, book)) for c in citations))
    rule_ids = dict.fromkeys(c.rule_id for c in citations)
    titles = tuple(
        (rule_id, book.rules[rule_id].title) for rule_id in rule_ids if rule_id in book.rules
    )
    return Record(
        case=case,
        decision=decision,
        entries=entries,
        upcoming=upcoming,
        later=later,
        office_name=get_office(case.office).description,
        outside_on=outside_on,
        outside_evidence=evidence,
        outside_citation=cited,
        district=district.name if district is not None else None,
        as_of=as_of,
        ruleset_version=decision.ruleset_version,
        source_citations=sources,
        rule_titles=titles,
        to=to,
        requests=tuple(_request_entry(c) for c in requests),
        asks=asks,
        remedy=remedy,
        citations=citations,
    )


# --- what the recipient's rules ask for -----------------------------------------------------------


def _request_entry(contact: _Contact) -> Entry:
    """A request beyond USCIS, listed as such: never a contact with USCIS, never a step."""
    channel = contact.inquiry.channel
    return _entry(
        contact,
        counted=Counted.NOT_TO_USCIS,
        step=None,
        rule_id=OMBUDSMAN_RULE if channel is Channel.OMBUDSMAN else CONGRESS_RULE,
        counted_as="A request beyond USCIS: not an inquiry to USCIS, never a ladder step",
    )


def _entry(
    contact: _Contact, *, counted: Counted, step: int | None, rule_id: str | None, counted_as: str
) -> Entry:
    """A row of the record: the contact as the history gives it, and what it counted as."""
    inquiry = contact.inquiry
    return Entry(
        on=inquiry.on,
        channel=inquiry.channel,
        outcome=inquiry.outcome,
        level=inquiry.level,
        reference=inquiry.reference,
        note=inquiry.note,
        attorney=contact.attorney,
        appointment=contact.appointment,
        counted=counted,
        step=step,
        rule_id=rule_id,
        counted_as=counted_as,
    )


def _addressed(
    to: str,
    case: Case,
    contacts: list[_Contact],
    requests: list[_Contact],
    decision: Decision,
    outside_on: _dt.date | None,
    evidence: str,
    as_of: _dt.date,
    book: Rulebook,
    policy: Policy,
) -> tuple[Remedy | None, tuple[tuple[str, str], ...]]:
    """The remedy the record is addressed for (the one the decision lists, else the rule asked
    directly), and what its rule asks for, as (what, how this case meets it)."""
    if to == "fod":
        return None, ()
    rule = OMBUDSMAN_RULE if to == "ombudsman" else CONGRESS_RULE
    listed = next((r for r in decision.remedies if r.rule_id == rule), None)
    inquiries = tuple(c.inquiry for c in contacts)
    made = tuple(c.inquiry for c in requests)
    delay = outside_on if case.issue is Issue.CASE_DELAY else None
    if listed is not None:
        remedy = listed
    elif to == "ombudsman":
        remedy = ombudsman_case_assistance(inquiries, made, delay, as_of, book, policy)
    else:
        remedy = congressional_inquiry(case.received_on, made, delay, as_of, book, policy)
    state = "open" if remedy.allowed else "not open"
    if not remedy.allowed and remedy.earliest is not None:
        state += f" before {remedy.earliest.isoformat()}"
    asks: list[tuple[str, str]] = []
    if to == "ombudsman":
        if outside_on is None:
            past = evidence  # "not established", and by what when it says so
        elif outside_on <= as_of:
            past = (
                f"yes: outside normal processing times from {outside_on.isoformat()}, by {evidence}"
            )
        else:
            past = f"not yet: outside normal processing times from {outside_on.isoformat()}"
        asks.append(("Past the case's USCIS case inquiry date (PT-INQUIRY)", past))
        uscis = [i for i in inquiries if i.channel in USCIS_CONTACT_CHANNELS]
        if uscis:
            latest = uscis[-1]
            days = (as_of - latest.on).days
            reference = (
                f"reference {latest.reference}"
                if latest.reference
                else "no reference recorded: give its service-request (SRMT) number"
            )
            contact = (
                f"{latest.on.isoformat()} ({latest.channel.words}), {days} days before "
                f"{as_of.isoformat()}; {reference}"
            )
        else:
            contact = "none recorded (a letter is no contact): contact USCIS first"
        asks.append(("Latest contact with USCIS, 60 to 90 days before (OMB-CASE-ASSIST)", contact))
    else:
        asks += [
            (f"The applicant's privacy release: {what} (CONG-INQUIRY)", words)
            for what, words in PRIVACY_RELEASE_CHECKLIST
        ]
        previous = [i for i in made if i.channel is Channel.CONGRESS]
        if previous:
            asks.append(
                (
                    "A follow-up (CONG-INQUIRY)",
                    f"the previous congressional inquiry is recorded closed on "
                    f"{previous[-1].on.isoformat()}: a newly signed release, 30 days after",
                )
            )
    asks.append((f"The request ({rule})", f"{state}: {remedy.reason}"))
    return remedy, tuple(asks)


# --- what each contact counted as -----------------------------------------------------------------

_PROCESSING_TIMES = "uscis-processing-times"


@attrs.frozen
class _Contact:
    inquiry: Inquiry  # an appointment held, as the engine reads it: an INFOPASS inquiry
    attorney: str | None
    appointment: bool


def _contacts(
    items: tuple[Inquiry | Appointment, ...], as_of: _dt.date
) -> tuple[list[_Contact], tuple[Appointment, ...], tuple[Inquiry, ...]]:
    """(the contacts on or before as_of, in the engine's order; appointments still to attend;
    inquiries after as_of)."""
    contacts: list[_Contact] = []
    upcoming: list[Appointment] = []
    later: list[Inquiry] = []
    for item in items:
        if isinstance(item, Appointment):
            if item.on < as_of:
                held = Inquiry(on=item.on, channel=Channel.INFOPASS)
                contacts.append(_Contact(held, item.attorney, True))
            else:
                upcoming.append(item)
        elif item.on <= as_of:
            contacts.append(_Contact(item, None, False))
        else:
            later.append(item)
    contacts.sort(key=lambda c: inquiry_sort_key(c.inquiry))
    upcoming.sort(key=lambda a: a.on)
    later.sort(key=inquiry_sort_key)
    return contacts, tuple(upcoming), tuple(later)


def _classify(
    case: Case,
    contacts: list[_Contact],
    decision: Decision,
    district: District | None,
    book: Rulebook,
) -> tuple[Entry, ...]:
    duplicate_days = {w.on for w in decision.warnings_of(WarningKind.DUPLICATE)}
    # The PREMATURE warnings by day (one warning may stand for two inquiries of one day).
    premature: dict[_dt.date, Warning] = {}
    for w in decision.warnings_of(WarningKind.PREMATURE):
        if w.on is not None:
            premature.setdefault(w.on, w)
    assessed = (
        district is not None
        and decision.action is not Action.NONE
        and any(district.eligible_rule == e.rule_id for e in decision.trace)
    )
    why = "" if assessed else _not_assessed(decision, district)
    steps = decision.ladder_steps
    taken = 0
    seen: set[tuple[object, ...]] = set()
    visits: dict[_dt.date, Entry] = {}  # the answer of each in-person visit, by its day
    out: list[Entry] = []
    for contact in contacts:
        inquiry = contact.inquiry
        key = (
            inquiry.on,
            inquiry.channel,
            inquiry.outcome,
            inquiry.level,
            inquiry.reference,
            inquiry.note,
        )
        counted: Counted
        step: int | None = None
        rule_id: str | None = None
        day = visit_day(inquiry)
        visit = visits.get(day) if day is not None else None
        if inquiry.channel is not Channel.MAIL and key in seen and inquiry.on in duplicate_days:
            counted, text = Counted.DUPLICATE, "Recorded twice: counted once (DUPLICATE)"
        elif visit is not None:  # the same visit as a contact before it: the visit's answer
            counted, step, rule_id = visit.counted, visit.step, visit.rule_id
            text = visit.counted_as.removesuffix(_FOD_REACHED) + " (the same visit)"
        elif not assessed or district is None:
            counted, text = Counted.NOT_ASSESSED, why
            if inquiry.outcome is Outcome.RESOLVED and decision.action is Action.NONE:
                text = "Resolved the case"
        else:
            counted, step, rule_id, text = _on_the_ladder(inquiry, district, book, steps, taken)
            if counted is Counted.STEP:
                taken += 1
            elif counted is Counted.PREMATURE:
                found = premature.get(inquiry.on)
                if found is not None:
                    rule_id = found.rule_id
                    text = f"Premature: not a step ({rule_id}; PREMATURE warning)"
                else:  # no step and no warning: the decision did not count it
                    counted, text = Counted.NOT_ASSESSED, "Not counted as a step"
        seen.add(key)
        if inquiry.level is Level.FIELD_OFFICE_DIRECTOR and counted is not Counted.DUPLICATE:
            text += _FOD_REACHED
        out.append(
            entry := _entry(contact, counted=counted, step=step, rule_id=rule_id, counted_as=text)
        )
        if day is not None and visit is None and counted is not Counted.DUPLICATE:
            visits[day] = entry
    return tuple(out)


_FOD_REACHED = "; the Field Office Director was reached"


def _on_the_ladder(
    inquiry: Inquiry,
    district: District,
    book: Rulebook,
    steps: tuple[_dt.date, ...],
    taken: int,
) -> tuple[Counted, int | None, str | None, str]:
    """What a contact counted as on the district's ladder, given the steps taken before it. The
    channel's count is the engine's own (MIA-COUNT, ``channel_count``), not decided again here."""
    reason, period, count_rule = channel_count(district, inquiry, book)
    if reason is NotAStep.LETTER:
        text = f"Not a step: a letter is not an inquiry ({count_rule})"
        return Counted.MAIL, None, count_rule, text
    if reason is NotAStep.BEFORE_LADDER:
        first = district.eligible_rule
        since = book.rules[first].effective.isoformat()
        return (
            Counted.BEFORE_LADDER,
            None,
            first,
            f"Not a step: before the ladder ({first}, from {since})",
        )
    if reason is NotAStep.CHANNEL_NOT_COUNTED:
        assert period is not None  # CHANNEL_NOT_COUNTED comes with the period in force
        counting_from = book.rules[count_rule].effective
        when = f"before {count_rule}" if inquiry.on < counting_from else f"under {count_rule}"
        return (
            Counted.NOT_COUNTED_CHANNEL,
            None,
            count_rule,
            f"Not a step: {when} only {' or '.join(period.value)} inquiries counted",
        )
    if taken == len(district.steps):
        after = district.fod_ladder_rule or district.steps[-1].rule_id
        return Counted.AFTER_LAST_STEP, None, after, f"After the last step ({after})"
    if taken < len(steps) and steps[taken] == inquiry.on:
        rule = district.steps[taken].rule_id
        counted_by = "" if inquiry.channel is Channel.INFOPASS else f", counted under {count_rule}"
        return Counted.STEP, taken + 1, rule, f"Ladder step {taken + 1} ({rule}{counted_by})"
    return Counted.PREMATURE, None, None, ""


def _not_assessed(decision: Decision, district: District | None) -> str:
    if decision.warnings_of(WarningKind.NOT_YET_RECEIVED):
        return "Not weighed against the ladder: the case was not yet received"
    if decision.action is Action.NONE:
        return "Not weighed against the ladder: the case is resolved"
    if district is None:
        return "An inquiry; no district ladder applies at this office"
    return "Not assessed against the ladder (not a case outside processing times)"


# --- when it left normal processing times ---------------------------------------------------------


def _outside(
    case: Case,
    decision: Decision,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
) -> tuple[_dt.date | None, str, Citation | None]:
    if case.outside_processing_times_on is not None:
        return (
            case.outside_processing_times_on,
            "the date recorded on the case by the firm",
            None,
        )
    cited = next((c for c in decision.citations if c.source_id == _PROCESSING_TIMES), None)
    if processing_times is None or case.form is None or case.received_on is None:
        return None, "not established", cited
    finding = processing_times.outside_since(
        case.form,
        case.office,
        category=case.category,
        received_on=case.received_on,
        as_of=as_of,
    )
    if finding.on is None:
        return None, "not established by the processing times given", cited
    if finding.estimated:
        how = "estimated from USCIS's published processing range (not a published date)"
    else:
        how = "USCIS's published processing times (the snapshot cited)"
    return finding.on, how, cited


def _full_citation(citation: Citation, book: Rulebook) -> str:
    source = book.sources.get(citation.source_id)
    if source is not None:
        return f"{source.citation} ({source.authority.value})"
    return (  # published data: the snapshot's own title and date
        f'"{citation.title}", {citation.issuer}, {citation.date.isoformat()} '
        f"({citation.authority.value})"
    )


# --- Markdown -------------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def _opt(text: str | None) -> str:
    return md_escape(text) if text else ""


def _markdown(record: Record) -> str:
    decision = record.decision
    out = [f"# {md_escape(record.title)}", ""]
    out += [
        f"Prepared as of {record.as_of.isoformat()}, under rule set `{record.ruleset_version}`.",
        "",
        "## The case",
        "",
        "| | |",
        "|---|---|",
    ]
    for label, value in _case_facts(record):
        out.append(f"| {label} | {md_escape(value)} |")
    out += ["", "## Contacts with USCIS", ""]
    if record.entries:
        out += [
            "| # | Date | Channel | Officer reached | Reference | Outcome | Note | Counted as |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for n, entry in enumerate(record.entries, 1):
            out.append(
                f"| {n} | {entry.on.isoformat()} | {md_escape(_channel_cell(entry))} | "
                f"{entry.level.title if entry.level else ''} | {_opt(entry.reference)} | "
                f"{entry.outcome_text} | {_opt(entry.note)} | {md_escape(entry.counted_as)} |"
            )
    else:
        out.append("No contact with USCIS is recorded on or before this date.")
    out.append("")
    for line in _aside(record):
        out += [md_escape(line), ""]
    if record.requests:
        out += ["## Requests beyond USCIS", "", _REQUESTS_SAY, ""]
        out += ["| # | Date | To | Reference | Outcome | Note |", "|---|---|---|---|---|---|"]
        for n, entry in enumerate(record.requests, 1):
            out.append(
                f"| {n} | {entry.on.isoformat()} | {md_escape(entry.channel_text)} | "
                f"{_opt(entry.reference)} | {entry.outcome_text} | {_opt(entry.note)} |"
            )
        out.append("")
    if record.asks:
        out += [f"## What {RECIPIENTS[record.to]} asks for", ""]
        out += [f"- **{md_escape(what)}**: {md_escape(how)}" for what, how in record.asks]
        out.append("")
    out += ["## Where the case stands", "", f"**{md_escape(decision.headline())}**", ""]
    for line in _standing(record):
        out += [f"- {md_escape(line)}"]
    out += ["", "## Rules applied", ""]
    titles = dict(record.rule_titles)
    for rule_id, citations in _by_rule(record.citations):
        title = titles.get(rule_id)
        out += [f"**{rule_id}**" + (f": {md_escape(title)}" if title else ""), ""]
        for c in citations:
            out.append(f"- `{c.source_id}`, {md_escape(c.pinpoint)}")
            if c.excerpt:
                out.append(f'  > "{md_escape(" ".join(c.excerpt.split()))}"')
        out.append("")
    out += ["## Sources cited", ""]
    for source_id, citation in record.source_citations:
        out.append(f"- `{source_id}`: {md_escape(citation)}")
    out.append("")
    out += [
        "---",
        "",
        f"_Generated by infopass\\_rules as of {record.as_of.isoformat()}, rule set "
        f"`{record.ruleset_version}`. The contacts are as recorded by the firm; each rule is "
        "stated with its source._",
    ]
    return "\n".join(out) + "\n"


#: What the record says of the requests beyond USCIS, above their table.
_REQUESTS_SAY = (
    "Requests already made to the CIS Ombudsman or to Congress: not inquiries to USCIS, "
    "never ladder steps, never the contact with USCIS the Ombudsman asks for."
)


def _channel_cell(entry: Entry) -> str:
    text = entry.channel_text
    if entry.attorney:
        text += f", attorney {entry.attorney}"
    return text


def _case_facts(record: Record) -> list[tuple[str, str]]:
    case = record.case
    facts = [
        ("Receipt number", case.receipt_number),
        ("Form", case.form or "not recorded"),
        ("Office", f"{record.office_name} ({case.office})"),
        ("Received", case.received_on.isoformat() if case.received_on else "not recorded"),
    ]
    if record.outside_on is not None:
        outside = f"{record.outside_on.isoformat()}, by {record.outside_evidence}"
    else:
        outside = record.outside_evidence
    if record.outside_citation is not None:
        c = record.outside_citation
        outside += f": {c.title}, {c.pinpoint}"
    facts.append(("Outside normal processing times from", outside))
    if record.district is not None:
        facts.append(("District ladder", record.district))
    return facts


def _aside(record: Record) -> list[str]:
    lines = []
    for appt in record.upcoming:
        who = f", attorney {appt.attorney}" if appt.attorney else ""
        lines.append(f"Appointment still to attend: {appt.on.isoformat()} at {appt.office}{who}.")
    if record.later:
        days = ", ".join(i.on.isoformat() for i in record.later)
        lines.append(f"Left out, dated after {record.as_of.isoformat()}: the inquiries of {days}.")
    return lines


def _standing(record: Record) -> list[str]:
    decision = record.decision
    lines = []
    if decision.ladder_steps:
        steps = ", ".join(d.isoformat() for d in decision.ladder_steps)
        lines.append(f"Ladder steps taken: {len(decision.ladder_steps)} ({steps})")
    why = decision.why_not_yet()
    if why:
        lines.append(why)
    for remedy in decision.remedies:
        state = "open" if remedy.allowed else "not open"
        if not remedy.allowed and remedy.earliest is not None:
            state += f" before {remedy.earliest.isoformat()}"
        lines.append(f"Remedy beyond the procedures, {remedy.rule_id}: {remedy.name}, {state}")
    shown = (WarningKind.PREMATURE, WarningKind.DUPLICATE)
    lines += [f"Caution: {w.text}" for w in decision.warnings if w.kind not in shown]
    return lines


def _by_rule(citations: tuple[Citation, ...]) -> list[tuple[str, list[Citation]]]:
    grouped: dict[str, list[Citation]] = {}
    for c in citations:
        grouped.setdefault(c.rule_id, []).append(c)
    return list(grouped.items())


# --- HTML -----------------------------------------------------------------------------------------

_CSS = """
@page { margin: 16mm 15mm 18mm 15mm;
        @bottom-left { content: "Record of contacts with USCIS: RECEIPT_NUMBER";
                       font: 8pt Georgia, serif; color: #333; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: 8pt Georgia, serif; color: #333; } }
* { box-sizing: border-box; }
html { background: #fff; }
body { color: #111; background: #fff; font: 10.5pt/1.4 Georgia, "Times New Roman", serif;
       max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; border-bottom: 1px solid #444;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 3pt; break-after: avoid; page-break-after: avoid; }
p.meta { margin: 0 0 10pt; color: #333; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.8pt; }
table.contacts { table-layout: fixed; }
code { font-size: 0.85em; }
th, td { border: 1px solid #888; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
table.facts th { width: 30%; font-weight: bold; }
table.contacts td.n, table.contacts td.date { white-space: nowrap; }
table.contacts td.ref, table.contacts td.note { overflow-wrap: anywhere; }
p.headline { font-weight: bold; font-size: 11pt; margin: 4pt 0; }
ul { margin: 4pt 0; padding-left: 16pt; }
blockquote { margin: 2pt 0 6pt 14pt; padding-left: 8pt; border-left: 2px solid #888;
             font-style: italic; }
.rule { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 16pt; border-top: 1px solid #444; padding-top: 4pt; font-size: 8.5pt;
         color: #333; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; } }
"""


def _h(text: str | None) -> str:
    """HTML-escaped text, line breaks kept."""
    if not text:
        return ""
    return "<br>".join(html.escape(line, quote=True) for line in _NEWLINES.split(text.strip()))


def _html(record: Record) -> str:
    case, decision = record.case, record.decision
    title = record.title
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        # The receipt number is three letters and ten digits (checked): safe inside the CSS.
        f"<style>{_CSS.replace('RECEIPT_NUMBER', case.receipt_number)}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="meta">Prepared as of {record.as_of.isoformat()}, under rule set '
        f"<code>{_h(record.ruleset_version)}</code>.</p>",
        "</header>",
        "<section>",
        "<h2>The case</h2>",
        '<table class="facts"><tbody>',
    ]
    for label, value in _case_facts(record):
        out.append(f'<tr><th scope="row">{_h(label)}</th><td>{_h(value)}</td></tr>')
    out += ["</tbody></table>", "</section>", "<section>", "<h2>Contacts with USCIS</h2>"]
    if record.entries:
        out += [
            '<table class="contacts">',
            "<colgroup>"
            + "".join(f'<col style="width: {w}%">' for w in (3, 10.5, 12, 12, 9.5, 11, 22, 20))
            + "</colgroup>",
            "<thead><tr><th>#</th><th>Date</th><th>Channel</th><th>Officer reached</th>"
            "<th>Reference</th><th>Outcome</th><th>Note</th><th>Counted as</th></tr></thead>",
            "<tbody>",
        ]
        for n, entry in enumerate(record.entries, 1):
            out.append(
                f'<tr class="counted-{entry.counted.value.lower()}"><td class="n">{n}</td>'
                f'<td class="date">{entry.on.isoformat()}</td>'
                f"<td>{_h(_channel_cell(entry))}</td>"
                f"<td>{_h(entry.level.title if entry.level else '')}</td>"
                f'<td class="ref">{_h(entry.reference)}</td>'
                f"<td>{_h(entry.outcome_text)}</td>"
                f'<td class="note">{_h(entry.note)}</td>'
                f"<td>{_h(entry.counted_as)}</td></tr>"
            )
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>No contact with USCIS is recorded on or before this date.</p>")
    out += [f"<p>{_h(line)}</p>" for line in _aside(record)]
    out.append("</section>")
    if record.requests:
        out += [
            "<section>",
            "<h2>Requests beyond USCIS</h2>",
            f"<p>{_h(_REQUESTS_SAY)}</p>",
            '<table class="requests">',
            "<thead><tr><th>#</th><th>Date</th><th>To</th><th>Reference</th><th>Outcome</th>"
            "<th>Note</th></tr></thead>",
            "<tbody>",
        ]
        for n, entry in enumerate(record.requests, 1):
            out.append(
                f'<tr class="counted-not_to_uscis"><td class="n">{n}</td>'
                f'<td class="date">{entry.on.isoformat()}</td>'
                f"<td>{_h(entry.channel_text)}</td>"
                f'<td class="ref">{_h(entry.reference)}</td>'
                f"<td>{_h(entry.outcome_text)}</td>"
                f'<td class="note">{_h(entry.note)}</td></tr>'
            )
        out += ["</tbody>", "</table>", "</section>"]
    if record.asks:
        out += [
            '<section class="asks">',
            f"<h2>What {_h(RECIPIENTS[record.to])} asks for</h2>",
            "<ul>",
            *[f"<li><strong>{_h(what)}</strong>: {_h(how)}</li>" for what, how in record.asks],
            "</ul>",
            "</section>",
        ]
    out += [
        "<section>",
        "<h2>Where the case stands</h2>",
        f'<p class="headline">{_h(decision.headline())}</p>',
        "<ul>",
        *[f"<li>{_h(line)}</li>" for line in _standing(record)],
        "</ul>",
        "</section>",
        "<section>",
        "<h2>Rules applied</h2>",
    ]
    titles = dict(record.rule_titles)
    for rule_id, citations in _by_rule(record.citations):
        rule_title = titles.get(rule_id)
        heading = f"{_h(rule_id)}: {_h(rule_title)}" if rule_title else _h(rule_id)
        out.append(f'<div class="rule"><h3>{heading}</h3><ul>')
        for c in citations:
            item = f"<code>{_h(c.source_id)}</code>, {_h(c.pinpoint)}"
            if c.excerpt:
                item += f"<blockquote>&ldquo;{_h(' '.join(c.excerpt.split()))}&rdquo;</blockquote>"
            out.append(f"<li>{item}</li>")
        out.append("</ul></div>")
    out += ["</section>", "<section>", "<h2>Sources cited</h2>", '<ul class="sources">']
    out += [
        f"<li><code>{_h(source_id)}</code>: {_h(citation)}</li>"
        for source_id, citation in record.source_citations
    ]
    out.append("</ul>")
    out += [
        "</section>",
        "<footer>",
        f"<p>Generated by infopass_rules as of {record.as_of.isoformat()}, rule set "
        f"<code>{_h(record.ruleset_version)}</code>. The contacts are as recorded by the firm; "
        "each rule is stated with its source.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
