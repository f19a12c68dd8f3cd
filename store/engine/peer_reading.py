"""Reading another device's files: what changed there since this device last merged them.

Each device keeps, for every other device, a *frontier*: which of that device's snapshots it
has merged (generation and the id of the journal continuing it) and how many bytes of that
journal. Reading a device again then costs only its new journal lines, unless it checkpointed
in between: when its new snapshot holds no more of its old journal than this device had
already read, only its new journal is read; otherwise its whole snapshot is merged (merging is
idempotent, so reading too much is harmless, only slower).

A file that is not complete yet -- a snapshot whose lines fail their checksums (a transfer
under way, a truncated copy), a journal shorter than what was already read of it (an older
copy) -- is left for a later look, with no notice: it is another device's file, not damage
to this database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from hallway.store.engine.journal import Scan, read_header, scan
from hallway.store.engine.peers import DeviceFiles
from hallway.store.engine.snapshot import Damaged, Snapshot, parse_snapshot
from hallway.store.errors import NewerSchema

SYNC_PREFIX = "_sync_"
IDENTITY = "_database"  # which database this is, and since when (see replica.identity_rank)
SELF = "_device"  # the device that writes the files: {"id", "name", "tag"}
META_LINE_START = b'{"_meta":'
Doc = dict[str, Any]
Version = tuple[str, str, Doc | None, Doc | None]  # table, document id, document, sync entry


def sync_table(table: str) -> str:
    """The table holding the sync entries of ``table``'s documents."""
    return SYNC_PREFIX + table


@dataclass(frozen=True)
class Frontier:
    """How much of one device's files this device has merged."""

    device_id: str
    generation: int
    journal_id: str
    offset: int  # bytes of that journal read (its size then)
    snapshot_size: int = 0

    def to_doc(self) -> Doc:
        """As stored in this device's ``_devices`` table."""
        return {
            "device_id": self.device_id,
            "generation": self.generation,
            "journal_id": self.journal_id,
            "offset": self.offset,
            "snapshot_size": self.snapshot_size,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Frontier | None:
        """From the stored form (``None`` if it is not one)."""
        try:
            return cls(
                str(doc["device_id"]),
                int(doc["generation"]),
                str(doc["journal_id"]),
                int(doc["offset"]),
                int(doc.get("snapshot_size", 0)),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class PeerChanges:
    """What one read of another device's files found."""

    device_id: str
    frontier: Frontier
    versions: list[Version] = field(default_factory=list)
    identity: Doc | None = None  # the device's latest IDENTITY document, if it read one
    about: Doc | None = None  # the device's SELF document, if it read one


def read_peer(
    files: DeviceFiles, known: Frontier | None, tables: tuple[str, ...]
) -> PeerChanges | None:
    """The versions another device wrote since ``known`` (``None``: never read), or ``None``
    when its files are not there or not complete yet (try again later)."""
    try:
        raw = files.snapshot.read_bytes()
    except FileNotFoundError:
        return None
    try:
        # Only a file whose every checksum matches: the sync tool may still be writing it
        # (a copy cut short inside a string can still be valid JSON).
        snap = parse_snapshot(raw, files.snapshot, checked=True)
    except (Damaged, NewerSchema):
        return None
    device_id = snap.device_id
    if not device_id:
        return None  # a file from before devices were known: merged as a conflict copy
    if known is not None and known.device_id != device_id:
        known = None  # another device writes this file now: read it whole
    # A snapshot older than the one merged last (a late copy, or the device's files deleted
    # and begun again at generation 1) is merged whole: never ignored, since the second
    # case holds new saves; merging is idempotent, so a late copy costs only time.
    try:
        journal_raw = files.journal.read_bytes()
    except FileNotFoundError:
        journal_raw = b""
    header, header_end = read_header(journal_raw)
    continues = header is not None and header.journal_id == snap.journal_id
    changes = PeerChanges(
        device_id, Frontier(device_id, snap.generation, snap.journal_id, 0, len(raw))
    )
    same_snapshot = known is not None and known.generation == snap.generation
    journal: Scan | None = None
    if same_snapshot and known is not None and continues and known.offset > 0:
        if len(journal_raw) < known.offset:
            return None  # an older copy of the journal than one already read
        # Only the lines after those read already (a poll must not decode the whole
        # journal again: its first line may hold a merge of thousands of records).
        journal = scan(journal_raw, max(known.offset, header_end), with_header=False)
        journal.header, journal.header_end = header, header_end
        if journal.end < known.offset:
            return None  # an older copy (shorter, or cut short before the lines read)
        start = known.offset
    elif (
        known is not None
        and snap.folded is not None
        and snap.folded.journal_id == known.journal_id
        and snap.folded.size <= known.offset
    ):
        start = 0  # everything the new snapshot folded was read already
    else:
        changes.versions.extend(snapshot_versions(snap, tables))
        start = 0
    if journal is None:
        journal = scan(journal_raw) if journal_raw else Scan()
    changes.identity = snap.tables.table(IDENTITY).get("1")
    changes.about = snap.tables.table(SELF).get("1")
    if continues:
        changes.versions.extend(journal_versions(journal, start, tables))
        changes.identity = _journal_doc(journal, IDENTITY) or changes.identity
        changes.about = _journal_doc(journal, SELF) or changes.about
        changes.frontier = Frontier(
            device_id, snap.generation, snap.journal_id, max(journal.end, start), len(raw)
        )
    return changes


def snapshot_versions(snap: Snapshot, tables: tuple[str, ...]) -> list[Version]:
    versions: list[Version] = []
    for table in tables:
        docs = snap.tables.table(table)
        syncs = snap.tables.table(sync_table(table))
        for doc_id in docs.keys() | syncs.keys():
            versions.append((table, doc_id, docs.get(doc_id), syncs.get(doc_id)))
    return versions


def journal_versions(journal: Scan, start: int, tables: tuple[str, ...]) -> list[Version]:
    versions: list[Version] = []
    for (_generation, line), end in zip(journal.entries, journal.ends, strict=True):
        if end <= start:
            continue
        docs: dict[tuple[str, str], Doc | None] = {}
        syncs: dict[tuple[str, str], Doc | None] = {}
        for table, doc_id, doc in line:
            if table.startswith(SYNC_PREFIX):
                syncs[(table.removeprefix(SYNC_PREFIX), doc_id)] = doc
            elif table in tables:
                docs[(table, doc_id)] = doc
        for key in docs.keys() | syncs.keys():
            versions.append((key[0], key[1], docs.get(key), syncs.get(key)))
    return versions


def _journal_doc(journal: Scan, table_name: str) -> Doc | None:
    """The last document "1" a journal wrote to a bookkeeping table (IDENTITY, SELF: rare
    lines, a first save, an import)."""
    found = None
    for _generation, line in journal.entries:
        for table, doc_id, doc in line:
            if table == table_name and doc_id == "1":
                found = doc
    return found


def file_signature(files: DeviceFiles) -> tuple[int, ...] | None:
    """What tells one state of a device's two files from another (None if absent): a poll
    compares it with the last one before reading anything."""
    try:
        snapshot = os.stat(files.snapshot)
    except FileNotFoundError:
        return None
    parts = [snapshot.st_ino, snapshot.st_size, snapshot.st_mtime_ns]
    try:
        journal = os.stat(files.journal)
    except FileNotFoundError:
        return tuple(parts)
    return (*parts, journal.st_ino, journal.st_size, journal.st_mtime_ns)


def snapshot_device(path: Path) -> str | None:
    """The device named in a snapshot's meta: ``None`` without a file, ``""`` for a file from
    before devices were known (or that is not in Hallway's layout). Reads the first line only."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 16)
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError:
        return ""
    if not first.startswith(META_LINE_START):
        return ""
    # The meta line is '{"_meta":{"1":{...}},' (or '...}}}' when the file has no table).
    body = first[len(META_LINE_START) :].rstrip(b"\n").removesuffix(b",")
    meta = None
    for candidate in (body, body[:-1]):
        try:
            meta = orjson.loads(candidate)
            break
        except orjson.JSONDecodeError:
            continue
    found = meta.get("1", {}).get("device_id", "") if isinstance(meta, dict) else ""
    return found if isinstance(found, str) else ""
