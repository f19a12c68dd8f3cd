"""At rest, ``hallway.json`` alone is the database (issue 9, §1): after every kind of clean
exit -- capture, import json, import vcard, demo, an export that repaired a damaged file,
check --repair -- and after a crash followed by any open, stock TinyDB finds every record in
it and the journal holds no saves."""

from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path

import pytest
from tinydb import TinyDB

from hallway.store.db import Store
from hallway.store.engine.journal import scan
from hallway.store.interop import export_bytes
from hallway.tui.cli import main
from tests.store.storage_helpers import start_worker

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Vcard\r\nORG:Acme\r\nEND:VCARD\r\n"


def stock(db: Path, table: str) -> list[dict]:
    """What plain TinyDB reads from the file alone (read-only: nothing written)."""
    with TinyDB(db, access_mode="r") as tiny:
        return list(tiny.table(table).all())


def at_rest(db: Path, table: str = "encounters") -> set[str]:
    """The names stock TinyDB finds in ``table``, after checking the journal holds no saves."""
    journal = Path(f"{db}.journal")
    if journal.exists():
        assert scan(journal.read_bytes()).entries == []
    return {doc["name"] for doc in stock(db, table)}


def test_after_capture(db_path: Path) -> None:
    for name in ("Cap One", "Cap Two"):
        assert main(["capture", "--db", str(db_path), name]) == 0
    assert at_rest(db_path) == {"Cap One", "Cap Two"}
    assert [e["name"] for e in stock(db_path, "events")]


def test_after_import_json(db_path: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "other" / "hallway.json") as other:
        other.capture("Json Jan")
        (tmp_path / "export.json").write_bytes(export_bytes(other, "json"))
    assert main(["import", "json", str(tmp_path / "export.json"), "--db", str(db_path)]) == 0
    assert at_rest(db_path) == {"Json Jan"}


def test_after_import_vcard(db_path: Path, tmp_path: Path) -> None:
    card = tmp_path / "card.vcf"
    card.write_text(CARD)
    assert main(["import", "vcard", str(card), "--db", str(db_path)]) == 0
    assert at_rest(db_path, "contacts") == {"Vera Vcard"}


def test_after_demo(db_path: Path) -> None:
    assert main(["demo", "--db", str(db_path), "--people", "30"]) == 0
    found = at_rest(db_path)
    with Store.open(db_path) as store:
        assert found == {e.name for e in store.encounters()}
        assert len(stock(db_path, "contacts")) == len(store.contacts()) > 0


@pytest.fixture
def damaged(db_path: Path) -> Path:
    """A database whose file was damaged after several saves (backups hold them)."""
    for name in ("Saved Sam", "Saved Sue", "Saved Sid"):
        with Store.open(db_path) as store:
            store.capture(name)
    db_path.write_bytes(db_path.read_bytes()[:40])  # cut short
    return db_path


def test_after_an_export_that_repaired_a_damaged_file(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert main(["export", "json", "--db", str(damaged), "-o", str(out)]) == 0
    assert "restored" in capsys.readouterr().err
    assert {e["name"] for e in json.loads(out.read_bytes())["encounters"]} == at_rest(damaged)
    assert at_rest(damaged) == {"Saved Sam", "Saved Sue", "Saved Sid"}


def test_after_check_repair(damaged: Path) -> None:
    assert main(["check", "--repair", "--db", str(damaged)]) == 0
    assert at_rest(damaged) == {"Saved Sam", "Saved Sue", "Saved Sid"}


def test_after_a_crash_and_then_any_open(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.capture("Before Crash")
    writer = start_worker("capture", str(db_path), "crash", "100000")
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    acked = [writer.stdout.readline() for _ in range(random.randint(3, 30))]
    os.kill(writer.pid, signal.SIGKILL)
    rest, _err = writer.communicate(timeout=30)
    names = {line.split()[2] for line in acked + rest.splitlines()}
    assert scan(Path(f"{db_path}.journal").read_bytes()).entries  # the crash left saves there
    assert main(["export", "json", "--db", str(db_path), "-o", str(tmp_path / "x.json")]) == 0
    assert at_rest(db_path) >= {"Before Crash", *names}
