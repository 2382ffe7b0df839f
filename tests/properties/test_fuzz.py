"""Fuzzing: generated and mutated input into every reader and into the engine and the planner.

Bounded so that the whole file runs in well under a minute on two cores: each test has its own
``max_examples``. What every test checks is the library's contract: nothing but an
``InfopassRulesError`` escapes, whatever the input; and what is accepted is a valid value (a
document read by ``loads`` round-trips; a decision keeps its invariants).

Two known bugs are kept out of the generated input (they are strict xfails in
``tests/test_bad_inputs.py``): integers too large for a float in a processing-times range, and
JSON integers of more than 4300 digits in a processing-times file. Dates stay far from
``date.max`` for the same reason (waits added to a date near it overflow).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import infopass_rules as ir
from infopass_rules.strategies import appointments, cases, deadlines, histories, inquiries
from tests.helpers import PT_FOLDER

T = TypeVar("T")

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=60)

FACTS: list[type] = [ir.Case, ir.Inquiry, ir.Appointment, ir.Deadline, ir.Decision]
FIELDS: dict[type, list[str]] = {cls: [a.name for a in attrs.fields(cls)] for cls in FACTS}
FIELDS[ir.Decision] = ["schema_version", *FIELDS[ir.Decision]]

# JSON scalars, including the awkward ones: big integers (below the known-bug size), floats at
# the edge, strings that look like dates, enum names and receipt numbers, and odd Unicode.
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "2015-01-05",
            "2021-02-30",
            "2015-01-05T00:00:00",
            "0001-01-01",
            "9999-12-31",
            "MSC1490012345",
            "msc-14-900-12345",
            "MIA",
            "Miami FL",
            "NBC",
            "INFOPASS",
            "CONTACT_CENTER",
            "RESOLVED",
            "SUPERVISOR",
            "HEALTH",
            "CASE_DELAY",
            "INQUIRE",
            "RG-CC",
            "",
            " ",
            "\u0130",
        ]
    ),
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def keyed_objects(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects keyed mostly by the class's own fields (so they pass the key check)."""
    keys = st.sampled_from([*FIELDS[cls], "kind", "extra"])
    return st.dictionaries(keys, JSON_VALUES, max_size=len(FIELDS[cls]) + 1)


def assert_read_back(value: object, cls: type) -> None:
    """An accepted document gives a valid value that serialises and reads back equal."""
    assert isinstance(value, cls)
    assert ir.loads(ir.dumps(value), cls) == value


def attempt(call: Callable[[], T]) -> T | ir.InfopassRulesError:
    """The call's result, or the InfopassRulesError it raised (any other exception escapes)."""
    try:
        return call()
    except ir.InfopassRulesError as exc:
        return exc


def assert_clear(error: ir.InfopassRulesError) -> None:
    """A refusal names where the problem is and says what it is."""
    assert str(error)
    assert (
        error.field is not None
        or "line" in str(error)
        or "UTF-8" in str(error)
        or "64" in str(error)
    )


def read(text: str | bytes, cls: type) -> None:
    value = attempt(lambda: ir.loads(text, cls))
    if isinstance(value, ir.InfopassRulesError):
        assert_clear(value)
    else:
        assert_read_back(value, cls)


# --- loads: generated documents ---------------------------------------------------------------


@FUZZ
@given(cls=st.sampled_from(FACTS), data=JSON_VALUES)
def test_loads_of_any_json_value(cls: type, data: object) -> None:
    read(json.dumps(data), cls)


@FUZZ
@given(data=st.data(), cls=st.sampled_from(FACTS))
def test_loads_of_objects_with_the_fields_keys(data: st.DataObject, cls: type) -> None:
    read(json.dumps(data.draw(keyed_objects(cls))), cls)


@FUZZ
@given(cls=st.sampled_from(FACTS), raw=st.binary(max_size=200))
def test_loads_of_any_bytes(cls: type, raw: bytes) -> None:
    read(raw, cls)


# --- loads: mutations of valid documents ------------------------------------------------------

_AS_OF = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def valid_documents(draw: st.DrawFn) -> tuple[type, str]:
    cls = draw(st.sampled_from(FACTS))
    if cls is ir.Case:
        value: object = draw(cases())
    elif cls is ir.Inquiry:
        value = draw(inquiries())
    elif cls is ir.Appointment:
        value = draw(appointments())
    elif cls is ir.Deadline:
        value = draw(deadlines())
    else:
        the_case = draw(cases())
        if the_case.outside_processing_times_on is None:
            outside = the_case.received_on or draw(_AS_OF)
            the_case = attrs.evolve(the_case, outside_processing_times_on=outside)
        as_of = draw(
            _AS_OF.filter(lambda d: the_case.received_on is None or d >= the_case.received_on)
        )
        value = ir.next_action(the_case, as_of=as_of)
    return cls, ir.dumps(value)


def _paths(node: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _paths(child, (*path, i))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _replace(node[head], rest, value)
    return copy


def _delete(node: Any, path: tuple[Any, ...]) -> Any:
    if len(path) == 1:
        copy = dict(node) if isinstance(node, dict) else list(node)
        del copy[path[0]]
        return copy
    return _replace(node, path[:1], _delete(node[path[0]], path[1:]))


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[type, str | bytes]:
    cls, text = draw(valid_documents())
    data = json.loads(text)
    how = draw(st.sampled_from(["replace", "delete", "add", "bytes"]))
    if how == "bytes":  # damage the text itself: flip, insert or drop bytes
        raw = bytearray(text.encode())
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(raw) - 1))
            op = draw(st.sampled_from(["flip", "insert", "drop"]))
            if op == "flip":
                raw[i] ^= draw(st.integers(1, 255))
            elif op == "insert":
                raw.insert(i, draw(st.integers(0, 255)))
            elif len(raw) > 1:
                del raw[i]
        return cls, bytes(raw)
    path = draw(st.sampled_from(_paths(data)))
    if how == "replace":
        data = _replace(data, path, draw(JSON_VALUES))
    elif how == "delete" and path:
        data = _delete(data, path)
    else:
        target = _replace(data, (), data)
        node = target
        for step in path:
            node = node[step]
        if isinstance(node, dict):
            data = _replace(data, path, {**node, draw(st.text(max_size=8)): draw(JSON_VALUES)})
        elif isinstance(node, list):
            data = _replace(data, path, [*node, draw(JSON_VALUES)])
        else:
            data = _replace(data, path, [node, node])
    return cls, json.dumps(data)


@FUZZ
@given(doc=mutated_documents())
def test_loads_of_mutated_valid_documents(doc: tuple[type, str | bytes]) -> None:
    cls, text = doc
    read(text, cls)


@FEW
@given(doc=valid_documents())
def test_valid_documents_read_back(doc: tuple[type, str]) -> None:
    cls, text = doc
    value = ir.loads(text, cls)
    assert ir.dumps(value) == text


# --- load_processing_times: generated and mutated files ---------------------------------------

PT_SAMPLES = [
    "I-485/MIA/2022-05-03.json",
    "N-400/MIA/2022-05-03.json",
    "I-130/NBC/2022-05-03.json",
    "I-765/NSC/2022-05-03.json",
]
# A range value of more than ~1e308 as an int is a known bug (see the module docstring).
_PT_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        ["Months", "Weeks", "Days", "Years", "", "March 29, 2022", "February 30, 2022"]
    ),
)
_PT_VALUES = st.recursive(
    _PT_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def pt_answers(shared_data: Path) -> list[Any]:
    folder = PT_FOLDER
    answers = [
        json.loads((folder / name).read_text("utf-8"))
        for name in PT_SAMPLES
        if (folder / name).is_file()
    ]
    if not answers:
        pytest.skip("no processing-times sample")
    return answers


def load_file(path: Path) -> None:
    times = attempt(lambda: ir.load_processing_times(path))
    if isinstance(times, ir.InfopassRulesError):
        assert times.field is not None
        assert path.name in times.field
        return
    for entry in times:  # whatever was accepted is usable
        assert entry.form
        assert entry.office


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".json", ".csv"]))
def test_load_processing_times_of_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("pt") / f"times-2022-05-03{suffix}"
    if suffix == ".json":
        path = path.with_name("2022-05-03.json")
    path.write_bytes(raw)
    load_file(path)


@FUZZ
@given(data=st.data())
def test_load_processing_times_of_mutated_answers(
    tmp_path_factory: pytest.TempPathFactory, pt_answers: list[Any], data: st.DataObject
) -> None:
    answer = data.draw(st.sampled_from(pt_answers))
    path_in = data.draw(st.sampled_from(_paths(answer)))
    how = data.draw(st.sampled_from(["replace", "delete"]))
    if how == "delete" and path_in:
        mutated = _delete(answer, path_in)
    else:
        mutated = _replace(answer, path_in, data.draw(_PT_VALUES))
    path = tmp_path_factory.mktemp("pt") / "2022-05-03.json"
    path.write_text(json.dumps(mutated), "utf-8")
    load_file(path)


@FEW
@given(data=st.data())
def test_load_processing_times_of_mutated_csv(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path, data: st.DataObject
) -> None:
    lines = (shared_data / "uscis-processing-times-2024-10-30.csv").read_text("utf-8").splitlines()
    sample = [lines[0], *lines[1:6]]
    row = data.draw(st.integers(0, len(sample) - 1))
    cells = sample[row].split(",")
    col = data.draw(st.integers(0, len(cells) - 1))
    cells[col] = data.draw(st.text(max_size=12).map(lambda s: s.replace("\r", "")))
    sample[row] = ",".join(cells)
    path = tmp_path_factory.mktemp("pt") / "times-2024-10-30.csv"
    path.write_text("\n".join(sample) + "\n", "utf-8")
    load_file(path)


# --- next_action and plan_appointments on generated facts -------------------------------------


def assert_invariants(decision: ir.Decision, as_of: dt.date) -> None:
    assert decision.as_of == as_of
    assert decision.allowed == (decision.earliest is not None and decision.earliest <= as_of)
    assert (decision.earliest is None) == (decision.action is ir.Action.NONE)
    for citation in decision.citations:
        assert citation.rule_id in ir.RULES, citation.rule_id
        assert citation.source_id in ir.SOURCES, citation.source_id
    for entry in decision.trace:
        assert entry.rule_id is None or entry.rule_id in ir.RULES
    assert decision.ruleset_version == ir.RULESET_VERSION


POLICIES = st.builds(
    ir.Policy,
    day_count=st.sampled_from(list(ir.DayCount)),
    urgency_horizon_days=st.integers(0, 3650),
    pressing_horizon_days=st.none() | st.integers(0, 3650),
    stale_after_days=st.integers(0, 3650),
)


@st.composite
def facts(draw: st.DrawFn) -> tuple[ir.Case, tuple[Any, ...], dt.date]:
    the_case = draw(cases())
    as_of = draw(_AS_OF.filter(lambda d: the_case.received_on is None or d >= the_case.received_on))
    history = draw(histories(the_case, as_of))
    return the_case, tuple(draw(st.permutations(history))), as_of


@FUZZ
@given(facts=facts(), policy=POLICIES)
def test_next_action_on_generated_facts(
    facts: tuple[ir.Case, tuple[Any, ...], dt.date], policy: ir.Policy
) -> None:
    the_case, history, as_of = facts
    decision = attempt(lambda: ir.next_action(the_case, history, as_of=as_of, policy=policy))
    if isinstance(decision, ir.InfopassRulesError):
        # only a delayed case without the date it is outside normal processing times
        assert isinstance(decision, ir.MissingFact)
        assert the_case.outside_processing_times_on is None
        return
    assert_invariants(decision, as_of)
    assert decision.receipt_number == the_case.receipt_number


@FUZZ
@given(
    the_case=cases(),
    history=st.lists(st.one_of(inquiries(), appointments()), max_size=5),
    as_of=_AS_OF,
)
def test_next_action_on_unrelated_histories(
    the_case: ir.Case, history: list[Any], as_of: dt.date
) -> None:
    # Items drawn without regard to the case: about other cases, before its receipt, after as_of.
    decision = attempt(lambda: ir.next_action(the_case, history, as_of=as_of))
    if isinstance(decision, ir.InfopassRulesError):
        assert decision.field is not None
        return
    assert_invariants(decision, as_of)


@FEW
@given(
    the_case=cases(),
    history=st.lists(st.one_of(inquiries(), appointments(), JSON_VALUES), max_size=4),
    as_of=st.one_of(_AS_OF, JSON_VALUES, st.datetimes()),
    policy=st.one_of(st.just(ir.DEFAULT_POLICY), JSON_VALUES),
)
def test_next_action_on_values_of_any_type(
    the_case: ir.Case, history: list[Any], as_of: Any, policy: Any
) -> None:
    decision = attempt(lambda: ir.next_action(the_case, history, as_of=as_of, policy=policy))
    if isinstance(decision, ir.InfopassRulesError):
        assert decision.field is not None
        return
    assert_invariants(decision, as_of)


REQUESTS = st.lists(
    st.builds(
        ir.PlanRequest,
        receipt_number=st.from_regex(r"[A-Z]{3}[0-9]{10}", fullmatch=True),
        earliest=_AS_OF,
        deadline=st.none() | _AS_OF,
        pressing=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda r: r.receipt_number,
)


@FEW
@given(
    requests=REQUESTS,
    attorneys=st.lists(
        st.text("ABCDEFGH ", min_size=1, max_size=6).map(str.strip).filter(bool),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    office=st.sampled_from(["MIA", "HIA", "KND", "OKL", "NYC", "LOS"]),
    start=_AS_OF,
    horizon=st.integers(0, 120),
)
def test_plan_appointments_on_generated_dockets(
    requests: list[ir.PlanRequest], attorneys: list[str], office: str, start: dt.date, horizon: int
) -> None:
    plan = ir.plan_appointments(
        requests, attorneys=attorneys, office=office, start=start, horizon_days=horizon
    )
    # Appointments where the firm books online, Contact Center calls where it cannot.
    placed = [rn for a in (*plan.appointments, *plan.calls) for rn in a.receipt_numbers]
    assert len(placed) == len(set(placed))
    assert sorted(placed + [u.receipt_number for u in plan.unplaced]) == sorted(
        r.receipt_number for r in requests
    )
    earliest = {r.receipt_number: r.earliest for r in requests}
    for appointment in (*plan.appointments, *plan.calls):
        assert start <= appointment.on <= start + dt.timedelta(days=horizon)
        assert ir.is_business_day(appointment.on)
        assert appointment.attorney in attorneys
        assert all(earliest[rn] <= appointment.on for rn in appointment.receipt_numbers)
    assert ir.check_appointments(plan.appointments) == ()


@FEW
@given(
    requests=st.lists(
        st.one_of(
            JSON_VALUES,
            st.builds(ir.PlanRequest, receipt_number=st.just("MSC1490012345"), earliest=_AS_OF),
        ),
        max_size=3,
    ),
    attorneys=st.one_of(JSON_VALUES, st.lists(JSON_VALUES, max_size=3)),
    office=JSON_VALUES,
    start=st.one_of(_AS_OF, JSON_VALUES),
    horizon=JSON_VALUES,
)
def test_plan_appointments_on_values_of_any_type(
    requests: Any, attorneys: Any, office: Any, start: Any, horizon: Any
) -> None:
    assume(not (isinstance(horizon, int) and not isinstance(horizon, bool) and horizon > 400))
    plan = attempt(
        lambda: ir.plan_appointments(
            requests, attorneys=attorneys, office=office, start=start, horizon_days=horizon
        )
    )
    if isinstance(plan, ir.InfopassRulesError):
        assert plan.field is not None
        return
    assert ir.check_appointments(plan.appointments) == ()


# --- docket files (hardening, third round: D1-D4) -----------------------------------------------

_DOCKET_PIECES = st.sampled_from(
    [
        b"receipt_number,office",
        b"MSC1891000001,MIA",
        b"msc-18-910-00002,Miami",
        b'"',
        b",",
        b"\r",
        b"\n",
        b"\r\n",
        b"\xe9",
        b"\xef\xbb\xbf",
        b"\x00",
        b'{"receipt_number": "MSC1891000003", "office": "MIA"}',
        b"=cmd|' /C calc'!A0",
        b"\x1b[2J",
    ]
)


@FUZZ
@given(
    pieces=st.lists(_DOCKET_PIECES, max_size=40),
    noise=st.binary(max_size=40),
    suffix=st.sampled_from([".csv", ".jsonl", ".txt", ""]),
)
def test_any_docket_file_is_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes], noise: bytes, suffix: str
) -> None:
    import csv
    import io

    from infopass_rules.edges.docket import EXAMPLE_AS_OF
    from infopass_rules.edges.docket.command import _render

    raw = b"".join(pieces) + noise
    path = tmp_path_factory.mktemp("docket") / f"cases{suffix}"
    path.write_bytes(raw)
    for file in (path, io.BytesIO(raw)):
        try:
            docket = ir.read_docket(file)  # type: ignore[arg-type]
        except ir.InfopassRulesError:
            continue
        assert all(e.line >= 1 for e in docket.errors)
        report = ir.decide_docket(docket, as_of=EXAMPLE_AS_OF)
        for row in csv.reader(io.StringIO(report.to_csv_text())):
            assert not [c for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert "\x1b" not in _render(report, "table")
        assert "\x1b" not in _render(report, "markdown")
