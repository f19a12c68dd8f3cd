"""The snapshot file: a plain TinyDB JSON file plus a ``_meta`` table.

Shape::

    {"events": {"1": {...}}, "encounters": {...}, "contacts": {...},
     "_meta": {"1": {"schema": 1, "database_id": "...", "generation": g}}}

so the file stays readable by stock TinyDB. This module parses and validates it (reporting
damage in plain words), encodes it, and migrates older schemas.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.errors import HallwayError, NewerSchema
from store.journal import META, Tables, is_doc_id

SCHEMA = 1

# One step per schema: MIGRATIONS[n] turns schema-n tables into schema n+1 tables.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


class Damaged(Exception):
    """A snapshot that cannot be used; ``reason`` completes "the file ..." in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Snapshot:
    """A parsed snapshot: the tables (without ``_meta``) and what the meta says."""

    tables: Tables
    database_id: str
    generation: int
    schema: int
    adopted: bool = False  # a TinyDB file without Hallway's meta (it gets one on next save)


def parse_snapshot(raw: bytes, path: Path) -> Snapshot:
    """Parse snapshot bytes. Raises :class:`Damaged` or :class:`NewerSchema`."""
    if not raw.strip():
        raise Damaged("is empty")
    try:
        data = _loads_without_gc(raw)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" in str(exc):
            raise Damaged("is not readable text (it is not valid UTF-8)") from None
        if "end of data" in str(exc):
            raise Damaged("is cut short (the end of the file is missing)") from None
        raise Damaged("is not valid JSON") from None
    problem = shape_problem(data)
    if problem:
        raise Damaged(f"does not have the shape of a Hallway database ({problem})")
    meta_table = data.pop(META, None)
    if meta_table is None:
        return Snapshot(data, str(uuid.uuid4()), 0, SCHEMA, adopted=True)
    meta = meta_table["1"]
    if meta["schema"] > SCHEMA:
        raise NewerSchema(
            f"The database at {path} was saved by a newer version of Hallway (data format "
            f"{meta['schema']}; this version reads up to {SCHEMA}). It has not been changed. "
            "Please update Hallway to open it."
        )
    return Snapshot(data, meta["database_id"], meta.get("generation", 0), meta["schema"])


def _loads_without_gc(raw: bytes) -> Any:
    """orjson.loads with the cyclic garbage collector paused: parsing 10,000 people makes
    ~100,000 dicts, which would trigger many collections (a third of the parse time),
    and parsed JSON holds no reference cycles for them to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    finally:
        if was_enabled:
            gc.enable()


def shape_problem(data: Any) -> str | None:
    """What is wrong with the shape of parsed snapshot JSON, or ``None`` if it is sound."""
    if not isinstance(data, dict):
        return f"it holds a JSON {type(data).__name__} instead of an object of tables"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f'the table "{name}" is not an object of records'
        # Whole-table checks run at C speed (opening 10,000 people stays quick); the slow
        # per-record loop only runs to name the culprit.
        ids = "".join(table)
        ids_ok = "" not in table and (not ids or (ids.isascii() and ids.isdigit()))
        if not ids_ok or not set(map(type, table.values())) <= {dict}:
            for key, doc in table.items():
                if not is_doc_id(key):
                    return f'the table "{name}" has a record id "{key}" that is not a number'
                if not isinstance(doc, dict):
                    return f'record {key} of the table "{name}" is not an object'
    if META in data:
        meta = data[META].get("1")
        if not (
            isinstance(meta, dict)
            and _is_count(meta.get("schema"))
            and isinstance(meta.get("database_id"), str)
            and meta["database_id"]
            and _is_count(meta.get("generation", 0))
        ):
            return "its _meta record is incomplete"
    return None


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def encode_snapshot(tables: Tables, database_id: str, generation: int) -> bytes:
    """The snapshot bytes for these tables. Raises ``TypeError`` for unstorable values."""
    out: dict[str, Any] = dict(tables)
    out[META] = {"1": {"schema": SCHEMA, "database_id": database_id, "generation": generation}}
    return orjson.dumps(out)


def migrate(tables: Tables, schema: int) -> Tables:
    """Bring tables saved with ``schema`` up to :data:`SCHEMA`, one step at a time."""
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise HallwayError(
                f"This version of Hallway cannot convert data format {schema} to {SCHEMA}; "
                "the database has not been changed."
            )
        tables = step(tables)
        schema += 1
    return tables
