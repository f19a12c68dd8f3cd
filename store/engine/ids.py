"""Record ids that two devices never share, and that stay TinyDB document ids.

Stock TinyDB reads document ids as integers, and every JSON reader keeps integers exact up
to 2**53, so an id is a 53-bit integer made of::

    seconds since 2024-01-01 UTC (33 bits: 272 years) | device tag (14 bits) | sequence (6 bits)

A device's ids only ever grow (a burst of more than 64 in one second borrows the seconds
ahead), and a device picks a tag no device it knows uses, so two devices make the same id only
if they were set up offline at the same moment with the same 1-in-16,384 tag *and* made a
record in the same second with the same sequence number. Every new id is at least 2**20, so
it never meets the small counter ids (1, 2, 3 ...) of databases written before ids were
made this way: those ids are kept as they are, which keeps every export UID derived from them.

Counter ids mean something only inside their own database. When another database's export is
merged in (``hallway import json --merge``), each of its counter ids takes an id of its own
here, worked out from that database's id, the table and the counter id (:func:`imported_id`):
the same on every device and at every merge, so merging a file twice adds nothing twice. Those
ids lie in the first half year of the id clock (2024), which no device makes ids in::

    id < 2**20                  a counter id (a database from before devices)
    2**20 <= id < 2**21         derived from a counter id (see :func:`derived_id`)
    2**21 <= id < 2**44         another database's counter id, merged in (:func:`imported_id`)
    2**44 <= id < 2**53         made by a device (:class:`IdMaker`)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from hallway.store import clock
from hallway.store.devices import TAG_BITS, TAGS

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
SEQUENCE_BITS = 6
SECONDS_BITS = 33
LOW_BITS = TAG_BITS + SEQUENCE_BITS
LEGACY_LIMIT = 1 << LOW_BITS  # every id below this was a per-table counter
MAX_ID = (1 << (SECONDS_BITS + LOW_BITS)) - 1  # 2**53 - 1
# Devices make ids from this second of the id clock on (13 July 2024); the seconds before it
# hold the ids of other databases' counter ids merged in (see imported_id).
MADE_FROM_SECOND = 1 << 24
DATABASE_LOCAL_LIMIT = 2 * LEGACY_LIMIT  # counter ids and ids derived from them are below
MADE_LIMIT = MADE_FROM_SECOND << LOW_BITS  # every id a device makes is at least this


def wall_seconds() -> int:
    """Seconds since :data:`EPOCH`, from Hallway's replaceable clock."""
    return int((clock.now() - EPOCH).total_seconds())


def tag_of(record_id: int) -> int | None:
    """The device tag inside an id (``None`` for a legacy counter id)."""
    if record_id < LEGACY_LIMIT:
        return None
    return (record_id >> SEQUENCE_BITS) & (TAGS - 1)


class IdMaker:
    """Makes one device's ids: unique, and growing, on this device."""

    def __init__(self, tag: int, seconds: Callable[[], int] = wall_seconds) -> None:
        if not 0 <= tag < TAGS:
            raise ValueError(f"a device tag is below {TAGS}, not {tag}")
        self.tag = tag
        self._seconds = seconds
        self._last = 0  # (seconds << SEQUENCE_BITS) | sequence of the last id made
        self._lock = threading.Lock()

    def next(self, above: int = 0) -> int:
        """A new id, greater than every id this maker made and than ``above``."""
        with self._lock:
            # Never below MADE_FROM_SECOND (a clock reset to 1970, say): the seconds before it
            # hold derived and imported ids.
            floor = max(self._last + 1, max(MADE_FROM_SECOND, self._seconds()) << SEQUENCE_BITS)
            if above >= LEGACY_LIMIT:
                floor = max(floor, (above >> LOW_BITS << SEQUENCE_BITS) + (1 << SEQUENCE_BITS))
            self._last = floor
            seconds, sequence = floor >> SEQUENCE_BITS, floor & ((1 << SEQUENCE_BITS) - 1)
            record_id = (seconds << LOW_BITS) | (self.tag << SEQUENCE_BITS) | sequence
            if record_id > MAX_ID:
                raise OverflowError("no ids are left for this device (the year 2296?)")
            return record_id


def derived_id(record_id: int) -> int:
    """An id for a record made *from* record ``record_id`` of another table (the contact a
    promotion makes from an encounter), the same on every device, so two devices promoting
    the same encounter make one contact. A made id is never made again in any table, so it
    serves as it is; a legacy counter id moves to second 1 of the id clock, which no device
    makes ids in."""
    return record_id if record_id >= LEGACY_LIMIT else LEGACY_LIMIT | record_id


def is_database_local(record_id: int) -> bool:
    """Whether an id means something only inside its own database: a counter id, or an id
    derived from one (another database may use the same number for another record)."""
    return record_id < DATABASE_LOCAL_LIMIT


def is_imported(record_id: int) -> bool:
    """Whether an id was made by :func:`imported_id` (no device makes ids in its range)."""
    return DATABASE_LOCAL_LIMIT <= record_id < MADE_LIMIT


def imported_id(database_id: str, table: str, record_id: int, variant: str = "") -> int:
    """The id that record ``record_id`` of ``table`` in the database ``database_id`` takes in
    any other database it is merged into: the same everywhere, every time (a hash), and in a
    range no device makes ids in. ``variant`` tells apart records that share a counter id in
    one database but are not the same record (copies of a database that went separate ways
    before ids were made this way). The range holds about 2**44 ids, so the records of a merge
    of ten thousand people meet by chance about three times in a million merges (the merge
    tells apart those of one file; see :class:`~.translation.IdTranslation`)."""
    key = "\x00".join((database_id, table, str(record_id), variant)).encode()
    import hashlib  # here: loading it (OpenSSL) costs the app's start a millisecond

    digest = hashlib.sha256(key).digest()
    first_second = DATABASE_LOCAL_LIMIT >> LOW_BITS
    seconds = first_second + int.from_bytes(digest[:8], "big") % (MADE_FROM_SECOND - first_second)
    low = int.from_bytes(digest[8:12], "big") & (LEGACY_LIMIT - 1)
    return (seconds << LOW_BITS) | low
