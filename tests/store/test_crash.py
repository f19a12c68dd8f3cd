"""kill -9 at a random instant while saving into a 10,000-person database: the database
opens, is sound, and holds every save that was acknowledged.

The writer prints an ack line only after each store call returned. A small journal limit
makes it checkpoint every few dozen saves, so kills also land inside checkpoints (snapshot
write, backup links, journal switch, rotation), on the background thread that runs them.
A second loop opens, saves and closes, again and again, so that kills land in the fold every
process makes as it closes. ``--kill-trials N`` runs longer loops.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.engine import check_database
from hallway.store.engine.journal import scan
from tests.store.storage_helpers import build_people, start_worker

PEOPLE = 10_000
JOURNAL_LIMIT = "8000"  # bytes: a checkpoint every ~25 saves


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "hallway.json"
    build_people(path, PEOPLE)
    return path


def read_acks(lines: Iterator[str] | list[str]) -> list[tuple[str, int, str]]:
    acks = []
    for line in lines:
        kind, record_id, rest = line.rstrip("\n").split(" ", 2)
        acks.append((kind, int(record_id), rest))
    return acks


def kill_during_saves(db: Path, trial: int, rng: random.Random) -> list[tuple[str, int, str]]:
    """Run a writer, SIGKILL it after a random number of acks plus a random pause."""
    writer = start_worker(
        "writer", str(db), f"t{trial}", "1000000", env={"HALLWAY_JOURNAL_LIMIT": JOURNAL_LIMIT}
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    seen: list[str] = []
    target = rng.randint(1, 120)
    while len(seen) < target:
        line = writer.stdout.readline()
        assert line, writer.communicate()[1]
        seen.append(line)
    # The kill instant must be random, not tied to a line: a short random pause.
    time.sleep(rng.uniform(0, 0.02))
    os.kill(writer.pid, signal.SIGKILL)
    rest, _err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    return read_acks(seen + rest.splitlines())  # lines printed before death are acks too


def verify(db: Path, acks: list[tuple[str, int, str]], context: str) -> int:
    """Every acked save is there; the one possibly in flight is all-or-nothing."""
    with Store.open(db) as store:
        assert store.notices == [], context
        generation = store.storage.generation
        last_id = max(record_id for _kind, record_id, _rest in acks)
        meaningful: dict[int, bool] = {}
        for kind, record_id, rest in acks:
            encounter = store.encounter(record_id)
            if kind == "capture":
                assert encounter.name == rest, context
            elif kind == "note":
                assert rest in [n.text for n in encounter.notes], context
            else:
                meaningful[record_id] = rest == "1"
        for record_id, value in meaningful.items():
            if record_id != last_id:  # only the last person's toggle may be in flight
                assert store.encounter(record_id).meaningful is value, context
    report = check_database(db)
    assert report.ok, (context, report.problems)
    return generation


def test_kill_9_never_loses_an_acknowledged_save(big_db: Path, kill_trials: int) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    with Store.open(big_db) as store:
        first_generation = store.storage.generation
    generation = first_generation
    for trial in range(kill_trials):
        acks = kill_during_saves(big_db, trial, rng)
        generation = verify(big_db, acks, f"seed {seed}, trial {trial}, {len(acks)} acks")
    assert generation > first_generation, "no checkpoint happened during the kill loop"


def kill_during_cycles(db: Path, trial: int, rng: random.Random) -> tuple[list[str], bool]:
    """Run open -> capture -> close cycles; SIGKILL right after a capture's ack plus a random
    pause, so that the kill lands in the exit fold (or the next open). Returns every line
    printed and whether the files were left mid-fold."""
    worker = start_worker(
        "cycle", str(db), f"c{trial}", "1000000", env={"HALLWAY_JOURNAL_LIMIT": JOURNAL_LIMIT}
    )
    assert worker.stdout is not None
    assert worker.stdout.readline() == "ready\n"
    seen: list[str] = []
    captures = rng.randint(1, 4)
    while sum(line.startswith("capture") for line in seen) < captures:
        line = worker.stdout.readline()
        assert line, worker.communicate()[1]
        seen.append(line)
    time.sleep(rng.uniform(0, 0.25))
    os.kill(worker.pid, signal.SIGKILL)
    rest, _err = worker.communicate(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    folder = db.parent
    mid_fold = any(".tmp-" in p.name for p in folder.iterdir()) or bool(
        scan(Path(f"{db}.journal").read_bytes()).entries
    )
    return seen + rest.splitlines(), mid_fold


def test_kill_9_in_exit_folds_never_loses_an_acknowledged_save(
    big_db: Path, kill_trials: int
) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    interrupted = 0
    for trial in range(kill_trials):
        lines, mid_fold = kill_during_cycles(big_db, trial, rng)
        interrupted += mid_fold
        acks = read_acks(line for line in lines if line.startswith("capture"))
        verify(big_db, acks, f"seed {seed}, cycle trial {trial}, {len(acks)} acks")
        # The open in verify() folded what the kill left: at rest, the file holds it all.
        assert scan(Path(f"{big_db}.journal").read_bytes()).entries == []
    assert interrupted, f"seed {seed}: no kill landed inside an exit fold"
