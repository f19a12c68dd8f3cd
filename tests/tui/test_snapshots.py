"""Screenshots of the key screens at fixed sizes, with a fixed clock and data.

Look at the report (``pytest tests/tui --snapshot-report``) before accepting a change with
``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.app import HallwayApp


async def _still(pilot: Pilot[Any]) -> None:
    # A blinking cursor would make screenshots differ from run to run.
    for field in pilot.app.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_live_screen_with_helper(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store, demo=True)
    assert snap_compare(app, terminal_size=(120, 36), press=["j", "j", "s"], run_before=_still)


def test_live_screen_small_with_note_bar(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(
        app, terminal_size=(80, 24), press=["t", *"loves #vinyl"], run_before=_still
    )


def test_events_screen(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_events_with_catch_up)


def test_help_screen(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"], run_before=_still)


async def _events_with_catch_up(pilot: Pilot[Any]) -> None:
    # The catch-up list comes from a worker: wait for it so the screenshot is stable.
    await pilot.press("v")
    await pilot.app.workers.wait_for_complete()
    await _still(pilot)


def test_debrief_screen(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["d"], run_before=_still)


def test_promote_dialog_small(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(80, 24), press=["d", "p"], run_before=_still)


def test_contacts_screen(snap_compare: Any, live_store: Store) -> None:
    from hallway.store import contacts, debrief

    for person in live_store.encounters():
        if person.name in ("Maya Chen", "Zoë Ångström"):
            debrief.promote(live_store, person.id)
    maya = next(c for c in live_store.contacts() if c.name == "Maya Chen")
    contacts.log_interaction(live_store, maya.id, "coffee", "talked sourdough starters")
    contacts.add_give_take(live_store, maya.id, "you offered", "my focaccia recipe")
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["c"], run_before=_still)


def test_contacts_screen_small(snap_compare: Any, live_store: Store) -> None:
    from hallway.store import debrief

    for person in live_store.encounters():
        debrief.promote(live_store, person.id)
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(80, 24), press=["c"], run_before=_still)


def test_live_screen_on_a_light_theme(
    snap_compare: Any, live_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The helper, a starred person with a promise highlighted, a refused capture's message.
    monkeypatch.setenv("TEXTUAL_THEME", "textual-light")
    app = HallwayApp(live_store, demo=True)
    assert snap_compare(
        app,
        terminal_size=(120, 36),
        press=["j", "j", "s", "n", *"#jazz only", "enter"],
        run_before=_still,
    )


def test_contacts_screen_on_a_light_theme(
    snap_compare: Any, live_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallway.store import contacts, debrief

    for person in live_store.encounters():
        if person.name in ("Maya Chen", "Zoë Ångström"):
            debrief.promote(live_store, person.id)
    maya = next(c for c in live_store.contacts() if c.name == "Maya Chen")
    contacts.log_interaction(live_store, maya.id, "coffee", "talked sourdough starters")
    contacts.add_give_take(live_store, maya.id, "you offered", "my focaccia recipe")
    monkeypatch.setenv("TEXTUAL_THEME", "solarized-light")
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["c"], run_before=_still)
