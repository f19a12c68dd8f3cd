"""What the store works out from its records and keeps in memory, beside the records: when
each conversation began (per event), and a feed of what changed, for indexes kept elsewhere
(:mod:`hallway.store.remet`).

Both are forgotten whenever the records in memory may have changed in some other way: saves
of other processes loaded, a whole-database replacement, a failed save (memory goes back to
what is on disk). Pure bookkeeping: the :class:`~hallway.store.db.Store` tells it what it saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from hallway.store.clock import parse_time
from hallway.store.conversations import StartIndex
from hallway.store.records import Encounter

ENCOUNTERS = "encounters"
MAX_FEED = 50_000  # changes remembered; past that, readers rebuild (cheaper than the list)

ChangeMark = tuple[int, int, int]
"""Where a reader of the change feed stands: (outside loads, epoch, position)."""


class StoreMemory:
    """The store's derived memory: conversation starts and the change feed."""

    def __init__(self, reloads: Callable[[], int]) -> None:
        self._reloads = reloads
        self._seen = reloads()
        self._epoch = 0
        self._feed: list[tuple[str, int]] = []
        self.starts = StartIndex()

    def _current(self) -> None:
        if self._reloads() != self._seen:
            self.forget()

    def forget(self) -> None:
        """The records may have changed in ways not told: start again."""
        self._seen = self._reloads()
        self._epoch += 1
        self._feed.clear()
        self.starts = StartIndex()

    def saved(self, table: str, record_id: int, doc: dict[str, object] | None) -> None:
        """A record was saved (``doc``) or removed (None)."""
        self._current()
        if len(self._feed) >= MAX_FEED:
            self.forget()
        self._feed.append((table, record_id))
        if table == ENCOUNTERS:
            if doc is None:
                self.starts.remove(record_id)
            else:
                self.starts.put(record_id, int(str(doc["event_id"])), parse_time(doc["met_at"]))

    def next_met(
        self, encounter: Encounter, docs: Callable[[], Iterable[tuple[str, dict[str, object]]]]
    ) -> datetime | None:
        """When the next conversation at the encounter's event began; ``docs`` gives the
        event's encounter documents (read only the first time the event is asked about)."""
        self._current()
        if not self.starts.knows(encounter.event_id):
            self.starts.load(encounter.event_id, docs())
        return self.starts.next_met(encounter)

    def learn_starts(
        self, event_id: int, starts: list[tuple[datetime, int]], read_at: ChangeMark
    ) -> None:
        """The event's conversation starts, read (sorted) from every one of its encounters
        as they stood at ``read_at``: kept if nothing was saved or loaded since and the
        event's are not known yet, so that the next save there does not read the whole
        event again (at 50,000 people ~150 ms on the saving thread)."""
        if self.mark() == read_at and not self.starts.knows(event_id):
            self.starts.take(event_id, starts)

    # -- the change feed ------------------------------------------------------------------

    def mark(self) -> ChangeMark:
        """Where the feed stands now."""
        self._current()
        return (self._seen, self._epoch, len(self._feed))

    def since(self, mark: ChangeMark) -> tuple[ChangeMark, list[tuple[str, int]] | None]:
        """The records saved or removed since ``mark`` (table, id), and the new mark; None
        instead of the list when anything may have changed (read everything again)."""
        now = self.mark()
        if mark[:2] != now[:2] or mark[2] > now[2]:
            return now, None
        return now, self._feed[mark[2] :]
