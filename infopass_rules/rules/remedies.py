"""Remedies beyond the InfoPass procedures (RULES.md section 7): what a firm may do once the
encoded USCIS route is run, or beside it: a CIS Ombudsman case-assistance request
(``OMB-CASE-ASSIST``) and a congressional inquiry (``CONG-INQUIRY``).

A :class:`Remedy` never replaces a decision's ``action``: it is listed beside it, in
:attr:`~infopass_rules.engine.decision.Decision.remedies`, with the earliest day it is open and
why; its rule is cited in the decision.
"""

from __future__ import annotations

import datetime as _dt

import attrs

__all__ = ["Remedy"]


@attrs.frozen
class Remedy:
    """A remedy beyond the InfoPass procedures, as it stands for one case on ``as_of``.

    Attributes:
        rule_id: the rule that sets its conditions (``OMB-CASE-ASSIST``, ``CONG-INQUIRY``).
        name: what it is, in words (``"CIS Ombudsman case-assistance request"``).
        earliest: the first day it is open to the case; None when no day can be told yet.
        allowed: whether it is open on ``as_of``.
        reason: why it is open, or what it waits for, in one sentence.
    """

    rule_id: str
    name: str
    earliest: _dt.date | None
    allowed: bool
    reason: str
