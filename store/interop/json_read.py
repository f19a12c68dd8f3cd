"""Reading a Hallway JSON export (schema 1 or 2), checked whole before anything is written.

The format is described in :mod:`hallway.store.interop.jsonio`. :func:`read_export` checks
every value (:mod:`~hallway.store.interop.export_checks`, and the merge bookkeeping with
:mod:`~hallway.store.interop.sync_checks`) and every reference between records, and raises
:class:`~hallway.store.errors.HallwayError` naming the first bad value by its path in the file;
what it returns is sound. A schema-1 file's items (notes, promises...) get ids by their place,
exactly as a database from before item ids gets them when brought up to date, so the same old
record has the same item ids wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import orjson

from hallway.store import clock
from hallway.store.db import CONTACTS, ENCOUNTERS, EVENTS, PROFILE, PROFILE_ID
from hallway.store.errors import HallwayError, NewerSchema
from hallway.store.i18n import _
from hallway.store.interop.export_checks import (
    NOUNS,
    BadField,
    Field,
    check_fields,
    check_header,
    check_record,
    named,
    record_id,
    record_label,
)
from hallway.store.interop.sync_checks import (
    DEVICE,
    ITEM_SPECS,
    check_item_id,
    check_sync,
)
from hallway.store.records import Contact, Encounter, Event, Profile
from hallway.store.sync_rules import number_items

FORMAT = "hallway"
SCHEMA = 2
TABLES = (EVENTS, ENCOUNTERS, CONTACTS)
_REQUIRED_ID = Field(record_id, required=True)

Doc = dict[str, Any]
Version = tuple[str, int, Doc | None, Doc | None]  # table, id, document or None, sync entry
R = TypeVar("R", Event, Encounter, Contact)


@dataclass
class Export:
    """A checked export: its records, and (schema 2) each one's merge bookkeeping, the
    records removed from it and the devices that wrote it."""

    schema: int
    database_id: str | None
    exported_at: datetime | None
    events: list[Event]
    encounters: list[Encounter]
    contacts: list[Contact]
    profile: Profile | None  # None: the file has none
    sync: dict[str, dict[int, Doc]] = field(default_factory=dict)  # table -> id -> entry
    removed: dict[str, dict[int, Doc]] = field(default_factory=dict)  # table -> id -> entry
    devices: list[tuple[Doc, Doc]] = field(default_factory=list)  # (entry, its sync entry)

    def tables(self) -> list[tuple[str, Sequence[Event | Encounter | Contact]]]:
        """The records by table name."""
        return [(EVENTS, self.events), (ENCOUNTERS, self.encounters), (CONTACTS, self.contacts)]

    def versions(self) -> list[Version]:
        """Every record's version, removed ones and the profile included (for a merge)."""
        found: list[Version] = []
        for table, records in self.tables():
            entries = self.sync.get(table, {})
            found += [(table, r.id, r.to_doc(), entries.get(r.id) or None) for r in records]
            found += [(table, i, None, e) for i, e in sorted(self.removed.get(table, {}).items())]
        if self.profile is not None:
            entry = self.sync.get(PROFILE, {}).get(PROFILE_ID) or None
            found.append((PROFILE, PROFILE_ID, self.profile.to_doc(), entry))
        return found


def damaged(reason: str) -> HallwayError:
    """The refusal of a file that is not a sound export."""
    return HallwayError(
        _("This Hallway export can't be imported: {reason}. Nothing was changed.").format(
            reason=reason
        )
    )


def read_export(data: bytes) -> Export:
    """Check a Hallway export whole and read it; raises :class:`NewerSchema` for an export
    from a newer Hallway and :class:`HallwayError` (with a plain reason) for anything that
    is not a sound export."""
    document = _load_document(data)
    schema = document["schema"]
    try:
        check_header(document)
        if schema >= 2:
            _check_bookkeeping(document)
    except BadField as bad:
        raise damaged(bad.message) from None
    export = Export(
        schema,
        document.get("database_id"),
        _exported_at(document),
        _records(document, EVENTS, Event.from_doc, schema),
        _records(document, ENCOUNTERS, Encounter.from_doc, schema),
        _records(document, CONTACTS, Contact.from_doc, schema),
        Profile.from_doc(document["profile"]) if document.get("profile") is not None else None,
    )
    if schema >= 2:
        for table in TABLES:
            export.sync[table] = {item["id"]: item["sync"] for item in document[table]}
            export.removed[table] = {
                item["id"]: item["sync"] for item in document["removed"][table]
            }
        if export.profile is not None:
            export.sync[PROFILE] = {PROFILE_ID: document["profile"].get("sync") or {}}
        export.devices = [
            ({k: d[k] for k in ("device_id", "tag", "name")}, d["sync"])
            for d in document["devices"]
        ]
    _check_ids(export)
    _check_references(export)
    return export


def _load_document(data: bytes) -> Doc:
    not_export = _(
        "This file isn't a Hallway export ({reason}). Nothing was changed; "
        'choose a file made with "hallway export json".'
    )
    try:
        # Windows editors save UTF-8 with a byte order mark; JSON itself has none.
        document = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        raise HallwayError(not_export.format(reason=_("it isn't JSON"))) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HallwayError(not_export.format(reason=_('it has no "format": "hallway" marker')))
    schema = document.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise damaged(_("its schema number is missing or not a whole number"))
    if schema > SCHEMA:
        raise NewerSchema(
            _(
                "This export was made by a newer Hallway (export schema {schema}; this Hallway "
                "reads schema {ours}). Update Hallway, then import it again. Nothing was changed."
            ).format(schema=schema, ours=SCHEMA)
        )
    for key in TABLES:
        if not isinstance(document.get(key), list):
            raise damaged(f'its "{key}" list is missing')
    return document


def _check_bookkeeping(document: Doc) -> None:
    """Schema 2's additions: every record's sync entry and its items' ids, the removed
    records, the devices, the profile's sync entry."""
    for table in TABLES:
        for index, item in enumerate(document[table]):
            if not isinstance(item, dict):
                continue  # check_record names it
            path = f"{table}[{index}]"
            try:
                if "sync" not in item:
                    raise BadField(f"{path}.sync", _("is missing"))
                check_sync(item["sync"], f"{path}.sync", table)
                for name in ITEM_SPECS:
                    items = item.get(name)
                    if isinstance(items, list):
                        _check_item_ids(items, f"{path}.{name}")
            except BadField as bad:
                raise BadField(bad.path, bad.why, record_label(item, NOUNS[table])) from None
    removed = document.get("removed")
    if not isinstance(removed, dict):
        raise BadField(
            "removed", _("is missing") if removed is None else _("should be a group of fields")
        )
    for table in TABLES:
        entries = removed.get(table)
        if not isinstance(entries, list):
            raise BadField(f"removed.{table}", _("should be a list of removed records"))
        removed_ids: set[int] = set()
        for index, item in enumerate(entries):
            path = f"removed.{table}[{index}]"
            if not isinstance(item, dict):
                raise BadField(path, _("should be a removed record (its id and sync entry)"))
            check_fields(item, {"id": _REQUIRED_ID}, path)
            if item["id"] in removed_ids:
                raise BadField(f"{path}.id", _("is {id}, removed twice").format(id=item["id"]))
            removed_ids.add(item["id"])
            if "sync" not in item:
                raise BadField(f"{path}.sync", _("is missing"))
            check_sync(item["sync"], f"{path}.sync", table)
            if "x" not in item["sync"]:
                raise BadField(f"{path}.sync.x", _("is missing (when the record was removed)"))
    devices = document.get("devices")
    if not isinstance(devices, list):
        raise BadField("devices", _("should be a list of the devices that wrote the database"))
    seen: set[str] = set()
    for index, device in enumerate(devices):
        path = f"devices[{index}]"
        if not isinstance(device, dict):
            raise BadField(path, _("should be a device (its id, tag and name)"))
        check_fields(device, DEVICE, path)
        if device["device_id"][:8] in seen:
            raise BadField(f"{path}.device_id", _("names a device listed before it"))
        seen.add(device["device_id"][:8])
        if "sync" not in device:
            raise BadField(f"{path}.sync", _("is missing"))
        check_sync(device["sync"], f"{path}.sync", "devices")
    profile = document.get("profile")
    if isinstance(profile, dict) and "sync" in profile:
        check_sync(profile["sync"], "profile.sync", PROFILE)


def _check_item_ids(items: list[Any], path: str) -> None:
    seen: set[int] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue  # check_record names it
        check_item_id(item, f"{path}[{index}]")
        if item["id"] in seen:
            why = _("is {id}, the id of an item before it").format(id=item["id"])
            raise BadField(f"{path}[{index}].id", why)
        seen.add(item["id"])


def _records(document: Doc, key: str, build: Callable[[Doc, int], R], schema: int) -> list[R]:
    """Check and build one table; each id is used once."""
    records: list[R] = []
    for index, item in enumerate(document[key]):
        try:
            check_record(item, key, index)
        except BadField as bad:
            raise damaged(bad.message) from None
        doc = {k: v for k, v in item.items() if k not in ("id", "sync")}
        if schema < 2:
            for name in ITEM_SPECS:
                if isinstance(doc.get(name), list):
                    doc[name] = [dict(entry) for entry in doc[name]]
                    number_items(doc[name])
        # Checked above, so building reads every value as it is (no coercion left to do).
        records.append(build(doc, item["id"]))
    return records


def _check_ids(export: Export) -> None:
    """Each id is used once in a table, live and removed records together."""
    for table, records in export.tables():
        seen: set[int] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                why = _("{path}: the id {id} is used by two {table}")
                raise damaged(why.format(path=f"{table}[{index}].id", id=record.id, table=table))
            seen.add(record.id)
        for index, removed_id in enumerate(export.removed.get(table, {})):
            if removed_id in seen:
                why = _("{path}: the id {id} is also a record of the file that is not removed")
                raise damaged(why.format(path=f"removed.{table}[{index}].id", id=removed_id))
            seen.add(removed_id)


def _check_references(export: Export) -> None:
    """Every encounter's event and contact, and every contact's encounters, must be in the
    file (a schema-2 file may name records removed from it: merges can leave that)."""
    known = {
        table: {r.id for r in records} | set(export.removed.get(table, {}))
        for table, records in export.tables()
    }
    # Two devices may each have had an event live when a schema-2 export was made (the
    # import keeps one live); before devices, one event was live at most.
    if export.schema < 2 and sum(e.live for e in export.events) > 1:
        raise damaged(_("more than one event is marked live"))
    for index, encounter in enumerate(export.encounters):
        who = named("encounter", encounter.name)
        if encounter.event_id not in known[EVENTS]:
            why = _("{path}: {who} belongs to event {id}, which is not in the file")
            path = f"encounters[{index}].event_id"
            raise damaged(why.format(path=path, who=who, id=encounter.event_id))
        if encounter.contact_id is not None and encounter.contact_id not in known[CONTACTS]:
            why = _("{path}: {who} points to contact {id}, which is not in the file")
            path = f"encounters[{index}].contact_id"
            raise damaged(why.format(path=path, who=who, id=encounter.contact_id))
        for position, other in enumerate(encounter.circle):
            if other == encounter.id or other not in known[ENCOUNTERS]:
                if other == encounter.id:
                    why = _("{path}: {who} lists itself in its circle")
                else:
                    why = _(
                        "{path}: {who} lists encounter {id}, which is not in the file in its circle"
                    )
                path = f"encounters[{index}].circle[{position}]"
                raise damaged(why.format(path=path, who=who, id=other))
    for index, contact in enumerate(export.contacts):
        for position, encounter_id in enumerate(contact.encounter_ids):
            if encounter_id not in known[ENCOUNTERS]:
                who = named("contact", contact.name)
                why = _("{path}: {who} lists encounter {id}, which is not in the file")
                path = f"contacts[{index}].encounter_ids[{position}]"
                raise damaged(why.format(path=path, who=who, id=encounter_id))


def _exported_at(document: Doc) -> datetime | None:
    """When the export was made (already checked by :func:`check_header`)."""
    value = document.get("exported_at")
    return None if value is None else clock.parse_time(value)
