"""Helpers for the app tests: rendered text, waiting on a condition, the palette's text."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget


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
