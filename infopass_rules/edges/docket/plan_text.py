"""The plan the ``docket --plan`` command prints (and writes as a calendar with ``--ics``).

The whole docket is planned at once (:func:`~infopass_rules.planning.docket_plan.plan_docket`),
so each attorney's calls and appointments a day hold across every office. The text a paralegal
reads opens with what was planned, counted by the decisions' own actions (so its numbers add up
to the report's counts), then lists each day's calls and bookings with what each is for, then
what was not planned and why, then the notes.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from infopass_rules.edges.docket.model import DocketReport
from infopass_rules.facts.text import terminal_safe

if TYPE_CHECKING:
    from infopass_rules.engine.decision import Decision
    from infopass_rules.facts.case import Case
    from infopass_rules.planning.plan import Plan, PlannedCall

__all__ = ["HORIZON_DAYS", "plan_text"]

#: The days the command's plan looks ahead from ``--as-of`` (plan_docket's default).
HORIZON_DAYS = 90


def plan_text(
    report: DocketReport,
    attorneys: list[str],
    *,
    want_ics: bool,
    attorney_column: str | None = None,
) -> tuple[str, bytes | None]:
    """The plan of ``report``'s decisions from its ``as_of`` (the default 90-day horizon and
    limits), as text, and as an iCalendar file when ``want_ics``.

    Args:
        report: the decided docket.
        attorneys: who may call and hold appointments (``--attorneys``).
        want_ics: also write the calendar (``--ics``).
        attorney_column: the firm's carried column naming each case's attorney
            (``--attorney-column``): kept when among ``attorneys``.

    Raises:
        InvalidValue: as :func:`~infopass_rules.planning.docket_plan.plan_docket` (no attorney,
            a column the report does not carry: then named ``--attorney-column``, the option
            the user gave).
    """
    from infopass_rules.errors import InvalidValue
    from infopass_rules.planning.docket_plan import plan_docket

    try:
        plan = plan_docket(
            report,
            attorneys=attorneys,
            start=report.as_of,
            horizon_days=HORIZON_DAYS,
            attorney_column=attorney_column,
        )
    except InvalidValue as exc:
        if exc.field != "attorney_column":
            raise
        raise InvalidValue(
            exc.problem, field="--attorney-column", value=attorney_column, expected=exc.expected
        ) from None
    pairs = report.pairs()
    lines = _summary(plan, pairs, report.as_of, attorneys)
    lines += _days(plan)
    skipped = _skipped(pairs)
    for u in plan.unplaced:
        if u.receipt_number not in skipped:
            lines.append(f"  not planned: {u.receipt_number}: {u.reason}")
    for note in plan.notes:
        lines.append(f"  note: {note.receipt_number}: {note.note}")
    calendar = None
    if want_ics:
        from infopass_rules.edges.ical import to_ics

        calendar = to_ics(plan=plan, decisions=_dated_reminders(plan, pairs, report.as_of))
    return "\n".join(terminal_safe(line) for line in lines) + "\n", calendar


def _skipped(pairs: tuple[tuple[Case, Decision], ...]) -> set[str]:
    """The cases the text counts but does not list: nothing to do, or an appointment already
    booked (it is on the calendar)."""
    from infopass_rules.facts.enums import Action

    quiet = (Action.NONE, Action.ATTEND_APPOINTMENT)
    return {c.receipt_number for c, d in pairs if d.action in quiet}


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _summary(
    plan: Plan,
    pairs: tuple[tuple[Case, Decision], ...],
    as_of: _dt.date,
    attorneys: list[str],
) -> list[str]:
    """The first lines: what was planned, then each action of the decisions with how many of
    its cases were planned and how (so the figures add up to the report's counts)."""
    from infopass_rules.facts.enums import Action
    from infopass_rules.planning.plan import Purpose

    booked = sum(len(a.receipt_numbers) for a in plan.appointments)
    called = sum(len(c.receipt_numbers) for c in plan.calls)
    last = as_of + _dt.timedelta(days=HORIZON_DAYS)
    lines = [
        f"Plan: {_plural(len(plan.appointments), 'appointment')} booked online for "
        f"{_plural(booked, 'case')} and {_plural(len(plan.calls), 'Contact Center call')} for "
        f"{_plural(called, 'case')}, from {as_of.isoformat()} to {last.isoformat()}, "
        f"attorneys {', '.join(sorted(attorneys))}; each attorney's calls and appointments a "
        "day counted across all offices"
    ]
    # How each case was planned, by the decision's action.
    how: dict[str, str] = {}
    for b in plan.bookings:
        how[b.receipt_number] = {
            Purpose.FIELD_OFFICE_DIRECTOR: "to ask for the Field Office Director at appointments "
            "booked online",
            Purpose.INQUIRY: "at appointments booked online",
        }.get(b.purpose, "booked online")
    for c in plan.calls:
        words = (
            "on calls asking for the Tier 2 Supervisor"
            if c.purpose is Purpose.TIER_2_SUPERVISOR
            else "on calls requesting an appointment to ask for the Field Office Director"
            if c.purpose is Purpose.FIELD_OFFICE_DIRECTOR and c.requests_appointment
            else "on calls requesting an appointment"
            if c.requests_appointment
            else "on calls making the inquiry"
        )
        for number in c.receipt_numbers:
            how[number] = words
    by_action: dict[Action, list[str]] = {}
    for case, decision in pairs:
        by_action.setdefault(decision.action, []).append(case.receipt_number)
    quiet: list[str] = []
    for action in Action:
        numbers = by_action.get(action, [])
        if not numbers:
            continue
        if action is Action.ATTEND_APPOINTMENT:
            lines.append(
                f"  {action.name} {len(numbers)}: already booked, not booked again (on the "
                "calendar)"
            )
            continue
        ways: dict[str, int] = {}
        for number in numbers:
            if number in how:
                ways[how[number]] = ways.get(how[number], 0) + 1
        planned = sum(ways.values())
        if not planned and action in (Action.USE_OTHER_SERVICE, Action.EXHAUSTED, Action.NONE):
            quiet.append(f"{action.name} {len(numbers)}")
            continue
        detail = ", ".join(f"{n} {words}" for words, n in ways.items())
        text = f"  {action.name} {len(numbers)}: {planned} planned" + (
            f" ({detail})" if detail else ""
        )
        if planned < len(numbers):
            text += f", {len(numbers) - planned} not planned (below)"
        lines.append(text)
    if quiet:
        lines.append(f"  {', '.join(quiet)}: nothing to book or call for")
    return lines


def _call_words(c: PlannedCall) -> str:
    from infopass_rules.planning.plan import Purpose

    if c.purpose is Purpose.TIER_2_SUPERVISOR:
        return "call the Contact Center and ask for the Tier 2 Supervisor"
    if c.callback_window is None or c.appointment_window is None:
        return "call the Contact Center to make the case inquiry"
    why = {
        Purpose.FIELD_OFFICE_DIRECTOR: ", to ask for the Field Office Director there",
        Purpose.INQUIRY: ", to make the inquiry in person",
    }.get(c.purpose, "")
    first, last = c.appointment_window
    usually = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    return (
        f"call the Contact Center to request an INFOPASS appointment{why} (call-back "
        f"{c.callback_window[0].isoformat()} to {c.callback_window[1].isoformat()}, appointment "
        f"usually {usually})"
    )


def _days(plan: Plan) -> list[str]:
    """Each day's bookings and calls, by day, then office, then attorney; an appointment's
    cases each with what it is presented for."""
    from infopass_rules.planning.plan import Purpose

    at_appointment = {
        Purpose.INQUIRY: "the case inquiry, in person",
        Purpose.APPOINTMENT: "the in-person matter (REQUEST_APPOINTMENT)",
        Purpose.FIELD_OFFICE_DIRECTOR: "ask for the Field Office Director (ESCALATE)",
        Purpose.TIER_2_SUPERVISOR: "ask for the Tier 2 Supervisor (ESCALATE)",
    }
    purposes = {b.receipt_number: b.purpose for b in plan.bookings}
    entries: list[tuple[_dt.date, str, str, int, list[str]]] = []
    for a in plan.appointments:
        head = f"  {a.on.isoformat()}  {a.office}  {a.attorney}: book online: " + ", ".join(
            a.receipt_numbers
        )
        cases = [
            f"      {n}: {at_appointment[purposes[n]]}" for n in a.receipt_numbers if n in purposes
        ]
        entries.append((a.on, a.office, a.attorney or "", 0, [head, *cases]))
    for c in plan.calls:
        head = f"  {c.on.isoformat()}  {c.office}  {c.attorney}: {_call_words(c)}: " + ", ".join(
            c.receipt_numbers
        )
        entries.append((c.on, c.office or "", c.attorney, 1, [head]))
    entries.sort(key=lambda e: e[:4])
    return [line for *_, block in entries for line in block]


def _dated_reminders(
    plan: Plan, pairs: tuple[tuple[Case, Decision], ...], start: _dt.date
) -> list[tuple[Case, Decision]]:
    """The decisions the calendar marks on their own day: the appointments already booked
    (attended that day), and an action the plan could not place whose day is still to come
    (past the horizon, say); the planned ones are the plan's events."""
    from infopass_rules.facts.enums import Action

    placed = {b.receipt_number for b in plan.bookings} | {
        n for c in plan.calls for n in c.receipt_numbers
    }
    nothing = (Action.NONE, Action.EXHAUSTED, Action.USE_OTHER_SERVICE)
    return [
        (c, d)
        for c, d in pairs
        if c.receipt_number not in placed
        and d.earliest is not None
        and d.earliest >= start
        and d.action not in nothing
    ]
