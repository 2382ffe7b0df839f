"""Hypothesis strategies for the facts, for the tests of software built on this library.

Every strategy yields only valid values: each one builds without error and respects the
invariants the constructors check (``resolved_on`` and ``outside_processing_times_on`` on or
after ``received_on``; an appointment at a field office, listing 1 or more distinct receipt
numbers). :func:`histories` goes further and yields only histories the engine accepts for the
case it is given.

Dates fall between :data:`MIN_DATE` and :data:`MAX_DATE` unless narrowed with ``min_date`` and
``max_date``. Any field can be pinned to a value or drawn from another strategy::

    from hypothesis import given, strategies as st
    from infopass_rules.strategies import cases, histories

    @given(cases(office="MIA", issue=st.sampled_from([Issue.CASE_DELAY, Issue.DACA])))
    def test_something(case): ...

``st.from_type(Case)`` (and ``Inquiry``, ``Appointment``, ``Deadline``) uses these strategies:
the package registers them through Hypothesis's ``hypothesis`` entry point. This module imports
Hypothesis, so the runtime package never imports it.
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

from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Channel, Circumstance, Issue, Level, Outcome
from infopass_rules.facts.history import Appointment, Inquiry
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
        kinds: only offices of these kinds (all offices when None).
    """
    wanted = None if kinds is None else frozenset(kinds)
    codes = [o.code for o in all_offices() if wanted is None or o.kind in wanted]
    if not codes:
        raise InvalidArgument(f"no office is of the kinds {sorted(k.name for k in wanted or ())}")
    return st.sampled_from(codes)


def deadlines(
    *, min_date: _dt.date = MIN_DATE, max_date: _dt.date = MAX_DATE
) -> st.SearchStrategy[Deadline]:
    """Deadlines dated between ``min_date`` and ``max_date``, with a short description."""
    _check_range(min_date, max_date)
    return st.builds(Deadline, on=st.dates(min_date, max_date), what=_texts())


def cases(
    *, min_date: _dt.date = MIN_DATE, max_date: _dt.date = MAX_DATE, **overrides: object
) -> st.SearchStrategy[Case]:
    """Valid cases.

    Args:
        min_date: the earliest date of any date field drawn.
        max_date: the latest date drawn (a later ``received_on`` given as an override moves the
            dependent dates with it).
        **overrides: a field of ``Case`` pinned to a value, or drawn from a strategy. A pinned
            ``outside_processing_times_on`` or ``resolved_on`` bounds the ``received_on`` drawn
            (never after it, as ``Case`` requires), even when it falls outside
            ``[min_date, max_date]``; a ``received_on`` drawn from a strategy of yours that
            lands after such a date is rejected (the example is not used).

    Raises:
        InvalidArgument: an override that is not a field of ``Case``, an empty date range, a
            pinned date field that is not a ``datetime.date`` (nor None), or pinned dates
            ``Case`` refuses (``received_on`` after ``outside_processing_times_on`` or
            ``resolved_on``).
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
    """Valid inquiries dated between ``min_date`` and ``max_date``.

    Args:
        min_date: the earliest ``on``.
        max_date: the latest ``on``.
        **overrides: a field of ``Inquiry`` pinned to a value, or drawn from a strategy.

    Raises:
        InvalidArgument: an override that is not a field of ``Inquiry``, or an empty range.
    """
    _check_range(min_date, max_date)
    _check_overrides(Inquiry, overrides)
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
        min_date: the earliest ``on``.
        max_date: the latest ``on``.
        including: a receipt number every appointment lists (at a drawn position).
        max_receipts: the most receipt numbers one appointment lists (at least 1).
        **overrides: a field of ``Appointment`` pinned to a value, or drawn from a strategy.

    Raises:
        InvalidArgument: an override that is not a field of ``Appointment``, an empty date
            range, or ``max_receipts`` below 1.
    """
    _check_range(min_date, max_date)
    _check_overrides(Appointment, overrides)
    if max_receipts < 1:
        raise InvalidArgument(f"max_receipts={max_receipts!r}: an appointment lists 1 or more")
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
    or no case at all, and nothing is dated before ``case.received_on`` (or :data:`MIN_DATE`).
    With ``as_of``, inquiries are on or before it and appointments at most
    :data:`UPCOMING_DAYS` after it (an appointment still to attend); without, all items are on
    or before ``max_date``. Shuffle the result (``st.permutations``) to test order-independence.

    Args:
        case: the case the history is about.
        as_of: the day the history is looked at, if any.
        max_date: the latest date when ``as_of`` is None.
        max_size: the most items.
    """
    low = case.received_on or MIN_DATE
    high = as_of if as_of is not None else max_date
    upcoming = high + _dt.timedelta(days=UPCOMING_DAYS) if as_of is not None else high
    items: list[st.SearchStrategy[Inquiry | Appointment]] = [
        appointments(min_date=low, max_date=max(low, upcoming), including=case.receipt_number)
    ]
    if low <= high:  # no inquiry can be made before the case is received
        items.append(
            inquiries(
                min_date=low,
                max_date=high,
                receipt_number=st.none() | st.just(case.receipt_number),
            )
        )
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


def _check_range(min_date: _dt.date, max_date: _dt.date) -> None:
    if min_date > max_date:
        raise InvalidArgument(f"min_date={min_date} is after max_date={max_date}")
