"""A case file, as the ``next`` and ``record`` commands read it: ``{"case": {...}, "history":
[...], "as_of": "YYYY-MM-DD"}`` in the :mod:`infopass_rules.edges.json` format."""

from __future__ import annotations

from infopass_rules.edges.json import from_jsonable, load_history, parse_json
from infopass_rules.errors import InfopassRulesError, InvalidData
from infopass_rules.facts.case import Case
from infopass_rules.facts.history import Appointment, Inquiry

__all__ = ["read_case_file"]

_SHAPE = '{"case": {...}, "history": [...], "as_of": "YYYY-MM-DD"}'


def read_case_file(
    raw: bytes, label: str
) -> tuple[Case, tuple[Inquiry | Appointment, ...], object]:
    """The case, its history and the file's ``as_of`` (None when it gives none) of the bytes of a
    case file; ``label`` (its path) prefixes every error's field.

    Raises:
        InvalidData: not JSON (or guarded JSON: too deep, huge numbers, repeated keys), not an
            object with a ``"case"`` key, an unknown key, or a case or history item that is not
            valid, each naming its JSON path.
    """
    try:
        document = parse_json(raw)  # guarded: depth, huge numbers, repeated keys
    except InfopassRulesError as exc:
        raise exc.at(label) from None
    if not isinstance(document, dict) or "case" not in document:
        raise InvalidData(
            'must be a JSON object with a "case" key', field=f"{label}: $", expected=_SHAPE
        )
    unknown = sorted(set(document) - {"case", "history", "as_of"})
    if unknown:
        raise InvalidData(
            "has unknown keys",
            field=f"{label}: $",
            value=unknown,
            expected='only "case", "history" and "as_of"',
        )
    try:
        case = from_jsonable(document["case"], Case, path="$.case")
        history = load_history(document.get("history", []), path="$.history")
    except InfopassRulesError as exc:
        raise exc.at(label) from None
    return case, history, document.get("as_of")
