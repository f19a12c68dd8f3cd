"""Crash-safe, fast, multi-process TinyDB storage: a snapshot, a journal, and backups.

* ``hallway.json`` -- the snapshot, a plain TinyDB JSON file with a ``_meta`` table and one
  table per line, each parsed only when first used (see :mod:`.snapshot` and
  :mod:`.tables`), so opening 10,000 people costs about what opening 10 does.
* ``hallway.json.journal`` -- one fsynced, checksummed line per save since the snapshot
  (see :mod:`.journal`). A save costs one small append, whatever the database size.
* ``hallway.json.lock`` -- the inter-process lock (see :mod:`.locking`).
* ``backups/`` -- the previous snapshots and journals (see :mod:`.backups`).

A *checkpoint* folds the journal into the next snapshot generation (see :mod:`.checkpoint`):
when the journal grows past ``max(1 MiB, snapshot / 2)``, on a background thread so that no
save waits for it; and whenever a Hallway process closes the database, so that whenever no
Hallway process runs the TinyDB file alone holds every record and the journal is empty (the
first open after a crash folds what the crash left in the journal). Opening reads the
snapshot and replays the journal; catching up with another process replays only the
journal's new tail unless that process checkpointed (see :mod:`.loading`).
Damaged files are set aside and rebuilt from backups (see :mod:`.recovery`), and
:attr:`DurableStorage.notices` says so.
"""

from __future__ import annotations

import errno
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from hallway.store.engine import checkpoint
from hallway.store.engine.backups import (
    backup_dir,
    keep_copy,
    keep_previous,
    list_backups,
    rotate,
)
from hallway.store.engine.checkpoint import Carried, CheckpointAbandoned, Fold
from hallway.store.engine.journal import entry_line
from hallway.store.engine.journal_file import JournalFile, PreparedJournal
from hallway.store.engine.loading import (
    Loaded,
    Restore,
    Signature,
    changed_on_disk,
    load_database,
    new_saves,
    restore_from_backups,
    signature,
)
from hallway.store.engine.location import locate
from hallway.store.engine.locking import DEFAULT_TIMEOUT, InterProcessLock, LockBusy
from hallway.store.engine.recovery import (
    checkpoint_notice,
    make_files_private,
    remove_leftover_temps,
)
from hallway.store.engine.snapshot import encode_snapshot
from hallway.store.engine.tables import Doc, TableSet
from hallway.store.errors import HallwayError, SaveError
from hallway.store.files import (
    cannot_write_reason,
    fsync_dir,
    make_private_dir,
    save_error,
    write_atomic,
)
from hallway.store.i18n import NP_, _

__all__ = ["DurableStorage", "FrozenTables"]

MIN_JOURNAL_LIMIT = 1 << 20
JOURNAL_LIMIT_ENV = "HALLWAY_JOURNAL_LIMIT"  # bytes; lets tests force frequent checkpoints
LOCK_TIMEOUT_ENV = "HALLWAY_LOCK_TIMEOUT"  # seconds; the longest wait for another Hallway
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)
SAVE_GOES_FIRST_FOR = 0.05  # seconds a background checkpoint waits for a save, at most


def default_lock_timeout() -> float:
    """How long to wait for another Hallway: ``HALLWAY_LOCK_TIMEOUT``, else 30 seconds."""
    chosen = os.environ.get(LOCK_TIMEOUT_ENV)
    return float(chosen) if chosen else DEFAULT_TIMEOUT


class DurableStorage(Storage):
    """TinyDB storage whose saves are durable, atomic, fast and shared safely between
    processes. Changes are accepted only inside :meth:`transaction`.

    ``path`` is resolved once (a link's target holds the database, see :mod:`.location`).
    Every wait for another process's lock is bounded by ``lock_timeout`` seconds and told to
    ``waiting`` when it begins. Where nothing can be written (a read-only folder, a journal
    that cannot be written), the database opens for reading and :attr:`cannot_save` says
    why; each save tries again, so saving works as soon as writing does.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        journal_limit: int | None = None,
        lock_timeout: float | None = None,
        waiting: Callable[[str], None] | None = None,
        device_id: str = "",
        groups: Mapping[str, str] | None = None,
    ) -> None:
        self.path = locate(path)
        # Per table, the field its documents are grouped by in the snapshot (see .tables);
        # None: as the file has it.
        self._groups = dict(groups) if groups is not None else None
        self.device_id = device_id  # named in every snapshot this storage writes
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.notices: list[str] = []
        self.database_id = ""
        self.generation = 0
        self.reloads = 0
        self.checkpoint_error: str | None = None  # why the last checkpoint failed, if it did
        env_limit = os.environ.get(JOURNAL_LIMIT_ENV)
        self._limit = journal_limit or (int(env_limit) if env_limit else None)
        self._retry_checkpoint_at = 0
        self._fresh_journal_id = ""  # the id the current snapshot gives its journal
        self._checkpointer: threading.Thread | None = None
        # Clear while a transaction of this process runs: a background checkpoint's encoding
        # waits for it between chunks (see _let_saves_go_first).
        self._no_save_running = threading.Event()
        self._no_save_running.set()
        self._saves_running = 0
        self._saves_counting = threading.Lock()
        self._opened = self._closed = False
        self._tables = TableSet()
        self._dirty: set[tuple[str, str]] = set()
        self._wrote = False
        self._new_identity = False  # adopt_database_id was called in this transaction
        self._in_tx = False
        self._snap_sig: Signature | None = None
        self._snap_size = 0
        self._journal = JournalFile(self.journal_path)
        self._journal_error: OSError | None = None  # why the journal cannot be written
        try:
            make_private_dir(self.path.parent)
        except OSError as exc:
            raise HallwayError(
                f"Hallway cannot create the folder for its database ({exc.strerror}: "
                f"{self.path.parent})."
            ) from exc
        timeout = default_lock_timeout() if lock_timeout is None else lock_timeout
        self._lock = InterProcessLock(self.path.with_name(self.path.name + ".lock"), timeout)
        self._lock.waiting = waiting
        try:
            with self._lock.held(NP_("Hallway could not ...", "open the database")):
                self._open()
        except BaseException:
            self._release()
            raise
        self._opened = True

    # -- TinyDB's storage interface ----------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]]:
        """Every table, parsed (the live object: TinyDB changes it in place). Prefer
        :meth:`table` and :meth:`get_doc`, which parse only what they need."""
        return self._tables.all()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Accept TinyDB's updated tables; they are saved when the transaction commits."""
        self._require_transaction()
        self._tables.replace(data)
        self._wrote = True

    # -- documents, one table at a time ------------------------------------------------

    def table(self, name: str) -> dict[str, Doc]:
        """One table's documents by id, parsed on first use (read only: change documents
        with :meth:`put_doc`)."""
        return self._tables.table(name)

    def get_doc(self, table: str, doc_id: str) -> Doc | None:
        """One document, or ``None`` (a document saved since opening needs no parse)."""
        return self._tables.get(table, doc_id)

    def unparsed_tables(self) -> list[str]:
        """Names of the tables still held as snapshot bytes, no part of them parsed yet."""
        return self._tables.unparsed()

    def held_parts(self, table: str) -> list[str]:
        """The groups of ``table`` still held as bytes, by key (for tests and tools)."""
        return self._tables.held(table)

    def docs_where(self, table: str, field: str, value: Any) -> dict[str, Doc]:
        """The documents of ``table`` whose ``field`` is ``value`` (read only), parsing only
        their group when the table is grouped by that field (see :mod:`.tables`)."""
        return self._tables.where(table, field, value)

    def batches(self, table: str) -> Iterator[dict[str, Doc]]:
        """Every document of ``table`` (read only), a part at a time; here the parts stay
        parsed (see :meth:`FrozenTables.batches`, which lets them go)."""
        yield self.table(table)

    def put_doc(self, table: str, doc_id: str, doc: Doc | None) -> None:
        """Set one document (``None`` removes it) and mark it changed, inside a transaction.

        O(1): TinyDB's own table updates rebuild the whole table dict on every call, which
        alone would cost ~15 ms per save at 10,000 people.
        """
        self._require_transaction()
        self._tables.put(table, doc_id, doc)
        self._dirty.add((table, doc_id))

    def largest_id(self, table: str) -> int:
        """The largest id ``table`` has ever held, here or in another process (0: none)."""
        return self._tables.peek_id(table) - 1

    def new_id(self, table: str) -> int:
        """An id for a new document of ``table``, inside a transaction: above every id the
        table has held, here or in any other process (no parse needed)."""
        self._require_transaction()
        return self._tables.take_id(table)

    def adopt_database_id(self, database_id: str) -> None:
        """Take another database's id (a JSON import restoring an export), inside a
        transaction; it is saved, with the transaction, by a checkpoint."""
        self._require_transaction()
        if not database_id:
            raise ValueError("a database id cannot be empty")
        if database_id != self.database_id:
            self.database_id = database_id
            self._new_identity = True

    def _require_transaction(self) -> None:
        if not self._in_tx:
            raise RuntimeError("writes must happen inside DurableStorage.transaction()")

    def mark_dirty(self, table: str, doc_id: str) -> None:
        """Say which document the current transaction changed (only those are saved); its
        id counts as used from now on, even if the document is removed again."""
        self._tables.note_used(table, doc_id)
        self._dirty.add((table, doc_id))

    def close(self) -> None:
        """Fold the journal into the snapshot (so the TinyDB file alone holds every record),
        then close the journal and the lock. Idempotent; every save was durable already, so
        a fold that fails loses nothing: it is told in :attr:`notices` and the next open
        folds."""
        if self._closed:
            return
        self._closed = True
        if self._checkpointer is not None:
            self._checkpointer.join()
        try:
            if self._opened and self._writable:
                self._fold_on_close()
        finally:
            self._release()

    def abandon(self) -> None:
        """Let go of the files without folding, leaving them as a crash would (for tests
        and tools that need a journal with saves in it at rest)."""
        self._closed = True
        if self._checkpointer is not None:
            self._checkpointer.join()
        self._release()

    def _fold_on_close(self) -> None:
        try:
            doing = NP_("Hallway could not ...", "tidy the save journal before closing")
            with self._lock.held(doing):
                self._catch_up()
                if self._journal.entries_size or not self._journal.is_open:
                    self._checkpoint()
        except Exception as exc:  # any failure: told, and the saves are safe
            self._checkpoint_failed(exc)

    def _release(self) -> None:
        self._journal.close()
        self._lock.close()

    def frozen_copy(self, names: tuple[str, ...]) -> FrozenTables:
        """A read-only copy of these tables as they are now, for a reader on another thread.

        Nothing is parsed for it: parts still held as bytes are shared, and parsed in the
        copy when it reads them; of the rest only each table's top level is copied (stored
        documents are replaced on save, never changed in place), so the copy stays
        consistent while this storage goes on saving.
        """
        return FrozenTables(self._tables.frozen_copy(names), self.database_id)

    def pack(self) -> int:
        """Keep the snapshot bytes nothing has parsed yet compressed in memory (any thread;
        see :meth:`TableSet.pack <.tables.TableSet.pack>`); how many bytes that saved."""
        return self._tables.pack()

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock; catch up with other processes' saves; run the body; on success save the
        changed documents as one durable journal line before returning. On any exception
        memory is restored to what is on disk and the exception is raised again."""
        if not self._writable and not self._in_tx:
            self._try_to_write_again()
        with self._save_running(), self._lock.held():
            if self._in_tx:  # the store nests transactions itself; join the outer one
                yield
                return
            self._catch_up()
            self._in_tx, self._wrote, self._new_identity = True, False, False
            self._dirty.clear()
            try:
                yield
                self._commit()
            except BaseException:
                if self._dirty or self._wrote or self._new_identity:
                    self._full_reload()
                raise
            finally:
                self._in_tx = self._new_identity = False
                self._dirty.clear()

    @contextmanager
    def _save_running(self) -> Iterator[None]:
        """Mark a transaction of this process as running, from before it takes the lock
        (which is a system call too) until it is done; transactions of several threads or
        nested ones count, and a background checkpoint's encoding waits until none runs
        (see :meth:`_let_saves_go_first`)."""
        with self._saves_counting:
            self._saves_running += 1
            self._no_save_running.clear()
        try:
            yield
        finally:
            with self._saves_counting:
                self._saves_running -= 1
                if not self._saves_running:
                    self._no_save_running.set()

    def changed_on_disk(self) -> bool:
        """Whether another process saved since this one last read or wrote (two stats)."""
        return changed_on_disk(self.path, self._journal, self._snap_sig)

    def reload(self, *, wait: bool = True) -> bool:
        """Bring memory up to date with the disk (replaying only new journal lines when
        the snapshot is unchanged); True when done. With ``wait=False`` nothing is loaded
        and False is returned at once if another process holds the lock: a UI thread
        polling for changes tries again on its next tick instead of freezing."""
        try:
            doing = NP_("Hallway could not ...", "load the latest changes")
            with self._lock.held(doing, wait=wait):
                self._catch_up()
        except LockBusy:
            return False
        return True

    def take_notices(self) -> list[str]:
        """The notices gathered since the last call, each handed out once: recoveries done
        while reloading, and a failed checkpoint (the disk is full, say)."""
        taken, self.notices = self.notices, []
        return taken

    def backup_now(self) -> Path:
        """Checkpoint, then keep a full copy of the current state in the backups folder and
        return its path: call it before a change that replaces everything (an import), so
        what was there before is one readable file. Raises :class:`SaveError` if it can't."""
        with self._lock.held(NP_("Hallway could not ...", "keep a backup")):
            if self._dirty or self._wrote:
                raise RuntimeError("backup_now() must come before the transaction's changes")
            if not self._in_tx:
                self._catch_up()
            if self._write_error is not None:
                raise save_error(self._write_error, "The backup")
            try:
                self._checkpoint()
                keep_copy(self.path, self.path.read_bytes(), self.generation)
            except OSError as exc:
                raise save_error(exc, "The backup") from exc
            kept = [b for b in list_backups(self.path) if b.generation == self.generation]
            return kept[0].snapshot

    def _commit(self) -> None:
        if not (self._dirty or self._wrote or self._new_identity):
            return
        if self._write_error is not None:
            raise save_error(self._write_error)
        try:
            if self._wrote or self._new_identity or not self._dirty or not self._journal.is_open:
                # TinyDB was written to without saying which documents changed, the identity
                # changed (it lives in the snapshot), or there is no journal to append to
                # (the journal on disk holds saves only this process has folded so far):
                # save everything as the next snapshot. Its rename is the commit point:
                # before it nothing changed, after it everything did.
                self._checkpoint()
                return
            changes = [(t, i, self._tables.get(t, i)) for t, i in sorted(self._dirty)]
            try:
                line = entry_line(self.generation, changes)
            except (TypeError, ValueError) as exc:
                raise SaveError(
                    f"This change could not be saved because it holds data that cannot be "
                    f"stored ({exc}). Everything saved before is safe."
                ) from exc
            self._journal.append(line)
        except (TypeError, ValueError) as exc:
            raise SaveError(
                f"This change could not be saved because it holds data that cannot be stored "
                f"({exc}). Everything saved before is safe."
            ) from exc
        except OSError as exc:
            raise save_error(exc) from exc
        if self.checkpoint_due():
            self._start_background_checkpoint()

    def _journal_limit(self) -> int:
        return self._limit or max(MIN_JOURNAL_LIMIT, self._snap_size // 2)

    def checkpoint_due(self) -> bool:
        """Whether the journal has grown enough to be folded into the snapshot."""
        limit = max(self._journal_limit(), self._retry_checkpoint_at)
        return self._journal.is_open and self._journal.entries_size > limit

    def settle(self) -> None:
        """Wait for a background checkpoint, if one is running (for tests and tools)."""
        if self._checkpointer is not None:
            self._checkpointer.join()

    def _start_background_checkpoint(self) -> None:
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return
        self._checkpointer = threading.Thread(
            target=self._background_checkpoint, name="hallway-checkpoint", daemon=True
        )
        self._checkpointer.start()

    def _background_checkpoint(self) -> None:
        """Fold the journal on this thread, holding the lock only to copy and to switch: a
        save (here or in another process) never waits for the snapshot or the next journal
        to be written, nor for the backups' folder to be synced."""
        try:
            with self._lock.held(NP_("Hallway could not ...", "tidy the save journal")):
                if self._closed or not self.checkpoint_due():
                    return
                fold = self._begin_fold(sync=False)
            backups = backup_dir(self.path)
            if backups.is_dir():
                fsync_dir(backups)  # the links just made, before the switch can need them
            fold.pause = self._let_saves_go_first
            with checkpoint.brief_gil_slices():
                tmp, size = checkpoint.write_snapshot(fold, self.path)
                fold.pause()  # (reading the lines ahead holds the interpreter too)
                ahead, prepared = self._prepare_journal(fold, tmp)
            try:
                with self._lock.held(NP_("Hallway could not ...", "tidy the save journal")):
                    if self._closed:
                        raise CheckpointAbandoned("the database was closed meanwhile")
                    switched = self._finish_fold(fold, tmp, size, ahead, prepared)
            except BaseException:  # (once renamed into place, neither name is there)
                tmp.unlink(missing_ok=True)
                prepared.path.unlink(missing_ok=True)
                raise
            if switched:
                self._rotate_backups()
        except CheckpointAbandoned:
            return  # someone else's checkpoint holds everything; nothing to tell
        except Exception as exc:  # any failure: told, and the saves are safe
            self._checkpoint_failed(exc)

    def _let_saves_go_first(self) -> None:
        """Between chunks of a background checkpoint's encoding: wait while a save of this
        process runs (at most :data:`SAVE_GOES_FIRST_FOR` seconds a time, so that saves
        back to back still let the checkpoint finish). The save then never waits for the
        interpreter's lock after its writes and syncs."""
        self._no_save_running.wait(SAVE_GOES_FIRST_FOR)

    def _checkpoint_failed(self, exc: Exception) -> None:
        """A checkpoint failed (any reason): every save is still safe in the journal.
        Tell the user once per run of failures and retry after some more saves."""
        if self.checkpoint_error is None:
            self.notices.append(checkpoint_notice(exc, self.path))
        self.checkpoint_error = str(exc)
        self._retry_checkpoint_at = self._journal.entries_size + self._journal_limit() // 2

    def _checkpoint(self) -> None:
        """Fold everything into the next snapshot now, on this thread (lock held)."""
        with self._lock.held(NP_("Hallway could not ...", "tidy the save journal")):
            fold = self._begin_fold()
            tmp, size = checkpoint.write_snapshot(fold, self.path)
            ahead, prepared = self._prepare_journal(fold, tmp)
            switched = self._finish_fold(fold, tmp, size, ahead, prepared)
        if switched:
            self._rotate_backups()

    def _begin_fold(self, *, sync: bool = True) -> Fold:
        """Copy what a checkpoint folds, and keep the outgoing snapshot and its journal in
        the backups by hard link now (cheap, and the link to the journal sees every line
        appended to it until the switch); without ``sync`` the caller syncs the backups'
        folder (after letting go of the lock)."""
        fold = checkpoint.begin(
            self._tables,
            self.database_id,
            self.generation,
            self._snap_sig,
            self._journal,
            self.device_id,
        )
        if self.path.exists():
            journal = self.journal_path if self._journal.is_open else None
            keep_previous(self.path, journal, self.generation, sync=sync)
        return fold

    def _rotate_backups(self) -> None:
        """Drop backups outside the rotation (after a switch, without holding the lock)."""
        try:
            rotate(self.path)
        except OSError as exc:
            self._checkpoint_failed(exc)

    def _prepare_journal(self, fold: Fold, tmp: Path) -> tuple[Carried, PreparedJournal]:
        """Write the journal that will continue the snapshot written at ``tmp``, holding the
        lines saved since the copy so far, under a temp name, synced (no lock needed: the
        switch then has only the lines saved since to add). On failure ``tmp`` goes too."""
        try:
            ahead = checkpoint.carry_ahead(fold, self.path)
            prepared = self._journal.prepare(
                fold.generation + 1, fold.database_id, fold.next_journal_id, ahead.lines
            )
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return ahead, prepared

    def _finish_fold(
        self, fold: Fold, tmp: Path, size: int, ahead: Carried, prepared: PreparedJournal
    ) -> bool:
        """Switch to the snapshot written at ``tmp`` (lock held): add the lines saved since
        ``ahead`` to the next journal ``prepared`` (none, most often: then nothing is written
        or synced), rename the snapshot into place (the commit point), then the journal.
        Raises before the commit point (nothing changed then); after it, a failure only
        leaves the journal to be folded again before the next save. True once the new
        snapshot is in place."""
        try:
            file_end = self._check_unchanged(fold)
            rest, applied, kept = checkpoint.carried_lines(fold, self._journal, file_end, ahead)
            if not kept:  # the bytes read ahead changed since (rare): write it all again
                prepared.path.unlink(missing_ok=True)
                prepared = self._journal.prepare(
                    fold.generation + 1, fold.database_id, fold.next_journal_id, rest
                )
            elif rest:
                prepared = self._journal.extend(prepared, rest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            prepared.path.unlink(missing_ok=True)
            raise
        try:
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            prepared.path.unlink(missing_ok=True)
            raise
        # Committed: the new snapshot is in place.
        self.generation = fold.generation + 1
        self._fresh_journal_id = fold.next_journal_id
        self._remember_snapshot(size)
        try:
            fsync_dir(self.path.parent)  # the snapshot's rename before the journal's
            self._journal.install(prepared)
            self._journal.end = self._journal.seen = prepared.start + applied
            fsync_dir(self.path.parent)
        except OSError as exc:
            # Saves go on into the old journal (if it is still open): the new snapshot names
            # the part of it that it holds, so opening replays the rest. With no journal
            # open, the next save folds everything first.
            prepared.path.unlink(missing_ok=True)
            self._checkpoint_failed(exc)
            return True
        self.checkpoint_error, self._retry_checkpoint_at = None, 0
        return True

    def _check_unchanged(self, fold: Fold) -> int:
        """The journal's size now, after checking that neither file was replaced since the
        fold began (by another process's checkpoint, say): else :class:`CheckpointAbandoned`."""
        if self.generation != fold.generation or self._snap_sig != fold.snapshot:
            raise CheckpointAbandoned("the database was reloaded meanwhile")
        try:
            if signature(os.stat(self.path)) != fold.snapshot:
                raise CheckpointAbandoned("another process changed the database file")
            if not self._journal.is_open:
                return 0
            st = os.stat(self.journal_path)
        except FileNotFoundError as exc:
            raise CheckpointAbandoned("a file of the database vanished") from exc
        if not self._journal.is_same_file(st) or self._journal.journal_id != fold.journal_id:
            raise CheckpointAbandoned("another process replaced the journal")
        return st.st_size

    # -- loading -----------------------------------------------------------------------

    # -- writing possible or not ------------------------------------------------------------

    @property
    def _write_error(self) -> OSError | None:
        """Why nothing can be saved now (``None``: saving is possible)."""
        return self._lock.open_error or self._journal_error

    @property
    def _writable(self) -> bool:
        return self._write_error is None

    @property
    def cannot_save(self) -> str | None:
        """Why nothing can be saved now, in words ("the folder is read-only (...)"), or
        ``None`` when saving is possible."""
        error = self._write_error
        return None if error is None else cannot_write_reason(error)

    @property
    def lock_timeout(self) -> float:
        """The longest wait, in seconds, for another process holding the lock."""
        return self._lock.timeout

    @lock_timeout.setter
    def lock_timeout(self, seconds: float) -> None:
        self._lock.timeout = seconds

    @property
    def waiting(self) -> Callable[[str], None] | None:
        """Told once when a wait for another process begins (a message to show)."""
        return self._lock.waiting

    @waiting.setter
    def waiting(self, tell: Callable[[str], None] | None) -> None:
        self._lock.waiting = tell

    def _try_to_write_again(self) -> None:
        """The last attempt found nothing writable: try again for real (the folder may have
        become writable), reloading with a writable journal if it now can."""
        if not self._lock.retry_open():
            return
        with self._lock.held(NP_("Hallway could not ...", "open the database for saving")):
            if self._writable and self._journal.is_open and self._journal.writable:
                return
            self._journal_error = None
            remove_leftover_temps(self.path)
            self._full_reload()

    def _open_journal(self, start: int, end: int, seen: int, journal_id: str) -> None:
        """Open the kept journal for appending, or for reading only when it cannot be written
        (an immutable or read-only file): reading never needs write access."""
        if self._lock.available:
            try:
                self._journal.open(start, end, seen, journal_id=journal_id)
                self._journal_error = None
                return
            except OSError as exc:
                if exc.errno not in _CANNOT_WRITE:
                    raise
                self._journal_error = exc
        self._journal.open(start, end, seen, journal_id=journal_id, writable=False)

    def _open(self) -> None:
        if self._lock.available:
            remove_leftover_temps(self.path)
        self._load(first=True)
        if self._writable:
            extra = [self.journal_path, self._lock.path]
            if make_files_private(self.path, extra):
                self.notices.append(
                    _(
                        "Some of Hallway's files could be read by other users of this computer; "
                        "they are now private to you."
                    )
                )

    def _catch_up(self) -> None:
        """Apply other processes' saves: the journal's new tail, or a full reload."""
        tail = new_saves(self.path, self._journal, self._snap_sig, self.generation)
        if tail is None:
            self._full_reload()
            return
        result, size = tail
        for _gen, changes in result.entries:
            self._tables.apply(changes)
        self._journal.advance(result, size)
        if result.entries:
            self.reloads += 1

    def _full_reload(self) -> None:
        self._load(first=False)
        self.reloads += 1

    def _load(self, *, first: bool) -> None:
        """Read snapshot + journal (under the lock), repairing whatever is damaged."""
        found = load_database(
            self.path, self.journal_path, writable=self._lock.available, notices=self.notices
        )
        if isinstance(found, Restore):
            notice = restore_from_backups(self.path, self.journal_path, found, self._write_state)
            self.notices.append(notice)
        elif found is not None:
            self._take(found, first=first)
        elif first:
            self._create()
        else:
            self._rewrite_vanished()

    def _take(self, loaded: Loaded, *, first: bool) -> None:
        """Make a loaded snapshot and journal the current state; fold what must be (or, on
        first opening, what a crash left in the journal)."""
        self._tables, self.database_id = self._grouped(loaded.tables), loaded.database_id
        self.generation = loaded.generation
        self._fresh_journal_id = loaded.journal_id or uuid.uuid4().hex
        self._remember_snapshot(loaded.snapshot_size)
        if loaded.journal is not None:
            start, end, seen = loaded.journal
            self._open_journal(start, end, seen, loaded.kept_journal_id)
        elif self._lock.available and not loaded.needs_checkpoint:
            self._journal_error = None
            self._new_journal()  # missing or stale
        else:
            self._journal.close()
        if self._writable and (loaded.needs_checkpoint or (first and loaded.unfolded)):
            try:
                self._checkpoint()
            except Exception as exc:
                # Nothing is lost: the journal still holds it all; saves go on into it, or,
                # with no journal open, fold everything first (or fail, saying why).
                self._checkpoint_failed(exc)

    def _create(self) -> None:
        try:
            self._write_state(TableSet(), str(uuid.uuid4()), 1)
        except OSError as exc:
            raise save_error(exc, "The new database") from exc

    def _rewrite_vanished(self) -> None:
        """Every file vanished while open: write back what this process holds."""
        self.generation += 1
        self._write_with_copy()
        self.notices.append(
            _(
                "Hallway's database file {path} disappeared while Hallway was open; it was "
                "written again from what Hallway had loaded."
            ).format(path=self.path)
        )

    # -- file bookkeeping --------------------------------------------------------------

    def _write_state(self, tables: TableSet, database_id: str, generation: int) -> None:
        """Take a new or restored state and write it with :meth:`_write_with_copy`."""
        self._tables, self.database_id = self._grouped(tables), database_id
        self.generation = generation
        self._write_with_copy()

    def _write_with_copy(self) -> None:
        """Write the snapshot of a new, restored or rewritten database, a real backup copy
        of it (so the backup chain exists from its first save) and a fresh journal."""
        self._fresh_journal_id = uuid.uuid4().hex
        data = encode_snapshot(
            self._tables,
            self.database_id,
            self.generation,
            self._fresh_journal_id,
            device_id=self.device_id,
        )
        write_atomic(self.path, data)
        keep_copy(self.path, data, self.generation)
        self._remember_snapshot(len(data))
        self._new_journal()

    def _grouped(self, tables: TableSet) -> TableSet:
        """``tables``, to be written grouped as this storage was told (else as read)."""
        if self._groups is not None:
            tables.groups = dict(self._groups)
        return tables

    def _remember_snapshot(self, size: int) -> None:
        self._snap_sig = signature(os.stat(self.path))
        self._snap_size = size

    def _new_journal(self) -> None:
        self._journal.create(self.generation, self.database_id, self._fresh_journal_id)


class FrozenTables:
    """A read-only copy of some tables of a :class:`DurableStorage` (see
    :meth:`DurableStorage.frozen_copy`): just what reading needs, no file and no lock."""

    def __init__(self, tables: TableSet | dict[str, dict[str, Doc]], database_id: str) -> None:
        # (Plain tables too: a tool or test may read tables it holds as if from a database.)
        self._tables = tables if isinstance(tables, TableSet) else TableSet(tables)
        self.database_id = database_id  # exports derive stable UIDs from it
        self.reloads = 0
        self.notices: list[str] = []

    def read(self) -> dict[str, dict[str, Doc]]:
        """The copied tables."""
        return self._tables.all()

    def table(self, name: str) -> dict[str, Doc]:
        """One copied table."""
        return self._tables.table(name)

    def get_doc(self, table: str, doc_id: str) -> Doc | None:
        """One copied document, or ``None``."""
        return self._tables.get(table, doc_id)

    def held_parts(self, table: str) -> list[str]:
        """The groups of ``table`` the copy still holds as bytes, by key."""
        return self._tables.held(table)

    def docs_where(self, table: str, field: str, value: Any) -> dict[str, Doc]:
        """The copied documents of ``table`` whose ``field`` is ``value``."""
        return self._tables.where(table, field, value)

    def batches(self, table: str) -> Iterator[dict[str, Doc]]:
        """Every copied document of ``table``, a part at a time, parts still held as bytes
        parsed for this walk only (an index build never holds the whole table)."""
        return self._tables.batches(table)

    def close(self) -> None:
        """Nothing to close."""
