"""Conflict copies a sync tool made (from an older Hallway, or files copied by hand): merged,
set aside in conflicts/, and told; merging the same copy twice changes nothing more."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hallway.store.db import Store
from hallway.store.devices import Device
from hallway.store.records import Encounter, Event, FollowUp, Note
from tests.clock import ClockAt

PHONE = Device("2b" * 16, 22, "phone")
MET = datetime(2026, 11, 28, 10, 0).astimezone()
SYNCTHING = "hallway.sync-conflict-20261128-101010-ABCDEFG.json"
DROPBOX = "hallway (Maya's conflicted copy 2026-11-28).json"


@pytest.fixture(autouse=True)
def _ticking(clock_at: ClockAt) -> None:
    clock_at(MET + timedelta(days=1), tick=timedelta(seconds=1))


def _legacy_file(
    path: Path, encounters: dict[int, Encounter], events: dict[int, Event] | None = None
) -> None:
    """A database as a Hallway from before devices wrote it: stock TinyDB JSON, counter ids,
    items without ids, no sync entries."""
    events = events or {1: Event("PyCon", "Berlin", starts=MET)}

    def bare(doc: dict[str, Any]) -> dict[str, Any]:
        for value in doc.values():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        item.pop("id", None)
        return doc

    tables = {
        "events": {str(k): bare(v.to_doc()) for k, v in events.items()},
        "encounters": {str(k): bare(v.to_doc()) for k, v in encounters.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tables))


def _maya(*notes: str, topics: tuple[str, ...] = ("sourdough",)) -> Encounter:
    return Encounter(
        event_id=1,
        name="Maya Chen",
        met_at=MET,
        topics=list(topics),
        notes=[Note(text, MET + timedelta(minutes=i)) for i, text in enumerate(notes)],
    )


def _person(name: str, minutes: int) -> Encounter:
    return Encounter(event_id=1, name=name, met_at=MET + timedelta(minutes=minutes))


def test_a_legacy_conflict_copy_is_merged_person_by_person(tmp_path: Path) -> None:
    """The old problem: both devices wrote encounter 2, each a different person."""
    home = tmp_path / "Sync" / "hallway.json"
    _legacy_file(home, {1: _maya("bakes on Sundays"), 2: _person("Ana Souza", 5)})
    copy = home.with_name(SYNCTHING)
    phone_maya = _maya("bakes on Sundays", "starter called Bob", topics=("sourdough", "cycling"))
    phone_maya.follow_ups = [FollowUp("send the focaccia recipe", date(2026, 12, 1))]
    _legacy_file(copy, {1: phone_maya, 2: _person("Ben Okafor", 7)})

    with Store.open(home) as store:
        notices = store.take_notices()
        people = sorted(store.encounters(), key=lambda e: e.met_at)
        assert [e.name for e in people] == ["Maya Chen", "Ana Souza", "Ben Okafor"]
        maya, ana, ben = people
        assert (maya.id, ana.id) == (1, 2)  # this database's ids stay
        assert ben.id not in (1, 2) and ben.event_id == 1  # a fresh id, the same event
        assert [n.text for n in maya.notes] == ["bakes on Sundays", "starter called Bob"]
        assert len({n.id for n in maya.notes}) == 2
        assert sorted(maya.topics) == ["cycling", "sourdough"]
        assert [f.text for f in maya.follow_ups] == ["send the focaccia recipe"]
    report = Store.check(home)
    assert report.ok, report.problems
    assert not copy.exists()
    kept = tmp_path / "Sync" / "conflicts" / SYNCTHING
    assert kept.exists()
    assert any(SYNCTHING in n and "conflicts/" + SYNCTHING in n for n in notices)

    # The same copy again (a second device put it back): nothing more comes in.
    shutil.copy(kept, copy)
    with Store.open(home) as store:
        assert sorted(e.name for e in store.encounters()) == [
            "Ana Souza",
            "Ben Okafor",
            "Maya Chen",
        ]
        assert len(store.encounter(1).notes) == 2
    assert (
        tmp_path / "Sync" / "conflicts" / "hallway.sync-conflict-20261128-101010-ABCDEFG-2.json"
    ).exists()


def test_a_scalar_both_changed_keeps_this_databases_value_and_the_other_in_history(
    tmp_path: Path,
) -> None:
    home = tmp_path / "hallway.json"
    here, there = _maya(), _maya()
    here.role, there.role = "data engineer", "data lead"
    _legacy_file(home, {1: here})
    _legacy_file(home.with_name(DROPBOX), {1: there})
    with Store.open(home) as store:
        assert store.encounter(1).role == "data engineer"
        history = store.storage.get_doc("_sync_encounters", "1")
        assert history is not None
        assert [value for _stamp, value in history["w"]["role"]] == ["data lead"]


def test_a_copy_written_with_stamps_merges_like_another_device(tmp_path: Path) -> None:
    home = tmp_path / "hallway.json"
    with Store.open(home) as store:
        maya = store.capture("Maya Chen #sourdough")
    elsewhere = tmp_path / "elsewhere"  # a copy made by hand, then worked on apart
    elsewhere.mkdir()
    shutil.copy(home, elsewhere / "hallway.json")
    with Store.open(home) as store:
        store.capture("Ana Souza #climbing")
    with Store.open(elsewhere / "hallway.json") as other:
        other.add_note(maya.id, "starter called Bob")
    shutil.copy(elsewhere / "hallway.json", home.with_name("hallway 2.json"))  # iCloud's name
    with Store.open(home) as store:
        assert sorted(e.name for e in store.encounters()) == ["Ana Souza", "Maya Chen"]
        assert [n.text for n in store.encounter(maya.id).notes] == ["starter called Bob"]
        assert store.take_notices()
    assert (tmp_path / "conflicts" / "hallway 2.json").exists()


def test_an_unreadable_copy_is_kept_aside_unmerged_and_said(tmp_path: Path) -> None:
    home = tmp_path / "hallway.json"
    with Store.open(home) as store:
        store.capture("Maya Chen")
    home.with_name(SYNCTHING).write_bytes(b'{"_meta": {"1": {"schema"')
    with Store.open(home) as store:
        (notice,) = store.take_notices()
        assert "could not read" in notice and "Nothing in it was merged" in notice
        assert [e.name for e in store.encounters()] == ["Maya Chen"]
    assert (tmp_path / "conflicts" / SYNCTHING).read_bytes().startswith(b'{"_meta"')


def test_an_open_store_picks_up_a_copy_on_its_next_poll(tmp_path: Path) -> None:
    home = tmp_path / "hallway.json"
    with Store.open(home) as store:
        assert not store.refresh()
        _legacy_file(home.with_name(DROPBOX), {7: _person("Ben Okafor", 3)})
        assert store.refresh()
        assert [e.name for e in store.encounters()] == ["Ben Okafor"]
        assert store.take_notices()


def test_a_legacy_journal_copy_is_merged_too(tmp_path: Path) -> None:
    home = tmp_path / "hallway.json"
    with Store.open(home, device=PHONE) as store:
        store.capture("Maya Chen")
    # An older Hallway's journal (no sync entries): written here by hand in its format.
    from hallway.store.engine.journal import encode_line, header_line

    doc = _person("Ben Okafor", 9).to_doc()
    journal = header_line(1, "old-db", "j1") + encode_line([1, [["encounters", "3", doc]]])
    home.with_name("hallway.json.sync-conflict-20261128-101010-ABCDEFG.journal").write_bytes(
        journal
    )
    with Store.open(home, device=PHONE) as store:
        assert sorted(e.name for e in store.encounters()) == ["Ben Okafor", "Maya Chen"]
