"""The quick paths of the facts' checks give what the plain paths give.

Each quick path is the same check taken first for the common value (a receipt number already
normal, an empty default collection, a tuple or list): these tests send the same value through
the plain path too (a receipt number behind a space, the collection as a list or a generator)
and compare.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infopass_rules.errors import InvalidReceiptNumber, InvalidValue
from infopass_rules.facts import case as case_module
from infopass_rules.facts import validate as v
from infopass_rules.facts.case import Case, Deadline
from infopass_rules.facts.enums import Circumstance
from infopass_rules.facts.forms import normalise_form
from infopass_rules.facts.offices import resolve_office

_RECEIPT_TEXT = st.text(
    alphabet=st.sampled_from([*"ABCMSEaz0189 -", "\u0131", "\u00df", "\uff11", "\t"]),
    max_size=16,
)


def _outcome(text: str) -> str | type[InvalidReceiptNumber]:
    try:
        return v.receipt_number(text)
    except InvalidReceiptNumber:
        return InvalidReceiptNumber


@given(_RECEIPT_TEXT)
def test_a_receipt_number_reads_the_same_behind_noise(text: str) -> None:
    # A leading space is noise the plain path drops: it never takes the quick path.
    assert _outcome(text) == _outcome(" " + text)


@pytest.mark.parametrize(
    ("given_text", "normal"),
    [("MSC1490012345", "MSC1490012345"), ("msc1490012345", "MSC1490012345")],
)
def test_a_normal_receipt_number_is_itself(given_text: str, normal: str) -> None:
    assert v.receipt_number(given_text) == normal


def test_a_str_subclass_is_made_a_plain_str() -> None:
    class Typed(str):
        pass

    number = v.receipt_number(Typed("MSC1490012345"))
    assert number == "MSC1490012345"
    assert type(number) is str


@pytest.mark.parametrize(
    "bad", ["MSC149001234", "MSC14900123456", "\uff2dSC1490012345", 1490012345]
)
def test_a_wrong_receipt_number_is_refused_either_way(bad: object) -> None:
    with pytest.raises(InvalidReceiptNumber):
        v.receipt_number(bad)


def _case(**changes: object) -> Case:
    fields: dict[str, object] = {"receipt_number": "MSC1490012345", "office": "MIA", **changes}
    return Case(**fields)


def test_empty_collections_are_the_defaults_however_given() -> None:
    plain = _case(deadlines=[], circumstances=iter(()))
    quick = _case(deadlines=(), circumstances=frozenset())
    assert plain == quick == _case()
    assert type(quick.deadlines) is tuple
    assert type(quick.circumstances) is frozenset


@given(
    st.lists(st.sampled_from(list(Circumstance)), unique=True),
    st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)), max_size=3, unique=True),
)
def test_collections_read_the_same_from_any_collection(
    circumstances: list[Circumstance], days: list[dt.date]
) -> None:
    deadlines = [Deadline(day, "trip") for day in days]
    built = {
        _case(deadlines=kind(deadlines), circumstances=kind(circumstances))
        for kind in (tuple, list, set, frozenset, iter)
    }
    assert len(built) == 1


@pytest.mark.parametrize("bad", ["ab", b"ab", {"a": 1}, 3, None])
def test_items_refuses_what_is_no_collection(bad: object) -> None:
    with pytest.raises(InvalidValue) as info:
        v.items(bad, "circumstances", max_items=3)
    assert info.value.field == "circumstances"


@pytest.mark.parametrize("kind", [tuple, list, set, frozenset])
def test_items_counts_a_known_collection_too(kind: type) -> None:
    assert v.items(kind([1, 2, 3]), "f", max_items=3) == [1, 2, 3]
    with pytest.raises(InvalidValue, match="has 4 items, too many"):
        v.items(kind([1, 2, 3, 4]), "f", max_items=3)


_OFFICE_TEXTS = ["MIA", "mia", " Miami ", "Miami FL", "USCIS MIA", "Miami Field Office", "Hialeah"]
_FORM_TEXTS = ["I-485", "i485", " n-400 ", "I-129CW", "N600K"]


@pytest.mark.parametrize("text", _OFFICE_TEXTS)
def test_an_office_kept_is_the_office_resolved(text: str) -> None:
    first, again = _case(office=text).office, _case(office=text).office  # read, then kept
    assert first == again == resolve_office(text)
    assert case_module._OFFICES[text] == first


@pytest.mark.parametrize("text", _FORM_TEXTS)
def test_a_form_kept_is_the_form_normalised(text: str) -> None:
    first, again = _case(form=text).form, _case(form=text).form
    assert first == again == normalise_form(text)
    assert case_module._FORMS[text] == first


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        *[("office", bad) for bad in ("Atlantis", "m\u0131a", 3, ["MIA"])],
        *[("form", bad) for bad in ("X-", "\u0131485", 485, ["I-485"])],
    ],
)
def test_a_wrong_office_or_form_is_refused_every_time(field: str, bad: object) -> None:
    for _ in range(2):  # never kept: refused again
        with pytest.raises(InvalidValue) as info:
            _case(**{field: bad})
        assert info.value.field == field


def test_the_kept_offices_and_forms_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_module, "_OFFICES", {})
    monkeypatch.setattr(case_module, "_FORMS", {})
    monkeypatch.setattr(case_module, "CACHED", 2)
    for text in _OFFICE_TEXTS:
        assert _case(office=text).office == resolve_office(text)
    for text in _FORM_TEXTS:
        assert _case(form=text).form == normalise_form(text)
    assert len(case_module._OFFICES) == len(case_module._FORMS) == 2


def test_a_form_may_be_left_out() -> None:
    assert _case(form=None).form is None
