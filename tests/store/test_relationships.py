"""Contact operations (interactions, give-and-take, notes, snooze, edit) on real databases."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from hallway.store.contacts import (
    add_contact_note,
    add_give_take,
    edit_contact,
    log_interaction,
    snooze,
    unsnooze,
)
from hallway.store.db import Store
from hallway.store.debrief import promote
from hallway.store.errors import HallwayError
from hallway.store.records import Channels
from tests.clock import Clock

START = datetime(2025, 6, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))
pytestmark = pytest.mark.clock(START)


def test_log_interaction_resets_the_rhythm_and_ends_a_snooze(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    contact = promote(store, store.capture("Ann Lee", event_id).id, cadence_days=21)
    snooze(store, contact.id, days=40)
    fixed_clock.advance(days=10)
    logged = log_interaction(store, contact.id, "Met again", "at the [bold]meetup[/bold]")
    assert logged.last_touch == fixed_clock.at
    assert logged.snoozed_until is None
    assert logged.next_due == fixed_clock.at.date() + timedelta(days=21)
    assert [(i.kind, i.note) for i in logged.interactions] == [
        ("met again", "at the [bold]meetup[/bold]")
    ]
    for kind in ("coffee", "call", "message"):
        fixed_clock.advance(days=1)
        assert log_interaction(store, contact.id, kind).last_touch == fixed_clock.at
    with pytest.raises(HallwayError, match="coffee, call, message, met again"):
        log_interaction(store, contact.id, "telepathy")


def test_snooze(store: Store, event_id: int, fixed_clock: Clock) -> None:
    contact = promote(store, store.capture("Ann Lee", event_id).id, cadence_days=21)
    today = fixed_clock.at.date()
    assert snooze(store, contact.id).snoozed_until == today + timedelta(days=7)
    held = snooze(store, contact.id, until=today + timedelta(days=50))
    assert held.next_due == today + timedelta(days=50)
    assert snooze(store, contact.id, days=30).next_due == today + timedelta(days=30)
    with pytest.raises(HallwayError, match="not both"):
        snooze(store, contact.id, until=today + timedelta(days=3), days=3)
    with pytest.raises(HallwayError, match="after today"):
        snooze(store, contact.id, until=today)
    with pytest.raises(HallwayError, match="at least one day"):
        snooze(store, contact.id, days=0)
    awake = unsnooze(store, contact.id)
    assert awake.snoozed_until is None
    assert awake.next_due == today + timedelta(days=21)


def test_give_and_take_is_a_timeline(store: Store, event_id: int, fixed_clock: Clock) -> None:
    contact = promote(store, store.capture("Ann Lee", event_id).id)
    add_give_take(store, contact.id, "you offered", "intro to Bo")
    fixed_clock.advance(days=3)
    after = add_give_take(store, contact.id, "they offered", "a sourdough starter")
    assert [(g.direction, g.text, g.at) for g in after.give_take] == [
        ("gave", "intro to Bo", START),
        ("received", "a sourdough starter", START + timedelta(days=3)),
    ]
    assert after.last_touch == contact.last_touch  # a log entry is not a catch-up
    with pytest.raises(HallwayError, match="who offered"):
        add_give_take(store, contact.id, "sideways", "x")
    with pytest.raises(HallwayError, match="what was offered"):
        add_give_take(store, contact.id, "gave", "  ")


def test_edit_contact(store: Store, event_id: int) -> None:
    contact = promote(store, store.capture("Ann Lee", event_id).id)
    edited = edit_contact(
        store,
        contact.id,
        name="  Ann   Lee-Smith ",
        org="Globex",
        topics=["#Chess", "go", "chess"],
        cadence_days="3 weeks",
        email="ann@example.org",
    )
    assert (edited.name, edited.org, edited.topics) == ("Ann Lee-Smith", "Globex", ["chess", "go"])
    assert edited.cadence_days == 21
    assert edited.next_due == edited.last_touch.date() + timedelta(days=21)  # type: ignore[union-attr]
    assert edited.channels.email == "ann@example.org"
    with_channels = edit_contact(store, contact.id, channels=Channels(phone="+49 30 1234"))
    assert with_channels.channels == Channels(phone="+49 30 1234")

    refusals: list[tuple[dict[str, Any], str]] = [
        ({"name": "   "}, "needs a name"),
        ({"topics": ["rock climbing"]}, "not a topic"),
        ({"cadence_days": "soon"}, "not a rhythm I understand"),
        ({"cadence_days": 0}, "between one day"),
        ({"email": "ann at example"}, "does not look like an e-mail"),
    ]
    for fields, message in refusals:
        with pytest.raises(HallwayError, match=message):
            edit_contact(store, contact.id, **fields)
    with pytest.raises(TypeError, match="cannot change id"):
        edit_contact(store, contact.id, id=5)
    assert store.contact(contact.id) == with_channels  # refused edits changed nothing


def test_contact_note_gathers_topics(store: Store, event_id: int) -> None:
    contact = promote(store, store.capture("Ann Lee #chess", event_id).id)
    noted = add_contact_note(store, contact.id, "Now into #bouldering and #chess")
    assert noted.topics == ["chess", "bouldering"]
    assert edit_contact(store, contact.id, topics=["#हिन्दी"]).topics == ["हिन्दी"]
    with pytest.raises(HallwayError, match="empty"):
        add_contact_note(store, contact.id, " ")


def test_names_with_markup_stay_literal(store: Store, event_id: int) -> None:
    met = store.capture("[bold]Ann[/bold] @[@click=quit]", event_id)
    contact = promote(store, met.id)
    assert (contact.name, contact.org) == ("[bold]Ann[/bold]", "[@click=quit]")
