"""Bugs the simulated file sync found, each as the smallest story that showed it."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.store.engine import peer_reading
from hallway.store.engine.hlc import HybridClock
from hallway.store.engine.merge import as_merged, latest, merge, stamp_change
from hallway.store.records import Encounter
from hallway.store.sync_rules import ITEMS, SET
from tests.store.sync_work import OPERATIONS, Fleet

LATE_PHONE = {"phone": timedelta(minutes=-5)}


class First:
    """Always the first choice, and every 'maybe' taken."""

    def choice(self, seq: list[object]) -> object:
        return next(iter(seq))

    def randint(self, a: int, b: int) -> int:
        return a

    def random(self) -> float:
        return 0.0


def test_a_circle_emptied_by_a_removal_stays_empty_on_the_other_device(tmp_path: Path) -> None:
    # Ana + Ben captured as a circle, then Ana removed: Ben's circle is empty, and the
    # encounter document leaves the field out. Removing the last element must still count
    # as removing it, or the other device brings Ana back into Ben's circle.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop = fleet.places[0]
    fleet.act(laptop, OPERATIONS["capture"], First())
    fleet.act(laptop, OPERATIONS["remove"], First())
    fleet.meet()
    assert fleet.problems() == []
    (ben,) = fleet.stores["phone"].encounters()
    assert ben.circle == []
    fleet.remove_folders()


def test_an_edit_after_a_restart_wins_even_on_a_clock_running_late(tmp_path: Path) -> None:
    # The phone's clock runs five minutes late. It saw the laptop's capture (its clock
    # jumped ahead to stay after it) and captured someone itself; after a restart its
    # clock starts again from its own late wall time: an edit then must still be later
    # than everything the record held, or the laptop keeps the older value.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0), skews=LATE_PHONE)
    laptop, phone = fleet.places
    fleet.act(laptop, OPERATIONS["capture"], First())
    fleet.meet()
    fleet.act(phone, lambda f, s, c: s.capture("Maya Chen, baker @Crumb").name)
    (maya,) = [e for e in fleet.stores["phone"].encounters() if e.name == "Maya Chen"]
    fleet.restart(phone)
    fleet.act(phone, lambda f, s, c: s.update_encounter(maya.id, _role("lead")).role)
    fleet.meet()
    assert fleet.problems() == []
    assert fleet.stores["laptop"].encounter(maya.id).role == "lead"
    fleet.remove_folders()


def _role(role: str) -> Callable[[Encounter], None]:
    def change(encounter: Encounter) -> None:
        encounter.role = role

    return change


def test_notes_added_in_one_second_by_two_runs_of_hallway_keep_apart(tmp_path: Path) -> None:
    # `hallway note ...` twice in one second (a script, say): each run is a new process whose
    # id maker starts afresh. The two notes must still get different ids, or merging by id
    # keeps only one of them on the other device.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0), tick=timedelta(0))  # still
    laptop = fleet.places[0]
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen").name)
    (maya,) = fleet.stores["laptop"].encounters()
    for text in ("bakes on Sundays", "has a starter called Bob", "cycles to work"):
        fleet.restart(laptop)
        fleet.act(laptop, lambda f, s, c, text=text: s.add_note(maya.id, text).name)
        fleet.typed.texts.append(("encounters", str(maya.id), "notes", text))
    notes = fleet.stores["laptop"].encounter(maya.id).notes
    assert len({note.id for note in notes}) == 3
    fleet.meet()
    assert fleet.problems() == []
    fleet.remove_folders()


# -- merging a set the domain leaves out when empty ---------------------------------------------

CIRCLE_KINDS = {"circle": SET, "notes": ITEMS}
Version = tuple[dict[str, Any] | None, dict[str, Any]]


class Copy:
    """One device's copy of an encounter whose circle is left out when empty."""

    def __init__(self, tag: int, wall: list[int]) -> None:
        self.clock = HybridClock(tag, lambda: wall[0])
        self.version: Version = (None, {})

    def write(self, doc: dict[str, Any] | None) -> None:
        old, sync = self.version
        if doc is not None:
            doc = as_merged(CIRCLE_KINDS, old, doc)  # as the Replica saves it
        self.version = (doc, stamp_change(CIRCLE_KINDS, old, sync, doc, self.clock.now()))

    def receive(self, other: Version) -> None:
        if other[1]:
            self.clock.observe(latest(other[1]))
        self.version = merge(CIRCLE_KINDS, self.version, other)

    def edit(self, op: str, member: int) -> None:
        doc = self.version[0]
        if doc is None:
            self.write({"name": "Ben", "circle": [member]} if op == "save" else None)
            return
        circle = [m for m in doc.get("circle", []) if m != member]
        if op == "join":
            circle.append(member)
        if op == "remove":
            self.write(None)
            return
        new = {"name": doc["name"]}
        if circle:
            new["circle"] = circle  # left out when empty, as Encounter.to_doc does
        self.write(new)


CIRCLE_STEP = st.tuples(
    st.integers(0, 2),
    st.sampled_from(["join", "leave", "remove", "save", "sync0", "sync1", "sync2"]),
    st.integers(1, 3),
)


@settings(max_examples=int(os.environ.get("HALLWAY_MERGE_EXAMPLES", "300")), deadline=None)
@given(st.lists(CIRCLE_STEP, max_size=30))
def test_a_set_left_out_when_empty_merges_like_any_other(steps: list[Any]) -> None:
    wall = [1_700_000_000_000]
    copies = [Copy(tag, wall) for tag in (1, 2, 3)]
    copies[0].edit("save", 1)
    for copy in copies[1:]:
        copy.receive(copies[0].version)
    for who, op, member in steps:
        wall[0] += member
        if op.startswith("sync"):
            copies[who].receive(copies[int(op[-1])].version)
        else:
            copies[who].edit(op, member)
    a, b, c = (copy.version for copy in copies)
    assert merge(CIRCLE_KINDS, a, b) == merge(CIRCLE_KINDS, b, a)
    assert merge(CIRCLE_KINDS, merge(CIRCLE_KINDS, a, b), c) == merge(
        CIRCLE_KINDS, a, merge(CIRCLE_KINDS, b, c)
    )
    for copy in copies:
        for other in (a, b, c):
            copy.receive(other)
    assert copies[0].version == copies[1].version == copies[2].version


def test_undoing_a_removal_keeps_what_another_device_added_meanwhile(tmp_path: Path) -> None:
    # The laptop adds a note to Maya; the phone, not having seen it, removes Maya, then
    # gets the laptop's files (the removal is later: Maya stays removed, the note kept in
    # what was removed) and the user undoes the removal, which saves the copy the phone
    # removed. Maya must come back with the laptop's note, not without it everywhere.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop, phone = fleet.places
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen -- met at the bakery").name)
    fleet.meet()
    (maya,) = fleet.stores["phone"].encounters()
    fleet.act(laptop, lambda f, s, c: s.add_note(maya.id, "bakes on Sundays").name)
    fleet.act(phone, OPERATIONS["remove"], First())
    fleet.meet()
    assert fleet.stores["phone"].encounters() == []
    fleet.act(phone, OPERATIONS["undo remove"], First())
    fleet.meet()
    assert fleet.problems() == []
    notes = [n.text for n in fleet.stores["laptop"].encounter(maya.id).notes]
    assert notes == ["met at the bakery", "bakes on Sundays"]
    fleet.remove_folders()


def test_undoing_a_removal_another_device_undid_keeps_its_additions(tmp_path: Path) -> None:
    # The phone removes Maya; the laptop, not having seen that, adds a note later: the
    # note beats the removal, so when the phone reads it Maya is back, with it. Then the
    # user presses undo on the phone: the copy it removed must not be saved over her.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop, phone = fleet.places
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen -- met at the bakery").name)
    fleet.meet()
    (maya,) = fleet.stores["phone"].encounters()
    fleet.act(phone, OPERATIONS["remove"], First())
    fleet.act(laptop, lambda f, s, c: s.add_note(maya.id, "bakes on Sundays").name)
    fleet.meet()
    assert [e.name for e in fleet.stores["phone"].encounters()] == ["Maya Chen"]
    fleet.act(phone, OPERATIONS["undo remove"], First())
    fleet.meet()
    assert fleet.problems() == []
    notes = [n.text for n in fleet.stores["laptop"].encounter(maya.id).notes]
    assert notes == ["met at the bakery", "bakes on Sundays"]
    fleet.remove_folders()


def test_topics_typed_in_one_capture_keep_their_order_on_every_device(tmp_path: Path) -> None:
    # The laptop captures Maya with two topics, then adds a note. The phone merges the
    # second version into the first: the topics must stay in the order typed, as the
    # laptop shows them, not fall into alphabetical order on the phone alone.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop = fleet.places[0]
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen #sourdough #cycling").name)
    fleet.meet()
    (maya,) = fleet.stores["phone"].encounters()
    fleet.act(laptop, lambda f, s, c: s.add_note(maya.id, "bakes on Sundays").name)
    fleet.meet()
    assert fleet.problems() == []
    assert fleet.stores["phone"].encounter(maya.id).topics == ["sourdough", "cycling"]
    fleet.remove_folders()


def test_a_note_typed_on_a_clock_running_late_sits_where_every_device_puts_it(
    tmp_path: Path,
) -> None:
    # The phone's clock is five minutes behind the laptop's: its note, typed after the
    # laptop's, carries an earlier time. Merging puts notes in time order; the phone must
    # show them that way too, not in the order it appended them.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0), skews=LATE_PHONE)
    laptop, phone = fleet.places
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen -- met at the bakery").name)
    fleet.meet()
    (maya,) = fleet.stores["phone"].encounters()
    fleet.act(phone, lambda f, s, c: s.add_note(maya.id, "bakes on Sundays").name)
    fleet.meet()
    assert fleet.problems() == []
    notes = [n.text for n in fleet.stores["phone"].encounter(maya.id).notes]
    assert notes == ["bakes on Sundays", "met at the bakery"]  # the phone's is earlier
    fleet.remove_folders()


def test_an_undone_removal_keeps_the_same_history_everywhere(tmp_path: Path) -> None:
    # Undoing a removal writes every field again, most with the value they had: each
    # write over a value is history, on the device that undid as in any merge of it.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop, phone = fleet.places
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen, baker @Crumb").name)
    fleet.meet()
    fleet.act(phone, OPERATIONS["remove"], First())
    fleet.act(phone, OPERATIONS["undo remove"], First())
    fleet.meet()
    assert fleet.problems() == []
    fleet.remove_folders()


def test_a_device_restarting_while_the_owners_file_arrives_in_place_keeps_its_own(
    tmp_path: Path,
) -> None:
    # The laptop owns hallway.json; the phone writes hallway.<phone>.json. A sync tool that
    # writes in place (rsync --inplace, a truncating copy) leaves the laptop's file cut
    # short in the phone's folder for a while: its first line no longer names the laptop.
    # Hallway started on the phone then must open the phone's own file, not take the
    # half-copied one for a database of its own (and refuse to start, or worse, write it).
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    phone = fleet.places[1]
    fleet.act(phone, lambda f, s, c: s.capture("Maya Chen").name)
    whole = phone.db.read_bytes()
    for cut in (0, 5, len(whole) // 2):
        phone.db.write_bytes(whole[:cut])
        fleet.restart(phone)
        assert [e.name for e in fleet.stores["phone"].encounters()] == ["Maya Chen"]
    phone.db.write_bytes(whole)
    fleet.meet()
    assert fleet.problems() == []
    assert sorted(p.name for p in phone.folder.glob("hallway.json*")) == [
        "hallway.json",
        "hallway.json.journal",
    ]
    fleet.remove_folders()


def test_a_contact_promoted_again_after_its_removal_has_one_entry_everywhere(
    tmp_path: Path,
) -> None:
    # Maya promoted, her contact snoozed (marked edited), removed, and Maya promoted again:
    # the same contact id comes back, without the edited mark. The stamp of that mark, a
    # field no longer there, must not stay in the entry saved, or the entry the laptop
    # keeps and the one the phone merges from it read differently.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop = fleet.places[0]
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen").name)
    for step in ("promote", "snooze", "remove contact", "promote"):
        fleet.act(laptop, OPERATIONS[step], First())
    fleet.meet()
    assert fleet.problems() == []
    fleet.remove_folders()


def test_a_field_left_out_is_written_absent_the_same_everywhere() -> None:
    # A flag the domain leaves out when false (a contact's "edited"): leaving it out is a
    # write like any other. A saved entry is what merging it into a device that has
    # nothing gives, field for field; and the later write wins whichever way versions meet.
    kinds: dict[str, str] = {}
    first = stamp_change(kinds, None, None, {"name": "Maya", "edited": True}, "01")
    removed = stamp_change(kinds, {"name": "Maya", "edited": True}, first, None, "02")
    back = stamp_change(kinds, None, removed, {"name": "Maya"}, "03")
    assert back == merge(kinds, (None, None), ({"name": "Maya"}, back))[1]
    assert merge(kinds, (None, removed), ({"name": "Maya"}, back))[0] == {"name": "Maya"}
    renamed = stamp_change(kinds, {"name": "Maya", "edited": True}, first, {"name": "Ana"}, "04")
    assert renamed == merge(kinds, (None, None), ({"name": "Ana"}, renamed))[1]
    older = ({"name": "Maya", "edited": True}, first)
    for merged in (merge(kinds, older, ({"name": "Ana"}, renamed)),
                   merge(kinds, ({"name": "Ana"}, renamed), older)):  # fmt: skip
        assert merged == ({"name": "Ana"}, renamed)
    marked = stamp_change(kinds, older[0], first, {"name": "Maya", "edited": True, "x": 1}, "05")
    doc, _ = merge(kinds, ({"name": "Ana"}, renamed), ({**older[0], "x": 1}, marked))
    assert doc == {"name": "Ana", "x": 1}  # "edited" left out at 04 is later than at 01


def test_a_poll_reads_only_the_journal_lines_it_has_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The phone's journal begins with its merge of everything the laptop had (one line of
    # thousands of records, in real life). Each poll on the laptop must decode only the
    # lines after those it read before: decoding the whole journal again made picking up
    # 100 changes take well over the 50 ms the issue allows, at 10,000 people.
    fleet = Fleet(tmp_path, ["laptop", "phone"], random.Random(0))
    laptop, phone = fleet.places
    fleet.act(laptop, lambda f, s, c: s.capture("Maya Chen").name)
    fleet.meet()
    (maya,) = fleet.stores["phone"].encounters()
    starts: list[int] = []
    real_scan = peer_reading.scan

    def scan(data: bytes, start: int = 0, *, with_header: bool = True) -> Any:
        starts.append(start)
        return real_scan(data, start, with_header=with_header)

    monkeypatch.setattr(peer_reading, "scan", scan)
    for text in ("bakes on Sundays", "has a starter called Bob"):
        fleet.act(phone, lambda f, s, c, text=text: s.add_note(maya.id, text).name)
        fleet.typed.texts.append(("encounters", str(maya.id), "notes", text))
        fleet.tool.sync_everything()
        starts.clear()
        assert fleet.refresh(laptop)
        assert starts and 0 not in starts
    assert [n.text for n in fleet.stores["laptop"].encounter(maya.id).notes] == [
        "bakes on Sundays",
        "has a starter called Bob",
    ]
    fleet.meet()
    assert fleet.problems() == []
    fleet.remove_folders()
