"""``next_action`` as a whole: its arguments, eligibility from processing times, the history it
reads, decisions outside the district and under the Contact Center, triage and the sources it
warns of. (The rules one by one are in tests/rules/.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

import infopass_rules as ir
from infopass_rules.rules.reasoning import Reasoning
from infopass_rules.sources.rulebook import Authority, build_rulebook
from infopass_rules.times.durations import Duration
from infopass_rules.times.published import PublishedTime
from infopass_rules.times.table import ProcessingTimes
from tests.helpers import (
    BOSTON_RECEIPT,
    MIAMI_RECEIPT,
    PT_FOLDER,
    D,
    case,
    infopass,
    miami,
    texts,
    trace,
)

DAY = timedelta(days=1)


def steps(first: date) -> list[ir.Inquiry]:
    second = first + timedelta(days=61)
    return [ir.Inquiry(d, ir.Channel.INFOPASS) for d in (first, second, second + timedelta(31))]


def _documents() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    import tomllib
    from importlib import resources

    files = resources.files("infopass_rules.sources").joinpath("data")
    return tuple(  # type: ignore[return-value]
        tomllib.loads(files.joinpath(name).read_text("utf-8"))
        for name in ("sources.toml", "rules.toml", "parameters.toml")
    )


CC_2020 = (
    "RG-CC",
    "on {} every office schedules through the Contact Center (from 2019-03-01, a month-precise "
    "date stored as its first day)",
)


CALL = (
    "CC-CALL",
    "call 1-800-375-5283: an automated system, then a Tier 1 representative who can open a "
    "service request",
)


TIPS = ("CC-TIPS", "be clear and concise; have the receipt number and filing date at hand")


NO_URGENCY = ("CC-TRIAGE", "no urgency factor (deadline, circumstance, long pending)")


CALL_NOTES = (
    "Call the Contact Center at 1-800-375-5283; Tier 1 will ask for the name, date of birth and "
    "receipt number.",
    "Be clear and concise; have the receipt number, the filing date and the relevant details at "
    "hand.",
)


def contact_center(on: date) -> tuple[str, str]:
    return (CC_2020[0], CC_2020[1].format(on.isoformat()))


PRIVACY_RELEASE = (
    "the applicant's privacy release, signed by hand and notarized or under penalty of perjury "
    "(no digital signature), naming that congressional office alone as recipient, with a "
    "certified translation of any text not in English"
)


def later_pt_sources(as_of: date) -> str:
    """The LATER_SOURCE warning of a decision before 2022-05 citing PT-INQUIRY alone as later."""
    return (
        f"Sources dated after {as_of} are cited (ombudsman-web-alerts, "
        "uscis-processing-times-page): they describe the procedure as reported later, the best "
        "evidence of it on that date."
    )


def congress_open(as_of: date, outside: date) -> tuple[str, str]:
    """CONG-INQUIRY's trace entry for a first congressional inquiry about a delay, open."""
    return (
        "CONG-INQUIRY",
        f"Congressional inquiry open on {as_of}: a first congressional inquiry, through the "
        f"applicant's member of Congress, open since {outside} (about the delay: the case is "
        f"outside normal processing times from {outside}, PT-INQUIRY): it needs "
        f"{PRIVACY_RELEASE}",
    )


def _entry(
    office: str,
    category: str,
    fetched: date,
    inquiry: date | None,
    months: float | None,
) -> PublishedTime:
    return PublishedTime(
        form="I-485",
        office=office,
        category=category,
        fetched_on=fetched,
        published_on=fetched - timedelta(days=2),
        case_inquiry_date=inquiry,
        upper=None if months is None else Duration(months, "months"),
        lower=None,
        suppressed=inquiry is None,
        origin=f"test {office} {fetched.isoformat()}",
    )


# Miami publishes two categories; the Family date moves backwards between the two snapshots
# (outside by the first, no longer by the second). Hialeah's figures are suppressed.
TABLE = ProcessingTimes(
    [
        _entry("MIA", "Family", D(2020, 1, 10), D(2019, 6, 1), 10),
        _entry("MIA", "Employment", D(2020, 1, 10), D(2019, 1, 1), 20),
        _entry("MIA", "Family", D(2020, 2, 10), D(2019, 4, 1), 10),
        _entry("MIA", "Employment", D(2020, 2, 10), D(2019, 1, 1), 20),
        _entry("HIA", "Family", D(2020, 2, 10), None, None),
    ]
)


def i485(office: str = "MIA", category: str = "Family") -> ir.Case:
    return ir.Case(
        "MSC1990012345", office, form="I-485", category=category, received_on=D(2019, 5, 1)
    )


OUTSIDE_SINCE_JANUARY = (
    "Outside normal processing times from 2020-01-10: the snapshot fetched that day (published "
    "2020-01-08) gives 2019-06-01 as the receipt date for a case inquiry. It is the earliest "
    "snapshot on record; the case may have been outside earlier."
)


class UnhashableTimes:
    """Processing times that cannot be hashed (a firm's own table): decided without the memo."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, table: ProcessingTimes) -> None:
        self.table = table

    def outside_since(self, *args: object, **kwargs: object) -> object:
        return self.table.outside_since(*args, **kwargs)  # type: ignore[arg-type]

    def is_outside(self, *args: object, **kwargs: object) -> object:
        return self.table.is_outside(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def times(shared_data: Path) -> ir.ProcessingTimes:
    return ir.load_processing_times(PT_FOLDER)


def n400(received_on: date) -> ir.Case:
    return ir.Case("MSC2190012345", "MIA", form="N-400", received_on=received_on)


class TestArguments:
    """Bad arguments are typed errors naming the field, the value and what is expected."""

    def test_missing_eligibility_is_a_typed_error(self) -> None:
        with pytest.raises(ir.MissingFact, match="outside_processing_times_on"):
            ir.next_action(case(), as_of=D(2020, 1, 1))

    def test_processing_times_need_form_and_receipt_date(self) -> None:
        class FakeTimes:
            def outside_since(self, *a: object, **k: object) -> None:
                raise AssertionError("not reached")

        with pytest.raises(ir.MissingFact, match=r"case\.form and case\.received_on"):
            ir.next_action(case(), as_of=D(2020, 1, 1), processing_times=FakeTimes())  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("history", "field"),
        [
            ((ir.Appointment(D(2020, 1, 2), "BOS", ("EAC1890099999",)),), "history[0]"),
            (
                (ir.Inquiry(D(2020, 1, 2), ir.Channel.INFOPASS, receipt_number="EAC1890099999"),),
                "history[0].receipt_number",
            ),
            ((ir.Inquiry(D(2019, 12, 31), ir.Channel.INFOPASS),), "history[0].on"),
            (("not an inquiry",), "history[0]"),
            ("inquiries", "history"),
        ],
    )
    def test_history_not_about_the_case_is_invalid(self, history: object, field: str) -> None:
        c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
        with pytest.raises(ir.InvalidHistory) as info:
            ir.next_action(c, history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"as_of": datetime(2020, 1, 1)}, "as_of"),
            ({"as_of": "2020-01-01"}, "as_of"),
            ({"as_of": D(2020, 1, 1), "policy": "strict"}, "policy"),
            ({"as_of": D(2020, 1, 1), "processing_times": {}}, "processing_times"),
        ],
    )
    def test_bad_arguments_are_typed_errors(self, kwargs: dict[str, object], field: str) -> None:
        with pytest.raises(ir.InvalidValue) as info:
            ir.next_action(case(outside_processing_times_on=D(2019, 1, 1)), **kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_case_must_be_a_case(self) -> None:
        with pytest.raises(ir.InvalidValue, match="case"):
            ir.next_action({"receipt_number": BOSTON_RECEIPT}, as_of=D(2020, 1, 1))  # type: ignore[arg-type]

    def test_history_that_is_no_collection(self) -> None:
        for history, shown in (("inquiries", "'inquiries'"), (5, "5")):
            with pytest.raises(ir.InvalidHistory) as info:
                ir.next_action(case(), history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
            assert str(info.value) == (
                f"history: must be a collection of Inquiry and Appointment values; got {shown}; "
                "expected a tuple or list of Inquiry / Appointment"
            )
            assert info.value.value == history

    @pytest.mark.parametrize(
        ("kwargs", "message", "value"),
        [
            (
                {"case": "MSC1490012345"},
                "case: must be a Case; got 'MSC1490012345'; expected an infopass_rules.Case",
                "MSC1490012345",
            ),
            (
                {"policy": "strict"},
                "policy: must be a Policy; got 'strict'; expected an infopass_rules.Policy, e.g. "
                "DEFAULT_POLICY",
                "strict",
            ),
            (
                {"processing_times": {}},
                "processing_times: must be a ProcessingTimes; got {}; expected None or the "
                "result of "
                "load_processing_times()",
                {},
            ),
        ],
    )
    def test_bad_arguments_name_field_value_and_what_is_expected(
        self, kwargs: dict[str, object], message: str, value: object
    ) -> None:
        arguments: dict[str, object] = {"case": case(outside_processing_times_on=D(2020, 1, 2))}
        arguments.update(kwargs)
        with pytest.raises(ir.InvalidValue) as info:
            ir.next_action(as_of=D(2020, 2, 1), **arguments)  # type: ignore[arg-type]
        assert str(info.value) == message
        assert info.value.value == value

    @pytest.mark.parametrize(
        ("item", "message", "value"),
        [
            (
                ir.Appointment(D(2020, 1, 2), "BOS", ("EAC1890099999",)),
                "history[1]: is an appointment that does not list the case; got "
                "('EAC1890099999',); "
                "expected an appointment listing EAC1890012345",
                ("EAC1890099999",),
            ),
            (
                ir.Inquiry(D(2020, 1, 2), ir.Channel.INFOPASS, receipt_number="EAC1890099999"),
                "history[1].receipt_number: is an inquiry about another case; got 'EAC1890099999'; "
                "expected None or EAC1890012345",
                "EAC1890099999",
            ),
            (
                "an inquiry",
                "history[1]: is not an Inquiry or an Appointment; got 'an inquiry'; expected "
                "infopass_rules.Inquiry or infopass_rules.Appointment",
                "an inquiry",
            ),
            (
                ["unhashable"],
                "history[1]: is not an Inquiry or an Appointment; got ['unhashable']; expected "
                "infopass_rules.Inquiry or infopass_rules.Appointment",
                ["unhashable"],
            ),
            (
                ir.Inquiry(D(2019, 12, 31), ir.Channel.INFOPASS),
                "history[1].on: is dated before the case was received (2020-01-01); got "
                "datetime.date(2019, 12, 31); expected a date on or after 2020-01-01",
                D(2019, 12, 31),
            ),
            (
                ir.Appointment(D(2019, 12, 31), "BOS", (BOSTON_RECEIPT,)),
                "history[1].on: is dated before the case was received (2020-01-01); got "
                "datetime.date(2019, 12, 31); expected a date on or after 2020-01-01",
                D(2019, 12, 31),
            ),
        ],
    )
    def test_history_items_not_about_the_case(
        self, item: object, message: str, value: object
    ) -> None:
        c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
        history = (ir.Inquiry(D(2020, 1, 1), ir.Channel.INFOPASS), item)
        with pytest.raises(ir.InvalidHistory) as info:
            ir.next_action(c, history, as_of=D(2020, 2, 1))  # type: ignore[arg-type]
        assert str(info.value) == message
        assert info.value.value == value

    def test_a_history_over_the_limit_is_refused_without_reading_it_all(self) -> None:
        from infopass_rules.facts.history import MAX_HISTORY_ITEMS

        read = 0

        def items(count: int) -> Iterator[ir.Inquiry]:
            nonlocal read
            for _ in range(count):
                read += 1
                yield infopass(D(2015, 1, 10))

        with pytest.raises(ir.InvalidHistory) as info:
            ir.next_action(miami(), items(MAX_HISTORY_ITEMS + 5), as_of=D(2015, 2, 1))
        assert read == MAX_HISTORY_ITEMS + 1
        error = info.value
        assert (error.problem, error.field, error.value, error.expected) == (
            "has too many items",
            "history",
            None,
            f"at most MAX_HISTORY_ITEMS = {MAX_HISTORY_ITEMS} inquiries and appointments",
        )
        decision = ir.next_action(miami(), items(MAX_HISTORY_ITEMS), as_of=D(2015, 2, 1))
        assert (decision.step, decision.ladder_steps) == (2, (D(2015, 1, 10),))

    @pytest.mark.parametrize("kind", [tuple, list])
    def test_a_tuple_or_list_history_at_and_over_the_limit(self, kind: type) -> None:
        """A tuple or a list is taken as it is up to the limit, and refused one item past it."""
        from infopass_rules.facts.history import MAX_HISTORY_ITEMS

        visit = infopass(D(2015, 1, 10))
        decision = ir.next_action(miami(), kind([visit] * MAX_HISTORY_ITEMS), as_of=D(2015, 2, 1))
        assert (decision.step, decision.ladder_steps) == (2, (D(2015, 1, 10),))
        with pytest.raises(ir.InvalidHistory) as info:
            ir.next_action(miami(), kind([visit] * (MAX_HISTORY_ITEMS + 1)), as_of=D(2015, 2, 1))
        assert (info.value.problem, info.value.field) == ("has too many items", "history")

    def test_inquiry_and_appointment_on_the_day_of_receipt_are_accepted(self) -> None:
        c = case(received_on=D(2020, 1, 1), outside_processing_times_on=D(2020, 1, 1))
        on_receipt = ir.Inquiry(D(2020, 1, 1), ir.Channel.E_REQUEST)
        decision = ir.next_action(c, (on_receipt,), as_of=D(2020, 2, 1))
        assert decision.action is ir.Action.INQUIRE
        held = ir.Appointment(D(2020, 1, 1), "BOS", (BOSTON_RECEIPT,))
        assert ir.next_action(c, (held,), as_of=D(2020, 2, 1)).action is ir.Action.INQUIRE

    def test_delayed_case_with_no_way_to_tell_eligibility(self) -> None:
        with pytest.raises(ir.MissingFact) as info:
            ir.next_action(case(), as_of=D(2020, 1, 1))
        assert str(info.value) == (
            "case.outside_processing_times_on: cannot tell when the case is outside normal "
            "processing times; expected Case(outside_processing_times_on=date), or "
            "next_action(..., "
            "processing_times=load_processing_times(...)) with the case's form, category and "
            "received_on"
        )

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({}, "case.form and case.received_on"),
            ({"form": "I-485"}, "case.received_on"),
            ({"received_on": D(2019, 5, 1)}, "case.form"),
        ],
    )
    def test_processing_times_need_the_form_and_receipt_date(
        self, kwargs: dict[str, object], field: str
    ) -> None:
        with pytest.raises(ir.MissingFact) as info:
            ir.next_action(case("MIA", **kwargs), as_of=D(2020, 3, 1), processing_times=TABLE)
        assert str(info.value) == (
            f"{field}: is needed to look the case up in the processing times; expected the case's "
            "form (e.g. 'I-485') and received_on date, or Case(outside_processing_times_on=date)"
        )


class TestEligibilityFromProcessingTimes:
    """MIA-ELIGIBLE through the engine: the day a case is outside,
    read from the published processing times (hand-built and real)."""

    def test_eligibility_from_the_snapshot_in_force(self) -> None:
        decision = ir.next_action(i485(), as_of=D(2020, 2, 1), processing_times=TABLE)
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 1)
        assert (decision.earliest, decision.allowed) == (D(2020, 1, 10), True)
        assert trace(decision)[1:3] == [
            ("PT-INQUIRY", OUTSIDE_SINCE_JANUARY),
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2020-01-10 (USCIS's published processing "
                "times)",
            ),
        ]
        # PT-INQUIRY is cited beside MIA-ELIGIBLE where the published times date the case.
        assert texts(decision.warnings) == (later_pt_sources(D(2020, 2, 1)),)
        data = decision.citations[-1]
        assert (data.rule_id, data.source_id, data.title, data.date) == (
            "MIA-ELIGIBLE",
            "uscis-processing-times",
            "USCIS processing times: I-485 at MIA (Family)",
            D(2020, 1, 8),
        )
        assert decision.rule_ids == (
            "RG-CC",
            "PT-INQUIRY",
            "MIA-ELIGIBLE",
            "CONG-INQUIRY",
            "CC-CALL",
            "CC-TIPS",
        )

    @pytest.mark.parametrize(("age", "warned"), [(89, False), (90, False), (91, True)])
    def test_processing_times_fetched_long_before_are_stale_data(
        self, age: int, warned: bool
    ) -> None:
        fetched = D(2020, 1, 10)  # the Employment snapshot of 2020-02-10 is not more recent
        case = i485(category="Employment")
        times = ProcessingTimes([_entry("MIA", "Employment", fetched, D(2019, 1, 1), 20)])
        as_of = fetched + timedelta(days=age)
        decision = ir.next_action(case, as_of=as_of, processing_times=times)
        stale = decision.warnings_of(ir.WarningKind.STALE_DATA)
        assert bool(stale) is warned
        if warned:
            assert stale == (
                ir.Warning(
                    ir.WarningKind.STALE_DATA,
                    "MIA-ELIGIBLE: the processing times used were fetched on 2020-01-10, 91 days "
                    "before 2020-04-10: USCIS may have published other figures since; check the "
                    "current processing times.",
                    "MIA-ELIGIBLE",
                    fetched,
                ),
            )
        policy = ir.Policy(processing_times_stale_after_days=age)
        again = ir.next_action(case, as_of=as_of, processing_times=times, policy=policy)
        assert not again.warnings_of(ir.WarningKind.STALE_DATA)

    @pytest.mark.parametrize(("latest_age", "warned"), [(90, False), (91, True)])
    def test_staleness_is_judged_by_the_snapshot_in_force_not_the_first_outside(
        self, latest_age: int, warned: bool
    ) -> None:
        # Outside since the snapshot of 2020-01-10, and still by a later one: the later one
        # is in force on as_of, so the answer is as fresh as it is.
        # (A Family snapshot, and an Employment one fetched after as_of, are beside them: neither
        # is the one in force for the case on as_of.)
        first, latest = D(2020, 1, 10), D(2021, 6, 1)
        case = i485(category="Employment")
        as_of = latest + timedelta(days=latest_age)
        times = ProcessingTimes(
            [
                _entry("MIA", "Employment", first, D(2019, 6, 1), 20),
                _entry("MIA", "Employment", latest, D(2019, 8, 1), 20),
                _entry("MIA", "Employment", as_of + timedelta(days=30), D(2019, 9, 1), 20),
                _entry("MIA", "Family", D(2019, 6, 1), D(2019, 1, 1), 20),
            ]
        )
        decision = ir.next_action(case, as_of=as_of, processing_times=times)
        # The finding rests on the first snapshot (its citation is dated by publication).
        assert decision.citations[-1].date == first - timedelta(days=2)
        stale = decision.warnings_of(ir.WarningKind.STALE_DATA)
        assert bool(stale) is warned
        if warned:
            assert stale[0].on == latest
            assert "fetched on 2021-06-01, 91 days before 2021-08-31" in stale[0].text

    def test_a_table_that_cannot_say_what_is_in_force_is_judged_by_the_finding(self) -> None:
        # A firm's own table with outside_since only, and one whose lookup refuses the
        # question: staleness falls back to the snapshot the finding rests on.
        fetched = D(2020, 1, 10)
        table = ProcessingTimes([_entry("MIA", "Employment", fetched, D(2019, 1, 1), 20)])

        class Refusing(UnhashableTimes):
            def lookup(self, *args: object, **kwargs: object) -> object:
                raise ir.MissingFact("cannot say", field="category")

        as_of = fetched + timedelta(days=91)

        class Undated(UnhashableTimes):
            def lookup(self, *args: object, **kwargs: object) -> object:
                return object()  # an entry that does not say when it was fetched

        for times in (UnhashableTimes(table), Refusing(table), Undated(table)):
            decision = ir.next_action(
                i485(category="Employment"),
                as_of=as_of,
                processing_times=times,  # type: ignore[arg-type]
            )
            (stale,) = decision.warnings_of(ir.WarningKind.STALE_DATA)
            assert stale.on == fetched

    def test_a_date_moved_back_undoes_eligibility_and_inquiries_are_judged_by_their_day(
        self,
    ) -> None:
        # Outside by the snapshot of 2020-01-10, not by the one of 2020-02-10 (the date moved back).
        late = ir.Inquiry(D(2020, 2, 15), ir.Channel.INFOPASS)
        decision = ir.next_action(i485(), (late,), as_of=D(2020, 3, 1), processing_times=TABLE)
        assert (decision.action, decision.step) == (ir.Action.INQUIRE, 1)
        assert (decision.earliest, decision.allowed) == (D(2020, 3, 2), False)
        assert decision.ladder_steps == ()
        assert trace(decision)[1:4] == [
            (
                "PT-INQUIRY",
                "Not outside normal processing times on 2020-03-01 (receipt date for a case "
                "inquiry "
                "2019-04-01); estimated from the receipt date plus 10 months, the longer end of "
                "the "
                "range in the snapshot fetched 2020-02-10 (published 2020-02-08). That estimate "
                "has "
                "already passed "
                "while the published date says not yet, so the day after 2020-03-01 is given. The "
                "case was outside by the snapshot fetched 2020-01-10, but USCIS has since moved "
                "the "
                "receipt date for a case inquiry back.",
            ),
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2020-03-02 (estimated from USCIS's published "
                "processing range)",
            ),
            # judged by the snapshot in force on its day (2020-02-10), no longer showing it outside
            ("MIA-ELIGIBLE", "premature inquiry of 2020-02-15: not step 1"),
        ]
        assert texts(decision.warnings) == (
            "MIA-ELIGIBLE: estimated: by the published case-inquiry date the case is not yet "
            "outside "
            "normal processing times; 2020-03-02 is an estimate from the published processing "
            "range.",
            "MIA-ELIGIBLE: the INFOPASS inquiry of 2020-02-15 was premature (step 1 is allowed "
            "once "
            "the case is outside normal processing times); it is not a step",
            later_pt_sources(D(2020, 3, 1)),
        )
        (estimate,) = decision.warnings_of(ir.WarningKind.ESTIMATE)
        assert (estimate.rule_id, estimate.on) == ("MIA-ELIGIBLE", D(2020, 3, 2))
        assert decision.citations[-1].date == D(2020, 2, 8)

    def test_inquiry_under_the_first_snapshot_is_step_1(self) -> None:
        # Made while the case was outside: it stays step 1 after the date moves back.
        early = ir.Inquiry(D(2020, 1, 15), ir.Channel.INFOPASS)
        decision = ir.next_action(i485(), (early,), as_of=D(2020, 3, 1), processing_times=TABLE)
        assert decision.ladder_steps == (D(2020, 1, 15),)
        assert (decision.step, decision.earliest) == (2, D(2020, 3, 16))

    def test_an_inquiry_made_when_the_decision_allows_step_1_counts_as_step_1(self) -> None:
        # Regression: the allowed date and the judgment of an inquiry made on it come from the
        # same snapshot, so following the advice always counts.
        for as_of in (D(2020, 1, 10), D(2020, 2, 9), D(2020, 3, 1)):
            decision = ir.next_action(i485(), as_of=as_of, processing_times=TABLE)
            made = ir.Inquiry(as_of, ir.Channel.CONTACT_CENTER)
            after = ir.next_action(
                i485(), (made,), as_of=as_of + timedelta(days=1), processing_times=TABLE
            )
            assert decision.step == 1
            assert after.ladder_steps == ((as_of,) if decision.allowed else ())
        assert ir.next_action(i485(), as_of=D(2020, 2, 9), processing_times=TABLE).allowed
        assert not ir.next_action(i485(), as_of=D(2020, 3, 1), processing_times=TABLE).allowed

    def test_eligibility_estimated_from_the_processing_range(self) -> None:
        decision = ir.next_action(
            i485(category="employment"), as_of=D(2020, 3, 1), processing_times=TABLE
        )
        assert (decision.step, decision.earliest, decision.allowed) == (1, D(2021, 1, 1), False)
        assert trace(decision)[1:3] == [
            (
                "PT-INQUIRY",
                "Not outside normal processing times on 2020-03-01 (receipt date for a case "
                "inquiry "
                "2019-01-01); estimated from the receipt date plus 20 months, the longer end of "
                "the "
                "range in the snapshot fetched 2020-02-10 (published 2020-02-08).",
            ),
            (
                "MIA-ELIGIBLE",
                "outside normal processing times from 2021-01-01 (estimated from USCIS's published "
                "processing range)",
            ),
        ]
        assert texts(decision.warnings) == (
            "MIA-ELIGIBLE: estimated: by the published case-inquiry date the case is not yet "
            "outside "
            "normal processing times; 2021-01-01 is an estimate from the published processing "
            "range.",
            later_pt_sources(D(2020, 3, 1)),
        )
        assert decision.citations[-1].rule_id == "MIA-ELIGIBLE"
        assert decision.citations[-1].title == "USCIS processing times: I-485 at MIA (Employment)"

    @pytest.mark.parametrize(
        ("office", "why"),
        [
            (
                "HIA",
                "USCIS suppressed the processing times of I-485 at HIA (Family) in the snapshot "
                "fetched 2020-02-10; no date can be given",
            ),
            ("BOS", "No processing times are loaded for I-485 at BOS"),
        ],
    )
    def test_no_published_processing_time(self, office: str, why: str) -> None:
        with pytest.raises(ir.MissingFact) as info:
            ir.next_action(i485(office), as_of=D(2020, 3, 1), processing_times=TABLE)
        assert str(info.value) == (
            f"processing_times: no published processing time for I-485 at {office} on or before "
            f"2020-03-01 ({why}); expected processing times covering the case's form and office, "
            "or "
            "Case(outside_processing_times_on=date)"
        )

    def test_unhashable_processing_times_and_a_policy_are_used(self) -> None:
        step_1 = ir.Inquiry(D(2020, 1, 15), ir.Channel.INFOPASS)
        policy = ir.Policy(day_count=ir.DayCount.ON_LAST_DAY)
        times = UnhashableTimes(TABLE)
        decision = ir.next_action(
            i485(),
            (step_1,),
            as_of=D(2020, 3, 1),
            processing_times=times,  # type: ignore[arg-type]
            policy=policy,
        )
        assert decision.ladder_steps == (D(2020, 1, 15),)
        assert (decision.step, decision.earliest) == (2, D(2020, 3, 15))  # ON_LAST_DAY: D + 60

    def test_an_inquiry_during_an_earlier_run_outside_still_counts(self) -> None:
        # Outside in January, not in February (the date moved back), outside again from March: an
        # inquiry made in January was made while the case was outside, and stays step 1.
        table = ir.ProcessingTimes(
            [
                _entry("MIA", "Family", D(2020, 1, 10), D(2019, 6, 1), 10),
                _entry("MIA", "Family", D(2020, 2, 10), D(2019, 4, 1), 10),
                _entry("MIA", "Family", D(2020, 3, 10), D(2019, 7, 1), 10),
            ]
        )
        january = ir.Inquiry(D(2020, 1, 20), ir.Channel.INFOPASS)
        decision = ir.next_action(i485(), (january,), as_of=D(2020, 3, 20), processing_times=table)
        assert decision.ladder_steps == (D(2020, 1, 20),)
        assert (decision.step, decision.earliest) == (2, D(2020, 3, 21))  # 2020-01-20 + 61 days
        # A case's own date has no snapshots: an inquiry before it is premature.
        own = attrs.evolve(i485(), outside_processing_times_on=D(2020, 3, 10))
        assert ir.next_action(own, (january,), as_of=D(2020, 3, 20)).ladder_steps == ()

    def test_each_inquiry_is_judged_by_the_snapshot_in_force_on_its_day(
        self, shared_data: Path
    ) -> None:
        times = ir.load_processing_times(PT_FOLDER)
        first_file = min(times.snapshot_dates("N-400", "MIA"))
        cutoff = times.case_inquiry_date("N-400", "MIA", as_of=first_file)
        assert cutoff is not None
        case = ir.Case(MIAMI_RECEIPT, "MIA", form="N-400", received_on=cutoff - timedelta(days=1))
        before_data = ir.Inquiry(first_file - timedelta(days=3), ir.Channel.E_REQUEST)
        on_data = ir.Inquiry(first_file + timedelta(days=1), ir.Channel.E_REQUEST)
        decision = ir.next_action(
            case,
            [before_data, on_data],
            as_of=first_file + timedelta(days=2),
            processing_times=times,
        )
        # Before the first snapshot the inquiry is judged by the first day outside: premature.
        assert decision.ladder_steps == (on_data.on,)
        assert any("premature" in w for w in texts(decision.warnings))

    def test_received_before_the_case_inquiry_date_is_outside(
        self, times: ir.ProcessingTimes
    ) -> None:
        as_of = date(2022, 3, 1)
        cutoff = times.case_inquiry_date("N-400", "MIA", as_of=as_of)
        assert cutoff is not None
        for received, outside in ((cutoff - DAY, True), (cutoff, False), (cutoff + DAY, False)):
            decision = ir.next_action(n400(received), as_of=as_of, processing_times=times)
            assert decision.action is ir.Action.INQUIRE
            assert decision.step == 1
            assert decision.allowed is outside
            data = [c for c in decision.citations if c.source_id == "uscis-processing-times"]
            assert len(data) == 1
            assert "N-400" in data[0].title
            if outside:
                assert not any("estimate" in w for w in texts(decision.warnings))
            else:
                assert decision.earliest is not None
                assert decision.earliest > as_of
                assert any("estimate" in w for w in texts(decision.warnings))

    def test_first_snapshot_day_outside_is_the_earliest(self, times: ir.ProcessingTimes) -> None:
        # Received the day before a later snapshot's case-inquiry date: outside from that snapshot.
        later = date(2022, 4, 20)
        cutoff = times.case_inquiry_date("N-400", "MIA", as_of=later)
        assert cutoff is not None
        decision = ir.next_action(n400(cutoff - DAY), as_of=later, processing_times=times)
        finding = times.outside_since("N-400", "MIA", received_on=cutoff - DAY, as_of=later)
        assert decision.earliest == finding.on
        assert finding.on is not None
        assert finding.on <= later
        assert not finding.estimated

    def test_missing_form_or_unknown_office_data(self, times: ir.ProcessingTimes) -> None:
        with pytest.raises(ir.MissingFact, match=r"case\.form"):
            ir.next_action(
                ir.Case("MSC2190012345", "MIA", received_on=date(2020, 1, 1)),
                as_of=date(2022, 3, 1),
                processing_times=times,
            )
        with pytest.raises(ir.MissingFact, match="no published processing time"):
            ir.next_action(n400(date(2020, 1, 1)), as_of=date(2021, 1, 1), processing_times=times)

    def test_case_date_wins_over_processing_times(self, times: ir.ProcessingTimes) -> None:
        case = ir.Case(
            "MSC2190012345",
            "MIA",
            form="N-400",
            received_on=date(2020, 1, 1),
            outside_processing_times_on=date(2021, 5, 3),
        )
        decision = ir.next_action(case, as_of=date(2022, 3, 1), processing_times=times)
        assert decision.earliest == date(2021, 5, 3)


class TestHistory:
    """What the engine reads of a history: its order, its ties, what lies after the decision."""

    def test_inquiries_after_as_of_are_left_out_in_date_order(self) -> None:
        history = (
            ir.Inquiry(D(2015, 6, 1), ir.Channel.INFOPASS),
            ir.Inquiry(D(2015, 3, 1), ir.Channel.MAIL),
        )
        decision = ir.next_action(miami(), history, as_of=D(2015, 2, 1))
        assert trace(decision)[:2] == [
            (None, "the inquiry of 2015-03-01 is after 2015-02-01: left out"),
            (None, "the inquiry of 2015-06-01 is after 2015-02-01: left out"),
        ]
        assert decision.step == 1

    def test_the_first_of_several_booked_appointments_is_attended(self) -> None:
        history = (
            ir.Appointment(D(2015, 3, 20), "MIA", (MIAMI_RECEIPT,)),
            ir.Appointment(D(2015, 3, 16), "HIA", (MIAMI_RECEIPT,)),
            ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT,), attorney="A. Lawyer"),
            ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT,)),
        )
        for order in (history, history[::-1]):
            decision = ir.next_action(miami(), order, as_of=D(2015, 3, 1))
            assert decision.action is ir.Action.ATTEND_APPOINTMENT
            assert decision.earliest == D(2015, 3, 16)
            assert decision.channels == {ir.Channel.INFOPASS}

    @pytest.mark.parametrize(
        ("office", "receipt"), [("MIA", MIAMI_RECEIPT), ("BOS", BOSTON_RECEIPT)]
    )
    @pytest.mark.parametrize("referral", [False, True])
    def test_a_booked_appointment_is_attended_in_person_under_the_contact_center(
        self, office: str, receipt: str, referral: bool
    ) -> None:
        # Under RG-CC an in-person action is reached by calling first; an appointment already
        # booked is simply attended, in person, and a Tier 2 call-back still awaited does not
        # put the escalation to the Tier 2 Supervisor before it.
        delayed = ir.Case(receipt, office, outside_processing_times_on=D(2020, 1, 2))
        booked = ir.Appointment(D(2020, 3, 2), office, (receipt,))
        history: list[ir.Inquiry | ir.Appointment] = [booked]
        if referral:
            history.append(
                ir.Inquiry(D(2020, 2, 3), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL)
            )
        decision = ir.next_action(delayed, history, as_of=D(2020, 2, 10))
        assert decision.regime == "RG-CC"
        assert (decision.action, decision.earliest) == (
            ir.Action.ATTEND_APPOINTMENT,
            D(2020, 3, 2),
        )
        assert decision.channels == {ir.Channel.INFOPASS}

    def test_the_earlier_of_two_booked_appointments_is_attended(self) -> None:
        later = ir.Appointment(D(2015, 3, 20), "MIA", (MIAMI_RECEIPT,))
        earlier = ir.Appointment(D(2015, 3, 16), "MIA", (MIAMI_RECEIPT,))
        for order in ((later, earlier), (earlier, later)):
            decision = ir.next_action(miami(), order, as_of=D(2015, 3, 1))
            assert (decision.action, decision.earliest) == (
                ir.Action.ATTEND_APPOINTMENT,
                D(2015, 3, 16),
            )

    def test_inquiries_that_differ_only_by_the_receipt_number_recorded(self) -> None:
        same_day = (
            ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, receipt_number=MIAMI_RECEIPT),
            ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS),
        )
        for order in (same_day, same_day[::-1]):
            decision = ir.next_action(miami(), order, as_of=D(2015, 1, 20))
            assert decision.ladder_steps == (D(2015, 1, 10),)

    def test_same_day_inquiries_are_ordered_by_level_whatever_the_history_order(self) -> None:
        history = (
            ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, level=ir.Level.SUPERVISOR),
            ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, level=ir.Level.SECTION_CHIEF),
        )
        for order in (history, history[::-1]):
            decision = ir.next_action(miami(pressing=True), order, as_of=D(2015, 1, 20))
            assert decision.action is ir.Action.ESCALATE
            assert (
                "MIA-FOD-PRESSING",
                "pressing (the firm marks the issue pressing) and unresolved by the Section "
                "Chief on "
                "2015-01-10: the FOD may be asked for, pending availability",
            ) in trace(decision)

    def test_resolved_case_needs_nothing_and_says_why(self) -> None:
        decision = ir.next_action(miami(resolved_on=D(2015, 1, 31)), as_of=D(2015, 2, 1))
        assert decision.action is ir.Action.NONE
        assert (decision.as_of, decision.earliest, decision.allowed) == (D(2015, 2, 1), None, False)
        assert decision.channels == frozenset()
        assert trace(decision) == [
            (None, "the case was resolved on 2015-01-31: nothing more is needed")
        ]
        assert (decision.citations, decision.notes, texts(decision.warnings)) == ((), (), ())

    @pytest.mark.parametrize(
        ("case_resolved", "inquiry_days", "said"),
        [
            (None, (D(2015, 1, 20), D(2015, 1, 25)), D(2015, 1, 20)),  # the first inquiry
            (D(2015, 1, 15), (D(2015, 1, 20),), D(2015, 1, 15)),  # the case's day, earlier
            (D(2015, 1, 20), (D(2015, 1, 20),), D(2015, 1, 20)),  # the same day
            (D(2015, 1, 21), (D(2015, 1, 20),), D(2015, 1, 20)),  # the inquiry, earlier
            (D(2015, 2, 1), (), D(2015, 2, 1)),  # resolved on as_of itself
            (D(2015, 2, 2), (D(2015, 1, 25),), D(2015, 1, 25)),  # the case's day is after as_of
        ],
    )
    def test_resolved_on_the_first_day_known(
        self, case_resolved: date | None, inquiry_days: tuple[date, ...], said: date
    ) -> None:
        """The day said is the earliest of the case's resolved_on (on or before as_of) and the
        resolving inquiries', in any order of the history."""
        history = [
            ir.Inquiry(day, ir.Channel.E_REQUEST, ir.Outcome.RESOLVED) for day in inquiry_days
        ]
        for order in (history, history[::-1]):
            decision = ir.next_action(miami(resolved_on=case_resolved), order, as_of=D(2015, 2, 1))
            assert decision.action is ir.Action.NONE
            assert trace(decision)[-1] == (
                None,
                f"the case was resolved on {said.isoformat()}: nothing more is needed",
            )

    def test_a_case_resolved_after_as_of_still_needs_its_action(self) -> None:
        decision = ir.next_action(miami(resolved_on=D(2015, 2, 2)), as_of=D(2015, 2, 1))
        assert decision.action is ir.Action.INQUIRE


class TestAfterTheThirdStep:
    """After the ladder's third step: the FOD reached, later inquiries."""

    def test_inquiries_after_the_third_step_and_the_fod_reached(self) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
        history = [
            *steps(D(2015, 1, 10)),
            ir.Inquiry(D(2015, 5, 1), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR),
        ]
        decision = ir.next_action(case, history, as_of=D(2015, 5, 2))
        # The FOD reached and the case unresolved: no further step (never the FOD again).
        assert (decision.action, decision.level) == (ir.Action.EXHAUSTED, None)
        assert (decision.earliest, decision.allowed) == (D(2015, 5, 1), True)
        assert decision.ladder_steps == tuple(i.on for i in history[:3])
        assert "MIA-FOD-LADDER" in decision.rule_ids
        assert any("reached on 2015-05-01" in t.finding for t in decision.trace)
        assert any("follows the third step" in t.finding for t in decision.trace)

    def test_fod_asked_for_at_a_booked_appointment_after_the_third_step(self) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
        booked = ir.Appointment(D(2015, 5, 20), "MIA", (MIAMI_RECEIPT,))
        decision = ir.next_action(case, [*steps(D(2015, 1, 10)), booked], as_of=D(2015, 5, 2))
        assert decision.action is ir.Action.ESCALATE
        assert decision.earliest == D(2015, 5, 20)
        assert any("at the appointment of 2015-05-20" in n for n in decision.notes)

    def test_more_inquiries_after_the_third_step_change_nothing(self) -> None:
        case = ir.Case(MIAMI_RECEIPT, "MIA", outside_processing_times_on=D(2015, 1, 5))
        history = steps(D(2015, 1, 10))
        extra = ir.Inquiry(D(2015, 5, 1), ir.Channel.E_REQUEST, level=ir.Level.SUPERVISOR)
        with_extra = ir.next_action(case, [*history, extra], as_of=D(2015, 5, 2))
        without = ir.next_action(case, history, as_of=D(2015, 5, 2))
        assert (with_extra.action, with_extra.level, with_extra.earliest) == (
            without.action,
            without.level,
            without.earliest,
        )

    def test_fod_reached_on_the_day_of_the_third_step(self) -> None:
        history = (
            ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS),
            ir.Inquiry(D(2015, 3, 12), ir.Channel.INFOPASS),
            ir.Inquiry(D(2015, 4, 12), ir.Channel.INFOPASS),
            ir.Inquiry(D(2015, 4, 12), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR),
        )
        for order in (history, history[::-1]):
            decision = ir.next_action(miami(), order, as_of=D(2015, 4, 20))
            assert decision.ladder_steps == (D(2015, 1, 10), D(2015, 3, 12), D(2015, 4, 12))
            assert (decision.action, decision.earliest) == (ir.Action.EXHAUSTED, D(2015, 4, 12))
            assert decision.notes[0].startswith("Beyond the InfoPass procedures")
            # Every remedy is listed on EXHAUSTED, open or not, with its earliest date.
            assert [(r.rule_id, r.earliest, r.allowed) for r in decision.remedies] == [
                ("OMB-CASE-ASSIST", None, False),
                ("CONG-INQUIRY", D(2018, 2, 15), False),
            ]


class TestRegimesAndDistrict:
    """Decisions outside the district and under the pilot and the Contact Center."""

    def test_tier2_call_back_outside_the_district_comes_first(self) -> None:
        referral = ir.Inquiry(D(2020, 3, 9), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL)
        decision = ir.next_action(
            case(outside_processing_times_on=D(2020, 1, 2)), (referral,), as_of=D(2020, 3, 9)
        )
        assert (decision.action, decision.level) == (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)
        assert (decision.earliest, decision.channels) == (
            D(2020, 3, 10),
            frozenset({ir.Channel.CONTACT_CENTER}),
        )
        assert decision.ladder_steps == ()
        assert trace(decision) == [
            contact_center(D(2020, 3, 9)),
            ("MIA-ELIGIBLE", "BOS is not a Miami District office: the ladder's waits do not apply"),
            (
                "PT-INQUIRY",
                "outside normal processing times from 2020-01-02 (date given on the case): an "
                "inquiry may be made from then (the source describing the practice is dated "
                "2022-05-01; it was in place before)",
            ),
            ("CC-TIER2", "Tier 2 referral of 2020-03-09: call-back expected the same day"),
            (
                "CC-SUPERVISOR",
                "with no call-back by the end of the window, call again from 2020-03-10 and ask "
                "for "
                "a Tier 2 Supervisor, who can contact field offices and the National Benefits "
                "Center",
            ),
            congress_open(D(2020, 3, 9), D(2020, 1, 2)),
            NO_URGENCY,
            (
                "CC-TRIAGE",
                "how long the case has been pending, to tell the representative: outside normal "
                "processing times since 2020-01-02 (not by itself a reason to ask for urgent "
                "handling)",
            ),
            CALL,
            TIPS,
        ]
        # no ladder step outside the district, so no "Ladder step ... is allowed" note
        assert decision.notes == (
            "Tell the representative how long the case has been pending: outside normal "
            "processing times since 2020-01-02.",
            *CALL_NOTES,
        )
        assert "MIA-ELIGIBLE" not in decision.rule_ids
        assert "PT-INQUIRY" in decision.rule_ids
        assert [r.rule_id for r in decision.remedies] == ["CONG-INQUIRY"]

    def test_booked_appointment_outside_the_district_is_attended_in_person(self) -> None:
        c = case(outside_processing_times_on=D(2016, 1, 4))
        booked = ir.Appointment(D(2016, 2, 1), "BOS", (BOSTON_RECEIPT,))
        decision = ir.next_action(c, (booked,), as_of=D(2016, 1, 20))
        assert (decision.action, decision.earliest) == (ir.Action.ATTEND_APPOINTMENT, D(2016, 2, 1))
        assert decision.channels == {ir.Channel.INFOPASS}
        assert trace(decision) == [
            (
                "RG-SELF",
                "BOS self-schedules InfoPass appointments online on 2016-01-20 (the source "
                "describing it is dated 2017-05-20; self-scheduling was in place before it)",
            ),
            ("MIA-ELIGIBLE", "BOS is not a Miami District office: the ladder's waits do not apply"),
            (
                "PT-INQUIRY",
                "outside normal processing times from 2016-01-04 (date given on the case): an "
                "inquiry may be made from then (the source describing the practice is dated "
                "2022-05-01; it was in place before)",
            ),
        ]
        # The checklist is a long-standing practice the 2017 guide describes: no stale warning.
        assert not decision.warnings_of(ir.WarningKind.STALE_SOURCE)
        # A case-delay decision outside a district's ladder cites PT-INQUIRY, whatever its action.
        assert decision.rule_ids == ("RG-SELF", "PT-INQUIRY", "CC-BRING")

    @pytest.mark.parametrize(
        ("received_on", "since"),
        [(D(2015, 12, 1), D(2015, 12, 1)), (None, D(2016, 1, 4))],
    )
    def test_outside_the_district_an_inquiry_waits_for_the_case_to_be_outside(
        self, received_on: date | None, since: date
    ) -> None:
        c = ir.Case(
            "EAC1490012345",
            "BOS",
            received_on=received_on,
            outside_processing_times_on=D(2016, 1, 4),
        )
        decision = ir.next_action(c, as_of=D(2016, 1, 1))
        assert (decision.action, decision.step, decision.earliest, decision.allowed) == (
            ir.Action.INQUIRE,
            None,
            D(2016, 1, 4),
            False,
        )
        assert decision.waits == (
            ir.Wait(
                "PT-INQUIRY",
                since,
                None,
                D(2016, 1, 4),
                "an inquiry waits until the case is outside normal processing times "
                "(date given on the case)",
            ),
        )

    def test_a_booked_appointment_waits_from_the_decision_s_day(self) -> None:
        case = ir.Case("EAC1490012345", "BOS", outside_processing_times_on=D(2016, 1, 4))
        booked = ir.Appointment(D(2016, 2, 1), "BOS", ("EAC1490012345",))
        decision = ir.next_action(case, [booked], as_of=D(2016, 1, 20))
        (wait,) = decision.waits
        assert (wait.rule_id, wait.since, wait.days, wait.until) == (
            "RG-SELF",
            D(2016, 1, 20),
            None,
            D(2016, 2, 1),
        )
        assert "2016-02-01" in wait.reason

    def test_an_in_person_escalation_asked_for_by_phone_says_so(self) -> None:
        decision = ir.next_action(miami(), steps(D(2019, 6, 3)), as_of=D(2020, 3, 2))
        assert (decision.action, decision.level, decision.channels) == (
            ir.Action.ESCALATE,
            ir.Level.FIELD_OFFICE_DIRECTOR,
            frozenset({ir.Channel.CONTACT_CENTER}),
        )
        assert decision.notes[0] == (
            "The action is in person: the appointment is asked for by phone first."
        )

    def test_in_person_advice_is_that_of_the_appointment_s_day(self) -> None:
        # MIA-SUPERVISOR is in force from 2014-06-19: an appointment booked for after that day
        # carries its advice, whatever the day of the decision.
        case = ir.Case(MIAMI_RECEIPT, "MIA", outside_processing_times_on=D(2014, 1, 2))
        booked = ir.Appointment(D(2014, 7, 1), "MIA", (MIAMI_RECEIPT,))
        for as_of in (D(2014, 6, 10), D(2014, 7, 1)):
            decision = ir.next_action(case, [booked], as_of=as_of)
            assert (decision.action, decision.earliest) == (
                ir.Action.ATTEND_APPOINTMENT,
                D(2014, 7, 1),
            )
            assert decision.rule_ids == ("RG-SELF", "MIA-ELIGIBLE", "MIA-SUPERVISOR", "CC-BRING")

    def test_booked_appointment_outside_the_district(self) -> None:
        case = ir.Case("EAC1490012345", "BOS", outside_processing_times_on=D(2016, 1, 4))
        booked = ir.Appointment(D(2016, 2, 1), "BOS", ("EAC1490012345",))
        decision = ir.next_action(case, [booked], as_of=D(2016, 1, 20))
        assert decision.action is ir.Action.ATTEND_APPOINTMENT
        assert decision.earliest == D(2016, 2, 1)
        assert decision.checklist
        assert "MIA-SUPERVISOR" not in decision.rule_ids  # a Miami District rule

    def test_regime_of_the_day_the_inquiry_is_allowed_at_a_pilot_office(self) -> None:
        decision = ir.next_action(
            case("HAR", outside_processing_times_on=D(2018, 2, 10)), as_of=D(2018, 1, 20)
        )
        assert decision.regime == "RG-PILOT"
        assert decision.channels == {ir.Channel.CONTACT_CENTER, ir.Channel.E_REQUEST}
        assert trace(decision) == [
            ("RG-SELF", "HAR self-schedules InfoPass appointments online on 2018-01-20"),
            ("MIA-ELIGIBLE", "HAR is not a Miami District office: the ladder's waits do not apply"),
            (
                "PT-INQUIRY",
                "outside normal processing times from 2018-02-10 (date given on the case): an "
                "inquiry may be made from then (the source describing the practice is dated "
                "2022-05-01; it was in place before)",
            ),
            (
                "RG-PILOT",
                "HAR is a pilot office on 2018-02-10 (pilot from 2018-02-05): appointments through "
                "the Contact Center",
            ),
            NO_URGENCY,
            CALL,
            TIPS,
        ]
        assert decision.rule_ids == ("RG-SELF", "PT-INQUIRY", "RG-PILOT", "CC-CALL", "CC-TIPS")
        # The congressional inquiry waits for the case to be outside: not yet open, not listed.
        assert decision.remedies == ()

    def test_regime_of_the_day_the_ladder_step_is_allowed(self) -> None:
        decision = ir.next_action(
            miami(outside_processing_times_on=D(2019, 3, 4)), as_of=D(2019, 2, 20)
        )
        assert decision.regime == "RG-CC"
        assert contact_center(D(2019, 3, 4)) in trace(decision)

    def test_tier2_window_ends_before_the_next_ladder_step(self) -> None:
        history = (
            ir.Inquiry(D(2020, 1, 6), ir.Channel.INFOPASS),
            ir.Inquiry(D(2020, 3, 9), ir.Channel.CONTACT_CENTER, ir.Outcome.TIER_2_REFERRAL),
        )
        c = miami(outside_processing_times_on=D(2020, 1, 2))
        decision = ir.next_action(c, history, as_of=D(2020, 3, 9))
        assert (decision.action, decision.level) == (ir.Action.ESCALATE, ir.Level.TIER_2_SUPERVISOR)
        assert decision.ladder_steps == (D(2020, 1, 6), D(2020, 3, 9))
        assert decision.notes[0] == "Ladder step 3 is allowed from 2020-04-09."

        longest = ir.Policy(conflict_rule=ir.ConflictRule.LONGEST_WAIT)
        decision = ir.next_action(c, history, as_of=D(2020, 3, 9), policy=longest)
        assert (decision.action, decision.step, decision.earliest) == (
            ir.Action.INQUIRE,
            3,
            D(2020, 4, 9),
        )
        assert decision.ladder_steps == (D(2020, 1, 6), D(2020, 3, 9))
        assert decision.notes[0] == (
            "A Tier 2 call-back is still awaited; the escalation to the Tier 2 Supervisor is "
            "allowed "
            "from 2020-04-09."
        )

    def test_request_under_the_contact_center_gives_the_call_advice_once(self) -> None:
        decision = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=D(2020, 5, 4))
        assert trace(decision) == [
            contact_center(D(2020, 5, 4)),
            (
                "CC-QUALIFYING",
                "proof of status is an issue the Contact Center names as suited to an appointment",
            ),
            (
                "CC-APPOINTMENT",
                "Tier 1 refers the request to Tier 2, who calls back in 1-2 days and schedules; "
                "the "
                "appointment is usually 4-5 days after the call-back",
            ),
            CALL,
            TIPS,
            NO_URGENCY,
        ]
        # the triage found nothing: consulted, traced, not cited
        assert decision.rule_ids == (
            "RG-CC",
            "CC-QUALIFYING",
            "CC-APPOINTMENT",
            "CC-CALL",
            "CC-TIPS",
        )
        assert decision.notes == (
            "A request made on 2020-05-04 usually gives an appointment between 2020-05-09 and "
            "2020-05-11.",
            *CALL_NOTES,
        )

    def test_filing_by_mail_under_the_contact_center_needs_no_call(self) -> None:
        c = case(issue=ir.Issue.FILE_APPLICATION, form="I-485")
        decision = ir.next_action(c, as_of=D(2021, 1, 4))
        assert trace(decision) == [
            contact_center(D(2021, 1, 4)),
            ("CC-NOT-INFOPASS", "filing an application is not an InfoPass matter"),
        ]
        assert decision.rule_ids == ("RG-CC", "CC-NOT-INFOPASS")

    def test_booked_appointment_for_an_appointment_issue(self) -> None:
        booked = ir.Appointment(D(2021, 6, 15), "ORL", (BOSTON_RECEIPT,))
        decision = ir.next_action(
            case("ORL", issue=ir.Issue.ADIT_STAMP), (booked,), as_of=D(2021, 6, 10)
        )
        assert trace(decision)[1] == ("RG-CC", "an appointment is booked for 2021-06-15 at ORL")
        assert decision.channels == {ir.Channel.INFOPASS}
        assert decision.checklist


class TestTriageInTheDecision:
    """The decision tells every triage factor, by the decision's policy."""

    @pytest.mark.parametrize(
        ("policy", "note"),
        [
            (ir.DEFAULT_POLICY, None),
            (
                ir.Policy(urgency_horizon_days=60),
                "Ask for urgent handling (Tier 2 at once, or an urgent appointment): 'trip' on "
                "2020-06-18, in 45 days (within the 60-day horizon).",
            ),
        ],
    )
    def test_triage_uses_the_policy_of_the_decision(
        self, policy: ir.Policy, note: str | None
    ) -> None:
        c = case(issue=ir.Issue.ADVANCE_PAROLE, deadlines=(ir.Deadline(D(2020, 6, 18), "trip"),))
        decision = ir.next_action(c, as_of=D(2020, 5, 4), policy=policy)
        if note is None:
            assert NO_URGENCY in trace(decision)
            assert "CC-TRIAGE" not in decision.rule_ids
        else:
            assert note in decision.notes
            assert "CC-TRIAGE" in decision.rule_ids

    def test_every_triage_factor_is_told(self) -> None:
        c = case(
            issue=ir.Issue.DACA, circumstances=frozenset({ir.Circumstance.HEALTH}), pressing=True
        )
        decision = ir.next_action(c, as_of=D(2020, 5, 4))
        assert (
            "CC-TRIAGE",
            "urgency factors to tell the representative: personal circumstance: health; the firm "
            "marks the issue pressing",
        ) in trace(decision)
        assert (
            "Ask for urgent handling (Tier 2 at once, or an urgent appointment): personal "
            "circumstance: health; the firm marks the issue pressing."
        ) in decision.notes


class TestSourcesAndConflicts:
    """Later and stale sources are warned of; conflicts follow authority, then date."""

    def test_sources_dated_after_the_decision_but_not_those_of_its_day(self) -> None:
        decision = ir.next_action(case(issue=ir.Issue.ROUTINE_QUESTION), as_of=D(2017, 5, 20))
        # infopass-guide-2017 is dated 2017-05-20 itself: not "after"
        assert texts(decision.warnings) == (
            "Sources dated after 2017-05-20 are cited (aila-19030140, contact-center-2019): they "
            "describe the procedure as reported later, the best evidence of it on that date.",
        )

    @pytest.mark.parametrize(("days", "stale"), [(1094, False), (1095, False), (1096, True)])
    def test_stale_warning_once_the_newest_source_is_older_than_the_policy_allows(
        self, days: int, stale: bool
    ) -> None:
        as_of = D(2019, 3, 1) + timedelta(days=days)  # contact-center-2019 is the newest source
        decision = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=as_of)
        expected = (
            f"The newest source this decision rests on is dated 2019-03-01, {days} days before "
            f"{as_of.isoformat()}: the procedure may have changed since; check for newer guidance."
        )
        assert texts(decision.warnings) == ((expected,) if stale else ())

    def test_stale_sources_are_warned_of(self) -> None:
        c = case(issue=ir.Issue.PROOF_OF_STATUS)
        assert not any(
            "newest source" in str(w).lower()
            for w in ir.next_action(c, as_of=D(2021, 1, 4)).warnings
            for w in ir.next_action(c, as_of=D(2021, 1, 4)).warnings
        )
        stale = ir.next_action(c, as_of=D(2026, 11, 1))
        assert any("The newest source" in w for w in texts(stale.warnings))

    @staticmethod
    def _snapshot_of(day: date) -> ProcessingTimes:
        """One Miami I-485 snapshot, published and fetched on ``day``."""
        entry = attrs.evolve(_entry("MIA", "Family", day, D(2016, 1, 1), 10), published_on=day)
        return ProcessingTimes([entry])

    @pytest.mark.parametrize(
        ("fetched", "as_of", "later", "stale_on"),
        [
            # the snapshot's own day is not after the decision (nor PT-INQUIRY's page, 2022-05)
            (D(2022, 6, 10), D(2022, 6, 10), False, None),
            # the rule book's later sources are warned of beside the snapshot
            (D(2020, 2, 10), D(2020, 2, 10), True, None),
            (D(2018, 6, 1), D(2018, 6, 1), True, None),
            # the newest source is the rule book's (PT-INQUIRY's page, cited with the snapshot),
            # or the snapshot when it is newer
            (D(2016, 6, 1), D(2026, 11, 1), False, D(2022, 5, 1)),
            (D(2023, 2, 10), D(2026, 11, 1), False, D(2023, 2, 10)),
        ],
    )
    def test_the_processing_times_snapshot_is_a_source_like_the_others(
        self, fetched: date, as_of: date, later: bool, stale_on: date | None
    ) -> None:
        c = ir.Case(
            "MSC1990012345", "MIA", form="I-485", category="Family", received_on=D(2015, 5, 1)
        )
        decision = ir.next_action(c, as_of=as_of, processing_times=self._snapshot_of(fetched))
        assert (decision.action, decision.step, decision.allowed) == (ir.Action.INQUIRE, 1, True)
        assert "uscis-processing-times" in {s.source_id for s in decision.citations}
        assert len(decision.warnings_of(ir.WarningKind.LATER_SOURCE)) == int(later)
        stale = decision.warnings_of(ir.WarningKind.STALE_SOURCE)
        assert [(w.kind, w.on) for w in stale] == (
            [] if stale_on is None else [(ir.WarningKind.STALE_SOURCE, stale_on)]
        )

    def test_the_stale_warning_is_a_record_of_the_newest_source_s_day(self) -> None:
        decision = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=D(2026, 11, 1))
        (stale,) = decision.warnings_of(ir.WarningKind.STALE_SOURCE)
        assert (stale.kind, stale.rule_id, stale.on) == (
            ir.WarningKind.STALE_SOURCE,
            None,
            D(2019, 3, 1),
        )

    def test_conflict_between_sources_of_equal_authority_follows_the_later(self) -> None:
        sources, rules, params = _documents()
        sources["contact-center-2019"]["authority"] = "primary"
        book = build_rulebook(sources, rules, params, digest="test")
        why = Reasoning(ir.DEFAULT_POLICY, book)
        assert why.resolve("contact_center.tier2_callback_days", "?") == (0, 30)
        assert why.resolve("contact_center.tier2_callback_days", "?") == (0, 30)
        (conflict,) = why.conflicts  # recorded once, however often it is met
        assert conflict.followed == "contact-center-2019"
        assert conflict.reason == "sources of equal authority: the later one is followed"
        assert book.sources["contact-center-2019"].authority is Authority.PRIMARY

    def test_a_conflict_of_three_readings_follows_the_first_by_rank_and_notes_the_second(
        self,
    ) -> None:
        sources, rules, params = _documents()
        readings = params["contact_center"]["tier2_callback_days"]["readings"]
        first = readings[0]["from"]
        readings.append(
            {"from": first, "value": [0, 60], "source": "infopass-guide-2017", "note": "a guess"}
        )
        book = build_rulebook(sources, rules, params, digest="test")
        why = Reasoning(ir.DEFAULT_POLICY, book)
        assert why.resolve("contact_center.tier2_callback_days", "?") == (0, 0)
        (conflict,) = why.conflicts
        # aila-19030140 (primary) first; of the two secondary sources the later is set aside.
        assert (conflict.followed, conflict.set_aside, conflict.reason) == (
            "aila-19030140",
            "contact-center-2019",
            "primary source over secondary source",
        )

    def test_parameter_before_its_first_value_is_used_with_a_warning(self) -> None:
        why = Reasoning(ir.DEFAULT_POLICY)
        assert why.param("contact_center.checklist", D(2010, 1, 1))
        why.note("once")
        why.note("once")
        assert why.notes == ["once"]
        assert len(texts(why.warnings)) == 1
        assert texts(why.warnings)[0] == (
            "CC-BRING: the sources describe this only from 2012-05-22 (infopass-guide-2017); "
            "that description is applied to 2010-01-01."
        )


class TestWarningsAndEndStates:
    """Structured warnings, a case not yet received, the same inquiry recorded twice."""

    @pytest.mark.parametrize(("offset", "warned"), [(-1, True), (0, False), (1, False)])
    def test_a_case_not_yet_received_needs_nothing(self, offset: int, warned: bool) -> None:
        received = D(2015, 1, 5)
        case = ir.Case(
            MIAMI_RECEIPT, "MIA", received_on=received, outside_processing_times_on=received
        )
        decision = ir.next_action(case, as_of=received + timedelta(days=offset))
        kinds = [w.kind for w in decision.warnings]
        assert (ir.WarningKind.NOT_YET_RECEIVED in kinds) is warned
        if not warned:
            assert (decision.action, decision.step, decision.earliest) == (
                ir.Action.INQUIRE,
                1,
                received,
            )
            return
        assert (decision.action, decision.earliest, decision.allowed) == (
            ir.Action.NONE,
            None,
            False,
        )
        assert decision.waits == ()
        (warning,) = decision.warnings
        assert warning == ir.Warning(
            ir.WarningKind.NOT_YET_RECEIVED,
            "The case was received on 2015-01-05, after 2015-01-04: on that date there was no "
            "case to act on.",
            None,
            received,
        )
        assert decision.citations == ()
        assert (decision.as_of, decision.channels) == (D(2015, 1, 4), frozenset())
        assert trace(decision) == [
            (None, "the case was not yet received on 2015-01-04 (received 2015-01-05)")
        ]

    def test_the_same_inquiry_twice_is_warned_of_and_taken_once(self) -> None:
        first = ir.Inquiry(D(2015, 1, 10), ir.Channel.INFOPASS, reference="A-1")
        again = ir.Inquiry(
            D(2015, 1, 10), ir.Channel.INFOPASS, reference="A-1", receipt_number=MIAMI_RECEIPT
        )
        once = ir.next_action(miami(), [first], as_of=D(2015, 2, 1))
        twice = ir.next_action(miami(), [first, again], as_of=D(2015, 2, 1))
        thrice = ir.next_action(miami(), [again, first, first], as_of=D(2015, 2, 1))
        assert twice.ladder_steps == once.ladder_steps == (first.on,)
        assert (twice.action, twice.step, twice.earliest) == (once.action, once.step, once.earliest)
        for decision in (twice, thrice):
            (warning,) = decision.warnings_of(ir.WarningKind.DUPLICATE)
            assert warning.text == (
                "The INFOPASS inquiry of 2015-01-10 appears more than once in the history; it is "
                "counted once."
            )
            assert warning.on == first.on
            assert not decision.warnings_of(ir.WarningKind.PREMATURE)
            # Traced once as a step, once as a repeat.
            steps_traced = [t for t in decision.trace if "inquiry of 2015-01-10" in t.finding]
            assert [t.finding for t in steps_traced] == [
                "the inquiry of 2015-01-10 is recorded more than once: taken once",
                "step 1: INFOPASS inquiry of 2015-01-10, unresolved",
            ]

    def test_each_repeated_inquiry_is_warned_of_once(self) -> None:
        call = ir.Inquiry(D(2015, 1, 10), ir.Channel.CONTACT_CENTER)
        visit = infopass(D(2015, 1, 10))
        later_visit = infopass(D(2015, 1, 20))
        history = [call, visit, later_visit, visit, call, later_visit, visit]
        decision = ir.next_action(miami(), history, as_of=D(2015, 2, 1))
        assert [(w.kind, w.on) for w in decision.warnings_of(ir.WarningKind.DUPLICATE)] == [
            (ir.WarningKind.DUPLICATE, D(2015, 1, 10)),
            (ir.WarningKind.DUPLICATE, D(2015, 1, 10)),
            (ir.WarningKind.DUPLICATE, D(2015, 1, 20)),
        ]

    def test_inquiries_that_differ_are_not_duplicates(self) -> None:
        a = ir.Inquiry(D(2015, 1, 10), ir.Channel.CONTACT_CENTER, reference="SR-1")
        b = ir.Inquiry(D(2015, 1, 10), ir.Channel.CONTACT_CENTER, reference="SR-2")
        decision = ir.next_action(miami(), [a, b], as_of=D(2015, 2, 1))
        assert not decision.warnings_of(ir.WarningKind.DUPLICATE)

    def test_warnings_are_records_whose_text_is_their_str(self) -> None:
        early = infopass(D(2015, 1, 2))
        decision = ir.next_action(miami(), [early], as_of=D(2015, 1, 3))
        (premature,) = decision.warnings_of(ir.WarningKind.PREMATURE)
        assert (premature.rule_id, premature.on) == ("MIA-ELIGIBLE", early.on)
        assert str(premature) == premature.text
        assert premature.text.startswith("MIA-ELIGIBLE: the INFOPASS inquiry of 2015-01-02")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            premature.text = "x"  # type: ignore[misc]
        assert {k.name for k in ir.WarningKind} >= {
            "PREMATURE",
            "STALE_SOURCE",
            "LATER_SOURCE",
            "ESTIMATE",
            "STALE_DATA",
            "NOT_YET_RECEIVED",
            "DUPLICATE",
        }
        later = ir.next_action(case(issue=ir.Issue.PROOF_OF_STATUS), as_of=D(2016, 1, 4))
        assert later.warnings_of(ir.WarningKind.LATER_SOURCE)
