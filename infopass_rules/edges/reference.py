"""The rules reference: the whole rule set rendered as one Markdown document, for review.

:func:`rules_reference_markdown` turns the bundled rule book (``data/sources.toml``,
``data/rules.toml``, ``data/parameters.toml``) into a document a lawyer can check line by line:
every rule by its ID (what it says, the source's own words it rests on, the function that
implements it, when it takes effect), the parameters it uses (their values by date, source and
provenance), the passages of the sources it rests on, the known conflicts between sources and
how each conflict rule resolves them, and how old each source is.

The documentation site renders this text at build time, so the reference is never written twice
and cannot drift from the data. The output is MyST Markdown (plain CommonMark plus ``(label)=``
targets), readable as it is.

Ages are measured from the sources' own dates, never from a clock: by default against the date
of the newest source in the rule set, which the document names (pass ``as_of`` to choose
another date). The same input always gives the same text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from infopass_rules.rules.districts.registry import districts, with_districts
from infopass_rules.rules.policy import DEFAULT_POLICY, ConflictRule, Policy
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.sources.rulebook import (
    Authority,
    Parameter,
    Rule,
    Rulebook,
    Source,
    load_rulebook,
)

__all__ = ["rule_anchor", "rules_reference_markdown", "section_titles"]


def section_titles() -> dict[str, str]:
    """The headings under which rules are grouped, by their ``section`` in ``rules.toml``, in
    order: the regimes, the published processing times (PT-INQUIRY), each registered district's
    ladder, the limits, the Contact Center, the remedies beyond the InfoPass procedures."""
    return {
        "regime": "Regimes: how an appointment is obtained",
        "processing_times": "Published processing times: when a delayed case may be inquired about",
        **{d.section: f"The {d.name} ladder" for d in districts()},
        "limits": "Appointment limits",
        "contact_center": "The Contact Center",
        "remedies": "Remedies beyond the InfoPass procedures: the CIS Ombudsman, Congress",
    }


def rule_anchor(rule_id: str) -> str:
    """The cross-reference target of a rule in the reference.

    >>> rule_anchor("MIA-SECOND")
    'rule-mia-second'
    """
    return "rule-" + rule_id.lower()


def rules_reference_markdown(as_of: _dt.date | None = None, *, book: Rulebook | None = None) -> str:
    """The rule set as a Markdown document: sources, rules, parameters and conflicts.

    Args:
        as_of: the date source ages are measured against. Default: the date of the newest source
            in the rule set (named in the document), so the text depends on the data alone.
        book: the rule book to render; default the bundled one (:func:`load_rulebook`) with the
            rules of the registered districts.

    Returns:
        MyST Markdown text starting with a level-1 heading.

    >>> text = rules_reference_markdown()
    >>> text.splitlines()[0]
    '# Rules reference'
    >>> "### `MIA-SECOND`: Second inquiry after 60 days" in text
    True
    >>> '> "If the case is not resolved within (60) sixty of the INFOPASS appointment' in text
    True
    """
    book = book if book is not None else with_districts(load_rulebook())
    titles = section_titles()
    newest = max(book.sources.values(), key=lambda s: s.date)
    day = as_of if as_of is not None else newest.date
    out: list[str] = []
    out += _intro(book, newest, day)
    out += _sources_section(book, day)
    for section, rules in _by_section(book.rules.values(), list(titles)):
        out += [f"## {titles.get(section, section)}", ""]
        for rule in rules:
            out += _rule_section(book, rule, day)
    out += _conflicts_section(book)
    return "\n".join(out).rstrip() + "\n"


# --- the parts ------------------------------------------------------------------------------------


def _intro(book: Rulebook, newest: Source, day: _dt.date) -> list[str]:
    stale = DEFAULT_POLICY.stale_after_days
    return [
        "# Rules reference",
        "",
        f"Rule set `{book.version}`: {len(book.rules)} rules, {len(book.parameters)} parameters, "
        f"{len(book.sources)} sources, {len(book.conflicts)} known "
        f"conflict{'s' if len(book.conflicts) != 1 else ''} between sources.",
        "",
        "This page is generated from the rule registry "
        "(`infopass_rules/sources/data/sources.toml`, `rules.toml` and `parameters.toml`) each "
        "time the documentation is built; it is the same data the engine reads. The rule text "
        "and the summaries are the project's own words; under each rule, a quotation in "
        "quotation marks is the source's own words, verbatim (one sentence at most), with the "
        "source and the place in it, and *Implemented by* names the function that decides the "
        "rule (`module:function`).",
        "",
        f"Ages are given **as of {day.isoformat()}**"
        + (
            f", the date of the newest source in the rule set (`{newest.id}`)."
            if day == newest.date
            else "."
        )
        + f" A source more than {stale} days old on that date is marked *stale*: a decision "
        "made on that date whose newest source is that old carries a warning "
        f"(`Policy.stale_after_days`, default {stale}). Dates a source gives only to the "
        "month are stored as the first day of that month.",
        "",
    ]


def _sources_section(book: Rulebook, day: _dt.date) -> list[str]:
    out = [
        "## Sources",
        "",
        "| source | date | issuer | authority | age |",
        "|---|---|---|---|---|",
    ]
    for source in sorted(book.sources.values(), key=lambda s: (s.date, s.id)):
        out.append(
            f"| [`{source.id}`](#{_source_anchor(source.id)}) | {_source_date(source)} | "
            f"{_cell(source.issuer)} | {source.authority.value} | {_age(source, day)} |"
        )
    out.append("")
    for source in sorted(book.sources.values(), key=lambda s: (s.date, s.id)):
        rules = [r.id for r in book.rules.values() if source.id in r.source_ids]
        params = sorted(
            p.name
            for p in book.parameters.values()
            if source.id in {v.source_id for v in p.values} | {r.source_id for r in p.readings}
        )
        out += [f"({_source_anchor(source.id)})=", f"### `{source.id}`", ""]
        out.append(f"- **Title:** {source.title}")
        if source.url:
            out.append(f"- **Address:** <{source.url}>")
        out.append(f"- **Date:** {_source_date(source)}")
        if source.date_cited:
            out.append(f"  (cited as: {source.date_cited})")
        if source.date_note:
            out.append(f"  ({source.date_note})")
        out.append(f"- **Issuer:** {source.issuer}")
        out.append(f"- **Authority:** {_authority(source.authority)}")
        if source.reported_by:
            out.append(f"- **Reported by:** {_reported_by(book, source.reported_by)}")
        out.append(f"- **Age:** {_age(source, day)}")
        out.append(f"- **Citation:** {source.citation}")
        out.append(f"- **Summary:** {source.summary}")
        if source.words and source.excerpt:
            out.append(f'- **Read there:** "{" ".join(source.excerpt.split())}"')
        if rules:
            out.append("- **Rules citing it:** " + ", ".join(_rule_link(r) for r in rules))
        if params:
            out.append("- **Parameters it fixes:** " + ", ".join(f"`{p}`" for p in params))
        out.append("")
    return out


def _rule_section(book: Rulebook, rule: Rule, day: _dt.date) -> list[str]:
    out = [f"({rule_anchor(rule.id)})=", f"### `{rule.id}`: {rule.title}", ""]
    out += [rule.says, ""]
    for cite in rule.citations:
        if cite.excerpt:
            out += _quotation(book.sources[cite.source_id], cite.excerpt, cite.pinpoint)
    out += [f"Implemented by `{rule.implemented_by}`.", ""]
    effective = f"**Effective:** {rule.effective.isoformat()}"
    if rule.in_force_from != rule.effective:
        effective = (
            f"**Effective:** in force from {rule.in_force_from.isoformat()} "
            f"(source dated {rule.effective.isoformat()})"
        )
    if rule.effective_note:
        effective += f". {rule.effective_note}"
    out += [effective, ""]
    params = [p for p in book.parameters.values() if p.rule_id == rule.id]
    if params:
        out += ["**Parameters**", ""]
        for param in params:
            out += _parameter(param)
    out += ["**Sources**", ""]
    for cite in rule.citations:
        source = book.sources[cite.source_id]
        line = (
            f"- [`{source.id}`](#{_source_anchor(source.id)}): {source.title}, "
            f"{_source_date(source)}, {source.issuer} ({source.authority.value}). "
            f"Pinpoint: {cite.pinpoint}."
        )
        out.append(line)
    sources = [book.sources[c.source_id] for c in rule.citations]
    latest = max(sources, key=lambda s: s.date)
    out += ["", f"**Newest source:** {_source_date(latest)}, {_age(latest, day)}.", ""]
    conflicts = [c for c in book.conflicts.values() if c.rule_id == rule.id]
    for conflict in conflicts:
        out += [
            f"**Conflict:** {conflict.question} See [the conflict "
            f"`{conflict.id}`](#{_conflict_anchor(conflict.id)}).",
            "",
        ]
    return out


def _quotation(source: Source, excerpt: str, pinpoint: str) -> list[str]:
    """The source's words as a block quote, attributed: source ID and pinpoint."""
    return [
        f'> "{" ".join(excerpt.split())}"',
        ">",
        f"> — [`{source.id}`](#{_source_anchor(source.id)}), {pinpoint}",
        "",
    ]


def _parameter(param: Parameter) -> list[str]:
    out = [f"- `{param.name}`: {param.description} (unit: {param.unit})"]
    if param.provenance:
        out.append(f"  Provenance: {param.provenance}")
    out.append("")
    if param.values:
        out += ["  | from | value | source | note |", "  |---|---|---|---|"]
        for period in param.values:
            out.append(
                f"  | {period.start.isoformat()} | {_cell(_value(period.value))} | "
                f"{_origin(period.source_id, period.basis)} | {_cell(period.note or '')} |"
            )
    else:
        out += [
            "  The sources disagree; each reading is listed (see the conflicts below).",
            "",
            "  | reading from | value | source | note |",
            "  |---|---|---|---|",
        ]
        for reading in param.readings:
            out.append(
                f"  | {reading.start.isoformat()} | {_cell(_value(reading.value))} | "
                f"`{reading.source_id}` | {_cell(reading.note or '')} |"
            )
    out.append("")
    return out


def _conflicts_section(book: Rulebook) -> list[str]:
    out = [
        "## Conflicts between sources",
        "",
        "Where sources disagree, the engine follows one reading, chosen by the policy's "
        "`conflict_rule`, and reports the conflict in every decision that uses it "
        "(`Decision.conflicts`): the source followed, the one set aside, and why. The "
        "resolutions below are computed by the engine itself.",
        "",
    ]
    if not book.conflicts:
        return [*out, "No conflicts are recorded.", ""]
    for conflict in book.conflicts.values():
        param = book.parameters[conflict.parameter]
        out += [
            f"({_conflict_anchor(conflict.id)})=",
            f"### `{conflict.id}` ({_rule_link(conflict.rule_id)})",
            "",
            f"**Question:** {conflict.question} Parameter: `{param.name}` ({param.unit}).",
            "",
            "| source | authority | date | reading | note |",
            "|---|---|---|---|---|",
        ]
        for reading in param.readings:
            source = book.sources[reading.source_id]
            out.append(
                f"| `{source.id}` | {source.authority.value} | {_source_date(source)} | "
                f"{_cell(_value(reading.value))} | {_cell(reading.note or '')} |"
            )
        out += ["", "| policy `conflict_rule` | follows | sets aside | why |", "|---|---|---|---|"]
        for rule in ConflictRule:
            why = Reasoning(Policy(conflict_rule=rule), book)
            why.resolve(param.name, conflict.question)
            noted = why.conflicts[0]
            default = " (default)" if rule is DEFAULT_POLICY.conflict_rule else ""
            out.append(
                f"| `{rule.name}`{default} | `{noted.followed}`: "
                f"{_cell(noted.followed_says)} | `{noted.set_aside}`: "
                f"{_cell(noted.set_aside_says)} | {_cell(noted.reason)} |"
            )
        out.append("")
    return out


# --- helpers --------------------------------------------------------------------------------------


def _by_section(rules: Iterable[Rule], order: list[str]) -> list[tuple[str, list[Rule]]]:
    grouped: dict[str, list[Rule]] = {}
    for rule in rules:
        grouped.setdefault(rule.section, []).append(rule)
    return sorted(
        grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
    )


def _origin(source_id: str | None, basis: str | None) -> str:
    return f"`{source_id}`" if source_id is not None else f"none ({_cell(basis or '')})"


def _source_anchor(source_id: str) -> str:
    return "source-" + source_id.lower()


def _conflict_anchor(conflict_id: str) -> str:
    return "conflict-" + conflict_id.lower()


def _rule_link(rule_id: str) -> str:
    return f"[`{rule_id}`](#{rule_anchor(rule_id)})"


def _reported_by(book: Rulebook, reported_by: str) -> str:
    if reported_by in book.sources:
        return f"[`{reported_by}`](#{_source_anchor(reported_by)})"
    return reported_by


def _source_date(source: Source) -> str:
    stored = source.date.isoformat()
    if source.date_precision == "month":
        return f"{source.date.strftime('%Y-%m')} (to the month; stored as {stored})"
    if source.date_precision == "year":
        return f"{source.date.year} (to the year; stored as {stored})"
    return stored


def _age(source: Source, day: _dt.date) -> str:
    days = source.age_on(day)
    if days < 0:
        return f"dated {-days} days after {day.isoformat()}"
    years = days / 365.25
    text = f"{days} days ({years:.1f} years)"
    if days > DEFAULT_POLICY.stale_after_days:
        text += ", *stale*"
    return text


def _authority(authority: Authority) -> str:
    return {
        Authority.PRIMARY: "primary (the agency's own words, or a direct report of them)",
        Authority.SECONDARY: "secondary (a compilation or commentary)",
        Authority.DATA: "data (published agency data)",
    }[authority]


def _value(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(_value(v) for v in value) if value else "(none)"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):  # a dated availability (ombudsman.case_assistance_open)
        return "yes" if value else "no"
    return str(value)


def _cell(text: str) -> str:
    # A table cell: one line, with the column separator escaped.
    return " ".join(text.split()).replace("|", "\\|")
