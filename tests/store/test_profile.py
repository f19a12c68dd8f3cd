"""Your own interests and the contacts' wording (issue 10, point 14, the store's part): an
interest is "shared" only when it is yours too; the give-and-take line never repeats its verb."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallway.store.contacts import give_take_words
from hallway.store.db import Store
from hallway.store.debrief import promote
from hallway.store.demo import generate_demo
from hallway.store.errors import HallwayError
from hallway.store.interop.ics import export_ics
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.profile import (
    interests,
    is_yours,
    mark_yours,
    toggle_yours,
    unmark_yours,
    your_topics,
)
from hallway.store.records import GiveTake
from tests.clock import START


def test_marking_your_own_topics(store: Store, db_path: Path) -> None:
    assert your_topics(store) == []
    assert mark_yours(store, "#Sea-Swimming") == ["sea-swimming"]
    assert mark_yours(store, "sourdough") == ["sea-swimming", "sourdough"]
    assert mark_yours(store, "sourdough") == ["sea-swimming", "sourdough"]  # once
    assert is_yours(store, "#sourdough") and not is_yours(store, "jazz")
    assert toggle_yours(store, "jazz") is True
    assert toggle_yours(store, "jazz") is False
    assert unmark_yours(store, "sea-swimming") == ["sourdough"]
    with pytest.raises(HallwayError, match="is not a topic"):
        mark_yours(store, "sea swimming")
    with Store.open(db_path) as reopened:  # durable
        assert your_topics(reopened) == ["sourdough"]


def test_only_your_own_topics_are_shared(store: Store, event_id: int) -> None:
    maya = store.capture("Maya Chen #sourdough #bouldering #baby-sitters-club", event_id)
    contact = promote(store, maya.id)
    split = interests(store, contact)
    assert (split.shared, split.theirs) == ([], ["sourdough", "bouldering", "baby-sitters-club"])
    mark_yours(store, "bouldering")
    split = interests(store, store.contact(contact.id))
    assert (split.shared, split.theirs) == (["bouldering"], ["sourdough", "baby-sitters-club"])


def test_the_catch_up_reminder_says_whose_interests(store: Store, event_id: int) -> None:
    maya = store.capture("Maya Chen #sourdough #bouldering", event_id)
    promote(store, maya.id, cadence_days=1)
    mark_yours(store, "sourdough")
    text = export_ics(store).replace("\r\n ", "")
    assert "Interests you share: sourdough" in text
    assert "Their interests: bouldering" in text
    assert "Shared interests" not in text


def test_your_topics_travel_in_the_json_export(store: Store, tmp_path: Path) -> None:
    store.capture("Maya Chen #sourdough")
    plain = json.loads(export_json(store))
    assert "profile" not in plain  # nothing marked: the export is as before
    mark_yours(store, "sourdough")
    exported = export_json(store)
    profile = json.loads(exported)["profile"]
    assert {k: v for k, v in profile.items() if k != "sync"} == {"topics": ["sourdough"]}
    assert profile["sync"]  # with its merge bookkeeping (export schema 2)
    with Store.open(tmp_path / "copy.json") as copy:
        mark_yours(copy, "jazz")
        import_json(copy, exported, replace=True)
        assert your_topics(copy) == ["sourdough"]
        import_json(copy, json.dumps(plain).encode(), replace=True)
        assert your_topics(copy) == []  # the export had none: the database has none
    bad = {**plain, "profile": {"topics": "sourdough"}}
    with Store.open(tmp_path / "victim.json") as victim, pytest.raises(HallwayError) as refused:
        import_json(victim, json.dumps(bad).encode())
    assert "profile.topics should be a list" in str(refused.value)


@pytest.mark.parametrize(
    ("direction", "text", "line"),
    [
        ("received", "offered to review my talk", "they offered to review my talk"),
        ("received", "Offered a lift to the station", "they offered a lift to the station"),
        ("gave", "I offered a lift", "you offered a lift"),
        ("gave", "Sent my focaccia recipe", "you sent my focaccia recipe"),
        (
            "received",
            "Recommended a great book about jazz",
            "they recommended a great book about jazz",
        ),
        ("received", "Introduced me to their team lead", "they introduced me to their team lead"),
        ("gave", "Lent a book about chess", "you lent a book about chess"),
        ("gave", "focaccia recipe", "you offered: focaccia recipe"),
        ("received", "Speed-dating tickets", "they offered: Speed-dating tickets"),
        ("received", "Speed dating tickets", "they offered: Speed dating tickets"),
    ],
)
def test_give_and_take_never_repeats_its_verb(direction: str, text: str, line: str) -> None:
    entry = GiveTake(START, direction, text)  # type: ignore[arg-type]
    assert give_take_words(entry) == line
    assert "offered: offered" not in give_take_words(entry).casefold()


def test_the_demo_shares_some_interests(tmp_path: Path) -> None:
    with Store.open(tmp_path / "hallway.json") as store:
        generate_demo(store, people=120, seed=0)
        assert your_topics(store)
        splits = [interests(store, c) for c in store.contacts()]
        assert any(s.shared for s in splits) and any(s.theirs for s in splits)
