"""Whose file is whose in a synced folder, and which files are a sync tool's conflict copies
(each tool's documented naming)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.store.engine.peers import (
    conflict_copies,
    conflict_copy_of,
    device_files,
    device_snapshot,
)

DB = Path("/sync/hallway.json")


@pytest.mark.parametrize(
    ("name", "original"),
    [
        # Syncthing: name.sync-conflict-<date>-<time>-<device>.ext
        ("hallway.sync-conflict-20261128-101010-ABCDEFG.json", "hallway.json"),
        ("hallway.json.sync-conflict-20261128-101010-ABCDEFG.journal", "hallway.json.journal"),
        ("hallway.1a2b3c4d.sync-conflict-20261128-101010-Q2W3E4R.json", "hallway.1a2b3c4d.json"),
        # Dropbox
        ("hallway (Maya's conflicted copy 2026-11-28).json", "hallway.json"),
        ("hallway (conflicted copy).json", "hallway.json"),
        ("hallway.json (Laptop's conflicted copy 2026-11-28).journal", "hallway.json.journal"),
        # Nextcloud / ownCloud desktop
        ("hallway (conflicted copy 2026-11-28 101010).json", "hallway.json"),
        # ownCloud, older clients
        ("hallway_conflict-20261128-101010.json", "hallway.json"),
        # iCloud Drive
        ("hallway 2.json", "hallway.json"),
        ("hallway.json 3.journal", "hallway.json.journal"),
    ],
)
def test_conflict_copies_are_recognised(name: str, original: str) -> None:
    assert conflict_copy_of(name, DB) == original


@pytest.mark.parametrize(
    "name",
    [
        "hallway.json",
        "hallway.json.journal",
        "hallway.1a2b3c4d.json",
        ".syncthing.hallway.json.tmp",  # a transfer under way: never read
        "~syncthing~hallway.json.tmp",
        "hallway.json.part",
        "notes (conflicted copy).txt",  # another file's copy
        "other.sync-conflict-20261128-101010-ABCDEFG.json",
        "hallway.json.damaged-20261128-101010",
    ],
)
def test_other_files_are_not_conflict_copies(name: str) -> None:
    assert conflict_copy_of(name, DB) is None


def test_each_device_has_its_own_files(tmp_path: Path) -> None:
    db = tmp_path / "hallway.json"
    mine = device_snapshot(db, "1a2b3c4d" + "0" * 24)
    assert mine.name == "hallway.1a2b3c4d.json"
    for path in (db, mine, tmp_path / "hallway.ffff0000.json", tmp_path / "other.12345678.json"):
        path.write_text("{}")
    (tmp_path / ".syncthing.hallway.json.tmp").write_text("{")
    (tmp_path / "hallway.sync-conflict-20261128-101010-ABCDEFG.json").write_text("{}")
    found = [(f.snapshot.name, f.device) for f in device_files(db)]
    assert found == [
        ("hallway.json", None),
        ("hallway.1a2b3c4d.json", "1a2b3c4d"),
        ("hallway.ffff0000.json", "ffff0000"),
    ]
    assert [(p.name, o) for p, o in conflict_copies(db)] == [
        ("hallway.sync-conflict-20261128-101010-ABCDEFG.json", "hallway.json")
    ]
