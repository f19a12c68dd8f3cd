"""Checkpoints: folding the journal into the next snapshot, with the lock held only briefly.

A checkpoint has three steps, so that it can run on a background thread while saves go on:

1. :func:`begin` (lock held, about a millisecond): copy the tables' top level and note the
   snapshot generation, the journal's id and how many of its bytes the copy holds.
2. :func:`write_snapshot` (no lock): encode the next snapshot and write it under a temp name,
   synced. This is the slow part; saves (this process's and others') go on meanwhile, and
   on a background thread the encoding steps aside while one of this process's saves runs
   (:attr:`Fold.pause`): orjson holds the interpreter's lock while it encodes, and a save
   needs it back after each of its system calls.
3. :func:`carried_lines`, then the storage switches (lock held again): lines saved after the
   copy are carried into the next journal, which is written under a temp name; then the
   snapshot takes its place (the commit point), then the journal.

The new snapshot names its journal and the part of the old journal it holds
(:class:`~.snapshot.Folded`), so a crash between the two renames leaves a pair that opening
reads correctly (see :func:`~.loading.journal_relation`): no journal line is ever dropped
unless a snapshot provably holds it.
"""

from __future__ import annotations

import os
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hallway.store.engine.journal import entry_line, scan
from hallway.store.engine.journal_file import JournalFile
from hallway.store.engine.loading import Signature
from hallway.store.engine.snapshot import Folded, snapshot_pieces
from hallway.store.engine.tables import TableSet
from hallway.store.files import FILE_MODE, sync_file, temp_name, write_all

# While a checkpoint encodes on its background thread, the saving thread needs the GIL back
# after each system call of a save (write, sync, stat); by default it waits up to 5 ms for
# it each time. 1 ms slices keep the slowest save at 50,000 people well under 20 ms.
BRIEF_SWITCH_INTERVAL = 0.001
_switching = threading.Lock()
_switching_users = 0
_switching_saved = 0.0


@contextmanager
def brief_gil_slices() -> Iterator[None]:
    """Shorten the interpreter's thread switch interval while the body runs (nested and
    concurrent uses share one change; the last one out puts the interval back)."""
    global _switching_users, _switching_saved
    with _switching:
        if _switching_users == 0:
            _switching_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switching_saved, BRIEF_SWITCH_INTERVAL))
        _switching_users += 1
    try:
        yield
    finally:
        with _switching:
            _switching_users -= 1
            if _switching_users == 0:
                sys.setswitchinterval(_switching_saved)


class CheckpointAbandoned(Exception):
    """The disk changed under a background checkpoint (another process checkpointed, or the
    files were replaced): the snapshot it wrote is thrown away; nothing is lost."""


@dataclass
class Fold:
    """What a checkpoint folds: a copy of the tables and where they stand."""

    tables: TableSet  # an independent copy (see TableSet.frozen_copy)
    database_id: str
    generation: int  # of the snapshot being replaced
    snapshot: Signature | None  # that snapshot's signature when the copy was made
    journal_id: str  # the journal being folded ("" when none is open)
    size: int  # its bytes the copy holds
    next_journal_id: str  # the id of the journal that will continue the new snapshot
    journal_identity: tuple[int, int] | None = None  # (st_dev, st_ino) of that journal
    device_id: str = ""  # the device writing it (named in the snapshot)
    # Called now and then while encoding on a background thread: waits while a save runs
    # (see DurableStorage.transaction), so that the save has the interpreter to itself.
    pause: Callable[[], None] | None = None


def begin(
    tables: TableSet,
    database_id: str,
    generation: int,
    snapshot: Signature | None,
    journal: JournalFile,
    device_id: str = "",
) -> Fold:
    """Step 1: copy what is to be folded (call with the lock held)."""
    return Fold(
        tables=tables.frozen_copy(),
        database_id=database_id,
        generation=generation,
        snapshot=snapshot,
        journal_id=journal.journal_id if journal.is_open else "",
        size=journal.end if journal.is_open else 0,
        next_journal_id=uuid.uuid4().hex,
        journal_identity=journal.identity if journal.is_open else None,
        device_id=device_id,
    )


def folded_prefix(fold: Fold, path: Path) -> Folded | None:
    """What the next snapshot records of the journal it folds: its id, the size folded and
    the CRC-32 of those bytes (read without the lock: a journal's bytes before its end never
    change; a journal replaced meanwhile abandons the checkpoint)."""
    if not fold.journal_id:
        return None
    journal = path.with_name(path.name + ".journal")
    try:
        fd = os.open(journal, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError as exc:
        raise CheckpointAbandoned("the journal vanished") from exc
    try:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != fold.journal_identity:
            raise CheckpointAbandoned("another process replaced the journal")
        crc, done = 0, 0
        while done < fold.size:
            chunk = os.pread(fd, min(1 << 20, fold.size - done), done)
            if not chunk:
                raise CheckpointAbandoned("the journal is shorter than what was folded")
            crc = zlib.crc32(chunk, crc)
            done += len(chunk)
    finally:
        os.close(fd)
    return Folded(fold.journal_id, fold.size, crc)


def write_snapshot(fold: Fold, path: Path) -> tuple[Path, int]:
    """Step 2: write the next snapshot under a temp name beside ``path``, synced; its temp
    path and size. Raises ``TypeError``/``ValueError`` for unstorable data, ``OSError`` for
    the disk; nothing is left behind then."""
    folded = folded_prefix(fold, path)
    pieces = snapshot_pieces(
        fold.tables,
        fold.database_id,
        fold.generation + 1,
        fold.next_journal_id,
        folded,
        fold.device_id,
        fold.pause,
    )
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            for piece in pieces:  # written as they are: no joined copy of the whole file
                write_all(fd, piece)
            sync_file(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, sum(len(piece) for piece in pieces)


def carried_lines(fold: Fold, journal: JournalFile, file_end: int) -> tuple[bytes, int]:
    """Step 3: the journal lines saved after the copy (up to ``file_end``, the journal's size
    now), re-tagged for the next generation, and how many of their bytes this process has
    already applied (the rest are another process's, applied at its next catch-up).

    Raises :class:`CheckpointAbandoned` if those lines are not all readable: the journal
    stays as it is, and opening it reports the damage."""
    if not journal.is_open or file_end <= fold.size:
        return b"", 0
    result = scan(journal.read_lines(fold.size, file_end), with_header=False)
    if result.damaged:
        raise CheckpointAbandoned("unreadable lines were saved during the checkpoint")
    seen = journal.end - fold.size  # what this process has read or written of them
    lines, applied = [], 0
    for (_generation, changes), end in zip(result.entries, result.ends, strict=True):
        line = entry_line(fold.generation + 1, changes)
        lines.append(line)
        if end <= seen:
            applied += len(line)
    return b"".join(lines), applied
