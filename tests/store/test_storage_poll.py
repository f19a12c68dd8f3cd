"""What an app polling the storage relies on: a reload that never waits for the lock,
notices handed out once, checkpoint failures reported, and a backup on demand."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest

from hallway.store.engine import DurableStorage
from hallway.store.engine import checkpoint as checkpoint_module
from hallway.store.engine.backups import list_backups
from hallway.store.engine.locking import InterProcessLock, LockBusy
from tests.store.storage_helpers import put


def test_reload_without_waiting_skips_while_another_process_saves(db_path: Path) -> None:
    poller = DurableStorage(db_path)
    saver = DurableStorage(db_path)  # its own lock file descriptor: another process to flock
    try:
        put(saver, "encounters", 1, {"name": "Maya Chen"})
        with saver.transaction():
            saver.put_doc("encounters", "2", {"name": "Bo Chen"})
            started = time.monotonic()
            assert poller.reload(wait=False) is False
            # No 30 s wait on the lock, and nothing half-loaded.
            assert time.monotonic() - started < 5
            assert poller.table("encounters") == {}
        assert poller.reload(wait=False) is True
        assert sorted(poller.table("encounters")) == ["1", "2"]
    finally:
        poller.close()
        saver.close()


def test_reload_without_waiting_skips_while_another_thread_saves(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    holding, release = threading.Event(), threading.Event()

    def save_slowly() -> None:
        with storage.transaction():
            holding.set()
            release.wait(timeout=30)

    worker = threading.Thread(target=save_slowly)
    worker.start()
    try:
        assert holding.wait(timeout=30)
        assert storage.reload(wait=False) is False
    finally:
        release.set()
        worker.join(timeout=30)
        storage.close()
    assert not worker.is_alive()


def test_lock_without_waiting_raises_lock_busy_with_a_plain_message(tmp_path: Path) -> None:
    first = InterProcessLock(tmp_path / "h.lock")
    second = InterProcessLock(tmp_path / "h.lock")
    try:
        with (
            first.held(),
            pytest.raises(LockBusy, match="everything saved before is safe"),
            second.held("load the latest changes", wait=False),
        ):
            pytest.fail("the lock was held twice")
        # Free again, and reentrant in its own thread.
        with second.held(wait=False), second.held(wait=False):
            assert second.available
    finally:
        first.close()
        second.close()


def test_take_notices_hands_each_notice_out_once(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    try:
        storage.notices.append("The backup from yesterday was restored.")
        assert storage.take_notices() == ["The backup from yesterday was restored."]
        assert storage.take_notices() == []
    finally:
        storage.close()


def test_failed_checkpoint_is_reported_once_and_the_save_stands(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = DurableStorage(db_path, journal_limit=300)
    real_write = checkpoint_module.write_snapshot

    def disk_full(fold: object, target: Path) -> tuple[Path, int]:
        tmp = target.with_name(".hallway.json.tmp-1-abcd")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

    monkeypatch.setattr(checkpoint_module, "write_snapshot", disk_full)
    try:
        for n in range(1, 30):  # well past the limit: checkpoints are tried and fail
            put(storage, "encounters", n, {"name": f"Person {n}", "pad": "x" * 40})
            storage.settle()  # checkpoints run on a background thread
        assert storage.checkpoint_error is not None
        [notice] = storage.take_notices()
        assert "Every change is saved" in notice and "No space left on device" in notice
        assert ".tmp-" not in notice  # it names the database, not a temp file
        assert storage.take_notices() == []  # not repeated on every save
        monkeypatch.setattr(checkpoint_module, "write_snapshot", real_write)
        for n in range(30, 60):
            put(storage, "encounters", n, {"name": f"Person {n}", "pad": "x" * 40})
            storage.settle()
        assert storage.checkpoint_error is None
    finally:
        storage.close()
    reopened = DurableStorage(db_path)
    reopened.close()
    assert len(reopened.table("encounters")) == 59


def test_any_error_in_a_background_checkpoint_is_told_and_the_saves_stand(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = DurableStorage(db_path, journal_limit=300)

    def broken(*args: object) -> bytes:
        raise TypeError("snapshot_pieces() got an unexpected argument")

    monkeypatch.setattr(checkpoint_module, "snapshot_pieces", broken)
    try:
        for n in range(1, 30):
            put(storage, "encounters", n, {"name": f"Person {n}", "pad": "x" * 40})
            storage.settle()
        [notice] = storage.take_notices()  # told, never swallowed, and never a crash
        assert "Every change is saved" in notice and "unexpected argument" in notice
        assert storage.checkpoint_error is not None
    finally:
        storage.abandon()
    reopened = DurableStorage(db_path)
    reopened.close()
    assert len(reopened.table("encounters")) == 29


def test_backup_now_keeps_a_full_copy_of_the_current_state(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    try:
        put(storage, "encounters", 1, {"name": "Maya Chen"})
        put(storage, "encounters", 2, {"name": "Bo Chen"})  # both only in the journal so far
        kept = storage.backup_now()
        put(storage, "encounters", 3, {"name": "After the backup"})
    finally:
        storage.close()
    assert kept in [b.snapshot for b in list_backups(db_path)]
    assert kept.stat().st_mode & 0o077 == 0
    copy = db_path.with_name("copy.json")
    copy.write_bytes(kept.read_bytes())
    restored = DurableStorage(copy)
    restored.close()
    assert {d["name"] for d in restored.table("encounters").values()} == {"Maya Chen", "Bo Chen"}
    reopened = DurableStorage(db_path)
    reopened.close()
    assert len(reopened.table("encounters")) == 3
