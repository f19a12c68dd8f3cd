"""Tapping what the screen shows, as a thumb does: find a text on screen, click where it is.

A phone terminal (Termux) sends a tap as a mouse click at the cell tapped, so a test taps a
label where it is drawn -- a footer key, a pane's name, a dialog's button, an option, a row --
and the tap only lands if that is what the screen shows there.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.tui.screen_words import screen_text
from tests.tui.tui_helpers import wait_for


def find_text(app: Any, text: str, within: Region | None = None) -> tuple[int, int] | None:
    """The screen cell (x, y) where ``text`` is first drawn (inside ``within``, if given)."""
    for y, line in enumerate(screen_text(app)):
        if within is not None and not within.y <= y < within.bottom:
            continue
        start = 0
        while (index := line.find(text, start)) >= 0:
            x = cell_len(line[:index])
            if within is None or within.x <= x < within.right:
                return x, y
            start = index + 1
    return None


async def tap(pilot: Pilot[Any], text: str, within: Widget | Region | None = None) -> None:
    """Tap the middle of ``text`` where the screen shows it (fails when it is not shown)."""
    app = pilot.app
    region = within.region if isinstance(within, Widget) else within
    await wait_for(pilot, lambda: find_text(app, text, region) is not None)
    found = find_text(app, text, region)
    assert found is not None
    x, y = found
    await pilot.click(offset=(x + cell_len(text) // 2, y))
    await pilot.pause()


def shows(app: Any, text: str, within: Widget | Region | None = None) -> bool:
    """Whether ``text`` is drawn on screen (inside ``within``, if given)."""
    region = within.region if isinstance(within, Widget) else within
    return find_text(app, text, region) is not None
