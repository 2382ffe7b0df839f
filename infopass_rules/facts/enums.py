"""The vocabularies of the facts and of decisions.

Every enum's value is its name, so JSON (which serialises enums by name) and ``repr`` agree.
"""

from __future__ import annotations

import enum

__all__ = ["Action", "Channel", "Circumstance", "IdentityEnum", "Issue", "Level", "Outcome"]


class IdentityEnum(enum.Enum):
    """An enum hashed by identity (a C-level hash, not ``Enum``'s Python ``__hash__``): its
    members are singletons compared by identity, and the engine and the reports put them in sets
    and dicts on every decision. The base of every enumeration of the library: the facts'
    vocabularies here, and the kinds and settings the other layers name (warning kinds, triage
    factors, the policy's settings, an office's kind, a source's authority...)."""

    __hash__ = object.__hash__


class Issue(IdentityEnum):
    """What the client needs from USCIS."""

    #: The case is outside normal processing times (a district ladder: MIA-ELIGIBLE and after).
    CASE_DELAY = "CASE_DELAY"
    #: The issues the Contact Center names as suited to an appointment (CC-QUALIFYING).
    PROOF_OF_STATUS = "PROOF_OF_STATUS"
    ADVANCE_PAROLE = "ADVANCE_PAROLE"
    DACA = "DACA"
    PAROLE_IN_PLACE = "PAROLE_IN_PLACE"
    SATISFACTORY_DEPARTURE = "SATISFACTORY_DEPARTURE"
    ADIT_STAMP = "ADIT_STAMP"
    ELIS_APPLICATION = "ELIS_APPLICATION"
    #: Not INFOPASS matters (CC-NOT-INFOPASS).
    ROUTINE_QUESTION = "ROUTINE_QUESTION"
    FILE_APPLICATION = "FILE_APPLICATION"

    @property
    def words(self) -> str:
        """The issue as a person writes it: ``PROOF_OF_STATUS`` -> "proof of status",
        ``DACA`` -> "DACA"."""
        return _ISSUE_WORDS.get(self._name_) or self._name_.replace("_", " ").lower()


#: The issues whose words are not their name in lower case (acronyms kept).
_ISSUE_WORDS = {"DACA": "DACA", "ADIT_STAMP": "ADIT stamp", "ELIS_APPLICATION": "ELIS application"}


class Channel(IdentityEnum):
    """How an inquiry reaches USCIS, or, for ``OMBUDSMAN`` and ``CONGRESS``, where a request
    beyond USCIS went (the remedies: docs/concepts/remedies.md)."""

    #: In person, at an INFOPASS appointment at a field office.
    INFOPASS = "INFOPASS"
    #: By phone to the USCIS Contact Center (the National Customer Service Center before 2019).
    CONTACT_CENTER = "CONTACT_CENTER"
    #: Online, by e-Request on the USCIS website.
    E_REQUEST = "E_REQUEST"
    #: A letter mailed to an office (never a ladder step: MIA-COUNT).
    MAIL = "MAIL"
    #: A case-assistance request to the CIS Ombudsman (OMB-CASE-ASSIST): a request made beyond
    #: USCIS, never an inquiry to USCIS, never a ladder step.
    OMBUDSMAN = "OMBUDSMAN"
    #: A congressional inquiry, made by a member of Congress's office (CONG-INQUIRY): a request
    #: made beyond the InfoPass procedures, never an inquiry by the firm to USCIS, never a step.
    CONGRESS = "CONGRESS"

    @property
    def words(self) -> str:
        """The channel as a person writes it before "inquiry": ``CONTACT_CENTER`` -> "Contact
        Center", ``E_REQUEST`` -> "e-Request"."""
        return _CHANNEL_WORDS[self._name_]


_CHANNEL_WORDS = {
    "INFOPASS": "INFOPASS",
    "CONTACT_CENTER": "Contact Center",
    "E_REQUEST": "e-Request",
    "MAIL": "mail",
    "OMBUDSMAN": "CIS Ombudsman",
    "CONGRESS": "congressional",
}


class Outcome(IdentityEnum):
    """What an inquiry achieved."""

    UNRESOLVED = "UNRESOLVED"
    RESOLVED = "RESOLVED"
    #: The Contact Center opened a service request.
    SERVICE_REQUEST = "SERVICE_REQUEST"
    #: Tier 1 referred the matter to a Tier 2 officer, who is to call back (CC-TIER2).
    TIER_2_REFERRAL = "TIER_2_REFERRAL"


class Level(IdentityEnum):
    """The highest officer reached at an inquiry, or the one an escalation asks for."""

    INFORMATION_OFFICER = "INFORMATION_OFFICER"
    SUPERVISOR = "SUPERVISOR"
    SECTION_CHIEF = "SECTION_CHIEF"
    FIELD_OFFICE_DIRECTOR = "FIELD_OFFICE_DIRECTOR"
    TIER_1 = "TIER_1"
    TIER_2 = "TIER_2"
    TIER_2_SUPERVISOR = "TIER_2_SUPERVISOR"

    @property
    def title(self) -> str:
        """The officer's title as a person writes it: ``SECTION_CHIEF`` -> "Section Chief"."""
        return _TITLES[self._name_]


#: Each officer's title, written once: the name's words capitalised.
_TITLES = {level.name: level.name.replace("_", " ").title() for level in Level}


class Circumstance(IdentityEnum):
    """Personal circumstances the Contact Center weighs in triage (CC-TRIAGE)."""

    HEALTH = "HEALTH"
    EMPLOYMENT = "EMPLOYMENT"
    FINANCIAL = "FINANCIAL"


class Action(IdentityEnum):
    """The next action a decision recommends."""

    #: Make an inquiry (a ladder step, under a district ladder).
    INQUIRE = "INQUIRE"
    #: Ask the Contact Center for an in-person appointment.
    REQUEST_APPOINTMENT = "REQUEST_APPOINTMENT"
    #: An appointment is booked: attend it, with the checklist.
    ATTEND_APPOINTMENT = "ATTEND_APPOINTMENT"
    #: Ask for a higher officer (see ``Decision.level``).
    ESCALATE = "ESCALATE"
    #: Not an INFOPASS matter: file online or by mail, or ask by phone or online.
    USE_OTHER_SERVICE = "USE_OTHER_SERVICE"
    #: The encoded procedures set no further step: the Field Office Director was reached at or
    #: after a district ladder's last step (MIA-FOD-LADDER), or the Tier 2 Supervisor under the
    #: Contact Center (CC-SUPERVISOR), and the case is still unresolved.
    EXHAUSTED = "EXHAUSTED"
    #: Nothing to do (the case is resolved, or not yet received on ``as_of``).
    NONE = "NONE"
