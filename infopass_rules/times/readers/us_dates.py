"""Dates as USCIS writes them in its processing-times data: ``October 09, 2020``."""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

__all__ = ["US_DATE_EXPECTED", "parse_us_date"]

_US_DATE = re.compile(r"([A-Za-z]+) ([0-9]{1,2}), ([0-9]{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
#: What a date cell or key accepts, as an error names it.
US_DATE_EXPECTED = "a date written like 'October 09, 2020', or an empty string"


@lru_cache(maxsize=4096)
def parse_us_date(text: str) -> _dt.date:
    """``"October 09, 2020"`` -> ``date(2020, 10, 9)`` (USCIS's ``%B %d, %Y``, English months).

    Cached: a folder of snapshots repeats the same few hundred dates thousands of times.

    Raises:
        ValueError: not in that format, or not a real date ("February 30, 2021").
    """
    match = _US_DATE.fullmatch(text.strip())
    month = _MONTHS.get(match[1].lower()) if match else None
    if match is None or month is None:
        raise ValueError("is not a date")
    try:
        return _dt.date(int(match[3]), month, int(match[2]))
    except ValueError:
        raise ValueError("is not a real date") from None
