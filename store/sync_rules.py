"""Which field of which table merges how, when devices' versions of a record meet (the
rules themselves: :mod:`hallway.store.engine.merge`).

Topics, a contact's encounters and a circle are sets (both sides' additions survive); notes,
promises, interactions and give-and-take are items, each with an ``id``, merged one by one;
``last_touch`` and ``active_at`` only grow; a contact's ``next_due`` is worked out again from
the merged contact; every other field is single-valued (the later write wins, the value it
wins over is kept in the record's history; a field a record leaves out, such as a contact's
``edited`` flag when false, counts as written absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SET = "set"
ITEMS = "items"
MAX_TIME = "max-time"
DERIVED = "derived"  # worked out again after a merge; never merged itself
Kinds = Mapping[str, Mapping[str, str]]  # table -> field -> kind (fields not named: single)

KINDS: Kinds = {
    "events": {},
    "encounters": {
        "topics": SET,
        "notes": ITEMS,
        "follow_ups": ITEMS,
        "circle": SET,
        "active_at": MAX_TIME,
    },
    "contacts": {
        "topics": SET,
        "notes": ITEMS,
        "encounter_ids": SET,
        "interactions": ITEMS,
        "give_take": ITEMS,
        "last_touch": MAX_TIME,
        "next_due": DERIVED,
    },
    "profile": {"topics": SET},
}

SAME_RECORD: Mapping[str, tuple[str, ...]] = {
    "events": ("name", "starts"),
    "encounters": ("event_id", "name", "met_at"),
    "contacts": ("name",),
    "profile": (),
}
"""Fields that tell, between copies written before changes were stamped (where one counter
id may be two different people on two devices), that two records are the same one. Tables
come in the order of :data:`KINDS`, so a table's references are settled before it."""

REFERENCES: Mapping[str, Mapping[str, str]] = {
    "encounters": {"event_id": "events", "contact_id": "contacts", "circle": "encounters"},
    "contacts": {"encounter_ids": "encounters"},
}
"""Fields holding other records' ids (field -> table), which follow a record given a new id
(a conflict copy's record, another database's record merged in from its export)."""

# Tables whose ids derive from another table's (a contact promoted from an encounter takes an
# id worked out from the encounter's, the same on every device).
DERIVED_IDS: Mapping[str, str] = {"contacts": "encounters"}


def number_items(items: list[dict[str, Any]]) -> None:
    """Give the items of one list that have no id one by their place (1, 2, 3..., skipping
    ids already used), in place: how items written before items had ids get theirs, the same
    for the same record wherever it is (a database brought up to date, an old export)."""
    used = {i["id"] for i in items if _is_item_id(i.get("id"))}
    free = (n for n in range(1, len(items) + len(used) + 1) if n not in used)
    for item in items:
        if not _is_item_id(item.get("id")):
            item["id"] = next(free)


def _is_item_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
