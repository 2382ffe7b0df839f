"""The reading options of ``docket`` on the command line: ``--columns``, ``--history-columns``
and ``--date-format``, and the docket they read."""

from __future__ import annotations

import argparse
from typing import IO, Any

from infopass_rules.edges.docket.model import Docket
from infopass_rules.edges.docket.reading import DocketFile, read_docket

__all__ = ["add_read_options", "docket_from_args"]


def add_read_options(parser: Any) -> None:
    """Add the reading options to ``parser`` (an argparse parser)."""


def docket_from_args(
    args: argparse.Namespace, cases: DocketFile | IO[bytes], history: DocketFile | None
) -> Docket:
    """The docket read from ``cases`` and ``history`` with the options in ``args``."""
    return read_docket(cases, history)
