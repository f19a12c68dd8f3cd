"""What the merge bookkeeping of a schema-2 export may hold, checked before anything is written.

Every record of a schema-2 export carries its *sync entry* (``"sync"``): when each part of it
was last written, by a stamp naming the device (see :mod:`hallway.store.sync_rules` for which
field merges how). Importers may ignore it; Hallway merges by it, so a damaged entry must be
refused, naming its place in the file, rather than merged (or crash the merge). The checks are
structural: the keys an entry may have, a stamp where a stamp belongs (20 lowercase hex digits:
milliseconds, a counter, a device tag). Content an entry keeps -- a removed record (``g``), a
removed note, values written over (``w``), set elements -- may come back into a record, so
it is checked like the record's own fields.

Shape (keys optional)::

    {"c": stamp, "f": {field: stamp}, "s": {field: {element as JSON: "+stamp" | "-stamp"}},
     "i": {field: {item id: {"c", "f", "x", "g"}}}, "w": {field: [[stamp, value], ...]},
     "x": stamp, "g": {the removed record}}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import orjson

from hallway.store.devices import TAGS
from hallway.store.i18n import _, ngettext
from hallway.store.interop.export_checks import (
    CONTACT,
    ENCOUNTER,
    EVENT,
    FOLLOW_UP,
    GIVE_TAKE,
    INTERACTION,
    NOTE,
    PROFILE,
    BadField,
    Field,
    check_fields,
    record_id,
    text,
    timestamp,
    wrong,
)
from hallway.store.records import MAX_FIELD
from hallway.store.sync_rules import ITEMS, KINDS, SET
from hallway.store.text import number

# A stamp, as :mod:`hallway.store.engine.hlc` writes it (tests tie the two together).
_STAMP = re.compile(r"[0-9a-f]{20}\Z")
_STATE = re.compile(r"[+-][0-9a-f]{20}\Z")
_DEVICE_ID = re.compile(r"[0-9a-f]{32}\Z")
_ENTRY_KEYS = frozenset("cfsiwxg")
_ITEM_KEYS = frozenset("cfxg")
_MAX_HISTORY = 50  # values written over, per field (Hallway keeps 3; a little room to grow)
_MAX_NAME = 100  # a field name

# Each table's fields, without the record's own id (a removed record keeps its content only).
RECORDS: dict[str, Mapping[str, Field]] = {
    "events": {k: v for k, v in EVENT.items() if k != "id"},
    "encounters": {k: v for k, v in ENCOUNTER.items() if k != "id"},
    "contacts": {k: v for k, v in CONTACT.items() if k != "id"},
    "profile": PROFILE,
}
ITEM_SPECS: dict[str, Mapping[str, Field]] = {
    "notes": NOTE,
    "follow_ups": FOLLOW_UP,
    "interactions": INTERACTION,
    "give_take": GIVE_TAKE,
}
_ELEMENTS = {"topics": text(MAX_FIELD), "circle": record_id, "encounter_ids": record_id}


def stamp(value: Any, path: str) -> None:
    """A change stamp: 20 lowercase hex digits."""
    if not isinstance(value, str) or not _STAMP.match(value):
        raise wrong(path, _("a change stamp (20 hex digits)"), value)


def _group(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise wrong(path, _("a group of fields"), value)
    for name in value:
        if len(name) > _MAX_NAME:
            why = _("names a field {length} characters long")
            raise BadField(path, why.format(length=number(len(name))))
    return value


def check_sync(entry: Any, path: str, table: str) -> None:
    """The sync entry of a record of ``table`` (``events``, ``encounters``, ``contacts``,
    ``profile``; any other table: structure only), found at ``path``."""
    entry = _group(entry, path)
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise BadField(f"{path}.{unknown[0]}", _("is not part of a sync entry"))
    kinds = KINDS.get(table, {})
    spec = RECORDS.get(table, {})
    for key in ("c", "x"):
        if key in entry:
            stamp(entry[key], f"{path}.{key}")
    for field, value in _group(entry.get("f", {}), f"{path}.f").items():
        stamp(value, f"{path}.f.{field}")
    for field, states in _group(entry.get("s", {}), f"{path}.s").items():
        element = _ELEMENTS.get(field) if kinds.get(field) == SET else None
        _check_set(states, f"{path}.s.{field}", element)
    for field, items in _group(entry.get("i", {}), f"{path}.i").items():
        item_spec = ITEM_SPECS.get(field) if kinds.get(field) == ITEMS else None
        for item_id, state in _group(items, f"{path}.i.{field}").items():
            _check_item(item_id, state, f"{path}.i.{field}.{item_id}", item_spec)
    for field, pairs in _group(entry.get("w", {}), f"{path}.w").items():
        _check_history(pairs, f"{path}.w.{field}", spec.get(field))
    if "g" in entry:
        ghost = _group(entry["g"], f"{path}.g")
        if spec:
            check_fields(ghost, spec, f"{path}.g")
            _check_ghost_items(ghost, f"{path}.g")


def _check_set(states: Any, path: str, element: Any) -> None:
    for key, state in _group(states, path).items():
        where = f"{path}[{key}]"
        if not isinstance(state, str) or not _STATE.match(state):
            raise wrong(where, _('"+" or "-" and a change stamp'), state)
        try:
            value = orjson.loads(key)
        except orjson.JSONDecodeError:
            why = _("has an element that is not JSON text: {text}").format(text=repr(key[:40]))
            raise BadField(path, why) from None
        if element is not None:
            element(value, where)


def _check_item(item_id: str, state: Any, path: str, spec: Mapping[str, Field] | None) -> None:
    if not (item_id.isascii() and item_id.isdigit()):
        raise BadField(path, _("is named by something that is not an item id"))
    record_id(int(item_id), path)
    state = _group(state, path)
    unknown = sorted(set(state) - _ITEM_KEYS)
    if unknown:
        raise BadField(f"{path}.{unknown[0]}", _("is not part of an item's sync entry"))
    for key in ("c", "x"):
        if key in state:
            stamp(state[key], f"{path}.{key}")
    for field, value in _group(state.get("f", {}), f"{path}.f").items():
        stamp(value, f"{path}.f.{field}")
    if "g" in state:
        ghost = _group(state["g"], f"{path}.g")
        if spec is not None:
            check_fields(ghost, {**spec, "id": Field(record_id, required=True)}, f"{path}.g")
            if ghost["id"] != int(item_id):
                why = _("is {value}, not the item's id {id}").format(value=ghost["id"], id=item_id)
                raise BadField(f"{path}.g.id", why)


def _check_history(pairs: Any, path: str, field: Field | None) -> None:
    if not isinstance(pairs, list):
        raise wrong(path, _("a list"), pairs)
    if len(pairs) > _MAX_HISTORY:
        why = ngettext(
            "keeps {count} old value; at most {most} fit",
            "keeps {count} old values; at most {most} fit",
            len(pairs),
        )
        raise BadField(path, why.format(count=number(len(pairs)), most=_MAX_HISTORY))
    for index, pair in enumerate(pairs):
        where = f"{path}[{index}]"
        if not (isinstance(pair, list) and len(pair) == 2):
            raise wrong(where, _("a change stamp and a value"), pair)
        stamp(pair[0], f"{where}[0]")
        if field is not None and not (pair[1] is None and field.nullable):
            field.check(pair[1], f"{where}[1]")


def _check_ghost_items(ghost: dict[str, Any], path: str) -> None:
    """The items of a removed record have ids, as every saved item does."""
    for field in ITEM_SPECS:
        for index, item in enumerate(ghost.get(field) or []):
            check_item_id(item, f"{path}.{field}[{index}]")


def check_item_id(item: dict[str, Any], path: str) -> None:
    """An item (a note, a promise...) of a schema-2 export has an ``id``: a whole number
    from 1 to the largest id."""
    if "id" not in item:
        raise BadField(f"{path}.id", _("is missing"))
    record_id(item["id"], f"{path}.id")


def _device_id(value: Any, path: str) -> None:
    if not isinstance(value, str) or not _DEVICE_ID.match(value):
        raise wrong(path, _("a device id (32 hex digits)"), value)


def _tag(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong(path, _("a whole number (a device tag)"), value)
    if not 0 <= value < TAGS:
        why = _("is {value}, but device tags run from 0 to {most}")
        raise BadField(path, why.format(value=value, most=number(TAGS - 1)))


# A device that wrote to the exported database (the top-level "devices" list).
DEVICE = {
    "device_id": Field(_device_id, required=True),
    "tag": Field(_tag, required=True),
    "name": Field(text(MAX_FIELD), required=True),
    "last_seen": Field(timestamp, nullable=True),
}
