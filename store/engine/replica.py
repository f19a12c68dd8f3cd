"""Keeping one database in step across devices through the user's own file sync (generic:
which field of which table is a set, an item list... comes from the domain as ``kinds``).

Every change this device saves is stamped with its hybrid clock (see
:mod:`hallway.store.engine.merge` for the stamps and the rules), into a sync entry kept beside
the document in the table ``_sync_<table>``. Other devices' files in the folder are read for
what changed since this device last merged them (:mod:`hallway.store.engine.peer_reading`),
merged document by document, and the merged versions saved into this device's own files, with
how far each device was read, in one durable save: so a crash during a merge loses nothing
and repeats nothing.

"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hallway.store import clock
from hallway.store.clock import format_time, parse_time
from hallway.store.devices import Device, DeviceSeen, new_tag, save_device
from hallway.store.engine.conflicts import CopyContents, LegacyMerge, read_copy, set_aside
from hallway.store.engine.hlc import ZERO, HybridClock, decode
from hallway.store.engine.ids import IdMaker
from hallway.store.engine.location import locate
from hallway.store.engine.merge import as_merged, latest, merge, revived, stamp_change
from hallway.store.engine.peer_reading import (
    IDENTITY,
    SELF,
    Frontier,
    PeerChanges,
    file_signature,
    read_peer,
    snapshot_device,
    sync_table,
)
from hallway.store.engine.peers import (
    DeviceFiles,
    conflict_copies,
    device_files,
    device_snapshot,
)
from hallway.store.engine.storage import DurableStorage
from hallway.store.engine.writers import WRITERS, introduce
from hallway.store.i18n import _
from hallway.store.sync_rules import ITEMS, REFERENCES, SAME_RECORD, Kinds

Doc = dict[str, Any]

DEVICES = "_devices"  # this device's frontier for every other device, by device prefix


def identity_rank(doc: Doc | None) -> tuple[int, str, str]:
    """How strongly an IDENTITY document claims the database id (greater wins).

    The database id (export UIDs derive from it) must end the same on every device: an id
    *adopted* by an import wins over any merely *created* one, the latest adoption first; of
    ids only created, the database whose first record is older wins (the one a second device
    joins); a device with no document (nothing saved yet, or from before devices) claims
    nothing. The id itself breaks a tie, so the order is total."""
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
        return (0, "", "")
    if isinstance(doc.get("adopted"), str):
        return (2, doc["adopted"], _invert(doc["id"]))
    created = doc.get("created")
    return (1, _invert(created if isinstance(created, str) else ""), _invert(doc["id"]))


def _invert(text: str) -> str:
    """A string that sorts in the opposite order of ``text`` (for hex and uuid text)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


@dataclass
class PullReport:
    """What merging other devices' files did."""

    changed: list[tuple[str, str]] = field(default_factory=list)  # (table, id) merged in
    devices: list[str] = field(default_factory=list)  # devices read
    copies: list[tuple[Path, CopyContents]] = field(default_factory=list)  # conflict copies


class Replica:
    """This device's side of the database: stamps its changes, merges the others'."""

    def __init__(
        self,
        storage: DurableStorage,
        device: Device,
        kinds: Kinds,
        home: Path,
    ) -> None:
        """``kinds`` says, per table, which fields are sets, item lists... (the tables
        merged are its keys); ``home`` is the database's path as the user names it
        (``F/hallway.json``); this device's own files may be ``F/hallway.<device>.json``."""
        self.storage = storage
        self.kinds = kinds
        self.home = home
        self.device = device
        self.tables = (*kinds, WRITERS)
        self.clock = HybridClock(device.tag)
        self.ids = IdMaker(device.tag)
        self._seen: dict[str, tuple[int, ...] | None] = {}
        self._set_aside_failed: set[Path] = set()
        self._announced = False  # this device's SELF document is up to date
        self.notices: list[str] = []

    # -- this device's changes --------------------------------------------------------------

    def put(self, table: str, doc_id: str, doc: Doc | None) -> Doc | None:
        """Save a document (``None``: remove it) with its sync entry (in a transaction);
        the document as saved (new items get their ids)."""
        old = self.storage.get_doc(table, doc_id)
        sync = self.storage.get_doc(sync_table(table), doc_id)
        if doc is not None and old is None and sync and isinstance(sync.get("g"), dict):
            doc = revived(self.kinds.get(table, {}), sync["g"], doc)  # an undo keeps it all
        if doc is not None:
            kinds = self.kinds.get(table, {})
            doc = as_merged(kinds, old, self._with_item_ids(table, doc, sync))
        if sync:
            # Later than every change the document holds, even on a clock that restarted
            # behind them (a new process on a device whose wall clock runs late).
            self.clock.observe(latest(sync))
        stamp = self.clock.now()
        entry = stamp_change(self.kinds.get(table, {}), old, sync, doc, stamp)
        self._claim_identity(stamp)
        introduce(self.storage, self.device, stamp)
        self.storage.put_doc(table, doc_id, doc)
        self.storage.put_doc(sync_table(table), doc_id, entry)
        return doc

    def stamp_all(self, data: dict[str, dict[str, Doc]], new: dict[str, dict[str, Doc]]) -> None:
        """Stamp a whole replacement (in a transaction): ``data`` is every table as it is,
        ``new`` the tables' new documents by id, given items their ids in place; the sync
        tables in ``data`` are brought up to date."""
        for table in new:
            for sync in data.get(sync_table(table), {}).values():
                self.clock.observe(latest(sync))  # later than all it replaces (see put)
        stamp = self.clock.now()
        self._claim_identity(stamp)
        introduce(self.storage, self.device, stamp)
        for table, docs in new.items():
            kinds = self.kinds.get(table, {})
            old = data.get(table, {})
            syncs = dict(data.get(sync_table(table), {}))
            for doc_id in old.keys() | docs.keys():
                if doc_id in docs:
                    with_ids = self._with_item_ids(table, docs[doc_id], syncs.get(doc_id))
                    docs[doc_id] = as_merged(kinds, old.get(doc_id), with_ids)
                entry = stamp_change(
                    kinds, old.get(doc_id), syncs.get(doc_id), docs.get(doc_id), stamp
                )
                syncs[doc_id] = entry
            if syncs:
                data[sync_table(table)] = syncs

    def _with_item_ids(self, table: str, doc: Doc, sync: Doc | None) -> Doc:
        """New items (a note just added) get an id of their own, unique across devices, and
        above every item the document's list has held (``sync`` names removed ones too): an
        id maker starts afresh in each process, so two runs of Hallway in one second would
        otherwise give two notes of one person the same id."""
        kinds = self.kinds.get(table, {})
        for name, kind in kinds.items():
            items = doc.get(name)
            if (
                kind == ITEMS
                and isinstance(items, list)
                and any(isinstance(i, dict) and not i.get("id") for i in items)
            ):
                held = [i.get("id") for i in items if isinstance(i, dict)]
                held += [int(k) for k in (sync or {}).get("i", {}).get(name, {}) if k.isdigit()]
                above = max((i for i in held if isinstance(i, int)), default=0)
                doc = {**doc, name: [self._item_with_id(i, above) for i in items]}
        return doc

    def _item_with_id(self, item: Any, above: int) -> Any:
        if isinstance(item, dict) and not item.get("id"):
            return {**item, "id": self.ids.next(above=above)}
        return item

    def _claim_identity(self, stamp: str) -> None:
        """At this device's first save, say which database it created (or joined); at the
        first save of a session, who this device is (its name may have changed)."""
        if self._announced:
            return
        if self.storage.get_doc(IDENTITY, "1") is None:
            doc = {"id": self.storage.database_id, "created": stamp}
            self.storage.put_doc(IDENTITY, "1", doc)
        about = {"id": self.device.id, "name": self.device.name, "tag": self.device.tag}
        if self.storage.get_doc(SELF, "1") != about:
            self.storage.put_doc(SELF, "1", about)
        self._announced = True

    def adopted(self, database_id: str) -> None:
        """The database took another database's id (an import), in a transaction: the
        other devices take it too."""
        self.storage.adopt_database_id(database_id)
        self.storage.put_doc(IDENTITY, "1", {"id": database_id, "adopted": self.clock.now()})

    def _settle_identity(self, claims: list[Doc]) -> None:
        """Take the strongest claim to the database id among this device's and others'."""
        mine = self.storage.get_doc(IDENTITY, "1")
        best = max([mine, *claims], key=identity_rank)
        if best is None or identity_rank(best) <= identity_rank(mine):
            return
        self.storage.put_doc(IDENTITY, "1", dict(best))
        if best["id"] != self.storage.database_id:
            self.storage.adopt_database_id(best["id"])

    def new_id(self, table: str) -> int:
        """An id for a new record of ``table`` (in a transaction)."""
        return self.ids.next(above=self.storage.largest_id(table))

    # -- other devices' changes -------------------------------------------------------------

    def peers_changed(self) -> bool:
        """Whether any other device's files changed, or a conflict copy appeared, since the
        last look (a folder listing and a few stats)."""
        signatures = {str(f.snapshot): file_signature(f) for f in self.peers()}
        signatures.update({str(path): () for path, _original in conflict_copies(self.home)})
        changed = signatures != self._seen
        self._seen = signatures
        return changed

    def peers(self) -> list[DeviceFiles]:
        """Every other device's files in the folder."""
        own = self.storage.path
        return [files for files in device_files(self.home) if files.snapshot != own]

    def pull(self) -> PullReport:
        """Merge what other devices saved since this device last read them (in a
        transaction): the merged versions and the new frontiers in one save."""
        report = PullReport()
        claims: list[Doc] = []
        for files in self.peers():
            known = self._frontier(files)
            found = read_peer(files, known, self.tables)
            if found is None or found.device_id == self.device.id:
                continue
            report.devices.append(found.device_id)
            if found.identity is not None:
                claims.append(found.identity)
            for table, doc_id, doc, sync in found.versions:
                if self._merge_in(table, doc_id, doc, sync):
                    report.changed.append((table, doc_id))
            self._remember(files, found)
            self._avoid_tag_of(found)
        self._settle_identity(claims)
        self._absorb_copies(report)
        return report

    def _absorb_copies(self, report: PullReport) -> None:
        """Merge every conflict copy in the folder (see :mod:`.conflicts`); they are set
        aside by :meth:`set_aside` once the merge is saved."""
        for path, original in conflict_copies(self.home):
            if path in self._set_aside_failed:
                continue  # merged already; it could not be moved (told once)
            contents = read_copy(path, original, self.tables)
            if contents is None:
                continue
            if contents.legacy:
                LegacyMerge(
                    self.storage,
                    self.kinds,
                    SAME_RECORD,
                    REFERENCES,
                    self.new_id,
                    self.ids.next,
                    self._merge_and_note(report),
                ).run(contents.versions)
            elif not contents.unreadable:
                for table, doc_id, doc, sync in contents.versions:
                    if table in self.tables and self._merge_in(table, doc_id, doc, sync):
                        report.changed.append((table, doc_id))
            report.copies.append((path, contents))

    def _merge_and_note(
        self, report: PullReport
    ) -> Callable[[str, str, Doc | None, Doc | None], bool]:
        def merge_in(table: str, doc_id: str, doc: Doc | None, sync: Doc | None) -> bool:
            changed = self._merge_in(table, doc_id, doc, sync)
            if changed:
                report.changed.append((table, doc_id))
            return changed

        return merge_in

    def set_aside(self, report: PullReport) -> list[str]:
        """After the merge is saved: move the conflict copies it merged into the conflicts
        folder; a notice for each."""
        notices = []
        for path, contents in report.copies:
            try:
                moved = set_aside(path, self.home)
            except OSError as exc:
                self._set_aside_failed.add(path)
                reason = exc.strerror or str(exc)
                if contents.unreadable:
                    stuck = _(
                        "The sync tool had made a conflict copy, {name}. It could not be read, "
                        "but it could not be moved to the conflicts folder ({reason}); it stays "
                        "where it is."
                    )
                else:
                    stuck = _(
                        "The sync tool had made a conflict copy, {name}. All of it is merged, "
                        "but it could not be moved to the conflicts folder ({reason}); it stays "
                        "where it is."
                    )
                notices.append(stuck.format(name=path.name, reason=reason))
                continue
            where = f"{moved.parent.name}/{moved.name}"
            if contents.unreadable:
                notices.append(
                    _(
                        "The sync tool had made a conflict copy, {name}, that Hallway could not "
                        "read ({reason}). Nothing in it was merged; it is kept as {where} beside "
                        "your database."
                    ).format(name=path.name, reason=contents.unreadable, where=where)
                )
            else:
                notices.append(
                    _(
                        "The sync tool had made a conflict copy, {name}. Everything in it is "
                        "merged, and the copy is kept as {where} beside your database."
                    ).format(name=path.name, where=where)
                )
        return notices

    def _merge_in(self, table: str, doc_id: str, doc: Doc | None, sync: Doc | None) -> bool:
        if sync:
            self.clock.observe(latest(sync))
        local = (
            self.storage.get_doc(table, doc_id),
            self.storage.get_doc(sync_table(table), doc_id),
        )
        if local == (doc, sync):
            # The version this device has (another device's copy of what it merged from
            # here: most of a snapshot read whole): merging is idempotent, nothing to do.
            return False
        merged_doc, merged_sync = merge(self.kinds.get(table, {}), local, (doc, sync))
        if (merged_doc, merged_sync) == local:
            return False
        self.storage.put_doc(table, doc_id, merged_doc)
        self.storage.put_doc(sync_table(table), doc_id, merged_sync)
        return True

    def _frontier(self, files: DeviceFiles) -> Frontier | None:
        key = _device_key(files)
        doc = self.storage.get_doc(DEVICES, key)
        return Frontier.from_doc(doc) if doc else None

    def _remember(self, files: DeviceFiles, found: PeerChanges) -> None:
        """Keep how far the device's files were read, who it is, its latest change and
        when it was last merged (for ``hallway devices``)."""
        key = _device_key(files)
        before = self.storage.get_doc(DEVICES, key) or {}
        if before.get("device_id") != found.device_id:
            before = {}
        doc = {**before, **found.frontier.to_doc()}
        about = found.about if isinstance(found.about, dict) else {}
        if isinstance(about.get("name"), str):
            doc["name"] = about["name"]
        if isinstance(about.get("tag"), int):
            doc["tag"] = about["tag"]
        if found.versions:
            changes = [latest(sync) for _t, _i, _d, sync in found.versions if sync]
            doc["last_change"] = max([doc.get("last_change", ZERO), *changes])
            doc["merged_at"] = format_time(clock.now())
            doc.pop("forgotten", None)  # it wrote again: expected again
        if doc != before:
            self.storage.put_doc(DEVICES, key, doc)

    def _avoid_tag_of(self, found: PeerChanges) -> None:
        """Two devices picked the same tag (1 in 16,384, set up offline): this one takes
        another, so their new ids and stamps can never meet."""
        about = found.about if isinstance(found.about, dict) else {}
        if about.get("tag") != self.device.tag or about.get("id") == self.device.id:
            return
        taken = [d.get("tag") for d in self.storage.table(DEVICES).values()]
        device = replace(self.device, tag=new_tag(t for t in taken if isinstance(t, int)))
        try:
            save_device(device)
        except OSError as exc:
            self.notices.append(
                _(
                    "This device took a new tag for its ids (another device had the same one) "
                    "but could not keep it in the config folder ({reason}); it will take one "
                    "again next time."
                ).format(reason=exc.strerror or exc)
            )
        self.device, self._announced = device, False
        self.clock.tag = self.ids.tag = device.tag

    # -- which devices write here -----------------------------------------------------------

    def devices(self) -> list[DeviceSeen]:
        """This device, then every other device whose files are in the folder or that this
        one merged, by name."""
        own = self.storage.path
        mine = DeviceSeen(self.device.id, self.device.name, own.name, _modified(own), None)
        others = []
        listed = set()
        for files in device_files(self.home):
            if files.snapshot == own:
                continue
            doc = self.storage.get_doc(DEVICES, _device_key(files)) or {}
            listed.add(_device_key(files))
            others.append(_seen(doc, files.snapshot.name))
        for key, doc in self.storage.table(DEVICES).items():
            if key not in listed:
                others.append(_seen(doc, ""))  # its files are gone from the folder
        others.sort(key=lambda d: (d.name.casefold(), d.id))
        return [mine, *others]

    def forget(self, device_id: str) -> None:
        """Stop expecting a device (in a transaction): it is no longer listed until it
        writes again; everything it wrote stays."""
        for key, doc in list(self.storage.table(DEVICES).items()):
            if doc.get("device_id") == device_id:
                self.storage.put_doc(DEVICES, key, {**doc, "forgotten": True})


def _seen(doc: Doc, file: str) -> DeviceSeen:
    stamp = doc.get("last_change")
    last = None
    if isinstance(stamp, str) and stamp != ZERO:
        last = datetime.fromtimestamp(decode(stamp)[0] / 1000, UTC)
    merged = doc.get("merged_at")
    return DeviceSeen(
        str(doc.get("device_id", "")),
        str(doc.get("name", "")),
        file,
        last,
        parse_time(merged) if isinstance(merged, str) else None,
        bool(doc.get("forgotten")),
    )


def _modified(path: Path) -> datetime | None:
    """When this device's files last changed."""
    times = []
    for file in (path, path.with_name(path.name + ".journal")):
        try:
            times.append(file.stat().st_mtime)
        except FileNotFoundError:
            continue
    return datetime.fromtimestamp(max(times), UTC) if times else None


def own_snapshot(path: Path, device: Device) -> Path:
    """The snapshot this device writes for the database named ``path``: the plain name if it
    is this device's (or nobody's yet, and this device has no file here), else
    ``hallway.<device>.json``, beside the real file
    (a link resolved once; anything not a plain file refused, see :func:`.location.locate`)."""
    home = locate(path)
    owner = snapshot_device(home)
    own = device_snapshot(home, device.id)
    if owner == device.id:
        return home
    if owner is None or (owner == "" and not own.exists()):
        # Nobody's yet. Not when this device has a file of its own here: then a plain file
        # that names no device is another's arriving (a sync tool writing it in place).
        return home
    if not own.exists() and not os.access(home.parent, os.W_OK):
        # This device cannot make files here (a folder it may only read): it reads the
        # owner's file, and its saves are refused, saying why, as in any read-only folder.
        return home
    return own


def _device_key(files: DeviceFiles) -> str:
    """A TinyDB document id for a device's files: its prefix as a number (0: the plain name)."""
    return str(int(files.device, 16)) if files.device else "0"
