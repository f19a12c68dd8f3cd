"""Merging versions of a document from several devices: deterministic, and nothing is lost.

Devices edit their own copies (stamping each change with their own hybrid clock, some with a
skewed wall clock) and exchange versions in random orders; the properties: merging is
commutative, associative and idempotent, every device ends with the same version once it has
seen everyone's, and what a device added (a topic, a note) survives unless removed later.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.store.engine.hlc import HybridClock, decode, encode, is_stamp
from hallway.store.engine.merge import latest, merge, stamp_change
from hallway.store.sync_rules import ITEMS, MAX_TIME, SET

KINDS = {"topics": SET, "notes": ITEMS, "last_touch": MAX_TIME}
Version = tuple[dict[str, Any] | None, dict[str, Any]]

BASE: dict[str, Any] = {"name": "Maya", "role": "", "topics": ["sourdough"], "notes": []}


class Device:
    """One device's copy of one document."""

    def __init__(self, tag: int, wall: list[int], skew: int) -> None:
        self.clock = HybridClock(tag, lambda: wall[0] + skew)
        self.version: Version = (None, {})
        self.next_item = tag * 1000

    def write(self, doc: dict[str, Any] | None) -> None:
        if doc is not None:  # as the app keeps them: notes in time order (ids grow with time)
            doc["notes"] = sorted(doc["notes"], key=lambda note: (note["at"], note["id"]))
        old, sync = self.version
        self.version = (doc, stamp_change(KINDS, old, sync, doc, self.clock.now()))

    def receive(self, other: Version) -> None:
        if other[1]:
            self.clock.observe(latest(other[1]))
        self.version = merge(KINDS, self.version, other)


def edit(device: Device, op: str, value: str) -> None:
    doc = device.version[0]
    if doc is None:
        if op == "save":
            device.write(dict(BASE))
        return
    doc = {**doc, "topics": list(doc["topics"]), "notes": [dict(n) for n in doc["notes"]]}
    if op == "name":
        doc["name"] = value
    elif op == "role":
        doc["role"] = value
    elif op == "add-topic":
        doc["topics"] = [*doc["topics"], value] if value not in doc["topics"] else doc["topics"]
    elif op == "drop-topic" and doc["topics"]:
        doc["topics"] = doc["topics"][1:]
    elif op == "add-note":
        device.next_item += 1
        doc["notes"].append({"id": device.next_item, "text": value, "at": "2026-03-05"})
    elif op == "edit-note" and doc["notes"]:
        doc["notes"][0]["text"] = value
    elif op == "drop-note" and doc["notes"]:
        doc["notes"] = doc["notes"][1:]
    elif op == "touch":
        doc["last_touch"] = f"2026-03-{len(value) % 28 + 1:02d}T10:00:00+01:00"
    elif op == "remove":
        device.write(None)
        return
    device.write(doc)


OPS = st.sampled_from(
    ["save", "name", "role", "add-topic", "drop-topic", "add-note", "edit-note", "drop-note",
     "touch", "remove"]
)  # fmt: skip
STEP = st.tuples(
    st.integers(0, 2),  # which device
    st.one_of(OPS.map(lambda op: ("edit", op)), st.integers(0, 2).map(lambda d: ("sync", d))),
    st.text(alphabet="abcdéz 😀", min_size=1, max_size=6),
    st.integers(0, 3),  # wall clock advance
)


def run(steps: list[tuple[int, tuple[str, Any], str, int]]) -> list[Device]:
    wall = [1_700_000_000_000]
    devices = [Device(tag, wall, skew) for tag, skew in ((1, 0), (2, -5_000), (3, 90_000))]
    devices[0].write(dict(BASE))
    for device in devices[1:]:
        device.receive(devices[0].version)
    for who, (kind, what), value, advance in steps:
        wall[0] += advance
        if kind == "edit":
            edit(devices[who], what, value)
        else:
            devices[who].receive(devices[what].version)
    return devices


@settings(max_examples=int(os.environ.get("HALLWAY_MERGE_EXAMPLES", "300")), deadline=None)
@given(st.lists(STEP, max_size=40), st.permutations([0, 1, 2]))
def test_devices_agree_after_seeing_everyone(steps: list[Any], order: list[int]) -> None:
    devices = run(steps)
    final = [d.version for d in devices]
    for first in order:  # everyone receives everyone, in some order
        for device in devices:
            device.receive(final[first])
    results = [d.version for d in devices]
    assert results[0] == results[1] == results[2]


@settings(max_examples=int(os.environ.get("HALLWAY_MERGE_EXAMPLES", "300")), deadline=None)
@given(st.lists(STEP, max_size=30))
def test_merge_is_commutative_associative_and_idempotent(steps: list[Any]) -> None:
    a, b, c = (d.version for d in run(steps))
    assert merge(KINDS, a, b) == merge(KINDS, b, a)
    assert merge(KINDS, merge(KINDS, a, b), c) == merge(KINDS, a, merge(KINDS, b, c))
    assert merge(KINDS, a, a) == a
    ab = merge(KINDS, a, b)
    assert merge(KINDS, ab, b) == ab


def test_both_sides_additions_survive_and_the_later_name_wins() -> None:
    wall = [1_700_000_000_000]
    phone, laptop = Device(1, wall, 0), Device(2, wall, 0)
    phone.write(dict(BASE))
    laptop.receive(phone.version)
    edit(phone, "add-topic", "choir")
    edit(phone, "add-note", "sings bass")
    wall[0] += 10
    edit(laptop, "add-topic", "bouldering")
    edit(laptop, "name", "Maya Chen")
    wall[0] += 10
    edit(phone, "name", "Maya C.")  # later: wins; the laptop's name goes to the history
    phone.receive(laptop.version)
    laptop.receive(phone.version)
    assert phone.version == laptop.version
    doc, sync = phone.version
    assert doc is not None
    assert sorted(doc["topics"]) == ["bouldering", "choir", "sourdough"]
    assert [n["text"] for n in doc["notes"]] == ["sings bass"]
    assert doc["name"] == "Maya C."
    assert "Maya Chen" in [value for _stamp, value in sync["w"]["name"]]


def test_a_removal_loses_to_a_later_edit_and_beats_an_older_one() -> None:
    wall = [1_700_000_000_000]
    phone, laptop = Device(1, wall, 0), Device(2, wall, 0)
    phone.write(dict(BASE))
    laptop.receive(phone.version)
    wall[0] += 10
    edit(phone, "remove", "")
    wall[0] += 10
    edit(laptop, "name", "still here")  # made after the removal, without having seen it
    phone.receive(laptop.version)
    assert phone.version[0] is not None and phone.version[0]["name"] == "still here"
    wall[0] += 10
    edit(phone, "remove", "")
    laptop.receive(phone.version)
    assert laptop.version[0] is None


def test_stamps_order_by_time_then_counter_then_device() -> None:
    assert encode(5, 0, 9) < encode(5, 1, 0) < encode(6, 0, 0)
    assert decode(encode(123, 4, 5)) == (123, 4, 5)
    assert is_stamp(encode(1, 2, 3)) and not is_stamp("nope")
    wall = [1000]
    clock = HybridClock(7, lambda: wall[0])
    first = clock.now()
    wall[0] = 500  # the wall clock goes back
    assert clock.now() > first
    clock.observe(encode(9_000, 3, 1))
    assert clock.now() > encode(9_000, 3, 1)


def test_a_document_written_once_keeps_a_tiny_entry() -> None:
    wall = [1_700_000_000_000]
    phone = Device(1, wall, 0)
    phone.write({**BASE, "notes": [{"id": 7, "text": "hi", "at": "2026-03-05"}]})
    sync = phone.version[1]
    assert set(sync) == {"c"}  # one stamp for every part written at once
    edit(phone, "name", "Maya Chen")
    assert set(phone.version[1]) == {"c", "f", "w"} and set(phone.version[1]["f"]) == {"name"}


def test_a_time_written_then_removed_and_saved_again_merges_with_itself_unchanged() -> None:
    # Hypothesis found it: touched (last_touch stamped), removed, saved again without a
    # last_touch. The version keeps the touch's stamp; merged with itself it must stay the
    # same version (the merge used to drop the stamp of a time field neither side holds).
    steps = [(0, ("edit", op), "a", 1) for op in ("touch", "remove", "save")]
    a = run(steps)[0].version
    assert "last_touch" not in (a[0] or {})
    assert merge(KINDS, a, a) == a
