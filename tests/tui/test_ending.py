"""Ending things says what happened and what comes next: the end of a conversation with its
length, the end of an event with the debrief key (shown in the events screen's footer)."""

from __future__ import annotations

from hallway.store.db import Store
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.modals import ConfirmModal
from hallway.widgets.capture import CaptureBar
from hallway.widgets.events import EventList
from hallway.widgets.footer import HallwayFooter
from tests.clock import Clock
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def notified(app: object) -> str:
    return "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


async def test_e_says_whose_conversation_ended_and_how_long_it_was(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.pause()  # Tess, met at 10:25 and the newest: still talking at 10:30
        fixed_clock.advance(minutes=8)
        await pilot.press("e")
        await pilot.pause()
        hint = rendered(screen.query_one(CaptureBar).query_one("#capture-hint"))
        assert "Ended your conversation with Tess (13 min)." in hint
        tess = live_store.encounter(screen.selected.id)  # type: ignore[union-attr]
        assert tess.ended_at is not None and tess.name == "Tess Ng"
        await pilot.press("j", "j")  # Maya's conversation ended when Zoë's began: no e
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Maya Chen"
        assert screen.check_action("end_conversation", ()) is False


async def test_ending_an_event_suggests_the_debrief_and_d_opens_it(live_store: Store) -> None:
    live = live_store.live_event()
    assert live is not None
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, EventsScreen))
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        # The events screen's footer shows d.
        await pilot.pause()
        footer = screen.query_one(HallwayFooter)
        keys = " ".join(rendered(key) for key in footer.query("FooterItem"))
        assert "d Debrief" in keys, keys
        screen.event_list.highlighted = 1  # the past edition, not the live event
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert not live_store.event(live.id).live
        await wait_for(pilot, lambda: "Press d to debrief it" in notified(app))
        assert "PyCon Berlin 2026 has ended. Press d to debrief it" in notified(app)
        # The event just ended is the highlighted one, so d debriefs it.
        assert screen.event_list.selected_id == live.id
        assert "live" not in rendered(screen.query_one(EventList)).splitlines()[0]
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert app.screen.event_id == live.id  # type: ignore[attr-defined]


async def test_ending_the_event_from_the_live_screen_suggests_the_debrief(
    live_store: Store,
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        screen.action_end_live_event()  # as the palette's "event: end live event" does
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: "Press d to debrief it" in notified(app))
        assert live_store.live_event() is None
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert app.screen.event_id == screen.event_id  # type: ignore[attr-defined]
