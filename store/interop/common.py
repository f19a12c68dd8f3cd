"""Helpers shared by the exporters: private file writing, stable ids, plain dates, context.

Nothing here knows a file format; each format module builds on these so that a person's
"how we met" reads the same in a vCard note, a calendar entry and a Markdown debrief.
"""

from __future__ import annotations

import os
import re
import stat
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.files import tighten, write_atomic
from hallway.store.i18n import _
from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import short_date, visible

PRODID = "-//Hallway//Hallway//EN"

# A fixed namespace so that uuid5(database id + record) is the same on every machine and run.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://hallway.invalid/export-uid")


# C0 controls except tab and newline, DEL and C1 controls: not allowed in vCard/iCalendar
# values, and in a Markdown file they would act on the terminal of whoever runs `cat`.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class NotAPlainFile(HallwayError):
    """The export target exists and is a link, a device, a pipe or a folder: replacing it
    would destroy it (or, through a link, change another file), so nothing is written."""


def write_private(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write an export file readable by its owner only (0600), atomically.

    The data goes to a temporary file in the same folder, is flushed to disk, then replaces
    ``path`` (:func:`hallway.store.files.write_atomic`); an existing file is never left
    half-written. Text is written as UTF-8.
    Raises :class:`NotAPlainFile` if ``path`` exists and is not a regular file, and an
    ``OSError`` naming ``path`` (never the temp file) if writing fails.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _refuse_special(target)
    try:
        # Tighten first, so even the moment before the replace never exposes the old content.
        tighten(target)
        write_atomic(target, payload)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from exc


def _refuse_special(target: Path) -> None:
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    # A whole sentence per kind: German needs another article and ending for each.
    if stat.S_ISLNK(mode):
        why = _(
            "{path} is a symbolic link, not a regular file, so Hallway did not write to it "
            "(replacing it would destroy it)."
        )
    elif stat.S_ISDIR(mode):
        why = _(
            "{path} is a folder, not a regular file, so Hallway did not write to it "
            "(replacing it would destroy it)."
        )
    elif stat.S_ISFIFO(mode):
        why = _(
            "{path} is a pipe, not a regular file, so Hallway did not write to it "
            "(replacing it would destroy it)."
        )
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        why = _(
            "{path} is a device, not a regular file, so Hallway did not write to it "
            "(replacing it would destroy it)."
        )
    else:
        why = _(
            "{path} is a special file, not a regular file, so Hallway did not write to it "
            "(replacing it would destroy it)."
        )
    raise NotAPlainFile(why.format(path=target))


def stable_uuid(database_id: str, *parts: object) -> uuid.UUID:
    """A UUID that is the same for the same database and record on every export."""
    return uuid.uuid5(_UID_NAMESPACE, ":".join([database_id, *map(str, parts)]))


def contact_uid(database_id: str, contact_id: int) -> str:
    """The vCard UID of a contact (``urn:uuid:...``), derived from the database id."""
    return stable_uuid(database_id, "contact", contact_id).urn


def visible_controls(text: str) -> str:
    """Text with line breaks normalised to ``\\n`` and control characters made visible, for
    the vCard and iCalendar exports.

    Control characters (an escape sequence typed or pasted into a note) become their Unicode
    "control picture" (ESC -> ␛), so an export never carries a live terminal command (and the
    formats forbid them). Bidirectional controls are kept as typed here, unlike in
    :func:`readable`: a phone or calendar shows each value in a field of its own, where an
    override can only reorder that value's own text, and the characters are real Unicode text
    (an Arabic or Hebrew name with isolates) that another program and a re-import should get
    back unchanged rather than as stand-ins.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        return "\ufffd"

    return _CONTROLS.sub(picture, text)


def readable(text: str) -> str:
    """Text for a file people read line by line (the Markdown debrief, CSV cells): line
    breaks normalised to ``\\n``, then shown by the app's own rule
    (:func:`hallway.store.text.visible`): control characters, and bidirectional embeddings,
    overrides and isolates, become visible stand-ins (U+202E -> ⟨202E⟩).

    Such a file is often printed in a terminal (``cat``, ``less``, ``column``), where an
    override would reorder everything after it on the line -- other people's names, other
    cells -- and read differently from what is in the file ("Trojan source").
    """
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"), multiline=True)


def date_range(event: Event) -> str:
    """An event's dates: "12 May 2025", or "12 May 2025 – 14 May 2025" for several days."""
    if event.starts is None:
        return _("no date")
    start = short_date(event.starts)
    if event.ends is None or event.ends.date() == event.starts.date():
        return start
    return f"{start} – {short_date(event.ends)}"


@dataclass(frozen=True)
class Meeting:
    """One encounter with its event, for "how we met" lines."""

    encounter: Encounter
    event: Event | None


class MeetingIndex:
    """Every contact's meetings, worked out once for a whole export: looking through every
    encounter for each contact would take minutes at ten thousand people."""

    def __init__(self, store: Store, encounters: Iterable[Encounter]) -> None:
        self._events = {event.id: event for event in store.events()}
        self._by_id: dict[int, Encounter] = {}
        self._by_contact: dict[int, list[Encounter]] = {}
        for encounter in encounters:
            self._by_id[encounter.id] = encounter
            if encounter.contact_id is not None:
                self._by_contact.setdefault(encounter.contact_id, []).append(encounter)

    def of(self, contact: Contact) -> list[Meeting]:
        """Every encounter that belongs to a contact, oldest first, with its event.

        An encounter belongs to a contact when the contact lists it or it points at the
        contact, so a half-finished promotion still shows every meeting.
        """
        found = {e.id: e for e in self._by_contact.get(contact.id, [])}
        for encounter_id in contact.encounter_ids:
            listed = self._by_id.get(encounter_id)
            if listed is not None:
                found[listed.id] = listed
        ordered = sorted(found.values(), key=lambda e: (e.met_at, e.id))
        return [Meeting(e, self._events.get(e.event_id)) for e in ordered]


def meeting_line(meeting: Meeting) -> str:
    """ "PyCon Berlin (Berlin), 12 May 2025: talked about sourdough, baby-sitters-club"."""
    event = meeting.event
    where = event.name if event else _("an event")
    if event and event.place:
        where = _("{event} ({place})").format(event=where, place=event.place)
    day = short_date(meeting.encounter.met_at)
    if meeting.encounter.topics:
        topics = ", ".join(meeting.encounter.topics)
        return _("{where}, {day}: talked about {topics}").format(
            where=where, day=day, topics=topics
        )
    return _("{where}, {day}").format(where=where, day=day)
