"""Slow reads off the UI thread: a frozen copy of the store for workers; a settled heap.

Workers must not iterate the live store while the UI thread saves into it (a dict that
changes size mid-iteration raises). :func:`freeze` copies the tables' top level on the UI
thread -- about a millisecond at ten thousand people, because stored documents are replaced
on save, never changed in place -- and the worker reads that copy through the ordinary
:class:`~store.db.Store` read API, so domain functions run on it unchanged.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from store.db import TABLES, Store
from store.storage import DurableStorage

# Below this many records a full garbage collection takes a few milliseconds anyway.
SETTLE_FROM_RECORDS = 2_000


class _FrozenTables:
    """Just enough of DurableStorage for Store's read methods."""

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        self._tables = tables
        self.reloads = 0

    def read(self) -> dict[str, dict[str, Any]]:
        """The copied tables."""
        return self._tables

    def table(self, name: str) -> dict[str, Any]:
        """One copied table."""
        return self._tables.get(name, {})

    def get_doc(self, table: str, doc_id: str) -> dict[str, Any] | None:
        """One copied document, or ``None``."""
        return self._tables.get(table, {}).get(doc_id)


class FrozenStore(Store):
    """A read-only :class:`Store` over a copy of another store's tables."""

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        # No file, no lock: only the read API is used, so Store.__init__ is not called.
        self.storage = cast(DurableStorage, _FrozenTables(tables))
        self._depth = 0
        self._seen_reloads = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Refuse: a frozen copy is for reading."""
        raise RuntimeError("a FrozenStore is read-only")
        yield  # pragma: no cover - makes this a generator

    def close(self) -> None:
        """Nothing to close."""


def freeze(store: Store) -> FrozenStore:
    """A read-only copy of ``store`` as it is now (call on the UI thread)."""
    # table(), not read(): read() hands out the tables for changing, after which the
    # storage must recount the next ids.
    return FrozenStore({table: dict(store.storage.table(table)) for table in TABLES})


def settle_heap(store: Store) -> bool:
    """Take what is alive now (the parsed tables, the search index) out of the cyclic
    garbage collector's sight, if the store is big; True if it did.

    At ten thousand people that is ~150,000 containers which every full collection walked
    again -- 50 to 200 ms, about every third save, each time the UI was busiest -- although
    parsed JSON and the index hold no reference cycles and live as long as the app.
    Reference counting still frees them when they are replaced. Call once, after start-up.
    """
    records = sum(len(store.storage.table(table)) for table in TABLES)
    if records < SETTLE_FROM_RECORDS:
        return False
    gc.freeze()
    return True
