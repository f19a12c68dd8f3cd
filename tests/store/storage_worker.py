"""A separate process for the storage tests (crash, two-process and failure tests).

Usage::

    storage_worker.py writer DB PREFIX COUNT [--wait-go]   # mixed saves, one ack line each
    storage_worker.py capture DB PREFIX COUNT [--wait-go]  # captures only, one ack line each
    storage_worker.py cycle DB PREFIX COUNT                # open, capture, close; again
    storage_worker.py fsize DB EXTRA_BYTES                 # a save hitting RLIMIT_FSIZE
    storage_worker.py as-nobody DB                         # a save without write permission
    storage_worker.py hold DB                              # hold the lock until a stdin line
    storage_worker.py device DB ID TAG PREFIX COUNT        # as device ID: saves and merges

Each acknowledged save prints one line *after* the store call returned, so a line on stdout
means the save was durable. Outcome-reporting modes print one JSON object.
"""

from __future__ import annotations

import json
import os
import pwd
import resource
import signal
import sys

from hallway.store.db import Store
from hallway.store.errors import HallwayError, SaveError


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _ready(wait_go: bool) -> None:
    _say("ready")
    if wait_go:
        sys.stdin.readline()


def writer(db: str, prefix: str, count: int, wait_go: bool) -> None:
    """Capture, add a note, toggle meaningful -- round and round, acking each save."""
    with Store.open(db) as store:
        _ready(wait_go)
        for n in range(count):
            name = f"{prefix}-{n}"
            encounter = store.capture(f"{name} @Crash Test #kill -- first {name}")
            _say(f"capture {encounter.id} {name}")
            store.add_note(encounter.id, f"second {name}")
            _say(f"note {encounter.id} second {name}")
            flipped = store.toggle_meaningful(encounter.id)
            _say(f"toggle {encounter.id} {int(flipped.meaningful)}")


def capture(db: str, prefix: str, count: int, wait_go: bool) -> None:
    """Capture ``count`` people, acking each save."""
    with Store.open(db) as store:
        _ready(wait_go)
        for n in range(count):
            encounter = store.capture(f"{prefix}-{n} #two")
            _say(f"capture {encounter.id} {prefix}-{n}")


def cycle(db: str, prefix: str, count: int) -> None:
    """Open, capture one person, close (which folds the journal), ``count`` times: acks the
    capture once it returned, and ``closed`` once closing returned, so kills land in the
    exit folds (and the opens after them)."""
    _ready(False)
    for n in range(count):
        with Store.open(db) as store:
            encounter = store.capture(f"{prefix}-{n} #cycle")
            _say(f"capture {encounter.id} {prefix}-{n}")
        _say(f"closed {encounter.id} {prefix}-{n}")


def _attempt(store: Store, line: str) -> dict[str, object]:
    before = len(store.encounters())
    try:
        store.capture(line)
    except SaveError as exc:
        return {"error": str(exc), "before": before, "after": len(store.encounters())}
    return {"error": None, "before": before, "after": len(store.encounters())}


def fsize(db: str, extra: int) -> None:
    """Let files grow only ``extra`` bytes past the journal, then save something bigger."""
    with Store.open(db) as store:
        journal = os.path.getsize(db + ".journal")
        # Without this the kernel kills the process with SIGXFSZ instead of failing the write.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (journal + extra, resource.RLIM_INFINITY))
        _say(json.dumps(_attempt(store, "Big Note -- " + "x" * (extra * 4))))


def as_nobody(db: str) -> None:
    """Open the database as user nobody (read-only to them) and try to save."""
    # Imported now (the store imports them on first use): root's modules are not readable
    # to nobody.
    import hashlib  # noqa: F401

    import platformdirs  # noqa: F401

    nobody = pwd.getpwnam("nobody")
    os.setgid(nobody.pw_gid)
    os.setuid(nobody.pw_uid)
    try:
        store = Store.open(db)
    except HallwayError as exc:
        _say(json.dumps({"open_error": str(exc)}))
        return
    with store:
        _say(json.dumps(_attempt(store, "Nobody Here -- hello")))


def hold(db: str) -> None:
    """Hold the database's lock inside a transaction (as a save stopped half-way, say by
    Ctrl-Z, would) until a line arrives on stdin."""
    with Store.open(db) as store, store.transaction():
        _say(f"holding {os.getpid()}")
        sys.stdin.readline()


def as_device(db: str, device_id: str, tag: int, prefix: str, count: int) -> None:
    """Open as another device; capture and note, acking each save, and pick up the other
    devices' files (``Store.refresh``, a merge) every few saves, saying when one begins."""
    from hallway.store.devices import Device

    with Store.open(db, device=Device(device_id, tag, "phone")) as store:
        _ready(False)
        for n in range(count):
            name = f"{prefix}-{n}"
            encounter = store.capture(f"{name} @Kill Test -- first {name}")
            _say(f"capture {encounter.id} {name}")
            store.add_note(encounter.id, f"second {name}")
            _say(f"note {encounter.id} second {name}")
            if n % 3 == 0:
                _say("merge 0 begins")
                store.refresh()
                _say("merge 0 done")


def main(argv: list[str]) -> None:
    """Dispatch on the mode named by the first argument."""
    mode, db, *rest = argv
    wait_go = "--wait-go" in rest
    if mode == "writer":
        writer(db, rest[0], int(rest[1]), wait_go)
    elif mode == "capture":
        capture(db, rest[0], int(rest[1]), wait_go)
    elif mode == "cycle":
        cycle(db, rest[0], int(rest[1]))
    elif mode == "fsize":
        fsize(db, int(rest[0]))
    elif mode == "as-nobody":
        as_nobody(db)
    elif mode == "hold":
        hold(db)
    elif mode == "device":
        as_device(db, rest[0], int(rest[1]), rest[2], int(rest[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
