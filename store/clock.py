"""Time for Hallway: aware local datetimes, ISO 8601 with offset, and one replaceable clock.

Every "now" in Hallway comes from :func:`now`, so tests (and snapshot screenshots) can fix the
time: call :func:`set_clock` in-process, or set ``HALLWAY_CLOCK`` to an ISO timestamp for a
child process (the tmux end-to-end tests and the snapshot tests use it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

_override: Callable[[], datetime] | None = None


def now() -> datetime:
    """The current time, timezone-aware, in the local zone (or the fixed test clock)."""
    if _override is not None:
        return _override()
    fixed = os.environ.get("HALLWAY_CLOCK")
    if fixed:
        return parse_time(fixed)
    return datetime.now().astimezone()


def today() -> date:
    """Today's date according to :func:`now`."""
    return now().date()


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Replace the clock (``None`` restores the real one). For tests."""
    global _override
    _override = clock


def format_time(moment: datetime) -> str:
    """ISO 8601 with offset, to the second; naive datetimes are taken as local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def parse_time(text: object) -> datetime:
    """Parse an ISO 8601 timestamp; a missing offset is taken as local time."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO 8601 timestamp, got {text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def format_date(day: date) -> str:
    """ISO 8601 calendar date (YYYY-MM-DD)."""
    return day.isoformat()


def parse_date(text: object) -> date:
    """Parse a YYYY-MM-DD date (a full timestamp is accepted and cut to its date)."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO 8601 date, got {text!r}")
    if len(text) > 10:
        return parse_time(text).date()
    return date.fromisoformat(text)
