"""The app and its storage when writing is impossible or must wait (issue 9, §3.6, §3.7):
a read-only folder is told at start-up and retried for real; a save that has to wait for
another Hallway waits briefly, then is refused in words with the typed text kept."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.tui.app import SAVE_WAIT
from hallway.widgets.capture import CaptureBar
from tests.clock import Clock
from tests.mounts import read_only, tmpfs
from tests.store.storage_helpers import start_worker
from tests.tui.tui_helpers import run_hallway, wait_for


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk") as point:
        yield point


def names(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {e.name for e in store.encounters()}


async def test_read_only_folder_is_told_at_once_and_saving_resumes_when_writable(
    disk: Path, fixed_clock: Clock
) -> None:
    db = disk / "hallway.json"
    with Store.open(db) as store:
        store.create_event("PyCon Berlin 2026", live=True)
        store.capture("Before Ro")
    # No lock file yet either: it must be created when the folder becomes writable.
    Path(f"{db}.lock").unlink()
    read_only(disk)
    try:
        store = Store.open(db)
        async with run_hallway(store) as (app, pilot):
            await wait_for(
                pilot,
                lambda: any(n.title == "Saving is not possible yet" for n in app._notifications),
            )
            (told,) = [n for n in app._notifications if n.title == "Saving is not possible yet"]
            assert "read-only" in told.message and "Nothing you type is lost" in told.message
            await pilot.press("n", *"Typed While Ro", "enter")
            await pilot.pause()
            bar = app.screen.query_one(CaptureBar)
            assert bar.value == "Typed While Ro"
            assert "read-only" in bar.hint
            read_only(disk, on=False)
            await pilot.press("enter")  # the same line, now that the folder is writable
            await wait_for(pilot, lambda: bar.value == "")
            assert "Typed While Ro" in {e.name for e in store.encounters()}
            assert store.cannot_save is None
        store.close()
    finally:
        read_only(disk, on=False)
    assert names(db) == {"Before Ro", "Typed While Ro"}
    assert Path(f"{db}.lock").exists()


async def test_a_save_that_must_wait_is_bounded_and_keeps_the_text(
    live_store: Store, db_path: Path
) -> None:
    told: list[str] = []
    live_store.waiting = told.append  # as the command line does: print on standard error
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        holder = start_worker("hold", str(db_path))
        assert holder.stdin is not None and holder.stdout is not None
        pid = int(holder.stdout.readline().split()[1])
        try:
            await pilot.press("n", *"Patient Pat")
            started = time.monotonic()
            await pilot.press("enter")
            await pilot.pause()
            took = time.monotonic() - started
            bar = app.screen.query_one(CaptureBar)
            assert bar.value == "Patient Pat"
            assert f"another Hallway (process {pid})" in bar.hint
            assert any(f"process {pid}" in n.message for n in app._notifications)
            assert took < SAVE_WAIT + 2  # the interface is back within a moment
        finally:
            holder.stdin.write("go\n")
            holder.stdin.flush()
            holder.communicate(timeout=30)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bar.value == "")
        assert "Patient Pat" in {e.name for e in live_store.encounters()}
    assert told == []  # nothing written over the app's screen
    assert live_store.lock_timeout > SAVE_WAIT  # the fold on closing may wait longer
    assert live_store.waiting == told.append
