"""The rule set as data: sources, rules and dated parameters, read from ``data/*.toml``.

A lawyer reviews the rule set in three files that hold no code:

- ``sources.toml``: each source (title, date, issuer, authority, the AILA document number where
  there is one, a summary, and where its words are: the seed text, or for a public web page its
  address and the passages read there, ``data/pages/<id>.txt``); :attr:`Source.citation` cites it
  on one line;
- ``rules.toml``: each rule by its ID (what it says, when it takes effect, the function that
  implements it, its citations with pinpoints and the source's own words) and the known
  conflicts between sources;
- ``parameters.toml``: each number, list or date a rule uses, keyed by effective date and
  source, in the manner of OpenFisca's parameters.

This module turns them into frozen values (:class:`Source`, :class:`Rule`, :class:`Parameter`),
checks that every reference resolves, and stamps the rule set with ``RULESET_VERSION`` (the
package version plus a short hash of the three files), so a decision says exactly which rule
set made it.

A rule is kept in one place with its source and its code, in the manner of Catala:

- every rule has at least one citation carrying an *excerpt*, the source's own words quoted
  verbatim: one sentence at most (a part of one is fine), at most :data:`MAX_EXCERPT_CHARS`
  characters. A rule without one, or an excerpt of two sentences or too long, is
  :class:`~infopass_rules.errors.InvalidData` naming the rule;
- every rule names the function that implements it, ``implemented_by``, written
  ``dotted.module:qualname``. The loader checks the form only: the rule book sits below the
  layers that implement the rules and imports none of them (the tests resolve each pointer).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from infopass_rules._version import __version__
from infopass_rules.errors import InvalidData, InvalidValue
from infopass_rules.facts.enums import IdentityEnum
from infopass_rules.facts.validate import one_of

__all__ = [
    "DATE_PRECISIONS",
    "MAX_EXCERPT_CHARS",
    "Authority",
    "Citation",
    "Conflict",
    "Parameter",
    "Reading",
    "Rule",
    "RuleCitation",
    "Source",
    "ValuePeriod",
    "load_rulebook",
    "read_words",
]

_FILES = ("sources.toml", "rules.toml", "parameters.toml")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: How precisely a source's date is known: to the day, or only to the month or the year (the date
#: then stored as the first day of it).
DATE_PRECISIONS = ("day", "month", "year")
# Where a web source's words are kept, inside the package's ``data`` folder: ``pages/<name>.txt``.
_WORDS = re.compile(r"pages/[a-z0-9][a-z0-9._-]*\.txt")
# A web address: the scheme, a host, and no whitespace.
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#]\S*)?")

#: The longest excerpt of a source a citation may carry, in characters (after whitespace is
#: normalised): a pinpoint quotation, never a copy of the source.
MAX_EXCERPT_CHARS = 240

# "dotted.module:qualname": Python identifiers joined by dots, on each side of one colon.
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_IMPLEMENTED_BY = re.compile(rf"{_NAME}(?:\.{_NAME})*:{_NAME}(?:\.{_NAME})*")
# A sentence ends in ., ! or ?, perhaps closed by a quotation mark or bracket, and is followed
# by more text: an excerpt in which this occurs holds more than one sentence.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+\S")


class Authority(IdentityEnum):
    """How far a source can be relied on: primary (the agency's own words, or a direct report of
    them) over secondary (a compilation or commentary). ``DATA`` marks published agency data."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    DATA = "data"


@attrs.frozen
class Source:
    """One source of the citation registry."""

    id: str
    title: str
    date: _dt.date
    date_precision: str  # "day", or "month" / "year" when only those are known (DATE_PRECISIONS)
    issuer: str
    authority: Authority
    summary: str
    #: The file of the source's text among the project's seed texts (beside the repository).
    seed: str | None = None
    #: A public web page's address, as the page read gives it.
    url: str | None = None
    #: For a web page: the passages read there, ``pages/<id>.txt`` in the package's ``data``
    #: folder (see :func:`read_words`). A source has ``seed`` or ``words``, never both.
    words: str | None = None
    #: One sentence of the source, verbatim, found in its words: what the source is cited for.
    excerpt: str | None = None
    reported_by: str | None = None
    date_note: str | None = None
    aila_doc: str | None = None  # "AILA Doc. No. 18020500", where the source has one
    author: str | None = None
    date_cited: str | None = None  # how to cite the date of an undated source
    #: When ``reported_by`` names another source of the book (a compilation): that source's
    #: citation, filled in by the loader.
    compiled_in: str | None = None

    def age_on(self, as_of: _dt.date) -> int:
        """Whole days from the source's date to ``as_of``."""
        return (as_of - self.date).days

    @property
    def cited_date(self) -> str:
        """The source's date as a citation gives it: "May 22, 2012", "February 2018" (a source
        dated to the month), "2021" (to the year), or how an undated source is cited."""
        if self.date_cited is not None:
            return self.date_cited
        if self.date_precision == "year":
            return str(self.date.year)
        month = _MONTHS[self.date.month - 1]
        if self.date_precision == "month":
            return f"{month} {self.date.year}"
        return f"{month} {self.date.day}, {self.date.year}"

    @property
    def citation(self) -> str:
        """The source as a lawyer cites it, on one line: title, author and issuer, date, the AILA
        document number where there is one, the address of a web page, and how it reached us when
        through a report.

        >>> from infopass_rules.sources.rulebook import load_rulebook
        >>> load_rulebook().sources["aila-19030140"].citation.startswith('"AILA Doc. No. 19030140')
        True
        """
        parts = [f'"{self.title}"']
        parts.append(f"{self.author}, {self.issuer}" if self.author else self.issuer)
        parts.append(self.cited_date)
        text = ", ".join(parts)
        if self.aila_doc and self.aila_doc not in self.title:
            text += f", {self.aila_doc}"
        if self.url:
            text += f", {self.url}"
        if self.compiled_in:
            text += f"; as compiled in {self.compiled_in}"
        elif self.reported_by:
            text += f"; as reported by {self.reported_by}"
        return text


@attrs.frozen
class RuleCitation:
    """Where a rule rests in a source: the source, a pinpoint, and the source's own words.

    ``excerpt`` is quoted verbatim from the source: one sentence at most, at most
    :data:`MAX_EXCERPT_CHARS` characters. Every rule has at least one citation with an excerpt.
    """

    source_id: str
    pinpoint: str
    excerpt: str | None = None


@attrs.frozen
class Rule:
    """One rule of the registry, by its ID (``"MIA-SECOND"``).

    ``implemented_by`` names the function where the rule is decided, as
    ``"dotted.module:qualname"`` (``"infopass_rules.rules.regimes:regime_at"``).
    """

    id: str
    title: str
    says: str
    effective: _dt.date
    section: str
    citations: tuple[RuleCitation, ...]
    implemented_by: str
    effective_note: str | None = None
    #: The first day the engine applies the rule: ``effective`` (its source's date) unless
    #: ``rules.toml`` says otherwise (RG-SELF describes a system older than its source; RG-PILOT's
    #: source is dated to the month only).
    in_force_from: _dt.date = attrs.field(
        default=attrs.Factory(lambda rule: rule.effective, takes_self=True)
    )

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(c.source_id for c in self.citations)

    def in_force(self, on: _dt.date) -> bool:
        """Whether the rule applies to an event dated ``on`` (its ``in_force_from`` or later)."""
        return on >= self.in_force_from


@attrs.frozen
class Citation:
    """A citation as a decision carries it: the rule, the source, and where in the source."""

    rule_id: str
    source_id: str
    title: str
    date: _dt.date
    issuer: str
    authority: Authority
    pinpoint: str
    excerpt: str | None = None


@attrs.frozen
class ValuePeriod:
    """A parameter's value in force from ``start`` (until the next period's start).

    ``source_id`` names the source that gives the value; it is None only for a default the
    sources leave open (a policy of this library), and ``basis`` then says so.
    """

    start: _dt.date
    value: Any
    source_id: str | None
    note: str | None = None
    basis: str | None = None


@attrs.frozen
class Reading:
    """One source's reading of a parameter the sources disagree on."""

    start: _dt.date
    value: Any
    source_id: str
    note: str | None = None


@attrs.frozen
class Parameter:
    """A dated parameter: ``values`` in force by date, or rival ``readings`` from sources."""

    name: str
    rule_id: str
    description: str
    unit: str
    values: tuple[ValuePeriod, ...] = ()
    readings: tuple[Reading, ...] = ()
    provenance: str | None = None

    def period_at(self, on: _dt.date) -> ValuePeriod | None:
        """The period in force on ``on``, or None before the first one."""
        found = None
        for period in self.values:
            if period.start <= on:
                found = period
            else:
                break
        return found

    def at(self, on: _dt.date) -> Any:
        """The value in force on ``on``.

        Raises:
            InvalidValue: ``on`` is before the parameter's first value, or the parameter has
                rival readings (resolve those with the engine's conflict policy).
        """
        if self.readings:
            raise InvalidValue(
                "has rival readings; resolve them with a conflict policy",
                field=self.name,
                expected="a parameter with dated values",
            )
        period = self.period_at(on)
        if period is None:
            first = self.values[0].start.isoformat() if self.values else "never"
            raise InvalidValue(
                "has no value in force on that date",
                field=self.name,
                value=on,
                expected=f"a date on or after {first}",
            )
        return period.value


@attrs.frozen
class Conflict:
    """A known disagreement between sources on one parameter."""

    id: str
    rule_id: str
    question: str
    parameter: str


@attrs.frozen(eq=False)  # compared and hashed by identity: one book, one cache of citations
class Rulebook:
    """The whole rule set, read and checked."""

    sources: Mapping[str, Source]
    rules: Mapping[str, Rule]
    parameters: Mapping[str, Parameter]
    conflicts: Mapping[str, Conflict]
    version: str
    digest: str

    def cite(self, rule_id: str) -> tuple[Citation, ...]:
        """The citations of a rule, each resolved against its source."""
        return _cite(self, rule_id)

    def cite_all(self, rule_ids: tuple[str, ...]) -> tuple[Citation, ...]:
        """The citations of several rules, in order (cached: decisions cite the same sets)."""
        return _cite_all(self, rule_ids)


@cache
def _cite_all(book: Rulebook, rule_ids: tuple[str, ...]) -> tuple[Citation, ...]:
    return tuple(c for rule_id in rule_ids for c in _cite(book, rule_id))


@cache
def _cite_cached(book: Rulebook, rule_id: str) -> tuple[Citation, ...]:
    rule = book.rules[rule_id]
    out = []
    for c in rule.citations:
        source = book.sources[c.source_id]
        out.append(
            Citation(
                rule_id=rule.id,
                source_id=source.id,
                title=source.title,
                date=source.date,
                issuer=source.issuer,
                authority=source.authority,
                pinpoint=c.pinpoint,
                excerpt=c.excerpt,
            )
        )
    return tuple(out)


def _cite(book: Rulebook, rule_id: str) -> tuple[Citation, ...]:
    if rule_id not in book.rules:
        raise InvalidValue(
            "is not a rule of the registry",
            field="rule_id",
            value=rule_id,
            expected=one_of(sorted(book.rules)),
        )
    return _cite_cached(book, rule_id)


def _require(table: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...]) -> Any:
    if key not in table:
        raise InvalidData("is missing", field=f"{where}.{key}", expected=f"a {_kind(kind)}")
    value = table[key]
    if isinstance(value, _dt.datetime) or not isinstance(value, kind):
        raise InvalidData(
            "has the wrong type", field=f"{where}.{key}", value=value, expected=f"a {_kind(kind)}"
        )
    return value


def _optional(table: Mapping[str, Any], key: str, where: str) -> str | None:
    return _require(table, key, where, str) if key in table else None


def _kind(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _read(name: str) -> tuple[bytes, dict[str, Any]]:
    raw = resources.files(__package__).joinpath(f"data/{name}").read_bytes()
    try:
        return raw, tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # pragma: no cover - shipped data
        raise InvalidData(f"is not valid TOML: {exc}", field=name) from exc


def build_rulebook(
    sources_doc: Mapping[str, Any],
    rules_doc: Mapping[str, Any],
    params_doc: Mapping[str, Any],
    *,
    digest: str,
) -> Rulebook:
    """Build and cross-check a rule book from the three parsed documents."""
    sources: dict[str, Source] = {}
    for sid, t in sources_doc.items():
        where = f"sources.toml:{sid}"
        seed, url, words = _source_text(t, where)
        sources[sid] = Source(
            id=sid,
            title=_require(t, "title", where, str),
            date=_require(t, "date", where, _dt.date),
            date_precision=_date_precision(t, where),
            issuer=_require(t, "issuer", where, str),
            authority=Authority(_require(t, "authority", where, str)),
            summary=_require(t, "summary", where, str),
            seed=seed,
            url=url,
            words=words,
            excerpt=_excerpt(t, where),
            reported_by=t.get("reported_by"),
            date_note=_optional(t, "date_note", where),
            aila_doc=_optional(t, "aila_doc", where),
            author=_optional(t, "author", where),
            date_cited=_optional(t, "date_cited", where),
        )
    for sid, source in sources.items():
        compilation = sources.get(source.reported_by or "")
        if compilation is not None:
            sources[sid] = attrs.evolve(source, compiled_in=compilation.citation)
    rules: dict[str, Rule] = {}
    conflicts: dict[str, Conflict] = {}
    for rid, t in rules_doc.items():
        if rid == "conflicts":
            for cid, c in t.items():
                where = f"rules.toml:conflicts.{cid}"
                conflicts[cid] = Conflict(
                    id=cid,
                    rule_id=_require(c, "rule", where, str),
                    question=_require(c, "question", where, str),
                    parameter=_require(c, "parameter", where, str),
                )
            continue
        where = f"rules.toml:{rid}"
        cites = []
        for i, c in enumerate(_require(t, "citations", where, list)):
            cwhere = f"{where}.citations[{i}]"
            source_id = _require(c, "source", cwhere, str)
            if source_id not in sources:
                raise InvalidData(
                    "names an unknown source",
                    field=f"{cwhere}.source",
                    value=source_id,
                    expected=one_of(sources),
                )
            cites.append(
                RuleCitation(
                    source_id=source_id,
                    pinpoint=_require(c, "pinpoint", cwhere, str),
                    excerpt=_excerpt(c, cwhere),
                )
            )
        if not any(c.excerpt for c in cites):
            raise InvalidData(
                f"rule {rid} quotes no words of its sources",
                field=where,
                expected="at least one citation with an excerpt of its source",
            )
        rules[rid] = Rule(
            id=rid,
            title=_require(t, "title", where, str),
            says=_require(t, "says", where, str),
            effective=_require(t, "effective", where, _dt.date),
            section=_require(t, "section", where, str),
            citations=tuple(cites),
            implemented_by=_implemented_by(t, where),
            effective_note=t.get("effective_note"),
            in_force_from=(
                _require(t, "in_force_from", where, _dt.date)
                if "in_force_from" in t
                else _require(t, "effective", where, _dt.date)
            ),
        )
    parameters: dict[str, Parameter] = {}
    for group, members in params_doc.items():
        for pname, t in members.items():
            name = f"{group}.{pname}"
            where = f"parameters.toml:{name}"
            rule_id = _require(t, "rule", where, str)
            if rule_id not in rules:
                raise InvalidData("names an unknown rule", field=f"{where}.rule", value=rule_id)
            periods = []
            for i, p in enumerate(t.get("values", ())):
                pwhere = f"{where}.values[{i}]"
                periods.append(
                    ValuePeriod(
                        source_id=_check_source(p, pwhere, sources, optional=True),
                        start=_require(p, "from", pwhere, _dt.date),
                        value=_freeze(p["value"]),
                        note=p.get("note"),
                        basis=p.get("basis"),
                    )
                )
            readings = []
            for i, p in enumerate(t.get("readings", ())):
                pwhere = f"{where}.readings[{i}]"
                readings.append(
                    Reading(
                        source_id=_check_source(p, pwhere, sources),  # checks "value" too
                        start=_require(p, "from", pwhere, _dt.date),
                        value=_freeze(p["value"]),
                        note=p.get("note"),
                    )
                )
            if [p.start for p in periods] != sorted({p.start for p in periods}):
                raise InvalidData("values are not in increasing date order", field=where)
            if bool(periods) == bool(readings):
                raise InvalidData("needs exactly one of values or readings", field=where)
            parameters[name] = Parameter(
                name=name,
                rule_id=rule_id,
                description=_require(t, "description", where, str),
                unit=_require(t, "unit", where, str),
                values=tuple(periods),
                readings=tuple(readings),
                provenance=t.get("provenance"),
            )
    for conflict in conflicts.values():
        if conflict.parameter not in parameters or conflict.rule_id not in rules:
            raise InvalidData("names an unknown parameter or rule", field=conflict.id)
    return Rulebook(
        sources=MappingProxyType(sources),
        rules=MappingProxyType(rules),
        parameters=MappingProxyType(parameters),
        conflicts=MappingProxyType(conflicts),
        version=f"{__version__}+{digest}",
        digest=digest,
    )


def _date_precision(t: Mapping[str, Any], where: str) -> str:
    """The source's ``date_precision``: one of :data:`DATE_PRECISIONS`."""
    precision: str = _require(t, "date_precision", where, str)
    if precision not in DATE_PRECISIONS:
        raise InvalidData(
            "is not a precision of a date",
            field=f"{where}.date_precision",
            value=precision,
            expected=one_of(DATE_PRECISIONS),
        )
    return precision


def _source_text(t: Mapping[str, Any], where: str) -> tuple[str | None, str | None, str | None]:
    """Where the source's words are: its ``seed``, or a web page's ``url`` and ``words`` file.

    A source has ``seed`` or ``words``, not both; ``words`` names ``pages/<name>.txt`` (a file of
    the package's ``data`` folder) and comes with the page's ``url``, an http(s) address.
    """
    seed = _optional(t, "seed", where)
    url = _optional(t, "url", where)
    words = _optional(t, "words", where)
    if seed is not None and words is not None:
        raise InvalidData(
            "has both seed and words",
            field=where,
            expected="the seed text of the source, or the words read on its web page, not both",
        )
    if url is not None and not _URL.fullmatch(url):
        raise InvalidData(
            "is not a web address",
            field=f"{where}.url",
            value=url,
            expected="an address such as 'https://www.dhs.gov/case-assistance'",
        )
    if words is not None:
        if not _WORDS.fullmatch(words):
            raise InvalidData(
                "is not a file of the source's words",
                field=f"{where}.words",
                value=words,
                expected="'pages/<name>.txt', a file of the package's data folder",
            )
        if url is None:
            raise InvalidData(
                "is missing",
                field=f"{where}.url",
                expected="the address of the web page the words were read on",
            )
    return seed, url, words


def read_words(source: Source) -> str:
    """The words read on a web source's page (its ``words`` file, shipped with the package).

    Raises:
        InvalidValue: the source has no ``words`` file (a seed text, or published data).
    """
    if source.words is None:
        raise InvalidValue(
            "has no words file",
            field="source",
            value=source.id,
            expected="a web source registered with words",
        )
    return resources.files(__package__).joinpath(f"data/{source.words}").read_text("utf-8")


def _excerpt(c: Mapping[str, Any], where: str) -> str | None:
    """The citation's (or source's) excerpt, if it has one: one sentence at most, not too long."""
    if "excerpt" not in c:
        return None
    excerpt: str = _require(c, "excerpt", where, str)
    words = " ".join(excerpt.split())
    field = f"{where}.excerpt"
    if not words:
        raise InvalidData("is blank", field=field, expected="the source's own words")
    if len(words) > MAX_EXCERPT_CHARS:
        raise InvalidData(
            f"is {len(words)} characters long",
            field=field,
            value=excerpt,
            expected=f"an excerpt of at most {MAX_EXCERPT_CHARS} characters",
        )
    if _SENTENCE_BREAK.search(words):
        raise InvalidData(
            "holds more than one sentence",
            field=field,
            value=excerpt,
            expected="one sentence of the source at most (a part of one is fine)",
        )
    return excerpt


def _implemented_by(t: Mapping[str, Any], where: str) -> str:
    """The rule's ``implemented_by``, checked to read ``dotted.module:qualname``."""
    target: str = _require(t, "implemented_by", where, str)
    if not _IMPLEMENTED_BY.fullmatch(target):
        raise InvalidData(
            "is not a function's name",
            field=f"{where}.implemented_by",
            value=target,
            expected="'dotted.module:qualname', e.g. 'infopass_rules.rules.regimes:regime_at'",
        )
    return target


def _check_source(
    p: Mapping[str, Any], where: str, sources: Mapping[str, Source], *, optional: bool = False
) -> Any:
    """The entry's source id, checked (and that the entry has a value). With ``optional``, an
    entry may instead give a ``basis``: a default the sources leave open, said to be one."""
    if "value" not in p:
        raise InvalidData("is missing", field=f"{where}.value")
    if optional and "source" not in p:
        _require(p, "basis", where, str)
        return None
    sid: str = _require(p, "source", where, str)
    if sid not in sources:
        raise InvalidData("names an unknown source", field=f"{where}.source", value=sid)
    return sid


def _freeze(value: Any) -> Any:
    # TOML arrays become tuples so parameter values are hashable and cannot be mutated.
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@cache
def load_rulebook() -> Rulebook:
    """The bundled rule set (read once, then cached)."""
    hasher = hashlib.sha256()
    docs = []
    for name in _FILES:
        raw, doc = _read(name)
        hasher.update(raw)
        docs.append(doc)
    return build_rulebook(*docs, digest=hasher.hexdigest()[:10])
