"""The inter-process lock around every read-modify-write of the database.

An ``fcntl.flock`` on a separate lock file (so replacing the database never replaces the
lock), plus a thread lock, because flock does not exclude threads sharing one descriptor.
The lock is reentrant within one thread and held only for the length of a save or a load.

Every wait is bounded and can be made visible: :attr:`InterProcessLock.waiting` is told once
when a wait begins (the command line prints "Waiting for another Hallway…"), and the holder
writes its process id into the lock file so that messages can name it. The lock file is
never followed through a link and must be a plain file.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from hallway.store import i18n
from hallway.store.engine.location import special_kind
from hallway.store.errors import HallwayError, SaveError
from hallway.store.files import FILE_MODE
from hallway.store.i18n import N_, NP_, _, ngettext, pgettext
from hallway.store.text import visible

DEFAULT_TIMEOUT = 30.0
_PID_WIDTH = 12  # the holder's pid, padded, so that a rewrite never needs a truncate
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)


class LockBusy(SaveError):
    """The lock is held elsewhere and the caller asked not to wait for it."""


class LockFileUnusable(HallwayError):
    """The lock file is a link, a folder or another special file: Hallway will not use it."""


def unusable_lock_message(path: Path, what: str) -> str:
    """Why the lock file at ``path`` (which is ``what``) cannot be used, and what to do."""
    return _(
        "Hallway's lock file {path} is {what}, not a plain file, so Hallway will not use it "
        "(nothing was changed). Move it out of the way; Hallway makes a new lock file when it "
        "next opens the database."
    ).format(path=visible(str(path)), what=_(what))


def lock_file_problem(path: Path) -> str | None:
    """Why the lock file at ``path`` cannot be used (a link, a folder...), or ``None``."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return unusable_lock_message(path, N_("a link"))
    kind = special_kind(st.st_mode)
    return unusable_lock_message(path, kind) if kind else None


def lock_holder(fd: int) -> int | None:
    """The process id the current holder wrote into the lock file, if it is still running."""
    try:
        text = os.pread(fd, _PID_WIDTH + 1, 0).decode("ascii").strip()
        pid = int(text)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # another user's process: it exists
    return pid


# What Hallway could not do, completing the sentence "Hallway could not ...": callers mark
# theirs with NP_("Hallway could not ...", ...), and the messages translate it in that context, so a
# translation can put its words where its grammar wants them (German: "... nicht öffnen").
COULD_NOT = "Hallway could not ..."
SAVE_THIS_CHANGE = NP_("Hallway could not ...", "save this change")


def could_not(doing: str) -> str:
    """What Hallway could not do, in the current language (see :data:`COULD_NOT`)."""
    return pgettext(COULD_NOT, doing)


def seconds(amount: float) -> str:
    """'1 second', '0.2 seconds', '30 seconds' (German: '1 Sekunde', '0,2 Sekunden')."""
    number = f"{amount:g}"
    if i18n.current() == "de":
        number = number.replace(".", ",")
    return ngettext("{n} second", "{n} seconds", 1 if amount == 1 else 2).format(n=number)


def another_hallway(pid: int | None) -> str:
    """'another Hallway (process 1234)', or just 'another Hallway'."""
    if pid:
        return _("another Hallway (process {pid})").format(pid=pid)
    return _("another Hallway")


class InterProcessLock:
    """An exclusive, reentrant lock shared by every process opening the same database.

    If the lock file can neither be created nor opened for writing (a read-only folder), the
    lock is *unavailable*: :meth:`held` still works, so reading is possible, and
    :attr:`available` tells writers that saving cannot be made safe. :meth:`retry_open`
    tries again (the folder may have become writable since).
    """

    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout
        # Told once per wait, when another process holds the lock (a message to show).
        self.waiting: Callable[[str], None] | None = None
        self._thread_lock = threading.RLock()
        self._depth = 0
        self.open_error: OSError | None = None
        self._fd: int | None = None
        self._writable = False
        try:
            self._open_for_writing()
        except OSError as exc:
            if exc.errno not in _CANNOT_WRITE:
                raise self._unusable(exc) from exc
            self.open_error = exc
            # flock works on a read-only descriptor too, if the file already exists.
            try:
                self._fd = self._checked(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC))
            except OSError as second:
                if second.errno not in (errno.ENOENT, *_CANNOT_WRITE):
                    raise self._unusable(second) from second

    def _open_for_writing(self) -> None:
        fd = self._checked(
            os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
        )
        # Through the descriptor: a name could have been swapped for a link meanwhile.
        mode = os.fstat(fd).st_mode & 0o777
        if mode & 0o077:
            os.fchmod(fd, mode & 0o700)
        self._fd, self._writable = fd, True

    def _checked(self, fd: int) -> int:
        """``fd`` if it is a plain file; else close it and raise :class:`LockFileUnusable`."""
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            os.close(fd)
            raise LockFileUnusable(unusable_lock_message(self.path, kind))
        return fd

    def _unusable(self, exc: OSError) -> Exception:
        """The error for a lock file that cannot be opened for another reason than rights."""
        if exc.errno == errno.ELOOP:
            return LockFileUnusable(unusable_lock_message(self.path, N_("a link")))
        if exc.errno == errno.EISDIR:
            return LockFileUnusable(unusable_lock_message(self.path, "a folder"))
        return exc

    @property
    def available(self) -> bool:
        """Whether the lock file could be opened for writing (saving is possible)."""
        return self.open_error is None

    def retry_open(self) -> bool:
        """Try again to open the lock file for writing (the folder may have become
        writable, or the file creatable, since); True when the lock is now available."""
        if self.open_error is None:
            return True
        with self._thread_lock:
            if self._depth:
                return False  # never swap the descriptor under a holder
            try:
                old = self._fd
                self._open_for_writing()
            except OSError as exc:
                if exc.errno not in _CANNOT_WRITE:
                    raise self._unusable(exc) from exc
                self.open_error = exc
                return False
            if old is not None:
                os.close(old)
            self.open_error = None
            return True

    @contextmanager
    def held(self, doing: str = SAVE_THIS_CHANGE, *, wait: bool = True) -> Iterator[None]:
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
        told = False
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    raise self._busy_error(doing) from None
                if time.monotonic() >= deadline:
                    raise self._timeout_error(doing) from None
                if not told and self.waiting is not None and pause >= 0.05:
                    told = True  # after ~0.1 s: a real wait, not a save finishing
                    self.waiting(self._waiting_message())
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        if self._writable:
            # Name the holder for others' messages (one small write; no sync needed). Only
            # messages use it: if it cannot be written (a full disk), they name no process.
            with suppress(OSError):
                os.pwrite(self._fd, b"%-*d\n" % (_PID_WIDTH, os.getpid()), 0)

    def _holder(self) -> int | None:
        return lock_holder(self._fd) if self._fd is not None else None

    def _waiting_message(self) -> str:
        return _("Waiting for {who} to finish with the database (at most {seconds})…").format(
            who=another_hallway(self._holder()), seconds=seconds(self.timeout)
        )

    def _timeout_error(self, doing: str) -> SaveError:
        return SaveError(
            _(
                "Hallway could not {doing}: {who} has been using the database for more than "
                "{seconds}. If it is stopped (suspended with Ctrl-Z), bring it back with `fg` "
                "or end it; then try again. Everything saved before is safe."
            ).format(
                doing=could_not(doing),
                who=another_hallway(self._holder()),
                seconds=seconds(self.timeout),
            )
        )

    def _busy_error(self, doing: str) -> LockBusy:
        return LockBusy(
            _(
                "Hallway could not {doing} just now: another Hallway window or command is "
                "saving. It will try again in a moment; everything saved before is safe."
            ).format(doing=could_not(doing))
        )

    def close(self) -> None:
        """Close the lock file (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextmanager
def shared(
    path: Path, timeout: float, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock at ``path`` shared while reading, creating nothing (``hallway check``):
    waits at most ``timeout`` seconds, telling ``waiting`` once, then raises
    :class:`SaveError` saying why it gave up. No lock file: nothing to wait for."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                who = another_hallway(lock_holder(fd))
                if time.monotonic() >= deadline:
                    raise SaveError(
                        _(
                            "Hallway could not check the database: {who} has been changing it "
                            "for more than {seconds}, so no consistent copy could be read. If "
                            "it is stopped (suspended with Ctrl-Z), bring it back with `fg` or "
                            "end it; then run the check again."
                        ).format(who=who, seconds=seconds(timeout))
                    ) from None
                if not told and waiting is not None:
                    told = True
                    waiting(_("Waiting for {who} to finish with the database…").format(who=who))
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
