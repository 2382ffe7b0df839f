"""The Miami District ladder (MIA-ELIGIBLE, MIA-SECOND, MIA-THIRD and after): the generic ladder
over :data:`~infopass_rules.rules.districts.miami.district.MIAMI`'s step table.

Sources: ``miami-2012-05-22`` (the steps and their waits), ``miami-2013-03-14`` (MIA-COUNT),
``miami-procedures-2014-06-19`` (MIA-FOD-LADDER, MIA-FOD-PRESSING).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from infopass_rules.facts.case import Case
from infopass_rules.facts.history import Appointment, Inquiry
from infopass_rules.rules.districts.ladder import climb_ladder
from infopass_rules.rules.districts.miami.district import MIAMI
from infopass_rules.rules.eligibility import Eligibility
from infopass_rules.rules.reasoning import Proposal, Reasoning

__all__ = ["miami_ladder"]


def miami_ladder(
    case: Case,
    inquiries: Sequence[Inquiry],
    upcoming: Appointment | None,
    eligibility: Eligibility,
    as_of: _dt.date,
    why: Reasoning,
) -> Proposal:
    """The next ladder action for an unresolved delayed case at a Miami District office."""
    return climb_ladder(MIAMI, case, inquiries, upcoming, eligibility, as_of, why)
