"""The current journal file, held open by the storage: appends, and reading others' appends.

It knows three offsets: where entries start (after the header), where the last valid line
ends (where the next append goes) and the file size last seen (larger than that end when a
killed writer left a torn line, which the next append cuts off).
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from hallway.store.engine.journal import Scan, header_line, scan
from hallway.store.files import FILE_MODE, sync_file, temp_name, write_all, write_atomic


@dataclass(frozen=True)
class PreparedJournal:
    """A next journal written under a temp name, waiting to take the journal's place."""

    path: Path
    journal_id: str
    start: int  # where its entries start
    end: int  # its size


class JournalFile:
    """The open journal of one :class:`~.storage.DurableStorage` (or none yet)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None  # (st_dev, st_ino) of the open file
        self.journal_id = ""  # the id in the open journal's header ("" in older journals)
        self.start = 0  # where entries start (after the header)
        self.end = 0  # offset after the last valid line: where appends go
        self.seen = 0  # file size last seen (a torn tail makes it differ from end)
        self.writable = False  # opened for appending (else for reading only)

    @property
    def is_open(self) -> bool:
        """Whether a journal file is open."""
        return self._fd is not None

    @property
    def entries_size(self) -> int:
        """Bytes of entries since the header (what a checkpoint would compact)."""
        return self.end - self.start

    def create(self, generation: int, database_id: str, journal_id: str) -> None:
        """Replace the journal with a fresh, empty one for ``generation`` and open it."""
        header = header_line(generation, database_id, journal_id)
        write_atomic(self.path, header)
        self.open(len(header), len(header), len(header), journal_id=journal_id)

    def prepare(
        self, generation: int, database_id: str, journal_id: str, lines: bytes
    ) -> PreparedJournal:
        """Write the next journal (header, then ``lines``) durably under a temp name; it
        takes the journal's place with :meth:`install`."""
        header = header_line(generation, database_id, journal_id)
        tmp = temp_name(self.path)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            try:
                write_all(fd, header + lines)
                sync_file(fd)
            finally:
                os.close(fd)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return PreparedJournal(tmp, journal_id, len(header), len(header) + len(lines))

    def extend(self, prepared: PreparedJournal, lines: bytes) -> PreparedJournal:
        """Append ``lines`` durably to a journal made by :meth:`prepare` (the lines saved
        since it was written); the journal as it now is."""
        fd = os.open(prepared.path, os.O_WRONLY | os.O_CLOEXEC)
        try:
            write_all(fd, lines, prepared.end)
            sync_file(fd, data_only=True)
        finally:
            os.close(fd)
        return PreparedJournal(
            prepared.path, prepared.journal_id, prepared.start, prepared.end + len(lines)
        )

    def install(self, prepared: PreparedJournal) -> None:
        """Put a journal made by :meth:`prepare` in place and open it for appending (the
        caller makes the rename durable by syncing the folder)."""
        os.replace(prepared.path, self.path)
        self.open(prepared.start, prepared.end, prepared.end, journal_id=prepared.journal_id)

    def read_lines(self, start: int, end: int) -> bytes:
        """The journal's bytes from ``start`` to ``end`` (whole lines already read)."""
        assert self._fd is not None
        return os.pread(self._fd, end - start, start)

    def open(
        self, start: int, end: int, seen: int, *, journal_id: str, writable: bool = True
    ) -> None:
        """Open the journal at ``path`` with offsets already known from scanning it."""
        self.close()
        flags = os.O_RDWR if writable else os.O_RDONLY
        self._fd = os.open(self.path, flags | os.O_CLOEXEC)
        self.writable = writable
        st = os.fstat(self._fd)
        self._identity, self.start, self.end, self.seen = (st.st_dev, st.st_ino), start, end, seen
        self.journal_id = journal_id

    def close(self) -> None:
        """Close the file, if open (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self._identity, self.start, self.end, self.seen = None, None, 0, 0, 0
        self.journal_id, self.writable = "", False

    def append(self, line: bytes) -> None:
        """Append one line durably (see :func:`~hallway.store.files.sync_file`) after cutting
        any torn tail; on failure cut the partial line again (best effort) and raise the
        ``OSError``."""
        assert self._fd is not None
        fd = self._fd
        if os.fstat(fd).st_size != self.end:
            os.ftruncate(fd, self.end)  # cut a torn line left by a killed writer
        try:
            write_all(fd, line, self.end)
            sync_file(fd, data_only=True)
        except OSError:
            # If this cut fails too, the partial line is a torn tail, which every reader
            # ignores and the next append cuts. The save error still propagates.
            with suppress(OSError):
                os.ftruncate(fd, self.end)
            raise
        self.end += len(line)
        self.seen = self.end

    @property
    def identity(self) -> tuple[int, int] | None:
        """(st_dev, st_ino) of the open journal, or ``None``."""
        return self._identity

    def is_same_file(self, st: os.stat_result) -> bool:
        """Whether ``st`` (a stat of :attr:`path`) is the file held open."""
        return (st.st_dev, st.st_ino) == self._identity

    def changed(self, st: os.stat_result | None) -> bool:
        """Whether the journal on disk (``st``, ``None`` if missing) differs from what was
        last read or written."""
        if st is None:
            return self._identity is not None  # a journal we never had is no change
        return not self.is_same_file(st) or st.st_size != self.seen

    def read_tail(self, size: int) -> Scan | None:
        """Scan what other processes appended, the file now being ``size`` bytes; ``None``
        when only a full reload can make sense of it (shrunk, or not open)."""
        if size < self.end or self._fd is None:
            return None
        return scan(os.pread(self._fd, size - self.end, self.end), with_header=False)

    def advance(self, result: Scan, size: int) -> None:
        """Take the lines of a :meth:`read_tail` result as read."""
        self.end += result.end
        self.seen = size
