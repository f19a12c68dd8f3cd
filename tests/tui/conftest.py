"""Fixtures for the app tests: a fixed clock, a store with a live event, a running app."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.records import Encounter, Event
from tests.tui.tui_helpers import START, Clock


@pytest.fixture
def fixed_clock() -> Iterator[Clock]:
    """Time stands at 10:00 on 5 March 2026 (+01:00) until a test advances it."""
    moment = Clock(START)
    clock.set_clock(moment)
    yield moment
    clock.set_clock(None)


@pytest.fixture
def store(db_path: Path, fixed_clock: Clock) -> Iterator[Store]:
    """An empty store in a temporary folder."""
    with Store.open(db_path) as opened:
        yield opened


def capture_at(
    store: Store, fixed_clock: Clock, minutes: int, line: str, event: Event
) -> Encounter:
    """Capture ``line`` into ``event`` at START + ``minutes``."""
    fixed_clock.moment = START + timedelta(minutes=minutes)
    return store.capture(line, event.id)


@pytest.fixture
def live_store(store: Store, fixed_clock: Clock) -> Store:
    """A past event, a live one with three people (Maya has a note, a promise and a star)."""
    past = store.create_event("PyCon Berlin 2025", "Berlin", starts=START - timedelta(days=365))
    store.end_event(past.id)
    store.capture("Old Friend @Oldco #chess", past.id)
    live = store.create_event(
        "PyCon Berlin 2026", "Berlin", starts=START - timedelta(hours=1), live=True
    )
    maya = capture_at(
        store,
        fixed_clock,
        0,
        "Maya Chen, data engineer @Acme #sourdough #baby-sitters-club -- promised my focaccia"
        " recipe",
        live,
    )
    store.add_follow_up(maya.id, "send focaccia recipe")
    store.toggle_meaningful(maya.id)
    capture_at(store, fixed_clock, 12, "Zoë Ångström @Spotify #bouldering", live)
    capture_at(store, fixed_clock, 25, "Tess Ng, drummer #jazz", live)
    fixed_clock.moment = START + timedelta(minutes=30)
    return store
