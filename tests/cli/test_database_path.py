"""What ``--db`` may point at: a link is followed once (one database, never two halves), and
anything that is not a plain file -- an empty path, a folder, a pipe, a device, a socket --
is refused up front with a plain message, creating nothing (issue 9, §3.3, §3.7, §3.12)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import check_database
from hallway.tui.cli import main
from tests.cli.test_commands import filled


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, with a timeout (a pipe given as --db used to block forever)."""
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=30,
    )


def test_a_link_to_the_database_is_one_database(tmp_path: Path) -> None:
    real = filled(tmp_path / "real" / "hallway.json", "Through The File")
    link = tmp_path / "elsewhere" / "hallway.json"
    link.parent.mkdir()
    link.symlink_to(real)
    assert main(["capture", "--db", str(link), "Through The Link"]) == 0
    assert link.is_symlink() and link.resolve() == real  # the link stays a link
    # Journal, lock and backups beside the real file only.
    assert sorted(p.name for p in link.parent.iterdir()) == ["hallway.json"]
    with Store.open(real) as store:
        assert {e.name for e in store.encounters()} == {"Through The File", "Through The Link"}
    with Store.open(link) as store:
        assert store.path == real
        assert store.backups_folder == real.parent / "backups"
        assert {e.name for e in store.encounters()} == {"Through The File", "Through The Link"}
    assert check_database(link).ok
    assert link.is_symlink()


def test_a_link_through_several_links_and_a_relative_one(tmp_path: Path) -> None:
    real = filled(tmp_path / "data" / "hallway.json", "Ann")
    (tmp_path / "one.json").symlink_to("data/hallway.json")
    (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
    assert main(["capture", "--db", str(tmp_path / "two.json"), "Ben"]) == 0
    with Store.open(real) as store:
        assert {e.name for e in store.encounters()} == {"Ann", "Ben"}
    assert not (tmp_path / "two.json.journal").exists()


def test_a_dangling_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "hallway.json"
    link.symlink_to(tmp_path / "unplugged" / "hallway.json")
    assert main(["capture", "--db", str(link), "Nobody"]) == 1
    err = capsys.readouterr().err
    assert "is a link to" in err and "does not exist" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hallway.json"]
    assert not (tmp_path / "unplugged").exists()


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_db_is_refused_not_the_default(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    default = Path(os.environ["HALLWAY_DB"])
    for argv in (["capture", "--db", value, "Someone"], ["--db", value, "check"]):
        assert main(argv) == 1
        assert "empty path" in capsys.readouterr().err
    assert not default.exists()


def test_an_empty_hallway_db_variable_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run("capture", "Someone", env={"HALLWAY_DB": "", "HOME": str(home)})
    assert done.returncode == 1
    assert "HALLWAY_DB is set but empty" in done.stderr
    assert not home.exists()  # nothing made in the personal data folder


def test_dev_null_is_refused_and_nothing_is_created(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["capture", "--db", "/dev/null", "Someone"]) == 1
    err = capsys.readouterr().err
    assert "/dev/null is a device, not a file" in err
    assert "null" not in err.replace("/dev/null", "")  # no advice to move "null"
    assert not Path("/dev/null.lock").exists()
    assert not Path("/dev/null.journal").exists()


def test_a_folder_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    for argv in (["capture", "--db", str(folder), "X"], ["check", "--db", str(folder)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "is a folder, not a file" in err and str(folder / "hallway.json") in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir"]
    assert list(folder.iterdir()) == []


def test_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (("capture", "--db", str(fifo), "X"), ("export", "json", "--db", str(fifo))):
        done = run(*args)  # used to hang forever, holding the lock
        assert done.returncode == 1
        assert "is a pipe (FIFO), not a file" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_socket_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert stat.S_ISSOCK(os.stat(path).st_mode)
        assert main(["capture", "--db", str(path), "X"]) == 1
        assert "is a socket, not a file" in capsys.readouterr().err
    finally:
        server.close()


def test_a_lock_file_that_is_a_link_is_not_followed(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(db_path, "Ann")
    victim = tmp_path / "victim"
    victim.write_text("someone else's file")
    victim.chmod(0o644)
    lock = Path(f"{db_path}.lock")
    lock.unlink()
    lock.symlink_to(victim)
    assert main(["capture", "--db", str(db_path), "Ben"]) == 1
    assert "lock file" in capsys.readouterr().err
    assert stat.S_IMODE(os.stat(victim).st_mode) == 0o644  # not chmodded through the link
    assert victim.read_text() == "someone else's file"
    report = check_database(db_path)
    assert not report.ok and not report.repairable
    assert any("is a link" in problem for problem in report.problems)


def test_a_lock_replaced_by_a_folder_gets_a_clear_error_not_a_repair(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(db_path, "Ann")
    lock = Path(f"{db_path}.lock")
    lock.unlink()
    lock.mkdir()
    lock.chmod(0o755)
    assert main(["capture", "--db", str(db_path), "Ben"]) == 1
    err = capsys.readouterr().err
    assert "lock file" in err and "is a folder" in err and "Move it out of the way" in err
    assert main(["check", "--db", str(db_path)]) == 1
    out, err = capsys.readouterr()
    assert "is a folder" in err
    assert "--repair" not in out + err
    lock.rmdir()
    assert main(["capture", "--db", str(db_path), "Ben"]) == 0
    assert main(["check", "--db", str(db_path)]) == 0


def test_check_shows_the_path_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = filled(tmp_path / "evil\x1b[31mred" / "hallway.json", "Ann")
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "is sound." in out
