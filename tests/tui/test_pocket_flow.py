"""The evening in a pocket: capture -> note -> promise -> helper -> debrief -> promote, at every
supported size, once with taps alone (a tap on what the screen shows; text typed, as on a
phone's keyboard) and once with keys alone -- and a terminal resized mid-capture.

On a narrow terminal one pane is shown at a time, so each step also checks the pane the
person needs is the one shown: the People with a new person selected, the Notes as a note
is typed and once saved, the Helper with its new line (whole); the capture bar and the
selected person's name are on screen throughout.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from hallway.store.db import Store
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.promote import PromoteModal
from hallway.widgets.capture import CaptureBar
from hallway.widgets.footer import FooterItem
from hallway.widgets.helper import HelperPane
from tests.tui.screen_words import screen_text
from tests.tui.taps import shows, tap
from tests.tui.tui_helpers import run_hallway, wait_for

SIZES = [(40, 20), (45, 30), (100, 20), (80, 24), (120, 36)]
ANA = "Ana Lima, designer @Fable #surfing"
NOTE = "learning to surf in Peniche"
PROMISE = "send the Peniche surf camp link"


def sized(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def text_in(app: Any, widget: Any) -> str:
    """The words the screen shows inside ``widget`` (within its border and padding), lines
    joined by spaces."""
    region = widget.content_region
    lines = screen_text(app)[region.y : region.bottom]
    # Cells and characters line up here: the text checked is plain Latin.
    return " ".join(" ".join(line[region.x : region.right].split()) for line in lines)


def helper_line_whole(app: Any, screen: LiveScreen) -> bool:
    """Whether the helper's line is on screen from its first word to its last."""
    helper = screen.query_one(HelperPane)
    words = " ".join(helper.line.split())
    return bool(words) and words in text_in(app, helper)


def check_on_screen(app: Any, screen: LiveScreen) -> None:
    """What must always be on screen: the capture bar, and the selected person's name."""
    bar = screen.query_one(CaptureBar)
    width, height = app.size
    assert bar.display and bar.region.bottom <= height and bar.region.right <= width
    assert screen.selected is not None
    first = screen.selected.name.split()[0]
    assert shows(app, first), f"{screen.selected.name} is not on screen"


def check_pane(screen: LiveScreen, pane: str) -> None:
    """On a narrow terminal, ``pane`` is the one shown (side by side all are)."""
    if screen.narrow:
        assert screen.pane == pane
        container = screen.pane_container(pane)
        assert container.display and container.region.height > 2


async def tap_key(pilot: Pilot[Any], description: str) -> None:
    """Tap a footer key by what it does ("Note"), where the footer shows it."""
    app = pilot.app
    await wait_for(pilot, lambda: footer_shows(app, description))
    (item,) = [i for i in app.screen.query(FooterItem) if i.description == description]
    await tap(pilot, f"{item.shown.display} {description}", within=item.parent)  # type: ignore[arg-type]


async def tap_command(pilot: Pilot[Any], search: str, command: str) -> None:
    """Open the command palette with a tap on its footer key, type ``search``, tap ``command``."""
    await tap(pilot, "palette")
    await pilot.press(*search)
    await wait_for(pilot, lambda: shows(pilot.app, command))
    await tap(pilot, command)


def footer_shows(app: Any, description: str) -> bool:
    return any(item.description == description for item in app.screen.query(FooterItem))


@pytest.mark.parametrize("size", SIZES, ids=sized)
async def test_the_whole_evening_with_taps_alone(live_store: Store, size: tuple[int, int]) -> None:
    async with run_hallway(live_store, size=size, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        bar = screen.query_one(CaptureBar)
        # Capture: the footer's New, the line typed, the bar's Save.
        await tap_key(pilot, "New")
        assert app.focused is bar.input
        await pilot.press(*ANA)
        await tap(pilot, "Save", within=bar)
        await wait_for(pilot, lambda: "Saved Ana Lima" in bar.hint)
        assert screen.selected is not None and screen.selected.name == "Ana Lima"
        check_pane(screen, "people")
        check_on_screen(app, screen)
        # A note: the Notes are shown as it is typed, and with it once saved.
        await tap_key(pilot, "Note")
        await pilot.press(*NOTE)
        check_pane(screen, "notes")
        check_on_screen(app, screen)
        await tap(pilot, "Save", within=bar)
        await wait_for(pilot, lambda: "Note saved" in bar.hint)
        check_pane(screen, "notes")
        assert NOTE in text_in(app, screen.query_one("#notes"))
        # A promise, the same way.
        await tap_key(pilot, "Promise")
        await pilot.press(*PROMISE)
        check_pane(screen, "notes")
        await tap(pilot, "Save", within=bar)
        await wait_for(pilot, lambda: "Promise to Ana Lima saved" in bar.hint)
        check_on_screen(app, screen)
        # The helper: its pane's name and its asks on a narrow screen, the footer's keys
        # beside the other panes.
        helper = screen.query_one(HelperPane)
        if screen.narrow:
            await tap(pilot, "Helper", within=screen.switcher)
            check_pane(screen, "helper")
            await tap(pilot, "another starter")
            assert helper.mode == "starter"
            await tap(pilot, "a way to leave")
        else:
            await tap_key(pilot, "Keep going")
            assert helper.mode == "starter"
            await tap_key(pilot, "Leave")
        assert helper.mode == "exit"
        check_pane(screen, "helper")
        assert helper_line_whole(app, screen), helper.line
        check_on_screen(app, screen)
        # The debrief, from the palette; promote the first card, every 3 weeks.
        await tap_command(pilot, "debrief", "debrief: open")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.current is not None
        first = debrief.current
        await tap_key(pilot, "Promote")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        dialog = app.screen
        await tap(pilot, "every 3 weeks", within=dialog.query_one("#promote-rhythm"))
        await tap(pilot, "Promote", within=dialog.query_one("#dialog-buttons"))
        await wait_for(pilot, lambda: app.screen is debrief)
    (contact,) = live_store.contacts()
    assert contact.name == first.name and contact.cadence_days == 21
    (ana,) = [e for e in live_store.encounters() if e.name == "Ana Lima"]
    assert (ana.role, ana.org, ana.topics) == ("designer", "Fable", ["surfing"])
    assert [note.text for note in ana.notes] == [NOTE]
    assert [promise.text for promise in ana.follow_ups] == [PROMISE]


@pytest.mark.parametrize("size", SIZES, ids=sized)
async def test_the_whole_evening_with_keys_alone(live_store: Store, size: tuple[int, int]) -> None:
    async with run_hallway(live_store, size=size, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        bar = screen.query_one(CaptureBar)
        await pilot.press("n", *ANA, "enter")
        await wait_for(pilot, lambda: "Saved Ana Lima" in bar.hint)
        assert screen.selected is not None and screen.selected.name == "Ana Lima"
        check_pane(screen, "people")
        check_on_screen(app, screen)
        await pilot.press("t", *NOTE)
        check_pane(screen, "notes")
        check_on_screen(app, screen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Note saved" in bar.hint)
        check_pane(screen, "notes")
        assert NOTE in text_in(app, screen.query_one("#notes"))
        await pilot.press("f", *PROMISE)
        check_pane(screen, "notes")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Promise to Ana Lima saved" in bar.hint)
        helper = screen.query_one(HelperPane)
        await pilot.press("s")
        check_pane(screen, "helper")
        assert helper.mode == "starter" and helper_line_whole(app, screen), helper.line
        await pilot.press("l")
        assert helper.mode == "exit" and helper_line_whole(app, screen), helper.line
        check_on_screen(app, screen)
        # Back to the people with escape, and h shows every key (h again closes it).
        await pilot.press("escape")
        check_pane(screen, "people")
        await pilot.press("h")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press("h")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.current is not None
        first = debrief.current
        # Who: a new contact; tab to the rhythm, up to "every 3 weeks"; enter promotes.
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        await pilot.press("tab", "up", "enter")
        await wait_for(pilot, lambda: app.screen is debrief)
        assert debrief.current is not None and debrief.current.id != first.id
    (contact,) = live_store.contacts()
    assert contact.name == first.name and contact.cadence_days == 21
    (ana,) = [e for e in live_store.encounters() if e.name == "Ana Lima"]
    assert [note.text for note in ana.notes] == [NOTE]
    assert [promise.text for promise in ana.follow_ups] == [PROMISE]


async def test_a_resize_mid_capture_keeps_the_text_and_the_selection(live_store: Store) -> None:
    async with run_hallway(live_store, size=(120, 36), poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        bar = screen.query_one(CaptureBar)
        await pilot.press("j")  # Zoë
        assert screen.selected is not None and screen.selected.name == "Zoë Ångström"
        await pilot.press("t", *"bouldering in Font")
        assert not screen.narrow
        await pilot.resize_terminal(45, 30)
        await wait_for(pilot, lambda: screen.narrow)
        await pilot.pause()
        assert bar.value == "bouldering in Font" and app.focused is bar.input
        assert screen.selected.name == "Zoë Ångström"
        check_pane(screen, "notes")  # the note's person, as it is typed
        check_on_screen(app, screen)
        await pilot.press(*"ainebleau")
        await pilot.resize_terminal(120, 36)
        await wait_for(pilot, lambda: not screen.narrow)
        await pilot.pause()
        assert bar.value == "bouldering in Fontainebleau" and app.focused is bar.input
        assert screen.selected.name == "Zoë Ångström"
        assert screen.query_one("#people-box").display and screen.query_one("#notes").display
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Note saved for Zoë Ångström" in bar.hint)
    (zoe,) = [e for e in live_store.encounters() if e.name == "Zoë Ångström"]
    assert [note.text for note in zoe.notes] == ["bouldering in Fontainebleau"]


@pytest.mark.parametrize("size", [(40, 20), (100, 20)], ids=sized)
async def test_five_people_stay_in_view_while_the_bar_is_open(
    live_store: Store, size: tuple[int, int]
) -> None:
    for name in ("Ben Ortiz", "Cleo Park", "Dev Rao", "Eli Moss", "Fay Lund"):
        live_store.capture(name)
    async with run_hallway(live_store, size=size, poll_interval=60) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("n", *"Gus")
        people = screen.query_one("#people")
        for name in ("Fay Lund", "Eli Moss", "Dev Rao", "Cleo Park", "Ben Ortiz"):
            assert shows(app, name, within=people), name
        assert screen.query_one(CaptureBar).value == "Gus"
