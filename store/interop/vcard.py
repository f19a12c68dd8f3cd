"""vCard export (3.0 for phones, 4.0 on request) and tolerant import of 2.1, 3.0 and 4.0.

Export: every lasting contact in one ``.vcf``, written by vobject, which handles CRLF line
endings and escaping of ``,`` ``;`` ``\\`` and newlines (checked by the tests). Its folding is
redone here: vobject skips folding lines under 75 *characters* even when they are longer than
75 octets (any line with enough non-ASCII text), which breaks strict readers. How you met
and your notes travel in ``NOTE`` and topics in ``CATEGORIES`` so any importer keeps them;
4.0 adds one ``INTEREST`` per topic (RFC 6715; ``HOBBY`` would claim they practise it, which
Hallway does not know). Hallway also writes each note as ``X-HALLWAY-NOTE`` (with its time)
and the meetings as ``X-HALLWAY-MET``, so a Hallway-to-Hallway import restores the notes
exactly instead of one merged text.

Import: cards are read by :mod:`hallway.store.interop.vcard_parse`; a card that is broken or has no
name is skipped with its line number. Re-importing merges instead of duplicating, by the rules
every import shares (:mod:`hallway.store.interop.people`): a ``UID`` that Hallway made for this
database, the same email, or the same name and organisation. Phones' own UIDs are not kept
(contacts have no field for them); the email and name+org matches make re-importing the same
file merge all the same. Merging fills in empty details, adds new topics and new notes, and
never overwrites what is already there.
"""

from __future__ import annotations

from datetime import UTC

import vobject

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.interop.common import (
    PRODID,
    Meeting,
    MeetingIndex,
    contact_uid,
    meeting_line,
    visible_controls,
)
from hallway.store.interop.people import ImportReport, import_as_contacts
from hallway.store.interop.vcard_parse import (
    Skipped,
    decode_vcard_bytes,
    read_cards,
    split_name,
)
from hallway.store.records import Contact
from hallway.store.text import short_date

VERSIONS = ("3.0", "4.0")

__all__ = [
    "Skipped",
    "VCardImportReport",
    "decode_vcard_bytes",
    "export_vcard",
    "import_vcard",
    "split_name",
]


# What a vCard import did (the report every import shares: :mod:`.people`).
VCardImportReport = ImportReport


def export_vcard(store: Store, version: str = "3.0") -> str:
    """All lasting contacts as one multi-contact vCard file (CRLF line endings)."""
    if version not in VERSIONS:
        raise HallwayError(
            _("Hallway writes vCard 3.0 or 4.0, not {version}.").format(version=repr(version))
        )
    contacts = sorted(store.contacts(), key=lambda c: (c.name.casefold(), c.id))
    meetings = MeetingIndex(store, store.encounters())
    revision = clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    cards = []
    for contact in contacts:
        cards.append(_card(store.database_id, contact, meetings.of(contact), version, revision))
    return "".join(_refold(card.serialize()) for card in cards)


def _refold(text: str) -> str:
    """Fold every line at 75 octets, never inside a character.

    vobject decides whether to fold by counting characters, not octets, so a line of 40
    Chinese characters (120 octets) comes out unfolded. Its own folds are plain CRLF + space
    (values never hold a raw line break), so they are undone and the lines folded again.
    """
    lines = text.replace("\r\n ", "").split("\r\n")
    return "\r\n".join(_fold(line) for line in lines)


def _fold(line: str, limit: int = 75) -> str:
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


def _card(
    database_id: str, contact: Contact, meetings: list[Meeting], version: str, revision: str
) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    card.add("uid").value = contact_uid(database_id, contact.id)
    card.add("rev").value = revision
    name = visible_controls(contact.name)
    card.add("fn").value = name
    family, given, additional = split_name(name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, additional=additional)
    if contact.org:
        card.add("org").value = [visible_controls(contact.org)]
    if contact.role:
        card.add("title").value = visible_controls(contact.role)
    channels = contact.channels
    if channels.email:
        email = card.add("email")
        email.value = visible_controls(channels.email)
        if version == "3.0":
            email.type_param = "INTERNET"
    if channels.phone:
        card.add("tel").value = visible_controls(channels.phone)
    if channels.url:
        card.add("url").value = visible_controls(channels.url)
    topics = [visible_controls(t) for t in contact.topics]
    if topics:
        card.add("categories").value = topics
        if version == "4.0":
            for topic in topics:
                card.add("interest").value = topic
    summary = _note_summary(contact, meetings)
    if summary:
        card.add("note").value = summary
    met = _how_we_met(meetings)
    if met:
        card.add("x-hallway-met").value = met
    for note in contact.notes:
        prop = card.add("x-hallway-note")
        prop.value = visible_controls(note.text)
        prop.params["X-AT"] = [clock.format_time(note.at)]
    return card


def _how_we_met(meetings: list[Meeting]) -> str:
    lines: list[str] = []
    for meeting in meetings:
        lines.append("- " + visible_controls(meeting_line(meeting)))
        for note in meeting.encounter.notes:
            lines.append(_indent(visible_controls(note.text), "  "))
    return "\n".join(lines)


def _note_summary(contact: Contact, meetings: list[Meeting]) -> str:
    """The human-readable NOTE: how you met, then your notes, each dated."""
    sections = []
    met = _how_we_met(meetings)
    if met:
        sections.append(_("How we met:") + "\n" + met)
    if contact.notes:
        lines = [
            _indent(f"{short_date(n.at)}: {visible_controls(n.text)}", "- ", "  ")
            for n in contact.notes
        ]
        sections.append(_("Notes:") + "\n" + "\n".join(lines))
    return "\n\n".join(sections)


def _indent(text: str, first: str, rest: str | None = None) -> str:
    rest = first if rest is None else rest
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


def import_vcard(store: Store, text: str, *, source: str | None = None) -> ImportReport:
    """Import every readable card as a contact (merging with existing ones) in one save.

    Broken or nameless cards are skipped and listed with their line numbers; if saving fails,
    nothing is imported. Text with no card at all raises :class:`HallwayError` naming
    ``source`` (the file's name), since that is most likely the wrong file. Who is already
    known, and how merging works: :mod:`hallway.store.interop.people`.
    """
    cards, skipped = read_cards(text)
    if not cards and not skipped:
        raise HallwayError(
            _(
                "No vCard found in {source} (a vCard starts with a BEGIN:VCARD line). "
                "Nothing was imported."
            ).format(source=_("this file") if source is None else source)
        )
    imported, merged = import_as_contacts(store, cards)
    return ImportReport(imported=imported, merged=merged, skipped=skipped)
