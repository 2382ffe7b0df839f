"""Checking INFOPASS appointments against a district's appointment limits (``MIA-LIMIT-*``).

Rules checked, for each registered district (:mod:`infopass_rules.rules.districts.registry`);
for the Miami District, source ``miami-2014-02-11`` (February 11, 2014 Liaison Meeting Agenda
with CIS Responses, as compiled in the June 19, 2014 procedures):

- ``MIA-LIMIT-CASES``: an attorney may present at most ``miami.max_cases_per_appointment``
  cases at one INFOPASS appointment (:func:`cases_limit_violation`);
- ``MIA-LIMIT-DAY``: an attorney may hold at most ``miami.max_appointments_per_day`` INFOPASS
  appointments a day (:func:`day_limit_violation`).

Both numbers, their effective date and the district's offices are dated parameters of the rule
book, named by the district's table and read here by the appointment's own date. An appointment
is held to a limit only when, on its day, the limit is in force (on or after its first date) and
its office is one of the district's; any other appointment is not checked against it (an
appointment held before 2014-02-11 is not held to MIA-LIMIT-CASES or MIA-LIMIT-DAY).

Interpretations, each deliberate:

- Attorney unknown (``attorney=None``): the day limit is per attorney, and two appointments
  without an attorney may well be two attorneys', so each is treated as held by a different,
  unknown attorney: it is never counted with any other appointment for MIA-LIMIT-DAY. It is
  still held to MIA-LIMIT-CASES, which limits a single appointment.
- The day limit counts only the attorney's appointments at the district's offices on days the
  limit is in force: the district's procedures govern its own offices, not, say, Orlando's.
- A case presented at two or more appointments on the same day (any office, any attorney, any
  date) is reported as ``CASE_TWICE_SAME_DAY``. No source forbids it, so this finding has no
  rule ID and no citation; it flags a likely docketing mistake.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from infopass_rules.facts.enums import IdentityEnum
from infopass_rules.facts.history import Appointment
from infopass_rules.facts.history import appointments as appointments_of
from infopass_rules.facts.ordering import appointment_sort_key
from infopass_rules.rules.districts.district import District
from infopass_rules.rules.districts.registry import district_at, with_districts
from infopass_rules.sources.rulebook import Citation, Rulebook, load_rulebook

__all__ = [
    "DistrictLimits",
    "Violation",
    "ViolationKind",
    "cases_limit_violation",
    "check_appointments",
    "day_limit_violation",
    "district_limits",
]

#: The most appointments one check accepts: far above a firm's history, low enough that a
#: runaway input fails with a clear error.
MAX_APPOINTMENTS = 1_000_000


class ViolationKind(IdentityEnum):
    """What a :class:`Violation` found."""

    #: More cases at one appointment than MIA-LIMIT-CASES allows.
    TOO_MANY_CASES = "TOO_MANY_CASES"
    #: More appointments for one attorney on one day than MIA-LIMIT-DAY allows.
    TOO_MANY_APPOINTMENTS = "TOO_MANY_APPOINTMENTS"
    #: The same case presented at two or more appointments on one day (no rule; a likely mistake).
    CASE_TWICE_SAME_DAY = "CASE_TWICE_SAME_DAY"


_KIND_ORDER = {kind: i for i, kind in enumerate(ViolationKind)}


@attrs.frozen
class Violation:
    """One breach found by :func:`check_appointments`.

    Attributes:
        rule_id: the rule broken (``"MIA-LIMIT-CASES"``, ``"MIA-LIMIT-DAY"``), or None for a
            finding no rule backs (``CASE_TWICE_SAME_DAY``).
        kind: what was found.
        on: the day of the appointments concerned.
        citations: the rule's citations (empty when ``rule_id`` is None).
        appointments: the appointments concerned, in a canonical order.
        message: a sentence a lawyer can read.
    """

    rule_id: str | None
    kind: ViolationKind
    on: _dt.date
    citations: tuple[Citation, ...]
    appointments: tuple[Appointment, ...]
    message: str

    @property
    def citation(self) -> Citation | None:
        """The first citation, or None when the finding rests on no rule."""
        return self.citations[0] if self.citations else None


@attrs.frozen
class DistrictLimits:
    """The district limits (``MIA-LIMIT-*``) binding an appointment at ``office`` on ``on``.

    Attributes:
        max_cases: most cases per appointment (MIA-LIMIT-CASES), or None when that limit does
            not bind there on that day.
        max_per_day: most appointments per attorney per day (MIA-LIMIT-DAY), or None likewise.
        in_district: whether ``office`` is one of a registered district's on that day.
        district: that district, or None.
    """

    max_cases: int | None
    max_per_day: int | None
    in_district: bool
    district: District | None = None


def _in_force(book: Rulebook, name: str | None, on: _dt.date) -> int | None:
    if name is None:
        return None
    period = book.parameters[name].period_at(on)
    return None if period is None else int(period.value)


def district_limits(office: str, on: _dt.date) -> DistrictLimits:
    """The district limits that bind an appointment at ``office`` (a code) on ``on``.

    A limit binds when its parameter has a value in force on ``on`` (effective date) and
    ``office`` is among its district's offices on ``on`` (office scope).
    """
    book = with_districts(load_rulebook())
    district = district_at(office, on, book)
    if district is None:
        return DistrictLimits(max_cases=None, max_per_day=None, in_district=False)
    return DistrictLimits(
        max_cases=_in_force(book, district.max_cases, on),
        max_per_day=_in_force(book, district.max_per_day, on),
        in_district=True,
        district=district,
    )


def _where(a: Appointment) -> str:
    who = f"attorney {a.attorney!r}" if a.attorney is not None else "attorney unknown"
    return f"{a.office} on {a.on.isoformat()}, {who}"


def cases_limit_violation(
    a: Appointment, limits: DistrictLimits, book: Rulebook
) -> Violation | None:
    """MIA-LIMIT-CASES (``miami-2014-02-11``): at most N cases at one appointment."""
    if limits.district is None or limits.district.max_cases is None or limits.max_cases is None:
        return None
    if len(a.receipt_numbers) <= limits.max_cases:
        return None
    rule_id = book.parameters[limits.district.max_cases].rule_id
    return Violation(
        rule_id=rule_id,
        kind=ViolationKind.TOO_MANY_CASES,
        on=a.on,
        citations=book.cite(rule_id),
        appointments=(a,),
        message=(
            f"{rule_id}: {len(a.receipt_numbers)} cases presented at one "
            f"INFOPASS appointment ({_where(a)}); at most {limits.max_cases} "
            "are allowed there on that day."
        ),
    )


def day_limit_violation(
    attorney: str, held: Sequence[Appointment], limits: DistrictLimits, book: Rulebook
) -> Violation | None:
    """MIA-LIMIT-DAY (``miami-2014-02-11``): at most N appointments an attorney a day, counting
    ``held``, the attorney's appointments of one day at the offices of one district."""
    if limits.district is None or limits.district.max_per_day is None:
        return None
    limit = limits.max_per_day
    if limit is None or len(held) <= limit:
        return None
    rule_id = book.parameters[limits.district.max_per_day].rule_id
    on = held[0].on
    offices = ", ".join(a.office for a in held)
    return Violation(
        rule_id=rule_id,
        kind=ViolationKind.TOO_MANY_APPOINTMENTS,
        on=on,
        citations=book.cite(rule_id),
        appointments=tuple(held),
        message=(
            f"{rule_id}: attorney {attorney!r} holds {len(held)} INFOPASS "
            f"appointments on {on.isoformat()} ({offices}); the district's offices "
            f"allow at most {limit} a day."
        ),
    )


def check_appointments(appointments: Iterable[Appointment]) -> tuple[Violation, ...]:
    """Every violation of MIA-LIMIT-CASES and MIA-LIMIT-DAY, and every case presented twice a day.

    Pure: no clock, no I/O; the order of ``appointments`` does not matter.

    Args:
        appointments: the appointments to check (any iterable of :class:`Appointment`).

    Returns:
        The violations, ordered by day, then kind (cases, appointments, case twice), then the
        appointments concerned; empty when all is well.

    Raises:
        InvalidValue: ``appointments`` is not a collection, or an element is not an
            ``Appointment`` (the error names its index).
    """
    checked = sorted(
        appointments_of(appointments, "appointments", max_items=MAX_APPOINTMENTS),
        key=appointment_sort_key,
    )
    book = with_districts(load_rulebook())
    found: list[Violation] = []

    by_attorney_day: defaultdict[tuple[str, _dt.date, str], list[Appointment]] = defaultdict(list)
    for a in checked:
        limits = district_limits(a.office, a.on)
        too_many = cases_limit_violation(a, limits, book)
        if too_many is not None:
            found.append(too_many)
        # The day limit counts only binding appointments of a known attorney, district by district.
        if limits.max_per_day is not None and a.attorney is not None:
            assert limits.district is not None
            by_attorney_day[(a.attorney, a.on, limits.district.id)].append(a)

    for (attorney, on, _), held in by_attorney_day.items():
        # Every appointment in the group binds on the same day, so the limit is the same.
        over = day_limit_violation(attorney, held, district_limits(held[0].office, on), book)
        if over is not None:
            found.append(over)

    # Not a rule of any source: the same case twice on one day is flagged as a likely mistake.
    by_case_day: defaultdict[tuple[str, _dt.date], list[Appointment]] = defaultdict(list)
    for a in checked:
        for number in a.receipt_numbers:
            by_case_day[(number, a.on)].append(a)
    for (number, on), held in by_case_day.items():
        if len(held) > 1:
            found.append(
                Violation(
                    rule_id=None,
                    kind=ViolationKind.CASE_TWICE_SAME_DAY,
                    on=on,
                    citations=(),
                    appointments=tuple(held),
                    message=(
                        f"Case {number} is presented at {len(held)} appointments on "
                        f"{on.isoformat()}; no rule forbids it (so no citation), but it is "
                        "likely a docketing mistake."
                    ),
                )
            )

    found.sort(
        key=lambda x: (
            x.on,
            _KIND_ORDER[x.kind],
            [appointment_sort_key(a) for a in x.appointments],
            x.message,
        )
    )
    return tuple(found)
