"""Text keeps at least 4.5:1 contrast on every built-in theme, light ones included.

Each screen Hallway draws is opened on each of Textual's built-in themes, and every character
of text on it (not borders, rules or scroll bars) is measured: the colour it is drawn in
against the colour behind it, as the terminal gets them. No text may be below 4.5:1 (WCAG 2,
1.4.3, normal text), hints, times and placeholders included: Hallway's quiet text is a fitted
theme colour, not "dim" (Textual draws dim text 66 % of the way from the background, 2.5 to
3.8:1 on most themes). Text Textual's own widgets draw on Hallway's screens is measured too.

Textual's ANSI themes are left out: their colours are the terminal's own palette, unknown here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES
from textual.widgets import Input

from hallway.store import contacts, debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from tests.clock import START
from tests.tui.contrast import NEEDED, Drawn, drawn_text
from tests.tui.tui_helpers import palette_text, run_hallway, wait_for

THEMES = sorted(name for name, theme in BUILTIN_THEMES.items() if not theme.ansi)

Scene = Callable[[HallwayApp, Pilot[None]], Awaitable[Region | None]]


async def _live(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    # Maya (starred, a promise) highlighted, the helper showing a line, a refused capture.
    await pilot.press("j", "j", "s")
    await pilot.press("n", *"#jazz only", "enter")
    await pilot.pause()
    return None


async def _live_note(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("escape", "t")
    await pilot.pause()
    return None


async def _events(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("v")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return None


async def _contacts(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("c")
    await pilot.pause()
    return None


async def _debrief(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("d")
    await pilot.pause()
    return None


async def _promote(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("d", "p")
    await wait_for(pilot, lambda: bool(app.screen.query("#dialog")))
    await pilot.pause()
    return app.screen.query_one("#dialog").region


async def _dialog(app: HallwayApp, pilot: Pilot[None], *keys: str) -> Region | None:
    # Only the dialog: the screen behind a modal is dimmed on purpose.
    await pilot.press(*keys)
    await wait_for(pilot, lambda: bool(app.screen.query("#dialog")))
    await pilot.pause()
    return app.screen.query_one("#dialog").region


async def _person_edit(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    return await _dialog(app, pilot, "j", "j", "enter")


async def _contact_note(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    # The note dialog whose field says ctrl+e opens the editor.
    return await _dialog(app, pilot, "c", "t")


async def _snooze(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    return await _dialog(app, pilot, "c", "z")


async def _help(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: bool(app.screen.query("#help-box")))
    await pilot.pause()
    return app.screen.query_one("#help-box").region


async def _search(app: HallwayApp, pilot: Pilot[None]) -> Region | None:
    await pilot.press("slash", *"sourdough")
    await pilot.pause(0.3)
    return None


SCENES: dict[str, Scene] = {
    "live": _live,
    "live-note": _live_note,
    "events": _events,
    "contacts": _contacts,
    "debrief": _debrief,
    "promote": _promote,
    "person-edit": _person_edit,
    "contact-note": _contact_note,
    "snooze": _snooze,
    "help": _help,
    "search": _search,
}


@pytest.fixture
def rich_store(live_store: Store) -> Store:
    """The live event, with Maya a contact: interactions, give-and-take, a done promise."""
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    contact = debrief.promote(live_store, maya.id)
    contacts.log_interaction(live_store, contact.id, "coffee", "talked sourdough starters")
    contacts.add_give_take(live_store, contact.id, "you offered", "my focaccia recipe")
    zoe = next(e for e in live_store.encounters() if e.name == "Zoë Ångström")
    other = debrief.promote(live_store, zoe.id, cadence_days=21)
    live_store.update_contact(
        other.id, lambda c: setattr(c, "last_touch", START - timedelta(days=100))
    )
    return live_store


@pytest.mark.parametrize("scene", SCENES)
async def test_text_keeps_its_contrast_on_every_builtin_theme(
    rich_store: Store, scene: str
) -> None:
    failures: list[str] = []
    async with run_hallway(rich_store, poll_interval=60) as (app, pilot):
        for field in app.query(Input):
            field.cursor_blink = False
        region = await SCENES[scene](app, pilot)
        # The same screen in each theme in turn: what is drawn must follow each change.
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            drawn = drawn_text(app, region)
            assert drawn, "nothing measured"
            failures += [f"{theme}: {run}" for run in drawn if _fails(run)]
    assert not failures, "\n".join(failures)


async def test_the_command_palette_keeps_its_contrast_on_every_builtin_theme(
    live_store: Store,
) -> None:
    """Textual's palette, where themes are chosen, in Hallway's colours: commands, their help
    text, the highlighted one, what is typed. Opened afresh in each theme (an open palette
    keeps the colours it opened with)."""
    failures: list[str] = []
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            app.screen.query_one(CommandInput).cursor_blink = False
            await pilot.press(*"th")
            await wait_for(pilot, lambda: "Change the current theme" in palette_text(app))
            await pilot.pause()
            typed = app.screen.query_one(CommandInput).region
            region = typed.union(app.screen.query_one(CommandList).region)
            drawn = drawn_text(app, region)
            assert any("Change the current theme" in run.text for run in drawn), theme
            failures += [f"{theme}: {run}" for run in drawn if _fails(run)]
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
    assert not failures, "\n".join(failures)


def _fails(run: Drawn) -> bool:
    return run.ratio < NEEDED
