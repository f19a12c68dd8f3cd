"""Lasting contacts: log an interaction, give-and-take, notes, snooze, edit.

Every function that changes something runs as ONE durable transaction (the store's
``update_contact``) and returns a fresh copy. Edits and snoozes mark the contact ``edited``:
together with notes, interactions, give-and-take and ways to reach them, that is the
contact's own history, which keeps it alive when the debrief un-promotes its last encounter
(see :mod:`hallway.store.debrief`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from hallway.store import clock, i18n
from hallway.store.capture_line import extract_topics, is_topic_char, normalise_topic
from hallway.store.db import Store, check_note_length
from hallway.store.errors import HallwayError, NotFound
from hallway.store.i18n import N_, _
from hallway.store.records import (
    INTERACTION_KINDS,
    LATEST_DAY,
    MAX_FIELD,
    Channels,
    Contact,
    Direction,
    Encounter,
    Event,
    FollowUp,
    GiveTake,
    Interaction,
    Note,
    within_horizon,
)
from hallway.store.rhythm import MAX_CADENCE_DAYS, days_after, parse_cadence, refresh_due
from hallway.store.text import number, short_date

DEFAULT_SNOOZE_DAYS = 7
EDITABLE_FIELDS = frozenset(
    {"name", "role", "org", "topics", "cadence_days", "channels", "email", "phone", "url"}
)
_CHANNEL_FIELDS = ("email", "phone", "url")
# The fields a message names, in words.
_FIELD_WORDS = {
    "name": N_("name"),
    "role": N_("role"),
    "org": N_("organisation"),
    "topic": N_("topic"),
    "email": N_("e-mail address"),
    "phone": N_("phone number"),
    "url": N_("web address"),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DIRECTION_WORDS: dict[str, Direction] = {"you offered": "gave", "i offered": "gave"}
_DIRECTION_WORDS |= {"they offered": "received", "gave": "gave", "received": "received"}
_SAID_BY = re.compile(r"^(?:i|we|you|they|she|he)\s+(?=\w+)", re.IGNORECASE)
# Past tenses that do not end in -ed, and a few that do although their stem ends in -ee.
_DONE_WORDS = (
    "sent lent gave made took brought wrote taught found showed shown bought told got paid "
    "met did read left ran built drew sang cooked baked spent put set hosted agreed freed "
    "offered"
)
_DONE = frozenset(_DONE_WORDS.split())
_NOT_PAST_WORDS = "speed seed need feed weed breed bleed greed bed red shed"
_NOT_PAST = frozenset(_NOT_PAST_WORDS.split())


def has_own_history(contact: Contact) -> bool:
    """Whether the contact holds something of its own beyond the encounters it gathers:
    notes, interactions, give-and-take, ways to reach them, or a hand edit or snooze."""
    reach = contact.channels
    own = (contact.notes, contact.interactions, contact.give_take, reach.email, reach.phone)
    return any(own) or bool(reach.url) or contact.edited or contact.snoozed_until is not None


# -- reading: a contact's whole story ----------------------------------------------------


def existing_encounters(store: Store, ids: list[int]) -> list[Encounter]:
    """The encounters with these ids that still exist, in the given order."""
    found = []
    for encounter_id in ids:
        try:
            found.append(store.encounter(encounter_id))
        except NotFound:
            continue  # removed by another process; the contact's other meetings still count
    return found


def contact_encounters(store: Store, contact: Contact) -> list[tuple[Event, Encounter]]:
    """How you met: each encounter with its event, oldest first."""
    met = []
    for encounter in existing_encounters(store, contact.encounter_ids):
        try:
            met.append((store.event(encounter.event_id), encounter))
        except NotFound:
            continue  # an encounter whose event vanished cannot be placed; skip it
    met.sort(key=lambda pair: (pair[1].met_at, pair[1].id))
    return met


def circle_of(store: Store, encounter: Encounter) -> list[Encounter]:
    """The others who shared the encounter's conversation (a circle), in the order typed;
    empty for a conversation of two. For "how you met": who else was there."""
    return existing_encounters(store, encounter.circle)


def contact_follow_ups(store: Store, contact: Contact) -> list[tuple[Encounter, int, FollowUp]]:
    """The contact's follow-ups (they live on its encounters): open ones first by due day,
    then done ones. The index is the follow-up's position for ``store.set_follow_up_done``."""
    found = [
        (encounter, index, follow_up)
        for encounter in existing_encounters(store, contact.encounter_ids)
        for index, follow_up in enumerate(encounter.follow_ups)
    ]
    found.sort(key=lambda item: (item[2].done, item[2].due, item[0].id, item[1]))
    return found


def contact_notes(store: Store, contact: Contact) -> list[tuple[Note, Encounter | None]]:
    """Every note about the person, oldest first: from their encounters and their own
    (``None`` as the source)."""
    notes: list[tuple[Note, Encounter | None]] = [(n, None) for n in contact.notes]
    for encounter in existing_encounters(store, contact.encounter_ids):
        notes.extend((n, encounter) for n in encounter.notes)
    notes.sort(key=lambda pair: pair[0].at)
    return notes


def give_take_words(entry: GiveTake) -> str:
    """One give-and-take entry as a line of the timeline, without repeating the verb: "you
    sent my focaccia recipe", "they offered to review my talk", "they recommended a book",
    "you offered: an intro to Sven". Text that starts with what was done reads after "you"
    or "they"; anything else after "you offered:" or "they offered:". In German: "von mir:
    Rezept geschickt", "für mich: Intro zu Sven"."""
    text = entry.text.strip()
    if i18n.current() != "en":
        # German puts the verb last ("Rezept geschickt"), so no verb is read from the text:
        # the line says whose offer it was, and the text follows as typed.
        if entry.direction == "gave":
            return _("from me: {text}").format(text=text)
        return _("for me: {text}").format(text=text)
    subject = "you" if entry.direction == "gave" else "they"
    said_by = _SAID_BY.match(text)
    if said_by:  # "I offered a lift", "they offered to help": the subject is ours to say
        text = text[said_by.end() :]
    first = text.split(maxsplit=1)[0].casefold().strip(".,;:!?") if text else ""
    if first and (first in _DONE or _looks_past(first)):
        return f"{subject} {text[:1].lower()}{text[1:]}"
    return f"{subject} offered: {text}"


def _looks_past(word: str) -> bool:
    """Whether a word reads as a past-tense verb ("recommended", not "speed" or "red")."""
    if word in _NOT_PAST:
        return False
    return len(word) > 4 and word.endswith("ed") and (not word.endswith("eed") or word in _DONE)


# -- changes --------------------------------------------------------------------------------


def log_interaction(store: Store, contact_id: int, kind: str, note: str = "") -> Contact:
    """Log a coffee, call, message or meeting again; it resets the rhythm and ends a snooze."""
    cleaned = " ".join(kind.casefold().split())
    if cleaned not in INTERACTION_KINDS:
        raise HallwayError(
            _("Choose what it was: {kinds}.").format(kinds=", ".join(INTERACTION_KINDS))
        )
    check_note_length(note.strip(), "note")

    def log(contact: Contact) -> None:
        at = clock.now()
        contact.interactions.append(Interaction(at, cleaned, note.strip()))
        contact.last_touch = at
        contact.snoozed_until = None
        refresh_due(contact)

    return store.update_contact(contact_id, log)


def add_give_take(store: Store, contact_id: int, direction: str, text: str) -> Contact:
    """Add to the give-and-take timeline: ``gave`` (you offered) or ``received`` (they did)."""
    chosen = _DIRECTION_WORDS.get(" ".join(direction.casefold().split()))
    if chosen is None:
        raise HallwayError(_('Say who offered it: "you offered" or "they offered".'))
    text = text.strip()
    if not text:
        raise HallwayError(_("Write what was offered, e.g. an introduction or a recipe."))
    check_note_length(text, "entry")
    return store.update_contact(
        contact_id, lambda c: c.give_take.append(GiveTake(clock.now(), chosen, text))
    )


def add_contact_note(store: Store, contact_id: int, text: str) -> Contact:
    """Add a note of the contact's own; ``#tags`` in it join their topics."""
    text = text.strip()
    if not text:
        raise HallwayError(_("The note is empty; type something to remember."))
    check_note_length(text, "note")

    def add(contact: Contact) -> None:
        contact.notes.append(Note(text, clock.now()))
        contact.topics.extend(t for t in extract_topics(text) if t not in contact.topics)

    return store.update_contact(contact_id, add)


def snooze(
    store: Store, contact_id: int, until: date | None = None, days: int | None = None
) -> Contact:
    """Hold off the catch-up until a day (or for some days; a week if neither is given)."""
    today = clock.today()
    if until is not None and days is not None:
        raise HallwayError(_("Snooze until a day or for a number of days, not both."))
    if days is not None:
        if days < 1:
            raise HallwayError(_("Snooze for at least one day."))
        until = days_after(today, days)
    until = until or today + timedelta(days=DEFAULT_SNOOZE_DAYS)
    if until <= today:
        raise HallwayError(_("Pick a day after today to snooze until."))
    if not within_horizon(until):
        raise HallwayError(
            _(
                "That snooze would last past {day}, the last day Hallway keeps; pick a nearer day."
            ).format(day=short_date(LATEST_DAY))
        )
    chosen = until

    def hold(contact: Contact) -> None:
        contact.snoozed_until = chosen
        contact.edited = True
        refresh_due(contact)

    return store.update_contact(contact_id, hold)


def unsnooze(store: Store, contact_id: int) -> Contact:
    """End a snooze: the contact is due again by their rhythm."""

    def wake(contact: Contact) -> None:
        contact.snoozed_until = None
        refresh_due(contact)

    return store.update_contact(contact_id, wake)


def edit_contact(store: Store, contact_id: int, **fields: Any) -> Contact:
    """Change a contact's fields: name, role, org, topics, cadence_days (days or text such
    as "3 weeks"), channels (a Channels) or email / phone / url one by one."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"edit_contact() cannot change {', '.join(sorted(unknown))}")
    changes = _clean_fields(fields)

    def edit(contact: Contact) -> None:
        for key, value in changes.items():
            holder: Contact | Channels = contact.channels if key in _CHANNEL_FIELDS else contact
            # The edit dialog sends every field; only a real change is the user's own history.
            if getattr(holder, key) != value:
                setattr(holder, key, value)
                contact.edited = True
        refresh_due(contact)

    return store.update_contact(contact_id, edit)


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "topics":
            clean[key] = _clean_topics(value)
        elif key == "cadence_days":
            clean[key] = _cadence_from(value)
        elif key == "channels":
            if not isinstance(value, Channels):
                raise TypeError("channels must be a Channels record")
            _check_email(value.email)
            clean[key] = Channels(value.email.strip(), value.phone.strip(), value.url.strip())
        else:
            clean[key] = " ".join(str(value).split())
            if key == "email":
                _check_email(clean[key])
    if "name" in clean and not clean["name"]:
        raise HallwayError(_("A contact needs a name."))
    _check_lengths(clean)
    return clean


def _check_lengths(clean: dict[str, Any]) -> None:
    """One-line fields stay within what an import accepts, so an export always imports."""
    channels = clean.get("channels")
    values = [(key, value) for key, value in clean.items() if isinstance(value, str)]
    values += [("topic", topic) for topic in clean.get("topics", [])]
    if isinstance(channels, Channels):
        values += [(key, getattr(channels, key)) for key in _CHANNEL_FIELDS]
    for key, value in values:
        if len(value) > MAX_FIELD:
            raise HallwayError(
                _(
                    "That {field} is {length} characters long; Hallway keeps at most {most}. "
                    "Put longer text in a note."
                ).format(
                    field=_(_FIELD_WORDS.get(key, key)),
                    length=number(len(value)),
                    most=number(MAX_FIELD),
                )
            )


def _clean_topics(value: list[str]) -> list[str]:
    topics: list[str] = []
    for raw in value:
        topic = normalise_topic(raw.strip())
        if not topic or not all(map(is_topic_char, topic)):
            raise HallwayError(
                _('"{text}" is not a topic; topics are single words like #rock-climbing.').format(
                    text=raw.strip()
                )
            )
        if topic not in topics:
            topics.append(topic)
    return topics


def _cadence_from(value: int | str) -> int:
    if isinstance(value, str):
        try:
            return parse_cadence(value)
        except ValueError as error:
            raise HallwayError(str(error)) from error
    check_cadence(value)
    return value


def check_cadence(days: int) -> None:
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise HallwayError(_("A rhythm is between one day and ten years."))


def _check_email(email: str) -> None:
    if email.strip() and not _EMAIL.fullmatch(email.strip()):
        raise HallwayError(
            _('"{text}" does not look like an e-mail address.').format(text=email.strip())
        )
