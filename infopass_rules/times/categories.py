"""The names of a processing-times category across USCIS's formats.

USCIS names one category of a form three ways: a code (the CSV's ``form_subtype``:
``131A-FAM``), the web API's ``form_type`` (``I-485 Family``; for most forms the code itself),
and a published description (``subtype_info_en``: "Family-Based adjustment applications"),
whose wording changes over the years. :class:`CategoryNames` holds one category's names;
``categories.csv`` beside this module lists every category of the project's shared data, one a
line, with how its names were tied together (its header says how it was built). The table of
processing times (:mod:`infopass_rules.times.table`) asks :func:`names_of_category` for a
category's other names, so that any of them names it in a JSON folder, a CSV or an archive
alike.

The file is read on first use (``csv`` and ``importlib.resources`` then), never at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

import attrs

from infopass_rules.times.published import fold_category

__all__ = [
    "CategoryNames",
    "all_category_names",
    "find_category",
    "names_of_category",
]

#: The data file, beside this module.
DATA_FILE = "categories.csv"
#: What separates the other descriptions in their column.
_SEPARATOR = " | "


@attrs.frozen
class CategoryNames:
    """The names of one category of a form.

    Attributes:
        form: the form number (``"I-485"``).
        code: the code (CSV ``form_subtype``, ``"131A-FAM"``); for a category seen only in the
            JSON answers, its ``form_type``, which is a code for those forms.
        form_type: the JSON answers' ``form_type`` (``"I-485 Family"``), or None when the
            category was seen in the CSV only.
        description: the latest published description.
        other_descriptions: earlier wordings of it.
    """

    form: str
    code: str
    form_type: str | None
    description: str
    other_descriptions: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the category: code, form_type, descriptions (each once, in order)."""
        found = (self.code, self.form_type, self.description, *self.other_descriptions)
        return tuple(dict.fromkeys(name for name in found if name))


@cache
def _load() -> tuple[tuple[CategoryNames, ...], Mapping[tuple[str, str], CategoryNames]]:
    """(every category, (form, folded name) -> its category). Read once, on first use."""
    import csv  # imported on first use, to keep `import infopass_rules` cheap
    from importlib import resources

    text = resources.files(__package__).joinpath(DATA_FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    every: list[CategoryNames] = []
    by_name: dict[tuple[str, str], CategoryNames] = {}
    for row in csv.DictReader(lines):
        others = row["other_descriptions"]
        category = CategoryNames(
            form=row["form"],
            code=row["code"],
            form_type=row["form_type"] or None,
            description=row["description"],
            other_descriptions=tuple(others.split(_SEPARATOR)) if others else (),
        )
        every.append(category)
        for name in category.names:
            # One name, one category of a form: the tests hold the file to it.
            by_name.setdefault((category.form, fold_category(name)), category)
    return tuple(every), by_name


def all_category_names() -> tuple[CategoryNames, ...]:
    """Every category of the table, by form and code."""
    return _load()[0]


def find_category(form: str, name: str) -> CategoryNames | None:
    """The category ``name`` (a code, a ``form_type`` or a description, in any case and
    spacing) names for ``form`` (normalised, ``"I-485"``), or None when the table has none."""
    return _load()[1].get((form, fold_category(name)))


def names_of_category(form: str, names: Iterable[str]) -> tuple[str, ...]:
    """Every name the table gives the categories that any of ``names`` names for ``form``, in
    the table's order (empty when it knows none of them)."""
    found: dict[str, None] = {}
    for name in names:
        category = find_category(form, name)
        if category is not None:
            found.update(dict.fromkeys(category.names))
    return tuple(found)
