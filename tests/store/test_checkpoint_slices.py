"""A background checkpoint shortens the interpreter's thread switch interval while it
encodes, so the saving thread gets the GIL back within a millisecond after each system call
of a save (the slowest save at 50,000 people stays under 20 ms), and puts it back after."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from hallway.store.engine import DurableStorage, checkpoint
from tests.store.storage_helpers import put


def test_brief_slices_nest_and_restore() -> None:
    before = sys.getswitchinterval()
    with checkpoint.brief_gil_slices():
        assert sys.getswitchinterval() == pytest.approx(checkpoint.BRIEF_SWITCH_INTERVAL)
        with checkpoint.brief_gil_slices():
            assert sys.getswitchinterval() == pytest.approx(checkpoint.BRIEF_SWITCH_INTERVAL)
        assert sys.getswitchinterval() == pytest.approx(checkpoint.BRIEF_SWITCH_INTERVAL)
    assert sys.getswitchinterval() == before


def test_a_background_checkpoint_writes_with_brief_slices(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, float]] = []
    real = checkpoint.write_snapshot

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((threading.current_thread().name, sys.getswitchinterval()))
        return real(*args, **kwargs)

    monkeypatch.setattr(checkpoint, "write_snapshot", recording)
    before = sys.getswitchinterval()
    storage = DurableStorage(db_path, journal_limit=1)
    put(storage, "encounters", 1, {"name": "Checkpointed"})
    storage.settle()
    assert ("hallway-checkpoint", pytest.approx(checkpoint.BRIEF_SWITCH_INTERVAL)) in seen
    assert sys.getswitchinterval() == before
    storage.close()
