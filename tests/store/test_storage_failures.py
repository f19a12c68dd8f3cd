"""Saves that fail (disk full, file too big, read-only folder, no permission) say so plainly,
leave the previous database intact, and roll memory back to what is on disk."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import DurableStorage, check_database
from hallway.store.engine.journal import scan
from hallway.store.errors import SaveError
from hallway.store.files import save_error
from tests.store.storage_helpers import run_worker


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs (needs root); skipped where mounting is not allowed."""
    point = tmp_path / "disk"
    point.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(point))
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=True)


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system of ``folder`` until about ``leave`` bytes are free."""
    st = os.statvfs(folder)
    filler = folder / "filler"
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


def test_disk_full_save_fails_plainly_and_nothing_is_lost(small_disk: Path) -> None:
    db = small_disk / "hallway.json"
    with Store.open(db) as store:
        kept = store.capture("Maya Chen #sourdough -- focaccia")
        filler = fill(small_disk, leave=0)
        with pytest.raises(SaveError, match="disk is full") as caught:
            store.capture("Too Much -- " + "x" * 15_000)
        assert "Everything saved before is safe" in str(caught.value)
        assert [e.name for e in store.encounters()] == ["Maya Chen"]  # memory = disk
        filler.unlink()
        store.add_note(kept.id, "after freeing space")
    with Store.open(db) as again:
        assert [n.text for n in again.encounter(kept.id).notes] == [
            "focaccia",
            "after freeing space",
        ]
    assert check_database(db).ok


def test_failed_checkpoint_does_not_fail_the_durable_save(small_disk: Path) -> None:
    db = small_disk / "hallway.json"
    storage = DurableStorage(db, journal_limit=2_000)
    with storage.transaction():
        storage.read()["encounters"] = {str(n): {"pad": "p" * 900} for n in range(1, 400)}
        for n in range(1, 400):
            storage.mark_dirty("encounters", str(n))
    storage.settle()  # let the checkpoint this started finish before the disk fills up
    fill(small_disk, leave=64 * 1024)  # room for journal lines, not for a snapshot
    for n in range(1, 41):  # ~4 KB of journal: past the limit, so a checkpoint is tried
        with storage.transaction():
            storage.read()["encounters"][str(n)] = {"pad": f"changed {n}" + "c" * 90}
            storage.mark_dirty("encounters", str(n))
        storage.settle()  # checkpoints run on a background thread
    assert storage.checkpoint_error is not None and "No space" in storage.checkpoint_error
    storage.close()
    reopened = DurableStorage(db)
    reopened.close()
    assert all(
        reopened.read()["encounters"][str(n)]["pad"].startswith(f"changed {n}c")
        for n in range(1, 41)
    )


def test_file_size_limit_save_fails_and_the_partial_line_is_cut(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.capture("Before #ok")
    outcome = json.loads(run_worker("fsize", str(db_path), "2000"))
    assert "grow past the size" in outcome["error"]
    assert outcome["after"] == outcome["before"] == 1
    journal = scan(Path(str(db_path) + ".journal").read_bytes())
    assert not journal.torn_tail and not journal.damaged
    with Store.open(db_path) as store:
        assert [e.name for e in store.encounters()] == ["Before"]
    assert check_database(db_path).ok


def test_read_only_folder(small_disk: Path) -> None:
    db = small_disk / "hallway.json"
    with Store.open(db) as store:
        store.capture("Written #before")
    # Linux refuses to remount read-only while a file is open for writing, so the store
    # is closed first; opening on a read-only folder still shows everything.
    _mount("-o", "remount,ro", str(small_disk))
    try:
        with Store.open(db) as reader:
            assert [e.name for e in reader.encounters()] == ["Written"]
            with pytest.raises(SaveError, match="read-only"):
                reader.capture("Refused")
            assert [e.name for e in reader.encounters()] == ["Written"]
    finally:
        _mount("-o", "remount,rw", str(small_disk))
    with Store.open(db) as store:
        store.capture("Written again")
        assert {e.name for e in store.encounters()} == {"Written", "Written again"}


def test_permission_denied(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to the user nobody")
    folder = Path(tempfile.mkdtemp(prefix="hallway-perm-"))
    try:
        folder.chmod(0o755)
        db = folder / "hallway.json"
        with Store.open(db) as store:
            store.capture("Owner's #record")
        for file in folder.iterdir():
            file.chmod(0o644)  # readable by others, writable by the owner only
        outcome = json.loads(run_worker("as-nobody", str(db)))
        assert "not allowed to write" in outcome["error"]
        assert outcome["before"] == outcome["after"] == 1
        with Store.open(db) as store:
            assert [e.name for e in store.encounters()] == ["Owner's"]
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EDQUOT, "disk is full"),
        (errno.EFBIG, "grow past the size"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "not allowed to write there (/data/hallway.json)"),
        (errno.EIO, "the system said: Input/output error"),
    ],
)
def test_save_error_messages_are_plain(code: int, words: str) -> None:
    error = save_error(OSError(code, os.strerror(code), "/data/hallway.json"))
    assert isinstance(error, SaveError)
    assert words in str(error) and str(error).endswith("Everything saved before is safe.")
