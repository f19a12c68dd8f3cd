"""Merging another database's JSON export into this one (``hallway import json --merge``): by
the rules two devices merge by, with ids that never meet, idempotent, and refusing bad files
untouched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from hallway.store.db import Store
from hallway.store.devices import Device
from hallway.store.errors import HallwayError
from hallway.store.interop.json_merge import merge_json
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.interop.vcard import export_vcard
from hallway.store.records import Contact, Encounter, Event
from tests.clock import Clock
from tests.interop.interop_fixtures import SAMPLES, at
from tests.old_format import tables_of_export, write_old_database

LAPTOP = Device("1a" * 16, 11, "laptop")
PHONE = Device("2b" * 16, 22, "phone")
OLD = SAMPLES / "export-schema1.json"


def _without_time(data: bytes) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(data)
    del document["exported_at"]
    return document


def _old_records(
    store: Store, event: str, people: list[str], contact: str, *, circle: bool = False
) -> None:
    """Records with counter ids (1, 2, 3...), as a database from before devices has them."""
    when = at(12, 10)
    events = [Event(event, "Berlin", starts=when, id=1)]
    encounters = [
        Encounter(1, name, when + timedelta(minutes=n), id=n + 1, topics=["sourdough"])
        for n, name in enumerate(people)
    ]
    if circle:
        encounters[1].circle, encounters[2].circle = [3], [2]
    encounters[0].contact_id = 1
    encounters[0].status = "promoted"
    contacts = [Contact(contact, encounter_ids=[1], id=1)]
    store.replace_all(events, encounters, contacts)


@pytest.fixture
def laptop(tmp_path: Path, fixed_clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "laptop" / "hallway.json", device=LAPTOP) as store:
        _old_records(
            store, "PyCon Berlin", ["Maya Chen", "Tom Ford", "Ana Lima"], "Maya Chen", circle=True
        )
        yield store


@pytest.fixture
def phone(tmp_path: Path, fixed_clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "phone" / "hallway.json", device=PHONE) as store:
        _old_records(store, "Sourdough Meetup", ["Zoë Ångström", "Li Lei"], "Zoë Ångström")
        store.capture("Sam Okafor #climbing -- made on the phone")
        yield store


def _names(store: Store) -> dict[str, list[str]]:
    return {
        "events": sorted(e.name for e in store.events()),
        "encounters": sorted(e.name for e in store.encounters()),
        "contacts": sorted(c.name for c in store.contacts()),
    }


def _encounter(store: Store, name: str) -> Encounter:
    (found,) = [e for e in store.encounters() if e.name == name]
    return found


# -- another database ----------------------------------------------------------------------


def test_another_databases_records_join_without_meeting_these(laptop: Store, phone: Store) -> None:
    before = export_json(laptop)
    cards_before = export_vcard(laptop)
    summary = merge_json(laptop, export_json(phone))
    assert summary.changed and summary.backup is not None
    assert _names(laptop) == {
        # The phone's capture went to an event named after the day.
        "events": sorted(["PyCon Berlin", "Sourdough Meetup", "Wednesday 14 May 2025"]),
        "encounters": ["Ana Lima", "Li Lei", "Maya Chen", "Sam Okafor", "Tom Ford", "Zoë Ångström"],
        "contacts": ["Maya Chen", "Zoë Ångström"],
    }
    # The laptop's own records keep their counter ids (and so their export UIDs)...
    maya = _encounter(laptop, "Maya Chen")
    assert (maya.id, maya.event_id, maya.contact_id) == (1, 1, 1)
    assert export_vcard(laptop).startswith(cards_before.removesuffix("END:VCARD\r\n"))
    # ...the phone's counter-id records take ids of their own, every reference following.
    zoe, li = _encounter(laptop, "Zoë Ångström"), _encounter(laptop, "Li Lei")
    assert zoe.id > 2**21 and li.id > 2**21 and zoe.id != li.id
    meetup = laptop.event(zoe.event_id)
    assert meetup.name == "Sourdough Meetup" and li.event_id == meetup.id
    (zoe_contact,) = [c for c in laptop.contacts() if c.name == "Zoë Ångström"]
    assert zoe.contact_id == zoe_contact.id and zoe_contact.encounter_ids == [zoe.id]
    # A record the phone made since devices keeps its id.
    sam = _encounter(laptop, "Sam Okafor")
    assert sam.id == _encounter(phone, "Sam Okafor").id
    assert [n.text for n in sam.notes] == ["made on the phone"]
    # The backup holds the laptop as it was.
    (tmp := summary.backup.parent.parent / "restore").mkdir()
    (tmp / "hallway.json").write_bytes(summary.backup.read_bytes())
    with Store.open(tmp / "hallway.json") as restored:
        assert (
            _without_time(export_json(restored))["encounters"]
            == _without_time(before)["encounters"]
        )


def test_merging_the_same_file_twice_changes_nothing_the_second_time(
    laptop: Store, phone: Store
) -> None:
    exported = export_json(phone)
    assert merge_json(laptop, exported).changed
    once = export_json(laptop)
    backups = sorted(laptop.backups_folder.iterdir())
    again = merge_json(laptop, exported)
    assert not again.changed and again.backup is None
    assert "already holds everything" in again.message and "nothing changed" in again.message
    assert _without_time(export_json(laptop)) == _without_time(once)
    assert sorted(laptop.backups_folder.iterdir()) == backups  # no backup for nothing


def test_there_and_back_again_makes_no_copies(laptop: Store, phone: Store) -> None:
    merge_json(phone, export_json(laptop))
    merge_json(laptop, export_json(phone))
    assert _names(laptop) == _names(phone)
    assert _names(laptop)["encounters"] == [
        "Ana Lima",
        "Li Lei",
        "Maya Chen",
        "Sam Okafor",
        "Tom Ford",
        "Zoë Ångström",
    ]
    # Each side's own counter records came back to their own ids.
    assert _encounter(laptop, "Maya Chen").id == 1
    assert _encounter(phone, "Zoë Ångström").id == 1
    # Both agree on every id: the same file from either side merges into nothing new.
    assert not merge_json(laptop, export_json(phone)).changed
    assert not merge_json(phone, export_json(laptop)).changed
    circle = _encounter(phone, "Tom Ford").circle
    assert circle == [_encounter(phone, "Ana Lima").id]


def test_a_removal_merges_unless_the_record_changed_here_since(
    laptop: Store, phone: Store, fixed_clock: Clock
) -> None:
    merge_json(phone, export_json(laptop))
    fixed_clock.advance(minutes=1)
    phone.delete_encounter(_encounter(phone, "Tom Ford").id)
    phone.delete_encounter(_encounter(phone, "Ana Lima").id)
    fixed_clock.advance(minutes=1)
    laptop.add_note(_encounter(laptop, "Ana Lima").id, "she starts in June")  # after the removal
    merge_json(laptop, export_json(phone))
    names = _names(laptop)["encounters"]
    assert "Tom Ford" not in names  # removed there, untouched here: removed
    assert [n.text for n in _encounter(laptop, "Ana Lima").notes] == ["she starts in June"]
    assert _encounter(laptop, "Ana Lima").circle == []  # Tom left the circle with his removal


def test_changes_on_both_sides_merge_field_by_field(
    laptop: Store, phone: Store, fixed_clock: Clock
) -> None:
    merge_json(phone, export_json(laptop))
    # The laptop's Maya has her counter id there, and an id of her own on the phone.
    here, there = _encounter(laptop, "Maya Chen").id, _encounter(phone, "Maya Chen").id
    assert here == 1 and there != 1
    fixed_clock.advance(minutes=1)
    laptop.add_note(here, "note from the laptop")
    laptop.update_encounter(here, lambda e: setattr(e, "role", "data engineer"))
    laptop.update_encounter(here, lambda e: setattr(e, "org", "Acme"))
    fixed_clock.advance(minutes=1)
    phone.add_note(there, "note from the phone")
    phone.update_encounter(there, lambda e: setattr(e, "org", "Acme Robotics"))  # later
    merge_json(laptop, export_json(phone))
    maya = laptop.encounter(here)
    assert sorted(n.text for n in maya.notes) == ["note from the laptop", "note from the phone"]
    assert (maya.role, maya.org) == ("data engineer", "Acme Robotics")
    merge_json(phone, export_json(laptop))
    on_phone = phone.encounter(there)
    assert (on_phone.notes, on_phone.role, on_phone.org) == (maya.notes, maya.role, maya.org)


def test_an_older_export_of_this_database_overwrites_nothing_newer(
    laptop: Store, fixed_clock: Clock
) -> None:
    older = export_json(laptop)
    fixed_clock.advance(minutes=1)
    laptop.update_encounter(1, lambda e: setattr(e, "name", "Maya Chen-Park"))
    laptop.delete_encounter(_encounter(laptop, "Tom Ford").id)
    now = export_json(laptop)
    summary = merge_json(laptop, older)
    assert not summary.changed
    assert _without_time(export_json(laptop)) == _without_time(now)


def test_one_event_stays_live_when_both_databases_had_one(
    laptop: Store, phone: Store, fixed_clock: Clock
) -> None:
    laptop.create_event("Laptop Day", live=True)
    fixed_clock.advance(hours=2)
    phone.create_event("Phone Evening", live=True)
    merge_json(laptop, export_json(phone))
    live = [e.name for e in laptop.events() if e.live]
    assert live == ["Phone Evening"]  # the one that started last
    ended = next(e for e in laptop.events() if e.name == "Laptop Day")
    assert ended.ends is not None
    # The merged database's own export imports and merges again as it is.
    assert not merge_json(laptop, export_json(laptop)).changed


def test_every_stamp_leads_to_a_device(laptop: Store, phone: Store) -> None:
    merge_json(laptop, export_json(phone))
    document = json.loads(export_json(laptop))
    devices = {d["tag"]: d for d in document["devices"]}
    assert {d["name"] for d in devices.values()} == {"laptop", "phone"}
    assert {d["device_id"] for d in devices.values()} == {LAPTOP.id, PHONE.id}
    entries = [r["sync"] for t in ("events", "encounters", "contacts") for r in document[t]]
    tags = {int(stamp[-4:], 16) for entry in entries for stamp in _stamps(entry)}
    assert tags == {LAPTOP.tag, PHONE.tag}
    assert all(d["last_seen"] is not None for d in devices.values())


def _stamps(entry: dict[str, Any]) -> list[str]:
    found = [entry[k] for k in ("c", "x") if k in entry]
    found += list(entry.get("f", {}).values())
    for states in entry.get("s", {}).values():
        found += [state[1:] for state in states.values()]
    for items in entry.get("i", {}).values():
        for item in items.values():
            found += _stamps(item)
    return found


# -- exports from before devices (schema 1) ------------------------------------------------


def test_an_old_export_merges_into_a_database_once(store: Store) -> None:
    store.capture("Already Here #jazz")
    first = merge_json(store, OLD.read_bytes())
    assert first.changed and first.backup is not None
    assert _names(store)["encounters"] == [
        "Already Here",
        "Maya Chen",
        "Maya Chen",
        "Zoë Ångström",
        "李雷",
    ]
    assert sorted(c.name for c in store.contacts()) == ["Madonna", "Maya Chen", "王 小明"]
    once = export_json(store)
    assert not merge_json(store, OLD.read_bytes()).changed
    assert _without_time(export_json(store)) == _without_time(once)


def test_an_old_export_of_this_database_overwrites_nothing_written_since(
    store: Store, fixed_clock: Clock
) -> None:
    import_json(store, OLD.read_bytes())  # this database, restored from its old export
    madonna = next(c for c in store.contacts() if c.name == "Madonna")
    fixed_clock.advance(minutes=1)
    store.update_contact(madonna.id, lambda c: setattr(c, "org", "Queen of Pop Ltd"))
    li = _encounter(store, "李雷")
    store.add_note(li.id, "met again in Shenzhen")
    store.delete_encounter(_encounter(store, "Zoë Ångström").id)
    now = export_json(store)
    merge_json(store, OLD.read_bytes())
    # What shows is as it was: the file's values only join the records' histories (its
    # versions are older than every change here, so all of them lost).
    assert _records(export_json(store)) == _records(now)
    assert not merge_json(store, OLD.read_bytes()).changed


def _records(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """The records of an export as they show, without their bookkeeping (topics as a set: a
    merge orders topics added at one moment by their text)."""
    document = json.loads(data)
    return {
        table: [
            {k: sorted(v) if k == "topics" else v for k, v in r.items() if k != "sync"}
            for r in document[table]
        ]
        for table in ("events", "encounters", "contacts")
    }


def _old_database(path: Path, document: dict[str, Any]) -> Store:
    """A database from before devices, opened (and so brought up to date) by this Hallway."""
    write_old_database(path, tables_of_export(document), document["database_id"])
    return Store.open(path)


def test_an_old_export_keeps_this_databases_own_old_versions(tmp_path: Path, store: Store) -> None:
    document = json.loads(OLD.read_bytes())
    theirs = json.loads(OLD.read_bytes())
    madonna = next(c for c in theirs["contacts"] if c["name"] == "Madonna")
    madonna["org"] = "Pop Music Ltd"  # an edit on the other copy, before devices
    madonna["topics"] = ["tea, green; hot", "dancing"]
    with _old_database(tmp_path / "old" / "hallway.json", document) as old:
        merge_json(old, orjson.dumps(theirs))
        (merged,) = [c for c in old.contacts() if c.name == "Madonna"]
        # Neither version is stamped: this database's stays, what the file adds is added.
        assert merged.org == ""
        assert sorted(merged.topics) == ["dancing", "tea, green; hot"]
        assert not merge_json(old, orjson.dumps(theirs)).changed


def test_copies_that_went_separate_ways_before_devices_are_never_mixed(tmp_path: Path) -> None:
    document = json.loads(OLD.read_bytes())
    other_copy = json.loads(OLD.read_bytes())
    # The other copy gave encounter 4 (Zoë here) to someone else, met at another time.
    olu = next(e for e in other_copy["encounters"] if e["id"] == 4)
    olu.update(
        name="Olu Bello",
        met_at="2025-05-13T16:30:00+02:00",
        topics=["jazz"],
        notes=[{"text": "plays the double bass", "at": "2025-05-13T16:31:00+02:00"}],
    )
    with _old_database(tmp_path / "old" / "hallway.json", document) as old:
        zoe_before = _encounter(old, "Zoë Ångström")
        merge_json(old, orjson.dumps(other_copy))
        assert _encounter(old, "Zoë Ångström") == zoe_before  # nothing of Olu's mixed in
        olu_here = _encounter(old, "Olu Bello")
        assert olu_here.id != 4 and olu_here.event_id == zoe_before.event_id
        assert [n.text for n in olu_here.notes] == ["plays the double bass"]
        assert not merge_json(old, orjson.dumps(other_copy)).changed


# -- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["encounters"][0].update(event_id=99), "belongs to event 99"),
        (lambda d: d["encounters"][0]["sync"].update(c="soon"), "encounters[0].sync.c"),
        (lambda d: d["removed"].pop("contacts"), "removed.contacts"),
        (lambda d: d.update(schema=3), "newer Hallway"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(
    laptop: Store, phone: Store, change: Any, message: str
) -> None:
    document = json.loads(export_json(phone))
    change(document)
    before = export_json(laptop)
    backups = sorted(laptop.backups_folder.iterdir())
    with pytest.raises(HallwayError) as refused:
        merge_json(laptop, orjson.dumps(document))
    assert message in str(refused.value)
    assert str(refused.value).endswith("Nothing was changed.")
    assert _without_time(export_json(laptop)) == _without_time(before)
    assert sorted(laptop.backups_folder.iterdir()) == backups


def test_a_merge_into_an_empty_database_keeps_no_backup(store: Store, phone: Store) -> None:
    summary = merge_json(store, export_json(phone))
    assert summary.changed and summary.backup is None
    assert "kept in" not in summary.message
    assert _names(store) == _names(phone)
    assert summary.message == (
        "The export made on Wednesday 14 May 2025 at 18:00 is merged into the database."
    )
