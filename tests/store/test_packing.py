"""Packing: the parts of the database file nothing has read are kept compressed in memory
once the app has settled, and read back, copied and written exactly as they were."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from hallway.store.db import Store
from hallway.store.engine import DurableStorage
from hallway.store.records import Encounter, Event, Note

START = datetime(2025, 6, 2, 9, 0).astimezone()
EVENTS = 3
PER_EVENT = 40  # with their notes, each event's part is well over the packing threshold


def big_db(path: Path) -> Path:
    """Three events of forty people with a note each, written by the Store (grouped)."""
    events = [Event(id=n, name=f"Event {n}", starts=START + timedelta(days=n)) for n in (1, 2, 3)]
    people = [
        Encounter(
            id=(event.id - 1) * PER_EVENT + n,
            event_id=event.id,
            name=f"Person {event.id}.{n} Ærøskøbing 李小龍 🙂",
            topics=["sourdough", "choir"],
            notes=[Note(f"Talked about bread and singing, part {n} " * 3, START)],
            met_at=START + timedelta(days=event.id, minutes=n),
        )
        for event in events
        for n in range(1, PER_EVENT + 1)
    ]
    with Store.open(path) as store:
        store.replace_all(events, people, [])
    return path


def every_doc(store: Store) -> dict[str, Any]:
    return {e.id: e.to_doc() for e in store.encounters()}


def test_packed_parts_read_back_exactly(db_path: Path) -> None:
    big_db(db_path)
    with Store.open(db_path) as store:
        expected = every_doc(store)
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert store.pack_unread() > 0
        assert store.pack_unread() == 0  # once is enough
        assert storage.held_parts("encounters") == ["1", "2", "3"]  # still unparsed
        assert [p.name for p in store.encounters(2)][-1] == "Person 2.1 Ærøskøbing 李小龍 🙂"
        assert storage.held_parts("encounters") == ["1", "3"]
        assert every_doc(store) == expected


def test_a_copy_made_before_packing_reads_everything(db_path: Path) -> None:
    big_db(db_path)
    with Store.open(db_path) as store:
        frozen = store.frozen()
        assert store.pack_unread() > 0
        names = [e.name for batch in frozen.encounter_batches() for e in batch]
        assert len(names) == len(set(names)) == EVENTS * PER_EVENT


def test_a_checkpoint_after_packing_keeps_untouched_parts_byte_for_byte(db_path: Path) -> None:
    big_db(db_path)
    before = db_path.read_bytes()
    storage = DurableStorage(db_path, journal_limit=1)  # a checkpoint after every save
    try:
        generation = storage.generation
        assert storage.pack() > 0
        with storage.transaction():
            doc = dict(storage.get_doc("encounters", "1") or {})
            doc["name"] = "Renamed at the first event"
            storage.put_doc("encounters", "1", doc)
        storage.settle()
        assert storage.generation == generation + 1  # the checkpoint ran
    finally:
        storage.close()
    after = db_path.read_bytes()
    # The other events' people are the very bytes they were (found whole in the new file).
    for event in (2, 3):
        first = f'"{(event - 1) * PER_EVENT + 1}":'.encode()
        last = f'"{event * PER_EVENT}":'.encode()
        part = before[before.index(first) : before.index(b"}", before.index(last)) + 1]
        assert part in after
    table = TinyDB(db_path, access_mode="r").table("encounters")
    assert len(table) == EVENTS * PER_EVENT
    assert orjson.loads(orjson.dumps(table.get(doc_id=1)))["name"] == "Renamed at the first event"
