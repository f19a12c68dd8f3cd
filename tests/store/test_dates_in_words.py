"""Dates in words speak the language Hallway speaks (issue 15, point 4): German dates, weekdays
and due phrases from hand-written tables (never strftime's locale-dependent names), English
exactly as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from hallway.store import i18n
from hallway.store.text import (
    and_list,
    compact_day,
    due_words,
    format_day,
    human_date,
    month_name,
    short_date,
    weekday_name,
)

TODAY = date(2026, 3, 5)  # a Thursday


@pytest.fixture
def german() -> Iterator[None]:
    with i18n.speaking("de"):
        yield


def test_english_dates_are_as_before() -> None:
    assert human_date(date(2025, 5, 12)) == "Monday 12 May 2025"
    assert human_date(datetime(2025, 5, 12, 23, 59)) == "Monday 12 May 2025"
    assert short_date(date(2025, 5, 12)) == "12 May 2025"
    assert format_day(date(2026, 5, 3), TODAY) == "3 May"
    assert format_day(date(2024, 5, 3), TODAY) == "3 May 2024"
    assert compact_day(date(2026, 12, 4)) == "Fri 4 Dec"
    assert month_name(3) == "March" and weekday_name(4) == "Friday"
    assert and_list(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"
    assert and_list(["Ana"]) == "Ana" and and_list([]) == ""


@pytest.mark.parametrize(
    ("due", "english", "german"),
    [
        (TODAY, "due today", "heute fällig"),
        (date(2026, 3, 6), "due tomorrow", "morgen fällig"),
        (date(2026, 3, 7), "due Sat 7 Mar", "übermorgen fällig"),
        (date(2026, 3, 9), "due Mon 9 Mar", "fällig Mo., 9. März"),
        (date(2026, 12, 4), "due Fri 4 Dec", "fällig Fr., 4. Dez."),
        (date(2026, 9, 15), "due Tue 15 Sep", "fällig Di., 15. Sept."),
        (date(2026, 3, 4), "was due Wed 4 Mar", "überfällig seit Mi., 4. März"),
        (date(2026, 2, 22), "was due Sun 22 Feb", "überfällig seit So., 22. Feb."),
    ],
)
def test_due_words_in_both_languages(due: date, english: str, german: str) -> None:
    assert due_words(due, TODAY) == english
    with i18n.speaking("de"):
        assert due_words(due, TODAY) == german


@pytest.mark.usefixtures("german")
def test_german_dates() -> None:
    assert human_date(date(2026, 12, 4)) == "Freitag, 4. Dezember 2026"
    assert short_date(date(2026, 12, 4)) == "4. Dezember 2026"
    assert short_date(datetime(2026, 11, 12, 14, 5)) == "12. November 2026"
    assert format_day(date(2026, 11, 12), TODAY) == "12. November"
    assert format_day(date(2025, 1, 2), TODAY) == "2. Januar 2025"
    assert compact_day(date(2026, 12, 4)) == "Fr., 4. Dez."
    assert compact_day(date(2026, 6, 1)) == "Mo., 1. Juni"
    assert [month_name(m) for m in (3, 5, 7)] == ["März", "Mai", "Juli"]
    assert [weekday_name(d) for d in range(7)] == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
    assert and_list(["Ana", "Ben", "Cy"]) == "Ana, Ben und Cy"
    assert and_list(["Ana", "Ben"]) == "Ana und Ben"
