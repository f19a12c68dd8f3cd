"""Exports made before devices (schema 1) still import: the same records, ids and UIDs.

``samples/export-schema1.json`` is the fixed database's export as Hallway wrote it before
devices (counter ids, items without ids), and ``samples/schema1-*`` its vCard and calendar
exports from then: a database restored from that JSON must give byte for byte the same cards
and calendar entries, so phones and calendars update instead of duplicating.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hallway.store.db import Store
from hallway.store.interop.ics import export_ics
from hallway.store.interop.jsonio import WouldReplace, export_json, import_json
from hallway.store.interop.vcard import export_vcard
from tests.conftest import TEST_DEVICE
from tests.interop.interop_fixtures import SAMPLES

OLD = SAMPLES / "export-schema1.json"


def _old() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(OLD.read_bytes())
    assert document["schema"] == 1
    return document


def _without_item_ids(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k != "sync"}
    for field in ("notes", "follow_ups", "interactions", "give_take"):
        if field in out:
            out[field] = [{k: v for k, v in item.items() if k != "id"} for item in out[field]]
    return out


def test_a_schema_1_export_restores_the_same_records_with_the_same_ids(store: Store) -> None:
    summary = import_json(store, OLD.read_bytes())
    assert (summary.events, summary.encounters, summary.contacts) == (2, 4, 3)
    old = _old()
    new = json.loads(export_json(store))
    assert new["schema"] == 2
    assert new["database_id"] == old["database_id"]
    for table in ("events", "encounters", "contacts"):
        assert [_without_item_ids(r) for r in new[table]] == old[table], table
    assert new.get("profile") == old.get("profile")  # neither marks topics of your own
    assert new["removed"] == {"events": [], "encounters": [], "contacts": []}


def test_items_of_a_schema_1_export_get_ids_by_place_as_a_migration_gives_them(
    store: Store,
) -> None:
    import_json(store, OLD.read_bytes())
    new = json.loads(export_json(store))
    maya = next(c for c in new["contacts"] if c["name"] == "Maya Chen")
    assert [n["id"] for n in maya["notes"]] == [1]
    assert [i["id"] for i in maya["interactions"]] == [1]
    assert [g["id"] for g in maya["give_take"]] == [1]
    for encounter in new["encounters"]:
        for field in ("notes", "follow_ups"):
            assert [item["id"] for item in encounter[field]] == list(
                range(1, len(encounter[field]) + 1)
            )


def test_a_schema_1_import_is_stamped_as_written_at_import_by_this_device(store: Store) -> None:
    import_json(store, OLD.read_bytes())
    new = json.loads(export_json(store))
    records = new["events"] + new["encounters"] + new["contacts"]
    stamps = {r["sync"]["c"] for r in records}
    assert len(stamps) == 1  # one whole replacement, one stamp
    assert all(int(stamp[-4:], 16) == TEST_DEVICE.tag for stamp in stamps)
    assert [d["device_id"] for d in new["devices"]] == [TEST_DEVICE.id]


@pytest.mark.parametrize(
    ("export", "golden"),
    [
        (lambda s: export_vcard(s, "3.0"), "schema1-contacts-3.0.vcf"),
        (lambda s: export_vcard(s, "4.0"), "schema1-contacts-4.0.vcf"),
        (lambda s: export_ics(s), "schema1-reminders.ics"),
        (lambda s: export_ics(s, todo=True), "schema1-todo.ics"),
    ],
)
def test_cards_and_calendars_from_a_restored_schema_1_export_are_unchanged(
    store: Store, export: Any, golden: str
) -> None:
    import_json(store, OLD.read_bytes())
    assert export(store).encode() == (SAMPLES / golden).read_bytes()


def test_a_schema_1_export_replaces_records_only_when_asked(store: Store, tmp_path: Path) -> None:
    store.capture("Keep Me @Here")
    with pytest.raises(WouldReplace):
        import_json(store, OLD.read_bytes())
    assert [e.name for e in store.encounters()] == ["Keep Me"]
    summary = import_json(store, OLD.read_bytes(), replace=True)
    assert summary.backup is not None and summary.backup.exists()
    assert sorted(e.name for e in store.encounters()) == [
        "Maya Chen",
        "Maya Chen",
        "Zoë Ångström",
        "李雷",
    ]
    with Store.open(store.path) as reopened:
        assert reopened.database_id == _old()["database_id"]
        assert reopened.notices == []
