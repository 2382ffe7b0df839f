"""The service's limits, in one place (the OpenAPI document and the docs state them)."""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_BODY_BYTES", "MAX_ATTORNEYS", "MAX_HORIZON_DAYS"]

#: The largest request body read, by default (bytes; a docket of some 50,000 cases); larger is 413.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
#: The most attorneys a plan request may name (a firm's, not a country's).
MAX_ATTORNEYS = 200
#: The longest planning horizon a request may ask for, in days.
MAX_HORIZON_DAYS = 366
