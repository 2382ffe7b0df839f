"""The bad-input catalogue: every public entry point against every class of bad input.

Each row calls one entry point with one bad input and names the documented error class and the
field the message must name. The contract (docs/reference/api.md, "Errors"): bad input raises an
``InfopassRulesError`` subclass whose message names the field; never a stray TypeError, KeyError,
AttributeError or OverflowError, and never a silent accept. A second table checks that the
caller's lists and dicts are left as they were, whether the call succeeds or fails; the last
part runs the command line ``python -m infopass_rules next`` on bad files.

Rows marked ``xfail(strict=True)`` are bugs of the library, kept here until they are fixed.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import itertools
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import infopass_rules as ir
from infopass_rules.edges import cli
from infopass_rules.edges.docket import EXAMPLE_AS_OF
from infopass_rules.edges.json import load_history
from infopass_rules.facts.history import MAX_HISTORY_ITEMS
from infopass_rules.planning.calendar import business_days, closed_days, next_business_day
from infopass_rules.planning.plan import PlannerLimits
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes
from tests.helpers import PT_FOLDER

D = dt.date
RN = "MSC1490012345"
OTHER = "MSC1490099999"
MIA_CASE = ir.Case(RN, "MIA", outside_processing_times_on=D(2015, 1, 5), received_on=D(2014, 1, 2))
JUNK: Any = object()  # an object of no expected type


@dataclass(frozen=True)
class Bad:
    id: str
    call: Callable[[], object]
    error: type[ir.InfopassRulesError]
    field: str
    bug: str | None = None  # a known library bug: the row is a strict xfail


def rows(table: list[Bad]) -> list[Any]:
    return [
        pytest.param(
            row,
            id=row.id,
            marks=[pytest.mark.xfail(strict=True, reason=row.bug)] if row.bug else [],
        )
        for row in table
    ]


#: The longest message a row may give (P4, hardening third round: a list of what is accepted
#: is bounded, a value shortened): an error is read, not scrolled.
MAX_MESSAGE = 2_000


def check(row: Bad) -> None:
    with pytest.raises(ir.InfopassRulesError) as info:
        row.call()
    error = info.value
    assert isinstance(error, row.error), f"{type(error).__name__} is not a {row.error.__name__}"
    assert error.field is not None
    assert row.field in error.field, f"field {error.field!r} does not name {row.field!r}"
    assert str(error).startswith(error.field), "the message does not start with the field"
    assert len(str(error)) <= MAX_MESSAGE, f"a message of {len(str(error)):,} characters"


def case(**changes: Any) -> ir.Case:
    return ir.Case(**{"receipt_number": RN, "office": "MIA", **changes})


def inquiry(**changes: Any) -> ir.Inquiry:
    return ir.Inquiry(**{"on": D(2015, 2, 1), "channel": ir.Channel.INFOPASS, **changes})


def appointment(**changes: Any) -> ir.Appointment:
    return ir.Appointment(
        **{"on": D(2015, 2, 2), "office": "MIA", "receipt_numbers": [RN], **changes}
    )


def plan(**changes: Any) -> ir.Plan:
    args: dict[str, Any] = {
        "requests": [ir.PlanRequest(RN, D(2020, 1, 6))],
        "attorneys": ["Ana Lopez"],
        "office": "MIA",
        "start": D(2020, 1, 6),
        **changes,
    }
    requests = args.pop("requests")
    return ir.plan_appointments(requests, **args)


def decide(history: object = (), **changes: Any) -> ir.Decision:
    args: dict[str, Any] = {"as_of": D(2020, 1, 6), **changes}
    the_case = args.pop("case", MIA_CASE)
    return ir.next_action(the_case, history, **args)  # type: ignore[arg-type]


def published_time(**changes: Any) -> PublishedTime:
    fields: dict[str, Any] = {
        "form": "I-485",
        "office": "MIA",
        "category": "I-485 Family",
        "fetched_on": D(2024, 10, 30),
        "published_on": D(2024, 10, 18),
        "case_inquiry_date": D(2023, 4, 1),
        "upper": None,
        "lower": None,
        "suppressed": False,
        "origin": "uscis-processing-times-2024-10-30.csv:line 2",
        **changes,
    }
    return PublishedTime(**fields)


_RECEIPTS_1001 = [f"MSC{i:010d}" for i in range(1001)]

# --- constructors ---------------------------------------------------------------------------

CONSTRUCTORS = [
    # Case: wrong types
    Bad(
        "case-receipt-int",
        lambda: case(receipt_number=1490012345),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "case-receipt-bytes",
        lambda: case(receipt_number=RN.encode()),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "case-receipt-none",
        lambda: case(receipt_number=None),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "case-receipt-short",
        lambda: case(receipt_number="MSC149001234"),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "case-receipt-huge",
        lambda: case(receipt_number="M" * 1_000_000),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "case-receipt-lookalike",
        lambda: case(receipt_number="MSC149001234\u0665"),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad("case-office-int", lambda: case(office=3), ir.UnknownOffice, "office"),
    Bad("case-office-unknown", lambda: case(office="Atlantis"), ir.UnknownOffice, "office"),
    Bad("case-office-empty", lambda: case(office=""), ir.UnknownOffice, "office"),
    Bad("case-issue-unknown", lambda: case(issue="VISA"), ir.InvalidValue, "issue"),
    Bad("case-issue-lowercase", lambda: case(issue="case_delay"), ir.InvalidValue, "issue"),
    Bad("case-issue-other-enum", lambda: case(issue=ir.Channel.MAIL), ir.InvalidValue, "issue"),
    Bad("case-form-int", lambda: case(form=485), ir.InvalidValue, "form"),
    Bad("case-form-no-prefix", lambda: case(form="485"), ir.InvalidValue, "form"),
    Bad("case-category-empty", lambda: case(category="  "), ir.InvalidValue, "category"),
    Bad("case-category-huge", lambda: case(category="x" * 10_000), ir.InvalidValue, "category"),
    # Case: dates
    Bad(
        "case-received-datetime",
        lambda: case(received_on=dt.datetime(2015, 1, 1)),
        ir.InvalidValue,
        "received_on",
    ),
    Bad(
        "case-received-string",
        lambda: case(received_on="2015-01-01"),
        ir.InvalidValue,
        "received_on",
    ),
    Bad("case-received-ordinal", lambda: case(received_on=735599), ir.InvalidValue, "received_on"),
    Bad(
        "case-outside-datetime",
        lambda: case(outside_processing_times_on=dt.datetime(2015, 1, 1, 9)),
        ir.InvalidValue,
        "outside_processing_times_on",
    ),
    Bad(
        "case-resolved-datetime",
        lambda: case(resolved_on=dt.datetime(2015, 1, 1)),
        ir.InvalidValue,
        "resolved_on",
    ),
    Bad(
        "case-outside-before-received",
        lambda: case(received_on=D(2015, 1, 2), outside_processing_times_on=D(2015, 1, 1)),
        ir.InvalidValue,
        "outside_processing_times_on",
    ),
    Bad(
        "case-resolved-before-received",
        lambda: case(received_on=D(2015, 1, 2), resolved_on=D(2015, 1, 1)),
        ir.InvalidValue,
        "resolved_on",
    ),
    # Case: collections
    Bad("case-deadlines-dict", lambda: case(deadlines={}), ir.InvalidValue, "deadlines"),
    Bad("case-deadlines-str", lambda: case(deadlines="2020-01-01"), ir.InvalidValue, "deadlines"),
    Bad("case-deadlines-int", lambda: case(deadlines=3), ir.InvalidValue, "deadlines"),
    Bad(
        "case-deadlines-element",
        lambda: case(deadlines=[D(2020, 1, 1)]),
        ir.InvalidValue,
        "deadlines[0]",
    ),
    Bad(
        "case-deadlines-oversized",
        lambda: case(deadlines=[ir.Deadline(D(2020, 1, 1), "x")] * 101),
        ir.InvalidValue,
        "deadlines",
    ),
    Bad(
        "case-circumstances-str",
        lambda: case(circumstances="HEALTH"),
        ir.InvalidValue,
        "circumstances",
    ),
    Bad(
        "case-circumstances-unknown",
        lambda: case(circumstances=["HEALTH", "WEALTH"]),
        ir.InvalidValue,
        "circumstances",
    ),
    Bad(
        "case-circumstances-oversized",
        lambda: case(circumstances=["HEALTH"] * 4),
        ir.InvalidValue,
        "circumstances",
    ),
    Bad("case-pressing-int", lambda: case(pressing=1), ir.InvalidValue, "pressing"),
    Bad("case-pressing-str", lambda: case(pressing="yes"), ir.InvalidValue, "pressing"),
    # Deadline
    Bad("deadline-on-string", lambda: ir.Deadline("2020-01-01", "trip"), ir.InvalidValue, "on"),
    Bad(
        "deadline-on-datetime",
        lambda: ir.Deadline(dt.datetime(2020, 1, 1), "trip"),
        ir.InvalidValue,
        "on",
    ),
    Bad("deadline-what-empty", lambda: ir.Deadline(D(2020, 1, 1), " "), ir.InvalidValue, "what"),
    Bad("deadline-what-int", lambda: ir.Deadline(D(2020, 1, 1), 3), ir.InvalidValue, "what"),
    Bad(
        "deadline-what-huge", lambda: ir.Deadline(D(2020, 1, 1), "x" * 201), ir.InvalidValue, "what"
    ),
    # Inquiry
    Bad("inquiry-on-datetime", lambda: inquiry(on=dt.datetime(2015, 2, 1)), ir.InvalidValue, "on"),
    Bad("inquiry-on-none", lambda: inquiry(on=None), ir.InvalidValue, "on"),
    Bad("inquiry-channel-unknown", lambda: inquiry(channel="PHONE"), ir.InvalidValue, "channel"),
    Bad("inquiry-channel-value-int", lambda: inquiry(channel=1), ir.InvalidValue, "channel"),
    Bad("inquiry-outcome-unknown", lambda: inquiry(outcome="SOLVED"), ir.InvalidValue, "outcome"),
    Bad(
        "inquiry-level-other-enum", lambda: inquiry(level=ir.Channel.MAIL), ir.InvalidValue, "level"
    ),
    Bad("inquiry-level-unknown", lambda: inquiry(level="MANAGER"), ir.InvalidValue, "level"),
    Bad(
        "inquiry-receipt-bad",
        lambda: inquiry(receipt_number="MSC-1"),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    # Appointment
    Bad(
        "appointment-on-datetime",
        lambda: appointment(on=dt.datetime(2015, 2, 2)),
        ir.InvalidValue,
        "on",
    ),
    Bad("appointment-office-center", lambda: appointment(office="NBC"), ir.UnknownOffice, "office"),
    Bad(
        "appointment-office-unknown", lambda: appointment(office="ZZZ"), ir.UnknownOffice, "office"
    ),
    Bad(
        "appointment-receipts-empty",
        lambda: appointment(receipt_numbers=[]),
        ir.InvalidValue,
        "receipt_numbers",
    ),
    Bad(
        "appointment-receipts-str",
        lambda: appointment(receipt_numbers=RN),
        ir.InvalidValue,
        "receipt_numbers",
    ),
    Bad(
        "appointment-receipts-none",
        lambda: appointment(receipt_numbers=None),
        ir.InvalidValue,
        "receipt_numbers",
    ),
    Bad(
        "appointment-receipts-duplicated",
        lambda: appointment(receipt_numbers=[RN, "msc-14-900-12345"]),
        ir.InvalidValue,
        "receipt_numbers[1]",
    ),
    Bad(
        "appointment-receipts-oversized",
        lambda: appointment(receipt_numbers=_RECEIPTS_1001),
        ir.InvalidValue,
        "receipt_numbers",
    ),
    Bad(
        "appointment-receipt-element",
        lambda: appointment(receipt_numbers=[RN, 7]),
        ir.InvalidReceiptNumber,
        "receipt_numbers[1]",
    ),
    Bad("appointment-attorney-int", lambda: appointment(attorney=5), ir.InvalidValue, "attorney"),
    Bad(
        "appointment-attorney-empty", lambda: appointment(attorney=""), ir.InvalidValue, "attorney"
    ),
    # Policy
    Bad(
        "policy-day-count-unknown",
        lambda: ir.Policy(day_count="WEEKDAYS"),
        ir.InvalidValue,
        "day_count",
    ),
    Bad(
        "policy-conflict-rule-int",
        lambda: ir.Policy(conflict_rule=1),
        ir.InvalidValue,
        "conflict_rule",
    ),
    Bad(
        "policy-horizon-negative",
        lambda: ir.Policy(urgency_horizon_days=-1),
        ir.InvalidValue,
        "urgency_horizon_days",
    ),
    Bad(
        "policy-horizon-huge",
        lambda: ir.Policy(urgency_horizon_days=10**100),
        ir.InvalidValue,
        "urgency_horizon_days",
    ),
    Bad(
        "policy-horizon-float",
        lambda: ir.Policy(urgency_horizon_days=30.0),
        ir.InvalidValue,
        "urgency_horizon_days",
    ),
    Bad(
        "policy-horizon-bool",
        lambda: ir.Policy(urgency_horizon_days=True),
        ir.InvalidValue,
        "urgency_horizon_days",
    ),
    Bad(
        "policy-long-pending-str",
        lambda: ir.Policy(long_pending_days="365"),
        ir.InvalidValue,
        "long_pending_days",
    ),
    Bad(
        "policy-stale-huge",
        lambda: ir.Policy(stale_after_days=3651),
        ir.InvalidValue,
        "stale_after_days",
    ),
    Bad(
        "policy-pressing-negative",
        lambda: ir.Policy(pressing_horizon_days=-5),
        ir.InvalidValue,
        "pressing_horizon_days",
    ),
    Bad(
        "policy-levels-str",
        lambda: ir.Policy(normal_channel_levels="SUPERVISOR"),
        ir.InvalidValue,
        "normal_channel_levels",
    ),
    Bad(
        "policy-levels-unknown",
        lambda: ir.Policy(normal_channel_levels=["BOSS"]),
        ir.InvalidValue,
        "normal_channel_levels",
    ),
    # PlanRequest
    Bad(
        "plan-request-receipt",
        lambda: ir.PlanRequest("X", D(2020, 1, 1)),
        ir.InvalidReceiptNumber,
        "receipt_number",
    ),
    Bad(
        "plan-request-earliest-datetime",
        lambda: ir.PlanRequest(RN, dt.datetime(2020, 1, 1)),
        ir.InvalidValue,
        "earliest",
    ),
    Bad(
        "plan-request-earliest-none", lambda: ir.PlanRequest(RN, None), ir.InvalidValue, "earliest"
    ),
    Bad(
        "plan-request-deadline-string",
        lambda: ir.PlanRequest(RN, D(2020, 1, 1), deadline="2020-02-01"),
        ir.InvalidValue,
        "deadline",
    ),
    Bad(
        "plan-request-pressing-int",
        lambda: ir.PlanRequest(RN, D(2020, 1, 1), pressing=0),
        ir.InvalidValue,
        "pressing",
    ),
    # Limits checked before anything is materialised, and the text policy
    Bad("duration-beyond-float", lambda: Duration(10**400, "months"), ir.InvalidValue, "value"),
    Bad(
        "case-deadlines-endless",
        lambda: case(deadlines=itertools.repeat(ir.Deadline(D(2020, 1, 1), "hearing"))),
        ir.InvalidValue,
        "deadlines",
    ),
    Bad(
        "case-circumstances-endless",
        lambda: case(circumstances=itertools.repeat(ir.Circumstance.HEALTH)),
        ir.InvalidValue,
        "circumstances",
    ),
    Bad(
        "appointment-receipts-endless",
        lambda: appointment(receipt_numbers=itertools.repeat(RN)),
        ir.InvalidValue,
        "receipt_numbers",
    ),
    Bad(
        "deadline-what-escape",
        lambda: ir.Deadline(D(2020, 1, 1), "hearing\x1b[2J"),
        ir.InvalidValue,
        "what",
    ),
    Bad(
        "deadline-what-surrogate",
        lambda: ir.Deadline(D(2020, 1, 1), "hearing \ud800"),
        ir.InvalidValue,
        "what",
    ),
    Bad("case-category-nul", lambda: case(category="Family\x00"), ir.InvalidValue, "category"),
    Bad(
        "appointment-attorney-cr",
        lambda: appointment(attorney="Ana\rLopez"),
        ir.InvalidValue,
        "attorney",
    ),
    # P1 (hardening, third round): a snapshot holds no date after the day it was fetched
    Bad(
        "published-time-published-after-fetch",
        lambda: published_time(published_on=D(2030, 1, 2)),
        ir.InvalidValue,
        "published_on",
    ),
    Bad(
        "published-time-inquiry-after-fetch",
        lambda: published_time(case_inquiry_date=D(2029, 3, 1)),
        ir.InvalidValue,
        "case_inquiry_date",
    ),
]


@pytest.mark.parametrize("row", rows(CONSTRUCTORS))
def test_constructors_refuse_bad_input(row: Bad) -> None:
    check(row)


# --- the engine, triage, the appointment checks, the planner and the calendar ---------------


class _NotATable:
    """Looks like processing times to a hasattr check, and is not."""

    outside_since = None


class _BytesPath:
    def __fspath__(self) -> bytes:
        return b"/tmp/times.json"


class _FirmTable:
    """A firm's own processing-times table whose methods return what they are given."""

    def __init__(self, outside: object, judged: object = None) -> None:
        self.outside, self.judged = outside, judged

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.outside

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.judged


_FIRM_CASE = ir.Case(RN, "MIA", form="I-485", category="I-485 Family", received_on=D(2019, 5, 1))
_FIRM_FINDING = ProcessingTimes(
    [published_time(fetched_on=D(2020, 1, 10), published_on=None, case_inquiry_date=D(2019, 6, 1))]
).outside_since("I-485", "MIA", received_on=D(2019, 5, 1), as_of=D(2020, 3, 2))


@functools.cache
def _categories(count: int) -> ProcessingTimes:
    return ProcessingTimes(
        published_time(category=f"C{i:05d}", case_inquiry_date=None, suppressed=True)
        for i in range(count)
    )


_ABOUT_OTHER = ir.Appointment(D(2015, 2, 2), "MIA", [OTHER])

ENTRY_POINTS = [
    # next_action: arguments
    Bad(
        "next-case-none", lambda: ir.next_action(None, as_of=D(2020, 1, 6)), ir.InvalidValue, "case"
    ),  # type: ignore[arg-type]
    Bad(
        "next-case-dict",
        lambda: ir.next_action({"receipt_number": RN}, as_of=D(2020, 1, 6)),
        ir.InvalidValue,
        "case",
    ),  # type: ignore[arg-type]
    Bad(
        "next-as-of-datetime",
        lambda: decide(as_of=dt.datetime(2020, 1, 6)),
        ir.InvalidValue,
        "as_of",
    ),
    Bad("next-as-of-string", lambda: decide(as_of="2020-01-06"), ir.InvalidValue, "as_of"),
    Bad("next-as-of-none", lambda: decide(as_of=None), ir.InvalidValue, "as_of"),
    Bad(
        "next-policy-dict",
        lambda: decide(policy={"day_count": "ON_LAST_DAY"}),
        ir.InvalidValue,
        "policy",
    ),
    Bad(
        "next-processing-times-path",
        lambda: decide(processing_times="times.json"),
        ir.InvalidValue,
        "processing_times",
    ),
    # next_action: history
    Bad("next-history-none", lambda: decide(None), ir.InvalidHistory, "history"),
    Bad("next-history-str", lambda: decide("INFOPASS"), ir.InvalidHistory, "history"),
    Bad("next-history-dict", lambda: decide({0: inquiry()}), ir.InvalidHistory, "history"),
    Bad("next-history-int", lambda: decide(3), ir.InvalidHistory, "history"),
    Bad(
        "next-history-element",
        lambda: decide([inquiry(), {"on": "2015-02-01"}]),
        ir.InvalidHistory,
        "history[1]",
    ),
    Bad(
        "next-history-deadline",
        lambda: decide([ir.Deadline(D(2015, 2, 1), "x")]),
        ir.InvalidHistory,
        "history[0]",
    ),
    Bad(
        "next-history-appointment-other-case",
        lambda: decide([inquiry(), _ABOUT_OTHER]),
        ir.InvalidHistory,
        "history[1]",
    ),
    Bad(
        "next-history-inquiry-other-case",
        lambda: decide([inquiry(receipt_number=OTHER)]),
        ir.InvalidHistory,
        "history[0].receipt_number",
    ),
    Bad(
        "next-history-before-received",
        lambda: decide([inquiry(on=D(2013, 12, 31))]),
        ir.InvalidHistory,
        "history[0].on",
    ),
    Bad(
        "next-history-appointment-before-received",
        lambda: decide([appointment(on=D(2014, 1, 1))]),
        ir.InvalidHistory,
        "history[0].on",
    ),
    # next_action: facts missing
    Bad(
        "next-no-outside-date",
        lambda: decide(case=case()),
        ir.MissingFact,
        "outside_processing_times_on",
    ),
    # next_action: dates at the end of the calendar
    Bad(
        "next-as-of-date-max",
        lambda: decide(as_of=D.max),
        ir.InfopassRulesError,
        "as_of",
    ),
    Bad(
        "next-inquiry-near-date-max",
        lambda: decide([inquiry(on=D(9999, 12, 1))], as_of=D(9999, 12, 1)),
        ir.InfopassRulesError,
        "as_of",
    ),
    Bad(
        "next-appointment-issue-date-max",
        lambda: decide(case=case(issue="PROOF_OF_STATUS"), as_of=D.max),
        ir.InfopassRulesError,
        "as_of",
    ),
    # triage
    Bad("triage-case-str", lambda: ir.triage(RN, as_of=D(2020, 1, 6)), ir.InvalidValue, "case"),  # type: ignore[arg-type]
    Bad(
        "triage-as-of-datetime",
        lambda: ir.triage(MIA_CASE, as_of=dt.datetime(2020, 1, 6)),
        ir.InvalidValue,
        "as_of",
    ),
    Bad(
        "triage-policy-int",
        lambda: ir.triage(MIA_CASE, as_of=D(2020, 1, 6), policy=30),
        ir.InvalidValue,
        "policy",
    ),  # type: ignore[arg-type]
    Bad(
        "triage-as-of-date-max",
        lambda: ir.triage(MIA_CASE, as_of=D.max),
        ir.InfopassRulesError,
        "as_of",
    ),
    # check_appointments
    Bad("check-none", lambda: ir.check_appointments(None), ir.InvalidValue, "appointments"),  # type: ignore[arg-type]
    Bad("check-str", lambda: ir.check_appointments("MIA"), ir.InvalidValue, "appointments"),
    Bad(
        "check-dict",
        lambda: ir.check_appointments({"on": "2015-02-02"}),
        ir.InvalidValue,
        "appointments",
    ),  # type: ignore[arg-type]
    Bad(
        "check-element-inquiry",
        lambda: ir.check_appointments([appointment(), inquiry()]),
        ir.InvalidValue,
        "appointments[1]",
    ),  # type: ignore[list-item]
    # plan_appointments
    Bad("plan-requests-none", lambda: plan(requests=None), ir.InvalidValue, "requests"),
    Bad("plan-requests-str", lambda: plan(requests=RN), ir.InvalidValue, "requests"),
    Bad("plan-requests-element", lambda: plan(requests=[RN]), ir.InvalidValue, "requests[0]"),
    Bad(
        "plan-requests-duplicated",
        lambda: plan(
            requests=[
                ir.PlanRequest(RN, D(2020, 1, 6)),
                ir.PlanRequest("msc1490012345", D(2020, 2, 6)),
            ]
        ),
        ir.InvalidValue,
        "requests[1]",
    ),
    Bad("plan-attorneys-empty", lambda: plan(attorneys=[]), ir.InvalidValue, "attorneys"),
    Bad("plan-attorneys-str", lambda: plan(attorneys="Ana Lopez"), ir.InvalidValue, "attorneys"),
    Bad(
        "plan-attorneys-duplicated",
        lambda: plan(attorneys=["Ana", "Ben", "Ana"]),
        ir.InvalidValue,
        "attorneys[2]",
    ),
    Bad("plan-attorneys-element", lambda: plan(attorneys=[None]), ir.InvalidValue, "attorneys[0]"),
    Bad("plan-office-center", lambda: plan(office="NBC"), ir.UnknownOffice, "office"),
    Bad("plan-office-int", lambda: plan(office=1), ir.UnknownOffice, "office"),
    Bad(
        "plan-start-datetime", lambda: plan(start=dt.datetime(2020, 1, 6)), ir.InvalidValue, "start"
    ),
    Bad("plan-start-string", lambda: plan(start="2020-01-06"), ir.InvalidValue, "start"),
    Bad("plan-horizon-negative", lambda: plan(horizon_days=-1), ir.InvalidValue, "horizon_days"),
    Bad("plan-horizon-float", lambda: plan(horizon_days=90.0), ir.InvalidValue, "horizon_days"),
    Bad("plan-horizon-bool", lambda: plan(horizon_days=True), ir.InvalidValue, "horizon_days"),
    Bad("plan-horizon-huge", lambda: plan(horizon_days=10**30), ir.InvalidValue, "horizon_days"),
    Bad(
        "plan-horizon-past-date-max",
        lambda: plan(start=D(9999, 1, 1), horizon_days=3650),
        ir.InvalidValue,
        "horizon_days",
    ),
    Bad("plan-limits-int", lambda: plan(limits=5), ir.InvalidValue, "limits"),
    Bad("plan-limits-cap-zero", lambda: PlannerLimits(max_cases=0), ir.InvalidValue, "max_cases"),
    # the calendar
    Bad("business-day-string", lambda: ir.is_business_day("2020-01-06"), ir.InvalidValue, "d"),  # type: ignore[arg-type]
    Bad(
        "business-day-datetime",
        lambda: ir.is_business_day(dt.datetime(2020, 1, 6)),
        ir.InvalidValue,
        "d",
    ),
    Bad("business-day-none", lambda: ir.is_business_day(None), ir.InvalidValue, "d"),  # type: ignore[arg-type]
    Bad("business-day-ordinal", lambda: ir.is_business_day(737430), ir.InvalidValue, "d"),  # type: ignore[arg-type]
    Bad(
        "business-day-closures-int",
        lambda: ir.is_business_day(D(2020, 1, 6), closures=1),
        ir.InvalidValue,
        "closures",
    ),  # type: ignore[arg-type]
    Bad(
        "next-business-day-past-date-max",
        lambda: next_business_day(D.max, inclusive=False),
        ir.InvalidValue,
        "d",
    ),
    Bad(
        "business-days-end-string",
        lambda: list(business_days(D(2020, 1, 6), "2020-02-01")),
        ir.InvalidValue,
        "end",
    ),  # type: ignore[arg-type]
    Bad("closed-days-year-zero", lambda: closed_days(0), ir.InvalidValue, "year"),
    Bad("closed-days-year-bool", lambda: closed_days(True), ir.InvalidValue, "year"),
    # Duck typing and path objects
    Bad(
        "next-processing-times-duck",
        lambda: decide(processing_times=_NotATable()),
        ir.InvalidValue,
        "processing_times",
    ),
    Bad(
        "load-times-bytes-path",
        lambda: ir.load_processing_times(_BytesPath()),  # type: ignore[arg-type]
        ir.InvalidValue,
        "path",
    ),
    # the open class of the first run: a firm's table whose methods return anything
    Bad(
        "next-firm-table-outside-since-none",
        lambda: decide(case=_FIRM_CASE, as_of=D(2020, 3, 2), processing_times=_FirmTable(None)),
        ir.InvalidValue,
        "processing_times",
    ),
    Bad(
        "next-firm-table-outside-since-date",
        lambda: decide(
            case=_FIRM_CASE, as_of=D(2020, 3, 2), processing_times=_FirmTable(D(2020, 1, 10))
        ),
        ir.InvalidValue,
        "processing_times",
    ),
    Bad(
        "next-firm-table-is-outside-str",
        lambda: decide(
            [inquiry(on=D(2020, 1, 20))],
            case=_FIRM_CASE,
            as_of=D(2020, 3, 2),
            processing_times=_FirmTable(_FIRM_FINDING, "yes"),
        ),
        ir.InvalidValue,
        "processing_times",
    ),
    # P4: a table of 20,000 categories: the message lists 20 and counts the rest
    Bad(
        "times-category-needed-of-20000",
        lambda: _categories(20_000).lookup("I-485", "MIA", as_of=D(2024, 10, 30)),
        ir.MissingFact,
        "category",
    ),
    Bad(
        "times-category-unknown-of-20000",
        lambda: _categories(20_000).lookup("I-485", "MIA", category="nope", as_of=D(2024, 10, 30)),
        ir.MissingFact,
        "category",
    ),
    Bad(
        "load-history-too-long",
        lambda: load_history([{"kind": "inquiry"}] * (MAX_HISTORY_ITEMS + 1), path="$.history"),
        ir.InvalidData,
        "$.history",
    ),
]


@pytest.mark.parametrize("row", rows(ENTRY_POINTS))
def test_entry_points_refuse_bad_input(row: Bad) -> None:
    check(row)


def test_empty_collections_are_accepted_where_nothing_is_required() -> None:
    # An empty history, appointment list or docket is a valid (if dull) input, not an error.
    assert decide([]).action is ir.Action.INQUIRE
    assert ir.check_appointments([]) == ()
    empty = plan(requests=[])
    assert empty.appointments == ()
    assert empty.unplaced == ()


# --- JSON: loads for every fact type ------------------------------------------------------

_CASE_JSON = {"receipt_number": RN, "office": "MIA", "outside_processing_times_on": "2015-01-05"}
_INQUIRY_JSON = {"on": "2015-02-01", "channel": "INFOPASS"}
_APPOINTMENT_JSON = {"on": "2015-02-02", "office": "MIA", "receipt_numbers": [RN]}
_DEADLINE_JSON = {"on": "2020-01-01", "what": "trip"}


def doc(base: dict[str, Any], **changes: Any) -> str:
    return json.dumps({**base, **changes})


def _decision_json(**changes: Any) -> str:
    data = json.loads(ir.dumps(ir.next_action(MIA_CASE, as_of=D(2020, 1, 6))))
    data.update(changes)
    return json.dumps(data)


DEEP = "[" * 100_000 + "]" * 100_000

LOADS = [
    # not JSON at all
    Bad(
        "loads-invalid-utf8",
        lambda: ir.loads(b'{"on": "\xff\xfe"}', ir.Inquiry),
        ir.InvalidData,
        "UTF-8",
    ),
    Bad(
        "loads-utf16",
        lambda: ir.loads(doc(_DEADLINE_JSON).encode("utf-16"), ir.Deadline),
        ir.InvalidData,
        "UTF-8",
    ),
    Bad("loads-empty", lambda: ir.loads("", ir.Case), ir.InvalidData, "line 1"),
    Bad(
        "loads-truncated", lambda: ir.loads(doc(_CASE_JSON)[:-1], ir.Case), ir.InvalidData, "line 1"
    ),
    Bad("loads-text-int", lambda: ir.loads(5, ir.Case), ir.InvalidValue, "text"),  # type: ignore[arg-type]
    Bad("loads-text-dict", lambda: ir.loads(_CASE_JSON, ir.Case), ir.InvalidValue, "text"),  # type: ignore[arg-type]
    Bad("loads-cls-name", lambda: ir.loads("{}", "Case"), ir.InvalidValue, "cls"),  # type: ignore[arg-type]
    Bad(
        "loads-cls-none",
        lambda: ir.loads(doc(_CASE_JSON), None),
        ir.InvalidValue,
        "cls",
    ),  # type: ignore[arg-type]
    # deep nesting and huge numbers
    Bad("loads-deep-arrays", lambda: ir.loads(DEEP, ir.Case), ir.InvalidData, "64"),
    Bad(
        "loads-deep-objects",
        lambda: ir.loads('{"a":' * 5000 + "1" + "}" * 5000, ir.Inquiry),
        ir.InvalidData,
        "64",
    ),
    Bad(
        "loads-deep-in-field",
        lambda: ir.loads(doc(_CASE_JSON)[:-1] + ',"form":' + "[" * 100 + "]" * 100 + "}", ir.Case),
        ir.InvalidData,
        "64",
    ),
    Bad(
        "loads-huge-int",
        lambda: ir.loads(doc(_INQUIRY_JSON)[:-1] + ',"level":' + "9" * 5000 + "}", ir.Inquiry),
        ir.InvalidData,
        "$.level",
    ),
    Bad(
        "loads-huge-float",
        lambda: ir.loads('{"on": 1e999, "channel": "MAIL"}', ir.Inquiry),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-nan",
        lambda: ir.loads('{"on": NaN, "what": "x"}', ir.Deadline),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-huge-string",
        lambda: ir.loads(doc(_DEADLINE_JSON, what="x" * 2_000_000), ir.Deadline),
        ir.InvalidValue,
        "$.what",
    ),
    # extra keys, duplicated keys, missing keys
    Bad(
        "loads-case-extra-key",
        lambda: ir.loads(doc(_CASE_JSON, status="pending"), ir.Case),
        ir.InvalidData,
        "$.status",
    ),
    Bad(
        "loads-inquiry-extra-key",
        lambda: ir.loads(doc(_INQUIRY_JSON, kind="inquiry"), ir.Inquiry),
        ir.InvalidData,
        "$.kind",
    ),
    Bad(
        "loads-appointment-extra-key",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, room=4), ir.Appointment),
        ir.InvalidData,
        "$.room",
    ),
    Bad(
        "loads-deadline-extra-key",
        lambda: ir.loads(doc(_DEADLINE_JSON, urgent=True), ir.Deadline),
        ir.InvalidData,
        "$.urgent",
    ),
    Bad(
        "loads-decision-extra-key",
        lambda: ir.loads(_decision_json(extra=1), ir.Decision),
        ir.InvalidData,
        "$.extra",
    ),
    Bad(
        "loads-duplicated-key",
        lambda: ir.loads('{"on": "2020-01-01", "on": "2020-01-02", "what": "x"}', ir.Deadline),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-case-missing-office",
        lambda: ir.loads(json.dumps({"receipt_number": RN}), ir.Case),
        ir.InvalidData,
        "$.office",
    ),
    Bad(
        "loads-decision-missing-schema",
        lambda: ir.loads("{}", ir.Decision),
        ir.InvalidData,
        "$.schema_version",
    ),
    # wrong types
    Bad("loads-case-array", lambda: ir.loads("[]", ir.Case), ir.InvalidData, "$"),
    Bad("loads-case-null", lambda: ir.loads("null", ir.Case), ir.InvalidData, "$"),
    Bad(
        "loads-case-receipt-number",
        lambda: ir.loads(doc(_CASE_JSON, receipt_number=1490012345), ir.Case),
        ir.InvalidData,
        "$.receipt_number",
    ),
    Bad(
        "loads-case-pressing-string",
        lambda: ir.loads(doc(_CASE_JSON, pressing="true"), ir.Case),
        ir.InvalidData,
        "$.pressing",
    ),
    Bad(
        "loads-case-pressing-int",
        lambda: ir.loads(doc(_CASE_JSON, pressing=1), ir.Case),
        ir.InvalidData,
        "$.pressing",
    ),
    Bad(
        "loads-case-deadlines-object",
        lambda: ir.loads(doc(_CASE_JSON, deadlines={"on": "2020-01-01"}), ir.Case),
        ir.InvalidData,
        "$.deadlines",
    ),
    Bad(
        "loads-case-deadline-what-number",
        lambda: ir.loads(doc(_CASE_JSON, deadlines=[{"on": "2020-01-01", "what": 1}]), ir.Case),
        ir.InvalidData,
        "$.deadlines[0].what",
    ),
    Bad(
        "loads-appointment-receipts-string",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, receipt_numbers=RN), ir.Appointment),
        ir.InvalidData,
        "$.receipt_numbers",
    ),
    Bad(
        "loads-decision-step-string",
        lambda: ir.loads(_decision_json(step="1"), ir.Decision),
        ir.InvalidData,
        "$.step",
    ),
    Bad(
        "loads-decision-allowed-int",
        lambda: ir.loads(_decision_json(allowed=1), ir.Decision),
        ir.InvalidData,
        "$.allowed",
    ),
    Bad(
        "loads-decision-earliest-number",
        lambda: ir.loads(_decision_json(earliest=20150105), ir.Decision),
        ir.InvalidData,
        "$.earliest",
    ),
    # dates
    Bad(
        "loads-impossible-date",
        lambda: ir.loads(doc(_INQUIRY_JSON, on="2021-02-30"), ir.Inquiry),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-month-13",
        lambda: ir.loads(doc(_DEADLINE_JSON, on="2021-13-01"), ir.Deadline),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-datetime-for-date",
        lambda: ir.loads(doc(_INQUIRY_JSON, on="2021-02-03T10:00:00"), ir.Inquiry),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-us-date",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, on="02/03/2021"), ir.Appointment),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-year-zero",
        lambda: ir.loads(doc(_DEADLINE_JSON, on="0000-01-01"), ir.Deadline),
        ir.InvalidData,
        "$.on",
    ),
    Bad(
        "loads-outside-before-received",
        lambda: ir.loads(doc(_CASE_JSON, received_on="2015-02-01"), ir.Case),
        ir.InvalidValue,
        "$.outside_processing_times_on",
    ),
    # unknown enum names
    Bad(
        "loads-enum-lowercase",
        lambda: ir.loads(doc(_INQUIRY_JSON, channel="infopass"), ir.Inquiry),
        ir.InvalidData,
        "$.channel",
    ),
    Bad(
        "loads-enum-unknown",
        lambda: ir.loads(doc(_CASE_JSON, issue="VISA"), ir.Case),
        ir.InvalidData,
        "$.issue",
    ),
    Bad(
        "loads-enum-in-set",
        lambda: ir.loads(doc(_CASE_JSON, circumstances=["HEALTH", "LUCK"]), ir.Case),
        ir.InvalidData,
        "$.circumstances",
    ),
    Bad(
        "loads-decision-action-unknown",
        lambda: ir.loads(_decision_json(action="WAIT"), ir.Decision),
        ir.InvalidData,
        "$.action",
    ),
    # collections: empty, oversized, duplicated receipt numbers
    Bad(
        "loads-appointment-receipts-empty",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, receipt_numbers=[]), ir.Appointment),
        ir.InvalidValue,
        "$.receipt_numbers",
    ),
    Bad(
        "loads-appointment-receipts-duplicated",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, receipt_numbers=[RN, RN]), ir.Appointment),
        ir.InvalidValue,
        "$.receipt_numbers[1]",
    ),
    Bad(
        "loads-appointment-receipts-oversized",
        lambda: ir.loads(doc(_APPOINTMENT_JSON, receipt_numbers=_RECEIPTS_1001), ir.Appointment),
        ir.InvalidValue,
        "$.receipt_numbers",
    ),
    Bad(
        "loads-case-deadlines-oversized",
        lambda: ir.loads(doc(_CASE_JSON, deadlines=[_DEADLINE_JSON] * 101), ir.Case),
        ir.InvalidValue,
        "$.deadlines",
    ),
    # invalid Unicode inside valid JSON
    Bad(
        "loads-unpaired-surrogate",
        lambda: ir.loads('{"on": "2021-02-03", "what": "\\ud800"}', ir.Deadline),
        ir.InvalidData,
        "$.what",
    ),
]


@pytest.mark.parametrize("row", rows(LOADS))
def test_loads_refuses_bad_documents(row: Bad) -> None:
    if row.field in ("UTF-8", "line 1", "64"):  # no JSON path: the message says where
        with pytest.raises(row.error) as info:
            row.call()
        assert row.field in str(info.value)
        return
    check(row)


# --- processing-times files ------------------------------------------------------------------

PT_SAMPLE = "I-485/MIA/2022-05-03.json"


def pt_doc(shared: Path) -> dict[str, Any]:
    return json.loads((PT_FOLDER / PT_SAMPLE).read_text("utf-8"))


def _subtype_edit(key: str, value: object) -> Callable[[dict[str, Any]], object]:
    def edit(d: dict[str, Any]) -> object:
        d["data"]["processing_time"]["subtypes"][0][key] = value
        return d

    return edit


def _range_value(value: object) -> Callable[[dict[str, Any]], object]:
    def edit(d: dict[str, Any]) -> object:
        d["data"]["processing_time"]["subtypes"][0]["range"][0]["value"] = value
        return d

    return edit


PT_EDITS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("top-level-array", lambda d: [d], "$"),
    ("no-data", lambda d: {"nodata": 1}, "$.data"),
    ("data-null", lambda d: {"data": None}, "$.data"),
    (
        "subtypes-empty",
        lambda d: {"data": {"processing_time": {**d["data"]["processing_time"], "subtypes": []}}},
        "subtypes",
    ),
    (
        "subtypes-object",
        lambda d: {"data": {"processing_time": {**d["data"]["processing_time"], "subtypes": {}}}},
        "subtypes",
    ),
    (
        "publication-date-impossible",
        _subtype_edit("publication_date", "February 30, 2022"),
        "publication_date",
    ),
    ("publication-date-number", _subtype_edit("publication_date", 20220330), "publication_date"),
    ("range-string", _subtype_edit("range", "6 months"), "range"),
    ("range-value-string", _range_value("6"), "range[0].value"),
    ("range-value-negative", _range_value(-1), "range[0].value"),
    ("range-value-huge", _range_value(10**400), "range[0].value"),
    ("range-value-float-huge", _range_value(1e308 * 10), "range[0].value"),
    # P1: dated after the fetch (the file's name says 2022-05-03)
    (
        "publication-date-after-fetch",
        _subtype_edit("publication_date", "January 02, 2030"),
        "subtypes[0]",
    ),
    (
        "inquiry-date-after-fetch",
        _subtype_edit("service_request_date", "March 01, 2029"),
        "subtypes[0].service_request_date",
    ),
]


def _pt_params() -> list[Any]:
    return [
        pytest.param(
            e,
            f,
            id=i,
        )
        for i, e, f in PT_EDITS
    ]


@pytest.mark.parametrize(("edit", "field"), _pt_params())
def test_load_processing_times_refuses_bad_json_answers(
    shared_data: Path, tmp_path: Path, edit: Callable[[dict[str, Any]], object], field: str
) -> None:
    path = tmp_path / "2022-05-03.json"
    path.write_text(json.dumps(edit(pt_doc(shared_data))), "utf-8")
    with pytest.raises(ir.InvalidData) as info:
        ir.load_processing_times(path)
    assert info.value.field is not None
    assert path.name in info.value.field
    assert field in info.value.field


PT_FILES: list[tuple[str, str, bytes]] = [
    ("invalid-utf8", "2022-05-03.json", b'{"data": "\xff\xfe"}'),
    ("empty-json", "2022-05-03.json", b""),
    ("not-json", "2022-05-03.json", b"<html>503</html>"),
    ("deep-json", "2022-05-03.json", b"[" * 100_000 + b"]" * 100_000),
    ("huge-int-json", "2022-05-03.json", b'{"data": ' + b"9" * 10_000 + b"}"),
    ("undated-name", "answer.json", b"{}"),
    ("impossible-date-name", "2022-02-30.json", b"{}"),
    ("empty-csv", "times-2024-10-30.csv", b""),
    ("invalid-utf8-csv", "times-2024-10-30.csv", b"form_name\n\xff\n"),
    ("csv-wrong-header", "times-2024-10-30.csv", b"a,b,c\n1,2,3\n"),
    ("unknown-suffix", "times.txt", b"x"),
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            n,
            c,
            id=i,
        )
        for i, n, c in PT_FILES
    ],
)
def test_load_processing_times_refuses_bad_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ir.InvalidData) as info:
        ir.load_processing_times(path)
    assert info.value.field is not None
    assert name in info.value.field


def test_load_processing_times_refuses_bad_csv_rows(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / "uscis-processing-times-2024-10-30.csv").read_text("utf-8").splitlines()
    header, row = lines[0], lines[1]
    bad = row.replace("33.5", "-33.5", 1)
    path = tmp_path / "times-2024-10-30.csv"
    path.write_text(f"{header}\n{row}\n{bad}\n", "utf-8")
    with pytest.raises(ir.InvalidData) as info:
        ir.load_processing_times(path)
    assert info.value.field is not None
    assert "line 3" in info.value.field
    assert "range_upper" in info.value.field


@pytest.mark.parametrize(
    ("column", "text", "field"),
    [
        ("publication_date", "January 02, 2030", "published_on"),
        ("service_request_date", "March 01, 2029", "case_inquiry_date"),
    ],
)
def test_load_processing_times_refuses_a_csv_row_dated_after_its_fetch(
    shared_data: Path, tmp_path: Path, column: str, text: str, field: str
) -> None:
    # P1: the file is named for its fetch, 2024-10-30; a row of 2030 or 2029 cannot be in it.
    lines = (shared_data / "uscis-processing-times-2024-10-30.csv").read_text("utf-8").splitlines()
    header, row = lines[0], lines[1]
    dates = [part for part in row.split('"') if part[:1].isalpha() and ", 20" in part]
    column_dates = {"publication_date": dates[0], "service_request_date": dates[-1]}
    bad = row.replace(f'"{column_dates[column]}"', f'"{text}"')
    assert bad != row
    path = tmp_path / "times-2024-10-30.csv"
    path.write_text(f"{header}\n{row}\n{bad}\n", "utf-8")
    with pytest.raises(ir.InvalidData) as info:
        ir.load_processing_times(path)
    assert info.value.field == f"{path}:line 3: {field}"
    assert "after the day the snapshot was fetched" in str(info.value)


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        pytest.param((5,), ir.InvalidValue, "path", id="path-int"),
        pytest.param((b"/tmp",), ir.InvalidValue, "path", id="path-bytes"),
        pytest.param((None,), ir.InvalidValue, "path", id="path-none"),
        pytest.param(("/no/such/file.json",), ir.InvalidData, "/no/such/file.json", id="missing"),
    ],
)
def test_load_processing_times_refuses_bad_arguments(
    args: tuple[Any, ...], error: type[ir.InfopassRulesError], field: str
) -> None:
    with pytest.raises(error) as info:
        ir.load_processing_times(*args)
    assert info.value.field is not None
    assert field in info.value.field


def test_load_processing_times_refuses_a_datetime_fetch_date(
    shared_data: Path, tmp_path: Path
) -> None:
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(pt_doc(shared_data)), "utf-8")
    with pytest.raises(ir.InvalidValue) as info:
        ir.load_processing_times(path, fetched_on=dt.datetime(2022, 5, 3))
    assert info.value.field == "fetched_on"


def test_load_processing_times_refuses_a_fetch_date_with_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ir.InvalidValue) as info:
        ir.load_processing_times(tmp_path, fetched_on=D(2022, 5, 3))
    assert info.value.field is not None
    assert "fetched_on" in info.value.field


def test_load_processing_times_names_the_bad_file_of_a_folder(
    shared_data: Path, tmp_path: Path
) -> None:
    good = tmp_path / "I-485" / "MIA" / "2022-05-03.json"
    good.parent.mkdir(parents=True)
    good.write_text(json.dumps(pt_doc(shared_data)), "utf-8")
    bad = tmp_path / "I-485" / "MIA" / "2022-06-03.json"
    bad.write_bytes(b'{"data": \xff}')
    with pytest.raises(ir.InvalidData) as info:
        ir.load_processing_times(tmp_path)
    assert info.value.field is not None
    assert "2022-06-03.json" in info.value.field


# --- the caller's objects are never changed ---------------------------------------------------


def _unchanged_calls() -> list[Any]:
    """(id, build the arguments, call): the arguments are fresh lists/dicts each time."""
    hist = [inquiry(on=D(2015, 3, 1)), inquiry(on=D(2015, 2, 1)), appointment(on=D(2015, 6, 1))]
    reqs = [ir.PlanRequest(OTHER, D(2020, 1, 7)), ir.PlanRequest(RN, D(2020, 1, 6))]
    appts = [
        appointment(attorney="Ana"),
        appointment(on=D(2015, 2, 2), receipt_numbers=[OTHER], attorney="Ana"),
    ]
    return [
        ("next-history", lambda: {"h": list(hist)}, lambda a: decide(a["h"])),
        ("next-history-bad", lambda: {"h": [*hist, _ABOUT_OTHER]}, lambda a: decide(a["h"])),
        (
            "case-deadlines",
            lambda: {"d": [ir.Deadline(D(2020, 3, 1), "b"), ir.Deadline(D(2020, 2, 1), "a")]},
            lambda a: case(deadlines=a["d"]),
        ),
        (
            "case-deadlines-bad",
            lambda: {"d": [ir.Deadline(D(2020, 3, 1), "b"), "x"]},
            lambda a: case(deadlines=a["d"]),
        ),
        (
            "case-circumstances",
            lambda: {"c": ["HEALTH", "EMPLOYMENT"]},
            lambda a: case(circumstances=a["c"]),
        ),
        (
            "case-kwargs",
            lambda: {"receipt_number": "msc-14-900-12345", "office": "Miami"},
            lambda a: ir.Case(**a),
        ),
        (
            "appointment-receipts",
            lambda: {"r": [OTHER, "msc 14 900 12345"]},
            lambda a: appointment(receipt_numbers=a["r"]),
        ),
        (
            "appointment-receipts-bad",
            lambda: {"r": [RN, RN]},
            lambda a: appointment(receipt_numbers=a["r"]),
        ),
        (
            "policy-levels",
            lambda: {"l": ["SUPERVISOR", "TIER_2"]},
            lambda a: ir.Policy(normal_channel_levels=a["l"]),
        ),
        ("check", lambda: {"a": list(appts)}, lambda a: ir.check_appointments(a["a"])),
        (
            "plan",
            lambda: {"r": list(reqs), "n": ["Ben", "Ana"]},
            lambda a: plan(requests=a["r"], attorneys=a["n"]),
        ),
        (
            "plan-bad",
            lambda: {"r": [*reqs, reqs[0]], "n": ["Ben", "Ana"]},
            lambda a: plan(requests=a["r"], attorneys=a["n"]),
        ),
        ("dumps-list", lambda: {"l": list(hist)}, lambda a: ir.dumps(a["l"])),
        ("dumps-dict", lambda: {"d": {"x": hist[0], "y": [hist[1]]}}, lambda a: ir.dumps(a["d"])),
    ]


@pytest.mark.parametrize(
    ("build", "call"), [pytest.param(b, c, id=i) for i, b, c in _unchanged_calls()]
)
def test_the_callers_objects_are_never_changed(
    build: Callable[[], dict[str, Any]], call: Callable[[dict[str, Any]], object]
) -> None:
    args = build()
    before = copy.deepcopy(args)
    identities = {k: [id(x) for x in v] if isinstance(v, list) else None for k, v in args.items()}
    with contextlib.suppress(ir.InfopassRulesError):
        call(args)
    assert args == before
    for key, ids in identities.items():
        if ids is not None:
            assert [id(x) for x in args[key]] == ids, f"{key}: the list was reordered or replaced"


def test_a_decision_does_not_depend_on_a_list_changed_afterwards() -> None:
    history = [inquiry(on=D(2015, 2, 1))]
    decision = decide(history)
    history.append(inquiry(on=D(2015, 4, 6)))
    assert decide([inquiry(on=D(2015, 2, 1))]) == decision


# --- the command line -------------------------------------------------------------------------

_GOOD_CLI = {"case": _CASE_JSON, "history": [{"kind": "inquiry", **_INQUIRY_JSON}]}


def _cli_doc(**changes: Any) -> bytes:
    return json.dumps({**_GOOD_CLI, **changes}).encode()


CLI_FILES: list[tuple[str, bytes, list[str], str]] = [
    ("invalid-utf8", b'{"case": "\xff"}', [], "case.json"),
    ("not-json", b"{case:", [], "case.json"),
    ("deep", b'{"case": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", [], "case.json"),
    ("huge-int", b'{"case": ' + b"9" * 10_000 + b"}", [], "case.json"),
    ("array", b"[]", [], "case.json"),
    ("no-case", b'{"history": []}', [], "case.json"),
    ("extra-key", _cli_doc(notes="x"), [], "case.json"),
    ("case-extra-key", _cli_doc(case={**_CASE_JSON, "status": 1}), [], "$.case.status"),
    ("case-wrong-type", _cli_doc(case={**_CASE_JSON, "pressing": "no"}), [], "$.case.pressing"),
    ("history-object", _cli_doc(history={"kind": "inquiry"}), [], "$.history"),
    (
        "history-kind-unknown",
        _cli_doc(history=[{"kind": "call", **_INQUIRY_JSON}]),
        [],
        "$.history[0].kind",
    ),
    (
        "history-enum-unknown",
        _cli_doc(history=[{"kind": "inquiry", "on": "2015-02-01", "channel": "FAX"}]),
        [],
        "$.history[0].channel",
    ),
    (
        "history-impossible-date",
        _cli_doc(history=[{"kind": "inquiry", "on": "2015-02-29", "channel": "MAIL"}]),
        [],
        "$.history[0].on",
    ),
    (
        "history-other-case",
        _cli_doc(
            history=[
                {
                    "kind": "appointment",
                    "on": "2015-02-02",
                    "office": "MIA",
                    "receipt_numbers": [OTHER],
                }
            ]
        ),
        ["--as-of", "2020-01-06"],
        "history[0]",
    ),
    (
        "history-before-received",
        _cli_doc(
            case={**_CASE_JSON, "received_on": "2015-01-01"},
            history=[{"kind": "inquiry", "on": "2014-12-01", "channel": "MAIL"}],
        ),
        ["--as-of", "2020-01-06"],
        "history[0].on",
    ),
    ("as-of-impossible", _cli_doc(), ["--as-of", "2020-02-30"], "--as-of"),
    ("as-of-datetime", _cli_doc(), ["--as-of", "2020-02-03T10:00"], "--as-of"),
    ("file-as-of-number", _cli_doc(as_of=20200203), [], "as_of"),
    ("file-as-of-impossible", _cli_doc(as_of="2019-02-29"), [], "as_of"),
    (
        "missing-fact",
        _cli_doc(case={"receipt_number": RN, "office": "MIA"}),
        ["--as-of", "2020-01-06"],
        "outside_processing_times_on",
    ),
]


@pytest.mark.parametrize(
    ("content", "extra", "field"), [pytest.param(c, e, f, id=i) for i, c, e, f in CLI_FILES]
)
def test_command_line_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, extra: list[str], field: str
) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(content)
    status = cli.main(["next", str(path), *extra])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1, "the error is not one line"
    assert field in err


def test_command_line_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["next", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infopass_rules", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_next_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(b'{"case": {"receipt_number": "MSC1490012345", "office": "Atlantis"}}')
    result = run_cli("next", str(path), "--as-of", "2020-01-06")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "case.office" in result.stderr
    assert "Atlantis" in result.stderr


def test_python_m_next_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(_cli_doc())
    result = run_cli("next", str(path), "--as-of", "9999-12-31")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2)


# --- hardening, third round (issue 28): docket files, outputs, hand-built values ---------------


class _ReadsInts:
    def read(self, size: int = -1) -> object:
        return 5


def _closed_file() -> Any:
    import tempfile

    file = tempfile.TemporaryFile("w+")  # noqa: SIM115
    file.close()
    return file


def _write_only_file() -> Any:
    import tempfile

    return tempfile.TemporaryFile("w")


def _report() -> ir.DocketReport:
    return ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)


_THIRD_CASE = ir.Case(RN, "MIA", outside_processing_times_on=D(2015, 1, 5))
_THIRD_INQUIRY = ir.Inquiry(D(2015, 1, 6), ir.Channel.INFOPASS)


def _io(text: str) -> Any:
    import io

    return io.StringIO(text)


THIRD_ROUND = [
    # D2: an unbalanced quote in the header
    Bad(
        "d2-header-quote",
        lambda: ir.read_docket(_io('"receipt_number,office\nMSC1891000001,MIA\n')),
        ir.InvalidData,
        "<cases>:1",
    ),
    # D5: columns= mapping to the other file's field
    Bad(
        "d5-columns-other-file",
        lambda: ir.read_docket(
            _io("receipt_number,office,Attorney\nMSC1891000001,MIA,A\n"),
            columns={"Attorney": "attorney"},
        ),
        ir.InvalidValue,
        "columns['Attorney']",
    ),
    # D6: unusable file objects and paths
    Bad("d6-closed", lambda: ir.read_docket(_closed_file()), ir.InvalidValue, ""),
    Bad("d6-write-only", lambda: ir.read_docket(_write_only_file()), ir.InvalidData, ""),
    Bad("d6-ints", lambda: ir.read_docket(iter([1, 2])), ir.InvalidValue, "cases"),
    Bad("d6-reads-ints", lambda: ir.read_docket(_ReadsInts()), ir.InvalidValue, "<cases>"),
    Bad("d6-nul-path", lambda: ir.read_docket("a\0.csv"), ir.InvalidValue, "cases"),
    Bad("d6-bytes-path", lambda: ir.read_docket(b"a.csv"), ir.InvalidValue, "cases"),
    Bad(
        "d6-history-nul",
        lambda: ir.read_docket(_io("receipt_number,office\n"), "h\0.csv"),
        ir.InvalidValue,
        "history",
    ),
    # A1: to_csv on a bad target
    Bad("a1-none", lambda: _report().to_csv(None), ir.InvalidValue, "file"),
    Bad("a1-int", lambda: _report().to_csv(3), ir.InvalidValue, "file"),
    Bad("a1-bytes-path", lambda: _report().to_csv(b"x.csv"), ir.InvalidValue, "file"),
    Bad("a1-nul-path", lambda: _report().to_csv("x\0.csv"), ir.InvalidValue, "file"),
    Bad("a1-closed", lambda: _report().to_csv(_closed_file()), ir.InvalidValue, "file"),
    Bad(
        "a1-bytesio", lambda: _report().to_csv(__import__("io").BytesIO()), ir.InvalidValue, "file"
    ),
    Bad("a1-folder", lambda: _report().to_csv("."), ir.InvalidData, "."),
    # A2: the progress callback
    Bad(
        "a2-progress-none",
        lambda: ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF, progress=lambda i: None),
        ir.InvalidValue,
        "progress",
    ),
    Bad(
        "a2-progress-not-callable",
        lambda: ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF, progress=5),
        ir.InvalidValue,
        "progress",
    ),
    # A3: a hand-built Docket
    Bad("a3-cases-ints", lambda: ir.Docket(cases=[1]), ir.InvalidValue, "cases[0]"),
    Bad("a3-cases-none", lambda: ir.Docket(cases=None), ir.InvalidValue, "cases"),
    Bad(
        "a3-history-orphan",
        lambda: ir.Docket(cases=[_THIRD_CASE], history={OTHER: [_THIRD_INQUIRY]}),
        ir.InvalidValue,
        "history",
    ),
    Bad(
        "a3-history-item",
        lambda: ir.Docket(cases=[_THIRD_CASE], history={RN: [1]}),
        ir.InvalidValue,
        "history",
    ),
    Bad("a3-lines", lambda: ir.Docket(cases=[_THIRD_CASE], lines=[0]), ir.InvalidValue, "lines"),
    # A4: escalation_record's history
    Bad(
        "a4-history-none",
        lambda: ir.escalation_record(_THIRD_CASE, None, as_of=D(2015, 2, 1)),
        ir.InvalidHistory,
        "history",
    ),
    Bad(
        "a4-history-endless",
        lambda: ir.escalation_record(
            _THIRD_CASE, itertools.repeat(_THIRD_INQUIRY), as_of=D(2015, 2, 1)
        ),
        ir.InvalidHistory,
        "history",
    ),
]


@pytest.mark.parametrize("row", rows(THIRD_ROUND))
def test_third_round_entry_points_refuse_bad_input(row: Bad) -> None:
    check(row)


@pytest.mark.parametrize(
    ("raw", "cases", "errors"),
    [
        (b"receipt_number,office\rMSC1891000001,MIA\rMSC1891000002,MIA\r", 2, 0),  # D1
        (b"receipt_number,office\nMSC1891000001,MIA\rMSC1891000002,MIA\n", 2, 0),  # D1
        (b'receipt_number,office\nMSC1891000001,"MIA\nMSC1891000002,MIA\n', 1, 1),  # D3
        (b"receipt_number,office\nMSC1891000001,Jos\xe9\nMSC1891000002,MIA\n", 1, 1),  # D4
        (
            b'{"receipt_number":"MSC1891000001","office":"MIA"}\r{"receipt_number":'
            b'"MSC1891000002","office":"MIA"}\n',
            2,
            0,
        ),  # D1, JSON Lines
    ],
    ids=["d1-cr-only", "d1-one-cr", "d3-quote", "d4-cp1252", "d1-jsonl"],
)
def test_third_round_docket_rows_are_all_accounted_for(raw: bytes, cases: int, errors: int) -> None:
    import io

    docket = ir.read_docket(io.BytesIO(raw))
    assert (len(docket.cases), len(docket.errors)) == (cases, errors)
    assert all(e.line >= 1 and e.source == "<cases>" for e in docket.errors)
