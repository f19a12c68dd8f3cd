"""Options for the storage tests.

``--kill-trials N`` sets how many kill -9 trials the crash test runs (default: a CI-sized
run). pytest only reads options from conftest files it loads at start-up, so pass it with
this folder on the command line: ``pytest tests/store/test_crash.py --kill-trials 200``.
"""

from __future__ import annotations

import pytest

DEFAULT_KILL_TRIALS = 8


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kill-trials",
        type=int,
        default=DEFAULT_KILL_TRIALS,
        help="number of kill -9 trials in tests/store/test_crash.py",
    )


@pytest.fixture
def kill_trials(request: pytest.FixtureRequest) -> int:
    """How many kill -9 trials to run."""
    return int(request.config.getoption("--kill-trials"))
