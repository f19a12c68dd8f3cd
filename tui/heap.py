"""Keeping Python's cyclic garbage collector out of the way at ten thousand people.

Start-up parses the event's table (~100,000 dicts and lists at ten thousand people) and a
worker builds the search index (as many again). The cyclic collector walked all of them in
every full collection: ~80 ms before the first screen was drawn, ~500 ms while the index was
built, and then 50-200 ms about every third save, just when the screen was being updated --
although parsed JSON and the index hold no reference cycles and live as long as the app.

So the collector rests while the app starts and builds its index; then everything alive is
set aside (:func:`gc.freeze`: reference counting still frees it when it is replaced, the
collector just stops re-walking it) and the collector resumes for what the app makes later.
The rest begins when the process does (:func:`pause_from_start`, called by the entry points
before they import anything): importing the app makes tens of thousands of objects too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Below this many records a full collection takes a few milliseconds: nothing to set aside.
SETTLE_FROM_RECORDS = 2_000

# Whether the collector was paused when the process started, and nobody took that pause over.
_paused_at_start = False


def pause_from_start() -> None:
    """Rest the collector from the start of the process: the app's :class:`StartupHeap`
    takes the pause over when it mounts; any other command ends it with
    :func:`resume_from_start` once its arguments are read."""
    global _paused_at_start
    if gc.isenabled():
        gc.disable()
        _paused_at_start = True


def resume_from_start() -> None:
    """End the pause :func:`pause_from_start` began (if it did and nobody took it over)."""
    global _paused_at_start
    if _paused_at_start:
        _paused_at_start = False
        gc.enable()


def _take_over_start_pause() -> bool:
    """Whether the process started with the collector paused; the caller now owns that pause."""
    global _paused_at_start
    taken, _paused_at_start = _paused_at_start, False
    return taken


class StartupHeap:
    """Pauses the collector from :meth:`pause` until :meth:`settle` (or :meth:`resume`)."""

    def __init__(self) -> None:
        self._enable_after: bool | None = None  # None: not paused
        self.settled = False

    def pause(self) -> None:
        """Stop cyclic collections until the start-up heap is settled."""
        if self._enable_after is None and not self.settled:
            self._enable_after = gc.isenabled() or _take_over_start_pause()
            gc.disable()

    def settle(self, records: int) -> None:
        """Set the start-up heap aside (if the store is big: ``records`` says how many it
        holds, about) and let the collector resume."""
        if self.settled:
            return
        self.settled = True
        if records >= SETTLE_FROM_RECORDS:
            gc.freeze()
        self.resume()

    def resume(self) -> None:
        """Let the collector run again (the app is closing, or the heap is settled)."""
        enable, self._enable_after = self._enable_after, None
        if enable:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collections while building a large structure without cycles (any thread:
    whichever pause began first, while the collector was on, turns it back on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
