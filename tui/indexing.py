"""The app's search index: built in a worker, kept current by every save, rebuilt when another
process saved, announced to the screens when it is ready.

The index is built from a frozen copy of the store, so saves made meanwhile are remembered and
applied again once it is ready; a build overtaken by a newer one is thrown away. The collector
rests from start-up until the first index is built (see :mod:`hallway.tui.heap`); then the
parts of the database file nothing has read are packed (:meth:`Store.pack_unread`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.text import visible
from hallway.tui.heap import StartupHeap, collector_paused
from hallway.tui.messages import IndexReady, RecordsSaved

if TYPE_CHECKING:
    from hallway.store.search import SearchIndex


class SearchIndexing:
    """Owns the app's :class:`~hallway.store.search.SearchIndex` (``index``; None until built).

    The app calls :meth:`start` when it mounts, :meth:`saved` for every ``RecordsSaved``,
    :meth:`rebuild` after another process saved and :meth:`stop` when it unmounts;
    ``screens`` gives the screens told ``IndexReady`` after each build.
    """

    def __init__(
        self, app: App[Any], store: Store, screens: Callable[[], Iterable[Screen[Any]]]
    ) -> None:
        self.app = app
        self.store = store
        self.index: SearchIndex | None = None
        self._screens = screens
        self._heap = StartupHeap()
        # Saved while the index was being built from an older copy: applied once it is ready.
        self._pending: list[RecordsSaved] = []
        self._building = False
        self._generation = 0  # only the newest build's index is kept

    def start(self) -> None:
        """Rest the collector through start-up; build once the first screen is drawn."""
        self._heap.pause()
        # After the first screen is drawn: building the index must not delay it.
        self.app.call_after_refresh(self.rebuild)

    def stop(self) -> None:
        """Closing (perhaps before the index was built): the collector must not stay paused."""
        self._heap.resume()

    def rebuild(self) -> None:
        """Build a new index from a frozen copy of the store, in a worker."""
        self._pending, self._building = [], True
        self._generation += 1
        # Handed over in a list the build empties: whatever keeps the finished worker's
        # function (Textual, the thread pool) must not keep the copy and what it parsed.
        build = partial(self._build, [self.store.frozen()], self._generation)
        self.app.run_worker(
            build, name="search index", group="search-index", exclusive=True, thread=True
        )

    def saved(self, message: RecordsSaved) -> None:
        """Keep the index current after a screen saved something (cheap, per record)."""
        if self._building:  # the index being built may predate this save: apply it again
            self._pending.append(message)
        if self.index is not None:
            _apply(self.index, message)

    def _build(self, handed: list[Store], generation: int) -> None:
        # In a worker thread. A cancelled thread worker still runs to the end: results carry
        # their generation.
        from hallway.store.search import SearchIndex

        frozen = handed.pop()
        try:
            with collector_paused():
                index = SearchIndex.snapshot_of(frozen)
        except HallwayError as error:  # a damaged table found late: say so, keep running
            self.app.call_from_thread(self._failed, error, generation)
            return
        finally:
            # Let the copy (and the tables it parsed) go before the UI thread settles the
            # heap: what is alive then may be frozen for good (see tui/heap.py).
            del frozen
        self.app.call_from_thread(self._built, index, generation)

    def _failed(self, error: HallwayError, generation: int) -> None:
        if generation != self._generation:
            return  # a newer build is on its way
        self._pending, self._building = [], False
        self._heap.resume()  # no index to wait for: the collector must not stay paused
        self.app.notify(visible(str(error)), title=_("Search"), severity="error", markup=False)

    def _built(self, index: SearchIndex, generation: int) -> None:
        if generation != self._generation:
            return  # built from an older copy; a newer build is on its way
        pending, self._pending, self._building = self._pending, [], False
        for saved in pending:
            _apply(index, saved)
        self.index = index
        self._heap.settle(len(index))  # (store.size() would parse every table here)
        for screen in self._screens():
            screen.post_message(IndexReady())
        # Settled (again, after other processes' saves were loaded): what nothing has read of
        # the database file is kept compressed (a few MB at ten thousand people).
        self.app.run_worker(self.store.pack_unread, name="pack", group="pack", thread=True)


def _apply(index: SearchIndex, saved: RecordsSaved) -> None:
    for kind, record_id in saved.removed:
        index.remove(kind, record_id)
    for record in saved.records:
        index.update(record)
