"""A bundled example docket: eleven cases that between them meet every action the engine gives.

Each entry is a case, its history and the date it is decided on, with a line saying what it
shows: the Miami ladder before and after 2019 (a first step, a wait with a premature inquiry,
the Field Office Director after three steps, the pressing-issue route), a pilot office in 2018,
self-scheduling in 2017, a Tier 2 call-back overdue after 2019 (with the sources' conflict on
the window), a booked appointment, a filing that is no INFOPASS matter, a case whose route is
exhausted (the Field Office Director reached after three steps) and a resolved case.
``python -m infopass_rules demo`` prints each decision with its explanation.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry

__all__ = ["DEMO_DOCKET", "DemoEntry"]

D = _dt.date


@attrs.frozen
class DemoEntry:
    """One case of the example docket."""

    title: str
    case: Case
    history: tuple[Inquiry | Appointment, ...]
    as_of: _dt.date


DEMO_DOCKET: tuple[DemoEntry, ...] = (
    DemoEntry(
        "Miami, 2013: a delayed I-485 reaches the first step of the ladder",
        Case(
            "MSC1390012345",
            "Miami",
            form="I-485",
            received_on=D(2012, 1, 9),
            outside_processing_times_on=D(2013, 1, 15),
        ),
        (Inquiry(D(2013, 2, 1), Channel.MAIL),),
        D(2013, 2, 4),
    ),
    DemoEntry(
        "Hialeah, 2015: step 2 not yet allowed; a phone call made too early did not count",
        Case(
            "MSC1490054321",
            "Hialeah",
            form="N-400",
            received_on=D(2014, 3, 3),
            outside_processing_times_on=D(2014, 12, 1),
        ),
        (Inquiry(D(2015, 1, 5), Channel.INFOPASS), Inquiry(D(2015, 2, 2), Channel.CONTACT_CENTER)),
        D(2015, 2, 20),
    ),
    DemoEntry(
        "Kendall, 2016: three steps unresolved, so ask for the Field Office Director",
        Case(
            "MSC1590011111",
            "Kendall",
            form="I-130",
            received_on=D(2014, 6, 2),
            outside_processing_times_on=D(2015, 9, 1),
        ),
        (
            Inquiry(D(2015, 9, 8), Channel.INFOPASS, level=Level.INFORMATION_OFFICER),
            Inquiry(D(2015, 11, 9), Channel.E_REQUEST),
            Appointment(D(2015, 12, 14), "Kendall FL", ("MSC1590011111",), attorney="A. Reyes"),
        ),
        D(2016, 1, 4),
    ),
    DemoEntry(
        "Oakland Park, 2020: a pressing case the Supervisor did not resolve goes to the FOD",
        Case(
            "MSC1990022222",
            "OKL",
            form="I-485",
            received_on=D(2018, 5, 1),
            outside_processing_times_on=D(2019, 11, 1),
            pressing=True,
            deadlines=(Deadline(D(2020, 3, 1), "job offer expires"),),
            circumstances=frozenset({Circumstance.EMPLOYMENT}),
        ),
        (
            Inquiry(D(2020, 1, 6), Channel.CONTACT_CENTER, level=Level.TIER_1),
            Appointment(D(2020, 2, 3), "Oakland Park", ("MSC1990022222",)),
            Inquiry(D(2020, 2, 3), Channel.INFOPASS, level=Level.SUPERVISOR),
        ),
        D(2020, 2, 10),
    ),
    DemoEntry(
        "Hartford, 2018 (pilot office): advance parole needs an appointment through the "
        "Contact Center",
        Case(
            "EAC1890033333",
            "Hartford CT",
            issue=Issue.ADVANCE_PAROLE,
            form="I-131",
            deadlines=(Deadline(D(2018, 4, 2), "mother's surgery abroad"),),
            circumstances=frozenset({Circumstance.HEALTH}),
        ),
        (),
        D(2018, 3, 12),
    ),
    DemoEntry(
        "Boston, 2017: proof of status, self-scheduled online",
        Case("EAC1790044444", "Boston", issue=Issue.PROOF_OF_STATUS),
        (),
        D(2017, 6, 1),
    ),
    DemoEntry(
        "Los Angeles, 2020: Tier 2 never called back, so ask for the Tier 2 Supervisor",
        Case(
            "WAC1990055555",
            "Los Angeles CA",
            form="I-765",
            outside_processing_times_on=D(2020, 1, 2),
        ),
        (
            Inquiry(
                D(2020, 2, 10), Channel.CONTACT_CENTER, Outcome.TIER_2_REFERRAL, level=Level.TIER_1
            ),
        ),
        D(2020, 2, 14),
    ),
    DemoEntry(
        "Orlando, 2021: an appointment is booked; attend it with the checklist",
        Case("IOE0912345678", "Orlando", issue=Issue.ADIT_STAMP, form="I-485"),
        (Appointment(D(2021, 6, 15), "ORL", ("IOE0912345678",), attorney="B. Chen"),),
        D(2021, 6, 10),
    ),
    DemoEntry(
        "Chicago, 2022: filing an N-400 is not an INFOPASS matter",
        Case("LIN2290066666", "Chicago", issue=Issue.FILE_APPLICATION, form="N-400"),
        (),
        D(2022, 3, 1),
    ),
    DemoEntry(
        "Hialeah, 2016: the Field Office Director reached after three steps; no further step",
        Case(
            "MSC1590033333",
            "HIA",
            form="I-485",
            received_on=D(2014, 8, 4),
            outside_processing_times_on=D(2015, 6, 1),
        ),
        (
            Inquiry(D(2015, 6, 2), Channel.INFOPASS),
            Inquiry(D(2015, 8, 4), Channel.CONTACT_CENTER, Outcome.SERVICE_REQUEST),
            Inquiry(D(2015, 9, 8), Channel.INFOPASS, level=Level.SUPERVISOR),
            Inquiry(
                D(2015, 10, 6),
                Channel.INFOPASS,
                level=Level.FIELD_OFFICE_DIRECTOR,
                note="The Director said the file is under review.",
            ),
        ),
        D(2016, 1, 11),
    ),
    DemoEntry(
        "Miami, 2019: resolved at the second step; nothing more to do",
        Case(
            "MSC1890077777",
            "MIA",
            outside_processing_times_on=D(2018, 10, 1),
            resolved_on=D(2019, 1, 8),
        ),
        (
            Inquiry(D(2018, 10, 3), Channel.E_REQUEST),
            Inquiry(D(2019, 1, 8), Channel.INFOPASS, Outcome.RESOLVED),
        ),
        D(2019, 2, 1),
    ),
)
