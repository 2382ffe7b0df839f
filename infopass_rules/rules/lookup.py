"""Fast look-ups in a rule book: a parameter's period in force on a day.

Internal. A decision reads a handful of dated parameters; :func:`period_at` finds the period in
force by bisection over an index built once per rule book (the same answer as
:meth:`~infopass_rules.sources.rulebook.Parameter.period_at`).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from functools import lru_cache

from infopass_rules.sources.rulebook import Rulebook, ValuePeriod

__all__ = ["first_value", "period_at"]

_Index = dict[str, tuple[tuple[_dt.date, ...], tuple[ValuePeriod, ...]]]


@lru_cache(maxsize=32)  # the shipped book, and the few extended by registered districts
def _index(book: Rulebook) -> _Index:
    return {
        name: (tuple(p.start for p in parameter.values), parameter.values)
        for name, parameter in book.parameters.items()
    }


def period_at(book: Rulebook, name: str, on: _dt.date) -> ValuePeriod | None:
    """The period of parameter ``name`` in force on ``on``, or None before the first one.

    Raises:
        KeyError: ``book`` has no such parameter.
    """
    starts, periods = _index(book)[name]
    i = bisect_right(starts, on)
    return periods[i - 1] if i else None


def first_value(book: Rulebook, name: str) -> object:
    """The first value of parameter ``name``."""
    return _index(book)[name][1][0].value
