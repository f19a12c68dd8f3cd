"""Conversation circles on the screens (issue 10, point 18): who else was in the circle shows
in Notes, on the debrief card and in a contact's "how you met"; w writes one note to the whole
circle (t stays with the one selected); the bar names everyone a circle capture saved."""

from __future__ import annotations

from hallway.store.db import Store
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.card import EncounterCard
from hallway.widgets.contacts import ContactDetail
from hallway.widgets.notes import NotesPane
from tests.tui.tui_helpers import rendered, run_hallway, wait_for

CIRCLE = "Ana Lima + Ben Ortiz, designer @Fable + Cy Moss #surfing -- talked about Porto"


def notes(screen: LiveScreen) -> str:
    return screen.query_one(NotesPane).text


def by_name(store: Store) -> dict[str, int]:
    return {e.name: e.id for e in store.encounters()}


async def capture_circle(pilot, screen: LiveScreen) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    screen.capture_bar.input.value = CIRCLE
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Saved" in screen.capture_bar.hint)


async def test_a_circle_capture_names_everyone_and_notes_say_who_else_was_there(
    live_store: Store,
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await capture_circle(pilot, screen)
        assert screen.capture_bar.hint == (
            "Saved Ana Lima, Ben Ortiz and Cy Moss. n for the next person."
        )
        assert screen.selected is not None and screen.selected.name == "Ana Lima"
        assert "in a circle with Ben Ortiz and Cy Moss" in notes(screen)
        ids = by_name(live_store)
        assert sorted(live_store.encounter(ids["Ana Lima"]).circle) == sorted(
            [ids["Ben Ortiz"], ids["Cy Moss"]]
        )
        await pilot.press("k")  # Ben (the list is newest first; the circle in typed order)
        await pilot.pause()
        assert screen.selected.name == "Ben Ortiz"
        assert "in a circle with Ana Lima and Cy Moss" in notes(screen)
        # Tess talked with you alone: no circle, and no note for a circle to write.
        screen.select(ids["Tess Ng"])
        await pilot.pause()
        assert "circle" not in notes(screen)
        assert screen.check_action("add_circle_note", ()) is False
        # A removed person leaves the circle on screen too; u brings them back into it.
        screen.select(ids["Ben Ortiz"])
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: "u undoes" in screen.capture_bar.hint)
        screen.select(ids["Ana Lima"])
        await pilot.pause()
        assert "in a circle with Cy Moss" in notes(screen) and "Ben" not in notes(screen)
        await pilot.press("u")
        await wait_for(pilot, lambda: "is back" in screen.capture_bar.hint)
        screen.select(ids["Ana Lima"])
        await pilot.pause()
        assert "in a circle with Ben Ortiz and Cy Moss" in notes(screen)


async def test_w_writes_one_note_to_the_whole_circle_and_t_to_one(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await capture_circle(pilot, screen)
        bar = screen.capture_bar
        await pilot.press("w", *"planning a #porto trip in May")
        assert rendered(bar.query_one("#capture-prompt")).startswith("Note for Ana, Ben and Cy ›")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Note saved" in bar.hint)
        assert bar.hint == "Note saved for Ana, Ben and Cy."
        ids = by_name(live_store)
        for name in ("Ana Lima", "Ben Ortiz", "Cy Moss"):
            person = live_store.encounter(ids[name])
            assert person.notes[-1].text == "planning a #porto trip in May", name
            assert "porto" in person.topics, name
        assert "planning a #porto trip in May" in notes(screen)
        await pilot.press("k")  # Ben shows the circle's note too
        await pilot.pause()
        assert "planning a #porto trip in May" in notes(screen)
        # t stays with the one selected.
        await pilot.press("t", *"designs surf wax labels", "enter")
        await wait_for(pilot, lambda: "Note saved for Ben Ortiz." in bar.hint)
        assert live_store.encounter(ids["Ben Ortiz"]).notes[-1].text == "designs surf wax labels"
        for name in ("Ana Lima", "Cy Moss"):
            texts = [n.text for n in live_store.encounter(ids[name]).notes]
            assert "designs surf wax labels" not in texts
        # Escape keeps a circle note as a draft of its own: w brings it back, t does not.
        await pilot.press("w", *"all three surf at Nazaré")
        await pilot.press("escape")
        await pilot.pause()
        assert bar.hint.startswith("Kept your note for the circle: w goes on with it")
        await pilot.press("t")
        await pilot.pause()
        assert bar.value == ""
        await pilot.press("escape", "w")
        await pilot.pause()
        assert bar.value == "all three surf at Nazaré"


async def test_the_debrief_card_and_the_contact_say_who_else_was_in_the_circle(
    live_store: Store,
) -> None:
    live = live_store.live_event()
    assert live is not None
    live_store.capture_people(CIRCLE, live.id)
    ids = by_name(live_store)
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        while screen.current is not None and screen.current.name != "Ben Ortiz":
            await pilot.press("space")
        await pilot.pause()
        card = screen.query_one(EncounterCard).text
        assert "in a circle with Ana Lima and Cy Moss" in card
        # Promote Ben: his contact's "how you met" names the others.
        await pilot.press("p")
        await wait_for(pilot, lambda: not isinstance(app.screen, DebriefScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert live_store.encounter(ids["Ben Ortiz"]).status == "promoted"
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.pause()
        story = app.screen.query_one(ContactDetail).text
        assert "PyCon Berlin 2026 · 5 March · with Ana Lima and Cy Moss" in story
