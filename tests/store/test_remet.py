"""Met before, at capture time (issue 10, point 17): someone you already know -- a contact, or
someone met at an earlier event -- is recognised by the debrief's merge rule, and worded for
one discreet line; the index behind it stays current; the demo has such a person."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hallway.store.contacts import edit_contact
from hallway.store.conversations import is_talking
from hallway.store.db import Store
from hallway.store.debrief import let_go, promote
from hallway.store.demo import generate_demo
from hallway.store.matching import merge_candidates, preselected
from hallway.store.records import Channels
from hallway.store.remet import (
    index_ready,
    met_before,
    name_index,
    name_index_builder,
    promise_words,
)
from tests.clock import START, Clock, ClockAt

LAST_YEAR = START - timedelta(days=365)


@pytest.fixture
def known(store: Store, fixed_clock: Clock) -> Store:
    """Maya, a contact since PyCon Berlin 2025 (a book still promised); Tom, met and let go
    at FOSDEM 2026; and a live event today."""
    pycon = store.create_event("PyCon Berlin 2025", "Berlin", starts=LAST_YEAR)
    fixed_clock.at = LAST_YEAR
    maya = store.capture("Maya Chen, data engineer @Acme #choir #sourdough", pycon.id)
    store.add_follow_up(maya.id, "Lend Maya my book about choirs", date(2025, 3, 12))
    promote(store, maya.id)
    store.end_event(pycon.id)
    fosdem = store.create_event("FOSDEM 2026", "Brussels", starts=START - timedelta(days=30))
    fixed_clock.at = START - timedelta(days=30)
    tom = store.capture("Tom Weber @Globex #go", fosdem.id)
    let_go(store, tom.id)
    store.end_event(fosdem.id)
    fixed_clock.at = START
    store.create_event("PyCon Berlin 2026", "Berlin", live=True)
    return store


def test_a_contact_met_again_is_recalled_in_one_line(known: Store) -> None:
    again = known.capture("Maya Chen @Acme #choir #hiking")
    found = met_before(known, again)
    assert found is not None and found.contact is not None
    assert found.line == (
        "met at PyCon Berlin 2025 · #choir · you promised to lend Maya my book about choirs"
    )
    # The same person the debrief will offer to merge into.
    candidate = preselected(merge_candidates(known, again))
    assert candidate is not None and candidate.contact.id == found.contact.id


def test_someone_met_at_an_earlier_event_is_recalled_too(known: Store) -> None:
    found = met_before(known, known.capture("Tom Weber, Go teacher"))
    assert found is not None and found.contact is None
    assert found.line == "met at FOSDEM 2026 · #go"


@pytest.mark.parametrize(
    "line",
    [
        "Maya Chen @Initech",  # same name, another organisation, nothing else in common
        "Maia Chenn",  # only a similar name
        "Tom",  # only possibly Tom Weber
        "Nobody Known",
        "Chen Wei",
    ],
)
def test_only_likely_matches_are_told(known: Store, line: str) -> None:
    assert met_before(known, known.capture(line)) is None


def test_a_similar_name_with_something_in_common_is_likely(known: Store) -> None:
    found = met_before(known, known.capture("Maja Chen #sourdough"))
    assert found is not None and found.line.startswith("met at PyCon Berlin 2025 · #sourdough")


def test_the_same_email_is_enough(known: Store) -> None:
    [contact] = known.contacts()
    edit_contact(known, contact.id, channels=Channels(email="maya@acme.example"))
    found = met_before(known, known.capture("M. Chen-Ito -- card says maya@acme.example"))
    assert found is not None and found.contact is not None and found.contact.id == contact.id


def test_people_at_the_same_event_are_not_met_before(known: Store) -> None:
    first = known.capture("Ana Lima #surfing")
    assert met_before(known, first) is None
    assert met_before(known, known.capture("Ana Lima #surfing")) is None  # a namesake, today
    ana, ben = known.capture_people("Ben Ortiz + Ben Ortiz")
    assert met_before(known, ana) is None and met_before(known, ben) is None


def test_the_index_follows_every_change(known: Store, db_path: Path) -> None:
    name_index(known)  # built now: what follows must be caught up
    [maya] = known.contacts()
    edit_contact(known, maya.id, name="Maya Chen-Ito")
    assert met_before(known, known.capture("Maya Chen-Ito @Acme")) is not None
    known.delete_contact(maya.id)
    for encounter_id in maya.encounter_ids:
        known.delete_encounter(encounter_id)
    assert met_before(known, known.capture("Maya Chen-Ito @Acme")) is None
    # Saves of another process (here a second store on the same file) are seen too.
    with Store.open(db_path) as other:
        old = other.create_event("Rust & Tea", starts=START - timedelta(days=90))
        other.capture("Sven Berg @Ferrous #tea", old.id)
    known.refresh()
    found = met_before(known, known.capture("Sven Berg #tea"))
    assert found is not None and found.line == "met at Rust & Tea · #tea"


def test_candidates_follow_shared_addresses_and_repeated_words(known: Store) -> None:
    # The index keeps one int per record in an array per word (not sets of keys): a word
    # twice in one name, an address two contacts share and a removal must still add up.
    index = name_index(known)
    [maya] = known.contacts()
    ana = promote(known, known.capture("Ana Ana Lima", known.live_event().id).id)  # type: ignore[union-attr]
    for contact in (maya, ana):
        edit_contact(known, contact.id, channels=Channels(email="team@acme.example"))
    index = name_index(known)
    tom = next(e for e in known.encounters() if e.name == "Tom Weber")
    assert index.candidates("Ana Lima", []) == [("contacts", ana.id)]
    assert index.candidates("Tom Weber", ["team@acme.example"]) == [
        ("contacts", maya.id),
        ("contacts", ana.id),
        ("encounters", tom.id),
    ]
    # Her name is held whole, its repeated word and all: only it is a perfect match.
    assert index.candidates("Ana Ana Lima", [], floor=100.0) == [("contacts", ana.id)]
    known.delete_contact(ana.id)
    index = name_index(known)
    assert index.candidates("Ana Lima", []) == []
    assert index.candidates("Nobody", ["team@acme.example"]) == [("contacts", maya.id)]
    edit_contact(known, maya.id, channels=Channels(email="maya@home.example"))
    assert name_index(known).candidates("Nobody", ["team@acme.example"]) == []


def test_the_index_can_be_built_in_a_worker(known: Store) -> None:
    build = name_index_builder(known)
    tom = known.capture("Tom Weber @Globex")  # saved while the worker builds
    worker = threading.Thread(target=build)
    worker.start()
    worker.join()
    found = met_before(known, known.capture("Sven Berg"))
    assert found is None
    assert met_before(known, tom) is not None  # caught up


def test_a_finished_build_keeps_no_copy_of_the_store(known: Store) -> None:
    # Textual keeps a finished worker's function: were the frozen copy still reachable from
    # it, every table the build parsed would stay in memory as long as the app runs.
    build = name_index_builder(known)
    held = [cell.cell_contents for cell in build.__closure__ or ()]
    assert any(isinstance(item, list) and item and isinstance(item[0], Store) for item in held)
    build()
    assert index_ready(known)
    reachable = [*held, *(item for cell in held if isinstance(cell, list) for item in cell)]
    assert not any(isinstance(item, Store) and item is not known for item in reachable)


def test_people_whose_name_alone_cannot_match_are_not_read(
    known: Store, db_path: Path, fixed_clock: Clock
) -> None:
    # Reading someone parses their event's part of the database: at ten thousand people a
    # common first name would parse most of it for one person on screen.
    fixed_clock.at = START - timedelta(days=60)
    meetup = known.create_event("Berlin Meetup", starts=START - timedelta(days=60))
    known.capture("Charles Weber @Initech #rust", meetup.id)  # alike (a candidate), not similar
    known.end_event(meetup.id)
    fixed_clock.at = START
    known.close()
    with Store.open(db_path) as store:
        charles = store.capture("Charles Hesse @Initech #rust")
        name_index_builder(store)()
        assert str(meetup.id) in store.storage.held_parts("encounters")
        assert met_before(store, charles) is None
        assert str(meetup.id) in store.storage.held_parts("encounters")  # never parsed


def test_ready_says_when_an_answer_needs_no_build(known: Store, db_path: Path) -> None:
    assert not index_ready(known)  # nothing built yet
    name_index_builder(known)()
    assert index_ready(known)
    known.capture("Tom Weber @Globex")  # our own saves are caught up cheaply
    assert index_ready(known)
    with Store.open(db_path) as other:  # another process's save, loaded: build again
        old = other.create_event("Rust & Tea", starts=START - timedelta(days=90))
        other.capture("Sven Berg @Ferrous #tea", old.id)
    known.refresh()
    assert not index_ready(known)
    build = name_index_builder(known)  # a new build replaces the index that fell behind
    build()
    assert index_ready(known)
    found = met_before(known, known.capture("Sven Berg #tea"))
    assert found is not None and found.line == "met at Rust & Tea · #tea"


def test_an_older_build_never_replaces_a_newer_index(known: Store) -> None:
    older = name_index_builder(known)
    known.capture("Tom Weber @Globex")
    name_index_builder(known)()  # newer
    newer_index = name_index(known)
    older()
    assert name_index(known) is newer_index


@pytest.mark.parametrize(
    ("promise", "words"),
    [
        ("Send Maya my focaccia recipe", "you promised to send Maya my focaccia recipe"),
        ("lend them my book", "you promised to lend them my book"),
        ("I owe Maya a coffee", "you owe Maya a coffee"),
        ("the book list", "you promised: the book list"),
        (
            "Send Maya the very long list of every bakery in Berlin worth a detour",
            "you promised to send Maya the very long list of every bakery in…",
        ),
    ],
)
def test_a_promise_in_words(promise: str, words: str) -> None:
    assert promise_words(promise) == words


def test_the_demo_talks_with_someone_met_last_year(tmp_path: Path, clock_at: ClockAt) -> None:
    now = datetime(2026, 5, 20, 14, 7, 33, tzinfo=START.tzinfo)
    clock_at(now)
    with Store.open(tmp_path / "hallway.json") as store:
        generate_demo(store, people=120, seed=3)
        live = store.live_event()
        assert live is not None
        newest = store.encounters(live.id)[0]
        assert is_talking(newest, now)
        found = met_before(store, newest)
        assert found is not None and found.contact is not None
        assert found.line.startswith("met at PyCon Berlin 2025 · #")
        assert "you promised to lend them my book about" in found.line
        # Its debrief offers to merge into that contact, preselected.
        candidate = preselected(merge_candidates(store, newest))
        assert candidate is not None and candidate.contact.id == found.contact.id
