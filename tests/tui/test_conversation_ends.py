"""Timers that behave (issue 10, point 2, on the screens): the Notes pane, the timer and the
debrief card say the same thing about when a conversation ended, by the store's one rule --
the next capture ends the one before, e ends the whole circle, thirty quiet minutes end it,
and an edit made while it goes on keeps it going."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from hallway.store.conversations import conversation_end, is_talking
from hallway.store.db import Store
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.person_edit import PersonEditModal
from hallway.widgets.card import EncounterCard
from hallway.widgets.notes import NotesPane
from hallway.widgets.timer import ConversationTimer
from tests.clock import START, Clock
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def shown(screen: LiveScreen) -> tuple[str, str]:
    """What the Notes pane and the timer say right now."""
    return screen.query_one(NotesPane).text, rendered(screen.query_one(ConversationTimer))


async def capture(pilot, screen: LiveScreen, line: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    screen.capture_bar.input.value = line
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Saved" in screen.capture_bar.hint)


async def test_the_next_capture_ends_the_conversation_before_it_everywhere(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()
        tess = screen.selected
        assert tess is not None and tess.name == "Tess Ng"
        notes, timer = shown(screen)
        assert "talking 5:00" in timer and "ended" not in notes  # met 10:25, it is 10:30
        await capture(pilot, screen, "Ana Lima #surfing")
        assert screen.selected is not None and screen.selected.name == "Ana Lima"
        fixed_clock.advance(minutes=3)
        await pilot.press("j")  # back to Tess
        await wait_for(pilot, lambda: screen.selected is not None and screen.selected.id == tess.id)
        notes, timer = shown(screen)
        assert "met 10:25 · ended 10:30" in notes
        assert "ended after 5:00" in timer and "talking" not in timer
        assert screen.check_action("end_conversation", ()) is False  # nothing to end
        # The store agrees, and so does the debrief card.
        stored = live_store.encounter(tess.id)
        assert conversation_end(stored, fixed_clock.at) == START + timedelta(minutes=30)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        while debrief.current is not None and debrief.current.id != tess.id:
            await pilot.press("space")
        await pilot.pause()
        assert "talked 5 min" in debrief.query_one(EncounterCard).text


async def test_e_ends_the_whole_circle_and_notes_say_so(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await capture(pilot, screen, "Ana Lima + Ben Ortiz #surfing")
        fixed_clock.advance(minutes=4)
        await pilot.press("e")
        await wait_for(pilot, lambda: "Ended your conversation" in screen.capture_bar.hint)
        ana, ben = (e for e in live_store.encounters() if e.name in ("Ana Lima", "Ben Ortiz"))
        assert ana.ended_at == ben.ended_at == START + timedelta(minutes=34)
        await pilot.press("k")  # the other one of the circle (Ben, listed above Ana)
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name in ("Ana Lima", "Ben Ortiz")
        notes, timer = shown(screen)
        assert "met 10:30 · ended 10:34" in notes and "ended after 4:00" in timer


async def test_a_quiet_conversation_ends_on_screen_at_its_last_activity_plus_30_minutes(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()
        assert "talking" in shown(screen)[1] and screen.check_action("end_conversation", ())
        fixed_clock.at = START + timedelta(minutes=25 + 31)  # Tess went quiet at 10:55
        await wait_for(pilot, lambda: "ended 10:55" in shown(screen)[0])  # the next tick
        assert "ended after 30:00" in shown(screen)[1]
        assert screen.check_action("end_conversation", ()) is False
        assert not is_talking(live_store.encounters()[0], fixed_clock.at)


async def test_an_edit_in_the_live_screen_keeps_the_conversation_going(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()
        tess = screen.selected
        assert tess is not None
        fixed_clock.at = START + timedelta(minutes=50)  # 25 quiet minutes with Tess
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonEditModal))
        app.screen.query_one("#field-role", Input).value = "jazz drummer"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert live_store.encounter(tess.id).active_at == START + timedelta(minutes=50)
        # 11:10: without the edit she would have gone quiet at 10:55.
        fixed_clock.at = START + timedelta(minutes=70)
        await pilot.pause(1.1)  # a tick of the timer
        notes, timer = shown(screen)
        assert "talking 45:00" in timer and "ended" not in notes
        assert is_talking(live_store.encounter(tess.id), fixed_clock.at)
