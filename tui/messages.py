"""Every message Hallway's screens and app send each other (widgets' own messages are nested
in the widget that posts them, such as ``PeopleList.Highlighted``).

Screens ask the app to show another screen (``OpenEvent``, ``ShowContacts``...), tell it what
they saved (``RecordsSaved``, so search stays current), and hear from it when another process
saved (``StoreChanged``) or the search index is ready (``IndexReady``).

Messages are plain classes with an ``__init__``, not dataclasses: a dataclass is made when its
module is imported (~0.15 ms each), and every message here is imported before the first
screen is drawn.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from hallway.store.records import Contact, Encounter, Event

if TYPE_CHECKING:
    # Only annotations: the app's start need not import them (search would pull in rapidfuzz).
    from hallway.store.briefs import CatchUp
    from hallway.store.search import Kind


class StoreChanged(Message):
    """Another process saved to the database; screens reload what they show."""


class OpenEvent(Message):
    """Ask the app to show an event's people (optionally with one person selected)."""

    def __init__(self, event_id: int, encounter_id: int | None = None) -> None:
        super().__init__()
        self.event_id = event_id
        self.encounter_id = encounter_id


class ShowEvents(Message):
    """Ask the app to show the events screen."""


class ShowDebrief(Message):
    """Ask the app to show an event's debrief (``None``: the live or current event)."""

    def __init__(self, event_id: int | None = None) -> None:
        super().__init__()
        self.event_id = event_id


class ShowContacts(Message):
    """Ask the app to show the contacts (optionally with one contact selected)."""

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id


class ShowSearch(Message):
    """Ask the app to show search, with ``query`` already typed."""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query = query


class GoBack(Message):
    """Ask the app to go back to the live event or the events screen."""


class RecordsSaved(Message):
    """Records a screen changed (the search index follows); ``removed`` were deleted."""

    def __init__(
        self,
        records: list[Event | Encounter | Contact],
        removed: list[tuple[Kind, int]] | None = None,
    ) -> None:
        super().__init__()
        self.records = records
        self.removed = removed if removed is not None else []


class IndexReady(Message):
    """The search index is built (or rebuilt): search can answer."""


class CatchUpReady(Message):
    """The "catch up this week" list was worked out (in a worker)."""

    def __init__(self, catch_up: CatchUp, today: date) -> None:
        super().__init__()
        self.catch_up = catch_up
        self.today = today


class LiveScreenReady(Message):
    """The live screen has shown its people for the first time (start-up is over)."""
