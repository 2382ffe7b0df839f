"""What USCIS published for one category of one form at one office, in one snapshot.

A :class:`PublishedTime` is one subtype of one answer of USCIS's processing-times API: the
processing-time range and the *receipt date for a case inquiry* (a case received before it is
outside normal processing times), with the dates the figures were published and fetched. It is
data, and names no rule: a rule that rests on it cites it with :meth:`PublishedTime.citation`.

The normalisers of the look-up keys live here too, shared by the table and the readers: a form
(:func:`form_key`), an office (:func:`office_key`) and a category (:func:`fold_category`).
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Final

import attrs

from infopass_rules.errors import InvalidValue, MissingFact
from infopass_rules.facts import validate as v
from infopass_rules.facts.forms import FORM_EXPECTED, normalise_form
from infopass_rules.facts.offices import resolve_office
from infopass_rules.sources.rulebook import Authority, Citation
from infopass_rules.times.durations import Duration

__all__ = [
    "CATEGORY_MAX_LENGTH",
    "DESCRIPTION_MAX_LENGTH",
    "SOURCE_ID",
    "PublishedTime",
    "describe_publication",
    "fold_category",
    "form_from_text",
    "form_key",
    "office_from_text",
    "office_key",
]

#: The source id a processing-times citation carries.
SOURCE_ID: Final = "uscis-processing-times"
#: The longest category (USCIS's ``form_type``) accepted.
CATEGORY_MAX_LENGTH = 100
#: The longest category description (USCIS's ``subtype_info_en``) accepted.
DESCRIPTION_MAX_LENGTH = 500
_DESCRIPTION_CHECK = v.optional_text("description", max_length=DESCRIPTION_MAX_LENGTH)


def _description(value: object) -> str | None:
    return _DESCRIPTION_CHECK(value)


# --- normalisation of the look-up keys (cached: the engine asks the same few keys many times) ---


@lru_cache(maxsize=1024)
def form_from_text(text: str) -> str:
    """``"i485"`` -> ``"I-485"`` (cached); raises InvalidValue for a non-form."""
    return normalise_form(text)


def form_key(value: object) -> str:
    """``"i485"`` -> ``"I-485"``; raises InvalidValue for a non-form, MissingFact for None."""
    if isinstance(value, str):
        return form_from_text(value)
    if value is None:
        raise MissingFact(
            "is needed to look up processing times", field="form", expected="e.g. 'I-485'"
        )
    raise InvalidValue("must be a string", field="form", value=value, expected=FORM_EXPECTED)


@lru_cache(maxsize=1024)
def office_from_text(text: str) -> str:
    """An office code, description or city -> its USCIS code (cached)."""
    return resolve_office(text, field="office")


def office_key(value: object) -> str:
    """An office code, description or city -> its USCIS code (UnknownOffice otherwise)."""
    if isinstance(value, str):
        return office_from_text(value)
    return resolve_office(value, field="office")


def fold_category(category: str) -> str:
    """A category (a name or a description) as it is matched: ``"i-485  family"`` names
    ``"I-485 Family"``."""
    # Case and runs of spaces carry no meaning in a category.
    return " ".join(category.split()).casefold()


def describe_publication(day: _dt.date | None) -> str:
    """``"published 2022-03-01"``, or ``"publication date not given"``."""
    return f"published {day.isoformat()}" if day is not None else "publication date not given"


# --- the value ----------------------------------------------------------------------------------


def _range_end(value: object) -> Duration | None:
    if value is None or isinstance(value, Duration):
        return value
    raise InvalidValue(
        "must be a Duration or None",
        field="upper/lower",
        value=value,
        expected="Duration(value, 'months' | 'weeks') or None",
    )


@attrs.frozen
class PublishedTime:
    """One category (subtype) of one snapshot: what USCIS published for a form at an office.

    Attributes:
        form: the form number, normalised (``"I-485"``).
        office: the USCIS office code (``"MIA"``).
        category: the subtype's ``form_type`` as published (``"I-485 Family"``, ``"160A"``).
        fetched_on: the day the snapshot was fetched: the "as of" date of the data.
        published_on: USCIS's publication date of the figures, when given.
        case_inquiry_date: the "receipt date for a case inquiry" (``service_request_date``) as
            published: a case received before it is outside normal processing times. ``None``
            when USCIS published none.
        upper: the upper end of the range (USCIS's ``range[0]``), when published.
        lower: the lower end of the range (USCIS's ``range[1]``), when published.
        suppressed: USCIS withheld the figures (a ``suppressed`` flag, or no case-inquiry date);
            a suppressed entry never says whether a case is outside normal processing times.
        origin: where it was read: the file (``"I-485/MIA/2022-02-19.json"``) or CSV line.
        description: the category's published description (``subtype_info_en``: "Family-Based
            adjustment applications"), when known. The JSON names a category by its
            ``form_type`` (``"I-485 Family"``), the CSV by a code (``"131A-FAM"``); both give this
            description, and :class:`~infopass_rules.times.table.ProcessingTimes` joins the
            names of a form that share it into one category.

    Raises:
        InvalidValue: a field of the wrong type, or ``published_on`` or ``case_inquiry_date``
            after ``fetched_on`` (a snapshot holds no date after the day it was fetched; the
            readers report it as InvalidData naming the file and the row or JSON path).
    """

    form: str = attrs.field(converter=form_key)
    office: str = attrs.field(converter=office_key)
    category: str = attrs.field(converter=v.TEXT, metadata=v.max_length(CATEGORY_MAX_LENGTH))
    fetched_on: _dt.date = attrs.field(converter=v.DATE)
    published_on: _dt.date | None = attrs.field(converter=v.OPTIONAL_DATE)
    case_inquiry_date: _dt.date | None = attrs.field(converter=v.OPTIONAL_DATE)
    upper: Duration | None = attrs.field(converter=_range_end)
    lower: Duration | None = attrs.field(converter=_range_end)
    suppressed: bool = attrs.field(converter=v.BOOL)
    origin: str = attrs.field(converter=v.TEXT, metadata=v.max_length(1000))
    description: str | None = attrs.field(
        default=None, converter=_description, metadata=v.max_length(DESCRIPTION_MAX_LENGTH)
    )

    def __attrs_post_init__(self) -> None:
        # A snapshot holds nothing dated after the day it was fetched: USCIS's publication date
        # and its receipt date for a case inquiry are both past when the figures are read (in
        # the shared data, by 1 to 45 and by 15 or more days). A later one is a wrong fetch date
        # or a broken file, and a decision must not rest on it.
        for name, day in (
            ("published_on", self.published_on),
            ("case_inquiry_date", self.case_inquiry_date),
        ):
            if day is not None and day > self.fetched_on:
                raise InvalidValue(
                    "is after the day the snapshot was fetched",
                    field=name,
                    value=day,
                    expected=f"a date on or before its fetch date {self.fetched_on.isoformat()}",
                )

    @property
    def usable(self) -> bool:
        """Whether the entry can answer "is the case outside?": not suppressed, a date given."""
        return not self.suppressed and self.case_inquiry_date is not None

    def longest(self) -> Duration | None:
        """The longer end of the range (by :meth:`Duration.approx_days`), or None.

        Normally ``upper``; compared rather than assumed because USCIS mixes units within one
        range ("4 Months" / "5 Weeks") and its flattened CSV has a row whose first end is the
        shorter one.
        """
        ends = [end for end in (self.upper, self.lower) if end is not None]
        return max(ends, key=Duration.approx_days, default=None)

    def citation(self, rule_id: str) -> Citation:
        """This entry as a citation for the rule ``rule_id`` that rests on it: USCIS's published
        data, dated and pinpointed.

        The citation's date is the publication date (the fetch date when none was published);
        the pinpoint names both dates and the receipt date for a case inquiry, so a reader can
        find the very figure the decision rested on.
        """
        if self.usable and self.case_inquiry_date is not None:
            figure = f"receipt date for a case inquiry {self.case_inquiry_date.isoformat()}"
        else:
            figure = "no receipt date for a case inquiry (figures suppressed by USCIS)"
        pinpoint = (
            f"{figure}; {describe_publication(self.published_on)}, "
            f"fetched {self.fetched_on.isoformat()} ({self.origin})"
        )
        return Citation(
            rule_id=rule_id,
            source_id=SOURCE_ID,
            title=f"USCIS processing times: {self.form} at {self.office} ({self.category})",
            date=self.published_on or self.fetched_on,
            issuer="USCIS",
            authority=Authority.DATA,
            pinpoint=pinpoint,
        )
