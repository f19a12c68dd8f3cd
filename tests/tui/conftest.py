"""Fixtures for the app tests: a store with a live event (the clock and the empty store come
from tests/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hallway.store.db import Store
from hallway.store.records import Encounter, Event
from tests.clock import START, Clock


def capture_at(
    store: Store, fixed_clock: Clock, minutes: int, line: str, event: Event
) -> Encounter:
    """Capture ``line`` into ``event`` at START + ``minutes``."""
    fixed_clock.at = START + timedelta(minutes=minutes)
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
    fixed_clock.at = START + timedelta(minutes=30)
    return store


RAGHU = (
    "Raghunathan Venkataraman, principal engineer @Mensah Analytics #carnatic-music #sourdough"
    " -- we talked about the Madras music season and his grandmother's lemon rice"
)


@pytest.fixture
def pocket_store(live_store: Store, fixed_clock: Clock) -> Store:
    """The live store, and the words that broke on a phone: a long name, a long organisation
    and hyphenated topics (Raghunathan, the newest, is selected); the friend from last year
    a lasting contact with a promise, a coffee and give-and-take (the live event's people
    all wait in its debrief)."""
    from hallway.store import contacts, debrief

    live = live_store.live_event()
    assert live is not None
    capture_at(live_store, fixed_clock, 28, RAGHU, live)
    fixed_clock.at = START + timedelta(minutes=30)
    past = next(e for e in live_store.events() if not e.live)
    friend = live_store.encounters(past.id)[0]
    live_store.add_note(friend.id, "promised to send the chess opening book by friday")
    contact = debrief.promote(live_store, friend.id)
    contacts.log_interaction(live_store, contact.id, "coffee", "talked about his chess club")
    contacts.add_give_take(live_store, contact.id, "gave", "an introduction to a chess coach")
    return live_store
