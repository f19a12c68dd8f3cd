"""Reading never needs write access (issue 9, §3.9): with a journal (or database file) that
cannot be written -- immutable (``chattr +i``, which stops root too) -- ``export`` and
``check`` work, and a save says why it cannot be made; once writable again, saving works."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.tui.cli import main


def chattr(flag: str, path: Path) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True, capture_output=True)


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Files a test makes immutable; made mutable again afterwards (else tmp_path's cleanup
    fails). Skipped where chattr does not work (not root, or a file system without it)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    made: list[Path] = []
    yield made
    for path in made:
        chattr("-i", path)


def freeze(path: Path, made: list[Path]) -> None:
    try:
        chattr("+i", path)
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"chattr +i does not work here: {exc.stderr.strip()}")
    made.append(path)


@pytest.fixture
def with_saves_in_journal(db_path: Path) -> Path:
    """A database whose last saves are still in its journal (as after a crash)."""
    with Store.open(db_path) as store:
        store.capture("Folded Fay")
    store = Store.open(db_path)
    store.capture("Journal Jo")
    store.storage.abandon()
    return db_path


def exported_names(db: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    target = db.parent.parent / "export.json"
    assert main(["export", "json", "--db", str(db), "-o", str(target)]) == 0, (
        capsys.readouterr().err
    )
    capsys.readouterr()
    return {e["name"] for e in json.loads(target.read_bytes())["encounters"]}


def test_an_immutable_journal_can_be_read_exported_and_checked(
    with_saves_in_journal: Path, immutable: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = with_saves_in_journal
    journal = Path(f"{db}.journal")
    freeze(journal, immutable)
    assert exported_names(db, capsys) == {"Folded Fay", "Journal Jo"}
    assert main(["check", "--db", str(db)]) == 0
    assert "is sound" in capsys.readouterr().out
    assert main(["capture", "--db", str(db), "Refused Rae"]) == 1
    err = capsys.readouterr().err
    assert "could not be saved because Hallway is not allowed to write there" in err
    assert str(journal) in err
    with Store.open(db) as store:
        assert store.cannot_save is not None and str(journal) in store.cannot_save
    chattr("-i", journal)
    immutable.remove(journal)
    assert main(["capture", "--db", str(db), "Saved Sol"]) == 0
    assert exported_names(db, capsys) == {"Folded Fay", "Journal Jo", "Saved Sol"}


def test_an_open_store_saves_once_the_journal_is_writable_again(
    with_saves_in_journal: Path, immutable: list[Path]
) -> None:
    db = with_saves_in_journal
    journal = Path(f"{db}.journal")
    freeze(journal, immutable)
    with Store.open(db) as store:
        with pytest.raises(Exception, match="not allowed to write"):
            store.capture("Too Early")
        chattr("-i", journal)
        immutable.remove(journal)
        store.capture("Just In Time")
        assert store.cannot_save is None
    with Store.open(db) as store:
        assert {e.name for e in store.encounters()} == {"Folded Fay", "Journal Jo", "Just In Time"}


def test_an_immutable_database_file_can_be_exported(
    db_path: Path, immutable: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        store.capture("Frozen Fred")
    freeze(db_path, immutable)
    assert exported_names(db_path, capsys) == {"Frozen Fred"}
    assert main(["check", "--db", str(db_path)]) == 0
