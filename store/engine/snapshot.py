"""The snapshot file: a plain TinyDB JSON file plus a ``_meta`` table, one table per line.

Shape (each line is one table; orjson never writes a raw newline inside a value)::

    {"_meta":{"1":{"schema":1,"database_id":"...","generation":g,
                   "journal_id":"...","folded":{"journal_id":"...","size":n},
                   "tables":[["contacts",next_id,bytes,crc], ...],
                   "groups":{"encounters":["event_id",[[5,offset,bytes,low,high], ...],crc]}}},
    "contacts":{"1":{...}},
    "encounters":{...},
    "events":{...}}

so the file stays valid JSON, readable by stock TinyDB. ``tables`` records, per table line,
its next id, the length of its JSON value and a CRC-32 of that value (seeded with the next
id, so neither can change unnoticed). Opening checks every line against it -- a cheap
check of the whole file, so a cut or garbled file is still caught at open -- and keeps each
table's bytes unparsed until the table is used (see :mod:`.tables`). ``groups`` (optional)
says, for a table written group by group (the encounters by event), which field groups it
and where each group's documents lie in the table's line -- from its byte ``offset``, for
``bytes``, with ids from ``low`` to ``high`` -- so that one group can be parsed alone. Files
without it (written before it existed, or by another tool) are read as before, and older
Hallways ignore it. Its own CRC-32 is seeded with the table's, so a description edited by
hand, or left beside other bytes, is not used (the table is then read whole). Any other file
(a stock TinyDB file, one edited by hand) is parsed and validated whole. This module also
encodes snapshots and migrates older schemas.

``journal_id`` names the journal that continues this snapshot; ``folded`` (when present) names
the previous journal and how many of its bytes this snapshot contains. Together they let
opening prove which journal lines the snapshot already holds, so none is ever thrown away on a
guess (see :mod:`.loading`). Files written before journals had ids have neither key.
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from hallway.store.engine.tables import (
    META,
    Buffer,
    Pause,
    Segment,
    Tables,
    TableSet,
    group_key,
    loads_without_gc,
    table_problem,
)
from hallway.store.errors import HallwayError, NewerSchema
from hallway.store.i18n import N_, _
from hallway.store.sync_rules import number_items

SCHEMA = 2
_META_START = b'{"_meta":'


def _give_items_ids(tables: Tables) -> Tables:
    """Schema 1 to 2: every item of a record (a note, a promise...: a dict in a list) gets an
    id, by its place in the list (1, 2, 3...), so that devices merge them one by one. The
    same old record gets the same ids on every device; new items get ids far above these."""
    for name, docs in tables.items():
        if name.startswith("_"):
            continue
        for doc in docs.values():
            for value in doc.values():
                if isinstance(value, list) and all(isinstance(item, dict) for item in value):
                    number_items(value)
    return tables


# One step per schema: MIGRATIONS[n] turns schema-n tables into schema n+1 tables.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _give_items_ids}


class Damaged(Exception):
    """A snapshot that cannot be used; ``reason`` completes "the file ..." in plain words."""

    def __init__(self, reason: str, **fields: object) -> None:
        self.template, self.fields = reason, fields
        self.reason = reason.format(**fields) if fields else reason
        super().__init__(self.reason)

    def translated(self) -> str:
        """``reason`` in the language Hallway speaks."""
        return _(self.template).format(**self.fields) if self.fields else _(self.template)


@dataclass
class Snapshot:
    """A read snapshot: its tables (without ``_meta``, maybe not parsed yet) and its meta."""

    tables: TableSet
    database_id: str
    generation: int
    schema: int
    adopted: bool = False  # a TinyDB file without Hallway's meta (it gets one on next save)
    journal_id: str = ""  # the journal that continues this snapshot ("" in older files)
    device_id: str = ""  # the device that wrote it ("" in files from before devices)
    folded: Folded | None = None  # the previous journal's bytes this snapshot holds


@dataclass(frozen=True)
class Folded:
    """How much of which journal a snapshot holds: the journal's id, its byte size then,
    and the CRC-32 of those bytes (``None`` in files written before it was recorded). Two
    copies of one database (``cp -a``, a file-sync tool) append different saves to journals
    with the same id; the checksum tells whose journal a snapshot folded."""

    journal_id: str
    size: int
    crc: int | None = None

    def holds_start_of(self, journal: bytes) -> bool:
        """Whether ``journal``'s first :attr:`size` bytes are the ones this snapshot folded."""
        if len(journal) < self.size:
            return False
        return self.crc is None or zlib.crc32(memoryview(journal)[: self.size]) == self.crc


def parse_snapshot(raw: bytes, path: Path, *, lazy: bool = True, checked: bool = False) -> Snapshot:
    """Read snapshot bytes; with ``lazy`` a file in Hallway's own layout whose lines all
    match their checksums keeps its tables unparsed. With ``checked`` only such a file is
    read: anything else is :class:`Damaged` (another device's file, where valid JSON that
    fails its checksums is a copy still arriving or cut short inside a string, never an
    edit to trust). Raises :class:`Damaged` or :class:`NewerSchema`."""
    if not raw or raw.isspace():  # not strip(): that would copy megabytes
        raise Damaged(N_("is empty"))
    found = _split_lines(raw) if lazy or checked else None
    if found is None and checked:
        raise Damaged(N_("does not match its own checksums"))
    if found is not None:
        meta, lines = found
        _refuse_newer(meta, path)
        next_ids = {name: next_id for name, next_id, _size, _crc in meta["tables"]}
        crcs = {name: crc for name, _next_id, _size, crc in meta["tables"]}
        segments = _segments(meta.get("groups"), lines, next_ids, crcs)
        whole = {name: view for name, view in lines.items() if name not in segments}
        # Written again grouped as it was (a tool that does not say otherwise keeps it).
        groups = {n: p[0].field for n, p in segments.items() if p and p[0].field is not None}
        return Snapshot(
            TableSet(raw=whole, next_ids=next_ids, segments=segments, groups=groups),
            meta["database_id"],
            meta.get("generation", 0),
            meta["schema"],
            journal_id=meta.get("journal_id", ""),
            device_id=meta.get("device_id", ""),
            folded=_folded(meta),
        )
    try:
        data = loads_without_gc(raw)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" in str(exc):
            raise Damaged(N_("is not readable text (it is not valid UTF-8)")) from None
        if "end of data" in str(exc):
            raise Damaged(N_("is cut short (the end of the file is missing)")) from None
        raise Damaged(N_("is not valid JSON")) from None
    problem = shape_problem(data)
    if problem:
        raise Damaged(
            N_("does not have the shape of a Hallway database ({problem})"), problem=problem
        )
    meta_table = data.pop(META, None)
    if meta_table is None:
        # A stock TinyDB file is read as the first data format, and brought up to date.
        return Snapshot(TableSet(data), str(uuid.uuid4()), 0, 1, adopted=True)
    meta = meta_table["1"]
    _refuse_newer(meta, path)
    # A file edited by hand may hold anything here; next ids are only lower bounds anyway.
    recorded = meta.get("tables") if _layout_ok(meta.get("tables")) else []
    next_ids = {name: next_id for name, next_id, _size, _crc in recorded}
    return Snapshot(
        TableSet(data, next_ids=next_ids),
        meta["database_id"],
        meta.get("generation", 0),
        meta["schema"],
        journal_id=meta.get("journal_id", ""),
        device_id=meta.get("device_id", ""),
        folded=_folded(meta),
    )


def _folded(meta: dict[str, Any]) -> Folded | None:
    found = meta.get("folded")
    return Folded(found["journal_id"], found["size"], found.get("crc")) if found else None


def _refuse_newer(meta: dict[str, Any], path: Path) -> None:
    if meta["schema"] > SCHEMA:
        raise NewerSchema(
            _(
                "The database at {path} was saved by a newer version of Hallway (data format "
                "{schema}; this version reads up to {newest}). It has not been changed. Please "
                "update Hallway to open it."
            ).format(path=path, schema=meta["schema"], newest=SCHEMA)
        )


def _split_lines(raw: bytes) -> tuple[dict[str, Any], dict[str, memoryview]] | None:
    """The meta and each table's JSON bytes of a file in Hallway's one-table-per-line
    layout whose every line matches its recorded length and checksum; ``None`` for any
    other file (which then gets the full parse, and its damage a precise report)."""
    if not raw.startswith(_META_START):
        return None
    first_end = raw.find(b"\n")
    if first_end < 1:
        return None
    try:
        meta_table = orjson.loads(memoryview(raw)[len(_META_START) : first_end - 1])
    except orjson.JSONDecodeError:
        return None
    if meta_problem(meta_table) or not _layout_ok(meta_table["1"].get("tables")):
        return None
    meta = meta_table["1"]
    layout = meta["tables"]
    if raw[first_end - 1 : first_end] != (b"," if layout else b"}"):
        return None
    view, pos, lines = memoryview(raw), first_end + 1, {}
    for index, (name, next_id, size, crc) in enumerate(layout):
        prefix = orjson.dumps(name) + b":"
        start = pos + len(prefix)
        stop = start + size
        ending = b"}\n" if index == len(layout) - 1 else b",\n"
        if raw[pos:start] != prefix or raw[stop : stop + 2] != ending:
            return None
        if zlib.crc32(view[start:stop], next_id) != crc or name in lines:
            return None
        lines[name] = view[start:stop]
        pos = stop + 2
    return (meta, lines) if pos == len(raw) else None


def _segments(
    groups: Any, lines: dict[str, memoryview], next_ids: dict[str, int], crcs: dict[str, int]
) -> dict[str, list[Segment]]:
    """Each grouped table's groups as segments of its line, where the meta's ``groups``
    describes them soundly and is the description written with these very bytes (else
    that table is read whole: never a guess)."""
    found: dict[str, list[Segment]] = {}
    if not isinstance(groups, dict):
        return found
    for name, entry in groups.items():
        view = lines.get(name)
        if view is None or name not in crcs or not _group_entry_ok(entry):
            continue
        field, parts, crc = entry
        if group_crc(field, parts, crcs[name]) != crc:
            continue  # changed since it was written (by hand?), or written for other bytes
        segments, expected, keys = [], 1, set()
        for value, offset, size, low, high in parts:
            end = offset + size
            key = group_key(value)
            if offset != expected or end >= len(view) or key in keys:
                break
            if view[end] != (ord("}") if end == len(view) - 1 else ord(",")):
                break
            if high >= next_ids.get(name, 0):
                break
            keys.add(key)
            segments.append(Segment(view[offset:end], key, low, high, field=field))
            expected = end + 1
        else:
            if expected == len(view) or (not parts and bytes(view) == b"{}"):
                found[name] = segments
    return found


def group_crc(field: str, parts: list[Any], table_crc: int) -> int:
    """The CRC-32 of a table's groups description, seeded with the table's own CRC: a
    description edited, or kept beside other bytes, does not match."""
    return zlib.crc32(orjson.dumps([field, parts]), table_crc)


def _group_entry_ok(entry: Any) -> bool:
    """Whether ``entry`` is ``[field, [[value, offset, size, low, high], ...], crc]``."""
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and _is_count(entry[2])
        and isinstance(entry[1], list)
        and all(
            isinstance(part, list)
            and len(part) == 5
            and all(_is_count(n) for n in part[1:])
            and part[2] > 0
            and part[3] <= part[4]
            for part in entry[1]
        )
    )


def _layout_ok(layout: Any) -> bool:
    """Whether ``layout`` is a list of ``[table name, next id, size, crc]``."""
    return isinstance(layout, list) and all(
        isinstance(item, list)
        and len(item) == 4
        and isinstance(item[0], str)
        and item[0] != META
        and all(_is_count(n) for n in item[1:])
        for item in layout
    )


def shape_problem(data: Any) -> str | None:
    """What is wrong with the shape of parsed snapshot JSON, or ``None`` if it is sound."""
    if not isinstance(data, dict):
        return f"it holds a JSON {type(data).__name__} instead of an object of tables"
    for name, table in data.items():
        problem = table_problem(name, table)
        if problem:
            return problem
    return meta_problem(data[META]) if META in data else None


def meta_problem(meta_table: Any) -> str | None:
    """What is wrong with a parsed ``_meta`` table, or ``None`` if it is complete."""
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    if not (
        isinstance(meta, dict)
        and _is_count(meta.get("schema"))
        and isinstance(meta.get("database_id"), str)
        and meta["database_id"]
        and _is_count(meta.get("generation", 0))
        and isinstance(meta.get("journal_id", ""), str)
        and isinstance(meta.get("device_id", ""), str)
        and _folded_ok(meta.get("folded"))
    ):
        return "its _meta record is incomplete"
    return None


def _folded_ok(folded: Any) -> bool:
    return folded is None or (
        isinstance(folded, dict)
        and isinstance(folded.get("journal_id"), str)
        and _is_count(folded.get("size"))
        and (folded.get("crc") is None or _is_count(folded.get("crc")))
    )


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def snapshot_pieces(
    tables: TableSet,
    database_id: str,
    generation: int,
    journal_id: str,
    folded: Folded | None = None,
    device_id: str = "",
    pause: Pause | None = None,
) -> list[Buffer]:
    """The snapshot for these tables as pieces to write one after the other (one table per
    line; tables never parsed are copied as they are); ``pause`` is called now and then
    while encoding (see :data:`~.tables.Pause`). Raises ``TypeError`` (or ``ValueError``)
    for unstorable values."""
    encoded = tables.encoded(pause)
    layout = []
    groups: dict[str, Any] = {}
    for table in encoded:
        crc = table.next_id
        for piece in table.pieces:
            crc = zlib.crc32(piece, crc)
        layout.append([table.name, table.next_id, sum(len(piece) for piece in table.pieces), crc])
        if table.field is not None and table.parts is not None:
            parts = [[orjson.loads(p.key), p.offset, p.size, p.low, p.high] for p in table.parts]
            groups[table.name] = [table.field, parts, group_crc(table.field, parts, crc)]
    meta: dict[str, Any] = {
        "schema": SCHEMA,
        "database_id": database_id,
        "generation": generation,
        "journal_id": journal_id,
    }
    if folded is not None:
        meta["folded"] = {"journal_id": folded.journal_id, "size": folded.size}
        if folded.crc is not None:
            meta["folded"]["crc"] = folded.crc
    if device_id:
        meta["device_id"] = device_id
    if groups:
        meta["groups"] = groups
    out: list[Buffer] = [_META_START + orjson.dumps({"1": {**meta, "tables": layout}})]
    for table in encoded:
        out.append(b",\n" + orjson.dumps(table.name) + b":")
        out.extend(table.pieces)
    out.append(b"}\n")
    return out


def encode_snapshot(
    tables: TableSet,
    database_id: str,
    generation: int,
    journal_id: str,
    folded: Folded | None = None,
    device_id: str = "",
) -> bytes:
    """The snapshot bytes for these tables (see :func:`snapshot_pieces`)."""
    pieces = snapshot_pieces(tables, database_id, generation, journal_id, folded, device_id)
    return b"".join(pieces)


def bring_up_to_date(tables: TableSet, schema: int) -> bool:
    """Migrate ``tables`` (saved with ``schema``) in place; True if anything had to run."""
    if schema >= SCHEMA:
        return False
    tables.replace(migrate(tables.all(), schema))
    return True


def migrate(tables: Tables, schema: int) -> Tables:
    """Bring tables saved with ``schema`` up to :data:`SCHEMA`, one step at a time."""
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise HallwayError(
                f"This version of Hallway cannot convert data format {schema} to {SCHEMA}; "
                "the database has not been changed."
            )
        tables = step(tables)
        schema += 1
    return tables
