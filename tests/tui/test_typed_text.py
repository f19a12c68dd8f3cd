"""Typed text is text: markup and escape sequences show literally; odd names keep the layout."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from hallway.store.db import Store
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.capture import CaptureBar
from hallway.widgets.notes import NotesPane
from hallway.widgets.people import PeopleList
from tests.clock import Clock
from tests.tui.tui_helpers import palette_text, rendered, run_hallway, wait_for

HOSTILE_NAME = "[bold]Mallory[/] [link=https://x.test]me[/link] [@click=app.quit]go[/]"
ESCAPES = "\x1b[31mred\x1b]0;owned\x07 \x9b2J"


@pytest.fixture
def hostile_store(store: Store) -> Store:
    event = store.create_event("[blink]Evil[/] \x1b]0;title\x07 Con", live=True)
    person = store.capture(f"{HOSTILE_NAME} #chaos -- {ESCAPES}", event.id)
    store.add_note(person.id, "[@click=app.quit]click me[/] and \x1b[2J clear")
    return store


def _no_escape_bytes(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


async def test_markup_and_escapes_in_names_and_notes_render_literally(
    hostile_store: Store,
) -> None:
    async with run_hallway(hostile_store) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        people = rendered(screen.query_one(PeopleList))
        assert "[bold]Mallory[/] [link=https" in people  # the row ends in an ellipsis
        notes = rendered(screen.query_one("#notes-body"))
        assert HOSTILE_NAME in screen.query_one(NotesPane).text
        assert "[link=https://x.test]me[/link]" in notes and "[@click=app.quit]go[/]" in notes
        assert "[@click=app.quit]click me[/]" in notes
        assert "␛[31mred" in notes and "␛[2J" in notes
        top = rendered(screen.query_one("#topbar-title"))
        assert "[blink]Evil[/]" in top
        for text in (people, notes, top):
            _no_escape_bytes(text)
        # Clicking on the [@click=app.quit] text does nothing: the app keeps running.
        await pilot.click(PeopleList, offset=(30, 0))
        await pilot.pause()
        assert app.is_running
        await pilot.press("t")
        prompt = rendered(screen.query_one("#capture-prompt"))
        assert "Note for [bold]Mallory[/]" in prompt
        _no_escape_bytes(prompt)


async def test_a_refused_line_quoting_markup_is_shown_literally(store: Store) -> None:
    store.create_event("Meetup", live=True)
    async with run_hallway(store) as (app, pilot):
        await pilot.press("n", *"Ann #jazz [bold]and[/] more", "enter")
        await pilot.pause()
        bar = app.screen.query_one(CaptureBar)
        assert bar.value == "Ann #jazz [bold]and[/] more"
        assert "[bold]and[/] more" in rendered(bar.query_one("#capture-hint"))


async def test_palette_shows_hostile_names_literally(hostile_store: Store) -> None:
    async with run_hallway(hostile_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"mallory")

        await wait_for(pilot, lambda: "[bold]Mallory[/]" in palette_text(app))
        _no_escape_bytes(palette_text(app))
        assert "Evil" in palette_text(app)  # the event name in the hit's help line


ODD_NAMES = [
    "Wolfgang Amadeus Theophilus " * 6 + "Mozart",
    "Ana 👩🏽‍💻🎷🇧🇷 Souza",
    "李雷 韩梅梅 王小明 张伟 刘洋 陈静 杨帆 赵磊 黄丽 周杰 吴敏",
    "محمد بن عبد الله الفلاني",
    "שרה לוי",
    "Zoë Ångström",
]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_layout_holds_with_huge_emoji_cjk_rtl_names(
    store: Store, fixed_clock: Clock, size: tuple[int, int]
) -> None:
    event = store.create_event("A very long event name " * 8, "somewhere far " * 6, live=True)
    for minutes, name in enumerate(ODD_NAMES):
        fixed_clock.advance(minutes=minutes)
        person = store.capture(f"{name} #{'long-topic-' * 5}end", event.id)
        store.add_note(person.id, "a note that goes on " * 40 + "🎉 終わり نهاية")
    async with run_hallway(store, size=size) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        people = screen.query_one(PeopleList)
        lines = rendered(people).splitlines()
        # Two lines per person, none wrapped: long names end in an ellipsis.
        assert any(line.rstrip().endswith("…") for line in lines)
        assert len([line for line in lines if line.strip()]) == 2 * len(ODD_NAMES)
        seen = set()
        for _ in ODD_NAMES:
            notes = screen.query_one(NotesPane)
            assert notes.region.right <= size[0]
            assert "終わり" in notes.text
            assert screen.selected is not None
            seen.add(screen.selected.name)
            await pilot.press("j")
            await pilot.pause()
        assert len(seen) == len(ODD_NAMES)
        # Panes keep their place: the people list and notes stay side by side on screen.
        assert people.region.right <= screen.query_one(NotesPane).region.x
        assert screen.query_one(CaptureBar).region.bottom <= size[1]


async def test_dialog_titles_show_names_literally(live_store: Store) -> None:
    from rich.text import Text
    from textual.containers import Vertical
    from textual.content import Content

    from hallway.tui.screens.choice import ChoiceModal

    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        title = "Note about [red]Zed[/red] [@click=app.quit]x[/]"
        app.push_screen(ChoiceModal(title, Text("about"), [("a", "a")], lambda *_: None))
        await wait_for(
            pilot, lambda: isinstance(app.screen, ChoiceModal) and bool(app.screen.query("#dialog"))
        )
        dialog = app.screen.query_one("#dialog", Vertical)
        assert Content.from_markup(str(dialog.border_title)).plain == title
