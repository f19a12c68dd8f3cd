"""The append-only save journal: one checksummed line per committed transaction.

File layout (``hallway.json.journal``)::

    <crc32 hex> {"journal": 1, "generation": g, "database_id": "...", "id": "..."}\\n
    <crc32 hex> [g, [[table, doc_id, doc_or_null], ...]]\\n
    ...

The header names the snapshot generation the journal applies to and the journal's own random
id (the snapshot it continues names that id, so a journal is never applied to, or thrown away
because of, a snapshot that does not know it); each entry repeats the generation, so entries
stay usable even if the header is damaged. Each line is fsynced before its save is
acknowledged. Reading rules: a single invalid segment at the very end is a save whose writer
was killed before it was acknowledged (*torn tail*: ignored, and cut off before the next
append); an invalid line followed by a valid one is *damage*, and is counted, never dropped
silently.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from hallway.store.engine.tables import META, Change, is_doc_id

JOURNAL_FORMAT = 1


@dataclass(frozen=True)
class Header:
    """What the first line of a journal says (``journal_id`` is empty in journals written
    before journals had ids)."""

    generation: int
    database_id: str
    journal_id: str = ""


@dataclass
class Scan:
    """The result of reading journal bytes."""

    header: Header | None = None
    entries: list[tuple[int, list[Change]]] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)  # offset just after each entry's line
    end: int = 0  # offset just after the last valid line: where the next append goes
    header_end: int = 0  # offset just after a valid header (where entries start)
    damaged: int = 0  # invalid entry lines followed by valid ones (a bad header: header=None)
    torn_tail: bool = False


def encode_line(value: object) -> bytes:
    """One journal line: checksum, space, compact JSON, newline.

    orjson escapes every control character inside strings, so the payload never contains a
    raw newline. Raises ``TypeError`` for values JSON cannot hold.
    """
    payload = orjson.dumps(value)
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def header_line(generation: int, database_id: str, journal_id: str) -> bytes:
    """The first line of a fresh journal."""
    return encode_line(
        {
            "journal": JOURNAL_FORMAT,
            "generation": generation,
            "database_id": database_id,
            "id": journal_id,
        }
    )


def entry_line(generation: int, changes: list[Change]) -> bytes:
    """The line recording one committed transaction."""
    return encode_line([generation, changes])


def _decode(segment: bytes) -> Any:
    """The JSON value of a line, or ``None`` if its checksum or JSON is wrong."""
    if len(segment) < 10 or segment[8:9] != b" ":
        return None
    payload = segment[9:]
    try:
        if int(segment[:8], 16) != zlib.crc32(payload):
            return None
        return orjson.loads(payload)
    except ValueError:
        return None


def _as_header(value: Any) -> Header | None:
    if (
        isinstance(value, dict)
        and value.get("journal") == JOURNAL_FORMAT
        and _is_count(value.get("generation"))
        and isinstance(value.get("database_id"), str)
        and isinstance(value.get("id", ""), str)
    ):
        return Header(value["generation"], value["database_id"], value.get("id", ""))
    return None


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _as_entry(value: Any) -> tuple[int, list[Change]] | None:
    if not (isinstance(value, list) and len(value) == 2 and _is_count(value[0])):
        return None
    if not isinstance(value[1], list):
        return None
    changes: list[Change] = []
    for change in value[1]:
        if not (isinstance(change, list) and len(change) == 3):
            return None
        table, doc_id, doc = change
        if not (isinstance(table, str) and table != META and is_doc_id(doc_id)):
            return None
        if doc is not None and not isinstance(doc, dict):
            return None
        changes.append((table, doc_id, doc))
    return value[0], changes


def read_header(data: bytes) -> tuple[Header | None, int]:
    """A journal's header alone (``None`` if its first line is not a valid one) and the
    offset just after it: what a reader catching up from a known line needs."""
    newline = data.find(b"\n")
    if newline == -1:
        return None, 0
    header = _as_header(_decode(data[:newline]))
    return header, (newline + 1 if header is not None else 0)


def scan(data: bytes, start: int = 0, *, with_header: bool = True) -> Scan:
    """Read journal bytes from ``start`` (the file start, or a known line boundary when
    catching up with ``with_header=False``). Offsets in the result are absolute."""
    result = Scan(end=start)
    pos = start
    pending = 0  # invalid segments since the last valid line
    first = with_header
    while pos < len(data):
        newline = data.find(b"\n", pos)
        # A segment without its newline was never completely written: always invalid.
        nxt = len(data) if newline == -1 else newline + 1
        value = None if newline == -1 else _decode(data[pos:newline])
        if first:
            first = False
            result.header = _as_header(value)
            if result.header is not None:
                result.end = result.header_end = nxt
            pos = nxt
            continue
        entry = _as_entry(value) if value is not None else None
        if entry is None:
            pending += 1
        else:
            result.damaged += pending
            pending = 0
            result.entries.append(entry)
            result.ends.append(nxt)
            result.end = nxt
        pos = nxt
    # Only the last append can be torn (each earlier one was fsynced, and every append cuts
    # the tail first), so more than one bad segment at the end is damage, not a torn save.
    if pending == 1:
        result.torn_tail = True
    else:
        result.damaged += pending
    return result
