"""Lazy tables: one table per snapshot line, parsed on first use; next ids; adopting an id."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from hallway.store.db import Store
from hallway.store.engine import DurableStorage, check_database
from hallway.store.engine.journal import scan
from hallway.store.engine.tables import TableSet
from hallway.store.errors import DatabaseDamaged
from tests.store.storage_helpers import build_people, docs, put, run_worker

ALL_TABLES = ["encounters", "events"]


def data_unparsed(storage: DurableStorage) -> list[str]:
    """The record tables still held as bytes (not Hallway's own ``_`` tables)."""
    return [name for name in storage.unparsed_tables() if not name.startswith("_")]


def journal_of(db: Path) -> Path:
    return Path(str(db) + ".journal")


def checkpointed(db: Path, count: int = 30) -> Path:
    """A database of ``count`` people whose snapshot holds everything (empty journal)."""
    build_people(db, count)
    storage = DurableStorage(db)
    with storage.transaction():
        storage.write(storage.read())  # a write without marked documents checkpoints
    storage.close()
    assert scan(journal_of(db).read_bytes()).entries == []
    return db


def table_lines(db: Path) -> dict[str, bytes]:
    """Each table line of a snapshot in Hallway's layout, by table name."""
    lines = db.read_bytes().split(b"\n")
    assert lines[0].startswith(b'{"_meta":') and lines[-1] == b""
    return {json.loads(line.split(b":", 1)[0]): line for line in lines[1:-1]}


def test_snapshot_has_one_table_per_line_and_stays_plain_json(db_path: Path) -> None:
    checkpointed(db_path)
    raw = db_path.read_bytes()
    assert raw.count(b"\n") == 1 + len(table_lines(db_path)) and raw.endswith(b"}\n")
    assert sorted(n for n in table_lines(db_path) if not n.startswith("_")) == ALL_TABLES
    assert json.loads(raw)["encounters"]["7"]["name"] == "Person 7"  # a standard reader
    with TinyDB(db_path) as stock:  # and stock TinyDB
        assert len(stock.table("encounters")) == 30


def test_tables_are_parsed_only_when_used(db_path: Path) -> None:
    checkpointed(db_path)
    storage = DurableStorage(db_path)
    try:
        assert data_unparsed(storage) == ALL_TABLES
        assert storage.table("events")["1"]["name"] == "Big Conference"
        assert data_unparsed(storage) == ["encounters"]
        with storage.transaction():
            new_id = storage.new_id("encounters")
            storage.put_doc("encounters", str(new_id), {"name": "Maya"})
        assert new_id == 31
        assert storage.get_doc("encounters", "31") == {"name": "Maya"}
        assert data_unparsed(storage) == ["encounters"]  # a new id needs no parse
        assert storage.get_doc("encounters", "5")["name"] == "Person 5"  # type: ignore[index]
        assert data_unparsed(storage) == []
        assert len(storage.table("encounters")) == 31
    finally:
        storage.close()


def test_read_parses_everything_and_matches_a_full_parse(db_path: Path) -> None:
    checkpointed(db_path)
    storage = DurableStorage(db_path)
    storage.close()
    full = json.loads(db_path.read_bytes())
    del full["_meta"]
    assert storage.read() == full
    assert data_unparsed(storage) == []


def test_journal_changes_wait_for_the_table_and_apply_when_it_is_parsed(db_path: Path) -> None:
    checkpointed(db_path)
    writer = DurableStorage(db_path)
    put(writer, "encounters", 3, None)
    put(writer, "encounters", 4, {"name": "Renamed"})
    put(writer, "encounters", 40, {"name": "New"})
    writer.abandon()  # as a crash leaves it: the saves are in the journal only
    reader = DurableStorage(db_path)
    try:
        assert data_unparsed(reader) == ALL_TABLES  # replay did not parse anything
        assert reader.get_doc("encounters", "40") == {"name": "New"}
        assert reader.get_doc("encounters", "3") is None
        assert data_unparsed(reader) == ALL_TABLES
        encounters = reader.table("encounters")
        assert "3" not in encounters and len(encounters) == 30
        assert encounters["4"] == {"name": "Renamed"} and encounters["40"] == {"name": "New"}
    finally:
        reader.close()


def test_other_process_saves_reach_an_unparsed_table(db_path: Path) -> None:
    checkpointed(db_path)
    app = DurableStorage(db_path)
    try:
        run_worker("capture", str(db_path), "other", "2")
        app.reload()
        assert data_unparsed(app) == ALL_TABLES
        names = {d["name"] for d in app.table("encounters").values()}
        assert {"other-0", "other-1", "Person 30"} <= names
    finally:
        app.close()


def test_a_checkpoint_copies_unparsed_tables_as_they_are(db_path: Path) -> None:
    checkpointed(db_path)
    before = table_lines(db_path)
    storage = DurableStorage(db_path, journal_limit=1)  # checkpoint on every save
    try:
        generation = storage.generation
        storage.table("events")
        with storage.transaction():
            storage.put_doc("events", "2", {"name": "Second"})
        storage.settle()  # the checkpoint runs on a background thread
        assert storage.generation == generation + 1
        assert data_unparsed(storage) == ["encounters"]
        after = table_lines(db_path)
        assert after["encounters"] == before["encounters"]
        assert after["events"] != before["events"]
    finally:
        storage.close()
    assert docs(db_path, "events")["2"] == {"name": "Second"}
    assert len(docs(db_path)) == 30


def test_a_stock_tinydb_layout_falls_back_to_a_full_parse(db_path: Path) -> None:
    checkpointed(db_path)
    everything = orjson.loads(db_path.read_bytes())
    db_path.write_bytes(json.dumps(everything, indent=1).encode())  # same data, other layout
    storage = DurableStorage(db_path)
    try:
        assert storage.notices == []
        assert data_unparsed(storage) == []
        assert storage.table("encounters")["30"]["name"] == "Person 30"
        with storage.transaction():
            assert storage.new_id("encounters") == 31
    finally:
        storage.close()


def test_a_hand_edited_table_is_parsed_whole_and_kept(db_path: Path) -> None:
    checkpointed(db_path)
    raw = db_path.read_bytes()
    edited = raw.replace(b'"name":"Person 12"', b'"name":"Person Twelve"')
    edited = edited.replace(b'"name":"Person 30"', b'"name":"Person 30"},"90":{"name":"Added"')
    assert len(edited) != len(raw)
    db_path.write_bytes(edited)
    storage = DurableStorage(db_path)
    try:
        assert storage.notices == []
        assert data_unparsed(storage) == []  # its checksum no longer matches
        assert storage.table("encounters")["12"]["name"] == "Person Twelve"
        with storage.transaction():
            assert storage.new_id("encounters") == 91  # above the id added by hand
    finally:
        storage.close()


def test_a_lowered_next_id_in_the_meta_is_caught_by_the_checksum(db_path: Path) -> None:
    checkpointed(db_path)
    raw = db_path.read_bytes()
    assert raw.count(b'["encounters",31,') == 1
    db_path.write_bytes(raw.replace(b'["encounters",31,', b'["encounters",2,'))
    storage = DurableStorage(db_path)
    try:
        assert data_unparsed(storage) == []
        with storage.transaction():
            assert storage.new_id("encounters") == 31  # not 2: no record is overwritten
    finally:
        storage.close()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda line: line[:100] + b"\x00\x01 garbage \x02" + line[100:], "not valid JSON"),
        (lambda line: line[: len(line) // 2] + line[len(line) // 2 + 40 :], "not valid JSON"),
        (lambda line: line.replace(b'{"1":{', b'{"one":{', 1), "shape"),
    ],
    ids=["garbled", "bytes lost", "valid JSON, bad record id"],
)
def test_damage_inside_an_unparsed_table_is_found_at_open(
    db_path: Path, damage: Callable[[bytes], bytes], words: str
) -> None:
    checkpointed(db_path)
    expected = docs(db_path)
    line = table_lines(db_path)["encounters"]
    db_path.write_bytes(db_path.read_bytes().replace(line, damage(line)))
    storage = DurableStorage(db_path)
    storage.close()
    [notice] = storage.notices
    assert words in notice and "was restored" in notice
    assert storage.read()["encounters"] == expected
    assert check_database(db_path).ok


def test_check_parses_every_table(db_path: Path) -> None:
    checkpointed(db_path)
    report = check_database(db_path)
    assert report.ok
    assert "every record reads cleanly (encounters, events;" in report.details[0]


def test_an_unreadable_table_found_late_is_a_plain_error() -> None:
    # Bytes that passed the open-time checks but do not parse (a checksum collision).
    tables = TableSet(raw={"encounters": b'{"1":{"name":"cut'}, next_ids={"encounters": 2})
    tables.put("encounters", "2", {"name": "Pending"})
    assert tables.get("encounters", "2") == {"name": "Pending"}  # answered without a parse
    with pytest.raises(DatabaseDamaged, match=r"encounters table\) could not be read") as caught:
        tables.get("encounters", "1")
    assert "hallway check --repair" in str(caught.value)
    assert tables.unparsed() == ["encounters"]  # still held: nothing half-applied


# -- next ids ------------------------------------------------------------------------------


def test_new_ids_lie_above_every_id_the_table_held(db_path: Path) -> None:
    checkpointed(db_path)
    high = 1 << 40  # an id of another device's, far above this device's first ones
    writer = DurableStorage(db_path)
    put(writer, "encounters", high, {"name": "From the journal"})
    put(writer, "encounters", high, None)  # removed again: its id stays used
    writer.close()
    with Store.open(db_path) as store:
        captured = store.capture("Next One")
        assert captured.id > high
        assert "encounters" in data_unparsed(store.storage)  # no parse to pick an id
        store.delete_encounter(captured.id)
        after = store.capture("After Delete").id
        assert after > captured.id  # a removed id is never reused
    with Store.open(db_path) as again:
        assert again.capture("Reopened").id > after


def test_next_ids_interleave_across_processes(db_path: Path) -> None:
    checkpointed(db_path)
    with Store.open(db_path) as app:
        first = app.capture("Here First").id
        out = run_worker("capture", str(db_path), "there", "3")
        there = [int(line.split()[1]) for line in out.splitlines() if line.startswith("capture")]
        last = app.capture("Here Last").id
        assert "encounters" in data_unparsed(app.storage)
        ids = [first, *there, last]
        assert ids == sorted(ids) and len(set(ids)) == 5 and min(ids) > 30
        assert len(app.encounters()) == 35


def test_new_id_outside_a_transaction_is_refused(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    try:
        with pytest.raises(RuntimeError):
            storage.new_id("encounters")
    finally:
        storage.close()


# -- adopting a database id ----------------------------------------------------------------


def test_adopted_database_id_is_durable_across_reopen(db_path: Path) -> None:
    checkpointed(db_path)
    with Store.open(db_path) as store:
        old = store.database_id
        generation = store.storage.generation
        store.adopt_database_id("imported-id")
        assert store.database_id == "imported-id"
        assert store.storage.generation == generation + 1
    header = scan(journal_of(db_path).read_bytes()).header
    assert header is not None and header.database_id == "imported-id"
    with Store.open(db_path) as reopened:
        assert reopened.database_id == "imported-id" != old
        assert reopened.notices == []
        assert len(reopened.encounters()) == 30
    assert check_database(db_path).ok


def test_adopted_id_survives_a_restore_from_backups(db_path: Path) -> None:
    checkpointed(db_path)
    with Store.open(db_path) as store:
        with store.transaction():
            store.capture("Imported Person")
            store.adopt_database_id("imported-id")
        store.capture("After The Import")
    db_path.write_bytes(b"")
    with Store.open(db_path) as restored:
        assert "nothing is missing" in restored.notices[0]
        assert restored.database_id == "imported-id"
        names = {e.name for e in restored.encounters()}
        assert {"Imported Person", "After The Import"} <= names


def test_a_failed_transaction_keeps_the_old_id(db_path: Path) -> None:
    with Store.open(db_path) as store:
        old = store.database_id
        with pytest.raises(ZeroDivisionError), store.transaction():
            store.adopt_database_id("never-saved")
            1 / 0  # noqa: B018
        assert store.database_id == old
    with Store.open(db_path) as reopened:
        assert reopened.database_id == old


def test_an_empty_database_id_is_refused(db_path: Path) -> None:
    with Store.open(db_path) as store, pytest.raises(ValueError):
        store.adopt_database_id("")
