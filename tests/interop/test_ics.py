"""iCalendar export: golden files, icalendar's reader, and the independent strict reader."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from hallway.store.db import Store
from hallway.store.interop.ics import export_ics
from hallway.store.records import Contact
from tests.interop.interop_checks import components, one, props_named, text_value
from tests.interop.interop_fixtures import assert_golden


@pytest.mark.parametrize(("todo", "golden"), [(False, "reminders.ics"), (True, "todo.ics")])
def test_export_matches_golden(filled: Store, todo: bool, golden: str) -> None:
    assert_golden(golden, export_ics(filled, todo=todo))


def test_events_with_alarms(filled: Store) -> None:
    calendar = Calendar.from_ical(export_ics(filled))
    assert str(calendar["PRODID"]) == "-//Hallway//Hallway//EN"
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert calendar.walk("VTODO") == []
    summaries = [str(e["SUMMARY"]) for e in events]
    # Done follow-ups are left out; overdue entries come first, on today.
    assert summaries == [
        "Catch up with 王 小明",
        "Zoë Ångström: intro to Sam, the climbing gym guy",
        "Send Maya the focaccia recipe",
        "Catch up with Madonna",
        "Catch up with Maya Chen",
    ]
    starts = [e.decoded("DTSTART") for e in events]
    assert starts == [
        date(2025, 5, 14),
        date(2025, 5, 14),
        date(2025, 5, 15),
        date(2025, 5, 20),  # snoozed past its due day
        date(2025, 6, 11),
    ]
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is date  # all-day, not a time
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert event.decoded("DTSTAMP").isoformat() == "2025-05-14T16:00:00+00:00"
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    focaccia = events[2]
    description = str(focaccia["DESCRIPTION"])
    assert description.startswith(
        "Promised to Maya Chen (data engineer @ Acme) at PyCon Berlin, 12 May 2025."
    )
    assert "You talked about: sourdough, baby-sitters-club" in description
    assert str(events[1]["DESCRIPTION"]).startswith("Due since 10 May 2025.\n")
    assert "How you met:\n- Sourdough Meetup (Kreuzberg), 2 November 2024" in str(
        events[4]["DESCRIPTION"]
    )


def test_todos_keep_their_real_due_dates(filled: Store) -> None:
    calendar = Calendar.from_ical(export_ics(filled, todo=True))
    assert calendar.walk("VEVENT") == []
    todos = calendar.walk("VTODO")
    dues = {str(t["SUMMARY"]): t.decoded("DUE") for t in todos}
    assert dues["Zoë Ångström: intro to Sam, the climbing gym guy"] == date(2025, 5, 10)
    assert dues["Catch up with 王 小明"] == date(2025, 4, 30)
    for todo in todos:
        assert "DTSTART" not in todo
        assert str(todo["STATUS"]) == "NEEDS-ACTION"
        [alarm] = todo.walk("VALARM")
        assert alarm["TRIGGER"].params["RELATED"] == "END"


@pytest.mark.parametrize("todo", [False, True])
def test_strict_reader_agrees(filled: Store, todo: bool) -> None:
    text = export_ics(filled, todo=todo)
    kind = "VTODO" if todo else "VEVENT"
    entries = components(text, kind)
    assert len(entries) == 5
    assert len(components(text, "VALARM")) == 5
    for entry in entries:
        date_prop = one(entry, "DUE" if todo else "DTSTART")
        assert date_prop.params == {"VALUE": "DATE"}
        assert len(date_prop.raw) == 8
        text_value(one(entry, "SUMMARY").raw)  # commas and semicolons are escaped
        text_value(one(entry, "DESCRIPTION").raw)
        assert one(entry, "UID").raw.endswith("@hallway")
        if todo:
            assert props_named(entry, "DTEND") == []
        else:
            assert one(entry, "DTEND").params == {"VALUE": "DATE"}


def test_uids_are_stable_across_exports_and_kinds(filled: Store) -> None:
    def uids(text: str, kind: str) -> list[str]:
        return sorted(one(e, "UID").raw for e in components(text, kind))

    first = uids(export_ics(filled), "VEVENT")
    assert first == uids(export_ics(filled), "VEVENT")
    assert first == uids(export_ics(filled, todo=True), "VTODO")
    assert len(set(first)) == 5


def test_nothing_due_gives_an_empty_calendar(store: Store) -> None:
    store.save_contact(Contact(name="No Rhythm Yet"))
    calendar = Calendar.from_ical(export_ics(store))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Hallway"


def test_control_characters_never_reach_the_calendar(filled: Store) -> None:
    text = export_ics(filled)
    assert "\x1b" not in text
    assert "␛[31mred␛[0m" in "".join(text.split("\r\n "))
