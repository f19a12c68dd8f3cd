"""Options for the storage tests.

``--kill-trials N`` (declared in tests/conftest.py, so it works from the repository root:
``pytest --kill-trials 200``) sets how many kill -9 trials the crash test runs (default: a
CI-sized run); ``HALLWAY_KILL_TRIALS=200`` does the same.
"""

from __future__ import annotations

import os

import pytest

from hallway.store.db import Store

DEFAULT_KILL_TRIALS = 8


@pytest.fixture
def kill_trials(request: pytest.FixtureRequest) -> int:
    """How many kill -9 trials to run: the option, else HALLWAY_KILL_TRIALS, else 8."""
    chosen = request.config.getoption("--kill-trials", default=None)
    if chosen is None:
        chosen = os.environ.get("HALLWAY_KILL_TRIALS", DEFAULT_KILL_TRIALS)
    return int(chosen)


@pytest.fixture
def event_id(store: Store) -> int:
    """A live event to capture into."""
    return store.create_event("PyCon Berlin 2025", live=True).id
