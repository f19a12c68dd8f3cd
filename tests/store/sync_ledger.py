"""A ledger of every acknowledged save, to check what devices show once they have met.

After each operation a device acknowledges (the store call returned: the save is durable),
the ledger reads the sync entries that operation wrote (see
:mod:`hallway.store.engine.merge` for their shape) and notes, with its stamp, every value
written: each single-valued field, each element added to or removed from a set, each item
(a note, a promise...) written or removed, each removal of a whole record. It never looks at
what devices merged: only at what they saved.

:meth:`Ledger.problems` then says what a device shows that does not follow from those saves
by the merge rules -- the latest write of each field wins; an element is in a set when its
latest change added it; an item is there unless removed after its last write; a record is
there unless removed after every write to it. A save that never reached a device (a file
skipped for good, a frontier past what was read) shows up as a field with an older value,
an element or a note missing, or a record missing or wrongly present.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson

from hallway.store.db import TABLES, Store
from hallway.store.engine.hlc import ZERO
from hallway.store.engine.merge import expand, newest
from hallway.store.engine.peer_reading import sync_table
from hallway.store.sync_rules import DERIVED, KINDS, MAX_TIME

ABSENT = "(left out)"  # what a field a document leaves out shows
Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]
Key = tuple[str, str]  # table, document id


def sync_tables(store: Store) -> Tables:
    """Every sync table of ``store`` as it is now (shallow copies: stored entries are
    replaced on save, never changed in place, so comparing them by identity finds what a
    save wrote)."""
    return {table: dict(store.storage.table(sync_table(table))) for table in TABLES}


class Ledger:
    """Every acknowledged write, by device-independent stamp."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(dict)
        self.elements: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        self.item_writes: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        self.item_removals: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        self.item_fields: dict[tuple[str, str, str, str], dict[str, dict[str, Any]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        self.writes: dict[Key, set[str]] = defaultdict(set)
        self.removals: dict[Key, set[str]] = defaultdict(set)

    def saved(self, store: Store, before: Tables) -> int:
        """Note what ``store`` saved since ``before`` (from :func:`sync_tables`, taken just
        before the operation); how many records it touched. A merge's entries may be noted
        too (what it settled afterwards is a save of that device's): a merged entry holds
        the stamps and values its devices saved, nothing else."""
        touched = 0
        for table in TABLES:
            then = before.get(table, {})
            for doc_id, entry in store.storage.table(sync_table(table)).items():
                if then.get(doc_id) is entry or then.get(doc_id) == entry:
                    continue
                self._note(table, doc_id, store.storage.get_doc(table, doc_id), entry)
                touched += 1
        return touched

    def _note(self, table: str, doc_id: str, doc: Doc | None, sync: Doc) -> None:
        kinds = KINDS[table]
        content = doc if doc is not None else sync.get("g") or {}
        full = expand(kinds, content, sync)
        key = (table, doc_id)
        self.writes[key].add(newest(sync))
        if "x" in sync:
            self.removals[key].add(sync["x"])
        for field, stamp in full.get("f", {}).items():
            if kinds.get(field) in (DERIVED, MAX_TIME) and field not in content:
                continue
            if kinds.get(field) != DERIVED:  # a field left out was written absent
                self.fields[(table, doc_id, field)][stamp] = content.get(field, ABSENT)
        for field, states in full.get("s", {}).items():
            for element, state in states.items():
                self.elements[(table, doc_id, field, element)].add(state)
        items_of = {f: _by_id(content.get(f)) for f in full.get("i", {})}
        for field, items in full.get("i", {}).items():
            for item_id, state in items.items():
                item_key = (table, doc_id, field, item_id)
                self.item_writes[item_key].add(newest(state))
                if "x" in state:
                    self.item_removals[item_key].add(state["x"])
                item = items_of[field].get(item_id) or state.get("g") or {}
                for name, stamp in state.get("f", {}).items():
                    if name in item:
                        self.item_fields[item_key][name][stamp] = item[name]

    # -- what a device must show -------------------------------------------------------------

    def expected_present(self, key: Key) -> bool:
        """Whether a record must be there: written after its latest removal."""
        return max(self.writes[key]) > max(self.removals.get(key, {ZERO}))

    def problems(self, store: Store) -> list[str]:
        """Everything ``store`` shows that its acknowledged saves do not explain."""
        found: list[str] = []
        for key in sorted(self.writes):
            table, doc_id = key
            doc = store.storage.get_doc(table, doc_id)
            wanted = self.expected_present(key)
            if (doc is not None) != wanted:
                state = "missing" if wanted else "there after its removal"
                found.append(f"{table} {doc_id} is {state}")
        for (table, doc_id, field), written in sorted(self.fields.items()):
            doc = store.storage.get_doc(table, doc_id)
            if doc is None:
                continue
            shown = doc.get(field, ABSENT)
            if KINDS[table].get(field) == MAX_TIME:
                # Only grows, but a device may have merged only some of the times written
                # (an older one folded away): it shows one of them.
                if shown not in written.values():
                    found.append(f"{table} {doc_id} {field} is {shown!r}, never saved")
                continue
            want = written[max(written)]
            if shown != want:
                found.append(f"{table} {doc_id} {field} is {shown!r}, not {want!r}")
        for (table, doc_id, field, element), states in sorted(self.elements.items()):
            doc = store.storage.get_doc(table, doc_id)
            if doc is None:
                continue
            last = max(states, key=lambda s: (s[1:], s[0] == "+"))
            shown = {_element(v) for v in doc.get(field) or []}
            if (element in shown) != (last[0] == "+"):
                verb = "lacks" if last[0] == "+" else "still has"
                found.append(f"{table} {doc_id} {field} {verb} {element}")
        found += self._item_problems(store)
        return found

    def _item_problems(self, store: Store) -> list[str]:
        found = []
        for item_key, writes in sorted(self.item_writes.items()):
            table, doc_id, field, item_id = item_key
            doc = store.storage.get_doc(table, doc_id)
            if doc is None:
                continue
            shown = _by_id(doc.get(field))
            wanted = max(writes) > max(self.item_removals.get(item_key, {ZERO}))
            if (item_id in shown) != wanted:
                state = "missing" if wanted else "there after its removal"
                found.append(f"{table} {doc_id} {field} item {item_id} is {state}")
                continue
            if item_id not in shown:
                continue
            for name, written in self.item_fields[item_key].items():
                want = written[max(written)]
                if shown[item_id].get(name) != want:
                    found.append(f"{table} {doc_id} {field} {item_id}.{name} is not {want!r}")
        return found


def _by_id(items: object) -> dict[str, Doc]:
    if not isinstance(items, list):
        return {}
    return {str(i.get("id")): i for i in items if isinstance(i, dict)}


def _element(value: object) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
