"""German promises in notes: recognised whatever language the app speaks, worded as German
reminders, dated by German due phrases (taken out of the text), and told apart as in English."""

from __future__ import annotations

from datetime import date

import pytest

from hallway.store.db import Store
from hallway.store.promises import promise_in, same_promise

TODAY = date(2026, 3, 5)  # a Thursday


@pytest.mark.parametrize(
    ("note", "reminder"),
    [
        ("Focaccia-Rezept versprochen", "Focaccia-Rezept an Maya schicken"),
        ("hab ihr mein Rezept versprochen", "Mein Rezept an Maya schicken"),
        ("habe versprochen, ihr die Folien zu schicken", "Die Folien an Maya schicken"),
        ("ich schicke ihr das Rezept", "Das Rezept an Maya schicken"),
        ("schick ich ihr den Link", "Den Link an Maya schicken"),
        ("ich werde ihr die Folien schicken", "Die Folien an Maya schicken"),
        ("muss ihr noch das Buch leihen", "Maya das Buch leihen"),
        ("ich maile ihr die Slides", "Die Slides an Maya mailen"),
        ("ich rufe sie an", "Maya anrufen"),
        ("schreibe ihr", "Maya schreiben"),
        ("Wir haben über Brot geredet, Rezept versprochen", "Rezept an Maya schicken"),
        (
            "Liebt Sauerteig. Ich schicke ihr das Focaccia-Rezept.",
            "Das Focaccia-Rezept an Maya schicken",
        ),
    ],
)
def test_a_german_promise_becomes_a_reminder(note: str, reminder: str) -> None:
    promise = promise_in(note, "Maya", TODAY)
    assert promise is not None
    assert promise.text == reminder
    assert promise.due == date(2026, 3, 8) and not promise.dated  # three days by default


@pytest.mark.parametrize(
    "note",
    [
        "sie hat versprochen, mir das Buch zu schicken",  # hers, not yours
        "er hat mir die Folien versprochen",
        "schicke ihr nicht das Rezept",  # a negative
        "ich schicke ihr kein Rezept",
        "ich schreibe Bücher",  # writing, but to nobody
        "Die Arbeit geht weiter",
        "Sie schickt mir ihre Folien",
    ],
)
def test_not_a_promise_of_yours(note: str) -> None:
    assert promise_in(note, "Maya", TODAY) is None


@pytest.mark.parametrize(
    ("note", "reminder", "due"),
    [
        ("schicke ihr bis Freitag das Rezept", "Das Rezept an Maya schicken", date(2026, 3, 6)),
        ("schick ich ihr morgen den Link", "Den Link an Maya schicken", date(2026, 3, 6)),
        ("ich maile ihr die Slides übermorgen", "Die Slides an Maya mailen", date(2026, 3, 7)),
        (
            "Ich schicke ihr das Rezept bis Ende des Monats.",
            "Das Rezept an Maya schicken",
            date(2026, 3, 31),
        ),
        ("bis Freitag das Rezept versprochen", "Das Rezept an Maya schicken", date(2026, 3, 6)),
    ],
)
def test_a_german_due_phrase_dates_the_promise(note: str, reminder: str, due: date) -> None:
    promise = promise_in(note, "Maya", TODAY)
    assert promise is not None
    assert (promise.text, promise.due, promise.dated) == (reminder, due, True)


def test_english_promises_are_worded_as_before() -> None:
    promise = promise_in("promised my focaccia recipe", "Maya", TODAY)
    assert promise is not None and promise.text == "Send Maya my focaccia recipe"
    assert promise_in("bring the wine", "Maya", TODAY) is None


def test_the_same_german_promise_said_twice() -> None:
    assert same_promise("Das Rezept an Maya schicken", "ihr das Rezept schicken", ["Maya"])
    assert not same_promise("Das Rezept an Maya schicken", "Die Folien an Maya schicken", ["Maya"])


def test_a_german_note_saves_its_promise(store: Store) -> None:
    event = store.create_event("Barcamp Zürich", "Zürich", live=True)
    lea = store.capture("Lea Wolf @Zeiss #chorsingen", event.id)
    saved = store.add_note(lea.id, "mag Chormusik, schicke ihr bis Freitag die Noten")
    assert [f.text for f in saved.follow_ups] == ["Die Noten an Lea schicken"]
