"""A background checkpoint shortens the interpreter's thread switch interval while it
encodes, so the saving thread gets the GIL back within a millisecond after each system call
of a save (the slowest save at 50,000 people stays under 20 ms), and puts it back after; and
its encoding steps aside while a save runs."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from hallway.store.engine import DurableStorage, checkpoint, tables
from hallway.store.engine import storage as storage_module
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


def test_a_background_checkpoint_encodes_nothing_while_a_save_runs(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # orjson holds the interpreter's lock while it encodes: the checkpoint's encoding steps
    # aside between chunks while a save of this process runs, so that the save gets the
    # lock back at once after each of its writes and syncs.
    monkeypatch.setattr(tables, "ENCODE_CHUNK", 1)
    monkeypatch.setattr(storage_module, "SAVE_GOES_FIRST_FOR", 30.0)  # (no timeout here)
    storage = DurableStorage(db_path, journal_limit=1 << 30)
    for n in range(1, 41):
        put(storage, "encounters", n, {"name": f"Person {n}"})
    encoding, saving = threading.Event(), threading.Event()
    chunks: list[float] = []
    real = storage._let_saves_go_first

    def pause() -> None:
        encoding.set()
        saving.wait(10)  # (the save below has begun before the encoding goes on)
        real()
        chunks.append(time.monotonic())

    monkeypatch.setattr(storage, "_let_saves_go_first", pause)
    monkeypatch.setattr(storage, "_limit", 1)
    put(storage, "encounters", 41, {"name": "Starts the checkpoint"})
    assert encoding.wait(10)
    with storage.transaction():
        saving.set()
        time.sleep(0.2)  # a save taking its time: the checkpoint waits meanwhile
        storage.put_doc("encounters", "42", {"name": "Saved meanwhile"})
        assert chunks == []
    closed = time.monotonic()
    storage.settle()
    # Then it went on, and finished: one pause per document grouped, one per chunk encoded,
    # one before reading ahead the lines saved meanwhile for the next journal.
    assert len(chunks) == 2 * 41 + 1
    assert min(chunks) >= closed
    assert storage.generation == 2
    storage.close()
    reopened = DurableStorage(db_path)
    assert reopened.get_doc("encounters", "42") == {"name": "Saved meanwhile"}
    assert len(reopened.table("encounters")) == 42
    reopened.close()
