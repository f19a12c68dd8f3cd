"""What to know before meeting people: a contact's history, the re-encounter brief for an
event's next edition, and the "catch up this week" list.

Read-only helpers over the public :class:`~hallway.store.db.Store` API.

Previous editions: an event's *series* is its name without years, edition numbers
("#12", "12th", "No. 12"), seasons, quarters, months or weekdays, so "PyCon Berlin 2025"
follows "PyCon Berlin 2024", "RustConf #12" follows "#11" and "Meetup 2025 (spring)" follows
"Meetup 2024 (autumn)" -- the edition just before, whatever its season. A name that is
nothing but a date ("Tuesday 3 June 2025", as quick capture names them) has no series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.store.records import Contact, Encounter, Event, FollowUp
from hallway.store.rhythm import due_order, is_due_this_week, week_end
from hallway.store.text import MONTH_NAMES, fold, words

_MONTHS_LOWER = tuple(name.lower() for name in MONTH_NAMES)
# Where in the year a word puts an edition (a month number), to order editions of one year.
_PART_OF_YEAR = {
    **{name: number for number, name in enumerate(_MONTHS_LOWER, 1)},
    **{name[:3]: number for number, name in enumerate(_MONTHS_LOWER, 1)},
    "sept": 9,
    "spring": 3,
    "summer": 6,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
    "q1": 1,
    "q2": 4,
    "q3": 7,
    "q4": 10,
    "h1": 1,
    "h2": 7,
}
_NOT_SERIES = {
    "edition",
    "no",
    "nr",
    "vol",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")
_SHORT_YEAR = re.compile(r"'(\d{2})\b")


# -- a contact's history -------------------------------------------------------------------


# -- previous editions ---------------------------------------------------------------------


def series_key(name: str) -> str:
    """The name of an event's series: its words without years, numbers, seasons or dates."""
    kept = [
        w
        for w in words(_SHORT_YEAR.sub(" ", name))
        if not (_NUMBER.match(w) or w in _PART_OF_YEAR or w in _NOT_SERIES)
    ]
    return " ".join(kept)


def edition_order(name: str) -> tuple[int, int, int]:
    """(year, edition number, month) read from a name, 0 where absent; orders editions."""
    year = number = part = 0
    short = _SHORT_YEAR.search(name)
    if short:
        year = 2000 + int(short.group(1))
    for word in words(_SHORT_YEAR.sub(" ", name)):
        if _YEAR.match(word) and not year:
            year = int(word)
        elif (found := _NUMBER.match(word)) and not number:
            number = int(found.group(1))
        elif word in _PART_OF_YEAR and not part:
            part = _PART_OF_YEAR[word]
    return (year, number, part)


def previous_edition(store: Store, event: Event) -> Event | None:
    """The latest earlier event of the same series, if any (dates decide when both have
    them, else the years and numbers in the names)."""
    key = series_key(event.name)
    if not key:
        return None
    order = edition_order(event.name)

    def earlier(other: Event) -> bool:
        if other.starts is not None and event.starts is not None:
            return other.starts < event.starts
        return edition_order(other.name) < order

    editions = [
        other
        for other in store.events()
        if other.id != event.id and series_key(other.name) == key and earlier(other)
    ]
    if not editions:
        return None
    return max(
        editions,
        key=lambda e: (edition_order(e.name), e.starts.timestamp() if e.starts else 0.0, e.id),
    )


def reencounter_brief(store: Store, event: Event) -> list[tuple[Encounter, Contact | None]]:
    """Who you met at the previous edition (and their contact, if promoted): contacts first,
    then the meaningful ones, then in the order you met. People you let go are left out;
    each encounter carries what you talked about (topics, notes, follow-ups)."""
    previous = previous_edition(store, event)
    if previous is None:
        return []
    rank = {"promoted": 0, "acquaintance": 1, "new": 2}
    met = [e for e in store.encounters(previous.id) if e.status != "let-go"]
    met.sort(key=lambda e: (rank[e.status], not e.meaningful, e.met_at, e.id))
    brief: list[tuple[Encounter, Contact | None]] = []
    for encounter in met:
        contact = None
        if encounter.contact_id is not None:
            try:
                contact = store.contact(encounter.contact_id)
            except NotFound:
                contact = None  # removed elsewhere; the encounter alone still helps
        brief.append((encounter, contact))
    return brief


# -- catch up this week --------------------------------------------------------------------


@dataclass
class CatchUp:
    """The home screen's "catch up this week": contacts due (overdue first) and open
    follow-ups due within a week or overdue (earliest first)."""

    due: list[Contact] = field(default_factory=list)
    follow_ups: list[tuple[Encounter, int, FollowUp]] = field(default_factory=list)
    week_start: int | None = None  # the week these were worked out for (labels say the same)

    @property
    def is_empty(self) -> bool:
        """Nothing to catch up on."""
        return not self.due and not self.follow_ups


def catch_up_this_week(store: Store, today: date) -> CatchUp:
    """Contacts overdue or due by the end of this week (the next seven days, or the calendar
    week when the settings name a ``week_start``), and open follow-ups due by then. Promises
    made to people you let go are included: a promise is still a promise."""
    week_start = store.settings.week_start
    horizon = week_end(today, week_start)
    due = due_order([c for c in store.contacts() if is_due_this_week(c, today, week_start)], today)
    follow_ups = [
        (encounter, index, follow_up)
        for encounter in store.encounters()
        for index, follow_up in enumerate(encounter.follow_ups)
        if not follow_up.done and follow_up.due <= horizon
    ]
    follow_ups.sort(key=lambda item: (item[2].due, fold(item[0].name), item[0].id, item[1]))
    return CatchUp(due, follow_ups, week_start)
