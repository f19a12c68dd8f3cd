"""Screenshots of the key screens at fixed sizes, with a fixed clock and data.

Look at the report (``pytest tests/tui --snapshot-report``) before accepting a change with
``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from store.db import Store
from tui.app import HallwayApp


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
    assert snap_compare(app, terminal_size=(120, 36), press=["v"], run_before=_still)


def test_help_screen(snap_compare: Any, live_store: Store) -> None:
    app = HallwayApp(live_store)
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"], run_before=_still)
