"""Saves made by another process show up in the open app (polling), selection kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hallway.store.db import Store
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.people import PeopleList
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


async def test_a_second_store_capture_appears_and_selection_stays(
    live_store: Store, db_path: Path
) -> None:
    async with run_hallway(live_store, poll_interval=0.05) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("j")  # Zoë
        await pilot.pause()
        with Store.open(db_path) as other:
            other.capture("Remote Rita @Elsewhere #tango")
        await wait_for(pilot, lambda: "Remote Rita" in rendered(screen.query_one(PeopleList)))
        assert screen.selected is not None and screen.selected.name == "Zoë Ångström"


async def test_a_capture_from_another_process_appears(live_store: Store, db_path: Path) -> None:
    async with run_hallway(live_store, poll_interval=0.1) as (app, pilot):
        screen = app.screen
        code = (
            "import sys\nfrom hallway.store.db import Store\n"
            "with Store.open(sys.argv[1]) as s:\n    s.capture('Shell Sam #bash')\n"
        )
        subprocess.run([sys.executable, "-c", code, str(db_path)], check=True, timeout=60)
        await wait_for(pilot, lambda: "Shell Sam" in rendered(screen.query_one(PeopleList)))
        assert "Shell Sam" in [e.name for e in live_store.encounters()]


async def test_another_devices_capture_and_note_appear_within_the_poll(
    live_store: Store, db_path: Path
) -> None:
    """The phone's files arrive in the folder (a sync tool): the open app merges them."""
    from hallway.store.devices import Device

    phone = Device("2b" * 16, 22, "phone")
    async with run_hallway(live_store, poll_interval=0.05) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        with Store.open(db_path, device=phone) as other:
            other.capture("Phone Pia @Elsewhere #tango")
        await wait_for(pilot, lambda: "Phone Pia" in rendered(screen.query_one(PeopleList)))
        assert any(p.name.startswith("hallway.2b2b2b2b") for p in db_path.parent.iterdir())
