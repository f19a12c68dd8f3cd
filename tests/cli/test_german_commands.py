"""The command line in German (issue 15): what commands print and refuse, and what the storage
engine says about waits and checks, with German plural forms and numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.store import i18n
from hallway.store.engine.locking import another_hallway, could_not, seconds
from hallway.store.engine.recovery import (
    EMPTY_JOURNAL,
    FOREIGN_JOURNAL,
    checkpoint_notice,
    journal_notice,
    no_backup_message,
)
from hallway.store.engine.snapshot import Damaged, parse_snapshot
from hallway.tui.cli import main


def test_capture_and_check_in_german(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    assert main(["--lang", "de", "capture", "--db", db, "Maya Chen @Acme #sauerteig"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Gespeichert: Maya Chen @Acme #sauerteig  (")
    assert main(["check", "--db", db, "--lang", "de"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Datenbank {db_path}: alle Einträge lassen sich einwandfrei lesen (")
    assert any(line.startswith("1 Backup; das neueste ist vom ") for line in out), out
    assert out[-1] == f"{db_path} ist in Ordnung."


def test_refusals_in_german(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de", "capture", "--db", str(db_path), "@Acme"]) == 1
    assert capsys.readouterr().err.startswith("hallway: Am Anfang steht der Name der Person, z. B.")
    assert main(["--lang", "de", "demo"]) == 1
    assert capsys.readouterr().err == (
        "hallway: `hallway demo` braucht --db PATH, damit die eigene Datenbank nie "
        "überschrieben wird.\n"
    )
    assert main(["--lang", "de", "check", "--db", str(db_path.with_name("none.json"))]) == 1
    assert "Unter " in capsys.readouterr().err


def test_waits_and_damage_in_german() -> None:
    with i18n.speaking("de"):
        assert seconds(1) == "1 Sekunde"
        assert seconds(0.2) == "0,2 Sekunden"
        assert seconds(30) == "30 Sekunden"
        assert another_hallway(4242) == "ein anderes Hallway (Prozess 4242)"
        assert could_not("open the database") == "die Datenbank nicht öffnen"
        with pytest.raises(Damaged) as damaged:
            parse_snapshot(b"{", Path("x.json"))
        assert damaged.value.translated() == "ist abgeschnitten (das Ende der Datei fehlt)"
    # The engine's own record of the reason stays English (its English messages use it).
    assert damaged.value.reason == "is cut short (the end of the file is missing)"
    assert seconds(1) == "1 second" and seconds(0.2) == "0.2 seconds"
    assert could_not("open the database") == "open the database"


def test_recovery_notices_in_german(tmp_path: Path) -> None:
    db, journal = tmp_path / "hallway.json", tmp_path / "hallway.json.journal"
    with i18n.speaking("de"):
        assert no_backup_message(db, journal, i18n._("is missing")).startswith(
            f"Die Datenbankdatei {db} von Hallway fehlt, und es gibt kein intaktes Backup"
        )
        assert journal_notice(1, FOREIGN_JOURNAL, "2026-03-05 10:00", None) == (
            "Das Speicherjournal von Hallway gehört zu einer anderen Datenbank, deshalb wurde "
            "seine 1 Änderung nicht übernommen und ein neues Journal begonnen."
        )
        assert journal_notice(3, EMPTY_JOURNAL, "2026-03-05 10:00", journal).startswith(
            "Ein Teil des Speicherjournals von Hallway war beschädigt: 3 gespeicherte Änderungen "
            "ließen sich nicht lesen"
        )
        assert journal_notice(0, "has a damaged first line", "", None) == (
            "Das Speicherjournal von Hallway hat eine beschädigte erste Zeile; alle lesbaren "
            "Änderungen wurden wiederhergestellt und ein neues Journal begonnen."
        )
        full = checkpoint_notice(OSError(28, "No space left on device"), db)
        assert full.startswith("Jede Änderung ist gespeichert, aber Hallway konnte")
        assert "Bei voller Platte bitte Platz schaffen; Hallway versucht es" in full
