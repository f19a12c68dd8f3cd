"""A schema-2 export's bookkeeping -- sync entries, item ids, removed records, devices -- is
checked before anything is written: a damaged entry is refused with its path named, never
merged, never a crash, and the database stays exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.engine.hlc import ZERO, encode, is_stamp
from hallway.store.errors import HallwayError
from hallway.store.interop.export_checks import BadField
from hallway.store.interop.json_merge import merge_json
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.interop.sync_checks import stamp
from tests.interop.interop_fixtures import fill
from tests.interop.test_import_validation import _refused, _set, _without_time

Document = dict[str, Any]
STAMP = encode(1_747_238_400_000, 3, 1)


@pytest.fixture
def document(store: Store) -> Document:
    """The fixed database's export, with one contact removed (Madonna), as a document."""
    fill(store)
    store.delete_contact(next(c.id for c in store.contacts() if c.name == "Madonna"))
    found: Document = json.loads(export_json(store))
    assert [r["id"] for r in found["removed"]["contacts"]]
    return found


@pytest.fixture
def victim(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "victim" / "hallway.json") as opened:
        opened.capture("Keep Me @Here #safe -- do not lose this")
        yield opened


MAYA = "(encounter “Maya Chen”)"


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        ("encounters[1].sync.c", "soon", f"{MAYA} should be a change stamp (20 hex digits), but"),
        ("encounters[1].sync.c", STAMP.upper(), "should be a change stamp (20 hex digits)"),
        ("encounters[1].sync", [], f"{MAYA} should be a group of fields, but it is a list"),
        ("encounters[1].sync.q", 1, f"{MAYA} is not part of a sync entry"),
        ("encounters[1].sync.f", {"name": 12}, "should be a change stamp"),
        ("encounters[1].sync.x", None, "should be a change stamp (20 hex digits), but it is null"),
        ("encounters[1].sync.s", {"topics": {"not json": "+" + STAMP}}, "not JSON text"),
        ("encounters[1].sync.s", {"topics": {'"a"': "*" + STAMP}}, '"+" or "-" and a change'),
        ("encounters[1].sync.s", {"circle": {'"x"': "+" + STAMP}}, "should be a whole number"),
        ("encounters[1].sync.s", {"circle": {"0": "+" + STAMP}}, "is 0, but ids run from 1"),
        ("encounters[1].sync.g", {"name": 5, "event_id": 1}, "should be a text"),
        ("encounters[1].sync.g", {"name": "Ghost"}, "sync.g.event_id"),
        ("encounters[1].sync.w", {"name": [[STAMP, 7]]}, "sync.w.name[0][1]"),
        ("encounters[1].sync.w", {"name": [[STAMP]]}, "should be a change stamp and a value"),
        ("encounters[1].sync.w", {"name": [[STAMP, "x"]] * 51}, "keeps 51 old values"),
        ("encounters[1].sync.w", {"contact_id": [[STAMP, "7"]]}, "should be a whole number"),
        ("encounters[1].sync.i", {"notes": {"abc": {}}}, "not an item id"),
        ("encounters[1].sync.i", {"notes": {"5": {"w": {}}}}, "not part of an item's sync"),
        ("encounters[1].sync.i", {"notes": {"5": {"g": {"id": 6, "text": "x", "at": 1}}}}, "at"),
        (
            "encounters[1].sync.i",
            {"notes": {"5": {"g": {"id": 6, "text": "x", "at": "2025-05-12T10:20:00+02:00"}}}},
            "is 6, not the item's id 5",
        ),
        ("encounters[1].notes[0].id", 0, f"{MAYA} is 0, but ids run from 1 to"),
        ("encounters[1].notes[0].id", 1.5, f"{MAYA} should be a whole number (an id)"),
        ("encounters[1].notes[0].id", 2**53, "but ids run from 1 to 9,007,199,254,740,991"),
        ("contacts[0].give_take[0].id", "1", "should be a whole number (an id)"),
        ("removed.contacts", {}, "should be a list of removed records"),
        ("removed.contacts[0].sync", {"c": STAMP}, "removed.contacts[0].sync.x is missing"),
        ("removed.contacts[0].id", -4, "removed.contacts[0].id is -4, but ids run"),
        ("removed.contacts[0].sync.g", {"name": ""}, "removed.contacts[0].sync.g.name is empty"),
        ("removed.contacts[0]", "Madonna", "should be a removed record"),
        ("devices[0].device_id", "not hex", "should be a device id (32 hex digits)"),
        ("devices[0].tag", 16384, "is 16384, but device tags run from 0 to 16,383"),
        ("devices[0].tag", True, "should be a whole number (a device tag)"),
        ("devices[0].name", ["laptop"], "should be a text, but it is a list"),
        ("devices[0].sync.c", 7, "devices[0].sync.c should be a change stamp"),
        ("devices", {}, "devices should be a list of the devices"),
        ("profile", {"topics": ["mine"], "sync": {"s": 3}}, "profile.sync.s should be a group"),
    ],
)
def test_damaged_bookkeeping_is_refused_with_its_path(
    document: Document, victim: Store, path: str, value: Any, why: str
) -> None:
    _set(path, value)(document)
    message = _refused(victim, document)
    assert path.split(".")[0].split("[")[0] in message
    assert why in message, message


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        (
            "encounters[1].sync.c",
            "soon",
            "sollte ein Änderungsstempel (20 Hexadezimalziffern) sein",
        ),
        ("encounters[1].sync.q", 1, "sync.q (Begegnung „Maya Chen“) gehört nicht zu einem Sync-"),
        ("encounters[1].sync.f", {"x" * 101: STAMP}, "nennt ein Feld mit einem 101 Zeichen"),
        ("encounters[1].sync.s", {"topics": {'"a"': "*" + STAMP}}, "„+“ oder „-“ und ein Än"),
        ("encounters[1].sync.s", {"topics": {"a b": "+" + STAMP}}, "kein JSON-Text ist: 'a b'"),
        ("encounters[1].sync.w", {"name": [[STAMP]]}, "ein Änderungsstempel und ein Wert sein"),
        ("encounters[1].sync.w", {"name": [[STAMP, "x"]] * 51}, "bewahrt 51 alte Werte auf; hö"),
        ("encounters[1].sync.i", {"notes": {"abc": {}}}, "das keine Element-ID ist"),
        ("encounters[1].sync.i", {"notes": {"5": {"w": {}}}}, "zum Sync-Eintrag eines Elements"),
        (
            "encounters[1].sync.i",
            {"notes": {"5": {"g": {"id": 6, "text": "x", "at": "2025-05-12T10:20:00+02:00"}}}},
            "ist 6, nicht die ID des Elements (5)",
        ),
        ("devices[0].device_id", "not hex", "sollte eine Geräte-ID (32 Hexadezimalziffern) sein"),
        ("devices[0].tag", 16384, "ist 16384, Gerätekennungen reichen aber nur von 0 bis 16.383"),
        ("devices[0].tag", True, "sollte eine ganze Zahl (eine Gerätekennung) sein"),
        ("profile", {"topics": ["mine"], "sync": {"s": 3}}, "sollte eine Gruppe von Feldern sein"),
    ],
)
def test_damaged_bookkeeping_is_refused_in_german(
    document: Document, victim: Store, path: str, value: Any, why: str
) -> None:
    _set(path, value)(document)
    before = export_json(victim)
    with i18n.speaking("de"), pytest.raises(HallwayError) as refused:
        import_json(victim, orjson.dumps(document), replace=True)
    message = str(refused.value)
    assert message.startswith("Dieser Hallway-Export kann nicht importiert werden: "), message
    assert message.endswith("Nichts wurde geändert.")
    assert _without_time(export_json(victim)) == _without_time(before)
    assert why in message, message
    for english in ("should be", "change stamp", "sync entry", "old values", "device tag"):
        assert english not in message, message


@pytest.mark.parametrize(
    ("case", "why"),
    [
        ("missing sync", "encounters[1].sync (encounter “Maya Chen”) is missing"),
        ("missing item id", "encounters[1].notes[0].id (encounter “Maya Chen”) is missing"),
        ("item id twice", "contacts[0].notes[1].id (contact “Maya Chen”) is "),
        ("no removed", "removed is missing"),
        ("removed twice", "removed twice"),
        ("removed and kept", "is also a record of the file that is not removed"),
        ("device twice", "devices[1].device_id names a device listed before it"),
        ("device without sync", "devices[0].sync is missing"),
    ],
)
def test_inconsistent_bookkeeping_is_refused(
    document: Document, victim: Store, case: str, why: str
) -> None:
    maya = document["contacts"][0]
    if case == "missing sync":
        del document["encounters"][1]["sync"]
    elif case == "missing item id":
        del document["encounters"][1]["notes"][0]["id"]
    elif case == "item id twice":
        maya["notes"].append({**maya["notes"][0], "text": "a second note, same id"})
    elif case == "no removed":
        del document["removed"]
    elif case == "removed twice":
        document["removed"]["contacts"].append(document["removed"]["contacts"][0])
    elif case == "removed and kept":
        document["removed"]["contacts"].append({"id": maya["id"], "sync": {"x": STAMP}})
    elif case == "device twice":
        document["devices"].append(document["devices"][0])
    elif case == "device without sync":
        del document["devices"][0]["sync"]
    assert why in _refused(victim, document)


def test_the_same_damage_is_refused_by_a_merge_too(document: Document, victim: Store) -> None:
    document["encounters"][1]["sync"]["s"] = {"circle": {'"x"': "+" + STAMP}}
    before = export_json(victim)
    with pytest.raises(HallwayError) as refused:
        merge_json(victim, json.dumps(document).encode())
    assert "encounters[1].sync.s.circle" in str(refused.value)
    assert export_json(victim).split(b"\n")[4:] == before.split(b"\n")[4:]


def test_a_reference_to_a_removed_record_is_taken(document: Document, tmp_path: Path) -> None:
    # Merges can leave a record naming one removed elsewhere; such an export still imports.
    removed = document["removed"]["contacts"][0]["id"]
    document["encounters"][2]["contact_id"] = removed
    with Store.open(tmp_path / "copy.json") as copy:
        import_json(copy, json.dumps(document).encode())
        assert copy.encounter(document["encounters"][2]["id"]).contact_id == removed
        assert not copy.has_contact(removed)


@given(st.text(alphabet="0123456789abcdefABCDEF-+ g", max_size=24))
def test_a_stamp_is_what_the_clock_writes(text: str) -> None:
    try:
        stamp(text, "here")
        accepted = True
    except BadField:
        accepted = False
    assert accepted == is_stamp(text)
    assert is_stamp(ZERO) and is_stamp(STAMP)
