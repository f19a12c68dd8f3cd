"""Conflict copies a sync tool made of this database's files: read, merged, set aside.

A device only ever writes files of its own, so a sync tool has no reason to make conflict
copies of them; they still appear when an older Hallway wrote the folder from two devices, or
when someone copied files by hand. Each one is read whole and merged:

* a copy written by a Hallway that stamps its changes (its snapshot names a device, its
  journal lines carry sync entries) merges exactly like another device's files;
* a copy from before (no stamps: the same counter ids on two devices may mean two people) is
  matched record by record: the same record (same id, or another id with the same
  :data:`~hallway.store.sync_rules.SAME_RECORD` fields) takes everything the copy adds --
  set elements, notes and promises (matched by content), fields this database's version
  lacks -- and keeps its own values where both have one, the copy's going into the record's
  history; a record only in the copy comes in, under a fresh id if its id is taken here by
  someone else (its references follow it); a record removed here stays removed.

Then the copy is moved into the ``conflicts`` folder beside the database (kept: nothing is
thrown away) and the person is told. A copy that cannot be read is moved there too, unmerged,
and the notice says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallway.store.engine.journal import scan
from hallway.store.engine.peer_reading import (
    Version,
    journal_versions,
    snapshot_versions,
    sync_table,
)
from hallway.store.engine.snapshot import Damaged, parse_snapshot
from hallway.store.engine.storage import DurableStorage
from hallway.store.errors import NewerSchema
from hallway.store.files import fsync_dir, make_private_dir
from hallway.store.sync_rules import ITEMS, Kinds

CONFLICTS_DIR = "conflicts"
PAST = "0" * 15 + "1" + "0" * 4  # a stamp for "written before stamps, and known here"

Doc = dict[str, Any]


@dataclass
class CopyContents:
    """What one conflict copy holds."""

    versions: list[Version] = field(default_factory=list)
    legacy: bool = False  # written before changes were stamped
    unreadable: str = ""  # why it could not be read ("" when it could)


def read_copy(path: Path, original: str, tables: tuple[str, ...]) -> CopyContents | None:
    """The versions a conflict copy of ``original`` (a snapshot or journal name) holds;
    ``None`` if it vanished."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return CopyContents(unreadable=exc.strerror or str(exc))
    if original.endswith(".journal"):
        found = scan(raw)
        if found.header is None and not found.entries:
            return CopyContents(unreadable="it is not a Hallway journal")
        versions = journal_versions(found, 0)
        return CopyContents(versions, legacy=not any(v[3] for v in versions))
    try:
        snap = parse_snapshot(raw, path, lazy=False)
    except Damaged as damaged:
        return CopyContents(unreadable=f"the file {damaged.reason}")
    except NewerSchema:
        return CopyContents(unreadable="a newer Hallway wrote it")
    return CopyContents(snapshot_versions(snap, tables), legacy=not snap.device_id)


def set_aside(path: Path, home: Path) -> Path:
    """Move a conflict copy into the ``conflicts`` folder beside the database (a new name if
    one is taken there); where it is now."""
    folder = home.parent / CONFLICTS_DIR
    make_private_dir(folder)
    target = folder / path.name
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{path.stem}-{number}{path.suffix}"
    os.replace(path, target)
    fsync_dir(folder)
    fsync_dir(path.parent)
    return target


# -- merging a copy from before stamps ------------------------------------------------------


@dataclass
class LegacyMerge:
    """Merges a stampless copy's records into this device's tables (in a transaction)."""

    storage: DurableStorage
    kinds: Kinds
    same_record: Mapping[str, tuple[str, ...]]
    references: Mapping[str, Mapping[str, str]]
    new_id: Callable[[str], int]  # a fresh record id for a table
    new_item_id: Callable[[], int]
    put: Callable[[str, str, Doc | None, Doc | None], bool]  # merge a version in
    ids: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def run(self, versions: list[Version]) -> None:
        """Merge every record of the copy."""
        copied: dict[str, dict[str, Doc]] = {}
        for table, doc_id, doc, _sync in versions:
            if doc is not None and table in self.kinds:
                copied.setdefault(table, {})[doc_id] = doc
        for table in self.kinds:  # referenced tables come first (see sync_rules.SAME_RECORD)
            self._place(table, copied.get(table, {}))
        for table in self.kinds:
            for doc_id, doc in copied.get(table, {}).items():
                target = self.ids[(table, doc_id)]
                if target is not None:
                    self._merge(table, target, self._remapped(table, doc))

    def _key(self, table: str, doc: Doc) -> str:
        fields = self.same_record.get(table, ())
        return repr([doc.get(name) for name in fields])

    def _place(self, table: str, docs: dict[str, Doc]) -> None:
        """Decide where each of the copy's records goes (``None``: removed here)."""
        if not docs:
            return
        local = self.storage.table(table)
        by_key = {self._key(table, doc): doc_id for doc_id, doc in local.items()}
        removed = {
            self._key(table, entry["g"])
            for entry in self.storage.table(sync_table(table)).values()
            if "x" in entry and isinstance(entry.get("g"), dict)
        }
        for doc_id, doc in docs.items():
            key = self._key(table, self._remapped(table, doc))
            here = local.get(doc_id)
            target: str | None
            if here is not None and self._key(table, here) == key:
                target = doc_id
            elif key in by_key:
                target = by_key[key]
            elif key in removed:
                target = None
            elif here is None and self.storage.get_doc(sync_table(table), doc_id) is None:
                target = doc_id
            else:
                target = str(self.new_id(table))
            self.ids[(table, doc_id)] = target
            if target is not None:
                by_key.setdefault(key, target)

    def _remapped(self, table: str, doc: Doc) -> Doc:
        """``doc`` with its references pointing at where the copy's records went."""
        out = dict(doc)
        for name, other in self.references.get(table, {}).items():
            value = doc.get(name)
            if isinstance(value, list):
                mapped = [self._target(other, v) for v in value]
                out[name] = [v for v in mapped if v is not None]
            elif isinstance(value, int) and not isinstance(value, bool):
                found = self._target(other, value)
                out[name] = value if found is None else found
        return out

    def _target(self, table: str, value: Any) -> int | None:
        if (table, str(value)) not in self.ids:
            return value if isinstance(value, int) else None  # not in the copy: as it is
        target = self.ids[(table, str(value))]
        return None if target is None else int(target)

    def _merge(self, table: str, doc_id: str, doc: Doc) -> None:
        kinds = self.kinds[table]
        here = self.storage.get_doc(table, doc_id)
        sync = self.storage.get_doc(sync_table(table), doc_id)
        if here is not None:
            doc = self._items_matched(kinds, here, doc)
            if sync is None:
                # This database's version was also written before stamps: it is the one
                # kept where both have a value (the copy's goes into the history).
                self.storage.put_doc(sync_table(table), doc_id, {"c": PAST})
        else:
            doc = self._items_matched(kinds, {}, doc)
        self.put(table, doc_id, doc, None)

    def _items_matched(self, kinds: Mapping[str, str], here: Doc, doc: Doc) -> Doc:
        """The copy's items under the ids of the same items here (same content), fresh ids
        for the others."""
        out = dict(doc)
        for name, kind in kinds.items():
            items = doc.get(name)
            if kind != ITEMS or not isinstance(items, list):
                continue
            known: dict[str, Any] = {}
            for item in here.get(name) or []:
                if isinstance(item, dict):
                    known.setdefault(_content(item), item.get("id"))
            out[name] = [
                {**item, "id": known.get(_content(item)) or self.new_item_id()}
                if isinstance(item, dict)
                else item
                for item in items
            ]
        return out


def _content(item: Doc) -> str:
    return repr(sorted((k, repr(v)) for k, v in item.items() if k != "id"))
