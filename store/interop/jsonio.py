"""The JSON export: the whole database, versioned, and its faithful import.

``export_json`` writes, in schema 2 (UTF-8 JSON, indented)::

    {"format": "hallway", "schema": 2, "exported_at": "2025-05-14T18:00:00+02:00",
     "database_id": "…",
     "devices": [{"device_id": "…", "tag": 1, "name": "laptop",
                  "last_seen": "2025-05-14T17:55:00+02:00", "sync": {…}}, …],
     "events": [{"id": …, "name": …, …, "sync": {…}}, …],
     "encounters": […], "contacts": […],
     "profile": {"topics": […], "sync": {…}},
     "removed": {"events": [{"id": …, "sync": {…}}, …], "encounters": […], "contacts": […]}}

Each record is its ``to_doc()`` with its ``id`` first and its ``sync`` last. Ids are kept as
they are: a database from before devices keeps its counter ids (1, 2, 3 …), and records made
since have long ids unique across devices (up to 2**53, exact in every JSON reader). Items --
notes, follow-ups, interactions, give-and-take -- carry an ``id`` too, unique within their list.
Encounters write ``circle`` (the ids of the others in a conversation circle) and ``active_at``
(the last activity while the conversation went on) only when they have them; contacts write
``edited`` only when set; events write ``address_form`` ("du" or "sie", how the German
helper addresses people there) only once it is chosen (an import takes ``null`` as not
chosen and refuses any other value); ``profile`` (the topics you marked as your own) is
written when you marked some, or once did. ``ended_at`` is the stamped end, as stored: the rest of a
conversation's end follows from the records by :mod:`hallway.store.conversations`, so an
import gives the same answers.

The rest is bookkeeping that lets another Hallway merge the file by the rules devices merge
by (``hallway import json --merge``); other readers may ignore it, and a reader that wants the
data reads the three lists as it always did:

* ``sync``: each record's *sync entry*, opaque: when each part of it was last written, by a
  stamp whose last four hex digits are the writing device's tag (shape:
  :mod:`hallway.store.interop.sync_checks`);
* ``removed``: the records removed from the database (a removal is kept, with what the record
  held, so that a merge removes it elsewhere too, unless it was changed there since);
* ``devices``: which devices wrote the database: each one's id, its tag (the one in its
  stamps, so every stamp leads to a device), its name, and its latest change still in the
  database (``last_seen``; ``null`` when none is left).

Schema 1 (Hallway before devices) had the same records without item ids, ``sync``,
``removed`` and ``devices``; such files still import (:mod:`.json_read` gives their items ids
by place, as a database from before item ids gets them when brought up to date).

``import_json`` checks the whole file, every value's type, range and length, before it changes
anything (:mod:`hallway.store.interop.export_checks`, :mod:`.sync_checks`). Into a database that
holds nothing (no records, none removed), a schema-2 export is restored exactly, bookkeeping
included, so the restored database merges with the devices it came from as they would have;
a schema-1 export's records are stamped as written now. A database that already holds records
is replaced only when the caller says so (``replace=True``), and only after a full copy of it
is kept in the backups folder: then everything is stamped as this device's latest change, so
every device that shares the database takes the replacement. Either way in one durable save,
so a refused file leaves the database exactly as it was.

The importing database adopts the export's ``database_id`` (it keeps its own when the
export has none), in the same durable save, so export -> import -> export is equal apart
from ``exported_at``. Merging another database's export in instead:
:mod:`hallway.store.interop.json_merge`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from hallway.store import clock
from hallway.store.db import CONTACTS, ENCOUNTERS, EVENTS, PROFILE, PROFILE_ID, Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.interop.json_read import FORMAT, SCHEMA, TABLES, read_export
from hallway.store.records import Contact, Encounter, Event, Profile
from hallway.store.text import human_date

__all__ = ["FORMAT", "SCHEMA", "ImportSummary", "WouldReplace", "export_json", "import_json"]


@dataclass(frozen=True)
class ImportSummary:
    """What a JSON import restored."""

    events: int
    encounters: int
    contacts: int
    exported_at: datetime | None
    backup: Path | None = None  # the copy of what the database held before, if anything

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """A plain sentence for the person importing (no tallies of people, on purpose)."""
        at = self.exported_at
        if at is None:
            text = _("The database now holds everything from the export.")
        else:
            text = _("The database now holds everything from the export made on {day} at {time}.")
            text = text.format(day=human_date(at), time=f"{at:%H:%M}")
        if self.backup is not None:
            text += " " + _("What it held before is kept in {backup}.").format(backup=self.backup)
        return text


class WouldReplace(HallwayError):
    """The database already holds records and the caller did not ask to replace them."""


def export_json(store: Store) -> bytes:
    """The whole database as a versioned Hallway export (UTF-8 JSON, indent 2), bookkeeping
    included (for a JSON export from the app, take ``store.frozen(bookkeeping=True)``)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA,
        "exported_at": clock.format_time(clock.now()),
        "database_id": store.database_id,
        "devices": [
            {
                "device_id": writer.device_id,
                "tag": writer.tag,
                "name": writer.name,
                "last_seen": _local(writer.last_seen),
                "sync": _canonical(writer.sync or {}),
            }
            for writer in store.writers()
        ],
    }
    removed: dict[str, list[dict[str, Any]]] = {}
    for table, records in (
        (EVENTS, store.events()),
        (ENCOUNTERS, store.encounters()),
        (CONTACTS, store.contacts()),
    ):
        entries = store.bookkeeping(table)
        document[table] = [
            {"id": r.id, **r.to_doc(), "sync": _canonical(entries.get(r.id) or {})}
            for r in sorted(records, key=_by_id)
        ]
        kept = {r.id for r in records}
        removed[table] = [
            {"id": record_id, "sync": _canonical(entry)}
            for record_id, entry in sorted(entries.items())
            if record_id not in kept and "x" in entry  # only removals say anything
        ]
    profile = store.profile()
    profile_sync = store.bookkeeping(PROFILE).get(PROFILE_ID)
    if profile.topics or profile_sync:  # marked, or once marked (a removal merges too)
        document["profile"] = {**profile.to_doc(), "sync": _canonical(profile_sync or {})}
    document["removed"] = removed
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def import_json(store: Store, data: bytes, *, replace: bool = False) -> ImportSummary:
    """Replace the database's content with a Hallway export, or refuse it untouched.

    Every value is checked first (:func:`~hallway.store.interop.json_read.read_export`:
    types, ranges, lengths, dates, references, bookkeeping); the first bad one is named by its
    path in the file and nothing is written. Into a database that holds records, only with
    ``replace=True``, and then a full copy of what it held is kept in the backups folder first
    (named in the summary). Raises :class:`WouldReplace` without ``replace``,
    :class:`~hallway.store.errors.NewerSchema` for an export from a newer Hallway and
    :class:`HallwayError` (with a plain reason) for anything that is not a sound export.
    """
    export = read_export(data)
    backup: Path | None = None
    with store.transaction():
        if export.schema >= 2 and _holds_nothing(store):
            if export.database_id is not None:
                store.adopt_database_id(export.database_id)
            store.merge_documents(export.versions(), writers=export.devices)
            keep_one_live(store)
        else:
            if store.events() or store.encounters() or store.contacts():
                if not replace:
                    raise WouldReplace(
                        _(
                            "{path} already holds records, and importing this export would "
                            "replace all of them. Nothing was changed."
                        ).format(path=store.path)
                    )
                backup = store.backup_now()
            store.replace_all(
                export.events, export.encounters, export.contacts, export.profile or Profile()
            )
            if export.database_id is not None:
                store.adopt_database_id(export.database_id)
            keep_one_live(store)
    return ImportSummary(
        len(export.events), len(export.encounters), len(export.contacts), export.exported_at, backup
    )


def keep_one_live(store: Store) -> None:
    """One event is live at a time: where an import or a merge brought several (two devices
    each at an event of their own), the one that started last stays live and the others end,
    as starting an event ends any other (in the caller's transaction)."""
    live = [event for event in store.events() if event.live]  # the latest start first
    if len(live) > 1:
        store.start_event(live[0].id)


def _local(moment: datetime | None) -> str | None:
    """A moment as the export writes times: in the zone of the export's own time."""
    return None if moment is None else clock.format_time(moment.astimezone(clock.now().tzinfo))


def _holds_nothing(store: Store) -> bool:
    """Whether the database holds no record and no trace of one (a removal, your topics)."""
    if store.events() or store.encounters() or store.contacts() or store.profile().topics:
        return False
    return not any(store.bookkeeping(table) for table in (*TABLES, PROFILE))


def _canonical(value: Any) -> Any:
    """A sync entry with its keys in order, at every depth: devices that merged the same
    changes hold equal entries, but not always with their keys in the same order (a removed
    record's content as removed here, or as merged from another device), and their exports
    should be equal byte for byte."""
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _by_id(record: Event | Encounter | Contact) -> int:
    return record.id
