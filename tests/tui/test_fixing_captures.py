"""Fixing a capture while live: enter opens the person (name, role, organisation, topics,
notes); x removes a capture made by mistake, durably, and u brings it back until the next."""

from __future__ import annotations

from textual.widgets import Input

from hallway.store import debrief
from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.person_edit import PersonEditModal
from hallway.widgets.capture import CaptureBar
from hallway.widgets.notes import NotesPane
from hallway.widgets.people import PeopleList
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def hint(screen: LiveScreen) -> str:
    return rendered(screen.query_one(CaptureBar).query_one("#capture-hint"))


async def open_editor(app, pilot) -> PersonEditModal:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PersonEditModal))
    await pilot.pause()
    assert isinstance(app.screen, PersonEditModal)
    return app.screen


async def test_enter_opens_the_person_and_saves_the_fixes(live_store: Store) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    noted = live_store.add_note(maya.id, "runs a suppper club")
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("j", "j")  # Maya
        modal = await open_editor(app, pilot)
        values = modal.values()
        assert values == {
            "name": "Maya Chen",
            "role": "data engineer",
            "org": "Acme",
            "topics": "#sourdough #baby-sitters-club",
            "note-0": "promised my focaccia recipe",
            "note-1": "runs a suppper club",
        }
        assert modal.query_one("#field-name", Input) is app.focused
        field = modal.query_one("#field-name", Input)
        field.value = "Maya Cheng"
        modal.query_one("#field-org", Input).value = "Acme Robotics"
        modal.query_one("#field-topics", Input).value = "#sourdough  climbing, #Jazz"
        modal.query_one("#field-note-1", Input).value = "runs a supper club"
        modal.query_one("#field-note-0", Input).value = ""  # removes that note
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        saved = live_store.encounter(maya.id)
        assert (saved.name, saved.role, saved.org) == (
            "Maya Cheng",
            "data engineer",
            "Acme Robotics",
        )
        assert saved.topics == ["sourdough", "climbing", "jazz"]
        assert [n.text for n in saved.notes] == ["runs a supper club"]
        assert saved.notes[0].at == noted.notes[1].at  # the note keeps its time
        assert saved.follow_ups == maya.follow_ups and saved.meaningful  # untouched
        shown = screen.query_one(NotesPane).text
        assert "Maya Cheng" in shown and "Acme Robotics" in shown and "#climbing" in shown
        assert "runs a supper club" in shown and "focaccia recipe" not in shown.split("Promises")[0]
        assert "Maya Cheng" in rendered(screen.query_one(PeopleList))
        assert "Saved Maya Cheng." in hint(screen)


async def test_a_bad_edit_is_explained_and_nothing_is_lost(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        before = live_store.encounters()
        modal = await open_editor(app, pilot)  # Tess
        modal.query_one("#field-name", Input).value = "   "
        modal.query_one("#field-topics", Input).value = "#jazz #late/night"
        await pilot.press("enter")
        error = modal.query_one("#dialog-error")
        await wait_for(pilot, lambda: "needs a name" in rendered(error))
        modal.query_one("#field-name", Input).value = "Tess Ng"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "is not a topic" in rendered(error))
        assert app.screen is modal
        assert modal.query_one("#field-topics", Input).value == "#jazz #late/night"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        assert live_store.encounters() == before


async def test_enter_in_the_bar_still_saves_the_line(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", *"Ann Lee", "enter")
        await wait_for(pilot, lambda: any(e.name == "Ann Lee" for e in live_store.encounters()))
        assert not isinstance(app.screen, PersonEditModal)


async def test_x_removes_a_mistaken_capture_and_u_brings_it_back(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("n", *"Tess Ng again by mistake", "enter")
        await wait_for(pilot, lambda: "Saved Tess Ng again" in hint(screen))
        mistake = screen.selected
        assert mistake is not None and mistake.name == "Tess Ng again by mistake"
        assert screen.check_action("undo_remove", ()) is False
        await pilot.press("x")
        await wait_for(pilot, lambda: "Removed Tess Ng again by mistake. u undoes." in hint(screen))
        # Removed durably, through the store; the list and search follow.
        try:
            live_store.encounter(mistake.id)
            raise AssertionError("still stored")
        except NotFound:
            pass
        assert "again by mistake" not in rendered(screen.query_one(PeopleList))
        await wait_for(pilot, lambda: app.search_index is not None)
        index = app.search_index
        assert index is not None
        assert not [hit for hit in index.search("mistake") if hit.id == mistake.id]
        # u brings the very same record back, with its id.
        await pilot.press("u")
        await wait_for(pilot, lambda: "is back" in hint(screen))
        assert live_store.encounter(mistake.id) == mistake
        assert screen.selected is not None and screen.selected.id == mistake.id
        assert "again by mistake" in rendered(screen.query_one(PeopleList))
        # Remove it again, then capture someone: the removal is final, u no longer applies.
        await pilot.press("x")
        await wait_for(pilot, lambda: "u undoes" in hint(screen))
        await pilot.press("n", *"Ravi Shankar", "enter")
        await wait_for(pilot, lambda: "Saved Ravi Shankar" in hint(screen))
        assert screen.check_action("undo_remove", ()) is False
        await pilot.press("u")
        await pilot.pause()
        try:
            live_store.encounter(mistake.id)
            raise AssertionError("came back after the next capture")
        except NotFound:
            pass


async def test_x_in_the_bar_is_a_letter_and_a_contact_is_not_removed(live_store: Store) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    debrief.promote(live_store, maya.id)
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("n", "x", "u")
        assert screen.query_one(CaptureBar).value == "xu"
        await pilot.press("ctrl+u", "escape", "j", "j", "x")  # Maya, a lasting contact now
        await wait_for(pilot, lambda: "is a lasting contact now" in hint(screen))
        assert live_store.encounter(maya.id).name == "Maya Chen"
