"""Dates at the edges and long text (adversarial findings 5 and 11, the store's side).

Odd stored data (a last touch in year 9999, a rhythm of 10**12 days, written by an older
Hallway's import or by hand) never makes a rhythm computation overflow; typed dates beyond
the years Hallway keeps are refused with a plain message; a note longer than Hallway keeps
is refused before anything is saved.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hallway.store import contacts, debrief
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.records import LATEST_DAY, MAX_FIELD, MAX_NOTE, Contact, Encounter
from hallway.store.rhythm import (
    days_after,
    due_label,
    due_order,
    is_due_this_week,
    next_due,
    refresh_due,
)
from tests.clock import START, Clock

TODAY = START.date()
FAR = datetime(9999, 12, 31, 12, 0, tzinfo=UTC)


# -- rhythms never overflow -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_touch", "cadence", "due"),
    [
        (FAR, 60, date.max),
        (START, 10**12, date.max),
        (START, 999_999_999, date.max),
        (START, -(10**12), date.min),
        (datetime(1, 1, 1, tzinfo=UTC), -5, date.min),
        (START, 60, TODAY + timedelta(days=60)),  # ordinary data is unchanged
    ],
)
def test_next_due_holds_at_the_edges_instead_of_overflowing(
    last_touch: datetime, cadence: int, due: date
) -> None:
    odd = Contact(name="Odd Data", last_touch=last_touch, cadence_days=cadence)
    assert next_due(odd) == due
    refresh_due(odd)
    assert odd.next_due == due
    # Every reader of the due day copes: labels, order, "due this week".
    label = due_label(odd, TODAY)
    assert label and isinstance(is_due_this_week(odd, TODAY), bool)
    everyone = [odd, Contact(name="Ann", last_touch=START, cadence_days=21)]
    assert {c.name for c in due_order(everyone, TODAY)} == {"Odd Data", "Ann"}


def test_days_after_saturates_both_ways() -> None:
    assert days_after(date(2025, 1, 1), 31) == date(2025, 2, 1)
    assert days_after(date.max, 1) == date.max
    assert days_after(date.min, -1) == date.min
    assert days_after(date(2025, 1, 1), 10**15) == date.max


def test_promoting_into_a_contact_with_a_far_last_touch_works(store: Store, event_id: int) -> None:
    far = store.save_contact(Contact(name="Far Away", last_touch=FAR, cadence_days=10**12))
    met = store.capture("Far Away @Somewhere", event_id)
    promoted = debrief.promote(store, met.id, merge_into=far.id)
    assert promoted.next_due == date.max
    assert met.id in promoted.encounter_ids


# -- typed dates are bounded -----------------------------------------------------------------


def test_a_promise_by_year_9999_is_refused_and_nothing_saved(store: Store, event_id: int) -> None:
    met = store.capture("Maya Chen", event_id)
    with pytest.raises(HallwayError) as refused:
        store.add_follow_up(met.id, "send the recipe by 9999-12-31")
    assert str(refused.value) == (
        "31 December 9999 is outside the dates Hallway keeps (1 January 1900 to "
        "31 December 2200); nothing was saved. Pick a day in between for this promise."
    )
    with pytest.raises(HallwayError, match="1066 is outside the dates"):
        store.add_follow_up(met.id, "look at the tapestry by 1066-10-14")
    assert store.encounter(met.id).follow_ups == []
    kept = store.add_follow_up(met.id, "send the recipe by 2200-12-31")
    assert kept.follow_ups[0].due == LATEST_DAY


def test_a_snooze_past_the_last_day_is_refused(store: Store, event_id: int) -> None:
    contact = store.save_contact(Contact(name="Ann", last_touch=START))
    with pytest.raises(HallwayError, match="past 31 December 2200"):
        contacts.snooze(store, contact.id, until=date(9999, 12, 31))
    with pytest.raises(HallwayError, match="past 31 December 2200"):
        contacts.snooze(store, contact.id, days=10**12)
    assert store.contact(contact.id).snoozed_until is None
    assert contacts.snooze(store, contact.id, days=30).snoozed_until == TODAY + timedelta(30)


# -- long text -------------------------------------------------------------------------------


def test_a_note_longer_than_hallway_keeps_is_refused(store: Store, event_id: int) -> None:
    met = store.capture("Maya Chen", event_id)
    with pytest.raises(HallwayError) as refused:
        store.add_note(met.id, "x" * (MAX_NOTE + 1))
    assert str(refused.value) == (
        "That note is 100,001 characters long; Hallway keeps at most 100,000 in one note. "
        "Nothing was saved: shorten it, or split it into several."
    )
    with pytest.raises(HallwayError, match="That promise is 100,001 characters long"):
        store.add_follow_up(met.id, "y" * (MAX_NOTE + 1))
    assert store.encounter(met.id).notes == [] and store.encounter(met.id).follow_ups == []
    assert store.add_note(met.id, "z" * MAX_NOTE).notes[0].text == "z" * MAX_NOTE


def test_a_contacts_notes_and_entries_have_the_same_limit(store: Store, fixed_clock: Clock) -> None:
    contact = store.save_contact(Contact(name="Ann", last_touch=START))
    long = "w" * (MAX_NOTE + 1)
    with pytest.raises(HallwayError, match="That note is 100,001 characters long"):
        contacts.add_contact_note(store, contact.id, long)
    with pytest.raises(HallwayError, match="That note is 100,001 characters long"):
        contacts.log_interaction(store, contact.id, "coffee", long)
    with pytest.raises(HallwayError, match="That entry is 100,001 characters long"):
        contacts.add_give_take(store, contact.id, "gave", long)
    unchanged = store.contact(contact.id)
    assert (unchanged.notes, unchanged.interactions, unchanged.give_take) == ([], [], [])


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("name", "n" * (MAX_FIELD + 1), "That name is 2,001 characters long"),
        ("org", "o" * (MAX_FIELD + 1), "That organisation is 2,001 characters long"),
        ("email", "e" * MAX_FIELD + "@x.io", "That e-mail address is 2,005 characters long"),
        ("topics", ["t" * (MAX_FIELD + 1)], "That topic is 2,001 characters long"),
    ],
)
def test_an_edit_keeps_one_line_fields_importable(
    store: Store, field: str, value: object, words: str
) -> None:
    """What an edit saves, a JSON import of its export accepts (same limits)."""
    contact = store.save_contact(Contact(name="Ann"))
    with pytest.raises(HallwayError, match=words):
        contacts.edit_contact(store, contact.id, **{field: value})
    assert store.contact(contact.id).name == "Ann"


def test_odd_stored_data_still_loads(store: Store) -> None:
    """from_doc stays tolerant: a far date or odd rhythm in the database itself still opens."""
    saved = store.save_contact(Contact(name="Odd", last_touch=FAR, cadence_days=10**12))
    store.save_encounter(Encounter(event_id=1, name="Odd", met_at=FAR, contact_id=saved.id))
    assert store.contact(saved.id).last_touch == FAR
    assert [e.met_at for e in store.encounters()] == [FAR]
