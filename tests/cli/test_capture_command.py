"""`hallway capture`, `--version`, `--db` and `HALLWAY_DB`, as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hallway.store import Store
from hallway.tui.cli import main
from tests.clock import ClockAt

MAYA = "Maya Chen, data engineer @Acme #sourdough #baby-sitters-club -- promised my focaccia recipe"


def hallway(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process (exit codes and streams as a shell sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_capture_into_new_database_creates_todays_live_event(
    db_path: Path, capsys: pytest.CaptureFixture[str], clock_at: ClockAt
) -> None:
    clock_at(datetime(2026, 11, 27, 10, 5, tzinfo=UTC))
    assert main(["capture", "--db", str(db_path), MAYA]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "Maya Chen" in out and "Friday 27 November 2026" in out and "10:05" in out
    with Store.open(db_path) as store:
        live = store.live_event()
        assert live is not None and live.name == "Friday 27 November 2026"
        (maya,) = store.encounters(live.id)
    assert (maya.name, maya.role, maya.org) == ("Maya Chen", "data engineer", "Acme")
    assert maya.topics == ["sourdough", "baby-sitters-club"]
    assert [n.text for n in maya.notes] == ["promised my focaccia recipe"]


def test_capture_with_event_creates_it_and_makes_it_live(db_path: Path) -> None:
    assert main(["capture", "--db", str(db_path), "Ann"]) == 0
    assert main(["capture", "--db", str(db_path), "--event", "PyCon Berlin 2026", "Ben"]) == 0
    assert main(["capture", "--db", str(db_path), "Cleo"]) == 0
    with Store.open(db_path) as store:
        live = store.live_event()
        assert live is not None and live.name == "PyCon Berlin 2026"
        assert [e.name for e in store.encounters(live.id)] == ["Cleo", "Ben"]
        assert sum(event.live for event in store.events()) == 1
        # Picking an existing event by name (case-insensitive) reuses it.
        assert main(["capture", "--db", str(db_path), "--event", "pycon berlin 2026", "Dee"]) == 0
    with Store.open(db_path) as store:
        assert len(store.events()) == 2
        assert len(store.encounters(live.id)) == 3


def test_refused_line_exits_1_with_reason_and_saves_nothing(db_path: Path) -> None:
    result = hallway("capture", "--db", str(db_path), "  , data engineer @Acme")
    assert result.returncode == 1
    assert "Start with the person's name" in result.stderr
    assert "Traceback" not in result.stderr
    with Store.open(db_path) as store:
        assert store.encounters() == []


def test_usage_errors_exit_2(db_path: Path) -> None:
    result = hallway("capture", "--db", str(db_path))
    assert result.returncode == 2
    assert "LINE" in result.stderr
    assert hallway("export", "pdf").returncode == 2


def test_printed_line_neutralises_escape_sequences(db_path: Path) -> None:
    result = hallway("capture", "--db", str(db_path), "Eve \x1b]0;pwned\x07\x1b[31m [bold]x[/]")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "␛]0;pwned␇␛[31m [bold]x[/]" in result.stdout
    with Store.open(db_path) as store:
        # Stored exactly as typed: neutralising is for display only.
        assert store.encounters()[0].name == "Eve \x1b]0;pwned\x07\x1b[31m [bold]x[/]"


def test_hallway_db_environment_variable_and_db_flag(tmp_path: Path) -> None:
    env_db = tmp_path / "env" / "hallway.json"
    flag_db = tmp_path / "flag" / "hallway.json"
    import os

    env = {**os.environ, "HALLWAY_DB": str(env_db)}
    assert hallway("capture", "From Env", env=env).returncode == 0
    assert hallway("--db", str(flag_db), "capture", "From Flag", env=env).returncode == 0
    with Store.open(env_db) as store:
        assert [e.name for e in store.encounters()] == ["From Env"]
    with Store.open(flag_db) as store:
        assert [e.name for e in store.encounters()] == ["From Flag"]


def test_default_database_lives_in_user_data_folder(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "HALLWAY_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    assert hallway("capture", "Default Person", env=env).returncode == 0
    db = tmp_path / "xdg" / "hallway" / "hallway.json"
    assert db.exists()
    assert db.stat().st_mode & 0o777 == 0o600
    assert db.parent.stat().st_mode & 0o777 == 0o700


def test_version_names_hallway_and_textual() -> None:
    result = hallway("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("hallway 0.1.0 (textual ")


def test_demo_command_needs_an_explicit_database(tmp_path: Path) -> None:
    result = hallway("demo")
    assert result.returncode == 1
    assert "needs --db" in result.stderr


def test_capture_a_circle_prints_everyone_saved(
    db_path: Path, capsys: pytest.CaptureFixture[str], clock_at: ClockAt
) -> None:
    clock_at(datetime(2026, 11, 27, 10, 5, tzinfo=UTC))
    line = "Ana Lima + Ben Ortiz, designer @Fable #surfing -- talked about Porto"
    assert main(["capture", "--db", str(db_path), line]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Saved Ana Lima #surfing -- talked about Porto  (Friday 27 November 2026, 10:05)",
        "Saved Ben Ortiz, designer @Fable #surfing -- talked about Porto  "
        "(Friday 27 November 2026, 10:05)",
    ]
    with Store.open(db_path) as store:
        ben, ana = store.encounters()
        assert (ana.name, ana.circle, ben.name, ben.circle) == (
            "Ana Lima",
            [ben.id],
            "Ben Ortiz",
            [ana.id],
        )


def test_capture_keeps_a_promise_from_the_note(db_path: Path) -> None:
    assert main(["capture", "--db", str(db_path), MAYA]) == 0
    with Store.open(db_path) as store:
        (maya,) = store.encounters()
    assert [n.text for n in maya.notes] == ["promised my focaccia recipe"]
    assert [f.text for f in maya.follow_ups] == ["Send Maya my focaccia recipe"]
