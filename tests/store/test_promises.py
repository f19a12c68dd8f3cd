"""Promises: a note that reads like one becomes a follow-up (issue 10, point 8), due words leave
the promise's text (point 9), and a promise is never repeated as a near-copy (point 1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hallway.store.db import Store
from hallway.store.debrief import draft_follow_up, open_promises, promote
from hallway.store.due_dates import find_due, without_due
from hallway.store.promises import promise_in, same_promise
from tests.clock import START, Clock

TODAY = START.date()  # Thursday 5 March 2026
FRIDAY = date(2026, 3, 6)
IN_THREE_DAYS = TODAY + timedelta(days=3)


# -- point 1: the promotion's draft sees the promises that exist -----------------------------


def test_the_issue_steps_leave_one_promise(store: Store, event_id: int) -> None:
    maya = store.capture("Maya Chen @Acme -- promised my focaccia recipe", event_id)
    store.add_follow_up(maya.id, "send her the focaccia recipe")
    maya = store.encounter(maya.id)
    assert draft_follow_up(maya) == ""  # nothing new to propose: the promise is open
    # Even a dialog that still offers the old draft adds no near-copy.
    contact = promote(store, maya.id, follow_up="Send Maya my focaccia recipe")
    promises = [f.text for f in open_promises(store, contact.id)]
    assert promises == ["send her the focaccia recipe"]


def test_the_draft_sees_the_promises_of_the_contact_it_joins(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    earlier = store.create_event("PyCon Berlin 2024", starts=START - timedelta(days=365))
    old = store.capture("Tess Ng @Acme", earlier.id)
    store.add_follow_up(old.id, "lend her my book about go")
    contact = promote(store, old.id)
    fixed_clock.advance(days=1)
    again = store.capture("Tess Ng @Acme #go", event_id)
    assert draft_follow_up(again) == "Message Tess about go"
    assert draft_follow_up(again, open_promises(store, contact.id)) == ""
    promote(store, again.id, merge_into=contact.id, follow_up="Lend Tess the go book")
    assert store.encounter(again.id).follow_ups == []  # the promise lives on, once


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("send her the focaccia recipe", "Send Maya my focaccia recipe"),
        ("Send Maya my focaccia recipe", "focaccia recipe"),
        ("intro to Sven", "Introduce Maya to Sven"),
        ("send the slides", "Send Maya the slides from my talk"),
        ("lend the book", "Send Maya a book"),
        ("Email Maya the paper", "e-mail her the papers"),
        ("call", "Call Maya"),
    ],
)
def test_the_same_promise_in_other_words(a: str, b: str) -> None:
    assert same_promise(a, b, ["Maya Chen"])
    assert same_promise(b, a, ["Maya Chen"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("send the slides", "send the photos"),
        ("Send Maya my focaccia recipe", "Message Maya about sourdough"),
        ("intro to Sven", "intro to Lisa"),
        ("book a table for lunch", "send the book"),
        ("send the recipe", "send the recipe, the starter, the flour and the banneton"),
    ],
)
def test_different_promises_stay_apart(a: str, b: str) -> None:
    assert not same_promise(a, b, ["Maya Chen"])


def test_a_repeated_promise_takes_the_newest_words_and_date(store: Store, event_id: int) -> None:
    maya = store.capture("Maya Chen", event_id)
    store.add_follow_up(maya.id, "Send Maya my focaccia recipe")
    store.add_follow_up(maya.id, "send her the focaccia recipe by friday")
    [promise] = store.encounter(maya.id).follow_ups
    assert (promise.text, promise.due) == ("send her the focaccia recipe", FRIDAY)
    store.add_follow_up(maya.id, "the focaccia recipe")  # no date: the day stays
    [promise] = store.encounter(maya.id).follow_ups
    assert (promise.text, promise.due) == ("the focaccia recipe", FRIDAY)
    store.set_follow_up_done(maya.id, 0)
    store.add_follow_up(maya.id, "send her the focaccia recipe")  # a kept promise is history
    assert len(store.encounter(maya.id).follow_ups) == 2


# -- point 8: a note that reads like a promise ------------------------------------------------


def test_the_readme_capture_makes_a_promise_and_keeps_the_note(store: Store, event_id: int) -> None:
    maya = store.capture(
        "Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe", event_id
    )
    assert [n.text for n in maya.notes] == ["promised my focaccia recipe"]
    assert [(f.text, f.due, f.done) for f in maya.follow_ups] == [
        ("Send Maya my focaccia recipe", IN_THREE_DAYS, False)
    ]


def test_a_note_that_reads_like_a_promise_gets_its_due_date(store: Store, event_id: int) -> None:
    ann = store.capture("Ann Lee", event_id)
    ann = store.add_note(ann.id, "Lovely chat. Will send her the slides by friday.")
    assert [n.text for n in ann.notes] == ["Lovely chat. Will send her the slides by friday."]
    assert [(f.text, f.due) for f in ann.follow_ups] == [("Send Ann the slides", FRIDAY)]
    # Said again in a later note, with a new day: one promise, the new day.
    ann = store.add_note(ann.id, "I'll send the slides tomorrow")
    assert [(f.text, f.due) for f in ann.follow_ups] == [
        ("Send Ann the slides", TODAY + timedelta(days=1))
    ]
    ann = store.add_note(ann.id, "I owe her a coffee")
    assert [f.text for f in ann.follow_ups] == ["Send Ann the slides", "I owe Ann a coffee"]


def test_notes_that_are_not_your_promises_stay_notes(store: Store, event_id: int) -> None:
    bo = store.capture("Bo Chen -- she promised herself a year off after the PhD", event_id)
    for note in (
        "Bo will send me her thesis",
        "I promised not to tell anyone about the new job",
        "Share prices were the talk of the table",
        "Call went well, apparently",
        "We laughed about the text editor wars",
        "owes me a beer",
    ):
        bo = store.add_note(bo.id, note)
    assert bo.follow_ups == []
    assert len(bo.notes) == 7


@pytest.mark.parametrize(
    ("note", "promise"),
    [
        ("promised my focaccia recipe", "Send Maya my focaccia recipe"),
        ("Chess nerd. Promised to send her the chess club link.", "Send Maya the chess club link"),
        ("I'll share the deck from my talk", "Share the deck from my talk with Maya"),
        ("will intro her to Dana from Acme", "Introduce Maya to Dana from Acme"),
        ("should email them the paper", "Email Maya the paper"),
        ("send slides", "Send Maya slides"),
        ("gonna text her the address", "Text Maya the address"),
        ("offered to review her talk", "Review Maya's talk"),
        ("we'll call her next week", "Call Maya"),
        ("promised an intro to Sven by friday", "Introduce Maya to Sven"),
        ("great talk, I promised Maya my notes", "Send Maya my notes"),
        ("I owe her a coffee", "I owe Maya a coffee"),
    ],
)
def test_promises_in_notes_read_as_reminders(note: str, promise: str) -> None:
    found = promise_in(note, "Maya", TODAY)
    assert found is not None and found.text == promise


@pytest.mark.parametrize(
    "note",
    [
        "she promised herself a holiday",
        "Maya will send me her slides",
        "Promised not to tell",
        "promised to be there",
        "I won't send anything",
        "Text editor wars",
        "her email is maya@example.org",
        "Sending love to the organisers",
        "will be in Lisbon next week",
        "They offered to help",
    ],
)
def test_other_notes_hold_no_promise(note: str) -> None:
    assert promise_in(note, "Maya", TODAY) is None


# -- point 9: due words leave the promise ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "text", "due"),
    [
        ("intro to Sven friday", "intro to Sven", FRIDAY),
        ("intro to Sven, by friday", "intro to Sven", FRIDAY),
        (
            "send the deck by friday so she can review it",
            "send the deck so she can review it",
            FRIDAY,
        ),
        ("Send slides by Friday.", "Send slides.", FRIDAY),
        ("send the deck by friday, then call", "send the deck, then call", FRIDAY),
        ("next friday: coffee", "coffee", date(2026, 3, 6)),
        ("coffee next week with Sam", "coffee with Sam", TODAY + timedelta(days=7)),
        ("send the photos in 2 weeks", "send the photos", TODAY + timedelta(days=14)),
        ("lend her my book before dec 3rd!", "lend her my book!", date(2026, 12, 3)),
        ("send the deck (by friday)", "send the deck", FRIDAY),
        ("by friday", "by friday", FRIDAY),  # nothing else says what was promised
    ],
)
def test_due_words_leave_the_text(typed: str, text: str, due: date) -> None:
    found = find_due(typed, TODAY)
    assert found is not None and found.due == due
    assert without_due(typed, found) == text


def test_the_store_keeps_the_promise_without_its_date(store: Store, event_id: int) -> None:
    maya = store.capture("Maya Chen", event_id)
    maya = store.add_follow_up(maya.id, "intro to Sven friday")
    assert [(f.text, f.due) for f in maya.follow_ups] == [("intro to Sven", FRIDAY)]
    # A day chosen apart from the text leaves the text as typed.
    maya = store.add_follow_up(maya.id, "coffee tomorrow", due=date(2026, 4, 1))
    assert (maya.follow_ups[1].text, maya.follow_ups[1].due) == (
        "coffee tomorrow",
        date(2026, 4, 1),
    )
