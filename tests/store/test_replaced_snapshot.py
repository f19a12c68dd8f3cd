"""A newer copy's ``hallway.json`` dropped over this one (a file-sync tool, a copy by hand)
never erases this copy's acknowledged saves: they are kept aside as
``hallway.json.journal.unmerged-<time>``, the user is told, and ``hallway check`` reports
them until they are dealt with (issue 9, §3.1)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import check_database
from hallway.store.engine.journal import scan
from hallway.tui.cli import main

B_ONLY = ["B-only-1", "B-only-2", "B-only-3"]
A_ONLY = ["A-only-1", "A-only-2", "A-only-3"]


def hallway(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def unmerged(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.journal.unmerged-*"))


def names_in(journals: list[Path]) -> set[str]:
    """Every name a journal's saves wrote, across ``journals``."""
    found = set()
    for journal in journals:
        for _gen, changes in scan(journal.read_bytes()).entries:
            found.update(doc["name"] for _t, _i, doc in changes if doc and "name" in doc)
    return found


def names_on_disk(folder: Path) -> set[str]:
    """Every name in any file of ``folder`` (backups included), by reading raw bytes."""
    return {
        name
        for file in folder.rglob("*")
        if file.is_file()
        for name in [*A_ONLY, *B_ONLY]
        if name.encode() in file.read_bytes()
    }


def drop_in(source: Path, target: Path) -> None:
    """What a sync tool does: write the other copy's file beside, then rename it in place."""
    temp = target.with_name(".t")
    shutil.copy2(source, temp)
    os.replace(temp, target)


@pytest.fixture
def two_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A database with a checkpoint (A), copied whole (``cp -a A B``); B then saves three
    people, each followed by a checkpoint."""
    a = tmp_path / "A" / "hallway.json"
    with Store.open(a) as store:
        store.capture("Seed Person #start")
    shutil.copytree(a.parent, tmp_path / "B", symlinks=True)
    b = tmp_path / "B" / "hallway.json"
    monkeypatch.setenv("HALLWAY_JOURNAL_LIMIT", "1")
    for name in B_ONLY:
        assert main(["capture", "--db", str(b), name]) == 0
    monkeypatch.delenv("HALLWAY_JOURNAL_LIMIT")
    return a, b


def test_the_issue_reproduction_through_the_command_line(tmp_path: Path) -> None:
    """The exact sequence of the issue, every step a real `hallway` process."""
    a, b = tmp_path / "A" / "hallway.json", tmp_path / "B" / "hallway.json"
    assert hallway("capture", "--db", str(a), "Seed Person").returncode == 0
    assert hallway("check", "--db", str(a)).returncode == 0  # folded: a checkpoint was made
    shutil.copytree(a.parent, b.parent, symlinks=True)
    for name in B_ONLY:
        done = hallway("capture", "--db", str(b), name, env={"HALLWAY_JOURNAL_LIMIT": "1"})
        assert done.returncode == 0, done.stderr
    for name in A_ONLY:
        assert hallway("capture", "--db", str(a), name).returncode == 0
    drop_in(b, a)

    checked = hallway("check", "--db", str(a))
    assert checked.returncode == 1
    assert "does not contain" in checked.stderr
    assert all(name in checked.stderr for name in A_ONLY)

    after = hallway("capture", "--db", str(a), "After")
    assert after.returncode == 0
    assert "does not contain" in after.stderr and "unmerged" in after.stderr
    assert names_in(unmerged(a)) >= set(A_ONLY)
    with Store.open(a) as store:
        assert {e.name for e in store.encounters()} == {"Seed Person", *B_ONLY, "After"}

    checked = hallway("check", "--db", str(a))
    assert checked.returncode == 1
    for file in unmerged(a):
        assert str(file) in checked.stderr
    assert "move the file out of this folder" in checked.stderr
    assert "--repair" not in checked.stdout + checked.stderr  # a repair cannot help here
    for file in unmerged(a):
        file.rename(tmp_path / file.name)
    assert hallway("check", "--db", str(a)).returncode == 0


def test_saves_left_in_the_journal_of_a_crashed_app_are_kept(
    two_copies: tuple[Path, Path],
) -> None:
    """An app on A holding saves in its journal (modelled by a crash: nothing folded) when
    B's snapshot arrives: the next capture on A keeps the whole journal aside."""
    a, b = two_copies
    store = Store.open(a)
    for name in A_ONLY:
        store.capture(name)
    store.storage.abandon()
    assert names_in([Path(f"{a}.journal")]) == set(A_ONLY)
    drop_in(b, a)

    report = check_database(a)
    assert not report.ok and not report.repairable
    assert any(f"{a}.journal holds saves" in problem for problem in report.problems)

    with Store.open(a) as store:
        assert any("does not contain" in notice for notice in store.notices)
        store.capture("After")
        assert {e.name for e in store.encounters()} == {"Seed Person", *B_ONLY, "After"}
    assert names_in(unmerged(a)) >= set(A_ONLY)
    assert names_on_disk(a.parent) >= set(A_ONLY)


def test_an_open_process_keeps_working_and_nothing_it_saved_is_dropped(
    two_copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Another process (an open app) still holds A while B's snapshot arrives and a shell
    capture opens A: the capture keeps the open process's saves aside and says so; the open
    process then goes on saving into the new copy."""
    a, b = two_copies
    with Store.open(a) as open_app:
        for name in A_ONLY:
            open_app.capture(name)
        drop_in(b, a)
        assert main(["capture", "--db", str(a), "From the shell"]) == 0
        assert "does not contain" in capsys.readouterr().err
        open_app.capture("Still open")
        assert {e.name for e in open_app.encounters()} == {
            "Seed Person",
            *B_ONLY,
            "From the shell",
            "Still open",
        }
    assert names_in(unmerged(a)) >= set(A_ONLY)
    with Store.open(a) as store:
        assert store.notices == []  # told once; nothing more to keep aside


def test_a_copy_that_holds_every_save_drops_nothing_and_says_nothing(tmp_path: Path) -> None:
    """The same snapshot put back (a backup tool restoring an identical file) is not a
    replacement worth a notice: every save is in it."""
    a = tmp_path / "A" / "hallway.json"
    with Store.open(a) as store:
        store.capture("Only One")
    copy = tmp_path / "copy.json"
    shutil.copy2(a, copy)
    drop_in(copy, a)
    with Store.open(a) as store:
        assert store.notices == []
        assert [e.name for e in store.encounters()] == ["Only One"]
    assert unmerged(a) == []
    assert check_database(a).ok


@pytest.mark.parametrize("a_name", ["A", "A-only with a name much longer than the other copy's"])
def test_two_copies_appending_to_journals_that_share_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, a_name: str
) -> None:
    """``cp -a`` copies the journal's id too: B folds *its* journal of that id, while A's
    journal of the same id holds A's save. Its bytes differ from what B folded, so A's save
    is neither dropped (a shorter line) nor replayed over B's records (a longer one)."""
    a, b = tmp_path / "A" / "hallway.json", tmp_path / "B" / "hallway.json"
    with Store.open(a) as store:
        store.capture("Seed Person")
    shutil.copytree(a.parent, b.parent, symlinks=True)
    monkeypatch.setenv("HALLWAY_JOURNAL_LIMIT", "1")
    with Store.open(b) as other:
        other.capture("B-only-1")
    monkeypatch.delenv("HALLWAY_JOURNAL_LIMIT")
    store = Store.open(a)
    store.capture(a_name)
    store.storage.abandon()  # an app still holding it in its journal
    drop_in(b, a)
    with Store.open(a) as store:
        assert any("does not contain" in notice for notice in store.notices)
        assert {e.name for e in store.encounters()} == {"Seed Person", "B-only-1"}
    assert a_name in names_in(unmerged(a))
