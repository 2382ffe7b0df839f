"""A field rendered when read (``rendered_when_read``): the descriptor put on the class keeps the
slot it stands for, so what an instance holds can be read as kept without making it (as the
tests of a decision's memory do), and the maker it makes the values with.

Each test decorates its own class: the decoration runs as the class is made."""

from __future__ import annotations

from typing import Any

import attrs

from infopass_rules.rules.trace import NOTE, is_kept, note_texts, rendered_when_read

RECORDS = ((NOTE, "a {}", 1),)


def _words(records: tuple[Any, ...]) -> tuple[str, ...]:
    return note_texts(records)


def _box_class() -> type:
    @rendered_when_read(items=_words)
    @attrs.frozen
    class Box:
        items: tuple[str, ...] = ()

    return Box


def test_the_descriptor_keeps_the_slot_the_value_is_held_in() -> None:
    box_class = _box_class()
    slot = box_class.__dict__["items"].slot
    box = box_class(items=RECORDS)
    assert slot.__get__(box, box_class) == RECORDS  # as kept, not made
    assert is_kept(slot.__get__(box, box_class))
    assert box.items == ("a 1",)
    assert slot.__get__(box, box_class) == ("a 1",)  # made once read, and kept made


def test_the_descriptor_keeps_its_maker() -> None:
    assert _box_class().__dict__["items"].make is _words


def test_each_class_keeps_its_own_slot() -> None:
    first, second = _box_class(), _box_class()
    assert first.__dict__["items"].slot is not second.__dict__["items"].slot
    box = second(items=RECORDS)
    assert second.__dict__["items"].slot.__get__(box, second) == RECORDS
