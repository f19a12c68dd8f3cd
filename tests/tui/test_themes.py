"""Themes: Textual's own commands (theme, keys, screenshot) beside Hallway's in the palette;
which theme the app starts with, and a theme chosen in the app remembered in the config file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from hallway.store.config import Settings, load_config
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


def tuned(store: Store, config: Path | None = None) -> Store:
    """The same database with the settings of the config file at ``config`` (as the command
    line opens it)."""
    settings = load_config(config).settings if config else Settings()
    return Store(store.path, store.storage, settings)


def theme_notices(app: App[object]) -> list[str]:
    # As the other app tests do: the notifications the app raised.
    return [n.message for n in app._notifications if n.title == "Theme"]


async def test_nord_unless_told_otherwise(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, _):
        assert app.theme == "nord"
        assert theme_notices(app) == []


async def test_textual_theme_is_respected(
    live_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "textual-light")
    async with run_hallway(live_store) as (app, _):
        assert app.theme == "textual-light"


async def test_the_config_file_comes_before_textual_theme(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "textual-light")
    config = tmp_path / "config.toml"
    config.write_text('theme = "gruvbox"\n')
    async with run_hallway(tuned(live_store, config), config_path=config) as (app, _):
        assert app.theme == "gruvbox"


async def test_a_theme_that_does_not_exist_is_said_and_the_next_one_used(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "solarised"\n')
    monkeypatch.setenv("TEXTUAL_THEME", "dracula")
    async with run_hallway(tuned(live_store, config), config_path=config) as (app, pilot):
        await wait_for(pilot, lambda: bool(theme_notices(app)))
        assert app.theme == "dracula"
        assert theme_notices(app) == [
            f'{config}: theme = "solarised" is not a theme Textual knows; using "dracula".'
        ]
    assert config.read_text() == 'theme = "solarised"\n'  # nothing chosen: nothing written
    monkeypatch.setenv("TEXTUAL_THEME", "norde")
    async with run_hallway(live_store) as (app, pilot):
        await wait_for(pilot, lambda: bool(theme_notices(app)))
        assert app.theme == "nord"
        assert theme_notices(app) == [
            'TEXTUAL_THEME = "norde" is not a theme Textual knows; using "nord".'
        ]


async def test_a_theme_chosen_in_the_app_is_remembered(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "dracula")  # a choice in the app outranks it next time
    config = tmp_path / "hallway" / "config.toml"
    async with run_hallway(live_store, config_path=config) as (app, pilot):
        assert app.theme == "dracula"
        app.theme = "textual-light"  # as the palette's theme picker does
        await pilot.pause()
    assert config.read_text() == 'theme = "textual-light"\n'
    async with run_hallway(tuned(live_store, config), config_path=config) as (app, _):
        assert app.theme == "textual-light"


async def test_a_choice_is_not_written_without_a_config_path(live_store: Store) -> None:
    # The demo (and these tests) pass no path: a choice lasts for the session only.
    async with run_hallway(live_store) as (app, pilot):
        app.theme = "gruvbox"
        await pilot.pause()
    assert not any(Path(os.environ["XDG_CONFIG_HOME"]).rglob("*.toml"))


async def test_a_choice_that_cannot_be_remembered_is_said(
    live_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('rhythm = "3 weeks\n')  # broken by hand: Hallway leaves it alone
    async with run_hallway(live_store, config_path=config) as (app, pilot):
        app.theme = "gruvbox"
        await wait_for(pilot, lambda: bool(theme_notices(app)))
        assert app.theme == "gruvbox"
        [said] = theme_notices(app)
        assert said.startswith(f"Theme gruvbox is used now but not remembered: {config}")
        assert "is not valid TOML" in said
    assert config.read_text() == 'rhythm = "3 weeks\n'
