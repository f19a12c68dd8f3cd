"""Rebuilding a damaged database from its backups, and the ``hallway check`` verification.

A backup at generation g is the snapshot S_g and (once a checkpoint moved past it) the
journal J_g that continued it, so S_g + J_g = S_{g+1}. Rebuilding starts from the newest
backup whose snapshot is sound, replays the backup journals that follow it generation by
generation, then the current journal if it continues the chain. Journal entries carry their
generation, so a line from another generation is never replayed on the wrong snapshot.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hallway.store import clock
from hallway.store.engine.backups import Backup, backup_dir, backup_files, list_backups
from hallway.store.engine.journal import Change, Scan, scan
from hallway.store.engine.snapshot import Damaged, bring_up_to_date, parse_snapshot
from hallway.store.engine.tables import TableSet
from hallway.store.files import DIR_MODE, fsync_dir, tighten, write_atomic
from hallway.store.i18n import N_, _, ngettext


@dataclass
class Rebuilt:
    """A state rebuilt from backups, and how complete it is."""

    tables: TableSet
    database_id: str  # the newest id along the chain (a JSON import may adopt another)
    generation: int  # the generation the rebuilt state corresponds to
    source: Backup
    reached_current: bool  # the current journal continued the chain (or was already in it)
    lost_lines: int  # damaged journal lines met on the way
    last_time: datetime  # when the newest backup piece replayed was taken
    skipped: list[Path] = field(default_factory=list)  # unreadable backups passed over


def usable_entries(result: Scan, generation: int) -> tuple[list[list[Change]], int]:
    """The change lists of ``result`` made for ``generation``, and how many lines were
    unusable (damaged, or of another generation while the header says this one)."""
    usable = [changes for gen, changes in result.entries if gen == generation]
    return usable, result.damaged + len(result.entries) - len(usable)


def journal_generation(result: Scan) -> int | None:
    """The generation a scanned journal belongs to (from its header, else its entries)."""
    if result.header is not None:
        return result.header.generation
    return result.entries[0][0] if result.entries else None


def rebuild_from_backups(db: Path, current_journal: bytes | None) -> Rebuilt | None:
    """The newest state the backups (and the current journal) can reproduce, or ``None``."""
    backups = list_backups(db)
    by_generation = {b.generation: b for b in backups}
    skipped: list[Path] = []
    for backup in backups:
        try:
            snap = parse_snapshot(backup.snapshot.read_bytes(), backup.snapshot)
        except (Damaged, OSError):
            skipped.append(backup.snapshot)
            continue
        tables, generation, lost, last = snap.tables, snap.generation, 0, backup
        database_id = snap.database_id
        while (piece := by_generation.get(generation)) is not None and piece.journal.exists():
            result = scan(piece.journal.read_bytes())
            usable, bad = usable_entries(result, generation)
            for changes in usable:
                tables.apply(changes)
            lost += bad
            database_id = _later_id(result, database_id)
            generation, last = generation + 1, piece
        reached = False
        if current_journal is not None:
            result = scan(current_journal)
            current_gen = journal_generation(result)
            if current_gen == generation:
                usable, bad = usable_entries(result, generation)
                for changes in usable:
                    tables.apply(changes)
                lost += bad
                reached = True
                database_id = _later_id(result, database_id)
            elif current_gen is not None and current_gen < generation:
                reached = True  # a stale journal: already inside the chain
        bring_up_to_date(tables, snap.schema)
        return Rebuilt(
            tables=tables,
            database_id=database_id,
            generation=generation,
            source=backup,
            reached_current=reached,
            lost_lines=lost,
            last_time=last.taken,
            skipped=skipped,
        )
    return None


def _later_id(result: Scan, database_id: str) -> str:
    """The database id a journal's header names, else ``database_id``: adopting another id
    (JSON import) checkpoints, so the id a journal starts with is the newest one."""
    return result.header.database_id if result.header is not None else database_id


def keep_aside(path: Path, label: str = "damaged", *, named: Path | None = None) -> Path:
    """Keep a copy of a damaged file beside ``named`` (default: beside itself, named after
    it) as ``<name>.<label>-<time>`` (never overwriting an earlier one); the original stays
    until it is replaced atomically."""
    named = named or path
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = named.with_name(f"{named.name}.{label}-{stamp}")
    count = 1
    while target.exists():
        count += 1
        target = named.with_name(f"{named.name}.{label}-{stamp}-{count}")
    try:
        os.link(path, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        write_atomic(target, path.read_bytes())
    # A hard link shares the original's mode, which may predate Hallway's owner-only rule.
    tighten(target)
    fsync_dir(target.parent)
    return target


UNMERGED = "unmerged"


def keep_unmerged(journal: Path, current: Path) -> Path:
    """Keep a journal (the current one, or a backup's) whose saves the database file may not
    hold as ``<current journal>.unmerged-<time>`` beside the database."""
    return keep_aside(journal, UNMERGED, named=current)


def unmerged_files(db: Path) -> list[Path]:
    """Journals kept aside because the database file did not hold their saves, oldest first."""
    return sorted(db.parent.glob(f"{db.name}.journal.{UNMERGED}-*"))


def unmerged_notice(kept: list[Path], still: list[Path]) -> str:
    """The notice telling the user saves were kept aside unmerged (in ``kept``; or, when
    nothing could be written, still in ``still``)."""
    files = ", ".join(str(p) for p in kept or still)
    if kept:
        where = _("They are kept in {files}").format(files=files)
    else:
        where = _("They are still in {files}").format(files=files)
    return _(
        "Hallway found saves that its database file does not contain: the database file was "
        "probably replaced by another copy of it (a file-sync tool, a backup put back, or a "
        "copy made by hand). Those saves were not mixed into the other copy, because records "
        "in the two copies may share numbers. {where}, one save per line as JSON; nothing "
        "was deleted. `hallway check` lists what they hold."
    ).format(where=where)


def no_backup_message(db: Path, journal: Path, reason: str) -> str:
    """The :class:`~hallway.store.errors.DatabaseDamaged` message when nothing can be restored."""
    return _(
        "Hallway's database file {path} {reason}, and there is no good backup to restore it "
        "from. The file has been left as it is, so nothing more is lost. If you have a copy "
        "of its backups folder, put it back beside the file and run `hallway check --repair`; "
        "to start with an empty database instead, move {name} and {journal} to another folder."
    ).format(path=db, reason=reason, name=db.name, journal=journal.name)


def restored_notice(reason: str, rebuilt: Rebuilt, aside: Path | None) -> str:
    """The notice telling the user a backup was restored, and what may be missing."""
    if rebuilt.reached_current and not rebuilt.lost_lines:
        outcome = _("together with every change saved after it: nothing is missing.")
    elif rebuilt.reached_current:
        lost = rebuilt.lost_lines
        outcome = ngettext(
            "but {n} saved change could not be read, so a few recent edits may be missing.",
            "but {n} saved changes could not be read, so a few recent edits may be missing.",
            lost,
        ).format(n=lost)
    else:
        when = rebuilt.last_time.astimezone().strftime("%Y-%m-%d %H:%M")
        outcome = _("but changes saved after {time} may be missing.").format(time=when)
    kept = _(" The damaged file is kept at {path}.").format(path=aside) if aside else ""
    restored = _("Hallway's database file {reason}, so the backup from {time} was restored, ")
    return restored.format(reason=reason, time=rebuilt.source.describe_time()) + outcome + kept


def journal_notice(lost: int, why: str, snapshot_time: str, aside: Path | None) -> str:
    """The notice telling the user the journal was damaged and set aside."""
    if why == FOREIGN_JOURNAL:
        message = ngettext(
            "Hallway's save journal belongs to another database, so its {n} change was not "
            "applied and a fresh journal was started.",
            "Hallway's save journal belongs to another database, so its {n} changes were not "
            "applied and a fresh journal was started.",
            lost,
        ).format(n=lost)
    elif lost:
        message = ngettext(
            "Part of Hallway's save journal was damaged: {n} saved change could not be read, "
            "so a few recent edits may be missing. Everything else was recovered.",
            "Part of Hallway's save journal was damaged: {n} saved changes could not be read, "
            "so a few recent edits may be missing. Everything else was recovered.",
            lost,
        ).format(n=lost)
    elif why == EMPTY_JOURNAL:
        message = _(
            "Hallway's save journal was empty or unreadable, so changes saved since the "
            "last checkpoint ({time}) may be missing."
        ).format(time=snapshot_time)
    else:
        message = _(
            "Hallway's save journal {why}; every readable change was recovered and a fresh "
            "journal was started."
        ).format(why=_(why))
    kept = _(" The damaged journal is kept at {path}.").format(path=aside) if aside else ""
    return message + kept


def checkpoint_notice(error: Exception, db: Path) -> str:
    """The notice telling the user a checkpoint failed (their saves are safe)."""
    if isinstance(error, OSError):
        # Name the database's folder, never a temp file the user has never heard of.
        why = _("{reason}, in {folder}").format(reason=error.strerror or error, folder=db.parent)
        hint = _("Free some disk space if the disk is full; ")
    else:
        why = f"{type(error).__name__}: {error}"
        hint = _("Run `hallway check` to see more; ")
    return _(
        "Every change is saved, but Hallway could not fold its save journal into the database "
        "file {name} ({why}), so until it can, that file alone does not hold every record. "
        "{hint}Hallway tries again after the next few saves and when it closes."
    ).format(name=db.name, why=why, hint=hint)


# Why a journal was set aside: compared as they are, translated where they are shown.
EMPTY_JOURNAL = N_("is empty or unreadable")
FOREIGN_JOURNAL = N_("belongs to another database")


def remove_leftover_temps(db: Path) -> None:
    """Delete temp files left by a killed writer. Call with the lock held: temp files are
    only made under it, so any found then is a leftover that never held the only copy."""
    for folder in (db.parent, backup_dir(db)):
        for leftover in folder.glob(f".{db.name}*.tmp-*"):
            leftover.unlink(missing_ok=True)


def make_files_private(db: Path, extra: list[Path]) -> bool:
    """Tighten the database's files (and backups, and damaged copies) to owner-only;
    True if any was readable by others."""
    files = [db, *extra, *backup_files(db), *db.parent.glob(f"{db.name}*.damaged-*")]
    loose = [f for f in files if f.exists() and os.stat(f).st_mode & 0o077]
    for file in loose:
        tighten(file)
    if backup_dir(db).exists():
        tighten(backup_dir(db), DIR_MODE)
    return bool(loose)
