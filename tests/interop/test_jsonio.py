"""JSON export and import: golden file, faithful round trips, refusals that change nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.errors import HallwayError, NewerSchema
from hallway.store.interop.jsonio import WouldReplace, export_json, import_json
from hallway.store.records import Contact, Encounter, FollowUp, GiveTake, Note
from tests.conftest import TEST_DEVICE
from tests.interop.interop_fixtures import assert_golden, fill


def _without_time(data: bytes) -> dict[str, object]:
    """The export without what may differ between two exports of one database: the time."""
    document = json.loads(data)  # the standard library, not orjson: an independent reader
    del document["exported_at"]
    return document


def test_export_matches_golden(filled: Store) -> None:
    assert_golden("export.json", export_json(filled))


def test_export_shape(store: Store) -> None:
    fill(store)
    document = json.loads(export_json(store))
    assert list(document) == [
        "format",
        "schema",
        "exported_at",
        "database_id",
        "devices",
        "events",
        "encounters",
        "contacts",
        "removed",
    ]
    assert (document["format"], document["schema"]) == ("hallway", 2)
    assert document["exported_at"] == "2025-05-14T18:00:00+02:00"
    assert document["database_id"] == store.database_id
    assert list(document["events"][0]) == [
        "id",
        "name",
        "place",
        "starts",
        "ends",
        "live",
        "sync",
    ]
    maya = next(e for e in document["encounters"] if e["name"] == "Maya Chen" and e["notes"])
    note_id = maya["notes"][0]["id"]
    assert maya["notes"] == [
        {"id": note_id, "text": "promised my focaccia recipe", "at": "2025-05-12T10:20:00+02:00"}
    ]
    promise_id = maya["follow_ups"][0]["id"]
    assert maya["follow_ups"] == [
        {
            "id": promise_id,
            "text": "Send Maya the focaccia recipe",
            "due": "2025-05-15",
            "done": False,
        }
    ]
    # Item ids are whole numbers, unique across devices (made like record ids).
    assert all(isinstance(i, int) and i >= 2**20 for i in (note_id, promise_id))
    assert note_id != promise_id
    contact = next(c for c in document["contacts"] if c["name"] == "Maya Chen")
    assert contact["channels"] == {
        "email": "maya@acme.example",
        "phone": "+49 170 1234567",
        "url": "https://maya.example",
    }
    assert [{k: v for k, v in g.items() if k != "id"} for g in contact["give_take"]] == [
        {"at": "2025-05-12T10:20:00+02:00", "direction": "gave", "text": "focaccia recipe"}
    ]
    # Every record carries its bookkeeping; nothing was removed; the one device that wrote it
    # is named, with the tag its stamps carry.
    records = document["events"] + document["encounters"] + document["contacts"]
    assert all(isinstance(r["sync"], dict) and r["sync"] for r in records)
    assert document["removed"] == {"events": [], "encounters": [], "contacts": []}
    [device] = document["devices"]
    assert {k: device[k] for k in ("device_id", "tag", "name")} == {
        "device_id": TEST_DEVICE.id,
        "tag": TEST_DEVICE.tag,
        "name": TEST_DEVICE.name,
    }
    assert device["last_seen"] == "2025-05-14T18:00:00+02:00"  # the fixed clock
    stamps = [r["sync"]["c"] for r in records]
    assert {int(stamp[-4:], 16) for stamp in stamps} == {TEST_DEVICE.tag}
    assert export_json(store).decode("utf-8").count("\n  ") > 10  # indented for people


def test_export_import_export_is_identical(store: Store, tmp_path: Path) -> None:
    fill(store)
    first = export_json(store)
    with Store.open(tmp_path / "copy.json") as copy:
        summary = import_json(copy, first)
        assert (summary.events, summary.encounters, summary.contacts) == (2, 4, 3)
        assert _without_time(export_json(copy)) == _without_time(first)
    # Reopened from disk, the restored database is the same, identity included.
    with Store.open(tmp_path / "copy.json") as reopened:
        assert _without_time(export_json(reopened)) == _without_time(first)
        assert reopened.database_id == store.database_id
        assert reopened.notices == []


def test_import_without_a_database_id_keeps_the_targets_own(store: Store, tmp_path: Path) -> None:
    fill(store)
    document = json.loads(export_json(store))
    del document["database_id"]
    with Store.open(tmp_path / "copy.json") as copy:
        own = copy.database_id
        import_json(copy, orjson.dumps(document))
        assert copy.database_id == own != store.database_id
        assert len(copy.encounters()) == 4


def test_import_replaces_what_was_there(store: Store, tmp_path: Path) -> None:
    fill(store)
    exported = export_json(store)
    with Store.open(tmp_path / "other.json") as other:
        other.save_contact(Contact(name="Someone Else"))
        other.capture("Stranger @Nowhere")
        with pytest.raises(WouldReplace, match=r"already holds records.*Nothing was changed"):
            import_json(other, exported)
        assert {c.name for c in other.contacts()} == {"Someone Else"}
        summary = import_json(other, exported, replace=True)
        assert "Someone Else" not in {c.name for c in other.contacts()}
        assert "Stranger" not in {e.name for e in other.encounters()}
        # What was there before is one readable backup file, named in the message.
        assert summary.backup is not None and str(summary.backup) in summary.message
        assert summary.backup.parent == tmp_path / "backups"
    # Copied back as a database of its own, the backup holds exactly the replaced records.
    (tmp_path / "restore").mkdir()
    shutil.copy(summary.backup, tmp_path / "restore" / "other.json")
    with Store.open(tmp_path / "restore" / "other.json") as restored:
        assert [c.name for c in restored.contacts()] == ["Someone Else"]
        assert [e.name for e in restored.encounters()] == ["Stranger"]


def test_import_into_an_empty_database_keeps_no_backup(store: Store, tmp_path: Path) -> None:
    fill(store)
    exported = export_json(store)
    with Store.open(tmp_path / "fresh.json") as fresh:
        summary = import_json(fresh, exported)
        assert summary.backup is None and "kept" not in summary.message
        assert {c.name for c in fresh.contacts()} == {c.name for c in store.contacts()}


def test_export_with_a_utf8_byte_order_mark_is_accepted(store: Store, tmp_path: Path) -> None:
    fill(store)
    exported = export_json(store)
    with Store.open(tmp_path / "fresh.json") as fresh:
        import_json(fresh, b"\xef\xbb\xbf" + exported)
        assert export_json(fresh).split(b"\n")[4:] == exported.split(b"\n")[4:]


_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_ANY_TEXT.filter(str.strip),
    place=_ANY_TEXT,
    note=_ANY_TEXT,
    topic=_ANY_TEXT,
    minutes=st.integers(-1000, 1000),
)
def test_round_trip_of_arbitrary_text(
    name: str, place: str, note: str, topic: str, minutes: int
) -> None:
    moment = datetime(2025, 5, 12, 10, tzinfo=UTC) + timedelta(minutes=minutes)
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "a.json") as source:
            event = source.create_event(name, place, starts=moment)
            met = source.save_encounter(
                Encounter(
                    event.id,
                    name,
                    moment,
                    topics=[topic],
                    notes=[Note(note, moment)],
                    follow_ups=[FollowUp(note, moment.date())],
                )
            )
            source.save_contact(
                Contact(
                    name=name,
                    notes=[Note(note, moment)],
                    encounter_ids=[met.id],
                    give_take=[GiveTake(moment, "received", note)],
                )
            )
            exported = export_json(source)
        with Store.open(Path(folder) / "b.json") as target:
            import_json(target, exported)
            again = export_json(target)
    assert _without_time(again) == _without_time(exported)


# -- refusals ------------------------------------------------------------------------------


def _document(store: Store) -> dict[str, object]:
    fill(store)
    return json.loads(export_json(store))


@pytest.fixture
def victim(tmp_path: Path) -> Store:
    """A database with content that a refused import must leave exactly as it was."""
    opened = Store.open(tmp_path / "victim.json")
    opened.capture("Keep Me @Here #safe -- do not lose this")
    return opened


def _assert_untouched(victim: Store, before: bytes) -> None:
    assert _without_time(export_json(victim)) == _without_time(before)
    with Store.open(victim.path) as reopened:
        assert _without_time(export_json(reopened)) == _without_time(before)


def test_newer_schema_is_refused(store: Store, victim: Store) -> None:
    document = _document(store)
    document["schema"] = 3
    before = export_json(victim)
    with pytest.raises(
        NewerSchema, match=r"newer Hallway \(export schema 3; this Hallway reads schema 2"
    ):
        import_json(victim, orjson.dumps(document))
    _assert_untouched(victim, before)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "isn't a Hallway export (it isn't JSON)"),
        (b"\x00\xff garbage", "isn't a Hallway export (it isn't JSON)"),
        (b'{"events": []', "isn't a Hallway export (it isn't JSON)"),
        (b"[1, 2, 3]", 'has no "format": "hallway" marker'),
        (b'{"format": "tinydb", "schema": 1}', 'has no "format": "hallway" marker'),
        (b'{"format": "hallway", "schema": "one"}', "schema number is missing"),
        (b'{"format": "hallway", "schema": 1}', '"events" list is missing'),
    ],
)
def test_garbage_is_refused_and_nothing_changes(victim: Store, data: bytes, message: str) -> None:
    before = export_json(victim)
    with pytest.raises(HallwayError) as refused:
        import_json(victim, data)
    assert message in str(refused.value)
    assert str(refused.value).endswith(
        ("Nothing was changed.", 'choose a file made with "hallway export json".')
    )
    _assert_untouched(victim, before)


def _broken(document: dict[str, list[dict[str, object]]], case: str) -> None:
    if case == "duplicate id":
        document["contacts"][1]["id"] = document["contacts"][0]["id"]
    elif case == "missing event":
        document["encounters"][0]["event_id"] = 99
    elif case == "missing contact":
        document["encounters"][0]["contact_id"] = 42
    elif case == "missing encounter":
        document["contacts"][0]["encounter_ids"] = [77]
    elif case == "bad status":
        document["encounters"][0]["status"] = "bestie"
    elif case == "bad time":
        document["encounters"][0]["met_at"] = "yesterday-ish"
    elif case == "no name":
        del document["events"][0]["name"]
    elif case == "two live":
        # Before devices (schema 1) one event was live at most; see the test below for 2.
        document["schema"] = 1  # type: ignore[assignment]
        for event in document["events"]:
            event["live"] = True


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("duplicate id", "is used by two contacts"),
        ("missing event", "encounter “Maya Chen” belongs to event 99, which is not in the file"),
        ("missing contact", "encounter “Maya Chen” points to contact 42, which is not in the file"),
        ("missing encounter", "contact “Maya Chen” lists encounter 77, which is not in the file"),
        (
            "bad status",
            "encounters[0].status (encounter “Maya Chen”) should be one of new, promoted, "
            'acquaintance, let-go, but it is the text "bestie"',
        ),
        (
            "bad time",
            "encounters[0].met_at (encounter “Maya Chen”) should be a time like "
            '2025-05-12T10:20:00+02:00, but it is the text "yesterday-ish"',
        ),
        ("no name", "events[0].name is missing"),
        ("two live", "more than one event is marked live"),
    ],
)
def test_inconsistent_export_is_refused_whole(
    store: Store, victim: Store, case: str, message: str
) -> None:
    document = _document(store)
    _broken(document, case)  # type: ignore[arg-type]
    before = export_json(victim)
    with pytest.raises(HallwayError) as refused:
        import_json(victim, orjson.dumps(document))
    assert message in str(refused.value)
    assert str(refused.value).startswith("This Hallway export can't be imported: ")
    _assert_untouched(victim, before)


def test_two_live_events_of_a_schema_2_export_import_as_one(store: Store, tmp_path: Path) -> None:
    # Two devices may each be at an event: a merged database can hold two live ones.
    document = _document(store)
    for event in document["events"]:
        event["live"] = True  # type: ignore[index]
    with Store.open(tmp_path / "copy.json") as copy:
        import_json(copy, orjson.dumps(document))
        live = [e.name for e in copy.events() if e.live]
        assert live == ["PyCon Berlin"]  # the one that started last stays live
        ended = next(e for e in copy.events() if e.name == "Sourdough Meetup")
        assert ended.ends is not None


def test_summary_message_is_plain(store: Store, tmp_path: Path) -> None:
    fill(store)
    with Store.open(tmp_path / "copy.json") as copy:
        summary = import_json(copy, export_json(store))
    assert str(summary) == (
        "The database now holds everything from the export made on Wednesday 14 May 2025 at 18:00."
    )
    assert clock.now().hour == 18
