"""Met before, on the live screen (issue 10, point 17): a capture of someone you already know
says so at once and discreetly -- a quiet line under the name in Notes, and the bar's hint
after saving -- from a name index built in a worker, never while a key waits."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hallway.store import remet
from hallway.store.db import Store
from hallway.store.debrief import promote
from hallway.store.demo import generate_demo
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.notes import NotesPane
from tests.clock import START, ClockAt
from tests.tui.tui_helpers import run_hallway, wait_for

OLD_FRIEND = "↺ met at PyCon Berlin 2025 · #chess"


def notes(screen: LiveScreen) -> str:
    return screen.query_one(NotesPane).text


async def capture(pilot, screen: LiveScreen, line: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    screen.capture_bar.input.value = line
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Saved" in screen.capture_bar.hint)


@pytest.fixture
def builds_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads the name index is built on."""
    threads: list[str] = []
    build = remet.NameIndex.build

    def recorded(index: remet.NameIndex, store: Store) -> None:
        threads.append(threading.current_thread().name)
        build(index, store)

    monkeypatch.setattr(remet.NameIndex, "build", recorded)
    return threads


async def test_someone_met_last_year_is_recalled_under_their_name_at_once(
    live_store: Store, builds_on: list[str]
) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await wait_for(pilot, lambda: remet.index_ready(live_store))
        assert "met at" not in notes(screen)  # Tess is new to you
        await capture(pilot, screen, "Old Friend @Oldco #go -- plays on Sundays")
        assert screen.selected is not None and screen.selected.name == "Old Friend"
        lines = notes(screen).splitlines()
        assert lines[:3] == ["Old Friend", "Oldco", OLD_FRIEND]
        assert screen.capture_bar.hint == (
            "Saved Old Friend. You know Old: met at PyCon Berlin 2025. n for the next person."
        )
        # The store agrees: the same person, and still a new encounter of today.
        [today] = [e for e in live_store.encounters(screen.event_id) if e.name == "Old Friend"]
        found = remet.met_before(live_store, today)
        assert found is not None and found.event is not None
        assert found.event.name == "PyCon Berlin 2025" and today.status == "new"
        # Only for people you knew: Tess has no such line; back on Old Friend it is there.
        await pilot.press("j")
        await pilot.pause()
        assert screen.selected.name == "Tess Ng" and "↺" not in notes(screen)
        await pilot.press("k")
        await pilot.pause()
        assert OLD_FRIEND in notes(screen)
        # A capture of someone new says nothing of the kind.
        await capture(pilot, screen, "Nadia Kim #tea")
        assert "You know" not in screen.capture_bar.hint and "↺" not in notes(screen)
    assert builds_on and threading.main_thread().name not in builds_on


async def test_a_contact_with_an_open_promise_is_recalled_with_it(
    live_store: Store,
) -> None:
    old = next(e for e in live_store.encounters() if e.name == "Old Friend")
    live_store.add_follow_up(old.id, "lend Old my chess book")
    promote(live_store, old.id)
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await wait_for(pilot, lambda: remet.index_ready(live_store))
        await capture(pilot, screen, "Old Friend, chess coach")
        assert (
            "↺ met at PyCon Berlin 2025 · #chess · you promised to lend Old my chess book"
            in notes(screen)
        )


async def test_other_processes_saves_are_known_too_without_a_build_on_a_key(
    live_store: Store, db_path: Path, builds_on: list[str]
) -> None:
    async with run_hallway(live_store, poll_interval=0.1) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await wait_for(pilot, lambda: remet.index_ready(live_store))
        built = len(builds_on)
        with Store.open(db_path) as other:  # a second Hallway, or `hallway capture`
            tea = other.create_event("Rust & Tea", starts=START - timedelta(days=90))
            other.capture("Sven Berg @Ferrous #tea", tea.id)
        # The poll loads it; a worker builds the index again (the old one cannot catch up).
        await wait_for(pilot, lambda: len(builds_on) > built and remet.index_ready(live_store))
        await capture(pilot, screen, "Sven Berg @Ferrous")
        assert "↺ met at Rust & Tea · #tea" in notes(screen)
    assert threading.main_thread().name not in builds_on


async def test_the_demo_opens_on_someone_you_know(tmp_path: Path, clock_at: ClockAt) -> None:
    clock_at(datetime(2026, 5, 20, 14, 7, 33, tzinfo=START.tzinfo))
    store = Store.open(tmp_path / "demo.json")
    try:
        generate_demo(store, people=120, seed=3)
        async with run_hallway(store, demo=True, poll_interval=60) as (app, pilot):
            screen = app.screen
            assert isinstance(screen, LiveScreen)
            await wait_for(pilot, lambda: "↺ met at PyCon Berlin 2025 · #" in notes(screen))
            assert "talking" in str(screen.query_one("#timer").render())
    finally:
        store.close()
