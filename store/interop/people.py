"""Adding people read from another program's file (vCard, CSV): who they already are, merging,
and what to tell the person importing.

One set of rules for every import, so a vCard and a CSV of the same people land the same way.
Someone in the file is someone already known when, in order: the file carries the ``UID``
Hallway wrote for that contact in this database (vCard only); the e-mail address is the same
(any case); the name and organisation are the same (case and spacing ignored). Merging fills
in empty details, adds new topics and new notes, and never overwrites what is already there.
People read earlier in the same file are found the same way, so a file listing someone twice
adds them once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.i18n import N_, _
from hallway.store.interop.common import contact_uid
from hallway.store.interop.vcard_parse import HOW_WE_MET, Card, Skipped, as_topic
from hallway.store.matching import EMAIL
from hallway.store.records import Channels, Contact, Encounter, Note

T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    """What an import did: people added, people already known and updated, and the cards
    or rows skipped (with their line numbers and why). ``unit`` names what a file holds
    ("card", "row"); ``people`` what the added people became ("contacts", or "people you
    met at PyCon")."""

    imported: int
    merged: int
    skipped: list[Skipped] = field(default_factory=list)
    unit: str = "card"
    people: str = N_("contacts")

    @property
    def message(self) -> str:
        """A plain summary for the person importing (no tallies of people, on purpose)."""
        # ``people`` is either the marked default or words already in the current language;
        # the catalog returns the latter unchanged.
        people = _(self.people)
        if self.imported and self.merged:
            text = _(
                "Added the new {people} from the file and updated those already in Hallway."
            ).format(people=people)
        elif self.imported:
            text = _("Added the {people} from the file.").format(people=people)
        elif self.merged:
            text = _("Updated the {people} already in Hallway with what the file adds.").format(
                people=people
            )
        else:
            text = _("Nothing was imported.")
        for skip in self.skipped:
            text += "\n" + _skipped_line(self.unit, skip)
        return text


def _skipped_line(unit: str, skip: Skipped) -> str:
    """One skipped card or row, whole sentences per unit (German words differ)."""
    if unit == "row":
        if skip.name:
            line = _("Skipped the row at line {line} ({name}): {reason}")
        else:
            line = _("Skipped the row at line {line}: {reason}")
    elif skip.name:
        line = _("Skipped the card at line {line} ({name}): {reason}")
    else:
        line = _("Skipped the card at line {line}: {reason}")
    return line.format(line=skip.line, name=skip.name, reason=skip.reason)


def name_key(name: str, org: str) -> tuple[str, str]:
    """Name and organisation as compared: case and spacing ignored."""
    return " ".join(name.split()).casefold(), " ".join(org.split()).casefold()


class Known(Generic[T]):
    """People already known (contacts, or one event's encounters), findable by the rules in
    the module docstring."""

    def __init__(self) -> None:
        self._by_uid: dict[str, T] = {}
        self._by_email: dict[str, T] = {}
        self._by_name: dict[tuple[str, str], T] = {}

    def add(self, record: T, name: str, org: str, emails: Iterable[str], uid: str = "") -> None:
        """Make a record findable (also one created earlier from the same file)."""
        if uid:
            self._by_uid.setdefault(uid, record)
        for email in emails:
            self._by_email.setdefault(email.casefold(), record)
        self._by_name.setdefault(name_key(name, org), record)

    def find(self, card: Card) -> T | None:
        """The record this card describes, if known."""
        found = self._by_uid.get(card.uid) if card.uid else None
        if found is None and card.email:
            found = self._by_email.get(card.email.casefold())
        return found if found is not None else self._by_name.get(name_key(card.name, card.org))


def _contact_emails(contact: Contact) -> list[str]:
    return [contact.channels.email] if contact.channels.email else []


def _card_notes(card: Card, default_at: datetime) -> Iterable[Note]:
    for note in card.notes:
        yield Note(note.text, note.at or default_at)


def import_as_contacts(store: Store, cards: Sequence[Card]) -> tuple[int, int]:
    """Add each card as a lasting contact, or merge it into the contact it already is, in
    one save; (added, merged)."""
    imported = merged = 0
    with store.transaction():
        known: Known[Contact] = Known()
        for contact in store.contacts():
            uid = contact_uid(store.database_id, contact.id)
            known.add(contact, contact.name, contact.org, _contact_emails(contact), uid)
        changed: dict[int, Contact] = {}
        created: list[Contact] = []
        for card in cards:
            target = known.find(card)
            if target is None:
                target = _new_contact(card)
                created.append(target)
                imported += 1
            else:
                _merge_contact(target, card)
                if target.id:
                    changed[target.id] = target
                merged += 1
            known.add(target, target.name, target.org, _contact_emails(target))
        for contact in [*changed.values(), *created]:
            store.save_contact(contact)
    return imported, merged


def _new_contact(card: Card) -> Contact:
    now = clock.now()
    notes = list(_card_notes(card, now))
    if card.how_we_met:
        # In another database the meetings themselves don't exist; keep how you met as words.
        # Notes are kept in time order (as every device merges them), and you met before you
        # wrote anything about someone: the note goes at the earliest note's time, so it
        # comes first (on a tie, its id -- made first -- puts it first everywhere).
        met_at = min((note.at for note in notes), default=now)
        notes.insert(0, Note(_(HOW_WE_MET) + "\n" + card.how_we_met, met_at))
    return Contact(
        name=card.name,
        role=card.role,
        org=card.org,
        topics=list(card.topics),
        notes=notes,
        channels=Channels(email=card.email, phone=card.phone, url=card.url),
    )


def _merge_contact(contact: Contact, card: Card) -> None:
    """Add what the card knows and the contact doesn't; never overwrite what's there."""
    contact.role = contact.role or card.role
    contact.org = contact.org or card.org
    channels = contact.channels
    channels.email = channels.email or card.email
    channels.phone = channels.phone or card.phone
    channels.url = channels.url or card.url
    _add_topics(contact.topics, card.topics)
    _add_notes(contact.notes, _card_notes(card, clock.now()))


def _add_topics(topics: list[str], new: Iterable[str]) -> None:
    # Compare as topics, so an odd old topic ("tea, green") isn't doubled as "tea-green".
    known = {as_topic(t) for t in topics}
    for topic in new:
        if topic not in known:
            topics.append(topic)
            known.add(topic)


def _add_notes(notes: list[Note], new: Iterable[Note]) -> None:
    known = {note.text for note in notes}
    for note in new:
        if note.text not in known:
            notes.append(note)
            known.add(note.text)


@dataclass(frozen=True)
class Met:
    """A card met at an event: when (None: the event's start, else now)."""

    card: Card
    at: datetime | None = None


def import_as_encounters(store: Store, event_id: int, people: Sequence[Met]) -> tuple[int, int]:
    """Add each person as someone met at the event, or merge them into the encounter of that
    event they already are (by e-mail written in its notes, or name and organisation), in one
    save; (added, merged). E-mail, phone and web address, which encounters have no fields
    for, are kept as a note (where the promote dialog's merge offer looks for an e-mail)."""
    imported = merged = 0
    with store.transaction():
        event = store.event(event_id)
        known: Known[Encounter] = Known()
        for encounter in store.encounters(event_id):
            known.add(encounter, encounter.name, encounter.org, _encounter_emails(encounter))
        changed: dict[int, Encounter] = {}
        created: list[Encounter] = []
        for person in people:
            card = person.card
            at = person.at or event.starts or clock.now()
            notes = list(_card_notes(card, at))
            details = _details_note(card)
            if details:
                notes.insert(0, Note(details, at))
            target = known.find(card)
            if target is None:
                target = Encounter(
                    event_id=event_id,
                    name=card.name,
                    met_at=at,
                    role=card.role,
                    org=card.org,
                    topics=list(card.topics),
                    notes=notes,
                )
                created.append(target)
                imported += 1
            else:
                target.role = target.role or card.role
                target.org = target.org or card.org
                _add_topics(target.topics, card.topics)
                _add_notes(target.notes, notes)
                if target.id:
                    changed[target.id] = target
                merged += 1
            known.add(target, target.name, target.org, _encounter_emails(target))
        for encounter in [*changed.values(), *created]:
            store.save_encounter(encounter)
    return imported, merged


def _details_note(card: Card) -> str:
    parts = [
        (_("e-mail: {value}"), card.email),
        (_("phone: {value}"), card.phone),
        (_("web: {value}"), card.url),
    ]
    return "\n".join(line.format(value=value) for line, value in parts if value)


def _encounter_emails(encounter: Encounter) -> set[str]:
    return {m.group().casefold() for n in encounter.notes for m in EMAIL.finditer(n.text)}
