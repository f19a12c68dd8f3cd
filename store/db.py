"""The store: the one API the app and the shell commands share.

Three tables -- ``events``, ``encounters``, ``contacts`` -- live in a TinyDB file written by
:class:`~hallway.store.engine.DurableStorage`, a TinyDB ``Storage``. The Store reads and writes
documents through that storage directly rather than through TinyDB's ``Table`` API, which
rebuilds a whole table on every update (about 15 ms per save at ten thousand people); the file
stays a plain TinyDB database that stock TinyDB reads.

Every change runs inside a storage transaction: the inter-process lock is taken, another
process's saves are loaded first, the change is applied to the *fresh* record (so a stale copy
never overwrites newer data), and the save is durable before the call returns. Records handed
out are copies. The Store is the only part of Hallway that imports the storage engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hallway.store import clock

# hallway.store.live_changes (capture-time rules) is imported where used: opening the store
# and showing the live event need none of it, and it brings the promise and date grammars.
from hallway.store.config import Settings
from hallway.store.conversations import fill_next_met
from hallway.store.devices import Device, DeviceSeen, this_device
from hallway.store.engine import (
    WRITERS,
    DurableStorage,
    FrozenTables,
    Replica,
    Writer,
    backup_dir,
    default_lock_timeout,
    derived_id,
    own_snapshot,
    sync_table,
    writer_key,
    writers,
)
from hallway.store.errors import HallwayError, NotFound
from hallway.store.i18n import N_, _
from hallway.store.memory import ChangeMark, StoreMemory
from hallway.store.records import (
    Contact,
    Encounter,
    Event,
    Profile,
    Status,
    address_form,
)
from hallway.store.records import check_note_length as check_note_length  # where it was
from hallway.store.sync_rules import DERIVED_IDS, KINDS, REFERENCES
from hallway.store.text import human_date

if TYPE_CHECKING:
    from hallway.store.engine import CheckReport

EVENTS = "events"
ENCOUNTERS = "encounters"
CONTACTS = "contacts"
PROFILE = "profile"
PROFILE_ID = 1
TABLES = (EVENTS, ENCOUNTERS, CONTACTS, PROFILE)
# Whole sentences, not "No {kind}", so a translation can agree with each kind of record.
_NOT_FOUND = {
    EVENTS: N_("No event with id {id} (was it removed elsewhere?)"),
    ENCOUNTERS: N_("No encounter with id {id} (was it removed elsewhere?)"),
    CONTACTS: N_("No contact with id {id} (was it removed elsewhere?)"),
    PROFILE: N_("No profile with id {id} (was it removed elsewhere?)"),
}
# The file keeps the encounters event by event, so that reading one event's people (the
# live screen's, at start-up) parses only theirs: a tenth of them at a big live event.
GROUPS = {ENCOUNTERS: "event_id"}


R = TypeVar("R", Event, Encounter, Contact)
_RECORD_TABLE: dict[type, str] = {Event: EVENTS, Encounter: ENCOUNTERS, Contact: CONTACTS}


class Store:
    """Hallway's database. Open with :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        storage: DurableStorage | FrozenTables,
        settings: Settings | None = None,
        replica: Replica | None = None,
    ) -> None:
        """Use :meth:`open` (a database file) or :meth:`frozen` (a read-only copy)."""
        # The storage resolves a link once: the real file is the database's path.
        self.path = storage.path if isinstance(storage, DurableStorage) else Path(path)
        # The database as the user names it: this device's own file may be another one
        # beside it (hallway.<device>.json; see the engine's peers module).
        self.home = self.path.with_name(Path(path).name)
        self.storage = storage
        # The user's preferences (store/config.py): defaults unless the caller read a file.
        self.settings = settings or Settings()
        self._replica = replica
        self._without_bookkeeping = False  # a frozen copy made without it
        self._depth = 0
        # Not a lambda over self: a store in a reference cycle waits for the cyclic
        # collector, which the app pauses at start-up and then freezes what is alive (a
        # worker's frozen copy, let go by then, would stay for good).
        self._memory = StoreMemory(lambda: storage.reloads)
        self._notices: list[str] = []  # the store's own, beside the storage's

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        settings: Settings | None = None,
        waiting: Callable[[str], None] | None = None,
        device: Device | None = None,
    ) -> Store:
        """Open (creating if needed) the database at ``path``, as this device (``device``:
        another one, for tools and tests), merging what other devices saved to it;
        ``settings`` are the user's preferences in force (default: every default). If
        another Hallway holds it, ``waiting`` is told so (a message to show) and the wait is
        bounded."""
        home = Path(path)
        device = device or this_device()
        storage = DurableStorage(
            own_snapshot(home, device), waiting=waiting, device_id=device.id, groups=GROUPS
        )
        store = cls(home, storage, settings, Replica(storage, device, KINDS, home))
        try:
            store.pull()
        except BaseException:
            storage.close()
            raise
        return store

    def frozen(self, *, bookkeeping: bool = False) -> Store:
        """A read-only copy of the store as it is now, for a worker thread to read while this
        one saves (call it on the thread that saves; it costs about a millisecond at ten
        thousand people). Its transactions refuse to start. With ``bookkeeping`` it also
        holds what a JSON export carries besides the records (:meth:`bookkeeping`,
        :meth:`writers`)."""
        names: tuple[str, ...] = TABLES
        if bookkeeping:
            names = (*TABLES, *(sync_table(t) for t in (*TABLES, WRITERS)), WRITERS)
        copy = Store(self.path, self._durable.frozen_copy(names), self.settings)
        copy._without_bookkeeping = not bookkeeping
        return copy

    def get_ready_to_save(self) -> None:
        """Load and compile now what the first capture, note or promise would (the rules of a
        live event and the grammars they read): the app calls it on a worker once its first
        screen is drawn, so that neither its start nor its first save waits for them."""
        from hallway.store import live_changes

        live_changes.compile_grammars()

    def pack_unread(self) -> int:
        """Compress, in memory, the parts of the database file nothing has read yet (past
        events, at a big database most of it): about a quarter of their memory, and a part
        read later is unpacked in about a millisecond. Call it once the app has settled,
        on any thread; how many bytes it saved."""
        return self._durable.pack()

    @staticmethod
    def check(
        path: str | os.PathLike[str],
        *,
        waiting: Callable[[str], None] | None = None,
        device: Device | None = None,
    ) -> CheckReport:
        """Verify this device's files of the database at ``path`` without changing anything
        (``hallway check``); a wait for another Hallway is bounded and told to ``waiting``
        when it begins."""
        from hallway.store.engine import check_database

        own = own_snapshot(Path(path), device or this_device())
        return check_database(own, timeout=default_lock_timeout(), waiting=waiting)

    @staticmethod
    def repair(path: str | os.PathLike[str], *, device: Device | None = None) -> str:
        """Restore this device's files of the database at ``path`` from the newest good
        backup if they are damaged; a plain message saying what was done (``hallway check
        --repair``)."""
        from hallway.store.engine import repair_database

        return repair_database(own_snapshot(Path(path), device or this_device()))

    @property
    def backups_folder(self) -> Path:
        """Where this database keeps its backups."""
        return backup_dir(self.path)

    def backup_now(self) -> Path:
        """Keep a full copy of the database as it is now in the backups folder (before a
        change that replaces everything, such as an import); its path."""
        return self._durable.backup_now()

    def size(self) -> int:
        """How many records the database holds (for tuning memory; never shown: Hallway
        shows no counts of people)."""
        return sum(len(self.storage.table(table)) for table in TABLES)

    @property
    def _durable(self) -> DurableStorage:
        if not isinstance(self.storage, DurableStorage):
            raise RuntimeError("a frozen copy of the store cannot save or copy itself")
        return self.storage

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (everything is already saved)."""
        self.storage.close()

    @property
    def cannot_save(self) -> str | None:
        """Why nothing can be saved right now, in words ("the folder is read-only (...)"),
        or ``None``. Each save tries again, so this clears once writing works."""
        return self._durable.cannot_save

    @property
    def lock_timeout(self) -> float:
        """The longest a save waits for another Hallway, in seconds."""
        return self._durable.lock_timeout

    @lock_timeout.setter
    def lock_timeout(self, seconds: float) -> None:
        self._durable.lock_timeout = seconds

    @property
    def waiting(self) -> Callable[[str], None] | None:
        """Told once when a wait for another Hallway begins (a message to show), if set."""
        return self._durable.waiting

    @waiting.setter
    def waiting(self, tell: Callable[[str], None] | None) -> None:
        self._durable.waiting = tell

    @property
    def notices(self) -> list[str]:
        """Plain-words messages about what happened when opening (e.g. a restored backup)."""
        return list(self.storage.notices)

    @property
    def database_id(self) -> str:
        """A random id made when the database was created (for stable export UIDs)."""
        return self.storage.database_id

    # -- change tracking -------------------------------------------------------------------

    @property
    def outside_loads(self) -> int:
        """A count that grows whenever saves made by other processes are loaded (also when a
        save of this one loads them first): a reader that remembers it can tell whether
        anything besides its own saves may have changed since."""
        return self.storage.reloads

    def refresh(self) -> bool:
        """Load saves made by other processes (here, and other devices'); True if anything
        changed."""
        if self._depth:
            return False
        changed = False
        # False: another process is saving; try again on the next poll.
        if self._durable.changed_on_disk():
            changed = self._durable.reload(wait=False)
        if self._replica is not None and self._replica.peers_changed():
            changed = self.pull() or changed
        return changed

    def pull(self) -> bool:
        """Merge what other devices saved (their files in this folder) since this device last
        did; True if anything here changed."""
        if self._replica is None:
            return False
        with self.transaction():
            report = self._replica.pull()
            for table, doc_id in report.changed:
                self._memory.saved(table, int(doc_id), self.storage.get_doc(table, doc_id))
            if report.changed:
                # The domain's rules for what follows from merged records (imported here:
                # the debrief module builds on the Store; and most opens merge nothing).
                from hallway.store.debrief import settle_after_merge

                changed = [(table, int(doc_id)) for table, doc_id in report.changed]
                settle_after_merge(self, changed)
        self._notices.extend(self._replica.set_aside(report))
        self._notices.extend(self._replica.notices)
        self._replica.notices.clear()
        return bool(report.changed)

    def take_notices(self) -> list[str]:
        """Plain-words notices not yet shown (a recovery while reloading, a failed tidy-up of
        the journal), each returned once."""
        taken, self._notices = self._notices, []
        return self._durable.take_notices() + taken

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one durable save; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._durable.transaction():
            self._depth = 1
            try:
                yield
            except BaseException:
                self._memory.forget()  # memory went back to what is on disk
                raise
            finally:
                self._depth = 0

    # -- raw document access ---------------------------------------------------------------

    def _docs(self, table: str) -> dict[str, dict[str, Any]]:
        # One table only: the storage parses each table on first use, so a capture
        # never pays for parsing thousands of encounters.
        return self.storage.table(table)

    def _doc(self, table: str, record_id: int) -> dict[str, Any]:
        doc = self.storage.get_doc(table, str(record_id))
        if doc is None:
            raise NotFound(_(_NOT_FOUND[table]).format(id=record_id))
        return doc

    def _new_id(self, table: str) -> int:
        if self._replica is None:
            return self._durable.new_id(table)
        return self._replica.new_id(table)

    def _put(self, table: str, record_id: int, doc: dict[str, Any] | None) -> None:
        if self._replica is None:
            self._durable.put_doc(table, str(record_id), doc)
        else:
            doc = self._replica.put(table, str(record_id), doc)
        self._memory.saved(table, record_id, doc)

    def _save(self, record: R) -> R:
        """Insert (id 0) or replace a record; returns a copy with its id."""
        table = _RECORD_TABLE[type(record)]
        with self.transaction():
            if not record.id:
                record.id = self._new_id(table)
            self._put(table, record.id, record.to_doc())
        return self._load(type(record), record.id)

    def _load(self, kind: type[R], record_id: int) -> R:
        record = kind.from_doc(self._doc(_RECORD_TABLE[kind], record_id), record_id)
        if isinstance(record, Encounter):
            self._fill_next_met(record)
        return record

    def _fill_next_met(self, encounter: Encounter) -> None:
        """Tell a loaded encounter when the next conversation at its event began. A process
        that has not read its encounters at all (the shell's ``hallway capture``) leaves it
        out for what it just saved rather than read them all for it."""
        storage = self.storage
        if isinstance(storage, DurableStorage) and ENCOUNTERS in storage.unparsed_tables():
            return
        encounter.next_met = self._memory.next_met(
            encounter, lambda: self._event_docs(encounter.event_id).items()
        )

    def _event_docs(self, event_id: int) -> dict[str, dict[str, Any]]:
        """One event's encounter documents (only their part of the file is parsed)."""
        return self.storage.docs_where(ENCOUNTERS, "event_id", event_id)

    def change_mark(self) -> ChangeMark:
        """Where the feed of changes stands now (see :meth:`changes_since`)."""
        return self._memory.mark()

    def changes_since(self, mark: ChangeMark) -> tuple[ChangeMark, list[tuple[str, int]] | None]:
        """The records this store saved or removed since ``mark``, as (table, id), and the
        new mark; None for the list when anything may have changed (other processes' saves
        were loaded, the database was replaced): read everything again. For indexes kept
        beside the store."""
        return self._memory.since(mark)

    def _update(self, kind: type[R], record_id: int, change: Callable[[R], None]) -> R:
        """Apply ``change`` to the freshest stored copy of a record and save it."""
        with self.transaction():
            record = self._load(kind, record_id)
            change(record)
            record.id = record_id
            self._put(_RECORD_TABLE[kind], record_id, record.to_doc())
        return self._load(kind, record_id)

    def _all(self, kind: type[R], keep: Callable[[dict[str, Any]], bool] | None = None) -> list[R]:
        table = _RECORD_TABLE[kind]
        return [
            kind.from_doc(doc, int(key))
            for key, doc in self._docs(table).items()
            if keep is None or keep(doc)
        ]

    def _delete(self, table: str, record_id: int) -> None:
        with self.transaction():
            self._doc(table, record_id)
            self._put(table, record_id, None)

    # -- events ----------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """All events, the most recent start first (undated last)."""
        events = self._all(Event)
        events.sort(key=lambda e: (e.starts is not None, e.starts or datetime.min, e.id))
        events.reverse()
        return events

    def event(self, event_id: int) -> Event:
        """One event by id."""
        return self._load(Event, event_id)

    def live_event(self) -> Event | None:
        """The live event, if one is live."""
        for key, doc in self._docs(EVENTS).items():
            if doc.get("live"):
                return Event.from_doc(doc, int(key))
        return None

    def find_event(self, name: str) -> Event | None:
        """The event with this name (case and spacing ignored), newest first."""
        wanted = " ".join(name.split()).casefold()
        for event in self.events():
            if " ".join(event.name.split()).casefold() == wanted:
                return event
        return None

    def save_event(self, event: Event) -> Event:
        """Insert or replace an event. Making it live ends any other live event."""
        with self.transaction():
            if event.live:
                self._end_other_live(event.id)
            return self._save(event)

    def create_event(
        self, name: str, place: str = "", *, starts: datetime | None = None, live: bool = False
    ) -> Event:
        """Create an event (starting now unless told otherwise)."""
        name = " ".join(name.split())
        if not name:
            raise HallwayError(_("An event needs a name."))
        return self.save_event(
            Event(name=name, place=place.strip(), starts=starts or clock.now(), live=live)
        )

    def start_event(self, event_id: int) -> Event:
        """Make an event the live one (any other live event ends now)."""
        with self.transaction():
            self._end_other_live(event_id)

            def go_live(event: Event) -> None:
                event.live = True
                event.ends = None

            return self._update(Event, event_id, go_live)

    def end_event(self, event_id: int) -> Event:
        """End an event: it is no longer live, its end time is now, and every conversation
        still open there ends (now, or when it went quiet)."""
        now = clock.now()
        with self.transaction():
            from hallway.store import live_changes

            live_changes.end_every_conversation(self, event_id, now)

            def end(event: Event) -> None:
                event.live = False
                event.ends = now

            return self._update(Event, event_id, end)

    def update_event(self, event_id: int, change: Callable[[Event], None]) -> Event:
        """Apply a change to the freshest copy of an event and save it."""
        return self._update(Event, event_id, change)

    def set_address_form(self, event_id: int, form: str | None) -> Event:
        """Remember how the German helper addresses people at an event: "du" or "sie";
        None forgets the choice (the helper asks again). Raises ValueError for any other
        form and NotFound for an unknown event."""
        if form is not None and address_form(form) != form:
            raise ValueError(f'an address form is "du" or "sie", not {form!r}')
        chosen = address_form(form)

        def choose(event: Event) -> None:
            event.address_form = chosen

        return self._update(Event, event_id, choose)

    def _end_other_live(self, keep_id: int) -> None:
        for key, doc in list(self._docs(EVENTS).items()):
            if doc.get("live") and int(key) != keep_id:
                self.end_event(int(key))

    def event_for_capture(self, name: str | None = None) -> Event:
        """The event a capture goes to: the named one (created if new, made live), else the
        live one, else a new live event named after today's date."""
        with self.transaction():
            if name:
                event = self.find_event(name)
                if event is None:
                    return self.create_event(name, live=True)
                return event if event.live else self.start_event(event.id)
            live = self.live_event()
            if live is not None:
                return live
            today = clock.now()
            # Named after the day, in the language Hallway speaks ("Thursday 5 March 2026").
            return self.create_event(human_date(today), live=True)

    # -- encounters ------------------------------------------------------------------------

    def encounters(self, event_id: int | None = None) -> list[Encounter]:
        """Encounters (of one event, or all), newest first."""
        if event_id is None:
            found = self._all(Encounter)
            fill_next_met(found)  # every encounter of each event is here
        else:
            read_at = self._memory.mark()
            docs = self._event_docs(event_id)
            found = [Encounter.from_doc(doc, int(key)) for key, doc in docs.items()]
            starts = fill_next_met(found)
            # Kept for the saves to come (the live screen reads its event this way first).
            self._memory.learn_starts(event_id, starts.get(event_id, []), read_at)
        found.sort(key=lambda e: (e.met_at, e.id), reverse=True)
        return found

    def encounter_batches(self) -> Iterator[list[Encounter]]:
        """Every encounter, a part of the database at a time, in no particular order and
        without ``next_met``: for a reader going over all of them once (an index build),
        which, on a :meth:`frozen` copy, never holds them all parsed at once."""
        for docs in self.storage.batches(ENCOUNTERS):
            yield [Encounter.from_doc(doc, int(key)) for key, doc in docs.items()]

    def encounter(self, encounter_id: int) -> Encounter:
        """One encounter by id."""
        return self._load(Encounter, encounter_id)

    def capture(self, line: str, event_id: int | None = None) -> Encounter:
        """Parse a capture line and save the person into an event (default: the live one,
        or one created for today); a circle line (``Ana + Ben``) saves everyone in it and
        returns the first. Raises CaptureError for a refused line, saving nothing."""
        return self.capture_people(line, event_id)[0]

    def capture_people(self, line: str, event_id: int | None = None) -> list[Encounter]:
        """Save everyone a capture line names (one person, or a conversation circle: see
        :func:`~hallway.store.capture_line.parse_circle`), in the order typed, as one
        durable save, and return them.

        Each person is their own encounter, knowing the others (``circle``); they share the
        topics and the note, and a note that reads like a promise also becomes a follow-up
        for each (:func:`~hallway.store.promises.promise_in`). Starting this conversation
        ends the one before it at the same event. Raises CaptureError for a refused line,
        saving nothing."""
        from hallway.store import live_changes

        return live_changes.capture_people(self, line, event_id)

    def update_encounter(self, encounter_id: int, change: Callable[[Encounter], None]) -> Encounter:
        """Apply a change to the freshest copy of an encounter and save it."""
        return self._update(Encounter, encounter_id, change)

    def add_note(self, encounter_id: int, text: str, *, whole_circle: bool = False) -> Encounter:
        """Add a timestamped note; ``#tags`` in it join the person's topics, and a note that
        reads like a promise ("will send the slides by friday") also becomes a follow-up with
        its due date (unless that promise is already open). With ``whole_circle`` the note
        goes to everyone in the person's conversation circle. A note longer than
        :data:`~hallway.store.records.MAX_NOTE` characters is refused, saving nothing.
        Returns the person's encounter."""
        text = text.strip()
        if not text:
            raise HallwayError(_("The note is empty; type something to remember."))
        check_note_length(text, "note")
        from hallway.store import live_changes

        return live_changes.add_note(self, encounter_id, text, whole_circle=whole_circle)

    def add_follow_up(self, encounter_id: int, text: str, due: date | None = None) -> Encounter:
        """Add a follow-up promise, due when given, else when the text says ("by friday"; the
        date phrase then leaves the text: "intro to Sven friday" -> "intro to Sven"), else in
        three days. A promise that repeats an open one in other words ("send her the focaccia
        recipe" after "Send Maya my focaccia recipe") updates it instead of adding a
        near-copy: the newest words, and the newest date if one was given. A day outside the
        dates Hallway keeps (a promise "by 9999-12-31") or a text longer than a note may be
        is refused, saving nothing."""
        from hallway.store import live_changes

        return live_changes.add_follow_up(self, encounter_id, text, due)

    def mark_active(self, encounter_id: int) -> Encounter:
        """Note that something happened in the person's conversation now (an edit, say), so
        it, and the rest of their circle, goes on (:mod:`~hallway.store.conversations`)."""
        from hallway.store import live_changes

        return live_changes.note_activity(self, encounter_id)

    def set_follow_up_done(self, encounter_id: int, index: int, done: bool = True) -> Encounter:
        """Mark one follow-up (by position) done or open again."""

        def mark(encounter: Encounter) -> None:
            encounter.follow_ups[index].done = done

        return self.update_encounter(encounter_id, mark)

    def toggle_meaningful(self, encounter_id: int) -> Encounter:
        """Flip the "meaningful" mark."""

        def flip(encounter: Encounter) -> None:
            encounter.meaningful = not encounter.meaningful

        return self.update_encounter(encounter_id, flip)

    def end_conversation(self, encounter_id: int) -> Encounter:
        """Stamp the end of the conversation now (or when it went quiet, if it already had),
        for everyone in the person's circle: they shared one conversation."""
        from hallway.store import live_changes

        return live_changes.end_conversation(self, encounter_id)

    def set_status(self, encounter_id: int, status: Status) -> Encounter:
        """Record a debrief decision."""

        def decide(encounter: Encounter) -> None:
            encounter.status = status

        return self.update_encounter(encounter_id, decide)

    def save_encounter(self, encounter: Encounter) -> Encounter:
        """Insert (id 0) or replace an encounter as a whole; the others in its circle are
        told again that it belongs (so saving a removed encounter back restores its circle)."""
        with self.transaction():
            saved = self._save(encounter)
            if saved.circle:
                from hallway.store import live_changes

                live_changes.rejoin_circle(self, saved)
            return saved

    def restore_encounter(self, encounter: Encounter) -> Encounter:
        """Bring back a removed encounter as it was (an undo). If another device's change
        brought it back meanwhile (a later note there beats the removal), it stays as it is
        now, with what both devices added: saving the copy taken at the removal over it
        would drop the other device's additions."""
        with self.transaction():
            if self.storage.get_doc(ENCOUNTERS, str(encounter.id)) is None:
                return self.save_encounter(encounter)
            current = self.encounter(encounter.id)
            from hallway.store import live_changes

            live_changes.rejoin_circle(self, current)
            return current

    def delete_encounter(self, encounter_id: int) -> None:
        """Remove an encounter; the others in its circle forget it (the removed record keeps
        its own ``circle``, so saving it back restores the circle)."""
        with self.transaction():
            from hallway.store import live_changes

            live_changes.leave_circle(self, self.encounter(encounter_id))
            self._delete(ENCOUNTERS, encounter_id)

    # -- contacts --------------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        """All lasting contacts (unordered; see the rhythm rules for the due order)."""
        return self._all(Contact)

    def contact(self, contact_id: int) -> Contact:
        """One contact by id."""
        return self._load(Contact, contact_id)

    def save_contact(self, contact: Contact) -> Contact:
        """Insert (id 0) or replace a contact as a whole."""
        return self._save(contact)

    # -- devices -----------------------------------------------------------------------------

    def devices(self) -> list[DeviceSeen]:
        """This device, then the others that write to this database (``hallway devices``);
        forgotten ones are marked."""
        if self._replica is None:
            return []
        return self._replica.devices()

    def forget_device(self, which: str) -> DeviceSeen:
        """Stop expecting the device named by ``which`` (its id, the start of its id as
        ``hallway devices`` shows it, or its name): it is no longer listed until it writes
        again; everything it wrote stays. Raises HallwayError naming the choices."""
        others = [d for d in self.devices()[1:] if d.id and not d.forgotten]
        wanted = which.strip().casefold()
        found = [
            d for d in others if wanted and (d.id.startswith(wanted) or d.name.casefold() == wanted)
        ]
        if len(found) != 1 or self._replica is None:
            choices = ", ".join(f"{d.id[:8]} ({d.name})" for d in others) or "none"
            why = "matches more than one device" if found else "is no other device here"
            raise HallwayError(
                f"{which!r} {why}. The other devices: {choices}. Nothing was changed."
            )
        with self.transaction():
            self._replica.forget(found[0].id)
        return found[0]

    def has_contact(self, contact_id: int) -> bool:
        """Whether contact ``contact_id`` exists (without reading it)."""
        return self.storage.get_doc(CONTACTS, str(contact_id)) is not None

    def contact_id_for(self, encounter_id: int) -> int:
        """The id of the contact promoting encounter ``encounter_id`` makes: the same on every
        device, so the same encounter promoted on two devices ends as one contact."""
        return derived_id(encounter_id)

    def update_contact(self, contact_id: int, change: Callable[[Contact], None]) -> Contact:
        """Apply a change to the freshest copy of a contact and save it."""
        return self._update(Contact, contact_id, change)

    def delete_contact(self, contact_id: int) -> None:
        """Remove a contact (its encounters stay; detach them first)."""
        self._delete(CONTACTS, contact_id)

    # -- you -------------------------------------------------------------------------------

    def profile(self) -> Profile:
        """You: the topics you marked as your own (see :mod:`hallway.store.profile`)."""
        return Profile.from_doc(self.storage.get_doc(PROFILE, str(PROFILE_ID)))

    def update_profile(self, change: Callable[[Profile], None]) -> Profile:
        """Apply a change to the freshest copy of your profile and save it."""
        with self.transaction():
            profile = self.profile()
            change(profile)
            self._put(PROFILE, PROFILE_ID, profile.to_doc())
        return self.profile()

    # -- whole database --------------------------------------------------------------------

    def replace_all(
        self,
        events: Iterable[Event],
        encounters: Iterable[Encounter],
        contacts: Iterable[Contact],
        profile: Profile | None = None,
    ) -> None:
        """Replace the whole database with these records (ids kept) in one durable save: the
        next snapshot, written whole. Used by import and by demo generation. Your profile is
        replaced too when one is given (an empty one clears it), else kept."""
        with self.transaction():
            data = self._durable.read()
            new: dict[str, dict[str, Any]] = {
                EVENTS: {str(r.id): r.to_doc() for r in events},
                ENCOUNTERS: {str(r.id): r.to_doc() for r in encounters},
                CONTACTS: {str(r.id): r.to_doc() for r in contacts},
            }
            if profile is not None:
                new[PROFILE] = {str(PROFILE_ID): profile.to_doc()} if profile.topics else {}
            if self._replica is not None:
                # Every removal and every new version stamped, so that other devices take the
                # replacement as this device's latest word on each record.
                self._replica.stamp_all(data, new)
            for table, docs in new.items():
                if docs:
                    data[table] = docs
                else:
                    data.pop(table, None)  # an empty table needs no line in the file
            self._durable.write(data)
            self._memory.forget()

    def adopt_database_id(self, database_id: str) -> None:
        """Take another database's id (importing its export), saved durably."""
        with self.transaction():
            if self._replica is None:
                self._durable.adopt_database_id(database_id)
            else:
                self._replica.adopted(database_id)

    # -- merging exports in, and what exports carry besides the records ---------------------

    def bookkeeping(self, table: str) -> dict[int, dict[str, Any]]:
        """The merge bookkeeping (sync entries) of every record of ``table`` by id, removed
        records' included: what a whole-database export carries so that merging it elsewhere
        follows the same rules as two devices (opaque: see :mod:`hallway.store.engine.merge`)."""
        self._require_bookkeeping()
        return {int(key): entry for key, entry in self._docs(sync_table(table)).items()}

    def writers(self) -> list[Writer]:
        """The devices that wrote to this database: each one's id, tag, name and latest change
        here (the one seen longest ago first)."""
        self._require_bookkeeping()
        syncs = {table: self._docs(sync_table(table)) for table in (*TABLES, WRITERS)}
        return writers(self._docs(WRITERS), syncs)

    def merge_documents(
        self,
        versions: Iterable[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]],
        *,
        source: str | None = None,
        set_apart: Mapping[tuple[str, int], str] | None = None,
        unstamped: bool = False,
        backup: bool = False,
        writers: Iterable[tuple[dict[str, Any], dict[str, Any] | None]] = (),
    ) -> tuple[list[tuple[str, int]], Path | None]:
        """Merge versions of records (table, id, document or ``None`` for a removed one, sync
        entry or ``None``) into this database by the rules two devices merge by, in one
        durable save; returns what changed, as (table, id), and the backup kept.

        ``source`` is the id of the database the versions come from: another database's
        counter ids take ids of their own here, with every reference (:class:`IdTranslation`),
        and ``set_apart`` names records of the source that are not this database's records of
        the same id, each with a word telling it apart (None: ids as they are).
        ``unstamped``: the versions have no sync entries (an export from before devices); what
        is written here wins over them. With ``backup``, a full copy of the database is kept
        in the backups folder first, when anything is to change. ``writers`` are entries of
        the devices that wrote the versions (``{"device_id", "tag", "name"}`` and its sync
        entry: see :meth:`writers`), merged too, so that their stamps lead to them here."""
        from hallway.store.engine import IdTranslation, apply_merge, plan_merge

        if self._replica is None:
            raise RuntimeError("a frozen copy of the store cannot merge")
        found = list(versions)
        with self.transaction():
            if source is not None:
                translation = IdTranslation(
                    self.database_id,
                    source,
                    _ids_by_table(found),
                    self._used_ids,
                    fixed=(PROFILE, WRITERS),
                    derived_from=DERIVED_IDS,
                )
                for (table, record_id), variant in (set_apart or {}).items():
                    translation.set_apart(table, record_id, variant)
                found = [
                    (table, *translation.version(REFERENCES, table, record_id, doc, sync))
                    for table, record_id, doc, sync in found
                ]
            for entry, sync in writers:
                found.append((WRITERS, int(writer_key(entry["device_id"])), entry, sync))
            planned = plan_merge(
                self._durable,
                self._replica.kinds,
                [(table, str(record_id), doc, sync) for table, record_id, doc, sync in found],
                unstamped=unstamped,
            )
            kept = self.backup_now() if backup and planned else None
            apply_merge(self._durable, self._replica.clock, planned)
            for change in planned:
                self._memory.saved(change.table, int(change.doc_id), change.doc)
        return [(change.table, int(change.doc_id)) for change in planned], kept

    def _require_bookkeeping(self) -> None:
        if self._without_bookkeeping:
            # An export from it would silently lack what merges need: a mistake, said loudly.
            raise RuntimeError("this frozen copy was made without bookkeeping=True")

    def _used_ids(self, table: str) -> set[int]:
        """Every id ``table`` holds, removed records' included."""
        return set(map(int, self._docs(table))) | set(map(int, self._docs(sync_table(table))))


def _ids_by_table(versions: Iterable[tuple[str, int, object, object]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for table, record_id, _doc, _sync in versions:
        found.setdefault(table, []).append(record_id)
    return found
