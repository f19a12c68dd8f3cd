"""Merging two devices' versions of a document so that nothing typed is lost.

Every document has, beside it, a *sync entry* saying when each part of it was last written
(a hybrid-clock stamp, see :mod:`.hlc`)::

    {"f": {field: stamp},                         # single-valued fields
     "s": {field: {element: "+stamp" | "-stamp"}},  # sets: topics, encounter ids...
     "i": {field: {item id: {entry of the item}}},  # notes, promises... (no "w")
     "w": {field: [[stamp, value], ...]},         # values written over (the newest few)
     "x": stamp,                                  # the latest removal
     "g": {...}}                                  # a removed document's content

Merging two versions is, field by field: the later write wins, and the value it wins over
goes into the field's history ``w`` (as does every value an edit on the same device wrote
over, so the history is every value written over, whatever path the versions took: the same
on every device). A single value a document leaves out (a flag the domain drops when false)
was written absent at its stamp, and that write wins or loses like any other. A set keeps
every element whose latest change is an addition (so both
sides' additions survive, and a removal beats only older additions). Item lists merge item
by item on their ``id``, each item like a small document. A time field that only grows
(``MAX_TIME``) keeps the later time.

A document is removed when its latest removal is newer than every write to it; a change made
elsewhere after the removal (on a device that had not seen it) keeps the document, and since
a removed document's content stays in its entry (``g``), all of it comes back, exactly as on
every other device. Each rule is commutative, associative and idempotent, so every device
computes the same result from the same versions, whatever order they arrive in.

Which field is which comes from the domain (:data:`Kinds`, given by the Store); fields not
named are single-valued.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

import orjson

from hallway.store.engine.hlc import ZERO
from hallway.store.sync_rules import DERIVED, ITEMS, MAX_TIME, SET

Doc = dict[str, Any]
Sync = dict[str, Any]
T = TypeVar("T")

MAX_HISTORY = 3  # values written over, kept per field (the newest)


def _copy(value: T) -> T:
    """A deep copy of JSON data (documents and entries are nothing else): through orjson,
    many times faster than ``copy.deepcopy``, which a poll merging many records feels."""
    copied: T = orjson.loads(orjson.dumps(value))
    return copied


def _key(value: object) -> str:
    """A set element or a value as a stable string (for keys and tie-breaks)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def newest(sync: Sync | None) -> str:
    """The latest stamp anywhere in a sync entry (the document's last change)."""
    if not sync:
        return ZERO
    stamps = [sync.get("c", ZERO), *sync.get("f", {}).values()]
    for elements in sync.get("s", {}).values():
        stamps.extend(state[1:] for state in elements.values())
    for items in sync.get("i", {}).values():
        for item in items.values():
            stamps.append(newest(item))
            if "x" in item:
                stamps.append(item["x"])
    return max(stamps)


def latest(sync: Sync | None) -> str:
    """The latest stamp in a sync entry, removals included: what a device that receives it
    must have seen (so its own next changes are later)."""
    return max(newest(sync), (sync or {}).get("x", ZERO))


# -- compact and full entries --------------------------------------------------------------
#
# Stored entries are compact: ``c`` is the stamp of every part not named otherwise (for a
# document written once, the whole entry is ``{"c": stamp}``), a set element added at ``c``
# and an item stamped all at ``c`` are left out. The rules work on full entries.


def expand(kinds: Mapping[str, str], doc: Doc | None, sync: Sync | None) -> Sync:
    """The full entry of a compact one, for ``doc`` (the removed content for a removed one)."""
    entry = _copy(sync) if sync else {}
    base = entry.pop("c", ZERO)
    fields = entry.setdefault("f", {})
    for field, value in (doc or {}).items():
        kind = kinds.get(field)
        if kind == SET and isinstance(value, list):
            states = entry.setdefault("s", {}).setdefault(field, {})
            for element in value:
                states.setdefault(_key(element), "+" + base)
        elif kind == ITEMS and isinstance(value, list):
            states = entry.setdefault("i", {}).setdefault(field, {})
            for item_id, item in _items_by_id(value).items():
                states[item_id] = expand({}, item, {"c": base, **states.get(item_id, {})})
            for item_id, state in states.items():
                if "x" in state and item_id not in _items_by_id(value):
                    states[item_id] = expand({}, state.get("g"), {"c": base, **state})
        elif kind != DERIVED:
            fields.setdefault(field, base)
    return entry


def compress(
    kinds: Mapping[str, str], doc: Doc | None, entry: Sync, base: str | None = None
) -> Sync:
    """The compact form of a full entry for ``doc``; ``base`` is the enclosing document's
    ``c`` (for an item)."""
    out = _copy(entry)
    fields = out.pop("f", {})
    # ``c`` is taken from the fields the document holds; a field it leaves out (written
    # absent: a flag the domain drops when false) is always named, since :func:`expand`
    # gives ``c`` only to the fields a document holds. So one full entry has one compact
    # form, on the device that saved it and on every device that merged it.
    held = {f: stamp for f, stamp in fields.items() if doc is None or f in doc}
    common = min(held.values()) if held else (base or ZERO)
    if base is not None and not held:
        common = base
    kept = {f: stamp for f, stamp in fields.items() if stamp != common or f not in held}
    if kept:
        out["f"] = kept
    for field, states in list(out.get("s", {}).items()):
        states = {e: s for e, s in states.items() if s != "+" + common}
        if states:
            out["s"][field] = states
        else:
            del out["s"][field]
    if "s" in out and not out["s"]:
        del out["s"]
    for field, items in list(out.get("i", {}).items()):
        present = _items_by_id((doc or {}).get(field))
        packed = {}
        for item_id, state in items.items():
            item_doc = present.get(item_id, state.get("g"))
            small = compress({}, item_doc, state, common)
            if small != {"c": common}:
                packed[item_id] = small
        if packed:
            out["i"][field] = packed
        else:
            del out["i"][field]
    if "i" in out and not out["i"]:
        del out["i"]
    if common != ZERO or base is not None:
        out["c"] = common
    return out


# -- stamping a local change ---------------------------------------------------------------


def stamp_change(
    kinds: Mapping[str, str], old: Doc | None, sync: Sync | None, new: Doc | None, stamp: str
) -> Sync:
    """The sync entry after this device changed a document from ``old`` to ``new`` (``None``:
    absent / removed) at ``stamp``: only what changed gets the new stamp."""
    content = old if old is not None else (sync or {}).get("g")
    full = _stamp_full(kinds, old, expand(kinds, content, sync), new, stamp)
    return compress(kinds, new if new is not None else full.get("g"), full)


def _stamp_full(
    kinds: Mapping[str, str], old: Doc | None, sync: Sync | None, new: Doc | None, stamp: str
) -> Sync:
    entry = _copy(sync) if sync else {}
    if new is None:
        entry["x"] = stamp
        if old is not None:
            entry["g"] = _copy(old)
        return entry
    entry.pop("g", None)
    before = old if old is not None else (sync or {}).get("g") or {}
    fields = entry.setdefault("f", {})
    for field, value in new.items():
        kind = kinds.get(field)
        if kind == DERIVED:
            continue
        if kind == SET and isinstance(value, list):
            _stamp_set(entry, field, before.get(field), value, stamp)
        elif kind == ITEMS and isinstance(value, list):
            _stamp_items(entry, field, before.get(field), value, stamp)
        elif field not in before or field not in fields:
            fields[field] = stamp
        elif before[field] != value:
            _remember(entry, field, fields[field], before[field])
            fields[field] = stamp
    for field in before.keys() - new.keys():
        # A single value the document now leaves out (the domain drops a false flag) is
        # written absent: later than the value, it wins over it as any write does.
        if kinds.get(field) not in (SET, ITEMS, DERIVED, MAX_TIME):
            if field in fields and fields[field] != stamp:
                _remember(entry, field, fields[field], before[field])
            fields[field] = stamp
    if old is None and "x" in entry:
        # Saved again after a removal (an undo): newer than the removal in every part. A
        # value written again over itself is history too, as a merge would keep it.
        for field in new:
            if kinds.get(field) not in (SET, ITEMS, DERIVED):
                if field in before and fields.get(field, stamp) != stamp:
                    _remember(entry, field, fields[field], before[field])
                fields[field] = stamp
    return entry


def revived(kinds: Mapping[str, str], removed: Doc, saved: Doc) -> Doc:
    """A removed document saved again (an undo saves the copy it removed): the saved copy,
    with every set element and item the removed document holds that the copy lacks -- what
    other devices added while it was removed, merged in since. Saving it back must not
    remove them: the removal is undone, with everything, as a later edit elsewhere would."""
    doc = dict(saved)
    for field, kind in kinds.items():
        held = removed.get(field)
        if kind not in (SET, ITEMS) or not isinstance(held, list):
            continue
        kept = list(doc.get(field) or [])
        if kind == SET:
            keys = {_key(value) for value in kept}
            extra = [value for value in held if _key(value) not in keys]
        else:
            ids = _items_by_id(kept).keys()
            extra = [item for item in held if isinstance(item, dict)]
            extra = [item for item in extra if str(item.get("id")) not in ids]
        if extra:
            doc[field] = kept + _copy(extra)
            if kind == ITEMS:
                doc[field].sort(key=_item_order)
    return doc


def as_merged(kinds: Mapping[str, str], before: Doc | None, doc: Doc) -> Doc:
    """``doc`` as a merge would leave it, so that the device that saves it shows what every
    other device will: items (notes, promises...) in merge order (by time, then id: a note
    typed on a device whose clock runs late goes where the others put it), and ``[]`` for
    each set or item list ``before`` held that ``doc`` leaves out (the domain leaves an
    emptied circle out): saved empty, its elements count as removed -- a merge looks only at
    the fields a version holds, so an older version still holding them would bring them back."""
    out = doc
    for field, kind in kinds.items():
        value = out.get(field)
        if kind in (SET, ITEMS) and value is None and isinstance((before or {}).get(field), list):
            out = {**out, field: []}
        elif kind == ITEMS and isinstance(value, list) and all(isinstance(i, dict) for i in value):
            ordered = sorted(value, key=_item_order)
            if ordered != value:
                out = {**out, field: ordered}
    return out


def _remember(entry: Sync, field: str, stamp: str, value: Any) -> None:
    """Keep a value written over in the field's history (the newest few)."""
    kept = entry.setdefault("w", {}).setdefault(field, [])
    if [stamp, value] not in kept:
        kept.append([stamp, value])
        kept.sort(key=lambda pair: (pair[0], _key(pair[1])))
        del kept[:-MAX_HISTORY]


def _stamp_set(entry: Sync, field: str, old: object, new: list[Any], stamp: str) -> None:
    states = entry.setdefault("s", {}).setdefault(field, {})
    before = {_key(v) for v in old} if isinstance(old, list) else set()
    after = {_key(v) for v in new}
    for element in after:
        if element not in before or element not in states or states[element][0] != "+":
            states[element] = "+" + stamp
    for element in before - after:
        states[element] = "-" + stamp


def _stamp_items(entry: Sync, field: str, old: object, new: list[Any], stamp: str) -> None:
    """Items are documents of their own, each with an entry (no history: the record's is
    enough)."""
    states = entry.setdefault("i", {}).setdefault(field, {})
    before = _items_by_id(old)
    after = _items_by_id(new)
    for item_id in after.keys() | before.keys():
        previous, current = before.get(item_id), after.get(item_id)
        if previous == current and item_id in states:
            continue
        state = _stamp_full({}, previous, states.get(item_id), current, stamp)
        state.pop("w", None)
        states[item_id] = state


def _items_by_id(items: object) -> dict[str, Doc]:
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): item for item in items if isinstance(item, dict)}


# -- merging two versions ------------------------------------------------------------------


def merge(
    kinds: Mapping[str, str],
    a: tuple[Doc | None, Sync | None],
    b: tuple[Doc | None, Sync | None],
) -> tuple[Doc | None, Sync]:
    """One version from two versions of a document (each a document or ``None`` when absent
    or removed, and its sync entry)."""
    full_a = expand(kinds, a[0] if a[0] is not None else (a[1] or {}).get("g"), a[1])
    full_b = expand(kinds, b[0] if b[0] is not None else (b[1] or {}).get("g"), b[1])
    doc, full = _merge_full(kinds, (a[0], full_a), (b[0], full_b))
    return doc, compress(kinds, doc if doc is not None else full.get("g"), full)


def _merge_full(
    kinds: Mapping[str, str],
    a: tuple[Doc | None, Sync | None],
    b: tuple[Doc | None, Sync | None],
) -> tuple[Doc | None, Sync]:
    (doc_a, sync_a), (doc_b, sync_b) = a, b
    sync_a, sync_b = sync_a or {}, sync_b or {}
    content = [
        (doc if doc is not None else sync.get("g"), sync)
        for doc, sync in ((doc_a, sync_a), (doc_b, sync_b))
    ]
    present = [(doc, sync) for doc, sync in content if doc is not None]
    doc: Doc | None = None
    entry: Sync = {}
    if present:
        doc, entry = _merge_alive(kinds, present)
    for written in (sync_a.get("w", {}), sync_b.get("w", {})):
        for field, pairs in written.items():
            for stamp, value in pairs:
                _remember(entry, field, stamp, value)
    removed = max(sync_a.get("x", ZERO), sync_b.get("x", ZERO))
    if removed == ZERO:
        return doc, entry
    entry["x"] = removed
    if doc is not None and removed > newest(entry):
        entry["g"] = doc
        return None, entry
    return doc, entry


def _merge_alive(kinds: Mapping[str, str], alive: list[tuple[Doc, Sync]]) -> tuple[Doc, Sync]:
    if len(alive) == 1:
        only = _copy(alive[0][1])
        only.pop("x", None)
        only.pop("g", None)
        return _copy(alive[0][0]), only
    (doc_a, sync_a), (doc_b, sync_b) = alive
    doc: Doc = {}
    entry: Sync = {"f": {}}
    # Fields of both documents, and sets and item lists that neither holds now (emptied and
    # left out) but whose elements' changes must be kept.
    names = doc_a.keys() | doc_b.keys()
    for sync in (sync_a, sync_b):
        names |= sync.get("s", {}).keys() | sync.get("i", {}).keys()
        names |= {f for f in sync.get("f", {}) if kinds.get(f) not in (MAX_TIME, DERIVED)}
    for field in sorted(names):
        kind = kinds.get(field)
        if kind is None and not (field in doc_a and field in doc_b):
            _merge_absent(entry, doc, field, (doc_a, sync_a), (doc_b, sync_b))
        elif kind in (SET, ITEMS):
            merge_list = _merge_set if kind == SET else _merge_items
            doc[field] = merge_list(entry, field, doc_a, sync_a, doc_b, sync_b)
        elif kind == MAX_TIME:
            doc[field] = _merge_max_time(entry, field, doc_a, sync_a, doc_b, sync_b)
        elif kind == DERIVED:
            # Recomputed by the domain after the merge; until then, the newer version's.
            newer = max(alive, key=lambda version: (newest(version[1]), _key(version[0])))
            doc[field] = newer[0].get(field)
        else:
            doc[field] = _merge_scalar(entry, field, doc_a, sync_a, doc_b, sync_b)
    # A time or derived field neither version holds keeps its latest stamp (as a version
    # merged with itself, or with nothing, does): merging stays idempotent.
    for field in {*sync_a.get("f", {}), *sync_b.get("f", {})} - names:
        stamps = [sync.get("f", {}).get(field, ZERO) for sync in (sync_a, sync_b)]
        entry["f"][field] = max(stamps)
    return doc, entry


def _merge_absent(
    entry: Sync, doc: Doc, field: str, a: tuple[Doc, Sync], b: tuple[Doc, Sync]
) -> None:
    """A single value one version (or both) leaves out: the later write wins, absence
    included (a field left out without a stamp of its own was never written there)."""
    sides = [(s.get("f", {}).get(field, ZERO), field in d, d.get(field)) for d, s in (a, b)]
    stamp, present, value = max(sides, key=lambda side: (side[0], side[1]))
    entry["f"][field] = stamp
    if present:
        doc[field] = value
    for lost_stamp, lost_present, lost_value in sides:
        if lost_present and lost_stamp != stamp:
            _remember(entry, field, lost_stamp, lost_value)  # as _merge_scalar does


def _side(field: str, doc: Doc, sync: Sync) -> tuple[str, str, Any, bool]:
    present = field in doc
    stamp = sync.get("f", {}).get(field, ZERO) if present else ZERO
    value = doc.get(field)
    return stamp, _key(value), value, present


def _merge_scalar(
    entry: Sync, field: str, doc_a: Doc, sync_a: Sync, doc_b: Doc, sync_b: Sync
) -> Any:
    a, b = _side(field, doc_a, sync_a), _side(field, doc_b, sync_b)
    win, lose = (a, b) if (a[0], a[1]) >= (b[0], b[1]) else (b, a)
    entry["f"][field] = win[0]
    if lose[3] and lose[0] != win[0]:
        # Every write written over is history, even one that wrote the same value: so the
        # history does not depend on the order versions meet in.
        _remember(entry, field, lose[0], lose[2])
    return win[2]


def _merge_max_time(
    entry: Sync, field: str, doc_a: Doc, sync_a: Sync, doc_b: Doc, sync_b: Sync
) -> Any:
    def moment(doc: Doc) -> datetime | None:
        value = doc.get(field)
        try:
            return datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    sides = [(moment(d), d, s) for d, s in ((doc_a, sync_a), (doc_b, sync_b)) if field in d]
    timed = [side for side in sides if side[0] is not None]
    if timed:
        best = max(timed, key=lambda side: (side[0], side[2].get("f", {}).get(field, ZERO)))
    else:
        best = max(sides, key=lambda side: side[2].get("f", {}).get(field, ZERO))
    entry["f"][field] = best[2].get("f", {}).get(field, ZERO)
    return best[1].get(field)


def _element_states(field: str, doc: Doc, sync: Sync) -> dict[str, str]:
    states = dict(sync.get("s", {}).get(field, {}))
    values = doc.get(field)
    for value in values if isinstance(values, list) else []:
        # Elements written before sync entries existed count as added long ago.
        states.setdefault(_key(value), "+" + ZERO)
    return states


def _merge_set(entry: Sync, field: str, doc_a: Doc, sync_a: Sync, doc_b: Doc, sync_b: Sync) -> Any:
    a, b = _element_states(field, doc_a, sync_a), _element_states(field, doc_b, sync_b)
    merged: dict[str, str] = {}
    for element in a.keys() | b.keys():
        candidates = [s for s in (a.get(element), b.get(element)) if s is not None]
        # Later change wins; at the same instant an addition wins.
        merged[element] = max(candidates, key=lambda state: (state[1:], state[0] == "+"))
    entry.setdefault("s", {})[field] = merged
    kept = [e for e, state in merged.items() if state[0] == "+"]
    # The order: when each element was added; elements added by one save (the topics of
    # one capture) in the order of the version that changed the set last (as its device
    # shows them: typed order), then by text. Every part of that key is the same whatever
    # order versions meet in, so every device shows one order, the writer's.
    lead = max(
        ((a, doc_a), (b, doc_b)),
        key=lambda side: (max((s[1:] for s in side[0].values()), default=ZERO),
                          _key(side[1].get(field))),
    )  # fmt: skip
    listed = lead[1].get(field)
    rank: dict[str, int] = {}
    for place, value in enumerate(listed if isinstance(listed, list) else []):
        rank.setdefault(_key(value), place)
    kept.sort(key=lambda e: (merged[e][1:], rank.get(e, len(rank)), e))
    return [orjson.loads(e) for e in kept]


def _merge_items(
    entry: Sync, field: str, doc_a: Doc, sync_a: Sync, doc_b: Doc, sync_b: Sync
) -> list[Any]:
    items_a, items_b = _items_by_id(doc_a.get(field)), _items_by_id(doc_b.get(field))
    states_a = sync_a.get("i", {}).get(field, {})
    states_b = sync_b.get("i", {}).get(field, {})
    merged_states: dict[str, Sync] = {}
    result: list[Doc] = []
    for item_id in sorted(items_a.keys() | items_b.keys() | states_a.keys() | states_b.keys()):
        sub_kinds: dict[str, str] = {}
        version_a = (items_a.get(item_id), states_a.get(item_id))
        version_b = (items_b.get(item_id), states_b.get(item_id))
        item, state = _merge_full(sub_kinds, version_a, version_b)
        state.pop("w", None)  # an item keeps no history of its own
        merged_states[item_id] = state
        if item is not None:
            result.append(item)
    entry.setdefault("i", {})[field] = merged_states
    result.sort(key=_item_order)
    return result


def _item_order(item: Doc) -> tuple[str, int]:
    identity = item.get("id")
    return (str(item.get("at", "")), identity if isinstance(identity, int) else 0)
