"""Grouped tables: the snapshot keeps the encounters event by event, and reading one event's
people parses only their part of the file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from tinydb import TinyDB

from hallway.store.db import Store
from hallway.store.engine import DurableStorage, check_database
from hallway.store.engine.snapshot import group_crc
from hallway.store.engine.tables import ANY, Segment, TableSet, group_key
from hallway.store.records import Encounter, Event
from tests.store.storage_helpers import docs, put

START = datetime(2025, 6, 2, 9, 0).astimezone()
EVENTS = 4
PER_EVENT = 6


def grouped_db(path: Path) -> Path:
    """Four events of six people each, written by the Store (so grouped by event)."""
    events = [
        Event(id=n, name=f"Event {n}", starts=START + timedelta(days=n)) for n in (1, 2, 3, 4)
    ]
    people = [
        Encounter(
            id=(event.id - 1) * PER_EVENT + n,
            event_id=event.id,
            name=f"Person {event.id}.{n}",
            met_at=START + timedelta(days=event.id, minutes=n),
        )
        for event in events
        for n in range(1, PER_EVENT + 1)
    ]
    with Store.open(path) as store:
        store.replace_all(events, people, [])
    return path


def meta_of(path: Path) -> dict[str, Any]:
    first = path.read_bytes().split(b"\n", 1)[0]
    return orjson.loads(first[len(b'{"_meta":') : -1])["1"]


def groups_of(path: Path) -> list[list[Any]]:
    field, parts, _crc = meta_of(path)["groups"]["encounters"]
    assert field == "event_id"
    return parts


def rewrite_parts(path: Path, parts: list[list[Any]], *, sealed: bool = True) -> None:
    """Put another description of the encounters' parts in the file; ``sealed``: with the
    CRC a writer would give it (a writer's mistake), else with the old one (a hand edit)."""
    raw = path.read_bytes()
    entry = meta_of(path)["groups"]["encounters"]
    table_crc = next(crc for name, _n, _s, crc in meta_of(path)["tables"] if name == "encounters")
    crc = group_crc("event_id", parts, table_crc) if sealed else entry[2]
    new = compact(["event_id", parts, crc])
    assert raw.count(compact(entry)) == 1
    path.write_bytes(raw.replace(compact(entry), new, 1))


def compact(value: Any) -> bytes:
    """JSON as the snapshot writes it (no spaces)."""
    return orjson.dumps(value)


def test_the_snapshot_keeps_encounters_event_by_event_and_stays_plain_json(
    db_path: Path,
) -> None:
    grouped_db(db_path)
    parts = groups_of(db_path)
    assert [part[0] for part in parts] == [1, 2, 3, 4]
    lines = db_path.read_bytes().split(b"\n")
    line = next(line for line in lines if line.startswith(b'"encounters":'))
    table = line[len(b'"encounters":') : -1]
    for event_id, offset, size, low, high in parts:
        inside = orjson.loads(b"{" + table[offset : offset + size] + b"}")
        assert {doc["event_id"] for doc in inside.values()} == {event_id}
        assert min(map(int, inside)) == low and max(map(int, inside)) == high
    everything = json.loads(db_path.read_bytes())  # a standard reader
    assert len(everything["encounters"]) == EVENTS * PER_EVENT
    with TinyDB(db_path) as stock:  # and stock TinyDB
        assert len(stock.table("encounters")) == EVENTS * PER_EVENT
    assert check_database(db_path).ok


def test_one_event_s_people_parse_only_their_part(db_path: Path) -> None:
    grouped_db(db_path)
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert storage.held_parts("encounters") == ["1", "2", "3", "4"]
        people = store.encounters(3)
        assert [p.name for p in people] == [f"Person 3.{n}" for n in range(6, 0, -1)]
        assert storage.held_parts("encounters") == ["1", "2", "4"]
        # One person by id: only the part whose ids may hold it.
        assert store.encounter(8).name == "Person 2.2"
        assert storage.held_parts("encounters") == ["1", "4"]
        # When the next conversation began: from that event's people only.
        assert store.encounter(9).next_met == START + timedelta(days=2, minutes=4)
        assert storage.held_parts("encounters") == ["1", "4"]
        assert len(store.encounters()) == EVENTS * PER_EVENT  # everything, when asked
        assert storage.held_parts("encounters") == []


def test_saves_into_unparsed_parts_are_written_where_they_belong(db_path: Path) -> None:
    grouped_db(db_path)
    with Store.open(db_path) as store:
        store.encounters(1)  # only the first event's part is parsed
        moved = store.update_encounter(14, lambda e: setattr(e, "event_id", 1))
        store.update_encounter(20, lambda e: setattr(e, "name", "Renamed"))
        store.delete_encounter(22)
        new = store.capture("Newcomer", event_id=4)
        assert moved.event_id == 1
        assert sorted(e.id for e in store.encounters(1)) == [1, 2, 3, 4, 5, 6, 14]
    parts = {part[0]: part for part in groups_of(db_path)}
    assert set(parts) == {1, 2, 3, 4}
    assert parts[4][4] == new.id  # the highest id of its event's part
    with Store.open(db_path) as again:
        assert sorted(e.id for e in again.encounters(1)) == [1, 2, 3, 4, 5, 6, 14]
        fourth = {e.id: e.name for e in again.encounters(4)}
        assert fourth[20] == "Renamed" and 22 not in fourth and fourth[new.id] == "Newcomer"
        assert sorted(e.id for e in again.encounters(3)) == [13, 15, 16, 17, 18]
    full = json.loads(db_path.read_bytes())["encounters"]
    assert len(full) == EVENTS * PER_EVENT  # one removed, one added
    assert check_database(db_path).ok


def test_a_file_written_whole_is_read_whole_and_grouped_at_the_next_save(db_path: Path) -> None:
    grouped_db(db_path)
    plain = DurableStorage(db_path, groups={})  # as before grouping existed
    with plain.transaction():
        plain.write(plain.read())  # a full snapshot, one piece per table
    plain.close()
    assert "groups" not in meta_of(db_path)
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert storage.held_parts("encounters") == [ANY]
        assert len(store.encounters(2)) == PER_EVENT
        assert storage.held_parts("encounters") == []
        store.capture("Saved Once", event_id=2)
    assert [part[0] for part in groups_of(db_path)] == [1, 2, 3, 4]


def test_a_tool_that_does_not_say_keeps_the_file_grouped(db_path: Path) -> None:
    grouped_db(db_path)
    storage = DurableStorage(db_path)  # no groups given: as the file has it
    put(storage, "encounters", 3, {"event_id": 1, "name": "Edited", "met_at": START.isoformat()})
    storage.close()
    assert [part[0] for part in groups_of(db_path)] == [1, 2, 3, 4]
    assert docs(db_path)["3"]["name"] == "Edited"


def test_journal_saves_win_over_the_parts_parsed_later(db_path: Path) -> None:
    grouped_db(db_path)
    writer = DurableStorage(db_path)
    put(writer, "encounters", 2, None)
    put(writer, "encounters", 9, {"event_id": 2, "name": "From the journal"})
    writer.abandon()  # as a crash leaves it: the saves are in the journal only
    reader = DurableStorage(db_path, groups={"encounters": "event_id"})
    try:
        assert reader.get_doc("encounters", "9") == {"event_id": 2, "name": "From the journal"}
        assert reader.get_doc("encounters", "2") is None
        assert reader.held_parts("encounters") == ["1", "2", "3", "4"]
        second = reader.docs_where("encounters", "event_id", 2)
        assert second["9"]["name"] == "From the journal" and len(second) == PER_EVENT
        assert "2" not in reader.docs_where("encounters", "event_id", 1)
        assert len(reader.table("encounters")) == EVENTS * PER_EVENT - 1
    finally:
        reader.close()


def test_a_frozen_copy_reads_everything_a_part_at_a_time_without_keeping_it(
    db_path: Path,
) -> None:
    grouped_db(db_path)
    with Store.open(db_path) as store:
        store.encounters(1)
        store.update_encounter(10, lambda e: setattr(e, "name", "Changed"))
        frozen = store.frozen()
        store.update_encounter(11, lambda e: setattr(e, "name", "After the copy"))
        batches = [[e.name for e in batch] for batch in frozen.encounter_batches()]
        names = [name for batch in batches for name in batch]
        assert len(batches) > 1 and len(names) == len(set(names)) == EVENTS * PER_EVENT
        assert "Changed" in names and "After the copy" not in names
        assert frozen.storage.held_parts("encounters") == ["3", "4"]  # type: ignore[union-attr]
        assert store.storage.held_parts("encounters") == ["3", "4"]  # type: ignore[union-attr]


def test_a_wrong_record_of_the_parts_is_never_trusted(db_path: Path) -> None:
    grouped_db(db_path)
    parts = groups_of(db_path)
    # Shift one offset: the parts no longer tile the table: read whole, as before groups.
    parts[1] = [*parts[1][:1], parts[1][1] + 1, *parts[1][2:]]
    rewrite_parts(db_path, parts)
    with Store.open(db_path) as store:
        assert store.storage.held_parts("encounters") == [ANY]  # type: ignore[union-attr]
        assert len(store.encounters(2)) == PER_EVENT


def test_ids_outside_their_recorded_range_make_the_whole_table_read(db_path: Path) -> None:
    grouped_db(db_path)
    parts = groups_of(db_path)
    parts[0] = [*parts[0][:3], parts[0][3], parts[0][3] + 1]  # ids 1-2 only, though 1-6
    rewrite_parts(db_path, parts)
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert storage.held_parts("encounters") == ["1", "2", "3", "4"]
        assert store.encounter(1).name == "Person 1.1"  # the part breaks its promise...
        assert storage.held_parts("encounters") == []  # ...so everything is read
        assert store.encounter(5).name == "Person 1.5"


def test_group_keys_follow_python_equality() -> None:
    assert group_key(5) == group_key(5.0) == "5"
    assert group_key(True) == group_key(1)
    assert group_key("5") == '"5"' != group_key(5)
    assert group_key(None) == "null"
    assert group_key({"b": 1, "a": 2}) == group_key({"a": 2, "b": 1})


def test_where_reads_every_part_for_another_field() -> None:
    parts = [
        Segment(b'"1":{"g":1,"k":"x"},"2":{"g":1,"k":"y"}', group_key(1), 1, 2, field="g"),
        Segment(b'"3":{"g":2,"k":"x"}', group_key(2), 3, 3, field="g"),
    ]
    tables = TableSet(segments={"t": parts}, next_ids={"t": 4})
    assert sorted(tables.where("t", "g", 2)) == ["3"]
    assert tables.held("t") == ["1"]
    assert sorted(tables.where("t", "k", "x")) == ["1", "3"]  # not grouped by k: all read
    assert tables.held("t") == []


@pytest.mark.parametrize("changed", [None, {"event_id": 2, "name": "Moved"}])
def test_encoding_without_a_parse_keeps_untouched_parts_as_they_are(
    db_path: Path, changed: dict[str, Any] | None
) -> None:
    grouped_db(db_path)
    before = {part[0]: part[2] for part in groups_of(db_path)}
    storage = DurableStorage(db_path, journal_limit=1)  # checkpoint on every save
    try:
        generation = storage.generation
        with storage.transaction():
            storage.put_doc("encounters", "4", changed)  # in the first event's part
        storage.settle()
        # The checkpoint parsed the changed part in its own copy: this one stays lazy.
        assert storage.held_parts("encounters") == ["1", "2", "3", "4"]
        assert storage.generation == generation + 1
    finally:
        storage.close()
    after = {part[0]: part[2] for part in groups_of(db_path)}
    assert after[3] == before[3] and after[4] == before[4]
    assert after[1] < before[1]
    assert (after[2] > before[2]) is (changed is not None)


def test_a_part_named_for_another_group_is_never_trusted(db_path: Path) -> None:
    grouped_db(db_path)
    parts = groups_of(db_path)
    parts[0] = [9, *parts[0][1:]]  # the first event's people, said to be event 9's
    rewrite_parts(db_path, parts)
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert storage.held_parts("encounters") == ["2", "3", "4", "9"]
        assert store.encounters(9) == []  # its part is read, and breaks its promise...
        assert storage.held_parts("encounters") == []  # ...so everything is read
        assert len(store.encounters(1)) == PER_EVENT


def test_a_description_edited_by_hand_is_not_used(db_path: Path) -> None:
    grouped_db(db_path)
    parts = groups_of(db_path)
    parts[0], parts[1] = [2, *parts[0][1:]], [1, *parts[1][1:]]  # two events swapped
    rewrite_parts(db_path, parts, sealed=False)  # its CRC no longer matches
    with Store.open(db_path) as store:
        storage = store.storage
        assert isinstance(storage, DurableStorage)
        assert storage.held_parts("encounters") == [ANY]  # read whole, as before groups
        assert {e.name for e in store.encounters(1)} == {f"Person 1.{n}" for n in range(1, 7)}
    assert check_database(db_path).ok
