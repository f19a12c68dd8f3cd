"""When a conversation ends: the one rule the timer, the debrief card and the exports share.

Pure functions, no I/O; widgets may call them (they need no database).

The rule, as a user would expect it:

* **Ending it** (``e``) stamps the end now.
* **Starting the next conversation** -- capturing the next person at the same event -- ends
  the one before, at the new capture's time (a circle's people all end together).
* **Ending the event** ends every conversation still open there.
* **A conversation that goes quiet** -- no note, promise or edit for :data:`QUIET_AFTER` --
  has ended: a forgotten timer never runs for hours. It ends at its last activity plus that
  quiet time, so the timer stops where it stood ("talking 29:59", then "ended after 30:00")
  rather than jumping back, and nothing needs saving when it does.

Ending it and ending the event are stamped in ``ended_at``; the next capture and the quiet
rule are worked out here (the store fills in ``Encounter.next_met``, when the next
conversation at the event began), so :func:`conversation_end` is the one answer to "has it
ended, and when". A capture never rewrites the encounter before it: that would make every
capture read the whole table of encounters (``hallway capture`` at ten thousand people went
from 0.13 s to 0.3 s when it did). A stamped end is never later than the worked-out one, so
what the timer showed stays true.

Decision: thirty minutes of quiet. Long enough that a long, good conversation still shows its
length (the timer is there *because* people rarely end conversations when both want to);
short enough that the demo or a forgotten capture never reads "talking 1:27:01".
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable
from datetime import datetime, timedelta

from hallway.store.clock import parse_time
from hallway.store.i18n import _
from hallway.store.records import Encounter

QUIET_AFTER = timedelta(minutes=30)


def last_activity(encounter: Encounter) -> datetime:
    """When something last happened in the conversation: the capture, or a later note,
    promise or edit made while it went on (``active_at``; for records from before it was
    kept, the notes written while it went on)."""
    last = encounter.met_at
    for note in sorted(encounter.notes, key=lambda n: n.at):
        if last < note.at <= last + QUIET_AFTER:
            last = note.at
    if encounter.active_at is not None and encounter.active_at > last:
        return encounter.active_at
    return last


def quiet_end(encounter: Encounter) -> datetime:
    """When the conversation ends if nothing more happens in it."""
    return last_activity(encounter) + QUIET_AFTER


def conversation_end(encounter: Encounter, now: datetime) -> datetime | None:
    """When the conversation ended, or None while it goes on (at ``now``)."""
    if encounter.ended_at is not None:
        return encounter.ended_at
    end = quiet_end(encounter)
    if encounter.next_met is not None and encounter.next_met < end:
        end = max(encounter.met_at, encounter.next_met)
    return end if now >= end else None


def is_talking(encounter: Encounter, now: datetime) -> bool:
    """Whether the conversation goes on at ``now``."""
    return conversation_end(encounter, now) is None


def talked_for(encounter: Encounter, now: datetime) -> timedelta | None:
    """How long the conversation lasted, or None while it goes on."""
    end = conversation_end(encounter, now)
    return None if end is None else max(timedelta(0), end - encounter.met_at)


def talked_words(encounter: Encounter, now: datetime) -> str:
    """The conversation's length in words for a card or an export: "talked 12 min",
    "talked 2 h", "talking now" while it goes on."""
    length = talked_for(encounter, now)
    if length is None:
        return _("talking now")
    minutes = max(1, round(length.total_seconds() / 60))
    if minutes < 90:
        return _("talked {minutes} min").format(minutes=minutes)
    return _("talked {hours} h").format(hours=minutes // 60)


def end_at(encounter: Encounter, moment: datetime) -> datetime:
    """The end to stamp when something ends the conversation at ``moment``: then, or earlier
    if it had already ended (gone quiet, or the next conversation began); never before it
    began."""
    already = conversation_end(encounter, moment)
    return max(encounter.met_at, min(moment, already or moment))


def mark_active(encounter: Encounter, now: datetime) -> bool:
    """Note activity (a note, a promise, an edit) at ``now`` if the conversation still goes
    on, which keeps it going; True if it did. Activity after the end changes nothing: a note
    written later does not reopen the conversation."""
    if not is_talking(encounter, now):
        return False
    encounter.active_at = now
    return True


def fill_next_met(encounters: Iterable[Encounter]) -> dict[int, list[tuple[datetime, int]]]:
    """Fill in ``next_met`` for encounters that include every encounter of their events:
    when the next capture at the same event began (people of one circle share their start,
    so they never end each other's conversation). Returns each event's starts, sorted
    (what :meth:`StartIndex.take` keeps)."""
    by_event: dict[int, list[Encounter]] = {}
    for encounter in encounters:
        by_event.setdefault(encounter.event_id, []).append(encounter)
    found = {}
    for event_id, group in by_event.items():
        starts = found[event_id] = sorted((e.met_at, e.id) for e in group)
        for encounter in group:
            encounter.next_met = _next_start(starts, encounter)
    return found


def _next_start(starts: list[tuple[datetime, int]], encounter: Encounter) -> datetime | None:
    """The start of the first conversation after ``encounter``'s in ``starts`` (sorted by
    time, then id). Times are kept to the second, so a capture made later within the same
    second (a higher id) is the next conversation too -- unless it is of the same circle."""
    at = bisect_right(starts, (encounter.met_at, encounter.id))
    while at < len(starts):
        met_at, other = starts[at]
        if met_at != encounter.met_at or other not in encounter.circle:
            return met_at
        at += 1
    return None


def _readable(raw: list[tuple[str, int]]) -> list[tuple[datetime, int]]:
    """The starts that read as times (one odd document must not hide everyone's end)."""
    found = []
    for at, encounter_id in raw:
        try:
            found.append((parse_time(at), encounter_id))
        except ValueError:
            continue
    return found


class StartIndex:
    """When each conversation at an event began, sorted, so the store can tell one loaded
    encounter when the next one began without reading every encounter again.

    Each event's times are read (from that event's encounter documents only) and sorted
    the first time the event is asked about, and kept up to date as encounters are saved
    and removed. The store forgets it whenever other processes' saves are loaded."""

    def __init__(self) -> None:
        self._starts: dict[int, list[tuple[datetime, int]]] = {}
        self._where: dict[int, tuple[int, datetime]] = {}

    def knows(self, event_id: int) -> bool:
        """Whether the event's times are read already."""
        return event_id in self._starts

    def load(self, event_id: int, docs: Iterable[tuple[str, dict[str, object]]]) -> None:
        """Read the event's times from its encounter documents (others are ignored)."""
        raw = []
        for key, doc in docs:
            met_at = doc.get("met_at")
            if doc.get("event_id") == event_id and isinstance(met_at, str):
                raw.append((met_at, int(key)))
        self.take(event_id, sorted(_readable(raw)))

    def take(self, event_id: int, starts: list[tuple[datetime, int]]) -> None:
        """Keep the event's times as already read and sorted (by :func:`fill_next_met`,
        from every encounter of the event): the list is kept, not copied."""
        self._starts[event_id] = starts
        for met_at, encounter_id in starts:
            self._where[encounter_id] = (event_id, met_at)

    def put(self, encounter_id: int, event_id: int, met_at: datetime) -> None:
        """An encounter was saved (new, or changed)."""
        self.remove(encounter_id)
        starts = self._starts.get(event_id)
        if starts is None:
            return  # read from the documents when the event is first asked about
        insort(starts, (met_at, encounter_id))
        self._where[encounter_id] = (event_id, met_at)

    def remove(self, encounter_id: int) -> None:
        """An encounter was removed (or is about to be saved again)."""
        where = self._where.pop(encounter_id, None)
        if where is not None:
            self._starts[where[0]].remove((where[1], encounter_id))

    def next_met(self, encounter: Encounter) -> datetime | None:
        """When the first conversation after the encounter's began (see
        :func:`fill_next_met`; the event's times must be read: see :meth:`load`)."""
        return _next_start(self._starts[encounter.event_id], encounter)
