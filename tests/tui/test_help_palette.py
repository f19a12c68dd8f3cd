"""Help lists every key (from the bindings); the palette offers actions and jumps."""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.screens.help import HelpScreen
from hallway.tui.screens.live import LiveScreen
from tests.tui.tui_helpers import palette_text, rendered, run_hallway, wait_for

BRIEF_KEYS = ["n", "t", "f", "m", "s", "l", "e", "d", "c", "v", "/", "?", "f1", "q", "j", "k"]


async def test_help_lists_every_key_of_the_live_screen(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = " / ".join(keys for _, rows in help_screen.sections for keys, _ in rows)
        shown_keys = {key.strip() for key in keys.split("/")} | {"/"}
        for key in BRIEF_KEYS:
            assert key in shown_keys, f"{key} missing from help"
        for key in ("^p", "^q", "⏎", "esc", "↓", "↑"):
            assert key in keys, f"{key} missing from help"
        # Every binding the live screen declares appears with its words.
        text = rendered(help_screen.query_one("#help-box Static"))
        for binding in Binding.make_bindings(LiveScreen.BINDINGS):
            assert (binding.tooltip or binding.description) in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_help_lists_the_capture_bars_keys_and_where_themes_are(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        sections = dict(help_screen.sections)
        bar = dict(sections["In the capture bar"])
        assert bar["^e"] == "Note or promise in your editor ($VISUAL, else $EDITOR)"
        assert bar["^u"] == "Clear the line"
        assert dict(sections["Everywhere"])["^p"] == (
            "Commands: Hallway's, and theme, keys, screenshot"
        )
        text = rendered(help_screen.query_one("#help-box Static"))
        assert "In the capture bar" in text and "your editor ($VISUAL, else $EDITOR)" in text


async def test_palette_offers_noun_verb_actions(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"leave gracefully")
        await wait_for(pilot, lambda: "helper: leave gracefully" in palette_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.pause()
        assert app.screen.query_one("#helper").mode == "exit"  # type: ignore[attr-defined]


async def test_palette_jumps_to_a_person_at_another_event(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"old friend")
        await wait_for(pilot, lambda: "person: Old Friend" in palette_text(app))
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, LiveScreen)
                and app.screen.selected is not None
                and app.screen.selected.name == "Old Friend"
            ),
        )


async def test_palette_hides_actions_that_do_not_apply(store: Store) -> None:
    store.create_event("Quiet", live=True)
    async with run_hallway(store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"person")
        await wait_for(pilot, lambda: "person: new" in palette_text(app))
        assert "person: add a note" not in palette_text(app)


async def test_every_live_action_has_a_palette_title() -> None:
    """The palette can't go stale: each live-screen key action has a "noun: verb" title."""
    for binding in Binding.make_bindings(LiveScreen.BINDINGS):
        if binding.action == "back":
            continue
        assert binding.action in LiveScreen.COMMAND_TITLES, binding.action
        assert ": " in LiveScreen.COMMAND_TITLES[binding.action]


async def test_typing_question_mark_in_the_bar_types_it(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", "question_mark")
        assert isinstance(app.focused, Input) and app.focused.value == "?"
        assert isinstance(app.screen, LiveScreen)


async def test_help_lists_the_debrief_and_contacts_keys(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        for screen_key, wanted in (
            ("d", ["p", "a", "x", "space", "→", "←", "esc"]),
            ("c", ["i", "g", "z", "t", "f", "⏎", "esc"]),
        ):
            await pilot.press(screen_key, "question_mark")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            keys = {
                key.strip()
                for _, rows in help_screen.sections
                for keys, _ in rows
                for key in keys.split("/")
            }
            for key in wanted:
                assert key in keys, f"{key} missing from help after {screen_key}"
            await pilot.press("escape")
            await pilot.pause()
