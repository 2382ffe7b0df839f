"""Deciding a docket: :func:`decide_docket` runs the engine on every case of a
:class:`~.model.Docket` and gathers a :class:`~.model.DocketReport`.

A case whose decision raises an :class:`~infopass_rules.errors.InfopassRulesError` (a history
item dated before the case was received, a fact the engine needs and lacks) becomes an error row
for that case; the other cases are decided all the same.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from infopass_rules.edges.docket.model import (
    Docket,
    DocketReport,
    Entry,
    RowError,
    collector_paused,
    notices_of,
)
from infopass_rules.engine.decision import Decision
from infopass_rules.engine.next_action import next_action
from infopass_rules.errors import InfopassRulesError, InvalidValue
from infopass_rules.facts import validate as v
from infopass_rules.facts.enums import Action
from infopass_rules.rules.policy import DEFAULT_POLICY, Policy
from infopass_rules.sources.rulebook import load_rulebook
from infopass_rules.times.table import ProcessingTimes

__all__ = ["decide_docket"]

_AS_OF = v.decision_date("as_of")
_NOISE = re.compile(r"[\s\-]+")


def decide_docket(
    docket: Docket,
    *,
    as_of: _dt.date,
    processing_times: ProcessingTimes | None = None,
    policy: Policy = DEFAULT_POLICY,
    progress: Callable[[Iterable[int]], Iterable[int]] | None = None,
) -> DocketReport:
    """Decide every case of ``docket`` as of one date.

    Args:
        docket: what :func:`~.reading.read_docket` read (or a ``Docket`` built by hand).
        as_of: the date to decide for.
        processing_times: published processing times, for cases whose
            ``outside_processing_times_on`` is not given.
        policy: the firm's readings of open questions (``DEFAULT_POLICY``).
        progress: wraps the iteration over the cases' indexes (a progress bar, e.g.
            ``tqdm.tqdm``); the report is the same with or without it. Each case is decided
            when the wrapper takes its index; what the wrapper yields is only counted (at most
            one item per case is taken from it), and the cases it did not take are decided
            after it, so a wrapper that drops, repeats or invents indexes changes nothing.

    Returns:
        The :class:`~.model.DocketReport`: a decision per case decided, in docket order, the
        docket's errors and one per case the engine refused, the count of each action.

    Raises:
        InvalidValue: ``docket`` is not a Docket, ``as_of`` is not a date in range, or
            ``progress`` is not callable or does not return an iterable.
    """
    if progress is not None and not callable(progress):
        raise InvalidValue(
            "must be callable",
            field="progress",
            value=progress,
            expected="a function wrapping an iterable of indexes (tqdm.tqdm), or None",
        )
    v.instance(
        docket, Docket, "docket", what="a Docket", expected="infopass_rules.read_docket(...)"
    )
    day = _AS_OF(as_of)
    source = docket.source or "<docket>"
    lines = docket.lines if len(docket.lines) == len(docket.cases) else ()
    decided: list[tuple[int, Entry]] = []
    decisions: list[Decision] = []
    refusals: list[RowError] = []
    cases = []
    typed = docket.typed
    carried = docket.carried
    empty: Mapping[str, str] = types.MappingProxyType({})

    def decide(i: int) -> None:
        case = docket.cases[i]
        number = case.receipt_number
        line = lines[i] if lines else i + 1
        history = docket.history.get(number, ())
        try:
            decision = next_action(
                case, history, as_of=day, processing_times=processing_times, policy=policy
            )
        except InfopassRulesError as exc:
            field = (exc.field or "").split(".")[0].split("[")[0]
            message = str(exc).removeprefix(f"{exc.field}: ") if exc.field else str(exc)
            error = RowError(source, line, field, message, number, case.office)
            refusals.append(error)
            entry = Entry(
                lines[i] if lines else None,
                number,
                typed.get(number, number),
                case.office,
                None,
                (error,),
                carried.get(number, empty),
            )
            decided.append((line, entry))
            return
        entry = Entry(
            lines[i] if lines else None,
            number,
            typed.get(number, number),
            case.office,
            decision,
            (),
            carried.get(number, empty),
        )
        decided.append((line, entry))
        decisions.append(decision)
        cases.append(case)

    # The collector paused while the cases are decided, as while the docket is read and its
    # rows written: decisions make no reference cycle, and each one kept would otherwise set off
    # collections that walk the whole docket in memory and free nothing (about a sixth of the
    # time of a docket decided as of a recent day).
    with collector_paused():
        _run(len(docket.cases), decide, progress)
    entries = _with_errors(docket, decided, bool(lines), empty)
    counts = dict.fromkeys(Action, 0)
    for decision in decisions:
        counts[decision.action] += 1
    # The docket's errors in the input's order, each engine refusal where its case was.
    in_file = [(e.line, e) for e in docket.errors if e.source == docket.source]
    refused = [(e.line, e) for e in refusals]
    ordered = (
        sorted([*in_file, *refused], key=lambda pair: pair[0])
        if lines
        else [
            *refused,
            *in_file,
        ]
    )
    elsewhere = [e for e in docket.errors if e.source != docket.source]
    return DocketReport(
        decisions=tuple(decisions),
        errors=(*(e for _, e in ordered), *elsewhere),
        counts=types.MappingProxyType(counts),
        as_of=day,
        ruleset_version=load_rulebook().version,
        cases=tuple(cases),
        entries=entries,
        notices=notices_of(decisions),
        carried_columns=docket.carried_columns,
    )


def _normal(number: str | None) -> str | None:
    """A receipt number as cases are matched: upper case, spaces and dashes dropped."""
    return None if number is None else _NOISE.sub("", number).upper()


def _with_errors(
    docket: Docket, decided: list[tuple[int, Entry]], by_line: bool, empty: Mapping[str, str]
) -> tuple[Entry, ...]:
    """Every case of the input as one entry, in the input's order: the cases decided (or
    refused by the engine), and the case file's rows in error (the errors of one row, one per
    field, together). The errors of other files (history rows) join the entry of their case;
    those of no case join none (they stay in the report's ``errors`` only)."""
    typed = docket.typed
    carried = docket.carried
    grouped: dict[int, list[RowError]] = {}
    for error in docket.errors:
        if error.source == docket.source:
            grouped.setdefault(error.line, []).append(error)
    in_error = []
    for line, errors in grouped.items():
        number = next((e.receipt_number for e in errors if e.receipt_number), None)
        office = next((e.office for e in errors if e.office), None)
        key = number or ""
        in_error.append(
            (
                line,
                Entry(
                    line,
                    number,
                    typed.get(key, number),
                    office,
                    None,
                    tuple(errors),
                    carried.get(key, empty),
                ),
            )
        )
    merged = (
        sorted([*decided, *in_error], key=lambda pair: pair[0])
        if by_line
        else [*decided, *in_error]
    )
    entries = [entry for _, entry in merged]
    where: dict[str, int] = {}
    for i, entry in enumerate(entries):
        number = _normal(entry.receipt_number)
        if number is not None:
            where.setdefault(number, i)
    for error in docket.errors:
        if error.source == docket.source:
            continue
        i = where.get(_normal(error.receipt_number) or "", -1)
        if i >= 0:
            entries[i] = attrs.evolve(entries[i], errors=(*entries[i].errors, error))
    return tuple(entries)


def _run(
    count: int,
    decide: Callable[[int], None],
    progress: Callable[[Iterable[int]], Iterable[int]] | None,
) -> None:
    """Call ``decide`` on each index below ``count``, once and in order, whatever ``progress``
    does with them: it wraps a generator that decides each index as it is taken."""
    done = 0

    def indexes() -> Iterator[int]:
        nonlocal done
        while done < count:
            decide(done)
            done += 1
            yield done - 1

    if progress is not None:
        wrapped = progress(indexes())
        if not isinstance(wrapped, Iterable):
            raise InvalidValue(
                "returned no iterable",
                field="progress",
                value=wrapped,
                expected="the iterable it is given, wrapped (tqdm.tqdm(indexes))",
            )
        # At most one item per case (and the one that ends the iteration) is taken from the
        # wrapper: an endless one (itertools.count()) stops there.
        for taken, _ in enumerate(wrapped):
            if taken >= count:
                break
    for _ in indexes():  # the cases the wrapper did not take
        pass
