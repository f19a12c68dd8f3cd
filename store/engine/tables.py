"""The database's tables in memory, each parsed from its snapshot bytes only on first use.

Opening a database of 10,000 people used to parse every table (~40 ms for a 5 MB snapshot,
plus the cost of freeing ~150,000 objects at exit), although ``hallway capture`` only needs
the events. A :class:`TableSet` keeps each table's snapshot bytes as they are until someone
reads that table. Changes to a table still held as bytes (journal replay, a new capture)
wait in a per-table *pending* list and are applied when the table is parsed.

It also hands out document ids: each table has a *next id* above every id it has ever held
(so a removed record's id is never reused, and nothing needs parsing to pick a new id).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Mapping
from itertools import islice
from typing import Any

import orjson

from hallway.store.errors import DatabaseDamaged
from hallway.store.i18n import _

META = "_meta"

Doc = dict[str, Any]
Tables = dict[str, dict[str, Any]]
Change = tuple[str, str, Doc | None]
Buffer = bytes | memoryview


def loads_without_gc(raw: Buffer) -> Any:
    """orjson.loads with the cyclic garbage collector paused: parsing 10,000 people makes
    ~100,000 dicts, which would trigger many collections (a third of the parse time),
    and parsed JSON holds no reference cycles for them to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    finally:
        if was_enabled:
            gc.enable()


def is_doc_id(value: object) -> bool:
    """Whether ``value`` is a TinyDB document id as stored in JSON (a decimal string)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def table_problem(name: str, table: Any) -> str | None:
    """What is wrong with one parsed table, or ``None`` if it is an object of records."""
    if not isinstance(table, dict):
        return f'the table "{name}" is not an object of records'
    # Whole-table checks run at C speed (opening 10,000 people stays quick); the slow
    # per-record loop only runs to name the culprit.
    ids = "".join(table)
    ids_ok = "" not in table and (not ids or (ids.isascii() and ids.isdigit()))
    if ids_ok and set(map(type, table.values())) <= {dict}:
        return None
    for key, doc in table.items():
        if not is_doc_id(key):
            return f'the table "{name}" has a record id "{key}" that is not a number'
        if not isinstance(doc, dict):
            return f'record {key} of the table "{name}" is not an object'
    return None


class TableSet:
    """Named tables of documents, parsed lazily, with their next ids.

    ``parsed`` are tables already parsed; ``raw`` maps a table name to its JSON bytes
    (checked sound by whoever read them); ``next_ids`` are the recorded next ids. A
    recorded next id is trusted only for a table still held as bytes, whose writer
    computed it from that very table; for parsed tables (maybe edited by hand) it is a
    lower bound, and the table's own largest id is looked at too.
    """

    def __init__(
        self,
        parsed: Tables | None = None,
        raw: Mapping[str, Buffer] | None = None,
        next_ids: dict[str, int] | None = None,
    ) -> None:
        self._data: Tables = parsed if parsed is not None else {}
        self._raw: dict[str, Buffer] = {k: v for k, v in (raw or {}).items() if k not in self._data}
        self._pending: dict[str, dict[str, Doc | None]] = {}
        self._parse_lock = threading.Lock()  # a worker thread may read while the UI does
        recorded = next_ids or {}
        self._next: dict[str, int] = {n: recorded[n] for n in self._raw if n in recorded}
        self._floor: dict[str, int] = {n: v for n, v in recorded.items() if n not in self._next}
        # Every id in a table still held as bytes lies below this (its writer said so).
        self._raw_next: dict[str, int] = dict(self._next)

    # -- reading ---------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Every table name, parsed or not (sorted)."""
        return sorted(self._data.keys() | self._raw.keys())

    def unparsed(self) -> list[str]:
        """Names of the tables still held as snapshot bytes (sorted)."""
        return sorted(self._raw)

    def table(self, name: str) -> dict[str, Doc]:
        """One table's documents by id (the live dict; a new empty one if it does not
        exist), parsing it first if needed."""
        if name in self._raw:
            self._parse(name)
        return self._data.get(name, {})

    def get(self, name: str, doc_id: str) -> Doc | None:
        """One document, or ``None``; a pending change answers without parsing, and so does
        a table still held as bytes when the id lies above every id in them (a new one)."""
        pending = self._pending.get(name)
        if pending is not None and doc_id in pending:
            return pending[doc_id]
        if name in self._raw and name in self._raw_next and int(doc_id) >= self._raw_next[name]:
            return None
        if name not in self._raw and name not in self._data:
            return None  # no such table (yet)
        return self.table(name).get(doc_id)

    def all(self) -> Tables:
        """Every table, parsed (the live dict of tables, which the caller may change)."""
        for name in list(self._raw):
            self._parse(name)
        # Whoever changes these dicts directly bypasses put(), so next ids can no longer
        # be trusted to lie above every id: keep them as lower bounds only.
        self._demote_next_ids()
        return self._data

    def _parse(self, name: str) -> None:
        with self._parse_lock:
            raw = self._raw.get(name)
            if raw is None:
                return  # another thread parsed it meanwhile
            try:
                table = loads_without_gc(raw)
            except orjson.JSONDecodeError:
                table = None
            problem = table_problem(name, table)
            if problem:
                # The bytes passed their checksum when the file was opened, so this is a
                # vanishingly rare event; say plainly what to do rather than guess.
                raise DatabaseDamaged(
                    _(
                        "Part of Hallway's database (the {name} table) could not be read "
                        "although it looked sound when the file was opened ({problem}). Nothing "
                        "was changed; run `hallway check --repair` to restore the newest good "
                        "backup."
                    ).format(name=name, problem=problem)
                )
            for doc_id, doc in self._pending.pop(name, {}).items():
                _set(table, doc_id, doc)
            self._data[name] = table
            del self._raw[name]  # last: a reader never sees the table in neither place

    # -- changing --------------------------------------------------------------------------

    def put(self, name: str, doc_id: str, doc: Doc | None) -> None:
        """Set one document (``None`` removes it)."""
        self._raise_next(name, doc_id)
        with self._parse_lock:  # so a parse in another thread cannot miss this change
            if name in self._raw:
                self._pending.setdefault(name, {})[doc_id] = doc
                return
        if doc is not None:
            self._data.setdefault(name, {})[doc_id] = doc
        else:
            self._data.get(name, {}).pop(doc_id, None)

    def apply(self, changes: list[Change]) -> None:
        """Apply one transaction's changes (from the journal)."""
        for name, doc_id, doc in changes:
            self.put(name, doc_id, doc)

    def replace(self, tables: Tables) -> None:
        """Take ``tables`` as the whole content (ids already handed out stay used)."""
        self._demote_next_ids()
        self._raw.clear()
        self._pending.clear()
        self._data = tables

    # -- ids -------------------------------------------------------------------------------

    def take_id(self, name: str) -> int:
        """A new document id for ``name``, above every id it has ever held."""
        new_id = self.peek_id(name)
        self._next[name] = new_id + 1
        return new_id

    def peek_id(self, name: str) -> int:
        """The id :meth:`take_id` would hand out next."""
        if name not in self._next:
            largest = max(map(int, self.table(name)), default=0)
            self._next[name] = max(self._floor.pop(name, 1), largest + 1)
        return self._next[name]

    def frozen_copy(self) -> TableSet:
        """An independent copy for encoding a snapshot on another thread: bytes are shared
        (they never change), dicts of documents are copied at the top level (documents are
        replaced on save, never changed in place), so this set may go on changing."""
        with self._parse_lock:
            copy = TableSet({name: dict(docs) for name, docs in self._data.items()}, self._raw)
            copy._pending = {name: dict(docs) for name, docs in self._pending.items()}
            copy._next, copy._floor = dict(self._next), dict(self._floor)
            copy._raw_next = dict(self._raw_next)
        return copy

    def _demote_next_ids(self) -> None:
        for name, value in self._next.items():
            self._floor[name] = max(value, self._floor.get(name, 0))
        self._next.clear()

    def note_used(self, name: str, doc_id: str) -> None:
        """Count ``doc_id`` as used (a document changed through :meth:`all`'s dicts)."""
        self._raise_next(name, doc_id)

    def _raise_next(self, name: str, doc_id: str) -> None:
        after = int(doc_id) + 1
        known = self._next if name in self._next else self._floor
        if after > known.get(name, 0):
            known[name] = after

    # -- writing ---------------------------------------------------------------------------

    def encoded(self) -> list[tuple[str, int, list[Buffer]]]:
        """``(name, next id, JSON bytes in pieces)`` of every table, for a snapshot: a table
        never parsed keeps its bytes as they are (no parse, no encode, no copy), and the
        pieces are written one after the other, never joined into one big copy.
        Raises ``TypeError`` for unstorable values."""
        names = sorted((self._data.keys() | self._raw.keys() | self._floor.keys()) - {META})
        out: list[tuple[str, int, list[Buffer]]] = []
        for name in names:
            kept = self._raw_pieces(name)
            if kept is not None:
                out.append((name, self._next[name], kept))
            else:
                next_id = self.peek_id(name)
                out.append((name, next_id, encode_table(self.table(name))))
        return out

    def _raw_pieces(self, name: str) -> list[Buffer] | None:
        """A table still held as bytes, as bytes again without parsing it: as it is, or with
        new documents appended (a capture adds one person to ten thousand); ``None`` when it
        must be parsed (a document it holds was changed or removed)."""
        if name not in self._raw or name not in self._next:
            return None
        raw, pending = self._raw[name], self._pending.get(name)
        if not pending:
            return [raw]
        below = self._raw_next.get(name, 0)
        if any(int(doc_id) < below for doc_id in pending):
            return None
        added = {doc_id: doc for doc_id, doc in pending.items() if doc is not None}
        if not added:
            return [raw]
        # JSON objects: "{...}" plus ',"11":{...}}'. The ids are new, so no key repeats.
        inner = orjson.dumps(added)[1:]
        return [raw[:-1], inner] if len(raw) <= 2 else [raw[:-1], b",", inner]


ENCODE_CHUNK = 2_000  # documents per orjson call (see encode_table)


def encode_table(table: dict[str, Doc]) -> list[Buffer]:
    """One table as JSON bytes in pieces, encoded a few thousand documents at a time: orjson
    holds the GIL for a whole call, so a checkpoint on a background thread this way never
    keeps the thread that saves waiting for more than a few milliseconds. (Chunks are taken
    from the dict as it is iterated, so no list of every document is built: a big list would
    wake the cyclic garbage collector, which would walk the whole heap holding the GIL.)"""
    if len(table) <= ENCODE_CHUNK:
        return [orjson.dumps(table)]
    items = iter(table.items())
    pieces: list[Buffer] = [b"{"]
    while chunk := dict(islice(items, ENCODE_CHUNK)):
        pieces += [orjson.dumps(chunk)[1:-1], b","]
    pieces[-1] = b"}"
    return pieces


def _set(table: dict[str, Doc], doc_id: str, doc: Doc | None) -> None:
    if doc is None:
        table.pop(doc_id, None)
    else:
        table[doc_id] = doc
