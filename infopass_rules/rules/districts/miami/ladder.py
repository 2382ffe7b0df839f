"""The Miami District (``MIA-*``): its offices, its three-step ladder and its appointment limits.

A rule of the ladder is reviewed here: its step in :data:`MIAMI`'s table (the rule ID, the
parameter holding its wait), beside the source it rests on; the rule's own words and pinpoint
are in ``sources/data/rules.toml``, its number in ``sources/data/parameters.toml``, its tests in
``tests/rules/miami/test_ladder.py`` (one class per rule ID).

Sources: the Miami District's answers at AILA South Florida liaison meetings of 2012-05-22
(``miami-2012-05-22``: the three steps and their waits, MIA-ELIGIBLE, MIA-SECOND, MIA-THIRD),
2013-03-14 (``miami-2013-03-14``: which inquiries count, MIA-COUNT) and 2014-02-11
(``miami-2014-02-11``: the appointment limits, MIA-LIMIT-CASES and MIA-LIMIT-DAY), compiled with
the Supervisor and Field Office Director advice (MIA-SUPERVISOR, MIA-FOD-LADDER,
MIA-FOD-PRESSING) in the procedures of 2014-06-19 (``miami-procedures-2014-06-19``).

The numbers (waits, counted channels, limits) and the district's offices are dated parameters
(``miami.*``) of the rule book; this module only names them. The ladder itself is the generic
one of :mod:`infopass_rules.rules.districts.ladder`, over this table.
"""

from __future__ import annotations

from infopass_rules.rules.districts.district import District, Step

__all__ = ["MAX_CASES", "MAX_PER_DAY", "MIAMI", "OFFICES"]


#: The parameters naming the district's offices and its appointment limits (``parameters.toml``).
OFFICES = "miami.district_offices"
MAX_CASES = "miami.max_cases_per_appointment"
MAX_PER_DAY = "miami.max_appointments_per_day"

MIAMI = District(
    id="MIA",
    name="Miami District",
    offices=OFFICES,
    steps=(
        # MIA-ELIGIBLE (miami-2012-05-22, procedures, first bullet): "If a case lies outside the
        # normal processing times, an INFOPASS inquiry may be made."
        Step("MIA-ELIGIBLE"),
        # MIA-SECOND (miami-2012-05-22, procedures, second bullet): "If the case is not resolved
        # within (60) sixty of the INFOPASS appointment, a second INFOPASS appointment may be
        # made." The 60 days: miami.second_step_wait_days.
        Step("MIA-SECOND", wait="miami.second_step_wait_days"),
        # MIA-THIRD (miami-2012-05-22, procedures, third bullet): "If the case is not resolved
        # within (30) thirty days of that appointment, then a third INFOPASS appointment may be
        # made." The 30 days: miami.third_step_wait_days.
        Step("MIA-THIRD", wait="miami.third_step_wait_days"),
    ),
    # MIA-COUNT (miami-2013-03-14): INFOPASS, then Contact Center and e-Request inquiries count.
    counted_channels="miami.counted_channels",
    # MIA-LIMIT-CASES / MIA-LIMIT-DAY (miami-2014-02-11).
    max_cases=MAX_CASES,
    max_per_day=MAX_PER_DAY,
    # The procedures of 2014-06-19 (miami-procedures-2014-06-19).
    supervisor_rule="MIA-SUPERVISOR",
    fod_ladder_rule="MIA-FOD-LADDER",
    fod_pressing_rule="MIA-FOD-PRESSING",
    section="ladder",
)
