"""Demo data, in English and in German: deterministic, varied, consistent, and fast at size."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hallway.store import clock, demo_data_de
from hallway.store.db import Store
from hallway.store.demo import CONTENT, generate_demo
from hallway.store.demo_data import DemoContent
from hallway.store.demo_names import locales_of, name_pools
from hallway.store.due_dates import find_due
from hallway.store.errors import HallwayError
from hallway.store.records import DIRECTIONS, INTERACTION_KINDS, Contact, Encounter, Event
from hallway.store.rhythm import next_due
from tests.clock import Clock, ClockAt

NOW = datetime(2026, 5, 20, 14, 7, 33, 654321, tzinfo=timezone(timedelta(hours=2)))
TODAY = NOW.date()
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
RTL = re.compile(r"[\u0590-\u05ff\u0600-\u06ff]")
LANGUAGES = ["en", "de"]
# Topics as the capture grammar stores them (lower case); German ones may have umlauts and ß.
TOPIC_SHAPE = {"en": re.compile(r"[a-z0-9-]+"), "de": re.compile(r"[a-zäöüß0-9-]+")}


@dataclass
class Demo:
    events: list[Event]
    encounters: list[Encounter]
    contacts: list[Contact]
    language: str = "en"

    @property
    def content(self) -> DemoContent:
        return CONTENT[self.language]

    @property
    def live(self) -> Event:
        (live,) = [e for e in self.events if e.live]
        return live

    def at(self, event: Event) -> list[Encounter]:
        return [e for e in self.encounters if e.event_id == event.id]


def make_demo(path: Path, people: int, seed: int = 0, language: str = "en") -> Demo:
    # Set by hand, not with clock_at: a module-scoped fixture builds a demo too.
    clock.set_clock(Clock(NOW))
    try:
        with Store.open(path) as store:
            summary = generate_demo(store, people=people, seed=seed, language=language)
        with Store.open(path) as store:  # read back what was saved, from a fresh process view
            demo = Demo(store.events(), store.encounters(), store.contacts(), language)
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


@pytest.fixture(scope="module", params=LANGUAGES)
def demo(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Demo:
    path = tmp_path_factory.mktemp("demo") / "hallway.json"
    return make_demo(path, people=300, language=request.param)


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_seed_and_clock_give_the_same_database(tmp_path: Path, language: str) -> None:
    first = make_demo(tmp_path / "a.json", people=150, seed=7, language=language)
    second = make_demo(tmp_path / "b.json", people=150, seed=7, language=language)
    other = make_demo(tmp_path / "c.json", people=150, seed=8, language=language)
    assert docs(first) == docs(second)
    assert docs(first) != docs(other)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("people", [0, 1, 8, 9, 57, 120])
def test_people_gives_that_many_encounters(tmp_path: Path, people: int, language: str) -> None:
    demo = make_demo(tmp_path / "hallway.json", people=people, language=language)
    assert len(demo.encounters) == people
    assert [e.id for e in sorted(demo.encounters, key=lambda e: e.id)] == list(range(1, people + 1))
    assert sorted(e.id for e in demo.events) == list(range(1, len(demo.events) + 1))


def test_exactly_one_live_event_started_this_morning(demo: Demo) -> None:
    live = demo.live
    assert live.name == f"{demo.content.live_series} {TODAY.year}"
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
    previous = [e for e in past if e.name == f"{demo.content.live_series} {TODAY.year - 1}"]
    assert len(previous) == 1 and demo.at(previous[0])
    # Some people met at the previous edition are met again today (the re-encounter brief).
    before = {e.name for e in demo.at(previous[0])}
    assert before & {e.name for e in demo.at(demo.live)}
    assert len({e.name for e in demo.events}) == len(demo.events)


def test_many_topics_and_mostly_interests(demo: Demo) -> None:
    topics, work_topics = demo.content.topics, demo.content.work_topics
    assert len(set(topics)) == len(topics) >= 60
    assert not set(topics) & set(work_topics)
    used = Counter(t for e in demo.encounters for t in e.topics)
    assert len(used) >= 60
    assert sum(used[t] for t in work_topics) < sum(used[t] for t in topics) / 4
    assert all(e.topics for e in demo.encounters)
    assert all(TOPIC_SHAPE[demo.language].fullmatch(t) for t in used)


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
        any(demo.content.words(t) in n.text for t in e.topics)
        for e in demo.encounters
        for n in e.notes
    )
    if demo.language == "en":
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_small_demo_still_has_someone_due(tmp_path: Path, language: str) -> None:
    demo = make_demo(tmp_path / "hallway.json", people=120, language=language)
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


# -- the German demo -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("de") / "hallway.json", people=300, language="de")


def test_german_events_in_berlin_vienna_and_zurich(german: Demo) -> None:
    assert german.live.name == f"DevDays Wien {TODAY.year}"
    assert "Wien" in german.live.place
    names = {e.name for e in german.events}
    assert any(n.startswith("Python-Meetup Berlin · ") for n in names)
    assert f"Barcamp Zürich {TODAY.year - 1}" in names
    # Evening events are named with German month names.
    months = {n.rsplit(" · ", 1)[1].split()[0] for n in names if " · " in n}
    assert months and months <= set(demo_data_de.GERMAN.month_names)
    assert "Mai" in months  # the month before this one (TODAY is 20 May)


def test_german_names_mostly_from_german_speaking_countries(german: Demo) -> None:
    pools = name_pools(0, locales_of(demo_data_de.NAME_LOCALES))
    german_speaking = {
        pool.full_name(given, family)
        for pool in pools
        if pool.locale in ("de_DE", "de_AT", "de_CH")
        for given in pool.given
        for family in pool.family
    }
    from_there = sum(e.name in german_speaking for e in german.encounters)
    assert from_there > len(german.encounters) / 2
    assert from_there < len(german.encounters)  # mixed with international names


def test_german_notes_and_roles_are_written_in_german(german: Demo) -> None:
    templates = [
        re.compile(re.escape(t).replace(re.escape("{topic}"), ".+")) for t in demo_data_de.NOTES
    ]
    notes = [n.text for e in german.encounters for n in e.notes]
    assert notes and all(any(t.fullmatch(n) for t in templates) for n in notes)
    # A topic in a note is written the way a German writes it (a noun with a capital).
    assert any(re.search(r"(Thema|Sachen) [A-ZÄÖÜ]", n) for n in notes)
    assert {e.role for e in german.encounters} - {""} <= set(demo_data_de.ROLES)


def test_german_promises_say_their_due_date(german: Demo) -> None:
    phrases = dict(demo_data_de.PAST_DUE_PHRASES)
    open_promise = demo_data_de.GERMAN.known_promise.split("{topic}")[0]
    seen = set()
    for encounter in german.encounters:
        live = encounter.event_id == german.live.id
        made = TODAY if live else encounter.met_at.date()
        for promise in encounter.follow_ups:
            text = promise.text
            assert "{" not in text and "  " not in text and text == text.strip(), text
            assert not re.search(r"\bbis (schicken|teilen|vorstellen|vorbeibringen)\b", text)
            if text.startswith(open_promise):
                continue  # open since last year, dated on its own
            said = [p for p in phrases if re.search(rf"\b{p}\b", text)]
            if not said:
                continue  # the date reader took the phrase out of the text
            (phrase,) = said
            seen.add(phrase)
            days = phrases[phrase]
            if days == "fri":
                assert promise.due.weekday() == 4 and 1 <= (promise.due - made).days <= 7
            else:
                assert promise.due == made + timedelta(days=int(days)), text
            if live:
                assert phrase in dict(demo_data_de.LIVE_DUE_PHRASES)
    # Before the date reader knows German, every phrase stays in the text and reads as said.
    assert seen or find_due("Rezept bis Freitag schicken", TODAY) is not None


def test_the_demo_speaks_english_or_german_only(store: Store) -> None:
    with pytest.raises(ValueError, match="en or de"):
        generate_demo(store, people=10, language="fr")
    assert not store.events() and not store.encounters()


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
