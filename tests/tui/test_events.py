"""The events screen: list, start a live event, end it, open one; Hallway opens here."""

from __future__ import annotations

from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.modals import ConfirmModal, NewEventModal
from hallway.widgets.events import EventList
from hallway.widgets.people import PeopleList
from tests.tui.tui_helpers import rendered, run_hallway


async def test_opens_on_events_when_nothing_is_live(store: Store) -> None:
    past = store.create_event("Rust Meetup #11", "Zürich")
    store.end_event(past.id)
    async with run_hallway(store) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        shown = rendered(app.screen.query_one(EventList))
        assert "Rust Meetup #11" in shown and "Zürich" in shown and "Thu 5 Mar 2026" in shown
        assert "live" not in shown
        # Nothing live: "back" and "end live event" do not apply.
        assert app.screen.check_action("back", ()) is False
        assert app.screen.check_action("end_live_event", ()) is False


async def test_empty_database_says_what_to_do(store: Store) -> None:
    async with run_hallway(store) as (app, pilot):
        await pilot.pause()
        assert "press n to start one" in rendered(app.screen.query_one("#events-empty"))


async def test_v_shows_events_with_the_live_mark_and_escape_goes_back(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        lines = rendered(app.screen.query_one(EventList)).splitlines()
        live_line = next(line for line in lines if "PyCon Berlin 2026" in line)
        assert "●" in live_line and "live" in live_line
        assert "●" not in next(line for line in lines if "PyCon Berlin 2025" in line)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)


async def test_start_a_new_live_event_from_the_modal(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("v", "n")
        await pilot.pause()
        assert isinstance(app.screen, NewEventModal)
        await pilot.press("enter")  # no name: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, NewEventModal)
        assert "needs a name" in rendered(app.screen.query_one("#dialog-error"))
        await pilot.press(*"EuroPython 2026", "tab", *"Prague", "enter")
        await pilot.pause()
        live = live_store.live_event()
        assert live is not None and (live.name, live.place) == ("EuroPython 2026", "Prague")
        assert len([event for event in live_store.events() if event.live]) == 1
        screen = app.screen
        assert isinstance(screen, LiveScreen) and screen.event_id == live.id
        # Captures now go to the new event.
        await pilot.press("n", *"New Friend", "enter")
        await pilot.pause()
        assert [e.name for e in live_store.encounters(live.id)] == ["New Friend"]


async def test_end_the_live_event_after_confirming(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("v", "e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert live_store.live_event() is not None
        await pilot.press("e", "y")
        await pilot.pause()
        assert live_store.live_event() is None
        ended = live_store.find_event("PyCon Berlin 2026")
        assert ended is not None and ended.ends is not None
        assert "live" not in rendered(app.screen.query_one(EventList))


async def test_open_a_past_event_shows_its_people(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("v", "j", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert "Old Friend" in rendered(screen.query_one(PeopleList))
        assert not isinstance(app.focused, Input)


async def test_the_new_event_dialog_keeps_its_text_and_its_cancel_button(store: Store) -> None:
    async with run_hallway(store, poll_interval=60) as (app, pilot):  # nothing live: Events
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewEventModal)
        await pilot.press(*"Friday Meetup", "ctrl+q")  # typed, not started: quitting asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Friday Meetup" in rendered(app.screen.query_one("Static"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewEventModal)
        await pilot.press("tab", "tab", "tab", "enter")  # Enter on Cancel cancels
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        assert store.live_event() is None
