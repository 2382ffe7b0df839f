"""Planning INFOPASS appointments by the regime in force, never breaking the district's limits.

:func:`plan_appointments` spreads a docket of cases over the firm's attorneys, one office, and the
business days of a window ``[start, start + horizon_days]``:

- **By the regime in force** at the office each day
  (:func:`~infopass_rules.rules.regimes.regime_at`: RG-SELF, RG-PILOT, RG-CC). Under ``RG-SELF``
  the firm books INFOPASS appointments online (``Plan.appointments``). Under ``RG-PILOT``
  (the pilot offices from 2018-02-05) and ``RG-CC`` (every office from 2019-03-01) it cannot:
  the plan holds Contact Center calls (``Plan.calls``, :class:`~.plan.PlannedCall`) with the
  call-back and appointment windows of ``CC-APPOINTMENT`` (parameters
  ``contact_center.scheduling_callback_days`` and
  ``contact_center.appointment_after_callback_days``), and no appointment on those days. How
  many calls an attorney makes a day and how many cases a call carries are the library's own
  assumptions (:class:`~.plan.PlannerLimits`), stated in ``Plan.assumptions``. A window that
  spans a change of regime is planned on each side by its own regime; ``Plan.regimes`` lists
  the regimes spanned.
- **By the caller's policy**, as the engine (:class:`~infopass_rules.rules.policy.Policy`):
  where the sources disagree on the call-back window (``readings``), the plan follows the
  reading ``policy.conflict_rule`` follows, as a decision does. A call on a day before a
  window's first dated value takes that first value, as a decision does (``Reasoning.param``),
  and ``Plan.assumptions`` says so: the rule, the value's first date and source, the days it
  was applied to. The planner counts no wait (a window is the sources' range of calendar days
  added to the day of the call, each end of the appointment window then moved to the first
  business day on or after it), so ``policy.day_count`` does not enter a plan.
- **Limits.** Every appointment holds at most its district's most cases per appointment
  (MIA-LIMIT-CASES in Miami) and every attorney at most its most appointments a day
  (MIA-LIMIT-DAY), both read from the rule book by the appointment's day (source
  ``miami-2014-02-11``), for the district the office belongs to then
  (:mod:`infopass_rules.rules.districts.registry`). Where those limits do not bind (an office
  outside every district, a day before their effective date) the planner still needs numbers;
  :class:`~.plan.PlannerLimits` says which, and ``Plan.assumptions`` records what was assumed.
  A firm's own caps can only tighten the rules where they bind, never loosen them, so a plan
  never fails :func:`~infopass_rules.planning.limits.check_appointments`.
- **Business days only** (no weekends, federal holidays or closures; see
  :mod:`infopass_rules.planning.calendar`).
- **Never early.** A case is placed on or after its ``earliest`` date and on or after ``start``.
- **Most urgent first.** Each day, the cases already allowed are taken in urgency order: the
  nearest deadline, then pressing, then the earliest allowed date, then the receipt number (so
  equal cases are ordered the same way on every run). A case without a deadline comes after
  every case with one.
- **Full appointments.** An attorney's appointment is filled up to the case limit before the next
  appointment is opened; attorneys are taken in alphabetical order.
- **Deadlines that cannot be met.** Such a case is still placed at its first free slot (the
  inquiry is still owed to the client, and its passed deadline makes it the most urgent), and
  ``Plan.notes`` says it lands after its deadline and why.
- **Everything accounted for.** A case the window cannot take is listed in ``Plan.unplaced``
  with the reason.

The plan depends only on the *set* of requests: the same docket in any order gives the same plan.
It reads no clock and no file; it runs in O(n log n) for n cases (one sort, one heap, one sweep
over the business days, skipping days with nothing to place).
"""

from __future__ import annotations

import datetime as _dt
import heapq
from collections.abc import Iterable

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.history import Appointment, appointments, trusted_appointment
from infopass_rules.facts.offices import OfficeKind, resolve_office
from infopass_rules.planning.calendar import is_business_day
from infopass_rules.planning.limits import district_limits
from infopass_rules.planning.plan import Plan, PlannedCall, PlannerLimits, PlanNote, Unplaced
from infopass_rules.planning.plan import _optional_cap as _optional_cap  # the caps' converter
from infopass_rules.planning.requests import (
    DecidedRequests,
    PlanRequest,
    checked_requests,
    once,
)
from infopass_rules.rules.districts.registry import districts, with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, ConflictRule, Policy, check_policy
from infopass_rules.rules.reasoning import pick_reading
from infopass_rules.rules.regimes import Regime, regime_at
from infopass_rules.rules.trace import finding_text
from infopass_rules.sources.rulebook import Parameter, Rulebook, ValuePeriod, load_rulebook

__all__ = ["plan_appointments"]

#: Bounds on the planner's inputs: far above any firm's docket, low enough that a runaway input
#: fails at once with a clear error.
MAX_ATTORNEYS = 10_000
MAX_HORIZON_DAYS = 36_525  # a century
#: The most appointments ``busy`` may hold.
MAX_BUSY = 1_000_000

_ONE_DAY = _dt.timedelta(days=1)
_FIELD_OFFICE = frozenset({OfficeKind.FIELD_OFFICE})


# --- Limits by period -----------------------------------------------------------------------


@attrs.frozen
class _Segment:
    """A stretch of days over which the planner's limits do not change."""

    start: _dt.date
    max_cases: int
    max_per_day: int
    assumption: str


def _count(n: int, unit: str) -> str:
    # "1 case per appointment", "5 cases per appointment": the unit's first word takes the "s".
    head, _, tail = unit.partition(" ")
    word = head if n == 1 else head + "s"
    return f"{n} {word} {tail}".rstrip()


def _cap(
    given: int | None,
    binding: int | None,
    fallback: int,
    rule_id: str,
    unit: str,
    why_not: str,
) -> tuple[int, str]:
    """The cap to use and the phrase that explains it."""
    if binding is not None:
        if given is not None and given < binding:
            return (
                given,
                f"{_count(given, unit)} (the cap given, tighter than {rule_id}'s {binding})",
            )
        if given is not None and given > binding:
            return (
                binding,
                f"{_count(binding, unit)} ({rule_id}, in force; the looser cap given, {given}, "
                "yields)",
            )
        return binding, f"{_count(binding, unit)} ({rule_id}, in force)"
    if given is not None:
        return given, f"{_count(given, unit)} (the cap given; {rule_id} {why_not})"
    return fallback, (
        f"{_count(fallback, unit)} ({rule_id} {why_not}; its latest known value is used, "
        "to be safe)"
    )


def _segments(office: str, start: _dt.date, end: _dt.date, limits: PlannerLimits) -> list[_Segment]:
    """The window cut where a limit parameter or a district's scope changes.

    Consecutive stretches with the same limits for the same reasons are merged.
    """
    params = with_districts(load_rulebook()).parameters
    known = [d for d in districts() if d.offices in params]
    names = {name for d in known for name in (d.max_cases, d.max_per_day, d.offices) if name}
    cuts = sorted(
        {start} | {p.start for name in names for p in params[name].values if start < p.start <= end}
    )
    # Where no district's limit binds, the tightest latest known value is used, to be safe.
    fallback_cases = _tightest(params[d.max_cases] for d in known if d.max_cases)
    fallback_day = _tightest(params[d.max_per_day] for d in known if d.max_per_day)
    outside = " or ".join(d.name for d in known)
    stretches: list[tuple[_dt.date, int, int]] = []  # (first day, cases, per day)
    reasons: list[str] = []
    for first in cuts:
        law = district_limits(office, first)
        district = law.district
        cases_param = fallback_cases
        if district is not None and district.max_cases is not None:
            cases_param = params[district.max_cases]
        day_param = fallback_day
        if district is not None and district.max_per_day is not None:
            day_param = params[district.max_per_day]
        cases, cases_text = _cap(
            limits.max_cases,
            law.max_cases,
            int(cases_param.values[-1].value),
            cases_param.rule_id,
            "case per appointment",
            _why_not(cases_param, law.in_district),
        )
        per_day, day_text = _cap(
            limits.max_per_day,
            law.max_per_day,
            int(day_param.values[-1].value),
            day_param.rule_id,
            "appointment per attorney per day",
            _why_not(day_param, law.in_district),
        )
        where = office if law.in_district else f"{office} (not a {outside} office then)"
        reason = f"at {where}: at most {cases_text}; at most {day_text}."
        if reasons and reasons[-1] == reason:
            continue
        reasons.append(reason)
        stretches.append((first, cases, per_day))
    # Each stretch ends the day before the next one starts; the last, on the window's last day.
    out: list[_Segment] = []
    for i, (since, cases, per_day) in enumerate(stretches):
        last = stretches[i + 1][0] - _ONE_DAY if i + 1 < len(stretches) else end
        text = f"{since.isoformat()} to {last.isoformat()} {reasons[i]}"
        out.append(_Segment(since, cases, per_day, text))
    return out


def _tightest(parameters: Iterable[Parameter]) -> Parameter:
    """The limit parameter whose latest value is the smallest (the first, among equals)."""
    return min(parameters, key=lambda p: int(p.values[-1].value))


def _why_not(parameter: Parameter, in_district: bool) -> str:
    if not in_district:
        return "does not bind outside the district"
    return f"is not in force before {parameter.values[0].start.isoformat()}"


# --- Regimes by period ----------------------------------------------------------------------

_REGIME_PARAMETERS = ("regime.pilot_offices", "regime.contact_center_from")
_CALLBACK = "contact_center.scheduling_callback_days"
_AFTER_CALLBACK = "contact_center.appointment_after_callback_days"


@attrs.frozen
class _RegimeSpan:
    """A stretch of days ``[start, last]`` under one regime at the office."""

    start: _dt.date
    last: _dt.date
    regime: Regime
    finding: str


def _regime_spans(office: str, start: _dt.date, end: _dt.date, book: Rulebook) -> list[_RegimeSpan]:
    """The window cut where the regime at ``office`` changes (only on a regime parameter's
    dates: a period's start, or the date a parameter gives)."""
    dates = set()
    for name in _REGIME_PARAMETERS:
        for period in book.parameters[name].values:
            dates.add(period.start)
            if isinstance(period.value, _dt.date):
                dates.add(period.value)
    cuts = sorted({start} | {d for d in dates if start < d <= end})
    spans: list[_RegimeSpan] = []
    for first in cuts:
        regime, finding = regime_at(office, first, book)
        if spans and spans[-1].regime.rule_id == regime.rule_id:
            continue
        if spans:
            spans[-1] = attrs.evolve(spans[-1], last=first - _ONE_DAY)
        spans.append(_RegimeSpan(first, end, regime, finding_text(finding)))
    return spans


#: What each window parameter describes, in words (for the plan's assumptions).
_WINDOW_WORDS = {
    _CALLBACK: "Tier 2's call-back window",
    _AFTER_CALLBACK: "the appointment window after the call-back",
}


def _window_days(
    book: Rulebook, name: str, on: _dt.date, rule: ConflictRule
) -> tuple[int, int, str | None]:
    """A ``[earliest, latest]`` days parameter on ``on`` and its source.

    Where the sources disagree (``readings``), the reading ``rule`` (the caller's conflict rule)
    follows, as a decision does (``Reasoning.resolve``). Before a dated parameter's first value,
    that first value, as a decision does (``Reasoning.param``); the plan says so
    (:func:`_before_first_values`)."""
    parameter = book.parameters[name]
    if parameter.readings:
        followed, _, _ = pick_reading(book, parameter, rule)
        low, high = followed.value
        return int(low), int(high), followed.source_id
    period = parameter.period_at(on) or parameter.values[0]
    low, high = period.value
    return int(low), int(high), period.source_id


def _before_first_values(spans: list[_RegimeSpan], book: Rulebook) -> tuple[str, ...]:
    """What the plan says where a call's window is taken from a parameter's first dated value
    on days before it (the days under RG-PILOT / RG-CC before that value's date), in the words
    of a decision's STALE_SOURCE warning: the rule, the value's first date and source, and the
    days it is applied to. A parameter with rival readings is resolved by the conflict rule,
    not by date."""
    called = [s for s in spans if not s.regime.self_scheduled]
    out = []
    for name in (_CALLBACK, _AFTER_CALLBACK):
        parameter = book.parameters[name]
        if parameter.readings or not called:
            continue
        first = parameter.values[0]
        days = [
            (s.start, min(s.last, first.start - _ONE_DAY)) for s in called if s.start < first.start
        ]
        if not days:
            continue
        applied = ", ".join(
            f"on {since.isoformat()}"
            if since == last
            else f"from {since.isoformat()} to {last.isoformat()}"
            for since, last in days
        )
        out.append(
            f"{parameter.rule_id}: the sources describe {_WINDOW_WORDS[name]} ({name}) only "
            f"from {first.start.isoformat()} ({_source_of(first)}); that description is "
            f"applied to the calls {applied}."
        )
    return tuple(out)


def _source_of(period: ValuePeriod) -> str:
    """A dated value's source, or what stands for it when no source gives the value."""
    if period.source_id is not None:
        return period.source_id
    return f"no source: {period.basis}" if period.basis else "no source"


def _later(day: _dt.date, days: int) -> _dt.date:
    """``day`` plus ``days``, or the last representable date when that is past it."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max


def _business_day_from(day: _dt.date) -> _dt.date:
    """The first business day on or after ``day`` (the calendar's last day, 9999-12-31, is a
    business day, so there always is one)."""
    return _open_day(day, _dt.date.max) or day


def _windows(
    book: Rulebook, day: _dt.date, rule: ConflictRule
) -> tuple[tuple[_dt.date, _dt.date], tuple[_dt.date, _dt.date]]:
    """The call-back and appointment windows of a call on ``day`` (CC-APPOINTMENT), the
    sources' disagreements resolved by ``rule``.

    Both are counted in calendar days, as the sources give them and as a decision's note counts
    them. The call-back window stays so (Tier 2 calls back; a call may come on any day); each end
    of the appointment window is then moved to the first business day on or after it, since
    appointments are held on business days only."""
    low, high, _ = _window_days(book, _CALLBACK, day, rule)
    after_low, after_high, _ = _window_days(book, _AFTER_CALLBACK, day, rule)
    callback = (_later(day, low), _later(day, high))
    appointment = (
        _business_day_from(_later(callback[0], after_low)),
        _business_day_from(_later(callback[1], after_high)),
    )
    return callback, appointment


# --- Validation -----------------------------------------------------------------------------


def _attorneys(value: object) -> list[str]:
    elements = v.items(value, "attorneys", max_items=MAX_ATTORNEYS)
    if not elements:
        raise InvalidValue("is empty", field="attorneys", value=value, expected="one name or more")
    names: dict[str, int] = {}
    for i, element in enumerate(elements):
        name = v.text(f"attorneys[{i}]", max_length=200)(element)
        once(names, name, "attorneys", i, expected="distinct names")
    # Alphabetical, so the plan does not depend on the order the attorneys were given in.
    return sorted(names)


def _taken(busy: object) -> dict[tuple[str, _dt.date], int]:
    """How many appointments each attorney already holds each day (``busy``)."""
    taken: dict[tuple[str, _dt.date], int] = {}
    for held in appointments(busy, "busy", max_items=MAX_BUSY):
        if held.attorney is not None:  # an appointment of no named attorney takes no one's day
            key = (held.attorney, held.on)
            taken[key] = taken.get(key, 0) + 1
    return taken


def _window(start: object, horizon_days: object) -> tuple[_dt.date, _dt.date]:
    first = v.a_date("start")(start)
    if (
        isinstance(horizon_days, bool)
        or not isinstance(horizon_days, int)
        or not 0 <= horizon_days <= MAX_HORIZON_DAYS
    ):
        raise InvalidValue(
            "must be a whole number of days",
            field="horizon_days",
            value=horizon_days,
            expected=f"an int from 0 to {MAX_HORIZON_DAYS}",
        )
    try:
        return first, first + _dt.timedelta(days=horizon_days)
    except OverflowError:
        raise InvalidValue(
            "reaches past the last representable date",
            field="horizon_days",
            value=horizon_days,
            expected="a shorter horizon or an earlier start",
        ) from None


# --- Planning -------------------------------------------------------------------------------

_UrgencyKey = tuple[bool, _dt.date, bool, _dt.date, str]


def _urgency(r: PlanRequest) -> _UrgencyKey:
    """Smaller is more urgent: nearest deadline, pressing, earliest date, receipt number."""
    return (
        r.deadline is None,
        r.deadline or _dt.date.max,
        not r.pressing,
        r.earliest,
        r.receipt_number,
    )


def _open_day(day: _dt.date, end: _dt.date) -> _dt.date | None:
    """The first business day from ``day`` to ``end``, or None."""
    while day <= end:
        if is_business_day(day):
            return day
        if day == end:
            break
        day += _ONE_DAY
    return None


def plan_appointments(
    requests: Iterable[PlanRequest],
    *,
    attorneys: Iterable[str],
    office: str,
    start: _dt.date,
    horizon_days: int = 90,
    limits: PlannerLimits = PlannerLimits.DISTRICT,
    busy: Iterable[Appointment] = (),
    policy: Policy = DEFAULT_POLICY,
) -> Plan:
    """Place each requested case at an appointment or a Contact Center call, by the regime in
    force each day, most urgent first, within the limits.

    Args:
        requests: the cases to place (distinct receipt numbers; order does not matter). Given
            the result of :func:`requests_from_decisions`, its ``unplaced`` are listed in
            ``Plan.unplaced`` too.
        attorneys: the attorneys who may hold appointments (distinct, non-empty names).
        office: the field office (code, description or city; normalised to its code).
        start: the first day of the window.
        horizon_days: the window's length: its last day is ``start + horizon_days``.
        limits: the limits to hold appointments to where ``MIA-LIMIT-*`` do not bind, and the
            firm's own tighter caps (see :class:`PlannerLimits`).
        busy: appointments the attorneys already hold, at this office or any other (a plan of
            another office, appointments booked earlier): each takes one of its attorney's
            appointments that day, so an attorney is never given more than the day's limit
            across offices (MIA-LIMIT-DAY counts every office of the district).
        policy: the interpretations to apply, as for the engine's decisions (see
            :class:`~infopass_rules.rules.policy.Policy`): ``conflict_rule`` picks the reading
            of the call-back window (``contact_center.scheduling_callback_days``, CC-APPOINTMENT)
            where the sources disagree. The planner counts no wait, so the other fields do not
            change a plan (``pressing_horizon_days`` enters through
            :func:`requests_from_decisions`).

    Returns:
        The :class:`Plan`: appointments (days under ``RG-SELF``), Contact Center calls (days
        under ``RG-PILOT`` / ``RG-CC``), the cases not placed and why, the assumptions made,
        notes on cases placed after their deadline, and the regimes spanned.

    Raises:
        InvalidValue: a request is not a ``PlanRequest`` or repeats a case; ``attorneys`` is
            empty or repeats a name; ``busy`` holds something other than appointments;
            ``start`` is not a date; ``horizon_days`` is out of range;
            ``limits`` is not a ``PlannerLimits``; ``policy`` is not a ``Policy``.
        UnknownOffice: ``office`` is not a field office of the registry.
    """
    # The pairs requests_from_decisions turned into no request are accounted for here too.
    undecided = requests.unplaced if isinstance(requests, DecidedRequests) else ()
    docket = checked_requests(requests)
    names = _attorneys(attorneys)
    code = resolve_office(office, field="office", kinds=_FIELD_OFFICE)
    first, end = _window(start, horizon_days)
    v.instance(
        limits,
        PlannerLimits,
        "limits",
        what="a PlannerLimits",
        expected="PlannerLimits.DISTRICT or PlannerLimits(max_cases=..., max_per_day=...)",
    )
    conflict_rule = check_policy(policy).conflict_rule
    taken = _taken(busy)
    book = with_districts(load_rulebook())
    spans = _regime_spans(code, first, end, book)
    # The appointment limits matter only on the days the firm books (RG-SELF).
    segments = [
        segment
        for span in spans
        if span.regime.self_scheduled
        for segment in _segments(code, span.start, span.last, limits)
    ]

    # Rank every case by urgency once; the heap then holds plain ints, which compare far faster
    # than the urgency tuples, and the order is the same. Everything else about a case is kept
    # in lists indexed by its rank: no dictionary lookup by receipt number in the sweep.
    by_urgency = sorted(docket, key=_urgency)
    # A case may be placed from its release day: its earliest date, but never before start.
    released = [max(r.earliest, first) for r in by_urgency]
    waiting = sorted(range(len(by_urgency)), key=released.__getitem__)  # stable: ties by rank
    waiting_from = [released[i] for i in waiting]
    ready: list[int] = []
    placed: list[_dt.date | None] = [None] * len(by_urgency)
    appointments: list[Appointment] = []
    calls: list[PlannedCall] = []
    next_up = 0
    seg = 0
    span = 0
    day = _open_day(first, end)
    while day is not None:
        if not ready:
            if next_up == len(waiting):
                break
            # Nothing to place today: jump to the next release instead of walking idle days.
            upcoming = waiting_from[next_up]
            if upcoming > day:
                day = _open_day(upcoming, end)
                continue
        while next_up < len(waiting) and waiting_from[next_up] <= day:
            heapq.heappush(ready, waiting[next_up])
            next_up += 1
        while span + 1 < len(spans) and spans[span + 1].start <= day:
            span += 1
        regime = spans[span].regime
        if regime.self_scheduled:
            while seg + 1 < len(segments) and segments[seg + 1].start <= day:
                seg += 1
            cap, per_day = segments[seg].max_cases, segments[seg].max_per_day
        else:
            # The firm cannot book: Contact Center calls (CC-APPOINTMENT), the library's caps.
            cap, per_day = limits.cases_per_call, limits.calls_per_day
            callback, appointment = _windows(book, day, conflict_rule)
        # Fill each appointment (or call) to the cap before opening the next (MIA-LIMIT-CASES),
        # and give each attorney at most per_day a day (MIA-LIMIT-DAY); source miami-2014-02-11.
        for name in names:
            free = per_day - taken.get((name, day), 0) if regime.self_scheduled else per_day
            for _ in range(free):
                if not ready:
                    break
                batch = [heapq.heappop(ready) for _ in range(min(cap, len(ready)))]
                for i in batch:
                    placed[i] = day
                numbers = tuple([by_urgency[i].receipt_number for i in batch])
                if regime.self_scheduled:
                    # Every value was checked on the way in: build without checking it again.
                    appointments.append(trusted_appointment(day, code, numbers, name))
                else:
                    calls.append(
                        PlannedCall(day, name, numbers, callback, appointment, code, regime.rule_id)
                    )
            if not ready:
                break
        day = _open_day(day + _ONE_DAY, end) if day < end else None

    why_unplaced = _WhyUnplaced(end)
    return Plan(
        appointments=tuple(appointments),
        unplaced=(
            *(
                Unplaced(r.receipt_number, why_unplaced(released[i]))
                for i, r in enumerate(by_urgency)
                if placed[i] is None
            ),
            *sorted(undecided, key=lambda u: u.receipt_number),
        ),
        assumptions=_assumptions(spans, segments, first, names, limits, book, conflict_rule),
        notes=_late_notes(by_urgency, released, placed),
        calls=tuple(calls),
        regimes=tuple(s.regime.rule_id for s in spans),
    )


class _WhyUnplaced:
    """Why a case released on a day was not placed: one text per release day, however many
    cases share it (the reason depends on nothing else)."""

    def __init__(self, end: _dt.date) -> None:
        self.end = end
        self.texts: dict[_dt.date, str] = {}

    def __call__(self, allowed: _dt.date) -> str:
        text = self.texts.get(allowed)
        if text is None:
            text = self.texts[allowed] = _why_unplaced(allowed, self.end)
        return text


def _why_unplaced(allowed: _dt.date, end: _dt.date) -> str:
    if allowed > end:
        return (
            f"its earliest allowed date, {allowed.isoformat()}, is after the planning "
            f"horizon's last day, {end.isoformat()}"
        )
    if _open_day(allowed, end) is None:
        return (
            f"no business day between its earliest allowed date, {allowed.isoformat()}, and "
            f"the planning horizon's last day, {end.isoformat()}"
        )
    return (
        "no business-day appointment slot left up to the planning horizon's last day, "
        f"{end.isoformat()}: every slot from {allowed.isoformat()} went to more urgent cases"
    )


def _late_notes(
    by_urgency: list[PlanRequest], released: list[_dt.date], placed: list[_dt.date | None]
) -> tuple[PlanNote, ...]:
    """The notes on cases placed after their deadline, by receipt number (only those cases are
    sorted, not the docket)."""
    late = [
        (r.receipt_number, day, deadline, released[i])
        for i, r in enumerate(by_urgency)
        if (deadline := r.deadline) is not None
        and (day := placed[i]) is not None
        and day > deadline
    ]
    late.sort()  # by receipt number: distinct, so the items after it never decide
    notes = []
    for receipt_number, day, deadline, allowed in late:
        if deadline < allowed:
            why = (
                f"the deadline passed before its earliest allowed date, {allowed.isoformat()}; "
                "it is placed as soon as possible anyway"
            )
        else:
            why = "no earlier business-day slot was free (more urgent cases took them)"
        notes.append(
            PlanNote(
                receipt_number,
                f"placed on {day.isoformat()}, after its deadline {deadline.isoformat()}: {why}",
            )
        )
    return tuple(notes)


def _assumptions(
    spans: list[_RegimeSpan],
    segments: list[_Segment],
    start: _dt.date,
    names: list[str],
    limits: PlannerLimits,
    book: Rulebook,
    rule: ConflictRule,
) -> tuple[str, ...]:
    regimes = tuple(_regime_text(s) for s in spans)
    calls: tuple[str, ...] = ()
    called = [s for s in spans if not s.regime.self_scheduled]
    if called:
        low, high, source = _window_days(book, _CALLBACK, called[0].start, rule)
        after_low, after_high, after_source = _window_days(
            book, _AFTER_CALLBACK, called[0].start, rule
        )
        # The default conflict rule's reading is the one the library documents; another rule's
        # is named where it is followed.
        followed = ""
        if book.parameters[_CALLBACK].readings and rule is not DEFAULT_POLICY.conflict_rule:
            followed = f" (the sources disagree: {rule.words})"
        cited = source or after_source
        if source is not None and after_source is not None and source != after_source:
            cited = f"{source} for the call-back, {after_source} for the appointment"
        calls = (
            f"Contact Center calls (the library's own assumption; no source sets them): at most "
            f"{_count(limits.calls_per_day, 'call per attorney per business day')}, "
            f"{_count(limits.cases_per_call, 'case per call')} (Tier 1 identifies each case by "
            "name, date of birth and receipt number, CC-CALL; Tier 2 confirms case by case that "
            "it suits InfoPass); change them with PlannerLimits(calls_per_day=..., "
            "cases_per_call=...).",
            f"After each call, Tier 2's call-back is expected {low}-{high} days later{followed} "
            f"and the appointment {after_low}-{after_high} days after the call-back "
            f"(CC-APPOINTMENT, {cited}), calendar days, each end of the appointment window then "
            "moved to the first business day on or after it; the Contact Center, not the firm, "
            "sets the appointment's day.",
            *_before_first_values(spans, book),
        )
    return (
        *(s.assumption for s in segments),
        *calls,
        "Business days only: no weekends, no US federal holidays (observed dates included), "
        "and no one-off federal closures (executive orders, national days of mourning).",
        f"No case is placed before its earliest date or before the start, {start.isoformat()}.",
        "Cases are placed most urgent first: nearest deadline, then pressing, then earliest "
        "allowed date, then receipt number; a case without a deadline comes after those with one.",
        f"Each day, {_attorneys_text(len(names))} given appointments (or calls) in alphabetical "
        "order, each filled up to its case limit before the next is opened.",
        "A case whose deadline cannot be met is still placed at its first free slot, with a note.",
        *regimes,
    )


def _regime_text(span: _RegimeSpan) -> str:
    what = (
        "INFOPASS appointments booked online by the firm"
        if span.regime.self_scheduled
        else "no self-scheduling: Contact Center calls to request INFOPASS appointments"
    )
    return (
        f"{span.start.isoformat()} to {span.last.isoformat()} {span.regime.rule_id}: {what} "
        f"({span.finding})."
    )


def _attorneys_text(count: int) -> str:
    return "the one attorney is" if count == 1 else f"the {count} attorneys are"
