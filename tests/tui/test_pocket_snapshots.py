"""Screenshots at a phone's sizes: upright (40x20, 45x30) and on its side (100x20), of the live
screen (a person being typed in People, and a way to leave in the Helper), the debrief, the
promote dialog, Contacts, Events and search -- with the long name, organisation and topics that
broke there (see ``pocket_store``). The laptop sizes are in test_snapshots.py.

Look at the report (``pytest tests/tui --snapshot-report``) before accepting a change with
``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest
from textual.pilot import Pilot

from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from tests.tui.test_snapshots import _still
from tests.tui.tui_helpers import wait_for

SIZES = [(40, 20), (45, 30), (100, 20)]


def _after(keys: Sequence[str]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press ``keys`` once the search index is built, let workers finish, stop the cursor."""

    async def run(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: pilot.app.search_index is not None)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await _still(pilot)

    return run


SCREENS: dict[str, Sequence[str]] = {
    "live_typing": ("n", *"Ana Lima, designer @Fable #surfing"),
    "live_helper": ("l",),
    "debrief": ("d",),
    "promote": ("d", "p"),
    "contacts": ("c",),
    "events": ("v",),
    "search": ("/", *"sour"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_pocket_screen(
    snap_compare: Any, pocket_store: Store, screen: str, size: tuple[int, int]
) -> None:
    app = HallwayApp(pocket_store, demo=True, poll_interval=60)
    assert snap_compare(app, terminal_size=size, run_before=_after(SCREENS[screen]))
