"""Damaged files: set aside, restored from backups, never silent, never silently empty."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from hallway.store.engine import DurableStorage, check_database, repair_database
from hallway.store.engine.backups import list_backups
from hallway.store.errors import DatabaseDamaged, NewerSchema
from tests.store.storage_helpers import docs, put


def journal_of(db: Path) -> Path:
    return Path(str(db) + ".journal")


def damaged_copies(db: Path, name: str = "hallway.json") -> list[Path]:
    return sorted(db.parent.glob(f"{name}.damaged-*"))


@pytest.fixture
def saved(db_path: Path) -> Path:
    """A database with a checkpoint behind it and saves in the current journal."""
    storage = DurableStorage(db_path, journal_limit=600)
    for n in range(1, 16):
        put(storage, "encounters", n, {"name": f"Person {n}", "pad": "z" * 60})
        storage.settle()  # checkpoints run on a background thread
    assert storage.generation > 1
    put(storage, "encounters", 16, {"name": "Only in the current journal"})
    storage.abandon()  # as a crash leaves it: the last save is in the journal only
    return db_path


EXPECTED = {str(n): {"name": f"Person {n}", "pad": "z" * 60} for n in range(1, 16)} | {
    "16": {"name": "Only in the current journal"}
}

DAMAGE = {
    "empty": (lambda raw: b"", "is empty"),
    "truncated": (lambda raw: raw[: len(raw) // 2], "cut short"),
    "not JSON": (lambda raw: b"<html>not a database</html>", "not valid JSON"),
    "not UTF-8": (lambda raw: b'{"encounters": {"1": {"name": "\xff\xfe"}}}', "UTF-8"),
    "a list": (lambda raw: b"[1, 2, 3]", "shape"),
    "table not a dict": (lambda raw: b'{"encounters": [1, 2]}', "shape"),
    "record not a dict": (lambda raw: b'{"encounters": {"1": "Maya"}}', "shape"),
    "record id not a number": (lambda raw: b'{"encounters": {"x": {}}}', "shape"),
    "meta incomplete": (lambda raw: b'{"_meta": {"1": {"schema": 1}}}', "shape"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_snapshot_is_set_aside_and_rebuilt_without_loss(saved: Path, kind: str) -> None:
    damage, words = DAMAGE[kind]
    bad = damage(saved.read_bytes())
    saved.write_bytes(bad)
    storage = DurableStorage(saved)
    storage.close()
    assert storage.read()["encounters"] == EXPECTED
    [aside] = damaged_copies(saved)
    assert aside.read_bytes() == bad  # kept exactly as found
    [notice] = storage.notices
    assert words in notice and str(aside) in notice and "nothing is missing" in notice
    assert check_database(saved).ok
    assert docs(saved) == EXPECTED  # the repair was saved


def test_missing_snapshot_with_backups_is_restored(saved: Path) -> None:
    saved.unlink()
    storage = DurableStorage(saved)
    storage.close()
    assert storage.read()["encounters"] == EXPECTED
    assert "is missing" in storage.notices[0]


def test_newest_backup_damaged_uses_an_older_one_and_the_journals(saved: Path) -> None:
    list_backups(saved)[0].snapshot.write_bytes(b"garbage")
    saved.write_bytes(b"")
    storage = DurableStorage(saved)
    storage.close()
    assert storage.read()["encounters"] == EXPECTED
    assert "nothing is missing" in storage.notices[0]


def test_without_the_current_journal_the_notice_says_what_may_be_missing(saved: Path) -> None:
    saved.write_bytes(b"")
    journal_of(saved).unlink()
    storage = DurableStorage(saved)
    storage.close()
    assert "16" not in storage.read()["encounters"]
    assert len(storage.read()["encounters"]) == 15
    assert "may be missing" in storage.notices[0]


def test_no_good_backup_raises_and_leaves_the_file_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"{not json")
    for _attempt in range(2):  # and again: it never silently starts empty
        with pytest.raises(DatabaseDamaged) as caught:
            DurableStorage(db_path)
        message = str(caught.value)
        assert str(db_path) in message and "no good backup" in message
        assert "hallway check --repair" in message and "move hallway.json" in message
        assert db_path.read_bytes() == b"{not json"
    assert not check_database(db_path).ok
    with pytest.raises(DatabaseDamaged):
        repair_database(db_path)


def test_every_backup_damaged_raises(saved: Path) -> None:
    for backup in list_backups(saved):
        backup.snapshot.write_bytes(b"")
    saved.write_bytes(b"[]")
    with pytest.raises(DatabaseDamaged):
        DurableStorage(saved)
    assert saved.read_bytes() == b"[]"


def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    raw = orjson.dumps({"_meta": {"1": {"schema": 99, "database_id": "x", "generation": 3}}})
    db_path.write_bytes(raw)
    db_path.chmod(0o644)
    with pytest.raises(NewerSchema, match="newer version of Hallway"):
        DurableStorage(db_path)
    assert db_path.read_bytes() == raw
    assert db_path.stat().st_mode & 0o777 == 0o644
    assert not journal_of(db_path).exists()


def test_damaged_middle_journal_line_recovers_the_rest_and_says_so(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    for n in range(1, 6):
        put(storage, "encounters", n, {"name": f"P{n}"})
    storage.abandon()  # the saves stay in the journal, as after a crash
    lines = journal_of(db_path).read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"P3", b"Q3")  # checksum no longer matches
    broken = b"\n".join(lines)
    journal_of(db_path).write_bytes(broken)
    reopened = DurableStorage(db_path)
    reopened.close()
    assert set(reopened.read()["encounters"]) == {"1", "2", "4", "5"}
    [notice] = reopened.notices
    assert "1 saved change could not be read" in notice
    [aside] = damaged_copies(db_path, "hallway.json.journal")
    assert aside.read_bytes() == broken and str(aside) in notice
    assert check_database(db_path).ok
    assert set(docs(db_path)) == {"1", "2", "4", "5"}


def test_damaged_journal_header_keeps_every_entry(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    put(storage, "encounters", 1, {"name": "Kept"})
    storage.abandon()  # the save stays in the journal, as after a crash
    raw = journal_of(db_path).read_bytes()
    journal_of(db_path).write_bytes(b"garbage" + raw[7:])
    reopened = DurableStorage(db_path)
    reopened.close()
    assert reopened.read()["encounters"] == {"1": {"name": "Kept"}}
    assert "damaged first line" in reopened.notices[0]


def test_empty_journal_is_reported(db_path: Path) -> None:
    DurableStorage(db_path).close()
    journal_of(db_path).write_bytes(b"")
    reopened = DurableStorage(db_path)
    reopened.close()
    assert "empty or unreadable" in reopened.notices[0]
    assert check_database(db_path).ok


def test_journal_of_another_database_is_not_replayed(db_path: Path, tmp_path: Path) -> None:
    other = DurableStorage(tmp_path / "other" / "hallway.json")
    put(other, "encounters", 1, {"name": "Someone else's"})
    other.abandon()  # its save stays in its journal
    DurableStorage(db_path).close()
    journal_of(db_path).write_bytes(journal_of(other.path).read_bytes())
    reopened = DurableStorage(db_path)
    reopened.close()
    assert reopened.read() == {}
    assert "another database" in reopened.notices[0]


def test_snapshot_older_than_its_journal_is_rebuilt(saved: Path) -> None:
    oldest = list_backups(saved)[-1]
    saved.write_bytes(oldest.snapshot.read_bytes())  # someone put an old copy back
    storage = DurableStorage(saved)
    storage.close()
    assert storage.read()["encounters"] == EXPECTED
    assert "older than its journal" in storage.notices[0]


def test_check_reports_and_repair_fixes(saved: Path) -> None:
    report = check_database(saved)
    assert report.ok and report.problems == []
    assert any("every record reads cleanly (encounters;" in line for line in report.details)
    assert "nothing needed repairing" in repair_database(saved)
    saved.write_bytes(b"\x00\x00\x00")
    broken = check_database(saved)
    assert not broken.ok and "not valid JSON" in broken.problems[0]
    assert any("--repair" in line for line in broken.details)
    message = repair_database(saved)
    assert "was restored" in message and "nothing is missing" in message
    assert check_database(saved).ok
    assert docs(saved) == EXPECTED


def test_set_aside_copies_are_private_to_the_owner(saved: Path) -> None:
    # Damaged while open, found by a reload (opening would tighten every file anyway).
    storage = DurableStorage(saved)
    try:
        saved.chmod(0o644)  # as an older tool or a copy from elsewhere may have left it
        saved.write_bytes(b"<html>not a database</html>")
        storage.reload()
    finally:
        storage.close()
    [aside] = damaged_copies(saved)
    assert "was restored" in storage.notices[-1]
    assert aside.stat().st_mode & 0o777 == 0o600


def test_set_aside_journal_is_private_to_the_owner(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    try:
        for n in range(1, 4):
            put(storage, "encounters", n, {"name": f"P{n}"})
        journal = journal_of(db_path)
        journal.chmod(0o644)  # as an older tool or a copy from elsewhere may have left it
        journal.write_bytes(journal.read_bytes().replace(b"P2", b"Q2"))  # checksum mismatch
        os.utime(db_path, ns=(0, 0))  # make the snapshot look replaced: a full reload
        storage.reload()
    finally:
        storage.close()
    [aside] = damaged_copies(db_path, "hallway.json.journal")
    assert aside.stat().st_mode & 0o777 == 0o600


def test_check_counts_in_proper_english(saved: Path) -> None:
    details = check_database(saved).details
    assert not [line for line in details if "(s)" in line]
    assert any(line.startswith("Journal: 1 saved change since") for line in details)
    backups = len(list_backups(saved))
    assert backups > 1
    assert any(line.startswith(f"{backups} backups; the newest") for line in details)


def test_check_is_read_only(saved: Path) -> None:
    saved.write_bytes(b"")
    before = sorted(p.name for p in saved.parent.rglob("*"))
    assert not check_database(saved).ok
    assert sorted(p.name for p in saved.parent.rglob("*")) == before
    assert saved.read_bytes() == b""
