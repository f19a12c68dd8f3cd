"""The domain's words in German (issue 15): refusals, due labels and rhythms read naturally,
numbers are written the German way, rhythms typed in German are understood, and English stays
as it was."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import date

import pytest

from hallway.store import i18n
from hallway.store.capture_line import parse_capture, parse_circle
from hallway.store.db import Store
from hallway.store.errors import CaptureError, NotFound
from hallway.store.files import save_error
from hallway.store.records import MAX_NOTE, Contact, check_note_length
from hallway.store.rhythm import cadence_label, cadence_words, due_label, parse_cadence
from hallway.store.text import number
from tests.store.test_rhythm import TODAY, touched


@pytest.fixture
def german() -> Iterator[None]:
    with i18n.speaking("de"):
        yield


@pytest.mark.usefixtures("german")
def test_capture_refusals_in_german() -> None:
    with pytest.raises(CaptureError) as refused:
        parse_capture("@Acme #sauerteig")
    assert str(refused.value) == (
        "Am Anfang steht der Name der Person, "
        'z. B. "Maya Chen, Data Engineer @Acme #sauerteig -- Focaccia-Rezept versprochen".'
    )
    with pytest.raises(CaptureError, match=r"^Bitte nur eine @Firma pro Person \(gefunden: @A"):
        parse_capture("Ann @Acme @Fable")
    with pytest.raises(CaptureError, match=r"^Jede Person in einer Runde braucht einen Namen"):
        parse_circle("Ana +  + Ben, Designer")
    with pytest.raises(CaptureError, match=r"^\"und so\" nach #brot ist kein Thema\."):
        parse_capture("Ann #brot und so")


def test_long_texts_count_in_the_language_s_digits(german: None) -> None:
    assert number(12345) == "12.345"
    assert MAX_NOTE == 100_000
    with pytest.raises(Exception, match=r"^Die Notiz ist 100\.001 Zeichen lang; Hallway behält"):
        check_note_length("x" * (MAX_NOTE + 1), "note")
    with pytest.raises(Exception, match=r"^Das Versprechen ist 100\.001 Zeichen lang"):
        check_note_length("x" * (MAX_NOTE + 1), "promise")


def test_english_numbers_and_messages_are_unchanged() -> None:
    assert number(12345) == "12,345"
    with pytest.raises(Exception, match=r"^That note is 100,001 characters long; Hallway keeps"):
        check_note_length("x" * (MAX_NOTE + 1), "note")


@pytest.mark.parametrize(
    ("contact", "label"),
    [
        (Contact(name="New"), "noch nicht in Kontakt"),
        (touched(60), "heute fällig"),
        (touched(59), "morgen fällig"),
        (touched(55), "diese Woche fällig"),
        (touched(3), "kürzlich in Kontakt"),
        (touched(20), "nächster Kontakt um den 20. Juli"),
        (touched(70), "Kontakt fällig seit 31. Mai"),
        (touched(100), "zuletzt im März"),
        (touched(250), "zuletzt im Oktober 2024"),
        (touched(3, snoozed_until=date(2025, 9, 1)), "pausiert bis 1. September"),
        (touched(3, snoozed_until=date(2026, 1, 2)), "pausiert bis 2. Januar 2026"),
    ],
)
def test_due_labels_in_german(contact: Contact, label: str, german: None) -> None:
    assert due_label(contact, TODAY) == label


def test_rhythm_words_follow_the_language_and_read_back_in_either() -> None:
    every_day = range(1, 3651)
    # English: the screens' words are the config file's label, as before.
    assert all(cadence_words(days) == cadence_label(days) for days in every_day)
    with i18n.speaking("de"):
        assert [cadence_words(d) for d in (1, 7, 14, 21, 60, 182, 365, 45)] == [
            "jeden Tag",
            "jede Woche",
            "alle 2 Wochen",
            "alle 3 Wochen",
            "alle 2 Monate",
            "alle 6 Monate",
            "jährlich",
            "alle 45 Tage",
        ]
        for days in every_day:  # what a German screen shows, typed back, is the same rhythm
            if parse_cadence(cadence_label(days)) == days:
                assert parse_cadence(cadence_words(days)) == days, cadence_words(days)


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("alle 3 Wochen", 21),
        ("3 Wochen", 21),
        ("alle zwei Wochen", 14),
        ("14-tägig", 14),
        ("alle 2 Monate", 60),
        ("jeden Monat", 30),
        ("monatlich", 30),
        ("vierteljährlich", 91),
        ("halbjährlich", 182),
        ("jährlich", 365),
        ("jaehrlich", 365),
        ("einmal im Jahr", 365),
        ("wöchentlich", 7),
        ("alle 10 Tage", 10),
        ("every 2 months", 60),  # English, whatever the language
    ],
)
def test_german_rhythms_are_understood(typed: str, days: int) -> None:
    assert parse_cadence(typed) == days
    with i18n.speaking("de"):
        assert parse_cadence(typed) == days


def test_a_rhythm_refused_in_german_says_what_works(german: None) -> None:
    with pytest.raises(ValueError) as refused:
        parse_cadence("ab und zu")
    assert str(refused.value) == (
        '"ab und zu" ist kein Rhythmus, den Hallway versteht. '
        'Wie oft? Etwa "3 Wochen", "2 Monate", "jährlich" oder eine Zahl von Tagen.'
    )
    assert parse_cadence(str(refused.value).split('"')[3]) == 21  # the hint's example works


def test_store_refusals_in_german(store: Store, german: None) -> None:
    with pytest.raises(NotFound) as missing:
        store.contact(4711)
    assert str(missing.value) == "Kein Kontakt mit der Nummer 4711 (anderswo gelöscht?)"
    with pytest.raises(Exception, match=r"^Eine Veranstaltung braucht einen Namen"):
        store.create_event("  ")
    full = OSError(errno.ENOSPC, "No space left on device")
    assert str(save_error(full)) == (
        "Diese Änderung wurde nicht gespeichert, weil die Platte voll ist. Bitte Platz schaffen "
        "und es noch einmal versuchen. Alles vorher Gespeicherte ist sicher."
    )
