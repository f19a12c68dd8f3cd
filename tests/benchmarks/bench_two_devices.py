"""Two devices benchmark: what sharing a database between a laptop and a phone costs, each
figure beside a baseline measured in the same run (runs alternate, so drift in machine load
hits both alike).

    python tests/benchmarks/bench_two_devices.py [--people 10000] [--changes 100] [--runs 7]

* **save**: p50/p99 of a note, a capture and an edit on the laptop, in a folder that also
  holds the phone's files (everything merged), against the same saves in a folder of one
  device. Target: p50 <= 1 ms at 10,000 people.
* **open**: ``Store.open`` and every table parsed (what the app does at start) of the
  10,000 people written by two devices (the laptop captured them, the phone added
  ``--changes`` notes, the laptop merged them) against the same data written by the laptop
  alone (it added the same notes itself). Target: <= 1.3x. Also the first open after the
  phone's files arrived (the merge happens in it), for information.
* **pull**: an open app picking up a batch of ``--changes`` notes from the other device
  (``Store.refresh()``: read the phone's new journal lines, merge, save) against picking up
  the same batch saved by another Hallway process of the same device (the poll that existed
  before two devices). Target: <= 50 ms.

Prints a table and, with ``--json``, the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.devices import Device
from hallway.store.engine.peers import device_snapshot
from hallway.store.records import Encounter, Event
from tests.benchmarks.bench_storage import people_docs

LAPTOP = Device("1a" * 16, 11, "laptop")
PHONE = Device("2b" * 16, 22, "phone")


def own_files(folder: Path, device: Device) -> list[Path]:
    """``device``'s snapshot and journal in ``folder`` (the laptop owns the plain name)."""
    db = folder / "hallway.json"
    snapshot = db if device is LAPTOP else device_snapshot(db, device.id)
    return [snapshot, snapshot.with_name(snapshot.name + ".journal")]


def copy_over(device: Device, source: Path, target: Path) -> None:
    """What a sync tool does: bring ``device``'s files from one folder to the other."""
    for path in own_files(source, device):
        if path.exists():
            shutil.copy2(path, target / path.name)
        else:
            (target / path.name).unlink(missing_ok=True)


def create(folder: Path, people: int) -> list[int]:
    """The laptop's database of ``people`` encounters at one live event; their ids."""
    event, encounters = people_docs(people)
    folder.mkdir(parents=True)
    with Store.open(folder / "hallway.json", device=LAPTOP) as store:
        store.replace_all(
            [Event.from_doc(event, 1)],
            [Encounter.from_doc(doc, int(key)) for key, doc in encounters.items()],
            [],
        )
        return sorted(e.id for e in store.encounters())


def add_notes(store: Store, ids: list[int], round_: int) -> None:
    """One note on each of ``ids`` (a batch of changes)."""
    for person in ids:
        store.add_note(person, f"batch {round_}: asked about the sourdough starter")


def parse_all(store: Store) -> None:
    """Parse every table, as the app does at start."""
    for name in store.storage.unparsed_tables():
        store.storage.table(name)


def open_time(db: Path, device: Device) -> float:
    """Milliseconds to open ``db`` as ``device`` with every table parsed (then closed)."""
    begin = time.perf_counter()
    store = Store.open(db, device=device)
    parse_all(store)
    spent = (time.perf_counter() - begin) * 1e3
    store.close()
    return spent


def save_times(stores: dict[str, Store], ids: list[int], ops: int) -> dict[str, Any]:
    """p50/p99 (ms) of capture, note and edit saves on each store, one save on each in
    turn (so a moment of load on the machine hits every store alike)."""
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in stores}
    for store in stores.values():
        parse_all(store)
        store.add_note(ids[0], "warm up")  # the first save primes caches
    for kind in ("capture", "note", "edit"):
        for i in range(ops):
            for name, store in stores.items():
                begin = time.perf_counter()
                if kind == "capture":
                    store.capture(f"Bench {i}, role @Org")
                elif kind == "note":
                    store.add_note(ids[i], f"another note {i}")
                else:
                    store.toggle_meaningful(ids[i])
                samples[name].setdefault(kind, []).append(time.perf_counter() - begin)
    figures: dict[str, Any] = {}
    for name, kinds in samples.items():
        stores[name].storage.settle()
        figures[name] = {}
        for kind, times in kinds.items():
            ordered = sorted(times)
            p99 = ordered[round(0.99 * (len(ordered) - 1))]
            figures[name][kind] = (statistics.median(ordered) * 1e3, p99 * 1e3)
    return figures


def main() -> None:
    """Build both setups, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ops", type=int, default=200, help="saves per kind")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    moment = [datetime(2026, 11, 28, 9, 0).astimezone()]

    def now() -> datetime:
        moment[0] += timedelta(milliseconds=10)
        return moment[0]

    clock.set_clock(now)
    root = Path(tempfile.mkdtemp(prefix="hallway-bench-devices-"))
    try:
        figures = measure(root, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report(figures, args)


def measure(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure, baselines beside."""
    laptop, phone, alone = root / "laptop", root / "phone", root / "alone"
    ids = create(laptop, args.people)
    shutil.copytree(laptop, alone)
    phone.mkdir()
    copy_over(LAPTOP, laptop, phone)
    batch = ids[: args.changes]
    with Store.open(phone / "hallway.json", device=PHONE) as store:
        add_notes(store, batch, 0)
    with Store.open(alone / "hallway.json", device=LAPTOP) as store:
        add_notes(store, batch, 0)  # the same changes, made by the laptop itself
    before_merge = root / "laptop-before"
    shutil.copytree(laptop, before_merge)
    copy_over(PHONE, phone, laptop)
    open_time(laptop / "hallway.json", LAPTOP)  # the merge; both now at rest
    open_time(alone / "hallway.json", LAPTOP)

    opens: dict[str, list[float]] = {"two": [], "one": [], "first": []}
    for run in range(args.runs):
        opens["two"].append(open_time(laptop / "hallway.json", LAPTOP))
        opens["one"].append(open_time(alone / "hallway.json", LAPTOP))
        fresh = root / f"first-{run}"
        shutil.copytree(before_merge, fresh)
        copy_over(PHONE, phone, fresh)
        opens["first"].append(open_time(fresh / "hallway.json", LAPTOP))
        shutil.rmtree(fresh)

    pulls: dict[str, list[float]] = {"device": [], "process": [], "quit": []}
    app = Store.open(laptop / "hallway.json", device=LAPTOP)
    parse_all(app)
    alone_app = Store.open(alone / "hallway.json", device=LAPTOP)
    parse_all(alone_app)
    phone_app = Store.open(phone / "hallway.json", device=PHONE)
    for run in range(1, args.runs + 1):
        people = ids[run * args.changes : (run + 1) * args.changes] or batch
        add_notes(phone_app, people, run)  # the phone's app is open: new journal lines
        phone_app.storage.settle()
        copy_over(PHONE, phone, laptop)
        begin = time.perf_counter()
        assert app.refresh()
        pulls["device"].append((time.perf_counter() - begin) * 1e3)
        other = Store.open(alone / "hallway.json", device=LAPTOP)  # another process, in effect
        add_notes(other, people, run)
        other.storage.abandon()  # it quits without folding its journal
        begin = time.perf_counter()
        assert alone_app.refresh()
        pulls["process"].append((time.perf_counter() - begin) * 1e3)
        shown = app.encounter(people[0]).notes[-1].text
        assert shown == alone_app.encounter(people[0]).notes[-1].text
    # The phone quits: its journal is folded into a new snapshot, which the laptop reads whole.
    phone_app.close()
    with Store.open(phone / "hallway.json", device=PHONE) as store:
        add_notes(store, batch, args.runs + 1)
    copy_over(PHONE, phone, laptop)
    begin = time.perf_counter()
    assert app.refresh()
    pulls["quit"].append((time.perf_counter() - begin) * 1e3)
    saves = save_times({"two": app, "one": alone_app}, ids, args.ops)
    app.close()
    alone_app.close()
    return {"opens": opens, "pulls": pulls, "saves": saves}


def report(figures: dict[str, Any], args: argparse.Namespace) -> None:
    """The table (and JSON)."""
    med = statistics.median
    opens, pulls, saves = figures["opens"], figures["pulls"], figures["saves"]
    print(f"{args.people} people, batches of {args.changes} changes, {args.runs} runs (medians)")
    print(f"open, two devices' files     {med(opens['two']):8.1f} ms")
    print(f"open, one device's file      {med(opens['one']):8.1f} ms")
    print(f"  ratio                      {med(opens['two']) / med(opens['one']):8.2f} x  (<= 1.3)")
    print(f"first open after the phone's files arrived {med(opens['first']):8.1f} ms")
    print(f"pull {args.changes} changes, other device  {med(pulls['device']):8.1f} ms  (<= 50)")
    print(f"pull {args.changes} changes, other process {med(pulls['process']):8.1f} ms")
    print(f"  ratio                      {med(pulls['device']) / med(pulls['process']):8.2f} x")
    print(f"pull after the phone quit (its whole snapshot read) {med(pulls['quit']):8.1f} ms")
    for kind in ("capture", "note", "edit"):
        two, one = saves["two"][kind], saves["one"][kind]
        print(
            f"save {kind:8} p50 {two[0]:6.2f} ms (one device {one[0]:6.2f}, "
            f"{two[0] / one[0]:4.2f} x)  p99 {two[1]:6.2f} ms (one device {one[1]:6.2f})"
        )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
