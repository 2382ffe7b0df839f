"""The planner's result and its limits: :class:`Plan` (with :class:`Unplaced` and
:class:`PlanNote`) and :class:`PlannerLimits`, the firm's caps beside the district limits
(MIA-LIMIT-CASES, MIA-LIMIT-DAY).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts.history import MAX_RECEIPTS_PER_APPOINTMENT, Appointment

__all__ = ["MAX_APPOINTMENTS_PER_DAY", "Plan", "PlanNote", "PlannerLimits", "Unplaced"]

#: The most appointments a day a firm's own cap may give an attorney.
MAX_APPOINTMENTS_PER_DAY = 24


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
