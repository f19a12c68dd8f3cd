"""When conversations end (issue 10, point 2): the next capture, the end of the event, ``e``,
and a conversation gone quiet; the same answer for one record or a whole list, and for the
timer, the debrief card and the demo."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hallway.store.conversations import (
    QUIET_AFTER,
    conversation_end,
    is_talking,
    talked_words,
)
from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.store.records import Encounter
from tests.clock import START, Clock, ClockAt


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def capture(store: Store, clock: Clock, minutes: float, line: str, event_id: int) -> Encounter:
    clock.at = at(minutes)
    return store.capture(line, event_id)


def talking(store: Store, event_id: int, now: datetime) -> list[str]:
    return [e.name for e in store.encounters(event_id) if is_talking(e, now)]


def test_the_next_capture_ends_the_conversation_before_it(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    maya = capture(store, fixed_clock, 0, "Maya Chen", event_id)
    assert talking(store, event_id, at(5)) == ["Maya Chen"]
    capture(store, fixed_clock, 12, "Zoë Ångström", event_id)
    capture(store, fixed_clock, 25, "Tess Ng", event_id)
    # Only the newest person is "talking", never several at once.
    assert talking(store, event_id, at(30)) == ["Tess Ng"]
    # One record or the whole list: the same end, where the next conversation began.
    assert conversation_end(store.encounter(maya.id), at(30)) == at(12)
    by_name = {e.name: e for e in store.encounters(event_id)}
    assert conversation_end(by_name["Maya Chen"], at(30)) == at(12)
    assert conversation_end(by_name["Zoë Ångström"], at(30)) == at(25)
    assert talked_words(by_name["Maya Chen"], at(30)) == "talked 12 min"
    assert talked_words(by_name["Tess Ng"], at(30)) == "talking now"


def test_a_capture_within_the_same_second_still_ends_the_one_before(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    # Times are kept to the second; a quick second capture (a script, a fast typist) is
    # still the next conversation, while the people of one circle never end each other's.
    ana, ben = store.capture_people("Ana Lima + Ben Ortiz", event_id)
    maya = store.capture("Maya Chen", event_id)  # the same second
    assert maya.met_at == ana.met_at
    by_name = {e.name: e for e in store.encounters(event_id)}
    for person in (ana, ben):
        # One record or the whole list: the same answer.
        assert conversation_end(store.encounter(person.id), at(1)) == at(0)
        assert conversation_end(by_name[person.name], at(1)) == at(0)
    assert talking(store, event_id, at(1)) == ["Maya Chen"]
    assert is_talking(store.encounter(maya.id), at(1))


def test_a_capture_at_another_event_ends_nothing_here(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    capture(store, fixed_clock, 0, "Maya Chen", event_id)
    other = store.create_event("Evening meetup")
    capture(store, fixed_clock, 5, "Dee Evans", other.id)
    assert talking(store, event_id, at(6)) == ["Maya Chen"]


def test_a_quiet_conversation_ends_and_activity_keeps_it_going(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    maya = capture(store, fixed_clock, 0, "Maya Chen", event_id)
    fixed_clock.at = at(20)
    store.add_note(maya.id, "loves #sourdough")  # activity: still going at 45 minutes
    fixed_clock.at = at(40)
    store.add_follow_up(maya.id, "send the focaccia recipe")
    assert is_talking(store.encounter(maya.id), at(69))
    # Quiet for thirty minutes after the promise: it ended then, and the timer stops there.
    assert conversation_end(store.encounter(maya.id), at(71)) == at(40) + QUIET_AFTER
    # A note written after the end does not reopen the conversation.
    fixed_clock.at = at(90)
    store.add_note(maya.id, "remembered: she has a cat called Pancake")
    assert conversation_end(store.encounter(maya.id), at(91)) == at(70)


def test_e_stamps_the_end_and_never_later_than_it_really_ended(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    maya = capture(store, fixed_clock, 0, "Maya Chen", event_id)
    fixed_clock.at = at(8)
    assert store.end_conversation(maya.id).ended_at == at(8)
    zoe = capture(store, fixed_clock, 10, "Zoë Ångström", event_id)
    capture(store, fixed_clock, 14, "Tess Ng", event_id)
    fixed_clock.at = at(50)  # "e" on Zoë long after Tess came along
    assert store.end_conversation(zoe.id).ended_at == at(14)


def test_ending_the_event_ends_every_conversation(
    store: Store, event_id: int, fixed_clock: Clock, db_path: Path
) -> None:
    capture(store, fixed_clock, 0, "Maya Chen", event_id)
    capture(store, fixed_clock, 12, "Zoë Ångström", event_id)
    fixed_clock.at = at(20)
    store.end_event(event_id)
    ends = {e.name: e.ended_at for e in store.encounters(event_id)}
    assert ends == {"Maya Chen": at(12), "Zoë Ångström": at(20)}
    assert talking(store, event_id, at(21)) == []
    with Store.open(db_path) as reopened:  # stamped, durably
        assert {e.name: e.ended_at for e in reopened.encounters(event_id)} == ends


def test_a_capture_still_reads_no_other_encounter(db_path: Path, fixed_clock: Clock) -> None:
    with Store.open(db_path) as store:
        event = store.create_event("Big Conference", live=True)
        for minute in range(30):
            capture(store, fixed_clock, minute, f"Person {minute}", event.id)
    with Store.open(db_path) as store:
        fixed_clock.at = at(31)
        newest = store.capture("Next One")
        # Ending the conversation before it needed no reading of the encounters.
        assert {"encounters", "_sync_encounters"} <= set(store.storage.unparsed_tables())
        assert newest.next_met is None
        assert [e.name for e in store.encounters(event.id) if is_talking(e, at(32))] == ["Next One"]


def test_after_listing_the_event_a_save_reads_its_encounters_no_more(
    db_path: Path, fixed_clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live screen lists its event first; the conversation starts read for that list
    # are kept, so the first save does not read the whole event again (at 50,000 people
    # that read cost ~150 ms on the saving thread).
    with Store.open(db_path) as store:
        event = store.create_event("Big Conference", live=True)
        for minute in range(5):
            capture(store, fixed_clock, minute, f"Person {minute}", event.id)
    with Store.open(db_path) as store:
        listed = store.encounters(event.id)
        assert len(listed) == 5

        def no_reading(event_id: int) -> dict[str, object]:
            raise AssertionError("the event's encounters were read again")

        monkeypatch.setattr(store, "_event_docs", no_reading)
        fixed_clock.at = at(10)
        newest = store.capture("Next One", event.id)
        assert newest.next_met is None
        fixed_clock.at = at(12)
        store.capture("After That", event.id)
        assert store.encounter(newest.id).next_met == at(12)
        assert store.encounter(listed[-1].id).next_met == at(1)  # Person 0, ended by 1
        monkeypatch.undo()
        # Another process's save is loaded: what was kept is forgotten and read again.
        with Store.open(db_path) as other:
            fixed_clock.at = at(11)
            other.capture("From Elsewhere", event.id)
        assert store.storage.reload()
        assert store.encounter(newest.id).next_met == at(11)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_demo_opens_on_one_recent_conversation(
    tmp_path: Path, seed: int, clock_at: ClockAt
) -> None:
    now = datetime(2026, 5, 20, 14, 7, 33, tzinfo=START.tzinfo)  # hours after the start
    clock_at(now)
    with Store.open(tmp_path / "hallway.json") as store:
        generate_demo(store, people=120, seed=seed)
        live = store.live_event()
        assert live is not None and live.starts is not None
        assert now - live.starts > timedelta(hours=4)
        people = store.encounters(live.id)
        going_on = [e for e in people if is_talking(e, now)]
        assert going_on == [people[0]]  # the newest person, and only them
        begun = now - going_on[0].met_at
        assert timedelta(minutes=2) <= begun <= timedelta(minutes=15)
        # Every other conversation ended, and none ran on past the next one.
        for encounter in people[1:]:
            end = conversation_end(encounter, now)
            assert end is not None and end <= (encounter.next_met or now)


def test_removing_a_capture_made_by_mistake_gives_the_conversation_back(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    maya = capture(store, fixed_clock, 0, "Maya Chen", event_id)
    typo = capture(store, fixed_clock, 5, "Zoe Angstrm", event_id)
    assert conversation_end(store.encounter(maya.id), at(6)) == at(5)
    removed = store.encounter(typo.id)
    store.delete_encounter(typo.id)
    assert is_talking(store.encounter(maya.id), at(6))  # one record, or the list
    assert talking(store, event_id, at(6)) == ["Maya Chen"]
    store.save_encounter(removed)  # undone
    assert conversation_end(store.encounter(maya.id), at(6)) == at(5)


def test_an_odd_document_hides_no_one_elses_end(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    maya = capture(store, fixed_clock, 0, "Maya Chen", event_id)
    capture(store, fixed_clock, 5, "Zoë Ångström", event_id)
    with store.transaction():  # a hand edit left a broken time in someone else's record
        odd = store.save_encounter(Encounter(event_id=event_id, name="Odd", met_at=at(3)))
        store.storage.put_doc("encounters", str(odd.id), {**odd.to_doc(), "met_at": "soon"})
    with Store.open(store.path) as fresh:
        assert conversation_end(fresh.encounter(maya.id), at(6)) == at(5)
