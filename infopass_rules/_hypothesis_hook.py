"""Hypothesis's entry point: registers the facts' strategies for ``st.from_type``.

Hypothesis runs this hook whenever it is imported, by any project. It is kept apart from
:mod:`infopass_rules.strategies` because that module itself imports Hypothesis: were the hook
there, ``from infopass_rules import strategies`` in a fresh interpreter would run the hook on a
half-imported module. Here the strategies are deferred, so :mod:`infopass_rules.strategies` (and
the office registry it reads) load only when a strategy is first drawn from.
"""

from __future__ import annotations

from typing import Any


def _strategy(name: str) -> Any:
    from hypothesis import strategies as st

    def build() -> Any:
        import infopass_rules.strategies as strategies

        return getattr(strategies, name)()

    return st.deferred(build)


def setup() -> None:
    """Register the strategies of :class:`Case`, :class:`Inquiry`, :class:`Appointment` and
    :class:`Deadline` (run by Hypothesis's entry point)."""
    from hypothesis import strategies as st

    from infopass_rules.facts.case import Case, Deadline
    from infopass_rules.facts.history import Appointment, Inquiry

    for cls, name in (
        (Case, "cases"),
        (Inquiry, "inquiries"),
        (Appointment, "appointments"),
        (Deadline, "deadlines"),
    ):
        st.register_type_strategy(cls, _strategy(name))
