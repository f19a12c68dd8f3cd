"""``hallway check``: verify a database without changing it, and repair it from backups."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hallway.store.engine.backups import Backup, list_backups
from hallway.store.engine.journal import Change, scan
from hallway.store.engine.recovery import journal_generation, usable_entries
from hallway.store.engine.snapshot import Damaged, parse_snapshot
from hallway.store.errors import NewerSchema
from hallway.store.text import amount


@dataclass
class CheckReport:
    """What ``hallway check`` found: ``ok`` when the database is sound."""

    ok: bool
    problems: list[str]
    details: list[str]


@contextmanager
def _shared_lock(db: Path) -> Iterator[None]:
    """Hold the lock shared while reading, without creating anything (read-only check)."""
    try:
        fd = os.open(db.with_name(db.name + ".lock"), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def check_database(path: str | os.PathLike[str]) -> CheckReport:
    """Verify the database at ``path`` without changing anything."""
    db = Path(path)
    journal = db.with_name(db.name + ".journal")
    problems: list[str] = []
    details: list[str] = []
    with _shared_lock(db):
        backups = list_backups(db)
        try:
            raw: bytes | None = db.read_bytes()
        except FileNotFoundError:
            raw = None
        if raw is None:
            problems.append(f"There is no database file at {db}.")
        else:
            try:
                snap = parse_snapshot(raw, db, lazy=False)
            except Damaged as exc:
                problems.append(f"The database file {db} {exc.reason}.")
                snap = None
            except NewerSchema as exc:
                problems.append(str(exc))
                snap = None
            if snap is not None:
                for changes in _check_journal(
                    journal, snap.generation, snap.database_id, problems, details
                ):
                    snap.tables.apply(changes)
                tables = snap.tables.all()
                # Which tables, never how many people: Hallway shows no counts of people.
                names = ", ".join(sorted(tables)) or "no records yet"
                details.insert(
                    0,
                    f"Database {db}: every record reads cleanly ({names}; "
                    f"data format {snap.schema}, generation {snap.generation}).",
                )
        _check_backups(backups, problems, details)
        for file in [db, journal, db.with_name(db.name + ".lock")]:
            if file.exists() and os.stat(file).st_mode & 0o077:
                problems.append(f"{file} can be read by other users of this computer.")
    if problems and backups:
        details.append("`hallway check --repair` restores the newest good backup.")
    return CheckReport(ok=not problems, problems=problems, details=details)


def _check_journal(
    journal: Path, generation: int, database_id: str, problems: list[str], details: list[str]
) -> list[list[Change]]:
    """Check the journal; returns the changes it would replay on the snapshot."""
    try:
        result = scan(journal.read_bytes())
    except FileNotFoundError:
        details.append("No journal yet (nothing saved since the last checkpoint).")
        return []
    current_gen = journal_generation(result)
    if result.header is None:
        problems.append(f"The first line of the journal {journal} is damaged.")
    elif result.header.database_id != database_id:
        problems.append(f"The journal {journal} belongs to a different database.")
        return []
    if current_gen is not None and current_gen < generation:
        details.append("The journal is from before the last checkpoint and will be replaced.")
        return []
    if current_gen is not None and current_gen > generation:
        problems.append(f"The database file is older than its journal {journal}.")
        return []
    usable, bad = usable_entries(result, generation)
    if bad:
        verb = "is" if bad == 1 else "are"
        problems.append(f"{amount(bad, 'saved change')} in the journal {journal} {verb} damaged.")
    saved = amount(len(result.entries), "saved change")
    details.append(f"Journal: {saved} since the last checkpoint.")
    if result.torn_tail:
        details.append(
            "The last save in the journal was interrupted before it was confirmed; it is ignored."
        )
    return usable


def _check_backups(backups: list[Backup], problems: list[str], details: list[str]) -> None:
    if not backups:
        details.append("No backups yet.")
        return
    newest = backups[0].describe_time()
    details.append(f"{amount(len(backups), 'backup')}; the newest is from {newest}.")
    for backup in backups:
        try:
            parse_snapshot(backup.snapshot.read_bytes(), backup.snapshot, lazy=False)
        except (Damaged, NewerSchema, OSError):
            details.append(f"The backup {backup.snapshot} cannot be read; it will be ignored.")
