"""Hybrid logical clocks: an order of changes that every device agrees on.

A stamp is wall-clock milliseconds, a counter and the writing device's tag, encoded as a
fixed-width hex string, so comparing two stamps as strings compares them in time (and two
devices never make the same stamp). A clock never goes backwards, even when the wall clock
does, and after seeing another device's stamp it only makes later ones, so a change made
after reading another device's change is always newer than it (Kulkarni et al., 2014).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hallway.store import clock

MS_DIGITS = 12  # 48 bits of milliseconds: until the year 10889
COUNTER_DIGITS = 4
TAG_DIGITS = 4  # device tags are 14 bits (see ids.py)
STAMP_LENGTH = MS_DIGITS + COUNTER_DIGITS + TAG_DIGITS
ZERO = "0" * STAMP_LENGTH  # older than every stamp: what an unknown past writer is given


def encode(ms: int, counter: int, tag: int) -> str:
    """A stamp from its parts."""
    return f"{ms:0{MS_DIGITS}x}{counter:0{COUNTER_DIGITS}x}{tag:0{TAG_DIGITS}x}"


def decode(stamp: str) -> tuple[int, int, int]:
    """(milliseconds, counter, device tag) of a stamp; ValueError if it is not one."""
    if len(stamp) != STAMP_LENGTH:
        raise ValueError(f"not a clock stamp: {stamp!r}")
    return (
        int(stamp[:MS_DIGITS], 16),
        int(stamp[MS_DIGITS : MS_DIGITS + COUNTER_DIGITS], 16),
        int(stamp[MS_DIGITS + COUNTER_DIGITS :], 16),
    )


def is_stamp(value: object) -> bool:
    """Whether ``value`` is a well-formed stamp."""
    if not isinstance(value, str) or len(value) != STAMP_LENGTH:
        return False
    try:
        int(value, 16)
    except ValueError:
        return False
    return value == value.lower()


def wall_ms() -> int:
    """Milliseconds since the epoch, from Hallway's replaceable clock."""
    return int(clock.now().timestamp() * 1000)


class HybridClock:
    """One device's clock. Thread-safe: a background checkpoint may observe stamps while the
    user saves."""

    def __init__(self, tag: int, wall: Callable[[], int] = wall_ms) -> None:
        self.tag = tag
        self._wall = wall
        self._ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> str:
        """A new stamp, later than every stamp this clock made or observed."""
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
                if self._counter >= 16**COUNTER_DIGITS:  # a burst: borrow the next millisecond
                    self._ms, self._counter = self._ms + 1, 0
            return encode(self._ms, self._counter, self.tag)

    def observe(self, stamp: str) -> None:
        """Take note of another device's stamp: stamps made from now on are later than it."""
        ms, counter, _tag = decode(stamp)
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, counter
