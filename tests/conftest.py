"""Suite-wide fixtures and options.

Every test runs with ``HALLWAY_DB`` and the user data and config folders pointing into a
temporary directory, so nothing in the suite can touch the real user's database or read their
config file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hallway.store import clock, i18n
from hallway.store.db import Store
from hallway.store.devices import Device, config_folder, save_device
from tests.clock import START, Clock, ClockAt


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


TEST_DEVICE = Device("7e57" + "0" * 27 + "1", 1, "test laptop")
"""The device every test runs as (a fixed identity, so ids under a fixed clock are stable)."""


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep every test away from the real user's data and config folders (this device's
    identity lives there) and database. A MonkeyPatch of its own: a test that undoes its
    ``monkeypatch`` must not undo this too."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as isolation:
        isolation.setenv("HOME", str(home))
        isolation.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        isolation.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        isolation.delenv("HALLWAY_CONFIG", raising=False)
        isolation.delenv("TEXTUAL_THEME", raising=False)  # the app reads it at start
        isolation.setenv("HALLWAY_DB", str(home / "default-db" / "hallway.json"))
        isolation.delenv("HALLWAY_CLOCK", raising=False)
        # English unless a test asks for German: the user's own locale never decides a test.
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            isolation.delenv(name, raising=False)
        isolation.setenv("LANG", "C.UTF-8")
        save_device(TEST_DEVICE, config_folder())
        yield


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Every test starts in English, and a test that switched to German (``i18n.use``, or
    ``hallway --lang de`` run in-process) leaves none behind."""
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture(autouse=True)
def _real_clock() -> Iterator[None]:
    """Undo any fixed clock a test set, so tests never leak time into each other."""
    yield
    clock.set_clock(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temporary folder (the file does not exist yet)."""
    return tmp_path / "data" / "hallway.json"


@pytest.fixture
def clock_at() -> ClockAt:
    """Fix Hallway's time from now on: ``clock_at(moment)`` installs a :class:`Clock` showing
    ``moment`` (moving on by ``tick`` per reading, if given) and returns it. ``_real_clock``
    puts the real clock back after the test."""

    def install(moment: datetime, *, tick: timedelta = timedelta(0)) -> Clock:
        fixed = Clock(moment, tick=tick)
        clock.set_clock(fixed)
        return fixed

    return install


@pytest.fixture
def fixed_clock(request: pytest.FixtureRequest, clock_at: ClockAt) -> Clock:
    """Time stands at START (10:00 on 5 March 2026, +01:00) until the test moves it.

    A module or test that needs another moment, time zone or a ticking clock says so with the
    ``clock`` marker, e.g. ``pytestmark = pytest.mark.clock(moment, tick=timedelta(minutes=1))``
    (the arguments of ``clock_at``); a folder may override this fixture instead.
    """
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        return clock_at(START)
    return clock_at(*marker.args, **marker.kwargs)


@pytest.fixture
def store(db_path: Path, fixed_clock: Clock) -> Iterator[Store]:
    """An empty store in a temporary folder, on the fixed clock."""
    with Store.open(db_path) as opened:
        yield opened
