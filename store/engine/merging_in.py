"""Merging versions of records that come from outside (another database's export) into this
database, by the rules devices merge by (:mod:`.merge`), in one transaction.

Versions from a file that has no sync entries (an export from before devices) count as
written long ago by nobody known, so anything written here wins over them. Where this database
has a record of its own from before devices too, neither side is newer by its stamps; this
database's version is then taken as the newer one (see :data:`VOUCHED`): its fields stay, the
file's other values are kept in the record's history, and what only the file has (a note, a
topic) is added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hallway.store.engine.hlc import HybridClock, encode
from hallway.store.engine.merge import latest, merge
from hallway.store.engine.peer_reading import sync_table
from hallway.store.engine.storage import DurableStorage

Doc = dict[str, Any]
Kinds = Mapping[str, Mapping[str, str]]

# Older than every stamp a device makes, newer than a version nobody stamped: the stamp this
# database gives its own unstamped version of a record when a file from before devices brings
# another version of it.
VOUCHED = encode(0, 1, 0)


@dataclass(frozen=True)
class MergedVersion:
    """A record's version after a merge, different from the one stored."""

    table: str
    doc_id: str
    doc: Doc | None
    sync: Doc | None


def plan_merge(
    storage: DurableStorage,
    kinds: Kinds,
    versions: Iterable[tuple[str, str, Doc | None, Doc | None]],
    *,
    unstamped: bool = False,
) -> list[MergedVersion]:
    """What merging ``versions`` (table, id, document or ``None``, sync entry or ``None``)
    would change, without changing anything; ``unstamped``: they come from a file from
    before devices (see the module's note)."""
    incoming: dict[tuple[str, str], tuple[Doc | None, Doc | None]] = {}
    for table, doc_id, doc, sync in versions:
        key = (table, doc_id)
        if key in incoming:  # the same record twice: merged first (merging is associative)
            doc, sync = merge(kinds.get(table, {}), incoming[key], (doc, sync))
        incoming[key] = (doc, sync or None)
    changes: list[MergedVersion] = []
    for (table, doc_id), version in incoming.items():
        rules = kinds.get(table, {})
        local_doc = storage.get_doc(table, doc_id)
        local_sync = storage.get_doc(sync_table(table), doc_id)
        local = (local_doc, local_sync)
        # What is stored, as a merge writes it (sets in the merge's order...): a version that
        # brings nothing new merges into exactly this.
        as_merged = merge(rules, local, local)
        doc, sync = merge(rules, local, version)
        if doc == as_merged[0] and (sync or None) == (as_merged[1] or None):
            continue
        if unstamped and local_doc is not None and not local_sync and doc != as_merged[0]:
            doc, sync = merge(rules, (local_doc, {"c": VOUCHED}), version)
        changes.append(MergedVersion(table, doc_id, doc, sync or None))
    return changes


def apply_merge(storage: DurableStorage, clock: HybridClock, changes: list[MergedVersion]) -> None:
    """Save merged versions (in a transaction); the clock is told every stamp they carry,
    so this device's next changes are newer."""
    for change in changes:
        if change.sync:
            clock.observe(latest(change.sync))
        storage.put_doc(change.table, change.doc_id, change.doc)
        storage.put_doc(sync_table(change.table), change.doc_id, change.sync)
