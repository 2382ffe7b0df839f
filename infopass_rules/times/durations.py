"""Processing-time durations as USCIS publishes them ("29.5 Months", "5 Weeks"), added to dates.

USCIS gives each end of a processing-time range as a number and a unit, the number sometimes
fractional ("29.5 Months"). Adding such a duration to a receipt date needs a rule for the
fraction of a month, which USCIS does not state: :data:`FRACTIONAL_MONTH_DAYS` is that rule,
named here so that it can be read and changed in one place.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Final, Literal

import attrs

from infopass_rules.errors import InvalidValue

__all__ = [
    "AVERAGE_MONTH_DAYS",
    "FRACTIONAL_MONTH_DAYS",
    "UNIT_NAMES",
    "Duration",
    "Unit",
]

Unit = Literal["months", "weeks"]

#: How a fraction of a month becomes days when a duration is added to a date.
#:
#: The whole months are added as calendar months (``dateutil.relativedelta``: 31 January + 1 month
#: is 28 or 29 February), then the fraction as ``ceil(fraction * FRACTIONAL_MONTH_DAYS)`` days.
#: 31, the longest month, and rounding up make the result never earlier than any reading of
#: "x.5 months" (the engine's policy throughout is never to advise acting early): half a month
#: is 16 days. The published "receipt date for a case inquiry" matches no such rule exactly (it
#: moves daily while the range stays fixed), which is why the rule only serves estimates.
FRACTIONAL_MONTH_DAYS: Final = 31

#: The mean Gregorian month (365.2425 / 12 days): used only to compare two durations given in
#: different units ("4 Months" against "5 Weeks"), never to compute a date.
AVERAGE_MONTH_DAYS: Final = 30.436875

#: USCIS's unit spellings (compared case-insensitively) and the unit each stands for.
UNIT_NAMES: Final[dict[str, Unit]] = {
    "month": "months",
    "months": "months",
    "week": "weeks",
    "weeks": "weeks",
}

# Float noise (2.3 - 2 == 0.2999999999999998) must not push an exact day count up by one when it
# is rounded up; nine decimals keep every real fraction intact.
_NOISE_DIGITS = 9


def _check_value(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(
            "must be a number", field="value", value=value, expected="a non-negative number"
        )
    try:
        number = float(value)
    except OverflowError:  # an int beyond any float, such as 10**400
        number = math.inf
    if not math.isfinite(number) or number < 0:
        raise InvalidValue(
            "must be finite and not negative",
            field="value",
            value=value,
            expected="a non-negative number",
        )
    return number


def _check_unit(value: object) -> Unit:
    if value == "months":
        return "months"
    if value == "weeks":
        return "weeks"
    raise InvalidValue(
        "is not a duration unit", field="unit", value=value, expected="'months' or 'weeks'"
    )


@attrs.frozen
class Duration:
    """One end of a published processing-time range: ``Duration(29.5, "months")``.

    Attributes:
        value: the number USCIS published (not negative; may be fractional).
        unit: ``"months"`` or ``"weeks"`` (USCIS's "Month"/"Months"/"Week"/"Weeks").
    """

    value: float = attrs.field(converter=_check_value)
    unit: Unit = attrs.field(converter=_check_unit)

    def __str__(self) -> str:
        singular = self.unit[:-1] if self.value == 1 else self.unit
        return f"{self.value:g} {singular}"

    def approx_days(self) -> float:
        """The duration in days, months counted at :data:`AVERAGE_MONTH_DAYS` (for comparisons)."""
        return self.value * (AVERAGE_MONTH_DAYS if self.unit == "months" else 7.0)

    def add_to(self, start: _dt.date) -> _dt.date:
        """The date this duration after ``start``.

        Months: whole calendar months, then the fraction by :data:`FRACTIONAL_MONTH_DAYS`.
        Weeks: seven days each, a fractional day rounded up.

        Raises:
            InvalidValue: the result would fall after ``date.max``.
        """
        try:
            if self.unit == "weeks":
                return start + _dt.timedelta(days=_ceil_days(self.value * 7))
            from dateutil.relativedelta import relativedelta  # only when a date is computed

            whole = int(self.value)
            extra = _ceil_days((self.value - whole) * FRACTIONAL_MONTH_DAYS)
            return start + relativedelta(months=whole) + _dt.timedelta(days=extra)
        except (OverflowError, ValueError) as exc:
            raise InvalidValue(
                f"{self} after this date is past the last representable date",
                field="start",
                value=start,
                expected="a date early enough to add the duration to",
            ) from exc


def _ceil_days(days: float) -> int:
    return math.ceil(round(days, _NOISE_DIGITS))
