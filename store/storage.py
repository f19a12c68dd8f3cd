"""TEMPORARY minimal storage (to be replaced by the durable journaled storage).

Interface contract used by :mod:`store.db` -- keep it when replacing this file.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

SCHEMA = 1
META = "_meta"


class DurableStorage(Storage):
    """TinyDB storage; writes only inside :meth:`transaction`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.notices: list[str] = []
        self.reloads = 0
        self._dirty: set[tuple[str, str]] = set()
        self._in_tx = False
        self._stat: tuple[int, int] | None = None
        self._lock_fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        with self._locked():
            if not self.path.exists():
                self._data: dict[str, dict[str, Any]] = {}
                self.database_id = str(uuid.uuid4())
                self._write_all()
            else:
                self._load()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _load(self) -> None:
        raw = orjson.loads(self.path.read_bytes())
        meta = raw.pop(META)["1"]
        self.database_id = meta["database_id"]
        self._data = raw
        self._stat = self._current_stat()
        self.reloads += 1

    def _current_stat(self) -> tuple[int, int]:
        st = os.stat(self.path)
        return (st.st_ino, st.st_mtime_ns)

    def _write_all(self) -> None:
        out = dict(self._data)
        out[META] = {"1": {"schema": SCHEMA, "database_id": self.database_id}}
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(orjson.dumps(out))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        self._stat = self._current_stat()

    def read(self) -> dict[str, dict[str, Any]]:
        """The in-memory tables (TinyDB's view of the database)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Accept TinyDB's updated tables; persisted when the transaction commits."""
        if not self._in_tx:
            raise RuntimeError("writes must happen inside DurableStorage.transaction()")
        self._data = data

    def mark_dirty(self, table: str, doc_id: str) -> None:
        """Tell the storage which document the current transaction changed."""
        self._dirty.add((table, doc_id))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, catch up with other processes, run the changes, save durably."""
        with self._locked():
            if self.changed_on_disk():
                self._load()
            self._in_tx = True
            try:
                yield
                self._write_all()
            except BaseException:
                self._load()
                raise
            finally:
                self._in_tx = False
                self._dirty.clear()

    def changed_on_disk(self) -> bool:
        """Whether another process saved since this one last read or wrote."""
        try:
            return self._current_stat() != self._stat
        except FileNotFoundError:
            return True

    def reload(self) -> None:
        """Replace the in-memory state with what is on disk."""
        with self._locked():
            self._load()

    def close(self) -> None:
        """Release the lock file."""
        os.close(self._lock_fd)
