"""Slow reads off the UI thread: a frozen copy of the store for workers.

Workers must not iterate the live store while the UI thread saves into it (a dict that
changes size mid-iteration raises). :func:`freeze` copies the tables' top level on the UI
thread -- about a millisecond at ten thousand people, because stored documents are replaced
on save, never changed in place -- and the worker reads that copy through the ordinary
:class:`~store.db.Store` read API, so domain functions run on it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from store.db import TABLES, Store
from store.storage import DurableStorage


class _FrozenTables:
    """Just enough of DurableStorage for Store's read methods."""

    def __init__(self, tables: dict[str, dict[str, Any]], database_id: str = "") -> None:
        self._tables = tables
        self.reloads = 0
        self.database_id = database_id  # exports derive stable UIDs from it

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

    def __init__(self, tables: dict[str, dict[str, Any]], database_id: str = "") -> None:
        # No file, no lock: only the read API is used, so Store.__init__ is not called.
        self.storage = cast(DurableStorage, _FrozenTables(tables, database_id))
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
    tables = {table: dict(store.storage.table(table)) for table in TABLES}
    return FrozenStore(tables, store.database_id)
