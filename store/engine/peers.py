"""Which files in a database's folder belong to which device, and which are a sync tool's.

One database, ``F/hallway.json``, kept on several devices by a file-sync tool: each device
writes only files of its own, so the tool never has a reason to make a conflict copy:

* the device that owns ``hallway.json`` (its meta names the device; a file from before
  devices were known is claimed by the first device that opens it) writes ``hallway.json``
  and ``hallway.json.journal``, as a single-device Hallway always did;
* every other device writes ``hallway.<device>.json`` and ``hallway.<device>.json.journal``,
  ``<device>`` being the first eight hex digits of its id.

Everything else in the folder is left alone, except what sync tools make of those files:
temp files of a transfer under way are never read (their names differ), and *conflict
copies* -- named by each tool's documented scheme -- are recognised, so that they can be
merged and set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEVICE_DIGITS = 8
_DEVICE_FILE = re.compile(r"^(?P<stem>.+)\.(?P<device>[0-9a-f]{8})\.json$")

# Conflict copies, by tool (``stem`` is the database name without ".json", ``rest`` what
# follows it in the original name: "" for the snapshot, ".journal"...):
#   Syncthing:       hallway.sync-conflict-20261128-101010-ABCDEFG.json
#                    hallway.json.sync-conflict-20261128-101010-ABCDEFG.journal
#   Dropbox:         hallway (Maya's conflicted copy 2026-11-28).json
#   Nextcloud/ownCloud (desktop): hallway (conflicted copy 2026-11-28 101010).json
#   ownCloud (older): hallway_conflict-20261128-101010.json
#   iCloud Drive:    hallway 2.json
_CONFLICT_PATTERNS = (
    re.compile(r"^(?P<base>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(?P<ext>\.[^.]+)$"),
    re.compile(r"^(?P<base>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.[^.]+)$", re.I),
    re.compile(r"^(?P<base>.+?)_conflict-\d{8}-\d{6}(?P<ext>\.[^.]+)$"),
    re.compile(r"^(?P<base>.+?) (?P<n>[2-9]|[1-9]\d)(?P<ext>\.[^.]+)$"),
)


@dataclass(frozen=True)
class DeviceFiles:
    """One device's snapshot and journal in the database's folder."""

    snapshot: Path
    device: str | None  # the 8-digit device prefix in the name; None for the plain name

    @property
    def journal(self) -> Path:
        """The device's journal beside its snapshot."""
        return self.snapshot.with_name(self.snapshot.name + ".journal")


def device_prefix(device_id: str) -> str:
    """The part of a device id used in file names."""
    return device_id[:DEVICE_DIGITS].lower()


def device_snapshot(db: Path, device_id: str) -> Path:
    """The snapshot a device that does not own ``db`` writes: ``hallway.<device>.json``."""
    stem = db.name.removesuffix(".json")
    return db.with_name(f"{stem}.{device_prefix(device_id)}.json")


def device_files(db: Path) -> list[DeviceFiles]:
    """Every device's files in the database's folder: the plain name (if present) and each
    ``hallway.<device>.json``, sorted by name."""
    stem = db.name.removesuffix(".json")
    found = [DeviceFiles(db, None)] if db.exists() else []
    try:
        names = sorted(p.name for p in db.parent.iterdir())
    except FileNotFoundError:
        return found
    for name in names:
        match = _DEVICE_FILE.match(name)
        if match and match["stem"] == stem:
            found.append(DeviceFiles(db.with_name(name), match["device"]))
    return found


def conflict_copy_of(name: str, db: Path) -> str | None:
    """If ``name`` is a sync tool's conflict copy of one of this database's files, the name
    of the file it is a copy of (``hallway.json``, ``hallway.json.journal``,
    ``hallway.1a2b3c4d.json``...); else ``None``."""
    own = db.name
    stem = own.removesuffix(".json")
    for pattern in _CONFLICT_PATTERNS:
        match = pattern.match(name)
        if match is None:
            continue
        original = match["base"] + match["ext"]
        if _is_database_file(original, own, stem):
            return original
    return None


def _is_database_file(name: str, own: str, stem: str) -> bool:
    if name in (own, own + ".journal"):
        return True
    device = _DEVICE_FILE.match(name.removesuffix(".journal"))
    return device is not None and device["stem"] == stem


def conflict_copies(db: Path) -> list[tuple[Path, str]]:
    """Every conflict copy of this database's files in its folder, with the name of the file
    each copies, sorted by name."""
    try:
        names = sorted(p.name for p in db.parent.iterdir() if p.is_file())
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        original = conflict_copy_of(name, db)
        if original is not None:
            found.append((db.with_name(name), original))
    return found
