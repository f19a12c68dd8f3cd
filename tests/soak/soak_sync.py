"""Soak: three devices (laptop, phone with a clock five minutes late, tablet three minutes
early) doing random work offline for a long while, kept in step only by the simulated file
sync (half-way, late and out-of-order copies, conflict copies), with polls, restarts and
background checkpoints. Not part of the normal suite (it runs for minutes):

    .venv/bin/python -m tests.soak.soak_sync [--minutes 10] [--seed 1] [--conflicts 0.03]

Every ``--meet-every`` operations all devices meet (every file reaches everyone, each app
polls) and are checked: identical data on every device, every acknowledged save there as
the merge rules say, every typed name and text there. At the end the same, then every device
quits, ``hallway check`` runs on each, they start again and are checked once more.

Prints operations, syncs, conflict copies created and merged, and records lost (each
problem found counts as one: it must be 0); exits 1 if anything was lost or differs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tests.store.sync_work import OPERATIONS, Fleet

SKEWS = {"phone": timedelta(minutes=-5), "tablet": timedelta(minutes=3)}
# How often each thing happens (operations are chosen among OPERATIONS evenly).
WEIGHTS = {"work": 60, "sync": 25, "poll": 10, "restart": 5}


def run(minutes: float, seed: int, conflicts: float, meet_every: int) -> int:
    """The soak; how many problems it found."""
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="hallway-soak-"))
    os.environ.setdefault("HALLWAY_JOURNAL_LIMIT", "20000")  # checkpoints now and then
    fleet = Fleet(root, ["laptop", "phone", "tablet"], rng, skews=SKEWS, conflicts=conflicts)
    names = list(OPERATIONS)
    kinds = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    problems: list[str] = []
    meets = 0
    since_meet = 0
    begin = time.monotonic()
    deadline = begin + minutes * 60
    try:
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            place = rng.choice(fleet.places)
            if kind == "work":
                fleet.act(place, OPERATIONS[rng.choice(names)], rng)
                since_meet += 1
            elif kind == "sync":
                fleet.sync(rng.randint(1, 20))
            elif kind == "poll":
                fleet.refresh(place)
            else:
                fleet.restart(place)
            if since_meet >= meet_every:
                fleet.meet()
                meets += 1
                since_meet = 0
                found = fleet.problems()
                problems += found
                print(f"[{(time.monotonic() - begin) / 60:5.1f} min] meeting {meets}: "
                      f"{fleet.counts['operations']} operations, {len(found)} problems",
                      flush=True)  # fmt: skip
                for problem in found[:20]:
                    print("   ", problem, flush=True)
        fleet.meet()
        problems += fleet.problems()
        fleet.close()
        problems += fleet.check_problems()
        fleet.reopen()
        problems += fleet.problems()
        report(fleet, meets + 1, problems, time.monotonic() - begin)
    finally:
        fleet.remove_folders()
        shutil.rmtree(root, ignore_errors=True)
    return len(problems)


def report(fleet: Fleet, meets: int, problems: list[str], seconds: float) -> None:
    """The figures."""
    counts, stats = fleet.counts, fleet.tool.stats
    records = sum(1 for key in fleet.ledger.writes if fleet.ledger.expected_present(key))
    print(f"ran {seconds / 60:.1f} minutes on 3 devices")
    print(f"operations acknowledged   {counts['operations']}")
    print(f"records there at the end  {records} (every one checked on every device)")
    print(f"typed names / texts       {len(fleet.typed.names)} / {len(fleet.typed.texts)}")
    print(f"sync tool steps           {counts['sync steps']}")
    print(f"files copied whole        {stats['copied']}")
    halves = stats["half-temp"] + stats["half-cut"] + stats["half-overwritten"]
    print(f"left half-way             {halves} (temp {stats['half-temp']}, cut "
          f"{stats['half-cut']}, overwritten in place {stats['half-overwritten']}), "
          f"completed later {stats['completed']}")  # fmt: skip
    print(f"late (older) copies       {stats['late']}")
    print(f"out-of-order arrivals     {stats['out-of-order']}")
    print(f"conflict copies created   {stats['conflict']}")
    print(f"conflict copies merged    {counts['conflict copies merged']}")
    print(f"polls / restarts          {counts['refreshes']} / {counts['restarts']}")
    print(f"meetings checked          {meets}")
    print(f"records lost or differing {len(problems)}")
    for problem in problems[:40]:
        print("   ", problem)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conflicts", type=float, default=0.03)
    parser.add_argument("--meet-every", type=int, default=150, help="operations between checks")
    args = parser.parse_args()
    sys.exit(1 if run(args.minutes, args.seed, args.conflicts, args.meet_every) else 0)


if __name__ == "__main__":
    main()
