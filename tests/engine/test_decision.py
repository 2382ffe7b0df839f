"""Decisions: every citation resolves, and a decision renders (and refuses an unknown format)."""

from __future__ import annotations

import datetime as dt

import pytest

import infopass_rules as ir
from infopass_rules.sources.rulebook import load_rulebook
from tests.helpers import (
    D,
    case,
)


def test_every_citation_resolves_and_decision_renders() -> None:
    from infopass_rules.edges.demo import DEMO_DOCKET

    for entry in DEMO_DOCKET:
        decision = ir.next_action(entry.case, entry.history, as_of=entry.as_of)
        assert decision.ruleset_version == ir.RULESET_VERSION
        for citation in decision.citations:
            assert citation.rule_id in ir.RULES
            assert citation.source_id in ir.SOURCES
            assert citation.title == ir.SOURCES[citation.source_id].title
        for entry_ in decision.trace:
            assert entry_.rule_id is None or entry_.rule_id in ir.RULES
        text = decision.explain()
        markdown = decision.explain("markdown")
        assert decision.receipt_number in text
        assert markdown.startswith("### ")
        for rule_id in decision.rule_ids:
            assert rule_id in text
        if decision.action is not ir.Action.NONE:
            assert decision.citations
            assert "Newest source" in text


def test_explain_rejects_unknown_format() -> None:
    decision = ir.next_action(case(issue=ir.Issue.DACA), as_of=D(2020, 1, 2))
    with pytest.raises(ir.InvalidValue, match="format"):
        decision.explain("html")


def test_explain_an_exhausted_route_and_a_wait() -> None:
    from tests.helpers import miami, three_steps

    history = (
        *three_steps(D(2015, 1, 10)),
        ir.Inquiry(D(2015, 5, 1), ir.Channel.INFOPASS, level=ir.Level.FIELD_OFFICE_DIRECTOR),
    )
    exhausted = ir.next_action(miami(), history, as_of=D(2015, 5, 4))
    text = exhausted.explain()
    assert text.splitlines()[0] == (
        "MSC1490012345: No further step: the encoded procedures are exhausted; since 2015-05-01 "
        "(on 2015-05-04)"
    )
    assert "allowed now" not in text
    assert "ask for the Field Office Director" not in text
    assert exhausted.why_not_yet() == ""

    waiting = ir.next_action(miami(), history[:1], as_of=D(2015, 2, 1))
    assert not waiting.allowed
    sentence = waiting.why_not_yet()
    assert sentence.startswith("Not yet allowed on 2015-02-01: step 2 waits 60 days")
    assert sentence.count(".") >= 1
    assert f"  - {sentence}" in waiting.explain()
    assert f"- {sentence}" in waiting.explain("markdown")
    for warning in waiting.warnings:
        assert f"- {warning.text}" in waiting.explain()


def test_reasoning_given_as_recorded_equals_reasoning_given_in_words() -> None:
    """A Decision given its reasoning as recorded (put into words when read) is the same
    Decision as one given the words, field for field (each field a value of its own, so a field
    read from the wrong record shows)."""
    import datetime as dt

    import attrs

    from infopass_rules.engine.decision import Decision
    from infopass_rules.rules.policy import DEFAULT_POLICY
    from infopass_rules.rules.reasoning import Reasoning
    from infopass_rules.rules.remedies import kept_remedies
    from infopass_rules.rules.trace import kept, kept_waits

    day, later = dt.date(2024, 5, 1), dt.date(2024, 6, 3)
    why = Reasoning(DEFAULT_POLICY)
    why.find("MIA-SECOND", "step {} of {}", 2, day)
    why.note("Note {}.", later)
    why.warn(ir.WarningKind.ESTIMATE, "warned {}", day, rule_id="MIA-ELIGIBLE", on=day)
    citations = why.book.cite("MIA-SECOND")
    wait = ir.Wait("MIA-SECOND", day, 60, later, "step 2 waits")
    conflict = ir.NotedConflict("CC-TIER2", "q?", "a", "says a", "b", "says b", "why")
    values = {
        "receipt_number": "MSC0000000001",
        "action": ir.Action.INQUIRE,
        "step": 2,
        "level": ir.Level.SUPERVISOR,
        "earliest": later,
        "allowed": False,
        "channels": frozenset({ir.Channel.INFOPASS}),
        "regime": "RG-SELF",
        "citations": citations,
        "conflicts": (conflict,),
        "checklist": ("passport",),
        "as_of": day,
        "ruleset_version": "v1",
        "ladder_steps": (dt.date(2024, 2, 1),),
        "waits": (wait,),
        "remedies": (
            ir.Remedy("OMB-CASE-ASSIST", "Ombudsman", None, False, "not yet"),
            ir.Remedy("CONG-INQUIRY", "Congress", later, True, "open"),
        ),
    }
    rendered = {
        "trace": tuple(why.trace),
        "notes": tuple(why.notes),
        "warnings": tuple(why.warnings),
    }
    checked = Decision(**values, **rendered)  # type: ignore[arg-type]
    names = [field.name for field in attrs.fields(Decision)]
    records = kept(why.records)
    made = Decision(
        **{  # type: ignore[arg-type]
            **values,
            "waits": kept_waits(values["waits"]),  # type: ignore[arg-type]
            "remedies": kept_remedies(values["remedies"]),  # type: ignore[arg-type]
        },
        trace=records,
        notes=records,
        warnings=records,
    )
    assert type(made) is Decision
    for name in names:
        assert getattr(made, name) == getattr(checked, name), name
    assert made == checked
    assert hash(made) == hash(checked)
    assert repr(made) == repr(checked)


def test_engine_decisions_equal_their_checked_copies() -> None:
    import attrs

    from infopass_rules.edges.demo import DEMO_DOCKET

    for entry in DEMO_DOCKET:
        decision = ir.next_action(entry.case, entry.history, as_of=entry.as_of)
        copy = ir.Decision(**{f.name: getattr(decision, f.name) for f in attrs.fields(ir.Decision)})
        assert copy == decision


class TestExplainInPlainWords:
    """explain() as an attorney reads it: regimes in plain words with the rule ID beside, a
    booked appointment on its day, the checklist only where the action is in person."""

    @pytest.mark.parametrize(
        ("office", "as_of", "line"),
        [
            (
                "MIA",
                D(2015, 2, 1),
                "How appointments are made: booked online by the attorney (RG-SELF)",
            ),
            (
                "HAR",
                D(2018, 3, 12),
                "How appointments are made: through the USCIS Contact Center, at a pilot office "
                "(RG-PILOT)",
            ),
            (
                "MIA",
                D(2020, 1, 6),
                "How appointments are made: through the USCIS Contact Center (RG-CC)",
            ),
        ],
    )
    def test_the_regime_in_plain_words_with_its_rule_id(
        self, office: str, as_of: object, line: str
    ) -> None:
        c = ir.Case("MSC1490012345", office, issue=ir.Issue.DACA)
        text = ir.next_action(c, as_of=as_of).explain()  # type: ignore[arg-type]
        assert f"  - {line}\n" in text
        assert "Regime:" not in text

    def test_a_booked_appointment_is_on_its_day_not_not_yet_allowed(self) -> None:
        c = ir.Case("IOE0912345678", "ORL", issue=ir.Issue.PROOF_OF_STATUS)
        booked = ir.Appointment(D(2021, 6, 15), "ORL", ("IOE0912345678",))
        decision = ir.next_action(c, [booked], as_of=D(2021, 6, 10))
        assert not decision.allowed  # the contract is unchanged
        assert decision.waits
        text = decision.explain()
        assert text.splitlines()[0] == (
            "IOE0912345678: Attend the appointment of 2021-06-15 (in 5 days, on 2021-06-10)"
        )
        assert "not yet allowed" not in text.lower()
        assert "Attend the appointment of 2021-06-15 at Orlando FL." in decision.notes
        assert decision.checklist

    def test_no_checklist_for_a_phone_or_online_only_action(self) -> None:
        phone = ir.next_action(case(issue=ir.Issue.DACA), as_of=D(2020, 1, 6))
        assert phone.channels == {ir.Channel.CONTACT_CENTER}
        assert phone.checklist == ()
        assert "Bring:" not in phone.explain()
        routine = ir.next_action(case(issue=ir.Issue.ROUTINE_QUESTION), as_of=D(2017, 6, 1))
        assert ir.Channel.INFOPASS not in routine.channels
        assert routine.checklist == ()

    def test_no_parameter_names_in_what_a_person_reads(self) -> None:
        from infopass_rules.edges.demo import DEMO_DOCKET
        from infopass_rules.sources.rulebook import load_rulebook

        names = list(load_rulebook().parameters)
        for entry in DEMO_DOCKET:
            text = ir.next_action(entry.case, entry.history, as_of=entry.as_of).explain()
            assert not [n for n in names if n in text], entry


def test_the_phone_line_is_named_as_it_was_on_the_day() -> None:
    import datetime as dt

    case = ir.Case("MSC1490012345", "MIA", outside_processing_times_on=dt.date(2015, 1, 5))
    before = ir.next_action(case, as_of=dt.date(2015, 2, 1)).explain()
    assert "by phone to the National Customer Service Center" in before
    assert "by phone to the USCIS Contact Center" not in before
    later = attrs_evolve_outside(case, dt.date(2020, 1, 6))
    after = ir.next_action(later, as_of=dt.date(2020, 2, 1)).explain()
    assert "by phone to the USCIS Contact Center" in after


def attrs_evolve_outside(case: ir.Case, on: object) -> ir.Case:
    import attrs

    return attrs.evolve(case, outside_processing_times_on=on)


def _made(**fields: object) -> ir.Decision:
    """A Decision made by hand (as a firm's software may rebuild one from its JSON)."""
    values: dict[str, object] = {
        "receipt_number": "MSC0000000001",
        "action": ir.Action.INQUIRE,
        "step": None,
        "level": None,
        "earliest": D(2020, 1, 10),
        "allowed": True,
        "channels": frozenset({ir.Channel.INFOPASS}),
        "regime": "RG-SELF",
        "citations": (),
        "trace": (),
        "notes": (),
        "warnings": (),
        "conflicts": (),
        "checklist": (),
        "as_of": D(2020, 1, 10),
        "ruleset_version": "v1",
    }
    values.update(fields)
    return ir.Decision(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "when"),
    [
        (D(2020, 1, 8), "2 days ago"),
        (D(2020, 1, 9), "1 days ago"),
        (D(2020, 1, 10), "today"),
        (D(2020, 1, 11), "tomorrow"),
        (D(2020, 1, 12), "in 2 days"),
    ],
)
def test_the_headline_of_an_appointment_says_when_it_is(day: dt.date, when: str) -> None:
    decision = _made(action=ir.Action.ATTEND_APPOINTMENT, earliest=day)
    assert decision.headline() == (
        f"Attend the appointment of {day.isoformat()} ({when}, on 2020-01-10)"
    )


def test_a_step_without_a_district_s_step_rule_cited_names_no_ladder_length() -> None:
    assert _made(step=2).headline() == (
        "Make an inquiry (ladder step 2); from 2020-01-10 (allowed now on 2020-01-10)"
    )
    in_miami = _made(step=2, citations=load_rulebook().cite("MIA-SECOND"))
    assert in_miami.headline().startswith("Make an inquiry (ladder step 2 of 3);")


def test_how_appointments_are_made_is_read_from_the_regime_and_an_unknown_one_is_named() -> None:
    assert "How appointments are made: booked online by the attorney (RG-SELF)" in (
        _made().explain()
    )
    assert "How appointments are made: RG-OTHER" in _made(regime="RG-OTHER").explain()
    # Under RG-SELF the phone line was the National Customer Service Center's.
    phone = frozenset({ir.Channel.CONTACT_CENTER})
    assert "National Customer Service Center" in _made(channels=phone).explain()
    assert "USCIS Contact Center" in _made(channels=phone, regime="RG-CC").explain()
    assert "USCIS Contact Center" in _made(channels=phone, regime="RG-OTHER").explain()


def test_booked_is_said_of_an_appointment_already_booked_and_of_nothing_else() -> None:
    from infopass_rules.edges.docket import EXAMPLE_AS_OF

    report = ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)
    attending = [d for d in report.decisions if d.action is ir.Action.ATTEND_APPOINTMENT]
    assert attending
    assert all(d.booked for d in attending)
    assert not any(
        d.booked
        for d in report.decisions
        if d.action not in (ir.Action.ATTEND_APPOINTMENT, ir.Action.ESCALATE)
    )
