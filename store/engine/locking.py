"""The inter-process lock around every read-modify-write of the database.

An ``fcntl.flock`` on a separate lock file (so replacing the database never replaces the
lock), plus a thread lock, because flock does not exclude threads sharing one descriptor.
The lock is reentrant within one thread and held only for the length of a save or a load.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hallway.store.errors import SaveError
from hallway.store.files import FILE_MODE, tighten

DEFAULT_TIMEOUT = 30.0


class LockBusy(SaveError):
    """The lock is held elsewhere and the caller asked not to wait for it."""


class InterProcessLock:
    """An exclusive, reentrant lock shared by every process opening the same database.

    If the lock file can neither be created nor opened (a read-only folder), the lock is
    *unavailable*: :meth:`held` still works, so reading is possible, and :attr:`available`
    tells writers that saving cannot be made safe.
    """

    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self.open_error: OSError | None = None
        self._fd: int | None = None
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
            tighten(path)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
            self.open_error = exc
            # flock works on a read-only descriptor too, if the file already exists.
            try:
                self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError as second:
                if second.errno not in (errno.ENOENT, errno.EACCES, errno.EPERM):
                    raise

    @property
    def available(self) -> bool:
        """Whether the lock file could be opened for writing (saving is possible)."""
        return self.open_error is None

    @contextmanager
    def held(self, doing: str = "save this change", *, wait: bool = True) -> Iterator[None]:
        """Hold the lock; after :attr:`timeout` seconds of waiting raise :class:`SaveError`.

        With ``wait=False`` raise :class:`LockBusy` at once if another thread or process
        holds it (a UI thread must never wait). ``doing`` completes the sentence "Hallway
        could not ..." in the messages.
        """
        acquired = (
            self._thread_lock.acquire(timeout=self.timeout)
            if wait
            else self._thread_lock.acquire(blocking=False)
        )
        if not acquired:
            raise self._timeout_error(doing) if wait else self._busy_error(doing)
        try:
            if self._depth == 0 and self._fd is not None:
                self._acquire_file_lock(doing, wait=wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def _acquire_file_lock(self, doing: str, *, wait: bool) -> None:
        assert self._fd is not None
        deadline = time.monotonic() + self.timeout
        # flock has no timeout of its own; poll with a short, growing pause (another
        # writer holds the lock for milliseconds, so the first retries almost always win).
        pause = 0.0005
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if not wait:
                    raise self._busy_error(doing) from None
                if time.monotonic() >= deadline:
                    raise self._timeout_error(doing) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)

    def _timeout_error(self, doing: str) -> SaveError:
        return SaveError(
            f"Hallway could not {doing}: another Hallway window or command has been using the "
            f"database for more than {self.timeout:g} seconds. Try again in a moment; "
            "everything saved before is safe."
        )

    def _busy_error(self, doing: str) -> LockBusy:
        return LockBusy(
            f"Hallway could not {doing} just now: another Hallway window or command is saving. "
            "It will try again in a moment; everything saved before is safe."
        )

    def close(self) -> None:
        """Close the lock file (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
