"""Helpers shared by the storage tests: saving raw documents, building big databases,
and running the worker script in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hallway.store.db import Store
from hallway.store.engine import DurableStorage
from hallway.store.records import Encounter, Event, Note

WORKER = Path(__file__).with_name("storage_worker.py")
REPO = Path(__file__).resolve().parents[2]


def put(storage: DurableStorage, table: str, doc_id: int, doc: dict[str, Any] | None) -> None:
    """Save one raw document (or delete it, with ``None``) in its own transaction."""
    with storage.transaction():
        tables = storage.read()
        if doc is None:
            tables.get(table, {}).pop(str(doc_id), None)
        else:
            tables.setdefault(table, {})[str(doc_id)] = doc
        storage.mark_dirty(table, str(doc_id))


def docs(path: Path, table: str = "encounters") -> dict[str, dict[str, Any]]:
    """The documents of one table, as a fresh open of the database sees them."""
    storage = DurableStorage(path)
    try:
        assert not storage.notices, storage.notices
        return dict(storage.read().get(table, {}))
    finally:
        storage.close()


def build_people(path: Path, count: int) -> None:
    """A database with one live event and ``count`` simple encounters (fast: one save)."""
    start = datetime(2024, 5, 1, 9, 0).astimezone()
    event = Event(id=1, name="Big Conference", place="Lyon", starts=start, live=True)
    people = [
        Encounter(
            id=n,
            event_id=1,
            name=f"Person {n}",
            role="engineer",
            org=f"Org {n % 97}",
            topics=["sourdough", f"topic-{n % 50}"],
            notes=[Note(f"talked about thing {n}", start + timedelta(seconds=n))],
            met_at=start + timedelta(seconds=n),
        )
        for n in range(1, count + 1)
    ]
    with Store.open(path) as store:
        store.replace_all([event], people, [])


def run_worker(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> str:
    """Run the worker script to completion; returns its stdout (fails on a non-zero exit)."""
    done = subprocess.run(
        [sys.executable, str(WORKER), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
        **kwargs,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def start_worker(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start the worker script with piped stdin/stdout (line buffered text)."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, **(env or {})},
    )
