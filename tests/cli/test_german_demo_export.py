"""`hallway demo` and `hallway export` in German: the German demo data (events in Berlin,
Vienna and Zürich) and exports that read German, from the same commands as in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.tui.cli import main


def test_german_demo_and_debrief(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    assert main(["--lang", "de", "demo", "--db", db, "--people", "12"]) == 0
    assert capsys.readouterr().out.startswith(f"Demodaten in {db_path} geschrieben")
    with Store.open(db_path) as store:
        places = {event.place for event in store.events()}
    for city in ("Berlin", "Wien", "Zürich"):
        assert any(city in place for place in places), places
    assert main(["--lang", "de", "export", "markdown", "--db", db]) == 0
    debrief = capsys.readouterr().out
    assert debrief.startswith("# Nachbesprechung: ")
    assert "\n## Begegnungen\n" in debrief and "\n## Versprechen\n" in debrief
    assert "Who you met" not in debrief


def test_english_demo_stays_english(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    assert main(["--lang", "en", "demo", "--db", db, "--people", "12"]) == 0
    capsys.readouterr()
    with Store.open(db_path) as store:
        places = {event.place for event in store.events()}
    assert not any(city in place for place in places for city in ("Wien", "Zürich")), places
    assert main(["--lang", "en", "export", "markdown", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("# Debrief: ")
