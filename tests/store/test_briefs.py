"""Previous editions, the re-encounter brief and "catch up this week"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hallway.store.briefs import (
    catch_up_this_week,
    edition_order,
    previous_edition,
    reencounter_brief,
    series_key,
)
from hallway.store.contacts import snooze
from hallway.store.db import Store
from hallway.store.debrief import keep_as_acquaintance, let_go, promote
from hallway.store.records import Event
from tests.clock import Clock

START = datetime(2025, 6, 10, 14, 0, tzinfo=UTC)
TODAY = START.date()


pytestmark = pytest.mark.clock(START)


def event(store: Store, name: str, days_ago: int | None = None) -> Event:
    starts = START - timedelta(days=days_ago) if days_ago is not None else None
    saved = store.save_event(Event(name=name, starts=starts))
    return saved


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("PyCon Berlin 2025", "pycon berlin"),
        ("PyCon  berlin '24", "pycon berlin"),
        ("RustConf #12", "rustconf"),
        ("RustConf 12th edition", "rustconf"),
        ("Meetup 2025 (spring)", "meetup"),
        ("Berlin.js — March 2025", "berlin js"),
        ("Tuesday 3 June 2025", ""),
        ("Zoë's Café Q3 2024", "zoe s cafe"),
    ],
)
def test_series_key(name: str, key: str) -> None:
    assert series_key(name) == key


def test_edition_order() -> None:
    assert edition_order("RustConf #12") == (0, 12, 0)
    assert edition_order("Meetup 2025 (autumn)") == (2025, 0, 9)
    assert edition_order("PyCon '24") == (2024, 0, 0)


def test_previous_year(store: Store) -> None:
    event(store, "PyCon Berlin 2023", 730)
    last = event(store, "PyCon Berlin 2024", 365)
    event(store, "PyCon Paris 2024", 360)
    current = event(store, "PyCon Berlin 2025", 0)
    event(store, "PyCon Berlin 2026", -365)
    assert previous_edition(store, current) == last


def test_previous_number_without_dates(store: Store) -> None:
    event(store, "RustConf #10")
    eleven = event(store, "RustConf #11")
    event(store, "RustConf #13")
    twelve = event(store, "RustConf #12")
    assert previous_edition(store, twelve) == eleven
    assert previous_edition(store, store.find_event("RustConf #10")) is None  # type: ignore[arg-type]


def test_previous_season_is_the_edition_just_before(store: Store) -> None:
    event(store, "Meetup 2024 (spring)", 420)
    autumn = event(store, "Meetup 2024 (autumn)", 250)
    spring = event(store, "Meetup 2025 (spring)", 60)
    assert previous_edition(store, spring) == autumn
    assert previous_edition(store, event(store, "Meetup 2025 (autumn)")) == spring


def test_date_named_events_have_no_series(store: Store) -> None:
    event(store, "Monday 2 June 2025", 8)
    assert previous_edition(store, event(store, "Tuesday 10 June 2025", 0)) is None


def test_reencounter_brief(store: Store, fixed_clock: Clock) -> None:
    last = event(store, "PyCon Berlin 2024", 365)
    current = event(store, "PyCon Berlin 2025", 0)
    fixed_clock.at = START - timedelta(days=365)
    first = store.capture("Ann Lee #chess -- chess club on Tuesdays", last.id)
    fixed_clock.at += timedelta(minutes=5)
    meaningful = store.capture("Bo Chen #go", last.id)
    store.toggle_meaningful(meaningful.id)
    fixed_clock.at += timedelta(minutes=5)
    gone = store.capture("Cy Diaz", last.id)
    fixed_clock.at += timedelta(minutes=5)
    acquaintance = store.capture("Dee Evans #jazz", last.id)
    fixed_clock.at += timedelta(minutes=5)
    contact = promote(store, store.capture("Eve Fox #sourdough", last.id).id)
    fixed_clock.at = START
    let_go(store, gone.id)
    keep_as_acquaintance(store, acquaintance.id)
    store.capture("Someone New", current.id)

    brief = reencounter_brief(store, current)
    assert [(e.name, c.id if c else None) for e, c in brief] == [
        ("Eve Fox", contact.id),
        ("Dee Evans", None),
        ("Bo Chen", None),
        ("Ann Lee", None),
    ]
    ann = brief[-1][0]
    assert ann.id == first.id
    assert (ann.topics, ann.notes[0].text) == (["chess"], "chess club on Tuesdays")
    assert reencounter_brief(store, last) == []


def test_catch_up_this_week(store: Store, fixed_clock: Clock) -> None:
    meetup = event(store, "Meetup", 200)
    fixed_clock.at = START - timedelta(days=200)
    overdue = promote(store, store.capture("Ann Overdue", meetup.id).id, cadence_days=21)
    fixed_clock.at = START - timedelta(days=55)
    due_soon = promote(store, store.capture("Bo Soon", meetup.id).id)  # due in 5 days
    fixed_clock.at = START - timedelta(days=10)
    promote(store, store.capture("Cy Later", meetup.id).id)
    snoozed = promote(store, store.capture("Dee Snoozed", meetup.id).id, cadence_days=7)
    fixed_clock.at = START
    snooze(store, snoozed.id, days=14)

    dee = snoozed.encounter_ids[0]
    store.add_follow_up(dee, "lend the book", TODAY + timedelta(days=7))
    store.add_follow_up(dee, "far away", TODAY + timedelta(days=8))
    done = store.add_follow_up(dee, "already done", TODAY)
    store.set_follow_up_done(done.id, 2)
    gone = store.capture("Eve Gone", meetup.id)
    store.add_follow_up(gone.id, "send the slides", TODAY - timedelta(days=2))
    let_go(store, gone.id)

    catch_up = catch_up_this_week(store, TODAY)
    assert [c.id for c in catch_up.due] == [overdue.id, due_soon.id]
    assert [(e.name, i, f.text) for e, i, f in catch_up.follow_ups] == [
        ("Eve Gone", 0, "send the slides"),
        ("Dee Snoozed", 0, "lend the book"),
    ]
    assert not catch_up.is_empty


def test_nothing_to_catch_up(store: Store) -> None:
    assert catch_up_this_week(store, date(2025, 1, 1)).is_empty
