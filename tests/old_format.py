"""Databases as Hallway wrote them before devices (data format 1), for migration and merge tests.

Format 1 is today's layout (a TinyDB file, one table per line, each checked by its length and
CRC) with ``"schema": 1`` in its meta, no device named, counter ids, items (notes, promises...)
without ids, and none of the tables devices added (sync entries, devices, the database's
identity claim). :func:`write_old_database` writes exactly that, with the engine's own encoder,
so the file is byte for byte what the Hallway of then wrote.
"""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import orjson

from hallway.store.engine.snapshot import encode_snapshot
from hallway.store.engine.tables import TableSet

Tables = dict[str, dict[str, dict[str, Any]]]
RECORD_TABLES = ("events", "encounters", "contacts", "profile")
ITEM_FIELDS = ("notes", "follow_ups", "interactions", "give_take")


def as_format_1(tables: Tables) -> Tables:
    """Only what format 1 held: the record tables, their items without ids."""
    old: Tables = {}
    for name in RECORD_TABLES:
        docs = copy.deepcopy(tables.get(name) or {})
        for doc in docs.values():
            for field in ITEM_FIELDS:
                if isinstance(doc.get(field), list):
                    doc[field] = [
                        {k: v for k, v in item.items() if k != "id"} for item in doc[field]
                    ]
        if docs:
            old[name] = docs
    return old


def write_old_database(path: Path, tables: Tables, database_id: str) -> bytes:
    """Write ``tables`` (made format 1 first) as a format-1 database at ``path``; its bytes."""
    raw = encode_snapshot(TableSet(as_format_1(tables)), database_id, 1, uuid.uuid4().hex)
    meta, rest = raw.split(b"\n", 1)
    assert meta.count(b'"schema":2') == 1
    raw = meta.replace(b'"schema":2', b'"schema":1') + b"\n" + rest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    path.chmod(0o600)
    return raw


def tables_of_export(document: dict[str, Any]) -> Tables:
    """A JSON export's records as database tables (documents by id, without ``id``)."""
    tables: Tables = {}
    for name in ("events", "encounters", "contacts"):
        tables[name] = {
            str(record["id"]): {k: v for k, v in record.items() if k not in ("id", "sync")}
            for record in document[name]
        }
    if document.get("profile"):
        tables["profile"] = {"1": {"topics": document["profile"]["topics"]}}
    return tables


def tables_of_file(path: Path) -> Tables:
    """Every table of a database file at rest (closed: its snapshot holds everything)."""
    data: Tables = orjson.loads(path.read_bytes())
    data.pop("_meta")
    return data
