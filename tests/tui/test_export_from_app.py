"""Exports are reachable from the app: a palette action, a path, a file only you can read."""

from __future__ import annotations

from pathlib import Path

import vobject
from textual.widgets import Input

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.screens.export import ExportModal
from tests.tui.tui_helpers import run_hallway, wait_for


async def test_export_contacts_to_a_chosen_path(live_store: Store, tmp_path: Path) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    debrief.promote(live_store, maya.id, cadence_days=60)
    target = tmp_path / "out" / "friends.vcf"
    target.parent.mkdir()
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        await app.run_action("export('vcard')")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExportModal) and bool(app.screen.query(Input))
        )
        field = app.screen.query_one("#export-path", Input)
        assert field.value.endswith("hallway-contacts.vcf")
        field.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: target.exists(), timeout=10)
        await wait_for(
            pilot, lambda: any("Written to" in str(n.message) for n in app._notifications)
        )
    assert target.stat().st_mode & 0o777 == 0o600
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert [card.fn.value for card in cards] == ["Maya Chen"]


async def test_export_to_an_impossible_place_says_why(live_store: Store, tmp_path: Path) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.pause()
        await app.run_action("export('json')")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExportModal) and bool(app.screen.query(Input))
        )
        app.screen.query_one("#export-path", Input).value = str(tmp_path)  # a folder
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any(n.title == "Not exported" for n in app._notifications), timeout=10
        )
