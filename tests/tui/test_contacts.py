"""Contacts, driven by keys: due order with gentle labels, the story, interaction (resets
the rhythm), give-and-take, snooze, note, follow-up done, edit; no counts anywhere."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from hallway.store import contacts, debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.choice import ChecklistModal, ChoiceModal, FieldsModal
from hallway.tui.screens.contacts import ContactsScreen
from hallway.widgets.contacts import ContactDetail, ContactList
from tests.clock import START
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


@pytest.fixture
def contacts_store(live_store: Store) -> Store:
    """Maya (met today, every 2 months) and Zoë (last in touch in November, overdue)."""
    by_name = {e.name: e for e in live_store.encounters()}
    debrief.promote(live_store, by_name["Maya Chen"].id)
    zoe = debrief.promote(live_store, by_name["Zoë Ångström"].id, cadence_days=21)
    live_store.update_contact(
        zoe.id, lambda c: setattr(c, "last_touch", START - timedelta(days=100))
    )
    contacts.edit_contact(live_store, zoe.id, email="zoe@example.org")
    return live_store


def contact_named(store: Store, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in store.contacts() if c.name == name)


async def open_contacts(app: HallwayApp, pilot) -> ContactsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("c")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


async def test_due_first_with_gentle_labels_and_the_whole_story(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        rows = rendered(screen.query_one(ContactList)).splitlines()
        assert "Zoë Ångström" in rows[0] and "a while since November 2025" in rows[1]
        assert "Maya Chen" in rows[2] and "in touch recently" in rows[3]
        story = screen.query_one(ContactDetail).text
        for part in (
            "How you met",
            "PyCon Berlin 2026 · 5 March",
            "#bouldering",
            "keep in touch every 3 weeks",
            "email  zoe@example.org",
            "Give and take",
            "Interactions",
        ):
            assert part in story, part
        # Never a count, a score or a rank: the only digits are dates.
        whole = rendered(screen)
        assert not re.search(r"\b\d+ (contacts|people)\b", whole)
        assert "#1" not in whole and "score" not in whole.lower()


async def test_i_logs_a_coffee_and_resets_the_rhythm(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("tab", *"climbing plans", "enter")  # coffee is the first kind
        await pilot.pause()
        assert app.screen is screen
        zoe = contact_named(contacts_store, "Zoë Ångström")
        assert [(i.kind, i.note) for i in zoe.interactions] == [("coffee", "climbing plans")]
        assert zoe.last_touch == START + timedelta(minutes=30)
        assert zoe.next_due == (START + timedelta(days=21)).date()
        assert "coffee — climbing plans" in screen.query_one(ContactDetail).text
        # Zoë is no longer overdue: Maya (met earlier today, every 2 months) is still later.
        rows = rendered(screen.query_one(ContactList)).splitlines()
        assert "Zoë Ångström" in rows[0] and "in touch recently" in rows[1]


async def test_g_adds_give_and_take_as_a_timeline(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("g", "enter")  # nothing written: refused, dialog stays
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "Write what was offered" in rendered(app.screen.query_one("#dialog-error"))
        await pilot.press("down", "tab", *"a [bold]route[/] tip", "enter")
        await pilot.pause()
        [entry] = contact_named(contacts_store, "Zoë Ångström").give_take
        assert (entry.direction, entry.text) == ("received", "a [bold]route[/] tip")
        body = rendered(screen.query_one("#contact-body"))
        assert "they offered: a [bold]route[/] tip" in body
        # An entry that starts with what was done reads after who did it, the verb once.
        await pilot.press("g", "down", "tab", *"offered an intro to Sven", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        body = rendered(screen.query_one("#contact-body"))
        assert "they offered an intro to Sven" in body
        assert "offered: offered" not in body and "offered offered" not in body
        await pilot.press("g", "tab", *"Sent my focaccia recipe", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "you sent my focaccia recipe" in rendered(screen.query_one("#contact-body"))


async def test_z_snoozes_and_wakes(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("z", "down", "enter")  # two weeks
        await pilot.pause()
        zoe = contact_named(contacts_store, "Zoë Ångström")
        assert zoe.snoozed_until == (START + timedelta(days=14)).date()
        assert "snoozed until 19 March" in rendered(screen.query_one(ContactList))
        # Snoozed Zoë now sorts after Maya; put the cursor back on her and wake her.
        screen.select(zoe.id)
        await pilot.pause()
        await pilot.press("z", "enter")  # "wake now" comes first when snoozed
        await pilot.pause()
        assert contact_named(contacts_store, "Zoë Ångström").snoozed_until is None


async def test_a_snooze_before_the_catch_up_is_due_still_holds_it_off(
    contacts_store: Store,
) -> None:
    # Tess, promoted today with a three-week rhythm, is due on 26 March. Snoozing her for two
    # weeks used to end on 19 March, before she was due: the list and story showed no trace.
    tess = next(e for e in contacts_store.encounters() if e.name == "Tess Ng")
    debrief.promote(contacts_store, tess.id, cadence_days=21)
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        screen.select(contact_named(contacts_store, "Tess Ng").id)
        await pilot.pause()
        rows = rendered(screen.query_one(ContactList)).splitlines()
        assert "Tess Ng" in rows[2] and "in touch recently" in rows[3]
        await pilot.press("z")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.pause()
        about = rendered(app.screen.query_one("#choice-about"))
        assert "next catch-up 26 March; hold it off by" in about
        assert "two weeks (until 9 April)" in rendered(app.screen.query_one("#choice-list"))
        await pilot.press("down", "enter")  # two weeks
        await wait_for(pilot, lambda: app.screen is screen)
        assert contact_named(contacts_store, "Tess Ng").snoozed_until == date(2026, 4, 9)
        rows = rendered(screen.query_one(ContactList)).splitlines()
        assert "Tess Ng" in rows[2] and "snoozed until 9 April" in rows[3]
        story = screen.query_one(ContactDetail).text
        assert "snoozed until 9 April · keep in touch every 3 weeks" in story
        # Three months more: past Maya's catch-up (4 May), so Tess now comes after her.
        await pilot.press("z")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("down", "down", "down", "down", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert contact_named(contacts_store, "Tess Ng").snoozed_until == date(2026, 7, 9)
        rows = rendered(screen.query_one(ContactList)).splitlines()
        assert "Maya Chen" in rows[2] and "Tess Ng" in rows[4]
        assert "snoozed until 9 July" in rows[5]


def interests_part(story: str) -> str:
    """The story's interests, from their heading to the next heading."""
    start = min(
        (story.index(h) for h in ("Interests you share", "Their interests") if h in story),
        default=-1,
    )
    assert start >= 0, story
    return story[start : story.index("\n\nInteractions", start)]


async def test_y_marks_their_interests_as_yours_and_only_those_read_as_shared(
    contacts_store: Store,
) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        assert screen.selected is not None and screen.selected.name == "Zoë Ångström"
        part = interests_part(screen.query_one(ContactDetail).text)
        # Bouldering is what *she* talked about: not shared until you say it is yours too.
        assert part.startswith("Their interests\n#bouldering")
        assert "share" not in part.replace("y marks the ones you share", "")
        assert "Shared interests" not in screen.query_one(ContactDetail).text
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistModal))
        assert "#bouldering" in rendered(app.screen.query_one("#checklist"))
        await pilot.press("space", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert contacts_store.profile().topics == ["bouldering"]
        part = interests_part(screen.query_one(ContactDetail).text)
        assert part == "Interests you share\n#bouldering"  # nothing of hers alone left
        # Maya: one of hers is yours, the other hers alone.
        screen.select(contact_named(contacts_store, "Maya Chen").id)
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistModal))
        await pilot.press("space", "enter")  # #sourdough, her first topic
        await wait_for(pilot, lambda: app.screen is screen)
        assert contacts_store.profile().topics == ["bouldering", "sourdough"]
        part = interests_part(screen.query_one(ContactDetail).text)
        assert part == "Interests you share\n#sourdough\n\nTheir interests\n#baby-sitters-club"
        # Unticking gives it back to her alone.
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistModal))
        await pilot.press("space", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert contacts_store.profile().topics == ["bouldering"]
        part = interests_part(screen.query_one(ContactDetail).text)
        assert part.startswith("Their interests\n#sourdough  #baby-sitters-club")


async def test_t_adds_a_note_whose_tags_become_interests(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("t", *"training for #ultramarathons", "enter")
        await pilot.pause()
        zoe = contact_named(contacts_store, "Zoë Ångström")
        assert zoe.notes[-1].text == "training for #ultramarathons"
        assert "ultramarathons" in zoe.topics
        assert "#ultramarathons" in screen.query_one(ContactDetail).text


async def test_f_marks_a_follow_up_done_and_open_again(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("j")  # Maya, who was promised the focaccia recipe
        await pilot.pause()
        maya = contact_named(contacts_store, "Maya Chen")
        await pilot.press("f", "space", "enter")
        await pilot.pause()
        encounter = contacts_store.encounter(maya.encounter_ids[0])
        assert encounter.follow_ups[0].done
        assert "✓ send focaccia recipe" in screen.query_one(ContactDetail).text
        await pilot.press("f", "space", "enter")
        await pilot.pause()
        assert not contacts_store.encounter(maya.encounter_ids[0]).follow_ups[0].done


async def test_f_marks_several_follow_ups_in_one_go_with_one_hint(contacts_store: Store) -> None:
    maya = contact_named(contacts_store, "Maya Chen")
    met = maya.encounter_ids[0]
    contacts_store.add_follow_up(met, "intro to the bakery owner")
    contacts_store.add_follow_up(met, "send the starter jar")
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("j", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistModal))
        await pilot.pause()
        modal = app.screen
        words = "\n".join(rendered(part) for part in modal.query("#dialog > *"))
        # One way to do it, said once: no "enter marks done" next to "enter saves".
        assert "space marks done or open · enter saves · esc cancels" in words
        assert "enter marks done" not in words
        await pilot.press("space", "down", "down", "space", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        promises = contacts_store.encounter(met).follow_ups
        assert [(p.text, p.done) for p in promises] == [
            ("send focaccia recipe", True),
            ("intro to the bakery owner", False),
            ("send the starter jar", True),
        ]
        story = screen.query_one(ContactDetail).text
        assert "✓ send focaccia recipe" in story and "✓ send the starter jar" in story
        assert "⚑ intro to the bakery owner" in story
        # Enter with nothing changed saves nothing and closes.
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistModal))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert contacts_store.encounter(met).follow_ups == promises


async def test_enter_edits_fields_and_explains_a_refusal(contacts_store: Store) -> None:
    async with run_hallway(contacts_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FieldsModal)
        assert modal.values()["cadence_days"] == "3 weeks"
        modal.query_one("#field-email").value = "not an address"  # type: ignore[attr-defined]
        modal.query_one("#field-cadence_days").value = "6 months"  # type: ignore[attr-defined]
        await pilot.press("enter")
        error = modal.query_one("#dialog-error")
        await wait_for(pilot, lambda: "does not look like an e-mail" in rendered(error))
        assert app.screen is modal
        modal.query_one("#field-email").value = "zoe@example.com"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        zoe = contact_named(contacts_store, "Zoë Ångström")
        assert (zoe.channels.email, zoe.cadence_days) == ("zoe@example.com", 182)


async def test_no_contacts_says_how_to_get_some(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = await open_contacts(app, pilot)
        assert "Debrief an event" in rendered(screen.query_one("#contacts-empty"))
        for action in ("log_interaction", "give_take", "snooze", "edit"):
            assert screen.check_action(action, ()) is False
        await pilot.press("i", "g", "z")
        assert app.screen is screen
