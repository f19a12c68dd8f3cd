"""Search through the UI: results as you type, "who else is into" a topic, opening results;
the palette's contact and topic jumps."""

from __future__ import annotations

import re

from textual.command import CommandPalette

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.search import SearchScreen
from tests.tui.tui_helpers import palette_text, rendered, run_hallway, wait_for


async def open_search(app: HallwayApp, pilot) -> SearchScreen:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.search_index is not None)
    await pilot.press("slash")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_results_appear_as_you_type_and_enter_opens_the_person(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = await open_search(app, pilot)
        await pilot.press(*"focac")
        await pilot.pause()
        assert [hit.title for hit in screen.hits] == ["Maya Chen"]
        shown = rendered(screen.query_one("#search-results"))
        assert "Maya Chen" in shown and "promised my focaccia recipe" in shown
        await pilot.press("backspace", "backspace", *"acia")  # "focacia": a typo still works
        await pilot.pause()
        assert [hit.title for hit in screen.hits] == ["Maya Chen"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert live.selected is not None and live.selected.name == "Maya Chen"


async def test_a_topic_shows_who_else_is_into_it(live_store: Store) -> None:
    past = next(e for e in live_store.encounters() if e.name == "Old Friend")
    live_store.add_note(past.id, "also loves #bouldering")
    async with run_hallway(live_store) as (app, pilot):
        screen = await open_search(app, pilot)
        await pilot.press(*"boulder")
        await pilot.pause()
        assert screen.hits[0].kind == "topic"
        await pilot.press("enter")  # the topic: who else is into it
        await pilot.pause()
        assert screen.field.value == "#bouldering"
        heading = rendered(screen.query_one("#search-heading"))
        assert "who else is into #bouldering" in heading
        names = {hit.title for hit in screen.hits if hit.kind != "topic"}
        assert names == {"Zoë Ångström", "Old Friend"}


async def test_a_typed_topic_says_who_else_is_into_it_once(live_store: Store) -> None:
    zoe = next(e for e in live_store.encounters() if e.name == "Zoë Ångström")
    live_store.add_note(zoe.id, "boulders at #boulderbar, also #boulderbar-west")
    async with run_hallway(live_store) as (app, pilot):
        screen = await open_search(app, pilot)
        await pilot.press(*"#boulderbar")
        await wait_for(pilot, lambda: screen.shown_query == "#boulderbar" and bool(screen.hits))
        await pilot.pause()
        shown = rendered(screen.query_one("#search-heading")) + "\n"
        shown += rendered(screen.query_one("#search-results"))
        # Once, as the heading; the topic's own row used to say it again beneath.
        assert len(re.findall(r"who else is into #boulderbar(?![\w-])", shown)) == 1, shown
        assert "Zoë Ångström" in shown
        # A longer topic that starts the same way is still offered.
        assert "who else is into #boulderbar-west" in shown
        # Enter opens the first person listed, not the topic already shown.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        assert app.screen.selected is not None and app.screen.selected.name == "Zoë Ångström"


async def test_nothing_found_says_so_and_escape_goes_back(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = await open_search(app, pilot)
        await pilot.press(*"zzzzqqq")
        await pilot.pause()
        assert screen.hits == []
        assert "Nothing matches yet" in rendered(screen.query_one("#search-empty"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)


async def test_a_contact_result_opens_contacts_with_them_selected(live_store: Store) -> None:
    tess = next(e for e in live_store.encounters() if e.name == "Tess Ng")
    debrief.promote(live_store, tess.id)
    async with run_hallway(live_store) as (app, pilot):
        await open_search(app, pilot)
        await pilot.press(*"drummer")
        await wait_for(
            pilot, lambda: "Tess Ng" in rendered(app.screen.query_one("#search-results"))
        )
        row = next(
            line
            for line in rendered(app.screen.query_one("#search-results")).splitlines()
            if "Tess Ng" in line
        )
        # Said once, not "contact  lasting contact".
        assert row.count("contact") == 1 and "lasting contact" in row
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await wait_for(pilot, lambda: screen.selected is not None)
        assert screen.selected is not None and screen.selected.name == "Tess Ng"


async def test_markup_in_results_is_shown_literally(store: Store) -> None:
    event = store.create_event("Meetup", live=True)
    store.capture("[bold]Mallory[/] [@click=app.quit]x[/] #chaos -- \x1b[31mred", event.id)
    async with run_hallway(store) as (app, pilot):
        screen = await open_search(app, pilot)
        await pilot.press(*"mallory")
        await pilot.pause()
        shown = rendered(screen.query_one("#search-results"))
        assert "[bold]Mallory[/] [@click=app.quit]x[/]" in shown and "\x1b" not in shown
        await pilot.click("#search-results", offset=(20, 0))
        assert app.is_running


async def test_palette_jumps_to_a_contact_and_to_a_topic(live_store: Store) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    debrief.promote(live_store, maya.id)
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"contact: maya")
        await wait_for(pilot, lambda: "contact: Maya Chen" in palette_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"topic: #sourdough")
        await wait_for(pilot, lambda: "topic: #sourdough" in palette_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: bool(screen.hits))
        assert screen.field.value == "#sourdough"
        assert any(hit.title == "Maya Chen" for hit in screen.hits)
