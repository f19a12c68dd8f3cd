"""Exports and the vCard import stay whole with far-off dates (adversarial finding 5).

A database written before dates were bounded may hold a promise due on 9999-12-31 or a
contact last in touch then; every export still works. A vCard note stamped in year 9999
(naive, read west of UTC) imports with the import's time, as any unreadable stamp does.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from hallway.store.db import Store
from hallway.store.interop.ics import export_ics
from hallway.store.interop.jsonio import export_json
from hallway.store.interop.markdown import export_markdown
from hallway.store.interop.vcard import export_vcard, import_vcard
from hallway.store.records import Contact, FollowUp
from tests.interop.interop_fixtures import NOW


@pytest.fixture
def far_store(store: Store) -> Store:
    """A promise due on the last day a date can be, and a contact last in touch in 9999."""
    event = store.create_event("PyCon Berlin", "Berlin", starts=NOW, live=True)
    met = store.capture("Maya Chen @Acme", event.id)
    store.update_encounter(
        met.id, lambda e: e.follow_ups.append(FollowUp("send the recipe", date(9999, 12, 31)))
    )
    store.save_contact(
        Contact(
            name="Tess Ng",
            last_touch=datetime(9999, 12, 31, 12, tzinfo=UTC),
            next_due=date(9999, 12, 31),
            cadence_days=10**12,
        )
    )
    return store


def test_a_calendar_with_an_entry_due_on_the_last_possible_day(far_store: Store) -> None:
    for todo in (False, True):
        calendar = export_ics(far_store, todo=todo)
        assert "send the recipe" in calendar and "Catch up with Tess Ng" in calendar
    events = export_ics(far_store)
    assert "DTSTART;VALUE=DATE:99991231" in events
    assert "DURATION:P1D" in events


def test_every_other_export_works_too(far_store: Store) -> None:
    assert b'"due": "9999-12-31"' in export_json(far_store)
    assert "send the recipe" in export_markdown(far_store)
    assert "FN:Tess Ng" in export_vcard(far_store)


@pytest.fixture
def los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Los Angeles time (west of UTC) for this test."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_vcard_note_stamped_in_year_9999_imports_with_the_import_time(
    store: Store, los_angeles: None
) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya Chen\r\n"
        'X-HALLWAY-NOTE;X-AT="9999-12-31T23:59:59":loves sourdough\r\nEND:VCARD\r\n'
    )
    report = import_vcard(store, card)
    assert report.skipped == []
    [maya] = store.contacts()
    assert [(n.text, n.at) for n in maya.notes] == [("loves sourdough", NOW)]
