"""Options for the storage tests.

``--kill-trials N`` sets how many kill -9 trials the crash test runs (default: a CI-sized
run). pytest reads options only from conftest files it loads at start-up, so pass it with
this folder on the command line (``pytest tests/store --kill-trials 200``), or set
``HALLWAY_KILL_TRIALS=200``, which works from anywhere.
"""

from __future__ import annotations

import os

import pytest

DEFAULT_KILL_TRIALS = 8


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kill-trials",
        type=int,
        default=None,
        help="number of kill -9 trials in tests/store/test_crash.py",
    )


@pytest.fixture
def kill_trials(request: pytest.FixtureRequest) -> int:
    """How many kill -9 trials to run: the option, else HALLWAY_KILL_TRIALS, else 8."""
    chosen = request.config.getoption("--kill-trials", default=None)
    if chosen is None:
        chosen = os.environ.get("HALLWAY_KILL_TRIALS", DEFAULT_KILL_TRIALS)
    return int(chosen)
