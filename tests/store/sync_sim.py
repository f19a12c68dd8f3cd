"""A file-sync tool, simulated: several device folders kept in step the way Syncthing,
Dropbox, Nextcloud or rsync keep them, faults included.

Each device has a folder of its own holding the database (``F/hallway.json``) and writes only
its own files there (see :mod:`hallway.store.engine.peers`): the plain ``hallway.json`` and
its journal for the device that owns that name, ``hallway.<id8>.json`` and its journal for
every other one. The tool *scans* a device's folder now and then (seeing its own files as
they are at that moment, so some intermediate states are never seen, as with any real tool)
and *delivers* files to the other folders, one file at a time, in random order:

* whole, through a temporary name renamed into place (Syncthing's ``.syncthing.NAME.tmp``
  or ``~syncthing~NAME.tmp``, rsync's ``.NAME.XXXXXX``, Nextcloud's ``.NAME.~hex``), the
  usual way;
* half-way, left for later: a temporary file holding part of the content (the real name
  still holds the previous version), or the real file itself part-written in place --
  cut short (a transfer that truncated the target first) or overwritten from the start
  with the old tail still behind (rsync ``--inplace``, which truncates only at the end);
* late: an older version of a file than one already delivered (a journal shorter than
  before, a snapshot of an earlier generation), as when a slow device's transfer finishes
  after a fast one's, or a backup of the folder is put back;
* as a conflict copy, named as each tool names them
  (``hallway.sync-conflict-20261128-101010-ABCDEFG.json``,
  ``hallway (Maya's conflicted copy 2026-11-28).json``, ``hallway 2.json`` ...), beside the
  real file, when conflict copies are turned on.

Only the database's own files are synced (lock files, backups and conflict copies set aside
stay on their device). Copies keep the source's modification time and owner-only mode, as
Syncthing does. :attr:`SyncTool.stats` counts what happened, so a test can show that every
kind of fault really occurred.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hallway.store.devices import Device
from hallway.store.engine.peer_reading import snapshot_device
from hallway.store.engine.peers import device_snapshot

DB_NAME = "hallway.json"

# How each tool names a file while it is still arriving.
TEMP_NAMES = (
    ".syncthing.{name}.tmp",  # Syncthing (Unix)
    "~syncthing~{name}.tmp",  # Syncthing (Windows, Android)
    ".{name}.Xk3f9A",  # rsync
    ".{name}.~1f2e3d4c",  # Nextcloud / ownCloud desktop
)

# How each tool names a conflict copy: ``{base}`` is the name without its extension.
CONFLICT_NAMES = (
    "{base}.sync-conflict-20261128-101010-ABCDEFG{ext}",  # Syncthing
    "{base} (Maya's conflicted copy 2026-11-28){ext}",  # Dropbox
    "{base} (conflicted copy 2026-11-28 101010){ext}",  # Nextcloud / ownCloud desktop
    "{base}_conflict-20261128-101010{ext}",  # ownCloud (older)
    "{base} 2{ext}",  # iCloud Drive
)

FAULTS = ("half-temp", "half-cut", "half-overwritten", "late", "out-of-order", "conflict")


@dataclass
class Place:
    """One device and the folder it keeps the database in."""

    name: str
    device: Device
    folder: Path

    @property
    def db(self) -> Path:
        """The database as the user names it on this device."""
        return self.folder / DB_NAME

    def own_files(self) -> list[Path]:
        """The files this device writes (its snapshot and journal), present or not yet."""
        if snapshot_device(self.db) == self.device.id:
            snapshot = self.db
        else:
            snapshot = device_snapshot(self.db, self.device.id)
        return [snapshot, snapshot.with_name(snapshot.name + ".journal")]


@dataclass
class Transfer:
    """A delivery under way: ``data`` is to land at ``target``; until then either ``temp``
    holds part of it, or (``temp`` None) ``target`` itself does."""

    target: Path
    data: bytes
    mtime_ns: int
    temp: Path | None


@dataclass
class _Versions:
    """Every version of one device's file the tool has seen, oldest first."""

    seen: list[tuple[bytes, int]] = field(default_factory=list)  # (content, mtime_ns)


class SyncTool:
    """The simulated tool. ``half``, ``late``, ``conflicts``: the chance that a delivery is
    left half-way, is an older version, or lands as a conflict copy."""

    def __init__(
        self,
        places: list[Place],
        rng: random.Random,
        *,
        half: float = 0.25,
        late: float = 0.15,
        conflicts: float = 0.0,
    ) -> None:
        self.places = places
        self.rng = rng
        self.half, self.late, self.conflicts = half, late, conflicts
        self.stats: Counter[str] = Counter()
        self.pending: list[Transfer] = []
        self.conflict_copies: list[Path] = []  # every conflict copy made, where it was made
        self._versions: dict[tuple[str, str], _Versions] = {}
        # Which version (index) of each device's file each folder last got whole.
        self._delivered: dict[tuple[str, str, str], int] = {}

    # -- what the tool sees --------------------------------------------------------------

    def scan(self, place: Place) -> None:
        """Look at one device's own files as they are now."""
        for path in place.own_files():
            try:
                data = path.read_bytes()
                mtime = os.stat(path).st_mtime_ns
            except FileNotFoundError:
                continue
            versions = self._versions.setdefault((place.name, path.name), _Versions())
            if not versions.seen or versions.seen[-1][0] != data:
                versions.seen.append((data, mtime))

    def scan_all(self) -> None:
        """Look at every device's files."""
        for place in self.places:
            self.scan(place)

    # -- delivering ----------------------------------------------------------------------

    def step(self) -> None:
        """One thing the tool does: scan a folder, deliver one file, or finish a transfer."""
        roll = self.rng.random()
        if self.pending and roll < 0.25:
            self.finish(self.pending.pop(self.rng.randrange(len(self.pending))))
        elif roll < 0.45:
            self.scan(self.rng.choice(self.places))
        else:
            self.deliver_random()

    def deliver_random(self) -> None:
        """Deliver one seen file of one device to one other folder, faults and all."""
        known = [key for key, versions in self._versions.items() if versions.seen]
        if not known or len(self.places) < 2:
            return
        source, name = self.rng.choice(sorted(known))
        targets = [p for p in self.places if p.name != source]
        self.deliver(source, name, self.rng.choice(targets), faults=True)

    def deliver(self, source: str, name: str, target: Place, *, faults: bool) -> None:
        """Bring the newest seen version of ``source``'s file ``name`` to ``target`` (with
        ``faults``: maybe an older one, maybe half-way, maybe as a conflict copy)."""
        seen = self._versions[(source, name)].seen
        key = (target.name, source, name)
        index = len(seen) - 1
        last = self._delivered.get(key)
        if faults and last is not None and last > 0 and self.rng.random() < self.late:
            index = self.rng.randrange(last)  # older than one this folder already has
            if seen[index][0] != seen[last][0]:
                self.stats["late"] += 1
        data, mtime = seen[index]
        path = target.folder / name
        if faults and self.rng.random() < self.conflicts:
            self._conflict_copy(path, data, mtime)
            return
        self._count_out_of_order(source, name, target, index)
        self._cancel_pending(path)
        if faults and self.rng.random() < self.half and len(data) > 1:
            self._start_half(path, data, mtime)
        else:
            _land(path, data, mtime, self._temp_path(path))
            self.stats["copied"] += 1
        self._delivered[key] = index

    def _count_out_of_order(self, source: str, name: str, target: Place, index: int) -> None:
        """A snapshot arriving without its journal, or a journal without its snapshot."""
        partner = name.removesuffix(".journal") if name.endswith(".journal") else name + ".journal"
        partner_seen = self._versions.get((source, partner))
        if partner_seen is None:
            return
        there = self._delivered.get((target.name, source, partner))
        newest = len(partner_seen.seen) - 1
        if index == len(self._versions[(source, name)].seen) - 1 and there != newest:
            self.stats["out-of-order"] += 1

    def _temp_path(self, path: Path) -> Path:
        pattern = self.rng.choice(TEMP_NAMES)
        return path.with_name(pattern.format(name=path.name))

    def _start_half(self, path: Path, data: bytes, mtime: int) -> None:
        cut = self.rng.randrange(1, len(data))
        how = self.rng.choice(("temp", "cut", "overwritten"))
        if how == "temp":
            temp = self._temp_path(path)
            _write(temp, data[:cut])
            self.pending.append(Transfer(path, data, mtime, temp))
            self.stats["half-temp"] += 1
            return
        if how == "overwritten" and path.exists():
            old = path.read_bytes()
            # rsync --inplace: new bytes from the start, the old tail until the end is cut.
            _write(path, data[:cut] + old[cut:])
            self.stats["half-overwritten"] += 1
        else:
            _write(path, data[:cut])
            self.stats["half-cut"] += 1
        self.pending.append(Transfer(path, data, mtime, None))

    def _cancel_pending(self, path: Path) -> None:
        """A newer delivery of the same file supersedes one under way (its temp goes)."""
        for transfer in [t for t in self.pending if t.target == path]:
            self.pending.remove(transfer)
            if transfer.temp is not None:
                transfer.temp.unlink(missing_ok=True)

    def finish(self, transfer: Transfer) -> None:
        """Complete a transfer left half-way."""
        if transfer.temp is not None:
            _write(transfer.temp, transfer.data)
            os.utime(transfer.temp, ns=(transfer.mtime_ns, transfer.mtime_ns))
            os.replace(transfer.temp, transfer.target)
        else:
            _write(transfer.target, transfer.data)
            os.utime(transfer.target, ns=(transfer.mtime_ns, transfer.mtime_ns))
        self.stats["completed"] += 1

    def _conflict_copy(self, path: Path, data: bytes, mtime: int) -> None:
        base, dot, ext = path.name.rpartition(".")
        pattern = self.rng.choice(CONFLICT_NAMES)
        name = pattern.format(base=base, ext=dot + ext)
        copy = path.with_name(name)
        n = 2
        while copy.exists():  # a second conflict copy of the same file gets a new name
            n += 1
            copy = path.with_name(f"{base} {n}{dot}{ext}")
        _land(copy, data, mtime, self._temp_path(copy))
        self.conflict_copies.append(copy)
        self.stats["conflict"] += 1

    def sync_everything(self) -> None:
        """What a tool does once every device has been online long enough: every transfer
        finished, then every device's newest files everywhere."""
        for transfer in self.pending:
            self.finish(transfer)
        self.pending.clear()
        self.scan_all()
        for (source, name), versions in sorted(self._versions.items()):
            if not versions.seen:
                continue
            for target in self.places:
                if target.name != source:
                    self.deliver(source, name, target, faults=False)

    def temp_files(self) -> list[Path]:
        """Temp files of transfers under way, in every folder."""
        return [t.temp for t in self.pending if t.temp is not None]


def _write(path: Path, data: bytes) -> None:
    """Write a file the way a sync tool does (owner-only: it keeps the source's mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _land(path: Path, data: bytes, mtime: int, temp: Path) -> None:
    """A whole delivery: into a temp file, its time set, renamed into place."""
    _write(temp, data)
    os.utime(temp, ns=(mtime, mtime))
    os.replace(temp, path)
