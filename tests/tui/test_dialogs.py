"""Dialogs: every one centred, fields with visible edges, and the promote dialog's rhythm
(what is highlighted is what enter saves: the last choice wins, visibly)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList

from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.export import ExportModal
from hallway.tui.screens.promote import PromoteModal
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def assert_centred(screen: Screen[object]) -> None:
    dialog = screen.query_one("#dialog").region
    width, height = screen.app.size
    left, right = dialog.x, width - dialog.right
    top, bottom = dialog.y, height - dialog.bottom
    assert abs(left - right) <= 1 and left > 0, (dialog, screen.app.size)
    assert abs(top - bottom) <= 1 and top > 0, (dialog, screen.app.size)


def assert_fields_have_edges(screen: Screen[object]) -> None:
    fields = list(screen.query(Input))
    assert fields
    for field in fields:
        line = rendered(field).splitlines()[0]
        # A bar on each side of the field, in the terminal's text itself (not only colour).
        assert line[0] == "▌" and line[-1] == "▐", repr(line)


async def open_export(app: HallwayApp, pilot: Pilot[None], kind: str) -> ExportModal:
    app.action_export(kind)
    await wait_for(pilot, lambda: isinstance(app.screen, ExportModal) and app.screen.is_mounted)
    await pilot.pause()
    assert isinstance(app.screen, ExportModal)
    return app.screen


async def test_every_dialog_is_centred_with_visible_fields(live_store: Store) -> None:
    for size in ((120, 36), (80, 24)):
        async with run_hallway(live_store, size=size) as (app, pilot):
            # The export dialog used to open at the top-left.
            for kind in ("json", "vcard"):
                modal = await open_export(app, pilot, kind)
                assert_centred(modal)
                assert_fields_have_edges(modal)
                await pilot.press("escape")
                await wait_for(pilot, lambda: not isinstance(app.screen, ExportModal))
            await pilot.press("d", "p")
            await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
            await pilot.pause()
            assert_centred(app.screen)
            assert_fields_have_edges(app.screen)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))


async def promote_dialog(app: HallwayApp, pilot: Pilot[None]) -> PromoteModal:
    await pilot.press("d", "p")
    await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal) and app.screen.is_mounted)
    await pilot.pause()
    assert isinstance(app.screen, PromoteModal)
    return app.screen


def rhythm_line(modal: PromoteModal) -> str:
    return rendered(modal.query_one("#promote-rhythm-label"))


async def test_a_rhythm_picked_after_typing_wins_and_clears_the_field(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        modal = await promote_dialog(app, pilot)
        rhythm = modal.query_one("#promote-rhythm", OptionList)
        days = modal.query_one("#promote-days", Input)
        days.focus()
        await pilot.press(*"45")
        await wait_for(pilot, lambda: rhythm.highlighted is None)
        assert "Keep in touch: every 45 days" in rhythm_line(modal)
        # Then "every 6 months" is clicked: the list wins, and the typed box empties.
        await pilot.click(rhythm, offset=(3, 2))
        await wait_for(pilot, lambda: days.value == "")
        assert rhythm.highlighted == 2
        assert "Keep in touch: every 6 months" in rhythm_line(modal)
        assert "every 6 months" in rendered(rhythm).splitlines()[2]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    [contact] = live_store.contacts()
    assert contact.cadence_days == 182


async def test_a_rhythm_typed_after_picking_wins_and_clears_the_highlight(
    live_store: Store,
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        modal = await promote_dialog(app, pilot)
        rhythm = modal.query_one("#promote-rhythm", OptionList)
        rhythm.focus()
        await pilot.press("down")  # every 6 months
        await wait_for(pilot, lambda: rhythm.highlighted == 2)
        assert "Keep in touch: every 6 months" in rhythm_line(modal)
        await pilot.press("tab", *"10 weeks")
        await wait_for(pilot, lambda: rhythm.highlighted is None)
        assert "Keep in touch: every 70 days" in rhythm_line(modal)
        # Nothing in the list looks chosen any more.
        assert modal.query_one("#promote-days", Input).value == "10 weeks"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    [contact] = live_store.contacts()
    assert contact.cadence_days == 70


async def test_an_emptied_field_leaves_no_rhythm_chosen_until_one_is_picked(
    live_store: Store,
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        modal = await promote_dialog(app, pilot)
        days = modal.query_one("#promote-days", Input)
        days.focus()
        await pilot.press(*"45", "backspace", "backspace")
        await wait_for(pilot, lambda: "pick a rhythm" in rhythm_line(modal))
        await pilot.press("enter")
        error = modal.query_one("#dialog-error")
        await wait_for(pilot, lambda: "Pick how often" in rendered(error))
        assert app.screen is modal and live_store.contacts() == []
