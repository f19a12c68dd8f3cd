"""Two and three devices doing random work offline, kept in step only by a simulated file
sync (tests/store/sync_sim.py: half-way copies, late copies, files out of order) on random
schedules, with restarts, polls and background checkpoints in between.

After everyone has seen everyone's files: every device shows the same data, every
acknowledged save is there as the merge rules say (tests/store/sync_ledger.py), unless it was
deliberately removed, and ``hallway check`` finds each device's database sound; again after
every device quit and started once more.

``HALLWAY_SYNC_EXAMPLES=200`` runs more examples (default: a CI-sized run).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from tests.store.sync_work import OPERATIONS, Fleet

T = TypeVar("T")

EXAMPLES = int(os.environ.get("HALLWAY_SYNC_EXAMPLES", "12"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
JOURNAL_LIMIT = "3000"  # bytes: devices checkpoint every few saves, so snapshots change too


class Draws:
    """Choices drawn by Hypothesis (so a failure shrinks to the fewest, simplest steps)."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def choice(self, seq: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(list(seq)))

    def randint(self, a: int, b: int) -> int:
        return self.data.draw(st.integers(a, b))

    def random(self) -> float:
        return self.data.draw(st.floats(0, 1))


class Devices(RuleBasedStateMachine):
    """Some devices, their folders, and the sync tool between them."""

    NAMES: tuple[str, ...] = ("laptop", "phone")
    # The phone's clock runs five minutes late: a change it makes after seeing the laptop's
    # must still count as the later one.
    SKEWS: ClassVar[dict[str, timedelta]] = {
        "phone": timedelta(minutes=-5),
        "tablet": timedelta(minutes=3),
    }

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="hallway-sync-"))
        self.fleet = Fleet(self.root, self.NAMES, random.Random(0), skews=self.SKEWS)
        self.log: list[str] = []

    def place(self, index: int) -> Any:
        return self.fleet.places[index % len(self.fleet.places)]

    @rule(data=st.data(), device=st.integers(0, 2), operation=st.sampled_from(list(OPERATIONS)))
    def work(self, data: st.DataObject, device: int, operation: str) -> None:
        place = self.place(device)
        done = self.fleet.act(place, OPERATIONS[operation], Draws(data))
        self.log.append(f"{place.name}: {done}")

    @rule(steps=st.integers(1, 15), seed=st.integers(0, 2**16))
    def sync(self, steps: int, seed: int) -> None:
        self.fleet.tool.rng.seed(seed)
        self.fleet.sync(steps)
        self.log.append(f"sync {steps} (seed {seed})")

    @rule(device=st.integers(0, 2))
    def poll(self, device: int) -> None:
        place = self.place(device)
        self.fleet.refresh(place)
        self.log.append(f"{place.name}: poll")

    @rule(device=st.integers(0, 2))
    def restart(self, device: int) -> None:
        place = self.place(device)
        self.fleet.restart(place)
        self.log.append(f"{place.name}: restart")

    def teardown(self) -> None:
        try:
            fleet = self.fleet
            fleet.meet()
            assert fleet.problems() == [], self.log
            fleet.close()
            assert fleet.check_problems() == [], self.log
            fleet.reopen()
            assert fleet.problems() == [], self.log
        finally:
            self.fleet.remove_folders()
            shutil.rmtree(self.root, ignore_errors=True)


class ThreeDevices(Devices):
    """A phone, a laptop and a tablet."""

    NAMES = ("laptop", "phone", "tablet")


@pytest.fixture(autouse=True)
def _small_journals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLWAY_JOURNAL_LIMIT", JOURNAL_LIMIT)


def test_two_devices_end_identical_and_lose_nothing() -> None:
    run_state_machine_as_test(Devices, settings=SETTINGS)


def test_three_devices_end_identical_and_lose_nothing() -> None:
    run_state_machine_as_test(ThreeDevices, settings=SETTINGS)
