"""Facts built from values their own converters gave: for a reader that converts each distinct
text of a column once.

A fact's constructor runs every field's converter on every value (attrs' ``__init__``): the
checks of :mod:`~infopass_rules.facts.validate`, one Python call a field. A docket file repeats
its texts (the same offices, forms, days and words on thousands of rows), so its reader converts
each distinct text once, with the field's own converter (:func:`field_converters`), keeps the
result, and builds each fact from values that are already what its converters give
(:func:`from_converted`): the same checks, not made again for every row. Nothing is checked
another way: the converters are the fields' own, and the checks across fields (a class's
``__attrs_post_init__``) run for every fact built. A property test holds
``from_converted(cls, converted values)`` equal to ``cls(values)``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

__all__ = ["as_it_is", "field_converters", "from_converted"]

_T = TypeVar("_T")


def field_converters(cls: type[Any]) -> dict[str, Callable[[object], Any]]:
    """Each field's converter of the attrs class ``cls``, by field name, as a function of the
    value alone (a converter that takes the field is given it); a field without one returns
    its value as it is. Each raises what the constructor would for a value it refuses."""
    found: dict[str, Callable[[object], Any]] = {}
    for field in attrs.fields(cls):
        if field.validator is not None:
            # A programming error of this package: a validator would be skipped.
            raise TypeError(f"{cls.__name__}.{field.name} has a validator: build it by calling it")
        converter = field.converter
        if converter is None:
            found[field.name] = as_it_is
        elif isinstance(converter, attrs.Converter):
            # attrs' stubs do not declare a Converter's attributes (attrs 24.1 and later).
            takes_self, takes_field = _converter_flags(converter)
            if takes_self:  # no fact's converter reads the instance (it is not made yet)
                raise TypeError(f"{cls.__name__}.{field.name}'s converter reads the instance")
            function: Callable[..., Any] = getattr(converter, "converter")  # noqa: B009
            # The facts' converters that take the field name it ``field`` (validate.py).
            found[field.name] = (
                functools.partial(function, field=field) if takes_field else function
            )
        else:
            found[field.name] = converter
    return found


def _converter_flags(converter: object) -> tuple[bool, bool]:
    return bool(getattr(converter, "takes_self")), bool(getattr(converter, "takes_field"))  # noqa: B009


def as_it_is(value: object) -> object:
    """The converter of a field that has none: the value as it is."""
    return value


@functools.cache
def _builder(cls: type) -> Callable[[Sequence[Any]], Any]:
    """A function setting each field of a new ``cls`` from a sequence of values, then running
    its ``__attrs_post_init__``: written out for the class's fields, as attrs writes the
    ``__init__`` it generates (a loop over the fields cost half as much again as the checks it
    spares). Made once a class."""
    field_converters(cls)  # refuses a class whose fields have validators
    names = [field.name for field in attrs.fields(cls)]
    lines = [
        "def build(values):",
        f"    {', '.join(f'_{i}' for i in range(len(names)))}, = values",
        "    instance = new(cls)",
        *(f"    set_(instance, {name!r}, _{i})" for i, name in enumerate(names)),
    ]
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is not None:
        lines.append("    post_init(instance)")
    lines.append("    return instance")
    scope: dict[str, Any] = {
        "new": object.__new__,
        "set_": object.__setattr__,
        "cls": cls,
        "post_init": post_init,
    }
    exec(compile("\n".join(lines), f"<from_converted {cls.__qualname__}>", "exec"), scope)
    builder: Callable[[Sequence[Any]], Any] = scope["build"]
    return builder


def from_converted(cls: type[_T], values: Sequence[Any]) -> _T:
    """An instance of the frozen, slotted attrs class ``cls`` holding ``values``, one a field in
    the fields' order, each already what that field's converter gives (see
    :func:`field_converters`): set as they are, then the class's ``__attrs_post_init__`` run
    (its checks across fields, which raise as the constructor does). A wrong number of values
    raises ValueError.

    Only for values that came out of the fields' own converters: anything else must be given to
    ``cls(...)``, which converts and checks it.
    """
    kind: type = cls  # (to mypy, a type[_T] is no Hashable key of the cache)
    instance: _T = _builder(kind)(values)
    return instance
