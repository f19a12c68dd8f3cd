"""Which devices wrote to a database: each device's own entry in the ``_writers`` table.

At its first save to a database (and when its name changes), a device writes
``{"device_id", "tag", "name"}`` under its number (the first eight hex digits of its id, as in
its file names); the table merges between devices like any other, so every device knows every
device that wrote, and every stamp's device tag (:mod:`.hlc`) leads to a device. When each was
last seen at work is read from the stamps themselves (:func:`writers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hallway.store.devices import Device
from hallway.store.engine.hlc import decode
from hallway.store.engine.merge import stamp_change
from hallway.store.engine.peer_reading import sync_table
from hallway.store.engine.peers import DEVICE_DIGITS
from hallway.store.engine.storage import DurableStorage

WRITERS = "_writers"  # Hallway's own (a "_" table), but merged between devices like records
Doc = dict[str, Any]


@dataclass(frozen=True)
class Writer:
    """A device that wrote to the database: its id, its tag (in its stamps and ids), its
    name, its latest change here (``None``: none of its changes is left to tell), and the
    sync entry of its entry (for exports)."""

    device_id: str
    tag: int
    name: str
    last_seen: datetime | None
    sync: Doc | None = None


def writer_key(device_id: str) -> str:
    """The ``_writers`` document id of a device: its file-name prefix as a number."""
    return str(int(device_id[:DEVICE_DIGITS], 16))


def introduce(storage: DurableStorage, device: Device, stamp: str) -> None:
    """Write this device's entry if it is missing or out of date (in a transaction)."""
    key = writer_key(device.id)
    doc = {"device_id": device.id, "tag": device.tag, "name": device.name}
    old = storage.get_doc(WRITERS, key)
    if old == doc:
        return
    sync = storage.get_doc(sync_table(WRITERS), key)
    storage.put_doc(WRITERS, key, doc)
    storage.put_doc(sync_table(WRITERS), key, stamp_change({}, old, sync, doc, stamp))


def writers(entries: Mapping[str, Doc], syncs: Mapping[str, Mapping[str, Doc]]) -> list[Writer]:
    """The devices in ``entries`` (the ``_writers`` table), each with its latest stamp found
    in ``syncs`` (every sync table by its table's name, ``_writers`` included; two devices
    that share a tag share it), the one seen longest ago first."""
    newest: dict[int, int] = {}
    for table in syncs.values():
        for entry in table.values():
            for stamp in _stamps(entry):
                try:
                    ms, _counter, tag = decode(stamp)
                except ValueError:
                    continue
                if ms and ms > newest.get(tag, 0):
                    newest[tag] = ms
    found: list[Writer] = []
    own = syncs.get(WRITERS, {})
    for key, doc in entries.items():
        device_id, device_tag, name = doc.get("device_id"), doc.get("tag"), doc.get("name")
        if not (
            isinstance(device_id, str) and isinstance(device_tag, int) and isinstance(name, str)
        ):
            continue
        last = newest.get(device_tag, 0)
        seen = datetime.fromtimestamp(last / 1000, UTC) if last else None
        found.append(Writer(device_id, device_tag, name, seen, own.get(key)))
    never = datetime.max.replace(tzinfo=UTC)
    found.sort(key=lambda writer: (writer.last_seen or never, writer.device_id))
    return found


def _stamps(entry: Any) -> Iterable[str]:
    """Every stamp in a sync entry (compact or not, items and removals included)."""
    if not isinstance(entry, dict):
        return
    for key in ("c", "x"):
        if isinstance(entry.get(key), str):
            yield entry[key]
    for stamp in (entry.get("f") or {}).values():
        if isinstance(stamp, str):
            yield stamp
    for states in (entry.get("s") or {}).values():
        for state in states.values() if isinstance(states, dict) else ():
            if isinstance(state, str):
                yield state[1:]
    for items in (entry.get("i") or {}).values():
        for item in items.values() if isinstance(items, dict) else ():
            yield from _stamps(item)
    for pairs in (entry.get("w") or {}).values():
        for pair in pairs if isinstance(pairs, list) else ():
            if isinstance(pair, list) and pair and isinstance(pair[0], str):
                yield pair[0]
