"""German due phrases (issue 15, point 4): recognised beside the English ones whatever language
Hallway speaks, and taken out of the promise's text with the words leading into them, as in
English. Today is Thursday 5 March 2026 throughout."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.due_dates import find_due, parse_due, without_due
from tests.clock import START

TODAY = START.date()  # Thursday 5 March 2026
FRIDAY = date(2026, 3, 6)
MONDAY = date(2026, 3, 9)
END_OF_MARCH = date(2026, 3, 31)
DEC_4 = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("typed", "text", "due"),
    [
        # today, tomorrow, the day after
        ("heute noch das Deck schicken", "noch das Deck schicken", TODAY),
        ("heute Abend anrufen", "anrufen", TODAY),
        ("morgen das Rezept schicken", "das Rezept schicken", TODAY + timedelta(days=1)),
        ("Morgen früh Kaffee", "Kaffee", TODAY + timedelta(days=1)),
        ("übermorgen Folien", "Folien", TODAY + timedelta(days=2)),
        ("uebermorgen Folien", "Folien", TODAY + timedelta(days=2)),
        # weekdays, with and without their lead-in words
        ("schicke ihr bis Freitag das Rezept", "schicke ihr das Rezept", FRIDAY),
        ("Rezept schicken, bis Freitag", "Rezept schicken", FRIDAY),
        ("am Montag Buchtipp", "Buchtipp", MONDAY),
        ("nächsten Montag vorstellen", "vorstellen", MONDAY),
        ("am nächsten Montag vorstellen", "vorstellen", MONDAY),
        ("kommenden Montag anrufen", "anrufen", MONDAY),
        ("naechsten Montag anrufen", "anrufen", MONDAY),
        ("Intro zu Sven Donnerstag", "Intro zu Sven", TODAY + timedelta(days=7)),
        ("Sonnabend Laufgruppe zeigen", "Laufgruppe zeigen", date(2026, 3, 7)),
        ("bis spätestens Montag: Angebot", "Angebot", MONDAY),
        ("Angebot bis Fr schicken", "Angebot schicken", FRIDAY),
        ("Angebot am Fr. schicken", "Angebot schicken", FRIDAY),
        ("bis Mo. das Video", "das Video", MONDAY),
        ("bis So. das Video", "das Video", date(2026, 3, 8)),
        ("nächsten Sa. Laufgruppe", "Laufgruppe", date(2026, 3, 7)),
        # weeks and months
        ("bis nächste Woche das Angebot", "das Angebot", TODAY + timedelta(days=7)),
        ("naechste Woche Kaffee mit Sam", "Kaffee mit Sam", TODAY + timedelta(days=7)),
        ("Kaffee nächster Woche", "Kaffee", TODAY + timedelta(days=7)),
        ("übernächste Woche Demo zeigen", "Demo zeigen", TODAY + timedelta(days=14)),
        ("nächsten Monat Fotos schicken", "Fotos schicken", date(2026, 4, 5)),
        ("in 3 Tagen nachhaken", "nachhaken", TODAY + timedelta(days=3)),
        ("in drei Tagen nachhaken", "nachhaken", TODAY + timedelta(days=3)),
        ("in einem Tag", "in einem Tag", TODAY + timedelta(days=1)),
        ("Fotos in 2 Wochen schicken", "Fotos schicken", TODAY + timedelta(days=14)),
        ("Fotos in zwei Wochen schicken", "Fotos schicken", TODAY + timedelta(days=14)),
        ("in einer Woche Buch leihen", "Buch leihen", TODAY + timedelta(days=7)),
        ("in einem Monat nachfragen", "nachfragen", date(2026, 4, 5)),
        ("innerhalb von zwei Monaten Bericht", "Bericht", date(2026, 5, 5)),
        ("in ein paar Tagen melden", "melden", TODAY + timedelta(days=3)),
        ("bis Ende der Woche Feedback", "Feedback", FRIDAY),
        ("bis Ende des Monats Rechnung", "Rechnung", END_OF_MARCH),
        ("Rechnung zum Monatsende", "Rechnung", END_OF_MARCH),
        ("Ende Monat Rechnung", "Rechnung", END_OF_MARCH),
        # dates
        ("Rezept bis 4.12.", "Rezept", DEC_4),
        ("bis 4.12.2026 Rechnung", "Rechnung", DEC_4),
        ("bis 04.12.26 Rechnung", "Rechnung", DEC_4),
        ("am 4. Dezember Kaffee", "Kaffee", DEC_4),
        ("bis zum 4. Dez. den Vortrag teilen", "den Vortrag teilen", DEC_4),
        ("Vortrag (bis 4. Dez.) teilen", "Vortrag teilen", DEC_4),
        ("12. Jänner Termin", "Termin", date(2027, 1, 12)),
        ("3. März Rückblick", "Rückblick", date(2027, 3, 3)),  # 3 March has passed
        ("5. Maerz Rückblick", "Rückblick", TODAY),  # today counts
        ("bis Freitag", "bis Freitag", FRIDAY),  # nothing else says what was promised
    ],
)
def test_german_due_words_set_the_date_and_leave_the_text(typed: str, text: str, due: date) -> None:
    found = find_due(typed, TODAY)
    assert found is not None, typed
    assert found.due == due, typed
    assert without_due(typed, found) == text


@pytest.mark.parametrize(
    "typed",
    [
        "I am so glad we met",  # "am so" is no Sunday
        "bis so gegen fünf melden",  # nor is "bis so"
        "do the intro",
        "3.5 kg Mehl mitbringen",  # a decimal is no date
        "Montagsmaler erklären",  # inside a word
        "Guten-Morgen-Gruß",
        "morgens laufen gehen",
        "Dienstags-Lauftreff zeigen",
        "die Woche war lang",
        "Mitte Jänner",
    ],
)
def test_words_that_only_look_like_dates_are_none(typed: str) -> None:
    assert find_due(typed, TODAY) is None


def test_end_of_the_week_late_in_the_week_is_sunday() -> None:
    saturday = date(2026, 3, 7)
    assert parse_due("Ende der Woche", FRIDAY) == date(2026, 3, 8)
    assert parse_due("Ende der Woche", saturday) == date(2026, 3, 8)
    assert parse_due("Ende dieser Woche", date(2026, 3, 8)) == date(2026, 3, 8)
    assert parse_due("Ende der Woche", MONDAY) == date(2026, 3, 13)


def test_a_date_that_does_not_exist_is_no_date() -> None:
    assert find_due("bis 31.2. melden", TODAY) is None
    assert find_due("bis 30.2.2026 melden", TODAY) is None
    assert parse_due("bis 29.2.", TODAY) == date(2028, 2, 29)


def test_the_earliest_phrase_wins_in_either_language() -> None:
    assert parse_due("morgen, spätestens Freitag", TODAY) == TODAY + timedelta(days=1)
    assert parse_due("Freitag or tomorrow", TODAY) == FRIDAY
    assert parse_due("tomorrow oder Freitag", TODAY) == TODAY + timedelta(days=1)


def test_german_is_read_whatever_language_hallway_speaks() -> None:
    english = find_due("schicke ihr bis Freitag das Rezept", TODAY)
    with i18n.speaking("de"):
        german = find_due("schicke ihr bis Freitag das Rezept", TODAY)
        assert find_due("send it by friday", TODAY) == find_due("send it by friday", TODAY)
        assert parse_due("send it by friday", TODAY) == FRIDAY
    assert english == german and english is not None and english.due == FRIDAY


def test_the_store_keeps_a_german_promise_without_its_date(store: Store) -> None:
    anna = store.capture("Anna Huber")
    anna = store.add_follow_up(anna.id, "schicke ihr bis Freitag das Rezept")
    assert [(f.text, f.due) for f in anna.follow_ups] == [("schicke ihr das Rezept", FRIDAY)]
