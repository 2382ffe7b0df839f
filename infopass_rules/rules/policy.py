"""Policies: the interpretations the sources leave open, each named, documented and changeable.

The sources say "not resolved within 60 days of" an inquiry, "a pressing issue", "the normal
channels"; they do not say how to count the days or what makes an issue pressing. Each such
choice is a field of :class:`Policy`, with a conservative default (never advise acting early)
and its reasoning here, so a firm can read what the engine assumes and change it in one place::

    import infopass_rules as ir
    lenient = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
    ir.next_action(case, history, as_of=day, policy=lenient)
"""

from __future__ import annotations

import datetime as _dt

import attrs

from infopass_rules.errors import InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.enums import IdentityEnum, Level
from infopass_rules.sources.rulebook import load_rulebook

__all__ = [
    "DEFAULT_POLICY",
    "ConflictRule",
    "DayCount",
    "FodAfterThird",
    "OmbudsmanWindow",
    "Policy",
    "Premature",
    "check_policy",
]


class _Setting(IdentityEnum):
    """A policy setting that can say, in plain words, what it does: ``words`` is the sentence
    a lawyer reads in a trace, with the setting's name beside it (as a rule's ID is beside its
    words), e.g. "once the whole wait has passed; Policy.day_count AFTER_PERIOD"."""

    @property
    def words(self) -> str:
        """What the setting does, in plain words, then its name (``Policy.<field> <NAME>``)."""
        return f"{_WORDS[self]}; Policy.{_FIELDS[type(self)]} {self._name_}"


class DayCount(_Setting):
    """How "not resolved within N days of an inquiry on day D" becomes a first allowed day.

    ``AFTER_PERIOD`` (default): the N-day period excludes D and includes D+N, so the case is
    known to be unresolved "within" the period only once it is over: the next step is allowed
    from **D + N + 1**. Conservative: never early.

    ``ON_LAST_DAY``: the next step is allowed from **D + N**, reading "within N days" as ending
    on the morning of the N-th day. One day earlier than ``AFTER_PERIOD`` for every wait.
    """

    AFTER_PERIOD = "AFTER_PERIOD"
    ON_LAST_DAY = "ON_LAST_DAY"

    def allowed_from(self, day: _dt.date, days: int) -> _dt.date:
        """The first day allowed after a wait of ``days`` from ``day``."""
        extra = 1 if self is DayCount.AFTER_PERIOD else 0
        return day + _dt.timedelta(days=days + extra)


class Premature(_Setting):
    """What an inquiry made before its step's earliest date does to the ladder.

    In both readings it is not a step and the decision warns of it, citing the rule it broke.

    ``IGNORE`` (default): it does not restart the clock either; the sources count a step only
    when it is allowed, so an early inquiry is as if it had not been made.

    ``RESTARTS_CLOCK``: the wait for the next step runs again from the premature inquiry, as a
    field office that logged it might treat it. Conservative when in doubt about that office.
    """

    IGNORE = "IGNORE"
    RESTARTS_CLOCK = "RESTARTS_CLOCK"


class FodAfterThird(_Setting):
    """When the Field Office Director may be asked for after the third step (MIA-FOD-LADDER).

    ``AT_ONCE`` (default): the source lets the attorney ask "at the third INFOPASS", so the
    escalation is allowed from the day of the third step.

    ``AFTER_THIRD_WAIT``: only once the third step has itself gone unresolved for the third
    step's wait (30 days), for firms that give the third inquiry time to work.
    """

    AT_ONCE = "AT_ONCE"
    AFTER_THIRD_WAIT = "AFTER_THIRD_WAIT"


class ConflictRule(_Setting):
    """How a conflict between sources is resolved (and it is always reported).

    ``AUTHORITY_THEN_LATER`` (default, as for the CC-TIER2 call-back conflict): the primary
    source over the secondary one; between sources of equal authority, the later one.

    ``LONGEST_WAIT``: whichever reading makes the caller wait longest before escalating, for
    firms that would rather not escalate before every source agrees the wait is over.
    """

    AUTHORITY_THEN_LATER = "AUTHORITY_THEN_LATER"
    LONGEST_WAIT = "LONGEST_WAIT"


class OmbudsmanWindow(_Setting):
    """Which contact with USCIS opens a CIS Ombudsman case-assistance request (OMB-CASE-ASSIST:
    "contacted USCIS in the last 90 days and given the agency at least 60 days").

    ``LATEST_CONTACT`` (default): the 60 and 90 days run from the latest contact with USCIS; a
    new contact gives USCIS a new 60 days, so the request waits again. Conservative: the
    Ombudsman can see that USCIS was given 60 days since it was last asked.

    ``ANY_CONTACT``: any contact of the last 90 days that is at least 60 days old opens it, even
    when USCIS was contacted again since.
    """

    LATEST_CONTACT = "LATEST_CONTACT"
    ANY_CONTACT = "ANY_CONTACT"


#: Each setting in plain words (rendered by ``words``, with the setting's name beside).
_WORDS: dict[_Setting, str] = {
    DayCount.AFTER_PERIOD: "once the whole wait has passed",
    DayCount.ON_LAST_DAY: "on the wait's last day",
    Premature.IGNORE: "a premature inquiry changes no wait",
    Premature.RESTARTS_CLOCK: "a premature inquiry starts the wait again",
    FodAfterThird.AT_ONCE: "as the source allows, at the last step",
    FodAfterThird.AFTER_THIRD_WAIT: "once the last step has had its own wait, by the firm's choice",
    ConflictRule.AUTHORITY_THEN_LATER: "the primary source over the secondary, then the later",
    ConflictRule.LONGEST_WAIT: "the reading with the longest wait",
    OmbudsmanWindow.LATEST_CONTACT: "the 60 and 90 days run from the latest contact with USCIS",
    OmbudsmanWindow.ANY_CONTACT: "any contact with USCIS 60 to 90 days before will do",
}
#: The Policy field each setting's enumeration belongs to.
_FIELDS: dict[type[_Setting], str] = {
    DayCount: "day_count",
    Premature: "premature",
    FodAfterThird: "fod_after_third",
    ConflictRule: "conflict_rule",
    OmbudsmanWindow: "ombudsman_window",
}

_NORMAL_CHANNEL_LEVELS = frozenset({Level.SUPERVISOR, Level.SECTION_CHIEF})


def _default_days(name: str) -> int:
    # The defaults live with the other dated parameters (parameters.toml), not in code.
    book = load_rulebook()
    value = book.parameters[name].values[-1].value
    assert isinstance(value, int)
    return value


_DAYS_EXPECTED = "a whole number of days from 0 to 3650"


def _whole_days(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise InvalidValue(
            "must be a whole number of days", field=field, value=value, expected=_DAYS_EXPECTED
        )
    return value


def _urgency_horizon(value: object) -> int:
    return _whole_days(value, "urgency_horizon_days")


def _long_pending(value: object) -> int:
    return _whole_days(value, "long_pending_days")


def _stale_after(value: object) -> int:
    return _whole_days(value, "stale_after_days")


def _times_stale_after(value: object) -> int:
    return _whole_days(value, "processing_times_stale_after_days")


def _pressing_horizon(value: object) -> int | None:
    return None if value is None else _whole_days(value, "pressing_horizon_days")


_DAY_COUNT = v.member(DayCount, "day_count")
_PREMATURE = v.member(Premature, "premature")
_FOD_AFTER_THIRD = v.member(FodAfterThird, "fod_after_third")
_CONFLICT_RULE = v.member(ConflictRule, "conflict_rule")
_OMBUDSMAN_WINDOW = v.member(OmbudsmanWindow, "ombudsman_window")


def _day_count(value: object) -> DayCount:
    return _DAY_COUNT(value)


def _premature(value: object) -> Premature:
    return _PREMATURE(value)


def _fod_after_third(value: object) -> FodAfterThird:
    return _FOD_AFTER_THIRD(value)


def _conflict_rule(value: object) -> ConflictRule:
    return _CONFLICT_RULE(value)


def _ombudsman_window(value: object) -> OmbudsmanWindow:
    return _OMBUDSMAN_WINDOW(value)


def _levels(value: object) -> frozenset[Level]:
    convert = v.member(Level, "normal_channel_levels")
    levels = frozenset(convert(x) for x in v.items(value, "normal_channel_levels", max_items=7))
    if not levels:
        raise InvalidValue(
            "is empty",
            field="normal_channel_levels",
            expected="at least one Level, e.g. {SUPERVISOR, SECTION_CHIEF}",
        )
    return levels


@attrs.frozen
class Policy:
    """The engine's interpretations. Every field has a documented, conservative default.

    Attributes:
        day_count: how a wait of N days is counted (:class:`DayCount`).
        premature: what an inquiry made too early does to the clock (:class:`Premature`).
        fod_after_third: when the FOD may be asked for after the third step.
        conflict_rule: how conflicting sources are resolved (always reported).
        urgency_horizon_days: a deadline within this many days of the decision date is "at
            risk" in Contact Center triage (CC-TRIAGE); the default is the parameter
            ``policy.urgency_horizon_days``.
        long_pending_days: a case pending this long since receipt is "long pending" in triage,
            when it is not known to be outside normal processing times.
        pressing_horizon_days: ``None`` (default): an issue is pressing only when the firm says so
            (``Case.pressing``). A number: a deadline within that many days also makes it pressing
            (MIA-FOD-PRESSING leaves "pressing" to the attorney's judgement).
        normal_channel_levels: the officers at whom an unresolved inquiry shows the issue "has not
            been resolved through normal channels" (MIA-FOD-PRESSING): by default a Supervisor or
            a Section Chief. The Information Officer is the first of the normal channels; the
            sources' list ends with the Supervisor and the Section Chief, so reaching either
            without resolution exhausts them.
        stale_after_days: a decision whose newest source is older than this warns that the rule
            may be stale (default about three years).
        processing_times_stale_after_days: a decision that uses processing times fetched more
            than this many days before ``as_of`` warns that they may be out of date
            (``WarningKind.STALE_DATA``; default 90).
        ombudsman_window: which contact with USCIS opens a CIS Ombudsman case-assistance request
            (OMB-CASE-ASSIST, :class:`OmbudsmanWindow`): by default the latest. The 60 days, the
            six months of a form with no published time (PT-INQUIRY) and the 30 days before a
            congressional follow-up (CONG-INQUIRY) are counted by ``day_count``.
    """

    day_count: DayCount = attrs.field(default=DayCount.AFTER_PERIOD, converter=_day_count)
    premature: Premature = attrs.field(default=Premature.IGNORE, converter=_premature)
    fod_after_third: FodAfterThird = attrs.field(
        default=FodAfterThird.AT_ONCE, converter=_fod_after_third
    )
    conflict_rule: ConflictRule = attrs.field(
        default=ConflictRule.AUTHORITY_THEN_LATER, converter=_conflict_rule
    )
    urgency_horizon_days: int = attrs.field(
        factory=lambda: _default_days("policy.urgency_horizon_days"), converter=_urgency_horizon
    )
    long_pending_days: int = attrs.field(
        factory=lambda: _default_days("policy.long_pending_days"), converter=_long_pending
    )
    pressing_horizon_days: int | None = attrs.field(default=None, converter=_pressing_horizon)
    normal_channel_levels: frozenset[Level] = attrs.field(
        default=_NORMAL_CHANNEL_LEVELS, converter=_levels
    )
    stale_after_days: int = attrs.field(default=1095, converter=_stale_after)
    processing_times_stale_after_days: int = attrs.field(default=90, converter=_times_stale_after)
    ombudsman_window: OmbudsmanWindow = attrs.field(
        default=OmbudsmanWindow.LATEST_CONTACT, converter=_ombudsman_window
    )


#: The default policy: every interpretation at its documented, conservative default.
DEFAULT_POLICY = Policy()


def check_policy(value: object) -> Policy:
    """``value`` if it is a :class:`Policy` (the ``policy`` argument of every question)."""
    return v.instance(
        value,
        Policy,
        "policy",
        what="a Policy",
        expected="an infopass_rules.Policy, e.g. DEFAULT_POLICY",
    )
