"""The database's tables in memory, each parsed from its snapshot bytes only on first use,
and a big table only in the part that is used.

Opening a database of 10,000 people used to parse every table (~40 ms for a 5 MB snapshot,
plus the cost of freeing ~150,000 objects at exit), although ``hallway capture`` only needs
the events. A :class:`TableSet` keeps each table's snapshot bytes as they are until someone
reads that table. A table may also be *grouped* by one field (the encounters by their
event): the snapshot then holds its documents group by group and records where each group's
bytes lie (see :mod:`.snapshot`), so reading one group -- the live event's people -- parses
only those bytes. Each unparsed part is a :class:`Segment`.

Changes to a table with parts still held as bytes (journal replay, a new capture) are
applied to the parsed documents at once and also kept in a per-table *pending* list, which
wins over the bytes of a part parsed later.

It also hands out document ids: each table has a *next id* above every id it has ever held
(so a removed record's id is never reused, and nothing needs parsing to pick a new id).
"""

from __future__ import annotations

import gc
import threading
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import orjson

from hallway.store.errors import DatabaseDamaged
from hallway.store.i18n import _

META = "_meta"
ANY = ""  # the key of a segment that may hold documents of any group (a table not grouped)

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


def group_key(value: Any) -> str:
    """The key of the group a field value belongs to: its JSON text, numbers by value (so
    that values Python finds equal, 5 and 5.0 or 1 and true, share a group)."""
    if isinstance(value, bool | int | float) and float(value).is_integer():
        return str(int(value))
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


NO_HIGHER = 1 << 63  # a segment's highest id when its writer did not say


class Segment:
    """Documents of one table still held as snapshot bytes: the whole table (``braced``:
    ``{"1":{...},...}``) or one group's part of it (``"1":{...},"7":{...}``, no braces).

    ``key`` is the :func:`group_key` of the ``field`` every document in it shares
    (:data:`ANY`: no promise), and every document id in it lies in ``[low, high]`` (the
    writer said so).
    Segments compare by identity: each is one piece of one file.

    Once the app has settled, the bytes it has not needed are packed (:meth:`pack`,
    zlib): most of a big database is past events nobody opens in a session, and their
    bytes then take a quarter of the memory. Reading a packed segment unpacks a copy.
    """

    __slots__ = ("_held", "braced", "field", "high", "key", "low")

    def __init__(
        self,
        view: Buffer,
        key: str = ANY,
        low: int = 0,
        high: int = NO_HIGHER,
        *,
        braced: bool = False,
        field: str | None = None,  # the field ``key`` is the group of (None with ANY)
    ) -> None:
        # The bytes and whether they are packed, replaced together (one attribute: a
        # reader on another thread sees the pair before or after packing, never half).
        self._held: tuple[Buffer, bool] = (view, False)
        self.key, self.low, self.high = key, low, high
        self.braced, self.field = braced, field

    @property
    def view(self) -> Buffer:
        """The segment's bytes (unpacked: a copy when packed)."""
        held, packed = self._held
        return zlib.decompress(held) if packed else held

    def json(self) -> Buffer:
        """A JSON object of the segment's documents."""
        view = self.view
        return view if self.braced else b"{" + view + b"}"

    def inner(self) -> Buffer:
        """The documents' bytes without the braces ("" for none)."""
        view = self.view
        return memoryview(view)[1:-1] if self.braced else view

    def may_hold(self, doc_id: int) -> bool:
        """Whether the document ``doc_id`` may be in this segment."""
        return self.low <= doc_id <= self.high

    def pack(self) -> int:
        """Keep the bytes compressed from now on (any thread; zlib lets the others run
        meanwhile); how many bytes of memory that saved (0 when not worth it)."""
        held, packed = self._held
        if packed:
            return 0
        try:
            small = zlib.compress(held, 1) if len(held) >= PACK_FROM else b""
        except MemoryError:  # only a saving: the bytes stay as they are
            return 0
        if small and len(small) < len(held):
            self._held = (small, True)
            return len(held) - len(small)
        if isinstance(held, memoryview):
            # A view keeps the whole file it was read from in memory: keep a copy instead.
            self._held = (bytes(held), False)
        return 0


# Segments smaller than this are not compressed (it would save little).
PACK_FROM = 4096


class TableSet:
    """Named tables of documents, parsed lazily, with their next ids.

    ``parsed`` are tables already parsed; ``raw`` maps a table name to its JSON bytes
    (checked sound by whoever read them), ``segments`` to its parts (a grouped table);
    ``next_ids`` are the recorded next ids. A recorded next id is trusted only for a table
    still held as bytes, whose writer computed it from that very table; for parsed tables
    (maybe edited by hand) it is a lower bound, and the table's own largest id is looked
    at too. ``groups`` names, per table, the field its documents are grouped by when it is
    written (set by the storage; a table not named there is written in one piece).
    """

    def __init__(
        self,
        parsed: Tables | None = None,
        raw: Mapping[str, Buffer] | None = None,
        next_ids: dict[str, int] | None = None,
        *,
        segments: Mapping[str, list[Segment]] | None = None,
        groups: Mapping[str, str] | None = None,
    ) -> None:
        self._data: Tables = parsed if parsed is not None else {}
        recorded = next_ids or {}
        self._raw: dict[str, list[Segment]] = {}
        for name, view in (raw or {}).items():
            if name not in self._data:
                high = recorded[name] - 1 if name in recorded else NO_HIGHER
                self._raw[name] = [Segment(view, high=high, braced=True)]
        for name, parts in (segments or {}).items():
            if parts:  # (beside documents of the same table parsed already, in a copy)
                self._raw[name] = list(parts)
        self.groups: dict[str, str] = dict(groups or {})
        self._pending: dict[str, dict[str, Doc | None]] = {}
        self._started: set[str] = set()  # tables with bytes of which some part was parsed
        self._parse_lock = threading.Lock()  # a worker thread may read while the UI does
        self._next: dict[str, int] = {n: recorded[n] for n in self._raw if n in recorded}
        self._floor: dict[str, int] = {n: v for n, v in recorded.items() if n not in self._next}

    # -- reading ---------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Every table name, parsed or not (sorted)."""
        return sorted(self._data.keys() | self._raw.keys())

    def unparsed(self) -> list[str]:
        """Names of the tables still held as snapshot bytes, no part of them parsed yet
        (sorted)."""
        return sorted(name for name in self._raw if name not in self._started)

    def held(self, name: str) -> list[str]:
        """The group keys (see :func:`group_key`; :data:`ANY` for a whole table) of the
        parts of ``name`` still held as bytes, sorted."""
        return sorted(segment.key for segment in self._raw.get(name, ()))

    def table(self, name: str) -> dict[str, Doc]:
        """One table's documents by id (the live dict; a new empty one if it does not
        exist), parsing it first if needed."""
        for segment in list(self._raw.get(name, ())):
            self._parse(name, segment)  # (returns at once for a part parsed meanwhile)
        return self._data.get(name, {})

    def get(self, name: str, doc_id: str) -> Doc | None:
        """One document, or ``None``; parses only the parts that may hold it (none for an
        id above every id in them: a new one)."""
        docs = self._data.get(name)
        if docs is not None and doc_id in docs:
            return docs[doc_id]
        pending = self._pending.get(name)
        if pending is not None and doc_id in pending:
            return pending[doc_id]
        parts = self._raw.get(name)
        if not parts:
            return None
        number = int(doc_id)
        for segment in [s for s in parts if s.may_hold(number)]:
            self._parse(name, segment)
        return self._data.get(name, {}).get(doc_id)

    def where(self, name: str, field: str, value: Any) -> dict[str, Doc]:
        """The documents whose ``field`` is ``value`` (a new dict), parsing only the parts
        that may hold them when the table is grouped by ``field``."""
        parts = self._raw.get(name)
        if parts:
            key = group_key(value) if self._grouped_by(name) == field else None
            for segment in list(parts):
                if key is None or segment.key in (key, ANY):
                    self._parse(name, segment)
        return {k: d for k, d in self._data.get(name, {}).items() if d.get(field) == value}

    def batches(self, name: str) -> Iterator[dict[str, Doc]]:
        """Every document of a table, a part at a time: the parsed ones, then each part
        still held as bytes, parsed for this walk and not kept (a reader going over
        everything once, such as an index build on a frozen copy, never holds the whole
        table). The documents are not copies: do not change them."""
        with self._parse_lock:
            parts = list(self._raw.get(name, ()))
            docs = dict(self._data.get(name, {}))
            pending = dict(self._pending.get(name, {}))
        if docs:
            yield docs
        for segment in parts:
            found = self._load(name, segment)
            for doc_id in found.keys() & pending.keys():
                del found[doc_id]  # its newer version (or its removal) was in docs
            if found:
                yield found

    def pack(self) -> int:
        """Compress the bytes of every part not parsed yet (see :meth:`Segment.pack`); how
        many bytes of memory that saved. Safe beside readers on other threads."""
        with self._parse_lock:
            segments = [segment for parts in self._raw.values() for segment in parts]
        return sum(segment.pack() for segment in segments)

    def all(self) -> Tables:
        """Every table, parsed (the live dict of tables, which the caller may change)."""
        for name in list(self._raw):
            self.table(name)
        # Whoever changes these dicts directly bypasses put(), so next ids can no longer
        # be trusted to lie above every id: keep them as lower bounds only.
        self._demote_next_ids()
        return self._data

    def _grouped_by(self, name: str) -> str | None:
        """The field the parts held as bytes are grouped by (``None``: not grouped)."""
        fields = {segment.field for segment in self._raw.get(name, ())}
        return fields.pop() if len(fields) == 1 else None

    def _load(self, name: str, segment: Segment) -> dict[str, Doc]:
        """One segment's documents, parsed and checked (nothing is changed here)."""
        try:
            docs = loads_without_gc(segment.json())
        except orjson.JSONDecodeError:
            docs = None
        problem = table_problem(name, docs)
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
        assert isinstance(docs, dict)
        return docs

    def _parse(self, name: str, segment: Segment) -> None:
        with self._parse_lock:
            parts = self._raw.get(name)
            if not parts or segment not in parts:
                return  # another thread parsed it meanwhile
            docs = self._load(name, segment)
            if not self._kept_promise(name, segment, docs):
                # The file's record of its parts does not match them (edited by hand?):
                # read the whole table, so that no question is answered from a wrong map.
                for other in parts:
                    if other is not segment:
                        docs.update(self._load(name, other))
                parts[:] = [segment]
            pending = self._pending.get(name, {})
            for doc_id, doc in pending.items():
                if doc_id in docs:
                    _set(docs, doc_id, doc)
            # The documents already here (changes, parts parsed before) are newer or others.
            parsed = self._data.get(name)
            if not parsed:
                self._data[name] = docs
            elif len(parsed) <= len(docs):  # keeps the bytes' order, new documents last
                docs.update(parsed)
                self._data[name] = docs
            else:  # a small part of a big table: no copy of the big one
                for doc_id, doc in docs.items():
                    parsed.setdefault(doc_id, doc)
            self._started.add(name)
            parts.remove(segment)  # last: a reader never sees documents in neither place
            if not parts:
                del self._raw[name]
                self._pending.pop(name, None)

    def _kept_promise(self, name: str, segment: Segment, docs: dict[str, Doc]) -> bool:
        """Whether a segment's documents are the ones its record promised (ids in range,
        one group)."""
        if any(not segment.may_hold(int(doc_id)) for doc_id in docs):
            return False
        field = segment.field
        if segment.key == ANY or field is None:
            return True
        value = orjson.loads(segment.key)
        # (Equal values share a key, so the key is worked out only for a value that is not
        # equal: on a sound file, never; 1,000 keys cost more than the part's parse.)
        return all(
            doc.get(field) == value or group_key(doc.get(field)) == segment.key
            for doc in docs.values()
        )

    # -- changing --------------------------------------------------------------------------

    def put(self, name: str, doc_id: str, doc: Doc | None) -> None:
        """Set one document (``None`` removes it)."""
        self._raise_next(name, doc_id)
        with self._parse_lock:  # so a parse in another thread cannot miss this change
            if name in self._raw:
                self._pending.setdefault(name, {})[doc_id] = doc
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
        self._started.clear()
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

    def frozen_copy(self, names: Iterable[str] | None = None) -> TableSet:
        """An independent copy (of the tables ``names``, default all) for reading or for
        encoding a snapshot on another thread: bytes are shared (they never change), dicts
        of documents are copied at the top level (documents are replaced on save, never
        changed in place), so this set may go on changing."""
        with self._parse_lock:
            wanted = set(self.names() if names is None else names)
            copy = TableSet(
                {name: dict(docs) for name, docs in self._data.items() if name in wanted},
                segments={name: parts for name, parts in self._raw.items() if name in wanted},
                groups=self.groups,
            )
            copy._pending = {
                name: dict(docs) for name, docs in self._pending.items() if name in wanted
            }
            copy._started = self._started & wanted
            copy._next, copy._floor = dict(self._next), dict(self._floor)
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

    def encoded(self, pause: Pause | None = None) -> list[EncodedTable]:
        """Every table as JSON bytes in pieces, for a snapshot: parts never parsed keep
        their bytes as they are (no parse, no encode, no copy), the pieces are written one
        after the other, never joined into one big copy, and a grouped table's groups are
        written one after the other (see :class:`EncodedTable`). ``pause`` is called
        every few hundred documents (see :data:`Pause`).
        Raises ``TypeError`` for unstorable values."""
        names = sorted((self._data.keys() | self._raw.keys() | self._floor.keys()) - {META})
        return [self._encode(name, pause) for name in names]

    def _encode(self, name: str, pause: Pause | None = None) -> EncodedTable:
        next_id = self.peek_id(name)  # (a table with no recorded next id is parsed here)
        field = self.groups.get(name)
        changed = sorted(int(doc_id) for doc_id in self._pending.get(name, {}))
        for segment in list(self._raw.get(name, ())):
            # Bytes that may hold an older version of a changed document, or that are not
            # grouped as the table is to be written, are parsed first.
            regroup = field is not None and segment.field != field
            if regroup or _any_within(changed, segment.low, segment.high):
                self._parse(name, segment)
        kept = {segment.key: segment for segment in self._raw.get(name, ())}
        fresh: dict[str, dict[str, Doc]] = {}
        for count, (doc_id, doc) in enumerate(self._data.get(name, {}).items(), 1):
            key = group_key(doc.get(field)) if field is not None else ANY
            fresh.setdefault(key, {})[doc_id] = doc
            if pause is not None and count % ENCODE_CHUNK == 0:
                pause()
        pieces: list[Buffer] = [b"{"]
        parts: list[Part] = []
        offset = 1
        for key in sorted(kept.keys() | fresh.keys()):
            inner: list[Buffer] = []
            ids: list[int] = []
            held = kept.get(key)
            held_bytes = held.inner() if held is not None else b""
            if held is not None and len(held_bytes):
                inner.append(held_bytes)
                ids += (held.low, held.high)
            docs = fresh.get(key)
            if docs:
                ids += map(int, docs)
                inner += encode_docs(docs, first=not inner, pause=pause)
            if not inner:
                continue
            if parts:
                pieces.append(b",")
                offset += 1
            size = sum(len(piece) for piece in inner)
            pieces += inner
            parts.append(Part(key, offset, size, min(ids), max(ids)))
            offset += size
        pieces.append(b"}")
        return EncodedTable(name, next_id, pieces, field, parts if field is not None else None)


@dataclass
class Part:
    """Where one group's documents lie in an encoded table (offsets from its first byte)."""

    key: str
    offset: int
    size: int
    low: int
    high: int


@dataclass
class EncodedTable:
    """One table encoded for a snapshot: its next id, its JSON bytes in pieces, and, when it
    is grouped by ``field``, where each group's documents lie."""

    name: str
    next_id: int
    pieces: list[Buffer]
    field: str | None = None
    parts: list[Part] | None = None


ENCODE_CHUNK = 250  # documents per orjson call (see encode_docs): well under a millisecond

Pause = Callable[[], None]
"""Called between chunks of a long encode on a background thread, to let a save on another
thread go first (see :meth:`~.storage.DurableStorage.transaction`)."""


def encode_docs(
    docs: dict[str, Doc], *, first: bool = True, pause: Pause | None = None
) -> list[Buffer]:
    """Documents as the inside of a JSON object (``"1":{...},"2":{...}``) in pieces, encoded
    a few thousand at a time: orjson holds the GIL for a whole call, so a checkpoint on a
    background thread this way never keeps the thread that saves waiting for more than a
    few milliseconds. (Chunks are taken from the dict as it is iterated, so no list of
    every document is built: a big list would wake the cyclic garbage collector, which
    would walk the whole heap holding the GIL.) With ``first`` false the pieces begin with
    a comma, to follow other documents; ``pause`` is called before each chunk."""
    pieces: list[Buffer] = []
    items = iter(docs.items())
    while chunk := dict(islice(items, ENCODE_CHUNK)):
        if pause is not None:
            pause()
        if pieces or not first:
            pieces.append(b",")
        pieces.append(orjson.dumps(chunk)[1:-1])
    return pieces


def _any_within(numbers: list[int], low: int, high: int) -> bool:
    """Whether any of the sorted ``numbers`` lies in ``[low, high]``."""
    at = bisect_left(numbers, low)
    return at < len(numbers) and numbers[at] <= high


def _set(table: dict[str, Doc], doc_id: str, doc: Doc | None) -> None:
    if doc is None:
        table.pop(doc_id, None)
    else:
        table[doc_id] = doc
