"""The planner's result and its limits: :class:`Plan` (with :class:`Unplaced`,
:class:`PlanNote`, :class:`PlannedCall` and :class:`PlannedBooking`, each call and booking
saying its :class:`Purpose`) and :class:`PlannerLimits`, the firm's caps beside the district
limits (MIA-LIMIT-CASES, MIA-LIMIT-DAY) and the library's own assumptions on Contact Center
calls.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import ClassVar

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts.enums import Action, IdentityEnum
from infopass_rules.facts.history import MAX_RECEIPTS_PER_APPOINTMENT, Appointment

__all__ = [
    "MAX_APPOINTMENTS_PER_DAY",
    "MAX_CALLS_PER_DAY",
    "Plan",
    "PlanNote",
    "PlannedBooking",
    "PlannedCall",
    "PlannerLimits",
    "Purpose",
    "Unplaced",
]

#: The most appointments a day a firm's own cap may give an attorney.
MAX_APPOINTMENTS_PER_DAY = 24
#: The most Contact Center calls a day :class:`PlannerLimits` may give an attorney.
MAX_CALLS_PER_DAY = 24


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


class Purpose(IdentityEnum):
    """What a planned call or booking is for: what its case's decision says.

    A plan carries out decisions, and a call that only "requests an INFOPASS appointment" when
    the decision says "ask for the Tier 2 Supervisor" sends the attorney to do the wrong thing;
    so each :class:`PlannedCall` and :class:`PlannedBooking` names the decision's purpose, and
    the calendar and the plan's text say it in these words.
    """

    #: ``Action.INQUIRE``: make the inquiry (a ladder step, or a delay inquiry, PT-INQUIRY):
    #: by phone on a call, in person at an appointment.
    INQUIRY = "INQUIRY"
    #: ``Action.REQUEST_APPOINTMENT``: the in-person matter the decision calls for (proof of
    #: status, advance parole, ...): an appointment booked online, or asked for on a call.
    APPOINTMENT = "APPOINTMENT"
    #: ``Action.ESCALATE`` to ``Level.FIELD_OFFICE_DIRECTOR``: asked for at an INFOPASS
    #: appointment (MIA-FOD-LADDER, MIA-FOD-PRESSING), booked online or asked for on a call.
    FIELD_OFFICE_DIRECTOR = "FIELD_OFFICE_DIRECTOR"
    #: ``Action.ESCALATE`` to ``Level.TIER_2_SUPERVISOR``: a Contact Center call that asks for
    #: the Tier 2 Supervisor (CC-SUPERVISOR), never a request for an appointment.
    TIER_2_SUPERVISOR = "TIER_2_SUPERVISOR"

    @property
    def action(self) -> Action:
        """The decision's action this purpose carries out."""
        return _PURPOSE_ACTIONS[self]

    @property
    def words(self) -> str:
        """What the attorney does for the case, in a few words ("ask for the Tier 2
        Supervisor")."""
        return _PURPOSE_WORDS[self]


_PURPOSE_ACTIONS = {
    Purpose.INQUIRY: Action.INQUIRE,
    Purpose.APPOINTMENT: Action.REQUEST_APPOINTMENT,
    Purpose.FIELD_OFFICE_DIRECTOR: Action.ESCALATE,
    Purpose.TIER_2_SUPERVISOR: Action.ESCALATE,
}
_PURPOSE_WORDS = {
    Purpose.INQUIRY: "make the case inquiry",
    Purpose.APPOINTMENT: "the in-person matter the appointment is for",
    Purpose.FIELD_OFFICE_DIRECTOR: "ask for the Field Office Director",
    Purpose.TIER_2_SUPERVISOR: "ask for the Tier 2 Supervisor",
}


@attrs.frozen
class PlannedCall:
    """A call to the USCIS Contact Center: to request an INFOPASS appointment
    (CC-APPOINTMENT), to make a case inquiry by phone, or to ask for the Tier 2 Supervisor
    (CC-SUPERVISOR), as ``purpose`` says.

    A call that requests an appointment is planned on days when the firm cannot book one
    itself (``RG-PILOT``, ``RG-CC``): Tier 1 refers the request to Tier 2, who calls back and
    schedules the appointment; such a call has its two windows. A call that makes an inquiry
    or asks for the Tier 2 Supervisor expects no scheduling call-back: both windows are None.

    Attributes:
        on: the day of the call (a business day).
        attorney: who calls.
        receipt_numbers: the cases the call is about.
        callback_window: the first and last day Tier 2's call-back is expected (CC-APPOINTMENT,
            ``contact_center.scheduling_callback_days``: the reading the policy's conflict rule
            follows; by default the primary source's, 1-2 days after the call), in calendar
            days: Tier 2 calls back, and a call may come on any day, a weekend or holiday
            included, so this window is not moved to business days.
        appointment_window: the first and last day the appointment is usually set for (4-5
            days after the call-back, ``contact_center.appointment_after_callback_days``):
            counted in calendar days from the call-back window's first and last day, as a
            decision's note counts them, then each end moved to the first business day on or
            after it (:func:`~infopass_rules.planning.calendar.is_business_day`), since
            appointments are held on business days only; so neither end is a Saturday, a
            Sunday, a federal holiday or a federal closure. A call on Monday 2019-03-04 gives
            2019-03-09 to 2019-03-11 in calendar days, 2019-03-11 to 2019-03-11 here.
            A window's value dated after the call is applied from its first date, and
            ``Plan.assumptions`` says so.
            None when the call requests no appointment.
        office: the field office the call is about (its code): where the appointment is
            asked for, or the case's office.
        regime: the regime in force at the office that day (``"RG-SELF"`` only for a call
            that requests no appointment).
        purpose: what the call is for, from its cases' decisions (:class:`Purpose`); a call
            holds cases of one purpose only. :func:`~.schedule.plan_appointments`, which
            plans appointment requests, gives :attr:`Purpose.APPOINTMENT`.
    """

    on: _dt.date
    attorney: str
    receipt_numbers: tuple[str, ...]
    callback_window: tuple[_dt.date, _dt.date] | None
    appointment_window: tuple[_dt.date, _dt.date] | None
    office: str | None = None
    regime: str = "RG-CC"
    purpose: Purpose = Purpose.APPOINTMENT

    @property
    def requests_appointment(self) -> bool:
        """Whether the call asks for an INFOPASS appointment (then Tier 2 calls back to
        schedule it, in ``callback_window``)."""
        return self.callback_window is not None


@attrs.frozen
class PlannedBooking:
    """One case at an INFOPASS appointment the firm books online (``RG-SELF``), and what for.

    An appointment (``Plan.appointments``) may hold several cases with different purposes (an
    attorney presents up to MIA-LIMIT-CASES cases at one appointment: an inquiry for one, the
    Field Office Director asked for about another); each case's booking says its own.

    Attributes:
        receipt_number: the case.
        on: the appointment's day (a business day).
        office: the field office (its code).
        attorney: who holds the appointment.
        purpose: what is done for the case at the appointment (:class:`Purpose`; never
            :attr:`Purpose.TIER_2_SUPERVISOR`, which is a call).
    """

    receipt_number: str
    on: _dt.date
    office: str
    attorney: str
    purpose: Purpose


@attrs.frozen
class Plan:
    """The result of :func:`~.schedule.plan_appointments` (one office) and of
    :func:`~.docket_plan.plan_docket` (a docket across offices).

    Attributes:
        appointments: the INFOPASS appointments the firm books online (days under ``RG-SELF``),
            by day then attorney; each names its attorney.
        unplaced: every requested case not placed, with the reason, most urgent first (then
            the cases :func:`requests_from_decisions` turned into no request, by receipt number).
        assumptions: what the plan assumed (regimes and limits by period, calendar, order of
            placing, calls), and where a value the sources describe only from a later date was
            applied to earlier days (the rule, the value's first date and source, the days).
        notes: placed cases that land after their deadline, by receipt number.
        calls: the Contact Center calls to make (days under ``RG-PILOT`` / ``RG-CC``, when the
            firm cannot book), by day then attorney.
        regimes: the regimes the plan's window spans, in the order they apply.
        bookings: each case of ``appointments`` with its purpose, in the same order (empty
            from :func:`plan_appointments`, whose requests carry no purpose; filled by
            :func:`~.docket_plan.plan_docket`).
    """

    appointments: tuple[Appointment, ...]
    unplaced: tuple[Unplaced, ...] = ()
    assumptions: tuple[str, ...] = ()
    notes: tuple[PlanNote, ...] = ()
    calls: tuple[PlannedCall, ...] = ()
    regimes: tuple[str, ...] = ()
    bookings: tuple[PlannedBooking, ...] = ()

    def purpose_of(self, receipt_number: str) -> Purpose | None:
        """The purpose the plan gives ``receipt_number`` (its booking's or its call's), or None
        when the case is not placed or the plan does not say."""
        for booking in self.bookings:
            if booking.receipt_number == receipt_number:
                return booking.purpose
        for call in self.calls:
            if receipt_number in call.receipt_numbers:
                return call.purpose
        return None


def _optional_cap(field: str, most: int) -> Callable[[object], int | None]:
    def convert(value: object) -> int | None:
        return None if value is None else _count_cap(value, field, most, or_none=True)

    return convert


_MAX_CASES_CHECK = _optional_cap("max_cases", MAX_RECEIPTS_PER_APPOINTMENT)
_MAX_PER_DAY_CHECK = _optional_cap("max_per_day", MAX_APPOINTMENTS_PER_DAY)


def _max_cases(value: object) -> int | None:
    return _MAX_CASES_CHECK(value)


def _max_per_day(value: object) -> int | None:
    return _MAX_PER_DAY_CHECK(value)


def _count_cap(value: object, field: str, most: int, *, or_none: bool = False) -> int:
    """A cap of the firm's: a whole number from 1 to ``most`` (checked when the limits are made,
    so the check itself runs at each call); ``or_none`` when the cap may also be None (no cap),
    as the error then says."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise InvalidValue(
            "must be a positive whole number",
            field=field,
            value=value,
            expected=("None or " if or_none else "") + f"an int from 1 to {most}",
        )
    return value


def _calls_per_day(value: object) -> int:
    return _count_cap(value, "calls_per_day", MAX_CALLS_PER_DAY)


def _cases_per_call(value: object) -> int:
    return _count_cap(value, "cases_per_call", MAX_RECEIPTS_PER_APPOINTMENT)


@attrs.frozen
class PlannerLimits:
    """The limits the planner holds appointments to.

    Where MIA-LIMIT-CASES / MIA-LIMIT-DAY bind (an office of the district, on or after their
    effective date), a plan obeys them, whatever is given here: a cap given here applies only
    when it is tighter. Where they do not bind, a cap given here is used; without one, the
    latest known district value is used anyway, to be safe (:attr:`DISTRICT`, the default).

    Where the firm cannot book (``RG-PILOT``, ``RG-CC``) the plan holds Contact Center calls
    instead; no source says how many calls an attorney can make a day or how many cases one call
    may carry, so these two numbers are **the library's own assumptions**, stated in
    ``Plan.assumptions``, and the firm may change them:

    - ``cases_per_call`` (default 1): one case a call. Tier 1 identifies a case by the
      applicant's name, date of birth and receipt number (CC-CALL), and Tier 2 confirms, case
      by case, that the issue suits InfoPass (RG-PILOT, CC-APPOINTMENT).
    - ``calls_per_day`` (default 1): one call per attorney per business day. The appointments
      the calls lead to then come at about one per attorney per day (each 5-7 days after its
      call), which MIA-LIMIT-DAY allows in the district; the Contact Center, not the firm,
      sets each appointment's day.

    Args:
        max_cases: the firm's own most cases per appointment, or None for the district's.
        max_per_day: the firm's own most appointments per attorney per day, or None likewise.
        calls_per_day: the most Contact Center calls per attorney per business day (1 to
            :data:`MAX_CALLS_PER_DAY`).
        cases_per_call: the most cases per Contact Center call (1 to 1000).
    """

    max_cases: int | None = attrs.field(default=None, converter=_max_cases)
    max_per_day: int | None = attrs.field(default=None, converter=_max_per_day)
    calls_per_day: int = attrs.field(default=1, converter=_calls_per_day)
    cases_per_call: int = attrs.field(default=1, converter=_cases_per_call)

    #: The district's limits where they bind, and their latest known values elsewhere.
    DISTRICT: ClassVar[PlannerLimits]


PlannerLimits.DISTRICT = PlannerLimits()
