"""Two devices, one database folder: each writes only its own files, reads everyone's, and
they agree on everything once each has seen the other's files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.debrief import let_go, promote
from hallway.store.devices import Device
from hallway.store.engine.peers import device_files
from hallway.store.interop.jsonio import export_json
from hallway.store.records import Note
from tests.clock import ClockAt

LAPTOP = Device("1a" * 16, 11, "laptop")
PHONE = Device("2b" * 16, 22, "phone")


def own_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def copy_over(source: Path, target: Path, device: Device) -> None:
    """What a sync tool does: bring ``device``'s files from one folder to the other."""
    for files in device_files(source / "hallway.json"):
        for path in (files.snapshot, files.journal):
            if path.exists() and _written_by(path, device, source):
                shutil.copy2(path, target / path.name)


def _written_by(path: Path, device: Device, folder: Path) -> bool:
    name = path.name.removesuffix(".journal")
    if name == "hallway.json":
        with Store.open(folder / "hallway.json", device=device) as _:
            pass
        return True
    return device.id[:8] in name


@pytest.fixture
def folder(tmp_path: Path, clock_at: ClockAt) -> Path:
    # A ticking clock: each save is a little later than the one before, as in life.
    clock_at(datetime(2026, 11, 28, 10, 0).astimezone(), tick=timedelta(seconds=1))
    return tmp_path / "Sync"


def comparable(store: Store) -> bytes:
    """Everything a device shows, as its export (without the moment of export)."""
    return b"\n".join(export_json(store).splitlines()[4:])


def test_a_second_device_writes_files_of_its_own_and_sees_the_first_ones(folder: Path) -> None:
    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.capture("Maya Chen, data engineer @Acme #sourdough")
    before = own_files(folder)
    with Store.open(folder / "hallway.json", device=PHONE) as phone:
        assert [e.name for e in phone.encounters()] == ["Maya Chen"]
        phone.add_note(maya.id, "promised my focaccia recipe")
    after = own_files(folder)
    assert {k: v for k, v in after.items() if k in before} == before  # the laptop's untouched
    assert any(name.startswith("hallway.2b2b2b2b.json") for name in after)
    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        assert [n.text for n in laptop.encounter(maya.id).notes] == ["promised my focaccia recipe"]


def test_an_open_store_picks_up_the_other_devices_saves(folder: Path) -> None:
    with (
        Store.open(folder / "hallway.json", device=LAPTOP) as laptop,
        Store.open(folder / "hallway.json", device=PHONE) as phone,
    ):
        phone.capture("Ana Souza #climbing")
        assert laptop.refresh()
        assert [e.name for e in laptop.encounters()] == ["Ana Souza"]
        assert not laptop.refresh()  # nothing new: nothing read


@pytest.fixture
def apart(tmp_path: Path, folder: Path) -> Iterator[tuple[Path, Path]]:
    """The same database in two folders (the laptop's and the phone's), in step at first."""
    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        laptop.capture("Maya Chen, data engineer @Acme #sourdough")
    with Store.open(folder / "hallway.json", device=PHONE):
        pass
    phone_folder = tmp_path / "phone"
    shutil.copytree(folder, phone_folder)
    yield folder, phone_folder


def _meet(laptop_folder: Path, phone_folder: Path) -> tuple[bytes, bytes]:
    """Each folder gets the other's files; both devices open and show what they have."""
    copy_over(laptop_folder, phone_folder, LAPTOP)
    copy_over(phone_folder, laptop_folder, PHONE)
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        seen_on_laptop = comparable(laptop)
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        seen_on_phone = comparable(phone)
    return seen_on_laptop, seen_on_phone


def test_offline_work_on_both_sides_all_survives(apart: tuple[Path, Path]) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        laptop.add_note(maya.id, "bakes on Sundays")
        laptop.capture("Ben Okafor #chess")
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        phone.add_note(maya.id, "has a sourdough starter called Bob")
        phone.update_encounter(maya.id, lambda e: e.topics.append("cycling"))
        phone.capture("Ana Souza #climbing")
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        names = sorted(e.name for e in laptop.encounters())
        assert names == ["Ana Souza", "Ben Okafor", "Maya Chen"]
        merged = laptop.encounter(maya.id)
        assert sorted(n.text for n in merged.notes) == [
            "bakes on Sundays",
            "has a sourdough starter called Bob",
        ]
        assert sorted(merged.topics) == ["cycling", "sourdough"]


def test_the_same_encounter_promoted_on_both_devices_is_one_contact(
    apart: tuple[Path, Path],
) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        promote(laptop, maya.id, cadence_days=30)
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        promote(phone, maya.id, cadence_days=90, follow_up="send the focaccia recipe")
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        (contact,) = laptop.contacts()
        assert contact.encounter_ids == [maya.id]
        assert contact.cadence_days == 90  # the later choice
        promises = [f.text for f in laptop.encounter(maya.id).follow_ups]
        assert promises == ["send the focaccia recipe"]


def test_a_field_changed_on_both_keeps_the_later_value(apart: tuple[Path, Path]) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        laptop.update_encounter(maya.id, lambda e: setattr(e, "role", "staff engineer"))
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        phone.update_encounter(maya.id, lambda e: setattr(e, "role", "data lead"))
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        assert phone.encounter(maya.id).role == "data lead"


def test_a_removal_reaches_the_other_device(apart: tuple[Path, Path]) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        laptop.delete_encounter(maya.id)
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        assert phone.encounters() == []


def test_notes_typed_as_records_keep_their_ids_everywhere(apart: tuple[Path, Path]) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        laptop.update_encounter(maya.id, lambda e: e.notes.append(Note("a", e.met_at)))
        noted = laptop.encounter(maya.id).notes[0]
    assert noted.id
    _meet(laptop_folder, phone_folder)
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        assert [n.id for n in phone.encounter(maya.id).notes] == [noted.id]


def test_promoted_here_and_let_go_there_ends_in_the_newer_decision(
    apart: tuple[Path, Path],
) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        promote(laptop, maya.id)
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        let_go(phone, maya.id)  # later: the phone's decision is the newer one
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        assert laptop.encounter(maya.id).status == "let-go"
        assert laptop.contacts() == []  # nothing of the contact was its own
        history = laptop.storage.get_doc("_sync_encounters", str(maya.id))
        assert history is not None
        assert "promoted" in [value for _stamp, value in history["w"]["status"]]


def test_promoted_into_two_different_contacts_ends_in_one(apart: tuple[Path, Path]) -> None:
    laptop_folder, phone_folder = apart
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        maya = laptop.encounters()[0]
        promote(laptop, maya.id)
    with Store.open(phone_folder / "hallway.json", device=PHONE) as phone:
        older = phone.capture("Maya C. @Acme")
        kept = promote(phone, older.id)
        promote(phone, maya.id, merge_into=kept.id)  # the newer decision
    on_laptop, on_phone = _meet(laptop_folder, phone_folder)
    assert on_laptop == on_phone
    with Store.open(laptop_folder / "hallway.json", device=LAPTOP) as laptop:
        (contact,) = laptop.contacts()
        assert contact.id == kept.id
        assert sorted(contact.encounter_ids) == sorted([older.id, maya.id])
        assert laptop.encounter(maya.id).contact_id == kept.id


def test_each_devices_own_file_is_a_complete_stock_tinydb_database(folder: Path) -> None:
    from tinydb import TinyDB

    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        laptop.capture("Maya Chen #sourdough")
    with Store.open(folder / "hallway.json", device=PHONE) as phone:
        phone.capture("Ana Souza #climbing")
    with Store.open(folder / "hallway.json", device=LAPTOP):
        pass  # the laptop merges the phone's capture into its own file
    for own in ("hallway.json", "hallway.2b2b2b2b.json"):
        with TinyDB(folder / own, access_mode="r") as db:
            names = sorted(doc["name"] for doc in db.table("encounters"))
            assert names == ["Ana Souza", "Maya Chen"], own


def test_a_copy_cut_inside_a_string_waits_until_it_is_complete(folder: Path) -> None:
    # The soak found it: a sync tool that overwrites a file in place can leave bytes missing
    # inside a string, and the JSON is still valid. Such a copy fails its checksums, and
    # another device's file is read only when every checksum matches (a hand-edited file is
    # trusted only as one's own database), so nothing from it is merged until the whole
    # file arrives.
    with Store.open(folder / "hallway.json", device=LAPTOP):
        pass  # the first device: it writes hallway.json, the phone a file of its own
    with Store.open(folder / "hallway.json", device=PHONE) as phone:
        phone.capture("Ana Souza #climbing")
    (peer,) = [p for p in folder.iterdir() if p.name == f"hallway.{PHONE.id[:8]}.json"]
    whole = peer.read_bytes()
    cut = whole.replace(b"Ana Souza", b"Ana", 1)
    assert cut != whole
    peer.write_bytes(cut)
    journal = peer.with_name(peer.name + ".journal")
    journal.unlink(missing_ok=True)
    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        assert laptop.encounters() == []
    peer.write_bytes(whole)
    with Store.open(folder / "hallway.json", device=LAPTOP) as laptop:
        assert [e.name for e in laptop.encounters()] == ["Ana Souza"]
