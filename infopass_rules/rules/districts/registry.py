"""The districts the engine knows, and the rule book they bring (the district seam).

Every district with a ladder is registered here; the engine, the appointment checks, the planner
and the rules reference ask :func:`district_at` which district (if any) an office belongs to on a
day and read its :class:`~infopass_rules.rules.districts.district.District` table, so none of them
names a district. The Miami District (``MIA-*``, its rules in the shipped rule book) is the one
shipped. Another district is described by a table and, when its rules are not in the shipped rule
book, by a rule-book addition (its sources, rules and parameters, e.g. read by
:func:`~infopass_rules.rules.districts.from_toml.read_district`): :func:`register_district` adds
both, and undoes it on leaving its ``with`` block (or on ``undo()``). :func:`with_districts`
gives the rule book extended by every registered addition.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType, TracebackType
from typing import Any, TypeVar

import attrs

from infopass_rules._version import __version__
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.rules.districts.district import District
from infopass_rules.rules.districts.miami.ladder import MIAMI
from infopass_rules.sources.rulebook import Rulebook, load_rulebook

__all__ = [
    "Registration",
    "district_at",
    "districts",
    "register_district",
    "with_districts",
]

#: The registered districts in order, and the rule-book additions they brought (read on every
#: decision, so kept as tuples swapped whole).
_T = TypeVar("_T")

_DISTRICTS: tuple[District, ...] = (MIAMI,)
_ADDITIONS: tuple[tuple[str, Rulebook], ...] = ()


def districts() -> tuple[District, ...]:
    """The registered districts, in order of registration (Miami first)."""
    return _DISTRICTS


def district_at(office: str, on: _dt.date, book: Rulebook) -> District | None:
    """The registered district ``office`` belongs to on ``on``, by each district's offices
    parameter in ``book`` (a district whose parameter ``book`` lacks is passed over)."""
    for district in _DISTRICTS:
        parameter = book.parameters.get(district.offices)
        if parameter is None:
            continue
        scope = parameter.period_at(on)
        if scope is not None and office in scope.value:
            return district
    return None


def with_districts(book: Rulebook) -> Rulebook:
    """``book`` extended by the rules, sources and parameters of the registered districts that
    brought their own (``book`` itself when none did)."""
    if not _ADDITIONS:
        return book
    return _extend(book, tuple(addition for _, addition in _ADDITIONS))


@lru_cache(maxsize=16)
def _extend(book: Rulebook, additions: tuple[Rulebook, ...]) -> Rulebook:
    sources, rules = dict(book.sources), dict(book.rules)
    parameters, conflicts = dict(book.parameters), dict(book.conflicts)
    for addition in additions:
        _merge(sources, addition.sources, "source")
        _merge(rules, addition.rules, "rule")
        _merge(parameters, addition.parameters, "parameter")
        _merge(conflicts, addition.conflicts, "conflict")
    digest = hashlib.sha256(
        "+".join([book.digest, *(a.digest for a in additions)]).encode()
    ).hexdigest()[:10]
    return attrs.evolve(
        book,
        sources=MappingProxyType(sources),
        rules=MappingProxyType(rules),
        parameters=MappingProxyType(parameters),
        conflicts=MappingProxyType(conflicts),
        version=f"{__version__}+{digest}",
        digest=digest,
    )


def _merge(mine: dict[str, _T], theirs: Mapping[str, _T], what: str) -> None:
    clash = sorted(set(mine) & set(theirs))
    if clash:
        raise InvalidData(
            f"redefines a {what} of the rule book",
            field="district rules",
            value=clash[0],
            expected=f"a {what} ID of its own",
        )
    mine.update(theirs)


class Registration:
    """A registered district: leaving its ``with`` block, or ``undo()``, unregisters it."""

    def __init__(self, district: District) -> None:
        self.district = district

    def undo(self) -> None:
        """Unregister the district (and its rule-book addition); a second call does nothing."""
        global _DISTRICTS, _ADDITIONS
        _DISTRICTS = tuple(d for d in _DISTRICTS if d is not self.district)
        _ADDITIONS = tuple((i, a) for i, a in _ADDITIONS if i != self.district.id)

    def __enter__(self) -> District:
        return self.district

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.undo()


def register_district(district: District, rules: Rulebook | None = None) -> Registration:
    """Register ``district`` (and ``rules``, the sources, rules and parameters it brings).

    Use as ``with register_district(d, rules): ...`` to unregister on leaving the block.

    Raises:
        InvalidValue: ``district`` is not a District, or its ID or one of its offices is
            already a registered district's.
        InvalidData: ``rules`` redefines a rule, source or parameter of the rule book, or the
            district names a rule or parameter the extended rule book lacks.
    """
    global _DISTRICTS, _ADDITIONS
    if not isinstance(district, District):
        raise InvalidValue(
            "must be a District", field="district", value=district, expected="a District"
        )
    if any(d.id == district.id for d in _DISTRICTS):
        raise InvalidValue(
            "is already registered",
            field="district.id",
            value=district.id,
            expected=f"an ID other than {', '.join(d.id for d in _DISTRICTS)}",
        )
    additions = _ADDITIONS if rules is None else (*_ADDITIONS, (district.id, rules))
    book = _extend(load_rulebook(), tuple(a for _, a in additions)) if additions else None
    book = book if book is not None else load_rulebook()
    district.check_against(book)
    taken = {office: d for d in _DISTRICTS for office in _offices(d, book)}
    for office in sorted(_offices(district, book)):
        if office in taken:
            raise InvalidValue(
                f"is already an office of the {taken[office].name}",
                field=f"{district.offices}",
                value=office,
                expected="offices of no other registered district",
            )
    _DISTRICTS = (*_DISTRICTS, district)
    _ADDITIONS = additions
    return Registration(district)


def _offices(district: District, book: Rulebook) -> set[Any]:
    # Every registered district, and the one being registered, has passed check_against(book):
    # its offices parameter is in the book.
    parameter = book.parameters[district.offices]
    return {office for period in parameter.values for office in period.value}
