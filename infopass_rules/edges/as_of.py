"""The day a command decides for: ``--as-of``, else the day its input gives, else today.

The commands (``next``, ``record``, ``docket``) are the only place a clock is read: the shell's
date, when nothing else names a day, and said on standard error. The library itself never reads
a clock.
"""

from __future__ import annotations

import datetime as _dt
import sys

from infopass_rules.facts import validate as v

__all__ = ["command_as_of"]


def command_as_of(flag: str | None, given: object, given_field: str, *, doing: str) -> _dt.date:
    """``--as-of`` (``flag``, ``YYYY-MM-DD``), else ``given`` (a case file's ``as_of`` text,
    checked under ``given_field``, or a day the command knows, such as the example docket's),
    else today, with a line on standard error (``doing``: "deciding", "record").

    Raises:
        InvalidValue: ``flag`` or ``given`` is not a ``YYYY-MM-DD`` day.
    """
    if flag is not None:
        return v.iso_date(flag, "--as-of")
    if isinstance(given, _dt.date):
        return given
    if given is not None:
        return v.iso_date(given, given_field)
    today = _dt.date.today()
    print(f"({doing} as of today, {today.isoformat()}; pass --as-of to choose)", file=sys.stderr)
    return today
