"""Merging another database's JSON export into this one (``hallway import json --merge``), for
people who move data between devices by hand.

The export's records merge into this database by the rules two devices merge by
(:mod:`hallway.store.engine.merge`): field by field the later change wins (the other value is
kept in the record's history), notes, promises and the like are merged one by one, topics and
a contact's encounters as sets, and a record removed on one side is removed on the other unless
it was changed there since. Nothing the database holds is dropped to make room.

Which records are "the same":

* Records made since devices have ids unique everywhere: the same id is the same record.
* Records from before devices have counter ids (1, 2, 3 ...), which mean something only inside
  their own database. From an export of *this* database (the same ``database_id``: the same
  database, or one restored from its export) they are this database's records of the same id.
  From *another* database they take ids of their own here, worked out from that database's
  id and theirs (:func:`hallway.store.engine.ids.imported_id`), every reference following
  them; an id one of this database's own records took over there comes back as that record.
* An export from before devices (schema 1) carries no stamps: its records count as written
  long ago, so nothing written here is overwritten by them (where this database's record is
  from before devices too, this database's version is taken as the newer one, and the file's
  other values go to the record's history). Two copies of one database that went separate ways
  before devices may give the same counter id to different people; a record of such a file
  whose id here belongs to someone else (another name and another moment met, another event
  start, another contact's name and encounters) is kept as a record of its own, never mixed in.

Merging is deterministic and idempotent: the same file merged twice changes nothing the second
time, and every device computes the same ids. The whole file is checked first
(:mod:`.json_read`), a full copy of the database is kept in its backups folder before anything
changes, and the merge is one durable save.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import orjson

from hallway.store.db import CONTACTS, ENCOUNTERS, EVENTS, Store
from hallway.store.i18n import _
from hallway.store.interop.json_read import Export, read_export
from hallway.store.interop.jsonio import keep_one_live
from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import human_date

R = TypeVar("R", Event, Encounter, Contact)


@dataclass(frozen=True)
class MergeSummary:
    """What merging an export did (said without counts of people, on purpose)."""

    changed: bool
    exported_at: datetime | None
    backup: Path | None = None  # the copy of what the database held before, if one was kept

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """A plain sentence for the person merging."""
        at = self.exported_at
        if not self.changed:
            if at is None:
                return _("The database already holds everything in the export; nothing changed.")
            return _(
                "The database already holds everything in the export made on {day} at {time}; "
                "nothing changed."
            ).format(day=human_date(at), time=f"{at:%H:%M}")
        if at is None:
            text = _("The export is merged into the database.")
        else:
            text = _("The export made on {day} at {time} is merged into the database.").format(
                day=human_date(at), time=f"{at:%H:%M}"
            )
        if self.backup is not None:
            text += " " + _("What it held before is kept in {backup}.").format(backup=self.backup)
        return text


def merge_json(store: Store, data: bytes) -> MergeSummary:
    """Merge a Hallway export (schema 1 or 2) into the database, or refuse it untouched.

    Raises :class:`~hallway.store.errors.NewerSchema` for an export from a newer Hallway and
    :class:`~hallway.store.errors.HallwayError` (with a plain reason, the first bad value
    named by its path in the file) for anything that is not a sound export.
    """
    export = read_export(data)
    # An export without a database id (written by hand) is a database of its own, named by
    # its content: merging it twice still finds its records again.
    source = export.database_id or "export:" + hashlib.sha256(data).hexdigest()
    with store.transaction():
        apart = {}
        if source == store.database_id and export.schema < 2:
            apart = records_set_apart(store, export)
        holds_records = bool(store.events() or store.encounters() or store.contacts())
        changed, backup = store.merge_documents(
            export.versions(),
            source=source,
            set_apart=apart,
            unstamped=export.schema < 2,
            backup=holds_records,
            writers=export.devices,
        )
        keep_one_live(store)
    return MergeSummary(bool(changed), export.exported_at, backup)


def records_set_apart(store: Store, export: Export) -> dict[tuple[str, int], str]:
    """The records of an export from before devices, from this same database, whose counter
    id belongs here to another record (by its name and moments, see the module's note), each
    with a word telling it apart (from its content: the same every time)."""
    apart: dict[tuple[str, int], str] = {}
    _compare(apart, EVENTS, export.events, store.events(), _same_event)
    _compare(apart, ENCOUNTERS, export.encounters, store.encounters(), _same_encounter)
    kept_apart = {record_id for table, record_id in apart if table == ENCOUNTERS}

    def same_contact(theirs: Contact, ours: Contact) -> bool:
        shared = set(theirs.encounter_ids) & set(ours.encounter_ids) - kept_apart
        return _same_name(theirs.name, ours.name) or bool(shared)

    _compare(apart, CONTACTS, export.contacts, store.contacts(), same_contact)
    return apart


def _compare(
    apart: dict[tuple[str, int], str],
    table: str,
    theirs: Sequence[R],
    ours: Sequence[R],
    same: Callable[[R, R], bool],
) -> None:
    here: Mapping[int, R] = {record.id: record for record in ours}
    for record in theirs:
        local = here.get(record.id)
        if local is not None and not same(record, local):
            content = orjson.dumps(record.to_doc(), option=orjson.OPT_SORT_KEYS)
            apart[(table, record.id)] = "apart:" + hashlib.sha256(content).hexdigest()[:32]


def _same_name(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _same_event(theirs: Event, ours: Event) -> bool:
    return _same_name(theirs.name, ours.name) or theirs.starts == ours.starts


def _same_encounter(theirs: Encounter, ours: Encounter) -> bool:
    return _same_name(theirs.name, ours.name) or theirs.met_at == ours.met_at
