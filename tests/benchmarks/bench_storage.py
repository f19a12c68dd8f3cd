"""Storage benchmark: Hallway's journaled storage against stock TinyDB, in the same run.

    python tests/benchmarks/bench_storage.py [--sizes 1000,10000,50000] [--ops 200]
                                             [--stock-ops 30] [--runs 21]

For each size, each engine runs in a fresh subprocess (so peak memory is its own) on a
prepared database of that many people, and measures: open time (Hallway parses each table
on first use, so ``+parse`` is the extra time to parse them all, as the app does), save
latency p50/p99 for capture (new encounter), note (append a note) and edit (toggle
meaningful) with every table parsed, the live event listed and the saving rules and
grammars loaded (``Store.get_ready_to_save``), as the app does at start, the first save and
the slowest save of all, peak RSS and file size. Each size runs Hallway
twice: ``hallway`` with the cyclic garbage collector as Python leaves it, and ``+freeze``
with :func:`gc.freeze` after loading, as the app does once its start-up heap is built (see
``hallway.tui.heap``): without it, the first collection after loading walks every parsed
document, inside whichever save allocates next.
Hallway's journal limit is lowered (``--journal-limit``, 64 KiB by default) so that several
checkpoints run on their background thread *during* the measured saves: the slowest save
shows what a checkpoint costs the saves around it (none waits for it). ``bare`` is the
machine's own share, measured in the same process right after: as many bare appends and
syncs of a line of the same size on the same disk, with no checkpoint running (on a busy
machine a sync alone can take tens of milliseconds). Stock TinyDB is
``TinyDB(path)`` with its default ``JSONStorage`` doing the equivalent table operation; it
rewrites the whole file per save and never fsyncs (so it is not durable), Hallway appends
one fsynced journal line. Last, the whole-process time of
``python -m hallway capture`` at 10 people and at 10,000 people (runs alternate between the
two, so drift in machine load hits both alike).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


def people_docs(count: int) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """One live event and ``count`` encounter documents, as the store saves them."""
    from hallway.store.records import Encounter, Event, Note

    start = datetime(2024, 5, 1, 9, 0).astimezone()
    event = Event(id=1, name="Benchmark Conference", place="Lyon", starts=start, live=True)
    encounters = {
        str(n): Encounter(
            id=n,
            event_id=1,
            name=f"Person {n}",
            role="data engineer",
            org=f"Org {n % 97}",
            topics=["sourdough", f"topic-{n % 50}"],
            notes=[Note(f"talked about thing {n} at some length", start + timedelta(seconds=n))],
            met_at=start + timedelta(seconds=n),
        ).to_doc()
        for n in range(1, count + 1)
    }
    return event.to_doc(), encounters


def prepare(folder: Path, count: int) -> tuple[Path, Path]:
    """Write the same data as a Hallway database and as a stock TinyDB file."""
    from hallway.store.db import Store
    from hallway.store.records import Encounter, Event

    event, encounters = people_docs(count)
    hallway = folder / f"hallway-{count}" / "hallway.json"
    with Store.open(hallway) as store:
        store.replace_all(
            [Event.from_doc(event, 1)],
            [Encounter.from_doc(doc, int(key)) for key, doc in encounters.items()],
            [],
        )
    stock = folder / f"stock-{count}.json"
    stock.write_text(json.dumps({"events": {"1": event}, "encounters": encounters}))
    return hallway, stock


def copied(db: Path, folder: Path) -> Path:
    """A fresh copy of the database ``db`` (its whole folder) inside ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(db.parent, folder)
    return folder / db.name


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e3, ordered[round(0.99 * (len(ordered) - 1))] * 1e3


def timed(operation: Any, times: int, slowest: list[float] | None = None) -> tuple[float, float]:
    samples = []
    for i in range(times):
        begin = time.perf_counter()
        operation(i)
        samples.append(time.perf_counter() - begin)
    if slowest is not None:
        slowest.append(max(samples) * 1e3)
    return percentiles(samples)


def measure_hallway(path: Path, ops: int, *, freeze: bool = False) -> dict[str, Any]:
    """Open, then capture / note / edit ``ops`` times each, through the Store (with
    ``freeze``, the heap is set aside after loading, as the app does)."""
    from hallway.store.db import Store

    begin = time.perf_counter()
    store = Store.open(path)
    opened = time.perf_counter() - begin
    begin = time.perf_counter()
    for name in store.storage.unparsed_tables():
        store.storage.table(name)  # what the app does at start; saves then see a full table
    live = store.live_event()
    if live is not None:
        store.encounters(live.id)  # the live screen lists its event at start
    parsed = time.perf_counter() - begin
    store.get_ready_to_save()  # as the app does once its first screen is drawn
    if freeze:
        gc.freeze()  # as hallway.tui.heap does once start-up is done
    ids: list[int] = []
    result: dict[str, Any] = {"open": opened * 1e3, "parse": parsed * 1e3}
    slowest: list[float] = []
    generation = store.storage.generation
    first: list[float] = []

    def capture(i: int) -> None:
        begin = time.perf_counter()
        ids.append(store.capture(f"Bench {i}, role @Org #bench -- first").id)
        if not first:
            first.append((time.perf_counter() - begin) * 1e3)

    result["capture"] = timed(capture, ops, slowest)
    result["note"] = timed(lambda i: store.add_note(ids[i], f"another note {i}"), ops, slowest)
    result["edit"] = timed(lambda i: store.toggle_meaningful(ids[i]), ops, slowest)
    store.storage.settle()
    result["bare"] = bare_appends(path, 3 * ops)
    result["slowest"] = max(slowest)
    result["first"] = first[0]
    result["background"] = store.storage.generation - generation
    begin = time.perf_counter()
    store.storage._checkpoint()  # internal, measured on purpose: the amortised cost
    result["checkpoint"] = (time.perf_counter() - begin) * 1e3
    store.close()
    return result


def bare_appends(path: Path, count: int) -> tuple[float, float]:
    """The machine's own cost of a save, under the same conditions in the same process: p99
    and slowest (ms) of ``count`` appends of a line as long as Hallway's journal lines, each
    made durable the way a save's is, to a file beside the database, with no checkpoint
    running and nothing else of Hallway's. What the slowest save costs beyond the slowest
    of these is Hallway's own."""
    from hallway.store.files import sync_file

    lines = path.with_name(path.name + ".journal").read_bytes().splitlines()[1:]
    line = b"x" * (round(statistics.mean(map(len, lines))) if lines else 400) + b"\n"
    bare = path.with_name("bare-appends")
    fd = os.open(bare, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        samples = []
        for i in range(count):
            begin = time.perf_counter()
            os.pwrite(fd, line, i * len(line))
            sync_file(fd, data_only=True)
            samples.append(time.perf_counter() - begin)
    finally:
        os.close(fd)
        bare.unlink()
    return percentiles(samples)[1], max(samples) * 1e3


def measure_stock(path: Path, ops: int) -> dict[str, Any]:
    """The same three operations with a plain TinyDB and its JSONStorage."""
    from tinydb import TinyDB

    begin = time.perf_counter()
    db = TinyDB(path)
    table = db.table("encounters")
    len(table)  # TinyDB reads lazily: force the parse
    opened = time.perf_counter() - begin
    ids: list[int] = []
    now = datetime.now().astimezone().isoformat(timespec="seconds")

    def capture(i: int) -> None:
        doc = {"event_id": 1, "name": f"Bench {i}", "role": "role", "org": "Org",
               "topics": ["bench"], "notes": [{"text": "first", "at": now}], "follow_ups": [],
               "met_at": now, "ended_at": None, "meaningful": False, "status": "new",
               "contact_id": None}  # fmt: skip
        ids.append(table.insert(doc))

    def note(i: int) -> None:
        doc = table.get(doc_id=ids[i])
        assert isinstance(doc, dict)
        table.update({"notes": [*doc["notes"], {"text": f"note {i}", "at": now}]}, doc_ids=[ids[i]])

    def edit(i: int) -> None:
        doc = table.get(doc_id=ids[i])
        assert isinstance(doc, dict)
        table.update({"meaningful": not doc["meaningful"]}, doc_ids=[ids[i]])

    result = {"open": opened * 1e3, "capture": timed(capture, ops)}
    result["note"] = timed(note, ops)
    result["edit"] = timed(edit, ops)
    db.close()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux carries that over
    fork and exec, so a child would report the parent's peak; ``VmHWM`` starts afresh."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def child(engine: str, path: Path, ops: int) -> None:
    """Run one engine's measurements in this (fresh) process and print them as JSON."""
    if engine.startswith("hallway"):
        result = measure_hallway(path, ops, freeze=engine == "hallway+freeze")
    else:
        result = measure_stock(path, ops)
    result["peak_mb"] = peak_rss_mb()
    result["file_mb"] = path.stat().st_size / 2**20
    print(json.dumps(result))


def run_child(engine: str, path: Path, ops: int, journal_limit: int) -> dict[str, Any]:
    env = {**os.environ, "HALLWAY_JOURNAL_LIMIT": str(journal_limit)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(path), str(ops)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


def capture_process_times(folder: Path, counts: list[int], runs: int) -> list[float]:
    """Median wall time of ``python -m hallway capture`` on a database of each count of people,
    the runs alternating between the databases."""
    paths = [prepare(folder / f"cli-{count}", count)[0] for count in counts]
    samples: list[list[float]] = [[] for _ in counts]
    for i in range(runs):
        for path, times in zip(paths, samples, strict=True):
            begin = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "hallway", "capture", "--db", str(path), f"Cli {i} #x"],
                check=True, capture_output=True,
            )  # fmt: skip
            times.append(time.perf_counter() - begin)
    return [statistics.median(times) * 1e3 for times in samples]


def main() -> None:
    """Prepare databases, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--ops", type=int, default=200, help="saves per operation (Hallway)")
    parser.add_argument("--stock-ops", type=int, default=30, help="saves per operation (stock)")
    parser.add_argument("--runs", type=int, default=21, help="runs of `hallway capture`")
    parser.add_argument(
        "--journal-limit",
        type=int,
        default=64 * 1024,
        help="Hallway's journal limit in bytes during the measured saves",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), int(args.child[2]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    header = (
        f"{'people':>7} {'engine':<8} {'open ms':>8} {'+parse':>7} {'capture p50/p99':>16} "
        f"{'note p50/p99':>16} {'edit p50/p99':>16} {'first':>7} {'slowest':>8} {'ckpts':>5} "
        f"{'ckpt ms':>8} {'bare p99/max':>13} "
        f"{'peak MB':>8} {'file MB':>8}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="hallway-bench-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            hallway, stock = prepare(folder, size)
            for engine, ops in (("hallway", args.ops), ("+freeze", args.ops),
                                ("stock", args.stock_ops)):  # fmt: skip
                # Each Hallway run starts from the same database (a copy of the prepared one).
                path = stock if engine == "stock" else copied(hallway, folder / engine)
                name = "hallway+freeze" if engine == "+freeze" else engine
                r = run_child(name, path, ops, args.journal_limit)
                cells = [f"{r[k][0]:7.2f}/{r[k][1]:<8.2f}" for k in ("capture", "note", "edit")]
                ckpt = f"{r['checkpoint']:8.1f}" if "checkpoint" in r else f"{'-':>8}"
                parse = f"{r['parse']:7.1f}" if "parse" in r else f"{'-':>7}"
                slow = f"{r['slowest']:8.2f}" if "slowest" in r else f"{'-':>8}"
                first = f"{r['first']:7.2f}" if "first" in r else f"{'-':>7}"
                ckpts = f"{r['background']:5d}" if "background" in r else f"{'-':>5}"
                bare = f"{'-':>13}"
                if "bare" in r:
                    bare = f"{r['bare'][0]:6.2f}/{r['bare'][1]:<6.2f}"
                print(
                    f"{size:>7} {engine:<8} {r['open']:8.1f} {parse} {' '.join(cells)} {first} "
                    f"{slow} {ckpts} {ckpt} {bare} {r['peak_mb']:8.1f} {r['file_mb']:8.2f}"
                )
        small, big = capture_process_times(folder, [10, 10_000], args.runs)
    print()
    print("`python -m hallway capture` whole process (median of", args.runs, "runs):")
    print(f"  10 people: {small:.0f} ms   10,000 people: {big:.0f} ms   ratio {big / small:.2f}x")
    print()
    print("Stock TinyDB rewrites the whole JSON file per save without fsync (not durable);")
    print(f"Hallway fsyncs one journal line per save. Saves per operation: Hallway {args.ops},")
    print(f"stock {args.stock_ops}. first = the first save, slowest = the slowest single save (ms)")
    print(f"while {'ckpts'!r} background checkpoints ran; ckpt = one checkpoint on the saving")
    print("thread (ms), which only closing the database (and a crashed session's first open)")
    print("pays. +freeze: gc.freeze() after loading, as the app does (hallway.tui.heap).")
    print("bare = p99/slowest (ms) of as many bare appends + syncs of a line of the same size,")
    print("beside the database, right after the saves, with no checkpoint running: the machine's")
    print("own cost at that moment. Slowest minus bare max is what Hallway adds.")
    print(f"Python {sys.version.split()[0]}.")


if __name__ == "__main__":
    main()
