"""kill -9 on one device while the other device's files arrive: the phone saves and merges
(picking up the laptop's new snapshot and journal, which its sync tool is still writing,
sometimes half-way) and is killed at a random instant -- often in the middle of a merge.
Its database then opens without a notice, is sound, holds every save it acknowledged and,
once the laptop's files are whole, everything the laptop saved; the laptop then gets every
save the phone acknowledged."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

from hallway.store.db import Store
from hallway.store.devices import Device
from hallway.store.engine import check_database
from hallway.store.engine.peers import device_snapshot
from hallway.store.records import Encounter, Event
from tests.benchmarks.bench_storage import people_docs
from tests.store.storage_helpers import start_worker

LAPTOP = Device("1a" * 16, 11, "laptop")
PHONE = Device("2b" * 16, 22, "phone")
PEOPLE = 1500  # enough that merging the laptop's snapshot takes a while
JOURNAL_LIMIT = "6000"  # the phone checkpoints every few saves too


def own_files(folder: Path, device: Device) -> list[Path]:
    """``device``'s snapshot and journal (the laptop owns the plain name)."""
    db = folder / "hallway.json"
    snapshot = db if device is LAPTOP else device_snapshot(db, device.id)
    return [snapshot, snapshot.with_name(snapshot.name + ".journal")]


def deliver(device: Device, source: Path, target: Path, rng: random.Random, *, whole: bool) -> None:
    """The sync tool: ``device``'s files into ``target``, whole (through a temp file) or,
    unless ``whole``, maybe cut short in place (to be completed later)."""
    for path in own_files(source, device):
        if not path.exists():
            continue
        data = path.read_bytes()
        if not whole and len(data) > 1 and rng.random() < 0.5:
            (target / path.name).write_bytes(data[: rng.randrange(1, len(data))])
            continue
        temp = target / f".syncthing.{path.name}.tmp"
        temp.write_bytes(data)
        os.replace(temp, target / path.name)


def names(db: Path, device: Device) -> set[str]:
    with Store.open(db, device=device) as store:
        assert store.notices == []
        return {e.name for e in store.encounters()}


def test_kill_9_during_merges_and_saves_loses_nothing(tmp_path: Path, kill_trials: int) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    laptop, phone = tmp_path / "laptop", tmp_path / "phone"
    laptop.mkdir()
    phone.mkdir()
    event, encounters = people_docs(PEOPLE)
    with Store.open(laptop / "hallway.json", device=LAPTOP) as store:
        store.replace_all(
            [Event.from_doc(event, 1)],
            [Encounter.from_doc(doc, int(key)) for key, doc in encounters.items()],
            [],
        )
    deliver(LAPTOP, laptop, phone, rng, whole=True)
    laptop_names: set[str] = set()
    phone_acks: set[str] = set()
    merges_cut = 0
    for trial in range(kill_trials):
        context = f"seed {seed}, trial {trial}"
        with Store.open(laptop / "hallway.json", device=LAPTOP) as store:
            for n in range(rng.randint(5, 40)):
                laptop_names.add(store.capture(f"laptop-{trial}-{n} -- at the bar").name)
        writer = start_worker(
            "device", str(phone / "hallway.json"), PHONE.id, str(PHONE.tag), f"phone-{trial}",
            "1000000", env={"HALLWAY_JOURNAL_LIMIT": JOURNAL_LIMIT},
        )  # fmt: skip
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n", writer.communicate()[1]
        lines: list[str] = []
        deliver(LAPTOP, laptop, phone, rng, whole=False)  # arriving while the phone works
        in_merge = rng.random() < 0.5
        target = rng.randint(1, 40)
        while True:
            line = writer.stdout.readline()
            assert line, writer.communicate()[1]
            lines.append(line)
            if len(lines) == target // 2:
                deliver(LAPTOP, laptop, phone, rng, whole=rng.random() < 0.5)
            if (line == "merge 0 begins\n" and in_merge) or len(lines) >= target:
                break
        time.sleep(rng.uniform(0, 0.01))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        lines += rest.splitlines(keepends=True)
        merges_cut += lines[-1] == "merge 0 begins\n"
        for line in lines:
            kind, _id, text = line.rstrip("\n").split(" ", 2)
            if kind == "capture":
                phone_acks.add(text)
        deliver(LAPTOP, laptop, phone, rng, whole=True)  # the sync tool catches up
        shown = names(phone / "hallway.json", PHONE)
        assert phone_acks <= shown, (context, phone_acks - shown)
        assert laptop_names <= shown, (context, laptop_names - shown)
        report = check_database(own_files(phone, PHONE)[0])
        assert report.ok, (context, report.problems)
        deliver(PHONE, phone, laptop, rng, whole=True)
        on_laptop = names(laptop / "hallway.json", LAPTOP)
        assert phone_acks <= on_laptop, (context, phone_acks - on_laptop)
    assert merges_cut or kill_trials < 4, f"seed {seed}: no kill landed in a merge"
    shutil.rmtree(tmp_path, ignore_errors=True)
