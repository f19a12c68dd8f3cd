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

from hallway.store.engine.backups import Backup, keep_before_upgrade, list_backups
from hallway.store.engine.journal import Scan, scan
from hallway.store.engine.journal_file import JournalFile
from hallway.store.engine.recovery import (
    EMPTY_JOURNAL,
    FOREIGN_JOURNAL,
    journal_notice,
    keep_aside,
    keep_unmerged,
    no_backup_message,
    rebuild_from_backups,
    restored_notice,
    unmerged_notice,
)
from hallway.store.engine.snapshot import (
    SCHEMA,
    Damaged,
    Snapshot,
    bring_up_to_date,
    parse_snapshot,
)
from hallway.store.engine.tables import Doc, TableSet
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
    journal_id: str  # the id the snapshot gives its journal ("" in older files)
    kept_journal_id: str  # the id in the kept journal's header
    needs_checkpoint: bool  # memory holds more than the snapshot and the kept journal
    # The kept journal holds saves (a crash ended the last session before it folded them):
    # the first open folds them, so that the TinyDB file alone holds everything again.
    unfolded: bool = False


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
    if result is not None:
        relation = journal_relation(snap, result, journal_raw or b"")
        if relation == CONTINUES:
            # Entries of another generation in a journal that continues this snapshot
            # cannot be placed: damage, counted and set aside like unreadable lines.
            lost = result.damaged + sum(gen != snap.generation for gen, _ in result.entries)
            replay = [changes for gen, changes in result.entries if gen == snap.generation]
            journal_ok = header is not None and not lost
            if not journal_ok:
                why = "has a damaged first line" if result.entries else EMPTY_JOURNAL
                notices.append(_set_journal_aside(path, journal_path, lost, why, writable))
        elif relation == PARTLY_FOLDED:
            # A checkpoint was interrupted after writing this snapshot: the lines after the
            # part it folded are saves made meanwhile. Replay them; the open folds them.
            assert snap.folded is not None
            size = snap.folded.size
            pairs = zip(result.entries, result.ends, strict=True)
            replay = [changes for (_gen, changes), end in pairs if end > size]
        else:
            replay = []
            if relation == FOREIGN:
                lost = len(result.entries) + result.damaged
                notices.append(
                    _set_journal_aside(path, journal_path, lost, FOREIGN_JOURNAL, writable)
                )
            else:
                # STALE: the snapshot provably holds every line of the journal; a fresh one
                # replaces it. But a snapshot that does not know its journal was put in place
                # from outside; the saves folded into the snapshot it replaced may be missing
                # from it too, and are kept aside with the journal's (see unheld_backups).
                current = [journal_path] if relation == NOT_CONTAINED else []
                unheld = current + unheld_backups(path, snap, result, journal_raw or b"")
                if unheld:
                    notices.append(_set_unmerged_aside(journal_path, unheld, writable))
        for changes in replay:
            tables.apply(changes)
        # A journal replayed only in part must be folded into the snapshot (the open does it).
        needs_checkpoint = needs_checkpoint or (bool(replay) and not journal_ok)
    if bring_up_to_date(tables, snap.schema):
        needs_checkpoint = True
        if writable:
            _keep_before_upgrade(path, raw, journal_raw, notices)
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
        journal_id=snap.journal_id,
        kept_journal_id=header.journal_id if header is not None else "",
        needs_checkpoint=needs_checkpoint,
        unfolded=journal_ok and result is not None and bool(result.entries),
    )


def _keep_before_upgrade(
    path: Path, raw: bytes, journal_raw: bytes | None, notices: list[str]
) -> None:
    """Keep a copy of a database in an older data format before it is first written in the
    current one, and tell the user once."""
    try:
        kept = keep_before_upgrade(path, raw, journal_raw, SCHEMA)
    except OSError as exc:
        notices.append(
            f"Hallway brought its database up to date for this version, but could not keep a "
            f"separate copy of it as it was ({exc.strerror or exc}); its usual backups keep the "
            "previous version for a while."
        )
        return
    if kept is not None:
        notices.append(
            "Hallway brought its database up to date for this version (data format "
            f"{SCHEMA}): ids, and the UIDs your contacts and calendar exports carry, are "
            f"unchanged. A copy of the database as it was is kept in {kept}."
        )


# How a journal relates to the snapshot it was found beside.
CONTINUES = "continues"  # its lines come after the snapshot: replay them
PARTLY_FOLDED = "partly folded"  # the snapshot holds its first part: replay the rest
STALE = "stale"  # the snapshot provably holds every line: nothing to replay
NOT_CONTAINED = "not contained"  # lines the snapshot may not hold: keep them aside
FOREIGN = "foreign"  # another database's journal


def folded_this(snap: Snapshot, header_id: str, raw: bytes) -> bool:
    """Whether ``snap`` folded the start of the journal ``raw`` (whose id is ``header_id``):
    the same id *and* the same bytes (two copies of one database append different saves to
    journals that share an id)."""
    folded = snap.folded
    return folded is not None and header_id == folded.journal_id and folded.holds_start_of(raw)


def journal_relation(snap: Snapshot, result: Scan, raw: bytes) -> str:
    """How the scanned journal relates to ``snap`` (see the constants above).

    A journal line is only ever dropped when the snapshot provably holds it: the snapshot
    names the journal that continues it and how much of the journal before it it folded
    (journals and snapshots written before journals had ids are judged by generation); any
    other journal whose lines are not all, document for document, in the snapshot is kept
    aside -- say a file-sync tool or a copy by hand put another copy's snapshot in place.
    """
    header = result.header
    if header is None:
        return CONTINUES  # a damaged header: its entries still carry their generation
    if header.database_id != snap.database_id:
        return FOREIGN
    if snap.journal_id and header.journal_id:
        if header.journal_id == snap.journal_id:
            return CONTINUES
        if folded_this(snap, header.journal_id, raw):
            return PARTLY_FOLDED
    elif header.generation == snap.generation:
        return CONTINUES  # written before journals had ids
    if not result.entries and not result.damaged:
        return STALE
    return STALE if holds_every_change(snap.tables, result) else NOT_CONTAINED


def holds_every_change(tables: TableSet, result: Scan) -> bool:
    """Whether the tables hold every change of the journal, as its last line left each
    document (so dropping the journal loses nothing). Damaged lines count as not held."""
    if result.damaged:
        return False
    final: dict[tuple[str, str], Doc | None] = {}
    for _gen, changes in result.entries:
        for table, doc_id, doc in changes:
            final[(table, doc_id)] = doc
    return all(tables.get(table, doc_id) == doc for (table, doc_id), doc in final.items())


def unheld_backups(path: Path, snap: Snapshot, result: Scan, raw: bytes) -> list[Path]:
    """The backup journals, newest first, whose saves a snapshot put in place from outside
    may not hold: empty unless the journal ``result`` (found beside ``snap``) has an id
    ``snap`` does not name.

    Every Hallway process folds its journal when it closes, so when a copy's snapshot is
    dropped over this one (a file-sync tool, a copy by hand) this copy's latest saves may
    sit in the snapshot it replaced, which only the backups still hold: its generation's
    journals. Walking back from the journal's generation, each backup journal whose every
    change ``snap`` holds ends the walk (the copies agree from there on); the others are
    returned, so that their saves are kept aside and told instead of rotated away silently.
    """
    header = result.header
    if header is None or not (header.journal_id and snap.journal_id):
        return []  # a damaged header, or files from before journals had ids
    if header.database_id != snap.database_id:
        return []
    if header.journal_id == snap.journal_id or folded_this(snap, header.journal_id, raw):
        return []
    by_generation: dict[int, Backup] = {}
    for kept in list_backups(path):  # newest first: the newest of a generation wins
        by_generation.setdefault(kept.generation, kept)
    unheld: list[Path] = []
    generation = header.generation - 1
    while (backup := by_generation.get(generation)) is not None:
        kept_raw = read_or_none(backup.journal)
        if kept_raw is None:
            break
        older = scan(kept_raw)
        if older.header is not None and older.header.database_id != snap.database_id:
            break
        if holds_every_change(snap.tables, older):
            break
        unheld.append(backup.journal)
        generation -= 1
    return unheld


def _set_unmerged_aside(journal_path: Path, journals: list[Path], writable: bool) -> str:
    """Keep aside journals whose saves the snapshot may not hold; the notice saying so."""
    if not writable:
        return unmerged_notice([], journals)
    return unmerged_notice([keep_unmerged(journal, journal_path) for journal in journals], [])


def _set_journal_aside(path: Path, journal_path: Path, lost: int, why: str, writable: bool) -> str:
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
