"""Hallway's durable storage engine: a TinyDB ``Storage`` that is crash-safe, fast at ten
thousand people, and shared safely between processes.

Only the :class:`~hallway.store.db.Store` facade imports this package (an import-linter
contract checks it); everything else goes through the Store. The engine's own modules:

* :mod:`.storage` -- :class:`DurableStorage`: transactions, saves, checkpoints, catching up;
* :mod:`.snapshot`, :mod:`.tables` -- the snapshot file (plain TinyDB JSON, one table per
  line) and its lazily parsed tables;
* :mod:`.journal`, :mod:`.journal_file` -- the append-only, checksummed save journal;
* :mod:`.loading`, :mod:`.recovery`, :mod:`.backups` -- opening, repairing, keeping backups;
* :mod:`.locking` -- the inter-process lock;
* :mod:`.check`, :mod:`.repair` -- ``hallway check`` and ``hallway check --repair``;
* :mod:`.replica`, :mod:`.merge`, :mod:`.writers` -- several devices: stamps, merging, and
  which devices wrote; :mod:`.translation`, :mod:`.merging_in` -- merging another database's
  export in.

It imports only the store's leaf modules (errors, clock, text, files, devices, sync_rules).
What only some commands need (check, repair, merging another database in) is loaded on first
use (:func:`__getattr__`): the app's start need not load it.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from hallway.store.engine.backups import backup_dir
from hallway.store.engine.ids import derived_id
from hallway.store.engine.peer_reading import sync_table
from hallway.store.engine.replica import Replica, own_snapshot
from hallway.store.engine.storage import DurableStorage, FrozenTables, default_lock_timeout
from hallway.store.engine.writers import WRITERS, Writer, writer_key, writers

if TYPE_CHECKING:
    from hallway.store.engine.check import CheckReport, check_database
    from hallway.store.engine.merging_in import apply_merge, plan_merge
    from hallway.store.engine.repair import repair_database
    from hallway.store.engine.translation import IdTranslation

# Names loaded on first use, and the module of each.
_ON_FIRST_USE = {
    "CheckReport": "check",
    "check_database": "check",
    "apply_merge": "merging_in",
    "plan_merge": "merging_in",
    "repair_database": "repair",
    "IdTranslation": "translation",
}


def __getattr__(name: str) -> Any:
    """One of the names loaded on first use (see the module's docstring)."""
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "WRITERS",
    "CheckReport",
    "DurableStorage",
    "FrozenTables",
    "IdTranslation",
    "Replica",
    "Writer",
    "apply_merge",
    "backup_dir",
    "check_database",
    "default_lock_timeout",
    "derived_id",
    "own_snapshot",
    "plan_merge",
    "repair_database",
    "sync_table",
    "writer_key",
    "writers",
]
