"""A database from before devices (data format 1) is brought up to date once, losslessly: every
record keeps its id, every vCard and calendar UID stays what it was (phones and calendars update
instead of duplicating), a copy of the old file is kept and the user is told once."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import orjson

from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.store.engine import FrozenTables
from hallway.store.engine.check import check_database
from hallway.store.interop.ics import export_ics
from hallway.store.interop.jsonio import export_json
from hallway.store.interop.vcard import export_vcard
from tests.clock import Clock
from tests.old_format import (
    ITEM_FIELDS,
    as_format_1,
    tables_of_export,
    tables_of_file,
    write_old_database,
)

SAMPLE = Path(__file__).parents[1] / "interop" / "samples" / "export-schema1.json"


def _exports(store: Store) -> dict[str, Any]:
    """What a user's phone, calendar and scripts get from the database."""
    return {
        "vcard 3.0": export_vcard(store, "3.0"),
        "vcard 4.0": export_vcard(store, "4.0"),
        "calendar": export_ics(store),
        "to-dos": export_ics(store, todo=True),
        "json": json.loads(export_json(store)),
    }


def _as_before(document: dict[str, Any]) -> dict[str, Any]:
    """A JSON export without what format 2 added: item ids, bookkeeping, the export schema."""
    out: dict[str, Any] = {}
    for table in ("events", "encounters", "contacts"):
        records = []
        for record in document[table]:
            record = {k: v for k, v in record.items() if k != "sync"}
            for field in ITEM_FIELDS:
                if field in record:
                    record[field] = [
                        {k: v for k, v in i.items() if k != "id"} for i in record[field]
                    ]
            records.append(record)
        out[table] = records
    out["database_id"] = document["database_id"]
    out["profile topics"] = (document.get("profile") or {}).get("topics", [])
    return out


def _migrate_and_compare(old: Path, tables: dict[str, Any], database_id: str) -> Store:
    """Exports of the format-1 data as it is, then of the database opened (and so brought up
    to date) by this Hallway: everything a user sees elsewhere must be the same."""
    before = _exports(Store(old, FrozenTables(as_format_1(tables), database_id)))
    store = Store.open(old)
    after = _exports(store)
    for kind in ("vcard 3.0", "vcard 4.0", "calendar", "to-dos"):
        assert after[kind] == before[kind], f"the {kind} export changed"
    assert _as_before(after["json"]) == _as_before(before["json"])
    # Every item got an id by its place, as 1, 2, 3...
    for table in ("encounters", "contacts"):
        for record in after["json"][table]:
            for field in ITEM_FIELDS:
                ids = [item["id"] for item in record.get(field, [])]
                assert ids == list(range(1, len(ids) + 1)), (table, record["id"], field)
    return store


def test_an_old_database_is_brought_up_to_date_with_a_copy_and_one_notice(
    tmp_path: Path, fixed_clock: Clock
) -> None:
    document = json.loads(SAMPLE.read_bytes())
    old = tmp_path / "hallway.json"
    raw = write_old_database(old, tables_of_export(document), document["database_id"])
    with _migrate_and_compare(old, tables_of_export(document), document["database_id"]) as store:
        copy = tmp_path / "backups" / "hallway.json.before-format-2"
        assert store.notices == [
            "Hallway brought its database up to date for this version (data format 2): ids, "
            "and the UIDs your contacts and calendar exports carry, are unchanged. A copy of "
            f"the database as it was is kept in {copy}."
        ]
        assert copy.read_bytes() == raw
        assert copy.stat().st_mode & 0o777 == 0o600
    assert orjson.loads(old.read_bytes())["_meta"]["1"]["schema"] == 2
    with Store.open(old) as again:
        assert again.notices == []  # told once
        assert sorted(e.name for e in again.encounters())[:2] == ["Maya Chen", "Maya Chen"]
    assert copy.read_bytes() == raw  # the copy is never replaced by a later one
    assert check_database(old).ok


def test_a_database_at_ten_thousand_people_keeps_every_id_and_uid(
    tmp_path: Path, fixed_clock: Clock
) -> None:
    started = time.perf_counter()
    today = tmp_path / "today" / "hallway.json"
    with Store.open(today) as store:
        generate_demo(store, people=10_000, seed=3)
        database_id = store.database_id
    tables = tables_of_file(today)
    old = tmp_path / "old" / "hallway.json"
    raw = write_old_database(old, tables, database_id)
    assert b'"schema":1' in raw.split(b"\n", 1)[0] and b"device_id" not in raw
    assert not any(name.startswith("_") for name in orjson.loads(raw) if name != "_meta")
    with _migrate_and_compare(old, tables, database_id) as store:
        assert len(store.notices) == 1 and "before-format-2" in store.notices[0]
        assert {e.id for e in store.encounters()} == set(map(int, tables["encounters"]))
        assert {c.id for c in store.contacts()} == set(map(int, tables["contacts"]))
        assert max(map(int, tables["encounters"])) < 2**20  # counter ids, as before devices
        # A save after the migration makes a new id far from the counter ids.
        added = store.capture("New Person #after")
        assert added.id >= 2**44
    assert (tmp_path / "old" / "backups" / "hallway.json.before-format-2").read_bytes() == raw
    print(f"migration test at 10,000 people: {time.perf_counter() - started:.1f} s")
