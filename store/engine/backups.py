"""Backups beside the database: ``backups/<db name>.g<generation>-<UTC time>``.

On every checkpoint the outgoing snapshot and its journal are kept by hard link (a copy
where links are impossible): the pair reproduces the state the new snapshot starts from, so
a damaged current snapshot is rebuilt from the newest good backup, the journals after it, and
the current journal, with no loss. A new or restored database also keeps a real copy of its
first snapshot, so that chain exists from the very first save.

Rotation keeps the last few checkpoints, one per hour for the last day and one per day for
the last month. A database brought up to a newer data format also keeps, once, a copy of
itself as it was (``backups/<db name>.before-format-<n>``), which rotation never removes.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hallway.store import clock
from hallway.store.files import (
    DIR_MODE,
    fsync_dir,
    make_private_dir,
    temp_name,
    tighten,
    write_atomic,
)

BACKUP_DIR = "backups"
KEEP_LAST = 5
HOURLY_FOR = timedelta(days=1)
DAILY_FOR = timedelta(days=30)
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    """One kept snapshot, and beside it (maybe) the journal that continued it."""

    snapshot: Path
    generation: int
    taken: datetime

    @property
    def journal(self) -> Path:
        """Where this backup's journal is (it may not exist)."""
        return self.snapshot.with_name(self.snapshot.name + ".journal")

    def describe_time(self) -> str:
        """When the backup was taken, in local time, for messages."""
        return self.taken.astimezone().strftime("%Y-%m-%d %H:%M")


def backup_dir(db: Path) -> Path:
    """The backups folder of the database at ``db``."""
    return db.parent / BACKUP_DIR


def list_backups(db: Path) -> list[Backup]:
    """This database's backups, newest generation first."""
    folder = backup_dir(db)
    pattern = re.compile(rf"^{re.escape(db.name)}\.g(\d+)-(\d{{8}}T\d{{6}}Z)$")
    found: list[Backup] = []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    for name in names:
        match = pattern.match(name)
        if match:
            taken = datetime.strptime(match[2], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(folder / name, int(match[1]), taken))
    found.sort(key=lambda b: (b.generation, b.taken), reverse=True)
    return found


def backup_files(db: Path) -> list[Path]:
    """Every file of every backup of this database (for permission tightening)."""
    files: list[Path] = []
    for backup in list_backups(db):
        files.append(backup.snapshot)
        if backup.journal.exists():
            files.append(backup.journal)
    return files


def _new_path(db: Path, generation: int) -> Path:
    stamp = clock.now().astimezone(UTC).strftime(_STAMP)
    return backup_dir(db) / f"{db.name}.g{generation:08d}-{stamp}"


def _prepare(db: Path) -> Path:
    folder = backup_dir(db)
    make_private_dir(folder)
    tighten(folder, DIR_MODE)
    return folder


def _link_or_copy(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` by hard link (free, and never half-written); copy
    durably where the file system has no hard links."""
    if _same_file(source, target):
        # Already linked (a checkpoint that failed earlier linked it): nothing to do. A rename
        # between two links of one file does nothing, which would leave the temp link behind.
        return
    tmp = temp_name(target)
    try:
        os.link(source, tmp)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        write_atomic(target, source.read_bytes())
        return
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)  # left only if the rename failed or did nothing


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except FileNotFoundError:
        return False


def keep_previous(db: Path, journal: Path | None, generation: int, *, sync: bool = True) -> None:
    """Keep the outgoing snapshot ``db`` (generation ``generation``) and its journal (if it
    has one that belongs to it); without ``sync`` the caller syncs :func:`backup_dir`."""
    folder = _prepare(db)
    existing = next((b for b in list_backups(db) if b.generation == generation), None)
    if existing is None:
        existing = Backup(_new_path(db, generation), generation, clock.now())
        _link_or_copy(db, existing.snapshot)
    if journal is not None and journal.exists():
        _link_or_copy(journal, existing.journal)
    if sync:
        fsync_dir(folder)


def keep_copy(db: Path, data: bytes, generation: int) -> None:
    """Keep a real copy of a snapshot just written (new or restored database)."""
    _prepare(db)
    write_atomic(_new_path(db, generation), data)


def rotate(db: Path) -> list[Path]:
    """Delete backups outside the rotation; returns the removed files."""
    backups = list_backups(db)
    now = clock.now()
    keep: set[Path] = {b.snapshot for b in backups[:KEEP_LAST]}
    hours: set[str] = set()
    days: set[str] = set()
    for backup in backups:  # newest first, so the first seen in each bucket is kept
        age = now - backup.taken
        hour, day = backup.taken.strftime("%Y%m%d%H"), backup.taken.strftime("%Y%m%d")
        if age <= HOURLY_FOR and hour not in hours:
            hours.add(hour)
            keep.add(backup.snapshot)
        if age <= DAILY_FOR and day not in days:
            days.add(day)
            keep.add(backup.snapshot)
    removed: list[Path] = []
    for backup in backups:
        if backup.snapshot in keep:
            continue
        for path in (backup.journal, backup.snapshot):
            if path.exists():
                path.unlink(missing_ok=True)  # another process may be rotating too
                removed.append(path)
    if removed:
        fsync_dir(backup_dir(db))
    return removed


def keep_before_upgrade(db: Path, raw: bytes, journal: bytes | None, schema: int) -> Path | None:
    """Keep a copy of the database as it was before it is first written in data format
    ``schema`` (its snapshot ``raw`` and, when it holds saves, its journal beside it); its
    path, or ``None`` when a copy was kept already (a first attempt that could not finish)."""
    target = backup_dir(db) / f"{db.name}.before-format-{schema}"
    if target.exists():
        return None
    _prepare(db)
    if journal:
        write_atomic(target.with_name(target.name + ".journal"), journal)
    write_atomic(target, raw)
    return target
