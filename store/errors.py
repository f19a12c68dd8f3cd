"""Errors the store raises. Each carries a message written for the person using Hallway."""

from __future__ import annotations

from hallway.store.i18n import _


class HallwayError(Exception):
    """Base of every error Hallway explains to its user (the message is shown as is)."""


class CaptureError(HallwayError, ValueError):
    """A capture line the grammar refuses; the message says why."""


class SaveError(HallwayError):
    """A save that did not happen (disk full, read-only folder, permission denied, lock timeout).

    The database on disk is unchanged and the in-memory state is rolled back to it.
    """


class DatabaseDamaged(HallwayError):
    """The database is damaged and no good backup could be restored; writing is refused."""


class NewerSchema(HallwayError):
    """The file was written by a newer Hallway than this one."""


class NotFound(HallwayError, KeyError):
    """No record with that id (it may have been removed by another process)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else _("not found")
