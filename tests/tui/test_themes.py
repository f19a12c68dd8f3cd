"""Themes: Textual's own commands (theme, keys, screenshot) beside Hallway's in the palette."""

from __future__ import annotations

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.screens.live import LiveScreen
from tests.tui.tui_helpers import run_hallway, wait_for


async def test_the_palette_keeps_textuals_commands_beside_hallways(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await wait_for(pilot, lambda: "Theme" in palette_options(app))
        listed = palette_options(app)
        assert "app: help (every key)" in listed
        for textual_command in ("Keys", "Screenshot"):
            assert textual_command in listed
        # One quit, Hallway's (it asks about unsaved text first).
        assert "app: quit" in listed
        assert "Quit" not in listed


def palette_options(app: App[object]) -> list[str]:
    """The first line of every command the open palette lists (scrolled out of view too)."""
    commands = app.screen.query_one(CommandList)
    prompts = (commands.get_option_at_index(i).prompt for i in range(commands.option_count))
    return [str(prompt).splitlines()[0] for prompt in prompts]


async def test_a_theme_is_picked_from_the_palette(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"theme")
        await wait_for(pilot, lambda: palette_options(app)[:1] == ["Theme"])
        await pilot.press("enter")
        await wait_for(pilot, lambda: "themes" in app.screen.query_one(Input).placeholder)
        await pilot.press(*"textual-light")
        await wait_for(pilot, lambda: palette_options(app)[:1] == ["textual-light"])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        assert app.theme == "textual-light"
