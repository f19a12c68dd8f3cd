"""Fixtures for the ``hallway serve`` tests: a database with a live event, a private home,
a running server on a free loopback port (stopped after the test), a phone-sized browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hallway.store import clock, debrief
from hallway.store.db import Store
from tests.serve.phone import phone_browser
from tests.serve.served import ServedHallway, private_environment, serve_argv, start_serving

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


@pytest.fixture
def served_db(tmp_path: Path) -> Path:
    """A database with a live event: Maya (promoted to a contact), Zoë and Tess."""
    path = tmp_path / "data" / "hallway.json"
    with Store.open(path) as store:
        live = store.create_event(
            "PyCon Berlin 2026", "Berlin", starts=clock.now() - timedelta(hours=1), live=True
        )
        maya = store.capture(
            "Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe", live.id
        )
        store.capture("Zoë Ångström @Spotify #bouldering", live.id)
        store.capture("Tess Ng, drummer #jazz", live.id)
        debrief.promote(store, maya.id, cadence_days=60)
    return path


@pytest.fixture
def serve_home(tmp_path: Path) -> Path:
    """The server's HOME (its config folder, where --keep-token writes, is inside)."""
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def served(served_db: Path, serve_home: Path) -> Iterator[ServedHallway]:
    """``hallway serve`` on ``served_db``, at most 4 tabs; stopped (and checked to leave no
    app process behind) after the test."""
    server = start_serving(serve_argv(served_db), private_environment(serve_home))
    try:
        yield server
    finally:
        apps = server.app_processes() if server.process.poll() is None else []
        server.stop()
        leftovers = [pid for pid in apps if Path(f"/proc/{pid}").exists()]
        assert not leftovers, f"app processes outlived the server: {leftovers}"


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[BrowserContext]:
    """A phone-sized Chromium (fresh profile), closed after the test."""
    with phone_browser(tmp_path / "profile") as context:
        yield context
