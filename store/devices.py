"""This device: an id of its own, kept in Hallway's config folder (never in the database's
folder, which a sync tool copies to the other devices, and never the host name, which two
machines may share).

``device.json`` holds ``{"id": 32 hex digits, "tag": 0..16383, "name": "…"}``: the id names
the device's files and tells its saves apart; the tag goes into the record ids it makes (see
:mod:`hallway.store.engine.ids`); the name is only for people (``hallway devices``).
"""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from hallway.store.files import make_private_dir, write_atomic

FILE_NAME = "device.json"
TAG_BITS = 14
TAGS = 1 << TAG_BITS  # a device tag is below this (see hallway.store.engine.ids)

# The operating system's randomness, as the secrets module uses (imported here through
# random, which the app has loaded anyway: secrets brings hmac and OpenSSL's hashlib).
_SYSTEM_RANDOM = random.SystemRandom()


def new_tag(taken: Iterable[int] = ()) -> int:
    """A random device tag that none of ``taken`` uses (when one is left)."""
    used = set(taken)
    free = TAGS - len(used & set(range(TAGS)))
    while True:
        tag = _SYSTEM_RANDOM.randrange(TAGS)
        if tag not in used or free <= 0:
            return tag


@dataclass(frozen=True)
class Device:
    """One device that writes to a database."""

    id: str
    tag: int
    name: str


@dataclass(frozen=True)
class DeviceSeen:
    """A device that writes to the database, as this one knows it."""

    id: str  # "" when its files were never complete enough to read
    name: str
    file: str  # its snapshot's name in the folder ("" when no longer there)
    last_change: datetime | None  # its latest change this device has (this device: its files')
    merged_at: datetime | None  # when this device last merged changes of it
    forgotten: bool = False


def config_folder() -> Path:
    """Hallway's config folder (``$XDG_CONFIG_HOME/hallway`` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("hallway", appauthor=False))


def this_device(folder: Path | None = None) -> Device:
    """This device, made (and kept, owner-only) the first time it is asked for."""
    path = (folder or config_folder()) / FILE_NAME
    found = _read(path)
    if found is not None:
        return found
    device = Device(os.urandom(16).hex(), new_tag(), _default_name())
    try:
        save_device(device, path.parent)
    except OSError:
        # No config folder to keep it in (a read-only home): an identity worked out from
        # this machine and user instead, the same every time, so this device's files stay its.
        return _derived_device()
    return device


def _derived_device() -> Device:
    machine = ""
    for source in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            machine = Path(source).read_text().strip()
            break
        except OSError:
            continue
    seed = f"hallway-device:{machine or _default_name()}:{os.getuid()}".encode()
    import hashlib  # here: loading it (OpenSSL) costs the app's start a millisecond

    digest = hashlib.sha256(seed).hexdigest()
    return Device(digest[:32], int(digest[32:40], 16) % TAGS, _default_name())


def save_device(device: Device, folder: Path | None = None) -> None:
    """Keep ``device`` as this device (after choosing a new tag, say)."""
    folder = folder or config_folder()
    make_private_dir(folder)
    data = {"id": device.id, "tag": device.tag, "name": device.name}
    write_atomic(folder / FILE_NAME, orjson.dumps(data, option=orjson.OPT_INDENT_2))


def _read(path: Path) -> Device | None:
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, orjson.JSONDecodeError):
        return None  # unreadable: a new identity is safer than guessing one
    if not (
        isinstance(data, dict)
        and isinstance(data.get("id"), str)
        and len(data["id"]) == 32
        and all(c in "0123456789abcdef" for c in data["id"])
        and isinstance(data.get("tag"), int)
        and 0 <= data["tag"] < TAGS
    ):
        return None
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    return Device(data["id"], data["tag"], name or _default_name())


def _default_name() -> str:
    """A first name for this device ("laptop", "phone"... the user may change it)."""
    if "ANDROID_ROOT" in os.environ or "TERMUX_VERSION" in os.environ:
        return "phone (Termux)"
    try:
        return socket.gethostname().split(".")[0] or "this device"
    except OSError:
        return "this device"
