"""Keys typed in one burst (fast typing, a paste, an SSH link batching keystrokes) go where the
person meant: text after `n` into the bar, commands after Enter to the list, nothing lost."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.live import LiveScreen
from tests.tui.tui_helpers import palette_text, run_hallway, wait_for

KEY_NAMES = {
    "\n": "enter",
    "\x1b": "escape",
    " ": "space",
    "\t": "tab",
    "/": "slash",
    "#": "number_sign",
}


def burst(app: HallwayApp, keys: str) -> None:
    """Post every key at once, without waiting in between: they queue up like a burst."""
    for char in keys:
        name = KEY_NAMES.get(char, char)
        app.post_message(events.Key(name, None if char in "\x1b\t" else char))


async def settle(pilot: Pilot[object], app: HallwayApp, done: object) -> None:
    await wait_for(pilot, lambda: bool(done()), timeout=10)  # type: ignore[operator]
    await pilot.pause()


async def test_a_burst_of_captures_and_commands_lands_right(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        live = live_store.live_event()
        assert live is not None
        # n, a line, Enter, n, another line (with letters that are commands: c d e m), Enter, m.
        burst(app, "nAnn Lee #chess\nnCedric Demeester -- met at the door\nm")

        def both_saved() -> bool:
            names = {e.name: e for e in live_store.encounters(live.id)}
            return "Cedric Demeester" in names and names["Cedric Demeester"].meaningful

        await settle(pilot, app, both_saved)
        people = {e.name: e for e in live_store.encounters(live.id)}
        assert people["Ann Lee"].topics == ["chess"]
        assert [n.text for n in people["Cedric Demeester"].notes] == ["met at the door"]
        assert not people["Ann Lee"].meaningful
        assert screen.capture_bar.value == ""
        assert app.focused is screen.people_list
        assert isinstance(app.screen, LiveScreen)  # no stray c/d/e/v switched screens


async def test_keys_after_a_refused_line_stay_in_the_bar(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        burst(app, "n, no name\nxyz")
        await settle(pilot, app, lambda: screen.capture_bar.value.endswith("xyz"))
        assert screen.capture_bar.value == ", no name" + "xyz"
        assert "Start with the person's name" in screen.capture_bar.hint
        assert app.focused is screen.capture_bar.input


async def test_escape_then_commands_go_to_the_list(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        selected = screen.selected
        assert selected is not None and not selected.meaningful
        burst(app, "nnot saved\x1bm")
        await settle(pilot, app, lambda: live_store.encounter(selected.id).meaningful)
        # Escape kept the line for later (it is not thrown away), and saved nothing.
        assert screen.capture_bar.value == "not saved"
        assert app.focused is screen.people_list
        assert "not saved" not in {e.name for e in live_store.encounters()}


async def test_tab_then_typing_fills_the_next_field(store: Store) -> None:
    from hallway.tui.screens.modals import NewEventModal

    # No live event: the app opens on Events.
    async with run_hallway(store, poll_interval=60) as (app, pilot):
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NewEventModal))
        burst(app, "Friday Meetup\tKraków\n")
        await settle(pilot, app, lambda: store.live_event() is not None)
        live = store.live_event()
        assert live is not None and (live.name, live.place) == ("Friday Meetup", "Kraków")


async def test_switching_purpose_keeps_unsaved_text_as_a_draft(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        bar = screen.capture_bar
        await pilot.press("n", *"Half Typed")
        await pilot.press("tab")  # focus leaves the bar without saving or cancelling
        await pilot.press("t", *"a note for Tess", "enter")
        await wait_for(pilot, lambda: bar.mode == "person")
        assert bar.value == "Half Typed"  # the person line came back
        assert "a note for Tess" in [n.text for n in live_store.encounters()[0].notes]
        await pilot.press("n", *" Person", "enter")
        await wait_for(
            pilot, lambda: "Half Typed Person" in {e.name for e in live_store.encounters()}
        )
        assert bar.unsaved() == []


async def test_keys_after_a_palette_command_wait_for_the_command(live_store: Store) -> None:
    from textual.command import CommandPalette

    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"add a note")
        await wait_for(pilot, lambda: "person: add a note" in palette_text(app))
        # Enter picks the command; "met ok" follows at once (m and e are commands in the list).
        burst(app, "\nmet ok")
        await settle(pilot, app, lambda: screen.capture_bar.value == "met ok")
        assert screen.capture_bar.mode == "note"
        assert not any(e.meaningful for e in live_store.encounters() if e.name == "Tess Ng")


async def test_keys_typed_right_after_a_screen_key_reach_the_new_screen(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        burst(app, "/#boulder")  # the search screen is not even mounted when "#" arrives
        await settle(pilot, app, lambda: type(app.screen).__name__ == "SearchScreen")
        field = app.screen.query_one("#search-input", Input)
        await settle(pilot, app, lambda: field.value == "#boulder")
        burst(app, "\x1bc")  # back, then contacts: the contacts screen gets the rest
        await settle(pilot, app, lambda: type(app.screen).__name__ == "ContactsScreen")
