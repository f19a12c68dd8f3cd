"""Devices working offline and a file-sync tool between them: the shared part of the
stateful tests (tests/store/test_sync_stateful.py) and the soak (tests/soak/).

A :class:`Fleet` is several devices, each with its own folder and open :class:`Store`
(opened as that device, as the app keeps it open), its own wall clock (some run late or
early), and the simulated sync tool of :mod:`tests.store.sync_sim` between the folders.
Operations are what people do in Hallway -- capture (a person or a circle), notes, promises,
edits, meaningful, debrief decisions (promote, merging into another contact too; keep as
acquaintance; let go; reconsider), interactions, snoozes, removals and their undo -- chosen
by a :class:`Chooser` (``random.Random`` in the soak, Hypothesis draws in the tests). Every
acknowledged save goes into the :class:`~tests.store.sync_ledger.Ledger` and into a plain
list of what was typed; :meth:`Fleet.meet` then brings every device up to date and
:meth:`Fleet.problems` says, in words, everything that is not as it must be.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

import orjson

from hallway.store import clock
from hallway.store.contacts import add_contact_note, edit_contact, log_interaction, snooze
from hallway.store.db import TABLES, Store
from hallway.store.debrief import keep_as_acquaintance, let_go, promote, reconsider
from hallway.store.devices import Device
from hallway.store.engine.peer_reading import sync_table
from hallway.store.interop.jsonio import export_json
from hallway.store.records import INTERACTION_KINDS, Encounter
from tests.store.sync_ledger import Ledger, sync_tables
from tests.store.sync_sim import Place, SyncTool

T = TypeVar("T")


class Chooser(Protocol):
    """Where the choices come from (``random.Random`` has these)."""

    def choice(self, seq: Sequence[T]) -> T: ...

    def randint(self, a: int, b: int) -> int: ...

    def random(self) -> float: ...


class DeviceClocks:
    """Hallway's clock for several devices in one process: time moves on by ``tick`` at
    every reading, and each device's wall clock is off by its own skew (a phone running
    late, say); :attr:`acting` names the device whose clock is read."""

    def __init__(self, start: datetime, tick: timedelta, skews: dict[str, timedelta]) -> None:
        self.at = start
        self.tick = tick
        self.skews = skews
        self.acting = ""

    def __call__(self) -> datetime:
        self.at += self.tick
        return self.at + self.skews.get(self.acting, timedelta(0))


class Words:
    """Made-up words, never the same twice (so no two notes or promises read alike)."""

    SYLLABLES = ("ka", "lo", "mi", "ru", "te", "zo", "vi", "na", "pe", "so", "du", "gi")

    def __init__(self) -> None:
        self.count = 0

    def word(self) -> str:
        """A new word of three or more syllables."""
        self.count += 1
        n, parts = self.count, []
        while n or len(parts) < 3:
            n, rest = divmod(n, len(self.SYLLABLES))
            parts.append(self.SYLLABLES[rest])
        return "".join(parts)

    def name(self) -> str:
        """A new person's name."""
        return f"{self.word().title()} {self.word().title()}"


@dataclass
class Typed:
    """What people typed and Hallway acknowledged, to find again at the end."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, id): name
    texts: list[tuple[str, str, str, str]] = field(default_factory=list)  # table, id, list, text


Operation = Callable[["Fleet", Store, Chooser], str]


class Fleet:
    """Devices, their folders and stores, the sync tool, and what they acknowledged."""

    def __init__(
        self,
        root: Path,
        names: Sequence[str],
        rng: Any,
        *,
        skews: dict[str, timedelta] | None = None,
        conflicts: float = 0.0,
        start: datetime | None = None,
        tick: timedelta = timedelta(seconds=1),
    ) -> None:
        self.places = [
            Place(name, Device(f"{n + 1:02x}" * 16, 100 + n, name), root / name)
            for n, name in enumerate(names)
        ]
        self.tool = SyncTool(self.places, rng, conflicts=conflicts)
        self.clocks = DeviceClocks(
            start or datetime(2026, 11, 28, 9, 0).astimezone(), tick, skews or {}
        )
        clock.set_clock(self.clocks)
        self.ledger = Ledger()
        self.typed = Typed()
        self.words = Words()
        self.counts: Counter[str] = Counter()
        self.stores: dict[str, Store] = {}
        self.unexpected: list[str] = []  # notices no one should see (a recovery, say)
        # What each device removed (by device id), for its undo.
        self.deleted: dict[str, list[Encounter]] = {p.device.id: [] for p in self.places}
        self._set_up()

    def _set_up(self) -> None:
        """The first device has a database with a live event; the folder is shared with the
        others, whose sync tool copies it over before Hallway first runs there."""
        first = self.places[0]
        first.folder.mkdir(parents=True)
        for place in self.places[1:]:
            place.folder.mkdir(parents=True)
        with self.acting(first):
            self._open(first)
            self.act(first, lambda f, s, c: s.create_event("Hallway Summit", live=True).name)
        self.tool.sync_everything()
        for place in self.places[1:]:
            with self.acting(place):
                self._open(place)

    def _open(self, place: Place) -> Store:
        store = Store.open(place.db, device=place.device)
        assert store.notices == [], store.notices
        self.stores[place.name] = store
        self._take_notices(place, store)
        return store

    def _take_notices(self, place: Place, store: Store) -> None:
        """Count the conflict copies a device merged and set aside (their notices); any
        other notice is unexpected."""
        for notice in store.take_notices():
            if notice.startswith("The sync tool had made a conflict copy") and (
                "Everything in it is merged" in notice
            ):
                self.counts["conflict copies merged"] += 1
            else:
                self.unexpected.append(f"{place.name}: {notice}")

    def acting(self, place: Place) -> _Acting:
        """Read ``place``'s clock meanwhile (``with fleet.acting(place): ...``)."""
        return _Acting(self.clocks, place.name)

    # -- what devices do ---------------------------------------------------------------------

    def act(self, place: Place, operation: Operation, chooser: Any = None) -> str:
        """Run one operation on ``place``'s open store and note what it saved."""
        store = self.stores[place.name]
        before = sync_tables(store)
        with self.acting(place):
            try:
                done = operation(self, store, chooser)
            except Nothing:
                return "nothing to do"
        store.storage.settle()  # a background checkpoint finishes (so runs repeat exactly)
        if self.ledger.saved(store, before):
            self.counts["operations"] += 1
        return done

    def restart(self, place: Place) -> None:
        """Quit Hallway on ``place`` and start it again (a new process: fresh clocks)."""
        with self.acting(place):
            closing = self.stores.pop(place.name)
            before = sync_tables(closing)
            closing.close()
            store = self._open(place)
        self.ledger.saved(store, before)  # what opening merged and settled
        self.counts["restarts"] += 1

    def refresh(self, place: Place) -> bool:
        """The app's poll: pick up other devices' files."""
        store = self.stores[place.name]
        before = sync_tables(store)
        with self.acting(place):
            changed = store.refresh()
        store.storage.settle()
        self.ledger.saved(store, before)  # a merge settles decisions: saves of its own
        self._take_notices(place, store)
        self.counts["refreshes"] += 1
        return changed

    def sync(self, steps: int) -> None:
        """Let the sync tool work for a while."""
        for _ in range(steps):
            self.tool.step()
        self.counts["sync steps"] += steps

    # -- meeting and checking ------------------------------------------------------------------

    def meet(self) -> None:
        """Every device online until every file reached everyone: the tool copies all, each
        app polls; again while a poll merged something (a merge settles decisions, saving:
        a contact lets go of an encounter promoted elsewhere), until none has anything new."""
        for _ in range(6):
            self.tool.sync_everything()
            changed = [self.refresh(place) for place in self.places]
            if not any(changed):
                return
        raise AssertionError("devices keep changing after meeting: merges do not settle")

    def close(self) -> None:
        """Quit Hallway on every device (closing folds each device's journal)."""
        for place in self.places:
            with self.acting(place):
                self.stores.pop(place.name).close()

    def reopen(self) -> None:
        """Start Hallway again on every device."""
        for place in self.places:
            with self.acting(place):
                self._open(place)

    def problems(self) -> list[str]:
        """Everything not as it must be once all devices met (their stores open): any
        difference between devices, a save the ledger expects that a device does not show,
        a typed name or text missing."""
        found: list[str] = list(self.unexpected)
        first, *others = self.places
        shown = view(self.stores[first.name])
        for place in others:
            other = view(self.stores[place.name])
            for part in shown.keys() | other.keys():
                if shown.get(part) != other.get(part):
                    found.append(f"{place.name} differs from {first.name} in {part}")
        for place in self.places:
            store = self.stores[place.name]
            found += [f"{place.name}: {p}" for p in self.ledger.problems(store)]
            found += [f"{place.name}: {p}" for p in self._typed_problems(store)]
        return found

    def _typed_problems(self, store: Store) -> list[str]:
        found = []
        for (table, doc_id), name in self.typed.names.items():
            doc = store.storage.get_doc(table, doc_id)
            if self.ledger.expected_present((table, doc_id)) and (doc or {}).get("name") != name:
                found.append(f"{name} ({table} {doc_id}) is missing")
        for table, doc_id, part, text in self.typed.texts:
            doc = store.storage.get_doc(table, doc_id)
            if doc is None:
                continue  # removed (the ledger says whether it may be)
            texts = {str(i.get("text") or i.get("note")) for i in doc.get(part, [])}
            if text not in texts:
                found.append(f"{text!r} is missing from {table} {doc_id} {part}")
        return found

    def check_problems(self) -> list[str]:
        """What ``hallway check`` finds wrong on each device (stores closed), run there:
        on the database as the user names it (which checks that device's own files)."""
        found = []
        for place in self.places:
            for path in {place.db, place.own_files()[0]}:
                report = Store.check(path, device=place.device)
                found += [f"{place.name}: check {path.name}: {p}" for p in report.problems]
        return found

    def remove_folders(self) -> None:
        """Quit every device and remove its folder (the soak's clean-up)."""
        for store in self.stores.values():
            store.close()
        self.stores.clear()
        for place in self.places:
            shutil.rmtree(place.folder, ignore_errors=True)


class _Acting:
    def __init__(self, clocks: DeviceClocks, name: str) -> None:
        self.clocks, self.name = clocks, name

    def __enter__(self) -> None:
        self.previous, self.clocks.acting = self.clocks.acting, self.name

    def __exit__(self, *exc: object) -> None:
        self.clocks.acting = self.previous


def view(store: Store) -> dict[str, Any]:
    """What a device shows, in parts: its export (without the moment of export), every
    record's document, and the merge state kept beside each."""
    export = orjson.loads(export_json(store))
    export.pop("exported_at", None)
    parts: dict[str, Any] = {"export": export, "database id": store.database_id}
    for table in TABLES:
        parts[f"{table} documents"] = dict(store.storage.table(table))
        parts[f"{table} merge entries"] = dict(store.storage.table(sync_table(table)))
    return parts


# -- operations ---------------------------------------------------------------------------------


class Nothing(Exception):
    """The operation has nothing to work on yet (no one captured, no contact)."""


def _encounter(store: Store, pick: Chooser) -> Encounter:
    found = sorted(store.encounters(), key=lambda e: e.id)
    if not found:
        raise Nothing
    return pick.choice(found)


def _contact_id(store: Store, pick: Chooser) -> int:
    found = sorted(c.id for c in store.contacts())
    if not found:
        raise Nothing
    return pick.choice(found)


def capture(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Capture a person (now and then a circle of two), maybe with a role, topic, note."""
    words = fleet.words
    names = [words.name() for _ in range(2 if pick.random() < 0.25 else 1)]
    line = " + ".join(names)
    if pick.random() < 0.5:
        line += f", {words.word()} @{words.word().title()}"
    if pick.random() < 0.5:
        line += f" #{words.word()}"
    note = f"{words.word()} {words.word()}" if pick.random() < 0.5 else ""
    if note:
        line += f" -- {note}"
    for person in store.capture_people(line):
        fleet.typed.names[("encounters", str(person.id))] = person.name
        if note:
            fleet.typed.texts.append(("encounters", str(person.id), "notes", note))
    return f"capture {line}"


def add_note(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """A note on someone."""
    person = _encounter(store, pick)
    text = f"{fleet.words.word()} {fleet.words.word()}"
    store.add_note(person.id, text)
    fleet.typed.texts.append(("encounters", str(person.id), "notes", text))
    return f"note {person.id} {text}"


def add_promise(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """A promise (follow-up) to someone."""
    person = _encounter(store, pick)
    text = f"send {fleet.words.word()} {fleet.words.word()}"
    store.add_follow_up(person.id, text)
    fleet.typed.texts.append(("encounters", str(person.id), "follow_ups", text))
    return f"promise {person.id} {text}"


def keep_promise(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Mark a promise done (or open again)."""
    person = _encounter(store, pick)
    if not person.follow_ups:
        raise Nothing
    index = pick.randint(0, len(person.follow_ups) - 1)
    done = not person.follow_ups[index].done
    store.set_follow_up_done(person.id, index, done)
    return f"done {person.id} #{index} {done}"


def edit_person(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Change someone's role or organisation."""
    person = _encounter(store, pick)
    name = pick.choice(("role", "org"))
    value = fleet.words.word()
    store.update_encounter(person.id, lambda e: setattr(e, name, value))
    return f"edit {person.id} {name}={value}"


def add_topic(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Give someone another topic."""
    person = _encounter(store, pick)
    topic = fleet.words.word()
    store.update_encounter(person.id, lambda e: e.topics.append(topic))
    return f"topic {person.id} {topic}"


def meaningful(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Flip the meaningful mark."""
    person = _encounter(store, pick)
    store.toggle_meaningful(person.id)
    return f"meaningful {person.id}"


def promote_person(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Promote someone: into a contact of their own, or merged into another contact."""
    person = _encounter(store, pick)
    contacts = sorted(c.id for c in store.contacts())
    into = pick.choice(contacts) if contacts and pick.random() < 0.4 else None
    cadence = pick.choice((None, 30, 90))
    promise = f"call {fleet.words.word()} {fleet.words.word()}" if pick.random() < 0.3 else None
    contact = promote(store, person.id, cadence_days=cadence, merge_into=into, follow_up=promise)
    if promise:
        fleet.typed.texts.append(("encounters", str(person.id), "follow_ups", promise))
    return f"promote {person.id} into {contact.id} (asked {into})"


def decide(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Keep someone as an acquaintance, let them go, or reconsider."""
    person = _encounter(store, pick)
    how = pick.choice((keep_as_acquaintance, let_go, reconsider))
    how(store, person.id)
    return f"{how.__name__} {person.id}"


def interaction(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Log a coffee, a call... with a contact."""
    contact_id = _contact_id(store, pick)
    note = fleet.words.word()
    log_interaction(store, contact_id, pick.choice(INTERACTION_KINDS), note)
    fleet.typed.texts.append(("contacts", str(contact_id), "interactions", note))
    return f"interaction {contact_id} {note}"


def contact_note(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """A note of a contact's own."""
    contact_id = _contact_id(store, pick)
    text = f"{fleet.words.word()} {fleet.words.word()}"
    add_contact_note(store, contact_id, text)
    fleet.typed.texts.append(("contacts", str(contact_id), "notes", text))
    return f"contact note {contact_id} {text}"


def snooze_contact(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Snooze a contact for some days."""
    contact_id = _contact_id(store, pick)
    days = pick.randint(1, 30)
    snooze(store, contact_id, days=days)
    return f"snooze {contact_id} {days}"


def edit_a_contact(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Change a contact's role."""
    contact_id = _contact_id(store, pick)
    role = fleet.words.word()
    edit_contact(store, contact_id, role=role)
    return f"edit contact {contact_id} role={role}"


def remove_person(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Remove an encounter (kept, so that it can be put back)."""
    person = _encounter(store, pick)
    store.delete_encounter(person.id)
    fleet.deleted[store.storage.device_id].append(person)
    return f"remove {person.id}"


def undo_remove(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Put back the encounter this device removed last (the live screen's undo)."""
    removed = fleet.deleted[store.storage.device_id]
    if not removed:
        raise Nothing
    person = removed.pop()
    store.restore_encounter(person)  # as the live screen's undo does
    return f"undo remove {person.id}"


def remove_contact(fleet: Fleet, store: Store, pick: Chooser) -> str:
    """Remove a contact."""
    contact_id = _contact_id(store, pick)
    store.delete_contact(contact_id)
    return f"remove contact {contact_id}"


OPERATIONS: dict[str, Operation] = {
    "capture": capture,
    "note": add_note,
    "promise": add_promise,
    "promise done": keep_promise,
    "edit": edit_person,
    "topic": add_topic,
    "meaningful": meaningful,
    "promote": promote_person,
    "decide": decide,
    "interaction": interaction,
    "contact note": contact_note,
    "snooze": snooze_contact,
    "edit contact": edit_a_contact,
    "remove": remove_person,
    "undo remove": undo_remove,
    "remove contact": remove_contact,
}
