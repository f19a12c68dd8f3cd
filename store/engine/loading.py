"""Reading a database from disk: opening it, catching up with other processes, restoring it.

:func:`load_database` reads the snapshot and replays the journal that continues it, setting
a damaged journal aside; it says when the snapshot itself is missing or unusable, and
:func:`restore_from_backups` then rebuilds it (see :mod:`.recovery`). :func:`new_saves`
reads only what other processes appended since the last read, when that is enough.
Writing snapshots and journals stays with :class:`~.storage.DurableStorage`, which
calls these under its lock and takes their results as its state.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hallway.store.engine.backups import list_backups
from hallway.store.engine.journal import Scan, scan
from hallway.store.engine.journal_file import JournalFile
from hallway.store.engine.recovery import (
    EMPTY_JOURNAL,
    FOREIGN_JOURNAL,
    journal_notice,
    keep_aside,
    no_backup_message,
    rebuild_from_backups,
    restored_notice,
)
from hallway.store.engine.snapshot import Damaged, bring_up_to_date, parse_snapshot
from hallway.store.engine.tables import TableSet
from hallway.store.errors import DatabaseDamaged
from hallway.store.files import save_error

Signature = tuple[int, int, int, int]


def signature(st: os.stat_result) -> Signature:
    """What tells one version of a file from another: device, inode, size and mtime."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or ``None`` if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@dataclass
class Loaded:
    """A sound snapshot with its journal replayed and its schema brought up to date."""

    tables: TableSet
    database_id: str
    generation: int
    snapshot_size: int
    # (entries start, last valid line's end, file size) of the journal to keep appending
    # to; None: start a fresh one
    journal: tuple[int, int, int] | None
    needs_checkpoint: bool  # memory holds more than the snapshot and the kept journal


@dataclass
class Restore:
    """The snapshot cannot be used as it is: rebuild the database from its backups."""

    reason: str  # completes "Hallway's database file ..."
    journal_raw: bytes | None
    set_aside: bool  # keep a copy of the damaged snapshot first


def load_database(
    path: Path, journal_path: Path, *, writable: bool, notices: list[str]
) -> Loaded | Restore | None:
    """Read the snapshot at ``path`` and replay its journal (call with the lock held).

    ``None`` when there is nothing to read and nothing to restore from. A journal that
    cannot be kept is set aside (when ``writable``) and a notice added to ``notices``.
    Raises :class:`~hallway.store.errors.NewerSchema` for a file from a newer Hallway.
    """
    raw = read_or_none(path)
    journal_raw = read_or_none(journal_path)
    if raw is None:
        if list_backups(path) or journal_raw is not None:
            return Restore("is missing", journal_raw, set_aside=False)
        return None
    try:
        snap = parse_snapshot(raw, path)
    except Damaged as exc:
        return Restore(exc.reason, journal_raw, set_aside=True)
    result = scan(journal_raw) if journal_raw is not None else None
    header = result.header if result is not None else None
    if header is not None and header.generation > snap.generation:
        return Restore("is older than its journal", journal_raw, set_aside=True)
    tables, needs_checkpoint, journal_ok = snap.tables, snap.adopted, False
    if result is not None and (header is None or header.generation == snap.generation):
        if header is not None and header.database_id != snap.database_id:
            lost, why = len(result.entries) + result.damaged, FOREIGN_JOURNAL
        else:
            lost = result.damaged + sum(gen != snap.generation for gen, _ in result.entries)
            why = "has a damaged first line" if result.entries else EMPTY_JOURNAL
            for gen, changes in result.entries:
                if gen == snap.generation:
                    tables.apply(changes)
        journal_ok = header is not None and not lost
        if not journal_ok:
            needs_checkpoint = True
            notices.append(_set_journal_aside(path, journal_path, lost, why, writable=writable))
    if bring_up_to_date(tables, snap.schema):
        needs_checkpoint = True
    return Loaded(
        tables=tables,
        database_id=snap.database_id,
        generation=snap.generation,
        snapshot_size=len(raw),
        journal=(
            (result.header_end, result.end, len(journal_raw or b""))
            if journal_ok and result is not None
            else None
        ),
        needs_checkpoint=needs_checkpoint,
    )


def _set_journal_aside(
    path: Path, journal_path: Path, lost: int, why: str, *, writable: bool
) -> str:
    """Keep a copy of an unusable journal (when ``writable``); the notice saying so."""
    aside = keep_aside(journal_path) if writable else None
    stamp = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
    return journal_notice(lost, why, f"{stamp:%Y-%m-%d %H:%M}", aside)


def restore_from_backups(
    path: Path,
    journal_path: Path,
    restore: Restore,
    write: Callable[[TableSet, str, int], None],
) -> str:
    """Rebuild the database from its backups after its snapshot was found damaged or
    missing, set the damaged files aside, and hand the rebuilt tables, database id and
    next generation to ``write``; the notice telling the user. Raises
    :class:`DatabaseDamaged` when there is no good backup or the repair fails."""
    rebuilt = rebuild_from_backups(path, restore.journal_raw)
    if rebuilt is None:
        raise DatabaseDamaged(no_backup_message(path, journal_path, restore.reason))
    try:
        aside = keep_aside(path) if restore.set_aside else None
        if restore.journal_raw is not None and not rebuilt.reached_current:
            keep_aside(journal_path)
        known = [b.generation for b in list_backups(path)]
        write(rebuilt.tables, rebuilt.database_id, max([rebuilt.generation, *known]) + 1)
    except OSError as exc:
        raise DatabaseDamaged(
            f"Hallway's database file {path} {restore.reason}, and the repair failed: "
            f"{save_error(exc, 'The repaired database')}"
        ) from exc
    return restored_notice(restore.reason, rebuilt, aside)


def changed_on_disk(path: Path, journal: JournalFile, snapshot: Signature | None) -> bool:
    """Whether the snapshot at ``path`` or ``journal`` changed since the last read or
    write (``snapshot`` is the signature the snapshot had then): two stats."""
    try:
        if signature(os.stat(path)) != snapshot:
            return True
        st = os.stat(journal.path)
    except FileNotFoundError:
        return journal.changed(None) or not path.exists()
    return journal.changed(st)


def new_saves(
    path: Path, journal: JournalFile, snapshot: Signature | None, generation: int
) -> tuple[Scan, int] | None:
    """Other processes' saves since the last read: the scanned new tail of ``journal`` and
    the journal's size now, or ``None`` when only a full reload can make sense of the disk
    (the snapshot or the journal was replaced, a file is missing, the tail is damaged or
    of another generation: the full load handles, and reports, the damage)."""
    try:
        st = os.stat(path)
        jst = os.stat(journal.path)
    except FileNotFoundError:
        return None
    if signature(st) != snapshot or not journal.is_same_file(jst):
        return None
    if jst.st_size == journal.seen:
        return Scan(), jst.st_size
    result = journal.read_tail(jst.st_size)
    if result is None or result.damaged or any(gen != generation for gen, _ in result.entries):
        return None
    return result, jst.st_size
