"""Fixtures of the import/export tests: the fixed database's moment, a pinned database id, a
filled store (the empty store comes from tests/conftest.py)."""

from __future__ import annotations

import pytest

from hallway.store.db import Store
from tests.clock import Clock, ClockAt
from tests.interop.interop_fixtures import FIXED_DATABASE_ID, NOW, fill


@pytest.fixture
def fixed_clock(clock_at: ClockAt) -> Clock:
    """Hallway's clock stands at Wednesday 14 May 2025, 18:00 Berlin time (the fixed database's
    moment) for every test in this folder."""
    return clock_at(NOW)


@pytest.fixture
def pinned_id(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pin every store's database id, so UIDs in golden files never change."""
    monkeypatch.setattr(Store, "database_id", property(lambda self: FIXED_DATABASE_ID))
    return FIXED_DATABASE_ID


@pytest.fixture
def filled(store: Store, pinned_id: str) -> Store:
    """The fixed database with its pinned id."""
    fill(store)
    return store
