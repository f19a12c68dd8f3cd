"""Every dialog answers taps: an option is chosen with one tap, the dialog's own buttons
confirm or cancel, on a phone held upright (40x20: the dialog scrolls under its buttons) and on
a laptop. The keys that open the dialogs are pressed; everything inside is tapped."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from hallway.store import clock
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.choice import AcceptingModal
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.export import ExportModal
from hallway.tui.screens.help import HelpScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.modals import ConfirmModal
from tests.tui.taps import tap
from tests.tui.tui_helpers import run_hallway, wait_for

SIZES = [(40, 20), (120, 36)]


def sized(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


async def dialog_open(app: HallwayApp, pilot: Pilot[None], kind: type) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)
    await pilot.pause()


async def dialog_closed(app: HallwayApp, pilot: Pilot[None]) -> None:
    await wait_for(pilot, lambda: not isinstance(app.screen, AcceptingModal | ConfirmModal))


@pytest.mark.parametrize("size", SIZES, ids=sized)
async def test_contacts_dialogs_by_taps(pocket_store: Store, size: tuple[int, int]) -> None:
    friend = next(c for c in pocket_store.contacts() if c.name == "Old Friend")
    async with run_hallway(pocket_store, size=size, poll_interval=60) as (app, pilot):
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        # An interaction: "call" with one tap, a note typed, the Save button.
        await pilot.press("i")
        await dialog_open(app, pilot, AcceptingModal)
        await tap(pilot, "call", within=app.screen.query_one("#choice-list"))
        await pilot.click("#choice-note")  # a tap in the note's field
        await pilot.press(*"about the chess club")
        await tap(pilot, "Save", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        kinds = [(i.kind, i.note) for i in pocket_store.contact(friend.id).interactions]
        assert ("call", "about the chess club") in kinds
        # A snooze of a month, tapped.
        await pilot.press("z")
        await dialog_open(app, pilot, AcceptingModal)
        await tap(pilot, "a month", within=app.screen.query_one("#choice-list"))
        await tap(pilot, "Save", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        snoozed = pocket_store.contact(friend.id).snoozed_until
        assert snoozed is not None and snoozed > clock.today()
        # A follow-up ticked with a tap, saved with the button.
        await pilot.press("f")
        await dialog_open(app, pilot, AcceptingModal)
        await tap(pilot, "chess opening book", within=app.screen.query_one("#checklist"))
        await tap(pilot, "Save", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        (encounter,) = (pocket_store.encounter(i) for i in friend.encounter_ids)
        assert [promise.done for promise in encounter.follow_ups] == [True]
        # Editing, then Cancel: nothing changes.
        await pilot.press("enter")
        if isinstance(app.screen, ContactsScreen):  # one pane at a time: the story first
            assert app.screen.pane == "story"
            await pilot.press("enter")
        await dialog_open(app, pilot, AcceptingModal)
        await pilot.press(*" Junior")
        await tap(pilot, "Cancel", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        assert pocket_store.contact(friend.id).name == "Old Friend"


@pytest.mark.parametrize("size", SIZES, ids=sized)
async def test_promote_fix_and_confirm_by_taps(pocket_store: Store, size: tuple[int, int]) -> None:
    async with run_hallway(pocket_store, size=size, poll_interval=60) as (app, pilot):
        live = app.screen
        assert isinstance(live, LiveScreen)
        # Fixing a capture: the name changed, the Save button.
        await pilot.press("enter")
        await dialog_open(app, pilot, AcceptingModal)
        await pilot.press("end", *" Iyer")
        await tap(pilot, "Save", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        assert live.selected is not None
        assert live.selected.name == "Raghunathan Venkataraman Iyer"
        # Promote: "yearly" with one tap, the Promote button.
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.press("p")
        await dialog_open(app, pilot, AcceptingModal)
        await tap(pilot, "yearly", within=app.screen.query_one("#promote-rhythm"))
        await tap(pilot, "Promote", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        (maya,) = [c for c in pocket_store.contacts() if c.name == "Maya Chen"]
        assert maya.cadence_days == 365
        # Ending the live event: the dialog's yes button.
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, EventsScreen))
        await pilot.press("e")
        await dialog_open(app, pilot, ConfirmModal)
        await tap(pilot, "End event", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        assert pocket_store.live_event() is None
        # A new live event: its name typed, the Start button.
        await pilot.press("n")
        await dialog_open(app, pilot, AcceptingModal)
        await pilot.press(*"Phone Meetup")
        await tap(pilot, "Start", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        live_now = pocket_store.live_event()
        assert live_now is not None and live_now.name == "Phone Meetup"
        # An export, cancelled with its button; help, closed with its button.
        app.action_export("json")
        await dialog_open(app, pilot, ExportModal)
        await tap(pilot, "Cancel", within=app.screen.query_one("#dialog-buttons"))
        await dialog_closed(app, pilot)
        await pilot.press("h")
        await dialog_open(app, pilot, HelpScreen)
        await tap(pilot, "Close", within=app.screen.query_one("#dialog-buttons"))
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, LiveScreen)
