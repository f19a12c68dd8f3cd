"""An event that is not live never takes a new person silently: the app asks first
("Add Nadia Kim to DevConf Brno, which ended yesterday?") and keeps the line either way."""

from __future__ import annotations

from datetime import timedelta

from hallway.store.db import Store
from hallway.tui.messages import OpenEvent
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.modals import ConfirmModal
from hallway.widgets.capture import CaptureBar
from tests.clock import START, Clock
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


async def test_adding_to_an_ended_event_asks_first(live_store: Store, fixed_clock: Clock) -> None:
    fixed_clock.at = START - timedelta(days=1)
    brno = live_store.create_event("DevConf Brno", "Brno", starts=START - timedelta(days=3))
    live_store.end_event(brno.id)
    fixed_clock.at = START + timedelta(minutes=30)
    async with run_hallway(live_store) as (app, pilot):
        app.post_message(OpenEvent(brno.id))
        await wait_for(
            pilot, lambda: isinstance(app.screen, LiveScreen) and app.screen.event_id == brno.id
        )
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        bar = screen.query_one(CaptureBar)
        await pilot.press("n", *"Nadia Kim @Red Hat #podman", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.pause()
        question = "\n".join(
            rendered(part) for part in app.screen.query("#dialog Static, #dialog Button")
        )
        assert "Add Nadia Kim to DevConf Brno, which ended yesterday?" in question
        assert "Add to DevConf Brno" in question and "Not now" in question
        await pilot.press("n")  # no: nothing is added, the line stays, and the bar says why
        await wait_for(pilot, lambda: app.screen is screen)
        assert live_store.encounters(brno.id) == []
        assert bar.value == "Nadia Kim @Red Hat #podman"
        assert "Not added: DevConf Brno ended yesterday" in bar.hint
        await pilot.press("enter")  # asks again
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(live_store.encounters(brno.id)))
        [nadia] = live_store.encounters(brno.id)
        assert (nadia.name, nadia.org, nadia.topics) == ("Nadia Kim", "Red Hat", ["podman"])
        assert "Saved Nadia Kim" in bar.hint
        # Asked once per visit: the next forgotten person goes straight in.
        await pilot.press("n", *"Ota Novak", "enter")
        await wait_for(pilot, lambda: len(live_store.encounters(brno.id)) == 2)
        assert not isinstance(app.screen, ConfirmModal)
        # After a visit elsewhere, the question comes back.
        await pilot.press("c")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("n", *"Petr Dvorak", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")  # no
        await wait_for(pilot, lambda: app.screen is screen)
        assert len(live_store.encounters(brno.id)) == 2
        # The live event was never touched.
        live = live_store.live_event()
        assert live is not None and live.name == "PyCon Berlin 2026"
        assert "Nadia Kim" not in {e.name for e in live_store.encounters(live.id)}


async def test_a_line_without_a_name_is_refused_before_any_question(live_store: Store) -> None:
    past = next(e for e in live_store.events() if not e.live)
    async with run_hallway(live_store) as (app, pilot):
        app.post_message(OpenEvent(past.id))
        await wait_for(
            pilot, lambda: isinstance(app.screen, LiveScreen) and app.screen.event_id == past.id
        )
        await pilot.press("n", *"#chess only", "enter")
        bar = app.screen.query_one(CaptureBar)
        await wait_for(pilot, lambda: "Start with the person's name" in bar.hint)
        assert not isinstance(app.screen, ConfirmModal)
        # The past edition ended today: the question says so.
        await pilot.press("ctrl+u", *"Ana Lima", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.pause()
        question = "\n".join(
            rendered(part) for part in app.screen.query("#dialog Static, #dialog Button")
        )
        question = " ".join(question.split())
        assert "Add Ana Lima to PyCon Berlin 2025, which ended earlier today?" in question
