"""A district and its ladder, as data: :class:`District` and :class:`Step`.

A USCIS district that publishes a ladder for cases outside normal processing times is described
here by the rule IDs and parameter names of the rule book that fix it: its offices, its steps and
the wait before each, the channels that count as a step, its appointment limits, and the rule IDs
of its supervisor and Field Office Director routes. The engine, the planner and the rules
reference read a district through this table only (see :mod:`.registry`), so a district is added
by describing it, not by editing them. The Miami District (``MIA-*``) is the one shipped.
"""

from __future__ import annotations

import attrs

from infopass_rules.errors import InvalidData
from infopass_rules.sources.rulebook import Rulebook

__all__ = ["District", "Step"]


@attrs.frozen
class Step:
    """One step of a ladder: the rule allowing it and the parameter holding the wait before it.

    ``wait`` names the parameter of the days without resolution after the previous step before
    this one may be made; the first step has none (it is allowed once the case is outside normal
    processing times).
    """

    rule_id: str
    wait: str | None = None


@attrs.frozen
class District:
    """A district's ladder and limits, by the rule IDs and parameter names that fix them.

    Attributes:
        id: a short code (``"MIA"``).
        name: the name a person reads (``"Miami District"``).
        offices: the parameter listing the district's field offices, by date.
        steps: the ladder's steps in order; the first has no wait, every later one has.
        counted_channels: the parameter of the channels that count as a step (its rule is the
            district's counting rule, e.g. MIA-COUNT).
        max_cases: the parameter of the most cases per appointment, or None (no such limit).
        max_per_day: the parameter of the most appointments per attorney per day, or None.
        supervisor_rule: the rule advising to ask for a Supervisor at an in-person appointment,
            or None.
        fod_ladder_rule: the rule sending the case to the Field Office Director after the last
            step, or None.
        fod_pressing_rule: the rule allowing the Field Office Director at any step for a pressing
            issue, or None.
        section: the ``section`` of the district's ladder rules in the rule book.
    """

    id: str
    name: str
    offices: str
    steps: tuple[Step, ...]
    counted_channels: str
    max_cases: str | None = None
    max_per_day: str | None = None
    supervisor_rule: str | None = None
    fod_ladder_rule: str | None = None
    fod_pressing_rule: str | None = None
    section: str = "ladder"

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise InvalidData("has no ladder steps", field=f"district {self.id}.steps")
        if self.steps[0].wait is not None or any(s.wait is None for s in self.steps[1:]):
            raise InvalidData(
                "has a wrongly placed wait",
                field=f"district {self.id}.steps",
                value=self.steps,
                expected="no wait before the first step and a wait before every later one",
            )

    @property
    def eligible_rule(self) -> str:
        """The rule allowing the first step once the case is outside normal processing times."""
        return self.steps[0].rule_id

    @property
    def parameters(self) -> tuple[str, ...]:
        """Every parameter the district names, in a fixed order."""
        named = (
            self.offices,
            self.counted_channels,
            *(s.wait for s in self.steps),
            self.max_cases,
            self.max_per_day,
        )
        return tuple(p for p in named if p is not None)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule the district names (its parameters' rules aside)."""
        named = (
            *(s.rule_id for s in self.steps),
            self.supervisor_rule,
            self.fod_ladder_rule,
            self.fod_pressing_rule,
        )
        return tuple(r for r in named if r is not None)

    def check_against(self, book: Rulebook) -> None:
        """Raise InvalidData unless every rule and parameter the district names is in ``book``."""
        for name in self.parameters:
            if name not in book.parameters:
                raise InvalidData(
                    "names a parameter the rule book lacks",
                    field=f"district {self.id}",
                    value=name,
                    expected="a parameter of the rule book",
                )
        for rule_id in self.rule_ids:
            if rule_id not in book.rules:
                raise InvalidData(
                    "names a rule the rule book lacks",
                    field=f"district {self.id}",
                    value=rule_id,
                    expected="a rule of the rule book",
                )
