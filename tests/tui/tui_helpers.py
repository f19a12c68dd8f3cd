"""Helpers for the app tests: Hallway running on a store, rendered text, waiting on a condition,
the palette's text."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from hallway.store.db import Store
from hallway.tui.app import HallwayApp

SIZE = (120, 36)
"""The terminal the app tests run in, unless a test needs another size."""


@asynccontextmanager
async def run_hallway(
    store: Store, *, size: tuple[int, int] = SIZE, **options: Any
) -> AsyncIterator[tuple[HallwayApp, Pilot[None]]]:
    """Hallway on ``store``, headless in a terminal of ``size``: yields the app and its Pilot,
    and shuts the app down after the block. ``options`` go to :class:`HallwayApp` (such as
    ``poll_interval=60``, so no poll runs during the test)."""
    app = HallwayApp(store, **options)
    async with app.run_test(size=size) as pilot:
        yield app, pilot


def rendered(widget: Widget) -> str:
    """What ``widget`` puts on screen right now, line by line (as the terminal gets it)."""
    width, height = widget.region.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


async def wait_for(pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 5) -> None:
    """Let the app run until ``condition`` holds (fails the test after ``timeout`` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await pilot.pause(0.02)


def palette_text(app: App[object]) -> str:
    """What the command palette lists right now ("" when it is not open)."""
    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return ""
    lists = screen.query("CommandList")
    return rendered(lists.first()) if lists else ""
