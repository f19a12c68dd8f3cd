"""Odd stored data on screen (adversarial findings 5 and 11): a contact last in touch in year
9999 with a rhythm of 10**12 days opens Contacts, Events and the debrief without a crash; a
note of a megabyte is drawn shortened, with a line saying the full text is kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hallway.store import debrief
from hallway.store.db import Store
from hallway.store.records import Contact, Interaction, Note
from hallway.tui.app import HallwayApp
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.capture import CaptureBar
from hallway.widgets.card import EncounterCard
from hallway.widgets.contacts import ContactDetail
from hallway.widgets.notes import NotesPane
from hallway.widgets.text import LONG_TEXT_SHOWN, SHORTENED
from tests.tui.tui_helpers import wait_for

SIZE = (120, 36)
FAR = datetime(9999, 12, 31, 12, tzinfo=UTC)
# A pasted megabyte: its start is shown, its end only in the exports.
LONG = "START of the long note " + "lorem ipsum dolor sit amet\n" * 40_000 + "END of it"


def by_name(store: Store) -> dict[str, int]:
    return {e.name: e.id for e in store.encounters()}


@pytest.fixture
def far_store(live_store: Store) -> Store:
    """Maya is a contact whose last touch is in year 9999 and whose rhythm is 10**12 days."""
    maya = debrief.promote(live_store, by_name(live_store)["Maya Chen"])

    def odd(contact) -> None:  # type: ignore[no-untyped-def]
        contact.last_touch = FAR
        contact.cadence_days = 10**12

    live_store.update_contact(maya.id, odd)
    return live_store


async def test_contacts_events_and_debrief_open_with_far_future_data(far_store: Store) -> None:
    app = HallwayApp(far_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        story = app.screen.query_one(ContactDetail).text
        assert "Maya Chen" in story and "31 December 9999" in story
        for key, screen in (("v", EventsScreen), ("d", DebriefScreen)):
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
            await pilot.press(key)
            await wait_for(pilot, lambda screen=screen: isinstance(app.screen, screen))
        # Maya is decided; the debrief goes on with the next person met.
        assert "Zoë Ångström" in app.screen.query_one(EncounterCard).text


@pytest.fixture
def long_store(live_store: Store) -> Store:
    """Maya's encounter (still undecided), her contact, an interaction and a promise each
    hold a long text, as a database written before notes were capped may."""
    maya_id = by_name(live_store)["Maya Chen"]
    at = datetime(2026, 3, 5, 10, 5, tzinfo=UTC)
    contact = live_store.save_contact(
        Contact(
            name="Maya Chen",
            encounter_ids=[maya_id],
            notes=[Note(LONG, at)],
            interactions=[Interaction(at, "call", LONG)],
        )
    )

    def pasted(encounter) -> None:  # type: ignore[no-untyped-def]
        encounter.notes.append(Note(LONG, at))
        encounter.follow_ups[0].text = LONG
        encounter.contact_id = contact.id

    live_store.update_encounter(maya_id, pasted)
    return live_store


def assert_shortened(shown: str, copies: int) -> None:
    assert shown.count("START of the long note") == copies
    assert shown.count(SHORTENED) == copies
    assert "END of it" not in shown
    assert len(shown) < copies * (LONG_TEXT_SHOWN + 500) + 2_000


async def test_a_long_note_is_drawn_shortened_in_every_pane(long_store: Store) -> None:
    app = HallwayApp(long_store)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(NotesPane)
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: "Maya Chen" in pane.text)
        assert_shortened(pane.text, copies=2)  # the note and the promise
        assert "promised my focaccia recipe" in pane.text  # short notes stay whole

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert_shortened(app.screen.query_one(EncounterCard).text, copies=2)

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        # How you met (the encounter's note), her own note, the interaction, the promise.
        assert_shortened(app.screen.query_one(ContactDetail).text, copies=4)
    # Drawing shortened never changed what is kept.
    assert any(note.text == LONG for e in long_store.encounters() for note in e.notes)


async def test_a_pasted_note_too_long_to_keep_is_refused_and_stays_in_the_bar(
    live_store: Store,
) -> None:
    pasted = "x" * 100_001
    app = HallwayApp(live_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        bar = app.screen.query_one(CaptureBar)
        bar.input.value = pasted  # a paste arrives as one value, not 100,001 key presses
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: "Hallway keeps at most 100,000" in bar.hint)
        assert bar.hint == (
            "That note is 100,001 characters long; Hallway keeps at most 100,000 in one note. "
            "Nothing was saved: shorten it, or split it into several."
        )
        assert bar.value == pasted
        await pilot.press("backspace", "enter")  # one character less: now it fits
        await wait_for(pilot, lambda: bar.value == "")
    tess = next(e for e in live_store.encounters() if e.name == "Tess Ng")
    assert [len(n.text) for n in tess.notes] == [100_000]
