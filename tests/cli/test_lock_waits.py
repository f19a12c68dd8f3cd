"""Waiting for another Hallway is bounded and visible (issue 9, §3.7): a command says at once
on standard error that it waits and for whom, and gives up after a bounded time saying why;
``hallway check`` too."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import DurableStorage
from hallway.store.errors import SaveError
from tests.cli.test_commands import filled
from tests.store.storage_helpers import start_worker


@pytest.fixture
def held(db_path: Path) -> Iterator[int]:
    """Another Hallway process holding the database's lock (mid-save); yields its pid."""
    filled(db_path, "Ann")
    holder = start_worker("hold", str(db_path))
    assert holder.stdin is not None and holder.stdout is not None
    line = holder.stdout.readline()
    assert line.startswith("holding"), holder.communicate()[1]
    try:
        yield int(line.split()[1])
    finally:
        holder.stdin.write("go\n")
        holder.stdin.flush()
        holder.communicate(timeout=30)


def hallway(*args: str, timeout: str = "1") -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HALLWAY_LOCK_TIMEOUT": timeout},
        timeout=60,
    )
    return done, time.monotonic() - started


def test_a_command_says_it_waits_and_for_whom_then_gives_up(db_path: Path, held: int) -> None:
    done, took = hallway("capture", "--db", str(db_path), "Ben")
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"hallway: Waiting for another Hallway (process {held})")
    assert f"another Hallway (process {held}) has been using the database for more than " in (
        done.stderr
    )
    assert "1 second." in done.stderr and "`fg`" in done.stderr
    assert took < 15  # bounded (the interpreter's start-up included)


def test_check_waits_a_bounded_time_and_says_why_it_gave_up(db_path: Path, held: int) -> None:
    done, took = hallway("check", "--db", str(db_path))
    assert done.returncode == 1
    assert f"Waiting for another Hallway (process {held})" in done.stderr
    assert "could not check the database" in done.stderr
    assert "no consistent copy could be read" in done.stderr
    assert took < 15


def test_a_command_that_waits_briefly_then_goes_on(db_path: Path) -> None:
    filled(db_path, "Ann")
    holder = start_worker("hold", str(db_path))
    assert holder.stdin is not None and holder.stdout is not None
    assert holder.stdout.readline().startswith("holding")
    capture = subprocess.Popen(
        [sys.executable, "-m", "hallway", "capture", "--db", str(db_path), "Ben"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "HALLWAY_LOCK_TIMEOUT": "30"},
    )
    assert capture.stderr is not None
    assert capture.stderr.readline().startswith("hallway: Waiting for another Hallway")
    holder.stdin.write("go\n")
    holder.stdin.flush()
    holder.communicate(timeout=30)
    out, _err = capture.communicate(timeout=30)
    assert capture.returncode == 0 and "Saved Ben" in out
    with Store.open(db_path) as store:
        assert {e.name for e in store.encounters()} == {"Ann", "Ben"}


def test_the_waiting_callback_is_told_once_per_wait(db_path: Path, held: int) -> None:
    told: list[str] = []
    with pytest.raises(SaveError, match=r"more than 0\.3 seconds"):
        DurableStorage(db_path, lock_timeout=0.3, waiting=told.append)
    assert len(told) == 1 and f"process {held}" in told[0]
