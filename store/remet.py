"""Met before: when a capture is someone you already know, say so at once, discreetly.

:func:`met_before` answers, for a just-captured encounter, with the person you likely know --
a lasting contact, or someone met at an earlier event -- by the same rule as the debrief's
merge offer (:func:`hallway.store.matching.judge`), and :attr:`MetBefore.line` words it for
one quiet line: ``met at PyCon Berlin 2025 · #choir · you promised to lend a book``.

Decisions where the brief is silent:

* Only a *likely* match is told (what the debrief would preselect): a maybe-match said during
  a conversation would only distract. A contact wins over loose encounters of the same
  person; people at the same event (and the capture's own circle) are not "before".
* "met at" names the most recent earlier meeting (the one you are likelier to remember); the
  topic is one you both talked about then and now, else one from then; the promise is the
  open one due first ("you promised to send Maya my focaccia recipe").
* Fast at any size: candidates come from an index of folded name words kept beside the store
  and brought up to date from its change feed (:meth:`Store.changes_since`), so a capture
  compares the new name with the few people who share a word of it, not with everyone. A
  name with a typo in every word ("Maja Chan" for "Maya Chen") is not found: such a match
  would not be preselected by the debrief either, without an e-mail address, which is
  looked up separately.
"""

from __future__ import annotations

import weakref
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.store.i18n import _
from hallway.store.matching import (
    POSSIBLE_NAME,
    SIMILAR_NAME,
    emails_in,
    judge,
    name_similarity,
)
from hallway.store.memory import ChangeMark
from hallway.store.promises import reminder_verb
from hallway.store.records import Contact, Encounter, Event, FollowUp
from hallway.store.text import words

CONTACTS, ENCOUNTERS = "contacts", "encounters"
MAX_PROMISE = 48  # characters of a promise quoted in the line

Key = tuple[str, int]  # ("contacts" | "encounters", id)


@dataclass(frozen=True)
class MetBefore:
    """Someone you already know, met again: the contact (if they are one), the earlier
    meeting worth naming, a topic and an open promise."""

    contact: Contact | None
    earlier: Encounter | None
    event: Event | None
    topic: str | None
    promise: FollowUp | None

    @property
    def line(self) -> str:
        """One discreet line: "met at PyCon Berlin 2025 · #choir · you promised to lend a
        book" (parts that are unknown are left out)."""
        parts = []
        if self.event is not None:
            parts.append(_("met at {event}").format(event=self.event.name))
        elif self.contact is not None:
            parts.append(_("in your contacts"))
        if self.topic:
            parts.append(f"#{self.topic}")
        if self.promise is not None:
            parts.append(promise_words(self.promise.text))
        return " · ".join(parts)


def promise_words(text: str) -> str:
    """An open promise as a reminder to you: "you promised to send Maya the slides", "you
    owe Maya a coffee", "you promised: the book list"."""
    text = " ".join(text.split())
    if len(text) > MAX_PROMISE:
        text = text[:MAX_PROMISE].rsplit(" ", 1)[0].rstrip(".,;:") + "…"
    lower = text[:1].lower() + text[1:]
    if lower.casefold().startswith("i owe "):
        return _("you owe {what}").format(what=text[6:])
    if reminder_verb(text):
        return _("you promised to {what}").format(what=lower)
    return _("you promised: {what}").format(what=text)


# -- the index ---------------------------------------------------------------------------------


class NameIndex:
    """Folded name words of every contact and of every encounter not gathered into one, and
    contacts' e-mail addresses: where to look for someone you may know.

    Compact, as it lives as long as the app: a record is one int (its id and a bit for its
    table, see :func:`_packed`) held in an array per word, where a set of (table, id)
    tuples per word took five times the memory.
    """

    def __init__(self) -> None:
        self._postings: dict[str, array[int]] = {}
        # Just the name: its folded words are worked out again when it is removed (a tuple
        # of them per person would hold ten thousand more tuples and copies of the words).
        self._names: dict[int, str] = {}
        self._emails: dict[str, tuple[int, ...]] = {}  # address -> contact ids
        self._contact_email: dict[int, str] = {}
        self.mark: ChangeMark | None = None

    def build(self, store: Store) -> None:
        """Index everything the store holds."""
        self._postings, self._names, self._emails, self._contact_email = {}, {}, {}, {}
        self.mark = store.change_mark()
        for table in (CONTACTS, ENCOUNTERS):
            # A part at a time: on a frozen copy (a worker's build) the parts it parses are
            # let go again, so the copy never holds every encounter parsed at once.
            for docs in store.storage.batches(table):
                for key, doc in docs.items():
                    self._add(table, int(key), doc)

    def catch_up(self, store: Store) -> None:
        """Apply what the store saved since the last look (or build again if it can't say)."""
        if self.mark is None:
            self.build(store)
            return
        mark, changed = store.changes_since(self.mark)
        if changed is None:
            self.build(store)
            return
        for table, record_id in dict.fromkeys(changed):
            if table in (CONTACTS, ENCOUNTERS):
                self._remove(table, record_id)
                doc = store.storage.get_doc(table, str(record_id))
                if doc is not None:
                    self._add(table, record_id, doc)
        self.mark = mark

    def _add(self, table: str, record_id: int, doc: dict[str, Any]) -> None:
        if table == ENCOUNTERS and doc.get("contact_id") is not None:
            return  # met again through their contact
        key = _packed(table, record_id)
        name = str(doc.get("name", ""))
        self._names[key] = name
        postings = self._postings
        for word in words(name):
            keys = postings.get(word)
            if keys is None:
                postings[word] = array("q", (key,))  # most words: a few people
            elif keys[-1] != key:  # (a word twice in one name is there once)
                keys.append(key)
        if table == CONTACTS:
            email = str((doc.get("channels") or {}).get("email", "")).strip().casefold()
            if email:
                self._contact_email[record_id] = email
                known = self._emails.get(email, ())
                if record_id not in known:
                    self._emails[email] = (*known, record_id)

    def _remove(self, table: str, record_id: int) -> None:
        key = _packed(table, record_id)
        found = self._names.pop(key, None)
        if found is not None:
            for word in dict.fromkeys(words(found)):
                keys = self._postings.get(word)
                if keys is not None and key in keys:
                    keys.remove(key)
                    if not keys:
                        del self._postings[word]
        email = self._contact_email.pop(record_id, None) if table == CONTACTS else None
        if email is not None:
            left = tuple(i for i in self._emails.get(email, ()) if i != record_id)
            if left:
                self._emails[email] = left
            else:
                self._emails.pop(email, None)

    def candidates(
        self, name: str, emails: Iterable[str], *, floor: float = POSSIBLE_NAME
    ) -> list[Key]:
        """Records whose name shares a word with ``name`` and is at least ``floor`` alike
        (:func:`~hallway.store.matching.name_similarity`; by default, alike enough to be the
        same person), and contacts with one of these e-mail addresses."""
        keys: set[int] = set()
        for word in dict.fromkeys(words(name)):
            keys.update(self._postings.get(word, ()))
        names = self._names
        alike = {k for k in keys if name_similarity(name, names[k]) >= floor}
        alike.update(_packed(CONTACTS, i) for email in emails for i in self._emails.get(email, ()))
        return sorted(map(_unpacked, alike))


def _packed(table: str, record_id: int) -> int:
    """One int for a record of the index: its id and a bit for its table (record ids are
    below 2**53, so it fits the arrays' 8 bytes)."""
    return record_id * 2 + (table == ENCOUNTERS)


def _unpacked(key: int) -> Key:
    """The (table, id) of a record of the index, from :func:`_packed`."""
    return (ENCOUNTERS if key & 1 else CONTACTS, key >> 1)


_INDEXES: weakref.WeakKeyDictionary[Store, NameIndex] = weakref.WeakKeyDictionary()


def name_index_builder(store: Store) -> Callable[[], None]:
    """Get the name index ready without holding anything up: call this on the thread that
    saves (it freezes a copy of the store, about a millisecond) and run what it returns in
    a worker thread (it builds the index from the copy, under a tenth of a second at ten
    thousand people). :func:`met_before` then starts from that index and catches up with
    whatever was saved meanwhile; an index that is as current (one it had to build itself
    meanwhile) is kept, one that can no longer catch up (other processes' saves were loaded
    since it was built) is replaced."""
    mark = store.change_mark()
    # Handed over in a list the build empties: whatever keeps the finished worker's function
    # (Textual keeps it) must not keep the copy and the tables it parsed.
    handed = [store.frozen()]

    def build() -> None:
        index = NameIndex()
        index.build(handed.pop())
        index.mark = mark
        kept = _INDEXES.get(store)
        # Marks only grow (outside loads, then epoch, then position): the later one wins.
        if kept is None or kept.mark is None or kept.mark < mark:
            _INDEXES[store] = index

    return build


def index_ready(store: Store) -> bool:
    """Whether :func:`met_before` can answer at once: the name index is built and can catch
    up with the store by its change feed (not built yet, or other processes' saves loaded
    since: it would have to be built again first -- ask :func:`name_index_builder`)."""
    index = _INDEXES.get(store)
    if index is None or index.mark is None:
        return False
    return store.changes_since(index.mark)[1] is not None


def name_index(store: Store) -> NameIndex:
    """The store's name index, brought up to date (built on first use: call it once early,
    e.g. when the live screen opens, so the first capture does not pay for building it)."""
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = NameIndex()
    index.catch_up(store)
    return index


# -- the answer -------------------------------------------------------------------------------


def met_before(store: Store, encounter: Encounter) -> MetBefore | None:
    """Whether the person just captured is someone you likely know already, and what is worth
    recalling about them; None if not (or only possibly)."""
    index = name_index(store)
    emails = emails_in(encounter)
    best: tuple[float, int, Contact | None, Encounter | None] | None = None
    # With no e-mail address to share, only a name at least similar can make a likely match
    # (see matching.judge): the others are not read at all -- reading one parses its part of
    # the database, and a common first name has candidates everywhere.
    floor = POSSIBLE_NAME if emails else SIMILAR_NAME
    for table, record_id in index.candidates(encounter.name, emails, floor=floor):
        try:
            if table == CONTACTS:
                contact = store.contact(record_id)
                email = contact.channels.email.strip().casefold()
                found = judge(encounter, contact.name, contact.org, contact.topics, email in emails)
                choice: tuple[Contact | None, Encounter | None] = (contact, None)
            else:
                other = store.encounter(record_id)
                if other.event_id == encounter.event_id or other.id in encounter.circle:
                    continue  # the same event: not "before"
                same_email = bool(emails & emails_in(other))
                found = judge(encounter, other.name, other.org, other.topics, same_email)
                choice = (None, other)
        except NotFound:
            continue  # removed meanwhile by another process
        if found is None or not found.likely:
            continue
        rank = (found.score, 1 if table == CONTACTS else 0)
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], *choice)
    if best is None:
        return None
    return _recall(store, encounter, best[2], best[3])


def _recall(
    store: Store, encounter: Encounter, contact: Contact | None, earlier: Encounter | None
) -> MetBefore:
    """What to say about someone known: the latest earlier meeting, a topic, a promise."""
    meetings = [earlier] if earlier is not None else []
    if contact is not None:
        for encounter_id in contact.encounter_ids:
            try:
                meetings.append(store.encounter(encounter_id))
            except NotFound:
                continue
    meetings = [m for m in meetings if m.event_id != encounter.event_id]
    latest = max(meetings, key=lambda m: (m.met_at, m.id), default=None)
    event = None
    if latest is not None:
        try:
            event = store.event(latest.event_id)
        except NotFound:
            event = None
    then = [t for m in meetings for t in m.topics] + (contact.topics if contact else [])
    shared = [t for t in encounter.topics if t in then]
    topic = next(iter(shared or then), None)
    promises = [f for m in meetings for f in m.open_follow_ups]
    promise = min(promises, key=lambda f: f.due, default=None)
    return MetBefore(contact, latest, event, topic, promise)
