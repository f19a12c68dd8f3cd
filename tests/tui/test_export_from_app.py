"""Exports are reachable from the app: a palette action, a path, a file only you can read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vobject
from textual.widgets import Input

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.export import DownloadModal, ExportModal
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


class BrowserHallway(HallwayApp):
    """Hallway as `hallway serve` runs it (Textual's web driver), recording what it delivers
    to the browser instead of sending it."""

    def __init__(self, store: Store) -> None:
        super().__init__(store, poll_interval=60)
        self.delivered: list[tuple[bytes, dict[str, Any]]] = []

    @property
    def is_web(self) -> bool:
        return True

    def deliver_binary(self, path_or_file: Any, **options: Any) -> str | None:  # type: ignore[override]
        self.delivered.append((path_or_file.read(), options))
        return "key"


async def test_in_a_browser_an_export_is_delivered_not_written(
    live_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    debrief.promote(live_store, maya.id, cadence_days=60)
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    app = BrowserHallway(live_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.run_action("export('vcard')")
        await wait_for(pilot, lambda: bool(app.screen.query("DownloadModal #download")))
        assert not app.screen.query(Input)  # no path to ask for: nothing is written here
        await pilot.click("#download")
        await wait_for(pilot, lambda: bool(app.delivered), timeout=10)
        await wait_for(
            pilot,
            lambda: any("on its way to your browser" in str(n.message) for n in app._notifications),
        )
    ((data, options),) = app.delivered
    assert options["save_filename"] == "hallway-contacts.vcf"
    assert options["mime_type"] == "text/vcard; charset=utf-8"
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert [card.fn.value for card in cards] == ["Maya Chen"]
    assert list(workdir.iterdir()) == []  # nothing written on the server's side
    assert not list(Path.home().rglob("*.vcf"))


async def test_in_a_browser_cancel_delivers_nothing(live_store: Store) -> None:
    app = BrowserHallway(live_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.run_action("export('json')")
        await wait_for(pilot, lambda: bool(app.screen.query("DownloadModal #cancel")))
        await pilot.click("#cancel")
        await wait_for(pilot, lambda: not isinstance(app.screen, DownloadModal))
        await pilot.pause(0.2)
    assert app.delivered == []
