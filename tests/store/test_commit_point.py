"""A whole-database save (a replacing import) has one commit point, the snapshot's rename:
a failure before it changes nothing and is reported as a failure; a failure after it (the
journal switch) is not reported as a failed save, because everything was saved (issue 9,
§3.4). Failed checkpoints leave no temp files or links behind (§3.12)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import check_database
from hallway.store.engine.journal_file import JournalFile
from hallway.store.interop import export_bytes
from hallway.tui.cli import main
from tests.mounts import tmpfs

IMPORTED = {"Imported Ines", "Imported Ivo"}


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    """A JSON export of another database holding two people."""
    source = tmp_path / "source" / "hallway.json"
    with Store.open(source) as store:
        for name in IMPORTED:
            store.capture(name)
        data = export_bytes(store, "json")
    path = tmp_path / "export.json"
    path.write_bytes(data)
    return path


def names(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {e.name for e in store.encounters()}


def full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failure_before_the_commit_point_changes_nothing(
    db_path: Path, export_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with Store.open(db_path) as store:
        store.capture("Kept Karl")
    monkeypatch.setattr(JournalFile, "prepare", full_disk)  # just before the rename
    code = main(["import", "json", str(export_file), "--db", str(db_path), "--replace"])
    assert code == 1
    assert "could not be saved because the disk is full" in capsys.readouterr().err
    monkeypatch.undo()
    assert names(db_path) == {"Kept Karl"}
    assert check_database(db_path).ok


def test_a_failure_after_the_commit_point_is_a_success(
    db_path: Path, export_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with Store.open(db_path) as store:
        store.capture("Replaced Rob")
    real_install = JournalFile.install
    calls = []

    def install_once_fails(self: JournalFile, prepared: object) -> None:
        calls.append(prepared)
        if len(calls) == 2:  # the import's own switch (the first is the backup's)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_install(self, prepared)  # type: ignore[arg-type]

    monkeypatch.setattr(JournalFile, "install", install_once_fails)
    code = main(["import", "json", str(export_file), "--db", str(db_path), "--replace"])
    out, err = capsys.readouterr()
    assert len(calls) >= 2
    assert code == 0, err
    assert "now holds everything from the export" in out
    assert "could not be saved" not in err
    monkeypatch.undo()
    assert names(db_path) == IMPORTED
    assert check_database(db_path).ok


def test_a_replacing_import_on_a_nearly_full_disk_is_all_or_nothing(
    tmp_path: Path, export_file: Path, capsys
) -> None:
    """The issue's case: ~120 KiB free. Whatever the outcome, the exit code tells it."""
    with tmpfs(tmp_path / "disk", size="1m") as disk:
        db = disk / "hallway.json"
        with Store.open(db) as store:
            store.capture("Before Bea -- " + "b" * 2000)
        filler = disk / "filler"
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        filler.write_bytes(b"\0" * max(0, free - 120 * 1024))
        code = main(["import", "json", str(export_file), "--db", str(db), "--replace"])
        err = capsys.readouterr().err
        filler.unlink()
        expected = IMPORTED if code == 0 else {"Before Bea"}
        assert names(db) == expected, err
        leftovers = [p for p in disk.rglob("*") if ".tmp-" in p.name]
        assert leftovers == []


def test_failed_checkpoints_leave_no_temp_files_or_links(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", size="2m") as disk:
        db = disk / "hallway.json"
        store = Store.open(db)
        for n in range(30):
            store.capture(f"Person {n} -- " + "x" * 3000)
        store.close()  # folded; backups kept
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * max(0, free - 48 * 1024))
        store = Store.open(db)
        store.storage._limit = 1  # every save tries a checkpoint, each fails: disk full
        for n in range(5):
            store.capture(f"Late {n}")
            store.storage.settle()
        assert store.storage.checkpoint_error is not None
        leftovers = [p for p in disk.rglob("*") if ".tmp-" in p.name]
        assert leftovers == []  # while still open: nothing waits for the next open to clean
        store.close()
        leftovers = [p for p in disk.rglob("*") if ".tmp-" in p.name]
        assert leftovers == []
        (disk / "filler").unlink()
        assert {f"Late {n}" for n in range(5)} <= names(db)
