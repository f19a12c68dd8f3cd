"""A background checkpoint writes and syncs the next journal before it takes the lock to
switch, carrying ahead the lines saved while it encoded: the switch itself then writes and
syncs only the lines saved since (none, most often), so that no save waits behind a sync of
the checkpoint's (issue 9, §1). The steps run here one after the other on one thread, as
the background thread runs them, with saves in between."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hallway.store.engine import DurableStorage, check_database, checkpoint
from hallway.store.engine import journal_file as journal_file_module
from hallway.store.engine import storage as storage_module
from hallway.store.engine.checkpoint import Fold
from hallway.store.engine.journal import scan
from hallway.store.errors import SaveError
from tests.store.storage_helpers import docs, put


def begin(storage: DurableStorage) -> Fold:
    """Step 1 of a background checkpoint: the copy, under the lock."""
    with storage._lock.held():
        return storage._begin_fold(sync=False)


def count_syncs(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count file syncs of journals and folder syncs of the storage from now on."""
    counts = {"file": 0, "folder": 0}
    real_sync, real_dir = journal_file_module.sync_file, storage_module.fsync_dir

    def sync_file(fd: int, *, data_only: bool = False) -> None:
        counts["file"] += 1
        real_sync(fd, data_only=data_only)

    def fsync_dir(folder: Path) -> None:
        counts["folder"] += 1
        real_dir(folder)

    monkeypatch.setattr(journal_file_module, "sync_file", sync_file)
    monkeypatch.setattr(storage_module, "fsync_dir", fsync_dir)
    return counts


def journal_entries(db: Path) -> list[tuple[int, list[object]]]:
    raw = db.with_name(db.name + ".journal").read_bytes()
    return [(gen, list(changes)) for gen, changes in scan(raw).entries]


@pytest.mark.parametrize("saved_since", [0, 1, 3])
def test_the_switch_syncs_only_lines_saved_after_the_journal_was_prepared(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, saved_since: int
) -> None:
    storage = DurableStorage(db_path, journal_limit=1 << 30)
    put(storage, "encounters", 1, {"name": "Folded Fay"})
    fold = begin(storage)
    put(storage, "encounters", 2, {"name": "Ahead Abe"})  # while the snapshot is encoded
    put(storage, "encounters", 3, {"name": "Ahead Ada"})
    tmp, size = checkpoint.write_snapshot(fold, storage.path)
    ahead, prepared = storage._prepare_journal(fold, tmp)
    assert len(ahead.ends) == 2  # both lines carried ahead, outside the lock
    for n in range(saved_since):
        put(storage, "encounters", 10 + n, {"name": f"Late {n}"})
    counts = count_syncs(monkeypatch)
    with storage._lock.held():
        assert storage._finish_fold(fold, tmp, size, ahead, prepared)
    # Only the snapshot's rename and the journal's are synced, plus the late lines if any.
    assert counts == {"file": 1 if saved_since else 0, "folder": 2}
    assert storage.generation == fold.generation + 1
    entries = journal_entries(db_path)
    assert [gen for gen, _changes in entries] == [fold.generation + 1] * (2 + saved_since)
    put(storage, "encounters", 4, {"name": "After Al"})  # appends to the new journal
    storage.abandon()  # as a crash leaves it: the next open reads snapshot + journal
    expected = {"Folded Fay", "Ahead Abe", "Ahead Ada", "After Al"}
    expected |= {f"Late {n}" for n in range(saved_since)}
    assert {doc["name"] for doc in docs(db_path).values()} == expected
    assert check_database(db_path).ok


def test_lines_read_ahead_that_were_cut_since_are_not_carried(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save whose sync fails is cut off the journal again and reported as failed. If the
    # checkpoint read it ahead in between, the switch must notice the changed bytes and
    # write the next journal again from what the journal holds now.
    storage = DurableStorage(db_path, journal_limit=1 << 30)
    put(storage, "encounters", 1, {"name": "Folded Fay"})
    fold = begin(storage)
    put(storage, "encounters", 2, {"name": "Kept Kim"})
    tmp, size = checkpoint.write_snapshot(fold, storage.path)
    real_sync = journal_file_module.sync_file
    read_ahead = []

    def sync_fails_after_the_read_ahead(fd: int, *, data_only: bool = False) -> None:
        if data_only and not read_ahead:  # the save's append (not the journal prepared)
            read_ahead.append(storage._prepare_journal(fold, tmp))
            raise OSError(errno.EIO, "Input/output error")
        real_sync(fd, data_only=data_only)

    monkeypatch.setattr(journal_file_module, "sync_file", sync_fails_after_the_read_ahead)
    with pytest.raises(SaveError):
        put(storage, "encounters", 3, {"name": "Failed Flo"})
    monkeypatch.undo()
    ((ahead, prepared),) = read_ahead
    assert b"Failed Flo" in prepared.path.read_bytes()
    put(storage, "encounters", 4, {"name": "Saved Sam"})  # where the failed line was
    with storage._lock.held():
        assert storage._finish_fold(fold, tmp, size, ahead, prepared)
    storage.close()
    assert {doc["name"] for doc in docs(db_path).values()} == {
        "Folded Fay",
        "Kept Kim",
        "Saved Sam",
    }
    assert not [p for p in db_path.parent.iterdir() if ".tmp-" in p.name]
    assert check_database(db_path).ok


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names synced files by /proc")
def test_a_background_checkpoint_holds_the_lock_for_no_sync_of_its_own(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every sync a background checkpoint makes of its own files (the snapshot, the next
    # journal, the backups' folder) happens without the lock; under it, only the renames'.
    storage = DurableStorage(db_path, journal_limit=1)
    locked_syncs: list[str] = []
    real_fsync, real_fdatasync = os.fsync, os.fdatasync

    def held() -> bool:
        return storage._lock._depth > 0

    def fsync(fd: int) -> None:
        if held():
            locked_syncs.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def fdatasync(fd: int) -> None:
        if held():
            locked_syncs.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fdatasync(fd)

    put(storage, "encounters", 1, {"name": "First"})
    storage.settle()
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "fdatasync", fdatasync)
    generation = storage.generation
    put(storage, "encounters", 2, {"name": "Second"})  # starts a background checkpoint
    storage.settle()
    assert storage.generation == generation + 1
    journal = str(storage.journal_path)
    others = [path for path in locked_syncs if path not in (journal, str(db_path.parent))]
    assert others == []  # the save's own line, and the folder after each rename, only
    storage.close()
