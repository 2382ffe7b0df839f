"""USCIS processing times as a table: by the published figures, from when is a case outside them?

USCIS publishes, per form, office and form category ("subtype"), a processing-time range and a
*receipt date for a case inquiry*: a case received before that date is outside normal processing
times. That date is the oracle this table answers from; it is never recomputed from the range
(USCIS moves it day by day while the range and the publication date stay fixed). The table is
data: it says what the figures say, and the rules that rest on them cite its entries.

:func:`load_processing_times` reads the answers of USCIS's processing-times API (one JSON file,
a folder of daily snapshots laid out ``{FORM}/{OFFICE}/{YYYY-MM-DD}.json``, or the flattened CSV)
into a :class:`ProcessingTimes`. The table is *bitemporal*: it keeps every snapshot by the date it
was fetched, and every question is asked "as of" a date, answered from the latest snapshot
fetched on or before it, never from one fetched later. A firm replaying a past decision therefore
gets the answer the data available on that day gave.

Example::

    import datetime as dt
    import infopass_rules as ir

    pt = ir.load_processing_times("uscis-processing-times/")
    pt.case_inquiry_date("I-485", "MIA", category="I-485 Family", as_of=dt.date(2022, 3, 1))
    pt.outside_since("N-400", "Miami", received_on=dt.date(2021, 1, 4), as_of=dt.date(2022, 5, 3))
"""

from __future__ import annotations

import datetime as _dt
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping

import attrs

from infopass_rules.errors import InvalidData, InvalidValue, MissingFact
from infopass_rules.facts import validate as v
from infopass_rules.times.categories import find_category, names_of_category
from infopass_rules.times.published import (
    PublishedTime,
    describe_publication,
    fold_category,
    form_key,
    office_key,
)

__all__ = ["OutsideFinding", "ProcessingTimes", "load_processing_times"]

_ONE_DAY = _dt.timedelta(days=1)


@attrs.frozen
class OutsideFinding:
    """When a case is (or is estimated to be) outside normal processing times.

    Attributes:
        on: the first day it is known to be outside (``estimated`` False), the estimated day
            (``estimated`` True), or None when the data cannot say.
        estimated: True when ``on`` is an estimate from the published range rather than a
            snapshot's receipt date for a case inquiry.
        entry: the snapshot entry the finding rests on, if any (cite it with
            :meth:`PublishedTime.citation`).
        explanation: one or two sentences a lawyer can read.
    """

    on: _dt.date | None
    estimated: bool
    entry: PublishedTime | None
    explanation: str


# --- the table ----------------------------------------------------------------------------------


@attrs.frozen
class _Series:
    """Every snapshot of one (form, office), in fetch-date order."""

    form: str
    office: str
    dates: tuple[_dt.date, ...]
    snapshots: tuple[Mapping[str, PublishedTime], ...]  # canonical category -> entry
    categories: tuple[str, ...]  # every category ever published, sorted
    folded: Mapping[str, str]  # folded category -> canonical


def _same_figures(a: PublishedTime, b: PublishedTime) -> bool:
    return attrs.evolve(a, origin=b.origin) == b


def _checked(entries: Iterable[PublishedTime]) -> list[PublishedTime]:
    out = list(entries)
    for i, entry in enumerate(out):
        if not isinstance(entry, PublishedTime):
            raise InvalidValue(
                "must be a PublishedTime",
                field=f"entries[{i}]",
                value=entry,
                expected="PublishedTime values, e.g. from load_processing_times()",
            )
    return out


def _canonical_names(entries: list[PublishedTime]) -> dict[tuple[str, str], str]:
    """(form, published name) -> the one name of its category.

    Within a form, the names given with one description (``"I-485 Family"`` in the JSON,
    ``"131A-FAM"`` in the CSV, both "Family-Based adjustment applications") are one category,
    named by the latest snapshot that gives it (the most recent name USCIS used; the first in
    sorted order among a day's). The aliasing is read from the data, and from the table of
    category names built from the shared data (:mod:`~infopass_rules.times.categories`).
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    latest: dict[tuple[str, str], _dt.date] = {}
    for e in entries:
        name = (e.form, "n:" + e.category)
        if e.description is not None:
            parent[find(name)] = find((e.form, "d:" + fold_category(e.description)))
        known = find_category(e.form, e.category)
        if known is not None:  # one category by the table of names, whatever the descriptions
            parent[find(name)] = find((e.form, "k:" + known.code))
        latest[name] = max(latest.get(name, e.fetched_on), e.fetched_on)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name in latest:
        groups.setdefault(find(name), []).append(name)
    out: dict[tuple[str, str], str] = {}
    for members in groups.values():
        # The name of the latest snapshot; among names of the same day, the first sorted.
        best = min(members, key=lambda n: (-latest[n].toordinal(), n[1]))
        for member in members:
            out[(member[0], member[1][2:])] = best[1][2:]
    return out


def _build(entries: Iterable[PublishedTime]) -> dict[tuple[str, str], _Series]:
    checked = _checked(entries)
    canonical = _canonical_names(checked)
    grouped: dict[tuple[str, str], dict[_dt.date, dict[str, PublishedTime]]] = {}
    # A category's names and descriptions, by form: a name USCIS uses at one office names the
    # category at every office of the form.
    aliases: dict[str, dict[str, set[str]]] = {}
    for entry in checked:
        key = (entry.form, entry.office)
        name = canonical[(entry.form, entry.category)]
        snapshot = grouped.setdefault(key, {}).setdefault(entry.fetched_on, {})
        known = aliases.setdefault(entry.form, {}).setdefault(name, set())
        known.add(entry.category)
        if entry.description is not None:
            known.add(entry.description)
        seen = snapshot.get(name)
        if seen is not None:
            if _same_figures(seen, entry):
                continue  # the flattened CSV repeats some rows verbatim
            raise InvalidData(
                f"is published twice with different figures ({seen.origin} and {entry.origin})",
                field=f"{entry.form} at {entry.office}, category {entry.category!r}, "
                f"fetched {entry.fetched_on.isoformat()}",
            )
        snapshot[name] = entry
    series: dict[tuple[str, str], _Series] = {}
    for key, by_date in grouped.items():
        dates = tuple(sorted(by_date))
        names = sorted({c for snap in by_date.values() for c in snap})
        folded: dict[str, str] = {}
        for name in names:
            other = folded.setdefault(fold_category(name), name)
            if other != name:
                raise InvalidData(
                    f"differs from category {other!r} only by case or spacing",
                    field=f"{key[0]} at {key[1]}, category {name!r}",
                )
        # Every other name and description of a category names it too; a category's own name
        # wins over another's alias.
        for name in names:
            for alias in sorted(aliases[key[0]][name]):
                folded.setdefault(fold_category(alias), name)
        # Then the names the table of category names gives them (a code in a JSON folder).
        for name in names:
            for alias in names_of_category(key[0], sorted(aliases[key[0]][name])):
                folded.setdefault(fold_category(alias), name)
        series[key] = _Series(
            form=key[0],
            office=key[1],
            dates=dates,
            snapshots=tuple(by_date[d] for d in dates),
            categories=tuple(names),
            folded=folded,
        )
    return series


class ProcessingTimes:
    """An immutable, bitemporal table of USCIS processing times.

    Holds, for each (form, office), every snapshot by the date it was fetched, each snapshot
    with its categories. Every question names an ``as_of`` date and is answered from the latest
    snapshot of that form and office fetched on or before it (found by bisection), never from a
    later one.

    Forms are normalised (``"i485"`` -> ``"I-485"``), offices resolved by code, description or
    city (``"Miami"`` -> ``"MIA"``), categories matched ignoring case and spacing, by any of their
    names: the CSV code (``"131A-FAM"``), the JSON ``form_type`` (``"I-485 Family"``) or the
    published description (``"Family-Based adjustment applications"``); the names a form's
    entries give with one description are one category, named in :meth:`categories` by the
    latest snapshot's name. A ``category``
    of None is accepted when the form has exactly one category at that office; with several it
    is a :class:`~infopass_rules.errors.MissingFact` naming them, and so is a category the table
    has never seen for that form and office.

    Build one with :func:`load_processing_times`, or from entries: ``ProcessingTimes(entries)``.
    """

    __slots__ = ("_series", "_size")

    _series: dict[tuple[str, str], _Series]
    _size: int

    def __init__(self, entries: Iterable[PublishedTime] = ()) -> None:
        series = _build(entries)
        object.__setattr__(self, "_series", series)
        object.__setattr__(
            self, "_size", sum(len(snap) for one in series.values() for snap in one.snapshots)
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ProcessingTimes is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"ProcessingTimes is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[ProcessingTimes], tuple[list[PublishedTime]]]:
        # Rebuilt from its entries: the default slot-by-slot restore would hit __setattr__.
        return (ProcessingTimes, (list(self),))

    def __len__(self) -> int:
        """The number of entries (one per category per snapshot)."""
        return self._size

    def __iter__(self) -> Iterator[PublishedTime]:
        """Every entry, by form, office, fetch date and category."""
        for key in sorted(self._series):
            for snapshot in self._series[key].snapshots:
                for name in sorted(snapshot):
                    yield snapshot[name]

    def __repr__(self) -> str:
        dates = [d for s in self._series.values() for d in (s.dates[0], s.dates[-1])]
        span = f", fetched {min(dates).isoformat()}..{max(dates).isoformat()}" if dates else ""
        return (
            f"<ProcessingTimes: {self._size} entries, {len(self.forms())} forms, "
            f"{len(self.offices())} offices{span}>"
        )

    def merge(self, *others: ProcessingTimes) -> ProcessingTimes:
        """A new table holding this one's entries and the others' (e.g. JSON snapshots + CSV).

        Raises:
            InvalidData: two tables give different figures for the same category and fetch date.
        """
        return ProcessingTimes([e for table in (self, *others) for e in table])

    # --- what the table holds ---

    def forms(self) -> tuple[str, ...]:
        """Every form in the table, sorted."""
        return tuple(sorted({form for form, _ in self._series}))

    def offices(self, form: object = None) -> tuple[str, ...]:
        """Every office in the table (for ``form`` only, when given), sorted."""
        wanted = None if form is None else form_key(form)
        return tuple(sorted({o for f, o in self._series if wanted is None or f == wanted}))

    def categories(self, form: object, office: object) -> tuple[str, ...]:
        """Every category ever published for the form at the office, sorted (``()`` if none)."""
        series = self._series.get((form_key(form), office_key(office)))
        return series.categories if series else ()

    def snapshot_dates(self, form: object, office: object) -> tuple[_dt.date, ...]:
        """The fetch dates of the snapshots of the form at the office, in order."""
        series = self._series.get((form_key(form), office_key(office)))
        return series.dates if series else ()

    # --- questions, each as of a date ---

    def lookup(
        self, form: object, office: object, *, category: object = None, as_of: _dt.date
    ) -> PublishedTime | None:
        """The entry in force on ``as_of``: from the latest snapshot fetched on or before it.

        Returns:
            The entry (its ``fetched_on`` and ``published_on`` say which snapshot), possibly a
            suppressed one; None when no snapshot was fetched by ``as_of`` or the snapshot in
            force does not publish the category.

        Raises:
            MissingFact: ``category`` is None and the form has several categories at the office,
                or ``category`` was never published there (the message names those that were).
            InvalidValue: a bad form, office (UnknownOffice) or date.
        """
        as_of = as_of if type(as_of) is _dt.date else v.check_date(as_of, "as_of")
        found = self._find(form, office, category)
        if found is None:
            return None
        series, name = found
        index = bisect_right(series.dates, as_of)
        return series.snapshots[index - 1].get(name) if index else None

    def case_inquiry_date(
        self, form: object, office: object, *, category: object = None, as_of: _dt.date
    ) -> _dt.date | None:
        """The receipt date for a case inquiry in force on ``as_of``, exactly as published.

        None when no snapshot was fetched by ``as_of`` or USCIS suppressed the figures.
        Raises as :meth:`lookup`.
        """
        entry = self.lookup(form, office, category=category, as_of=as_of)
        return entry.case_inquiry_date if entry is not None and entry.usable else None

    def is_outside(
        self,
        form: object,
        office: object,
        *,
        category: object = None,
        received_on: _dt.date,
        on: _dt.date,
    ) -> bool | None:
        """Whether a case received on ``received_on`` is outside normal processing times on ``on``.

        Judged by the snapshot in force on ``on``: outside when received strictly before its
        receipt date for a case inquiry. None when there is no usable snapshot (none fetched by
        ``on``, the category not published in it, or suppressed). Raises as :meth:`lookup`.
        """
        received_on = v.check_date(received_on, "received_on")
        on = v.check_date(on, "on")
        entry = self.lookup(form, office, category=category, as_of=on)
        if entry is None or not entry.usable or entry.case_inquiry_date is None:
            return None
        return received_on < entry.case_inquiry_date

    def outside_since(
        self,
        form: object,
        office: object,
        *,
        category: object = None,
        received_on: _dt.date,
        as_of: _dt.date,
    ) -> OutsideFinding:
        """The first day, as known on ``as_of``, that a case is outside normal processing times.

        Known: the case is outside by the latest usable snapshot fetched on or before ``as_of``
        (its receipt date for a case inquiry is after ``received_on``); ``on`` is the fetch date
        of the first snapshot of the unbroken run that ends there, and ``estimated`` is False.
        USCIS's date can move backwards between publications: a case outside by an earlier
        snapshot and not by a later one is not outside now, and an earlier run does not count
        (ask :meth:`is_outside` for a given day). When the run starts with the earliest snapshot
        on record, the case may have been outside before it, and the explanation says so.

        Estimated, when the latest snapshot does not show the case outside: ``received_on`` plus the
        longer end of the range in force on ``as_of`` (months by calendar months, a fraction of
        a month by :data:`~infopass_rules.times.durations.FRACTIONAL_MONTH_DAYS`, weeks by seven
        days); ``estimated`` is True.
        The snapshot in force shows the case not yet outside on ``as_of``, so an estimate that
        falls on or before ``as_of`` is moved to the day after it.

        Nothing usable (no snapshot by ``as_of``, the category suppressed or without a range):
        ``on`` is None and the explanation says why. Raises as :meth:`lookup`.
        """
        received_on = v.check_date(received_on, "received_on")
        as_of = v.check_date(as_of, "as_of")
        found = self._find(form, office, category)
        if found is None:
            form, office = form_key(form), office_key(office)
            return OutsideFinding(
                None, False, None, f"No processing times are loaded for {form} at {office}."
            )
        series, name = found
        stop = bisect_right(series.dates, as_of)
        subject = f"{series.form} at {series.office} ({name})"
        if stop == 0:
            return OutsideFinding(
                None,
                False,
                None,
                f"No processing-times snapshot for {subject} was fetched by {as_of.isoformat()} "
                f"(the first is of {series.dates[0].isoformat()}).",
            )
        # (index, entry, its receipt date for a case inquiry) of every dated snapshot by as_of
        dated = [
            (index, entry, entry.case_inquiry_date)
            for index in range(stop)
            if (entry := series.snapshots[index].get(name)) is not None
            and entry.usable
            and entry.case_inquiry_date is not None
        ]
        # The run of snapshots, up to the latest one, that show the case outside: the first
        # day it is outside *now* is that run's first snapshot (an earlier run that USCIS's
        # date has since undone does not count).
        run = len(dated)
        while run > 0 and received_on < dated[run - 1][2]:
            run -= 1
        if run < len(dated):
            index, entry, inquiry_date = dated[run]
            text = _known(entry, inquiry_date, first_on_record=index == 0)
            return OutsideFinding(entry.fetched_on, False, entry, text)
        finding = _estimate(series.snapshots[stop - 1].get(name), subject, received_on, as_of)
        undone = [entry for _, entry, inquiry_date in dated if received_on < inquiry_date]
        if undone and finding.on is not None:
            finding = attrs.evolve(
                finding,
                explanation=f"{finding.explanation} The case was outside by the snapshot fetched "
                f"{undone[-1].fetched_on.isoformat()}, but USCIS has since moved the receipt "
                "date for a case inquiry back.",
            )
        return finding

    # --- internals ---

    def _find(self, form: object, office: object, category: object) -> tuple[_Series, str] | None:
        """The series of (form, office) and the canonical category asked for, or None."""
        key = (form_key(form), office_key(office))
        series = self._series.get(key)
        if category is None:
            if series is None:
                return None
            if len(series.categories) == 1:
                return series, series.categories[0]
            raise MissingFact(
                f"is needed: {key[0]} at {key[1]} is published in "
                f"{len(series.categories)} categories",
                field="category",
                expected=v.one_of(repr(c) for c in series.categories),
            )
        if not isinstance(category, str):
            raise InvalidValue(
                "must be a string", field="category", value=category, expected="e.g. '160A'"
            )
        if series is None:
            return None
        name = series.folded.get(fold_category(category))
        if name is None:
            raise MissingFact(
                f"is not a category of {key[0]} at {key[1]}",
                field="category",
                value=category,
                expected=v.one_of(repr(c) for c in series.categories),
            )
        return series, name


def _known(entry: PublishedTime, inquiry_date: _dt.date, *, first_on_record: bool) -> str:
    text = (
        f"Outside normal processing times from {entry.fetched_on.isoformat()}: the snapshot "
        f"fetched that day ({describe_publication(entry.published_on)}) gives "
        f"{inquiry_date.isoformat()} as the receipt date for a case inquiry."
    )
    if first_on_record:
        text += " It is the earliest snapshot on record; the case may have been outside earlier."
    return text


def _estimate(
    entry: PublishedTime | None, subject: str, received_on: _dt.date, as_of: _dt.date
) -> OutsideFinding:
    if entry is None:
        return OutsideFinding(
            None,
            False,
            None,
            f"The snapshot in force on {as_of.isoformat()} does not publish {subject}.",
        )
    if entry.suppressed:
        return OutsideFinding(
            None,
            False,
            entry,
            f"USCIS suppressed the processing times of {subject} in the snapshot fetched "
            f"{entry.fetched_on.isoformat()}; no date can be given.",
        )
    longest = entry.longest()
    if longest is None:
        return OutsideFinding(
            None,
            False,
            entry,
            f"Not outside normal processing times on {as_of.isoformat()}, and the snapshot "
            f"fetched {entry.fetched_on.isoformat()} publishes no range to estimate from.",
        )
    on = longest.add_to(received_on)
    text = (
        f"Not outside normal processing times on {as_of.isoformat()} (receipt date for a case "
        f"inquiry {_iso(entry.case_inquiry_date)}); estimated from the receipt date plus "
        f"{longest}, the longer end of the range in the snapshot fetched "
        f"{entry.fetched_on.isoformat()} ({describe_publication(entry.published_on)})."
    )
    if on <= as_of:
        on = as_of + _ONE_DAY
        text += (
            " That estimate has already passed while the published date says not yet, so the "
            f"day after {as_of.isoformat()} is given."
        )
    return OutsideFinding(on, True, entry, text)


def _iso(day: _dt.date | None) -> str:
    return day.isoformat() if day is not None else "not given"


def load_processing_times(
    path: str | os.PathLike[str], *, fetched_on: _dt.date | None = None
) -> ProcessingTimes:
    """Read USCIS processing times from a JSON file, a folder of snapshots, or the flattened CSV.

    Args:
        path: one of

            - a USCIS processing-times API answer (``.json``), fetched on the date its file name
              gives (``YYYY-MM-DD.json``) or on ``fetched_on``;
            - a folder laid out ``{FORM}/{OFFICE}/{YYYY-MM-DD}.json`` (other files, such as a
              README, are skipped);
            - the flattened CSV (``.csv``), fetched on the date its file name ends with
              (``...-YYYY-MM-DD.csv``) or on ``fetched_on``.
        fetched_on: the fetch date of a single file, overriding its file name. Not accepted
            with a folder, whose file names give the dates.

    Raises:
        InvalidData: the path does not exist, or a file is malformed: the message names the
            file and the JSON path (``$.data.processing_time.subtypes[1].range[0].value``) or
            the CSV line.
        InvalidValue: ``path`` or ``fetched_on`` is of the wrong type, or ``fetched_on`` was
            given with a folder.
    """
    # The readers load only when data is read (and they import PublishedTime, never this).
    from infopass_rules.times.readers import read_path
    from infopass_rules.times.readers.files import path_text

    text = path_text(path)
    if fetched_on is not None:
        fetched_on = v.check_date(fetched_on, "fetched_on")
    return ProcessingTimes(read_path(text, fetched_on))
