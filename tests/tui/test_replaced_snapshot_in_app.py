"""An open app whose ``hallway.json`` is replaced by another copy's (a file-sync tool) while
its own saves are still in the journal: polling notices, the saves are kept aside, and the
app says so (issue 9, §3.1)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine.journal import scan
from tests.tui.tui_helpers import run_hallway, wait_for


async def test_polling_keeps_the_apps_saves_aside_and_tells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "A" / "hallway.json", tmp_path / "B" / "hallway.json"
    with Store.open(a) as store:
        store.create_event("PyCon Berlin 2026", live=True)
        store.capture("Seed Person")
    shutil.copytree(a.parent, b.parent, symlinks=True)
    monkeypatch.setenv("HALLWAY_JOURNAL_LIMIT", "1")
    with Store.open(b) as other:
        other.capture("B-only")
    monkeypatch.delenv("HALLWAY_JOURNAL_LIMIT")

    store = Store.open(a)
    async with run_hallway(store, poll_interval=0.05) as (app, pilot):
        await pilot.press("n", *"A-only-app", "enter")
        await wait_for(pilot, lambda: "A-only-app" in {e.name for e in store.encounters()})
        temp = a.with_name(".t")
        shutil.copy2(b, temp)
        os.replace(temp, a)  # the other copy's file arrives
        await wait_for(
            pilot, lambda: any("does not contain" in n.message for n in app._notifications)
        )
        await wait_for(pilot, lambda: "B-only" in {e.name for e in store.encounters()})
        (told,) = [n for n in app._notifications if "does not contain" in n.message]
        assert "unmerged" in told.message
    store.close()
    kept = sorted(a.parent.glob("hallway.json.journal.unmerged-*"))
    assert kept
    saved = {
        doc["name"]
        for file in kept
        for _gen, changes in scan(file.read_bytes()).entries
        for _t, _i, doc in changes
        if doc and "name" in doc
    }
    assert "A-only-app" in saved
