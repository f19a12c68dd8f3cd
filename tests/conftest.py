"""Suite-wide fixtures and options.

Every test runs with ``HALLWAY_DB`` and the user data folders pointing into a temporary
directory, so nothing in the suite can touch the real user's database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store import clock


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow", action="store_true", default=False, help="also run tests marked slow"
    )
    parser.addoption(
        "--kill-trials",
        type=int,
        default=None,
        help="number of kill -9 trials in tests/store/test_crash.py (default: a CI-sized 8)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's data folder and database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("HALLWAY_DB", str(home / "default-db" / "hallway.json"))
    monkeypatch.delenv("HALLWAY_CLOCK", raising=False)


@pytest.fixture(autouse=True)
def _real_clock() -> Iterator[None]:
    """Undo any fixed clock a test set, so tests never leak time into each other."""
    yield
    clock.set_clock(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temporary folder (the file does not exist yet)."""
    return tmp_path / "data" / "hallway.json"
