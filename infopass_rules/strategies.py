"""Hypothesis strategies for the facts, for the tests of software built on this library.

Every strategy yields only valid values: each one builds without error and respects the
invariants the constructors check (``resolved_on`` and ``outside_processing_times_on`` on or
after ``received_on``; an appointment at a field office, listing 1 or more distinct receipt
numbers). :func:`histories` goes further and yields only histories the engine accepts for the
case it is given.

Dates fall between :data:`MIN_DATE` and :data:`MAX_DATE` unless set with ``min_date`` and
``max_date``: any ``datetime.date`` from ``date.min`` to ``date.max`` (not a ``datetime``), with
``min_date <= max_date``. Any field can be pinned to a value or drawn from another strategy::

    from hypothesis import given, strategies as st
    from infopass_rules.strategies import cases, histories

    @given(cases(office="MIA", issue=st.sampled_from([Issue.CASE_DELAY, Issue.DACA])))
    def test_something(case): ...

``st.from_type(Case)`` (and ``Inquiry``, ``Appointment``, ``Deadline``) uses these strategies:
the package registers them through Hypothesis's ``hypothesis`` entry point. This module imports
Hypothesis, so the runtime package never imports it.

Every argument is checked when the strategy is made: a bad one (a date range that is empty or not
of dates, a pinned value the fact's constructor refuses, a size out of range) raises Hypothesis's
``InvalidArgument`` at once, never an error in the middle of a test. Only the values your own
strategies yield are checked when drawn, by the constructors (an ``InvalidValue``).
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from infopass_rules.errors import InfopassRulesError
from infopass_rules.facts import validate as _v
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import (
    MAX_HISTORY_ITEMS,
    MAX_RECEIPTS_PER_APPOINTMENT,
    Appointment,
    Inquiry,
)
from infopass_rules.facts.offices import OfficeKind, all_offices

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "appointments",
    "cases",
    "deadlines",
    "histories",
    "inquiries",
    "offices",
    "receipt_numbers",
]

T = TypeVar("T")

#: The default range of every date drawn: realistic for INFOPASS-era cases.
MIN_DATE = _dt.date(2010, 1, 1)
MAX_DATE = _dt.date(2026, 12, 31)

#: A case is handled by a field office or a center; the aggregates ("All Field Offices") are
#: reporting codes, never the office of one case.
CASE_OFFICE_KINDS = frozenset({OfficeKind.FIELD_OFFICE, OfficeKind.CENTER})
#: How far past ``as_of`` :func:`histories` schedules an appointment still to attend.
UPCOMING_DAYS = 90

# Prefixes seen on real receipts, drawn often so examples read like real receipt numbers; any
# three letters are valid too, and drawn as well.
_REAL_PREFIXES = ("EAC", "WAC", "LIN", "SRC", "MSC", "NBC", "IOE", "YSC")
_FORMS = ("I-485", "I-130", "I-765", "I-131", "I-751", "I-90", "N-400", "N-600K", "I-129CW")
_CATEGORIES = ("160A", "I-485 Family", "Employment-based", "Initial EAD")


def receipt_numbers() -> st.SearchStrategy[str]:
    """Receipt numbers in their normal form: 3 upper-case letters and 10 digits."""
    prefixes = st.sampled_from(_REAL_PREFIXES) | st.text(
        string.ascii_uppercase, min_size=3, max_size=3
    )
    return st.builds(str.__add__, prefixes, st.text(string.digits, min_size=10, max_size=10))


def offices(kinds: Iterable[OfficeKind] | None = None) -> st.SearchStrategy[str]:
    """Office codes of the bundled registry.

    Args:
        kinds: only offices of these kinds: an iterable of ``OfficeKind`` (all offices when None).

    Raises:
        InvalidArgument: ``kinds`` is not an iterable of ``OfficeKind``, or no office is of
            those kinds (an empty ``kinds``, or only aggregates that name no office).
    """
    wanted = None if kinds is None else _kinds(kinds)
    codes = [o.code for o in all_offices() if wanted is None or o.kind in wanted]
    if not codes:
        raise InvalidArgument(f"no office is of the kinds {sorted(k.name for k in wanted or ())}")
    return st.sampled_from(codes)


def deadlines(
    *, min_date: _dt.date = MIN_DATE, max_date: _dt.date = MAX_DATE
) -> st.SearchStrategy[Deadline]:
    """Deadlines dated between ``min_date`` and ``max_date``, with a short description.

    Args:
        min_date: the earliest ``on``, any ``datetime.date``.
        max_date: the latest ``on``, on or after ``min_date``.

    Raises:
        InvalidArgument: ``min_date`` or ``max_date`` is not a date, or ``min_date`` is after
            ``max_date``.
    """
    _check_range(min_date, max_date)
    return st.builds(Deadline, on=st.dates(min_date, max_date), what=_texts())


def cases(
    *, min_date: _dt.date = MIN_DATE, max_date: _dt.date = MAX_DATE, **overrides: object
) -> st.SearchStrategy[Case]:
    """Valid cases.

    Args:
        min_date: the earliest date of any date field drawn (any ``datetime.date``).
        max_date: the latest date drawn, on or after ``min_date`` (a later ``received_on`` given
            as an override moves the dependent dates with it).
        **overrides: a field of ``Case`` pinned to a value, or drawn from a strategy. A pinned
            ``outside_processing_times_on`` or ``resolved_on`` bounds the ``received_on`` drawn
            (never after it, as ``Case`` requires), even when it falls outside
            ``[min_date, max_date]``; a ``received_on`` drawn from a strategy of yours that
            lands after such a date is rejected (the example is not used).

    Raises:
        InvalidArgument: an override that is not a field of ``Case``, an empty date range, a
            pinned date field that is not a ``datetime.date`` (nor None), pinned dates
            ``Case`` refuses (``received_on`` after ``outside_processing_times_on`` or
            ``resolved_on``), or any other pinned value ``Case`` refuses (a receipt number or
            an office it does not know, more than ``MAX_DEADLINES`` deadlines, ...).
    """
    _check_range(min_date, max_date)
    _check_overrides(Case, overrides)
    for name in _CASE_DATES:
        value = overrides.get(name)
        pinned = value is not None and not isinstance(value, st.SearchStrategy)
        if pinned and (isinstance(value, _dt.datetime) or not isinstance(value, _dt.date)):
            raise InvalidArgument(f"{name}={value!r}: must be a datetime.date, None or a strategy")
    received = overrides.get("received_on")
    if isinstance(received, _dt.date):
        for name in _CASE_DATES[1:]:
            later = overrides.get(name)
            if isinstance(later, _dt.date) and later < received:
                raise InvalidArgument(
                    f"{name}={later} is before received_on={received}: Case refuses it"
                )
    _check_pinned(Case, overrides, {"receipt_number": "MSC0000000000", "office": "MIA"})
    return _cases(min_date, max_date, overrides)


_CASE_DATES = ("received_on", "outside_processing_times_on", "resolved_on")


@st.composite
def _cases(
    draw: st.DrawFn, min_date: _dt.date, max_date: _dt.date, overrides: Mapping[str, object]
) -> Case:
    def pick(name: str, default: st.SearchStrategy[object]) -> object:
        return _pick(draw, overrides, name, default)

    # The later dates the caller gave (pinned or drawn from the caller's strategy) come first:
    # received_on is then drawn on or before them, as Case requires.
    given = {
        name: _pick(draw, overrides, name, st.none())
        for name in _CASE_DATES[1:]
        if name in overrides
    }
    bounds = [d for d in given.values() if isinstance(d, _dt.date)]
    upper = min([max_date, *bounds])
    lower = min(min_date, upper)
    received_on = pick("received_on", st.none() | st.dates(lower, upper))
    if isinstance(received_on, _dt.date) and any(d < received_on for d in bounds):
        reject()  # the caller's strategies gave dates Case refuses together
    # The later dates not given are drawn from received_on on.
    low = received_on if isinstance(received_on, _dt.date) else min_date
    later = st.none() | st.dates(low, max(low, max_date))
    return Case(
        receipt_number=pick("receipt_number", receipt_numbers()),
        office=pick("office", offices(CASE_OFFICE_KINDS)),
        issue=pick("issue", st.sampled_from(Issue)),
        form=pick("form", st.none() | st.sampled_from(_FORMS)),
        category=pick("category", st.none() | st.sampled_from(_CATEGORIES)),
        received_on=received_on,
        outside_processing_times_on=given["outside_processing_times_on"]
        if "outside_processing_times_on" in given
        else pick("outside_processing_times_on", later),
        deadlines=pick(
            "deadlines", st.lists(deadlines(min_date=min_date, max_date=max_date), max_size=3)
        ),
        circumstances=pick("circumstances", st.frozensets(st.sampled_from(Circumstance))),
        pressing=pick("pressing", st.booleans()),
        resolved_on=given["resolved_on"] if "resolved_on" in given else pick("resolved_on", later),
    )


def inquiries(
    *, min_date: _dt.date = MIN_DATE, max_date: _dt.date = MAX_DATE, **overrides: object
) -> st.SearchStrategy[Inquiry]:
    """Valid inquiries dated between ``min_date`` and ``max_date``, of every channel: the
    inquiries to USCIS and the requests beyond it (``Channel.OMBUDSMAN``, ``Channel.CONGRESS``:
    docs/concepts/remedies.md), so that a property over histories meets both.

    Args:
        min_date: the earliest ``on`` (any ``datetime.date``).
        max_date: the latest ``on``, on or after ``min_date``.
        **overrides: a field of ``Inquiry`` pinned to a value (used as given, even an ``on``
            outside ``[min_date, max_date]``), or drawn from a strategy.

    Raises:
        InvalidArgument: an override that is not a field of ``Inquiry``, an empty date range or
            one not of dates, or a pinned value ``Inquiry`` refuses.
    """
    _check_range(min_date, max_date)
    _check_overrides(Inquiry, overrides)
    _check_pinned(Inquiry, overrides, {"on": min_date, "channel": Channel.E_REQUEST})
    defaults: dict[str, st.SearchStrategy[object]] = {
        "on": st.dates(min_date, max_date),
        "channel": st.sampled_from(Channel),
        "outcome": st.sampled_from(Outcome),
        "level": st.none() | st.sampled_from(Level),
        "receipt_number": st.none() | receipt_numbers(),
        "reference": st.none() | _texts(),
        "note": st.none() | _texts(),
    }
    return st.builds(Inquiry, **_merge(defaults, overrides))


def appointments(
    *,
    min_date: _dt.date = MIN_DATE,
    max_date: _dt.date = MAX_DATE,
    including: str | None = None,
    max_receipts: int = 5,
    **overrides: object,
) -> st.SearchStrategy[Appointment]:
    """Valid appointments at field offices.

    Args:
        min_date: the earliest ``on`` (any ``datetime.date``).
        max_date: the latest ``on``, on or after ``min_date``.
        including: a receipt number every appointment lists (at a drawn position), normalised as
            ``Appointment`` normalises it; not with a ``receipt_numbers`` override.
        max_receipts: the most receipt numbers one appointment lists, an int from 1 to
            ``MAX_RECEIPTS_PER_APPOINTMENT`` (1000).
        **overrides: a field of ``Appointment`` pinned to a value (used as given), or drawn from
            a strategy.

    Raises:
        InvalidArgument: an override that is not a field of ``Appointment``, an empty date
            range or one not of dates, ``max_receipts`` out of range or not an int, an
            ``including`` that is not a receipt number or comes with a ``receipt_numbers``
            override, or a pinned value ``Appointment`` refuses (a service center's office,
            ...).
    """
    _check_range(min_date, max_date)
    _check_overrides(Appointment, overrides)
    if (
        isinstance(max_receipts, bool)
        or not isinstance(max_receipts, int)
        or not 1 <= max_receipts <= MAX_RECEIPTS_PER_APPOINTMENT
    ):
        raise InvalidArgument(
            f"max_receipts={max_receipts!r}: an appointment lists from 1 to "
            f"{MAX_RECEIPTS_PER_APPOINTMENT} receipt numbers"
        )
    if including is not None:
        if "receipt_numbers" in overrides:
            raise InvalidArgument("including and receipt_numbers: give one or the other")
        including = _receipt_number(including, "including")
    _check_pinned(
        Appointment,
        overrides,
        {"on": min_date, "office": "MIA", "receipt_numbers": [including or "MSC0000000000"]},
    )
    numbers: st.SearchStrategy[object]
    if including is None:
        numbers = st.lists(receipt_numbers(), min_size=1, max_size=max_receipts, unique=True)
    else:
        numbers = _listing(including, max_receipts)
    defaults: dict[str, st.SearchStrategy[object]] = {
        "on": st.dates(min_date, max_date),
        "office": offices([OfficeKind.FIELD_OFFICE]),
        "receipt_numbers": numbers,
        "attorney": st.none() | _texts(),
    }
    return st.builds(Appointment, **_merge(defaults, overrides))


@st.composite
def _listing(draw: st.DrawFn, receipt_number: str, max_receipts: int) -> list[str]:
    others = draw(
        st.lists(
            receipt_numbers().filter(lambda n: n != receipt_number),
            max_size=max_receipts - 1,
            unique=True,
        )
    )
    others.insert(draw(st.integers(0, len(others))), receipt_number)
    return others


def histories(
    case: Case,
    as_of: _dt.date | None = None,
    *,
    max_date: _dt.date = MAX_DATE,
    max_size: int = 6,
) -> st.SearchStrategy[tuple[Inquiry | Appointment, ...]]:
    """Histories of ``case`` that the engine accepts, in date order.

    Every item concerns the case: an appointment lists its receipt number, an inquiry names it
    or no case at all, and nothing is dated before ``case.received_on`` (with no
    ``received_on``, before :data:`MIN_DATE`, or the latest date allowed if that is earlier).
    With ``as_of``, inquiries are on or before it and appointments at most
    :data:`UPCOMING_DAYS` after it (an appointment still to attend); without, all items are on
    or before ``max_date``. A case received after those bounds (received after ``as_of``: no
    inquiry; more than :data:`UPCOMING_DAYS` after it: nothing) gets only the items that fit,
    down to the empty history. Shuffle the result (``st.permutations``) to test
    order-independence.

    Args:
        case: the case the history is about (a ``Case``).
        as_of: the day the history is looked at, a ``datetime.date``, or None.
        max_date: the latest date when ``as_of`` is None (any ``datetime.date``).
        max_size: the most items, an int from 0 to ``MAX_HISTORY_ITEMS`` (10,000), the most the
            engine reads.

    Raises:
        InvalidArgument: ``case`` is not a ``Case``, ``as_of`` or ``max_date`` is not a date,
            or ``max_size`` is out of range or not an int.
    """
    if not isinstance(case, Case):
        raise InvalidArgument(f"case={case!r}: must be a Case")
    if as_of is not None:
        _check_date("as_of", as_of)
    _check_date("max_date", max_date)
    if (
        isinstance(max_size, bool)
        or not isinstance(max_size, int)
        or not 0 <= max_size <= MAX_HISTORY_ITEMS
    ):
        raise InvalidArgument(
            f"max_size={max_size!r}: must be an int from 0 to {MAX_HISTORY_ITEMS}"
        )
    high = as_of if as_of is not None else max_date  # the latest inquiry
    upcoming = high if as_of is None else _days_after(high, UPCOMING_DAYS)  # the latest item
    low = case.received_on if case.received_on is not None else min(MIN_DATE, high)
    items: list[st.SearchStrategy[Inquiry | Appointment]] = []
    if low <= upcoming:  # nothing is dated before the case is received
        items.append(appointments(min_date=low, max_date=upcoming, including=case.receipt_number))
    if low <= high:  # no inquiry can be made before the case is received
        items.append(
            inquiries(
                min_date=low,
                max_date=high,
                receipt_number=st.none() | st.just(case.receipt_number),
            )
        )
    if not items or max_size == 0:
        return st.just(())
    return st.lists(st.one_of(items), max_size=max_size).map(
        lambda history: tuple(sorted(history, key=lambda item: item.on))
    )


# --- helpers --------------------------------------------------------------------------------


def _texts(max_size: int = 40) -> st.SearchStrategy[str]:
    # Stripped and non-empty, as the facts store text; any printable Unicode, so that
    # serialisation meets more than ASCII.
    characters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
    return st.text(characters, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def _pick(
    draw: st.DrawFn,
    overrides: Mapping[str, object],
    name: str,
    default: st.SearchStrategy[object],
) -> object:
    value = overrides.get(name, default)
    return draw(value) if isinstance(value, st.SearchStrategy) else value


def _merge(
    defaults: Mapping[str, st.SearchStrategy[object]], overrides: Mapping[str, object]
) -> dict[str, st.SearchStrategy[object]]:
    """The defaults with the overrides in their place (a plain value becomes ``st.just``)."""
    merged = dict(defaults)
    for name, value in overrides.items():
        merged[name] = value if isinstance(value, st.SearchStrategy) else st.just(value)
    return merged


def _check_overrides(cls: type, overrides: Mapping[str, object]) -> None:
    names = [a.name for a in attrs.fields(cls)]
    unknown = sorted(set(overrides) - set(names))
    if unknown:
        raise InvalidArgument(
            f"{', '.join(unknown)}: not a field of {cls.__name__} (fields: {', '.join(names)})"
        )


def _check_date(name: str, value: object) -> None:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise InvalidArgument(f"{name}={value!r}: must be a datetime.date (not a datetime)")


def _check_range(min_date: _dt.date, max_date: _dt.date) -> None:
    _check_date("min_date", min_date)
    _check_date("max_date", max_date)
    if min_date > max_date:
        raise InvalidArgument(f"min_date={min_date} is after max_date={max_date}")


def _check_pinned(
    cls: type, overrides: Mapping[str, object], required: Mapping[str, object]
) -> None:
    """Build one ``cls`` from the pinned values (and stand-ins for the required fields not
    pinned): a value its constructor refuses is an ``InvalidArgument`` now, not at draw time."""
    pinned = {k: v for k, v in overrides.items() if not isinstance(v, st.SearchStrategy)}
    if not pinned:
        return
    try:
        cls(**{**required, **pinned})
    except InfopassRulesError as exc:
        raise InvalidArgument(f"{cls.__name__} refuses a pinned value: {exc}") from exc


def _kinds(kinds: object) -> frozenset[OfficeKind]:
    if isinstance(kinds, OfficeKind | str) or not isinstance(kinds, Iterable):
        raise InvalidArgument(f"kinds={kinds!r}: must be an iterable of OfficeKind, or None")
    wanted = frozenset(kinds)
    strays = [k for k in wanted if not isinstance(k, OfficeKind)]
    if strays:
        raise InvalidArgument(f"kinds: {strays[0]!r} is not an OfficeKind")
    return wanted


def _receipt_number(value: object, name: str) -> str:
    try:
        return _v.receipt_number(value, name)
    except InfopassRulesError as exc:
        raise InvalidArgument(f"{name}={value!r}: {exc}") from exc


def _days_after(day: _dt.date, days: int) -> _dt.date:
    """``day`` plus ``days``, or the last representable date when that is past it."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max
