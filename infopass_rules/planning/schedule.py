"""Planning INFOPASS appointments that never break the district's limits (``MIA-LIMIT-*``).

:func:`plan_appointments` spreads a docket of cases over the firm's attorneys, one office, and the
business days of a window ``[start, start + horizon_days]``:

- **Limits.** Every appointment holds at most ``miami.max_cases_per_appointment`` cases
  (MIA-LIMIT-CASES) and every attorney at most ``miami.max_appointments_per_day`` appointments a
  day (MIA-LIMIT-DAY), both read from ``data/parameters.toml`` by the appointment's day (source
  ``miami-2014-02-11``). Where those limits do not bind (an office outside the Miami District, a
  day before their effective date) the planner still needs numbers; :class:`PlannerLimits` says
  which, and ``Plan.assumptions`` records what was assumed. A firm's own caps can only tighten
  the rules where they bind, never loosen them, so a plan never fails
  :func:`~infopass_rules.appointments.check_appointments`.
- **Business days only** (RULES.md section 5; see :mod:`infopass_rules.calendar`).
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
from collections.abc import Callable, Iterable
from typing import ClassVar, Protocol

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case
from infopass_rules.facts.enums import Channel
from infopass_rules.facts.history import (
    MAX_RECEIPTS_PER_APPOINTMENT,
    Appointment,
    trusted_appointment,
)
from infopass_rules.facts.offices import OfficeKind, resolve_office
from infopass_rules.planning.calendar import is_business_day
from infopass_rules.planning.limits import P_DISTRICT, P_MAX_CASES, P_MAX_PER_DAY, district_limits
from infopass_rules.sources.rulebook import Parameter, load_rulebook

__all__ = [
    "Plan",
    "PlanNote",
    "PlanRequest",
    "PlannerLimits",
    "SupportsInfopassDecision",
    "Unplaced",
    "plan_appointments",
    "requests_from_decisions",
]

#: Bounds on the planner's inputs: far above any firm's docket, low enough that a runaway input
#: fails at once with a clear error.
MAX_REQUESTS = 1_000_000
MAX_ATTORNEYS = 10_000
MAX_HORIZON_DAYS = 36_525  # a century
MAX_APPOINTMENTS_PER_DAY = 24

_ONE_DAY = _dt.timedelta(days=1)
_MISSING = object()
_FIELD_OFFICE = frozenset({OfficeKind.FIELD_OFFICE})


# --- Requests and results -------------------------------------------------------------------

_EARLIEST_CHECK = v.a_date("earliest")
_DEADLINE_CHECK = v.optional_date("deadline")
_PRESSING_CHECK = v.a_bool("pressing")


def _receipt(value: object) -> str:
    return v.receipt_number(value, "receipt_number")


def _earliest(value: object) -> _dt.date:
    return _EARLIEST_CHECK(value)


def _deadline(value: object) -> _dt.date | None:
    return _DEADLINE_CHECK(value)


def _pressing(value: object) -> bool:
    return _PRESSING_CHECK(value)


@attrs.frozen
class PlanRequest:
    """A case to place at an appointment.

    Args:
        receipt_number: the case (normalised like ``Case.receipt_number``).
        earliest: the first day the case may be presented (e.g. ``Decision.earliest``).
        deadline: the client's nearest deadline, if any (urgency; a deadline before
            ``earliest`` is accepted and reported in ``Plan.notes``).
        pressing: the firm's judgement that the case is pressing (urgency).
    """

    receipt_number: str = attrs.field(converter=_receipt)
    earliest: _dt.date = attrs.field(converter=_earliest)
    deadline: _dt.date | None = attrs.field(default=None, converter=_deadline)
    pressing: bool = attrs.field(default=False, converter=_pressing)


@attrs.frozen
class Unplaced:
    """A requested case the plan could not place, and why."""

    receipt_number: str
    reason: str


@attrs.frozen
class PlanNote:
    """Something a lawyer must know about a placed case (it lands after its deadline)."""

    receipt_number: str
    note: str


@attrs.frozen
class Plan:
    """The result of :func:`plan_appointments`.

    Attributes:
        appointments: the appointments, by day then attorney; each names its attorney.
        unplaced: every requested case not placed, with the reason, most urgent first.
        assumptions: what the plan assumed (limits by period, calendar, order of placing).
        notes: placed cases that land after their deadline, by receipt number.
    """

    appointments: tuple[Appointment, ...]
    unplaced: tuple[Unplaced, ...] = ()
    assumptions: tuple[str, ...] = ()
    notes: tuple[PlanNote, ...] = ()


def _optional_cap(field: str, most: int) -> Callable[[object], int | None]:
    def convert(value: object) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise InvalidValue(
                "must be a positive whole number",
                field=field,
                value=value,
                expected=f"None or an int from 1 to {most}",
            )
        return value

    return convert


_MAX_CASES_CHECK = _optional_cap("max_cases", MAX_RECEIPTS_PER_APPOINTMENT)
_MAX_PER_DAY_CHECK = _optional_cap("max_per_day", MAX_APPOINTMENTS_PER_DAY)


def _max_cases(value: object) -> int | None:
    return _MAX_CASES_CHECK(value)


def _max_per_day(value: object) -> int | None:
    return _MAX_PER_DAY_CHECK(value)


@attrs.frozen
class PlannerLimits:
    """The limits the planner holds appointments to.

    Where MIA-LIMIT-CASES / MIA-LIMIT-DAY bind (an office of the district, on or after their
    effective date), a plan obeys them, whatever is given here: a cap given here applies only
    when it is tighter. Where they do not bind, a cap given here is used; without one, the
    latest known district value is used anyway, to be safe (:attr:`DISTRICT`, the default).

    Args:
        max_cases: the firm's own most cases per appointment, or None for the district's.
        max_per_day: the firm's own most appointments per attorney per day, or None likewise.
    """

    max_cases: int | None = attrs.field(default=None, converter=_max_cases)
    max_per_day: int | None = attrs.field(default=None, converter=_max_per_day)

    #: The district's limits where they bind, and their latest known values elsewhere.
    DISTRICT: ClassVar[PlannerLimits]


PlannerLimits.DISTRICT = PlannerLimits()


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
    """The window cut where a limit parameter or the district's scope changes.

    Consecutive stretches with the same limits for the same reasons are merged.
    """
    params = load_rulebook().parameters
    names = (P_MAX_CASES, P_MAX_PER_DAY, P_DISTRICT)
    cuts = sorted(
        {start} | {p.start for name in names for p in params[name].values if start < p.start <= end}
    )
    out: list[_Segment] = []
    reasons: list[str] = []
    for first in cuts:
        law = district_limits(office, first)
        cases, cases_text = _cap(
            limits.max_cases,
            law.max_cases,
            int(params[P_MAX_CASES].values[-1].value),
            "MIA-LIMIT-CASES",
            "case per appointment",
            _why_not(params[P_MAX_CASES], law.in_district),
        )
        per_day, day_text = _cap(
            limits.max_per_day,
            law.max_per_day,
            int(params[P_MAX_PER_DAY].values[-1].value),
            "MIA-LIMIT-DAY",
            "appointment per attorney per day",
            _why_not(params[P_MAX_PER_DAY], law.in_district),
        )
        where = office if law.in_district else f"{office} (not a Miami District office then)"
        reason = f"at {where}: at most {cases_text}; at most {day_text}."
        if reasons and reasons[-1] == reason:
            continue
        reasons.append(reason)
        out.append(_Segment(first, cases, per_day, ""))
    for i, segment in enumerate(out):
        last = out[i + 1].start - _ONE_DAY if i + 1 < len(out) else end
        text = f"{segment.start.isoformat()} to {last.isoformat()} {reasons[i]}"
        out[i] = attrs.evolve(segment, assumption=text)
    return out


def _why_not(parameter: Parameter, in_district: bool) -> str:
    if not in_district:
        return "does not bind outside the district"
    return f"is not in force before {parameter.values[0].start.isoformat()}"


# --- Validation -----------------------------------------------------------------------------


def _once(seen: dict[str, int], key: str, field: str, i: int, *, expected: str) -> None:
    """Record that ``field[i]`` holds ``key``; the same key at two indexes is an error."""
    if key in seen:
        raise InvalidValue(
            f"repeats {field}[{seen[key]}] ({key})",
            field=f"{field}[{i}]",
            value=key,
            expected=expected,
        )
    seen[key] = i


def _requests(value: object) -> list[PlanRequest]:
    elements = v.items(value, "requests", max_items=MAX_REQUESTS)
    seen: dict[str, int] = {}
    for i, element in enumerate(elements):
        if not isinstance(element, PlanRequest):
            raise InvalidValue(
                "must be a PlanRequest",
                field=f"requests[{i}]",
                value=element,
                expected="infopass_rules.PlanRequest(receipt_number, earliest, deadline, pressing)",
            )
        _once(seen, element.receipt_number, "requests", i, expected="each case once")
    return elements


def case_decision_pairs(value: object, field: str) -> list[tuple[Case, object, _dt.date | None]]:
    """Check ``(case, decision)`` pairs; each comes back with the decision's ``earliest`` date.

    Shared by :func:`requests_from_decisions` and the calendar export, which both take the
    engine's decisions with their cases.

    Raises:
        InvalidValue: ``value`` is not a collection, an element is not a pair of a ``Case``
            and a decision, a decision's ``earliest`` is neither a date nor None, or a case
            appears twice (the error names the index).
    """
    elements = v.items(value, field, max_items=MAX_REQUESTS)
    out = []
    seen: dict[str, int] = {}
    for i, pair in enumerate(elements):
        where = f"{field}[{i}]"
        if not isinstance(pair, tuple | list) or len(pair) != 2 or not isinstance(pair[0], Case):
            raise InvalidValue(
                "must be a (case, decision) pair",
                field=where,
                value=pair,
                expected="a tuple (infopass_rules.Case, a decision)",
            )
        case, decision = pair
        earliest = getattr(decision, "earliest", _MISSING)
        if earliest is not None and (
            isinstance(earliest, _dt.datetime) or not isinstance(earliest, _dt.date)
        ):
            raise InvalidValue(
                "has no earliest date",
                field=f"{where}[1].earliest",
                value=None if earliest is _MISSING else earliest,
                expected="a datetime.date or None",
            )
        _once(seen, case.receipt_number, field, i, expected="each case once")
        out.append((case, decision, earliest))
    return out


def _attorneys(value: object) -> list[str]:
    elements = v.items(value, "attorneys", max_items=MAX_ATTORNEYS)
    if not elements:
        raise InvalidValue("is empty", field="attorneys", value=value, expected="one name or more")
    names: dict[str, int] = {}
    for i, element in enumerate(elements):
        name = v.text(f"attorneys[{i}]", max_length=200)(element)
        _once(names, name, "attorneys", i, expected="distinct names")
    # Alphabetical, so the plan does not depend on the order the attorneys were given in.
    return sorted(names)


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
) -> Plan:
    """Place each requested case at an appointment, most urgent first, within the limits.

    Args:
        requests: the cases to place (distinct receipt numbers; order does not matter).
        attorneys: the attorneys who may hold appointments (distinct, non-empty names).
        office: the field office (code, description or city; normalised to its code).
        start: the first day of the window.
        horizon_days: the window's length: its last day is ``start + horizon_days``.
        limits: the limits to hold appointments to where ``MIA-LIMIT-*`` do not bind, and the
            firm's own tighter caps (see :class:`PlannerLimits`).

    Returns:
        The :class:`Plan`: appointments, the cases not placed and why, the assumptions made,
        and notes on cases placed after their deadline.

    Raises:
        InvalidValue: a request is not a ``PlanRequest`` or repeats a case; ``attorneys`` is
            empty or repeats a name; ``start`` is not a date; ``horizon_days`` is out of range;
            ``limits`` is not a ``PlannerLimits``.
        UnknownOffice: ``office`` is not a field office of the registry.
    """
    docket = _requests(requests)
    names = _attorneys(attorneys)
    code = resolve_office(office, field="office", kinds=_FIELD_OFFICE)
    first, end = _window(start, horizon_days)
    if not isinstance(limits, PlannerLimits):
        raise InvalidValue(
            "must be a PlannerLimits",
            field="limits",
            value=limits,
            expected="PlannerLimits.DISTRICT or PlannerLimits(max_cases=..., max_per_day=...)",
        )
    segments = _segments(code, first, end, limits)

    # A case may be placed from its release day: its earliest date, but never before start.
    release = {r.receipt_number: max(r.earliest, first) for r in docket}
    # Rank every case by urgency once; the heap then holds plain ints, which compare far faster
    # than the urgency tuples, and the order is the same.
    by_urgency = sorted(docket, key=_urgency)
    waiting = sorted(range(len(by_urgency)), key=lambda i: release[by_urgency[i].receipt_number])
    ready: list[int] = []
    placed_on: dict[str, _dt.date] = {}
    appointments: list[Appointment] = []
    next_up = 0
    seg = 0
    day = _open_day(first, end)
    while day is not None:
        if not ready:
            if next_up == len(waiting):
                break
            # Nothing to place today: jump to the next release instead of walking idle days.
            upcoming = release[by_urgency[waiting[next_up]].receipt_number]
            if upcoming > day:
                day = _open_day(upcoming, end)
                continue
        while (
            next_up < len(waiting) and release[by_urgency[waiting[next_up]].receipt_number] <= day
        ):
            heapq.heappush(ready, waiting[next_up])
            next_up += 1
        while seg + 1 < len(segments) and segments[seg + 1].start <= day:
            seg += 1
        cap, per_day = segments[seg].max_cases, segments[seg].max_per_day
        # Fill each appointment to the cap before opening the next (MIA-LIMIT-CASES), and give
        # each attorney at most per_day appointments (MIA-LIMIT-DAY); source miami-2014-02-11.
        for name in names:
            for _ in range(per_day):
                if not ready:
                    break
                batch = [by_urgency[heapq.heappop(ready)] for _ in range(min(cap, len(ready)))]
                for r in batch:
                    placed_on[r.receipt_number] = day
                numbers = tuple(r.receipt_number for r in batch)
                # Every value was checked on the way in: build without checking each case again.
                appointments.append(trusted_appointment(day, code, numbers, name))
            if not ready:
                break
        day = _open_day(day + _ONE_DAY, end) if day < end else None

    unplaced = [r for r in by_urgency if r.receipt_number not in placed_on]
    return Plan(
        appointments=tuple(appointments),
        unplaced=tuple(
            Unplaced(r.receipt_number, _why_unplaced(release, r, end)) for r in unplaced
        ),
        assumptions=_assumptions(segments, first, names),
        notes=_late_notes(docket, release, placed_on),
    )


def _why_unplaced(release: dict[str, _dt.date], r: PlanRequest, end: _dt.date) -> str:
    allowed = release[r.receipt_number]
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
    docket: list[PlanRequest], release: dict[str, _dt.date], placed_on: dict[str, _dt.date]
) -> tuple[PlanNote, ...]:
    notes = []
    for r in sorted(docket, key=lambda r: r.receipt_number):
        day = placed_on.get(r.receipt_number)
        if day is None or r.deadline is None or day <= r.deadline:
            continue
        allowed = release[r.receipt_number]
        if r.deadline < allowed:
            why = (
                f"the deadline passed before its earliest allowed date, {allowed.isoformat()}; "
                "it is placed as soon as possible anyway"
            )
        else:
            why = "no earlier business-day slot was free (more urgent cases took them)"
        notes.append(
            PlanNote(
                r.receipt_number,
                f"placed on {day.isoformat()}, after its deadline {r.deadline.isoformat()}: {why}",
            )
        )
    return tuple(notes)


def _assumptions(segments: list[_Segment], start: _dt.date, names: list[str]) -> tuple[str, ...]:
    return (
        *(s.assumption for s in segments),
        "Business days only: no weekends, no US federal holidays (observed dates included), "
        "and no one-off federal closures (executive orders, national days of mourning).",
        f"No case is placed before its earliest date or before the start, {start.isoformat()}.",
        "Cases are placed most urgent first: nearest deadline, then pressing, then earliest "
        "allowed date, then receipt number; a case without a deadline comes after those with one.",
        f"Each day, {_attorneys_text(len(names))} given appointments in alphabetical order, "
        "each appointment filled up to the case limit before the next is opened.",
        "A case whose deadline cannot be met is still placed at its first free slot, with a note.",
    )


def _attorneys_text(count: int) -> str:
    return "the one attorney is" if count == 1 else f"the {count} attorneys are"


# --- From decisions -------------------------------------------------------------------------


class SupportsInfopassDecision(Protocol):
    """What :func:`requests_from_decisions` reads of a decision (``infopass_rules.Decision``)."""

    @property
    def channels(self) -> frozenset[Channel]: ...

    @property
    def earliest(self) -> _dt.date | None: ...


def requests_from_decisions(
    pairs: Iterable[tuple[Case, SupportsInfopassDecision]],
) -> tuple[PlanRequest, ...]:
    """The plan requests for the decisions that call for an INFOPASS appointment.

    A decision is taken when its ``channels`` include ``Channel.INFOPASS`` and it has an
    ``earliest`` date; others (phone, online, nothing to do) are skipped.

    Args:
        pairs: ``(case, decision)`` pairs, e.g. ``[(c, next_action(c, h, as_of=d)) ...]``.

    Returns:
        One :class:`PlanRequest` per decision taken, in the order given: ``earliest`` is the
        decision's, ``deadline`` the case's nearest deadline on or after it, ``pressing`` the
        case's flag.

    Raises:
        InvalidValue: an element is not a ``(Case, decision)`` pair, a decision lacks
            ``channels`` or ``earliest``, or a case appears twice (the error names the index).
    """
    out: list[PlanRequest] = []
    for i, (case, decision, earliest) in enumerate(case_decision_pairs(pairs, "pairs")):
        channels = getattr(decision, "channels", None)
        if isinstance(channels, str) or not isinstance(channels, Iterable):
            raise InvalidValue(
                "has no channels",
                field=f"pairs[{i}][1].channels",
                value=channels,
                expected="a frozenset of infopass_rules.Channel",
            )
        if earliest is None or Channel.INFOPASS not in frozenset(channels):
            continue
        deadline = next((d.on for d in case.deadlines if d.on >= earliest), None)
        out.append(
            PlanRequest(case.receipt_number, earliest, deadline=deadline, pressing=case.pressing)
        )
    return tuple(out)
