"""Fixtures of the import/export tests: a fixed clock, a pinned database id, a filled store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from hallway.store import clock
from hallway.store.db import Store
from tests.interop.interop_fixtures import FIXED_DATABASE_ID, NOW, fill


@pytest.fixture
def fixed_clock() -> Iterator[datetime]:
    """Freeze Hallway's clock at Wednesday 14 May 2025, 18:00 Berlin time."""
    clock.set_clock(lambda: NOW)
    yield NOW
    clock.set_clock(None)


@pytest.fixture
def store(db_path: Path, fixed_clock: datetime) -> Iterator[Store]:
    """An empty store with the fixed clock."""
    with Store.open(db_path) as opened:
        yield opened


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
