"""`hallway`, `export`, `import`, `demo` and `check` as a user runs them: exit codes, plain
messages naming the user's own paths, and never a count of people."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hallway.store import Store
from hallway.tui import app as app_module
from hallway.tui.cli import main

# A number followed by a word for people (or their records): Hallway shows no such counts.
PEOPLE_COUNT = re.compile(
    r"\b\d[\d,.]*\s+(?:people|persons?|contacts?|encounters?|events?|attendees?)\b",
    re.IGNORECASE,
)

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nORG:Acme\r\nEND:VCARD\r\n"


def hallway(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process (exit codes and streams as a shell sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args], capture_output=True, text=True, timeout=60
    )


def filled(db: Path, *names: str) -> Path:
    """A database at ``db`` with one live event and these people captured into it."""
    with Store.open(db) as store:
        for name in names:
            store.capture(name)
    return db


# -- the app's exit code -------------------------------------------------------------------


class CrashingApp(app_module.HallwayApp):
    """The real app, run headless, with a bug that crashes it as it starts."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        super().run(headless=True)

    def on_mount(self) -> None:
        raise RuntimeError("a bug in the app")


def test_hallway_exits_non_zero_when_the_app_crashed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "HallwayApp", CrashingApp)
    monkeypatch.setattr("hallway.tui.cli.has_terminal", lambda: True)  # pytest holds stdout
    assert main(["--db", str(db_path)]) == 1


# -- export ----------------------------------------------------------------------------------


def test_export_to_a_dash_writes_standard_output(db_path: Path, tmp_path: Path) -> None:
    filled(db_path, "Maya Chen @Acme")
    result = hallway("export", "markdown", "--db", str(db_path), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "Maya Chen" in result.stdout
    assert not (Path.cwd() / "-").exists()


def test_export_refuses_a_pipe_and_says_how_to_write_to_standard_output(
    db_path: Path, tmp_path: Path
) -> None:
    filled(db_path, "Maya Chen")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = hallway("export", "markdown", "--db", str(db_path), "-o", str(fifo))
    assert result.returncode == 1
    assert f"{fifo} is a pipe" in result.stderr and "Leave out -o" in result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_failure_names_the_users_path(db_path: Path, tmp_path: Path) -> None:
    filled(db_path, "Maya Chen")
    target = tmp_path / "no-such-folder" / "export.json"
    result = hallway("export", "json", "--db", str(db_path), "-o", str(target))
    assert result.returncode == 1
    assert str(target) in result.stderr and ".tmp" not in result.stderr


# -- import ----------------------------------------------------------------------------------


def test_import_json_into_a_database_with_records_needs_replace(tmp_path: Path) -> None:
    source = filled(tmp_path / "b" / "hallway.json", "Bo From B")
    mine = filled(tmp_path / "a" / "hallway.json", "Alice Mine")
    export = tmp_path / "b.json"
    assert main(["export", "json", "--db", str(source), "-o", str(export)]) == 0

    refused = hallway("import", "json", str(export), "--db", str(mine))
    assert refused.returncode == 1
    assert "--replace" in refused.stderr and "Nothing was changed" in refused.stderr
    assert str(tmp_path / "a" / "backups") in refused.stderr
    with Store.open(mine) as store:
        assert [e.name for e in store.encounters()] == ["Alice Mine"]

    replaced = hallway("import", "json", str(export), "--db", str(mine), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    backup = re.search(r"kept in (\S+)\.$", replaced.stdout.strip())
    assert backup is not None and Path(backup[1]).parent == tmp_path / "a" / "backups"
    with Store.open(mine) as store:
        assert [e.name for e in store.encounters()] == ["Bo From B"]
    (tmp_path / "restore").mkdir()
    (tmp_path / "restore" / "hallway.json").write_bytes(Path(backup[1]).read_bytes())
    with Store.open(tmp_path / "restore" / "hallway.json") as before:
        assert [e.name for e in before.encounters()] == ["Alice Mine"]


def test_a_damaged_utf16_vcard_gives_a_plain_message(db_path: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.vcf"
    odd.write_bytes(b"\xff\xfeA")  # a byte order mark and half a character
    result = hallway("import", "vcard", str(odd), "--db", str(db_path))
    assert result.returncode == 1
    assert result.stderr == f"hallway: No vCard found in {odd} (a vCard starts with a " + (
        "BEGIN:VCARD line). Nothing was imported.\n"
    )
    cut = tmp_path / "cut.vcf"
    cut.write_bytes(CARD.encode("utf-16") + b"A")  # a whole card, then a stray byte
    assert main(["import", "vcard", str(cut), "--db", str(db_path)]) == 0
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Zoë Ångström"]


def test_a_file_without_a_vcard_is_an_error(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n")
    assert main(["import", "vcard", str(notes), "--db", str(db_path)]) == 1
    assert f"No vCard found in {notes}" in capsys.readouterr().err


# -- no counts of people -------------------------------------------------------------------


def test_no_message_shows_a_count_of_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo" / "hallway.json"
    assert main(["demo", "--db", str(demo), "--people", "40"]) == 0
    out = capsys.readouterr()
    with Store.open(demo) as store:
        live = store.live_event()
        assert live is not None
    assert out.out == f"Wrote demo data to {demo} (live event: {live.name}).\n"
    messages = [out.out, out.err]

    cards = tmp_path / "cards.vcf"
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@example.org\r\nEND:VCARD\r\n"
    cards.write_text(CARD + CARD.replace("Zoë Ångström", "Li Lei") + broken)
    for _ in range(2):  # first adds, then updates the same people
        main(["import", "vcard", str(cards), "--db", str(demo)])
        seen = capsys.readouterr()
        messages += [seen.out, seen.err]
    # With a card skipped, the whole report goes to standard error (and exits 1).
    assert messages[3].startswith("Added the contacts from the file.\n")
    assert messages[5].startswith("Updated the contacts already in Hallway")
    assert "Skipped the card at line 11" in messages[3]  # line numbers are fine

    export = tmp_path / "demo.json"
    assert main(["export", "json", "--db", str(demo), "-o", str(export)]) == 0
    assert main(["import", "json", str(export), "--db", str(demo), "--replace"]) == 0
    for _ in range(2):  # merged in: first a backup and a merge, then nothing new
        assert main(["import", "json", str(export), "--db", str(demo), "--merge"]) == 0
    assert main(["check", "--db", str(demo)]) == 0
    seen = capsys.readouterr()
    messages += [seen.out, seen.err]
    counts = [m for text in messages for m in PEOPLE_COUNT.findall(text)]
    assert counts == [], messages


def test_the_count_guard_catches_counts() -> None:
    for shown in ["added 23 people", "7 events, 60 encounters, 16 contacts", "1 person"]:
        assert PEOPLE_COUNT.search(shown), shown
    assert not PEOPLE_COUNT.search("Skipped the card at line 12 (Ann): no name")
