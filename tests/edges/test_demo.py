"""The demo docket."""

from __future__ import annotations

import infopass_rules as ir


def test_demo_docket_covers_every_action() -> None:
    from infopass_rules.edges.demo import DEMO_DOCKET

    actions = {ir.next_action(e.case, e.history, as_of=e.as_of).action for e in DEMO_DOCKET}
    assert actions == set(ir.Action)
