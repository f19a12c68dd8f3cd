"""``hallway check``: verify a database without changing it, and repair it from backups."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from hallway.store.engine.backups import Backup, list_backups
from hallway.store.engine.journal import Change, Scan, scan
from hallway.store.engine.loading import (
    FOREIGN,
    NOT_CONTAINED,
    PARTLY_FOLDED,
    STALE,
    journal_relation,
    unheld_backups,
)
from hallway.store.engine.location import locate
from hallway.store.engine.locking import DEFAULT_TIMEOUT, lock_file_problem, shared
from hallway.store.engine.recovery import journal_generation, unmerged_files, usable_entries
from hallway.store.engine.snapshot import Damaged, Snapshot, parse_snapshot
from hallway.store.errors import NewerSchema
from hallway.store.text import amount, visible

NAMES_SHOWN = 8  # records named per unmerged file, at most


@dataclass
class CheckReport:
    """What ``hallway check`` found: ``ok`` when the database is sound; ``repairable`` when
    ``hallway check --repair`` can fix some of the problems (a damaged file)."""

    ok: bool
    problems: list[str]
    details: list[str]
    repairable: bool = False
    path: Path = field(default_factory=Path)


def check_database(
    path: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    waiting: Callable[[str], None] | None = None,
) -> CheckReport:
    """Verify the database at ``path`` without changing anything. Waits at most
    ``timeout`` seconds for another Hallway that is saving (telling ``waiting`` when it
    begins to wait), then raises :class:`~hallway.store.errors.SaveError` saying why."""
    db = locate(path)
    journal = db.with_name(db.name + ".journal")
    lock = db.with_name(db.name + ".lock")
    problems: list[str] = []  # problems --repair can fix
    other: list[str] = []  # problems it cannot (the message says what to do instead)
    details: list[str] = []
    lock_problem = lock_file_problem(lock)
    if lock_problem is not None:
        other.append(lock_problem)
    guard: AbstractContextManager[None] = (
        nullcontext() if lock_problem else shared(lock, timeout, waiting)
    )
    with guard:
        backups = list_backups(db)
        try:
            raw: bytes | None = db.read_bytes()
        except FileNotFoundError:
            raw = None
        if raw is None:
            problems.append(f"There is no database file at {db}.")
        else:
            try:
                snap: Snapshot | None = parse_snapshot(raw, db, lazy=False)
            except Damaged as exc:
                problems.append(f"The database file {db} {exc.reason}.")
                snap = None
            except NewerSchema as exc:
                other.append(str(exc))
                snap = None
            if snap is not None:
                for changes in _check_journal(db, journal, snap, problems, other, details):
                    snap.tables.apply(changes)
                tables = snap.tables.all()
                # Which tables, never how many people: Hallway shows no counts of people.
                names = ", ".join(sorted(t for t in tables if not t.startswith("_"))) or (
                    "no records yet"
                )
                details.insert(
                    0,
                    f"Database {db}: every record reads cleanly ({names}; "
                    f"data format {snap.schema}, generation {snap.generation}).",
                )
        _check_backups(backups, problems, details)
        other.extend(_unmerged_problems(db))
        for file in [db, journal]:
            if file.exists() and os.stat(file).st_mode & 0o077:
                problems.append(f"{file} can be read by other users of this computer.")
        if lock_problem is None and lock.exists() and os.stat(lock).st_mode & 0o077:
            problems.append(f"{lock} can be read by other users of this computer.")
    if problems and backups:
        details.append("`hallway check --repair` restores the newest good backup.")
    everything = problems + other
    return CheckReport(
        ok=not everything, problems=everything, details=details, repairable=bool(problems), path=db
    )


def _check_journal(
    db: Path,
    journal: Path,
    snap: Snapshot,
    problems: list[str],
    other: list[str],
    details: list[str],
) -> list[list[Change]]:
    """Check the journal; returns the changes it would replay on the snapshot."""
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        details.append("No journal yet (nothing saved since the last checkpoint).")
        return []
    result = scan(raw)
    if result.header is not None and result.header.generation > snap.generation:
        problems.append(f"The database file is older than its journal {journal}.")
        return []
    relation = journal_relation(snap, result, raw)
    if relation == FOREIGN:
        problems.append(f"The journal {journal} belongs to a different database.")
        return []
    if relation == PARTLY_FOLDED:
        assert snap.folded is not None
        size = snap.folded.size
        pairs = zip(result.entries, result.ends, strict=True)
        rest = [changes for (_gen, changes), end in pairs if end > size]
        details.append(
            "A checkpoint was interrupted; the next time Hallway opens the database it "
            f"finishes it ({amount(len(rest), 'saved change')} to fold)."
        )
        return rest
    if relation in (STALE, NOT_CONTAINED):
        current = [journal] if relation == NOT_CONTAINED else []
        unheld = current + unheld_backups(db, snap, result, raw)
        for found in unheld:
            other.append(
                f"{found} holds saves that the database file {db} does not contain: the file "
                "was probably replaced by another copy of it (a file-sync tool, a backup put "
                "back, a copy by hand). The next time Hallway opens the database it keeps "
                f"them aside as {db.name}.journal.unmerged-<time> and says so; "
                f"{_what_it_holds(scan(found.read_bytes()))}"
            )
        if not unheld:
            details.append("The journal is from before the last checkpoint and will be replaced.")
        return []
    return _continuing_journal(journal, result, snap.generation, problems, details)


def _continuing_journal(
    journal: Path, result: Scan, generation: int, problems: list[str], details: list[str]
) -> list[list[Change]]:
    current_gen = journal_generation(result)
    if result.header is None:
        problems.append(f"The first line of the journal {journal} is damaged.")
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


def _unmerged_problems(db: Path) -> list[str]:
    """One problem per journal kept aside unmerged, saying what it holds and what to do."""
    found = []
    for file in unmerged_files(db):
        try:
            result = scan(file.read_bytes())
        except OSError as exc:
            found.append(f"{file} holds saves kept aside, but cannot be read ({exc.strerror}).")
            continue
        found.append(
            f"{file} holds saves that the database file does not contain (it was replaced by "
            f"another copy of it), kept aside unmerged: {_what_it_holds(result)} Hallway does "
            "not mix them in by itself, because records in two copies may share numbers. "
            "Enter again what is missing (the file is one save per line, as JSON), then move "
            "the file out of this folder; `hallway check` reports it until then."
        )
    return found


def _what_it_holds(result: Scan) -> str:
    """Which records a journal's saves touch, by name, never how many people."""
    names: dict[str, None] = {}
    for _gen, changes in result.entries:
        for table, doc_id, doc in changes:
            name = doc.get("name") if isinstance(doc, dict) else None
            label = f"{table} {doc_id}" + (f" ({name})" if isinstance(name, str) else "")
            names[visible(label)] = None
    if not names:
        return "no readable saves."
    shown = list(names)[:NAMES_SHOWN]
    more = ", and more" if len(names) > NAMES_SHOWN else ""
    return f"saves to {', '.join(shown)}{more}."


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
