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
from hallway.store.i18n import N_, _, ngettext
from hallway.store.text import visible

NAMES_SHOWN = 8  # records named per unmerged file, at most


_OLDER = N_("The database file is older than its journal {journal}.")
_BEFORE_CHECKPOINT = N_("The journal is from before the last checkpoint and will be replaced.")


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
            problems.append(_("There is no database file at {path}.").format(path=db))
        else:
            try:
                snap: Snapshot | None = parse_snapshot(raw, db, lazy=False)
            except Damaged as exc:
                problems.append(
                    _("The database file {path} {reason}.").format(path=db, reason=exc.translated())
                )
                snap = None
            except NewerSchema as exc:
                other.append(str(exc))
                snap = None
            if snap is not None:
                for changes in _check_journal(db, journal, snap, problems, other, details):
                    snap.tables.apply(changes)
                tables = snap.tables.all()
                # Which tables, never how many people: Hallway shows no counts of people.
                names = ", ".join(sorted(t for t in tables if not t.startswith("_"))) or _(
                    "no records yet"
                )
                details.insert(
                    0,
                    _(
                        "Database {path}: every record reads cleanly ({tables}; data format "
                        "{schema}, generation {generation})."
                    ).format(path=db, tables=names, schema=snap.schema, generation=snap.generation),
                )
        _check_backups(backups, problems, details)
        other.extend(_unmerged_problems(db))
        readable = _("{path} can be read by other users of this computer.")
        for file in [db, journal]:
            if file.exists() and os.stat(file).st_mode & 0o077:
                problems.append(readable.format(path=file))
        if lock_problem is None and lock.exists() and os.stat(lock).st_mode & 0o077:
            problems.append(readable.format(path=lock))
    if problems and backups:
        details.append(_("`hallway check --repair` restores the newest good backup."))
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
        details.append(_("No journal yet (nothing saved since the last checkpoint)."))
        return []
    result = scan(raw)
    if result.header is not None and result.header.generation > snap.generation:
        problems.append(_(_OLDER).format(journal=journal))
        return []
    relation = journal_relation(snap, result, raw)
    if relation == FOREIGN:
        problems.append(
            _("The journal {journal} belongs to a different database.").format(journal=journal)
        )
        return []
    if relation == PARTLY_FOLDED:
        assert snap.folded is not None
        size = snap.folded.size
        pairs = zip(result.entries, result.ends, strict=True)
        rest = [changes for (_gen, changes), end in pairs if end > size]
        details.append(
            ngettext(
                "A checkpoint was interrupted; the next time Hallway opens the database it "
                "finishes it ({n} saved change to fold).",
                "A checkpoint was interrupted; the next time Hallway opens the database it "
                "finishes it ({n} saved changes to fold).",
                len(rest),
            ).format(n=len(rest))
        )
        return rest
    if relation in (STALE, NOT_CONTAINED):
        current = [journal] if relation == NOT_CONTAINED else []
        unheld = current + unheld_backups(db, snap, result, raw)
        for found in unheld:
            other.append(
                _(
                    "{found} holds saves that the database file {path} does not contain: the "
                    "file was probably replaced by another copy of it (a file-sync tool, a "
                    "backup put back, a copy by hand). The next time Hallway opens the database "
                    "it keeps them aside as {name}.journal.unmerged-<time> and says so; {what}"
                ).format(
                    found=found,
                    path=db,
                    name=db.name,
                    what=_what_it_holds(scan(found.read_bytes())),
                )
            )
        if not unheld:
            details.append(_(_BEFORE_CHECKPOINT))
        return []
    return _continuing_journal(journal, result, snap.generation, problems, details)


def _continuing_journal(
    journal: Path, result: Scan, generation: int, problems: list[str], details: list[str]
) -> list[list[Change]]:
    current_gen = journal_generation(result)
    if result.header is None:
        problems.append(
            _("The first line of the journal {journal} is damaged.").format(journal=journal)
        )
    if current_gen is not None and current_gen < generation:
        details.append(_(_BEFORE_CHECKPOINT))
        return []
    if current_gen is not None and current_gen > generation:
        problems.append(_(_OLDER).format(journal=journal))
        return []
    usable, bad = usable_entries(result, generation)
    if bad:
        problems.append(
            ngettext(
                "{n} saved change in the journal {journal} is damaged.",
                "{n} saved changes in the journal {journal} are damaged.",
                bad,
            ).format(n=bad, journal=journal)
        )
    entries = len(result.entries)
    details.append(
        ngettext(
            "Journal: {n} saved change since the last checkpoint.",
            "Journal: {n} saved changes since the last checkpoint.",
            entries,
        ).format(n=entries)
    )
    if result.torn_tail:
        details.append(
            _(
                "The last save in the journal was interrupted before it was confirmed; it is "
                "ignored."
            )
        )
    return usable


def _unmerged_problems(db: Path) -> list[str]:
    """One problem per journal kept aside unmerged, saying what it holds and what to do."""
    found = []
    for file in unmerged_files(db):
        try:
            result = scan(file.read_bytes())
        except OSError as exc:
            found.append(
                _("{file} holds saves kept aside, but cannot be read ({reason}).").format(
                    file=file, reason=exc.strerror
                )
            )
            continue
        found.append(
            _(
                "{file} holds saves that the database file does not contain (it was replaced by "
                "another copy of it), kept aside unmerged: {what} Hallway does not mix them in "
                "by itself, because records in two copies may share numbers. Enter again what "
                "is missing (the file is one save per line, as JSON), then move the file out of "
                "this folder; `hallway check` reports it until then."
            ).format(file=file, what=_what_it_holds(result))
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
        return _("no readable saves.")
    shown = ", ".join(list(names)[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        return _("saves to {records}, and more.").format(records=shown)
    return _("saves to {records}.").format(records=shown)


def _check_backups(backups: list[Backup], problems: list[str], details: list[str]) -> None:
    if not backups:
        details.append(_("No backups yet."))
        return
    newest = backups[0].describe_time()
    details.append(
        ngettext(
            "{n} backup; the newest is from {time}.",
            "{n} backups; the newest is from {time}.",
            len(backups),
        ).format(n=len(backups), time=newest)
    )
    for backup in backups:
        try:
            parse_snapshot(backup.snapshot.read_bytes(), backup.snapshot, lazy=False)
        except (Damaged, NewerSchema, OSError):
            details.append(
                _("The backup {file} cannot be read; it will be ignored.").format(
                    file=backup.snapshot
                )
            )
