"""The Helper pane: decks of conversation starters and leave-gracefully lines.

A :class:`PhraseDeck` deals lines one at a time. Each cycle is one shuffle of every line
(``random.Random(seed)``, so the order is the same for the same seed), and no line repeats
before all have been dealt. Lines are filled in for the selected person:

* their first name, or -- with nobody selected -- the name and its comma are dropped
  ("{first}, how did you..." becomes "How did you...");
* one of their topics, in rotation, when they have any; a topic is shown readably by turning
  ``-`` and ``_`` into spaces (``baby-sitters-club`` -> "baby sitters club"); otherwise the
  line's generic wording is used.

User text is inserted in one pass and never re-read, so names such as ``[bold]`` or ``{topic}``
come out exactly as typed (the UI shows the text literally). Pure: no I/O.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hallway.store.phrases_data import (
    EXIT_CATEGORIES,
    EXITS,
    STARTER_CATEGORIES,
    STARTERS,
    LineTemplate,
)
from hallway.store.text import readable_topic

__all__ = [
    "EXIT_CATEGORIES",
    "STARTER_CATEGORIES",
    "LineTemplate",
    "Phrase",
    "PhraseDeck",
    "fill",
    "readable_topic",
]

_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_LEADING_FIRST = re.compile(r"^\{first\}, (\w)")
_PLACEHOLDERS = {"first", "topic"}
# Starters: recreation before occupation, so "work" lines are dealt after the rest of a cycle.
_STARTER_TIERS: Mapping[str, int] = {"work": 1}


@dataclass(frozen=True)
class Phrase:
    """One line to say, and its category (e.g. ``"interest"`` or ``"bridge"``)."""

    text: str
    category: str


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


class PhraseDeck:
    """Deals lines in a seeded shuffle; nothing repeats until every line has been dealt."""

    def __init__(
        self,
        lines: Sequence[LineTemplate],
        *,
        seed: int = 0,
        tiers: Mapping[str, int] | None = None,
    ) -> None:
        if not lines:
            raise ValueError("a phrase deck needs at least one line")
        for line in lines:
            check_template(line.generic, topic_allowed=False)
            if line.with_topic is not None:
                check_template(line.with_topic, topic_allowed=True)
        self._lines = tuple(lines)
        self._tiers = dict(tiers or {})
        self._random = random.Random(seed)
        self._order: list[int] = []
        self._dealt = 0
        self._last: int | None = None

    @classmethod
    def starters(cls, seed: int = 0) -> PhraseDeck:
        """The "Keep it going" deck: interest-first starters and follow-up questions."""
        return cls(STARTERS, seed=seed, tiers=_STARTER_TIERS)

    @classmethod
    def exits(cls, seed: int = 0) -> PhraseDeck:
        """The "Leave gracefully" deck: kind, honest exit lines."""
        return cls(EXITS, seed=seed)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories in this deck, in first-seen order."""
        return tuple(dict.fromkeys(line.category for line in self._lines))

    def _shuffle(self) -> None:
        order = list(range(len(self._lines)))
        self._random.shuffle(order)
        # A stable sort keeps the shuffle within each tier.
        order.sort(key=lambda i: self._tiers.get(self._lines[i].category, 0))
        # Never deal the same line twice in a row across the cycle boundary.
        if len(order) > 1 and order[0] == self._last:
            order[0], order[1] = order[1], order[0]
        self._order = order

    def next(self, person_first_name: str | None = None, topics: Sequence[str] = ()) -> Phrase:
        """The next line, for this person (``None`` when nobody is selected)."""
        if not self._order:
            self._shuffle()
        index = self._order.pop(0)
        self._last = index
        line = self._lines[index]
        usable = [t for t in topics if readable_topic(t)]
        if line.with_topic is not None and usable:
            topic = usable[self._dealt % len(usable)]
            text = fill(line.with_topic, person_first_name, topic)
        else:
            text = fill(line.generic, person_first_name)
        self._dealt += 1
        return Phrase(text=text, category=line.category)
