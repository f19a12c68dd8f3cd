""" "Met before" at capture time, at 10,000 people (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_remet.py [--people 10000] [--captures 300]

Builds a demo database, then captures people into its live event, one at a time: a third are
contacts met again, a third people met at an earlier event (not contacts), a third strangers.
For each it times the capture alone (the baseline, measured in the same run) and
``met_before`` right after it. Also times building the name index once (cold) and the
index's catch-up with the capture just saved. Prints medians, 95th percentiles and the
worst, and how many of the known people were recognised; no assertion.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.store.remet import met_before, name_index


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--captures", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hallway.json"
        with Store.open(path) as store:
            generate_demo(store, people=args.people, seed=1)
        with Store.open(path) as store:
            live = store.live_event()
            assert live is not None
            # What the live screen has read anyway before the first capture.
            store.encounters(live.id)
            contacts = store.contacts()
            earlier = [
                e
                for e in store.encounters()
                if e.contact_id is None and e.event_id != live.id and e.status != "promoted"
            ]
            started = time.perf_counter()
            name_index(store)
            build = time.perf_counter() - started

            lines: list[tuple[str, str]] = []
            for index in range(args.captures):
                kind = ("contact", "earlier", "stranger")[index % 3]
                if kind == "contact":
                    person = rng.choice(contacts)
                    lines.append(
                        (kind, f"{person.name} @{person.org}" if person.org else person.name)
                    )
                elif kind == "earlier":
                    met = rng.choice(earlier)
                    lines.append((kind, f"{met.name} @{met.org}" if met.org else met.name))
                else:
                    lines.append((kind, f"Stranger{index} Nobody{index}"))

            capture_ms: list[float] = []
            lookup_ms: list[float] = []
            found = {"contact": 0, "earlier": 0, "stranger": 0}
            for kind, line in lines:
                started = time.perf_counter()
                encounter = store.capture(line, live.id)
                captured = time.perf_counter()
                answer = met_before(store, encounter)
                done = time.perf_counter()
                capture_ms.append((captured - started) * 1000)
                lookup_ms.append((done - captured) * 1000)
                found[kind] += answer is not None

    def row(label: str, values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        return f"{label:<28} {statistics.median(ordered):8.2f} {p95:8.2f} {ordered[-1]:8.2f}"

    share = args.captures // 3
    print(f"{args.people:,} people, {args.captures} captures into the live event")
    print(f"{'':<28} {'median':>8} {'p95':>8} {'worst':>8}   (ms)")
    print(row("capture (baseline)", capture_ms))
    print(row("met_before after it", lookup_ms))
    ratio = statistics.median(lookup_ms) / statistics.median(capture_ms)
    print(f"met_before / capture (medians): {ratio:.2f}")
    print(f"name index built once, cold: {build * 1000:.1f} ms")
    print(
        f"recognised: contacts {found['contact']}/{share}, met at an earlier event "
        f"{found['earlier']}/{share}, strangers {found['stranger']}/{share}"
    )


if __name__ == "__main__":
    main()
