"""Durable, owner-only file operations shared by the storage, its journal and its backups.

Every file Hallway writes holds what people typed about other people, so each one is created
mode 0600 and every folder Hallway creates is 0700. A file is replaced only by writing a temp
file in the same folder, fsyncing it, renaming it over the old one and fsyncing the folder:
after a crash at any instant the old or the new file is there, never a mix.

Durability is one decision, made here for every write (journal lines, snapshots, folder
entries): :func:`sync_file` uses the strongest primitive the platform has. On macOS plain
``fsync`` only hands the data to the drive, whose cache may still lose it in a power cut;
``fcntl(F_FULLFSYNC)`` asks the drive to write it to the platter (as SQLite's ``fullfsync``
and python-atomicwrites do). Elsewhere ``fdatasync`` skips the metadata a journal append
does not need, and plain ``fsync`` is the fallback everywhere (macOS has no ``fdatasync``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from hallway.store.errors import SaveError
from hallway.store.i18n import N_, _

FILE_MODE = 0o600
DIR_MODE = 0o700


def temp_name(target: Path) -> Path:
    """A unique temp path beside ``target`` (hidden, recognisable, per process)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")


def write_all(fd: int, data: bytes | memoryview, offset: int | None = None) -> None:
    """Write every byte of ``data`` (at ``offset``, or at the file position), retrying short
    writes, which the kernel allows even for regular files."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view) if offset is None else os.pwrite(fd, view, offset)
        view = view[written:]
        if offset is not None:
            offset += written


def sync_file(fd: int, *, data_only: bool = False) -> None:
    """Make everything written to ``fd`` durable with the strongest primitive the platform
    has: ``F_FULLFSYNC`` (macOS), else ``fdatasync`` when only the data matters (an append
    to a file whose size the journal's own checksums make safe to trust), else ``fsync``.

    Looked up at each call, so tests can stand in for another platform.
    """
    full_sync = getattr(fcntl, "F_FULLFSYNC", None)
    if full_sync is not None:
        try:
            fcntl.fcntl(fd, full_sync)
            return
        except OSError as exc:
            # Some file systems (network shares, FUSE) refuse F_FULLFSYNC; SQLite then falls
            # back to fsync too. Anything else is a real write error.
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.ENOTTY):
                raise
    if data_only and hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:
        os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        sync_file(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` durably and atomically (mode 0600).

    Raises the ``OSError`` that stopped it; ``target`` is then untouched and no temp file
    is left behind.
    """
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            write_all(fd, data)
            sync_file(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) as 0700; existing folders are left as they are,
    except that a folder this module created earlier keeps its 0700."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            # Another process created it between our check and our mkdir: fine.
            continue
        # mkdir's mode is filtered by the umask; set it exactly.
        os.chmod(path, DIR_MODE)


def tighten(path: Path, mode: int = FILE_MODE) -> None:
    """Remove group/other permissions from an existing file or folder of ours. A link is
    left alone: changing it would change the mode of whatever it points at."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        return
    current = st.st_mode & 0o777
    if current & 0o077:
        os.chmod(path, current & ~0o077 & (mode | 0o700))


def cannot_write_reason(exc: OSError) -> str:
    """Why writing failed, in plain words (completes "... could not be saved because")."""
    where = exc.filename or _("the database folder")
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full. Free some space and try again")
    if code == errno.EFBIG:
        return _(
            "the file would grow past the size this system allows. "
            "Free some space or raise the limit, and try again"
        )
    if code == errno.EROFS:
        return _("the folder is read-only ({where})").format(where=where)
    if code in (errno.EACCES, errno.EPERM):
        return _("Hallway is not allowed to write there ({where})").format(where=where)
    return _("the system said: {reason} ({where})").format(reason=exc.strerror or exc, where=where)


# What could not be saved, as the sentence of :func:`save_error` starts (whole sentences, so
# a translation can agree with each).
_NOT_SAVED = {
    "This change": N_(
        "This change could not be saved because {reason}. Everything saved before is safe."
    ),
    "The backup": N_(
        "The backup could not be saved because {reason}. Everything saved before is safe."
    ),
    "The new database": N_(
        "The new database could not be saved because {reason}. Everything saved before is safe."
    ),
    "The repaired database": N_(
        "The repaired database could not be saved because {reason}. Everything saved before "
        "is safe."
    ),
}


def save_error(exc: OSError, what: str = "This change") -> SaveError:
    """A plain-words :class:`SaveError` for an ``OSError`` met while saving (``what``: one
    of the subjects of :data:`_NOT_SAVED`)."""
    return SaveError(_(_NOT_SAVED[what]).format(reason=cannot_write_reason(exc)))
