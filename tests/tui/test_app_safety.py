"""Nothing typed is lost on the way out, and trouble found while running is said out loud."""

from __future__ import annotations

from pathlib import Path

from hallway.store.db import Store
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.modals import ConfirmModal
from tests.tui.tui_helpers import run_hallway, wait_for


async def test_quitting_with_unsaved_text_asks_first(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.press("n", *"Unsaved Person")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # no: back to the bar, text intact
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert screen.capture_bar.value == "Unsaved Person"
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_quitting_with_nothing_typed_just_quits(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_damage_found_while_running_is_told(live_store: Store, db_path: Path) -> None:
    async with run_hallway(live_store, poll_interval=0.05) as (app, pilot):
        await pilot.pause()
        live_store.storage.backup_now()  # a good backup to come back to
        db_path.write_text("{ this is not json")
        await wait_for(
            pilot,
            lambda: any("backup" in str(n.message) for n in app._notifications),
            timeout=10,
        )
        assert isinstance(app.screen, LiveScreen)
        assert {e.name for e in live_store.encounters()} >= {"Maya Chen", "Tess Ng"}


async def test_a_draft_on_a_screen_switched_away_from_still_counts(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.press("n", *"Ann", "tab", "v")  # leave the bar with text, go to Events
        await wait_for(pilot, lambda: not isinstance(app.screen, LiveScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("ctrl+q")  # asked once: quitting again means yes
        await wait_for(pilot, lambda: not app.is_running)


async def test_a_prefilled_export_path_is_not_unsaved_text(live_store: Store) -> None:
    from textual.widgets import Input

    from hallway.tui.screens.export import ExportModal

    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await app.run_action("export('json')")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExportModal) and bool(app.screen.query(Input))
        )
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
