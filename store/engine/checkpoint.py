"""Checkpoints: folding the journal into the next snapshot, with the lock held only briefly.

A checkpoint has three steps, so that it can run on a background thread while saves go on:

1. :func:`begin` (lock held; about 3 ms at 50,000 people, mostly copying the top level of
   each table, then the backups' links): copy the tables' top level and note the snapshot
   generation, the journal's id and how many of its bytes the copy holds.
2. :func:`write_snapshot` (no lock): encode the next snapshot and write it under a temp name,
   synced. This is the slow part; saves (this process's and others') go on meanwhile, and
   on a background thread the encoding steps aside while one of this process's saves runs
   (:attr:`Fold.pause`): orjson holds the interpreter's lock while it encodes, and a save
   needs it back after each of its system calls.
3. :func:`carry_ahead` (no lock): the lines saved after the copy so far are carried into the
   next journal, written and synced under a temp name. Then the storage switches (lock held
   again, for as long as a save or two): :func:`carried_lines` adds the lines saved since
   (none, most often), then the snapshot takes its place (the commit point), then the
   journal. The switch is O(lines saved meanwhile), never O(database).

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


@dataclass(frozen=True)
class Carried:
    """Journal lines saved after a fold's copy, re-tagged for the next journal: those of the
    old journal's bytes from ``start`` to ``end``, whose CRC-32 is ``crc``."""

    start: int
    end: int
    crc: int = 0
    lines: bytes = b""
    ends: tuple[int, ...] = ()  # where each line ends in the old journal
    sizes: tuple[int, ...] = ()  # the length of each re-tagged line


def _carry(fold: Fold, raw: bytes, start: int) -> tuple[Carried, bool]:
    """The whole lines among ``raw`` (the old journal's bytes from ``start``) re-tagged for
    the next generation, and whether any line among them is damaged (a torn tail is not)."""
    result = scan(raw, with_header=False)
    lines = [entry_line(fold.generation + 1, changes) for _gen, changes in result.entries]
    carried = Carried(
        start,
        start + result.end,
        zlib.crc32(memoryview(raw)[: result.end]),
        b"".join(lines),
        tuple(start + end for end in result.ends),
        tuple(len(line) for line in lines),
    )
    return carried, bool(result.damaged)


def carry_ahead(fold: Fold, path: Path) -> Carried:
    """Step 3a (no lock): the lines saved after the copy so far, read ahead so that the next
    journal can be written and synced before the switch takes the lock, which then only
    adds the few lines saved since (see :func:`carried_lines`). Read from the file by its
    path, as :func:`folded_prefix` does; anything unexpected (a journal replaced, damage)
    carries nothing ahead and is left to the switch to judge."""
    none = Carried(fold.size, fold.size)
    if not fold.journal_id:
        return none
    journal = path.with_name(path.name + ".journal")
    try:
        fd = os.open(journal, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return none
    try:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != fold.journal_identity or st.st_size <= fold.size:
            return none
        raw = os.pread(fd, st.st_size - fold.size, fold.size)
    finally:
        os.close(fd)
    carried, damaged = _carry(fold, raw, fold.size)
    return none if damaged else carried


def carried_lines(
    fold: Fold, journal: JournalFile, file_end: int, ahead: Carried
) -> tuple[bytes, int, bool]:
    """Step 3b (lock held): the lines saved after the copy (up to ``file_end``, the journal's
    size now) that ``ahead`` does not hold yet, re-tagged for the next generation; how many
    bytes of all the carried lines this process has already applied (the rest are another
    process's, applied at its next catch-up); and whether ``ahead`` still stands. It does
    unless the bytes it was read from changed since (a save whose sync failed is cut off
    again, and another line may take its place): then the lines returned are all of them.

    Raises :class:`CheckpointAbandoned` if those lines are not all readable: the journal
    stays as it is, and opening it reports the damage."""
    if not journal.is_open or file_end <= fold.size:
        return b"", 0, ahead.end == fold.size
    kept = ahead.end <= file_end and (
        ahead.end == ahead.start
        or zlib.crc32(journal.read_lines(ahead.start, ahead.end)) == ahead.crc
    )
    if not kept:
        ahead = Carried(fold.size, fold.size)
    rest, damaged = _carry(fold, journal.read_lines(ahead.end, file_end), ahead.end)
    if damaged:
        raise CheckpointAbandoned("unreadable lines were saved during the checkpoint")
    applied = sum(
        size
        for end, size in zip(ahead.ends + rest.ends, ahead.sizes + rest.sizes, strict=True)
        if end <= journal.end  # what this process has read or written of them
    )
    return rest.lines, applied, kept
