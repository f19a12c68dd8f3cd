"""Debrief decisions (promote, keep, let go, reconsider) and the drafted first follow-up."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from hallway.store.contacts import (
    contact_encounters,
    contact_follow_ups,
    contact_notes,
    edit_contact,
    log_interaction,
    snooze,
)
from hallway.store.db import Store
from hallway.store.debrief import (
    draft_follow_up,
    keep_as_acquaintance,
    let_go,
    promote,
    reconsider,
    undecided,
)
from hallway.store.errors import HallwayError, NotFound
from hallway.store.records import Encounter, Note
from tests.clock import Clock

START = datetime(2025, 6, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))
pytestmark = pytest.mark.clock(START)


def test_undecided_lists_new_encounters_oldest_first(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    first = store.capture("Ann Lee", event_id)
    fixed_clock.advance(minutes=5)
    second = store.capture("Bo Chen", event_id)
    fixed_clock.advance(minutes=5)
    third = store.capture("Cy Diaz", event_id)
    other_event = store.create_event("Other meetup").id
    store.capture("Dee Evans", other_event)
    let_go(store, second.id)
    assert [e.id for e in undecided(store, event_id)] == [first.id, third.id]


def test_promote_new_contact(
    store: Store, event_id: int, fixed_clock: Clock, db_path: Path
) -> None:
    met = store.capture("Maya Chen, data engineer @Acme #sourdough -- loves focaccia", event_id)
    fixed_clock.advance(hours=20)
    contact = promote(store, met.id, follow_up="Send Maya my focaccia recipe")

    assert (contact.name, contact.role, contact.org) == ("Maya Chen", "data engineer", "Acme")
    assert contact.topics == ["sourdough"]
    assert contact.encounter_ids == [met.id]
    assert contact.cadence_days == 60
    assert contact.last_touch == met.met_at  # the conversation is the first touch
    assert contact.next_due == met.met_at.date() + timedelta(days=60)

    with Store.open(db_path) as reopened:  # durable, and consistent on disk
        encounter = reopened.encounter(met.id)
        assert encounter.status == "promoted"
        assert encounter.contact_id == contact.id
        [follow_up] = encounter.follow_ups
        assert follow_up.text == "Send Maya my focaccia recipe"
        assert follow_up.due == fixed_clock.at.date() + timedelta(days=3)
        assert reopened.contact(contact.id).next_due == contact.next_due


def test_promote_with_cadence_and_blank_follow_up(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    contact = promote(store, met.id, cadence_days=21, follow_up="   ")
    assert contact.cadence_days == 21
    assert contact.next_due == met.met_at.date() + timedelta(days=21)
    assert store.encounter(met.id).follow_ups == []


def test_promote_refuses_bad_rhythm_and_past_follow_up(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    with pytest.raises(HallwayError, match="between one day and ten years"):
        promote(store, met.id, cadence_days=0)
    with pytest.raises(HallwayError, match="follow-up date has passed"):
        promote(store, met.id, follow_up="call", follow_up_due=date(2025, 6, 1))
    assert store.contacts() == []
    assert store.encounter(met.id).status == "new"


def test_promote_merges_into_existing_contact(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    earlier_event = store.create_event("PyCon Berlin 2024", starts=START - timedelta(days=365))
    old = store.capture("Tessa Ng @Acme #chess -- promised the chess club link", earlier_event.id)
    store.add_follow_up(old.id, "send chess club link", date(2025, 6, 12))
    contact = promote(store, old.id, cadence_days=182)
    fixed_clock.advance(days=1)
    new = store.capture("Tess Ng, platform lead @Globex #go #chess -- plays go", event_id)

    merged = promote(store, new.id, merge_into=contact.id, follow_up="Ask Tess about go clubs")

    assert merged.id == contact.id
    assert merged.encounter_ids == [old.id, new.id]
    assert merged.topics == ["chess", "go"]
    assert (merged.name, merged.org) == ("Tessa Ng", "Acme")  # kept, never overwritten
    assert merged.role == "platform lead"  # a blank is filled
    assert merged.cadence_days == 182  # a merge keeps the contact's rhythm
    assert merged.last_touch == new.met_at
    assert merged.next_due == new.met_at.date() + timedelta(days=182)
    assert len(store.contacts()) == 1

    how_we_met = contact_encounters(store, merged)
    assert [(ev.name, enc.id) for ev, enc in how_we_met] == [
        ("PyCon Berlin 2024", old.id),
        ("PyCon Berlin 2025", new.id),
    ]
    follow_ups = contact_follow_ups(store, merged)
    assert [(enc.id, i, f.text) for enc, i, f in follow_ups] == [
        (old.id, 0, "send chess club link"),
        (new.id, 0, "Ask Tess about go clubs"),
    ]
    notes = [n.text for n, _ in contact_notes(store, merged)]
    assert notes == ["promised the chess club link", "plays go"]


def test_promote_does_not_repeat_an_open_promise(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    store.add_follow_up(met.id, "Send Ann the slides")
    promote(store, met.id, follow_up="send ann the slides")
    assert [f.text for f in store.encounter(met.id).follow_ups] == ["Send Ann the slides"]


def test_promote_is_one_transaction(
    store: Store, event_id: int, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    met = store.capture("Ann Lee", event_id)

    def fail(encounter_id: int, change: object) -> Encounter:
        raise OSError("disk on fire")

    monkeypatch.setattr(store, "update_encounter", fail)
    with pytest.raises(OSError):
        promote(store, met.id)
    assert store.contacts() == []  # the contact saved before the failure was rolled back
    with Store.open(db_path) as reopened:
        assert reopened.contacts() == []
        assert reopened.encounter(met.id).status == "new"


def test_promote_into_missing_contact_changes_nothing(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    with pytest.raises(NotFound):
        promote(store, met.id, merge_into=99)
    assert store.encounter(met.id).status == "new"
    assert store.contacts() == []


def test_acquaintance_and_let_go(store: Store, event_id: int) -> None:
    ann = store.capture("Ann Lee", event_id)
    bo = store.capture("Bo Chen -- promised a book", event_id)
    store.add_follow_up(bo.id, "lend the book")
    assert keep_as_acquaintance(store, ann.id).status == "acquaintance"
    gone = let_go(store, bo.id)
    assert gone.status == "let-go"
    assert [f.text for f in gone.follow_ups] == ["lend the book"]  # a promise stays
    assert store.contacts() == []


def test_unpromoting_removes_a_contact_with_nothing_else(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee #chess", event_id)
    contact = promote(store, met.id)
    encounter = keep_as_acquaintance(store, met.id)
    assert (encounter.status, encounter.contact_id) == ("acquaintance", None)
    assert store.contacts() == []
    with pytest.raises(NotFound):
        store.contact(contact.id)


def test_unpromoting_keeps_a_contact_with_history_of_its_own(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    met = store.capture("Ann Lee #chess", event_id)
    contact = promote(store, met.id)
    fixed_clock.advance(days=2)
    log_interaction(store, contact.id, "coffee", "talked chess")
    reconsider(store, met.id)
    kept = store.contact(contact.id)
    assert kept.encounter_ids == []
    assert kept.topics == []  # the topic came only with that encounter
    assert kept.last_touch == fixed_clock.at  # the coffee is still the last touch
    assert store.encounter(met.id).status == "new"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ("name", {"name": "Ann Lee-Smith"}),
        ("role", {"role": "chess coach"}),
        ("org", {"org": "Globex"}),
        ("topics", {"topics": ["chess", "go"]}),
        ("rhythm", {"cadence_days": "3 weeks"}),
    ],
)
@pytest.mark.parametrize("undo", [keep_as_acquaintance, let_go, reconsider])
def test_unpromoting_keeps_a_contact_the_user_edited(
    store: Store, event_id: int, change: str, fields: dict[str, Any], undo: Any
) -> None:
    met = store.capture("Ann Lee #chess", event_id)
    contact = promote(store, met.id)
    edited = edit_contact(store, contact.id, **fields)
    undo(store, met.id)
    kept = store.contact(contact.id)  # the user's edit is history of its own
    assert kept.encounter_ids == []
    assert (kept.name, kept.role, kept.org, kept.cadence_days) == (
        edited.name,
        edited.role,
        edited.org,
        edited.cadence_days,
    )


def test_unpromoting_keeps_a_snoozed_contact(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    contact = promote(store, met.id)
    snoozed = snooze(store, contact.id, days=10)
    let_go(store, met.id)
    assert store.contact(contact.id).snoozed_until == snoozed.snoozed_until


def test_an_edit_that_changes_nothing_is_not_history(store: Store, event_id: int) -> None:
    # The edit dialog sends every field, changed or not.
    met = store.capture("Ann Lee, coach @Globex #chess", event_id)
    contact = promote(store, met.id)
    same = edit_contact(
        store,
        contact.id,
        name=contact.name,
        role=contact.role,
        org=contact.org,
        topics=list(contact.topics),
        cadence_days=contact.cadence_days,
        email="",
        phone="",
        url="",
    )
    assert not same.edited
    keep_as_acquaintance(store, met.id)
    with pytest.raises(NotFound):
        store.contact(contact.id)


def test_unpromoting_one_of_two_encounters_keeps_the_other(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    first = store.capture("Ann Lee #chess #go", event_id)
    contact = promote(store, first.id)
    fixed_clock.advance(days=30)
    second = store.capture("Ann Lee #go #jazz", event_id)
    promote(store, second.id, merge_into=contact.id)
    let_go(store, second.id)
    kept = store.contact(contact.id)
    assert kept.encounter_ids == [first.id]
    assert kept.topics == ["chess", "go"]  # go is still backed by the first encounter
    assert kept.last_touch == first.met_at
    assert kept.next_due == first.met_at.date() + timedelta(days=60)


def test_repromoting_and_moving_between_contacts(store: Store, event_id: int) -> None:
    ann = store.capture("Ann Lee", event_id)
    keep_as_acquaintance(store, ann.id)
    first = promote(store, ann.id)
    assert store.encounter(ann.id).contact_id == first.id
    same = promote(store, ann.id, cadence_days=365)  # promoting again only updates
    assert (same.id, same.cadence_days) == (first.id, 365)

    other = store.capture("Ann B. Lee -- also Ann", event_id)
    target = promote(store, other.id)
    moved = promote(store, ann.id, merge_into=target.id)
    assert moved.encounter_ids == [other.id, ann.id]
    with pytest.raises(NotFound):
        store.contact(first.id)  # left with nothing, so removed


def test_promote_again_after_the_contact_vanished(store: Store, event_id: int) -> None:
    met = store.capture("Ann Lee", event_id)
    gone = promote(store, met.id)
    store._delete("contacts", gone.id)  # as if another process had removed it
    again = promote(store, met.id)
    assert store.encounter(met.id).contact_id == again.id
    assert [c.id for c in store.contacts()] == [again.id]


def _encounter(name: str, *notes: str, topics: tuple[str, ...] = ()) -> Encounter:
    return Encounter(
        event_id=1,
        name=name,
        met_at=START,
        topics=list(topics),
        notes=[Note(text, START) for text in notes],
    )


@pytest.mark.parametrize(
    ("encounter", "draft"),
    [
        (
            _encounter("Ann Lee", "Chess nerd. Promised to send her the chess club link."),
            "Send Ann the chess club link",
        ),
        (_encounter("Maya Chen", "promised my focaccia recipe"), "Send Maya my focaccia recipe"),
        (
            _encounter("Bo", "I'll share the deck from my talk"),
            "Share the deck from my talk with Bo",
        ),
        (
            _encounter("Cy Diaz", "will intro him to Dana from Acme"),
            "Introduce Cy to Dana from Acme",
        ),
        (_encounter("Eve", "should email them the paper"), "Email Eve the paper"),
        (_encounter("Eve", "send slides"), "Send Eve slides"),
        (
            _encounter("Fay", "her email is fay@example.org", topics=("go",)),
            "Message Fay about go",
        ),
        (_encounter("Gil", "loved the text editor talk"), "Message Gil to say it was good to meet"),
        (
            _encounter("Ann Lee", "likes jazz", topics=("chess", "go", "jazz")),
            "Message Ann about chess and go",
        ),
        (_encounter("李雷", topics=("围棋",)), "Message 李雷 about 围棋"),
        (_encounter("Zoë Ångström"), "Message Zoë to say it was good to meet"),
    ],
)
def test_draft_follow_up(encounter: Encounter, draft: str) -> None:
    assert draft_follow_up(encounter) == draft


def test_draft_follow_up_is_short_and_keeps_markup_literal() -> None:
    long = _encounter("Ann", "promised to send " + "the [bold]very[/bold] long list " * 20)
    draft = draft_follow_up(long)
    assert draft.startswith("Send Ann the [bold]very[/bold] long list")
    assert len(draft) <= 121
    assert draft.endswith("…")
