"""Shared sets of channels: a decision's channels come from this small table, not built anew.

Internal. A frozenset of channels is built once here and shared by every proposal and decision
that offers it, so a decision allocates no set of its own (and leaves the garbage collector less
to track). :func:`shared` gives the table's copy of any set of channels.
"""

from __future__ import annotations

from collections.abc import Iterable

from infopass_rules.facts.enums import Channel

__all__ = [
    "CONTACT_CENTER_ONLY",
    "INQUIRY_CHANNELS",
    "IN_PERSON",
    "MAIL_ONLY",
    "NO_CHANNEL",
    "REMEDY_CHANNELS",
    "USCIS_CONTACT_CHANNELS",
    "by_names",
    "shared",
]

_TABLE: dict[frozenset[Channel], frozenset[Channel]] = {}


def shared(channels: Iterable[Channel]) -> frozenset[Channel]:
    """The table's frozenset of ``channels`` (one object per set of channels)."""
    key = channels if type(channels) is frozenset else frozenset(channels)
    return _TABLE.setdefault(key, key)


NO_CHANNEL = shared(())
IN_PERSON = shared((Channel.INFOPASS,))
MAIL_ONLY = shared((Channel.MAIL,))
CONTACT_CENTER_ONLY = shared((Channel.CONTACT_CENTER,))
#: An inquiry about a delayed case outside every district: in person, by phone or online.
INQUIRY_CHANNELS = shared((Channel.INFOPASS, Channel.CONTACT_CENTER, Channel.E_REQUEST))
#: The "contact with USCIS" of OMB-CASE-ASSIST: an inquiry by any channel but mail (a held
#: appointment is an INFOPASS inquiry); a request to the Ombudsman or to Congress is none.
USCIS_CONTACT_CHANNELS = INQUIRY_CHANNELS
#: Requests beyond USCIS (docs/concepts/remedies.md): a CIS Ombudsman case-assistance request, a
#: congressional inquiry. Never an inquiry to USCIS, never a ladder step.
REMEDY_CHANNELS = shared((Channel.OMBUDSMAN, Channel.CONGRESS))


def by_names(names: Iterable[str]) -> frozenset[Channel]:
    """The shared frozenset of the channels named (``("INFOPASS", "E_REQUEST")``)."""
    return shared(Channel[name] for name in names)
