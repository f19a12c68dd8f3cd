"""Escape goes back to the screen you came from: contacts opened from the debrief return to
the debrief, search opened from contacts returns to contacts, and so on back home."""

from __future__ import annotations

from textual.screen import Screen

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.search import SearchScreen
from tests.tui.tui_helpers import run_hallway, wait_for


async def test_escape_returns_to_the_screen_you_came_from(live_store: Store) -> None:
    tess = next(e for e in live_store.encounters() if e.name == "Tess Ng")
    debrief.promote(live_store, tess.id)
    async with run_hallway(live_store) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)

        async def go(key: str, kind: type[Screen[None]]) -> None:
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, kind))

        await go("d", DebriefScreen)
        await go("c", ContactsScreen)
        await go("escape", DebriefScreen)  # used to go to the live screen
        await go("escape", LiveScreen)
        await go("c", ContactsScreen)
        await go("slash", SearchScreen)
        await go("escape", ContactsScreen)  # used to go to the live screen
        await go("escape", LiveScreen)
        await go("v", EventsScreen)
        await go("c", ContactsScreen)
        await go("escape", EventsScreen)
        await go("escape", LiveScreen)  # the events screen's own "back to the live event"
        # A search result opens its screen; back from there goes where search came from.
        await go("c", ContactsScreen)
        await go("slash", SearchScreen)
        await pilot.press(*"drummer", "down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await go("escape", LiveScreen)
