"""Demo data: deterministic, varied, consistent, and fast at size."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.store.demo_data import LIVE_SERIES, TOPICS, WORK_TOPICS
from hallway.store.errors import HallwayError
from hallway.store.records import DIRECTIONS, INTERACTION_KINDS, Contact, Encounter, Event
from hallway.store.rhythm import next_due
from tests.clock import Clock, ClockAt

NOW = datetime(2026, 5, 20, 14, 7, 33, 654321, tzinfo=timezone(timedelta(hours=2)))
TODAY = NOW.date()
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
RTL = re.compile(r"[\u0590-\u05ff\u0600-\u06ff]")


@dataclass
class Demo:
    events: list[Event]
    encounters: list[Encounter]
    contacts: list[Contact]

    @property
    def live(self) -> Event:
        (live,) = [e for e in self.events if e.live]
        return live

    def at(self, event: Event) -> list[Encounter]:
        return [e for e in self.encounters if e.event_id == event.id]


def make_demo(path: Path, people: int, seed: int = 0) -> Demo:
    # Set by hand, not with clock_at: a module-scoped fixture builds a demo too.
    clock.set_clock(Clock(NOW))
    try:
        with Store.open(path) as store:
            summary = generate_demo(store, people=people, seed=seed)
        with Store.open(path) as store:  # read back what was saved, from a fresh process view
            demo = Demo(store.events(), store.encounters(), store.contacts())
    finally:
        clock.set_clock(None)
    assert (summary.events, summary.encounters, summary.contacts) == (
        len(demo.events),
        len(demo.encounters),
        len(demo.contacts),
    )
    assert summary.live_event == demo.live.name
    return demo


def docs(demo: Demo) -> list[tuple[str, int, object]]:
    records: list[Event | Encounter | Contact] = [*demo.events, *demo.encounters, *demo.contacts]
    return sorted(((type(r).__name__, r.id, r.to_doc()) for r in records), key=lambda d: d[:2])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("demo") / "hallway.json", people=300)


def test_same_seed_and_clock_give_the_same_database(tmp_path: Path) -> None:
    first = make_demo(tmp_path / "a.json", people=150, seed=7)
    second = make_demo(tmp_path / "b.json", people=150, seed=7)
    other = make_demo(tmp_path / "c.json", people=150, seed=8)
    assert docs(first) == docs(second)
    assert docs(first) != docs(other)


@pytest.mark.parametrize("people", [0, 1, 8, 9, 57, 120])
def test_people_gives_that_many_encounters(tmp_path: Path, people: int) -> None:
    demo = make_demo(tmp_path / "hallway.json", people=people)
    assert len(demo.encounters) == people
    assert [e.id for e in sorted(demo.encounters, key=lambda e: e.id)] == list(range(1, people + 1))
    assert sorted(e.id for e in demo.events) == list(range(1, len(demo.events) + 1))


def test_exactly_one_live_event_started_this_morning(demo: Demo) -> None:
    live = demo.live
    assert live.name == f"{LIVE_SERIES} {TODAY.year}"
    assert live.starts is not None and live.starts.date() == TODAY
    assert live.starts <= NOW and live.starts.hour < 12
    assert live.ends is None
    share = len(demo.at(live)) / len(demo.encounters)
    assert 0.08 <= share <= 0.15 and len(demo.at(live)) >= 8
    assert all(e.status == "new" and e.contact_id is None for e in demo.at(live))
    assert all(live.starts <= e.met_at <= NOW for e in demo.at(live))
    # The newest conversation is still going; the others have ended.
    newest = max(demo.at(live), key=lambda e: e.met_at)
    assert newest.ended_at is None
    assert all(e.ended_at is not None for e in demo.at(live) if e is not newest)


def test_past_events_form_series_with_a_previous_edition(demo: Demo) -> None:
    past = [e for e in demo.events if not e.live]
    assert all(e.ends is not None and e.ends < NOW for e in past)
    previous = [e for e in past if e.name == f"{LIVE_SERIES} {TODAY.year - 1}"]
    assert len(previous) == 1 and demo.at(previous[0])
    # Some people met at the previous edition are met again today (the re-encounter brief).
    before = {e.name for e in demo.at(previous[0])}
    assert before & {e.name for e in demo.at(demo.live)}
    assert len({e.name for e in demo.events}) == len(demo.events)


def test_many_topics_and_mostly_interests(demo: Demo) -> None:
    assert len(set(TOPICS)) == len(TOPICS) >= 60
    assert not set(TOPICS) & set(WORK_TOPICS)
    used = Counter(t for e in demo.encounters for t in e.topics)
    assert len(used) >= 60
    assert sum(used[t] for t in WORK_TOPICS) < sum(used[t] for t in TOPICS) / 4
    assert all(e.topics for e in demo.encounters)
    assert all(re.fullmatch(r"[a-z0-9-]+", t) for t in used)


def test_names_in_several_scripts(demo: Demo) -> None:
    names = [e.name for e in demo.encounters]
    assert any(CJK.search(n) for n in names)
    assert any(RTL.search(n) for n in names)
    assert any(any(_accented_latin(c) for c in n) for n in names)


def _accented_latin(char: str) -> bool:
    return not char.isascii() and unicodedata.name(char, "").startswith("LATIN")


def test_notes_and_follow_ups_read_naturally(demo: Demo) -> None:
    notes = [n for e in demo.encounters for n in e.notes]
    assert notes and all(n.text.endswith(".") and "{" not in n.text for n in notes)
    assert any(
        any(t.replace("-", " ") in n.text for t in e.topics)
        for e in demo.encounters
        for n in e.notes
    )
    for encounter in demo.encounters:
        assert all(encounter.met_at <= n.at <= NOW for n in encounter.notes)
    follow_ups = [f for e in demo.encounters for f in e.follow_ups]
    assert {f.done for f in follow_ups} == {True, False}
    live_open = [f for e in demo.at(demo.live) for f in e.follow_ups if not f.done]
    assert live_open and all(TODAY <= f.due <= TODAY + timedelta(days=3) for f in live_open)


def test_debrief_decisions_and_contacts_are_consistent(demo: Demo) -> None:
    statuses = Counter(e.status for e in demo.encounters if e.event_id != demo.live.id)
    assert {"promoted", "acquaintance", "let-go"} <= set(statuses)
    by_id = {e.id: e for e in demo.encounters}
    linked: set[int] = set()
    for contact in demo.contacts:
        assert contact.encounter_ids and contact.encounter_ids == sorted(contact.encounter_ids)
        for encounter_id in contact.encounter_ids:
            encounter = by_id[encounter_id]
            assert (encounter.status, encounter.contact_id) == ("promoted", contact.id)
            assert encounter.name == contact.name
        linked.update(contact.encounter_ids)
    promoted = {e.id for e in demo.encounters if e.status == "promoted"}
    assert promoted == linked
    assert all(e.contact_id is None for e in demo.encounters if e.id not in linked)
    several = [c for c in demo.contacts if len(c.encounter_ids) > 1]
    assert several
    assert all(len({by_id[i].event_id for i in c.encounter_ids}) > 1 for c in several)


def test_contacts_keep_in_touch_history(demo: Demo) -> None:
    by_id = {e.id: e for e in demo.encounters}
    assert {c.cadence_days for c in demo.contacts} == {21, 60, 182, 365}
    kinds = {i.kind for c in demo.contacts for i in c.interactions}
    assert kinds == set(INTERACTION_KINDS)
    assert {g.direction for c in demo.contacts for g in c.give_take} == set(DIRECTIONS)
    year_ago = NOW - timedelta(days=365)
    for contact in demo.contacts:
        last_met = max(by_id[i].met_at for i in contact.encounter_ids)
        assert contact.last_touch is not None and last_met <= contact.last_touch <= NOW
        if contact.interactions:
            assert contact.interactions[-1].at == contact.last_touch
            assert all(year_ago <= i.at <= NOW for i in contact.interactions)
        else:
            assert contact.last_touch == last_met
        assert all(year_ago <= g.at <= NOW for g in contact.give_take)
        assert contact.next_due == next_due(contact)
        assert re.fullmatch(
            r"[\w.-]+@example\.(com|org|net)", contact.channels.email or "a@example.com"
        )
    due = [c for c in demo.contacts if c.next_due is not None and c.next_due <= TODAY]
    assert len(due) >= 2
    assert any(c.snoozed_until for c in demo.contacts) or len(demo.contacts) < 40


def test_every_record_round_trips(demo: Demo) -> None:
    for event in demo.events:
        assert Event.from_doc(event.to_doc(), event.id) == event
    for encounter in demo.encounters:
        assert Encounter.from_doc(encounter.to_doc(), encounter.id) == encounter
    for contact in demo.contacts:
        assert Contact.from_doc(contact.to_doc(), contact.id) == contact


def test_small_demo_still_has_someone_due(tmp_path: Path) -> None:
    demo = make_demo(tmp_path / "hallway.json", people=120)
    assert any(c.next_due is not None and c.next_due <= TODAY for c in demo.contacts)
    assert any(len(c.encounter_ids) > 1 for c in demo.contacts)


def test_refuses_a_database_that_holds_data(tmp_path: Path) -> None:
    path = tmp_path / "hallway.json"
    with Store.open(path) as store:
        store.capture("Maya Chen #sourdough")
        with pytest.raises(HallwayError, match="only goes into an empty database"):
            generate_demo(store, people=10)
        assert [e.name for e in store.encounters()] == ["Maya Chen"]
        assert len(store.events()) == 1


@pytest.mark.slow
def test_fifty_thousand_people(tmp_path: Path, clock_at: ClockAt) -> None:
    path = tmp_path / "hallway.json"
    clock_at(NOW)
    started = time.perf_counter()
    with Store.open(path) as store:
        summary = generate_demo(store, people=50_000, seed=3)
    seconds = time.perf_counter() - started
    print(f"\ndemo with 50,000 people: {seconds:.1f} s, {summary}")
    assert summary.encounters == 50_000
    with Store.open(path) as store:
        assert len(store.encounters()) == 50_000
        assert len(store.contacts()) == summary.contacts > 1_000
    assert seconds < 60, "far slower than the ~20 s target"
