"""The JSON export: the whole database, versioned, and its faithful import.

``export_json`` writes ``{"format": "hallway", "schema": 1, "exported_at", "database_id",
"events", "encounters", "contacts"}``; each record is its ``to_doc()`` with ``id`` first.
Encounters carry two optional fields added later within schema 1: ``circle`` (the ids of the
others in a conversation circle) and ``active_at`` (the last activity while the conversation
went on); an encounter without them writes neither, so older exports and readers are
unaffected, and a reader that ignores them loses only those details. Likewise an optional
top-level ``profile`` (``{"topics": [...]}``: the topics you marked as your own) is written
when you have marked some; importing an export without one leaves you none. ``ended_at`` is the
stamped end, as stored: the rest of a conversation's end (the next capture, a quiet spell)
follows from the exported records by :mod:`hallway.store.conversations`, so an import gives
the same answers.
``import_json`` checks the whole file, every value's type, range and length, before it changes
anything (:mod:`hallway.store.interop.export_checks`), then replaces the database's
content in one durable save, so a refused file leaves the database exactly as it was. A
database that already holds records is replaced only when the caller says so
(``replace=True``), and only after a full copy of it is kept in the backups folder.

The importing database adopts the export's ``database_id`` (it keeps its own when the
export has none), in the same durable save, so export -> import -> export is equal apart
from ``exported_at``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.errors import HallwayError, NewerSchema
from hallway.store.interop.export_checks import BadField, check_header, check_record, named
from hallway.store.records import Contact, Encounter, Event, Profile
from hallway.store.text import human_date

FORMAT = "hallway"
SCHEMA = 1

R = TypeVar("R", Event, Encounter, Contact)


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
        text = "The database now holds everything from the export"
        if self.exported_at is not None:
            text += f" made on {human_date(self.exported_at)} at {self.exported_at:%H:%M}"
        text += "."
        if self.backup is not None:
            text += f" What it held before is kept in {self.backup}."
        return text


class WouldReplace(HallwayError):
    """The database already holds records and the caller did not ask to replace them."""


def export_json(store: Store) -> bytes:
    """The whole database as a versioned Hallway export (UTF-8 JSON, indent 2)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA,
        "exported_at": clock.format_time(clock.now()),
        "database_id": store.database_id,
        "events": [_with_id(e.id, e.to_doc()) for e in sorted(store.events(), key=_by_id)],
        "encounters": [_with_id(e.id, e.to_doc()) for e in sorted(store.encounters(), key=_by_id)],
        "contacts": [_with_id(c.id, c.to_doc()) for c in sorted(store.contacts(), key=_by_id)],
    }
    profile = store.profile()
    if profile.topics:  # only when you marked some, so other exports stay as they were
        document["profile"] = profile.to_doc()
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def import_json(store: Store, data: bytes, *, replace: bool = False) -> ImportSummary:
    """Replace the database's content with a Hallway export, or refuse it untouched.

    Every value is checked first (:mod:`~hallway.store.interop.export_checks`: types, ranges,
    lengths, dates, references); the first bad one is named by its path in the file and
    nothing is written. Into a database that holds records, only with ``replace=True``, and
    then a full copy of what it held is kept in the backups folder first (named in the
    summary). Raises :class:`WouldReplace` without ``replace``, :class:`NewerSchema` for an
    export from a newer Hallway and :class:`HallwayError` (with a plain reason) for anything
    that is not a sound export.
    """
    document = _load_document(data)
    try:
        check_header(document)
    except BadField as bad:
        raise _damaged(bad.message) from None
    events = _records(document, "events", Event.from_doc)
    encounters = _records(document, "encounters", Encounter.from_doc)
    contacts = _records(document, "contacts", Contact.from_doc)
    _check_references(events, encounters, contacts)
    database_id = document.get("database_id")
    exported_at = _exported_at(document)

    backup: Path | None = None
    with store.transaction():
        if store.events() or store.encounters() or store.contacts():
            if not replace:
                raise WouldReplace(
                    f"{store.path} already holds records, and importing this export would "
                    "replace all of them. Nothing was changed."
                )
            backup = store.backup_now()
        store.replace_all(events, encounters, contacts, Profile.from_doc(document.get("profile")))
        if database_id is not None:
            store.adopt_database_id(database_id)
    return ImportSummary(len(events), len(encounters), len(contacts), exported_at, backup)


def _by_id(record: Event | Encounter | Contact) -> int:
    return record.id


def _with_id(record_id: int, doc: dict[str, Any]) -> dict[str, Any]:
    return {"id": record_id, **doc}


def _damaged(reason: str) -> HallwayError:
    return HallwayError(f"This Hallway export can't be imported: {reason}. Nothing was changed.")


def _load_document(data: bytes) -> dict[str, Any]:
    not_export = (
        "This file isn't a Hallway export ({}). Nothing was changed; "
        'choose a file made with "hallway export json".'
    )
    try:
        # Windows editors save UTF-8 with a byte order mark; JSON itself has none.
        document = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        raise HallwayError(not_export.format("it isn't JSON")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HallwayError(not_export.format('it has no "format": "hallway" marker'))
    schema = document.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise _damaged("its schema number is missing or not a whole number")
    if schema > SCHEMA:
        raise NewerSchema(
            f"This export was made by a newer Hallway (export schema {schema}; this Hallway "
            f"reads schema {SCHEMA}). Update Hallway, then import it again. Nothing was changed."
        )
    return document


def _records(
    document: dict[str, Any], key: str, build: Callable[[dict[str, Any], int], R]
) -> list[R]:
    """Check and build one table; each id is used once."""
    raw = document.get(key)
    if not isinstance(raw, list):
        raise _damaged(f'its "{key}" list is missing')
    records: list[R] = []
    for index, item in enumerate(raw):
        try:
            check_record(item, key, index)
        except BadField as bad:
            raise _damaged(bad.message) from None
        # Checked above, so building reads every value as it is (no coercion left to do).
        records.append(build({k: v for k, v in item.items() if k != "id"}, item["id"]))
    seen: set[int] = set()
    for index, record in enumerate(records):
        if record.id in seen:
            raise _damaged(f"{key}[{index}].id: the id {record.id} is used by two {key}")
        seen.add(record.id)
    return records


def _check_references(
    events: list[Event], encounters: list[Encounter], contacts: list[Contact]
) -> None:
    """Every encounter's event and contact, and every contact's encounters, must exist."""
    event_ids = {e.id for e in events}
    encounter_ids = {e.id for e in encounters}
    contact_ids = {c.id for c in contacts}
    if sum(e.live for e in events) > 1:
        raise _damaged("more than one event is marked live")
    for index, encounter in enumerate(encounters):
        who = named("encounter", encounter.name)
        if encounter.event_id not in event_ids:
            raise _damaged(
                f"encounters[{index}].event_id: {who} belongs to event "
                f"{encounter.event_id}, which is not in the file"
            )
        if encounter.contact_id is not None and encounter.contact_id not in contact_ids:
            raise _damaged(
                f"encounters[{index}].contact_id: {who} points to contact "
                f"{encounter.contact_id}, which is not in the file"
            )
        for position, other in enumerate(encounter.circle):
            if other == encounter.id or other not in encounter_ids:
                why = (
                    "itself"
                    if other == encounter.id
                    else f"encounter {other}, which is not in the file"
                )
                raise _damaged(
                    f"encounters[{index}].circle[{position}]: {who} lists {why} in its circle"
                )
    for index, contact in enumerate(contacts):
        for position, encounter_id in enumerate(contact.encounter_ids):
            if encounter_id not in encounter_ids:
                who = named("contact", contact.name)
                raise _damaged(
                    f"contacts[{index}].encounter_ids[{position}]: {who} lists "
                    f"encounter {encounter_id}, which is not in the file"
                )


def _exported_at(document: dict[str, Any]) -> datetime | None:
    """When the export was made (already checked by :func:`check_header`)."""
    value = document.get("exported_at")
    return None if value is None else clock.parse_time(value)
