"""When a case is outside normal processing times (``PT-INQUIRY``; ``MIA-ELIGIBLE``, and any
district's first step).

A delayed case may be inquired about once it is outside normal processing times: USCIS's own
practice at every office (``uscis-processing-times-page``: PT-INQUIRY, a receipt date before the
published Case Inquiry Date; on that date the case is not yet outside), and the first step of
the Miami District's ladder (``miami-2012-05-22``: MIA-ELIGIBLE). That day is known from the
case itself (``Case.outside_processing_times_on``), else computed from USCIS's published
processing times (the snapshot in force, cited under the rule deciding the case, and PT-INQUIRY
cited beside a district's rule), else, for a form the published times do not list, six calendar
months after its receipt (``ombudsman-web-alerts``: "pending for more than six months"), else it
cannot be told: a :class:`~infopass_rules.errors.MissingFact` names what to supply. An estimate
from the published processing range carries a warning.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from infopass_rules.errors import InfopassRulesError, InvalidValue, MissingFact
from infopass_rules.facts.case import Case
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.rules.trace import WarningKind
from infopass_rules.sources.rulebook import Citation

if TYPE_CHECKING:
    from infopass_rules.times.table import OutsideFinding, ProcessingTimes

__all__ = ["INQUIRY_RULE", "UNPUBLISHED_FORM_MONTHS", "Eligibility", "eligibility"]

#: PT-INQUIRY (``uscis-processing-times-page``): USCIS takes an inquiry about a delayed case once
#: it is outside normal processing times, at every office; outside a district's ladder it is the
#: rule that dates the inquiry, and a district's eligibility rule cites it where the published
#: times date the case.
INQUIRY_RULE = "PT-INQUIRY"
#: PT-INQUIRY's months for a form with no published processing time (``ombudsman-web-alerts``).
UNPUBLISHED_FORM_MONTHS = "processing_times.unpublished_form_months"


@attrs.frozen
class Eligibility:
    """When the case is outside normal processing times, and how that is known.

    ``outside_on``: the first day it is (MIA-ELIGIBLE); ``how``: how that is known (the case's
    own date, published processing times, or an estimate from them); ``outside_at``: for
    published data, whether the case was outside by the snapshot in force on a given day (None:
    no snapshot then); ``citations``: the published snapshot the date rests on, cited under the
    eligibility rule (none for the case's own date).
    """

    outside_on: _dt.date
    how: str
    outside_at: Callable[[_dt.date], bool | None] | None = None
    citations: tuple[Citation, ...] = ()

    def premature_for_step_1(self, day: _dt.date) -> bool:
        if self.outside_at is not None:
            judged = self.outside_at(day)
            if judged is not None:
                return not judged  # judged by the snapshot in force on that day
        return day < self.outside_on


def eligibility(
    case: Case,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None,
    why: Reasoning,
    rule_id: str = INQUIRY_RULE,
) -> Eligibility:
    """PT-INQUIRY (``uscis-processing-times-page``), and a district's eligibility rule
    (MIA-ELIGIBLE, ``miami-2012-05-22``): when the case is outside normal processing times.

    The case's own date; else computed from published processing times: outside once its
    receipt date is before the published Case Inquiry Date (the snapshot's citation, under
    ``rule_id``, is in the result's ``citations``; PT-INQUIRY is cited too), else estimated from
    the published range; else, for a form the table does not list, more than six calendar months
    after its receipt (``processing_times.unpublished_form_months``, the day counted by
    ``Policy.day_count``); else a MissingFact naming what to supply. ``rule_id`` is the rule
    deciding the case: its district's eligibility rule (MIA-ELIGIBLE for Miami), or PT-INQUIRY
    outside every district.

    ``processing_times`` may be a firm's own table: its ``outside_since`` must return an
    :class:`~infopass_rules.times.table.OutsideFinding` and its ``is_outside``, if it has one,
    True, False or None (else an InvalidValue naming ``processing_times``); without
    ``is_outside`` each inquiry is judged by the finding's date.
    """
    if case.outside_processing_times_on is not None:
        return Eligibility(case.outside_processing_times_on, "date given on the case")
    if processing_times is None:
        raise MissingFact(
            "cannot tell when the case is outside normal processing times",
            field="case.outside_processing_times_on",
            expected="Case(outside_processing_times_on=date), or next_action(..., "
            "processing_times=load_processing_times(...)) with the case's form, category and "
            "received_on",
        )
    form, received = _looked_up_by(case)
    finding = processing_times.outside_since(
        form, case.office, category=case.category, received_on=received, as_of=as_of
    )
    finding = _checked_finding(finding)  # a firm's own table may return anything
    if finding.on is None and finding.entry is None and _unpublished(processing_times, form):
        return _pending_six_months(form, received, as_of, why)
    if finding.on is None or finding.entry is None:
        raise MissingFact(
            f"no published processing time for {form} at {case.office} on or before "
            f"{as_of.isoformat()} ({finding.explanation.removesuffix('.')})",
            field="processing_times",
            expected="processing times covering the case's form and office, or "
            "Case(outside_processing_times_on=date)",
        )
    cited = (finding.entry.citation(rule_id),)
    # Staleness is judged by the snapshot in force on as_of (the latest fetched by then), not by
    # the first snapshot of the run that shows the case outside: a recent snapshot that still
    # shows it outside makes the answer current.
    fetched = _in_force_fetched_on(processing_times, form, case, as_of, finding.entry.fetched_on)
    _warn_if_stale(fetched, as_of, rule_id, why)
    # Which snapshot, published and fetched when: USCIS's own Case Inquiry Date dates the
    # inquiry (PT-INQUIRY), in a district too.
    why.find(INQUIRY_RULE, finding.explanation)

    def outside_at(day: _dt.date) -> bool | None:
        # Each inquiry is judged by the snapshot in force on its own day.
        return processing_times.is_outside(
            form, case.office, category=case.category, received_on=received, on=day
        )

    judged = _judge(processing_times, outside_at)

    if finding.estimated:  # outside_since already places an estimate after as_of
        why.warn(
            WarningKind.ESTIMATE,
            f"{rule_id}: estimated: by the published case-inquiry date the case is not yet "
            f"outside normal processing times; {finding.on.isoformat()} is an estimate from the "
            "published processing range.",
            rule_id=rule_id,
            on=finding.on,
        )
        how = "estimated from USCIS's published processing range"
        return Eligibility(finding.on, how, judged, cited)
    return Eligibility(finding.on, "USCIS's published processing times", judged, cited)


def _unpublished(processing_times: object, form: str) -> bool:
    """Whether the table says it publishes no processing time for ``form`` at all (its
    ``forms()`` do not list it): the form "cannot be found in the drop-down menu". A table that
    cannot list its forms (a firm's own with ``outside_since`` only) says nothing."""
    forms = getattr(processing_times, "forms", None)
    if not callable(forms):
        return False
    from infopass_rules.times.published import form_key

    listed: object = forms()
    return isinstance(listed, tuple | list | frozenset | set) and form_key(form) not in listed


def _pending_six_months(
    form: str, received: _dt.date, as_of: _dt.date, why: Reasoning
) -> Eligibility:
    """PT-INQUIRY (``ombudsman-web-alerts``): a form with no published processing time may be
    inquired about once pending more than six calendar months from its receipt date: from the
    day after the six months under ``DayCount.AFTER_PERIOD`` (the default, "more than"), on
    their last day under ``DayCount.ON_LAST_DAY``."""
    from dateutil.relativedelta import relativedelta

    months: int = why.param(UNPUBLISHED_FORM_MONTHS, as_of)
    end = received + relativedelta(months=months)
    outside_on = why.policy.day_count.allowed_from(end, 0)
    why.find(
        INQUIRY_RULE,
        "{} has no published processing time: outside normal processing times once pending more "
        "than {} months from its receipt on {}, from {} ({})",
        form,
        months,
        received,
        outside_on,
        why.policy.day_count.words,
    )
    return Eligibility(outside_on, f"no published processing time for {form}: {months} months")


def _looked_up_by(case: Case) -> tuple[str, _dt.date]:
    """The case's form and day received, which the processing times are looked up by (else a
    MissingFact naming what to supply)."""
    form, received = case.form, case.received_on
    if form is None or received is None:
        missing = [name for name in ("form", "received_on") if getattr(case, name) is None]
        raise MissingFact(
            "is needed to look the case up in the processing times",
            field=" and ".join(f"case.{name}" for name in missing),
            expected="the case's form (e.g. 'I-485') and received_on date, or "
            "Case(outside_processing_times_on=date)",
        )
    return form, received


def _warn_if_stale(fetched: _dt.date, as_of: _dt.date, rule_id: str, why: Reasoning) -> None:
    """STALE_DATA when the processing times in force were fetched longer before ``as_of`` than
    the policy's ``processing_times_stale_after_days``."""
    age = (as_of - fetched).days
    if age > why.policy.processing_times_stale_after_days:
        why.warn(
            WarningKind.STALE_DATA,
            f"{rule_id}: the processing times used were fetched on {fetched.isoformat()}, {age} "
            f"days before {as_of.isoformat()}: USCIS may have published other figures since; "
            "check the current processing times.",
            rule_id=rule_id,
            on=fetched,
        )


def _in_force_fetched_on(
    processing_times: object, form: str, case: Case, as_of: _dt.date, fallback: _dt.date
) -> _dt.date:
    """The fetch date of the snapshot in force on ``as_of`` for the case's category, or
    ``fallback`` (the snapshot the finding rests on) for a table that cannot say."""
    lookup = getattr(processing_times, "lookup", None)
    if not callable(lookup):  # a firm's own table with outside_since only
        return fallback
    try:
        entry = lookup(form, case.office, category=case.category, as_of=as_of)
    except InfopassRulesError:
        return fallback
    fetched = getattr(entry, "fetched_on", None)
    return max(fetched, fallback) if isinstance(fetched, _dt.date) else fallback


def _checked_finding(finding: object) -> OutsideFinding:
    """What a table's ``outside_since`` returned, if it is an OutsideFinding holding what
    ProcessingTimes gives (a firm's own table may return anything): else an InvalidValue."""
    from infopass_rules.times.published import PublishedTime
    from infopass_rules.times.table import OutsideFinding

    if (
        isinstance(finding, OutsideFinding)
        and (finding.on is None or type(finding.on) is _dt.date)
        and isinstance(finding.estimated, bool)
        and (finding.entry is None or isinstance(finding.entry, PublishedTime))
        and isinstance(finding.explanation, str)
    ):
        return finding
    raise InvalidValue(
        "outside_since must return an OutsideFinding",
        field="processing_times",
        value=finding,
        expected="a table whose outside_since returns an OutsideFinding (on: a date or None, "
        "estimated: a bool, entry: a PublishedTime or None, explanation: a str), as "
        "ProcessingTimes does",
    )


def _judge(
    processing_times: object, outside_at: Callable[[_dt.date], bool | None]
) -> Callable[[_dt.date], bool | None] | None:
    """How an inquiry's day is judged: by the table's ``is_outside`` on that day, checked to
    answer True, False or None; a table without one (a firm's own with ``outside_since`` only)
    judges no day, and the finding's date decides (as a date given on the case does)."""
    if not callable(getattr(processing_times, "is_outside", None)):
        return None

    def judged(day: _dt.date) -> bool | None:
        answer: object = outside_at(day)
        if answer is None or isinstance(answer, bool):
            return answer
        raise InvalidValue(
            "is_outside must return True, False or None",
            field="processing_times",
            value=answer,
            expected="a table whose is_outside returns True, False or None, as ProcessingTimes "
            "does",
        )

    return judged
