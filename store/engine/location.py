"""Where a database really is: one path for the snapshot, its journal, lock and backups.

A database is one plain file plus the files Hallway keeps beside it (``.journal``, ``.lock``,
``backups/``). Given a symbolic link, those would be made beside the *link* while the data
sits beside the target: two half-databases, and the first checkpoint would replace the link
by a regular file. So the path is resolved once, here, and everything is kept beside the
real file; the link itself is never touched and stays a link.

Anything that is not a plain file (a folder, a pipe, a device such as ``/dev/null``, a
socket) is refused up front with a message saying what it is: opening a pipe would block
forever while holding the lock.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.text import visible

_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a pipe (FIFO)")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
)


class NotADatabaseFile(HallwayError):
    """The path given for the database is not, and cannot become, a plain file."""


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is in words, when it is not a regular file (else ``None``)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else N_("not a plain file")


def locate(path: str | os.PathLike[str]) -> Path:
    """The real path of the database file given as ``path``: links resolved once (the
    journal, lock and backups live beside the real file), and anything that is not a plain
    file refused with :class:`NotADatabaseFile`. A missing file is fine (it is created)."""
    given = Path(path)
    if not str(path).strip():
        raise NotADatabaseFile(
            _("The database path is empty. Give the path of a file, e.g. --db ~/hallway.json.")
        )
    shown = visible(str(given))
    if given.is_symlink():
        real = Path(os.path.realpath(given))
        if not real.exists():
            raise NotADatabaseFile(
                _(
                    "{path} is a link to {target}, which does not exist. Hallway does not "
                    "create a database through a link; give the real file's path, or put the "
                    "file back where the link points."
                ).format(path=shown, target=visible(str(real)))
            )
        given = real
    try:
        st = os.stat(given)
    except FileNotFoundError:
        return given
    except OSError as exc:
        raise NotADatabaseFile(
            _("Hallway cannot look at {path}: {reason}.").format(
                path=shown, reason=exc.strerror or exc
            )
        ) from exc
    kind = special_kind(st.st_mode)
    if kind is None:
        return given
    if kind == "a folder":
        hint = _(" To keep the database in that folder, give a file inside it, e.g. {path}.")
        hint = hint.format(path=visible(str(given / "hallway.json")))
    else:
        hint = _(" Give the path of a plain file (it is created if it does not exist).")
    raise NotADatabaseFile(
        _("{path} is {kind}, not a file: Hallway keeps its database in a plain file.").format(
            path=shown, kind=_(kind)
        )
        + hint
    )
