"""The Helper pane: decks of conversation starters and leave-gracefully lines.

A :class:`PhraseDeck` deals lines one at a time, to each person their own way through the
deck: each person (the ``person`` key the screen gives, else their first name) has their own
cycles, shuffled from the deck's seed and that person (``random.Random``, so the order is the
same for the same seed and person, and the first starter differs from one person to the next),
and no line repeats for them before all have been dealt. Lines are filled in for the person:

* their first name, or -- with nobody selected -- the name and its comma are dropped
  ("{first}, how did you..." becomes "How did you...");
* one of their topics, in rotation, when they have any; a topic is shown readably by turning
  ``-`` and ``_`` into spaces (``baby-sitters-club`` -> "baby sitters club"); otherwise the
  line's generic wording is used, and a line that needs a topic is skipped.

Each :class:`Phrase` carries its category and a short label saying what the line is for
("suggest a next step"), from :data:`~hallway.store.phrases_data.CATEGORY_LABELS`.

Decks speak English (``language="en"``, the default) or German (``language="de"``, from
:mod:`hallway.store.phrases_data_de`); German needs the address form, ``form="du"`` or
``form="sie"`` -- nothing is assumed, the screen asks and remembers it per event (English has
one form and ignores it).

User text is inserted in one pass and never re-read, so names such as ``[bold]`` or ``{topic}``
come out exactly as typed (the UI shows the text literally). Pure: no I/O.
"""

from __future__ import annotations

import random
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from hallway.store import phrases_data_de
from hallway.store.phrases_data import (
    CATEGORY_LABELS,
    EXIT_CATEGORIES,
    EXITS,
    STARTER_CATEGORIES,
    STARTERS,
    LineTemplate,
)
from hallway.store.text import readable_topic

__all__ = [
    "CATEGORY_LABELS",
    "EXIT_CATEGORIES",
    "FORMS",
    "LANGUAGES",
    "STARTER_CATEGORIES",
    "LineTemplate",
    "Phrase",
    "PhraseDeck",
    "category_label",
    "fill",
    "lines_for",
    "readable_topic",
]

LANGUAGES: tuple[str, ...] = ("en", "de")
FORMS = phrases_data_de.FORMS

_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_LEADING_FIRST = re.compile(r"^\{first\}, (\w)")
_PLACEHOLDERS = {"first", "topic"}
# Starters: recreation before occupation, so "work" lines are dealt after the rest of a cycle.
_STARTER_TIERS: Mapping[str, int] = {"work": 1}


@dataclass(frozen=True)
class Phrase:
    """One line to say, its category (e.g. ``"interest"`` or ``"bridge"``) and what the
    category is for, in a few words ("introduce them to someone")."""

    text: str
    category: str
    language: str = "en"

    @property
    def label(self) -> str:
        """What the line is for, in a few words, in the line's language."""
        return category_label(self.category, self.language)


def category_label(category: str, language: str = "en") -> str:
    """What a category of lines is for, in a few words ("suggest a next step"); an unknown
    category reads as itself, in words."""
    labels = phrases_data_de.CATEGORY_LABELS if language == "de" else CATEGORY_LABELS
    return labels.get(category, category.replace("-", " "))


def lines_for(kind: str, language: str = "en", form: str | None = None) -> tuple[LineTemplate, ...]:
    """The shipped lines of one kind (``"starters"`` or ``"exits"``) in a language; German
    needs its address form (``"du"`` or ``"sie"``). Raises ValueError for anything else."""
    if kind not in ("starters", "exits"):
        raise ValueError(f'a kind of lines is "starters" or "exits", not {kind!r}')
    if language == "en":
        return STARTERS if kind == "starters" else EXITS
    if language != "de":
        raise ValueError(f"the helper speaks {' or '.join(LANGUAGES)}, not {language!r}")
    if form not in FORMS:
        raise ValueError(f'German lines need the address form "du" or "sie", not {form!r}')
    return (phrases_data_de.STARTERS if kind == "starters" else phrases_data_de.EXITS)[form]


def _without_name(template: str) -> str:
    """The template with its ``{first}`` (and that name's comma) taken out."""
    text = _LEADING_FIRST.sub(lambda m: m.group(1).upper(), template)
    return text.replace(", {first}", "")


def check_template(template: str, *, topic_allowed: bool) -> None:
    """Raise ValueError if a template uses a placeholder in a way :func:`fill` cannot undo."""
    names = set(_PLACEHOLDER.findall(template))
    unknown = names - _PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder {sorted(unknown)} in {template!r}")
    if "topic" in names and not topic_allowed:
        raise ValueError(f"a generic line cannot use {{topic}}: {template!r}")
    if topic_allowed and "topic" not in names:
        raise ValueError(f"a topic line must use {{topic}}: {template!r}")
    if "{first}" in _without_name(template):
        raise ValueError(
            f'{{first}} must be a leading "{{first}}, " or a ", {{first}}": {template!r}'
        )


def fill(template: str, first_name: str | None, topic: str | None = None) -> str:
    """Fill a template for a person; ``None`` (or blank) drops the name cleanly.

    Substitution is a single pass over the template, so braces or markup inside the name or
    topic are copied as text and never treated as placeholders.
    """
    first = (first_name or "").strip()
    if not first:
        template = _without_name(template)
    values = {"first": first, "topic": readable_topic(topic) if topic else ""}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


@dataclass
class _Cycle:
    """One person's way through a deck."""

    random: random.Random
    order: list[int]
    last: int | None = None
    dealt: int = 0


class PhraseDeck:
    """Deals lines in a seeded shuffle per person; nothing repeats for a person until every
    line has been dealt to them."""

    def __init__(
        self,
        lines: Sequence[LineTemplate],
        *,
        seed: int = 0,
        tiers: Mapping[str, int] | None = None,
        language: str = "en",
    ) -> None:
        if not lines:
            raise ValueError("a phrase deck needs at least one line")
        for line in lines:
            if line.generic is None and line.with_topic is None:
                raise ValueError(f"a line needs some words: {line!r}")
            if line.generic is not None:
                check_template(line.generic, topic_allowed=False)
            if line.with_topic is not None:
                check_template(line.with_topic, topic_allowed=True)
        if all(line.generic is None for line in lines):
            raise ValueError("a phrase deck needs a line for someone without topics")
        if language not in LANGUAGES:
            raise ValueError(f"the helper speaks {' or '.join(LANGUAGES)}, not {language!r}")
        self._lines = tuple(lines)
        self.language = language
        self._tiers = dict(tiers or {})
        self._seed = seed
        self._cycles: dict[Hashable, _Cycle] = {}

    @classmethod
    def starters(
        cls, seed: int = 0, *, language: str = "en", form: str | None = None
    ) -> PhraseDeck:
        """The "Keep it going" deck: interest-first starters and follow-up questions (German:
        in the given address form, "du" or "sie")."""
        lines = lines_for("starters", language, form)
        return cls(lines, seed=seed, tiers=_STARTER_TIERS, language=language)

    @classmethod
    def exits(cls, seed: int = 0, *, language: str = "en", form: str | None = None) -> PhraseDeck:
        """The "Leave gracefully" deck: kind, honest exit lines (German: in the given address
        form, "du" or "sie")."""
        return cls(lines_for("exits", language, form), seed=seed, language=language)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories in this deck, in first-seen order."""
        return tuple(dict.fromkeys(line.category for line in self._lines))

    def usable(self, topics: Sequence[str] = ()) -> int:
        """How many lines can be dealt to someone with these topics (all of them with a
        topic; without one, only the lines that need none)."""
        if any(readable_topic(t) for t in topics):
            return len(self._lines)
        return sum(line.generic is not None for line in self._lines)

    def _cycle(self, person: Hashable) -> _Cycle:
        cycle = self._cycles.get(person)
        if cycle is None:
            # A string seed is hashed the same way in every run (unlike hash()).
            cycle = _Cycle(random.Random(f"{self._seed}:{person!r}"), [])
            self._cycles[person] = cycle
        return cycle

    def _shuffle(self, cycle: _Cycle) -> None:
        order = list(range(len(self._lines)))
        cycle.random.shuffle(order)
        # A stable sort keeps the shuffle within each tier.
        order.sort(key=lambda i: self._tiers.get(self._lines[i].category, 0))
        # Never deal the same line twice in a row across the cycle boundary.
        if len(order) > 1 and order[0] == cycle.last:
            order[0], order[1] = order[1], order[0]
        cycle.order = order

    def next(
        self,
        person_first_name: str | None = None,
        topics: Sequence[str] = (),
        person: Hashable | None = None,
    ) -> Phrase:
        """The next line for this person (``None`` when nobody is selected); ``person`` tells
        people with the same first name apart (the screen may pass the encounter's id)."""
        key = person if person is not None else (person_first_name or "").strip().casefold()
        cycle = self._cycle(key or None)
        usable = [t for t in topics if readable_topic(t)]
        while True:
            if not cycle.order:
                self._shuffle(cycle)
            index = cycle.order.pop(0)
            line = self._lines[index]
            if line.generic is not None or usable:
                break  # else: it needs a topic this person has not got
        cycle.last = index
        if line.with_topic is not None and usable:
            topic = usable[cycle.dealt % len(usable)]
            text = fill(line.with_topic, person_first_name, topic)
        else:
            assert line.generic is not None  # checked in the loop
            text = fill(line.generic, person_first_name)
        cycle.dealt += 1
        return Phrase(text=text, category=line.category, language=self.language)
