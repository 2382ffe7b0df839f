"""A generated mixed docket, the same for the scale tests and the docket benchmark.

``generate(random.Random(SEED), n)`` gives ``n`` distinct cases (distinct receipt numbers), each
with its history and ``as_of``: offices in and out of the Miami District (MIA, HIA, KND, OKL and
others), every issue, cases received 2013-2026, histories of 0-5 items (inquiries of every
outcome and level, by the channels of 0.2 unless told otherwise; appointments), some cases
resolved, some with deadlines, circumstances or marked pressing, a few asked about before they
were received; ``as_of`` spread over 2014-2026. Seeded: the same docket on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import infopass_rules as ir

SEED = 20140211
OFFICES = (
    *("MIA", "HIA", "KND", "OKL"),  # the Miami District
    *("HAR", "ELP", "JAC", "SAC", "SFR", "NYC", "LOS", "CHI", "TAM", "ORL"),
)
#: Every channel: the inquiries to USCIS and the requests beyond it (OMBUDSMAN, CONGRESS).
CHANNELS = tuple(ir.Channel)
#: The channels of 0.2, the default: the same docket, case for case, as 0.2 drew (the requests
#: beyond USCIS are 0.3's), which the same-work peers encode.
CHANNELS_OF_0_2 = (
    ir.Channel.INFOPASS,
    ir.Channel.CONTACT_CENTER,
    ir.Channel.E_REQUEST,
    ir.Channel.MAIL,
)
OUTCOMES = (ir.Outcome.UNRESOLVED,) * 6 + tuple(ir.Outcome)
LEVELS = (None, None, *ir.Level)
ISSUES = tuple(ir.Issue)
FORMS = (None, "I-485", "N-400", "I-130", "I-765", "I-131")
RECEIVED_FROM = dt.date(2013, 1, 1)
RECEIVED_DAYS = (dt.date(2026, 6, 30) - RECEIVED_FROM).days
AS_OF_FIRST, AS_OF_LAST = dt.date(2014, 1, 1), dt.date(2026, 12, 31)
Item = ir.Inquiry | ir.Appointment
Docket = list[tuple[ir.Case, tuple[Item, ...], dt.date]]


def _day(rng: random.Random, after: dt.date, within: int) -> dt.date:
    return after + dt.timedelta(days=rng.randrange(within))


def generate(
    rng: random.Random, n: int, channels: tuple[ir.Channel, ...] = CHANNELS_OF_0_2
) -> Iterator[tuple[ir.Case, tuple[Item, ...], dt.date]]:
    """``n`` distinct cases (distinct receipt numbers), each with its history and ``as_of``;
    the inquiries by ``channels`` (by default 0.2's, the docket of 0.2 case for case;
    ``CHANNELS`` for requests to the Ombudsman and to Congress too)."""
    numbers = rng.sample(range(10**10), n)
    for number in numbers:
        receipt = f"{rng.choice(('MSC', 'EAC', 'IOE', 'NBC'))}{number:010d}"
        received = _day(rng, RECEIVED_FROM, RECEIVED_DAYS)
        if rng.random() < 0.02:  # asked about before it was received
            as_of = max(AS_OF_FIRST, received - dt.timedelta(days=rng.randrange(1, 60)))
        else:
            as_of = min(max(_day(rng, received, 1500), AS_OF_FIRST), AS_OF_LAST)
        as_of = max(as_of, AS_OF_FIRST)
        case = ir.Case(
            receipt,
            rng.choice(OFFICES),
            issue=rng.choice(ISSUES) if rng.random() < 0.35 else ir.Issue.CASE_DELAY,
            form=rng.choice(FORMS),
            received_on=received,
            outside_processing_times_on=_day(rng, received, 900),
            deadlines=[ir.Deadline(_day(rng, received, 2000), "travel")] * (rng.random() < 0.2),
            circumstances=rng.sample(list(ir.Circumstance), rng.randrange(3) // 2),
            pressing=rng.random() < 0.1,
            resolved_on=_day(rng, received, 2000) if rng.random() < 0.05 else None,
        )
        history: list[Item] = []
        for _ in range(rng.randrange(6)):
            on = _day(rng, received, 1600)
            if rng.random() < 0.15:
                others = [f"MSC{rng.randrange(10**10):010d}" for _ in range(rng.randrange(3))]
                listed = sorted({receipt, *others})
                history.append(ir.Appointment(on, rng.choice(OFFICES[:6]), listed, attorney="A"))
            else:
                history.append(
                    ir.Inquiry(
                        on,
                        rng.choice(channels),
                        outcome=rng.choice(OUTCOMES),
                        level=rng.choice(LEVELS),
                        receipt_number=rng.choice((None, receipt)),
                    )
                )
        yield case, tuple(history), as_of
