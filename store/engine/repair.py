"""``hallway check --repair``: restore a damaged database from its backups."""

from __future__ import annotations

import os

from hallway.store.engine.backups import list_backups
from hallway.store.engine.check import check_database
from hallway.store.engine.storage import DurableStorage
from hallway.store.errors import DatabaseDamaged
from hallway.store.i18n import _


def repair_database(path: str | os.PathLike[str]) -> str:
    """Repair the database at ``path``: restore the newest good backup (replaying every
    journal that can be replayed), keeping the damaged file aside. Returns a plain message;
    raises :class:`DatabaseDamaged` when there is nothing good to restore."""
    report = check_database(path)
    db = report.path
    if report.ok:
        return _("The database at {path} is sound; nothing needed repairing.").format(path=db)
    if not report.repairable:
        return _(
            "Nothing at {path} needs repairing from a backup; `hallway check` says what needs "
            "your attention."
        ).format(path=db)
    if not db.exists() and not list_backups(db):
        raise DatabaseDamaged(
            _(
                "There is no database file at {path} and no backup to restore it from. "
                "If you have a copy of it, put it back at that place."
            ).format(path=db)
        )
    storage = DurableStorage(db)
    try:
        notices = list(storage.notices)
    finally:
        storage.close()
    after = check_database(db)
    if after.repairable:
        raise DatabaseDamaged(" ".join([*notices, *after.problems]))
    again = _("The database at {path} was checked and is sound again.")
    return " ".join(notices) or again.format(path=db)
