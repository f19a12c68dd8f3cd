"""Durability on every Unix (issue 9, §2): one primitive decides how each write reaches the
disk -- ``fcntl(F_FULLFSYNC)`` where the platform has it (macOS), else ``fdatasync`` for
journal appends, else ``fsync`` -- and the journal, the snapshot and folder entries all use
it. These tests stand in for the other platforms on Linux."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

from hallway.store.db import Store

FAKE_F_FULLFSYNC = 51  # macOS's value; Linux has no such command


def path_of(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record which files each sync primitive was called on."""
    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to name the files synced")
    calls: dict[str, list[str]] = {"fsync": [], "fdatasync": [], "fullfsync": []}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls["fsync"].append(path_of(fd))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    if hasattr(os, "fdatasync"):
        real_fdatasync = os.fdatasync

        def fdatasync(fd: int) -> None:
            calls["fdatasync"].append(path_of(fd))
            real_fdatasync(fd)

        monkeypatch.setattr(os, "fdatasync", fdatasync)
    return calls


def save_and_close(db: Path) -> None:
    """A save (a journal append), then closing (a fold: snapshot, journal, backups)."""
    with Store.open(db) as store:
        store.capture("Durable Dana")
    with Store.open(db) as store:
        assert [e.name for e in store.encounters()] == ["Durable Dana"]


def covers(paths: list[str], db: Path) -> None:
    """Journal, snapshot and both folders were synced with the primitive."""
    journal = f"{db}.journal"
    assert journal in paths  # the save's append (and the journal written at the fold)
    assert any(Path(p).name.startswith(".hallway.json.tmp-") for p in paths)  # the snapshot
    assert str(db.parent) in paths  # renames in the database's folder
    assert str(db.parent / "backups") in paths  # the backups' links


def test_without_fdatasync_journal_appends_use_fsync(
    db_path: Path, synced: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fdatasync", raising=False)  # as on macOS
    save_and_close(db_path)
    assert synced["fdatasync"] == []
    covers(synced["fsync"], db_path)


def test_with_fdatasync_journal_appends_use_it(db_path: Path, synced: dict[str, list[str]]) -> None:
    if not hasattr(os, "fdatasync"):
        pytest.skip("this platform has no fdatasync")
    save_and_close(db_path)
    assert f"{db_path}.journal" in synced["fdatasync"]
    covers(synced["fsync"] + synced["fdatasync"], db_path)


def test_f_fullfsync_is_used_for_everything_where_the_platform_has_it(
    db_path: Path, synced: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fcntl = fcntl.fcntl

    def fake_fcntl(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == FAKE_F_FULLFSYNC:
            synced["fullfsync"].append(path_of(fd))
            return 0
        return real_fcntl(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "F_FULLFSYNC", FAKE_F_FULLFSYNC, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", fake_fcntl)
    save_and_close(db_path)
    covers(synced["fullfsync"], db_path)
    assert synced["fsync"] == [] and synced["fdatasync"] == []


def test_a_file_system_refusing_f_fullfsync_falls_back_to_fsync(
    db_path: Path, synced: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fcntl = fcntl.fcntl

    def refusing_fcntl(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == FAKE_F_FULLFSYNC:
            synced["fullfsync"].append(path_of(fd))
            raise OSError(errno.EINVAL, "Invalid argument")  # a network share, say
        return real_fcntl(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "F_FULLFSYNC", FAKE_F_FULLFSYNC, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", refusing_fcntl)
    save_and_close(db_path)
    covers(synced["fullfsync"], db_path)
    covers(synced["fsync"] + synced["fdatasync"], db_path)  # every refused one fell back
    assert len(synced["fsync"]) + len(synced["fdatasync"]) == len(synced["fullfsync"])


def test_a_real_write_error_from_f_fullfsync_fails_the_save(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallway.store.errors import SaveError

    with Store.open(db_path) as store:
        store.capture("Before")
        real_fcntl = fcntl.fcntl

        def failing_fcntl(fd: int, cmd: int, arg: int = 0) -> int:
            if cmd == FAKE_F_FULLFSYNC:
                raise OSError(errno.EIO, "Input/output error")
            return real_fcntl(fd, cmd, arg)

        monkeypatch.setattr(fcntl, "F_FULLFSYNC", FAKE_F_FULLFSYNC, raising=False)
        monkeypatch.setattr(fcntl, "fcntl", failing_fcntl)
        with pytest.raises(SaveError, match="Input/output error"):
            store.capture("Not Durable")
        monkeypatch.undo()
        assert [e.name for e in store.encounters()] == ["Before"]
