"""CSV in and out: people from LinkedIn, Google, Outlook or an event app in; a spreadsheet-safe
file of contacts and encounters out.

Import (reading: :mod:`.csv_read`): people become lasting contacts, or, with an event (named
on the command line, else in the row's own ``event`` column), people you met at that event,
created if new. Who is already known and how merging works is the same for every import
(:mod:`.people`). The file's text is decoded as vCard files are (UTF-8 with or without BOM,
UTF-16 with BOM, else Windows-1252).

Export: one file, one row per contact and per encounter, a ``kind`` column saying which (one
sheet to sort and filter, rather than two files to keep together). UTF-8, with a byte order
mark on request (Excel reads a file without one in the system's legacy code page). Typed text
is shown by the app's rule (control and bidi characters as visible stand-ins: a CSV is often
printed in a terminal). A cell starting with ``=``, ``+``, ``-``, ``@`` (after any spaces), a
tab or a line break gets a leading ``'``: spreadsheets run such a cell as a formula
(``=HYPERLINK(...)`` sends data away, ``=cmd|...`` ran programs in old Excel), and the
apostrophe is the marker they themselves use for "this is text". The cost is a visible ``'``
before a phone number like ``+49 ...``; importing the file back into Hallway drops it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.interop.common import readable
from hallway.store.interop.csv_read import CsvProblem, Row, formula_like, read_rows
from hallway.store.interop.people import ImportReport, Met, import_as_contacts, import_as_encounters
from hallway.store.interop.vcard_parse import Card
from hallway.store.records import Contact, Encounter, Event
from hallway.store.rhythm import cadence_label, next_due
from hallway.store.text import visible

COLUMNS = (
    "kind",
    "name",
    "role",
    "organisation",
    "email",
    "phone",
    "url",
    "topics",
    "notes",
    "event",
    "met-at",
    "status",
    "rhythm",
    "next-catch-up",
    "open-follow-ups",
)


def import_csv(
    store: Store, text: str, *, source: str = "this file", event: str | None = None
) -> ImportReport:
    """Import every readable row in one save; rows that can't be read are listed in the
    report with their line numbers. ``event`` makes everyone someone met at that event."""
    try:
        rows, skipped = read_rows(text, source)
    except CsvProblem as problem:
        raise HallwayError(str(problem)) from None
    by_event: dict[str, list[Row]] = {}
    contacts: list[Card] = []
    for row in rows:
        name = (event or row.event).strip()
        if name:
            by_event.setdefault(name, []).append(row)
            continue
        note = row.when_met_note()
        if note is not None:  # a lasting contact keeps when you met (or connected) in words
            row.card.notes.insert(0, note)
        contacts.append(row.card)
    imported = merged = 0
    with store.transaction():
        if contacts:
            imported, merged = import_as_contacts(store, contacts)
        for name, met in by_event.items():
            target = _event(store, name, met)
            met_there = [Met(row.card, row.met_at) for row in met]
            added, known = import_as_encounters(store, target.id, met_there)
            imported, merged = imported + added, merged + known
    return ImportReport(imported, merged, skipped, unit="row", people=_who(by_event, contacts))


def _who(by_event: dict[str, list[Row]], contacts: list[Card]) -> str:
    """What the people imported became, for the report."""
    if not by_event:
        return _("contacts")
    if contacts:
        return _("people")
    if len(by_event) == 1:
        return _("people you met at {event}").format(event=visible(next(iter(by_event))))
    return _("people you met at those events")


def _event(store: Store, name: str, rows: list[Row]) -> Event:
    """The event with this name, or a new one (not live) starting when its first person in
    the file was met (else now)."""
    found = store.find_event(name)
    if found is not None:
        return found
    times = [row.met_at for row in rows if row.met_at is not None]
    return store.create_event(name, starts=min(times) if times else clock.now())


# -- export --------------------------------------------------------------------------------


def export_csv(store: Store, *, bom: bool = False) -> bytes:
    """Every lasting contact (by name), then every encounter (by when met), as CSV bytes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    events = {event.id: event for event in store.events()}
    contacts = sorted(store.contacts(), key=lambda c: (c.name.casefold(), c.id))
    encounters = sorted(store.encounters(), key=lambda e: (e.met_at, e.id))
    for record in [*map(_contact_row, contacts), *(_encounter_row(e, events) for e in encounters)]:
        writer.writerow([safe_cell(cell) for cell in record])
    data = out.getvalue().encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


def safe_cell(text: str) -> str:
    """A cell as a spreadsheet should open it: typed text shown by the app's rule, and made
    inert if it would start a formula (see the module docstring)."""
    shown = readable(text)
    return "'" + shown if formula_like(text) or formula_like(shown) else shown


def _lines(texts: Iterable[str]) -> str:
    return "\n".join(texts)


def _contact_row(contact: Contact) -> list[str]:
    due = next_due(contact)
    return [
        "contact",
        contact.name,
        contact.role,
        contact.org,
        contact.channels.email,
        contact.channels.phone,
        contact.channels.url,
        ", ".join(contact.topics),
        _lines(note.text for note in contact.notes),
        "",
        "",
        "",
        cadence_label(contact.cadence_days),
        due.isoformat() if due else "",
        "",
    ]


def _encounter_row(encounter: Encounter, events: dict[int, Event]) -> list[str]:
    event = events.get(encounter.event_id)
    promises = (f"{f.text} (due {f.due.isoformat()})" for f in encounter.open_follow_ups)
    return [
        "encounter",
        encounter.name,
        encounter.role,
        encounter.org,
        "",
        "",
        "",
        ", ".join(encounter.topics),
        _lines(note.text for note in encounter.notes),
        event.name if event else "",
        f"{encounter.met_at:%Y-%m-%d %H:%M}",
        encounter.status,
        "",
        "",
        _lines(promises),
    ]
