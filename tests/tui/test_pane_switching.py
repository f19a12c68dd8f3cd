"""Switching panes on a narrow terminal (a phone held upright): `o` and the arrows step through
a screen's panes, a tap on a pane's name shows it, and the selection's name stays on the
switcher line. In a text field `o` is a letter; on a wide terminal every pane is already shown
and the keys leave the screen as it is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hallway.store.db import Store
from hallway.store.records import Contact, Note
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.panes import PanedScreen
from hallway.widgets.capture import CaptureBar
from tests.tui.taps import tap
from tests.tui.tui_helpers import run_hallway, wait_for

NARROW = (45, 30)
WIDE = (120, 36)


def only_shown(screen: PanedScreen, pane: str) -> None:
    """``pane`` is shown (with room) and named as shown; every other pane is hidden."""
    assert screen.pane == pane
    assert screen.switcher.shown == pane
    for name, _ in screen.PANES:
        container = screen.pane_container(name)
        if name == pane:
            assert container.display and container.region.height > 2
        else:
            assert container.region.area == 0, f"{name} is drawn beside {pane}"


@pytest.fixture
def contact_store(live_store: Store) -> Store:
    """The live store with Maya as a lasting contact."""
    at = datetime(2026, 3, 5, 10, 5, tzinfo=UTC)
    live_store.save_contact(Contact(name="Maya Chen", notes=[Note("sourdough starter", at)]))
    return live_store


async def test_live_panes_by_key_and_by_tap(live_store: Store) -> None:
    async with run_hallway(live_store, size=NARROW, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()
        only_shown(screen, "people")
        selected = screen.selected
        assert selected is not None
        for pane in ("notes", "helper", "people"):  # o steps round, after the last the first
            await pilot.press("o")
            only_shown(screen, pane)
        await pilot.press("right")
        only_shown(screen, "notes")
        await pilot.press("left", "left")
        only_shown(screen, "helper")
        assert screen.selected == selected  # switching panes never changes who is selected
        assert selected.name.split()[0] in screen.switcher.selected_text
        # A tap on a pane's name shows that pane.
        await tap(pilot, "Notes", within=screen.switcher)
        only_shown(screen, "notes")
        await tap(pilot, "People", within=screen.switcher)
        only_shown(screen, "people")
        # In the capture bar o is a letter: it is typed, and the pane stays.
        await pilot.press("n", *"Olga o")
        bar = screen.query_one(CaptureBar)
        assert bar.value == "Olga o"
        only_shown(screen, "people")


async def test_contacts_list_and_story(contact_store: Store) -> None:
    async with run_hallway(contact_store, size=NARROW, poll_interval=60) as (app, pilot):
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await pilot.pause()
        only_shown(screen, "list")
        await wait_for(pilot, lambda: "Maya" in screen.switcher.selected_text)
        await pilot.press("o")
        only_shown(screen, "story")
        await pilot.press("o")
        only_shown(screen, "list")
        await pilot.press("left")
        only_shown(screen, "story")
        await tap(pilot, "List", within=screen.switcher)
        only_shown(screen, "list")
        await tap(pilot, "Story", within=screen.switcher)
        only_shown(screen, "story")
        assert "Maya" in screen.switcher.selected_text


async def test_events_and_their_people(live_store: Store) -> None:
    async with run_hallway(live_store, size=NARROW, poll_interval=60) as (app, pilot):
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, EventsScreen))
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        await pilot.pause()
        only_shown(screen, "events")
        await wait_for(pilot, lambda: "PyCon" in screen.switcher.selected_text)
        await pilot.press("o")
        only_shown(screen, "people")
        await tap(pilot, "Events", within=screen.switcher)
        only_shown(screen, "events")
        await pilot.press("right")
        only_shown(screen, "people")


async def test_wide_screens_show_every_pane_and_ignore_the_keys(live_store: Store) -> None:
    async with run_hallway(live_store, size=WIDE, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()
        assert not screen.narrow
        assert not screen.switcher.display or screen.switcher.region.area == 0
        focused = screen.focused
        await pilot.press("o", "right")
        assert screen.pane == "people" and screen.focused is focused
        for name, _ in screen.PANES:
            assert screen.pane_container(name).region.width > 10, f"{name} is not drawn"
