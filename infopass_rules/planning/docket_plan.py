"""Planning a whole docket across offices: :func:`plan_docket`.

:func:`~.schedule.plan_appointments` plans one office. A firm's docket spans many, and its
attorneys are the same people at every office: planned office by office, one attorney could be
given a Contact Center call for each of twelve offices on one day, though
:class:`~.plan.PlannerLimits` says one call per attorney per business day. :func:`plan_docket`
plans the docket's decisions together, over one sweep of the business days, so that:

- **Each attorney's limits hold across all offices.** On any day an attorney makes at most
  ``limits.calls_per_day`` Contact Center calls and holds at most the day's appointment limit,
  counting every office (MIA-LIMIT-DAY counts every office of the district; elsewhere the firm's
  cap, or the latest known district value, to be safe); MIA-LIMIT-CASES and the firm's
  ``max_cases`` limit each appointment, ``cases_per_call`` each call. ``busy`` appointments and
  calls count too.
- **Each call and booking says what its decision says** (:class:`~.plan.Purpose`):

  ============================================  ==============================================
  decision                                      planned as
  ============================================  ==============================================
  ESCALATE to the Tier 2 Supervisor             a Contact Center call asking for the Tier 2
                                                Supervisor (CC-SUPERVISOR), under any regime;
                                                while Tier 2's call-back is awaited (the
                                                decision's wait, CC-TIER2 / CC-APPOINTMENT) the
                                                decision is not allowed yet and no call is
                                                planned before its ``earliest`` day
  ESCALATE to the Field Office Director         asked for at an INFOPASS appointment: booked
                                                online under RG-SELF, asked for on a call under
                                                RG-PILOT / RG-CC; never booked again when the
                                                decision asks for it at an appointment already
                                                booked
  INQUIRE                                       in person at an appointment booked online where
                                                the decision offers INFOPASS and the firm can
                                                book that day (RG-SELF: up to MIA-LIMIT-CASES
                                                cases an appointment); otherwise a Contact
                                                Center call that makes the inquiry, where the
                                                decision offers the Contact Center (every
                                                inquiry counts as a step, MIA-COUNT); an
                                                inquiry offered by e-Request or mail only is
                                                not planned (its reason says so)
  REQUEST_APPOINTMENT                           by the regime in force that day: RG-SELF, booked
                                                online; RG-PILOT / RG-CC, a call requesting the
                                                appointment (CC-APPOINTMENT, with its call-back
                                                and appointment windows)
  ATTEND_APPOINTMENT                            not booked again (its day takes its attorney's
                                                appointment of that day, when the case's own
                                                attorney is known)
  USE_OTHER_SERVICE, EXHAUSTED, NONE            nothing to book or call for (``Plan.unplaced``
                                                says why)
  ============================================  ==============================================

  The regime is the one in force at the case's office on the planned day, so an inquiry decided
  under RG-SELF and planned after RG-CC began is a call.
- **Decisions not allowed yet** are planned from their ``earliest`` day when it falls within
  the window; never earlier.
- **A case's own attorney** (the firm's carried column named by ``attorney_column``) holds its
  call or booking when that attorney is among ``attorneys`` (the case waits for that attorney's
  free day rather than going to another); otherwise the planner assigns one and
  ``Plan.notes`` says so.
- **Most urgent first**, as :func:`~.schedule.plan_appointments`: nearest deadline, then
  pressing, then the earliest allowed date, then the receipt number; attorneys in alphabetical
  order, each appointment (or call) filled to its limit before another is opened.
- **Business days only**; an appointment window's ends are moved to business days.
- **Deterministic.** The same report gives the same plan, whatever the order of the attorneys
  (they are sorted) or of the cases (they are ranked by urgency, ties by receipt number).

It reads no clock and no file. It lives below the edges: it takes any report with ``as_of`` and
``pairs()`` (:class:`~infopass_rules.edges.docket.model.DocketReport`), and reads the firm's
carried columns from the report's ``carried`` mapping (receipt number -> column -> text).
"""

from __future__ import annotations

import datetime as _dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from infopass_rules.engine.decision import Decision
from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Action, Channel, Level
from infopass_rules.facts.history import Appointment, trusted_appointment
from infopass_rules.facts.offices import OfficeKind, get_office
from infopass_rules.planning.plan import (
    Plan,
    PlannedBooking,
    PlannedCall,
    PlannerLimits,
    PlanNote,
    Purpose,
    Unplaced,
)
from infopass_rules.planning.requests import case_decision_pairs
from infopass_rules.planning.schedule import (
    MAX_BUSY,
    _assumptions,
    _attorneys,
    _open_day,
    _regime_spans,
    _regime_text,
    _RegimeSpan,
    _Segment,
    _segments,
    _window,
    _windows,
)
from infopass_rules.rules.districts.registry import with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, ConflictRule, Policy, check_policy
from infopass_rules.sources.rulebook import Rulebook, load_rulebook

__all__ = ["SupportsDocketReport", "carried_columns", "carried_value", "plan_docket"]

_ONE_DAY = _dt.timedelta(days=1)


class SupportsDocketReport(Protocol):
    """What :func:`plan_docket` reads of a report (``infopass_rules.DocketReport``)."""

    @property
    def as_of(self) -> _dt.date: ...

    def pairs(self) -> Sequence[tuple[Case, Decision]]: ...


# --- The firm's carried columns --------------------------------------------------------------


def _carried(report: object) -> Mapping[str, Mapping[str, str]]:
    """The report's carried columns by receipt number (``report.carried``), or none."""
    carried = getattr(report, "carried", None)
    return carried if isinstance(carried, Mapping) else {}


def carried_columns(report: object) -> tuple[str, ...]:
    """The firm's own columns a report carries: ``report.carried_columns`` when it says them,
    else every column named in ``report.carried``, in the order first met."""
    named = getattr(report, "carried_columns", None)
    if isinstance(named, tuple | list) and all(isinstance(c, str) for c in named):
        return tuple(named)
    seen: dict[str, None] = {}
    for columns in _carried(report).values():
        if isinstance(columns, Mapping):
            seen.update((c, None) for c in columns if isinstance(c, str))
    return tuple(seen)


def carried_value(report: object, receipt_number: str, column: str) -> str | None:
    """The text of a carried ``column`` for a case, trimmed; None when absent or blank."""
    columns = _carried(report).get(receipt_number)
    value = columns.get(column) if isinstance(columns, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _attorney_column(value: object, report: object) -> str | None:
    """The carried column ``attorney_column`` names, as the report spells it (matched as given,
    else trimmed and case-insensitively, as firm columns are)."""
    if value is None:
        return None
    column = v.text("attorney_column", max_length=200)(value)
    known = carried_columns(report)
    if column in known:
        return column
    folded = [c for c in known if c.strip().casefold() == column.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    expected = (
        v.one_of(repr(c) for c in known) + " (the report's carried columns)"
        if known
        else "a column of the firm's own the report carries (this report carries none)"
    )
    raise InvalidValue(
        "is not a column the report carries",
        field="attorney_column",
        value=value,
        expected=expected,
    )


# --- From decisions to what the plan places --------------------------------------------------


class _Item:
    """A case to place: its office, purpose, release day, urgency and attorney."""

    __slots__ = ("by_phone", "in_person", "office", "own", "purpose", "receipt", "released")

    def __init__(
        self,
        receipt: str,
        office: str,
        purpose: Purpose,
        released: _dt.date,
        *,
        in_person: bool,
        by_phone: bool,
        own: str | None,
    ) -> None:
        self.receipt = receipt
        self.office = office
        self.purpose = purpose
        self.released = released
        self.in_person = in_person  # may be done at an INFOPASS appointment
        self.by_phone = by_phone  # may be done on a call (an inquiry by phone)
        self.own = own


def _fod_at_booked_appointment(decision: Decision) -> bool:
    """Whether a Field Office Director escalation is asked for at an appointment already
    booked for the case (the decision is taken there: nothing to book)."""
    return decision.booked and decision.action is Action.ESCALATE


def _purpose(case: Case, decision: Decision) -> Purpose | str:
    """The purpose a decision gives its case's call or booking, or why it gives none."""
    action, channels = decision.action, decision.channels
    if decision.earliest is None:
        return (
            f"nothing to plan: the decision ({action.name}) has no date for a next step "
            "(nothing is needed, or the case was not yet received)"
        )
    if action is Action.ATTEND_APPOINTMENT:
        return (
            f"an appointment is already booked for {decision.earliest.isoformat()}: attend it "
            "(ATTEND_APPOINTMENT); it is not booked again"
        )
    if action is Action.EXHAUSTED:
        return "the encoded procedures set no further step (EXHAUSTED): nothing to book or call for"
    if action is Action.USE_OTHER_SERVICE:
        names = ", ".join(sorted(c.name for c in channels)) or "none"
        return (
            f"not an INFOPASS matter (USE_OTHER_SERVICE, channels: {names}): no appointment to "
            "book or call for"
        )
    if action is Action.ESCALATE and decision.level is Level.TIER_2_SUPERVISOR:
        return Purpose.TIER_2_SUPERVISOR
    if action is Action.ESCALATE and decision.level is Level.FIELD_OFFICE_DIRECTOR:
        if _fod_at_booked_appointment(decision):
            return (
                "the Field Office Director is asked for at the appointment already booked for "
                f"{decision.earliest.isoformat()} (ESCALATE): it is not booked again"
            )
        return Purpose.FIELD_OFFICE_DIRECTOR
    if action is Action.REQUEST_APPOINTMENT:
        return Purpose.APPOINTMENT
    if action is Action.INQUIRE:
        if channels & {Channel.INFOPASS, Channel.CONTACT_CENTER}:
            return Purpose.INQUIRY
        names = ", ".join(sorted(c.name for c in channels)) or "none"
        return (
            f"the inquiry is made by {names} only (INQUIRE): no call or appointment to plan; "
            "make it that way"
        )
    level = decision.level.name if decision.level is not None else "no level"
    return f"{action.name} ({level}): no call or appointment the plan knows how to make"


def _nearest_deadline(case: Case, earliest: _dt.date) -> _dt.date | None:
    return min((d.on for d in case.deadlines if d.on >= earliest), default=None)


def _pressing(case: Case, decision: Decision, horizon_days: int | None) -> bool:
    """The case's flag, or (with ``Policy.pressing_horizon_days``) a deadline from the
    decision's date to that many days after it (MIA-FOD-PRESSING), as the engine reads it."""
    if case.pressing:
        return True
    if horizon_days is None:
        return False
    try:
        last = decision.as_of + _dt.timedelta(days=horizon_days)
    except OverflowError:
        last = _dt.date.max
    return any(decision.as_of <= d.on <= last for d in case.deadlines)


# --- Offices: regimes and limits by day ------------------------------------------------------


class _Office:
    """One office's regimes and appointment limits over the window, looked up day by day (the
    days only move forward in the sweep, so each lookup moves a cursor)."""

    __slots__ = ("bookable", "code", "seg", "segments", "span", "spans")

    def __init__(
        self, code: str, first: _dt.date, end: _dt.date, limits: PlannerLimits, book: Rulebook
    ) -> None:
        self.code = code
        self.bookable = get_office(code).kind is OfficeKind.FIELD_OFFICE
        self.spans: list[_RegimeSpan] = _regime_spans(code, first, end, book)
        self.segments: list[_Segment] = (
            [
                segment
                for span in self.spans
                if span.regime.self_scheduled
                for segment in _segments(code, span.start, span.last, limits)
            ]
            if self.bookable
            else []
        )
        self.span = 0
        self.seg = 0

    def regime_on(self, day: _dt.date) -> _RegimeSpan:
        while self.span + 1 < len(self.spans) and self.spans[self.span + 1].start <= day:
            self.span += 1
        return self.spans[self.span]

    def limits_on(self, day: _dt.date) -> tuple[int, int]:
        """(most cases per appointment, most appointments per attorney per day) on ``day``."""
        while self.seg + 1 < len(self.segments) and self.segments[self.seg + 1].start <= day:
            self.seg += 1
        segment = self.segments[self.seg]
        return segment.max_cases, segment.max_per_day


# --- Validation ------------------------------------------------------------------------------


def _pairs(report: object) -> list[tuple[Case, Decision]]:
    pairs = getattr(report, "pairs", None)
    as_of = getattr(report, "as_of", None)
    if not callable(pairs) or isinstance(as_of, _dt.datetime) or not isinstance(as_of, _dt.date):
        raise InvalidValue(
            "must be a docket report",
            field="report",
            value=report,
            expected="the DocketReport of infopass_rules.decide_docket(...)",
        )
    out = []
    for i, (case, decision, _) in enumerate(case_decision_pairs(pairs(), "report.pairs()")):
        checked = v.instance(
            decision,
            Decision,
            f"report.pairs()[{i}][1]",
            what="a Decision",
            expected="an infopass_rules.Decision (from decide_docket)",
        )
        out.append((case, checked))
    return out


def _busy(value: object) -> tuple[dict[tuple[str, _dt.date], int], dict[tuple[str, _dt.date], int]]:
    """The appointments and calls each attorney already holds each day."""
    held: dict[tuple[str, _dt.date], int] = {}
    called: dict[tuple[str, _dt.date], int] = {}
    for i, item in enumerate(v.items(value, "busy", max_items=MAX_BUSY)):
        if isinstance(item, Appointment):
            if item.attorney is not None:  # an appointment of no named attorney: no one's day
                key = (item.attorney, item.on)
                held[key] = held.get(key, 0) + 1
        elif isinstance(item, PlannedCall):
            key = (item.attorney, item.on)
            called[key] = called.get(key, 0) + 1
        else:
            raise InvalidValue(
                "must be an appointment or a planned call",
                field=f"busy[{i}]",
                value=item,
                expected="an infopass_rules.Appointment or PlannedCall",
            )
    return held, called


# --- Planning --------------------------------------------------------------------------------

#: What a case is placed as on a day: a booking, or a call (requesting an appointment or not).
_BOOK, _CALL, _CALL_FOR_APPOINTMENT = 0, 1, 2


def _form(item: _Item, self_scheduled: bool, bookable: bool) -> int | None:
    """How ``item`` is carried out on a day under the regime in force (None: not at all)."""
    purpose = item.purpose
    if purpose is Purpose.TIER_2_SUPERVISOR:
        return _CALL
    if purpose is Purpose.INQUIRY:
        if item.in_person and self_scheduled and bookable:
            return _BOOK
        if item.by_phone:
            return _CALL
        return _CALL_FOR_APPOINTMENT if not self_scheduled and bookable else None
    if not bookable:
        return None
    return _BOOK if self_scheduled else _CALL_FOR_APPOINTMENT


def plan_docket(
    report: SupportsDocketReport,
    *,
    attorneys: Iterable[str],
    start: _dt.date,
    horizon_days: int = 90,
    limits: PlannerLimits = PlannerLimits.DISTRICT,
    busy: Iterable[Appointment | PlannedCall] = (),
    attorney_column: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Plan:
    """Plan a whole docket's decisions across its offices: Contact Center calls and INFOPASS
    appointments, each saying its decision's purpose, each attorney within the day's limits
    across every office.

    Args:
        report: the decisions (``infopass_rules.decide_docket(...)``): its ``pairs()`` are
            planned; its ``carried`` columns name each case's attorney (``attorney_column``).
        attorneys: the attorneys who may call and hold appointments (distinct, non-empty
            names; their order does not matter).
        start: the first day of the window.
        horizon_days: the window's length: its last day is ``start + horizon_days``.
        limits: the firm's caps and the library's call assumptions (:class:`PlannerLimits`):
            ``calls_per_day`` and the appointments a day are per attorney across all offices.
        busy: appointments and calls the attorneys already hold (``Appointment`` with its
            attorney, ``PlannedCall``): each takes one of its attorney's that day.
        attorney_column: the report's carried column naming each case's own attorney (matched
            as written, else trimmed and case-insensitively): kept when among ``attorneys``.
        policy: the interpretations the decisions were made under: ``conflict_rule`` picks the
            call-back window's reading (CC-APPOINTMENT); ``pressing_horizon_days`` makes a case
            with a near deadline pressing.

    Returns:
        The :class:`Plan`: ``appointments`` booked online with each case's purpose in
        ``bookings``; ``calls`` with their ``purpose``; ``unplaced``: every other case of the
        report, with its reason (nothing to do, attend an appointment already booked, not an
        INFOPASS matter, past the horizon, no free slot); ``notes``: a case placed after its
        deadline, a case whose own attorney is not among ``attorneys``, a call awaiting
        Tier 2's call-back; ``assumptions`` and ``regimes``.

    Raises:
        InvalidValue: ``report`` is not a docket report (or its pairs are malformed);
            ``attorneys`` is empty or repeats a name; ``start`` is not a date;
            ``horizon_days`` is out of range; ``limits`` is not a ``PlannerLimits``; ``busy``
            holds something else than appointments and calls; ``attorney_column`` is not a
            column the report carries; ``policy`` is not a ``Policy``.
    """
    pairs = _pairs(report)
    names = _attorneys(attorneys)
    first, end = _window(start, horizon_days)
    v.instance(
        limits,
        PlannerLimits,
        "limits",
        what="a PlannerLimits",
        expected="PlannerLimits.DISTRICT or PlannerLimits(max_cases=..., max_per_day=...)",
    )
    held, called = _busy(busy)
    column = _attorney_column(attorney_column, report)
    checked = check_policy(policy)
    rule, horizon = checked.conflict_rule, checked.pressing_horizon_days
    book = with_districts(load_rulebook())
    listed = set(names)

    items: list[_Item] = []
    keys: list[tuple[bool, _dt.date, bool, _dt.date, str]] = []
    deadlines: list[_dt.date | None] = []
    unplaced: list[Unplaced] = []
    notes: list[PlanNote] = []
    for case, decision in pairs:
        number = case.receipt_number
        own = carried_value(report, number, column) if column is not None else None
        purpose = _purpose(case, decision)
        earliest = decision.earliest
        if (
            decision.action is Action.ATTEND_APPOINTMENT
            and own in listed
            and own is not None
            and earliest is not None
        ):
            # The appointment already booked takes its attorney's appointment that day.
            held[(own, earliest)] = held.get((own, earliest), 0) + 1
        if isinstance(purpose, str):
            unplaced.append(Unplaced(number, purpose))
            continue
        assert earliest is not None  # a purpose is given only to a dated decision
        if column is not None and own not in listed:
            who = (
                f"its attorney, {own} ({column}), is not among the attorneys planned for"
                if own is not None
                else f"it names no attorney in {column}"
            )
            notes.append(PlanNote(number, f"{who}: the planner assigns one"))
            own = None
        if not decision.allowed and first < earliest <= end:
            # Why nothing is planned before the decision's day: its binding wait.
            waits = "; ".join(f"{w.rule_id} until {w.until.isoformat()}" for w in decision.waits)
            notes.append(
                PlanNote(
                    number,
                    f"no call before {earliest.isoformat()} ({waits}): Tier 2's call-back is "
                    "awaited until then; the call then asks for the Tier 2 Supervisor"
                    if purpose is Purpose.TIER_2_SUPERVISOR
                    else f"not allowed before {earliest.isoformat()} ({waits}): planned from then",
                )
            )
        deadline = _nearest_deadline(case, earliest)
        items.append(
            _Item(
                number,
                case.office,
                purpose,
                max(earliest, first),
                in_person=Channel.INFOPASS in decision.channels or purpose is not Purpose.INQUIRY,
                by_phone=Channel.CONTACT_CENTER in decision.channels,
                own=own,
            )
        )
        keys.append(
            (
                deadline is None,
                deadline or _dt.date.max,
                not _pressing(case, decision, horizon),
                earliest,
                number,
            )
        )
        deadlines.append(deadline)

    # Rank by urgency once; the sweep's heap holds the ranks.
    order = sorted(range(len(items)), key=keys.__getitem__)
    items = [items[i] for i in order]
    deadlines = [deadlines[i] for i in order]
    offices: dict[str, _Office] = {}
    for item in items:
        if item.office not in offices:
            offices[item.office] = _Office(item.office, first, end, limits, book)

    waiting = sorted(range(len(items)), key=lambda i: items[i].released)
    next_up = 0
    ready: list[int] = []
    placed: list[_dt.date | None] = [None] * len(items)
    most = max((s.max_per_day for o in offices.values() for s in o.segments), default=0)
    out = _Out(book, rule, most)
    day = _open_day(first, end)
    while day is not None:
        if not ready:
            if next_up == len(waiting):
                break
            upcoming = items[waiting[next_up]].released
            if upcoming > day:  # nothing to place: jump to the next release
                day = _open_day(upcoming, end)
                continue
        while next_up < len(waiting) and items[waiting[next_up]].released <= day:
            heapq.heappush(ready, waiting[next_up])
            next_up += 1
        _place_day(day, ready, items, names, offices, limits, (held, called), placed, out)
        day = _open_day(day + _ONE_DAY, end) if day < end else None

    for i, item in enumerate(items):
        if placed[i] is None:
            unplaced.append(Unplaced(item.receipt, out.unreachable.get(i) or _why(item, end)))
    notes += _late(items, deadlines, placed)
    built = sorted(
        (day_, office, attorney, tuple(items[i].receipt for i in ranks), ranks)
        for day_, office, attorney, ranks in out.appointments
    )
    spans = [s for office in sorted(offices) for s in offices[office].spans]
    return Plan(
        appointments=tuple(trusted_appointment(d, o, r, a) for d, o, a, r, _ in built),
        unplaced=tuple(sorted(unplaced, key=lambda u: u.receipt_number)),
        assumptions=_plan_assumptions(offices, first, names, limits, book, rule, column),
        notes=tuple(sorted(notes, key=lambda n: (n.receipt_number, n.note))),
        calls=tuple(
            sorted(
                out.calls,
                key=lambda c: (c.on, c.attorney, c.office or "", c.purpose.name, c.receipt_numbers),
            )
        ),
        regimes=tuple(dict.fromkeys(s.regime.rule_id for s in sorted(spans, key=_span_key))),
        bookings=tuple(
            PlannedBooking(items[i].receipt, d, o, a, items[i].purpose)
            for d, o, a, _, ranks in built
            for i in ranks
        ),
    )


def _span_key(span: _RegimeSpan) -> tuple[_dt.date, str]:
    return span.start, span.regime.rule_id


def _place_day(
    day: _dt.date,
    ready: list[int],
    items: list[_Item],
    names: list[str],
    offices: dict[str, _Office],
    limits: PlannerLimits,
    taken: tuple[dict[tuple[str, _dt.date], int], dict[tuple[str, _dt.date], int]],
    placed: list[_dt.date | None],
    out: _Out,
) -> None:
    """Place the ready cases on ``day``, most urgent first; what cannot be placed stays ready.

    Each attorney's appointments and calls of the day are counted across all offices: a new
    appointment is opened only for an attorney under the office's day limit counting every
    appointment that attorney holds that day (``taken[0]``), a new call only under
    ``calls_per_day`` counting every call (``taken[1]``). Once no attorney has a call or an
    appointment left and no open one has room, the day is over without looking at the rest."""
    held, called = taken
    open_books: dict[tuple[str, str], list[int]] = {}  # (attorney, office) -> ranks
    open_calls: dict[tuple[str, str, Purpose, bool], list[int]] = {}  # the latest of each
    made: list[tuple[tuple[str, str, Purpose, bool], list[int]]] = []  # every call, in order
    left: list[int] = []
    calls_free = sum(max(0, limits.calls_per_day - called.get((a, day), 0)) for a in names)
    books_free = sum(max(0, out.most_per_day - held.get((a, day), 0)) for a in names)
    rooms = 0  # open appointments and calls with room for another case
    while ready and (calls_free or books_free > 0 or rooms):
        i = heapq.heappop(ready)
        item = items[i]
        office = offices[item.office]
        form = _form(item, office.regime_on(day).regime.self_scheduled, office.bookable)
        if form is None:
            # Never possible at this office (an appointment at a center): not kept waiting.
            out.unreachable[i] = (
                f"{item.office} is not a field office: no INFOPASS appointment to book or ask "
                f"for there ({item.purpose.words})"
            )
            continue
        candidates = [item.own] if item.own is not None else names
        if form == _BOOK:
            cap, per_day = office.limits_on(day)
            who = next(
                (a for a in candidates if 0 < len(open_books.get((a, item.office), ())) < cap),
                None,
            )
            if who is None:
                who = next((a for a in candidates if held.get((a, day), 0) < per_day), None)
                if who is None:
                    left.append(i)
                    continue
                held[(who, day)] = held.get((who, day), 0) + 1
                books_free -= 1
                rooms += 1
                ranks: list[int] = []
                open_books[(who, item.office)] = ranks
                out.appointments.append((day, item.office, who, ranks))
            group = open_books[(who, item.office)]
            group.append(i)
            rooms -= len(group) == cap
            placed[i] = day
            continue
        key = (item.office, item.purpose, form == _CALL_FOR_APPOINTMENT)
        most = limits.cases_per_call
        who = next((a for a in candidates if 0 < len(open_calls.get((a, *key), ())) < most), None)
        if who is None:
            who = next(
                (a for a in candidates if called.get((a, day), 0) < limits.calls_per_day), None
            )
            if who is None:
                left.append(i)
                continue
            called[(who, day)] = called.get((who, day), 0) + 1
            calls_free -= 1
            rooms += 1
            # A new call, beside any full one of the same attorney, office and purpose.
            opened: list[int] = []
            open_calls[(who, *key)] = opened
            made.append(((who, *key), opened))
        group = open_calls[(who, *key)]
        group.append(i)
        rooms -= len(group) == most
        placed[i] = day
    windows = None
    for (who, office_code, purpose, requests), ranks in made:
        callback = appointment = None
        if requests:
            windows = windows or _windows(out.book, day, out.rule)
            callback, appointment = windows
        out.calls.append(
            PlannedCall(
                day,
                who,
                tuple(items[i].receipt for i in ranks),
                callback,
                appointment,
                office_code,
                offices[office_code].regime_on(day).regime.rule_id,
                purpose,
            )
        )
    for i in left:
        heapq.heappush(ready, i)


class _Out:
    """What the sweep builds, and the constants it builds with."""

    __slots__ = ("appointments", "book", "calls", "most_per_day", "rule", "unreachable")

    def __init__(self, book: Rulebook, rule: ConflictRule, most_per_day: int) -> None:
        self.book = book
        self.rule = rule
        #: The largest appointment limit a day of any office in the window (an upper bound
        #: on what an attorney may still be given, to know when a day is full).
        self.most_per_day = most_per_day
        self.appointments: list[tuple[_dt.date, str, str, list[int]]] = []
        self.calls: list[PlannedCall] = []
        self.unreachable: dict[int, str] = {}


def _why(item: _Item, end: _dt.date) -> str:
    if item.released > end:
        return (
            f"its earliest allowed date, {item.released.isoformat()}, is after the planning "
            f"horizon's last day, {end.isoformat()}"
        )
    if _open_day(item.released, end) is None:
        return (
            f"no business day between its earliest allowed date, {item.released.isoformat()}, "
            f"and the planning horizon's last day, {end.isoformat()}"
        )
    return (
        f"no free call or appointment up to the planning horizon's last day, {end.isoformat()}: "
        f"every one from {item.released.isoformat()} went to more urgent cases"
        + (f" or was not {item.own}'s to give" if item.own is not None else "")
    )


def _late(
    items: list[_Item],
    deadlines: list[_dt.date | None],
    placed: list[_dt.date | None],
) -> list[PlanNote]:
    notes = []
    for i, item in enumerate(items):
        deadline, day = deadlines[i], placed[i]
        if deadline is None or day is None or day <= deadline:
            continue
        why = (
            "the deadline passed before its earliest allowed date, "
            f"{item.released.isoformat()}; it is placed as soon as possible anyway"
            if deadline < item.released
            else "no earlier business-day call or appointment was free (more urgent cases "
            "took them)"
        )
        notes.append(
            PlanNote(
                item.receipt,
                f"placed on {day.isoformat()}, after its deadline {deadline.isoformat()}: {why}",
            )
        )
    return notes


def _plan_assumptions(
    offices: dict[str, _Office],
    first: _dt.date,
    names: list[str],
    limits: PlannerLimits,
    book: Rulebook,
    rule: ConflictRule,
    column: str | None,
) -> tuple[str, ...]:
    """What the plan assumed: the limits across offices, each office's regimes and limits, the
    purposes, the order of placing, the attorney column."""
    spans = sorted((s for o in offices.values() for s in o.spans), key=_span_key)
    segments = [s for code in sorted(offices) for s in offices[code].segments]
    # The single-office texts, without their regimes (said below, office by office).
    shared = _assumptions(spans, segments, first, names, limits, book, rule)[: -len(spans) or None]
    regimes = tuple(
        f"At {code}: {_regime_text(span)}"
        for code in sorted(offices)
        for span in offices[code].spans
    )
    across = (
        "Each attorney's limits hold across all offices: on any business day at most "
        f"{limits.calls_per_day} Contact Center call(s) in all, and at most the day's "
        "appointment limit counting every appointment the attorney holds that day at any "
        "office (MIA-LIMIT-DAY counts every office of the district); the appointments and "
        "calls given in busy, and an appointment already booked by a case's own attorney, "
        "count too.",
        "Each call or booking carries out its decision: ESCALATE to the Tier 2 Supervisor is a "
        "call asking for the Tier 2 Supervisor (CC-SUPERVISOR), from the end of Tier 2's "
        "call-back window; ESCALATE to the Field Office Director is asked for at an INFOPASS "
        "appointment (booked online under RG-SELF, asked for on a call under RG-PILOT/RG-CC); "
        "INQUIRE is made at an appointment booked online where the decision offers INFOPASS "
        "under RG-SELF, else on a Contact Center call; REQUEST_APPOINTMENT is booked online "
        "under RG-SELF, asked for on a call under RG-PILOT/RG-CC; ATTEND_APPOINTMENT is not "
        "booked again. A decision not allowed yet is planned from its earliest day.",
    )
    own = (
        (
            f"Each case's own attorney ({column}) keeps its call or appointment when among the "
            "attorneys planned for; a case waits for that attorney's free day. Otherwise the "
            "planner assigns one, with a note.",
        )
        if column is not None
        else ()
    )
    return (*across, *own, *shared, *regimes)
