"""The plan the ``docket --plan`` command prints (and writes as a calendar with ``--ics``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infopass_rules.edges.docket.model import DocketReport
from infopass_rules.errors import InfopassRulesError
from infopass_rules.facts.text import terminal_safe

if TYPE_CHECKING:
    from infopass_rules.facts.history import Appointment
    from infopass_rules.planning.plan import PlanNote, Unplaced

__all__ = ["plan_text"]


def plan_text(
    report: DocketReport,
    attorneys: list[str],
    *,
    want_ics: bool,
    attorney_column: str | None = None,
) -> tuple[str, bytes | None]:
    from infopass_rules.facts.enums import Action
    from infopass_rules.facts.ordering import appointment_sort_key
    from infopass_rules.planning.plan import Plan, PlannedCall, Unplaced
    from infopass_rules.planning.requests import requests_from_decisions
    from infopass_rules.planning.schedule import plan_appointments

    # An appointment already booked (ATTEND_APPOINTMENT) is not booked again.
    to_book = [(c, d) for c, d in report.pairs() if d.action is not Action.ATTEND_APPOINTMENT]
    requests = requests_from_decisions(to_book)
    office_of = {c.receipt_number: c.office for c in report.cases}
    by_office: dict[str, list[Any]] = {}
    for request in requests:
        by_office.setdefault(office_of[request.receipt_number], []).append(request)
    appointments: list[Appointment] = []
    calls: list[PlannedCall] = []
    regimes: dict[str, None] = {}
    unplaced: list[Unplaced] = []
    notes: list[PlanNote] = []
    for office, wanted in sorted(by_office.items()):
        try:
            # The offices are planned one after another, each knowing the appointments the
            # attorneys already hold: one attorney is never at two offices on one day, and the
            # district's day limit (MIA-LIMIT-DAY) holds across its offices.
            plan = plan_appointments(
                wanted,
                attorneys=attorneys,
                office=office,
                start=report.as_of,
                busy=appointments,
            )
        except InfopassRulesError as exc:  # a center, say: no INFOPASS appointments there
            unplaced += [Unplaced(r.receipt_number, f"not planned: {exc}") for r in wanted]
            continue
        appointments += plan.appointments
        calls += plan.calls
        regimes.update(dict.fromkeys(plan.regimes))
        unplaced += plan.unplaced
        notes += plan.notes
    merged = Plan(
        tuple(sorted(appointments, key=appointment_sort_key)),
        tuple(unplaced),
        (),
        tuple(notes),
        calls=tuple(sorted(calls, key=lambda c: (c.on, c.office, c.attorney))),
        regimes=tuple(regimes),
    )
    placed = sum(len(a.receipt_numbers) for a in merged.appointments)
    called = sum(len(c.receipt_numbers) for c in merged.calls)
    lines = [
        f"Plan: {len(merged.appointments)} appointments booked online holding {placed} cases and "
        f"{len(merged.calls)} Contact Center calls for {called}, of the {len(requests)} cases "
        "that need an appointment"
    ]
    for a in merged.appointments:
        lines.append(
            f"  {a.on.isoformat()}  {a.office}  {a.attorney}: book online: "
            + ", ".join(a.receipt_numbers)
        )
    for c in merged.calls:
        lines.append(
            f"  {c.on.isoformat()}  {c.office}  {c.attorney}: call the Contact Center "
            f"(call-back {c.callback_window[0].isoformat()} to "
            f"{c.callback_window[1].isoformat()}): " + ", ".join(c.receipt_numbers)
        )
    for u in merged.unplaced:
        lines.append(f"  not placed: {u.receipt_number}: {u.reason}")
    for note in merged.notes:
        lines.append(f"  note: {note.receipt_number}: {note.note}")
    calendar = None
    if want_ics:
        from infopass_rules.edges.ical import to_ics

        waiting = [(c, d) for c, d in report.pairs() if not d.allowed and d.earliest is not None]
        calendar = to_ics(plan=merged, decisions=waiting)
    return "\n".join(terminal_safe(line) for line in lines) + "\n", calendar
