"""DurableStorage: saving, journal, checkpoints, backups, locking, modes, schema."""

from __future__ import annotations

import fcntl
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from hallway.store.db import Store
from hallway.store.engine import DurableStorage, snapshot
from hallway.store.engine.backups import list_backups
from hallway.store.engine.journal import Change, scan
from hallway.store.errors import SaveError
from tests.clock import ClockAt
from tests.store.storage_helpers import docs, put


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def journal_entries(db: Path) -> list[list[Change]]:
    result = scan(Path(str(db) + ".journal").read_bytes())
    return [changes for _gen, changes in result.entries]


def test_new_database_is_private_and_a_readable_tinydb_file(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Zoë"})
    storage.close()
    for file in ("hallway.json", "hallway.json.journal", "hallway.json.lock"):
        assert mode(db_path.parent / file) == 0o600
    assert mode(db_path.parent) == 0o700
    assert mode(db_path.parent / "backups") == 0o700
    assert all(mode(b.snapshot) == 0o600 for b in list_backups(db_path))
    meta = orjson.loads(db_path.read_bytes())["_meta"]["1"]
    assert meta["schema"] == snapshot.SCHEMA and meta["generation"] == 2  # closing folded
    with TinyDB(db_path) as stock:  # the snapshot stays a plain TinyDB file
        assert stock.table("_meta").get(doc_id=1)["database_id"] == storage.database_id
        assert stock.table("encounters").get(doc_id=1) == {"name": "Zoë"}


def test_a_save_appends_only_the_changed_documents(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Maya"})
    put(storage, "encounters", 2, {"name": "李雷"})
    put(storage, "encounters", 1, None)
    storage.abandon()  # as a crash leaves it: the journal still holds the saves
    assert journal_entries(db_path) == [
        [("encounters", "1", {"name": "Maya"})],
        [("encounters", "2", {"name": "李雷"})],
        [("encounters", "1", None)],
    ]
    assert docs(db_path) == {"2": {"name": "李雷"}}


def test_database_id_survives_reopening(db_path: Path) -> None:
    first = DurableStorage(db_path)
    first.close()
    again = DurableStorage(db_path)
    again.close()
    assert first.database_id and first.database_id == again.database_id


def test_write_outside_a_transaction_is_refused(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    with pytest.raises(RuntimeError):
        storage.write({"encounters": {}})
    storage.close()


def test_an_exception_rolls_memory_back_to_disk(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Kept"})
    size = os.path.getsize(str(db_path) + ".journal")
    with pytest.raises(ZeroDivisionError), storage.transaction():
        storage.read()["encounters"]["1"]["name"] = "Changed in place"
        storage.read()["encounters"]["2"] = {"name": "Never saved"}
        storage.mark_dirty("encounters", "1")
        1 / 0  # noqa: B018
    assert storage.read()["encounters"] == {"1": {"name": "Kept"}}
    assert os.path.getsize(str(db_path) + ".journal") == size
    storage.close()


def test_store_failure_inside_update_keeps_the_stored_record(db_path: Path) -> None:
    with Store.open(db_path) as store:
        person = store.capture("Maya Chen #sourdough")
        with pytest.raises(IndexError):
            store.set_follow_up_done(person.id, 3)
        assert store.encounter(person.id).topics == ["sourdough"]


def test_checkpoint_starts_a_new_generation_and_keeps_the_previous_one(db_path: Path) -> None:
    storage = DurableStorage(db_path, journal_limit=2_000)
    for n in range(1, 40):
        put(storage, "encounters", n, {"name": f"Person {n}", "pad": "x" * 100})
    storage.settle()  # checkpoints run on a background thread
    generation = storage.generation
    assert generation > 1
    header = scan(Path(str(db_path) + ".journal").read_bytes()).header
    assert header is not None and header.generation == generation
    backups = list_backups(db_path)
    assert backups[0].generation == generation - 1
    assert backups[0].journal.exists()  # the pair reproduces the current snapshot
    storage.close()
    assert len(docs(db_path)) == 39


def test_checkpoint_happens_by_size_not_per_save(db_path: Path) -> None:
    storage = DurableStorage(db_path)  # default limit: max(1 MiB, snapshot / 2)
    for n in range(1, 200):
        put(storage, "encounters", n, {"name": f"Person {n}"})
    assert storage.generation == 1
    storage.close()


def test_a_write_without_marked_documents_saves_everything(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    with storage.transaction():
        storage.write({"events": {"1": {"name": "Whole"}}})
    storage.close()
    assert docs(db_path, "events") == {"1": {"name": "Whole"}}


def test_stale_journal_from_a_crash_between_snapshot_and_journal(db_path: Path) -> None:
    storage = DurableStorage(db_path, journal_limit=1_500)
    n = 0
    while storage.generation == 1:  # save until the first checkpoint has just happened
        n += 1
        put(storage, "encounters", n, {"name": f"Person {n}", "pad": "y" * 80})
        storage.settle()
    generation = storage.generation
    storage.abandon()
    # As if the writer died after switching the snapshot but before the fresh journal:
    # the previous generation's journal (kept in backups) is still in place.
    previous = list_backups(db_path)[0]
    assert previous.generation == generation - 1
    Path(str(db_path) + ".journal").write_bytes(previous.journal.read_bytes())
    reopened = DurableStorage(db_path)
    assert reopened.notices == []
    assert len(reopened.read()["encounters"]) == n
    put(reopened, "encounters", 999, {"name": "After"})
    reopened.close()
    assert docs(db_path)["999"] == {"name": "After"}
    assert len(docs(db_path)) == n + 1


def test_torn_last_line_is_ignored_and_cut_before_the_next_save(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Acknowledged"})
    storage.close()
    journal = Path(str(db_path) + ".journal")
    with journal.open("ab") as f:
        f.write(b'1234abcd [1,[["encounters","2",{"name":"never acknow')
    reopened = DurableStorage(db_path)
    assert reopened.notices == []
    assert reopened.read()["encounters"] == {"1": {"name": "Acknowledged"}}
    put(reopened, "encounters", 3, {"name": "Next"})
    reopened.close()
    assert scan(journal.read_bytes()).torn_tail is False
    assert docs(db_path) == {"1": {"name": "Acknowledged"}, "3": {"name": "Next"}}


def test_rotation_keeps_recent_hourly_and_daily_backups(db_path: Path, clock_at: ClockAt) -> None:
    moment = clock_at(datetime(2024, 3, 1, 8, 0, tzinfo=UTC))
    storage = DurableStorage(db_path, journal_limit=1)  # checkpoint on every save
    for n in range(1, 121):  # one save every 30 minutes for 2.5 days
        moment.advance(minutes=30)
        put(storage, "encounters", n, {"name": f"P{n}"})
        storage.settle()
    storage.close()
    backups = list_backups(db_path)
    assert [b.generation for b in backups[:5]] == list(range(120, 115, -1))
    recent = [b for b in backups[5:] if moment.at - b.taken <= timedelta(days=1)]
    older = [b for b in backups[5:] if moment.at - b.taken > timedelta(days=1)]
    assert len({b.taken.strftime("%Y%m%d%H") for b in recent}) == len(recent) >= 20
    # Beyond a day: one per day (2024-03-02's newest is also within the last day).
    assert [b.taken.strftime("%Y%m%d %H%M") for b in older] == ["20240301 2330"]
    assert {b.taken.strftime("%d") for b in backups} == {"01", "02", "03"}
    assert len(docs(db_path)) == 120


def test_migration_steps_run_in_order(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Old"})
    storage.close()
    now = snapshot.SCHEMA
    monkeypatch.setattr(snapshot, "SCHEMA", now + 1)
    monkeypatch.setitem(
        snapshot.MIGRATIONS,
        now,
        lambda tables: {
            t: {k: {**d, "migrated": True} for k, d in rows.items()} for t, rows in tables.items()
        },
    )
    migrated = DurableStorage(db_path)
    migrated.close()
    assert migrated.read()["encounters"]["1"] == {"name": "Old", "migrated": True}
    assert orjson.loads(db_path.read_bytes())["_meta"]["1"]["schema"] == now + 1


def test_a_first_format_file_gets_item_ids_by_place(db_path: Path) -> None:
    """Data format 1 to 2: every note, promise... gets an id by its place in its list, the
    same on every device that had the same file."""
    db_path.parent.mkdir(parents=True)
    with TinyDB(db_path) as stock:
        notes = [{"text": "a", "at": "2025-05-12T10:00:00+02:00"}, {"text": "b", "at": "x"}]
        stock.table("encounters").insert({"name": "Old", "notes": notes, "topics": ["x"]})
    storage = DurableStorage(db_path)
    storage.close()
    [doc] = storage.read()["encounters"].values()
    assert [n["id"] for n in doc["notes"]] == [1, 2] and doc["topics"] == ["x"]


def test_a_stock_tinydb_file_is_adopted(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with TinyDB(db_path) as stock:
        stock.table("encounters").insert({"name": "From stock"})
    storage = DurableStorage(db_path)
    storage.close()
    assert storage.read()["encounters"] == {"1": {"name": "From stock"}}
    assert orjson.loads(db_path.read_bytes())["_meta"]["1"]["database_id"] == storage.database_id


def test_loose_modes_are_tightened_on_open(db_path: Path) -> None:
    DurableStorage(db_path).close()
    os.chmod(db_path, 0o644)
    os.chmod(str(db_path) + ".journal", 0o666)
    storage = DurableStorage(db_path)
    storage.close()
    assert mode(db_path) == 0o600 and mode(Path(str(db_path) + ".journal")) == 0o600
    assert any("private" in notice for notice in storage.notices)


def test_leftover_temp_files_are_removed_on_open(db_path: Path) -> None:
    DurableStorage(db_path).close()
    leftover = db_path.with_name(".hallway.json.tmp-1234-abcd")
    leftover.write_bytes(b"half a snapshot")
    DurableStorage(db_path).close()
    assert not leftover.exists()


def test_a_second_writer_waits_then_gives_up_with_a_plain_message(db_path: Path) -> None:
    storage = DurableStorage(db_path, lock_timeout=0.2)
    fd = os.open(str(db_path) + ".lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(SaveError, match=r"more than 0\.2 seconds"):
            put(storage, "encounters", 1, {"name": "Blocked"})
    finally:
        os.close(fd)
    put(storage, "encounters", 1, {"name": "Then saved"})
    storage.close()
    assert docs(db_path) == {"1": {"name": "Then saved"}}


def test_changed_on_disk_and_tail_replay(db_path: Path) -> None:
    app = DurableStorage(db_path)
    other = DurableStorage(db_path)
    assert not app.changed_on_disk()
    reloads = app.reloads
    put(other, "encounters", 7, {"name": "From the other"})
    assert app.changed_on_disk()
    app.reload()
    assert app.read()["encounters"] == {"7": {"name": "From the other"}}
    assert app.reloads == reloads + 1 and not app.changed_on_disk()
    app.close()
    other.close()


def test_catching_up_after_another_process_checkpointed(db_path: Path) -> None:
    app = DurableStorage(db_path)
    other = DurableStorage(db_path, journal_limit=500)
    for n in range(1, 20):
        put(other, "encounters", n, {"name": f"P{n}"})
        other.settle()
    assert other.generation > app.generation
    put(app, "encounters", 100, {"name": "Mine"})  # catches up first, then saves
    assert len(app.read()["encounters"]) == 20
    other.close()
    app.close()
    assert len(docs(db_path)) == 20
